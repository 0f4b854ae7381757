/* The complaints' pages as strings, from plain structs: a case built by the core over the real
 * bank holidays (its stages, deadlines, ombudsman window, timeline and actions), the raise
 * form, a list, and the statistics with suppression. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "calendar_fixture.h"
#include "view/page_complaints.h"
#include "view/page_home.h"

static const struct viewer alice = {.name = "Alice", .csrf = "tok"};

/* A case opened on Friday 2012-12-21 at informal (due Wednesday 2013-01-09), escalated on
 * 2013-01-14 to formal with no response: as of 2013-01-15. */
struct built {
    struct complaint_event e[4];
    struct case_view_event ev[4];
    struct complaint_case c;
    struct complaint_run_state st[COMPLAINT_STAGES_MAX];
    struct case_view k;
    enum rule rules[1];
};

static void build(struct built *b, size_t nevents, date_t as_of)
{
    struct complaint_params none = {{0}, {0}};
    enum complaint_refusal why;

    memset(b, 0, sizeof(*b));
    b->e[0] = (struct complaint_event){.type = CEVENT_OPENED,
                                       .date = d("2012-12-21"),
                                       .to = STAGE_INFORMAL,
                                       .note = "Raised <by letter>"};
    b->e[1] = (struct complaint_event){
        .type = CEVENT_ESCALATED, .date = d("2013-01-14"), .to = STAGE_FORMAL};
    b->e[2] = (struct complaint_event){
        .type = CEVENT_RESPONSE, .date = d("2013-01-20"), .note = "We apologise"};
    b->e[3] = (struct complaint_event){.type = CEVENT_CLOSED,
                                       .date = d("2013-01-21"),
                                       .outcome = OUTCOME_UPHELD,
                                       .causes = {RULE_FUNDING_NOTICE},
                                       .ncauses = 1,
                                       .remedy = "Notice restored"};
    complaint_init(&b->c, d("2012-11-20"));
    for (size_t i = 0; i < nevents; i++) {
        assert_int_equal(complaint_apply(&b->c, &b->e[i], &none, &cal, as_of, &why), 0);
        b->ev[i] = (struct case_view_event){(int)i + 1, &b->e[i], i ? "Council Officer" : "Cat"};
    }
    for (size_t i = 0; i < b->c.nruns; i++) {
        complaint_run_state(&cal, &b->c.runs[i], as_of, &b->st[i]);
    }
    b->rules[0] = RULE_FUNDING_NOTICE;
    b->k = (struct case_view){.id = 7,
                              .compact_id = 3,
                              .compact_name = "Merton Compact",
                              .complainant = "Merton Advice & Law",
                              .respondent = "London Borough of Merton",
                              .title = "Grant cut without notice",
                              .summary = "Cut in <March>",
                              .aware_on = d("2012-11-20"),
                              .opened_on = d("2012-12-21"),
                              .as_of = as_of,
                              .rules = b->rules,
                              .nrules = 1,
                              .events = b->ev,
                              .nevents = nevents,
                              .c = &b->c,
                              .states = b->st,
                              .ombudsman_deadline = complaint_ombudsman_deadline(d("2012-11-20")),
                              .window = complaint_window(&b->c, as_of)};
}

static void test_case_page(void **state)
{
    struct built *k = calloc(1, sizeof(*k));
    struct buf b = BUF_INIT;
    struct case_page_view v = {0};
    (void)state;

    build(k, 2, d("2013-02-20"));
    v.k = &k->k;
    v.actions = (1u << CEVENT_ESCALATED) | (1u << CEVENT_NOTE) | (1u << CEVENT_CLOSED);
    v.today = d("2013-02-20");
    v.notice = "escalated";
    view_case_page(&b, &v, &alice);
    assert_non_null(strstr(b.data, "<h1 class=\"govuk-heading-l\">"));
    assert_non_null(strstr(b.data, "Grant cut without notice"));
    assert_non_null(strstr(b.data, "The complaint has been escalated")); /* the banner */
    assert_non_null(strstr(b.data, "Merton Advice &amp; Law"));
    assert_non_null(strstr(b.data, "Cut in &lt;March&gt;"));
    assert_non_null(strstr(b.data, "Raised &lt;by letter&gt;"));
    /* names, never identifiers */
    assert_null(strstr(b.data, ">funding.notice<"));
    assert_null(strstr(b.data, ">informal<"));
    assert_non_null(strstr(b.data, "(Notice)"));
    /* the informal stage: due Wednesday 9 January 2013, ended early on the 14th? no: it was
     * overdue when it ended (3 working days late: the 10th, 11th and 14th) */
    assert_non_null(strstr(b.data, "Due by 9 January 2013"));
    assert_non_null(strstr(b.data, "3 working days late"));
    assert_non_null(strstr(b.data, "The body&#39;s complaints procedure (now)"));
    assert_non_null(strstr(b.data, "govuk-tag--red\">Overdue"));
    /* the timeline, newest first, with dates as people read them */
    assert_non_null(strstr(b.data, "class=\"app-timeline\""));
    assert_non_null(strstr(b.data, "Escalated: The body"));
    assert_true(strstr(b.data, "Escalated: The body") < strstr(b.data, "Complaint raised: "));
    assert_non_null(strstr(b.data, "<time datetime=\"2012-12-21\">21 December 2012</time>"));
    /* the ombudsman's 12 months, to 20 November 2013 */
    assert_non_null(strstr(b.data, "by 20 November 2013"));
    /* the actions: escalate offers dispute, advice, and both ombudsmen (it was at formal) */
    assert_non_null(strstr(b.data, "action=\"/complaints/7/events\""));
    assert_non_null(strstr(b.data, "name=\"csrf_token\" value=\"tok\""));
    assert_non_null(strstr(b.data, "value=\"dispute\""));
    assert_non_null(strstr(b.data, "value=\"ombudsman-lgo\""));
    assert_non_null(strstr(b.data, "value=\"ombudsman-phso\""));
    assert_non_null(strstr(b.data, "For councils and other local bodies"));
    assert_null(strstr(b.data, "value=\"formal\"")); /* not later than now */
    assert_null(strstr(b.data, "Record the body&#39;s response"));
    assert_null(strstr(b.data, "Reopen the complaint"));
    /* the cited rule is ticked as a cause */
    assert_non_null(strstr(b.data, "value=\"funding.notice\" checked"));
    assert_non_null(strstr(b.data, "value=\"20\"")); /* today's date filled in */
    buf_release(&b);
    free(k);
}

