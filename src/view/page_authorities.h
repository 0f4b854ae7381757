/* The list of local authorities, with its filter form. */
#ifndef VIEW_PAGE_AUTHORITIES_H
#define VIEW_PAGE_AUTHORITIES_H

#include <stddef.h>

#include "base/buf.h"
#include "core/authority.h"
#include "form.h"
#include "layout.h"

struct authorities_view {
    int set, type, region; /* the filters as chosen; -1 for any (set is never -1) */
    const struct authority *items;
    size_t n;
    const struct field_error *errors; /* with any, the page shows them and no table */
    size_t nerrors;
};

void view_authorities_page(struct buf *b, const struct authorities_view *v,
                           const struct viewer *viewer);

#endif
