/*
 * GET and POST /api/v1/organisations, its .csv variant, and GET and PATCH
 * /api/v1/organisations/{org-id or number}.
 */
#include <stdio.h>

#include "handlers.h"
#include "organisation_query.h"
#include "codec/json.h"
#include "codec/json_in.h"
#include "base/err.h"
#include "base/banned.h"

static int bad_query(struct request *r, const struct field_error *e)
{
    return reply_problem(r, 400, "Invalid query parameter", e->message, e->field);
}

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

/* "user:ID", who acts, from the arena. */
static const char *actor(struct request *r)
{
    struct buf b = BUF_INIT;
    char *out;
    buf_addf(&b, "user:%lld", r->user.id);
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}

int api_organisations(struct request *r)
{
    struct organisation_filter f;
    struct field_error errs[5];
    struct organisation *items;
    size_t n, total, want;
    char *next = NULL;
    int ret;

    if (organisation_query(r, 1, ORGANISATION_LIMIT_DEFAULT, &f, errs)) {
        return bad_query(r, &errs[0]);
    }
    if ((ret = store_organisation_count(r->st, &f, &total)) < 0) {
        return ret;
    }
    want = f.limit;
    f.limit = want + 1; /* one more tells whether there is a next page */
    if ((ret = store_organisation_list(r->st, &f, r->arena, &items, &n)) < 0) {
        return ret;
    }
    if (n > want) {
        char *cursor = arena_alloc(r->arena, 24);
        n = want;
        if (snprintf(cursor, 24, "%lld", items[n - 1].id) < 24) {
            next = cursor;
        }
    }
    r->content_type = "application/json";
    json_organisation_list(r->body, total, items, n, next);
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
        return bad_query(r, &errs[0]);
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

int api_organisations_create(struct request *r)
{
    struct organisation_draft d;
    struct organisation o;
    struct org_problem problems[ORG_PROBLEMS_MAX];
    const char *field = "body", *why = "The body must be a JSON object.";
    char ref[ORG_REF_MAX];
    int ret;

    if (!r->body_in ||
        json_organisation_draft(r->body_in, r->body_in_len, r->arena, &d, &field, &why) < 0) {
        return reply_problem(r, 400, "Invalid organisation", why, field);
    }
    if (organisation_from_draft(&d, &o, problems) > 0) {
        return invalid(r, &problems[0]);
    }
    ret = store_organisation_add(r->st, &o, actor(r), &o.id);
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
    struct organisation o;
    struct org_problem problems[ORG_PROBLEMS_MAX];
    const char *field = "body", *why = "The body must be a JSON object.";
    size_t nproblems;
    int ret;

    if (!r->body_in ||
        json_organisation_draft(r->body_in, r->body_in_len, r->arena, &d, &field, &why) < 0) {
        return reply_problem(r, 400, "Invalid organisation", why, field);
    }
    if (!d.given) { /* nothing to change: the organisation as it is */
        return api_organisation(r);
    }
    ret = store_organisation_update(r->st, r->params[0], &d, actor(r), r->arena, &o, problems,
                                    &nproblems);
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
