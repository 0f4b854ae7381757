/* The compliance page of a Compact. */
#include "page_compliance.h"

#include <string.h>

#include "components.h"
#include "html.h"
#include "base/banned.h"

static const char *const verdict_labels[VERDICT_COUNT] = {
    [VERDICT_MET] = "Met",         [VERDICT_JUSTIFIED] = "Justified",
    [VERDICT_PENDING] = "Pending", [VERDICT_UNKNOWN] = "Not known",
    [VERDICT_BREACH] = "Breach",
};

/* key_len: show only that many characters of each key (months of timestamps), 0 for all. */
static void tally_table(struct buf *b, const char *caption, const char *what, const struct tally *t,
                        size_t n, size_t key_len)
{
    struct table_column cols[1 + VERDICT_COUNT] = {{what, 0}};

    for (int v = VERDICT_COUNT - 1; v >= 0; v--) {
        cols[VERDICT_COUNT - v] = (struct table_column){verdict_labels[v], CELL_NUMERIC};
    }
    table_start(b, &(struct table){.caption = caption, .cols = cols, .ncols = 1 + VERDICT_COUNT});
    for (size_t i = 0; i < n; i++) {
        table_row_start(b);
        table_row_head_start(b);
        if (t[i].key[0] && key_len) {
            char part[16] = "";
            size_t len = strlen(t[i].key) < key_len ? strlen(t[i].key) : key_len;
            memcpy(part, t[i].key, len < sizeof(part) ? len : sizeof(part) - 1);
            html_text(b, part);
        } else if (t[i].key[0]) {
            html_text(b, t[i].key);
        } else {
            html_lit(b, "Not given");
        }
        table_row_head_end(b);
        for (int v = VERDICT_COUNT - 1; v >= 0; v--) {
            table_num_cell(b, (long long)t[i].counts[v]);
        }
        table_row_end(b);
    }
    table_end(b);
}

void view_compliance_page(struct buf *b, const struct compliance_view *v,
                          const struct viewer *viewer)
{
    static const struct table_column cols[] = {{"Due by", 0}, {"Organisation", 0}, {"What", 0}};
    static const char title[] = "Compliance with the Compact";
    const struct compliance *s = v->summary;
    size_t pending = 0;

    view_top_page_start(b, title, v->compact_name, NAV_NONE, NULL, 0, viewer);
    view_heading(b, v->compact_name, title);
    if (!v->n) {
        html_lit(b, "<p class=\"govuk-body\">No activity has been recorded against this Compact "
                    "yet.</p>");
        view_top_page_end(b);
        return;
    }
    html_lit(b, "<p class=\"govuk-body\">The findings of every activity recorded against this "
                "Compact, as last checked. <a class=\"govuk-link\" href=\"/api/v1/compacts/");
    html_num(b, v->compact_id);
    html_lit(b, "/findings.csv\">Download them as CSV</a>.</p>");
    for (size_t i = 0; i < v->n && !strcmp(v->rows[i].verdict, "pending"); i++) {
        pending++;
    }
    if (pending) {
        table_start(b, &(struct table){
                           .caption = "Pending: steps still to take", .cols = cols, .ncols = 3});
        for (size_t i = 0; i < pending; i++) {
            table_row_start(b);
            table_cell(b, v->rows[i].due_date ? v->rows[i].due_date : "Not known", 0);
            table_cell(b, v->rows[i].org_id ? v->rows[i].org_id : "Not given", 0);
            table_cell(b, v->rows[i].explanation, 0);
            table_row_end(b);
        }
        table_end(b);
    }
    tally_table(b, "By rule", "Rule", s->by_rule, s->nrules, 0);
    tally_table(b, "By organisation", "Organisation", s->by_org, s->norgs, 0);
    tally_table(b, "By month recorded", "Month", s->by_month, s->nmonths, 7);
    if (s->truncated) {
        html_lit(b, "<p class=\"govuk-body\">Only the first 64 organisations and months are "
                    "shown; the CSV has every finding.</p>");
    }
    view_top_page_end(b);
}
