/* Signatories in the store on :memory:: add, resolve, withdraw, lists, audit; and core's rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store_backend.h"

#include "store/store.h"
#include "store/store_int.h"
#include "core/signatory.h"
#include "base/err.h"

static struct store *st;

static int setup(void **state)
{
    (void)state;
    if (store_open(test_db_uri(), STORE_CREATE, &st) || store_migrate(st, NULL, NULL)) {
        return -1;
    }
    return db_exec(
        st->db,
        "INSERT INTO organisation (id, org_id, name, sector, type, created_at, updated_at) VALUES "
        "(1, 'GB-CHC-1111111', 'Trafford Housing Trust', 'vcs', 'charity', 'x', 'x'), "
        "(2, NULL, 'Trafford Council', 'statutory', 'council', 'x', 'x'), "
        "(3, 'GB-COH-2', 'Twin', 'private', 'business', 'x', 'x'), "
        "(4, 'GB-COH-3', 'Twin', 'private', 'business', 'x', 'x'); "
        "INSERT INTO compact (id, name, created_at) VALUES (1, 'Trafford Compact', 'x'), "
        "(2, 'Twin Compact', 'x'), (3, 'Twin Compact', 'x'), (4, 'Bury Compact', 'x')");
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    return 0;
}

static date_t day(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static long long count_rows(const char *sql)
{
    return test_number(st->db, sql);
}

static void test_rules(void **state)
{
    char long_role[SIGNATORY_ROLE_MAX * 2 + 3];
    const char *field;
    (void)state;
    assert_true(signatory_role_valid("Chief Executive"));
    assert_false(signatory_role_valid(""));
    assert_false(signatory_role_valid("   "));
    assert_false(signatory_role_valid("Chair\nof trustees"));
    assert_false(signatory_role_valid(NULL));
    /* 200 two-byte characters are 200 characters, as the schema counts them */
    for (int i = 0; i < SIGNATORY_ROLE_MAX; i++) {
        memcpy(long_role + 2 * i, "\xc3\xa9", 2);
    }
    long_role[2 * SIGNATORY_ROLE_MAX] = '\0';
    assert_true(signatory_role_valid(long_role));
    memcpy(long_role + 2 * SIGNATORY_ROLE_MAX, "e", 2);
    assert_false(signatory_role_valid(long_role));
    assert_int_equal(signatory_check("Chair", day("2012-04-01"), 0, &field), 0);
    assert_null(field);
    assert_int_equal(signatory_check("Chair", day("2012-04-01"), day("2012-04-01"), &field),
                     ERR_INVALID);
    assert_string_equal(field, "withdrawn_on");
    assert_int_equal(signatory_check("", day("2012-04-01"), day("2011-04-01"), &field),
                     ERR_INVALID);
    assert_string_equal(field, "role");
}

static void test_add_resolves_and_refuses(void **state)
{
    static const struct {
        const char *compact, *org;
        int want;
        const char *bad;
    } cases[] = {
        {"1", "gb-chc-1111111", 0, NULL},                         /* org-id in any case */
        {"Trafford Compact", "2", 0, NULL},                       /* a name and a number */
        {"Bury Compact", "Trafford Council", 0, NULL},            /* an exact name */
        {"1", "trafford council", ERR_NOT_FOUND, "organisation"}, /* names are exact */
        {"1", "Twin", ERR_CONFLICT, "organisation"},
        {"Twin Compact", "GB-COH-2", ERR_CONFLICT, "compact"},
        {"99", "GB-COH-2", ERR_NOT_FOUND, "compact"},
        {"1", "GB-CHC-1111111", ERR_CONFLICT, "signed_on"}, /* the same day again */
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct signatory_new s = {.compact = cases[i].compact,
                                  .organisation = cases[i].org,
                                  .role = "Chief Executive",
                                  .signed_on = day("2012-04-01")};
        const char *bad = "unset";
        long long id = -1;
        print_message("case %zu: %s / %s\n", i, cases[i].compact, cases[i].org);
        assert_int_equal(store_signatory_add(st, &s, "test", &id, &bad), cases[i].want);
        if (cases[i].want) {
            assert_int_equal(id, 0);
            assert_string_equal(bad, cases[i].bad);
        } else {
            assert_int_equal(id, (long long)i + 1);
            assert_null(bad);
        }
    }
    /* only the three added, each with its audit entry */
    assert_int_equal(count_rows("SELECT count(*) FROM signatory"), 3);
    assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action = 'sign'"), 3);
    if (!test_pg) { /* json_extract: SQLite's */
        assert_int_equal(
            count_rows("SELECT count(*) FROM audit WHERE kind = 'compact' AND entity = "
                       "'1' AND json_extract(after, '$.signatory.organisation') = "
                       "'GB-CHC-1111111' AND json_extract(after, '$.signatory.role') = "
                       "'Chief Executive'"),
            1);
    }
    {
        /* a Compact given by id that is not there is not found, not a constraint */
        struct signatory_new s = {.compact_id = 99,
                                  .organisation = "2",
                                  .role = "Leader",
                                  .signed_on = day("2012-04-01")};
        const char *bad;
        long long id;
        assert_int_equal(store_signatory_add(st, &s, "test", &id, &bad), ERR_NOT_FOUND);
        assert_string_equal(bad, "compact");
    }
}

