/* An entity's history: the audit trail of every change to it. */
#ifndef VIEW_PAGE_HISTORY_H
#define VIEW_PAGE_HISTORY_H

#include "layout.h"
#include "core/audit.h"

void view_history_page(struct buf *b, const char *kind, const char *entity,
                       const struct audit_entry *items, size_t n, const struct viewer *viewer);

#endif
