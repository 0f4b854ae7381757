/* The case for signing up (SPEC section 9) on hand-built cases: a district covered through its
 * county that has not signed (and one that has), a withdrawal, a signature after the date
 * asked, a council signing its own Compact, a council signing a Compact that does not cover
 * it, partner types missing, Compacts not active left out, and the JSON and CSV of the report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/signups.h"
#include "codec/json_signups.h"
#include "view/page_signups.h"
#include "base/err.h"

#define KENT   "E10000016"
#define DOVER  "E07000108"
#define THANET "E07000114"
#define MEDWAY "E06000035"
#define LEEDS  "E08000035"
#define YORK   "E06000014"

static const struct authority A[] = {
    {.gss = DOVER,
     .code = "DOV",
     .name = "Dover",
     .official_name = "Dover District Council",
     .type = AUTH_DISTRICT,
     .county_gss = KENT,
     .county_name = "Kent",
     .region = "South East"},
    {.gss = KENT,
     .code = "KEN",
     .name = "Kent",
     .official_name = "Kent County Council",
     .type = AUTH_COUNTY,
     .region = "South East"},
    {.gss = LEEDS,
     .code = "LDS",
     .name = "Leeds",
     .official_name = "Leeds City Council",
     .type = AUTH_METROPOLITAN_DISTRICT,
     .region = "Yorkshire and The Humber"},
    {.gss = MEDWAY,
     .code = "MDW",
     .name = "Medway",
     .official_name = "Medway Council",
     .type = AUTH_UNITARY,
     .region = "South East"},
    {.gss = THANET,
     .code = "THA",
     .name = "Thanet",
     .official_name = "Thanet District Council",
     .type = AUTH_DISTRICT,
     .county_gss = KENT,
     .county_name = "Kent",
     .region = "South East"},
    {.gss = YORK,
     .code = "YOR",
     .name = "York",
     .official_name = "City of York Council",
     .type = AUTH_UNITARY,
     .region = "Yorkshire and The Humber"},
};
#define NA (sizeof(A) / sizeof(A[0]))

static date_t day(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

/* Kent's Compact (1) covers Kent and, through it, Dover and Thanet; Medway's (2) Medway; Leeds's
 * (3) is in development; York's (4) was active, then inactive from 2011. All from 2010. */
static struct status_change kent_s[1], medway_s[1], leeds_s[1], york_s[2];
static const char *kent_g[] = {KENT}, *medway_g[] = {MEDWAY}, *leeds_g[] = {LEEDS},
                  *york_g[] = {YORK};
static struct coverage_compact C[4];

static void setup_compacts(void)
{
    kent_s[0] = (struct status_change){day("2010-04-01"), COMPACT_ACTIVE};
    medway_s[0] = (struct status_change){day("2010-04-01"), COMPACT_ACTIVE};
    leeds_s[0] = (struct status_change){day("2010-04-01"), COMPACT_IN_DEVELOPMENT};
    york_s[0] = (struct status_change){day("2010-04-01"), COMPACT_ACTIVE};
    york_s[1] = (struct status_change){day("2011-01-01"), COMPACT_INACTIVE};
    C[0] = (struct coverage_compact){1, "Kent Compact", kent_s, 1, kent_g, 1};
    C[1] = (struct coverage_compact){2, "Medway Compact", medway_s, 1, medway_g, 1};
    C[2] = (struct coverage_compact){3, "Leeds Compact", leeds_s, 1, leeds_g, 1};
    C[3] = (struct coverage_compact){4, "York Compact", york_s, 2, york_g, 1};
}

struct report {
    struct arena arena;
    struct coverage cov;
    struct signups su;
};

static void compute(struct report *r, const char *on, const struct signup_signatory *s, size_t ns)
{
    setup_compacts();
    arena_init(&r->arena);
    coverage_compute(A, NA, AUTH_SET_2012, C, 4, day(on), &r->arena, &r->cov);
    signups_compute(&r->cov, C, 4, s, ns, &r->arena, &r->su);
}

static enum signup_state state_of(const struct report *r, const char *gss)
{
    const struct signup_row *row = signups_find(&r->su, gss);
    assert_non_null(row);
    assert_string_equal(row->cov->authority->gss, gss);
    return row->state;
}

static struct signup_signatory sig(long long compact, const char *ref, const char *name,
                                   enum org_type type, const char *on, const char *withdrawn)
{
    return (struct signup_signatory){.compact_id = compact,
                                     .org_ref = ref,
                                     .name = name,
                                     .type = type,
                                     .signed_on = day(on),
                                     .withdrawn_on = withdrawn ? day(withdrawn) : 0};
}

