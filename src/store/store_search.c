/*
 * The one search (store_search.h). The index's writes are one statement pair a kind, the same
 * on both engines but for the ordered lists (STORE_JOINED_*); the search is one statement for
 * each engine side by side, the same shape: its MATCH or @@, its rank, its snippet.
 */
#include "store_search.h"

#include <string.h>

#include "store_int.h"
#include "core/authority.h"
#include "core/library.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/banned.h"

#define DOC_INSERT                                                                                 \
    "INSERT INTO search_doc (kind, item_id, ref, title, body, themes, regions, year) "
/* A list between '|' of what J joins ("|a|b|"; "||" for none). */
#define BARS(J, expr, from, order) "'|' || coalesce(" J(expr, "'|'", from, order) ", '') || '|'"
/* The regions of the authorities in the rows of table x (a gss column) where where holds. */
#define REGIONS(J, table, where)                                                                   \
    BARS(J, "region",                                                                              \
         "FROM (SELECT DISTINCT a.region FROM " table                                              \
         " x JOIN authority a ON a.gss = x.gss WHERE " where ") AS r",                             \
         "region")

#define INDEX_CASE_STUDY(J)                                                                        \
    DOC_INSERT                                                                                     \
    "SELECT 'case_study', cs.id, CAST(cs.id AS TEXT), cs.title, cs.summary || ' ' || "             \
    "coalesce(cs.outcome, '') || ' ' || coalesce(cs.organisations, '') || ' ' || "                 \
    "coalesce(cs.source_citation, ''), " BARS(                                                     \
        J, "theme", "FROM case_study_theme WHERE case_study_id = cs.id",                           \
        "theme") ", " REGIONS(J, "case_study_area",                                                \
                              "x.case_study_id = cs.id") ", cs.year FROM case_study cs WHERE "     \
                                                         "(cs.id = ?1 OR ?1 = 0) AND "             \
                                                         "cs.status = 'published'"
#define INDEX_RESOURCE(J)                                                                          \
    DOC_INSERT "SELECT 'resource', r.id, CAST(r.id AS TEXT), r.title, coalesce(r.summary, ''), "   \
               "'||', " REGIONS(J, "compact_authority",                                            \
                                "x.compact_id = r.compact_id") ", CAST(substr(r.published_on, 1, " \
                                                               "4) AS INTEGER) FROM resource r "   \
                                                               "WHERE (r.id = ?1 OR ?1 = 0) AND "  \
                                                               "r.status = 'published'"
#define INDEX_COMPACT(J)                                                                           \
    DOC_INSERT "SELECT 'compact', c.id, CAST(c.id AS TEXT), c.name, coalesce(" J(                  \
        "k.title || ' ' || coalesce(k.summary, '')", "' '",                                        \
        "FROM compact_code k WHERE "                                                               \
        "k.compact_id = c.id",                                                                     \
        "k.id") ", '') || ' ' || coalesce(" J("a.name", "' '",                                     \
                                              "FROM compact_authority x JOIN authority a ON "      \
                                              "a.gss = x.gss WHERE x.compact_id = c.id",           \
                                              "a.name") ", ''), '||', " REGIONS(J,                 \
                                                                                "compact_"         \
                                                                                "authority",       \
                                                                                "x.compact_id = "  \
                                                                                "c.id") ", "       \
                                                                                        "CAST("    \
                                                                                        "substr("  \
                                                                                        "c."       \
                                                                                        "adopted," \
                                                                                        " 1, 4) "  \
                                                                                        "AS "      \
                                                                                        "INTEGER)" \
                                                                                        " FROM "   \
                                                                                        "compact " \
                                                                                        "c WHERE " \
                                                                                        "(c.id = " \
                                                                                        "?1 OR "   \
                                                                                        "?1 = 0)"
#define INDEX_ORGANISATION                                                                         \
    DOC_INSERT "SELECT 'organisation', o.id, coalesce(o.org_id, CAST(o.id AS TEXT)), o.name, "     \
               "coalesce(o.org_id, '') || ' ' || coalesce(a.name, ''), '||', "                     \
               "'|' || coalesce(a.region, '') || '|', NULL FROM organisation o "                   \
               "LEFT JOIN authority a ON a.gss = o.gss WHERE (o.id = ?1 OR ?1 = 0)"

static const char sql_drop[] =
    "DELETE FROM search_doc WHERE kind = ?2 AND (item_id = ?1 OR ?1 = 0)";
