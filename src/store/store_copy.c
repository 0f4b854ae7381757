/*
 * compact copy: a whole database into a new or empty one, SQLite or PostgreSQL either way, in
 * one transaction of the target: its schema made by the migrations, every table's rows in the
 * order of their foreign keys, then on PostgreSQL each identity's sequence moved past the ids
 * copied. The tables are listed once, here; store_copy_check compares the list with a schema.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "store_int.h"
#include "store_search.h"
#include "base/err.h"
#include "base/log.h"
#include "base/banned.h"

/* A table as the copy reads and writes it: literals made once by TABLE, from its columns. */
struct copy_table {
    const char *name;  /* as the schema names it */
    const char *sql;   /* as statements name it ("user" is quoted: a reserved word) */
    const char *cols;  /* the columns copied, in the schema's order; NULL: made by the
                          migrations, not copied (schema_version) */
    const char *types; /* a letter a column, as the copy reads and binds it: i integer, t text,
                          b blob, r real */
    int identity;      /* its first column is an id the engine numbers (PostgreSQL: a sequence
                          to move past the ids copied) */
    const char *count, *select, *insert;
};

/* The parameters of an INSERT of n columns. */
#define P1  "?1"
#define P2  P1 ", ?2"
#define P3  P2 ", ?3"
#define P4  P3 ", ?4"
#define P5  P4 ", ?5"
#define P6  P5 ", ?6"
#define P7  P6 ", ?7"
#define P8  P7 ", ?8"
#define P9  P8 ", ?9"
#define P10 P9 ", ?10"
#define P11 P10 ", ?11"
#define P12 P11 ", ?12"
#define P13 P12 ", ?13"
#define P14 P13 ", ?14"
#define P15 P14 ", ?15"
#define P16 P15 ", ?16"
#define P17 P16 ", ?17"
#define P18 P17 ", ?18"
#define P19 P18 ", ?19"

/* A page of rows at a time (ordered by key, so every row is read once): PostgreSQL's driver
 * holds a statement's whole answer. */
#define TABLE(name, sql, cols, params, types, identity, key)                                       \
    {                                                                                              \
        name, sql, cols, types, identity, "SELECT count(*) FROM " sql,                             \
            "SELECT " cols " FROM " sql " ORDER BY " key " LIMIT ?1 OFFSET ?2",                    \
            "INSERT INTO " sql " (" cols ") VALUES (" params ")"                                   \
    }

/*
 * Every table of the schema, each after the tables its foreign keys name. A migration that adds
 * a table or a column adds it here too: store_copy_check (and unit.test_store_copy, on both
 * engines) refuses a schema that differs. The columns the engines generate (*_norm) are left
 * out: each target makes its own.
 */
