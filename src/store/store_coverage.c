/* What coverage needs from the register: a set's authorities, every Compact's history and codes. */
#include <string.h>

#include "store_int.h"
#include "base/err.h"
#include "base/banned.h"

/* Every Compact, with its statuses in the order they took effect (none: one row of NULLs). */
static const char sql_statuses[] =
    "SELECT c.id, c.name, s.date, s.status FROM compact c "
    "LEFT JOIN compact_status s ON s.compact_id = c.id ORDER BY c.id, s.date";
/* Every Compact's authorities, by their current codes (aliases were resolved when stored). */
static const char sql_codes[] =
    "SELECT compact_id, gss FROM compact_authority ORDER BY compact_id, gss";

/* The Compacts and their histories from sql_statuses. */
static int read_statuses(struct store *st, struct arena *arena, struct coverage_compact **out,
                         size_t *nout)
{
    struct coverage_compact *c = NULL;
    struct status_change *s = NULL;
    size_t nc = 0, capc = 0, ns = 0, caps = 0, *first = NULL, capf = 0;
    struct db_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(st, sql_statuses, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        long long id = db_column_int64(stmt, 0);
        const char *date = (const char *)db_column_text(stmt, 2),
                   *status = (const char *)db_column_text(stmt, 3);
        struct status_change change;
        enum compact_status cs;

        if (!nc || c[nc - 1].id != id) {
            store_grow(arena, (void **)&c, nc, &capc, sizeof(*c));
            store_grow(arena, (void **)&first, nc, &capf, sizeof(*first));
            c[nc] = (struct coverage_compact){.id = id, .name = store_col(stmt, 1, arena)};
            first[nc++] = ns;
        }
        /* the schema's CHECK and the writers keep these well-formed; skip what is not */
        if (!date || !status || date_parse(date, strlen(date), &change.date) < 0 ||
            compact_status_parse(status, &cs) < 0) {
            continue;
        }
        change.status = cs;
        store_grow(arena, (void **)&s, ns, &caps, sizeof(*s));
        s[ns++] = change;
        c[nc - 1].nstatuses++;
    }
    ret = store_err(st, rc);
    store_done(stmt);
    /* the histories moved as their array grew: point each Compact at its own now */
    for (size_t i = 0; ret == 0 && i < nc; i++) {
        c[i].statuses = c[i].nstatuses ? &s[first[i]] : NULL;
    }
    *out = ret ? NULL : c;
    *nout = ret ? 0 : nc;
    return ret;
}

/* Each Compact's codes from sql_codes, matched to c[0..nc) (both in order of id). */
static int read_codes(struct store *st, struct arena *arena, struct coverage_compact *c, size_t nc)
{
    const char **codes = NULL;
    long long *ids = NULL;
    size_t n = 0, capc = 0, capi = 0, k = 0;
    struct db_stmt *stmt;
    int ret, rc;

    if ((ret = store_prepare(st, sql_codes, &stmt)) < 0) {
        return ret;
    }
    while ((rc = store_step(st, stmt)) == DB_ROW) {
        store_grow(arena, (void **)&codes, n, &capc, sizeof(*codes));
        store_grow(arena, (void **)&ids, n, &capi, sizeof(*ids));
        ids[n] = db_column_int64(stmt, 0);
        codes[n++] = store_col(stmt, 1, arena);
    }
    ret = store_err(st, rc);
    store_done(stmt);
    for (size_t i = 0; ret == 0 && i < nc; i++) {
        while (k < n && ids[k] < c[i].id) {
            k++; /* cannot happen: a code's Compact exists (foreign key) */
        }
        c[i].gss = k < n ? &codes[k] : NULL;
        while (k < n && ids[k] == c[i].id) {
            c[i].ngss++;
            k++;
        }
    }
    return ret;
}

int store_coverage_load(struct store *st, enum authority_set set, struct arena *arena,
                        struct authority **auth, size_t *nauth, struct coverage_compact **compacts,
                        size_t *ncompacts)
{
    struct authority_filter f = {.set = (int)set, .type = -1, .region = -1, .by_name = 1};
    int ret;

    *compacts = NULL;
    *ncompacts = 0;
    if ((ret = store_authority_list(st, &f, arena, auth, nauth)) < 0) {
        return ret;
    }
    if ((ret = read_statuses(st, arena, compacts, ncompacts)) < 0 ||
        (ret = read_codes(st, arena, *compacts, *ncompacts)) < 0) {
        *auth = NULL;
        *nauth = 0;
        *compacts = NULL;
        *ncompacts = 0;
    }
    return ret;
}
