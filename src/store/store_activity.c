/* Activities recorded against a Compact, and the findings of their latest check. */
#include <string.h>

#include "store_int.h"
#include "codec/json_audit.h"
#include "base/err.h"
#include "base/banned.h"

static const char sql_add[] =
    "INSERT INTO activity (compact_id, org_id, kind, facts, recorded_by, recorded_at, "
    "checked_on, overall, title, recorder_org, amount_pence, decision_date) "
    "SELECT ?1, ?2, ?3, ?4, ?5, ?8, ?6, ?7, ?9, ?10, ?11, ?12 "
    "WHERE EXISTS (SELECT 1 FROM compact WHERE id = ?1) RETURNING id";
static const char sql_finding_add[] =
    "INSERT INTO activity_finding (activity_id, rule, verdict, explanation, due_date) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_findings_clear[] = "DELETE FROM activity_finding WHERE activity_id = ?1";
static const char sql_checked[] = "UPDATE activity SET checked_on = ?2, overall = ?3 WHERE id = ?1";
/* An activity as the audit trail keeps it; with ?3, only one its organisation's member
 * recorded. */
static const char sql_state[] =
    "SELECT a.id, a.compact_id, a.org_id, a.kind, a.facts, a.overall, a.title, a.recorder_org, "
    "a.amount_pence, a.decision_date, a.withdrawn_at, a.withdrawn_by, a.withdrawn_reason "
    "FROM activity a WHERE a.id = ?1 AND a.compact_id = ?2 "
    "AND (CAST(?3 AS TEXT) IS NULL OR a.recorder_org = ?3)";
static const char sql_update[] =
    "UPDATE activity SET org_id = ?2, kind = ?3, facts = ?4, title = ?5, amount_pence = ?6, "
    "decision_date = ?7 WHERE id = ?1 AND withdrawn_at IS NULL";
static const char sql_withdraw[] =
    "UPDATE activity SET withdrawn_at = ?2, withdrawn_by = ?3, withdrawn_reason = ?4 "
    "WHERE id = ?1 AND withdrawn_at IS NULL";
/* One activity for people: its Compact's, its organisations' and its people's names. */
static const char sql_get[] =
    "SELECT a.id, a.compact_id, c.name, a.title, a.org_id, o.name, a.recorder_org, r.name, "
    "a.kind, a.facts, a.overall, a.amount_pence, a.decision_date, a.recorded_by, u.name, "
    "a.recorded_at, a.checked_on, a.withdrawn_at, a.withdrawn_by, w.name, a.withdrawn_reason "
    "FROM activity a JOIN compact c ON c.id = a.compact_id "
    "LEFT JOIN organisation o ON o.org_id_norm = lower(a.org_id) "
    "LEFT JOIN organisation r ON r.org_id_norm = lower(a.recorder_org) "
    "LEFT JOIN \"user\" u ON 'user:' || u.id = a.recorded_by "
    "LEFT JOIN \"user\" w ON 'user:' || w.id = a.withdrawn_by "
    "WHERE a.id = ?1 AND a.compact_id = ?2";
static const char sql_get_findings[] =
    "SELECT a.id, a.org_id, a.kind, a.recorded_at, f.rule, f.verdict, f.explanation, f.due_date, "
    "o.name FROM activity a JOIN activity_finding f ON f.activity_id = a.id "
    "LEFT JOIN organisation o ON o.org_id_norm = lower(a.org_id) WHERE a.id = ?1 "
    "ORDER BY CASE f.verdict WHEN 'breach' THEN 0 WHEN 'unknown' THEN 1 WHEN 'pending' THEN 2 "
    "WHEN 'justified' THEN 3 ELSE 4 END, f.rule";
/* The findings one a line, by rule: a statement for each engine (STORE_JOINED_SQLITE). */
#define ACTIVITY_LIST(lines)                                                                       \
    "SELECT a.id, a.compact_id, a.facts, " lines " FROM activity a "                               \
    "WHERE (?1 = 0 OR a.compact_id = ?1) AND a.withdrawn_at IS NULL ORDER BY a.id"
