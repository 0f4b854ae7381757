/* Compact statuses. */
#include "compact.h"

#include <string.h>

#include "base/err.h"
#include "base/banned.h"

static const char *const statuses[COMPACT_STATUS_COUNT] = {
    [COMPACT_IN_DEVELOPMENT] = "in_development",
    [COMPACT_ACTIVE] = "active",
    [COMPACT_INACTIVE] = "inactive",
};

const char *compact_status_id(enum compact_status s)
{
    return (unsigned)s < COMPACT_STATUS_COUNT ? statuses[s] : "";
}

int compact_status_parse(const char *s, enum compact_status *out)
{
    for (int i = 0; i < COMPACT_STATUS_COUNT; i++) {
        if (!strcmp(s, statuses[i])) {
            *out = (enum compact_status)i;
            return 0;
        }
    }
    *out = COMPACT_IN_DEVELOPMENT;
    return ERR_INVALID;
}
