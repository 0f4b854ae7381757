/* GET /signups: the case for signing up (SPEC section 9), on a day. */
#include <string.h>

#include "coverage_map.h"
#include "day_query.h"
#include "handlers.h"
#include "app/signups_report.h"
#include "view/page_signups.h"
#include "base/banned.h"

/* Room for the errors of the day and the set. */
#define PAGE_ERRORS 2

int page_signups(struct request *r)
{
    struct signups_view v = {0};
    struct field_error errs[PAGE_ERRORS];
    struct coverage_query q = {.set = AUTH_SET_CURRENT}, sets;
    struct field_error set_errs[COVERAGE_QUERY_ERRORS];
    struct signups_report *rep = arena_alloc(r->arena, sizeof(*rep));
    date_t today = date_today();
    size_t n = 0;
    int ret;

    if (day_query(r, "as_of", "The date must be a real date, for example 31 3 2012", v.as_of_given,
                  &v.as_of, &q.as_of, errs, &n) != 0) {
        q.as_of = today;
    }
    if (coverage_query(NULL, NULL, query_get(&r->query, "set"), today, &sets, set_errs)) {
        errs[n++] = set_errs[0]; /* the set, read as coverage reads it */
    }
    q.set = sets.set;
    v.today = today;
    v.set = q.set;
    v.errors = errs;
    v.nerrors = n;
    if (n) {
        r->status = 400;
    } else {
        if ((ret = signups_report(r->st, &q, r->arena, rep)) < 0) {
            return ret;
        }
        v.su = &rep->su;
        v.map = coverage_hexmap(q.set);
        r->cache_day = today; /* worded from today ("had", "have"): stale after midnight */
    }
    r->content_type = "text/html; charset=utf-8";
    view_signups_page(r->body, &v, request_viewer(r));
    return 0;
}