static void test_district_through_its_county_signs_only_for_itself(void **state)
{
    /* the county council signed the county's Compact; Thanet signed it too, Dover did not */
    struct signup_signatory s[] = {
        sig(1, "GB-LAE-KEN", "Kent County Council", ORG_COUNCIL, "2010-05-01", NULL),
        sig(1, "GB-LAE-THA", "Thanet District Council", ORG_COUNCIL, "2010-06-01", NULL),
    };
    struct report r;
    (void)state;
    compute(&r, "2012-03-31", s, 2);
    assert_int_equal(state_of(&r, KENT), SIGNUP_SIGNED);
    assert_int_equal(state_of(&r, THANET), SIGNUP_SIGNED);
    assert_int_equal(state_of(&r, DOVER), SIGNUP_NOT_SIGNED);
    assert_true(signups_find(&r.su, DOVER)->cov->via_county);
    assert_int_equal(signups_find(&r.su, DOVER)->cov->compact_id, 1);
    assert_string_equal(signups_find(&r.su, DOVER)->council, "GB-LAE-DOV");
    assert_null(signups_find(&r.su, DOVER)->signature);
    assert_string_equal(signups_find(&r.su, THANET)->signature->org_ref, "GB-LAE-THA");
    arena_release(&r.arena);
}

static void test_withdrawal_counts_until_the_day_withdrawn(void **state)
{
    struct signup_signatory s[] = {
        sig(2, "GB-LAE-MDW", "Medway Council", ORG_COUNCIL, "2010-05-01", "2012-01-01"),
    };
    struct report r;
    (void)state;
    compute(&r, "2011-12-31", s, 1); /* the day before it withdrew: still a signatory */
    assert_int_equal(state_of(&r, MEDWAY), SIGNUP_SIGNED);
    assert_int_equal(r.su.compacts[1].signed_types, 1u << SIGNUP_COUNCIL);
    arena_release(&r.arena);
    compute(&r, "2012-01-01", s, 1); /* from the day it withdrew: no longer */
    assert_int_equal(state_of(&r, MEDWAY), SIGNUP_NOT_SIGNED);
    assert_string_equal(r.su.compacts[1].name, "Medway Compact");
    assert_int_equal(r.su.compacts[1].signed_types, 0);
    assert_int_equal(r.su.compacts[1].nsignatories, 0);
    arena_release(&r.arena);
}

static void test_signature_after_the_day_asked_does_not_count(void **state)
{
    struct signup_signatory s[] = {
        sig(2, "GB-LAE-MDW", "Medway Council", ORG_COUNCIL, "2012-04-01", NULL),
    };
    struct report r;
    (void)state;
    compute(&r, "2012-03-31", s, 1);
    assert_int_equal(state_of(&r, MEDWAY), SIGNUP_NOT_SIGNED);
    arena_release(&r.arena);
    compute(&r, "2012-04-01", s, 1); /* the day it signed counts */
    assert_int_equal(state_of(&r, MEDWAY), SIGNUP_SIGNED);
    assert_int_equal(signups_find(&r.su, MEDWAY)->signature->signed_on, day("2012-04-01"));
    arena_release(&r.arena);
}

static void test_council_signing_its_own_compact_not_another(void **state)
{
    /* Medway's council signed its own Compact; Dover's signed Medway's, not Kent's */
    struct signup_signatory s[] = {
        sig(2, "GB-LAE-MDW", "Medway Council", ORG_COUNCIL, "2010-05-01", NULL),
        sig(2, "GB-LAE-DOV", "Dover District Council", ORG_COUNCIL, "2010-05-01", NULL),
    };
    struct report r;
    (void)state;
    compute(&r, "2012-03-31", s, 2);
    assert_int_equal(state_of(&r, MEDWAY), SIGNUP_SIGNED);
    assert_int_equal(state_of(&r, DOVER), SIGNUP_NOT_SIGNED);
    /* not covered: Leeds (its Compact only in development), York (its Compact inactive) */
    assert_int_equal(state_of(&r, LEEDS), SIGNUP_NOT_COVERED);
    assert_int_equal(state_of(&r, YORK), SIGNUP_NOT_COVERED);
    assert_int_equal(r.su.all[SIGNUP_SIGNED], 1);
    assert_int_equal(r.su.all[SIGNUP_NOT_SIGNED], 3); /* Kent, Dover, Thanet */
    assert_int_equal(r.su.all[SIGNUP_NOT_COVERED], 2);
    {
        size_t se, yh;
        assert_int_equal(region_parse("South East", &se), 0);
        assert_int_equal(region_parse("Yorkshire and The Humber", &yh), 0);
        assert_int_equal(r.su.region[se][SIGNUP_SIGNED], 1);
        assert_int_equal(r.su.region[se][SIGNUP_NOT_SIGNED], 3);
        assert_int_equal(r.su.region[yh][SIGNUP_NOT_COVERED], 2);
    }
    arena_release(&r.arena);
}

