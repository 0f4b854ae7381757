/* What the files of the store share, and nothing outside it sees. */
#ifndef STORE_STORE_INT_H
#define STORE_STORE_INT_H

#include "db.h"

#include "store.h"

/* More than the statements of src/store/ together (about 200, counting each of an array's,
 * such as a list's for each shape of filter): one connection may use them all, and a full
 * cache is fatal. */
#define STORE_STMT_CACHE 512

struct store {
    struct db *db;
    struct {
        const char *sql; /* the literal's address is the key */
        struct db_stmt *stmt;
    } cache[STORE_STMT_CACHE];
};

/*
 * The prepared statement for the literal sql, prepared on first use and kept. The caller binds,
 * steps, and leaves it through store_done().
 */
int store_prepare(struct store *st, const char *sql, struct db_stmt **out);
/* End the transaction store_begin began: commit when ret is 0, else roll back. Returns ret, or
 * the commit's enum err. */
int store_end(struct store *st, int ret);
/* Run sql, one or more statements that answer no rows, once (pragmas, schemas of a scratch
 * database, fixed commands): 0, ERR_CONFLICT, ERR_BUSY or ERR_DB (logged). */
int store_exec(struct store *st, const char *sql);
/* Step a prepared write once, with its bindings done; reset it. 0 or an enum err. */
int store_run(struct store *st, struct db_stmt *stmt);
/* Step a bound statement for one row and copy its first column from arena into *out; reset
 * it. 0, ERR_NOT_FOUND when there is no row (or it is NULL), or another enum err. */
int store_row_text(struct store *st, struct db_stmt *stmt, struct arena *arena, const char **out);
/* Step a bound statement for one row and read its first column as a whole number into *out
 * (may be NULL: whether there is a row; SQL NULL reads as 0); reset it. 0, ERR_NOT_FOUND when
 * there is no row, or another enum err. Also for a write with RETURNING id: the engine makes the
 * whole change at the first step. */
int store_row_int(struct store *st, struct db_stmt *stmt, long long *out);
/* store_row_int for a count(*): *out is 0 on failure. */
int store_row_count(struct store *st, struct db_stmt *stmt, size_t *out);
/*
 * Step a bound statement whose rows are (id, rank), best rank first, and reset it: the first
 * row's id into *id; ERR_NOT_FOUND when there is none, ERR_CONFLICT (and *id 0) when the
 * second row has the same rank (a name several share).
 */
int store_row_ranked(struct store *st, struct db_stmt *stmt, long long *id);
/* A copy from arena of text column i of the current row, or NULL for SQL NULL. With arena NULL,
 * the column's own text, which holds until the statement steps again. */
const char *store_col(struct db_stmt *stmt, int i, struct arena *arena);
/* Text column i of the current row as a date: 0 for SQL NULL or anything but 'YYYY-MM-DD'. */
date_t store_col_date(struct db_stmt *stmt, int i);
/*
 * A subquery joining the text expr of the rows of from ("FROM ... WHERE ...") in the order of
 * order, sep (an SQL string) between them. The engines share no ordered aggregate (SQLite 3.40
 * has no string_agg), so a statement holding one is written for each, chosen by db_kind:
 *   #define RULES(J) J("rule", "' '", "FROM commitment_rule WHERE commitment_id = c.id", "rule")
 *   sql_sqlite[] = LIST(RULES(STORE_JOINED_SQLITE)), sql_pg[] = LIST(RULES(STORE_JOINED_PG))
 */
#define STORE_JOINED_SQLITE(expr, sep, from, order)                                                \
    "(SELECT group_concat(joined, " sep ") FROM (SELECT " expr " AS joined " from                  \
    " ORDER BY " order ") AS j)"
#define STORE_JOINED_PG(expr, sep, from, order)                                                    \
    "(SELECT string_agg(" expr ", " sep " ORDER BY " order ") " from ")"

/* Bind s (copied, so it may be a temporary), or NULL when s is NULL. */
void store_bind_text(struct db_stmt *stmt, int i, const char *s);
/* Bind q as a LIKE pattern matching q itself in lower case (its %, _ and \ escaped by \: the
 * statement says ESCAPE '\'; its ASCII letters folded, as lower() folds a column in both
 * engines, whatever PostgreSQL's locale), or NULL when q is NULL or "". For "holds q, in any
 * case" (instr is SQLite's, strpos PostgreSQL's): lower(col) LIKE '%' || ?N || '%' ESCAPE '\'. */