static const struct copy_table tables[] = {
    {"schema_version", "schema_version", NULL, NULL, 0, NULL, NULL, NULL},
    TABLE("authority", "authority",
          "gss, code, name, official_name, type, county_gss, region, start_date, end_date, sets, "
          "gss_2011, api_json",
          P12, "tttttttttitt", 0, "gss"),
    TABLE("authority_alias", "authority_alias", "alias, gss", P2, "tt", 0, "alias"),
    /* kept by the target's triggers as authority is copied (migration 0017) */
    {"authority_tally", "authority_tally", NULL, NULL, 0, NULL, NULL, NULL},
    TABLE("server_key", "server_key", "id, key", P2, "ib", 0, "id"),
    TABLE("user", "\"user\"", "id, email, name, role, org_id, password_hash, disabled, created_at",
          P8, "itttttit", 1, "id"),
    TABLE("session", "session", "id_hash, user_id, created_at, seen_at", P4, "biii", 0, "id_hash"),
    TABLE("api_token", "api_token", "id, user_id, token_hash, label, created_at, revoked_at", P6,
          "iibttt", 1, "id"),
    TABLE("login_failure", "login_failure", "key, at", P2, "ti", 0, "key, at"),
    TABLE("audit", "audit", "id, at, actor, action, kind, entity, before, after", P8, "ittttttt", 1,
          "id"),
    TABLE("compact", "compact",
          "id, name, created_at, adopted, refreshed, review_due, document_url, demo, "
          "review_due_on, authority_names, last_status, last_status_on",
          P12, "ittttttitttt", 1, "id"),
    TABLE("compact_authority", "compact_authority", "compact_id, gss", P2, "it", 0,
          "compact_id, gss"),
    TABLE("compact_status", "compact_status", "compact_id, status, date", P3, "itt", 0,
          "compact_id, date"),
    TABLE("commitment_section", "commitment_section", "number, title", P2, "it", 0, "number"),
    TABLE("commitment", "commitment", "id, number, section, party, paraphrase, verified", P6,
          "ititti", 1, "id"),
    TABLE("commitment_rule", "commitment_rule", "rule, commitment_id", P2, "ti", 0, "rule"),
    TABLE("activity", "activity",
          "id, compact_id, org_id, kind, facts, recorded_by, recorded_at, checked_on, overall, "
          "title, recorder_org, amount_pence, decision_date, withdrawn_at, withdrawn_by, "
          "withdrawn_reason",
          P16, "iitttttttttitttt", 1, "id"),
    TABLE("activity_finding", "activity_finding",
          "activity_id, rule, verdict, explanation, due_date", P5, "itttt", 0, "activity_id, rule"),
    TABLE("compact_parameter", "compact_parameter", "compact_id, name, value", P3, "iti", 0,
          "compact_id, name"),
    TABLE("organisation", "organisation",
          "id, org_id, name, sector, type, gss, website, verified, created_at, updated_at", P10,
          "ittttttitt", 1, "id"),
    TABLE("compact_contact", "compact_contact", "compact_id, position, name, role, email, phone",
          P6, "iitttt", 0, "compact_id, position"),
    TABLE("compact_code", "compact_code", "id, compact_id, title, summary, url", P5, "iittt", 1,
          "id"),
    TABLE("compact_coordinator", "compact_coordinator", "compact_id, user_id", P2, "ii", 0,
          "compact_id, user_id"),
    TABLE("signatory", "signatory",
          "id, compact_id, organisation_id, signed_on, role, withdrawn_on", P6, "iiittt", 1, "id"),
    TABLE("grant_award", "grant_award",
          "id, identifier, title, currency, amount_pence, award_date, funder_org_id, funder_name, "
          "funder_id, recipient_org_id, recipient_name, recipient_id, recipient_individual, "
          "planned_start, planned_end, duration_months, from_open_call, programme, imported_at",
          P19, "itttitttittiittiitt", 1, "id"),
    TABLE("contract", "contract",
          "id, ocid, release_id, release_date, title, buyer_org_id, buyer_name, buyer_id, "
          "tender_published, tender_start, tender_end, vcse_suitable, value_currency, "
          "value_pence, award_currency, award_pence, imported_at",
          P17, "ittttttitttititit", 1, "id"),
    TABLE("contract_supplier", "contract_supplier",
          "contract_id, position, supplier_org_id, name, vcse, organisation_id", P6, "iittii", 0,
          "contract_id, position"),
    TABLE("complaint", "complaint",
          "id, compact_id, complainant_id, respondent_id, title, summary, aware_on, opened_on, "
          "activity_id, created_at, created_by, status, stage, highest, outcome, year_opened, "
          "due_on, awaiting, ombudsman, ombudsman_late, nevents, nstages, last_date",
          P19 ", ?20, ?21, ?22, ?23", "iiiittttittttttititiiit", 1, "id"),
    TABLE("complaint_rule", "complaint_rule", "complaint_id, rule", P2, "it", 0,
          "complaint_id, rule"),
    TABLE("complaint_event", "complaint_event",
          "complaint_id, n, type, date, to_stage, ombudsman, outcome, causes, remedy, note, "
          "by_actor, days, source, recorded_at",
          P14, "iitttttttttitt", 0, "complaint_id, n"),
    TABLE("complaint_stage", "complaint_stage",
          "complaint_id, n, compact_id, year_opened, stage, started_on, days, source, due_on, "
          "long_due_on, responded_on, ended_on",
          P12, "iiiittittttt", 0, "complaint_id, n"),
    TABLE("complaint_cause", "complaint_cause", "complaint_id, rule, compact_id, year_opened", P4,
          "itii", 0, "complaint_id, rule"),
    TABLE("complaint_parameter", "complaint_parameter", "compact_id, name, value", P3, "iti", 0,
          "compact_id, name"),
    TABLE("complaint_feed", "complaint_feed", "id, user_id, secret_hash, created_at, revoked_at",
          P5, "iibtt", 1, "id"),
    TABLE("complaint_tally_case", "complaint_tally_case",
          "compact_id, year_opened, highest, status, outcome, n", P6, "iittti", 0,
          "compact_id, year_opened, highest, status, outcome"),
    TABLE("complaint_tally", "complaint_tally",
          "compact_id, year_opened, on_time, settled, last_date", P5, "iiiit", 0,
          "compact_id, year_opened"),
    /* the question bank is seeded by its migration (0011), which makes the target's too */
    {"survey_bank_question", "survey_bank_question", NULL, NULL, 0, NULL, NULL, NULL},
    {"survey_bank_option", "survey_bank_option", NULL, NULL, 0, NULL, NULL, NULL},
    TABLE("survey_round", "survey_round", "id, year, opens_on, closes_on, created_at", P5, "iittt",
          1, "id"),
    TABLE("survey_question", "survey_question",
          "round_id, key, position, version, questionnaire, type, text, hint", P8, "itiitttt", 0,
          "round_id, key"),
    TABLE("survey_option", "survey_option", "round_id, key, position, option, label", P5, "ititt",
          0, "round_id, key, option"),
    TABLE("survey_code", "survey_code", "id, round_id, compact_id, code_hash, created_at, used_at",
          P6, "iiibtt", 1, "id"),
    TABLE("survey_response", "survey_response",
          "id, round_id, questionnaire, compact_id, sector, body_type", P6, "iititt", 1, "id"),
    TABLE("survey_answer", "survey_answer", "response_id, key, value", P3, "itt", 0,
          "response_id, key"),
    TABLE("survey_respondent", "survey_respondent", "round_id, user_id", P2, "ii", 0,
          "round_id, user_id"),
    TABLE("survey_tally", "survey_tally", "round_id, key, grp, option, n", P5, "ittti", 0,
          "round_id, key, grp, option"),
    TABLE("survey_tally_response", "survey_tally_response", "round_id, questionnaire, grp, n", P4,
          "itti", 0, "round_id, questionnaire, grp"),
    TABLE("survey_tally_compact", "survey_tally_compact",
          "round_id, compact_id, general, benchmark", P4, "iiii", 0, "round_id, compact_id"),
    /* the library (0012) */
    TABLE("case_study", "case_study",
          "id, title, summary, outcome, year, compact_id, organisations, source_citation, "
          "source_url, status, created_by, created_at, updated_at, published_at",
          P14, "itttiitttttttt", 1, "id"),
    TABLE("case_study_theme", "case_study_theme", "case_study_id, theme", P2, "it", 0,
          "case_study_id, theme"),
    TABLE("case_study_area", "case_study_area", "case_study_id, gss", P2, "it", 0,
          "case_study_id, gss"),
    TABLE("resource", "resource",
          "id, title, kind, summary, published_on, url, compact_id, status, created_by, "
          "created_at, updated_at, published_at",
          P12, "itttttittttt", 1, "id"),
    TABLE("resource_document", "resource_document",
          "resource_id, file_name, sha256, size, bytes, uploaded_by, uploaded_at", P7, "ittibtt", 0,
          "resource_id"),
    TABLE("library_loaded", "library_loaded", "key, loaded_at", P2, "tt", 0, "key"),
    /* the search's index: not copied, made again from what was (store_search_rebuild) */
    {"search_doc", "search_doc", NULL, NULL, 0, NULL, NULL, NULL},
};

