/*
 * The access policy by object, on :memory:: an admin, a coordinator of Compact A who does not
 * coordinate Compact B (which another coordinator does), a member of organisation X, nobody
 * signed in, and the command line. Each decision is asserted for each of them and each object:
 * Compact A and B, an organisation the coordinator added, one the other coordinator added, one
 * signing Compact A, one signing B, one that withdrew from A, a council.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/actor.h"
#include "app/policy.h"
#include "store/store.h"
#include "base/date.h"
#include "base/err.h"

#define ORG_X "GB-CHC-1111111"

static struct store *st;
static struct arena arena;
static struct user admin, coordinator, other_coordinator, member, nobody;
static long long compact_a, compact_b;

static long long add_user(struct user *u, const char *email, enum role role, const char *org)
{
    *u = (struct user){.email = email, .name = "Test", .role = role, .org_id = org};
    assert_int_equal(store_user_add(st, u, NULL, "cli", &u->id), 0);
    return u->id;
}

static long long add_compact(const char *name, long long coordinator_id)
{
    struct compact_new c = {.name = name,
                            .status = COMPACT_ACTIVE,
                            .status_date = "2012-01-01",
                            .coordinator_id = coordinator_id};
    const char *bad;
    long long id = 0;
    assert_int_equal(store_compact_add(st, &c, "cli", &id, &bad), 0);
    return id;
}

static int setup(void **state)
{
    (void)state;
    arena_init(&arena);
    if (store_open(":memory:", STORE_CREATE, &st) || store_migrate(st, NULL, NULL)) {
        return -1;
    }
    add_user(&admin, "admin@example.org", ROLE_ADMIN, NULL);
    add_user(&coordinator, "coordinator@example.org", ROLE_COORDINATOR, NULL);
    add_user(&member, "member@example.org", ROLE_MEMBER, ORG_X);
    nobody = (struct user){.role = ROLE_PUBLIC};
    add_user(&other_coordinator, "other@example.org", ROLE_COORDINATOR, NULL);
    compact_a = add_compact("Compact A", coordinator.id);
    compact_b = add_compact("Compact B", other_coordinator.id);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    arena_release(&arena);
    return 0;
}

/* Who acts in a case; NULL is the command line. */
enum who { ADMIN, COORDINATOR, MEMBER, NOBODY, CLI, WHO_COUNT };

static const struct user *person(enum who w)
{
    const struct user *people[] = {&admin, &coordinator, &member, &nobody, NULL};
    return people[w];
}

static const char *const names[] = {"admin", "coordinator", "member", "nobody", "cli"};

/* Whether each of them may (0) or may not (ERR_FORBIDDEN), in enum who order. */
struct decision {
    const char *what;
    int answer[WHO_COUNT];
};

#define NO ERR_FORBIDDEN

static void assert_decisions(const struct decision *d, const int *got)
{
    for (int w = 0; w < WHO_COUNT; w++) {
        if (got[w] != d->answer[w]) {
            fail_msg("%s by %s: %d, not %d", d->what, names[w], got[w], d->answer[w]);
        }
    }
}

#define EACH(expr)                                                                                 \
    for (int w = 0; w < WHO_COUNT; w++) {                                                          \
        const struct user *u = person(w);                                                          \
        got[w] = (expr);                                                                           \
    }

/* The annual survey: running it is the national body's; codes and the benchmark are the
 * Compact's own (this coordinator's, not another's); anyone signed in answers the general
 * questionnaire without a code. */
static void test_survey(void **state)
{
    static const struct decision manage = {"run the survey", {0, NO, NO, NO, 0}},
                                 codes_a = {"make codes of Compact A", {0, 0, NO, NO, 0}},
                                 codes_b = {"make codes of Compact B", {0, NO, NO, NO, 0}},
                                 bench_a = {"answer Compact A's benchmark", {0, 0, NO, NO, 0}},
                                 bench_b = {"answer Compact B's benchmark", {0, NO, NO, NO, 0}},
                                 general = {"answer without a code", {0, 0, 0, NO, 0}};
    int got[WHO_COUNT];
    (void)state;

    EACH(policy_survey_manage(u));
    assert_decisions(&manage, got);
    EACH(policy_survey_codes(st, u, compact_a));
    assert_decisions(&codes_a, got);
    EACH(policy_survey_codes(st, u, compact_b));
    assert_decisions(&codes_b, got);
    EACH(policy_survey_benchmark(st, u, compact_a));
    assert_decisions(&bench_a, got);
    EACH(policy_survey_benchmark(st, u, compact_b));
    assert_decisions(&bench_b, got);
    EACH(policy_survey_general(u));
    assert_decisions(&general, got);
}

