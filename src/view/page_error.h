/* Error pages (404, 500 and the rest) in the service's own style. */
#ifndef VIEW_PAGE_ERROR_H
#define VIEW_PAGE_ERROR_H

#include "layout.h"
#include "core/field_error.h"
#include "base/buf.h"

/* A page for HTTP status; detail (may be NULL) is a sentence for the person, shown escaped. */
void view_error_page(struct buf *b, int status, const char *detail, const struct viewer *viewer);
/*
 * The 400 page for a form or an address whose input cannot be read as text (a byte that is not
 * UTF-8, a NUL): e (its field not NULL) in a GOV.UK error summary.
 */
void view_input_error_page(struct buf *b, const struct field_error *e, const struct viewer *viewer);
/* The short title for a status, e.g. "Page not found"; never NULL. */
const char *view_error_title(int status);

#endif
