/*
 * The library: case studies and resources (migration 0012). Every write of one goes through
 * case_study_write or resource_write, inside the transaction of the function that calls it:
 * the place to keep an index of them (the search) in step, in the same transaction.
 */
#include "store_library.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "store_search.h"
#include "codec/json_library.h"
#include "core/authority.h"
#include "core/crypto.h"
#include "base/err.h"
#include "base/banned.h"

/* ---- case studies ---- */

/* Its themes and areas, each joined by ' ': a statement for each engine (STORE_JOINED_*). */
#define CS_THEMES(J) J("theme", "' '", "FROM case_study_theme WHERE case_study_id = cs.id", "theme")
#define CS_AREAS(J)  J("gss", "' '", "FROM case_study_area WHERE case_study_id = cs.id", "gss")
/* their names, a line each, in the same order */
#define CS_AREA_NAMES(J)                                                                           \
    J("au.name", "'\n'",                                                                           \
      "FROM case_study_area a JOIN authority au ON au.gss = a.gss WHERE a.case_study_id = cs.id",  \
      "a.gss")
#define CS_SELECT(J)                                                                               \
    "SELECT cs.id, cs.title, cs.summary, cs.outcome, cs.year, cs.compact_id, c.name, "             \
    "cs.organisations, cs.source_citation, cs.source_url, cs.status, cs.created_by, u.name, "      \
    "cs.created_at, cs.updated_at, cs.published_at, " CS_THEMES(J) ", " CS_AREAS(                  \
        J) ", " CS_AREA_NAMES(J) " FROM case_study cs LEFT JOIN compact c ON c.id = "              \
                                 "cs.compact_id "                                                  \
                                 "LEFT JOIN \"user\" u ON 'user:' || u.id = cs.created_by "
/* Published, or a draft the reader may see: ?5 every draft, ?6 their own (an actor), ?7 those of
 * the Compacts they coordinate. */
#define VISIBLE(t)                                                                                 \
    "(" t ".status = 'published' OR ?5 = 1 OR " t ".created_by = ?6 OR (?7 <> 0 AND " t            \
    ".compact_id IN (SELECT compact_id FROM compact_coordinator WHERE user_id = ?7)))"
/* ?2 theme, ?3 region (its name), ?4 year: NULL or 0 for any */
#define CS_WHERE                                                                                   \
    "WHERE (CAST(?2 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM case_study_theme t "                 \
    "WHERE t.case_study_id = cs.id AND t.theme = ?2)) "                                            \
    "AND (CAST(?3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM case_study_area a "                    \
    "JOIN authority au ON au.gss = a.gss WHERE a.case_study_id = cs.id "                           \
    "AND au.region = ?3)) AND (?4 = 0 OR cs.year = ?4) AND ?1 = 1 AND " VISIBLE("cs")
/* a page: ?8 rows at most, after ?9 */
#define CS_LIST(J)                                                                                 \
    CS_SELECT(J)                                                                                   \
    CS_WHERE " ORDER BY CASE WHEN cs.year IS NULL THEN 1 ELSE 0 END, cs.year DESC, cs.title, "     \
             "cs.id LIMIT ?8 OFFSET ?9"
static const char sql_cs_list_sqlite[] = CS_LIST(STORE_JOINED_SQLITE);
static const char sql_cs_list_pg[] = CS_LIST(STORE_JOINED_PG);
static const char sql_cs_count[] = "SELECT count(*) FROM case_study cs " CS_WHERE;
static const char sql_cs_get_sqlite[] = CS_SELECT(STORE_JOINED_SQLITE) "WHERE cs.id = ?1";
static const char sql_cs_get_pg[] = CS_SELECT(STORE_JOINED_PG) "WHERE cs.id = ?1";
static const char sql_cs_insert[] =
    "INSERT INTO case_study (title, summary, outcome, year, compact_id, organisations, "
    "source_citation, source_url, status, created_by, created_at, updated_at, published_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id";
static const char sql_cs_update[] =
    "UPDATE case_study SET title = ?1, summary = ?2, outcome = ?3, year = ?4, compact_id = ?5, "
    "organisations = ?6, source_citation = ?7, source_url = ?8, status = ?9, created_by = ?10, "
    "created_at = ?11, updated_at = ?12, published_at = ?13 WHERE id = ?14";
