/* The case for signing up (SPEC section 9) out: the JSON of GET /api/v1/signups and `compact
 * signups --format json`, the CSV of its .csv variant and --format csv. */
#ifndef CODEC_JSON_SIGNUPS_H
#define CODEC_JSON_SIGNUPS_H

#include "core/signups.h"
#include "base/buf.h"

/*
 * {"as_of", "set",
 *  "compacts": [{"id", "name", "signed_types": [...], "missing_types": [...]}],
 *  "not_signed": [{"gss", "council", "compact_id"}],
 *  "not_covered": [{"gss", "council"}]}
 * as SPEC section 9 gives it: the active Compacts by name; signed_types of council, nhs, police,
 * fire, other in that order, missing_types those of the first four with no signatory; the
 * councils (org-ids, null where the authority has no register code) by region, then name.
 */
void json_signups(struct buf *b, const struct signups *su);

/*
 * One line per council, by region then name, after a header: gss,authority,council,
 * council_name,type,region,state,compact_id,compact_name,via_county,signed_on (state "signed",
 * "not_signed" or "not_covered"; the Compact, the one that covers the area, and the day the
 * council signed it empty where there is none).
 */
void csv_signups(struct buf *b, const struct signups *su);

#endif
