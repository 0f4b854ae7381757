/*
 * The database under the store: one small API over two drivers, SQLite (db_sqlite.c) and
 * PostgreSQL through libpq (db_pg.c), the way SQLite's os.c sits over its VFS methods. The
 * store's files call db_* where they called sqlite3_*; only the driver files know an engine.
 *
 * From today's calls:
 *   sqlite3_stmt                                   struct db_stmt
 *   sqlite3_bind_text(s, i, x, -1, SQLITE_STATIC)  db_bind_text(s, i, x)
 *   sqlite3_bind_text(s, i, x, -1, SQLITE_TRANSIENT) db_bind_text_copy(s, i, x)
 *   sqlite3_bind_blob(s, i, p, n, SQLITE_STATIC)   db_bind_blob(s, i, p, n)
 *   sqlite3_column_type(s, i) == SQLITE_NULL       db_column_is_null(s, i)
 *   SQLITE_ROW, SQLITE_DONE                        DB_ROW, DB_DONE
 *   sqlite3_reset(s); sqlite3_clear_bindings(s)    db_reset(s)
 *   rc & 0xff == SQLITE_CONSTRAINT                 rc == DB_CONSTRAINT; db_err(db, rc) for enum err
 *
 * Not thread-safe per connection: one struct db per thread, as one sqlite3 per worker today.
 */
#ifndef STORE_DB_H
#define STORE_DB_H

#include <stddef.h>

struct db;
struct db_stmt;

enum db_kind { DB_SQLITE, DB_PG };

enum db_open_flags {
    DB_READONLY = 1 << 0, /* SQLite: open read-only; PostgreSQL: advisory (the role decides) */
    DB_CREATE = 1 << 1,   /* SQLite: make the file when missing; PostgreSQL: no effect */
    /* A server thread's connection. SQLite: waits at most DB_SERVER_WAIT_MS for another
     * connection's write lock (others DB_WAIT_MS), and not at all while a bulk write
     * (db_begin_bulk) holds the database. PostgreSQL: no effect (no single writer lock). */
    DB_SERVER = 1 << 2,
    /* A private SQLite scratch database, whatever uri says (it may be ""): an unnamed temporary
     * file in SQLite's temporary folder, unlinked as soon as it is open; no journal, no sync. */
    DB_SCRATCH = 1 << 3,
};

/* How long an SQLite connection waits for another's write lock (store.h says why). */
#define DB_SERVER_WAIT_MS 200
#define DB_WAIT_MS        5000

/*
 * What a call answers: DB_OK, DB_ROW or DB_DONE, or the class of its failure. Each class maps
 * to one enum err (db_err), and says what the caller may do: retry the transaction (DB_BUSY),
 * or nothing (DB_GONE: the driver reconnects at the next statement outside a transaction).
 */
enum db_code {
    DB_OK = 0,
    DB_CONSTRAINT, /* SQLite CONSTRAINT; PostgreSQL 23xxx (23505 unique, 23503 foreign key) */
    DB_BUSY,       /* SQLite BUSY, LOCKED; PostgreSQL 40001, 40P01, 55P03: run the whole
                      transaction again (db_transaction does, a bounded number of times) */
    DB_GONE,       /* PostgreSQL 08xxx, 57P0x, 25006 or a dropped connection */
    DB_TOOBIG,     /* SQLite TOOBIG; PostgreSQL 54xxx */
    DB_CANTOPEN,   /* SQLite CANTOPEN: no such file (without DB_CREATE) */
    DB_ERROR,      /* anything else, I/O errors included */
    DB_ROW = 100,  /* db_step: a row is ready to read */
    DB_DONE = 101, /* db_step: no more rows */
};

/* ---- connections ---- */

/*
 * Open uri (db_connect, as app/db.h has db_open): "postgresql://..." or "postgres://..." is
 * PostgreSQL, the URI passed to libpq as it is (sslmode, target_session_attrs=read-write, several
 * hosts...); anything else is an SQLite path (or ":memory:"). SQLite gets WAL (a file opened for
 * writing), foreign keys, synchronous FULL and a 5 s busy timeout. Returns 0 or an enum err
 * (ERR_NOT_FOUND: no such SQLite file; ERR_DB: the server refused, said in the log without the URI,
 * which may hold a password). *out is set on every path, NULL on failure.
 */
int db_connect(const char *uri, unsigned flags, struct db **out);
/* Close db and finalize nothing: the caller finalizes its statements first. NULL is fine. */
void db_close(struct db *db);
/* Whether uri names a PostgreSQL database. */
int db_uri_is_pg(const char *uri);
enum db_kind db_kind(const struct db *db);

/* ---- statements ---- */

/*
 * Prepare sql, whose parameters are ?1, ?2... (the PostgreSQL driver rewrites them to $1, $2
 * once, here). Answers DB_OK or a class; *out is NULL on failure. The store keeps the statement
 * (its cache, keyed by the literal's address) and finalizes it when it closes.
 */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
