/*
 * Complaints (SPEC section 6) over the shipped bank holidays: stages, refusals, due dates in
 * working days, states as of a date, the ombudsman window and the statistics. Every expected date
 * is counted by hand from the calendar, in the comment beside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "calendar_fixture.h"
#include "core/complaint.h"
#include "base/err.h"

static const struct complaint_params national; /* nothing set: the national defaults */

static struct complaint_event ev(enum complaint_event_type type, const char *date)
{
    struct complaint_event e;
    memset(&e, 0, sizeof(e));
    e.type = type;
    e.date = d(date);
    return e;
}

static struct complaint_event opened(enum complaint_stage s, const char *date)
{
    struct complaint_event e = ev(CEVENT_OPENED, date);
    e.to = s;
    return e;
}

static struct complaint_event escalated(enum complaint_stage to, const char *date)
{
    struct complaint_event e = ev(CEVENT_ESCALATED, date);
    e.to = to;
    if (to == STAGE_OMBUDSMAN) {
        e.ombudsman = OMBUDSMAN_LGO;
    }
    return e;
}

static struct complaint_event closed(enum complaint_outcome o, const char *date)
{
    struct complaint_event e = ev(CEVENT_CLOSED, date);
    e.outcome = o;
    return e;
}

/* Apply e to c with the national defaults on today, and expect it to be taken. */
static void take(struct complaint_case *c, struct complaint_event e, const char *today)
{
    enum complaint_refusal why = CREFUSE_COUNT;
    assert_int_equal(complaint_apply(c, &e, &national, &cal, d(today), &why), 0);
    assert_int_equal(why, CREFUSE_NONE);
}

/* Apply e to c and expect refusal want, leaving c as it was. */
static void refuse(struct complaint_case *c, struct complaint_event e, const char *today,
                   enum complaint_refusal want)
{
    struct complaint_case before = *c;
    enum complaint_refusal why = CREFUSE_NONE;
    int rc = complaint_apply(c, &e, &national, &cal, d(today), &why);
    assert_int_equal(why, want);
    assert_int_equal(rc, complaint_refusal_err(want));
    assert_true(rc < 0);
    assert_memory_equal(&before, c, sizeof(before));
}

/* The state of c's entry i as of as_of. */
static struct complaint_run_state state_of(const struct complaint_case *c, size_t i,
                                           const char *as_of)
{
    struct complaint_run_state st;
    assert_true(i < c->nruns);
    complaint_run_state(&cal, &c->runs[i], d(as_of), &st);
    return st;
}

static void test_names(void **state)
{
    enum complaint_stage s;
    enum complaint_outcome o;
    enum complaint_ombudsman om;
    enum complaint_event_type t;
    enum complaint_param p;
    (void)state;
    static const char *const stage_ids[] = {"informal", "formal", "dispute", "advice", "ombudsman"};
    for (int i = 0; i < STAGE_COUNT; i++) {
        assert_string_equal(complaint_stage_id((enum complaint_stage)i), stage_ids[i]);
        assert_int_equal(complaint_stage_parse(stage_ids[i], &s), 0);
        assert_int_equal(s, i);
        assert_true(*complaint_stage_label((enum complaint_stage)i));
    }
    assert_int_equal(complaint_stage_parse("appeal", &s), ERR_INVALID);
    assert_int_equal(complaint_stage_parse(NULL, &s), ERR_INVALID);
    assert_string_equal(complaint_stage_id(STAGE_COUNT), "");
    assert_true(complaint_stage_may_open(STAGE_INFORMAL));
    assert_true(complaint_stage_may_open(STAGE_FORMAL));
    assert_true(complaint_stage_may_open(STAGE_DISPUTE));
    assert_false(complaint_stage_may_open(STAGE_ADVICE));
    assert_false(complaint_stage_may_open(STAGE_OMBUDSMAN));
    assert_false(complaint_stage_has_due(STAGE_ADVICE));
    assert_false(complaint_stage_has_due(STAGE_OMBUDSMAN));
    assert_true(complaint_stage_has_due(STAGE_DISPUTE));

    assert_int_equal(complaint_outcome_parse("partly_upheld", &o), 0);
    assert_int_equal(o, OUTCOME_PARTLY_UPHELD);
    assert_int_equal(complaint_outcome_parse("upheld ", &o), ERR_INVALID);
    assert_string_equal(complaint_outcome_id(OUTCOME_WITHDRAWN), "withdrawn");
    assert_string_equal(complaint_outcome_label(OUTCOME_RESOLVED), "Resolved by agreement");

    assert_int_equal(complaint_ombudsman_parse("phso", &om), 0);
    assert_int_equal(om, OMBUDSMAN_PHSO);
    assert_int_equal(complaint_ombudsman_parse("", &om), ERR_INVALID);
    assert_int_equal(complaint_ombudsman_parse("ico", &om), ERR_INVALID);

    assert_int_equal(complaint_event_parse("reopened", &t), 0);
    assert_int_equal(t, CEVENT_REOPENED);
    assert_int_equal(complaint_event_parse("deleted", &t), ERR_INVALID);

    assert_int_equal(complaint_param_parse("formal_response_days", &p), 0);
    assert_int_equal(p, CPARAM_FORMAL_RESPONSE_DAYS);
    assert_int_equal(complaint_param_default(CPARAM_INFORMAL_RESPONSE_DAYS), 10);
    assert_int_equal(complaint_param_default(CPARAM_FORMAL_RESPONSE_DAYS), 20);
    assert_int_equal(complaint_param_default(CPARAM_DISPUTE_RESPONSE_DAYS), 40);

    assert_string_equal(complaint_state_id(CSTATE_LONG_OVERDUE), "long_overdue");
    assert_string_equal(complaint_state_id(CSTATE_ENDED_EARLY), "ended_early");
    assert_string_equal(complaint_window_id(CWINDOW_CLOSING), "closing");
}

