/*
 * The audit trail in the store on :memory:: one writer for every entry, its time from C, and
 * the before and after that writes leave (a change shows in exactly the field it changed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store_backend.h"

#include "ingest/ingest.h"
#include "store/store.h"
#include "store/store_int.h"
#include "base/err.h"

STORE_TEST_FIXTURE

/* Whether at reads "YYYY-MM-DDTHH:MM:SSZ". */
static int is_utc_time(const char *at)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";

    if (strlen(at) != sizeof(shape) - 1) {
        return 0;
    }
    for (size_t i = 0; shape[i]; i++) {
        if (shape[i] == 'd' ? at[i] < '0' || at[i] > '9' : at[i] != shape[i]) {
            return 0;
        }
    }
    return 1;
}

/* The only entry of kind and entity, or the last with last set. */
static const struct audit_entry *entry(const char *kind, const char *entity, size_t want)
{
    struct audit_entry *items;
    size_t n;

    assert_int_equal(store_audit_list(st, kind, entity, &arena, &items, &n), 0);
    assert_int_equal(n, want);
    assert_true(is_utc_time(items[n - 1].at));
    return &items[n - 1];
}

/* before with each of the pairs from[i] -> to[i] replaced once: what after must be. */
static void assert_changed(const char *before, const char *after, const char *const *from,
                           const char *const *to, size_t n)
{
    struct buf want = BUF_INIT;
    const char *p = before;

    for (size_t i = 0; i < n; i++) {
        const char *at = strstr(p, from[i]);
        assert_non_null(at);
        assert_null(strstr(at + 1, from[i])); /* once, so the change is exactly there */
        buf_add(&want, p, (size_t)(at - p));
        buf_adds(&want, to[i]);
        p = at + strlen(from[i]);
    }
    buf_adds(&want, p);
    assert_string_equal(after, want.data);
    buf_release(&want);
}

static void test_add(void **state)
{
    struct buf after = BUF_INIT, big = BUF_INIT;
    const struct audit_entry *e;
    (void)state;
    buf_adds(&after, "{\"n\":1}");
    assert_int_equal(store_audit_add(st, NULL, "cli", "test", "compact", "999", NULL, &after), 0);
    e = entry("compact", "999", 1);
    assert_string_equal(e->actor, "cli");
    assert_string_equal(e->action, "test");
    assert_null(e->before);
    assert_string_equal(e->after, "{\"n\":1}");
    assert_int_equal(
        store_audit_add(st, "2020-01-02T03:04:05Z", "cli", "test", "compact", "999", &after, NULL),
        0);
    e = entry("compact", "999", 2);
    assert_string_equal(e->at, "2020-01-02T03:04:05Z");
    assert_string_equal(e->before, "{\"n\":1}");
    assert_null(e->after);
    /* a state that did not fit is refused, not stored cut short */
    buf_init(&big, 4);
    buf_adds(&big, "{\"too\":\"long\"}");
    assert_int_equal(store_audit_add(st, NULL, "cli", "test", "compact", "999", NULL, &big),
                     ERR_TOO_BIG);
    entry("compact", "999", 2);
    buf_release(&after);
    buf_release(&big);
}

static void test_compact_changes(void **state)
{
    struct compact_new c = {.name = "Trafford Compact",
                            .authorities = {"E08000009"},
                            .nauthorities = 1,
                            .status = COMPACT_ACTIVE,
                            .status_date = "2011-06-01"};
    struct compact_patch p = {.fields = PATCH_NAME, .name = "Trafford \"New\" Compact"};
    struct param_set ps = {0};
    const struct audit_entry *e;
    const char *bad, *field, *why;
    char id_text[32];
    long long id;
    (void)state;
    assert_int_equal(store_compact_add(st, &c, "user:1", &id, &bad), 0);
    snprintf(id_text, sizeof(id_text), "%lld", id);
    e = entry("compact", id_text, 1);
    assert_null(e->before);
    assert_non_null(strstr(e->after, "\"name\":\"Trafford Compact\""));
    assert_non_null(strstr(e->after, "\"statuses\":[{\"status\":\"active\",\"date\":"
                                     "\"2011-06-01\"}]"));

    /* a patch's before and after differ exactly in the changed field */
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why), 0);
    e = entry("compact", id_text, 2);
    assert_string_equal(e->actor, "user:2");
    assert_string_equal(e->action, "update");
    assert_changed(e->before, e->after, (const char *const[]){"\"name\":\"Trafford Compact\""},
                   (const char *const[]){"\"name\":\"Trafford \\\"New\\\" Compact\""}, 1);

    /* a status: one more in the history */
    assert_int_equal(
        store_compact_status_add(st, id, COMPACT_INACTIVE, date_from_ymd(2020, 1, 1), "user:2"), 0);
    e = entry("compact", id_text, 3);
    assert_string_equal(e->action, "status");
    assert_changed(e->before, e->after, (const char *const[]){"\"date\":\"2011-06-01\"}]"},
                   (const char *const[]){"\"date\":\"2011-06-01\"},{\"status\":\"inactive\","
                                         "\"date\":\"2020-01-01\"}]"},
                   1);

    /* parameters: their own before and after */
    ps.set[PARAM_NOTICE_MONTHS] = 1;
    ps.value[PARAM_NOTICE_MONTHS] = 6;
    assert_int_equal(store_compact_set_params(st, id, &ps, NULL, "user:2"), 0);
    e = entry("compact", id_text, 4);
    assert_string_equal(e->action, "parameters");
    assert_string_equal(e->before, "{\"parameters\":{}}");
    assert_string_equal(e->after, "{\"parameters\":{\"notice_months\":6}}");
    /* and the entry carries them from then on */
    p.name = "Trafford Compact";
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why), 0);
    e = entry("compact", id_text, 5);
    assert_non_null(strstr(e->before, "\"parameters\":{\"notice_months\":6},\"demo\":0}"));

    /* a refused change writes no entry */
    assert_int_equal(store_compact_set_params(st, id + 100, &ps, NULL, "user:2"), ERR_NOT_FOUND);
    snprintf(id_text, sizeof(id_text), "%lld", id + 100);
    {
        struct audit_entry *items;
        size_t n;
        assert_int_equal(store_audit_list(st, "compact", id_text, &arena, &items, &n), 0);
        assert_int_equal(n, 0);
    }
}