#define NTABLES (sizeof(tables) / sizeof(tables[0]))
#define PAGE    4096

/* ---- the schema, as each engine tells it ---- */

/* The tables of the schema the connection works in (PostgreSQL: its search_path's first). */
static const char sql_tables_lite[] =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_' "
    "AND substr(name, 1, 10) <> 'search_fts'"; /* FTS5's, over search_doc */
static const char sql_tables_pg[] =
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
/* A table's columns in order, those the engine generates left out: name, declared type, and
 * (PostgreSQL) whether the engine numbers it, 'YES' or 'NO'. */
static const char sql_columns_lite[] = "SELECT name, type, NULL FROM pragma_table_xinfo(?1) "
                                       "WHERE hidden = 0 ORDER BY cid";
static const char sql_columns_pg[] =
    "SELECT column_name, data_type, is_identity FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name = ?1 AND is_generated = 'NEVER' "
    "ORDER BY ordinal_position";

/* One read transaction of the source, so the copy is the database at one moment: SQLite's
 * reader sees one snapshot from its first read; PostgreSQL's must ask for one. */
static const char sql_read_lite[] = "BEGIN";
static const char sql_read_pg[] = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

/* PostgreSQL: the next id of a table's identity after the largest copied (?2; 0: none, so 1).
 * SQLite numbers past the largest rowid by itself. */
