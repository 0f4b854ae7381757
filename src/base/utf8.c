/* UTF-8 validation (RFC 3629). */
#include "utf8.h"

#include "bytes.h"
#include "err.h"
#include "banned.h"

size_t utf8_seq(const unsigned char *s, size_t avail)
{
    unsigned char lo = 0x80, hi = 0xbf;
    size_t n;

    if (!avail) {
        return 0;
    }
    if (s[0] < 0x80) {
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        n = 2;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3;
        lo = s[0] == 0xe0 ? 0xa0 : 0x80; /* no overlong forms */
        hi = s[0] == 0xed ? 0x9f : 0xbf; /* no surrogates */
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4;
        lo = s[0] == 0xf0 ? 0x90 : 0x80;
        hi = s[0] == 0xf4 ? 0x8f : 0xbf; /* nothing past U+10FFFF */
    } else {
        return 0; /* a continuation byte, 0xc0, 0xc1 (overlong) or 0xf5 and above */
    }
    if (avail < n || s[1] < lo || s[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < n; i++) {
        if (s[i] < 0x80 || s[i] > 0xbf) {
            return 0;
        }
    }
    return n;
}

int utf8_check(const char *s, size_t len, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        size_t n;
        /* eight bytes of ASCII without NUL at a time */
        while (len - i >= 8) {
            uint64_t v = bytes_load8(p + i);
            if ((v & BYTES_HIGHS) || bytes_has_zero(v)) {
                break;
            }
            i += 8;
        }
        if (i == len) {
            break;
        }
        n = p[i] ? utf8_seq(p + i, len - i) : 0;
        if (!n) {
            if (bad) {
                *bad = i;
            }
            return ERR_INVALID;
        }
        i += n;
    }
    return 0;
}

int utf8_is_control(const unsigned char *p, size_t n)
{
    return (n == 1 && (*p < 0x20 || *p == 0x7f)) || (n == 2 && p[0] == 0xc2 && p[1] < 0xa0);
}
