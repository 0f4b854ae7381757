/*
 * A recorded activity for the person asking: read it as policy_activity_see allows, and
 * withdraw it (kept, with who, when and why, in the audit trail too). Recording and changing
 * are check_record and check_update (check.h), which check it again.
 */
#ifndef APP_ACTIVITY_H
#define APP_ACTIVITY_H

#include "core/account.h"
#include "core/activity.h"
#include "store/store.h"
#include "base/arena.h"

/*
 * Recorded activity id of Compact compact_id into *out, and its facts decoded into *facts
 * (may be NULL), everything from arena: ERR_NOT_FOUND when there is none or u may not see it
 * (policy_activity_see), or an error from the store.
 */
int activity_read(struct store *st, const struct user *u, long long compact_id, long long id,
                  struct arena *arena, struct recorded_activity *out, struct activity *facts);
/*
 * Withdraw recorded activity id of Compact compact_id as u, for reason (1 to
 * ACTIVITY_REASON_MAX characters). ERR_NOT_FOUND when there is no such Compact or activity (for
 * a member: none their organisation recorded); ERR_FORBIDDEN when u may not write the
 * Compact's activities (policy_activity_write); ERR_INVALID for the reason (*field "reason");
 * ERR_CONFLICT when it was withdrawn already. *why says what is wrong in each case.
 */
int activity_withdraw(struct store *st, const struct user *u, long long compact_id, long long id,
                      const char *reason, const char **field, const char **why);

#endif