static const char sql_sequence_pg[] =
    "SELECT setval(pg_get_serial_sequence(?1, 'id'), greatest(?2, 1), ?2 > 0)";

static const char *pick(struct store *st, const char *lite, const char *pg)
{
    return db_kind(st->db) == DB_PG ? pg : lite;
}

static void read_name(struct db_stmt *stmt, struct arena *arena, void *item)
{
    *(const char **)item = store_col(stmt, 0, arena);
}

/* The schema's tables, from arena. */
static int schema_tables(struct store *st, struct arena *arena, const char ***names, size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *names = NULL;
    *n = 0;
    if ((ret = store_prepare(st, pick(st, sql_tables_lite, sql_tables_pg), &stmt)) < 0) {
        return ret;
    }
    return store_rows(st, stmt, arena, sizeof(**names), read_name, names, n);
}

/* The copy's letter for a declared type: SQLite's (any case) or PostgreSQL's data_type. */
static char type_letter(const char *type)
{
    static const struct {
        const char *type;
        char letter;
    } letters[] = {
        {"integer", 'i'}, {"bigint", 'i'}, {"smallint", 'i'}, {"text", 't'},
        {"blob", 'b'},    {"bytea", 'b'},  {"real", 'r'},     {"double precision", 'r'},
    };

    for (size_t i = 0; type && i < sizeof(letters) / sizeof(letters[0]); i++) {
        if (strcasecmp(type, letters[i].type) == 0) {
            return letters[i].letter;
        }
    }
    return '?';
}

/* "table", or "table.col" (len bytes of col), into what. */
static void name_what(char what[STORE_COPY_WHAT], const char *table, const char *col, size_t len)
{
    static const char too_long[] = "a table whose name is too long to show";
    int n = col ? snprintf(what, STORE_COPY_WHAT, "%s.%.*s", table, (int)len, col)
                : snprintf(what, STORE_COPY_WHAT, "%s", table);

    _Static_assert(sizeof(too_long) <= STORE_COPY_WHAT, "STORE_COPY_WHAT is too small");
    if (n < 0 || n >= STORE_COPY_WHAT) {
        memcpy(what, too_long, sizeof(too_long));
    }
}

/* The number of ?N parameters in sql (a literal of this file: no '?' elsewhere). */
static size_t params_in(const char *sql)
{
    size_t n = 0;

    for (const char *p = sql; (p = strchr(p, '?')); p++) {
        n++;
    }
    return n;
}

/*
 * Whether t's columns are the schema's, in order and of its types (and, where the engine says,
 * the identity where t has it): 0 or ERR_INVALID naming the column (or the table, when the
 * schema has none of it) in what.
 */
