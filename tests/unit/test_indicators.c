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
    /* the recipient was funded in 2012 and 2014: the funder published nothing in 2013, a gap
     * that is not an end (issue 13; before, 2012 was counted as an end) */
    assert_int_equal(ind.nended, 0);
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
        lasting("2015-12-01", 12, "GB-CHC-3"), /* 2015 is the last year: not ended */
        lasting("2014-01-01", 12, NULL),       /* a name only, below */
        lasting("2014-01-01", 12, NULL),       /* a person: never named */
    };
    struct indicators ind;
    struct arena a;
    (void)state;
    /* not one-off small grants (issue 13: those are left out, below); the last year, 2015, is
     * complete: its latest grant was awarded in December */
    for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
        g[i].amount = 500000;
    }
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
    assert_int_equal(ind.ended[0].next_year, 2013);
    assert_int_equal(ind.ended[0].value, 1000000);
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
    assert_int_equal(ind.ended[3].next_year, 2015);
    assert_int_equal(ind.one_offs, 0);
    arena_release(&a);
}

/* A funder's grants in the years given, each a grant of amount pence to recipient. */
struct funded {
    const char *award, *recipient;
    int64_t amount;
};

static size_t compute_ended(const struct funded *f, size_t n, struct arena *a,
                            struct indicators *ind)
{
    struct ind_grant *g = arena_alloc(a, n * sizeof(*g));
    for (size_t i = 0; i < n; i++) {
        g[i] = lasting(f[i].award, -1, f[i].recipient);
        g[i].amount = f[i].amount;
    }
    assert_int_equal(indicators_compute(g, n, NULL, 0, &defaults, a, ind), 0);
    return ind->nended;
}

/* A year in which the funder published nothing is not an end: the next year it published is
 * compared. */
static void test_ended_gap_year(void **state)
{
    const struct funded f[] = {
        {"2012-04-01", "GB-CHC-1", 500000}, /* 2012, then 2014: the funder had none in 2013 */
        {"2014-04-01", "GB-CHC-1", 500000},
        {"2012-04-01", "GB-CHC-2", 500000}, /* 2012 only: ended, none in 2014 (not 2013) */
        {"2015-12-01", "GB-CHC-9", 500000}, /* 2015 is complete */
    };
    struct indicators ind;
    struct arena a;
    (void)state;
    arena_init(&a);
    assert_int_equal(compute_ended(f, 4, &a, &ind), 2);
    assert_string_equal(ind.ended[0].recipient, "GB-CHC-2");
    assert_int_equal(ind.ended[0].year, 2012);
    assert_int_equal(ind.ended[0].next_year, 2014);
    /* GB-CHC-1: 2014, none in 2015 */
    assert_string_equal(ind.ended[1].recipient, "GB-CHC-1");
    assert_int_equal(ind.ended[1].year, 2014);
    assert_int_equal(ind.ended[1].next_year, 2015);
    arena_release(&a);
}

/* The latest year of the funder's data is compared only once complete: its latest award is in
 * December. */
static void test_ended_latest_partial_year(void **state)
{
    struct funded f[] = {
        {"2012-04-01", "GB-CHC-1", 500000},
        {"2013-06-30", "GB-CHC-2", 500000}, /* the funder's latest grant: 2013 is partial */
    };
    int years[] = {2012, 2013};
    struct ind_funder_years fy = {years, 2, day("2013-11-30")};
    struct indicators ind;
    struct arena a;
    (void)state;
    arena_init(&a);
    assert_int_equal(compute_ended(f, 2, &a, &ind), 0);
    f[1].award = "2013-12-01"; /* now complete: GB-CHC-1 was not funded in it */
    assert_int_equal(compute_ended(f, 2, &a, &ind), 1);
    assert_string_equal(ind.ended[0].recipient, "GB-CHC-1");
    assert_int_equal(ind.ended[0].next_year, 2013);
    /* every year before the last is complete; the last only in December */
    assert_true(ind_year_complete(&fy, 2012));
    assert_false(ind_year_complete(&fy, 2013));
    fy.latest = day("2013-12-31");
    assert_true(ind_year_complete(&fy, 2013));
    assert_false(ind_year_complete(&fy, 2014));
    arena_release(&a);
}

