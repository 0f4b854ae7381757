/* The commitments catalogue: seeded from the defaults, listed, corrected by admins. */
#include <string.h>

#include "store_int.h"
#include "codec/json_audit.h"
#include "base/err.h"
#include "base/banned.h"

static const char sql_count[] = "SELECT count(*) FROM commitment";
static const char sql_section_add[] = "INSERT INTO commitment_section (number, title) VALUES (?1, "
                                      "?2) ON CONFLICT (number) DO NOTHING";
static const char sql_add[] = "INSERT INTO commitment (number, section, party, paraphrase, "
                              "verified) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char sql_rule_add[] =
    "INSERT INTO commitment_rule (rule, commitment_id) VALUES (?1, ?2)";
/* The rules joined by spaces, in order: the engines share no ordered aggregate
 * (STORE_JOINED_SQLITE), nor a function finding the '.' of a number, so each has its
 * statement. */
#define COMMITMENT_LIST(rules, dot)                                                                \
    "SELECT c.id, c.number, c.section, c.party, c.paraphrase, c.verified, s.title, " rules         \
    " FROM commitment c JOIN commitment_section s ON s.number = c.section "                        \
    "ORDER BY c.section, CAST(substr(c.number, " dot " + 1) AS INTEGER), c.number"
#define RULES(joined)                                                                              \
    joined("rule", "' '", "FROM commitment_rule WHERE commitment_id = c.id", "rule")
static const char sql_list_sqlite[] =
    COMMITMENT_LIST(RULES(STORE_JOINED_SQLITE), "instr(c.number, '.')");
static const char sql_list_pg[] =
    COMMITMENT_LIST(RULES(STORE_JOINED_PG), "position('.' IN c.number)");
static const char sql_numbers[] = "SELECT r.rule, c.number, c.paraphrase FROM commitment_rule r "
                                  "JOIN commitment c ON c.id = r.commitment_id";
static const char sql_state[] = "SELECT c.id, c.number, c.section, c.party, c.paraphrase, "
                                "c.verified FROM commitment c WHERE c.id = ?1";
static const char sql_update[] =
    "UPDATE commitment SET number = coalesce(?2, number), paraphrase = coalesce(?3, paraphrase), "
    "verified = coalesce(?4, verified) WHERE id = ?1";
/* Columns 0 to 5 of sql_list or sql_state: id, number, section, party, paraphrase, verified. */
static void read_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct commitment_row *c = item;
    const char *party = (const char *)db_column_text(stmt, 3);

    c->id = db_column_int64(stmt, 0);
    c->number = store_col(stmt, 1, arena);
    c->section = db_column_int(stmt, 2);
    if (!party || party_parse(party, &c->party) < 0) {
        c->party = PARTY_PUBLIC_BODIES;
    }
    c->paraphrase = store_col(stmt, 4, arena);
    c->verified = db_column_int(stmt, 5);
}

int store_commitments_seed(struct store *st, int *seeded)
{
    size_t nsec, ncom;
    const struct commitment_section *secs = commitment_sections(&nsec);
    const struct commitment *coms = commitments_default(&ncom);
    struct db_stmt *stmt;
    size_t count;
    int ret;

    *seeded = 0;
    if ((ret = store_prepare(st, sql_count, &stmt)) < 0) {
        return ret;
    }
    if ((ret = store_row_count(st, stmt, &count)) < 0) {
        return ret == ERR_NOT_FOUND ? ERR_DB : ret; /* a count(*) has its row */
    }
    if (count > 0) {
        return 0; /* seeded before, and perhaps corrected since: leave it */
    }
    if ((ret = store_begin(st)) < 0) {
        return ret;
    }
    for (size_t i = 0; i < nsec; i++) {
        if ((ret = store_prepare(st, sql_section_add, &stmt)) < 0) {
            goto cleanup;
        }
        db_bind_int(stmt, 1, secs[i].number);
        db_bind_text(stmt, 2, secs[i].title);
        if ((ret = store_run(st, stmt)) < 0) {
            goto cleanup;
        }
    }
    for (size_t i = 0; i < ncom; i++) {
        long long id;
        if ((ret = store_prepare(st, sql_add, &stmt)) < 0) {
            goto cleanup;
        }
        db_bind_text(stmt, 1, coms[i].number);
        db_bind_int(stmt, 2, coms[i].section);
        db_bind_text(stmt, 3, party_id(coms[i].party));
        db_bind_text(stmt, 4, coms[i].paraphrase);
        db_bind_int(stmt, 5, coms[i].verified);
        if ((ret = store_run_id(st, stmt, &id)) < 0) {
            goto cleanup;
        }
        for (size_t r = 0; r < COMMITMENT_RULES_MAX && coms[i].rules[r]; r++) {
            if ((ret = store_prepare(st, sql_rule_add, &stmt)) < 0) {
                goto cleanup;
            }
            db_bind_text(stmt, 1, coms[i].rules[r]);
            db_bind_int64(stmt, 2, id);
            if ((ret = store_run(st, stmt)) < 0) {
                goto cleanup;
            }
        }
    }
cleanup:
    ret = store_end(st, ret);
    *seeded = ret == 0;
    return ret;
}

