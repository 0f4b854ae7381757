/* CSV: records with the line they start on, a byte order mark, quoting in and out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "codec/csv.h"
#include "base/err.h"

struct seen {
    long lines[16];
    char first[16][32];
    size_t nfields[16];
    size_t n;
};

static int collect(const struct csv_row *row, void *ctx)
{
    struct seen *s = ctx;
    if (s->n < 16) {
        s->lines[s->n] = row->line;
        s->nfields[s->n] = row->n;
        strncat(s->first[s->n], row->n ? row->fields[0] : "", 31);
        s->n++;
    }
    return 0;
}

static void test_lines_with_embedded_newlines_and_bom(void **state)
{
    static const char in[] = "\xEF\xBB\xBFname,note\r\n"
                             "a,\"two\nlines\"\r\n"
                             "\"b, quoted\",x\n"
                             "c,\"say \"\"hi\"\"\"\n";
    struct seen s;
    struct buf err = BUF_INIT;
    (void)state;
    memset(&s, 0, sizeof(s));
    assert_int_equal(csv_read(in, sizeof(in) - 1, collect, &s, &err), 0);
    assert_int_equal(s.n, 4);
    assert_string_equal(s.first[0], "name"); /* no BOM in the first field */
    assert_int_equal(s.lines[0], 1);
    assert_int_equal(s.lines[1], 2);
    assert_int_equal(s.lines[2], 4); /* after a record spanning lines 2 and 3 */
    assert_string_equal(s.first[2], "b, quoted");
    assert_int_equal(s.lines[3], 5);
    assert_int_equal(s.nfields[3], 2);
    buf_release(&err);
}

static void test_malformed_names_its_line(void **state)
{
    static const char in[] = "a,b\nc,\"d\"x\n";
    struct seen s;
    struct buf err = BUF_INIT;
    (void)state;
    memset(&s, 0, sizeof(s));
    assert_int_equal(csv_read(in, sizeof(in) - 1, collect, &s, &err), ERR_INVALID);
    assert_non_null(strstr(err.data, "line 2"));
    buf_release(&err);
}

static int stop_at_two(const struct csv_row *row, void *ctx)
{
    (void)ctx;
    return row->line == 2 ? 7 : 0;
}

static void test_callback_stops_reader(void **state)
{
    static const char in[] = "a\nb\nc\n";
    struct buf err = BUF_INIT;
    (void)state;
    assert_int_equal(csv_read(in, sizeof(in) - 1, stop_at_two, NULL, &err), 7);
    buf_release(&err);
}

static void test_field_quoting(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"=SUM(A1)", "\"'=SUM(A1)\""},
        {"@cmd", "\"'@cmd\""},
        {"", ""},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf b = BUF_INIT;
        csv_field(&b, cases[i].in);
        assert_string_equal(b.data, cases[i].out);
        buf_release(&b);
    }
}

/* A record: fields quoted as csv_field quotes them, NULL as an empty field, CRLF at the end. */
static void test_record(void **state)
{
    const char *const fields[] = {"a", "b,c", NULL, "=x"};
    struct buf b = BUF_INIT;
    (void)state;
    csv_record(&b, fields, 4);
    csv_record(&b, fields, 1);
    assert_string_equal(b.data, "a,\"b,c\",,\"'=x\"\r\na\r\n");
    buf_release(&b);
}

/* The streaming reader fed in[0..len) in chunks of every size gives what csv_read gives for the
 * whole text: the same records, answer and message. */
static void same_in_every_chunk_size(const char *in, size_t len)
{
    struct seen whole;
    struct buf err = BUF_INIT;
    int want;
    memset(&whole, 0, sizeof(whole));
    want = csv_read(in, len, collect, &whole, &err);
    for (size_t chunk = 1; chunk <= len; chunk++) {
        struct seen part;
        struct buf err2 = BUF_INIT;
        struct csv_stream *s = csv_stream_new(collect, &part);
        int ret = 0;
        memset(&part, 0, sizeof(part));
        for (size_t pos = 0; pos < len && !ret; pos += chunk) {
            ret = csv_stream_feed(s, in + pos, len - pos < chunk ? len - pos : chunk, &err2);
        }
        if (!ret) {
            ret = csv_stream_finish(s, &err2);
        }
        csv_stream_free(s);
        assert_int_equal(ret, want);
        assert_string_equal(err2.data, err.data);
        assert_int_equal(part.n, whole.n);
        for (size_t i = 0; i < whole.n; i++) {
            assert_int_equal(part.lines[i], whole.lines[i]);
            assert_int_equal(part.nfields[i], whole.nfields[i]);
            assert_string_equal(part.first[i], whole.first[i]);
        }
        buf_release(&err2);
    }
    buf_release(&err);
}

static void test_stream_in_every_chunk_size(void **state)
{
    static const char *const inputs[] = {
        "\xEF\xBB\xBFname,note\r\na,\"two\nlines\"\r\n\"b, quoted\",x\nc,\"say \"\"hi\"\"\"\n",
        "\xEF\xBBx,y\n1,2",
        "a,\"b\"x\n",
    };
    (void)state;
    for (size_t k = 0; k < sizeof(inputs) / sizeof(inputs[0]); k++) {
        same_in_every_chunk_size(inputs[k], strlen(inputs[k]));
    }
}

