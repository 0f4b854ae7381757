/* The kinds of entity the audit trail records. */
#include "audit.h"

#include <string.h>

#include "base/banned.h"

static const struct audit_kind kinds[] = {
    {"compact", 1, 1},
    {"organisation", 0, 1},
    {"user", 0, 0},
    {"api_token", 1, 0},
    {"commitment", 1, 1},
    {"activity", 1, 1},
    {"grants", 0, 1},
    {"contracts", 0, 1},
    /* only the parties, their Compact's coordinators and admins see a complaint (SPEC 6) */
    {"complaint", 1, 0},
    {"complaint_feed", 1, 0},
    /* the library: a draft's history is for admins (its author sees the draft itself) */
    {"case_study", 1, 0},
    {"resource", 1, 0},
};

const struct audit_kind *audit_kind_find(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strlen(kinds[i].name) == len && !memcmp(kinds[i].name, s, len)) {
            return &kinds[i];
        }
    }
    return NULL;
}
