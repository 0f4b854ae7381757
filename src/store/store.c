/* Opening the database, migrations, transactions, backups and the statement cache. */
#define _GNU_SOURCE /* F_OFD_SETLK, F_OFD_GETLK */
#include "store_int.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/embed.h"
#include "base/err.h"
#include "base/log.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* Generated at build time from migrations/NNNN_*.sql, in order. */
extern const struct embed_file store_migrations[];
extern const size_t store_migrations_count;

int (*store_step_hook)(sqlite3_stmt *stmt);

int store_err(struct store *st, int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return 0;
    case SQLITE_CONSTRAINT:
        return ERR_CONFLICT;
    case SQLITE_TOOBIG:
        return ERR_TOO_BIG;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        /* another connection writes (an import publishing, most likely): not a fault */
        log_warn("database busy: %s", st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        return ERR_BUSY;
    default:
        log_error("database: %s (%s)", sqlite3_errstr(rc),
                  st && st->db ? sqlite3_errmsg(st->db) : "");
        return ERR_DB;
    }
}

int store_fail(struct store *st, int rc)
{
    int ret = store_err(st, rc);
    return ret ? ret : ERR_DB;
}

int store_step(struct store *st, sqlite3_stmt *stmt)
{
    (void)st;
    if (store_step_hook) {
        return store_step_hook(stmt);
    }
    return sqlite3_step(stmt);
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **out)
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
            rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->cache[j].stmt,
                                    NULL);
            if (rc != SQLITE_OK) {
                return store_err(st, rc);
            }
            st->cache[j].sql = sql;
            *out = st->cache[j].stmt;
            return 0;
        }
    }
    die("store: statement cache full; raise STORE_STMT_CACHE");
}

int store_run(struct store *st, sqlite3_stmt *stmt)
{
    int ret = store_err(st, store_step(st, stmt));
    store_done(stmt);
    return ret;
}

int store_row_text(struct store *st, sqlite3_stmt *stmt, struct arena *arena, const char **out)
{
    int rc = store_step(st, stmt), ret;

    *out = rc == SQLITE_ROW ? store_col(stmt, 0, arena) : NULL;
    ret = *out ? 0 : rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    store_done(stmt);
    return ret;
}

int store_row_int(struct store *st, sqlite3_stmt *stmt, long long *out)
{
    int rc = store_step(st, stmt), ret;

    ret = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    if (out) {
        *out = ret == 0 ? sqlite3_column_int64(stmt, 0) : 0;
    }
    store_done(stmt);
    return ret;
}

int store_row_count(struct store *st, sqlite3_stmt *stmt, size_t *out)
{
    long long n;
    int ret = store_row_int(st, stmt, &n);

    *out = ret == 0 && n > 0 ? (size_t)n : 0;
    return ret;
}

int store_row_ranked(struct store *st, sqlite3_stmt *stmt, long long *id)
{
    int rc = store_step(st, stmt), ret, rank;

    *id = 0;
    if (rc != SQLITE_ROW) {
        ret = rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
        goto cleanup;
    }
    *id = sqlite3_column_int64(stmt, 0);
    rank = sqlite3_column_int(stmt, 1);
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW && sqlite3_column_int(stmt, 1) == rank) {
        *id = 0;
        ret = ERR_CONFLICT;
    } else {
        ret = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, rc);
    }
cleanup:
    store_done(stmt);
    return ret;
}

const char *store_col(sqlite3_stmt *stmt, int i, struct arena *arena)
{
    const unsigned char *s = sqlite3_column_text(stmt, i);
    return s ? arena_memdupz(arena, s, (size_t)sqlite3_column_bytes(stmt, i)) : NULL;
}

date_t store_col_date(sqlite3_stmt *stmt, int i)
{
    const char *s = (const char *)sqlite3_column_text(stmt, i);
    date_t d = 0;

    if (s) {
        date_parse(s, (size_t)sqlite3_column_bytes(stmt, i), &d);
    }
    return d;
}

