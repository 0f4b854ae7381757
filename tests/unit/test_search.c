/* core/search: whatever a person types is words, never syntax; the filters; the snippet's
 * marks added only after its text is escaped (view/page_search.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/search.h"
#include "view/page_search.h"
#include "base/buf.h"
#include "base/err.h"

static void parse(const char *text, struct search_query *q)
{
    const char *why = NULL;
    assert_int_equal(search_query_parse(text, strlen(text), q, &why), 0);
}

static void fts5_of(const char *text, const char *want)
{
    struct search_query q;
    struct buf b = BUF_INIT;

    parse(text, &q);
    search_query_fts5(&q, &b);
    assert_string_equal(b.data, want);
    buf_release(&b);
}

static void test_words(void **state)
{
    (void)state;
    fts5_of("cuts", "(\"cuts\" OR \"cut\")");
    fts5_of("Commissioner", "(\"commissioner\" OR \"commiss\"*)");
    fts5_of("How do we manage the cuts?", "(\"manage\") AND (\"cuts\" OR \"cut\")");
    /* syntax of FTS5 and of people: words like the others, or separators */
    fts5_of("\"cuts", "(\"cuts\" OR \"cut\")");
    fts5_of("cut* NEAR(a b) -merton", "(\"cut\") AND (\"near\") AND "
                                      "(\"merton\")");
    fts5_of("title:cuts AND (OR NOT council", "(\"title\") AND (\"cuts\" OR \"cut\") AND "
                                              "(\"council\")");
    fts5_of("Café", "(\"café\")");
    fts5_of("don\xe2\x80\x99t \xe2\x80\x9cstop\xe2\x80\x9d", "(\"don\") AND (\"stop\")");
    fts5_of("cuts cuts CUTS", "(\"cuts\" OR \"cut\")");
    fts5_of("the", "(\"the\")"); /* only common words: those */
    fts5_of("\"*()-:", "");
    fts5_of("", "");
}

static void test_tsquery(void **state)
{
    struct search_query q;
    struct buf b = BUF_INIT;

    (void)state;
    parse("commissioner's cuts!", &q);
    search_query_tsquery(&q, &b);
    assert_string_equal(b.data, "('commissioner' | 'commiss':*) & ('cuts' | 'cut')");
    buf_reset(&b);
    parse("Merton or council", &q); /* words their own stems: no prefix (a prefix is slow) */
    search_query_tsquery(&q, &b);
    assert_string_equal(b.data, "('merton') & ('council')");
    buf_release(&b);
}

static void test_refused(void **state)
{
    struct search_query q;
    const char *why = NULL;
    char big[SEARCH_TEXT_MAX + 2];

    (void)state;
    assert_int_equal(search_query_parse("cuts \xff", 6, &q, &why), ERR_INVALID);
    assert_non_null(why);
    assert_int_equal(search_query_parse("a\0b", 3, &q, &why), ERR_INVALID);
    memset(big, 'a', sizeof(big));
    assert_int_equal(search_query_parse(big, SEARCH_TEXT_MAX + 1, &q, &why), ERR_INVALID);
    /* as long as allowed: one long word, cut to its first SEARCH_WORD_MAX bytes */
    assert_int_equal(search_query_parse(big, SEARCH_TEXT_MAX, &q, &why), 0);
    assert_int_equal(q.nwords, 1);
    assert_int_equal(strlen(q.words[0].word), SEARCH_WORD_MAX);
    /* many words: the first SEARCH_WORDS_MAX */
    parse("one two three four five six seven eight nine ten eleven twelve thirteen fourteen", &q);
    assert_int_equal(q.nwords, SEARCH_WORDS_MAX);
}

static void test_filters(void **state)
{
    struct search_filter f;
    struct field_error errs[5];

    (void)state;
    assert_int_equal(
        search_filter_parse("case_study", "managing_cuts", "london", "2010", "2", &f, errs), 0);
    assert_int_equal(f.kind, SEARCH_CASE_STUDY);
    assert_int_equal(f.year, 2010);
    assert_int_equal(f.page, 2);
    assert_int_equal(search_filter_parse("report", NULL, "", NULL, NULL, &f, errs), 1);
    assert_string_equal(errs[0].field, "type");
    assert_int_equal(search_filter_parse(NULL, "cuts", "Narnia", "10", "0", &f, errs), 4);
    assert_string_equal(errs[0].field, "theme");
    assert_string_equal(errs[1].field, "region");
    assert_string_equal(errs[2].field, "year");
    assert_string_equal(errs[3].field, "page");
}

static void test_snippet(void **state)
{
    struct buf b = BUF_INIT;

    (void)state;
    view_search_snippet(&b, "<script>alert(1)</script> " SEARCH_MARK_START "cuts" SEARCH_MARK_END
                            " & <b>");
    assert_string_equal(b.data, "&lt;script&gt;alert(1)&lt;/script&gt; <mark>cuts</mark> &amp; "
                                "&lt;b&gt;");
    buf_reset(&b);
    view_search_snippet(&b, SEARCH_MARK_START "<i>");
    assert_string_equal(b.data, "<mark>&lt;i&gt;</mark>");
    buf_release(&b);
}

static void test_url(void **state)
{
    struct buf b = BUF_INIT;
    struct search_hit h = {SEARCH_ORGANISATION, 7, "GB-LAE-MRT", "Merton", ""};

    (void)state;
    search_hit_url(&h, &b);
    assert_string_equal(b.data, "/organisations/GB-LAE-MRT");
    buf_reset(&b);
    h = (struct search_hit){SEARCH_CASE_STUDY, 2, "2", "Cuts", ""};
    search_hit_url(&h, &b);
    assert_string_equal(b.data, "/case-studies/2");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),   cmocka_unit_test(test_tsquery),
        cmocka_unit_test(test_refused), cmocka_unit_test(test_filters),
        cmocka_unit_test(test_snippet), cmocka_unit_test(test_url),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
