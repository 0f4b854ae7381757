/* GET /api/v1/coverage and its .csv variant: coverage as of a date, or two dates compared (SPEC
 * section 3). */
#include "handlers.h"
#include "app/coverage_report.h"
#include "codec/json_coverage.h"
#include "base/banned.h"

/* Coverage for the query's as_of, from and set, as JSON or (csv set) CSV; or a 400 problem
 * naming the parameter. */
static int coverage(struct request *r, int csv)
{
    struct field_error errs[COVERAGE_QUERY_ERRORS];
    struct coverage_report rep;
    struct coverage_query q;
    const char *as_of = query_get(&r->query, "as_of");
    date_t today = date_today();
    int ret;

    if (coverage_query(as_of, query_get(&r->query, "from"), query_get(&r->query, "set"), today, &q,
                       errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    if (!as_of || !*as_of) {
        r->cache_day = today; /* as of today: stale after midnight */
    }
    if ((ret = coverage_report(r->st, &q, 0, r->arena, &rep)) < 0) {
        return ret;
    }
    if (csv) {
        r->content_type = "text/csv; charset=utf-8";
        csv_coverage(r->body, &rep.now, rep.compared ? &rep.change : NULL);
    } else {
        r->content_type = "application/json";
        json_coverage(r->body, &rep.now, rep.compared ? &rep.change : NULL);
    }
    return 0;
}

int api_coverage(struct request *r)
{
    return coverage(r, 0);
}

int api_coverage_csv(struct request *r)
{
    return coverage(r, 1);
}
