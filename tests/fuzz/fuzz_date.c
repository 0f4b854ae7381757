/*
 * libFuzzer target for base/date.h. The input is a candidate "YYYY-MM-DD". A date that parses
 * must format back to exactly the input bytes, survive date_to_ymd/date_from_ymd, and move by
 * months as SPEC section 5 says (same day of the month, or that month's last day). The parser's
 * accept or reject is checked against the calendar rules written out again here, and the first
 * bytes, read as a day number, drive the day <-> date round trip over the whole supported range.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/date.h"
#include "base/err.h"
#include "base/banned.h"

static int leap(int y)
{
    return y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
}

static int month_len(int y, int m)
{
    if (m == 2) {
        return leap(y) ? 29 : 28;
    }
    return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

static int num(const uint8_t *s, size_t n, int *out)
{
    *out = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        *out = *out * 10 + (s[i] - '0');
    }
    return 1;
}

/* What date_parse must accept: exactly YYYY-MM-DD naming a real day in years 1000..9999. */
static int ref_valid(const uint8_t *s, size_t len, int *y, int *m, int *d)
{
    return len == 10 && s[4] == '-' && s[7] == '-' && num(s, 4, y) && num(s + 5, 2, m) &&
           num(s + 8, 2, d) && *y >= DATE_MIN_YEAR && *y <= DATE_MAX_YEAR && *m >= 1 && *m <= 12 &&
           *d >= 1 && *d <= month_len(*y, *m);
}

static void check_add_months(date_t d, int y, int m, int day, int n)
{
    int y2, m2, d2, want_day;
    date_t r = date_add_months(d, n);

    date_to_ymd(r, &y2, &m2, &d2);
    CHECK(y2 * 12 + (m2 - 1) == y * 12 + (m - 1) + n);
    CHECK(m2 >= 1 && m2 <= 12);
    want_day = day < month_len(y2, m2) ? day : month_len(y2, m2);
    CHECK(d2 == want_day);
    CHECK(d2 <= day);
    CHECK(date_from_ymd(y2, m2, d2) == r);
}

/* Day numbers of 1000-01-01 and 9999-12-31. */
#define DAY_MIN (-354285)
#define DAY_MAX 2932896

static void check_day(date_t d)
{
    int y, m, day, y2, m2, d2;
    char s[DATE_STRLEN + 1];
    date_t back;

    date_to_ymd(d, &y, &m, &day);
    CHECK(y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR);
    CHECK(m >= 1 && m <= 12 && day >= 1 && day <= month_len(y, m));
    CHECK(date_from_ymd(y, m, day) == d);
    /* The next day is the next date in the calendar. */
    if (d < DAY_MAX) {
        date_to_ymd(d + 1, &y2, &m2, &d2);
        if (day < month_len(y, m)) {
            CHECK(y2 == y && m2 == m && d2 == day + 1);
        } else if (m < 12) {
            CHECK(y2 == y && m2 == m + 1 && d2 == 1);
        } else {
            CHECK(y2 == y + 1 && m2 == 1 && d2 == 1);
        }
    }
    date_format(d, s);
    CHECK(strlen(s) == DATE_STRLEN);
    CHECK(date_parse(s, DATE_STRLEN, &back) == 0 && back == d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int months[] = {1, -1, 2, -2, 11, -11, 12, -12, 13, -13, 24, 48, -48, 1200};
    int y, m, day, valid = ref_valid(data, size, &y, &m, &day);
    date_t d = 12345;
    int rc = date_parse((const char *)data, size, &d);

    if (size >= 4) { /* the first bytes as a day number in range */
        uint32_t u = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
                     (uint32_t)data[3] << 24;
        check_day((date_t)(DAY_MIN + (int32_t)(u % (uint32_t)(DAY_MAX - DAY_MIN + 1))));
    }

    if (!valid) {
        CHECK(rc == ERR_INVALID);
        CHECK(d == 0);
        return 0;
    }
    CHECK(rc == 0);
    {
        char s[DATE_STRLEN + 1];
        int y2, m2, d2;
        date_format(d, s);
        CHECK(memcmp(s, data, DATE_STRLEN) == 0 && s[DATE_STRLEN] == '\0');
        date_to_ymd(d, &y2, &m2, &d2);
        CHECK(y2 == y && m2 == m && d2 == day);
        CHECK(date_from_ymd(y, m, day) == d);
        CHECK(date_is_leap(y) == leap(y));
        CHECK(date_days_in_month(y, m) == month_len(y, m));
    }
    check_day(d);
    for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++) {
        int n = months[i];
        long target = (long)y * 12 + (m - 1) + n;
        if (target / 12 < DATE_MIN_YEAR || target / 12 > DATE_MAX_YEAR) {
            continue; /* outside the years dates are defined for */
        }
        check_add_months(d, y, m, day, n);
        /* There and back again lands on the same day or earlier in the same month. */
        {
            int y2, m2, d2;
            date_to_ymd(date_add_months(date_add_months(d, n), -n), &y2, &m2, &d2);
            CHECK(y2 == y && m2 == m && d2 <= day);
        }
    }
    CHECK(date_add_weeks(d, 2) - d == 14);
    return 0;
}
