/*
 * The annual survey: the bank, rounds that copy it, invitation codes (hashed), responses apart
 * from who gave them, and the tallies results are read from, moved in each write's transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

static const char sql_round_add[] = "INSERT INTO survey_round (year, opens_on, closes_on, "
                                    "created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id";
static const char sql_round_copy_questions[] =
    "INSERT INTO survey_question (round_id, key, position, version, questionnaire, type, text, "
    "hint) SELECT ?1, key, position, version, questionnaire, type, text, hint "
    "FROM survey_bank_question";
static const char sql_round_copy_options[] =
    "INSERT INTO survey_option (round_id, key, position, option, label) "
    "SELECT ?1, key, position, option, label FROM survey_bank_option";
static const char sql_round_get[] =
    "SELECT id, year, opens_on, closes_on FROM survey_round WHERE year = ?1";
static const char sql_round_list[] =
    "SELECT id, year, opens_on, closes_on FROM survey_round ORDER BY year DESC";
static const char sql_round_year[] = "SELECT year FROM survey_round WHERE id = ?1";
static const char sql_round_before[] = "SELECT max(year) FROM survey_round WHERE year < ?1";
static const char sql_questions[] =
    "SELECT key, version, questionnaire, type, text, hint FROM survey_question "
    "WHERE round_id = ?1 ORDER BY position, key";
static const char sql_options[] = "SELECT key, option, label FROM survey_option "
                                  "WHERE round_id = ?1 ORDER BY key, position";
static const char sql_bank_questions[] =
    "SELECT key, version, questionnaire, type, text, hint FROM survey_bank_question "
    "WHERE ?1 = ?1 ORDER BY position, key";
static const char sql_bank_options[] = "SELECT key, option, label FROM survey_bank_option "
                                       "WHERE ?1 = ?1 ORDER BY key, position";
static const char sql_compact_exists[] = "SELECT 1 FROM compact WHERE id = ?1";
static const char sql_code_add[] = "INSERT INTO survey_code (round_id, compact_id, code_hash, "
                                   "created_at) VALUES (?1, ?2, ?3, ?4)";
static const char sql_code_find[] =
    "SELECT id, compact_id, used_at FROM survey_code WHERE round_id = ?1 AND code_hash = ?2";
static const char sql_code_use[] =
    "UPDATE survey_code SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL RETURNING id";
static const char sql_respondent_add[] =
    "INSERT INTO survey_respondent (round_id, user_id) VALUES (?1, ?2)";
static const char sql_response_add[] =
    "INSERT INTO survey_response (round_id, questionnaire, compact_id, sector, body_type) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
/* A response's answers in one statement (a round trip each on PostgreSQL): [n] for n rows,
 * (?1 the response, ?2k and ?2k+1 the k-th key and value). */
#define R1 "(?1, ?2, ?3)"
#define R2                                                                                         \
    R1 ", "                                                                                        \
       "(?1, ?4, ?5)"
#define R3                                                                                         \
    R2 ", "                                                                                        \
       "(?1, ?6, ?7)"
#define R4                                                                                         \
    R3 ", "                                                                                        \
       "(?1, ?8, ?9)"
#define R5                                                                                         \
    R4 ", "                                                                                        \
       "(?1, ?10, ?11)"
#define R6                                                                                         \
    R5 ", "                                                                                        \
       "(?1, ?12, ?13)"
#define R7                                                                                         \
    R6 ", "                                                                                        \
       "(?1, ?14, ?15)"
#define R8                                                                                         \
    R7 ", "                                                                                        \
       "(?1, ?16, ?17)"
#define R9                                                                                         \
    R8 ", "                                                                                        \
       "(?1, ?18, ?19)"
#define R10                                                                                        \
    R9 ", "                                                                                        \
       "(?1, ?20, ?21)"
#define R11                                                                                        \
    R10 ", "                                                                                       \
        "(?1, ?22, ?23)"
#define R12                                                                                        \
    R11 ", "                                                                                       \
        "(?1, ?24, ?25)"
#define R13                                                                                        \
    R12 ", "                                                                                       \
        "(?1, ?26, ?27)"
#define R14                                                                                        \
    R13 ", "                                                                                       \
        "(?1, ?28, ?29)"
#define R15                                                                                        \
    R14 ", "                                                                                       \
        "(?1, ?30, ?31)"
#define R16                                                                                        \
    R15 ", "                                                                                       \
        "(?1, ?32, ?33)"
