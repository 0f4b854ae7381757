/*
 * The case for signing up (SPEC section 9) from the store: the one piece of code behind
 * GET /signups, GET /api/v1/signups (and .csv) and `compact signups`. Its query (as_of and set)
 * is coverage's (app/coverage_report.h: coverage_query without from).
 */
#ifndef APP_SIGNUPS_REPORT_H
#define APP_SIGNUPS_REPORT_H

#include "store/store.h"
#include "app/coverage_report.h"
#include "core/signups.h"
#include "base/arena.h"

struct signups_report {
    struct coverage cov; /* coverage on the day, which the report reads */
    struct signups su;
};

/* The report on q's as_of for q's set (q->compare is ignored), from the store, into out (from
 * arena; out must stay where it was filled: su points into cov). */
int signups_report(struct store *st, const struct coverage_query *q, struct arena *arena,
                   struct signups_report *out);

#endif