/* A single grant under £1,000, with none from the funder that year or its year before, is a
 * one-off: not counted. A small grant repeated each year that then stops is counted. */
static void test_ended_small_grants(void **state)
{
    const struct funded f[] = {
        {"2012-04-01", "GB-CHC-1", 50000}, /* £500 once: a one-off */
        {"2011-04-01", "GB-CHC-2", 50000}, /* £500 a year, 2011 and 2012, then none: counted */
        {"2012-04-01", "GB-CHC-2", 50000},
        {"2012-04-01", "GB-CHC-3", 40000}, /* two small grants in one year: counted */
        {"2012-05-01", "GB-CHC-3", 40000},
        {"2012-04-01", "GB-CHC-4", 100000}, /* £1,000 exactly is not under £1,000: counted */
        {"2012-04-01", "GB-CHC-5", 99999},  /* £999.99: a one-off */
        {"2013-12-01", "GB-CHC-6", 500000}, /* 2013 is complete */
    };
    struct indicators ind;
    struct arena a;
    (void)state;
    arena_init(&a);
    assert_int_equal(compute_ended(f, 8, &a, &ind), 3);
    assert_string_equal(ind.ended[0].recipient, "GB-CHC-2");
    assert_int_equal(ind.ended[0].year, 2012);
    assert_string_equal(ind.ended[1].recipient, "GB-CHC-3");
    assert_int_equal(ind.ended[1].grants, 2);
    assert_string_equal(ind.ended[2].recipient, "GB-CHC-4");
    assert_int_equal(ind.one_offs, 2);
    /* the page states the amount the constant holds */
    assert_int_equal(IND_ONE_OFF_PENCE, 100000);
    assert_non_null(strstr(ind_caveat_ended_rules,
                           "Grants under £1,000 that were not repeated are not counted"));
    assert_non_null(strstr(ind_caveat_ended_rules, "repeated year after year that then stops is "
                                                   "counted"));
    arena_release(&a);
}

static void test_ended_check_path(void **state)
{
    struct ind_ended e = {.recipient = "GB-CHC-1159034",
                          .name = "Art & Heart",
                          .year = 2017,
                          .next_year = 2018,
                          .grants = 1,
                          .value = 200005,
                          .last_award = day("2017-06-17"),
                          .last_duration = 12};
    struct buf b = BUF_INIT;
    date_t end;
    (void)state;
    /* the end: the planned end, else the last award and its duration, else not known */
    assert_int_equal(ind_ended_end(&e, &end), 2);
    assert_int_equal(end, day("2018-06-16"));
    ind_ended_check_path(&b, &e, "Trafford Council", "7");
    assert_string_equal(b.data, "/checks/funding_change?change=end&effective_date-day=16&"
                                "effective_date-month=6&effective_date-year=2018&body=Trafford%20"
                                "Council&organisation=GB-CHC-1159034&org_q=Art%20%26%20Heart&"
                                "amount=2000.05&last_award=2017-06-17&compact=7");
    /* an org-id the register does not link: its name only; no Compact that is not a number */
    e.recipient = "360G-trafford-x";
    e.has_end = 1;
    e.end = day("2018-03-31");
    e.value = 0;
    buf_reset(&b);
    ind_ended_check_path(&b, &e, NULL, "7&x=1");
    assert_string_equal(b.data, "/checks/funding_change?change=end&effective_date-day=31&"
                                "effective_date-month=3&effective_date-year=2018&org_q=Art%20%26%20"
                                "Heart&last_award=2017-06-17");
    e.has_end = 0;
    e.last_duration = -1;
    assert_int_equal(ind_ended_end(&e, &end), 0);
    assert_int_equal(end, 0);
    buf_release(&b);
}

