/* Reading the library's filters from a query string, and its forms' fields, for the pages and
 * the API alike. */
#ifndef HTTP_LIBRARY_QUERY_H
#define HTTP_LIBRARY_QUERY_H

#include "request.h"
#include "core/field_error.h"
#include "core/library.h"
#include "store/store_library.h"

/* Fill f from kind, theme, region and year of q (any when absent). Each bad one adds a
 * field_error naming it to errs (room for 4); returns how many. */
size_t library_query(const struct query *q, struct library_filter *f, struct field_error errs[4]);

/* A case study's fields as a form sends them (themes: one field each, gathered), over d. */
void library_case_study_fields(const struct query *q, struct arena *arena,
                               struct case_study_draft *d);
/* A resource's fields as a form sends them (date as the date input date-day, -month, -year, or
 * one field date as YYYY-MM-DD), over d. */
void library_resource_fields(const struct query *q, struct arena *arena, struct resource_draft *d);
/* The uploaded file of a multipart form's field document, as the store keeps it (its name made
 * safe), or NULL when none came. */
const struct library_file *library_upload(struct request *r);

#endif
