/* A recorded activity's pages as strings: what a result page says about recording it in each
 * case, the record form carrying the answers (escaped), and the activity's own page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "view/page_activity.h"

static const struct viewer alice = {.name = "Alice", .csrf = "tok"};

static void test_record_offer(void **state)
{
    struct record_offer o = {.kind = ACTIVITY_FUNDING_CHANGE,
                             .answers = "change=end&compact=2",
                             .compact_name = "Leeds <Compact>"};
    struct buf b = BUF_INIT;
    (void)state;

    o.state = RECORD_SIGN_IN;
    view_record_offer(&b, &o);
    assert_non_null(strstr(b.data, "Signing in lets you record this check"));
    assert_non_null(strstr(b.data, "href=\"/login?next=%2Fchecks%2Ffunding_change%2Fresult%3F"
                                   "change%3Dend%26compact%3D2\""));
    assert_non_null(strstr(b.data, "Leeds &lt;Compact&gt;&#39;s record"));
    assert_null(strstr(b.data, "/record?"));

    buf_reset(&b);
    o.state = RECORD_NO_COMPACT;
    view_record_offer(&b, &o);
    assert_non_null(
        strstr(b.data, "href=\"/checks/funding_change?change=end&amp;compact=2#compact\""));
    assert_null(strstr(b.data, "/record?"));

    buf_reset(&b);
    o.state = RECORD_NOT_ALLOWED;
    o.why = "Only an admin or a coordinator of this Compact may record or change its activities.";
    view_record_offer(&b, &o);
    assert_non_null(strstr(b.data, "You cannot record it in Leeds &lt;Compact&gt;. Only an admin"));
    assert_null(strstr(b.data, "/record?"));

    buf_reset(&b);
    o.state = RECORD_OFFERED;
    view_record_offer(&b, &o);
    assert_non_null(strstr(b.data, "href=\"/checks/funding_change/record?change=end&amp;"
                                   "compact=2\">Record it in Leeds &lt;Compact&gt;</a>"));
    buf_release(&b);
}

static void test_record_form_carries_the_answers(void **state)
{
    const struct hidden_field carry[] = {{"change", "end"}, {"reason", "\"><script>x</script>"}};
    const struct field_error errors[] = {{"title", "Enter a title"}};
    const struct org_choice matches[] = {{"GB-CHC-1", "Leeds <Carers>"}, {"GB-CHC-2", "Other"}};
    struct activity_form_view v = {.kind = ACTIVITY_CONSULTATION,
                                   .compact_id = 2,
                                   .compact_name = "Leeds Compact",
                                   .carry = carry,
                                   .ncarry = 2,
                                   .answers = "change=end",
                                   .org_q = "carers",
                                   .searched = 1,
                                   .matches = matches,
                                   .nmatches = 2,
                                   .errors = errors,
                                   .nerrors = 1};
    struct buf b = BUF_INIT;
    (void)state;

    view_activity_form_page(&b, &v, &alice);
    assert_non_null(strstr(b.data, "<title>Error: Record the check"));
    assert_non_null(strstr(b.data, "action=\"/checks/consultation/record\""));
    assert_non_null(strstr(b.data, "<input type=\"hidden\" name=\"change\" value=\"end\">"));
    assert_non_null(strstr(b.data, "value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
    assert_null(strstr(b.data, "<script>x"));
    assert_non_null(strstr(b.data, "Leeds &lt;Carers&gt;"));
    assert_non_null(strstr(b.data, "name=\"organisation\""));
    assert_null(strstr(b.data, "name=\"amount\"")); /* a consultation has no amount */
    assert_non_null(strstr(b.data, "Record it in Leeds Compact"));
    assert_non_null(strstr(b.data, "href=\"/checks/consultation/result?change=end\""));
    buf_release(&b);
}