void store_bind_like(struct db_stmt *stmt, int i, const char *q);
/* Bind d as 'YYYY-MM-DD', or NULL when it is 0 (unknown). */
void store_bind_date(struct db_stmt *stmt, int i, date_t d);
/* Bind the most rows of a LIMIT: limit, or no limit for 0 (-1 to SQLite, NULL to PostgreSQL:
 * said to each engine in this one place). */
void store_bind_limit(struct db_stmt *stmt, int i, size_t limit);
/* Step a bound statement for one row whose first column is a GSS code and copy it into out;
 * reset it. 0, ERR_NOT_FOUND when there is no row, or another enum err. */
int store_row_gss(struct store *st, struct db_stmt *stmt, char out[GSS_LEN + 1]);
/* Reset and clear the bindings, ready for the next use. */
void store_done(struct db_stmt *stmt);
/* Every db_step of the store goes through this, so tests can force errors. */
int store_step(struct store *st, struct db_stmt *stmt);
/* Map a db_step or db_exec answer (enum db_code) to an enum err, logging what the database
 * said (db_err). */
int store_err(struct store *st, int rc);

/* Like store_err, for a step that should have given a row: never 0. */
int store_fail(struct store *st, int rc);

/* Apply every migration to a database without a schema, inside the caller's transaction
 * (a copy's target, made whole or not at all): 0 or an enum err. */
int store_migrate_new(struct store *st);

/* Write every Compact's review_due_on (compact_review_due) from its dates: after the
 * migration that added the column, inside its transaction. */
int store_compact_review_fill(struct store *st);

/* Tests may set this to make store_step answer their code instead (e.g. DB_BUSY). */
extern int (*store_step_hook)(struct db_stmt *stmt);

/* ---- store_util.c and store_audit.c: what the writes share ---- */

#define STORE_TIME_LEN 20 /* "YYYY-MM-DDTHH:MM:SSZ" */
#define STORE_ID_LEN   24 /* a long long as text, with its NUL */

/* The time now in UTC as "YYYY-MM-DDTHH:MM:SSZ" into out, for a statement to bind: times are
 * computed here, never in SQL, so every engine stores the same text. */
void store_now(char out[STORE_TIME_LEN + 1]);
/* Bind the time now (store_now) to parameter i. */
void store_bind_now(struct db_stmt *stmt, int i);
/* id as decimal text in out; returns out. */
const char *store_id_text(long long id, char out[STORE_ID_LEN]);
/* Step a bound INSERT ... RETURNING id for *id and reset it: 0, ERR_NOT_FOUND when it
 * inserted no row (*id 0), or another enum err. */
int store_run_id(struct store *st, struct db_stmt *stmt, long long *id);
/* Room for one more item of size after len in the array *v of capacity *cap, from arena. */
void store_grow(struct arena *arena, void **v, size_t len, size_t *cap, size_t size);
/* Reads the current row of stmt into item (its strings from arena). */
typedef void store_row_fn(struct db_stmt *stmt, struct arena *arena, void *item);
/*
 * Step the bound stmt through its rows, each read by fn into one more item of size in an
 * array from arena; reset it. items is the address of the caller's array pointer (a T **):
 * set with *n on success, NULL and 0 on failure.
 */
int store_rows(struct store *st, struct db_stmt *stmt, struct arena *arena, size_t size,
               store_row_fn *fn, void *items, size_t *n);
/* store_rows whose statement gives, in column col of every row, how many rows there are without
 * its page (a count(*) subquery): *total, from the first row (0 when there is none). */
int store_rows_total(struct store *st, struct db_stmt *stmt, struct arena *arena, size_t size,
                     store_row_fn *fn, void *items, size_t *n, int col, size_t *total);
/* store_rows for the literal sql with ?1 bound to id, prepared here: the rows of one Compact,
 * organisation... (*items NULL and *n 0 on any failure). */
