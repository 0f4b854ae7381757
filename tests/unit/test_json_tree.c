/* cJSON trees in an arena (codec/json_tree.h): the tree cJSON builds, or NULL to leave the text
 * to cJSON, never a different answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "codec/json_tree.h"
#include "codec/opendata.h"
#include "base/arena.h"
#include "base/buf.h"

/* Whether a and b are the same tree: types, keys, strings, numbers, links. */
static void assert_same_tree(const cJSON *a, const cJSON *b)
{
    const cJSON *x, *y, *lx = NULL, *ly = NULL;
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(a->type & 0xFF, b->type & 0xFF);
    if (a->string || b->string) {
        assert_non_null(a->string);
        assert_non_null(b->string);
        assert_string_equal(a->string, b->string);
    }
    if (a->valuestring || b->valuestring) {
        assert_non_null(a->valuestring);
        assert_non_null(b->valuestring);
        assert_string_equal(a->valuestring, b->valuestring);
    }
    assert_memory_equal(&a->valuedouble, &b->valuedouble, sizeof(double));
    assert_int_equal(a->valueint, b->valueint);
    for (x = a->child, y = b->child; x && y; lx = x, ly = y, x = x->next, y = y->next) {
        assert_same_tree(x, y);
        if (lx) {
            assert_ptr_equal(x->prev, lx);
            assert_ptr_equal(y->prev, ly);
        }
    }
    assert_null(x);
    assert_null(y);
    if (a->child) {
        assert_ptr_equal(a->child->prev, lx); /* the first's prev is the last, as cJSON has it */
        assert_ptr_equal(b->child->prev, ly);
    }
}

/* Strict JSON: the same tree as cJSON's. */
static const char *const strict[] = {
    "{}",
    "[]",
    " \t\r\n{\"a\" : [ 1 , 2 ] , \"b\":{\"c\":null}}\n ",
    "{\"id\": \"360G-x\", \"amountAwarded\": 1500.5, \"fromOpenCall\": \"Yes\", \"t\": true, "
    "\"f\": false, \"n\": null}",
    "{\"a\": 1, \"a\": 2}",
    "[0, -0, 12, -3.25, 1e3, 1E-3, 2.5e+10, 123456789012345, 99999999999, -99999999999, 0.1]",
    "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"",
    "\"\\b\\f\\n\\r\\t\\\"\\\\\\/ and \\u00e9\\u20AC\\ud83d\\ude00\\u0041\"",
    "{\"\\u0069d\": \"k\\\"ey\"}",
    "\"a\ttab and \x01 control\"",
    "[[[[[[[[[[\"deep\"]]]]]]]]]]",
    "\"\"",
    "-12.5e-3",
};

static void test_strict_json_is_cjsons_tree(void **state)
{
    struct arena arena;
    (void)state;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof(strict) / sizeof(strict[0]); i++) {
        const char *text = strict[i];
        cJSON *want = cJSON_ParseWithLength(text, strlen(text));
        cJSON *got = json_tree_parse(text, strlen(text), &arena);
        print_message("%s\n", text);
        assert_same_tree(got, want);
        cJSON_Delete(want);
        arena_reset(&arena);
    }
    arena_release(&arena);
}

struct left_case {
    const char *text;
    size_t len; /* 0: strlen */
    int cjson;  /* cJSON reads it (leniently) */
};

/* Not read here: malformed text (cJSON refuses it too), and what only cJSON reads. */
static const struct left_case left[] = {
    {"{", 0, 0},
    {"{\"a\" 1}", 0, 0},
    {"{\"a\": 1,}", 0, 0},
    {"[1,]", 0, 0},
    {"[1 2]", 0, 0},
    {"{a: 1}", 0, 0},
    {"\"abc", 0, 0},
    {"\"a\\", 0, 0},
    {"\"\\x\"", 0, 0},
    {"\"\\ud800\"", 0, 0},
    {"\"\\ud800\\u0041\"", 0, 0},
    {"\"\\udc00\"", 0, 0},
    {"nul", 0, 0},
    {"tru", 0, 0},
    {"-", 0, 0},
    {"", 0, 0},
    {"]", 0, 0},
    {"\"\\u0000\"", 0, 1},    /* cJSON: a string cut at its NUL */
    {"\"\\u00zz\"", 0, 1},    /* cJSON: a bad hex digit read as NUL */
    {"\"a\0b\"", 5, 1},       /* a NUL byte in a string */
    {"\f{}", 0, 1},           /* white space only cJSON skips */
    {"\xEF\xBB\xBF{}", 0, 1}, /* a byte order mark */
    {"{} trailing", 0, 1},    /* text after the value */
    {"01", 0, 1},             /* a leading zero */
    {"1.", 0, 1},             /* a point without digits */
    {"+1", 0, 0},
    {".5", 0, 0},
    {"1e", 0, 1},
    {"[1234567890123456789012345678901234567890123456789012345678901234567890]", 0, 0},
};

