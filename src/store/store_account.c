/* Users, the server key, sessions, API tokens and sign-in failures. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "codec/json_audit.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define USER_COLUMNS STORE_USER_COLUMNS
#define TOKEN_COLUMNS                                                                              \
    "SELECT t.id, u.email, t.label, t.created_at, t.revoked_at FROM api_token t "                  \
    "JOIN \"user\" u ON u.id = t.user_id "

static const char sql_key_make[] =
    "INSERT INTO server_key (id, key) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING";
static const char sql_key_get[] = "SELECT key FROM server_key WHERE id = 1";
static const char sql_user_add[] =
    "INSERT INTO \"user\" (email, name, role, org_id, password_hash, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
static const char sql_user_by_email[] =
    "SELECT " USER_COLUMNS ", u.password_hash FROM \"user\" u WHERE u.email = ?1";
static const char sql_user_list[] = "SELECT " USER_COLUMNS " FROM \"user\" u ORDER BY u.email";
static const char sql_user_coordinators[] =
    "SELECT " USER_COLUMNS " FROM compact_coordinator cc JOIN \"user\" u ON u.id = cc.user_id "
    "WHERE cc.compact_id = ?1 ORDER BY u.email";
static const char sql_user_disable[] =
    "UPDATE \"user\" SET disabled = 1 WHERE email = ?1 AND disabled = 0";
static const char sql_user_sessions_end[] =
    "DELETE FROM session WHERE user_id = (SELECT id FROM \"user\" WHERE email = ?1)";
static const char sql_user_tokens_revoke[] =
    "UPDATE api_token SET revoked_at = ?2 WHERE revoked_at IS NULL AND "
    "user_id = (SELECT id FROM \"user\" WHERE email = ?1)";
static const char sql_session_add[] =
    "INSERT INTO session (id_hash, user_id, created_at, seen_at) VALUES (?1, ?2, ?3, ?3)";
static const char sql_session_user[] =
    "SELECT " USER_COLUMNS ", s.seen_at FROM session s JOIN \"user\" u ON u.id = s.user_id "
    "WHERE s.id_hash = ?1 AND s.created_at > ?2 AND s.seen_at > ?3 AND u.disabled = 0";
static const char sql_session_touch[] =
    "UPDATE session SET seen_at = ?2 WHERE id_hash = ?1 AND seen_at <= ?2 - ?3";
static const char sql_session_delete[] = "DELETE FROM session WHERE id_hash = ?1";
static const char sql_token_add[] = "INSERT INTO api_token (user_id, token_hash, label, "
                                    "created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id";
static const char sql_token_get[] = TOKEN_COLUMNS "WHERE t.id = ?1";
static const char sql_token_user[] =
    "SELECT " USER_COLUMNS " FROM api_token t JOIN \"user\" u ON u.id = t.user_id "
    "WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND u.disabled = 0";
static const char sql_token_list[] =
    TOKEN_COLUMNS "WHERE CAST(?1 AS TEXT) IS NULL OR u.email = ?1 ORDER BY t.id DESC";
static const char sql_token_revoke[] =
    "UPDATE api_token SET revoked_at = ?3 WHERE id = ?1 AND revoked_at IS NULL AND "
    "(?2 = 0 OR user_id = ?2)";
static const char sql_failures[] =
    "SELECT count(*), max(at) FROM login_failure WHERE key = ?1 AND at > ?2";
static const char sql_failure_add[] = "INSERT INTO login_failure (key, at) VALUES (?1, ?2)";
static const char sql_failure_clear[] = "DELETE FROM login_failure WHERE key = ?1";
static const char sql_failure_purge[] = "DELETE FROM login_failure WHERE at <= ?1";
static const char sql_session_purge[] =
    "DELETE FROM session WHERE created_at <= ?1 OR seen_at <= ?2";

void store_user_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct user *u = item;
    const char *role = (const char *)db_column_text(stmt, 3);
    enum role r;
    u->id = db_column_int64(stmt, 0);
    u->email = store_col(stmt, 1, arena);
    u->name = store_col(stmt, 2, arena);
    u->role = role && role_parse(role, &r) == 0 ? r : ROLE_PUBLIC;
    u->org_id = store_col(stmt, 4, arena);
    u->disabled = db_column_int(stmt, 5);
    u->created_at = store_col(stmt, 6, arena);
}

/* The stored server key into key: 0, ERR_NOT_FOUND when there is none of SECRET_BYTES, or
 * another enum err. */
