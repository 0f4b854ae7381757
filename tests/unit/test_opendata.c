/*
 * Open data decoders on the real files of data/opendata (data/SOURCES.md there): Trafford
 * Council's grants as 360Giving CSV and JSON give the same 555 grants field by field; Power to
 * Change 870; the mixed funders 154; Contracts Finder's 200 releases as JSON lines and the 21
 * single releases; and the quirks, in small fixtures of tests/data/opendata/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "codec/json_split.h"
#include "codec/opendata.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"

/* The folder of this source file, which the build names by its full path. */
static void path_of(struct buf *b, const char *rel)
{
    const char *slash = strrchr(__FILE__, '/');
    buf_add(b, __FILE__, slash ? (size_t)(slash - __FILE__) + 1 : 0);
    buf_adds(b, rel);
}

#define SHARED   "../../data/opendata/"
#define FIXTURES "../data/opendata/"

/* A grant as text, every field, one line, for comparing decoders. */
static void grant_line(struct buf *b, const struct grant *g)
{
    buf_addf(b, "%s|%s|%s|%lld|%s|%s|%s|%s|%s|%d|%s|%s|%d|%d|%s\n", g->id, g->title, g->currency,
             (long long)g->amount, g->award_date, g->funder_id,
             g->funder_name ? g->funder_name : "", g->recipient_id ? g->recipient_id : "",
             g->recipient_name ? g->recipient_name : "", g->recipient_individual, g->planned_start,
             g->planned_end, g->duration_months, g->from_open_call,
             g->programme ? g->programme : "");
}

struct collected {
    struct buf lines;    /* a grant_line or contract line per accepted record */
    struct buf rejected; /* "record N line L: why" */
    struct buf warnings; /* "record N: field what" */
    size_t n, bad;
    int contracts, records; /* decode contracts; the records of a record package */
    struct arena arena;
};

static void note_warnings(struct collected *c, size_t index, const struct opendata_warnings *w)
{
    for (size_t i = 0; i < w->n && i < OPENDATA_WARNINGS_MAX; i++) {
        buf_addf(&c->warnings, "record %zu: %s %s\n", index, w->w[i].field, w->w[i].what);
    }
}

static void contract_line(struct buf *b, const struct contract *k)
{
    buf_addf(b, "%s|%s|%s|%s|%s|%s|%s|%s|%d|%s %lld|%s %lld|", k->ocid, k->release_id, k->date,
             k->buyer_id ? k->buyer_id : "", k->tender_published, k->tender_start, k->tender_end,
             k->title ? "title" : "", k->vcse_suitable, k->has_value ? k->value_currency : "-",
             (long long)k->value_amount, k->has_award ? k->award_currency : "-",
             (long long)k->award_amount);
    for (size_t i = 0; i < k->nsuppliers; i++) {
        buf_addf(b, "%s%s:%d", i ? "," : "", k->suppliers[i].id ? k->suppliers[i].id : "?",
                 k->suppliers[i].vcse);
    }
    buf_addc(b, '\n');
}

static int on_json(const struct json_split_item *item, void *ctx)
{
    struct collected *c = ctx;
    struct opendata_warnings w;
    const char *why;
    int ret;
    arena_reset(&c->arena);
    if (c->contracts) {
        struct contract k;
        ret = contract_from_json(item->data, item->len, item->key && !strcmp(item->key, "records"),
                                 &c->arena, &k, &w, &why);
        if (!ret) {
            contract_line(&c->lines, &k);
        }
    } else {
        struct grant g;
        ret = grant_from_json(item->data, item->len, &c->arena, &g, &w, &why);
        if (!ret) {
            grant_line(&c->lines, &g);
        }
    }
    if (ret) {
        buf_addf(&c->rejected, "record %zu line %ld: %s\n", item->index, item->line, why);
        c->bad++;
    } else {
        note_warnings(c, item->index, &w);
        c->n++;
    }
    return 0;
}

static int on_csv(const struct grant_row *row, void *ctx)
{
    struct collected *c = ctx;
    if (!row->grant) {
        buf_addf(&c->rejected, "record %zu line %ld: %s\n", row->index, row->line, row->why);
        c->bad++;
        return 0;
    }
    note_warnings(c, row->index, row->warnings);
    grant_line(&c->lines, row->grant);
    c->n++;
    return 0;
}

