/* Local Compacts in the core: the rules a register entry must keep, statuses and reviews. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/err.h"
#include "core/compact.h"

static date_t d(const char *s)
{
    date_t out;
    assert_int_equal(date_parse(s, strlen(s), &out), 0);
    return out;
}

static void test_url(void **state)
{
    static const struct {
        const char *url;
        int ok;
    } cases[] = {
        {"https://example.org/compact.pdf", 1},
        {"http://example.org", 1},
        {"ftp://example.org/x", 0},
        {"https://", 0},
        {"https:///path", 0},
        {"example.org/compact.pdf", 0},
        {"javascript:alert(1)", 0},
        {"https://example.org/a b", 0},
        {"https://example.org/\"x", 0},
        {"HTTPS://example.org", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(compact_url_is_valid(cases[i].url), cases[i].ok);
    }
    {
        char long_url[COMPACT_URL_MAX + 2];
        memcpy(long_url, "https://", 8);
        memset(long_url + 8, 'a', sizeof(long_url) - 9);
        long_url[sizeof(long_url) - 1] = '\0';
        assert_false(compact_url_is_valid(long_url));
        long_url[COMPACT_URL_MAX] = '\0';
        assert_true(compact_url_is_valid(long_url));
    }
}

/* Run compact_details_check and return the field it names, or "" when it passes. */
static const char *check(const char *name, const char *adopted, const char *refreshed,
                         const char *due, const char *url, const struct compact_contact *k,
                         size_t nk, const struct compact_code *c, size_t nc, struct arena *a)
{
    const char *field = "unset", *why = "unset";
    int ret = compact_details_check(name, adopted ? d(adopted) : 0, refreshed ? d(refreshed) : 0,
                                    due ? d(due) : 0, url, k, nk, c, nc, a, &field, &why);
    if (ret == 0) {
        assert_null(field);
        return "";
    }
    assert_int_equal(ret, ERR_INVALID);
    assert_non_null(why);
    return field;
}

