/* The library's domain (core/library.c): themes and kinds, the checks naming their field, safe
 * file names, PDFs by their first bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/library.h"
#include "base/err.h"

static void test_themes_and_kinds(void **state)
{
    enum library_theme t;
    enum resource_kind k;

    (void)state;
    assert_int_equal(THEME_COUNT, 9);
    for (int i = 0; i < THEME_COUNT; i++) {
        assert_int_equal(library_theme_parse(library_theme_id(i), &t), 0);
        assert_int_equal(t, i);
        assert_true(strlen(library_theme_label(i)) > 0);
        assert_null(strchr(library_theme_label(i), '_')); /* labels are for people */
    }
    assert_string_equal(library_theme_label(THEME_MANAGING_CUTS), "Managing cuts");
    assert_int_equal(library_theme_parse("Managing cuts", &t), ERR_INVALID);
    assert_int_equal(library_theme_parse(NULL, &t), ERR_INVALID);
    assert_int_equal(resource_kind_parse("local_compact_document", &k), 0);
    assert_int_equal(k, RESOURCE_LOCAL_COMPACT_DOCUMENT);
    assert_int_equal(resource_kind_parse("pdf", &k), ERR_INVALID);
    assert_null(strchr(resource_kind_label(RESOURCE_LOCAL_COMPACT_DOCUMENT), '_'));
}

/* The first problem's field for d, or "" when there is none. */
static const char *first_problem(const struct case_study_draft *d, struct arena *arena,
                                 struct case_study *cs)
{
    struct field_error p[LIBRARY_PROBLEMS_MAX];
    return case_study_from_draft(d, arena, cs, p) ? p[0].field : "";
}

static void test_case_study_checks(void **state)
{
    static const struct {
        struct case_study_draft d;
        const char *field;
    } cases[] = {
        {{"Cuts", "What happened", NULL, "2010", "managing_cuts", "E09000024", NULL, "3"}, ""},
        {{"Cuts", "x", NULL, NULL, "managing_cuts,commissioning", " E09000024\nE10000016 "}, ""},
        {{"", "x", NULL, NULL, "managing_cuts"}, "title"},
        {{"   ", "x", NULL, NULL, "managing_cuts"}, "title"},
        {{"Two\nlines", "x", NULL, NULL, "managing_cuts"}, "title"},
        {{"Cuts", NULL, NULL, NULL, "managing_cuts"}, "summary"},
        {{"Cuts", "x", NULL, "1997", "managing_cuts"}, "year"},
        {{"Cuts", "x", NULL, "20x0", "managing_cuts"}, "year"},
        {{"Cuts", "x", NULL, NULL, NULL}, "themes"},
        {{"Cuts", "x", NULL, NULL, "cuts"}, "themes"},
        {{"Cuts", "x", NULL, NULL, "managing_cuts", "Merton"}, "areas"},
        {{"Cuts", "x", NULL, NULL, "managing_cuts", "E09000024 E09000024"}, "areas"},
        {{"Cuts", "x", NULL, NULL, "managing_cuts", NULL, NULL, "three"}, "compact"},
        {{"Cuts", "x", NULL, NULL, "managing_cuts", NULL, NULL, NULL, NULL, "ftp://x"},
         "source_url"},
    };
    struct arena arena;
    struct case_study cs;

    (void)state;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = first_problem(&cases[i].d, &arena, &cs);
        if (strcmp(got, cases[i].field)) {
            fail_msg("case %zu: %s, not %s", i, got, cases[i].field);
        }
    }
    assert_string_equal(first_problem(&cases[1].d, &arena, &cs), "");
    assert_int_equal(cs.nareas, 2);
    assert_string_equal(cs.areas[0], "E09000024"); /* in order */
    assert_int_equal(cs.themes, (1u << THEME_MANAGING_CUTS) | (1u << THEME_COMMISSIONING));
    arena_release(&arena);
}

