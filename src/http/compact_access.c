/* Who may change a Compact. */
#include "compact_access.h"

#include <errno.h>
#include <stdlib.h>

#include "base/err.h"
#include "base/banned.h"

int compact_param(struct request *r, long long *id)
{
    char *end;

    errno = 0;
    *id = r->nparams ? strtoll(r->params[0], &end, 10) : 0;
    return !r->nparams || !*r->params[0] || *end || errno || *id <= 0 ? ERR_NOT_FOUND : 0;
}

int compact_may_edit(struct request *r, long long id)
{
    int ret;

    if (r->user.role == ROLE_ADMIN) {
        return 0;
    }
    if (r->user.role != ROLE_COORDINATOR) {
        return ERR_FORBIDDEN;
    }
    ret = store_compact_is_coordinator(r->st, id, r->user.id);
    return ret == ERR_NOT_FOUND ? ERR_FORBIDDEN : ret;
}
