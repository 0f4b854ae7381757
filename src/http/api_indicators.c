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

/* The indicators the route and query name, as JSON or (csv set) CSV; or the 400 or 404
 * problem. */
static int indicators(struct request *r, int csv)
{
    struct field_error errs[2];
    struct indicators_report rep;
    struct param_set compact;
    const char *compact_id = query_get(&r->query, "compact_id");
    size_t count;
    int has_compact, ret;

    if (indicators_query(r->st, query_get(&r->query, "min_count"), compact_id, &count, &compact,
                         &has_compact, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    ret = indicators_report(r->st, r->params[0], count, has_compact ? &compact : NULL, compact_id,
                            r->arena, &rep);
    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Organisation not found",
                             "No organisation in the register has that org-id or number, and no "
                             "grant or contract names it.",
                             "id");
    }
    if (ret < 0) {
        return ret;
    }
    if (csv) {
        r->content_type = "text/csv; charset=utf-8";
        csv_indicators(r->body, &rep.ind);
    } else {
        r->content_type = "application/json";
        json_indicators(r->body, &rep.subject, &rep.ind, r->arena);
    }
    return 0;
}

int api_organisation_indicators(struct request *r)
{
    return indicators(r, 0);
}

int api_organisation_indicators_csv(struct request *r)
{
    return indicators(r, 1);
}

/* GET /api/v1/grants (grants set) or /api/v1/contracts: a page of them as JSON. */
static int opendata_list(struct request *r, int grants)
{
    struct opendata_filter f;
    struct field_error errs[6];
    struct grant_item *g = NULL;
    struct contract_item *c = NULL;
    struct page pg;
    long long last = 0;
    int ret;

    if (opendata_query(r, grants, 1, OPENDATA_LIMIT_DEFAULT, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    page_begin(&pg, &f.limit);
    ret = grants ? store_grant_list_count(r->st, &f, &pg.total)
                 : store_contract_list_count(r->st, &f, &pg.total);
    if (ret < 0 || (ret = grants ? store_grant_list(r->st, &f, r->arena, &g, &pg.n)
                                 : store_contract_list(r->st, &f, r->arena, &c, &pg.n)) < 0) {
        return ret;
    }
    if (page_more(&pg)) {
        last = grants ? g[pg.n - 1].rowid : c[pg.n - 1].rowid;
    }
    r->content_type = "application/json";
    if (grants) {
        json_grant_list(r->body, pg.total, g, pg.n, last ? page_cursor(r->arena, last) : NULL);
    } else {
        json_contract_list(r->body, pg.total, c, pg.n, last ? page_cursor(r->arena, last) : NULL);
    }
    return 0;
}

/* Their .csv variants: every one that matches. */
static int opendata_csv(struct request *r, int grants)
{
    struct opendata_filter f;
    struct field_error errs[6];
    struct grant_item *g = NULL;
    struct contract_item *c = NULL;
    size_t n;
    int ret;

    if (opendata_query(r, grants, 0, 0, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    ret = grants ? store_grant_list(r->st, &f, r->arena, &g, &n)
                 : store_contract_list(r->st, &f, r->arena, &c, &n);
    if (ret < 0) {
        return ret;
    }
    r->content_type = "text/csv; charset=utf-8";
    if (grants) {
        csv_grant_list(r->body, g, n);
    } else {
        csv_contract_list(r->body, c, n);
    }
    return 0;
}

int api_grants(struct request *r)
{
    return opendata_list(r, 1);
}

int api_grants_csv(struct request *r)
{
    return opendata_csv(r, 1);
}

int api_contracts(struct request *r)
{
    return opendata_list(r, 0);
}

int api_contracts_csv(struct request *r)
{
    return opendata_csv(r, 0);
}
