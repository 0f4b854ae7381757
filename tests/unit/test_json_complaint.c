/*
 * Complaints in JSON (codec/json_complaint.h): the create and event requests decoded strictly,
 * each fault naming its field; a case encoded as SPEC section 6's example (the worked example of a
 * stage started on Friday 2012-12-21, overdue on 2013-01-10); a closed case's outcome; a list;
 * the statistics with suppressed counts as null.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "calendar_fixture.h"
#include "codec/json_complaint.h"
#include "base/err.h"

/* ---- decoding ---- */

#define CREATE_OK                                                                                  \
    "\"complainant\":\"GB-CHC-1234567\",\"respondent\":\"GB-LAE-MRT\",\"title\":\"Cut without "    \
    "notice\",\"summary\":\"Our grant ended.\",\"aware_on\":\"2012-11-20\",\"opened_on\":"         \
    "\"2012-12-21\""

static void test_create_decoded(void **state)
{
    static const char text[] = "{" CREATE_OK ",\"stage\":\"formal\",\"rules\":[\"funding.notice\","
                               "\"funding.reasons\"],\"activity_id\":12}";
    struct case_new in;
    struct arena a;
    const char *field = NULL, *why = NULL;
    (void)state;
    arena_init(&a);
    assert_int_equal(json_case_new(text, strlen(text), &a, &in, &field, &why), 0);
    assert_string_equal(in.complainant, "GB-CHC-1234567");
    assert_string_equal(in.respondent, "GB-LAE-MRT");
    assert_string_equal(in.title, "Cut without notice");
    assert_string_equal(in.summary, "Our grant ended.");
    assert_string_equal(in.aware_on, "2012-11-20");
    assert_string_equal(in.opened_on, "2012-12-21");
    assert_string_equal(in.stage, "formal");
    assert_int_equal(in.nrules, 2);
    assert_string_equal(in.rules[0], "funding.notice");
    assert_string_equal(in.rules[1], "funding.reasons");
    assert_int_equal(in.activity_id, 12);
    assert_int_equal(in.compact_id, 0);

    /* the optional ones left out, or null */
    static const char bare[] = "{" CREATE_OK ",\"stage\":null,\"rules\":null,\"activity_id\":null}";
    assert_int_equal(json_case_new(bare, strlen(bare), &a, &in, &field, &why), 0);
    assert_null(in.stage);
    assert_int_equal(in.nrules, 0);
    assert_int_equal(in.activity_id, 0);
    arena_release(&a);
}

/* Each body is refused naming the field. */
static void test_create_refused(void **state)
{
    static const struct {
        const char *text, *field;
    } cases[] = {
        {"", "body"},
        {"[]", "body"},
        {"{", "body"},
        {"{" CREATE_OK ",\"colour\":\"red\"}", "colour"},
        {"{" CREATE_OK ",\"\":1}", "body"},
        {"{\"respondent\":\"x\",\"title\":\"t\",\"summary\":\"s\",\"aware_on\":\"2012-01-01\","
         "\"opened_on\":\"2012-01-01\"}",
         "complainant"},
        {"{" CREATE_OK ",\"complainant\":7}", "complainant"},
        {"{" CREATE_OK ",\"title\":\"\"}", "title"},
        {"{" CREATE_OK ",\"title\":null}", "title"},
        {"{" CREATE_OK ",\"summary\":[]}", "summary"},
        {"{" CREATE_OK ",\"aware_on\":20121120}", "aware_on"},
        {"{" CREATE_OK ",\"opened_on\":true}", "opened_on"},
        {"{" CREATE_OK ",\"stage\":3}", "stage"},
        {"{" CREATE_OK ",\"rules\":\"funding.notice\"}", "rules"},
        {"{" CREATE_OK ",\"rules\":[\"funding.notice\",4]}", "rules.1"},
        {"{" CREATE_OK ",\"activity_id\":\"12\"}", "activity_id"},
        {"{" CREATE_OK ",\"activity_id\":0}", "activity_id"},
        {"{" CREATE_OK ",\"activity_id\":1.5}", "activity_id"},
        {"{" CREATE_OK ",\"title\":\"caf\xe9\"}", "title"}, /* Latin-1, not UTF-8 */
        {"{" CREATE_OK ",\"summary\":\"a\\u0000b\"}", "summary"},
    };
    struct arena a;
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct case_new in;
        const char *field = NULL, *why = NULL;
        int ret = json_case_new(cases[i].text, strlen(cases[i].text), &a, &in, &field, &why);
        if (ret != ERR_INVALID || !field || strcmp(field, cases[i].field) || !why || !*why) {
            print_error("case %zu: ret %d field %s, want %s\n", i, ret, field ? field : "(null)",
                        cases[i].field);
            fail();
        }
    }
    arena_release(&a);
}

