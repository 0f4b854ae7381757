/* The store on :memory:: migrations, authorities and aliases, constraints, forced errors, rows
 * by id, backup; on a file: how long a server's connection waits for a writer, bulk writes and
 * their checkpoint, the scratch database. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "store_backend.h"

#include "store/store.h"
#include "store/store_int.h"
#include "base/embed.h"
#include "base/err.h"

/* SQLite's migrations, as embedded (migrations/sqlite/). */
extern const struct embed_file store_migrations[];

/* The first number of the one row sql answers on st's connection. */
static long long number(struct store *st, const char *sql)
{
    return test_number(st->db, sql);
}

static struct store *open_mem(void)
{
    struct store *st;
    int from = -1, to = -1;
    assert_int_equal(store_open(test_db_uri(), STORE_CREATE, &st), 0);
    assert_int_equal(store_migrate(st, &from, &to), 0);
    assert_int_equal(from, 0);
    assert_int_equal(to, store_schema_latest());
    return st;
}

static const struct authority herts = {.gss = "E10000015",
                                       .code = "HRT",
                                       .name = "Hertfordshire",
                                       .official_name = "Hertfordshire County Council",
                                       .type = AUTH_COUNTY,
                                       .region = "East of England",
                                       .sets = AUTH_IN_2012 | AUTH_IN_CURRENT};
static const struct authority stalbans = {.gss = "E07000240",
                                          .code = "SAL",
                                          .name = "St Albans",
                                          .official_name = "St Albans City and District Council",
                                          .type = AUTH_DISTRICT,
                                          .county_gss = "E10000015",
                                          .region = "East of England",
                                          .gss_2011 = "E07000100",
                                          .sets = AUTH_IN_2012 | AUTH_IN_CURRENT};
static const struct authority bournemouth = {.gss = "E06000028",
                                             .code = "BMH",
                                             .name = "Bournemouth",
                                             .official_name = "Bournemouth BC",
                                             .type = AUTH_UNITARY,
                                             .region = "South West",
                                             .end_date = "2019-03-31",
                                             .sets = AUTH_IN_2012};

static void load(struct store *st)
{
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_authority_put(st, &stalbans, NULL), 0); /* before its county: deferred */
    assert_int_equal(store_authority_put(st, &herts, NULL), 0);
    assert_int_equal(store_authority_put(st, &bournemouth, NULL), 0);
    assert_int_equal(store_authority_alias_put(st, "E07000100", "E07000240"), 0);
    assert_int_equal(store_commit(st), 0);
}

static void test_migrate_is_idempotent(void **state)
{
    struct store *st = open_mem();
    int from = -1, to = -1, v = -1;
    (void)state;
    assert_int_equal(store_migrate(st, &from, &to), 0);
    assert_int_equal(from, to);
    assert_int_equal(store_schema_version(st, &v), 0);
    assert_int_equal(v, store_schema_latest());
    assert_true(v >= 1);
    assert_int_equal(number(st, "SELECT count(*) FROM schema_version"), v); /* a row each */
    assert_int_equal(store_ping(st), 0);
    store_close(st);
}

static void test_get_by_code_and_alias(void **state)
{
    struct store *st = open_mem();
    struct arena a;
    struct authority got;
    (void)state;
    arena_init(&a);
    load(st);
    assert_int_equal(store_authority_get(st, "E07000100", &a, &got), 0);
    assert_string_equal(got.gss, "E07000240");
    assert_string_equal(got.gss_2011, "E07000100");
    assert_string_equal(got.county_gss, "E10000015");
    assert_string_equal(got.county_name, "Hertfordshire");
    assert_int_equal(got.type, AUTH_DISTRICT);
    assert_int_equal(store_authority_get(st, "E07000240", &a, &got), 0);
    assert_string_equal(got.name, "St Albans");
    assert_int_equal(store_authority_get(st, "E10000015", &a, &got), 0);
    assert_null(got.gss_2011);
    assert_null(got.county_gss);
    assert_int_equal(store_authority_get(st, "E99999999", &a, &got), ERR_NOT_FOUND);
    assert_int_equal(store_authority_get(st, "' OR 1=1 --", &a, &got), ERR_NOT_FOUND);
    arena_release(&a);
    store_close(st);
}

/* What store_authority_each gave, copied: the strings it lends last only the call. */
struct seen {
    size_t n, fail_at, total[4];
    char gss[4][GSS_LEN + 1], gss_2011[4][GSS_LEN + 1], json[4][32];
    size_t *total_at; /* the caller's total, read at each call */
};