static const char sql_cs_themes_clear[] = "DELETE FROM case_study_theme WHERE case_study_id = ?1";
static const char sql_cs_theme_add[] =
    "INSERT INTO case_study_theme (case_study_id, theme) VALUES (?1, ?2)";
static const char sql_cs_areas_clear[] = "DELETE FROM case_study_area WHERE case_study_id = ?1";
static const char sql_cs_area_add[] =
    "INSERT INTO case_study_area (case_study_id, gss) VALUES (?1, ?2)";
static const char sql_compact_exists[] = "SELECT 1 FROM compact WHERE id = ?1";
static const char sql_authority_exists[] = "SELECT 1 FROM authority WHERE gss = ?1";

/* ---- resources ---- */

#define R_SELECT                                                                                   \
    "SELECT r.id, r.title, r.kind, r.summary, r.published_on, r.url, r.compact_id, c.name, "       \
    "r.status, r.created_by, u.name, r.created_at, r.updated_at, r.published_at, d.file_name, "    \
    "d.sha256, d.size FROM resource r LEFT JOIN compact c ON c.id = r.compact_id "                 \
    "LEFT JOIN resource_document d ON d.resource_id = r.id "                                       \
    "LEFT JOIN \"user\" u ON 'user:' || u.id = r.created_by "
/* ?1 kind, ?3 region (its name), ?4 year (as text): NULL for any; ?2 unused */
#define R_WHERE                                                                                    \
    "WHERE (CAST(?1 AS TEXT) IS NULL OR r.kind = ?1) AND (CAST(?2 AS TEXT) IS NULL "               \
    "OR ?2 = '') AND (CAST(?3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM "                          \
    "compact_authority ca JOIN authority au ON au.gss = ca.gss "                                   \
    "WHERE ca.compact_id = r.compact_id AND au.region = ?3)) "                                     \
    "AND (CAST(?4 AS TEXT) IS NULL OR substr(r.published_on, 1, 4) = ?4) AND " VISIBLE("r")
static const char sql_r_list[] =
    R_SELECT R_WHERE " ORDER BY CASE WHEN r.published_on IS NULL THEN 1 ELSE 0 END, "
                     "r.published_on DESC, r.title, r.id LIMIT ?8 OFFSET ?9";
static const char sql_r_count[] = "SELECT count(*) FROM resource r " R_WHERE;
static const char sql_r_get[] = R_SELECT "WHERE r.id = ?1";
static const char sql_r_insert[] =
    "INSERT INTO resource (title, kind, summary, published_on, url, compact_id, status, "
    "created_by, created_at, updated_at, published_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id";
static const char sql_r_update[] =
    "UPDATE resource SET title = ?1, kind = ?2, summary = ?3, published_on = ?4, url = ?5, "
    "compact_id = ?6, status = ?7, created_by = ?8, created_at = ?9, updated_at = ?10, "
    "published_at = ?11 WHERE id = ?12";
static const char sql_doc_put[] =
    "INSERT INTO resource_document (resource_id, file_name, sha256, size, bytes, uploaded_by, "
    "uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (resource_id) DO UPDATE SET "
    "file_name = excluded.file_name, sha256 = excluded.sha256, size = excluded.size, "
    "bytes = excluded.bytes, uploaded_by = excluded.uploaded_by, "
    "uploaded_at = excluded.uploaded_at";
static const char sql_doc_get[] =
    "SELECT bytes, file_name FROM resource_document WHERE resource_id = ?1";

static const char sql_org_signs[] =
    "SELECT 1 FROM signatory s JOIN organisation o ON o.id = s.organisation_id "
    "WHERE s.compact_id = ?1 AND o.org_id_norm = lower(?2) AND s.signed_on <= ?3 "
    "AND (s.withdrawn_on IS NULL OR s.withdrawn_on > ?3)";
static const char sql_loaded[] = "SELECT 1 FROM library_loaded WHERE key = ?1";
static const char sql_loaded_add[] = "INSERT INTO library_loaded (key, loaded_at) VALUES (?1, ?2)";

static int pg(struct store *st)
{
    return db_kind(st->db) == DB_PG;
}

/* The words of text joined by ' ' (NULL: none), into a NULL-free array from arena. */
static size_t split_joined(const char *text, struct arena *arena, const char ***out)
{
    size_t n = 0, cap = 0;
    const char **v = NULL;

    for (const char *p = text; p && *p;) {
        size_t len = strcspn(p, " ");
        if (len) {
            store_grow(arena, (void **)&v, n, &cap, sizeof(*v));
            v[n++] = arena_memdupz(arena, p, len);
        }
        p += len;
        p += strspn(p, " ");
    }
    *out = v;
    return n;
}

