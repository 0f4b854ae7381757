/* Local Compacts: the whole register entry, its lists, changes, status history and demo data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store_int.h"
#include "store_search.h"
#include "codec/json_audit.h"
#include "base/err.h"
#include "base/banned.h"

static const char sql_add[] = "INSERT INTO compact (name, created_at) VALUES (?1, ?2) RETURNING id";
static const char sql_resolve[] =
    "SELECT gss FROM authority WHERE gss = ?1 "
    "UNION ALL SELECT gss FROM authority_alias WHERE alias = ?1 LIMIT 1";
static const char sql_add_authority[] =
    "INSERT INTO compact_authority (compact_id, gss) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
static const char sql_add_status[] =
    "INSERT INTO compact_status (compact_id, status, date) VALUES (?1, ?2, ?3)";
static const char sql_add_details[] =
    "UPDATE compact SET adopted = ?2, refreshed = ?3, review_due = ?4, document_url = ?5, "
    "demo = ?6 WHERE id = ?1";
static const char sql_review_dates[] = "SELECT id, adopted, refreshed, review_due FROM compact";
static const char sql_set_review_due_on[] = "UPDATE compact SET review_due_on = ?2 WHERE id = ?1";
static const char sql_add_contact[] =
    "INSERT INTO compact_contact (compact_id, position, name, role, email, phone) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_add_coordinator[] =
    "INSERT INTO compact_coordinator (compact_id, user_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";

static const char sql_name[] = "SELECT name FROM compact WHERE id = ?1";

int store_compact_name(struct store *st, long long id, struct arena *arena, const char **name)
{
    struct db_stmt *stmt;
    int ret;

    *name = NULL;
    if ((ret = store_prepare(st, sql_name, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    return store_row_text(st, stmt, arena, name);
}
static const char sql_is_coordinator[] =
    "SELECT 1 FROM compact_coordinator WHERE compact_id = ?1 AND user_id = ?2";

int store_compact_is_coordinator(struct store *st, long long id, long long user_id)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_is_coordinator, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_int64(stmt, 2, user_id);
    return store_row_int(st, stmt, NULL);
}

static const char sql_names[] =
    "SELECT id, name FROM compact WHERE ?2 = 0 OR id IN "
    "(SELECT compact_id FROM compact_coordinator WHERE user_id = ?2) ORDER BY name, id LIMIT ?1";

int store_compact_names(struct store *st, size_t max, struct arena *arena, const char ***ids,
                        const char ***names, size_t *n)
{
    return store_compact_names_of(st, 0, max, arena, ids, names, n);
}

int store_compact_names_of(struct store *st, long long coordinator, size_t max, struct arena *arena,
                           const char ***ids, const char ***names, size_t *n)
{
    struct db_stmt *stmt;
    const char **i = arena_alloc(arena, (max + 1) * sizeof(*i));
    const char **nm = arena_alloc(arena, (max + 1) * sizeof(*nm));
    size_t len = 0;
    int ret, rc;

    *ids = NULL;
    *names = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_names, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, (long long)max);
    db_bind_int64(stmt, 2, coordinator);
    while ((rc = store_step(st, stmt)) == DB_ROW && len < max) {
        i[len] = arena_strdup(arena, (const char *)db_column_text(stmt, 0));
        nm[len] = arena_strdup(arena, (const char *)db_column_text(stmt, 1));
        len++;
    }
    ret = rc == DB_ROW ? 0 : store_err(st, rc);
    store_done(stmt);
    if (!ret) {
        *ids = i;
        *names = nm;
        *n = len;
    }
    return ret;
}

/* The Compact numbered ?1 (as text) with its parameters, if it has any: one statement. */
static const char sql_params_of[] =
    "SELECT c.id, p.name, p.value FROM compact c "
    "LEFT JOIN compact_parameter p ON p.compact_id = c.id WHERE CAST(c.id AS TEXT) = ?1";
static const char sql_params_clear[] = "DELETE FROM compact_parameter WHERE compact_id = ?1";
static const char sql_param_add[] =
    "INSERT INTO compact_parameter (compact_id, name, value) VALUES (?1, ?2, ?3)";

void store_param_row(struct db_stmt *stmt, int name, int value, struct param_set *out)
{
    const char *text = (const char *)db_column_text(stmt, name);
    enum param p;

    if (text && param_parse(text, &p) == 0) {
        out->set[p] = 1;
        out->value[p] = db_column_int(stmt, value);
    }
}

/* The parameters in the rows of stmt, bound and not yet stepped, whose columns col and col + 1
 * are a name and a value, into out (cleared first); *rows (may be NULL) counts the rows. */
static int read_params(struct store *st, struct db_stmt *stmt, int col, struct param_set *out,
                       size_t *rows)
{
    size_t n = 0;
    int ret, rc;

    memset(out, 0, sizeof(*out));
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        store_param_row(stmt, col, col + 1, out);
        n++;
    }
    ret = store_err(st, rc);
    store_done(stmt);
    if (rows) {
        *rows = n;
    }
    return ret;
}

int store_compact_params(struct store *st, const char *id, struct param_set *out)
{
    struct db_stmt *stmt;
    size_t rows;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_params_of, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, id);
    if ((ret = read_params(st, stmt, 1, out, &rows)) < 0) {
        return ret;
    }
    return rows ? 0 : ERR_NOT_FOUND;
}

int store_compact_set_params(struct store *st, long long id, const struct param_set *ps,
                             const struct complaint_params *cp, const char *actor)
{
    struct buf before = BUF_INIT, after = BUF_INIT;
    struct param_set was;
    struct db_stmt *stmt;
    char entity[STORE_ID_LEN];
    int ret;

    if ((ret = store_begin(st)) < 0) {
        goto cleanup;
    }
    if ((ret = store_compact_params(st, store_id_text(id, entity), &was)) < 0) {
        goto cleanup;
    }
    json_audit_parameters(&before, &was);
    if ((ret = store_prepare(st, sql_params_clear, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, id);
    if ((ret = store_run(st, stmt)) < 0) {
        goto cleanup;
    }
    for (int p = 0; p < PARAM_COUNT; p++) {
        if (!ps->set[p]) {
            continue;
        }
        if ((ret = store_prepare(st, sql_param_add, &stmt)) < 0) {
            goto cleanup;
        }
        db_bind_int64(stmt, 1, id);
        db_bind_text(stmt, 2, param_id((enum param)p));
        db_bind_int(stmt, 3, ps->value[p]);
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
    json_audit_parameters(&after, ps);
    if ((ret = store_audit_add(st, NULL, actor, "parameters", "compact", entity, &before, &after)) <
        0) {
        goto cleanup;
    }
    if (cp) {
        ret = store_complaint_params_put(st, id, cp, actor);
    }
cleanup:
    ret = store_end(st, ret);
    buf_release(&before);
    buf_release(&after);
    return ret;
}

/* The current code for a current or former GSS code, copied into out. */
static int resolve(struct store *st, const char *code, char out[GSS_LEN + 1])
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_resolve, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, code);
    return store_row_gss(st, stmt, out);
}

/* Write Compact id's review_due_on from its dates (compact_review_due: the one rule). */
static int set_review_due_on(struct store *st, long long id, date_t adopted, date_t refreshed,
                             date_t review_set)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_set_review_due_on, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    store_bind_date(stmt, 2, compact_review_due(adopted, refreshed, review_set));
    return store_run(st, stmt);
}

/* The dates a review date follows. */
struct review_dates {
    long long id;
    date_t adopted, refreshed, set;
};

