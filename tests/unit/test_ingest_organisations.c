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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file_lands_whole),
        cmocka_unit_test(test_bad_rows_are_each_reported_and_nothing_is_stored),
        cmocka_unit_test(test_header_must_name_the_columns),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
