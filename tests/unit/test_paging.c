/* The one paging path: limit and cursor read, one row more, the cut and the next cursor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "http/paging.h"
#include "http/query.h"
#include "base/err.h"

static struct arena arena;

static int setup(void **state)
{
    (void)state;
    arena_init(&arena);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_release(&arena);
    return 0;
}

struct query_case {
    const char *qs;
    size_t limit;
    long long after;
    const char *bad; /* the first parameter named at fault, or NULL */
};

static void test_query_with_a_number_cursor(void **state)
{
    static const struct query_case cases[] = {
        {"", 100, 0, NULL},
        {"limit=1", 1, 0, NULL},
        {"limit=1000&cursor=42", 1000, 42, NULL},
        {"limit=007", 7, 0, NULL},
        {"cursor=", 100, 0, NULL},
        {"cursor=999999999999999999", 100, 999999999999999999LL, NULL},
        {"limit=0", 100, 0, "limit"},
        {"limit=1001", 100, 0, "limit"},
        {"limit=-5", 100, 0, "limit"},
        {"limit=ten", 100, 0, "limit"},
        {"limit=10abc", 100, 0, "limit"},
        {"limit=", 100, 0, "limit"},
        {"limit=%2B5", 100, 0, "limit"},
        {"limit=+5", 100, 0, "limit"},
        {"limit=99999999999999999999", 100, 0, "limit"},
        {"cursor=0", 100, 0, "cursor"},
        {"cursor=abc", 100, 0, "cursor"},
        {"cursor=-1", 100, 0, "cursor"},
        {"cursor=1000000000000000000", 100, 0, "cursor"},
        {"limit=0&cursor=x", 100, 0, "limit"},
    };
    (void)state;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct field_error errs[2];
        struct query q;
        size_t limit, n = 0;
        long long after;
        const char *cursor = "unset";

        assert_int_equal(query_parse(cases[i].qs, strlen(cases[i].qs), &arena, &q), 0);
        page_query(&q, 100, &limit, &after, &cursor, errs, &n);
        if (limit != cases[i].limit || after != cases[i].after ||
            (cases[i].bad ? !n || strcmp(errs[0].field, cases[i].bad) : n != 0)) {
            fail_msg("%s: limit %zu, after %lld, %zu errors", cases[i].qs, limit, after, n);
        }
    }
}

static void test_query_with_a_text_cursor(void **state)
{
    struct field_error errs[2] = {{NULL, NULL}, {NULL, NULL}};
    struct query q;
    size_t limit, n = 1; /* appends after what is there */
    const char *cursor;
    (void)state;

    assert_int_equal(query_parse("limit=5&cursor=E06000001", 24, &arena, &q), 0);
    page_query(&q, 50, &limit, NULL, &cursor, errs, &n);
    assert_int_equal(n, 1);
    assert_int_equal(limit, 5);
    assert_string_equal(cursor, "E06000001");

    assert_int_equal(query_parse("cursor=&limit=x", 15, &arena, &q), 0);
    page_query(&q, 50, &limit, NULL, &cursor, errs, &n);
    assert_int_equal(n, 2);
    assert_string_equal(errs[1].field, "limit");
    assert_int_equal(limit, 50);
    assert_null(cursor);
    assert_string_equal(page_bad_cursor.field, "cursor");
}

static void test_one_row_more(void **state)
{
    struct page p;
    size_t limit = 3;
    (void)state;

    /* a full page and more: the fetch asks for 4, gets 4, keeps 3 and goes on */
    page_begin(&p, &limit);
    assert_int_equal(limit, 4);
    p.n = 4;
    assert_true(page_more(&p));
    assert_int_equal(p.n, 3);

    /* exactly a page: the last */
    limit = 3;
    page_begin(&p, &limit);
    p.n = 3;
    assert_false(page_more(&p));
    assert_int_equal(p.n, 3);

    /* fewer, and none */
    limit = 3;
    page_begin(&p, &limit);
    p.n = 1;
    assert_false(page_more(&p));
    assert_int_equal(p.n, 1);
    page_begin(&p, &limit);
    assert_int_equal(p.total, 0);
    assert_false(page_more(&p));
    assert_int_equal(p.n, 0);
}

static void test_cursor(void **state)
{
    (void)state;
    assert_string_equal(page_cursor(&arena, 42), "42");
    assert_string_equal(page_cursor(&arena, 9223372036854775807LL), "9223372036854775807");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_with_a_number_cursor),
        cmocka_unit_test(test_query_with_a_text_cursor),
        cmocka_unit_test(test_one_row_more),
        cmocka_unit_test(test_cursor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
