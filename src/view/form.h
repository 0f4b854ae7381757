/*
 * GOV.UK form components (docs/GOVUK-MARKUP.md, GOV.UK Frontend's templates): text input,
 * textarea, select, radios, checkboxes, date input, error message and error summary. Every form
 * of every page is made of these; a page writes no form control of its own.
 */
#ifndef VIEW_FORM_H
#define VIEW_FORM_H

#include <stddef.h>

#include "core/field_error.h"
#include "base/buf.h"

/* The message for field among errors[0..n), or NULL when it has none. */
const char *form_error_for(const struct field_error *errors, size_t n, const char *field);

enum form_flags {
    FORM_BOLD = 1 << 0,          /* a bold label or legend (govuk-label--s, __legend--s) */
    FORM_NO_SPELLCHECK = 1 << 1, /* spellcheck="false": names, codes, addresses */
    FORM_WITHOUT_GROUP = 1 << 2, /* boxes without their form group: inside another's fieldset */
    FORM_AUTOFOCUS = 1 << 3,     /* the control (a date's day) takes the focus when the page opens:
                                  * the field a "Change" link named, without JavaScript */
};

/*
 * One question of a form, as GOV.UK Frontend's macros take it. name is the field's name and
 * id (the error summary links to it); label is its label, or the legend of its fieldset. The
 * rest may be NULL or 0. value is the answer given, shown again (a radio is chosen when its
 * value is value; boxes are ticked as form_checkboxes says). classes are more classes for the
 * control: a width such as "govuk-input--width-4" or "govuk-!-width-one-half", or
 * "govuk-radios--small".
 */
struct form_field {
    const char *name, *label, *hint, *error, *value, *classes;
    const char *type;         /* an input's type: NULL for "text" */
    const char *autocomplete; /* an input's autocomplete, or NULL */
    int rows;                 /* a textarea's rows: 0 for 5 */
    unsigned flags;           /* enum form_flags */
};

/* A choice of radios, checkboxes or a select: the value sent and the label shown. */
struct form_choice {
    const char *value, *label;
};

struct form_option {
    const char *value, *label;
    int selected;
};

/* <input class="govuk-input">, with its label, hint and error message. */
void form_text_input(struct buf *b, const struct form_field *f);
/* <textarea class="govuk-textarea">, with its label, hint and error message. */
void form_textarea(struct buf *b, const struct form_field *f);
/* A GOV.UK file upload: its label, hint and error; f->type, if given, is what it accepts
 * (".pdf,application/pdf"). Its form must be sent as multipart/form-data. */
void form_file_upload(struct buf *b, const struct form_field *f);
/* A labelled select of options[0..n). */
void form_select(struct buf *b, const struct form_field *f, const struct form_option *options,
                 size_t n);
/* Radios c[0..n) in a fieldset with legend f->label; the first takes the id f->name, the others
 * NAME-VALUE. */
void form_radios(struct buf *b, const struct form_field *f, const struct form_choice *c, size_t n);
/* The same with a hint under each radio's label: hints[i] for c[i] (NULL: none). */
void form_radios_hinted(struct buf *b, const struct form_field *f, const struct form_choice *c,
                        const char *const *hints, size_t n);
/*
 * Checkboxes c[0..n) named f->name (ids as for radios), c[i] ticked when ticked[i] (ticked
 * NULL: none; f->value is not read): in a fieldset with legend f->label, or with f->label NULL
 * the boxes alone in their form group (a single box says what it means) or, with
 * FORM_WITHOUT_GROUP, not even that (a box inside another question's fieldset).
 */
void form_checkboxes(struct buf *b, const struct form_field *f, const struct form_choice *c,
                     const int *ticked, size_t n);
/*
 * A GOV.UK date input: a fieldset with legend f->label over the fields NAME-day, NAME-month and
 * NAME-year, showing given[0..2] again (given or any may be NULL). The error summary links to
 * NAME, the id of the fields' group. form_date_start leaves the fieldset open, for something
 * to follow the fields inside it (GOV.UK's afterInputs); form_fieldset_end closes it.
 */
void form_date(struct buf *b, const struct form_field *f, const char *const given[3]);
void form_date_start(struct buf *b, const struct form_field *f, const char *const given[3]);
void form_fieldset_end(struct buf *b);
/* <input type="hidden">: a value the form carries over to the next step. */
void form_hidden(struct buf *b, const char *name, const char *value);
/* The submit button, and a Cancel link to cancel_href (NULL: none), side by side. */
void form_buttons(struct buf *b, const char *submit, const char *cancel_href);
/* A secondary submit button that sends name=value (a "Change" of a check-your-answers page
 * whose answers ride in hidden fields). */
void form_button_secondary(struct buf *b, const char *label, const char *name, const char *value);
/* The error message of the field with id, shown above it; its id is "ID-error". */
void form_error_message(struct buf *b, const char *id, const char *error);
/* The error summary that opens a page whose form has errors; each links to its field. */
void form_error_summary(struct buf *b, const struct field_error *errors, size_t n);

#endif
