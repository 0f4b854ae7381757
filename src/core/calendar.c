/* Working-day arithmetic over a table of bank holidays. */
#include "calendar.h"

#include "base/err.h"
#include "base/banned.h"

int calendar_is_weekend(date_t d)
{
    /* 1970-01-01 was a Thursday: day 0 is Thursday, so (d + 3) mod 7 counts from Monday. */
    int wd = (int)(((long long)d + 3) % 7);
    if (wd < 0) {
        wd += 7;
    }
    return wd >= 5;
}

/* The first of c's holidays on or after d (c->n when none). */
static size_t holiday_from(const struct calendar *c, date_t d)
{
    size_t lo = 0, hi = c->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->holidays[mid] < d) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

int calendar_is_holiday(const struct calendar *c, date_t d)
{
    size_t i = holiday_from(c, d);
    return i < c->n && c->holidays[i] == d;
}

int calendar_is_working_day(const struct calendar *c, date_t d)
{
    return !calendar_is_weekend(d) && !calendar_is_holiday(c, d);
}

int calendar_add_working_days(const struct calendar *c, date_t d, int n, date_t *out)
{
    *out = 0;
    if (n < 0 || d < c->first - 1 || d > c->last) {
        return ERR_INVALID;
    }
    while (n > 0) {
        d++;
        if (d > c->last) {
            return ERR_INVALID;
        }
        if (calendar_is_working_day(c, d)) {
            n--;
        }
    }
    *out = d;
    return 0;
}

/* Whole weeks counted at once and the holidays found by halving, not day by day: lists of
 * complaints work out how late thousands of stages are, some by years. */
int calendar_working_days_between(const struct calendar *c, date_t from, date_t to)
{
    int n = 0;
    date_t d = from + 1;

    if (to <= from) {
        return 0;
    }
    n += (int)((to - from) / 7) * 5;
    d += (date_t)((to - from) / 7) * 7;
    for (; d <= to; d++) {
        n += !calendar_is_weekend(d);
    }
    for (size_t i = holiday_from(c, from + 1); i < c->n && c->holidays[i] <= to; i++) {
        n -= !calendar_is_weekend(c->holidays[i]);
    }
    return n;
}
