/* The coverage page: where local Compacts cover England on a date, and what changed since an
 * earlier one (SPEC section 3). */
#ifndef VIEW_PAGE_COVERAGE_H
#define VIEW_PAGE_COVERAGE_H

#include <stddef.h>

#include "base/buf.h"
#include "core/coverage.h"
#include "core/hexmap.h"
#include "form.h"
#include "layout.h"

struct coverage_view {
    /* the date boxes (day, month, year) as given, or as a date in the query fills them; any
     * may be NULL */
    const char *as_of_given[3], *from_given[3];
    /* the dates as YYYY-MM-DD when they were given and are real (carried by the filter form
     * and the download links), else NULL */
    const char *as_of, *from;
    date_t today;
    int set;          /* enum authority_set, as chosen (current when the choice was bad) */
    int type, region; /* the filters of the authorities not covered: -1 for all */
    const struct coverage *cov;           /* NULL when there are errors */
    const struct coverage_change *change; /* cov compared with an earlier date, or NULL */
    const struct hexmap *map;             /* NULL: the map cannot be drawn (the table still is) */
    const struct coverage_point *points;  /* coverage over time */
    size_t npoints;
    const struct field_error *errors; /* with any, the page shows them and the forms only */
    size_t nerrors;
};

void view_coverage_page(struct buf *b, const struct coverage_view *v, const struct viewer *viewer);

#endif
