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

static date_t col_date(struct db_stmt *stmt, int i)
{
    const char *s = (const char *)db_column_text(stmt, i);
    date_t d;
    return s && date_parse(s, (size_t)db_column_bytes(stmt, i), &d) == 0 ? d : 0;
}

static void read_authority(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct export_authority *a = item;
    const char *type = (const char *)db_column_text(stmt, 2);

    *a = (struct export_authority){.gss = store_col(stmt, 0, arena),
                                   .name = store_col(stmt, 1, arena),
                                   .county_gss = store_col(stmt, 3, arena),
                                   .region = store_col(stmt, 4, arena)};
    authority_type_parse(type ? type : "", &a->type);
}

/* A former code: read as (gss, alias), then only the alias is kept. */
static void read_former_code(struct db_stmt *stmt, struct arena *arena, void *item)
{
    const char **pair = item;

    pair[0] = store_col(stmt, 0, arena);
    pair[1] = store_col(stmt, 1, arena);
}

static int read_authorities(struct store *st, struct arena *arena, struct register_export *x)
{
    struct export_authority *v;
    const char *(*pairs)[2] = NULL, **codes;
    size_t len, n = 0, k = 0;
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_authorities, &stmt)) < 0 ||
        (ret = store_rows(st, stmt, arena, sizeof(*v), read_authority, &v, &len)) < 0 ||
        (ret = store_prepare(st, sql_former_codes, &stmt)) < 0 ||
        (ret = store_rows(st, stmt, arena, sizeof(*pairs), read_former_code, &pairs, &n)) < 0) {
        return ret;
    }
    codes = arena_alloc(arena, (n + 1) * sizeof(*codes));
    for (size_t i = 0; i < n; i++) {
        codes[i] = pairs[i][1];
    }
    /* both by GSS code: each authority's former codes are one run of codes[] */
    for (size_t i = 0; i < len; i++) {
        while (k < n && strcmp(pairs[k][0], v[i].gss) < 0) {
            k++;
        }
        v[i].former_codes = &codes[k];
        while (k < n && !strcmp(pairs[k][0], v[i].gss)) {
            v[i].nformer_codes++;
            k++;
        }
    }
    x->authorities = v;
    x->nauthorities = len;
    return 0;
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

static void read_id(struct db_stmt *stmt, struct arena *arena, void *item)
{
    (void)arena;
    *(long long *)item = db_column_int64(stmt, 0);
}

static int read_compacts(struct store *st, struct arena *arena, struct register_export *x)
{
    struct compact_entry *v;
    long long *ids;
    size_t n;
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_compacts, &stmt)) < 0 ||
        (ret = store_rows(st, stmt, arena, sizeof(*ids), read_id, &ids, &n)) < 0) {
        return ret;
    }
    v = arena_alloc(arena, (n + 1) * sizeof(*v));
    for (size_t i = 0; i < n; i++) {
        if ((ret = store_compact_get(st, ids[i], arena, &v[i])) < 0) {
            return ret;
        }
    }
    x->compacts = v;
    x->ncompacts = n;
    return 0;
}

static void read_signatory(struct db_stmt *stmt, struct arena *arena, void *item)
{
    *(struct export_signatory *)item =
        (struct export_signatory){.id = db_column_int64(stmt, 0),
                                  .compact_id = db_column_int64(stmt, 1),
                                  .organisation_id = db_column_int64(stmt, 2),
                                  .org_id = store_col(stmt, 3, arena),
                                  .organisation = store_col(stmt, 4, arena),
                                  .role = store_col(stmt, 5, arena),
                                  .signed_on = col_date(stmt, 6),
                                  .withdrawn_on = col_date(stmt, 7)};
}

static int read_signatories(struct store *st, struct arena *arena, struct register_export *x)
{
    struct export_signatory *v;
    struct db_stmt *stmt;
    int ret;

    if ((ret = store_prepare(st, sql_signatories, &stmt)) < 0 ||
        (ret = store_rows(st, stmt, arena, sizeof(*v), read_signatory, &v, &x->nsignatories)) < 0) {
        return ret;
    }
    x->signatories = v;
    return 0;
}

int store_export(struct store *st, struct buf *out)
{
    struct register_export x = {0};
    struct arena arena;
    struct db_stmt *stmt;
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
