/*
 * Open data indicators and lists out: the JSON of GET /api/v1/organisations/{id}/indicators and
 * `compact indicators --format json`, the CSV of the indicators by year, and the JSON and CSV of
 * the grant and contract lists (GET /api/v1/grants, /api/v1/contracts and their .csv).
 */
#ifndef CODEC_JSON_INDICATORS_H
#define CODEC_JSON_INDICATORS_H

#include <stddef.h>

#include "core/indicators.h"
#include "core/rules.h"
#include "base/arena.h"
#include "base/buf.h"

/* Whose indicators, under which parameters. Strings borrowed. */
struct indicators_subject {
    const char *org;             /* the org-id asked for, as the register (or the data) spells it */
    const char *name;            /* the organisation's name, or NULL where unknown */
    const char *compact_id;      /* the Compact whose parameters apply, or NULL */
    const struct params *params; /* min_funding_months and min_tender_days with their sources */
};

/*
 * {"org", "name", "compact_id", "parameters": {"min_count", "min_funding_months": {"value",
 *  "source"}, "min_tender_days": {"value", "source"}}, "year_basis",
 *  "grants": {"count", "value", "value_pence", "multi_year": {"count", "known", "share"},
 *             "first_year", "last_year", "caveats": [...],
 *             "by_year": [{"year", "count", "value", "value_pence", "multi_year", "caveats"}]},
 *  "ended_relationships": [{"recipient_id", "recipient_name", "year", "not_funded_in",
 *             "grants", "value", "value_pence", "last_award_date", "planned_end", "check"}],
 *  "ended_caveat",
 *  "contracts": {"count", "tender_days": {"measured", "median", "min_tender_days",
 *             "rule_applies", "under_min"}, "vcse_suitable": {"known", "count", "share"},
 *             "caveats", "by_year": [{"year", "count", "tender_days", "vcse_suitable",
 *             "caveats"}]}}
 * value in pounds (GBP grants), share as a fraction to 4 places; a suppressed figure is null.
 */
void json_indicators(struct buf *b, const struct indicators_subject *s,
                     const struct indicators *ind, struct arena *arena);

/* One line per year of grants and of contracts:
 * kind,year,count,value,multi_year,multi_year_known,multi_year_share,tenders_measured,
 * median_tender_days,under_min_tender_days,vcse_known,vcse_suitable,vcse_share
 * (suppressed figures empty), with a header line. */
void csv_indicators(struct buf *b, const struct indicators *ind);

/* {"total", "items": [...], "next"} of grants and of contracts. */
void json_grant_list(struct buf *b, size_t total, const struct grant_item *items, size_t n,
                     const char *next);
void json_contract_list(struct buf *b, size_t total, const struct contract_item *items, size_t n,
                        const char *next);
/* The lists as CSV with a header line. */
void csv_grant_list(struct buf *b, const struct grant_item *items, size_t n);
void csv_contract_list(struct buf *b, const struct contract_item *items, size_t n);

#endif
