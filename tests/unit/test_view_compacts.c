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

static void page_done(struct buf *b, int demo, int may_edit, int signed_in, date_t today,
                      unsigned done)
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
    static const struct compact_code codes[] = {{1, "Old", NULL, NULL},
                                                {2, "New <code>", NULL, NULL}};
    struct compact_page_view v = {
        .entry = &e, .today = today, .done = done, .may_edit = may_edit, .signed_in = signed_in};

    e.codes = codes;
    e.ncodes = 2;
    e.params.set[PARAM_NOTICE_MONTHS] = 1;
    e.params.value[PARAM_NOTICE_MONTHS] = 6;

    history[0] = (struct status_change){d("2010-01-01"), COMPACT_IN_DEVELOPMENT};
    history[1] = (struct status_change){d("2011-02-01"), COMPACT_ACTIVE};
    buf_reset(b);
    view_compact_page(b, &v, NULL);
    assert_false(buf_failed(b));
}

static void page(struct buf *b, int demo, int may_edit, int signed_in, date_t today)
{
    page_done(b, demo, may_edit, signed_in, today, 0);
}

/* The banner of ?done=: what changed, said with the values as they are, for editors only. */
static void test_done_banner(void **state)
{
    struct buf b = BUF_INIT;

    (void)state;
    page_done(&b, 0, 1, 1, d("2016-01-01"), DONE_REVIEW);
    assert_non_null(strstr(b.data, "govuk-notification-banner--success\" role=\"alert\""));
    assert_non_null(strstr(b.data, "<p class=\"govuk-notification-banner__heading\">Review date "
                                   "changed to 1 February 2017</p>"));
    assert_true(strstr(b.data, "govuk-notification-banner") < strstr(b.data, "<h1"));
    page_done(&b, 0, 0, 1, d("2016-01-01"), DONE_REVIEW);
    assert_null(strstr(b.data, "govuk-notification-banner"));
    page_done(&b, 0, 1, 1, d("2016-01-01"), 0);
    assert_null(strstr(b.data, "govuk-notification-banner"));
    page_done(&b, 0, 1, 1, d("2016-01-01"),
              DONE_ADOPTED | DONE_CODE | DONE_STATUS | DONE_AUTHORITIES |
                  DONE_PARAM(PARAM_NOTICE_MONTHS) | DONE_PARAM(PARAM_MIN_TENDER_DAYS) |
                  DONE_PARAM(PARAM_FEEDBACK_WEEKS) | DONE_NOTHING | (1u << 31));
    assert_non_null(strstr(
        b.data, "Changes saved</p><ul class=\"govuk-list govuk-list--bullet\"><li>Authorities "
                "changed to Kent</li><li>Date adopted changed to 1 February 2011</li><li>Status "
                "changed to Active from 1 February 2011</li><li>Code of practice added: New "
                "&lt;code&gt;</li><li>Time from closing to published feedback changed to the "
                "national default, 12 weeks</li><li>Notice before funding ends or is reduced "
                "changed to 6 months</li><li>Minimum days from tender to submission deadline no "
                "longer set: the rule applies only where a Compact sets it</li></ul>"));
    assert_null(strstr(b.data, "Nothing was changed"));
    page_done(&b, 0, 1, 1, d("2010-06-01"), DONE_STATUS);
    assert_non_null(strstr(b.data, "Status will change to Active on 1 February 2011"));
    page_done(&b, 0, 1, 1, d("2016-01-01"), DONE_NOTHING);
    assert_non_null(strstr(b.data, "govuk-notification-banner\" role=\"region\""));
    assert_non_null(strstr(b.data, "Nothing was changed"));
    buf_release(&b);
}

/* The details form opened by a Change link: that field has the focus; the review date's hint
 * says whether it follows the dates. */
static void test_form_focus(void **state)
{
    struct buf b = BUF_INIT;
    struct compact_form_view v = {.id = 7, .name = "Kent", .ncontacts = 1, .focus = "review_due"};

    (void)state;
    view_compact_form_page(&b, &v, NULL);
    assert_int_equal(count(b.data, " autofocus"), 1);
    assert_non_null(strstr(b.data, "id=\"review_due-day\" name=\"review_due-day\" type=\"text\" "
                                   "inputmode=\"numeric\" autofocus"));
    assert_non_null(strstr(b.data, "Leave it blank for six years after"));
    buf_reset(&b);
    v.focus = "contacts";
    v.review_follows = 1;
    view_compact_form_page(&b, &v, NULL);
    assert_int_equal(count(b.data, " autofocus"), 1);
    assert_non_null(strstr(b.data, "id=\"contact-0-name\" name=\"contact-0-name\" type=\"text\" "
                                   "spellcheck=\"false\" autofocus"));
    assert_non_null(strstr(b.data, "it will move with those dates"));
    buf_reset(&b);
    v.focus = NULL;
    view_compact_form_page(&b, &v, NULL);
    assert_int_equal(count(b.data, " autofocus"), 0);
    buf_release(&b);
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
    /* each Change link opens the details form at the field it names, said in hidden text */
    assert_int_equal(count(b.data, "href=\"/compacts/7/edit?change="), 6);
    assert_non_null(strstr(b.data, "href=\"/compacts/7/edit?change=authorities\">Change<span "
                                   "class=\"govuk-visually-hidden\"> authorities</span>"));
    assert_non_null(strstr(b.data, "href=\"/compacts/7/edit?change=adopted\">Change<span "
                                   "class=\"govuk-visually-hidden\"> date adopted</span>"));
    assert_non_null(strstr(b.data, "href=\"/compacts/7/edit?change=refreshed\">Change<span "
                                   "class=\"govuk-visually-hidden\"> date last refreshed</span>"));
    assert_non_null(strstr(b.data, "href=\"/compacts/7/edit?change=review_due\">Change<span "
                                   "class=\"govuk-visually-hidden\"> review date</span>"));
    assert_non_null(strstr(b.data, "href=\"/compacts/7/edit?change=document_url\">Change<span "
                                   "class=\"govuk-visually-hidden\"> document link</span>"));
    assert_non_null(
        strstr(b.data, "href=\"/compacts/7/edit?change=contacts\">Change the key contacts</a>"));
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
        cmocka_unit_test(test_compact_page),    cmocka_unit_test(test_done_banner),
        cmocka_unit_test(test_form_focus),      cmocka_unit_test(test_list),
        cmocka_unit_test(test_authority_local),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
