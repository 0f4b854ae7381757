/*
 * Open data read back: one funder's grants and one buyer's contracting processes as the
 * indicators need them (core/indicators.h), and the lists of grants and contracts with their
 * filters and keyset pages.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store_int.h"
#include "base/err.h"
#include "base/banned.h"

static const char sql_funder_grants[] =
    "SELECT amount_pence, currency, award_date, planned_start, planned_end, duration_months, "
    "recipient_org_id, recipient_name, recipient_individual FROM grant_award "
    "WHERE funder_org_id_norm = lower(?1) ORDER BY award_date, id";
static const char sql_buyer_contracts[] =
    "SELECT release_date, tender_published, tender_start, tender_end, vcse_suitable "
    "FROM contract WHERE buyer_org_id_norm = lower(?1) ORDER BY release_date, id";

static const char sql_has[] =
    "SELECT EXISTS (SELECT 1 FROM grant_award WHERE funder_org_id_norm = lower(?1)) "
    "OR EXISTS (SELECT 1 FROM grant_award WHERE recipient_org_id_norm = lower(?1)) "
    "OR EXISTS (SELECT 1 FROM contract WHERE buyer_org_id_norm = lower(?1))";

int store_opendata_has(struct store *st, const char *org_id, int *out)
{
    struct db_stmt *stmt;
    long long has;
    int ret;

    *out = 0;
    if ((ret = store_prepare(st, sql_has, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, org_id);
    if ((ret = store_row_int(st, stmt, &has)) < 0) {
        return ret == ERR_NOT_FOUND ? ERR_DB : ret;
    }
    *out = has != 0;
    return 0;
}

/* A full date from text column i: 1 and *out, or 0 (NULL, or only a year or a month). */
static int col_date(struct db_stmt *stmt, int i, date_t *out)
{
    *out = store_col_date(stmt, i);
    return *out != 0;
}

/* An int column i, or -1 for NULL. */
static int col_int_or(struct db_stmt *stmt, int i)
{
    return db_column_is_null(stmt, i) ? -1 : db_column_int(stmt, i);
}

static void ind_grant_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct ind_grant *g = item;
    const char *currency = (const char *)db_column_text(stmt, 1);

    g->amount = db_column_int64(stmt, 0);
    g->gbp = currency && !strcmp(currency, "GBP");
    col_date(stmt, 2, &g->award);
    g->has_dates = col_date(stmt, 3, &g->start) && col_date(stmt, 4, &g->end);
    g->duration_months = col_int_or(stmt, 5);
    g->recipient = store_col(stmt, 6, arena);
    g->name = store_col(stmt, 7, arena);
    g->individual = db_column_int(stmt, 8) != 0;
}

static void ind_contract_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct ind_contract *c = item;

    (void)arena;
    col_date(stmt, 0, &c->release);
    c->has_published = col_date(stmt, 1, &c->published);
    c->has_start = col_date(stmt, 2, &c->start);
    c->has_end = col_date(stmt, 3, &c->end);
    c->vcse_suitable = col_int_or(stmt, 4);
}

/* The rows of sql for org_id (?1), each read by read, into an array from arena. */
static int rows_of(struct store *st, const char *sql, const char *org_id, struct arena *arena,
                   size_t size, void (*read)(struct db_stmt *, struct arena *, void *),
                   void **items, size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, org_id);
    return store_rows(st, stmt, arena, size, read, items, n);
}

int store_indicator_grants(struct store *st, const char *org_id, struct arena *arena,
                           struct ind_grant **items, size_t *n)
{
    void *v;
    int ret = rows_of(st, sql_funder_grants, org_id, arena, sizeof(**items), ind_grant_row, &v, n);
    *items = v;
    return ret;
}

int store_indicator_contracts(struct store *st, const char *org_id, struct arena *arena,
                              struct ind_contract **items, size_t *n)
{
    void *v;
    int ret =
        rows_of(st, sql_buyer_contracts, org_id, arena, sizeof(**items), ind_contract_row, &v, n);
    *items = v;
    return ret;
}

/* Whether text column holds q, in any case: ?5 its LIKE pattern (store_bind_like). */
#define HOLDS_Q(column) "lower(" column ") LIKE '%' || ?5 || '%' ESCAPE '\\'"

