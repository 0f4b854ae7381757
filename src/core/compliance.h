/* A Compact's compliance at a glance: its stored findings counted by rule, organisation and month.
 */
#ifndef CORE_COMPLIANCE_H
#define CORE_COMPLIANCE_H

#include <stddef.h>

#include "rules.h"

struct tally {
    const char *key; /* a rule, an org-id ("" for none given) or a month "YYYY-MM"; borrowed */
    size_t counts[VERDICT_COUNT];
};

#define COMPLIANCE_MAX_KEYS 64

struct compliance {
    struct tally by_rule[RULE_COUNT];
    size_t nrules;
    struct tally by_org[COMPLIANCE_MAX_KEYS];
    size_t norgs;
    struct tally by_month[COMPLIANCE_MAX_KEYS];
    size_t nmonths;
    size_t totals[VERDICT_COUNT];
    int truncated; /* more organisations or months than fit: the rest are left out */
};

/* A recorded activity as lists show it (strings borrowed from whoever filled it). */
struct activity_summary {
    long long id, compact_id;
    const char *compact_name;
    const char *kind;        /* activity_kind_id() */
    const char *org_id;      /* the organisation it concerns as recorded, or NULL */
    const char *org_name;    /* the register's name of org_id, or NULL when it has none */
    const char *recorded_at; /* "YYYY-MM-DDTHH:MM:SSZ" */
    const char *overall;     /* verdict_id() of its latest check */
    const char *title;       /* the title it was given, or NULL */
    int planned;             /* its decision falls after the day asked about: a plan still */
};

/*
 * Count rows into out, keys in order of first appearance (months sorted). Strings are borrowed
 * from rows; month keys point into recorded_at, which must outlive out (only the first 7
 * characters count: the key is compared by that prefix).
 */
void compliance_summarise(const struct finding_record *rows, size_t n, struct compliance *out);

#endif
