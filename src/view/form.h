/* GOV.UK form components: select, text input, date input, error summary. */
#ifndef VIEW_FORM_H
#define VIEW_FORM_H

#include <stddef.h>

#include "core/field_error.h"
#include "base/buf.h"

struct form_option {
    const char *value, *label;
    int selected;
};

/* A labelled select named name (its id too), with error (may be NULL) shown above it. */
void form_select(struct buf *b, const char *name, const char *label,
                 const struct form_option *options, size_t n, const char *error);
/* A labelled text input named name (its id too); value (may be NULL) shown again. */
void form_input(struct buf *b, const char *name, const char *label, const char *type,
                const char *autocomplete, const char *value, const char *error);
/* The error message of the field with id, shown above it; its id is "ID-error". */
void form_error_message(struct buf *b, const char *id, const char *error);
/* The error summary that opens a page whose form has errors; each links to its field. */
void form_error_summary(struct buf *b, const struct field_error *errors, size_t n);
/*
 * A GOV.UK date input: a fieldset with legend, hint (may be NULL) and error (may be NULL) over
 * the fields NAME-day, NAME-month and NAME-year, showing value[0..2] again (each may be NULL).
 * The error summary links to NAME, the id of the fields' group.
 */
void form_date(struct buf *b, const char *name, const char *legend, const char *hint,
               const char *const value[3], const char *error);

#endif
