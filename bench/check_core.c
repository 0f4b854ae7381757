/*
 * bench_check_core: the compliance engine's cost, without HTTP (docs/PERFORMANCE.md, "Compliance
 * checks"). Three timings, each the median of RUNS runs of many iterations, by clock_gettime:
 *
 *   core     one rules_check of a funding change (the SPEC section 5 example's activity), its
 *            parameters already resolved;
 *   contract the SPEC example request through check_evaluate (decode, resolve, check, encode)
 *            with no store, as POST /api/v1/checks and `compact check` do; and its two halves
 *            apart: decode (json_check_request) and encode (json_check_result);
 *   recheck  re-checking 100,000 varied activities held in memory, of all four kinds, spread
 *            over 16 Compacts with their own parameters, as when a Compact's parameters change.
 *
 *   bench_check_core [--runs N]      prints the table
 *   bench_check_core --request       prints the request used by `contract` (bench/check_json.py
 *                                    reads it, so that Python is timed on the very same bytes)
 *
 * The request is SPEC's example without its "compact_id" (which would need a store).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/check.h"
#include "codec/json_check.h"
#include "core/rules.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/banned.h"

static const char request[] =
    "{ \"as_of\": \"2012-06-01\", \"parameters\": {\"notice_months\": 6},\n"
    "  \"activity\": {\"kind\": \"funding_change\", \"change\": \"end\", \"notice_date\": "
    "\"2012-02-01\",\n"
    "               \"notice_in_writing\": true, \"effective_date\": \"2012-04-01\"} }\n";

#define CORE_ITERATIONS     200000
#define CONTRACT_ITERATIONS 50000
#define RECHECK_ACTIVITIES  100000
#define COMPACTS            16
#define RUNS_DEFAULT        7
#define RUNS_MAX            101

static volatile unsigned sink; /* what the loops compute, so that none is optimised away */

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

/* Median of v[0..n), sorting v. */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static date_t ymd(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void set_date(struct fact_date *f, date_t d)
{
    f->state = FACT_SET;
    f->value = d;
}

static void set_bool(struct fact_bool *f, int v)
{
    f->state = FACT_SET;
    f->value = v;
}

/* ---- (a) one check in the core ---- */

static double bench_core(void)
{
    struct activity a;
    struct param_set req = {{0}, {0}};
    struct params p;
    struct finding f[RULES_MAX_FINDINGS];
    enum verdict overall;
    size_t n;
    date_t as_of = ymd(2012, 6, 1);
    double t0;

    memset(&a, 0, sizeof(a));
    a.kind = ACTIVITY_FUNDING_CHANGE;
    a.change = CHANGE_END;
    set_date(&a.notice_date, ymd(2012, 2, 1));
    set_bool(&a.notice_in_writing, 1);
    set_date(&a.effective_date, ymd(2012, 4, 1));
    req.set[PARAM_NOTICE_MONTHS] = 1;
    req.value[PARAM_NOTICE_MONTHS] = 6;
    params_resolve(&req, NULL, &p);

    t0 = now_ns();
    for (int i = 0; i < CORE_ITERATIONS; i++) {
        if (rules_check(&a, &p, as_of, f, RULES_MAX_FINDINGS, &n, &overall) != 0) {
            fprintf(stderr, "bench_check_core: rules_check failed\n");
            exit(1);
        }
        sink += (unsigned)overall + (unsigned)n;
    }
    return (now_ns() - t0) / CORE_ITERATIONS;
}

/* ---- (b) the check contract, JSON in and out ---- */

static double bench_contract(size_t *out_len)
{
    struct arena arena;
    struct buf out = BUF_INIT;
    const char *field, *why;
    date_t today = ymd(2012, 6, 1);
    double t0, t;

    arena_init(&arena);
    t0 = now_ns();
    for (int i = 0; i < CONTRACT_ITERATIONS; i++) {
        arena_reset(&arena);
        buf_reset(&out);
        if (check_evaluate(NULL, request, sizeof(request) - 1, today, &arena, &out, &field, &why) !=
            0) {
            fprintf(stderr, "bench_check_core: check_evaluate failed: %s %s\n", field ? field : "",
                    why ? why : "");
            exit(1);
        }
        sink += (unsigned)out.len;
    }
    t = (now_ns() - t0) / CONTRACT_ITERATIONS;
    if (!strstr(out.data, "\"overall\":\"breach\"")) {
        fprintf(stderr, "bench_check_core: unexpected result %s\n", out.data);
        exit(1);
    }
    *out_len = out.len;
    buf_release(&out);
    arena_release(&arena);
    return t;
}

/* The contract's two halves: decoding the request, and encoding its result. */
static void bench_halves(double *decode_ns, double *encode_ns)
{
    struct arena arena;
    struct buf out = BUF_INIT;
    struct check_request req;
    struct params p;
    struct finding f[RULES_MAX_FINDINGS];
    enum verdict overall;
    size_t n;
    const char *field, *why;
    double t0;

    arena_init(&arena);
    t0 = now_ns();
    for (int i = 0; i < CONTRACT_ITERATIONS; i++) {
        arena_reset(&arena);
        if (json_check_request(request, sizeof(request) - 1, &arena, &req, &field, &why) != 0) {
            fprintf(stderr, "bench_check_core: json_check_request failed\n");
            exit(1);
        }
        sink += (unsigned)req.activity.kind;
    }
    *decode_ns = (now_ns() - t0) / CONTRACT_ITERATIONS;

    params_resolve(&req.params, NULL, &p);
    if (rules_check(&req.activity, &p, req.as_of, f, RULES_MAX_FINDINGS, &n, &overall) != 0) {
        fprintf(stderr, "bench_check_core: rules_check failed\n");
        exit(1);
    }
    t0 = now_ns();
    for (int i = 0; i < CONTRACT_ITERATIONS; i++) {
        buf_reset(&out);
        json_check_result(&out, &req.activity, &p, f, n, overall, NULL);
        sink += (unsigned)out.len;
    }
    *encode_ns = (now_ns() - t0) / CONTRACT_ITERATIONS;
    buf_release(&out);
    arena_release(&arena);
}

/* ---- (c) re-checking stored activities ---- */

struct stored {
    struct activity a;
    int compact;
};

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

/* xorshift64*: a fixed sequence, so every run checks the same activities. */
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545f4914f6cdd1du) >> 32) % n;
}

