/*
 * The complaints' pages (SPEC section 6): raising one (GET and POST
 * /compacts/{id}/complaints/new), a case's page and its events (/complaints/{id}), a Compact's
 * list, the statistics, and the calendar feed of due dates (/complaints/calendar/{secret}.ics)
 * with its buttons on the account page. Each decodes, calls app/cases.h, and shows.
 */
#include <stdio.h>
#include <string.h>

#include "activity_form.h"
#include "compact_query.h"
#include "handlers.h"
#include "org_pick.h"
#include "server.h"
#include "app/activity.h"
#include "app/cases.h"
#include "app/policy.h"
#include "codec/ical.h"
#include "view/activities.h"
#include "view/page_complaints.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

#define CASE_FORM_ERRORS 12
#define CASE_LIST_MAX    500 /* a Compact's cases on its page */
#define HOME_CASES_MAX   20

/* ---- from app/cases.h to the views' structs ---- */

static void to_view(struct request *r, const struct case_record *rec, struct case_view *k)
{
    struct case_view_event *ev = arena_alloc(r->arena, (rec->nevents + 1) * sizeof(*ev));

    memset(k, 0, sizeof(*k));
    for (size_t i = 0; i < rec->nevents; i++) {
        ev[i] =
            (struct case_view_event){rec->events[i].n, &rec->events[i].e, rec->events[i].by_name};
    }
    k->id = rec->id;
    k->compact_id = rec->compact_id;
    k->compact_name = rec->compact_name;
    k->complainant = rec->complainant.name ? rec->complainant.name : rec->complainant.org_id;
    k->respondent = rec->respondent.name ? rec->respondent.name : rec->respondent.org_id;
    k->title = rec->title;
    k->summary = rec->summary;
    k->aware_on = rec->aware_on;
    k->opened_on = rec->opened_on;
    k->as_of = rec->as_of;
    k->rules = rec->rules;
    k->nrules = rec->nrules;
    k->activity_id = rec->activity_id;
    k->events = ev;
    k->nevents = rec->nevents;
    k->c = &rec->c;
    k->states = rec->states;
    k->ombudsman_deadline = rec->ombudsman_deadline;
    k->window = rec->window;
}

static int rule_names(struct request *r, struct rule_names *out)
{
    const char **numbers = arena_alloc(r->arena, RULE_COUNT * sizeof(*numbers));
    const char **paraphrases = arena_alloc(r->arena, RULE_COUNT * sizeof(*paraphrases));
    int ret = store_rule_numbers(r->st, r->arena, numbers, paraphrases);

    out->numbers = numbers;
    out->paraphrases = paraphrases;
    return ret;
}

static int html_reply(struct request *r, int status)
{
    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    return 0;
}

/* The cases u may see matching f, as views, into *out. */
int complaint_views(struct request *r, const struct case_filter *f, size_t max,
                    struct case_view **out, size_t *n, size_t *total)
{
    struct case_record *recs;
    struct case_view *views;
    size_t nrecs;
    int ret;

    *out = NULL;
    *n = *total = 0;
    if ((ret = cases_list(r->st, &r->user, r->cal, f, date_today(), r->arena, &recs, &nrecs)) < 0) {
        return ret;
    }
    *total = nrecs;
    if (nrecs > max) {
        nrecs = max;
    }
    views = arena_alloc(r->arena, (nrecs + 1) * sizeof(*views));
    for (size_t i = 0; i < nrecs; i++) {
        to_view(r, &recs[i], &views[i]);
    }
    *out = views;
    *n = nrecs;
    return 0;
}

/* ---- a case's page and its events ---- */

