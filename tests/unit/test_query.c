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
    buf_release(&b);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_decoded),
        cmocka_unit_test(test_first_value_wins),
        cmocka_unit_test(test_malformed_refused),
        cmocka_unit_test(test_too_many_params),
        cmocka_unit_test(test_path_decoding_keeps_plus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
