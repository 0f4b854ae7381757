/*
 * Coverage (SPEC section 3) from the store: the one piece of code behind GET /coverage,
 * GET /api/v1/coverage (and .csv) and `compact coverage`.
 */
#ifndef APP_COVERAGE_REPORT_H
#define APP_COVERAGE_REPORT_H

#include <stddef.h>

#include "store/store.h"
#include "core/coverage.h"
#include "core/field_error.h"
#include "base/arena.h"

/*
 * Read as_of ("YYYY-MM-DD"; NULL or "" for today) and set ("2012" or "current"; NULL or "" for
 * current) into *day and *set. Each bad one adds a field_error naming it ("as_of", "set") to
 * errs (room for 2); returns how many.
 */
size_t coverage_query(const char *as_of, const char *set, date_t today, date_t *day,
                      enum authority_set *s, struct field_error errs[2]);

/* Coverage on as_of of set, from the store, into out (rows from arena). With timeline set,
 * also the points of coverage over time (coverage_timeline) into *timeline and *npoints. */
int coverage_report(struct store *st, enum authority_set set, date_t as_of, struct arena *arena,
                    struct coverage *out, struct coverage_point **timeline, size_t *npoints);

#endif