/* What the reader refuses, and the line and words it names: the text at once and in chunks. */
static const struct refusal {
    const char *in;
    size_t len; /* of in, when it holds a NUL; else 0 */
    const char *err;
} refusals[] = {
    {"a,b\n1,2\n3,4,5\n", 0, "line 3: the record has 3 fields, the header 2"},
    {"a,b,c\n1,2\n", 0, "line 2: the record has 2 fields, the header 3"},
    {"a,b\n1,\"two\nlines\",x\n", 0, "line 2: the record has 3 fields, the header 2"},
    {"a,b,c\n1,2,3\n4,5", 0,
     "line 3: the file ends in the middle of a record (2 of the header's 3 fields)"},
    {"a,b\n1,\"two\nlines", 0,
     "line 2: a quoted field starts here and the file ends before its closing quote"},
    {"a,b\n1,\"x\n", 0,
     "line 2: a quoted field starts here and the file ends before its closing quote"},
    {"a,b\n1,\"x\"\"\n", 0,
     "line 2: a quoted field starts here and the file ends before its closing quote"},
    {"a,b\n1,\"x\n2,y\n3,\"z\"w\n", 0,
     "line 2: the quoted field that starts here runs on to line 4, where a quote is followed by "
     "more text: a stray quote?"},
    {"a,b\n\"1\",\"x\ny\"\n2,\"z\"w\n", 0,
     "line 4: text after the closing quote of a field (a quote inside a quoted field is written "
     "twice: \"\")"},
    {"a,b\nc,d\"e\n", 0,
     "line 2: a quote inside a field that does not start with one (quote the field and write the "
     "quote twice: \"\")"},
    {"a,b\n1,x\0y\n", 10, "line 2: column 'b' holds a NUL byte"},
    {"a,b\n1,caf\xE9\n", 0,
     "line 2: column 'b' is not valid UTF-8 (byte 0xE9): save the file as UTF-8"},
    {"a,b\n\xC0\xAF,1\n", 0,
     "line 2: column 'a' is not valid UTF-8 (byte 0xC0): save the file as UTF-8"},
    {"a,b\n1,\xED\xA0\x80\n", 0,
     "line 2: column 'b' is not valid UTF-8 (byte 0xED): save the file as UTF-8"},
    {"a,b\n1,\xE2\x82", 0,
     "line 2: column 'b' is not valid UTF-8 (byte 0xE2): save the file as UTF-8"},
    {"a,b\n1,\"ok\nbad\xFF\n\"\n", 0,
     "line 3: column 'b' is not valid UTF-8 (byte 0xFF): save the file as UTF-8"},
    {"a,\xFF\n", 0, "line 1: field 2 is not valid UTF-8 (byte 0xFF): save the file as UTF-8"},
    {"a\n1,\xFF\n", 0, "line 2: field 2 is not valid UTF-8 (byte 0xFF): save the file as UTF-8"},
};

static void test_refusals_name_the_line_at_fault(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof(refusals) / sizeof(refusals[0]); k++) {
        const char *in = refusals[k].in;
        size_t len = refusals[k].len ? refusals[k].len : strlen(in);
        struct seen whole;
        struct buf err = BUF_INIT;
        memset(&whole, 0, sizeof(whole));
        if (csv_read(in, len, collect, &whole, &err) != ERR_INVALID ||
            strcmp(err.data, refusals[k].err) != 0) {
            print_error("case %zu: got \"%s\"\nwant \"%s\"\n", k, err.data, refusals[k].err);
            fail();
        }
        same_in_every_chunk_size(in, len);
        buf_release(&err);
    }
}

/* What it takes: blank lines, text in any script, a record over lines, no final line break. */
static void test_well_formed_text_is_read(void **state)
{
    static const char in[] = "a,b\n\n\xC3\xA9,\xF0\x9F\x98\x80\n\"x\ny\",\"\"\"q\"\"\"\n1,2";
    struct seen s;
    struct buf err = BUF_INIT;
    (void)state;
    memset(&s, 0, sizeof(s));
    assert_int_equal(csv_read(in, sizeof(in) - 1, collect, &s, &err), 0);
    assert_string_equal(err.data, "");
    assert_int_equal(s.n, 4);
    assert_string_equal(s.first[1], "\xC3\xA9");
    assert_int_equal(s.lines[2], 4);
    assert_int_equal(s.lines[3], 6);
    buf_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_with_embedded_newlines_and_bom),
        cmocka_unit_test(test_malformed_names_its_line),
        cmocka_unit_test(test_callback_stops_reader),
        cmocka_unit_test(test_field_quoting),
        cmocka_unit_test(test_record),
        cmocka_unit_test(test_stream_in_every_chunk_size),
        cmocka_unit_test(test_refusals_name_the_line_at_fault),
        cmocka_unit_test(test_well_formed_text_is_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
