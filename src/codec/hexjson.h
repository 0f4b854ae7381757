/* HexJSON (https://open-innovations.org/projects/hexmaps/hexjson) in: a hex cartogram's layout
 * and its hexes. */
#ifndef CODEC_HEXJSON_H
#define CODEC_HEXJSON_H

#include <stddef.h>

#include "core/hexmap.h"
#include "base/arena.h"
#include "base/buf.h"

/*
 * Read {"layout": "odd-r", "hexes": {"CODE": {"n": name, "q": q, "r": r, ...}}} from
 * text[0..len), keeping only the hexes whose code starts with prefix ("E" for England; "" for
 * all), into out (hexes and strings from arena, sorted by code, bounds set). ERR_INVALID with a
 * message in err for text that is not JSON, an unknown layout, or a hex without a name or with
 * q or r that is not a whole number; out is then empty.
 */
int hexjson_read(const char *text, size_t len, const char *prefix, struct arena *arena,
                 struct hexmap *out, struct buf *err);

#endif
