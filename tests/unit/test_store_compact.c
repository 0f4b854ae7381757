/*
 * Compacts in the store on :memory:: add, get, the lists with their filters and order, changes,
 * statuses, parameters, the review date (computed in C only) and the refusals.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <cmocka.h>

#include "store_backend.h"

#include "store/store.h"
#include "store/store_int.h"
#include "base/err.h"

static struct store *st;
static struct arena arena;
static char db_uri[1024]; /* st's: a second connection to the same database */

static int setup(void **state)
{
    (void)state;
    arena_init(&arena);
    snprintf(db_uri, sizeof(db_uri), "%s", test_db_uri());
    if (store_open(db_uri, STORE_CREATE, &st) || store_migrate(st, NULL, NULL)) {
        return -1;
    }
    /* Trafford and Salford (North West), Buckinghamshire and one of its districts (South
     * East); Trafford once had another code */
    return db_exec(
        st->db,
        "INSERT INTO authority (gss, code, name, official_name, type, county_gss, region, sets) "
        "VALUES ('E08000009', 'TRF', 'Trafford', 'Trafford Metropolitan Borough Council', "
        "'metropolitan_district', NULL, 'North West', 3), "
        "('E08000006', 'SLF', 'Salford', 'Salford City Council', 'metropolitan_district', NULL, "
        "'North West', 3), "
        "('E10000002', 'BKM', 'Buckinghamshire', 'Buckinghamshire County Council', 'county', "
        "NULL, 'South East', 1), "
        "('E07000004', 'AYL', 'Aylesbury Vale', 'Aylesbury Vale District Council', 'district', "
        "'E10000002', 'South East', 1); "
        "INSERT INTO authority_alias (alias, gss) VALUES ('E08000099', 'E08000009'); "
        "INSERT INTO \"user\" (id, email, name, role, created_at) VALUES "
        "(7, 'coord@example.org', 'Coordinator', 'coordinator', 'x')");
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    arena_release(&arena);
    return 0;
}

