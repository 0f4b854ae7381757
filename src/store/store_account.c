/* Users, the server key, sessions, API tokens and sign-in failures. */
#include <string.h>

#include "store_int.h"
#include "base/err.h"
#include "base/banned.h"

#define USER_JSON                                                                                  \
    "json_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role, 'org_id', "         \
    "u.org_id, 'disabled', json(CASE u.disabled WHEN 1 THEN 'true' ELSE 'false' END), "            \
    "'created_at', u.created_at)"
#define USER_COLUMNS "u.id, u.email, u.name, u.role, u.org_id, u.disabled, u.created_at"

static const char sql_key_make[] = "INSERT OR IGNORE INTO server_key (id, key) VALUES (1, ?1)";
static const char sql_key_get[] = "SELECT key FROM server_key WHERE id = 1";
static const char sql_user_add[] =
    "INSERT INTO user (email, name, role, org_id, password_hash, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, " SQL_NOW_UTC ")";
static const char sql_user_by_email[] =
    "SELECT " USER_COLUMNS ", u.password_hash FROM user u WHERE u.email = ?1";
static const char sql_user_list[] = "SELECT " USER_COLUMNS " FROM user u ORDER BY u.email";
static const char sql_user_json[] = "SELECT " USER_JSON " FROM user u WHERE u.email = ?1";
static const char sql_user_disable[] =
    "UPDATE user SET disabled = 1 WHERE email = ?1 AND disabled = 0";
static const char sql_user_sessions_end[] =
    "DELETE FROM session WHERE user_id = (SELECT id FROM user WHERE email = ?1)";
#define TOKEN_JSON(revoked)                                                                        \
    "json_object('id', t.id, 'email', u.email, 'label', t.label, 'created_at', t.created_at, "     \
    "'revoked_at', " revoked ")"
static const char sql_audit_user_tokens[] =
    "INSERT INTO audit (at, actor, action, kind, entity, before, after) "
    "SELECT " SQL_NOW_UTC
    ", ?2, 'revoke', 'api_token', t.id, " TOKEN_JSON("t.revoked_at") ", " TOKEN_JSON(
        SQL_NOW_UTC) " FROM api_token t JOIN user u ON u.id = t.user_id "
                     "WHERE u.email = ?1 AND t.revoked_at IS NULL";
static const char sql_user_tokens_revoke[] =
    "UPDATE api_token SET revoked_at = " SQL_NOW_UTC " WHERE revoked_at IS NULL AND "
    "user_id = (SELECT id FROM user WHERE email = ?1)";
static const char sql_audit_user[] =
    "INSERT INTO audit (at, actor, action, kind, entity, before, after) "
    "SELECT " SQL_NOW_UTC ", ?1, ?2, 'user', lower(u.email), ?3, " USER_JSON
    " FROM user u WHERE u.email = ?4";
static const char sql_session_add[] =
    "INSERT INTO session (id_hash, user_id, created_at, seen_at) VALUES (?1, ?2, ?3, ?3)";
static const char sql_session_user[] =
    "SELECT " USER_COLUMNS " FROM session s JOIN user u ON u.id = s.user_id "
    "WHERE s.id_hash = ?1 AND s.created_at > ?2 AND s.seen_at > ?3 AND u.disabled = 0";
static const char sql_session_touch[] =
    "UPDATE session SET seen_at = ?2 WHERE id_hash = ?1 AND seen_at <= ?2 - ?3";
static const char sql_session_delete[] = "DELETE FROM session WHERE id_hash = ?1";
static const char sql_token_add[] = "INSERT INTO api_token (user_id, token_hash, label, "
                                    "created_at) VALUES (?1, ?2, ?3, " SQL_NOW_UTC ")";
/* A revocation's before state is the token unrevoked: only an unrevoked one is revoked. */
static const char sql_audit_token[] =
    "INSERT INTO audit (at, actor, action, kind, entity, before, after) "
    "SELECT " SQL_NOW_UTC ", ?1, ?2, 'api_token', t.id, "
    "CASE ?2 WHEN 'revoke' THEN " TOKEN_JSON("NULL") " END, " TOKEN_JSON(
        "t.revoked_at") " FROM api_token t JOIN user u ON u.id = t.user_id WHERE t.id = ?3";
