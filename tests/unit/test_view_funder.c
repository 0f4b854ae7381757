/* The funder page and its chart as strings: bars, axis labels, the table, suppression, escaping,
 * the check links; the organisation page's link to it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "view/page_funder.h"
#include "view/page_organisations.h"

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what)) {
        n++;
    }
    return n;
}

static date_t day(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static void test_funder_page(void **state)
{
    struct ind_grant g[12];
    struct indicators ind;
    struct params p = {
        {12, 12, 3, 36, 0},
        {SOURCE_DEFAULT, SOURCE_DEFAULT, SOURCE_DEFAULT, SOURCE_DEFAULT, SOURCE_NONE}};
    struct ind_params ip = {36, -1, 10};
    struct funder_view v = {.org = "GB-LAE-TRF", .name = "Trafford <Council>", .ref = "GB-LAE-TRF"};
    struct buf b = BUF_INIT;
    struct arena a;
    (void)state;
    arena_init(&a);
    for (int i = 0; i < 12; i++) {
        g[i] = (struct ind_grant){123456,
                                  1,
                                  day(i < 11 ? "2013-05-01" : "2015-12-01"),
                                  0,
                                  0,
                                  0,
                                  i < 4 ? 36 : 12,
                                  "GB-CHC-1159034",
                                  "Friends & <Neighbours>",
                                  0};
    }
    /* 2014 has no grants: the funder's next year is 2015, complete (a grant in December), in
     * which GB-CHC-1159034 had none */
    g[11].recipient = "GB-CHC-2";
    g[11].name = "Another";
    assert_int_equal(indicators_compute(g, 12, NULL, 0, &ip, &a, &ind), 0);
    v.ind = &ind;
    v.params = &p;
    v.compact_id = "7";
    view_funder_page(&b, &v, &a, NULL);
    assert_false(buf_failed(&b));
    /* three years, one bar each, with their labels and a table row each */
    assert_int_equal(count(b.data, "<rect "), 3);
    assert_non_null(strstr(b.data, ">2014</text>"));
    assert_non_null(strstr(b.data, "Number of grants</text>"));
    assert_non_null(strstr(b.data, "<title id=\"grants-chart-title\">"));
    assert_int_equal(count(b.data, "<th scope=\"row\" class=\"govuk-table__header\">"), 3);
    /* the value of every year is shown, 11 grants in 2013 as 1 in 2015 and none in 2014; only
     * the shares of the small years are not (SPEC section 8) */
    assert_non_null(strstr(b.data, "£13,580.16"));
    assert_non_null(strstr(b.data, ">£1,234.56</td>"));
    assert_non_null(strstr(b.data, ">£0.00</td>"));
    assert_null(strstr(b.data, "Not shown (fewer than"));
    assert_non_null(strstr(b.data, "Not shown (1 with a known length)"));
    assert_non_null(strstr(b.data, "33.3% (4 of the 12 grants whose length is known)"));
    /* names escaped; no inline style under the CSP */
    assert_non_null(strstr(b.data, "Trafford &lt;Council&gt;"));
    assert_null(strstr(b.data, "<Council>"));
    assert_non_null(strstr(b.data, "Friends &amp; &lt;Neighbours&gt;"));
    assert_null(strstr(b.data, "style="));
    /* ended in 2013 (none in 2015, the funder's next year of grants), with its check link
     * carrying what is known (the end: the last grant's award date and its 12 months) and the
     * Compact, last */
    assert_non_null(strstr(b.data, "2013 (none in 2015)"));
    assert_non_null(
        strstr(b.data,
               "href=\"/checks/funding_change?change=end&amp;effective_date-day=30&amp;"
               "effective_date-month=4&amp;effective_date-year=2014&amp;body=Trafford%20%3CCouncil"
               "%3E&amp;organisation=GB-CHC-1159034&amp;org_q=Friends%20%26%20%3CNeighbours%3E&amp;"
               "amount=13580.16&amp;last_award=2013-05-01&amp;compact=7\""));
    assert_non_null(strstr(b.data, "Grants under £1,000 that were not repeated are not counted"));
    assert_non_null(strstr(b.data, "No contracts with this organisation as the buyer"));
    assert_non_null(strstr(b.data, "href=\"/api/v1/organisations/GB-LAE-TRF/indicators.csv?"
                                   "compact_id=7\""));
    buf_release(&b);
    arena_release(&a);
}