#define FINDINGS(joined)                                                                           \
    joined("rule || ' ' || verdict || ' ' || explanation", "'\n'",                                 \
           "FROM activity_finding WHERE activity_id = a.id", "rule")
static const char sql_list_sqlite[] = ACTIVITY_LIST(FINDINGS(STORE_JOINED_SQLITE));
static const char sql_list_pg[] = ACTIVITY_LIST(FINDINGS(STORE_JOINED_PG));
/* ?1 Compact (0: any), ?2 coordinator (0: any), ?3 org-id (NULL: any), ?4 limit */
static const char sql_summaries[] =
    "SELECT a.id, a.compact_id, c.name, a.kind, a.org_id, o.name, a.recorded_at, a.overall, "
    "a.title, CASE WHEN a.decision_date > CAST(?5 AS TEXT) THEN 1 ELSE 0 END "
    "FROM activity a JOIN compact c ON c.id = a.compact_id "
    "LEFT JOIN organisation o ON o.org_id_norm = lower(a.org_id) "
    "WHERE (?1 = 0 OR a.compact_id = ?1) AND a.withdrawn_at IS NULL "
    "AND (?2 = 0 OR a.compact_id IN (SELECT compact_id FROM compact_coordinator "
    "WHERE user_id = ?2)) "
    "AND (CAST(?3 AS TEXT) IS NULL OR lower(a.org_id) = lower(?3) OR a.recorded_by IN "
    "(SELECT 'user:' || CAST(u.id AS TEXT) FROM \"user\" u WHERE lower(u.org_id) = lower(?3))) "
    "ORDER BY a.recorded_at DESC, a.id DESC LIMIT ?4";
static const char sql_findings[] =
    "SELECT a.id, a.org_id, a.kind, a.recorded_at, f.rule, f.verdict, f.explanation, f.due_date, "
    "o.name FROM activity a JOIN activity_finding f ON f.activity_id = a.id "
    "LEFT JOIN organisation o ON o.org_id_norm = lower(a.org_id) WHERE a.compact_id = ?1 "
    "AND a.withdrawn_at IS NULL ORDER BY f.verdict <> 'pending', f.due_date, a.id, f.rule";

static int add_findings(struct store *st, long long id, const struct finding *f, size_t n)
{
    struct db_stmt *stmt;
    char due[DATE_STRLEN + 1];
    int ret;

    for (size_t i = 0; i < n; i++) {
        if ((ret = store_prepare(st, sql_finding_add, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, id);
        db_bind_text(stmt, 2, f[i].rule);
        db_bind_text(stmt, 3, verdict_id(f[i].verdict));
        db_bind_text(stmt, 4, f[i].explanation);
        if (f[i].verdict == VERDICT_PENDING && (f[i].fields & FINDING_FEEDBACK_DUE_DATE)) {
            date_format(f[i].feedback_due_date, due);
            db_bind_text_copy(stmt, 5, due);
        }
        if ((ret = store_run(st, stmt)) < 0) {
            return ret;
        }
    }
    return 0;
}

static void read_state(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct audit_activity *a = item;

    a->id = db_column_int64(stmt, 0);
    a->compact_id = db_column_int64(stmt, 1);
    a->org_id = store_col(stmt, 2, arena);
    a->kind = store_col(stmt, 3, arena);
    a->facts = store_col(stmt, 4, arena);
    a->overall = store_col(stmt, 5, arena);
    a->title = store_col(stmt, 6, arena);
    a->recorder_org = store_col(stmt, 7, arena);
    a->amount_pence = db_column_is_null(stmt, 8) ? ACTIVITY_NO_AMOUNT : db_column_int64(stmt, 8);
    a->decision_date = store_col(stmt, 9, arena);
    a->withdrawn_at = store_col(stmt, 10, arena);
    a->withdrawn_by = store_col(stmt, 11, arena);
    a->withdrawn_reason = store_col(stmt, 12, arena);
}

/* The snapshot of activity id of Compact compact_id (recorded by only_org's member, unless
 * NULL) into out; ERR_NOT_FOUND when there is none, ERR_CONFLICT when it has been withdrawn
 * (out filled all the same). */
static int snapshot(struct store *st, long long id, long long compact_id, const char *only_org,
                    struct buf *out)
{
    struct arena arena;
    struct audit_activity a;
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_state, &stmt)) < 0) {
        return ret;
    }
    arena_init(&arena);
    db_bind_int64(stmt, 1, id);
    db_bind_int64(stmt, 2, compact_id);
    store_bind_text(stmt, 3, only_org);
    if ((ret = store_row(st, stmt, &arena, read_state, &a)) == 0) {
        json_audit_activity(out, &a);
        ret = a.withdrawn_at ? ERR_CONFLICT : 0;
    }
    arena_release(&arena);
    return ret;
}

