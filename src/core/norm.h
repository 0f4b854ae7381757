/*
 * Normalising the values open data files write in more than one way (360Giving, OCDS): dates,
 * yes/no answers and amounts of money. Each says whether the value was a known quirk, accepted
 * with a warning, rather than what the standard asks for.
 */
#ifndef CORE_NORM_H
#define CORE_NORM_H

#include <stddef.h>
#include <stdint.h>

#include "base/date.h"

enum norm_flags {
    NORM_PARTIAL = 1 << 0, /* a date may also be "YYYY" or "YYYY-MM" (360Giving planned dates) */
};

/*
 * Read a date: "YYYY-MM-DD"; an ISO 8601 date-time "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+HH:MM]",
 * whose date part is taken as written (no time zone arithmetic); with NORM_PARTIAL "YYYY" or
 * "YYYY-MM"; or, a quirk, "dd/mm/yyyy" (day and month of one or two digits). The date must be
 * real. Writes the date as "YYYY-MM-DD" (or "YYYY", "YYYY-MM") into out and sets *quirk (1 for
 * dd/mm/yyyy). Returns 0 or ERR_INVALID (out "" and *quirk 0).
 */
int norm_date(const char *s, size_t len, unsigned flags, char out[DATE_STRLEN + 1], int *quirk);

/*
 * Read a yes or no: "Yes" and "No" as 360Giving writes them; quirks: any case of "yes", "no",
 * "y", "n", "true", "false". Sets *value (1 yes, 0 no) and *quirk. Returns 0 or ERR_INVALID.
 */
int norm_yesno(const char *s, size_t len, int *value, int *quirk);

/* Amounts are kept as whole pence (hundredths of the currency unit), at most this many. */
#define NORM_AMOUNT_MAX ((int64_t)100000000000000000) /* 10^17 pence: 10^15 pounds */

/*
 * Read an amount written as text: an optional '-', digits (optionally in groups of three
 * separated by commas), and at most two decimal places (further places only if zeros).
 * Sets *pence. Returns 0 or ERR_INVALID (*pence 0).
 */
int norm_amount_text(const char *s, size_t len, int64_t *pence);
/* An amount given as a JSON number, rounded to the nearest penny; ERR_INVALID if out of range. */
int norm_amount_number(double v, int64_t *pence);
/* Write pence as a decimal "-1234.5" style amount with two places ("1234.50") into out. */
void norm_amount_format(int64_t pence, char out[32]);

/* Whether s is a three-letter upper-case currency code such as "GBP". */
int norm_currency_valid(const char *s);

#endif