#define ANSWERS(rows) "INSERT INTO survey_answer (response_id, key, value) VALUES " rows
static const char *const sql_answers_add[SURVEY_QUESTIONS_MAX + 1] = {
    NULL,         ANSWERS(R1),  ANSWERS(R2),  ANSWERS(R3),  ANSWERS(R4),  ANSWERS(R5),
    ANSWERS(R6),  ANSWERS(R7),  ANSWERS(R8),  ANSWERS(R9),  ANSWERS(R10), ANSWERS(R11),
    ANSWERS(R12), ANSWERS(R13), ANSWERS(R14), ANSWERS(R15), ANSWERS(R16),
};
_Static_assert(SURVEY_QUESTIONS_MAX == 16, "sql_answers_add has a statement for each count");
/*
 * On PostgreSQL a response and its answers in one statement, one round trip where the two above
 * take two (an import of 100,000 answers makes 100,000 fewer): [n] for n answers, ?1 to ?5 as
 * sql_response_add, ?2k+4 and ?2k+5 the k-th key and value (k from 1); the response's id comes
 * back. SQLite has no INSERT in a WITH, and in one process the two cost nothing more.
 */
#define V1 "(?6, ?7)"
#define V2                                                                                         \
    V1 ", "                                                                                        \
       "(?8, ?9)"
#define V3                                                                                         \
    V2 ", "                                                                                        \
       "(?10, ?11)"
#define V4                                                                                         \
    V3 ", "                                                                                        \
       "(?12, ?13)"
#define V5                                                                                         \
    V4 ", "                                                                                        \
       "(?14, ?15)"
#define V6                                                                                         \
    V5 ", "                                                                                        \
       "(?16, ?17)"
#define V7                                                                                         \
    V6 ", "                                                                                        \
       "(?18, ?19)"
#define V8                                                                                         \
    V7 ", "                                                                                        \
       "(?20, ?21)"
#define V9                                                                                         \
    V8 ", "                                                                                        \
       "(?22, ?23)"
#define V10                                                                                        \
    V9 ", "                                                                                        \
       "(?24, ?25)"
#define V11                                                                                        \
    V10 ", "                                                                                       \
        "(?26, ?27)"
#define V12                                                                                        \
    V11 ", "                                                                                       \
        "(?28, ?29)"
#define V13                                                                                        \
    V12 ", "                                                                                       \
        "(?30, ?31)"
#define V14                                                                                        \
    V13 ", "                                                                                       \
        "(?32, ?33)"
#define V15                                                                                        \
    V14 ", "                                                                                       \
        "(?34, ?35)"
#define V16                                                                                        \
    V15 ", "                                                                                       \
        "(?36, ?37)"
#define RESPONSE_ANSWERS_PG(rows)                                                                  \
    "WITH r AS (INSERT INTO survey_response (round_id, questionnaire, compact_id, sector, "        \
    "body_type) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id), a AS (INSERT INTO survey_answer "       \
    "(response_id, key, value) SELECT r.id, v.k, v.v FROM r, (VALUES " rows ") AS v(k, v)) "       \
    "SELECT id FROM r"
static const char *const sql_response_answers_pg[SURVEY_QUESTIONS_MAX + 1] = {
    NULL,
    RESPONSE_ANSWERS_PG(V1),
    RESPONSE_ANSWERS_PG(V2),
    RESPONSE_ANSWERS_PG(V3),
    RESPONSE_ANSWERS_PG(V4),
    RESPONSE_ANSWERS_PG(V5),
    RESPONSE_ANSWERS_PG(V6),
    RESPONSE_ANSWERS_PG(V7),
    RESPONSE_ANSWERS_PG(V8),
    RESPONSE_ANSWERS_PG(V9),
    RESPONSE_ANSWERS_PG(V10),
    RESPONSE_ANSWERS_PG(V11),
    RESPONSE_ANSWERS_PG(V12),
    RESPONSE_ANSWERS_PG(V13),
    RESPONSE_ANSWERS_PG(V14),
    RESPONSE_ANSWERS_PG(V15),
    RESPONSE_ANSWERS_PG(V16),
};
static const char sql_benchmark_find[] =
    "SELECT id, sector, body_type FROM survey_response WHERE round_id = ?1 AND compact_id = ?2 "
    "AND questionnaire = 'benchmark'";
static const char sql_answers_of[] =
    "SELECT key, value FROM survey_answer WHERE response_id = ?1 ORDER BY key";
