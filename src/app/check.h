/*
 * A compliance check from its JSON request to its JSON result (SPEC section 5): the one piece of
 * code behind POST /api/v1/checks and `compact check`. Stores nothing.
 */
#ifndef APP_CHECK_H
#define APP_CHECK_H

#include <stddef.h>

#include "store/store.h"
#include "core/account.h"
#include "core/rules.h"
#include "base/arena.h"
#include "base/buf.h"

/*
 * Evaluate the check request text[0..len) and append the result JSON to out. st (may be NULL
 * when the request names no Compact) gives a named Compact's parameters; today is the as_of when
 * the request has none. ERR_INVALID with *field and *why when the request is wrong; the caller
 * makes the problem reply.
 */
int check_evaluate(struct store *st, const char *text, size_t len, date_t today,
                   struct arena *arena, struct buf *out, const char **field, const char **why);

/*
 * Record the activity of the request text against Compact compact_id as u (policy.h: NULL for
 * the command line), with the title, amount and decision date it gives and the organisation
 * affected it names (without one: a member's own; null: none), a member's organisation as the
 * one that recorded it: checked with the Compact's parameters on today, stored with its
 * findings, audited as u. ERR_NOT_FOUND when there is no such Compact; ERR_FORBIDDEN when u may
 * not write its activities (policy_activity_write), *why saying who may. A request that sets
 * its own parameters or names another Compact, gives an amount for a consultation, or a
 * decision_date other than its facts' is ERR_INVALID (with *field and *why), as is anything
 * json_check_request refuses. *id is the new activity's, *org_out the organisation affected.
 */
int check_record(struct store *st, const struct user *u, long long compact_id, const char *text,
                 size_t len, date_t today, struct arena *arena, long long *id, const char **org_out,
                 const char **field, const char **why);
/* The same for changing recorded activity id (from 1): checked again and stored with its new
 * findings. A member changes only activities their organisation recorded (others are
 * ERR_NOT_FOUND); giving it another organisation affected than it has (or none) is
 * ERR_FORBIDDEN with *field "organisation" unless u may move it (policy_activity_move); a
 * withdrawn activity is ERR_CONFLICT (*why says so). */
int check_update(struct store *st, const struct user *u, long long compact_id, long long id,
                 const char *text, size_t len, date_t today, struct arena *arena,
                 const char **field, const char **why);
/*
 * Check activity a with Compact compact's parameters (its id as text) as of as_of, the dates of
 * explanations and remedies written as dates says: the parameters used into *p, the findings
 * into out[RULES_MAX_FINDINGS]. What a recorded activity's page shows. ERR_NOT_FOUND when there
 * is no such Compact; ERR_INVALID when a date falls outside the years 1000 to 9999.
 */
int check_against_compact(struct store *st, const char *compact, const struct activity *a,
                          date_t as_of, enum rules_dates dates, struct params *p,
                          struct finding *out, size_t *n, enum verdict *overall);
/* Check every recorded activity again as of as_of (time makes pending steps overdue), in one
 * transaction, writing only the findings that changed; *count is how many were checked,
 * *changed how many were rewritten (may be NULL). */
int check_recheck_all(struct store *st, date_t as_of, size_t *count, size_t *changed);
/* The same for the activities of one Compact (after its parameters change). */
int check_recheck_compact(struct store *st, long long compact_id, date_t as_of, size_t *count,
                          size_t *changed);

#endif
