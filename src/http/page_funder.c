/* GET /organisations/{ref}/funding (a funder's indicators), /grants and /contracts (lists). */
#include "handlers.h"
#include "opendata_query.h"
#include "paging.h"
#include "app/indicators_report.h"
#include "view/page_funder.h"
#include "base/err.h"
#include "base/banned.h"

int page_funder(struct request *r)
{
    struct field_error *errs = arena_alloc(r->arena, 2 * sizeof(*errs));
    struct funder_view v = {0};
    struct indicators_report rep;
    struct param_set compact;
    const char **ids, **names;
    size_t count, n;
    int has_compact, ret;
    char ref[ORG_REF_MAX];

    v.compact_id = query_get(&r->query, "compact_id");
    v.min_count = query_get(&r->query, "min_count");
    if (v.compact_id && !*v.compact_id) {
        v.compact_id = NULL;
    }
    v.nerrors =
        indicators_query(r->st, v.min_count, v.compact_id, &count, &compact, &has_compact, errs);
    v.errors = errs;
    ret = indicators_report(r->st, r->params[0], v.nerrors ? INDICATORS_MIN_COUNT_DEFAULT : count,
                            has_compact ? &compact : NULL, v.compact_id, r->arena, &rep);
    if (ret < 0) {
        return ret;
    }
    if ((ret = store_compact_names(r->st, 16, r->arena, &ids, &names, &n)) < 0) {
        return ret;
    }
    v.compact_ids = ids;
    v.compact_names = names;
    v.ncompacts = n;
    v.org = rep.subject.org;
    v.name = rep.subject.name;
    v.ref = rep.org ? arena_strdup(r->arena, organisation_ref(rep.org, ref)) : NULL;
    v.params = &rep.params;
    v.received = &rep.received;
    if (v.nerrors) {
        r->status = 400;
    } else {
        v.ind = &rep.ind;
    }
    r->content_type = "text/html; charset=utf-8";
    view_funder_page(r->body, &v, r->arena, request_viewer(r));
    return 0;
}

static int list_page(struct request *r, int grants)
{
    struct field_error *errs = arena_alloc(r->arena, 7 * sizeof(*errs));
    struct opendata_list_view v = {0};
    struct opendata_filter f;
    int ret;

    v.grants = grants;
    /* limit and cursor are read as the API's are: a cursor (of a link from before pages had
     * numbers) is checked, then the first page shown */
    v.nerrors = opendata_query(r, grants, 1, OPENDATA_LIMIT_PAGE, &f, errs);
    page_number(&r->query, &v.page, errs, &v.nerrors);
    v.errors = errs;
    v.org = query_get(&r->query, grants ? "funder" : "buyer");
    if (!v.nerrors && (ret = opendata_named(r, grants, &f, v.named, &v.nnamed)) < 0) {
        return ret;
    }
    v.counterpart = query_get(&r->query, grants ? "recipient" : "supplier");
    v.year = query_get(&r->query, "year");
    v.q = query_get(&r->query, "q");
    v.per_page = f.limit;
    v.limit = query_get(&r->query, "limit");
    f.after = 0;
    f.offset = page_offset(v.page, v.per_page);
    if (v.nerrors) {
        r->status = 400;
    } else if (!opendata_named_one(v.named, v.nnamed)) {
        /* a name that names no organisation, or several to choose from: no list yet */
    } else if (grants) {
        struct grant_item *items;
        if ((ret = store_grant_list_count(r->st, &f, &v.total)) < 0 ||
            (ret = store_grant_list(r->st, &f, r->arena, &items, &v.n)) < 0) {
            return ret;
        }
        v.grant_items = items;
    } else {
        struct contract_item *items;
        if ((ret = store_contract_list_count(r->st, &f, &v.total)) < 0 ||
            (ret = store_contract_list(r->st, &f, r->arena, &items, &v.n)) < 0) {
            return ret;
        }
        v.contract_items = items;
    }
    r->content_type = "text/html; charset=utf-8";
    view_opendata_list_page(r->body, &v, request_viewer(r));
    return 0;
}

int page_grants(struct request *r)
{
    return list_page(r, 1);
}

int page_contracts(struct request *r)
{
    return list_page(r, 0);
}
