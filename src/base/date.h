/*
 * Calendar dates (UK civil dates, no times or zones) as whole days since 1970-01-01 in the
 * proleptic Gregorian calendar, and the arithmetic of SPEC section 5.
 */
#ifndef BASE_DATE_H
#define BASE_DATE_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t date_t;

#define DATE_STRLEN   10 /* "YYYY-MM-DD" */
#define DATE_MIN_YEAR 1000
#define DATE_MAX_YEAR 9999

int date_is_leap(int year);
int date_days_in_month(int year, int month);
/* Days for a valid year, month and day. */
date_t date_from_ymd(int year, int month, int day);
void date_to_ymd(date_t d, int *year, int *month, int *day);
/*
 * Read exactly "YYYY-MM-DD" (len bytes, no more, no less) naming a real day between years
 * 1000 and 9999. Returns 0 and sets *out, or ERR_INVALID (and *out = 0).
 */
int date_parse(const char *s, size_t len, date_t *out);
/* Write "YYYY-MM-DD" and a NUL into out. */
void date_format(date_t d, char out[DATE_STRLEN + 1]);
/* The longest date_format_long writes: "30 September 9999". */
#define DATE_LONG_MAX 17
/* Write the date as GOV.UK style writes it, "15 January 2027", and a NUL into out. */
void date_format_long(date_t d, char out[DATE_LONG_MAX + 1]);
/* The longest date_format_month writes: "September 9999". */
#define DATE_MONTH_MAX 14
/* Write the date's month as GOV.UK style writes it, "December 2026", and a NUL into out. */
void date_format_month(date_t d, char out[DATE_MONTH_MAX + 1]);
/* The same day of the month n months later (n may be negative), or that month's last day. */
date_t date_add_months(date_t d, int n);
date_t date_add_weeks(date_t d, int w);
/* Today's date in the local time zone. */
date_t date_today(void);

#endif