void store_bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
    if (s) {
        sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(stmt, i);
    }
}

void store_bind_date(sqlite3_stmt *stmt, int i, date_t d)
{
    char text[DATE_STRLEN + 1];

    if (d) {
        date_format(d, text);
        sqlite3_bind_text(stmt, i, text, DATE_STRLEN, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(stmt, i);
    }
}

void store_bind_limit(sqlite3_stmt *stmt, int i, size_t limit)
{
    sqlite3_bind_int64(stmt, i, limit ? (sqlite3_int64)limit : -1);
}

int store_row_gss(struct store *st, sqlite3_stmt *stmt, char out[GSS_LEN + 1])
{
    int rc = store_step(st, stmt), ret;

    out[0] = '\0';
    if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == GSS_LEN) {
        memcpy(out, sqlite3_column_text(stmt, 0), GSS_LEN + 1);
        ret = 0;
    } else {
        ret = rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

void store_done(sqlite3_stmt *stmt)
{
    if (stmt) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
}

int store_exec(struct store *st, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = rc & 0xff, ret = ERR_DB;
        if (code == SQLITE_CONSTRAINT) {
            ret = ERR_CONFLICT;
        } else if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            log_warn("database busy: %s", msg ? msg : sqlite3_errstr(rc));
            ret = ERR_BUSY;
        } else {
            log_error("database: %s", msg ? msg : sqlite3_errstr(rc));
        }
        sqlite3_free(msg);
        return ret;
    }
    return 0;
}

/*
 * Bulk writes. A command that holds the write lock for long (an import publishing) holds a lock
 * on a file beside the database, its name and "-bulk", for as long: an open file description
 * lock (fcntl F_OFD_SETLK), which the kernel drops when the process ends, however it ends, and
 * which another connection sees whether it is in another process or in the same one. A server
 * thread that finds the database busy looks there first: with a bulk write under way it
 * answers busy at once rather than wait (its event loop, and every request on it, would wait
 * too); otherwise the lock is another thread's short write, worth a short wait.
 */
#define BULK_SUFFIX  "-bulk"
#define BUSY_STEP_MS 2 /* a server thread's wait, a step at a time */
/* SQLite's default: a commit that leaves the log past 1000 pages checkpoints it */
#define WAL_AUTOCHECKPOINT 1000

/* Open the bulk file of st's database (create: for taking its lock) into st->bulk_fd. */
static void bulk_open(struct store *st, int create)
{
    const char *db = sqlite3_db_filename(st->db, "main");
    struct buf path = BUF_INIT;
    struct stat sb;

    if (st->bulk_fd >= 0 || !db || !*db) {
        return; /* open already, or a database in memory or scratch: nobody else sees it */
    }
    buf_addf(&path, "%s" BULK_SUFFIX, db);
    if (!buf_failed(&path)) {
        if (create) {
            /* readable by whoever may read the database, as SQLite makes its -wal and -shm */
            mode_t mode = stat(db, &sb) == 0 ? (sb.st_mode & 0666) : 0644;
            st->bulk_fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, mode);
        } else {
            st->bulk_fd = open(path.data, O_RDONLY | O_CLOEXEC);
        }
    }
    buf_release(&path);
}

/* Whether another connection holds the bulk lock of st's database. */
static int bulk_elsewhere(struct store *st)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};

    bulk_open(st, 0); /* made by the first bulk write: until then there is none */
    return st->bulk_fd >= 0 && fcntl(st->bulk_fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
}

/* The end of a bulk write: the lock released, checkpoints on commit again (SQLite's default). */
static void bulk_end(struct store *st)
{
    struct flock fl = {.l_type = F_UNLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};

    if (st->bulk) {
        fcntl(st->bulk_fd, F_OFD_SETLK, &fl);
        st->bulk = 0;
    }
    if (st->bulk_write) {
        sqlite3_wal_autocheckpoint(st->db, WAL_AUTOCHECKPOINT);
        st->bulk_write = 0;
    }
}

