/*
 * The library's pages: GET /library (filtered), a case study's and a resource's page, their
 * forms (new, edit) and posts (create, update, publish), and a resource's PDF.
 */
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "library_query.h"
#include "paging.h"
#include "app/library.h"
#include "app/policy.h"
#include "view/html.h"
#include "view/page_library.h"
#include "base/err.h"
#include "base/utf8.h"
#include "base/banned.h"

#define LIBRARY_PER_PAGE 20 /* cards on a page of a list */

/* A list page: /library (the first page of both lists), /case-studies or /resources (page by
 * page), filtered. */
static int list_page(struct request *r, enum library_scope scope)
{
    struct library_view v = {0};
    struct library_filter f;
    struct field_error errs[5];
    struct case_study *cases = NULL;
    struct resource *res = NULL;
    int ret = 0;

    v.scope = scope;
    v.nerrors = library_query(&r->query, &f, errs);
    v.page = 1;
    if (scope != LIBRARY_SCOPE_ALL) {
        page_number(&r->query, &v.page, errs, &v.nerrors);
    }
    if (scope == LIBRARY_SCOPE_CASE_STUDIES) {
        f.kind = LIBRARY_CASE_STUDIES;
    } else if (scope == LIBRARY_SCOPE_RESOURCES) {
        /* resources have no theme, and the page offers none */
        f.kind = f.kind == LIBRARY_CASE_STUDIES ? LIBRARY_ANY : f.kind;
        f.theme = -1;
    }
    v.errors = errs;
    v.kind = f.kind;
    v.theme = f.theme;
    v.region = f.region;
    v.year = f.year;
    v.per_page = LIBRARY_PER_PAGE;
    v.can_write = r->user.role != ROLE_PUBLIC;
    f.limit = LIBRARY_PER_PAGE;
    f.offset = page_offset(v.page, LIBRARY_PER_PAGE);
    if (v.nerrors) {
        r->status = 400;
    } else if ((scope != LIBRARY_SCOPE_RESOURCES &&
                (ret = library_list(r->st, &r->user, LIBRARY_ITEM_CASE_STUDY, &f, r->arena, &cases,
                                    &v.ncases, &v.cases_total)) < 0) ||
               (scope != LIBRARY_SCOPE_CASE_STUDIES &&
                (ret = library_list(r->st, &r->user, LIBRARY_ITEM_RESOURCE, &f, r->arena, &res,
                                    &v.nresources, &v.resources_total)) < 0)) {
        return ret;
    }
    v.cases = cases;
    v.resources = res;
    r->content_type = "text/html; charset=utf-8";
    view_library_page(r->body, &v, request_viewer(r));
    return 0;
}

int page_library(struct request *r)
{
    return list_page(r, LIBRARY_SCOPE_ALL);
}

int page_case_studies(struct request *r)
{
    return list_page(r, LIBRARY_SCOPE_CASE_STUDIES);
}

int page_resources(struct request *r)
{
    return list_page(r, LIBRARY_SCOPE_RESOURCES);
}

/* The flags of an item's page for the person asking. */
static int page_flags(struct request *r, long long compact_id, enum library_status status,
                      const char *author, unsigned *flags)
{
    int ret = policy_library_edit(r->st, &r->user, compact_id, status, author, compact_id);

    if (ret < 0 && ret != ERR_FORBIDDEN) {
        return ret;
    }
    *flags = (ret == 0 && r->user.role != ROLE_PUBLIC ? LIBRARY_PAGE_EDIT : 0u) |
             (status == LIBRARY_DRAFT && policy_library_publish(&r->user) == 0 &&
                      r->user.role != ROLE_PUBLIC
                  ? LIBRARY_PAGE_PUBLISH
                  : 0u) |
             (query_get(&r->query, "saved") ? LIBRARY_PAGE_DONE : 0u);
    return 0;
}

