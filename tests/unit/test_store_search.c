/*
 * The one search in the store, on both engines: a question matching more than SEARCH_RANKED
 * documents is ranked a block at a time (store_search.c), and its pages still give every match
 * once, with the exact total on each; a kind asked for is a range of the index's ids.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store_backend.h"

#include "app/search.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "base/err.h"

STORE_TEST_FIXTURE

#define QUOLLS (SEARCH_RANKED + 45) /* a block and a part of one */

/* QUOLLS organisations named "Quoll Group N", once a database. */
static void add_quolls(void)
{
    static int added_sqlite, added_pg;
    int *added = test_pg ? &added_pg : &added_sqlite;
    char name[64];
    long long id;

    if (*added) {
        return;
    }
    assert_int_equal(store_begin(st), 0);
    for (int i = 1; i <= QUOLLS; i++) {
        struct organisation o = {
            .name = name, .sector = SECTOR_VCS, .type = ORG_COMMUNITY_GROUP, .verified = 1};
        assert_true(snprintf(name, sizeof(name), "Quoll Group %d", i) < (int)sizeof(name));
        assert_int_equal(store_organisation_insert(st, &o, "user:2", &id), 0);
    }
    assert_int_equal(store_commit(st), 0);
    *added = 1;
}

/* Page page of text (type: a kind, or NULL), its hits into *hits. */
static size_t search(const char *text, const char *type, int page, struct search_hit **hits,
                     size_t *total)
{
    struct search_filter f;
    struct field_error errs[5];
    char p[16];
    const char *why = NULL;
    size_t n;

    assert_true(snprintf(p, sizeof(p), "%d", page) < (int)sizeof(p));
    assert_int_equal(search_filter_parse(type, NULL, NULL, NULL, p, &f, errs), 0);
    assert_int_equal(app_search(st, text, &f, &arena, hits, &n, total, &why), 0);
    return n;
}

static void test_pages_past_a_block(void **state)
{
    size_t pages = (QUOLLS + SEARCH_PAGE_SIZE - 1) / SEARCH_PAGE_SIZE, seen_n = 0;
    char seen[QUOLLS + 1] = {0};
    (void)state;

    add_quolls();
    for (size_t page = 1; page <= pages + 1; page++) {
        struct search_hit *hits;
        size_t total, n = search("quoll", NULL, (int)page, &hits, &total);
        assert_int_equal(total, QUOLLS);
        assert_int_equal(n, page < pages    ? SEARCH_PAGE_SIZE
                            : page == pages ? QUOLLS - (pages - 1) * SEARCH_PAGE_SIZE
                                            : 0);
        for (size_t i = 0; i < n; i++) {
            int k = 0;
            assert_int_equal(hits[i].kind, SEARCH_ORGANISATION);
            assert_true(sscanf(hits[i].title, "Quoll Group %d", &k) == 1);
            assert_true(k >= 1 && k <= QUOLLS);
            assert_false(seen[k]); /* never twice */
            seen[k] = 1;
            seen_n++;
            assert_non_null(strstr(hits[i].snippet, SEARCH_MARK_START "Quoll" SEARCH_MARK_END));
        }
    }
    assert_int_equal(seen_n, QUOLLS); /* every one */
}

static void test_kind_is_a_range(void **state)
{
    struct search_hit *hits;
    size_t total;
    (void)state;

    add_quolls();
    assert_int_equal(search("quoll", "organisation", 53, &hits, &total), QUOLLS - 52 * 20);
    assert_int_equal(total, QUOLLS);
    assert_int_equal(search("quoll", "case_study", 1, &hits, &total), 0);
    assert_int_equal(total, 0);
    /* the councils of the reference data, a kind of their own, found by their names */
    assert_true(search("trafford", "organisation", 1, &hits, &total) >= 1);
    assert_string_equal(hits[0].ref, "GB-LAE-TRF");
    assert_int_equal(search("trafford", "resource", 1, &hits, &total), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages_past_a_block),
        cmocka_unit_test(test_kind_is_a_range),
    };
    RUN_ON_BOTH(tests, setup, teardown);
}