/* Each refusal names its field, and is a 409 (conflict) or a 400 (bad value) as SPEC says. */
static void test_refusal_table(void **state)
{
    static const struct {
        enum complaint_refusal r;
        const char *field;
        int err;
    } want[] = {
        {CREFUSE_NOT_LATER, "to", ERR_CONFLICT},
        {CREFUSE_OMBUDSMAN_NO_FORMAL, "to", ERR_CONFLICT},
        {CREFUSE_SECOND_RESPONSE, "type", ERR_CONFLICT},
        {CREFUSE_CLOSED, "type", ERR_CONFLICT},
        {CREFUSE_NOT_CLOSED, "type", ERR_CONFLICT},
        {CREFUSE_TOO_MANY_STAGES, "type", ERR_CONFLICT},
        {CREFUSE_TYPE, "type", ERR_INVALID},
        {CREFUSE_STAGE, "stage", ERR_INVALID},
        {CREFUSE_TO, "to", ERR_INVALID},
        {CREFUSE_OMBUDSMAN, "ombudsman", ERR_INVALID},
        {CREFUSE_OUTCOME, "outcome", ERR_INVALID},
        {CREFUSE_RULES, "rules", ERR_INVALID},
        {CREFUSE_CAUSES, "causes", ERR_INVALID},
        {CREFUSE_DATE, "date", ERR_INVALID},
        {CREFUSE_DATE_ORDER, "date", ERR_INVALID},
        {CREFUSE_DATE_FUTURE, "date", ERR_INVALID},
        {CREFUSE_DATE_CALENDAR, "date", ERR_INVALID},
        {CREFUSE_DAYS, "days", ERR_INVALID},
        {CREFUSE_OPENED_ON, "opened_on", ERR_INVALID},
        {CREFUSE_AWARE_ON, "aware_on", ERR_INVALID},
        {CREFUSE_COMPLAINANT, "complainant", ERR_INVALID},
        {CREFUSE_RESPONDENT, "respondent", ERR_INVALID},
    };
    (void)state;
    assert_int_equal(sizeof(want) / sizeof(want[0]), CREFUSE_COUNT - 1);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_string_equal(complaint_refusal_field(want[i].r), want[i].field);
        assert_int_equal(complaint_refusal_err(want[i].r), want[i].err);
        assert_true(strlen(complaint_refusal_message(want[i].r)) > 10);
        assert_true(*complaint_refusal_id(want[i].r));
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(complaint_refusal_id(want[i].r),
                                    complaint_refusal_id(want[j].r));
        }
    }
    assert_int_equal(complaint_refusal_err(CREFUSE_NONE), 0);
    assert_string_equal(complaint_refusal_field(CREFUSE_NONE), "");
}

/* Rule names of a case's rules or a closing's causes: known, each once. */
static void test_rules_parse(void **state)
{
    static const char *const good[] = {"funding.notice", "consultation.length", "funding.notice"};
    static const char *const bad[] = {"funding.notice", "funding.notise"};
    enum rule out[COMPLAINT_RULES_MAX];
    size_t n = 99;
    enum complaint_refusal why = CREFUSE_COUNT;
    (void)state;
    assert_int_equal(complaint_rules_parse(good, 3, CREFUSE_RULES, out, &n, &why), 0);
    assert_int_equal(why, CREFUSE_NONE);
    assert_int_equal(n, 2);
    assert_int_equal(out[0], RULE_FUNDING_NOTICE);
    assert_int_equal(out[1], RULE_CONSULTATION_LENGTH);
    assert_int_equal(complaint_rules_parse(bad, 2, CREFUSE_CAUSES, out, &n, &why), ERR_INVALID);
    assert_int_equal(why, CREFUSE_CAUSES);
    assert_int_equal(n, 0);
    assert_int_equal(complaint_rules_parse(bad, 2, CREFUSE_RULES, out, &n, &why), ERR_INVALID);
    assert_int_equal(why, CREFUSE_RULES);
    assert_int_equal(complaint_rules_parse(NULL, 0, CREFUSE_RULES, out, &n, &why), 0);
    assert_int_equal(n, 0);
}

/* SPEC's own example: informal on Friday 2012-12-21, 10 working days, over Christmas. */
static void test_friday_before_christmas_2012(void **state)
{
    struct complaint_case c;
    struct complaint_event e = opened(STAGE_INFORMAL, "2012-12-21");
    enum complaint_refusal why;
    struct complaint_run_state st;
    (void)state;

    complaint_init(&c, d("2012-11-20"));
    assert_int_equal(complaint_apply(&c, &e, &national, &cal, d("2013-01-10"), &why), 0);
    assert_int_equal(e.days, 10); /* fixed into the event for the store */
    assert_int_equal(e.source, SOURCE_DEFAULT);
    assert_int_equal(c.nruns, 1);
    assert_int_equal(c.opened_on, d("2012-12-21"));
    assert_int_equal(c.runs[0].started_on, d("2012-12-21"));
    assert_true(c.runs[0].has_due);
    /* Mon 24 (1), Thu 27, Fri 28, Mon 31 (4), Wed 2, Thu 3, Fri 4 (7), Mon 7, Tue 8, Wed 9 (10):
     * Christmas, Boxing Day and New Year's Day are not counted */
    assert_int_equal(c.runs[0].due_on, d("2013-01-09"));
    /* 20 working days: Thu 10 ... Wed 23 */
    assert_int_equal(c.runs[0].long_due_on, d("2013-01-23"));

    st = state_of(&c, 0, "2012-12-21"); /* the day it opened */
    assert_int_equal(st.state, CSTATE_AWAITING_RESPONSE);
    assert_int_equal(st.working_days_left, 10);
    st = state_of(&c, 0, "2012-12-25"); /* Christmas: Mon 24 has gone */
    assert_int_equal(st.working_days_left, 9);
    st = state_of(&c, 0, "2013-01-08");
    assert_int_equal(st.state, CSTATE_AWAITING_RESPONSE);
    assert_int_equal(st.working_days_left, 1);
    st = state_of(&c, 0, "2013-01-09"); /* on the due date */
    assert_int_equal(st.state, CSTATE_AWAITING_RESPONSE);
    assert_int_equal(st.working_days_left, 0);
    st = state_of(&c, 0, "2013-01-10"); /* the day after: SPEC's "overdue" */
    assert_int_equal(st.state, CSTATE_OVERDUE);
    assert_int_equal(st.working_days_late, 1);
    assert_int_equal(st.evaluated_on, d("2013-01-10"));
    st = state_of(&c, 0, "2013-01-23"); /* on 2n: still overdue */
    assert_int_equal(st.state, CSTATE_OVERDUE);
    assert_int_equal(st.working_days_late, 10);
    st = state_of(&c, 0, "2013-01-24"); /* after 2n */
    assert_int_equal(st.state, CSTATE_LONG_OVERDUE);
    assert_int_equal(st.working_days_late, 11);

    assert_int_equal(complaint_ombudsman_deadline(c.aware_on), d("2013-11-20"));
    assert_false(c.ombudsman_late);
    assert_int_equal(c.status, CSTATUS_OPEN);
}