/* A server thread's busy handler: give up at once while a bulk write holds the database,
 * else wait a step at a time, up to STORE_SERVER_WAIT_MS. */
static int server_busy(void *arg, int count)
{
    struct store *st = arg;

    if (count >= STORE_SERVER_WAIT_MS / BUSY_STEP_MS || bulk_elsewhere(st)) {
        return 0;
    }
    sqlite3_sleep(BUSY_STEP_MS);
    return 1;
}

int store_open(const char *path, unsigned flags, struct store **out)
{
    struct store *st = xcalloc(1, sizeof(*st));
    int oflags = SQLITE_OPEN_NOMUTEX;
    int ret = ERR_DB, rc;

    *out = NULL;
    st->bulk_fd = -1;
    if (flags & STORE_SCRATCH) {
        /* "": a temporary file SQLite unlinks as soon as it has opened it (on disk, since the
         * connection's temp_store is not MEMORY), so a killed process leaves nothing behind */
        path = "";
        flags |= STORE_CREATE;
    }
    if (flags & STORE_READONLY) {
        oflags |= SQLITE_OPEN_READONLY;
    } else {
        oflags |= SQLITE_OPEN_READWRITE;
        if (flags & STORE_CREATE) {
            oflags |= SQLITE_OPEN_CREATE;
        }
    }
    rc = sqlite3_open_v2(path, &st->db, oflags, NULL);
    if (rc != SQLITE_OK) {
        ret = rc == SQLITE_CANTOPEN ? ERR_NOT_FOUND : ERR_DB;
        goto cleanup;
    }
    sqlite3_extended_result_codes(st->db, 1);
    if (flags & STORE_SERVER) {
        sqlite3_busy_handler(st->db, server_busy, st);
    } else {
        sqlite3_busy_timeout(st->db, STORE_WAIT_MS);
    }
    if ((ret = store_exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL")) < 0) {
        goto cleanup;
    }
    if (flags & STORE_SCRATCH) {
        /* no journal and no syncing: on any failure the whole of it is thrown away */
        ret = store_exec(st, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
    } else if (!(flags & STORE_READONLY) && strcmp(path, ":memory:") != 0) {
        ret = store_exec(st, "PRAGMA journal_mode = WAL");
    }
    if (ret < 0) {
        goto cleanup;
    }
    *out = st;
    st = NULL;
    ret = 0;
cleanup:
    if (st) {
        store_close(st);
    }
    return ret;
}

void store_close(struct store *st)
{
    if (!st) {
        return;
    }
    for (size_t i = 0; i < STORE_STMT_CACHE; i++) {
        sqlite3_finalize(st->cache[i].stmt);
    }
    sqlite3_close(st->db);
    if (st->bulk_fd >= 0) {
        close(st->bulk_fd); /* and with it any lock of this process on the file */
    }
    free(st);
}

const char *store_errmsg(const struct store *st)
{
    return st && st->db ? sqlite3_errmsg(st->db) : "no database";
}

int store_schema_latest(void)
{
    return (int)store_migrations_count;
}

int store_schema_version(struct store *st, int *out)
{
    static const char sql[] = "PRAGMA user_version";
    sqlite3_stmt *stmt;
    long long v;
    int ret;

    *out = 0;
    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    ret = store_row_int(st, stmt, &v);
    *out = (int)v;
    return ret;
}

/* The schema version that added organisations (0006_register.sql). */
#define SCHEMA_ORGANISATIONS 6
/* The schema version that added the review date the program computes (0008_portable.sql). */
#define SCHEMA_REVIEW_DUE_ON 8

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
    return ret;
}

int store_migrate(struct store *st, int *from, int *to)
{
    int version = 0, ret, latest = store_schema_latest();

    if (from) {
        *from = 0;
    }
    if (to) {
        *to = 0;
    }
    if ((ret = store_schema_version(st, &version)) < 0) {
        return ret;
    }
    if (from) {
        *from = version;
    }
    if (version > latest) {
        log_error("database schema version %d is newer than this program's %d", version, latest);
        return ERR_CONFLICT;
    }
    for (int v = version; v < latest; v++) {
        const struct embed_file *m = &store_migrations[v];
        char *sql = xmemdupz(m->data, m->len);
        int now = 0;

        ret = store_exec(st, "BEGIN IMMEDIATE");
        if (!ret) {
            ret = store_exec(st, sql);
        }
        free(sql);
        if (!ret) {
            ret = store_schema_version(st, &now);
        }
        if (!ret && now != v + 1) {
            log_error("migration '%s' must set user_version to %d", m->name, v + 1);
            ret = ERR_DB;
        }
        if (!ret && now == latest) {
            ret = migrate_data(st, version);
        }
        if (!ret) {
            ret = store_exec(st, "COMMIT");
        }
        if (ret) {
            store_exec(st, "ROLLBACK");
            return ret;
        }
        log_info("applied migration %s", m->name);
    }
    if (to) {
        *to = latest;
    }
    return 0;
}

int store_backup(struct store *st, const char *path)
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
    b = sqlite3_backup_init(dest, "main", st->db, "main");
    if (!b) {
        log_error("backup: %s", sqlite3_errmsg(dest));
        goto cleanup;
    }
    /* Copy in steps so writers on other connections are not locked out for long. */
    do {
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

int store_ping(struct store *st)
{
    static const char sql[] = "SELECT 1";
    sqlite3_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    return store_row_int(st, stmt, NULL);
}

int store_begin(struct store *st)
{
    return store_exec(st, "BEGIN IMMEDIATE");
}

int store_begin_bulk(struct store *st)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
    int ret;

    bulk_open(st, 1);
    /* Not to be had: another bulk write holds it, which says the same to servers. */
    st->bulk = st->bulk_fd >= 0 && fcntl(st->bulk_fd, F_OFD_SETLK, &fl) == 0;
    /* the commit checkpoints itself, the whole log, with servers still turned away */
    sqlite3_wal_autocheckpoint(st->db, 0);
    st->bulk_write = 1;
    if ((ret = store_begin(st)) < 0) {
        bulk_end(st);
    }
    return ret;
}

int store_commit(struct store *st)
{
    int ret = store_exec(st, "COMMIT"), rc;

    if (!sqlite3_get_autocommit(st->db)) {
        return ret; /* still open: the caller rolls back */
    }
    if (!ret && st->bulk_write) {
        /*
         * Copy the log of a bulk write into the database file now: FULL waits for the readers of
         * older snapshots and keeps writers out meanwhile, so servers' threads, still turned
         * away by the bulk lock, neither do the copying in a request of theirs (SQLite
         * checkpoints on any commit while the log is long) nor wait for its writing and
         * syncing with a commit of their own.
         */
        rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_FULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            log_warn("checkpoint after a bulk write: %s", sqlite3_errstr(rc));
        }
    }
    bulk_end(st);
    return ret;
}

void store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db)) {
        store_exec(st, "ROLLBACK");
    }
    bulk_end(st);
}

int store_end(struct store *st, int ret)
{
    if (ret == 0 && (ret = store_commit(st)) == 0) {
        return 0;
    }
    store_rollback(st);
    return ret;
}

int store_version(struct store *st, long long *out)
{
    static const char sql[] = "PRAGMA data_version";
    sqlite3_stmt *stmt;
    long long v;
    int ret;

    *out = 0;
    if ((ret = store_prepare(st, sql, &stmt)) < 0 || (ret = store_row_int(st, stmt, &v)) < 0) {
        return ret;
    }
    *out = (v << 32) ^ sqlite3_total_changes64(st->db);
    return 0;
}
