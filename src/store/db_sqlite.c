/* The SQLite driver of db.h: a thin layer over sqlite3_*, result codes folded into classes. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "db_driver.h"
#include "base/err.h"
#include "base/log.h"
#include "base/xalloc.h"
#include "base/banned.h"

struct lite {
    struct db base;
    sqlite3 *h;
    sqlite3_stmt *data_version; /* asked at every cacheable request: prepared once */
};

struct lite_stmt {
    struct db_stmt base;
    sqlite3_stmt *h;
};

#define LITE(db)   ((struct lite *)(db))
#define STMT(s)    (((struct lite_stmt *)(s))->h)
#define HANDLE(db) (LITE(db)->h)

static int code_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
        return DB_OK;
    case SQLITE_ROW:
        return DB_ROW;
    case SQLITE_DONE:
        return DB_DONE;
    case SQLITE_CONSTRAINT:
        return DB_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return DB_BUSY;
    case SQLITE_TOOBIG:
        return DB_TOOBIG;
    case SQLITE_CANTOPEN:
        return DB_CANTOPEN;
    default:
        return DB_ERROR;
    }
}

static int lite_exec(struct db *db, const char *script)
{
    return code_of(sqlite3_exec(HANDLE(db), script, NULL, NULL, NULL));
}

static void lite_close(struct db *db)
{
    sqlite3_finalize(LITE(db)->data_version);
    sqlite3_close(HANDLE(db));
    free(db);
}

