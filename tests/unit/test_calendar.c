/* Working days of England and Wales over the shipped bank holidays, 2010-2030. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "calendar_fixture.h"
#include "base/err.h"

static void test_data_covers_2010_to_2030(void **state)
{
    int n2012 = 0;
    (void)state;
    assert_int_equal(cal.first, d("2010-01-01"));
    assert_int_equal(cal.last, d("2030-12-31"));
    assert_true(cal.n >= 21 * 8);
    for (date_t x = d("2012-01-01"); x <= d("2012-12-31"); x++) {
        n2012 += calendar_is_holiday(&cal, x);
    }
    assert_int_equal(n2012, 9); /* eight, and the Diamond Jubilee */
}

static void test_special_days(void **state)
{
    static const char *const holidays[] = {"2011-04-29", "2012-06-04", "2012-06-05", "2020-05-08",
                                           "2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08",
                                           "2022-12-27", "2021-12-28", "2026-12-28"};
    static const char *const not_holidays[] = {"2012-05-28", "2020-05-04", "2022-05-30",
                                               "2026-12-26", "2022-12-25"};
    (void)state;
    for (size_t i = 0; i < sizeof(holidays) / sizeof(holidays[0]); i++) {
        assert_true(calendar_is_holiday(&cal, d(holidays[i])));
        assert_false(calendar_is_working_day(&cal, d(holidays[i])));
    }
    for (size_t i = 0; i < sizeof(not_holidays) / sizeof(not_holidays[0]); i++) {
        assert_false(calendar_is_holiday(&cal, d(not_holidays[i])));
    }
}

static void test_weekends(void **state)
{
    (void)state;
    assert_true(calendar_is_weekend(d("2012-06-02")));  /* Saturday */
    assert_true(calendar_is_weekend(d("2012-06-03")));  /* Sunday */
    assert_false(calendar_is_weekend(d("2012-06-01"))); /* Friday */
    assert_false(calendar_is_weekend(d("1970-01-01"))); /* Thursday */
    assert_true(calendar_is_weekend(d("1969-12-28")));  /* Sunday, before day 0 */
    assert_true(calendar_is_working_day(&cal, d("2026-11-25")));
}

static void test_add_working_days(void **state)
{
    static const struct {
        const char *from;
        int n;
        const char *to;
    } cases[] = {
        {"2012-06-01", 1, "2012-06-06"}, /* over a weekend and the two June holidays */
        {"2022-12-23", 1, "2022-12-28"}, /* over Christmas with substitute days */
        {"2022-12-23", 2, "2022-12-29"},  {"2026-11-25", 0, "2026-11-25"},
        {"2026-11-25", 5, "2026-12-02"},  {"2012-04-05", 1, "2012-04-10"}, /* Easter 2012 */
        {"2026-12-21", 20, "2027-01-21"}, /* Christmas, Boxing (substitute), New Year */
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        date_t out;
        char s[DATE_STRLEN + 1];
        assert_int_equal(calendar_add_working_days(&cal, d(cases[i].from), cases[i].n, &out), 0);
        date_format(out, s);
        assert_string_equal(s, cases[i].to);
        assert_int_equal(calendar_working_days_between(&cal, d(cases[i].from), out), cases[i].n);
    }
}

static void test_outside_the_data(void **state)
{
    date_t out = 1;
    (void)state;
    assert_int_equal(calendar_add_working_days(&cal, d("2030-12-30"), 5, &out), ERR_INVALID);
    assert_int_equal(out, 0);
    assert_int_equal(calendar_add_working_days(&cal, d("2009-06-01"), 1, &out), ERR_INVALID);
    assert_int_equal(calendar_add_working_days(&cal, d("2012-06-01"), -1, &out), ERR_INVALID);
}

/* Working days between two dates, counted by weeks, equal to counting them one by one. */
static void test_working_days_between(void **state)
{
    (void)state;
    for (date_t from = d("2012-12-01"); from < d("2013-01-15"); from += 3) {
        int n = 0;
        for (date_t to = from; to < from + 800; to++) {
            n += to > from && calendar_is_working_day(&cal, to);
            assert_int_equal(calendar_working_days_between(&cal, from, to), n);
        }
    }
    assert_int_equal(calendar_working_days_between(&cal, d("2013-01-10"), d("2013-01-01")), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_data_covers_2010_to_2030),
        cmocka_unit_test(test_special_days),
        cmocka_unit_test(test_weekends),
        cmocka_unit_test(test_add_working_days),
        cmocka_unit_test(test_outside_the_data),
        cmocka_unit_test(test_working_days_between),
    };
    return cmocka_run_group_tests(tests, calendar_setup, calendar_teardown);
}