static void collected_init(struct collected *c, int contracts)
{
    memset(c, 0, sizeof(*c));
    buf_init(&c->lines, 0);
    buf_init(&c->rejected, 0);
    buf_init(&c->warnings, 0);
    arena_init(&c->arena);
    c->contracts = contracts;
}

static void collected_release(struct collected *c)
{
    buf_release(&c->lines);
    buf_release(&c->rejected);
    buf_release(&c->warnings);
    arena_release(&c->arena);
}

/* Read the file at rel (from this folder) in blocks of block bytes through the right reader. */
static int read_file(const char *rel, size_t block, struct collected *c, struct buf *err)
{
    static const char *const keys[] = {"grants", "releases", "records", NULL};
    struct buf path = BUF_INIT;
    char *chunk = xmalloc(block);
    FILE *f;
    size_t n;
    int ret = 0, first = 1, csv = 0;
    struct json_split *js = NULL;
    struct grant_csv *gc = NULL;

    path_of(&path, rel);
    f = fopen(path.data, "rb");
    if (!f) {
        print_error("cannot open %s\n", path.data);
        buf_release(&path);
        free(chunk);
        return ERR_IO;
    }
    while (!ret && (n = fread(chunk, 1, block, f)) > 0) {
        if (first) {
            csv = opendata_sniff(chunk, n) == OPENDATA_CSV;
            if (csv) {
                gc = grant_csv_new(on_csv, c);
            } else {
                js = json_split_new(keys, 0, on_json, c);
            }
            first = 0;
        }
        ret = csv ? grant_csv_feed(gc, chunk, n, err) : json_split_feed(js, chunk, n);
    }
    if (!ret && !first) {
        ret = csv ? grant_csv_finish(gc, err) : json_split_finish(js);
    }
    if (ret && js) {
        buf_adds(err, json_split_error(js));
    }
    fclose(f);
    json_split_free(js);
    grant_csv_free(gc);
    buf_release(&path);
    free(chunk);
    return ret;
}

static void test_trafford_csv_and_json_agree(void **state)
{
    struct collected csv, json, json_small;
    struct buf err = BUF_INIT;
    (void)state;
    collected_init(&csv, 0);
    collected_init(&json, 0);
    collected_init(&json_small, 0);
    assert_int_equal(read_file(SHARED "360giving/trafford_council/"
                                      "trafford_council_voluntary_sector_grants.csv",
                               1 << 20, &csv, &err),
                     0);
    assert_int_equal(read_file(SHARED "360giving/trafford_council/"
                                      "trafford_council_voluntary_sector_grants.json",
                               1 << 20, &json, &err),
                     0);
    assert_int_equal(read_file(SHARED "360giving/trafford_council/"
                                      "trafford_council_voluntary_sector_grants.json",
                               997, &json_small, &err),
                     0);
    assert_string_equal(csv.rejected.data, "");
    assert_string_equal(json.rejected.data, "");
    assert_int_equal(csv.n, 555);
    assert_int_equal(json.n, 555);
    assert_string_equal(csv.lines.data, json.lines.data);
    assert_string_equal(json_small.lines.data, json.lines.data);
    /* the first grant, field by field */
    assert_non_null(strstr(json.lines.data,
                           "360G-traffordmbc-VSG1342|Voluntary Sector Grant to Altrincham "
                           "Children's Choir|GBP|226600|2013-01-18|GB-LAE-TRF|Trafford "
                           "Metropolitan Borough Council|360G-trafford-altrincham_childrens_choir|"
                           "Altrincham Children's Choir|0|||12|1|Voluntary Sector Grants\n"));
    /* an amount with pence */
    assert_non_null(strstr(json.lines.data, "|302863|"));
    collected_release(&csv);
    collected_release(&json);
    collected_release(&json_small);
    buf_release(&err);
}

static void test_power_to_change_and_mixed_funders(void **state)
{
    struct collected ptc, mixed;
    struct buf err = BUF_INIT;
    (void)state;
    collected_init(&ptc, 0);
    collected_init(&mixed, 0);
    assert_int_equal(
        read_file(SHARED "360giving/grantnav_test_data/a002400000nO46WAAS.json", 65536, &ptc, &err),
        0);
    assert_int_equal(read_file(SHARED "360giving/grantnav_test_data/awefw001p00000zgyHZAAY.json",
                               4096, &mixed, &err),
                     0);
    assert_string_equal(ptc.rejected.data, "");
    assert_string_equal(mixed.rejected.data, "");
    assert_int_equal(ptc.n, 870);
    assert_int_equal(mixed.n, 154);
    /* a date-time award date and planned dates become dates */
    assert_non_null(strstr(ptc.lines.data, "360G-ptc-gr-01653|Hyde Park Source|GBP|323934|"
                                           "2015-06-01|GB-CHC-1159982|Power to Change Trust|"
                                           "GB-COH-IP28755R|Hyde Park Source|0|2017-01-17|"
                                           "2017-06-14|4|1|CB Leadership (CBL)\n"));
    /* a grant to an individual */
    assert_non_null(strstr(mixed.lines.data, "360G-DevonCF-A482904|"));
    assert_non_null(strstr(mixed.lines.data, "||Individual Recipient|1|"));
    collected_release(&ptc);
    collected_release(&mixed);
    buf_release(&err);
}

