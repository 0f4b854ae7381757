/* The API documentation for people: every route, grouped by resource. */
#ifndef VIEW_PAGE_API_H
#define VIEW_PAGE_API_H

#include "layout.h"
#include "core/api_doc.h"

/* GET /api: how to use the API, then each of ops[0..n) under its group (the JSON API's first),
 * with who may use it, its parameters, what it answers and an example. */
void view_api_page(struct buf *b, const struct api_op *ops, size_t n, const struct viewer *viewer);

#endif
