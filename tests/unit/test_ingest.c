/*
 * The reference data: both sets of authorities as SPEC section 2 and the issue count them; and
 * local Compacts imported from CSV against them (compact import compacts): a good file lands
 * whole, a broken one is refused at the line at fault and stores nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "ingest/ingest.h"
#include "app/db.h"
#include "codec/json.h"
#include "base/arena.h"
#include "base/err.h"

static struct store *st;

static int setup(void **state)
{
    struct buf err = BUF_INIT;
    size_t count;
    (void)state;
    if (store_open(":memory:", STORE_CREATE, &st) || store_migrate(st, NULL, NULL)) {
        return -1;
    }
    if (ingest_reference_data(st, &count, &err) || count != 364) {
        print_error("ingest: %s (%zu)\n", err.data, count);
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

static void test_set_2012_counts_by_type(void **state)
{
    struct authority_filter f = {.set = AUTH_SET_2012, .type = -1, .region = -1};
    size_t counts[AUTH_TYPE_COUNT], total;
    (void)state;
    assert_int_equal(store_authority_count(st, &f, &total), 0);
    assert_int_equal(total, 353);
    assert_int_equal(store_authority_count_by_type(st, &f, counts), 0);
    assert_int_equal(counts[AUTH_COUNTY], 27);
    assert_int_equal(counts[AUTH_DISTRICT], 201);
    assert_int_equal(counts[AUTH_METROPOLITAN_DISTRICT], 36);
    assert_int_equal(counts[AUTH_LONDON_BOROUGH], 33);
    assert_int_equal(counts[AUTH_UNITARY], 56);
}

static void test_current_set(void **state)
{
    struct authority_filter f = {.set = AUTH_SET_CURRENT, .type = -1, .region = -1};
    size_t counts[AUTH_TYPE_COUNT], total;
    (void)state;
    assert_int_equal(store_authority_count(st, &f, &total), 0);
    assert_int_equal(total, 317);
    assert_int_equal(store_authority_count_by_type(st, &f, counts), 0);
    assert_int_equal(counts[AUTH_COUNTY], 21);
    assert_int_equal(counts[AUTH_DISTRICT], 164);
    assert_int_equal(counts[AUTH_UNITARY], 63);
}

static void test_six_recoded_authorities_answer_to_their_2011_codes(void **state)
{
    static const char *const pairs[][2] = {{"E06000048", "E06000057"}, {"E07000100", "E07000240"},
                                           {"E07000104", "E07000241"}, {"E07000097", "E07000242"},
                                           {"E07000101", "E07000243"}, {"E08000020", "E08000037"}};
    struct arena a;
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < 6; i++) {
        struct authority got;
        assert_int_equal(store_authority_get(st, pairs[i][0], &a, &got), 0);
        assert_string_equal(got.gss, pairs[i][1]);
        assert_string_equal(got.gss_2011, pairs[i][0]);
    }
    arena_release(&a);
}

static void test_types_counties_and_regions(void **state)
{
    struct arena a;
    struct authority got;
    (void)state;
    arena_init(&a);
    assert_int_equal(store_authority_get(st, "E09000001", &a, &got), 0); /* City of London */
    assert_int_equal(got.type, AUTH_LONDON_BOROUGH);
    assert_int_equal(store_authority_get(st, "E06000053", &a, &got), 0); /* Isles of Scilly */
    assert_int_equal(got.type, AUTH_UNITARY);
    assert_int_equal(store_authority_get(st, "E07000190", &a, &got), 0); /* Taunton Deane */
    assert_string_equal(got.region, "South West"); /* blank in the register; its county's */
    assert_non_null(got.end_date);
    assert_int_equal(store_authority_get(st, "E06000028", &a, &got), 0); /* Bournemouth */
    assert_string_equal(got.region, "South West"); /* blank; its successor's */
    assert_int_equal(store_authority_get(st, "E10000007", &a, &got), 0); /* Derbyshire */
    assert_string_equal(got.region, "East Midlands"); /* the register says West Midlands */
    assert_int_equal(store_authority_get(st, "E10000019", &a, &got), 0); /* Lincolnshire */
    assert_string_equal(got.region, "East Midlands");
    assert_int_equal(store_authority_get(st, "E10000002", &a, &got), 0); /* Buckinghamshire */
    assert_string_equal(got.region, "South East");                       /* blank in the register */
    assert_int_equal(store_authority_get(st, "E07000008", &a, &got), 0); /* Cambridge */
    assert_string_equal(got.county_gss, "E10000003");
    assert_string_equal(got.county_name, "Cambridgeshire");
    arena_release(&a);
}

