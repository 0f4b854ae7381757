/*
 * Complaints (SPEC section 6): the cases, their append-only events, and what is kept with every
 * event so that lists and statistics read columns instead of rebuilding each case: the case's
 * state, its stage entries, the causes of its last closing. core/complaint.c decides everything;
 * this file writes what it decided, in one transaction with the audit entry.
 */
#include <string.h>

#include "store_int.h"
#include "codec/json_audit.h"
#include "base/err.h"
#include "base/banned.h"

static const char sql_add[] =
    "INSERT INTO complaint (compact_id, complainant_id, respondent_id, title, summary, aware_on, "
    "opened_on, activity_id, created_at, created_by, status, stage, highest, outcome, "
    "year_opened, due_on, awaiting, ombudsman, ombudsman_late, nevents, nstages, last_date) "
    "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22 WHERE EXISTS (SELECT 1 FROM compact WHERE id = ?1) RETURNING id";
static const char sql_rule_add[] =
    "INSERT INTO complaint_rule (complaint_id, rule) VALUES (?1, ?2)";
/* The case's state after an event; only when no other event came since it was read. */
static const char sql_state[] =
    "UPDATE complaint SET status = ?11, stage = ?12, highest = ?13, outcome = ?14, due_on = ?16, "
    "awaiting = ?17, ombudsman = ?18, ombudsman_late = ?19, nevents = ?20, nstages = ?21, "
    "last_date = ?22 WHERE id = ?1 AND nevents = ?2 RETURNING id";
static const char sql_event_add[] =
    "INSERT INTO complaint_event (complaint_id, n, type, date, to_stage, ombudsman, outcome, "
    "causes, remedy, note, by_actor, days, source, recorded_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char sql_stage_put[] =
    "INSERT INTO complaint_stage (complaint_id, n, compact_id, year_opened, stage, started_on, "
    "days, source, due_on, long_due_on, responded_on, ended_on) "
    "SELECT id, ?2, compact_id, year_opened, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 FROM complaint "
    "WHERE id = ?1 ON CONFLICT (complaint_id, n) DO UPDATE SET "
    "responded_on = excluded.responded_on, ended_on = excluded.ended_on";
static const char sql_causes_clear[] = "DELETE FROM complaint_cause WHERE complaint_id = ?1";
static const char sql_cause_add[] =
    "INSERT INTO complaint_cause (complaint_id, rule, compact_id, year_opened) "
    "SELECT id, ?2, compact_id, year_opened FROM complaint WHERE id = ?1";

/*
 * Kept totals (migration 0014): the statistics' counts of each Compact and year, kept in the
 * same transaction as every event so that the statistics read a few hundred rows instead of
 * every case. A write takes its case out of them as it was (tally_less) and puts it back as it
 * is (tally_more): whatever an event changed, the totals stay the sum over the cases. The stage
 * entries count by the due dates alone; those still waiting are counted when read (due before
 * as_of). last_date is the latest date any of the cases stored: the totals hold for every as_of
 * from it on, the statistics read the cases for an earlier one.
 */
#define STAGE_ON_TIME "days > 0 AND responded_on <= due_on"
#define STAGE_SETTLED "days > 0 AND (responded_on IS NOT NULL OR due_on < ended_on)"
#define STAGE_COUNT(what)                                                                          \
    "(SELECT count(*) FROM complaint_stage WHERE complaint_id = ?1 AND " what ")"
static const char sql_tally_case_less[] =
    "UPDATE complaint_tally_case SET n = n - 1 "
    "WHERE (compact_id, year_opened, highest, status, outcome) IN (SELECT compact_id, "
    "year_opened, highest, status, coalesce(outcome, '') FROM complaint WHERE id = ?1)";
static const char sql_tally_less[] = "UPDATE complaint_tally SET on_time = on_time - " STAGE_COUNT(
    STAGE_ON_TIME) ", "
                   "settled = settled - " STAGE_COUNT(
                       STAGE_SETTLED) " "
                                      "WHERE (compact_id, year_opened) IN (SELECT compact_id, "
                                      "year_opened FROM complaint "
                                      "WHERE id = ?1)";
static const char sql_tally_case_more[] =
    "INSERT INTO complaint_tally_case (compact_id, year_opened, highest, status, outcome, n) "
    "SELECT compact_id, year_opened, highest, status, coalesce(outcome, ''), 1 FROM complaint "
    "WHERE id = ?1 ON CONFLICT (compact_id, year_opened, highest, status, outcome) "
    "DO UPDATE SET n = complaint_tally_case.n + 1";
/* ?2 the latest date the case stores */
static const char sql_tally_more[] =
    "INSERT INTO complaint_tally (compact_id, year_opened, on_time, settled, last_date) "
    "SELECT compact_id, year_opened, " STAGE_COUNT(STAGE_ON_TIME) ", " STAGE_COUNT(
        STAGE_SETTLED) ", ?2 FROM complaint WHERE id = ?1 "
                       "ON CONFLICT (compact_id, year_opened) DO UPDATE SET "
                       "on_time = complaint_tally.on_time + excluded.on_time, "
                       "settled = complaint_tally.settled + excluded.settled, "
                       "last_date = CASE WHEN excluded.last_date > complaint_tally.last_date "
                       "THEN excluded.last_date ELSE complaint_tally.last_date END";

