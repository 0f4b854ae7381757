/* compact import organisations: all rows or none, every bad row named by its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "ingest/ingest.h"
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

static size_t total(void)
{
    struct organisation_filter f = {.sector = -1, .type = -1};
    size_t n;
    assert_int_equal(store_organisation_count(st, &f, &n), 0);
    return n;
}

static int import(const char *csv, size_t *count, struct buf *err)
{
    buf_reset(err);
    return ingest_organisations(st, csv, strlen(csv), "orgs.csv", "cli", count, err);
}

static void test_good_file_lands_whole(void **state)
{
    static const char csv[] = "\xEF\xBB\xBFname,type,org_id,website\r\n"
                              "Sale Food Bank,charity,GB-CHC-7654321,https://food.example\r\n"
                              "\"Friends of the Park, Sale\",community_group,,\r\n"
                              "Acme Ltd,business,GB-COH-01234567,\r\n";
    struct buf err = BUF_INIT;
    struct organisation o;
    struct arena a;
    size_t n, before = total();
    (void)state;
    arena_init(&a);
    assert_int_equal(import(csv, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(err.len, 0);
    assert_int_equal(total(), before + 3);
    assert_int_equal(store_organisation_get(st, "GB-CHC-7654321", &a, &o), 0);
    assert_int_equal(o.sector, SECTOR_VCS);
    assert_string_equal(o.website, "https://food.example");
    assert_int_equal(store_organisation_get(st, "GB-COH-01234567", &a, &o), 0);
    assert_int_equal(o.sector, SECTOR_PRIVATE);
    arena_release(&a);
    buf_release(&err);
}

static void test_bad_rows_are_each_reported_and_nothing_is_stored(void **state)
{
    static const char csv[] = "org_id,name,type,sector\n"
                              "GB-CHC-5555555,A good one,charity,\n"
                              "GB-CHC-12,Short number,charity,\n"
                              "GB-CHC-7654321,Taken,charity,\n"
                              ",Clash,council,private\n"
                              "GB-LAE-QQQ,No such council,council,\n"
                              "GB-CHC-5555555,Twice in the file,charity,\n";
    struct buf err = BUF_INIT;
    size_t n = 99, before = total();
    (void)state;
    assert_int_equal(import(csv, &n, &err), ERR_INVALID);
    assert_int_equal(n, 0);
    assert_int_equal(total(), before);
    assert_null(strstr(err.data, "orgs.csv:2:"));
    assert_non_null(strstr(err.data, "orgs.csv:3: org_id: GB-CHC- must be followed"));
    assert_non_null(strstr(err.data, "orgs.csv:4: org_id: another organisation"));
    assert_non_null(strstr(err.data, "orgs.csv:5: sector: "));
    assert_non_null(strstr(err.data, "orgs.csv:6: org_id: GB-LAE- must be followed by the code"));
    assert_non_null(strstr(err.data, "orgs.csv:7: org_id: another organisation"));
    /* in the order of the file */
    assert_true(strstr(err.data, "orgs.csv:4:") < strstr(err.data, "orgs.csv:5:"));
    buf_release(&err);
}

static void test_header_must_name_the_columns(void **state)
{
    struct buf err = BUF_INIT;
    size_t n;
    (void)state;
    assert_int_equal(import("name,kind\nX,charity\n", &n, &err), ERR_INVALID);
    assert_non_null(strstr(err.data, "orgs.csv:1: no column 'org_id'"));
    assert_non_null(strstr(err.data, "orgs.csv:1: no column 'type'"));
    assert_int_equal(import("", &n, &err), ERR_INVALID);
    assert_non_null(strstr(err.data, "orgs.csv:1: the file is empty"));
    buf_release(&err);
}

/* Files that are not well-formed: refused at the line at fault (after the bad rows before it),
 * nothing stored. */
static const struct {
    const char *csv;
    size_t len; /* when it holds a NUL; else 0 */
    const char *err;
} broken[] = {
    {"org_id,name,type\nGB-CHC-7777777,Good Trust,charity\nGB-CHC-7777778,Two,charity,extra\n", 0,
     "orgs.csv:3: the record has 4 fields, the header 3\n"},
    {"org_id,name,type\nGB-CHC-7777777,Good Trust,charity\nGB-CHC-7777778,Cut", 0,
     "orgs.csv:3: the file ends in the middle of a record (2 of the header's 3 fields)\n"},
    {"org_id,name,type\nGB-CHC-7777777,\"Good Trust,charity\nGB-CHC-7777778,\"Two\",charity\n", 0,
     "orgs.csv:2: the quoted field that starts here runs on to line 3, where a quote is followed "
     "by more text: a stray quote?\n"},
    {"org_id,name,type\nGB-CHC-7777777,Good Trust,charity\nGB-CHC-7777778,\"Cut", 0,
     "orgs.csv:3: a quoted field starts here and the file ends before its closing quote\n"},
    {"org_id,name,type\nGB-CHC-7777777,Caf\xE9 Trust,charity\n", 0,
     "orgs.csv:2: column 'name' is not valid UTF-8 (byte 0xE9): save the file as UTF-8\n"},
    {"org_id,name,type\nGB-CHC-12,Short,charity\nGB-CHC-7777777,Good\0Trust,charity\n", 75,
     "orgs.csv:2: org_id: GB-CHC- must be followed by a charity number of 5 to 8 digits, such as "
     "GB-CHC-1234567\norgs.csv:3: column 'name' holds a NUL byte\n"},
};

static void test_a_broken_file_is_refused_at_its_line(void **state)
{
    size_t before = total();
    (void)state;
    for (size_t k = 0; k < sizeof(broken) / sizeof(broken[0]); k++) {
        struct buf err = BUF_INIT;
        size_t n = 99;
        size_t len = broken[k].len ? broken[k].len : strlen(broken[k].csv);
        int ret = ingest_organisations(st, broken[k].csv, len, "orgs.csv", "cli", &n, &err);
        if (ret != ERR_INVALID || strcmp(err.data, broken[k].err) != 0) {
            print_error("case %zu: ret %d, got\n%swant\n%s", k, ret, err.data, broken[k].err);
            fail();
        }
        assert_int_equal(n, 0);
        buf_release(&err);
    }
    assert_int_equal(total(), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file_lands_whole),
        cmocka_unit_test(test_bad_rows_are_each_reported_and_nothing_is_stored),
        cmocka_unit_test(test_header_must_name_the_columns),
        cmocka_unit_test(test_a_broken_file_is_refused_at_its_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
