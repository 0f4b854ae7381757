/*
 * GET /api/v1/organisations/{id}/indicators (?min_count, ?compact_id), GET /api/v1/grants and
 * /api/v1/contracts (filters, limit, cursor) and their .csv variants.
 */
#include "handlers.h"
#include "opendata_query.h"
#include "paging.h"
#include "app/indicators_report.h"
#include "codec/json_indicators.h"
#include "base/err.h"
#include "base/banned.h"

/* The indicators the route and query name, or the 400 or 404 problem (*done). */
static int load(struct request *r, struct indicators_report *rep, int *done)
{
    struct field_error errs[2];
    struct param_set compact;
    const char *compact_id = query_get(&r->query, "compact_id");
    size_t count;
    int has_compact, ret;

    *done = 1;
    if (indicators_query(r->st, query_get(&r->query, "min_count"), compact_id, &count, &compact,
                         &has_compact, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    ret = indicators_report(r->st, r->params[0], count, has_compact ? &compact : NULL, compact_id,
                            r->arena, rep);
    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Organisation not found",
                             "No organisation in the register has that org-id or number, and no "
                             "grant or contract names it.",
                             "id");
    }
    *done = 0;
    return ret;
}

int api_organisation_indicators(struct request *r)
{
    struct indicators_report rep;
    int done, ret = load(r, &rep, &done);

    if (ret < 0 || done) {
        return ret;
    }
    r->content_type = "application/json";
    json_indicators(r->body, &rep.subject, &rep.ind, r->arena);
    return 0;
}

int api_organisation_indicators_csv(struct request *r)
{
    struct indicators_report rep;
    int done, ret = load(r, &rep, &done);

    if (ret < 0 || done) {
        return ret;
    }
    r->content_type = "text/csv; charset=utf-8";
    csv_indicators(r->body, &rep.ind);
    return 0;
}

int api_grants(struct request *r)
{
    struct opendata_filter f;
    struct field_error errs[6];
    struct grant_item *items;
    struct page pg;
    const char *next;
    int ret;

    if (opendata_query(r, 1, 1, OPENDATA_LIMIT_DEFAULT, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    page_begin(&pg, &f.limit);
    if ((ret = store_grant_list_count(r->st, &f, &pg.total)) < 0 ||
        (ret = store_grant_list(r->st, &f, r->arena, &items, &pg.n)) < 0) {
        return ret;
    }
    next = page_more(&pg) ? page_cursor(r->arena, items[pg.n - 1].rowid) : NULL;
    r->content_type = "application/json";
    json_grant_list(r->body, pg.total, items, pg.n, next);
    return 0;
}

int api_grants_csv(struct request *r)
{
    struct opendata_filter f;
    struct field_error errs[6];
    struct grant_item *items;
    size_t n;
    int ret;

    if (opendata_query(r, 1, 0, 0, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    if ((ret = store_grant_list(r->st, &f, r->arena, &items, &n)) < 0) {
        return ret;
    }
    r->content_type = "text/csv; charset=utf-8";
    csv_grant_list(r->body, items, n);
    return 0;
}

int api_contracts(struct request *r)
{
    struct opendata_filter f;
    struct field_error errs[6];
    struct contract_item *items;
    struct page pg;
    const char *next;
    int ret;

    if (opendata_query(r, 0, 1, OPENDATA_LIMIT_DEFAULT, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    page_begin(&pg, &f.limit);
    if ((ret = store_contract_list_count(r->st, &f, &pg.total)) < 0 ||
        (ret = store_contract_list(r->st, &f, r->arena, &items, &pg.n)) < 0) {
        return ret;
    }
    next = page_more(&pg) ? page_cursor(r->arena, items[pg.n - 1].rowid) : NULL;
    r->content_type = "application/json";
    json_contract_list(r->body, pg.total, items, pg.n, next);
    return 0;
}

int api_contracts_csv(struct request *r)
{
    struct opendata_filter f;
    struct field_error errs[6];
    struct contract_item *items;
    size_t n;
    int ret;

    if (opendata_query(r, 0, 0, 0, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    if ((ret = store_contract_list(r->st, &f, r->arena, &items, &n)) < 0) {
        return ret;
    }
    r->content_type = "text/csv; charset=utf-8";
    csv_contract_list(r->body, items, n);
    return 0;
}
