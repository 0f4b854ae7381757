/* The signatory table and forms, checked as strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "view/page_signatories.h"

static const struct signatory rows[] = {
    {.id = 7,
     .compact_id = 3,
     .compact_name = "Trafford Compact",
     .org_ref = "GB CHC/1",
     .org_name = "Age <UK> Trafford",
     .role = "Chair & Trustee",
     .signed_on = 15431 /* 2012-04-01 */},
    {.id = 8,
     .compact_id = 4,
     .compact_name = "Bury Compact",
     .org_ref = "2",
     .org_name = "Trafford Council",
     .role = "Leader",
     .signed_on = 15431,
     .withdrawn_on = 15706 /* 2013-01-01 */},
};

static void test_table_per_compact(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    view_signatory_table(&b, rows, 2, SIGNATORIES_OF_COMPACT, "Who signed", 1);
    assert_non_null(strstr(b.data, ">Who signed</caption>"));
    assert_non_null(strstr(b.data, "<a class=\"govuk-link\" href=\"/organisations/GB%20CHC%2F1\">"
                                   "Age &lt;UK&gt; Trafford</a>"));
    assert_non_null(strstr(b.data, "<td class=\"govuk-table__cell\">Chair &amp; Trustee</td>"));
    assert_non_null(strstr(b.data, "1 April 2012"));
    assert_non_null(strstr(b.data, "<td class=\"govuk-table__cell\">1 January 2013</td>"));
    /* one Current tag and one Withdraw link: the withdrawn row has neither */
    assert_non_null(strstr(b.data, "govuk-tag--green\">Current</strong>"));
    assert_null(strstr(strstr(b.data, "Current") + 1, "Current"));
    assert_non_null(strstr(b.data, "href=\"/compacts/3/signatories/7/withdraw\">Withdraw"));
    assert_null(strstr(b.data, "/signatories/8/withdraw"));
    buf_release(&b);
}

static void test_table_per_organisation(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    view_signatory_table(&b, rows, 2, SIGNATORIES_OF_ORGANISATION, NULL, 0);
    assert_null(strstr(b.data, "<caption"));
    assert_non_null(strstr(b.data, ">Compact</th>"));
    assert_non_null(strstr(b.data, "href=\"/compacts/4\">Bury Compact</a>"));
    assert_null(strstr(b.data, "/organisations/"));
    assert_null(strstr(b.data, "withdraw"));
    buf_release(&b);
}

static void test_new_form_keeps_values_and_errors(void **state)
{
    struct buf b = BUF_INIT;
    const struct field_error errs[] = {{"signed_on", "Enter a real date"}};
    const struct signatory_form_view v = {.compact_id = 3,
                                          .compact_name = "Trafford Compact",
                                          .organisation = "GB-\"CHC",
                                          .role = "Chair",
                                          .date = {"31", "2", "2012"},
                                          .errors = errs,
                                          .nerrors = 1};
    const struct viewer who = {"Ada", "tok"};
    (void)state;
    view_signatory_new_page(&b, &v, &who);
    assert_non_null(strstr(b.data, "<title>Error: Add a signatory - Compact Hub</title>"));
    assert_non_null(strstr(b.data, "<a href=\"#signed_on\">Enter a real date</a>"));
    assert_non_null(strstr(b.data, "action=\"/compacts/3/signatories\""));
    assert_non_null(strstr(b.data, "name=\"csrf_token\" value=\"tok\""));
    assert_non_null(strstr(b.data, "value=\"GB-&quot;CHC\""));
    assert_non_null(strstr(b.data, "name=\"signed_on-day\" type=\"text\" inputmode=\"numeric\" "
                                   "value=\"31\""));
    assert_non_null(strstr(b.data, "aria-describedby=\"signed_on-hint signed_on-error\""));
    assert_non_null(
        strstr(b.data, "govuk-input--width-4 govuk-input--error\" id=\"signed_on-year"));
    assert_null(strstr(b.data, "organisation-error"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_per_compact),
        cmocka_unit_test(test_table_per_organisation),
        cmocka_unit_test(test_new_form_keeps_values_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