static const char *const sql_index_sqlite[SEARCH_KIND_COUNT] = {
    INDEX_CASE_STUDY(STORE_JOINED_SQLITE), INDEX_RESOURCE(STORE_JOINED_SQLITE),
    INDEX_COMPACT(STORE_JOINED_SQLITE), INDEX_ORGANISATION};
static const char *const sql_index_pg[SEARCH_KIND_COUNT] = {
    INDEX_CASE_STUDY(STORE_JOINED_PG), INDEX_RESOURCE(STORE_JOINED_PG),
    INDEX_COMPACT(STORE_JOINED_PG), INDEX_ORGANISATION};

/* Item id of kind (0: every one) again. */
static int reindex(struct store *st, enum search_kind kind, long long id)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_drop, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_text(stmt, 2, search_kind_id(kind));
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, (db_kind(st->db) == DB_PG ? sql_index_pg : sql_index_sqlite)[kind],
                             &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    return store_run(st, stmt);
}

int store_search_index(struct store *st, enum search_kind kind, long long id)
{
    return id > 0 && (unsigned)kind < SEARCH_KIND_COUNT ? reindex(st, kind, id) : ERR_INVALID;
}

int store_search_rebuild(struct store *st)
{
    int ret = 0;

    for (int k = 0; k < SEARCH_KIND_COUNT && !ret; k++) {
        ret = reindex(st, (enum search_kind)k, 0);
    }
    return ret;
}

/* ---- searching ---- */

/* The filters, ?2 to ?5: kind, themes LIKE, regions LIKE, year ('' and 0: any). */
#define FILTERS                                                                                    \
    " AND (?2 = '' OR d.kind = ?2) AND (?3 = '' OR d.themes LIKE ?3) AND "                         \
    "(?4 = '' OR d.regions LIKE ?4) AND (?5 = 0 OR d.year = ?5)"
/*
 * How many of the words a document holds, the first key of the order (the rank the second):
 * ?11 to ?22 each one word's query, '' for none. So a document with more of the words comes
 * first whatever its length, in both engines (ts_rank knows nothing of a word's rarity).
 */
#define HAS_SQLITE(n)                                                                              \
    "CASE WHEN ?" #n " = '' THEN 0 WHEN d.id IN (SELECT rowid FROM search_fts WHERE search_fts "   \
    "MATCH ?" #n ") THEN 1 ELSE 0 END"
#define HAS_PG(n)                                                                                  \
    "CASE WHEN ?" #n " = '' THEN 0 WHEN d.doc @@ to_tsquery('english', ?" #n ") THEN 1 ELSE 0 END"
#define WORDS(H)                                                                                   \
    "(" H(11) " + " H(12) " + " H(13) " + " H(14) " + " H(15) " + " H(16) " + " H(17) " + " H(     \
        18) " + " H(19) " + " H(20) " + " H(21) " + " H(22) ")"
#define WORD_PARAMS 11 /* the first of them */

/* SQLite: FTS5's MATCH, bm25 (a title's words count twice a body's), its snippet; for any of
 * the words (rank: the order before bm25), the documents with more of them first. */
#define SEARCH_SQLITE(rank)                                                                        \
    "SELECT d.kind, d.item_id, d.ref, d.title, snippet(search_fts, -1, ?8, ?9, ?10, 24) "          \
    "FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid WHERE search_fts MATCH "         \
    "?1" FILTERS " ORDER BY " rank "bm25(search_fts, 2.0, 1.0), d.id LIMIT ?6 OFFSET ?7"
static const char sql_search_sqlite[] = SEARCH_SQLITE("");
static const char sql_search_sqlite_any[] = SEARCH_SQLITE(WORDS(HAS_SQLITE) " DESC, ");
static const char sql_count_sqlite[] =
    "SELECT count(*) FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid "
    "WHERE search_fts MATCH ?1" FILTERS;
/* PostgreSQL: @@, ts_rank (title weight A, body B), ts_headline over the page's rows only. */
#define SEARCH_PG(words)                                                                           \
    "SELECT kind, item_id, ref, title, ts_headline('english', title || ' — ' || body, q, ?8) "   \
    "FROM (SELECT d.kind, d.item_id, d.ref, d.title, d.body, q, " words " AS words, "              \
    "ts_rank(d.doc, q) AS rank, d.id FROM search_doc d, to_tsquery('english', ?1) AS q "           \
    "WHERE d.doc @@ q" FILTERS                                                                     \
    " ORDER BY words DESC, rank DESC, d.id LIMIT ?6 OFFSET ?7) AS hits "                           \
    "ORDER BY words DESC, rank DESC, id"
