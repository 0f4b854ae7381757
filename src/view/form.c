/* GOV.UK form components. */
#include "form.h"

#include "html.h"
#include "base/banned.h"

void form_error_message(struct buf *b, const char *id, const char *error)
{
    html_lit(b, "<p id=\"");
    html_attr(b, id);
    html_lit(b, "-error\" class=\"govuk-error-message\">"
                "<span class=\"govuk-visually-hidden\">Error:</span> ");
    html_text(b, error);
    html_lit(b, "</p>");
}

/* A form group with its label and, with an error, the group's error style and message. */
static void group_start(struct buf *b, const char *name, const char *label, const char *error)
{
    html_lit(b, "<div class=\"govuk-form-group");
    if (error) {
        html_lit(b, " govuk-form-group--error");
    }
    html_lit(b, "\"><label class=\"govuk-label\" for=\"");
    html_attr(b, name);
    html_lit(b, "\">");
    html_text(b, label);
    html_lit(b, "</label>");
    if (error) {
        form_error_message(b, name, error);
    }
}

void form_input(struct buf *b, const char *name, const char *label, const char *type,
                const char *autocomplete, const char *value, const char *error)
{
    group_start(b, name, label, error);
    html_lit(b, "<input class=\"govuk-input");
    if (error) {
        html_lit(b, " govuk-input--error");
    }
    html_lit(b, "\" id=\"");
    html_attr(b, name);
    html_lit(b, "\" name=\"");
    html_attr(b, name);
    html_lit(b, "\" type=\"");
    html_attr(b, type);
    html_lit(b, "\" autocomplete=\"");
    html_attr(b, autocomplete);
    html_lit(b, "\" spellcheck=\"false\"");
    if (value) {
        html_lit(b, " value=\"");
        html_attr(b, value);
        html_lit(b, "\"");
    }
    if (error) {
        html_lit(b, " aria-describedby=\"");
        html_attr(b, name);
        html_lit(b, "-error\"");
    }
    html_lit(b, "></div>");
}

void form_select(struct buf *b, const char *name, const char *label,
                 const struct form_option *options, size_t n, const char *error)
{
    group_start(b, name, label, error);
    html_lit(b, "<select class=\"govuk-select");
    if (error) {
        html_lit(b, " govuk-select--error");
    }
    html_lit(b, "\" id=\"");
    html_attr(b, name);
    html_lit(b, "\" name=\"");
    html_attr(b, name);
    html_lit(b, "\"");
    if (error) {
        html_lit(b, " aria-describedby=\"");
        html_attr(b, name);
        html_lit(b, "-error\"");
    }
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

void form_date(struct buf *b, const char *name, const char *legend, const char *hint,
               const char *const value[3], const char *error)
{
    static const char *const parts[3] = {"day", "month", "year"};
    static const char *const labels[3] = {"Day", "Month", "Year"};

    html_lit(b, "<div class=\"govuk-form-group");
    if (error) {
        html_lit(b, " govuk-form-group--error");
    }
    html_lit(b, "\"><fieldset class=\"govuk-fieldset\" role=\"group\"");
    if (hint || error) {
        html_lit(b, " aria-describedby=\"");
        if (hint) {
            html_attr(b, name);
            html_lit(b, "-hint");
        }
        if (error) {
            if (hint) {
                html_lit(b, " ");
            }
            html_attr(b, name);
            html_lit(b, "-error");
        }
        html_lit(b, "\"");
    }
    html_lit(b, "><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">");
    html_text(b, legend);
    html_lit(b, "</legend>");
    if (hint) {
        html_lit(b, "<div id=\"");
        html_attr(b, name);
        html_lit(b, "-hint\" class=\"govuk-hint\">");
        html_text(b, hint);
        html_lit(b, "</div>");
    }
    if (error) {
        form_error_message(b, name, error);
    }
    html_lit(b, "<div class=\"govuk-date-input\" id=\"");
    html_attr(b, name);
    html_lit(b, "\">");
    for (int i = 0; i < 3; i++) {
        html_lit(b, "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">"
                    "<label class=\"govuk-label govuk-date-input__label\" for=\"");
        html_attr(b, name);
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
        if (error) {
            html_lit(b, " govuk-input--error");
        }
        html_lit(b, "\" id=\"");
        html_attr(b, name);
        html_lit(b, "-");
        html_attr(b, parts[i]);
        html_lit(b, "\" name=\"");
        html_attr(b, name);
        html_lit(b, "-");
        html_attr(b, parts[i]);
        html_lit(b, "\" type=\"text\" inputmode=\"numeric\"");
        if (value && value[i]) {
            html_lit(b, " value=\"");
            html_attr(b, value[i]);
            html_lit(b, "\"");
        }
        html_lit(b, "></div></div>");
    }
    html_lit(b, "</div></fieldset></div>");
}
