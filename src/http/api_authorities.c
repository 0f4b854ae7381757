/* GET /api/v1/authorities, its .csv variant, and GET /api/v1/authorities/{gss}. */
#include "authority_query.h"
#include "handlers.h"
#include "paging.h"
#include "codec/json.h"
#include "base/err.h"
#include "base/banned.h"

int api_authorities(struct request *r)
{
    struct authority_filter f;
    struct field_error errs[5];
    struct authority *items;
    struct page pg;
    const char *next;
    int ret;

    if (authority_query(r, 1, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    page_begin(&pg, &f.limit);
    if ((ret = store_authority_page(r->st, &f, r->arena, &items, &pg.n, &pg.total)) < 0) {
        return ret;
    }
    next = page_more(&pg) ? items[pg.n - 1].gss : NULL;
    r->content_type = "application/json";
    json_authority_list(r->body, pg.total, items, pg.n, next);
    return 0;
}

int api_authorities_csv(struct request *r)
{
    struct authority_filter f;
    struct field_error errs[5];
    struct authority *items;
    size_t n;
    int ret;

    if (authority_query(r, 0, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    f.by_name = 0;
    if ((ret = store_authority_list(r->st, &f, r->arena, &items, &n)) < 0) {
        return ret;
    }
    r->content_type = "text/csv; charset=utf-8";
    csv_authority_list(r->body, items, n);
    return 0;
}

int api_authority(struct request *r)
{
    struct authority a;
    int ret = store_authority_get(r->st, r->params[0], r->arena, &a);

    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Authority not found",
                             "No English principal authority has that GSS code, now or in 2011.",
                             "gss");
    }
    if (ret < 0) {
        return ret;
    }
    r->content_type = "application/json";
    json_authority(r->body, &a);
    return 0;
}

int api_healthz(struct request *r)
{
    int ret = store_ping(r->st);
    r->content_type = "application/json";
    if (ret < 0) {
        r->status = 503;
        buf_adds(r->body, "{\"status\":\"unavailable\"}");
        return 0;
    }
    buf_adds(r->body, "{\"status\":\"ok\"}");
    return 0;
}
