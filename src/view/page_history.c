/* The history page: who changed what, when, before and after. */
#include "page_history.h"

#include "html.h"
#include "base/banned.h"

static void state(struct buf *b, const char *json)
{
    if (!json) {
        html_lit(b, "<span class=\"govuk-hint\">None</span>");
        return;
    }
    html_lit(b, "<pre class=\"app-json\">");
    html_text(b, json);
    html_lit(b, "</pre>");
}

void view_history_page(struct buf *b, const char *kind, const char *entity,
                       const struct audit_entry *items, size_t n, const struct viewer *viewer)
{
    const struct layout l = {.title = "History", .nav = NAV_NONE, .viewer = viewer};

    view_layout_start(b, &l);
    html_lit(b, "<span class=\"govuk-caption-l\">");
    html_text(b, kind);
    html_lit(b, " ");
    html_text(b, entity);
    html_lit(b, "</span><h1 class=\"govuk-heading-l\">History</h1>");
    if (!n) {
        html_lit(b, "<p class=\"govuk-body\">No changes have been recorded.</p>");
        view_layout_end(b);
        return;
    }
    html_lit(b, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
                "govuk-table__caption--m\">Every change, oldest first</caption>"
                "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                "<th scope=\"col\" class=\"govuk-table__header\">When (UTC)</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">What</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Before</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">After</th>"
                "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(b, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        html_text(b, items[i].at);
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        html_text(b, items[i].actor);
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        html_text(b, items[i].action);
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        state(b, items[i].before);
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        state(b, items[i].after);
        html_lit(b, "</td></tr>");
    }
    html_lit(b, "</tbody></table>");
    view_layout_end(b);
}
