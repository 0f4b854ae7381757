/* The store on :memory:: migrations, authorities and aliases, constraints, forced errors, rows
 * by id, backup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/store.h"
#include "store/store_int.h"
#include "base/embed.h"
#include "base/err.h"

/* SQLite's migrations, as embedded (migrations/sqlite/). */
extern const struct embed_file store_migrations[];

/* The first number of the one row sql answers on st's connection. */
static long long number(struct store *st, const char *sql)
{
    struct db_stmt *stmt;
    long long n;
    assert_int_equal(db_prepare(st->db, sql, &stmt), DB_OK);
    assert_int_equal(db_step(stmt), DB_ROW);
    n = db_column_int64(stmt, 0);
    db_finalize(stmt);
    return n;
}

static struct store *open_mem(void)
{
    struct store *st;
    int from = -1, to = -1;
    assert_int_equal(store_open(":memory:", STORE_CREATE, &st), 0);
    assert_int_equal(store_migrate(st, &from, &to), 0);
    assert_int_equal(from, 0);
    assert_int_equal(to, store_schema_latest());
    return st;
}

static const struct authority herts = {.gss = "E10000015",
                                       .code = "HRT",
                                       .name = "Hertfordshire",
                                       .official_name = "Hertfordshire County Council",
                                       .type = AUTH_COUNTY,
                                       .region = "East of England",
                                       .sets = AUTH_IN_2012 | AUTH_IN_CURRENT};
static const struct authority stalbans = {.gss = "E07000240",
                                          .code = "SAL",
                                          .name = "St Albans",
                                          .official_name = "St Albans City and District Council",
                                          .type = AUTH_DISTRICT,
                                          .county_gss = "E10000015",
                                          .region = "East of England",
                                          .sets = AUTH_IN_2012 | AUTH_IN_CURRENT};
static const struct authority bournemouth = {.gss = "E06000028",
                                             .code = "BMH",
                                             .name = "Bournemouth",
                                             .official_name = "Bournemouth BC",
                                             .type = AUTH_UNITARY,
                                             .region = "South West",
                                             .end_date = "2019-03-31",
                                             .sets = AUTH_IN_2012};

static void load(struct store *st)
{
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_authority_put(st, &stalbans), 0); /* before its county: deferred */
    assert_int_equal(store_authority_put(st, &herts), 0);
    assert_int_equal(store_authority_put(st, &bournemouth), 0);
    assert_int_equal(store_authority_alias_put(st, "E07000100", "E07000240", 1), 0);
    assert_int_equal(store_commit(st), 0);
}

static void test_migrate_is_idempotent(void **state)
{
    struct store *st = open_mem();
    int from = -1, to = -1, v = -1;
    (void)state;
    assert_int_equal(store_migrate(st, &from, &to), 0);
    assert_int_equal(from, to);
    assert_int_equal(store_schema_version(st, &v), 0);
    assert_int_equal(v, store_schema_latest());
    assert_true(v >= 1);
    assert_int_equal(number(st, "SELECT count(*) FROM schema_version"), v); /* a row each */
    assert_int_equal(store_ping(st), 0);
    store_close(st);
}

static void test_get_by_code_and_alias(void **state)
{
    struct store *st = open_mem();
    struct arena a;
    struct authority got;
    (void)state;
    arena_init(&a);
    load(st);
    assert_int_equal(store_authority_get(st, "E07000100", &a, &got), 0);
    assert_string_equal(got.gss, "E07000240");
    assert_string_equal(got.gss_2011, "E07000100");
    assert_string_equal(got.county_gss, "E10000015");
    assert_string_equal(got.county_name, "Hertfordshire");
    assert_int_equal(got.type, AUTH_DISTRICT);
    assert_int_equal(store_authority_get(st, "E07000240", &a, &got), 0);
    assert_string_equal(got.name, "St Albans");
    assert_int_equal(store_authority_get(st, "E10000015", &a, &got), 0);
    assert_null(got.gss_2011);
    assert_null(got.county_gss);
    assert_int_equal(store_authority_get(st, "E99999999", &a, &got), ERR_NOT_FOUND);
    assert_int_equal(store_authority_get(st, "' OR 1=1 --", &a, &got), ERR_NOT_FOUND);
    arena_release(&a);
    store_close(st);
}

