/* The hex maps the coverage page draws. */
#ifndef HTTP_COVERAGE_MAP_H
#define HTTP_COVERAGE_MAP_H

#include "core/authority.h"
#include "core/hexmap.h"

/* The hex map of set's districts, read from the program on first use and kept for its life;
 * NULL (and logged) if it cannot be read. Safe from any thread. */
const struct hexmap *coverage_hexmap(enum authority_set set);

#endif
