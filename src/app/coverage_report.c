/* Coverage from the store, and its query parameters. */
#include "coverage_report.h"

#include <string.h>

#include "base/banned.h"

size_t coverage_query(const char *as_of, const char *set, date_t today, date_t *day,
                      enum authority_set *s, struct field_error errs[2])
{
    size_t n = 0;

    *day = today;
    *s = AUTH_SET_CURRENT;
    if (as_of && *as_of && date_parse(as_of, strlen(as_of), day) < 0) {
        *day = today;
        errs[n++] = (struct field_error){"as_of", "Enter the date as YYYY-MM-DD, for example "
                                                  "2012-03-31"};
    }
    if (set && *set && authority_set_parse(set, s) < 0) {
        *s = AUTH_SET_CURRENT;
        errs[n++] = (struct field_error){"set", "Choose a set of authorities: 2012 (the 2009 to "
                                                "2019 set) or current"};
    }
    return n;
}

int coverage_report(struct store *st, enum authority_set set, date_t as_of, struct arena *arena,
                    struct coverage *out, struct coverage_point **timeline, size_t *npoints)
{
    struct authority *auth;
    struct coverage_compact *compacts;
    size_t nauth, ncompacts;
    int ret;

    memset(out, 0, sizeof(*out));
    if (timeline) {
        *timeline = NULL;
        *npoints = 0;
    }
    if ((ret = store_coverage_load(st, set, arena, &auth, &nauth, &compacts, &ncompacts)) < 0) {
        return ret;
    }
    coverage_compute(auth, nauth, set, compacts, ncompacts, as_of, arena, out);
    if (timeline) {
        coverage_timeline(auth, nauth, set, compacts, ncompacts, arena, timeline, npoints);
    }
    return 0;
}
