/* The hex map of coverage: England's district-level authorities as an inline SVG, each hex a
 * link to its authority, coloured and patterned by its coverage state. */
#ifndef VIEW_HEXMAP_H
#define VIEW_HEXMAP_H

#include "base/buf.h"
#include "core/coverage.h"
#include "core/hexmap.h"

/*
 * An <svg role="group"> titled title (plain text) with one <a href="/authorities/GSS"> per hex of
 * m, its <title> "Name: state" (and the Compact that covers it); a hex whose authority is not in
 * cov is drawn as not covered. The legend is view_coverage_legend's.
 */
void view_hexmap(struct buf *b, const struct hexmap *m, const struct coverage *cov,
                 const char *title);

/* The legend of the map's three states, as a list with a swatch of each. */
void view_coverage_legend(struct buf *b);

#endif
