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

#define T(f) cmocka_unit_test_setup_teardown(f, setup_db, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_write_and_read),
        T(test_events_append_only),
        T(test_many_in_one_transaction),
        T(test_set_with_the_compact_parameters),
    };
    RUN_ON_BOTH(tests, calendar_setup, calendar_teardown);
}
