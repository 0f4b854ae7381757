/*
 * Complaints for the person asking (app/cases.c), on SQLite and PostgreSQL: a case raised and
 * read back with its deadlines; who sees and changes it, by object (this Compact's coordinator,
 * another's; the complainant's member, the respondent's, a third organisation's; nobody signed
 * in); refusals that store nothing; the state kept with every event; the days a stage starts
 * with fixed then; the statistics counted by the database equal to core's over the rebuilt
 * cases, suppressed; the overdue list; the actions offered; the calendar feed's secret.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store_backend.h"
#include "calendar_fixture.h"

#include "app/cases.h"
#include "store/store.h"
#include "store/store_int.h"
#include "base/err.h"

STORE_TEST_FIXTURE

/* Nine people: members of the complainant (1), the respondent (2) and a third organisation
 * (3); the coordinators of Leeds (4) and of Birmingham (5); an admin (6); nobody (7). */
static const struct user complainant = {
    1, "c@example.org", "Cara", ROLE_MEMBER, "GB-CHC-3000001", 0, "x"};
static const struct user respondent = {2,  "r@example.org", "Ravi", ROLE_MEMBER, "GB-NHS-RR8", 0,
                                       "x"};
static const struct user third = {3, "t@example.org", "Tom", ROLE_MEMBER, "GB-CHC-3000002", 0, "x"};
static const struct user leeds = {4, "l@example.org", "Lena", ROLE_COORDINATOR, NULL, 0, "x"};
static const struct user brum = {5, "b@example.org", "Bola", ROLE_COORDINATOR, NULL, 0, "x"};
static const struct user admin = {6, "a@example.org", "Ann", ROLE_ADMIN, NULL, 0, "x"};
static const struct user nobody = {0, NULL, NULL, ROLE_PUBLIC, NULL, 0, NULL};

/* Run sql on the store under test, saying why it failed. */
static int fixture_exec(const char *sql)
{
    if (db_exec(st->db, sql) != DB_OK) {
        print_error("%s\n", db_errmsg(st->db));
        return -1;
    }
    return 0;
}

static int setup_db(void **state)
{
    if (setup(state)) {
        return -1;
    }
    return fixture_exec(
        "INSERT INTO organisation (id, org_id, name, sector, type, created_at, updated_at) VALUES "
        "(100001, 'GB-CHC-3000001', 'Leeds Carers', 'vcs', 'charity', 'x', 'x'), "
        "(100002, 'GB-CHC-3000002', 'Leeds Mind', 'vcs', 'charity', 'x', 'x'), "
        "(100003, 'GB-NHS-RR8', 'Leeds Teaching Hospitals', 'statutory', 'nhs', 'x', 'x'); "
        "INSERT INTO compact (id, name, created_at) VALUES (1, 'Leeds Compact', 'x'), "
        "(2, 'Birmingham Compact', 'x'); "
        "INSERT INTO \"user\" (id, email, name, role, org_id, created_at) VALUES "
        "(1, 'c@example.org', 'Cara', 'member', 'GB-CHC-3000001', 'x'), "
        "(2, 'r@example.org', 'Ravi', 'member', 'GB-NHS-RR8', 'x'), "
        "(3, 't@example.org', 'Tom', 'member', 'GB-CHC-3000002', 'x'), "
        "(4, 'l@example.org', 'Lena', 'coordinator', NULL, 'x'), "
        "(5, 'b@example.org', 'Bola', 'coordinator', NULL, 'x'), "
        "(6, 'a@example.org', 'Ann', 'admin', NULL, 'x'); "
        "INSERT INTO compact_coordinator (compact_id, user_id) VALUES (1, 4), (2, 5)");
}

static long long count(const char *sql)
{
    return test_number(st->db, sql);
}

/* Everything a refused request might have stored. */
static long long stored(void)
{
    return count("SELECT (SELECT count(*) FROM complaint) + (SELECT count(*) FROM "
                 "complaint_event) + (SELECT count(*) FROM audit) + (SELECT count(*) FROM "
                 "complaint_stage) + (SELECT count(*) FROM complaint_cause)");
}