/* Few contracts: their counts are shown, the median and the share are not. */
static void test_few_contracts(void **state)
{
    struct ind_contract c[3];
    struct indicators ind;
    struct params p = {
        {12, 12, 3, 36, 14},
        {SOURCE_DEFAULT, SOURCE_DEFAULT, SOURCE_DEFAULT, SOURCE_DEFAULT, SOURCE_COMPACT}};
    struct ind_params ip = {36, 14, 10};
    struct funder_view v = {.org = "GB-LAE-TRF", .name = "Trafford", .ref = "GB-LAE-TRF"};
    struct buf b = BUF_INIT;
    struct arena a;
    (void)state;
    arena_init(&a);
    for (int i = 0; i < 3; i++) {
        c[i] = (struct ind_contract){.release = day("2016-01-01"),
                                     .has_published = 1,
                                     .has_end = 1,
                                     .published = day("2016-01-01"),
                                     .end = day(i ? "2016-01-31" : "2016-01-08"),
                                     .vcse_suitable = i < 2};
    }
    assert_int_equal(indicators_compute(NULL, 0, c, 3, &ip, &a, &ind), 0);
    v.ind = &ind;
    v.params = &p;
    view_funder_page(&b, &v, &a, NULL);
    assert_false(buf_failed(&b));
    assert_non_null(strstr(b.data, "1 shorter than 14 days"));
    assert_non_null(strstr(b.data, "Not shown (3 tenders measured, too few for a median)"));
    assert_non_null(strstr(b.data, "2 of the 3 tenders that say (too few for a share)"));
    assert_non_null(strstr(b.data, "fewer than the minimum count of 10: the median is not shown."));
    buf_release(&b);
    arena_release(&a);
}

static void test_no_grants(void **state)
{
    struct indicators ind;
    struct ind_params ip = {36, -1, 10};
    struct buf b = BUF_INIT;
    struct arena a;
    (void)state;
    arena_init(&a);
    assert_int_equal(indicators_compute(NULL, 0, NULL, 0, &ip, &a, &ind), 0);
    view_grants_chart(&b, &ind);
    assert_string_equal(b.data, "<p class=\"govuk-body\">There are no grants to draw.</p>");
    buf_release(&b);
    arena_release(&a);
}

static void test_organisation_link(void **state)
{
    const struct organisation o = {
        .id = 3, .org_id = "GB-LAE-TRF", .name = "Trafford", .sector = SECTOR_STATUTORY};
    struct buf b = BUF_INIT;
    (void)state;
    view_organisation_page(&b, &o, ORG_PAGE_FUNDING, NULL, NULL, 0, NULL);
    assert_non_null(strstr(b.data, "href=\"/organisations/GB-LAE-TRF/funding\">Funding and "
                                   "contracts</a>"));
    assert_null(strstr(b.data, "/edit"));
    buf_reset(&b);
    view_organisation_page(&b, &o, ORG_PAGE_EDIT, NULL, NULL, 0, NULL);
    assert_null(strstr(b.data, "/funding"));
    assert_non_null(strstr(b.data, "/edit"));
    buf_release(&b);
}

/* The grants an organisation received, a table for each funder: its rows, their ends, the
 * check link filled in, names escaped; on its own page too. */
