/* GET /authorities and GET /authorities/{gss}. */
#include "authority_query.h"
#include "handlers.h"
#include "view/page_authorities.h"
#include "view/page_authority.h"
#include "base/err.h"
#include "base/banned.h"

int page_authorities(struct request *r)
{
    struct authorities_view v = {0};
    struct authority_filter f;
    struct field_error errs[5];
    struct authority *items = NULL;
    int ret;

    v.nerrors = authority_query(r, 0, &f, errs);
    v.errors = errs;
    if (v.nerrors) {
        r->status = 400;
    } else if ((ret = store_authority_list(r->st, &f, r->arena, &items, &v.n)) < 0) {
        return ret;
    }
    v.set = f.set;
    v.type = f.type;
    v.region = f.region;
    v.items = items;
    r->content_type = "text/html; charset=utf-8";
    view_authorities_page(r->body, &v, request_viewer(r));
    return 0;
}

int page_authority(struct request *r)
{
    struct authority a;
    int ret = store_authority_get(r->st, r->params[0], r->arena, &a);

    if (ret < 0) {
        return ret;
    }
    r->content_type = "text/html; charset=utf-8";
    view_authority_page(r->body, &a, request_viewer(r));
    return 0;
}
