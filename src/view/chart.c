/*
 * Charts in SVG, on one frame (an 800 by 400 drawing, grid lines, axes and their titles;
 * presentation attributes only, under the CSP): coverage over time as a step chart, and grants
 * by year as a bar chart. Each is followed by its figures as a table, its text equivalent.
 */
#include "chart.h"

#include <string.h>

#include "components.h"
#include "html.h"
#include "base/utf8.h"
#include "base/banned.h"

/* The plot area inside the drawing, and the y axis: 0 to top, a grid line every step. */
struct frame {
    long long x0, x1, y0, y1;
    size_t top, step;
};

size_t chart_axis(size_t max, size_t *step)
{
    static const size_t steps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000};
    size_t s = steps[sizeof(steps) / sizeof(steps[0]) - 1];
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        if (max / steps[i] <= 6) {
            s = steps[i];
            break;
        }
    }
    while (max / s > 6) {
        s *= 10; /* more than 30,000 a year */
    }
    *step = s;
    return (max / s + 1) * s;
}

static long long frame_y(const struct frame *f, size_t v)
{
    return f->y1 - (long long)v * (f->y1 - f->y0) / (long long)f->top;
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

/* The drawing with its title (id: the title's id), and the grid lines with their labels. */
static void frame_start(struct buf *b, const struct frame *f, const char *id, const char *title)
{
    html_lit(b, "<div class=\"app-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
                "viewBox=\"0 0 800 400\" font-family=\"Arial, sans-serif\" role=\"img\" "
                "aria-labelledby=\"");
    html_attr(b, id);
    html_lit(b, "\"><title id=\"");
    html_attr(b, id);
    html_lit(b, "\">");
    html_text(b, title);
    html_lit(b, "</title>");
    for (size_t v = 0; v <= f->top; v += f->step) {
        long long y = frame_y(f, v);
        html_lit(b, "<path stroke=\"#b1b4b6\" stroke-width=\"1\" d=\"M");
        html_num(b, f->x0);
        html_lit(b, " ");
        html_num(b, y);
        html_lit(b, "H");
        html_num(b, f->x1);
        html_lit(b, "\"/>");
        text_at(b, f->x0 - 8, y + 5, "end");
        html_num(b, (long long)v);
        html_lit(b, "</text>");
    }
}

/* The two axes, over the grid lines, and their titles. */
static void frame_axes(struct buf *b, const struct frame *f, const char *x_title,
                       const char *y_title)
{
    long long mid = (f->y0 + f->y1) / 2;

    html_lit(b, "<path stroke=\"#0b0c0c\" stroke-width=\"2\" fill=\"none\" d=\"M");
    html_num(b, f->x0);
    html_lit(b, " ");
    html_num(b, f->y0);
    html_lit(b, "V");
    html_num(b, f->y1);
    html_lit(b, "H");
    html_num(b, f->x1);
    html_lit(b, "\"/>");
    text_at(b, (f->x0 + f->x1) / 2, 394, "middle");
    html_text(b, x_title);
    html_lit(b, "</text><text x=\"16\" y=\"");
    html_num(b, mid);
    html_lit(b, "\" text-anchor=\"middle\" font-size=\"16\" fill=\"#0b0c0c\" "
                "transform=\"rotate(-90 16 ");
    html_num(b, mid);
    html_lit(b, ")\">");
    html_text(b, y_title);
    html_lit(b, "</text>");
}

static void frame_end(struct buf *b)
{
    html_lit(b, "</svg></div>");
}

/* ---- coverage over time ---- */

struct scale {
    struct frame f;
    date_t from, to;
};

static long long xof(const struct scale *s, date_t d)
{
    return s->f.x0 + (long long)(d - s->from) * (s->f.x1 - s->f.x0) / (s->to - s->from);
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
        html_num(b,
                 frame_y(&s->f, i ? (compacts ? p[i - 1].active_compacts : p[i - 1].covered) : 0));
        html_lit(b, "V");
        html_num(b, frame_y(&s->f, v));
        html_lit(b, "H");
        html_num(b, i + 1 < n ? xof(s, p[i + 1].date) : s->f.x1);
        if (i + 1 < n) {
            html_lit(b, "L");
        }
    }
    html_lit(b, "\"");
}