static void test_create_title_length(void **state)
{
    struct buf b = BUF_INIT;
    struct case_new in;
    struct arena a;
    const char *field = NULL, *why = NULL;
    (void)state;
    arena_init(&a);
    /* 200 characters of two bytes each are a title; 201 are not */
    buf_adds(&b, "{" CREATE_OK ",\"title\":\"");
    for (int i = 0; i < 200; i++) {
        buf_adds(&b, "\xc3\xa9");
    }
    buf_adds(&b, "\"}");
    assert_int_equal(json_case_new(b.data, b.len, &a, &in, &field, &why), 0);
    assert_int_equal(strlen(in.title), 400);
    buf_reset(&b);
    buf_adds(&b, "{" CREATE_OK ",\"title\":\"");
    for (int i = 0; i < 201; i++) {
        buf_adds(&b, "\xc3\xa9");
    }
    buf_adds(&b, "\"}");
    assert_int_equal(json_case_new(b.data, b.len, &a, &in, &field, &why), ERR_INVALID);
    assert_string_equal(field, "title");
    buf_release(&b);
    arena_release(&a);
}

static void test_event_decoded(void **state)
{
    static const char text[] =
        "{\"type\":\"closed\",\"date\":\"2013-02-01\",\"note\":\"Agreed\",\"to\":null,"
        "\"ombudsman\":null,\"outcome\":\"upheld\",\"causes\":[\"funding.notice\"],"
        "\"remedy\":\"Funding restored\"}";
    struct case_event_new in;
    struct arena a;
    const char *field = NULL, *why = NULL;
    (void)state;
    arena_init(&a);
    assert_int_equal(json_case_event_new(text, strlen(text), &a, &in, &field, &why), 0);
    assert_string_equal(in.type, "closed");
    assert_string_equal(in.date, "2013-02-01");
    assert_string_equal(in.note, "Agreed");
    assert_null(in.to);
    assert_null(in.ombudsman);
    assert_string_equal(in.outcome, "upheld");
    assert_int_equal(in.ncauses, 1);
    assert_string_equal(in.causes[0], "funding.notice");
    assert_string_equal(in.remedy, "Funding restored");

    static const char esc[] = "{\"type\":\"escalated\",\"date\":\"2013-02-01\",\"to\":"
                              "\"ombudsman\",\"ombudsman\":\"lgo\","
                              "\"note\":\"\"}";
    assert_int_equal(json_case_event_new(esc, strlen(esc), &a, &in, &field, &why), 0);
    assert_string_equal(in.to, "ombudsman");
    assert_string_equal(in.ombudsman, "lgo");
    assert_null(in.note); /* empty is none */
    assert_null(in.outcome);
    assert_int_equal(in.ncauses, 0);
    arena_release(&a);
}

static void test_event_refused(void **state)
{
    static const struct {
        const char *text, *field;
    } cases[] = {
        {"null", "body"},
        {"{\"date\":\"2013-01-01\"}", "type"},
        {"{\"type\":\"note\"}", "date"},
        {"{\"type\":1,\"date\":\"2013-01-01\"}", "type"},
        {"{\"type\":\"note\",\"date\":null}", "date"},
        {"{\"type\":\"note\",\"date\":\"2013-01-01\",\"note\":{}}", "note"},
        {"{\"type\":\"escalated\",\"date\":\"2013-01-01\",\"to\":2}", "to"},
        {"{\"type\":\"escalated\",\"date\":\"2013-01-01\",\"ombudsman\":true}", "ombudsman"},
        {"{\"type\":\"closed\",\"date\":\"2013-01-01\",\"outcome\":[\"upheld\"]}", "outcome"},
        {"{\"type\":\"closed\",\"date\":\"2013-01-01\",\"causes\":{}}", "causes"},
        {"{\"type\":\"closed\",\"date\":\"2013-01-01\",\"causes\":[null]}", "causes.0"},
        {"{\"type\":\"closed\",\"date\":\"2013-01-01\",\"remedy\":5}", "remedy"},
        {"{\"type\":\"note\",\"date\":\"2013-01-01\",\"by\":\"someone\"}", "by"},
        {"{\"type\":\"note\",\"date\":\"2013-01-01\",\"note\":\"\xff\"}", "note"},
    };
    struct arena a;
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct case_event_new in;
        const char *field = NULL, *why = NULL;
        int ret = json_case_event_new(cases[i].text, strlen(cases[i].text), &a, &in, &field, &why);
        if (ret != ERR_INVALID || !field || strcmp(field, cases[i].field) || !why || !*why) {
            print_error("case %zu: ret %d field %s, want %s\n", i, ret, field ? field : "(null)",
                        cases[i].field);
            fail();
        }
        assert_null(in.type); /* nothing half decoded */
    }
    arena_release(&a);
}