static void read_case_study(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct case_study *cs = item;
    const char *themes, **words;
    size_t n;

    memset(cs, 0, sizeof(*cs));
    cs->id = db_column_int64(stmt, 0);
    cs->title = store_col(stmt, 1, arena);
    cs->summary = store_col(stmt, 2, arena);
    cs->outcome = store_col(stmt, 3, arena);
    cs->year = (int)db_column_int64(stmt, 4);
    cs->compact_id = db_column_int64(stmt, 5);
    cs->compact_name = store_col(stmt, 6, arena);
    cs->organisations = store_col(stmt, 7, arena);
    cs->source_citation = store_col(stmt, 8, arena);
    cs->source_url = store_col(stmt, 9, arena);
    cs->status =
        !strcmp(store_col(stmt, 10, arena), "published") ? LIBRARY_PUBLISHED : LIBRARY_DRAFT;
    cs->created_by = store_col(stmt, 11, arena);
    cs->created_by_name = store_col(stmt, 12, arena);
    cs->created_at = store_col(stmt, 13, arena);
    cs->updated_at = store_col(stmt, 14, arena);
    cs->published_at = store_col(stmt, 15, arena);
    themes = store_col(stmt, 16, arena);
    n = split_joined(themes, arena, &words);
    for (size_t i = 0; i < n; i++) {
        enum library_theme t;
        if (library_theme_parse(words[i], &t) == 0) {
            cs->themes |= 1u << t;
        }
    }
    cs->nareas = split_joined(store_col(stmt, 17, arena), arena, &cs->areas);
    cs->area_names = arena_alloc(arena, (cs->nareas ? cs->nareas : 1) * sizeof(*cs->area_names));
    {
        const char *p = store_col(stmt, 18, arena);
        for (size_t i = 0; i < cs->nareas; i++) {
            size_t len = p ? strcspn(p, "\n") : 0;
            cs->area_names[i] = p ? arena_memdupz(arena, p, len) : cs->areas[i];
            p = p && p[len] ? p + len + 1 : NULL;
        }
    }
}

static void read_resource(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct resource *r = item;

    memset(r, 0, sizeof(*r));
    r->id = db_column_int64(stmt, 0);
    r->title = store_col(stmt, 1, arena);
    if (resource_kind_parse(store_col(stmt, 2, arena), &r->kind) < 0) {
        r->kind = RESOURCE_GUIDANCE; /* the schema's CHECK allows no other */
    }
    r->summary = store_col(stmt, 3, arena);
    r->date = store_col_date(stmt, 4);
    r->url = store_col(stmt, 5, arena);
    r->compact_id = db_column_int64(stmt, 6);
    r->compact_name = store_col(stmt, 7, arena);
    r->status = !strcmp(store_col(stmt, 8, arena), "published") ? LIBRARY_PUBLISHED : LIBRARY_DRAFT;
    r->created_by = store_col(stmt, 9, arena);
    r->created_by_name = store_col(stmt, 10, arena);
    r->created_at = store_col(stmt, 11, arena);
    r->updated_at = store_col(stmt, 12, arena);
    r->published_at = store_col(stmt, 13, arena);
    r->file_name = store_col(stmt, 14, arena);
    r->file_sha256 = store_col(stmt, 15, arena);
    r->file_size = db_column_int64(stmt, 16);
}

/* Bind f to a list's or count's statement of item (its ?1 to ?7). */
static void bind_filter(struct db_stmt *stmt, enum library_item item,
                        const struct library_filter *f)
{
    char year[8] = "";

    if (item == LIBRARY_ITEM_CASE_STUDY) {
        db_bind_int64(stmt, 1, f->kind == LIBRARY_ANY || f->kind == LIBRARY_CASE_STUDIES);
        store_bind_text(stmt, 2, f->theme >= 0 ? library_theme_id(f->theme) : NULL);
        db_bind_int64(stmt, 4, f->year);
    } else {
        store_bind_text(stmt, 1, f->kind >= 0 ? resource_kind_id(f->kind) : NULL);
        store_bind_text(stmt, 2, NULL);
        if (f->year > 0 && f->year < 10000) {
            year[0] = (char)('0' + f->year / 1000);
            year[1] = (char)('0' + f->year / 100 % 10);
            year[2] = (char)('0' + f->year / 10 % 10);
            year[3] = (char)('0' + f->year % 10);
            year[4] = '\0';
        }
        store_bind_text(stmt, 4, year[0] ? year : NULL);
    }
    store_bind_text(stmt, 3, f->region >= 0 ? region_name((size_t)f->region) : NULL);
    db_bind_int64(stmt, 5, f->all_drafts != 0);
    store_bind_text(stmt, 6, f->author);
    db_bind_int64(stmt, 7, f->coordinator);
}

