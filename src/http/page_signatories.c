/* The signatory pages: a Compact's list, adding a signatory, recording a withdrawal. */
#include <limits.h>
#include <string.h>

#include "compact_query.h"
#include "handlers.h"
#include "app/policy.h"
#include "view/page_signatories.h"
#include "core/signatory.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

#define SIGNATORY_MAX_ERRORS 3

/* The Compact of the route and its name: ERR_NOT_FOUND when there is none. */
static int compact_of(struct request *r, long long *id, const char **name)
{
    int ret = compact_param(r, id);
    return ret < 0 ? ret : store_compact_name(r->st, *id, r->arena, name);
}

/* As compact_of, for people who may change it: 1 with the 403 page set when they may not. */
static int editable(struct request *r, long long *id, const char **name)
{
    int ret;

    if ((ret = compact_of(r, id, name)) < 0) {
        return ret;
    }
    if ((ret = policy_compact_edit(r->st, &r->user, *id)) == ERR_FORBIDDEN) {
        reply_error(r, 403, "Only an admin or a coordinator of this Compact may change it.");
        return 1;
    }
    return ret;
}

/* The signatory of the route's second parameter, of Compact cid. */
static int signatory_of(struct request *r, long long cid, struct signatory *out)
{
    long long id;

    if (request_id(r, 1, &id) < 0) {
        return ERR_NOT_FOUND;
    }
    return store_signatory_get(r->st, cid, id, r->arena, out);
}

/*
 * 303 to the Compact's signatories, saying what was done (?done=added or withdrawn, a fixed
 * key) to signatory sid (its number): the page says it with the signatory as stored, so the
 * address puts no text of its own on the page.
 */
static int redirect_to_list(struct request *r, long long cid, const char *done, long long sid)
{
    struct buf loc = BUF_INIT;
    const char *location;

    buf_addf(&loc, "/compacts/%lld/signatories?done=%s&signatory=%lld", cid, done, sid);
    location = arena_strdup(r->arena, loc.data);
    buf_release(&loc);
    return reply_redirect(r, location);
}

int page_signatories(struct request *r)
{
    struct signatories_view v = {0};
    struct signatory *items;
    const char *done = query_get(&r->query, "done");
    long long sid;
    int ret;

    if ((ret = compact_of(r, &v.compact_id, &v.compact_name)) < 0 ||
        (ret = store_signatory_list(r->st, v.compact_id, r->arena, &items, &v.n)) < 0) {
        return ret;
    }
    v.items = items;
    v.may_edit = policy_compact_edit(r->st, &r->user, v.compact_id) == 0;
    v.done = !done                        ? 0
             : !strcmp(done, "added")     ? SIGNATORY_ADDED
             : !strcmp(done, "withdrawn") ? SIGNATORY_WITHDRAWN
                                          : 0;
    if (v.done && v.may_edit &&
        num_whole(query_get(&r->query, "signatory"), 1, LLONG_MAX, &sid) == 0) {
        for (size_t i = 0; i < v.n; i++) {
            if (items[i].id == sid && (v.done == SIGNATORY_ADDED || items[i].withdrawn_on)) {
                v.done_to = &items[i];
            }
        }
    }
    r->content_type = "text/html; charset=utf-8";
    view_signatories_page(r->body, &v, request_viewer(r));
    return 0;
}

static int new_form(struct request *r, const struct signatory_form_view *v)
{
    r->status = v->nerrors ? 400 : 200;
    r->content_type = "text/html; charset=utf-8";
    view_signatory_new_page(r->body, v, request_viewer(r));
    return 0;
}

