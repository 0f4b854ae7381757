/*
 * Suppression of small numbers in published statistics: the one rule every figure a person can
 * read follows, so that no count or share lets a reader pick out a case or a record. Shared by
 * the open-data indicators (SPEC section 8: a share or a median rests on a minimum count) and the
 * complaint statistics (SPEC section 6: small counts, the cell that would give them away, shares
 * on a small base). Pure.
 */
#ifndef CORE_SUPPRESS_H
#define CORE_SUPPRESS_H

#include <stddef.h>

/* Counts from 1 to SUPPRESS_COUNT_BELOW - 1 are shown as "fewer than 5" (null in JSON). */
#define SUPPRESS_COUNT_BELOW 5
/* The least base a complaint statistic's share is shown on (the indicators' default is the
 * same number, INDICATORS_MIN_COUNT_DEFAULT, and can be set per request). */
#define SUPPRESS_SHARE_MIN_BASE 10

/* Whether a share or a median resting on base items is hidden: base below min_base. */
int suppress_share(size_t base, size_t min_base);

/* Whether count n is hidden on its own: 1 to 4. Zeros are shown. */
int suppress_count(size_t n);

/*
 * The hidden cells of one breakdown n[0..count) into hidden[0..count) (1 hidden, 0 shown): each
 * count from 1 to 4; then, where exactly one cell is hidden, the smallest other non-zero cell too
 * (the first of equals), so that the hidden one cannot be worked out from a total. Returns how
 * many cells are hidden.
 */
size_t suppress_breakdown(const size_t *n, size_t count, int *hidden);

#endif
