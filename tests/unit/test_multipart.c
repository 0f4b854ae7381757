/* multipart/form-data, strictly (http/multipart.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "http/multipart.h"
#include "base/err.h"

#define B          "XyZ"
#define PART(name) "--" B "\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n"

static int parse(const char *body, size_t len, struct arena *arena, struct query *q,
                 struct multipart_file *f)
{
    return multipart_parse(B, body, len, arena, q, f);
}

static void test_boundary(void **state)
{
    struct arena arena;
    const char *b;

    (void)state;
    arena_init(&arena);
    assert_true(multipart_is("multipart/form-data; boundary=abc", &arena, &b));
    assert_string_equal(b, "abc");
    assert_true(multipart_is("Multipart/Form-Data; charset=x; boundary=\"a b\"", &arena, &b));
    assert_string_equal(b, "a b");
    assert_true(multipart_is("multipart/form-data", &arena, &b));
    assert_string_equal(b, ""); /* refused by multipart_parse */
    assert_false(multipart_is("multipart/form-dataX; boundary=a", &arena, &b));
    assert_false(multipart_is("application/x-www-form-urlencoded", &arena, &b));
    assert_false(multipart_is(NULL, &arena, &b));
    arena_release(&arena);
}

static void test_fields_and_file(void **state)
{
    static const char body[] = PART("title") "Funding code\r\n" PART(
        "themes") "a\r\n"
                  "--" B "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a "
                  "\\\"b\\\".pdf\"\r\n"
                  "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--not-the-end\r\n"
                  "--" B "--\r\nepilogue";
    struct arena arena;
    struct query q;
    struct multipart_file f;

    (void)state;
    arena_init(&arena);
    assert_int_equal(parse(body, sizeof(body) - 1, &arena, &q, &f), 0);
    assert_int_equal(q.n, 2);
    assert_string_equal(query_get(&q, "title"), "Funding code");
    assert_string_equal(f.field, "document");
    assert_string_equal(f.filename, "a \"b\".pdf");
    assert_string_equal(f.content_type, "application/pdf");
    assert_int_equal(f.len, strlen("%PDF-1.4\r\n--not-the-end"));
    assert_memory_equal(f.data, "%PDF-1.4\r\n--not-the-end", f.len);
    arena_release(&arena);
}

static void test_empty_file_input_is_none(void **state)
{
    static const char body[] = "--" B "\r\nContent-Disposition: form-data; name=\"document\"; "
                               "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                               "\r\n--" B "--\r\n";
    struct arena arena;
    struct query q;
    struct multipart_file f;

    (void)state;
    arena_init(&arena);
    assert_int_equal(parse(body, sizeof(body) - 1, &arena, &q, &f), 0);
    assert_null(f.field);
    arena_release(&arena);
}

static void test_refusals(void **state)
{
    static const char *const bad[] = {
        "",                                        /* nothing */
        "preamble\r\n" PART("a") "x\r\n--" B "--", /* not at the start */
        PART("a") "x",                             /* no closing boundary */
        PART("a") "x\r\n--" B "junk",              /* bytes after a boundary */
        "--" B "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--" B "--",
        "--" B "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" B "--", /* no name */
        "--" B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--" B "--",
        "--" B "\r\nNo colon here\r\n\r\nx\r\n--" B "--",
        PART("a") "bad \xff byte\r\n--" B "--", /* not UTF-8 */
        PART("a") "a\x01"
                  "b\r\n--" B "--", /* a control character */
        "--" B "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"1.pdf\"\r\n\r\n1\r\n"
        "--" B "\r\nContent-Disposition: form-data; name=\"g\"; filename=\"2.pdf\"\r\n\r\n2\r\n"
        "--" B "--", /* two files */
    };
    struct arena arena;
    struct query q;
    struct multipart_file f;

    (void)state;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (parse(bad[i], strlen(bad[i]), &arena, &q, &f) != ERR_INVALID) {
            fail_msg("case %zu was accepted", i);
        }
        assert_non_null(q.error.message);
        assert_int_equal(q.n, 0);
    }
    assert_int_equal(multipart_parse("", "x", 1, &arena, &q, &f), ERR_INVALID);
    arena_release(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundary),
        cmocka_unit_test(test_fields_and_file),
        cmocka_unit_test(test_empty_file_input_is_none),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