static const char sql_answers_delete[] = "DELETE FROM survey_answer WHERE response_id = ?1";
static const char sql_response_delete[] = "DELETE FROM survey_response WHERE id = ?1";
static const char sql_tally_move[] =
    "INSERT INTO survey_tally (round_id, key, grp, option, n) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (round_id, key, grp, option) DO UPDATE SET n = survey_tally.n + excluded.n";
static const char sql_tally_response_move[] =
    "INSERT INTO survey_tally_response (round_id, questionnaire, grp, n) "
    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (round_id, questionnaire, grp) "
    "DO UPDATE SET n = survey_tally_response.n + excluded.n";
static const char sql_tally_compact_move[] =
    "INSERT INTO survey_tally_compact (round_id, compact_id, general, benchmark) "
    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (round_id, compact_id) DO UPDATE SET "
    "general = survey_tally_compact.general + excluded.general, "
    "benchmark = CASE WHEN excluded.benchmark = 1 THEN 1 ELSE survey_tally_compact.benchmark END";
static const char sql_tally[] = "SELECT key, grp, option, n FROM survey_tally WHERE round_id = ?1";
static const char sql_tally_responses[] =
    "SELECT questionnaire, grp, n FROM survey_tally_response WHERE round_id = ?1";
static const char sql_compact_counts[] =
    "SELECT t.compact_id, c.name, t.general, t.benchmark FROM survey_tally_compact t "
    "JOIN compact c ON c.id = t.compact_id WHERE t.round_id = ?1 "
    "AND (t.general > 0 OR t.benchmark > 0) ORDER BY c.name, c.id";
static const char sql_each[] =
    "SELECT r.id, r.questionnaire, r.sector, r.body_type, r.compact_id, a.key, a.value "
    "FROM survey_response r LEFT JOIN survey_answer a ON a.response_id = r.id "
    "WHERE r.id IN (SELECT id FROM survey_response WHERE round_id = ?1 AND id > ?2 "
    "ORDER BY id LIMIT ?3) ORDER BY r.id, a.key";

/* Responses a page of store_survey_each. */
#define EACH_PAGE 2000

/* ---- rounds and the bank ---- */

static void read_round(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct survey_round_row *r = item;

    (void)arena;
    r->id = db_column_int64(stmt, 0);
    r->year = db_column_int(stmt, 1);
    r->opens_on = store_col_date(stmt, 2);
    r->closes_on = store_col_date(stmt, 3);
}

int store_survey_round_add(struct store *st, int year, date_t opens_on, date_t closes_on,
                           const char *actor, long long *id)
{
    struct buf after = BUF_INIT;
    char opens[DATE_STRLEN + 1], closes[DATE_STRLEN + 1], entity[STORE_ID_LEN];
    struct db_stmt *stmt;
    int ret;

    *id = 0;
    date_format(opens_on, opens);
    date_format(closes_on, closes);
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_round_add, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int(stmt, 1, year);
    db_bind_text(stmt, 2, opens);
    db_bind_text(stmt, 3, closes);
    store_bind_now(stmt, 4);
    if ((ret = store_run_id(st, stmt, id)) < 0) {
        goto cleanup;
    }
    for (int i = 0; i < 2; i++) {
        if ((ret = store_prepare(st, i ? sql_round_copy_options : sql_round_copy_questions,
                                 &stmt)) < 0) {
            goto cleanup;
        }
        db_bind_int64(stmt, 1, *id);
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
    buf_addf(&after, "{\"year\":%d,\"opens_on\":\"%s\",\"closes_on\":\"%s\"}", year, opens, closes);
    ret = store_audit_add(st, NULL, actor, "create", "survey_round", store_id_text(year, entity),
                          NULL, &after);
cleanup:
    if ((ret = store_end(st, ret)) < 0) {
        *id = 0;
    }
    buf_release(&after);
    return ret;
}

/* One question from sql_questions's columns; its options are attached afterwards. */
static void read_question(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct survey_question *q = item;
    const char *questionnaire = (const char *)db_column_text(stmt, 2),
               *type = (const char *)db_column_text(stmt, 3);

    memset(q, 0, sizeof(*q));
    q->key = store_col(stmt, 0, arena);
    q->version = db_column_int(stmt, 1);
    (void)survey_questionnaire_parse(questionnaire, &q->questionnaire); /* CHECKed */
    (void)survey_type_parse(type, &q->type);
    q->text = store_col(stmt, 4, arena);
    q->hint = store_col(stmt, 5, arena);
}

struct option_row {
    const char *key;
    struct survey_option o;
};

static void read_option(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct option_row *r = item;

    r->key = store_col(stmt, 0, arena);
    r->o.id = store_col(stmt, 1, arena);
    r->o.label = store_col(stmt, 2, arena);
}

/* The questions of sql_q and their options of sql_o (?1 bound to id), from arena. */
static int read_questions(struct store *st, const char *sql_q, const char *sql_o, long long id,
                          struct arena *arena, struct survey_question **qs, size_t *nq)
{
    struct survey_question *q;
    struct option_row *o;
    size_t n, no;
    int ret;

    *qs = NULL;
    *nq = 0;
    if ((ret = store_rows_of(st, sql_q, id, arena, sizeof(*q), read_question, &q, &n)) < 0 ||
        (ret = store_rows_of(st, sql_o, id, arena, sizeof(*o), read_option, &o, &no)) < 0) {
        return ret;
    }
    if (n > SURVEY_QUESTIONS_MAX) {
        return ERR_DB; /* more than a round may hold: not written by this program */
    }
    /* options come grouped by key, in order: each question's run of them */
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < no; k++) {
            if (strcmp(o[k].key, q[i].key) != 0) {
                continue;
            }
            size_t m = k;
            struct survey_option *opts;
            while (m < no && strcmp(o[m].key, q[i].key) == 0) {
                m++;
            }
            if (m - k > SURVEY_OPTIONS_MAX) {
                return ERR_DB;
            }
            opts = arena_alloc(arena, (m - k) * sizeof(*opts));
            for (size_t j = k; j < m; j++) {
                opts[j - k] = o[j].o;
            }
            q[i].options = opts;
            q[i].noptions = m - k;
            break;
        }
    }
    *qs = q;
    *nq = n;
    return 0;
}

