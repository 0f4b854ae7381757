/* A step chart in SVG: axes, ticks and two series; presentation attributes only. */
#include "chart.h"

#include "html.h"
#include "base/banned.h"

/* The drawing: 800 by 400 units, the plot inside these margins. */
#define CHART_W 800
#define CHART_H 400
#define PLOT_X0 70
#define PLOT_X1 780
#define PLOT_Y0 20
#define PLOT_Y1 340

struct scale {
    date_t from, to;
    size_t top;
};

static long long xof(const struct scale *s, date_t d)
{
    return PLOT_X0 + (long long)(d - s->from) * (PLOT_X1 - PLOT_X0) / (s->to - s->from);
}

static long long yof(const struct scale *s, size_t v)
{
    return PLOT_Y1 - (long long)v * (PLOT_Y1 - PLOT_Y0) / (long long)s->top;
}

/* A step line through the points' field, flat to the end of the plot. */
static void series(struct buf *b, const struct scale *s, const struct coverage_point *p, size_t n,
                   int compacts)
{
    html_lit(b, " d=\"M");
    for (size_t i = 0; i < n; i++) {
        size_t v = compacts ? p[i].active_compacts : p[i].covered;
        html_num(b, xof(s, p[i].date));
        html_lit(b, " ");
        html_num(b, i ? yof(s, compacts ? p[i - 1].active_compacts : p[i - 1].covered) : yof(s, 0));
        html_lit(b, "V");
        html_num(b, yof(s, v));
        html_lit(b, "H");
        html_num(b, i + 1 < n ? xof(s, p[i + 1].date) : PLOT_X1);
        if (i + 1 < n) {
            html_lit(b, "L");
        }
    }
    html_lit(b, "\"");
}

static void text_at(struct buf *b, long long x, long long y, const char *anchor)
{
    html_lit(b, "<text x=\"");
    html_num(b, x);
    html_lit(b, "\" y=\"");
    html_num(b, y);
    html_lit(b, "\" text-anchor=\"");
    html_attr(b, anchor);
    html_lit(b, "\" font-size=\"16\" fill=\"#0b0c0c\">");
}

static void axes(struct buf *b, const struct scale *s)
{
    int y0, y1, m, d, step;
    size_t ystep = s->top <= 10 ? 1 : s->top <= 50 ? 10 : s->top <= 200 ? 50 : 100;

    html_lit(b,
             "<g stroke=\"#0b0c0c\" stroke-width=\"2\"><path fill=\"none\" d=\"M70 20V340H780\"/>"
             "</g>");
    for (size_t v = 0; v <= s->top; v += ystep) {
        long long y = yof(s, v);
        html_lit(b, "<path stroke=\"#b1b4b6\" stroke-width=\"1\" d=\"M70 ");
        html_num(b, y);
        html_lit(b, "H780\"/>");
        text_at(b, PLOT_X0 - 8, y + 5, "end");
        html_num(b, (long long)v);
        html_lit(b, "</text>");
    }
    date_to_ymd(s->from, &y0, &m, &d);
    date_to_ymd(s->to, &y1, &m, &d);
    step = y1 - y0 <= 8 ? 1 : y1 - y0 <= 20 ? 2 : 5;
    for (int y = y0 + 1; y <= y1; y += step) {
        date_t jan = date_from_ymd(y, 1, 1);
        long long x = xof(s, jan);
        html_lit(b, "<path stroke=\"#0b0c0c\" stroke-width=\"2\" d=\"M");
        html_num(b, x);
        html_lit(b, " 340V348\"/>");
        text_at(b, x, 366, "middle");
        html_num(b, y);
        html_lit(b, "</text>");
    }
    text_at(b, (PLOT_X0 + PLOT_X1) / 2, 394, "middle");
    html_lit(b, "Date (ticks at 1 January)</text>");
    html_lit(b, "<text x=\"16\" y=\"180\" text-anchor=\"middle\" font-size=\"16\" fill=\"#0b0c0c\" "
                "transform=\"rotate(-90 16 180)\">Number</text>");
}

static void table(struct buf *b, const struct coverage_point *p, size_t n)
{
    html_lit(b, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
                "<span class=\"govuk-details__summary-text\">The chart as a table</span>"
                "</summary><div class=\"govuk-details__text\">"
                "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
                "govuk-table__caption--s\">Coverage on each date a Compact&#39;s status changed"
                "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                "<th scope=\"col\" class=\"govuk-table__header\">Date</th>"
                "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
                "Active Compacts</th>"
                "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
                "Authorities covered</th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < n; i++) {
        char day[DATE_STRLEN + 1];
        date_format(p[i].date, day);
        html_lit(b,
                 "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">");
        html_text(b, day);
        html_lit(b, "</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
        html_num(b, (long long)p[i].active_compacts);
        html_lit(b, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
        html_num(b, (long long)p[i].covered);
        html_lit(b, "</td></tr>");
    }
    html_lit(b, "</tbody></table></div></details>");
}

void view_coverage_chart(struct buf *b, const struct coverage_point *p, size_t n, size_t total,
                         date_t end)
{
    struct scale s;
    char from[DATE_STRLEN + 1], to[DATE_STRLEN + 1];

    if (!n) {
        html_lit(b, "<p class=\"govuk-body\">No local Compact has a status in the register yet, "
                    "so there is no coverage over time to show.</p>");
        return;
    }
    s.from = p[0].date;
    s.to = end > p[n - 1].date ? end : p[n - 1].date;
    if (s.to <= s.from) {
        s.to = s.from + 1;
    }
    s.top = total ? total : 1;
    for (size_t i = 0; i < n; i++) {
        if (p[i].active_compacts > s.top) {
            s.top = p[i].active_compacts;
        }
    }
    date_format(s.from, from);
    date_format(s.to, to);
    html_lit(b, "<div class=\"app-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
                "viewBox=\"0 0 800 400\" font-family=\"Arial, sans-serif\" role=\"img\" "
                "aria-labelledby=\"chart-title\">"
                "<title id=\"chart-title\">Step chart of authorities covered and active local "
                "Compacts from ");
    html_text(b, from);
    html_lit(b, " to ");
    html_text(b, to);
    html_lit(b, "; the table below gives the figures</title>");
    axes(b, &s);
    html_lit(b, "<path fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"4\"");
    series(b, &s, p, n, 0);
    html_lit(b, "/><path fill=\"none\" stroke=\"#0b0c0c\" stroke-width=\"3\" "
                "stroke-dasharray=\"10 6\"");
    series(b, &s, p, n, 1);
    html_lit(b, "/></svg></div>"
                "<ul class=\"govuk-list app-map-key\">"
                "<li><svg class=\"app-map-key__line\" viewBox=\"0 0 60 20\" aria-hidden=\"true\" "
                "focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\"><path stroke=\"#1d70b8\" "
                "stroke-width=\"4\" d=\"M0 10H60\"/></svg> Authorities covered (solid line)</li>"
                "<li><svg class=\"app-map-key__line\" viewBox=\"0 0 60 20\" aria-hidden=\"true\" "
                "focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\"><path stroke=\"#0b0c0c\" "
                "stroke-width=\"3\" stroke-dasharray=\"10 6\" d=\"M0 10H60\"/></svg> Active local "
                "Compacts (dashed line)</li></ul>");
    table(b, p, n);
}