static void test_activity_page(void **state)
{
    const struct finding_record f[] = {
        {.rule = "funding.notice", .verdict = "breach", .explanation = "30 days short."},
        {.rule = "funding.reasons",
         .verdict = "pending",
         .explanation = "Later.",
         .due_date = "2027-02-01"},
    };
    /* as the page checks it again today (app/check.c check_against_compact): dates as people
     * read them, and what can still be done */
    const struct finding checked[] = {
        {.rule = "funding.notice",
         .verdict = VERDICT_BREACH,
         .param = -1,
         .explanation = "Notice to be given 1 February 2027; 30 days short.",
         .remedy = "Give written notice by 31 December 2026."},
        {.rule = "funding.reasons",
         .verdict = VERDICT_UNKNOWN,
         .param = -1,
         .explanation = "Whether reasons are to be given is not recorded.",
         .remedy = "Give the organisation a clear rationale for the decision."},
    };
    struct params p = {{0}};
    struct recorded_activity a = {.id = 7,
                                  .compact_id = 2,
                                  .compact_name = "Leeds Compact",
                                  .details = {.title = "Carers grant ends",
                                              .org = "GB-CHC-1",
                                              .amount_pence = 1250050,
                                              .decision_date = 0},
                                  .org_name = "Leeds Carers",
                                  .recorder_org = "GB-LAE-LDS",
                                  .recorder_org_name = "Leeds City Council",
                                  .kind = "funding_change",
                                  .overall = "breach",
                                  .recorded_by = "user:1",
                                  .recorded_by_name = "Priya Shah",
                                  .recorded_at = "2026-12-03T10:00:00Z",
                                  .findings = f,
                                  .nfindings = 2};
    struct activity facts = {.kind = ACTIVITY_FUNDING_CHANGE, .change = CHANGE_END};
    struct activity_page_view v = {.a = &a,
                                   .kind = ACTIVITY_FUNDING_CHANGE,
                                   .facts = &facts,
                                   .may_change = 1,
                                   .notice = "recorded",
                                   .findings = checked,
                                   .nfindings = 2,
                                   .overall = VERDICT_BREACH,
                                   .params = &p,
                                   .planned = 1};
    struct buf b = BUF_INIT;
    (void)state;

    assert_int_equal(date_parse("2026-12-03", 10, &a.checked_on), 0);
    assert_int_equal(date_parse("2027-01-15", 10, &a.details.decision_date), 0);
    assert_int_equal(date_parse("2026-12-03", 10, &v.as_of), 0);
    view_activity_page(&b, &v, &alice);
    /* a decision still to come: a plan's words, what can still be done, commitment 4.4 once
     * (notice and reasons share its card), no date written as 2027-02-01 */
    assert_non_null(strstr(b.data, "Would not keep"));
    assert_null(strstr(b.data, ">Breach<"));
    assert_non_null(strstr(b.data, "<strong>To keep it:</strong> Give written notice by 31 "
                                   "December 2026."));
    assert_non_null(strstr(b.data, ">4.4 "));
    assert_null(strstr(strstr(b.data, ">4.4 ") + 1, ">4.4 "));
    assert_null(strstr(b.data, "2027-02-01"));
    assert_non_null(strstr(b.data, "Checked as of</dt><dd class=\"govuk-summary-list__value\">3 "
                                   "December 2026, with Leeds Compact&#39;s numbers"));
    assert_non_null(strstr(b.data, "href=\"/organisations/GB-CHC-1\">Leeds Carers</a>"));
    assert_non_null(strstr(b.data, "<h1 class=\"govuk-heading-l\">Carers grant ends</h1>"));
    assert_non_null(strstr(b.data, "Recorded in Leeds Compact"));
    assert_non_null(strstr(b.data, "£12,500.50"));
    assert_non_null(strstr(b.data, "15 January 2027"));
    assert_non_null(strstr(b.data, "3 December 2026 by Priya Shah, Leeds City Council"));
    assert_non_null(strstr(b.data, "href=\"/compacts/2/activities/7/edit\""));
    assert_non_null(strstr(b.data, "href=\"/compacts/2/activities/7/withdraw\""));
    assert_non_null(strstr(b.data, "It ends"));
    assert_non_null(strstr(b.data, "href=\"/compacts/2/activities/7/edit#title\""));
    assert_null(strstr(b.data, "#org_q")); /* only an admin moves it */

    buf_reset(&b);
    v.may_move = 1;
    view_activity_page(&b, &v, &alice);
    assert_non_null(strstr(b.data, "href=\"/compacts/2/activities/7/edit#org_q\""));

    buf_reset(&b);
    a.withdrawn_at = "2026-12-05T09:00:00Z";
    a.withdrawn_by = "user:1";
    a.withdrawn_by_name = "Priya Shah";
    a.withdrawn_reason = "It <did not> happen";
    v.may_change = 0;
    v.notice = NULL;
    view_activity_page(&b, &v, &alice);
    assert_non_null(strstr(b.data, "Withdrawn on 5 December 2026 by Priya Shah."));
    assert_non_null(strstr(b.data, "It &lt;did not&gt; happen"));
    assert_null(strstr(b.data, "/edit"));
    assert_null(strstr(b.data, "Withdraw it"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_offer),
        cmocka_unit_test(test_record_form_carries_the_answers),
        cmocka_unit_test(test_activity_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
