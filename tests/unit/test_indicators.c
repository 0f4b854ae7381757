/* Open data indicators on hand-built grants and contracts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/indicators.h"
#include "base/err.h"

static date_t day(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static struct ind_grant dated(const char *award, const char *start, const char *end)
{
    struct ind_grant g = {100, 1, day(award), 1, day(start), day(end), -1, NULL, "A", 0};
    return g;
}

static struct ind_grant lasting(const char *award, int months, const char *recipient)
{
    struct ind_grant g = {100, 1, day(award), 0, 0, 0, months, recipient, recipient, 0};
    return g;
}

static const struct ind_params defaults = {36, -1, 10};

static void test_multi_year_boundary_day(void **state)
{
    struct ind_grant g;
    (void)state;
    /* three years to the day: ends the day before the same date three years on */
    g = dated("2012-01-01", "2012-04-01", "2015-03-31");
    assert_int_equal(ind_grant_multi_year(&g, 36), 1);
    g = dated("2012-01-01", "2012-04-01", "2015-03-30"); /* one day short */
    assert_int_equal(ind_grant_multi_year(&g, 36), 0);
    /* the month-end edge: 2012-11-30 + 3 months is 2013-02-28, so funding to 2013-02-27 is
     * three months; to 2013-02-26 it is not */
    g = dated("2012-11-01", "2012-11-30", "2013-02-27");
    assert_int_equal(ind_grant_multi_year(&g, 3), 1);
    g = dated("2012-11-01", "2012-11-30", "2013-02-26");
    assert_int_equal(ind_grant_multi_year(&g, 3), 0);
    /* leap year: 2011-11-30 + 3 months is 2012-02-29 */
    g = dated("2011-11-01", "2011-11-30", "2012-02-28");
    assert_int_equal(ind_grant_multi_year(&g, 3), 1);
    g = dated("2011-11-01", "2011-11-30", "2012-02-27");
    assert_int_equal(ind_grant_multi_year(&g, 3), 0);
    /* no dates: the duration; neither: unknown */
    g = lasting("2012-01-01", 36, "x");
    assert_int_equal(ind_grant_multi_year(&g, 36), 1);
    g = lasting("2012-01-01", 35, "x");
    assert_int_equal(ind_grant_multi_year(&g, 36), 0);
    g = lasting("2012-01-01", -1, "x");
    assert_int_equal(ind_grant_multi_year(&g, 36), -1);
    /* dates win over a duration that says otherwise */
    g = dated("2012-01-01", "2012-01-01", "2012-12-31");
    g.duration_months = 48;
    assert_int_equal(ind_grant_multi_year(&g, 36), 0);
}

/* Whether one of caveats c[0..n) contains s. */
static int says(const char *const *c, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        if (strstr(c[i], s)) {
            return 1;
        }
    }
    return 0;
}

