/* GET /api/v1/signups and its .csv variant: the case for signing up on a day (SPEC section 9). */
#include "handlers.h"
#include "app/signups_report.h"
#include "codec/json_signups.h"
#include "base/banned.h"

/* The report for the query's as_of and set, as JSON or (csv set) CSV; or a 400 problem naming
 * the parameter. */
static int signups(struct request *r, int csv)
{
    struct field_error errs[COVERAGE_QUERY_ERRORS];
    struct signups_report *rep = arena_alloc(r->arena, sizeof(*rep));
    struct coverage_query q;
    const char *as_of = query_get(&r->query, "as_of");
    date_t today = date_today();
    int ret;

    if (coverage_query(as_of, NULL, query_get(&r->query, "set"), today, &q, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    if (!as_of || !*as_of) {
        r->cache_day = today; /* as of today: stale after midnight */
    }
    if ((ret = signups_report(r->st, &q, r->arena, rep)) < 0) {
        return ret;
    }
    if (csv) {
        r->content_type = "text/csv; charset=utf-8";
        csv_signups(r->body, &rep->su);
    } else {
        r->content_type = "application/json";
        json_signups(r->body, &rep->su);
    }
    return 0;
}

int api_signups(struct request *r)
{
    return signups(r, 0);
}

int api_signups_csv(struct request *r)
{
    return signups(r, 1);
}
