/*
 * Hex cartograms of England's authorities (HexJSON, data/hexmaps/): one hex per district-level
 * authority at column q, row r of an offset layout. Pure: codec/hexjson.c reads the files.
 */
#ifndef CORE_HEXMAP_H
#define CORE_HEXMAP_H

#include <stddef.h>

#include "core/authority.h"

/* HexJSON's four offset layouts: pointy-topped rows ("-r", odd or even rows pushed right) or
 * flat-topped columns ("-q", odd or even columns pushed down). */
enum hex_layout { HEX_ODD_R, HEX_EVEN_R, HEX_ODD_Q, HEX_EVEN_Q, HEX_LAYOUT_COUNT };

/* "odd-r", ...; parse gives 0 and *out, or ERR_INVALID. */
const char *hex_layout_id(enum hex_layout l);
int hex_layout_parse(const char *s, enum hex_layout *out);

struct hex {
    const char *code; /* GSS code, "E07000223" */
    const char *name;
    int q, r;
};

/* A map; its strings and hexes belong to whoever filled it (an arena). */
struct hexmap {
    enum hex_layout layout;
    struct hex *hexes; /* in order of code */
    size_t n;
    int qmin, qmax, rmin, rmax; /* the bounds of q and r over the hexes */
};

/* Sort m's hexes by code and work out its bounds. */
void hexmap_finish(struct hexmap *m);
/* The hex of code, or NULL. */
const struct hex *hexmap_find(const struct hexmap *m, const char *code);

/*
 * Centre of hex h in a drawing where a hex's circumradius is size, the top-left hex's box
 * touches (0, 0), and north (greater r) is up: x right, y down. width and height give the
 * whole drawing's box.
 */
void hexmap_centre(const struct hexmap *m, const struct hex *h, double size, double *x, double *y);
void hexmap_extent(const struct hexmap *m, double size, double *width, double *height);

#endif
