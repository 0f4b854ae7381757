/* GET /authorities and GET /authorities/{gss}. */
#include <string.h>

#include "authority_query.h"
#include "handlers.h"
#include "view/page_authorities.h"
#include "view/page_authority.h"
#include "base/err.h"
#include "base/banned.h"

struct listing {
    struct buf *b;
    size_t n;
};

static int list_one(void *ctx, const struct authority *a)
{
    struct listing *l = ctx;

    view_authorities_row(l->b, a);
    l->n++;
    return 0;
}

int page_authorities(struct request *r)
{
    struct authorities_view v = {0};
    struct authority_filter f;
    struct field_error errs[5];
    struct listing l = {.b = r->body};
    size_t table_at;
    int ret;

    v.nerrors = authority_query(r, 0, &f, errs);
    v.errors = errs;
    v.set = f.set;
    v.type = f.type;
    v.region = f.region;
    r->content_type = "text/html; charset=utf-8";
    table_at = view_authorities_start(r->body, &v, request_viewer(r));
    if (v.nerrors) {
        r->status = 400;
    } else if ((ret = store_authority_listed(r->st, &f, r->arena, list_one, &l)) < 0) {
        return ret;
    }
    v.n = l.n;
    view_authorities_end(r->body, &v, table_at);
    return 0;
}

/* Whether a's council has signed the Compact out names, today (core/signups.h). */
static void council_signed(const struct authority *a, struct authority_local *out)
{
    char council[ORG_ID_MAX + 1];
    date_t today = date_today();

    if (!orgid_of_council(a->code, council)) {
        return;
    }
    for (size_t i = 0; i < out->nsignatories; i++) {
        const struct signatory *g = &out->signatories[i];
        if (signup_is_council(g->org_ref, g->signed_on, g->withdrawn_on, council, today)) {
            out->council_signed = 1;
            out->council_signed_on = g->signed_on;
            return;
        }
    }
}

/* The Compact covering a today, by the coverage rule (core/coverage.c) over a and its county. */
static int local_compact(struct request *r, const struct authority *a, struct authority_local *out)
{
    struct authority *both = arena_alloc(r->arena, 2 * sizeof(*both));
    struct coverage_compact *c;
    struct coverage cov;
    struct compact_entry e;
    struct compact_state s;
    size_t n = 1, nc;
    int ret;

    memset(out, 0, sizeof(*out));
    out->status = -1;
    both[0] = *a;
    if (a->county_gss && store_authority_get(r->st, a->county_gss, r->arena, &both[1]) == 0) {
        n = 2;
    }
    if ((ret = store_compact_naming(r->st, a->gss, a->county_gss, r->arena, &c, &nc)) < 0) {
        return ret;
    }
    coverage_compute(both, n, AUTH_SET_CURRENT, c, nc, date_today(), r->arena, &cov);
    out->state = (int)cov.rows[0].state;
    out->compact_id = cov.rows[0].compact_id;
    out->compact_name = cov.rows[0].compact_name;
    out->via_county = cov.rows[0].via_county;
    if (!out->compact_id) {
        return 0;
    }
    if ((ret = store_compact_get(r->st, out->compact_id, r->arena, &e)) < 0) {
        return ret;
    }
    compact_state_on(&e, date_today(), &s);
    if ((ret = store_signatory_list(r->st, out->compact_id, r->arena,
                                    (struct signatory **)&out->signatories, &out->nsignatories)) <
        0) {
        return ret;
    }
    out->status = s.status;
    out->review_due = s.review_due;
    out->review_overdue = s.review_overdue;
    council_signed(a, out);
    return 0;
}

int page_authority(struct request *r)
{
    struct authority a;
    struct authority_local local;
    int ret = store_authority_get(r->st, r->params[0], r->arena, &a);

    if (ret < 0 || (ret = local_compact(r, &a, &local)) < 0) {
        return ret;
    }
    r->cache_day = date_today(); /* its Compact's status and review are as of today */
    r->content_type = "text/html; charset=utf-8";
    view_authority_page(r->body, &a, &local, request_viewer(r));
    return 0;
}
