/* What the files of the store share, and nothing outside it sees. */
#ifndef STORE_STORE_INT_H
#define STORE_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

/* More than the statements of src/store/ together (80 with the organisations'): one
 * connection may use them all, and a full cache is fatal. */
#define STORE_STMT_CACHE 256

/* The time now in UTC as 'YYYY-MM-DDTHH:MM:SSZ', inside a statement. */
#define SQL_NOW_UTC "(replace(datetime('now'), ' ', 'T') || 'Z')"

struct store {
    sqlite3 *db;
    struct {
        const char *sql; /* the literal's address is the key */
        sqlite3_stmt *stmt;
    } cache[STORE_STMT_CACHE];
};

/*
 * The prepared statement for the literal sql, prepared on first use and kept. The caller binds,
 * steps, and leaves it through store_done().
 */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **out);
/* End the transaction store_begin began: commit when ret is 0, else roll back. Returns ret, or
 * the commit's enum err. */
int store_end(struct store *st, int ret);
/* Step a prepared write once, with its bindings done; reset it. 0 or an enum err. */
int store_run(struct store *st, sqlite3_stmt *stmt);
/* Step a bound statement for one row and copy its first column from arena into *out; reset
 * it. 0, ERR_NOT_FOUND when there is no row (or it is NULL), or another enum err. */
int store_row_text(struct store *st, sqlite3_stmt *stmt, struct arena *arena, const char **out);
/* Step a bound statement for one row and read its first column as a whole number into *out
 * (may be NULL: whether there is a row; SQL NULL reads as 0); reset it. 0, ERR_NOT_FOUND when
 * there is no row, or another enum err. Also for a write with RETURNING id: SQLite makes the
 * whole change at the first step. */
int store_row_int(struct store *st, sqlite3_stmt *stmt, long long *out);
/* store_row_int for a count(*): *out is 0 on failure. */
int store_row_count(struct store *st, sqlite3_stmt *stmt, size_t *out);
/*
 * Step a bound statement whose rows are (id, rank), best rank first, and reset it: the first
 * row's id into *id; ERR_NOT_FOUND when there is none, ERR_CONFLICT (and *id 0) when the
 * second row has the same rank (a name several share).
 */
int store_row_ranked(struct store *st, sqlite3_stmt *stmt, long long *id);
/* A copy from arena of text column i of the current row, or NULL for SQL NULL. */
const char *store_col(sqlite3_stmt *stmt, int i, struct arena *arena);
/* Text column i of the current row as a date: 0 for SQL NULL or anything but 'YYYY-MM-DD'. */
date_t store_col_date(sqlite3_stmt *stmt, int i);
/* Bind s (copied by SQLite, so it may be a temporary), or NULL when s is NULL. */
void store_bind_text(sqlite3_stmt *stmt, int i, const char *s);
/* Bind d as 'YYYY-MM-DD', or NULL when it is 0 (unknown). */
void store_bind_date(sqlite3_stmt *stmt, int i, date_t d);
/* Bind the most rows of a LIMIT: limit, or no limit for 0 (-1 to SQLite; PostgreSQL will want
 * NULL, so it is said in this one place). */
void store_bind_limit(sqlite3_stmt *stmt, int i, size_t limit);
/* Step a bound statement for one row whose first column is a GSS code and copy it into out;
 * reset it. 0, ERR_NOT_FOUND when there is no row, or another enum err. */
int store_row_gss(struct store *st, sqlite3_stmt *stmt, char out[GSS_LEN + 1]);
/*
 * Step a bound statement for one row, read by read into item (strings from arena), and reset
 * it. 0, ERR_NOT_FOUND when there is no row, or another enum err.
 */
int store_row(struct store *st, sqlite3_stmt *stmt, struct arena *arena,
              void (*read)(sqlite3_stmt *stmt, struct arena *arena, void *item), void *item);
/*
 * Step a bound statement to its end, each row read by read into the next item (of size bytes)
 * of an array from arena, and reset it: the array in *items (NULL for no rows) and its length
 * in *n; NULL and 0 on failure.
 */
int store_rows(struct store *st, sqlite3_stmt *stmt, struct arena *arena, size_t size,
               void (*read)(sqlite3_stmt *stmt, struct arena *arena, void *item), void **items,
               size_t *n);
/*
 * The array v of *cap items of size bytes each (from arena), grown if need be so that item len
 * fits: a new array with the first len items copied when it was full. Rows read one by one
 * land in it.
 */
void *store_grow(struct arena *arena, void *v, size_t len, size_t *cap, size_t size);
/* Reset and clear the bindings, ready for the next use. */
void store_done(sqlite3_stmt *stmt);
/* Every sqlite3_step of the store goes through this, so tests can force errors. */
int store_step(struct store *st, sqlite3_stmt *stmt);
/* Map an SQLite result code to an enum err, logging what the database said. */
int store_err(struct store *st, int rc);

/* Like store_err, for a step that should have given a row: never 0. */
int store_fail(struct store *st, int rc);

/* Write every Compact's review_due_on (compact_review_due) from its dates: after the
 * migration that added the column, inside its transaction. */
int store_compact_review_fill(struct store *st);

/* Tests may set this to make store_step answer their code instead (e.g. SQLITE_BUSY). */
extern int (*store_step_hook)(sqlite3_stmt *stmt);

#endif
