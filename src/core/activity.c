/* The values a recorded activity carries besides its facts. */
#include "activity.h"

#include <string.h>

#include "norm.h"
#include "base/err.h"
#include "base/utf8.h"
#include "base/banned.h"

int activity_kind_has_amount(enum activity_kind k)
{
    return k == ACTIVITY_FUNDING_CHANGE || k == ACTIVITY_FUNDING_AWARD || k == ACTIVITY_PROCUREMENT;
}

const char *activity_kind_label(enum activity_kind k)
{
    static const char *const labels[ACTIVITY_KIND_COUNT] = {
        [ACTIVITY_FUNDING_CHANGE] = "Funding change",
        [ACTIVITY_CONSULTATION] = "Consultation",
        [ACTIVITY_FUNDING_AWARD] = "Funding award",
        [ACTIVITY_PROCUREMENT] = "Procurement",
    };
    return (unsigned)k < ACTIVITY_KIND_COUNT ? labels[k] : "";
}

int activity_text_valid(const char *s, size_t max, int multiline)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = s ? strlen(s) : 0, chars = 0, seen = 0;
    int blank = 1;

    if (!len || utf8_check(s, len, NULL) < 0) {
        return 0;
    }
    while (seen < len) {
        size_t n = utf8_seq(p + seen, len - seen);
        if (!n) {
            return 0;
        }
        if (utf8_is_control(p + seen, n) &&
            !(multiline && (p[seen] == '\n' || p[seen] == '\r' || p[seen] == '\t'))) {
            return 0;
        }
        if (!(n == 1 && strchr(" \t\r\n", p[seen]))) {
            blank = 0;
        }
        seen += n;
        chars++;
    }
    return !blank && chars <= max;
}

int activity_amount_parse(const char *s, long long *pence)
{
    size_t len;
    int64_t v;

    *pence = 0;
    if (!s) {
        return ERR_INVALID;
    }
    while (*s == ' ') {
        s++;
    }
    if (!strncmp(s, "\xc2\xa3", 2)) { /* £ */
        s += 2;
    }
    len = strlen(s);
    while (len && s[len - 1] == ' ') {
        len--;
    }
    if (!len || *s == '-' || norm_amount_text(s, len, &v) < 0) {
        return ERR_INVALID;
    }
    *pence = (long long)v;
    return 0;
}
