/*
 * The library's API: GET and POST /api/v1/case-studies and /api/v1/resources, GET and PATCH
 * one, POST its /publish. Resources take JSON, or multipart/form-data with a PDF.
 */
#include <string.h>

#include "handlers.h"
#include "library_query.h"
#include "paging.h"
#include "app/library.h"
#include "app/policy.h"
#include "codec/json_library.h"
#include "base/err.h"
#include "base/banned.h"

static int not_found(struct request *r, const char *what)
{
    return reply_problem(r, 404, "Not Found", what, "id");
}

/* The answer to a put or publish that did not go through (ret < 0). */
static int refused(struct request *r, int ret, const char *title, const char *what,
                   const struct field_error *problems, size_t n, const char *why)
{
    if (ret == ERR_INVALID && n) {
        return reply_problem(r, 400, title, problems[0].message, problems[0].field);
    }
    if (ret == ERR_FORBIDDEN) {
        return reply_problem(r, 403, "Forbidden", why, NULL);
    }
    if (ret == ERR_NOT_FOUND) {
        return not_found(r, what);
    }
    if (ret == ERR_CONFLICT) {
        return reply_problem(r, 409, "Conflict", "It is published already.", NULL);
    }
    return ret;
}

#define LIBRARY_API_LIMIT 100 /* items on a page of the API's lists unless limit says */

static const char no_case_study[] = "There is no case study with that number.";
static const char no_resource[] = "There is no resource with that number.";

/* What a missing one of item is told. */
static const char *no_such(enum library_item item)
{
    return item == LIBRARY_ITEM_CASE_STUDY ? no_case_study : no_resource;
}

/* GET /api/v1/case-studies or /api/v1/resources: a page of item's list as the filters ask,
 * limit and cursor read as every list's (paging.h); the cursor is a row's number. */
static int list(struct request *r, enum library_item item)
{
    struct field_error errs[6];
    struct library_filter f;
    struct page pg;
    const char *next;
    long long after;
    void *items;
    size_t nerr;
    int ret;

    nerr = library_query(&r->query, &f, errs);
    page_query(&r->query, LIBRARY_API_LIMIT, &f.limit, &after, NULL, errs, &nerr);
    if (nerr) {
        return reply_bad_query(r, &errs[0]);
    }
    f.offset = (size_t)after;
    page_begin(&pg, &f.limit);
    if ((ret = library_list(r->st, &r->user, item, &f, r->arena, &items, &pg.n, &pg.total)) < 0) {
        return ret;
    }
    next = page_more(&pg) ? page_cursor(r->arena, (long long)(f.offset + pg.n)) : NULL;
    r->content_type = "application/json";
    if (item == LIBRARY_ITEM_CASE_STUDY) {
        json_case_study_list(r->body, pg.total, items, pg.n, next); /* none for a resource's kind */
    } else {
        json_resource_list(r->body, pg.total, items, pg.n, next);
    }
    return 0;
}

int api_case_studies(struct request *r)
{
    return list(r, LIBRARY_ITEM_CASE_STUDY);
}

int api_resources(struct request *r)
{
    return list(r, LIBRARY_ITEM_RESOURCE);
}

/* Item id as the store has it, as JSON with status: for what was just written or published. */
static int answer(struct request *r, enum library_item item, long long id, int status)
{
    struct case_study cs;
    struct resource res;
    int ret = item == LIBRARY_ITEM_CASE_STUDY ? store_case_study_get(r->st, id, r->arena, &cs)
                                              : store_resource_get(r->st, id, r->arena, &res);

    if (ret < 0) {
        return ret;
    }
    r->status = status;
    r->content_type = "application/json";
    if (item == LIBRARY_ITEM_CASE_STUDY) {
        json_case_study(r->body, &cs, 0);
    } else {
        json_resource(r->body, &res, 0);
    }
    return 0;
}

/* GET one, if the person asking may see it. */
static int show(struct request *r, enum library_item item)
{
    struct case_study cs;
    struct resource res;
    long long id;
    int ret = request_id(r, 0, &id);

    if (ret == 0) {
        ret = item == LIBRARY_ITEM_CASE_STUDY
                  ? library_case_study_read(r->st, &r->user, id, r->arena, &cs)
                  : library_resource_read(r->st, &r->user, id, r->arena, &res);
    }
    if (ret == ERR_NOT_FOUND) {
        return not_found(r, no_such(item));
    }
    return ret < 0 ? ret : answer(r, item, id, 200);
}

int api_case_study(struct request *r)
{
    return show(r, LIBRARY_ITEM_CASE_STUDY);
}

