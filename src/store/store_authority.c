/* Authorities and their former codes. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "base/err.h"
#include "base/banned.h"

/* The 2011 code. PostgreSQL: joined once, not looked up again for each row (it ran that lookup
 * as a subplan per row: two fifths of its time on the page of 317 authorities). SQLite: looked
 * up for each row through authority_alias_gss, where it would group the former codes and index
 * them anew on every run (a fifth of the API's page of 100: 105 to 83 us of CPU). [PostgreSQL] */
#define AUTHORITY_SELECT_(alias)                                                                   \
    "SELECT a.gss, a.code, a.name, a.official_name, a.type, a.county_gss, c.name, a.region, "      \
    "a.start_date, a.end_date, a.sets, " alias
#define AUTHORITY_FROM_(alias)                                                                     \
    " FROM authority a LEFT JOIN authority c ON c.gss = a.county_gss " alias
#define S_SELECT                                                                                   \
    AUTHORITY_SELECT_("(SELECT min(alias) FROM authority_alias x WHERE x.gss = a.gss AND "         \
                      "x.in_2011 <> 0)")
#define S_FROM   AUTHORITY_FROM_("")
#define P_SELECT AUTHORITY_SELECT_("al.alias")
#define P_FROM                                                                                     \
    AUTHORITY_FROM_("LEFT JOIN (SELECT gss, min(alias) AS alias FROM authority_alias "             \
                    "WHERE in_2011 <> 0 GROUP BY gss) AS al ON al.gss = a.gss ")

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
#define COUNT(where) "SELECT count(*) FROM authority a " where
/* The API's pages, after code ?4 ("" for the first): each row ends with how many match without
 * the page (column 12), so that a page and its total are one statement. */
#define PAGE_BY_GSS_(K, where)                                                                     \
    K##_SELECT ", (" COUNT(where) ")" K##_FROM where "AND a.gss > ?4 ORDER BY a.gss LIMIT ?5"
#define LIST_BY_NAME_(K, where) K##_SELECT K##_FROM where "ORDER BY a.name, a.gss LIMIT ?5"
#define PAGE_BY_GSS_S(where)    PAGE_BY_GSS_(S, where)
#define PAGE_BY_GSS_P(where)    PAGE_BY_GSS_(P, where)
#define LIST_BY_NAME_S(where)   LIST_BY_NAME_(S, where)
#define LIST_BY_NAME_P(where)   LIST_BY_NAME_(P, where)
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
static const char *const sql_pages[2][8] = {SHAPES(PAGE_BY_GSS_S), SHAPES(PAGE_BY_GSS_P)};
static const char *const sql_lists_by_name[2][8] = {SHAPES(LIST_BY_NAME_S), SHAPES(LIST_BY_NAME_P)};
static const char *const sql_listed[2][8] = {SHAPES(LISTED), SHAPES(LISTED_PG)};
static const char *const sql_counts[8] = SHAPES(COUNT);
static const char sql_count_by_type[] =
    "SELECT a.type, count(*) FROM authority a " AUTHORITY_WHERE "GROUP BY a.type";
#define GET_(K)                                                                                    \
    K##_SELECT K##_FROM                                                                            \
        "WHERE a.gss = ?1 OR a.gss = (SELECT gss FROM authority_alias WHERE alias = ?1)"
static const char *const sql_get[2] = {GET_(S), GET_(P)};
static const char sql_put[] =
    "INSERT INTO authority (gss, code, name, official_name, type, county_gss, region, "
    "start_date, end_date, sets) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT (gss) DO UPDATE SET code = ?2, name = ?3, official_name = ?4, type = ?5, "
    "county_gss = ?6, region = ?7, start_date = ?8, end_date = ?9, sets = ?10";
static const char sql_alias_put[] =
    "INSERT INTO authority_alias (alias, gss, in_2011) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (alias) DO UPDATE SET gss = ?2, in_2011 = ?3";

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

int store_authority_put(struct store *st, const struct authority *a)
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
    return store_run(st, stmt);
}