void db_finalize(struct db_stmt *s);
/* The connection s was prepared on (sqlite3_db_handle). */
struct db *db_handle(struct db_stmt *s);
/* PostgreSQL plans s for its values at each run (sent whole, as the unnamed statement), never
 * once for any values as a named statement: for the few whose best plan depends on their values
 * (which index, from the statistics). SQLite plans every statement for its values already. */
void db_plan_each(struct db_stmt *s);

/* Bind parameter i (from 1). A bind past the statement's parameters is ignored, as the store
 * always let SQLite ignore it: a count shares the binds of its list, the page's among them. */
/* x is borrowed until the statement is stepped for the first time (or reset); NULL binds NULL. */
void db_bind_text(struct db_stmt *s, int i, const char *x);
/* x is copied; NULL binds NULL. */
void db_bind_text_copy(struct db_stmt *s, int i, const char *x);
/* n bytes at p, borrowed like db_bind_text's text; _copy copies them. */
void db_bind_blob(struct db_stmt *s, int i, const void *p, size_t n);
void db_bind_blob_copy(struct db_stmt *s, int i, const void *p, size_t n);
void db_bind_int64(struct db_stmt *s, int i, long long v);
void db_bind_int(struct db_stmt *s, int i, int v);
void db_bind_double(struct db_stmt *s, int i, double v);
void db_bind_null(struct db_stmt *s, int i);

/*
 * Run the statement, or move to its next row: DB_ROW, DB_DONE, or a class. PostgreSQL reads a
 * query's rows at the first step. A statement that answered DB_DONE runs again when stepped.
 */
int db_step(struct db_stmt *s);
/* Ready the statement to run again: its rows dropped, its parameters unbound (NULL). */
void db_reset(struct db_stmt *s);

/*
 * Columns of the current row, from 0. Text and blobs are borrowed until the next step, reset or
 * finalize; column_text is NULL for SQL NULL. Numbers read as SQLite reads them (NULL is 0;
 * PostgreSQL's booleans 't' and 'f' are 1 and 0).
 */
int db_column_count(struct db_stmt *s);
int db_column_is_null(struct db_stmt *s, int i);
const char *db_column_text(struct db_stmt *s, int i);
const void *db_column_blob(struct db_stmt *s, int i);
/* The bytes of text or blob column i (for text, without the NUL). */
int db_column_bytes(struct db_stmt *s, int i);
long long db_column_int64(struct db_stmt *s, int i);
int db_column_int(struct db_stmt *s, int i);
double db_column_double(struct db_stmt *s, int i);

/* ---- the connection's state ---- */

/* Rows the last INSERT, UPDATE or DELETE changed. */
long long db_changes(struct db *db);
/*
 * Run a script of statements without parameters (a migration, "PRAGMA ..." for SQLite alone):
 * DB_OK or the class of the first failure.
 */
int db_exec(struct db *db, const char *script);
/*
 * A write transaction: SQLite BEGIN IMMEDIATE (the one writer), PostgreSQL BEGIN ISOLATION
 * LEVEL SERIALIZABLE (what SQLite gives, so a conflict is DB_BUSY, to run again). db_commit's
 * class says whether it committed; db_rollback does nothing outside a transaction.
 */
int db_begin(struct db *db);
/*
 * A write transaction that may hold the database for a while (an import publishing). SQLite:
 * db_begin holding, until its commit or rollback, an open file description lock on a file
 * beside the database (its name and "-bulk"), which the kernel drops however the process ends
 * and which DB_SERVER connections look at before they wait; its commit copies the whole
 * write-ahead log into the database file (a FULL checkpoint) before it lets go. PostgreSQL:
 * BEGIN ISOLATION LEVEL READ COMMITTED, so the servers' writes meanwhile do not make it fail
 * at its commit (its statements are upserts, each whole by itself).
 */
int db_begin_bulk(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);
/* Whether a transaction is open (or lost with its connection and not yet rolled back). */
int db_in_transaction(struct db *db);
/*
 * Run fn(arg) in a transaction and commit it when fn returns 0; roll back otherwise. When the
 * failure's class is DB_BUSY (a serialization failure or deadlock, a lock), wait a little
 * (jittered backoff) and run it all again, at most DB_RETRIES times. Returns fn's enum err, or
 * the commit's.
 */
#define DB_RETRIES 4
int db_transaction(struct db *db, int (*fn)(void *arg), void *arg);
/* Sleep before try number attempt (from 1) of a transaction that conflicted: about 5 ms,
 * doubling each time, jittered. */
void db_backoff(int attempt);

/*
 * The statements this connection has run: each run of a prepared statement once (its first
 * db_step after preparing, db_reset or DB_DONE), however many rows it then steps through, and
 * each db_exec, begin, commit and rollback of an open transaction. On PostgreSQL each is a round
 * trip to the server, the cost that counts there (docs/PERFORMANCE.md); tests use it to say how
 * many a read takes.
 */
