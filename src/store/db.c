/* The database API of db.h: choosing the driver, dispatching to it, and what its classes mean. */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "db_driver.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/log.h"
#include "base/banned.h"

/* The one table: what each class means to the rest of the program. */
static const struct {
    int code;
    int err; /* enum err */
    int log; /* worth a log line: 1 an error (the database's trouble), 2 a warning (another
                writer's), 0 none (the input's) */
    const char *name;
} classes[] = {
    {DB_OK, 0, 0, "ok"},
    {DB_ROW, 0, 0, "row"},
    {DB_DONE, 0, 0, "done"},
    {DB_CONSTRAINT, ERR_CONFLICT, 0, "constraint"},
    {DB_BUSY, ERR_BUSY, 2, "busy"},
    {DB_GONE, ERR_DB, 1, "connection lost"},
    {DB_TOOBIG, ERR_TOO_BIG, 1, "too big"},
    {DB_CANTOPEN, ERR_NOT_FOUND, 1, "cannot open"},
    {DB_ERROR, ERR_DB, 1, "error"},
};

static size_t class_of(int code)
{
    for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
        if (classes[i].code == code) {
            return i;
        }
    }
    return sizeof(classes) / sizeof(classes[0]) - 1; /* DB_ERROR */
}

int db_err(struct db *db, int code)
{
    size_t c = class_of(code);

    if (classes[c].log == 1) {
        log_error("database: %s (%s)", classes[c].name, db_errmsg(db));
    } else if (classes[c].log == 2) {
        log_warn("database %s: %s", classes[c].name, db_errmsg(db));
    }
    return classes[c].err;
}

const char *db_errstr(int code)
{
    return classes[class_of(code)].name;
}

int db_errcode(struct db *db)
{
    return db ? db->last : DB_ERROR;
}

/*
 * Remember a failure's class for db_errcode, passing every answer through. Inside a transaction
 * the first failure is the one that counts: on PostgreSQL every statement after it fails too,
 * for that reason alone.
 */
static int note(struct db *db, int code)
{
    if (code != DB_OK && code != DB_ROW && code != DB_DONE &&
        (db->last == DB_OK || !db->drv->in_transaction(db))) {
        db->last = code;
    }
    return code;
}

int db_uri_is_pg(const char *uri)
{
    return uri && (strncmp(uri, "postgresql://", 13) == 0 || strncmp(uri, "postgres://", 11) == 0);
}

int db_connect(const char *uri, unsigned flags, struct db **out)
{
    *out = NULL;
    if (flags & DB_SCRATCH) {
        return db_sqlite_driver.open("", flags, out);
    }
    if (!uri || !*uri) {
        log_error("no database given");
        return ERR_INVALID;
    }
    return (db_uri_is_pg(uri) ? &db_pg_driver : &db_sqlite_driver)->open(uri, flags, out);
}

void db_close(struct db *db)
{
    if (db) {
        db->drv->close(db);
    }
}

enum db_kind db_kind(const struct db *db)
{
    return db->drv->kind;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    *out = NULL;
    return note(db, db->drv->prepare(db, sql, out));
}

void db_finalize(struct db_stmt *s)
{
    if (s) {
        s->db->drv->finalize(s);
    }
}

struct db *db_handle(struct db_stmt *s)
{
    return s->db;
}

void db_plan_each(struct db_stmt *s)
{
    s->plan_each = 1;
}

void db_bind_text(struct db_stmt *s, int i, const char *x)
{
    s->db->drv->bind_text(s, i, x, 0);
}

void db_bind_text_copy(struct db_stmt *s, int i, const char *x)
{
    s->db->drv->bind_text(s, i, x, 1);
}

void db_bind_blob(struct db_stmt *s, int i, const void *p, size_t n)
{
    s->db->drv->bind_blob(s, i, p, n, 0);
}

void db_bind_blob_copy(struct db_stmt *s, int i, const void *p, size_t n)
{
    s->db->drv->bind_blob(s, i, p, n, 1);
}

void db_bind_int64(struct db_stmt *s, int i, long long v)
{
    s->db->drv->bind_int64(s, i, v);
}

void db_bind_int(struct db_stmt *s, int i, int v)
{
    s->db->drv->bind_int64(s, i, v);
}

void db_bind_double(struct db_stmt *s, int i, double v)
{
    s->db->drv->bind_double(s, i, v);
}

void db_bind_null(struct db_stmt *s, int i)
{
    s->db->drv->bind_null(s, i);
}

int db_step(struct db_stmt *s)
{
    int rc;

    if (!s->running) {
        s->db->statements++;
    }
    rc = note(s->db, s->db->drv->step(s));
    s->running = rc == DB_ROW;
    return rc;
}

void db_reset(struct db_stmt *s)
{
    if (s) {
        s->running = 0;
        s->db->drv->reset(s);
    }
}

int db_column_count(struct db_stmt *s)
{
    return s->db->drv->column_count(s);
}

int db_column_is_null(struct db_stmt *s, int i)
{
    return s->db->drv->column_is_null(s, i);
}

const char *db_column_text(struct db_stmt *s, int i)
{
    return s->db->drv->column_text(s, i);
}

const void *db_column_blob(struct db_stmt *s, int i)
{
    return s->db->drv->column_blob(s, i);
}

