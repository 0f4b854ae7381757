/* Opening the database, migrations, transactions, backups and the statement cache. */
#include "store_int.h"
#include "store_search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/err.h"
#include "base/log.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* Generated at build time from migrations/sqlite/NNNN_*.sql and migrations/pg/NNNN_*.sql, in
 * order: the same numbers, one set for each engine. */
extern const struct embed_file store_migrations[];
extern const size_t store_migrations_count;
extern const struct embed_file store_migrations_pg[];

/* store.h's waits are the SQLite driver's */
_Static_assert(STORE_SERVER_WAIT_MS == DB_SERVER_WAIT_MS && STORE_WAIT_MS == DB_WAIT_MS,
               "store.h and db.h disagree on how long a connection waits");

int (*store_step_hook)(struct db_stmt *stmt);

int store_err(struct store *st, int rc)
{
    return db_err(st ? st->db : NULL, rc);
}

int store_fail(struct store *st, int rc)
{
    int ret = store_err(st, rc);
    return ret ? ret : ERR_DB;
}

int store_step(struct store *st, struct db_stmt *stmt)
{
    (void)st;
    if (store_step_hook) {
        return store_step_hook(stmt);
    }
    return db_step(stmt);
}

int store_prepare(struct store *st, const char *sql, struct db_stmt **out)
{
    size_t h = ((size_t)(uintptr_t)sql >> 3) % STORE_STMT_CACHE;
    int rc;

    *out = NULL;
    for (size_t i = 0; i < STORE_STMT_CACHE; i++) {
        size_t j = (h + i) % STORE_STMT_CACHE;
        if (st->cache[j].sql == sql) {
            *out = st->cache[j].stmt;
            return 0;
        }
        if (!st->cache[j].sql) {
            rc = db_prepare(st->db, sql, &st->cache[j].stmt);
            if (rc != DB_OK) {
                return store_err(st, rc);
            }
            st->cache[j].sql = sql;
            *out = st->cache[j].stmt;
            return 0;
        }
    }
    die("store: statement cache full; raise STORE_STMT_CACHE");
}

int store_run(struct store *st, struct db_stmt *stmt)
{
    int ret = store_err(st, store_step(st, stmt));
    store_done(stmt);
    return ret;
}

int store_row_text(struct store *st, struct db_stmt *stmt, struct arena *arena, const char **out)
{
    int rc = store_step(st, stmt), ret;

    *out = rc == DB_ROW ? store_col(stmt, 0, arena) : NULL;
    ret = *out ? 0 : rc == DB_ROW || rc == DB_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    store_done(stmt);
    return ret;
}

int store_row_int(struct store *st, struct db_stmt *stmt, long long *out)
{
    int rc = store_step(st, stmt), ret;

    ret = rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    if (out) {
        *out = ret == 0 ? db_column_int64(stmt, 0) : 0;
    }
    store_done(stmt);
    return ret;
}

int store_row_count(struct store *st, struct db_stmt *stmt, size_t *out)
{
    long long n;
    int ret = store_row_int(st, stmt, &n);

    *out = ret == 0 && n > 0 ? (size_t)n : 0;
    return ret;
}

int store_row_ranked(struct store *st, struct db_stmt *stmt, long long *id)
{
    int rc = store_step(st, stmt), ret, rank;

    *id = 0;
    if (rc != DB_ROW) {
        ret = rc == DB_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
        goto cleanup;
    }
    *id = db_column_int64(stmt, 0);
    rank = db_column_int(stmt, 1);
    rc = store_step(st, stmt);
    if (rc == DB_ROW && db_column_int(stmt, 1) == rank) {
        *id = 0;
        ret = ERR_CONFLICT;
    } else {
        ret = rc == DB_ROW || rc == DB_DONE ? 0 : store_fail(st, rc);
    }
cleanup:
    store_done(stmt);
    return ret;
}

const char *store_col(struct db_stmt *stmt, int i, struct arena *arena)
{
    const char *s = db_column_text(stmt, i);

    /* both engines end a column's text with a NUL; strlen is cheaper than asking them (the
     * call to SQLite's sqlite3_column_bytes was 4% of the authorities page) */
    return s && arena ? arena_memdupz(arena, s, strlen(s)) : s;
}

