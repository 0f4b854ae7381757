/* The streaming JSON splitter: records, lines and offsets the same whatever the chunk size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "codec/json_split.h"
#include "codec/json_tree.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

static const char *const keys[] = {"grants", "releases", "records", NULL};

/* Splitting with a reader of whole records (json_split_reader), as the import of grants does. */
static int use_reader;
static size_t reads; /* records handed over as read by it */
static struct arena reader_arena;
static const char *read_at;
static size_t read_len;

static size_t reader(const char *text, size_t len, int depth, long *lines, void *ctx)
{
    size_t used;
    (void)ctx;
    arena_reset(&reader_arena);
    read_at = json_tree_parse_prefix(text, len < JSON_TREE_MAX ? len : JSON_TREE_MAX, NULL, depth,
                                     &reader_arena, &used, lines)
                  ? text
                  : NULL;
    read_len = read_at ? used : 0;
    return read_len;
}

/* Every record as "index line offset key data\n". */
static int log_item(const struct json_split_item *item, void *ctx)
{
    struct buf *b = ctx;
    if (item->read) { /* the very text the reader read, in place */
        assert_true(item->data == read_at && item->len == read_len);
        reads++;
    } else {
        assert_int_equal(item->data[item->len], '\0');
    }
    buf_addf(b, "%zu %ld %llu %s %.*s\n", item->index, item->line, item->offset,
             item->key ? item->key : "-", (int)item->len, item->data);
    return 0;
}

/* Split in chunks of size chunk (0: all at once): the log, or "error: message". */
static int split(const char *in, size_t len, size_t chunk, struct buf *out,
                 enum json_split_shape *shape)
{
    struct json_split *s = json_split_new(keys, 4096, log_item, out);
    int ret = 0;
    if (use_reader) {
        json_split_reader(s, reader);
    }
    if (!chunk) {
        chunk = len ? len : 1;
    }
    for (size_t pos = 0; pos < len && !ret; pos += chunk) {
        ret = json_split_feed(s, in + pos, len - pos < chunk ? len - pos : chunk);
    }
    if (!ret) {
        ret = json_split_finish(s);
    }
    if (ret) {
        buf_addf(out, "error: %s", json_split_error(s));
    }
    *shape = json_split_shape(s);
    json_split_free(s);
    return ret;
}

struct split_case {
    const char *in;
    int ret;
    enum json_split_shape shape;
    const char *want; /* the log, or the error after "error: " */
    size_t len;       /* of in, when it holds a NUL; else 0 */
};

