/* The Compact pages as strings: what a reader sees, escaped, with edit links only for editors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "view/page_authority.h"
#include "view/page_compacts.h"

static date_t d(const char *s)
{
    date_t out;
    assert_int_equal(date_parse(s, strlen(s), &out), 0);
    return out;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

static const struct compact_area kent = {"E10000016", "Kent", AUTH_COUNTY, "South East"};
static const struct compact_contact sam = {"Sam <Sample>", "Coordinator", "sam@example.org", NULL};

static void page(struct buf *b, int demo, int may_edit, int signed_in, date_t today)
{
    static struct status_change history[2];
    struct compact_entry e = {.id = 7,
                              .name = "Kent & Medway <Compact>",
                              .authorities = &kent,
                              .nauthorities = 1,
                              .statuses = history,
                              .nstatuses = 2,
                              .adopted = d("2011-02-01"),
                              .contacts = &sam,
                              .ncontacts = 1,
                              .demo = demo};
    struct compact_page_view v = {
        .entry = &e, .today = today, .may_edit = may_edit, .signed_in = signed_in};

    history[0] = (struct status_change){d("2010-01-01"), COMPACT_IN_DEVELOPMENT};
    history[1] = (struct status_change){d("2011-02-01"), COMPACT_ACTIVE};
    buf_reset(b);
    view_compact_page(b, &v, NULL);
    assert_false(buf_failed(b));
}

static void test_compact_page(void **state)
{
    struct buf b = BUF_INIT;

    (void)state;
    page(&b, 0, 0, 0, d("2016-01-01"));
    assert_non_null(strstr(b.data, "<h1 class=\"govuk-heading-l\">Kent &amp; Medway "
                                   "&lt;Compact&gt;</h1>"));
    assert_null(strstr(b.data, "<Compact>"));
    assert_non_null(strstr(b.data, "Sam &lt;Sample&gt;"));
    assert_non_null(strstr(b.data, "Active</strong> since 1 February 2011"));
    assert_non_null(strstr(b.data, "1 February 2017"));
    assert_null(strstr(b.data, ">Overdue</strong>"));
    assert_null(strstr(b.data, "demonstration data"));
    assert_int_equal(count(b.data, ">Change<"), 0);
    assert_null(strstr(b.data, "/history/compact/7"));

    page(&b, 1, 1, 1, d("2017-02-02"));
    assert_non_null(strstr(b.data, "This is demonstration data"));
    assert_int_equal(count(b.data, ">Overdue</strong>"), 1);
    assert_int_equal(count(b.data, "href=\"/compacts/7/edit\""), 5);
    assert_int_equal(count(b.data, "href=\"/compacts/7/status\""), 1);
    assert_non_null(strstr(b.data, "href=\"/compacts/7/codes\""));
    assert_non_null(strstr(b.data, "href=\"/compacts/7/parameters\""));
    assert_non_null(strstr(b.data, "href=\"/history/compact/7\""));
    buf_release(&b);
}

static void test_list(void **state)
{
    const struct compact_summary items[] = {
        {1, "Alpha", COMPACT_ACTIVE, 0, 0, 1, 0, "Kent"},
        {2, "Beta <b>", COMPACT_INACTIVE, 0, 0, 0, 1, "Leeds"},
        {3, "Gamma", -1, 0, 0, 0, 0, NULL},
    };
    struct compacts_view v = {.status = -1, .region = -1, .items = items, .n = 3};
    struct buf b = BUF_INIT;

    (void)state;
    view_compacts_page(&b, &v, NULL);
    assert_int_equal(count(b.data, "<tr class=\"govuk-table__row\"><td"), 3);
    assert_non_null(strstr(b.data, "3 local Compacts</caption>"));
    assert_int_equal(count(b.data, ">Overdue</strong>"), 1);
    assert_non_null(strstr(b.data, "Beta &lt;b&gt;"));
    assert_non_null(strstr(b.data, ">Not yet in force</strong>"));
    assert_null(strstr(b.data, "/compacts/new"));
    buf_reset(&b);
    v.can_create = 1;
    view_compacts_page(&b, &v, NULL);
    assert_non_null(strstr(b.data, "href=\"/compacts/new\""));
    buf_release(&b);
}

static void test_authority_local(void **state)
{
    const struct authority a = {.gss = "E07000105",
                                .code = "ASF",
                                .name = "Ashford",
                                .official_name = "Ashford Borough Council",
                                .type = AUTH_DISTRICT,
                                .county_gss = "E10000016",
                                .county_name = "Kent",
                                .region = "South East"};
    struct authority_local l = {COVER_COVERED,   7, "Kent <Compact>", 1, COMPACT_ACTIVE,
                                d("2017-02-01"), 1};
    struct buf b = BUF_INIT;

    (void)state;
    view_authority_page(&b, &a, &l, NULL);
    assert_non_null(strstr(b.data, "Local Compact</h2>"));
    assert_non_null(strstr(b.data, "href=\"/compacts/7\">Kent &lt;Compact&gt;</a> (through its "
                                   "county)"));
    assert_non_null(strstr(b.data, "1 February 2017 <strong class=\"govuk-tag "
                                   "govuk-tag--red\">Overdue</strong>"));
    buf_reset(&b);
    l = (struct authority_local){.status = -1};
    view_authority_page(&b, &a, &l, NULL);
    assert_non_null(strstr(b.data, "No local Compact in force covers this area today."));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_page),
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_authority_local),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
