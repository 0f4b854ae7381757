/*
 * Organisations: found, made (the one way every writer makes one: the register, its import,
 * the demo, open data, the councils aside), read by org-id or number, changed, listed and
 * searched; the councils.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "store_search.h"
#include "codec/json_audit.h"
#include "base/err.h"
#include "base/banned.h"

#define ORG_COLUMNS                                                                                \
    "SELECT o.id, o.org_id, o.name, o.sector, o.type, o.gss, o.website, o.verified, "              \
    "o.created_at, o.updated_at FROM organisation o "

/* q: a substring of the name or a prefix of the org-id, in any case (?1 a LIKE pattern, escaped
 * by prepare_filter); then sector and type. */
#define ORG_WHERE                                                                                  \
    "WHERE (CAST(?1 AS TEXT) IS NULL OR o.name_norm LIKE '%' || lower(?1) || '%' ESCAPE '\\' "     \
    "OR o.org_id_norm LIKE lower(?1) || '%' ESCAPE '\\') "                                         \
    "AND (CAST(?2 AS TEXT) IS NULL OR o.sector = ?2) AND (CAST(?3 AS TEXT) IS NULL OR o.type = "   \
    "?3) "

/* The organisations by name (in any case), then number; ?4 the number of the last one seen, ?5
 * the limit, ?6 how many to skip. */
static const char sql_list[] =
    ORG_COLUMNS ORG_WHERE "AND (CAST(?4 AS BIGINT) IS NULL OR (o.name_norm, o.id) > "
                          "((SELECT name_norm FROM organisation WHERE id = ?4), ?4)) "
                          "ORDER BY o.name_norm, o.id LIMIT ?5 OFFSET ?6";
static const char sql_count[] = "SELECT count(*) FROM organisation o " ORG_WHERE;
static const char sql_get[] = ORG_COLUMNS
    "WHERE o.id = (SELECT id FROM organisation WHERE org_id_norm = lower(?1)) OR o.id = ?2";
/*
 * What a reference names, best first: its org-id (any case), its number, or its exact name (two
 * rows of that last rank: a name several share). The rank is the second column.
 */
static const char sql_find[] =
    "SELECT id, 1 FROM organisation WHERE org_id_norm = lower(?1) "
    "UNION ALL SELECT id, 2 FROM organisation WHERE id = ?2 "
    "UNION ALL SELECT * FROM (SELECT id, 3 FROM organisation "
    "WHERE name_norm = lower(?1) AND name = ?1 LIMIT 2) AS by_name ORDER BY 2";
static const char sql_find_org_id[] = "SELECT id FROM organisation WHERE org_id_norm = lower(?1)";
static const char sql_council_gss[] = "SELECT gss FROM authority WHERE code = ?1";
static const char sql_add[] =
    "INSERT INTO organisation (org_id, name, sector, type, gss, website, verified, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
    "ON CONFLICT DO NOTHING RETURNING id";
static const char sql_update[] =
    "UPDATE organisation SET org_id = ?2, name = ?3, sector = ?4, type = ?5, gss = ?6, "
    "website = ?7, updated_at = ?8 WHERE id = ?1";
/* The authorities whose area has no council in the register (a person may have changed its
 * org-id or name since: theirs stands). */
static const char sql_councils_missing[] =
    "SELECT a.code, a.official_name FROM authority a WHERE NOT EXISTS (SELECT 1 FROM "
    "organisation o WHERE o.gss = a.gss AND o.type = 'council') ORDER BY a.gss";

static void read_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct organisation *o = item;
    const char *sector = (const char *)db_column_text(stmt, 3);
    const char *type = (const char *)db_column_text(stmt, 4);

    o->id = db_column_int64(stmt, 0);
    o->org_id = store_col(stmt, 1, arena);
    o->name = store_col(stmt, 2, arena);
    /* the CHECK constraints make a failed parse unreachable; parse leaves the first value */
    org_sector_parse(sector ? sector : "", &o->sector);
    org_type_parse(type ? type : "", &o->type);
    o->gss = store_col(stmt, 5, arena);
    o->website = store_col(stmt, 6, arena);
    o->verified = db_column_int(stmt, 7);
    o->created_at = store_col(stmt, 8, arena);
    o->updated_at = store_col(stmt, 9, arena);
}

