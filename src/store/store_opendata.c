/*
 * Open data: grants and contracting processes, upserted by their identifiers, with their
 * funders, recipients, buyers and suppliers linked to the organisation register by org-id.
 * An org-id the register does not know yet becomes an unverified organisation (audited).
 *
 * An import is staged, then published. Staging writes each decoded record to a private
 * scratch database (STORE_SCRATCH) and takes no lock on the register: the server reads
 * and writes as usual while a large file is read, checked and decoded. Publishing replays the
 * staged records, in the file's order, into the register in one transaction: only that holds
 * the write lock, and it either lands whole or not at all.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "codec/json_audit.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* A direct-mapped cache of org-id -> organisation id, so a file's repeated funders and
 * recipients cost no query; bounded whatever the file's size. */
#define ORG_CACHE 4096

struct org_slot {
    char key[OPENDATA_ID_MAX + 1]; /* the org-id in lower case; "" when empty */
    long long id;
};

struct opendata_writer {
    struct store *st;    /* the register: written only by store_opendata_publish */
    struct store *stage; /* the scratch database the records are staged in */
    const char *actor;
    char now[STORE_TIME_LEN + 1]; /* the import's time, for every row and audit entry */
    size_t orgs_created;
    struct org_slot *cache; /* ORG_CACHE slots */
    struct arena arena;     /* a staged record read back, while it is published */
    struct buf rows;        /* PostgreSQL: grants for the next COPY (copy_grant) */
    unsigned long long seq; /* the grants sent so far */
};

/* The staged records, in the order of the file (rowid); columns as the structs have them. */
static const char sql_stage_schema[] =
    "CREATE TABLE staged_grant (identifier TEXT, title TEXT, currency TEXT, amount_pence INTEGER, "
    "award_date TEXT, funder_org_id TEXT, funder_name TEXT, recipient_org_id TEXT, "
    "recipient_name TEXT, recipient_individual INTEGER, planned_start TEXT, planned_end TEXT, "
    "duration_months INTEGER, from_open_call INTEGER, programme TEXT);"
    "CREATE TABLE staged_contract (ocid TEXT, release_id TEXT, release_date TEXT, title TEXT, "
    "buyer_org_id TEXT, buyer_name TEXT, tender_published TEXT, tender_start TEXT, "
    "tender_end TEXT, vcse_suitable INTEGER, value_currency TEXT, value_pence INTEGER, "
    "award_currency TEXT, award_pence INTEGER);"
    "CREATE TABLE staged_supplier (contract INTEGER NOT NULL, position INTEGER NOT NULL, "
    "supplier_org_id TEXT, name TEXT, vcse INTEGER, PRIMARY KEY (contract, position)) "
    "WITHOUT ROWID;"
    /* one transaction for all of it: nothing is written to the file until the cache spills */
    "BEGIN";

/* An import's transaction writes far more than SQLite's default 2 MB page cache holds: with
 * the cache that small, index pages are spilled and written again and again. 96 MB keeps the
 * indexes of a large file in memory (and the import's peak memory well under 200 MB). */
static const char sql_cache_big[] = "PRAGMA cache_size = -98304";
static const char sql_cache_default[] = "PRAGMA cache_size = -2000";
/* Each upsert runs with a statement journal (it may fail half-way through its indexes): kept
 * in memory, not written to a temporary file, statement after statement. */
static const char sql_temp_memory[] = "PRAGMA temp_store = MEMORY";
static const char sql_temp_default[] = "PRAGMA temp_store = DEFAULT";
/* Every link a publishing writes (funder_id, recipient_id, buyer_id, organisation_id, and a
 * supplier's contract_id) is an id the same transaction has just read or made in the register
 * (store_opendata_org, RETURNING id), which holds the write lock throughout: checking each
 * again cost a third of the publishing (docs/PERFORMANCE.md). SQLite takes it outside a
 * transaction only, like the settings above. */
static const char sql_fk_off[] = "PRAGMA foreign_keys = OFF";
static const char sql_fk_on[] = "PRAGMA foreign_keys = ON";

