/* GOV.UK form components: the markup of GOV.UK Frontend's macros, attribute for attribute. */
#include "form.h"

#include <string.h>

#include "html.h"
#include "base/banned.h"

const char *form_error_for(const struct field_error *errors, size_t n, const char *field)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(errors[i].field, field)) {
            return errors[i].message;
        }
    }
    return NULL;
}

void form_error_message(struct buf *b, const char *id, const char *error)
{
    html_lit(b, "<p id=\"");
    html_attr(b, id);
    html_lit(b, "-error\" class=\"govuk-error-message\">"
                "<span class=\"govuk-visually-hidden\">Error:</span> ");
    html_text(b, error);
    html_lit(b, "</p>");
}

/* " more classes", when there are any. */
static void classes(struct buf *b, const char *more)
{
    if (more) {
        html_lit(b, " ");
        html_attr(b, more);
    }
}

static void group_start(struct buf *b, const char *error)
{
    html_lit(b, "<div class=\"govuk-form-group");
    if (error) {
        html_lit(b, " govuk-form-group--error");
    }
    html_lit(b, "\">");
}

/* The hint and the error message, in that order, as every component has them. */
static void hint_and_error(struct buf *b, const struct form_field *f)
{
    if (f->hint) {
        html_lit(b, "<div id=\"");
        html_attr(b, f->name);
        html_lit(b, "-hint\" class=\"govuk-hint\">");
        html_text(b, f->hint);
        html_lit(b, "</div>");
    }
    if (f->error) {
        form_error_message(b, f->name, f->error);
    }
}

/* aria-describedby naming the hint and the error message, when there is either. */
static void described_by(struct buf *b, const struct form_field *f)
{
    if (!f->hint && !f->error) {
        return;
    }
    html_lit(b, " aria-describedby=\"");
    if (f->hint) {
        html_attr(b, f->name);
        html_lit(b, "-hint");
    }
    if (f->error) {
        if (f->hint) {
            html_lit(b, " ");
        }
        html_attr(b, f->name);
        html_lit(b, "-error");
    }
    html_lit(b, "\"");
}

/* The form group, the label, the hint and the error: all that comes before a control. */
static void labelled_start(struct buf *b, const struct form_field *f)
{
    group_start(b, f->error);
    html_lit(b, "<label class=\"govuk-label");
    if (f->flags & FORM_BOLD) {
        html_lit(b, " govuk-label--s");
    }
    html_lit(b, "\" for=\"");
    html_attr(b, f->name);
    html_lit(b, "\">");
    html_text(b, f->label);
    html_lit(b, "</label>");
    hint_and_error(b, f);
}

/* autofocus, for the field a "Change" link named */
static void autofocus(struct buf *b, const struct form_field *f)
{
    if (f->flags & FORM_AUTOFOCUS) {
        html_lit(b, " autofocus");
    }
}

/* id="NAME" name="NAME" */
static void id_and_name(struct buf *b, const char *name)
{
    html_lit(b, " id=\"");
    html_attr(b, name);
    html_lit(b, "\" name=\"");
    html_attr(b, name);
    html_lit(b, "\"");
}

void form_text_input(struct buf *b, const struct form_field *f)
{
    labelled_start(b, f);
    html_lit(b, "<input class=\"govuk-input");
    classes(b, f->classes);
    if (f->error) {
        html_lit(b, " govuk-input--error");
    }
    html_lit(b, "\"");
    id_and_name(b, f->name);
    html_lit(b, " type=\"");
    html_attr(b, f->type ? f->type : "text");
    html_lit(b, "\"");
    if (f->flags & FORM_NO_SPELLCHECK) {
        html_lit(b, " spellcheck=\"false\"");
    }
    if (f->value) {
        html_lit(b, " value=\"");
        html_attr(b, f->value);
        html_lit(b, "\"");
    }
    described_by(b, f);
    if (f->autocomplete) {
        html_lit(b, " autocomplete=\"");
        html_attr(b, f->autocomplete);
        html_lit(b, "\"");
    }
    autofocus(b, f);
    html_lit(b, "></div>");
}

void form_file_upload(struct buf *b, const struct form_field *f)
{
    labelled_start(b, f);
    html_lit(b, "<input class=\"govuk-file-upload");
    if (f->error) {
        html_lit(b, " govuk-file-upload--error");
    }
    html_lit(b, "\"");
    id_and_name(b, f->name);
    html_lit(b, " type=\"file\"");
    if (f->type) { /* what it accepts */
        html_lit(b, " accept=\"");
        html_attr(b, f->type);
        html_lit(b, "\"");
    }
    described_by(b, f);
    html_lit(b, "></div>");
}