/* Whether f can find no item of kind item: resources have no themes; a kind is one or other. */
static int finds_none(enum library_item item, const struct library_filter *f)
{
    return item == LIBRARY_ITEM_RESOURCE && (f->theme >= 0 || f->kind == LIBRARY_CASE_STUDIES);
}

int store_library_count(struct store *st, enum library_item item, const struct library_filter *f,
                        size_t *total)
{
    struct db_stmt *stmt;
    int ret;

    *total = 0;
    if (finds_none(item, f)) {
        return 0;
    }
    if ((ret = store_prepare(st, item == LIBRARY_ITEM_CASE_STUDY ? sql_cs_count : sql_r_count,
                             &stmt)) < 0) {
        return ret;
    }
    bind_filter(stmt, item, f);
    return store_row_count(st, stmt, total);
}

int store_library_list(struct store *st, enum library_item item, const struct library_filter *f,
                       struct arena *arena, void *items, size_t *n)
{
    const char *sql = item == LIBRARY_ITEM_RESOURCE ? sql_r_list
                      : pg(st)                      ? sql_cs_list_pg
                                                    : sql_cs_list_sqlite;
    struct db_stmt *stmt;
    int ret;

    *(void **)items = NULL;
    *n = 0;
    if (finds_none(item, f)) {
        return 0;
    }
    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    bind_filter(stmt, item, f);
    store_bind_limit(stmt, 8, f->limit);
    db_bind_int64(stmt, 9, (long long)f->offset);
    return item == LIBRARY_ITEM_CASE_STUDY
               ? store_rows(st, stmt, arena, sizeof(struct case_study), read_case_study, items, n)
               : store_rows(st, stmt, arena, sizeof(struct resource), read_resource, items, n);
}

int store_case_study_get(struct store *st, long long id, struct arena *arena,
                         struct case_study *out)
{
    return store_row_of(st, pg(st) ? sql_cs_get_pg : sql_cs_get_sqlite, id, arena, read_case_study,
                        out);
}

int store_resource_get(struct store *st, long long id, struct arena *arena, struct resource *out)
{
    return store_row_of(st, sql_r_get, id, arena, read_resource, out);
}

/* One case study or one resource. */
union library_one {
    struct case_study cs;
    struct resource r;
};

static int get_one(struct store *st, enum library_item item, long long id, struct arena *arena,
                   union library_one *out)
{
    return item == LIBRARY_ITEM_CASE_STUDY ? store_case_study_get(st, id, arena, &out->cs)
                                           : store_resource_get(st, id, arena, &out->r);
}

/* Snapshot of item id as the audit trail keeps it, into out (empty when there is none). */
static int snapshot(struct store *st, enum library_item item, long long id, struct buf *out)
{
    struct arena arena;
    union library_one one;
    int ret;

    arena_init(&arena);
    if ((ret = get_one(st, item, id, &arena, &one)) == 0) {
        if (item == LIBRARY_ITEM_CASE_STUDY) {
            json_case_study(out, &one.cs, JSON_LIBRARY_AUDIT);
        } else {
            json_resource(out, &one.r, JSON_LIBRARY_AUDIT);
        }
    }
    arena_release(&arena);
    return ret;
}

/* Whether the row sql finds for id (or for text when not NULL) exists: 0 or ERR_NOT_FOUND. */
static int exists(struct store *st, const char *sql, long long id, const char *text)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    if (text) {
        store_bind_text(stmt, 1, text);
    } else {
        db_bind_int64(stmt, 1, id);
    }
    return store_row_int(st, stmt, NULL);
}

static int set_field(const char **field, const char **why, const char *f, const char *w)
{
    *field = f;
    *why = w;
    return ERR_INVALID;
}

