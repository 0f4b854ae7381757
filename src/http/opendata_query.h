/* Reading the filters of the grant and contract lists from a query string, for their pages and
 * the API alike. */
#ifndef HTTP_OPENDATA_QUERY_H
#define HTTP_OPENDATA_QUERY_H

#include <stddef.h>

#include "request.h"
#include "store/store.h"
#include "view/page_funder.h"
#include "core/field_error.h"

#define OPENDATA_LIMIT_DEFAULT 100
#define OPENDATA_LIMIT_PAGE    50
#define OPENDATA_Q_MAX         100

/*
 * The filters of GET /grants (grants set: funder, recipient) or /contracts (buyer, supplier),
 * with year and q, and with paged limit (default limit_default) and cursor, into f. Each bad one
 * adds a field_error naming it to errs (room for 6); returns how many.
 */
size_t opendata_query(const struct request *r, int grants, int paged, size_t limit_default,
                      struct opendata_filter *f, struct field_error errs[6]);

/*
 * Each of f's funder and recipient (grants) or buyer and supplier (contracts) filters, which
 * may be a name, part of one or an org-id (store_opendata_names): the organisations each names
 * into named[*n] (room for 2). A filter that names one organisation is set to its org-id in f;
 * else f is left as it is (the list is not to be shown: opendata_named_one). 0 or a store
 * error.
 */
int opendata_named(struct request *r, int grants, struct opendata_filter *f,
                   struct opendata_named named[2], size_t *n);
/* Whether each of named[0..n) names exactly one organisation. */
int opendata_named_one(const struct opendata_named *named, size_t n);

#endif
