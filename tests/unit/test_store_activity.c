/*
 * Recorded activities in the store, on SQLite and PostgreSQL: their own values (title,
 * organisation affected, the organisation that recorded it, amount, decision date), one read
 * back with its names and findings (the worst first), a change and a withdrawal (only by the
 * organisation that recorded it when one is given; kept; out of the findings and the re-checks;
 * audited); and core's rules for those values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store_backend.h"

#include "ingest/ingest.h"
#include "store/store.h"
#include "store/store_int.h"
#include "core/activity.h"
#include "base/err.h"

#define strcpy_safe(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

STORE_TEST_FIXTURE

/* The fixture, and two charities, two Compacts and two people of this file's own. */
static int setup_activities(void **state)
{
    if (setup(state)) {
        return -1;
    }
    return db_exec(
        st->db,
        "INSERT INTO organisation (org_id, name, sector, type, created_at, updated_at) VALUES "
        "('GB-CHC-3000001', 'Leeds Carers', 'vcs', 'charity', 'x', 'x'), "
        "('GB-CHC-3000002', 'Leeds Mind', 'vcs', 'charity', 'x', 'x'); "
        "INSERT INTO compact (id, name, created_at) VALUES (1, 'Leeds Compact', 'x'), "
        "(2, 'Birmingham Compact', 'x'); "
        "INSERT INTO \"user\" (id, email, name, role, org_id, created_at) VALUES "
        "(1, 'priya@example.org', 'Priya Shah', 'member', 'GB-CHC-3000002', 'x'), "
        "(2, 'ann@example.org', 'Ann Admin', 'admin', NULL, 'x')");
}

static date_t d(const char *s)
{
    date_t out = 0;
    assert_int_equal(date_parse(s, strlen(s), &out), 0);
    return out;
}

static const char FACTS[] = "{\"kind\":\"funding_change\",\"change\":\"end\"}";

/* Three findings of a cut, best first, so that reading them back must reorder them. */
static size_t findings(struct finding f[3])
{
    memset(f, 0, 3 * sizeof(*f));
    f[0] = (struct finding){.rule = "funding.reasons", .verdict = VERDICT_MET};
    f[1] = (struct finding){.rule = "funding.impact_assessment", .verdict = VERDICT_UNKNOWN};
    f[2] = (struct finding){.rule = "funding.notice", .verdict = VERDICT_BREACH};
    strcpy_safe(f[0].explanation, "Reasons given.");
    strcpy_safe(f[1].explanation, "Not known.");
    strcpy_safe(f[2].explanation, "30 days short.");
    return 3;
}

static long long add(const struct activity_details *det, const char *recorder, const char *actor)
{
    struct finding f[3];
    size_t n = findings(f);
    long long id;

    assert_int_equal(store_activity_add(st, 1, det, recorder, ACTIVITY_FUNDING_CHANGE, FACTS, actor,
                                        d("2026-12-03"), f, n, VERDICT_BREACH, &id),
                     0);
    assert_true(id > 0);
    return id;
}

static size_t trail(long long id, const char *action)
{
    struct audit_entry *items;
    char entity[24];
    size_t n, count = 0;

    assert_true(snprintf(entity, sizeof(entity), "%lld", id) < (int)sizeof(entity));
    assert_int_equal(store_audit_list(st, "activity", entity, &arena, &items, &n), 0);
    for (size_t i = 0; i < n; i++) {
        count += !strcmp(items[i].action, action);
    }
    return count;
}

