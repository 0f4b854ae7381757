/* Authorities and their former codes. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "base/err.h"
#include "base/banned.h"

/* An authority's columns, the county's name as county (NULL where the statement has no use for
 * it, as the API's pages). */
#define AUTHORITY_SELECT_(county)                                                                  \
    "SELECT a.gss, a.code, a.name, a.official_name, a.type, a.county_gss, " county ", a.region, "  \
    "a.start_date, a.end_date, a.sets, a.gss_2011"
#define AUTHORITY_SELECT AUTHORITY_SELECT_("c.name")
#define AUTHORITY_FROM   " FROM authority a LEFT JOIN authority c ON c.gss = a.county_gss "

#define AUTHORITY_WHERE                                                                            \
    "WHERE (CAST(?1 AS BIGINT) IS NULL OR (a.sets & ?1) <> 0) "                                    \
    "AND (CAST(?2 AS TEXT) IS NULL OR a.type = ?2) "                                               \
    "AND (CAST(?3 AS TEXT) IS NULL OR a.region = ?3) "

/*
 * The lists and their counts have a statement for each shape of filter, the filters it names
 * and no others (set ?1, type ?2, region ?3), not one whose filters fall away when NULL: a
 * statement PostgreSQL keeps is planned for any parameters, and it guessed three rows for the
 * one with all its "?N IS NULL OR ...", sorting all the authorities for a page of the API by
 * code instead of reading them by it (310 us of the server a page, 140 us with this one's own).
 * [set | type << 1 | region << 2]
 */
#define BY_SET    "AND (a.sets & ?1) <> 0 "
#define BY_TYPE   "AND a.type = ?2 "
#define BY_REGION "AND a.region = ?3 "
#define SHAPES(M)                                                                                  \
    {                                                                                              \
        M("WHERE 1 = 1 "), M("WHERE 1 = 1 " BY_SET), M("WHERE 1 = 1 " BY_TYPE),                    \
            M("WHERE 1 = 1 " BY_SET BY_TYPE), M("WHERE 1 = 1 " BY_REGION),                         \
            M("WHERE 1 = 1 " BY_SET BY_REGION), M("WHERE 1 = 1 " BY_TYPE BY_REGION),               \
            M("WHERE 1 = 1 " BY_SET BY_TYPE BY_REGION)                                             \
    }
/* How many authorities match: a sum over authority_tally, the authorities counted by set bits,
 * type and region as they are written (migration 0017), which the filters name as they name
 * authority's columns. */
#define COUNT(where) "SELECT coalesce(sum(a.n), 0) FROM authority_tally a " where
/* The API's pages, after code ?4 ("" for the first): each row ends with how many match without
 * the page (column 12), so that a page and its total are one statement, and its stored JSON
 * (column 13, migration 0018). The county's name is not in the API's authority. */
#define PAGE_(where, count)                                                                        \
    AUTHORITY_SELECT_("NULL")                                                                      \
    ", (" count "), a.api_json FROM authority a " where "AND a.gss > ?4 ORDER BY a.gss LIMIT ?5"
#define PAGE_BY_GSS(where) PAGE_(where, COUNT(where))
/* The same page of the stored JSON alone (column 1; the total column 2): on PostgreSQL the
 * server then formats and sends one column a row, not thirteen. A row without it ends this
 * statement, and the page goes on with PAGE_. */
#define PAGE_JSON(where)                                                                           \
    "SELECT a.gss, a.api_json, (" COUNT(where) ") FROM authority a " where                         \
                                               "AND a.gss > ?4 ORDER BY a.gss LIMIT ?5"
#define LIST_BY_NAME(where) AUTHORITY_SELECT AUTHORITY_FROM where "ORDER BY a.name, a.gss LIMIT ?5"
/* The authorities page's list, with only what it shows, read in its order from the index
 * authority_list alone (migration 0015), and each district's county by its key: on PostgreSQL
 * through a lateral subquery, without which it hashes every authority and sorts them (0.35 ms
 * a run against 0.27). [PostgreSQL]
 * On PostgreSQL the list also ends with "LIMIT ?4", bound to the largest number: no page, but
 * the plan it keeps for the statement then reads authority_list in order too. Without it the
 * planner, counting a fetch from the table for every row of the index until VACUUM marks its
 * pages all-visible, chose to read the table and sort the rows, a third of the server's time on
 * the page (the sort's abbreviated keys alone, their hashes and estimates, 8%). */
