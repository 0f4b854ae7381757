/* The audit trail's snapshots and the register's export, compared as strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "codec/json_audit.h"
#include "base/err.h"

static date_t day(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

/* Run fn's output through a fresh buf and compare it with want. */
#define ASSERT_JSON(want, call)                                                                    \
    do {                                                                                           \
        struct buf b = BUF_INIT;                                                                   \
        call;                                                                                      \
        assert_false(buf_failed(&b));                                                              \
        assert_string_equal(b.data, want);                                                         \
        buf_release(&b);                                                                           \
    } while (0)

/* A Compact with a bit of everything; its authorities by name, as the store gives them. */
static const struct compact_area areas[] = {
    {.gss = "E10000015", .name = "Hertfordshire", .type = AUTH_COUNTY, .region = "East"},
    {.gss = "E07000240", .name = "St Albans", .type = AUTH_DISTRICT, .region = "East"},
};
static const struct compact_contact contacts[] = {
    {.name = "Ann \"Chair\" Lee", .email = "ann@example.org"},
};
static const struct compact_code codes[] = {
    {.id = 7, .title = "Funding", .url = "https://example.org/f"},
};
static const char *const coordinators[] = {"a@example.org", "B@example.org"};

static struct compact_entry entry(void)
{
    static struct status_change statuses[2];
    struct compact_entry e = {.id = 12,
                              .name = "Herts\\Compact",
                              .authorities = areas,
                              .nauthorities = 2,
                              .statuses = statuses,
                              .nstatuses = 2,
                              .document_url = NULL,
                              .contacts = contacts,
                              .ncontacts = 1,
                              .codes = codes,
                              .ncodes = 1,
                              .coordinators = coordinators,
                              .ncoordinators = 2,
                              .demo = 1};
    statuses[0] = (struct status_change){day("2010-01-01"), COMPACT_IN_DEVELOPMENT};
    statuses[1] = (struct status_change){day("2011-06-01"), COMPACT_ACTIVE};
    e.adopted = day("2011-06-01");
    e.review_set = day("2017-01-31");
    /* set in enum order; written in order of name */
    e.params.set[PARAM_NOTICE_MONTHS] = 1;
    e.params.value[PARAM_NOTICE_MONTHS] = 6;
    e.params.set[PARAM_CONSULTATION_WEEKS] = 1;
    e.params.value[PARAM_CONSULTATION_WEEKS] = 8;
    e.params.set[PARAM_MIN_FUNDING_MONTHS] = 1;
    e.params.value[PARAM_MIN_FUNDING_MONTHS] = 0;
    return e;
}

#define ENTRY_12                                                                                   \
    "{\"id\":12,\"name\":\"Herts\\\\Compact\",\"authorities\":[\"E07000240\",\"E10000015\"],"      \
    "\"statuses\":[{\"status\":\"in_development\",\"date\":\"2010-01-01\"},{\"status\":"           \
    "\"active\",\"date\":\"2011-06-01\"}],\"adopted\":\"2011-06-01\",\"refreshed\":null,"          \
    "\"review_due\":\"2017-01-31\",\"document_url\":null,\"contacts\":[{\"name\":"                 \
    "\"Ann \\\"Chair\\\" Lee\",\"role\":null,\"email\":\"ann@example.org\",\"phone\":null}],"      \
    "\"codes\":[{\"id\":7,\"title\":\"Funding\",\"summary\":null,\"url\":"                         \
    "\"https://example.org/f\"}],\"coordinators\":[\"a@example.org\",\"B@example.org\"],"          \
    "\"parameters\":{\"consultation_weeks\":8,\"min_funding_months\":0,\"notice_months\":6},"      \
    "\"demo\":1}"

static void test_compact(void **state)
{
    struct compact_entry e = entry(), empty = {.id = 3, .name = "New"};
    (void)state;
    ASSERT_JSON(ENTRY_12, json_audit_compact(&b, &e));
    ASSERT_JSON("{\"id\":3,\"name\":\"New\",\"authorities\":[],\"statuses\":[],\"adopted\":null,"
                "\"refreshed\":null,\"review_due\":null,\"document_url\":null,\"contacts\":[],"
                "\"codes\":[],\"coordinators\":[],\"parameters\":{},\"demo\":0}",
                json_audit_compact(&b, &empty));
}