static date_t day(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static const char *text(date_t d)
{
    char *s = arena_alloc(&arena, DATE_STRLEN + 1);
    if (!d) {
        return "none";
    }
    date_format(d, s);
    return s;
}

/* A Compact of authority gss, in the given status since 2010-01-01, with the dates given
 * ("" for none). */
static long long add(const char *name, const char *gss, enum compact_status status,
                     const char *adopted, const char *refreshed, const char *review_due)
{
    struct compact_new c = {.name = name,
                            .authorities = {gss},
                            .nauthorities = 1,
                            .status = status,
                            .status_date = "2010-01-01"};
    const char *bad;
    long long id;

    c.adopted = *adopted ? day(adopted) : 0;
    c.refreshed = *refreshed ? day(refreshed) : 0;
    c.review_due = *review_due ? day(review_due) : 0;
    assert_int_equal(store_compact_add(st, &c, "cli", &id, &bad), 0);
    assert_null(bad);
    assert_true(id > 0);
    return id;
}

/* The listed summary of Compact id, judged on today. */
static struct compact_summary summary(long long id, const char *today)
{
    struct compact_filter f = {.today = day(today), .status = -1, .region = -1};
    struct compact_summary *items;
    size_t n;

    assert_int_equal(store_compact_list(st, &f, &arena, &items, &n), 0);
    for (size_t i = 0; i < n; i++) {
        if (items[i].id == id) {
            return items[i];
        }
    }
    fail_msg("Compact %lld is not listed", id);
    return items[0];
}

static const char *review_due(long long id)
{
    return text(summary(id, "2020-01-01").review_due);
}

static size_t audits(long long id)
{
    struct audit_entry *items;
    char entity[24];
    size_t n;
    snprintf(entity, sizeof(entity), "%lld", id);
    assert_int_equal(store_audit_list(st, "compact", entity, &arena, &items, &n), 0);
    return n;
}

static void test_add_get_and_refusals(void **state)
{
    struct compact_new c = {.name = "Trafford Compact",
                            .authorities = {"E08000099", "E08000006"}, /* a former code */
                            .nauthorities = 2,
                            .status = COMPACT_ACTIVE,
                            .status_date = "2011-04-01",
                            .document_url = "https://example.org/compact.pdf",
                            .contacts = {{"Ann Other", "Chair", "ann@example.org", NULL}},
                            .ncontacts = 1,
                            .coordinator_id = 7};
    struct compact_entry e;
    const char *bad;
    size_t bad_item;
    long long id, id2;
    (void)state;
    c.adopted = day("2011-03-15");
    assert_int_equal(store_compact_add(st, &c, "user:1", &id, &bad), 0);
    assert_int_equal(store_compact_get(st, id, &arena, &e), 0);
    assert_string_equal(e.name, "Trafford Compact");
    assert_int_equal(e.nauthorities, 2); /* by name: Salford, Trafford (its current code) */
    assert_string_equal(e.authorities[0].gss, "E08000006");
    assert_string_equal(e.authorities[1].gss, "E08000009");
    assert_int_equal(e.nstatuses, 1);
    assert_int_equal(e.statuses[0].status, COMPACT_ACTIVE);
    assert_string_equal(text(e.statuses[0].date), "2011-04-01");
    assert_string_equal(text(e.adopted), "2011-03-15");
    assert_int_equal(e.refreshed, 0);
    assert_int_equal(e.review_set, 0);
    assert_string_equal(e.document_url, "https://example.org/compact.pdf");
    assert_int_equal(e.ncontacts, 1);
    assert_string_equal(e.contacts[0].email, "ann@example.org");
    assert_null(e.contacts[0].phone);
    assert_int_equal(e.ncoordinators, 1);
    assert_string_equal(e.coordinators[0], "coord@example.org");
    assert_int_equal(store_compact_is_coordinator(st, id, 7), 0);
    assert_int_equal(store_compact_is_coordinator(st, id, 8), ERR_NOT_FOUND);
    assert_int_equal(audits(id), 1);
    /* an unknown code names itself, and nothing is stored */
    c.authorities[1] = "E99999999";
    assert_int_equal(store_compact_add(st, &c, "user:1", &id2, &bad), ERR_NOT_FOUND);
    assert_string_equal(bad, "E99999999");
    assert_int_equal(id2, 0);
    assert_int_equal(store_compact_get(st, id + 1, &arena, &e), ERR_NOT_FOUND);
    /* many at once: all or none */
    c.authorities[1] = "E08000006";
    {
        struct compact_new two[2] = {c, c};
        two[1].authorities[0] = "nowhere";
        assert_int_equal(store_compact_add_many(st, two, 2, "cli", &bad_item, &bad), ERR_NOT_FOUND);
        assert_int_equal(bad_item, 1);
        assert_string_equal(bad, "nowhere");
        assert_int_equal(store_compact_get(st, id + 1, &arena, &e), ERR_NOT_FOUND);
    }
}

static void test_review_due_is_six_years_on_or_the_date_set(void **state)
{
    long long leap, later, set, none;
    (void)state;
    /* 29 February gives 28 February: six years on is never a leap year */
    leap = add("Leap Compact", "E08000009", COMPACT_ACTIVE, "2016-02-29", "", "");
    assert_string_equal(review_due(leap), "2022-02-28");
    /* the later of adopted and refreshed */
    later = add("Later Compact", "E08000009", COMPACT_ACTIVE, "2010-05-31", "2013-08-31", "");
    assert_string_equal(review_due(later), "2019-08-31");
    /* a date set wins */
    set = add("Set Compact", "E08000009", COMPACT_ACTIVE, "2010-05-31", "", "2012-01-15");
    assert_string_equal(review_due(set), "2012-01-15");
    none = add("Undated Compact", "E08000009", COMPACT_ACTIVE, "", "", "");
    assert_string_equal(review_due(none), "none");
    /* the list agrees with core's rule */
    assert_int_equal(summary(leap, "2020-01-01").review_due,
                     compact_review_due(day("2016-02-29"), 0, 0));
    /* kept right after a migration: every Compact's date filled again from its dates */
    assert_int_equal(db_exec(st->db, "UPDATE compact SET review_due_on = NULL"), DB_OK);
    assert_string_equal(review_due(leap), "none");
    assert_int_equal(store_compact_review_fill(st), 0);
    assert_string_equal(review_due(leap), "2022-02-28");
    assert_string_equal(review_due(later), "2019-08-31");
    assert_string_equal(review_due(set), "2012-01-15");
    assert_string_equal(review_due(none), "none");
}

/* Whether the overdue filter lists exactly those the summaries call overdue, on today. */
static size_t overdue_on(const char *today)
{
    struct compact_filter all = {.today = day(today), .status = -1, .region = -1};
    struct compact_filter overdue = all;
    struct compact_summary *items, *late;
    size_t n, nlate, flagged = 0, counted;

    overdue.overdue = 1;
    assert_int_equal(store_compact_list(st, &all, &arena, &items, &n), 0);
    assert_int_equal(store_compact_list(st, &overdue, &arena, &late, &nlate), 0);
    assert_int_equal(store_compact_count(st, &overdue, &counted), 0);
    assert_int_equal(counted, nlate);
    for (size_t i = 0; i < n; i++) {
        int listed = 0;
        for (size_t j = 0; j < nlate; j++) {
            listed |= late[j].id == items[i].id;
        }
        assert_int_equal(listed, items[i].review_overdue);
        flagged += (size_t)items[i].review_overdue;
    }
    assert_int_equal(flagged, nlate);
    return nlate;
}

static void test_overdue(void **state)
{
    long long leap = add("Overdue Leap", "E08000006", COMPACT_ACTIVE, "2004-02-29", "", "");
    long long dormant = add("Dormant", "E08000006", COMPACT_INACTIVE, "2000-01-01", "", "");
    size_t before;
    (void)state;
    /* due 2010-02-28: not overdue that day, overdue the next */
    before = overdue_on("2010-02-28");
    assert_false(summary(leap, "2010-02-28").review_overdue);
    assert_int_equal(overdue_on("2010-03-01"), before + 1);
    assert_true(summary(leap, "2010-03-01").review_overdue);
    /* an inactive Compact is no longer reviewed, long past its date */
    assert_string_equal(text(summary(dormant, "2010-03-01").review_due), "2006-01-01");
    assert_false(summary(dormant, "2010-03-01").review_overdue);
    assert_true(overdue_on("2030-01-01") > before + 1);
}

static void test_lists_filter_and_order(void **state)
{
    struct compact_filter f = {.today = day("2020-01-01"), .status = -1, .region = -1};
    struct compact_new two = {.name = "Gamma",
                              .authorities = {"E08000009", "E08000006"}, /* Trafford, Salford */
                              .nauthorities = 2,
                              .status = COMPACT_ACTIVE,
                              .status_date = "2010-01-01"};
    struct compact_summary *items;
    size_t n, total, counted, seen = 0;
    long long last = 0, id, was;
    const char *bad;
    (void)state;
    add("alpha lower", "E07000004", COMPACT_IN_DEVELOPMENT, "", "", "");
    add("ALPHA upper", "E10000002", COMPACT_ACTIVE, "", "", "");
    add("Beta", "E10000002", COMPACT_ACTIVE, "", "", "");
    assert_int_equal(store_compact_count(st, &f, &total), 0);
    /* by name in any case, then number */
    f.by_name = 1;
    assert_int_equal(store_compact_list(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, total);
    for (size_t i = 1; i < n; i++) {
        int order = strcasecmp(items[i - 1].name, items[i].name);
        assert_true(order < 0 || (order == 0 && items[i - 1].id < items[i].id));
    }
    /* by number in pages */
    f.by_name = 0;
    f.limit = 2;
    do {
        assert_int_equal(store_compact_list(st, &f, &arena, &items, &n), 0);
        for (size_t i = 0; i < n; i++) {
            assert_true(items[i].id > last);
            last = items[i].id;
        }
        seen += n;
        f.after = last;
    } while (n == f.limit);
    assert_int_equal(seen, total);
    /* the API's pages with their total: one statement, one more only for an empty page */
    f.after = 0;
    was = db_statements(st->db);
    assert_int_equal(store_compact_page(st, &f, &arena, &items, &n, &counted), 0);
    assert_int_equal(db_statements(st->db), was + 1);
    assert_int_equal(n, 2);
    assert_int_equal(counted, total);
    f.after = last;
    assert_int_equal(store_compact_page(st, &f, &arena, &items, &n, &counted), 0);
    assert_int_equal(n, 0);
    assert_int_equal(counted, total);
    assert_int_equal(db_statements(st->db), was + 3);
    f.after = 0;
    f.q = "alpha";
    assert_int_equal(store_compact_page(st, &f, &arena, &items, &n, &counted), 0);
    assert_int_equal(n, 2);
    assert_int_equal(counted, 2);
    f.limit = 1;
    assert_int_equal(store_compact_page(st, &f, &arena, &items, &n, &counted), 0);
    assert_int_equal(n, 1);
    assert_int_equal(counted, 2);
    f = (struct compact_filter){.today = day("2020-01-01"), .status = -1, .region = -1};
    /* a name in any case, an authority's name, a (former) code */
    f.q = "ALPHA";
    assert_int_equal(store_compact_count(st, &f, &n), 0);
    assert_int_equal(n, 2);
    f.q = "aylesbury";
    assert_int_equal(store_compact_count(st, &f, &n), 0);
    assert_int_equal(n, 1);
    f.q = "e08000099";
    assert_int_equal(store_compact_list(st, &f, &arena, &items, &n), 0);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(strstr(items[i].authorities, "Trafford"));
    }
    /* each Compact's authorities' names, by name, joined by "; ", on both engines alike */
    assert_int_equal(store_compact_add(st, &two, "user:1", &id, &bad), 0);
    for (f.by_name = 0; f.by_name < 2; f.by_name++) {
        f.q = "Gamma";
        assert_int_equal(store_compact_list(st, &f, &arena, &items, &n), 0);
        assert_int_equal(n, 1);
        assert_string_equal(items[0].authorities, "Salford; Trafford");
        f.q = "Beta";
        assert_int_equal(store_compact_list(st, &f, &arena, &items, &n), 0);
        assert_int_equal(n, 1);
        assert_string_equal(items[0].authorities, "Buckinghamshire");
    }
    f.by_name = 0;
    /* status on the day, region, an authority directly or through its county */
    f.q = NULL;
    f.status = COMPACT_IN_DEVELOPMENT;
    assert_int_equal(store_compact_list(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].name, "alpha lower");
    assert_string_equal(text(items[0].since), "2010-01-01");
    f.today = day("2009-12-31"); /* before its first status: none */
    f.status = -1;
    f.q = "alpha lower";
    assert_int_equal(store_compact_list(st, &f, &arena, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].status, -1);
    f = (struct compact_filter){.today = day("2020-01-01"), .status = -1, .region = 7};
    assert_int_equal(store_compact_count(st, &f, &n), 0); /* South East */
    assert_int_equal(n, 3);
    f.region = -1;
    f.authority = "E07000004"; /* its own and its county's */
    assert_int_equal(store_compact_count(st, &f, &n), 0);
    assert_int_equal(n, 3);
}

static void test_patch(void **state)
{
    long long id = add("Patch Compact", "E08000009", COMPACT_ACTIVE, "2012-02-29", "", "");
    struct compact_patch p = {.fields = PATCH_NAME | PATCH_REFRESHED, .name = "Patched Compact"};
    struct compact_entry e;
    const char *field, *why;
    (void)state;
    p.refreshed = day("2014-06-30");
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why), 0);
    assert_int_equal(store_compact_get(st, id, &arena, &e), 0);
    assert_string_equal(e.name, "Patched Compact");
    assert_string_equal(text(e.adopted), "2012-02-29"); /* kept */
    assert_string_equal(review_due(id), "2020-06-30");
    assert_int_equal(audits(id), 2);
    /* a review date set, then cleared again */
    p = (struct compact_patch){.fields = PATCH_REVIEW_DUE, .review_due = day("2019-01-01")};
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why), 0);
    assert_string_equal(review_due(id), "2019-01-01");
    p.review_due = 0;
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why), 0);
    assert_string_equal(review_due(id), "2020-06-30");
    /* refusals change nothing */
    p = (struct compact_patch){.fields = PATCH_REVIEW_DUE, .review_due = day("2021-01-01")};
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why), ERR_INVALID);
    assert_string_equal(field, "review_due");
    assert_non_null(why);
    p = (struct compact_patch){.fields = PATCH_AUTHORITIES | PATCH_NAME, .name = "Gone"};
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why), ERR_INVALID);
    assert_string_equal(field, "authorities");
    p = (struct compact_patch){
        .fields = PATCH_AUTHORITIES, .authorities = {"E08000009", "E00000000"}, .nauthorities = 2};
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why),
                     ERR_NOT_FOUND);
    assert_string_equal(field, "authorities.1");
    p = (struct compact_patch){
        .fields = PATCH_COORDINATORS, .coordinators = {"nobody@example.org"}, .ncoordinators = 1};
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why),
                     ERR_NOT_FOUND);
    assert_string_equal(field, "coordinators.0");
    p = (struct compact_patch){.fields = PATCH_CODES, .codes_remove = {999}, .ncodes_remove = 1};
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why),
                     ERR_NOT_FOUND);
    assert_string_equal(field, "codes.remove.0");
    assert_int_equal(store_compact_get(st, id, &arena, &e), 0);
    assert_string_equal(e.name, "Patched Compact");
    assert_int_equal(e.nauthorities, 1);
    assert_string_equal(review_due(id), "2020-06-30");
    assert_int_equal(audits(id), 4);
    /* no such Compact */
    p = (struct compact_patch){.fields = PATCH_NAME, .name = "X"};
    assert_int_equal(store_compact_patch(st, 9999, &p, "user:2", &arena, &field, &why),
                     ERR_NOT_FOUND);
    assert_null(field);
}

