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
    assert_non_null(
        strstr(b.data, "<td class=\"govuk-table__cell\">Withdrawn on 1 January 2013</td>"));
    /* one "Still signed" tag and one Withdraw link: the withdrawn row has neither */
    assert_non_null(strstr(b.data, "govuk-tag--green\">Still signed</strong>"));
    assert_null(strstr(strstr(b.data, "Still signed") + 1, "Still signed"));
    assert_null(strstr(b.data, "Current"));
    assert_non_null(strstr(b.data, "href=\"/compacts/3/signatories/7/withdraw\">Withdraw"));
    /* under its "Still signed" tag, in the status column: no fifth column to scroll to */
    assert_non_null(strstr(b.data, "Still signed</strong><br><a class=\"govuk-link\" "
                                   "href=\"/compacts/3/signatories/7/withdraw\">"));
    assert_null(strstr(b.data, ">Action</th>"));
    assert_null(strstr(b.data, "/signatories/8/withdraw"));
    buf_release(&b);
}

static void test_table_per_organisation(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    view_signatory_table(&b, rows, 2, SIGNATORIES_OF_ORGANISATION, NULL, 0);
    /* without a caption of its own, one for screen readers, naming the table's region */
    assert_non_null(strstr(b.data, "aria-label=\"Compacts it signed\"><table class=\"govuk-table "
                                   "govuk-table--small-text-until-tablet "
                                   "app-table--wide-only-2\">"
                                   "<caption class=\"govuk-visually-hidden\">Compacts it signed"));
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

/* The first step: the search, the matches as radios with what tells them apart, the way to add
 * a missing one; the search escaped wherever it goes. */
static void test_find_page(void **state)
{
    static const struct organisation orgs[] = {
        {.id = 1, .org_id = "GB-LAE-TRF", .name = "Trafford Council", .type = ORG_COUNCIL},
        {.id = 2, .org_id = "GB-CHC-1", .name = "Twin <Trust>", .type = ORG_CHARITY},
        {.id = 3, .name = "Twin <Trust>", .type = ORG_CHARITY},
    };
    struct signatory_find_view v = {.compact_id = 3,
                                    .compact_name = "Trafford Compact",
                                    .q = "T<w>",
                                    .matches = orgs,
                                    .n = 3,
                                    .total = 3};
    struct buf b = BUF_INIT;

    (void)state;
    view_signatory_find_page(&b, &v, NULL);
    assert_non_null(strstr(b.data, "<form method=\"get\" action=\"/compacts/3/signatories/new\""));
    assert_non_null(strstr(b.data, ">Find the organisation</label>"));
    assert_non_null(strstr(b.data, "name=\"q\" type=\"search\" spellcheck=\"false\" "
                                   "value=\"T&lt;w&gt;\""));
    assert_non_null(strstr(b.data, "<input type=\"hidden\" name=\"q\" value=\"T&lt;w&gt;\">"));
    assert_non_null(strstr(b.data, "value=\"GB-LAE-TRF\""));
    assert_non_null(strstr(b.data, "class=\"govuk-hint govuk-radios__hint\">Council</div>"));
    assert_non_null(strstr(b.data, "value=\"GB-CHC-1\""));
    assert_non_null(strstr(b.data, "Registered charity, GB-CHC-1</div>"));
    assert_non_null(strstr(b.data, "value=\"3\""));
    assert_non_null(strstr(b.data, ">Continue</button>"));
    assert_non_null(strstr(b.data, "href=\"/organisations/new?for_compact=3&amp;name=T%3Cw%3E\""));
    assert_null(strstr(b.data, "<w>"));
    assert_null(strstr(b.data, "No organisation in the register matches"));
    assert_null(strstr(b.data, "The first"));
    buf_reset(&b);
    v.total = 40;
    view_signatory_find_page(&b, &v, NULL);
    assert_non_null(strstr(b.data, "The first 3 of 40 that match."));
    buf_reset(&b);
    v.n = v.total = 0;
    view_signatory_find_page(&b, &v, NULL);
    assert_non_null(
        strstr(b.data, "No organisation in the register matches &#8216;T&lt;w&gt;&#8217;"));
    assert_null(strstr(b.data, "type=\"radio\""));
    buf_reset(&b);
    v.q = NULL;
    view_signatory_find_page(&b, &v, NULL);
    assert_null(strstr(b.data, "No organisation"));
    assert_null(strstr(b.data, "/organisations/new"));
    buf_release(&b);
}

/* Chosen in the first step, the organisation is a summary row with a Change link back to the
 * search, and goes with the form as its ref; the banner of the list says who and when. */
static void test_chosen_and_banner(void **state)
{
    static const struct organisation o = {.id = 9, .name = "Age <UK>", .type = ORG_CHARITY};
    const struct signatory_form_view v = {.compact_id = 3, .compact_name = "T", .org = &o};
    struct signatories_view list = {.compact_id = 4, .compact_name = "Bury", .items = rows, .n = 2};
    struct buf b = BUF_INIT;

    (void)state;
    view_signatory_new_page(&b, &v, NULL);
    assert_non_null(strstr(b.data, "Age &lt;UK&gt;</dd><dd class=\"govuk-summary-list__actions\">"
                                   "<a class=\"govuk-link\" href=\"/compacts/3/signatories/new?q="
                                   "Age%20%3CUK%3E\">Change<span class=\"govuk-visually-hidden\"> "
                                   "organisation</span>"));
    assert_non_null(strstr(b.data, "<input type=\"hidden\" name=\"organisation\" value=\"9\">"));
    assert_null(strstr(b.data, "id=\"organisation\""));
    buf_reset(&b);
    view_signatories_page(&b, &list, NULL);
    assert_null(strstr(b.data, "govuk-notification-banner"));
    buf_reset(&b);
    list.done = SIGNATORY_ADDED;
    list.done_to = &rows[0];
    view_signatories_page(&b, &list, NULL);
    assert_non_null(strstr(b.data, "Signatory added: Age &lt;UK&gt; Trafford, signed on 1 April "
                                   "2012</p>"));
    buf_reset(&b);
    list.done = SIGNATORY_WITHDRAWN;
    list.done_to = &rows[1];
    view_signatories_page(&b, &list, NULL);
    assert_non_null(strstr(b.data, "Withdrawal recorded: Trafford Council withdrew on 1 January "
                                   "2013</p>"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_per_compact),
        cmocka_unit_test(test_table_per_organisation),
        cmocka_unit_test(test_new_form_keeps_values_and_errors),
        cmocka_unit_test(test_find_page),
        cmocka_unit_test(test_chosen_and_banner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
