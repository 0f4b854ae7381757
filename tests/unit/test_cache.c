/* The reply cache: hits, emptying on a new database version, replacement, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <event2/buffer.h>

#include "http/cache.h"

/* The bytes of a cached reply, read back the way a reply would send them. */
static void assert_body(const struct cached_reply *r, const char *want)
{
    struct evbuffer *b = evbuffer_new();
    char got[64] = {0};
    assert_non_null(b);
    assert_int_equal(r->len, strlen(want));
    if (r->segment) {
        assert_int_equal(evbuffer_add_file_segment(b, r->segment, 0, (ev_off_t)r->len), 0);
    } else {
        assert_int_equal(evbuffer_add(b, r->body, r->len), 0);
    }
    assert_int_equal(evbuffer_remove(b, got, sizeof(got) - 1), (int)strlen(want));
    assert_string_equal(got, want);
    evbuffer_free(b);
}

static void test_hit_and_version(void **state)
{
    struct reply_cache *c = cache_new(4, 1024);
    const struct cached_reply *r;
    (void)state;
    assert_null(cache_get(c, 1, "/a"));
    cache_put(c, 1, "/a", 0, 200, "text/html", "hello", 5);
    r = cache_get(c, 1, "/a");
    assert_non_null(r);
    assert_int_equal(r->status, 200);
    assert_string_equal(r->content_type, "text/html");
    assert_body(r, "hello");
    assert_null(cache_get(c, 1, "/a?x=1")); /* the whole target is the key */
    assert_null(cache_get(c, 2, "/a"));     /* the database moved on */
    assert_null(cache_get(c, 1, "/a"));     /* and the old entry is gone for good */
    cache_free(c);
}

static void test_least_recently_used_goes(void **state)
{
    struct reply_cache *c = cache_new(2, 1024);
    (void)state;
    cache_put(c, 7, "/a", 0, 200, "t", "A", 1);
    cache_put(c, 7, "/b", 0, 200, "t", "B", 1);
    assert_non_null(cache_get(c, 7, "/a")); /* /b is now the older */
    cache_put(c, 7, "/c", 0, 200, "t", "C", 1);
    assert_null(cache_get(c, 7, "/b"));
    assert_body(cache_get(c, 7, "/a"), "A");
    assert_body(cache_get(c, 7, "/c"), "C");
    cache_free(c);
}

static void test_segment_outlives_eviction(void **state)
{
    struct reply_cache *c = cache_new(1, 1024);
    struct evbuffer *b = evbuffer_new();
    const struct cached_reply *r;
    char got[8] = {0};
    (void)state;
    cache_put(c, 1, "/a", 0, 200, "t", "first", 5);
    r = cache_get(c, 1, "/a");
    if (r->segment) {
        assert_int_equal(evbuffer_add_file_segment(b, r->segment, 0, 5), 0);
        cache_put(c, 1, "/b", 0, 200, "t", "other", 5); /* evicts /a while a reply holds it */
        assert_int_equal(evbuffer_remove(b, got, 5), 5);
        assert_string_equal(got, "first");
    }
    evbuffer_free(b);
    cache_free(c);
}

static void test_limits(void **state)
{
    struct reply_cache *c = cache_new(2, 4);
    (void)state;
    cache_put(c, 1, "/big", 0, 200, "t", "12345", 5);
    assert_null(cache_get(c, 1, "/big"));
    assert_null(cache_new(0, 4)); /* a cache of nothing is none */
    assert_null(cache_get(NULL, 1, "/a"));
    cache_put(NULL, 1, "/a", 0, 200, "t", "x", 1);
    cache_free(NULL);
    cache_free(c);
}

/* A reply whose default is "as of today" holds on the day it was made and not after midnight;
 * one that does not depend on the date holds on any day. */
static void test_reply_of_a_day(void **state)
{
    struct reply_cache *c = cache_new(4, 1024);
    date_t today = date_today();
    struct cached_reply r = {.day = 0};
    (void)state;
    assert_true(cache_fresh(&r, 20000));
    r.day = 20000;
    assert_true(cache_fresh(&r, 20000));
    assert_false(cache_fresh(&r, 20001)); /* the next day */
    assert_false(cache_fresh(&r, 19999)); /* a clock set back */

    cache_put(c, 1, "/coverage", today, 200, "t", "today", 5);
    cache_put(c, 1, "/coverage?as_of=2012-03-31", 0, 200, "t", "fixed", 5);
    cache_put(c, 1, "/coverage?x=yesterday", today - 1, 200, "t", "stale", 5);
    assert_body(cache_get(c, 1, "/coverage"), "today");
    assert_int_equal(cache_get(c, 1, "/coverage")->day, today);
    assert_body(cache_get(c, 1, "/coverage?as_of=2012-03-31"), "fixed");
    assert_null(cache_get(c, 1, "/coverage?x=yesterday")); /* made yesterday: dropped */
    assert_null(cache_get(c, 1, "/coverage?x=yesterday"));
    cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_and_version),
        cmocka_unit_test(test_least_recently_used_goes),
        cmocka_unit_test(test_segment_outlives_eviction),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_reply_of_a_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
