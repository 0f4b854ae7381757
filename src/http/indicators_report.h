/*
 * Open data indicators from the store: the one piece of code behind GET
 * /api/v1/organisations/{id}/indicators, the funder page and `compact indicators`; and the query
 * parameters of the grant and contract lists, for their pages and the API alike.
 */
#ifndef HTTP_INDICATORS_REPORT_H
#define HTTP_INDICATORS_REPORT_H

#include <stddef.h>

#include "request.h"
#include "view/form.h"
#include "codec/json_indicators.h"
#include "core/indicators.h"
#include "base/arena.h"
#include "store/store.h"

#define OPENDATA_LIMIT_DEFAULT 100
#define OPENDATA_LIMIT_PAGE    50
#define OPENDATA_LIMIT_MAX     1000
#define OPENDATA_Q_MAX         100

struct indicators_report {
    struct indicators_subject subject; /* its params point at params below */
    struct params params;
    struct indicators ind;
    const struct organisation *org; /* the organisation in the register, or NULL */
};

/*
 * Read min_count (a whole number from 1 to 1000000; NULL or "" for the default 10) and
 * compact_id (a Compact's number; NULL or "" for none: the national defaults). Each bad one
 * adds a field_error naming it ("min_count", "compact_id") to errs (room for 2); returns how
 * many.
 */
size_t indicators_query(struct store *st, const char *min_count, const char *compact_id,
                        size_t *count, struct param_set *compact, int *has_compact,
                        struct field_error errs[2]);

/*
 * The indicators of the organisation ref names (its org-id or number in the register, or an
 * org-id the register does not keep), as funder and as buyer, into out (from arena).
 * ERR_NOT_FOUND when the register has no such organisation and no grant or contract names it.
 */
int indicators_report(struct store *st, const char *ref, size_t min_count,
                      const struct param_set *compact, const char *compact_id, struct arena *arena,
                      struct indicators_report *out);

/*
 * The filters of GET /grants (grants set: funder, recipient) or /contracts (buyer, supplier),
 * with year and q, and with paged limit (default limit_default) and cursor, into f. Each bad one
 * adds a field_error naming it to errs (room for 6); returns how many.
 */
size_t opendata_query(const struct request *r, int grants, int paged, size_t limit_default,
                      struct opendata_filter *f, struct field_error errs[6]);

#endif