#define LISTED_SELECT "SELECT a.gss, a.name, a.type, c.name, a.region FROM authority a "
#define LISTED_ORDER  "ORDER BY a.name, a.gss"
#define LISTED(where)                                                                              \
    LISTED_SELECT "LEFT JOIN authority c ON c.gss = a.county_gss " where LISTED_ORDER
#define LISTED_PG(where)                                                                           \
    LISTED_SELECT "LEFT JOIN LATERAL (SELECT c.name FROM authority c WHERE c.gss = a.county_gss "  \
                  "OFFSET 0) AS c ON TRUE " where LISTED_ORDER " LIMIT ?4"
/* On PostgreSQL the page's list by set alone, or of all, reads no county: each district's county
 * is one of the rows it reads (a set's districts have their county in the set), found among them
 * in C (counties_named). The lateral lookup of LISTED_PG, a nested loop and a cache probe for
 * every row, was 40% of the statement's time (167 to 97 us of the server's CPU a run); where a
 * county is not among the rows the page is read again with LISTED_PG. [set given] */
#define LISTED_OWN(where)                                                                          \
    "SELECT a.gss, a.name, a.type, a.county_gss, a.region FROM authority a " where LISTED_ORDER    \
    " LIMIT ?4"
static const char *const sql_listed_own[2] = {LISTED_OWN("WHERE 1 = 1 "),
                                              LISTED_OWN("WHERE 1 = 1 " BY_SET)};
static const char *const sql_pages[8] = SHAPES(PAGE_BY_GSS);
static const char *const sql_pages_json[8] = SHAPES(PAGE_JSON);
static const char *const sql_lists_by_name[8] = SHAPES(LIST_BY_NAME);
static const char *const sql_listed[2][8] = {SHAPES(LISTED), SHAPES(LISTED_PG)};
static const char *const sql_counts[8] = SHAPES(COUNT);
static const char sql_count_by_type[] =
    "SELECT a.type, sum(a.n) FROM authority_tally a " AUTHORITY_WHERE "GROUP BY a.type";
static const char sql_get[] = AUTHORITY_SELECT AUTHORITY_FROM
    "WHERE a.gss = ?1 OR a.gss = (SELECT gss FROM authority_alias WHERE alias = ?1)";
static const char sql_put[] =
    "INSERT INTO authority (gss, code, name, official_name, type, county_gss, region, "
    "start_date, end_date, sets, gss_2011, api_json) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
    "ON CONFLICT (gss) DO UPDATE SET code = ?2, name = ?3, official_name = ?4, type = ?5, "
    "county_gss = ?6, region = ?7, start_date = ?8, end_date = ?9, sets = ?10, gss_2011 = ?11, "
    "api_json = ?12";
/* A row whose JSON is already this one is not written again (nor its cached replies dropped).
 * Not "IS DISTINCT FROM", which SQLite has only from 3.39: ?2 is never NULL. */
static const char sql_json_put[] =
    "UPDATE authority SET api_json = ?2 WHERE gss = ?1 AND (api_json IS NULL OR api_json <> ?2)";
static const char sql_alias_put[] = "INSERT INTO authority_alias (alias, gss) VALUES (?1, ?2) "
                                    "ON CONFLICT (alias) DO UPDATE SET gss = ?2";

enum authority_type store_col_authority_type(struct db_stmt *stmt, int i)
{
    const char *type = (const char *)db_column_text(stmt, i);
    enum authority_type t;

    /* the CHECK constraint makes the fallback unreachable */
    return authority_type_parse(type ? type : "", &t) == 0 ? t : AUTH_UNITARY;
}

static void read_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct authority *a = item;

    a->gss = store_col(stmt, 0, arena);
    a->code = store_col(stmt, 1, arena);
    a->name = store_col(stmt, 2, arena);
    a->official_name = store_col(stmt, 3, arena);
    a->type = store_col_authority_type(stmt, 4);
    a->county_gss = store_col(stmt, 5, arena);
    a->county_name = store_col(stmt, 6, arena);
    a->region = store_col(stmt, 7, arena);
    a->start_date = store_col(stmt, 8, arena);
    a->end_date = store_col(stmt, 9, arena);
    a->sets = (unsigned)db_column_int(stmt, 10);
    a->gss_2011 = store_col(stmt, 11, arena);
}

