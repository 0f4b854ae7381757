/* An entity's history: who changed what, when, and each field before and after, in words. */
#ifndef VIEW_PAGE_HISTORY_H
#define VIEW_PAGE_HISTORY_H

#include "layout.h"
#include "core/history.h"

/* The history of entity of kind: items[0..n), oldest first, as app/history.c writes them. */
void view_history_page(struct buf *b, const char *kind, const char *entity,
                       const struct history_entry *items, size_t n, const struct viewer *viewer);

#endif