static const struct split_case cases[] = {
    {"{\"grants\": [{\"id\": \"a\"}, {\"id\": \"b]}\\\"\"}]}", 0, JSON_SPLIT_KEY,
     "1 1 12 grants {\"id\": \"a\"}\n2 1 25 grants {\"id\": \"b]}\\\"\"}\n"},
    {"\xEF\xBB\xBF[1, \"two\", [3], {\"x\":null}, true]\n", 0, JSON_SPLIT_ARRAY,
     "1 1 4 - 1\n2 1 7 - \"two\"\n3 1 14 - [3]\n4 1 19 - {\"x\":null}\n5 1 31 - true\n"},
    {"{\"uri\": \"x\", \"version\": \"1.1\",\n \"releases\": [\n  {\"ocid\": \"o\",\n"
     "   \"tag\": [\"tender\"]},\n  {\"ocid\": \"p\"}\n ],\n \"after\": {\"records\": []}}",
     0, JSON_SPLIT_KEY,
     "1 3 48 releases {\"ocid\": \"o\",\n   \"tag\": [\"tender\"]}\n"
     "2 5 87 releases {\"ocid\": \"p\"}\n"},
    {"{\"ocid\": \"o\", \"tender\": {\"grants\": [1]}, \"id\": \"1\"}", 0, JSON_SPLIT_VALUE,
     "1 1 0 - {\"ocid\": \"o\", \"tender\": {\"grants\": [1]}, \"id\": \"1\"}\n"},
    {"{\"id\": 1}\n{\"id\": 2}\r\n\n{\"grants\": [5]}\n", 0, JSON_SPLIT_LINES,
     "1 1 0 - {\"id\": 1}\n2 2 10 - {\"id\": 2}\n3 4 22 - {\"grants\": [5]}\n"},
    {"7\n8", 0, JSON_SPLIT_LINES, "1 1 0 - 7\n2 2 2 - 8\n"},
    {"{\"records\": [], \"grants\": [1]}", 0, JSON_SPLIT_KEY, ""},
    {"{\"a\\\"grants\": [1]}", 0, JSON_SPLIT_VALUE, "1 1 0 - {\"a\\\"grants\": [1]}\n"},
    {"", ERR_INVALID, JSON_SPLIT_NONE, "error: line 1, byte 0: no JSON value"},
    {"\xEF\xBB", ERR_INVALID, JSON_SPLIT_NONE,
     "error: line 1, byte 0: the file ends in the middle of a UTF-8 character"},
    {"\xEF\x41", ERR_INVALID, JSON_SPLIT_NONE, "error: line 1, byte 0: a broken byte order mark"},
    {"[1, 2,]", ERR_INVALID, JSON_SPLIT_ARRAY,
     "1 1 1 - 1\n2 1 4 - 2\nerror: line 1, byte 6: "
     "a ',' before ']'"},
    {"[1 2]", ERR_INVALID, JSON_SPLIT_ARRAY,
     "1 1 1 - 1\nerror: line 1, byte 3: expected ',' or ']' after a record"},
    {"[{\"a\": [}]", ERR_INVALID, JSON_SPLIT_ARRAY, "error: line 1, byte 8: '}' closes a '['"},
    {"{\"grants\": [{\"a\": \"x}]}\n", ERR_INVALID, JSON_SPLIT_KEY,
     "error: line 1, byte 23: a line break inside a string (JSON writes it \\n)"},
    {"{\"grants\": [{\"a\": \"x}]}", ERR_INVALID, JSON_SPLIT_KEY,
     "error: line 1, byte 23: the file ends inside a string: record 1, from line 1, is cut short"},
    {"{\"grants\": 5}", ERR_INVALID, JSON_SPLIT_NONE,
     "error: line 1, byte 11: 'grants' is not a list"},
    {"[1]\n[2]", ERR_INVALID, JSON_SPLIT_ARRAY,
     "1 1 1 - 1\nerror: line 2, byte 4: more after the end of the JSON document"},
    {"{\"a\": 1} {\"a\": 2}", ERR_INVALID, JSON_SPLIT_VALUE,
     "1 1 0 - {\"a\": 1}\nerror: line 1, byte 9: a second JSON value on the same line"},
    {"[1,\n2,\n{\"x\":\n[", ERR_INVALID, JSON_SPLIT_ARRAY,
     "1 1 1 - 1\n2 2 4 - 2\nerror: line 4, byte 14: the file ends inside the document: record 3, "
     "from line 3, is cut short"},
    {"]", ERR_INVALID, JSON_SPLIT_VALUE, "error: line 1, byte 0: expected a value"},
    {"[tru\"e]", ERR_INVALID, JSON_SPLIT_ARRAY, "error: line 1, byte 4: a malformed value"},
    /* JSON lines: a record cut short is named at its own line, not at the end of the file */
    {"{\"a\": 1}\n{\"b\": [1,\n2]}\n{\"c\": 3}\n", ERR_INVALID, JSON_SPLIT_LINES,
     "1 1 0 - {\"a\": 1}\nerror: line 2, byte 18: record 2 does not end on its line (JSON "
     "lines hold one a line)"},
    {"{\"a\": 1}\n{\"b\": \"x\n\"}\n", ERR_INVALID, JSON_SPLIT_LINES,
     "1 1 0 - {\"a\": 1}\nerror: line 2, byte 17: a line break inside a string (JSON writes it "
     "\\n)"},
    {"{\"a\": {\"b\": 1}\n{\"c\": 2}\n", ERR_INVALID, JSON_SPLIT_NONE,
     "error: line 3, byte 24: the file ends inside the document: the object from line 1 is not "
     "closed"},
    /* text: UTF-8 without NUL, whatever the chunks cut */
    {"[\"\xE2\x82\xAC\",\n \"\xF0\x9F\x98\x80\", \"\xC3\xA9\"]", 0, JSON_SPLIT_ARRAY,
     "1 1 1 - \"\xE2\x82\xAC\"\n2 2 9 - \"\xF0\x9F\x98\x80\"\n3 2 17 - \"\xC3\xA9\"\n"},
    {"[1, \"caf\xE9\", 2]", ERR_INVALID, JSON_SPLIT_ARRAY,
     "1 1 1 - 1\nerror: line 1, byte 8: bytes that are not UTF-8 (0xE9): save the file as UTF-8"},
    {"[1,\n\"\xC0\xAF\"]", ERR_INVALID, JSON_SPLIT_ARRAY,
     "1 1 1 - 1\nerror: line 2, byte 5: bytes that are not UTF-8 (0xC0): save the file as UTF-8"},
    {"[\"\xED\xA0\x80\"]", ERR_INVALID, JSON_SPLIT_ARRAY,
     "error: line 1, byte 2: bytes that are not UTF-8 (0xED): save the file as UTF-8"},
    {"[\"\xE2\x82x\"]", ERR_INVALID, JSON_SPLIT_ARRAY,
     "error: line 1, byte 2: bytes that are not UTF-8 (0xE2): save the file as UTF-8"},
    {"[1, \"\xE2\x82", ERR_INVALID, JSON_SPLIT_ARRAY,
     "1 1 1 - 1\nerror: line 1, byte 5: the file ends in the middle of a UTF-8 character"},
    {"{\"a\": 1}\n{\"b\": \"x\xFF\"}\n", ERR_INVALID, JSON_SPLIT_LINES,
     "1 1 0 - {\"a\": 1}\nerror: line 2, byte 17: bytes that are not UTF-8 (0xFF): save the file "
     "as UTF-8"},
    /* \u0000 would cut a string short in cJSON: refused where it is written */
    {"[{\"id\": \"a\\u0041\\\\u0000\"},\n {\"id\": \"a\\u0000b\"}]", ERR_INVALID, JSON_SPLIT_ARRAY,
     "1 1 1 - {\"id\": \"a\\u0041\\\\u0000\"}\nerror: line 2, byte 37: \\u0000 in a string: text "
     "may not hold NUL"},
    {"{\"a\\u0000\": 1}", ERR_INVALID, JSON_SPLIT_NONE,
     "error: line 1, byte 3: \\u0000 in a string: text may not hold NUL"},
    {"[\"\\u000\", \"\\u00\\\"\"]", 0, JSON_SPLIT_ARRAY,
     "1 1 1 - \"\\u000\"\n2 1 10 - \"\\u00\\\"\"\n"},
    {"[1,\n\"a\0b\"]", ERR_INVALID, JSON_SPLIT_ARRAY,
     "1 1 1 - 1\nerror: line 2, byte 6: a NUL byte", 11},
};