long long db_statements(const struct db *db);

/*
 * A number that grows whenever this connection may have made a change last: each commit, each
 * script run outside a transaction, each write statement outside one. The same before and after
 * some work that failed: the work changed nothing, and may be done again whole (the server's
 * writes that lost to another's on PostgreSQL, router.c).
 */
long long db_landed(const struct db *db);

/*
 * A number that changes when the data may have changed: what was read at one version still
 * holds while it is the same. SQLite: a count moved by each change of the WAL index's header
 * in shared memory (which every commit, of any connection or process, rewrites), read without
 * a transaction; where it cannot be read, PRAGMA data_version (other connections' commits) and
 * total_changes (this one's). PostgreSQL: a counter per process and database, bumped by every
 * commit of this process's connections, by each NOTIFY on channel "compact_changes" (sent by
 * the tables' triggers, so by any server's commit), and when the listening connection is
 * remade (what was missed meanwhile is unknown). The listening connection is opened at the
 * first call, to $COMPACT_DB_LISTEN when set (a URI straight to the primary, past pgBouncer)
 * or to the URI db was opened with; while it is down this answers an enum err, so nothing is
 * cached. Returns 0 or an enum err; *out is 0 on failure.
 */
int db_version(struct db *db, long long *out);
/*
 * The reads that follow, until db_read_end, see one snapshot of the database. SQLite: one read
 * transaction (BEGIN, then COMMIT) instead of one for each statement, each of which takes the
 * write-ahead log's locks, for which a server's threads wait on one another
 * (docs/PERFORMANCE.md); a statement that writes, db_begin, db_begin_bulk or db_exec ends it
 * first, so that writing never meets a snapshot grown stale. PostgreSQL: nothing (a BEGIN and a
 * COMMIT would be two more round trips). Returns DB_OK or the failure to begin (then nothing
 * changes); db_read_end does nothing when none was begun.
 */
int db_read_begin(struct db *db);
void db_read_end(struct db *db);
/*
 * The schema's version: SQLite's PRAGMA user_version; PostgreSQL's highest schema_version row
 * (0 before the first migration). Returns 0 or an enum err.
 */
int db_schema_version(struct db *db, int *out);

/*
 * Copy the whole database to a new SQLite file at path, online: SQLite's backup API, in steps,
 * so writers on other connections wait little. PostgreSQL: ERR_INVALID, the log saying to use
 * pg_dump. Returns 0 or an enum err (ERR_IO: path cannot be opened).
 */
int db_backup(struct db *db, const char *path);

/* ---- bulk loads ---- */

struct buf;

/*
 * PostgreSQL's COPY, the tool it gives for bulk loads: db_copy_begin sends sql ("COPY t (a, b)
 * FROM STDIN", text format), db_copy_put sends rows (each field written by db_copy_field, a tab
 * between fields, a newline after each row; any number of rows a call), db_copy_end ends it:
 * DB_OK when the server took every row, else the class of its failure (inside a transaction,
 * the transaction then fails whole). abort_why, when not NULL, ends it with nothing stored, the
 * server told why. SQLite has no COPY: db_can_copy is 0 and db_copy_begin answers DB_ERROR
 * (callers insert row by row there). Between begin and end, nothing else runs on db.
 */
int db_can_copy(const struct db *db);
int db_copy_begin(struct db *db, const char *sql);
int db_copy_put(struct db *db, const void *data, size_t len);
int db_copy_end(struct db *db, const char *abort_why);
/* Add x to out as a field of COPY's text format: NULL as \N, and a backslash, tab, newline,
 * carriage return, backspace, form feed and vertical tab escaped, so any text comes back as it
 * went (UTF-8 is sent as it is: the connection's encoding is UTF-8). */
void db_copy_field(struct buf *out, const char *x);

/*
 * Remove the SQLite database at path with the files kept beside it (-wal, -shm, -journal, and
 * db_begin_bulk's -bulk): a database this process made and must not leave half made (a copy's
 * target). Every connection to it must be closed. Returns 0 or ERR_IO (said in the log).
 */
int db_sqlite_remove(const char *path);

/* ---- errors ---- */

/*
 * The enum err of a class (0 for DB_OK, DB_ROW, DB_DONE), logging what the database said for
 * those that are not the caller's input (everything but a constraint). The one mapping table.
 */
int db_err(struct db *db, int code);
/* The class of the first failure in the transaction db_begin opened, or of the last failure
 * outside one (DB_OK when none). */
int db_errcode(struct db *db);
/* What the database last said, for logs only: never shown to users. Never NULL. */
const char *db_errmsg(struct db *db);
/* A class's name, e.g. "constraint". Never NULL. */
const char *db_errstr(int code);

#endif
