/* Whole numbers from text, strictly. */
#include "num.h"

#include <limits.h>

#include "err.h"
#include "banned.h"

int num_whole(const char *s, long long lo, long long hi, long long *out)
{
    long long v = 0;
    const char *p = s;

    *out = 0;
    if (!s || !*s) {
        return ERR_INVALID;
    }
    for (; *p; p++) {
        int d = *p - '0';
        if (d < 0 || d > 9 || v > (LLONG_MAX - d) / 10) {
            return ERR_INVALID;
        }
        v = v * 10 + d;
    }
    if (v < lo || v > hi) {
        return ERR_INVALID;
    }
    *out = v;
    return 0;
}
