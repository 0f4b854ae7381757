/* The coverage page: where local Compacts cover England on a date (SPEC section 3). */
#ifndef VIEW_PAGE_COVERAGE_H
#define VIEW_PAGE_COVERAGE_H

#include <stddef.h>

#include "base/buf.h"
#include "core/coverage.h"
#include "core/hexmap.h"
#include "form.h"
#include "layout.h"

struct coverage_view {
    const char *as_of; /* the date as entered (shown again), or NULL for today */
    int set;           /* enum authority_set, as chosen (current when the choice was bad) */
    const struct coverage *cov;          /* NULL when there are errors */
    const struct hexmap *map;            /* NULL: the map cannot be drawn (the table still is) */
    const struct coverage_point *points; /* coverage over time */
    size_t npoints;
    const struct field_error *errors; /* with any, the page shows them and the form only */
    size_t nerrors;
};

void view_coverage_page(struct buf *b, const struct coverage_view *v, const struct viewer *viewer);

#endif
