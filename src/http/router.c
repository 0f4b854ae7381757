/* The route table: every URL of the service, its methods, handler and who may use it. */
#include "router.h"

#include <string.h>

#include "cache.h"
#include "handlers.h"
#include "codec/json.h"
#include "view/page_error.h"
#include "base/err.h"
#include "base/banned.h"

const struct route routes[] = {
    {M_GET, "/", page_home, ROUTE_PUBLIC, ROUTE_CACHE},
    {M_GET, "/authorities", page_authorities, ROUTE_PUBLIC, ROUTE_CACHE},
    {M_GET, "/authorities/:gss", page_authority, ROUTE_PUBLIC, ROUTE_CACHE},
    {M_GET, "/api/v1/authorities", api_authorities, ROUTE_PUBLIC, ROUTE_CACHE},
    {M_GET, "/api/v1/authorities.csv", api_authorities_csv, ROUTE_PUBLIC, ROUTE_CACHE},
    {M_GET, "/api/v1/authorities/:gss", api_authority, ROUTE_PUBLIC, ROUTE_CACHE},
    {M_GET, "/healthz", api_healthz, ROUTE_PUBLIC, 0},
    {M_GET, "/assets/*", asset_get, ROUTE_PUBLIC, 0},
};
const size_t routes_count = sizeof(routes) / sizeof(routes[0]);

static const struct {
    int err, status;
} err_status[] = {
    {ERR_INVALID, 400}, {ERR_NOT_FOUND, 404}, {ERR_CONFLICT, 409},
    {ERR_TOO_BIG, 413}, {ERR_IO, 500},        {ERR_DB, 503},
};

int http_status_of(int err)
{
    for (size_t i = 0; i < sizeof(err_status) / sizeof(err_status[0]); i++) {
        if (err_status[i].err == err) {
            return err_status[i].status;
        }
    }
    return 500;
}

/* Match path against pattern, capturing :name segments into r->params. */
static int match(const char *pattern, const char *path, struct request *r)
{
    r->nparams = 0;
    while (*pattern && *path) {
        if (pattern[0] == '*' && pattern[1] == '\0') {
            r->params[r->nparams++] = path;
            return 1;
        }
        if (*pattern == ':') {
            const char *end = strchr(path, '/');
            size_t len = end ? (size_t)(end - path) : strlen(path);
            if (!len || r->nparams == ROUTE_MAX_PARAMS) {
                return 0;
            }
            r->params[r->nparams++] = arena_memdupz(r->arena, path, len);
            path += len;
            pattern = strchr(pattern, '/');
            if (!pattern) {
                return *path == '\0';
            }
            continue;
        }
        if (*pattern != *path) {
            return 0;
        }
        pattern++;
        path++;
    }
    return *pattern == '\0' && *path == '\0';
}

static void run(const struct route *route, struct request *r)
{
    const struct cached_reply *hit;
    long long version = 0;
    int cache = (route->flags & ROUTE_CACHE) && r->cache && store_version(r->st, &version) == 0;
    int ret;

    if (cache && (hit = cache_get(r->cache, version, r->target))) {
        r->status = hit->status;
        r->content_type = hit->content_type;
        r->segment = hit->segment;
        r->static_body = hit->body;
        r->static_len = hit->len;
        return;
    }
    ret = route->fn(r);
    if (ret < 0) {
        buf_reset(r->body);
        r->static_body = NULL;
        r->segment = NULL;
        reply_error(r, http_status_of(ret), NULL);
    } else if (cache && r->status == 200 && !r->static_body && !buf_failed(r->body)) {
        cache_put(r->cache, version, r->target, r->status, r->content_type, r->body->data,
                  r->body->len);
    }
}

void router_dispatch(struct request *r)
{
    unsigned allowed = 0;

    for (size_t i = 0; i < routes_count; i++) {
        if (!match(routes[i].pattern, r->path, r)) {
            continue;
        }
        allowed |= routes[i].methods | (routes[i].methods & M_GET ? M_HEAD : 0);
        if (!(routes[i].methods & r->method) &&
            !(r->method == M_HEAD && routes[i].methods & M_GET)) {
            continue;
        }
        run(&routes[i], r);
        return;
    }
    r->allow = allowed;
    reply_error(r, allowed ? 405 : 404, NULL);
}

int reply_problem(struct request *r, int status, const char *title, const char *detail,
                  const char *param)
{
    buf_reset(r->body);
    r->static_body = NULL;
    r->segment = NULL;
    r->status = status;
    r->content_type = "application/problem+json";
    json_problem(r->body, status, "about:blank", title, detail, param);
    return 0;
}

int reply_error(struct request *r, int status, const char *detail)
{
    if (r->is_api) {
        return reply_problem(r, status, view_error_title(status), detail, NULL);
    }
    buf_reset(r->body);
    r->static_body = NULL;
    r->segment = NULL;
    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    view_error_page(r->body, status, detail);
    return 0;
}