/* A tick and a label at each 1 January (every year, or every 2 or 5 over a longer span). */
static void year_ticks(struct buf *b, const struct scale *s)
{
    int y0, y1, m, d, step;

    date_to_ymd(s->from, &y0, &m, &d);
    date_to_ymd(s->to, &y1, &m, &d);
    step = y1 - y0 <= 8 ? 1 : y1 - y0 <= 20 ? 2 : 5;
    for (int y = y0 + 1; y <= y1; y += step) {
        long long x = xof(s, date_from_ymd(y, 1, 1));
        html_lit(b, "<path stroke=\"#0b0c0c\" stroke-width=\"2\" d=\"M");
        html_num(b, x);
        html_lit(b, " 340V348\"/>");
        text_at(b, x, 366, "middle");
        html_num(b, y);
        html_lit(b, "</text>");
    }
}

static void coverage_table(struct buf *b, const struct coverage_point *p, size_t n)
{
    static const struct table_column cols[] = {{"Date", 0},
                                               {"Active Compacts", CELL_NUMERIC},
                                               {"Authorities covered", CELL_NUMERIC},
                                               {"In development", CELL_NUMERIC}};
    const struct table t = {.caption = "Coverage on each date a Compact's status changed",
                            .flags = TABLE_CAPTION_S | TABLE_SMALL_TEXT,
                            .cols = cols,
                            .ncols = 4};

    html_lit(b, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
                "<span class=\"govuk-details__summary-text\">The chart as a table</span>"
                "</summary><div class=\"govuk-details__text\">");
    table_start(b, &t);
    for (size_t i = 0; i < n; i++) {
        table_row_start(b);
        table_row_head_start(b);
        html_date(b, p[i].date);
        table_row_head_end(b);
        table_num_cell(b, (long long)p[i].active_compacts);
        table_num_cell(b, (long long)p[i].covered);
        table_num_cell(b, (long long)p[i].in_development);
        table_row_end(b);
    }
    table_end(b);
    html_lit(b, "</div></details>");
}

void view_coverage_chart(struct buf *b, const struct coverage_point *p, size_t n, date_t end)
{
    struct scale s = {.f = {70, 780, 20, 340, 1, 1}};
    struct buf title = BUF_INIT;
    char from[DATE_LONG_MAX + 1], to[DATE_LONG_MAX + 1];
    size_t max = 0;

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
    for (size_t i = 0; i < n; i++) {
        max = p[i].active_compacts > max ? p[i].active_compacts : max;
        max = p[i].covered > max ? p[i].covered : max;
    }
    s.f.top = chart_axis(max, &s.f.step);
    date_format_long(s.from, from);
    date_format_long(s.to, to);
    buf_addf(&title,
             "Step chart of authorities covered and active local Compacts from %s to %s; the "
             "table below gives the figures",
             from, to);
    frame_start(b, &s.f, "chart-title", title.data);
    year_ticks(b, &s);
    frame_axes(b, &s.f, "Date (ticks at 1 January)", "Number");
    html_lit(b, "<path fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"4\"");
    series(b, &s, p, n, 0);
    html_lit(b, "/><path fill=\"none\" stroke=\"#0b0c0c\" stroke-width=\"3\" "
                "stroke-dasharray=\"10 6\"");
    series(b, &s, p, n, 1);
    html_lit(b, "/>");
    frame_end(b);
    html_lit(b, "<ul class=\"govuk-list app-map-key\">"
                "<li><svg class=\"app-map-key__line\" viewBox=\"0 0 60 20\" aria-hidden=\"true\" "
                "focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\"><path stroke=\"#1d70b8\" "
                "stroke-width=\"4\" d=\"M0 10H60\"/></svg> Authorities covered (solid line)</li>"
                "<li><svg class=\"app-map-key__line\" viewBox=\"0 0 60 20\" aria-hidden=\"true\" "
                "focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\"><path stroke=\"#0b0c0c\" "
                "stroke-width=\"3\" stroke-dasharray=\"10 6\" d=\"M0 10H60\"/></svg> Active local "
                "Compacts (dashed line)</li></ul>");
    coverage_table(b, p, n);
    buf_release(&title);
}

