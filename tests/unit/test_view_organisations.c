/* The organisations pages as strings: escaping, the error summary, pagination, the forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "view/page_organisations.h"

static const struct organisation items[] = {
    {.id = 7,
     .org_id = "GB-CHC-1234567",
     .name = "Sale <Food> & \"Bank\"",
     .sector = SECTOR_VCS,
     .type = ORG_CHARITY,
     .verified = 1},
    {.id = 9,
     .name = "Friends of the Park",
     .sector = SECTOR_VCS,
     .type = ORG_COMMUNITY_GROUP,
     .verified = 0,
     .website = "https://park.example/?a=1&b=2"},
};

static void test_list_escapes_links_and_pages(void **state)
{
    struct organisations_view v = {.q = "a&b <c>",
                                   .sector = SECTOR_VCS,
                                   .type = -1,
                                   .items = items,
                                   .n = 2,
                                   .total = 60,
                                   .page = 2,
                                   .per_page = 2,
                                   .can_edit = 1};
    struct buf b = BUF_INIT;
    (void)state;
    view_organisations_page(&b, &v, NULL);
    assert_non_null(strstr(b.data, "Sale &lt;Food&gt; &amp; &quot;Bank&quot;"));
    assert_null(strstr(b.data, "<Food>"));
    assert_non_null(strstr(b.data, "href=\"/organisations/GB-CHC-1234567\""));
    assert_non_null(strstr(b.data, "href=\"/organisations/9\""));
    assert_non_null(strstr(b.data, "60 organisations"));
    assert_non_null(strstr(b.data, "value=\"a&amp;b &lt;c&gt;\""));
    /* next keeps the search and filters; the first page drops the page number */
    assert_non_null(strstr(b.data, "Showing 3 to 4 of 60"));
    assert_non_null(strstr(b.data, "href=\"/organisations?q=a%26b%20%3Cc%3E&amp;sector=vcs&amp;"
                                   "page=3\" rel=\"next\""));
    assert_non_null(strstr(b.data, "href=\"/organisations?q=a%26b%20%3Cc%3E&amp;sector=vcs\" "
                                   "rel=\"prev\""));
    assert_non_null(strstr(b.data, "href=\"/api/v1/organisations.csv?q=a%26b%20%3Cc%3E&amp;"
                                   "sector=vcs\""));
    assert_non_null(strstr(b.data, "href=\"/organisations/new\""));
    assert_non_null(strstr(b.data, "<option value=\"vcs\" selected>"));
    buf_release(&b);
}

static void test_list_with_errors_shows_no_table(void **state)
{
    const struct field_error errs[] = {{"type", "Choose a type"}};
    struct organisations_view v = {
        .sector = -1, .type = -1, .page = 1, .errors = errs, .nerrors = 1};
    struct buf b = BUF_INIT;
    (void)state;
    view_organisations_page(&b, &v, NULL);
    assert_non_null(strstr(b.data, "<title>Error: Organisations"));
    assert_non_null(strstr(b.data, "<a href=\"#type\">Choose a type</a>"));
    assert_null(strstr(b.data, "govuk-table"));
    assert_null(strstr(b.data, "govuk-pagination"));
    assert_null(strstr(b.data, "/organisations/new"));
    buf_release(&b);
}

static void test_one_organisation(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    view_organisation_page(&b, &items[1], 0, NULL, NULL, 0, NULL);
    assert_non_null(strstr(b.data, "<h1 class=\"govuk-heading-l\">Friends of the Park</h1>"));
    assert_non_null(strstr(b.data, "It has not signed a local Compact"));
    assert_non_null(strstr(b.data, "None recorded"));
    assert_non_null(strstr(b.data, "href=\"https://park.example/?a=1&amp;b=2\""));
    assert_non_null(strstr(b.data, "Not yet"));
    assert_null(strstr(b.data, "/edit"));
    buf_reset(&b);
    const struct signatory signed_one = {.id = 3,
                                         .compact_id = 7,
                                         .compact_name = "Wigan & Leigh Compact",
                                         .org_ref = "GB-CHC-1234567",
                                         .org_name = "Acme",
                                         .role = "Chair",
                                         .signed_on = 15000};
    view_organisation_page(&b, &items[0], ORG_PAGE_EDIT, NULL, &signed_one, 1, NULL);
    assert_non_null(strstr(b.data, "href=\"/organisations/GB-CHC-1234567/edit\""));
    assert_non_null(strstr(b.data, "href=\"/compacts/7\""));
    assert_non_null(strstr(b.data, "Wigan &amp; Leigh Compact"));
    assert_null(strstr(b.data, "It has not signed"));
    assert_non_null(strstr(b.data, "Registered charity"));
    buf_release(&b);
}

static void test_form_keeps_values_and_names_errors(void **state)
{
    const struct organisation_draft d = {
        .org_id = "GB-CHC-12", .name = "A \"quoted\" name", .type = "charity", .sector = "private"};
    const struct field_error errs[] = {{"org_id", "Wrong number"}, {"sector", "Wrong sector"}};
    struct organisation_form_view v = {.values = &d, .errors = errs, .nerrors = 2};
    const struct viewer viewer = {.name = "Coordinator", .csrf = "tok"};
    struct buf b = BUF_INIT;
    (void)state;
    view_organisation_form_page(&b, &v, &viewer);
    assert_non_null(strstr(b.data, "<title>Error: Add an organisation"));
    assert_non_null(strstr(b.data, "action=\"/organisations\""));
    assert_non_null(strstr(b.data, "name=\"csrf_token\" value=\"tok\""));
    assert_non_null(strstr(b.data, "value=\"A &quot;quoted&quot; name\""));
    assert_non_null(strstr(b.data, "value=\"GB-CHC-12\""));
    assert_non_null(strstr(b.data, "<option value=\"charity\" selected>"));
    assert_non_null(strstr(b.data, "<option value=\"private\" selected>"));
    assert_non_null(strstr(b.data, "<a href=\"#org_id\">Wrong number</a>"));
    assert_non_null(strstr(b.data, "id=\"sector-error\""));
    buf_reset(&b);
    v = (struct organisation_form_view){.ref = "GB-CHC-1234567", .name = "Old", .values = &d};
    view_organisation_form_page(&b, &v, &viewer);
    assert_non_null(strstr(b.data, "action=\"/organisations/GB-CHC-1234567\""));
    assert_non_null(strstr(b.data, "Save changes"));
    assert_null(strstr(b.data, "Error:"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_escapes_links_and_pages),
        cmocka_unit_test(test_list_with_errors_shows_no_table),
        cmocka_unit_test(test_one_organisation),
        cmocka_unit_test(test_form_keeps_values_and_names_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