int store_survey_round_get(struct store *st, int year, struct arena *arena,
                           struct survey_round_row *out, struct survey_question **qs, size_t *nq)
{
    struct db_stmt *stmt;
    int ret;

    memset(out, 0, sizeof(*out));
    if (qs) {
        *qs = NULL;
        *nq = 0;
    }
    if ((ret = store_prepare(st, sql_round_get, &stmt)) < 0) {
        return ret;
    }
    db_bind_int(stmt, 1, year);
    if ((ret = store_row(st, stmt, arena, read_round, out)) < 0) {
        return ret;
    }
    if (qs && (ret = read_questions(st, sql_questions, sql_options, out->id, arena, qs, nq)) < 0) {
        memset(out, 0, sizeof(*out));
    }
    return ret;
}

int store_survey_round_list(struct store *st, struct arena *arena, struct survey_round_row **out,
                            size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *out = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_round_list, &stmt)) < 0) {
        return ret;
    }
    return store_rows(st, stmt, arena, sizeof(**out), read_round, out, n);
}

int store_survey_round_before(struct store *st, int year, int *out)
{
    struct db_stmt *stmt;
    long long y = 0;
    int ret;

    *out = 0;
    if ((ret = store_prepare(st, sql_round_before, &stmt)) < 0) {
        return ret;
    }
    db_bind_int(stmt, 1, year);
    if ((ret = store_row_int(st, stmt, &y)) < 0) {
        return ret;
    }
    *out = (int)y;
    return y ? 0 : ERR_NOT_FOUND;
}

int store_survey_bank(struct store *st, struct arena *arena, struct survey_question **qs, size_t *n)
{
    return read_questions(st, sql_bank_questions, sql_bank_options, 0, arena, qs, n);
}

/* ---- codes ---- */

int store_survey_codes_add(struct store *st, long long round_id, int year, long long compact_id,
                           const unsigned char (*hashes)[SECRET_HASH_BYTES], size_t n,
                           const char *actor)
{
    struct buf after = BUF_INIT;
    char entity[STORE_ID_LEN], now[STORE_TIME_LEN + 1];
    struct db_stmt *stmt;
    int ret;

    store_now(now);
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_compact_exists, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, compact_id);
    if ((ret = store_row_int(st, stmt, NULL)) < 0) {
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        if ((ret = store_prepare(st, sql_code_add, &stmt)) < 0) {
            goto cleanup;
        }
        db_bind_int64(stmt, 1, round_id);
        db_bind_int64(stmt, 2, compact_id);
        db_bind_blob(stmt, 3, hashes[i], SECRET_HASH_BYTES);
        db_bind_text(stmt, 4, now);
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
    buf_addf(&after, "{\"codes\":{\"compact_id\":%lld,\"count\":%zu}}", compact_id, n);
    ret = store_audit_add(st, NULL, actor, "codes", "survey_round", store_id_text(year, entity),
                          NULL, &after);
cleanup:
    ret = store_end(st, ret);
    buf_release(&after);
    return ret;
}

