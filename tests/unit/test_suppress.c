/* Small-number suppression shared by the indicators and the complaint statistics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/suppress.h"

static void test_count(void **state)
{
    (void)state;
    assert_false(suppress_count(0)); /* zeros are shown */
    assert_true(suppress_count(1));
    assert_true(suppress_count(4));
    assert_false(suppress_count(5));
    assert_false(suppress_count(1000));
}

static void test_share(void **state)
{
    (void)state;
    assert_true(suppress_share(9, SUPPRESS_SHARE_MIN_BASE));
    assert_false(suppress_share(10, SUPPRESS_SHARE_MIN_BASE));
    assert_true(suppress_share(0, SUPPRESS_SHARE_MIN_BASE));
    assert_true(suppress_share(2, 3));
    assert_false(suppress_share(3, 3));
}

/* Breakdowns as data: the counts, and which cells are hidden. */
static void test_breakdown(void **state)
{
    static const struct {
        size_t n[5];
        size_t count;
        int hidden[5];
        size_t nhidden;
    } cases[] = {
        {{0, 4, 7, 12}, 4, {0, 1, 1, 0}, 2}, /* one under 5: the smallest other (7) too */
        {{3, 4, 9}, 3, {1, 1, 0}, 2},        /* two under 5: no more */
        {{5, 5, 5}, 3, {0, 0, 0}, 0},        /* at the threshold: shown */
        {{0, 0, 3}, 3, {0, 0, 1}, 1},        /* no other non-zero cell */
        {{4, 6, 6}, 3, {1, 1, 0}, 2},        /* equals: the first */
        {{9, 6, 0, 2}, 4, {0, 1, 0, 1}, 2},  /* a zero is never the one chosen */
        {{0, 0, 0}, 3, {0, 0, 0}, 0},        /* all zeros: shown */
        {{1, 2, 3, 4, 100}, 5, {1, 1, 1, 1, 0}, 4},
        {{5}, 1, {0}, 0},
        {{2}, 1, {1}, 1},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int hidden[5] = {-1, -1, -1, -1, -1};
        assert_int_equal(suppress_breakdown(cases[i].n, cases[i].count, hidden), cases[i].nhidden);
        for (size_t j = 0; j < cases[i].count; j++) {
            assert_int_equal(hidden[j], cases[i].hidden[j]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_share),
        cmocka_unit_test(test_breakdown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