/* A case on Compact compact, by u, opened on opened at informal; asserts ret. */
static long long raise(const struct user *u, long long compact, const char *opened, int ret)
{
    static const char *const rules[] = {"funding.notice"};
    struct case_new in = {
        .compact_id = compact,
        .complainant = "gb-chc-3000001", /* any case */
        .respondent = "100003",          /* its number */
        .title = "Grant ended without notice",
        .summary = "The carers' grant ended with two weeks' notice.",
        .aware_on = "2012-11-20",
        .opened_on = opened,
        .rules = rules,
        .nrules = 1,
    };
    struct case_refusal why;
    long long id = -1;

    assert_int_equal(cases_create(st, u, &cal, &in, d("2013-06-01"), &arena, &id, &why), ret);
    return id;
}

/* Add an event to case id as u dated date; asserts ret. */
static void event(const struct user *u, long long id, const char *type, const char *date,
                  const char *to, const char *outcome, int ret)
{
    static const char *const causes[] = {"funding.notice", "funding.reasons"};
    struct case_event_new in = {.type = type,
                                .date = date,
                                .to = to,
                                .outcome = outcome,
                                .causes = causes,
                                .ncauses = outcome ? 2 : 0,
                                .note = "noted",
                                .remedy = outcome ? "An apology" : NULL};
    struct case_refusal why;

    if (to && !strcmp(to, "ombudsman")) {
        in.ombudsman = "lgo";
    }
    assert_int_equal(cases_add_event(st, u, &cal, id, &in, d("2013-06-01"), &arena, &why), ret);
}

static void test_raise_and_read(void **state)
{
    struct case_record c;
    long long id;
    (void)state;

    id = raise(&complainant, 1, "2012-12-21", 0);
    assert_true(id > 0);
    assert_int_equal(cases_read(st, &complainant, &cal, id, d("2013-01-10"), &arena, &c), 0);
    assert_string_equal(c.title, "Grant ended without notice");
    assert_string_equal(c.compact_name, "Leeds Compact");
    assert_string_equal(c.complainant.org_id, "GB-CHC-3000001");
    assert_string_equal(c.respondent.name, "Leeds Teaching Hospitals");
    assert_int_equal(c.nrules, 1);
    assert_int_equal(c.rules[0], RULE_FUNDING_NOTICE);
    assert_int_equal(c.nevents, 1);
    assert_int_equal(c.events[0].n, 1);
    assert_int_equal(c.events[0].e.type, CEVENT_OPENED);
    assert_string_equal(c.events[0].e.by, "user:1");
    assert_string_equal(c.events[0].by_name, "Cara");
    assert_int_equal(c.c.nruns, 1);
    /* Friday 21 December 2012 with 10 working days: Wednesday 9 January 2013 (SPEC) */
    assert_int_equal(c.c.runs[0].due_on, d("2013-01-09"));
    assert_int_equal(c.c.runs[0].source, SOURCE_DEFAULT);
    assert_int_equal(c.states[0].state, CSTATE_OVERDUE);
    assert_int_equal(c.ombudsman_deadline, d("2013-11-20"));
    assert_int_equal(count("SELECT count(*) FROM audit WHERE kind = 'complaint' AND "
                           "action = 'create' AND actor = 'user:1'"),
                     1);
    assert_int_equal(count("SELECT count(*) FROM complaint WHERE status = 'open' AND "
                           "stage = 'informal' AND due_on = '2013-01-09' AND awaiting = 1"),
                     1);
}

static void test_who_sees_it(void **state)
{
    struct case_record c;
    const struct user *may[] = {&complainant, &respondent, &leeds, &admin, NULL};
    const struct user *may_not[] = {&third, &brum, &nobody};
    long long id;
    (void)state;

    id = raise(&complainant, 1, "2012-12-21", 0);
    for (size_t i = 0; i < sizeof(may) / sizeof(may[0]); i++) {
        assert_int_equal(cases_read(st, may[i], &cal, id, d("2013-01-10"), &arena, &c), 0);
    }
    for (size_t i = 0; i < sizeof(may_not) / sizeof(may_not[0]); i++) {
        assert_int_equal(cases_read(st, may_not[i], &cal, id, d("2013-01-10"), &arena, &c),
                         ERR_NOT_FOUND);
        event(may_not[i], id, "note", "2013-01-10", NULL, NULL, ERR_NOT_FOUND);
    }
    assert_int_equal(cases_read(st, &admin, &cal, id + 100, d("2013-01-10"), &arena, &c),
                     ERR_NOT_FOUND);
}

