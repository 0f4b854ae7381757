/* The one search: GET /search (the page, and the header's box on every page) and
 * GET /api/v1/search. */
#include "handlers.h"
#include "app/search.h"
#include "codec/json_search.h"
#include "view/page_search.h"
#include "base/err.h"
#include "base/banned.h"

/* The filters of r's query into f: how many errors went into errs. */
static size_t filters(struct request *r, struct search_filter *f, struct field_error errs[5])
{
    return search_filter_parse(query_get(&r->query, "type"), query_get(&r->query, "theme"),
                               query_get(&r->query, "region"), query_get(&r->query, "year"),
                               query_get(&r->query, "page"), f, errs);
}

int page_search(struct request *r)
{
    struct search_view v = {0};
    struct search_filter f;
    struct field_error errs[6];
    struct search_hit *hits = NULL;
    const char *why = NULL;
    int ret = 0;

    v.q = query_get(&r->query, "q");
    v.f = &f;
    v.errors = errs;
    v.nerrors = filters(r, &f, errs);
    if (!v.nerrors && v.q && *v.q) {
        ret = app_search(r->st, v.q, &f, r->arena, &hits, &v.n, &v.total, &why);
        if (ret == ERR_INVALID) {
            errs[v.nerrors++] = (struct field_error){"q", why};
            v.q = NULL; /* not shown again: it is not text */
        } else if (ret < 0) {
            return ret;
        }
    }
    if (v.nerrors) {
        r->status = 400;
    }
    v.hits = hits;
    r->content_type = "text/html; charset=utf-8";
    view_search_page(r->body, &v, request_viewer(r));
    return 0;
}

int api_search(struct request *r)
{
    struct search_filter f;
    struct field_error errs[5];
    struct search_hit *hits;
    const char *why = NULL;
    size_t n, total;
    int ret;

    if (filters(r, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    ret = app_search(r->st, query_get(&r->query, "q"), &f, r->arena, &hits, &n, &total, &why);
    if (ret == ERR_INVALID) {
        return reply_problem(r, 400, "Bad Request", why, "q");
    }
    if (ret < 0) {
        return ret;
    }
    r->content_type = "application/json";
    json_search(r->body, total, hits, view_search_snippets(hits, n, r->arena), n);
    return 0;
}