static void test_grants_received(void **state)
{
    struct ind_received_grant g[] = {
        {"GB-LAE-TRF", "Trafford <Council>", 1, {200000, 1, day("2016-06-01"), 0, 0, 0, 12}},
        {"GB-LAE-TRF", "Trafford <Council>", 1, {50000, 1, day("2017-06-17"), 0, 0, 0, 12}},
        {"360G-x", NULL, 0, {50000, 1, day("2017-01-01"), 0, 0, 0, -1}},
    };
    /* Trafford's 2018 complete (a grant in December), to others */
    const struct ind_funder_year fy[] = {{"gb-lae-trf", 2016, day("2016-06-01")},
                                         {"gb-lae-trf", 2017, day("2017-06-17")},
                                         {"gb-lae-trf", 2018, day("2018-12-03")},
                                         {"360g-x", 2017, day("2017-01-01")}};
    const struct organisation o = {
        .id = 9, .org_id = "GB-CHC-1159034", .name = "Art & Heart", .sector = SECTOR_VCS};
    struct ind_received r;
    struct buf b = BUF_INIT;
    struct arena a;
    (void)state;
    arena_init(&a);
    ind_received_compute(g, 3, fy, 4, &a, &r);
    view_grants_received(&b, &r, o.org_id, o.name, NULL, "None");
    assert_false(buf_failed(&b));
    assert_non_null(strstr(b.data, "3 grants from 2 funders, £3,000.00 in all"));
    /* a funder the register does not keep: its funding page, by its org-id */
    assert_non_null(strstr(b.data, "<h3 class=\"govuk-heading-s\"><a class=\"govuk-link\" "
                                   "href=\"/organisations/360G-x/funding\">360G-x</a></h3>"));
    assert_non_null(strstr(b.data, "<a class=\"govuk-link\" href=\"/organisations/GB-LAE-TRF\">"
                                   "Trafford &lt;Council&gt;</a>"));
    assert_null(strstr(b.data, "<Council>"));
    assert_int_equal(count(b.data, "<table "), 2);
    assert_non_null(strstr(b.data, "No: funded again in 2017"));
    /* £500 in 2017 after £2,000 in 2016: repeated, so its end is counted */
    assert_non_null(strstr(b.data, "<strong>Yes</strong>: none in 2018<br><a class=\"govuk-link\" "
                                   "href=\"/checks/funding_change?change=end&amp;effective_date-"
                                   "day=16&amp;effective_date-month=6&amp;effective_date-year=2018"
                                   "&amp;body=Trafford%20%3CCouncil%3E&amp;organisation=GB-CHC-"
                                   "1159034&amp;org_q=Art%20%26%20Heart&amp;amount=500.00&amp;"
                                   "last_award=2017-06-17\">Check the notice"));
    /* the latest year of 360G-x, partial */
    assert_non_null(strstr(b.data, "Not known yet: the funder has published no later grants"));
    assert_non_null(strstr(b.data, "Grants under £1,000 that were not repeated are not counted"));
    /* the organisation's page shows the same */
    buf_reset(&b);
    view_organisation_page(&b, &o, ORG_PAGE_FUNDING, &r, NULL, 0, NULL);
    assert_non_null(strstr(b.data, "<h2 class=\"govuk-heading-m\">Grants received</h2>"));
    assert_non_null(strstr(b.data, "Check the notice"));
    /* none: the text given, or nothing */
    ind_received_compute(NULL, 0, NULL, 0, &a, &r);
    buf_reset(&b);
    view_grants_received(&b, &r, o.org_id, o.name, NULL, "None received.");
    assert_string_equal(b.data, "<h2 class=\"govuk-heading-m\">Grants received</h2><p "
                                "class=\"govuk-body\">None received.</p>");
    buf_reset(&b);
    view_grants_received(&b, &r, o.org_id, o.name, NULL, NULL);
    assert_string_equal(b.data, "");
    buf_release(&b);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_funder_page),     cmocka_unit_test(test_few_contracts),
        cmocka_unit_test(test_no_grants),       cmocka_unit_test(test_organisation_link),
        cmocka_unit_test(test_grants_received),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