/* A case with its names and current stage entry, as every read gives it. */
#define COMPLAINT_COLUMNS                                                                          \
    "SELECT k.id, k.compact_id, c.name, a.id, a.org_id, coalesce(a.org_id, CAST(a.id AS TEXT)), "  \
    "a.name, r.id, r.org_id, coalesce(r.org_id, CAST(r.id AS TEXT)), r.name, k.title, "            \
    "k.summary, k.aware_on, k.opened_on, k.activity_id, k.status, k.stage, k.highest, "            \
    "k.outcome, k.awaiting, k.due_on, k.ombudsman, k.ombudsman_late, k.last_date, k.nstages, "     \
    "s.stage, s.started_on, s.days, s.source, s.due_on, s.long_due_on, s.responded_on, "           \
    "s.ended_on "                                                                                  \
    "FROM complaint k JOIN compact c ON c.id = k.compact_id "                                      \
    "JOIN organisation a ON a.id = k.complainant_id "                                              \
    "JOIN organisation r ON r.id = k.respondent_id "                                               \
    "JOIN complaint_stage s ON s.complaint_id = k.id AND s.n = k.nstages "
static const char sql_get[] = COMPLAINT_COLUMNS "WHERE k.id = ?1";
static const char sql_rules[] =
    "SELECT rule FROM complaint_rule WHERE complaint_id = ?1 ORDER BY rule";
static const char sql_events[] =
    "SELECT e.n, e.type, e.date, e.to_stage, e.ombudsman, e.outcome, e.causes, e.remedy, e.note, "
    "e.by_actor, e.days, e.source, e.recorded_at, u.name FROM complaint_event e "
    "LEFT JOIN \"user\" u ON 'user:' || u.id = e.by_actor WHERE e.complaint_id = ?1 ORDER BY e.n";

/*
 * A list: ?1 Compact (0 any), ?2 coordinator (0 any), ?3 member's org-id (NULL any), ?4 a party
 * (NULL any), ?5 open only, ?6 as_of. Overdue lists have their own statement, which starts from
 * the index of what is due (PostgreSQL keeps one plan whatever the parameters).
 */
#define LIST_WHERE                                                                                 \
    "(?1 = 0 OR k.compact_id = ?1) AND (?2 = 0 OR k.compact_id IN "                                \
    "(SELECT compact_id FROM compact_coordinator WHERE user_id = ?2)) "                            \
    "AND (CAST(?3 AS TEXT) IS NULL OR a.org_id_norm = lower(?3) OR r.org_id_norm = lower(?3)) "    \
    "AND (CAST(?4 AS TEXT) IS NULL OR a.org_id_norm = lower(?4) OR r.org_id_norm = lower(?4) "     \
    "OR CAST(a.id AS TEXT) = ?4 OR CAST(r.id AS TEXT) = ?4) AND (?5 = 0 OR k.status = 'open') "    \
    "AND k.opened_on <= ?6 "
#define LIST_ORDER                                                                                 \
    "ORDER BY CASE WHEN k.status = 'open' THEN 0 ELSE 1 END, "                                     \
    "CASE WHEN k.awaiting = 1 THEN 0 ELSE 1 END, k.due_on, k.opened_on DESC, k.id DESC"
/* ?7 a page's rows at most, ?8 rows skipped before it. */
#define LIST_PAGE "LIMIT ?7 OFFSET ?8"
static const char sql_list[] = COMPLAINT_COLUMNS "WHERE " LIST_WHERE LIST_ORDER " " LIST_PAGE;
/* Every overdue case is open and awaited: the order of the due index, so that a page is read
 * from it and the reading stops there, not after sorting all of them (19,000 in the bench). */
#define OVERDUE_WHERE "WHERE k.awaiting = 1 AND k.due_on < ?6 AND " LIST_WHERE
static const char sql_list_overdue[] =
    COMPLAINT_COLUMNS OVERDUE_WHERE "ORDER BY k.due_on, k.opened_on DESC, k.id DESC " LIST_PAGE;
/* A Compact's open cases when no organisation is asked for (?3 and ?4 NULL), as the Compact's
 * page and its API list them: the same order as LIST_ORDER's for open cases (awaiting is 0 or
 * 1), which is the complaint_open index's, so that a page is read from it. */
static const char sql_list_compact_open[] =
    COMPLAINT_COLUMNS "WHERE k.compact_id = ?1 AND k.status = 'open' AND (?2 = 0 OR k.compact_id "
                      "IN (SELECT compact_id FROM compact_coordinator WHERE user_id = ?2)) "
                      "AND ?5 = 1 AND k.opened_on <= ?6 "
                      "ORDER BY k.awaiting DESC, k.due_on, k.opened_on DESC, k.id DESC " LIST_PAGE;
#define LIST_COUNT                                                                                 \
    "SELECT count(*) FROM complaint k JOIN organisation a ON a.id = k.complainant_id "             \
    "JOIN organisation r ON r.id = k.respondent_id "
static const char sql_count[] = LIST_COUNT "WHERE " LIST_WHERE;
static const char sql_count_overdue[] = LIST_COUNT OVERDUE_WHERE;
/* The count when no organisation is asked for (?3 and ?4 NULL): the case's row alone, without
 * the two organisations of each of 19,000 overdue cases. */
#define COUNT_WHERE                                                                                \
    "(?1 = 0 OR k.compact_id = ?1) AND (?2 = 0 OR k.compact_id IN "                                \
    "(SELECT compact_id FROM compact_coordinator WHERE user_id = ?2)) "                            \
    "AND (?5 = 0 OR k.status = 'open') AND k.opened_on <= ?6 "
static const char sql_count_any[] = "SELECT count(*) FROM complaint k WHERE " COUNT_WHERE;
static const char sql_count_overdue_any[] =
    "SELECT count(*) FROM complaint k WHERE k.awaiting = 1 AND k.due_on < ?6 AND " COUNT_WHERE;
/* One Compact's: its rows of the complaint_open index. */
static const char sql_count_compact[] =
    "SELECT count(*) FROM complaint k WHERE k.compact_id = ?1 AND (?2 = 0 OR k.compact_id IN "
    "(SELECT compact_id FROM compact_coordinator WHERE user_id = ?2)) "
    "AND (?5 = 0 OR k.status = 'open') AND k.opened_on <= ?6";

