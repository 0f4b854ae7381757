/* The Compact API: GET /api/v1/compacts (a list) and its .csv variant, GET and PATCH
 * /api/v1/compacts/{id}, and POST /api/v1/compacts/{id}/status. */
#include "compact_query.h"
#include "handlers.h"
#include "paging.h"
#include "app/policy.h"
#include "codec/json.h"
#include "codec/json_in.h"
#include "base/err.h"
#include "base/banned.h"

int api_compacts_list(struct request *r)
{
    struct compact_filter f;
    struct field_error errs[COMPACT_QUERY_ERRORS];
    struct compact_summary *items;
    struct page pg;
    const char *next;
    int ret;

    if (compact_query(r, 1, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    page_begin(&pg, &f.limit);
    if ((ret = store_compact_page(r->st, &f, r->arena, &items, &pg.n, &pg.total)) < 0) {
        return ret;
    }
    next = page_more(&pg) ? page_cursor(r->arena, items[pg.n - 1].id) : NULL;
    r->content_type = "application/json";
    json_compact_list(r->body, pg.total, items, pg.n, next);
    return 0;
}

/* Every Compact the filters match, whatever the limit or cursor, as the list's pages. */
int api_compacts_csv(struct request *r)
{
    struct compact_filter f;
    struct field_error errs[COMPACT_QUERY_ERRORS];
    struct compact_summary *items;
    size_t n;
    int ret;

    if (compact_query(r, 0, &f, errs)) {
        return reply_bad_query(r, &errs[0]);
    }
    if ((ret = store_compact_list(r->st, &f, r->arena, &items, &n)) < 0) {
        return ret;
    }
    r->content_type = "text/csv; charset=utf-8";
    csv_compact_list(r->body, items, n);
    return 0;
}

static int not_found(struct request *r)
{
    return reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
}

int api_compact(struct request *r)
{
    struct compact_entry e;
    long long id;
    int ret;

    if (compact_param(r, &id) < 0 ||
        (ret = store_compact_get(r->st, id, r->arena, &e)) == ERR_NOT_FOUND) {
        return not_found(r);
    }
    if (ret < 0) {
        return ret;
    }
    if (policy_compact_coordinators(&r->user) < 0) {
        e.ncoordinators = 0; /* who signs in is not for everyone to see */
    }
    r->content_type = "application/json";
    r->cache_day = date_today(); /* its status and review are as of today */
    json_compact(r->body, &e, r->cache_day);
    return 0;
}

static int invalid(struct request *r, const char *title, const char *field, const char *why)
{
    struct buf detail = BUF_INIT;

    buf_addf(&detail, "%s: %s", field ? field : "body", why ? why : "is not valid.");
    reply_problem(r, 400, title, arena_strdup(r->arena, detail.data), field ? field : "body");
    buf_release(&detail);
    return 0;
}

/* The Compact's whole entry after a change, with status. */
static int reply_entry(struct request *r, long long id, int status)
{
    struct compact_entry e;
    int ret = store_compact_get(r->st, id, r->arena, &e);

    if (ret < 0) {
        return ret;
    }
    r->status = status;
    r->content_type = "application/json";
    json_compact(r->body, &e, date_today());
    return 0;
}

int api_compact_patch(struct request *r)
{
    struct compact_patch *p = arena_alloc(r->arena, sizeof(*p));
    const char *field, *why;
    long long id;
    int ret;

    if ((ret = api_compact_editable(r, &id)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (!r->body_in) {
        return invalid(r, "Invalid Compact", "body", "The body must be a JSON object.");
    }
    if (json_compact_patch(r->body_in, r->body_in_len, policy_compact_admin_fields(&r->user) == 0,
                           r->arena, p, &field, &why) < 0) {
        return invalid(r, "Invalid Compact", field, why);
    }
    /* An empty change changes nothing, and is not audited. */
    ret =
        p->fields ? store_compact_patch(r->st, id, p, request_actor(r), r->arena, &field, &why) : 0;
    if (ret == ERR_NOT_FOUND && field) {
        return invalid(r, "Invalid Compact", field,
                       "names something the register does not have (an authority, a code of "
                       "practice of this Compact or a coordinator's account).");
    }
    if (ret == ERR_NOT_FOUND) {
        return not_found(r);
    }
    if (ret == ERR_INVALID) {
        return invalid(r, "Invalid Compact", field, why);
    }
    return ret < 0 ? ret : reply_entry(r, id, 200);
}

int api_compact_status(struct request *r)
{
    struct status_change s;
    const char *field, *why;
    long long id;
    int ret;

    if ((ret = api_compact_editable(r, &id)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (!r->body_in ||
        json_status_change(r->body_in, r->body_in_len, r->arena, &s, &field, &why) < 0) {
        return invalid(r, "Invalid status", r->body_in ? field : "body",
                       r->body_in ? why : "The body must be a JSON object.");
    }
    ret = store_compact_status_add(r->st, id, s.status, s.date, request_actor(r));
    if (ret == ERR_INVALID) {
        return invalid(r, "Invalid status", "date",
                       "date must be later than the date of the Compact's last status.");
    }
    if (ret == ERR_NOT_FOUND) {
        return not_found(r);
    }
    return ret < 0 ? ret : reply_entry(r, id, 201);
}
