/* compact import signatories: every bad row told by line, and nothing stored unless all are good.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "ingest/ingest.h"
#include "store/store_int.h"
#include "base/err.h"

static struct store *st;
static char path[] = "/tmp/test_ingest_signatories_XXXXXX";

static int setup(void **state)
{
    int fd = mkstemp(path);
    (void)state;
    if (fd < 0) {
        return -1;
    }
    close(fd);
    if (store_open(":memory:", STORE_CREATE, &st) || store_migrate(st, NULL, NULL)) {
        return -1;
    }
    return db_exec(
        st->db,
        "INSERT INTO organisation (id, org_id, name, sector, type, created_at, updated_at) VALUES "
        "(1, 'GB-CHC-1111111', 'Trafford Housing Trust', 'vcs', 'charity', 'x', 'x'), "
        "(2, NULL, 'Trafford Council', 'statutory', 'council', 'x', 'x'); "
        "INSERT INTO compact (id, name, created_at) VALUES (1, 'Trafford Compact', 'x')");
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    unlink(path);
    return 0;
}

static void write_bytes(const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void write_file(const char *text)
{
    write_bytes(text, strlen(text));
}

static long long signatories(void)
{
    struct db_stmt *stmt;
    long long n;
    assert_int_equal(db_prepare(st->db, "SELECT count(*) FROM signatory", &stmt), DB_OK);
    assert_int_equal(db_step(stmt), DB_ROW);
    n = db_column_int64(stmt, 0);
    db_finalize(stmt);
    return n;
}

/* Whether err has a line that starts "PATH:LINE: " and holds what. */
static int told(const struct buf *err, long line, const char *what)
{
    char prefix[128];
    snprintf(prefix, sizeof(prefix), "%s:%ld: ", path, line);
    for (const char *p = err->data; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        char one[512];
        size_t len = strcspn(p, "\n");
        snprintf(one, sizeof(one), "%.*s", (int)len, p);
        if (!strncmp(one, prefix, strlen(prefix)) && strstr(one, what)) {
            return 1;
        }
    }
    return 0;
}

static size_t lines(const struct buf *err)
{
    size_t n = 0;
    for (const char *p = err->data; *p; p++) {
        n += *p == '\n';
    }
    return n;
}

static void test_bad_rows_each_told_nothing_stored(void **state)
{
    struct buf err = BUF_INIT;
    size_t count = 99;
    (void)state;
    write_file("compact,organisation,signed_on,role,withdrawn_on\r\n"
               "Trafford Compact,GB-CHC-1111111,2012-04-01,Chief Executive,\r\n"
               "1,Nobody,2012-04-01,Chair,\r\n"
               "1,Trafford Council,2012-02-30,Leader,\r\n"
               "\r\n"
               "1,Trafford Council,2012-04-01,Leader,2012-03-01\r\n"
               "Bury Compact,Trafford Council,2012-04-01,Leader,\r\n"
               "1,Trafford Council,2012-04-01,,\r\n"
               "1,GB-CHC-1111111,2012-04-01,Chair,\r\n");
    assert_int_equal(ingest_signatories(st, path, "test", &count, &err), ERR_INVALID);
    assert_int_equal(count, 0);
    assert_true(told(&err, 3, "no organisation has the org-id, number or name 'Nobody'"));
    assert_true(told(&err, 4, "signed_on is not a real date"));
    assert_true(told(&err, 6, "withdrawn_on is not after signed_on"));
    assert_true(told(&err, 7, "no Compact has the number or name 'Bury Compact'"));
    assert_true(told(&err, 8, "role must name who signed"));
    assert_true(told(&err, 9, "signed this Compact on that date already")); /* as line 2 */
    assert_int_equal(lines(&err), 6);
    assert_int_equal(signatories(), 0);
    buf_release(&err);
}

static void test_header_and_good_file(void **state)
{
    struct buf err = BUF_INIT;
    size_t count = 99;
    (void)state;
    write_file("compact,organisation,date\n1,2,2012-04-01\n");
    assert_int_equal(ingest_signatories(st, path, "test", &count, &err), ERR_INVALID);
    assert_true(told(&err, 1, "no column 'signed_on'"));
    assert_true(told(&err, 1, "no column 'role'"));
    assert_int_equal(lines(&err), 2);
    buf_reset(&err);
    /* withdrawn_on may be left out altogether */
    write_file("\xEF\xBB\xBFrole,organisation,compact,signed_on\n"
               "Chief Executive,gb-chc-1111111,1,2012-04-01\n"
               "\"Leader, the Council\",2,Trafford Compact,2012-05-01\n");
    assert_int_equal(ingest_signatories(st, path, "test", &count, &err), 0);
    assert_string_equal(err.data, "");
    assert_int_equal(count, 2);
    assert_int_equal(signatories(), 2);
    buf_release(&err);
}

/* Files that are not well-formed: refused at the line at fault, nothing stored. */
static const struct {
    const char *csv;
    size_t len; /* when it holds a NUL; else 0 */
    long line;
    const char *what;
} broken[] = {
    {"compact,organisation,signed_on,role\n1,GB-CHC-1111111,2012-04-01,Chief Executive\n"
     "1,Trafford Council,2012-04-01,Leader,2012-05-01\n",
     0, 3, "the record has 5 fields, the header 4"},
    {"compact,organisation,signed_on,role\n1,GB-CHC-1111111,2012-04-01,Chief Executive\n"
     "1,Trafford Council,2012-04",
     0, 3, "the file ends in the middle of a record (3 of the header's 4 fields)"},
    {"compact,organisation,signed_on,role\n1,GB-CHC-1111111,2012-04-01,\"Chief Executive\n"
     "1,Trafford Council,2012-04-01,Leader\n",
     0, 2, "a quoted field starts here and the file ends before its closing quote"},
    {"compact,organisation,signed_on,role\n1,GB-CHC-1111111,2012-04-01,Chief\0Executive\n", 80, 2,
     "column 'role' holds a NUL byte"},
    {"compact,organisation,signed_on,role\n1,GB-CHC-1111111,2012-04-01,Chief Executive\n"
     "1,Trafford Council,2012-04-01,L\xC3\xA9"
     "ader \xED\xBF\xBF\n",
     0, 3, "column 'role' is not valid UTF-8 (byte 0xED): save the file as UTF-8"},
};

static void test_a_broken_file_is_refused_at_its_line(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof(broken) / sizeof(broken[0]); k++) {
        struct buf err = BUF_INIT;
        size_t count = 99;
        write_bytes(broken[k].csv, broken[k].len ? broken[k].len : strlen(broken[k].csv));
        assert_int_equal(ingest_signatories(st, path, "test", &count, &err), ERR_INVALID);
        if (!told(&err, broken[k].line, broken[k].what) || lines(&err) != 1) {
            print_error("case %zu: got\n%s", k, err.data);
            fail();
        }
        assert_int_equal(count, 0);
        assert_int_equal(signatories(), 0);
        buf_release(&err);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_rows_each_told_nothing_stored),
        cmocka_unit_test(test_a_broken_file_is_refused_at_its_line),
        cmocka_unit_test(test_header_and_good_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