static void test_list_filters_and_cursor(void **state)
{
    struct store *st = open_mem();
    struct arena a;
    struct authority *items;
    size_t n, total, counts[AUTH_TYPE_COUNT];
    struct authority_filter f = {.set = AUTH_SET_CURRENT, .type = -1, .region = -1};
    (void)state;
    arena_init(&a);
    load(st);
    assert_int_equal(store_authority_count(st, &f, &total), 0);
    assert_int_equal(total, 2); /* Bournemouth is gone */
    f.set = AUTH_SET_2012;
    assert_int_equal(store_authority_count(st, &f, &total), 0);
    assert_int_equal(total, 3);
    assert_int_equal(store_authority_count_by_type(st, &f, counts), 0);
    assert_int_equal(counts[AUTH_COUNTY], 1);
    assert_int_equal(counts[AUTH_DISTRICT], 1);
    assert_int_equal(counts[AUTH_UNITARY], 1);
    assert_int_equal(counts[AUTH_LONDON_BOROUGH], 0);

    f.limit = 2; /* by GSS: E06000028, E07000240 | E10000015 */
    assert_int_equal(store_authority_list(st, &f, &a, &items, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].gss, "E06000028");
    assert_string_equal(items[1].gss, "E07000240");
    f.after = items[1].gss;
    assert_int_equal(store_authority_list(st, &f, &a, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].gss, "E10000015");

    f = (struct authority_filter){.set = AUTH_SET_2012, .type = -1, .region = 8, .by_name = 1};
    assert_int_equal(store_authority_list(st, &f, &a, &items, &n), 0);
    assert_int_equal(n, 1); /* region 8 is the South West */
    assert_string_equal(items[0].name, "Bournemouth");
    f = (struct authority_filter){
        .set = AUTH_SET_2012, .type = AUTH_DISTRICT, .region = -1, .by_name = 1};
    assert_int_equal(store_authority_list(st, &f, &a, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].name, "St Albans");
    arena_release(&a);
    store_close(st);
}

static void test_constraints_refuse_and_roll_back(void **state)
{
    struct store *st = open_mem();
    struct authority orphan = stalbans, badtype = herts;
    size_t total;
    struct authority_filter f = {.set = -1, .type = -1, .region = -1};
    (void)state;
    orphan.gss = "E07000999";
    orphan.code = "ORP";
    orphan.county_gss = "E10000999"; /* no such county */
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_authority_put(st, &orphan), 0);
    assert_int_equal(store_commit(st), ERR_CONFLICT); /* deferred foreign key */
    store_rollback(st);
    assert_int_equal(store_authority_count(st, &f, &total), 0);
    assert_int_equal(total, 0);

    badtype.gss = "E10000016";
    badtype.county_gss = "E10000015"; /* a county with a county */
    assert_int_equal(store_authority_put(st, &badtype), ERR_CONFLICT);
    store_close(st);
}

static int fail_busy(struct db_stmt *stmt)
{
    (void)stmt;
    return DB_BUSY;
}

static int fail_ioerr(struct db_stmt *stmt)
{
    (void)stmt;
    return DB_ERROR;
}

static void test_forced_errors_become_err_db(void **state)
{
    struct store *st = open_mem();
    struct arena a;
    struct authority got;
    size_t n;
    struct authority_filter f = {.set = -1, .type = -1, .region = -1};
    struct authority *items = (void *)1;
    (void)state;
    arena_init(&a);
    load(st);
    store_step_hook = fail_busy;
    assert_int_equal(store_authority_get(st, "E07000240", &a, &got), ERR_DB);
    assert_int_equal(store_ping(st), ERR_DB);
    store_step_hook = fail_ioerr;
    assert_int_equal(store_authority_list(st, &f, &a, &items, &n), ERR_DB);
    assert_null(items);
    assert_int_equal(n, 0);
    assert_int_equal(store_authority_put(st, &herts), ERR_DB);
    store_step_hook = NULL;
    assert_int_equal(store_authority_get(st, "E07000240", &a, &got), 0); /* statements reset */
    arena_release(&a);
    store_close(st);
}

static void read_gss(struct db_stmt *stmt, struct arena *arena, void *item)
{
    *(const char **)item = store_col(stmt, 0, arena);
}