/* ?1 funder, ?2 recipient, ?3 and ?4 the year's first day and the next year's, ?5 q. A NULL
 * says its type (CAST) where nothing else in the statement does, for PostgreSQL. */
#define GRANT_WHERE                                                                                \
    "WHERE (CAST(?1 AS TEXT) IS NULL OR g.funder_org_id_norm = lower(?1)) "                        \
    "AND (CAST(?2 AS TEXT) IS NULL OR g.recipient_org_id_norm = lower(?2)) "                       \
    "AND (CAST(?3 AS TEXT) IS NULL OR (g.award_date >= ?3 AND g.award_date < ?4)) "                \
    "AND (CAST(?5 AS TEXT) IS NULL OR " GRANT_HOLDS_Q ") "
#define GRANT_HOLDS_Q HOLDS_Q("g.title") " OR " HOLDS_Q("coalesce(g.recipient_name, '')")

/* Newest first; ?6 the number of the last one seen, ?7 the limit, ?8 how many to skip. */
static const char sql_grant_list[] =
    "SELECT g.id, g.identifier, g.title, g.currency, g.amount_pence, g.award_date, "
    "CASE WHEN g.funder_id IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN g.recipient_id IS NULL THEN 0 ELSE 1 END, "
    "g.funder_org_id, g.funder_name, g.recipient_org_id, g.recipient_name, g.planned_start, "
    "g.planned_end, g.duration_months, g.programme FROM grant_award g " GRANT_WHERE
    "AND (CAST(?6 AS BIGINT) IS NULL OR (g.award_date, g.id) < "
    "((SELECT award_date FROM grant_award WHERE id = ?6), ?6)) "
    "ORDER BY g.award_date DESC, g.id DESC LIMIT ?7 OFFSET ?8";
static const char sql_grant_list_count[] = "SELECT count(*) FROM grant_award g " GRANT_WHERE;

/* ?1 buyer, ?2 supplier, ?3 the year ("YYYY") its tender opened, ?5 q (?4 is not used). */
#define CONTRACT_YEAR "substr(coalesce(c.tender_start, c.tender_published, c.release_date), 1, 4)"
#define CONTRACT_WHERE                                                                             \
    "WHERE (CAST(?1 AS TEXT) IS NULL OR c.buyer_org_id_norm = lower(?1)) "                         \
    "AND (CAST(?2 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM contract_supplier s "                  \
    "WHERE s.contract_id = c.id AND s.supplier_org_id_norm = lower(?2))) "                         \
    "AND (CAST(?3 AS TEXT) IS NULL OR " CONTRACT_YEAR " = ?3) "                                    \
    "AND (CAST(?5 AS TEXT) IS NULL OR " CONTRACT_HOLDS_Q ") "
#define CONTRACT_HOLDS_Q HOLDS_Q("coalesce(c.title, '')") " OR " HOLDS_Q("c.ocid")

/* The suppliers' names joined by "; " in their order: a statement for each engine
 * (STORE_JOINED_SQLITE). */
#define CONTRACT_LIST(suppliers)                                                                   \
    "SELECT c.id, c.ocid, c.title, c.buyer_org_id, c.buyer_name, c.release_date, "                 \
    "c.tender_published, c.tender_start, c.tender_end, c.vcse_suitable, c.value_currency, "        \
    "c.value_pence, c.award_currency, c.award_pence, " suppliers                                   \
    " FROM contract c " CONTRACT_WHERE                                                             \
    "AND (CAST(?6 AS BIGINT) IS NULL OR (c.release_date, c.id) < "                                 \
    "((SELECT release_date FROM contract WHERE id = ?6), ?6)) "                                    \
    "ORDER BY c.release_date DESC, c.id DESC LIMIT ?7 OFFSET ?8"
#define SUPPLIERS(joined)                                                                          \
    joined("coalesce(s.name, s.supplier_org_id)", "'; '",                                          \
           "FROM contract_supplier s WHERE s.contract_id = c.id", "s.position")
static const char sql_contract_list_sqlite[] = CONTRACT_LIST(SUPPLIERS(STORE_JOINED_SQLITE));
static const char sql_contract_list_pg[] = CONTRACT_LIST(SUPPLIERS(STORE_JOINED_PG));
static const char sql_contract_list_count[] = "SELECT count(*) FROM contract c " CONTRACT_WHERE;

/* s, or NULL for none or "". */
static void bind_opt(struct db_stmt *stmt, int i, const char *s)
{
    store_bind_text(stmt, i, s && *s ? s : NULL);
}

