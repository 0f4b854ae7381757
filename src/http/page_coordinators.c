/*
 * A Compact's coordinators on its page: GET /compacts/{id}/coordinators/new (the form),
 * POST /compacts/{id}/coordinators (add one) and POST /compacts/{id}/coordinators/remove. They
 * change the list as PATCH /api/v1/compacts/{id} does, through store_compact_patch, with the
 * same audit entry; only an admin may (policy_compact_admin_fields), on any Compact.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "compact_query.h"
#include "handlers.h"
#include "page_coordinators.h"
#include "app/policy.h"
#include "base/err.h"
#include "base/banned.h"

int page_coordinators_of(struct request *r, const struct compact_entry *e,
                         const struct coordinators_view **out)
{
    struct coordinators_view *v;
    struct user *items;
    int ret;

    *out = NULL;
    if (policy_compact_coordinators(&r->user) < 0) {
        return 0; /* who signs in is not for everyone to see */
    }
    v = arena_alloc(r->arena, sizeof(*v));
    memset(v, 0, sizeof(*v));
    if ((ret = store_user_coordinators(r->st, e->id, r->arena, &items, &v->n)) < 0) {
        return ret;
    }
    v->compact_id = e->id;
    v->compact_name = e->name;
    v->coordinators = items;
    v->may_assign = policy_compact_admin_fields(&r->user) == 0;
    *out = v;
    return 0;
}

const char *page_coordinators_notice(struct request *r)
{
    const char *done = query_get(&r->query, "done");

    if (!done || policy_compact_admin_fields(&r->user) < 0) {
        return NULL; /* only those who made the change are told it is made */
    }
    if (!strcmp(done, "coordinator-added")) {
        return "Coordinator added";
    }
    if (!strcmp(done, "coordinator-removed")) {
        return "Coordinator removed";
    }
    return NULL;
}

/* The Compact of the route, which the person asking may assign coordinators to: 0 with its
 * entry, 1 when a refusal has been sent, or an error. */
static int assignable(struct request *r, struct compact_entry *e)
{
    int ret = compact_entry_param(r, e);

    if (ret < 0) {
        return ret;
    }
    if (policy_compact_admin_fields(&r->user) < 0) {
        return reply_error(r, 403, policy_compact_admin_fields_rule) < 0 ? ERR_FORBIDDEN : 1;
    }
    return 0;
}

static int form_page(struct request *r, const struct compact_entry *e, const char *email,
                     const struct field_error *errs, size_t nerrs)
{
    const struct coordinator_form_view v = {
        .compact_id = e->id,
        .compact_name = e->name,
        .email = email,
        .errors = errs,
        .nerrors = nerrs,
    };

    r->status = nerrs ? 400 : 200;
    r->content_type = "text/html; charset=utf-8";
    view_coordinator_new_page(r->body, &v, request_viewer(r));
    return 0;
}

static int back_to_compact(struct request *r, long long id, const char *done)
{
    struct buf loc = BUF_INIT;
    const char *location;

    buf_addf(&loc, "/compacts/%lld?done=%s#coordinators", id, done);
    location = arena_strdup(r->arena, loc.data);
    buf_release(&loc);
    return reply_redirect(r, location);
}

int page_coordinator_new(struct request *r)
{
    struct compact_entry e;
    int ret = assignable(r, &e);

    if (ret != 0) {
        return ret < 0 ? ret : 0;
    }
    return form_page(r, &e, NULL, NULL, 0);
}

/* Why email cannot be added to e's coordinators, or NULL when it can: the account's state. */
static const char *refusal(struct request *r, const struct compact_entry *e, const char *email)
{
    struct user u;
    int ret;

    if (!email || !*email) {
        return "Enter the email address of a coordinator's account";
    }
    if (!email_is_valid(email)) {
        return "Enter an email address in the correct format, like name@example.org";
    }
    ret = store_user_by_email(r->st, email, r->arena, &u, NULL);
    if (ret == ERR_NOT_FOUND) {
        return "No account has that email address: check it, or ask for their account to be "
               "made first";
    }
    if (ret < 0) {
        return NULL; /* the store says what went wrong when the change is made */
    }
    if (u.role != ROLE_COORDINATOR) {
        return u.role == ROLE_ADMIN ? "That account is an admin's, not a coordinator's: an admin "
                                      "may change every Compact already"
                                    : "That account is a member's, not a coordinator's: only a "
                                      "coordinator's account can coordinate a Compact";
    }
    if (u.disabled) {
        return "That account is disabled";
    }
    for (size_t i = 0; i < e->ncoordinators; i++) {
        if (!strcasecmp(e->coordinators[i], email)) {
            return "They coordinate this Compact already";
        }
    }
    if (e->ncoordinators >= COMPACT_COORDINATORS_MAX) {
        return "A Compact has at most 16 coordinators: remove one first";
    }
    return NULL;
}

