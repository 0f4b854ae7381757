/* GET /coverage: the coverage page (SPEC section 3), on a date or two compared. */
#include <stdio.h>
#include <string.h>

#include "authority_query.h"
#include "coverage_map.h"
#include "day_query.h"
#include "handlers.h"
#include "app/coverage_report.h"
#include "view/page_coverage.h"
#include "base/err.h"
#include "base/banned.h"

/* Room for the errors of set, type, region and the two dates. */
#define PAGE_ERRORS 5

int page_coverage(struct request *r)
{
    struct coverage_view v = {0};
    struct field_error errs[PAGE_ERRORS];
    struct authority_filter f;
    struct coverage_query q = {0};
    struct coverage_report *rep = arena_alloc(r->arena, sizeof(*rep));
    date_t today = date_today();
    size_t n;
    int as_of, from, ret;

    n = authority_query(r, 0, &f, errs); /* set, type, region: at most 3 */
    as_of = day_query(r, "as_of",
                      "The date to show coverage on must be a real date, for example "
                      "31 3 2012",
                      v.as_of_given, &v.as_of, &q.as_of, errs, &n);
    from =
        day_query(r, "from", "The date to compare with must be a real date, for example 1 4 2011",
                  v.from_given, &v.from, &q.from, errs, &n);
    q.as_of = as_of == 0 ? q.as_of : today;
    q.compare = from == 0;
    q.set = (enum authority_set)f.set;
    if (as_of >= 0 && !coverage_query_ordered(&q)) {
        struct buf msg = BUF_INIT;
        char day[DATE_LONG_MAX + 1];
        date_format_long(q.as_of, day);
        buf_addf(&msg, "The date to compare with must be before %s, the date to show coverage on",
                 day);
        errs[n++] = (struct field_error){"from", arena_strdup(r->arena, msg.data)};
        buf_release(&msg);
    }
    v.today = today;
    v.set = f.set;
    v.type = f.type;
    v.region = f.region;
    v.errors = errs;
    v.nerrors = n;
    if (n) {
        r->status = 400;
    } else {
        if ((ret = coverage_report(r->st, &q, 1, r->arena, rep)) < 0) {
            return ret;
        }
        v.cov = &rep->now;
        v.change = rep->compared ? &rep->change : NULL;
        v.points = rep->timeline;
        v.npoints = rep->npoints;
        v.map = coverage_hexmap(q.set);
        r->cache_day = today; /* as of today, or worded from today: stale after midnight */
    }
    r->content_type = "text/html; charset=utf-8";
    view_coverage_page(r->body, &v, request_viewer(r));
    return 0;
}
