/* base/utf8: the one UTF-8 validator, over a table of good and bad text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "base/err.h"
#include "base/utf8.h"

static const struct {
    const char *text;
    size_t len; /* 0: strlen(text) */
    int ok;     /* well-formed, no NUL */
    size_t bad; /* where the first fault is */
    const char *what;
} cases[] = {
    {"", 0, 1, 0, "empty"},
    {"Leeds City Council", 0, 1, 0, "ASCII"},
    {"Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 0, 1, 0, "two, three and four bytes"},
    {"\xef\xbb\xbftext", 0, 1, 0, "a byte order mark is a character"},
    {"\xf4\x8f\xbf\xbf", 0, 1, 0, "U+10FFFF, the last"},
    {"\xed\x9f\xbf", 0, 1, 0, "U+D7FF, before the surrogates"},
    {"ab\x80", 0, 0, 2, "a stray continuation byte"},
    {"\xff", 0, 0, 0, "0xff"},
    {"x\xc0\xaf", 0, 0, 1, "overlong '/' in two bytes"},
    {"\xc1\xbf", 0, 0, 0, "overlong in two bytes, 0xc1"},
    {"\xe0\x80\xaf", 0, 0, 0, "overlong '/' in three bytes"},
    {"\xf0\x80\x80\xaf", 0, 0, 0, "overlong '/' in four bytes"},
    {"\xed\xa0\x80", 0, 0, 0, "a high surrogate, U+D800"},
    {"\xed\xbf\xbf", 0, 0, 0, "a low surrogate, U+DFFF"},
    {"\xf4\x90\x80\x80", 0, 0, 0, "past U+10FFFF"},
    {"\xf5\x80\x80\x80", 0, 0, 0, "0xf5"},
    {"ok\xe2\x82", 0, 0, 2, "a three-byte sequence cut short at the end"},
    {"\xe2\x82x", 0, 0, 0, "a three-byte sequence cut by ASCII"},
    {"\xf0\x9f\x98", 0, 0, 0, "a four-byte sequence cut short"},
    {"2023-01-01\0x", 12, 0, 10, "a NUL inside"},
    {"\xc3\xa9", 1, 0, 0, "a sequence cut by the length given"},
};

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text), bad = 999;
        int rc = utf8_check(cases[i].text, len, &bad);
        if ((rc == 0) != cases[i].ok || (!cases[i].ok && bad != cases[i].bad)) {
            fail_msg("case %zu (%s): rc %d, bad %zu", i, cases[i].what, rc, bad);
        }
        if (!cases[i].ok) {
            assert_int_equal(rc, ERR_INVALID);
        }
    }
}

static void test_seq_lengths(void **state)
{
    (void)state;
    assert_int_equal(utf8_seq((const unsigned char *)"a", 1), 1);
    assert_int_equal(utf8_seq((const unsigned char *)"\xc3\xa9", 2), 2);
    assert_int_equal(utf8_seq((const unsigned char *)"\xe2\x82\xac", 3), 3);
    assert_int_equal(utf8_seq((const unsigned char *)"\xf0\x9f\x98\x80", 4), 4);
    assert_int_equal(utf8_seq((const unsigned char *)"\xf0\x9f\x98\x80", 3), 0);
    assert_int_equal(utf8_seq((const unsigned char *)"a", 0), 0);
}

static void test_controls(void **state)
{
    (void)state;
    assert_true(utf8_is_control((const unsigned char *)"\t", 1));
    assert_true(utf8_is_control((const unsigned char *)"\x7f", 1));
    assert_true(utf8_is_control((const unsigned char *)"\xc2\x85", 2)); /* NEL, C1 */
    assert_false(utf8_is_control((const unsigned char *)"a", 1));
    assert_false(utf8_is_control((const unsigned char *)"\xc2\xa0", 2)); /* no-break space */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_seq_lengths),
        cmocka_unit_test(test_controls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
