/* The chart of coverage over time: a step chart of covered authorities and active Compacts on
 * each date a status changed, as an inline SVG, with the same figures as a table. */
#ifndef VIEW_CHART_H
#define VIEW_CHART_H

#include <stddef.h>

#include "base/buf.h"
#include "core/coverage.h"

/*
 * The chart of p[0..n) (ascending dates), drawn from the first date to end (held flat after
 * the last point), the y axis from 0 to total authorities; then a key and a table of the
 * points in a details element. n 0: a sentence saying there is nothing to draw.
 */
void view_coverage_chart(struct buf *b, const struct coverage_point *p, size_t n, size_t total,
                         date_t end);

#endif