void form_textarea(struct buf *b, const struct form_field *f)
{
    labelled_start(b, f);
    html_lit(b, "<textarea class=\"govuk-textarea");
    if (f->error) {
        html_lit(b, " govuk-textarea--error");
    }
    classes(b, f->classes);
    html_lit(b, "\"");
    id_and_name(b, f->name);
    html_lit(b, " rows=\"");
    html_num(b, f->rows ? f->rows : 5);
    html_lit(b, "\"");
    if (f->flags & FORM_NO_SPELLCHECK) {
        html_lit(b, " spellcheck=\"false\"");
    }
    described_by(b, f);
    autofocus(b, f);
    html_lit(b, ">");
    html_text(b, f->value);
    html_lit(b, "</textarea></div>");
}

void form_select(struct buf *b, const struct form_field *f, const struct form_option *options,
                 size_t n)
{
    labelled_start(b, f);
    html_lit(b, "<select class=\"govuk-select");
    classes(b, f->classes);
    if (f->error) {
        html_lit(b, " govuk-select--error");
    }
    html_lit(b, "\"");
    id_and_name(b, f->name);
    described_by(b, f);
    html_lit(b, ">");
    for (size_t i = 0; i < n; i++) {
        html_lit(b, "<option value=\"");
        html_attr(b, options[i].value);
        html_lit(b, "\"");
        if (options[i].selected) {
            html_lit(b, " selected");
        }
        html_lit(b, ">");
        html_text(b, options[i].label);
        html_lit(b, "</option>");
    }
    html_lit(b, "</select></div>");
}

/* The form group, the fieldset (role="group" for a date input's) and its legend, hint, error. */
static void fieldset_start(struct buf *b, const struct form_field *f, int role_group)
{
    group_start(b, f->error);
    html_lit(b, "<fieldset class=\"govuk-fieldset\"");
    if (role_group) {
        html_lit(b, " role=\"group\"");
    }
    described_by(b, f);
    html_lit(b, "><legend class=\"govuk-fieldset__legend");
    if (f->flags & FORM_BOLD) {
        html_lit(b, " govuk-fieldset__legend--s");
    }
    html_lit(b, "\">");
    html_text(b, f->label);
    html_lit(b, "</legend>");
    hint_and_error(b, f);
}

void form_fieldset_end(struct buf *b)
{
    html_lit(b, "</fieldset></div>");
}

/* The id of choice i: the field's own for the first (the error summary links there), else
 * NAME-VALUE. */
static void choice_id(struct buf *b, const char *name, const struct form_choice *c, size_t i)
{
    html_attr(b, name);
    if (i) {
        html_lit(b, "-");
        html_attr(b, c->value);
    }
}

/* The radios or boxes themselves; kind is "radios" or "checkboxes", type "radio" or "checkbox";
 * hints[i] (hints or any NULL: none) under choice i's label. A box is ticked when ticked[i]
 * (ticked NULL: none); a radio when its value is f->value. */
static void choices(struct buf *b, const struct form_field *f, const struct form_choice *c,
                    const char *const *hints, size_t n, const char *kind, const char *type,
                    const int *ticked)
{
    html_lit(b, "<div class=\"govuk-");
    html_attr(b, kind);
    classes(b, f->classes);
    html_lit(b, "\" data-module=\"govuk-");
    html_attr(b, kind);
    html_lit(b, "\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(b, "<div class=\"govuk-");
        html_attr(b, kind);
        html_lit(b, "__item\"><input class=\"govuk-");
        html_attr(b, kind);
        html_lit(b, "__input\" id=\"");
        choice_id(b, f->name, &c[i], i);
        html_lit(b, "\" name=\"");
        html_attr(b, f->name);
        html_lit(b, "\" type=\"");
        html_attr(b, type);
        html_lit(b, "\" value=\"");
        html_attr(b, c[i].value);
        html_lit(b, "\"");
        if (!strcmp(type, "checkbox") ? ticked && ticked[i]
                                      : f->value && !strcmp(f->value, c[i].value)) {
            html_lit(b, " checked");
        }
        if (hints && hints[i]) {
            html_lit(b, " aria-describedby=\"");
            choice_id(b, f->name, &c[i], i);
            html_lit(b, "-item-hint\"");
        }
        html_lit(b, "><label class=\"govuk-label govuk-");
        html_attr(b, kind);
        html_lit(b, "__label\" for=\"");
        choice_id(b, f->name, &c[i], i);
        html_lit(b, "\">");
        html_text(b, c[i].label);
        html_lit(b, "</label>");
        if (hints && hints[i]) {
            html_lit(b, "<div id=\"");
            choice_id(b, f->name, &c[i], i);
            html_lit(b, "-item-hint\" class=\"govuk-hint govuk-");
            html_attr(b, kind);
            html_lit(b, "__hint\">");
            html_text(b, hints[i]);
            html_lit(b, "</div>");
        }
        html_lit(b, "</div>");
    }
    html_lit(b, "</div>");
}