/* A response on the due date is on time; the day after, late. */
static void test_response_on_and_after_due(void **state)
{
    struct complaint_case c;
    struct complaint_run_state st;
    (void)state;

    complaint_init(&c, d("2012-12-01"));
    take(&c, opened(STAGE_INFORMAL, "2012-12-21"), "2013-02-01");
    take(&c, ev(CEVENT_RESPONSE, "2013-01-09"), "2013-02-01");
    st = state_of(&c, 0, "2013-02-01");
    assert_int_equal(st.state, CSTATE_RESPONDED);
    assert_int_equal(st.working_days_late, 0);

    complaint_init(&c, d("2012-12-01"));
    take(&c, opened(STAGE_INFORMAL, "2012-12-21"), "2013-02-01");
    take(&c, ev(CEVENT_RESPONSE, "2013-01-10"), "2013-02-01");
    st = state_of(&c, 0, "2013-02-01");
    assert_int_equal(st.state, CSTATE_RESPONDED_LATE);
    assert_int_equal(st.working_days_late, 1);

    /* after 2n the response is still only late */
    complaint_init(&c, d("2012-12-01"));
    take(&c, opened(STAGE_INFORMAL, "2012-12-21"), "2013-02-01");
    take(&c, ev(CEVENT_RESPONSE, "2013-01-30"), "2013-02-01");
    st = state_of(&c, 0, "2013-02-01");
    assert_int_equal(st.state, CSTATE_RESPONDED_LATE);
    assert_int_equal(st.working_days_late, 15); /* Jan 10-11, 14-18, 21-25, 28-30 */
}

/* The Friday before Christmas 2026: Christmas on Friday, Boxing Day moved to Monday 28, New
 * Year's Day on Friday. */
static void test_friday_before_christmas_2026(void **state)
{
    struct complaint_case c;
    (void)state;
    complaint_init(&c, d("2026-12-01"));
    take(&c, opened(STAGE_INFORMAL, "2026-12-18"), "2026-12-18");
    /* Mon 21, Tue 22, Wed 23, Thu 24 (4), Tue 29, Wed 30, Thu 31 (7), Mon 4, Tue 5, Wed 6 (10) */
    assert_int_equal(c.runs[0].due_on, d("2027-01-06"));
    assert_int_equal(state_of(&c, 0, "2026-12-28").working_days_left, 6); /* Tue 29 ... Wed 6 */
}

/* 2012: the spring bank holiday moved to Monday 4 June and the Diamond Jubilee on Tuesday 5. */
static void test_jubilee_2012(void **state)
{
    struct complaint_case c;
    (void)state;
    complaint_init(&c, d("2012-05-01"));
    take(&c, opened(STAGE_INFORMAL, "2012-06-01"), "2012-06-01");
    /* Wed 6, Thu 7, Fri 8 (3), Mon 11 ... Fri 15 (8), Mon 18, Tue 19 (10); 15 June without the
     * two holidays */
    assert_int_equal(c.runs[0].due_on, d("2012-06-19"));
    assert_int_equal(state_of(&c, 0, "2012-06-05").working_days_left, 10);
}

/* 2022: the State Funeral of Queen Elizabeth II on Monday 19 September. */
static void test_state_funeral_2022(void **state)
{
    struct complaint_case c;
    (void)state;
    complaint_init(&c, d("2022-09-01"));
    take(&c, opened(STAGE_FORMAL, "2022-09-16"), "2022-09-16");
    assert_int_equal(c.runs[0].days, 20);
    /* Tue 20 ... Fri 23 (4), 26-30 (9), 3-7 Oct (14), 10-14 (19), Mon 17 (20) */
    assert_int_equal(c.runs[0].due_on, d("2022-10-17"));
    assert_true(c.was_formal);
}

/* The dispute procedure: 40 working days, across the May bank holidays of 2013. */
static void test_dispute_and_due_next(void **state)
{
    struct complaint_case c;
    struct complaint_run_state st;
    date_t due = 1;
    (void)state;
    complaint_init(&c, d("2013-04-01"));
    assert_int_equal(complaint_due_next(&c, &due), 0); /* no event yet */
    assert_int_equal(due, 0);
    take(&c, opened(STAGE_DISPUTE, "2013-04-15"), "2013-07-01");
    assert_int_equal(c.runs[0].days, 40);
    /* 16-19 (4), 22-26 (9), 29 April-3 May (14), Monday 6 May, 7-10 (18), 13-17 (23), 20-24
     * (28), Monday 27 May, 28-31 (32), 3-7 June (37), Mon 10, Tue 11, Wed 12 (40) */
    assert_int_equal(c.runs[0].due_on, d("2013-06-12"));
    st = state_of(&c, 0, "2013-06-11");
    assert_int_equal(st.state, CSTATE_AWAITING_RESPONSE);
    assert_int_equal(st.working_days_left, 1);
    st = state_of(&c, 0, "2013-06-12");
    assert_int_equal(st.working_days_left, 0);
    st = state_of(&c, 0, "2013-06-13");
    assert_int_equal(st.state, CSTATE_OVERDUE);
    assert_int_equal(st.working_days_late, 1);
    assert_int_equal(complaint_due_next(&c, &due), 1);
    assert_int_equal(due, d("2013-06-12"));

    take(&c, ev(CEVENT_RESPONSE, "2013-06-14"), "2013-07-01");
    assert_int_equal(complaint_due_next(&c, &due), 0); /* answered, even late */
    take(&c, escalated(STAGE_ADVICE, "2013-06-17"), "2013-07-01");
    assert_int_equal(complaint_due_next(&c, &due), 0); /* advice has no due date */

    complaint_init(&c, d("2013-04-01"));
    take(&c, opened(STAGE_INFORMAL, "2013-04-15"), "2013-07-01");
    take(&c, closed(OUTCOME_WITHDRAWN, "2013-04-16"), "2013-07-01");
    assert_int_equal(complaint_due_next(&c, &due), 0); /* closed */
    take(&c, ev(CEVENT_REOPENED, "2013-04-17"), "2013-07-01");
    assert_int_equal(complaint_due_next(&c, &due), 1);
    /* 18, 19 (2), 22-26 (7), 29, 30, 1 May (10) */
    assert_int_equal(due, d("2013-05-01"));
}