static void test_who_raises_it(void **state)
{
    long long before;
    (void)state;

    before = stored();
    raise(&nobody, 1, "2012-12-21", ERR_FORBIDDEN);
    raise(&third, 1, "2012-12-21", ERR_FORBIDDEN);      /* not their organisation */
    raise(&respondent, 1, "2012-12-21", ERR_FORBIDDEN); /* as the complainant: no */
    raise(&admin, 99, "2012-12-21", ERR_NOT_FOUND);
    raise(&brum, 1, "2012-12-21", ERR_FORBIDDEN); /* a coordinator of another Compact */
    { /* refused before anything of the case is looked at */
        struct case_new blank = {.compact_id = 1};
        struct case_refusal why;
        long long id;
        assert_int_equal(cases_create(st, &brum, &cal, &blank, d("2013-06-01"), &arena, &id, &why),
                         ERR_FORBIDDEN);
        assert_int_equal(
            cases_create(st, &nobody, &cal, &blank, d("2013-06-01"), &arena, &id, &why),
            ERR_FORBIDDEN);
        assert_int_equal(cases_create(st, &leeds, &cal, &blank, d("2013-06-01"), &arena, &id, &why),
                         ERR_INVALID);
    }
    assert_int_equal(stored(), before);
    assert_true(raise(&leeds, 1, "2012-12-21", 0) > 0); /* this Compact's coordinator */
    assert_true(raise(&brum, 2, "2012-12-21", 0) > 0);  /* and Birmingham's on theirs */
    assert_true(raise(&admin, 2, "2012-12-21", 0) > 0);
    assert_true(raise(&complainant, 2, "2012-12-21", 0) > 0); /* a member on any Compact */
    assert_true(raise(NULL, 2, "2012-12-21", 0) > 0);         /* the command line */
}

static void test_who_changes_it(void **state)
{
    long long id, before;
    (void)state;

    id = raise(&complainant, 1, "2012-12-21", 0);
    before = stored();
    event(&respondent, id, "escalated", "2013-01-10", "formal", NULL, ERR_FORBIDDEN);
    event(&complainant, id, "response", "2013-01-10", NULL, NULL, ERR_FORBIDDEN);
    event(&complainant, id, "closed", "2013-01-10", NULL, "upheld", ERR_FORBIDDEN);
    assert_int_equal(stored(), before);
    event(&respondent, id, "response", "2013-01-08", NULL, NULL, 0);
    event(&respondent, id, "note", "2013-01-08", NULL, NULL, 0);
    event(&complainant, id, "escalated", "2013-01-10", "formal", NULL, 0);
    event(&complainant, id, "closed", "2013-01-11", NULL, "withdrawn", 0);
    before = stored();
    event(&complainant, id, "reopened", "2013-01-12", NULL, NULL, ERR_FORBIDDEN);
    event(&respondent, id, "reopened", "2013-01-12", NULL, NULL, ERR_FORBIDDEN);
    assert_int_equal(stored(), before);
    event(&leeds, id, "reopened", "2013-01-12", NULL, NULL, 0);
    event(&leeds, id, "closed", "2013-01-14", NULL, "upheld", 0);
    assert_int_equal(count("SELECT count(*) FROM complaint_event"), 7);
    assert_int_equal(count("SELECT count(*) FROM audit WHERE kind = 'complaint'"), 7);
}