/* Run a pragma that answers a row or nothing: SQLite's tuning, nothing to PostgreSQL. */
static int pragma(struct store *st, const char *sql)
{
    struct db_stmt *stmt;
    int ret, rc;
    if (db_kind(st->db) != DB_SQLITE) {
        return 0;
    }
    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    rc = store_step(st, stmt);
    ret = rc == DB_ROW || rc == DB_DONE ? 0 : store_err(st, rc);
    store_done(stmt);
    return ret;
}

int store_opendata_writer_new(struct store *st, const char *actor, struct opendata_writer **out)
{
    struct opendata_writer *w;
    int ret;

    *out = NULL;
    w = xcalloc(1, sizeof(*w));
    store_now(w->now);
    w->st = st;
    w->actor = actor;
    arena_init(&w->arena);
    buf_init(&w->rows, 0);
    /* its page cache stays SQLite's default (2 MB): appending touches only the last pages, and
     * publishing reads them back in order */
    if ((ret = store_open("", STORE_SCRATCH, &w->stage)) < 0) {
        goto cleanup;
    }
    if ((ret = store_exec(w->stage, sql_stage_schema)) < 0) {
        goto cleanup;
    }
    w->cache = xcalloc(ORG_CACHE, sizeof(*w->cache));
    *out = w;
    w = NULL;
    ret = 0;
cleanup:
    store_opendata_writer_free(w);
    return ret;
}

void store_opendata_writer_free(struct opendata_writer *w)
{
    if (!w) {
        return;
    }
    store_close(w->stage); /* and with it, the scratch file */
    arena_release(&w->arena);
    buf_release(&w->rows);
    free(w->cache);
    free(w);
}

size_t store_opendata_orgs_created(const struct opendata_writer *w)
{
    return w->orgs_created;
}

/* The type an unverified organisation is given, from its scheme and role. */
static enum org_type guess_type(enum orgid_scheme scheme, enum org_role role, int vcse)
{
    if (scheme == ORGID_LAE) {
        return ORG_COUNCIL;
    }
    if (scheme == ORGID_CHC) {
        return ORG_CHARITY;
    }
    /* a company that receives grants or says it is a VCSE: a social enterprise */
    return role == ORG_RECIPIENT || vcse == 1 ? ORG_SOCIAL_ENTERPRISE : ORG_BUSINESS;
}

static struct org_slot *slot_for(struct opendata_writer *w, const char *org_id, char *key)
{
    size_t n = strlen(org_id);
    unsigned long h = 5381;
    for (size_t i = 0; i <= n; i++) {
        char c = org_id[i];
        key[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        h = h * 33 + (unsigned char)key[i];
    }
    return &w->cache[h % ORG_CACHE];
}

int store_opendata_org(struct opendata_writer *w, const char *org_id, const char *name,
                       enum org_role role, int vcse, long long *id)
{
    char form[ORG_ID_MAX + 1], key[OPENDATA_ID_MAX + 1];
    enum orgid_scheme scheme = orgid_linked(org_id, form);
    struct organisation o = {.org_id = form, .name = name && *name ? name : form};
    struct org_slot *slot;
    int ret, made;

