/*
 * The database a command works on, whichever layer the command lives in (cli/, or http/ for
 * serve): the --db option every command declares, and opening what it names up to date.
 */
#ifndef APP_DB_H
#define APP_DB_H

#include "base/buf.h"
#include "base/opt.h"
#include "store/store.h"

#define DB_DEFAULT "var/compact.db"
#define DB_ENV     "COMPACT_DB"

/* --db PATH, else $COMPACT_DB, else DB_DEFAULT, into *v (a const char *). */
#define OPT_DB(v)                                                                                  \
    OPT_STRING_DEFAULT("db", "PATH", (v), DB_ENV, DB_DEFAULT,                                      \
                       "the database, made by 'compact init' (default: $" DB_ENV                   \
                       ", else " DB_DEFAULT ")")

#define DB_SHOWN_MAX 256

/*
 * The database as a message may name it: a path as it is; a URI (postgresql://user:secret@host/db
 * ?password=...) without its user information and query, either of which may hold a password.
 * Returns path itself, out, or a fixed phrase when the shown form would not fit.
 */
const char *db_shown(const char *path, char out[DB_SHOWN_MAX]);

/*
 * Open the database at path (create: make the file if it is not there), bring its schema up to
 * date and seed the commitments catalogue. Returns 0 and sets *out (the caller closes it); else
 * a negative enum err with *out NULL and what went wrong, one line for a person, in why.
 */
int db_open(const char *path, int create, struct store **out, struct buf *why);

/*
 * Write every authority's JSON for the API's lists (codec's json_authority_item) with its row,
 * where what is stored is not that (store_authority_json_write), in one transaction: `compact
 * migrate` after the schema, and db_open when it moved the schema (the register's load writes
 * it too, in its own transaction). *written is how many rows were written.
 */
int db_authority_json(struct store *st, size_t *written);

/*
 * Open the database a server is to run on, as db_open does, except that a PostgreSQL database
 * is not migrated: several servers share it and would race to apply the same migration. Its
 * schema must be the program's already (`compact migrate` once, before the servers start);
 * behind or ahead, ERR_CONFLICT with the one line saying so in why. SQLite, one server's own,
 * is brought up to date here as db_open does.
 */
int db_open_serve(const char *path, struct store **out, struct buf *why);

#endif
