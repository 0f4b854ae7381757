/*
 * Complaints (SPEC section 6) in JSON and CSV: the requests that open a case and add an event
 * decoded strictly, and a case, a list of cases and the statistics encoded as the HTTP contract
 * and `compact complaints` give them.
 */
#ifndef CODEC_JSON_COMPLAINT_H
#define CODEC_JSON_COMPLAINT_H

#include <stddef.h>

#include "core/case.h"
#include "core/complaint.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"

#define CASE_TITLE_MAX 200   /* characters of a case's title */
#define CASE_TEXT_MAX  10000 /* characters of a summary, a note or a remedy */
#define CASE_NAMES_MAX 64    /* rule names a request's rules or causes may list */

/*
 * Decode {"complainant", "respondent", "title", "summary", "aware_on", "opened_on", "stage"?,
 * "rules"?, "activity_id"?} into out (strings from arena; out->compact_id left 0 for the
 * caller). Each of the first six is required text (title 1 to CASE_TITLE_MAX characters,
 * summary at most CASE_TEXT_MAX); stage text or null; rules a list of text or null; activity_id
 * a whole number from 1, or null. Whether the values make a case (known organisations, real
 * dates in order, known rules and stage) is for cases_create to say. ERR_INVALID with *field
 * the field at fault ("title", "rules.2", "body" for a body that is not a JSON object or not
 * UTF-8, json_text_check) and *why a sentence; an unknown field is named likewise.
 */
int json_case_new(const char *text, size_t len, struct arena *arena, struct case_new *out,
                  const char **field, const char **why);

/*
 * Decode {"type", "date", "note"?, "to"?, "ombudsman"?, "outcome"?, "causes"?, "remedy"?} into
 * out (strings from arena, NULL for absent, null or empty): type and date required text, the
 * others text or null, causes a list of text or null. The values themselves are
 * complaint_apply's to judge. ERR_INVALID with *field and *why as above.
 */
int json_case_event_new(const char *text, size_t len, struct arena *arena,
                        struct case_event_new *out, const char **field, const char **why);

/*
 * A case as of c->as_of: {"id", "compact_id", "compact_name", "title", "summary", "status",
 * "stage", "as_of", "complainant": {"org_id", "name"}, "respondent", "aware_on", "opened_on",
 * "rules", "activity_id", "ombudsman_deadline", "ombudsman_late", "ombudsman", "ombudsman_window",
 * "stages": [{"stage", "started_on", "days", "source", "due_on", "responded_on", "ended_on",
 * "state", "working_days_left" (awaiting a response with a due date)}], "events": [{"n", "type",
 * "date", "by", "note", and "to", "ombudsman" (escalated), "outcome", "causes", "remedy"
 * (closed)}] (those up to as_of), "outcome": null or {"outcome", "causes", "remedy", "date"}}.
 * A stage's source is "national default" or "compact" (null without a due date).
 */
void json_case(struct buf *b, const struct case_record *c);

/*
 * A page of a list of cases: {"total", "items": [{"id", "compact_id", "compact_name", "title",
 * "status", "stage", "complainant", "respondent", "opened_on", "due_on" (what is due next, or
 * null), "state" (the current stage's), "working_days_left", "working_days_late"}], "next"}
 * with items cases[0..n) of total, next the cursor of the page after (NULL: none).
 * working_days_left and working_days_late are null where they do not apply.
 */
void json_case_list(struct buf *b, size_t total, const struct case_record *cases, size_t n,
                    const char *next);
/* The same as CSV with a header line: id, compact_id, compact, title, status, stage,
 * complainant, complainant_name, respondent, respondent_name, opened_on, due_on, state,
 * working_days_left, working_days_late (empty where they do not apply). */
void csv_case_list(struct buf *b, const struct case_record *cases, size_t n);

/*
 * The statistics: {"compact_id" (null: national), "year" (null: every year), "as_of", "opened",
 * "by_stage": {stage: n}, "by_outcome": {outcome: n, "open": n}, "by_cause": {rule: n},
 * "on_time": {"responded", "base", "share"}, "years": [...]}. A suppressed count is null ("fewer
 * than 5"); on_time's numbers are null unless the share is shown (a base of at least 10).
 */
void json_case_stats(struct buf *b, const struct complaint_stats *s, long long compact_id, int year,
                     date_t as_of, const int *years, size_t nyears);
/* The same as CSV: breakdown, key, count (empty when suppressed), one row each; the share as
 * on_time, share, a fraction (or empty). */
void csv_case_stats(struct buf *b, const struct complaint_stats *s);

/* "national default", "compact", or NULL: a stage's source in JSON. */
const char *json_case_source(enum param_source s);

#endif