static void test_loading_again_changes_nothing(void **state)
{
    struct buf err = BUF_INIT;
    struct authority_filter f = {.set = -1, .type = -1, .region = -1};
    size_t count, total;
    (void)state;
    assert_int_equal(ingest_reference_data(st, &count, &err), 0);
    assert_int_equal(count, 364);
    assert_int_equal(store_authority_count(st, &f, &total), 0);
    assert_int_equal(total, 364);
    buf_release(&err);
}

/* Each authority of the API's page compared with what the codec writes of its row now. */
struct json_check {
    size_t n, stored;
};

static int check_json(void *ctx, const struct authority *a, const char *json)
{
    struct json_check *c = ctx;
    struct authority row;
    struct arena arena;
    struct buf want = BUF_INIT;

    arena_init(&arena);
    assert_int_equal(store_authority_get(st, a->gss, &arena, &row), 0);
    json_authority_item(&want, &row);
    if (json) {
        /* what is stored is what the page would write from the row's columns */
        assert_string_equal(json, want.data);
        c->stored++;
    }
    c->n++;
    buf_release(&want);
    arena_release(&arena);
    return 0;
}

static void test_each_authority_keeps_the_json_the_codec_writes(void **state)
{
    struct authority_filter f = {.set = -1, .type = -1, .region = -1};
    struct json_check c = {0};
    struct authority row;
    struct arena arena;
    struct buf err = BUF_INIT;
    size_t total, written;
    (void)state;
    /* the register loaded again: every row and its JSON written */
    assert_int_equal(ingest_reference_data(st, &total, &err), 0);
    buf_release(&err);
    assert_int_equal(store_authority_each(st, &f, &total, check_json, &c), 0);
    assert_int_equal(c.n, 364);
    assert_int_equal(c.stored, 364);
    assert_int_equal(db_authority_json(st, &written), 0);
    assert_int_equal(written, 0);
    /* a row written again is given from its columns until its JSON is written again */
    arena_init(&arena);
    assert_int_equal(store_authority_get(st, "E07000240", &arena, &row), 0);
    assert_int_equal(store_authority_put(st, &row, NULL), 0);
    c = (struct json_check){0};
    assert_int_equal(store_authority_each(st, &f, &total, check_json, &c), 0);
    assert_int_equal(c.n, 364);
    assert_int_equal(c.stored, 363);
    assert_int_equal(db_authority_json(st, &written), 0);
    assert_int_equal(written, 1);
    assert_int_equal(db_authority_json(st, &written), 0);
    assert_int_equal(written, 0);
    c = (struct json_check){0};
    assert_int_equal(store_authority_each(st, &f, &total, check_json, &c), 0);
    assert_int_equal(c.stored, 364);
    arena_release(&arena);
}

/* The JSON stored with each authority is written when the schema moves (db_open,
 * `compact migrate`): a change to what the codec writes of an authority comes with a migration,
 * or the databases already up to date keep serving the old JSON. This case pins what it writes
 * now, of one authority for each way the codec writes a field (each type; a county's code and a
 * 2011 code of their own; an end date; each set alone; a start date unknown; an "&"); where it
 * fails, add a migration (one that sets authority.api_json to NULL will do) and then change the
 * strings below. */
