/* Coverage of a set of authorities by the Compacts in force on a date. */
#include "coverage.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static const char *const state_ids[COVER_STATE_COUNT] = {
    [COVER_NONE] = "not_covered",
    [COVER_IN_DEVELOPMENT] = "in_development",
    [COVER_COVERED] = "covered",
};
static const char *const state_labels[COVER_STATE_COUNT] = {
    [COVER_NONE] = "Not covered",
    [COVER_IN_DEVELOPMENT] = "In development",
    [COVER_COVERED] = "Covered",
};

const char *coverage_state_id(enum coverage_state s)
{
    return (unsigned)s < COVER_STATE_COUNT ? state_ids[s] : "";
}

const char *coverage_state_label(enum coverage_state s)
{
    return (unsigned)s < COVER_STATE_COUNT ? state_labels[s] : "";
}

/* What names an authority directly: the best state and which Compact gives it. */
struct direct {
    const char *gss;
    size_t row;
    enum coverage_state state;
    const struct coverage_compact *by;
};

static int cmp_direct(const void *a, const void *b)
{
    return strcmp(((const struct direct *)a)->gss, ((const struct direct *)b)->gss);
}

static struct direct *find(struct direct *d, size_t n, const char *gss)
{
    struct direct key = {.gss = gss};
    return gss ? bsearch(&key, d, n, sizeof(*d), cmp_direct) : NULL;
}

/* Whether state s by Compact c beats what d holds: covered beats in development, then the
 * lower id. */
static int better(const struct direct *d, enum coverage_state s, const struct coverage_compact *c)
{
    return s > d->state || (s == d->state && d->by && c->id < d->by->id);
}

static void count(struct coverage_count *c, enum coverage_state s)
{
    c->total++;
    c->covered += s == COVER_COVERED;
    c->in_development += s == COVER_IN_DEVELOPMENT;
}

void coverage_compute(const struct authority *a, size_t n, enum authority_set set,
                      const struct coverage_compact *c, size_t nc, date_t as_of,
                      struct arena *arena, struct coverage *out)
{
    struct direct *d = arena_alloc(arena, (n ? n : 1) * sizeof(*d));
    size_t *by_gss = arena_alloc(arena, (n ? n : 1) * sizeof(*by_gss));

    memset(out, 0, sizeof(*out));
    out->as_of = as_of;
    out->set = set;
    out->rows = arena_alloc(arena, (n ? n : 1) * sizeof(*out->rows));
    out->nrows = n;
    for (size_t i = 0; i < n; i++) {
        d[i] = (struct direct){.gss = a[i].gss, .row = i};
    }
    qsort(d, n, sizeof(*d), cmp_direct);

    for (size_t i = 0; i < nc; i++) {
        int st = compact_status_on(c[i].statuses, c[i].nstatuses, as_of);
        enum coverage_state s = st == COMPACT_ACTIVE           ? COVER_COVERED
                                : st == COMPACT_IN_DEVELOPMENT ? COVER_IN_DEVELOPMENT
                                                               : COVER_NONE;
        out->active_compacts += st == COMPACT_ACTIVE;
        if (s == COVER_NONE) {
            continue;
        }
        for (size_t j = 0; j < c[i].ngss; j++) {
            struct direct *hit = find(d, n, c[i].gss[j]);
            if (hit && better(hit, s, &c[i])) {
                hit->state = s;
                hit->by = &c[i];
            }
        }
    }

    for (size_t i = 0; i < n; i++) {
        struct coverage_row *row = &out->rows[d[i].row];
        const struct authority *au = &a[d[i].row];
        const struct direct *best = &d[i];
        size_t region;

        if (au->type == AUTH_DISTRICT) {
            const struct direct *county = find(d, n, au->county_gss);
            if (county && county->state > best->state) {
                best = county;
            }
        }
        *row = (struct coverage_row){.authority = au, .state = best->state};
        if (best->by) {
            row->compact_id = best->by->id;
            row->compact_name = best->by->name;
            row->via_county = best != &d[i];
        }
        count(&out->all, row->state);
        count(&out->by_type[au->type], row->state);
        if (au->region && region_parse(au->region, &region) == 0) {
            count(&out->by_region[region], row->state);
        }
        by_gss[i] = d[i].row;
    }
    out->by_gss = by_gss;
}

const struct coverage_row *coverage_find(const struct coverage *c, const char *gss)
{
    size_t lo = 0, hi = c->nrows;

    while (gss && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct coverage_row *row = &c->rows[c->by_gss[mid]];
        int cmp = strcmp(gss, row->authority->gss);
        if (!cmp) {
            return row;
        }
        if (cmp < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return NULL;
}

enum coverage_move coverage_move(const struct coverage_row *before,
                                 const struct coverage_row *after)
{
    int was = before->state == COVER_COVERED, is = after->state == COVER_COVERED;
    return is && !was ? COVER_GAINED : was && !is ? COVER_LOST : COVER_SAME;
}

const char *coverage_move_id(enum coverage_move m)
{
    return m == COVER_GAINED ? "gained" : m == COVER_LOST ? "lost" : "";
}

void coverage_compare(const struct coverage *before, const struct coverage *after,
                      struct arena *arena, struct coverage_change *out)
{
    size_t n = after->nrows < before->nrows ? after->nrows : before->nrows;
    size_t *gained = arena_alloc(arena, (n ? n : 1) * sizeof(*gained));
    size_t *lost = arena_alloc(arena, (n ? n : 1) * sizeof(*lost));

    assert(before->nrows == after->nrows);
    *out = (struct coverage_change){.before = before, .after = after};
    for (size_t i = 0; i < n; i++) {
        assert(before->rows[i].authority == after->rows[i].authority);
        switch (coverage_move(&before->rows[i], &after->rows[i])) {
        case COVER_GAINED:
            gained[out->ngained++] = i;
            break;
        case COVER_LOST:
            lost[out->nlost++] = i;
            break;
        default:
            break;
        }
    }
    out->gained = gained;
    out->lost = lost;
}

static int cmp_date(const void *a, const void *b)
{
    date_t x = *(const date_t *)a, y = *(const date_t *)b;
    return x < y ? -1 : x > y;
}

void coverage_timeline(const struct authority *a, size_t n, enum authority_set set,
                       const struct coverage_compact *c, size_t nc, struct arena *arena,
                       struct coverage_point **points, size_t *npoints)
{
    struct arena scratch;
    date_t *dates;
    size_t nd = 0, np = 0;

    *points = NULL;
    *npoints = 0;
    for (size_t i = 0; i < nc; i++) {
        nd += c[i].nstatuses;
    }
    if (!nd) {
        return;
    }
    dates = arena_alloc(arena, nd * sizeof(*dates));
    nd = 0;
    for (size_t i = 0; i < nc; i++) {
        for (size_t j = 0; j < c[i].nstatuses; j++) {
            dates[nd++] = c[i].statuses[j].date;
        }
    }
    qsort(dates, nd, sizeof(*dates), cmp_date);
    *points = arena_alloc(arena, nd * sizeof(**points));
    arena_init(&scratch);
    for (size_t i = 0; i < nd; i++) {
        struct coverage cov;
        if (i && dates[i] == dates[i - 1]) {
            continue;
        }
        coverage_compute(a, n, set, c, nc, dates[i], &scratch, &cov);
        (*points)[np++] = (struct coverage_point){.date = dates[i],
                                                  .active_compacts = cov.active_compacts,
                                                  .covered = cov.all.covered,
                                                  .in_development = cov.all.in_development};
        arena_reset(&scratch);
    }
    arena_release(&scratch);
    *npoints = np;
}
