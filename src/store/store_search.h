/*
 * The one search's store (migration 0013): a document a published case study, published
 * resource, Compact and organisation in search_doc, the same table and writes on both engines,
 * over FTS5 (SQLite) or a tsvector (PostgreSQL). store_search_index is called by the one write
 * of each kind (case_study_write, resource_write, store_compact.c's and store_organisation.c's
 * audit), inside its transaction, so the index never differs from what it indexes.
 */
#ifndef STORE_STORE_SEARCH_H
#define STORE_STORE_SEARCH_H

#include <stddef.h>

#include "store.h"
#include "core/search.h"
#include "base/arena.h"

/* Index item id of kind as it now stands (or drop it: a draft, a thing gone), inside the
 * caller's transaction: 0 or an enum err. */
int store_search_index(struct store *st, enum search_kind kind, long long id);
/* Index every item again, inside the caller's transaction (the migration, a copy). */
int store_search_rebuild(struct store *st);
/*
 * The page f asks for of what q finds, best first (bm25 on SQLite, ts_rank on PostgreSQL),
 * *total how many there are in all; strings from arena. A query without words finds nothing.
 */
int store_search(struct store *st, const struct search_query *q, const struct search_filter *f,
                 struct arena *arena, struct search_hit **items, size_t *n, size_t *total);

#endif
