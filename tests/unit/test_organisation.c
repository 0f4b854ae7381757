/* Organisations in the core: sectors and types, org-id checks, drafts and patches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/organisation.h"
#include "base/err.h"

static void test_types_and_their_sectors(void **state)
{
    static const struct {
        const char *type;
        const char *sector;
    } want[] = {
        {"council", "statutory"}, {"nhs", "statutory"},          {"police", "statutory"},
        {"fire", "statutory"},    {"public_other", "statutory"}, {"vcs_infrastructure", "vcs"},
        {"charity", "vcs"},       {"community_group", "vcs"},    {"social_enterprise", "vcs"},
        {"business", "private"},
    };
    enum org_type t;
    enum org_sector s;
    (void)state;
    assert_int_equal(sizeof(want) / sizeof(want[0]), ORG_TYPE_COUNT);
    for (size_t i = 0; i < ORG_TYPE_COUNT; i++) {
        assert_int_equal(org_type_parse(want[i].type, &t), 0);
        assert_string_equal(org_type_id(t), want[i].type);
        assert_string_equal(org_sector_id(org_type_sector(t)), want[i].sector);
        assert_true(strlen(org_type_label(t)) > 0);
    }
    assert_int_equal(org_type_parse("Council", &t), ERR_INVALID);
    assert_int_equal(org_type_parse("", &t), ERR_INVALID);
    assert_int_equal(org_sector_parse("vcs", &s), 0);
    assert_string_equal(org_sector_label(s), "Voluntary and community");
    assert_string_equal(org_sector_label(SECTOR_STATUTORY), "Statutory");
    assert_string_equal(org_sector_label(SECTOR_PRIVATE), "Private");
    assert_int_equal(org_sector_parse("voluntary", &s), ERR_INVALID);
    assert_string_equal(org_type_id(ORG_TYPE_COUNT), "");
}

static void test_orgid_check(void **state)
{
    static const struct {
        const char *s;
        int ok;
        const char *says; /* a part of the sentence when it is refused */
    } cases[] = {
        {"GB-LAE-TRF", 1, NULL},
        {"GB-LAE-TR", 0, "three-letter"},
        {"GB-LAE-TRFD", 0, "three-letter"},
        {"GB-LAE-trf", 0, "capitals"},
        {"GB-LAE-T1F", 0, "three-letter"},
        {"GB-LAE-", 0, "three-letter"},
        {"GB-CHC-12345", 1, NULL},
        {"GB-CHC-12345678", 1, NULL},
        {"GB-CHC-1234", 0, "5 to 8 digits"},
        {"GB-CHC-123456789", 0, "5 to 8 digits"},
        {"GB-CHC-12345A", 0, "5 to 8 digits"},
        {"GB-CHC-", 0, "5 to 8 digits"},
        {"GB-COH-01234567", 1, NULL},
        {"GB-COH-SC123456", 1, NULL},
        {"GB-COH-sc123456", 0, "company number"},
        {"GB-COH-S1234567", 0, "company number"},
        {"GB-COH-1234567", 0, "company number"},
        {"GB-COH-012345678", 0, "company number"},
        {"GB-COH-SCX12345", 0, "company number"},
        {"GB-COH-IP28755R", 1, NULL}, /* a registered society */
        {"GB-COH-IP28755r", 0, "company number"},
        {"GB-COH-I2875512", 0, "company number"},
        {"GB-COH-4013122", 0, "company number"}, /* published without its leading zero */
        {"GB-NHS-RBV", 1, NULL},
        {"XI-PB-12.3_A-b", 1, NULL},
        {"GB-GOR-PB1234", 1, NULL},
        {"gb-chc-1234567", 0, "capital letters"},
        {"GBCHC1234567", 0, "capital letters"},
        {"GB--123", 0, "capital letters"},
        {"GB-NHS-", 0, "capital letters"},
        {"GB-NHS-R V", 0, "no spaces"},
        {"GB-NHS-R/V", 1, NULL},
        {"GB-SRS-sid4gov.cabinetoffice.gov.uk/8s944V4W", 1, NULL}, /* a Contracts Finder buyer */
        {"GB-SRS-a/b/c", 1, NULL},
        {"GB-SRS-a//b", 0, "slashes between them"},
        {"GB-SRS-a/", 0, "slashes between them"},
        {"GB-SRS-/a", 0, "slashes between them"},
        {"GB-SRS-a/../b", 0, "slashes between them"},
        {"GB-SRS-a/./b", 0, "slashes between them"},
        {"GB-SRS-..", 0, "slashes between them"},
        {"GB-SRS-a\\b", 0, "no spaces"},
        {"A-B-C", 1, NULL},
        {"A-B-", 0, "capital letters"},
        {"", 0, "capital letters"},
    };
    char long_id[ORG_ID_MAX + 2];
    const char *why;
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int ret = orgid_check(cases[i].s, &why);
        if (cases[i].ok) {
            if (ret != 0) {
                fail_msg("'%s' refused: %s", cases[i].s, why);
            }
            assert_null(why);
        } else {
            if (ret != ERR_INVALID) {
                fail_msg("'%s' accepted", cases[i].s);
            }
            assert_non_null(why);
            if (!strstr(why, cases[i].says)) {
                fail_msg("'%s': '%s' does not say '%s'", cases[i].s, why, cases[i].says);
            }
        }
    }
    /* 100 bytes is the most */
    memcpy(long_id, "GB-NHS-", 7);
    memset(long_id + 7, 'A', ORG_ID_MAX - 7);
    long_id[ORG_ID_MAX] = '\0';
    assert_int_equal(orgid_check(long_id, &why), 0);
    long_id[ORG_ID_MAX] = 'A';
    long_id[ORG_ID_MAX + 1] = '\0';
    assert_int_equal(orgid_check(long_id, &why), ERR_INVALID);
    assert_non_null(strstr(why, "100 characters"));
    assert_string_equal(orgid_council_code("GB-LAE-TRF"), "TRF");
    assert_null(orgid_council_code("GB-CHC-12345"));
    assert_null(orgid_council_code(NULL));
}

