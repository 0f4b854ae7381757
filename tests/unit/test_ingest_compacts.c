/* compact import compacts: a good file lands whole; a broken one is refused at the line at fault
 * and stores nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ingest/ingest.h"
#include "store/store_int.h"
#include "base/err.h"

static struct store *st;

static int setup(void **state)
{
    struct buf err = BUF_INIT;
    size_t n;
    (void)state;
    if (store_open(":memory:", STORE_CREATE, &st) || store_migrate(st, NULL, NULL) ||
        ingest_reference_data(st, &n, &err)) {
        buf_release(&err);
        return -1;
    }
    buf_release(&err);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    return 0;
}

static long long compacts(void)
{
    sqlite3_stmt *stmt;
    long long n;
    assert_int_equal(sqlite3_prepare_v2(st->db, "SELECT count(*) FROM compact", -1, &stmt, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}

#define HEADER "name,authorities,status,status_date,adopted,refreshed,document_url\n"
#define WIGAN  "Wigan Compact,E08000010,active,2011-01-01,2011-01-01,,https://example.org/w.pdf\n"

static const struct {
    const char *csv;
    size_t len; /* when it holds a NUL; else 0 */
    const char *err;
} broken[] = {
    {HEADER WIGAN "St Albans Compact,E07000100,inactive,2009-01-01,,,,\n", 0,
     "compacts.csv:3: the record has 8 fields, the header 7\n"},
    {HEADER WIGAN "St Albans Compact,E07000100,inactive,2009-01-01,,,\n"
                  "Bury Compact,E08000002,act",
     0, "compacts.csv:4: the file ends in the middle of a record (3 of the header's 7 fields)\n"},
    {HEADER WIGAN "\"St Albans Compact,E07000100,inactive,2009-01-01,,,\n"
                  "\"Bury\" Compact,E08000002,active,2011-01-01,,,\n",
     0,
     "compacts.csv:3: the quoted field that starts here runs on to line 4, where a quote is "
     "followed by more text: a stray quote?\n"},
    {HEADER WIGAN "St Albans Compact,E07000100,inactive,2009-01-01,,,\"https://x\n", 0,
     "compacts.csv:3: a quoted field starts here and the file ends before its closing quote\n"},
    {HEADER WIGAN "St Albans\0 Compact,E07000100,inactive,2009-01-01,,,\n",
     sizeof(HEADER WIGAN) - 1 + 52, "compacts.csv:3: column 'name' holds a NUL byte\n"},
    {HEADER WIGAN "St Alb\xC0\xA0ns Compact,E07000100,inactive,2009-01-01,,,\n", 0,
     "compacts.csv:3: column 'name' is not valid UTF-8 (byte 0xC0): save the file as UTF-8\n"},
    {HEADER "Nowhere Compact,E08999999,active,2011-01-01,,,\n" WIGAN
            "St Albans Compact,E07000100,inactive,2009-01-01,,,,x\n",
     0,
     "compacts.csv:2: no English principal authority has the GSS code 'E08999999'\n"
     "compacts.csv:2: authorities: name at least one GSS code, separated by ';'\n"
     "compacts.csv:4: the record has 8 fields, the header 7\n"},
};

static void test_a_broken_file_is_refused_at_its_line(void **state)
{
    long long before = compacts();
    (void)state;
    for (size_t k = 0; k < sizeof(broken) / sizeof(broken[0]); k++) {
        struct buf err = BUF_INIT;
        size_t n = 99;
        size_t len = broken[k].len ? broken[k].len : strlen(broken[k].csv);
        int ret = ingest_compacts(st, broken[k].csv, len, "compacts.csv", "cli", &n, &err);
        if (ret != ERR_INVALID || strcmp(err.data, broken[k].err) != 0) {
            print_error("case %zu: ret %d, got\n%swant\n%s", k, ret, err.data, broken[k].err);
            fail();
        }
        assert_int_equal(n, 0);
        buf_release(&err);
    }
    assert_int_equal(compacts(), before);
}

static void test_good_file_lands_whole(void **state)
{
    static const char csv[] = HEADER WIGAN "\"St Albans Compact, the second\",E07000100,inactive,"
                                           "2009-01-01,,,\n";
    struct buf err = BUF_INIT;
    size_t n = 0;
    long long before = compacts();
    (void)state;
    assert_int_equal(ingest_compacts(st, csv, sizeof(csv) - 1, "compacts.csv", "cli", &n, &err), 0);
    assert_string_equal(err.data, "");
    assert_int_equal(n, 2);
    assert_int_equal(compacts(), before + 2);
    buf_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_broken_file_is_refused_at_its_line),
        cmocka_unit_test(test_good_file_lands_whole),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
