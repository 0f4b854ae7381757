/*
 * The access policy by object, on :memory:: an admin, a coordinator of Compact A who does not
 * coordinate Compact B, a member of organisation X, nobody signed in, and the command line.
 * Each decision is asserted for each of them and each object.
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
#include "base/err.h"

#define ORG_X "GB-CHC-1111111"

static struct store *st;
static struct user admin, coordinator, member, nobody;
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
    if (store_open(":memory:", STORE_CREATE, &st) || store_migrate(st, NULL, NULL)) {
        return -1;
    }
    add_user(&admin, "admin@example.org", ROLE_ADMIN, NULL);
    add_user(&coordinator, "coordinator@example.org", ROLE_COORDINATOR, NULL);
    add_user(&member, "member@example.org", ROLE_MEMBER, ORG_X);
    nobody = (struct user){.role = ROLE_PUBLIC};
    compact_a = add_compact("Compact A", coordinator.id);
    compact_b = add_compact("Compact B", 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
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

#define EACH(expr)                                                                                 \
    for (int w = 0; w < WHO_COUNT; w++) {                                                          \
        const struct user *u = person(w);                                                          \
        got[w] = (expr);                                                                           \
    }
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

static void test_organisations(void **state)
{
    static const struct decision edit = {"add or change an organisation", {0, 0, NO, NO, 0}};
    int got[WHO_COUNT];
    (void)state;

    EACH(policy_organisation_edit(u));
    assert_decisions(&edit, got);
}

static void test_activities(void **state)
{
    static const struct decision record_a = {"record for Compact A", {0, 0, 0, NO, 0}},
                                 record_b = {"record for Compact B", {0, 0, 0, NO, 0}},
                                 record_any = {"record for some Compact", {0, 0, 0, NO, 0}};
    const char *org[WHO_COUNT];
    int got[WHO_COUNT];
    (void)state;

    EACH(policy_activity_write(st, u, compact_a, &org[w]));
    assert_decisions(&record_a, got);
    EACH(policy_activity_write(st, u, compact_b, &org[w]));
    assert_decisions(&record_b, got);
    EACH(policy_activity_write(st, u, 0, &org[w]));
    assert_decisions(&record_any, got);
    /* A member records for their own organisation only; the others name any (or none). */
    assert_string_equal(org[MEMBER], ORG_X);
    assert_null(org[ADMIN]);
    assert_null(org[COORDINATOR]);
    assert_null(org[NOBODY]);
    assert_null(org[CLI]);
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
        cmocka_unit_test(test_actor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
