/* Organisations in the store, over the real reference data: the councils, add, get, update,
 * search and pages, and the audit trail of each write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "store_backend.h"

#include "ingest/ingest.h"
#include "store/store.h"
#include "base/err.h"

static struct store *st;
static struct arena arena;

static int setup(void **state)
{
    struct buf err = BUF_INIT;
    size_t n;
    (void)state;
    arena_init(&arena);
    if (store_open(test_db_uri(), STORE_CREATE, &st) || store_migrate(st, NULL, NULL) ||
        ingest_reference_data(st, &n, &err)) {
        print_error("setup: %s\n", err.data);
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
    arena_release(&arena);
    return 0;
}

static size_t count(const char *q, int sector, int type)
{
    struct organisation_filter f = {.q = q, .sector = sector, .type = type};
    size_t n = 0;
    assert_int_equal(store_organisation_count(st, &f, &n), 0);
    return n;
}

static size_t audits(const char *entity)
{
    struct audit_entry *items;
    size_t n;
    assert_int_equal(store_audit_list(st, "organisation", entity, &arena, &items, &n), 0);
    return n;
}

static void test_every_authority_is_a_council(void **state)
{
    struct authority_filter all = {.set = -1, .type = -1, .region = -1};
    struct organisation o;
    struct audit_entry *items;
    size_t authorities, n;
    (void)state;
    assert_int_equal(store_authority_count(st, &all, &authorities), 0);
    assert_int_equal(authorities, 364);
    assert_int_equal(count(NULL, -1, ORG_COUNCIL), authorities);
    assert_int_equal(count(NULL, SECTOR_STATUTORY, -1), authorities);
    assert_int_equal(store_organisation_get(st, "GB-LAE-TRF", &arena, &o), 0);
    assert_string_equal(o.name, "Trafford Metropolitan Borough Council");
    assert_string_equal(o.gss, "E08000009");
    assert_int_equal(o.type, ORG_COUNCIL);
    assert_int_equal(o.sector, SECTOR_STATUTORY);
    assert_int_equal(o.verified, 1);
    assert_non_null(o.created_at);
    /* abolished ones too: Bournemouth (2009-2019 set only) */
    assert_int_equal(store_organisation_get(st, "GB-LAE-BMH", &arena, &o), 0);
    assert_string_equal(o.gss, "E06000028");
    /* each made with its audit entry */
    assert_int_equal(store_audit_list(st, "organisation", "GB-LAE-TRF", &arena, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].action, "create");
    assert_string_equal(items[0].actor, "cli");
    assert_non_null(strstr(items[0].after, "\"gss\":\"E08000009\""));
}

static void test_loading_again_keeps_a_persons_edits(void **state)
{
    static const struct organisation_draft rename = {.name = "Trafford Council",
                                                     .given = ORG_FIELD_NAME};
    static const struct organisation_draft no_id = {.given = ORG_FIELD_ORG_ID};
    struct org_problem p[ORG_PROBLEMS_MAX];
    struct organisation o;
    struct buf err = BUF_INIT;
    size_t n, np;
    (void)state;
    assert_int_equal(
        store_organisation_update(st, "gb-lae-trf", &rename, "user:1", &arena, &o, p, &np), 0);
    assert_string_equal(o.name, "Trafford Council");
    /* a council that lost its org-id is still its area's council */
    assert_int_equal(
        store_organisation_update(st, "GB-LAE-HPL", &no_id, "user:1", &arena, &o, p, &np), 0);
    assert_null(o.org_id);
    assert_string_equal(o.gss, "E06000001");
    assert_int_equal(ingest_reference_data(st, &n, &err), 0);
    buf_release(&err);
    assert_int_equal(count(NULL, -1, ORG_COUNCIL), 364);
    assert_int_equal(store_organisation_get(st, "GB-LAE-TRF", &arena, &o), 0);
    assert_string_equal(o.name, "Trafford Council");
    assert_int_equal(store_organisation_get(st, "GB-LAE-HPL", &arena, &o), ERR_NOT_FOUND);
    assert_int_equal(audits("GB-LAE-TRF"), 2);
}