    *id = 0;
    if (scheme == ORGID_NONE) {
        return ERR_NOT_FOUND;
    }
    slot = slot_for(w, org_id, key);
    if (slot->id && !strcmp(slot->key, key)) {
        *id = slot->id;
        return 0;
    }
    /* unverified, of a type guessed from the scheme and the part it plays */
    o.type = guess_type(scheme, role, vcse);
    o.sector = org_type_sector(o.type);
    if ((ret = store_organisation_find_or_make(w->st, &o, w->actor, id, &made)) < 0) {
        return ret;
    }
    w->orgs_created += (size_t)made;
    memcpy(slot->key, key, strlen(key) + 1);
    slot->id = *id;
    return 0;
}

static void bind_text_or_null(struct db_stmt *stmt, int i, const char *s)
{
    if (s && *s) {
        db_bind_text(stmt, i, s);
    } else {
        db_bind_null(stmt, i);
    }
}

static void bind_id_or_null(struct db_stmt *stmt, int i, long long id)
{
    if (id) {
        db_bind_int64(stmt, i, id);
    } else {
        db_bind_null(stmt, i);
    }
}

static void bind_flag(struct db_stmt *stmt, int i, int v)
{
    if (v >= 0) {
        db_bind_int(stmt, i, v);
    } else {
        db_bind_null(stmt, i);
    }
}

static void bind_money_or_null(struct db_stmt *stmt, int i, int has, int64_t pence)
{
    if (has) {
        db_bind_int64(stmt, i, pence);
    } else {
        db_bind_null(stmt, i);
    }
}

/* A link to the register, or none (0) for an org-id it does not keep. */
static int link(struct opendata_writer *w, const char *org_id, const char *name, enum org_role role,
                int vcse, long long *id)
{
    int ret = org_id ? store_opendata_org(w, org_id, name, role, vcse, id) : ERR_NOT_FOUND;
    if (ret == ERR_NOT_FOUND) {
        *id = 0;
        return 0;
    }
    return ret;
}

/* A grant's own fields as ?1 to ?15, in the order of the staged table (the register's statement
 * names the same numbers, and its links to organisations after them). */
static void bind_grant(struct db_stmt *stmt, const struct grant *g)
{
    store_bind_text(stmt, 1, g->id);
    store_bind_text(stmt, 2, g->title);
    store_bind_text(stmt, 3, g->currency);
    db_bind_int64(stmt, 4, g->amount);
    store_bind_text(stmt, 5, g->award_date);
    store_bind_text(stmt, 6, g->funder_id);
    bind_text_or_null(stmt, 7, g->funder_name);
    bind_text_or_null(stmt, 8, g->recipient_id);
    bind_text_or_null(stmt, 9, g->recipient_name);
    db_bind_int(stmt, 10, g->recipient_individual != 0);
    bind_text_or_null(stmt, 11, g->planned_start);
    bind_text_or_null(stmt, 12, g->planned_end);
    bind_flag(stmt, 13, g->duration_months);
    bind_flag(stmt, 14, g->from_open_call);
    bind_text_or_null(stmt, 15, g->programme);
}

#define GRANT_COLUMNS                                                                              \
    "INSERT INTO grant_award (identifier, title, currency, amount_pence, award_date, "             \
    "funder_org_id, funder_name, funder_id, recipient_org_id, recipient_name, recipient_id, "      \
    "recipient_individual, planned_start, planned_end, duration_months, from_open_call, "          \
    "programme, imported_at) "
#define GRANT_UPDATE                                                                               \
    "ON CONFLICT (identifier) DO UPDATE SET title = excluded.title, "                              \
    "currency = excluded.currency, amount_pence = excluded.amount_pence, "                         \
    "award_date = excluded.award_date, funder_org_id = excluded.funder_org_id, "                   \
    "funder_name = excluded.funder_name, funder_id = excluded.funder_id, "                         \
    "recipient_org_id = excluded.recipient_org_id, recipient_name = excluded.recipient_name, "     \
    "recipient_id = excluded.recipient_id, recipient_individual = excluded.recipient_individual, " \
    "planned_start = excluded.planned_start, planned_end = excluded.planned_end, "                 \
    "duration_months = excluded.duration_months, from_open_call = excluded.from_open_call, "       \
    "programme = excluded.programme, imported_at = excluded.imported_at"
static const char sql_grant_put[] =
    GRANT_COLUMNS "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?16, ?8, ?9, ?17, ?10, ?11, ?12, ?13, ?14, "
                  "?15, ?18) " GRANT_UPDATE;

/* Insert or update g in the register, inside the publishing transaction. */
static int publish_grant(struct opendata_writer *w, const struct grant *g)
{
    long long funder, recipient;
    struct db_stmt *stmt;
    int ret;

    if ((ret = link(w, g->funder_id, g->funder_name, ORG_FUNDER, -1, &funder)) < 0 ||
        (ret = link(w, g->recipient_id, g->recipient_name, ORG_RECIPIENT, -1, &recipient)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(w->st, sql_grant_put, &stmt)) < 0) {
        return ret;
    }
    bind_grant(stmt, g);
    bind_id_or_null(stmt, 16, funder);
    bind_id_or_null(stmt, 17, recipient);
    db_bind_text(stmt, 18, w->now);
    return store_run(w->st, stmt);
}

/*
 * PostgreSQL: grants go in with COPY, the tool it gives for bulk loads, not one upsert (and one
 * round trip) each. A batch of rows at a time (links to the register looked up first, while no
 * COPY is open) into a temporary table, dropped at the commit; then one statement upserts them
 * all, each identifier once as its last row in the file says it, in the order the file first
 * names it (the ids a row-by-row upsert gives).
 */
#define COPY_BATCH ((size_t)4 << 20)

static const char sql_copy_table[] =
    "CREATE TEMPORARY TABLE import_grant (seq bigint, identifier text, title text, "
    "currency text, amount_pence bigint, award_date text, funder_org_id text, funder_name text, "
    "funder_id bigint, recipient_org_id text, recipient_name text, recipient_id bigint, "
    "recipient_individual integer, planned_start text, planned_end text, "
    "duration_months integer, from_open_call integer, programme text) ON COMMIT DROP";
static const char sql_copy_in[] = "COPY import_grant FROM STDIN";
static const char sql_copy_publish[] = GRANT_COLUMNS
    "SELECT identifier, title, currency, amount_pence, award_date, funder_org_id, funder_name, "
    "funder_id, recipient_org_id, recipient_name, recipient_id, recipient_individual, "
    "planned_start, planned_end, duration_months, from_open_call, programme, ?1 "
    "FROM (SELECT DISTINCT ON (identifier) *, min(seq) OVER (PARTITION BY identifier) AS first "
    "FROM import_grant ORDER BY identifier, seq DESC) AS g ORDER BY first " GRANT_UPDATE;

static void copy_text(struct buf *row, const char *s, int empty_is_null, char end)
{
    db_copy_field(row, s && (*s || !empty_is_null) ? s : NULL);
    buf_addc(row, end);
}

static void copy_number(struct buf *row, int has, long long v, char end)
{
    if (has) {
        buf_addf(row, "%lld%c", v, end);
    } else {
        buf_addf(row, "\\N%c", end);
    }
}

/* Send the rows in w->rows, if any, as one COPY. */
static int copy_flush(struct opendata_writer *w)
{
    struct db *db = w->st->db;
    int rc;

    if (!w->rows.len) {
        return 0;
    }
    if (buf_failed(&w->rows)) {
        return ERR_TOO_BIG;
    }
    rc = db_copy_begin(db, sql_copy_in);
    if (rc == DB_OK) {
        int end;
        rc = db_copy_put(db, w->rows.data, w->rows.len);
        end = db_copy_end(db, rc == DB_OK ? NULL : "the import could not send its rows");
        rc = rc == DB_OK ? end : rc;
    }
    buf_reset(&w->rows);
    return store_err(w->st, rc);
}

/* g as a row of import_grant (its fields as bind_grant has them, then its links). */
static int copy_grant(struct opendata_writer *w, const struct grant *g)
{
    struct buf *r = &w->rows;
    long long funder, recipient;
    int ret;

    if ((ret = link(w, g->funder_id, g->funder_name, ORG_FUNDER, -1, &funder)) < 0 ||
        (ret = link(w, g->recipient_id, g->recipient_name, ORG_RECIPIENT, -1, &recipient)) < 0) {
        return ret;
    }
    copy_number(r, 1, (long long)++w->seq, '\t');
    copy_text(r, g->id, 0, '\t');
    copy_text(r, g->title, 0, '\t');
    copy_text(r, g->currency, 0, '\t');
    copy_number(r, 1, g->amount, '\t');
    copy_text(r, g->award_date, 0, '\t');
    copy_text(r, g->funder_id, 0, '\t');
    copy_text(r, g->funder_name, 1, '\t');
    copy_number(r, funder != 0, funder, '\t');
    copy_text(r, g->recipient_id, 1, '\t');
    copy_text(r, g->recipient_name, 1, '\t');
    copy_number(r, recipient != 0, recipient, '\t');
    copy_number(r, 1, g->recipient_individual != 0, '\t');
    copy_text(r, g->planned_start, 1, '\t');
    copy_text(r, g->planned_end, 1, '\t');
    copy_number(r, g->duration_months >= 0, g->duration_months, '\t');
    copy_number(r, g->from_open_call >= 0, g->from_open_call, '\t');
    copy_text(r, g->programme, 1, '\n');
    return w->rows.len >= COPY_BATCH ? copy_flush(w) : 0;
}

/* The grants sent by copy_grant, into the register. */
static int copy_publish(struct opendata_writer *w)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = copy_flush(w)) < 0 || (ret = store_prepare(w->st, sql_copy_publish, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, w->now);
    return store_run(w->st, stmt);
}

