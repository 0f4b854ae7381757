/* Reading and withdrawing a recorded activity, as the access policy allows. */
#include "activity.h"

#include <string.h>

#include "actor.h"
#include "policy.h"
#include "codec/json_check.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/banned.h"

int activity_read(struct store *st, const struct user *u, long long compact_id, long long id,
                  struct arena *arena, struct recorded_activity *out, struct activity *facts)
{
    int ret = store_activity_get(st, id, compact_id, arena, out);

    if (ret == 0 && (ret = policy_activity_see(st, u, compact_id, out->recorder_org)) < 0) {
        memset(out, 0, sizeof(*out));
        return ret == ERR_FORBIDDEN ? ERR_NOT_FOUND : ret;
    }
    if (ret == 0 && facts) {
        struct buf req = BUF_INIT;
        struct check_request cr;
        const char *field, *why;

        buf_addf(&req, "{\"activity\":%s}", out->facts);
        /* stored by json_check_request, so read back by it; a failure leaves facts blank */
        memset(facts, 0, sizeof(*facts));
        if (json_check_request(req.data, req.len, arena, &cr, &field, &why) == 0) {
            *facts = cr.activity;
        }
        buf_release(&req);
    }
    return ret;
}

int activity_withdraw(struct store *st, const struct user *u, long long compact_id, long long id,
                      const char *reason, const char **field, const char **why)
{
    char actor[ACTOR_MAX];
    const char *name, *own_org, *org;
    struct arena arena;
    int ret;

    *field = NULL;
    *why = NULL;
    arena_init(&arena);
    if ((ret = store_compact_name(st, compact_id, &arena, &name)) < 0) {
        *why = "There is no such activity.";
    } else if ((ret = policy_activity_write(st, u, compact_id, &own_org)) < 0) {
        *why = ret == ERR_FORBIDDEN ? policy_activity_write_rule : NULL;
    } else if ((ret = store_activity_org(st, id, compact_id, own_org, &arena, &org)) < 0) {
        *why = "There is no such activity.";
    } else if (!activity_text_valid(reason, ACTIVITY_REASON_MAX, 1)) {
        *field = "reason";
        *why = "must say why it is withdrawn, in 2,000 characters or fewer";
        ret = ERR_INVALID;
    } else {
        ret = store_activity_withdraw(st, id, compact_id, own_org, actor_name(u, actor), reason);
        *why = ret == ERR_CONFLICT ? "It has been withdrawn already." : NULL;
    }
    arena_release(&arena);
    return ret;
}