/* A snapshot read back is the same tree: written again, it is the same text. */
static void test_read_back(void **state)
{
    static const char *const texts[] = {
        ENTRY_12, "{\"a\":[1,-2.5,true,false,null,\"x\\u00e9\"],\"b\":{},\"c\":[]}",
        "[]",     "\"text\"",
        "12",
    };
    struct arena arena;
    struct audit_node n;
    (void)state;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        assert_int_equal(json_audit_read(texts[i], &arena, &n), 0);
        if (i > 0) {
            continue; /* the others are not in cJSON's own form; the snapshot is */
        }
        ASSERT_JSON(texts[i], json_audit_write(&b, &n));
    }
    assert_int_equal(json_audit_read(ENTRY_12, &arena, &n), 0);
    assert_int_equal(n.type, AUDIT_OBJECT);
    assert_string_equal(n.items[1].key, "name");
    assert_string_equal(n.items[1].text, "Herts\\Compact");
    assert_string_equal(n.items[10].key, "coordinators");
    assert_int_equal(n.items[10].type, AUDIT_ARRAY);
    assert_int_equal(n.items[10].nitems, 2);
    assert_string_equal(n.items[10].items[1].text, "B@example.org");
    assert_null(n.items[10].items[1].key);
    assert_string_equal(n.items[11].items[0].key, "consultation_weeks");
    assert_int_equal(n.items[11].items[0].type, AUDIT_NUMBER);
    assert_string_equal(n.items[11].items[0].text, "8");
    /* not JSON, or too deep: refused, a null node */
    assert_int_equal(json_audit_read("{\"a\":", &arena, &n), ERR_INVALID);
    assert_int_equal(n.type, AUDIT_NULL);
    assert_int_equal(json_audit_read("[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]", &arena, &n),
                     ERR_INVALID);
    assert_int_equal(json_audit_read("[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]", &arena, &n), 0);
    arena_release(&arena);
}

static void test_parameters(void **state)
{
    struct param_set none = {0}, some = {0};
    (void)state;
    some.set[PARAM_MIN_TENDER_DAYS] = 1;
    some.value[PARAM_MIN_TENDER_DAYS] = 30;
    some.set[PARAM_FEEDBACK_WEEKS] = 1;
    some.value[PARAM_FEEDBACK_WEEKS] = 12;
    some.value[PARAM_NOTICE_MONTHS] = 9; /* not set: not written */
    ASSERT_JSON("{\"parameters\":{}}", json_audit_parameters(&b, &none));
    ASSERT_JSON("{\"parameters\":{\"feedback_weeks\":12,\"min_tender_days\":30}}",
                json_audit_parameters(&b, &some));
}

static void test_organisations(void **state)
{
    const struct organisation council = {.id = 4,
                                         .org_id = "GB-LAE-TRF",
                                         .name = "Trafford Council",
                                         .sector = SECTOR_STATUTORY,
                                         .type = ORG_COUNCIL,
                                         .gss = "E08000009",
                                         .verified = 1};
    const struct organisation group = {.id = 9,
                                       .name = "Tab\there",
                                       .sector = SECTOR_VCS,
                                       .type = ORG_COMMUNITY_GROUP,
                                       .website = "https://example.org/"};
    (void)state;
    ASSERT_JSON("{\"id\":4,\"org_id\":\"GB-LAE-TRF\",\"name\":\"Trafford Council\",\"sector\":"
                "\"statutory\",\"type\":\"council\",\"gss\":\"E08000009\",\"website\":null,"
                "\"verified\":true}",
                json_audit_organisation(&b, &council));
    ASSERT_JSON("{\"id\":9,\"org_id\":null,\"name\":\"Tab\\there\",\"sector\":\"vcs\",\"type\":"
                "\"community_group\",\"gss\":null,\"website\":\"https://example.org/\","
                "\"verified\":false}",
                json_audit_organisation(&b, &group));
}