/* A contracting process's own fields as ?1 to ?14, in the order of the staged table (the
 * register's statement names the same numbers, and its buyer's link after them). */
static void bind_contract(struct db_stmt *stmt, const struct contract *c)
{
    store_bind_text(stmt, 1, c->ocid);
    store_bind_text(stmt, 2, c->release_id);
    store_bind_text(stmt, 3, c->date);
    bind_text_or_null(stmt, 4, c->title);
    bind_text_or_null(stmt, 5, c->buyer_id);
    bind_text_or_null(stmt, 6, c->buyer_name);
    bind_text_or_null(stmt, 7, c->tender_published);
    bind_text_or_null(stmt, 8, c->tender_start);
    bind_text_or_null(stmt, 9, c->tender_end);
    bind_flag(stmt, 10, c->vcse_suitable);
    bind_text_or_null(stmt, 11, c->has_value ? c->value_currency : NULL);
    bind_money_or_null(stmt, 12, c->has_value, c->value_amount);
    bind_text_or_null(stmt, 13, c->has_award ? c->award_currency : NULL);
    bind_money_or_null(stmt, 14, c->has_award, c->award_amount);
}

static const char sql_contract_put[] =
    "INSERT INTO contract (ocid, release_id, release_date, title, buyer_org_id, buyer_name, "
    "buyer_id, tender_published, tender_start, tender_end, vcse_suitable, value_currency, "
    "value_pence, award_currency, award_pence, imported_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?15, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?16) "
    "ON CONFLICT (ocid) DO UPDATE SET release_id = excluded.release_id, "
    "release_date = excluded.release_date, title = excluded.title, "
    "buyer_org_id = excluded.buyer_org_id, buyer_name = excluded.buyer_name, "
    "buyer_id = excluded.buyer_id, tender_published = excluded.tender_published, "
    "tender_start = excluded.tender_start, tender_end = excluded.tender_end, "
    "vcse_suitable = excluded.vcse_suitable, value_currency = excluded.value_currency, "
    "value_pence = excluded.value_pence, award_currency = excluded.award_currency, "
    "award_pence = excluded.award_pence, imported_at = excluded.imported_at "
    "WHERE excluded.release_date >= contract.release_date RETURNING id";