static void test_contracts_finder_lines_and_single_releases(void **state)
{
    struct collected cf, single;
    struct buf err = BUF_INIT, dir = BUF_INIT;
    DIR *d;
    struct dirent *e;
    size_t files = 0;
    (void)state;
    collected_init(&cf, 1);
    collected_init(&single, 1);
    assert_int_equal(read_file(SHARED "ocds/cf_releases_2025.jsonl", 1 << 20, &cf, &err), 0);
    assert_string_equal(cf.rejected.data, "");
    assert_int_equal(cf.n, 200);
    /* the first line: a council's award to a company, tender period without a start */
    assert_non_null(strstr(cf.lines.data,
                           "ocds-b5fd17-e3b5f385-5989-4cf1-8849-01c247fc9c30|"
                           "2a1e3359-87a0-4fdd-ac61-20d5e6520a13-819950|2025-01-23|GB-CFS-18525||"
                           "|2024-12-21|title|0|GBP 37203200|GBP 9300700|GB-CFS-307567:0\n"));

    path_of(&dir, SHARED "ocds/uk-contracts-finder-2016/releases");
    d = opendir(dir.data);
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        struct buf rel = BUF_INIT;
        if (e->d_name[0] == '.') {
            continue;
        }
        buf_addf(&rel, SHARED "ocds/uk-contracts-finder-2016/releases/%s", e->d_name);
        assert_int_equal(read_file(rel.data, 1000, &single, &err), 0);
        buf_release(&rel);
        files++;
    }
    closedir(d);
    assert_int_equal(files, 21);
    assert_int_equal(single.n, 21);
    assert_string_equal(single.rejected.data, "");
    assert_non_null(strstr(single.lines.data,
                           "ocds-b5fd17-2c3698c7-adc8-11e6-9901-0019b9f3037b|ocds-b5fd17-2c3698c7-"
                           "adc8-11e6-9901-0019b9f3037b-59430-gcc-qtle-9hdehl|2014-12-17|"
                           "4383982fc6e086c460c80f6480f147bb||2014-12-17|2020-03-31|title|-1|"
                           "GBP 200000000|- 0|\n"));
    collected_release(&cf);
    collected_release(&single);
    buf_release(&err);
    buf_release(&dir);
}

static void test_quirks_are_warned_and_normalised(void **state)
{
    struct collected json, csv;
    struct buf err = BUF_INIT;
    (void)state;
    collected_init(&json, 0);
    collected_init(&csv, 0);
    assert_int_equal(read_file(FIXTURES "quirks.json", 7, &json, &err), 0);
    assert_int_equal(read_file(FIXTURES "quirks.csv", 5, &csv, &err), 0);
    assert_string_equal(json.rejected.data, "");
    assert_string_equal(csv.rejected.data, "");
    assert_string_equal(json.lines.data, csv.lines.data);
    assert_string_equal(json.lines.data,
                        "Q-1|Quirky grant|GBP|123456|2019-03-01|GB-CHC-1000147|A Funder|"
                        "GB-COH-01234567|A Recipient|0|2019-04-01|2020-03-31|12|0|\n"
                        "Q-2|Plain grant|GBP|5000|2019-03-02|GB-CHC-1000147|A Funder|"
                        "GB-CHC-200051|Another|0|||-1|0|\n");
    assert_string_equal(json.warnings.data, "record 1: amountAwarded amount written as text\n"
                                            "record 1: awardDate date written dd/mm/yyyy\n"
                                            "record 1: plannedDates.startDate date written "
                                            "dd/mm/yyyy\n"
                                            "record 1: fromOpenCall not written Yes or No\n"
                                            "record 2: fromOpenCall not written Yes or No\n");
    assert_string_equal(csv.warnings.data,
                        "record 1: Award Date date written dd/mm/yyyy\n"
                        "record 1: Planned Dates:Start Date date written dd/mm/yyyy\n"
                        "record 1: From an open call? not written Yes or No\n"
                        "record 2: From an open call? not written Yes or No\n");
    collected_release(&json);
    collected_release(&csv);
    buf_release(&err);
}

