/*
 * The one search (store_search.h). The index's writes are one statement pair a kind, the same
 * on both engines but for the ordered lists (STORE_JOINED_*); the search is one statement for
 * each engine side by side, the same shape: its MATCH or @@, its rank, its snippet.
 */
#include "store_search.h"

#include <limits.h>
#include <string.h>

#include "store_int.h"
#include "core/authority.h"
#include "core/library.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/banned.h"

#define DOC_INSERT                                                                                 \
    "INSERT INTO search_doc (id, kind, item_id, ref, title, body, themes, regions, year) "
/* search_doc's id: the kind (1 to 4: enum search_kind's order) times 2^40 and the item's id, so
 * that the index's order is the kind's, then the item's (SEARCH_RANKED: the library comes
 * before the organisations), and a document keeps its id when it is indexed again. */
#define DOC_ID(kind, id) kind " * 1099511627776 + " id ", "
#define DOC_ID_KIND      1099511627776LL
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
    "SELECT " DOC_ID(                                                                              \
        "1",                                                                                       \
        "cs.id") "'case_study', cs.id, CAST(cs.id AS TEXT), cs.title, cs.summary || ' ' || "       \
                 "coalesce(cs.outcome, '') || ' ' || coalesce(cs.organisations, '') || ' ' || "    \
                 "coalesce(cs.source_citation, ''), " BARS(                                        \
                     J, "theme", "FROM case_study_theme WHERE case_study_id = cs.id",              \
                     "theme") ", " REGIONS(J, "case_study_area",                                   \
                                           "x.case_study_id = cs.id") ", cs.year FROM case_study " \
                                                                      "cs WHERE "                  \
                                                                      "(cs.id = ?1 OR ?1 = 0) "    \
                                                                      "AND "                       \
                                                                      "cs.status = 'published'"
#define INDEX_RESOURCE(J)                                                                          \
    DOC_INSERT "SELECT " DOC_ID(                                                                   \
        "2", "r.id") "'resource', r.id, CAST(r.id AS TEXT), r.title, coalesce(r.summary, ''), "    \
                     "'||', " REGIONS(                                                             \
                         J, "compact_authority",                                                   \
                         "x.compact_id = r.compact_id") ", CAST(substr(r.published_on, 1, "        \
                                                        "4) AS INTEGER) FROM resource r "          \
                                                        "WHERE (r.id = ?1 OR ?1 = 0) AND "         \
                                                        "r.status = 'published'"
#define INDEX_COMPACT(J)                                                                           \
    DOC_INSERT                                                                                     \
    "SELECT " DOC_ID("3", "c.id") "'compact', c.id, CAST(c.id AS TEXT), c.name, coalesce(" J(      \
        "k.title || ' ' || coalesce(k.summary, '')", "' '",                                        \
        "FROM compact_code k WHERE "                                                               \
        "k.compact_id = c.id",                                                                     \
        "k.id") ", '') || ' ' || coalesce(" J("a.name", "' '",                                     \
                                              "FROM compact_authority x JOIN authority a ON "      \
                                              "a.gss = x.gss WHERE x.compact_id = c.id",           \
                                              "a.name") ", ''), '||', " REGIONS(J,                 \
                                                                                "compact_"         \
                                                                                "authority",       \
                                                                                "x.compact_"       \
                                                                                "id = "            \
                                                                                "c.id") ", "       \
                                                                                        "CAST"     \
                                                                                        "("        \
                                                                                        "subs"     \
                                                                                        "tr("      \
                                                                                        "c."       \
                                                                                        "adop"     \
                                                                                        "ted,"     \
                                                                                        " 1, "     \
                                                                                        "4) "      \
                                                                                        "AS "      \
                                                                                        "INTE"     \
                                                                                        "GER)"     \
                                                                                        " FRO"     \
                                                                                        "M "       \
                                                                                        "comp"     \
                                                                                        "act "     \
                                                                                        "c "       \
                                                                                        "WHER"     \
                                                                                        "E "       \
                                                                                        "(c."      \
                                                                                        "id "      \
                                                                                        "= "       \
                                                                                        "?1 "      \
                                                                                        "OR "      \
                                                                                        "?1 "      \
                                                                                        "= 0)"
#define INDEX_ORGANISATION                                                                         \
    DOC_INSERT "SELECT " DOC_ID(                                                                   \
        "4", "o.id") "'organisation', o.id, coalesce(o.org_id, CAST(o.id AS TEXT)), o.name, "      \
                     "coalesce(o.org_id, '') || ' ' || coalesce(a.name, ''), '||', "               \
                     "'|' || coalesce(a.region, '') || '|', NULL FROM organisation o "             \
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
 * The documents of one kind: search_doc's id range ?25 to ?26 (SEARCH_KIND_IDS; every id when
 * no kind is asked for or the index is older than these ids: DOC_ID). A range FTS5 reads as
 * cheaply as the match itself, where d.kind would read search_doc for each.
 */
