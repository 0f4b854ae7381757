/*
 * The cases of bench/complaints.sh: N complaints spread over the Compacts of a database, each
 * Compact's between one complainant and one respondent of the given lists in turn, made by
 * app/cases_bench.h's cases_generate (core applies every event; one bulk transaction each).
 *
 *   bench_complaints_gen --db PATH --cases N --compacts ID,ID,... --complainants ORG,ORG,...
 *                        --respondents ORG,ORG,...
 *
 * Prints how many were made and how long it took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/cases_bench.h"
#include "ingest/ingest.h"
#include "base/err.h"
#include "base/banned.h"

#define LIST_MAX 64

/* s split on commas into out[0..*n), in place. */
static size_t split(char *s, char **out)
{
    size_t n = 0;
    for (char *p = s; p && *p && n < LIST_MAX;) {
        char *comma = strchr(p, ',');
        out[n++] = p;
        if (comma) {
            *comma = '\0';
        }
        p = comma ? comma + 1 : NULL;
    }
    return n;
}

int main(int argc, char **argv)
{
    char *compacts[LIST_MAX], *complainants[LIST_MAX], *respondents[LIST_MAX];
    size_t ncompacts = 0, ncomplainants = 0, nrespondents = 0, total = 0;
    const char *db = NULL;
    long long cases = 0;
    struct calendar cal;
    struct buf err = BUF_INIT;
    struct store *st;
    struct timespec t0, t1;
    int ret = 0;

    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--db")) {
            db = argv[i + 1];
        } else if (!strcmp(argv[i], "--cases")) {
            cases = strtoll(argv[i + 1], NULL, 10);
        } else if (!strcmp(argv[i], "--compacts")) {
            ncompacts = split(argv[i + 1], compacts);
        } else if (!strcmp(argv[i], "--complainants")) {
            ncomplainants = split(argv[i + 1], complainants);
        } else if (!strcmp(argv[i], "--respondents")) {
            nrespondents = split(argv[i + 1], respondents);
        }
    }
    if (!db || cases < 1 || !ncompacts || !ncomplainants || !nrespondents) {
        fprintf(stderr, "usage: bench_complaints_gen --db PATH --cases N --compacts ID,... "
                        "--complainants ORG,... --respondents ORG,...\n");
        return 2;
    }
    if (ingest_calendar(&cal, &err) < 0) {
        fprintf(stderr, "bench_complaints_gen: %s\n", err.data);
        return 1;
    }
    if (store_open(db, 0, &st) < 0 || store_migrate(st, NULL, NULL) < 0) {
        fprintf(stderr, "bench_complaints_gen: cannot open %s\n", db);
        ingest_calendar_free(&cal);
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t i = 0; i < ncompacts && ret == 0; i++) {
        size_t n = (size_t)cases / ncompacts + (i < (size_t)cases % ncompacts), made = 0;
        ret = cases_generate(st, &cal, strtoll(compacts[i], NULL, 10),
                             complainants[i % ncomplainants], respondents[i % nrespondents], n,
                             (unsigned)i + 1, date_today(), &made);
        total += made;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (ret < 0) {
        fprintf(stderr, "bench_complaints_gen: %s (%s)\n", err_str(ret), store_errmsg(st));
    } else {
        printf("%zu cases made in %.1f s\n", total,
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    }
    store_close(st);
    ingest_calendar_free(&cal);
    buf_release(&err);
    return ret < 0 ? 1 : 0;
}
