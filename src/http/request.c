/* What handlers share: form bodies, the CSRF token, redirects, the actor of a write. */
#include "request.h"

#include <string.h>

#include "app/actor.h"
#include "codec/json.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

int request_id(const struct request *r, size_t i, long long *out)
{
    if (i >= r->nparams || num_whole(r->params[i], 1, 999999999999999999LL, out) < 0) {
        *out = 0;
        return ERR_NOT_FOUND;
    }
    return 0;
}

int request_form(struct request *r, struct query *form)
{
    const char *type = request_header(r, "Content-Type");
    form->n = 0;
    if (!r->body_in) {
        return 0;
    }
    if (!type || strncmp(type, "application/x-www-form-urlencoded", 33) != 0) {
        return ERR_INVALID;
    }
    return query_parse(r->body_in, r->body_in_len, r->arena, form);
}

const char *request_csrf(struct request *r)
{
    char *out;
    if (!r->session[0]) {
        return "";
    }
    out = arena_alloc(r->arena, SECRET_TEXT);
    secret_hash_text(r->key, "csrf", r->session, out);
    return out;
}

int reply_redirect(struct request *r, const char *location)
{
    buf_reset(r->body);
    r->static_body = NULL;
    r->segment = NULL;
    r->status = 303;
    r->location = location;
    r->content_type = "text/plain; charset=utf-8";
    buf_adds(r->body, "See Other\n");
    return 0;
}

int reply_invalid(struct request *r, const char *title, const char *field, const char *why)
{
    struct buf detail = BUF_INIT;

    buf_addf(&detail, "%s %s.", field, why);
    reply_problem(r, 400, title, arena_strdup(r->arena, detail.data), field);
    buf_release(&detail);
    return 0;
}

int reply_id(struct request *r, int status, long long id)
{
    r->status = status;
    r->content_type = "application/json";
    json_id(r->body, id);
    return 0;
}

int reply_bad_query(struct request *r, const struct field_error *e)
{
    return reply_problem(r, 400, "Invalid query parameter", e->message, e->field);
}

const char *request_actor(struct request *r)
{
    char who[ACTOR_MAX];
    return arena_strdup(r->arena, actor_name(&r->user, who));
}

const struct viewer *request_viewer(struct request *r)
{
    struct viewer *v = arena_alloc(r->arena, sizeof(*v));
    v->name = r->session[0] && r->user.role != ROLE_PUBLIC ? r->user.name : NULL;
    v->csrf = request_csrf(r);
    return v;
}