/* SPEC section 8: counts and sums are always shown; a share needs the minimum base. */
static void test_grants_by_year_and_suppression(void **state)
{
    struct ind_grant g[14];
    struct ind_params p = defaults;
    struct indicators ind;
    struct arena a;
    const char *caveats[IND_CAVEATS_MAX];
    size_t nc;
    (void)state;
    arena_init(&a);
    /* 2012: 11 grants, 4 multi-year, 2 of unknown length; 2014: 3 grants */
    for (int i = 0; i < 11; i++) {
        g[i] = lasting("2012-06-01", i < 4 ? 36 : 12, "GB-CHC-1");
        g[i].amount = 1000 + i;
    }
    g[9].duration_months = -1;
    g[10].duration_months = -1;
    g[10].gbp = 0; /* another currency: counted, not added */
    for (int i = 11; i < 14; i++) {
        g[i] = lasting("2014-12-31", 48, "GB-CHC-1");
    }
    assert_int_equal(indicators_compute(g, 14, NULL, 0, &p, &a, &ind), 0);
    assert_int_equal(ind.grants.count, 14);
    assert_int_equal(ind.grants.value, 1000 * 10 + 45 + 300);
    assert_int_equal(ind.grants.not_gbp, 1);
    assert_int_equal(ind.grants.multi_year, 7);
    assert_int_equal(ind.grants.multi_year_known, 12);
    assert_false(ind.grants.share_suppressed);
    assert_true(ind.grants.share > 7.0 / 12 - 1e-9 && ind.grants.share < 7.0 / 12 + 1e-9);
    /* every year from the first to the last, the empty one too */
    assert_int_equal(ind.ngrant_years, 3);
    assert_int_equal(ind.grant_years[0].year, 2012);
    assert_int_equal(ind.grant_years[0].g.count, 11);
    assert_int_equal(ind.grant_years[0].g.value, 1000 * 10 + 45);
    assert_int_equal(ind.grant_years[0].g.multi_year_known, 9);
    assert_true(ind.grant_years[0].g.share_suppressed); /* 9 known, below 10 */
    assert_int_equal(ind.grant_years[1].year, 2013);
    assert_int_equal(ind.grant_years[1].g.count, 0);
    assert_int_equal(ind.grant_years[2].g.count, 3);
    /* 3 grants, below the minimum of 10: their value and counts are facts, only the share goes,
     * with a caveat saying what it would rest on */
    assert_int_equal(ind.grant_years[2].g.value, 300);
    assert_int_equal(ind.grant_years[2].g.multi_year, 3);
    assert_true(ind.grant_years[2].g.share_suppressed);
    nc = ind_grants_caveats(&ind.grant_years[2].g, p.min_count, &a, caveats);
    assert_int_equal(nc, 1);
    assert_string_equal(caveats[0], "3 grants give planned dates or a duration, fewer than the "
                                    "minimum count of 10: the multi-year share is not shown.");
    assert_false(says(caveats, nc, "value"));
    /* a lower minimum shows the share too */
    p.min_count = 3;
    assert_int_equal(indicators_compute(g, 14, NULL, 0, &p, &a, &ind), 0);
    assert_false(ind.grant_years[2].g.share_suppressed);
    assert_true(ind.grant_years[2].g.share == 1.0);
    /* the recipient was funded in 2012 and not 2013: ended; 2014 is the last year */
    assert_int_equal(ind.nended, 1);
    assert_int_equal(ind.ended[0].year, 2012);
    assert_int_equal(ind.ended[0].grants, 11);
    assert_string_equal(ind.ended[0].recipient, "GB-CHC-1");
    arena_release(&a);
}

static void test_ended_relationships(void **state)
{
    struct ind_grant g[] = {
        lasting("2012-03-01", 12, "GB-CHC-1"), /* 2012, 2013: continues, then ends */
        lasting("2013-03-01", 12, "gb-chc-1"), /* the same org-id in another case */
        lasting("2012-05-01", 12, "GB-CHC-2"), /* 2012 only: ended */
        lasting("2012-09-01", 12, "GB-CHC-2"),
        lasting("2013-01-01", 12, "GB-CHC-3"), /* 2013 then 2015: ended in 2013 */
        lasting("2015-01-01", 12, "GB-CHC-3"), /* 2015 is the last year: not ended */
        lasting("2014-01-01", 12, NULL),       /* a name only, below */
        lasting("2014-01-01", 12, NULL),       /* a person: never named */
    };
    struct indicators ind;
    struct arena a;
    (void)state;
    g[6].name = "Friends of the Park";
    g[7].name = "A Person";
    g[7].individual = 1;
    g[3].has_dates = 1;
    g[3].start = day("2012-09-01");
    g[3].end = day("2013-08-31");
    arena_init(&a);
    assert_int_equal(indicators_compute(g, 8, NULL, 0, &defaults, &a, &ind), 0);
    assert_int_equal(ind.nended, 4);
    assert_int_equal(ind.ended[0].year, 2012);
    assert_string_equal(ind.ended[0].recipient, "GB-CHC-2");
    assert_int_equal(ind.ended[0].grants, 2);
    assert_int_equal(ind.ended[0].last_award, day("2012-09-01"));
    assert_true(ind.ended[0].has_end);
    assert_int_equal(ind.ended[0].end, day("2013-08-31"));
    /* funded in 2012 and 2013 (its org-id in two cases), not in 2014 */
    assert_int_equal(ind.ended[1].year, 2013);
    assert_string_equal(ind.ended[1].recipient, "gb-chc-1");
    assert_int_equal(ind.ended[1].grants, 1);
    assert_int_equal(ind.ended[2].year, 2013);
    assert_string_equal(ind.ended[2].recipient, "GB-CHC-3");
    assert_false(ind.ended[2].has_end);
    assert_int_equal(ind.ended[3].year, 2014);
    assert_null(ind.ended[3].recipient);
    assert_string_equal(ind.ended[3].name, "Friends of the Park");
    arena_release(&a);
}

