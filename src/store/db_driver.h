/*
 * The driver table behind db.h, for db.c and the drivers only (SQLite's sqlite3_vfs and
 * sqlite3_io_methods; Dovecot's struct sql_db with its vfuncs). A driver's connection and
 * statement start with struct db and struct db_stmt, so db.c reaches the methods and the shared
 * state through them and the driver casts to its own.
 */
#ifndef STORE_DB_DRIVER_H
#define STORE_DB_DRIVER_H

#include "db.h"

struct db_driver {
    const char *name;
    enum db_kind kind;
    int (*open)(const char *uri, unsigned flags, struct db **out);
    void (*close)(struct db *db);
    int (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
    void (*finalize)(struct db_stmt *s);
    /* A bind out of range does nothing. */
    void (*bind_text)(struct db_stmt *s, int i, const char *x, int copy);
    void (*bind_blob)(struct db_stmt *s, int i, const void *p, size_t n, int copy);
    void (*bind_int64)(struct db_stmt *s, int i, long long v);
    void (*bind_double)(struct db_stmt *s, int i, double v);
    void (*bind_null)(struct db_stmt *s, int i);
    int (*step)(struct db_stmt *s);
    void (*reset)(struct db_stmt *s);
    int (*column_count)(struct db_stmt *s);
    int (*column_is_null)(struct db_stmt *s, int i);
    const char *(*column_text)(struct db_stmt *s, int i);
    const void *(*column_blob)(struct db_stmt *s, int i);
    int (*column_bytes)(struct db_stmt *s, int i);
    long long (*column_int64)(struct db_stmt *s, int i);
    double (*column_double)(struct db_stmt *s, int i);
    long long (*changes)(struct db *db);
    int (*exec)(struct db *db, const char *script);
    int (*begin)(struct db *db);
    int (*begin_bulk)(struct db *db);
    int (*commit)(struct db *db);
    int (*rollback)(struct db *db);
    int (*in_transaction)(struct db *db);
    int (*version)(struct db *db, long long *out);
    int (*schema_version)(struct db *db, int *out);
    int (*backup)(struct db *db, const char *path);
    const char *(*errmsg)(struct db *db);
    /* PostgreSQL's COPY FROM STDIN (db.h, "bulk loads"); NULL where the engine has none. */
    int (*copy_begin)(struct db *db, const char *sql);
    int (*copy_put)(struct db *db, const void *data, size_t len);
    int (*copy_end)(struct db *db, const char *abort_why);
    /* db_read_begin and db_read_end; NULL where each statement is best left alone. */
    int (*read_begin)(struct db *db);
    void (*read_end)(struct db *db);
};

/* The first member of each driver's connection. */
struct db {
    const struct db_driver *drv;
    int last;             /* db_errcode's */
    long long statements; /* db_statements' */
    long long landed;     /* db_landed's: the drivers count writes outside a transaction */
};

/* The first member of each driver's statement. */
struct db_stmt {
    struct db *db;
    int running;   /* stepped, and not yet done or reset: the next step reads on, not runs */
    int plan_each; /* db_plan_each */
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

#endif