/* The authorities' names a list shows of id on 2020-01-01, "" for none. */
static const char *names(long long id)
{
    const char *s = summary(id, "2020-01-01").authorities;
    return s ? s : "";
}

/* Each Compact's authorities' names are kept with it (migration 19): every way they can change
 * moves them, on both engines alike, and a write rolled back moves nothing. */
static void test_list_names_follow_every_write(void **state)
{
    long long id = add("Names Compact", "E08000009", COMPACT_ACTIVE, "", "", "");
    struct compact_patch p = {
        .fields = PATCH_AUTHORITIES, .authorities = {"E08000009", "E08000006"}, .nauthorities = 2};
    const char *field, *why;
    char sql[160];
    (void)state;

    assert_string_equal(names(id), "Trafford");
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why), 0);
    assert_string_equal(names(id), "Salford; Trafford");
    /* a patch refused changes nothing */
    p.authorities[1] = "E00000000";
    assert_int_equal(store_compact_patch(st, id, &p, "user:2", &arena, &field, &why),
                     ERR_NOT_FOUND);
    assert_string_equal(names(id), "Salford; Trafford");
    /* a rename, which moves the name in the order; the register written again as it is */
    assert_int_equal(
        store_exec(st, "UPDATE authority SET name = 'Worsley' WHERE gss = 'E08000006'"), 0);
    assert_string_equal(names(id), "Trafford; Worsley");
    assert_int_equal(
        store_exec(st, "UPDATE authority SET name = 'Salford' WHERE gss = 'E08000006'"), 0);
    assert_int_equal(store_exec(st, "UPDATE authority SET name = name"), 0);
    assert_string_equal(names(id), "Salford; Trafford");
    /* a row of the Compact's authorities moved to another authority, then to another Compact */
    snprintf(sql, sizeof(sql),
             "UPDATE compact_authority SET gss = 'E10000002' WHERE compact_id = %lld AND "
             "gss = 'E08000006'",
             id);
    assert_int_equal(store_exec(st, sql), 0);
    assert_string_equal(names(id), "Buckinghamshire; Trafford");
    long long other = add("Names Other", "E08000006", COMPACT_ACTIVE, "", "", "");
    snprintf(sql, sizeof(sql),
             "UPDATE compact_authority SET compact_id = %lld WHERE compact_id = %lld AND "
             "gss = 'E10000002'",
             other, id);
    assert_int_equal(store_exec(st, sql), 0);
    assert_string_equal(names(id), "Trafford");
    assert_string_equal(names(other), "Buckinghamshire; Salford");
    /* all gone, in a write rolled back, then in one kept */
    snprintf(sql, sizeof(sql), "DELETE FROM compact_authority WHERE compact_id = %lld", id);
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_exec(st, sql), 0);
    assert_int_equal(store_end(st, ERR_INVALID), ERR_INVALID);
    assert_string_equal(names(id), "Trafford");
    assert_int_equal(store_exec(st, sql), 0);
    assert_string_equal(names(id), "");
}