static int case_page(struct request *r, long long id, const struct case_action_form *form,
                     const struct field_error *errs, size_t nerrs, int status)
{
    struct case_record *rec = arena_alloc(r->arena, sizeof(*rec));
    struct case_view *k = arena_alloc(r->arena, sizeof(*k));
    struct case_page_view v = {0};
    int ret;

    if ((ret = cases_read(r->st, &r->user, r->cal, id, date_today(), r->arena, rec)) < 0 ||
        (ret = rule_names(r, &v.names)) < 0) {
        return ret;
    }
    to_view(r, rec, k);
    v.k = k;
    v.actions = cases_actions(&r->user, rec);
    /* closing offered, but not with every outcome: the complainant may only withdraw it */
    v.withdraw_only = (v.actions & (1u << CEVENT_CLOSED)) &&
                      policy_case_event(&r->user, rec->complainant.org_id, rec->respondent.org_id,
                                        CEVENT_CLOSED, OUTCOME_UPHELD) < 0;
    v.today = date_today();
    v.notice = query_get(&r->query, "done");
    v.form = form;
    v.errors = errs;
    v.nerrors = nerrs;
    html_reply(r, status);
    view_case_page(r->body, &v, request_viewer(r));
    return 0;
}

int page_complaint(struct request *r)
{
    long long id;

    if (request_id(r, 0, &id) < 0) {
        return ERR_NOT_FOUND;
    }
    return case_page(r, id, NULL, NULL, 0, 200);
}

/* The form field a refusal names, for the error summary to link to. */
static const char *field_on_page(enum complaint_event_type t, const char *field)
{
    static const char *const own[] = {"to", "outcome", "causes", "remedy"};

    for (size_t i = 0; field && i < sizeof(own) / sizeof(own[0]); i++) {
        if (!strcmp(field, own[i])) {
            return own[i];
        }
    }
    if (field && !strcmp(field, "note")) {
        return case_action_field(t, 1);
    }
    return case_action_field(t, 0); /* the date, or the form itself ("type") */
}

/* The date fields STEM as "YYYY-MM-DD" (from the arena), or NULL with *bad set when they make
 * no real date. */
static const char *iso_date(struct request *r, const struct query *form, const char *stem,
                            const char *given[3], int *bad)
{
    char iso[DATE_STRLEN + 1];
    date_t d;
    int ret = read_date(form, stem, NULL, given, &d, NULL);

    *bad = ret != 0;
    if (ret != 0) {
        return NULL;
    }
    date_format(d, iso);
    return arena_strdup(r->arena, iso);
}

int page_complaint_event(struct request *r)
{
    struct case_action_form *f = arena_alloc(r->arena, sizeof(*f));
    struct field_error *err = arena_alloc(r->arena, sizeof(*err));
    struct case_event_new in = {0};
    struct case_refusal refused = {0};
    struct query form;
    const char *type, **causes;
    enum complaint_event_type t;
    long long id;
    int bad, ret;

    if (request_id(r, 0, &id) < 0) {
        return ERR_NOT_FOUND;
    }
    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    memset(f, 0, sizeof(*f));
    type = query_get(&form, "type");
    if (!type || complaint_event_parse(type, &t) < 0 || !case_action_field(t, 0)) {
        return reply_error(r, 400,
                           "Choose what happened: the form's type is not one of the "
                           "actions of a complaint.");
    }
    f->type = t;
    in.type = type;
    in.date = iso_date(r, &form, case_action_field(t, 0), f->date, &bad);
    in.note = f->note = query_trim(r->arena, query_get(&form, case_action_field(t, 1)));
    f->to = query_get(&form, "to");
    if (f->to && !strncmp(f->to, "ombudsman-", 10)) {
        in.to = "ombudsman";
        in.ombudsman = f->to + 10;
    } else {
        in.to = f->to;
    }
    in.outcome = f->outcome = query_get(&form, "outcome");
    in.remedy = f->remedy = query_trim(r->arena, query_get(&form, "remedy"));
    causes = arena_alloc(r->arena, (form.n + 1) * sizeof(*causes));
    for (size_t i = 0; i < form.n; i++) {
        if (!strcmp(form.params[i].name, "causes")) {
            causes[in.ncauses++] = form.params[i].value;
        }
    }
    in.causes = f->causes = causes;
    f->ncauses = in.ncauses;
    if (bad) {
        *err = (struct field_error){case_action_field(t, 0),
                                    "Enter the date as a real date, for example 27 3 2027"};
        return case_page(r, id, f, err, 1, 400);
    }
    ret = cases_add_event(r->st, &r->user, r->cal, id, &in, date_today(), r->arena, &refused);
    switch (ret) {
    case 0: {
        struct buf loc = BUF_INIT;
        case_href(&loc, id);
        buf_addf(&loc, "?done=%s", complaint_event_id(t));
        ret = reply_redirect(r, arena_strdup(r->arena, loc.data));
        buf_release(&loc);
        return ret;
    }
    case ERR_INVALID:
    case ERR_CONFLICT:
        *err = (struct field_error){field_on_page(t, refused.field),
                                    refused.why ? refused.why
                                                : complaint_refusal_message(refused.refusal)};
        return case_page(r, id, f, err, 1, ret == ERR_CONFLICT ? 409 : 400);
    case ERR_FORBIDDEN:
        return reply_error(r, 403, "You cannot do that on this complaint.");
    default:
        return ret;
    }
}