static void bind_list_filter(struct db_stmt *stmt, const struct opendata_filter *f, int grants)
{
    bind_opt(stmt, 1, f->org);
    bind_opt(stmt, 2, f->counterpart);
    if (f->year) {
        char from[DATE_STRLEN + 1], to[DATE_STRLEN + 1], year[8];
        date_format(date_from_ymd(f->year, 1, 1), from); /* the caller keeps year < 9999 */
        date_format(date_from_ymd(f->year + 1, 1, 1), to);
        memcpy(year, from, 4);
        year[4] = '\0';
        bind_opt(stmt, 3, grants ? from : year);
        bind_opt(stmt, 4, grants ? to : NULL);
    }
    store_bind_like(stmt, 5, f->q);
}

static int count_of(struct store *st, const char *sql, const struct opendata_filter *f, int grants,
                    size_t *out)
{
    struct db_stmt *stmt;
    int ret;

    *out = 0;
    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    bind_list_filter(stmt, f, grants);
    return store_row_count(st, stmt, out);
}

int store_grant_list_count(struct store *st, const struct opendata_filter *f, size_t *out)
{
    return count_of(st, sql_grant_list_count, f, 1, out);
}

int store_contract_list_count(struct store *st, const struct opendata_filter *f, size_t *out)
{
    return count_of(st, sql_contract_list_count, f, 0, out);
}

static void grant_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct grant_item *g = item;

    g->rowid = db_column_int64(stmt, 0);
    g->identifier = store_col(stmt, 1, arena);
    g->title = store_col(stmt, 2, arena);
    g->currency = store_col(stmt, 3, arena);
    g->amount = db_column_int64(stmt, 4);
    g->award_date = store_col(stmt, 5, arena);
    g->funder_known = db_column_int(stmt, 6) != 0;
    g->recipient_known = db_column_int(stmt, 7) != 0;
    g->funder_id = store_col(stmt, 8, arena);
    g->funder_name = store_col(stmt, 9, arena);
    g->recipient_id = store_col(stmt, 10, arena);
    g->recipient_name = store_col(stmt, 11, arena);
    g->planned_start = store_col(stmt, 12, arena);
    g->planned_end = store_col(stmt, 13, arena);
    g->duration_months = col_int_or(stmt, 14);
    g->programme = store_col(stmt, 15, arena);
}

static void contract_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct contract_item *c = item;

    c->rowid = db_column_int64(stmt, 0);
    c->ocid = store_col(stmt, 1, arena);
    c->title = store_col(stmt, 2, arena);
    c->buyer_id = store_col(stmt, 3, arena);
    c->buyer_name = store_col(stmt, 4, arena);
    c->release_date = store_col(stmt, 5, arena);
    c->tender_published = store_col(stmt, 6, arena);
    c->tender_start = store_col(stmt, 7, arena);
    c->tender_end = store_col(stmt, 8, arena);
    c->vcse_suitable = col_int_or(stmt, 9);
    c->value_currency = store_col(stmt, 10, arena);
    c->has_value = !db_column_is_null(stmt, 11);
    c->value = db_column_int64(stmt, 11);
    c->award_currency = store_col(stmt, 12, arena);
    c->has_award = !db_column_is_null(stmt, 13);
    c->award = db_column_int64(stmt, 13);
    c->suppliers = store_col(stmt, 14, arena);
}

/* A page of sql as f says (grants or contracts), each row read by read. */
static int list_of(struct store *st, const char *sql, const struct opendata_filter *f, int grants,
                   struct arena *arena, size_t size,
                   void (*read)(struct db_stmt *, struct arena *, void *), void **items, size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql, &stmt)) < 0) {
        return ret;
    }
    bind_list_filter(stmt, f, grants);
    if (f->after > 0) {
        db_bind_int64(stmt, 6, f->after);
    }
    store_bind_limit(stmt, 7, f->limit);
    db_bind_int64(stmt, 8, (long long)f->offset);
    return store_rows(st, stmt, arena, size, read, items, n);
}

int store_grant_list(struct store *st, const struct opendata_filter *f, struct arena *arena,
                     struct grant_item **items, size_t *n)
{
    void *v;
    int ret = list_of(st, sql_grant_list, f, 1, arena, sizeof(**items), grant_row, &v, n);
    *items = v;
    return ret;
}