static int seen_one(void *ctx, const struct authority *a, const char *json)
{
    struct seen *s = ctx;

    assert_true(s->n < 4);
    s->total[s->n] = *s->total_at;
    snprintf(s->gss[s->n], sizeof(s->gss[0]), "%s", a->gss);
    snprintf(s->gss_2011[s->n], sizeof(s->gss_2011[0]), "%s", a->gss_2011 ? a->gss_2011 : "");
    snprintf(s->json[s->n], sizeof(s->json[0]), "%s", json ? json : "");
    assert_null(a->county_name); /* not the API's */
    if (json) {                  /* the stored JSON and the code alone */
        assert_null(a->name);
    } else {
        assert_non_null(a->name);
    }
    return ++s->n == s->fail_at ? ERR_INVALID : 0;
}

/* What store_authority_listed gave, each authority copied whole into an arena. */
struct kept {
    struct arena *arena;
    struct authority items[8];
    size_t n;
};

static const char *keep_str(struct arena *arena, const char *s)
{
    return s ? arena_strdup(arena, s) : NULL;
}

static int keep_one(void *ctx, const struct authority *a)
{
    struct kept *k = ctx;
    struct authority *to = &k->items[k->n++];

    assert_true(k->n <= 8);
    *to = *a;
    to->gss = keep_str(k->arena, a->gss);
    to->code = keep_str(k->arena, a->code);
    to->name = keep_str(k->arena, a->name);
    to->official_name = keep_str(k->arena, a->official_name);
    to->county_gss = keep_str(k->arena, a->county_gss);
    to->county_name = keep_str(k->arena, a->county_name);
    to->region = keep_str(k->arena, a->region);
    to->start_date = keep_str(k->arena, a->start_date);
    to->end_date = keep_str(k->arena, a->end_date);
    to->gss_2011 = keep_str(k->arena, a->gss_2011);
    return 0;
}

/* An authority's JSON as a test writes it: its code and name. */
static void render_test(struct buf *b, const struct authority *a)
{
    buf_addf(b, "{\"%s\":\"%s\"}", a->gss, a->name);
}

