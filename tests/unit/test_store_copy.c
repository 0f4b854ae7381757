/* The store's half of compact copy (store_copy.c): its table list against the schema of each
 * engine, values copied exactly (integers, text, blobs, NULLs) both ways, the ids the target
 * numbers next, the refusals that change nothing, and a failure half-way that leaves the target
 * as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store_backend.h"

#include "store/store.h"
#include "store/store_int.h"
#include "base/err.h"

static char dir[64];

/* A path in the test's folder, kept for the next 31 calls (more than a test makes). */
static const char *file(const char *name)
{
    static char paths[32][256];
    static int next;
    char *p = paths[next++ % 32];

    assert_true(snprintf(p, 256, "%s/%s", dir, name) < 256);
    return p;
}

static struct store *open_new(const char *uri)
{
    struct store *st;

    assert_int_equal(store_open(uri, STORE_CREATE, &st), 0);
    assert_int_equal(store_migrate(st, NULL, NULL), 0);
    return st;
}

static void exec_ok(struct store *st, const char *sql)
{
    int rc = db_exec(st->db, sql);
    if (rc != DB_OK) {
        fail_msg("%s: %s", sql, db_errmsg(st->db));
    }
}

/* How many tables the schema st works in has. */
static long long tables_in(struct store *st)
{
    return test_number(st->db, db_kind(st->db) == DB_PG
                                   ? "SELECT count(*) FROM information_schema.tables "
                                     "WHERE table_schema = current_schema()"
                                   : "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
}

static void test_list_matches_the_schema(void **state)
{
    char what[STORE_COPY_WHAT] = "x";
    struct store *st = open_new(test_db_uri());

    (void)state;
    assert_int_equal(store_copy_check(st, what), 0);
    assert_string_equal(what, "");
    store_close(st);
}

static void test_a_table_or_column_not_in_the_list_is_named(void **state)
{
    static const struct {
        const char *sql, *what;
    } cases[] = {
        {"CREATE TABLE extra (x integer)", "extra"},
        {"ALTER TABLE compact ADD COLUMN extra text", "compact.extra"},
        {"ALTER TABLE audit DROP COLUMN after", "audit.after"},
        {"ALTER TABLE compact DROP COLUMN document_url", "compact.demo"},
    };
    char what[STORE_COPY_WHAT];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct store *st = open_new(test_db_uri());
        exec_ok(st, cases[i].sql);
        assert_int_equal(store_copy_check(st, what), ERR_INVALID);
        assert_string_equal(what, cases[i].what);
        store_close(st);
    }
}

/* Rows whose values a copy must keep exactly: ids, integers past 32 bits and negative, empty
 * and non-ASCII text, quotes and line breaks, empty and binary blobs, NULLs. */
static const char content[] =
    "INSERT INTO server_key (id, key) VALUES (1, X'00FF00FF00FF00FF00FF00FF00FF00FF"
    "00FF00FF00FF00FF00FF00FF00FF00FF');"
    "INSERT INTO \"user\" (id, email, name, role, org_id, password_hash, disabled, created_at) "
    "VALUES (7, 'zoe@x.test', 'Zoë ''Q'' \"D\"' || char(10) || 'line two', 'admin', NULL, NULL, 1, "
    "'2026-01-01T00:00:00Z');"
    "INSERT INTO session (id_hash, user_id, created_at, seen_at) "
    "VALUES (X'', 7, 4611686018427387904, -5);"
    "INSERT INTO api_token (id, user_id, token_hash, label, created_at, revoked_at) "
    "VALUES (40, 7, X'0102', '', '2026-01-01T00:00:00Z', NULL);"
    "INSERT INTO audit (id, at, actor, action, kind, entity, before, after) "
    "VALUES (100, '2026-01-01T00:00:00Z', 'cli', 'create', 'user', '7', NULL, '{\"a\":1}');"
    "INSERT INTO authority (gss, code, name, official_name, type, county_gss, region, sets, "
    "gss_2011) VALUES ('E10000015', 'HRT', 'Hertfordshire', 'Hertfordshire County Council', "
    "'county', NULL, 'East of England', 3, NULL), ('E07000240', 'SAL', 'St Albans', "
    "'St Albans City and District Council', 'district', 'E10000015', 'East of England', 2, "
    "'E07000100');";

