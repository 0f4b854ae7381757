/*
 * GET /api/v1/organisations/{id}/indicators (?min_count, ?compact_id), GET /api/v1/grants and
 * /api/v1/contracts (filters, limit, cursor) and their .csv variants.
 */
#include <stdio.h>

#include "handlers.h"
#include "indicators_report.h"
#include "codec/json_indicators.h"
#include "base/err.h"
#include "base/banned.h"

static int bad_query(struct request *r, const struct field_error *e)
{
    return reply_problem(r, 400, "Invalid query parameter", e->message, e->field);
}

int api_organisation_indicators(struct request *r)
{
    struct field_error errs[2];
    struct indicators_report rep;
    struct param_set compact;
    const char *compact_id = query_get(&r->query, "compact_id");
    size_t count;
    int has_compact, ret;

    if (indicators_query(r->st, query_get(&r->query, "min_count"), compact_id, &count, &compact,
                         &has_compact, errs)) {
        return bad_query(r, &errs[0]);
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
    r->content_type = "application/json";
    json_indicators(r->body, &rep.subject, &rep.ind, r->arena);
    return 0;
}

int api_organisation_indicators_csv(struct request *r)
{
    struct field_error errs[2];
    struct indicators_report rep;
    struct param_set compact;
    const char *compact_id = query_get(&r->query, "compact_id");
    size_t count;
    int has_compact, ret;

    if (indicators_query(r->st, query_get(&r->query, "min_count"), compact_id, &count, &compact,
                         &has_compact, errs)) {
        return bad_query(r, &errs[0]);
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
    r->content_type = "text/csv; charset=utf-8";
    csv_indicators(r->body, &rep.ind);
    return 0;
}

/* "next": the cursor after the last item of a full page, from the arena; or NULL. */
static const char *next_cursor(struct request *r, long long last)
{
    char *cursor = arena_alloc(r->arena, 24);
    return snprintf(cursor, 24, "%lld", last) < 24 ? cursor : NULL;
}

int api_grants(struct request *r)
{
    struct opendata_filter f;
    struct field_error errs[6];
    struct grant_item *items;
    const char *next = NULL;
    size_t n, total, want;
    int ret;

    if (opendata_query(r, 1, 1, OPENDATA_LIMIT_DEFAULT, &f, errs)) {
        return bad_query(r, &errs[0]);
    }
    if ((ret = store_grant_list_count(r->st, &f, &total)) < 0) {
        return ret;
    }
    want = f.limit;
    f.limit = want + 1; /* one more tells whether there is a next page */
    if ((ret = store_grant_list(r->st, &f, r->arena, &items, &n)) < 0) {
        return ret;
    }
    if (n > want) {
        n = want;
        next = next_cursor(r, items[n - 1].rowid);
    }
    r->content_type = "application/json";
    json_grant_list(r->body, total, items, n, next);
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
        return bad_query(r, &errs[0]);
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
    const char *next = NULL;
    size_t n, total, want;
    int ret;

    if (opendata_query(r, 0, 1, OPENDATA_LIMIT_DEFAULT, &f, errs)) {
        return bad_query(r, &errs[0]);
    }
    if ((ret = store_contract_list_count(r->st, &f, &total)) < 0) {
        return ret;
    }
    want = f.limit;
    f.limit = want + 1;
    if ((ret = store_contract_list(r->st, &f, r->arena, &items, &n)) < 0) {
        return ret;
    }
    if (n > want) {
        n = want;
        next = next_cursor(r, items[n - 1].rowid);
    }
    r->content_type = "application/json";
    json_contract_list(r->body, total, items, n, next);
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
        return bad_query(r, &errs[0]);
    }
    if ((ret = store_contract_list(r->st, &f, r->arena, &items, &n)) < 0) {
        return ret;
    }
    r->content_type = "text/csv; charset=utf-8";
    csv_contract_list(r->body, items, n);
    return 0;
}
