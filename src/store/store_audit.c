/* The audit trail: one way to write an entry (every write path uses it), and reading it. */
#include <string.h>

#include "store_int.h"
#include "base/err.h"
#include "base/banned.h"

static const char sql_add[] = "INSERT INTO audit (at, actor, action, kind, entity, before, after) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_list[] = "SELECT id, at, actor, action, kind, entity, before, after "
                               "FROM audit WHERE kind = ?1 AND entity = "
                               "CASE ?1 WHEN 'user' THEN lower(?2) ELSE ?2 END ORDER BY id";

int store_audit_add(struct store *st, const char *at, const char *actor, const char *action,
                    const char *kind, const char *entity, const struct buf *before,
                    const struct buf *after)
{
    const struct buf *state[] = {before, after};
    char now[STORE_TIME_LEN + 1];
    struct db_stmt *stmt;
    int ret;

    if ((before && buf_failed(before)) || (after && buf_failed(after))) {
        return ERR_TOO_BIG;
    }
    if (!at) {
        store_now(now);
        at = now;
    }
    if ((ret = store_prepare(st, sql_add, &stmt)) < 0) {
        return ret;
    }
    db_bind_text_copy(stmt, 1, at);
    db_bind_text(stmt, 2, actor);
    db_bind_text(stmt, 3, action);
    db_bind_text(stmt, 4, kind);
    db_bind_text(stmt, 5, entity);
    for (int i = 0; i < 2; i++) {
        if (state[i]) {
            db_bind_text(stmt, 6 + i, state[i]->data); /* NUL-terminated, JSON holds no NUL */
        }
    }
    return store_run(st, stmt);
}

static void read_entry(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct audit_entry *e = item;

    e->id = db_column_int64(stmt, 0);
    e->at = store_col(stmt, 1, arena);
    e->actor = store_col(stmt, 2, arena);
    e->action = store_col(stmt, 3, arena);
    e->kind = store_col(stmt, 4, arena);
    e->entity = store_col(stmt, 5, arena);
    e->before = store_col(stmt, 6, arena);
    e->after = store_col(stmt, 7, arena);
}

int store_audit_list(struct store *st, const char *kind, const char *entity, struct arena *arena,
                     struct audit_entry **items, size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_list, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, kind);
    db_bind_text(stmt, 2, entity);
    return store_rows(st, stmt, arena, sizeof(**items), read_entry, items, n);
}