/* A case study's or a resource's page, if the person asking may see it. */
static int one_page(struct request *r, enum library_item item)
{
    struct case_study cs;
    struct resource res;
    unsigned flags;
    long long id;
    int ret;

    if ((ret = request_id(r, 0, &id)) < 0 ||
        (ret = item == LIBRARY_ITEM_CASE_STUDY
                   ? library_case_study_read(r->st, &r->user, id, r->arena, &cs)
                   : library_resource_read(r->st, &r->user, id, r->arena, &res)) < 0 ||
        (ret = item == LIBRARY_ITEM_CASE_STUDY
                   ? page_flags(r, cs.compact_id, cs.status, cs.created_by, &flags)
                   : page_flags(r, res.compact_id, res.status, res.created_by, &flags)) < 0) {
        return ret;
    }
    r->content_type = "text/html; charset=utf-8";
    if (item == LIBRARY_ITEM_CASE_STUDY) {
        view_case_study_page(r->body, &cs, flags, request_viewer(r));
    } else {
        view_resource_page(r->body, &res, flags, request_viewer(r));
    }
    return 0;
}

int page_case_study(struct request *r)
{
    return one_page(r, LIBRARY_ITEM_CASE_STUDY);
}

int page_resource(struct request *r)
{
    return one_page(r, LIBRARY_ITEM_RESOURCE);
}

/* 303 to what was saved: PATH/ID?saved=1. */
static int to_saved(struct request *r, const char *path, long long id)
{
    char *location = arena_alloc(r->arena, 64);
    int n = snprintf(location, 64, "%s/%lld?saved=1", path, id);

    return n > 0 && n < 64 ? reply_redirect(r, location) : ERR_INVALID;
}

static int case_study_form(struct request *r, int status, long long id, const char *title,
                           const struct case_study_draft *d, const struct field_error *errors,
                           size_t n)
{
    struct case_study_form_view v = {id, title, d, errors, n};

    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    view_case_study_form_page(r->body, &v, request_viewer(r));
    return 0;
}

int page_case_study_new(struct request *r)
{
    struct case_study_draft d = {0};

    d.compact = query_get(&r->query, "compact");
    return case_study_form(r, 200, 0, NULL, &d, NULL, 0);
}

int page_case_study_edit(struct request *r)
{
    struct case_study_draft d;
    struct case_study cs;
    long long id;
    int ret;

    if ((ret = request_id(r, 0, &id)) < 0 ||
        (ret = library_case_study_read(r->st, &r->user, id, r->arena, &cs)) < 0) {
        return ret;
    }
    if (policy_library_edit(r->st, &r->user, cs.compact_id, cs.status, cs.created_by,
                            cs.compact_id) < 0) {
        return reply_error(r, 403, policy_library_edit_rule);
    }
    case_study_to_draft(&cs, r->arena, &d);
    return case_study_form(r, 200, id, cs.title, &d, NULL, 0);
}