/* ---- encoding ---- */

/* A case of the worked example, its events e[0..n) applied with the national defaults, read as
 * of as_of as app/cases.c builds it. */
static void build(struct case_record *r, struct case_event *e, size_t n, const char *as_of)
{
    struct complaint_case c;
    static const struct complaint_params national;
    enum complaint_refusal why;
    struct complaint_event stored[8];

    memset(r, 0, sizeof(*r));
    r->id = 7;
    r->compact_id = 3;
    r->compact_name = "Merton Compact";
    r->complainant = (struct case_party){"GB-CHC-1234567", "Merton Youth Trust"};
    r->respondent = (struct case_party){"GB-LAE-MRT", "London Borough of Merton"};
    r->title = "Funding ended without notice";
    r->summary = "Our grant ended with two weeks' notice.";
    r->aware_on = d("2012-11-20");
    r->opened_on = d("2012-12-21");
    r->rules[0] = RULE_FUNDING_NOTICE;
    r->nrules = 1;
    /* each applied as new on its own day, fixing its days, as cases_add_event does */
    complaint_init(&c, r->aware_on);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(complaint_apply(&c, &e[i].e, &national, &cal, e[i].e.date, &why), 0);
        stored[i] = e[i].e;
    }
    r->events = e;
    r->nevents = n;
    r->as_of = d(as_of);
    assert_int_equal(complaint_build(&r->c, r->aware_on, stored, n, &cal, r->as_of, &why), 0);
    for (size_t i = 0; i < r->c.nruns; i++) {
        complaint_run_state(&cal, &r->c.runs[i], r->as_of, &r->states[i]);
    }
    r->ombudsman_deadline = complaint_ombudsman_deadline(r->aware_on);
    r->window = complaint_window(&r->c, r->as_of);
}

static struct case_event event(int n, enum complaint_event_type type, const char *date,
                               const char *note)
{
    struct case_event e;
    memset(&e, 0, sizeof(e));
    e.n = n;
    e.e.type = type;
    e.e.date = d(date);
    e.e.note = note;
    e.e.by = "user:2";
    e.by_name = "Asha Patel";
    return e;
}

static void test_case_worked_example(void **state)
{
    struct case_event e[1] = {event(1, CEVENT_OPENED, "2012-12-21", "Raised with the officer")};
    struct case_record r;
    struct buf b = BUF_INIT;
    (void)state;
    e[0].e.to = STAGE_INFORMAL;
    build(&r, e, 1, "2013-01-10");
    json_case(&b, &r);
    assert_string_equal(
        b.data,
        "{\"id\":7,\"compact_id\":3,\"compact_name\":\"Merton Compact\",\"title\":\"Funding ended "
        "without notice\",\"summary\":\"Our grant ended with two weeks' notice.\",\"status\":"
        "\"open\",\"stage\":\"informal\",\"as_of\":\"2013-01-10\",\"complainant\":{\"org_id\":"
        "\"GB-CHC-1234567\",\"name\":\"Merton Youth Trust\"},\"respondent\":{\"org_id\":"
        "\"GB-LAE-MRT\",\"name\":\"London Borough of Merton\"},\"aware_on\":\"2012-11-20\","
        "\"opened_on\":\"2012-12-21\",\"rules\":[\"funding.notice\"],\"activity_id\":null,"
        "\"ombudsman_deadline\":\"2013-11-20\",\"ombudsman_late\":false,\"ombudsman\":null,"
        "\"ombudsman_window\":\"open\",\"stages\":[{\"stage\":\"informal\",\"started_on\":"
        "\"2012-12-21\",\"days\":10,\"source\":\"national default\",\"due_on\":\"2013-01-09\","
        "\"responded_on\":null,\"ended_on\":null,\"state\":\"overdue\"}],\"events\":[{\"n\":1,"
        "\"type\":\"opened\",\"date\":\"2012-12-21\",\"by\":\"Asha Patel\",\"note\":\"Raised with "
        "the officer\"}],\"outcome\":null}");

    /* the day before, awaiting with the due date itself left: 2013-01-09 */
    buf_reset(&b);
    build(&r, e, 1, "2013-01-08");
    json_case(&b, &r);
    assert_non_null(strstr(b.data, "\"state\":\"awaiting_response\",\"working_days_left\":1}"));
    buf_release(&b);
}

