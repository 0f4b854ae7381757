/* The one search's answer as JSON (SPEC section 9). */
#ifndef CODEC_JSON_SEARCH_H
#define CODEC_JSON_SEARCH_H

#include <stddef.h>

#include "core/search.h"
#include "base/buf.h"

/* {"total": N, "items": [{"type", "id", "title", "snippet", "url"}]}: snippets[i] is hit i's
 * snippet as the view made it (HTML: escaped text, matched words in <mark>). */
void json_search(struct buf *b, size_t total, const struct search_hit *hits,
                 const char *const *snippets, size_t n);

#endif
