/* What the case for signing up needs from the register: the statutory signatories with the
 * type of each. (The authorities and the Compacts' histories: store_coverage.c.) */
#include <string.h>

#include "store_int.h"
#include "base/banned.h"

#define SIGNUP_COLUMNS                                                                             \
    "SELECT s.compact_id, coalesce(o.org_id, CAST(o.id AS TEXT)), o.name, o.type, s.signed_on, "   \
    "s.withdrawn_on FROM signatory s JOIN organisation o ON o.id = s.organisation_id "             \
    "WHERE o.sector = 'statutory' "
static const char sql_all[] = SIGNUP_COLUMNS "ORDER BY s.compact_id, s.id";
static const char sql_one[] = SIGNUP_COLUMNS "AND s.compact_id = ?1 ORDER BY s.id";

enum org_type store_signup_type(const char *type)
{
    enum org_type t;

    /* the schema's CHECK keeps the type one of the register's; a statutory one in any case */
    return type && org_type_parse(type, &t) == 0 ? t : ORG_PUBLIC_OTHER;
}

static void signup_row(struct db_stmt *stmt, struct arena *arena, void *item)
{
    struct signup_signatory *out = item;

    out->compact_id = db_column_int64(stmt, 0);
    out->org_ref = store_col(stmt, 1, arena);
    out->name = store_col(stmt, 2, arena);
    out->type = store_signup_type((const char *)db_column_text(stmt, 3));
    out->signed_on = store_col_date(stmt, 4);
    out->withdrawn_on = store_col_date(stmt, 5);
}

int store_signup_signatories(struct store *st, long long compact_id, struct arena *arena,
                             struct signup_signatory **items, size_t *n)
{
    struct db_stmt *stmt;
    int ret;

    if (compact_id) {
        return store_rows_of(st, sql_one, compact_id, arena, sizeof(**items), signup_row, items, n);
    }
    *items = NULL;
    *n = 0;
    if ((ret = store_prepare(st, sql_all, &stmt)) < 0) {
        return ret;
    }
    return store_rows(st, stmt, arena, sizeof(**items), signup_row, items, n);
}