static const char sql_token_user[] =
    "SELECT " USER_COLUMNS " FROM api_token t JOIN user u ON u.id = t.user_id "
    "WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND u.disabled = 0";
static const char sql_token_list[] =
    "SELECT t.id, u.email, t.label, t.created_at, t.revoked_at FROM api_token t "
    "JOIN user u ON u.id = t.user_id WHERE ?1 IS NULL OR u.email = ?1 ORDER BY t.id DESC";
static const char sql_token_revoke[] =
    "UPDATE api_token SET revoked_at = " SQL_NOW_UTC
    " WHERE id = ?1 AND revoked_at IS NULL AND (?2 = 0 OR user_id = ?2)";
static const char sql_failures[] =
    "SELECT count(*), min(at) FROM login_failure WHERE key = ?1 AND at > ?2";
static const char sql_failure_add[] = "INSERT INTO login_failure (key, at) VALUES (?1, ?2)";
static const char sql_failure_clear[] = "DELETE FROM login_failure WHERE key = ?1";
static const char sql_failure_purge[] = "DELETE FROM login_failure WHERE at < ?1 - 86400";
static const char sql_session_purge[] =
    "DELETE FROM session WHERE created_at <= ?1 OR seen_at <= ?2";

static void read_user(sqlite3_stmt *stmt, struct arena *arena, struct user *u)
{
    const char *role = (const char *)sqlite3_column_text(stmt, 3);
    enum role r;
    u->id = sqlite3_column_int64(stmt, 0);
    u->email = store_col(stmt, 1, arena);
    u->name = store_col(stmt, 2, arena);
    u->role = role && role_parse(role, &r) == 0 ? r : ROLE_PUBLIC;
    u->org_id = store_col(stmt, 4, arena);
    u->disabled = sqlite3_column_int(stmt, 5);
    u->created_at = store_col(stmt, 6, arena);
}