static void test_withdraw_and_lists(void **state)
{
    struct arena a;
    struct signatory *items, g;
    size_t n;
    (void)state;
    arena_init(&a);
    /* signatory 1 (Housing Trust) and 2 (Council) signed Compact 1 on 2012-04-01 */
    assert_int_equal(store_signatory_withdraw(st, 1, 1, day("2012-04-01"), "test"), ERR_INVALID);
    assert_int_equal(store_signatory_withdraw(st, 1, 1, day("2012-03-01"), "test"), ERR_INVALID);
    assert_int_equal(store_signatory_withdraw(st, 4, 1, day("2013-01-01"), "test"),
                     ERR_NOT_FOUND); /* not that Compact's */
    assert_int_equal(store_signatory_withdraw(st, 1, 1, day("2013-01-01"), "test"), 0);
    assert_int_equal(store_signatory_withdraw(st, 1, 1, day("2014-01-01"), "test"), ERR_CONFLICT);
    if (!test_pg) { /* json_extract: SQLite's */
        assert_int_equal(
            count_rows("SELECT count(*) FROM audit WHERE action = 'withdraw' AND "
                       "json_extract(before, '$.signatory.withdrawn_on') IS NULL AND "
                       "json_extract(after, '$.signatory.withdrawn_on') = '2013-01-01'"),
            1);
    }
    assert_int_equal(store_signatory_get(st, 1, 1, &a, &g), 0);
    assert_int_equal(g.withdrawn_on, day("2013-01-01"));
    assert_int_equal(store_signatory_get(st, 4, 1, &a, &g), ERR_NOT_FOUND);

    /* current first, then withdrawn */
    assert_int_equal(store_signatory_list(st, 1, &a, &items, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].org_name, "Trafford Council");
    assert_string_equal(items[0].org_ref, "2"); /* no org-id: its number */
    assert_int_equal(items[0].withdrawn_on, 0);
    assert_string_equal(items[1].org_ref, "GB-CHC-1111111");
    assert_string_equal(items[1].compact_name, "Trafford Compact");
    assert_int_equal(items[1].signed_on, day("2012-04-01"));
    assert_int_equal(items[1].withdrawn_on, day("2013-01-01"));
    assert_int_equal(store_signatory_list(st, 2, &a, &items, &n), 0);
    assert_int_equal(n, 0);

    /* per organisation: the Compacts it signed, by any reference */
    assert_int_equal(store_signatory_list_by_organisation(st, "Trafford Council", &a, &items, &n),
                     0);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].compact_name, "Bury Compact");
    assert_string_equal(items[1].compact_name, "Trafford Compact");
    assert_int_equal(store_signatory_list_by_organisation(st, "gb-chc-1111111", &a, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].compact_id, 1);
    assert_int_equal(store_signatory_list_by_organisation(st, "3", &a, &items, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_signatory_list_by_organisation(st, "GB-CHC-9", &a, &items, &n),
                     ERR_NOT_FOUND);
    assert_null(items);
    assert_int_equal(store_signatory_list_by_organisation(st, "Twin", &a, &items, &n),
                     ERR_CONFLICT);
    arena_release(&a);
}

static void test_insert_many_in_one_transaction(void **state)
{
    struct signatory_new ok = {.compact = "4",
                               .organisation = "GB-COH-2",
                               .role = "Director",
                               .signed_on = day("2015-01-01")};
    const char *bad;
    long long id, before = count_rows("SELECT count(*) FROM signatory");
    (void)state;
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_signatory_insert(st, &ok, "test", &id, &bad), 0);
    /* the same again is refused, and the transaction goes on */
    assert_int_equal(store_signatory_insert(st, &ok, "test", &id, &bad), ERR_CONFLICT);
    ok.organisation = "GB-COH-3";
    assert_int_equal(store_signatory_insert(st, &ok, "test", &id, &bad), 0);
    assert_int_equal(count_rows("SELECT count(*) FROM signatory"), before + 2);
    store_rollback(st);
    assert_int_equal(count_rows("SELECT count(*) FROM signatory"), before);
    if (!test_pg) { /* json_extract: SQLite's */
        assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE entity = '4' AND "
                                    "json_extract(after, '$.signatory.role') = 'Director'"),
                         0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_add_resolves_and_refuses),
        cmocka_unit_test(test_withdraw_and_lists),
        cmocka_unit_test(test_insert_many_in_one_transaction),
    };
    RUN_ON_BOTH(tests, setup, teardown);
}
