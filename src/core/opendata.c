/* org-id identifiers of the organisation register's schemes. */
#include "opendata.h"

#include <string.h>

#include "core/organisation.h"
#include "base/banned.h"

enum orgid_scheme orgid_linked(const char *s, char out[ORG_ID_MAX + 1])
{
    static const struct {
        const char *prefix;
        enum orgid_scheme scheme;
    } linked[] = {{"GB-LAE-", ORGID_LAE}, {"GB-CHC-", ORGID_CHC}, {"GB-COH-", ORGID_COH}};
    const char *why;
    size_t n = s ? strlen(s) : 0;

    out[0] = '\0';
    if (!s || n > ORG_ID_MAX) {
        return ORGID_NONE;
    }
    for (size_t i = 0; i <= n; i++) {
        out[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
    }
    for (size_t i = 0; i < sizeof(linked) / sizeof(linked[0]); i++) {
        if (!strncmp(out, linked[i].prefix, 7) && orgid_check(out, &why) == 0) {
            return linked[i].scheme;
        }
    }
    out[0] = '\0';
    return ORGID_NONE;
}

enum orgid_scheme orgid_scheme(const char *s)
{
    char form[ORG_ID_MAX + 1];
    return orgid_linked(s, form);
}