int store_activity_org(struct store *st, long long id, long long compact_id, const char *only_org,
                       struct arena *arena, const char **org)
{
    struct audit_activity a;
    struct db_stmt *stmt;
    int ret;

    *org = NULL;
    if ((ret = store_prepare(st, sql_state, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_int64(stmt, 2, compact_id);
    store_bind_text(stmt, 3, only_org);
    if ((ret = store_row(st, stmt, arena, read_state, &a)) == 0) {
        *org = a.org_id;
    }
    return ret;
}

/* The audit entry of activity id's action ("create", "update", "withdraw"); before NULL for
 * its creation. */
static int audit(struct store *st, long long id, long long compact_id, const char *actor,
                 const char *action, const struct buf *before)
{
    struct buf after = BUF_INIT;
    char entity[STORE_ID_LEN];
    int ret = snapshot(st, id, compact_id, NULL, &after);

    if (ret == 0 || ret == ERR_CONFLICT) { /* a withdrawal's after is withdrawn */
        ret = store_audit_add(st, NULL, actor, action, "activity", store_id_text(id, entity),
                              before, &after);
    }
    buf_release(&after);
    return ret;
}

/* d's values into stmt at ?org, ?title, ?amount, ?decision (the statement's numbers). */
static void bind_details(struct db_stmt *stmt, const struct activity_details *d, int org, int title,
                         int amount, int decision)
{
    store_bind_text(stmt, org, d->org);
    store_bind_text(stmt, title, d->title);
    if (d->amount_pence != ACTIVITY_NO_AMOUNT) {
        db_bind_int64(stmt, amount, d->amount_pence);
    }
    store_bind_date(stmt, decision, d->decision_date);
}

int store_activity_add(struct store *st, long long compact_id, const struct activity_details *d,
                       const char *recorder_org, enum activity_kind kind, const char *facts,
                       const char *actor, date_t checked_on, const struct finding *findings,
                       size_t n, enum verdict overall, long long *id)
{
    struct db_stmt *stmt;
    char on[DATE_STRLEN + 1];
    int ret;

    *id = 0;
    date_format(checked_on, on);
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_add, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, compact_id);
    db_bind_text(stmt, 3, activity_kind_id(kind));
    db_bind_text(stmt, 4, facts);
    db_bind_text(stmt, 5, actor);
    db_bind_text(stmt, 6, on);
    db_bind_text(stmt, 7, verdict_id(overall));
    store_bind_now(stmt, 8);
    bind_details(stmt, d, 2, 9, 11, 12);
    store_bind_text(stmt, 10, recorder_org);
    if ((ret = store_run_id(st, stmt, id)) == 0 && /* ERR_NOT_FOUND: no such Compact */
        (ret = add_findings(st, *id, findings, n)) == 0) {
        ret = audit(st, *id, compact_id, actor, "create", NULL);
    }
cleanup:
    if ((ret = store_end(st, ret)) < 0) {
        *id = 0;
    }
    return ret;
}

int store_activity_set_findings(struct store *st, long long id, date_t checked_on,
                                const struct finding *findings, size_t n, enum verdict overall)
{
    struct db_stmt *stmt;
    char on[DATE_STRLEN + 1];
    int ret;

    date_format(checked_on, on);
    if ((ret = store_prepare(st, sql_findings_clear, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_checked, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_text(stmt, 2, on);
    db_bind_text(stmt, 3, verdict_id(overall));
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    return add_findings(st, id, findings, n);
}

void store_findings_signature(struct buf *b, const struct finding *findings, size_t n)
{
    const struct finding *sorted[RULES_MAX_FINDINGS];
    size_t m = n < RULES_MAX_FINDINGS ? n : RULES_MAX_FINDINGS;

    for (size_t i = 0; i < m; i++) { /* by rule id, as the statement orders them */
        size_t j = i;
        while (j > 0 && strcmp(sorted[j - 1]->rule, findings[i].rule) > 0) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = &findings[i];
    }
    for (size_t i = 0; i < m; i++) {
        buf_addf(b, "%s%s %s %s", i ? "\n" : "", sorted[i]->rule, verdict_id(sorted[i]->verdict),
                 sorted[i]->explanation);
    }
}

static void read_stored(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct stored_activity *a = item;

    a->id = db_column_int64(stmt, 0);
    a->compact_id = db_column_int64(stmt, 1);
    a->facts = store_col(stmt, 2, arena);
    a->signature = store_col(stmt, 3, arena);
}

int store_activity_list(struct store *st, long long compact_id, struct arena *arena,
                        struct stored_activity **items, size_t *n)
{
    return store_rows_of(st, db_kind(st->db) == DB_PG ? sql_list_pg : sql_list_sqlite, compact_id,
                         arena, sizeof(**items), read_stored, items, n);
}

static void read_finding(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct finding_record *r = item;

    r->activity_id = db_column_int64(stmt, 0);
    r->org_id = store_col(stmt, 1, arena);
    r->kind = store_col(stmt, 2, arena);
    r->recorded_at = store_col(stmt, 3, arena);
    r->rule = store_col(stmt, 4, arena);
    r->verdict = store_col(stmt, 5, arena);
    r->explanation = store_col(stmt, 6, arena);
    r->due_date = store_col(stmt, 7, arena);
    r->org_name = store_col(stmt, 8, arena);
}

int store_compact_findings(struct store *st, long long compact_id, struct arena *arena,
                           struct finding_record **rows, size_t *n)
{
    return store_rows_of(st, sql_findings, compact_id, arena, sizeof(**rows), read_finding, rows,
                         n);
}

/* The start of a change of activity id of Compact compact_id (only_org as snapshot's): the
 * transaction begun (store_end ends it, whatever this answers), its state before into before,
 * the change's sql prepared into *stmt. ERR_NOT_FOUND, or ERR_CONFLICT for a withdrawn one. */
static int change_start(struct store *st, long long id, long long compact_id, const char *only_org,
                        const char *sql, struct buf *before, struct db_stmt **stmt)
{
    int ret = store_begin(st);

    if (ret == 0 && (ret = snapshot(st, id, compact_id, only_org, before)) == 0) {
        ret = store_prepare(st, sql, stmt);
    }
    return ret;
}

int store_activity_update(struct store *st, long long id, long long compact_id,
                          const char *only_org, const struct activity_details *d,
                          enum activity_kind kind, const char *facts, const char *actor,
                          date_t checked_on, const struct finding *findings, size_t n,
                          enum verdict overall)
{
    struct buf before = BUF_INIT;
    struct db_stmt *stmt;
    int ret;

    if ((ret = change_start(st, id, compact_id, only_org, sql_update, &before, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_text(stmt, 3, activity_kind_id(kind));
    db_bind_text(stmt, 4, facts);
    bind_details(stmt, d, 2, 5, 6, 7);
    if ((ret = store_run(st, stmt)) == 0 &&
        (ret = store_activity_set_findings(st, id, checked_on, findings, n, overall)) == 0) {
        ret = audit(st, id, compact_id, actor, "update", &before);
    }
cleanup:
    ret = store_end(st, ret);
    buf_release(&before);
    return ret;
}

int store_activity_withdraw(struct store *st, long long id, long long compact_id,
                            const char *only_org, const char *actor, const char *reason)
{
    struct buf before = BUF_INIT;
    struct db_stmt *stmt;
    int ret;

    if ((ret = change_start(st, id, compact_id, only_org, sql_withdraw, &before, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, id);
    store_bind_now(stmt, 2);
    db_bind_text(stmt, 3, actor);
    db_bind_text(stmt, 4, reason);
    if ((ret = store_run(st, stmt)) == 0) {
        ret = audit(st, id, compact_id, actor, "withdraw", &before);
    }
cleanup:
    ret = store_end(st, ret);
    buf_release(&before);
    return ret;
}

static void read_activity(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct recorded_activity *a = item;

    a->id = db_column_int64(stmt, 0);
    a->compact_id = db_column_int64(stmt, 1);
    a->compact_name = store_col(stmt, 2, arena);
    a->details.title = store_col(stmt, 3, arena);
    a->details.org = store_col(stmt, 4, arena);
    a->org_name = store_col(stmt, 5, arena);
    a->recorder_org = store_col(stmt, 6, arena);
    a->recorder_org_name = store_col(stmt, 7, arena);
    a->kind = store_col(stmt, 8, arena);
    a->facts = store_col(stmt, 9, arena);
    a->overall = store_col(stmt, 10, arena);
    a->details.amount_pence =
        db_column_is_null(stmt, 11) ? ACTIVITY_NO_AMOUNT : db_column_int64(stmt, 11);
    a->details.decision_date = store_col_date(stmt, 12);
    a->recorded_by = store_col(stmt, 13, arena);
    a->recorded_by_name = store_col(stmt, 14, arena);
    a->recorded_at = store_col(stmt, 15, arena);
    a->checked_on = store_col_date(stmt, 16);
    a->withdrawn_at = store_col(stmt, 17, arena);
    a->withdrawn_by = store_col(stmt, 18, arena);
    a->withdrawn_by_name = store_col(stmt, 19, arena);
    a->withdrawn_reason = store_col(stmt, 20, arena);
}

int store_activity_get(struct store *st, long long id, long long compact_id, struct arena *arena,
                       struct recorded_activity *out)
{
    struct finding_record *findings;
    struct db_stmt *stmt;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_get, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_int64(stmt, 2, compact_id);
    if ((ret = store_row(st, stmt, arena, read_activity, out)) < 0 ||
        (ret = store_rows_of(st, sql_get_findings, id, arena, sizeof(*findings), read_finding,
                             &findings, &out->nfindings)) < 0) {
        memset(out, 0, sizeof(*out));
        return ret;
    }
    out->findings = findings;
    return 0;
}

static void read_summary(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct activity_summary *a = item;

    a->id = db_column_int64(stmt, 0);
    a->compact_id = db_column_int64(stmt, 1);
    a->compact_name = store_col(stmt, 2, arena);
    a->kind = store_col(stmt, 3, arena);
    a->org_id = store_col(stmt, 4, arena);
    a->org_name = store_col(stmt, 5, arena);
    a->recorded_at = store_col(stmt, 6, arena);
    a->overall = store_col(stmt, 7, arena);
    a->title = store_col(stmt, 8, arena);
    a->planned = (int)db_column_int64(stmt, 9);
}

int store_activity_summaries(struct store *st, const struct activity_filter *f, struct arena *arena,
                             struct activity_summary **items, size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_summaries, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, f->compact_id);
    db_bind_int64(stmt, 2, f->coordinator);
    store_bind_text(stmt, 3, f->org);
    store_bind_limit(stmt, 4, f->limit);
    store_bind_date(stmt, 5, f->today);
    return store_rows(st, stmt, arena, sizeof(**items), read_summary, items, n);
}
