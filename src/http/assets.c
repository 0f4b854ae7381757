/* GET /assets/{path}: the embedded stylesheet, scripts and images. */
#include <string.h>

#include "handlers.h"
#include "view/assets.h"
#include "base/err.h"
#include "base/banned.h"

int asset_get(struct request *r)
{
    const struct embed_file *f = view_asset(r->params[0]);
    const char *v = query_get(&r->query, "v"), *inm = request_header(r, "If-None-Match");
    char *etag;
    size_t vlen = strlen(web_assets_version);

    if (!f) {
        return ERR_NOT_FOUND;
    }
    etag = arena_alloc(r->arena, vlen + 3);
    etag[0] = '"';
    memcpy(etag + 1, web_assets_version, vlen);
    etag[vlen + 1] = '"';
    etag[vlen + 2] = '\0';
    r->etag = etag;
    /* A versioned address never changes its bytes; an unversioned one is checked hourly. */
    r->cache_control = v && !strcmp(v, web_assets_version) ? "public, max-age=31536000, immutable"
                                                           : "public, max-age=3600";
    r->content_type = view_asset_type(f->name);
    if (inm && strstr(inm, etag)) {
        r->status = 304;
        return 0;
    }
    r->static_body = f->data;
    r->static_len = f->len;
    r->static_permanent = 1;
    return 0;
}
