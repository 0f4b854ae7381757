/*
 * GET /organisations (search and list), /organisations/new and POST /organisations (add),
 * GET /organisations/{ref}, its /edit form and POST /organisations/{ref} (change).
 */
#include <limits.h>
#include <stdio.h>

#include "handlers.h"
#include "organisation_query.h"
#include "paging.h"
#include "app/indicators_report.h"
#include "app/policy.h"
#include "view/html.h"
#include "view/page_organisations.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

/* Whether the person may change o by patch (NULL: at all): 0, or ERR_FORBIDDEN with the 403
 * page set, or a store error. */
static int may_edit(struct request *r, const struct organisation *o,
                    const struct organisation_draft *patch)
{
    int ret = policy_organisation_edit(r->st, &r->user, o, patch);
    if (ret == ERR_FORBIDDEN) {
        reply_error(r, 403, policy_organisation_edit_rule);
    }
    return ret;
}

int page_organisations(struct request *r)
{
    struct organisations_view v = {0};
    struct organisation_filter f;
    struct field_error errs[6];
    struct organisation *items = NULL;
    int ret;

    /* limit and cursor are read as the API's are: a cursor (of a link from before pages had
     * numbers) is checked, then the first page shown */
    v.nerrors = organisation_query(r, 1, ORGANISATION_LIMIT_PAGE, &f, errs);
    page_number(&r->query, &v.page, errs, &v.nerrors);
    v.errors = errs;
    v.q = query_get(&r->query, "q");
    v.sector = f.sector;
    v.type = f.type;
    v.per_page = f.limit;
    v.limit = query_get(&r->query, "limit");
    f.after = 0;
    f.offset = page_offset(v.page, v.per_page);
    v.can_edit = policy_organisation_create(&r->user) == 0;
    if (v.nerrors) {
        r->status = 400;
    } else if ((ret = store_organisation_count(r->st, &f, &v.total)) < 0 ||
               (ret = store_organisation_list(r->st, &f, r->arena, &items, &v.n)) < 0) {
        return ret;
    }
    v.items = items;
    r->content_type = "text/html; charset=utf-8";
    view_organisations_page(r->body, &v, request_viewer(r));
    return 0;
}

int page_organisation(struct request *r)
{
    struct organisation o;
    struct signatory *signatures;
    struct ind_received received;
    size_t n;
    int ret = store_organisation_get(r->st, r->params[0], r->arena, &o), funding = 0, edit = 0;

    if (ret < 0 || (o.org_id && (ret = store_opendata_has(r->st, o.org_id, &funding)) < 0) ||
        (ret = received_report(r->st, o.org_id, r->arena, &received)) < 0 ||
        (ret = store_signatory_list_by_organisation(r->st, r->params[0], r->arena, &signatures,
                                                    &n)) < 0) {
        return ret;
    }
    if ((ret = policy_organisation_edit(r->st, &r->user, &o, NULL)) < 0 && ret != ERR_FORBIDDEN) {
        return ret;
    }
    edit = ret == 0;
    r->content_type = "text/html; charset=utf-8";
    view_organisation_page(r->body, &o,
                           (edit ? ORG_PAGE_EDIT : 0u) | (funding ? ORG_PAGE_FUNDING : 0u),
                           &received, signatures, n, request_viewer(r));
    return 0;
}

/* The Compact whose signatory form an organisation is added for (for_compact, a number), or 0. */
static long long for_compact(const struct query *q)
{
    long long id;
    return num_whole(query_get(q, "for_compact"), 1, LLONG_MAX, &id) == 0 ? id : 0;
}

/* The form, to add (ref NULL) or change, with the values to show and any errors. */
static int form(struct request *r, int status, const char *ref, const char *name,
                const struct organisation_draft *values, const struct org_problem *problems,
                size_t n, long long compact)
{
    struct field_error *errs = arena_alloc(r->arena, (n + 1) * sizeof(*errs));
    struct organisation_form_view v = {
        .ref = ref, .name = name, .values = values, .for_compact = compact};

    for (size_t i = 0; i < n; i++) {
        errs[i] = (struct field_error){problems[i].field, problems[i].message};
    }
    v.errors = errs;
    v.nerrors = n;
    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    view_organisation_form_page(r->body, &v, request_viewer(r));
    return 0;
}

