/* The Compact a route names, and the filters of the Compact list read from a query string, for
 * the pages and the API alike. */
#ifndef HTTP_COMPACT_QUERY_H
#define HTTP_COMPACT_QUERY_H

#include "request.h"
#include "core/field_error.h"

#define COMPACT_LIMIT_DEFAULT 100
#define COMPACT_QUERY_ERRORS  6

/* The Compact id in the route's first parameter: 0 and *id, or ERR_NOT_FOUND when it is not a
 * positive whole number. */
int compact_param(struct request *r, long long *id);
/* The whole entry of the route's Compact into *e (from the arena): 0, ERR_NOT_FOUND, or a store
 * error. */
int compact_entry_param(struct request *r, struct compact_entry *e);
/*
 * For the API's changes to the route's Compact: 0 and *id when it exists and the person asking
 * may change it (policy_compact_edit); 1 with the 404 or 403 problem set; or a negative enum err.
 */
int api_compact_editable(struct request *r, long long *id);

/*
 * Fill f from q, status, region, authority (a current or former GSS code), overdue=true (and,
 * with paged, limit and cursor), judged on today. Each bad parameter adds a field_error naming
 * it to errs; returns how many. An authority the register does not know is an error too.
 */
size_t compact_query(struct request *r, int paged, struct compact_filter *f,
                     struct field_error errs[COMPACT_QUERY_ERRORS]);

#endif