static void test_cases_in_every_chunk_size(void **state)
{
    int failed = 0;
    (void)state;
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        const struct split_case *k = &cases[c];
        size_t len = k->len ? k->len : strlen(k->in);
        struct buf whole = BUF_INIT;
        enum json_split_shape shape;
        int ret = split(k->in, len, 0, &whole, &shape);
        if (strcmp(whole.data, k->want) != 0 || ret != k->ret || shape != k->shape) {
            print_error("case %zu: got ret %d shape %d\n%s\nwant\n%s\n", c, ret, (int)shape,
                        whole.data, k->want);
            failed = 1;
            buf_release(&whole);
            continue;
        }
        for (size_t chunk = 1; chunk <= len; chunk++) {
            struct buf part = BUF_INIT;
            ret = split(k->in, len, chunk, &part, &shape);
            if (strcmp(part.data, whole.data) != 0 || ret != k->ret || shape != k->shape) {
                print_error("case %zu, chunks of %zu: got\n%s\n", c, chunk, part.data);
                fail();
            }
            buf_release(&part);
        }
        buf_release(&whole);
    }
    assert_false(failed);
}

/* With a reader of whole records the splitter hands over the same records, lines, offsets and
 * refusals in every chunk size: the reader reads those it can, the scan takes the rest (a line
 * break in a string, a record cut by the chunk, JSON lines over two lines, nesting too deep). */