#define KIND(id) " AND " id " BETWEEN ?25 AND ?26"
/*
 * A page of results is ranked within its block (search.h, SEARCH_RANKED): the block's matches
 * are those numbered ?23 to ?24 (from 0) in the index's order (search_doc's id: the kind, then
 * the item), lo and hi the ids of its first and last, but the first block's lo is the start
 * (?23 0) and the last block's hi the end (?24 -1); lo NULL past the last match. So a question
 * is ranked over at most SEARCH_RANKED documents whatever it matches, and a page (?6, ?7 within
 * the block) never straddles two.
 */
#define BOUND(M, id, offset)                                                                       \
    "(SELECT " id " FROM " M KIND(id) FILTERS " ORDER BY " id " LIMIT 1 OFFSET " offset ")"
#define BLOCK(M, id)                                                                               \
    "b (lo, hi) AS (SELECT CASE WHEN ?23 = 0 THEN ?25 ELSE " BOUND(                                \
        M, id, "?23") " END, "                                                                     \
                      "CASE WHEN ?24 < 0 THEN ?26 ELSE " BOUND(M, id, "?24") " END)"
/*
 * How many of the words a document holds, the first key of the order (the rank the second):
 * ?11 to ?22 each one word's query, '' for none. So a document with more of the words comes
 * first whatever its length, in both engines (ts_rank knows nothing of a word's rarity).
 */
#define HAS_SQLITE(n)                                                                              \
    "CASE WHEN ?" #n " = '' THEN 0 WHEN d.id IN (SELECT rowid FROM search_fts WHERE search_fts "   \
    "MATCH ?" #n " AND rowid BETWEEN (SELECT lo FROM b) AND (SELECT hi FROM b)) THEN 1 ELSE 0 END"
/* The word's query a subquery, made once for the statement. */
#define HAS_PG(n)                                                                                  \
    "CASE WHEN ?" #n " = '' THEN 0 WHEN d.doc @@ (SELECT to_tsquery('english', ?" #n               \
    ")) THEN 1 ELSE 0 END"
#define WORDS(H)                                                                                   \
    "(" H(11) " + " H(12) " + " H(13) " + " H(14) " + " H(15) " + " H(16) " + " H(17) " + " H(     \
        18) " + " H(19) " + " H(20) " + " H(21) " + " H(22) ")"
#define WORD_PARAMS 11 /* the first of them */

/*
 * SQLite: FTS5's MATCH, bm25 (a title's words count twice a body's) over the block (b first:
 * its range bounds FTS5's scan), then the snippet of the page's rows only (the block's scan
 * again: FTS5 reads the match once, where a lookup a row would read it again for each); for
 * any of the words (words: 0 for every word), the documents with more of them first.
 */
#define FTS          "search_fts.rowid"
#define MATCH_SQLITE "search_fts JOIN search_doc d ON d.id = " FTS " WHERE search_fts MATCH ?1"
#define IN_BLOCK(id) " AND " id " BETWEEN b.lo AND b.hi"
#define PAGE_SQLITE(words)                                                                         \
    "p (r, w, s) AS (SELECT " FTS ", " words                                                       \
    ", bm25(search_fts, 2.0, 1.0) FROM b CROSS JOIN " MATCH_SQLITE                                 \
    IN_BLOCK(FTS) FILTERS " ORDER BY 2 DESC, 3, 1 LIMIT ?6 OFFSET ?7)"
#define SEARCH_SQLITE(words)                                                                       \
    "WITH " BLOCK(MATCH_SQLITE, FTS) ", " PAGE_SQLITE(                                             \
        words) " SELECT d.kind, d.item_id, "                                                       \
               "d.ref, d.title, snippet(search_fts, -1, ?8, ?9, ?10, 24) FROM b CROSS "            \
               "JOIN " MATCH_SQLITE                                                                \
               IN_BLOCK(FTS) " AND +" FTS                                                          \
                             " IN (SELECT r FROM p) ORDER BY (SELECT w FROM p WHERE r = "          \
                             "d.id) DESC, (SELECT s FROM p WHERE r = d.id), d.id"
static const char sql_search_sqlite[] = SEARCH_SQLITE("0");
static const char sql_search_sqlite_any[] = SEARCH_SQLITE(WORDS(HAS_SQLITE));
/* The count: FTS5 alone when no filter needs search_doc's columns. */
static const char sql_count_sqlite[] = "SELECT count(*) FROM " MATCH_SQLITE KIND(FTS) FILTERS;
static const char sql_count_fts[] =
    "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1" KIND("rowid");
