/* Signatories of a Compact: organisations that signed it on a date, and withdrew. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "codec/json_audit.h"
#include "base/err.h"
#include "base/banned.h"

/*
 * A reference to a Compact: its number or its exact unique name. The rank (the second column)
 * tells the kinds apart, so two rows of the last rank are an ambiguous name. (An organisation's:
 * store_organisation_find.)
 */
static const char sql_compact_ref[] =
    "SELECT id, 1 FROM compact WHERE id = ?2 "
    "UNION ALL SELECT * FROM (SELECT id, 2 FROM compact "
    "WHERE name_norm = lower(?1) AND name = ?1 LIMIT 2) AS by_name ORDER BY 2";

static const char sql_add[] = "INSERT INTO signatory (compact_id, organisation_id, signed_on, "
                              "role, withdrawn_on) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
/* Around the insert that may conflict: PostgreSQL aborts the whole transaction on a failed
 * statement, so a caller's transaction goes on only after a rollback to this savepoint. */
static const char sql_savepoint[] = "SAVEPOINT signatory_insert";
static const char sql_release[] = "RELEASE SAVEPOINT signatory_insert";
static const char sql_rollback_to[] = "ROLLBACK TO SAVEPOINT signatory_insert";
static const char sql_withdraw[] = "UPDATE signatory SET withdrawn_on = ?2 WHERE id = ?1";

#define SIGNATORY_COLUMNS "SELECT " STORE_SIGNATORY_COLUMNS " " STORE_SIGNATORY_FROM " "
static const char sql_get[] = SIGNATORY_COLUMNS "WHERE s.id = ?1 AND s.compact_id = ?2";
static const char sql_list[] =
    SIGNATORY_COLUMNS "WHERE s.compact_id = ?1 ORDER BY " STORE_SIGNATORY_ORDER;
static const char sql_list_org[] =
    SIGNATORY_COLUMNS "WHERE s.organisation_id = ?1 ORDER BY s.withdrawn_on IS NOT NULL, "
                      "s.withdrawn_on, s.signed_on, c.name_norm, s.id";

/* ref as a positive whole number, or 0. */
static long long number_of(const char *ref)
{
    char *end;
    long long v;

    if (!ref || *ref < '0' || *ref > '9') {
        return 0;
    }
    errno = 0;
    v = strtoll(ref, &end, 10);
    return *end || errno || v <= 0 ? 0 : v;
}

/* The id that ref (?1, NULL for none) or number (?2, 0 for none) names through sql:
 * ERR_NOT_FOUND, or ERR_CONFLICT for a name several share. */
static int resolve(struct store *st, const char *sql, const char *ref, long long number,
                   long long *id)
{
    struct db_stmt *stmt;
    int ret;

    *id = 0;
    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, ref);
    if (number) {
        db_bind_int64(stmt, 2, number);
    }
    return store_row_ranked(st, stmt, id);
}

/* The audit entry of signatory id of Compact compact_id as it now stands (kind 'compact', the
 * Compact's id): action "sign" or "withdraw", with before. */
static int audit(struct store *st, long long compact_id, long long id, const char *actor,
                 const char *action, const struct buf *before)
{
    struct arena arena;
    struct buf after = BUF_INIT;
    struct signatory s;
    char entity[STORE_ID_LEN];
    int ret;

    arena_init(&arena);
    if ((ret = store_signatory_get(st, compact_id, id, &arena, &s)) == 0) {
        json_audit_signatory(&after, &s);
        ret = store_audit_add(st, NULL, actor, action, "compact", store_id_text(compact_id, entity),
                              before, &after);
    }
    buf_release(&after);
    arena_release(&arena);
    return ret;
}

