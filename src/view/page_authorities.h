/* The list of local authorities, with its filter form. */
#ifndef VIEW_PAGE_AUTHORITIES_H
#define VIEW_PAGE_AUTHORITIES_H

#include <stddef.h>

#include "base/buf.h"
#include "core/authority.h"
#include "form.h"
#include "layout.h"

struct authorities_view {
    int set, type, region;            /* the filters as chosen; -1 for any (set is never -1) */
    size_t n;                         /* authorities listed */
    const struct field_error *errors; /* with any, the page shows them and no table */
    size_t nerrors;
};

/* The authority's name, linked to its page. */
void view_authority_link(struct buf *b, const struct authority *a);

/* The selects of the filters type and region (-1: all), each in a third of a grid row, with the
 * error of each among errors[0..n): the authority list's, and the coverage page's list of
 * authorities not covered. */
void view_authority_filters(struct buf *b, int type, int region, const struct field_error *errors,
                            size_t n);

/*
 * The page, written as its list is read: view_authorities_start (v's n not yet known) gives
 * where the table starts; then view_authorities_row for each authority (none when v has
 * errors), then view_authorities_end with v's n, which puts the table's head in there.
 */
size_t view_authorities_start(struct buf *b, const struct authorities_view *v,
                              const struct viewer *viewer);
void view_authorities_row(struct buf *b, const struct authority *a);
void view_authorities_end(struct buf *b, const struct authorities_view *v, size_t table_at);

#endif
