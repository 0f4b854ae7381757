/* Charts: the y axis fits the values drawn (round steps, the top just above the largest), for
 * small and large values; the step chart of coverage over time and its table; the survey's
 * stacked bars keep every label whole and inside the drawing, however long. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "view/chart.h"

static void test_axis_round_steps_top_above_max(void **state)
{
    static const struct {
        size_t max, top, step;
    } cases[] = {
        {0, 1, 1},
        {1, 2, 1},
        {3, 4, 1},
        {6, 7, 1},
        {7, 8, 2},
        {14, 15, 5},
        {20, 25, 5},
        {43, 50, 10},
        {60, 70, 10},
        {70, 80, 20},
        {150, 175, 25},
        {317, 350, 50},
        {353, 400, 100},
        {1169, 1200, 200},
        {30000, 35000, 5000},
        {100000, 150000, 50000},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t step = 0, top = chart_axis(cases[i].max, &step);
        assert_int_equal(top, cases[i].top);
        assert_int_equal(step, cases[i].step);
        assert_true(top > cases[i].max);
        assert_true(top / step <= 7); /* at most 8 grid lines, 0 included */
    }
}

/* How many times s occurs in b. */
static size_t occurs(const char *b, const char *s)
{
    size_t n = 0;
    for (const char *p = strstr(b, s); p; p = strstr(p + 1, s)) {
        n++;
    }
    return n;
}

static void test_small_values_get_a_small_axis(void **state)
{
    /* 14 authorities covered of a few hundred: the axis goes to 15, not to the 353 */
    struct coverage_point p[] = {{date_from_ymd(2011, 4, 1), 1, 1, 1},
                                 {date_from_ymd(2012, 1, 15), 2, 14, 0}};
    struct buf b = BUF_INIT;
    (void)state;
    view_coverage_chart(&b, p, 2, date_from_ymd(2013, 1, 1));
    /* grid lines at 0, 5, 10 and 15, each with its label */
    assert_int_equal(occurs(b.data, "<path stroke=\"#b1b4b6\""), 4);
    assert_non_null(strstr(b.data, "fill=\"#0b0c0c\">15</text>"));
    assert_null(strstr(b.data, "fill=\"#0b0c0c\">20</text>"));
    /* 14 of 15 reaches near the top of the plot: y = 340 - 14 * 320 / 15 = 42 */
    assert_non_null(strstr(b.data, "V42H780\""));
    buf_release(&b);
}

static void test_large_values_round_ticks(void **state)
{
    struct coverage_point p[] = {{date_from_ymd(2009, 1, 1), 200, 317, 20}};
    struct buf b = BUF_INIT;
    (void)state;
    view_coverage_chart(&b, p, 1, date_from_ymd(2012, 1, 1));
    /* 0 to 350 every 50: eight grid lines */
    assert_int_equal(occurs(b.data, "<path stroke=\"#b1b4b6\""), 8);
    assert_non_null(strstr(b.data, "fill=\"#0b0c0c\">350</text>"));
    assert_non_null(strstr(b.data, "fill=\"#0b0c0c\">50</text>"));
    assert_null(strstr(b.data, "fill=\"#0b0c0c\">400</text>"));
    assert_null(strstr(b.data, "fill=\"#0b0c0c\">317</text>"));
    /* 317: y = 340 - 317 * 320 / 350 = 51, inside the plot (its top is 20) */
    assert_non_null(strstr(b.data, "d=\"M70 340V51H780\""));
    buf_release(&b);
}

static void test_chart_steps_and_table(void **state)
{
    struct coverage_point p[] = {{date_from_ymd(2010, 1, 1), 1, 10, 3},
                                 {date_from_ymd(2012, 1, 1), 2, 20, 0}};
    struct buf b = BUF_INIT;
    (void)state;
    view_coverage_chart(&b, p, 2, date_from_ymd(2014, 1, 1));
    /* 2010-01-01 at x 70, 2014-01-01 at 780; 2012-01-01 half way (730 of 1461 days); the axis
     * goes to 25 (20 the largest value): y 340 is 0, 10 is 340 - 10 * 320 / 25 = 212, 20 is 84 */
    assert_non_null(strstr(b.data, "d=\"M70 340V212H424L424 212V84H780\""));
    assert_non_null(strstr(b.data, "<title id=\"chart-title\">Step chart of authorities "
                                   "covered and active local Compacts from 1 January 2010 to "
                                   "1 January 2014"));
    assert_non_null(strstr(b.data, ">2013</text>"));
    /* the table: dates as people read them, and the authorities in development too */
    assert_non_null(strstr(b.data, "<th scope=\"row\" class=\"govuk-table__header\">1 January "
                                   "2012</th><td class=\"govuk-table__cell "
                                   "govuk-table__cell--numeric\">2</td><td "
                                   "class=\"govuk-table__cell govuk-table__cell--numeric\">20</td>"
                                   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">0"
                                   "</td>"));
    assert_non_null(strstr(b.data, ">In development</th>"));
    buf_reset(&b);
    view_coverage_chart(&b, NULL, 0, 0);
    assert_non_null(strstr(b.data, "No local Compact has a status"));
    assert_null(strstr(b.data, "<svg"));
    buf_release(&b);
}

/* The number after attr=" in the tag starting at tag (or def when it has none). */
static long attr_num(const char *tag, const char *end, const char *attr, long def)
{
    char key[32];
    const char *p;
    (void)snprintf(key, sizeof(key), " %s=\"", attr);
    p = strstr(tag, key);
    return p && p < end ? strtol(p + strlen(key), NULL, 10) : def;
}