static void review_dates_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct review_dates *r = item;

    (void)arena;
    r->id = db_column_int64(stmt, 0);
    r->adopted = store_col_date(stmt, 1);
    r->refreshed = store_col_date(stmt, 2);
    r->set = store_col_date(stmt, 3);
}

int store_compact_review_fill(struct store *st)
{
    struct arena arena;
    struct review_dates *r;
    struct db_stmt *stmt;
    void *v = NULL;
    size_t n = 0;
    int ret;

    arena_init(&arena);
    if ((ret = store_prepare(st, sql_review_dates, &stmt)) == 0) {
        ret = store_rows(st, stmt, &arena, sizeof(*r), review_dates_row, &v, &n);
    }
    r = v;
    for (size_t i = 0; i < n && !ret; i++) {
        ret = set_review_due_on(st, r[i].id, r[i].adopted, r[i].refreshed, r[i].set);
    }
    arena_release(&arena);
    return ret;
}

static int add_contacts(struct store *st, long long id, const struct compact_contact *k, size_t n)
{
    struct db_stmt *stmt;
    int ret;

    for (size_t i = 0; i < n; i++) {
        if ((ret = store_prepare(st, sql_add_contact, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, id);
        db_bind_int64(stmt, 2, (long long)i);
        db_bind_text(stmt, 3, k[i].name);
        store_bind_text(stmt, 4, k[i].role);
        store_bind_text(stmt, 5, k[i].email);
        store_bind_text(stmt, 6, k[i].phone);
        if ((ret = store_run(st, stmt)) < 0) {
            return ret;
        }
    }
    return 0;
}

static int add_status(struct store *st, long long id, const char *status, const char *date)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_add_status, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_text(stmt, 2, status);
    db_bind_text_copy(stmt, 3, date);
    return store_run(st, stmt);
}

/* The whole entry of Compact id as the audit trail keeps it, into out; ERR_NOT_FOUND if there
 * is none. */
static int entry_snapshot(struct store *st, long long id, struct buf *out)
{
    struct arena arena;
    struct compact_entry e;
    int ret;

    arena_init(&arena);
    if ((ret = store_compact_get(st, id, &arena, &e)) == 0) {
        json_audit_compact(out, &e);
    }
    arena_release(&arena);
    return ret;
}

/* The audit entry of Compact id's change: its entry now, and before (NULL when it is new). */
static int audit(struct store *st, long long id, const char *actor, const char *action,
                 const struct buf *before)
{
    struct buf after = BUF_INIT;
    char entity[STORE_ID_LEN];
    int ret;

    /* every write of a Compact ends here: the search's index of it too, in its transaction */
    if ((ret = store_search_index(st, SEARCH_COMPACT, id)) == 0 &&
        (ret = entry_snapshot(st, id, &after)) == 0) {
        ret = store_audit_add(st, NULL, actor, action, "compact", store_id_text(id, entity), before,
                              &after);
    }
    buf_release(&after);
    return ret;
}

/* The write of store_compact_add, inside the caller's transaction. */
static int add(struct store *st, const struct compact_new *c, const char *actor, long long *id,
               const char **bad)
{
    struct db_stmt *stmt;
    char gss[GSS_LEN + 1];
    int ret;

    if ((ret = store_prepare(st, sql_add, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, c->name);
    store_bind_now(stmt, 2);
    if ((ret = store_row_int(st, stmt, id)) < 0) {
        return ret;
    }
    for (size_t i = 0; i < c->nauthorities; i++) {
        if ((ret = resolve(st, c->authorities[i], gss)) < 0) {
            if (ret == ERR_NOT_FOUND) {
                *bad = c->authorities[i];
            }
            return ret;
        }
        if ((ret = store_prepare(st, sql_add_authority, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, *id);
        db_bind_text(stmt, 2, gss);
        if ((ret = store_run(st, stmt)) < 0) {
            return ret;
        }
    }
    if ((ret = add_status(st, *id, compact_status_id(c->status), c->status_date)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_add_details, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, *id);
    store_bind_date(stmt, 2, c->adopted);
    store_bind_date(stmt, 3, c->refreshed);
    store_bind_date(stmt, 4, c->review_due);
    store_bind_text(stmt, 5, c->document_url);
    db_bind_int(stmt, 6, c->demo != 0);
    if ((ret = store_run(st, stmt)) < 0 ||
        (ret = set_review_due_on(st, *id, c->adopted, c->refreshed, c->review_due)) < 0) {
        return ret;
    }
    if ((ret = add_contacts(st, *id, c->contacts, c->ncontacts)) < 0) {
        return ret;
    }
    if (c->coordinator_id) {
        if ((ret = store_prepare(st, sql_add_coordinator, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, *id);
        db_bind_int64(stmt, 2, c->coordinator_id);
        if ((ret = store_run(st, stmt)) < 0) {
            return ret;
        }
    }
    return audit(st, *id, actor, "create", NULL);
}

int store_compact_add(struct store *st, const struct compact_new *c, const char *actor,
                      long long *id, const char **bad)
{
    int ret;

    *id = 0;
    *bad = NULL;
    if ((ret = store_begin(st)) < 0 || (ret = store_end(st, add(st, c, actor, id, bad))) < 0) {
        *id = 0;
    }
    return ret;
}

int store_compact_add_many(struct store *st, const struct compact_new *c, size_t n,
                           const char *actor, size_t *bad_item, const char **bad)
{
    long long id;
    int ret;

    *bad_item = 0;
    *bad = NULL;
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    for (size_t i = 0; i < n && ret == 0; i++) {
        *bad_item = i;
        ret = add(st, &c[i], actor, &id, bad);
    }
    return store_end(st, ret);
}

/* ---- the whole entry ---- */

/*
 * The entry, its lists, its parameters and (when ?2 is not 0) its signatories in one statement:
 * on PostgreSQL each statement is a round trip to the server that costs more than the rows it
 * reads (docs/PERFORMANCE.md). Each part's rows are a branch of a UNION ALL tagged by the part
 * (column 8), with their values in the columns they share, two numbers (0 and 1) and six texts
 * (2 to 7), as store_signatory_row reads a signatory; then the keys of the part's order: a
 * number (9), three texts (10 to 12), a number (13), and the coordinators' e-mail addresses
 * (14), in the types and collations they had when the statement sorted by them (the rows are
 * now sorted in C, sort_lists, which reads the contacts' positions and the signatories' names
 * from them). Keys, not a row_number() per part: PostgreSQL's executor took longer to set up a
 * window and its sort for each part than to read them.
 */
enum entry_part {
    PART_ENTRY,
    PART_AUTHORITY,
    PART_DISTRICT,
    PART_STATUS,
    PART_CONTACT,
    PART_CODE,
    PART_COORDINATOR,
    PART_PARAMETER,
    PART_SIGNATORY,
    PART_COMPLAINT_PARAM,
};
/*
 * The statement is written once for both engines with K standing for the engine's pieces: S_
 * for SQLite, P_ for PostgreSQL. PostgreSQL runs a UNION ALL whose branches give every column
 * the very type and collation of the first as one flat Append; any difference (an untyped NULL,
 * an integer where the first has a bigint, a text column of another collation) makes it a
 * nest of Append, Result and Subquery Scan nodes, one level per difference, each set up and
 * torn down on every run (a fifth of the backend's time for this statement; docs/PERFORMANCE.md).
 * So on PostgreSQL each NULL is typed (K##_B bigint, K##_T text "C", K##_E the coordinators'
 * nocase text), each integer made a bigint (K##_I) and each text of another collation made "C"
 * (K##_C). SQLite, which neither needs nor accepts COLLATE "C", gets the plain columns.
 */
#define S_EB   "CAST(NULL AS BIGINT)"
#define S_ET   "CAST(NULL AS TEXT)"
#define S_B    "NULL"
#define S_T    "NULL"
#define S_E    "NULL"
#define S_C    ""
#define S_I(x) x
#define P_EB   P_B
#define P_ET   P_T
#define P_B    "CAST(NULL AS BIGINT)"
#define P_T    "CAST(NULL AS TEXT) COLLATE \"C\""
#define P_E    "CAST(NULL AS TEXT) COLLATE nocase"
#define P_C    " COLLATE \"C\""
#define P_I(x) "CAST(" x " AS BIGINT)"
/* Each signatory's organisation, by its key. PostgreSQL's generic plan for a Compact's few
 * signatories otherwise hashes every organisation (a scan of them all on each run, 30% of the
 * statement on the demo's 370): a lateral subquery, fenced by OFFSET 0, is read per signatory
 * through the primary key, as SQLite reads the join by itself. */
#define S_ORGS STORE_SIGNATORY_ORGS
#define P_ORGS                                                                                     \
    "FROM signatory s CROSS JOIN LATERAL (SELECT o.id, o.org_id, o.name, o.name_norm, o.sector, "  \
    "o.type FROM organisation o WHERE o.id = s.organisation_id OFFSET 0) AS o"
#define T2(K)      K##_T ", " K##_T
#define T4(K)      T2(K) ", " T2(K)
#define NO_KEYS(K) K##_B ", " K##_T ", " K##_T ", " K##_T ", " K##_B ", " K##_E
/* The entry's own row, which types the shared columns. */
#define ENTRY_ROW(K)                                                                               \
    "SELECT CAST(demo AS BIGINT), " K##_EB ", name, adopted, refreshed, review_due, "              \
                                           "document_url, created_at, 0, " K##_EB ", " K##_ET      \
        ", " K##_ET ", " K##_ET ", " K##_EB ", " K##_E " FROM compact WHERE id = ?1 "
/* A part: its values (columns 0 to 7), its number, its keys (9 to 14), where from. */
#define ENTRY_PART(part, values, keys, from)                                                       \
    "UNION ALL SELECT " values ", " #part ", " keys " " from " "
#define AREA(K, t)      K##_B ", " K##_B ", " t ".gss, " t ".name, " t ".type, " t ".region, " T2(K)
#define AREA_KEYS(K, t) K##_B ", " t ".name, " t ".gss, " K##_T ", " K##_B ", " K##_E
/* The authorities and districts of a Compact, and its coordinators: on PostgreSQL each read
 * through its index per row of the Compact, as P_ORGS reads organisations (a generic plan would
 * hash every authority on each run). */
#define S_AUTHORITIES "JOIN authority a ON a.gss = ca.gss"
#define P_AUTHORITIES                                                                              \
    "CROSS JOIN LATERAL (SELECT a.gss, a.name, a.type, a.region FROM authority a "                 \
    "WHERE a.gss = ca.gss OFFSET 0) AS a"
#define S_DISTRICTS "JOIN authority d ON d.county_gss = ca.gss AND " DISTRICT_CURRENT
#define P_DISTRICTS                                                                                \
    "CROSS JOIN LATERAL (SELECT d.gss, d.name, d.type, d.region FROM authority d "                 \
    "WHERE d.county_gss = ca.gss AND " DISTRICT_CURRENT " OFFSET 0) AS d"
#define DISTRICT_CURRENT "d.type = 'district' AND d.end_date IS NULL"
#define S_USERS          "JOIN \"user\" u ON u.id = cc.user_id"
#define P_USERS                                                                                    \
    "CROSS JOIN LATERAL (SELECT u.email FROM \"user\" u WHERE u.id = cc.user_id OFFSET 0) AS u"
#define GET_AUTHORITIES(K)                                                                         \
    ENTRY_PART(1, AREA(K, "a"), AREA_KEYS(K, "a"),                                                 \
               "FROM compact_authority ca " K##_AUTHORITIES " WHERE ca.compact_id = ?1")
#define GET_DISTRICTS(K)                                                                           \
    ENTRY_PART(2, AREA(K, "d"), AREA_KEYS(K, "d"),                                                 \
               "FROM compact_authority ca " K##_DISTRICTS " WHERE ca.compact_id = ?1")
#define GET_STATUSES(K)                                                                            \
    ENTRY_PART(3, K##_B ", " K##_B ", date, status, " T4(K),                                       \
               K##_B ", date, " K##_T ", " K##_T ", " K##_B ", " K##_E,                            \
               "FROM compact_status WHERE compact_id = ?1")
#define GET_CONTACTS(K)                                                                            \
    ENTRY_PART(4, K##_B ", " K##_B ", name, role, email, phone, " T2(K),                           \
               K##_I("position") ", " K##_T ", " K##_T ", " K##_T ", " K##_B ", " K##_E,           \
               "FROM compact_contact WHERE compact_id = ?1")
#define GET_CODES(K)                                                                               \
    ENTRY_PART(5, "id, " K##_B ", title, summary, url, " K##_T ", " T2(K),                         \
               "id, " K##_T ", " K##_T ", " K##_T ", " K##_B ", " K##_E,                           \
               "FROM compact_code WHERE compact_id = ?1")
#define GET_COORDINATORS(K)                                                                        \
    ENTRY_PART(6, K##_B ", " K##_B ", u.email" K##_C ", " K##_T ", " T4(K),                        \
               K##_B ", " K##_T ", " K##_T ", " K##_T ", " K##_B ", u.email",                      \
               "FROM compact_coordinator cc " K##_USERS " WHERE cc.compact_id = ?1")
#define GET_PARAMETERS(K)                                                                          \
    ENTRY_PART(7, K##_I("value") ", " K##_B ", name, " K##_T ", " T4(K), NO_KEYS(K),               \
               "FROM compact_parameter WHERE compact_id = ?1")
/* The entry has the Compact's name: its signatories are read without it, and column 2 holds
 * the type of each statutory one instead (for the case for signing up, ?3). */
#define GET_SIGNATORIES(K)                                                                         \
    ENTRY_PART(8,                                                                                  \
               "s.id, s.compact_id, CASE WHEN o.sector = 'statutory' THEN o.type END" K##_C        \
               ", " STORE_SIGNATORY_ORG_ID K##_C ", " STORE_SIGNATORY_REST,                        \
               K##_I(STORE_SIGNATORY_LAPSED) ", " STORE_SIGNATORY_KEYS ", " K##_E,                 \
               K##_ORGS " WHERE s.compact_id = ?1 AND ?2 <> 0")
/* The Compact's complaint response times (?3): value, name. */
#define GET_COMPLAINT_PARAMS(K)                                                                    \
    ENTRY_PART(9, K##_I("value") ", " K##_B ", name, " K##_T ", " T4(K), NO_KEYS(K),               \
               "FROM complaint_parameter WHERE compact_id = ?1 AND ?3 <> 0")
#define GET_ENTRY(K)                                                                               \
    ENTRY_ROW(K)                                                                                   \
    GET_AUTHORITIES(K)                                                                             \
    GET_DISTRICTS(K)                                                                               \
    GET_STATUSES(K)                                                                                \
    GET_CONTACTS(K)                                                                                \
    GET_CODES(K)                                                                                   \
    GET_COORDINATORS(K)                                                                            \
    GET_PARAMETERS(K)                                                                              \
    GET_SIGNATORIES(K)                                                                             \
    GET_COMPLAINT_PARAMS(K)
/* [PostgreSQL] */
static const char *const sql_get[2] = {GET_ENTRY(S), GET_ENTRY(P)};
_Static_assert(PART_COMPLAINT_PARAM == 9, "sql_get numbers the parts as enum entry_part does");

#define STATUSES_MAX  256
#define DISTRICTS_MAX 256

/* A signatory with the key its place is sorted by after the others' (its organisation's
 * name_norm), and a contact with its position. */
struct signatory_keyed {
    struct signatory s;
    const char *name_norm;
};
struct contact_keyed {
    struct compact_contact c;
    long long position;
};

/* The arrays sql_get's rows fill, in whatever order they come, then sorted (sort_lists) and
 * handed to the entry. */
struct entry_lists {
    struct compact_area *authorities, *districts;
    struct status_change *statuses;
    struct contact_keyed *contacts;
    struct compact_code *codes;
    const char **coordinators;
    struct signatory_keyed *signatories; /* grown by store_grow */
    size_t nsignatories, cap;
    struct compact_shown *page; /* NULL but for store_compact_shown */
    size_t partners_cap;
};

/* Columns 2 to 5: an authority the entry names, or a district. */
static void area_row(struct db_stmt *stmt, struct arena *arena, struct compact_area *a)
{
    a->gss = store_col(stmt, 2, arena);
    a->name = store_col(stmt, 3, arena);
    a->type = store_col_authority_type(stmt, 4);
    a->region = store_col(stmt, 5, arena);
}

/* The statutory signatory of the PART_SIGNATORY row just read, whose column 2 is its
 * organisation's type, as store_signup_signatories gives it. */
static void partner_row(struct db_stmt *stmt, struct arena *arena, struct entry_lists *l)
{
    const struct signatory *s = &l->signatories[l->nsignatories - 1].s;
    struct compact_shown *p = l->page;
    struct signup_signatory *out;

    store_grow(arena, (void **)&p->partners, p->npartners, &l->partners_cap, sizeof(*p->partners));
    out = &p->partners[p->npartners++];
    out->compact_id = s->compact_id;
    out->org_ref = s->org_ref;
    out->name = s->org_name;
    out->type = store_signup_type((const char *)db_column_text(stmt, 2));
    out->signed_on = s->signed_on;
    out->withdrawn_on = s->withdrawn_on;
}

/* One row of sql_get into out and l: whether it was the entry's own row. Rows past an
 * array's room (more than a Compact may be given) are left out. */
static int entry_row(struct db_stmt *stmt, struct arena *arena, struct compact_entry *out,
                     struct entry_lists *l)
{
    const char *text = (const char *)db_column_text(stmt, 3);
    enum compact_status cs;

    switch (db_column_int(stmt, 8)) {
    case PART_ENTRY:
        out->demo = db_column_int(stmt, 0);
        out->name = store_col(stmt, 2, arena);
        out->adopted = store_col_date(stmt, 3);
        out->refreshed = store_col_date(stmt, 4);
        out->review_set = store_col_date(stmt, 5);
        out->document_url = store_col(stmt, 6, arena);
        out->created_at = store_col(stmt, 7, arena);
        return 1;
    case PART_AUTHORITY:
        if (out->nauthorities < COMPACT_AUTHORITIES_MAX) {
            area_row(stmt, arena, &l->authorities[out->nauthorities++]);
        }
        break;
    case PART_DISTRICT:
        if (out->ndistricts < DISTRICTS_MAX) {
            area_row(stmt, arena, &l->districts[out->ndistricts++]);
        }
        break;
    case PART_STATUS:
        if (out->nstatuses < STATUSES_MAX) {
            struct status_change *sc = &l->statuses[out->nstatuses++];
            sc->date = store_col_date(stmt, 2);
            sc->status = compact_status_parse(text ? text : "", &cs) == 0 ? cs : COMPACT_INACTIVE;
        }
        break;
    case PART_CONTACT:
        if (out->ncontacts < COMPACT_CONTACTS_MAX) {
            struct contact_keyed *ck = &l->contacts[out->ncontacts++];
            struct compact_contact *k = &ck->c;
            ck->position = db_column_int64(stmt, 9);
            k->name = store_col(stmt, 2, arena);
            k->role = store_col(stmt, 3, arena);
            k->email = store_col(stmt, 4, arena);
            k->phone = store_col(stmt, 5, arena);
        }
        break;
    case PART_CODE:
        if (out->ncodes < COMPACT_CODES_MAX) {
            struct compact_code *c = &l->codes[out->ncodes++];
            c->id = db_column_int64(stmt, 0);
            c->title = store_col(stmt, 2, arena);
            c->summary = store_col(stmt, 3, arena);
            c->url = store_col(stmt, 4, arena);
        }
        break;
    case PART_COORDINATOR:
        if (out->ncoordinators < COMPACT_COORDINATORS_MAX) {
            l->coordinators[out->ncoordinators++] = store_col(stmt, 2, arena);
        }
        break;
    case PART_PARAMETER:
        store_param_row(stmt, 2, 0, &out->params);
        break;
    case PART_SIGNATORY:
        store_grow(arena, (void **)&l->signatories, l->nsignatories, &l->cap,
                   sizeof(*l->signatories));
        memset(&l->signatories[l->nsignatories], 0, sizeof(*l->signatories));
        store_signatory_row(stmt, arena, &l->signatories[l->nsignatories].s);
        l->signatories[l->nsignatories++].name_norm = store_col(stmt, 12, arena);
        if (l->page && !db_column_is_null(stmt, 2)) {
            partner_row(stmt, arena, l);
        }
        break;
    case PART_COMPLAINT_PARAM:
        if (l->page) {
            store_complaint_param_row(&l->page->complaint, (const char *)db_column_text(stmt, 2),
                                      db_column_int(stmt, 0));
        }
        break;
    default:
        break;
    }
    return 0;
}

/* ---- each part's order, as the statement's keys give it ---- */

static int cmp_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_num(long long a, long long b)
{
    return a < b ? -1 : a > b;
}

/* By name, then code. */
static int cmp_area(const void *pa, const void *pb)
{
    const struct compact_area *a = pa, *b = pb;
    int c = cmp_text(a->name, b->name);

    return c ? c : cmp_text(a->gss, b->gss);
}

static int cmp_status(const void *pa, const void *pb)
{
    return cmp_num(((const struct status_change *)pa)->date,
                   ((const struct status_change *)pb)->date);
}

static int cmp_contact(const void *pa, const void *pb)
{
    return cmp_num(((const struct contact_keyed *)pa)->position,
                   ((const struct contact_keyed *)pb)->position);
}

static int cmp_code(const void *pa, const void *pb)
{
    return cmp_num(((const struct compact_code *)pa)->id, ((const struct compact_code *)pb)->id);
}

/* By address whatever the case, as COLLATE NOCASE compares them (ASCII letters folded). */
static int cmp_coordinator(const void *pa, const void *pb)
{
    const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
    int c = strcasecmp(a ? a : "", b ? b : "");

    return c ? c : cmp_text(a, b);
}

/* Current ones first by date signed, then those withdrawn by date withdrawn; then by name and
 * number (STORE_SIGNATORY_ORDER). */
static int cmp_signatory(const void *pa, const void *pb)
{
    const struct signatory_keyed *a = pa, *b = pb;
    int c = cmp_num(a->s.withdrawn_on != 0, b->s.withdrawn_on != 0);

    if (!c) {
        c = cmp_num(a->s.withdrawn_on, b->s.withdrawn_on);
    }
    if (!c) {
        c = cmp_num(a->s.signed_on, b->s.signed_on);
    }
    if (!c) {
        c = cmp_text(a->name_norm, b->name_norm);
    }
    return c ? c : cmp_num(a->s.id, b->s.id);
}

/*
 * Each part of the entry in its order. The statement has no ORDER BY: SQLite sorted its rows
 * through a temporary b-tree, 22 of the statement's 37 us of CPU on a demo Compact, where a
 * few dozen rows sort here in a microsecond or two; PostgreSQL gets the same order, whatever
 * its plan. Contacts then give up their positions, and the signatories their keys.
 */
static void sort_lists(struct compact_entry *out, struct entry_lists *l, struct arena *arena,
                       struct signatory **signatories)
{
    struct compact_contact *contacts = arena_alloc(arena, COMPACT_CONTACTS_MAX * sizeof(*contacts));

    qsort(l->authorities, out->nauthorities, sizeof(*l->authorities), cmp_area);
    qsort(l->districts, out->ndistricts, sizeof(*l->districts), cmp_area);
    qsort(l->statuses, out->nstatuses, sizeof(*l->statuses), cmp_status);
    qsort(l->contacts, out->ncontacts, sizeof(*l->contacts), cmp_contact);
    for (size_t i = 0; i < out->ncontacts; i++) {
        contacts[i] = l->contacts[i].c;
    }
    out->contacts = contacts;
    qsort(l->codes, out->ncodes, sizeof(*l->codes), cmp_code);
    qsort(l->coordinators, out->ncoordinators, sizeof(*l->coordinators), cmp_coordinator);
    if (signatories && l->nsignatories) {
        qsort(l->signatories, l->nsignatories, sizeof(*l->signatories), cmp_signatory);
        *signatories = arena_alloc(arena, l->nsignatories * sizeof(**signatories));
        for (size_t i = 0; i < l->nsignatories; i++) {
            (*signatories)[i] = l->signatories[i].s;
        }
    }
}

/* The entry of Compact id into out; its signatories too unless signatories is NULL, and what
 * else a page reads unless page is NULL. */
static int get_entry(struct store *st, long long id, struct arena *arena, struct compact_entry *out,
                     struct signatory **signatories, size_t *nsignatories,
                     struct compact_shown *page)
{
    struct entry_lists l = {.page = page};
    struct db_stmt *stmt;
    int ret, rc, found = 0;

    memset(out, 0, sizeof(*out));
    if (signatories) {
        *signatories = NULL;
        *nsignatories = 0;
    }
    if ((ret = store_prepare(st, sql_get[db_kind(st->db) == DB_PG], &stmt)) < 0) {
        return ret;
    }
    l.authorities = arena_alloc(arena, COMPACT_AUTHORITIES_MAX * sizeof(*l.authorities));
    l.districts = arena_alloc(arena, DISTRICTS_MAX * sizeof(*l.districts));
    l.statuses = arena_alloc(arena, STATUSES_MAX * sizeof(*l.statuses));
    l.contacts = arena_alloc(arena, COMPACT_CONTACTS_MAX * sizeof(*l.contacts));
    l.codes = arena_alloc(arena, COMPACT_CODES_MAX * sizeof(*l.codes));
    l.coordinators = arena_alloc(arena, COMPACT_COORDINATORS_MAX * sizeof(*l.coordinators));
    db_bind_int64(stmt, 1, id);
    db_bind_int(stmt, 2, signatories != NULL);
    db_bind_int(stmt, 3, page != NULL);
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        found |= entry_row(stmt, arena, out, &l);
    }
    ret = store_err(st, rc);
    store_done(stmt);
    if (ret < 0 || !found) {
        memset(out, 0, sizeof(*out));
        return ret < 0 ? ret : ERR_NOT_FOUND;
    }
    out->id = id;
    out->authorities = l.authorities;
    out->districts = l.districts;
    out->statuses = l.statuses;
    out->codes = l.codes;
    out->coordinators = l.coordinators;
    sort_lists(out, &l, arena, signatories);
    if (signatories) {
        *nsignatories = l.nsignatories;
        for (size_t i = 0; i < l.nsignatories; i++) {
            (*signatories)[i].compact_name = out->name;
        }
    }
    return 0;
}

int store_compact_get(struct store *st, long long id, struct arena *arena,
                      struct compact_entry *out)
{
    return get_entry(st, id, arena, out, NULL, NULL, NULL);
}

int store_compact_shown(struct store *st, long long id, struct arena *arena,
                        struct compact_shown *out)
{
    memset(out, 0, sizeof(*out));
    return get_entry(st, id, arena, &out->entry, &out->signatories, &out->nsignatories, out);
}

/* ---- lists ---- */

/* ?1 today; each Compact's state on it: its last status change on or before ?1. That is the last
 * change of all, kept with the Compact (migration 0020), unless it is dated after ?1; only then
 * is the state looked up among the Compact's changes. (Found from the changes for every Compact,
 * by a join, it was a third of PostgreSQL's statement; docs/PERFORMANCE.md.) due:
 * review_due_on, written by set_review_due_on. names: the authorities' names (migration 0019). */
#define LIST_CTE                                                                                   \
    "WITH l AS (SELECT c.id, c.name, c.name_norm, c.demo, CASE WHEN c.last_status_on <= ?1 "       \
    "THEN c.last_status ELSE (SELECT status FROM compact_status x WHERE x.compact_id = c.id AND "  \
    "x.date <= ?1 ORDER BY x.date DESC LIMIT 1) END AS status, CASE WHEN c.last_status_on <= ?1 "  \
    "THEN c.last_status_on ELSE (SELECT max(date) FROM compact_status x WHERE x.compact_id = "     \
    "c.id "                                                                                        \
    "AND x.date <= ?1) END AS since, c.review_due_on AS due, c.authority_names AS names "          \
    "FROM compact c) "
/* ?2 status, ?3 region, ?4 overdue, ?5 q, ?6 authority (current code), ?9 coordinator (0: any);
 * then LIST_AFTER's ?7 after, and the page's ?8 limit */
#define LIST_FILTERS                                                                               \
    "WHERE (CAST(?2 AS TEXT) IS NULL OR l.status = ?2) "                                           \
    "AND (CAST(?3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM compact_authority ca JOIN authority "  \
    "a "                                                                                           \
    "ON a.gss = ca.gss WHERE ca.compact_id = l.id AND a.region = ?3)) "                            \
    "AND (?4 = 0 OR (l.due < ?1 AND coalesce(l.status, '') <> 'inactive')) "                       \
    "AND (CAST(?5 AS TEXT) IS NULL OR length(replace(lower(l.name), lower(?5), '')) < "            \
    "length(lower(l.name)) OR "                                                                    \
    "EXISTS (SELECT 1 FROM "                                                                       \
    "compact_authority ca JOIN authority a ON a.gss = ca.gss WHERE ca.compact_id = l.id AND "      \
    "(length(replace(lower(a.name), lower(?5), '')) < length(lower(a.name)) OR a.gss = upper(?5) " \
    "OR a.gss IN "                                                                                 \
    "(SELECT gss FROM authority_alias WHERE alias = upper(?5))))) "                                \
    "AND (CAST(?6 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM compact_authority ca WHERE "           \
    "ca.compact_id = l.id "                                                                        \
    "AND (ca.gss = ?6 OR ca.gss = (SELECT county_gss FROM authority WHERE gss = ?6)))) "           \
    "AND (?9 = 0 OR l.id IN (SELECT compact_id FROM compact_coordinator WHERE user_id = ?9)) "
#define LIST_AFTER "(CAST(?7 AS BIGINT) IS NULL OR l.id > ?7) "
#define LIST_WHERE LIST_FILTERS "AND " LIST_AFTER
/* No filter, as when the list is first opened: a statement without them. PostgreSQL plans each
 * run of a statement whose best plan hangs on its parameters anew, and planning the filters,
 * though unset ones fall away, was most of the list's cost there (the benchmark's 12 Compacts:
 * 350 us of the server's time a run with them, 120 us without; docs/PERFORMANCE.md). */
#define LIST_ALL "WHERE " LIST_AFTER
/* A page of Compacts (?8 of them, in order), with each one's authorities' names in order joined
 * by "; ", NULL for none, as the migrations' triggers keep them (0019: worked out here, one
 * subquery and sort a Compact, they were more than half of PostgreSQL's statement). Then total:
 * how many match without the page, on every row (the API's pages, in the same statement), or
 * NULL (the pages by name, which show them all). */
#define LIST_PAGE(cte, where, order, total)                                                        \
    cte "SELECT p.id, p.name, p.demo, p.status, p.since, p.due, p.names, " total                   \
        " FROM (SELECT l.* FROM l " where "ORDER BY " order " LIMIT ?8) AS p ORDER BY " order
/* SQLite reads the Compacts in either order through a key (compact_name_norm, or the rowid) and
 * stops at the page's end: the page as a subquery, sorted again after, cost it a quarter more. */
#define LIST_PAGE_SQLITE(cte, where, order, total)                                                 \
    cte "SELECT l.id, l.name, l.demo, l.status, l.since, l.due, l.names, " total " FROM l " where  \
        "ORDER BY " order " LIMIT ?8"
#define BY_ID          "id"
#define BY_NAME        "name_norm, id"
#define COUNT_ALL      "SELECT count(*) FROM compact"
#define COUNT_FILTERED "SELECT count(*) FROM l " LIST_FILTERS
/* [filtered][by name][PostgreSQL] */
static const char *const sql_lists[2][2][2] = {
    {{LIST_PAGE_SQLITE(LIST_CTE, LIST_ALL, BY_ID, "(" COUNT_ALL ")"),
      LIST_PAGE(LIST_CTE, LIST_ALL, BY_ID, "(" COUNT_ALL ")")},
     {LIST_PAGE_SQLITE(LIST_CTE, LIST_ALL, BY_NAME, "NULL"),
      LIST_PAGE(LIST_CTE, LIST_ALL, BY_NAME, "NULL")}},
    {{LIST_PAGE_SQLITE(LIST_CTE, LIST_WHERE, BY_ID, "(" COUNT_FILTERED ")"),
      LIST_PAGE(LIST_CTE, LIST_WHERE, BY_ID, "(" COUNT_FILTERED ")")},
     {LIST_PAGE_SQLITE(LIST_CTE, LIST_WHERE, BY_NAME, "NULL"),
      LIST_PAGE(LIST_CTE, LIST_WHERE, BY_NAME, "NULL")}},
};
/* [filtered]: the same for both engines */
static const char *const sql_counts[2] = {COUNT_ALL, LIST_CTE COUNT_FILTERED};

/* Whether f names a filter (beyond its page). */
static int filtered(const struct compact_filter *f)
{
    return f->status >= 0 || f->region >= 0 || f->overdue || (f->q && *f->q) || f->authority ||
           f->coordinator;
}

/* sql prepared with f bound: ?1 to ?6 and ?9, and the page ?7 and ?8 when paged. */
static int prepare_filter(struct store *st, const char *sql, const struct compact_filter *f,
                          int paged, struct db_stmt **out)
{
    struct db_stmt *stmt;
    int ret = store_prepare(st, sql, out);

    if (ret < 0) {
        return ret;
    }
    stmt = *out;
    store_bind_date(stmt, 1, f->today);
    store_bind_text(stmt, 2, f->status >= 0 ? compact_status_id(f->status) : NULL);
    store_bind_text(stmt, 3, f->region >= 0 ? region_name((size_t)f->region) : NULL);
    db_bind_int(stmt, 4, f->overdue != 0);
    store_bind_text(stmt, 5, f->q && *f->q ? f->q : NULL);
    store_bind_text(stmt, 6, f->authority);
    if (paged && f->after) {
        db_bind_int64(stmt, 7, f->after);
    } else {
        db_bind_null(stmt, 7);
    }
    db_bind_int64(stmt, 9, f->coordinator);
    if (paged) {
        store_bind_limit(stmt, 8, f->limit);
    }
    return 0;
}

int store_compact_count(struct store *st, const struct compact_filter *f, size_t *out)
{
    struct db_stmt *stmt;
    int ret = prepare_filter(st, sql_counts[filtered(f)], f, 0, &stmt);

    *out = 0;
    return ret < 0 ? ret : store_row_count(st, stmt, out);
}

static void summary_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct compact_summary *s = item;
    const char *status = (const char *)db_column_text(stmt, 3);
    enum compact_status cs;

    s->id = db_column_int64(stmt, 0);
    s->name = store_col(stmt, 1, arena);
    s->demo = db_column_int(stmt, 2);
    s->status = status && compact_status_parse(status, &cs) == 0 ? (int)cs : -1;
    s->since = store_col_date(stmt, 4);
    s->review_due = store_col_date(stmt, 5);
    s->authorities = store_col(stmt, 6, arena);
}

int store_compact_page(struct store *st, const struct compact_filter *f, struct arena *arena,
                       struct compact_summary **items, size_t *n, size_t *total)
{
    const char *sql = sql_lists[filtered(f)][f->by_name != 0][db_kind(st->db) == DB_PG];
    struct db_stmt *stmt;
    void *v;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = prepare_filter(st, sql, f, 1, &stmt)) < 0 ||
        (ret = store_rows_total(st, stmt, arena, sizeof(**items), summary_row, &v, n, 7, total)) <
            0) {
        return ret;
    }
    *items = v;
    for (size_t i = 0; i < *n; i++) {
        struct compact_summary *s = &(*items)[i];
        s->review_overdue = compact_review_overdue(s->review_due, f->today, s->status);
    }
    /* an empty page says nothing of the others */
    return total && !*n ? store_compact_count(st, f, total) : 0;
}

int store_compact_list(struct store *st, const struct compact_filter *f, struct arena *arena,
                       struct compact_summary **items, size_t *n)
{
    return store_compact_page(st, f, arena, items, n, NULL);
}

/* ---- changes ---- */

static const char sql_patch_details[] =
    "UPDATE compact SET name = CASE WHEN ?2 <> 0 THEN ?3 ELSE name END, "
    "adopted = CASE WHEN ?4 <> 0 THEN ?5 ELSE adopted END, "
    "refreshed = CASE WHEN ?6 <> 0 THEN ?7 ELSE refreshed END, "
    "review_due = CASE WHEN ?8 <> 0 THEN ?9 ELSE review_due END, "
    "document_url = CASE WHEN ?10 <> 0 THEN ?11 ELSE document_url END WHERE id = ?1";
static const char sql_clear_authorities[] = "DELETE FROM compact_authority WHERE compact_id = ?1";
static const char sql_clear_contacts[] = "DELETE FROM compact_contact WHERE compact_id = ?1";
static const char sql_code_remove[] = "DELETE FROM compact_code WHERE id = ?1 AND compact_id = ?2";
static const char sql_code_replace[] = "UPDATE compact_code SET title = ?3, summary = ?4, url = ?5 "
                                       "WHERE id = ?1 AND compact_id = ?2";
static const char sql_code_add[] =
    "INSERT INTO compact_code (compact_id, title, summary, url) VALUES (?1, ?2, ?3, ?4)";
static const char sql_clear_coordinators[] =
    "DELETE FROM compact_coordinator WHERE compact_id = ?1";
static const char sql_coordinator_id[] =
    "SELECT id FROM \"user\" WHERE email = ?1 AND role = 'coordinator' AND disabled = 0";

/* "list.i" or "list.i.name" from arena. */
static const char *at(struct arena *arena, const char *list, size_t i, const char *name)
{
    char out[64];
    int n = name ? snprintf(out, sizeof(out), "%s.%zu.%s", list, i, name)
                 : snprintf(out, sizeof(out), "%s.%zu", list, i);
    return n > 0 && (size_t)n < sizeof(out) ? arena_strdup(arena, out) : list;
}

/* Run a bound write that must change one row: ERR_NOT_FOUND when it changed none. */
static int run_one(struct store *st, struct db_stmt *stmt)
{
    int ret = store_run(st, stmt);
    return ret < 0 ? ret : db_changes(st->db) ? 0 : ERR_NOT_FOUND;
}

static int clear(struct store *st, const char *sql, long long id)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    return store_run(st, stmt);
}

static int patch_codes(struct store *st, long long id, const struct compact_patch *p,
                       struct arena *arena, const char **field)
{
    struct db_stmt *stmt;
    int ret;

    for (size_t i = 0; i < p->ncodes_remove; i++) {
        if ((ret = store_prepare(st, sql_code_remove, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, p->codes_remove[i]);
        db_bind_int64(stmt, 2, id);
        if ((ret = run_one(st, stmt)) < 0) {
            *field = at(arena, "codes.remove", i, NULL);
            return ret;
        }
    }
    for (size_t i = 0; i < p->ncodes_replace; i++) {
        const struct compact_code *c = &p->codes_replace[i];
        if ((ret = store_prepare(st, sql_code_replace, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, c->id);
        db_bind_int64(stmt, 2, id);
        db_bind_text(stmt, 3, c->title);
        store_bind_text(stmt, 4, c->summary);
        store_bind_text(stmt, 5, c->url);
        if ((ret = run_one(st, stmt)) < 0) {
            *field = at(arena, "codes.replace", i, "id");
            return ret;
        }
    }
    for (size_t i = 0; i < p->ncodes_add; i++) {
        const struct compact_code *c = &p->codes_add[i];
        if ((ret = store_prepare(st, sql_code_add, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, id);
        db_bind_text(stmt, 2, c->title);
        store_bind_text(stmt, 3, c->summary);
        store_bind_text(stmt, 4, c->url);
        if ((ret = store_run(st, stmt)) < 0) {
            return ret;
        }
    }
    return 0;
}

static int patch_lists(struct store *st, long long id, const struct compact_patch *p,
                       struct arena *arena, const char **field)
{
    struct db_stmt *stmt;
    char gss[GSS_LEN + 1];
    int ret, rc;

    if (p->fields & PATCH_AUTHORITIES) {
        if ((ret = clear(st, sql_clear_authorities, id)) < 0) {
            return ret;
        }
        for (size_t i = 0; i < p->nauthorities; i++) {
            if ((ret = resolve(st, p->authorities[i], gss)) < 0) {
                *field = at(arena, "authorities", i, NULL);
                return ret;
            }
            if ((ret = store_prepare(st, sql_add_authority, &stmt)) < 0) {
                return ret;
            }
            db_bind_int64(stmt, 1, id);
            db_bind_text(stmt, 2, gss);
            if ((ret = store_run(st, stmt)) < 0) {
                return ret;
            }
        }
    }
    if (p->fields & PATCH_CONTACTS) {
        if ((ret = clear(st, sql_clear_contacts, id)) < 0 ||
            (ret = add_contacts(st, id, p->contacts, p->ncontacts)) < 0) {
            return ret;
        }
    }
    if ((p->fields & PATCH_CODES) && (ret = patch_codes(st, id, p, arena, field)) < 0) {
        return ret;
    }
    if (p->fields & PATCH_COORDINATORS) {
        if ((ret = clear(st, sql_clear_coordinators, id)) < 0) {
            return ret;
        }
        for (size_t i = 0; i < p->ncoordinators; i++) {
            long long user;
            if ((ret = store_prepare(st, sql_coordinator_id, &stmt)) < 0) {
                return ret;
            }
            db_bind_text(stmt, 1, p->coordinators[i]);
            rc = store_step(st, stmt);
            user = rc == DB_ROW ? db_column_int64(stmt, 0) : 0;
            ret = rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
            store_done(stmt);
            if (ret < 0) {
                *field = at(arena, "coordinators", i, NULL);
                return ret;
            }
            if ((ret = store_prepare(st, sql_add_coordinator, &stmt)) < 0) {
                return ret;
            }
            db_bind_int64(stmt, 1, id);
            db_bind_int64(stmt, 2, user);
            if ((ret = store_run(st, stmt)) < 0) {
                return ret;
            }
        }
    }
    return 0;
}

int store_compact_patch(struct store *st, long long id, const struct compact_patch *p,
                        const char *actor, struct arena *arena, const char **field,
                        const char **why)
{
    struct compact_entry e;
    struct buf before = BUF_INIT;
    struct db_stmt *stmt;
    int ret;

    *field = NULL;
    *why = NULL;
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = entry_snapshot(st, id, &before)) < 0 ||
        (ret = store_prepare(st, sql_patch_details, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_int(stmt, 2, !!(p->fields & PATCH_NAME));
    store_bind_text(stmt, 3, p->name);
    db_bind_int(stmt, 4, !!(p->fields & PATCH_ADOPTED));
    store_bind_date(stmt, 5, p->adopted);
    db_bind_int(stmt, 6, !!(p->fields & PATCH_REFRESHED));
    store_bind_date(stmt, 7, p->refreshed);
    db_bind_int(stmt, 8, !!(p->fields & PATCH_REVIEW_DUE));
    store_bind_date(stmt, 9, p->review_due);
    db_bind_int(stmt, 10, !!(p->fields & PATCH_DOCUMENT_URL));
    store_bind_text(stmt, 11, p->document_url);
    if ((ret = store_run(st, stmt)) < 0 || (ret = patch_lists(st, id, p, arena, field)) < 0) {
        goto cleanup;
    }
    /* The rules hold for the entry as it now stands, whatever the change touched. */
    if ((ret = store_compact_get(st, id, arena, &e)) < 0) {
        goto cleanup;
    }
    if ((ret = compact_details_check(e.name, e.adopted, e.refreshed, e.review_set, e.document_url,
                                     e.contacts, e.ncontacts, e.codes, e.ncodes, arena, field,
                                     why)) < 0) {
        goto cleanup;
    }
    if (p->fields & PATCH_AUTHORITIES && !e.nauthorities) {
        *field = "authorities";
        *why = "a Compact covers at least one authority.";
        ret = ERR_INVALID;
        goto cleanup;
    }
    if ((ret = set_review_due_on(st, id, e.adopted, e.refreshed, e.review_set)) < 0) {
        goto cleanup;
    }
    if ((ret = audit(st, id, actor, "update", &before)) < 0) {
        goto cleanup;
    }
cleanup:
    ret = store_end(st, ret);
    buf_release(&before);
    return ret;
}

int store_compact_status_add(struct store *st, long long id, enum compact_status status,
                             date_t date, const char *actor)
{
    struct arena arena;
    struct compact_entry e;
    struct buf before = BUF_INIT;
    char text[DATE_STRLEN + 1];
    int ret;

    arena_init(&arena);
    if ((ret = store_begin(st)) < 0) {
        goto cleanup;
    }
    if ((ret = store_compact_get(st, id, &arena, &e)) < 0) {
        goto cleanup;
    }
    json_audit_compact(&before, &e);
    if ((ret = compact_status_check(e.statuses, e.nstatuses, date)) < 0) {
        goto cleanup;
    }
    date_format(date, text);
    if ((ret = add_status(st, id, compact_status_id(status), text)) < 0 ||
        (ret = audit(st, id, actor, "status", &before)) < 0) {
        goto cleanup;
    }
cleanup:
    ret = store_end(st, ret);
    buf_release(&before);
    arena_release(&arena);
    return ret;
}

/* ---- demo data ---- */

static const char sql_demo_loaded[] = "SELECT 1 FROM compact WHERE demo = 1 LIMIT 1";
static int demo_compact(struct store *st, const struct demo_compact *d, const char *actor,
                        long long *id, const char **bad)
{
    char text[DATE_STRLEN + 1];
    int ret;

    if ((ret = add(st, &d->c, actor, id, bad)) < 0) {
        return ret;
    }
    for (size_t j = 0; j < d->nlater; j++) {
        date_format(d->later[j].date, text);
        if ((ret = add_status(st, *id, compact_status_id(d->later[j].status), text)) < 0) {
            return ret;
        }
    }
    for (size_t j = 0; j < d->ncodes; j++) {
        struct db_stmt *stmt;
        if ((ret = store_prepare(st, sql_code_add, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, *id);
        db_bind_text(stmt, 2, d->codes[j].title);
        store_bind_text(stmt, 3, d->codes[j].summary);
        store_bind_text(stmt, 4, d->codes[j].url);
        if ((ret = store_run(st, stmt)) < 0) {
            return ret;
        }
    }
    return d->ncodes ? store_search_index(st, SEARCH_COMPACT, *id) : 0; /* its codes too */
}

int store_demo_load(struct store *st, const struct demo_compact *c, size_t nc,
                    const struct demo_organisation *o, size_t no, const struct demo_signatory *s,
                    size_t ns, const char *actor, const char **bad)
{
    struct arena arena;
    long long *cids, *oids, id;
    struct db_stmt *stmt;
    int ret;

    *bad = NULL;
    arena_init(&arena);
    cids = arena_alloc(&arena, (nc + 1) * sizeof(*cids));
    oids = arena_alloc(&arena, (no + 1) * sizeof(*oids));
    if ((ret = store_begin(st)) < 0) {
        goto cleanup;
    }
    /* demo data there already is a conflict */
    if ((ret = store_prepare(st, sql_demo_loaded, &stmt)) < 0 ||
        (ret = store_row_int(st, stmt, NULL)) != ERR_NOT_FOUND) {
        ret = ret == 0 ? ERR_CONFLICT : ret;
        goto cleanup;
    }
    for (size_t i = 0; i < nc; i++) {
        if ((ret = demo_compact(st, &c[i], actor, &cids[i], bad)) < 0) {
            goto cleanup;
        }
    }
    /* Organisations and signatories go through their own store functions, so the demo's
     * audit entries are those a person's would be. */
    for (size_t i = 0; i < no; i++) {
        struct organisation org = {.name = o[i].name, .verified = 1};
        if (org_sector_parse(o[i].sector, &org.sector) < 0 ||
            org_type_parse(o[i].type, &org.type) < 0) {
            ret = ERR_INVALID;
            goto cleanup;
        }
        if ((ret = store_organisation_insert(st, &org, actor, &oids[i])) < 0) {
            goto cleanup;
        }
    }
    for (size_t i = 0; i < ns; i++) {
        char ref[24];
        struct signatory_new sn = {.role = s[i].role};
        const char *field;
        if (s[i].compact >= nc || s[i].organisation >= no ||
            date_parse(s[i].signed_on, strlen(s[i].signed_on), &sn.signed_on) < 0 ||
            (s[i].withdrawn_on &&
             date_parse(s[i].withdrawn_on, strlen(s[i].withdrawn_on), &sn.withdrawn_on) < 0)) {
            ret = ERR_INVALID;
            goto cleanup;
        }
        snprintf(ref, sizeof(ref), "%lld", oids[s[i].organisation]);
        sn.compact_id = cids[s[i].compact];
        sn.organisation = ref;
        if ((ret = store_signatory_insert(st, &sn, actor, &id, &field)) < 0) {
            goto cleanup;
        }
    }
cleanup:
    ret = store_end(st, ret);
    arena_release(&arena);
    return ret;
}

static const char sql_find_authority[] =
    "SELECT gss FROM authority WHERE gss = upper(?1) "
    "UNION ALL SELECT gss FROM authority_alias WHERE alias = upper(?1) "
    "UNION ALL SELECT gss FROM (SELECT gss FROM authority WHERE name_norm = lower(?1) "
    "OR official_name_norm = lower(?1) ORDER BY end_date IS NOT NULL, sets & 2 = 0, gss) AS named "
    "LIMIT 1";

int store_compact_find_authority(struct store *st, const char *text, struct arena *arena,
                                 const char **gss)
{
    struct db_stmt *stmt;
    int ret;

    *gss = NULL;
    if ((ret = store_prepare(st, sql_find_authority, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, text);
    return store_row_text(st, stmt, arena, gss);
}

static const char sql_naming[] =
    "SELECT DISTINCT c.id, c.name FROM compact_authority ca JOIN compact c "
    "ON c.id = ca.compact_id WHERE ca.gss = ?1 OR ca.gss = ?2 ORDER BY c.id LIMIT 256";

int store_compact_naming(struct store *st, const char *gss, const char *county_gss,
                         struct arena *arena, struct coverage_compact **out, size_t *n)
{
    struct coverage_compact *c = arena_alloc(arena, 256 * sizeof(*c));
    struct db_stmt *stmt;
    size_t len = 0;
    int ret, rc;

    *out = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_naming, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, gss);
    store_bind_text(stmt, 2, county_gss);
    while ((rc = store_step(st, stmt)) == DB_ROW && len < 256) {
        c[len].id = db_column_int64(stmt, 0);
        c[len].name = store_col(stmt, 1, arena);
        len++;
    }
    ret = store_err(st, rc);
    store_done(stmt);
    for (size_t i = 0; i < len && !ret; i++) {
        struct compact_entry e;
        const char **codes;
        if ((ret = store_compact_get(st, c[i].id, arena, &e)) < 0) {
            break;
        }
        codes = arena_alloc(arena, (e.nauthorities + 1) * sizeof(*codes));
        for (size_t j = 0; j < e.nauthorities; j++) {
            codes[j] = e.authorities[j].gss;
        }
        c[i].statuses = e.statuses;
        c[i].nstatuses = e.nstatuses;
        c[i].gss = codes;
        c[i].ngss = e.nauthorities;
    }
    if (!ret) {
        *out = c;
        *n = len;
    }
    return ret;
}