static int key_get(struct store *st, unsigned char key[SECRET_BYTES])
{
    struct db_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(st, sql_key_get, &stmt)) < 0) {
        return ret;
    }
    rc = store_step(st, stmt);
    if (rc == DB_ROW && db_column_bytes(stmt, 0) == SECRET_BYTES) {
        memcpy(key, db_column_blob(stmt, 0), SECRET_BYTES);
        ret = 0;
    } else {
        ret = rc == DB_ROW || rc == DB_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

int store_server_key(struct store *st, unsigned char key[SECRET_BYTES])
{
    unsigned char fresh[SECRET_BYTES];
    struct db_stmt *stmt;
    int ret;

    if ((ret = key_get(st, key)) != ERR_NOT_FOUND) {
        return ret;
    }
    /* None yet: make one; a racing process's wins and is read back. */
    secret_random(fresh, sizeof(fresh));
    if ((ret = store_prepare(st, sql_key_make, &stmt)) < 0) {
        return ret;
    }
    db_bind_blob_copy(stmt, 1, fresh, sizeof(fresh));
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    ret = key_get(st, key);
    return ret == ERR_NOT_FOUND ? ERR_DB : ret;
}

/* The snapshot of user email as the audit trail keeps it, into out. */
static int user_snapshot(struct store *st, const char *email, struct buf *out)
{
    struct arena arena;
    struct user u;
    int ret;

    arena_init(&arena);
    if ((ret = store_user_by_email(st, email, &arena, &u, NULL)) == 0) {
        json_audit_user(out, &u);
    }
    arena_release(&arena);
    return ret;
}

/* Append the audit entry of user email's state now; before may be NULL. A user's entity is
 * their email in lower case, so any spelling finds their history. */
static int audit_user(struct store *st, const char *actor, const char *action, const char *email,
                      const struct buf *before)
{
    struct buf after = BUF_INIT;
    char *entity = NULL;
    int ret;

    if ((ret = user_snapshot(st, email, &after)) == 0) {
        entity = xstrdup(email);
        for (char *p = entity; *p; p++) {
            *p = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
        }
        ret = store_audit_add(st, NULL, actor, action, "user", entity, before, &after);
    }
    free(entity);
    buf_release(&after);
    return ret;
}

int store_user_add(struct store *st, const struct user *u, const char *password_hash,
                   const char *actor, long long *id)
{
    struct db_stmt *stmt;
    int ret;

    *id = 0;
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_user_add, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_text(stmt, 1, u->email);
    db_bind_text(stmt, 2, u->name);
    db_bind_text(stmt, 3, role_id(u->role));
    store_bind_text(stmt, 4, u->org_id);
    store_bind_text(stmt, 5, password_hash);
    store_bind_now(stmt, 6);
    if ((ret = store_run_id(st, stmt, id)) == 0) {
        ret = audit_user(st, actor, "create", u->email, NULL);
    }
cleanup:
    if ((ret = store_end(st, ret)) < 0) {
        *id = 0;
    }
    return ret;
}

int store_user_by_email(struct store *st, const char *email, struct arena *arena, struct user *out,
                        const char **password_hash)
{
    struct db_stmt *stmt;
    int ret, rc;

    memset(out, 0, sizeof(*out));
    if (password_hash) {
        *password_hash = NULL;
    }
    if ((ret = store_prepare(st, sql_user_by_email, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, email);
    rc = store_step(st, stmt);
    if (rc == DB_ROW) {
        store_user_row(stmt, arena, out);
        if (password_hash) {
            *password_hash = store_col(stmt, 7, arena);
        }
        ret = 0;
    } else {
        ret = rc == DB_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

int store_user_list(struct store *st, struct arena *arena, struct user **items, size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_user_list, &stmt)) < 0) {
        return ret;
    }
    return store_rows(st, stmt, arena, sizeof(**items), store_user_row, items, n);
}

int store_user_coordinators(struct store *st, long long compact_id, struct arena *arena,
                            struct user **items, size_t *n)
{
    return store_rows_of(st, sql_user_coordinators, compact_id, arena, sizeof(**items),
                         store_user_row, items, n);
}

static void read_token(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct api_token *t = item;
    t->id = db_column_int64(stmt, 0);
    t->email = store_col(stmt, 1, arena);
    t->label = store_col(stmt, 2, arena);
    t->created_at = store_col(stmt, 3, arena);
    t->revoked_at = store_col(stmt, 4, arena);
}

/* The audit entry of token t's creation (revoked_at NULL) or of its revocation at revoked_at:
 * only a valid token is revoked, so its before is t unrevoked. */
static int audit_token(struct store *st, const char *actor, const struct api_token *t,
                       const char *revoked_at)
{
    struct api_token state = *t;
    struct buf before = BUF_INIT, after = BUF_INIT;
    char entity[STORE_ID_LEN];
    int ret;

    state.revoked_at = NULL;
    if (revoked_at) {
        json_audit_token(&before, &state);
    }
    state.revoked_at = revoked_at;
    json_audit_token(&after, &state);
    ret = store_audit_add(st, NULL, actor, revoked_at ? "revoke" : "create", "api_token",
                          store_id_text(t->id, entity), revoked_at ? &before : NULL, &after);
    buf_release(&before);
    buf_release(&after);
    return ret;
}

/* audit_token for the token with id, as stored. */
static int audit_token_id(struct store *st, const char *actor, long long id, const char *revoked_at)
{
    struct arena arena;
    struct api_token t;
    int ret;

    arena_init(&arena);
    if ((ret = store_row_of(st, sql_token_get, id, &arena, read_token, &t)) == 0) {
        ret = audit_token(st, actor, &t, revoked_at);
    }
    arena_release(&arena);
    return ret;
}

/* Revoke every valid token of user email at now, each with its audit entry. */
static int revoke_user_tokens(struct store *st, const char *email, const char *actor,
                              const char *now)
{
    struct arena arena;
    struct api_token *tokens;
    struct db_stmt *stmt;
    size_t n;
    int ret;

    arena_init(&arena);
    if ((ret = store_token_list(st, email, &arena, &tokens, &n)) < 0) {
        goto cleanup;
    }
    for (size_t i = n; i-- > 0;) { /* oldest first */
        if (!tokens[i].revoked_at && (ret = audit_token(st, actor, &tokens[i], now)) < 0) {
            goto cleanup;
        }
    }
    if ((ret = store_prepare(st, sql_user_tokens_revoke, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_text(stmt, 1, email);
    db_bind_text(stmt, 2, now);
    ret = store_run(st, stmt);
cleanup:
    arena_release(&arena);
    return ret;
}

int store_user_disable(struct store *st, const char *email, const char *actor)
{
    struct buf before = BUF_INIT;
    struct db_stmt *stmt;
    char now[STORE_TIME_LEN + 1];
    int ret;

    store_now(now);
    if ((ret = store_begin(st)) < 0) {
        goto cleanup;
    }
    if ((ret = user_snapshot(st, email, &before)) < 0) {
        goto cleanup;
    }
    if ((ret = store_prepare(st, sql_user_disable, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_text(stmt, 1, email);
    if ((ret = store_run(st, stmt)) < 0) {
        goto cleanup;
    }
    if (db_changes(st->db) != 1) {
        ret = ERR_CONFLICT; /* disabled already */
        goto cleanup;
    }
    if ((ret = store_prepare(st, sql_user_sessions_end, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_text(stmt, 1, email);
    if ((ret = store_run(st, stmt)) == 0 &&
        (ret = revoke_user_tokens(st, email, actor, now)) == 0) {
        ret = audit_user(st, actor, "disable", email, &before);
    }
cleanup:
    ret = store_end(st, ret);
    buf_release(&before);
    return ret;
}

int store_session_add(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                      long long user_id, long long now)
{
    struct db_stmt *stmt;
    int ret = store_prepare(st, sql_session_add, &stmt);
    if (ret < 0) {
        return ret;
    }
    db_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES);
    db_bind_int64(stmt, 2, user_id);
    db_bind_int64(stmt, 3, now);
    return store_run(st, stmt);
}

/* A session's person and when it was last marked seen (sql_session_user's last column). */
struct session_row {
    struct user *user;
    long long seen_at;
};

static void session_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct session_row *s = item;
    store_user_row(stmt, arena, s->user);
    s->seen_at = db_column_int64(stmt, 7);
}

int store_session_user(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                       long long created_after, long long seen_after, long long now,
                       struct arena *arena, struct user *out)
{
    struct session_row row = {out, 0};
    struct db_stmt *stmt;
    long long slack;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_session_user, &stmt)) < 0) {
        return ret;
    }
    db_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES);
    db_bind_int64(stmt, 2, created_after);
    db_bind_int64(stmt, 3, seen_after);
    if ((ret = store_row(st, stmt, arena, session_row, &row)) < 0) {
        return ret;
    }
    /* Mark it seen at most once a minute (or twice per idle period, if shorter): a write on
     * every request would also move the database's version and empty the reply caches. Not
     * even tried when the row read says it is not due: an UPDATE that changes nothing still
     * takes the write lock (the most of a signed-in request's own cost on SQLite). */
    slack = (now - seen_after) / 2 < 60 ? (now - seen_after) / 2 : 60;
    if (row.seen_at > now - slack) {
        return 0;
    }
    if ((ret = store_prepare(st, sql_session_touch, &stmt)) < 0) {
        return ret;
    }
    db_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES);
    db_bind_int64(stmt, 2, now);
    db_bind_int64(stmt, 3, slack);
    /* while another writer holds the database, a later request marks it: a busy moment must
     * not sign anybody out */
    return (ret = store_run(st, stmt)) == ERR_BUSY ? 0 : ret;
}

int store_session_delete(struct store *st, const unsigned char hash[SECRET_HASH_BYTES])
{
    struct db_stmt *stmt;
    int ret = store_prepare(st, sql_session_delete, &stmt);
    if (ret < 0) {
        return ret;
    }
    db_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES);
    return store_run(st, stmt);
}

int store_token_add(struct store *st, long long user_id,
                    const unsigned char hash[SECRET_HASH_BYTES], const char *label,
                    const char *actor, long long *id)
{
    struct db_stmt *stmt;
    int ret;

    *id = 0;
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_token_add, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, user_id);
    db_bind_blob(stmt, 2, hash, SECRET_HASH_BYTES);
    db_bind_text(stmt, 3, label);
    store_bind_now(stmt, 4);
    if ((ret = store_run_id(st, stmt, id)) == 0) {
        ret = audit_token_id(st, actor, *id, NULL);
    }
cleanup:
    if ((ret = store_end(st, ret)) < 0) {
        *id = 0;
    }
    return ret;
}

int store_token_user(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                     struct arena *arena, struct user *out)
{
    struct db_stmt *stmt;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_token_user, &stmt)) < 0) {
        return ret;
    }
    db_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES);
    return store_row(st, stmt, arena, store_user_row, out);
}