static void test_the_rest_is_left_to_cjson(void **state)
{
    struct arena arena;
    (void)state;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof(left) / sizeof(left[0]); i++) {
        size_t len = left[i].len ? left[i].len : strlen(left[i].text);
        cJSON *c = cJSON_ParseWithLength(left[i].text, len);
        print_message("%s\n", left[i].text);
        assert_null(json_tree_parse(left[i].text, len, &arena));
        if (left[i].cjson) {
            assert_non_null(c);
        }
        cJSON_Delete(c);
        arena_reset(&arena);
    }
    arena_release(&arena);
}

static void test_depth_and_size_limits(void **state)
{
    struct buf in = BUF_INIT;
    struct arena arena;
    (void)state;
    arena_init(&arena);
    for (int i = 0; i < JSON_TREE_DEPTH; i++) {
        buf_addc(&in, '[');
    }
    for (int i = 0; i < JSON_TREE_DEPTH; i++) {
        buf_addc(&in, ']');
    }
    assert_non_null(json_tree_parse(in.data, in.len, &arena));
    buf_reset(&in);
    for (int i = 0; i < JSON_TREE_DEPTH + 1; i++) {
        buf_addc(&in, '[');
    }
    for (int i = 0; i < JSON_TREE_DEPTH + 1; i++) {
        buf_addc(&in, ']');
    }
    assert_null(json_tree_parse(in.data, in.len, &arena)); /* cJSON reads it */
    buf_reset(&in);
    buf_addc(&in, '"');
    for (size_t i = 0; i < JSON_TREE_MAX; i++) {
        buf_addc(&in, 'x');
    }
    buf_addc(&in, '"');
    assert_null(json_tree_parse(in.data, in.len, &arena));
    buf_release(&in);
    arena_release(&arena);
}

/* A grant reads the same whichever reader's tree it comes from. */
static void test_grant_the_same_from_either_reader(void **state)
{
    static const char plain[] =
        "{\"id\": \"360G-a\", \"title\": \"Caf\\u00e9 \\\"Hub\\\"\", \"currency\": \"GBP\", "
        "\"amountAwarded\": 1250.75, \"awardDate\": \"2024-03-01\", "
        "\"fundingOrganization\": [{\"id\": \"GB-LAE-TRF\", \"name\": \"Trafford\"}], "
        "\"recipientOrganization\": [{\"id\": \"GB-CHC-1234567\", \"name\": \"A\\tcharity\"}], "
        "\"plannedDates\": [{\"startDate\": \"2024\", \"duration\": 12}], "
        "\"fromOpenCall\": \"No\", \"grantProgramme\": [{\"title\": \"Small grants\"}]}";
    struct buf lenient = BUF_INIT;
    struct arena a1, a2;
    struct grant g1, g2;
    struct opendata_warnings w1, w2;
    const char *why = NULL;
    (void)state;
    arena_init(&a1);
    arena_init(&a2);
    assert_non_null(json_tree_parse(plain, strlen(plain), &a1));
    buf_adds(&lenient, "\f"); /* only cJSON reads this one */
    buf_adds(&lenient, plain);
    assert_null(json_tree_parse(lenient.data, lenient.len, &a2));
    assert_int_equal(grant_from_json(plain, strlen(plain), &a1, &g1, &w1, &why), 0);
    assert_int_equal(grant_from_json(lenient.data, lenient.len, &a2, &g2, &w2, &why), 0);
    assert_string_equal(g1.id, g2.id);
    assert_string_equal(g1.title, "Caf\xC3\xA9 \"Hub\"");
    assert_string_equal(g1.title, g2.title);
    assert_int_equal(g1.amount, 125075);
    assert_int_equal(g1.amount, g2.amount);
    assert_string_equal(g1.recipient_name, "A\tcharity");
    assert_string_equal(g1.recipient_name, g2.recipient_name);
    assert_string_equal(g1.planned_start, g2.planned_start);
    assert_int_equal(g1.duration_months, 12);
    assert_int_equal(g1.duration_months, g2.duration_months);
    assert_int_equal(g1.from_open_call, 0);
    assert_int_equal(g1.from_open_call, g2.from_open_call);
    assert_string_equal(g1.programme, g2.programme);
    assert_int_equal(w1.n, w2.n);
    /* not JSON at all: the same refusal as before */
    assert_int_equal(grant_from_json("{\"id\": ", 7, &a1, &g1, &w1, &why), -1);
    assert_string_equal(why, "the grant is not valid JSON");
    buf_release(&lenient);
    arena_release(&a1);
    arena_release(&a2);
}

