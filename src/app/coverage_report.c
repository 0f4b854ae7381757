/* Coverage from the store, and its query parameters. */
#include "coverage_report.h"

#include <string.h>

#include "base/banned.h"

size_t coverage_query(const char *as_of, const char *from, const char *set, date_t today,
                      struct coverage_query *q, struct field_error errs[COVERAGE_QUERY_ERRORS])
{
    size_t n = 0;
    int as_of_ok = 1;

    *q = (struct coverage_query){.as_of = today, .set = AUTH_SET_CURRENT};
    if (as_of && *as_of && date_parse(as_of, strlen(as_of), &q->as_of) < 0) {
        q->as_of = today;
        as_of_ok = 0;
        errs[n++] = (struct field_error){"as_of", "Enter the date as YYYY-MM-DD, for example "
                                                  "2012-03-31"};
    }
    if (from && *from) {
        if (date_parse(from, strlen(from), &q->from) < 0) {
            errs[n++] = (struct field_error){"from", "Enter the date as YYYY-MM-DD, for example "
                                                     "2011-04-01"};
        } else {
            q->compare = 1;
            if (as_of_ok && !coverage_query_ordered(q)) {
                errs[n++] = (struct field_error){"from", "from must be before as_of (today when "
                                                         "as_of is not given)"};
            }
        }
        if (n) {
            q->compare = 0;
        }
    }
    if (set && *set && authority_set_parse(set, &q->set) < 0) {
        q->set = AUTH_SET_CURRENT;
        errs[n++] = (struct field_error){"set", "Choose a set of authorities: 2012 (the 2009 to "
                                                "2019 set) or current"};
    }
    return n;
}

int coverage_query_ordered(const struct coverage_query *q)
{
    return !q->compare || q->from < q->as_of;
}

int coverage_report(struct store *st, const struct coverage_query *q, int timeline,
                    struct arena *arena, struct coverage_report *out)
{
    struct authority *auth;
    struct coverage_compact *compacts;
    size_t nauth, ncompacts;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_coverage_load(st, q->set, arena, &auth, &nauth, &compacts, &ncompacts)) < 0) {
        return ret;
    }
    coverage_compute(auth, nauth, q->set, compacts, ncompacts, q->as_of, arena, &out->now);
    if (q->compare) {
        coverage_compute(auth, nauth, q->set, compacts, ncompacts, q->from, arena, &out->then);
        coverage_compare(&out->then, &out->now, arena, &out->change);
        out->compared = 1;
    }
    if (timeline) {
        coverage_timeline(auth, nauth, q->set, compacts, ncompacts, arena, &out->timeline,
                          &out->npoints);
    }
    return 0;
}