void form_radios(struct buf *b, const struct form_field *f, const struct form_choice *c, size_t n)
{
    form_radios_hinted(b, f, c, NULL, n);
}

void form_radios_hinted(struct buf *b, const struct form_field *f, const struct form_choice *c,
                        const char *const *hints, size_t n)
{
    fieldset_start(b, f, 0);
    choices(b, f, c, hints, n, "radios", "radio", NULL);
    form_fieldset_end(b);
}

void form_checkboxes(struct buf *b, const struct form_field *f, const struct form_choice *c,
                     const int *ticked, size_t n)
{
    if (f->label) {
        fieldset_start(b, f, 0);
        choices(b, f, c, NULL, n, "checkboxes", "checkbox", ticked);
        form_fieldset_end(b);
    } else if (f->flags & FORM_WITHOUT_GROUP) {
        choices(b, f, c, NULL, n, "checkboxes", "checkbox", ticked);
    } else {
        group_start(b, f->error);
        hint_and_error(b, f);
        choices(b, f, c, NULL, n, "checkboxes", "checkbox", ticked);
        html_lit(b, "</div>");
    }
}

void form_date_start(struct buf *b, const struct form_field *f, const char *const given[3])
{
    static const char *const parts[3] = {"day", "month", "year"};
    static const char *const labels[3] = {"Day", "Month", "Year"};

    fieldset_start(b, f, 1);
    html_lit(b, "<div class=\"govuk-date-input\" id=\"");
    html_attr(b, f->name);
    html_lit(b, "\">");
    for (int i = 0; i < 3; i++) {
        html_lit(b, "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">"
                    "<label class=\"govuk-label govuk-date-input__label\" for=\"");
        html_attr(b, f->name);
        html_lit(b, "-");
        html_attr(b, parts[i]);
        html_lit(b, "\">");
        html_text(b, labels[i]);
        html_lit(b, "</label><input class=\"govuk-input govuk-date-input__input");
        if (i == 2) {
            html_lit(b, " govuk-input--width-4");
        } else {
            html_lit(b, " govuk-input--width-2");
        }
        if (f->error) {
            html_lit(b, " govuk-input--error");
        }
        html_lit(b, "\" id=\"");
        html_attr(b, f->name);
        html_lit(b, "-");
        html_attr(b, parts[i]);
        html_lit(b, "\" name=\"");
        html_attr(b, f->name);
        html_lit(b, "-");
        html_attr(b, parts[i]);
        html_lit(b, "\" type=\"text\" inputmode=\"numeric\"");
        if (i == 0) {
            autofocus(b, f);
        }
        if (given && given[i]) {
            html_lit(b, " value=\"");
            html_attr(b, given[i]);
            html_lit(b, "\"");
        }
        html_lit(b, "></div></div>");
    }
    html_lit(b, "</div>");
}

void form_date(struct buf *b, const struct form_field *f, const char *const given[3])
{
    form_date_start(b, f, given);
    form_fieldset_end(b);
}

void form_hidden(struct buf *b, const char *name, const char *value)
{
    html_lit(b, "<input type=\"hidden\" name=\"");
    html_attr(b, name);
    html_lit(b, "\" value=\"");
    html_attr(b, value);
    html_lit(b, "\">");
}

void form_buttons(struct buf *b, const char *submit, const char *cancel_href)
{
    html_lit(b, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
                "data-module=\"govuk-button\">");
    html_text(b, submit);
    html_lit(b, "</button>");
    if (cancel_href) {
        html_lit(b, "<a class=\"govuk-link\" href=\"");
        html_attr(b, cancel_href);
        html_lit(b, "\">Cancel</a>");
    }
    html_lit(b, "</div>");
}

void form_button_secondary(struct buf *b, const char *label, const char *name, const char *value)
{
    html_lit(b, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\" name=\"");
    html_attr(b, name);
    html_lit(b, "\" value=\"");
    html_attr(b, value);
    html_lit(b, "\">");
    html_text(b, label);
    html_lit(b, "</button>");
}

void form_error_summary(struct buf *b, const struct field_error *errors, size_t n)
{
    html_lit(b, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">"
                "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a "
                "problem</h2><div class=\"govuk-error-summary__body\">"
                "<ul class=\"govuk-list govuk-error-summary__list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(b, "<li><a href=\"#");
        html_attr(b, errors[i].field);
        html_lit(b, "\">");
        html_text(b, errors[i].message);
        html_lit(b, "</a></li>");
    }
    html_lit(b, "</ul></div></div></div>");
}
