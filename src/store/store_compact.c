/* Local Compacts (the first of the register: name, authorities, status history). */
#include <string.h>

#include "store_int.h"
#include "base/err.h"
#include "base/banned.h"

static const char sql_add[] = "INSERT INTO compact (name, created_at) VALUES (?1, " SQL_NOW_UTC ")";
static const char sql_resolve[] =
    "SELECT gss FROM authority WHERE gss = ?1 "
    "UNION ALL SELECT gss FROM authority_alias WHERE alias = ?1 LIMIT 1";
static const char sql_add_authority[] =
    "INSERT OR IGNORE INTO compact_authority (compact_id, gss) VALUES (?1, ?2)";
static const char sql_add_status[] =
    "INSERT INTO compact_status (compact_id, status, date) VALUES (?1, ?2, ?3)";
static const char sql_audit[] =
    "INSERT INTO audit (at, actor, action, kind, entity, after) "
    "SELECT " SQL_NOW_UTC ", ?1, 'create', 'compact', c.id, "
    "json_object('id', c.id, 'name', c.name, "
    "'authorities', (SELECT json_group_array(gss) FROM "
    "(SELECT gss FROM compact_authority WHERE compact_id = c.id ORDER BY gss)), "
    "'statuses', (SELECT json_group_array(json_object('status', status, 'date', date)) FROM "
    "(SELECT status, date FROM compact_status WHERE compact_id = c.id ORDER BY date))) "
    "FROM compact c WHERE c.id = ?2";

static const char sql_exists[] = "SELECT 1 FROM compact WHERE id = ?1";
static const char sql_name[] = "SELECT name FROM compact WHERE id = ?1";