static void test_details(void **state)
{
    static const struct compact_contact good[] = {{"Alex", "Coordinator", "alex@example.org", NULL},
                                                  {"Sam", NULL, NULL, "0161 000 0000"}};
    static const struct compact_contact bad_email[] = {{"Alex", NULL, "alex@example.org", NULL},
                                                       {"Sam", NULL, "not an email", NULL}};
    static const struct compact_contact no_name[] = {{NULL, "Role", NULL, NULL}};
    static const struct compact_code codes[] = {{0, "Funding", NULL, "ftp://x"}};
    static const struct compact_code untitled[] = {{0, "Funding", NULL, NULL}, {0, "", NULL, NULL}};
    struct arena a;
    char long_name[COMPACT_NAME_MAX + 2];

    (void)state;
    arena_init(&a);
    memset(long_name, 'x', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    assert_string_equal(check("Trafford Compact", "2010-04-01", "2014-04-01", "2020-04-01",
                              "https://example.org/t.pdf", good, 2, NULL, 0, &a),
                        "");
    /* the review may be due up to six years after the later of adopted and refreshed */
    assert_string_equal(
        check("T", "2010-04-01", "2014-04-01", "2020-04-02", NULL, NULL, 0, NULL, 0, &a),
        "review_due");
    assert_string_equal(check("T", "2010-04-01", NULL, "2016-04-01", NULL, NULL, 0, NULL, 0, &a),
                        "");
    assert_string_equal(check("T", "2010-04-01", NULL, "2016-04-02", NULL, NULL, 0, NULL, 0, &a),
                        "review_due");
    /* any review date when neither is known */
    assert_string_equal(check("T", NULL, NULL, "2099-01-01", NULL, NULL, 0, NULL, 0, &a), "");
    assert_string_equal(check("T", "2014-04-01", "2010-04-01", NULL, NULL, NULL, 0, NULL, 0, &a),
                        "refreshed");
    assert_string_equal(check("", NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, &a), "name");
    assert_string_equal(check(long_name, NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, &a), "name");
    assert_string_equal(check("T", NULL, NULL, NULL, "www.example.org", NULL, 0, NULL, 0, &a),
                        "document_url");
    assert_string_equal(check("T", NULL, NULL, NULL, NULL, bad_email, 2, NULL, 0, &a),
                        "contacts.1.email");
    assert_string_equal(check("T", NULL, NULL, NULL, NULL, no_name, 1, NULL, 0, &a),
                        "contacts.0.name");
    assert_string_equal(check("T", NULL, NULL, NULL, NULL, NULL, 0, codes, 1, &a), "codes.0.url");
    assert_string_equal(check("T", NULL, NULL, NULL, NULL, NULL, 0, untitled, 2, &a),
                        "codes.1.title");
    arena_release(&a);
}

/* A Compact may set any parameter, weaker ones too, but not notice below the national 3. */
static void test_params(void **state)
{
    static const struct {
        enum param p;
        int value;
        const char *field; /* refused naming it, or NULL */
    } cases[] = {
        {PARAM_NOTICE_MONTHS, 2, "notice_months"},
        {PARAM_NOTICE_MONTHS, 0, "notice_months"},
        {PARAM_NOTICE_MONTHS, 3, NULL},
        {PARAM_NOTICE_MONTHS, 12, NULL},
        {PARAM_CONSULTATION_WEEKS, 0, NULL},
        {PARAM_CONSULTATION_WEEKS, 8, NULL},
        {PARAM_FEEDBACK_WEEKS, 52, NULL},
        {PARAM_MIN_FUNDING_MONTHS, 1, NULL},
        {PARAM_MIN_TENDER_DAYS, 0, NULL},
        {PARAM_MIN_TENDER_DAYS, 3661, "min_tender_days"},
        {PARAM_CONSULTATION_WEEKS, -1, "consultation_weeks"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct param_set ps;
        const char *field = "x", *why = "x";
        memset(&ps, 0, sizeof(ps));
        ps.set[cases[i].p] = 1;
        ps.value[cases[i].p] = cases[i].value;
        if (!cases[i].field) {
            assert_int_equal(compact_params_check(&ps, &field, &why), 0);
            assert_null(field);
            assert_null(why);
            continue;
        }
        assert_int_equal(compact_params_check(&ps, &field, &why), ERR_INVALID);
        assert_string_equal(field, cases[i].field);
        assert_non_null(why);
    }
    {
        struct param_set ps;
        const char *field, *why;
        memset(&ps, 0, sizeof(ps));
        ps.value[PARAM_NOTICE_MONTHS] = 1; /* not set: not checked */
        assert_int_equal(compact_params_check(&ps, &field, &why), 0);
        ps.set[PARAM_NOTICE_MONTHS] = 1;
        assert_int_equal(compact_params_check(&ps, &field, &why), ERR_INVALID);
        assert_non_null(strstr(why, "must be 3 or more"));
    }
}

static void test_status_order(void **state)
{
    const struct status_change h[] = {{d("2009-01-01"), COMPACT_IN_DEVELOPMENT},
                                      {d("2010-06-01"), COMPACT_ACTIVE}};
    (void)state;
    assert_int_equal(compact_status_check(h, 0, d("1999-01-01")), 0);
    assert_int_equal(compact_status_check(h, 2, d("2010-06-02")), 0);
    assert_int_equal(compact_status_check(h, 2, d("2010-06-01")), ERR_INVALID);
    assert_int_equal(compact_status_check(h, 2, d("2009-06-01")), ERR_INVALID);
}

static void test_review(void **state)
{
    (void)state;
    /* six years on from 29 February is 28 February (never a leap year) */
    assert_int_equal(compact_review_due(d("2012-02-29"), 0, 0), d("2018-02-28"));
    assert_int_equal(compact_review_due(d("2010-04-01"), d("2013-05-02"), 0), d("2019-05-02"));
    assert_int_equal(compact_review_due(d("2010-04-01"), 0, d("2012-01-01")), d("2012-01-01"));
    assert_int_equal(compact_review_due(0, 0, 0), 0);
    assert_true(compact_review_overdue(d("2018-02-28"), d("2018-03-01"), COMPACT_ACTIVE));
    assert_true(compact_review_overdue(d("2018-02-28"), d("2018-03-01"), -1));
    assert_false(compact_review_overdue(d("2018-02-28"), d("2018-02-28"), COMPACT_ACTIVE));
    assert_false(compact_review_overdue(d("2018-02-28"), d("2020-01-01"), COMPACT_INACTIVE));
    assert_false(compact_review_overdue(0, d("2020-01-01"), COMPACT_ACTIVE));
}

static void test_state_on(void **state)
{
    const struct status_change h[] = {{d("2009-01-01"), COMPACT_IN_DEVELOPMENT},
                                      {d("2010-06-01"), COMPACT_ACTIVE},
                                      {d("2016-01-01"), COMPACT_INACTIVE}};
    struct compact_entry e = {.statuses = h, .nstatuses = 3, .adopted = d("2010-06-01")};
    struct compact_state s;

    (void)state;
    compact_state_on(&e, d("2008-12-31"), &s);
    assert_int_equal(s.status, -1);
    assert_int_equal(s.since, 0);
    compact_state_on(&e, d("2012-01-01"), &s);
    assert_int_equal(s.status, COMPACT_ACTIVE);
    assert_int_equal(s.since, d("2010-06-01"));
    assert_int_equal(s.review_due, d("2016-06-01"));
    assert_false(s.review_overdue);
    compact_state_on(&e, d("2015-12-31"), &s);
    assert_false(s.review_overdue);
    compact_state_on(&e, d("2016-06-02"), &s);
    assert_int_equal(s.status, COMPACT_INACTIVE);
    assert_false(s.review_overdue); /* an inactive Compact is not reviewed */
    e.nstatuses = 2;
    compact_state_on(&e, d("2016-06-02"), &s);
    assert_true(s.review_overdue);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url),          cmocka_unit_test(test_details),
        cmocka_unit_test(test_status_order), cmocka_unit_test(test_review),
        cmocka_unit_test(test_state_on),     cmocka_unit_test(test_params),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