int api_resource(struct request *r)
{
    return show(r, LIBRARY_ITEM_RESOURCE);
}

/* Write case study id (0: a new one) from the body over d; answer it with status. */
static int put_case_study(struct request *r, long long id, struct case_study_draft *d, int status)
{
    struct field_error problems[LIBRARY_PROBLEMS_MAX];
    const char *field = "body", *why = "The body must be a JSON object.";
    long long made;
    size_t n;
    int ret;

    if (!r->body_in ||
        json_case_study_draft(r->body_in, r->body_in_len, r->arena, d, &field, &why) < 0) {
        return reply_problem(r, 400, "Invalid case study", why, field);
    }
    ret = library_case_study_put(r->st, &r->user, request_actor(r), id, d, r->arena, &made,
                                 problems, &n, &why);
    if (ret < 0) {
        return refused(r, ret, "Invalid case study", no_case_study, problems, n, why);
    }
    return answer(r, LIBRARY_ITEM_CASE_STUDY, made, status);
}

int api_case_study_create(struct request *r)
{
    struct case_study_draft d = {0};

    return put_case_study(r, 0, &d, 201);
}

int api_case_study_patch(struct request *r)
{
    struct case_study_draft d;
    struct case_study cs;
    long long id;
    int ret;

    if (request_id(r, 0, &id) < 0 ||
        (ret = library_case_study_read(r->st, &r->user, id, r->arena, &cs)) == ERR_NOT_FOUND) {
        return not_found(r, no_case_study);
    }
    if (ret < 0) {
        return ret;
    }
    case_study_to_draft(&cs, r->arena, &d);
    return put_case_study(r, id, &d, 200);
}

/* Whether the body is a multipart form (its fields then in q, its file in r->upload). */
static int multipart_body(struct request *r, struct query *q, int *bad)
{
    const char *type = request_header(r, "Content-Type"), *boundary;

    *bad = 0;
    if (!r->body_in || !multipart_is(type, r->arena, &boundary)) {
        return 0;
    }
    *bad = request_form(r, q) < 0;
    return 1;
}

static int put_resource(struct request *r, long long id, struct resource_draft *d, int status)
{
    struct field_error problems[LIBRARY_PROBLEMS_MAX];
    struct query q;
    const struct library_file *file = NULL;
    const char *field = "body", *why = "The body must be a JSON object.";
    long long made;
    size_t n;
    int ret, bad;

    if (multipart_body(r, &q, &bad)) {
        if (bad) {
            return reply_bad_input(r, "Invalid form", "body", &q.error);
        }
        library_resource_fields(&q, r->arena, d);
        file = library_upload(r);
    } else if (!r->body_in ||
               json_resource_draft(r->body_in, r->body_in_len, r->arena, d, &field, &why) < 0) {
        return reply_problem(r, 400, "Invalid resource", why, field);
    }
    ret = library_resource_put(r->st, &r->user, request_actor(r), id, d, file, r->arena, &made,
                               problems, &n, &why);
    if (ret < 0) {
        return refused(r, ret, "Invalid resource", no_resource, problems, n, why);
    }
    return answer(r, LIBRARY_ITEM_RESOURCE, made, status);
}

int api_resource_create(struct request *r)
{
    struct resource_draft d = {0};

    return put_resource(r, 0, &d, 201);
}

int api_resource_patch(struct request *r)
{
    struct resource_draft d;
    struct resource res;
    long long id;
    int ret;

    if (request_id(r, 0, &id) < 0 ||
        (ret = library_resource_read(r->st, &r->user, id, r->arena, &res)) == ERR_NOT_FOUND) {
        return not_found(r, no_resource);
    }
    if (ret < 0) {
        return ret;
    }
    resource_to_draft(&res, r->arena, &d);
    return put_resource(r, id, &d, 200);
}

static int publish(struct request *r, enum library_item item)
{
    long long id;
    int ret;

    if (request_id(r, 0, &id) < 0) {
        return not_found(r, no_such(item));
    }
    ret = library_publish(r->st, &r->user, request_actor(r), item, id);
    if (ret < 0) {
        return refused(r, ret,
                       item == LIBRARY_ITEM_CASE_STUDY ? "Invalid case study" : "Invalid resource",
                       no_such(item), NULL, 0, policy_library_publish_rule);
    }
    return answer(r, item, id, 200);
}

int api_case_study_publish(struct request *r)
{
    return publish(r, LIBRARY_ITEM_CASE_STUDY);
}

int api_resource_publish(struct request *r)
{
    return publish(r, LIBRARY_ITEM_RESOURCE);
}
