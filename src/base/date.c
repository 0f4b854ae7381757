/* Civil-calendar arithmetic: days <-> year, month, day, and add_months of SPEC section 5. */
#include "date.h"

#include <stdio.h>
#include <time.h>

#include "err.h"
#include "banned.h"

int date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && date_is_leap(year)) {
        return 29;
    }
    return days[month - 1];
}

/*
 * Count from 1 March of year 0 so the leap day falls at the end of a "year"; 400-year eras of
 * 146097 days make the division exact. 719468 is the day number of 1970-01-01 in that count.
 */
date_t date_from_ymd(int year, int month, int day)
{
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (month + 9) % 12; /* March is 0 */
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (date_t)(era * 146097 + doe - 719468);
}

void date_to_ymd(date_t d, int *year, int *month, int *day)
{
    int z = d + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int m = mp < 10 ? mp + 3 : mp - 9;
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = m;
    *year = yoe + era * 400 + (m <= 2);
}

static int digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return ERR_INVALID;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_parse(const char *s, size_t len, date_t *out)
{
    int y, m, d;
    *out = 0;
    if (len != DATE_STRLEN || s[4] != '-' || s[7] != '-') {
        return ERR_INVALID;
    }
    if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d)) {
        return ERR_INVALID;
    }
    if (y < DATE_MIN_YEAR || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m)) {
        return ERR_INVALID;
    }
    *out = date_from_ymd(y, m, d);
    return 0;
}

void date_format(date_t d, char out[DATE_STRLEN + 1])
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    if (y < 0 || y > DATE_MAX_YEAR) {
        y = y < 0 ? 0 : DATE_MAX_YEAR; /* clamp: dates come from date_parse in practice */
    }
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + day / 10);
    out[9] = (char)('0' + day % 10);
    out[10] = '\0';
}

static const char *const months[12] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

void date_format_long(date_t d, char out[DATE_LONG_MAX + 1])
{
    int y, m, day, n;

    date_to_ymd(d, &y, &m, &day);
    n = snprintf(out, DATE_LONG_MAX + 1, "%d %s %d", day, months[m - 1], y);
    if (n < 0 || n > DATE_LONG_MAX) {
        out[0] = '\0'; /* a year beyond 9999: not a date the register holds */
    }
}

void date_format_month(date_t d, char out[DATE_MONTH_MAX + 1])
{
    int y, m, day, n;

    date_to_ymd(d, &y, &m, &day);
    n = snprintf(out, DATE_MONTH_MAX + 1, "%s %d", months[m - 1], y);
    if (n < 0 || n > DATE_MONTH_MAX) {
        out[0] = '\0';
    }
}

date_t date_add_months(date_t d, int n)
{
    int y, m, day, total, last;
    date_to_ymd(d, &y, &m, &day);
    total = y * 12 + (m - 1) + n;
    y = total >= 0 ? total / 12 : (total - 11) / 12;
    m = total - y * 12 + 1;
    last = date_days_in_month(y, m);
    return date_from_ymd(y, m, day < last ? day : last);
}

date_t date_add_weeks(date_t d, int w)
{
    return d + 7 * w;
}

date_t date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