/* A due date never falls on a weekend; a Saturday after it is overdue by no working day. */
static void test_weekends(void **state)
{
    struct complaint_case c;
    struct complaint_run_state st;
    (void)state;
    complaint_init(&c, d("2013-02-01"));
    take(&c, opened(STAGE_INFORMAL, "2013-03-01"), "2013-03-01"); /* a Friday */
    /* Mon 4 ... Fri 8 (5), Mon 11 ... Fri 15 (10): ten calendar days would be Monday 11 */
    assert_int_equal(c.runs[0].due_on, d("2013-03-15"));
    st = state_of(&c, 0, "2013-03-16"); /* Saturday: after the due date */
    assert_int_equal(st.state, CSTATE_OVERDUE);
    assert_int_equal(st.working_days_late, 0);
    st = state_of(&c, 0, "2013-03-18"); /* Monday */
    assert_int_equal(st.working_days_late, 1);

    /* an event may be dated on a Saturday: the stage starting then is due on the same Friday
     * as one started the day before, Saturday itself not being a working day */
    complaint_init(&c, d("2013-02-01"));
    take(&c, opened(STAGE_INFORMAL, "2013-03-02"), "2013-03-02");
    assert_int_equal(c.runs[0].due_on, d("2013-03-15"));
    st = state_of(&c, 0, "2013-03-02");
    assert_int_equal(st.working_days_left, 10);
}

/* Escalation ends the stage: its state is evaluated on that day, whatever as_of says. */
static void test_escalation_and_stages_without_due(void **state)
{
    struct complaint_case c;
    struct complaint_run_state st;
    struct complaint_event e;
    (void)state;
    complaint_init(&c, d("2013-02-01"));
    take(&c, opened(STAGE_INFORMAL, "2013-03-01"), "2013-06-28");
    take(&c, escalated(STAGE_FORMAL, "2013-03-08"), "2013-06-28");
    assert_int_equal(c.nruns, 2);
    assert_int_equal(complaint_current(&c), STAGE_FORMAL);
    assert_true(c.runs[0].ended);
    assert_int_equal(c.runs[0].ended_on, d("2013-03-08"));
    st = state_of(&c, 0, "2013-06-28");
    assert_int_equal(st.state, CSTATE_ENDED_EARLY);
    assert_int_equal(st.evaluated_on, d("2013-03-08"));
    /* formal from Fri 8 March, 20 days: 11-15 (5), 18-22 (10), 25-28 (14), Good Friday 29 and
     * Easter Monday 1 April, 2-5 (18), Mon 8, Tue 9 (20) */
    assert_int_equal(c.runs[1].due_on, d("2013-04-09"));

    /* skipping stages: formal straight to advice, which has no due date */
    take(&c, escalated(STAGE_ADVICE, "2013-04-12"), "2013-06-28");
    st = state_of(&c, 1, "2013-06-28"); /* formal ended after its due date without a response */
    assert_int_equal(st.state, CSTATE_OVERDUE);
    assert_int_equal(st.working_days_late, 3); /* Wed 10, Thu 11, Fri 12 */
    assert_false(c.runs[2].has_due);
    assert_int_equal(c.runs[2].days, 0);
    assert_int_equal(c.runs[2].source, SOURCE_NONE);
    st = state_of(&c, 2, "2013-06-28");
    assert_int_equal(st.state, CSTATE_AWAITING_RESPONSE);
    assert_int_equal(st.working_days_left, 0);
    take(&c, ev(CEVENT_RESPONSE, "2013-05-01"), "2013-06-28");
    assert_int_equal(state_of(&c, 2, "2013-06-28").state, CSTATE_RESPONDED);

    /* then the ombudsman, who also has no due date; the advice stage was answered */
    e = escalated(STAGE_OMBUDSMAN, "2013-06-03");
    e.ombudsman = OMBUDSMAN_PHSO;
    take(&c, e, "2013-06-28");
    assert_int_equal(c.ombudsman, OMBUDSMAN_PHSO);
    assert_int_equal(complaint_highest(&c), STAGE_OMBUDSMAN);
    assert_int_equal(state_of(&c, 2, "2013-06-28").state, CSTATE_RESPONDED);
    assert_int_equal(state_of(&c, 3, "2013-06-28").state, CSTATE_AWAITING_RESPONSE);
    assert_int_equal(complaint_window(&c, d("2013-06-28")), CWINDOW_USED);

    /* an advice stage left without a response ended early */
    complaint_init(&c, d("2013-02-01"));
    take(&c, opened(STAGE_FORMAL, "2013-03-01"), "2013-06-28");
    take(&c, escalated(STAGE_ADVICE, "2013-03-04"), "2013-06-28");
    take(&c, escalated(STAGE_OMBUDSMAN, "2013-03-05"), "2013-06-28");
    assert_int_equal(state_of(&c, 1, "2013-06-28").state, CSTATE_ENDED_EARLY);
    assert_int_equal(state_of(&c, 0, "2013-06-28").state, CSTATE_ENDED_EARLY);
}