static void test_list_filters_and_cursor(void **state)
{
    struct store *st = open_mem();
    struct arena a;
    struct authority *items;
    size_t n, total, counts[AUTH_TYPE_COUNT];
    struct authority_filter f = {.set = AUTH_SET_CURRENT, .type = -1, .region = -1};
    struct authority *full;
    size_t nfull;
    long long was;
    size_t written;
    struct seen seen = {.total_at = &total};
    struct kept kept = {.arena = &a};
    (void)state;
    arena_init(&a);
    load(st);
    assert_int_equal(store_authority_count(st, &f, &total), 0);
    assert_int_equal(total, 2); /* Bournemouth is gone */
    f.set = AUTH_SET_2012;
    assert_int_equal(store_authority_count(st, &f, &total), 0);
    assert_int_equal(total, 3);
    assert_int_equal(store_authority_count_sets(st, AUTH_SET_2012, AUTH_SET_CURRENT, &total, &n),
                     0);
    assert_int_equal(total, 3); /* the home page's two figures, in one read */
    assert_int_equal(n, 2);
    assert_int_equal(store_authority_count_by_type(st, &f, counts), 0);
    assert_int_equal(counts[AUTH_COUNTY], 1);
    assert_int_equal(counts[AUTH_DISTRICT], 1);
    assert_int_equal(counts[AUTH_UNITARY], 1);
    assert_int_equal(counts[AUTH_LONDON_BOROUGH], 0);

    f.limit = 2; /* by GSS: E06000028, E07000240 | E10000015 */
    assert_int_equal(store_authority_list(st, &f, &a, &items, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].gss, "E06000028");
    assert_string_equal(items[1].gss, "E07000240");
    f.after = items[1].gss;
    assert_int_equal(store_authority_list(st, &f, &a, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].gss, "E10000015");
    /* the API's pages with their total: one statement of the stored JSON, one more to go on
     * from the row where it has none (here the first: none yet has), one more for an empty
     * page */
    f.after = NULL;
    was = db_statements(st->db);
    seen.n = 0;
    assert_int_equal(store_authority_each(st, &f, &total, seen_one, &seen), 0);
    assert_int_equal(db_statements(st->db), was + 2);
    assert_int_equal(seen.n, 2);
    assert_string_equal(seen.gss[1], "E07000240");
    assert_string_equal(seen.gss_2011[1], "E07000100");
    assert_int_equal(seen.total[0], 3); /* known before the first authority */
    assert_int_equal(total, 3);
    f.after = "E10000015";
    seen.n = 0;
    assert_int_equal(store_authority_each(st, &f, &total, seen_one, &seen), 0);
    assert_int_equal(seen.n, 0);
    assert_int_equal(total, 3);
    assert_int_equal(db_statements(st->db), was + 4);
    f.after = NULL;
    f.type = AUTH_DISTRICT;
    seen.n = 0;
    assert_int_equal(store_authority_each(st, &f, &total, seen_one, &seen), 0);
    assert_int_equal(seen.n, 1);
    assert_int_equal(total, 1);
    /* a set alone, counted from its index: all three were in the 2012 set, two are today */
    f.type = -1;
    f.set = AUTH_SET_2012;
    seen.n = 0;
    assert_int_equal(store_authority_each(st, &f, &total, seen_one, &seen), 0);
    assert_int_equal(total, 3);
    f.set = AUTH_SET_CURRENT;
    seen.n = 0;
    assert_int_equal(store_authority_each(st, &f, &total, seen_one, &seen), 0);
    assert_int_equal(total, 2);
    /* fn's failure stops the page */
    seen.n = 0;
    seen.fail_at = 1;
    assert_int_equal(store_authority_each(st, &f, &total, seen_one, &seen), ERR_INVALID);
    assert_int_equal(seen.n, 1);
    seen.fail_at = 0;
    /* a row's stored JSON is given in place of its columns: written with the row, or after it
     * where it is not what is stored already; forgotten when the row is written without it */
    assert_int_equal(store_authority_json_write(st, render_test, &written), 0);
    assert_int_equal(written, 3);
    assert_int_equal(store_authority_json_write(st, render_test, &written), 0);
    assert_int_equal(written, 0);
    assert_int_equal(store_authority_put(st, &herts, NULL), 0);
    assert_int_equal(store_authority_put(st, &bournemouth, "{\"with\":\"the row\"}"), 0);
    assert_int_equal(store_authority_json_write(st, render_test, &written), 0);
    assert_int_equal(written, 2);
    assert_int_equal(store_authority_put(st, &herts, NULL), 0);
    assert_int_equal(store_authority_put(st, &bournemouth, "{\"with\":\"the row\"}"), 0);
    f.set = -1;
    f.limit = 3;
    seen.n = 0;
    was = db_statements(st->db);
    assert_int_equal(store_authority_each(st, &f, &total, seen_one, &seen), 0);
    assert_int_equal(db_statements(st->db), was + 2); /* the second row has none */
    assert_int_equal(total, 3);
    assert_int_equal(seen.n, 3);
    assert_string_equal(seen.json[0], "{\"with\":\"the row\"}");
    assert_string_equal(seen.gss[1], "E07000240");
    assert_string_equal(seen.json[1], "{\"E07000240\":\"St Albans\"}");
    assert_string_equal(seen.json[2], "");
    /* every row with it: one statement; a page's limit holds across the two statements */
    assert_int_equal(store_authority_put(st, &herts, "{\"herts\":1}"), 0);
    seen.n = 0;
    was = db_statements(st->db);
    assert_int_equal(store_authority_each(st, &f, &total, seen_one, &seen), 0);
    assert_int_equal(db_statements(st->db), was + 1);
    assert_int_equal(seen.n, 3);
    assert_string_equal(seen.json[2], "{\"herts\":1}");
    assert_int_equal(store_authority_put(st, &stalbans, NULL), 0);
    f.limit = 2;
    seen.n = 0;
    assert_int_equal(store_authority_each(st, &f, &total, seen_one, &seen), 0);
    assert_int_equal(seen.n, 2);
    assert_string_equal(seen.json[0], "{\"with\":\"the row\"}");
    assert_string_equal(seen.json[1], "");
    assert_string_equal(seen.gss_2011[1], "E07000100");
    assert_int_equal(total, 3);
    f.after = "E06000028";
    f.limit = 1;
    seen.n = 0;
    assert_int_equal(store_authority_each(st, &f, &total, seen_one, &seen), 0);
    assert_int_equal(seen.n, 1);
    assert_string_equal(seen.gss[0], "E07000240");
    assert_string_equal(seen.json[0], "");
    assert_int_equal(total, 3);
    f.after = NULL;
    f.set = AUTH_SET_CURRENT;
    f.limit = 2;

    f = (struct authority_filter){.set = AUTH_SET_2012, .type = -1, .region = 8, .by_name = 1};
    assert_int_equal(store_authority_list(st, &f, &a, &items, &n), 0);
    assert_int_equal(n, 1); /* region 8 is the South West */
    assert_string_equal(items[0].name, "Bournemouth");
    f = (struct authority_filter){
        .set = AUTH_SET_2012, .type = AUTH_DISTRICT, .region = -1, .by_name = 1};
    assert_int_equal(store_authority_list(st, &f, &a, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].name, "St Albans");

    /* the authorities page's list: the same authorities in the same order, with what the page
     * shows of each (and nothing else), in one statement */
    f = (struct authority_filter){.set = AUTH_SET_2012, .type = -1, .region = -1, .by_name = 1};
    assert_int_equal(store_authority_list(st, &f, &a, &full, &nfull), 0);
    assert_int_equal(nfull, 3);
    was = db_statements(st->db);
    kept.n = 0;
    assert_int_equal(store_authority_listed(st, &f, &a, keep_one, &kept), 0);
    items = kept.items;
    n = kept.n;
    assert_int_equal(db_statements(st->db), was + 1);
    assert_int_equal(n, nfull);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(items[i].gss, full[i].gss);
        assert_string_equal(items[i].name, full[i].name);
        assert_int_equal(items[i].type, full[i].type);
        assert_string_equal(items[i].region, full[i].region);
        if (full[i].county_name) {
            assert_string_equal(items[i].county_name, full[i].county_name);
        } else {
            assert_null(items[i].county_name);
        }
        assert_null(items[i].code);
        assert_null(items[i].official_name);
        assert_null(items[i].county_gss);
    }
    f.type = AUTH_DISTRICT;
    kept.n = 0;
    assert_int_equal(store_authority_listed(st, &f, &a, keep_one, &kept), 0);
    items = kept.items;
    n = kept.n;
    assert_int_equal(n, 1);
    assert_string_equal(items[0].name, "St Albans");
    assert_string_equal(items[0].county_name, "Hertfordshire");
    f = (struct authority_filter){.set = AUTH_SET_CURRENT, .type = -1, .region = 8, .by_name = 1};
    kept.n = 0;
    assert_int_equal(store_authority_listed(st, &f, &a, keep_one, &kept), 0);
    items = kept.items;
    n = kept.n;
    assert_int_equal(n, 0); /* Bournemouth, the South West's, is gone */
    /* a district of a set whose county is not in it: its county is named all the same (on
     * PostgreSQL, found among the rows read when it is there, else read by its key) */
    {
        struct authority county = herts, district = stalbans;
        county.gss = "E10000099";
        county.code = "OLD";
        county.name = "Oldshire";
        county.sets = AUTH_IN_CURRENT;
        district.gss = "E07000999";
        district.code = "ODD";
        district.name = "Oddington";
        district.county_gss = "E10000099";
        district.sets = AUTH_IN_2012;
        assert_int_equal(store_authority_put(st, &county, NULL), 0);
        assert_int_equal(store_authority_put(st, &district, NULL), 0);
    }
    f = (struct authority_filter){.set = AUTH_SET_2012, .type = -1, .region = -1, .by_name = 1};
    kept.n = 0;
    assert_int_equal(store_authority_listed(st, &f, &a, keep_one, &kept), 0);
    items = kept.items;
    n = kept.n;
    assert_int_equal(n, 4);
    assert_string_equal(items[2].name, "Oddington");
    assert_string_equal(items[2].county_name, "Oldshire");
    assert_string_equal(items[3].name, "St Albans");
    assert_string_equal(items[3].county_name, "Hertfordshire");
    assert_null(items[2].county_gss);
    arena_release(&a);
    store_close(st);
}