static void test_compacts(void **state)
{
    static const struct decision create = {"add a Compact", {0, 0, NO, NO, 0}},
                                 edit_a = {"change Compact A", {0, 0, NO, NO, 0}},
                                 edit_b = {"change Compact B", {0, NO, NO, NO, 0}},
                                 edit_none = {"change a Compact not in the register",
                                              {0, NO, NO, NO, 0}},
                                 admin_fields = {"set a Compact's coordinators",
                                                 {0, NO, NO, NO, 0}},
                                 coordinators = {"see coordinators' emails", {0, 0, NO, NO, 0}};
    int got[WHO_COUNT];
    (void)state;

    EACH(policy_compact_create(u));
    assert_decisions(&create, got);
    EACH(policy_compact_edit(st, u, compact_a));
    assert_decisions(&edit_a, got);
    EACH(policy_compact_edit(st, u, compact_b));
    assert_decisions(&edit_b, got);
    EACH(policy_compact_edit(st, u, compact_b + 100));
    assert_decisions(&edit_none, got);
    EACH(policy_compact_admin_fields(u));
    assert_decisions(&admin_fields, got);
    EACH(policy_compact_coordinators(u));
    assert_decisions(&coordinators, got);

    /* A Compact a coordinator adds is theirs; anyone else's has no coordinator. */
    assert_int_equal(policy_compact_coordinator(&coordinator), coordinator.id);
    assert_int_equal(policy_compact_coordinator(&admin), 0);
    assert_int_equal(policy_compact_coordinator(&member), 0);
    assert_int_equal(policy_compact_coordinator(NULL), 0);
}

/* Each person lands on the home page of their role; nobody and the command line on the public
 * one. */
static void test_home(void **state)
{
    static const enum home_kind want[WHO_COUNT] = {HOME_ADMIN, HOME_COORDINATOR, HOME_MEMBER,
                                                   HOME_PUBLIC, HOME_PUBLIC};
    (void)state;
    for (int w = 0; w < WHO_COUNT; w++) {
        if (policy_home(person(w)) != want[w]) {
            fail_msg("home of %s: %d, not %d", names[w], policy_home(person(w)), want[w]);
        }
    }
}

/* Organisation name of type, with org-id org_id (or none), added by who: stored and read back. */
static void add_org(struct organisation *o, const char *org_id, const char *name,
                    enum org_type type, const struct user *who)
{
    char actor[ACTOR_MAX], ref[24];
    long long id;
    *o = (struct organisation){.org_id = org_id,
                               .name = name,
                               .sector = type == ORG_COUNCIL ? SECTOR_STATUTORY : SECTOR_VCS,
                               .type = type,
                               .verified = 1};
    assert_int_equal(store_organisation_add(st, o, actor_name(who, actor), &id), 0);
    snprintf(ref, sizeof(ref), "%lld", id);
    assert_int_equal(store_organisation_get(st, ref, &arena, o), 0);
}

/* Organisation o signs Compact compact_id on 2012-04-01, withdrawing on withdrawn (or not). */
static void sign(const struct organisation *o, long long compact_id, const char *withdrawn)
{
    char ref[24];
    const char *bad;
    long long id;
    struct signatory_new s = {.compact_id = compact_id, .organisation = ref, .role = "Chair"};
    snprintf(ref, sizeof(ref), "%lld", o->id);
    assert_int_equal(date_parse("2012-04-01", 10, &s.signed_on), 0);
    if (withdrawn) {
        assert_int_equal(date_parse(withdrawn, strlen(withdrawn), &s.withdrawn_on), 0);
    }
    assert_int_equal(store_signatory_add(st, &s, "cli", &id, &bad), 0);
}

