/*
 * Complaints in the store, on SQLite and PostgreSQL: a case and its events written with the
 * state core worked out and read back; events that can be neither changed nor removed; an event
 * written on a stale reading refused whole (ERR_BUSY); the Compact's working days read back;
 * many cases in one transaction, as a benchmark makes them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store_backend.h"
#include "calendar_fixture.h"

#include "codec/json_check.h"
#include "store/store.h"
#include "store/store_int.h"
#include "base/err.h"

STORE_TEST_FIXTURE

static int setup_db(void **state)
{
    if (setup(state)) {
        return -1;
    }
    return db_exec(st->db,
                   "INSERT INTO organisation (id, org_id, name, sector, type, created_at, "
                   "updated_at) VALUES (100001, 'GB-CHC-3000001', 'Leeds Carers', 'vcs', "
                   "'charity', 'x', 'x'), (100003, NULL, 'Leeds Hospitals', 'statutory', 'nhs', "
                   "'x', 'x'); INSERT INTO compact (id, name, created_at) VALUES "
                   "(1, 'Leeds Compact', 'x'); INSERT INTO complaint_parameter (compact_id, name, "
                   "value) VALUES (1, 'formal_response_days', 30)") == DB_OK
               ? 0
               : -1;
}

/* A case opened on 21 December 2012 at informal, stored: its id; cc its state. */
static long long add_case(struct complaint_case *cc, int in_transaction)
{
    struct store_complaint c = {.compact_id = 1,
                                .complainant = {.id = 100001, .ref = "GB-CHC-3000001"},
                                .respondent = {.id = 100003, .ref = "100003"},
                                .title = "Notice",
                                .summary = "",
                                .aware_on = d("2012-11-20"),
                                .opened_on = d("2012-12-21"),
                                .rules = {RULE_FUNDING_REASONS, RULE_FUNDING_NOTICE},
                                .nrules = 2};
    struct complaint_event e = {.type = CEVENT_OPENED, .date = d("2012-12-21"), .by = "cli"};
    struct complaint_params none = {{0}, {0}};
    enum complaint_refusal why;
    long long id;

    complaint_init(cc, c.aware_on);
    assert_int_equal(complaint_apply(cc, &e, &none, &cal, d("2013-06-01"), &why), 0);
    assert_int_equal(in_transaction ? store_complaint_insert(st, &c, &e, cc, "cli", &id)
                                    : store_complaint_add(st, &c, &e, cc, "cli", &id),
                     0);
    return id;
}

static void test_write_and_read(void **state)
{
    struct complaint_case cc;
    struct complaint_event e = {
        .type = CEVENT_ESCALATED, .date = d("2013-01-10"), .to = STAGE_FORMAL, .by = "cli"};
    struct complaint_params params;
    struct store_complaint got;
    enum complaint_refusal why;
    long long id;
    (void)state;

    id = add_case(&cc, 0);
    assert_int_equal(store_complaint_params(st, 9, &params), ERR_NOT_FOUND);
    assert_int_equal(store_complaint_params(st, 1, &params), 0);
    assert_true(params.set[CPARAM_FORMAL_RESPONSE_DAYS]);
    assert_false(params.set[CPARAM_INFORMAL_RESPONSE_DAYS]);
    assert_int_equal(complaint_apply(&cc, &e, &params, &cal, d("2013-06-01"), &why), 0);
    assert_int_equal(e.days, 30);
    assert_int_equal(store_complaint_add_event(st, id, 2, &e, &cc, "cli"), 0);
    /* the same number again: another event came between reading and writing */
    assert_int_equal(store_complaint_add_event(st, id, 2, &e, &cc, "cli"), ERR_BUSY);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM complaint_event"), 2);

    assert_int_equal(store_complaint_get(st, id, &arena, &got), 0);
    assert_string_equal(got.compact_name, "Leeds Compact");
    assert_string_equal(got.complainant.ref, "GB-CHC-3000001");
    assert_null(got.respondent.org_id); /* without an org-id: its number */
    assert_string_equal(got.respondent.ref, "100003");
    assert_int_equal(got.nrules, 2);
    assert_int_equal(got.nevents, 2);
    assert_int_equal(got.events[1].e.type, CEVENT_ESCALATED);
    assert_int_equal(got.events[1].e.to, STAGE_FORMAL);
    assert_int_equal(got.events[1].e.days, 30);
    assert_int_equal(got.events[1].e.source, SOURCE_COMPACT);
    assert_string_equal(got.events[1].e.by, "cli");
    assert_int_equal(got.stage, STAGE_FORMAL);
    assert_int_equal(got.nstages, 2);
    assert_int_equal(got.current.days, 30);
    assert_int_equal(got.current.due_on, cc.runs[1].due_on);
    assert_int_equal(got.due_on, cc.runs[1].due_on);
    assert_true(got.awaiting);
    assert_int_equal(store_complaint_get(st, id + 1, &arena, &got), ERR_NOT_FOUND);
}