static void test_the_api_authority_changes_with_a_migration(void **state)
{
    static const char *const pinned[][2] = {
        {"E06000001", "{\"gss\":\"E06000001\",\"name\":\"Hartlepool\",\"official_name\":"
                      "\"Hartlepool Borough Council\",\"type\":\"unitary\",\"code\":\"HPL\","
                      "\"county_gss\":null,\"region\":\"North East\",\"gss_2011\":"
                      "\"E06000001\",\"start_date\":\"2005-06-18\",\"end_date\":null,"
                      "\"sets\":[\"2012\",\"current\"]}"},
        {"E07000240", "{\"gss\":\"E07000240\",\"name\":\"St Albans\",\"official_name\":"
                      "\"St Albans City and District Council\",\"type\":\"district\",\"code\":"
                      "\"SAL\",\"county_gss\":\"E10000015\",\"region\":\"East of England\","
                      "\"gss_2011\":\"E07000100\",\"start_date\":null,\"end_date\":null,"
                      "\"sets\":[\"2012\",\"current\"]}"},
        {"E10000015", "{\"gss\":\"E10000015\",\"name\":\"Hertfordshire\",\"official_name\":"
                      "\"Hertfordshire County Council\",\"type\":\"county\",\"code\":\"HRT\","
                      "\"county_gss\":null,\"region\":\"East of England\",\"gss_2011\":"
                      "\"E10000015\",\"start_date\":null,\"end_date\":null,\"sets\":[\"2012\","
                      "\"current\"]}"},
        {"E08000001", "{\"gss\":\"E08000001\",\"name\":\"Bolton\",\"official_name\":"
                      "\"Bolton Metropolitan Borough Council\",\"type\":"
                      "\"metropolitan_district\",\"code\":\"BOL\",\"county_gss\":null,"
                      "\"region\":\"North West\",\"gss_2011\":\"E08000001\",\"start_date\":"
                      "\"1974-04-01\",\"end_date\":null,\"sets\":[\"2012\",\"current\"]}"},
        {"E09000013", "{\"gss\":\"E09000013\",\"name\":\"Hammersmith and Fulham\","
                      "\"official_name\":\"London Borough of Hammersmith & Fulham\",\"type\":"
                      "\"london_borough\",\"code\":\"HMF\",\"county_gss\":null,\"region\":"
                      "\"London\",\"gss_2011\":\"E09000013\",\"start_date\":null,"
                      "\"end_date\":null,\"sets\":[\"2012\",\"current\"]}"},
        {"E06000028", "{\"gss\":\"E06000028\",\"name\":\"Bournemouth\",\"official_name\":"
                      "\"Bournemouth Borough Council\",\"type\":\"unitary\",\"code\":\"BMH\","
                      "\"county_gss\":null,\"region\":\"South West\",\"gss_2011\":"
                      "\"E06000028\",\"start_date\":\"2005-06-19\",\"end_date\":"
                      "\"2019-03-31\",\"sets\":[\"2012\"]}"},
        {"E06000058", "{\"gss\":\"E06000058\",\"name\":\"Bournemouth, Christchurch and "
                      "Poole\",\"official_name\":\"Bournemouth, Christchurch and Poole "
                      "Council\",\"type\":\"unitary\",\"code\":\"BPC\",\"county_gss\":null,"
                      "\"region\":\"South West\",\"gss_2011\":\"E06000058\",\"start_date\":"
                      "\"2019-04-01\",\"end_date\":null,\"sets\":[\"current\"]}"},
    };
    struct authority row;
    struct arena arena;
    struct buf got = BUF_INIT;
    (void)state;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof(pinned) / sizeof(pinned[0]); i++) {
        assert_int_equal(store_authority_get(st, pinned[i][0], &arena, &row), 0);
        buf_reset(&got);
        json_authority_item(&got, &row);
        assert_string_equal(got.data, pinned[i][1]);
    }
    buf_release(&got);
    arena_release(&arena);
}

/* How many Compacts there are. */
static size_t compacts(void)
{
    struct compact_filter all = {.status = -1, .region = -1};
    size_t n;
    assert_int_equal(store_compact_count(st, &all, &n), 0);
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

static void test_compacts_a_broken_file_is_refused_at_its_line(void **state)
{
    size_t before = compacts();
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

static void test_compacts_a_good_file_lands_whole(void **state)
{
    static const char csv[] = HEADER WIGAN "\"St Albans Compact, the second\",E07000100,inactive,"
                                           "2009-01-01,,,\n";
    struct buf err = BUF_INIT;
    size_t n = 0;
    size_t before = compacts();
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
        cmocka_unit_test(test_set_2012_counts_by_type),
        cmocka_unit_test(test_current_set),
        cmocka_unit_test(test_six_recoded_authorities_answer_to_their_2011_codes),
        cmocka_unit_test(test_types_counties_and_regions),
        cmocka_unit_test(test_loading_again_changes_nothing),
        cmocka_unit_test(test_each_authority_keeps_the_json_the_codec_writes),
        cmocka_unit_test(test_the_api_authority_changes_with_a_migration),
        cmocka_unit_test(test_compacts_a_broken_file_is_refused_at_its_line),
        cmocka_unit_test(test_compacts_a_good_file_lands_whole),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
