/*
 * bench_coverage_core: the cost of coverage without HTTP (docs/PERFORMANCE.md, "Coverage").
 * England's 353 authorities of 2009-2019 from the reference data compiled into the program, and
 * 300 Compacts made from a fixed sequence (a third county-wide, some naming two authorities, each
 * with a history of two or three statuses). Each timing is the median of RUNS runs, by
 * clock_gettime:
 *
 *   compute   coverage_compute of the 353 authorities by the 300 Compacts on one date;
 *   report    the same from a database: the three statements of store_coverage_load on an
 *             in-memory SQLite database holding the 300 Compacts, then coverage_compute (what
 *             GET /coverage does before drawing);
 *   timeline  coverage on every date a status changed (the chart of coverage over time).
 *
 *   bench_coverage_core [--runs N]   prints the table
 *   bench_coverage_core --db PATH    adds the 300 Compacts to the database at PATH (made by
 *                                    `compact init`) and exits: bench/coverage.sh serves it
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/ingest.h"
#include "core/coverage.h"
#include "store/store.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/banned.h"

#define COMPACTS           300
#define COMPUTE_ITERATIONS 20000
#define REPORT_ITERATIONS  2000
#define RUNS_DEFAULT       7
#define RUNS_MAX           101

static volatile size_t sink; /* what the loops compute, so that none is optimised away */

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct made {
    struct coverage_compact c[COMPACTS];
    struct status_change s[COMPACTS][3];
    const char *gss[COMPACTS][2];
    char names[COMPACTS][32];
};

/* 300 Compacts over the authorities a[0..n): every third names a county, the rest a district or
 * other authority, a fifth of them a second one; in development, then active a year or so
 * later, and a sixth inactive again from 2013. */
static void make(const struct authority *a, size_t n, struct made *m)
{
    size_t counties[64], ncounties = 0, others[512], nothers = 0;
    unsigned x = 12345;

    for (size_t i = 0; i < n; i++) {
        if (a[i].type == AUTH_COUNTY && ncounties < 64) {
            counties[ncounties++] = i;
        } else if (nothers < 512) {
            others[nothers++] = i;
        }
    }
    for (size_t i = 0; i < COMPACTS; i++) {
        struct coverage_compact *c = &m->c[i];
        date_t start;
        x = x * 1103515245u + 12345u;
        start = date_from_ymd(2008, 1, 1) + (date_t)((x >> 8) % 1500);
        if (snprintf(m->names[i], sizeof(m->names[i]), "Compact %zu", i + 1) < 0) {
            m->names[i][0] = '\0';
        }
        m->gss[i][0] = i % 3 == 0 && ncounties ? a[counties[(i / 3) % ncounties]].gss
                                               : a[others[(x >> 4) % nothers]].gss;
        m->gss[i][1] = a[others[(x >> 12) % nothers]].gss;
        m->s[i][0] = (struct status_change){start, COMPACT_IN_DEVELOPMENT};
        m->s[i][1] = (struct status_change){start + 200 + (date_t)(x % 300), COMPACT_ACTIVE};
        m->s[i][2] =
            (struct status_change){date_from_ymd(2013, 1, 1) + (date_t)(i % 90), COMPACT_INACTIVE};
        *c = (struct coverage_compact){.id = (long long)i + 1,
                                       .name = m->names[i],
                                       .statuses = m->s[i],
                                       .nstatuses = i % 6 == 0 ? 3 : 2,
                                       .gss = m->gss[i],
                                       .ngss = i % 5 == 0 ? 2 : 1};
    }
}

/* Store the Compacts: each with its authorities and the status it has on 2012-03-31 (a Compact
 * is made with one status; the date is the change that gave it). */
static int store_all(struct store *st, const struct made *m)
{
    date_t on = date_from_ymd(2012, 3, 31);
    for (size_t i = 0; i < COMPACTS; i++) {
        const struct coverage_compact *c = &m->c[i];
        struct compact_new nc = {.name = c->name, .nauthorities = c->ngss};
        char day[DATE_STRLEN + 1];
        const char *bad;
        long long id;
        size_t k = 0;
        for (size_t j = 0; j < c->nstatuses && c->statuses[j].date <= on; j++) {
            k = j;
        }
        nc.authorities[0] = c->gss[0];
        nc.authorities[1] = c->ngss > 1 ? c->gss[1] : NULL;
        nc.status = c->statuses[k].status;
        date_format(c->statuses[k].date, day);
        nc.status_date = day;
        if (store_compact_add(st, &nc, "bench", &id, &bad) < 0) {
            return -1;
        }
    }
    return 0;
}

static struct store *open_with_reference_data(const char *path, unsigned flags)
{
    struct store *st;
    struct buf err = BUF_INIT;
    size_t count;

