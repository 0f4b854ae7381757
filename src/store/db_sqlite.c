/* The SQLite driver of db.h: a thin layer over sqlite3_*, result codes folded into classes. */
#define _GNU_SOURCE /* F_OFD_SETLK, F_OFD_GETLK */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_driver.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/log.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* The WAL index's header (https://sqlite.org/walformat.html): two copies of 48 bytes at the
 * start of the "-shm" file, the second written first, then the first, by every commit. */
#define WAL_HDR_BYTES 48

struct lite {
    struct db base;
    sqlite3 *h;
    sqlite3_stmt *data_version; /* asked where the WAL index cannot tell: prepared once */
    int wal;                    /* in WAL mode: the WAL index's header can tell the version */
    sqlite3_file *file;         /* the database file (its xShmMap), once the header is known */
    unsigned char hdr[WAL_HDR_BYTES]; /* the WAL index's header last seen */
    long long data_seen;              /* PRAGMA data_version last seen, -1 before the first */
    long long own_seen;               /* sqlite3_total_changes64 last seen */
    long long version;                /* what db_version answers: moved by each change seen */
    int bulk_fd;                      /* the database's "-bulk" file, or -1 while it is not open */
    int bulk;                         /* this connection holds the bulk lock */
    int bulk_write;                   /* its transaction is a bulk write (db_begin_bulk) */
    int reading;                      /* in the read transaction of db_read_begin */
    sqlite3_stmt *read[2];            /* its BEGIN and COMMIT, prepared once */
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

static int exec_raw(struct db *db, const char *script)
{
    return code_of(sqlite3_exec(HANDLE(db), script, NULL, NULL, NULL));
}

/* The read transaction's BEGIN (0) or COMMIT (1), prepared at its first use and kept: parsing
 * them on each request was 5% of a short page. */
static int read_step(struct lite *db, int which)
{
    static const char *const sql[2] = {"BEGIN", "COMMIT"};
    int rc;

    if (!db->read[which] &&
        (rc = sqlite3_prepare_v2(db->h, sql[which], -1, &db->read[which], NULL)) != SQLITE_OK) {
        return code_of(rc);
    }
    rc = sqlite3_step(db->read[which]);
    sqlite3_reset(db->read[which]);
    return rc == SQLITE_DONE ? DB_OK : code_of(rc);
}

/* The read transaction of db_read_begin, ended before a write. If it cannot end (a statement
 * still being read), the write joins it and db_read_end commits both. */
static void read_done(struct lite *db)
{
    if (db->reading && read_step(db, 1) == DB_OK) {
        db->reading = 0;
    }
}

static int lite_read_begin(struct db *base)
{
    struct lite *db = LITE(base);
    int code;

    if (db->reading || !sqlite3_get_autocommit(db->h)) {
        return DB_OK; /* already in one, or in a write transaction, which reads as one */
    }
    /* deferred: the snapshot is taken by the first read */
    if ((code = read_step(db, 0)) == DB_OK) {
        db->reading = 1;
    }
    return code;
}

static void lite_read_end(struct db *base)
{
    struct lite *db = LITE(base);

    if (db->reading) {
        db->reading = 0;
        if (read_step(db, 1) != DB_OK) {
            exec_raw(base, "ROLLBACK");
        }
    }
}

static int lite_exec(struct db *db, const char *script)
{
    read_done(LITE(db)); /* a script may write */
    return exec_raw(db, script);
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

/* Open the bulk file of db's database (create: for taking its lock) into db->bulk_fd. */
static void bulk_open(struct lite *db, int create)
{
    const char *file = sqlite3_db_filename(db->h, "main");
    struct buf path = BUF_INIT;
    struct stat sb;

    if (db->bulk_fd >= 0 || !file || !*file) {
        return; /* open already, or a database in memory or scratch: nobody else sees it */
    }
    buf_addf(&path, "%s" BULK_SUFFIX, file);
    if (!buf_failed(&path)) {
        if (create) {
            /* readable by whoever may read the database, as SQLite makes its -wal and -shm */
            mode_t mode = stat(file, &sb) == 0 ? (sb.st_mode & 0666) : 0644;
            db->bulk_fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, mode);
        } else {
            db->bulk_fd = open(path.data, O_RDONLY | O_CLOEXEC);
        }
    }
    buf_release(&path);
}

/* Whether another connection holds the bulk lock of db's database. */
static int bulk_elsewhere(struct lite *db)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};

    bulk_open(db, 0); /* made by the first bulk write: until then there is none */
    return db->bulk_fd >= 0 && fcntl(db->bulk_fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
}

/* The end of a bulk write: the lock released, checkpoints on commit again (SQLite's default). */
static void bulk_end(struct lite *db)
{
    struct flock fl = {.l_type = F_UNLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};

    if (db->bulk) {
        fcntl(db->bulk_fd, F_OFD_SETLK, &fl);
        db->bulk = 0;
    }
    if (db->bulk_write) {
        sqlite3_wal_autocheckpoint(db->h, WAL_AUTOCHECKPOINT);
        db->bulk_write = 0;
    }
}