static void test_refs(void **state)
{
    struct organisation o = {.id = 42, .org_id = "GB-CHC-12345"};
    char buf[ORG_REF_MAX];
    (void)state;
    assert_string_equal(organisation_ref(&o, buf), "GB-CHC-12345");
    o.org_id = NULL;
    assert_string_equal(organisation_ref(&o, buf), "42");
    assert_true(organisation_ref_is_number("42"));
    assert_false(organisation_ref_is_number("GB-CHC-12345"));
    assert_false(organisation_ref_is_number(""));
    assert_false(organisation_ref_is_number("-4"));
    assert_false(organisation_ref_is_number("4x"));
    assert_false(organisation_ref_is_number("1234567890123456789")); /* past a long long */
}

#define ALL                                                                                        \
    (ORG_FIELD_ORG_ID | ORG_FIELD_NAME | ORG_FIELD_TYPE | ORG_FIELD_SECTOR | ORG_FIELD_WEBSITE)

static void test_draft_type_alone_brings_its_sector(void **state)
{
    struct organisation_draft d = {.org_id = "GB-CHC-1234567",
                                   .name = "Trafford CVS",
                                   .type = "vcs_infrastructure",
                                   .website = "https://example.org/cvs",
                                   .given = ALL};
    struct org_problem p[ORG_PROBLEMS_MAX];
    struct organisation o;
    (void)state;
    assert_int_equal(organisation_from_draft(&d, &o, p), 0);
    assert_string_equal(o.org_id, "GB-CHC-1234567");
    assert_string_equal(o.name, "Trafford CVS");
    assert_int_equal(o.type, ORG_VCS_INFRASTRUCTURE);
    assert_int_equal(o.sector, SECTOR_VCS);
    assert_string_equal(o.website, "https://example.org/cvs");
    assert_int_equal(o.verified, 1);
    d.sector = "vcs"; /* both, agreeing */
    assert_int_equal(organisation_from_draft(&d, &o, p), 0);
    d.org_id = ""; /* blank: none */
    d.website = NULL;
    assert_int_equal(organisation_from_draft(&d, &o, p), 0);
    assert_null(o.org_id);
    assert_null(o.website);
}

static void test_draft_problems_name_their_fields(void **state)
{
    struct organisation_draft d = {.org_id = "GB-CHC-12",
                                   .name = "  ",
                                   .type = "council",
                                   .sector = "vcs",
                                   .website = "example.org",
                                   .given = ALL};
    struct org_problem p[ORG_PROBLEMS_MAX];
    struct organisation o = {.id = 7};
    (void)state;
    assert_int_equal(organisation_from_draft(&d, &o, p), 4);
    assert_string_equal(p[0].field, "org_id");
    assert_string_equal(p[1].field, "name");
    assert_string_equal(p[2].field, "sector");
    assert_non_null(strstr(p[2].message, "statutory"));
    assert_string_equal(p[3].field, "website");
    assert_int_equal(o.id, 7); /* untouched */

    d = (struct organisation_draft){.name = "X", .type = "club", .given = ALL};
    assert_int_equal(organisation_from_draft(&d, &o, p), 1);
    assert_string_equal(p[0].field, "type");
    d = (struct organisation_draft){.name = "X", .sector = "vcs", .given = ALL};
    assert_int_equal(organisation_from_draft(&d, &o, p), 1); /* a sector alone is not enough */
    assert_string_equal(p[0].field, "type");
    d = (struct organisation_draft){
        .name = "X", .type = "charity", .sector = "third", .given = ALL};
    assert_int_equal(organisation_from_draft(&d, &o, p), 1);
    assert_string_equal(p[0].field, "sector");
    d = (struct organisation_draft){.name = "Line\nbreak", .type = "charity", .given = ALL};
    assert_int_equal(organisation_from_draft(&d, &o, p), 1);
    assert_string_equal(p[0].field, "name");
    d = (struct organisation_draft){
        .org_id = "GB-LAE-TRF", .name = "T", .type = "charity", .given = ALL};
    assert_int_equal(organisation_from_draft(&d, &o, p), 1); /* a GB-LAE- org-id is a council's */
    assert_string_equal(p[0].field, "type");
}

