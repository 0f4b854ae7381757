/* Organisations: added, read by org-id or number, changed, listed and searched; the councils. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "codec/json_audit.h"
#include "base/err.h"
#include "base/banned.h"

#define ORG_COLUMNS                                                                                \
    "SELECT o.id, o.org_id, o.name, o.sector, o.type, o.gss, o.website, o.verified, "              \
    "o.created_at, o.updated_at FROM organisation o "

/* q: a substring of the name or a prefix of the org-id, in any case; then sector and type. */
#define ORG_WHERE                                                                                  \
    "WHERE (?1 IS NULL OR instr(lower(o.name), lower(?1)) > 0 "                                    \
    "OR substr(o.org_id, 1, length(?1)) = ?1 COLLATE NOCASE) "                                     \
    "AND (?2 IS NULL OR o.sector = ?2) AND (?3 IS NULL OR o.type = ?3) "

/* The organisations by name (in any case), then number; ?4 the number of the last one seen. */
static const char sql_list[] =
    ORG_COLUMNS ORG_WHERE "AND (?4 IS NULL OR (o.name COLLATE NOCASE, o.id) > "
                          "((SELECT name FROM organisation WHERE id = ?4), ?4)) "
                          "ORDER BY o.name COLLATE NOCASE, o.id LIMIT ?5";
static const char sql_count[] = "SELECT count(*) FROM organisation o " ORG_WHERE;
static const char sql_get[] =
    ORG_COLUMNS "WHERE o.id = (SELECT id FROM organisation WHERE org_id = ?1) OR o.id = ?2";
static const char sql_council_gss[] = "SELECT gss FROM authority WHERE code = ?1";
static const char sql_add[] =
    "INSERT INTO organisation (org_id, name, sector, type, gss, website, verified, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " SQL_NOW_UTC ", " SQL_NOW_UTC ")";
static const char sql_update[] =
    "UPDATE organisation SET org_id = ?2, name = ?3, sector = ?4, type = ?5, gss = ?6, "
    "website = ?7, updated_at = " SQL_NOW_UTC " WHERE id = ?1";
static const char sql_max_id[] = "SELECT coalesce(max(id), 0) FROM organisation";
/* Every authority's council, unless it is there already by its org-id or as its area's
 * council (a person may have changed its org-id or name since: theirs stands). */
static const char sql_councils[] =
    "INSERT INTO organisation (org_id, name, sector, type, gss, verified, created_at, updated_at) "
    "SELECT 'GB-LAE-' || a.code, a.official_name, 'statutory', 'council', a.gss, 1, " SQL_NOW_UTC
    ", " SQL_NOW_UTC " FROM authority a WHERE NOT EXISTS (SELECT 1 FROM organisation o "
    "WHERE o.org_id = 'GB-LAE-' || a.code OR (o.gss = a.gss AND o.type = 'council')) "
    "ORDER BY a.gss";
/* Those made after the organisation with number ?1, for their audit entries. */
static const char sql_made_after[] = ORG_COLUMNS "WHERE o.id > ?1 ORDER BY o.id";

static void bind_text_or_null(sqlite3_stmt *stmt, int i, const char *s)
{
    if (s) {
        sqlite3_bind_text(stmt, i, s, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(stmt, i);
    }
}

static void read_row(sqlite3_stmt *stmt, struct arena *arena, struct organisation *o)
{
    const char *sector = (const char *)sqlite3_column_text(stmt, 3);
    const char *type = (const char *)sqlite3_column_text(stmt, 4);

    o->id = sqlite3_column_int64(stmt, 0);
    o->org_id = store_col(stmt, 1, arena);
    o->name = store_col(stmt, 2, arena);
    /* the CHECK constraints make a failed parse unreachable; parse leaves the first value */
    org_sector_parse(sector ? sector : "", &o->sector);
    org_type_parse(type ? type : "", &o->type);
    o->gss = store_col(stmt, 5, arena);
    o->website = store_col(stmt, 6, arena);
    o->verified = sqlite3_column_int(stmt, 7);
    o->created_at = store_col(stmt, 8, arena);
    o->updated_at = store_col(stmt, 9, arena);
}

static void bind_filter(sqlite3_stmt *stmt, const struct organisation_filter *f)
{
    bind_text_or_null(stmt, 1, f->q && *f->q ? f->q : NULL);
    if (f->sector >= 0) {
        sqlite3_bind_text(stmt, 2, org_sector_id((enum org_sector)f->sector), -1, SQLITE_STATIC);
    }
    if (f->type >= 0) {
        sqlite3_bind_text(stmt, 3, org_type_id((enum org_type)f->type), -1, SQLITE_STATIC);
    }
}

int store_organisation_count(struct store *st, const struct organisation_filter *f, size_t *out)
{
    sqlite3_stmt *stmt;
    int ret, rc;

    *out = 0;
    if ((ret = store_prepare(st, sql_count, &stmt)) < 0) {
        return ret;
    }
    bind_filter(stmt, f);
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW) {
        *out = (size_t)sqlite3_column_int64(stmt, 0);
        ret = 0;
    } else {
        ret = store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

int store_organisation_list(struct store *st, const struct organisation_filter *f,
                            struct arena *arena, struct organisation **items, size_t *n)
{
    sqlite3_stmt *stmt;
    struct organisation *v = NULL;
    size_t len = 0, cap = 0;
    int ret, rc;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_list, &stmt)) < 0) {
        return ret;
    }
    bind_filter(stmt, f);
    if (f->after > 0) {
        sqlite3_bind_int64(stmt, 4, f->after);
    }
    sqlite3_bind_int64(stmt, 5, f->limit ? (sqlite3_int64)f->limit : -1);
    while ((rc = store_step(st, stmt)) == SQLITE_ROW) {
        if (len == cap) {
            struct organisation *nv;
            cap = cap ? cap * 2 : 64;
            nv = arena_alloc(arena, cap * sizeof(*nv));
            if (len) {
                memcpy(nv, v, len * sizeof(*nv));
            }
            v = nv;
        }
        read_row(stmt, arena, &v[len++]);
    }
    ret = store_err(st, rc);
    store_done(stmt);
    if (ret == 0) {
        *items = v;
        *n = len;
    }
    return ret;
}

