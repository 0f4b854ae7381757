/* Query strings: decoding, splitting, and refusing what is malformed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "http/query.h"
#include "base/buf.h"
#include "base/err.h"

static void test_pairs_decoded(void **state)
{
    static const char s[] = "set=2012&type=county&region=north%20east&q=a+b&empty=&flag&&x=%3Cs%3E";
    struct arena a;
    struct query q;
    (void)state;
    arena_init(&a);
    assert_int_equal(query_parse(s, strlen(s), &a, &q), 0);
    assert_int_equal(q.n, 7);
    assert_string_equal(query_get(&q, "set"), "2012");
    assert_string_equal(query_get(&q, "type"), "county");
    assert_string_equal(query_get(&q, "region"), "north east");
    assert_string_equal(query_get(&q, "q"), "a b");
    assert_string_equal(query_get(&q, "empty"), "");
    assert_string_equal(query_get(&q, "flag"), "");
    assert_string_equal(query_get(&q, "x"), "<s>");
    assert_null(query_get(&q, "missing"));
    arena_release(&a);
}

static void test_first_value_wins(void **state)
{
    static const char s[] = "set=2012&set=current";
    struct arena a;
    struct query q;
    (void)state;
    arena_init(&a);
    assert_int_equal(query_parse(s, strlen(s), &a, &q), 0);
    assert_string_equal(query_get(&q, "set"), "2012");
    arena_release(&a);
}

static void test_malformed_refused(void **state)
{
    static const char *const bad[] = {"a=%", "a=%4", "a=%zz", "a=%00", "a=%1F", "a=%7f", "%01=1"};
    struct arena a;
    struct query q;
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        q.n = 99;
        assert_int_equal(query_parse(bad[i], strlen(bad[i]), &a, &q), ERR_INVALID);
        assert_int_equal(q.n, 0);
    }
    arena_release(&a);
}

static void test_too_many_params(void **state)
{
    struct buf b = BUF_INIT;
    struct arena a;
    struct query q;
    (void)state;
    arena_init(&a);
    for (int i = 0; i <= QUERY_MAX_PARAMS; i++) {
        buf_addf(&b, "p%d=1&", i);
    }
    assert_int_equal(query_parse(b.data, b.len, &a, &q), ERR_INVALID);
    assert_null(q.error.field);
    assert_string_equal(q.error.message, "More than 64 parameters were sent");
    buf_release(&b);
    arena_release(&a);
}

#define NOT_UTF8 " is not valid UTF-8 text"
#define CONTROL  " contains a control character (such as %00), which text may not"

/*
 * Text that is not UTF-8 once decoded is refused, naming the parameter: each case a query, the
 * field named (NULL: a name is at fault) and the message. Sequences, as escapes or raw bytes:
 * stray, overlong, a surrogate, past U+10FFFF, cut short (at the end and before the next pair).
 */
static void test_bad_text_named(void **state)
{
    static const struct {
        const char *query, *field, *message;
    } cases[] = {
        {"role=%C0%AF", "role", "role" NOT_UTF8},
        {"a=1&role=%C0%80", "role", "role" NOT_UTF8},
        {"role=%E0%80%AF", "role", "role" NOT_UTF8},
        {"role=%FF", "role", "role" NOT_UTF8},
        {"role=\xff", "role", "role" NOT_UTF8},
        {"role=%80", "role", "role" NOT_UTF8},
        {"role=%ED%A0%80", "role", "role" NOT_UTF8},
        {"role=%ED%BF%BF", "role", "role" NOT_UTF8},
        {"role=%F4%90%80%80", "role", "role" NOT_UTF8},
        {"role=caf%C3", "role", "role" NOT_UTF8},
        {"role=%E2%82&next=1", "role", "role" NOT_UTF8},
        {"role=%F0%9F%98", "role", "role" NOT_UTF8},
        {"role=a+%00", "role", "role" CONTROL},
        {"signed_on-day=%001", "signed_on-day", "signed_on-day" CONTROL},
        {"role=%zz", "role", "role has a % not followed by two hexadecimal digits"},
        {"%C0%AF=1", NULL, "A parameter's name" NOT_UTF8},
        {"ro%00le=1", NULL, "A parameter's name" CONTROL},
        {"a=1&=%FF", NULL, "A parameter with no name" NOT_UTF8},
    };
    struct arena a;
    struct query q;
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int ret = query_parse(cases[i].query, strlen(cases[i].query), &a, &q);
        if (ret != ERR_INVALID || q.n != 0 ||
            (cases[i].field ? !q.error.field || strcmp(q.error.field, cases[i].field)
                            : q.error.field != NULL) ||
            !q.error.message || strcmp(q.error.message, cases[i].message)) {
            fail_msg("case %zu (%s): %d, field %s, message %s", i, cases[i].query, ret,
                     q.error.field ? q.error.field : "NULL",
                     q.error.message ? q.error.message : "NULL");
        }
    }
    arena_release(&a);
}