static void test_organisations(void **state)
{
    static const struct decision
        create = {"add an organisation", {0, 0, NO, NO, 0}},
        mine = {"change an organisation the coordinator added", {0, 0, NO, NO, 0}},
        theirs = {"change one another coordinator added, signing nothing of A", {0, NO, NO, NO, 0}},
        signs_a = {"change one another added that signs Compact A", {0, 0, NO, NO, 0}},
        signs_b = {"change one that signs Compact B only", {0, NO, NO, NO, 0}},
        withdrew = {"change one that withdrew from Compact A", {0, NO, NO, NO, 0}},
        council = {"change a council the coordinator added, signing Compact A", {0, NO, NO, NO, 0}},
        numbered = {"change one the coordinator added without an org-id, given one since",
                    {0, 0, NO, NO, 0}},
        taken = {"change one another added later with an org-id the coordinator's gave up",
                 {0, NO, NO, NO, 0}},
        rename = {"rename one the coordinator added", {0, 0, NO, NO, 0}},
        to_council = {"make one the coordinator added a council", {0, NO, NO, NO, 0}},
        moved = {"change one the coordinator added with another org-id than it has now",
                 {0, NO, NO, NO, 0}};
    struct organisation o_mine, o_theirs, o_signs_a, o_signs_b, o_withdrew, o_council, o_numbered,
        o_taken, after;
    struct organisation_draft give_id = {.org_id = "GB-CHC-7777777", .given = ORG_FIELD_ORG_ID},
                              let_go = {.org_id = "GB-CHC-6666666", .given = ORG_FIELD_ORG_ID},
                              name = {.name = "Renamed", .given = ORG_FIELD_NAME},
                              council_type = {.type = "council", .given = ORG_FIELD_TYPE};
    struct org_problem problems[ORG_PROBLEMS_MAX];
    char ref[24];
    size_t np;
    int got[WHO_COUNT];
    (void)state;

    add_org(&o_mine, "GB-CHC-1000001", "Mine", ORG_CHARITY, &coordinator);
    add_org(&o_theirs, "GB-CHC-1000002", "Theirs", ORG_CHARITY, &other_coordinator);
    add_org(&o_signs_a, "GB-CHC-1000003", "Signs A", ORG_CHARITY, &other_coordinator);
    add_org(&o_signs_b, "GB-CHC-1000004", "Signs B", ORG_CHARITY, &admin);
    add_org(&o_withdrew, "GB-CHC-1000005", "Withdrew", ORG_CHARITY, &other_coordinator);
    add_org(&o_council, NULL, "A Council", ORG_COUNCIL, &coordinator);
    add_org(&o_numbered, NULL, "Numbered", ORG_COMMUNITY_GROUP, &coordinator);
    sign(&o_signs_a, compact_a, NULL);
    sign(&o_signs_b, compact_b, NULL);
    sign(&o_withdrew, compact_a, "2013-04-01");
    sign(&o_council, compact_a, NULL);
    EACH(policy_organisation_edit(st, u, &o_mine, NULL));
    assert_decisions(&mine, got);
    /* the numbered group gets an org-id; "Mine" gives its org-id up, another coordinator's new
     * organisation takes it */
    snprintf(ref, sizeof(ref), "%lld", o_numbered.id);
    assert_int_equal(
        store_organisation_update(st, ref, &give_id, "cli", &arena, &o_numbered, problems, &np), 0);
    assert_int_equal(store_organisation_update(st, "GB-CHC-1000001", &let_go, "cli", &arena, &after,
                                               problems, &np),
                     0);
    add_org(&o_taken, "GB-CHC-1000001", "Taken", ORG_CHARITY, &other_coordinator);

    EACH(policy_organisation_create(u));
    assert_decisions(&create, got);
    EACH(policy_organisation_edit(st, u, &o_theirs, NULL));
    assert_decisions(&theirs, got);
    EACH(policy_organisation_edit(st, u, &o_signs_a, NULL));
    assert_decisions(&signs_a, got);
    EACH(policy_organisation_edit(st, u, &o_signs_b, NULL));
    assert_decisions(&signs_b, got);
    EACH(policy_organisation_edit(st, u, &o_withdrew, NULL));
    assert_decisions(&withdrew, got);
    EACH(policy_organisation_edit(st, u, &o_council, NULL));
    assert_decisions(&council, got);
    EACH(policy_organisation_edit(st, u, &o_numbered, NULL));
    assert_decisions(&numbered, got);
    EACH(policy_organisation_edit(st, u, &o_taken, NULL));
    assert_decisions(&taken, got);
    EACH(policy_organisation_edit(st, u, &o_numbered, &name));
    assert_decisions(&rename, got);
    EACH(policy_organisation_edit(st, u, &o_numbered, &council_type));
    assert_decisions(&to_council, got);
    /* the org-id "Mine" has now is in no 'create' entry: it is no longer the coordinator's by
     * that (it fails closed) */
    EACH(policy_organisation_edit(st, u, &after, NULL));
    assert_decisions(&moved, got);
}