static void test_refusals_store_nothing(void **state)
{
    struct case_event_new bad = {.type = "escalated", .date = "2013-01-10", .to = "informal"};
    struct case_new in = {.compact_id = 1,
                          .complainant = "GB-CHC-9999999",
                          .respondent = "GB-NHS-RR8",
                          .title = "A title",
                          .aware_on = "2012-11-20",
                          .opened_on = "2012-12-21"};
    struct case_refusal why;
    long long id, before, nid;
    (void)state;

    id = raise(&complainant, 1, "2012-12-21", 0);
    event(&respondent, id, "response", "2013-01-08", NULL, NULL, 0);
    before = stored();
    assert_int_equal(cases_add_event(st, &admin, &cal, id, &bad, d("2013-06-01"), &arena, &why),
                     ERR_CONFLICT);
    assert_int_equal(why.refusal, CREFUSE_NOT_LATER);
    assert_string_equal(why.field, "to");
    event(&respondent, id, "response", "2013-01-09", NULL, NULL, ERR_CONFLICT);    /* second */
    event(&admin, id, "escalated", "2013-01-10", "ombudsman", NULL, ERR_CONFLICT); /* no formal */
    event(&admin, id, "note", "2013-01-07", NULL, NULL, ERR_INVALID); /* before the last */
    event(&admin, id, "note", "2013-06-02", NULL, NULL, ERR_INVALID); /* after today */
    event(&admin, id, "note", "10/01/2013", NULL, NULL, ERR_INVALID); /* malformed */
    event(&admin, id, "escalated", "2013-01-10", "court", NULL, ERR_INVALID);
    event(&admin, id, "closed", "2013-01-10", NULL, "won", ERR_INVALID);
    event(&admin, id, "opened", "2013-01-10", NULL, NULL, ERR_INVALID);
    assert_int_equal(stored(), before);
    assert_int_equal(cases_create(st, &admin, &cal, &in, d("2013-06-01"), &arena, &nid, &why),
                     ERR_INVALID);
    assert_int_equal(why.refusal, CREFUSE_COMPLAINANT);
    in.complainant = "GB-CHC-3000001";
    in.opened_on = "2013-06-02";
    assert_int_equal(cases_create(st, &admin, &cal, &in, d("2013-06-01"), &arena, &nid, &why),
                     ERR_INVALID);
    assert_int_equal(why.refusal, CREFUSE_OPENED_ON);
    in.opened_on = "2012-12-21";
    in.respondent = "GB-CHC-3000001";
    assert_int_equal(cases_create(st, &admin, &cal, &in, d("2013-06-01"), &arena, &nid, &why),
                     ERR_INVALID);
    assert_string_equal(why.field, "respondent");
    in.respondent = "GB-NHS-RR8";
    in.activity_id = 42;
    assert_int_equal(cases_create(st, &admin, &cal, &in, d("2013-06-01"), &arena, &nid, &why),
                     ERR_INVALID);
    assert_string_equal(why.field, "activity_id");
    assert_int_equal(stored(), before);
}

static void test_state_kept_with_every_event(void **state)
{
    long long id;
    (void)state;

    id = raise(&complainant, 1, "2012-12-21", 0);
    event(&complainant, id, "escalated", "2013-01-10", "formal", NULL, 0);
    /* Thursday 10 January 2013 with 20 working days: Thursday 7 February */
    assert_int_equal(count("SELECT count(*) FROM complaint WHERE status = 'open' AND stage = "
                           "'formal' AND highest = 'formal' AND due_on = '2013-02-07' AND "
                           "awaiting = 1 AND nstages = 2 AND outcome IS NULL"),
                     1);
    assert_int_equal(count("SELECT count(*) FROM complaint_stage WHERE n = 1 AND "
                           "ended_on = '2013-01-10' AND responded_on IS NULL"),
                     1);
    event(&leeds, id, "closed", "2013-01-14", NULL, "upheld", 0);
    assert_int_equal(count("SELECT count(*) FROM complaint WHERE status = 'closed' AND "
                           "outcome = 'upheld' AND awaiting = 0 AND due_on IS NULL"),
                     1);
    assert_int_equal(count("SELECT count(*) FROM complaint_cause"), 2);
    event(&admin, id, "reopened", "2013-01-15", NULL, NULL, 0);
    assert_int_equal(count("SELECT count(*) FROM complaint WHERE status = 'open' AND stage = "
                           "'formal' AND highest = 'formal' AND outcome IS NULL AND "
                           "awaiting = 1 AND due_on = '2013-02-12' AND nstages = 3"),
                     1);
    assert_int_equal(count("SELECT count(*) FROM complaint_cause"), 2); /* the last closing's */
    event(&respondent, id, "response", "2013-01-16", NULL, NULL, 0);
    assert_int_equal(count("SELECT count(*) FROM complaint WHERE awaiting = 0 AND "
                           "due_on IS NULL AND nevents = 5"),
                     1);
}