/* The first step: find the organisation (q), then choose it among those that match. */
static int find_form(struct request *r, struct signatory_find_view *v, const char *q,
                     const char *error_field, const char *error)
{
    struct field_error *errs = arena_alloc(r->arena, sizeof(*errs));
    struct organisation_filter f = {.q = query_trim(r->arena, q), .sector = -1, .type = -1};
    struct organisation *items = NULL;
    int ret;

    v->q = q;
    if (q && !f.q && !error) {
        error_field = "q";
        error = "Enter part of the organisation's name, or its org-id";
    }
    if (f.q) {
        if ((ret = store_organisation_count(r->st, &f, &v->total)) < 0) {
            return ret;
        }
        f.limit = SIGNATORY_FIND_MAX;
        if ((ret = store_organisation_list(r->st, &f, r->arena, &items, &v->n)) < 0) {
            return ret;
        }
        v->matches = items;
    }
    if (error) {
        errs[0] = (struct field_error){error_field, error};
        v->errors = errs;
        v->nerrors = 1;
    }
    r->status = error ? 400 : 200;
    r->content_type = "text/html; charset=utf-8";
    view_signatory_find_page(r->body, v, request_viewer(r));
    return 0;
}

/*
 * GET /compacts/{id}/signatories/new: without JavaScript, in steps of GET forms. First "Find the
 * organisation" (?q=), listing those of the register that match to choose from (?step=choose
 * &organisation=REF), with a link to add one that is missing; then the form of the signature,
 * the organisation chosen (?organisation=REF).
 */
int page_signatory_new(struct request *r)
{
    struct signatory_form_view v = {0};
    struct signatory_find_view find = {0};
    struct organisation *o = arena_alloc(r->arena, sizeof(*o));
    const char *ref = query_trim(r->arena, query_get(&r->query, "organisation"));
    const char *q = query_get(&r->query, "q"), *step = query_get(&r->query, "step");
    int ret;

    if ((ret = editable(r, &v.compact_id, &v.compact_name)) != 0) {
        return ret < 0 ? ret : 0;
    }
    find.compact_id = v.compact_id;
    find.compact_name = v.compact_name;
    if (ref && (ret = store_organisation_get(r->st, ref, r->arena, o)) == 0) {
        v.org = o;
        return new_form(r, &v);
    }
    if (ref && ret != ERR_NOT_FOUND) {
        return ret;
    }
    if (ref || (step && !strcmp(step, "choose"))) {
        return find_form(r, &find, q ? q : "", "organisation",
                         ref ? "That organisation is not in the register: search again"
                             : "Choose the organisation that signed, or search again");
    }
    return find_form(r, &find, q, NULL, NULL);
}