/* ---- grants by year ---- */

/* Bar i of n, value high, its label (when it has one) under the axis. */
static void bar(struct buf *b, const struct frame *f, size_t i, size_t n, size_t value,
                int labelled, long long label)
{
    long long slot = (f->x1 - f->x0) / (long long)n;
    long long h = (long long)value * (f->y1 - f->y0) / (long long)f->top;
    long long x = f->x0 + (long long)i * slot + slot / 8;

    html_lit(b, "<rect fill=\"#1d70b8\" x=\"");
    html_num(b, x);
    html_lit(b, "\" y=\"");
    html_num(b, f->y1 - h);
    html_lit(b, "\" width=\"");
    html_num(b, slot - slot / 4);
    html_lit(b, "\" height=\"");
    html_num(b, h);
    html_lit(b, "\"/>");
    if (labelled) {
        text_at(b, x + (slot - slot / 4) / 2, f->y1 + 22, "middle");
        html_num(b, label);
        html_lit(b, "</text>");
    }
}

static void grants_table(struct buf *b, const struct indicators *ind)
{
    static const struct table_column cols[] = {{"Year", 0},
                                               {"Grants", CELL_NUMERIC},
                                               {"Value", CELL_NUMERIC},
                                               {"Multi-year", CELL_NUMERIC}};
    const struct table t = {
        .caption = "Grants by calendar year of award", .cols = cols, .ncols = 4};

    table_start(b, &t);
    for (size_t i = 0; i < ind->ngrant_years; i++) {
        const struct ind_grants *g = &ind->grant_years[i].g;
        table_row_start(b);
        table_row_head_start(b);
        html_num(b, ind->grant_years[i].year);
        table_row_head_end(b);
        table_num_cell(b, (long long)g->count);
        table_cell_start(b, CELL_NUMERIC);
        html_money(b, g->value);
        table_cell_end(b);
        table_cell_start(b, CELL_NUMERIC);
        if (g->share_suppressed) {
            html_lit(b, "Not shown (");
            html_num(b, (long long)g->multi_year_known);
            html_lit(b, " with a known length)");
        } else {
            html_percent(b, g->share);
            html_lit(b, " (");
            html_num(b, (long long)g->multi_year);
            html_lit(b, " of ");
            html_num(b, (long long)g->multi_year_known);
            html_lit(b, ")");
        }
        table_cell_end(b);
        table_row_end(b);
    }
    table_end(b);
}

void view_grants_chart(struct buf *b, const struct indicators *ind)
{
    struct frame f = {80, 780, 20, 330, 0, 0};
    struct buf title = BUF_INIT;
    size_t max = 0, n = ind->ngrant_years, every;

    if (!n) {
        html_lit(b, "<p class=\"govuk-body\">There are no grants to draw.</p>");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (ind->grant_years[i].g.count > max) {
            max = ind->grant_years[i].g.count;
        }
    }
    f.top = chart_axis(max, &f.step);
    every = n <= 15 ? 1 : (n + 14) / 15; /* at most 15 labels */
    buf_addf(&title,
             "Bar chart of the number of grants in each calendar year from %lld to %lld; the "
             "table below gives the figures",
             (long long)ind->grant_years[0].year, (long long)ind->grant_years[n - 1].year);
    frame_start(b, &f, "grants-chart-title", title.data);
    for (size_t i = 0; i < n; i++) {
        bar(b, &f, i, n, ind->grant_years[i].g.count, i % every == 0, ind->grant_years[i].year);
    }
    frame_axes(b, &f, "Calendar year of the award date", "Number of grants");
    frame_end(b);
    grants_table(b, ind);
    buf_release(&title);
}

