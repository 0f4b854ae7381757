/* Accounts in the store: users, sessions, tokens, sign-in failures, the audit trail, Compacts. */
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
#include "app/check.h"
#include "base/err.h"

STORE_TEST_FIXTURE

static date_t d(const char *s)
{
    date_t out;
    assert_int_equal(date_parse(s, strlen(s), &out), 0);
    return out;
}

#define strcpy_safe(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

static long long add_user(const char *email, enum role role, const char *org)
{
    struct user u = {.email = email, .name = "Test", .role = role, .org_id = org};
    long long id = 0;
    assert_int_equal(store_user_add(st, &u, "$argon2id$fake", "cli", &id), 0);
    assert_true(id > 0);
    return id;
}

static void test_users(void **state)
{
    struct user u = {.email = "dup@example.org", .name = "x", .role = ROLE_ADMIN};
    struct user got, *all;
    const char *hash;
    long long id;
    size_t n;
    (void)state;
    add_user("dup@example.org", ROLE_ADMIN, NULL);
    assert_int_equal(store_user_add(st, &u, NULL, "cli", &id), ERR_CONFLICT);
    u.email = "DUP@example.org"; /* emails are the same whatever their case */
    assert_int_equal(store_user_add(st, &u, NULL, "cli", &id), ERR_CONFLICT);
    u.email = "member@example.org";
    u.role = ROLE_MEMBER; /* a member needs an organisation */
    assert_int_equal(store_user_add(st, &u, NULL, "cli", &id), ERR_CONFLICT);
    assert_int_equal(id, 0);
    assert_int_equal(store_user_by_email(st, "Dup@Example.org", &arena, &got, &hash), 0);
    assert_string_equal(got.email, "dup@example.org");
    assert_string_equal(hash, "$argon2id$fake");
    assert_int_equal(got.role, ROLE_ADMIN);
    assert_int_equal(store_user_by_email(st, "none@example.org", &arena, &got, &hash),
                     ERR_NOT_FOUND);
    assert_int_equal(store_user_list(st, &arena, &all, &n), 0);
    assert_true(n >= 1);
}

static void test_sessions_expire_and_end_with_disable(void **state)
{
    unsigned char h[SECRET_HASH_BYTES] = {7}, other[SECRET_HASH_BYTES] = {8};
    struct user got;
    long long id = add_user("session@example.org", ROLE_COORDINATOR, NULL);
    (void)state;
    assert_int_equal(store_session_add(st, h, id, 1000), 0);
    /* created after 900, seen after 950: alive; seen is now 1100 */
    assert_int_equal(store_session_user(st, h, 900, 950, 1100, &arena, &got), 0);
    assert_int_equal(got.id, id);
    /* idle: not seen since 1100 */
    assert_int_equal(store_session_user(st, h, 900, 1100, 1200, &arena, &got), ERR_NOT_FOUND);
    /* absolute: created at 1000 */
    assert_int_equal(store_session_user(st, h, 1000, 0, 1200, &arena, &got), ERR_NOT_FOUND);
    assert_int_equal(store_session_user(st, other, 0, 0, 1200, &arena, &got), ERR_NOT_FOUND);
    assert_int_equal(store_session_purge(st, 500, 500), 0); /* neither old nor idle: kept */
    assert_int_equal(store_session_user(st, h, 0, 0, 1200, &arena, &got), 0); /* seen: 1200 */
    {
        long long v1, v2, v3;
        assert_int_equal(store_version(st, &v1), 0);
        assert_int_equal(store_session_user(st, h, 0, 0, 1210, &arena, &got), 0);
        assert_int_equal(store_version(st, &v2), 0);
        /* seen 10 s ago: no write, the reply caches keep. (On PostgreSQL the version also moves
         * when the notice of an earlier commit arrives, whenever that is: SQLite only.) */
        assert_true(test_pg || v1 == v2);
        assert_int_equal(store_session_user(st, h, 0, 0, 1261, &arena, &got), 0);
        assert_int_equal(store_version(st, &v3), 0);
        assert_true(v3 != v2); /* a minute on: marked seen */
        assert_int_equal(store_session_user(st, h, 0, 1260, 1262, &arena, &got), 0);
    }
    assert_int_equal(store_session_add(st, other, id, 1000), 0);
    assert_int_equal(store_session_purge(st, 0, 1100), 0); /* other unused since 1000: gone */
    assert_int_equal(store_session_user(st, other, 0, 0, 1200, &arena, &got), ERR_NOT_FOUND);
    assert_int_equal(store_session_user(st, h, 0, 0, 1200, &arena, &got), 0);
    assert_int_equal(store_user_disable(st, "session@example.org", "cli"), 0);
    assert_int_equal(store_session_user(st, h, 0, 0, 1300, &arena, &got), ERR_NOT_FOUND);
    assert_int_equal(store_user_disable(st, "nobody@example.org", "cli"), ERR_NOT_FOUND);
}