static void test_days_fixed_when_a_stage_starts(void **state)
{
    struct case_record c;
    long long id;
    (void)state;

    assert_int_equal(db_exec(st->db, "INSERT INTO complaint_parameter (compact_id, name, value) "
                                     "VALUES (1, 'informal_response_days', 5)"),
                     DB_OK);
    id = raise(&complainant, 1, "2012-12-21", 0);
    assert_int_equal(db_exec(st->db, "UPDATE complaint_parameter SET value = 15 "
                                     "WHERE compact_id = 1; INSERT INTO complaint_parameter "
                                     "(compact_id, name, value) VALUES "
                                     "(1, 'formal_response_days', 3)"),
                     DB_OK);
    event(&complainant, id, "escalated", "2013-01-10", "formal", NULL, 0);
    assert_int_equal(cases_read(st, &leeds, &cal, id, d("2013-01-10"), &arena, &c), 0);
    assert_int_equal(c.c.runs[0].days, 5);
    assert_int_equal(c.c.runs[0].source, SOURCE_COMPACT);
    assert_int_equal(c.c.runs[0].due_on, d("2013-01-02")); /* 24, 27, 28, 31 Dec, 2 Jan */
    assert_int_equal(c.c.runs[1].days, 3);
    assert_int_equal(c.c.runs[1].due_on, d("2013-01-15"));
    /* and on another Compact, the national default */
    id = raise(&complainant, 2, "2012-12-21", 0);
    assert_int_equal(cases_read(st, &admin, &cal, id, d("2013-01-10"), &arena, &c), 0);
    assert_int_equal(c.c.runs[0].days, 10);
    assert_int_equal(c.c.runs[0].source, SOURCE_DEFAULT);
}

/* Twelve cases opened Monday 7 January 2013 (due 21 January): nine answered on time, one late,
 * two not at all; two of those answered closed upheld. */
static void twelve(long long ids[12])
{
    for (int i = 0; i < 12; i++) {
        ids[i] = raise(&complainant, 1, "2013-01-07", 0);
        if (i < 9) {
            event(&respondent, ids[i], "response", "2013-01-10", NULL, NULL, 0);
        } else if (i == 9) {
            event(&respondent, ids[i], "response", "2013-01-25", NULL, NULL, 0);
        }
        if (i < 2) {
            event(&leeds, ids[i], "closed", "2013-02-01", NULL, "upheld", 0);
        }
    }
}

static void same_count(const struct complaint_count *a, const struct complaint_count *b)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->hidden, b->hidden);
}

static void same_stats(const struct complaint_stats *a, const struct complaint_stats *b)
{
    same_count(&a->opened, &b->opened);
    for (int i = 0; i < STAGE_COUNT; i++) {
        same_count(&a->by_stage[i], &b->by_stage[i]);
    }
    for (int i = 0; i <= OUTCOME_COUNT; i++) {
        same_count(&a->by_outcome[i], &b->by_outcome[i]);
    }
    for (int i = 0; i < RULE_COUNT; i++) {
        same_count(&a->by_cause[i], &b->by_cause[i]);
    }
    assert_int_equal(a->on_time, b->on_time);
    assert_int_equal(a->on_time_base, b->on_time_base);
    assert_int_equal(a->share_shown, b->share_shown);
    assert_true(a->on_time_share == b->on_time_share);
}

