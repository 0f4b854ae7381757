/* Open data indicators from the store. */
#include "indicators_report.h"

#include <string.h>

#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

/* The name the open data gives org_id, an organisation the register does not keep (as a
 * funder, a recipient, a buyer or a supplier), into *out; NULL when none gives one. */
static int data_name(struct store *st, const char *org_id, struct arena *arena, const char **out)
{
    *out = NULL;
    for (int role = OPENDATA_FUNDER; role <= OPENDATA_SUPPLIER && !*out; role++) {
        struct opendata_name *m;
        size_t n;
        int more,
            ret = store_opendata_names(st, (enum opendata_role)role, org_id, arena, &m, &n, &more);
        if (ret < 0) {
            return ret;
        }
        if (n && m[0].exact) {
            *out = m[0].name;
        }
    }
    return 0;
}

int received_report(struct store *st, const char *org_id, struct arena *arena,
                    struct ind_received *out)
{
    struct ind_received_grant *g = NULL;
    struct ind_funder_year *fy = NULL;
    size_t ng = 0, nfy = 0;
    int ret;

    memset(out, 0, sizeof(*out));
    if (org_id && ((ret = store_received_grants(st, org_id, arena, &g, &ng)) < 0 ||
                   (ret = store_received_funder_years(st, org_id, arena, &fy, &nfy)) < 0)) {
        return ret;
    }
    ind_received_compute(g, ng, fy, nfy, arena, out);
    return 0;
}

size_t indicators_query(struct store *st, const char *min_count, const char *compact_id,
                        size_t *count, struct param_set *compact, int *has_compact,
                        struct field_error errs[2])
{
    size_t n = 0;
    long long v;
    int ret;

    *count = INDICATORS_MIN_COUNT_DEFAULT;
    *has_compact = 0;
    memset(compact, 0, sizeof(*compact));
    if (min_count && *min_count) {
        if (num_whole(min_count, 1, INDICATORS_MIN_COUNT_MAX, &v) < 0) {
            errs[n++] = (struct field_error){"min_count",
                                             "min_count must be a whole number from 1 to 1000000"};
        } else {
            *count = (size_t)v;
        }
    }
    if (compact_id && *compact_id) {
        if (num_whole(compact_id, 1, 2147483647L, &v) < 0 ||
            (ret = store_compact_params(st, compact_id, compact)) == ERR_NOT_FOUND) {
            errs[n++] = (struct field_error){"compact_id", "compact_id must be the number of a "
                                                           "local Compact in the register"};
        } else if (ret < 0) {
            errs[n++] = (struct field_error){"compact_id", "The Compact's parameters cannot be "
                                                           "read just now"};
        } else {
            *has_compact = 1;
        }
    }
    return n;
}

int indicators_report(struct store *st, const char *ref, size_t min_count,
                      const struct param_set *compact, const char *compact_id, struct arena *arena,
                      struct indicators_report *out)
{
    struct organisation *o = arena_alloc(arena, sizeof(*o));
    struct ind_grant *g = NULL;
    struct ind_contract *c = NULL;
    struct ind_params p;
    size_t ng = 0, nc = 0;
    const char *org = NULL;
    int ret;

    memset(out, 0, sizeof(*out));
    ret = store_organisation_get(st, ref, arena, o);
    if (ret == 0) {
        out->org = o;
        org = o->org_id;
    } else if (ret != ERR_NOT_FOUND) {
        return ret;
    } else if (!organisation_ref_is_number(ref) && strlen(ref) <= OPENDATA_ID_MAX) {
        org = ref; /* an org-id of a scheme the register does not link */
    }
    if (org) {
        if ((ret = store_indicator_grants(st, org, arena, &g, &ng)) < 0 ||
            (ret = store_indicator_contracts(st, org, arena, &c, &nc)) < 0 ||
            (ret = received_report(st, org, arena, &out->received)) < 0) {
            return ret;
        }
    }
    if (!out->org && !ng && !nc && !out->received.n) {
        return ERR_NOT_FOUND;
    }
    params_resolve(NULL, compact, &out->params);
    p.min_funding_months = out->params.value[PARAM_MIN_FUNDING_MONTHS];
    p.min_tender_days = out->params.source[PARAM_MIN_TENDER_DAYS] == SOURCE_NONE
                            ? -1
                            : out->params.value[PARAM_MIN_TENDER_DAYS];
    p.min_count = min_count;
    if ((ret = indicators_compute(g, ng, c, nc, &p, arena, &out->ind)) < 0) {
        return ret;
    }
    out->subject.org = org ? org : ref;
    out->subject.name = out->org ? out->org->name : NULL;
    if (!out->org && (ret = data_name(st, out->subject.org, arena, &out->subject.name)) < 0) {
        return ret;
    }
    out->subject.compact_id = compact_id && *compact_id ? compact_id : NULL;
    out->subject.params = &out->params;
    return 0;
}