int store_signatory_insert(struct store *st, const struct signatory_new *s, const char *actor,
                           long long *id, const char **bad)
{
    struct db_stmt *stmt;
    long long compact_id, org_id;
    int ret;

    *id = 0;
    *bad = "compact";
    if (s->compact_id) {
        ret = resolve(st, sql_compact_ref, NULL, s->compact_id, &compact_id);
    } else {
        ret = resolve(st, sql_compact_ref, s->compact, number_of(s->compact), &compact_id);
    }
    if (ret < 0) {
        return ret;
    }
    *bad = "organisation";
    if ((ret = store_organisation_find(st, s->organisation, &org_id)) < 0) {
        return ret;
    }
    *bad = "signed_on";
    if ((ret = store_exec(st, sql_savepoint)) < 0 ||
        (ret = store_prepare(st, sql_add, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, compact_id);
    db_bind_int64(stmt, 2, org_id);
    store_bind_date(stmt, 3, s->signed_on);
    db_bind_text(stmt, 4, s->role);
    store_bind_date(stmt, 5, s->withdrawn_on);
    if ((ret = store_run_id(st, stmt, id)) < 0) {
        int undo = store_exec(st, sql_rollback_to);
        *id = 0;
        /* ERR_CONFLICT: it signed that Compact on that date already */
        return undo < 0 ? undo : ret;
    }
    if ((ret = store_exec(st, sql_release)) < 0) {
        return ret;
    }
    *bad = NULL;
    return audit(st, compact_id, *id, actor, "sign", NULL);
}

int store_signatory_add(struct store *st, const struct signatory_new *s, const char *actor,
                        long long *id, const char **bad)
{
    int ret;

    *id = 0;
    *bad = NULL;
    if ((ret = store_begin(st)) < 0 ||
        (ret = store_end(st, store_signatory_insert(st, s, actor, id, bad))) < 0) {
        *id = 0;
    }
    return ret;
}

int store_signatory_withdraw(struct store *st, long long compact_id, long long id,
                             date_t withdrawn_on, const char *actor)
{
    struct arena arena;
    struct buf before = BUF_INIT;
    struct signatory now;
    struct db_stmt *stmt;
    int ret;

    arena_init(&arena);
    if ((ret = store_begin(st)) < 0 ||
        (ret = store_signatory_get(st, compact_id, id, &arena, &now)) < 0) {
        goto cleanup;
    }
    if (now.withdrawn_on) {
        ret = ERR_CONFLICT;
        goto cleanup;
    }
    if (withdrawn_on <= now.signed_on) {
        ret = ERR_INVALID;
        goto cleanup;
    }
    json_audit_signatory(&before, &now);
    if ((ret = store_prepare(st, sql_withdraw, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, id);
    store_bind_date(stmt, 2, withdrawn_on);
    if ((ret = store_run(st, stmt)) == 0) {
        ret = audit(st, compact_id, id, actor, "withdraw", &before);
    }
cleanup:
    ret = store_end(st, ret);
    buf_release(&before);
    arena_release(&arena);
    return ret;
}

void store_signatory_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct signatory *out = item;

    out->id = db_column_int64(stmt, 0);
    out->compact_id = db_column_int64(stmt, 1);
    out->compact_name = store_col(stmt, 2, arena);
    out->org_ref = store_col(stmt, 3, arena);
    out->org_name = store_col(stmt, 4, arena);
    out->role = store_col(stmt, 5, arena);
    out->signed_on = store_col_date(stmt, 6);
    out->withdrawn_on = store_col_date(stmt, 7);
}

int store_signatory_get(struct store *st, long long compact_id, long long id, struct arena *arena,
                        struct signatory *out)
{
    struct db_stmt *stmt;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_get, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_int64(stmt, 2, compact_id);
    return store_row(st, stmt, arena, store_signatory_row, out);
}

int store_signatory_list(struct store *st, long long compact_id, struct arena *arena,
                         struct signatory **items, size_t *n)
{
    return store_rows_of(st, sql_list, compact_id, arena, sizeof(**items), store_signatory_row,
                         items, n);
}

int store_signatory_list_by_organisation(struct store *st, const char *org, struct arena *arena,
                                         struct signatory **items, size_t *n)
{
    long long org_id;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = store_organisation_find(st, org, &org_id)) < 0) {
        return ret;
    }
    return store_rows_of(st, sql_list_org, org_id, arena, sizeof(**items), store_signatory_row,
                         items, n);
}
