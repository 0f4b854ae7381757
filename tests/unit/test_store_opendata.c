/* Open data read back by name and by recipient: tests/data/opendata/names.json over the real
 * reference data, on SQLite and on PostgreSQL (store_backend.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "store_backend.h"

#include "ingest/ingest.h"
#include "store/store.h"
#include "store/store_int.h"
#include "base/err.h"

static struct store *st;
static struct arena arena;

static void path_of(struct buf *b, const char *rel)
{
    const char *slash = strrchr(__FILE__, '/');
    buf_add(b, __FILE__, slash ? (size_t)(slash - __FILE__) + 1 : 0);
    buf_adds(b, rel);
}

static int setup(void **state)
{
    struct ingest_opendata_opts opts = {"test", 0, NULL, NULL, NULL};
    struct ingest_summary sum;
    struct buf err = BUF_INIT, path = BUF_INIT;
    size_t n;
    int ret;
    (void)state;
    arena_init(&arena);
    path_of(&path, "../data/opendata/names.json");
    ret = store_open(test_db_uri(), STORE_CREATE, &st) || store_migrate(st, NULL, NULL) ||
          ingest_reference_data(st, &n, &err) ||
          ingest_opendata(st, INGEST_GRANTS, path.data, &opts, &sum, &err);
    if (ret) {
        print_error("setup: %s\n", err.data);
    }
    buf_release(&err);
    buf_release(&path);
    return ret ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    arena_release(&arena);
    return 0;
}

/* The org-ids store_opendata_names finds for q in role, in order, joined by " ". */
static const char *found(enum opendata_role role, const char *q)
{
    static char out[512];
    struct opendata_name *items;
    size_t n, len = 0;
    int more;
    assert_int_equal(store_opendata_names(st, role, q, &arena, &items, &n, &more), 0);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(out + len, sizeof(out) - len, "%s%s", i ? " " : "", items[i].org_id);
        assert_true(w > 0 && (size_t)w < sizeof(out) - len);
        len += (size_t)w;
    }
    assert_false(more);
    return out;
}

static void test_names_as_words(void **state)
{
    (void)state;
    /* several: by name (the register's where it keeps one) */
    assert_string_equal(found(OPENDATA_FUNDER, "leeds"),
                        "360G-leeds-arts GB-LAE-LDS GB-CHC-1096892");
    /* every word, in any order and case, each the start of a word of the name */
    assert_string_equal(found(OPENDATA_FUNDER, "Community LEEDS"), "GB-CHC-1096892");
    assert_string_equal(found(OPENDATA_FUNDER, "leeds comm"), "GB-CHC-1096892");
    assert_string_equal(found(OPENDATA_FUNDER, "eds"), "");
    assert_string_equal(found(OPENDATA_FUNDER, "leeds zebra"), "");
    /* after punctuation: "St. John's (Wakefield) Trust" */
    assert_string_equal(found(OPENDATA_FUNDER, "john"), "GB-CHC-226227");
    assert_string_equal(found(OPENDATA_FUNDER, "(wakefield)"), "GB-CHC-226227");
    /* "heart" is not "Hartley's"; recipients, not funders */
    assert_string_equal(found(OPENDATA_RECIPIENT, "heart art"), "GB-CHC-1159034 GB-COH-09281882");
    assert_string_equal(found(OPENDATA_RECIPIENT, "hartley"), "360G-leeds-hartleys");
    assert_string_equal(found(OPENDATA_FUNDER, "heart"), "");
    /* an org-id, in any case, alone even when a name has its words */
    assert_string_equal(found(OPENDATA_FUNDER, "gb-chc-1096892"), "GB-CHC-1096892");
    assert_string_equal(found(OPENDATA_FUNDER, "360G-LEEDS-ARTS"), "360G-leeds-arts");
}