/* Every refusal of SPEC section 6, each leaving the case as it was. */
static void test_refusals(void **state)
{
    struct complaint_case c;
    struct complaint_event e;
    enum complaint_refusal why;
    const char *today = "2013-06-28";
    (void)state;

    /* the first event must be `opened`, at informal, formal or dispute */
    complaint_init(&c, d("2013-02-01"));
    refuse(&c, ev(CEVENT_RESPONSE, "2013-03-01"), today, CREFUSE_TYPE);
    refuse(&c, opened(STAGE_ADVICE, "2013-03-01"), today, CREFUSE_STAGE);
    refuse(&c, opened(STAGE_OMBUDSMAN, "2013-03-01"), today, CREFUSE_STAGE);
    refuse(&c, opened((enum complaint_stage)9, "2013-03-01"), today, CREFUSE_STAGE);
    refuse(&c, opened(STAGE_INFORMAL, "2013-06-29"), today, CREFUSE_OPENED_ON);
    refuse(&c, opened(STAGE_INFORMAL, "2013-01-31"), today, CREFUSE_AWARE_ON);
    take(&c, opened(STAGE_INFORMAL, "2013-02-01"), today); /* aware on the day: fine */

    /* type, dates */
    refuse(&c, opened(STAGE_INFORMAL, "2013-03-01"), today, CREFUSE_TYPE);
    refuse(&c, ev((enum complaint_event_type)42, "2013-03-01"), today, CREFUSE_TYPE);
    take(&c, ev(CEVENT_NOTE, "2013-03-01"), today);
    refuse(&c, ev(CEVENT_NOTE, "2013-02-28"), today, CREFUSE_DATE_ORDER);
    take(&c, ev(CEVENT_NOTE, "2013-03-01"), today); /* the same day is in order */
    refuse(&c, ev(CEVENT_NOTE, "2013-06-29"), today, CREFUSE_DATE_FUTURE);
    take(&c, ev(CEVENT_NOTE, "2013-06-28"), today); /* today is allowed */

    /* responses */
    complaint_init(&c, d("2013-02-01"));
    take(&c, opened(STAGE_INFORMAL, "2013-03-01"), today);
    take(&c, ev(CEVENT_RESPONSE, "2013-03-04"), today);
    refuse(&c, ev(CEVENT_RESPONSE, "2013-03-05"), today, CREFUSE_SECOND_RESPONSE);

    /* escalation: bad values first, then not later, then the ombudsman's condition */
    refuse(&c, escalated((enum complaint_stage)7, "2013-03-05"), today, CREFUSE_TO);
    refuse(&c, escalated(STAGE_INFORMAL, "2013-03-05"), today, CREFUSE_NOT_LATER);
    refuse(&c, escalated(STAGE_OMBUDSMAN, "2013-03-05"), today, CREFUSE_OMBUDSMAN_NO_FORMAL);
    e = escalated(STAGE_OMBUDSMAN, "2013-03-05");
    e.ombudsman = OMBUDSMAN_NONE;
    refuse(&c, e, today, CREFUSE_OMBUDSMAN);
    take(&c, escalated(STAGE_DISPUTE, "2013-03-05"), today); /* by two stages at once */
    refuse(&c, escalated(STAGE_FORMAL, "2013-03-06"), today, CREFUSE_NOT_LATER);
    refuse(&c, escalated(STAGE_DISPUTE, "2013-03-06"), today, CREFUSE_NOT_LATER);
    refuse(&c, escalated(STAGE_OMBUDSMAN, "2013-03-06"), today, CREFUSE_OMBUDSMAN_NO_FORMAL);
    take(&c, ev(CEVENT_RESPONSE, "2013-03-06"), today); /* a new stage takes a response */

    /* a case opened at dispute never was at formal either */
    complaint_init(&c, d("2013-02-01"));
    take(&c, opened(STAGE_DISPUTE, "2013-03-01"), today);
    take(&c, escalated(STAGE_ADVICE, "2013-03-04"), today);
    refuse(&c, escalated(STAGE_OMBUDSMAN, "2013-03-05"), today, CREFUSE_OMBUDSMAN_NO_FORMAL);

    /* closing: outcome and causes */
    complaint_init(&c, d("2013-02-01"));
    take(&c, opened(STAGE_FORMAL, "2013-03-01"), today);
    refuse(&c, closed((enum complaint_outcome)5, "2013-03-04"), today, CREFUSE_OUTCOME);
    e = closed(OUTCOME_UPHELD, "2013-03-04");
    e.ncauses = 1;
    e.causes[0] = RULE_COUNT;
    refuse(&c, e, today, CREFUSE_CAUSES);
    e.ncauses = COMPLAINT_RULES_MAX + 1;
    refuse(&c, e, today, CREFUSE_CAUSES);
    refuse(&c, ev(CEVENT_REOPENED, "2013-03-04"), today, CREFUSE_NOT_CLOSED);
    take(&c, closed(OUTCOME_UPHELD, "2013-03-04"), today);

    /* a closed case takes a note or a reopening, nothing else */
    refuse(&c, ev(CEVENT_RESPONSE, "2013-03-05"), today, CREFUSE_CLOSED);
    refuse(&c, escalated(STAGE_DISPUTE, "2013-03-05"), today, CREFUSE_CLOSED);
    refuse(&c, escalated(STAGE_OMBUDSMAN, "2013-03-05"), today, CREFUSE_CLOSED);
    refuse(&c, closed(OUTCOME_WITHDRAWN, "2013-03-05"), today, CREFUSE_CLOSED);
    take(&c, ev(CEVENT_NOTE, "2013-03-05"), today);
    refuse(&c, ev(CEVENT_REOPENED, "2013-03-04"), today, CREFUSE_DATE_ORDER);
    take(&c, ev(CEVENT_REOPENED, "2013-03-05"), today);

    /* a due date past the last year of bank holidays (2030) */
    complaint_init(&c, d("2030-12-01"));
    refuse(&c, opened(STAGE_INFORMAL, "2030-12-20"), "2030-12-31", CREFUSE_DATE_CALENDAR);

    /* a stored event whose days are out of range */
    e = opened(STAGE_INFORMAL, "2013-03-01");
    e.days = 0;
    e.source = SOURCE_DEFAULT;
    assert_int_equal(complaint_build(&c, d("2013-02-01"), &e, 1, &cal, d(today), &why),
                     ERR_INVALID);
    assert_int_equal(why, CREFUSE_DAYS);
}