/* A row of LISTED. */
static void read_listed(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct authority *a = item;

    a->gss = store_col(stmt, 0, arena);
    a->name = store_col(stmt, 1, arena);
    a->type = store_col_authority_type(stmt, 2);
    a->county_name = store_col(stmt, 3, arena);
    a->region = store_col(stmt, 4, arena);
}

/* A row of LISTED_OWN: the county's code where LISTED has its name. */
static void read_listed_own(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct authority *a = item;

    read_listed(stmt, arena, item);
    a->county_gss = a->county_name;
    a->county_name = NULL;
}

static int cmp_gss(const void *x, const void *y)
{
    return strcmp((*(const struct authority *const *)x)->gss,
                  (*(const struct authority *const *)y)->gss);
}

/* Name each row's county (LISTED_OWN's county_gss) from the counties among the n rows, as LISTED
 * gives it (the code not kept): whether every one was found. */
static int counties_named(struct authority *items, size_t n, struct arena *arena)
{
    const struct authority **counties, *const *found;
    struct authority key = {0};
    const struct authority *k = &key;
    size_t nc = 0;

    for (size_t i = 0; i < n; i++) {
        nc += items[i].type == AUTH_COUNTY;
    }
    counties = arena_alloc(arena, (nc ? nc : 1) * sizeof(*counties));
    nc = 0;
    for (size_t i = 0; i < n; i++) {
        if (items[i].type == AUTH_COUNTY) {
            counties[nc++] = &items[i];
        }
    }
    qsort(counties, nc, sizeof(*counties), cmp_gss);
    for (size_t i = 0; i < n; i++) {
        if (!items[i].county_gss) {
            continue;
        }
        key.gss = items[i].county_gss;
        if (!(found = bsearch(&k, counties, nc, sizeof(*counties), cmp_gss))) {
            return 0;
        }
        items[i].county_name = (*found)->name;
    }
    for (size_t i = 0; i < n; i++) {
        items[i].county_gss = NULL;
    }
    return 1;
}

/* The shape of f's filter: its index in SHAPES. */
static int shape(const struct authority_filter *f)
{
    return (f->set >= 0) | (f->type >= 0) << 1 | (f->region >= 0) << 2;
}

/* sql prepared with f's set, type and region bound (?1 to ?3). */
static int prepare_filter(struct store *st, const char *sql, const struct authority_filter *f,
                          struct db_stmt **out)
{
    int ret = store_prepare(st, sql, out);

    if (ret < 0) {
        return ret;
    }
    if (f->set >= 0) {
        db_bind_int(*out, 1, 1 << f->set);
    }
    if (f->type >= 0) {
        db_bind_text(*out, 2, authority_type_id((enum authority_type)f->type));
    }
    if (f->region >= 0) {
        db_bind_text(*out, 3, region_name((size_t)f->region));
    }
    return 0;
}

int store_authority_put(struct store *st, const struct authority *a, const char *json)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_put, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, a->gss);
    db_bind_text(stmt, 2, a->code);
    db_bind_text(stmt, 3, a->name);
    db_bind_text(stmt, 4, a->official_name);
    db_bind_text(stmt, 5, authority_type_id(a->type));
    store_bind_text(stmt, 6, a->county_gss);
    db_bind_text(stmt, 7, a->region);
    store_bind_text(stmt, 8, a->start_date);
    store_bind_text(stmt, 9, a->end_date);
    db_bind_int(stmt, 10, (int)a->sets);
    store_bind_text(stmt, 11, a->gss_2011);
    store_bind_text(stmt, 12, json);
    return store_run(st, stmt);
}

int store_authority_alias_put(struct store *st, const char *alias, const char *gss)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_alias_put, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, alias);
    db_bind_text(stmt, 2, gss);
    return store_run(st, stmt);
}

int store_authority_get(struct store *st, const char *code, struct arena *arena,
                        struct authority *out)
{
    struct db_stmt *stmt;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_get, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, code);
    return store_row(st, stmt, arena, read_row, out);
}