/* Every count of authorities is the tally's, which follows each write to the table: an insert,
 * a change of set, type or region (through the import's upsert), a delete, a rollback. */
static void test_counts_follow_every_write(void **state)
{
    struct store *st = open_mem();
    struct authority_filter f = {.set = AUTH_SET_2012, .type = -1, .region = -1};
    struct authority moved = herts;
    size_t in_2012, now, counts[AUTH_TYPE_COUNT];
    (void)state;

    load(st);
    assert_int_equal(
        store_authority_count_sets(st, AUTH_SET_2012, AUTH_SET_CURRENT, &in_2012, &now), 0);
    assert_int_equal(in_2012, 3);
    assert_int_equal(now, 2);
    /* Hertfordshire leaves the 2012 set and moves region */
    moved.sets = AUTH_IN_CURRENT;
    moved.region = "London";
    assert_int_equal(store_authority_put(st, &moved, NULL), 0);
    assert_int_equal(
        store_authority_count_sets(st, AUTH_SET_2012, AUTH_SET_CURRENT, &in_2012, &now), 0);
    assert_int_equal(in_2012, 2);
    assert_int_equal(now, 2);
    f.set = AUTH_SET_CURRENT;
    f.region = 6; /* London */
    assert_int_equal(store_authority_count(st, &f, &now), 0);
    assert_int_equal(now, 1);
    f.region = -1;
    assert_int_equal(store_authority_count_by_type(st, &f, counts), 0);
    assert_int_equal(counts[AUTH_COUNTY], 1);
    assert_int_equal(counts[AUTH_DISTRICT], 1);
    /* put again as it is: nothing moves */
    assert_int_equal(store_authority_put(st, &moved, NULL), 0);
    assert_int_equal(store_authority_count(st, &f, &now), 0);
    assert_int_equal(now, 2);
    /* a delete, then a delete rolled back */
    assert_int_equal(store_exec(st, "DELETE FROM authority WHERE gss = 'E06000028'"), 0);
    f.set = AUTH_SET_2012;
    assert_int_equal(store_authority_count(st, &f, &now), 0);
    assert_int_equal(now, 1);
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_exec(st, "DELETE FROM authority WHERE gss = 'E07000240'"), 0);
    assert_int_equal(store_end(st, ERR_INVALID), ERR_INVALID);
    assert_int_equal(store_authority_count(st, &f, &now), 0);
    assert_int_equal(now, 1);
    /* the tally is what a count of the table gives, group by group */
    assert_int_equal(number(st, "SELECT count(*) FROM (SELECT sets, type, region, count(*) AS n "
                                "FROM authority GROUP BY sets, type, region) g "
                                "LEFT JOIN authority_tally t ON t.sets = g.sets AND "
                                "t.type = g.type AND t.region = g.region WHERE t.n IS NULL OR "
                                "t.n <> g.n"),
                     0);
    assert_int_equal(number(st, "SELECT sum(n) FROM authority_tally"),
                     number(st, "SELECT count(*) FROM authority"));
    store_close(st);
}