/* ---- raising a complaint ---- */

struct raise_form {
    struct case_form_view v;
    struct field_error errs[CASE_FORM_ERRORS];
    struct org_pick complainant, respondent;
};

static void add_error(struct raise_form *f, const char *field, const char *msg)
{
    if (f->v.nerrors < CASE_FORM_ERRORS && field && msg) {
        f->errs[f->v.nerrors++] = (struct field_error){field, msg};
    }
    f->v.errors = f->errs;
}

/* The view of an organisation question named names (its search box, its choice, its search
 * button's action) from what p picked. */
static struct org_pick_view pick_view(const struct raise_form *f, const struct org_pick *p,
                                      const char *const names[3], const char *label,
                                      const char *hint, const char *q)
{
    return (struct org_pick_view){.q_name = names[0],
                                  .choose_name = names[1],
                                  .action = names[2],
                                  .label = label,
                                  .hint = hint,
                                  .q = q,
                                  .org_id = p->org_id,
                                  .org_name = p->org_name,
                                  .searched = p->searched,
                                  .matches = p->matches,
                                  .nmatches = p->nmatches,
                                  .q_error = form_error_for(f->errs, f->v.nerrors, names[0]),
                                  .choose_error = form_error_for(f->errs, f->v.nerrors, names[1])};
}

/* The views of the two organisation questions from what was picked. */
static void pick_views(struct raise_form *f, const char *cq, const char *rq)
{
    static const char *const complainant[3] = {"complainant_q", "complainant",
                                               "search-complainant"};
    static const char *const respondent[3] = {"respondent_q", "respondent", "search-respondent"};

    f->v.complainant =
        pick_view(f, &f->complainant, complainant, "Which organisation is complaining?",
                  "Type part of its name, or its charity number, and choose "
                  "Search. Then choose it from the list.",
                  cq);
    f->v.respondent = pick_view(f, &f->respondent, respondent, "Which body is the complaint about?",
                                "The council or other body that did not keep the Compact. Type "
                                "part of its name and choose Search. Then choose it from the "
                                "list.",
                                rq);
}

static int raise_page(struct request *r, struct raise_form *f, const char *cq, const char *rq)
{
    pick_views(f, cq, rq);
    html_reply(r, f->v.nerrors ? 400 : 200);
    view_case_form_page(r->body, &f->v, request_viewer(r));
    return 0;
}

/* The route's Compact and the form's start: the complainant fixed for a member. 1 with the 403
 * page set when u may not raise a case on that Compact (policy_case_create). */