static void test_activities(void **state)
{
    static const struct decision
        record_a = {"record for Compact A", {0, 0, 0, NO, 0}},
        record_b = {"record for Compact B", {0, NO, 0, NO, 0}},
        scope = {"record for some Compact", {0, 0, 0, NO, 0}},
        keep = {"keep an activity's organisation", {0, 0, 0, 0, 0}},
        move = {"move an activity to another organisation", {0, NO, NO, NO, 0}},
        clear = {"take an activity's organisation away", {0, NO, NO, NO, 0}},
        give = {"give an activity an organisation", {0, NO, NO, NO, 0}},
        see_a_x = {"see A's activity X's member recorded", {0, 0, 0, NO, 0}},
        see_a_y = {"see A's activity another organisation recorded", {0, 0, NO, NO, 0}},
        see_a_none = {"see A's activity a coordinator recorded", {0, 0, NO, NO, 0}},
        see_b_x = {"see B's activity X's member recorded", {0, NO, 0, NO, 0}},
        see_b_y = {"see B's activity another organisation recorded", {0, NO, NO, NO, 0}};
    const char *org[WHO_COUNT];
    long long coordinators[WHO_COUNT];
    int got[WHO_COUNT];
    (void)state;

    EACH(policy_activity_write(st, u, compact_a, &org[w]));
    assert_decisions(&record_a, got);
    EACH(policy_activity_write(st, u, compact_b, &org[w]));
    assert_decisions(&record_b, got);
    EACH(policy_activity_scope(u, &org[w], &coordinators[w]));
    assert_decisions(&scope, got);
    /* A member records as their own organisation, which then owns the activity; the others as
     * none. */
    assert_string_equal(org[MEMBER], ORG_X);
    assert_null(org[ADMIN]);
    assert_null(org[COORDINATOR]);
    assert_null(org[NOBODY]);
    assert_null(org[CLI]);
    /* ...on the Compacts a coordinator coordinates, the others' on any */
    assert_int_equal(coordinators[COORDINATOR], coordinator.id);
    assert_int_equal(coordinators[ADMIN], 0);
    assert_int_equal(coordinators[MEMBER], 0);
    assert_int_equal(coordinators[CLI], 0);
    /* Moving a recorded activity is an admin's, whoever may write it. */
    EACH(policy_activity_move(u, ORG_X, ORG_X));
    assert_decisions(&keep, got);
    EACH(policy_activity_move(u, NULL, NULL));
    assert_decisions(&keep, got);
    EACH(policy_activity_move(u, ORG_X, "GB-CHC-2222222"));
    assert_decisions(&move, got);
    EACH(policy_activity_move(u, ORG_X, "gb-chc-1111111"));
    assert_decisions(&move, got);
    EACH(policy_activity_move(u, ORG_X, NULL));
    assert_decisions(&clear, got);
    EACH(policy_activity_move(u, NULL, ORG_X));
    assert_decisions(&give, got);
    /* Seeing, changing and withdrawing one: by its Compact and the organisation that recorded
     * it (an org-id byte for byte, as recorded from the member's account). */
    EACH(policy_activity_see(st, u, compact_a, ORG_X));
    assert_decisions(&see_a_x, got);
    EACH(policy_activity_see(st, u, compact_a, "GB-CHC-2222222"));
    assert_decisions(&see_a_y, got);
    EACH(policy_activity_see(st, u, compact_a, "gb-chc-1111111"));
    assert_decisions(&see_a_y, got);
    EACH(policy_activity_see(st, u, compact_a, NULL));
    assert_decisions(&see_a_none, got);
    EACH(policy_activity_see(st, u, compact_b, ORG_X));
    assert_decisions(&see_b_x, got);
    EACH(policy_activity_see(st, u, compact_b, "GB-CHC-2222222"));
    assert_decisions(&see_b_y, got);
}

