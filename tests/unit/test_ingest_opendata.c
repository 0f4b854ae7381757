/*
 * Importing open data into the store: real files of data/opendata land whole, importing
 * again updates rather than duplicates, a file with a bad record or a malformed file stores
 * nothing, org-ids are linked and unknown ones become unverified organisations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "ingest/ingest.h"
#include "base/err.h"

static struct store *st;

#define SHARED   "../../data/opendata/"
#define FIXTURES "../data/opendata/"

static void path_of(struct buf *b, const char *rel)
{
    const char *slash = strrchr(__FILE__, '/');
    buf_add(b, __FILE__, slash ? (size_t)(slash - __FILE__) + 1 : 0);
    buf_adds(b, rel);
}

static int setup(void **state)
{
    (void)state;
    return store_open(":memory:", STORE_CREATE, &st) || store_migrate(st, NULL, NULL) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    return 0;
}

struct rejections {
    struct buf text;
};

static void on_rejected(const struct ingest_rejection *r, void *ctx)
{
    struct rejections *rj = ctx;
    buf_addf(&rj->text, "record %zu line %ld: %s\n", r->record, r->line, r->why);
}

static unsigned long long progress_done;
static void on_progress(unsigned long long done, unsigned long long total, void *ctx)
{
    (void)ctx;
    assert_true(done <= total);
    assert_true(done > progress_done);
    progress_done = done;
}

/* Import rel; the answer, with the summary in *sum and rejections in rj. */
static int import(enum ingest_kind kind, const char *rel, size_t block, struct ingest_summary *sum,
                  struct rejections *rj, struct buf *err)
{
    struct buf path = BUF_INIT;
    struct ingest_opendata_opts opts = {"test", block, on_progress, on_rejected, rj};
    int ret;
    path_of(&path, rel);
    buf_reset(err);
    progress_done = 0;
    ret = ingest_opendata(st, kind, path.data, &opts, sum, err);
    buf_release(&path);
    return ret;
}

static size_t grants(void)
{
    size_t n = 0;
    assert_int_equal(store_grant_count(st, &n), 0);
    return n;
}

static size_t contracts(void)
{
    size_t n = 0;
    assert_int_equal(store_contract_count(st, &n), 0);
    return n;
}

static void test_trafford_csv_then_json_is_the_same_555(void **state)
{
    struct ingest_summary sum;
    struct rejections rj = {BUF_INIT};
    struct buf err = BUF_INIT;
    (void)state;
    assert_int_equal(import(INGEST_GRANTS,
                            SHARED "360giving/trafford_council/"
                                   "trafford_council_voluntary_sector_grants.csv",
                            4096, &sum, &rj, &err),
                     0);
    assert_string_equal(sum.format, "360giving-csv");
    assert_int_equal(sum.read, 555);
    assert_int_equal(sum.imported, 555);
    assert_int_equal(sum.rejected, 0);
    assert_int_equal(grants(), 555);
    /* Trafford itself, and the recipients with charity and company numbers */
    assert_int_equal(sum.organisations_created, 109);
    assert_int_equal(import(INGEST_GRANTS,
                            SHARED "360giving/trafford_council/"
                                   "trafford_council_voluntary_sector_grants.json",
                            0, &sum, &rj, &err),
                     0);
    assert_string_equal(sum.format, "360giving-json");
    assert_int_equal(sum.imported, 555);
    assert_int_equal(sum.organisations_created, 0); /* all known by now */
    assert_int_equal(grants(), 555);                /* updated, not duplicated */
    assert_string_equal(rj.text.data, "");
    buf_release(&rj.text);
    buf_release(&err);
}

static void test_grantnav_files_and_contracts(void **state)
{
    struct ingest_summary sum;
    struct rejections rj = {BUF_INIT};
    struct buf err = BUF_INIT;
    size_t before = grants();
    (void)state;
    assert_int_equal(import(INGEST_GRANTS,
                            SHARED "360giving/grantnav_test_data/a002400000nO46WAAS.json", 65536,
                            &sum, &rj, &err),
                     0);
    assert_int_equal(sum.imported, 870);
    assert_int_equal(import(INGEST_GRANTS,
                            SHARED "360giving/grantnav_test_data/awefw001p00000zgyHZAAY.json", 0,
                            &sum, &rj, &err),
                     0);
    assert_int_equal(sum.imported, 154);
    assert_int_equal(grants(), before + 870 + 154);

    assert_int_equal(
        import(INGEST_CONTRACTS, SHARED "ocds/cf_releases_2025.jsonl", 100000, &sum, &rj, &err), 0);
    assert_string_equal(sum.format, "ocds-json-lines");
    assert_int_equal(sum.read, 200);
    assert_int_equal(sum.imported, 200);
    assert_int_equal(contracts(), 190); /* 200 releases of 190 contracting processes */
    assert_int_equal(
        import(INGEST_CONTRACTS, SHARED "ocds/cf_releases_2025.jsonl", 0, &sum, &rj, &err), 0);
    assert_int_equal(contracts(), 190);
    assert_int_equal(sum.organisations_created, 0);
    assert_string_equal(rj.text.data, "");
    buf_release(&rj.text);
    buf_release(&err);
}