static void test_statuses(void **state)
{
    long long id = add("Status Compact", "E08000006", COMPACT_IN_DEVELOPMENT, "", "", "");
    struct compact_entry e;
    (void)state;
    assert_int_equal(store_compact_status_add(st, id, COMPACT_ACTIVE, day("2012-05-01"), "user:3"),
                     0);
    assert_int_equal(summary(id, "2012-04-30").status, COMPACT_IN_DEVELOPMENT);
    assert_int_equal(summary(id, "2012-05-01").status, COMPACT_ACTIVE);
    assert_string_equal(text(summary(id, "2013-01-01").since), "2012-05-01");
    /* only after the last change */
    assert_int_equal(
        store_compact_status_add(st, id, COMPACT_INACTIVE, day("2012-05-01"), "user:3"),
        ERR_INVALID);
    assert_int_equal(
        store_compact_status_add(st, 9999, COMPACT_INACTIVE, day("2015-01-01"), "user:3"),
        ERR_NOT_FOUND);
    assert_int_equal(store_compact_get(st, id, &arena, &e), 0);
    assert_int_equal(e.nstatuses, 2);
    assert_int_equal(audits(id), 2);
}

/* Each Compact's last status change is kept with it (migration 20): a list's state on a day is
 * that change's from its day on, and the one before it looked up on the days before; every kind
 * of write moves it, on both engines alike, and a write rolled back moves nothing. */