/* A reference: ?1 as an org-id or a name, ?2 as a number where it is one. */
static void bind_ref(struct db_stmt *stmt, const char *ref)
{
    db_bind_text(stmt, 1, ref);
    if (organisation_ref_is_number(ref)) {
        db_bind_int64(stmt, 2, strtoll(ref, NULL, 10)); /* at most 18 digits */
    }
}

/* sql prepared with f's q, sector and type bound (?1 to ?3). */
static int prepare_filter(struct store *st, const char *sql, const struct organisation_filter *f,
                          struct db_stmt **out)
{
    int ret = store_prepare(st, sql, out);

    if (ret < 0) {
        return ret;
    }
    store_bind_like(*out, 1, f->q); /* ORG_WHERE's ESCAPE */
    if (f->sector >= 0) {
        db_bind_text(*out, 2, org_sector_id((enum org_sector)f->sector));
    }
    if (f->type >= 0) {
        db_bind_text(*out, 3, org_type_id((enum org_type)f->type));
    }
    return 0;
}

int store_organisation_count(struct store *st, const struct organisation_filter *f, size_t *out)
{
    struct db_stmt *stmt;
    int ret = prepare_filter(st, sql_count, f, &stmt);

    *out = 0;
    return ret < 0 ? ret : store_row_count(st, stmt, out);
}

int store_organisation_list(struct store *st, const struct organisation_filter *f,
                            struct arena *arena, struct organisation **items, size_t *n)
{
    struct db_stmt *stmt;
    void *v;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = prepare_filter(st, sql_list, f, &stmt)) < 0) {
        return ret;
    }
    if (f->after > 0) {
        db_bind_int64(stmt, 4, f->after);
    }
    store_bind_limit(stmt, 5, f->limit);
    db_bind_int64(stmt, 6, (long long)f->offset);
    ret = store_rows(st, stmt, arena, sizeof(**items), read_row, &v, n);
    *items = v;
    return ret;
}

