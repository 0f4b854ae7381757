/* Views are pure functions of structs: their markup checked as strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "view/components.h"
#include "view/form.h"
#include "view/layout.h"
#include "view/page_error.h"

static void test_input_with_error(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    form_text_input(&b, &(struct form_field){.name = "email",
                                             .label = "Email address",
                                             .error = "Enter your email address",
                                             .value = "a\"b@example.org",
                                             .type = "email",
                                             .autocomplete = "email",
                                             .flags = FORM_NO_SPELLCHECK});
    assert_non_null(strstr(b.data, "govuk-form-group--error"));
    assert_non_null(strstr(b.data, "<p id=\"email-error\" class=\"govuk-error-message\">"));
    assert_non_null(strstr(b.data, "aria-describedby=\"email-error\""));
    assert_non_null(strstr(b.data, "value=\"a&quot;b@example.org\""));
    assert_null(strstr(b.data, "a\"b"));
    buf_release(&b);
}

static void test_input_without_error(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    form_text_input(&b, &(struct form_field){.name = "password",
                                             .label = "Password",
                                             .type = "password",
                                             .autocomplete = "current-password",
                                             .flags = FORM_NO_SPELLCHECK});
    assert_null(strstr(b.data, "error"));
    assert_null(strstr(b.data, "value="));
    assert_non_null(
        strstr(b.data, "<label class=\"govuk-label\" for=\"password\">Password</label>"));
    buf_release(&b);
}

static void test_error_summary_links_fields(void **state)
{
    struct buf b = BUF_INIT;
    const struct field_error errs[] = {{"set", "Choose <a> set"}, {"type", "Choose a type"}};
    (void)state;
    form_error_summary(&b, errs, 2);
    assert_non_null(strstr(b.data, "<a href=\"#set\">Choose &lt;a&gt; set</a>"));
    assert_non_null(strstr(b.data, "<a href=\"#type\">Choose a type</a>"));
    assert_non_null(strstr(b.data, "role=\"alert\""));
    buf_release(&b);
}

static void test_error_page_signed_out_and_in(void **state)
{
    struct buf b = BUF_INIT;
    const struct viewer someone = {"Ada <Admin>", "tok"};
    (void)state;
    view_error_page(&b, 404, NULL, NULL);
    assert_non_null(strstr(b.data, "<h1 class=\"govuk-heading-l\">Page not found</h1>"));
    assert_non_null(strstr(b.data, ">Sign in<"));
    assert_non_null(strstr(b.data, "<title>Page not found - Compact Hub</title>"));
    buf_reset(&b);
    view_error_page(&b, 403, "Not <yours>.", &someone);
    assert_non_null(strstr(b.data, "Not &lt;yours&gt;."));
    assert_non_null(strstr(b.data, "Sign out"));
    assert_non_null(strstr(b.data, "name=\"csrf_token\" value=\"tok\""));
    buf_release(&b);
}

/* A page one step below Home: Home linked, the crumb current, the errors opening the page. */
static void test_top_page(void **state)
{
    struct buf b = BUF_INIT;
    const struct field_error errs[] = {{"set", "Choose a set"}};
    (void)state;
    view_top_page_start(&b, "Cover <all>", "Cover", NAV_COVERAGE, errs, 1, NULL);
    view_top_page_end(&b);
    assert_non_null(strstr(b.data, "<title>Error: Cover &lt;all&gt; - Compact Hub</title>"));
    assert_non_null(strstr(b.data, "<a class=\"govuk-breadcrumbs__link\" href=\"/\">Home</a>"));
    assert_non_null(strstr(b.data, "aria-current=\"page\">Cover</li>"));
    assert_non_null(strstr(b.data, "<a href=\"#set\">Choose a set</a>"));
    assert_non_null(strstr(b.data, "govuk-service-navigation__item--active\"><a "
                                   "class=\"govuk-service-navigation__link\" "
                                   "aria-current=\"true\" href=\"/coverage\">"));
    assert_null(strstr(b.data, "govuk-grid-column-two-thirds"));
    assert_non_null(strstr(b.data, "</main>"));
    buf_reset(&b);
    view_top_page_start(&b, "Commitments", "Commitments", NAV_CHECKS, NULL, 0, NULL);
    assert_non_null(strstr(b.data, "<title>Commitments - Compact Hub</title>"));
    assert_null(strstr(b.data, "govuk-error-summary"));
    buf_release(&b);
}

static void test_download_csv(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    download_csv(&b, "one", "/api/v1/grants.csv", "q=a&b");
    assert_string_equal(b.data, "<p class=\"govuk-body\">Download every one that matches as <a "
                                "class=\"govuk-link\" href=\"/api/v1/grants.csv?q=a&amp;b\">"
                                "CSV</a>.</p>");
    buf_reset(&b);
    download_csv(&b, "organisation", "/api/v1/organisations.csv", "");
    assert_non_null(strstr(b.data, "href=\"/api/v1/organisations.csv\">CSV</a>"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_with_error),
        cmocka_unit_test(test_input_without_error),
        cmocka_unit_test(test_error_summary_links_fields),
        cmocka_unit_test(test_error_page_signed_out_and_in),
        cmocka_unit_test(test_top_page),
        cmocka_unit_test(test_download_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
