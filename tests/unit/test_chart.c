/* Charts: the y axis fits the values drawn (round steps, the top just above the largest), for
 * small and large values; the step chart of coverage over time and its table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_axis_round_steps_top_above_max),
        cmocka_unit_test(test_small_values_get_a_small_axis),
        cmocka_unit_test(test_large_values_round_ticks),
        cmocka_unit_test(test_chart_steps_and_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