/*
 * The statistics: ?1 Compact, ?2 year, ?3 as_of. A statement for each shape of filter, naming
 * the filters it has and no others (as store_authority.c's lists): "?1 = 0 OR compact_id = ?1"
 * let no index pick a Compact's or a year's rows. [compact | year << 1]
 */
#define STATS_SHAPES(M)                                                                            \
    {                                                                                              \
        M("1 = 1 "), M("compact_id = ?1 "), M("year_opened = ?2 "),                                \
            M("compact_id = ?1 AND year_opened = ?2 ")                                             \
    }
#define STATS_CASES(where)                                                                         \
    "SELECT highest, status, outcome, count(*) FROM complaint WHERE " where                        \
    "AND opened_on <= ?3 GROUP BY highest, status, outcome"
#define STATS_CAUSES(where)                                                                        \
    "SELECT rule, count(*) FROM complaint_cause WHERE " where "GROUP BY rule"
/* Stage entries with a due date: responded on time, and those the share counts (responded,
 * responded late, overdue or long overdue: due before E, the day it ended or as_of). */
#define STATS_ON_TIME(where)                                                                       \
    "SELECT coalesce(sum(CASE WHEN responded_on <= ?3 AND responded_on <= due_on THEN 1 ELSE 0 "   \
    "END), 0), coalesce(sum(CASE WHEN responded_on <= ?3 OR due_on < CASE WHEN ended_on <= ?3 "    \
    "THEN ended_on ELSE ?3 END THEN 1 ELSE 0 END), 0) FROM complaint_stage "                       \
    "WHERE " where "AND days > 0 AND started_on <= ?3"
static const char *const sql_stats_cases[4] = STATS_SHAPES(STATS_CASES);
static const char *const sql_stats_causes[4] = STATS_SHAPES(STATS_CAUSES);
static const char *const sql_stats_on_time[4] = STATS_SHAPES(STATS_ON_TIME);
/* The kept totals (sql_tally_more), in the same shapes: those of the stage entries with the
 * date they hold from, the cases', and the stage entries still waiting, due before ?3 as_of. */
#define TALLY_STAGES(where)                                                                        \
    "SELECT coalesce(sum(on_time), 0), coalesce(sum(settled), 0), max(last_date) "                 \
    "FROM complaint_tally WHERE " where
#define TALLY_CASES(where)                                                                         \
    "SELECT highest, status, outcome, sum(n) FROM complaint_tally_case WHERE " where               \
    "GROUP BY highest, status, outcome"
#define TALLY_WAITING(where)                                                                       \
    "SELECT count(*) FROM complaint_stage WHERE " where                                            \
    "AND days > 0 AND responded_on IS NULL AND ended_on IS NULL AND due_on < ?3"
static const char *const sql_tally_stages[4] = STATS_SHAPES(TALLY_STAGES);
static const char *const sql_tally_cases[4] = STATS_SHAPES(TALLY_CASES);
static const char *const sql_tally_waiting[4] = STATS_SHAPES(TALLY_WAITING);
/* Every (Compact, year) with a case has its row of kept totals. */
static const char sql_years[] =
    "SELECT DISTINCT year_opened FROM complaint_tally ORDER BY year_opened DESC";
static const char sql_years_of[] = "SELECT year_opened FROM complaint_tally "
                                   "WHERE compact_id = ?1 ORDER BY year_opened DESC";

static const char sql_params[] =
    "SELECT c.id, p.name, p.value FROM compact c "
    "LEFT JOIN complaint_parameter p ON p.compact_id = c.id WHERE c.id = ?1";

static const char sql_params_clear[] = "DELETE FROM complaint_parameter WHERE compact_id = ?1";
static const char sql_param_add[] =
    "INSERT INTO complaint_parameter (compact_id, name, value) VALUES (?1, ?2, ?3)";

static const char sql_feed_revoke[] = "UPDATE complaint_feed SET revoked_at = ?2 "
                                      "WHERE user_id = ?1 AND revoked_at IS NULL RETURNING id";
static const char sql_feed_add[] =
    "INSERT INTO complaint_feed (user_id, secret_hash, created_at) VALUES (?1, ?2, ?3)";
static const char sql_feed_exists[] =
    "SELECT 1 FROM complaint_feed WHERE user_id = ?1 AND revoked_at IS NULL";
static const char sql_feed_user[] =
    "SELECT " STORE_USER_COLUMNS " FROM complaint_feed f JOIN \"user\" u ON u.id = f.user_id "
    "WHERE f.secret_hash = ?1 AND f.revoked_at IS NULL AND u.disabled = 0";

/* ---- writing ---- */

/* Bind the text of id, or NULL when has is 0. */
static void bind_id(struct db_stmt *stmt, int i, int has, const char *id)
{
    store_bind_text(stmt, i, has ? id : NULL);
}

/* The case's state cc into ?11 to ?22 of sql_add or sql_state. */
static void bind_state(struct db_stmt *stmt, const struct complaint_case *cc)
{
    int y, m, d;
    date_t due;
    int awaiting = complaint_due_next(cc, &due);
    int closed = cc->status == CSTATUS_CLOSED;

    date_to_ymd(cc->opened_on, &y, &m, &d);
    db_bind_text(stmt, 11, closed ? "closed" : "open");
    db_bind_text(stmt, 12, complaint_stage_id(complaint_current(cc)));
    db_bind_text(stmt, 13, complaint_stage_id(complaint_highest(cc)));
    bind_id(stmt, 14, closed && cc->has_outcome, complaint_outcome_id(cc->outcome));
    db_bind_int(stmt, 15, y);
    store_bind_date(stmt, 16, due);
    db_bind_int(stmt, 17, awaiting);
    bind_id(stmt, 18, cc->ombudsman != OMBUDSMAN_NONE, complaint_ombudsman_id(cc->ombudsman));
    db_bind_int(stmt, 19, cc->ombudsman_late != 0);
    db_bind_int64(stmt, 20, (long long)cc->nevents);
    db_bind_int64(stmt, 21, (long long)cc->nruns);
    store_bind_date(stmt, 22, cc->last_date);
}