/* Whether st holds content's rows exactly. */
static void check_content(struct store *st)
{
    struct db_stmt *s;
    size_t in_2012, now;
    static const unsigned char key[32] = {0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff,
                                          0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff,
                                          0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff};

    assert_int_equal(db_prepare(st->db, "SELECT key FROM server_key WHERE id = 1", &s), DB_OK);
    assert_int_equal(db_step(s), DB_ROW);
    assert_int_equal(db_column_bytes(s, 0), 32);
    assert_memory_equal(db_column_blob(s, 0), key, 32);
    db_finalize(s);
    assert_int_equal(db_prepare(st->db,
                                "SELECT name, org_id, password_hash, disabled FROM \"user\" "
                                "WHERE id = 7",
                                &s),
                     DB_OK);
    assert_int_equal(db_step(s), DB_ROW);
    assert_string_equal(db_column_text(s, 0), "Zoë 'Q' \"D\"\nline two");
    assert_true(db_column_is_null(s, 1) && db_column_is_null(s, 2));
    assert_int_equal(db_column_int64(s, 3), 1);
    db_finalize(s);
    assert_int_equal(db_prepare(st->db, "SELECT id_hash, created_at, seen_at FROM session", &s),
                     DB_OK);
    assert_int_equal(db_step(s), DB_ROW);
    assert_false(db_column_is_null(s, 0)); /* an empty blob, not NULL */
    assert_int_equal(db_column_bytes(s, 0), 0);
    assert_true(db_column_int64(s, 1) == 4611686018427387904LL);
    assert_int_equal(db_column_int64(s, 2), -5);
    db_finalize(s);
    assert_int_equal(db_prepare(st->db, "SELECT label, revoked_at, token_hash FROM api_token", &s),
                     DB_OK);
    assert_int_equal(db_step(s), DB_ROW);
    assert_false(db_column_is_null(s, 0)); /* empty text, not NULL */
    assert_string_equal(db_column_text(s, 0), "");
    assert_true(db_column_is_null(s, 1));
    assert_int_equal(db_column_bytes(s, 2), 2);
    assert_memory_equal(db_column_blob(s, 2), "\x01\x02", 2);
    db_finalize(s);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM audit WHERE id = 100 AND "
                                         "before IS NULL AND after = '{\"a\":1}'"),
                     1);
    /* the authorities' counts, which the target's triggers kept as the rows arrived */
    assert_int_equal(
        store_authority_count_sets(st, AUTH_SET_2012, AUTH_SET_CURRENT, &in_2012, &now), 0);
    assert_int_equal(in_2012, 1);
    assert_int_equal(now, 2);
    assert_int_equal(test_number(st->db, "SELECT gss_2011 = 'E07000100' FROM authority "
                                         "WHERE gss = 'E07000240'"),
                     1);
}

/* The next ids st numbers itself, after those copied (PostgreSQL: the sequences moved on). */
static void check_next_ids(struct store *st)
{
    assert_int_equal(test_number(st->db, "INSERT INTO \"user\" (email, name, role, created_at) "
                                         "VALUES ('new@x.test', 'New', 'admin', 'now') "
                                         "RETURNING id"),
                     8);
    assert_int_equal(test_number(st->db, "INSERT INTO audit (at, actor, action, kind, entity) "
                                         "VALUES ('now', 'cli', 'create', 'user', '8') "
                                         "RETURNING id"),
                     101);
    /* a table without rows starts at 1 */
    assert_int_equal(test_number(st->db, "INSERT INTO compact (name, created_at) "
                                         "VALUES ('C', 'now') RETURNING id"),
                     1);
}

static void test_copy_keeps_every_value_both_ways(void **state)
{
    const char *src = file("values.db"), *back = file("values-back.db"), *to = test_db_uri();
    char target[1024];
    struct store_copy c = {0};
    struct store *st = open_new(src);

    (void)state;
    exec_ok(st, content);
    store_close(st);
    /* there (SQLite file or PostgreSQL schema) ... */
    if (!test_pg) {
        to = file("values-copy.db");
    }
    assert_true(snprintf(target, sizeof(target), "%s", to) < (int)sizeof(target));
    assert_int_equal(store_copy(src, target, &c), 0);
    assert_int_equal(c.refused, STORE_COPY_RAN);
    assert_int_equal(c.version, store_schema_latest());
    assert_int_equal(c.tables, 50); /* 25, complaints' 7 (0010), the survey's 10 (0011), the
                                     * library's 6 (0012), the complaints' kept totals 2 (0014) */
    assert_int_equal(c.rows, 7);
    /* ... and back, into a new SQLite file */
    assert_int_equal(store_copy(target, back, &c), 0);
    assert_int_equal(c.rows, 7);
    for (int i = 0; i < 2; i++) {
        int version = 0;
        assert_int_equal(store_open(i ? back : target, 0, &st), 0);
        check_content(st);
        assert_int_equal(store_schema_version(st, &version), 0);
        assert_int_equal(version, store_schema_latest());
        assert_int_equal(store_copy_check(st, c.what), 0);
        check_next_ids(st);
        store_close(st);
    }
    unlink(back);
    unlink(src);
}