/* Well-formed UTF-8 passes, escaped or raw, and a valid query leaves no error behind. */
static void test_utf8_text_kept(void **state)
{
    static const char s[] = "role=caf%C3%A9&e=%F0%9F%98%80&raw=\xc3\xa9t\xc3\xa9&max=%F4%8F%BF%BF";
    struct arena a;
    struct query q;
    char *out;
    (void)state;
    arena_init(&a);
    assert_int_equal(query_parse("role=%C0%AF", 11, &a, &q), ERR_INVALID);
    assert_int_equal(query_parse(s, strlen(s), &a, &q), 0);
    assert_null(q.error.field);
    assert_null(q.error.message);
    assert_string_equal(query_get(&q, "role"), "caf\xc3\xa9");
    assert_string_equal(query_get(&q, "e"), "\xf0\x9f\x98\x80");
    assert_string_equal(query_get(&q, "raw"), "\xc3\xa9t\xc3\xa9");
    assert_string_equal(query_get(&q, "max"), "\xf4\x8f\xbf\xbf");
    /* a path too: the overlong '/' of old traversal attacks is no '/' */
    assert_int_equal(url_decode("/a%C0%AF..", 10, 0, &a, &out), ERR_INVALID);
    assert_null(out);
    assert_int_equal(url_decode("/caf%C3%A9", 10, 0, &a, &out), 0);
    assert_string_equal(out, "/caf\xc3\xa9");
    arena_release(&a);
}

static void test_path_decoding_keeps_plus(void **state)
{
    struct arena a;
    char *out;
    (void)state;
    arena_init(&a);
    assert_int_equal(url_decode("/a+b%2F", 7, 0, &a, &out), 0);
    assert_string_equal(out, "/a+b/");
    assert_int_equal(url_decode("/%2e%2e", 7, 0, &a, &out), 0);
    assert_string_equal(out, "/..");
    arena_release(&a);
}

/* A GOV.UK date input's three fields: each case a query, what read_date returns, and the date. */
static void test_trim(void **state)
{
    struct arena a;

    (void)state;
    arena_init(&a);
    assert_string_equal(query_trim(&a, " \t Leeds City \r\n"), "Leeds City");
    assert_string_equal(query_trim(&a, "x"), "x");
    assert_null(query_trim(&a, " \t\r\n "));
    assert_null(query_trim(&a, ""));
    assert_null(query_trim(&a, NULL));
    arena_release(&a);
}

static void test_read_date(void **state)
{
    static const struct {
        const char *query;
        int ret;
        int y, m, d;
    } cases[] = {
        {"d-day=27&d-month=3&d-year=2012", 0, 2012, 3, 27},
        {"d-day=+1+&d-month=%204&d-year=2012+", 0, 2012, 4, 1}, /* spaces around: fine */
        {"d-day=01&d-month=04&d-year=2012", 0, 2012, 4, 1},
        {"d-day=29&d-month=2&d-year=2012", 0, 2012, 2, 29},
        {"", 1, 0, 0, 0},
        {"d-day=&d-month=+&d-year=", 1, 0, 0, 0},
        {"d-day=29&d-month=2&d-year=2013", ERR_INVALID, 0, 0, 0},
        {"d-day=31&d-month=4&d-year=2012", ERR_INVALID, 0, 0, 0},
        {"d-day=1&d-month=13&d-year=2012", ERR_INVALID, 0, 0, 0},
        {"d-day=0&d-month=1&d-year=2012", ERR_INVALID, 0, 0, 0},
        {"d-day=1&d-year=2012", ERR_INVALID, 0, 0, 0},
        {"d-day=1&d-month=1&d-year=999", ERR_INVALID, 0, 0, 0},
        {"d-day=1&d-month=1&d-year=10000", ERR_INVALID, 0, 0, 0},
        {"d-day=1&d-month=1&d-year=99999999999999999999", ERR_INVALID, 0, 0, 0},
        {"d-day=-1&d-month=1&d-year=2012", ERR_INVALID, 0, 0, 0},
        {"d-day=1x&d-month=1&d-year=2012", ERR_INVALID, 0, 0, 0},
        {"d-day=1+2&d-month=1&d-year=2012", ERR_INVALID, 0, 0, 0},
    };
    static const struct date_messages m = {"Enter the date", "The date must be a real date"};
    struct arena a;
    struct query q;
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *given[3], *error = "unset";
        date_t d = 1;
        assert_int_equal(query_parse(cases[i].query, strlen(cases[i].query), &a, &q), 0);
        assert_int_equal(read_date(&q, "d", &m, given, &d, &error), cases[i].ret);
        if (cases[i].ret == 0) {
            assert_int_equal(d, date_from_ymd(cases[i].y, cases[i].m, cases[i].d));
            assert_null(error);
        } else {
            assert_int_equal(d, 0);
            assert_string_equal(error, cases[i].ret > 0 ? m.blank : m.invalid);
        }
        assert_ptr_equal(given[0], query_get(&q, "d-day")); /* as sent, to show again */
        assert_ptr_equal(given[1], query_get(&q, "d-month"));
        assert_ptr_equal(given[2], query_get(&q, "d-year"));
        assert_int_equal(read_date(&q, "d", NULL, NULL, &d, &error), cases[i].ret);
        assert_null(error); /* no messages given, none said */
    }
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_decoded),
        cmocka_unit_test(test_first_value_wins),
        cmocka_unit_test(test_malformed_refused),
        cmocka_unit_test(test_too_many_params),
        cmocka_unit_test(test_bad_text_named),
        cmocka_unit_test(test_utf8_text_kept),
        cmocka_unit_test(test_path_decoding_keeps_plus),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_read_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
