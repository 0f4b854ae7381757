/* The route table: every URL of the service, its methods, handler and who may use it. */
#include "router.h"

#include <string.h>

#include "auth.h"
#include "cache.h"
#include "handlers.h"
#include "view/html.h"
#include "codec/json.h"
#include "view/page_error.h"
#include "base/err.h"
#include "base/banned.h"

/*
 * Dispatch tries the routes in this order and runs the first whose pattern matches the path and
 * whose methods include the request's; when patterns match but none has the method, it answers
 * 405 with Allow naming theirs. So a literal segment comes before a ":param" route that would
 * match it too ("/compacts/new" before "/compacts/:id"). A route's access says which roles may
 * use it; what a person may do to one object is app/policy.c's to decide.
 */
const struct route routes[] = {
    /* home and authorities */
    {M_GET, "/", page_home, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/authorities", page_authorities, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/authorities/:gss", page_authority, ACCESS_ANYONE, ROUTE_CACHE},
    /* coverage */
    {M_GET, "/coverage", page_coverage, ACCESS_ANYONE, ROUTE_CACHE},
    /* checks, commitments and recorded activities */
    {M_GET, "/checks", page_checks, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/checks/:kind", page_check_form, ACCESS_ANYONE, 0},
    {M_GET, "/checks/:kind/result", page_check_result, ACCESS_ANYONE, 0},
    {M_GET, "/checks/:kind/record", page_check_record_form, ACCESS_SIGNED_IN, 0},
    {M_POST, "/checks/:kind/record", page_check_record, ACCESS_SIGNED_IN, 0},
    {M_GET, "/commitments", page_commitments, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/commitments/sections/:n", page_commitment_section, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/commitments/:id", page_commitment, ACCESS_ANYONE, ROUTE_CACHE},
    /* signatories */
    {M_GET, "/compacts/:id/signatories", page_signatories, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/compacts/:id/signatories/new", page_signatory_new, ACCESS_ADMIN | ROLE_COORDINATOR,
     0},
    {M_POST, "/compacts/:id/signatories", page_signatory_add, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/compacts/:id/signatories/:sid/withdraw", page_signatory_withdraw_form,
     ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_POST, "/compacts/:id/signatories/:sid/withdraw", page_signatory_withdraw,
     ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    /* organisations */
    {M_GET, "/organisations", page_organisations, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/organisations/new", page_organisation_new, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_POST, "/organisations", page_organisation_create, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/organisations/:id", page_organisation, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/organisations/:id/edit", page_organisation_edit, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_POST, "/organisations/:id", page_organisation_update, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    /* compacts */
    {M_GET, "/compacts", page_compacts, ACCESS_ANYONE, ROUTE_CACHE},
    {M_POST, "/compacts", page_compact_create, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/compacts/new", page_compact_new, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/compacts/:id", page_compact, ACCESS_ANYONE, ROUTE_CACHE},
    {M_POST, "/compacts/:id", page_compact_update, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/compacts/:id/edit", page_compact_edit, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/compacts/:id/status", page_compact_status_form, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_POST, "/compacts/:id/status", page_compact_status_post, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/compacts/:id/codes", page_compact_codes, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_POST, "/compacts/:id/codes", page_compact_codes_post, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/compacts/:id/parameters", page_compact_parameters, ACCESS_ADMIN | ROLE_COORDINATOR,
     0},
    {M_POST, "/compacts/:id/parameters", page_compact_parameters_post,
     ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    /* checks, commitments and recorded activities */
    {M_GET, "/compacts/:id/compliance", page_compliance, ACCESS_SIGNED_IN, 0},
    {M_GET, "/compacts/:id/activities/:activity", page_activity, ACCESS_SIGNED_IN, 0},
    {M_POST, "/compacts/:id/activities/:activity", page_activity_update, ACCESS_SIGNED_IN, 0},
    {M_GET, "/compacts/:id/activities/:activity/edit", page_activity_edit, ACCESS_SIGNED_IN, 0},
    {M_GET, "/compacts/:id/activities/:activity/withdraw", page_activity_withdraw_form,
     ACCESS_SIGNED_IN, 0},
    {M_POST, "/compacts/:id/activities/:activity/withdraw", page_activity_withdraw,
     ACCESS_SIGNED_IN, 0},
    /* accounts and the audit trail */
    {M_GET, "/login", page_login, ACCESS_ANYONE, 0},
    {M_POST, "/login", page_login_post, ACCESS_ANYONE, 0},
    {M_POST, "/logout", page_logout, ACCESS_SIGNED_IN, 0},
    {M_GET, "/account", page_account, ACCESS_SIGNED_IN, 0},
    {M_POST, "/account/tokens", page_token_create, ACCESS_SIGNED_IN, ROUTE_PEOPLE},
    {M_POST, "/account/tokens/:id/revoke", page_token_revoke, ACCESS_SIGNED_IN, ROUTE_PEOPLE},
    {M_GET, "/history/:kind/:entity", page_history, ACCESS_SIGNED_IN, 0},
    /* home and authorities */
    {M_GET, "/api/v1/authorities", api_authorities, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/api/v1/authorities.csv", api_authorities_csv, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/api/v1/authorities/:gss", api_authority, ACCESS_ANYONE, ROUTE_CACHE},
    /* coverage */
    {M_GET, "/api/v1/coverage", api_coverage, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/api/v1/coverage.csv", api_coverage_csv, ACCESS_ANYONE, ROUTE_CACHE},
    /* accounts and the audit trail */
    {M_GET, "/api/v1/me", api_me, ACCESS_SIGNED_IN, 0},
    {M_GET, "/api/v1/audit", api_audit, ACCESS_SIGNED_IN, 0},
    /* organisations */
    {M_GET, "/api/v1/organisations", api_organisations, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/api/v1/organisations.csv", api_organisations_csv, ACCESS_ANYONE, ROUTE_CACHE},
    {M_POST, "/api/v1/organisations", api_organisations_create, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/api/v1/organisations/:id", api_organisation, ACCESS_ANYONE, ROUTE_CACHE},
    {M_PATCH, "/api/v1/organisations/:id", api_organisation_patch, ACCESS_ADMIN | ROLE_COORDINATOR,
     0},
    /* compacts */
    {M_POST, "/api/v1/compacts", api_compacts_create, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/api/v1/compacts", api_compacts_list, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/api/v1/compacts/:id", api_compact, ACCESS_ANYONE, ROUTE_CACHE},
    {M_PATCH, "/api/v1/compacts/:id", api_compact_patch, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_POST, "/api/v1/compacts/:id/status", api_compact_status, ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    /* checks, commitments and recorded activities */
    {M_POST, "/api/v1/checks", api_checks, ACCESS_ANYONE, 0},
    {M_POST, "/api/v1/compacts/:id/activities", api_activity_record, ACCESS_SIGNED_IN, 0},
    /* compacts */
    {M_PUT, "/api/v1/compacts/:id/parameters", api_compact_parameters,
     ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    /* checks, commitments and recorded activities */
    {M_PUT, "/api/v1/compacts/:id/activities/:activity", api_activity_update, ACCESS_SIGNED_IN, 0},
    {M_GET, "/api/v1/compacts/:id/activities/:activity", api_activity, ACCESS_SIGNED_IN, 0},
    {M_POST, "/api/v1/compacts/:id/activities/:activity/withdraw", api_activity_withdraw,
     ACCESS_SIGNED_IN, 0},
    {M_GET, "/api/v1/compacts/:id/findings.csv", api_findings_csv, ACCESS_SIGNED_IN, 0},
    {M_GET, "/api/v1/commitments", api_commitments, ACCESS_ANYONE, ROUTE_CACHE},
    {M_PATCH, "/api/v1/commitments/:id", api_commitment_patch, ACCESS_ADMIN, 0},
    /* signatories */
    {M_GET, "/api/v1/compacts/:id/signatories", api_signatories, ACCESS_ANYONE, ROUTE_CACHE},
    {M_POST, "/api/v1/compacts/:id/signatories", api_signatory_add, ACCESS_ADMIN | ROLE_COORDINATOR,
     0},
    {M_PATCH, "/api/v1/compacts/:id/signatories/:sid", api_signatory_withdraw,
     ACCESS_ADMIN | ROLE_COORDINATOR, 0},
    {M_GET, "/api/v1/organisations/:id/signatories", api_organisation_signatories, ACCESS_ANYONE,
     ROUTE_CACHE},
    /* open data: funders' grants and buyers' contracts */
    {M_GET, "/organisations/:id/funding", page_funder, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/grants", page_grants, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/contracts", page_contracts, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/api/v1/organisations/:id/indicators", api_organisation_indicators, ACCESS_ANYONE,
     ROUTE_CACHE},
    {M_GET, "/api/v1/organisations/:id/indicators.csv", api_organisation_indicators_csv,
     ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/api/v1/grants", api_grants, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/api/v1/grants.csv", api_grants_csv, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/api/v1/contracts", api_contracts, ACCESS_ANYONE, ROUTE_CACHE},
    {M_GET, "/api/v1/contracts.csv", api_contracts_csv, ACCESS_ANYONE, ROUTE_CACHE},
    /* the service itself */
    {M_GET, "/healthz", api_healthz, ACCESS_ANYONE, 0},
    {M_GET, "/assets/*", asset_get, ACCESS_ANYONE, 0},
};
const size_t routes_count = sizeof(routes) / sizeof(routes[0]);

static const struct {
    int err, status;
} err_status[] = {
    {ERR_INVALID, 400}, {ERR_NOT_FOUND, 404}, {ERR_CONFLICT, 409},  {ERR_TOO_BIG, 413},
    {ERR_IO, 500},      {ERR_DB, 503},        {ERR_FORBIDDEN, 403}, {ERR_BUSY, 503},
};

/* When a client may try again after a 503: long enough for an import to publish a large file. */
#define RETRY_AFTER_BUSY 2

int http_status_of(int err)
{
    for (size_t i = 0; i < sizeof(err_status) / sizeof(err_status[0]); i++) {
        if (err_status[i].err == err) {
            return err_status[i].status;
        }
    }
    return 500;
}

#define PATH_MAX_SEGMENTS 16 /* more than any route has */

/*
 * A path split on '/' as sent, then each segment decoded on its own: "%2F" is a '/' inside a
 * segment (an org-id may hold one), not a boundary between two.
 */
struct segments {
    const char *raw[PATH_MAX_SEGMENTS]; /* where each starts in the raw path */
    const char *dec[PATH_MAX_SEGMENTS]; /* decoded, from the arena */
    size_t n;
    int more; /* the path has more segments than these */
};

static int split(const char *raw, struct arena *arena, struct segments *s)
{
    s->n = 0;
    s->more = 0;
    for (const char *p = raw; *p == '/'; s->n++) {
        const char *seg = p + 1, *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        char *dec;
        if (s->n == PATH_MAX_SEGMENTS) {
            s->more = 1;
            break;
        }
        if (url_decode(seg, len, 0, arena, &dec) < 0) {
            return ERR_INVALID;
        }
        s->raw[s->n] = seg;
        s->dec[s->n] = dec;
        p = seg + len;
    }
    return 0;
}

/* Match the path's segments against pattern, capturing :name segments into r->params. */
static int match(const char *pattern, const struct segments *s, struct request *r)
{
    size_t i = 0;

    r->nparams = 0;
    for (const char *p = pattern; *p == '/'; i++) {
        const char *seg = p + 1, *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        char *rest;

        p = seg + len;
        if (i == s->n) {
            return 0;
        }
        if (len == 1 && *seg == '*') {
            /* the rest of the path, decoded whole */
            if (!*s->raw[i] || url_decode(s->raw[i], strlen(s->raw[i]), 0, r->arena, &rest) < 0) {
                return 0;
            }
            r->params[r->nparams++] = rest;
            return 1;
        }
        if (*seg == ':') {
            if (!*s->dec[i] || r->nparams == ROUTE_MAX_PARAMS) {
                return 0;
            }
            r->params[r->nparams++] = s->dec[i];
        } else if (strlen(s->dec[i]) != len || memcmp(s->dec[i], seg, len) != 0) {
            return 0;
        }
    }
    return i == s->n && !s->more;
}

/* Whether a state-changing request may go on; else the 403 reply is set. */
static int request_allowed(struct request *r)
{
    const char *origin, *host, *given = NULL, *want;
    struct query form;

    if (r->method & (M_GET | M_HEAD | M_OPTIONS) || r->by_token) {
        return 1; /* reads change nothing; a bearer token is never sent by a browser on its own */
    }
    if (!r->session[0]) {
        /* Nobody signed in (the sign-in form): refuse only a post from another site. */
        origin = request_header(r, "Origin");
        host = request_header(r, "Host");
        if (origin && host) {
            const char *h = strstr(origin, "://");
            if (!h || strcmp(h + 3, host) != 0) {
                reply_error(r, 403, "This form was sent from another site.");
                return 0;
            }
        }
        return 1;
    }
    if (request_form(r, &form) == 0) {
        given = query_get(&form, CSRF_FIELD);
    }
    if (!given) {
        given = request_header(r, "X-CSRF-Token");
    }
    want = request_csrf(r);
    if (!given || strlen(given) != strlen(want) || !secret_equal(given, want, strlen(want))) {
        reply_error(r, 403,
                    "The form has expired or did not come from this service. Go back, "
                    "reload the page and try again.");
        return 0;
    }
    return 1;
}

/* Whether the route lets r's user in; else the 401, 403 or sign-in redirect is set. */
static int access_allowed(const struct route *route, struct request *r)
{
    struct buf next = BUF_INIT;
    char *location;

    if (r->bad_token) {
        r->www_authenticate = 1;
        reply_problem(r, 401, "Invalid token", "The bearer token is not valid.", "Authorization");
        return 0;
    }
    if ((route->flags & ROUTE_PEOPLE) && r->by_token) {
        reply_error(r, 403, "This is for a person signed in, not for an API token.");
        return 0;
    }
    if (route->access & r->user.role) {
        return 1;
    }
    if (r->user.role != ROLE_PUBLIC) {
        reply_error(r, 403, "Your account does not allow this.");
        return 0;
    }
    if (r->is_api) {
        r->www_authenticate = 1;
        reply_problem(r, 401, "Sign-in needed", "This needs an API token: Authorization: Bearer.",
                      "Authorization");
        return 0;
    }
    /* A person: to the sign-in page, and back here after. */
    buf_adds(&next, r->stale_session ? "/login?expired=1&next=" : "/login?next=");
    html_url(&next, r->method == M_GET ? r->target : "/account");
    location = arena_strdup(r->arena, next.data);
    buf_release(&next);
    reply_redirect(r, location);
    return 0;
}

static void run(const struct route *route, struct request *r)
{
    const struct cached_reply *hit;
    long long version = 0;
    int cache, ret;

    if (r->stale_session) {
        r->set_cookie = SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
    }
    if (!access_allowed(route, r) || !request_form_readable(r) || !request_allowed(r)) {
        return;
    }
    /* Only what everybody sees is shared: a signed-in person's pages name them. */
    cache = (route->flags & ROUTE_CACHE) && r->cache && r->user.role == ROLE_PUBLIC &&
            !r->session[0] && store_version(r->st, &version) == 0;

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
        /* busy: another writer (an import publishing) held the database longer than a
         * server's thread waits; a 503 is for now, not for good */
        reply_error(r, http_status_of(ret),
                    ret == ERR_BUSY ? "The service is busy saving other changes, such as an "
                                      "import. Try again in a few seconds."
                                    : NULL);
        if (r->status == 503) {
            r->retry_after = RETRY_AFTER_BUSY;
        }
    } else if (cache && r->status == 200 && !r->static_body && !buf_failed(r->body)) {
        cache_put(r->cache, version, r->target, r->cache_day, r->status, r->content_type,
                  r->body->data, r->body->len);
    }
}

void router_dispatch(struct request *r)
{
    struct segments segs;
    unsigned allowed = 0;

    if (split(r->path_raw ? r->path_raw : r->path, r->arena, &segs) < 0) {
        reply_error(r, 400, "The address is not valid.");
        return;
    }
    for (size_t i = 0; i < routes_count; i++) {
        if (!match(routes[i].pattern, &segs, r)) {
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

const char *http_reason(int status)
{
    static const struct {
        int status;
        const char *title;
    } titles[] = {
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {408, "Request Timeout"},
        {409, "Conflict"},
        {413, "Content Too Large"},
        {414, "URI Too Long"},
        {417, "Expectation Failed"},
        {429, "Too Many Requests"},
        {431, "Request Header Fields Too Large"},
        {501, "Not Implemented"},
        {500, "Internal Server Error"},
        {503, "Service Unavailable"},
    };
    for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
        if (titles[i].status == status) {
            return titles[i].title;
        }
    }
    return NULL;
}

int reply_error(struct request *r, int status, const char *detail)
{
    if (r->is_api) {
        const char *title = http_reason(status);
        return reply_problem(r, status, title ? title : "Internal Server Error", detail, NULL);
    }
    buf_reset(r->body);
    r->static_body = NULL;
    r->segment = NULL;
    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    view_error_page(r->body, status, detail, request_viewer(r));
    return 0;
}
