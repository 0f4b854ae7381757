/* Normalising open data values: dates, yes/no answers, amounts, org-ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/norm.h"
#include "core/opendata.h"
#include "base/err.h"

static void test_dates(void **state)
{
    static const struct {
        const char *in;
        unsigned flags;
        int ret;
        const char *out;
        int quirk;
    } cases[] = {
        {"2013-01-18", 0, 0, "2013-01-18", 0},
        {"2015-06-01T00:00:00+00:00", 0, 0, "2015-06-01", 0},
        {"2025-01-23T22:10:19Z", 0, 0, "2025-01-23", 0},
        {"2024-12-21T12:00:00.123Z", 0, 0, "2024-12-21", 0},
        {"2025-04-23T23:59:59+01:00", 0, 0, "2025-04-23", 0},
        {"2025-04-23T23:59", 0, 0, "2025-04-23", 0},
        {"18/01/2013", 0, 0, "2013-01-18", 1},
        {"1/2/2012", 0, 0, "2012-02-01", 1},
        {"29/02/2012", 0, 0, "2012-02-29", 1},
        {"29/02/2013", 0, ERR_INVALID, "", 0},
        {"2013-02-29", 0, ERR_INVALID, "", 0},
        {"2013-01-18T", 0, ERR_INVALID, "", 0},
        {"2013-01-18 10:00", 0, ERR_INVALID, "", 0},
        {"2013-01-18T25:00", 0, ERR_INVALID, "", 0},
        {"2013-01-18T10:00+0100", 0, ERR_INVALID, "", 0},
        {"18/01/13", 0, ERR_INVALID, "", 0},
        {"123/01/2013", 0, ERR_INVALID, "", 0},
        {"01/13/2013", 0, ERR_INVALID, "", 0},
        {"2013", 0, ERR_INVALID, "", 0},
        {"2013", NORM_PARTIAL, 0, "2013", 0},
        {"2013-07", NORM_PARTIAL, 0, "2013-07", 0},
        {"2013-13", NORM_PARTIAL, ERR_INVALID, "", 0},
        {"", 0, ERR_INVALID, "", 0},
        {"yesterday", 0, ERR_INVALID, "", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[DATE_STRLEN + 1];
        int quirk = -1;
        int ret = norm_date(cases[i].in, strlen(cases[i].in), cases[i].flags, out, &quirk);
        if (ret != cases[i].ret || strcmp(out, cases[i].out) != 0 || quirk != cases[i].quirk) {
            print_error("'%s': got %d '%s' %d\n", cases[i].in, ret, out, quirk);
            fail();
        }
    }
}

static void test_yesno(void **state)
{
    static const struct {
        const char *in;
        int ret, value, quirk;
    } cases[] = {
        {"Yes", 0, 1, 0},
        {"No", 0, 0, 0},
        {"Y", 0, 1, 1},
        {"n", 0, 0, 1},
        {"YES", 0, 1, 1},
        {"true", 0, 1, 1},
        {"False", 0, 0, 1},
        {"", ERR_INVALID, 0, 0},
        {"Yes ", ERR_INVALID, 0, 0},
        {"maybe", ERR_INVALID, 0, 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int value = -1, quirk = -1;
        int ret = norm_yesno(cases[i].in, strlen(cases[i].in), &value, &quirk);
        if (ret != cases[i].ret || value != cases[i].value || quirk != cases[i].quirk) {
            print_error("'%s': got %d %d %d\n", cases[i].in, ret, value, quirk);
            fail();
        }
    }
}

static void test_amounts(void **state)
{
    static const struct {
        const char *in;
        int ret;
        long long pence;
    } cases[] = {
        {"2266", 0, 226600},
        {"3028.63", 0, 302863},
        {"3028.6", 0, 302860},
        {"3028.600", 0, 302860},
        {"1,234,567.89", 0, 123456789},
        {"-50", 0, -5000},
        {"0", 0, 0},
        {"3028.631", ERR_INVALID, 0},
        {"1,23", ERR_INVALID, 0},
        {"1234,567", ERR_INVALID, 0},
        {",123", ERR_INVALID, 0},
        {"12.", ERR_INVALID, 0},
        {".5", ERR_INVALID, 0},
        {"£12", ERR_INVALID, 0},
        {"12 ", ERR_INVALID, 0},
        {"", ERR_INVALID, 0},
        {"-", ERR_INVALID, 0},
        {"99999999999999999999", ERR_INVALID, 0},
    };
    int64_t pence;
    char text[32];
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int ret = norm_amount_text(cases[i].in, strlen(cases[i].in), &pence);
        if (ret != cases[i].ret || pence != cases[i].pence) {
            print_error("'%s': got %d %lld\n", cases[i].in, ret, (long long)pence);
            fail();
        }
    }
    assert_int_equal(norm_amount_number(3028.63, &pence), 0);
    assert_int_equal(pence, 302863);
    assert_int_equal(norm_amount_number(-0.015, &pence), 0);
    assert_int_equal(pence, -2);
    assert_int_equal(norm_amount_number(1e300, &pence), ERR_INVALID);
    assert_int_equal(pence, 0);
    norm_amount_format(302863, text);
    assert_string_equal(text, "3028.63");
    norm_amount_format(-5, text);
    assert_string_equal(text, "-0.05");
    norm_amount_format(INT64_MIN, text);
    assert_string_equal(text, "-92233720368547758.08");
    assert_true(norm_currency_valid("GBP"));
    assert_false(norm_currency_valid("gbp"));
    assert_false(norm_currency_valid("GBPX"));
    assert_false(norm_currency_valid(NULL));
}

static void test_orgid_schemes(void **state)
{
    (void)state;
    assert_int_equal(orgid_scheme("GB-LAE-TRF"), ORGID_LAE);
    assert_int_equal(orgid_scheme("gb-lae-trf"), ORGID_LAE);
    assert_int_equal(orgid_scheme("GB-CHC-1159982"), ORGID_CHC);
    assert_int_equal(orgid_scheme("GB-CHC-200051"), ORGID_CHC);
    assert_int_equal(orgid_scheme("GB-CHC-11599A"), ORGID_NONE);
    assert_int_equal(orgid_scheme("GB-COH-IP28755R"), ORGID_COH);
    assert_int_equal(orgid_scheme("GB-COH-01234567"), ORGID_COH);
    assert_int_equal(orgid_scheme("GB-COH-NA"), ORGID_NONE);
    assert_int_equal(orgid_scheme("GB-COH-n/a"), ORGID_NONE);
    assert_int_equal(orgid_scheme("360G-trafford-be_active"), ORGID_NONE);
    assert_int_equal(orgid_scheme("GB-CFS-18525"), ORGID_NONE);
    assert_int_equal(orgid_scheme("GB-SC-SC022910"), ORGID_NONE);
    assert_int_equal(orgid_scheme(NULL), ORGID_NONE);
    /* the register's rule: a company number is 8 characters here too */
    assert_int_equal(orgid_scheme("GB-COH-4013122"), ORGID_NONE);
    assert_int_equal(orgid_scheme("GB-COH-458577871"), ORGID_NONE);
    assert_int_equal(orgid_scheme("GB-LAE-TRFD"), ORGID_NONE);
    assert_int_equal(orgid_scheme("gb-coh-sc123456"), ORGID_COH);
}

static void test_orgid_linked_is_the_registers_form(void **state)
{
    char form[ORG_ID_MAX + 1];
    (void)state;
    assert_int_equal(orgid_linked("gb-coh-ip28755r", form), ORGID_COH);
    assert_string_equal(form, "GB-COH-IP28755R");
    assert_int_equal(orgid_linked("Gb-Lae-trf", form), ORGID_LAE);
    assert_string_equal(form, "GB-LAE-TRF");
    assert_int_equal(orgid_linked("GB-CHC-200051", form), ORGID_CHC);
    assert_string_equal(form, "GB-CHC-200051");
    assert_int_equal(orgid_linked("GB-COH-n/a", form), ORGID_NONE);
    assert_string_equal(form, "");
    assert_int_equal(orgid_linked(NULL, form), ORGID_NONE);
    assert_string_equal(form, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_yesno),
        cmocka_unit_test(test_amounts),
        cmocka_unit_test(test_orgid_schemes),
        cmocka_unit_test(test_orgid_linked_is_the_registers_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