int store_server_key(struct store *st, unsigned char key[SECRET_BYTES])
{
    unsigned char fresh[SECRET_BYTES];
    sqlite3_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(st, sql_key_get, &stmt)) < 0) {
        return ret;
    }
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == SECRET_BYTES) {
        memcpy(key, sqlite3_column_blob(stmt, 0), SECRET_BYTES);
        store_done(stmt);
        return 0;
    }
    store_done(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        return store_fail(st, rc);
    }
    /* None yet: make one; a racing process's wins and is read back. */
    secret_random(fresh, sizeof(fresh));
    if ((ret = store_prepare(st, sql_key_make, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_blob(stmt, 1, fresh, sizeof(fresh), SQLITE_TRANSIENT);
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_key_get, &stmt)) < 0) {
        return ret;
    }
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == SECRET_BYTES) {
        memcpy(key, sqlite3_column_blob(stmt, 0), SECRET_BYTES);
        ret = 0;
    } else {
        ret = store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

/* Append the audit entry of user email's state now; before may be NULL. */
static int audit_user(struct store *st, const char *actor, const char *action, const char *email,
                      const char *before)
{
    sqlite3_stmt *stmt;
    int ret = store_prepare(st, sql_audit_user, &stmt);
    if (ret < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, action, -1, SQLITE_STATIC);
    if (before) {
        sqlite3_bind_text(stmt, 3, before, -1, SQLITE_STATIC);
    }
    sqlite3_bind_text(stmt, 4, email, -1, SQLITE_STATIC);
    return store_run(st, stmt);
}

int store_user_add(struct store *st, const struct user *u, const char *password_hash,
                   const char *actor, long long *id)
{
    sqlite3_stmt *stmt;
    int ret;

    *id = 0;
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_user_add, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_text(stmt, 1, u->email, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, u->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, role_id(u->role), -1, SQLITE_STATIC);
    if (u->org_id) {
        sqlite3_bind_text(stmt, 4, u->org_id, -1, SQLITE_STATIC);
    }
    if (password_hash) {
        sqlite3_bind_text(stmt, 5, password_hash, -1, SQLITE_STATIC);
    }
    if ((ret = store_run(st, stmt)) < 0) {
        goto cleanup;
    }
    *id = sqlite3_last_insert_rowid(st->db);
    if ((ret = audit_user(st, actor, "create", u->email, NULL)) < 0) {
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

int store_user_by_email(struct store *st, const char *email, struct arena *arena, struct user *out,
                        const char **password_hash)
{
    sqlite3_stmt *stmt;
    int ret, rc;

    memset(out, 0, sizeof(*out));
    if (password_hash) {
        *password_hash = NULL;
    }
    if ((ret = store_prepare(st, sql_user_by_email, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, email, -1, SQLITE_STATIC);
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW) {
        read_user(stmt, arena, out);
        if (password_hash) {
            *password_hash = store_col(stmt, 7, arena);
        }
        ret = 0;
    } else {
        ret = rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

int store_user_list(struct store *st, struct arena *arena, struct user **items, size_t *n)
{
    sqlite3_stmt *stmt;
    struct user *v = NULL;
    size_t len = 0, cap = 0;
    int ret, rc;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_user_list, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == SQLITE_ROW) {
        if (len == cap) {
            struct user *nv = arena_alloc(arena, (cap = cap ? cap * 2 : 16) * sizeof(*nv));
            if (len) {
                memcpy(nv, v, len * sizeof(*nv));
            }
            v = nv;
        }
        read_user(stmt, arena, &v[len++]);
    }
    ret = store_err(st, rc);
    store_done(stmt);
    if (!ret) {
        *items = v;
        *n = len;
    }
    return ret;
}

int store_user_disable(struct store *st, const char *email, const char *actor)
{
    static const char *const steps[] = {sql_user_sessions_end, sql_audit_user_tokens,
                                        sql_user_tokens_revoke};
    struct arena arena;
    sqlite3_stmt *stmt;
    const char *before = NULL;
    int ret;

    arena_init(&arena);
    if ((ret = store_begin(st)) < 0) {
        goto cleanup;
    }
    if ((ret = store_prepare(st, sql_user_json, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_text(stmt, 1, email, -1, SQLITE_STATIC);
    if ((ret = store_row_text(st, stmt, &arena, &before)) < 0) {
        goto cleanup;
    }
    if ((ret = store_prepare(st, sql_user_disable, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_text(stmt, 1, email, -1, SQLITE_STATIC);
    if ((ret = store_run(st, stmt)) < 0) {
        goto cleanup;
    }
    if (sqlite3_changes(st->db) != 1) {
        ret = ERR_CONFLICT; /* disabled already */
        goto cleanup;
    }
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        if ((ret = store_prepare(st, steps[i], &stmt)) < 0) {
            goto cleanup;
        }
        sqlite3_bind_text(stmt, 1, email, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, actor, -1, SQLITE_STATIC);
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
    if ((ret = audit_user(st, actor, "disable", email, before)) < 0) {
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

int store_session_add(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                      long long user_id, long long now)
{
    sqlite3_stmt *stmt;
    int ret = store_prepare(st, sql_session_add, &stmt);
    if (ret < 0) {
        return ret;
    }
    sqlite3_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, user_id);
    sqlite3_bind_int64(stmt, 3, now);
    return store_run(st, stmt);
}

int store_session_user(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                       long long created_after, long long seen_after, long long now,
                       struct arena *arena, struct user *out)
{
    sqlite3_stmt *stmt;
    long long slack;
    int ret, rc;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_session_user, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, created_after);
    sqlite3_bind_int64(stmt, 3, seen_after);
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW) {
        read_user(stmt, arena, out);
        ret = 0;
    } else {
        ret = rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    }
    store_done(stmt);
    if (ret < 0) {
        return ret;
    }
    /* Mark it seen at most once a minute (or twice per idle period, if shorter): a write on
     * every request would also move the database's version and empty the reply caches. */
    slack = (now - seen_after) / 2 < 60 ? (now - seen_after) / 2 : 60;
    if ((ret = store_prepare(st, sql_session_touch, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, now);
    sqlite3_bind_int64(stmt, 3, slack);
    return store_run(st, stmt);
}

int store_session_delete(struct store *st, const unsigned char hash[SECRET_HASH_BYTES])
{
    sqlite3_stmt *stmt;
    int ret = store_prepare(st, sql_session_delete, &stmt);
    if (ret < 0) {
        return ret;
    }
    sqlite3_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES, SQLITE_STATIC);
    return store_run(st, stmt);
}

static int audit_token(struct store *st, const char *actor, const char *action, long long id)
{
    sqlite3_stmt *stmt;
    int ret = store_prepare(st, sql_audit_token, &stmt);
    if (ret < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, action, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, id);
    return store_run(st, stmt);
}

int store_token_add(struct store *st, long long user_id,
                    const unsigned char hash[SECRET_HASH_BYTES], const char *label,
                    const char *actor, long long *id)
{
    sqlite3_stmt *stmt;
    int ret;

    *id = 0;
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_token_add, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_int64(stmt, 1, user_id);
    sqlite3_bind_blob(stmt, 2, hash, SECRET_HASH_BYTES, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, label, -1, SQLITE_STATIC);
    if ((ret = store_run(st, stmt)) < 0) {
        goto cleanup;
    }
    *id = sqlite3_last_insert_rowid(st->db);
    if ((ret = audit_token(st, actor, "create", *id)) < 0) {
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

int store_token_user(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                     struct arena *arena, struct user *out)
{
    sqlite3_stmt *stmt;
    int ret, rc;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_token_user, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES, SQLITE_STATIC);
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW) {
        read_user(stmt, arena, out);
        ret = 0;
    } else {
        ret = rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

int store_token_list(struct store *st, const char *email, struct arena *arena,
                     struct api_token **items, size_t *n)
{
    sqlite3_stmt *stmt;
    struct api_token *v = NULL;
    size_t len = 0, cap = 0;
    int ret, rc;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_token_list, &stmt)) < 0) {
        return ret;
    }
    if (email) {
        sqlite3_bind_text(stmt, 1, email, -1, SQLITE_STATIC);
    }
    while ((rc = store_step(st, stmt)) == SQLITE_ROW) {
        if (len == cap) {
            struct api_token *nv = arena_alloc(arena, (cap = cap ? cap * 2 : 16) * sizeof(*nv));
            if (len) {
                memcpy(nv, v, len * sizeof(*nv));
            }
            v = nv;
        }
        v[len].id = sqlite3_column_int64(stmt, 0);
        v[len].email = store_col(stmt, 1, arena);
        v[len].label = store_col(stmt, 2, arena);
        v[len].created_at = store_col(stmt, 3, arena);
        v[len].revoked_at = store_col(stmt, 4, arena);
        len++;
    }
    ret = store_err(st, rc);
    store_done(stmt);
    if (!ret) {
        *items = v;
        *n = len;
    }
    return ret;
}

int store_token_revoke(struct store *st, long long id, long long owner, const char *actor)
{
    sqlite3_stmt *stmt;
    int ret;

    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_token_revoke, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_int64(stmt, 2, owner);
    if ((ret = store_run(st, stmt)) < 0) {
        goto cleanup;
    }
    if (sqlite3_changes(st->db) != 1) {
        ret = ERR_NOT_FOUND;
        goto cleanup;
    }
    if ((ret = audit_token(st, actor, "revoke", id)) < 0) {
        goto cleanup;
    }
    ret = store_commit(st);
cleanup:
    if (ret < 0) {
        store_rollback(st);
    }
    return ret;
}

int store_login_failures(struct store *st, const char *key, long long since, size_t *count,
                         long long *oldest)
{
    sqlite3_stmt *stmt;
    int ret, rc;

    *count = 0;
    *oldest = 0;
    if ((ret = store_prepare(st, sql_failures, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, since);
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW) {
        *count = (size_t)sqlite3_column_int64(stmt, 0);
        *oldest = sqlite3_column_int64(stmt, 1);
        ret = 0;
    } else {
        ret = store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

int store_login_failure_add(struct store *st, const char *key, long long now)
{
    sqlite3_stmt *stmt;
    int ret = store_prepare(st, sql_failure_add, &stmt);
    if (ret < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, now);
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    /* a day's failures are more than any limit looks at */
    if ((ret = store_prepare(st, sql_failure_purge, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_int64(stmt, 1, now);
    return store_run(st, stmt);
}

int store_session_purge(struct store *st, long long created_before, long long seen_before)
{
    sqlite3_stmt *stmt;
    int ret = store_prepare(st, sql_session_purge, &stmt);
    if (ret < 0) {
        return ret;
    }
    sqlite3_bind_int64(stmt, 1, created_before);
    sqlite3_bind_int64(stmt, 2, seen_before);
    return store_run(st, stmt);
}

int store_login_failure_clear(struct store *st, const char *key)
{
    sqlite3_stmt *stmt;
    int ret = store_prepare(st, sql_failure_clear, &stmt);
    if (ret < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    return store_run(st, stmt);
}
