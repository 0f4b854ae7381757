/*
 * Coverage as of a date (SPEC section 3): authority A is covered on D when a Compact whose
 * status on D is active covers A directly, or A is a non-metropolitan district whose county is
 * covered directly by such a Compact. A county is covered only directly. Pure: the caller
 * loads the authorities of a set and every Compact's history.
 */
#ifndef CORE_COVERAGE_H
#define CORE_COVERAGE_H

#include <stddef.h>

#include "core/authority.h"
#include "core/compact.h"
#include "base/arena.h"
#include "base/date.h"

/* A Compact as coverage needs it: its history (ascending) and the authorities it names
 * (current GSS codes, aliases already resolved). */
struct coverage_compact {
    long long id;
    const char *name;
    const struct status_change *statuses;
    size_t nstatuses;
    const char *const *gss;
    size_t ngss;
};

enum coverage_state {
    COVER_NONE,           /* no Compact in force or in development covers it */
    COVER_IN_DEVELOPMENT, /* not covered, but a Compact that would is in development */
    COVER_COVERED,
    COVER_STATE_COUNT
};

/* "not_covered", "in_development", "covered"; and labels for people. */
const char *coverage_state_id(enum coverage_state s);
const char *coverage_state_label(enum coverage_state s);

struct coverage_row {
    const struct authority *authority;
    enum coverage_state state;
    /* the Compact that covers it (or, when in development, would): the one that names it
     * directly before one through its county, then the lowest id; 0 and NULL for none */
    long long compact_id;
    const char *compact_name;
    int via_county; /* covered through its county's Compact */
};

struct coverage_count {
    size_t total, covered, in_development;
};

struct coverage {
    date_t as_of;
    enum authority_set set;
    size_t active_compacts; /* Compacts whose status on as_of is active */
    struct coverage_count all;
    struct coverage_count by_type[AUTH_TYPE_COUNT];
    struct coverage_count by_region[REGION_COUNT]; /* by region_name() index */
    struct coverage_row *rows;                     /* one per authority, in the order given */
    size_t nrows;
    const size_t *by_gss; /* indexes of rows in order of GSS code, for coverage_find */
};

/*
 * Work out coverage on as_of of the n authorities a (those of one set; a district's county is
 * found among them by county_gss) by the Compacts c[0..nc). Rows come from arena.
 */
void coverage_compute(const struct authority *a, size_t n, enum authority_set set,
                      const struct coverage_compact *c, size_t nc, date_t as_of,
                      struct arena *arena, struct coverage *out);

/* The row of the authority with current code gss in c, or NULL (a binary search of an index
 * coverage_compute keeps, so a hex map can look up each of its hexes). */
const struct coverage_row *coverage_find(const struct coverage *c, const char *gss);

/* How an authority's coverage moved between two dates: it gained a Compact in force (covered
 * on the later date, not on the earlier), lost one (the reverse), or neither (in development
 * and not covered are both "not covered" here). */
enum coverage_move {
    COVER_SAME,
    COVER_GAINED,
    COVER_LOST,
};

/* The move from row before to row after (the same authority on two dates). */
enum coverage_move coverage_move(const struct coverage_row *before,
                                 const struct coverage_row *after);
/* "gained", "lost", "" (the CSV's and the JSON's words). */
const char *coverage_move_id(enum coverage_move m);

/* Coverage on two dates compared: the authorities gained and lost, as indexes of rows (the
 * same in both: the two were computed over the same authorities). */
struct coverage_change {
    const struct coverage *before, *after; /* borrowed */
    const size_t *gained, *lost;           /* in the order of the rows */
    size_t ngained, nlost;
};

/*
 * Compare before and after, two coverages computed by coverage_compute over the same array of
 * authorities (on any two dates; before is usually the earlier). Indexes from arena.
 */
void coverage_compare(const struct coverage *before, const struct coverage *after,
                      struct arena *arena, struct coverage_change *out);

/* Coverage on one date, for the chart of coverage over time. */
struct coverage_point {
    date_t date;
    size_t active_compacts, covered, in_development;
};

/*
 * Coverage on every date a status of one of the Compacts c[0..nc) took effect, ascending, each
 * date once: what a step chart of coverage over time needs. *points from arena (NULL and 0 when
 * no Compact has a status).
 */
void coverage_timeline(const struct authority *a, size_t n, enum authority_set set,
                       const struct coverage_compact *c, size_t nc, struct arena *arena,
                       struct coverage_point **points, size_t *npoints);

#endif