int store_rows_of(struct store *st, const char *sql, long long id, struct arena *arena, size_t size,
                  store_row_fn *fn, void *items, size_t *n);
/* Step the bound stmt for one row, read by fn into item; reset it. 0, ERR_NOT_FOUND when
 * there is no row (item untouched), or another enum err. */
int store_row(struct store *st, struct db_stmt *stmt, struct arena *arena, store_row_fn *fn,
              void *item);
/* store_row for the literal sql with ?1 bound to id, prepared here: one thing by its id. */
int store_row_of(struct store *st, const char *sql, long long id, struct arena *arena,
                 store_row_fn *fn, void *item);

/* A Compact's parameter from the current row, its name in column name and its value in column
 * value, into out; a name not known is left out. */
void store_param_row(struct db_stmt *stmt, int name, int value, struct param_set *out);

/* ---- store_complaint.c: what a Compact's parameters write ---- */

/* Replace Compact id's working days for complaints with cp, with an audit entry (kind compact,
 * action complaint_parameters), inside the caller's transaction. */
int store_complaint_params_put(struct store *st, long long id, const struct complaint_params *cp,
                               const char *actor);

/* ---- store_account.c: a person, as every statement that reads one gives it ---- */

#define STORE_USER_COLUMNS "u.id, u.email, u.name, u.role, u.org_id, u.disabled, u.created_at"
/* A struct user from columns 0 to 6 (STORE_USER_COLUMNS) of the current row. */
store_row_fn store_user_row;

/* ---- store_signatory.c: a Compact's signatories, which its entry reads too ---- */

/* The columns store_signatory_row reads (the first eight), from s (signatory), o (organisation)
 * and c (compact) as STORE_SIGNATORY_FROM names them, and the order of a Compact's: current
 * ones first by date signed, then those withdrawn by date withdrawn (five keys, which a
 * Compact's entry sorts its signatories by as well). A Compact's entry, which has the name,
 * reads them without the compact (the _ORG_ID, _REST, _ORGS and _LAPSED, _KEYS pieces). */
#define STORE_SIGNATORY_ORG_ID "coalesce(o.org_id, CAST(o.id AS TEXT))"
#define STORE_SIGNATORY_REST   "o.name, s.role, s.signed_on, s.withdrawn_on"
#define STORE_SIGNATORY_COLUMNS                                                                    \
    "s.id, s.compact_id, c.name, " STORE_SIGNATORY_ORG_ID ", " STORE_SIGNATORY_REST
#define STORE_SIGNATORY_ORGS   "FROM signatory s JOIN organisation o ON o.id = s.organisation_id"
#define STORE_SIGNATORY_FROM   STORE_SIGNATORY_ORGS " JOIN compact c ON c.id = s.compact_id"
#define STORE_SIGNATORY_LAPSED "CASE WHEN s.withdrawn_on IS NULL THEN 0 ELSE 1 END"
#define STORE_SIGNATORY_KEYS   "s.withdrawn_on, s.signed_on, o.name_norm, s.id"
#define STORE_SIGNATORY_ORDER  STORE_SIGNATORY_LAPSED ", " STORE_SIGNATORY_KEYS
/* A struct signatory from columns 0 to 7 of the current row. */
store_row_fn store_signatory_row;
/* Column i of the current row, an authority's type (store_authority.c). */
enum authority_type store_col_authority_type(struct db_stmt *stmt, int i);
/* The organisation type text a statutory signatory's row holds, parsed (store_signups.c). */
enum org_type store_signup_type(const char *type);
/* Sets the complaint response time named name (a row of complaint_parameter) in out; a name
 * not known is passed over (store_complaint.c). */
void store_complaint_param_row(struct complaint_params *out, const char *name, int value);

/*
 * Append an entry to the audit trail, inside the caller's transaction: at (NULL for now),
 * who, what, the entity's kind and identifier, and its state before and after as JSON that
 * codec/json_audit.h wrote (either NULL for none). ERR_TOO_BIG when a state's buf failed.
 */
int store_audit_add(struct store *st, const char *at, const char *actor, const char *action,
                    const char *kind, const char *entity, const struct buf *before,
                    const struct buf *after);

#endif
