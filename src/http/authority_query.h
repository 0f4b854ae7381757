/* Reading the filters of the authority list from a query string, for the page and the API alike. */
#ifndef HTTP_AUTHORITY_QUERY_H
#define HTTP_AUTHORITY_QUERY_H

#include "request.h"
#include "core/field_error.h"

#define AUTHORITY_LIMIT_DEFAULT 100

/*
 * Fill f from set, type, region (and, with paged, limit and cursor). Each bad parameter adds a
 * field_error naming it to errs (room for 5); returns how many.
 */
size_t authority_query(const struct request *r, int paged, struct authority_filter *f,
                       struct field_error errs[5]);

#endif
