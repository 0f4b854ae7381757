/* One local authority. */
#ifndef VIEW_PAGE_AUTHORITY_H
#define VIEW_PAGE_AUTHORITY_H

#include "base/buf.h"
#include "core/authority.h"
#include "layout.h"

void view_authority_page(struct buf *b, const struct authority *a, const struct viewer *viewer);

#endif
