/* A day of a GET form: date boxes (day, month and year), or the day written YYYY-MM-DD as a
 * link or a filter form carries it (the coverage and signups pages). */
#ifndef HTTP_DAY_QUERY_H
#define HTTP_DAY_QUERY_H

#include <stddef.h>

#include "request.h"
#include "core/field_error.h"

/*
 * The day named stem in r's query: its boxes stem-day, stem-month and stem-year, or else stem
 * written YYYY-MM-DD. given receives the boxes to show again (from r's arena), *iso the day as
 * YYYY-MM-DD when it is real (else NULL). Returns 0 with *out the day, 1 when it was not given,
 * or ERR_INVALID after adding errs[(*n)++], a field_error naming stem with message invalid.
 */
int day_query(struct request *r, const char *stem, const char *invalid, const char *given[3],
              const char **iso, date_t *out, struct field_error *errs, size_t *n);

#endif