static int raise_start(struct request *r, struct raise_form *f)
{
    int ret;

    memset(f, 0, sizeof(*f));
    if (compact_param(r, &f->v.compact_id) < 0) {
        return ERR_NOT_FOUND;
    }
    if ((ret = store_compact_name(r->st, f->v.compact_id, r->arena, &f->v.compact_name)) < 0 ||
        (ret = rule_names(r, &f->v.names)) < 0) {
        return ret;
    }
    /* before the form is read: a coordinator raises cases only on the Compacts they coordinate */
    if ((ret = policy_case_create(r->st, &r->user, f->v.compact_id, NULL)) == ERR_FORBIDDEN) {
        reply_error(r, 403, policy_case_create_rule);
        return 1;
    }
    if (ret < 0) {
        return ret;
    }
    if (r->user.role == ROLE_MEMBER && r->user.org_id) {
        struct organisation o;
        f->v.complainant_fixed = 1;
        f->complainant.org_id = r->user.org_id;
        ret = store_organisation_get(r->st, r->user.org_id, r->arena, &o);
        if (ret == 0) {
            f->complainant.org_name = o.name;
        } else if (ret != ERR_NOT_FOUND) {
            return ret;
        }
    }
    return 0;
}

/* A check's answers in q (kind and the rest, as the result page had them): the rules it finds
 * in breach ticked, and the way back to its result. */
static int from_check(struct request *r, struct raise_form *f, const struct query *q)
{
    struct finding findings[RULES_MAX_FINDINGS];
    struct param_set compact = {{0}, {0}};
    struct params p;
    struct activity a;
    enum activity_kind k;
    enum verdict overall;
    const char *kind = query_get(q, "kind"), *at = strchr(r->target, '?');
    struct buf back = BUF_INIT;
    size_t n;
    char id[24];
    int len = snprintf(id, sizeof(id), "%lld", f->v.compact_id), ret;

    if (!kind || activity_kind_parse(kind, &k) < 0 || check_answers_read(r, q, k, &a) < 0) {
        return 0; /* nothing to carry */
    }
    if (len > 0 && (size_t)len < sizeof(id) &&
        (ret = store_compact_params(r->st, id, &compact)) < 0 && ret != ERR_NOT_FOUND) {
        return ret;
    }
    params_resolve(NULL, &compact, &p);
    if (rules_check_dated(&a, &p, date_today(), RULES_DATES_LONG, findings, RULES_MAX_FINDINGS, &n,
                          &overall) < 0) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        enum rule rl;
        if (findings[i].verdict == VERDICT_BREACH && rule_parse(findings[i].rule, &rl) == 0) {
            f->v.rules[rl] = 1;
        }
    }
    buf_addf(&back, "/checks/%s/result%s", activity_kind_id(k), at ? at : "");
    f->v.from = arena_strdup(r->arena, back.data);
    f->v.from_label = "The result of the check";
    buf_release(&back);
    return 0;
}

/* A recorded activity (activity=N of this Compact): it, its organisation and its breaches. */
static int from_activity(struct request *r, struct raise_form *f, const char *ref)
{
    struct recorded_activity a;
    struct buf back = BUF_INIT;
    long long id;
    int ret;

    if (!ref || num_whole(ref, 1, 9007199254740991LL, &id) < 0) {
        return 0;
    }
    ret = activity_read(r->st, &r->user, f->v.compact_id, id, r->arena, &a, NULL);
    if (ret == ERR_NOT_FOUND || ret == ERR_FORBIDDEN) {
        return 0;
    }
    if (ret < 0) {
        return ret;
    }
    f->v.activity_id = a.id;
    f->v.activity_title = a.details.title;
    for (size_t i = 0; i < a.nfindings; i++) {
        enum rule rl;
        if (!strcmp(a.findings[i].verdict, "breach") && rule_parse(a.findings[i].rule, &rl) == 0) {
            f->v.rules[rl] = 1;
        }
    }
    if (!f->v.complainant_fixed && a.details.org) {
        f->complainant.org_id = a.details.org;
        f->complainant.org_name = a.org_name;
    }
    activity_href(&back, a.compact_id, a.id);
    f->v.from = arena_strdup(r->arena, back.data);
    f->v.from_label = a.details.title ? a.details.title : "The recorded activity";
    buf_release(&back);
    return 0;
}

