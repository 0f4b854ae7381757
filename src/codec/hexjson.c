/* HexJSON in, through cJSON. */
#include "hexjson.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "base/err.h"
#include "base/banned.h"

/* v as an int when it is a whole number within a sane range; else -1. */
static int whole(const cJSON *v, int *out)
{
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= -100000 && v->valuedouble <= 100000) ||
        v->valuedouble != (double)(int)v->valuedouble) {
        return -1;
    }
    *out = (int)v->valuedouble;
    return 0;
}

int hexjson_read(const char *text, size_t len, const char *prefix, struct arena *arena,
                 struct hexmap *out, struct buf *err)
{
    cJSON *root = cJSON_ParseWithLength(text, len), *layout, *hexes, *h;
    size_t n = 0, plen = strlen(prefix);
    int ret = ERR_INVALID;

    memset(out, 0, sizeof(*out));
    if (!root) {
        buf_addf(err, "not JSON");
        goto cleanup;
    }
    layout = cJSON_GetObjectItemCaseSensitive(root, "layout");
    if (!cJSON_IsString(layout) || hex_layout_parse(layout->valuestring, &out->layout) < 0) {
        buf_addf(err, "'layout' must be odd-r, even-r, odd-q or even-q");
        goto cleanup;
    }
    hexes = cJSON_GetObjectItemCaseSensitive(root, "hexes");
    if (!cJSON_IsObject(hexes)) {
        buf_addf(err, "'hexes' must be an object");
        goto cleanup;
    }
    cJSON_ArrayForEach(h, hexes)
    {
        n += h->string && !strncmp(h->string, prefix, plen);
    }
    out->hexes = arena_alloc(arena, (n ? n : 1) * sizeof(*out->hexes));
    cJSON_ArrayForEach(h, hexes)
    {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(h, "n");
        struct hex *x = &out->hexes[out->n];
        if (!h->string || strncmp(h->string, prefix, plen)) {
            continue;
        }
        if (!cJSON_IsString(name) || !*name->valuestring) {
            buf_addf(err, "hex '%s' has no name ('n')", h->string);
            goto cleanup;
        }
        if (whole(cJSON_GetObjectItemCaseSensitive(h, "q"), &x->q) < 0 ||
            whole(cJSON_GetObjectItemCaseSensitive(h, "r"), &x->r) < 0) {
            buf_addf(err, "hex '%s' needs whole numbers q and r", h->string);
            goto cleanup;
        }
        x->code = arena_strdup(arena, h->string);
        x->name = arena_strdup(arena, name->valuestring);
        out->n++;
    }
    hexmap_finish(out);
    ret = 0;
cleanup:
    if (ret < 0) {
        memset(out, 0, sizeof(*out));
    }
    cJSON_Delete(root);
    return ret;
}