/* The organisation ref names, read in the current transaction (or none). */
static int get(struct store *st, const char *ref, struct arena *arena, struct organisation *out)
{
    struct db_stmt *stmt;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_get, &stmt)) < 0) {
        return ret;
    }
    bind_ref(stmt, ref);
    return store_row(st, stmt, arena, read_row, out);
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
    struct db_stmt *stmt;
    int ret;

    gss[0] = '\0';
    if (!code) {
        return 0;
    }
    if ((ret = store_prepare(st, sql_council_gss, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, code);
    ret = store_row_gss(st, stmt, gss);
    return ret == ERR_NOT_FOUND ? ERR_INVALID : ret;
}

/* The audit entry of the organisation with number id as it now stands; before NULL when it
 * is new. Its entity is its org-id, else its number. */
static int audit(struct store *st, const char *actor, const char *action, const struct buf *before,
                 long long id)
{
    struct buf after = BUF_INIT;
    struct arena arena;
    struct organisation o;
    char num[STORE_ID_LEN];
    int ret;

    arena_init(&arena);
    /* every write of an organisation ends here: the search's index of it too */
    if ((ret = store_search_index(st, SEARCH_ORGANISATION, id)) == 0 &&
        (ret = get(st, store_id_text(id, num), &arena, &o)) == 0) {
        json_audit_organisation(&after, &o);
        ret = store_audit_add(st, NULL, actor, action, "organisation", o.org_id ? o.org_id : num,
                              before, &after);
    }
    buf_release(&after);
    arena_release(&arena);
    return ret;
}

/*
 * Make o, inside the caller's transaction: the one way an organisation is made. Its org-id
 * checked by the register's one rule (orgid_check), a GB-LAE- one given its council's area,
 * and one audit entry. any_council: a GB-LAE- code no authority has makes one without an area,
 * where otherwise it is refused (ERR_INVALID).
 */
static int make(struct store *st, const struct organisation *o, int any_council, const char *actor,
                long long *id)
{
    struct db_stmt *stmt;
    char gss[GSS_LEN + 1];
    const char *why;
    int ret;

    *id = 0;
    if (o->org_id && orgid_check(o->org_id, &why) < 0) {
        return ERR_INVALID;
    }
    if ((ret = council_gss(st, o->org_id, gss)) == ERR_INVALID && any_council) {
        ret = 0;
    }
    if (ret < 0 || (ret = store_prepare(st, sql_add, &stmt)) < 0) {
        return ret;
    }
    store_bind_text(stmt, 1, o->org_id);
    db_bind_text(stmt, 2, o->name);
    db_bind_text(stmt, 3, org_sector_id(o->sector));
    db_bind_text(stmt, 4, org_type_id(o->type));
    store_bind_text(stmt, 5, gss[0] ? gss : NULL);
    store_bind_text(stmt, 6, o->website);
    db_bind_int(stmt, 7, o->verified != 0);
    store_bind_now(stmt, 8);
    /* A taken org-id inserts nothing rather than fail the statement: PostgreSQL would abort the
     * caller's whole transaction, and an import goes on to report its other rows. */
    if ((ret = store_row_int(st, stmt, id)) == ERR_NOT_FOUND) {
        ret = ERR_CONFLICT;
    }
    if (ret < 0 || (ret = audit(st, actor, "create", NULL, *id)) < 0) {
        *id = 0;
    }
    return ret;
}

int store_organisation_add(struct store *st, const struct organisation *o, const char *actor,
                           long long *id)
{
    int ret;

    *id = 0;
    if ((ret = store_begin(st)) < 0 || (ret = store_end(st, make(st, o, 0, actor, id))) < 0) {
        *id = 0;
    }
    return ret;
}

int store_organisation_insert(struct store *st, const struct organisation *o, const char *actor,
                              long long *id)
{
    return make(st, o, 0, actor, id);
}

int store_organisation_find(struct store *st, const char *ref, long long *id)
{
    struct db_stmt *stmt;
    int ret;

    *id = 0;
    if ((ret = store_prepare(st, sql_find, &stmt)) < 0) {
        return ret;
    }
    bind_ref(stmt, ref);
    return store_row_ranked(st, stmt, id);
}

int store_organisation_find_or_make(struct store *st, const struct organisation *o,
                                    const char *actor, long long *id, int *made)
{
    struct db_stmt *stmt;
    int ret;

    *id = 0;
    *made = 0;
    if (!o->org_id) {
        return ERR_INVALID;
    }
    if ((ret = store_prepare(st, sql_find_org_id, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, o->org_id);
    if ((ret = store_row_int(st, stmt, id)) != ERR_NOT_FOUND) {
        return ret;
    }
    if ((ret = make(st, o, 1, actor, id)) == 0) {
        *made = 1;
    }
    return ret;
}

int store_organisation_update(struct store *st, const char *ref,
                              const struct organisation_draft *patch, const char *actor,
                              struct arena *arena, struct organisation *out,
                              struct org_problem problems[ORG_PROBLEMS_MAX], size_t *nproblems)
{
    struct organisation before, after;
    struct organisation_draft d;
    struct db_stmt *stmt;
    struct buf before_json = BUF_INIT;
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
    db_bind_int64(stmt, 1, before.id);
    store_bind_text(stmt, 2, after.org_id);
    db_bind_text(stmt, 3, after.name);
    db_bind_text(stmt, 4, org_sector_id(after.sector));
    db_bind_text(stmt, 5, org_type_id(after.type));
    /* a council's area follows its GB-LAE- org-id; a council without one keeps its area */
    store_bind_text(stmt, 6, gss[0] ? gss : after.type == ORG_COUNCIL ? before.gss : NULL);
    store_bind_text(stmt, 7, after.website);
    store_bind_now(stmt, 8);
    if ((ret = store_run(st, stmt)) < 0) {
        if (ret == ERR_CONFLICT) {
            problems[(*nproblems)++] = (struct org_problem){"org_id", orgid_taken};
        }
        goto cleanup;
    }
    if ((ret = audit(st, actor, "update", &before_json, before.id)) < 0) {
        goto cleanup;
    }
    /* read back by number: the org-id may be what changed */
    if (snprintf(num, sizeof(num), "%lld", before.id) >= (int)sizeof(num) ||
        (ret = get(st, num, arena, out)) < 0) {
        ret = ret < 0 ? ret : ERR_DB;
        goto cleanup;
    }
cleanup:
    if ((ret = store_end(st, ret)) < 0) {
        memset(out, 0, sizeof(*out));
    }
    buf_release(&before_json);
    return ret;
}

/* A council to make: its authority's code and official name. */
struct council {
    const char *code, *name;
};

static void council_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct council *c = item;

    c->code = store_col(stmt, 0, arena);
    c->name = store_col(stmt, 1, arena);
}

int store_organisation_councils(struct store *st, const char *actor, size_t *made)
{
    struct arena arena;
    struct council *c;
    struct db_stmt *stmt;
    void *v = NULL;
    size_t n = 0;
    int ret;

    *made = 0;
    arena_init(&arena);
    if ((ret = store_prepare(st, sql_councils_missing, &stmt)) == 0) {
        ret = store_rows(st, stmt, &arena, sizeof(*c), council_row, &v, &n);
    }
    c = v;
    /* each one as any organisation is made, unless its org-id is there already */
    for (size_t i = 0; i < n && !ret; i++) {
        char org_id[ORG_ID_MAX + 1];
        struct organisation o = {.org_id = org_id,
                                 .name = c[i].name,
                                 .sector = SECTOR_STATUTORY,
                                 .type = ORG_COUNCIL,
                                 .verified = 1};
        long long id;
        int m;
        if (!orgid_of_council(c[i].code, org_id)) {
            ret = ERR_INVALID;
        } else if ((ret = store_organisation_find_or_make(st, &o, actor, &id, &m)) == 0) {
            *made += (size_t)m;
        }
    }
    arena_release(&arena);
    return ret;
}

/* The actor of the latest 'create' entry under the organisation's org-id or its number (which
 * never changes, and which no org-id can be), if it is ?3. The latest: an org-id given up and
 * taken by another organisation later is that one's. */
static const char sql_added_by[] =
    "SELECT 1 FROM (SELECT actor FROM audit WHERE kind = 'organisation' AND action = 'create' "
    "AND entity IN (?1, ?2) ORDER BY id DESC LIMIT 1) AS made WHERE made.actor = ?3";

int store_organisation_added_by(struct store *st, const struct organisation *o, const char *actor)
{
    char num[STORE_ID_LEN];
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_added_by, &stmt)) < 0) {
        return ret;
    }
    store_bind_text(stmt, 1, o->org_id);
    db_bind_text_copy(stmt, 2, store_id_text(o->id, num));
    db_bind_text(stmt, 3, actor);
    return store_row_int(st, stmt, NULL);
}

static const char sql_signs_for[] =
    "SELECT 1 FROM signatory s JOIN compact_coordinator c ON c.compact_id = s.compact_id "
    "WHERE s.organisation_id = ?1 AND c.user_id = ?2 "
    "AND (s.withdrawn_on IS NULL OR s.withdrawn_on > ?3) LIMIT 1";

int store_organisation_signs_for(struct store *st, long long id, long long user_id, date_t on)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_signs_for, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_int64(stmt, 2, user_id);
    store_bind_date(stmt, 3, on);
    return store_row_int(st, stmt, NULL);
}
