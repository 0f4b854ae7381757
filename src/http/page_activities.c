/*
 * Recording a check and the recorded activity's pages: the offer on a result page, the record
 * form (POST /checks/{kind}/record), /compacts/{id}/activities/{n} (printable), its change
 * form and its withdrawal.
 */
#include <stdio.h>
#include <string.h>

#include "activity_form.h"
#include "compact_query.h"
#include "handlers.h"
#include "org_pick.h"
#include "app/activity.h"
#include "app/check.h"
#include "app/policy.h"
#include "codec/json_check.h"
#include "core/norm.h"
#include "view/activities.h"
#include "view/html.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

#define DETAILS_MAX_ERRORS 6

/* A form of an activity's own values as read, with what to show again. */
struct details_form {
    struct activity_form_view v;
    struct activity_details d;
    struct field_error errs[DETAILS_MAX_ERRORS];
};

static void add_error(struct details_form *f, const char *field, const char *msg)
{
    if (f->v.nerrors < DETAILS_MAX_ERRORS) {
        f->errs[f->v.nerrors++] = (struct field_error){field, msg};
    }
    f->v.errors = f->errs;
}

/* The Compact id as given (a form's or a query's), or 0. */
static long long compact_id_of(const char *s)
{
    long long id;
    return num_whole(s, 1, 9007199254740991LL, &id) == 0 ? id : 0;
}

int activity_record_offer(struct request *r, enum activity_kind k, const char *compact,
                          const char *answers, struct record_offer *out)
{
    long long cid = compact_id_of(compact);
    const char *own_org;
    int ret;

    memset(out, 0, sizeof(*out));
    out->kind = k;
    out->answers = answers;
    if (cid && (ret = store_compact_name(r->st, cid, r->arena, &out->compact_name)) < 0 &&
        ret != ERR_NOT_FOUND) {
        return ret;
    }
    if (r->user.role == ROLE_PUBLIC) {
        out->state = RECORD_SIGN_IN;
    } else if (!out->compact_name) {
        out->state = RECORD_NO_COMPACT;
    } else if ((ret = policy_activity_write(r->st, &r->user, cid, &own_org)) == ERR_FORBIDDEN) {
        out->state = RECORD_NOT_ALLOWED;
        out->why = policy_activity_write_rule;
    } else if (ret < 0) {
        return ret;
    } else {
        out->state = RECORD_OFFERED;
    }
    return 0;
}

/* The Compact of a record form: its name into f, 0; or the 400 or 403 page set (1), or an
 * error from the store. */
static int record_compact(struct request *r, const char *compact, struct details_form *f)
{
    const char *own_org;
    int ret;

    f->v.compact_id = compact_id_of(compact);
    ret = f->v.compact_id ? store_compact_name(r->st, f->v.compact_id, r->arena, &f->v.compact_name)
                          : ERR_NOT_FOUND;
    if (ret == ERR_NOT_FOUND) {
        reply_error(r, 400,
                    "Choose the local Compact to record it in: go back to the check and change "
                    "your answers.");
        return 1;
    }
    if (ret < 0) {
        return ret;
    }
    if ((ret = policy_activity_write(r->st, &r->user, f->v.compact_id, &own_org)) < 0) {
        if (ret != ERR_FORBIDDEN) {
            return ret;
        }
        reply_error(r, 403, policy_activity_write_rule);
        return 1;
    }
    return 0;
}

/* The fields of a record form that are its own, not the check's answers it carries. */
static int own_field(const char *name)
{
    static const char *const own[] = {"csrf_token",
                                      "title",
                                      "org_q",
                                      "organisation",
                                      "amount",
                                      "decision_date-day",
                                      "decision_date-month",
                                      "decision_date-year",
                                      "action"};
    for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
        if (!strcmp(own[i], name)) {
            return 1;
        }
    }
    return 0;
}

/* The check's answers in q (and its Compact) for the form to carry, and the result's query
 * string they make, into f. */
static void carry_answers(struct request *r, const struct query *q, struct details_form *f)
{
    struct hidden_field *carry = arena_alloc(r->arena, (q->n + 1) * sizeof(*carry));
    struct buf answers = BUF_INIT;

    for (size_t i = 0; i < q->n; i++) {
        if (own_field(q->params[i].name)) {
            continue;
        }
        carry[f->v.ncarry++] = (struct hidden_field){q->params[i].name, q->params[i].value};
        if (answers.len) {
            buf_addc(&answers, '&');
        }
        html_url(&answers, q->params[i].name);
        buf_addc(&answers, '=');
        html_url(&answers, q->params[i].value);
    }
    f->v.carry = carry;
    f->v.answers = arena_strdup(r->arena, answers.data);
    buf_release(&answers);
}

