/* The one search as a service (search.h). */
#include "search.h"

#include <string.h>

#include "store/store_search.h"
#include "base/banned.h"

int app_search(struct store *st, const char *text, const struct search_filter *f,
               struct arena *arena, struct search_hit **hits, size_t *n, size_t *total,
               const char **why)
{
    struct search_query q;
    int ret;

    *hits = NULL;
    *n = *total = 0;
    if ((ret = search_query_parse(text ? text : "", text ? strlen(text) : 0, &q, why)) < 0) {
        return ret;
    }
    return store_search(st, &q, f, arena, hits, n, total);
}
