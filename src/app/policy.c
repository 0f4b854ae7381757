/* Who may see or change what. */
#include "policy.h"

#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "base/err.h"
#include "base/banned.h"

/* Whether u has one of roles; the command line has them all. */
static int has_role(const struct user *u, unsigned roles)
{
    return !u || (u->role & roles) ? 0 : ERR_FORBIDDEN;
}

int policy_compact_create(const struct user *u)
{
    return has_role(u, ROLE_ADMIN | ROLE_COORDINATOR);
}

long long policy_compact_coordinator(const struct user *u)
{
    return u && u->role == ROLE_COORDINATOR ? u->id : 0;
}

int policy_compact_edit(struct store *st, const struct user *u, long long compact_id)
{
    int ret;

    if (has_role(u, ROLE_ADMIN) == 0) {
        return 0;
    }
    if (u->role != ROLE_COORDINATOR) {
        return ERR_FORBIDDEN;
    }
    ret = store_compact_is_coordinator(st, compact_id, u->id);
    return ret == ERR_NOT_FOUND ? ERR_FORBIDDEN : ret;
}

int policy_compact_admin_fields(const struct user *u)
{
    return has_role(u, ROLE_ADMIN);
}

int policy_compact_coordinators(const struct user *u)
{
    return has_role(u, ROLE_ADMIN | ROLE_COORDINATOR);
}

int policy_organisation_edit(const struct user *u)
{
    return has_role(u, ROLE_ADMIN | ROLE_COORDINATOR);
}

int policy_activity_write(struct store *st, const struct user *u, long long compact_id,
                          const char **org)
{
    (void)st; /* the Compact does not matter yet: every Compact takes anyone's activities */
    (void)compact_id;
    *org = NULL;
    if (has_role(u, ACCESS_SIGNED_IN) < 0) {
        return ERR_FORBIDDEN;
    }
    if (u && u->role == ROLE_MEMBER) {
        *org = u->org_id;
    }
    return 0;
}

int policy_audit_read(const struct user *u, const char *kind, const char *entity)
{
    const struct audit_kind *k = audit_kind_find(kind, strlen(kind));

    if (has_role(u, ROLE_ADMIN) == 0) {
        return 0;
    }
    if (u->role == ROLE_PUBLIC) {
        return ERR_FORBIDDEN;
    }
    if (k && k->signed_in) {
        return 0;
    }
    return !strcmp(kind, "user") && entity && u->email && !strcasecmp(entity, u->email)
               ? 0
               : ERR_FORBIDDEN;
}
