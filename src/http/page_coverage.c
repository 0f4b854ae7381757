/* GET /coverage: the coverage page (SPEC section 3). */
#include "coverage_map.h"
#include "handlers.h"
#include "app/coverage_report.h"
#include "view/page_coverage.h"
#include "base/banned.h"

int page_coverage(struct request *r)
{
    struct coverage_view v = {0};
    struct field_error errs[2];
    struct coverage cov;
    struct coverage_point *points;
    enum authority_set set;
    const char *as_of = query_get(&r->query, "as_of");
    date_t today = date_today(), day;
    int ret;

    v.as_of = as_of && *as_of ? as_of : NULL;
    v.nerrors = coverage_query(as_of, query_get(&r->query, "set"), today, &day, &set, errs);
    v.errors = errs;
    v.set = (int)set;
    if (v.nerrors) {
        r->status = 400;
    } else {
        if ((ret = coverage_report(r->st, set, day, r->arena, &cov, &points, &v.npoints)) < 0) {
            return ret;
        }
        v.points = points;
        v.cov = &cov;
        v.map = coverage_hexmap(set);
        if (!v.as_of) {
            r->cache_day = today; /* as of today: stale after midnight */
        }
    }
    r->content_type = "text/html; charset=utf-8";
    view_coverage_page(r->body, &v, request_viewer(r));
    return 0;
}
