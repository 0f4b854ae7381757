/* Coverage (SPEC section 3) on hand-built cases: county-wide and direct Compacts, status changes
 * on the boundary date, Compacts in development, the choice between two Compacts, the counts by
 * type and region, coverage over time; and, through the store, a Compact made with a former code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/coverage.h"
#include "store/store.h"
#include "base/err.h"

/* Two counties, three districts (two in the first county), a metropolitan district, a unitary. */
#define KENT   "E10000016"
#define SURREY "E10000030"
#define DOVER  "E07000108"
#define THANET "E07000114"
#define WOKING "E07000217"
#define LEEDS  "E08000035"
#define MEDWAY "E06000035"

static const struct authority A[] = {
    {.gss = DOVER,
     .name = "Dover",
     .type = AUTH_DISTRICT,
     .county_gss = KENT,
     .region = "South East"},
    {.gss = KENT, .name = "Kent", .type = AUTH_COUNTY, .region = "South East"},
    {.gss = LEEDS,
     .name = "Leeds",
     .type = AUTH_METROPOLITAN_DISTRICT,
     .region = "Yorkshire and The Humber"},
    {.gss = MEDWAY, .name = "Medway", .type = AUTH_UNITARY, .region = "South East"},
    {.gss = SURREY, .name = "Surrey", .type = AUTH_COUNTY, .region = "South East"},
    {.gss = THANET,
     .name = "Thanet",
     .type = AUTH_DISTRICT,
     .county_gss = KENT,
     .region = "South East"},
    {.gss = WOKING,
     .name = "Woking",
     .type = AUTH_DISTRICT,
     .county_gss = SURREY,
     .region = "South East"},
};
#define NA (sizeof(A) / sizeof(A[0]))