static void test_signatory(void **state)
{
    struct signatory s = {.id = 5,
                          .compact_id = 2,
                          .compact_name = "not written",
                          .org_ref = "365",
                          .org_name = "Riverside Trust",
                          .role = "Chair",
                          .signed_on = day("2010-06-01")};
    (void)state;
    ASSERT_JSON("{\"signatory\":{\"id\":5,\"organisation\":\"365\",\"organisation_name\":"
                "\"Riverside Trust\",\"role\":\"Chair\",\"signed_on\":\"2010-06-01\","
                "\"withdrawn_on\":null}}",
                json_audit_signatory(&b, &s));
    s.withdrawn_on = day("2016-03-31");
    ASSERT_JSON("{\"signatory\":{\"id\":5,\"organisation\":\"365\",\"organisation_name\":"
                "\"Riverside Trust\",\"role\":\"Chair\",\"signed_on\":\"2010-06-01\","
                "\"withdrawn_on\":\"2016-03-31\"}}",
                json_audit_signatory(&b, &s));
}

static void test_activity_and_commitment(void **state)
{
    const struct audit_activity a = {.id = 1,
                                     .compact_id = 13,
                                     .kind = "consultation",
                                     .facts = "{\"kind\":\"consultation\",\"opens\":null}",
                                     .overall = "breach",
                                     .title = "Leeds grant",
                                     .recorder_org = "GB-LAE-LDS",
                                     .amount_pence = 1250050,
                                     .decision_date = "2027-01-15",
                                     .withdrawn_at = "2027-01-20T10:00:00Z",
                                     .withdrawn_by = "user:3",
                                     .withdrawn_reason = "Recorded twice"},
                                b_none = {.id = 2,
                                          .compact_id = 13,
                                          .kind = "consultation",
                                          .facts = "{}",
                                          .overall = "met",
                                          .amount_pence = ACTIVITY_NO_AMOUNT};
    const struct commitment_row c = {.id = 3,
                                     .number = "4.4",
                                     .section = 4,
                                     .section_title = "not written",
                                     .party = PARTY_CSOS,
                                     .paraphrase = "Say \u00e9",
                                     .verified = 1,
                                     .rules = "not written"};
    (void)state;
    ASSERT_JSON("{\"id\":1,\"compact_id\":13,\"org_id\":null,\"kind\":\"consultation\",\"facts\":"
                "{\"kind\":\"consultation\",\"opens\":null},\"overall\":\"breach\","
                "\"title\":\"Leeds grant\",\"recorder_org\":\"GB-LAE-LDS\",\"amount\":12500.5,"
                "\"decision_date\":\"2027-01-15\",\"withdrawn_at\":\"2027-01-20T10:00:00Z\","
                "\"withdrawn_by\":\"user:3\",\"withdrawn_reason\":\"Recorded twice\"}",
                json_audit_activity(&b, &a));
    ASSERT_JSON("{\"id\":2,\"compact_id\":13,\"org_id\":null,\"kind\":\"consultation\",\"facts\":"
                "{},\"overall\":\"met\",\"title\":null,\"recorder_org\":null,\"amount\":null,"
                "\"decision_date\":null,\"withdrawn_at\":null,\"withdrawn_by\":null,"
                "\"withdrawn_reason\":null}",
                json_audit_activity(&b, &b_none));
    ASSERT_JSON("{\"id\":3,\"number\":\"4.4\",\"section\":4,\"party\":\"csos\",\"paraphrase\":"
                "\"Say \u00e9\",\"verified\":true}",
                json_audit_commitment(&b, &c));
}

static void test_accounts(void **state)
{
    const struct user u = {.id = 2,
                           .email = "Member@example.org",
                           .name = "Mem",
                           .role = ROLE_MEMBER,
                           .org_id = "GB-CHC-1234567",
                           .created_at = "2026-01-02T03:04:05Z"};
    const struct api_token t = {.id = 3,
                                .email = "Member@example.org",
                                .label = "cron\n",
                                .created_at = "2026-01-02T03:04:05Z"};
    (void)state;
    ASSERT_JSON("{\"id\":2,\"email\":\"Member@example.org\",\"name\":\"Mem\",\"role\":\"member\","
                "\"org_id\":\"GB-CHC-1234567\",\"disabled\":false,\"created_at\":"
                "\"2026-01-02T03:04:05Z\"}",
                json_audit_user(&b, &u));
    ASSERT_JSON("{\"id\":3,\"email\":\"Member@example.org\",\"label\":\"cron\\n\",\"created_at\":"
                "\"2026-01-02T03:04:05Z\",\"revoked_at\":null}",
                json_audit_token(&b, &t));
}