static void test_cases_with_a_reader(void **state)
{
    static const struct split_case more[] = {
        {"[{\"a\": [1,\n2]},\n {\"b\": \"\\n\"}]", 0, JSON_SPLIT_ARRAY,
         "1 1 1 - {\"a\": [1,\n2]}\n2 3 17 - {\"b\": \"\\n\"}\n"},
        {"{\"grants\": [[[]], {\"x\": \"y\"}, {\"l\":\n\"z\"}]}", 0, JSON_SPLIT_KEY,
         "1 1 12 grants [[]]\n2 1 18 grants {\"x\": \"y\"}\n3 1 30 grants {\"l\":\n\"z\"}\n"},
        {"[{\"a\": 1} {\"b\": 2}]", ERR_INVALID, JSON_SPLIT_ARRAY,
         "1 1 1 - {\"a\": 1}\nerror: line 1, byte 10: expected ',' or ']' after a record"},
    };
    size_t was = reads;
    (void)state;
    arena_init(&reader_arena);
    use_reader = 1;
    test_cases_in_every_chunk_size(state);
    for (size_t c = 0; c < sizeof(more) / sizeof(more[0]); c++) {
        for (int r = 0; r < 2; r++) {
            struct buf out = BUF_INIT;
            enum json_split_shape shape;
            use_reader = r;
            assert_int_equal(split(more[c].in, strlen(more[c].in), 0, &out, &shape), more[c].ret);
            assert_string_equal(out.data, more[c].want);
            assert_int_equal(shape, more[c].shape);
            buf_release(&out);
        }
    }
    use_reader = 0;
    arena_release(&reader_arena);
    assert_true(reads > was + 20); /* it did read most */
}

/* Nesting: a record read whole is refused where the scan would refuse it, at the same depth. */
static void test_reader_nesting_as_deep_as_the_scan(void **state)
{
    (void)state;
    arena_init(&reader_arena);
    for (int deep = JSON_SPLIT_MAX_DEPTH - 1; deep <= JSON_SPLIT_MAX_DEPTH + 1; deep++) {
        struct buf in = BUF_INIT, out[2] = {BUF_INIT, BUF_INIT};
        enum json_split_shape shape;
        int ret[2];
        buf_adds(&in, "{\"grants\": [");
        for (int i = 0; i < deep - 2; i++) {
            buf_addc(&in, '[');
        }
        for (int i = 0; i < deep - 2; i++) {
            buf_addc(&in, ']');
        }
        buf_adds(&in, "]}");
        for (int r = 0; r < 2; r++) {
            use_reader = r;
            ret[r] = split(in.data, in.len, 0, &out[r], &shape);
        }
        assert_int_equal(ret[0], deep <= JSON_SPLIT_MAX_DEPTH ? 0 : ERR_INVALID);
        assert_int_equal(ret[1], ret[0]);
        assert_string_equal(out[1].data, out[0].data);
        buf_release(&in);
        buf_release(&out[0]);
        buf_release(&out[1]);
    }
    use_reader = 0;
    arena_release(&reader_arena);
}

static int stop_at_two(const struct json_split_item *item, void *ctx)
{
    (void)ctx;
    return item->index == 2 ? 42 : 0;
}

static void test_callback_stops_the_split(void **state)
{
    static const char in[] = "[1,2,3]";
    struct json_split *s = json_split_new(NULL, 0, stop_at_two, NULL);
    (void)state;
    assert_int_equal(json_split_feed(s, in, sizeof(in) - 1), 42);
    assert_int_equal(json_split_feed(s, "]", 1), 42);
    assert_int_equal(json_split_finish(s), 42);
    json_split_free(s);
}

static void test_record_over_the_limit(void **state)
{
    struct buf out = BUF_INIT;
    struct json_split *s = json_split_new(keys, 8, log_item, &out);
    (void)state;
    assert_int_equal(json_split_feed(s, "[\"1234\", \"12345678\"]", 20), ERR_TOO_BIG);
    assert_string_equal(out.data, "1 1 1 - \"1234\"\n");
    assert_non_null(strstr(json_split_error(s), "record 2 is larger than 8 bytes"));
    json_split_free(s);
    buf_release(&out);
}

static void test_deep_nesting_is_refused(void **state)
{
    struct buf out = BUF_INIT, in = BUF_INIT;
    enum json_split_shape shape;
    (void)state;
    for (int i = 0; i < JSON_SPLIT_MAX_DEPTH + 1; i++) {
        buf_addc(&in, '[');
    }
    assert_int_equal(split(in.data, in.len, 0, &out, &shape), ERR_INVALID);
    assert_non_null(strstr(out.data, "nested too deeply"));
    buf_release(&out);
    buf_release(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_in_every_chunk_size),
        cmocka_unit_test(test_callback_stops_the_split),
        cmocka_unit_test(test_record_over_the_limit),
        cmocka_unit_test(test_deep_nesting_is_refused),
        cmocka_unit_test(test_cases_with_a_reader),
        cmocka_unit_test(test_reader_nesting_as_deep_as_the_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