static void test_constraints_refuse_and_roll_back(void **state)
{
    struct store *st = open_mem();
    struct authority orphan = stalbans, badtype = herts;
    size_t total;
    struct authority_filter f = {.set = -1, .type = -1, .region = -1};
    (void)state;
    orphan.gss = "E07000999";
    orphan.code = "ORP";
    orphan.county_gss = "E10000999"; /* no such county */
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_authority_put(st, &orphan, NULL), 0);
    assert_int_equal(store_commit(st), ERR_CONFLICT); /* deferred foreign key */
    store_rollback(st);
    assert_int_equal(store_authority_count(st, &f, &total), 0);
    assert_int_equal(total, 0);

    badtype.gss = "E10000016";
    badtype.county_gss = "E10000015"; /* a county with a county */
    assert_int_equal(store_authority_put(st, &badtype, NULL), ERR_CONFLICT);
    store_close(st);
}

static int fail_busy(struct db_stmt *stmt)
{
    (void)stmt;
    return DB_BUSY;
}

static int fail_ioerr(struct db_stmt *stmt)
{
    (void)stmt;
    return DB_ERROR;
}

static void test_forced_errors_become_err_busy_or_err_db(void **state)
{
    struct store *st = open_mem();
    struct arena a;
    struct authority got;
    size_t n;
    struct authority_filter f = {.set = -1, .type = -1, .region = -1};
    struct authority *items = (void *)1;
    (void)state;
    arena_init(&a);
    load(st);
    store_step_hook = fail_busy; /* another writer: try again, not a fault */
    assert_int_equal(store_authority_get(st, "E07000240", &a, &got), ERR_BUSY);
    assert_int_equal(store_ping(st), ERR_BUSY);
    store_step_hook = fail_ioerr;
    assert_int_equal(store_authority_list(st, &f, &a, &items, &n), ERR_DB);
    assert_null(items);
    assert_int_equal(n, 0);
    assert_int_equal(store_authority_put(st, &herts, NULL), ERR_DB);
    store_step_hook = NULL;
    assert_int_equal(store_authority_get(st, "E07000240", &a, &got), 0); /* statements reset */
    arena_release(&a);
    store_close(st);
}

static void read_gss(struct db_stmt *stmt, struct arena *arena, void *item)
{
    *(const char **)item = store_col(stmt, 0, arena);
}

