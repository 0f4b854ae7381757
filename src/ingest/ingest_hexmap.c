/* The hex maps of England's districts (data/hexmaps/, data/SOURCES.md). */
#include "ingest.h"
#include "codec/hexjson.h"
#include "base/embed.h"
#include "base/err.h"
#include "base/banned.h"

extern const struct embed_file refdata_files[];
extern const size_t refdata_files_count;

static const char *const hexmap_files[AUTH_SET_COUNT] = {
    [AUTH_SET_2012] = "hexmaps/uk-local-authority-districts.hexjson",
    [AUTH_SET_CURRENT] = "hexmaps/uk-local-authority-districts-2023.hexjson",
};

int ingest_hexmap(enum authority_set set, struct arena *arena, struct hexmap *out, struct buf *err)
{
    const char *name = (unsigned)set < AUTH_SET_COUNT ? hexmap_files[set] : NULL;
    const struct embed_file *f = name ? embed_find(refdata_files, refdata_files_count, name) : NULL;
    int ret;

    if (!f) {
        *out = (struct hexmap){0};
        buf_addf(err, "the hex map of set %d is missing from the program", (int)set);
        return ERR_INVALID;
    }
    if ((ret = hexjson_read((const char *)f->data, f->len, "E", arena, out, err)) < 0) {
        buf_addf(err, " (%s)", name);
    }
    return ret;
}