static void test_list_state_follows_every_write(void **state)
{
    long long id = add("State Compact", "E08000006", COMPACT_IN_DEVELOPMENT, "", "", "");
    char sql[160];
    (void)state;

    assert_int_equal(store_compact_status_add(st, id, COMPACT_ACTIVE, day("2030-01-01"), "user:3"),
                     0);
    assert_int_equal(summary(id, "2030-01-01").status, COMPACT_ACTIVE);
    assert_string_equal(text(summary(id, "2031-06-01").since), "2030-01-01");
    assert_int_equal(summary(id, "2029-12-31").status, COMPACT_IN_DEVELOPMENT);
    assert_string_equal(text(summary(id, "2029-12-31").since), "2010-01-01");
    assert_int_equal(summary(id, "2009-12-31").status, -1);
    assert_string_equal(text(summary(id, "2009-12-31").since), "none");
    /* a change moved, in a write rolled back, then in one kept */
    snprintf(sql, sizeof(sql),
             "UPDATE compact_status SET date = '2011-05-05' WHERE compact_id = %lld AND "
             "date = '2030-01-01'",
             id);
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_exec(st, sql), 0);
    assert_int_equal(store_end(st, ERR_INVALID), ERR_INVALID);
    assert_int_equal(summary(id, "2020-01-01").status, COMPACT_IN_DEVELOPMENT);
    assert_int_equal(store_exec(st, sql), 0);
    assert_int_equal(summary(id, "2020-01-01").status, COMPACT_ACTIVE);
    assert_string_equal(text(summary(id, "2020-01-01").since), "2011-05-05");
    /* the last change deleted: the one before is the last */
    snprintf(sql, sizeof(sql),
             "DELETE FROM compact_status WHERE compact_id = %lld AND date = '2011-05-05'", id);
    assert_int_equal(store_exec(st, sql), 0);
    assert_int_equal(summary(id, "2020-01-01").status, COMPACT_IN_DEVELOPMENT);
    assert_string_equal(text(summary(id, "2020-01-01").since), "2010-01-01");
    snprintf(sql, sizeof(sql), "DELETE FROM compact_status WHERE compact_id = %lld", id);
    assert_int_equal(store_exec(st, sql), 0);
    assert_int_equal(summary(id, "2020-01-01").status, -1);
}

/* A write of its own on a second connection, script run whole (it waits for the first's locks). */
struct racer {
    const char *sql;
    int ret;
    char why[256];
};

static void *race(void *arg)
{
    struct racer *w = arg;
    struct store *other;

    w->ret = store_open(db_uri, 0, &other);
    if (w->ret == 0) {
        if ((w->ret = db_exec(other->db, w->sql)) != 0) {
            snprintf(w->why, sizeof(w->why), "%s", db_errmsg(other->db));
        }
        store_close(other);
    }
    return NULL;
}

/* first (left open on this connection) and then second, on another, at once, both READ
 * COMMITTED as psql's writes are: second waits for first, which is committed after 300 ms. */
