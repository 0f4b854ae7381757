/*
 * GET and POST /api/v1/organisations, its .csv variant, and GET and PATCH
 * /api/v1/organisations/{org-id or number}.
 */
#include "handlers.h"
#include "organisation_query.h"
#include "paging.h"
#include "app/policy.h"
#include "codec/json.h"
#include "codec/json_in.h"
#include "base/err.h"
#include "base/banned.h"

static int invalid(struct request *r, const struct org_problem *p)
{
    return reply_problem(r, 400, "Invalid organisation", p->message, p->field);
}

static int taken(struct request *r)
{
    return reply_problem(r, 409, "Conflict", orgid_taken, "org_id");
}

static int not_found(struct request *r)
{
    return reply_problem(r, 404, "Organisation not found",
                         "No organisation in the register has that org-id or number.", "id");
}

int api_organisations(struct request *r)
{
    struct organisation_filter f;
    struct field_error errs[5];
    struct organisation *items;
    struct page pg;
    const char *next;
    int ret;

    if (organisation_query(r, 1, ORGANISATION_LIMIT_DEFAULT, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    page_begin(&pg, &f.limit);
    if ((ret = store_organisation_count(r->st, &f, &pg.total)) < 0 ||
        (ret = store_organisation_list(r->st, &f, r->arena, &items, &pg.n)) < 0) {
        return ret;
    }
    next = page_more(&pg) ? page_cursor(r->arena, items[pg.n - 1].id) : NULL;
    r->content_type = "application/json";
    json_organisation_list(r->body, pg.total, items, pg.n, next);
    return 0;
}

int api_organisations_csv(struct request *r)
{
    struct organisation_filter f;
    struct field_error errs[5];
    struct organisation *items;
    size_t n;
    int ret;

    if (organisation_query(r, 0, 0, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    if ((ret = store_organisation_list(r->st, &f, r->arena, &items, &n)) < 0) {
        return ret;
    }
    r->content_type = "text/csv; charset=utf-8";
    csv_organisation_list(r->body, items, n);
    return 0;
}

int api_organisation(struct request *r)
{
    struct organisation o;
    int ret = store_organisation_get(r->st, r->params[0], r->arena, &o);

    if (ret == ERR_NOT_FOUND) {
        return not_found(r);
    }
    if (ret < 0) {
        return ret;
    }
    r->content_type = "application/json";
    json_organisation(r->body, &o);
    return 0;
}

/* The body as an organisation's draft: 0, or 1 with the 400 problem set. */
static int read_draft(struct request *r, struct organisation_draft *d)
{
    const char *field = "body", *why = "The body must be a JSON object.";

    if (r->body_in &&
        json_organisation_draft(r->body_in, r->body_in_len, r->arena, d, &field, &why) >= 0) {
        return 0;
    }
    reply_problem(r, 400, "Invalid organisation", why, field);
    return 1;
}

int api_organisations_create(struct request *r)
{
    struct organisation_draft d;
    struct organisation o;
    struct org_problem problems[ORG_PROBLEMS_MAX];
    char ref[ORG_REF_MAX];
    int ret;

    if (read_draft(r, &d)) {
        return 0;
    }
    if (organisation_from_draft(&d, &o, problems) > 0) {
        return invalid(r, &problems[0]);
    }
    ret = store_organisation_add(r->st, &o, request_actor(r), &o.id);
    if (ret == ERR_INVALID) {
        return invalid(r, &(struct org_problem){"org_id", orgid_unknown_council});
    }
    if (ret == ERR_CONFLICT) {
        return taken(r);
    }
    if (ret < 0) {
        return ret;
    }
    r->status = 201;
    r->content_type = "application/json";
    json_ref(r->body, organisation_ref(&o, ref));
    return 0;
}

int api_organisation_patch(struct request *r)
{
    struct organisation_draft d;
    struct organisation before, o;
    struct org_problem problems[ORG_PROBLEMS_MAX];
    size_t nproblems;
    int ret;

    if (read_draft(r, &d)) {
        return 0;
    }
    if ((ret = store_organisation_get(r->st, r->params[0], r->arena, &before)) == ERR_NOT_FOUND) {
        return not_found(r);
    }
    if (ret < 0 || (ret = policy_organisation_edit(r->st, &r->user, &before, &d)) < 0) {
        return ret == ERR_FORBIDDEN
                   ? reply_problem(r, 403, "Forbidden", policy_organisation_edit_rule, NULL)
                   : ret;
    }
    if (!d.given) { /* nothing to change: the organisation as it is */
        r->content_type = "application/json";
        json_organisation(r->body, &before);
        return 0;
    }
    ret = store_organisation_update(r->st, r->params[0], &d, request_actor(r), r->arena, &o,
                                    problems, &nproblems);
    if (ret == ERR_NOT_FOUND) {
        return not_found(r);
    }
    if (ret == ERR_CONFLICT) {
        return taken(r);
    }
    if (ret == ERR_INVALID && nproblems) {
        return invalid(r, &problems[0]);
    }
    if (ret < 0) {
        return ret;
    }
    r->content_type = "application/json";
    json_organisation(r->body, &o);
    return 0;
}