/*
 * Replace e's coordinators with its own, less drop (NULL: none) and with add (NULL: none), as
 * PATCH /api/v1/compacts/{id} does. ERR_NOT_FOUND when an account in the list is no longer an
 * enabled coordinator's: a message naming it in *why.
 */
static int set_coordinators(struct request *r, const struct compact_entry *e, const char *drop,
                            const char *add, const char **why)
{
    struct compact_patch *p = arena_alloc(r->arena, sizeof(*p));
    const char *field;
    size_t at;
    int ret;

    memset(p, 0, sizeof(*p));
    p->fields = PATCH_COORDINATORS;
    for (size_t i = 0; i < e->ncoordinators && p->ncoordinators < COMPACT_COORDINATORS_MAX; i++) {
        if (!drop || strcasecmp(e->coordinators[i], drop) != 0) {
            p->coordinators[p->ncoordinators++] = e->coordinators[i];
        }
    }
    if (add && p->ncoordinators < COMPACT_COORDINATORS_MAX) {
        p->coordinators[p->ncoordinators++] = add;
    }
    ret = store_compact_patch(r->st, e->id, p, request_actor(r), r->arena, &field, why);
    if (ret == ERR_NOT_FOUND && field && sscanf(field, "coordinators.%zu", &at) == 1 &&
        at < p->ncoordinators) {
        struct buf msg = BUF_INIT;
        buf_addf(&msg, "The account %s is not an enabled coordinator's: %s", p->coordinators[at],
                 add && at == p->ncoordinators - 1 ? "check the email address"
                                                   : "remove it from this Compact first");
        *why = arena_strdup(r->arena, msg.data);
        buf_release(&msg);
    }
    return ret;
}

/* The refusal of a change to an entry that breaks a rule of the register already (one stored
 * before the rule): nothing was changed. */
static int entry_broken(struct request *r, const char *why)
{
    struct buf msg = BUF_INIT;
    int ret;

    buf_addf(&msg, "Nothing was changed: this Compact's details need correcting first (%s).",
             why ? why : "a rule of the register");
    ret = reply_error(r, 400, arena_strdup(r->arena, msg.data));
    buf_release(&msg);
    return ret;
}

int page_coordinator_add(struct request *r)
{
    struct field_error *errs = arena_alloc(r->arena, sizeof(*errs));
    struct compact_entry e;
    struct query form;
    const char *email, *why;
    int ret = assignable(r, &e);

    if (ret != 0) {
        return ret < 0 ? ret : 0;
    }
    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    email = query_get(&form, "email");
    if ((why = refusal(r, &e, email))) {
        errs[0] = (struct field_error){"email", why};
        return form_page(r, &e, email, errs, 1);
    }
    ret = set_coordinators(r, &e, NULL, email, &why);
    if (ret == ERR_NOT_FOUND && why) { /* an account changed since it was looked at */
        errs[0] = (struct field_error){"email", why};
        return form_page(r, &e, email, errs, 1);
    }
    if (ret == ERR_INVALID) {
        return entry_broken(r, why);
    }
    return ret < 0 ? ret : back_to_compact(r, e.id, "coordinator-added");
}

int page_coordinator_remove(struct request *r)
{
    struct compact_entry e;
    struct query form;
    const char *email, *why;
    int ret = assignable(r, &e), found = 0;

    if (ret != 0) {
        return ret < 0 ? ret : 0;
    }
    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    email = query_get(&form, "email");
    for (size_t i = 0; email && i < e.ncoordinators; i++) {
        found |= !strcasecmp(e.coordinators[i], email);
    }
    if (!found) {
        return reply_error(r, 400,
                           "That person does not coordinate this Compact: nothing was "
                           "changed.");
    }
    ret = set_coordinators(r, &e, email, NULL, &why);
    if (ret == ERR_NOT_FOUND && why) {
        return reply_error(r, 400, why);
    }
    if (ret == ERR_INVALID) {
        return entry_broken(r, why);
    }
    return ret < 0 ? ret : back_to_compact(r, e.id, "coordinator-removed");
}