static void test_events_append_only(void **state)
{
    struct complaint_case cc;
    (void)state;

    add_case(&cc, 0);
    assert_int_not_equal(db_exec(st->db, "UPDATE complaint_event SET note = 'changed'"), DB_OK);
    assert_int_not_equal(db_exec(st->db, "DELETE FROM complaint_event"), DB_OK);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM complaint_event "
                                         "WHERE note IS NULL"),
                     1);
}

static void test_many_in_one_transaction(void **state)
{
    struct complaint_case cc;
    struct store_complaint *items;
    struct store_complaint_filter f = {.as_of = d("2013-06-01")};
    size_t n;
    (void)state;

    assert_int_equal(store_begin(st), 0);
    for (int i = 0; i < 50; i++) {
        add_case(&cc, 1);
    }
    assert_int_equal(store_commit(st), 0);
    assert_int_equal(store_complaint_list(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 50);
    f.overdue_only = 1;
    assert_int_equal(store_complaint_list(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 50);
    f.as_of = d("2013-01-09"); /* due that day: not yet overdue */
    assert_int_equal(store_complaint_list(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM audit WHERE kind = 'complaint'"),
                     50);
}

/* A Compact's working days set with its other parameters (PUT .../parameters), audited. */
static void test_set_with_the_compact_parameters(void **state)
{
    struct param_set ps = {{0}, {0}};
    struct complaint_params cp = {{0}, {0}}, got;
    struct arena a;
    const char *field, *why;
    (void)state;

    arena_init(&a);
    assert_int_equal(json_param_set("{\"notice_months\": 6, \"informal_response_days\": 5}", 49, &a,
                                    &ps, &cp, &field, &why),
                     0);
    assert_true(ps.set[PARAM_NOTICE_MONTHS] && cp.set[CPARAM_INFORMAL_RESPONSE_DAYS]);
    assert_int_equal(cp.value[CPARAM_INFORMAL_RESPONSE_DAYS], 5);
    assert_int_equal(
        json_param_set("{\"formal_response_days\": 0}", 27, &a, &ps, &cp, &field, &why),
        ERR_INVALID);
    assert_string_equal(field, "parameters.formal_response_days");
    assert_int_equal(
        json_param_set("{\"formal_response_days\": 5, \"x\": 1}", 35, &a, &ps, &cp, &field, &why),
        ERR_INVALID);
    assert_int_equal(
        json_param_set("{\"informal_response_days\": 5}", 29, &a, &ps, &cp, &field, &why), 0);
    arena_release(&a);
    assert_int_equal(store_compact_set_params(st, 1, &ps, &cp, "cli"), 0);
    assert_int_equal(store_complaint_params(st, 1, &got), 0);
    assert_true(got.set[CPARAM_INFORMAL_RESPONSE_DAYS]);
    assert_false(got.set[CPARAM_FORMAL_RESPONSE_DAYS]); /* replaced: the 30 set before is gone */
    assert_int_equal(got.value[CPARAM_INFORMAL_RESPONSE_DAYS], 5);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM audit WHERE kind = 'compact' AND "
                                         "action = 'complaint_parameters' AND after = "
                                         "'{\"complaint_parameters\":{\"informal_response_"
                                         "days\":5}}'"),
                     1);
    assert_int_equal(store_compact_set_params(st, 1, &ps, &cp, "cli"), 0); /* the same again */
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM audit WHERE "
                                         "action = 'complaint_parameters'"),
                     1);
    /* without cp they stay as they are */
    assert_int_equal(store_compact_set_params(st, 1, &ps, NULL, "cli"), 0);
    assert_int_equal(store_complaint_params(st, 1, &got), 0);
    assert_true(got.set[CPARAM_INFORMAL_RESPONSE_DAYS]);
}

/* Apply an event of type on date to case id (state cc) and store it. */
static void event(long long id, struct complaint_case *cc, struct complaint_event e,
                  const char *date)
{
    struct complaint_params none = {{0}, {0}};
    enum complaint_refusal why;

    e.date = d(date);
    e.by = "cli";
    assert_int_equal(complaint_apply(cc, &e, &none, &cal, d("2016-01-01"), &why), 0);
    assert_int_equal(store_complaint_add_event(st, id, (int)cc->nevents, &e, cc, "cli"), 0);
}

