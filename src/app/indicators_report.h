/*
 * Open data indicators from the store: the one piece of code behind GET
 * /api/v1/organisations/{id}/indicators, the funder page and `compact indicators`.
 */
#ifndef APP_INDICATORS_REPORT_H
#define APP_INDICATORS_REPORT_H

#include <stddef.h>

#include "store/store.h"
#include "codec/json_indicators.h"
#include "core/field_error.h"
#include "core/indicators.h"
#include "base/arena.h"

struct indicators_report {
    struct indicators_subject subject; /* its params point at params below */
    struct params params;
    struct indicators ind;
    struct ind_received received;   /* the grants it received, by funder and year */
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
 * org-id the register does not keep), as funder and as buyer, and the grants it received, into
 * out (from arena); its name is the register's, else the one the open data gives it. ERR_NOT_FOUND
 * when the register has no such organisation and no grant or contract names it.
 */
int indicators_report(struct store *st, const char *ref, size_t min_count,
                      const struct param_set *compact, const char *compact_id, struct arena *arena,
                      struct indicators_report *out);

/*
 * The grants the organisation org_id (any case; NULL: none) received, by funder and year, each
 * year with what followed it (ind_received_compute), into out (from arena). 0 or a store error.
 */
int received_report(struct store *st, const char *org_id, struct arena *arena,
                    struct ind_received *out);

#endif