/* The fields of a posted form: every one given (a blank one is none); and, with compact, the
 * Compact it is added for (0: none). */
static int read_form(struct request *r, struct organisation_draft *d, long long *compact)
{
    struct query q;

    if (request_form(r, &q) < 0) {
        return ERR_INVALID;
    }
    if (compact) {
        *compact = for_compact(&q);
    }
    d->org_id = query_get(&q, "org_id");
    d->name = query_get(&q, "name");
    d->type = query_get(&q, "type");
    d->sector = query_get(&q, "sector");
    d->website = query_get(&q, "website");
    d->given =
        ORG_FIELD_ORG_ID | ORG_FIELD_NAME | ORG_FIELD_TYPE | ORG_FIELD_SECTOR | ORG_FIELD_WEBSITE;
    return 0;
}

/* 303 See Other to the organisation's page. */
static int to_page(struct request *r, const struct organisation *o)
{
    struct buf b = BUF_INIT;
    char ref[ORG_REF_MAX], *location;

    buf_adds(&b, "/organisations/");
    html_url(&b, organisation_ref(o, ref)); /* an org-id may hold a '/': %2F */
    location = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return reply_redirect(r, location);
}

/* 303 to the signatory form of Compact compact with o chosen. */
static int to_signatory_form(struct request *r, long long compact, const struct organisation *o)
{
    struct buf b = BUF_INIT;
    char ref[ORG_REF_MAX], *location;

    buf_addf(&b, "/compacts/%lld/signatories/new?organisation=", compact);
    html_url(&b, organisation_ref(o, ref));
    location = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return reply_redirect(r, location);
}

/* The form to add one; from a signatory form, ?name= fills in the name searched for and
 * ?for_compact= says where to go back to. */
int page_organisation_new(struct request *r)
{
    struct organisation_draft d = {0};

    d.name = query_get(&r->query, "name");
    return form(r, 200, NULL, NULL, &d, NULL, 0, for_compact(&r->query));
}

int page_organisation_create(struct request *r)
{
    struct organisation_draft d = {0};
    struct organisation o;
    struct org_problem problems[ORG_PROBLEMS_MAX];
    long long compact;
    size_t n;
    int ret;

    if (read_form(r, &d, &compact) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    if ((n = organisation_from_draft(&d, &o, problems)) > 0) {
        return form(r, 400, NULL, NULL, &d, problems, n, compact);
    }
    ret = store_organisation_add(r->st, &o, request_actor(r), &o.id);
    if (ret == ERR_INVALID || ret == ERR_CONFLICT) {
        problems[0] = (struct org_problem){"org_id", ret == ERR_INVALID ? orgid_unknown_council
                                                                        : orgid_taken};
        return form(r, 400, NULL, NULL, &d, problems, 1, compact);
    }
    if (ret < 0) {
        return ret;
    }
    return compact ? to_signatory_form(r, compact, &o) : to_page(r, &o);
}

int page_organisation_edit(struct request *r)
{
    struct organisation o;
    struct organisation_draft d;
    static const struct organisation_draft keep = {0};
    int ret = store_organisation_get(r->st, r->params[0], r->arena, &o);

    if (ret < 0 || (ret = may_edit(r, &o, NULL)) < 0) {
        return ret == ERR_FORBIDDEN ? 0 : ret;
    }
    organisation_patch_draft(&o, &keep, &d);
    return form(r, 200, r->params[0], o.name, &d, NULL, 0, 0);
}

int page_organisation_update(struct request *r)
{
    struct organisation_draft d = {0};
    struct organisation before, after;
    struct org_problem problems[ORG_PROBLEMS_MAX];
    size_t n;
    int ret;

    if ((ret = store_organisation_get(r->st, r->params[0], r->arena, &before)) < 0) {
        return ret;
    }
    if (read_form(r, &d, NULL) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    if ((ret = may_edit(r, &before, &d)) < 0) {
        return ret == ERR_FORBIDDEN ? 0 : ret;
    }
    ret = store_organisation_update(r->st, r->params[0], &d, request_actor(r), r->arena, &after,
                                    problems, &n);
    if ((ret == ERR_INVALID || ret == ERR_CONFLICT) && n) {
        return form(r, 400, r->params[0], before.name, &d, problems, n, 0);
    }
    if (ret < 0) {
        return ret;
    }
    return to_page(r, &after);
}