int store_authority_count(struct store *st, const struct authority_filter *f, size_t *out)
{
    struct db_stmt *stmt;
    int ret = prepare_filter(st, sql_counts[shape(f)], f, &stmt);

    *out = 0;
    return ret < 0 ? ret : store_row_count(st, stmt, out);
}

/* How many authorities are in set ?1 and how many in set ?2 (their bits), from the tally. */
static const char sql_count_sets[] =
    "SELECT coalesce(sum(CASE WHEN (sets & ?1) <> 0 THEN n ELSE 0 END), 0), "
    "coalesce(sum(CASE WHEN (sets & ?2) <> 0 THEN n ELSE 0 END), 0) FROM authority_tally";

int store_authority_count_sets(struct store *st, int a, int b, size_t *in_a, size_t *in_b)
{
    struct db_stmt *stmt;
    int ret, rc;

    *in_a = *in_b = 0;
    if ((ret = store_prepare(st, sql_count_sets, &stmt)) < 0) {
        return ret;
    }
    db_bind_int(stmt, 1, 1 << a);
    db_bind_int(stmt, 2, 1 << b);
    if ((rc = store_step(st, stmt)) == DB_ROW) {
        *in_a = (size_t)db_column_int64(stmt, 0);
        *in_b = (size_t)db_column_int64(stmt, 1);
    }
    ret = store_err(st, rc);
    store_done(stmt);
    return ret;
}