/* Reopening starts the stage closed at again, as a new entry; the earlier keeps its state. */
static void test_reopen(void **state)
{
    struct complaint_case c;
    struct complaint_run_state st;
    const char *today = "2013-06-28";
    (void)state;

    complaint_init(&c, d("2013-02-01"));
    take(&c, opened(STAGE_INFORMAL, "2013-03-01"), today); /* due Fri 15 March */
    take(&c, closed(OUTCOME_RESOLVED, "2013-03-20"), today);
    assert_int_equal(c.status, CSTATUS_CLOSED);
    assert_int_equal(c.closed_on, d("2013-03-20"));
    /* closed without a response 3 working days after its due date: overdue on the day it
     * ended, and stays so however late as_of is (2n would be Tue 2 April) */
    st = state_of(&c, 0, today);
    assert_int_equal(st.state, CSTATE_OVERDUE);
    assert_int_equal(st.working_days_late, 3);
    assert_int_equal(c.runs[0].long_due_on, d("2013-04-02"));

    take(&c, ev(CEVENT_REOPENED, "2013-03-25"), today);
    assert_int_equal(c.status, CSTATUS_OPEN);
    assert_int_equal(c.nruns, 2);
    assert_int_equal(c.runs[1].stage, STAGE_INFORMAL);
    assert_int_equal(c.runs[1].started_on, d("2013-03-25"));
    /* Tue 26, Wed 27, Thu 28 (3), Easter, Tue 2 ... Fri 5 (7), Mon 8, Tue 9, Wed 10 (10) */
    assert_int_equal(c.runs[1].due_on, d("2013-04-10"));
    assert_int_equal(state_of(&c, 0, today).state, CSTATE_OVERDUE);
    st = state_of(&c, 1, "2013-04-10");
    assert_int_equal(st.state, CSTATE_AWAITING_RESPONSE);
    assert_int_equal(st.working_days_left, 0);

    /* the new entry takes a response, once */
    take(&c, ev(CEVENT_RESPONSE, "2013-04-10"), today);
    refuse(&c, ev(CEVENT_RESPONSE, "2013-04-11"), today, CREFUSE_SECOND_RESPONSE);
    assert_int_equal(state_of(&c, 1, today).state, CSTATE_RESPONDED);

    /* closed again at formal, reopened: formal again */
    take(&c, escalated(STAGE_FORMAL, "2013-04-12"), today);
    take(&c, closed(OUTCOME_PARTLY_UPHELD, "2013-04-15"), today);
    take(&c, ev(CEVENT_REOPENED, "2013-04-15"), today);
    assert_int_equal(c.nruns, 4);
    assert_int_equal(c.runs[3].stage, STAGE_FORMAL);
    assert_int_equal(c.runs[3].days, 20);
    assert_int_equal(state_of(&c, 2, today).state, CSTATE_ENDED_EARLY);
    /* the outcome of the last closing is kept while the case is open again */
    assert_int_equal(c.outcome, OUTCOME_PARTLY_UPHELD);
}

/* Due dates are fixed when a stage starts: a later change of the Compact's parameters does not
 * move them; a stage started after the change uses the new value. */
static void test_parameters_fixed_at_start(void **state)
{
    struct complaint_params compact;
    struct complaint_case c, again;
    struct complaint_event e[4];
    enum complaint_refusal why;
    const char *today = "2013-06-28";
    (void)state;

    memset(&compact, 0, sizeof(compact));
    compact.set[CPARAM_INFORMAL_RESPONSE_DAYS] = 1;
    compact.value[CPARAM_INFORMAL_RESPONSE_DAYS] = 15;
    complaint_init(&c, d("2012-12-01"));
    e[0] = opened(STAGE_INFORMAL, "2012-12-21");
    assert_int_equal(complaint_apply(&c, &e[0], &compact, &cal, d(today), &why), 0);
    assert_int_equal(e[0].days, 15);
    assert_int_equal(e[0].source, SOURCE_COMPACT);
    /* 10 days to Wed 9 January, then Thu 10, Fri 11, Mon 14, Tue 15, Wed 16 */
    assert_int_equal(c.runs[0].due_on, d("2013-01-16"));

    /* the Compact changes to 5 days; formal, not set locally, takes the national 20 */
    compact.value[CPARAM_INFORMAL_RESPONSE_DAYS] = 5;
    e[1] = escalated(STAGE_FORMAL, "2013-01-17");
    assert_int_equal(complaint_apply(&c, &e[1], &compact, &cal, d(today), &why), 0);
    assert_int_equal(e[1].days, 20);
    assert_int_equal(e[1].source, SOURCE_DEFAULT);
    assert_int_equal(c.runs[0].due_on, d("2013-01-16"));
    e[2] = closed(OUTCOME_NOT_UPHELD, "2013-01-18");
    assert_int_equal(complaint_apply(&c, &e[2], &compact, &cal, d(today), &why), 0);
    /* reopened after the change: the Compact sets formal to 25 now */
    compact.set[CPARAM_FORMAL_RESPONSE_DAYS] = 1;
    compact.value[CPARAM_FORMAL_RESPONSE_DAYS] = 25;
    e[3] = ev(CEVENT_REOPENED, "2013-01-21");
    assert_int_equal(complaint_apply(&c, &e[3], &compact, &cal, d(today), &why), 0);
    assert_int_equal(c.runs[2].days, 25);
    assert_int_equal(c.runs[2].source, SOURCE_COMPACT);
    assert_int_equal(c.runs[1].days, 20);

    /* rebuilt from the stored events: the same due dates, whatever the parameters are now */
    assert_int_equal(complaint_build(&again, d("2012-12-01"), e, 4, &cal, d(today), &why), 0);
    assert_int_equal(why, CREFUSE_NONE);
    assert_int_equal(again.nruns, 3);
    assert_int_equal(again.runs[0].due_on, d("2013-01-16"));
    assert_int_equal(again.runs[0].days, 15);
    assert_int_equal(again.runs[1].due_on, c.runs[1].due_on);
    assert_int_equal(again.runs[2].due_on, c.runs[2].due_on);
    assert_memory_equal(&again, &c, sizeof(c));

    /* a local value out of range is not used: the national default applies */
    compact.value[CPARAM_INFORMAL_RESPONSE_DAYS] = 0;
    {
        enum param_source src;
        assert_int_equal(complaint_days(&compact, STAGE_INFORMAL, &src), 10);
        assert_int_equal(src, SOURCE_DEFAULT);
        assert_int_equal(complaint_days(&compact, STAGE_FORMAL, &src), 25);
        assert_int_equal(src, SOURCE_COMPACT);
        assert_int_equal(complaint_days(NULL, STAGE_DISPUTE, &src), 40);
        assert_int_equal(src, SOURCE_DEFAULT);
        assert_int_equal(complaint_days(&compact, STAGE_ADVICE, &src), 0);
        assert_int_equal(src, SOURCE_NONE);
    }
}