static void test_statistics(void **state)
{
    struct complaint_stats s, core;
    struct complaint_summary sums[12];
    static struct case_record cs[12];
    long long ids[12];
    int *years;
    size_t nyears;
    (void)state;

    twelve(ids);
    raise(&complainant, 2, "2012-12-21", 0);
    assert_int_equal(cases_stats(st, &cal, 1, 0, d("2013-03-01"), &arena, &s, &years, &nyears), 0);
    assert_int_equal(s.opened.n, 12);
    assert_false(s.opened.hidden);
    assert_int_equal(s.by_stage[STAGE_INFORMAL].n, 12);
    assert_int_equal(s.by_outcome[COMPLAINT_OUTCOME_OPEN].n, 10);
    assert_int_equal(s.by_outcome[OUTCOME_UPHELD].n, 2);
    assert_true(s.by_outcome[OUTCOME_UPHELD].hidden);
    assert_true(s.by_outcome[COMPLAINT_OUTCOME_OPEN].hidden); /* else 2 = 12 - 10 */
    assert_false(s.by_outcome[OUTCOME_RESOLVED].hidden);      /* zeros are shown */
    assert_int_equal(s.by_cause[RULE_FUNDING_NOTICE].n, 2);
    assert_true(s.by_cause[RULE_FUNDING_NOTICE].hidden);
    assert_int_equal(s.on_time, 9);
    assert_int_equal(s.on_time_base, 12);
    assert_true(s.share_shown);
    assert_true(s.on_time_share > 0.74 && s.on_time_share < 0.76);
    assert_int_equal(nyears, 1);
    assert_int_equal(years[0], 2013);

    /* the same as core counts over the cases rebuilt from their events */
    for (int i = 0; i < 12; i++) { /* a summary borrows its case's causes */
        assert_int_equal(cases_read(st, NULL, &cal, ids[i], d("2013-03-01"), &arena, &cs[i]), 0);
        complaint_summarise(&cal, &cs[i].c, d("2013-03-01"), &sums[i]);
    }
    complaint_stats(sums, 12, &core);
    same_stats(&s, &core);

    /* on 15 January nothing was overdue yet: only the nine answered count */
    assert_int_equal(cases_stats(st, &cal, 1, 2013, d("2013-01-15"), &arena, &s, NULL, NULL), 0);
    assert_int_equal(s.on_time, 9);
    assert_int_equal(s.on_time_base, 9);
    assert_false(s.share_shown);
    assert_int_equal(cases_stats(st, &cal, 0, 0, d("2013-03-01"), &arena, &s, &years, &nyears), 0);
    assert_int_equal(s.opened.n, 13);
    assert_int_equal(nyears, 2);
    assert_int_equal(cases_stats(st, &cal, 1, 2012, d("2013-03-01"), &arena, &s, NULL, NULL), 0);
    assert_int_equal(s.opened.n, 0);
    assert_false(s.opened.hidden);
    assert_int_equal(cases_stats(st, &cal, 99, 0, d("2013-03-01"), &arena, &s, NULL, NULL),
                     ERR_NOT_FOUND);
}

/* How many cases u's list of f holds as of 1 March 2013. */
static size_t listed(const struct user *u, const struct case_filter *f)
{
    struct case_record *cs;
    size_t n, counted;

    assert_int_equal(cases_list(st, u, &cal, f, d("2013-03-01"), &arena, &cs, &n), 0);
    assert_int_equal(cases_count(st, u, f, d("2013-03-01"), &counted), 0);
    assert_int_equal(counted, n);
    for (size_t i = 0; f->overdue_only && i < n; i++) {
        assert_int_equal(cs[i].c.status, CSTATUS_OPEN);
        assert_true(cs[i].states[0].state == CSTATE_OVERDUE ||
                    cs[i].states[0].state == CSTATE_LONG_OVERDUE);
    }
    return n;
}

/* The admin's list of f read in pages of size: the whole list, in its order, total cases. */
static void pages(const struct case_filter *f, size_t size, size_t total)
{
    struct case_filter p = *f;
    struct case_record *whole, *page;
    size_t n, got, seen = 0, counted;

    assert_int_equal(cases_list(st, &admin, &cal, f, d("2013-03-01"), &arena, &whole, &n), 0);
    assert_int_equal(n, total);
    p.limit = size;
    do {
        p.offset = (long long)seen;
        assert_int_equal(cases_list(st, &admin, &cal, &p, d("2013-03-01"), &arena, &page, &got), 0);
        assert_true(got <= size);
        assert_int_equal(cases_count(st, &admin, &p, d("2013-03-01"), &counted), 0);
        assert_int_equal(counted, total); /* whatever the page */
        for (size_t i = 0; i < got; i++) {
            assert_int_equal(page[i].id, whole[seen + i].id);
        }
        seen += got;
    } while (got == size);
    assert_int_equal(seen, total);
}

