/* The history page: who changed what, when, before and after. */
#include "page_history.h"

#include "components.h"
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
    static const struct table_column cols[] = {
        {"When (UTC)", 0}, {"Who", 0}, {"What", 0}, {"Before", 0}, {"After", 0}};
    const struct layout l = {.title = "History", .nav = NAV_NONE, .viewer = viewer};
    struct buf caption = BUF_INIT;

    view_layout_start(b, &l);
    buf_addf(&caption, "%s %s", kind ? kind : "", entity ? entity : "");
    view_heading(b, caption.data, l.title);
    buf_release(&caption);
    if (!n) {
        html_lit(b, "<p class=\"govuk-body\">No changes have been recorded.</p>");
        view_layout_end(b, &l);
        return;
    }
    table_start(b,
                &(struct table){.caption = "Every change, oldest first", .cols = cols, .ncols = 5});
    for (size_t i = 0; i < n; i++) {
        table_row_start(b);
        table_cell(b, items[i].at, 0);
        table_cell(b, items[i].actor, 0);
        table_cell(b, items[i].action, 0);
        table_cell_start(b, 0);
        state(b, items[i].before);
        table_cell_end(b);
        table_cell_start(b, 0);
        state(b, items[i].after);
        table_cell_end(b);
        table_row_end(b);
    }
    table_end(b);
    view_layout_end(b, &l);
}