/* As of D: the case as it stood at the end of D, events after it left out. */
static void test_as_of(void **state)
{
    struct complaint_event e[3];
    struct complaint_case c;
    struct complaint_run_state st;
    enum complaint_refusal why;
    (void)state;

    e[0] = opened(STAGE_INFORMAL, "2012-12-21");
    e[0].days = 10;
    e[0].source = SOURCE_DEFAULT;
    e[1] = ev(CEVENT_RESPONSE, "2013-01-15");
    e[2] = escalated(STAGE_FORMAL, "2013-01-16");
    e[2].days = 20;
    e[2].source = SOURCE_DEFAULT;

    assert_int_equal(complaint_build(&c, d("2012-11-20"), e, 3, &cal, d("2012-12-20"), &why), 0);
    assert_int_equal(c.nruns, 0); /* before it opened */
    assert_int_equal(c.nevents, 0);

    assert_int_equal(complaint_build(&c, d("2012-11-20"), e, 3, &cal, d("2013-01-09"), &why), 0);
    assert_int_equal(c.nevents, 1);
    st = state_of(&c, 0, "2013-01-09");
    assert_int_equal(st.state, CSTATE_AWAITING_RESPONSE);

    assert_int_equal(complaint_build(&c, d("2012-11-20"), e, 3, &cal, d("2013-01-14"), &why), 0);
    st = state_of(&c, 0, "2013-01-14");
    assert_int_equal(st.state, CSTATE_OVERDUE);
    assert_int_equal(st.working_days_late, 3); /* Thu 10, Fri 11, Mon 14 */

    assert_int_equal(complaint_build(&c, d("2012-11-20"), e, 3, &cal, d("2013-01-15"), &why), 0);
    st = state_of(&c, 0, "2013-01-15");
    assert_int_equal(st.state, CSTATE_RESPONDED_LATE);
    assert_int_equal(st.working_days_late, 4);
    assert_int_equal(c.nruns, 1);

    assert_int_equal(complaint_build(&c, d("2012-11-20"), e, 3, &cal, d("2013-01-16"), &why), 0);
    assert_int_equal(c.nruns, 2);
    assert_int_equal(complaint_current(&c), STAGE_FORMAL);
    assert_int_equal(state_of(&c, 0, "2013-01-16").state, CSTATE_RESPONDED_LATE);
}

/* The ombudsman window: add_months(aware_on, 12), closing in its last month. */
static void test_ombudsman_window(void **state)
{
    struct complaint_case c;
    const char *today = "2014-06-30";
    (void)state;

    complaint_init(&c, d("2012-11-20"));
    take(&c, opened(STAGE_INFORMAL, "2012-12-21"), today);
    assert_int_equal(complaint_ombudsman_deadline(c.aware_on), d("2013-11-20"));
    assert_int_equal(complaint_window(&c, d("2013-10-19")), CWINDOW_OPEN);
    assert_int_equal(complaint_window(&c, d("2013-10-20")), CWINDOW_CLOSING);
    assert_int_equal(complaint_window(&c, d("2013-11-20")), CWINDOW_CLOSING);
    assert_int_equal(complaint_window(&c, d("2013-11-21")), CWINDOW_PASSED);

    /* escalated on the deadline: in time */
    take(&c, escalated(STAGE_FORMAL, "2013-01-10"), today);
    take(&c, escalated(STAGE_OMBUDSMAN, "2013-11-20"), today);
    assert_false(c.ombudsman_late);
    assert_int_equal(c.ombudsman, OMBUDSMAN_LGO);
    assert_int_equal(complaint_window(&c, d("2013-11-21")), CWINDOW_USED);

    /* the day after: accepted, and late */
    complaint_init(&c, d("2012-11-20"));
    take(&c, opened(STAGE_FORMAL, "2012-12-21"), today);
    take(&c, escalated(STAGE_OMBUDSMAN, "2013-11-21"), today);
    assert_true(c.ombudsman_late);

    /* 29 February: the deadline is the last day of February a year later */
    assert_int_equal(complaint_ombudsman_deadline(d("2012-02-29")), d("2013-02-28"));
    assert_int_equal(complaint_ombudsman_deadline(d("2015-02-28")), d("2016-02-28"));
    assert_int_equal(complaint_ombudsman_deadline(d("2012-01-31")), d("2013-01-31"));
    /* the closing month of a deadline on 31 March starts on 28 February (no 31 February) */
    complaint_init(&c, d("2012-03-31"));
    assert_int_equal(complaint_window(&c, d("2013-02-27")), CWINDOW_OPEN);
    assert_int_equal(complaint_window(&c, d("2013-02-28")), CWINDOW_CLOSING);
}

static struct complaint_summary summary(enum complaint_stage highest, int closed_,
                                        enum complaint_outcome o, size_t on_time, size_t base)
{
    struct complaint_summary s;
    memset(&s, 0, sizeof(s));
    s.year = 2013;
    s.highest = highest;
    s.closed = closed_;
    s.outcome = o;
    s.on_time = on_time;
    s.due_counted = base;
    return s;
}