static void test_names_hostile(void **state)
{
    struct opendata_name *items;
    size_t n;
    int more;
    (void)state;
    /* LIKE's own characters are the text they are, not patterns */
    assert_string_equal(found(OPENDATA_FUNDER, "%"), "");
    assert_string_equal(found(OPENDATA_FUNDER, "_"), "");
    assert_string_equal(found(OPENDATA_FUNDER, "\\"), "");
    assert_string_equal(found(OPENDATA_FUNDER, "100%"), "GB-CHC-1000147");
    assert_string_equal(found(OPENDATA_FUNDER, "x"), "GB-CHC-1000147");
    assert_string_equal(found(OPENDATA_FUNDER, "'; DROP TABLE grant_award; --"), "");
    assert_string_equal(found(OPENDATA_RECIPIENT, "<script>"), "360G-hostile-1");
    /* more words than are matched: said */
    assert_int_equal(
        store_opendata_names(st, OPENDATA_FUNDER, "a b c d e f g h i", &arena, &items, &n, &more),
        0);
    assert_true(more);
    assert_int_equal(n, 0);
    /* a name of the data kept with its records */
    assert_int_equal(store_opendata_names(st, OPENDATA_FUNDER, "fund", &arena, &items, &n, &more),
                     0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].name, "100% <Fund> & 'Co' _x_");
    assert_int_equal(items[0].records, 1);
    assert_false(items[0].exact);
}

/* The register's name is matched too, and shown. */
static void test_names_register(void **state)
{
    struct organisation_draft patch = {.name = "The LCF Trust", .given = ORG_FIELD_NAME};
    struct org_problem problems[ORG_PROBLEMS_MAX];
    struct organisation o;
    struct opendata_name *items;
    size_t n, np;
    int more;
    (void)state;
    assert_int_equal(
        store_organisation_update(st, "GB-CHC-1096892", &patch, "test", &arena, &o, problems, &np),
        0);
    assert_int_equal(store_opendata_names(st, OPENDATA_FUNDER, "lcf", &arena, &items, &n, &more),
                     0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].name, "The LCF Trust");
    assert_int_equal(items[0].records, 3);
    /* and the data's name still finds it */
    assert_string_equal(found(OPENDATA_FUNDER, "leeds community"), "GB-CHC-1096892");
}