/* The words of each <text> of svg, its lines (tspans) joined by spaces, into texts[*n]; and
 * whether every line, taken as letters CHART_FONT high and 0.6 of that wide, stays
 * inside the viewBox's width and height. */
static int texts_fit(const char *svg, char texts[][200], size_t *n, long *worst)
{
    long width = 0, height = 0;
    const char *vb = strstr(svg, "viewBox=\"0 0 ");
    const char *t = svg;
    int fit = 1;

    assert_non_null(vb);
    assert_int_equal(sscanf(vb, "viewBox=\"0 0 %ld %ld", &width, &height), 2);
    *n = 0;
    *worst = 0;
    while ((t = strstr(t, "<text ")) != NULL) {
        const char *close = strstr(t, "</text>");
        const char *tag_end = strchr(t, '>');
        const char *anchor = strstr(t, "text-anchor=\"");
        long tx = attr_num(t, tag_end, "x", 0), ty = attr_num(t, tag_end, "y", 0);
        int end_anchor = anchor && anchor < tag_end && !strncmp(anchor + 13, "end", 3);
        const char *p = tag_end + 1;
        char *out = texts[(*n)++];
        out[0] = '\0';
        assert_non_null(close);
        /* the lines: each tspan, or the text itself */
        while (p < close) {
            const char *ts = strstr(p, "<tspan");
            long x = tx, y = ty, chars = 0;
            const char *words = p, *words_end = close;
            if (ts && ts < close) {
                const char *ts_end = strchr(ts, '>');
                x = attr_num(ts, ts_end, "x", tx);
                y = attr_num(ts, ts_end, "y", ty);
                words = ts_end + 1;
                words_end = strstr(words, "</tspan>");
                p = words_end + 8;
            } else {
                p = close;
            }
            if (out[0]) {
                strcat(out, " ");
            }
            strncat(out, words, (size_t)(words_end - words));
            for (const char *c = words; c < words_end; c++) {
                chars += ((unsigned char)*c & 0xc0) != 0x80;
            }
            {
                long w = chars * CHART_FONT * CHART_CHAR_TENTHS / 10;
                long left = end_anchor ? x - w : x, right = end_anchor ? x : x + w;
                if (left < 0 || right > width || y > height || y < CHART_FONT) {
                    fit = 0;
                    *worst = left < 0 ? left : right - width;
                }
            }
        }
        t = close;
    }
    return fit;
}

static int has_text(char texts[][200], size_t n, const char *want)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(texts[i], want)) {
            return 1;
        }
    }
    return 0;
}

static void test_stacked_bars_labels_whole_and_inside(void **state)
{
    static const char *const rows[] = {
        "All respondents", "Voluntary and community sector",
        "Promoting the Compact more widely among the commissioners of every local public body "
        "and the voluntary groups they fund"};
    static const char *const segs[] = {"Strongly agree", "Neither agree nor disagree",
                                       "Monitoring that the Compact is kept, reported each year to "
                                       "the council and the voluntary sector forum"};
    const double shares[] = {0.5, 0.25, 0.25, 0.2, 0.3, 0.5, 0, 0, 0};
    char texts[64][200];
    size_t n;
    long worst;
    struct buf b = BUF_INIT;
    (void)state;

    view_stacked_bars(&b, "chart-1", "Answers by group", rows, 3, segs, 3, shares);
    assert_true(texts_fit(b.data, texts, &n, &worst) || (printf("over by %ld\n", worst), 0));
    for (size_t i = 0; i < 3; i++) {
        assert_true(has_text(texts, n, rows[i]) || (printf("missing: %s\n", rows[i]), 0));
        assert_true(has_text(texts, n, segs[i]) || (printf("missing: %s\n", segs[i]), 0));
    }
    /* the long ones take more than one line */
    assert_non_null(strstr(b.data, "<tspan x=\"10\" y=\""));
    assert_non_null(strstr(b.data, "Too few answers to show"));
    buf_release(&b);
}

static void test_wrap_at_spaces_and_cut_long_words(void **state)
{
    size_t starts[8], lens[8];
    /* 120 units is 10 letters of 12 (20 * 0.6) */
    size_t n = chart_wrap("one two three four", 120, starts, lens, 8);
    (void)state;
    assert_int_equal(n, 2);
    assert_int_equal(starts[0], 0);
    assert_int_equal(lens[0], 7); /* "one two" */
    assert_int_equal(starts[1], 8);
    assert_int_equal(lens[1], 10); /* "three four" */
    n = chart_wrap("abcdefghijklmnopqrstuvwxy", 120, starts, lens, 8);
    assert_int_equal(n, 3);
    assert_int_equal(lens[0], 10);
    assert_int_equal(lens[2], 5);
    assert_int_equal(chart_wrap("", 120, starts, lens, 8), 0);
    /* letters, not bytes: ten two-byte letters fit one line */
    assert_int_equal(chart_wrap("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                "\xc3\xa9\xc3\xa9",
                                120, starts, lens, 8),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_axis_round_steps_top_above_max),
        cmocka_unit_test(test_small_values_get_a_small_axis),
        cmocka_unit_test(test_large_values_round_ticks),
        cmocka_unit_test(test_chart_steps_and_table),
        cmocka_unit_test(test_stacked_bars_labels_whole_and_inside),
        cmocka_unit_test(test_wrap_at_spaces_and_cut_long_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
