/* GET /api/v1/coverage and its .csv variant: coverage as of a date (SPEC section 3). */
#include "handlers.h"
#include "app/coverage_report.h"
#include "codec/json_coverage.h"
#include "base/banned.h"

/* Coverage for the query's as_of and set, or a 400 problem naming the parameter (*done). */
static int load(struct request *r, struct coverage *cov, int *done)
{
    struct field_error errs[2];
    enum authority_set set;
    const char *as_of = query_get(&r->query, "as_of");
    date_t today = date_today(), day;

    *done = 0;
    if (coverage_query(as_of, query_get(&r->query, "set"), today, &day, &set, errs)) {
        *done = 1;
        return reply_bad_query(r, &errs[0]);
    }
    if (!as_of || !*as_of) {
        r->cache_day = today; /* as of today: stale after midnight */
    }
    return coverage_report(r->st, set, day, r->arena, cov, NULL, NULL);
}

int api_coverage(struct request *r)
{
    struct coverage cov;
    int done, ret = load(r, &cov, &done);

    if (ret < 0 || done) {
        return ret;
    }
    r->content_type = "application/json";
    json_coverage(r->body, &cov);
    return 0;
}

int api_coverage_csv(struct request *r)
{
    struct coverage cov;
    int done, ret = load(r, &cov, &done);

    if (ret < 0 || done) {
        return ret;
    }
    r->content_type = "text/csv; charset=utf-8";
    csv_coverage(r->body, &cov);
    return 0;
}