date_t store_col_date(struct db_stmt *stmt, int i)
{
    const char *s = (const char *)db_column_text(stmt, i);
    date_t d = 0;

    if (s) {
        date_parse(s, (size_t)db_column_bytes(stmt, i), &d);
    }
    return d;
}

void store_bind_text(struct db_stmt *stmt, int i, const char *s)
{
    if (s) {
        db_bind_text_copy(stmt, i, s);
    } else {
        db_bind_null(stmt, i);
    }
}

void store_bind_like(struct db_stmt *stmt, int i, const char *q)
{
    size_t len, j = 0;
    char *pattern;

    if (!q || !*q) {
        db_bind_null(stmt, i);
        return;
    }
    len = strlen(q);
    pattern = xmalloc(st_add(st_mult(len, 2), 1));
    for (size_t k = 0; k < len; k++) {
        if (q[k] == '%' || q[k] == '_' || q[k] == '\\') {
            pattern[j++] = '\\';
        }
        pattern[j++] = q[k] >= 'A' && q[k] <= 'Z' ? (char)(q[k] - 'A' + 'a') : q[k];
    }
    pattern[j] = '\0';
    db_bind_text_copy(stmt, i, pattern);
    free(pattern);
}

void store_bind_date(struct db_stmt *stmt, int i, date_t d)
{
    char text[DATE_STRLEN + 1];

    if (d) {
        date_format(d, text);
        db_bind_text_copy(stmt, i, text);
    } else {
        db_bind_null(stmt, i);
    }
}

void store_bind_limit(struct db_stmt *stmt, int i, size_t limit)
{
    if (limit) {
        db_bind_int64(stmt, i, (long long)limit);
    } else if (db_kind(db_handle(stmt)) == DB_PG) {
        db_bind_null(stmt, i); /* LIMIT NULL: no limit */
    } else {
        db_bind_int64(stmt, i, -1);
    }
}