int store_authority_count_by_type(struct store *st, const struct authority_filter *f,
                                  size_t counts[AUTH_TYPE_COUNT])
{
    struct db_stmt *stmt;
    int ret, rc;

    memset(counts, 0, sizeof(counts[0]) * AUTH_TYPE_COUNT);
    if ((ret = prepare_filter(st, sql_count_by_type, f, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        const char *type = (const char *)db_column_text(stmt, 0);
        enum authority_type t;
        if (type && authority_type_parse(type, &t) == 0) {
            counts[t] = (size_t)db_column_int64(stmt, 1);
        }
    }
    ret = store_err(st, rc);
    store_done(stmt);
    return ret;
}

/* Bind what a page by code names beyond f's filters (store_authority_each). */
static void bind_page(struct db_stmt *stmt, const struct authority_filter *f)
{
    store_bind_text(stmt, 4, f->after ? f->after : "");
    store_bind_limit(stmt, 5, f->limit);
}

/* Each row of stmt, read by read with the engine's own strings, to fn with ctx; with total, the
 * first row's column 12 into it before the first call. How many rows into *n. */
static int each_row(struct store *st, struct db_stmt *stmt, store_row_fn *read,
                    store_authority_fn *fn, void *ctx, size_t *total, size_t *n)
{
    struct authority a;
    int ret = 0, rc = DB_DONE;

    *n = 0;
    while (ret >= 0 && (rc = store_step(st, stmt)) == DB_ROW) {
        if (total && !*n) {
            long long t = db_column_int64(stmt, 12);
            *total = t > 0 ? (size_t)t : 0;
        }
        ++*n;
        memset(&a, 0, sizeof(a));
        read(stmt, NULL, &a);
        ret = fn(ctx, &a);
    }
    if (ret >= 0) {
        ret = store_err(st, rc);
    }
    store_done(stmt);
    return ret;
}

/* The first row's total (column col) into *total. */
static void page_total(struct db_stmt *stmt, int col, size_t *total)
{
    long long t = db_column_int64(stmt, col);
    *total = t > 0 ? (size_t)t : 0;
}

int store_authority_each(struct store *st, const struct authority_filter *f, size_t *total,
                         store_authority_json_fn *fn, void *ctx)
{
    struct authority_filter rest = *f;
    char after[GSS_LEN + 1] = "";
    struct db_stmt *stmt;
    struct authority a = {0};
    size_t n = 0, len;
    int ret = 0, rc = DB_DONE, whole = 1;

    *total = 0;
    if ((ret = prepare_filter(st, sql_pages_json[shape(f)], f, &stmt)) < 0) {
        return ret;
    }
    bind_page(stmt, f);
    while (ret >= 0 && (rc = store_step(st, stmt)) == DB_ROW) {
        const char *json = db_column_text(stmt, 1);
        if (!n) {
            page_total(stmt, 2, total);
        }
        a.gss = db_column_text(stmt, 0);
        if (!json) { /* the rest of the page from its columns */
            whole = 0;
            break;
        }
        n++;
        len = strnlen(a.gss, GSS_LEN); /* the key: never NULL */
        memcpy(after, a.gss, len);
        after[len] = '\0';
        ret = fn(ctx, &a, json);
    }
    if (ret >= 0 && whole) {
        ret = store_err(st, rc);
    }
    store_done(stmt);
    if (ret < 0 || whole) {
        /* an empty page says nothing of the others */
        return ret == 0 && !n ? store_authority_count(st, f, total) : ret;
    }
    /* after: the last authority given, or none (then f's own cursor) */
    rest.after = n ? after : f->after;
    rest.limit = f->limit ? f->limit - n : 0;
    if ((ret = prepare_filter(st, sql_pages[shape(f)], f, &stmt)) < 0) {
        return ret;
    }
    bind_page(stmt, &rest);
    while (ret >= 0 && (rc = store_step(st, stmt)) == DB_ROW) {
        const char *json = db_column_text(stmt, 13);
        memset(&a, 0, sizeof(a));
        if (json) {
            a.gss = db_column_text(stmt, 0);
        } else {
            read_row(stmt, NULL, &a);
        }
        ret = fn(ctx, &a, json);
    }
    if (ret >= 0) {
        ret = store_err(st, rc);
    }
    store_done(stmt);
    return ret;
}

int store_authority_json_write(struct store *st, store_authority_render_fn *render, size_t *written)
{
    struct authority_filter f = {.set = -1, .type = -1, .region = -1};
    struct authority *items;
    struct db_stmt *stmt;
    struct arena arena;
    struct buf json = BUF_INIT;
    size_t n;
    int ret;

    *written = 0;
    arena_init(&arena);
    ret = store_authority_list(st, &f, &arena, &items, &n);
    for (size_t i = 0; ret == 0 && i < n; i++) {
        buf_reset(&json);
        render(&json, &items[i]);
        if (buf_failed(&json) || !json.len) {
            ret = ERR_TOO_BIG;
            break;
        }
        if ((ret = store_prepare(st, sql_json_put, &stmt)) < 0) {
            break;
        }
        db_bind_text(stmt, 1, items[i].gss);
        db_bind_text(stmt, 2, json.data);
        if ((ret = store_run(st, stmt)) == 0) {
            *written += db_changes(st->db) > 0;
        }
    }
    buf_release(&json);
    arena_release(&arena);
    if (ret < 0) {
        *written = 0;
    }
    return ret;
}

int store_authority_list(struct store *st, const struct authority_filter *f, struct arena *arena,
                         struct authority **items, size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = prepare_filter(st, (f->by_name ? sql_lists_by_name : sql_pages)[shape(f)], f,
                              &stmt)) < 0) {
        return ret;
    }
    if (f->by_name) {
        store_bind_limit(stmt, 5, f->limit);
    } else {
        bind_page(stmt, f);
    }
    return store_rows(st, stmt, arena, sizeof(**items), read_row, items, n);
}

int store_authority_listed(struct store *st, const struct authority_filter *f, struct arena *arena,
                           store_authority_fn *fn, void *ctx)
{
    int pg = db_kind(st->db) == DB_PG;
    struct db_stmt *stmt;
    size_t n;
    int ret;

    if (pg && f->type < 0 && f->region < 0) {
        struct authority *items;
        if ((ret = prepare_filter(st, sql_listed_own[f->set >= 0], f, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 4, LLONG_MAX); /* "LIMIT ?4": every row */
        if ((ret = store_rows(st, stmt, arena, sizeof(*items), read_listed_own, &items, &n)) < 0) {
            return ret;
        }
        if (counties_named(items, n, arena)) {
            for (size_t i = 0; i < n && ret >= 0; i++) {
                ret = fn(ctx, &items[i]);
            }
            return ret;
        }
        /* a county not among them: read again, with each county looked up */
    }
    if ((ret = prepare_filter(st, sql_listed[pg][shape(f)], f, &stmt)) < 0) {
        return ret;
    }
    if (pg) {
        db_bind_int64(stmt, 4, LLONG_MAX); /* LISTED_PG's "LIMIT ?4": every row */
    }
    return each_row(st, stmt, read_listed, fn, ctx, NULL, &n);
}