int store_survey_code_find(struct store *st, long long round_id,
                           const unsigned char hash[SECRET_HASH_BYTES], long long *code_id,
                           long long *compact_id, int *used)
{
    struct db_stmt *stmt;
    int ret, rc;

    *code_id = *compact_id = 0;
    *used = 0;
    if ((ret = store_prepare(st, sql_code_find, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, round_id);
    db_bind_blob(stmt, 2, hash, SECRET_HASH_BYTES);
    rc = store_step(st, stmt);
    if (rc == DB_ROW) {
        *code_id = db_column_int64(stmt, 0);
        *compact_id = db_column_int64(stmt, 1);
        *used = !db_column_is_null(stmt, 2);
        ret = 0;
    } else {
        ret = rc == DB_DONE ? ERR_NOT_FOUND : store_fail(st, rc);
    }
    store_done(stmt);
    return ret;
}

/* ---- responses ---- */

struct store_survey_batch {
    struct store *st;
    long long round_id;
    const struct survey_question *qs;
    size_t nq;
    size_t added;
    struct survey_tally delta; /* what the kept tallies move by at the end */
    struct compact_delta {
        long long compact_id, general;
        int benchmark;
    } * compacts; /* what survey_tally_compact moves by at the end, a Compact each */
    size_t ncompacts, capcompacts, last;
};

/* The Compact's entry of b->compacts, made when missing (a round has a few hundred Compacts:
 * looked for from the last one used, which an import's lines often repeat). */
static struct compact_delta *compact_delta(struct store_survey_batch *b, long long compact_id)
{
    if (b->last < b->ncompacts && b->compacts[b->last].compact_id == compact_id) {
        return &b->compacts[b->last];
    }
    for (size_t i = 0; i < b->ncompacts; i++) {
        if (b->compacts[i].compact_id == compact_id) {
            b->last = i;
            return &b->compacts[i];
        }
    }
    if (b->ncompacts == b->capcompacts) {
        b->capcompacts = b->capcompacts ? 2 * b->capcompacts : 64;
        b->compacts = xrealloc(b->compacts, st_mult(b->capcompacts, sizeof(*b->compacts)));
    }
    b->compacts[b->ncompacts] = (struct compact_delta){.compact_id = compact_id};
    b->last = b->ncompacts;
    return &b->compacts[b->ncompacts++];
}

int store_survey_batch_begin(struct store *st, long long round_id, const struct survey_question *qs,
                             size_t nq, struct store_survey_batch **out)
{
    struct store_survey_batch *b;
    int ret;

    *out = NULL;
    if (nq > SURVEY_QUESTIONS_MAX) {
        return ERR_INVALID;
    }
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    b = xcalloc(1, sizeof(*b));
    b->st = st;
    b->round_id = round_id;
    b->qs = qs;
    b->nq = nq;
    survey_tally_init(&b->delta, nq);
    *out = b;
    return 0;
}

int store_survey_batch_use_code(struct store_survey_batch *b, long long code_id)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(b->st, sql_code_use, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, code_id);
    store_bind_now(stmt, 2);
    ret = store_row_int(b->st, stmt, NULL);
    return ret == ERR_NOT_FOUND ? ERR_CONFLICT : ret;
}

int store_survey_batch_respondent(struct store_survey_batch *b, long long user_id)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(b->st, sql_respondent_add, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, b->round_id);
    db_bind_int64(stmt, 2, user_id);
    return store_run(b->st, stmt);
}

/* Take the Compact's benchmark response of the round out, if it has one, with its share of the
 * tallies. */