static void test_case_closed(void **state)
{
    struct case_event e[4] = {
        event(1, CEVENT_OPENED, "2012-12-21", NULL),
        event(2, CEVENT_RESPONSE, "2013-01-07", "We will look again"),
        event(3, CEVENT_ESCALATED, "2013-01-14", NULL),
        event(4, CEVENT_CLOSED, "2013-02-01", ""),
    };
    struct case_record r;
    struct buf b = BUF_INIT;
    (void)state;
    e[0].e.to = STAGE_INFORMAL;
    e[2].e.to = STAGE_FORMAL;
    e[3].e.outcome = OUTCOME_PARTLY_UPHELD;
    e[3].e.causes[0] = RULE_FUNDING_NOTICE;
    e[3].e.causes[1] = RULE_FUNDING_REASONS;
    e[3].e.ncauses = 2;
    e[3].e.remedy = "Funding extended to June";
    build(&r, e, 4, "2013-03-01");
    json_case(&b, &r);
    assert_non_null(strstr(b.data, "\"status\":\"closed\",\"stage\":\"formal\""));
    assert_non_null(
        strstr(b.data, "\"outcome\":{\"outcome\":\"partly_upheld\",\"causes\":[\"funding.notice\","
                       "\"funding.reasons\"],\"remedy\":\"Funding extended to June\",\"date\":"
                       "\"2013-02-01\"}}"));
    /* the informal stage answered in time and ended; formal (20 days from 2013-01-14, due
     * 2013-02-11) ended early by the closing */
    assert_non_null(strstr(b.data, "\"due_on\":\"2013-01-09\",\"responded_on\":\"2013-01-07\","
                                   "\"ended_on\":\"2013-01-14\",\"state\":\"responded\"}"));
    assert_non_null(strstr(b.data, "\"due_on\":\"2013-02-11\",\"responded_on\":null,"
                                   "\"ended_on\":\"2013-02-01\",\"state\":\"ended_early\"}"));
    assert_non_null(strstr(b.data, "{\"n\":3,\"type\":\"escalated\",\"date\":\"2013-01-14\","
                                   "\"by\":\"Asha Patel\",\"note\":null,\"to\":\"formal\","
                                   "\"ombudsman\":null}"));
    assert_non_null(strstr(b.data, "\"type\":\"closed\",\"date\":\"2013-02-01\",\"by\":\"Asha "
                                   "Patel\",\"note\":null,\"outcome\":\"partly_upheld\""));

    /* as of a day before the closing: open, the closing not among the events */
    buf_reset(&b);
    build(&r, e, 4, "2013-01-31");
    json_case(&b, &r);
    assert_non_null(strstr(b.data, "\"status\":\"open\""));
    assert_null(strstr(b.data, "\"n\":4"));
    assert_non_null(strstr(b.data, "\"outcome\":null}"));
    buf_release(&b);
}