/* A case of Compact compact opened on date at stage to: its id; cc its state. */
static long long open_case(struct complaint_case *cc, long long compact, const char *date,
                           enum complaint_stage to)
{
    struct store_complaint c = {.compact_id = compact,
                                .complainant = {.id = 100001, .ref = "GB-CHC-3000001"},
                                .respondent = {.id = 100003, .ref = "100003"},
                                .title = "Notice",
                                .summary = "",
                                .aware_on = d(date),
                                .opened_on = d(date),
                                .rules = {RULE_FUNDING_NOTICE},
                                .nrules = 1};
    struct complaint_event e = {.type = CEVENT_OPENED, .date = d(date), .to = to, .by = "cli"};
    struct complaint_params none = {{0}, {0}};
    enum complaint_refusal why;
    long long id;

    complaint_init(cc, c.aware_on);
    assert_int_equal(complaint_apply(cc, &e, &none, &cal, d("2016-01-01"), &why), 0);
    assert_int_equal(store_complaint_add(st, &c, &e, cc, "cli", &id), 0);
    return id;
}

/* The kept totals against a count of the cases themselves: none differs. */
static void assert_totals_right(void)
{
    static const char *const sql[] = {
        "SELECT count(*) FROM (SELECT compact_id, year_opened, highest, status, "
        "coalesce(outcome, '') AS o, count(*) AS n FROM complaint GROUP BY compact_id, "
        "year_opened, highest, status, coalesce(outcome, '') EXCEPT SELECT compact_id, "
        "year_opened, highest, status, outcome, n FROM complaint_tally_case WHERE n > 0) t",
        "SELECT count(*) FROM (SELECT compact_id, year_opened, highest, status, outcome, n FROM "
        "complaint_tally_case WHERE n > 0 EXCEPT SELECT compact_id, year_opened, highest, "
        "status, coalesce(outcome, ''), count(*) FROM complaint GROUP BY compact_id, "
        "year_opened, highest, status, coalesce(outcome, '')) t",
        "SELECT count(*) FROM complaint_tally_case WHERE n < 0",
        "SELECT count(*) FROM (SELECT compact_id, year_opened, sum(CASE WHEN days > 0 AND "
        "responded_on <= due_on THEN 1 ELSE 0 END) AS a, sum(CASE WHEN days > 0 AND "
        "(responded_on IS NOT NULL OR due_on < ended_on) THEN 1 ELSE 0 END) AS b FROM "
        "complaint_stage GROUP BY compact_id, year_opened EXCEPT SELECT compact_id, "
        "year_opened, on_time, settled FROM complaint_tally) t",
        "SELECT count(*) FROM (SELECT compact_id, year_opened, on_time, settled FROM "
        "complaint_tally EXCEPT SELECT compact_id, year_opened, sum(CASE WHEN days > 0 AND "
        "responded_on <= due_on THEN 1 ELSE 0 END), sum(CASE WHEN days > 0 AND (responded_on "
        "IS NOT NULL OR due_on < ended_on) THEN 1 ELSE 0 END) FROM complaint_stage GROUP BY "
        "compact_id, year_opened) t",
        /* the date they hold from is none before a date they count */
        "SELECT count(*) FROM complaint_stage s JOIN complaint_tally t ON t.compact_id = "
        "s.compact_id AND t.year_opened = s.year_opened WHERE s.started_on > t.last_date OR "
        "s.responded_on > t.last_date OR s.ended_on > t.last_date",
    };

    for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
        if (test_number(st->db, sql[i]) != 0) {
            fail_msg("kept totals differ from a recount: %s", sql[i]);
        }
    }
}

/*
 * The statistics' kept totals (migration 0014) after cases opened, answered on time and late,
 * escalated, closed, reopened and closed again, in two Compacts and years: the same as a
 * recount of the cases, and the statistics read from them the same as those read from the
 * cases, for every shape of filter; before the dates they count, the cases are read.
 */
