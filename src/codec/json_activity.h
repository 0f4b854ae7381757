/* A recorded activity as the API gives it (GET /api/v1/compacts/{id}/activities/{n}). */
#ifndef CODEC_JSON_ACTIVITY_H
#define CODEC_JSON_ACTIVITY_H

#include <stddef.h>

#include "core/activity.h"
#include "base/arena.h"
#include "base/buf.h"

/*
 * {"id", "compact": {"id", "name"}, "title", "kind", "status" ("recorded" or "withdrawn"),
 * "organisation" ({"org_id", "name"}: the organisation affected, its name null when the
 * register does not know it; or null), "recorded_for" (the same for the organisation whose
 * member recorded it, or null), "amount" (pounds, or null), "decision_date", "recorded_by"
 * ("user:ID" or "cli"), "recorded_at", "checked_on", "overall", "activity" (the facts as
 * recorded), "findings" ([{"rule", "commitment", "verdict", "explanation", "due_date"}]),
 * "withdrawn" ({"at", "by", "reason"}, or null)} into b. numbers: each enum rule's stored
 * commitment number (NULL: the catalogue's defaults).
 */
void json_activity(struct buf *b, const struct recorded_activity *a, const char *const *numbers);

/* A withdrawal {"reason": "..."}: *reason from arena (not yet checked: app/activity.c does), or
 * ERR_INVALID with *field ("body", "reason", or a field that is not part of it) and *why a
 * sentence saying what is wrong. */
int json_activity_withdrawal(const char *text, size_t len, struct arena *arena, const char **reason,
                             const char **field, const char **why);

#endif