static int check_columns(struct store *st, const struct copy_table *t, char what[STORE_COPY_WHAT])
{
    const char *next = t->cols;
    struct db_stmt *stmt;
    size_t k = 0, len;
    int rc, ret = 0;

    if ((ret = store_prepare(st, pick(st, sql_columns_lite, sql_columns_pg), &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, t->name);
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        const char *col = db_column_text(stmt, 0), *identity = db_column_text(stmt, 2);
        size_t clen = col ? strlen(col) : 0;

        len = *next ? strcspn(next, ",") : 0;
        if (!len || len != clen || memcmp(next, col, len) != 0 || !t->types[k] ||
            type_letter(db_column_text(stmt, 1)) != t->types[k] ||
            (identity && (strcmp(identity, "YES") == 0) != (k == 0 && t->identity))) {
            name_what(what, t->name, col ? col : "?", col ? clen : 1); /* the schema's */
            ret = ERR_INVALID;
            break;
        }
        next += len;
        next += strspn(next, ", ");
        k++;
    }
    store_done(stmt);
    if (rc != DB_ROW && rc != DB_DONE) {
        return store_fail(st, rc);
    }
    if (!ret && (*next || t->types[k] || params_in(t->insert) != k)) {
        /* a column the schema lacks (the table itself when it lacks them all), or a list
         * out of step with itself */
        name_what(what, t->name, k ? next : NULL, strcspn(next, ","));
        ret = ERR_INVALID;
    }
    return ret;
}

int store_copy_check(struct store *st, char what[STORE_COPY_WHAT])
{
    struct arena arena;
    const char **names;
    size_t n, i, j;
    int ret;

    what[0] = '\0';
    arena_init(&arena);
    if ((ret = schema_tables(st, &arena, &names, &n)) < 0) {
        goto cleanup;
    }
    for (i = 0; i < n; i++) { /* every table of the schema is in the list */
        for (j = 0; j < NTABLES && strcmp(names[i], tables[j].name) != 0; j++) {
        }
        if (j == NTABLES) {
            name_what(what, names[i], NULL, 0);
            ret = ERR_INVALID;
            goto cleanup;
        }
    }
    for (j = 0; j < NTABLES; j++) { /* and every table of the list, as the list has it */
        for (i = 0; i < n && strcmp(names[i], tables[j].name) != 0; i++) {
        }
        if (i == n) {
            name_what(what, tables[j].name, NULL, 0);
            ret = ERR_INVALID;
            goto cleanup;
        }
        if (tables[j].cols && (ret = check_columns(st, &tables[j], what)) < 0) {
            goto cleanup;
        }
    }
cleanup:
    arena_release(&arena);
    return ret;
}

/* ---- copying ---- */

struct copy {
    struct store *from, *to;
    struct store_copy *c;
    unsigned long long total;
};

static void tell(struct copy *k, const char *table)
{
    if (k->c->progress) {
        k->c->progress(k->c->rows, k->total, table, k->c->ctx);
    }
}

/* How many rows the tables hold, inside the source's read transaction. */
static int count_rows(struct copy *k)
{
    struct db_stmt *stmt;
    size_t n;
    int ret;

    k->total = 0;
    for (size_t j = 0; j < NTABLES; j++) {
        if (!tables[j].cols) {
            continue;
        }
        if ((ret = store_prepare(k->from, tables[j].count, &stmt)) < 0 ||
            (ret = store_row_count(k->from, stmt, &n)) < 0) {
            return ret;
        }
        k->total += n;
    }
    return 0;
}

/* Bind column i of the source's current row to parameter i + 1 of ins, as type says; the
 * source's text and blobs are borrowed until ins is stepped, before the source steps again. */
static void bind_value(struct db_stmt *sel, struct db_stmt *ins, int i, char type)
{
    const void *blob;

    if (db_column_is_null(sel, i)) {
        db_bind_null(ins, i + 1);
        return;
    }
    switch (type) {
    case 'i':
        db_bind_int64(ins, i + 1, db_column_int64(sel, i));
        break;
    case 'r':
        db_bind_double(ins, i + 1, db_column_double(sel, i));
        break;
    case 'b':
        blob = db_column_blob(sel, i); /* SQLite's empty blob is NULL, and still not NULL */
        db_bind_blob(ins, i + 1, blob ? blob : "", (size_t)db_column_bytes(sel, i));
        break;
    default:
        db_bind_text(ins, i + 1, db_column_text(sel, i));
        break;
    }
}

/* Copy table t's rows, a page at a time; *max_id: the largest of its first column. */
static int copy_table(struct copy *k, const struct copy_table *t, long long *max_id)
{
    struct db_stmt *sel, *ins;
    int rc = DB_DONE, ret;
    size_t ncols = strlen(t->types), got;

    *max_id = 0;
    if ((ret = store_prepare(k->from, t->select, &sel)) < 0 ||
        (ret = store_prepare(k->to, t->insert, &ins)) < 0) {
        return ret;
    }
    tell(k, t->name);
    for (long long offset = 0;; offset += PAGE) {
        db_bind_int64(sel, 1, PAGE);
        db_bind_int64(sel, 2, offset);
        got = 0;
        while (!ret && (rc = store_step(k->from, sel)) == DB_ROW) {
            for (size_t i = 0; i < ncols; i++) {
                bind_value(sel, ins, (int)i, t->types[i]);
            }
            if (t->identity && db_column_int64(sel, 0) > *max_id) {
                *max_id = db_column_int64(sel, 0);
            }
            ret = store_run(k->to, ins);
            got++;
            k->c->rows++;
            if (k->c->rows % 256 == 0) {
                tell(k, t->name);
            }
        }
        store_done(sel);
        if (!ret && rc != DB_DONE && rc != DB_ROW) {
            ret = store_fail(k->from, rc);
        }
        if (ret || got < PAGE) {
            break;
        }
    }
    tell(k, t->name);
    return ret;
}

/* PostgreSQL: each identity's next id past the largest copied, max_ids[j] for tables[j]. */
static int move_sequences(struct copy *k, const long long *max_ids)
{
    struct db_stmt *stmt;
    int ret = 0;

    if (db_kind(k->to->db) != DB_PG) {
        return 0;
    }
    for (size_t j = 0; j < NTABLES && !ret; j++) {
        if (!tables[j].identity) {
            continue;
        }
        if ((ret = store_prepare(k->to, sql_sequence_pg, &stmt)) < 0) {
            break;
        }
        db_bind_text(stmt, 1, tables[j].sql);
        db_bind_int64(stmt, 2, max_ids[j]);
        ret = store_row_int(k->to, stmt, NULL);
    }
    return ret;
}

/* The copy itself, both ends open and checked: the target's one transaction, in the source's
 * read transaction. */
static int copy_all(struct copy *k)
{
    long long max_ids[NTABLES] = {0};
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(k->from, pick(k->from, sql_read_lite, sql_read_pg), &stmt)) < 0 ||
        (ret = store_run(k->from, stmt)) < 0) {
        return ret;
    }
    if ((ret = count_rows(k)) < 0 || (ret = store_begin_bulk(k->to)) < 0) {
        store_rollback(k->from);
        return ret;
    }
    ret = store_migrate_new(k->to);
    for (size_t j = 0; j < NTABLES && !ret; j++) {
        if (tables[j].cols) {
            if ((ret = copy_table(k, &tables[j], &max_ids[j])) < 0) {
                name_what(k->c->what, tables[j].name, NULL, 0);
            } else {
                k->c->tables++;
            }
        }
    }
    if (!ret) {
        ret = move_sequences(k, max_ids);
    }
    if (!ret) {
        ret = store_search_rebuild(k->to);
    }
    ret = store_end(k->to, ret);
    store_rollback(k->from); /* a read: nothing to keep */
    return ret;
}