static void test_tokens(void **state)
{
    unsigned char h[SECRET_HASH_BYTES] = {9};
    struct user got;
    struct api_token *list;
    size_t n;
    long long tid, id = add_user("token@example.org", ROLE_MEMBER, "GB-CHC-1234567"),
                   other = add_user("other@example.org", ROLE_ADMIN, NULL);
    (void)state;
    assert_int_equal(store_token_add(st, id, h, "script", "cli", &tid), 0);
    assert_int_equal(store_token_user(st, h, &arena, &got), 0);
    assert_string_equal(got.email, "token@example.org");
    assert_string_equal(got.org_id, "GB-CHC-1234567");
    assert_int_equal(store_token_list(st, "token@example.org", &arena, &list, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].label, "script");
    assert_null(list[0].revoked_at);
    /* someone else cannot revoke it; its owner can, once */
    assert_int_equal(store_token_revoke(st, tid, other, "cli"), ERR_NOT_FOUND);
    assert_int_equal(store_token_revoke(st, tid, id, "cli"), 0);
    assert_int_equal(store_token_revoke(st, tid, 0, "cli"), ERR_NOT_FOUND);
    assert_int_equal(store_token_user(st, h, &arena, &got), ERR_NOT_FOUND);
}

static void test_login_failures(void **state)
{
    size_t count;
    long long last;
    (void)state;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(store_login_failure_add(st, "email:x@example.org", 100 + i), 0);
    }
    assert_int_equal(store_login_failure_add(st, "addr:127.0.0.1", 100), 0);
    assert_int_equal(store_login_failures(st, "email:x@example.org", 100, &count, &last), 0);
    assert_int_equal(count, 2); /* strictly after the window's start */
    assert_int_equal(last, 102);
    assert_int_equal(store_login_failure_clear(st, "email:x@example.org"), 0);
    assert_int_equal(store_login_failures(st, "email:x@example.org", 0, &count, &last), 0);
    assert_int_equal(count, 0);
    assert_int_equal(last, 0);
    assert_int_equal(store_login_failures(st, "addr:127.0.0.1", 0, &count, &last), 0);
    assert_int_equal(count, 1); /* another key's are kept */
    /* a failure forgets those older than LOGIN_WINDOW, no others */
    assert_int_equal(store_login_failure_add(st, "addr:127.0.0.1", 100 + LOGIN_WINDOW - 1), 0);
    assert_int_equal(store_login_failures(st, "addr:127.0.0.1", 0, &count, &last), 0);
    assert_int_equal(count, 2);
    assert_int_equal(store_login_failure_add(st, "addr:127.0.0.1", 100 + LOGIN_WINDOW), 0);
    assert_int_equal(store_login_failures(st, "addr:127.0.0.1", 0, &count, &last), 0);
    assert_int_equal(count, 2);
    assert_int_equal(last, 100 + LOGIN_WINDOW);
}