/* The organisation ref names, read in the current transaction (or none). */
static int get(struct store *st, const char *ref, struct arena *arena, struct organisation *out)
{
    sqlite3_stmt *stmt;
    int ret, rc;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_get, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, ref, -1, SQLITE_STATIC);
    if (organisation_ref_is_number(ref)) {
        sqlite3_bind_int64(stmt, 2, strtoll(ref, NULL, 10)); /* at most 18 digits */
    }
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW) {
        read_row(stmt, arena, out);
        ret = 0;
    } else {
        ret = rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

int store_organisation_get(struct store *st, const char *ref, struct arena *arena,
                           struct organisation *out)
{
    return get(st, ref, arena, out);
}

/*
 * The area of the council whose GB-LAE- org-id is org_id, into gss (GSS_LEN + 1 bytes); "" for
 * any other org-id. ERR_INVALID when the code is no authority's.
 */
static int council_gss(struct store *st, const char *org_id, char gss[GSS_LEN + 1])
{
    const char *code = orgid_council_code(org_id);
    sqlite3_stmt *stmt;
    int ret, rc;

    gss[0] = '\0';
    if (!code) {
        return 0;
    }
    if ((ret = store_prepare(st, sql_council_gss, &stmt)) < 0) {
        return ret;
    }
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == GSS_LEN) {
        memcpy(gss, sqlite3_column_text(stmt, 0), GSS_LEN + 1);
        ret = 0;
    } else {
        ret = rc == SQLITE_DONE ? ERR_INVALID : store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

/* The audit entry of o as it now stands; before NULL when it is new. Its entity is its
 * org-id, else its number. */
static int audit(struct store *st, const char *actor, const char *action, const struct buf *before,
                 const struct organisation *o)
{
    struct buf after = BUF_INIT;
    char num[STORE_ID_LEN];
    int ret;

    json_audit_organisation(&after, o);
    ret = store_audit_add(st, NULL, actor, action, "organisation",
                          o->org_id ? o->org_id : store_id_text(o->id, num), before, &after);
    buf_release(&after);
    return ret;
}

/* audit() of the organisation with number id, as stored. */
static int audit_id(struct store *st, const char *actor, const char *action,
                    const struct buf *before, long long id)
{
    struct arena arena;
    struct organisation o;
    char num[STORE_ID_LEN];
    int ret;

    arena_init(&arena);
    if ((ret = get(st, store_id_text(id, num), &arena, &o)) == 0) {
        ret = audit(st, actor, action, before, &o);
    }
    arena_release(&arena);
    return ret;
}

/* Insert o and its audit entry inside the caller's transaction. */
static int add_one(struct store *st, const struct organisation *o, const char *actor, long long *id)
{
    sqlite3_stmt *stmt;
    char gss[GSS_LEN + 1];
    int ret;

    *id = 0;
    if ((ret = council_gss(st, o->org_id, gss)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_add, &stmt)) < 0) {
        return ret;
    }
    bind_text_or_null(stmt, 1, o->org_id);
    sqlite3_bind_text(stmt, 2, o->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, org_sector_id(o->sector), -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, org_type_id(o->type), -1, SQLITE_STATIC);
    bind_text_or_null(stmt, 5, gss[0] ? gss : NULL);
    bind_text_or_null(stmt, 6, o->website);
    sqlite3_bind_int(stmt, 7, o->verified != 0);
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    *id = sqlite3_last_insert_rowid(st->db);
    return audit_id(st, actor, "create", NULL, *id);
}

int store_organisation_add(struct store *st, const struct organisation *o, const char *actor,
                           long long *id)
{
    int ret;

    *id = 0;
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = add_one(st, o, actor, id)) == 0) {
        ret = store_commit(st);
    }
    if (ret < 0) {
        store_rollback(st);
        *id = 0;
    }
    return ret;
}