/* A server thread's busy handler: give up at once while a bulk write holds the database,
 * else wait a step at a time, up to DB_SERVER_WAIT_MS. */
static int server_busy(void *arg, int count)
{
    struct lite *db = arg;

    if (count >= DB_SERVER_WAIT_MS / BUSY_STEP_MS || bulk_elsewhere(db)) {
        return 0;
    }
    sqlite3_sleep(BUSY_STEP_MS);
    return 1;
}

static void lite_close(struct db *db)
{
    sqlite3_finalize(LITE(db)->data_version);
    sqlite3_finalize(LITE(db)->read[0]);
    sqlite3_finalize(LITE(db)->read[1]);
    sqlite3_close(HANDLE(db));
    if (LITE(db)->bulk_fd >= 0) {
        close(LITE(db)->bulk_fd); /* and with it any lock of this process on the file */
    }
    free(db);
}

/*
 * SQLite's settings for the whole process, before its first connection. Without the memory
 * statistics (which nothing here reads), SQLite's allocations stop taking one mutex shared by
 * every connection: with two server threads that lock and unlock was some 7% of a request
 * rendered from the database (perf, GET /api/v1/compacts --no-cache).
 */
static void lite_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* SQLITE_MISUSE if already started: harmless */
}

/* The connection into WAL mode (db->wal when it is). */
static int journal_wal(struct lite *db)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db->h, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);

    if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(stmt, 0);
        db->wal = mode && !strcmp(mode, "wal");
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_finalize(stmt);
    return code_of(rc);
}

