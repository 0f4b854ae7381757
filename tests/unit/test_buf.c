/* struct buf: growth, formatting, the size cap and its sticky failure, detach. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"

static void test_empty_reads_as_empty_string(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    assert_int_equal(b.len, 0);
    buf_release(&b);
    assert_string_equal(b.data, "");
}

static void test_appends_grow_and_terminate(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 0);
    for (int i = 0; i < 1000; i++) {
        buf_adds(&b, "ab");
    }
    buf_addc(&b, '!');
    buf_addf(&b, "%d-%s", 42, "x");
    assert_int_equal(b.len, 2000 + 1 + 4);
    assert_int_equal(b.data[b.len], '\0');
    assert_memory_equal(b.data + 1998, "ab!42-x", 7);
    assert_false(buf_failed(&b));
    buf_release(&b);
}

static void test_addf_longer_than_first_guess(void **state)
{
    struct buf b = BUF_INIT;
    char big[500];
    (void)state;
    memset(big, 'q', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    buf_addf(&b, "<%s>", big);
    assert_int_equal(b.len, 501);
    assert_int_equal(b.data[0], '<');
    assert_int_equal(b.data[500], '>');
    buf_release(&b);
}

static void test_cap_fails_and_sticks(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 8);
    buf_adds(&b, "12345678");
    assert_false(buf_failed(&b));
    buf_adds(&b, "9");
    assert_true(buf_failed(&b));
    assert_string_equal(b.data, "12345678");
    buf_adds(&b, ""); /* still failed, still intact */
    buf_addf(&b, "%d", 1);
    assert_true(buf_failed(&b));
    assert_int_equal(b.len, 8);
    buf_reset(&b);
    assert_false(buf_failed(&b));
    assert_string_equal(b.data, "");
    buf_release(&b);
}

static void test_detach_and_truncate(void **state)
{
    struct buf b = BUF_INIT;
    size_t len;
    char *s;
    (void)state;
    buf_adds(&b, "hello world");
    buf_truncate(&b, 5);
    assert_string_equal(b.data, "hello");
    s = buf_detach(&b, &len);
    assert_int_equal(len, 5);
    assert_string_equal(s, "hello");
    assert_string_equal(b.data, "");
    free(s);
    s = buf_detach(&b, &len); /* an empty buf still detaches a string to free */
    assert_string_equal(s, "");
    free(s);
}

static void test_insert(void **state)
{
    struct buf b = BUF_INIT, small;
    (void)state;
    buf_insert(&b, 0, "abc", 3); /* into nothing */
    assert_string_equal(b.data, "abc");
    buf_insert(&b, 1, "XY", 2);
    assert_string_equal(b.data, "aXYbc");
    buf_insert(&b, 5, "!", 1); /* at the end */
    assert_string_equal(b.data, "aXYbc!");
    buf_insert(&b, 99, "?", 1); /* past the end: at the end */
    assert_string_equal(b.data, "aXYbc!?");
    for (int i = 0; i < 100; i++) { /* growing, the head kept first */
        buf_insert(&b, 0, "0123456789", 10);
    }
    assert_int_equal(b.len, 1007);
    assert_string_equal(b.data + 1000, "aXYbc!?");
    buf_release(&b);
    buf_init(&small, 4);
    buf_adds(&small, "ab");
    buf_insert(&small, 1, "xyz", 3); /* more than it may hold: fails, unchanged */
    assert_true(buf_failed(&small));
    assert_string_equal(small.data, "ab");
    buf_release(&small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_reads_as_empty_string),
        cmocka_unit_test(test_appends_grow_and_terminate),
        cmocka_unit_test(test_addf_longer_than_first_guess),
        cmocka_unit_test(test_cap_fails_and_sticks),
        cmocka_unit_test(test_detach_and_truncate),
        cmocka_unit_test(test_insert),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