static void test_case_study_round_trip(void **state)
{
    struct case_study_draft d = {"Cuts",      "x",    "y", "2010",  "equality managing_cuts",
                                 "E09000024", "A\nB", "3", "Cited", "https://example.org/"},
                            again;
    struct field_error p[LIBRARY_PROBLEMS_MAX];
    struct arena arena;
    struct case_study cs, cs2;

    (void)state;
    arena_init(&arena);
    assert_int_equal(case_study_from_draft(&d, &arena, &cs, p), 0);
    case_study_to_draft(&cs, &arena, &again);
    assert_string_equal(again.themes, "managing_cuts equality");
    assert_string_equal(again.year, "2010");
    assert_string_equal(again.compact, "3");
    assert_int_equal(case_study_from_draft(&again, &arena, &cs2, p), 0);
    assert_int_equal(cs2.themes, cs.themes);
    assert_int_equal(cs2.compact_id, 3);
    arena_release(&arena);
}

static void test_resource_checks(void **state)
{
    static const struct {
        struct resource_draft d;
        int has_file;
        const char *field;
    } cases[] = {
        {{"Code", "guidance", NULL, "2011-01-01", "https://example.org/a.pdf"}, 0, ""},
        {{"Code", "guidance"}, 1, ""},
        {{"Code", "guidance"}, 0, "url"},
        {{"Code", "poster", NULL, NULL, "https://example.org/"}, 0, "kind"},
        {{"Code", NULL, NULL, NULL, "https://example.org/"}, 0, "kind"},
        {{"Code", "guidance", NULL, "2011-02-30", "https://example.org/"}, 0, "date"},
        {{"Code", "local_compact_document", NULL, NULL, "https://example.org/"}, 0, "compact"},
        {{"Code", "local_compact_document", NULL, NULL, "https://example.org/", "3"}, 0, ""},
        {{NULL, "guidance", NULL, NULL, "https://example.org/"}, 0, "title"},
    };
    struct field_error p[LIBRARY_PROBLEMS_MAX];
    struct resource r;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t n = resource_from_draft(&cases[i].d, cases[i].has_file, &r, p);
        const char *got = n ? p[0].field : "";
        if (strcmp(got, cases[i].field)) {
            fail_msg("case %zu: %s, not %s", i, got, cases[i].field);
        }
    }
}

static void test_file_names(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"funding code.pdf", "funding code.pdf"},
        {"../../etc/passwd", "passwd.pdf"},
        {"C:\\Users\\sam\\Report.PDF", "Report.PDF"},
        {"a\"b'c;d`e.pdf", "abcde.pdf"},
        {"tab\there\r\n.pdf", "tabhere.pdf"},
        {"..", "document.pdf"},
        {"", "document.pdf"},
        {NULL, "document.pdf"},
        {"  spaced  .pdf  ", "spaced  .pdf"},
        {"R\xc3\xa9sum\xc3\xa9.pdf", "R\xc3\xa9sum\xc3\xa9.pdf"},
        {"bad\xff\xfe"
         "bytes.pdf",
         "badbytes.pdf"},
        {".hidden", "hidden.pdf"},
    };
    struct arena arena;
    char longname[600];

    (void)state;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = library_file_name(cases[i].in, &arena);
        if (strcmp(got, cases[i].out)) {
            fail_msg("case %zu: '%s', not '%s'", i, got, cases[i].out);
        }
    }
    memset(longname, 'x', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    assert_true(strlen(library_file_name(longname, &arena)) <= LIBRARY_FILENAME_MAX);
    arena_release(&arena);
}

static void test_pdf_by_first_bytes(void **state)
{
    (void)state;
    assert_true(library_is_pdf("%PDF-1.4\n", 9));
    assert_false(library_is_pdf("%PDF", 4));
    assert_false(library_is_pdf("\x89PNG\r\n\x1a\n", 8));
    assert_false(library_is_pdf(" %PDF-1.4", 9));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_themes_and_kinds),
        cmocka_unit_test(test_case_study_checks),
        cmocka_unit_test(test_case_study_round_trip),
        cmocka_unit_test(test_resource_checks),
        cmocka_unit_test(test_file_names),
        cmocka_unit_test(test_pdf_by_first_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
