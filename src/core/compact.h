/* Local Compacts: the agreements the register keeps (SPEC section 3). */
#ifndef CORE_COMPACT_H
#define CORE_COMPACT_H

#include <stddef.h>

enum compact_status {
    COMPACT_IN_DEVELOPMENT,
    COMPACT_ACTIVE,
    COMPACT_INACTIVE,
    COMPACT_STATUS_COUNT
};

/* "in_development", "active", "inactive". */
const char *compact_status_id(enum compact_status s);
int compact_status_parse(const char *s, enum compact_status *out);

#define COMPACT_NAME_MAX        200
#define COMPACT_AUTHORITIES_MAX 64

/* What creating a Compact takes; strings borrowed. */
struct compact_new {
    const char *name;
    const char *authorities[COMPACT_AUTHORITIES_MAX]; /* GSS codes, current or former */
    size_t nauthorities;
    enum compact_status status;
    const char *status_date; /* "YYYY-MM-DD" */
};

#endif