static const char sql_search_pg[] = SEARCH_PG("0");
static const char sql_search_pg_any[] = SEARCH_PG(WORDS(HAS_PG));
static const char sql_count_pg[] =
    "SELECT count(*) FROM search_doc d, to_tsquery('english', ?1) AS q WHERE d.doc @@ q" FILTERS;

static const char headline_options[] = "StartSel=" SEARCH_MARK_START ", StopSel=" SEARCH_MARK_END
                                       ", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, "
                                       "FragmentDelimiter=\" … \"";

static void bind_filters(struct db_stmt *stmt, const char *match, const struct search_filter *f,
                         struct buf *theme, struct buf *region)
{
    db_bind_text(stmt, 1, match);
    db_bind_text(stmt, 2, f->kind >= 0 ? search_kind_id((enum search_kind)f->kind) : "");
    db_bind_text(stmt, 3, theme->len ? theme->data : "");
    db_bind_text(stmt, 4, region->len ? region->data : "");
    db_bind_int(stmt, 5, f->year);
}

static void read_hit(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct search_hit *h = item;
    enum search_kind k = SEARCH_CASE_STUDY;

    search_kind_parse(db_column_text(stmt, 0), &k);
    h->kind = k;
    h->id = db_column_int64(stmt, 1);
    h->ref = store_col(stmt, 2, arena);
    h->title = store_col(stmt, 3, arena);
    h->snippet = store_col(stmt, 4, arena);
    if (!h->snippet) {
        h->snippet = "";
    }
}

int store_search(struct store *st, const struct search_query *q, const struct search_filter *f,
                 struct arena *arena, struct search_hit **items, size_t *n, size_t *total)
{
    int pg = db_kind(st->db) == DB_PG, any = 0, ret;
    struct buf match = BUF_INIT, theme = BUF_INIT, region = BUF_INIT;
    struct db_stmt *stmt;

    *items = NULL;
    *n = 0;
    *total = 0;
    if (!q->nwords) {
        return 0;
    }
    if (f->theme >= 0) {
        buf_addf(&theme, "%%|%s|%%", library_theme_id((enum library_theme)f->theme));
    }
    if (f->region >= 0) {
        buf_addf(&region, "%%|%s|%%", region_name((size_t)f->region));
    }
    /* every word; when that finds nothing, any of them (best first: those with the most) */
    for (; any <= (q->nwords > 1) && !*total; any++) {
        struct search_query each = *q;
        each.any = any;
        buf_reset(&match);
        (pg ? search_query_tsquery : search_query_fts5)(&each, &match);
        if (buf_failed(&match) || buf_failed(&theme) || buf_failed(&region)) {
            ret = ERR_TOO_BIG;
            goto cleanup;
        }
        if ((ret = store_prepare(st, pg ? sql_count_pg : sql_count_sqlite, &stmt)) < 0) {
            goto cleanup;
        }
        bind_filters(stmt, match.data, f, &theme, &region);
        if ((ret = store_row_count(st, stmt, total)) < 0) {
            goto cleanup;
        }
    }
    if (!*total) {
        goto cleanup;
    }
    any--; /* the pass that found them */
    if ((ret = store_prepare(st,
                             pg    ? any ? sql_search_pg_any : sql_search_pg
                             : any ? sql_search_sqlite_any
                                   : sql_search_sqlite,
                             &stmt)) < 0) {
        goto cleanup;
    }
    bind_filters(stmt, match.data, f, &theme, &region);
    db_bind_int64(stmt, 6, (long long)f->limit);
    db_bind_int64(stmt, 7, (long long)((f->page - 1) * f->limit));
    db_bind_text(stmt, 8, pg ? headline_options : SEARCH_MARK_START);
    db_bind_text(stmt, 9, SEARCH_MARK_END);
    db_bind_text(stmt, 10, "…");
    for (size_t i = 0; any && i < SEARCH_WORDS_MAX; i++) {
        struct search_query one = {0};
        struct buf w = BUF_INIT;
        if (i < q->nwords) {
            one.nwords = 1;
            memcpy(one.words, &q->words[i], sizeof(one.words[0]));
            (pg ? search_query_tsquery : search_query_fts5)(&one, &w);
        }
        db_bind_text_copy(stmt, WORD_PARAMS + (int)i, w.data);
        buf_release(&w);
    }
    ret = store_rows(st, stmt, arena, sizeof(**items), read_hit, items, n);
cleanup:
    buf_release(&match);
    buf_release(&theme);
    buf_release(&region);
    return ret;
}
