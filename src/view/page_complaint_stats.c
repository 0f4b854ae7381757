/*
 * The public statistics of complaints (SPEC section 6), nationally or of one Compact, for a
 * year or every year: a chart of cases opened by year and the tables behind the figures, small
 * numbers shown as "fewer than 5", the on-time share only on a base of 10 or more.
 */
#include <stdio.h>

#include "chart.h"
#include "components.h"
#include "html.h"
#include "page_check.h"
#include "page_complaints.h"
#include "base/banned.h"

/* A published count: the number, or "fewer than 5". */
static void count_cell(struct buf *b, const struct complaint_count *c)
{
    table_cell_start(b, CELL_NUMERIC);
    if (c->hidden) {
        html_lit(b, "fewer than&nbsp;5"); /* never a 5 alone on a line */
    } else {
        html_count(b, (long long)c->n);
    }
    table_cell_end(b);
}

static void count_row(struct buf *b, const char *head, const struct complaint_count *c)
{
    table_row_start(b);
    table_row_head(b, head);
    count_cell(b, c);
    table_row_end(b);
}

static const struct table_column two_cols[2][2] = {
    {{"Highest stage reached", 0}, {"Complaints", CELL_NUMERIC}},
    {{"Outcome", 0}, {"Complaints", CELL_NUMERIC}},
};

/* The year filter: a select of the years with cases, and a button (no script needed). */
static void year_filter(struct buf *b, const struct case_stats_view *v, const char *path)
{
    struct form_option opts[64];
    char labels[64][8];
    size_t n = 0;

    opts[n++] = (struct form_option){"", "Every year", v->year == 0};
    for (size_t i = 0; i < v->nyears && n < 64; i++) {
        int k = snprintf(labels[n], sizeof(labels[n]), "%d", v->years[i]);
        if (k <= 0 || (size_t)k >= sizeof(labels[n])) {
            continue;
        }
        opts[n] = (struct form_option){labels[n], labels[n], v->years[i] == v->year};
        n++;
    }
    html_lit(b, "<form method=\"get\" action=\"");
    html_attr(b, path);
    html_lit(b, "\" class=\"app-no-print\">");
    form_select(b,
                &(struct form_field){
                    .name = "year", .label = "Year the complaints were raised", .flags = FORM_BOLD},
                opts, n);
    html_lit(b, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Show</button></form>");
}

void view_case_stats_page(struct buf *b, const struct case_stats_view *v,
                          const struct viewer *viewer)
{
    const struct complaint_stats *s = v->s;
    struct buf path = BUF_INIT, compact = BUF_INIT, caption = BUF_INIT, label = BUF_INIT;
    struct crumb crumbs[3] = {{"Home", "/"}, {NULL, NULL}, {NULL, NULL}};
    struct layout l = {.title = "Complaints: statistics",
                       .nav = v->compact_id ? NAV_COMPACTS : NAV_NONE,
                       .crumbs = crumbs,
                       .ncrumbs = 1,
                       .viewer = viewer};
    struct table t = {.flags = TABLE_CAPTION_S | TABLE_SMALL_TEXT, .ncols = 2};
    struct chart_count bars[64];
    size_t nbars = 0;

    if (v->compact_id) {
        buf_addf(&compact, "/compacts/%lld", v->compact_id);
        buf_addf(&path, "/compacts/%lld/complaints/statistics", v->compact_id);
        crumbs[1] = (struct crumb){v->compact_name, compact.data};
        l.ncrumbs = 2;
    } else {
        buf_adds(&path, "/complaints/statistics");
    }
    view_layout_start(b, &l);
    view_heading(b, v->compact_id ? v->compact_name : "Every local Compact", l.title);
    html_lit(b, "<p class=\"govuk-body\">Complaints that a body did not keep a local Compact, "
                "counted by the year they were raised. To protect the organisations involved, a "
                "number from 1 to 4 is shown as &ldquo;fewer than 5&rdquo;, and a share only when "
                "it rests on 10 or more.</p>");
    if (v->compact_id) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"/complaints/statistics\">Statistics of every local Compact</a></p>");
    }
    year_filter(b, v, path.data);

    for (size_t i = 0; i < v->nby_year && nbars < 64; i++) {
        bars[nbars++] = (struct chart_count){v->by_year[i].year, v->by_year[i].opened.n,
                                             v->by_year[i].opened.hidden};
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">Complaints raised each year</h2>");
    view_count_chart(b, "complaints-chart-title",
                     "Bar chart of the number of complaints raised each year; the table below "
                     "gives the figures",
                     "Year raised", "Complaints", bars, nbars);
    if (v->nby_year) {
        static const struct table_column cols[] = {{"Year", 0}, {"Complaints", CELL_NUMERIC}};
        const struct table years = {
            .caption = "The chart's figures", .flags = TABLE_CAPTION_S, .cols = cols, .ncols = 2};
        table_start(b, &years);
        for (size_t i = 0; i < v->nby_year; i++) {
            char y[8];
            int k = snprintf(y, sizeof(y), "%d", v->by_year[i].year);
            count_row(b, k > 0 && (size_t)k < sizeof(y) ? y : "", &v->by_year[i].opened);
        }
        table_end(b);
    }

    if (v->year) {
        buf_addf(&caption, "Raised in %d", v->year);
    } else {
        buf_adds(&caption, "Raised in every year");
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">");
    html_text(b, caption.data);
    html_lit(b, "</h2><dl class=\"govuk-summary-list\">");
    summary_row_start(b, "Complaints raised", 0);
    if (s->opened.hidden) {
        html_lit(b, "fewer than 5");
    } else {
        html_count(b, (long long)s->opened.n);
    }
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Responses made on time", 0);
    if (s->share_shown) {
        html_percent(b, s->on_time_share);
        html_lit(b, " (");
        html_count(b, (long long)s->on_time);
        html_lit(b, " of ");
        html_count(b, (long long)s->on_time_base);
        html_lit(b, " responses due)");
    } else {
        html_lit(b, "Not shown: fewer than 10 responses were due");
    }
    summary_row_end(b, NULL, NULL);
    html_lit(b, "</dl>");

    t.caption = "By the highest stage reached";
    t.cols = two_cols[0];
    table_start(b, &t);
    for (int i = 0; i < STAGE_COUNT; i++) {
        count_row(b, complaint_stage_label((enum complaint_stage)i), &s->by_stage[i]);
    }
    table_end(b);

    t.caption = "By outcome";
    t.cols = two_cols[1];
    table_start(b, &t);
    for (int i = 0; i < OUTCOME_COUNT; i++) {
        count_row(b, complaint_outcome_label((enum complaint_outcome)i), &s->by_outcome[i]);
    }
    count_row(b, "Still open", &s->by_outcome[COMPLAINT_OUTCOME_OPEN]);
    table_end(b);

    {
        static const struct table_column cols[] = {{"Commitment not kept", 0},
                                                   {"Complaints", CELL_NUMERIC}};
        const struct table causes = {.caption = "By cause found, when closed",
                                     .flags = TABLE_CAPTION_S | TABLE_SMALL_TEXT,
                                     .cols = cols,
                                     .ncols = 2};
        table_start(b, &causes);
        for (int r = 0; r < RULE_COUNT; r++) {
            case_rule_label(&label, (enum rule)r, &v->names);
            count_row(b, label.data, &s->by_cause[r]);
        }
        table_end(b);
    }
    view_layout_end(b, &l);
    buf_release(&path);
    buf_release(&compact);
    buf_release(&caption);
    buf_release(&label);
}