static void test_rows_and_row_of_an_id(void **state)
{
    static const char sql_first[] = "SELECT gss FROM authority ORDER BY gss LIMIT ?1";
    static const char sql_at[] = "SELECT gss FROM authority ORDER BY gss LIMIT 1 OFFSET ?1";
    struct store *st = open_mem();
    struct arena a;
    const char **gss = NULL, *one = NULL;
    size_t n = 9;
    (void)state;
    arena_init(&a);
    load(st);
    assert_int_equal(store_rows_of(st, sql_first, 2, &a, sizeof(*gss), read_gss, &gss, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(gss[0], "E06000028");
    assert_string_equal(gss[1], "E07000240");
    assert_int_equal(store_row_of(st, sql_at, 1, &a, read_gss, &one), 0);
    assert_string_equal(one, "E07000240");
    one = NULL;
    assert_int_equal(store_row_of(st, sql_at, 5, &a, read_gss, &one), ERR_NOT_FOUND);
    assert_null(one);
    store_step_hook = fail_ioerr;
    assert_int_equal(store_rows_of(st, sql_first, 2, &a, sizeof(*gss), read_gss, &gss, &n), ERR_DB);
    assert_null(gss);
    assert_int_equal(n, 0);
    assert_int_equal(store_row_of(st, sql_at, 0, &a, read_gss, &one), ERR_DB);
    store_step_hook = NULL;
    arena_release(&a);
    store_close(st);
}

static void test_backup_copies_everything(void **state)
{
    struct store *st = open_mem(), *copy;
    char path[] = "/tmp/compact-test-backup-XXXXXX";
    int fd = mkstemp(path);
    size_t total;
    struct authority_filter f = {.set = -1, .type = -1, .region = -1};
    (void)state;
    assert_true(fd >= 0);
    close(fd);
    load(st);
    assert_int_equal(store_backup(st, path), 0);
    store_close(st);
    assert_int_equal(store_open(path, 0, &copy), 0);
    assert_int_equal(store_authority_count(copy, &f, &total), 0);
    assert_int_equal(total, 3);
    store_close(copy);
    unlink(path);
}

/* A database file that a program of before schema_version made: SQLite's first upto migrations
 * applied as they were then, and Hertfordshire in it. */
static void make_old(const char *path, int upto)
{
    struct db *db;
    assert_int_equal(db_connect(path, DB_CREATE, &db), 0);
    for (int v = 0; v < upto; v++) {
        char *sql = strndup((const char *)store_migrations[v].data, store_migrations[v].len);
        assert_non_null(sql);
        assert_int_equal(db_exec(db, sql), DB_OK);
        free(sql);
    }
    assert_int_equal(db_exec(db,
                             "INSERT INTO authority (gss, code, name, official_name, type,"
                             " region, sets) VALUES ('E10000015', 'HRT', 'Hertfordshire',"
                             " 'Hertfordshire County Council', 'county', 'East of England', 3)"),
                     DB_OK);
    db_close(db);
}

static void unlink_db(const char *path)
{
    char more[80];
    unlink(path);
    snprintf(more, sizeof(more), "%s-wal", path);
    unlink(more);
    snprintf(more, sizeof(more), "%s-shm", path);
    unlink(more);
}

static void test_migrates_a_database_of_before_schema_version(void **state)
{
    char path[] = "/tmp/compact-test-old-XXXXXX";
    int fd = mkstemp(path), from = -1, to = -1, version = 0, latest = store_schema_latest();
    struct store *st;
    (void)state;
    assert_true(fd >= 0);
    close(fd);

    /* at user_version 5, before organisations: migrated on, its councils made */
    make_old(path, 5);
    assert_int_equal(store_open(path, 0, &st), 0);
    assert_int_equal(store_schema_version(st, &version), 0);
    assert_int_equal(version, 5);
    assert_int_equal(store_migrate(st, &from, &to), 0);
    assert_int_equal(from, 5);
    assert_int_equal(to, latest);
    assert_int_equal(store_schema_version(st, &version), 0);
    assert_int_equal(version, latest);
    assert_int_equal(number(st, "PRAGMA user_version"), latest);
    assert_int_equal(number(st, "SELECT count(*) FROM schema_version"), latest);
    assert_int_equal(number(st, "SELECT max(version) FROM schema_version"), latest);
    /* the versions applied before the table have no time; the ones applied now have */
    assert_int_equal(number(st, "SELECT count(*) FROM schema_version WHERE applied_at IS NULL"), 5);
    assert_int_equal(number(st, "SELECT count(*) FROM organisation WHERE org_id = 'GB-LAE-HRT'"),
                     1);
    assert_int_equal(store_migrate(st, &from, &to), 0);
    assert_int_equal(from, latest);
    assert_int_equal(to, latest);
    assert_int_equal(number(st, "SELECT count(*) FROM schema_version"), latest);
    store_close(st);
    unlink_db(path);

    /* up to date already, without the table: given its rows, nothing else */
    make_old(path, latest);
    assert_int_equal(store_open(path, 0, &st), 0);
    assert_int_equal(store_migrate(st, &from, &to), 0);
    assert_int_equal(from, latest);
    assert_int_equal(to, latest);
    assert_int_equal(number(st, "SELECT count(*) FROM schema_version WHERE applied_at IS NULL"),
                     latest);
    assert_int_equal(number(st, "SELECT count(*) FROM organisation"), 0);
    store_close(st);
    unlink_db(path);
}

static void test_open_missing_file_is_not_found(void **state)
{
    struct store *st = (void *)1;
    (void)state;
    assert_int_equal(store_open("/nonexistent-dir/none.db", 0, &st), ERR_NOT_FOUND);
    assert_null(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrate_is_idempotent),
        cmocka_unit_test(test_get_by_code_and_alias),
        cmocka_unit_test(test_list_filters_and_cursor),
        cmocka_unit_test(test_constraints_refuse_and_roll_back),
        cmocka_unit_test(test_forced_errors_become_err_db),
        cmocka_unit_test(test_rows_and_row_of_an_id),
        cmocka_unit_test(test_backup_copies_everything),
        cmocka_unit_test(test_open_missing_file_is_not_found),
        cmocka_unit_test(test_migrates_a_database_of_before_schema_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