int page_complaint_new(struct request *r)
{
    struct raise_form *f = arena_alloc(r->arena, sizeof(*f));
    int ret;

    if ((ret = raise_start(r, f)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if ((ret = from_check(r, f, &r->query)) < 0 ||
        (ret = from_activity(r, f, query_get(&r->query, "activity"))) < 0) {
        return ret;
    }
    return raise_page(r, f, NULL, NULL);
}

/* The date fields stem of form as "YYYY-MM-DD", or an error on the field. */
static const char *form_date_iso(struct request *r, struct raise_form *f, const struct query *form,
                                 const char *stem, const char **given, const char *blank)
{
    const struct date_messages m = {blank, "Enter a real date, for example 27 3 2027"};
    const char *error = NULL;
    char iso[DATE_STRLEN + 1];
    date_t d;

    if (read_date(form, stem, &m, given, &d, &error) != 0) {
        add_error(f, stem, error ? error : blank);
        return NULL;
    }
    date_format(d, iso);
    return arena_strdup(r->arena, iso);
}

/* The page's field a refusal of cases_create names. */
static const char *create_field(const char *field)
{
    static const char *const own[] = {"title", "summary", "aware_on",    "opened_on",
                                      "stage", "rules",   "complainant", "respondent"};
    for (size_t i = 0; field && i < sizeof(own) / sizeof(own[0]); i++) {
        if (!strcmp(field, own[i])) {
            return own[i];
        }
    }
    return "title";
}

int page_complaint_create(struct request *r)
{
    struct raise_form *f = arena_alloc(r->arena, sizeof(*f));
    struct case_new in = {0};
    struct case_refusal refused = {0};
    struct query form;
    const char *action, *cq, *rq, **rules, *activity;
    int searching_c, searching_r;
    long long id;
    int ret;

    if ((ret = raise_start(r, f)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    action = query_get(&form, "action");
    searching_c = action && !strcmp(action, "search-complainant");
    searching_r = action && !strcmp(action, "search-respondent");
    cq = query_trim(r->arena, query_get(&form, "complainant_q"));
    rq = query_trim(r->arena, query_get(&form, "respondent_q"));
    f->v.title = query_get(&form, "title");
    f->v.summary = query_get(&form, "summary");
    f->v.stage = query_get(&form, "stage");
    f->v.from = query_get(&form, "from");
    if (f->v.from && (f->v.from[0] != '/' || f->v.from[1] == '/')) {
        f->v.from = NULL; /* only a path of this site */
    }
    f->v.from_label = "Back";
    rules = arena_alloc(r->arena, (form.n + 1) * sizeof(*rules));
    for (size_t i = 0; i < form.n; i++) {
        enum rule rl;
        if (!strcmp(form.params[i].name, "rules")) {
            rules[in.nrules++] = form.params[i].value;
            if (rule_parse(form.params[i].value, &rl) == 0) {
                f->v.rules[rl] = 1;
            }
        }
    }
    activity = query_get(&form, "activity");
    if (activity && *activity && (ret = from_activity(r, f, activity)) < 0) {
        return ret;
    }
    if (!f->v.complainant_fixed &&
        (ret = org_pick_read(r, cq, query_get(&form, "complainant"), searching_c,
                             "Enter the name of the organisation that is complaining, then "
                             "choose Search",
                             &f->complainant)) < 0) {
        return ret;
    }
    if ((ret = org_pick_read(r, rq, query_get(&form, "respondent"), searching_r,
                             "Enter the name of the body the complaint is about, then choose "
                             "Search",
                             &f->respondent)) < 0) {
        return ret;
    }
    add_error(f, "complainant", f->complainant.choose_error);
    add_error(f, "complainant_q", f->complainant.q_error);
    add_error(f, "respondent", f->respondent.choose_error);
    add_error(f, "respondent_q", f->respondent.q_error);
    if (searching_c || searching_r) { /* a search step: only what the search says */
        return raise_page(r, f, cq, rq);
    }
    if (!f->v.title || !*f->v.title) {
        add_error(f, "title", "Enter a title");
    }
    if (!query_trim(r->arena, f->v.summary)) {
        add_error(f, "summary", "Say what happened");
    }
    in.aware_on = form_date_iso(r, f, &form, "aware_on", f->v.aware_on,
                                "Enter the date you first knew of the problem");
    in.opened_on = form_date_iso(r, f, &form, "opened_on", f->v.opened_on,
                                 "Enter the date you raised it with the body");
    if (f->v.nerrors) {
        return raise_page(r, f, cq, rq);
    }
    in.compact_id = f->v.compact_id;
    in.complainant = f->complainant.org_id;
    in.respondent = f->respondent.org_id;
    in.title = f->v.title;
    in.summary = f->v.summary;
    in.stage = f->v.stage;
    in.rules = rules;
    in.activity_id = f->v.activity_id;
    ret = cases_create(r->st, &r->user, r->cal, &in, date_today(), r->arena, &id, &refused);
    switch (ret) {
    case 0: {
        struct buf loc = BUF_INIT;
        case_href(&loc, id);
        buf_adds(&loc, "?done=opened");
        ret = reply_redirect(r, arena_strdup(r->arena, loc.data));
        buf_release(&loc);
        return ret;
    }
    case ERR_INVALID:
    case ERR_CONFLICT:
        add_error(f, create_field(refused.field),
                  refused.why ? refused.why : complaint_refusal_message(refused.refusal));
        return raise_page(r, f, cq, rq);
    case ERR_FORBIDDEN:
        return reply_error(
            r, 403, refused.why ? refused.why : "You cannot raise a complaint on this Compact.");
    default:
        return ret;
    }
}

/* ---- lists and statistics ---- */

int page_compact_complaints(struct request *r)
{
    struct case_list_view v = {0};
    struct case_filter f = {0};
    struct case_view *cases;
    int ret;

    if (compact_param(r, &v.compact_id) < 0) {
        return ERR_NOT_FOUND;
    }
    if ((ret = store_compact_name(r->st, v.compact_id, r->arena, &v.compact_name)) < 0) {
        return ret;
    }
    v.signed_in = r->user.role != ROLE_PUBLIC;
    v.may_raise = v.signed_in;
    if (v.signed_in) {
        f.compact_id = v.compact_id;
        if ((ret = complaint_views(r, &f, CASE_LIST_MAX, &cases, &v.n, &v.total)) < 0) {
            return ret;
        }
        v.cases = cases;
    }
    html_reply(r, 200);
    view_case_list_page(r->body, &v, request_viewer(r));
    return 0;
}

static int stats_page(struct request *r, long long compact_id)
{
    struct case_stats_view v = {0};
    struct complaint_stats *s = arena_alloc(r->arena, sizeof(*s));
    struct case_stats_year *by_year;
    const char *year = query_get(&r->query, "year");
    long long y = 0;
    int *years;
    size_t nyears;
    int ret;

    v.compact_id = compact_id;
    if (compact_id &&
        (ret = store_compact_name(r->st, compact_id, r->arena, &v.compact_name)) < 0) {
        return ret;
    }
    if (year && *year && num_whole(year, 1000, 9999, &y) < 0) {
        return reply_error(r, 400, "Choose a year from the list, or every year.");
    }
    if ((ret = rule_names(r, &v.names)) < 0 ||
        (ret = cases_stats(r->st, r->cal, compact_id, 0, date_today(), r->arena, s, &years,
                           &nyears)) < 0) {
        return ret;
    }
    /* cases opened each year, oldest first, for the chart */
    by_year = arena_alloc(r->arena, (nyears + 1) * sizeof(*by_year));
    for (size_t i = 0; i < nyears; i++) {
        struct complaint_stats one;
        if ((ret = cases_stats(r->st, r->cal, compact_id, years[nyears - 1 - i], date_today(),
                               r->arena, &one, NULL, NULL)) < 0) {
            return ret;
        }
        by_year[i] = (struct case_stats_year){years[nyears - 1 - i], one.opened};
    }
    if (y && (ret = cases_stats(r->st, r->cal, compact_id, (int)y, date_today(), r->arena, s, NULL,
                                NULL)) < 0) {
        return ret;
    }
    v.year = (int)y;
    v.years = years;
    v.nyears = nyears;
    v.by_year = by_year;
    v.nby_year = nyears;
    v.s = s;
    r->cache_day = date_today();
    html_reply(r, 200);
    view_case_stats_page(r->body, &v, request_viewer(r));
    return 0;
}

int page_complaint_stats(struct request *r)
{
    return stats_page(r, 0);
}

int page_compact_complaint_stats(struct request *r)
{
    long long id;

    if (compact_param(r, &id) < 0) {
        return ERR_NOT_FOUND;
    }
    return stats_page(r, id);
}

/* ---- the calendar feed ---- */

int page_complaint_feed(struct request *r)
{
    const char *param = r->params[0];
    size_t len = param ? strlen(param) : 0;
    struct user *u = arena_alloc(r->arena, sizeof(*u));
    struct case_filter f = {.open_only = 1};
    struct case_record *recs;
    struct ical_event *events;
    size_t n, nevents = 0;
    char *secret;
    int ret;

    if (len < 5 || strcmp(param + len - 4, ".ics") != 0) {
        return ERR_NOT_FOUND;
    }
    secret = arena_strdup(r->arena, param);
    secret[len - 4] = '\0';
    if ((ret = cases_feed_user(r->st, r->key, secret, r->arena, u)) < 0) {
        return ret; /* revoked or unknown: 404 */
    }
    if ((ret = cases_list(r->st, u, r->cal, &f, date_today(), r->arena, &recs, &n)) < 0) {
        return ret;
    }
    events = arena_alloc(r->arena, (n + 1) * sizeof(*events));
    for (size_t i = 0; i < n; i++) {
        struct buf uid = BUF_INIT, summary = BUF_INIT, desc = BUF_INIT, url = BUF_INIT;
        const char *host = request_header(r, "Host");
        const struct complaint_run *run;
        char started[DATE_STRLEN + 1];
        date_t due;

        if (!complaint_due_next(&recs[i].c, &due)) {
            continue;
        }
        /* one event per stage entry: a list's record holds the current entry alone (c.nruns
         * 1), so the entry is named by its stage and the day it started */
        run = &recs[i].c.runs[recs[i].c.nruns - 1];
        date_format(run->started_on, started);
        buf_addf(&uid, "complaint-%lld-stage-%s-%s@compact-hub", recs[i].id,
                 complaint_stage_id(run->stage), started);
        buf_addf(&summary, "Response due: %s", recs[i].title);
        buf_addf(&desc, "%s about %s, %s (%s). %s.",
                 recs[i].complainant.name ? recs[i].complainant.name : "",
                 recs[i].respondent.name ? recs[i].respondent.name : "", recs[i].compact_name,
                 complaint_stage_label(complaint_current(&recs[i].c)),
                 complaint_state_label(recs[i].states[recs[i].c.nruns - 1].state));
        if (host) {
            buf_addf(&url, "%s://%s/complaints/%lld",
                     r->cfg && r->cfg->secure_cookies ? "https" : "http", host, recs[i].id);
        }
        events[nevents++] = (struct ical_event){
            arena_strdup(r->arena, uid.data), due, arena_strdup(r->arena, summary.data),
            arena_strdup(r->arena, desc.data), host ? arena_strdup(r->arena, url.data) : NULL};
        buf_release(&uid);
        buf_release(&summary);
        buf_release(&desc);
        buf_release(&url);
    }
    ical_write(r->body, "Complaints: due dates", r->now, events, nevents);
    r->content_type = "text/calendar; charset=utf-8";
    r->cache_control = "private, no-cache";
    return 0;
}

/* The feed's address for the account page, absolute: a calendar program is given it. */
const char *complaint_feed_url(struct request *r, const char *secret)
{
    const char *host = request_header(r, "Host");
    struct buf b = BUF_INIT;
    const char *out;

    buf_addf(&b, "%s://%s/complaints/calendar/%s.ics",
             r->cfg && r->cfg->secure_cookies ? "https" : "http", host ? host : "localhost",
             secret);
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}