static struct ind_received_grant received(const char *funder, const char *name, const char *award,
                                          int64_t amount)
{
    struct ind_received_grant r = {funder, name, 1, lasting(award, 12, NULL)};
    r.g.amount = amount;
    return r;
}

/* One organisation's grants by funder and year, judged against every year each funder
 * published grants in. */
static void test_received(void **state)
{
    const struct ind_received_grant g[] = {
        received("GB-LAE-TRF", "Trafford Council", "2013-02-01", 200000),
        received("GB-LAE-TRF", "Trafford Council", "2013-07-01", 100000),
        received("gb-lae-trf", "Trafford Council", "2014-02-01", 300000),  /* continues */
        received("GB-LAE-TRF", "Trafford Council", "2016-02-01", 50000),   /* after a gap */
        received("GB-CHC-200051", "Esmee Fairbairn", "2019-05-01", 50000), /* one-off */
        received("GB-CHC-200051", "Esmee Fairbairn", "2021-03-01", 900000),
    };
    /* Trafford published in 2013, 2014, 2016, 2017 (to others), none in 2015; Esmee in 2019 to
     * 2021, its 2021 partial */
    const struct ind_funder_year fy[] = {
        {"gb-lae-trf", 2016, 0},    {"gb-lae-trf", 2013, 0},    {"gb-lae-trf", 2014, 0},
        {"gb-lae-trf", 2017, 0},    {"gb-chc-200051", 2019, 0}, {"gb-chc-200051", 2020, 0},
        {"gb-chc-200051", 2021, 0},
    };
    struct ind_funder_year years[7];
    struct ind_received r;
    struct arena a;
    (void)state;
    arena_init(&a);
    memcpy(years, fy, sizeof(fy));
    years[3].latest = day("2017-12-10");
    years[6].latest = day("2021-04-01");
    ind_received_compute(g, 6, years, 7, &a, &r);
    assert_int_equal(r.grants, 6);
    assert_int_equal(r.funders, 2);
    assert_int_equal(r.value, 1600000);
    assert_int_equal(r.ended, 1);
    assert_int_equal(r.one_offs, 1);
    assert_int_equal(r.n, 5);
    /* by funder name: Esmee first */
    assert_string_equal(r.rows[0].funder_name, "Esmee Fairbairn");
    assert_int_equal(r.rows[0].e.year, 2019);
    assert_int_equal(r.rows[0].end, IND_END_ONE_OFF); /* £500 once, none in 2020 */
    assert_int_equal(r.rows[1].e.year, 2021);
    assert_int_equal(r.rows[1].end, IND_END_TOO_SOON); /* its latest year */
    assert_int_equal(r.rows[2].e.year, 2013);
    assert_int_equal(r.rows[2].e.grants, 2);
    assert_int_equal(r.rows[2].e.value, 300000);
    assert_int_equal(r.rows[2].e.last_award, day("2013-07-01"));
    assert_int_equal(r.rows[2].end, IND_END_CONTINUED);
    assert_int_equal(r.rows[2].e.next_year, 2014);
    assert_int_equal(r.rows[3].e.year, 2014);
    assert_int_equal(r.rows[3].end, IND_END_CONTINUED); /* 2015 had no grants at all */
    assert_int_equal(r.rows[3].e.next_year, 2016);
    assert_int_equal(r.rows[4].e.year, 2016);
    assert_int_equal(r.rows[4].end, IND_END_ENDED); /* £500, but the year before it had one */
    assert_int_equal(r.rows[4].e.next_year, 2017);
    assert_true(r.rows[4].funder_known);
    /* nothing received */
    ind_received_compute(NULL, 0, NULL, 0, &a, &r);
    assert_int_equal(r.n, 0);
    assert_int_equal(r.funders, 0);
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
        cmocka_unit_test(test_ended_gap_year),
        cmocka_unit_test(test_ended_latest_partial_year),
        cmocka_unit_test(test_ended_small_grants),
        cmocka_unit_test(test_ended_check_path),
        cmocka_unit_test(test_received),
        cmocka_unit_test(test_contracts),
        cmocka_unit_test(test_bad_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