/* Set, or now and then null or absent, around base give or take spread days. */
static void some_date(struct fact_date *f, date_t base, int spread)
{
    uint32_t r = rnd(10);
    if (r == 0) {
        f->state = FACT_NULL;
    } else if (r == 1) {
        f->state = FACT_ABSENT;
    } else {
        set_date(f, base + (date_t)rnd((uint32_t)(2 * spread + 1)) - spread);
    }
}

static void some_bool(struct fact_bool *f)
{
    uint32_t r = rnd(8);
    if (r == 0) {
        f->state = FACT_NULL;
    } else if (r == 1) {
        f->state = FACT_ABSENT;
    } else {
        set_bool(f, r > 3);
    }
}

static void some_reason(struct fact_text *t)
{
    static const char *const reasons[] = {"", "   ", "A statutory deadline.",
                                          "The service is being recommissioned."};
    uint32_t r = rnd(6);
    if (r < 4) {
        t->state = FACT_SET;
        t->value = reasons[r];
    } else {
        t->state = r == 4 ? FACT_NULL : FACT_ABSENT;
    }
}

static void make_activity(struct stored *s)
{
    struct activity *a = &s->a;
    date_t d = ymd(2010, 1, 1) + (date_t)rnd(5 * 365); /* 2010 to 2014 */

    memset(s, 0, sizeof(*s));
    s->compact = (int)rnd(COMPACTS);
    a->kind = (enum activity_kind)rnd(ACTIVITY_KIND_COUNT);
    switch (a->kind) {
    case ACTIVITY_FUNDING_CHANGE:
        a->change = rnd(2) ? CHANGE_END : CHANGE_REDUCE;
        some_date(&a->decision_date, d, 30);
        some_date(&a->notice_date, d + 15, 30);
        some_bool(&a->notice_in_writing);
        some_date(&a->effective_date, d + 120, 90);
        some_bool(&a->reasons_given);
        some_date(&a->impact_assessment_date, d, 40);
        some_date(&a->response_invited_date, d, 40);
        some_bool(&a->affects_equality_groups);
        some_date(&a->equality_assessment_date, d, 40);
        break;
    case ACTIVITY_CONSULTATION:
        if (rnd(5) == 0) {
            set_bool(&a->formal, 0);
        }
        some_date(&a->opens, d, 0);
        some_date(&a->closes, d + 84, 60);
        some_reason(&a->reason);
        some_date(&a->feedback_date, d + 168, 120);
        break;
    case ACTIVITY_FUNDING_AWARD: {
        static const char *const payments[] = {"advance", "arrears"};
        some_date(&a->start_date, d, 0);
        some_date(&a->end_date, d + 730, 500);
        some_reason(&a->duration_reason);
        if (rnd(6)) {
            a->payment.state = FACT_SET;
            a->payment.value = payments[rnd(2)];
        }
        some_reason(&a->payment_reason);
        some_bool(&a->overheads_allowed);
        some_reason(&a->overheads_reason);
        break;
    }
    default:
        some_date(&a->published, d, 0);
        some_date(&a->submission_deadline, d + 30, 25);
        some_date(&a->vcs_engaged_date, d, 60);
        some_bool(&a->social_value_considered);
        some_reason(&a->reason);
        break;
    }
}

