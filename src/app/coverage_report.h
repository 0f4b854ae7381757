/*
 * Coverage (SPEC section 3) from the store: the one piece of code behind GET /coverage,
 * GET /api/v1/coverage (and .csv) and `compact coverage`, on one date or two compared.
 */
#ifndef APP_COVERAGE_REPORT_H
#define APP_COVERAGE_REPORT_H

#include <stddef.h>

#include "store/store.h"
#include "core/coverage.h"
#include "core/field_error.h"
#include "base/arena.h"

/* What a coverage report is asked for. */
struct coverage_query {
    date_t as_of;
    date_t from; /* with compare: the earlier date, compared with as_of */
    int compare;
    enum authority_set set;
};

#define COVERAGE_QUERY_ERRORS 3

/*
 * Read as_of and from ("YYYY-MM-DD"; NULL or "" for today and for no comparison) and set
 * ("2012" or "current"; NULL or "" for current) into *q. Each bad one adds a field_error naming
 * it ("as_of", "from", "set") to errs; returns how many. A from not before as_of is bad
 * (coverage_query_ordered).
 */
size_t coverage_query(const char *as_of, const char *from, const char *set, date_t today,
                      struct coverage_query *q, struct field_error errs[COVERAGE_QUERY_ERRORS]);

/* Whether q compares nothing, or compares a from before its as_of: the rule for the dates
 * however they were entered. */
int coverage_query_ordered(const struct coverage_query *q);

/* A report: coverage on as_of and, when compared, on from and what changed between (change
 * points into the report itself: it stays where coverage_report filled it). */
struct coverage_report {
    struct coverage now;           /* on as_of */
    struct coverage then;          /* on from (compared only) */
    struct coverage_change change; /* from then to now (compared only) */
    int compared;
    struct coverage_point *timeline; /* coverage over time (with timeline only), or NULL */
    size_t npoints;
};

/* The report q asks for, from the store, into out (from arena); with timeline set, the points
 * of coverage over time too (coverage_timeline). */
int coverage_report(struct store *st, const struct coverage_query *q, int timeline,
                    struct arena *arena, struct coverage_report *out);

#endif
