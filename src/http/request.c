/* What handlers share: form bodies, the CSRF token, redirects, the actor of a write. */
#include "request.h"

#include <string.h>

#include "app/actor.h"
#include "codec/json.h"
#include "view/page_error.h"
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

static int is_form(struct request *r)
{
    const char *type = request_header(r, "Content-Type"), *boundary;
    return type && (!strncmp(type, "application/x-www-form-urlencoded", 33) ||
                    multipart_is(type, r->arena, &boundary));
}

int request_form(struct request *r, struct query *form)
{
    const char *boundary;

    form->n = 0;
    form->error = (struct field_error){NULL, NULL};
    if (!r->body_in) {
        return 0;
    }
    if (!is_form(r)) {
        form->error.message = "The body must be a form (application/x-www-form-urlencoded)";
        return ERR_INVALID;
    }
    if (multipart_is(request_header(r, "Content-Type"), r->arena, &boundary)) {
        struct multipart_file *file = arena_alloc(r->arena, sizeof(*file));
        int ret = multipart_parse(boundary, r->body_in, r->body_in_len, r->arena, form, file);
        r->upload = ret == 0 && file->field ? file : NULL;
        return ret;
    }
    return query_parse(r->body_in, r->body_in_len, r->arena, form);
}

int request_form_readable(struct request *r)
{
    struct query form;

    if (!r->body_in || !is_form(r) || request_form(r, &form) == 0) {
        return 1;
    }
    reply_bad_input(r, "Invalid form", "body", &form.error);
    return 0;
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
    return reply_bad_input(r, "Invalid query parameter", "query", e);
}

int reply_bad_input(struct request *r, const char *title, const char *whole,
                    const struct field_error *e)
{
    struct field_error named = {e->field ? e->field : whole, e->message};

    if (r->is_api) {
        return reply_problem(r, 400, title, named.message, named.field);
    }
    buf_reset(r->body);
    r->static_body = NULL;
    r->segment = NULL;
    r->status = 400;
    r->content_type = "text/html; charset=utf-8";
    view_input_error_page(r->body, &named, request_viewer(r));
    return 0;
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