void view_count_chart(struct buf *b, const char *id, const char *title, const char *x_title,
                      const char *y_title, const struct chart_count *c, size_t n)
{
    struct frame f = {80, 780, 20, 330, 0, 0};
    size_t max = 4, every = n <= 15 ? 1 : (n + 14) / 15; /* at most 15 labels */

    if (!n) {
        html_lit(b, "<p class=\"govuk-body\">There is nothing to draw.</p>");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (!c[i].hidden && c[i].n > max) {
            max = c[i].n;
        }
    }
    f.top = chart_axis(max, &f.step);
    frame_start(b, &f, id, title);
    for (size_t i = 0; i < n; i++) {
        bar(b, &f, i, n, c[i].hidden ? 0 : c[i].n, i % every == 0, c[i].year);
        if (c[i].hidden) {
            long long slot = (f.x1 - f.x0) / (long long)n;
            text_at(b, f.x0 + (long long)i * slot + slot / 2, f.y1 - 8, "middle");
            html_lit(b, "&lt;5</text>");
        }
    }
    frame_axes(b, &f, x_title, y_title);
    frame_end(b);
}

/* The fills of the segments of stacked bars, in order (GOV.UK's colours, dark to light and on to
 * greys, each far enough from its neighbours to tell apart, with the key naming each). */
static const char *const segment_fills[] = {"#0b0c0c", "#1d70b8", "#5694ca", "#b1b4b6",
                                            "#f47738", "#d4351c", "#00703c", "#505a5f"};

/* The stacked bars' drawing: narrower than the other charts, so that its words stay readable
 * on a phone, where the drawing is scaled down to the screen's width. */
enum {
    BARS_W = CHART_BARS_WIDTH,
    BARS_PAD = 10,     /* left and right of everything */
    BARS_LINE = 26,    /* a line of words */
    BARS_BAR = 28,     /* a bar's height */
    BARS_GAP = 14,     /* under a bar */
    BARS_SWATCH = 20,  /* a key's swatch */
    BARS_KEY_TEXT = 30 /* a key's words start after its swatch */
};

size_t chart_wrap(const char *text, size_t width, size_t *starts, size_t *lens, size_t max)
{
    const size_t most = width * 10 / (CHART_FONT * CHART_CHAR_TENTHS); /* characters a line */
    size_t n = 0, at = 0, len = strlen(text);

    while (at < len && n < max) {
        size_t end, chars = 0, last_space = 0, p;
        int spaced = 0;
        while (text[at] == ' ') {
            at++;
        }
        if (at >= len) {
            break;
        }
        for (p = at; p < len; chars++) {
            size_t step = utf8_seq((const unsigned char *)text + p, len - p);
            if (chars >= most) {
                break;
            }
            if (text[p] == ' ') {
                last_space = p;
                spaced = 1;
            }
            p += step ? step : 1;
        }
        if (p >= len) {
            end = len;
        } else if (text[p] == ' ') {
            end = p; /* the line is full at a space */
        } else if (spaced && last_space > at) {
            end = last_space; /* break at the last space that fits */
        } else {
            end = p; /* a word longer than a line: cut it */
        }
        if (end <= at) {
            break;
        }
        starts[n] = at;
        lens[n] = end - at;
        n++;
        at = end;
    }
    return n;
}

/* text wrapped to width as a <text> at (x, y) of lines one under the other, each a <tspan>;
 * returns how many lines. */
static size_t wrapped_text(struct buf *b, long long x, long long y, const char *text, size_t width)
{
    size_t starts[CHART_WRAP_MAX], lens[CHART_WRAP_MAX];
    size_t n = chart_wrap(text, width, starts, lens, CHART_WRAP_MAX);
    struct buf line = BUF_INIT;

    html_lit(b, "<text x=\"");
    html_num(b, x);
    html_lit(b, "\" y=\"");
    html_num(b, y);
    html_lit(b, "\" font-size=\"");
    html_num(b, CHART_FONT);
    html_lit(b, "\" fill=\"#0b0c0c\">");
    for (size_t i = 0; i < n; i++) {
        buf_reset(&line);
        buf_add(&line, text + starts[i], lens[i]);
        buf_addc(&line, '\0');
        html_lit(b, "<tspan x=\"");
        html_num(b, x);
        html_lit(b, "\" y=\"");
        html_num(b, y + (long long)i * BARS_LINE);
        html_lit(b, "\">");
        html_text(b, line.data);
        html_lit(b, "</tspan>");
    }
    html_lit(b, "</text>");
    buf_release(&line);
    return n ? n : 1;
}