static void test_rows_and_row_of_an_id(void **state)
{
    static const char sql_first[] = "SELECT gss FROM authority ORDER BY gss LIMIT ?1";
    static const char sql_at[] = "SELECT gss FROM authority ORDER BY gss LIMIT 1 OFFSET ?1";
    struct store *st = open_mem();
    struct arena a;
    const char **gss = NULL, *one = NULL;
    size_t n = 9;
    (void)state;
    arena_init(&a);
    load(st);
    assert_int_equal(store_rows_of(st, sql_first, 2, &a, sizeof(*gss), read_gss, &gss, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(gss[0], "E06000028");
    assert_string_equal(gss[1], "E07000240");
    assert_int_equal(store_row_of(st, sql_at, 1, &a, read_gss, &one), 0);
    assert_string_equal(one, "E07000240");
    one = NULL;
    assert_int_equal(store_row_of(st, sql_at, 5, &a, read_gss, &one), ERR_NOT_FOUND);
    assert_null(one);
    store_step_hook = fail_ioerr;
    assert_int_equal(store_rows_of(st, sql_first, 2, &a, sizeof(*gss), read_gss, &gss, &n), ERR_DB);
    assert_null(gss);
    assert_int_equal(n, 0);
    assert_int_equal(store_row_of(st, sql_at, 0, &a, read_gss, &one), ERR_DB);
    store_step_hook = NULL;
    arena_release(&a);
    store_close(st);
}

static void test_backup_copies_everything(void **state)
{
    struct store *st = open_mem(), *copy;
    char path[] = "/tmp/compact-test-backup-XXXXXX";
    int fd = mkstemp(path);
    size_t total;
    struct authority_filter f = {.set = -1, .type = -1, .region = -1};
    (void)state;
    assert_true(fd >= 0);
    close(fd);
    load(st);
    if (test_pg) { /* pg_dump's work: said in the log */
        assert_int_equal(store_backup(st, path), ERR_INVALID);
        store_close(st);
        unlink(path);
        return;
    }
    assert_int_equal(store_backup(st, path), 0);
    store_close(st);
    assert_int_equal(store_open(path, 0, &copy), 0);
    assert_int_equal(store_authority_count(copy, &f, &total), 0);
    assert_int_equal(total, 3);
    store_close(copy);
    unlink(path);
}

/* A database file that a program of before schema_version made: SQLite's first upto migrations
 * applied as they were then, and Hertfordshire in it. */
static void make_old(const char *path, int upto)
{
    struct db *db;
    assert_int_equal(db_connect(path, DB_CREATE, &db), 0);
    for (int v = 0; v < upto; v++) {
        char *sql = strndup((const char *)store_migrations[v].data, store_migrations[v].len);
        assert_non_null(sql);
        assert_int_equal(db_exec(db, sql), DB_OK);
        free(sql);
    }
    assert_int_equal(db_exec(db,
                             "INSERT INTO authority (gss, code, name, official_name, type,"
                             " region, sets) VALUES ('E10000015', 'HRT', 'Hertfordshire',"
                             " 'Hertfordshire County Council', 'county', 'East of England', 3)"),
                     DB_OK);
    db_close(db);
}

static void unlink_db(const char *path)
{
    char more[80];
    unlink(path);
    snprintf(more, sizeof(more), "%s-wal", path);
    unlink(more);
    snprintf(more, sizeof(more), "%s-shm", path);
    unlink(more);
}

static void test_migrates_a_database_of_before_schema_version(void **state)
{
    char path[] = "/tmp/compact-test-old-XXXXXX";
    int fd = mkstemp(path), from = -1, to = -1, version = 0, latest = store_schema_latest();
    struct store *st;
    (void)state;
    SQLITE_ONLY(); /* files of SQLite's */
    assert_true(fd >= 0);
    close(fd);

    /* at user_version 5, before organisations: migrated on, its councils made */
    make_old(path, 5);
    assert_int_equal(store_open(path, 0, &st), 0);
    assert_int_equal(store_schema_version(st, &version), 0);
    assert_int_equal(version, 5);
    assert_int_equal(store_migrate(st, &from, &to), 0);
    assert_int_equal(from, 5);
    assert_int_equal(to, latest);
    assert_int_equal(store_schema_version(st, &version), 0);
    assert_int_equal(version, latest);
    assert_int_equal(number(st, "PRAGMA user_version"), latest);
    assert_int_equal(number(st, "SELECT count(*) FROM schema_version"), latest);
    assert_int_equal(number(st, "SELECT max(version) FROM schema_version"), latest);
    /* the versions applied before the table have no time; the ones applied now have */
    assert_int_equal(number(st, "SELECT count(*) FROM schema_version WHERE applied_at IS NULL"), 5);
    assert_int_equal(number(st, "SELECT count(*) FROM organisation WHERE org_id = 'GB-LAE-HRT'"),
                     1);
    assert_int_equal(store_migrate(st, &from, &to), 0);
    assert_int_equal(from, latest);
    assert_int_equal(to, latest);
    assert_int_equal(number(st, "SELECT count(*) FROM schema_version"), latest);
    store_close(st);
    unlink_db(path);

    /* up to date already, without the table: given its rows, nothing else */
    make_old(path, latest);
    assert_int_equal(store_open(path, 0, &st), 0);
    assert_int_equal(store_migrate(st, &from, &to), 0);
    assert_int_equal(from, latest);
    assert_int_equal(to, latest);
    assert_int_equal(number(st, "SELECT count(*) FROM schema_version WHERE applied_at IS NULL"),
                     latest);
    assert_int_equal(number(st, "SELECT count(*) FROM organisation"), 0);
    store_close(st);
    unlink_db(path);
}

static void test_open_missing_file_is_not_found(void **state)
{
    struct store *st = (void *)1;
    (void)state;
    SQLITE_ONLY(); /* files of SQLite's */
    assert_int_equal(store_open("/nonexistent-dir/none.db", 0, &st), ERR_NOT_FOUND);
    assert_null(st);
}

/* A migrated database in a new temporary file, path[] the template "/tmp/...XXXXXX"; closed. */
static void make_file_db(char *path)
{
    struct store *st;
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(store_open(path, 0, &st), 0);
    assert_int_equal(store_migrate(st, NULL, NULL), 0);
    store_close(st);
}

static void remove_file_db(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-bulk"};
    char name[128];
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        assert_true(snprintf(name, sizeof(name), "%s%s", path, suffixes[i]) < (int)sizeof(name));
        unlink(name);
    }
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* A server's write waits STORE_SERVER_WAIT_MS for another writer, then gives up with ERR_BUSY
 * (not the command line's 5 s); its reads do not wait at all. */
static void test_server_connection_waits_briefly(void **state)
{
    char path[] = "/tmp/compact-test-busy-XXXXXX";
    struct store *cli, *server;
    struct timespec t0;
    double waited;
    (void)state;
    SQLITE_ONLY(); /* files of SQLite's */
    make_file_db(path);
    assert_int_equal(store_open(path, 0, &cli), 0);
    assert_int_equal(store_open(path, STORE_SERVER, &server), 0);
    assert_int_equal(store_begin(cli), 0);
    assert_int_equal(store_authority_put(cli, &herts, NULL), 0);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(store_begin(server), ERR_BUSY);
    waited = ms_since(&t0);
    assert_true(waited >= STORE_SERVER_WAIT_MS * 0.9);
    assert_true(waited < 1500);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(store_ping(server), 0);
    assert_true(ms_since(&t0) < 100);

    assert_int_equal(store_end(cli, 0), 0);
    assert_int_equal(store_begin(server), 0);
    store_rollback(server);
    store_close(server);
    store_close(cli);
    remove_file_db(path);
}

/* While another process holds a bulk write (store_begin_bulk), as an import does, or another
 * connection of the same process, a server's write gives up at once; once it ends, the server
 * writes again. */
static void test_bulk_write_turns_servers_away_at_once(void **state)
{
    char path[] = "/tmp/compact-test-bulk-XXXXXX";
    int up[2], down[2], status;
    struct store *server, *bulk;
    struct timespec t0;
    char c = 0;
    pid_t pid;
    (void)state;
    SQLITE_ONLY(); /* files of SQLite's */
    make_file_db(path);
    assert_int_equal(pipe(up), 0);
    assert_int_equal(pipe(down), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int ok;
        alarm(10); /* should the parent fail half-way, do not outlive it by much */
        ok = store_open(path, 0, &bulk) == 0 && store_begin_bulk(bulk) == 0 &&
             store_authority_put(bulk, &herts, NULL) == 0;
        c = ok ? 'y' : 'n';
        if (write(up[1], &c, 1) != 1 || read(down[0], &c, 1) != 1) {
            _exit(2);
        }
        ok = ok && store_end(bulk, 0) == 0;
        store_close(bulk);
        _exit(ok ? 0 : 1);
    }
    assert_int_equal(read(up[0], &c, 1), 1);
    assert_int_equal(c, 'y');

    assert_int_equal(store_open(path, STORE_SERVER, &server), 0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(store_begin(server), ERR_BUSY);
    assert_true(ms_since(&t0) < STORE_SERVER_WAIT_MS / 2);
    assert_int_equal(store_ping(server), 0);

    assert_int_equal(write(down[1], "x", 1), 1);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(store_begin(server), 0); /* the bulk lock went with the transaction */
    store_rollback(server);

    assert_int_equal(store_open(path, 0, &bulk), 0);
    assert_int_equal(store_begin_bulk(bulk), 0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(store_begin(server), ERR_BUSY);
    assert_true(ms_since(&t0) < STORE_SERVER_WAIT_MS / 2);
    store_rollback(bulk);
    assert_int_equal(store_begin(server), 0);
    store_rollback(server);
    store_close(bulk);
    store_close(server);
    close(up[0]);
    close(up[1]);
    close(down[0]);
    close(down[1]);
    remove_file_db(path);
}

/* How many authorities the database file at path holds by itself, without its write-ahead log:
 * what has been checkpointed into it. */
static size_t authorities_in_file(const char *path)
{
    char copy[] = "/tmp/compact-test-copy-XXXXXX", buf[8192];
    struct authority_filter f = {.set = -1, .type = -1, .region = -1};
    int in = open(path, O_RDONLY), out = mkstemp(copy);
    struct store *st;
    size_t n = 0;
    ssize_t got;
    assert_true(in >= 0 && out >= 0);
    while ((got = read(in, buf, sizeof(buf))) > 0) {
        assert_int_equal(write(out, buf, (size_t)got), got);
    }
    close(in);
    close(out);
    assert_int_equal(store_open(copy, 0, &st), 0);
    assert_int_equal(store_authority_count(st, &f, &n), 0);
    store_close(st);
    remove_file_db(copy);
    return n;
}

/* A bulk write's commit copies the write-ahead log into the database file (a checkpoint), so
 * no server request is left that work; a short write leaves it to later. */
static void test_bulk_commit_checkpoints(void **state)
{
    char path[] = "/tmp/compact-test-ckpt-XXXXXX";
    struct authority surrey = herts;
    struct store *st;
    (void)state;
    SQLITE_ONLY(); /* files of SQLite's */
    make_file_db(path);
    assert_int_equal(store_open(path, 0, &st), 0);
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_authority_put(st, &herts, NULL), 0);
    assert_int_equal(store_end(st, 0), 0);
    assert_int_equal(authorities_in_file(path), 0); /* still in the log only */
    surrey.gss = "E10000030";
    surrey.code = "SRY";
    assert_int_equal(store_begin_bulk(st), 0);
    assert_int_equal(store_authority_put(st, &surrey, NULL), 0);
    assert_int_equal(store_end(st, 0), 0);
    assert_int_equal(authorities_in_file(path), 2);
    store_close(st);
    remove_file_db(path);
}

/* The scratch database: a file nobody can name, gone when closed. */
static void test_scratch_database(void **state)
{
    struct store *st;
    long long n = 0;
    struct db_stmt *stmt;
    (void)state;
    SQLITE_ONLY(); /* files of SQLite's */
    assert_int_equal(store_open("ignored.db", STORE_SCRATCH, &st), 0);
    assert_int_equal(
        db_prepare(st->db, "SELECT file FROM pragma_database_list WHERE name = 'main'", &stmt),
        DB_OK);
    assert_int_equal(db_step(stmt), DB_ROW);
    assert_string_equal(db_column_text(stmt, 0), ""); /* no name: nobody can open it */
    db_finalize(stmt);
    assert_int_equal(store_exec(st, "CREATE TABLE t (x); BEGIN; INSERT INTO t VALUES (1), (2)"), 0);
    assert_int_equal(db_prepare(st->db, "SELECT count(*) FROM t", &stmt), DB_OK);
    assert_int_equal(store_row_int(st, stmt, &n), 0);
    assert_int_equal(n, 2);
    db_finalize(stmt);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrate_is_idempotent),
        cmocka_unit_test(test_get_by_code_and_alias),
        cmocka_unit_test(test_list_filters_and_cursor),
        cmocka_unit_test(test_counts_follow_every_write),
        cmocka_unit_test(test_constraints_refuse_and_roll_back),
        cmocka_unit_test(test_forced_errors_become_err_busy_or_err_db),
        cmocka_unit_test(test_rows_and_row_of_an_id),
        cmocka_unit_test(test_backup_copies_everything),
        cmocka_unit_test(test_open_missing_file_is_not_found),
        cmocka_unit_test(test_migrates_a_database_of_before_schema_version),
        cmocka_unit_test(test_server_connection_waits_briefly),
        cmocka_unit_test(test_bulk_write_turns_servers_away_at_once),
        cmocka_unit_test(test_bulk_commit_checkpoints),
        cmocka_unit_test(test_scratch_database),
    };
    RUN_ON_BOTH(tests, NULL, NULL);
}