int store_contract_list(struct store *st, const struct opendata_filter *f, struct arena *arena,
                        struct contract_item **items, size_t *n)
{
    void *v;
    int ret =
        list_of(st, db_kind(st->db) == DB_PG ? sql_contract_list_pg : sql_contract_list_sqlite, f,
                0, arena, sizeof(**items), contract_row, &v, n);
    *items = v;
    return ret;
}

/* ---- grants received ---- */

static const char sql_received_grants[] =
    "SELECT g.funder_org_id, coalesce(o.name, g.funder_name), "
    "CASE WHEN g.funder_id IS NULL THEN 0 ELSE 1 END, g.amount_pence, g.currency, g.award_date, "
    "g.planned_start, g.planned_end, g.duration_months FROM grant_award g "
    "LEFT JOIN organisation o ON o.id = g.funder_id "
    "WHERE g.recipient_org_id_norm = lower(?1) ORDER BY g.award_date, g.id";
/* The year of max(award_date) is the group's. */
static const char sql_received_funder_years[] =
    "SELECT g.funder_org_id_norm, max(g.award_date) FROM grant_award g "
    "WHERE g.funder_org_id_norm IN (SELECT r.funder_org_id_norm FROM grant_award r "
    "WHERE r.recipient_org_id_norm = lower(?1)) "
    "GROUP BY g.funder_org_id_norm, substr(g.award_date, 1, 4)";

static void received_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct ind_received_grant *r = item;
    const char *currency = (const char *)db_column_text(stmt, 4);

    r->funder = store_col(stmt, 0, arena);
    r->funder_name = store_col(stmt, 1, arena);
    r->funder_known = db_column_int(stmt, 2) != 0;
    r->g.amount = db_column_int64(stmt, 3);
    r->g.gbp = currency && !strcmp(currency, "GBP");
    col_date(stmt, 5, &r->g.award);
    r->g.has_dates = col_date(stmt, 6, &r->g.start) && col_date(stmt, 7, &r->g.end);
    r->g.duration_months = col_int_or(stmt, 8);
}

static void funder_year_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct ind_funder_year *y = item;
    int m, d;

    y->funder = store_col(stmt, 0, arena);
    col_date(stmt, 1, &y->latest);
    date_to_ymd(y->latest, &y->year, &m, &d);
}

int store_received_grants(struct store *st, const char *org_id, struct arena *arena,
                          struct ind_received_grant **items, size_t *n)
{
    void *v;
    int ret = rows_of(st, sql_received_grants, org_id, arena, sizeof(**items), received_row, &v, n);
    *items = v;
    return ret;
}

int store_received_funder_years(struct store *st, const char *org_id, struct arena *arena,
                                struct ind_funder_year **items, size_t *n)
{
    void *v;
    int ret = rows_of(st, sql_received_funder_years, org_id, arena, sizeof(**items),
                      funder_year_row, &v, n);
    *items = v;
    return ret;
}

/* ---- organisations by name ---- */

/* Whether text column col holds word ?n (store_bind_like), in any case. */
#define HOLDS_WORD(col, n) "lower(" col ") LIKE '%' || ?" #n " || '%' ESCAPE '\\'"
#define OR_NO_WORD(col, n) " AND (CAST(?" #n " AS TEXT) IS NULL OR " HOLDS_WORD(col, n) ")"
/* Whether col holds every word of ?2..?9 (at least ?2): narrows the rows the words are then
 * matched against as words (name_has_words). */
#define HOLDS_WORDS(col)                                                                           \
    "(CAST(?2 AS TEXT) IS NOT NULL AND " HOLDS_WORD(col, 2) OR_NO_WORD(col, 3) OR_NO_WORD(col, 4)  \
        OR_NO_WORD(col, 5) OR_NO_WORD(col, 6) OR_NO_WORD(col, 7) OR_NO_WORD(col, 8)                \
            OR_NO_WORD(col, 9) ")"
/* Rows that narrowing may give, at most: past it, *more. */
#define NAMES_ROWS      500
#define NAMES_ROWS_TEXT "500"
/*
 * The org-ids of table's column id (its lower case norm) whose org-id is ?1 or whose name (the
 * register's by fk, or the data's column name) holds the words: one row for each org-id and
 * name the data gives it, in the order of the org-ids.
 */
