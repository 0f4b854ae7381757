/* org-id identifiers of the organisation register's schemes. */
#include "opendata.h"

#include <string.h>
#include <strings.h>

#include "base/banned.h"

static int alnum_run(const char *s, size_t min, size_t max, int digits_only)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        int ok = (c >= '0' && c <= '9') ||
                 (!digits_only && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')));
        if (!ok) {
            return 0;
        }
    }
    return n >= min && n <= max;
}

enum orgid_scheme orgid_scheme(const char *s)
{
    if (!s || strlen(s) > OPENDATA_ID_MAX) {
        return ORGID_NONE;
    }
    if (!strncasecmp(s, "GB-LAE-", 7) && alnum_run(s + 7, 3, 4, 0)) {
        return ORGID_LAE;
    }
    if (!strncasecmp(s, "GB-CHC-", 7) && alnum_run(s + 7, 5, 8, 1)) {
        return ORGID_CHC;
    }
    if (!strncasecmp(s, "GB-COH-", 7) && alnum_run(s + 7, 6, 10, 0)) {
        return ORGID_COH;
    }
    return ORGID_NONE;
}
