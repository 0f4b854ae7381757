/* Signatories: the rules a signature and a withdrawal keep. */
#include "signatory.h"

#include "base/err.h"
#include "base/banned.h"

int signatory_role_valid(const char *role)
{
    size_t chars = 0;
    int visible = 0;

    if (!role) {
        return 0;
    }
    for (const unsigned char *p = (const unsigned char *)role; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            return 0;
        }
        chars += (*p & 0xc0) != 0x80; /* UTF-8: count the first byte of each character */
        visible |= *p != ' ';
    }
    return visible && chars <= SIGNATORY_ROLE_MAX;
}

int signatory_check(const char *role, date_t signed_on, date_t withdrawn_on, const char **field)
{
    *field = NULL;
    if (!signatory_role_valid(role)) {
        *field = "role";
        return ERR_INVALID;
    }
    if (withdrawn_on && withdrawn_on <= signed_on) {
        *field = "withdrawn_on";
        return ERR_INVALID;
    }
    return 0;
}
