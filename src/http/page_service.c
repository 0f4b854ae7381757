/* GET /accessibility, /privacy, /cookies and /contact, /checks/verdicts, and the documentation
 * /api and /api/openapi.json: the pages every public service has, the one that explains a
 * check's results, and the route table for people and for tools. */
#include "auth.h"
#include "handlers.h"
#include "router.h"
#include "server.h"
#include "codec/json_openapi.h"
#include "core/account.h"
#include "view/page_api.h"
#include "view/page_service.h"
#include "view/page_verdicts.h"
#include "base/banned.h"

typedef void (*service_view_fn)(struct buf *, const struct service_facts *, const struct viewer *);

/* The page view draws, from what this server's code and configuration say. */
static int service_page(struct request *r, service_view_fn view)
{
    const struct service_facts f = {.operator_name = r->cfg->operator_name,
                                    .contact_email = r->cfg->contact_email,
                                    .session_cookie = SESSION_COOKIE,
                                    .device_cookie = DEVICE_COOKIE,
                                    .session_max = r->cfg->session_max,
                                    .session_idle = r->cfg->session_idle,
                                    .device_max_age = DEVICE_COOKIE_MAX_AGE,
                                    .login_window = LOGIN_WINDOW};

    r->content_type = "text/html; charset=utf-8";
    view(r->body, &f, request_viewer(r));
    return 0;
}

int page_accessibility(struct request *r)
{
    return service_page(r, view_accessibility_page);
}

int page_privacy(struct request *r)
{
    return service_page(r, view_privacy_page);
}

int page_cookies(struct request *r)
{
    return service_page(r, view_cookies_page);
}

int page_contact(struct request *r)
{
    return service_page(r, view_contact_page);
}

int page_verdicts(struct request *r)
{
    r->content_type = "text/html; charset=utf-8";
    view_verdicts_page(r->body, request_viewer(r));
    return 0;
}

int page_api(struct request *r)
{
    struct api_op ops[ROUTES_OPS_MAX];
    size_t n = routes_ops(ops, ROUTES_OPS_MAX);

    r->content_type = "text/html; charset=utf-8";
    view_api_page(r->body, ops, n < ROUTES_OPS_MAX ? n : ROUTES_OPS_MAX, request_viewer(r));
    return 0;
}

int api_openapi(struct request *r)
{
    struct api_op ops[ROUTES_OPS_MAX];
    size_t n = routes_ops(ops, ROUTES_OPS_MAX);

    r->content_type = "application/json";
    json_openapi(r->body, ops, n < ROUTES_OPS_MAX ? n : ROUTES_OPS_MAX, SESSION_COOKIE);
    return 0;
}