/* The stage entries of cc from number from (from 1) to its last, written or brought up to
 * date: an event changes at most the entry that was current and one it starts. */
static int put_stages(struct store *st, long long id, const struct complaint_case *cc, size_t from)
{
    struct db_stmt *stmt;
    int ret;

    for (size_t i = from - 1; i < cc->nruns; i++) {
        const struct complaint_run *r = &cc->runs[i];
        if ((ret = store_prepare(st, sql_stage_put, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, id);
        db_bind_int64(stmt, 2, (long long)i + 1);
        db_bind_text(stmt, 3, complaint_stage_id(r->stage));
        store_bind_date(stmt, 4, r->started_on);
        db_bind_int(stmt, 5, r->has_due ? r->days : 0);
        bind_id(stmt, 6, r->source != SOURCE_NONE, param_source_id(r->source));
        store_bind_date(stmt, 7, r->has_due ? r->due_on : 0);
        store_bind_date(stmt, 8, r->has_due ? r->long_due_on : 0);
        store_bind_date(stmt, 9, r->responded ? r->responded_on : 0);
        store_bind_date(stmt, 10, r->ended ? r->ended_on : 0);
        if ((ret = store_run(st, stmt)) < 0) {
            return ret;
        }
    }
    return 0;
}

/* The causes of cc's last closing, replacing those before. */
static int put_causes(struct store *st, long long id, const struct complaint_case *cc)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_causes_clear, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    for (size_t i = 0; i < cc->ncauses; i++) {
        if ((ret = store_prepare(st, sql_cause_add, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, id);
        db_bind_text(stmt, 2, rule_id(cc->causes[i]));
        if ((ret = store_run(st, stmt)) < 0) {
            return ret;
        }
    }
    return 0;
}

/* Run sql with ?1 case id (and ?2 date last, when not 0). */
static int run_for_case(struct store *st, const char *sql, long long id, date_t last)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    if (last) {
        store_bind_date(stmt, 2, last);
    }
    return store_run(st, stmt);
}

/* Take case id out of the kept totals as it is stored now. */
static int tally_less(struct store *st, long long id)
{
    int ret = run_for_case(st, sql_tally_case_less, id, 0);

    return ret < 0 ? ret : run_for_case(st, sql_tally_less, id, 0);
}

/* Put case id, as stored now with state cc, into the kept totals. */
static int tally_more(struct store *st, long long id, const struct complaint_case *cc)
{
    date_t last = cc->opened_on;
    int ret;

    for (size_t i = 0; i < cc->nruns; i++) {
        const struct complaint_run *r = &cc->runs[i];
        date_t dates[3] = {r->started_on, r->responded ? r->responded_on : 0,
                           r->ended ? r->ended_on : 0};
        for (size_t j = 0; j < 3; j++) {
            last = dates[j] > last ? dates[j] : last;
        }
    }
    if ((ret = run_for_case(st, sql_tally_case_more, id, 0)) < 0) {
        return ret;
    }
    return run_for_case(st, sql_tally_more, id, last);
}

/* Event e as case id's number n, and its audit entry (a case's first has the case's). */
static int put_event(struct store *st, long long id, int n, const struct complaint_event *e,
                     const struct complaint_case *cc, const char *actor)
{
    struct db_stmt *stmt;
    struct buf causes = BUF_INIT, after = BUF_INIT;
    char entity[STORE_ID_LEN];
    int starts = e->type == CEVENT_OPENED || e->type == CEVENT_ESCALATED;
    int ret;

    if ((ret = store_prepare(st, sql_event_add, &stmt)) < 0) {
        return ret;
    }
    for (size_t i = 0; e->type == CEVENT_CLOSED && i < e->ncauses; i++) {
        buf_addf(&causes, "%s%s", i ? " " : "", rule_id(e->causes[i]));
    }
    db_bind_int64(stmt, 1, id);
    db_bind_int(stmt, 2, n);
    db_bind_text(stmt, 3, complaint_event_id(e->type));
    store_bind_date(stmt, 4, e->date);
    bind_id(stmt, 5, starts, complaint_stage_id(e->to));
    bind_id(stmt, 6, starts && e->to == STAGE_OMBUDSMAN, complaint_ombudsman_id(e->ombudsman));
    bind_id(stmt, 7, e->type == CEVENT_CLOSED, complaint_outcome_id(e->outcome));
    bind_id(stmt, 8, e->type == CEVENT_CLOSED, causes.data);
    store_bind_text(stmt, 9, e->remedy);
    store_bind_text(stmt, 10, e->note);
    db_bind_text(stmt, 11, actor);
    db_bind_int(stmt, 12, e->days);
    bind_id(stmt, 13, e->source != SOURCE_NONE, param_source_id(e->source));
    store_bind_now(stmt, 14);
    ret = buf_failed(&causes) ? ERR_TOO_BIG : store_run(st, stmt);
    store_done(stmt);
    buf_release(&causes);
    if (ret == 0 && n > 1) {
        json_audit_complaint_event(&after, n, e, cc);
        ret = store_audit_add(st, NULL, actor, complaint_event_id(e->type), "complaint",
                              store_id_text(id, entity), NULL, &after);
    }
    buf_release(&after);
    return ret;
}

int store_complaint_insert(struct store *st, const struct store_complaint *c,
                           const struct complaint_event *e, const struct complaint_case *cc,
                           const char *actor, long long *id)
{
    struct db_stmt *stmt;
    struct buf after = BUF_INIT;
    char entity[STORE_ID_LEN];
    int ret;

    *id = 0;
    if ((ret = store_prepare(st, sql_add, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, c->compact_id);
    db_bind_int64(stmt, 2, c->complainant.id);
    db_bind_int64(stmt, 3, c->respondent.id);
    db_bind_text(stmt, 4, c->title);
    db_bind_text(stmt, 5, c->summary);
    store_bind_date(stmt, 6, c->aware_on);
    store_bind_date(stmt, 7, c->opened_on);
    if (c->activity_id) {
        db_bind_int64(stmt, 8, c->activity_id);
    }
    store_bind_now(stmt, 9);
    db_bind_text(stmt, 10, actor);
    bind_state(stmt, cc);
    if ((ret = store_run_id(st, stmt, id)) < 0) { /* ERR_NOT_FOUND: no such Compact */
        goto cleanup;
    }
    for (size_t i = 0; i < c->nrules; i++) {
        if ((ret = store_prepare(st, sql_rule_add, &stmt)) < 0) {
            goto cleanup;
        }
        db_bind_int64(stmt, 1, *id);
        db_bind_text(stmt, 2, rule_id(c->rules[i]));
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
    if ((ret = put_stages(st, *id, cc, 1)) < 0 || (ret = put_causes(st, *id, cc)) < 0 ||
        (ret = tally_more(st, *id, cc)) < 0 || (ret = put_event(st, *id, 1, e, cc, actor)) < 0) {
        goto cleanup;
    }
    json_audit_complaint(&after, &(struct audit_complaint){
                                     .id = *id,
                                     .compact_id = c->compact_id,
                                     .complainant = c->complainant.ref,
                                     .respondent = c->respondent.ref,
                                     .title = c->title,
                                     .summary = c->summary,
                                     .aware_on = c->aware_on,
                                     .opened_on = c->opened_on,
                                     .rules = c->rules,
                                     .nrules = c->nrules,
                                     .activity_id = c->activity_id,
                                 });
    ret = store_audit_add(st, NULL, actor, "create", "complaint", store_id_text(*id, entity), NULL,
                          &after);
cleanup:
    buf_release(&after);
    if (ret < 0) {
        *id = 0;
    }
    return ret;
}

int store_complaint_add(struct store *st, const struct store_complaint *c,
                        const struct complaint_event *e, const struct complaint_case *cc,
                        const char *actor, long long *id)
{
    int ret;

    *id = 0;
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    ret = store_complaint_insert(st, c, e, cc, actor, id);
    if ((ret = store_end(st, ret)) < 0) {
        *id = 0;
    }
    return ret;
}

int store_complaint_insert_event(struct store *st, long long id, int n,
                                 const struct complaint_event *e, const struct complaint_case *cc,
                                 const char *actor)
{
    struct db_stmt *stmt;
    size_t from;
    int ret;

    if (n < 2 || cc->nruns == 0) {
        return ERR_INVALID;
    }
    if ((ret = tally_less(st, id)) < 0 || (ret = store_prepare(st, sql_state, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    db_bind_int(stmt, 2, n - 1);
    bind_state(stmt, cc);
    if ((ret = store_row_int(st, stmt, NULL)) < 0) {
        return ret == ERR_NOT_FOUND ? ERR_BUSY : ret; /* another event came first */
    }
    from = cc->nruns > 1 ? cc->nruns - 1 : 1;
    if ((ret = put_stages(st, id, cc, from)) < 0 ||
        (e->type == CEVENT_CLOSED && (ret = put_causes(st, id, cc)) < 0) ||
        (ret = tally_more(st, id, cc)) < 0) {
        return ret;
    }
    return put_event(st, id, n, e, cc, actor);
}

int store_complaint_add_event(struct store *st, long long id, int n,
                              const struct complaint_event *e, const struct complaint_case *cc,
                              const char *actor)
{
    int ret;

    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    ret = store_complaint_insert_event(st, id, n, e, cc, actor);
    return store_end(st, ret);
}

/* ---- reading ---- */

/* The enum whose id is column i, by parse; dflt when NULL or unknown. */
static int col_enum(struct db_stmt *stmt, int i, int (*parse)(const char *, int *), int dflt)
{
    const char *s = db_column_text(stmt, i);
    int v;

    return s && parse(s, &v) == 0 ? v : dflt;
}

static int parse_stage(const char *s, int *out)
{
    enum complaint_stage v;
    int ret = complaint_stage_parse(s, &v);
    *out = (int)v;
    return ret;
}

static int parse_outcome(const char *s, int *out)
{
    enum complaint_outcome v;
    int ret = complaint_outcome_parse(s, &v);
    *out = (int)v;
    return ret;
}

static int parse_ombudsman(const char *s, int *out)
{
    enum complaint_ombudsman v;
    int ret = complaint_ombudsman_parse(s, &v);
    *out = (int)v;
    return ret;
}

static int parse_event(const char *s, int *out)
{
    enum complaint_event_type v;
    int ret = complaint_event_parse(s, &v);
    *out = (int)v;
    return ret;
}

/* "default" or "compact" into a param_source. */
static enum param_source col_source(struct db_stmt *stmt, int i)
{
    const char *s = db_column_text(stmt, i);

    for (int p = SOURCE_DEFAULT; s && p < SOURCE_COUNT; p++) {
        if (!strcmp(s, param_source_id((enum param_source)p))) {
            return (enum param_source)p;
        }
    }
    return SOURCE_NONE;
}

/* A party from columns i (number), i + 1 (org-id), i + 2 (reference), i + 3 (name). */
static void col_party(struct db_stmt *stmt, int i, struct arena *arena,
                      struct store_complaint_party *p)
{
    p->id = db_column_int64(stmt, i);
    p->org_id = store_col(stmt, i + 1, arena);
    p->ref = store_col(stmt, i + 2, arena);
    p->name = store_col(stmt, i + 3, arena);
}

static void read_complaint(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct store_complaint *c = item;
    struct complaint_run *r = &c->current;

    memset(c, 0, sizeof(*c));
    c->id = db_column_int64(stmt, 0);
    c->compact_id = db_column_int64(stmt, 1);
    c->compact_name = store_col(stmt, 2, arena);
    col_party(stmt, 3, arena, &c->complainant);
    col_party(stmt, 7, arena, &c->respondent);
    c->title = store_col(stmt, 11, arena);
    c->summary = store_col(stmt, 12, arena);
    c->aware_on = store_col_date(stmt, 13);
    c->opened_on = store_col_date(stmt, 14);
    c->activity_id = db_column_is_null(stmt, 15) ? 0 : db_column_int64(stmt, 15);
    c->status = db_column_text(stmt, 16) && !strcmp(db_column_text(stmt, 16), "closed")
                    ? CSTATUS_CLOSED
                    : CSTATUS_OPEN;
    c->stage = (enum complaint_stage)col_enum(stmt, 17, parse_stage, STAGE_INFORMAL);
    c->highest = (enum complaint_stage)col_enum(stmt, 18, parse_stage, STAGE_INFORMAL);
    c->has_outcome = !db_column_is_null(stmt, 19);
    c->outcome = (enum complaint_outcome)col_enum(stmt, 19, parse_outcome, OUTCOME_RESOLVED);
    c->awaiting = db_column_int(stmt, 20);
    c->due_on = store_col_date(stmt, 21);
    c->ombudsman = (enum complaint_ombudsman)col_enum(stmt, 22, parse_ombudsman, OMBUDSMAN_NONE);
    c->ombudsman_late = db_column_int(stmt, 23);
    c->last_date = store_col_date(stmt, 24);
    c->nstages = (size_t)db_column_int64(stmt, 25);
    r->stage = (enum complaint_stage)col_enum(stmt, 26, parse_stage, STAGE_INFORMAL);
    r->started_on = store_col_date(stmt, 27);
    r->days = db_column_int(stmt, 28);
    r->source = col_source(stmt, 29);
    r->due_on = store_col_date(stmt, 30);
    r->has_due = r->days > 0 && r->due_on != 0;
    r->long_due_on = store_col_date(stmt, 31);
    r->responded_on = store_col_date(stmt, 32);
    r->responded = r->responded_on != 0;
    r->ended_on = store_col_date(stmt, 33);
    r->ended = r->ended_on != 0;
}

/* A rule name into an enum rule (RULE_COUNT for one no longer known). */
static void read_rule(struct db_stmt *stmt, struct arena *arena, void *item)
{
    const char *s = (const char *)db_column_text(stmt, 0);
    enum rule r;

    (void)arena;
    *(enum rule *)item = s && rule_parse(s, &r) == 0 ? r : RULE_COUNT;
}

/* The rule names of text (space between) into out[0..*n); unknown ones left out. */
static void split_rules(const char *text, enum rule *out, size_t *n)
{
    *n = 0;
    while (text && *text) {
        char name[64];
        size_t len = strcspn(text, " ");
        enum rule r;
        if (len < sizeof(name)) {
            memcpy(name, text, len);
            name[len] = '\0';
            if (rule_parse(name, &r) == 0 && *n < COMPLAINT_RULES_MAX) {
                out[(*n)++] = r;
            }
        }
        text += len;
        text += *text == ' ';
    }
}

static void read_event(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct store_complaint_event *ev = item;
    struct complaint_event *e = &ev->e;

    memset(ev, 0, sizeof(*ev));
    ev->n = db_column_int(stmt, 0);
    e->type = (enum complaint_event_type)col_enum(stmt, 1, parse_event, CEVENT_COUNT);
    e->date = store_col_date(stmt, 2);
    e->to = (enum complaint_stage)col_enum(stmt, 3, parse_stage, STAGE_COUNT);
    e->ombudsman = (enum complaint_ombudsman)col_enum(stmt, 4, parse_ombudsman, OMBUDSMAN_NONE);
    e->outcome = (enum complaint_outcome)col_enum(stmt, 5, parse_outcome, OUTCOME_COUNT);
    split_rules((const char *)db_column_text(stmt, 6), e->causes, &e->ncauses);
    e->remedy = store_col(stmt, 7, arena);
    e->note = store_col(stmt, 8, arena);
    e->by = store_col(stmt, 9, arena);
    e->days = db_column_int(stmt, 10);
    e->source = col_source(stmt, 11);
    ev->recorded_at = store_col(stmt, 12, arena);
    ev->by_name = store_col(stmt, 13, arena);
}

int store_complaint_get(struct store *st, long long id, struct arena *arena,
                        struct store_complaint *out)
{
    enum rule *rules = NULL;
    size_t n = 0;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_row_of(st, sql_get, id, arena, read_complaint, out)) < 0 ||
        (ret = store_rows_of(st, sql_rules, id, arena, sizeof(*rules), read_rule, &rules, &n)) <
            0 ||
        (ret = store_rows_of(st, sql_events, id, arena, sizeof(*out->events), read_event,
                             &out->events, &out->nevents)) < 0) {
        memset(out, 0, sizeof(*out));
        return ret;
    }
    for (size_t i = 0; i < n; i++) {
        if (rules[i] != RULE_COUNT && out->nrules < COMPLAINT_RULES_MAX) {
            out->rules[out->nrules++] = rules[i];
        }
    }
    return 0;
}

/* Bind f's ?1 to ?6 to stmt. */
static void bind_list(struct db_stmt *stmt, const struct store_complaint_filter *f)
{
    db_bind_int64(stmt, 1, f->compact_id);
    db_bind_int64(stmt, 2, f->coordinator);
    store_bind_text(stmt, 3, f->member_org);
    store_bind_text(stmt, 4, f->party);
    db_bind_int(stmt, 5, f->open_only != 0);
    store_bind_date(stmt, 6, f->as_of);
}

int store_complaint_list(struct store *st, const struct store_complaint_filter *f,
                         struct arena *arena, struct store_complaint **items, size_t *n)
{
    struct db_stmt *stmt;
    const char *sql = f->overdue_only ? sql_list_overdue
                      : f->compact_id && f->open_only && !f->member_org && !f->party
                          ? sql_list_compact_open
                          : sql_list;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    bind_list(stmt, f);
    db_bind_int64(stmt, 7, f->limit ? (long long)f->limit : 9223372036854775807LL);
    db_bind_int64(stmt, 8, f->offset);
    return store_rows(st, stmt, arena, sizeof(**items), read_complaint, items, n);
}

int store_complaint_count(struct store *st, const struct store_complaint_filter *f, size_t *n)
{
    struct db_stmt *stmt;
    int ret, any = !f->member_org && !f->party;

    *n = 0;
    if ((ret = store_prepare(st,
                             f->overdue_only ? (any ? sql_count_overdue_any : sql_count_overdue)
                             : any           ? (f->compact_id ? sql_count_compact : sql_count_any)
                                             : sql_count,
                             &stmt)) < 0) {
        return ret;
    }
    bind_list(stmt, f);
    return store_row_count(st, stmt, n);
}

/* The statistics' statement of sql's shape for compact_id and year, with ?3 as_of bound
 * unless as_of is 0 (the kept totals' statements have no as_of). */
static int stats_prepare(struct store *st, const char *const sql[4], long long compact_id, int year,
                         date_t as_of, struct db_stmt **stmt)
{
    int ret = store_prepare(st, sql[(compact_id != 0) | (year != 0) << 1], stmt);

    if (ret == 0) {
        if (compact_id) {
            db_bind_int64(*stmt, 1, compact_id);
        }
        if (year) {
            db_bind_int(*stmt, 2, year);
        }
        if (as_of) {
            store_bind_date(*stmt, 3, as_of);
        }
    }
    return ret;
}

/* The kept totals of the stage entries of compact_id and year into out's on_time and
 * on_time_base as of as_of: *kept 1, or 0 (and nothing read) when as_of is before a date they
 * count, or there are none. */
static int tally_stages(struct store *st, long long compact_id, int year, date_t as_of,
                        struct complaint_stats *out, int *kept)
{
    struct db_stmt *stmt;
    size_t on_time = 0, settled = 0, waiting = 0;
    date_t last = 0;
    int ret, rc;

    *kept = 0;
    if ((ret = stats_prepare(st, sql_tally_stages, compact_id, year, 0, &stmt)) < 0) {
        return ret;
    }
    if ((rc = store_step(st, stmt)) == DB_ROW) {
        on_time = (size_t)db_column_int64(stmt, 0);
        settled = (size_t)db_column_int64(stmt, 1);
        last = store_col_date(stmt, 2);
    }
    store_done(stmt);
    if (rc != DB_ROW) {
        return store_fail(st, rc);
    }
    if (!last || as_of < last) {
        return 0;
    }
    if ((ret = stats_prepare(st, sql_tally_waiting, compact_id, year, as_of, &stmt)) < 0 ||
        (ret = store_row_count(st, stmt, &waiting)) < 0) {
        return ret;
    }
    out->on_time = on_time;
    out->on_time_base = settled + waiting;
    *kept = 1;
    return 0;
}

static void read_year(struct db_stmt *stmt, struct arena *arena, void *item)
{
    (void)arena;
    *(int *)item = db_column_int(stmt, 0);
}

int store_complaint_counts(struct store *st, long long compact_id, int year, date_t as_of,
                           struct complaint_stats *out, struct arena *arena, int **years,
                           size_t *nyears)
{
    struct db_stmt *stmt;
    int ret, rc, kept;

    memset(out, 0, sizeof(*out));
    if (years) {
        *years = NULL;
        *nyears = 0;
    }
    if ((ret = tally_stages(st, compact_id, year, as_of, out, &kept)) < 0) {
        return ret;
    }
    if ((ret = kept ? stats_prepare(st, sql_tally_cases, compact_id, year, 0, &stmt)
                    : stats_prepare(st, sql_stats_cases, compact_id, year, as_of, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        size_t count = (size_t)db_column_int64(stmt, 3);
        int stage = col_enum(stmt, 0, parse_stage, STAGE_INFORMAL);
        const char *status = (const char *)db_column_text(stmt, 1);
        int outcome = status && !strcmp(status, "closed")
                          ? col_enum(stmt, 2, parse_outcome, COMPLAINT_OUTCOME_OPEN)
                          : COMPLAINT_OUTCOME_OPEN;
        out->opened.n += count;
        out->by_stage[stage].n += count;
        out->by_outcome[outcome].n += count;
    }
    store_done(stmt);
    if (rc != DB_DONE) {
        return store_err(st, rc);
    }
    if ((ret = stats_prepare(st, sql_stats_causes, compact_id, year, as_of, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        const char *name = (const char *)db_column_text(stmt, 0);
        enum rule r;
        if (name && rule_parse(name, &r) == 0) {
            out->by_cause[r].n += (size_t)db_column_int64(stmt, 1);
        }
    }
    store_done(stmt);
    if (rc != DB_DONE) {
        return store_err(st, rc);
    }
    if (!kept) {
        if ((ret = stats_prepare(st, sql_stats_on_time, compact_id, year, as_of, &stmt)) < 0) {
            return ret;
        }
        if ((rc = store_step(st, stmt)) == DB_ROW) {
            out->on_time = (size_t)db_column_int64(stmt, 0);
            out->on_time_base = (size_t)db_column_int64(stmt, 1);
        }
        store_done(stmt);
        if (rc != DB_ROW) {
            return store_fail(st, rc);
        }
    }
    if (!years) {
        return 0;
    }
    if (!compact_id) {
        if ((ret = store_prepare(st, sql_years, &stmt)) < 0) {
            return ret;
        }
        return store_rows(st, stmt, arena, sizeof(**years), read_year, years, nyears);
    }
    return store_rows_of(st, sql_years_of, compact_id, arena, sizeof(**years), read_year, years,
                         nyears);
}

void store_complaint_param_row(struct complaint_params *out, const char *name, int value)
{
    enum complaint_param p;

    if (name && complaint_param_parse(name, &p) == 0) {
        out->set[p] = 1;
        out->value[p] = value;
    }
}

int store_complaint_params(struct store *st, long long compact_id, struct complaint_params *out)
{
    struct db_stmt *stmt;
    int ret, rc, found = 0;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_params, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, compact_id);
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        found = 1;
        store_complaint_param_row(out, (const char *)db_column_text(stmt, 1),
                                  db_column_int(stmt, 2));
    }
    store_done(stmt);
    if (rc != DB_DONE) {
        return store_err(st, rc);
    }
    return found ? 0 : ERR_NOT_FOUND;
}

/* Whether a and b set the same values. */
static int same_params(const struct complaint_params *a, const struct complaint_params *b)
{
    for (int p = 0; p < CPARAM_COUNT; p++) {
        if (a->set[p] != b->set[p] || (a->set[p] && a->value[p] != b->value[p])) {
            return 0;
        }
    }
    return 1;
}

int store_complaint_params_put(struct store *st, long long id, const struct complaint_params *cp,
                               const char *actor)
{
    struct complaint_params was;
    struct buf before = BUF_INIT, after = BUF_INIT;
    struct db_stmt *stmt;
    char entity[STORE_ID_LEN];
    int ret;

    if ((ret = store_complaint_params(st, id, &was)) < 0) {
        return ret;
    }
    if (same_params(&was, cp)) {
        return 0; /* nothing to change, nothing to audit */
    }
    if ((ret = store_prepare(st, sql_params_clear, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    for (int p = 0; p < CPARAM_COUNT; p++) {
        if (!cp->set[p]) {
            continue;
        }
        if ((ret = store_prepare(st, sql_param_add, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, id);
        db_bind_text(stmt, 2, complaint_param_id((enum complaint_param)p));
        db_bind_int(stmt, 3, cp->value[p]);
        if ((ret = store_run(st, stmt)) < 0) {
            return ret;
        }
    }
    json_audit_complaint_params(&before, &was);
    json_audit_complaint_params(&after, cp);
    ret = store_audit_add(st, NULL, actor, "complaint_parameters", "compact",
                          store_id_text(id, entity), &before, &after);
    buf_release(&before);
    buf_release(&after);
    return ret;
}

/* ---- calendar feeds ---- */

/* The feed's audit entry: user_id's feed made (active) or revoked. */
static int feed_audit(struct store *st, long long user_id, int active, const char *actor)
{
    struct buf after = BUF_INIT;
    char entity[STORE_ID_LEN];
    int ret;

    json_audit_complaint_feed(&after, user_id, active);
    ret = store_audit_add(st, NULL, actor, active ? "create" : "revoke", "complaint_feed",
                          store_id_text(user_id, entity), NULL, &after);
    buf_release(&after);
    return ret;
}

/* Revoke user_id's feed: 0, or ERR_NOT_FOUND when there was none. */
static int feed_revoke(struct store *st, long long user_id)
{
    struct db_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(st, sql_feed_revoke, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, user_id);
    store_bind_now(stmt, 2);
    ret = ERR_NOT_FOUND;
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        ret = 0;
    }
    store_done(stmt);
    return rc == DB_DONE ? ret : store_err(st, rc);
}

int store_complaint_feed_add(struct store *st, long long user_id,
                             const unsigned char hash[SECRET_HASH_BYTES], const char *actor)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = feed_revoke(st, user_id)) < 0 && ret != ERR_NOT_FOUND) {
        goto cleanup;
    }
    if ((ret = store_prepare(st, sql_feed_add, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, user_id);
    db_bind_blob(stmt, 2, hash, SECRET_HASH_BYTES);
    store_bind_now(stmt, 3);
    if ((ret = store_run(st, stmt)) == 0) {
        ret = feed_audit(st, user_id, 1, actor);
    }
cleanup:
    return store_end(st, ret);
}

int store_complaint_feed_revoke(struct store *st, long long user_id, const char *actor)
{
    int ret;

    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = feed_revoke(st, user_id)) == 0) {
        ret = feed_audit(st, user_id, 0, actor);
    }
    return store_end(st, ret);
}

int store_complaint_feed_exists(struct store *st, long long user_id, int *exists)
{
    struct db_stmt *stmt;
    int ret;

    *exists = 0;
    if ((ret = store_prepare(st, sql_feed_exists, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, user_id);
    ret = store_row_int(st, stmt, NULL);
    *exists = ret == 0;
    return ret == ERR_NOT_FOUND ? 0 : ret;
}

int store_complaint_feed_user(struct store *st, const unsigned char hash[SECRET_HASH_BYTES],
                              struct arena *arena, struct user *out)
{
    struct db_stmt *stmt;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = store_prepare(st, sql_feed_user, &stmt)) < 0) {
        return ret;
    }
    db_bind_blob(stmt, 1, hash, SECRET_HASH_BYTES);
    return store_row(st, stmt, arena, store_user_row, out);
}
