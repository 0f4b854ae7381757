/* The one search's page (/search), and a result's snippet with its matched words marked. */
#ifndef VIEW_PAGE_SEARCH_H
#define VIEW_PAGE_SEARCH_H

#include <stddef.h>

#include "layout.h"
#include "core/search.h"
#include "base/arena.h"
#include "base/buf.h"

struct search_view {
    const char *q;                 /* what was typed, or NULL */
    const struct search_filter *f; /* the filters as chosen */
    const struct search_hit *hits; /* the page's results, best first */
    size_t n, total;
    const struct field_error *errors;
    size_t nerrors;
};
void view_search_page(struct buf *b, const struct search_view *v, const struct viewer *viewer);

/* snippet (SEARCH_MARK_* around the matched words) as HTML: its text escaped, and only then
 * each matched word in <mark>. Shared by the page and the API's "snippet". */
void view_search_snippet(struct buf *b, const char *snippet);
/* The snippets of hits[0..n) so, from arena: what the API's and `compact search`'s JSON give. */
const char **view_search_snippets(const struct search_hit *hits, size_t n, struct arena *arena);

#endif