static size_t lines_of(const char *text, size_t width)
{
    size_t starts[CHART_WRAP_MAX], lens[CHART_WRAP_MAX];
    size_t n = chart_wrap(text, width, starts, lens, CHART_WRAP_MAX);
    return n ? n : 1;
}

void view_stacked_bars(struct buf *b, const char *id, const char *title, const char *const *rows,
                       size_t nrows, const char *const *segments, size_t nsegments,
                       const double *shares)
{
    const long long x0 = BARS_PAD, x1 = BARS_W - BARS_PAD;
    const size_t label_w = (size_t)(x1 - x0), key_w = (size_t)(x1 - x0 - BARS_KEY_TEXT);
    const size_t nkey = nsegments < 8 ? nsegments : 8;
    long long height = BARS_PAD, y;

    /* the height: each row its label's lines and its bar, then the key a line per segment */
    for (size_t r = 0; r < nrows; r++) {
        height += (long long)lines_of(rows[r], label_w) * BARS_LINE + BARS_BAR + BARS_GAP;
    }
    height += 12;
    for (size_t s = 0; s < nkey; s++) {
        height += (long long)lines_of(segments[s], key_w) * BARS_LINE + 8;
    }
    height += BARS_PAD;

    html_lit(b,
             "<div class=\"app-chart app-chart--bars\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
             "viewBox=\"0 0 ");
    html_num(b, BARS_W);
    html_lit(b, " ");
    html_num(b, height);
    html_lit(b, "\" font-family=\"Arial, sans-serif\" role=\"img\" aria-labelledby=\"");
    html_attr(b, id);
    html_lit(b, "\"><title id=\"");
    html_attr(b, id);
    html_lit(b, "\">");
    html_text(b, title);
    html_lit(b, "</title>");
    y = BARS_PAD;
    for (size_t r = 0; r < nrows; r++) {
        long long x = x0;
        int any = 0;
        /* the label above its bar, wrapped: it has the drawing's whole width */
        y += (long long)wrapped_text(b, x0, y + 20, rows[r], label_w) * BARS_LINE;
        for (size_t s = 0; s < nsegments && s < 8; s++) {
            double v = shares[r * nsegments + s];
            long long w;
            if (v <= 0) {
                continue;
            }
            any = 1;
            w = (long long)(v * (double)(x1 - x0) + 0.5);
            if (x + w > x1) {
                w = x1 - x;
            }
            html_lit(b, "<rect x=\"");
            html_num(b, x);
            html_lit(b, "\" y=\"");
            html_num(b, y);
            html_lit(b, "\" width=\"");
            html_num(b, w);
            html_lit(b, "\" height=\"");
            html_num(b, BARS_BAR);
            html_lit(b, "\" fill=\"");
            html_attr(b, segment_fills[s]);
            html_lit(b, "\"/>");
            x += w;
        }
        if (!any) {
            (void)wrapped_text(b, x0, y + 20, "Too few answers to show", label_w);
        }
        y += BARS_BAR + BARS_GAP;
    }
    y += 12;
    for (size_t s = 0; s < nkey; s++) {
        html_lit(b, "<rect x=\"");
        html_num(b, x0);
        html_lit(b, "\" y=\"");
        html_num(b, y + 2);
        html_lit(b, "\" width=\"");
        html_num(b, BARS_SWATCH);
        html_lit(b, "\" height=\"");
        html_num(b, BARS_SWATCH);
        html_lit(b, "\" fill=\"");
        html_attr(b, segment_fills[s]);
        html_lit(b, "\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>");
        y +=
            (long long)wrapped_text(b, x0 + BARS_KEY_TEXT, y + 19, segments[s], key_w) * BARS_LINE +
            8;
    }
    html_lit(b, "</svg></div>");
}
