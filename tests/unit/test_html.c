/* The HTML escaper: all five characters, by table, in text and attributes; URL components. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "view/html.h"

static const struct {
    const char *in, *out;
} escapes[] = {
    {"&", "&amp;"},
    {"<", "&lt;"},
    {">", "&gt;"},
    {"\"", "&quot;"},
    {"'", "&#39;"},
    {"plain", "plain"},
    {"", ""},
    {"<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
    {"a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f"},
    {"&amp;", "&amp;amp;"},
    {"Kingston upon Hull, City of", "Kingston upon Hull, City of"},
    {"caf\xc3\xa9", "caf\xc3\xa9"},
};

static void test_text_and_attr_escape_all_five(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++) {
        struct buf t = BUF_INIT, a = BUF_INIT;
        html_text(&t, escapes[i].in);
        html_attr(&a, escapes[i].in);
        assert_string_equal(t.data, escapes[i].out);
        assert_string_equal(a.data, escapes[i].out);
        buf_release(&t);
        buf_release(&a);
    }
}

static void test_null_appends_nothing(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    html_text(&b, NULL);
    html_attr(&b, NULL);
    html_url(&b, NULL);
    assert_int_equal(b.len, 0);
    buf_release(&b);
}

static void test_url_component(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"E07000240", "E07000240"},
        {"a b&c=d/e?f#g", "a%20b%26c%3Dd%2Fe%3Ff%23g"},
        {"\"><script>", "%22%3E%3Cscript%3E"},
        {"-._~", "-._~"},
        {"\xc3\xa9", "%C3%A9"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf b = BUF_INIT;
        html_url(&b, cases[i].in);
        assert_string_equal(b.data, cases[i].out);
        buf_release(&b);
    }
}

static void test_lit_and_num(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    html_lit(&b, "<p>");
    html_num(&b, -353);
    html_lit(&b, "</p>");
    assert_string_equal(b.data, "<p>-353</p>");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_and_attr_escape_all_five),
        cmocka_unit_test(test_null_appends_nothing),
        cmocka_unit_test(test_url_component),
        cmocka_unit_test(test_lit_and_num),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