static date_t day(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

/* One Compact with one status from a date. */
struct one {
    struct status_change s[3];
    const char *gss[3];
};

static struct coverage_compact compact(long long id, const char *name, struct one *o, size_t ns,
                                       size_t ngss)
{
    return (struct coverage_compact){
        .id = id, .name = name, .statuses = o->s, .nstatuses = ns, .gss = o->gss, .ngss = ngss};
}

static const struct coverage_row *row(const struct coverage *c, const char *gss)
{
    const struct coverage_row *r = coverage_find(c, gss);
    assert_non_null(r);
    assert_string_equal(r->authority->gss, gss);
    return r;
}

static void test_county_wide_covers_its_districts_not_the_reverse(void **state)
{
    struct one kent = {{{day("2010-04-01"), COMPACT_ACTIVE}}, {KENT}};
    struct one woking = {{{day("2010-04-01"), COMPACT_ACTIVE}}, {WOKING}};
    struct coverage_compact c[] = {compact(1, "Kent Compact", &kent, 1, 1),
                                   compact(2, "Woking Compact", &woking, 1, 1)};
    struct arena a;
    struct coverage cov;
    (void)state;
    arena_init(&a);
    coverage_compute(A, NA, AUTH_SET_2012, c, 2, day("2012-03-31"), &a, &cov);
    assert_int_equal(cov.nrows, NA);
    assert_int_equal(cov.active_compacts, 2);
    assert_int_equal(row(&cov, KENT)->state, COVER_COVERED);
    assert_int_equal(row(&cov, KENT)->via_county, 0);
    assert_int_equal(row(&cov, DOVER)->state, COVER_COVERED);
    assert_int_equal(row(&cov, DOVER)->compact_id, 1);
    assert_string_equal(row(&cov, DOVER)->compact_name, "Kent Compact");
    assert_int_equal(row(&cov, DOVER)->via_county, 1);
    assert_int_equal(row(&cov, THANET)->via_county, 1);
    /* a district's Compact does not cover its county */
    assert_int_equal(row(&cov, WOKING)->state, COVER_COVERED);
    assert_int_equal(row(&cov, WOKING)->via_county, 0);
    assert_int_equal(row(&cov, SURREY)->state, COVER_NONE);
    assert_int_equal(row(&cov, SURREY)->compact_id, 0);
    assert_null(row(&cov, SURREY)->compact_name);
    /* a unitary inside the county's old area is not one of its districts */
    assert_int_equal(row(&cov, MEDWAY)->state, COVER_NONE);
    assert_int_equal(cov.all.total, NA);
    assert_int_equal(cov.all.covered, 4);
    assert_null(coverage_find(&cov, "E99999999"));
    assert_null(coverage_find(&cov, NULL));
    arena_release(&a);
}

static void test_direct_before_county_then_lowest_id(void **state)
{
    struct one kent = {{{day("2010-04-01"), COMPACT_ACTIVE}}, {KENT}};
    struct one dover = {{{day("2011-01-01"), COMPACT_ACTIVE}}, {DOVER}};
    struct one dover2 = {{{day("2009-01-01"), COMPACT_ACTIVE}}, {DOVER, LEEDS}};
    /* given out of order: the lowest id wins whatever the order */
    struct coverage_compact c[] = {compact(9, "Dover and Leeds", &dover2, 1, 2),
                                   compact(7, "Dover Compact", &dover, 1, 1),
                                   compact(1, "Kent Compact", &kent, 1, 1)};
    struct arena a;
    struct coverage cov;
    (void)state;
    arena_init(&a);
    coverage_compute(A, NA, AUTH_SET_2012, c, 3, day("2012-03-31"), &a, &cov);
    /* Dover: named directly by 7 and 9, and through its county by 1: the direct one, lowest id */
    assert_int_equal(row(&cov, DOVER)->compact_id, 7);
    assert_int_equal(row(&cov, DOVER)->via_county, 0);
    assert_int_equal(row(&cov, THANET)->compact_id, 1);
    assert_int_equal(row(&cov, LEEDS)->compact_id, 9);
    assert_int_equal(cov.active_compacts, 3);
    /* before Dover's own Compact: through the county */
    coverage_compute(A, NA, AUTH_SET_2012, c + 1, 2, day("2010-12-31"), &a, &cov);
    assert_int_equal(row(&cov, DOVER)->compact_id, 1);
    assert_int_equal(row(&cov, DOVER)->via_county, 1);
    arena_release(&a);
}

static void test_status_changes_on_the_boundary_date(void **state)
{
    struct one kent = {{{day("2010-04-01"), COMPACT_IN_DEVELOPMENT},
                        {day("2011-06-01"), COMPACT_ACTIVE},
                        {day("2014-09-30"), COMPACT_INACTIVE}},
                       {KENT}};
    struct coverage_compact c[] = {compact(1, "Kent Compact", &kent, 3, 1)};
    struct arena a;
    struct coverage cov;
    static const struct {
        const char *on;
        enum coverage_state want;
        size_t active;
    } cases[] = {
        {"2010-03-31", COVER_NONE, 0},           /* before its first status */
        {"2010-04-01", COVER_IN_DEVELOPMENT, 0}, /* in development from the day */
        {"2011-05-31", COVER_IN_DEVELOPMENT, 0}, /* the day before it is active */
        {"2011-06-01", COVER_COVERED, 1},        /* active on the day it takes effect */
        {"2014-09-29", COVER_COVERED, 1},        /* the last day it is active */
        {"2014-09-30", COVER_NONE, 0},           /* inactive from the day */
        {"2020-01-01", COVER_NONE, 0},
    };
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        coverage_compute(A, NA, AUTH_SET_2012, c, 1, day(cases[i].on), &a, &cov);
        assert_int_equal(row(&cov, KENT)->state, cases[i].want);
        assert_int_equal(row(&cov, DOVER)->state, cases[i].want); /* its district follows */
        assert_int_equal(cov.active_compacts, cases[i].active);
        assert_int_equal(cov.all.covered, cases[i].want == COVER_COVERED ? 3 : 0);
        assert_int_equal(cov.all.in_development, cases[i].want == COVER_IN_DEVELOPMENT ? 3 : 0);
        if (cases[i].want == COVER_NONE) {
            assert_int_equal(row(&cov, KENT)->compact_id, 0);
        } else {
            assert_int_equal(row(&cov, KENT)->compact_id, 1);
        }
    }
    arena_release(&a);
}

static void test_in_development_and_active_beats_it(void **state)
{
    struct one kent = {{{day("2010-01-01"), COMPACT_ACTIVE}}, {KENT}};
    struct one dover = {{{day("2010-01-01"), COMPACT_IN_DEVELOPMENT}}, {DOVER, MEDWAY}};
    struct coverage_compact c[] = {compact(2, "Dover and Medway", &dover, 1, 2),
                                   compact(5, "Kent Compact", &kent, 1, 1)};
    struct arena a;
    struct coverage cov;
    (void)state;
    arena_init(&a);
    coverage_compute(A, NA, AUTH_SET_2012, c, 2, day("2012-03-31"), &a, &cov);
    /* Dover's own Compact is only in development: its county's active one covers it */
    assert_int_equal(row(&cov, DOVER)->state, COVER_COVERED);
    assert_int_equal(row(&cov, DOVER)->compact_id, 5);
    assert_int_equal(row(&cov, DOVER)->via_county, 1);
    assert_int_equal(row(&cov, MEDWAY)->state, COVER_IN_DEVELOPMENT);
    assert_int_equal(row(&cov, MEDWAY)->compact_id, 2);
    assert_int_equal(cov.active_compacts, 1);
    assert_int_equal(cov.all.in_development, 1);
    assert_int_equal(cov.by_type[AUTH_UNITARY].in_development, 1);
    arena_release(&a);
}