/* A row of sql_list: read_row's columns, then the section's title and the rules. */
static void read_list_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct commitment_row *c = item;

    read_row(stmt, arena, c);
    c->section_title = store_col(stmt, 6, arena);
    c->rules = store_col(stmt, 7, arena);
}

int store_commitment_list(struct store *st, struct arena *arena, struct commitment_row **items,
                          size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, db_kind(st->db) == DB_PG ? sql_list_pg : sql_list_sqlite, &stmt)) <
        0) {
        return ret;
    }
    return store_rows(st, stmt, arena, sizeof(**items), read_list_row, items, n);
}

/* A rule (column rule) and its commitment's number and paraphrase (columns rule + 1 and 2) into
 * numbers and paraphrases; an unknown rule is left out. */
static void number_row(struct db_stmt *stmt, int rule, struct arena *arena,
                       const char *numbers[RULE_COUNT], const char *paraphrases[RULE_COUNT])
{
    const char *id = (const char *)db_column_text(stmt, rule);
    enum rule r;

    if (id && rule_parse(id, &r) == 0) {
        numbers[r] = store_col(stmt, rule + 1, arena);
        paraphrases[r] = store_col(stmt, rule + 2, arena);
    }
}

int store_rule_numbers(struct store *st, struct arena *arena, const char *numbers[RULE_COUNT],
                       const char *paraphrases[RULE_COUNT])
{
    struct db_stmt *stmt;
    int ret, rc;

    for (int i = 0; i < RULE_COUNT; i++) {
        numbers[i] = NULL;
        paraphrases[i] = NULL;
    }
    if ((ret = store_prepare(st, sql_numbers, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        number_row(stmt, 0, arena, numbers, paraphrases);
    }
    ret = store_err(st, rc);
    store_done(stmt);
    return ret;
}

/* A check's reads in one statement, each a round trip on PostgreSQL: the Compact numbered ?1
 * (as text) with its parameters (column 0 is 0, a row with a NULL name for none), then the rules'
 * numbers (column 0 is 1). */
static const char sql_check[] =
    "SELECT 0, p.name, p.value, NULL, NULL, NULL FROM compact c "
    "LEFT JOIN compact_parameter p ON p.compact_id = c.id WHERE CAST(c.id AS TEXT) = ?1 "
    "UNION ALL SELECT 1, NULL, NULL, r.rule, c.number, c.paraphrase FROM commitment_rule r "
    "JOIN commitment c ON c.id = r.commitment_id";

int store_check_reads(struct store *st, const char *compact, struct param_set *params,
                      struct arena *arena, const char *numbers[RULE_COUNT],
                      const char *paraphrases[RULE_COUNT])
{
    struct db_stmt *stmt;
    int ret, rc, found = 0;

    memset(params, 0, sizeof(*params));
    for (int i = 0; i < RULE_COUNT; i++) {
        numbers[i] = NULL;
        paraphrases[i] = NULL;
    }
    if ((ret = store_prepare(st, sql_check, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, compact);
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        if (db_column_int(stmt, 0) == 0) {
            found = 1;
            store_param_row(stmt, 1, 2, params);
        } else {
            number_row(stmt, 3, arena, numbers, paraphrases);
        }
    }
    ret = store_err(st, rc);
    store_done(stmt);
    return ret < 0 ? ret : compact && !found ? ERR_NOT_FOUND : 0;
}

/* Commitment id as the audit trail keeps it, into out; ERR_NOT_FOUND when there is none. */
static int snapshot(struct store *st, long long id, struct buf *out)
{
    struct arena arena;
    struct commitment_row c = {0};
    int ret;

    arena_init(&arena);
    if ((ret = store_row_of(st, sql_state, id, &arena, read_row, &c)) == 0) {
        json_audit_commitment(out, &c);
    }
    arena_release(&arena);
    return ret;
}

int store_commitment_update(struct store *st, long long id, const char *number,
                            const char *paraphrase, int verified, const char *actor)
{
    struct buf before = BUF_INIT, after = BUF_INIT;
    struct db_stmt *stmt;
    char entity[STORE_ID_LEN];
    int ret;

    if ((ret = store_begin(st)) < 0) {
        goto cleanup;
    }
    if ((ret = snapshot(st, id, &before)) < 0 || (ret = store_prepare(st, sql_update, &stmt)) < 0) {
        goto cleanup;
    }
    db_bind_int64(stmt, 1, id);
    store_bind_text(stmt, 2, number);
    store_bind_text(stmt, 3, paraphrase);
    if (verified >= 0) {
        db_bind_int(stmt, 4, verified != 0);
    }
    if ((ret = store_run(st, stmt)) == 0 && (ret = snapshot(st, id, &after)) == 0) {
        ret = store_audit_add(st, NULL, actor, "update", "commitment", store_id_text(id, entity),
                              &before, &after);
    }
cleanup:
    ret = store_end(st, ret);
    buf_release(&before);
    buf_release(&after);
    return ret;
}
