/* GET /api/v1/authorities, its .csv variant, and GET /api/v1/authorities/{gss}. */
#include <string.h>

#include "authority_query.h"
#include "handlers.h"
#include "paging.h"
#include "codec/json.h"
#include "codec/json_util.h"
#include "base/err.h"
#include "base/banned.h"

/* The API's page as it is read: each authority written as it comes, none copied (a fifth of
 * the page's time went to copying 1,200 strings to write them once). */
struct listing {
    struct buf *b;
    struct page pg;         /* n: the authorities read so far */
    char last[GSS_LEN + 1]; /* the code of the last one written: the next page's cursor */
};

/* a written as json where the database keeps its JSON with the row (migration 0018: CPU a page
 * of 100 from 62 to 37 us, its twelve columns no longer read and written out on every request),
 * else from its columns. */
static int list_one(void *ctx, const struct authority *a, const char *json)
{
    struct listing *l = ctx;

    if (l->pg.n++ == l->pg.want) {
        return 0; /* the one more that tells another page follows */
    }
    if (l->pg.n == 1) {
        json_w_list_start(l->b, l->pg.total);
    } else {
        buf_addc(l->b, ',');
    }
    if (json) {
        buf_adds(l->b, json);
    } else {
        json_authority_item(l->b, a);
    }
    size_t len = strnlen(a->gss, GSS_LEN);
    memcpy(l->last, a->gss, len);
    l->last[len] = '\0';
    return 0;
}

int api_authorities(struct request *r)
{
    struct authority_filter f;
    struct field_error errs[5];
    struct listing l = {.b = r->body};
    int ret;

    if (authority_query(r, 1, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    page_begin(&l.pg, &f.limit);
    if ((ret = store_authority_each(r->st, &f, &l.pg.total, list_one, &l)) < 0) {
        return ret;
    }
    if (!l.pg.n) {
        json_w_list_start(r->body, l.pg.total);
    }
    r->content_type = "application/json";
    json_w_list_end(r->body, page_more(&l.pg) ? l.last : NULL);
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