int page_signatory_add(struct request *r)
{
    static const struct date_messages signed_on = {
        "Enter the date the organisation signed",
        "The date it signed must be a real date, for example 27 3 2012"};
    struct field_error errs[SIGNATORY_MAX_ERRORS];
    struct signatory_form_view v = {.errors = errs};
    struct signatory_new s = {0};
    struct organisation org;
    struct query form;
    const char *bad, *why;
    long long id;
    int ret;

    if ((ret = editable(r, &v.compact_id, &v.compact_name)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    v.organisation = query_get(&form, "organisation");
    v.role = query_get(&form, "role");
    if (v.organisation && *v.organisation &&
        store_organisation_get(r->st, v.organisation, r->arena, &org) == 0) {
        v.org = &org; /* the one chosen in the first step: shown as chosen again */
    }
    if (!v.organisation || !*v.organisation) {
        errs[v.nerrors++] =
            (struct field_error){"organisation", "Enter the organisation's org-id or its name"};
    }
    read_date(&form, "signed_on", &signed_on, v.date, &s.signed_on, &why);
    if (why) {
        errs[v.nerrors++] = (struct field_error){"signed_on", why};
    }
    if (!v.role || !*v.role) {
        errs[v.nerrors++] = (struct field_error){"role", "Enter the role of the person who signed"};
    } else if (!signatory_role_valid(v.role)) {
        errs[v.nerrors++] =
            (struct field_error){"role", "The role must be 200 characters or fewer, on one line"};
    }
    if (v.nerrors) {
        return new_form(r, &v);
    }
    s.compact_id = v.compact_id;
    s.organisation = v.organisation;
    s.role = v.role;
    ret = store_signatory_add(r->st, &s, request_actor(r), &id, &bad);
    if (ret == ERR_NOT_FOUND && bad && !strcmp(bad, "organisation")) {
        errs[v.nerrors++] = (struct field_error){
            "organisation", "No organisation in the register has that org-id or name"};
    } else if (ret == ERR_CONFLICT && bad && !strcmp(bad, "organisation")) {
        errs[v.nerrors++] = (struct field_error){
            "organisation", "More than one organisation has that name: enter its org-id"};
    } else if (ret == ERR_CONFLICT) {
        errs[v.nerrors++] = (struct field_error){
            "signed_on", "The organisation signed this Compact on that date already"};
    } else if (ret < 0) {
        return ret;
    }
    if (v.nerrors) {
        return new_form(r, &v);
    }
    return redirect_to_list(r, v.compact_id, "added", id);
}

static int withdraw_form(struct request *r, const struct signatory_form_view *v)
{
    r->status = v->nerrors ? 400 : 200;
    r->content_type = "text/html; charset=utf-8";
    view_signatory_withdraw_page(r->body, v, request_viewer(r));
    return 0;
}

/* The Compact and its signatory, who may withdraw: 1 with the reply set when not. */
static int withdrawable(struct request *r, struct signatory_form_view *v, struct signatory *g)
{
    char on[DATE_STRLEN + 1];
    struct buf msg = BUF_INIT;
    int ret;

    if ((ret = editable(r, &v->compact_id, &v->compact_name)) != 0 ||
        (ret = signatory_of(r, v->compact_id, g)) < 0) {
        return ret;
    }
    v->signatory = g;
    if (!g->withdrawn_on) {
        return 0;
    }
    date_format(g->withdrawn_on, on);
    buf_addf(&msg, "%s withdrew from this Compact already, on %s.", g->org_name, on);
    reply_error(r, 409, arena_strdup(r->arena, msg.data));
    buf_release(&msg);
    return 1;
}

int page_signatory_withdraw_form(struct request *r)
{
    struct signatory_form_view v = {0};
    struct signatory g;
    int ret;

    if ((ret = withdrawable(r, &v, &g)) != 0) {
        return ret < 0 ? ret : 0;
    }
    return withdraw_form(r, &v);
}

int page_signatory_withdraw(struct request *r)
{
    static const struct date_messages withdrawn = {
        "Enter the date the organisation withdrew",
        "The date it withdrew must be a real date, for example 27 3 2012"};
    struct field_error errs[1];
    struct signatory_form_view v = {.errors = errs};
    struct signatory g;
    struct query form;
    struct buf msg = BUF_INIT;
    const char *why;
    char on[DATE_STRLEN + 1];
    date_t withdrawn_on;
    int ret;

    if ((ret = withdrawable(r, &v, &g)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    ret = read_date(&form, "withdrawn_on", &withdrawn, v.date, &withdrawn_on, &why);
    if (ret == 0 && withdrawn_on <= g.signed_on) {
        date_format(g.signed_on, on);
        buf_addf(&msg, "The date it withdrew must be after the date it signed, %s", on);
        errs[v.nerrors++] = (struct field_error){"withdrawn_on", arena_strdup(r->arena, msg.data)};
        buf_release(&msg);
    } else if (why) {
        errs[v.nerrors++] = (struct field_error){"withdrawn_on", why};
    }
    if (v.nerrors) {
        return withdraw_form(r, &v);
    }
    ret = store_signatory_withdraw(r->st, v.compact_id, g.id, withdrawn_on, request_actor(r));
    if (ret == ERR_CONFLICT || ret == ERR_INVALID) { /* changed since it was read */
        return reply_error(r, 409, "The signatory changed meanwhile: go back and look again.");
    }
    if (ret < 0) {
        return ret;
    }
    return redirect_to_list(r, v.compact_id, "withdrawn", g.id);
}
