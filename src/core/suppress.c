/* Small-number suppression of published statistics: one rule for every figure shown. */
#include "suppress.h"

#include "base/banned.h"

int suppress_share(size_t base, size_t min_base)
{
    return base < min_base;
}

int suppress_count(size_t n)
{
    return n >= 1 && n < SUPPRESS_COUNT_BELOW;
}

size_t suppress_breakdown(const size_t *n, size_t count, int *hidden)
{
    size_t nhidden = 0, first = 0, other = count;

    for (size_t i = 0; i < count; i++) {
        hidden[i] = suppress_count(n[i]);
        if (hidden[i]) {
            if (!nhidden) {
                first = i;
            }
            nhidden++;
        }
    }
    if (nhidden != 1) {
        return nhidden;
    }
    for (size_t i = 0; i < count; i++) {
        if (i != first && n[i] && (other == count || n[i] < n[other])) {
            other = i;
        }
    }
    if (other < count) {
        hidden[other] = 1;
        nhidden++;
    }
    return nhidden;
}
