/* Reading the search and filters of the organisation list from a query string, for the page and
 * the API alike. */
#ifndef HTTP_ORGANISATION_QUERY_H
#define HTTP_ORGANISATION_QUERY_H

#include "request.h"
#include "core/field_error.h"

#define ORGANISATION_LIMIT_DEFAULT 100
#define ORGANISATION_LIMIT_PAGE    50
#define ORGANISATION_Q_MAX         100

/*
 * Fill f from q, sector, type (and, with paged, limit defaulting to limit_default, and
 * cursor). Each bad parameter adds a field_error naming it to errs (room for 5); returns how
 * many.
 */
size_t organisation_query(const struct request *r, int paged, size_t limit_default,
                          struct organisation_filter *f, struct field_error errs[5]);

#endif
