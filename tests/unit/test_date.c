/* Dates: strict parsing, formatting, and the calendar arithmetic of SPEC section 5. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/err.h"

static date_t d(const char *s)
{
    date_t out;
    assert_int_equal(date_parse(s, strlen(s), &out), 0);
    return out;
}

static void test_parse_accepts_real_days(void **state)
{
    static const char *const good[] = {"2012-02-29", "2000-02-29", "2011-12-31", "1970-01-01",
                                       "1999-01-31", "2024-02-29", "9999-12-31", "1000-01-01"};
    (void)state;
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        char back[DATE_STRLEN + 1];
        date_format(d(good[i]), back);
        assert_string_equal(back, good[i]);
    }
}

static void test_parse_refuses_the_rest(void **state)
{
    static const char *const bad[] = {
        "2012-02-30", "2011-02-29", "1900-02-29",       "2012-13-01",  "2012-00-10",
        "2012-01-00", "2012-04-31", "02/01/2012",       "2012-1-01",   "2012-01-1",
        "20120101",   "",           "2012-01-01T00:00", " 2012-01-01", "2012-01-01 ",
        "2012/01/01", "0999-12-31", "+012-01-01",       "2012-0a-01"};
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        date_t out = 123;
        assert_int_equal(date_parse(bad[i], strlen(bad[i]), &out), ERR_INVALID);
        assert_int_equal(out, 0);
    }
}

static void test_epoch_and_known_days(void **state)
{
    (void)state;
    assert_int_equal(d("1970-01-01"), 0);
    assert_int_equal(d("1970-01-02"), 1);
    assert_int_equal(d("1969-12-31"), -1);
    assert_int_equal(d("2000-03-01") - d("2000-02-28"), 2); /* 2000 was a leap year */
    assert_int_equal(d("1900-03-01") - d("1900-02-28"), 1); /* 1900 was not */
    assert_int_equal(d("2013-01-01") - d("2012-01-01"), 366);
}

static void test_add_months_table(void **state)
{
    static const struct {
        const char *from;
        int months;
        const char *to;
    } cases[] = {
        {"2012-02-01", 3, "2012-05-01"}, /* SPEC's worked example */
        {"2012-11-30", 3, "2013-02-28"}, /* month end, common year */
        {"2011-11-30", 3, "2012-02-29"}, /* month end, leap year */
        {"2012-01-31", 1, "2012-02-29"},  {"2013-01-31", 1, "2013-02-28"},
        {"2012-03-31", 1, "2012-04-30"},  {"2012-08-31", 6, "2013-02-28"},
        {"2012-02-29", 12, "2013-02-28"}, {"2012-02-29", 48, "2016-02-29"},
        {"2012-12-15", 1, "2013-01-15"},  {"2012-01-15", 36, "2015-01-15"},
        {"2012-05-31", -3, "2012-02-29"}, {"2013-03-31", -1, "2013-02-28"},
        {"2012-01-10", -1, "2011-12-10"}, {"2012-06-01", 0, "2012-06-01"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[DATE_STRLEN + 1];
        date_format(date_add_months(d(cases[i].from), cases[i].months), out);
        assert_string_equal(out, cases[i].to);
    }
}

static void test_add_weeks(void **state)
{
    char out[DATE_STRLEN + 1];
    (void)state;
    date_format(date_add_weeks(d("2012-01-01"), 12), out);
    assert_string_equal(out, "2012-03-25"); /* 84 days, across a 29 February */
    date_format(date_add_weeks(d("2011-01-01"), 12), out);
    assert_string_equal(out, "2011-03-26");
}

/* GOV.UK style: the day without a leading zero, the month in full. */
static void test_format_long(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"2027-01-15", "15 January 2027"}, {"2012-02-29", "29 February 2012"},
        {"1000-01-01", "1 January 1000"},  {"9999-09-30", "30 September 9999"},
        {"2010-12-05", "5 December 2010"},
    };
    char out[DATE_LONG_MAX + 1];
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        date_format_long(d(cases[i].in), out);
        assert_string_equal(out, cases[i].out);
    }
}

/* A month and its year, as the compliance page heads its months. */
static void test_format_month(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"2026-12-02", "December 2026"},
        {"2012-02-29", "February 2012"},
        {"9999-09-30", "September 9999"},
        {"1000-01-01", "January 1000"},
    };
    char out[DATE_MONTH_MAX + 1];
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        date_format_month(d(cases[i].in), out);
        assert_string_equal(out, cases[i].out);
    }
}

static void test_round_trip_every_day_of_four_centuries(void **state)
{
    (void)state;
    for (date_t x = d("1900-01-01"); x <= d("2300-12-31"); x++) {
        int y, m, day;
        date_to_ymd(x, &y, &m, &day);
        assert_true(m >= 1 && m <= 12 && day >= 1 && day <= date_days_in_month(y, m));
        assert_int_equal(date_from_ymd(y, m, day), x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_accepts_real_days),
        cmocka_unit_test(test_parse_refuses_the_rest),
        cmocka_unit_test(test_epoch_and_known_days),
        cmocka_unit_test(test_add_months_table),
        cmocka_unit_test(test_add_weeks),
        cmocka_unit_test(test_format_long),
        cmocka_unit_test(test_format_month),
        cmocka_unit_test(test_round_trip_every_day_of_four_centuries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
