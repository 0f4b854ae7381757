/* Reading the filters of the Compact list from a query string, for the page and the API alike. */
#ifndef HTTP_COMPACT_QUERY_H
#define HTTP_COMPACT_QUERY_H

#include "request.h"
#include "view/form.h"

#define COMPACT_LIMIT_DEFAULT 100
#define COMPACT_LIMIT_MAX     1000
#define COMPACT_QUERY_ERRORS  6

/*
 * Fill f from q, status, region, authority (a current or former GSS code), overdue=true (and,
 * with paged, limit and cursor), judged on today. Each bad parameter adds a field_error naming
 * it to errs; returns how many. An authority the register does not know is an error too.
 */
size_t compact_query(struct request *r, int paged, struct compact_filter *f,
                     struct field_error errs[COMPACT_QUERY_ERRORS]);

#endif