static void test_kept_totals(void **state)
{
    struct complaint_case cc[4];
    struct complaint_stats kept, counted;
    long long id[4];
    static const long long compacts[] = {0, 1, 2};
    static const int years[] = {0, 2013, 2014};
    (void)state;

    assert_int_equal(db_exec(st->db, "INSERT INTO compact (id, name, created_at) VALUES "
                                     "(2, 'Bradford Compact', 'x')"),
                     DB_OK);
    id[0] = open_case(&cc[0], 1, "2013-03-04", STAGE_INFORMAL);
    id[1] = open_case(&cc[1], 1, "2014-02-03", STAGE_FORMAL);
    id[2] = open_case(&cc[2], 2, "2013-05-06", STAGE_INFORMAL);
    id[3] = open_case(&cc[3], 2, "2014-06-02", STAGE_INFORMAL);
    assert_totals_right();
    event(id[0], &cc[0], (struct complaint_event){.type = CEVENT_RESPONSE}, "2013-03-08");
    event(id[0], &cc[0], (struct complaint_event){.type = CEVENT_ESCALATED, .to = STAGE_FORMAL},
          "2013-04-01");
    event(id[1], &cc[1], (struct complaint_event){.type = CEVENT_RESPONSE},
          "2014-09-01"); /* late */
    event(id[2], &cc[2], (struct complaint_event){.type = CEVENT_ESCALATED, .to = STAGE_DISPUTE},
          "2013-09-02"); /* unanswered, after its due date */
    assert_totals_right();
    event(id[0], &cc[0],
          (struct complaint_event){.type = CEVENT_CLOSED,
                                   .outcome = OUTCOME_UPHELD,
                                   .causes = {RULE_FUNDING_NOTICE, RULE_FUNDING_REASONS},
                                   .ncauses = 2},
          "2013-06-03");
    event(id[2], &cc[2],
          (struct complaint_event){.type = CEVENT_CLOSED, .outcome = OUTCOME_WITHDRAWN},
          "2013-09-03");
    assert_totals_right();
    event(id[0], &cc[0], (struct complaint_event){.type = CEVENT_REOPENED}, "2013-07-01");
    event(id[2], &cc[2], (struct complaint_event){.type = CEVENT_NOTE, .note = "a note"},
          "2013-10-01");
    assert_totals_right();
    event(id[0], &cc[0], (struct complaint_event){.type = CEVENT_RESPONSE}, "2013-07-02");
    event(id[0], &cc[0],
          (struct complaint_event){.type = CEVENT_CLOSED,
                                   .outcome = OUTCOME_PARTLY_UPHELD,
                                   .causes = {RULE_FUNDING_REASONS},
                                   .ncauses = 1},
          "2013-08-01");
    event(id[2], &cc[2], (struct complaint_event){.type = CEVENT_REOPENED}, "2013-11-01");
    assert_totals_right();
    assert_int_equal(test_number(st->db, "SELECT sum(n) FROM complaint_tally_case"), 4);

    for (size_t c = 0; c < 3; c++) {
        for (size_t y = 0; y < 3; y++) {
            int *ys;
            size_t nys;
            assert_int_equal(store_complaint_counts(st, compacts[c], years[y], d("2015-01-01"),
                                                    &kept, &arena, &ys, &nys),
                             0);
            assert_int_equal(nys, 2);
            assert_int_equal(ys[0], 2014);
            /* the same read from the cases: their date moved past as_of */
            assert_int_equal(db_exec(st->db, "UPDATE complaint_tally SET last_date = "
                                             "'2015-01-02' || last_date"),
                             DB_OK);
            assert_int_equal(store_complaint_counts(st, compacts[c], years[y], d("2015-01-01"),
                                                    &counted, &arena, NULL, NULL),
                             0);
            assert_int_equal(db_exec(st->db, "UPDATE complaint_tally SET last_date = "
                                             "substr(last_date, 11)"),
                             DB_OK);
            assert_memory_equal(&kept, &counted, sizeof(kept));
        }
    }
    assert_totals_right();
    /* nationally: 4 opened, one still waiting unanswered past its due date */
    assert_int_equal(store_complaint_counts(st, 0, 0, d("2015-01-01"), &kept, &arena, NULL, NULL),
                     0);
    assert_int_equal(kept.opened.n, 4);
    assert_int_equal(kept.by_outcome[OUTCOME_PARTLY_UPHELD].n, 1);
    assert_int_equal(kept.by_outcome[COMPLAINT_OUTCOME_OPEN].n, 3);
    assert_true(kept.on_time > 0 && kept.on_time < kept.on_time_base);
    /* as of a day before the last event, the cases are read: the same as before kept totals */
    assert_int_equal(
        store_complaint_counts(st, 0, 0, d("2013-06-01"), &counted, &arena, NULL, NULL), 0);
    assert_int_equal(counted.opened.n, 2);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_db, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_write_and_read),
        T(test_events_append_only),
        T(test_many_in_one_transaction),
        T(test_set_with_the_compact_parameters),
        T(test_kept_totals),
    };
    RUN_ON_BOTH(tests, calendar_setup, calendar_teardown);
}