/* Statistics with SPEC's suppression. */
static void test_stats(void **state)
{
    static const enum rule notice_twice[] = {RULE_FUNDING_NOTICE, RULE_FUNDING_NOTICE};
    static const enum rule notice[] = {RULE_FUNDING_NOTICE};
    static const enum rule length[] = {RULE_CONSULTATION_LENGTH};
    struct complaint_summary s[12];
    struct complaint_stats st;
    (void)state;

    /* highest stage: 6 informal, 5 formal, 1 dispute; outcome: 6 upheld, 2 not upheld, 4 open */
    for (size_t i = 0; i < 12; i++) {
        enum complaint_stage h = i < 6 ? STAGE_INFORMAL : i < 11 ? STAGE_FORMAL : STAGE_DISPUTE;
        s[i] = summary(h, i < 8, i < 6 ? OUTCOME_UPHELD : OUTCOME_NOT_UPHELD, 0, 0);
    }
    /* causes: funding.notice in 7 cases (one names it twice), consultation.length in 1 */
    for (size_t i = 0; i < 7; i++) {
        s[i].causes = i == 0 ? notice_twice : notice;
        s[i].ncauses = i == 0 ? 2 : 1;
    }
    s[7].causes = length;
    s[7].ncauses = 1;
    /* responses: 7 on time of 10 counted */
    for (size_t i = 0; i < 10; i++) {
        s[i].due_counted = 1;
        s[i].on_time = i < 7;
    }

    complaint_stats(s, 12, &st);
    assert_int_equal(st.opened.n, 12);
    assert_false(st.opened.hidden);
    /* dispute's 1 is hidden, and so the smallest other non-zero cell, formal's 5; zeros shown */
    assert_int_equal(st.by_stage[STAGE_INFORMAL].n, 6);
    assert_false(st.by_stage[STAGE_INFORMAL].hidden);
    assert_int_equal(st.by_stage[STAGE_FORMAL].n, 5);
    assert_true(st.by_stage[STAGE_FORMAL].hidden);
    assert_int_equal(st.by_stage[STAGE_DISPUTE].n, 1);
    assert_true(st.by_stage[STAGE_DISPUTE].hidden);
    assert_int_equal(st.by_stage[STAGE_ADVICE].n, 0);
    assert_false(st.by_stage[STAGE_ADVICE].hidden);
    assert_false(st.by_stage[STAGE_OMBUDSMAN].hidden);
    /* two cells under 5 (2 and 4): nothing more hidden */
    assert_int_equal(st.by_outcome[OUTCOME_UPHELD].n, 6);
    assert_false(st.by_outcome[OUTCOME_UPHELD].hidden);
    assert_int_equal(st.by_outcome[OUTCOME_NOT_UPHELD].n, 2);
    assert_true(st.by_outcome[OUTCOME_NOT_UPHELD].hidden);
    assert_int_equal(st.by_outcome[COMPLAINT_OUTCOME_OPEN].n, 4);
    assert_true(st.by_outcome[COMPLAINT_OUTCOME_OPEN].hidden);
    assert_int_equal(st.by_outcome[OUTCOME_RESOLVED].n, 0);
    assert_false(st.by_outcome[OUTCOME_RESOLVED].hidden);
    /* a cause counts a case once */
    assert_int_equal(st.by_cause[RULE_FUNDING_NOTICE].n, 7);
    assert_true(st.by_cause[RULE_FUNDING_NOTICE].hidden);
    assert_int_equal(st.by_cause[RULE_CONSULTATION_LENGTH].n, 1);
    assert_true(st.by_cause[RULE_CONSULTATION_LENGTH].hidden);
    assert_false(st.by_cause[RULE_AWARD_DURATION].hidden);
    /* the share on a base of exactly 10 is shown */
    assert_int_equal(st.on_time, 7);
    assert_int_equal(st.on_time_base, 10);
    assert_true(st.share_shown);
    assert_true(st.on_time_share > 0.6999 && st.on_time_share < 0.7001);

    /* on a base of 9 it is not */
    s[9].due_counted = 0;
    complaint_stats(s, 12, &st);
    assert_int_equal(st.on_time_base, 9);
    assert_false(st.share_shown);
    assert_true(st.on_time_share == 0.0);

    /* 5 cases opened are shown, 4 are "fewer than 5" */
    complaint_stats(s, 5, &st);
    assert_int_equal(st.opened.n, 5);
    assert_false(st.opened.hidden);
    complaint_stats(s, 4, &st);
    assert_int_equal(st.opened.n, 4);
    assert_true(st.opened.hidden);
    /* the only non-zero cell: nothing else to hide */
    assert_true(st.by_stage[STAGE_INFORMAL].hidden);
    assert_false(st.by_stage[STAGE_FORMAL].hidden);
    /* no case: zeros, shown */
    complaint_stats(s, 0, &st);
    assert_int_equal(st.opened.n, 0);
    assert_false(st.opened.hidden);
    assert_false(st.share_shown);
}

/* A case as the statistics count it. */
static void test_summarise(void **state)
{
    struct complaint_case c;
    struct complaint_summary s;
    struct complaint_event e;
    const char *today = "2013-06-28";
    (void)state;

    complaint_init(&c, d("2012-11-20"));
    take(&c, opened(STAGE_INFORMAL, "2012-12-21"), today);
    complaint_summarise(&cal, &c, d("2013-01-09"), &s);
    assert_int_equal(s.year, 2012);
    assert_int_equal(s.on_time, 0);
    assert_int_equal(s.due_counted, 0); /* awaiting a response: not counted yet */
    complaint_summarise(&cal, &c, d("2013-01-10"), &s);
    assert_int_equal(s.due_counted, 1); /* overdue */
    assert_int_equal(s.on_time, 0);

    take(&c, ev(CEVENT_RESPONSE, "2013-01-11"), today);     /* late */
    take(&c, escalated(STAGE_FORMAL, "2013-01-14"), today); /* due 11 February */
    take(&c, ev(CEVENT_RESPONSE, "2013-02-01"), today);     /* on time */
    take(&c, escalated(STAGE_ADVICE, "2013-02-04"), today); /* no due date: not counted */
    e = closed(OUTCOME_UPHELD, "2013-03-01");
    e.ncauses = 2;
    e.causes[0] = RULE_FUNDING_NOTICE;
    e.causes[1] = RULE_FUNDING_REASONS;
    take(&c, e, today);
    complaint_summarise(&cal, &c, d(today), &s);
    assert_int_equal(s.highest, STAGE_ADVICE);
    assert_true(s.closed);
    assert_int_equal(s.outcome, OUTCOME_UPHELD);
    assert_int_equal(s.on_time, 1);
    assert_int_equal(s.due_counted, 2);
    assert_int_equal(s.ncauses, 2);
    assert_int_equal(s.causes[1], RULE_FUNDING_REASONS);
}

/* The stages a case holds are bounded: the reopening that would pass them is refused. */
static void test_too_many_stages(void **state)
{
    struct complaint_case c;
    const char *today = "2013-06-28";
    (void)state;
    complaint_init(&c, d("2013-01-01"));
    take(&c, opened(STAGE_INFORMAL, "2013-01-02"), today);
    for (size_t i = 1; i < COMPLAINT_STAGES_MAX; i++) {
        take(&c, closed(OUTCOME_WITHDRAWN, "2013-01-03"), today);
        take(&c, ev(CEVENT_REOPENED, "2013-01-03"), today);
    }
    assert_int_equal(c.nruns, COMPLAINT_STAGES_MAX);
    take(&c, closed(OUTCOME_WITHDRAWN, "2013-01-03"), today);
    refuse(&c, ev(CEVENT_REOPENED, "2013-01-03"), today, CREFUSE_TOO_MANY_STAGES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_refusal_table),
        cmocka_unit_test(test_rules_parse),
        cmocka_unit_test(test_friday_before_christmas_2012),
        cmocka_unit_test(test_response_on_and_after_due),
        cmocka_unit_test(test_friday_before_christmas_2026),
        cmocka_unit_test(test_jubilee_2012),
        cmocka_unit_test(test_state_funeral_2022),
        cmocka_unit_test(test_dispute_and_due_next),
        cmocka_unit_test(test_weekends),
        cmocka_unit_test(test_escalation_and_stages_without_due),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_reopen),
        cmocka_unit_test(test_parameters_fixed_at_start),
        cmocka_unit_test(test_as_of),
        cmocka_unit_test(test_ombudsman_window),
        cmocka_unit_test(test_stats),
        cmocka_unit_test(test_summarise),
        cmocka_unit_test(test_too_many_stages),
    };
    return cmocka_run_group_tests(tests, calendar_setup, calendar_teardown);
}