static void test_commitment_and_organisation(void **state)
{
    struct organisation o = {.org_id = "GB-CHC-7654321",
                             .name = "Riverside Trust",
                             .sector = SECTOR_VCS,
                             .type = ORG_CHARITY,
                             .verified = 1};
    struct organisation_draft patch = {.website = "https://example.org/",
                                       .given = ORG_FIELD_WEBSITE};
    struct org_problem problems[ORG_PROBLEMS_MAX];
    struct organisation out;
    const struct audit_entry *e;
    size_t nproblems;
    long long id;
    int seeded;
    (void)state;
    assert_int_equal(store_commitments_seed(st, &seeded), 0);
    assert_int_equal(store_commitment_update(st, 1, NULL, "Changed.", -1, "user:1"), 0);
    e = entry("commitment", "1", 1);
    assert_non_null(strstr(e->after, "\"paraphrase\":\"Changed.\""));
    assert_null(strstr(e->before, "\"paraphrase\":\"Changed.\""));
    assert_non_null(strstr(e->before, "\"section\":"));

    assert_int_equal(store_organisation_add(st, &o, "user:1", &id), 0);
    e = entry("organisation", "GB-CHC-7654321", 1);
    assert_null(e->before);
    assert_int_equal(store_organisation_update(st, "GB-CHC-7654321", &patch, "user:1", &arena, &out,
                                               problems, &nproblems),
                     0);
    e = entry("organisation", "GB-CHC-7654321", 2);
    assert_changed(e->before, e->after, (const char *const[]){"\"website\":null"},
                   (const char *const[]){"\"website\":\"https://example.org/\""}, 1);
}

static void test_export(void **state)
{
    struct buf out = BUF_INIT;
    static const char head[] = "{\"format\":\"compact-hub-register/1\",\"exported_at\":\"";
    char at[STORE_TIME_LEN + 1];
    (void)state;
    assert_int_equal(store_export(st, &out), 0);
    assert_false(buf_failed(&out));
    assert_memory_equal(out.data, head, sizeof(head) - 1);
    memcpy(at, out.data + sizeof(head) - 1, STORE_TIME_LEN);
    at[STORE_TIME_LEN] = '\0';
    assert_true(is_utc_time(at));
    assert_int_equal(out.data[sizeof(head) - 1 + STORE_TIME_LEN], '"');
    assert_non_null(strstr(out.data, "{\"gss\":\"E08000009\",\"name\":\"Trafford\",\"type\":"
                                     "\"metropolitan_district\",\"county_gss\":null,\"region\":"
                                     "\"North West\",\"former_codes\":[]}"));
    assert_non_null(strstr(out.data, "\"org_id\":\"GB-CHC-7654321\",\"name\":\"Riverside "
                                     "Trust\",\"sector\":\"vcs\",\"type\":\"charity\",\"gss\":"
                                     "null,\"website\":\"https://example.org/\",\"verified\":1}"));
    assert_non_null(strstr(out.data, "\"compacts\":[{\"id\":1,\"name\":\"Trafford Compact\","));
    assert_non_null(strstr(out.data, "\"signatories\":[]}"));
    /* the export is a read: it leaves no transaction open */
    assert_true((!db_in_transaction(st->db)));
    buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add),
        cmocka_unit_test(test_compact_changes),
        cmocka_unit_test(test_commitment_and_organisation),
        cmocka_unit_test(test_export),
    };
    RUN_ON_BOTH(tests, setup, teardown);
}