static void test_case_list(void **state)
{
    struct case_event e1[1] = {event(1, CEVENT_OPENED, "2012-12-21", NULL)};
    struct case_event e2[2] = {event(1, CEVENT_OPENED, "2012-12-21", NULL),
                               event(2, CEVENT_RESPONSE, "2013-01-02", NULL)};
    struct case_record r[2];
    struct buf b = BUF_INIT;
    (void)state;
    e1[0].e.to = e2[0].e.to = STAGE_INFORMAL;
    build(&r[0], e1, 1, "2013-01-10");
    build(&r[1], e2, 2, "2013-01-10");
    r[1].id = 8;
    json_case_list(&b, 2, r, 2, NULL);
    assert_non_null(strstr(b.data, "{\"total\":2,\"items\":[{\"id\":7,"));
    assert_non_null(strstr(b.data, "\"opened_on\":\"2012-12-21\",\"due_on\":\"2013-01-09\","
                                   "\"state\":\"overdue\",\"working_days_left\":null,"
                                   "\"working_days_late\":1}"));
    assert_non_null(strstr(b.data, "\"due_on\":null,\"state\":\"responded\","
                                   "\"working_days_left\":null,\"working_days_late\":null}"));
    assert_non_null(strstr(b.data, "],\"next\":null}"));
    buf_reset(&b);
    json_case_list(&b, 5, r + 1, 1, "c2"); /* a page of one */
    assert_non_null(strstr(b.data, "{\"total\":5,\"items\":[{\"id\":8,"));
    assert_non_null(strstr(b.data, "}],\"next\":\"c2\"}"));
    buf_reset(&b);
    csv_case_list(&b, r, 1);
    assert_string_equal(b.data,
                        "id,compact_id,compact,title,status,stage,complainant,complainant_name,"
                        "respondent,respondent_name,opened_on,due_on,state,working_days_left,"
                        "working_days_late\r\n"
                        "7,3,Merton Compact,Funding ended without notice,open,informal,"
                        "GB-CHC-1234567,Merton Youth Trust,GB-LAE-MRT,London Borough of Merton,"
                        "2012-12-21,2013-01-09,overdue,,1\r\n");
    buf_release(&b);
}

static void test_stats(void **state)
{
    struct complaint_stats s;
    struct buf b = BUF_INIT;
    int years[] = {2013, 2012};
    (void)state;
    memset(&s, 0, sizeof(s));
    s.opened.n = 12;
    s.by_stage[STAGE_INFORMAL].n = 9;
    s.by_stage[STAGE_FORMAL] = (struct complaint_count){3, 1};
    s.by_outcome[OUTCOME_UPHELD] = (struct complaint_count){2, 1};
    s.by_outcome[COMPLAINT_OUTCOME_OPEN].n = 10;
    s.on_time = 3;
    s.on_time_base = 4;
    json_case_stats(&b, &s, 3, 2013, d("2013-12-31"), years, 2);
    assert_non_null(strstr(b.data, "{\"compact_id\":3,\"year\":2013,\"as_of\":\"2013-12-31\","
                                   "\"opened\":12,\"by_stage\":{\"informal\":9,\"formal\":null,"
                                   "\"dispute\":0,\"advice\":0,\"ombudsman\":0},\"by_outcome\":"
                                   "{\"resolved\":0,\"upheld\":null,\"partly_upheld\":0,"
                                   "\"not_upheld\":0,\"withdrawn\":0,\"open\":10},\"by_cause\":"
                                   "{\"funding.notice\":0,"));
    /* a base under 10: no share, and nothing of it */
    assert_non_null(strstr(b.data, "\"on_time\":{\"responded\":null,\"base\":null,\"share\":null},"
                                   "\"years\":[2013,2012]}"));
    buf_reset(&b);
    s.on_time = 9;
    s.on_time_base = 12;
    s.share_shown = 1;
    s.on_time_share = 0.75;
    json_case_stats(&b, &s, 0, 0, d("2013-12-31"), NULL, 0);
    assert_non_null(strstr(b.data, "{\"compact_id\":null,\"year\":null,"));
    assert_non_null(strstr(b.data, "\"on_time\":{\"responded\":9,\"base\":12,\"share\":0.75},"
                                   "\"years\":[]}"));
    buf_reset(&b);
    csv_case_stats(&b, &s);
    assert_non_null(strstr(b.data, "breakdown,key,count\r\nopened,,12\r\nstage,informal,9\r\n"
                                   "stage,formal,\r\nstage,dispute,0\r\n"));
    assert_non_null(strstr(b.data, "outcome,open,10\r\n"));
    assert_non_null(strstr(b.data, "\r\non_time,share,0.7500\r\n"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_decoded),
        cmocka_unit_test(test_create_refused),
        cmocka_unit_test(test_create_title_length),
        cmocka_unit_test(test_event_decoded),
        cmocka_unit_test(test_event_refused),
        cmocka_unit_test(test_case_worked_example),
        cmocka_unit_test(test_case_closed),
        cmocka_unit_test(test_case_list),
        cmocka_unit_test(test_stats),
    };
    return cmocka_run_group_tests(tests, calendar_setup, calendar_teardown);
}