/*
 * PostgreSQL: @@, ts_rank (title weight A, body B) over the block, ts_headline over the page's
 * rows only; '<' followed by U+E000 there, so that its parser takes no text for a tag (which
 * it would leave out of the headline), and a word before the text, so that a headline from the
 * start keeps what comes before the first word ("<script>alert"): both taken out by read_hit_pg.
 */
#define MATCH_PG "search_doc d, q WHERE d.doc @@ q.q"
/*
 * These statements are planned for their values at each run (db_plan_each): a named statement
 * is planned once for any values after five runs, when a range of ids with unknown bounds looks
 * like 0.5% of the table, and PostgreSQL walked the primary key testing @@ on every document of
 * the range (every one of 170,000 organisations for a question with 20 matches). Planned for
 * its values, with the statistics, a range is read from the key only where it is narrow (a kind,
 * a block past the first), the matches from the GIN index. The block's ids are the page's ?23
 * and ?24 (read by sql_count_pg), so that its plan knows them.
 */
#define PAGE_PG(words)                                                                             \
    "p AS (SELECT d.id, d.kind, d.item_id, d.ref, d.title, d.body, " words " AS words, "           \
    "ts_rank(d.doc, q.q) AS rank FROM " MATCH_PG " AND d.id BETWEEN ?23 AND ?24" FILTERS           \
    " ORDER BY words DESC, rank DESC, d.id LIMIT ?6 OFFSET ?7)"
#define HEADLINE_PG                                                                                \
    "ts_headline('english', 'qzxqzx ' || replace(p.title || ' — ' || p.body, '<', '<' || "       \
    "chr(57344)), q.q, ?8)"
#define SEARCH_PG(words)                                                                           \
    "WITH q AS (SELECT to_tsquery('english', ?1) AS q), " PAGE_PG(                                 \
        words) " SELECT p.kind, p.item_id, p.ref, p.title, " HEADLINE_PG " FROM p, q ORDER BY "    \
               "words DESC, rank DESC, id"
static const char sql_search_pg[] = SEARCH_PG("0");
static const char sql_search_pg_any[] = SEARCH_PG(WORDS(HAS_PG));
/*
 * The count, and the ids of the matches numbered ?23 and ?24 in the index's order (NULL past
 * the last): the block's bounds (BLOCK) from the one read of the matches that counts them,
 * where BLOCK's subqueries would read every match of a question again for each (PostgreSQL's
 * GIN index gives them in no order: 10,000 matches cost as much to bound as to count).
 */
static const char sql_count_pg[] =
    "SELECT n, a[CAST(?23 AS integer) + 1], a[CAST(?24 AS integer) + 1] FROM (SELECT count(*) "
    "AS n, array_agg(d.id ORDER BY d.id) AS a FROM search_doc d, to_tsquery('english', "
    "?1) AS q WHERE d.doc @@ q" KIND("d.id") FILTERS ") AS c";
/* What SEARCH_PG puts after each '<' of a headline's text (U+E000, private use), and before
 * the text. */
static const char pg_not_tag[] = "\xee\x80\x80";
static const char pg_start[] = "qzxqzx ";
/* Whether the index is older than DOC_ID's ids (made before them, not made again since): then
 * a kind is not a range of ids. Its smallest id, which both engines read from the key (a LIMIT 1
 * under a WHERE read the whole table on PostgreSQL until its statistics were gathered). */
static const char sql_old_ids[] =
    "SELECT count(*) FROM search_doc WHERE id = (SELECT min(id) FROM search_doc) AND id < "
    "1099511627776";

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

/* read_hit for SEARCH_PG: its headline's text without pg_start and the pg_not_tag after each
 * '<'. */
static void read_hit_pg(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct search_hit *h = item;
    const char *in = db_column_text(stmt, 4);
    char *out;
    size_t n = 0, skip = sizeof(pg_not_tag) - 1;

    read_hit(stmt, arena, item);
    if (!in || !(out = arena_strdup(arena, in))) {
        return;
    }
    if (!strncmp(in, pg_start, sizeof(pg_start) - 1)) {
        in += sizeof(pg_start) - 1;
    }
    for (size_t i = 0; in[i]; i++) {
        out[n++] = in[i];
        if (in[i] == '<' && !strncmp(in + i + 1, pg_not_tag, skip)) {
            i += skip;
        }
    }
    out[n] = '\0';
    h->snippet = out;
}

