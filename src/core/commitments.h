/*
 * The commitments catalogue's default content (SPEC section 4): the five sections of the national
 * Compact 2010 and the commitments the rules test, each with its number, the party that makes it,
 * a paraphrase written for this project (not the official wording) and the rules that test it.
 *
 * This is seed data: the store copies it into an editable table, and what people see comes from
 * there. Numbers outside section 1 have not been checked against the official text (verified is
 * 0), which is why they are data that admins can correct and never appear in the rules engine:
 * a finding names its rule, and the caller looks the commitment up.
 */
#ifndef CORE_COMMITMENTS_H
#define CORE_COMMITMENTS_H

#include <stddef.h>

enum party { PARTY_PUBLIC_BODIES, PARTY_CSOS, PARTY_COUNT };

/* "public_bodies", "csos"; "" when out of range. */
const char *party_id(enum party p);
/* "public bodies", "CSOs". */
const char *party_label(enum party p);
/* 0 and *out, or ERR_INVALID (*out = PARTY_PUBLIC_BODIES). */
int party_parse(const char *s, enum party *out);

#define COMMITMENT_SECTIONS  5
#define COMMITMENT_RULES_MAX 2

struct commitment_section {
    int number; /* 1 to COMMITMENT_SECTIONS */
    const char *title;
};

struct commitment {
    const char *number; /* "4.4" */
    int section;        /* the number before the dot */
    enum party party;
    const char *paraphrase;
    int verified; /* 1 when the number has been checked against the official text */
    const char *rules[COMMITMENT_RULES_MAX]; /* rule ids (rules.h); unused entries NULL */
};

/* The sections in order; static, *n = COMMITMENT_SECTIONS. */
const struct commitment_section *commitment_sections(size_t *n);
/* The default commitments, by section and number; static. */
const struct commitment *commitments_default(size_t *n);
/* The default number of the commitment a rule tests ("funding.notice" -> "4.4"); static, or
 * NULL for a rule the catalogue does not know. */
const char *commitment_for_rule(const char *rule);
/* The default commitment a rule tests, number and paraphrase; static, or NULL as above. */
const struct commitment *commitment_of_rule(const char *rule);

/* The commitments catalogue (SPEC section 4), as stored and corrected. */
struct commitment_row {
    long long id;
    const char *number; /* "4.4" */
    int section;
    const char *section_title;
    enum party party;
    const char *paraphrase;
    int verified;
    const char *rules; /* the rule ids that test it, space-separated, or NULL */
};

#endif