/* Only the members asked for: the same as in the whole tree, the rest checked but left out. */
static void test_some_members(void **state)
{
    static const char *const keep[] = {"id", "amount", "org", NULL};
    static const char text[] =
        "{\"skip\": {\"deep\": [1, \"two\", {\"x\": null}]}, \"id\": \"a\", "
        "\"note\": \"caf\\u00e9\", \"amount\": 12.5, \"id\": \"second\", "
        "\"org\": [{\"id\": \"GB-CHC-1\", \"extra\": true}], \"tail\": [[], {}]}";
    struct arena arena;
    cJSON *whole, *some;
    (void)state;
    arena_init(&arena);
    whole = json_tree_parse(text, strlen(text), &arena);
    some = json_tree_parse_some(text, strlen(text), keep, &arena);
    assert_non_null(whole);
    assert_non_null(some);
    assert_int_equal(cJSON_GetArraySize(some), 4); /* id, amount, id again, org */
    for (size_t i = 0; keep[i]; i++) {
        assert_same_tree(cJSON_GetObjectItemCaseSensitive(some, keep[i]),
                         cJSON_GetObjectItemCaseSensitive(whole, keep[i]));
    }
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(some, "id")->valuestring, "a");
    assert_null(cJSON_GetObjectItemCaseSensitive(some, "skip"));
    assert_null(cJSON_GetObjectItemCaseSensitive(some, "note"));
    /* a member left out is checked all the same: the answer is NULL where the whole is */
    for (size_t i = 0; i < sizeof(left) / sizeof(left[0]); i++) {
        struct buf in = BUF_INIT;
        buf_adds(&in, "{\"skip\": ");
        buf_add(&in, left[i].text, left[i].len ? left[i].len : strlen(left[i].text));
        buf_adds(&in, ", \"id\": \"a\"}");
        print_message("%s\n", in.data);
        assert_true(!json_tree_parse(in.data, in.len, &arena) ==
                    !json_tree_parse_some(in.data, in.len, keep, &arena));
        buf_release(&in);
    }
    arena_release(&arena);
}

/* A value read where it starts, what follows left unread: its length and the line breaks in its
 * white space; nothing for text that is not a whole object or array within len, or too deep. */
static void test_prefix(void **state)
{
    static const char text[] = "{\"a\": [1,\n 2],\r\n \"b\": \"x\\ny\"}, {\"next\": 1}";
    struct arena arena;
    size_t used;
    long lines;
    cJSON *root;
    (void)state;
    arena_init(&arena);
    root = json_tree_parse_prefix(text, strlen(text), NULL, 512, &arena, &used, &lines);
    assert_non_null(root);
    assert_int_equal(used, strchr(text, '}') - text + 1);
    assert_int_equal(lines, 2); /* the escaped \n of "x\ny" is no line break */
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(root, "b")->valuestring, "x\ny");
    for (size_t len = 1; len < used; len++) { /* cut short: nothing */
        assert_null(json_tree_parse_prefix(text, len, NULL, 512, &arena, &used, &lines));
        assert_int_equal(used, 0);
    }
    assert_null(json_tree_parse_prefix(" {}", 3, NULL, 512, &arena, &used, &lines));
    assert_null(json_tree_parse_prefix("12", 2, NULL, 512, &arena, &used, &lines));
    assert_non_null(json_tree_parse_prefix("[[]]", 4, NULL, 2, &arena, &used, &lines));
    assert_null(json_tree_parse_prefix("[[[]]]", 6, NULL, 2, &arena, &used, &lines));
    /* a line break in a string is not counted, read or not: a caller that refuses it compares */
    json_tree_parse_prefix("[\"a\nb\"]", 7, NULL, 512, &arena, &used, &lines);
    assert_int_equal(lines, 0);
    arena_release(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strict_json_is_cjsons_tree),
        cmocka_unit_test(test_the_rest_is_left_to_cjson),
        cmocka_unit_test(test_depth_and_size_limits),
        cmocka_unit_test(test_grant_the_same_from_either_reader),
        cmocka_unit_test(test_some_members),
        cmocka_unit_test(test_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