static int form_page(struct request *r, struct details_form *f)
{
    r->status = f->v.nerrors ? 400 : 200;
    r->content_type = "text/html; charset=utf-8";
    view_activity_form_page(r->body, &f->v, request_viewer(r));
    return 0;
}

/* Whether an activity of kind k always affects an organisation: a funding change or award. */
static int org_needed(enum activity_kind k)
{
    return k == ACTIVITY_FUNDING_CHANGE || k == ACTIVITY_FUNDING_AWARD;
}

/*
 * The organisation affected (org_pick_read) into f, with its errors: none needed but for a
 * funding change or award.
 */
static int read_org(struct request *r, const char *q, const char *chosen, int searching,
                    struct details_form *f)
{
    struct org_pick *p = arena_alloc(r->arena, sizeof(*p));
    int ret;

    memset(p, 0, sizeof(*p));
    if ((ret = org_pick_read(r, q, chosen, searching,
                             f->v.org_needed ? "Enter the name of the organisation affected, then "
                                               "choose Search"
                                             : NULL,
                             p)) < 0) {
        return ret;
    }
    f->d.org = f->v.org_id = p->org_id;
    f->v.org_name = p->org_name;
    f->v.searched = p->searched;
    f->v.matches = p->matches;
    f->v.nmatches = p->nmatches;
    if (p->choose_error) {
        add_error(f, "organisation", p->choose_error);
    }
    if (p->q_error) {
        add_error(f, "org_q", p->q_error);
    }
    return 0;
}

/*
 * The title, organisation, amount and date of the decision of form into f (its v.kind, and
 * v.org_fixed with d.org, set before), with their errors; a search of the register when the
 * person asked for one (searching) or typed a name without choosing. A funding change's
 * decision date is one of its answers too (the same fields), so the two never differ.
 */
static int read_details(struct request *r, const struct query *form, int searching,
                        struct details_form *f)
{
    static const struct date_messages decision = {"Enter the date of the decision",
                                                  "The date of the decision must be a real date"};
    const char *title = query_get(form, "title"), *q = query_get(form, "org_q"),
               *chosen = query_get(form, "organisation"), *amount = query_get(form, "amount"),
               *error = NULL;
    int ret;

    f->v.title = title;
    f->v.org_q = q;
    f->v.amount = amount;
    f->v.org_needed = org_needed(f->v.kind);
    f->d.amount_pence = ACTIVITY_NO_AMOUNT;
    if (!title || !*title) {
        add_error(f, "title", "Enter a title");
    } else if (!activity_text_valid(title, ACTIVITY_TITLE_MAX, 0)) {
        add_error(f, "title", "Enter a title of 200 characters or fewer, on one line");
    } else {
        f->d.title = title;
    }
    if (!f->v.org_fixed && (ret = read_org(r, q, chosen, searching, f)) < 0) {
        return ret;
    }
    if (activity_kind_has_amount(f->v.kind) && amount && *amount &&
        activity_amount_parse(amount, &f->d.amount_pence) < 0) {
        add_error(f, "amount", "Enter the amount in pounds, such as 12,500 or 12,500.50");
    }
    if (read_date(form, "decision_date", &decision, f->v.decision, &f->d.decision_date, &error) !=
        0) {
        add_error(f, "decision_date", error ? error : decision.blank);
    }
    if (searching) { /* a search step: only what the search says, the rest when it is sent */
        size_t kept = 0;
        for (size_t i = 0; i < f->v.nerrors; i++) {
            if (!strcmp(f->errs[i].field, "org_q") || !strcmp(f->errs[i].field, "organisation")) {
                f->errs[kept++] = f->errs[i];
            }
        }
        f->v.nerrors = kept;
    }
    return 0;
}