static void test_counts_by_type_and_region_add_up(void **state)
{
    struct one kent = {{{day("2010-01-01"), COMPACT_ACTIVE}}, {KENT, LEEDS}};
    struct coverage_compact c[] = {compact(1, "K", &kent, 1, 2)};
    struct arena a;
    struct coverage cov;
    size_t total = 0, covered = 0, se, yh;
    (void)state;
    arena_init(&a);
    coverage_compute(A, NA, AUTH_SET_2012, c, 1, day("2012-03-31"), &a, &cov);
    for (int t = 0; t < AUTH_TYPE_COUNT; t++) {
        total += cov.by_type[t].total;
        covered += cov.by_type[t].covered;
    }
    assert_int_equal(total, NA);
    assert_int_equal(covered, cov.all.covered);
    assert_int_equal(cov.all.covered, 4); /* Kent, Dover, Thanet, Leeds */
    assert_int_equal(cov.by_type[AUTH_COUNTY].total, 2);
    assert_int_equal(cov.by_type[AUTH_COUNTY].covered, 1);
    assert_int_equal(cov.by_type[AUTH_DISTRICT].total, 3);
    assert_int_equal(cov.by_type[AUTH_DISTRICT].covered, 2);
    assert_int_equal(cov.by_type[AUTH_METROPOLITAN_DISTRICT].covered, 1);
    assert_int_equal(cov.by_type[AUTH_LONDON_BOROUGH].total, 0);
    total = covered = 0;
    for (size_t r = 0; r < REGION_COUNT; r++) {
        total += cov.by_region[r].total;
        covered += cov.by_region[r].covered;
    }
    assert_int_equal(total, NA);
    assert_int_equal(covered, 4);
    assert_int_equal(region_parse("South East", &se), 0);
    assert_int_equal(region_parse("Yorkshire and The Humber", &yh), 0);
    assert_int_equal(cov.by_region[se].total, 6);
    assert_int_equal(cov.by_region[se].covered, 3);
    assert_int_equal(cov.by_region[yh].covered, 1);
    /* rows keep the order given */
    for (size_t i = 0; i < NA; i++) {
        assert_ptr_equal(cov.rows[i].authority, &A[i]);
    }
    arena_release(&a);
}

static void test_timeline_steps_on_each_status_date(void **state)
{
    struct one kent = {{{day("2010-04-01"), COMPACT_ACTIVE}, {day("2014-01-01"), COMPACT_INACTIVE}},
                       {KENT}};
    struct one leeds = {
        {{day("2009-01-01"), COMPACT_IN_DEVELOPMENT}, {day("2010-04-01"), COMPACT_ACTIVE}},
        {LEEDS}};
    struct coverage_compact c[] = {compact(1, "K", &kent, 2, 1), compact(2, "L", &leeds, 2, 1)};
    struct coverage_point *p;
    size_t n;
    struct arena a;
    (void)state;
    arena_init(&a);
    coverage_timeline(A, NA, AUTH_SET_2012, c, 2, &a, &p, &n);
    assert_int_equal(n, 3); /* 2010-04-01 once */
    assert_int_equal(p[0].date, day("2009-01-01"));
    assert_int_equal(p[0].active_compacts, 0);
    assert_int_equal(p[0].covered, 0);
    assert_int_equal(p[0].in_development, 1);
    assert_int_equal(p[1].date, day("2010-04-01"));
    assert_int_equal(p[1].active_compacts, 2);
    assert_int_equal(p[1].covered, 4);
    assert_int_equal(p[2].date, day("2014-01-01"));
    assert_int_equal(p[2].active_compacts, 1);
    assert_int_equal(p[2].covered, 1);
    coverage_timeline(A, NA, AUTH_SET_2012, c, 0, &a, &p, &n);
    assert_int_equal(n, 0);
    assert_null(p);
    arena_release(&a);
}

/* Two dates compared: gained is covered on the later date and not on the earlier, lost the
 * reverse; a move between in development and not covered is neither. */
