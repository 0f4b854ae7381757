/* Views are pure functions of structs: their markup checked as strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "view/form.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_with_error),
        cmocka_unit_test(test_input_without_error),
        cmocka_unit_test(test_error_summary_links_fields),
        cmocka_unit_test(test_error_page_signed_out_and_in),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
