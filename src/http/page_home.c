/* GET /: the home page. */
#include "handlers.h"
#include "view/page_home.h"
#include "base/banned.h"

int page_home(struct request *r)
{
    struct home_view v = {0};
    struct authority_filter f = {.set = AUTH_SET_2012, .type = -1, .region = -1};
    int ret;

    if ((ret = store_authority_count(r->st, &f, &v.authorities_2012)) < 0) {
        return ret;
    }
    f.set = AUTH_SET_CURRENT;
    if ((ret = store_authority_count(r->st, &f, &v.authorities_current)) < 0) {
        return ret;
    }
    r->content_type = "text/html; charset=utf-8";
    view_home_page(r->body, &v, request_viewer(r));
    return 0;
}