static void test_a_bad_record_stores_nothing(void **state)
{
    struct ingest_summary sum;
    struct rejections rj = {BUF_INIT};
    struct buf err = BUF_INIT;
    size_t before = grants();
    (void)state;
    assert_int_equal(import(INGEST_GRANTS, FIXTURES "bad.csv", 0, &sum, &rj, &err), ERR_INVALID);
    assert_int_equal(sum.read, 4);
    assert_int_equal(sum.rejected, 3);
    assert_int_equal(sum.imported, 0);
    assert_int_equal(grants(), before);
    assert_string_equal(rj.text.data,
                        "record 2 line 3: Amount Awarded must be a number\n"
                        "record 3 line 4: Award Date must be a date written YYYY-MM-DD or a "
                        "date-time\n"
                        "record 4 line 6: Identifier must be given, in at most 200 characters\n");
    assert_string_equal(err.data, "3 of 4 records rejected; nothing was imported");
    buf_release(&rj.text);
    buf_release(&err);
}

static void test_a_malformed_or_wrong_file_stores_nothing(void **state)
{
    struct ingest_summary sum;
    struct rejections rj = {BUF_INIT};
    struct buf err = BUF_INIT;
    size_t before = grants(), cbefore = contracts();
    (void)state;
    assert_int_equal(import(INGEST_GRANTS, FIXTURES "truncated.json", 0, &sum, &rj, &err),
                     ERR_INVALID);
    assert_int_equal(sum.read, 1); /* the first grant was read, then the file ends */
    assert_string_equal(err.data, "line 7, byte 463: the file ends inside a string");
    assert_int_equal(grants(), before);
    assert_int_equal(
        import(INGEST_GRANTS, SHARED "ocds/cf_releases_2025.jsonl", 0, &sum, &rj, &err),
        ERR_INVALID);
    assert_int_equal(import(INGEST_CONTRACTS, FIXTURES "quirks.json", 0, &sum, &rj, &err),
                     ERR_INVALID);
    assert_string_equal(err.data, "the file holds 360Giving grants, not contracts");
    assert_int_equal(import(INGEST_CONTRACTS, FIXTURES "quirks.csv", 0, &sum, &rj, &err),
                     ERR_INVALID);
    assert_int_equal(import(INGEST_GRANTS, FIXTURES "no-such-file.json", 0, &sum, &rj, &err),
                     ERR_IO);
    assert_int_equal(grants(), before);
    assert_int_equal(contracts(), cbefore);
    buf_release(&rj.text);
    buf_release(&err);
}

static void test_quirks_are_counted(void **state)
{
    struct ingest_summary sum;
    struct rejections rj = {BUF_INIT};
    struct buf err = BUF_INIT;
    (void)state;
    assert_int_equal(import(INGEST_GRANTS, FIXTURES "quirks.json", 5, &sum, &rj, &err), 0);
    assert_int_equal(sum.imported, 2);
    assert_int_equal(sum.warnings, 5);
    assert_int_equal(sum.nquirks, 4);
    assert_string_equal(sum.quirks[3].field, "fromOpenCall");
    assert_int_equal(sum.quirks[3].count, 2);
    assert_int_equal(sum.quirks[3].first_record, 1);
    assert_int_equal(sum.quirks[3].first_line, 2);
    buf_release(&rj.text);
    buf_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trafford_csv_then_json_is_the_same_555),
        cmocka_unit_test(test_grantnav_files_and_contracts),
        cmocka_unit_test(test_a_bad_record_stores_nothing),
        cmocka_unit_test(test_a_malformed_or_wrong_file_stores_nothing),
        cmocka_unit_test(test_quirks_are_counted),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
