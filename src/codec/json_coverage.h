/* Coverage (SPEC section 3) out: the JSON of GET /api/v1/coverage and `compact coverage
 * --format json`, and the CSV of its .csv variant and --format csv. */
#ifndef CODEC_JSON_COVERAGE_H
#define CODEC_JSON_COVERAGE_H

#include "core/coverage.h"
#include "base/buf.h"

/*
 * {"as_of", "set", "authorities_total", "covered", "in_development", "active_compacts",
 *  "uncovered": [{"gss", "name", "type"}],
 *  "covered_by": [{"gss", "name", "type", "compact_id", "compact_name", "via_county"}],
 *  "by_type": {"county": {"total", "covered", "in_development"}, ...every type},
 *  "by_region": {"North East": {...}, ...every region}}
 * Authorities in the order of c's rows. With change (NULL: none; its after is c), one more
 * member, what changed since an earlier date:
 *  "compare": {"from", "covered", "in_development", "active_compacts" (on from),
 *              "gained": [{"gss", "name", "type", "compact_id", "compact_name", "via_county"}]
 *                        (the Compact that covers it on as_of),
 *              "lost": [{"gss", "name", "type", "state" (on as_of), "compact_id",
 *                        "compact_name", "via_county"}] (the Compact that covered it on from)}
 */
void json_coverage(struct buf *b, const struct coverage *c, const struct coverage_change *change);

/*
 * One line per authority: gss,name,type,region,county_gss,state,compact_id,compact_name,
 * via_county (state "covered", "in_development" or "not_covered"; the Compact's fields empty
 * where none), with a header line. With change (NULL: none; its after is c), four more columns
 * for the earlier date: from_state,from_compact_id,from_compact_name,change ("gained", "lost"
 * or empty).
 */
void csv_coverage(struct buf *b, const struct coverage *c, const struct coverage_change *change);

#endif