static void test_missing_partner_types(void **state)
{
    /* Kent's: a council, the police, another public body, a charity (not statutory: ignored),
     * an NHS body that withdrew and a fire service that signs later */
    struct signup_signatory s[] = {
        sig(1, "GB-CHC-1234567", "Kent Volunteers", ORG_CHARITY, "2010-05-01", NULL),
        sig(1, "7", "Kent Police", ORG_POLICE, "2010-05-01", NULL),
        sig(1, "GB-LAE-KEN", "Kent County Council", ORG_COUNCIL, "2010-05-01", NULL),
        sig(1, "9", "Kent Probation", ORG_PUBLIC_OTHER, "2010-05-01", NULL),
        sig(1, "8", "NHS Kent", ORG_NHS, "2010-05-01", "2011-05-01"),
        sig(1, "10", "Kent Fire and Rescue", ORG_FIRE, "2013-01-01", NULL),
        sig(4, "11", "York Police", ORG_POLICE, "2010-05-01", NULL),
    };
    struct report r;
    const struct signup_compact *k;
    (void)state;
    compute(&r, "2012-03-31", s, 7);
    /* the active Compacts by name: Kent's and Medway's; Leeds's and York's are not */
    assert_int_equal(r.su.ncompacts, 2);
    k = &r.su.compacts[0];
    assert_int_equal(k->id, 1);
    assert_int_equal(k->signed_types,
                     (1u << SIGNUP_COUNCIL) | (1u << SIGNUP_POLICE) | (1u << SIGNUP_OTHER));
    assert_int_equal(k->nsignatories, 3);
    /* by type: council, police, other */
    assert_string_equal(k->signatories[0]->name, "Kent County Council");
    assert_string_equal(k->signatories[1]->name, "Kent Police");
    assert_string_equal(k->signatories[2]->name, "Kent Probation");
    assert_int_equal(r.su.compacts[1].id, 2);
    assert_int_equal(r.su.compacts[1].signed_types, 0);
    /* Kent's lacks an NHS body and a fire service, Medway's all four */
    assert_int_equal(r.su.missing[SIGNUP_COUNCIL], 1);
    assert_int_equal(r.su.missing[SIGNUP_NHS], 2);
    assert_int_equal(r.su.missing[SIGNUP_POLICE], 1);
    assert_int_equal(r.su.missing[SIGNUP_FIRE], 2);
    assert_int_equal(signup_types(s, 6, day("2013-01-01")),
                     (1u << SIGNUP_COUNCIL) | (1u << SIGNUP_POLICE) | (1u << SIGNUP_OTHER) |
                         (1u << SIGNUP_FIRE));
    arena_release(&r.arena);
}

static void test_types_and_the_day_a_signature_counts(void **state)
{
    (void)state;
    assert_int_equal(signup_type_of(ORG_COUNCIL), SIGNUP_COUNCIL);
    assert_int_equal(signup_type_of(ORG_PUBLIC_OTHER), SIGNUP_OTHER);
    assert_int_equal(signup_type_of(ORG_CHARITY), -1);
    assert_int_equal(signup_type_of(ORG_BUSINESS), -1);
    assert_string_equal(signup_type_id(SIGNUP_NHS), "nhs");
    assert_string_equal(signup_type_id(SIGNUP_FIRE), "fire");
    assert_string_equal(signup_state_id(SIGNUP_NOT_SIGNED), "not_signed");
    assert_true(signup_counts(10, 0, 10));
    assert_false(signup_counts(10, 0, 9));
    assert_true(signup_counts(10, 12, 11));
    assert_false(signup_counts(10, 12, 12));
    assert_true(signup_is_council("GB-LAE-DOV", 10, 0, "GB-LAE-DOV", 11));
    assert_false(signup_is_council("GB-LAE-DOV", 10, 0, "GB-LAE-THA", 11));
    assert_false(signup_is_council("GB-LAE-DOV", 10, 0, NULL, 11));
}