static void test_lists(void **state)
{
    struct case_filter all = {0}, overdue = {.overdue_only = 1}, open = {.open_only = 1};
    struct case_filter of2 = {.compact_id = 2}, third_org = {.org_id = "GB-CHC-3000002"};
    struct case_record *cs;
    size_t n;
    long long ids[12];
    (void)state;

    twelve(ids);
    raise(NULL, 2, "2012-12-21", 0);
    assert_int_equal(listed(&admin, &all), 13);
    assert_int_equal(listed(&admin, &open), 11);
    assert_int_equal(listed(&admin, &overdue), 3);
    assert_int_equal(listed(&leeds, &overdue), 2);
    assert_int_equal(listed(&brum, &overdue), 1);
    assert_int_equal(listed(&complainant, &overdue), 3);
    assert_int_equal(listed(&respondent, &all), 13);
    assert_int_equal(listed(&third, &all), 0);
    assert_int_equal(listed(&nobody, &all), 0);
    assert_int_equal(listed(&admin, &of2), 1);
    assert_int_equal(listed(&admin, &third_org), 0);
    /* open first, the earliest due first */
    assert_int_equal(cases_list(st, &admin, &cal, &all, d("2013-03-01"), &arena, &cs, &n), 0);
    assert_int_equal(cs[0].c.runs[0].due_on, d("2013-01-09")); /* Birmingham's */
    assert_int_equal(cs[n - 1].c.status, CSTATUS_CLOSED);
    pages(&all, 5, 13);
    pages(&overdue, 2, 3);
    pages(&open, 100, 11);
}

static void test_actions(void **state)
{
    struct case_record c;
    long long id;
    (void)state;

    id = raise(&complainant, 1, "2012-12-21", 0);
    assert_int_equal(cases_read(st, &complainant, &cal, id, d("2013-01-10"), &arena, &c), 0);
    assert_int_equal(cases_actions(&complainant, &c),
                     1u << CEVENT_NOTE | 1u << CEVENT_ESCALATED | 1u << CEVENT_CLOSED);
    assert_int_equal(cases_actions(&respondent, &c), 1u << CEVENT_NOTE | 1u << CEVENT_RESPONSE);
    assert_int_equal(cases_actions(&leeds, &c), 1u << CEVENT_NOTE | 1u << CEVENT_ESCALATED |
                                                    1u << CEVENT_CLOSED | 1u << CEVENT_RESPONSE);
    event(&respondent, id, "response", "2013-01-08", NULL, NULL, 0);
    event(&leeds, id, "closed", "2013-01-14", NULL, "upheld", 0);
    assert_int_equal(cases_read(st, &respondent, &cal, id, d("2013-01-14"), &arena, &c), 0);
    assert_int_equal(cases_actions(&respondent, &c), 1u << CEVENT_NOTE);
    assert_int_equal(cases_actions(&admin, &c), 1u << CEVENT_NOTE | 1u << CEVENT_REOPENED);
}

static void test_feed(void **state)
{
    unsigned char key[SECRET_BYTES] = {7};
    char secret[SECRET_TEXT], old[SECRET_TEXT];
    struct user u;
    int exists;
    (void)state;

    assert_int_equal(cases_feed_create(st, &nobody, key, secret), ERR_FORBIDDEN);
    assert_int_equal(cases_feed_exists(st, &respondent, &exists), 0);
    assert_false(exists);
    assert_int_equal(cases_feed_create(st, &respondent, key, old), 0);
    assert_int_equal(cases_feed_create(st, &respondent, key, secret), 0); /* the old revoked */
    assert_int_equal(cases_feed_user(st, key, old, &arena, &u), ERR_NOT_FOUND);
    assert_int_equal(cases_feed_user(st, key, secret, &arena, &u), 0);
    assert_int_equal(u.id, 2);
    assert_string_equal(u.org_id, "GB-NHS-RR8");
    assert_int_equal(cases_feed_exists(st, &respondent, &exists), 0);
    assert_true(exists);
    assert_int_equal(count("SELECT count(*) FROM complaint_feed WHERE secret_hash IS NULL"), 0);
    assert_int_equal(cases_feed_revoke(st, &respondent), 0);
    assert_int_equal(cases_feed_revoke(st, &respondent), ERR_NOT_FOUND);
    assert_int_equal(cases_feed_user(st, key, secret, &arena, &u), ERR_NOT_FOUND);
    assert_int_equal(count("SELECT count(*) FROM audit WHERE kind = 'complaint_feed' AND "
                           "entity = '2'"),
                     3);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_db, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_raise_and_read),
        T(test_who_sees_it),
        T(test_who_raises_it),
        T(test_who_changes_it),
        T(test_refusals_store_nothing),
        T(test_state_kept_with_every_event),
        T(test_days_fixed_when_a_stage_starts),
        T(test_statistics),
        T(test_lists),
        T(test_actions),
        T(test_feed),
    };
    RUN_ON_BOTH(tests, calendar_setup, calendar_teardown);
}