static void test_name_and_website_limits(void **state)
{
    char name[ORG_NAME_MAX + 2], site[ORG_WEBSITE_MAX + 2];
    struct organisation_draft d = {.name = name, .type = "business", .website = site, .given = ALL};
    struct org_problem p[ORG_PROBLEMS_MAX];
    struct organisation o;
    (void)state;
    memset(name, 'n', ORG_NAME_MAX);
    name[ORG_NAME_MAX] = '\0';
    memcpy(site, "https://", 8);
    memset(site + 8, 'w', ORG_WEBSITE_MAX - 8);
    site[ORG_WEBSITE_MAX] = '\0';
    assert_int_equal(organisation_from_draft(&d, &o, p), 0);
    name[ORG_NAME_MAX] = 'n';
    name[ORG_NAME_MAX + 1] = '\0';
    site[ORG_WEBSITE_MAX] = 'w';
    site[ORG_WEBSITE_MAX + 1] = '\0';
    assert_int_equal(organisation_from_draft(&d, &o, p), 2);
    d.name = "N";
    static const char *const bad_sites[] = {
        "javascript:alert(1)", "https://", "https:///x", "http://a b", "ftp://example.org",
        /* as a Compact's document link (compact_url_is_valid): */
        "https://x.example/\"onmouseover=\"alert(1)", "https://x.example/<script>", "https://.x"};
    for (size_t i = 0; i < sizeof(bad_sites) / sizeof(bad_sites[0]); i++) {
        d.website = bad_sites[i];
        assert_int_equal(organisation_from_draft(&d, &o, p), 1);
        assert_string_equal(p[0].field, "website");
    }
    d.website = "http://example.org";
    assert_int_equal(organisation_from_draft(&d, &o, p), 0);
}

static void test_patch(void **state)
{
    const struct organisation before = {.id = 3,
                                        .org_id = "GB-CHC-1234567",
                                        .name = "Old name",
                                        .sector = SECTOR_VCS,
                                        .type = ORG_CHARITY,
                                        .website = "https://old.example"};
    struct organisation_draft d;
    struct org_problem p[ORG_PROBLEMS_MAX];
    struct organisation o;
    (void)state;
    /* a name alone: the rest kept */
    organisation_patch_draft(
        &before, &(struct organisation_draft){.name = "New name", .given = ORG_FIELD_NAME}, &d);
    assert_int_equal(organisation_from_draft(&d, &o, p), 0);
    assert_string_equal(o.name, "New name");
    assert_string_equal(o.org_id, "GB-CHC-1234567");
    assert_int_equal(o.type, ORG_CHARITY);
    assert_string_equal(o.website, "https://old.example");
    /* a new type alone brings its sector */
    organisation_patch_draft(
        &before, &(struct organisation_draft){.type = "business", .given = ORG_FIELD_TYPE}, &d);
    assert_int_equal(organisation_from_draft(&d, &o, p), 0);
    assert_int_equal(o.sector, SECTOR_PRIVATE);
    /* a sector alone must be the kept type's */
    organisation_patch_draft(
        &before, &(struct organisation_draft){.sector = "private", .given = ORG_FIELD_SECTOR}, &d);
    assert_int_equal(organisation_from_draft(&d, &o, p), 1);
    assert_string_equal(p[0].field, "sector");
    /* null org-id and website: removed */
    organisation_patch_draft(
        &before, &(struct organisation_draft){.given = ORG_FIELD_ORG_ID | ORG_FIELD_WEBSITE}, &d);
    assert_int_equal(organisation_from_draft(&d, &o, p), 0);
    assert_null(o.org_id);
    assert_null(o.website);
    assert_string_equal(o.name, "Old name");
    /* a null name is refused */
    organisation_patch_draft(&before, &(struct organisation_draft){.given = ORG_FIELD_NAME}, &d);
    assert_int_equal(organisation_from_draft(&d, &o, p), 1);
    assert_string_equal(p[0].field, "name");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types_and_their_sectors),
        cmocka_unit_test(test_orgid_check),
        cmocka_unit_test(test_refs),
        cmocka_unit_test(test_draft_type_alone_brings_its_sector),
        cmocka_unit_test(test_draft_problems_name_their_fields),
        cmocka_unit_test(test_name_and_website_limits),
        cmocka_unit_test(test_patch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