int store_authority_alias_put(struct store *st, const char *alias, const char *gss, int in_2011)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_alias_put, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, alias);
    db_bind_text(stmt, 2, gss);
    db_bind_int(stmt, 3, in_2011 != 0);
    return store_run(st, stmt);
}

int store_authority_get(struct store *st, const char *code, struct arena *arena,
                        struct authority *out)
{
    struct db_stmt *stmt;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_get[db_kind(st->db) == DB_PG], &stmt)) < 0) {
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

/* How many authorities there are, then how many are outside set a (their sets ?1 or ?2) and
 * outside set b (?3 or ?4): a count of the table SQLite keeps the pages for, and two short
 * ranges of the small index authority_sets (migration 0015). 14 us of CPU a run counting
 * every authority's sets, a quarter of a coordinator's home; 6 us so. */
static const char sql_count_sets[] = "SELECT (SELECT count(*) FROM authority), "
                                     "(SELECT count(*) FROM authority WHERE sets IN (?1, ?2)), "
                                     "(SELECT count(*) FROM authority WHERE sets IN (?3, ?4))";
_Static_assert(AUTH_SET_COUNT == 2, "sql_count_sets names the sets outside one of two");

int store_authority_count_sets(struct store *st, int a, int b, size_t *in_a, size_t *in_b)
{
    struct db_stmt *stmt;
    int ret, rc;

    *in_a = *in_b = 0;
    if ((ret = store_prepare(st, sql_count_sets, &stmt)) < 0) {
        return ret;
    }
    /* outside a set: in none, or in the other alone */
    db_bind_int(stmt, 1, 0);
    db_bind_int(stmt, 2, 3 & ~(1 << a));
    db_bind_int(stmt, 3, 0);
    db_bind_int(stmt, 4, 3 & ~(1 << b));
    if ((rc = store_step(st, stmt)) == DB_ROW) {
        long long all = db_column_int64(stmt, 0);
        *in_a = (size_t)(all - db_column_int64(stmt, 1));
        *in_b = (size_t)(all - db_column_int64(stmt, 2));
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

int store_authority_page(struct store *st, const struct authority_filter *f, struct arena *arena,
                         struct authority **items, size_t *n, size_t *total)
{
    struct db_stmt *stmt;
    void *v;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = prepare_filter(
             st, (f->by_name ? sql_lists_by_name : sql_pages)[db_kind(st->db) == DB_PG][shape(f)],
             f, &stmt)) < 0) {
        return ret;
    }
    if (!f->by_name) {
        store_bind_text(stmt, 4, f->after ? f->after : "");
    }
    store_bind_limit(stmt, 5, f->limit);
    ret = store_rows_total(st, stmt, arena, sizeof(**items), read_row, &v, n, 12, total);
    *items = v;
    /* an empty page says nothing of the others */
    return ret == 0 && total && !*n ? store_authority_count(st, f, total) : ret;
}

int store_authority_list(struct store *st, const struct authority_filter *f, struct arena *arena,
                         struct authority **items, size_t *n)
{
    return store_authority_page(st, f, arena, items, n, NULL);
}

int store_authority_listed(struct store *st, const struct authority_filter *f, struct arena *arena,
                           struct authority **items, size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *items = NULL;
    *n = 0;
    if (db_kind(st->db) == DB_PG && f->type < 0 && f->region < 0) {
        if ((ret = prepare_filter(st, sql_listed_own[f->set >= 0], f, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 4, LLONG_MAX); /* "LIMIT ?4": every row */
        if ((ret = store_rows(st, stmt, arena, sizeof(**items), read_listed_own, items, n)) < 0 ||
            counties_named(*items, *n, arena)) {
            return ret;
        }
        *items = NULL; /* a county not among them: read again, with each county looked up */
        *n = 0;
    }
    if ((ret = prepare_filter(st, sql_listed[db_kind(st->db) == DB_PG][shape(f)], f, &stmt)) < 0) {
        return ret;
    }
    if (db_kind(st->db) == DB_PG) {
        db_bind_int64(stmt, 4, LLONG_MAX); /* LISTED_PG's "LIMIT ?4": every row */
    }
    return store_rows(st, stmt, arena, sizeof(**items), read_listed, items, n);
}