/* Write the case study the form sent (id 0: a new one). */
static int case_study_post(struct request *r, long long id)
{
    struct field_error problems[LIBRARY_PROBLEMS_MAX];
    struct case_study_draft d = {0};
    struct case_study cs;
    struct query q;
    const char *why;
    long long made;
    size_t n;
    int ret;

    if (request_form(r, &q) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    library_case_study_fields(&q, r->arena, &d);
    ret = library_case_study_put(r->st, &r->user, request_actor(r), id, &d, r->arena, &made,
                                 problems, &n, &why);
    if (ret == ERR_INVALID && n) {
        const char *title = NULL;
        if (id && store_case_study_get(r->st, id, r->arena, &cs) == 0) {
            title = cs.title;
        }
        return case_study_form(r, 400, id, title, &d, problems, n);
    }
    if (ret == ERR_FORBIDDEN) {
        return reply_error(r, 403, why);
    }
    return ret < 0 ? ret : to_saved(r, "/case-studies", made);
}

int page_case_study_create(struct request *r)
{
    return case_study_post(r, 0);
}

int page_case_study_update(struct request *r)
{
    long long id;
    int ret = request_id(r, 0, &id);

    return ret < 0 ? ret : case_study_post(r, id);
}

static int publish(struct request *r, enum library_item item, const char *path)
{
    long long id;
    int ret = request_id(r, 0, &id);

    if (ret == 0) {
        ret = library_publish(r->st, &r->user, request_actor(r), item, id);
    }
    if (ret == ERR_FORBIDDEN) {
        return reply_error(r, 403, policy_library_publish_rule);
    }
    if (ret == ERR_CONFLICT) {
        ret = 0; /* published already: its page says so */
    }
    return ret < 0 ? ret : to_saved(r, path, id);
}

int page_case_study_publish(struct request *r)
{
    return publish(r, LIBRARY_ITEM_CASE_STUDY, "/case-studies");
}

int page_resource_publish(struct request *r)
{
    return publish(r, LIBRARY_ITEM_RESOURCE, "/resources");
}

static int resource_form(struct request *r, int status, long long id, const char *title,
                         const char *file_name, const struct resource_draft *d,
                         const struct field_error *errors, size_t n)
{
    struct resource_form_view v = {id, title, d, file_name, errors, n};

    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    view_resource_form_page(r->body, &v, request_viewer(r));
    return 0;
}

int page_resource_new(struct request *r)
{
    struct resource_draft d = {0};

    d.compact = query_get(&r->query, "compact");
    return resource_form(r, 200, 0, NULL, NULL, &d, NULL, 0);
}

int page_resource_edit(struct request *r)
{
    struct resource_draft d;
    struct resource res;
    long long id;
    int ret;

    if ((ret = request_id(r, 0, &id)) < 0 ||
        (ret = library_resource_read(r->st, &r->user, id, r->arena, &res)) < 0) {
        return ret;
    }
    if (policy_library_edit(r->st, &r->user, res.compact_id, res.status, res.created_by,
                            res.compact_id) < 0) {
        return reply_error(r, 403, policy_library_edit_rule);
    }
    resource_to_draft(&res, r->arena, &d);
    return resource_form(r, 200, id, res.title, res.file_name, &d, NULL, 0);
}

static int resource_post(struct request *r, long long id)
{
    struct field_error problems[LIBRARY_PROBLEMS_MAX];
    struct resource_draft d = {0};
    struct resource res = {0};
    struct query q;
    const char *why;
    long long made;
    size_t n;
    int ret;

    if (request_form(r, &q) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    library_resource_fields(&q, r->arena, &d);
    ret = library_resource_put(r->st, &r->user, request_actor(r), id, &d, library_upload(r),
                               r->arena, &made, problems, &n, &why);
    if (ret == ERR_INVALID && n) {
        if (id && store_resource_get(r->st, id, r->arena, &res) < 0) {
            res.title = NULL;
        }
        return resource_form(r, 400, id, res.title, res.file_name, &d, problems, n);
    }
    if (ret == ERR_FORBIDDEN) {
        return reply_error(r, 403, why);
    }
    return ret < 0 ? ret : to_saved(r, "/resources", made);
}

int page_resource_create(struct request *r)
{
    return resource_post(r, 0);
}

int page_resource_update(struct request *r)
{
    long long id;
    int ret = request_id(r, 0, &id);

    return ret < 0 ? ret : resource_post(r, id);
}

/*
 * Content-Disposition: attachment with name (made safe when stored: no path, quotes or control
 * characters): filename= its ASCII letters (others as '_'), and filename*= the whole name in
 * UTF-8, %-encoded (RFC 6266, RFC 8187) when it is not all ASCII.
 */
static const char *disposition(struct request *r, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    struct buf b = BUF_INIT;
    const char *out;
    int ascii = 1;

    buf_adds(&b, "attachment; filename=\"");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p >= 0x80) {
            ascii = 0;
        }
        buf_addc(&b, *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' ? (char)*p : '_');
    }
    buf_adds(&b, "\"");
    if (!ascii) {
        buf_adds(&b, "; filename*=UTF-8''");
        for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
            if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                strchr("!#$&+-.^_`|~", *p)) {
                buf_addc(&b, (char)*p);
            } else {
                buf_addc(&b, '%');
                buf_addc(&b, hex[*p >> 4]);
                buf_addc(&b, hex[*p & 15]);
            }
        }
    }
    out = buf_failed(&b) ? "attachment; filename=\"document.pdf\"" : arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}

int resource_document(struct request *r)
{
    struct resource res;
    const void *data;
    const char *name;
    size_t len;
    long long id;
    int ret;

    if ((ret = request_id(r, 0, &id)) < 0 ||
        (ret = library_resource_read(r->st, &r->user, id, r->arena, &res)) < 0 ||
        (ret = store_resource_document(r->st, id, r->arena, &data, &len, &name)) < 0) {
        return ret;
    }
    r->content_type = "application/pdf";
    r->content_disposition = disposition(r, name);
    r->cache_control = "private, no-cache";
    r->static_body = data;
    r->static_len = len;
    return 0;
}