static int lite_open(const char *path, unsigned flags, struct db **out)
{
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    struct lite *db = xcalloc(1, sizeof(*db));
    int oflags = SQLITE_OPEN_NOMUTEX, rc, ret = ERR_DB;

    pthread_once(&configured, lite_configure);
    db->base.drv = &db_sqlite_driver;
    db->bulk_fd = -1;
    db->data_seen = -1;
    if (flags & DB_SCRATCH) {
        /* "": a temporary file SQLite unlinks as soon as it has opened it (on disk, since the
         * connection's temp_store is not MEMORY), so a killed process leaves nothing behind */
        path = "";
        flags = (flags & ~(unsigned)DB_READONLY) | DB_CREATE;
    }
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
    if (flags & DB_SERVER) {
        sqlite3_busy_handler(db->h, server_busy, db);
    } else {
        sqlite3_busy_timeout(db->h, DB_WAIT_MS);
    }
    rc = lite_exec(&db->base, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL");
    if (rc == DB_OK && (flags & DB_SCRATCH)) {
        /* no journal and no syncing: on any failure the whole of it is thrown away */
        rc = lite_exec(&db->base, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
    } else if (rc == DB_OK && !(flags & DB_READONLY) && strcmp(path, ":memory:") != 0) {
        rc = journal_wal(db);
    }
    if (rc != DB_OK) {
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

static int lite_in_transaction(struct db *db);

static int lite_step(struct db_stmt *s)
{
    int writes = !sqlite3_stmt_readonly(STMT(s));

    if (LITE(s->db)->reading && writes) {
        read_done(LITE(s->db));
    }
    s->db->landed += writes && !lite_in_transaction(s->db);
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
    return lite_exec(db, "BEGIN IMMEDIATE"); /* the read transaction ended first */
}

static int lite_begin_bulk(struct db *base)
{
    struct lite *db = LITE(base);
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
    int code;

    bulk_open(db, 1);
    /* Not to be had: another bulk write holds it, which says the same to servers. */
    db->bulk = db->bulk_fd >= 0 && fcntl(db->bulk_fd, F_OFD_SETLK, &fl) == 0;
    /* the commit checkpoints itself, the whole log, with servers still turned away */
    sqlite3_wal_autocheckpoint(db->h, 0);
    db->bulk_write = 1;
    if ((code = lite_begin(base)) != DB_OK) {
        bulk_end(db);
    }
    return code;
}

/* A write transaction: the read one of db_read_begin is not. */
static int lite_in_transaction(struct db *db)
{
    return !sqlite3_get_autocommit(HANDLE(db)) && !LITE(db)->reading;
}

static int lite_commit(struct db *base)
{
    struct lite *db = LITE(base);
    int code = exec_raw(base, "COMMIT"), rc;

    if (lite_in_transaction(base)) {
        return code; /* still open: the caller rolls back */
    }
    if (code == DB_OK && db->bulk_write) {
        /*
         * Copy the log of a bulk write into the database file now: FULL waits for the readers of
         * older snapshots and keeps writers out meanwhile, so servers' threads, still turned
         * away by the bulk lock, neither do the copying in a request of theirs (SQLite
         * checkpoints on any commit while the log is long) nor wait for its writing and
         * syncing with a commit of their own.
         */
        rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_FULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            log_warn("checkpoint after a bulk write: %s", sqlite3_errstr(rc));
        }
    }
    bulk_end(db);
    return code;
}

static int lite_rollback(struct db *db)
{
    int code = lite_in_transaction(db) ? exec_raw(db, "ROLLBACK") : DB_OK;

    bulk_end(LITE(db));
    return code;
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

/*
 * The data version without a read transaction. In WAL mode every commit, of any connection in
 * any process, rewrites the header of the WAL index in shared memory (and a reader learns of a
 * commit from nothing else): the two copies are read as SQLite's readers read them (the first,
 * a barrier, the second; equal, or a writer is in the middle and the header is not used). 1
 * with the header in out, or 0 where it cannot tell (not WAL, the index not mapped yet).
 */
static int wal_header(struct lite *db, unsigned char *out)
{
    volatile void *map = NULL;
    const volatile unsigned char *h;
    unsigned char second[WAL_HDR_BYTES];
    int rc;

    if (!db->wal || !db->file) {
        return 0;
    }
    /* SQLite's own mapping of region 0 (no new one, and nothing mapped that it has not) */
    rc = db->file->pMethods->xShmMap(db->file, 0, 32 * 1024, 0, &map);
    if ((rc != SQLITE_OK && rc != SQLITE_READONLY) || !map) {
        return 0;
    }
    h = map;
    for (int tries = 0; tries < 3; tries++) {
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        for (size_t i = 0; i < WAL_HDR_BYTES; i++) {
            out[i] = h[i];
        }
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        for (size_t i = 0; i < WAL_HDR_BYTES; i++) {
            second[i] = h[WAL_HDR_BYTES + i];
        }
        if (!memcmp(out, second, WAL_HDR_BYTES)) {
            return 1;
        }
    }
    return 0;
}

/* The database file's handle, for wal_header: a VFS that can map the WAL index, or NULL. */
static sqlite3_file *wal_file(struct lite *db)
{
    sqlite3_file *f = NULL;

    if (sqlite3_file_control(db->h, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f ||
        !f->pMethods || f->pMethods->iVersion < 2 || !f->pMethods->xShmMap) {
        return NULL;
    }
    return f;
}

/*
 * A number that moves with every change seen (db.h). Each way of seeing one is compared with
 * what that same way saw last, so whichever answers, a commit since any earlier answer moves
 * it: the WAL index's header (a commit rewrites it, in any process), or else PRAGMA data_version
 * (other connections' commits, at the cost of a read transaction: 8 to 12% of a cached reply's
 * time) with this connection's total_changes. The header is used from the second call on,
 * once a read transaction has had SQLite map the index.
 */
static int lite_version(struct db *base, long long *out)
{
    struct lite *db = LITE(base);
    unsigned char hdr[WAL_HDR_BYTES];
    long long own = sqlite3_total_changes64(db->h), data;
    int ret;

    if (db->file && wal_header(db, hdr)) {
        if (memcmp(hdr, db->hdr, WAL_HDR_BYTES) != 0 || own != db->own_seen) {
            memcpy(db->hdr, hdr, WAL_HDR_BYTES);
            db->own_seen = own;
            db->version++;
        }
        *out = db->version;
        return 0;
    }
    ret = pragma_int(base, "PRAGMA data_version", &db->data_version, 1, &data);
    if (ret) {
        *out = 0;
        return ret;
    }
    if (data != db->data_seen || own != db->own_seen) {
        db->data_seen = data;
        db->own_seen = own;
        db->version++;
    }
    /* the header as of now, after the pragma: a commit before it is in what is read next */
    if (db->wal && !db->file) {
        db->file = wal_file(db);
    }
    if (wal_header(db, hdr)) {
        memcpy(db->hdr, hdr, WAL_HDR_BYTES);
    }
    *out = db->version;
    return 0;
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

int db_sqlite_remove(const char *path)
{
    static const char *const beside[] = {"", "-wal", "-shm", "-journal", BULK_SUFFIX};
    int ret = 0;

    for (size_t i = 0; i < sizeof(beside) / sizeof(beside[0]); i++) {
        struct buf file = BUF_INIT;

        buf_addf(&file, "%s%s", path, beside[i]);
        if (buf_failed(&file) || (unlink(file.data) < 0 && errno != ENOENT)) {
            log_error("cannot remove '%s'", buf_failed(&file) ? path : file.data);
            ret = ERR_IO;
        }
        buf_release(&file);
    }
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
    .begin_bulk = lite_begin_bulk,
    .commit = lite_commit,
    .rollback = lite_rollback,
    .in_transaction = lite_in_transaction,
    .version = lite_version,
    .schema_version = lite_schema_version,
    .backup = lite_backup,
    .errmsg = lite_errmsg,
    .read_begin = lite_read_begin,
    .read_end = lite_read_end,
};