static void test_case_page_refusal_and_closed(void **state)
{
    struct built *k = calloc(1, sizeof(*k));
    struct buf b = BUF_INIT;
    const struct field_error err = {"to", "Choose a stage after the one the complaint is at now"};
    const struct case_action_form form = {.type = CEVENT_ESCALATED, .date = {"1", "2", "2013"}};
    struct case_page_view v = {0};
    (void)state;

    build(k, 1, d("2012-12-28"));
    v.k = &k->k;
    v.actions = (1u << CEVENT_ESCALATED) | (1u << CEVENT_RESPONSE);
    v.today = d("2012-12-28");
    v.form = &form;
    v.errors = &err;
    v.nerrors = 1;
    view_case_page(&b, &v, &alice);
    assert_non_null(strstr(b.data, "govuk-error-summary"));
    assert_non_null(strstr(b.data, "href=\"#to\""));
    assert_non_null(strstr(b.data, "id=\"action-escalated\" open"));
    assert_null(strstr(b.data, "id=\"action-response\" open"));
    assert_non_null(strstr(b.data, "7 working days left")); /* 31 December, 2 to 9 January */
    /* not yet at formal: the ombudsman is not offered, and the page says why */
    assert_null(strstr(b.data, "value=\"ombudsman-lgo\""));
    assert_non_null(strstr(b.data, "The ombudsman is offered once"));
    buf_reset(&b);
    /* the complainant's member may close it only by withdrawing it */
    v.form = NULL;
    v.errors = NULL;
    v.nerrors = 0;
    v.actions = 1u << CEVENT_CLOSED;
    v.withdraw_only = 1;
    view_case_page(&b, &v, &alice);
    assert_non_null(strstr(b.data, "Withdraw the complaint"));
    assert_non_null(strstr(b.data, "name=\"outcome\" value=\"withdrawn\""));
    assert_null(strstr(b.data, "value=\"upheld\""));
    assert_null(strstr(b.data, "name=\"causes\""));
    buf_reset(&b);
    v.withdraw_only = 0;
    view_case_page(&b, &v, &alice);
    assert_non_null(strstr(b.data, "value=\"upheld\""));
    assert_null(strstr(b.data, "Withdraw the complaint"));
    buf_release(&b);

    build(k, 4, d("2013-01-25"));
    memset(&v, 0, sizeof(v));
    v.k = &k->k;
    v.actions = (1u << CEVENT_REOPENED) | (1u << CEVENT_NOTE);
    v.today = d("2013-01-25");
    view_case_page(&b, &v, &alice);
    assert_non_null(strstr(b.data, "govuk-tag--grey\">Closed"));
    assert_non_null(strstr(b.data, "Closed: Upheld"));
    assert_non_null(strstr(b.data, "Notice restored"));
    assert_non_null(strstr(b.data, "Reopen the complaint"));
    assert_null(strstr(b.data, "Close the complaint"));
    assert_non_null(
        strstr(b.data, "govuk-tag--green\">Responded on time")); /* formal: due 11 February */
    buf_release(&b);
    free(k);
}