int store_organisation_insert(struct store *st, const struct organisation *o, const char *actor,
                              long long *id)
{
    return add_one(st, o, actor, id);
}

int store_organisation_update(struct store *st, const char *ref,
                              const struct organisation_draft *patch, const char *actor,
                              struct arena *arena, struct organisation *out,
                              struct org_problem problems[ORG_PROBLEMS_MAX], size_t *nproblems)
{
    struct organisation before, after;
    struct organisation_draft d;
    struct buf before_json = BUF_INIT;
    sqlite3_stmt *stmt;
    char gss[GSS_LEN + 1], num[24];
    int ret;

    memset(out, 0, sizeof(*out));
    *nproblems = 0;
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = get(st, ref, arena, &before)) < 0) {
        goto cleanup;
    }
    organisation_patch_draft(&before, patch, &d);
    if ((*nproblems = organisation_from_draft(&d, &after, problems)) > 0) {
        ret = ERR_INVALID;
        goto cleanup;
    }
    if ((ret = council_gss(st, after.org_id, gss)) < 0) {
        if (ret == ERR_INVALID) {
            problems[(*nproblems)++] = (struct org_problem){"org_id", orgid_unknown_council};
        }
        goto cleanup;
    }
    json_audit_organisation(&before_json, &before);
    if ((ret = store_prepare(st, sql_update, &stmt)) < 0) {
        goto cleanup;
    }
    sqlite3_bind_int64(stmt, 1, before.id);
    bind_text_or_null(stmt, 2, after.org_id);
    sqlite3_bind_text(stmt, 3, after.name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, org_sector_id(after.sector), -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, org_type_id(after.type), -1, SQLITE_STATIC);
    /* a council's area follows its GB-LAE- org-id; a council without one keeps its area */
    bind_text_or_null(stmt, 6, gss[0] ? gss : after.type == ORG_COUNCIL ? before.gss : NULL);
    bind_text_or_null(stmt, 7, after.website);
    if ((ret = store_run(st, stmt)) < 0) {
        if (ret == ERR_CONFLICT) {
            problems[(*nproblems)++] = (struct org_problem){"org_id", orgid_taken};
        }
        goto cleanup;
    }
    if ((ret = audit_id(st, actor, "update", &before_json, before.id)) < 0) {
        goto cleanup;
    }
    /* read back by number: the org-id may be what changed */
    if (snprintf(num, sizeof(num), "%lld", before.id) >= (int)sizeof(num) ||
        (ret = get(st, num, arena, out)) < 0) {
        ret = ret < 0 ? ret : ERR_DB;
        goto cleanup;
    }
    ret = store_commit(st);
cleanup:
    if (ret < 0) {
        store_rollback(st);
        memset(out, 0, sizeof(*out));
    }
    buf_release(&before_json);
    return ret;
}

static void read_org(sqlite3_stmt *stmt, struct arena *arena, void *item)
{
    read_row(stmt, arena, item);
}

/* The audit entries of the organisations made after number after, in order. */
static int audit_made_after(struct store *st, const char *actor, long long after)
{
    struct arena arena;
    struct organisation *v;
    sqlite3_stmt *stmt;
    size_t n;
    int ret;

    if ((ret = store_prepare(st, sql_made_after, &stmt)) < 0) {
        return ret;
    }
    arena_init(&arena);
    sqlite3_bind_int64(stmt, 1, after);
    ret = store_rows(st, stmt, &arena, sizeof(*v), read_org, &v, &n);
    for (size_t i = 0; ret == 0 && i < n; i++) {
        ret = audit(st, actor, "create", NULL, &v[i]);
    }
    arena_release(&arena);
    return ret;
}

int store_organisation_councils(struct store *st, const char *actor, size_t *made)
{
    sqlite3_stmt *stmt;
    long long max_before = 0;
    int ret, rc;

    *made = 0;
    if ((ret = store_prepare(st, sql_max_id, &stmt)) < 0) {
        return ret;
    }
    rc = store_step(st, stmt);
    if (rc == SQLITE_ROW) {
        max_before = sqlite3_column_int64(stmt, 0);
    }
    ret = rc == SQLITE_ROW ? 0 : store_fail(st, rc);
    store_done(stmt);
    if (ret < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_councils, &stmt)) < 0) {
        return ret;
    }
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    *made = (size_t)sqlite3_changes(st->db);
    return audit_made_after(st, actor, max_before);
}