/* Raising a complaint, by object: this coordinator on their Compact, not on another; a member
 * on any Compact, as their own organisation only. */
static void test_cases(void **state)
{
    static const struct decision
        some_a = {"raise some complaint on Compact A", {0, 0, 0, NO, 0}},
        some_b = {"raise some complaint on Compact B", {0, NO, 0, NO, 0}},
        own_b = {"raise the member's organisation's complaint on Compact B", {0, NO, 0, NO, 0}},
        other_a = {"raise another organisation's complaint on Compact A", {0, 0, NO, NO, 0}},
        no_org_a = {"raise a complaint of an organisation without org-id on Compact A",
                    {0, 0, NO, NO, 0}};
    int got[WHO_COUNT];
    (void)state;

    EACH(policy_case_create(st, u, compact_a, NULL));
    assert_decisions(&some_a, got);
    EACH(policy_case_create(st, u, compact_b, NULL));
    assert_decisions(&some_b, got);
    EACH(policy_case_create(st, u, compact_b, "gb-chc-1111111"));
    assert_decisions(&own_b, got);
    EACH(policy_case_create(st, u, compact_a, "GB-CHC-2222222"));
    assert_decisions(&other_a, got);
    EACH(policy_case_create(st, u, compact_a, ""));
    assert_decisions(&no_org_a, got);
}

static void test_history(void **state)
{
    static const struct decision compact = {"read a Compact's history", {0, 0, 0, NO, 0}},
                                 organisation = {"read an organisation's history",
                                                 {0, 0, 0, NO, 0}},
                                 own = {"read the member's own account's history",
                                        {0, NO, 0, NO, 0}},
                                 token = {"read an API token's history", {0, NO, NO, NO, 0}},
                                 unknown = {"read the history of a kind there is not",
                                            {0, NO, NO, NO, 0}};
    int got[WHO_COUNT];
    (void)state;

    EACH(policy_audit_read(u, "compact", "1"));
    assert_decisions(&compact, got);
    EACH(policy_audit_read(u, "organisation", ORG_X));
    assert_decisions(&organisation, got);
    /* the member's address in another case: one's own account, whatever the case */
    EACH(policy_audit_read(u, "user", "Member@Example.org"));
    assert_decisions(&own, got);
    EACH(policy_audit_read(u, "api_token", "1"));
    assert_decisions(&token, got);
    EACH(policy_audit_read(u, "grant", "1"));
    assert_decisions(&unknown, got);
#undef EACH
}

static void test_actor(void **state)
{
    char who[ACTOR_MAX];
    struct user big = {.id = -9223372036854775807LL - 1, .role = ROLE_ADMIN};
    (void)state;

    assert_string_equal(actor_name(&coordinator, who), "user:2");
    assert_string_equal(actor_name(NULL, who), "cli");
    assert_string_equal(actor_name(&big, who), "user:-9223372036854775808");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compacts),   cmocka_unit_test(test_organisations),
        cmocka_unit_test(test_activities), cmocka_unit_test(test_history),
        cmocka_unit_test(test_actor),      cmocka_unit_test(test_home),
        cmocka_unit_test(test_survey),     cmocka_unit_test(test_cases),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
