/*
 * Many complaints at once, for benchmarks (bench/complaints.sh) and tests of speed: made as
 * people would make them (core applies every event), written in one bulk transaction.
 */
#ifndef APP_CASES_BENCH_H
#define APP_CASES_BENCH_H

#include <stddef.h>

#include "core/calendar.h"
#include "store/store.h"
#include "base/date.h"

/*
 * Make n cases on Compact compact_id between the organisations complainant and respondent
 * (org-ids or numbers), opened on days spread over the ten years before today, each with a
 * mix of events that seed decides (responses on time and late, escalations, closings with
 * outcomes and causes, reopenings), by the command line, in one transaction (store_begin_bulk):
 * all or none. *made is how many. ERR_NOT_FOUND for a Compact or organisation not there.
 */
int cases_generate(struct store *st, const struct calendar *cal, long long compact_id,
                   const char *complainant, const char *respondent, size_t n, unsigned seed,
                   date_t today, size_t *made);

#endif