static void test_compare_gained_and_lost(void **state)
{
    struct one kent = {{{day("2010-04-01"), COMPACT_IN_DEVELOPMENT},
                        {day("2011-06-01"), COMPACT_ACTIVE},
                        {day("2014-09-30"), COMPACT_INACTIVE}},
                       {KENT}};
    struct one leeds = {{{day("2009-01-01"), COMPACT_ACTIVE}}, {LEEDS}};
    struct one medway = {{{day("2012-01-01"), COMPACT_IN_DEVELOPMENT}}, {MEDWAY}};
    struct coverage_compact c[] = {compact(1, "Kent Compact", &kent, 3, 1),
                                   compact(2, "Leeds Compact", &leeds, 1, 1),
                                   compact(3, "Medway Compact", &medway, 1, 1)};
    struct coverage before, after, later;
    struct coverage_change ch;
    struct arena a;
    (void)state;
    arena_init(&a);
    /* 2011: Kent in development, Leeds covered, Medway nothing; 2013: Kent and its districts
     * covered, Medway in development */
    coverage_compute(A, NA, AUTH_SET_2012, c, 3, day("2011-01-01"), &a, &before);
    coverage_compute(A, NA, AUTH_SET_2012, c, 3, day("2013-01-01"), &a, &after);
    coverage_compare(&before, &after, &a, &ch);
    assert_ptr_equal(ch.before, &before);
    assert_ptr_equal(ch.after, &after);
    assert_int_equal(ch.ngained, 3);
    assert_int_equal(ch.nlost, 0);
    /* in the order of the rows: Dover, Kent, Thanet */
    assert_string_equal(after.rows[ch.gained[0]].authority->gss, DOVER);
    assert_string_equal(after.rows[ch.gained[1]].authority->gss, KENT);
    assert_string_equal(after.rows[ch.gained[2]].authority->gss, THANET);
    assert_int_equal(after.rows[ch.gained[0]].compact_id, 1);
    assert_int_equal(coverage_move(coverage_find(&before, MEDWAY), coverage_find(&after, MEDWAY)),
                     COVER_SAME); /* not covered to in development */
    assert_int_equal(coverage_move(coverage_find(&before, LEEDS), coverage_find(&after, LEEDS)),
                     COVER_SAME); /* covered on both */

    /* 2015: Kent's Compact inactive: Kent and its districts lost, Leeds kept */
    coverage_compute(A, NA, AUTH_SET_2012, c, 3, day("2015-01-01"), &a, &later);
    coverage_compare(&after, &later, &a, &ch);
    assert_int_equal(ch.ngained, 0);
    assert_int_equal(ch.nlost, 3);
    assert_string_equal(after.rows[ch.lost[1]].authority->gss, KENT);
    assert_int_equal(after.rows[ch.lost[1]].compact_id, 1); /* what covered it before */
    assert_int_equal(later.rows[ch.lost[1]].state, COVER_NONE);
    assert_string_equal(coverage_move_id(COVER_GAINED), "gained");
    assert_string_equal(coverage_move_id(COVER_LOST), "lost");
    assert_string_equal(coverage_move_id(COVER_SAME), "");

    /* a date with itself: nothing moves */
    coverage_compare(&after, &after, &a, &ch);
    assert_int_equal(ch.ngained + ch.nlost, 0);
    arena_release(&a);
}

/* Through the store: a Compact made with a 2011 code covers the authority of the current code;
 * histories and codes are read back whole. */
