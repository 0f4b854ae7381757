/*
 * Working days in England and Wales: not a Saturday, Sunday or bank holiday. The holidays come
 * from data (data/bank_holidays_england_and_wales.csv, loaded by ingest_calendar) so a new
 * proclamation is a data change; the functions here are pure.
 */
#ifndef CORE_CALENDAR_H
#define CORE_CALENDAR_H

#include <stddef.h>

#include "base/date.h"

struct calendar {
    const date_t *holidays; /* sorted, no repeats */
    size_t n;
    date_t first,
        last; /* the years the data covers: 1 January of the first, 31 December of the last */
};

int calendar_is_weekend(date_t d);
int calendar_is_holiday(const struct calendar *c, date_t d);
/* Not a weekend nor a bank holiday. */
int calendar_is_working_day(const struct calendar *c, date_t d);
/*
 * The day n working days after d (n >= 0; d itself does not count), as "within n working days"
 * deadlines count. ERR_INVALID (and *out = 0) when the answer would fall outside the years the
 * calendar covers, where holidays are not known.
 */
int calendar_add_working_days(const struct calendar *c, date_t d, int n, date_t *out);
/* Working days after from up to and including to (0 when to <= from). */
int calendar_working_days_between(const struct calendar *c, date_t from, date_t to);

#endif
