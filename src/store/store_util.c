/* Small pieces the store's files share: the time now, ids as text, RETURNING id, lists of rows. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store_int.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

void store_now(char out[STORE_TIME_LEN + 1])
{
    time_t t = time(NULL);
    struct tm tm;

    if (!gmtime_r(&t, &tm) ||
        snprintf(out, STORE_TIME_LEN + 1, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec) != STORE_TIME_LEN) {
        die("store: cannot tell the time");
    }
}

void store_bind_now(struct db_stmt *stmt, int i)
{
    char now[STORE_TIME_LEN + 1];

    store_now(now);
    db_bind_text_copy(stmt, i, now);
}

const char *store_id_text(long long id, char out[STORE_ID_LEN])
{
    int n = snprintf(out, STORE_ID_LEN, "%lld", id);

    if (n < 0 || n >= STORE_ID_LEN) {
        die("store: id %lld does not fit", id); /* 20 digits and a sign always fit */
    }
    return out;
}

int store_run_id(struct store *st, struct db_stmt *stmt, long long *id)
{
    int rc = store_step(st, stmt), ret;

    *id = rc == DB_ROW ? db_column_int64(stmt, 0) : 0;
    if (rc == DB_ROW) {
        rc = store_step(st, stmt); /* the statement finishes its write */
    }
    ret = rc != DB_DONE ? store_fail(st, rc) : *id ? 0 : ERR_NOT_FOUND;
    store_done(stmt);
    if (ret < 0) {
        *id = 0;
    }
    return ret;
}

void store_grow(struct arena *arena, void **v, size_t len, size_t *cap, size_t size)
{
    void *nv;

    if (len < *cap) {
        return;
    }
    *cap = *cap ? *cap * 2 : 16;
    nv = arena_alloc(arena, st_mult(*cap, size));
    if (len) {
        memcpy(nv, *v, len * size);
    }
    *v = nv;
}

int store_rows_total(struct store *st, struct db_stmt *stmt, struct arena *arena, size_t size,
                     store_row_fn *fn, void *items, size_t *n, int col, size_t *total)
{
    char *v = NULL;
    size_t len = 0, cap = 0;
    int ret, rc;

    memcpy(items, &v, sizeof(v)); /* items is a T **: every object pointer is alike here */
    *n = 0;
    if (total) {
        *total = 0;
    }
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        if (total && !len) {
            long long t = db_column_int64(stmt, col);
            *total = t > 0 ? (size_t)t : 0;
        }
        store_grow(arena, (void **)&v, len, &cap, size);
        memset(v + len * size, 0, size);
        fn(stmt, arena, v + len++ * size);
    }
    ret = store_err(st, rc);
    store_done(stmt);
    if (!ret) {
        memcpy(items, &v, sizeof(v));
        *n = len;
    } else if (total) {
        *total = 0;
    }
    return ret;
}

int store_rows(struct store *st, struct db_stmt *stmt, struct arena *arena, size_t size,
               store_row_fn *fn, void *items, size_t *n)
{
    return store_rows_total(st, stmt, arena, size, fn, items, n, 0, NULL);
}

int store_rows_of(struct store *st, const char *sql, long long id, struct arena *arena, size_t size,
                  store_row_fn *fn, void *items, size_t *n)
{
    struct db_stmt *stmt;
    char *none = NULL;
    int ret;

    memcpy(items, &none, sizeof(none)); /* as store_rows does, for a failed prepare too */
    *n = 0;
    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    return store_rows(st, stmt, arena, size, fn, items, n);
}

int store_row(struct store *st, struct db_stmt *stmt, struct arena *arena, store_row_fn *fn,
              void *item)
{
    int rc = store_step(st, stmt), ret;

    if (rc == DB_ROW) {
        fn(stmt, arena, item);
    }
    ret = rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    store_done(stmt);
    return ret;
}

int store_row_of(struct store *st, const char *sql, long long id, struct arena *arena,
                 store_row_fn *fn, void *item)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    return store_row(st, stmt, arena, fn, item);
}
