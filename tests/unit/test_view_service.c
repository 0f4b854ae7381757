/* The pages every public service has, the verdicts page and the commitments' "not yet verified"
 * inset, as strings: what they say comes from the code's own values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "view/page_commitments.h"
#include "view/page_service.h"
#include "view/page_verdicts.h"

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

static const struct commitment_row rows[] = {
    {1, "1.1", 1, "A strong civil society", PARTY_PUBLIC_BODIES, "Respect independence", 1, NULL},
    {2, "2.2", 2, "Policies", PARTY_PUBLIC_BODIES, "Involve early", 0, NULL},
    {3, "2.4", 2, "Policies", PARTY_PUBLIC_BODIES, "Consult for 12 weeks", 0, NULL},
    {4, "3.4", 3, "Services", PARTY_PUBLIC_BODIES, "Multi-year funding", 0, NULL},
    {5, "3.7", 3, "Services", PARTY_PUBLIC_BODIES, "Full cost recovery", 1, NULL},
};

static void test_commitments_say_once_which_numbers_are_unverified(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    view_commitments_page(&b, rows, 5, NULL);
    /* a whole section by its number, a lone number as itself; no tag on any row */
    assert_non_null(strstr(b.data, "<div class=\"govuk-inset-text\">The commitment numbers in "
                                   "section 2 and 3.4 have not yet been checked"));
    assert_int_equal(count_of(b.data, "govuk-tag--yellow"), 0);
    assert_int_equal(count_of(b.data, "Number not yet verified"), 1);
    buf_reset(&b);
    /* a section page wholly unverified; one number alone */
    view_commitment_section_page(&b, 2, "Policies", rows + 1, 2, NULL);
    assert_non_null(strstr(b.data, "The commitment numbers on this page have not yet"));
    buf_reset(&b);
    view_commitment_section_page(&b, 3, "Services", rows + 3, 2, NULL);
    assert_non_null(strstr(b.data, "The commitment number 3.4 has not yet"));
    buf_reset(&b);
    /* all verified: no inset */
    view_commitments_page(&b, rows, 1, NULL);
    assert_null(strstr(b.data, "govuk-inset-text"));
    /* the commitment's own page keeps its tag */
    buf_reset(&b);
    view_commitment_page(&b, &rows[3], NULL);
    assert_non_null(strstr(b.data, "Number not yet verified</strong>"));
    buf_release(&b);
}

static const struct service_facts facts = {.session_cookie = "compact_session",
                                           .device_cookie = "compact_device",
                                           .session_max = 12 * 3600,
                                           .session_idle = 1800,
                                           .device_max_age = 365LL * 24 * 3600,
                                           .login_window = 24 * 3600};

static void test_cookies_and_privacy_say_what_the_code_sets(void **state)
{
    struct buf b = BUF_INIT;
    struct service_facts f = facts;
    (void)state;
    view_cookies_page(&b, &f, NULL);
    assert_non_null(strstr(b.data, "<h3 class=\"govuk-heading-s\"><code class=\"app-code\">"
                                   "compact_session</code></h3>"));
    assert_non_null(strstr(b.data, "12 hours after you sign in, or sooner when unused for 30 "
                                   "minutes"));
    assert_non_null(strstr(b.data, "compact_device"));
    assert_non_null(strstr(b.data, "1 year"));
    assert_non_null(strstr(b.data, "no analytics"));
    buf_reset(&b);
    view_privacy_page(&b, &f, NULL);
    assert_non_null(strstr(b.data, "The organisation that runs this service is the data "
                                   "controller"));
    assert_non_null(strstr(b.data, "a failed sign-in: 1 day"));
    assert_non_null(strstr(b.data, "after 30 minutes unused, or at most 12 hours"));
    /* the operator and address as configured, escaped */
    f.operator_name = "Leeds <CVS> & Council";
    f.contact_email = "hub@example.org";
    buf_reset(&b);
    view_contact_page(&b, &f, NULL);
    assert_non_null(strstr(b.data, "run by Leeds &lt;CVS&gt; &amp; Council. Email <a "
                                   "class=\"govuk-link\" href=\"mailto:hub@example.org\">"));
    buf_reset(&b);
    view_accessibility_page(&b, &f, NULL);
    assert_non_null(strstr(b.data, "Leeds &lt;CVS&gt; &amp; Council is committed"));
    assert_non_null(strstr(b.data, "Equality and Human Rights Commission (EHRC)"));
    assert_non_null(strstr(b.data, "partially compliant"));
    assert_null(strstr(b.data, "<CVS>"));
    buf_release(&b);
}

static void test_durations(void **state)
{
    static const struct {
        long long s;
        const char *want;
    } cases[] = {{1, "1 second"},      {90, "90 seconds"},  {60, "1 minute"}, {1800, "30 minutes"},
                 {3600, "1 hour"},     {43200, "12 hours"}, {86400, "1 day"}, {604800, "7 days"},
                 {31536000, "1 year"}, {0, "0 seconds"}};
    struct buf b = BUF_INIT;
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        buf_reset(&b);
        duration_phrase(&b, cases[i].s);
        assert_string_equal(b.data, cases[i].want);
    }
    buf_release(&b);
}

static void test_verdicts_each_once_worst_first(void **state)
{
    static const char *const codes[] = {"breach", "unknown", "pending", "justified", "met"};
    struct buf b = BUF_INIT;
    const char *last;
    (void)state;
    view_verdicts_page(&b, NULL);
    last = b.data;
    for (size_t i = 0; i < 5; i++) {
        char id[32], code[40];
        snprintf(id, sizeof(id), "id=\"%s\"", codes[i]);
        snprintf(code, sizeof(code), "<code>%s</code>", codes[i]);
        assert_non_null(strstr(last, id));
        last = strstr(last, id);
        assert_non_null(strstr(last, code));
    }
    assert_non_null(strstr(b.data, "no reason excuses shorter notice"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commitments_say_once_which_numbers_are_unverified),
        cmocka_unit_test(test_cookies_and_privacy_say_what_the_code_sets),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_verdicts_each_once_worst_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