static struct ind_contract tender(const char *published, const char *start, const char *end,
                                  int vcse)
{
    struct ind_contract c = {0};
    c.release = day("2016-01-01");
    if (published) {
        c.has_published = 1;
        c.published = day(published);
    }
    if (start) {
        c.has_start = 1;
        c.start = day(start);
    }
    if (end) {
        c.has_end = 1;
        c.end = day(end);
    }
    c.vcse_suitable = vcse;
    return c;
}

static void test_contracts(void **state)
{
    struct ind_contract c[] = {
        tender("2016-01-01", NULL, "2016-01-11", 1),         /* 10 days from publication */
        tender("2016-01-01", "2016-01-05", "2016-01-25", 0), /* 20 from the period's start */
        tender(NULL, "2016-02-01", "2016-03-02", -1),        /* 30 */
        tender("2016-03-01", NULL, NULL, 1),                 /* no end: not measured */
        tender("2016-03-10", NULL, "2016-03-01", -1),        /* reversed: left out */
        tender(NULL, NULL, NULL, 1),                         /* the release's year */
    };
    struct ind_params p = {36, 14, 3};
    struct indicators ind;
    struct arena a;
    const char *caveats[IND_CAVEATS_MAX];
    size_t nc;
    long d;
    (void)state;
    assert_int_equal(ind_contract_days(&c[1], &d), 0);
    assert_int_equal(d, 20);
    assert_int_equal(ind_contract_days(&c[3], &d), -1);
    arena_init(&a);
    assert_int_equal(indicators_compute(NULL, 0, c, 6, &p, &a, &ind), 0);
    assert_int_equal(ind.contracts.count, 6);
    assert_int_equal(ind.contracts.with_period, 3);
    assert_int_equal(ind.contracts.reversed, 1);
    assert_false(ind.contracts.median_suppressed);
    assert_true(ind.contracts.median_days == 20.0);
    assert_true(ind.contracts.rule_applies);
    assert_int_equal(ind.contracts.under_min, 1);
    assert_int_equal(ind.contracts.vcse_known, 4);
    assert_int_equal(ind.contracts.vcse_suitable, 3);
    assert_true(ind.contracts.vcse_share == 0.75);
    assert_int_equal(ind.ncontract_years, 1);
    assert_int_equal(ind.contract_years[0].year, 2016);
    assert_int_equal(ind.nended, 0);
    /* an even count: the mean of the middle two; no local minimum: the rule does not apply */
    p.min_tender_days = -1;
    p.min_count = 2;
    assert_int_equal(indicators_compute(NULL, 0, c, 2, &p, &a, &ind), 0);
    assert_true(ind.contracts.median_days == 15.0);
    assert_false(ind.contracts.rule_applies);
    assert_int_equal(ind.contracts.under_min, 0);
    /* below the minimum count: the median and the share are suppressed, the counts are not */
    p.min_count = 10;
    p.min_tender_days = 14;
    assert_int_equal(indicators_compute(NULL, 0, c, 6, &p, &a, &ind), 0);
    assert_true(ind.contracts.median_suppressed);
    assert_true(ind.contracts.vcse_suppressed);
    assert_int_equal(ind.contracts.under_min, 1);
    assert_int_equal(ind.contracts.vcse_suitable, 3);
    nc = ind_contracts_caveats(&ind.contracts, p.min_count, &a, caveats);
    assert_true(says(caveats, nc,
                     "3 tenders give a tender period that can be measured, fewer than the minimum "
                     "count of 10: the median is not shown."));
    assert_true(says(caveats, nc,
                     "4 tenders say whether they suit VCSE organisations, fewer than the minimum "
                     "count of 10: the share is not shown."));
    assert_false(says(caveats, nc, "count under"));
    arena_release(&a);
}

static void test_bad_parameters(void **state)
{
    struct ind_params p[] = {{36, -1, 0}, {0, -1, 10}, {36, -2, 10}, {3661, -1, 10}};
    struct indicators ind;
    struct arena a;
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
        assert_int_equal(indicators_compute(NULL, 0, NULL, 0, &p[i], &a, &ind), ERR_INVALID);
    }
    assert_int_equal(indicators_compute(NULL, 0, NULL, 0, &defaults, &a, &ind), 0);
    assert_int_equal(ind.grants.count, 0);
    assert_int_equal(ind.grants.value, 0);
    assert_true(ind.grants.share_suppressed);
    assert_int_equal(ind.ngrant_years, 0);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_multi_year_boundary_day),
        cmocka_unit_test(test_grants_by_year_and_suppression),
        cmocka_unit_test(test_ended_relationships),
        cmocka_unit_test(test_contracts),
        cmocka_unit_test(test_bad_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