static void test_json_and_csv(void **state)
{
    struct signup_signatory s[] = {
        sig(1, "GB-LAE-KEN", "Kent County Council", ORG_COUNCIL, "2010-05-01", NULL),
        sig(1, "7", "Kent Police", ORG_POLICE, "2010-05-01", NULL),
    };
    struct report r;
    struct buf b = BUF_INIT;
    (void)state;
    compute(&r, "2012-03-31", s, 2);
    json_signups(&b, &r.su);
    assert_string_equal(
        b.data,
        "{\"as_of\":\"2012-03-31\",\"set\":\"2012\",\"compacts\":["
        "{\"id\":1,\"name\":\"Kent Compact\",\"signed_types\":[\"council\",\"police\"],"
        "\"missing_types\":[\"nhs\",\"fire\"]},"
        "{\"id\":2,\"name\":\"Medway Compact\",\"signed_types\":[],"
        "\"missing_types\":[\"council\",\"nhs\",\"police\",\"fire\"]}],"
        /* by region, then council name */
        "\"not_signed\":[{\"gss\":\"E07000108\",\"council\":\"GB-LAE-DOV\",\"compact_id\":1},"
        "{\"gss\":\"E06000035\",\"council\":\"GB-LAE-MDW\",\"compact_id\":2},"
        "{\"gss\":\"E07000114\",\"council\":\"GB-LAE-THA\",\"compact_id\":1}],"
        "\"not_covered\":[{\"gss\":\"E06000014\",\"council\":\"GB-LAE-YOR\"},"
        "{\"gss\":\"E08000035\",\"council\":\"GB-LAE-LDS\"}]}");
    buf_reset(&b);
    csv_signups(&b, &r.su);
    assert_non_null(strstr(b.data, "gss,authority,council,council_name,type,region,state,"
                                   "compact_id,compact_name,via_county,signed_on\r\n"));
    assert_non_null(strstr(b.data, "\r\nE07000108,Dover,GB-LAE-DOV,Dover District Council,"
                                   "district,South East,not_signed,1,Kent Compact,true,\r\n"));
    assert_non_null(strstr(b.data, "\r\nE10000016,Kent,GB-LAE-KEN,Kent County Council,county,"
                                   "South East,signed,1,Kent Compact,false,2010-05-01\r\n"));
    assert_non_null(strstr(b.data, "\r\nE08000035,Leeds,GB-LAE-LDS,Leeds City Council,"
                                   "metropolitan_district,Yorkshire and The Humber,not_covered,,,,"
                                   "\r\n"));
    buf_release(&b);
    arena_release(&r.arena);
}

static void test_partners_summary(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    view_signup_partners(&b, (1u << SIGNUP_COUNCIL) | (1u << SIGNUP_POLICE) | (1u << SIGNUP_OTHER));
    assert_non_null(strstr(b.data, "Statutory partners: a council and the police have signed this "
                                   "Compact; no NHS body or fire and rescue service has."));
    buf_reset(&b);
    view_signup_partners(&b, 1u << SIGNUP_NHS);
    assert_non_null(strstr(b.data, "an NHS body has signed this Compact; no council, police force "
                                   "or fire and rescue service has."));
    buf_reset(&b);
    view_signup_partners(&b, 1u << SIGNUP_OTHER); /* another public body is not a partner */
    assert_non_null(strstr(b.data, "No statutory partner has signed this Compact"));
    buf_reset(&b);
    view_signup_partners(&b, SIGNUP_ALL_PARTNERS);
    assert_non_null(strstr(b.data, "All four statutory partners have signed this Compact"));
    assert_non_null(strstr(b.data, "href=\"/signups\""));
    buf_release(&b);
}

static void test_page_names_councils_not_codes(void **state)
{
    struct signup_signatory s[] = {
        sig(1, "GB-LAE-KEN", "Kent County Council", ORG_COUNCIL, "2010-05-01", NULL),
    };
    struct signups_view v = {.today = day("2012-04-01"), .set = AUTH_SET_2012};
    struct report r;
    struct buf b = BUF_INIT;
    (void)state;
    compute(&r, "2012-03-31", s, 1);
    v.su = &r.su;
    view_signups_page(&b, &v, NULL);
    assert_non_null(strstr(b.data, "On 31 March 2012, 1 of the 4 councils of 2009 to 2019 whose "
                                   "areas an active local Compact covers had signed it (25.0%)."));
    assert_non_null(strstr(b.data, "South East: 3 councils"));
    assert_non_null(strstr(b.data, ">Dover District Council</a>"));
    assert_non_null(strstr(b.data, "Kent Compact</a> (through Kent)"));
    assert_non_null(strstr(b.data, "Show the 2 councils, by region"));
    assert_null(strstr(b.data, "GB-LAE-"));
    assert_null(strstr(b.data, "2010-05-01"));
    assert_non_null(strstr(b.data, ">1 May 2010<"));
    buf_release(&b);
    arena_release(&r.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_district_through_its_county_signs_only_for_itself),
        cmocka_unit_test(test_withdrawal_counts_until_the_day_withdrawn),
        cmocka_unit_test(test_signature_after_the_day_asked_does_not_count),
        cmocka_unit_test(test_council_signing_its_own_compact_not_another),
        cmocka_unit_test(test_missing_partner_types),
        cmocka_unit_test(test_types_and_the_day_a_signature_counts),
        cmocka_unit_test(test_json_and_csv),
        cmocka_unit_test(test_partners_summary),
        cmocka_unit_test(test_page_names_councils_not_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
