/* Lookup of the embedded web assets. */
#include "assets.h"

#include <string.h>

#include "base/banned.h"

extern const struct embed_file web_assets[];
extern const size_t web_assets_count;

const struct embed_file *view_asset(const char *path)
{
    return embed_find(web_assets, web_assets_count, path);
}

const char *view_asset_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".json", "application/json"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++) {
        if (!strcmp(dot, types[i].ext)) {
            return types[i].type;
        }
    }
    return "application/octet-stream";
}