int store_row_gss(struct store *st, struct db_stmt *stmt, char out[GSS_LEN + 1])
{
    int rc = store_step(st, stmt), ret;

    out[0] = '\0';
    if (rc == DB_ROW && db_column_bytes(stmt, 0) == GSS_LEN) {
        memcpy(out, db_column_text(stmt, 0), GSS_LEN + 1);
        ret = 0;
    } else {
        ret = rc == DB_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

void store_done(struct db_stmt *stmt)
{
    if (stmt) {
        db_reset(stmt);
    }
}

int store_exec(struct store *st, const char *sql)
{
    return store_err(st, db_exec(st->db, sql));
}

int store_open(const char *path, unsigned flags, struct store **out)
{
    struct store *st;
    struct db *db;
    unsigned dflags =
        (flags & STORE_READONLY ? DB_READONLY : 0) | (flags & STORE_CREATE ? DB_CREATE : 0) |
        (flags & STORE_SERVER ? DB_SERVER : 0) | (flags & STORE_SCRATCH ? DB_SCRATCH : 0);
    int ret;

    *out = NULL;
    if ((ret = db_connect(path, dflags, &db)) < 0) {
        return ret;
    }
    st = xcalloc(1, sizeof(*st));
    st->db = db;
    *out = st;
    return 0;
}

void store_close(struct store *st)
{
    if (!st) {
        return;
    }
    for (size_t i = 0; i < STORE_STMT_CACHE; i++) {
        db_finalize(st->cache[i].stmt);
    }
    db_close(st->db);
    free(st);
}

const char *store_errmsg(const struct store *st)
{
    return st && st->db ? db_errmsg(st->db) : "no database";
}

int store_uri_is_pg(const char *path)
{
    return db_uri_is_pg(path);
}

int store_schema_latest(void)
{
    return (int)store_migrations_count; /* PostgreSQL's twins are as many (unit.test_db) */
}

int store_schema_version(struct store *st, int *out)
{
    return db_schema_version(st->db, out);
}

/*
 * The record of the migrations applied, a schema_version row each. PostgreSQL's migrations
 * write their own row (migrations/pg/); SQLite's set PRAGMA user_version, which stays what
 * db_schema_version reads there, so a database made before this table migrates as it always
 * did, and the table is made and kept beside it here: rows for the versions applied before it
 * existed have no time.
 */
static const char sql_lite_versions[] = "CREATE TABLE IF NOT EXISTS schema_version ("
                                        "version INTEGER PRIMARY KEY, applied_at TEXT)";
static const char sql_version_add[] = "INSERT INTO schema_version (version, applied_at) "
                                      "VALUES (?1, ?2) ON CONFLICT (version) DO NOTHING";

/* Record versions 1 to upto as applied, upto at the time now (SQLite only; inside the caller's
 * transaction). */
static int record_versions(struct store *st, int upto, int now)
{
    char at[STORE_TIME_LEN + 1];
    struct db_stmt *stmt;
    int ret;

    if (db_kind(st->db) != DB_SQLITE) {
        return 0;
    }
    if ((ret = store_exec(st, sql_lite_versions)) < 0 ||
        (ret = store_prepare(st, sql_version_add, &stmt)) < 0) {
        return ret;
    }
    store_now(at);
    for (int v = 1; v <= upto && !ret; v++) {
        db_bind_int(stmt, 1, v);
        if (v == upto && now) {
            db_bind_text(stmt, 2, at);
        }
        ret = store_run(st, stmt);
    }
    return ret;
}

/*
 * PostgreSQL: one migration at a time per database, however many `compact migrate` or `init`
 * run at once. A lock of the session, not of each migration's transaction: a transaction that
 * waited for a lock would still see the schema as it was when it began (its snapshot), and
 * apply again what the other had just applied. The version is read once the lock is held; the
 * lock goes with the connection if the process dies. SQLite has its one writer already.
 */
static const char sql_pg_migrate_lock[] = "SELECT pg_advisory_lock(hashtext('compact migrate'))";
static const char sql_pg_migrate_unlock[] =
    "SELECT pg_advisory_unlock(hashtext('compact migrate'))";

/* Let go of the lock store_migrate took on PostgreSQL (pg), passing ret through. */
static int migrated(struct store *st, int pg, int ret)
{
    if (pg && store_exec(st, sql_pg_migrate_unlock) < 0 && !ret) {
        ret = ERR_DB;
    }
    return ret;
}

/* The schema version that added organisations (0006_register.sql). */
#define SCHEMA_ORGANISATIONS 6
/* The schema version that added the review date the program computes (0008_portable.sql). */
#define SCHEMA_REVIEW_DUE_ON 8
/* The schema version that added the search's index (0013_search.sql). */
#define SCHEMA_SEARCH 13

/*
 * What migrating a database from schema version from takes beyond the migrations' SQL, done in
 * C by the store's own functions: so it runs with the newest schema, in the last migration's
 * transaction.
 */
static int migrate_data(struct store *st, int from)
{
    int ret = 0;

    /* An existing database gets its councils with the organisations table; a new one's come
     * with the reference data (compact init). */
    if (from > 0 && from < SCHEMA_ORGANISATIONS) {
        size_t made;
        ret = store_organisation_councils(st, "migration", &made);
    }
    if (!ret && from < SCHEMA_REVIEW_DUE_ON) {
        ret = store_compact_review_fill(st);
    }
    /* the search indexes what there is (a new database's comes with its writes) */
    if (!ret && from > 0 && from < SCHEMA_SEARCH) {
        ret = store_search_rebuild(st);
    }
    return ret;
}

/* The migrations of st's engine. */
static const struct embed_file *migration_set(struct store *st)
{
    return db_kind(st->db) == DB_PG ? store_migrations_pg : store_migrations;
}

/*
 * Apply migration v + 1 (its file is the set's v-th) inside the caller's transaction, with the
 * work in C that the last one brings (migrate_data; from: the version the database was at).
 */
static int apply_migration(struct store *st, int v, int from)
{
    const struct embed_file *m = &migration_set(st)[v];
    char *sql = xmemdupz(m->data, m->len);
    int now = 0, ret = store_exec(st, sql);

    free(sql);
    if (!ret) {
        ret = store_schema_version(st, &now);
    }
    if (!ret && now != v + 1) {
        log_error("migration '%s' must set the schema version to %d", m->name, v + 1);
        ret = ERR_DB;
    }
    if (!ret) {
        ret = record_versions(st, now, 1);
    }
    if (!ret && now == store_schema_latest()) {
        ret = migrate_data(st, from);
    }
    return ret;
}

int store_migrate_new(struct store *st)
{
    int ret = 0;

    for (int v = 0; v < store_schema_latest() && !ret; v++) {
        ret = apply_migration(st, v, 0);
    }
    return ret;
}

int store_migrate(struct store *st, int *from, int *to)
{
    int version = 0, ret, latest = store_schema_latest(), pg = db_kind(st->db) == DB_PG;

    if (from) {
        *from = 0;
    }
    if (to) {
        *to = 0;
    }
    if (pg && (ret = store_exec(st, sql_pg_migrate_lock)) < 0) {
        return ret;
    }
    if ((ret = store_schema_version(st, &version)) < 0) {
        return migrated(st, pg, ret);
    }
    if (from) {
        *from = version;
    }
    if (version > latest) {
        log_error("database schema version %d is newer than this program's %d", version, latest);
        return migrated(st, pg, ERR_CONFLICT);
    }
    if (version > 0 && version == latest && !pg) {
        /* an SQLite database migrated before schema_version was kept gets its rows once */
        struct db_stmt *stmt;
        static const char sql_has[] =
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if ((ret = store_prepare(st, sql_has, &stmt)) < 0 ||
            ((ret = store_row_int(st, stmt, NULL)) == ERR_NOT_FOUND &&
             (ret = store_begin(st)) == 0)) {
            ret = store_end(st, record_versions(st, version, 0));
        }
        if (ret < 0) {
            return ret;
        }
    }
    for (int v = version; v < latest; v++) {
        ret = store_begin(st);
        if (!ret) {
            ret = apply_migration(st, v, version);
        }
        if ((ret = store_end(st, ret)) < 0) {
            return migrated(st, pg, ret);
        }
        log_info("applied migration %s", migration_set(st)[v].name);
    }
    if (to) {
        *to = latest;
    }
    return migrated(st, pg, 0);
}

int store_backup(struct store *st, const char *path)
{
    return db_backup(st->db,
                     path); /* PostgreSQL: ERR_INVALID, the log saying how pg_dump does it */
}

int store_ping(struct store *st)
{
    static const char sql[] = "SELECT 1";
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    return store_row_int(st, stmt, NULL);
}

int store_begin(struct store *st)
{
    return store_err(st, db_begin(st->db));
}

int store_begin_bulk(struct store *st)
{
    return store_err(st, db_begin_bulk(st->db));
}

int store_commit(struct store *st)
{
    return store_err(st, db_commit(st->db));
}

long long store_landed(struct store *st)
{
    return db_landed(st->db);
}

int store_retry(struct store *st, int ret, long long landed, int attempt)
{
    if (ret != ERR_BUSY || db_kind(st->db) != DB_PG || attempt > DB_RETRIES + 1 ||
        db_in_transaction(st->db) || db_landed(st->db) != landed) {
        return 0;
    }
    log_warn("database: a write conflicted with another; running it again (try %d of %d)", attempt,
             DB_RETRIES + 1);
    db_backoff(attempt - 1);
    return 1;
}

void store_rollback(struct store *st)
{
    db_rollback(st->db); /* nothing outside a transaction */
}

int store_end(struct store *st, int ret)
{
    if (ret == 0 && (ret = store_commit(st)) == 0) {
        return 0;
    }
    store_rollback(st);
    return ret;
}

int store_read_begin(struct store *st)
{
    return store_err(st, db_read_begin(st->db));
}

void store_read_end(struct store *st)
{
    db_read_end(st->db);
}

int store_version(struct store *st, long long *out)
{
    return db_version(st->db, out);
}