static void test_add_and_read_back(void **state)
{
    const struct activity_details det = {.title = "Carers grant ends",
                                         .org = "GB-CHC-3000001",
                                         .amount_pence = 1250050,
                                         .decision_date = d("2027-01-15")};
    const struct activity_details bare = {.amount_pence = ACTIVITY_NO_AMOUNT};
    struct recorded_activity a;
    struct finding f[3];
    long long id, other, none = -1;
    (void)state;

    id = add(&det, "GB-CHC-3000002", "user:1");
    assert_int_equal(store_activity_get(st, id, 1, &arena, &a), 0);
    assert_int_equal(a.id, id);
    assert_int_equal(a.compact_id, 1);
    assert_string_equal(a.compact_name, "Leeds Compact");
    assert_string_equal(a.details.title, "Carers grant ends");
    assert_string_equal(a.details.org, "GB-CHC-3000001");
    assert_string_equal(a.org_name, "Leeds Carers");
    assert_string_equal(a.recorder_org, "GB-CHC-3000002");
    assert_string_equal(a.recorder_org_name, "Leeds Mind");
    assert_true(a.details.amount_pence == 1250050);
    assert_true(a.details.decision_date == d("2027-01-15"));
    assert_string_equal(a.kind, "funding_change");
    assert_string_equal(a.facts, FACTS);
    assert_string_equal(a.overall, "breach");
    assert_string_equal(a.recorded_by, "user:1");
    assert_string_equal(a.recorded_by_name, "Priya Shah");
    assert_true(a.checked_on == d("2026-12-03"));
    assert_null(a.withdrawn_at);
    /* the worst first */
    assert_int_equal(a.nfindings, 3);
    assert_string_equal(a.findings[0].verdict, "breach");
    assert_string_equal(a.findings[1].verdict, "unknown");
    assert_string_equal(a.findings[2].verdict, "met");
    assert_int_equal(trail(id, "create"), 1);

    /* none of its own values; by the command line; an org-id the register does not know */
    other = add(&bare, NULL, "cli");
    assert_int_equal(store_activity_get(st, other, 1, &arena, &a), 0);
    assert_null(a.details.title);
    assert_null(a.details.org);
    assert_null(a.recorder_org);
    assert_true(a.details.amount_pence == ACTIVITY_NO_AMOUNT);
    assert_true(a.details.decision_date == 0);
    assert_null(a.recorded_by_name);
    {
        const struct activity_details unknown = {.org = "GB-CHC-9999999",
                                                 .amount_pence = ACTIVITY_NO_AMOUNT};
        long long u = add(&unknown, NULL, "user:2");
        assert_int_equal(store_activity_get(st, u, 1, &arena, &a), 0);
        assert_string_equal(a.details.org, "GB-CHC-9999999");
        assert_null(a.org_name);
        assert_string_equal(a.recorded_by_name, "Ann Admin");
    }

    /* another Compact's path, no such activity, no such Compact */
    assert_int_equal(store_activity_get(st, id, 2, &arena, &a), ERR_NOT_FOUND);
    assert_int_equal(store_activity_get(st, 999999, 1, &arena, &a), ERR_NOT_FOUND);
    assert_int_equal(store_activity_add(st, 99, &det, NULL, ACTIVITY_FUNDING_CHANGE, FACTS, "cli",
                                        d("2026-12-03"), f, findings(f), VERDICT_BREACH, &none),
                     ERR_NOT_FOUND);
    assert_true(none == 0);
}

static void test_change_by_the_organisation_that_recorded_it(void **state)
{
    const struct activity_details det = {
        .title = "Before", .org = "GB-CHC-3000001", .amount_pence = ACTIVITY_NO_AMOUNT};
    struct activity_details changed = det;
    struct recorded_activity a;
    struct finding f[3];
    size_t n = findings(f);
    const char *org;
    long long id;
    (void)state;

    id = add(&det, "GB-CHC-3000002", "user:1");
    changed.title = "After";
    changed.amount_pence = 100;
    /* only the activities that organisation recorded: not another's, nor the affected one's */
    assert_int_equal(store_activity_update(st, id, 1, "GB-CHC-3000001", &changed,
                                           ACTIVITY_FUNDING_CHANGE, FACTS, "user:9",
                                           d("2026-12-04"), f, n, VERDICT_BREACH),
                     ERR_NOT_FOUND);
    assert_int_equal(store_activity_org(st, id, 1, "GB-CHC-3000001", &arena, &org), ERR_NOT_FOUND);
    assert_int_equal(store_activity_org(st, id, 1, "GB-CHC-3000002", &arena, &org), 0);
    assert_string_equal(org, "GB-CHC-3000001");
    assert_int_equal(store_activity_update(st, id, 2, NULL, &changed, ACTIVITY_FUNDING_CHANGE,
                                           FACTS, "user:9", d("2026-12-04"), f, n, VERDICT_BREACH),
                     ERR_NOT_FOUND); /* through another Compact */
    assert_int_equal(trail(id, "update"), 0);
    assert_int_equal(store_activity_update(st, id, 1, "GB-CHC-3000002", &changed,
                                           ACTIVITY_FUNDING_CHANGE, FACTS, "user:1",
                                           d("2026-12-04"), f, n, VERDICT_BREACH),
                     0);
    assert_int_equal(store_activity_get(st, id, 1, &arena, &a), 0);
    assert_string_equal(a.details.title, "After");
    assert_true(a.details.amount_pence == 100);
    assert_string_equal(a.recorder_org, "GB-CHC-3000002"); /* a change keeps who recorded it */
    assert_true(a.checked_on == d("2026-12-04"));
    assert_int_equal(trail(id, "update"), 1);
}

