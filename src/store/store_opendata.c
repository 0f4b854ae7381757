/*
 * Open data: grants and contracting processes, upserted by their identifiers, with their
 * funders, recipients, buyers and suppliers linked to the organisation register by org-id.
 * An org-id the register does not know yet becomes an unverified organisation (audited).
 *
 * An import is staged, then published. Staging appends each decoded record to a private
 * scratch file (a flat file of length-prefixed fields, unlinked as soon as it is made) and takes
 * no lock on the register: the server reads and writes as usual while a large file is read,
 * checked and decoded. Publishing replays the
 * staged records, in the file's order, into the register in one transaction: only that holds
 * the write lock, and it either lands whole or not at all.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"
#include "codec/json_audit.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/log.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* A cache of org-id -> organisation id, so a file's repeated funders and recipients cost no
 * query (on PostgreSQL, no round trip); bounded whatever the file's size. Four ways to a set:
 * direct-mapped, a few hundred org-ids that fell on the same slots took each other's place all
 * through a large file, ten thousand queries for 800 organisations (docs/PERFORMANCE.md). */
#define ORG_CACHE 4096
#define ORG_WAYS  4

struct org_slot {
    char key[OPENDATA_ID_MAX + 1]; /* the org-id in lower case; "" when empty */
    long long id;                  /* 0: empty; NOT_LINKED: of no scheme the register keeps */
};
#define NOT_LINKED (-1LL)

enum { STAGE_GRANT, STAGE_CONTRACT };

struct opendata_writer {
    struct store *st; /* the register: written only by store_opendata_publish */
    FILE *stage;      /* the scratch file the records are staged in (stage_open) */
    struct buf rec;   /* a record being staged, or one read back */
    size_t staged[2]; /* how many of each kind (STAGE_GRANT, STAGE_CONTRACT) */
    const char *actor;
    char now[STORE_TIME_LEN + 1]; /* the import's time, for every row and audit entry */
    size_t orgs_created;
    struct org_slot *cache; /* ORG_CACHE slots */
    struct buf rows;        /* PostgreSQL: grants for the next COPY (copy_grant) */
    unsigned long long seq; /* the grants sent so far */
    /* PostgreSQL, a register with no grant yet: grants sent while the file is read (direct) */
    int direct;    /* DIRECT_* */
    int copying;   /* a COPY is open */
    uint64_t *ids; /* the identifiers sent to grant_award, hashed (id_seen) */
    size_t nids, slots;
};

enum {
    DIRECT_UNTRIED, /* no grant staged yet */
    DIRECT_OFF,     /* staged, published at the end (SQLite; PostgreSQL with grants kept) */
    DIRECT_ON,      /* each grant COPYed into grant_award as it is staged */
    DIRECT_TEMP,    /* an identifier sent again: the rest into import_grant, upserted at the end */
    DIRECT_FAILED,  /* rolled back: published from the scratch file at the end, as DIRECT_OFF */
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

#define STAGE_BUFFER ((size_t)1 << 20) /* the scratch file's stdio buffer */

/* The folder SQLite would make its temporary files in: the first writable folder of
 * SQLITE_TMPDIR, TMPDIR, /var/tmp, /usr/tmp, /tmp and ".". */
static const char *stage_folder(void)
{
    const char *dirs[] = {getenv("SQLITE_TMPDIR"), getenv("TMPDIR"), "/var/tmp", "/usr/tmp",
                          "/tmp"};
    struct stat sb;
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        if (dirs[i] && *dirs[i] && stat(dirs[i], &sb) == 0 && S_ISDIR(sb.st_mode) &&
            access(dirs[i], W_OK | X_OK) == 0) {
            return dirs[i];
        }
    }
    return ".";
}

/* The scratch file: made, unlinked at once (a killed process leaves nothing behind), read back
 * by store_opendata_publish. Its content is thrown away on any failure. */