static const char sql_suppliers_clear[] = "DELETE FROM contract_supplier WHERE contract_id = ?1";
static const char sql_supplier_add[] =
    "INSERT INTO contract_supplier (contract_id, position, supplier_org_id, name, vcse, "
    "organisation_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* Insert or update c in the register, inside the publishing transaction; a release older (by
 * date) than the one kept changes nothing. */
static int publish_contract(struct opendata_writer *w, const struct contract *c)
{
    struct store *st = w->st;
    long long buyer, id = 0, org;
    struct db_stmt *stmt;
    int ret, rc;

    if ((ret = link(w, c->buyer_id, c->buyer_name, ORG_BUYER, -1, &buyer)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_contract_put, &stmt)) < 0) {
        return ret;
    }
    bind_contract(stmt, c);
    bind_id_or_null(stmt, 15, buyer);
    db_bind_text(stmt, 16, w->now);
    rc = store_step(st, stmt);
    if (rc == DB_ROW) {
        id = db_column_int64(stmt, 0);
        rc = store_step(st, stmt);
    }
    ret = rc == DB_DONE ? 0 : store_fail(st, rc);
    store_done(stmt);
    if (ret < 0 || !id) {
        return ret; /* an older release than the one kept changes nothing */
    }
    if ((ret = store_prepare(st, sql_suppliers_clear, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, id);
    if ((ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    for (size_t i = 0; i < c->nsuppliers; i++) {
        const struct contract_supplier *s = &c->suppliers[i];
        if ((ret = link(w, s->id, s->name, ORG_SUPPLIER, s->vcse, &org)) < 0 ||
            (ret = store_prepare(st, sql_supplier_add, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, id);
        db_bind_int64(stmt, 2, (long long)i + 1);
        bind_text_or_null(stmt, 3, s->id);
        bind_text_or_null(stmt, 4, s->name);
        bind_flag(stmt, 5, s->vcse);
        bind_id_or_null(stmt, 6, org);
        if ((ret = store_run(st, stmt)) < 0) {
            return ret;
        }
    }
    return 0;
}

/* The audit entry of an import, inside the publishing transaction. */
static int import_audit(struct opendata_writer *w, const struct opendata_import *im)
{
    const struct audit_import summary = {.file = im->file,
                                         .format = im->format,
                                         .read = im->read,
                                         .imported = im->read,
                                         .warnings = im->warnings,
                                         .organisations_created = w->orgs_created};
    struct buf after = BUF_INIT;
    int ret;

    json_audit_import(&after, &summary);
    ret = store_audit_add(w->st, w->now, w->actor, "import", im->kind, im->file, NULL, &after);
    buf_release(&after);
    return ret;
}

/* Staging: each record as its struct holds it, "" and -1 (absent) as NULL. */

static const char sql_grant_stage[] =
    "INSERT INTO staged_grant (identifier, title, currency, amount_pence, award_date, "
    "funder_org_id, funder_name, recipient_org_id, recipient_name, recipient_individual, "
    "planned_start, planned_end, duration_months, from_open_call, programme) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
static const char sql_grants_staged[] =
    "SELECT identifier, title, currency, amount_pence, award_date, funder_org_id, funder_name, "
    "recipient_org_id, recipient_name, recipient_individual, planned_start, planned_end, "
    "duration_months, from_open_call, programme FROM staged_grant ORDER BY rowid";

int store_grant_stage(struct opendata_writer *w, const struct grant *g)
{
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(w->stage, sql_grant_stage, &stmt)) < 0) {
        return ret;
    }
    bind_grant(stmt, g);
    return store_run(w->stage, stmt);
}

static const char sql_contract_stage[] =
    "INSERT INTO staged_contract (ocid, release_id, release_date, title, buyer_org_id, "
    "buyer_name, tender_published, tender_start, tender_end, vcse_suitable, value_currency, "
    "value_pence, award_currency, award_pence) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING rowid";
static const char sql_supplier_stage[] =
    "INSERT INTO staged_supplier (contract, position, supplier_org_id, name, vcse) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_contracts_staged[] =
    "SELECT ocid, release_id, release_date, title, buyer_org_id, buyer_name, tender_published, "
    "tender_start, tender_end, vcse_suitable, value_currency, value_pence, award_currency, "
    "award_pence, rowid FROM staged_contract ORDER BY rowid";
static const char sql_suppliers_staged[] =
    "SELECT supplier_org_id, name, vcse FROM staged_supplier WHERE contract = ?1 "
    "ORDER BY position";

int store_contract_stage(struct opendata_writer *w, const struct contract *c)
{
    struct store *stage = w->stage;
    struct db_stmt *stmt;
    long long row;
    int ret;

    if ((ret = store_prepare(stage, sql_contract_stage, &stmt)) < 0) {
        return ret;
    }
    bind_contract(stmt, c);
    if ((ret = store_run_id(stage, stmt, &row)) < 0) {
        return ret;
    }
    for (size_t i = 0; i < c->nsuppliers; i++) {
        const struct contract_supplier *sup = &c->suppliers[i];
        if ((ret = store_prepare(stage, sql_supplier_stage, &stmt)) < 0) {
            return ret;
        }
        db_bind_int64(stmt, 1, row);
        db_bind_int64(stmt, 2, (long long)i + 1);
        bind_text_or_null(stmt, 3, sup->id);
        bind_text_or_null(stmt, 4, sup->name);
        bind_flag(stmt, 5, sup->vcse);
        if ((ret = store_run(stage, stmt)) < 0) {
            return ret;
        }
    }
    return 0;
}

/* Reading a staged record back: its strings copied into the writer's arena. */

/* Text column i into the date field out ("" for NULL); staged from such a field, so it fits. */
static void col_date(struct db_stmt *stmt, int i, char out[DATE_STRLEN + 1])
{
    const char *s = db_column_text(stmt, i);
    size_t n = s ? (size_t)db_column_bytes(stmt, i) : 0;

    n = n < DATE_STRLEN ? n : DATE_STRLEN;
    memcpy(out, s ? (const char *)s : "", n);
    out[n] = '\0';
}

/* Integer column i, or -1 (absent) for NULL. */
static int col_flag(struct db_stmt *stmt, int i)
{
    return db_column_is_null(stmt, i) ? -1 : db_column_int(stmt, i);
}

static void read_staged_grant(struct db_stmt *stmt, struct arena *arena, struct grant *g)
{
    memset(g, 0, sizeof(*g));
    g->id = store_col(stmt, 0, arena);
    g->title = store_col(stmt, 1, arena);
    g->currency = store_col(stmt, 2, arena);
    g->amount = db_column_int64(stmt, 3);
    col_date(stmt, 4, g->award_date);
    g->funder_id = store_col(stmt, 5, arena);
    g->funder_name = store_col(stmt, 6, arena);
    g->recipient_id = store_col(stmt, 7, arena);
    g->recipient_name = store_col(stmt, 8, arena);
    g->recipient_individual = db_column_int(stmt, 9);
    col_date(stmt, 10, g->planned_start);
    col_date(stmt, 11, g->planned_end);
    g->duration_months = col_flag(stmt, 12);
    g->from_open_call = col_flag(stmt, 13);
    g->programme = store_col(stmt, 14, arena);
}

static void read_staged_contract(struct db_stmt *stmt, struct arena *arena, struct contract *c)
{
    memset(c, 0, sizeof(*c));
    c->ocid = store_col(stmt, 0, arena);
    c->release_id = store_col(stmt, 1, arena);
    col_date(stmt, 2, c->date);
    c->title = store_col(stmt, 3, arena);
    c->buyer_id = store_col(stmt, 4, arena);
    c->buyer_name = store_col(stmt, 5, arena);
    col_date(stmt, 6, c->tender_published);
    col_date(stmt, 7, c->tender_start);
    col_date(stmt, 8, c->tender_end);
    c->vcse_suitable = col_flag(stmt, 9);
    c->value_currency = store_col(stmt, 10, arena);
    c->has_value = !db_column_is_null(stmt, 11);
    c->value_amount = db_column_int64(stmt, 11);
    c->award_currency = store_col(stmt, 12, arena);
    c->has_award = !db_column_is_null(stmt, 13);
    c->award_amount = db_column_int64(stmt, 13);
}

/* The suppliers staged with the contract of staging row `row` into c. */
static int read_staged_suppliers(struct opendata_writer *w, long long row, struct contract *c)
{
    struct db_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(w->stage, sql_suppliers_staged, &stmt)) < 0) {
        return ret;
    }
    db_bind_int64(stmt, 1, row);
    while ((rc = store_step(w->stage, stmt)) == DB_ROW && c->nsuppliers < CONTRACT_SUPPLIERS_MAX) {
        struct contract_supplier *sup = &c->suppliers[c->nsuppliers++];
        sup->id = store_col(stmt, 0, &w->arena);
        sup->name = store_col(stmt, 1, &w->arena);
        sup->vcse = col_flag(stmt, 2);
    }
    ret = rc == DB_ROW || rc == DB_DONE ? 0 : store_fail(w->stage, rc);
    store_done(stmt);
    return ret;
}

/* Replay every staged record into the register, in the order staged. */
static int replay(struct opendata_writer *w)
{
    struct db_stmt *grants = NULL, *contracts = NULL;
    int copy = db_can_copy(w->st->db), ret, rc;

    if ((copy && (ret = store_exec(w->st, sql_copy_table)) < 0) ||
        (ret = store_prepare(w->stage, sql_grants_staged, &grants)) < 0) {
        return ret;
    }
    while ((rc = store_step(w->stage, grants)) == DB_ROW) {
        struct grant g;
        arena_reset(&w->arena);
        read_staged_grant(grants, &w->arena, &g);
        if ((ret = copy ? copy_grant(w, &g) : publish_grant(w, &g)) < 0) {
            goto cleanup;
        }
    }
    if (rc != DB_DONE) {
        ret = store_fail(w->stage, rc);
        goto cleanup;
    }
    if (copy && (ret = copy_publish(w)) < 0) {
        goto cleanup;
    }
    if ((ret = store_prepare(w->stage, sql_contracts_staged, &contracts)) < 0) {
        goto cleanup;
    }
    while ((rc = store_step(w->stage, contracts)) == DB_ROW) {
        struct contract c;
        arena_reset(&w->arena);
        read_staged_contract(contracts, &w->arena, &c);
        if ((ret = read_staged_suppliers(w, db_column_int64(contracts, 14), &c)) < 0 ||
            (ret = publish_contract(w, &c)) < 0) {
            goto cleanup;
        }
    }
    ret = rc == DB_DONE ? 0 : store_fail(w->stage, rc);
cleanup:
    store_done(grants);
    store_done(contracts);
    return ret;
}

int store_opendata_publish(struct opendata_writer *w, const struct opendata_import *im)
{
    struct store *st = w->st;
    int ret;

    w->orgs_created = 0;
    /* settings made outside the transaction: SQLite takes them at its start */
    if ((ret = pragma(st, sql_cache_big)) < 0 || (ret = pragma(st, sql_temp_memory)) < 0 ||
        (ret = pragma(st, sql_fk_off)) < 0) {
        goto cleanup;
    }
    if ((ret = store_begin_bulk(st)) < 0) {
        goto cleanup;
    }
    ret = replay(w);
    if (!ret) {
        ret = import_audit(w, im);
    }
    if ((ret = store_end(st, ret)) < 0) {
        w->orgs_created = 0;
    }
cleanup:
    pragma(st, sql_cache_default);
    pragma(st, sql_temp_default);
    pragma(st, sql_fk_on);
    return ret;
}

static const char sql_grant_count[] = "SELECT count(*) FROM grant_award";
static const char sql_contract_count[] = "SELECT count(*) FROM contract";

static int count(struct store *st, const char *sql, size_t *out)
{
    struct db_stmt *stmt;
    int ret, rc;

    *out = 0;
    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    rc = store_step(st, stmt);
    if (rc == DB_ROW) {
        *out = (size_t)db_column_int64(stmt, 0);
    }
    ret = rc == DB_ROW ? 0 : store_fail(st, rc);
    store_done(stmt);
    return ret;
}

int store_grant_count(struct store *st, size_t *out)
{
    return count(st, sql_grant_count, out);
}

int store_contract_count(struct store *st, size_t *out)
{
    return count(st, sql_contract_count, out);
}