static void test_bad_records_are_rejected_with_their_numbers(void **state)
{
    struct collected json, csv;
    struct buf err = BUF_INIT;
    (void)state;
    collected_init(&json, 0);
    collected_init(&csv, 0);
    assert_int_equal(read_file(FIXTURES "bad.json", 3, &json, &err), 0);
    assert_int_equal(read_file(FIXTURES "bad.csv", 11, &csv, &err), 0);
    assert_int_equal(json.n, 1);
    assert_string_equal(json.rejected.data,
                        "record 2 line 6: currency must be a three-letter code such as GBP\n"
                        "record 3 line 10: amountAwarded must be a number\n"
                        "record 4 line 14: awardDate must be a date written YYYY-MM-DD or a "
                        "date-time\n"
                        "record 5 line 18: fundingOrganization must list the funder with its id\n"
                        "record 6 line 21: id must be a non-empty string of at most 200 "
                        "characters\n"
                        "record 7 line 22: the grant is not valid JSON\n");
    assert_int_equal(csv.n, 1);
    assert_string_equal(csv.rejected.data,
                        "record 2 line 3: Amount Awarded must be a number\n"
                        "record 3 line 4: Award Date must be a date written YYYY-MM-DD or a "
                        "date-time\n"
                        "record 4 line 6: Identifier must be given, in at most 200 characters\n");
    collected_release(&json);
    collected_release(&csv);
    buf_release(&err);
}

static void test_record_package_uses_compiled_release(void **state)
{
    static const char in[] =
        "{\"records\": [{\"ocid\": \"ocds-x-1\", \"releases\": [], \"compiledRelease\": "
        "{\"ocid\": \"ocds-x-1\", \"id\": \"r1\", \"date\": \"2020-01-02T00:00:00Z\", "
        "\"buyer\": {\"id\": \"GB-LAE-TRF\", \"name\": \"Trafford\"}, \"tender\": "
        "{\"datePublished\": \"02/01/2020\", \"tenderPeriod\": {\"startDate\": "
        "\"2020-01-02\", \"endDate\": \"2020-02-01\"}, \"suitability\": {\"vcse\": \"Y\"}}, "
        "\"awards\": [{\"value\": {\"amount\": \"10.50\", \"currency\": \"GBP\"}, \"suppliers\": "
        "[{\"id\": \"GB-CHC-200051\", \"name\": \"S\"}]}, {\"value\": {\"amount\": 1, "
        "\"currency\": \"GBP\"}, \"suppliers\": [{\"id\": \"GB-CHC-200051\"}]}], "
        "\"parties\": [{\"id\": \"GB-CHC-200051\", \"details\": {\"vcse\": true}}]}}, "
        "{\"ocid\": \"ocds-x-2\"}]}";
    static const char *const keys[] = {"releases", "records", NULL};
    struct collected c;
    struct json_split *js;
    (void)state;
    collected_init(&c, 1);
    js = json_split_new(keys, 0, on_json, &c);
    assert_int_equal(json_split_feed(js, in, sizeof(in) - 1), 0);
    assert_int_equal(json_split_finish(js), 0);
    json_split_free(js);
    assert_string_equal(c.lines.data, "ocds-x-1|r1|2020-01-02|GB-LAE-TRF|2020-01-02|2020-01-02|"
                                      "2020-02-01||1|- 0|GBP 1150|GB-CHC-200051:1\n");
    assert_string_equal(c.rejected.data, "record 2 line 1: the record has no compiledRelease\n");
    assert_string_equal(c.warnings.data,
                        "record 1: tender.datePublished date written dd/mm/yyyy\n"
                        "record 1: tender.suitability.vcse not written true or false\n"
                        "record 1: awards.value.amount amount written as text\n");
    collected_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trafford_csv_and_json_agree),
        cmocka_unit_test(test_power_to_change_and_mixed_funders),
        cmocka_unit_test(test_contracts_finder_lines_and_single_releases),
        cmocka_unit_test(test_quirks_are_warned_and_normalised),
        cmocka_unit_test(test_bad_records_are_rejected_with_their_numbers),
        cmocka_unit_test(test_record_package_uses_compiled_release),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