static int stage_open(FILE **out)
{
    struct buf path = BUF_INIT;
    int fd, ret = ERR_IO;

    *out = NULL;
    buf_addf(&path, "%s/compact-import.XXXXXX", stage_folder());
    if (buf_failed(&path)) {
        ret = ERR_TOO_BIG;
    } else if ((fd = mkstemp(path.data)) >= 0) {
        unlink(path.data);
        if ((*out = fdopen(fd, "w+b")) != NULL) {
            setvbuf(*out, NULL, _IOFBF, STAGE_BUFFER);
            ret = 0;
        } else {
            close(fd);
        }
    }
    buf_release(&path);
    return ret;
}

static const char sql_grant_count[] = "SELECT count(*) FROM grant_award";

static void direct_abandon(struct opendata_writer *w);
static int copy_close(struct opendata_writer *w);
static int count(struct store *st, const char *sql, size_t *out);
static int replay_kind(struct opendata_writer *w, int kind);
static int import_audit(struct opendata_writer *w, const struct opendata_import *im);

int store_opendata_writer_new(struct store *st, const char *actor, struct opendata_writer **out)
{
    struct opendata_writer *w;
    int ret;

    *out = NULL;
    w = xcalloc(1, sizeof(*w));
    store_now(w->now);
    w->st = st;
    w->actor = actor;
    buf_init(&w->rows, 0);
    buf_init(&w->rec, 0);
    if ((ret = stage_open(&w->stage)) < 0) {
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
    if (w->direct == DIRECT_ON || w->direct == DIRECT_TEMP) {
        direct_abandon(w); /* not published: nothing of it stays */
    }
    if (w->stage) {
        fclose(w->stage); /* and with it, the scratch file */
    }
    buf_release(&w->rec);
    buf_release(&w->rows);
    free(w->cache);
    free(w->ids);
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

/* The slot of org_id (its lower-case form into key): the one that holds it, else one to fill. */
static struct org_slot *slot_for(struct opendata_writer *w, const char *org_id, char *key)
{
    size_t n = strlen(org_id);
    unsigned long h = 5381;
    struct org_slot *set;
    for (size_t i = 0; i <= n; i++) {
        char c = org_id[i];
        key[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        h = h * 33 + (unsigned char)key[i];
    }
    set = &w->cache[(h % (ORG_CACHE / ORG_WAYS)) * ORG_WAYS];
    for (size_t i = 0; i < ORG_WAYS; i++) {
        if (!set[i].id || !strcmp(set[i].key, key)) {
            return &set[i];
        }
    }
    return &set[(h / (ORG_CACHE / ORG_WAYS)) % ORG_WAYS]; /* all taken: one of them goes */
}

int store_opendata_org(struct opendata_writer *w, const char *org_id, const char *name,
                       enum org_role role, int vcse, long long *id)
{
    char form[ORG_ID_MAX + 1], key[OPENDATA_ID_MAX + 1];
    enum orgid_scheme scheme;
    struct organisation o = {.org_id = form, .name = name && *name ? name : form};
    struct org_slot *slot;
    int ret, made;

    *id = 0;
    if (!org_id || strlen(org_id) > ORG_ID_MAX) {
        return ERR_NOT_FOUND; /* no org-id of the register's schemes is longer */
    }
    /* the cache first: a file names the same funders and recipients grant after grant, and
     * the identifiers of other schemes (kept as NOT_LINKED) as often */
    slot = slot_for(w, org_id, key);
    if (slot->id && !strcmp(slot->key, key)) {
        *id = slot->id > 0 ? slot->id : 0;
        return slot->id > 0 ? 0 : ERR_NOT_FOUND;
    }
    if ((scheme = orgid_linked(org_id, form)) == ORGID_NONE) {
        memcpy(slot->key, key, strlen(key) + 1);
        slot->id = NOT_LINKED;
        return ERR_NOT_FOUND;
    }
    if (w->copying && (ret = copy_close(w)) < 0) { /* the connection is needed for a query */
        return ret;
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
static int link_org(struct opendata_writer *w, const char *org_id, const char *name,
                    enum org_role role, int vcse, long long *id)
{
    int ret = org_id ? store_opendata_org(w, org_id, name, role, vcse, id) : ERR_NOT_FOUND;
    if (ret == ERR_NOT_FOUND) {
        *id = 0;
        return 0;
    }
    return ret;
}

/* A grant's own fields as ?1 to ?15 (the register's statement names the same numbers, and its
 * links to organisations after them); its texts borrowed, not copied: they outlive the step. */
static void bind_grant(struct db_stmt *stmt, const struct grant *g)
{
    db_bind_text(stmt, 1, g->id);
    db_bind_text(stmt, 2, g->title);
    db_bind_text(stmt, 3, g->currency);
    db_bind_int64(stmt, 4, g->amount);
    db_bind_text(stmt, 5, g->award_date);
    db_bind_text(stmt, 6, g->funder_id);
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

    if ((ret = link_org(w, g->funder_id, g->funder_name, ORG_FUNDER, -1, &funder)) < 0 ||
        (ret = link_org(w, g->recipient_id, g->recipient_name, ORG_RECIPIENT, -1, &recipient)) <
            0) {
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

/* Where a row goes: grant_award itself (DIRECT_ON), else import_grant. */
static const char sql_copy_direct[] =
    "COPY grant_award (identifier, title, currency, amount_pence, award_date, funder_org_id, "
    "funder_name, funder_id, recipient_org_id, recipient_name, recipient_id, "
    "recipient_individual, planned_start, planned_end, duration_months, from_open_call, "
    "programme, imported_at) FROM STDIN";

/* Send the rows in w->rows, opening a COPY if none is: it stays open, the server storing the rows
 * while the next are made, until a query needs the connection (copy_close). */
static int copy_send(struct opendata_writer *w)
{
    struct db *db = w->st->db;
    int rc = DB_OK;

    if (buf_failed(&w->rows)) {
        return ERR_TOO_BIG;
    }
    if (!w->copying && w->rows.len) {
        rc = db_copy_begin(db, w->direct == DIRECT_ON ? sql_copy_direct : sql_copy_in);
        w->copying = rc == DB_OK;
    }
    if (rc == DB_OK && w->rows.len) {
        rc = db_copy_put(db, w->rows.data, w->rows.len);
    }
    buf_reset(&w->rows);
    if (rc != DB_OK && w->copying) {
        db_copy_end(db, "the import could not send its rows");
        w->copying = 0;
    }
    return store_err(w->st, rc);
}

/* Send what is left and end the COPY: the server's answer for all the rows it took. */
static int copy_close(struct opendata_writer *w)
{
    int ret = copy_send(w);
    if (w->copying) {
        int rc = db_copy_end(w->st->db, ret < 0 ? "the import could not send its rows" : NULL);
        w->copying = 0;
        ret = ret < 0 ? ret : store_err(w->st, rc);
    }
    return ret;
}

#define COPY_SEND ((size_t)256 << 10) /* rows sent at a time into an open COPY */

/* g as a row of grant_award (DIRECT_ON) or of import_grant (its fields as bind_grant has them,
 * then its links), sent when enough are made. */
static int copy_grant(struct opendata_writer *w, const struct grant *g)
{
    struct buf *r = &w->rows;
    long long funder, recipient;
    int ret, direct = w->direct == DIRECT_ON;

    if ((ret = link_org(w, g->funder_id, g->funder_name, ORG_FUNDER, -1, &funder)) < 0 ||
        (ret = link_org(w, g->recipient_id, g->recipient_name, ORG_RECIPIENT, -1, &recipient)) <
            0) {
        return ret;
    }
    if (!direct) {
        copy_number(r, 1, (long long)++w->seq, '\t');
    }
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
    copy_text(r, g->programme, 1, direct ? '\t' : '\n');
    if (direct) {
        copy_text(r, w->now, 0, '\n');
    }
    return w->rows.len >= COPY_SEND ? copy_send(w) : 0;
}

/*
 * import_grant's rows into the register, each identifier once as its last row in the file says
 * it: those the register keeps updated, the others inserted in the order the file first names
 * them, so that ids are drawn for new rows alone (as SQLite gives them: an upsert of each, ON
 * CONFLICT, drew one for every row, kept or not). The insert's ON CONFLICT is for another
 * import storing the same identifier meanwhile.
 */
static const char sql_temp_update[] =
    "UPDATE grant_award SET title = g.title, currency = g.currency, "
    "amount_pence = g.amount_pence, award_date = g.award_date, funder_org_id = g.funder_org_id, "
    "funder_name = g.funder_name, funder_id = g.funder_id, "
    "recipient_org_id = g.recipient_org_id, recipient_name = g.recipient_name, "
    "recipient_id = g.recipient_id, recipient_individual = g.recipient_individual, "
    "planned_start = g.planned_start, planned_end = g.planned_end, "
    "duration_months = g.duration_months, from_open_call = g.from_open_call, "
    "programme = g.programme, imported_at = ?1 "
    "FROM (SELECT DISTINCT ON (identifier) * FROM import_grant ORDER BY identifier, seq DESC) "
    "AS g WHERE grant_award.identifier = g.identifier";
static const char sql_temp_insert[] = GRANT_COLUMNS
    "SELECT identifier, title, currency, amount_pence, award_date, funder_org_id, funder_name, "
    "funder_id, recipient_org_id, recipient_name, recipient_id, recipient_individual, "
    "planned_start, planned_end, duration_months, from_open_call, programme, ?1 "
    "FROM (SELECT DISTINCT ON (identifier) *, min(seq) OVER (PARTITION BY identifier) AS first "
    "FROM import_grant ORDER BY identifier, seq DESC) AS g WHERE NOT EXISTS "
    "(SELECT 1 FROM grant_award AS a WHERE a.identifier = g.identifier) "
    "ORDER BY first " GRANT_UPDATE;

/* The grants sent by copy_grant into import_grant, into the register. */
static int copy_publish(struct opendata_writer *w)
{
    const char *sql[] = {sql_temp_update, sql_temp_insert};
    struct db_stmt *stmt;
    int ret = copy_close(w);

    for (size_t i = 0; i < 2 && !ret; i++) {
        if ((ret = store_prepare(w->st, sql[i], &stmt)) == 0) {
            db_bind_text(stmt, 1, w->now);
            ret = store_run(w->st, stmt);
        }
    }
    return ret;
}

/*
 * PostgreSQL, an import into a register that holds no grant yet (the first import, and the
 * largest): each grant goes straight into grant_award with COPY as the file is read, in a
 * transaction begun at the first grant, so that the server stores and indexes the rows while
 * this process reads the next (two processes, two cores) rather than after the whole file.
 * Publishing ends the COPY and commits. The ids are those a publishing from the scratch file
 * gives (the file's order; no identifier is sent twice: a grant named again sends it and the
 * rest into import_grant, upserted at the end by direct_finish as copy_publish does, updating
 * first, so that no id is drawn for a row that is kept). Whatever fails on the way (another
 * import storing the same identifiers meanwhile, a lost connection) rolls it all back, and the
 * publishing goes the usual way, from the scratch file, which is written all the same.
 */
#define ID_SLOTS_MIN ((size_t)1 << 16)
#define ID_SLOTS_MAX ((size_t)1 << 22) /* most identifiers followed: 32 MB, half of them full */

/* Put hash h into the table of n slots (a power of two): 1 when it was there already. */
static int id_put(uint64_t *ids, size_t n, uint64_t h)
{
    size_t at;
    for (at = (size_t)h & (n - 1); ids[at]; at = (at + 1) & (n - 1)) {
        if (ids[at] == h) {
            return 1;
        }
    }
    ids[at] = h;
    return 0;
}

/* Whether id was sent already (then maybe: another's hash); notes it. 1, 0, or -1: too many to
 * follow. The table doubles when half full. */
static int id_seen(struct opendata_writer *w, const char *id)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h = (h ^ *p) * 1099511628211ULL;
    }
    h |= 1; /* 0 marks an empty slot */
    if (w->nids >= w->slots / 2) {
        size_t n = w->slots ? w->slots * 2 : ID_SLOTS_MIN;
        uint64_t *ids;
        if (n > ID_SLOTS_MAX) {
            return -1;
        }
        ids = xcalloc(n, sizeof(*ids));
        for (size_t i = 0; i < w->slots; i++) {
            if (w->ids[i]) {
                id_put(ids, n, w->ids[i]);
            }
        }
        free(w->ids);
        w->ids = ids;
        w->slots = n;
    }
    if (id_put(w->ids, w->slots, h)) {
        return 1;
    }
    w->nids++;
    return 0;
}

/* Roll the direct transaction back; the publishing will go from the scratch file. */
static void direct_abandon(struct opendata_writer *w)
{
    if (w->copying) {
        db_copy_end(w->st->db, "the import was abandoned");
        w->copying = 0;
    }
    store_rollback(w->st);
    buf_reset(&w->rows);
    free(w->ids);
    w->ids = NULL;
    w->nids = w->slots = 0;
    w->seq = 0;
    w->orgs_created = 0;
    memset(w->cache, 0, ORG_CACHE * sizeof(*w->cache)); /* ids of what was rolled back */
    w->direct = DIRECT_FAILED;
}

/* A grant staged: on PostgreSQL with no grant kept, sent at once (the first begins it all). */
static void direct_grant(struct opendata_writer *w, const struct grant *g)
{
    size_t kept;
    int seen, ret = 0;

    if (w->direct == DIRECT_UNTRIED) {
        w->direct = DIRECT_OFF;
        if (!db_can_copy(w->st->db) || count(w->st, sql_grant_count, &kept) < 0 || kept ||
            store_begin_bulk(w->st) < 0) {
            return;
        }
        w->direct = DIRECT_ON;
    }
    if (w->direct != DIRECT_ON && w->direct != DIRECT_TEMP) {
        return;
    }
    if (w->direct == DIRECT_ON && (seen = id_seen(w, g->id)) != 0) {
        /* named again (or too many to follow): the rest goes through import_grant */
        if ((ret = copy_close(w)) == 0 && (ret = store_exec(w->st, sql_copy_table)) == 0) {
            w->direct = DIRECT_TEMP;
        }
    }
    if (ret < 0 || (ret = copy_grant(w, g)) < 0) {
        log_info("import: grants sent while the file was read rolled back (%s): they will be "
                 "published from the scratch file",
                 db_errmsg(w->st->db));
        direct_abandon(w);
    }
}

/* The grants sent while the file was read, into the register; contracts and the audit entry
 * as a publishing from the scratch file writes them; then the commit. */
static int direct_finish(struct opendata_writer *w, const struct opendata_import *im)
{
    int ret = w->direct == DIRECT_TEMP ? copy_publish(w) : copy_close(w);

    if (!ret && w->staged[STAGE_CONTRACT]) {
        ret = replay_kind(w, STAGE_CONTRACT);
    }
    if (!ret) {
        ret = import_audit(w, im);
    }
    if (!ret && (ret = store_commit(w->st)) == 0) {
        w->direct = DIRECT_OFF; /* nothing left to roll back */
    }
    return ret;
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

    if ((ret = link_org(w, c->buyer_id, c->buyer_name, ORG_BUYER, -1, &buyer)) < 0) {
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
        if ((ret = link_org(w, s->id, s->name, ORG_SUPPLIER, s->vcse, &org)) < 0 ||
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

/*
 * Staging: each record as one block of the scratch file, its length (4 bytes, host order) then
 * its kind (8 bytes, STAGE_GRANT or STAGE_CONTRACT) and its fields in the struct's order: a text as
 * its length (4 bytes, UINT32_MAX for absent) and its bytes and a NUL, so that it is read back in
 * place; a number as 8 bytes. What is absent is what the register stores as NULL: "" for an
 * optional text, -1 for a flag, an amount not given.
 */
#define STAGE_NULL UINT32_MAX

static void put_u32(struct buf *b, uint32_t v)
{
    buf_add(b, &v, sizeof(v));
}

static void put_i64(struct buf *b, int64_t v)
{
    buf_add(b, &v, sizeof(v));
}

/* A text: NULL absent. */
static void put_text(struct buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_u32(b, s ? (uint32_t)n : STAGE_NULL);
    if (s) {
        buf_add(b, s, n + 1);
    }
}

/* An optional text: "" is absent too (as bind_text_or_null has it). */
static void put_opt(struct buf *b, const char *s)
{
    put_text(b, s && *s ? s : NULL);
}

static void stage_begin(struct opendata_writer *w, int kind)
{
    buf_reset(&w->rec);
    put_u32(&w->rec, 0);
    put_i64(&w->rec, kind);
    w->staged[kind]++;
}

/* Append the record in w->rec to the scratch file. */
static int stage_end(struct opendata_writer *w)
{
    uint32_t len;
    if (buf_failed(&w->rec)) {
        return ERR_TOO_BIG;
    }
    len = (uint32_t)(w->rec.len - sizeof(len));
    memcpy(w->rec.data, &len, sizeof(len));
    return fwrite(w->rec.data, 1, w->rec.len, w->stage) == w->rec.len ? 0 : ERR_IO;
}

int store_grant_stage(struct opendata_writer *w, const struct grant *g)
{
    struct buf *b = &w->rec;
    int ret;

    stage_begin(w, STAGE_GRANT);
    put_text(b, g->id);
    put_text(b, g->title);
    put_text(b, g->currency);
    put_i64(b, g->amount);
    put_text(b, g->award_date);
    put_text(b, g->funder_id);
    put_opt(b, g->funder_name);
    put_opt(b, g->recipient_id);
    put_opt(b, g->recipient_name);
    put_i64(b, g->recipient_individual != 0);
    put_opt(b, g->planned_start);
    put_opt(b, g->planned_end);
    put_i64(b, g->duration_months >= 0 ? g->duration_months : -1);
    put_i64(b, g->from_open_call >= 0 ? g->from_open_call : -1);
    put_opt(b, g->programme);
    if ((ret = stage_end(w)) == 0) {
        direct_grant(w, g);
    }
    return ret;
}

int store_contract_stage(struct opendata_writer *w, const struct contract *c)
{
    struct buf *b = &w->rec;
    stage_begin(w, STAGE_CONTRACT);
    put_text(b, c->ocid);
    put_text(b, c->release_id);
    put_text(b, c->date);
    put_opt(b, c->title);
    put_opt(b, c->buyer_id);
    put_opt(b, c->buyer_name);
    put_opt(b, c->tender_published);
    put_opt(b, c->tender_start);
    put_opt(b, c->tender_end);
    put_i64(b, c->vcse_suitable >= 0 ? c->vcse_suitable : -1);
    put_opt(b, c->has_value ? c->value_currency : NULL);
    put_i64(b, c->has_value != 0);
    put_i64(b, c->value_amount);
    put_opt(b, c->has_award ? c->award_currency : NULL);
    put_i64(b, c->has_award != 0);
    put_i64(b, c->award_amount);
    put_i64(b, (int64_t)c->nsuppliers);
    for (size_t i = 0; i < c->nsuppliers; i++) {
        put_opt(b, c->suppliers[i].id);
        put_opt(b, c->suppliers[i].name);
        put_i64(b, c->suppliers[i].vcse >= 0 ? c->suppliers[i].vcse : -1);
    }
    return stage_end(w);
}

/* Reading a staged record back, its texts in place in w->rec. */
struct staged {
    const char *p, *end;
    int bad; /* the block ended early: the scratch file is not what was written */
};

static const char *get_text(struct staged *r)
{
    uint32_t n;
    const char *s;
    if ((size_t)(r->end - r->p) < sizeof(n)) {
        r->bad = 1;
        return NULL;
    }
    memcpy(&n, r->p, sizeof(n));
    r->p += sizeof(n);
    if (n == STAGE_NULL) {
        return NULL;
    }
    if ((size_t)(r->end - r->p) < (size_t)n + 1) {
        r->bad = 1;
        return NULL;
    }
    s = r->p;
    r->p += (size_t)n + 1;
    return s;
}

static int64_t get_i64(struct staged *r)
{
    int64_t v = 0;
    if ((size_t)(r->end - r->p) < sizeof(v)) {
        r->bad = 1;
        return 0;
    }
    memcpy(&v, r->p, sizeof(v));
    r->p += sizeof(v);
    return v;
}

/* A date field: "" for absent; staged from such a field, so it fits. */
static void get_date(struct staged *r, char out[DATE_STRLEN + 1])
{
    const char *s = get_text(r);
    size_t n = s ? strlen(s) : 0;
    n = n < DATE_STRLEN ? n : DATE_STRLEN;
    memcpy(out, s ? s : "", n);
    out[n] = '\0';
}

/* The next staged record into w->rec: 1, 0 at the end, or ERR_IO. */
static int stage_next(struct opendata_writer *w, struct staged *r)
{
    uint32_t len;
    size_t got = fread(&len, 1, sizeof(len), w->stage);
    if (got == 0 && feof(w->stage)) {
        return 0;
    }
    if (got != sizeof(len)) {
        return ERR_IO;
    }
    buf_reset(&w->rec);
    buf_grow(&w->rec, len);
    if (buf_failed(&w->rec) || fread(w->rec.data, 1, len, w->stage) != len) {
        return ERR_IO;
    }
    w->rec.len = len;
    w->rec.data[len] = '\0';
    r->p = w->rec.data;
    r->end = w->rec.data + len;
    r->bad = 0;
    return 1;
}

static int read_staged_grant(struct staged *r, struct grant *g)
{
    memset(g, 0, sizeof(*g));
    g->id = get_text(r);
    g->title = get_text(r);
    g->currency = get_text(r);
    g->amount = get_i64(r);
    get_date(r, g->award_date);
    g->funder_id = get_text(r);
    g->funder_name = get_text(r);
    g->recipient_id = get_text(r);
    g->recipient_name = get_text(r);
    g->recipient_individual = (int)get_i64(r);
    get_date(r, g->planned_start);
    get_date(r, g->planned_end);
    g->duration_months = (int)get_i64(r);
    g->from_open_call = (int)get_i64(r);
    g->programme = get_text(r);
    return r->bad ? ERR_IO : 0;
}

static int read_staged_contract(struct staged *r, struct contract *c)
{
    size_t n;
    memset(c, 0, sizeof(*c));
    c->ocid = get_text(r);
    c->release_id = get_text(r);
    get_date(r, c->date);
    c->title = get_text(r);
    c->buyer_id = get_text(r);
    c->buyer_name = get_text(r);
    get_date(r, c->tender_published);
    get_date(r, c->tender_start);
    get_date(r, c->tender_end);
    c->vcse_suitable = (int)get_i64(r);
    c->value_currency = get_text(r);
    c->has_value = (int)get_i64(r);
    c->value_amount = get_i64(r);
    c->award_currency = get_text(r);
    c->has_award = (int)get_i64(r);
    c->award_amount = get_i64(r);
    if (!c->has_value) {
        c->value_amount = 0;
    }
    if (!c->has_award) {
        c->award_amount = 0;
    }
    n = (size_t)get_i64(r);
    if (n > CONTRACT_SUPPLIERS_MAX) {
        return ERR_IO;
    }
    for (size_t i = 0; i < n; i++) {
        struct contract_supplier *sup = &c->suppliers[c->nsuppliers++];
        sup->id = get_text(r);
        sup->name = get_text(r);
        sup->vcse = (int)get_i64(r);
    }
    return r->bad ? ERR_IO : 0;
}

/*
 * SQLite: an import at least as large as the grants kept goes faster with grant_award's own
 * indexes (not the identifier's, which the upsert needs) built once at its end, sorted, than
 * kept up row by row, a B-tree search and insert per index and grant (docs/PERFORMANCE.md).
 * Inside the publishing transaction, so that they are dropped and made again, by the very
 * statements that made them (sqlite_master), only if the whole import lands; a reader of the
 * register sees them throughout (WAL). Not on PostgreSQL, where DROP INDEX would lock readers out.
 */
static const char sql_grant_indexes[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'grant_award' "
    "AND sql IS NOT NULL ORDER BY rowid";

/* Drop grant_award's indexes into *made (their CREATE statements, NUL-separated) when the
 * import is large enough for it; *made left empty otherwise. */
static int indexes_drop(struct opendata_writer *w, struct buf *made)
{
    struct buf drop = BUF_INIT;
    struct db_stmt *stmt;
    size_t kept;
    int ret, rc;

    if (db_kind(w->st->db) != DB_SQLITE || !w->staged[STAGE_GRANT]) {
        return 0;
    }
    if ((ret = count(w->st, sql_grant_count, &kept)) < 0 || kept > w->staged[STAGE_GRANT]) {
        return ret;
    }
    if ((ret = store_prepare(w->st, sql_grant_indexes, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(w->st, stmt)) == DB_ROW) {
        const char *name = db_column_text(stmt, 0), *sql = db_column_text(stmt, 1);
        buf_adds(&drop, "DROP INDEX \"");
        for (; *name; name++) { /* an identifier in double quotes, any '"' doubled */
            if (*name == '"') {
                buf_addc(&drop, '"');
            }
            buf_addc(&drop, *name);
        }
        buf_adds(&drop, "\";");
        buf_add(made, sql, strlen(sql) + 1);
    }
    ret = rc == DB_DONE ? 0 : store_fail(w->st, rc);
    store_done(stmt);
    if (!ret && (buf_failed(&drop) || buf_failed(made))) {
        ret = ERR_TOO_BIG;
    }
    if (!ret && drop.len) {
        ret = store_exec(w->st, drop.data);
    }
    buf_release(&drop);
    return ret;
}

/* Make again the indexes indexes_drop dropped. */
static int indexes_make(struct opendata_writer *w, const struct buf *made)
{
    int ret = 0;
    for (size_t at = 0; at < made->len && !ret; at += strlen(made->data + at) + 1) {
        ret = store_exec(w->st, made->data + at);
    }
    return ret;
}

/* Replay the staged records of one kind into the register, in the order staged. */
static int replay_kind(struct opendata_writer *w, int kind)
{
    int copy = kind == STAGE_GRANT && db_can_copy(w->st->db), ret, more;
    struct staged r;

    if (fflush(w->stage) != 0 || fseek(w->stage, 0, SEEK_SET) != 0) {
        return ERR_IO;
    }
    if (copy && (ret = store_exec(w->st, sql_copy_table)) < 0) {
        return ret;
    }
    while ((more = stage_next(w, &r)) > 0) {
        struct grant g;
        struct contract c;
        if ((int)get_i64(&r) != kind) {
            continue;
        }
        if (kind == STAGE_GRANT) {
            if ((ret = read_staged_grant(&r, &g)) < 0 ||
                (ret = copy ? copy_grant(w, &g) : publish_grant(w, &g)) < 0) {
                return ret;
            }
        } else if ((ret = read_staged_contract(&r, &c)) < 0 ||
                   (ret = publish_contract(w, &c)) < 0) {
            return ret;
        }
    }
    if (more < 0) {
        return more;
    }
    return copy ? copy_publish(w) : 0;
}

/* Every staged grant, then every staged contracting process. */
static int replay(struct opendata_writer *w)
{
    struct buf made = BUF_INIT;
    int ret = 0;
    if (w->staged[STAGE_GRANT] && !(ret = indexes_drop(w, &made)) &&
        !(ret = replay_kind(w, STAGE_GRANT))) {
        ret = indexes_make(w, &made);
    }
    buf_release(&made);
    if (!ret && w->staged[STAGE_CONTRACT]) {
        ret = replay_kind(w, STAGE_CONTRACT);
    }
    return ret;
}

int store_opendata_publish(struct opendata_writer *w, const struct opendata_import *im)
{
    struct store *st = w->st;
    int ret;

    if (w->direct == DIRECT_ON || w->direct == DIRECT_TEMP) {
        if (direct_finish(w, im) == 0) {
            return 0;
        }
        log_info("import: grants sent while the file was read rolled back (%s): publishing them "
                 "from the scratch file",
                 db_errmsg(st->db));
        direct_abandon(w); /* then as if it had never been tried */
    }
    w->orgs_created = 0;
    w->seq = 0;
    memset(w->cache, 0, ORG_CACHE * sizeof(*w->cache)); /* ids of a publishing rolled back */
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
