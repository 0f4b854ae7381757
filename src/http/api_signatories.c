/* Signatories through the API: a Compact's list, signing, withdrawing, and an organisation's. */
#include <stdarg.h>
#include <string.h>

#include "compact_query.h"
#include "handlers.h"
#include "codec/json.h"
#include "codec/json_signatory.h"
#include "base/err.h"
#include "base/banned.h"

static int no_compact(struct request *r)
{
    return reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
}

/* A problem naming field, its detail made from fmt. */
static int invalid(struct request *r, int status, const char *title, const char *field,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int invalid(struct request *r, int status, const char *title, const char *field,
                   const char *fmt, ...)
{
    struct buf detail = BUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    buf_vaddf(&detail, fmt, ap);
    va_end(ap);
    reply_problem(r, status, title, arena_strdup(r->arena, detail.data), field);
    buf_release(&detail);
    return 0;
}

int api_signatories(struct request *r)
{
    struct signatory *items;
    const char *name;
    long long cid;
    size_t n;
    int ret;

    if (compact_param(r, &cid) < 0 ||
        (ret = store_compact_name(r->st, cid, r->arena, &name)) == ERR_NOT_FOUND) {
        return no_compact(r);
    }
    if (ret < 0 || (ret = store_signatory_list(r->st, cid, r->arena, &items, &n)) < 0) {
        return ret;
    }
    r->content_type = "application/json";
    json_signatory_list(r->body, items, n);
    return 0;
}

int api_signatory_add(struct request *r)
{
    struct signatory_new s = {0};
    const char *field, *why, *bad;
    long long cid, id;
    int ret;

    if ((ret = api_compact_editable(r, &cid)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (!r->body_in) {
        return reply_problem(r, 400, "Invalid signatory", "The body must be a JSON object.",
                             "body");
    }
    if (json_signatory_new(r->body_in, r->body_in_len, r->arena, &s.organisation, &s.role,
                           &s.signed_on, &s.withdrawn_on, &field, &why) < 0) {
        return reply_problem(r, 400, "Invalid signatory", why, field);
    }
    s.compact_id = cid;
    ret = store_signatory_add(r->st, &s, request_actor(r), &id, &bad);
    if (ret == ERR_NOT_FOUND && bad && !strcmp(bad, "organisation")) {
        return invalid(r, 400, "Invalid signatory", "organisation",
                       "No organisation in the register has the org-id, number or name '%s'.",
                       s.organisation);
    }
    if (ret == ERR_CONFLICT && bad && !strcmp(bad, "organisation")) {
        return invalid(r, 400, "Invalid signatory", "organisation",
                       "More than one organisation is named '%s': give its org-id or number.",
                       s.organisation);
    }
    if (ret == ERR_NOT_FOUND) {
        return no_compact(r);
    }
    if (ret == ERR_CONFLICT) {
        return reply_problem(r, 409, "Conflict",
                             "That organisation signed this Compact on that date already.",
                             "signed_on");
    }
    if (ret < 0) {
        return ret;
    }
    return reply_id(r, 201, id);
}

int api_signatory_withdraw(struct request *r)
{
    struct signatory g;
    const char *field, *why;
    char on[DATE_STRLEN + 1];
    date_t withdrawn_on;
    long long cid, id;
    int ret;

    if ((ret = api_compact_editable(r, &cid)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (request_id(r, 1, &id) < 0 ||
        (ret = store_signatory_get(r->st, cid, id, r->arena, &g)) == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Not Found", "This Compact has no signatory with that id.",
                             "sid");
    }
    if (ret < 0) {
        return ret;
    }
    if (!r->body_in || json_signatory_withdrawal(r->body_in, r->body_in_len, r->arena,
                                                 &withdrawn_on, &field, &why) < 0) {
        return reply_problem(r, 400, "Invalid withdrawal",
                             r->body_in ? why : "The body must be a JSON object.",
                             r->body_in ? field : "body");
    }
    if (g.withdrawn_on) {
        date_format(g.withdrawn_on, on);
        return invalid(r, 409, "Conflict", "withdrawn_on",
                       "The organisation withdrew from this Compact already, on %s.", on);
    }
    if (withdrawn_on <= g.signed_on) {
        date_format(g.signed_on, on);
        return invalid(r, 400, "Invalid withdrawal", "withdrawn_on",
                       "withdrawn_on must be after the date the organisation signed, %s.", on);
    }
    ret = store_signatory_withdraw(r->st, cid, id, withdrawn_on, request_actor(r));
    if (ret == ERR_CONFLICT || ret == ERR_INVALID) { /* changed since it was read */
        return reply_problem(r, ret == ERR_CONFLICT ? 409 : 400, "Invalid withdrawal",
                             "The signatory changed meanwhile: read it again.", "withdrawn_on");
    }
    if (ret < 0) {
        return ret;
    }
    return reply_id(r, 200, id);
}

int api_organisation_signatories(struct request *r)
{
    struct signatory *items;
    size_t n;
    int ret;

    ret = store_signatory_list_by_organisation(r->st, r->params[0], r->arena, &items, &n);
    if (ret == ERR_NOT_FOUND || ret == ERR_CONFLICT) {
        return reply_problem(r, 404, "Not Found",
                             "There is no organisation with that org-id or number.", "id");
    }
    if (ret < 0) {
        return ret;
    }
    r->content_type = "application/json";
    json_signatory_list(r->body, items, n);
    return 0;
}