static void test_withdraw(void **state)
{
    const struct activity_details det = {
        .title = "To withdraw", .org = "GB-CHC-3000001", .amount_pence = ACTIVITY_NO_AMOUNT};
    struct recorded_activity a;
    struct finding_record *rows;
    struct stored_activity *all;
    struct finding f[3];
    size_t n, before_rows, before_all;
    long long id;
    (void)state;

    id = add(&det, "GB-CHC-3000002", "user:1");
    assert_int_equal(store_compact_findings(st, 1, &arena, &rows, &before_rows), 0);
    assert_int_equal(store_activity_list(st, 1, &arena, &all, &before_all), 0);
    /* refused: another organisation, another Compact, no such activity */
    assert_int_equal(store_activity_withdraw(st, id, 1, "GB-CHC-3000001", "user:9", "No"),
                     ERR_NOT_FOUND);
    assert_int_equal(store_activity_withdraw(st, id, 2, NULL, "user:9", "No"), ERR_NOT_FOUND);
    assert_int_equal(store_activity_withdraw(st, 999999, 1, NULL, "user:9", "No"), ERR_NOT_FOUND);
    assert_int_equal(trail(id, "withdraw"), 0);

    assert_int_equal(
        store_activity_withdraw(st, id, 1, "GB-CHC-3000002", "user:1", "The grant continues."), 0);
    assert_int_equal(store_activity_get(st, id, 1, &arena, &a), 0);
    assert_non_null(a.withdrawn_at);
    assert_int_equal(strlen(a.withdrawn_at), 20); /* YYYY-MM-DDTHH:MM:SSZ */
    assert_string_equal(a.withdrawn_by, "user:1");
    assert_string_equal(a.withdrawn_by_name, "Priya Shah");
    assert_string_equal(a.withdrawn_reason, "The grant continues.");
    assert_int_equal(a.nfindings, 3); /* kept, as it was */
    assert_int_equal(trail(id, "withdraw"), 1);

    /* out of the Compact's findings and of the re-checks */
    assert_int_equal(store_compact_findings(st, 1, &arena, &rows, &n), 0);
    assert_int_equal(n, before_rows - 3);
    for (size_t i = 0; i < n; i++) {
        assert_true(rows[i].activity_id != id);
    }
    assert_int_equal(store_activity_list(st, 1, &arena, &all, &n), 0);
    assert_int_equal(n, before_all - 1);

    /* kept as it was: no second withdrawal, no change */
    assert_int_equal(store_activity_withdraw(st, id, 1, NULL, "user:2", "Again"), ERR_CONFLICT);
    assert_int_equal(store_activity_update(st, id, 1, NULL, &det, ACTIVITY_FUNDING_CHANGE, FACTS,
                                           "user:2", d("2026-12-05"), f, findings(f), VERDICT_MET),
                     ERR_CONFLICT);
    assert_int_equal(store_activity_get(st, id, 1, &arena, &a), 0);
    assert_string_equal(a.withdrawn_reason, "The grant continues.");
    assert_string_equal(a.overall, "breach");
    assert_int_equal(trail(id, "withdraw"), 1);
    assert_int_equal(trail(id, "update"), 0);
}

static void test_values(void **state)
{
    static const struct {
        const char *text;
        long long pence; /* -1: refused */
    } amounts[] = {
        {"12500", 1250000},
        {"12,500", 1250000},
        {"12,500.50", 1250050},
        {"\xc2\xa3"
         "12,500.5",
         1250050},
        {" 7.05 ", 705},
        {"0", 0},
        {"-5", -1},
        {"12,50", -1},
        {"1.005", -1},
        {"", -1},
        {"\xc2\xa3", -1},
        {"five pounds", -1},
        {"12 500", -1},
    };
    long long pence;
    (void)state;

    for (size_t i = 0; i < sizeof(amounts) / sizeof(amounts[0]); i++) {
        int ret = activity_amount_parse(amounts[i].text, &pence);
        if (amounts[i].pence < 0) {
            assert_int_equal(ret, ERR_INVALID);
        } else {
            assert_int_equal(ret, 0);
            assert_true(pence == amounts[i].pence);
        }
    }
    assert_true(activity_text_valid("End of the grant", ACTIVITY_TITLE_MAX, 0));
    assert_true(activity_text_valid("\xc3\xa9t\xc3\xa9", 3, 0)); /* characters, not bytes */
    assert_false(activity_text_valid("\xc3\xa9t\xc3\xa9", 2, 0));
    assert_false(activity_text_valid("", 10, 0));
    assert_false(activity_text_valid("   ", 10, 0));
    assert_false(activity_text_valid(NULL, 10, 0));
    assert_false(activity_text_valid("two\nlines", 20, 0));
    assert_true(activity_text_valid("two\nlines", 20, 1));
    assert_false(activity_text_valid("bell\a", 20, 1));
    assert_false(activity_text_valid("\xff", 20, 1));
    assert_true(activity_kind_has_amount(ACTIVITY_FUNDING_AWARD));
    assert_false(activity_kind_has_amount(ACTIVITY_CONSULTATION));
    assert_string_equal(activity_kind_label(ACTIVITY_PROCUREMENT), "Procurement");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_read_back),
        cmocka_unit_test(test_change_by_the_organisation_that_recorded_it),
        cmocka_unit_test(test_withdraw),
        cmocka_unit_test(test_values),
    };
    RUN_ON_BOTH(tests, setup_activities, teardown);
}