int store_compact_name(struct store *st, long long id, struct arena *arena, const char **name)
{
    sqlite3_stmt *stmt;
    int ret;

    *name = NULL;
    if ((ret = store_prepare(st, sql_name, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_int64(stmt, 1, id);
    return store_row_text(st, stmt, arena, name);
}
static const char sql_is_coordinator[] =
    "SELECT 1 FROM compact_coordinator WHERE compact_id = ?1 AND user_id = ?2";

int store_compact_is_coordinator(struct store *st, long long id, long long user_id)
{
    sqlite3_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(st, sql_is_coordinator, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_int64(stmt, 2, user_id);
    rc = store_step(st, stmt);
    ret = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    store_done(stmt);
    return ret;
}

static const char sql_names[] = "SELECT id, name FROM compact ORDER BY name, id LIMIT ?1";

int store_compact_names(struct store *st, size_t max, struct arena *arena, const char ***ids,
                        const char ***names, size_t *n)
{
    sqlite3_stmt *stmt;
    const char **i = arena_alloc(arena, (max + 1) * sizeof(*i));
    const char **nm = arena_alloc(arena, (max + 1) * sizeof(*nm));
    size_t len = 0;
    int ret, rc;

    *ids = NULL;
    *names = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_names, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)max);
    while ((rc = store_step(st, stmt)) == SQLITE_ROW && len < max) {
        i[len] = arena_strdup(arena, (const char *)sqlite3_column_text(stmt, 0));
        nm[len] = arena_strdup(arena, (const char *)sqlite3_column_text(stmt, 1));
        len++;
    }
    ret = rc == SQLITE_ROW ? 0 : store_err(st, rc);
    store_done(stmt);
    if (!ret) {
        *ids = i;
        *names = nm;
        *n = len;
    }
    return ret;
}

static const char sql_params[] = "SELECT name, value FROM compact_parameter WHERE compact_id = ?1";
static const char sql_params_clear[] = "DELETE FROM compact_parameter WHERE compact_id = ?1";
static const char sql_param_add[] =
    "INSERT INTO compact_parameter (compact_id, name, value) VALUES (?1, ?2, ?3)";
#define PARAMS_JSON                                                                                \
    "(SELECT json_group_object(name, value) FROM compact_parameter WHERE compact_id = ?2)"
static const char sql_params_json[] = "SELECT " PARAMS_JSON;
static const char sql_params_audit[] =
    "INSERT INTO audit (at, actor, action, kind, entity, before, after) SELECT " SQL_NOW_UTC
    ", ?1, 'parameters', 'compact', ?2, json_object('parameters', json(?3)), "
    "json_object('parameters', json(" PARAMS_JSON "))";

int store_compact_params(struct store *st, const char *id, struct param_set *out)
{
    sqlite3_stmt *stmt;
    int ret, rc;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_exists, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    rc = store_step(st, stmt);
    ret = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    store_done(stmt);
    if (ret < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_params, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    while ((rc = store_step(st, stmt)) == SQLITE_ROW) {
        enum param p;
        const char *name = (const char *)sqlite3_column_text(stmt, 0);
        if (name && param_parse(name, &p) == 0) {
            out->set[p] = 1;
            out->value[p] = sqlite3_column_int(stmt, 1);
        }
    }
    ret = store_err(st, rc);
    store_done(stmt);
    return ret;
}

int store_compact_set_params(struct store *st, long long id, const struct param_set *ps,
                             const char *actor)
{
    struct arena arena;
    sqlite3_stmt *stmt;
    const char *before = NULL;
    int ret, rc;

    arena_init(&arena);
    if ((ret = store_begin(st)) < 0) {
        goto cleanup;
    }
    if ((ret = store_prepare(st, sql_exists, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_int64(stmt, 1, id);
    rc = store_step(st, stmt);
    store_done(stmt);
    if (rc != SQLITE_ROW) {
        ret = rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
        goto cleanup;
    }
    if ((ret = store_prepare(st, sql_params_json, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_int64(stmt, 2, id);
    if (store_step(st, stmt) == SQLITE_ROW) {
        before = store_col(stmt, 0, &arena);
    }
    store_done(stmt);
    if ((ret = store_prepare(st, sql_params_clear, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_int64(stmt, 1, id);
    if ((ret = store_run(st, stmt)) < 0) {
        goto cleanup;
    }
    for (int p = 0; p < PARAM_COUNT; p++) {
        if (!ps->set[p]) {
            continue;
        }
        if ((ret = store_prepare(st, sql_param_add, &stmt)) < 0) {
            goto cleanup;
        }
        sqlite3_bind_int64(stmt, 1, id);
        sqlite3_bind_text(stmt, 2, param_id((enum param)p), -1, SQLITE_STATIC);
        sqlite3_bind_int(stmt, 3, ps->value[p]);
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
    if ((ret = store_prepare(st, sql_params_audit, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_text(stmt, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, id);
    sqlite3_bind_text(stmt, 3, before ? before : "{}", -1, SQLITE_STATIC);
    if ((ret = store_run(st, stmt)) < 0) {
        goto cleanup;
    }
    ret = store_commit(st);
cleanup:
    if (ret < 0) {
        store_rollback(st);
    }
    arena_release(&arena);
    return ret;
}

/* The current code for a current or former GSS code, copied into out. */
static int resolve(struct store *st, const char *code, char out[GSS_LEN + 1])
{
    sqlite3_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(st, sql_resolve, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == GSS_LEN) {
        memcpy(out, sqlite3_column_text(stmt, 0), GSS_LEN + 1);
        ret = 0;
    } else {
        ret = rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

int store_compact_add(struct store *st, const struct compact_new *c, const char *actor,
                      long long *id, const char **bad)
{
    sqlite3_stmt *stmt;
    char gss[GSS_LEN + 1];
    int ret;

    *id = 0;
    *bad = NULL;
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_add, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_text(stmt, 1, c->name, -1, SQLITE_STATIC);
    ret = store_err(st, store_step(st, stmt));
    store_done(stmt);
    if (ret < 0) {
        goto cleanup;
    }
    *id = sqlite3_last_insert_rowid(st->db);
    for (size_t i = 0; i < c->nauthorities; i++) {
        if ((ret = resolve(st, c->authorities[i], gss)) < 0) {
            if (ret == ERR_NOT_FOUND) {
                *bad = c->authorities[i];
            }
            goto cleanup;
        }
        if ((ret = store_prepare(st, sql_add_authority, &stmt)) < 0) {
            goto cleanup;
        }
        sqlite3_bind_int64(stmt, 1, *id);
        sqlite3_bind_text(stmt, 2, gss, -1, SQLITE_STATIC);
        ret = store_err(st, store_step(st, stmt));
        store_done(stmt);
        if (ret < 0) {
            goto cleanup;
        }
    }
    if ((ret = store_prepare(st, sql_add_status, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_int64(stmt, 1, *id);
    sqlite3_bind_text(stmt, 2, compact_status_id(c->status), -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, c->status_date, -1, SQLITE_STATIC);
    ret = store_err(st, store_step(st, stmt));
    store_done(stmt);
    if (ret < 0) {
        goto cleanup;
    }
    if ((ret = store_prepare(st, sql_audit, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_text(stmt, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, *id);
    ret = store_err(st, store_step(st, stmt));
    store_done(stmt);
    if (ret < 0) {
        goto cleanup;
    }
    ret = store_commit(st);
cleanup:
    if (ret < 0) {
        store_rollback(st);
        *id = 0;
    }
    return ret;
}