#define NAMES(table, id, norm, name, fk)                                                           \
    "SELECT min(x." id "), max(o.name), x." name ", count(*) FROM " table " x "                    \
    "LEFT JOIN organisation o ON o.id = x." fk " WHERE x." id " IS NOT NULL AND (x." norm          \
    " = lower(?1) OR " HOLDS_WORDS("o.name") " OR " HOLDS_WORDS(                                   \
        "x." name) ") "                                                                            \
                   "GROUP BY x." norm ", x." name " ORDER BY x." norm " LIMIT " NAMES_ROWS_TEXT

static const char sql_names_funder[] =
    NAMES("grant_award", "funder_org_id", "funder_org_id_norm", "funder_name", "funder_id");
static const char sql_names_recipient[] = NAMES(
    "grant_award", "recipient_org_id", "recipient_org_id_norm", "recipient_name", "recipient_id");
static const char sql_names_buyer[] =
    NAMES("contract", "buyer_org_id", "buyer_org_id_norm", "buyer_name", "buyer_id");
static const char sql_names_supplier[] = NAMES("contract_supplier", "supplier_org_id",
                                               "supplier_org_id_norm", "name", "organisation_id");

struct name_row {
    const char *org_id, *registered, *named;
    size_t records;
};

static void name_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct name_row *r = item;

    r->org_id = store_col(stmt, 0, arena);
    r->registered = store_col(stmt, 1, arena);
    r->named = store_col(stmt, 2, arena);
    r->records = (size_t)db_column_int64(stmt, 3);
}

static int cmp_name(const void *a, const void *b)
{
    const struct opendata_name *x = a, *y = b;
    const char *nx = x->name ? x->name : x->org_id, *ny = y->name ? y->name : y->org_id;
    int c;
    if (x->exact != y->exact) {
        return y->exact - x->exact;
    }
    c = strcasecmp(nx, ny);
    return c ? c : strcasecmp(x->org_id, y->org_id);
}

int store_opendata_names(struct store *st, enum opendata_role role, const char *q,
                         struct arena *arena, struct opendata_name **items, size_t *n, int *more)
{
    static const char *const sql[] = {[OPENDATA_FUNDER] = sql_names_funder,
                                      [OPENDATA_RECIPIENT] = sql_names_recipient,
                                      [OPENDATA_BUYER] = sql_names_buyer,
                                      [OPENDATA_SUPPLIER] = sql_names_supplier};
    const char *words[NAME_WORDS_MAX];
    struct name_row *rows;
    struct opendata_name *out;
    struct db_stmt *stmt;
    size_t nw, nrows, k = 0;
    void *v;
    int ret;

    *items = NULL;
    *n = 0;
    nw = name_words(q, arena, words, more);
    if ((ret = store_prepare(st, sql[role], &stmt)) < 0) {
        return ret;
    }
    db_bind_text(stmt, 1, q);
    for (size_t i = 0; i < NAME_WORDS_MAX; i++) {
        store_bind_like(stmt, (int)i + 2, i < nw ? words[i] : NULL);
    }
    if ((ret = store_rows(st, stmt, arena, sizeof(*rows), name_row, &v, &nrows)) < 0) {
        return ret;
    }
    rows = v;
    *more |= nrows == NAMES_ROWS;
    out = arena_alloc(arena, (nrows + 1) * sizeof(*out));
    /* one for each org-id (its rows are together), when its org-id or one of its names match */
    for (size_t i = 0, j; i < nrows; i = j) {
        struct opendata_name m = {rows[i].org_id, rows[i].registered, 0, 0};
        int found = name_has_words(rows[i].registered, words, nw);
        for (j = i; j < nrows && !strcasecmp(rows[j].org_id, rows[i].org_id); j++) {
            m.records += rows[j].records;
            if (!found && name_has_words(rows[j].named, words, nw)) {
                found = 1;
                m.name = m.name ? m.name : rows[j].named;
            }
            if (!m.name && rows[j].named) {
                m.name = rows[j].named;
            }
        }
        m.exact = !strcasecmp(m.org_id, q);
        if (found || m.exact) {
            out[k++] = m;
        }
    }
    qsort(out, k, sizeof(*out), cmp_name);
    if (k > OPENDATA_NAMES_MAX) {
        k = OPENDATA_NAMES_MAX;
        *more = 1;
    }
    *items = out;
    *n = k;
    return 0;
}
