/*
 * Open data: grants and contracting processes, upserted by their identifiers, with their
 * funders, recipients, buyers and suppliers linked to the organisation register by org-id.
 * An org-id the register does not know yet becomes an unverified organisation (audited).
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "codec/json_audit.h"
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
    struct store *st;
    const char *actor;
    char now[STORE_TIME_LEN + 1]; /* the import's time, for every row and audit entry */
    size_t orgs_created;
    struct org_slot *cache; /* ORG_CACHE slots */
};

/* An import's transaction writes far more than SQLite's default 2 MB page cache holds: with
 * the cache that small, index pages are spilled and written again and again. 96 MB keeps the
 * indexes of a large file in memory (and the import's peak memory well under 200 MB). */
static const char sql_cache_big[] = "PRAGMA cache_size = -98304";
static const char sql_cache_default[] = "PRAGMA cache_size = -2000";
/* Each upsert runs with a statement journal (it may fail half-way through its indexes): kept
 * in memory, not written to a temporary file, statement after statement. */
static const char sql_temp_memory[] = "PRAGMA temp_store = MEMORY";
static const char sql_temp_default[] = "PRAGMA temp_store = DEFAULT";

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
    if ((ret = pragma(st, sql_cache_big)) < 0 || (ret = pragma(st, sql_temp_memory)) < 0) {
        free(w);
        return ret;
    }
    w->st = st;
    w->actor = actor;
    w->cache = xcalloc(ORG_CACHE, sizeof(*w->cache));
    *out = w;
    return 0;
}

void store_opendata_writer_free(struct opendata_writer *w)
{
    if (!w) {
        return;
    }
    pragma(w->st, sql_cache_default);
    pragma(w->st, sql_temp_default);
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

static const char sql_grant_put[] =
    "INSERT INTO grant_award (identifier, title, currency, amount_pence, award_date, "
    "funder_org_id, funder_name, funder_id, recipient_org_id, recipient_name, recipient_id, "
    "recipient_individual, planned_start, planned_end, duration_months, from_open_call, "
    "programme, imported_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
    "ON CONFLICT (identifier) DO UPDATE SET title = excluded.title, "
    "currency = excluded.currency, amount_pence = excluded.amount_pence, "
    "award_date = excluded.award_date, funder_org_id = excluded.funder_org_id, "
    "funder_name = excluded.funder_name, funder_id = excluded.funder_id, "
    "recipient_org_id = excluded.recipient_org_id, recipient_name = excluded.recipient_name, "
    "recipient_id = excluded.recipient_id, recipient_individual = excluded.recipient_individual, "
    "planned_start = excluded.planned_start, planned_end = excluded.planned_end, "
    "duration_months = excluded.duration_months, from_open_call = excluded.from_open_call, "
    "programme = excluded.programme, imported_at = excluded.imported_at";

int store_grant_put(struct opendata_writer *w, const struct grant *g)
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
    db_bind_text(stmt, 1, g->id);
    db_bind_text(stmt, 2, g->title);
    db_bind_text(stmt, 3, g->currency);
    db_bind_int64(stmt, 4, g->amount);
    db_bind_text(stmt, 5, g->award_date);
    db_bind_text(stmt, 6, g->funder_id);
    bind_text_or_null(stmt, 7, g->funder_name);
    bind_id_or_null(stmt, 8, funder);
    bind_text_or_null(stmt, 9, g->recipient_id);
    bind_text_or_null(stmt, 10, g->recipient_name);
    bind_id_or_null(stmt, 11, recipient);
    db_bind_int(stmt, 12, g->recipient_individual != 0);
    bind_text_or_null(stmt, 13, g->planned_start);
    bind_text_or_null(stmt, 14, g->planned_end);
    bind_flag(stmt, 15, g->duration_months);
    bind_flag(stmt, 16, g->from_open_call);
    bind_text_or_null(stmt, 17, g->programme);
    db_bind_text(stmt, 18, w->now);
    return store_run(w->st, stmt);
}

static const char sql_contract_put[] =
    "INSERT INTO contract (ocid, release_id, release_date, title, buyer_org_id, buyer_name, "
    "buyer_id, tender_published, tender_start, tender_end, vcse_suitable, value_currency, "
    "value_pence, award_currency, award_pence, imported_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
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

int store_contract_put(struct opendata_writer *w, const struct contract *c, int *stored)
{
    struct store *st = w->st;
    long long buyer, id = 0, org;
    struct db_stmt *stmt;
    int ret, rc;

    *stored = 0;
    if ((ret = link(w, c->buyer_id, c->buyer_name, ORG_BUYER, -1, &buyer)) < 0) {
        return ret;
    }
    if ((ret = store_prepare(st, sql_contract_put, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, c->ocid);
    db_bind_text(stmt, 2, c->release_id);
    db_bind_text(stmt, 3, c->date);
    bind_text_or_null(stmt, 4, c->title);
    bind_text_or_null(stmt, 5, c->buyer_id);
    bind_text_or_null(stmt, 6, c->buyer_name);
    bind_id_or_null(stmt, 7, buyer);
    bind_text_or_null(stmt, 8, c->tender_published);
    bind_text_or_null(stmt, 9, c->tender_start);
    bind_text_or_null(stmt, 10, c->tender_end);
    bind_flag(stmt, 11, c->vcse_suitable);
    bind_text_or_null(stmt, 12, c->has_value ? c->value_currency : NULL);
    if (c->has_value) {
        db_bind_int64(stmt, 13, c->value_amount);
    } else {
        db_bind_null(stmt, 13);
    }
    bind_text_or_null(stmt, 14, c->has_award ? c->award_currency : NULL);
    if (c->has_award) {
        db_bind_int64(stmt, 15, c->award_amount);
    } else {
        db_bind_null(stmt, 15);
    }
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
    *stored = 1;
    return 0;
}

int store_opendata_import_audit(struct opendata_writer *w, const char *kind, const char *file,
                                const char *format, size_t read, size_t imported, size_t warnings)
{
    const struct audit_import summary = {.file = file,
                                         .format = format,
                                         .read = read,
                                         .imported = imported,
                                         .warnings = warnings,
                                         .organisations_created = w->orgs_created};
    struct buf after = BUF_INIT;
    int ret;

    json_audit_import(&after, &summary);
    ret = store_audit_add(w->st, w->now, w->actor, "import", kind, file, NULL, &after);
    buf_release(&after);
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