static void test_list_and_form(void **state)
{
    struct built *k = calloc(1, sizeof(*k));
    struct buf b = BUF_INIT;
    struct case_list_view l = {.compact_id = 3, .compact_name = "Merton Compact"};
    struct case_form_view f = {.compact_id = 3, .compact_name = "Merton Compact"};
    (void)state;

    build(k, 2, d("2013-03-20"));
    l.cases = &k->k;
    l.n = 1;
    l.signed_in = 1;
    l.may_raise = 1;
    view_case_list_page(&b, &l, &alice);
    assert_non_null(strstr(b.data, "href=\"/complaints/7\""));
    assert_non_null(strstr(b.data, "1 open, 0 closed"));
    assert_non_null(strstr(b.data, "Response due "));
    assert_non_null(strstr(b.data, "Long overdue")); /* formal: 40 working days from 14 January */
    assert_non_null(strstr(b.data, "href=\"/compacts/3/complaints/new\""));
    buf_reset(&b);
    l.total = 600; /* more than the page shows: it says so, not "1 open" */
    view_case_list_page(&b, &l, &alice);
    assert_non_null(strstr(b.data, "600 complaints you may see: the first 1, open first"));
    assert_null(strstr(b.data, "1 open, 0 closed"));
    l.total = 1;
    buf_reset(&b);
    l.signed_in = 0;
    view_case_list_page(&b, &l, NULL);
    assert_null(strstr(b.data, "/complaints/7"));
    assert_non_null(strstr(b.data, "Sign in"));
    buf_reset(&b);
    /* a closed case says how it closed; a home page's table leaves its Compact out on a phone */
    build(k, 4, d("2013-01-25"));
    view_case_table(&b, "Open complaints", &k->k, 1, 1);
    assert_non_null(strstr(b.data, "Closed: Upheld"));
    assert_non_null(strstr(b.data, "app-table--wide-only-2 app-table--wide-only-3"));
    assert_non_null(strstr(b.data, "Merton Compact"));
    buf_reset(&b);
    { /* a home page showing the first of more open cases says how many there are */
        const struct coordinator_home none = {0};
        struct home_view h = {.coordinator = &none, .cases = &k->k, .ncases = 1};
        view_home_page(&b, &h, &alice);
        assert_non_null(strstr(b.data, "href=\"/complaints/7\""));
        assert_null(strstr(b.data, "due first of"));
        buf_reset(&b);
        h.ncases_total = 1234;
        view_home_page(&b, &h, &alice);
        assert_non_null(strstr(b.data, "These are the 1 due first of 1,234 open complaints"));
        buf_reset(&b);
    }

    f.complainant_fixed = 1;
    f.complainant = (struct org_pick_view){.org_id = "GB-CHC-1", .org_name = "Merton Advice"};
    f.respondent = (struct org_pick_view){.q_name = "respondent_q",
                                          .choose_name = "respondent",
                                          .action = "search-respondent",
                                          .label = "Which body is the complaint about?"};
    f.rules[RULE_FUNDING_NOTICE] = 1;
    f.from = "/checks/funding_change/result?compact=3";
    f.from_label = "The result of the check";
    view_case_form_page(&b, &f, &alice);
    assert_non_null(strstr(b.data, "action=\"/compacts/3/complaints/new\""));
    assert_non_null(strstr(b.data, "Merton Advice"));
    assert_null(strstr(b.data, "name=\"complainant_q\""));
    assert_non_null(strstr(b.data, "name=\"respondent_q\""));
    assert_non_null(strstr(b.data, "value=\"funding.notice\" checked"));
    assert_null(strstr(b.data, "value=\"funding.reasons\" checked"));
    assert_non_null(strstr(b.data, "name=\"from\""));
    assert_non_null(strstr(b.data, "id=\"aware_on\""));
    buf_release(&b);
    free(k);
}

static void test_stats(void **state)
{
    struct complaint_stats s = {0};
    const struct case_stats_year years[2] = {{2012, {3, 1}}, {2013, {12, 0}}};
    const int ys[2] = {2013, 2012};
    struct case_stats_view v = {
        .year = 2013, .years = ys, .nyears = 2, .by_year = years, .nby_year = 2, .s = &s};
    struct buf b = BUF_INIT;
    (void)state;

    s.opened = (struct complaint_count){12, 0};
    s.by_stage[STAGE_INFORMAL] = (struct complaint_count){2, 1};
    s.by_stage[STAGE_FORMAL] = (struct complaint_count){10, 0};
    s.on_time = 4;
    s.on_time_base = 9;
    view_case_stats_page(&b, &v, NULL);
    assert_non_null(strstr(b.data, "<svg"));
    assert_non_null(strstr(b.data, "&lt;5</text>")); /* 2012 drawn as fewer than 5 */
    assert_non_null(strstr(b.data, "fewer than 5"));
    assert_null(strstr(b.data, ">2</td>")); /* the hidden count never shows */
    assert_non_null(strstr(b.data, "Not shown: fewer than 10 responses were due"));
    assert_non_null(strstr(b.data, "<option value=\"2013\" selected>"));
    assert_non_null(strstr(b.data, "Raised with the decision-maker"));
    buf_reset(&b);
    s.on_time = 8;
    s.on_time_base = 10;
    s.share_shown = 1;
    s.on_time_share = 0.8;
    view_case_stats_page(&b, &v, NULL);
    assert_non_null(strstr(b.data, "80.0% (8 of 10 responses due)"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_page),
        cmocka_unit_test(test_case_page_refusal_and_closed),
        cmocka_unit_test(test_list_and_form),
        cmocka_unit_test(test_stats),
    };
    return cmocka_run_group_tests(tests, calendar_setup, calendar_teardown);
}