int db_column_bytes(struct db_stmt *s, int i)
{
    return s->db->drv->column_bytes(s, i);
}

long long db_column_int64(struct db_stmt *s, int i)
{
    return s->db->drv->column_int64(s, i);
}

int db_column_int(struct db_stmt *s, int i)
{
    return (int)s->db->drv->column_int64(s, i);
}

double db_column_double(struct db_stmt *s, int i)
{
    return s->db->drv->column_double(s, i);
}

long long db_changes(struct db *db)
{
    return db->drv->changes(db);
}

int db_exec(struct db *db, const char *script)
{
    int outside = !db->drv->in_transaction(db), code;

    db->statements++;
    code = note(db, db->drv->exec(db, script));
    db->landed += outside; /* it may have written, even where it failed part way */
    return code;
}

int db_begin(struct db *db)
{
    db->statements++;
    db->last = DB_OK;
    return note(db, db->drv->begin(db));
}

int db_begin_bulk(struct db *db)
{
    db->statements++;
    db->last = DB_OK;
    return note(db, db->drv->begin_bulk(db));
}

int db_commit(struct db *db)
{
    int code;

    db->statements++;
    code = note(db, db->drv->commit(db));
    db->landed += code == DB_OK;
    return code;
}

int db_rollback(struct db *db)
{
    db->statements += db->drv->in_transaction(db) != 0;
    return db->drv->rollback(db); /* keeps the class of the failure that led here */
}

long long db_statements(const struct db *db)
{
    return db->statements;
}

long long db_landed(const struct db *db)
{
    return db->landed;
}

int db_read_begin(struct db *db)
{
    return db->drv->read_begin ? db->drv->read_begin(db) : DB_OK;
}

void db_read_end(struct db *db)
{
    if (db->drv->read_end) {
        db->drv->read_end(db);
    }
}

int db_in_transaction(struct db *db)
{
    return db->drv->in_transaction(db);
}

int db_version(struct db *db, long long *out)
{
    *out = 0;
    return db->drv->version(db, out);
}

int db_schema_version(struct db *db, int *out)
{
    *out = 0;
    return db->drv->schema_version(db, out);
}

int db_backup(struct db *db, const char *path)
{
    return db->drv->backup(db, path);
}

const char *db_errmsg(struct db *db)
{
    return db ? db->drv->errmsg(db) : "no database";
}

/*
 * Sleep before try number attempt (from 1) of a transaction: about 5 ms, doubling each time,
 * each wait drawn between half and one and a half of that so that two servers that collided
 * do not collide again in step.
 */
void db_backoff(int attempt)
{
    static _Thread_local uint64_t seed;
    long base_us = 5000L << (attempt - 1), us;
    struct timespec ts;

    if (!seed) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
        seed = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)(uintptr_t)&ts ^ (uint64_t)ts.tv_sec;
        seed |= 1;
    }
    seed ^= seed << 13; /* xorshift64: no state shared between threads */
    seed ^= seed >> 7;
    seed ^= seed << 17;
    us = base_us / 2 + (long)(seed % (uint64_t)base_us);
    ts.tv_sec = us / 1000000;
    ts.tv_nsec = (us % 1000000) * 1000;
    nanosleep(&ts, NULL);
}

int db_transaction(struct db *db, int (*fn)(void *arg), void *arg)
{
    int ret = ERR_DB, code;

    for (int attempt = 0; attempt <= DB_RETRIES; attempt++) {
        if (attempt > 0) {
            db_backoff(attempt);
        }
        if ((code = db_begin(db)) != DB_OK) {
            ret = db_err(db, code);
        } else if ((ret = fn(arg)) == 0 && (code = db_commit(db)) != DB_OK) {
            ret = db_err(db, code);
        }
        if (ret == 0) {
            return 0;
        }
        db_rollback(db);
        if (db_errcode(db) != DB_BUSY) {
            break;
        }
        log_warn("database: transaction conflicted (try %d of %d)", attempt + 1, DB_RETRIES + 1);
    }
    return ret;
}

/* ---- bulk loads ---- */

int db_can_copy(const struct db *db)
{
    return db->drv->copy_begin != NULL;
}

int db_copy_begin(struct db *db, const char *sql)
{
    if (!db->drv->copy_begin) {
        return note(db, DB_ERROR);
    }
    db->statements++;
    return note(db, db->drv->copy_begin(db, sql));
}

int db_copy_put(struct db *db, const void *data, size_t len)
{
    return note(db, db->drv->copy_put(db, data, len));
}

int db_copy_end(struct db *db, const char *abort_why)
{
    return note(db, db->drv->copy_end(db, abort_why));
}

void db_copy_field(struct buf *out, const char *x)
{
    const char *run;

    if (!x) {
        buf_add(out, "\\N", 2);
        return;
    }
    for (run = x; *x; x++) {
        const char *esc;
        switch (*x) {
        case '\\':
            esc = "\\\\";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\b':
            esc = "\\b";
            break;
        case '\f':
            esc = "\\f";
            break;
        case '\v':
            esc = "\\v";
            break;
        default:
            continue;
        }
        buf_add(out, run, (size_t)(x - run));
        buf_add(out, esc, 2);
        run = x + 1;
    }
    buf_add(out, run, (size_t)(x - run));
}