int store_token_list(struct store *st, const char *email, struct arena *arena,
                     struct api_token **items, size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_token_list, &stmt)) < 0) {
        return ret;
    }
    if (email) {
        db_bind_text(stmt, 1, email);
    }
    return store_rows(st, stmt, arena, sizeof(**items), read_token, items, n);
}

int store_token_revoke(struct store *st, long long id, long long owner, const char *actor)
{
    struct db_stmt *stmt;
    char now[STORE_TIME_LEN + 1];
    int ret;

    store_now(now);
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_token_revoke, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_int64(stmt, 2, owner);
    db_bind_text(stmt, 3, now);
    if ((ret = store_run(st, stmt)) < 0) {
        goto cleanup;
    }
    if (db_changes(st->db) != 1) {
        ret = ERR_NOT_FOUND;
        goto cleanup;
    }
    ret = audit_token_id(st, actor, id, now);
cleanup:
    return store_end(st, ret);
}

int store_login_failures(struct store *st, const char *key, long long since, size_t *count,
                         long long *last)
{
    struct db_stmt *stmt;
    int ret, rc;

    *count = 0;
    *last = 0;
    if ((ret = store_prepare(st, sql_failures, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, key);
    db_bind_int64(stmt, 2, since);
    rc = store_step(st, stmt);
    if (rc == DB_ROW) {
        *count = (size_t)db_column_int64(stmt, 0);
        *last = db_column_int64(stmt, 1);
        ret = 0;
    } else {
        ret = store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

int store_login_failure_add(struct store *st, const char *key, long long now)
{
    struct db_stmt *stmt;
    int ret = store_prepare(st, sql_failure_add, &stmt);
    if (ret < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, key);
    db_bind_int64(stmt, 2, now);
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    /* no limit looks further back than LOGIN_WINDOW */
    if ((ret = store_prepare(st, sql_failure_purge, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, now - LOGIN_WINDOW);
    return store_run(st, stmt);
}

int store_session_purge(struct store *st, long long created_before, long long seen_before)
{
    struct db_stmt *stmt;
    int ret = store_prepare(st, sql_session_purge, &stmt);
    if (ret < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, created_before);
    db_bind_int64(stmt, 2, seen_before);
    return store_run(st, stmt);
}

int store_login_failure_clear(struct store *st, const char *key)
{
    struct db_stmt *stmt;
    int ret = store_prepare(st, sql_failure_clear, &stmt);
    if (ret < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, key);
    return store_run(st, stmt);
}
