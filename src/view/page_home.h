/* The home page: what the service is for, and where to go. */
#ifndef VIEW_PAGE_HOME_H
#define VIEW_PAGE_HOME_H

#include <stddef.h>

#include "layout.h"
#include "base/buf.h"

struct home_view {
    size_t authorities_2012; /* how many authorities each set holds */
    size_t authorities_current;
};

void view_home_page(struct buf *b, const struct home_view *v, const struct viewer *viewer);

#endif