static int lite_open(const char *path, unsigned flags, struct db **out)
{
    struct lite *db = xcalloc(1, sizeof(*db));
    int oflags = SQLITE_OPEN_NOMUTEX, rc, ret = ERR_DB;

    db->base.drv = &db_sqlite_driver;
    if (flags & DB_READONLY) {
        oflags |= SQLITE_OPEN_READONLY;
    } else {
        oflags |= SQLITE_OPEN_READWRITE | (flags & DB_CREATE ? SQLITE_OPEN_CREATE : 0);
    }
    rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
    if (rc != SQLITE_OK) {
        ret = code_of(rc) == DB_CANTOPEN ? ERR_NOT_FOUND : ERR_DB;
        goto cleanup;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_timeout(db->h, 5000);
    if (!(flags & DB_READONLY) && strcmp(path, ":memory:") != 0 &&
        (rc = lite_exec(&db->base, "PRAGMA journal_mode = WAL")) != DB_OK) {
        ret = db_err(&db->base, rc);
        goto cleanup;
    }
    if ((rc = lite_exec(&db->base, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL")) !=
        DB_OK) {
        ret = db_err(&db->base, rc);
        goto cleanup;
    }
    *out = &db->base;
    db = NULL;
    ret = 0;
cleanup:
    if (db) {
        lite_close(&db->base);
    }
    return ret;
}

static int lite_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    struct lite_stmt *s = xcalloc(1, sizeof(*s));
    int rc = sqlite3_prepare_v3(HANDLE(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &s->h, NULL);

    if (rc != SQLITE_OK || !s->h) {
        free(s);
        return rc == SQLITE_OK ? DB_ERROR : code_of(rc); /* no statement: sql was empty */
    }
    s->base.db = db;
    *out = &s->base;
    return DB_OK;
}

static void lite_finalize(struct db_stmt *s)
{
    sqlite3_finalize(STMT(s));
    free(s);
}

static void lite_bind_text(struct db_stmt *s, int i, const char *x, int copy)
{
    if (x) {
        sqlite3_bind_text(STMT(s), i, x, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
    } else {
        sqlite3_bind_null(STMT(s), i);
    }
}

static void lite_bind_blob(struct db_stmt *s, int i, const void *p, size_t n, int copy)
{
    sqlite3_bind_blob64(STMT(s), i, p, n, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static void lite_bind_int64(struct db_stmt *s, int i, long long v)
{
    sqlite3_bind_int64(STMT(s), i, v);
}

static void lite_bind_double(struct db_stmt *s, int i, double v)
{
    sqlite3_bind_double(STMT(s), i, v);
}

static void lite_bind_null(struct db_stmt *s, int i)
{
    sqlite3_bind_null(STMT(s), i);
}

static int lite_step(struct db_stmt *s)
{
    return code_of(sqlite3_step(STMT(s)));
}

static void lite_reset(struct db_stmt *s)
{
    sqlite3_reset(STMT(s));
    sqlite3_clear_bindings(STMT(s));
}

static int lite_column_count(struct db_stmt *s)
{
    return sqlite3_column_count(STMT(s));
}

static int lite_column_is_null(struct db_stmt *s, int i)
{
    return sqlite3_column_type(STMT(s), i) == SQLITE_NULL;
}

static const char *lite_column_text(struct db_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(STMT(s), i);
}

static const void *lite_column_blob(struct db_stmt *s, int i)
{
    return sqlite3_column_blob(STMT(s), i);
}

static int lite_column_bytes(struct db_stmt *s, int i)
{
    return sqlite3_column_bytes(STMT(s), i);
}

static long long lite_column_int64(struct db_stmt *s, int i)
{
    return sqlite3_column_int64(STMT(s), i);
}

static double lite_column_double(struct db_stmt *s, int i)
{
    return sqlite3_column_double(STMT(s), i);
}

static long long lite_changes(struct db *db)
{
    return sqlite3_changes64(HANDLE(db));
}

static int lite_begin(struct db *db)
{
    return lite_exec(db, "BEGIN IMMEDIATE");
}

static int lite_commit(struct db *db)
{
    return lite_exec(db, "COMMIT");
}

static int lite_in_transaction(struct db *db)
{
    return !sqlite3_get_autocommit(HANDLE(db));
}

static int lite_rollback(struct db *db)
{
    return lite_in_transaction(db) ? lite_exec(db, "ROLLBACK") : DB_OK;
}

/* The one-row, one-number answer of a pragma, through *stmt, prepared when NULL and kept when
 * keep is set. */
static int pragma_int(struct db *db, const char *sql, sqlite3_stmt **stmt, int keep, long long *out)
{
    int rc = *stmt ? SQLITE_OK : sqlite3_prepare_v2(HANDLE(db), sql, -1, stmt, NULL);

    *out = 0;
    if (rc == SQLITE_OK && (rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
        *out = sqlite3_column_int64(*stmt, 0);
        rc = SQLITE_OK;
    }
    if (keep) {
        sqlite3_reset(*stmt);
    } else {
        sqlite3_finalize(*stmt);
        *stmt = NULL;
    }
    return rc == SQLITE_OK ? 0 : db_err(db, code_of(rc));
}

static int lite_version(struct db *db, long long *out)
{
    long long v;
    int ret = pragma_int(db, "PRAGMA data_version", &LITE(db)->data_version, 1, &v);

    *out = ret ? 0 : (v << 32) ^ sqlite3_total_changes64(HANDLE(db));
    return ret;
}

static int lite_schema_version(struct db *db, int *out)
{
    sqlite3_stmt *stmt = NULL;
    long long v;
    int ret = pragma_int(db, "PRAGMA user_version", &stmt, 0, &v);

    *out = (int)v;
    return ret;
}

static int lite_backup(struct db *db, const char *path)
{
    sqlite3 *dest = NULL;
    sqlite3_backup *b;
    int rc, ret = ERR_DB;

    rc = sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        log_error("backup: cannot open '%s': %s", path, sqlite3_errstr(rc));
        ret = ERR_IO;
        goto cleanup;
    }
    if (!(b = sqlite3_backup_init(dest, "main", HANDLE(db), "main"))) {
        log_error("backup: %s", sqlite3_errmsg(dest));
        goto cleanup;
    }
    do { /* 256 pages at a time, so that writers are not locked out for long */
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            sqlite3_sleep(20);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        log_error("backup: %s", sqlite3_errstr(rc));
        goto cleanup;
    }
    ret = 0;
cleanup:
    sqlite3_close(dest);
    return ret;
}

static const char *lite_errmsg(struct db *db)
{
    return sqlite3_errmsg(HANDLE(db));
}

const struct db_driver db_sqlite_driver = {
    .name = "sqlite",
    .kind = DB_SQLITE,
    .open = lite_open,
    .close = lite_close,
    .prepare = lite_prepare,
    .finalize = lite_finalize,
    .bind_text = lite_bind_text,
    .bind_blob = lite_bind_blob,
    .bind_int64 = lite_bind_int64,
    .bind_double = lite_bind_double,
    .bind_null = lite_bind_null,
    .step = lite_step,
    .reset = lite_reset,
    .column_count = lite_column_count,
    .column_is_null = lite_column_is_null,
    .column_text = lite_column_text,
    .column_blob = lite_column_blob,
    .column_bytes = lite_column_bytes,
    .column_int64 = lite_column_int64,
    .column_double = lite_column_double,
    .changes = lite_changes,
    .exec = lite_exec,
    .begin = lite_begin,
    .commit = lite_commit,
    .rollback = lite_rollback,
    .in_transaction = lite_in_transaction,
    .version = lite_version,
    .schema_version = lite_schema_version,
    .backup = lite_backup,
    .errmsg = lite_errmsg,
};