/* The Compact compact_id exists (0: none given): 0, or ERR_INVALID naming the field. */
static int check_compact(struct store *st, long long compact_id, const char **field,
                         const char **why)
{
    int ret = compact_id ? exists(st, sql_compact_exists, compact_id, NULL) : 0;

    return ret == ERR_NOT_FOUND
               ? set_field(field, why, "compact", "There is no local Compact with that number")
               : ret;
}

static void bind_times(struct db_stmt *stmt, int i, const char *created_by, const char *created_at,
                       const char *now, enum library_status status, const char *published_at)
{
    db_bind_text(stmt, i, library_status_id(status));
    store_bind_text(stmt, i + 1, created_by);
    store_bind_text(stmt, i + 2, created_at ? created_at : now);
    db_bind_text(stmt, i + 3, now);
    store_bind_text(stmt, i + 4, published_at);
}

/*
 * THE write of a case study, inside the caller's transaction: cs whole (its status, author and
 * times as they are to be; cs->id 0: a new one, *id its number), its themes and areas, and the
 * audit entry of action by actor. The search's index of case studies is kept here.
 */
static int case_study_write(struct store *st, const struct case_study *cs, const char *actor,
                            const char *action, long long *id, const char **field, const char **why)
{
    struct buf before = BUF_INIT, after = BUF_INIT;
    char now[STORE_TIME_LEN + 1], idtext[STORE_ID_LEN];
    struct db_stmt *stmt;
    int ret;

    *id = cs->id;
    store_now(now);
    if ((ret = check_compact(st, cs->compact_id, field, why)) < 0) {
        goto cleanup;
    }
    for (size_t i = 0; i < cs->nareas; i++) {
        if ((ret = exists(st, sql_authority_exists, 0, cs->areas[i])) < 0) {
            if (ret == ERR_NOT_FOUND) {
                ret = set_field(field, why, "areas",
                                "Areas must be the GSS codes of local authorities in the "
                                "register, such as E09000024");
            }
            goto cleanup;
        }
    }
    if (cs->id && (ret = snapshot(st, LIBRARY_ITEM_CASE_STUDY, cs->id, &before)) < 0) {
        goto cleanup;
    }
    if ((ret = store_prepare(st, cs->id ? sql_cs_update : sql_cs_insert, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_text(stmt, 1, cs->title);
    db_bind_text(stmt, 2, cs->summary);
    store_bind_text(stmt, 3, cs->outcome);
    if (cs->year) {
        db_bind_int64(stmt, 4, cs->year);
    } else {
        db_bind_null(stmt, 4);
    }
    if (cs->compact_id) {
        db_bind_int64(stmt, 5, cs->compact_id);
    } else {
        db_bind_null(stmt, 5);
    }
    store_bind_text(stmt, 6, cs->organisations);
    store_bind_text(stmt, 7, cs->source_citation);
    store_bind_text(stmt, 8, cs->source_url);
    bind_times(stmt, 9, cs->created_by, cs->created_at, now, cs->status, cs->published_at);
    if (cs->id) {
        db_bind_int64(stmt, 14, cs->id);
        ret = store_run(st, stmt);
    } else {
        ret = store_run_id(st, stmt, id);
    }
    if (ret < 0) {
        goto cleanup;
    }
    if ((ret = store_prepare(st, sql_cs_themes_clear, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, *id);
    if ((ret = store_run(st, stmt)) < 0 ||
        (ret = store_prepare(st, sql_cs_areas_clear, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, *id);
    if ((ret = store_run(st, stmt)) < 0) {
        goto cleanup;
    }
    for (int t = 0; t < THEME_COUNT; t++) {
        if (!(cs->themes & (1u << t))) {
            continue;
        }
        if ((ret = store_prepare(st, sql_cs_theme_add, &stmt)) < 0) {
            goto cleanup;
        }
        db_bind_int64(stmt, 1, *id);
        db_bind_text(stmt, 2, library_theme_id(t));
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
    for (size_t i = 0; i < cs->nareas; i++) {
        if ((ret = store_prepare(st, sql_cs_area_add, &stmt)) < 0) {
            goto cleanup;
        }
        db_bind_int64(stmt, 1, *id);
        db_bind_text(stmt, 2, cs->areas[i]);
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
    /* the search's index of case study *id is updated here (issue 16, migration 0013) */
    if ((ret = store_search_index(st, SEARCH_CASE_STUDY, *id)) < 0 ||
        (ret = snapshot(st, LIBRARY_ITEM_CASE_STUDY, *id, &after)) < 0) {
        goto cleanup;
    }
    ret = store_audit_add(st, NULL, actor, action, "case_study", store_id_text(*id, idtext),
                          cs->id ? &before : NULL, &after);
cleanup:
    buf_release(&before);
    buf_release(&after);
    return ret;
}

static int loaded_before(struct store *st, const char *key)
{
    return exists(st, sql_loaded, 0, key);
}

static int mark_loaded(struct store *st, const char *key)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_loaded_add, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, key);
    store_bind_now(stmt, 2);
    return store_run(st, stmt);
}

/* ---- resources ---- */

/* THE write of a resource, as case_study_write is of a case study; with file, its PDF (its
 * SHA-256 computed here). The search's index of resources is kept here. */
static int resource_write(struct store *st, const struct resource *r,
                          const struct library_file *file, const char *actor, const char *action,
                          long long *id, const char **field, const char **why)
{
    struct buf before = BUF_INIT, after = BUF_INIT;
    char now[STORE_TIME_LEN + 1], idtext[STORE_ID_LEN], sha[SHA256_HEX];
    struct db_stmt *stmt;
    int ret;

    *id = r->id;
    store_now(now);
    if ((ret = check_compact(st, r->compact_id, field, why)) < 0) {
        goto cleanup;
    }
    if (r->id && (ret = snapshot(st, LIBRARY_ITEM_RESOURCE, r->id, &before)) < 0) {
        goto cleanup;
    }
    if ((ret = store_prepare(st, r->id ? sql_r_update : sql_r_insert, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_text(stmt, 1, r->title);
    db_bind_text(stmt, 2, resource_kind_id(r->kind));
    store_bind_text(stmt, 3, r->summary);
    store_bind_date(stmt, 4, r->date);
    store_bind_text(stmt, 5, r->url);
    if (r->compact_id) {
        db_bind_int64(stmt, 6, r->compact_id);
    } else {
        db_bind_null(stmt, 6);
    }
    bind_times(stmt, 7, r->created_by, r->created_at, now, r->status, r->published_at);
    if (r->id) {
        db_bind_int64(stmt, 12, r->id);
        ret = store_run(st, stmt);
    } else {
        ret = store_run_id(st, stmt, id);
    }
    if (ret < 0) {
        goto cleanup;
    }
    if (file) {
        if ((ret = store_prepare(st, sql_doc_put, &stmt)) < 0) {
            goto cleanup;
        }
        sha256_hex(file->data, file->len, sha);
        db_bind_int64(stmt, 1, *id);
        db_bind_text(stmt, 2, file->name);
        db_bind_text_copy(stmt, 3, sha);
        db_bind_int64(stmt, 4, (long long)file->len);
        db_bind_blob(stmt, 5, file->data, file->len);
        db_bind_text(stmt, 6, actor);
        db_bind_text_copy(stmt, 7, now);
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
    /* the search's index of resource *id is updated here (issue 16, migration 0013) */
    if ((ret = store_search_index(st, SEARCH_RESOURCE, *id)) < 0 ||
        (ret = snapshot(st, LIBRARY_ITEM_RESOURCE, *id, &after)) < 0) {
        goto cleanup;
    }
    ret = store_audit_add(st, NULL, actor, action, "resource", store_id_text(*id, idtext),
                          r->id ? &before : NULL, &after);
cleanup:
    buf_release(&before);
    buf_release(&after);
    return ret;
}

/* ---- either: save, publish, load ---- */

/* The fields item's kinds share, in u. */
struct library_common {
    long long *id;
    enum library_status *status;
    const char **created_by, **created_at, **published_at;
};

static struct library_common common_of(enum library_item item, union library_one *u)
{
    return item == LIBRARY_ITEM_CASE_STUDY
               ? (struct library_common){&u->cs.id, &u->cs.status, &u->cs.created_by,
                                         &u->cs.created_at, &u->cs.published_at}
               : (struct library_common){&u->r.id, &u->r.status, &u->r.created_by, &u->r.created_at,
                                         &u->r.published_at};
}

/* A copy of it (a struct case_study or struct resource, as item says) into u. */
static void copy_one(enum library_item item, const void *it, union library_one *u)
{
    memcpy(u, it, item == LIBRARY_ITEM_CASE_STUDY ? sizeof(u->cs) : sizeof(u->r));
}

/* THE write of either (case_study_write or resource_write; file only for a resource). */
static int write_one(struct store *st, enum library_item item, const union library_one *u,
                     const struct library_file *file, const char *actor, const char *action,
                     long long *id, const char **field, const char **why)
{
    return item == LIBRARY_ITEM_CASE_STUDY
               ? case_study_write(st, &u->cs, actor, action, id, field, why)
               : resource_write(st, &u->r, file, actor, action, id, field, why);
}

int store_library_save(struct store *st, enum library_item item, const void *it,
                       const struct library_file *file, const char *actor, long long *id,
                       const char **field, const char **why)
{
    struct arena arena;
    union library_one whole, was;
    struct library_common w = common_of(item, &whole), v = common_of(item, &was);
    long long given;
    int ret;

    *field = *why = NULL;
    copy_one(item, it, &whole);
    given = *w.id;
    arena_init(&arena);
    if ((ret = store_begin(st)) < 0) {
        goto cleanup;
    }
    if (given) {
        if ((ret = get_one(st, item, given, &arena, &was)) < 0) {
            goto end;
        }
        *w.status = *v.status;
        *w.created_by = *v.created_by;
        *w.created_at = *v.created_at;
        *w.published_at = *v.published_at;
    } else {
        *w.status = LIBRARY_DRAFT;
        *w.created_by = actor;
        *w.created_at = NULL;
        *w.published_at = NULL;
    }
    ret = write_one(st, item, &whole, file, actor, given ? "update" : "create", id, field, why);
end:
    ret = store_end(st, ret);
cleanup:
    arena_release(&arena);
    return ret;
}

int store_library_publish(struct store *st, enum library_item item, long long id, const char *actor)
{
    struct arena arena;
    union library_one one;
    struct library_common c = common_of(item, &one);
    char now[STORE_TIME_LEN + 1];
    const char *field, *why;
    long long got;
    int ret;

    arena_init(&arena);
    if ((ret = store_begin(st)) < 0) {
        goto cleanup;
    }
    if ((ret = get_one(st, item, id, &arena, &one)) == 0) {
        if (*c.status == LIBRARY_PUBLISHED) {
            ret = ERR_CONFLICT;
        } else {
            store_now(now);
            *c.status = LIBRARY_PUBLISHED;
            *c.published_at = now;
            ret = write_one(st, item, &one, NULL, actor, "publish", &got, &field, &why);
        }
    }
    ret = store_end(st, ret);
cleanup:
    arena_release(&arena);
    return ret;
}

int store_library_load(struct store *st, enum library_item item, const char *key, const void *it,
                       const char *actor, int *loaded, const char **field, const char **why)
{
    union library_one whole;
    struct library_common w = common_of(item, &whole);
    char now[STORE_TIME_LEN + 1];
    long long id;
    int ret;

    *loaded = 0;
    *field = *why = NULL;
    copy_one(item, it, &whole);
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = loaded_before(st, key)) == ERR_NOT_FOUND) {
        store_now(now);
        *w.id = 0;
        *w.status = LIBRARY_PUBLISHED;
        *w.created_by = actor;
        *w.created_at = NULL;
        *w.published_at = now;
        if ((ret = write_one(st, item, &whole, NULL, actor, "load", &id, field, why)) == 0 &&
            (ret = mark_loaded(st, key)) == 0) {
            *loaded = 1;
        }
    }
    return store_end(st, ret);
}

static void read_document(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct library_file *f = item;
    int n = db_column_bytes(stmt, 0);

    f->len = n > 0 ? (size_t)n : 0;
    f->data = arena_memdupz(arena, db_column_blob(stmt, 0), f->len);
    f->name = store_col(stmt, 1, arena);
}

int store_resource_document(struct store *st, long long id, struct arena *arena, const void **data,
                            size_t *len, const char **name)
{
    struct library_file f = {0};
    int ret = store_row_of(st, sql_doc_get, id, arena, read_document, &f);

    *data = ret == 0 ? f.data : NULL;
    *len = ret == 0 ? f.len : 0;
    *name = ret == 0 ? f.name : NULL;
    return ret;
}

int store_library_org_signs(struct store *st, long long compact_id, const char *org_id, date_t day)
{
    struct db_stmt *stmt;
    int ret;

    if (!org_id) {
        return ERR_NOT_FOUND;
    }
    if ((ret = store_prepare(st, sql_org_signs, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, compact_id);
    db_bind_text(stmt, 2, org_id);
    store_bind_date(stmt, 3, day);
    return store_row_int(st, stmt, NULL);
}