    if (store_open(path, flags, &st) < 0 || store_migrate(st, NULL, NULL) < 0) {
        fprintf(stderr, "bench_coverage_core: cannot open %s\n", path);
        return NULL;
    }
    if (!strcmp(path, ":memory:") && ingest_reference_data(st, &count, &err) < 0) {
        fprintf(stderr, "bench_coverage_core: %s\n", err.data);
        store_close(st);
        st = NULL;
    }
    buf_release(&err);
    return st;
}

int main(int argc, char **argv)
{
    struct authority_filter f = {.set = AUTH_SET_2012, .type = -1, .region = -1, .by_name = 1};
    double compute[RUNS_MAX], report[RUNS_MAX], timeline[RUNS_MAX];
    const char *db = NULL;
    int runs = RUNS_DEFAULT;
    struct made *m = calloc(1, sizeof(*m));
    struct arena keep, a;
    struct authority *auth;
    struct coverage cov;
    struct coverage_point *points = NULL;
    struct store *st;
    size_t n, npoints = 0;
    date_t on = date_from_ymd(2012, 3, 31);

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
            runs = (int)strtol(argv[++i], NULL, 10);
            if (runs < 1 || runs > RUNS_MAX) {
                fprintf(stderr, "bench_coverage_core: --runs takes 1 to %d\n", RUNS_MAX);
                return 2;
            }
        } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
            db = argv[++i];
        } else {
            fprintf(stderr, "usage: bench_coverage_core [--runs N] | --db PATH\n");
            return 2;
        }
    }
    if (!m || !(st = open_with_reference_data(db ? db : ":memory:", db ? 0 : STORE_CREATE))) {
        return 1;
    }
    arena_init(&keep);
    arena_init(&a);
    if (store_authority_list(st, &f, &keep, &auth, &n) < 0 || n != 353) {
        fprintf(stderr, "bench_coverage_core: want the 353 authorities of 2012, got %zu\n", n);
        return 1;
    }
    make(auth, n, m);
    if (store_all(st, m) < 0) {
        fprintf(stderr, "bench_coverage_core: cannot store the Compacts\n");
        return 1;
    }
    if (db) {
        printf("added %d Compacts to %s\n", COMPACTS, db);
        store_close(st);
        return 0;
    }

    for (int r = -1; r < runs; r++) { /* run -1 warms caches and the allocator, unmeasured */
        double t0 = now_ns(), t1, t2;
        for (int i = 0; i < COMPUTE_ITERATIONS; i++) {
            coverage_compute(auth, n, AUTH_SET_2012, m->c, COMPACTS, on, &a, &cov);
            sink += cov.all.covered;
            arena_reset(&a);
        }
        t1 = now_ns();
        for (int i = 0; i < REPORT_ITERATIONS; i++) {
            struct authority *au;
            struct coverage_compact *cc;
            size_t na, nc;
            if (store_coverage_load(st, AUTH_SET_2012, &a, &au, &na, &cc, &nc) < 0) {
                fprintf(stderr, "bench_coverage_core: store_coverage_load failed\n");
                return 1;
            }
            coverage_compute(au, na, AUTH_SET_2012, cc, nc, on, &a, &cov);
            sink += cov.all.covered;
            arena_reset(&a);
        }
        t2 = now_ns();
        coverage_timeline(auth, n, AUTH_SET_2012, m->c, COMPACTS, &a, &points, &npoints);
        sink += npoints;
        arena_reset(&a);
        if (r >= 0) {
            compute[r] = (t1 - t0) / COMPUTE_ITERATIONS;
            report[r] = (t2 - t1) / REPORT_ITERATIONS;
            timeline[r] = now_ns() - t2;
        }
    }
    coverage_compute(auth, n, AUTH_SET_2012, m->c, COMPACTS, on, &a, &cov);
    coverage_timeline(auth, n, AUTH_SET_2012, m->c, COMPACTS, &a, &points, &npoints);
    printf("bench_coverage_core: medians of %d runs; 353 authorities (2012 set), %d Compacts, "
           "as of 2012-03-31\n",
           runs, COMPACTS);
    printf("compute   %8.0f ns    coverage_compute (%d per run)\n", median(compute, runs),
           COMPUTE_ITERATIONS);
    printf("report    %8.0f ns    store_coverage_load (SQLite in memory) + coverage_compute "
           "(%d per run)\n",
           median(report, runs), REPORT_ITERATIONS);
    printf("timeline  %8.2f ms    coverage on each of %zu dates a status changed\n",
           median(timeline, runs) / 1e6, npoints);
    printf("figures: %zu covered, %zu in development, %zu active Compacts\n", cov.all.covered,
           cov.all.in_development, cov.active_compacts);
    printf("goal: compute well under 1 ms (1000000 ns): %s\n",
           median(compute, runs) < 1e6 ? "met" : "not met");
    store_close(st);
    arena_release(&a);
    arena_release(&keep);
    free(m);
    return 0;
}