static void test_add_get_and_refusals(void **state)
{
    struct organisation o = {.org_id = "GB-CHC-1234567",
                             .name = "Trafford Community Voluntary Service",
                             .sector = SECTOR_VCS,
                             .type = ORG_VCS_INFRASTRUCTURE,
                             .website = "https://cvs.example",
                             .verified = 1},
                        got;
    long long id, id2;
    size_t before = count(NULL, -1, -1);
    char ref[ORG_REF_MAX];
    (void)state;
    assert_int_equal(store_organisation_add(st, &o, "user:2", &id), 0);
    assert_true(id > 364);
    assert_int_equal(store_organisation_get(st, "gb-chc-1234567", &arena, &got), 0);
    assert_int_equal(got.id, id);
    assert_null(got.gss);
    assert_string_equal(got.website, "https://cvs.example");
    snprintf(ref, sizeof(ref), "%lld", id);
    assert_int_equal(store_organisation_get(st, ref, &arena, &got), 0);
    assert_string_equal(got.org_id, "GB-CHC-1234567");
    assert_int_equal(audits("GB-CHC-1234567"), 1);
    /* the same org-id in another case: taken */
    o.org_id = "GB-CHC-1234567";
    assert_int_equal(store_organisation_add(st, &o, "user:2", &id2), ERR_CONFLICT);
    assert_int_equal(id2, 0);
    /* a council code no authority has */
    o.org_id = "GB-LAE-ZZZ";
    o.type = ORG_COUNCIL;
    o.sector = SECTOR_STATUTORY;
    assert_int_equal(store_organisation_add(st, &o, "user:2", &id2), ERR_INVALID);
    /* none of the refusals stored anything, or audited anything */
    assert_int_equal(count(NULL, -1, -1), before + 1);
    assert_int_equal(audits("GB-LAE-ZZZ"), 0);
    /* no org-id: addressed by number */
    o = (struct organisation){.name = "Friends of Longford Park",
                              .sector = SECTOR_VCS,
                              .type = ORG_COMMUNITY_GROUP,
                              .verified = 1};
    assert_int_equal(store_organisation_add(st, &o, "user:2", &id2), 0);
    snprintf(ref, sizeof(ref), "%lld", id2);
    assert_int_equal(audits(ref), 1);
    assert_int_equal(store_organisation_get(st, ref, &arena, &got), 0);
    assert_null(got.org_id);
    assert_int_equal(store_organisation_get(st, "GB-CHC-999999", &arena, &got), ERR_NOT_FOUND);
    assert_int_equal(store_organisation_get(st, "999999", &arena, &got), ERR_NOT_FOUND);
}

