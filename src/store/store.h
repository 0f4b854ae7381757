/*
 * The database: SQLite in WAL mode with foreign keys on and synchronous=FULL. Every SQL statement
 * of the program lives in this folder. A struct store is one connection, used by one thread.
 *
 * Functions return 0 or a negative enum err: ERR_NOT_FOUND, ERR_CONFLICT (a constraint refused
 * the write), ERR_DB (anything else; store_errmsg() says what, for the log only).
 */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stddef.h>

#include "core/authority.h"
#include "base/arena.h"

struct store;

enum store_flags {
    STORE_CREATE = 1 << 0,   /* create the file if it does not exist */
    STORE_READONLY = 1 << 1, /* open for reading only */
};

/* Open the database at path (":memory:" for a private in-memory one). *out is NULL on failure. */
int store_open(const char *path, unsigned flags, struct store **out);
void store_close(struct store *st);
/* The last SQLite message of this connection, for logs; never shown to users. */
const char *store_errmsg(const struct store *st);

/* The schema version (PRAGMA user_version) and the newest this program knows. */
int store_schema_version(struct store *st, int *out);
int store_schema_latest(void);
/*
 * Apply the migrations the database lacks, each in its own transaction. *from and *to (either
 * may be NULL) say which versions it went between. A database newer than the program is
 * ERR_CONFLICT.
 */
int store_migrate(struct store *st, int *from, int *to);
/* Copy the whole database to path with SQLite's online backup API. */
int store_backup(struct store *st, const char *path);
/* A trivial query, for /healthz. */
int store_ping(struct store *st);

/* One write transaction: begin, then commit or rollback. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/*
 * A number that changes whenever the database changes: a commit by another connection or
 * process (PRAGMA data_version) or a change through this one (sqlite3_total_changes). What was
 * read at one version still holds while the version is the same.
 */
int store_version(struct store *st, long long *out);

/* Authorities. */
struct authority_filter {
    int set;           /* enum authority_set, or -1 for any */
    int type;          /* enum authority_type, or -1 for any */
    int region;        /* index for region_name(), or -1 for any */
    const char *after; /* keyset cursor: list codes after this GSS code (API order), or NULL */
    size_t limit;      /* most items to return; 0 for no limit */
    int by_name;       /* order by name (pages) instead of by GSS code (API, cursors) */
};

/* Insert or update an authority, by GSS code. */
int store_authority_put(struct store *st, const struct authority *a);
/* Record that alias was a former code of gss (in_2011: the code in use in 2011). */
int store_authority_alias_put(struct store *st, const char *alias, const char *gss, int in_2011);
/* The authority whose current code or former code is code. Strings come from arena. */
int store_authority_get(struct store *st, const char *code, struct arena *arena,
                        struct authority *out);
/* How many match f (ignoring after and limit). */
int store_authority_count(struct store *st, const struct authority_filter *f, size_t *out);
/* The matching authorities, array and strings from arena; *items NULL and *n 0 on failure. */
int store_authority_list(struct store *st, const struct authority_filter *f, struct arena *arena,
                         struct authority **items, size_t *n);
/* Counts of the matching authorities by type (f->type ignored): counts[AUTH_TYPE_COUNT]. */
int store_authority_count_by_type(struct store *st, const struct authority_filter *f,
                                  size_t counts[AUTH_TYPE_COUNT]);

#endif
