/*
 * The one search as a service, shared by GET /search, GET /api/v1/search and `compact search`:
 * what a person typed read as words (core/search.h), then the store's ranked page. The index
 * holds only what anyone may see (published case studies and resources, Compacts,
 * organisations), so every reader gets the same answer.
 */
#ifndef APP_SEARCH_H
#define APP_SEARCH_H

#include <stddef.h>

#include "core/search.h"
#include "store/store.h"
#include "base/arena.h"

/* The page f asks for of what text finds. ERR_INVALID with *why (about "q") when text is not
 * UTF-8 or too long; else 0 or the store's enum err. */
int app_search(struct store *st, const char *text, const struct search_filter *f,
               struct arena *arena, struct search_hit **hits, size_t *n, size_t *total,
               const char **why);

#endif
