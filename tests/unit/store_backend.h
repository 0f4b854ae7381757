/*
 * The database the store's tests run on: SQLite's ":memory:", and then, when $COMPACT_TEST_PG
 * names a PostgreSQL database (CTest's fixture "pg"), the same cases again, each database a
 * fresh schema of it (search_path set in the URI). Include after cmocka.h.
 */
#ifndef TESTS_UNIT_STORE_BACKEND_H
#define TESTS_UNIT_STORE_BACKEND_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"

static const char *test_pg; /* $COMPACT_TEST_PG while its run is on; NULL: SQLite */

/* Where a new, empty database of the backend under test is: ":memory:" or a fresh schema's
 * URI (valid until the next call). */
static const char *test_db_uri(void)
{
    static char uri[1024];
    static int n;
    char schema[48], sql[160];
    struct db *db;
    int rc;

    if (!test_pg) {
        return ":memory:";
    }
    assert_true(snprintf(schema, sizeof(schema), "t%ld_%d", (long)getpid(), ++n) <
                (int)sizeof(schema));
    assert_true(snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s",
                         schema, schema) < (int)sizeof(sql));
    assert_int_equal(db_connect(test_pg, 0, &db), 0);
    rc = db_exec(db, sql);
    if (rc != DB_OK) {
        fail_msg("%s: %s", sql, db_errmsg(db));
    }
    db_close(db);
    assert_true(snprintf(uri, sizeof(uri), "%s%coptions=-csearch_path%%3D%s", test_pg,
                         strchr(test_pg, '?') ? '&' : '?', schema) < (int)sizeof(uri));
    return uri;
}

/*
 * The fixture most store tests share, written once: st, a fresh database of the backend under
 * test with the schema and the reference data, and arena; setup and teardown for cmocka. The
 * test file says STORE_TEST_FIXTURE at file scope (after including ingest/ingest.h).
 */
#define STORE_TEST_FIXTURE                                                                         \
    static struct store *st;                                                                       \
    static struct arena arena;                                                                     \
    static int setup(void **state)                                                                 \
    {                                                                                              \
        struct buf err = BUF_INIT;                                                                 \
        size_t n;                                                                                  \
        (void)state;                                                                               \
        arena_init(&arena);                                                                        \
        if (crypto_start() || store_open(test_db_uri(), STORE_CREATE, &st) ||                      \
            store_migrate(st, NULL, NULL) || ingest_reference_data(st, &n, &err)) {                \
            return -1;                                                                             \
        }                                                                                          \
        buf_release(&err);                                                                         \
        return 0;                                                                                  \
    }                                                                                              \
    static int teardown(void **state)                                                              \
    {                                                                                              \
        (void)state;                                                                               \
        store_close(st);                                                                           \
        arena_release(&arena);                                                                     \
        return 0;                                                                                  \
    }

/* The first number of the one row sql answers on db. */
static inline long long test_number(struct db *db, const char *sql)
{
    struct db_stmt *stmt;
    long long n;
    assert_int_equal(db_prepare(db, sql, &stmt), DB_OK);
    assert_int_equal(db_step(stmt), DB_ROW);
    n = db_column_int64(stmt, 0);
    db_finalize(stmt);
    return n;
}

/* Skip a case that only means something on SQLite (a file, a pragma, json_extract). */
#define SQLITE_ONLY()                                                                              \
    do {                                                                                           \
        if (test_pg) {                                                                             \
            skip();                                                                                \
        }                                                                                          \
    } while (0)

/* Run the group on SQLite, then on PostgreSQL when $COMPACT_TEST_PG is set: failures summed. */
#define RUN_ON_BOTH(tests, setup, teardown)                                                        \
    do {                                                                                           \
        int failed_ = cmocka_run_group_tests_name("on SQLite", tests, setup, teardown);            \
        test_pg = getenv("COMPACT_TEST_PG");                                                       \
        if (!test_pg || !*test_pg) {                                                               \
            printf("COMPACT_TEST_PG is not set: the PostgreSQL run did not happen\n");             \
            return failed_;                                                                        \
        }                                                                                          \
        return failed_ + cmocka_run_group_tests_name("on PostgreSQL", tests, setup, teardown);     \
    } while (0)

#endif