static void test_store_alias_and_history(void **state)
{
    static const struct authority kent = {.gss = KENT,
                                          .code = "KEN",
                                          .name = "Kent",
                                          .official_name = "Kent County Council",
                                          .type = AUTH_COUNTY,
                                          .region = "South East",
                                          .sets = AUTH_IN_2012 | AUTH_IN_CURRENT};
    static const struct authority dover = {.gss = DOVER,
                                           .code = "DOV",
                                           .name = "Dover",
                                           .official_name = "Dover District Council",
                                           .type = AUTH_DISTRICT,
                                           .county_gss = KENT,
                                           .region = "South East",
                                           .sets = AUTH_IN_2012 | AUTH_IN_CURRENT};
    static const struct authority gateshead = {.gss = "E08000037",
                                               .code = "GAT",
                                               .name = "Gateshead",
                                               .official_name = "Gateshead Council",
                                               .type = AUTH_METROPOLITAN_DISTRICT,
                                               .region = "North East",
                                               .gss_2011 = "E08000020",
                                               .sets = AUTH_IN_2012 | AUTH_IN_CURRENT};
    static const struct authority old = {.gss = "E06000028",
                                         .code = "BMH",
                                         .name = "Bournemouth",
                                         .official_name = "Bournemouth BC",
                                         .type = AUTH_UNITARY,
                                         .region = "South West",
                                         .sets = AUTH_IN_2012};
    struct compact_new g = {.name = "Gateshead Compact",
                            .authorities = {"E08000020"},
                            .nauthorities = 1,
                            .status = COMPACT_ACTIVE,
                            .status_date = "2011-04-01"};
    struct compact_new k = {.name = "Kent Compact",
                            .authorities = {KENT, "E06000028"},
                            .nauthorities = 2,
                            .status = COMPACT_IN_DEVELOPMENT,
                            .status_date = "2010-01-01"};
    struct store *st;
    struct authority *auth;
    struct coverage_compact *c;
    struct coverage cov;
    size_t na, nc;
    const char *bad;
    long long id;
    struct arena a;
    (void)state;
    arena_init(&a);
    assert_int_equal(store_open(":memory:", STORE_CREATE, &st), 0);
    assert_int_equal(store_migrate(st, NULL, NULL), 0);
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_authority_put(st, &dover, NULL), 0);
    assert_int_equal(store_authority_put(st, &kent, NULL), 0);
    assert_int_equal(store_authority_put(st, &gateshead, NULL), 0);
    assert_int_equal(store_authority_put(st, &old, NULL), 0);
    assert_int_equal(store_authority_alias_put(st, "E08000020", "E08000037"), 0);
    assert_int_equal(store_commit(st), 0);

    /* no Compacts: every authority of the set, none covered */
    assert_int_equal(store_coverage_load(st, AUTH_SET_CURRENT, &a, &auth, &na, &c, &nc), 0);
    assert_int_equal(na, 3);
    assert_int_equal(nc, 0);

    assert_int_equal(store_compact_add(st, &g, "cli", &id, &bad), 0);
    assert_int_equal(id, 1);
    assert_int_equal(store_compact_add(st, &k, "cli", &id, &bad), 0);
    assert_int_equal(store_coverage_load(st, AUTH_SET_2012, &a, &auth, &na, &c, &nc), 0);
    assert_int_equal(na, 4);
    assert_string_equal(auth[0].name, "Bournemouth"); /* by name */
    assert_int_equal(nc, 2);
    assert_int_equal(c[0].id, 1);
    assert_string_equal(c[0].name, "Gateshead Compact");
    assert_int_equal(c[0].ngss, 1);
    assert_string_equal(c[0].gss[0], "E08000037"); /* the former code, resolved */
    assert_int_equal(c[0].nstatuses, 1);
    assert_int_equal(c[0].statuses[0].date, day("2011-04-01"));
    assert_int_equal(c[0].statuses[0].status, COMPACT_ACTIVE);
    assert_int_equal(c[1].ngss, 2);
    assert_string_equal(c[1].gss[0], "E06000028");
    assert_string_equal(c[1].gss[1], KENT);

    coverage_compute(auth, na, AUTH_SET_2012, c, nc, day("2011-04-01"), &a, &cov);
    assert_int_equal(row(&cov, "E08000037")->state, COVER_COVERED);
    assert_int_equal(row(&cov, "E08000037")->compact_id, 1);
    assert_int_equal(row(&cov, DOVER)->state, COVER_IN_DEVELOPMENT);
    assert_int_equal(row(&cov, DOVER)->via_county, 1);
    assert_int_equal(cov.all.covered, 1);
    assert_int_equal(cov.all.in_development, 3);
    coverage_compute(auth, na, AUTH_SET_2012, c, nc, day("2011-03-31"), &a, &cov);
    assert_int_equal(row(&cov, "E08000037")->state, COVER_NONE);

    /* today's set has no Bournemouth: the Compact naming it covers only Kent there */
    assert_int_equal(store_coverage_load(st, AUTH_SET_CURRENT, &a, &auth, &na, &c, &nc), 0);
    coverage_compute(auth, na, AUTH_SET_CURRENT, c, nc, day("2011-04-01"), &a, &cov);
    assert_int_equal(cov.all.total, 3);
    assert_int_equal(cov.all.in_development, 2);
    store_close(st);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_county_wide_covers_its_districts_not_the_reverse),
        cmocka_unit_test(test_direct_before_county_then_lowest_id),
        cmocka_unit_test(test_status_changes_on_the_boundary_date),
        cmocka_unit_test(test_in_development_and_active_beats_it),
        cmocka_unit_test(test_counts_by_type_and_region_add_up),
        cmocka_unit_test(test_timeline_steps_on_each_status_date),
        cmocka_unit_test(test_compare_gained_and_lost),
        cmocka_unit_test(test_store_alias_and_history),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