static void test_refusals_change_nothing(void **state)
{
    const char *src = file("refuse.db"), *absent = file("absent.db"), *old = file("old.db");
    char used[1024];
    struct store_copy c = {0};
    struct store *st = open_new(src), *t;

    (void)state;
    store_close(st);
    /* a target with tables */
    assert_true(snprintf(used, sizeof(used), "%s", test_pg ? test_db_uri() : file("used.db")) <
                (int)sizeof(used));
    t = open_new(used);
    exec_ok(t, "INSERT INTO login_failure (key, at) VALUES ('k', 1)");
    store_close(t);
    assert_int_equal(store_copy(src, used, &c), ERR_CONFLICT);
    assert_int_equal(c.refused, STORE_COPY_TARGET_USED);
    assert_true(c.what[0] != '\0');
    assert_int_equal(store_open(used, 0, &t), 0);
    assert_int_equal(test_number(t->db, "SELECT count(*) FROM login_failure"), 1);
    assert_int_equal(test_number(t->db, "SELECT count(*) FROM audit"), 0);
    store_close(t);
    /* no source */
    assert_int_equal(store_copy(absent, file("x.db"), &c), ERR_NOT_FOUND);
    assert_int_equal(c.refused, STORE_COPY_NO_SOURCE);
    assert_int_not_equal(access(file("x.db"), F_OK), 0);
    /* a source behind the program */
    st = open_new(old);
    exec_ok(st, "PRAGMA user_version = 5");
    store_close(st);
    assert_int_equal(store_copy(old, file("x.db"), &c), ERR_INVALID);
    assert_int_equal(c.refused, STORE_COPY_SOURCE_OLD);
    assert_int_equal(c.version, 5);
    assert_int_not_equal(access(file("x.db"), F_OK), 0);
    /* another scheme's URI */
    assert_int_equal(store_copy(src, "mysql://host/db", &c), ERR_INVALID);
    assert_int_equal(c.refused, STORE_COPY_BAD_URI);
    assert_string_equal(c.what, "to");
    unlink(src);
    unlink(old);
    if (!test_pg) {
        unlink(used);
    }
}

static void test_a_failure_half_way_leaves_the_target_as_it_was(void **state)
{
    const char *src = file("dirty.db");
    char to[1024];
    struct store_copy c = {0};
    struct store *st = open_new(src);

    (void)state;
    /* rows the target's foreign keys refuse, after tables that copy well: SQLite checks its
     * foreign keys only when asked */
    exec_ok(st, content);
    exec_ok(st, "PRAGMA foreign_keys = OFF;"
                "INSERT INTO compact_coordinator (compact_id, user_id) VALUES (99, 7)");
    store_close(st);
    assert_true(snprintf(to, sizeof(to), "%s", test_pg ? test_db_uri() : file("half.db")) <
                (int)sizeof(to));
    assert_int_equal(store_copy(src, to, &c), ERR_CONFLICT);
    assert_int_equal(c.refused, STORE_COPY_RAN);
    assert_string_equal(c.what, "compact_coordinator");
    assert_true(c.rows >= 5); /* the rows before it were copied, then undone */
    if (test_pg) {
        assert_int_equal(store_open(to, 0, &st), 0);
        assert_int_equal(tables_in(st), 0);
        store_close(st);
    } else {
        /* the file it made is gone, with everything SQLite and the bulk lock kept beside it */
        assert_int_not_equal(access(to, F_OK), 0);
        assert_int_not_equal(access(file("half.db-wal"), F_OK), 0);
        assert_int_not_equal(access(file("half.db-bulk"), F_OK), 0);
    }
    unlink(src);
}

static int group_setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "%s", "/tmp/test_store_copy_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    char cmd[128];

    (void)state;
    return snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir) < (int)sizeof(cmd) && system(cmd) == 0
               ? 0
               : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_matches_the_schema),
        cmocka_unit_test(test_a_table_or_column_not_in_the_list_is_named),
        cmocka_unit_test(test_copy_keeps_every_value_both_ways),
        cmocka_unit_test(test_refusals_change_nothing),
        cmocka_unit_test(test_a_failure_half_way_leaves_the_target_as_it_was),
    };
    RUN_ON_BOTH(tests, group_setup, group_teardown);
}
