/*
 * Importing open data into the store: real files of data/opendata land whole, importing
 * again updates rather than duplicates, a file with a bad record or a malformed file stores
 * nothing, org-ids are linked and unknown ones become unverified organisations.
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
    assert_string_equal(err.data, ""); /* the rejections say it all */
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
    assert_string_equal(err.data, "line 7, byte 463: the file ends inside a string: record 2, "
                                  "from line 7, is cut short");
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

/* How a copy of a real file is broken at a line. */
enum breakage {
    CUT,    /* the file ends in the middle of the line */
    HALF,   /* the second half of the line is gone, its line break kept */
    NUL,    /* a NUL byte in the middle of the line */
    LATIN1, /* a byte that is not UTF-8 (é in Latin-1) there */
    EXTRA,  /* one more field at the end of the line */
    QUOTE,  /* a quote opening the first field after the middle */
};

#define TRAFFORD_CSV                                                                               \
    SHARED "360giving/trafford_council/trafford_council_voluntary_sector_grants.csv"
#define TRAFFORD_JSON                                                                              \
    SHARED "360giving/trafford_council/trafford_council_voluntary_sector_grants.json"
#define CF_LINES SHARED "ocds/cf_releases_2025.jsonl"

static const struct broken {
    const char *rel;
    enum ingest_kind kind;
    long line;
    enum breakage how;
    const char *at;   /* how err starts: "line N" and what follows */
    const char *what; /* and what it says after that */
} broken[] = {
    {TRAFFORD_CSV, INGEST_GRANTS, 271, CUT,
     "line 271: ", "the file ends in the middle of a record (13 of the header's 39 fields)"},
    {TRAFFORD_CSV, INGEST_GRANTS, 271, HALF,
     "line 271: ", "the record has 13 fields, the header 39"},
    {TRAFFORD_CSV, INGEST_GRANTS, 150, EXTRA,
     "line 150: ", "the record has 40 fields, the header 39"},
    {TRAFFORD_CSV, INGEST_GRANTS, 88, NUL, "line 88: ", "holds a NUL byte"},
    {TRAFFORD_CSV, INGEST_GRANTS, 300, LATIN1, "line 300: ", "is not valid UTF-8 (byte 0xE9)"},
    {TRAFFORD_CSV, INGEST_GRANTS, 201, QUOTE, "line 201: ", "the quoted field that starts here"},
    {TRAFFORD_JSON, INGEST_GRANTS, 12000, CUT, "line 12000, ", "the file ends inside"},
    {TRAFFORD_JSON, INGEST_GRANTS, 5000, NUL, "line 5000, ", "a NUL byte"},
    {TRAFFORD_JSON, INGEST_GRANTS, 7000, LATIN1, "line 7000, ", "bytes that are not UTF-8 (0xE9)"},
    {CF_LINES, INGEST_CONTRACTS, 121, HALF, "line 121, ", ""},
    {CF_LINES, INGEST_CONTRACTS, 121, CUT, "line 121, ",
     ": record 121, from line 121, is cut short"},
    {CF_LINES, INGEST_CONTRACTS, 60, NUL, "line 60, ", "a NUL byte"},
    {CF_LINES, INGEST_CONTRACTS, 70, LATIN1, "line 70, ", "bytes that are not UTF-8 (0xE9)"},
};

/* Write to path a copy of the file rel broken as b says. */
static void break_copy(const struct broken *b, const char *path)
{
    struct buf in, rel = BUF_INIT, out = BUF_INIT;
    size_t start = 0, end, body, mid;
    FILE *f;

    buf_init(&in, 0);
    path_of(&rel, b->rel);
    assert_int_equal(ingest_read_file(rel.data, &in), 0);
    for (long l = 1; l < b->line; l++) {
        const char *nl = memchr(in.data + start, '\n', in.len - start);
        assert_non_null(nl);
        start = (size_t)(nl - in.data) + 1;
    }
    end = start;
    while (end < in.len && in.data[end] != '\n') {
        end++;
    }
    body = end > start && in.data[end - 1] == '\r' ? end - 1 : end;
    mid = start + (body - start) / 2;
    while (((unsigned char)in.data[mid] & 0xC0) == 0x80) {
        mid++; /* not inside a character */
    }
    switch (b->how) {
    case CUT:
        buf_add(&out, in.data, mid);
        break;
    case HALF:
        buf_add(&out, in.data, mid);
        buf_add(&out, in.data + body, in.len - body);
        break;
    case NUL:
    case LATIN1:
        buf_add(&out, in.data, mid);
        buf_addc(&out, b->how == NUL ? '\0' : '\xE9');
        buf_add(&out, in.data + mid, in.len - mid);
        break;
    case EXTRA:
        buf_add(&out, in.data, body);
        buf_adds(&out, ",extra");
        buf_add(&out, in.data + body, in.len - body);
        break;
    case QUOTE:
        while (in.data[mid] != ',') {
            mid++;
        }
        buf_add(&out, in.data, mid + 1);
        buf_addc(&out, '"');
        buf_add(&out, in.data + mid + 1, in.len - mid - 1);
        break;
    }
    assert_non_null(f = fopen(path, "wb"));
    assert_int_equal(fwrite(out.data, 1, out.len, f), out.len);
    assert_int_equal(fclose(f), 0);
    buf_release(&in);
    buf_release(&rel);
    buf_release(&out);
}

/* A real file cut short or corrupted at a known line: refused, named at that line, nothing
 * stored. */
static void test_a_broken_real_file_is_refused_at_its_line(void **state)
{
    char path[] = "/tmp/compact-broken-XXXXXX";
    int fd = mkstemp(path);
    size_t g = grants(), c = contracts();
    int failed = 0;
    (void)state;
    assert_true(fd >= 0);
    close(fd);
    for (size_t k = 0; k < sizeof(broken) / sizeof(broken[0]); k++) {
        const struct broken *b = &broken[k];
        struct ingest_opendata_opts opts = {"test", 0, NULL, NULL, NULL};
        struct ingest_summary sum;
        struct buf err = BUF_INIT;
        int ret;
        break_copy(b, path);
        ret = ingest_opendata(st, b->kind, path, &opts, &sum, &err);
        if (ret != ERR_INVALID || strncmp(err.data, b->at, strlen(b->at)) != 0 ||
            !strstr(err.data, b->what) || sum.rejected || sum.imported) {
            print_error("case %zu (%s line %ld): ret %d, %zu rejected, %zu imported: %s\n", k,
                        strrchr(b->rel, '/') + 1, b->line, ret, sum.rejected, sum.imported,
                        err.data);
            failed = 1;
        }
        buf_release(&err);
    }
    unlink(path);
    assert_false(failed);
    assert_int_equal(grants(), g);
    assert_int_equal(contracts(), c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trafford_csv_then_json_is_the_same_555),
        cmocka_unit_test(test_grantnav_files_and_contracts),
        cmocka_unit_test(test_a_bad_record_stores_nothing),
        cmocka_unit_test(test_a_malformed_or_wrong_file_stores_nothing),
        cmocka_unit_test(test_quirks_are_counted),
        cmocka_unit_test(test_a_broken_real_file_is_refused_at_its_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
