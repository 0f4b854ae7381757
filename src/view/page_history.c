/* The history page: each change as who, when and what, and the fields it changed. */
#include "page_history.h"

#include <string.h>

#include "components.h"
#include "html.h"
#include "base/banned.h"

static const struct {
    const char *kind, *label;
} kinds[] = {
    {"compact", "Compact"},     {"organisation", "Organisation"}, {"user", "Account"},
    {"api_token", "API token"}, {"commitment", "Commitment"},     {"activity", "Activity"},
    {"grants", "Grants file"},  {"contracts", "Contracts file"},
};

static const char *kind_label(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (!strcmp(kinds[i].kind, kind)) {
            return kinds[i].label;
        }
    }
    return kind ? kind : "";
}

/* A value: "None" when empty, its one line, or a list of its lines. label ("Before", or NULL)
 * is shown before it on a phone, where the row stacks and the column heads are hidden. */
static void value(struct buf *b, const char *label, const struct history_value *v)
{
    table_cell_start(b, 0);
    if (label) {
        html_lit(b, "<span class=\"app-history__label\">");
        html_text(b, label);
        html_lit(b, ": </span>");
    }
    if (!v->n) {
        html_lit(b, "<span class=\"govuk-hint\">None</span>");
    } else if (v->n == 1) {
        html_text(b, v->lines[0]);
    } else {
        html_lit(b, "<ul class=\"govuk-list govuk-!-margin-bottom-0\">");
        for (size_t i = 0; i < v->n; i++) {
            html_lit(b, "<li>");
            html_text(b, v->lines[i]);
            html_lit(b, "</li>");
        }
        html_lit(b, "</ul>");
    }
    table_cell_end(b);
}

static void entry(struct buf *b, const struct history_entry *e)
{
    static const struct table_column changed[] = {{"Field", 0}, {"Before", 0}, {"After", 0}},
                                     created[] = {{"Field", 0}, {"Value", 0}};
    struct buf caption = BUF_INIT;
    int fresh = 1; /* nothing had a value before: a creation reads better as one column */

    buf_addf(&caption, "%s by %s", e->what, e->who);
    if (!e->nchanges) {
        html_lit(b, "<h2 class=\"govuk-heading-s govuk-!-margin-bottom-1\">");
        html_text(b, caption.data);
        html_lit(b, "</h2><p class=\"govuk-body-s govuk-!-margin-bottom-1\">");
        html_text(b, e->when);
        html_lit(b, "</p><p class=\"govuk-body\">No field changed.</p>");
        buf_release(&caption);
        return;
    }
    for (size_t i = 0; i < e->nchanges; i++) {
        fresh &= e->changes[i].before.n == 0;
    }
    table_start(b, &(struct table){.caption = caption.data,
                                   .caption_note = e->when,
                                   .flags = TABLE_CAPTION_S,
                                   .cols = fresh ? created : changed,
                                   .ncols = fresh ? 2 : 3});
    for (size_t i = 0; i < e->nchanges; i++) {
        const struct history_change *c = &e->changes[i];
        table_row_start(b);
        table_row_head(b, c->label);
        if (!fresh) {
            value(b, "Before", &c->before);
        }
        value(b, fresh ? NULL : "After", &c->after);
        table_row_end(b);
    }
    table_end(b);
    buf_release(&caption);
}

void view_history_page(struct buf *b, const char *kind, const char *entity,
                       const struct history_entry *items, size_t n, const struct viewer *viewer)
{
    const struct layout l = {.title = "History", .nav = NAV_NONE, .viewer = viewer};
    struct buf caption = BUF_INIT;

    view_layout_start(b, &l);
    buf_addf(&caption, "%s %s", kind_label(kind), entity ? entity : "");
    view_heading(b, caption.data, l.title);
    buf_release(&caption);
    if (!n) {
        html_lit(b, "<p class=\"govuk-body\">No changes have been recorded.</p>");
        view_layout_end(b, &l);
        return;
    }
    html_lit(b, "<p class=\"govuk-body\">Every change, oldest first, with the fields it changed. "
                "Times are UTC.</p><div class=\"app-history\">");
    for (size_t i = 0; i < n; i++) {
        entry(b, &items[i]);
    }
    html_lit(b, "</div>");
    view_layout_end(b, &l);
}