/*
 * Run sql_count_pg, bound for block: *total, and the block's lo and hi (BLOCK) into *lo and *hi,
 * *lo_null 1 when the block starts past the last match (kind range lo to hi: the kind's).
 */
static int count_pg(struct store *st, struct db_stmt *stmt, size_t block, size_t *total,
                    long long *lo, int *lo_null, long long *hi)
{
    int rc = store_step(st, stmt), ret = 0;

    *total = 0;
    *lo_null = 0;
    if (rc != DB_ROW) {
        ret = rc == DB_DONE ? 0 : store_fail(st, rc);
    } else {
        long long n = db_column_int64(stmt, 0);
        *total = n > 0 ? (size_t)n : 0;
        if (block) {
            *lo_null = db_column_is_null(stmt, 1);
            *lo = *lo_null ? 0 : db_column_int64(stmt, 1);
        }
        if (*total > block + SEARCH_RANKED) {
            *hi = db_column_int64(stmt, 2);
        }
    }
    store_done(stmt);
    return ret;
}

/*
 * The range of ids of f's kind (KIND) into *lo and *hi, every id when it has none; *join 1 when a
 * filter needs search_doc's columns (0: SQLite counts with FTS5 alone).
 */
static int kind_ids(struct store *st, const struct search_filter *f, long long *lo, long long *hi,
                    int *join)
{
    struct db_stmt *stmt;
    size_t old = 0;
    int ret;

    *lo = -LLONG_MAX;
    *hi = LLONG_MAX;
    *join = f->theme >= 0 || f->region >= 0 || f->year;
    if (f->kind < 0) {
        return 0;
    }
    if ((ret = store_prepare(st, sql_old_ids, &stmt)) < 0 ||
        (ret = store_row_count(st, stmt, &old)) < 0) {
        return ret;
    }
    if (old) { /* d.kind only */
        *join = 1;
    } else {
        *lo = (f->kind + 1) * DOC_ID_KIND;
        *hi = (f->kind + 2) * DOC_ID_KIND - 1;
    }
    return 0;
}

int store_search(struct store *st, const struct search_query *q, const struct search_filter *f,
                 struct arena *arena, struct search_hit **items, size_t *n, size_t *total)
{
    int pg = db_kind(st->db) == DB_PG, any = 0, join, lo_null = 0, ret;
    long long lo, hi, block_lo = 0, block_hi = 0;
    size_t offset = (f->page - 1) * f->limit, block = offset - offset % SEARCH_RANKED;
    struct buf match = BUF_INIT, theme = BUF_INIT, region = BUF_INIT;
    struct db_stmt *stmt;

    *items = NULL;
    *n = 0;
    *total = 0;
    if (!q->nwords) {
        return 0;
    }
    if ((ret = kind_ids(st, f, &lo, &hi, &join)) < 0) {
        return ret;
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
        if ((ret = store_prepare(st,
                                 pg     ? sql_count_pg
                                 : join ? sql_count_sqlite
                                        : sql_count_fts,
                                 &stmt)) < 0) {
            goto cleanup;
        }
        db_plan_each(stmt);
        bind_filters(stmt, match.data, f, &theme, &region);
        db_bind_int64(stmt, 25, lo);
        db_bind_int64(stmt, 26, hi);
        block_lo = lo;
        block_hi = hi;
        if (pg) {
            db_bind_int64(stmt, 23, (long long)block);
            db_bind_int64(stmt, 24, (long long)(block + SEARCH_RANKED - 1));
            ret = count_pg(st, stmt, block, total, &block_lo, &lo_null, &block_hi);
        } else {
            ret = store_row_count(st, stmt, total);
        }
        if (ret < 0) {
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
    db_plan_each(stmt);
    bind_filters(stmt, match.data, f, &theme, &region);
    db_bind_int64(stmt, 6, (long long)f->limit);
    db_bind_int64(stmt, 7, (long long)(offset - block));
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
    if (pg) { /* the block's bounds, as count_pg read them */
        if (lo_null) {
            db_bind_null(stmt, 23);
        } else {
            db_bind_int64(stmt, 23, block_lo);
        }
        db_bind_int64(stmt, 24, block_hi);
    } else {
        db_bind_int64(stmt, 25, lo);
        db_bind_int64(stmt, 26, hi);
        db_bind_int64(stmt, 23, (long long)block);
        db_bind_int64(stmt, 24,
                      *total > block + SEARCH_RANKED ? (long long)(block + SEARCH_RANKED - 1) : -1);
    }
    ret = store_rows(st, stmt, arena, sizeof(**items), pg ? read_hit_pg : read_hit, items, n);
cleanup:
    buf_release(&match);
    buf_release(&theme);
    buf_release(&region);
    return ret;
}