static int benchmark_remove(struct store_survey_batch *b, long long compact_id)
{
    struct store *st = b->st;
    struct arena arena;
    struct survey_response old;
    const char *values[SURVEY_QUESTIONS_MAX] = {0}, *sector, *body;
    struct db_stmt *stmt;
    long long id;
    int ret, rc;

    if ((ret = store_prepare(st, sql_benchmark_find, &stmt)) < 0) {
        return ret;
    }
    arena_init(&arena);
    db_bind_int64(stmt, 1, b->round_id);
    db_bind_int64(stmt, 2, compact_id);
    rc = store_step(st, stmt);
    if (rc != DB_ROW) {
        ret = rc == DB_DONE ? 0 : store_fail(st, rc);
        store_done(stmt);
        goto cleanup;
    }
    id = db_column_int64(stmt, 0);
    sector = store_col(stmt, 1, &arena);
    body = store_col(stmt, 2, &arena);
    store_done(stmt);
    if ((ret = store_prepare(st, sql_answers_of, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, id);
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        const struct survey_question *q =
            survey_question_find(b->qs, b->nq, (const char *)db_column_text(stmt, 0));
        if (q) {
            values[q - b->qs] = store_col(stmt, 1, &arena);
        }
    }
    ret = store_err(st, rc);
    store_done(stmt);
    if (ret < 0) {
        goto cleanup;
    }
    if (survey_response_from_stored(b->qs, b->nq, SURVEY_BENCHMARK, sector, body, compact_id,
                                    values, &old) < 0) {
        ret = ERR_DB; /* not written by this program */
        goto cleanup;
    }
    survey_tally_add(&b->delta, &old, -1);
    for (int i = 0; i < 2; i++) {
        if ((ret = store_prepare(st, i ? sql_response_delete : sql_answers_delete, &stmt)) < 0) {
            goto cleanup;
        }
        db_bind_int64(stmt, 1, id);
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
cleanup:
    arena_release(&arena);
    return ret;
}

/* ?1 to ?5 of sql_response_add: the response apart from its answers. */
static void response_bind(const struct store_survey_batch *b, const struct survey_response *r,
                          struct db_stmt *stmt)
{
    db_bind_int64(stmt, 1, b->round_id);
    db_bind_text(stmt, 2, survey_questionnaire_id(r->questionnaire));
    db_bind_int64(stmt, 3, r->compact_id);
    db_bind_text(stmt, 4, survey_sector_id(r->sector));
    store_bind_text(stmt, 5,
                    r->body_type == SURVEY_BODY_NONE ? NULL : survey_body_id(r->body_type));
}

/*
 * Run stmt with r's answers bound from parameter first on (a key and its value each), and *id
 * the response's id: sql_response_answers_pg (first 6, which gives the id back) or
 * sql_answers_add (first 2, ?1 the id given).
 */
static int answers_run(struct store_survey_batch *b, const struct survey_response *r,
                       struct db_stmt *stmt, int first, long long *id)
{
    struct buf values[SURVEY_QUESTIONS_MAX];
    int ret = 0;

    for (size_t i = 0; i < r->nanswers; i++) {
        const struct survey_question *q = &b->qs[r->answers[i].question];
        buf_init(&values[i], BUF_MAX_DEFAULT);
        survey_value_format(q, &r->answers[i], &values[i]);
        db_bind_text(stmt, first + (int)(2 * i), q->key);
        db_bind_text(stmt, first + 1 + (int)(2 * i), values[i].data);
        ret = buf_failed(&values[i]) ? ERR_TOO_BIG : ret;
    }
    if (ret < 0) {
        store_done(stmt);
    } else {
        ret = first == 2 ? store_run(b->st, stmt) : store_run_id(b->st, stmt, id);
    }
    for (size_t i = 0; i < r->nanswers; i++) {
        buf_release(&values[i]);
    }
    return ret;
}

int store_survey_batch_add(struct store_survey_batch *b, const struct survey_response *r,
                           long long *response_id)
{
    struct store *st = b->st;
    struct db_stmt *stmt;
    long long id = 0;
    int ret, pg = db_kind(st->db) == DB_PG;

    if (response_id) {
        *response_id = 0;
    }
    if (r->questionnaire == SURVEY_BENCHMARK && (ret = benchmark_remove(b, r->compact_id)) < 0) {
        return ret;
    }
    if (r->nanswers && pg) { /* the response and its answers, one round trip */
        if ((ret = store_prepare(st, sql_response_answers_pg[r->nanswers], &stmt)) == 0) {
            response_bind(b, r, stmt);
            ret = answers_run(b, r, stmt, 6, &id);
        }
    } else if ((ret = store_prepare(st, sql_response_add, &stmt)) == 0) {
        response_bind(b, r, stmt);
        ret = store_run_id(st, stmt, &id);
    }
    if (ret < 0) {
        return ret == ERR_NOT_FOUND ? ERR_DB : ret;
    }
    if (r->nanswers && !pg) {
        if ((ret = store_prepare(st, sql_answers_add[r->nanswers], &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, id);
        if ((ret = answers_run(b, r, stmt, 2, NULL)) < 0) {
            return ret;
        }
    }
    {
        struct compact_delta *c = compact_delta(b, r->compact_id);
        c->general += r->questionnaire == SURVEY_GENERAL;
        c->benchmark |= r->questionnaire == SURVEY_BENCHMARK;
    }
    survey_tally_add(&b->delta, r, 1);
    b->added++;
    if (response_id) {
        *response_id = id;
    }
    return 0;
}

/* Move the kept tallies by b's delta: a statement a cell that moved. */
static int tally_write(struct store_survey_batch *b)
{
    const struct survey_tally *d = &b->delta;
    struct db_stmt *stmt;
    int ret;

    for (size_t i = 0; i < d->nq; i++) {
        const struct survey_question *q = &b->qs[i];
        for (size_t g = 0; g < SURVEY_GROUP_COUNT; g++) {
            for (size_t o = 0; o <= q->noptions && o <= SURVEY_OPTIONS_MAX; o++) {
                /* o == noptions: how many answered (option '') */
                long long n = o == q->noptions ? d->answered[i][g] : d->count[i][g][o];
                if (!n) {
                    continue;
                }
                if ((ret = store_prepare(b->st, sql_tally_move, &stmt)) < 0) {
                    return ret;
                }
                db_bind_int64(stmt, 1, b->round_id);
                db_bind_text(stmt, 2, q->key);
                db_bind_text(stmt, 3, survey_group_id(g));
                db_bind_text(stmt, 4, o == q->noptions ? "" : q->options[o].id);
                db_bind_int64(stmt, 5, n);
                if ((ret = store_run(b->st, stmt)) < 0) {
                    return ret;
                }
            }
        }
    }
    for (size_t i = 0; i < b->ncompacts; i++) {
        if ((ret = store_prepare(b->st, sql_tally_compact_move, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, b->round_id);
        db_bind_int64(stmt, 2, b->compacts[i].compact_id);
        db_bind_int64(stmt, 3, b->compacts[i].general);
        db_bind_int(stmt, 4, b->compacts[i].benchmark);
        if ((ret = store_run(b->st, stmt)) < 0) {
            return ret;
        }
    }
    for (size_t k = 0; k < SURVEY_QUESTIONNAIRE_COUNT; k++) {
        for (size_t g = 0; g < SURVEY_GROUP_COUNT; g++) {
            if (!d->responses[k][g]) {
                continue;
            }
            if ((ret = store_prepare(b->st, sql_tally_response_move, &stmt)) < 0) {
                return ret;
            }
            db_bind_int64(stmt, 1, b->round_id);
            db_bind_text(stmt, 2, survey_questionnaire_id(k));
            db_bind_text(stmt, 3, survey_group_id(g));
            db_bind_int64(stmt, 4, d->responses[k][g]);
            if ((ret = store_run(b->st, stmt)) < 0) {
                return ret;
            }
        }
    }
    return 0;
}

int store_survey_batch_end(struct store_survey_batch *b, int ret, const char *actor)
{
    struct store *st;

    if (!b) {
        return ret < 0 ? ret : ERR_INVALID;
    }
    st = b->st;
    if (ret == 0) {
        ret = tally_write(b);
    }
    if (ret == 0 && actor) {
        struct buf after = BUF_INIT;
        struct db_stmt *stmt;
        char entity[STORE_ID_LEN];
        long long year = 0;
        buf_addf(&after, "{\"imported\":%zu}", b->added);
        if ((ret = store_prepare(st, sql_round_year, &stmt)) == 0) {
            db_bind_int64(stmt, 1, b->round_id);
            ret = store_row_int(st, stmt, &year);
        }
        if (ret == 0) { /* the round's entity is its year, as when it was made */
            ret = store_audit_add(st, NULL, actor, "import", "survey_round",
                                  store_id_text(year, entity), NULL, &after);
        }
        buf_release(&after);
    }
    free(b->compacts);
    free(b);
    return store_end(st, ret);
}

/* ---- reading ---- */

int store_survey_tally(struct store *st, long long round_id, const struct survey_question *qs,
                       size_t nq, struct survey_tally *out)
{
    struct db_stmt *stmt;
    int ret, rc;

    survey_tally_init(out, nq);
    if ((ret = store_prepare(st, sql_tally, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, round_id);
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        const char *key = (const char *)db_column_text(stmt, 0),
                   *grp = (const char *)db_column_text(stmt, 1),
                   *option = (const char *)db_column_text(stmt, 2);
        const struct survey_question *q = survey_question_find(qs, out->nq, key);
        enum survey_group g;
        int o;

        if (!q || survey_group_parse(grp, &g) < 0 || !option) {
            continue; /* a question the round no longer asks: not written by this program */
        }
        if (!option[0]) {
            out->answered[q - qs][g] = db_column_int64(stmt, 3);
        } else if ((o = survey_option_find(q, option)) >= 0) {
            out->count[q - qs][g][o] = db_column_int64(stmt, 3);
        }
    }
    ret = store_err(st, rc);
    store_done(stmt);
    if (ret < 0 || (ret = store_prepare(st, sql_tally_responses, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, round_id);
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        enum survey_questionnaire k;
        enum survey_group g;
        if (survey_questionnaire_parse((const char *)db_column_text(stmt, 0), &k) == 0 &&
            survey_group_parse((const char *)db_column_text(stmt, 1), &g) == 0) {
            out->responses[k][g] = db_column_int64(stmt, 2);
        }
    }
    ret = store_err(st, rc);
    store_done(stmt);
    return ret;
}

static void read_compact_count(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct survey_compact_count *c = item;

    c->compact_id = db_column_int64(stmt, 0);
    c->compact_name = store_col(stmt, 1, arena);
    c->general = db_column_int64(stmt, 2);
    c->benchmark = db_column_int(stmt, 3);
}

int store_survey_compact_counts(struct store *st, long long round_id, struct arena *arena,
                                struct survey_compact_count **out, size_t *n)
{
    return store_rows_of(st, sql_compact_counts, round_id, arena, sizeof(**out), read_compact_count,
                         out, n);
}

/* Hand the response being read to fn; the values are cleared for the next. */
static int each_flush(struct survey_stored *r, size_t nq,
                      int (*fn)(const struct survey_stored *r, void *ctx), void *ctx)
{
    int ret = fn(r, ctx);

    memset(r->values, 0, nq * sizeof(*r->values));
    return ret;
}

int store_survey_each(struct store *st, long long round_id, const struct survey_question *qs,
                      size_t nq, int (*fn)(const struct survey_stored *r, void *ctx), void *ctx)
{
    const char *values[SURVEY_QUESTIONS_MAX] = {0};
    struct survey_stored r = {.values = values};
    struct arena arena;
    struct db_stmt *stmt;
    long long after = 0, current = 0;
    int ret = 0, rc;

    if (nq > SURVEY_QUESTIONS_MAX) {
        return ERR_INVALID;
    }
    arena_init(&arena);
    for (;;) {
        size_t rows = 0;
        if ((ret = store_prepare(st, sql_each, &stmt)) < 0) {
            break;
        }
        db_bind_int64(stmt, 1, round_id);
        db_bind_int64(stmt, 2, after);
        db_bind_int(stmt, 3, EACH_PAGE);
        while ((rc = store_step(st, stmt)) == DB_ROW) {
            long long id = db_column_int64(stmt, 0);
            const char *key;
            const struct survey_question *q;

            rows++;
            if (id != current) {
                if (current && (ret = each_flush(&r, nq, fn, ctx)) != 0) {
                    break;
                }
                arena_release(&arena);
                arena_init(&arena);
                current = id;
                (void)survey_questionnaire_parse((const char *)db_column_text(stmt, 1),
                                                 &r.questionnaire);
                r.sector = store_col(stmt, 2, &arena);
                r.body_type = store_col(stmt, 3, &arena);
                r.compact_id = db_column_int64(stmt, 4);
            }
            key = (const char *)db_column_text(stmt, 5);
            if (key && (q = survey_question_find(qs, nq, key))) {
                values[q - qs] = store_col(stmt, 6, &arena);
            }
        }
        if (ret == 0 && rc != DB_ROW) {
            ret = store_err(st, rc);
        }
        store_done(stmt);
        if (ret != 0 || rows == 0) {
            break;
        }
        after = current;
    }
    if (ret == 0 && current) {
        ret = each_flush(&r, nq, fn, ctx);
    }
    arena_release(&arena);
    return ret;
}