static void test_import(void **state)
{
    const struct audit_import s = {.file = "grants.json",
                                   .format = "360giving-json",
                                   .read = 2,
                                   .imported = 2,
                                   .warnings = 5,
                                   .organisations_created = 3000000000u};
    (void)state;
    ASSERT_JSON("{\"file\":\"grants.json\",\"format\":\"360giving-json\",\"read\":2,\"imported\":2,"
                "\"rejected\":0,\"warnings\":5,\"organisations_created\":3000000000}",
                json_audit_import(&b, &s));
}

static void test_export(void **state)
{
    static const char *const former[] = {"E07000100"};
    const struct export_authority auths[] = {
        {.gss = "E07000240",
         .name = "St Albans",
         .type = AUTH_DISTRICT,
         .county_gss = "E10000015",
         .region = "East of England",
         .former_codes = former,
         .nformer_codes = 1},
        {.gss = "E10000015", .name = "Hertfordshire", .type = AUTH_COUNTY, .region = "East"},
    };
    const struct organisation orgs[] = {{.id = 1,
                                         .name = "Group",
                                         .sector = SECTOR_VCS,
                                         .type = ORG_CHARITY,
                                         .org_id = "GB-CHC-1",
                                         .verified = 1}};
    const struct compact_entry compacts[] = {entry()};
    const struct export_signatory sigs[] = {{.id = 1,
                                             .compact_id = 12,
                                             .organisation_id = 1,
                                             .org_id = "GB-CHC-1",
                                             .organisation = "Group",
                                             .role = "Chair",
                                             .signed_on = day("2012-03-01"),
                                             .withdrawn_on = day("2016-03-31")}};
    struct register_export x = {.exported_at = "2026-12-03T07:31:43Z"};
    (void)state;
    ASSERT_JSON("{\"format\":\"compact-hub-register/1\",\"exported_at\":\"2026-12-03T07:31:43Z\","
                "\"authorities\":[],\"organisations\":[],\"compacts\":[],\"signatories\":[]}",
                json_register_export(&b, &x));
    x.authorities = auths;
    x.nauthorities = 2;
    x.organisations = orgs;
    x.norganisations = 1;
    x.compacts = compacts;
    x.ncompacts = 1;
    x.signatories = sigs;
    x.nsignatories = 1;
    ASSERT_JSON("{\"format\":\"compact-hub-register/1\",\"exported_at\":\"2026-12-03T07:31:43Z\","
                "\"authorities\":[{\"gss\":\"E07000240\",\"name\":\"St Albans\",\"type\":"
                "\"district\",\"county_gss\":\"E10000015\",\"region\":\"East of England\","
                "\"former_codes\":[\"E07000100\"]},{\"gss\":\"E10000015\",\"name\":"
                "\"Hertfordshire\",\"type\":\"county\",\"county_gss\":null,\"region\":\"East\","
                "\"former_codes\":[]}],\"organisations\":[{\"id\":1,\"org_id\":\"GB-CHC-1\","
                "\"name\":\"Group\",\"sector\":\"vcs\",\"type\":\"charity\",\"gss\":null,"
                "\"website\":null,\"verified\":1}],\"compacts\":[" ENTRY_12 "],\"signatories\":"
                "[{\"id\":1,\"compact_id\":12,\"organisation_id\":1,\"org_id\":\"GB-CHC-1\","
                "\"organisation\":\"Group\",\"signed_on\":\"2012-03-01\",\"role\":\"Chair\","
                "\"withdrawn_on\":\"2016-03-31\"}]}",
                json_register_export(&b, &x));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact),   cmocka_unit_test(test_parameters),
        cmocka_unit_test(test_read_back), cmocka_unit_test(test_organisations),
        cmocka_unit_test(test_signatory), cmocka_unit_test(test_activity_and_commitment),
        cmocka_unit_test(test_accounts),  cmocka_unit_test(test_import),
        cmocka_unit_test(test_export),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