/* Each Compact's local parameters: some set none, some a few. */
static void make_compacts(struct param_set *c)
{
    for (int i = 0; i < COMPACTS; i++) {
        memset(&c[i], 0, sizeof(c[i]));
        for (int p = 0; p < PARAM_COUNT; p++) {
            if (rnd(3) == 0) {
                static const int values[PARAM_COUNT] = {8, 6, 6, 24, 30};
                c[i].set[p] = 1;
                c[i].value[p] = values[p] + (int)rnd(7);
            }
        }
    }
}

/* Check them all once; the time in ns. counts[v] gets the overall verdicts. */
static double recheck(const struct stored *s, size_t n, const struct param_set *compacts,
                      date_t as_of, size_t counts[VERDICT_COUNT])
{
    struct finding f[RULES_MAX_FINDINGS];
    double t0 = now_ns();

    for (size_t i = 0; i < n; i++) {
        struct params p;
        enum verdict overall;
        size_t nf;
        params_resolve(NULL, &compacts[s[i].compact], &p);
        if (rules_check(&s[i].a, &p, as_of, f, RULES_MAX_FINDINGS, &nf, &overall) != 0) {
            fprintf(stderr, "bench_check_core: rules_check refused activity %zu\n", i);
            exit(1);
        }
        counts[overall]++;
        sink += (unsigned)nf;
    }
    return now_ns() - t0;
}

int main(int argc, char **argv)
{
    int runs = RUNS_DEFAULT;
    double core[RUNS_MAX], contract[RUNS_MAX], decode[RUNS_MAX], encode[RUNS_MAX], total[RUNS_MAX];
    size_t out_len = 0, counts[VERDICT_COUNT] = {0};
    struct param_set compacts[COMPACTS];
    struct stored *stored;
    double core_ns, contract_ns, decode_ns, encode_ns, total_ms;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--request")) {
            fputs(request, stdout);
            return 0;
        } else if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
            runs = (int)strtol(argv[++i], NULL, 10);
            if (runs < 1 || runs > RUNS_MAX) {
                fprintf(stderr, "bench_check_core: --runs takes 1 to %d\n", RUNS_MAX);
                return 2;
            }
        } else {
            fprintf(stderr, "usage: bench_check_core [--runs N] | --request\n");
            return 2;
        }
    }

    stored = calloc(RECHECK_ACTIVITIES, sizeof(*stored));
    if (!stored) {
        fprintf(stderr, "bench_check_core: out of memory\n");
        return 1;
    }
    make_compacts(compacts);
    for (size_t i = 0; i < RECHECK_ACTIVITIES; i++) {
        make_activity(&stored[i]);
    }

    /* One run of each first, unmeasured, to warm caches and the allocator. */
    bench_core();
    bench_contract(&out_len);
    for (int r = 0; r < runs; r++) {
        size_t scratch[VERDICT_COUNT] = {0};
        core[r] = bench_core();
        contract[r] = bench_contract(&out_len);
        bench_halves(&decode[r], &encode[r]);
        total[r] = recheck(stored, RECHECK_ACTIVITIES, compacts, ymd(2015, 6, 1),
                           r == 0 ? counts : scratch) /
                   1e6;
    }
    core_ns = median(core, runs);
    contract_ns = median(contract, runs);
    decode_ns = median(decode, runs);
    encode_ns = median(encode, runs);
    total_ms = median(total, runs);

    printf("bench_check_core: medians of %d runs (range over runs in brackets)\n", runs);
    printf("core      %9.0f ns/check   rules_check, one funding change (%d per run) [%.0f-%.0f]\n",
           core_ns, CORE_ITERATIONS, core[0], core[runs - 1]);
    printf("contract  %9.0f ns/check   check_evaluate, SPEC example, %zu bytes in, %zu out "
           "(%d per run) [%.0f-%.0f]\n",
           contract_ns, sizeof(request) - 1, out_len, CONTRACT_ITERATIONS, contract[0],
           contract[runs - 1]);
    printf("decode    %9.0f ns/check   json_check_request alone [%.0f-%.0f]\n", decode_ns,
           decode[0], decode[runs - 1]);
    printf("encode    %9.0f ns/check   json_check_result alone [%.0f-%.0f]\n", encode_ns, encode[0],
           encode[runs - 1]);
    printf("recheck   %9.1f ms total   %d activities, %.0f ns each [%.1f-%.1f ms]\n", total_ms,
           RECHECK_ACTIVITIES, total_ms * 1e6 / RECHECK_ACTIVITIES, total[0], total[runs - 1]);
    printf("recheck verdicts: met %zu, justified %zu, pending %zu, unknown %zu, breach %zu\n",
           counts[VERDICT_MET], counts[VERDICT_JUSTIFIED], counts[VERDICT_PENDING],
           counts[VERDICT_UNKNOWN], counts[VERDICT_BREACH]);
    printf("goals: core < 50000 ns %s; recheck < 1000 ms %s\n", core_ns < 50000 ? "met" : "not met",
           total_ms < 1000 ? "met" : "not met");
    free(stored);
    return 0;
}