static void race_two(const char *first, const char *second)
{
    struct racer w = {.sql = second, .ret = -1};
    struct timespec wait = {0, 300 * 1000 * 1000};
    pthread_t t;
    char sql[256];

    snprintf(sql, sizeof(sql), "BEGIN ISOLATION LEVEL READ COMMITTED; %s", first);
    if (db_exec(st->db, sql) != 0) {
        fail_msg("%s: %s", sql, db_errmsg(st->db));
    }
    assert_int_equal(pthread_create(&t, NULL, race, &w), 0);
    nanosleep(&wait, NULL);
    assert_int_equal(db_exec(st->db, "COMMIT"), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    if (w.ret != 0) {
        fail_msg("%s: %d %s", second, w.ret, w.why);
    }
}

/* On PostgreSQL, two writers at once outside SERIALIZABLE cannot leave a kept value stale: each
 * trigger works it out only once it holds the Compact's row (found by review: the later writer
 * kept what it had seen before the earlier one committed). */
static void test_kept_values_hold_under_writers_at_once(void **state)
{
    long long id = add("Race Compact", "E08000009", COMPACT_ACTIVE, "", "", "");
    char first[160], second[200];
    (void)state;
    if (db_kind(st->db) != DB_PG) {
        skip();
    }
    snprintf(first, sizeof(first),
             "INSERT INTO compact_status (compact_id, status, date) VALUES (%lld, 'inactive', "
             "'2026-01-01')",
             id);
    snprintf(second, sizeof(second),
             "BEGIN ISOLATION LEVEL READ COMMITTED; INSERT INTO compact_status (compact_id, "
             "status, date) VALUES (%lld, 'in_development', '2025-06-01'); COMMIT",
             id);
    race_two(first, second);
    assert_int_equal(summary(id, "2027-01-01").status, COMPACT_INACTIVE);
    assert_string_equal(text(summary(id, "2027-01-01").since), "2026-01-01");
    snprintf(first, sizeof(first),
             "INSERT INTO compact_authority (compact_id, gss) VALUES (%lld, 'E08000006')", id);
    snprintf(second, sizeof(second),
             "BEGIN ISOLATION LEVEL READ COMMITTED; INSERT INTO compact_authority (compact_id, "
             "gss) VALUES (%lld, 'E10000002'); COMMIT",
             id);
    race_two(first, second);
    assert_string_equal(names(id), "Buckinghamshire; Salford; Trafford");
    /* a rename, and its authority added to the Compact at once */
    snprintf(second, sizeof(second),
             "BEGIN ISOLATION LEVEL READ COMMITTED; INSERT INTO compact_authority (compact_id, "
             "gss) VALUES (%lld, 'E07000004'); COMMIT",
             id);
    race_two("UPDATE authority SET name = 'Vale of Aylesbury' WHERE gss = 'E07000004'", second);
    assert_string_equal(names(id), "Buckinghamshire; Salford; Trafford; Vale of Aylesbury");
    assert_int_equal(
        store_exec(st, "UPDATE authority SET name = 'Aylesbury Vale' WHERE gss = 'E07000004'"), 0);
}

static void test_params(void **state)
{
    long long id = add("Params Compact", "E08000006", COMPACT_ACTIVE, "", "", "");
    struct param_set ps = {{0}}, got;
    struct compact_entry e;
    const char *numbers[RULE_COUNT], *paraphrases[RULE_COUNT];
    long long was;
    char ref[24];
    (void)state;
    snprintf(ref, sizeof(ref), "%lld", id);
    assert_int_equal(store_compact_params(st, ref, &got), 0);
    for (int p = 0; p < PARAM_COUNT; p++) {
        assert_false(got.set[p]);
    }
    ps.set[PARAM_CONSULTATION_WEEKS] = 1;
    ps.value[PARAM_CONSULTATION_WEEKS] = 8;
    ps.set[PARAM_MIN_TENDER_DAYS] = 1;
    ps.value[PARAM_MIN_TENDER_DAYS] = 30;
    assert_int_equal(store_compact_set_params(st, id, &ps, NULL, "user:4"), 0);
    assert_int_equal(store_compact_params(st, ref, &got), 0);
    assert_true(got.set[PARAM_CONSULTATION_WEEKS]);
    assert_int_equal(got.value[PARAM_CONSULTATION_WEEKS], 8);
    assert_int_equal(got.value[PARAM_MIN_TENDER_DAYS], 30);
    assert_false(got.set[PARAM_FEEDBACK_WEEKS]);
    assert_int_equal(store_compact_get(st, id, &arena, &e), 0);
    assert_int_equal(e.params.value[PARAM_MIN_TENDER_DAYS], 30);
    assert_int_equal(store_compact_params(st, "9999", &got), ERR_NOT_FOUND);
    assert_int_equal(store_compact_params(st, "abc", &got), ERR_NOT_FOUND);
    /* a check's reads: the same parameters with the rules' numbers, in one statement */
    was = db_statements(st->db);
    assert_int_equal(store_check_reads(st, ref, &got, &arena, numbers, paraphrases), 0);
    assert_int_equal(db_statements(st->db), was + 1);
    assert_memory_equal(&got, &e.params, sizeof(got));
    assert_int_equal(store_check_reads(st, "9999", &got, &arena, numbers, paraphrases),
                     ERR_NOT_FOUND);
    assert_int_equal(store_check_reads(st, "abc", &got, &arena, numbers, paraphrases),
                     ERR_NOT_FOUND);
    assert_int_equal(store_compact_set_params(st, 9999, &ps, NULL, "user:4"), ERR_NOT_FOUND);
    assert_int_equal(audits(id), 2);
}

/* A Compact's page reads its entry, every list and its signatories in one statement, as the
 * separate reads give them. */
static void test_entry_with_signatories_in_one_statement(void **state)
{
    struct compact_new c = {.name = "Whole Compact",
                            .authorities = {"E10000002", "E08000009"},
                            .nauthorities = 2,
                            .status = COMPACT_IN_DEVELOPMENT,
                            .status_date = "2010-01-01",
                            .document_url = "https://example.org/whole.pdf",
                            .contacts = {{"Bea", "Chair", NULL, "0161"}, {"Al", NULL, "al@x.org"}},
                            .ncontacts = 2,
                            .coordinator_id = 7,
                            .demo = 1};
    struct compact_patch p = {.fields = PATCH_CODES,
                              .codes_add = {{0, "Funding", "On funding", NULL},
                                            {0, "Volunteering", NULL, "https://example.org/v"}},
                              .ncodes_add = 2};
    struct param_set ps = {{0}};
    static const char *const orgs[3] = {"Zed Trust", "Alpha Group", "Mid Forum"};
    struct compact_entry e, whole;
    struct compact_shown shown;
    struct signatory *list, *sigs;
    const char *bad, *field, *why;
    long long id, sid, was;
    size_t n, nsigs;
    (void)state;
    c.adopted = day("2010-06-01");
    assert_int_equal(store_compact_add(st, &c, "cli", &id, &bad), 0);
    assert_int_equal(store_compact_status_add(st, id, COMPACT_ACTIVE, day("2011-01-01"), "cli"), 0);
    assert_int_equal(store_compact_patch(st, id, &p, "cli", &arena, &field, &why), 0);
    ps.set[PARAM_NOTICE_MONTHS] = 1;
    ps.value[PARAM_NOTICE_MONTHS] = 6;
    assert_int_equal(store_compact_set_params(st, id, &ps, NULL, "cli"), 0);
    /* a second coordinator, who sorts after the first whatever the case ("D" < "c" in bytes) */
    assert_int_equal(db_exec(st->db, "INSERT INTO \"user\" (id, email, name, role, created_at) "
                                     "VALUES (8, 'Dean@example.org', 'Dean', 'coordinator', 'x')"),
                     DB_OK);
    p = (struct compact_patch){.fields = PATCH_COORDINATORS,
                               .coordinators = {"Dean@example.org", "coord@example.org"},
                               .ncoordinators = 2};
    assert_int_equal(store_compact_patch(st, id, &p, "cli", &arena, &field, &why), 0);
    for (int i = 0; i < 3; i++) { /* the first withdraws; the others signed on one day */
        struct organisation o = {.name = orgs[i], .sector = SECTOR_VCS, .type = ORG_CHARITY};
        struct signatory_new sn = {.compact_id = id, .role = "Chair"};
        char ref[24];
        assert_int_equal(store_organisation_add(st, &o, "cli", &sid), 0);
        snprintf(ref, sizeof(ref), "%lld", sid);
        sn.organisation = ref;
        sn.signed_on = day(i == 0 ? "2011-05-01" : "2011-03-01");
        assert_int_equal(store_signatory_add(st, &sn, "cli", &sid, &bad), 0);
        if (i == 0) {
            assert_int_equal(store_signatory_withdraw(st, id, sid, day("2012-01-01"), "cli"), 0);
        }
    }
    assert_int_equal(store_compact_get(st, id, &arena, &e), 0);
    assert_int_equal(store_signatory_list(st, id, &arena, &list, &n), 0);
    was = db_statements(st->db);
    assert_int_equal(store_compact_shown(st, id, &arena, &shown), 0);
    assert_int_equal(db_statements(st->db), was + 1);
    whole = shown.entry;
    sigs = shown.signatories;
    nsigs = shown.nsignatories;
    /* the same entry */
    assert_int_equal(whole.id, id);
    assert_string_equal(whole.name, "Whole Compact");
    assert_int_equal(whole.demo, 1);
    assert_string_equal(text(whole.adopted), "2010-06-01");
    assert_string_equal(whole.document_url, "https://example.org/whole.pdf");
    assert_string_equal(whole.created_at, e.created_at);
    assert_int_equal(whole.nauthorities, 2); /* by name */
    assert_string_equal(whole.authorities[0].name, "Buckinghamshire");
    assert_int_equal(whole.authorities[0].type, AUTH_COUNTY);
    assert_string_equal(whole.authorities[0].region, "South East");
    assert_string_equal(whole.authorities[1].gss, "E08000009");
    assert_int_equal(whole.ndistricts, 1);
    assert_string_equal(whole.districts[0].gss, "E07000004");
    assert_int_equal(whole.nstatuses, 2); /* by date */
    assert_int_equal(whole.statuses[0].status, COMPACT_IN_DEVELOPMENT);
    assert_int_equal(whole.statuses[1].status, COMPACT_ACTIVE);
    assert_string_equal(text(whole.statuses[1].date), "2011-01-01");
    assert_int_equal(whole.ncontacts, 2); /* as given */
    assert_string_equal(whole.contacts[0].name, "Bea");
    assert_null(whole.contacts[0].email);
    assert_string_equal(whole.contacts[0].phone, "0161");
    assert_string_equal(whole.contacts[1].email, "al@x.org");
    assert_null(whole.contacts[1].role);
    assert_int_equal(whole.ncodes, 2); /* by id */
    assert_true(whole.codes[0].id < whole.codes[1].id);
    assert_string_equal(whole.codes[0].title, "Funding");
    assert_null(whole.codes[0].url);
    assert_string_equal(whole.codes[1].url, "https://example.org/v");
    assert_int_equal(whole.ncoordinators, 2); /* by address, whatever the case */
    assert_string_equal(whole.coordinators[0], "coord@example.org");
    assert_string_equal(whole.coordinators[1], "Dean@example.org");
    assert_true(whole.params.set[PARAM_NOTICE_MONTHS]);
    assert_int_equal(whole.params.value[PARAM_NOTICE_MONTHS], 6);
    assert_false(whole.params.set[PARAM_CONSULTATION_WEEKS]);
    assert_memory_equal(&whole.params, &e.params, sizeof(e.params));
    assert_int_equal(whole.nauthorities, e.nauthorities);
    assert_int_equal(whole.nstatuses, e.nstatuses);
    assert_int_equal(whole.ncontacts, e.ncontacts);
    /* the same signatories, in the same order: current by date signed, then withdrawn */
    assert_int_equal(nsigs, 3);
    assert_int_equal(nsigs, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(sigs[i].id, list[i].id);
        assert_int_equal(sigs[i].compact_id, id);
        assert_string_equal(sigs[i].compact_name, "Whole Compact");
        assert_string_equal(sigs[i].org_ref, list[i].org_ref);
        assert_string_equal(sigs[i].org_name, list[i].org_name);
        assert_string_equal(sigs[i].role, list[i].role);
        assert_int_equal(sigs[i].signed_on, list[i].signed_on);
        assert_int_equal(sigs[i].withdrawn_on, list[i].withdrawn_on);
    }
    assert_string_equal(sigs[0].org_name, "Alpha Group");
    assert_string_equal(sigs[2].org_name, "Zed Trust");
    assert_string_equal(text(sigs[2].withdrawn_on), "2012-01-01");
    /* the entry alone: one statement too, and none for a Compact that does not exist */
    was = db_statements(st->db);
    assert_int_equal(store_compact_get(st, id, &arena, &e), 0);
    assert_int_equal(db_statements(st->db), was + 1);
    assert_int_equal(store_compact_shown(st, id + 100, &arena, &shown), ERR_NOT_FOUND);
    assert_null(shown.signatories);
    assert_int_equal(shown.nsignatories, 0);
    assert_null(shown.entry.name);
    /* none of the signatories is statutory, and no complaint response time is set */
    assert_int_equal(store_compact_shown(st, id, &arena, &shown), 0);
    assert_int_equal(shown.npartners, 0);
    for (int i = 0; i < CPARAM_COUNT; i++) {
        assert_false(shown.complaint.set[i]);
    }
    /* a council signs and a response time is set: the page reads both in the same statement,
     * as store_signup_signatories and store_complaint_params read them */
    {
        struct organisation o = {
            .name = "Whole Council", .sector = SECTOR_STATUTORY, .type = ORG_COUNCIL};
        struct signatory_new sn = {.compact_id = id, .role = "Leader"};
        struct complaint_params cp = {0}, cp2;
        struct signup_signatory *partners;
        size_t npartners;
        char ref[24];
        assert_int_equal(store_organisation_add(st, &o, "cli", &sid), 0);
        snprintf(ref, sizeof(ref), "%lld", sid);
        sn.organisation = ref;
        sn.signed_on = day("2011-07-01");
        assert_int_equal(store_signatory_add(st, &sn, "cli", &sid, &bad), 0);
        cp.set[CPARAM_FORMAL_RESPONSE_DAYS] = 1;
        cp.value[CPARAM_FORMAL_RESPONSE_DAYS] = 15;
        assert_int_equal(store_complaint_params_put(st, id, &cp, "cli"), 0);
        was = db_statements(st->db);
        assert_int_equal(store_compact_shown(st, id, &arena, &shown), 0);
        assert_int_equal(db_statements(st->db), was + 1);
        assert_int_equal(shown.nsignatories, 4);
        assert_int_equal(store_signup_signatories(st, id, &arena, &partners, &npartners), 0);
        assert_int_equal(npartners, 1);
        assert_int_equal(shown.npartners, 1);
        assert_int_equal(shown.partners[0].compact_id, partners[0].compact_id);
        assert_string_equal(shown.partners[0].org_ref, partners[0].org_ref);
        assert_string_equal(shown.partners[0].name, "Whole Council");
        assert_int_equal(shown.partners[0].type, ORG_COUNCIL);
        assert_int_equal(shown.partners[0].signed_on, partners[0].signed_on);
        assert_int_equal(shown.partners[0].withdrawn_on, 0);
        assert_int_equal(store_complaint_params(st, id, &cp2), 0);
        assert_memory_equal(&shown.complaint, &cp2, sizeof(cp2));
        assert_true(shown.complaint.set[CPARAM_FORMAL_RESPONSE_DAYS]);
        assert_int_equal(shown.complaint.value[CPARAM_FORMAL_RESPONSE_DAYS], 15);
        assert_false(shown.complaint.set[CPARAM_INFORMAL_RESPONSE_DAYS]);
    }
}

/* A line of the plan of the session's prepared statement whose text has mark, run with
 * (id, 1), that contains what: whether there is one. PostgreSQL only. */
static int plan_has(const char *mark, long long id, const char *what)
{
    struct db_stmt *stmt;
    char name[64] = "", sql[256];
    int found = 0;

    assert_int_equal(db_prepare(st->db,
                                "SELECT name FROM pg_prepared_statements "
                                "WHERE strpos(statement, ?1) > 0",
                                &stmt),
                     DB_OK);
    db_bind_text(stmt, 1, mark);
    assert_int_equal(db_step(stmt), DB_ROW);
    snprintf(name, sizeof(name), "%s", db_column_text(stmt, 0));
    db_finalize(stmt);
    assert_true(snprintf(sql, sizeof(sql), "EXPLAIN (COSTS OFF) EXECUTE %s(%lld, 1, 1)", name, id) <
                (int)sizeof(sql));
    assert_int_equal(db_prepare(st->db, sql, &stmt), DB_OK);
    while (db_step(stmt) == DB_ROW) {
        found |= strstr(db_column_text(stmt, 0), what) != NULL;
    }
    db_finalize(stmt);
    return found;
}

/* The entry's statement gives every branch of its UNION ALL the first's column types and
 * collations on PostgreSQL, which then runs it as one flat Append: no Subquery Scan for each
 * branch, and no Append nested in a Result for each difference (docs/PERFORMANCE.md). */
static void test_entry_is_one_flat_append_on_postgresql(void **state)
{
    struct compact_new c = {.name = "Flat Compact",
                            .authorities = {"E10000002"},
                            .nauthorities = 1,
                            .status = COMPACT_ACTIVE,
                            .status_date = "2012-01-01"};
    struct compact_shown shown;
    const char *bad;
    long long id;
    (void)state;
    if (db_kind(st->db) != DB_PG) {
        skip();
    }
    assert_int_equal(store_compact_add(st, &c, "cli", &id, &bad), 0);
    assert_int_equal(store_compact_shown(st, id, &arena, &shown), 0);
    assert_string_equal(shown.entry.name, "Flat Compact");
    assert_true(plan_has("FROM compact_coordinator cc", id, "Append"));
    assert_false(plan_has("FROM compact_coordinator cc", id, "Subquery Scan"));
    /* each signatory's organisation by its key, not a hash of them all */
    assert_true(plan_has("FROM compact_coordinator cc", id, "Index Scan using organisation_pkey"));
    /* and each authority, its districts and its coordinators' addresses by theirs */
    assert_true(plan_has("FROM compact_coordinator cc", id, "Index Scan using authority_pkey"));
    assert_true(plan_has("FROM compact_coordinator cc", id, "authority_county"));
    assert_true(plan_has("FROM compact_coordinator cc", id, "Index Scan using user_pkey"));
    assert_false(plan_has("FROM compact_coordinator cc", id, "Seq Scan"));
}

static void test_find_authority(void **state)
{
    const char *gss;
    (void)state;
    assert_int_equal(store_compact_find_authority(st, "trafford", &arena, &gss), 0);
    assert_string_equal(gss, "E08000009");
    assert_int_equal(store_compact_find_authority(st, "SALFORD CITY COUNCIL", &arena, &gss), 0);
    assert_string_equal(gss, "E08000006");
    assert_int_equal(store_compact_find_authority(st, "e08000099", &arena, &gss), 0);
    assert_string_equal(gss, "E08000009");
    assert_int_equal(store_compact_find_authority(st, "Trafforde", &arena, &gss), ERR_NOT_FOUND);
    assert_null(gss);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_get_and_refusals),
        cmocka_unit_test(test_review_due_is_six_years_on_or_the_date_set),
        cmocka_unit_test(test_overdue),
        cmocka_unit_test(test_lists_filter_and_order),
        cmocka_unit_test(test_patch),
        cmocka_unit_test(test_list_names_follow_every_write),
        cmocka_unit_test(test_statuses),
        cmocka_unit_test(test_list_state_follows_every_write),
        cmocka_unit_test(test_kept_values_hold_under_writers_at_once),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_entry_with_signatories_in_one_statement),
        cmocka_unit_test(test_entry_is_one_flat_append_on_postgresql),
        cmocka_unit_test(test_find_authority),
    };
    RUN_ON_BOTH(tests, setup, teardown);
}