static void test_received(void **state)
{
    struct ind_received_grant *g;
    struct ind_funder_year *fy;
    size_t n, nfy;
    int has;
    (void)state;
    assert_int_equal(store_received_grants(st, "gb-chc-1159034", &arena, &g, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(g[0].funder, "GB-CHC-1096892");
    assert_string_equal(g[0].funder_name, "Leeds Community Foundation");
    assert_true(g[0].funder_known);
    assert_int_equal(g[0].g.amount, 500000);
    assert_true(g[0].g.gbp);
    assert_int_equal(g[0].g.duration_months, 12);
    assert_string_equal(g[2].funder, "GB-CHC-226227");
    /* its funders' years, of every grant they made: Leeds Community Foundation's 2021 too */
    assert_int_equal(store_received_funder_years(st, "GB-CHC-1159034", &arena, &fy, &nfy), 0);
    assert_int_equal(nfy, 4);
    for (size_t i = 0; i < nfy; i++) {
        if (!strcmp(fy[i].funder, "gb-chc-1096892") && fy[i].year == 2021) {
            char d[DATE_STRLEN + 1];
            date_format(fy[i].latest, d);
            assert_string_equal(d, "2021-12-15");
        }
    }
    /* a recipient has funding */
    assert_int_equal(store_opendata_has(st, "GB-CHC-1159034", &has), 0);
    assert_true(has);
    assert_int_equal(store_opendata_has(st, "GB-CHC-99999999", &has), 0);
    assert_false(has);
    assert_int_equal(store_received_grants(st, "GB-CHC-99999999", &arena, &g, &n), 0);
    assert_int_equal(n, 0);
}

/* The list says which funders and recipients the register keeps. */
static void test_grant_list_known(void **state)
{
    struct opendata_filter f = {.org = "360G-leeds-arts"};
    struct grant_item *items;
    size_t n;
    (void)state;
    assert_int_equal(store_grant_list(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_false(items[0].funder_known);
    assert_true(items[0].recipient_known);
    assert_string_equal(items[0].recipient_id, "GB-COH-09281882");
    assert_string_equal(items[0].award_date, "2020-06-01");
    assert_string_equal(items[0].programme ? items[0].programme : "", "");
}

/* What an import stored, as text: every grant (links by org-id), the organisations it made, and
 * its audit entries (not their times), NULL written apart from "". */
static void dump(struct store *s, struct buf *out)
{
    static const char *const queries[] = {
        "SELECT g.id, g.identifier, g.title, g.currency, g.amount_pence, g.award_date, "
        "g.funder_org_id, g.funder_name, f.org_id, g.recipient_org_id, g.recipient_name, r.org_id, "
        "g.recipient_individual, g.planned_start, g.planned_end, g.duration_months, "
        "g.from_open_call, g.programme FROM grant_award g "
        "LEFT JOIN organisation f ON f.id = g.funder_id "
        "LEFT JOIN organisation r ON r.id = g.recipient_id ORDER BY g.id",
        "SELECT org_id, name, type FROM organisation ORDER BY org_id",
        "SELECT actor, action, kind, entity, after FROM audit WHERE kind IN ('grants', "
        "'organisation') ORDER BY id",
    };
    for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
        struct db_stmt *stmt;
        assert_int_equal(db_prepare(s->db, queries[q], &stmt), DB_OK);
        while (db_step(stmt) == DB_ROW) {
            for (int i = 0; i < db_column_count(stmt); i++) {
                const char *v = db_column_text(stmt, i);
                buf_adds(out, v ? v : "<NULL>");
                buf_addc(out, '\x1f');
            }
            buf_addc(out, '\n');
        }
        db_finalize(stmt);
        buf_adds(out, "--\n");
    }
}

/* A file imported with COPY on PostgreSQL stores the same rows as row by row on SQLite: tabs,
 * backslashes, line breaks and non-ASCII in names, a grant named twice (the later wins). */
static void test_same_rows_on_both_engines(void **state)
{
    struct ingest_opendata_opts opts = {"test", 0, NULL, NULL, NULL};
    struct ingest_summary sum;
    struct buf err = BUF_INIT, path = BUF_INIT, rows[2] = {BUF_INIT, BUF_INIT};
    const char *uris[2] = {":memory:", test_db_uri()};
    size_t n;
    (void)state;

    path_of(&path, "../data/opendata/escapes.json");
    for (int e = 0; e < 2; e++) {
        struct store *s;
        assert_int_equal(store_open(uris[e], STORE_CREATE, &s), 0);
        assert_int_equal(store_migrate(s, NULL, NULL), 0);
        assert_int_equal(ingest_reference_data(s, &n, &err), 0);
        if (ingest_opendata(s, INGEST_GRANTS, path.data, &opts, &sum, &err)) {
            fail_msg("import: %s", err.data);
        }
        assert_int_equal(sum.imported, 5);
        dump(s, &rows[e]);
        store_close(s);
    }
    assert_non_null(strstr(rows[0].data, "Tabs\tand \\backslashes\\ and \\N and \\."));
    assert_non_null(strstr(rows[0].data, "E-1 again: the later row wins"));
    assert_non_null(strstr(rows[0].data,
                           "Caf\xc3\xa9 \xe2\x80\x94 M\xc4\x81ori\nline two \\ \xf0\x9f\x8c\xb3"));
    assert_non_null(strstr(rows[0].data, "Programme\r\nwith CRLF"));
    assert_string_equal(rows[1].data, rows[0].data);
    buf_release(&rows[0]);
    buf_release(&rows[1]);
    buf_release(&err);
    buf_release(&path);
}

/* A grant of identifier id, title title, to a charity (or an individual when charity is NULL). */
static struct grant grant_of(const char *id, const char *title, const char *charity)
{
    struct grant g = {.id = id,
                      .title = title,
                      .currency = "GBP",
                      .amount = 1000,
                      .award_date = "2024-05-01",
                      .funder_id = "GB-LAE-TRF",
                      .funder_name = "Trafford",
                      .recipient_id = charity,
                      .recipient_name = charity ? "A charity" : NULL,
                      .recipient_individual = !charity,
                      .duration_months = -1,
                      .from_open_call = -1};
    return g;
}

/* Stage grants (n of them) by one writer and publish them, or not (publish 0: abandoned). */
static int stage_all(struct store *s, const struct grant *g, size_t n, int publish)
{
    const struct opendata_import im = {"grants", "test.json", "360giving-json", n, 0};
    struct opendata_writer *w;
    int ret;
    assert_int_equal(store_opendata_writer_new(s, "test", &w), 0);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(store_grant_stage(w, &g[i]), 0);
    }
    ret = publish ? store_opendata_publish(w, &im) : 0;
    store_opendata_writer_free(w);
    return ret;
}

/*
 * On PostgreSQL an import into a register with no grant sends each grant as it is staged (in a
 * transaction of its own until the publishing). The same rows as SQLite's, ids too: a grant
 * named twice in a file (the later wins, the id the first's); a second import into grants kept
 * (upserted at the end, new ids drawn for new grants alone); and a writer abandoned before
 * publishing leaves nothing, the next import landing whole.
 */
static void test_sent_while_read_on_both_engines(void **state)
{
    const struct grant first[] = {grant_of("G-1", "One", "GB-CHC-1000080"),
                                  grant_of("G-2", "Two", NULL),
                                  grant_of("G-1", "One again: the later wins", "GB-CHC-1000404"),
                                  grant_of("G-3", "Three", "GB-CHC-1000404")};
    const struct grant second[] = {grant_of("G-2", "Two again", "GB-CHC-1000080"),
                                   grant_of("G-4", "Four", NULL)};
    struct buf rows[2] = {BUF_INIT, BUF_INIT}, err = BUF_INIT;
    const char *uris[2] = {":memory:", test_db_uri()};
    size_t n;
    (void)state;

    for (int e = 0; e < 2; e++) {
        struct store *s;
        size_t orgs;
        assert_int_equal(store_open(uris[e], STORE_CREATE, &s), 0);
        assert_int_equal(store_migrate(s, NULL, NULL), 0);
        assert_int_equal(ingest_reference_data(s, &n, &err), 0);
        assert_int_equal(stage_all(s, first, 4, 1), 0);
        assert_int_equal(test_number(s->db, "SELECT count(*) FROM grant_award"), 3);
        assert_int_equal(stage_all(s, second, 2, 1), 0);
        dump(s, &rows[e]);
        store_close(s);
        /* abandoned before publishing: nothing of it stays (on PostgreSQL, an id drawn for an
         * organisation rolled back is not drawn again: so not in the comparison) */
        assert_int_equal(store_open(e ? test_db_uri() : ":memory:", STORE_CREATE, &s), 0);
        assert_int_equal(store_migrate(s, NULL, NULL), 0);
        assert_int_equal(ingest_reference_data(s, &n, &err), 0);
        orgs = (size_t)test_number(s->db, "SELECT count(*) FROM organisation");
        assert_int_equal(stage_all(s, first, 4, 0), 0);
        assert_int_equal(test_number(s->db, "SELECT count(*) FROM grant_award"), 0);
        assert_int_equal(test_number(s->db, "SELECT count(*) FROM organisation"), orgs);
        assert_int_equal(stage_all(s, second, 2, 1), 0);
        assert_int_equal(test_number(s->db, "SELECT count(*) FROM grant_award"), 2);
        store_close(s);
    }
    assert_non_null(strstr(rows[0].data, "G-1\x1fOne again: the later wins"));
    assert_non_null(strstr(rows[0].data, "G-2\x1fTwo again"));
    assert_string_equal(rows[1].data, rows[0].data);
    buf_release(&rows[0]);
    buf_release(&rows[1]);
    buf_release(&err);
}

/*
 * PostgreSQL: when the grants sent while the file was read cannot be stored (here another
 * import stored one of the same identifiers meanwhile), they are rolled back and the import is
 * published from its scratch file: whole, the later import's row kept.
 */
static void test_sent_while_read_falls_back(void **state)
{
    const struct grant mine[] = {grant_of("G-5", "Five", "GB-CHC-1000080"),
                                 grant_of("G-6", "Six, mine", NULL)};
    const struct grant theirs[] = {grant_of("G-6", "Six, theirs", NULL)};
    const struct opendata_import im = {"grants", "test.json", "360giving-json", 2, 0};
    const char *uri = test_db_uri();
    struct store *s, *other;
    struct opendata_writer *w;
    struct buf err = BUF_INIT;
    struct db_stmt *stmt;
    size_t n;
    (void)state;

    assert_int_equal(store_open(uri, STORE_CREATE, &s), 0);
    assert_int_equal(store_migrate(s, NULL, NULL), 0);
    assert_int_equal(ingest_reference_data(s, &n, &err), 0);
    assert_int_equal(store_open(uri, 0, &other), 0);
    assert_int_equal(store_opendata_writer_new(s, "test", &w), 0);
    assert_int_equal(store_grant_stage(w, &mine[0]), 0);
    assert_int_equal(stage_all(other, theirs, 1, 1), 0); /* stored and committed meanwhile */
    assert_int_equal(store_grant_stage(w, &mine[1]), 0);
    assert_int_equal(store_opendata_publish(w, &im), 0);
    store_opendata_writer_free(w);
    assert_int_equal(test_number(s->db, "SELECT count(*) FROM grant_award"), 2);
    assert_int_equal(
        db_prepare(s->db, "SELECT title FROM grant_award WHERE identifier = 'G-6'", &stmt), DB_OK);
    assert_int_equal(db_step(stmt), DB_ROW);
    assert_string_equal(db_column_text(stmt, 0), "Six, mine");
    db_finalize(stmt);
    assert_int_equal(test_number(s->db, "SELECT count(*) FROM grant_award g JOIN organisation o ON "
                                        "o.id = g.recipient_id WHERE g.identifier = 'G-5'"),
                     1);
    store_close(other);
    store_close(s);
    buf_release(&err);
}

/* The grant table's indexes as the schema has them, name and statement. */
static void indexes_of(struct store *s, struct buf *out)
{
    struct db_stmt *stmt;
    buf_reset(out);
    assert_int_equal(db_prepare(s->db,
                                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                "tbl_name = 'grant_award' ORDER BY name",
                                &stmt),
                     DB_OK);
    while (db_step(stmt) == DB_ROW) {
        const char *sql = db_column_text(stmt, 1);
        buf_addf(out, "%s: %s\n", db_column_text(stmt, 0), sql ? sql : "<NULL>");
    }
    db_finalize(stmt);
}

static int steps, fail_at;

static int fail_one_step(struct db_stmt *stmt)
{
    return ++steps == fail_at ? DB_ERROR : db_step(stmt);
}

/*
 * SQLite: an import at least as large as the grants kept drops grant_award's indexes and makes
 * them again at its end, in its transaction. A failure at any step of the publishing leaves
 * them as they were, and nothing imported; the import that lands leaves them as the schema
 * made them, their content checked against the table.
 */
static void test_indexes_made_again_or_kept(void **state)
{
    struct ingest_opendata_opts opts = {"test", 0, NULL, NULL, NULL};
    struct ingest_summary sum;
    struct buf err = BUF_INIT, names = BUF_INIT, escapes = BUF_INIT, before = BUF_INIT,
               after = BUF_INIT;
    struct db_stmt *stmt;
    struct store *s;
    size_t n, grants;
    int ret = -1;
    (void)state;

    path_of(&names, "../data/opendata/names.json");
    path_of(&escapes, "../data/opendata/escapes.json");
    assert_int_equal(store_open(":memory:", STORE_CREATE, &s), 0);
    assert_int_equal(store_migrate(s, NULL, NULL), 0);
    assert_int_equal(ingest_reference_data(s, &n, &err), 0);
    indexes_of(s, &before);
    assert_non_null(strstr(before.data, "grant_award_date: CREATE INDEX"));
    for (fail_at = 1; ret != 0; fail_at++) {
        steps = 0;
        store_step_hook = fail_one_step;
        buf_reset(&err);
        ret = ingest_opendata(s, INGEST_GRANTS, names.data, &opts, &sum, &err);
        store_step_hook = NULL;
        assert_true(fail_at < 1000);
        indexes_of(s, &after);
        assert_string_equal(after.data, before.data);
        assert_int_equal(store_grant_count(s, &grants), 0);
        assert_int_equal(grants, ret ? 0 : 7);
    }
    assert_true(fail_at > 7); /* it failed at each of the publishing's steps before it landed */
    /* smaller than what is kept: the indexes kept up row by row */
    assert_int_equal(ingest_opendata(s, INGEST_GRANTS, escapes.data, &opts, &sum, &err), 0);
    assert_int_equal(store_grant_count(s, &grants), 0);
    assert_int_equal(grants, 11);
    indexes_of(s, &after);
    assert_string_equal(after.data, before.data);
    assert_int_equal(db_prepare(s->db, "PRAGMA integrity_check", &stmt), DB_OK);
    assert_int_equal(db_step(stmt), DB_ROW);
    assert_string_equal(db_column_text(stmt, 0), "ok");
    db_finalize(stmt);
    store_close(s);
    buf_release(&err);
    buf_release(&names);
    buf_release(&escapes);
    buf_release(&before);
    buf_release(&after);
}

static int count_step(struct db_stmt *stmt)
{
    steps++;
    return db_step(stmt);
}

/* The steps an import of n grants takes, their recipients two charities whose org-ids fall on
 * the same slot of a direct-mapped cache of 4096, one grant to each in turn. */
static int steps_for(size_t n)
{
    struct ingest_opendata_opts opts = {"test", 0, NULL, NULL, NULL};
    struct ingest_summary sum;
    struct buf err = BUF_INIT, json = BUF_INIT, path = BUF_INIT;
    struct store *s;
    size_t refs;
    FILE *f;
    int fd;

    buf_addf(&path, "%s/compact-test-orgs.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_true((fd = mkstemp(path.data)) >= 0);
    assert_non_null(f = fdopen(fd, "w"));
    buf_adds(&json, "{\"grants\": [");
    for (size_t i = 0; i < n; i++) {
        buf_addf(&json,
                 "%s{\"id\": \"360G-c-%zu\", \"title\": \"T\", \"currency\": \"GBP\", "
                 "\"amountAwarded\": 10, \"awardDate\": \"2024-01-01\", "
                 "\"fundingOrganization\": [{\"id\": \"GB-LAE-TRF\"}], "
                 "\"recipientOrganization\": [{\"id\": \"GB-CHC-%s\", \"name\": \"C\"}]}",
                 i ? ", " : "", i, i % 2 ? "1000080" : "1000404");
    }
    buf_adds(&json, "]}");
    assert_int_equal(fwrite(json.data, 1, json.len, f), json.len);
    fclose(f);
    assert_int_equal(store_open(":memory:", STORE_CREATE, &s), 0);
    assert_int_equal(store_migrate(s, NULL, NULL), 0);
    assert_int_equal(ingest_reference_data(s, &refs, &err), 0);
    steps = 0;
    store_step_hook = count_step;
    if (ingest_opendata(s, INGEST_GRANTS, path.data, &opts, &sum, &err)) {
        fail_msg("import: %s", err.data);
    }
    store_step_hook = NULL;
    assert_int_equal(sum.imported, n);
    assert_int_equal(sum.organisations_created, 2);
    store_close(s);
    remove(path.data);
    buf_release(&path);
    buf_release(&json);
    buf_release(&err);
    return steps;
}

/* An organisation named again and again costs one query, whatever else falls on its slot: each
 * grant more is one step more (its upsert), not two (its recipient looked up again). */
static void test_org_cache_holds_colliding_org_ids(void **state)
{
    (void)state;
    assert_int_equal(steps_for(80) - steps_for(40), 40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_as_words), cmocka_unit_test(test_names_hostile),
        cmocka_unit_test(test_received),       cmocka_unit_test(test_grant_list_known),
        cmocka_unit_test(test_names_register), /* last: it renames a funder */
    };
    const struct CMUnitTest both[] = {cmocka_unit_test(test_same_rows_on_both_engines),
                                      cmocka_unit_test(test_sent_while_read_on_both_engines),
                                      cmocka_unit_test(test_sent_while_read_falls_back)};
    const struct CMUnitTest lite[] = {cmocka_unit_test(test_indexes_made_again_or_kept),
                                      cmocka_unit_test(test_org_cache_holds_colliding_org_ids)};
    int failed = cmocka_run_group_tests_name("on SQLite", tests, setup, teardown);

    failed += cmocka_run_group_tests_name("publishing on SQLite", lite, NULL, NULL);

    test_pg = getenv("COMPACT_TEST_PG");
    if (!test_pg || !*test_pg) {
        printf("COMPACT_TEST_PG is not set: the PostgreSQL run did not happen\n");
        return failed;
    }
    failed += cmocka_run_group_tests_name("on PostgreSQL", tests, setup, teardown);
    return failed + cmocka_run_group_tests_name("SQLite and PostgreSQL", both, NULL, NULL);
}