static void test_compact_and_audit(void **state)
{
    struct compact_new c = {.name = "Hertfordshire Compact",
                            .authorities = {"E10000015", "E07000100"},
                            .nauthorities = 2,
                            .status = COMPACT_ACTIVE,
                            .status_date = "2011-06-01"};
    struct audit_entry *items;
    const char *bad;
    char entity[32];
    long long id;
    size_t n;
    (void)state;
    assert_int_equal(store_compact_add(st, &c, "user:1", &id, &bad), 0);
    assert_true(id > 0);
    snprintf(entity, sizeof(entity), "%lld", id);
    assert_int_equal(store_audit_list(st, "compact", entity, &arena, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].actor, "user:1");
    assert_string_equal(items[0].action, "create");
    assert_null(items[0].before);
    /* the 2011 code E07000100 is stored as St Albans' current code */
    assert_non_null(strstr(items[0].after, "\"E07000240\""));
    assert_non_null(strstr(items[0].after, "\"active\""));

    c.authorities[1] = "E07999999";
    assert_int_equal(store_compact_add(st, &c, "user:1", &id, &bad), ERR_NOT_FOUND);
    assert_string_equal(bad, "E07999999");
    assert_int_equal(id, 0);

    /* the trail cannot be rewritten */
    assert_int_equal(db_exec(st->db, "UPDATE audit SET actor = 'x'"), DB_CONSTRAINT);
    assert_int_equal(db_exec(st->db, "DELETE FROM audit"), DB_CONSTRAINT);
    assert_int_equal(store_audit_list(st, "user", "token@example.org", &arena, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_null(strstr(items[0].after, "argon2")); /* never the password hash */
}

static void test_disable_revokes_tokens_with_audit(void **state)
{
    unsigned char h[SECRET_HASH_BYTES] = {11};
    struct audit_entry *items;
    struct user got;
    char entity[32];
    long long tid, id = add_user("Leaver@Example.org", ROLE_COORDINATOR, NULL);
    size_t n;
    (void)state;
    assert_int_equal(store_token_add(st, id, h, "cron", "cli", &tid), 0);
    assert_int_equal(store_user_disable(st, "leaver@example.org", "user:1"), 0);
    assert_int_equal(store_user_disable(st, "leaver@example.org", "user:1"), ERR_CONFLICT);
    assert_int_equal(store_token_user(st, h, &arena, &got), ERR_NOT_FOUND);
    snprintf(entity, sizeof(entity), "%lld", tid);
    assert_int_equal(store_audit_list(st, "api_token", entity, &arena, &items, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(items[1].action, "revoke");
    assert_string_equal(items[1].actor, "user:1");
    assert_non_null(strstr(items[1].before, "\"revoked_at\":null"));
    assert_null(strstr(items[1].after, "\"revoked_at\":null"));
    /* a user's history answers to their email in any case */
    assert_int_equal(store_audit_list(st, "user", "LEAVER@example.ORG", &arena, &items, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(items[1].action, "disable");
    assert_non_null(strstr(items[1].before, "\"disabled\":false"));
    assert_non_null(strstr(items[1].after, "\"disabled\":true"));
}

static void test_commitments_seeded_once_and_corrected_with_audit(void **state)
{
    struct commitment_row *rows;
    struct audit_entry *items;
    const char *numbers[RULE_COUNT], *paraphrases[RULE_COUNT];
    char entity[32];
    long long id = 0;
    size_t n, m;
    int seeded;
    (void)state;
    assert_int_equal(store_commitments_seed(st, &seeded), 0);
    assert_int_equal(seeded, 1);
    assert_int_equal(store_commitments_seed(st, &seeded), 0);
    assert_int_equal(seeded, 0); /* once only: corrections are kept */
    assert_int_equal(store_commitment_list(st, &arena, &rows, &n), 0);
    assert_int_equal(n, 12);
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(rows[i].number, "4.4")) {
            id = rows[i].id;
            assert_string_equal(rows[i].rules, "funding.notice funding.reasons");
            assert_int_equal(rows[i].verified, 0);
        }
    }
    assert_true(id > 0);
    assert_int_equal(store_commitment_update(st, id, "4.6", NULL, 1, "user:1"), 0);
    assert_int_equal(store_rule_numbers(st, &arena, numbers, paraphrases), 0);
    assert_string_equal(numbers[RULE_FUNDING_NOTICE], "4.6");
    assert_string_equal(numbers[RULE_FUNDING_REASONS], "4.6");
    assert_string_equal(numbers[RULE_FUNDING_IMPACT_ASSESSMENT], "4.3");
    {
        /* a check's reads: the same numbers, no Compact asked for, one statement */
        const char *again[RULE_COUNT], *again_paraphrases[RULE_COUNT];
        struct param_set none;
        long long was = db_statements(st->db);
        assert_int_equal(store_check_reads(st, NULL, &none, &arena, again, again_paraphrases), 0);
        assert_int_equal(db_statements(st->db), was + 1);
        for (int r = 0; r < RULE_COUNT; r++) {
            assert_true(again[r] && numbers[r] ? !strcmp(again[r], numbers[r])
                                               : again[r] == numbers[r]);
            assert_true(again_paraphrases[r] && paraphrases[r]
                            ? !strcmp(again_paraphrases[r], paraphrases[r])
                            : again_paraphrases[r] == paraphrases[r]);
        }
        assert_string_equal(again[RULE_FUNDING_NOTICE], "4.6");
        for (int p = 0; p < PARAM_COUNT; p++) {
            assert_false(none.set[p]);
        }
    }
    assert_int_equal(store_commitment_update(st, id, "4.3", NULL, -1, "user:1"), ERR_CONFLICT);
    assert_int_equal(store_commitment_update(st, 99999, "4.9", NULL, -1, "user:1"), ERR_NOT_FOUND);
    snprintf(entity, sizeof(entity), "%lld", id);
    assert_int_equal(store_audit_list(st, "commitment", entity, &arena, &items, &m), 0);
    assert_int_equal(m, 1);
    assert_non_null(strstr(items[0].before, "\"number\":\"4.4\""));
    assert_non_null(strstr(items[0].after, "\"number\":\"4.6\""));
    assert_non_null(strstr(items[0].after, "\"verified\":true"));
}

static void test_activities_and_their_findings(void **state)
{
    struct compact_new c = {.name = "Activities Compact",
                            .authorities = {"E08000009"},
                            .nauthorities = 1,
                            .status = COMPACT_ACTIVE,
                            .status_date = "2012-04-01"};
    const struct activity_details org = {.org = "GB-CHC-1", .amount_pence = ACTIVITY_NO_AMOUNT},
                                  none_org = {.amount_pence = ACTIVITY_NO_AMOUNT};
    struct finding f[2];
    struct finding_record *rows;
    struct stored_activity *all;
    const char *bad;
    long long compact, id, none;
    size_t n;
    (void)state;
    assert_int_equal(store_compact_add(st, &c, "user:1", &compact, &bad), 0);
    memset(f, 0, sizeof(f));
    f[0] = (struct finding){.rule = "consultation.length", .verdict = VERDICT_MET};
    f[1] = (struct finding){.rule = "consultation.feedback",
                            .verdict = VERDICT_PENDING,
                            .fields = FINDING_FEEDBACK_DUE_DATE,
                            .feedback_due_date = d("2013-01-01")};
    strcpy_safe(f[0].explanation, "Long enough.");
    strcpy_safe(f[1].explanation, "Due later.");
    assert_int_equal(store_activity_add(st, compact, &org, NULL, ACTIVITY_CONSULTATION,
                                        "{\"kind\":\"consultation\"}", "user:1", d("2012-06-01"), f,
                                        2, VERDICT_PENDING, &id),
                     0);
    assert_true(id > 0);
    assert_int_equal(store_activity_add(st, 99999, &none_org, NULL, ACTIVITY_CONSULTATION, "{}",
                                        "user:1", d("2012-06-01"), f, 2, VERDICT_PENDING, &none),
                     ERR_NOT_FOUND);
    assert_int_equal(none, 0);
    assert_int_equal(store_compact_findings(st, compact, &arena, &rows, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].verdict, "pending"); /* pending first, with its due date */
    assert_string_equal(rows[0].due_date, "2013-01-01");
    assert_null(rows[1].due_date);
    f[1].verdict = VERDICT_BREACH;
    assert_int_equal(store_activity_set_findings(st, id, d("2013-02-01"), f, 2, VERDICT_BREACH), 0);
    assert_int_equal(store_compact_findings(st, compact, &arena, &rows, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].verdict, "breach");
    assert_int_equal(store_activity_list(st, 0, &arena, &all, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(all[0].facts, "{\"kind\":\"consultation\"}");
    {
        size_t count, changed;
        /* the stored findings were made up: a real check rewrites them, once */
        assert_int_equal(check_recheck_all(st, d("2013-02-01"), &count, &changed), 0);
        assert_int_equal(count, 1);
        assert_int_equal(changed, 1);
        assert_int_equal(check_recheck_all(st, d("2013-02-01"), &count, &changed), 0);
        assert_int_equal(changed, 0);
        assert_int_equal(store_compact_findings(st, compact, &arena, &rows, &n), 0);
        assert_int_equal(n, 2); /* consultation.length and .feedback, both unknown */
        assert_string_equal(rows[0].verdict, "unknown");
    }
}

/* What the home pages and the compliance page list: activities by Compact, by the Compacts a
 * coordinator keeps and by organisation (for it, or recorded by its members), with names. */
static void test_activity_lists_for_the_home_pages(void **state)
{
    struct compact_new a = {
        .name = "Homes Compact A", .status = COMPACT_ACTIVE, .status_date = "2012-04-01"};
    struct compact_new b = {
        .name = "Homes Compact B", .status = COMPACT_ACTIVE, .status_date = "2012-04-01"};
    struct compact_filter cf = {.today = d("2020-01-01"), .status = -1, .region = -1};
    struct activity_filter f = {0};
    struct activity_summary *items;
    struct compact_summary *compacts;
    struct finding_record *rows;
    struct user *coordinators;
    struct finding one = {.rule = "funding.reasons", .verdict = VERDICT_MET};
    const char *bad;
    char actor[32];
    long long ca, cb, coordinator, member, x, y, z;
    size_t n, count;
    (void)state;
    coordinator = add_user("homes.coordinator@example.org", ROLE_COORDINATOR, NULL);
    member = add_user("homes.member@example.org", ROLE_MEMBER, "GB-CHC-2222222");
    a.coordinator_id = coordinator;
    assert_int_equal(store_compact_add(st, &a, "cli", &ca, &bad), 0);
    assert_int_equal(store_compact_add(st, &b, "cli", &cb, &bad), 0);
    assert_int_equal(store_exec(st, "INSERT INTO organisation (org_id, name, sector, type, "
                                    "created_at, updated_at) VALUES ('GB-CHC-2222222', "
                                    "'Friends of Homes Park', 'vcs', 'charity', 'x', 'x')"),
                     0);
    const struct activity_details dx = {.org = "gb-chc-2222222",
                                        .amount_pence = ACTIVITY_NO_AMOUNT},
                                  dy = {.amount_pence = ACTIVITY_NO_AMOUNT},
                                  dz = {.org = "GB-CHC-9999999",
                                        .amount_pence = ACTIVITY_NO_AMOUNT};
    strcpy_safe(one.explanation, "Reasons given.");
    snprintf(actor, sizeof(actor), "user:%lld", member);
    assert_int_equal(store_activity_add(st, ca, &dx, NULL, ACTIVITY_FUNDING_CHANGE, "{}", "cli",
                                        d("2012-06-01"), &one, 1, VERDICT_MET, &x),
                     0);
    assert_int_equal(store_activity_add(st, cb, &dy, NULL, ACTIVITY_CONSULTATION, "{}", actor,
                                        d("2012-06-01"), &one, 1, VERDICT_MET, &y),
                     0);
    assert_int_equal(store_activity_add(st, cb, &dz, NULL, ACTIVITY_PROCUREMENT, "{}", "cli",
                                        d("2012-06-01"), &one, 1, VERDICT_MET, &z),
                     0);

    f.compact_id = ca; /* one Compact's, with the organisation's name from the register */
    assert_int_equal(store_activity_summaries(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].id, x);
    assert_string_equal(items[0].compact_name, "Homes Compact A");
    assert_string_equal(items[0].kind, "funding_change");
    assert_string_equal(items[0].org_name, "Friends of Homes Park");
    assert_string_equal(items[0].overall, "met");
    f = (struct activity_filter){.compact_id = cb}; /* the latest first; no name for an unknown */
    assert_int_equal(store_activity_summaries(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(items[0].id, z);
    assert_string_equal(items[0].org_id, "GB-CHC-9999999");
    assert_null(items[0].org_name);
    assert_null(items[1].org_id);
    f = (struct activity_filter){.coordinator = coordinator}; /* of the Compacts they keep */
    assert_int_equal(store_activity_summaries(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].id, x);
    f = (struct activity_filter){.org = "GB-CHC-2222222"}; /* for it, or by its member */
    assert_int_equal(store_activity_summaries(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(items[0].id, y);
    assert_int_equal(items[1].id, x);
    f.limit = 1;
    assert_int_equal(store_activity_summaries(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 1);
    f = (struct activity_filter){.coordinator = member}; /* coordinates nothing */
    assert_int_equal(store_activity_summaries(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 0);

    assert_int_equal(store_compact_findings(st, ca, &arena, &rows, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].org_name, "Friends of Homes Park");

    cf.coordinator = coordinator; /* the Compacts a coordinator keeps */
    assert_int_equal(store_compact_list(st, &cf, &arena, &compacts, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(compacts[0].id, ca);
    assert_int_equal(store_compact_count(st, &cf, &count), 0);
    assert_int_equal(count, 1);
    cf.coordinator = member;
    assert_int_equal(store_compact_count(st, &cf, &count), 0);
    assert_int_equal(count, 0);

    assert_int_equal(store_user_coordinators(st, ca, &arena, &coordinators, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(coordinators[0].email, "homes.coordinator@example.org");
    assert_int_equal(coordinators[0].role, ROLE_COORDINATOR);
    assert_int_equal(store_user_coordinators(st, cb, &arena, &coordinators, &n), 0);
    assert_int_equal(n, 0);
}

static void test_server_key_is_stable(void **state)
{
    unsigned char a[SECRET_BYTES], b[SECRET_BYTES], zero[SECRET_BYTES] = {0};
    (void)state;
    assert_int_equal(store_server_key(st, a), 0);
    assert_int_equal(store_server_key(st, b), 0);
    assert_memory_equal(a, b, SECRET_BYTES);
    assert_memory_not_equal(a, zero, SECRET_BYTES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_users),
        cmocka_unit_test(test_sessions_expire_and_end_with_disable),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_login_failures),
        cmocka_unit_test(test_compact_and_audit),
        cmocka_unit_test(test_disable_revokes_tokens_with_audit),
        cmocka_unit_test(test_commitments_seeded_once_and_corrected_with_audit),
        cmocka_unit_test(test_activities_and_their_findings),
        cmocka_unit_test(test_activity_lists_for_the_home_pages),
        cmocka_unit_test(test_server_key_is_stable),
    };
    RUN_ON_BOTH(tests, setup, teardown);
}