/* Open the target, making an SQLite file that is not there (*made): 0 or an enum err. */
static int open_target(const char *to, struct store **out, int *made)
{
    int ret = store_open(to, 0, out);

    *made = 0;
    if (ret == ERR_NOT_FOUND && !db_uri_is_pg(to)) {
        ret = store_open(to, STORE_CREATE, out);
        *made = ret == 0;
    }
    return ret;
}

/* Whether uri names a database: a postgresql:// URI, or a path (not another scheme's URI, which
 * SQLite would take for the name of a file). */
static int known_uri(const char *uri)
{
    return db_uri_is_pg(uri) || !strstr(uri, "://");
}

int store_copy(const char *from, const char *to, struct store_copy *c)
{
    struct copy k = {.c = c};
    struct arena arena;
    const char **names;
    size_t n;
    int ret, made = 0;

    c->refused = STORE_COPY_SOURCE_FAILED;
    c->version = 0;
    c->what[0] = '\0';
    c->tables = 0;
    c->rows = 0;
    arena_init(&arena);
    if (!known_uri(from) || !known_uri(to)) {
        c->refused = STORE_COPY_BAD_URI;
        name_what(c->what, known_uri(from) ? "to" : "from", NULL, 0);
        ret = ERR_INVALID;
        goto cleanup;
    }
    if ((ret = store_open(from, STORE_READONLY, &k.from)) < 0) {
        c->refused = ret == ERR_NOT_FOUND ? STORE_COPY_NO_SOURCE : STORE_COPY_SOURCE_FAILED;
        goto cleanup;
    }
    if ((ret = store_schema_version(k.from, &c->version)) < 0) {
        goto cleanup;
    }
    if (c->version != store_schema_latest()) {
        c->refused =
            c->version < store_schema_latest() ? STORE_COPY_SOURCE_OLD : STORE_COPY_SOURCE_NEW;
        ret = ERR_INVALID;
        goto cleanup;
    }
    if ((ret = store_copy_check(k.from, c->what)) < 0) {
        c->refused = ret == ERR_INVALID ? STORE_COPY_SOURCE_UNKNOWN : STORE_COPY_SOURCE_FAILED;
        goto cleanup;
    }
    c->refused = STORE_COPY_TARGET_FAILED;
    if ((ret = open_target(to, &k.to, &made)) < 0 ||
        (ret = schema_tables(k.to, &arena, &names, &n)) < 0) {
        goto cleanup;
    }
    if (n) {
        c->refused = STORE_COPY_TARGET_USED;
        name_what(c->what, names[0], NULL, 0);
        ret = ERR_CONFLICT;
        goto cleanup;
    }
    c->refused = STORE_COPY_RAN;
    ret = copy_all(&k);
cleanup:
    store_close(k.from);
    store_close(k.to);
    if (ret < 0 && made) {
        db_sqlite_remove(to);
    }
    arena_release(&arena);
    return ret;
}