static void test_update_checks_and_audits(void **state)
{
    struct org_problem p[ORG_PROBLEMS_MAX];
    struct organisation o;
    struct audit_entry *items;
    size_t np, n;
    (void)state;
    /* an unknown organisation */
    assert_int_equal(store_organisation_update(
                         st, "GB-CHC-999999",
                         &(struct organisation_draft){.name = "X", .given = ORG_FIELD_NAME},
                         "user:1", &arena, &o, p, &np),
                     ERR_NOT_FOUND);
    /* a clash of type and sector */
    assert_int_equal(store_organisation_update(st, "GB-CHC-1234567",
                                               &(struct organisation_draft){
                                                   .sector = "private", .given = ORG_FIELD_SECTOR},
                                               "user:1", &arena, &o, p, &np),
                     ERR_INVALID);
    assert_int_equal(np, 1);
    assert_string_equal(p[0].field, "sector");
    /* an org-id another has */
    assert_int_equal(store_organisation_update(
                         st, "GB-CHC-1234567",
                         &(struct organisation_draft){.org_id = "GB-LAE-TRF",
                                                      .type = "council",
                                                      .given = ORG_FIELD_ORG_ID | ORG_FIELD_TYPE},
                         "user:1", &arena, &o, p, &np),
                     ERR_CONFLICT);
    assert_string_equal(p[0].field, "org_id");
    /* an unknown council */
    assert_int_equal(store_organisation_update(
                         st, "GB-CHC-1234567",
                         &(struct organisation_draft){.org_id = "GB-LAE-ZZZ",
                                                      .type = "council",
                                                      .given = ORG_FIELD_ORG_ID | ORG_FIELD_TYPE},
                         "user:1", &arena, &o, p, &np),
                     ERR_INVALID);
    assert_string_equal(p[0].field, "org_id");
    assert_int_equal(audits("GB-CHC-1234567"), 1); /* none of them was written */
    /* a good one: the type alone moves the sector; read back as stored */
    assert_int_equal(store_organisation_update(
                         st, "GB-CHC-1234567",
                         &(struct organisation_draft){.type = "social_enterprise",
                                                      .website = NULL,
                                                      .given = ORG_FIELD_TYPE | ORG_FIELD_WEBSITE},
                         "user:5", &arena, &o, p, &np),
                     0);
    assert_int_equal(o.type, ORG_SOCIAL_ENTERPRISE);
    assert_int_equal(o.sector, SECTOR_VCS);
    assert_null(o.website);
    assert_string_equal(o.name, "Trafford Community Voluntary Service");
    assert_int_equal(store_audit_list(st, "organisation", "GB-CHC-1234567", &arena, &items, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(items[1].action, "update");
    assert_string_equal(items[1].actor, "user:5");
    assert_non_null(strstr(items[1].before, "\"type\":\"vcs_infrastructure\""));
    assert_non_null(strstr(items[1].before, "\"website\":\"https://cvs.example\""));
    assert_non_null(strstr(items[1].after, "\"type\":\"social_enterprise\""));
    assert_non_null(strstr(items[1].after, "\"website\":null"));
}

static void test_search_filters_and_pages(void **state)
{
    struct organisation_filter f = {.sector = -1, .type = -1, .limit = 7};
    struct organisation *items;
    size_t n, seen = 0, total = count(NULL, -1, -1);
    char last[256] = "";
    long long last_id = 0;
    (void)state;
    /* a substring of the name in any case, or the start of an org-id */
    assert_int_equal(count("TRAFFORD", -1, -1), 2); /* the council and the CVS */
    assert_int_equal(count("longford", SECTOR_VCS, -1), 1);
    assert_int_equal(count("longford", SECTOR_STATUTORY, -1), 0);
    assert_int_equal(count("gb-chc-12", -1, -1), 1);
    assert_int_equal(count("GB-LAE-", -1, -1), 363); /* Hartlepool lost its org-id */
    assert_int_equal(count("GB-LAE-", -1, ORG_SOCIAL_ENTERPRISE), 0);
    assert_int_equal(count("%", -1, -1), 0); /* no LIKE patterns */
    assert_int_equal(count(NULL, -1, ORG_COMMUNITY_GROUP), 1);
    /* pages of 7 by name, then number, meet every organisation once */
    do {
        assert_int_equal(store_organisation_list(st, &f, &arena, &items, &n), 0);
        for (size_t i = 0; i < n; i++) {
            if (strcasecmp(last, items[i].name) > 0) {
                fail_msg("'%s' after '%s'", items[i].name, last);
            }
            snprintf(last, sizeof(last), "%s", items[i].name);
            assert_true(items[i].id != last_id);
            last_id = items[i].id;
        }
        seen += n;
        f.after = n ? items[n - 1].id : 0;
    } while (n == f.limit);
    assert_int_equal(seen, total);
    /* a filtered page */
    f = (struct organisation_filter){.q = "borough", .sector = -1, .type = ORG_COUNCIL, .limit = 3};
    assert_int_equal(store_organisation_list(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        assert_true(strstr(items[i].name, "Borough") || strstr(items[i].name, "borough"));
    }
    /* pages by number: the second page of 3 starts where the first ended */
    last_id = items[2].id;
    f.limit = 4;
    f.offset = 2;
    assert_int_equal(store_organisation_list(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 4);
    assert_int_equal(items[0].id, last_id);
    /* past the end: none */
    f.offset = count("borough", -1, ORG_COUNCIL);
    assert_int_equal(store_organisation_list(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 0);
}

static void test_insert_is_undone_with_its_transaction(void **state)
{
    struct organisation o = {.org_id = "GB-COH-SC123456",
                             .name = "Acme Ltd",
                             .sector = SECTOR_PRIVATE,
                             .type = ORG_BUSINESS,
                             .verified = 1};
    size_t before = count(NULL, -1, -1);
    long long id;
    (void)state;
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_organisation_insert(st, &o, "cli", &id), 0);
    assert_int_equal(store_organisation_insert(st, &o, "cli", &id), ERR_CONFLICT);
    store_rollback(st);
    assert_int_equal(count(NULL, -1, -1), before);
    assert_int_equal(audits("GB-COH-SC123456"), 0);
}

static void test_find_by_org_id_number_or_exact_name(void **state)
{
    struct organisation twin = {.name = "Twin Trust", .sector = SECTOR_VCS, .type = ORG_CHARITY};
    long long id, a, b;
    char ref[ORG_REF_MAX];
    (void)state;
    assert_int_equal(store_organisation_find(st, "gb-lae-trf", &id), 0);
    assert_true(id > 0);
    snprintf(ref, sizeof(ref), "%lld", id);
    assert_int_equal(store_organisation_find(st, ref, &a), 0);
    assert_int_equal(a, id);
    /* the exact name, where no other has it */
    assert_int_equal(store_organisation_find(st, "Trafford Council", &a), 0);
    assert_int_equal(a, id);
    assert_int_equal(store_organisation_find(st, "trafford council", &a), ERR_NOT_FOUND);
    assert_int_equal(a, 0);
    assert_int_equal(store_organisation_add(st, &twin, "cli", &a), 0);
    assert_int_equal(store_organisation_find(st, "Twin Trust", &b), 0);
    assert_int_equal(b, a);
    assert_int_equal(store_organisation_add(st, &twin, "cli", &b), 0);
    assert_int_equal(store_organisation_find(st, "Twin Trust", &id), ERR_CONFLICT);
    assert_int_equal(id, 0);
    assert_int_equal(store_organisation_find(st, "GB-CHC-999999", &id), ERR_NOT_FOUND);
}

static void test_find_or_make(void **state)
{
    struct organisation o = {.org_id = "GB-COH-IP28755R",
                             .name = "Hyde Park Source",
                             .sector = SECTOR_VCS,
                             .type = ORG_SOCIAL_ENTERPRISE};
    struct organisation got;
    struct audit_entry *items;
    long long id, again;
    size_t n;
    int made;
    (void)state;
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_organisation_find_or_make(st, &o, "import:1", &id, &made), 0);
    assert_int_equal(made, 1);
    /* found again in any case, not made twice */
    o.org_id = "gb-coh-ip28755r";
    assert_int_equal(store_organisation_find_or_make(st, &o, "import:1", &again, &made), 0);
    assert_int_equal(made, 0);
    assert_int_equal(again, id);
    /* a council no authority has: kept, without an area */
    o = (struct organisation){.org_id = "GB-LAE-ZZZ",
                              .name = "Nowhere Council",
                              .sector = SECTOR_STATUTORY,
                              .type = ORG_COUNCIL};
    assert_int_equal(store_organisation_find_or_make(st, &o, "import:1", &again, &made), 0);
    assert_int_equal(made, 1);
    /* one rule for org-ids: a company number of 7 digits is refused */
    o.org_id = "GB-COH-4013122";
    o.type = ORG_BUSINESS;
    o.sector = SECTOR_PRIVATE;
    assert_int_equal(store_organisation_find_or_make(st, &o, "import:1", &again, &made),
                     ERR_INVALID);
    assert_int_equal(again, 0);
    assert_int_equal(made, 0);
    assert_int_equal(store_commit(st), 0);
    assert_int_equal(store_organisation_get(st, "GB-LAE-ZZZ", &arena, &got), 0);
    assert_null(got.gss);
    assert_int_equal(got.verified, 0);
    assert_int_equal(store_organisation_get(st, "GB-COH-4013122", &arena, &got), ERR_NOT_FOUND);
    /* made with the audit entry a person's would have */
    assert_int_equal(store_audit_list(st, "organisation", "GB-COH-IP28755R", &arena, &items, &n),
                     0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].action, "create");
    assert_string_equal(items[0].actor, "import:1");
    assert_non_null(strstr(items[0].after, "\"type\":\"social_enterprise\""));
    assert_non_null(strstr(items[0].after, "\"verified\":false"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_authority_is_a_council),
        cmocka_unit_test(test_loading_again_keeps_a_persons_edits),
        cmocka_unit_test(test_add_get_and_refusals),
        cmocka_unit_test(test_update_checks_and_audits),
        cmocka_unit_test(test_search_filters_and_pages),
        cmocka_unit_test(test_insert_is_undone_with_its_transaction),
        cmocka_unit_test(test_find_by_org_id_number_or_exact_name),
        cmocka_unit_test(test_find_or_make),
    };
    RUN_ON_BOTH(tests, setup, teardown);
}
