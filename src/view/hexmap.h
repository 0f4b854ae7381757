/* The hex maps of England's district-level authorities as inline SVG, each hex a link to its
 * authority, coloured and patterned by its state: coverage (SPEC section 3), and whether the
 * council signed (section 9), each with its key. */
#ifndef VIEW_HEXMAP_H
#define VIEW_HEXMAP_H

#include <stddef.h>

#include "base/buf.h"
#include "core/coverage.h"
#include "core/hexmap.h"

/* How the hexes of one state look, and what the key says of them. At most one style of a map
 * is striped. */
struct hex_style {
    const char *id;      /* the state's id: a hex is drawn by <use href="#PREFIX-ID"> */
    const char *label;   /* "Covered" */
    const char *meaning; /* the key's words after the label: ": an active local Compact ..." */
    const char *colour;  /* a fill with at least 3:1 contrast with white, "#00703c" */
    const char *outline; /* its outline; NULL: colour */
    int striped;         /* stripes of colour on white, outlined thickly; else solid */
};

/* The state of the hex h of a map (an index into its styles), its title's words after the
 * authority's name written to title ("Covered (Kent Compact)"), and the name to show (NULL:
 * the hex's own). */
typedef size_t hex_state_fn(const void *ctx, const struct hex *h, struct buf *title,
                            const char **name);

/*
 * An <svg role="group"> titled title (plain text) with one <a href="/authorities/GSS"> per hex of
 * m, its <title> "Name: " and what state writes, drawn in styles[state's index]. prefix keeps the
 * drawing's ids apart from another map's ("cov": cov-covered, cov-hatch).
 */
void view_hexmap_of(struct buf *b, const struct hexmap *m, const char *prefix,
                    const struct hex_style *styles, size_t nstyles, hex_state_fn *state,
                    const void *ctx, const char *title);
/* The key of a map: a list with a swatch of each of the n styles order[0..n) index. */
void view_hexmap_key(struct buf *b, const char *prefix, const struct hex_style *styles,
                     const size_t *order, size_t n);

/*
 * The coverage map: its <title> "Name: state" (and the Compact that covers it); a hex whose
 * authority is not in cov is drawn as not covered. Its key is view_coverage_legend's.
 */
void view_hexmap(struct buf *b, const struct hexmap *m, const struct coverage *cov,
                 const char *title);

/* The legend of the coverage map's three states, as a list with a swatch of each. */
void view_coverage_legend(struct buf *b);

#endif
