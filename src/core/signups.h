/*
 * The case for signing up (SPEC section 9): on a date, which statutory bodies have signed each
 * active local Compact, and whether each council has signed the Compact that covers its area.
 * Pure: made from coverage on that date (core/coverage.h) and the statutory signatories of every
 * Compact, which the caller loads.
 */
#ifndef CORE_SIGNUPS_H
#define CORE_SIGNUPS_H

#include <stddef.h>

#include "core/compact.h"
#include "core/coverage.h"
#include "core/organisation.h"
#include "base/arena.h"
#include "base/date.h"

/* The kinds of statutory signatory: a council, an NHS body, the police, a fire and rescue
 * service (the statutory partners whose absence the report names), and any other public body. */
enum signup_type {
    SIGNUP_COUNCIL,
    SIGNUP_NHS,
    SIGNUP_POLICE,
    SIGNUP_FIRE,
    SIGNUP_OTHER,
    SIGNUP_TYPE_COUNT
};
/* The first SIGNUP_PARTNERS types are those missing_types names. */
#define SIGNUP_PARTNERS 4
/* Every partner type, as bits (1u << type). */
#define SIGNUP_ALL_PARTNERS ((1u << SIGNUP_PARTNERS) - 1)

/* "council", "nhs", "police", "fire", "other" (the API's words). */
const char *signup_type_id(enum signup_type t);
/* For people, in a list: "council", "NHS body", "police", "fire and rescue service",
 * "other public body". */
const char *signup_type_label(enum signup_type t);
/* The kind of signatory an organisation of type t is; -1 for a voluntary or private one. */
int signup_type_of(enum org_type t);

/* Whether a signature counts on the day on: from the day it was signed until the day it was
 * withdrawn (withdrawn_on 0: never). */
int signup_counts(date_t signed_on, date_t withdrawn_on, date_t on);

/* Whether the signatory with org_ref (an org-id, or a number as text) signing on signed_on and
 * withdrawing on withdrawn_on is the council whose org-id is council and counts on on. */
int signup_is_council(const char *org_ref, date_t signed_on, date_t withdrawn_on,
                      const char *council, date_t on);

/* A statutory signatory of a Compact. Strings borrowed from whoever filled it. */
struct signup_signatory {
    long long compact_id;
    const char *org_ref; /* its org-id, or its number as text (as URLs name it) */
    const char *name;
    enum org_type type;
    date_t signed_on, withdrawn_on; /* withdrawn_on 0 while it is still a signatory */
};

/* The types of the statutory signatories s[0..n) that count on on, as bits (1u << type);
 * signatories of any Compact count (give one Compact's). */
unsigned signup_types(const struct signup_signatory *s, size_t n, date_t on);

/* An active Compact and its statutory signatories on the day. */
struct signup_compact {
    long long id;
    const char *name;
    const struct signup_signatory *const *signatories; /* counting on the day, by type, then
                                                          name */
    size_t nsignatories;
    unsigned signed_types; /* bits (1u << enum signup_type) */
};

/* Whether a council has signed the Compact that covers its area. */
enum signup_state {
    SIGNUP_SIGNED,
    SIGNUP_NOT_SIGNED,
    SIGNUP_NOT_COVERED, /* no active Compact covers it (one may be in development) */
    SIGNUP_STATE_COUNT
};
/* "signed", "not_signed", "not_covered"; and "Signed", "Not signed", "Not covered". */
const char *signup_state_id(enum signup_state s);
const char *signup_state_label(enum signup_state s);

/* An authority's council. */
struct signup_row {
    const struct coverage_row *cov; /* the authority, and the Compact that covers it */
    const char *council;            /* its council's org-id (GB-LAE-...), or NULL: no code */
    enum signup_state state;
    const struct signup_signatory *signature; /* SIGNUP_SIGNED: the council's, else NULL */
};

struct signups {
    const struct coverage *cov;      /* borrowed: the coverage it was made from */
    struct signup_compact *compacts; /* those active on the day, by name, then id */
    size_t ncompacts;
    struct signup_row *rows; /* one per row of cov, in cov's order */
    size_t nrows;
    const size_t *by_region; /* the indexes of rows by region (ONS order), then the council's
                                official name */
    size_t all[SIGNUP_STATE_COUNT];
    size_t region[REGION_COUNT][SIGNUP_STATE_COUNT]; /* by region_name() index */
    size_t missing[SIGNUP_PARTNERS]; /* how many active Compacts each partner type has not
                                        signed */
};

/*
 * The report on cov's day: the Compacts c[0..nc) (those coverage was computed from; the active
 * ones are kept) with the statutory signatories s[0..ns) (of any Compacts, in any order; those
 * of other sectors are ignored). A council has signed when its own GB-LAE- organisation is a
 * signatory, counting on the day, of the Compact cov says covers its area; a district covered
 * through its county's Compact has signed only if the district council itself signed it.
 * Everything from arena; s and cov must outlive out.
 */
void signups_compute(const struct coverage *cov, const struct coverage_compact *c, size_t nc,
                     const struct signup_signatory *s, size_t ns, struct arena *arena,
                     struct signups *out);

/* The row of the authority with current code gss, or NULL. */
const struct signup_row *signups_find(const struct signups *su, const char *gss);

#endif
