/* Charts as inline SVG, each with its figures as a table: coverage over time (a step chart) and
 * grants by year (a bar chart), drawn on one frame. */
#ifndef VIEW_CHART_H
#define VIEW_CHART_H

#include <stddef.h>

#include "base/buf.h"
#include "core/coverage.h"
#include "core/indicators.h"

/*
 * The y axis for values up to max: a round step (1, 2, 2.5 or 5 times a power of ten), at most
 * 7 steps from 0 to the top, the first multiple of the step above max. Returns the top.
 */
size_t chart_axis(size_t max, size_t *step);

/*
 * The chart of p[0..n) (ascending dates), drawn from the first date to end (held flat after
 * the last point), the y axis from 0 to the chart_axis top of the largest value drawn; then a
 * key and a table of the points in a details element. n 0: a sentence saying there is nothing
 * to draw.
 */
void view_coverage_chart(struct buf *b, const struct coverage_point *p, size_t n, date_t end);

/* The chart of grants by year: bars of the count with axis labels, then the figures as a table
 * (its text equivalent). Nothing to draw: a sentence saying so. */
void view_grants_chart(struct buf *b, const struct indicators *ind);

/* A count by year as published: hidden when suppressed ("fewer than 5"). */
struct chart_count {
    long long year;
    size_t n;
    int hidden;
};

/*
 * A bar chart of c[0..n) (ascending years) titled title (id: its title's id), with its axes'
 * titles; a hidden count draws no bar, "<5" in its place. The table of figures is the
 * caller's. Nothing to draw: a sentence saying so.
 */
void view_count_chart(struct buf *b, const char *id, const char *title, const char *x_title,
                      const char *y_title, const struct chart_count *c, size_t n);
/* The stacked bars' drawing is CHART_BARS_WIDTH units wide; its words are CHART_FONT units
 * high, and a character is taken as CHART_CHAR_TENTHS tenths of that wide (Arial's widest
 * common letters; most are narrower), so that a line wrapped to a width never runs past it:
 * 20 units, some 14 pixels on a phone, where the drawing is scaled to the screen's width. */
#define CHART_BARS_WIDTH  480
#define CHART_FONT        20
#define CHART_CHAR_TENTHS 6
#define CHART_WRAP_MAX    8 /* the most lines a label is wrapped to (the rest is cut) */

/*
 * Wrap text to lines of at most width drawing units (CHART_FONT and CHART_CHAR_TENTHS): at
 * spaces, a word longer than a line cut. Line i is text[starts[i]..starts[i] + lens[i]); returns
 * how many (at most max).
 */
size_t chart_wrap(const char *text, size_t width, size_t *starts, size_t *lens, size_t max);

/*
 * Horizontal bars of shares stacked to 1, one bar per row (labelled rows[r]), each made of
 * nsegments segments (at most 8; shares[r * nsegments + s] for rows[r] and segments[s]; 0 or
 * less: not drawn, so a hidden share leaves a gap), with a key of the segments under them, a
 * line each; the drawing is titled title (id: the title's id). Each row's label is written
 * above its bar with the drawing's whole width, wrapped (chart_wrap), as are the key's words,
 * so that however long, none is cut off. A row with nothing to draw says so. The caller
 * writes the figures as a table after it, its text equivalent.
 */
void view_stacked_bars(struct buf *b, const char *id, const char *title, const char *const *rows,
                       size_t nrows, const char *const *segments, size_t nsegments,
                       const double *shares);

#endif
