/* The whole register as one JSON document (compact export): read here, written by codec/. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "codec/json_audit.h"
#include "base/err.h"
#include "base/banned.h"

/* One read transaction, so the document is the register at one moment. */
static const char sql_begin[] = "BEGIN";
/* The authorities the Compacts name, by GSS code, and their former codes in the same order. */
static const char sql_authorities[] =
    "SELECT gss, name, type, county_gss, region FROM authority "
    "WHERE gss IN (SELECT gss FROM compact_authority) ORDER BY gss";
static const char sql_former_codes[] =
    "SELECT gss, alias FROM authority_alias WHERE gss IN (SELECT gss FROM compact_authority) "
    "ORDER BY gss, alias";
static const char sql_compacts[] = "SELECT id FROM compact ORDER BY id";
static const char sql_signatories[] =
    "SELECT s.id, s.compact_id, s.organisation_id, o.org_id, o.name, s.role, s.signed_on, "
    "s.withdrawn_on FROM signatory s JOIN organisation o ON o.id = s.organisation_id "
    "ORDER BY s.compact_id, s.signed_on, s.id";

static date_t col_date(sqlite3_stmt *stmt, int i)
{
    const char *s = (const char *)sqlite3_column_text(stmt, i);
    date_t d;
    return s && date_parse(s, (size_t)sqlite3_column_bytes(stmt, i), &d) == 0 ? d : 0;
}

static int read_authorities(struct store *st, struct arena *arena, struct register_export *x)
{
    struct export_authority *v = NULL;
    const char **gss = NULL, **codes = NULL;
    size_t len = 0, cap = 0, n = 0, capg = 0, capc = 0, k = 0;
    sqlite3_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(st, sql_authorities, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(stmt, 2);
        store_grow(arena, (void **)&v, len, &cap, sizeof(*v));
        v[len] = (struct export_authority){.gss = store_col(stmt, 0, arena),
                                           .name = store_col(stmt, 1, arena),
                                           .county_gss = store_col(stmt, 3, arena),
                                           .region = store_col(stmt, 4, arena)};
        authority_type_parse(type ? type : "", &v[len++].type);
    }
    ret = store_err(st, rc);
    store_done(stmt);
    if (ret < 0 || (ret = store_prepare(st, sql_former_codes, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == SQLITE_ROW) {
        store_grow(arena, (void **)&gss, n, &capg, sizeof(*gss));
        store_grow(arena, (void **)&codes, n, &capc, sizeof(*codes));
        gss[n] = store_col(stmt, 0, arena);
        codes[n++] = store_col(stmt, 1, arena);
    }
    ret = store_err(st, rc);
    store_done(stmt);
    /* both by GSS code: each authority's former codes are one run of codes[] */
    for (size_t i = 0; ret == 0 && i < len; i++) {
        while (k < n && strcmp(gss[k], v[i].gss) < 0) {
            k++;
        }
        v[i].former_codes = &codes[k];
        while (k < n && !strcmp(gss[k], v[i].gss)) {
            v[i].nformer_codes++;
            k++;
        }
    }
    x->authorities = v;
    x->nauthorities = len;
    return ret;
}

static int by_id(const void *a, const void *b)
{
    long long x = ((const struct organisation *)a)->id, y = ((const struct organisation *)b)->id;
    return (x > y) - (x < y);
}

static int read_organisations(struct store *st, struct arena *arena, struct register_export *x)
{
    const struct organisation_filter all = {.sector = -1, .type = -1};
    struct organisation *v;
    size_t n;
    int ret;

    if ((ret = store_organisation_list(st, &all, arena, &v, &n)) < 0) {
        return ret;
    }
    if (n) {
        qsort(v, n, sizeof(*v), by_id);
    }
    x->organisations = v;
    x->norganisations = n;
    return 0;
}

static int read_compacts(struct store *st, struct arena *arena, struct register_export *x)
{
    struct compact_entry *v = NULL;
    long long *ids = NULL;
    size_t len = 0, cap = 0;
    sqlite3_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(st, sql_compacts, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == SQLITE_ROW) {
        store_grow(arena, (void **)&ids, len, &cap, sizeof(*ids));
        ids[len++] = sqlite3_column_int64(stmt, 0);
    }
    ret = store_err(st, rc);
    store_done(stmt);
    if (len) {
        v = arena_alloc(arena, len * sizeof(*v));
    }
    for (size_t i = 0; ret == 0 && i < len; i++) {
        ret = store_compact_get(st, ids[i], arena, &v[i]);
    }
    x->compacts = v;
    x->ncompacts = ret ? 0 : len;
    return ret;
}

static int read_signatories(struct store *st, struct arena *arena, struct register_export *x)
{
    struct export_signatory *v = NULL;
    size_t len = 0, cap = 0;
    sqlite3_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(st, sql_signatories, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == SQLITE_ROW) {
        store_grow(arena, (void **)&v, len, &cap, sizeof(*v));
        v[len++] = (struct export_signatory){.id = sqlite3_column_int64(stmt, 0),
                                             .compact_id = sqlite3_column_int64(stmt, 1),
                                             .organisation_id = sqlite3_column_int64(stmt, 2),
                                             .org_id = store_col(stmt, 3, arena),
                                             .organisation = store_col(stmt, 4, arena),
                                             .role = store_col(stmt, 5, arena),
                                             .signed_on = col_date(stmt, 6),
                                             .withdrawn_on = col_date(stmt, 7)};
    }
    ret = store_err(st, rc);
    store_done(stmt);
    x->signatories = v;
    x->nsignatories = len;
    return ret;
}

int store_export(struct store *st, struct buf *out)
{
    struct register_export x = {0};
    struct arena arena;
    sqlite3_stmt *stmt;
    char now[STORE_TIME_LEN + 1];
    int ret;

    store_now(now);
    x.exported_at = now;
    if ((ret = store_prepare(st, sql_begin, &stmt)) < 0 || (ret = store_run(st, stmt)) < 0) {
        return ret;
    }
    arena_init(&arena);
    if ((ret = read_authorities(st, &arena, &x)) == 0 &&
        (ret = read_organisations(st, &arena, &x)) == 0 &&
        (ret = read_compacts(st, &arena, &x)) == 0 &&
        (ret = read_signatories(st, &arena, &x)) == 0) {
        json_register_export(out, &x);
    }
    store_rollback(st); /* a read: nothing to keep */
    arena_release(&arena);
    return ret;
}