int activity_record_form(struct request *r, enum activity_kind k, const struct query *q)
{
    struct details_form *f = arena_alloc(r->arena, sizeof(*f));
    struct activity a;
    int ret;

    memset(f, 0, sizeof(*f));
    f->v.kind = k;
    if ((ret = record_compact(r, query_get(q, "compact"), f)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (check_answers_read(r, q, k, &a) < 0) {
        return reply_error(r, 400, "The answers are not complete: go back and check them.");
    }
    carry_answers(r, q, f);
    read_date(q, "decision_date", NULL, f->v.decision, &f->d.decision_date, NULL);
    f->v.org_needed = org_needed(k);
    return form_page(r, f);
}

/* An error of check_record or check_update about one of the form's own values: on the form
 * (1), or not one of them (0). */
static int form_field_error(struct details_form *f, const char *field, const char *why)
{
    static const struct {
        const char *field, *form, *message;
    } map[] = {
        {"title", "title", "Enter a title of 200 characters or fewer, on one line"},
        {"organisation", "org_q", "Choose the organisation from the list"},
        {"amount", "amount", "Enter the amount in pounds, such as 12,500 or 12,500.50"},
        {"decision_date", "decision_date", "The date of the decision must be a real date"},
    };
    (void)why;
    for (size_t i = 0; field && i < sizeof(map) / sizeof(map[0]); i++) {
        if (!strcmp(map[i].field, field)) {
            add_error(f, map[i].form, map[i].message);
            return 1;
        }
    }
    return 0;
}

/* Where an activity's page is, with the banner saying what was done (saved). */
static int to_activity(struct request *r, long long cid, long long id, const char *saved)
{
    struct buf loc = BUF_INIT;
    char *location;

    activity_href(&loc, cid, id);
    buf_addf(&loc, "?saved=%s", saved);
    location = arena_strdup(r->arena, loc.data);
    buf_release(&loc);
    return reply_redirect(r, location);
}

static int withdrawn_page(struct request *r)
{
    return reply_error(r, 409, "This record has been withdrawn: it is kept as it was.");
}

/* The form's own values into f: 1 when its page is to be shown again (a search step, or
 * errors), the reply set; 0 to save them; or an error from the store. */
static int read_or_show(struct request *r, const struct query *form, struct details_form *f)
{
    const char *action = query_get(form, "action");
    int searching = action && !strcmp(action, "search"), ret = read_details(r, form, searching, f);

    if (ret < 0) {
        return ret;
    }
    if (f->v.nerrors || searching) {
        form_page(r, f);
        return 1;
    }
    return 0;
}

/* After check_record or check_update answered ret: 0 when it saved; else 1 with the page that
 * says why (the form again with its error, where the fault is one of its own values), or the
 * store's error. */
static int refused(struct request *r, struct details_form *f, int ret, const char *field,
                   const char *why)
{
    struct buf msg = BUF_INIT;

    switch (ret) {
    case 0:
        return 0;
    case ERR_FORBIDDEN:
        reply_error(r, 403, why);
        return 1;
    case ERR_CONFLICT:
        withdrawn_page(r);
        return 1;
    case ERR_INVALID:
        if (form_field_error(f, field, why)) {
            form_page(r, f);
            return 1;
        }
        buf_addf(&msg, "It could not be saved: %s %s.", field ? field : "the activity",
                 why ? why : "is not right");
        reply_error(r, 400, arena_strdup(r->arena, msg.data));
        buf_release(&msg);
        return 1;
    default:
        return ret;
    }
}

int page_check_record(struct request *r)
{
    struct details_form *f = arena_alloc(r->arena, sizeof(*f));
    struct activity a;
    struct query form;
    struct buf json = BUF_INIT;
    const char *field = NULL, *why = NULL, *org_out;
    enum activity_kind k;
    long long id;
    int ret;

    memset(f, 0, sizeof(*f));
    if (activity_kind_parse(r->params[0], &k) < 0) {
        return ERR_NOT_FOUND;
    }
    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    f->v.kind = k;
    /* who may record on the Compact first: a refusal says so whatever else the form holds */
    if ((ret = record_compact(r, query_get(&form, "compact"), f)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (check_answers_read(r, &form, k, &a) < 0) {
        return reply_error(r, 400, "The answers are not complete: go back and check them.");
    }
    carry_answers(r, &form, f);
    if ((ret = read_or_show(r, &form, f)) != 0) {
        return ret < 0 ? ret : 0;
    }
    json_activity_request(&json, &a, &f->d);
    ret = check_record(r->st, &r->user, f->v.compact_id, json.data, json.len, date_today(),
                       r->arena, &id, &org_out, &field, &why);
    buf_release(&json);
    if ((ret = refused(r, f, ret, field, why)) != 0) {
        return ret < 0 ? ret : 0;
    }
    return to_activity(r, f->v.compact_id, id, "recorded");
}

/* ---- an activity's own pages ---- */

/* The route's activity, as the person asking may see it (else ERR_NOT_FOUND), its facts
 * decoded into *facts and its kind into *k. */
static int route_activity(struct request *r, struct recorded_activity *a, struct activity *facts,
                          enum activity_kind *k)
{
    long long cid, id;
    int ret;

    if (compact_param(r, &cid) < 0 || request_id(r, 1, &id) < 0) {
        return ERR_NOT_FOUND;
    }
    if ((ret = activity_read(r->st, &r->user, cid, id, r->arena, a, facts)) < 0) {
        return ret;
    }
    return activity_kind_parse(a->kind, k) < 0 ? ERR_NOT_FOUND : 0;
}

/*
 * For the routes that change an activity: the route's Compact exists and the person may write
 * its activities (policy_activity_write), 0; else the 404 or 403 page set (1), or an error.
 * Whether they may change this activity of it is route_activity's to say next.
 */
static int writable(struct request *r)
{
    const char *name, *own_org;
    long long cid;
    int ret;

    if (compact_param(r, &cid) < 0) {
        return ERR_NOT_FOUND;
    }
    if ((ret = store_compact_name(r->st, cid, r->arena, &name)) < 0 ||
        (ret = policy_activity_write(r->st, &r->user, cid, &own_org)) == 0) {
        return ret;
    }
    if (ret != ERR_FORBIDDEN) {
        return ret;
    }
    reply_error(r, 403, policy_activity_write_rule);
    return 1;
}

/* For the routes that change an activity: writable, then the route's activity as the person
 * asking may see it (route_activity), standing (a withdrawn one is the 409 page). 0; 1 with
 * the reply set; or an error. */
static int changeable(struct request *r, struct recorded_activity *a, struct activity *facts,
                      enum activity_kind *k)
{
    int ret;

    if ((ret = writable(r)) != 0 || (ret = route_activity(r, a, facts, k)) < 0) {
        return ret;
    }
    if (a->withdrawn_at) {
        withdrawn_page(r);
        return 1;
    }
    return 0;
}

/* Whether the person asking may give an activity another organisation affected (admins). */
static int may_move(struct request *r)
{
    return policy_activity_move(&r->user, "one organisation", "another") == 0;
}

int page_activity(struct request *r)
{
    static const char *const notices[] = {"recorded", "changed", "withdrawn"};
    struct activity_page_view v = {0};
    struct recorded_activity *a = arena_alloc(r->arena, sizeof(*a));
    struct activity *facts = arena_alloc(r->arena, sizeof(*facts));
    const char **numbers = arena_alloc(r->arena, RULE_COUNT * sizeof(*numbers));
    const char **paraphrases = arena_alloc(r->arena, RULE_COUNT * sizeof(*paraphrases));
    const char *saved = query_get(&r->query, "saved");
    int ret;

    if ((ret = route_activity(r, a, facts, &v.kind)) < 0 ||
        (ret = store_rule_numbers(r->st, r->arena, numbers, paraphrases)) < 0) {
        return ret;
    }
    for (size_t i = 0; saved && i < sizeof(notices) / sizeof(notices[0]); i++) {
        if (!strcmp(saved, notices[i])) {
            v.notice = notices[i];
        }
    }
    v.a = a;
    v.facts = facts;
    v.numbers = numbers;
    v.paraphrases = paraphrases;
    /* whoever may see it may change and withdraw it (policy_activity_see), while it stands */
    v.may_change = !a->withdrawn_at;
    v.may_move = v.may_change && may_move(r);
    /* checked again today, as the check's result page does, for the dates, a plan's words and
     * what can still be done from today */
    {
        struct finding *findings = arena_alloc(r->arena, RULES_MAX_FINDINGS * sizeof(*findings));
        struct params *p = arena_alloc(r->arena, sizeof(*p));
        char compact[24];
        int len = snprintf(compact, sizeof(compact), "%lld", a->compact_id);

        if (len <= 0 || (size_t)len >= sizeof(compact)) {
            return ERR_INVALID;
        }
        v.as_of = date_today();
        if ((ret = check_against_compact(r->st, compact, facts, v.as_of, RULES_DATES_LONG, p,
                                         findings, &v.nfindings, &v.overall)) < 0 &&
            ret != ERR_INVALID) { /* a date out of range: no findings, "Not known" */
            return ret;
        }
        v.findings = findings;
        v.params = p;
        v.planned = rules_planned(facts, v.as_of) == 1;
    }
    for (size_t i = 0; !a->withdrawn_at && !v.planned && i < v.nfindings; i++) {
        if (v.findings[i].verdict == VERDICT_BREACH) {
            struct buf href = BUF_INIT;
            buf_addf(&href, "/compacts/%lld/complaints/new?activity=%lld", a->compact_id, a->id);
            v.complain_href = arena_strdup(r->arena, href.data);
            buf_release(&href);
            break;
        }
    }
    r->content_type = "text/html; charset=utf-8";
    view_activity_page(r->body, &v, request_viewer(r));
    return 0;
}

/* The change form's values from the stored activity a, before the form's own. */
static void edit_form_start(struct request *r, const struct recorded_activity *a,
                            enum activity_kind k, struct details_form *f)
{
    memset(f, 0, sizeof(*f));
    f->v.kind = k;
    f->v.compact_id = a->compact_id;
    f->v.compact_name = a->compact_name;
    f->v.activity_id = a->id;
    f->v.org_fixed = !may_move(r);
    f->d.org = f->v.org_id = a->details.org;
    f->v.org_name = a->org_name;
}

int page_activity_edit(struct request *r)
{
    struct details_form *f = arena_alloc(r->arena, sizeof(*f));
    struct recorded_activity a;
    struct activity facts;
    enum activity_kind k;
    int ret;

    if ((ret = changeable(r, &a, &facts, &k)) != 0) {
        return ret < 0 ? ret : 0;
    }
    edit_form_start(r, &a, k, f);
    f->v.title = a.details.title;
    if (a.details.amount_pence != ACTIVITY_NO_AMOUNT) {
        char amount[32];
        norm_amount_format(a.details.amount_pence, amount);
        f->v.amount = arena_strdup(r->arena, amount);
    }
    if (a.details.decision_date) {
        int v[3];
        date_to_ymd(a.details.decision_date, &v[2], &v[1], &v[0]);
        for (int i = 0; i < 3; i++) {
            struct buf b = BUF_INIT;
            buf_addf(&b, "%d", v[i]);
            f->v.decision[i] = arena_strdup(r->arena, b.data);
            buf_release(&b);
        }
    }
    return form_page(r, f);
}

int page_activity_update(struct request *r)
{
    struct details_form *f = arena_alloc(r->arena, sizeof(*f));
    struct recorded_activity a;
    struct activity facts;
    struct query form;
    struct buf json = BUF_INIT;
    const char *field = NULL, *why = NULL;
    enum activity_kind k;
    int ret;

    if ((ret = changeable(r, &a, &facts, &k)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    edit_form_start(r, &a, k, f);
    if ((ret = read_or_show(r, &form, f)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (k == ACTIVITY_FUNDING_CHANGE) { /* its decision date is one of its answers too */
        facts.decision_date = (struct fact_date){FACT_SET, f->d.decision_date};
    }
    json_activity_request(&json, &facts, &f->d);
    ret = check_update(r->st, &r->user, a.compact_id, a.id, json.data, json.len, date_today(),
                       r->arena, &field, &why);
    buf_release(&json);
    if ((ret = refused(r, f, ret, field, why)) != 0) {
        return ret < 0 ? ret : 0;
    }
    return to_activity(r, a.compact_id, a.id, "changed");
}

static int withdraw_page(struct request *r, const struct activity_withdraw_view *v)
{
    r->status = v->nerrors ? 400 : 200;
    r->content_type = "text/html; charset=utf-8";
    view_activity_withdraw_page(r->body, v, request_viewer(r));
    return 0;
}

int page_activity_withdraw_form(struct request *r)
{
    struct activity_withdraw_view v = {0};
    struct recorded_activity a;
    enum activity_kind k;
    int ret;

    if ((ret = changeable(r, &a, NULL, &k)) != 0) {
        return ret < 0 ? ret : 0;
    }
    v.a = &a;
    return withdraw_page(r, &v);
}

int page_activity_withdraw(struct request *r)
{
    static struct field_error errs[2] = {
        {"reason", "Enter why it is withdrawn"},
        {"reason", "Say why it is withdrawn in 2,000 characters or fewer"},
    };
    struct activity_withdraw_view v = {0};
    struct recorded_activity a;
    struct query form;
    const char *reason, *field, *why;
    enum activity_kind k;
    int ret;

    if ((ret = changeable(r, &a, NULL, &k)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    reason = query_get(&form, "reason");
    ret = activity_withdraw(r->st, &r->user, a.compact_id, a.id, reason, &field, &why);
    switch (ret) {
    case 0:
        return to_activity(r, a.compact_id, a.id, "withdrawn");
    case ERR_INVALID:
        v.a = &a;
        v.reason = reason;
        v.errors = &errs[reason && strspn(reason, " \t\r\n") < strlen(reason) ? 1 : 0];
        v.nerrors = 1;
        return withdraw_page(r, &v);
    case ERR_FORBIDDEN:
        return reply_error(r, 403, why);
    case ERR_CONFLICT:
        return withdrawn_page(r);
    default:
        return ret;
    }
}
