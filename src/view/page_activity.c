/* A recorded activity's pages: the offer to record a check, the record and change form, the
 * activity's own page and its withdrawal. */
#include "page_activity.h"

#include <string.h>

#include "activities.h"
#include "components.h"
#include "html.h"
#include "page_check.h"
#include "core/commitments.h"
#include "base/banned.h"

/* href="PATH" for activity a, and more of the path after it (suffix, "" for none). */
static void activity_href_attr(struct buf *b, long long compact_id, long long id,
                               const char *suffix)
{
    struct buf path = BUF_INIT;

    activity_href(&path, compact_id, id);
    buf_adds(&path, suffix);
    html_lit(b, " href=\"");
    html_attr(b, path.data);
    html_lit(b, "\"");
    buf_release(&path);
}

/* The way back to a check's result: /checks/KIND/result?ANSWERS, into b (not escaped). */
static void result_path(struct buf *b, enum activity_kind k, const char *answers)
{
    buf_addf(b, "/checks/%s/result?%s", activity_kind_id(k), answers ? answers : "");
}

void view_record_offer(struct buf *b, const struct record_offer *o)
{
    struct buf path = BUF_INIT;

    html_lit(b, "<h2 class=\"govuk-heading-m\">Record it</h2>");
    switch (o->state) {
    case RECORD_SIGN_IN:
        result_path(&path, o->kind, o->answers);
        html_lit(b, "<p class=\"govuk-body\">Signing in lets you record this check, with its "
                    "findings, in ");
        if (o->compact_name) {
            html_text(b, o->compact_name);
            html_lit(b, "&#39;s");
        } else {
            html_lit(b, "a local Compact&#39;s");
        }
        html_lit(b, " record: a page you can print for a committee report, and change or "
                    "withdraw later. You come back to this result after signing in, with your "
                    "answers kept.</p><p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"/login?next=");
        html_url(b, path.data);
        html_lit(b, "\">Sign in to record it</a></p>");
        break;
    case RECORD_NO_COMPACT:
        html_lit(b, "<p class=\"govuk-body\">This check used the national Compact&#39;s "
                    "defaults. To record it, <a class=\"govuk-link\" href=\"/checks/");
        html_url(b, activity_kind_id(o->kind));
        html_lit(b, "?");
        html_attr(b, o->answers);
        html_lit(b, "#compact\">change your answers and choose the local Compact it is "
                    "for</a>.</p>");
        break;
    case RECORD_NOT_ALLOWED:
        html_lit(b, "<p class=\"govuk-body\">You cannot record it in ");
        html_text(b, o->compact_name);
        html_lit(b, ". ");
        html_text(b, o->why);
        html_lit(b, "</p>");
        break;
    case RECORD_OFFERED:
        html_lit(b, "<p class=\"govuk-body\">Keep this check and its findings in ");
        html_text(b, o->compact_name);
        html_lit(b, "&#39;s record. You give it a title, the organisation it affects and the "
                    "date of the decision on the next page.</p><a class=\"govuk-button\" "
                    "data-module=\"govuk-button\" role=\"button\" draggable=\"false\" "
                    "href=\"/checks/");
        html_url(b, activity_kind_id(o->kind));
        html_lit(b, "/record?");
        html_attr(b, o->answers);
        html_lit(b, "\">Record it in ");
        html_text(b, o->compact_name);
        html_lit(b, "</a>");
        break;
    }
    buf_release(&path);
}

/* ---- the record and change form ---- */

static const char *amount_label(enum activity_kind k)
{
    switch (k) {
    case ACTIVITY_FUNDING_CHANGE:
        return "How much funding ends or is reduced, in pounds? (optional)";
    case ACTIVITY_FUNDING_AWARD:
        return "How much is awarded, in pounds? (optional)";
    default:
        return "What is the contract worth, in pounds? (optional)";
    }
}

void view_org_pick(struct buf *b, const struct org_pick_view *p)
{
    struct form_choice stack[16];
    size_t n = 0;

    form_text_input(b, &(struct form_field){.name = p->q_name,
                                            .label = p->label,
                                            .hint = p->hint,
                                            .error = p->q_error,
                                            .value = p->q,
                                            .autocomplete = "off",
                                            .flags = FORM_BOLD | FORM_NO_SPELLCHECK});
    html_lit(b, "<button type=\"submit\" name=\"action\" value=\"");
    html_attr(b, p->action);
    html_lit(b, "\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Search</button>");
    if (p->org_id) { /* the one chosen, first */
        stack[n++] = (struct form_choice){p->org_id, p->org_name ? p->org_name : p->org_id};
    }
    for (size_t i = 0; i < p->nmatches && n < sizeof(stack) / sizeof(stack[0]); i++) {
        if (!p->org_id || strcmp(p->matches[i].org_id, p->org_id) != 0) {
            stack[n++] = (struct form_choice){p->matches[i].org_id, p->matches[i].name};
        }
    }
    if (n) {
        form_radios(b,
                    &(struct form_field){.name = p->choose_name,
                                         .label = "Choose the organisation",
                                         .hint = p->searched && p->nmatches >= 10
                                                     ? "The first 10 found: type more of the "
                                                       "name to find another"
                                                     : NULL,
                                         .error = p->choose_error,
                                         .value = p->org_id          ? p->org_id
                                                  : p->nmatches == 1 ? stack[0].value
                                                                     : NULL,
                                         .flags = FORM_BOLD},
                    stack, n);
    } else if (p->searched) {
        html_lit(b, "<p class=\"govuk-body\">No organisation in the register matches &ldquo;");
        html_text(b, p->q);
        html_lit(b, "&rdquo;. Try a shorter part of its name, or its charity number. If it is "
                    "not in the register, a coordinator can <a class=\"govuk-link\" "
                    "href=\"/organisations/new\">add it</a>.</p>");
    }
}

/* The organisation question: fixed (shown, carried), or found by name (view_org_pick). */
static void org_question(struct buf *b, const struct activity_form_view *v)
{
    if (v->org_fixed) {
        html_lit(b, "<h2 class=\"govuk-heading-s\">Organisation affected</h2>"
                    "<p class=\"govuk-body\">");
        html_text(b, v->org_name ? v->org_name : v->org_id ? v->org_id : "None named");
        html_lit(b, "</p><p class=\"govuk-hint\">Only an admin can change the organisation of a "
                    "record. If it is wrong, withdraw this record and record the check "
                    "again.</p>");
        if (v->org_id) {
            html_lit(b, "<input type=\"hidden\" name=\"organisation\" value=\"");
            html_attr(b, v->org_id);
            html_lit(b, "\">");
        }
        return;
    }
    view_org_pick(b,
                  &(struct org_pick_view){
                      .q_name = "org_q",
                      .choose_name = "organisation",
                      .action = "search",
                      .label = v->org_needed ? "Which organisation does it affect?"
                                             : "Which organisation does it affect? (optional)",
                      .hint = "Type part of its name, or its charity or company number, and choose "
                              "Search. Then choose it from the list.",
                      .q = v->org_q,
                      .org_id = v->org_id,
                      .org_name = v->org_name,
                      .searched = v->searched,
                      .matches = v->matches,
                      .nmatches = v->nmatches,
                      .q_error = form_error_for(v->errors, v->nerrors, "org_q"),
                      .choose_error = form_error_for(v->errors, v->nerrors, "organisation")});
}

void view_activity_form_page(struct buf *b, const struct activity_form_view *v,
                             const struct viewer *viewer)
{
    struct buf compact = BUF_INIT, back = BUF_INIT;
    struct crumb crumbs[3] = {{"Home", "/"}, {v->compact_name, NULL}, {NULL, NULL}};
    struct layout l = {.nav = v->activity_id ? NAV_COMPACTS : NAV_CHECKS,
                       .crumbs = crumbs,
                       .ncrumbs = 3,
                       .viewer = viewer,
                       .errors = v->errors,
                       .nerrors = v->nerrors,
                       .narrow = 1};

    buf_addf(&compact, "/compacts/%lld", v->compact_id);
    crumbs[1].href = compact.data;
    if (v->activity_id) {
        activity_href(&back, v->compact_id, v->activity_id);
        l.title = "Change the record";
        crumbs[2] =
            (struct crumb){v->title && *v->title ? v->title : "Recorded activity", back.data};
    } else {
        result_path(&back, v->kind, v->answers);
        l.title = "Record the check";
        crumbs[2] = (struct crumb){"The result of the check", back.data};
    }
    view_layout_start(b, &l);
    view_heading(b, v->compact_name, l.title);
    if (!v->activity_id) {
        html_lit(b, "<dl class=\"govuk-summary-list\">");
        summary_row(b, "Local Compact", v->compact_name);
        summary_row(b, "What was checked", activity_kind_label(v->kind));
        html_lit(b, "</dl><p class=\"govuk-body\">It is kept in ");
        html_text(b, v->compact_name);
        html_lit(b, "&#39;s record with its findings, checked again with that Compact&#39;s "
                    "numbers. To record it in another Compact, go back and change your "
                    "answers.</p>");
    }
    html_lit(b, "<form method=\"post\" action=\"");
    if (v->activity_id) {
        html_attr(b, back.data);
    } else {
        html_lit(b, "/checks/");
        html_url(b, activity_kind_id(v->kind));
        html_lit(b, "/record");
    }
    html_lit(b, "\" novalidate>");
    view_csrf_field(b, viewer);
    for (size_t i = 0; i < v->ncarry; i++) {
        html_lit(b, "<input type=\"hidden\" name=\"");
        html_attr(b, v->carry[i].name);
        html_lit(b, "\" value=\"");
        html_attr(b, v->carry[i].value);
        html_lit(b, "\">");
    }
    form_text_input(
        b, &(struct form_field){.name = "title",
                                .label = "Title",
                                .hint = "A short name a committee will recognise, such as: End of "
                                        "the advice centre grant",
                                .error = form_error_for(v->errors, v->nerrors, "title"),
                                .value = v->title,
                                .flags = FORM_BOLD});
    org_question(b, v);
    if (activity_kind_has_amount(v->kind)) {
        form_text_input(
            b, &(struct form_field){.name = "amount",
                                    .label = amount_label(v->kind),
                                    .hint = "For example, 12,500 or 12,500.50",
                                    .error = form_error_for(v->errors, v->nerrors, "amount"),
                                    .value = v->amount,
                                    .classes = "govuk-input--width-10",
                                    .flags = FORM_BOLD});
    }
    form_date(b,
              &(struct form_field){
                  .name = "decision_date",
                  .label = "When is the decision made?",
                  .hint = v->kind == ACTIVITY_FUNDING_CHANGE
                              ? "The date it is made, or was made: the check counts it too. For "
                                "example, 27 3 2027"
                              : "The date it is made, or was made. For example, 27 3 2027",
                  .error = form_error_for(v->errors, v->nerrors, "decision_date"),
                  .flags = FORM_BOLD},
              v->decision);
    if (v->activity_id) {
        form_buttons(b, "Save the changes", back.data);
    } else {
        struct buf label = BUF_INIT;
        buf_addf(&label, "Record it in %s", v->compact_name);
        html_lit(b, "<div class=\"govuk-button-group\"><button type=\"submit\" name=\"action\" "
                    "value=\"record\" class=\"govuk-button\" data-module=\"govuk-button\">");
        html_text(b, label.data);
        html_lit(b, "</button><a class=\"govuk-link\"");
        html_lit(b, " href=\"");
        html_attr(b, back.data);
        html_lit(b, "\">Back to the result</a></div>");
        buf_release(&label);
    }
    html_lit(b, "</form>");
    view_layout_end(b, &l);
    buf_release(&compact);
    buf_release(&back);
}

/* ---- the activity's page ---- */

/* The date part of a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" as people read it. */
static void timestamp_date(struct buf *b, const char *at)
{
    date_t d;

    if (at && strlen(at) >= DATE_STRLEN && date_parse(at, DATE_STRLEN, &d) == 0) {
        html_date(b, d);
    } else if (at) {
        html_text(b, at);
    }
}

/* Who an actor was: their name, "the command line", or "someone". */
static void actor_text(struct buf *b, const char *actor, const char *name)
{
    if (name && *name) {
        html_text(b, name);
    } else if (actor && !strcmp(actor, "cli")) {
        html_lit(b, "the command line");
    } else {
        html_lit(b, "someone no longer here");
    }
}

static const char *title_of(const struct recorded_activity *a, enum activity_kind k)
{
    return a->details.title && *a->details.title ? a->details.title : activity_kind_label(k);
}

/* The answer to question q of activity a, in words. */
static void answer_text(struct buf *b, const struct check_question *q, const struct activity *a)
{
    const struct fact_def *d = activity_fact(a->kind, q->fact);
    const char *at;

    if (!strcmp(q->fact, "change")) {
        const char *id = a->change != CHANGE_UNSET ? funding_change_id(a->change) : NULL;
        for (size_t i = 0; id && q->choices && q->choices[i].value; i++) {
            if (!strcmp(q->choices[i].value, id)) {
                html_text(b, q->choices[i].label);
                return;
            }
        }
        html_lit(b, "Not known");
        return;
    }
    if (!d) {
        return;
    }
    at = (const char *)a + d->offset;
    switch (q->type) {
    case Q_DATE: {
        const struct fact_date *f = (const struct fact_date *)(const void *)at;
        if (f->state == FACT_SET) {
            html_date(b, f->value);
        } else {
            html_text(b, f->state == FACT_NULL ? (q->none ? q->none : "It has not happened")
                                               : "Not known");
        }
        return;
    }
    case Q_YES_NO: {
        const struct fact_bool *f = (const struct fact_bool *)(const void *)at;
        html_text(b, f->state == FACT_SET ? (f->value ? "Yes" : "No") : "Not known");
        return;
    }
    case Q_TEXT:
    case Q_CHOICE: {
        const struct fact_text *f = (const struct fact_text *)(const void *)at;
        const char *shown = f->state == FACT_SET ? f->value : NULL;
        for (size_t i = 0; shown && q->choices && q->choices[i].value; i++) {
            if (!strcmp(q->choices[i].value, shown)) {
                shown = q->choices[i].label;
                break;
            }
        }
        html_text(b, shown ? shown : q->type == Q_TEXT ? "None given" : "Not known");
        return;
    }
    }
}

/* The row of one of the activity's own values, with its "Change" link when it may be. */
static void detail_row_end(struct buf *b, const struct activity_page_view *v, const char *field,
                           const char *what)
{
    struct buf href = BUF_INIT;

    if (v->may_change) {
        activity_href(&href, v->a->compact_id, v->a->id);
        buf_addf(&href, "/edit#%s", field);
    }
    summary_row_end(b, v->may_change ? href.data : NULL, what);
    buf_release(&href);
}

static void notice_banner(struct buf *b, const struct activity_page_view *v)
{
    const struct recorded_activity *a = v->a;

    banner_start(b, 1);
    html_lit(b, "<p class=\"govuk-notification-banner__heading\">");
    if (!strcmp(v->notice, "recorded")) {
        html_lit(b, "Recorded in ");
        html_text(b, a->compact_name);
        html_lit(b, "</p><p class=\"govuk-body\">&ldquo;");
        html_text(b, title_of(a, v->kind));
        html_lit(b, "&rdquo; and its findings are now in ");
        html_text(b, a->compact_name);
        html_lit(b, "&#39;s record and count in its compliance figures.</p>");
    } else if (!strcmp(v->notice, "changed")) {
        html_lit(b, "Your changes have been saved</p><p class=\"govuk-body\">It was checked "
                    "again with ");
        html_text(b, a->compact_name);
        html_lit(b, "&#39;s numbers.</p>");
    } else {
        html_lit(b, "Withdrawn from ");
        html_text(b, a->compact_name);
        html_lit(b, "&#39;s record</p><p class=\"govuk-body\">It no longer counts in the "
                    "Compact&#39;s compliance figures. The record and its history are "
                    "kept.</p>");
    }
    banner_end(b);
}

/* The findings as checked today, a card per commitment (view_check_findings): what a plan
 * would do, or what was done, and what can still be done. */
static void findings_cards(struct buf *b, const struct activity_page_view *v)
{
    const struct check_result_view r = {.kind = v->kind,
                                        .params = v->params,
                                        .findings = v->findings,
                                        .n = v->nfindings,
                                        .overall = v->overall,
                                        .as_of = v->as_of,
                                        .activity = v->facts,
                                        .local = 1,
                                        .numbers = v->numbers,
                                        .paraphrases = v->paraphrases};

    html_lit(b, "<h2 class=\"govuk-heading-m\">What the Compact asks, and what was found</h2>");
    if (v->planned) {
        html_lit(b, "<p class=\"govuk-body\">The decision is still to come, so the results say "
                    "what it would do as planned, and what can still be done to keep the "
                    "Compact.</p>");
    }
    view_check_findings(b, &r, v->planned);
}

void view_activity_page(struct buf *b, const struct activity_page_view *v,
                        const struct viewer *viewer)
{
    const struct recorded_activity *a = v->a;
    const char *title = title_of(a, v->kind);
    struct buf compact = BUF_INIT;
    struct crumb crumbs[] = {{"Home", "/"}, {a->compact_name, NULL}, {title, NULL}};
    struct layout l = {
        .title = title, .nav = NAV_COMPACTS, .crumbs = crumbs, .ncrumbs = 3, .viewer = viewer};
    const struct check_question *qs;
    size_t n;

    buf_addf(&compact, "/compacts/%lld", a->compact_id);
    crumbs[1].href = compact.data;
    view_layout_start(b, &l);
    if (v->notice) {
        notice_banner(b, v);
    }
    view_heading(b, a->compact_name, title);
    if (a->withdrawn_at) {
        html_lit(b, "<div class=\"govuk-inset-text\"><p class=\"govuk-body\"><strong "
                    "class=\"govuk-tag govuk-tag--grey\">Withdrawn</strong></p><p "
                    "class=\"govuk-body\">Withdrawn on ");
        timestamp_date(b, a->withdrawn_at);
        html_lit(b, " by ");
        actor_text(b, a->withdrawn_by, a->withdrawn_by_name);
        html_lit(b, ". It no longer counts in the Compact&#39;s compliance figures.</p><p "
                    "class=\"govuk-body\">Why: ");
        html_text(b, a->withdrawn_reason);
        html_lit(b, "</p></div>");
    }
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    summary_row_start(b, "Local Compact", v->may_change);
    html_lit(b, "<a class=\"govuk-link\" href=\"");
    html_attr(b, compact.data);
    html_lit(b, "\">");
    html_text(b, a->compact_name);
    html_lit(b, "</a>");
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Title", 0);
    html_text(b, a->details.title && *a->details.title ? a->details.title : "No title given");
    detail_row_end(b, v, "title", "the title");
    summary_row_start(b, "What it is", v->may_change);
    html_text(b, activity_kind_label(v->kind));
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Organisation affected", v->may_change && !v->may_move);
    if (a->details.org) {
        view_activity_org(b, a->details.org, a->org_name);
    } else {
        html_lit(b, "None named");
    }
    if (v->may_move) {
        detail_row_end(b, v, "org_q", "the organisation affected");
    } else { /* only an admin moves it: the change form says what to do instead */
        summary_row_end(b, NULL, NULL);
    }
    if (activity_kind_has_amount(v->kind)) {
        summary_row_start(b, "Amount", 0);
        if (a->details.amount_pence != ACTIVITY_NO_AMOUNT) {
            html_money(b, a->details.amount_pence);
        } else {
            html_lit(b, "Not given");
        }
        detail_row_end(b, v, "amount", "the amount");
    }
    summary_row_start(b, "Date of the decision", 0);
    if (a->details.decision_date) {
        html_date(b, a->details.decision_date);
    } else {
        html_lit(b, "Not given");
    }
    detail_row_end(b, v, "decision_date", "the date of the decision");
    summary_row_start(b, "Recorded", v->may_change);
    timestamp_date(b, a->recorded_at);
    html_lit(b, " by ");
    actor_text(b, a->recorded_by, a->recorded_by_name);
    if (a->recorder_org) {
        html_lit(b, ", ");
        html_text(b, a->recorder_org_name ? a->recorder_org_name : a->recorder_org);
    }
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Checked as of", v->may_change);
    html_date(b, v->as_of);
    html_lit(b, ", with ");
    html_text(b, a->compact_name);
    html_lit(b, "&#39;s numbers");
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Overall", v->may_change);
    view_verdict_tag(b, v->overall, v->planned);
    summary_row_end(b, NULL, NULL);
    html_lit(b, "</dl>");
    findings_cards(b, v);
    if (v->complain_href) {
        html_lit(b, "<div class=\"app-no-print\"><h2 class=\"govuk-heading-m\">Complain about "
                    "it</h2><p class=\"govuk-body\">It breaches the Compact. The organisation "
                    "affected can raise a complaint with the body, then follow it through the "
                    "Compact&#39;s stages.</p><p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"");
        html_attr(b, v->complain_href);
        html_lit(b, "\">Raise a complaint about this decision</a></p></div>");
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">The answers checked</h2>"
                "<dl class=\"govuk-summary-list\">");
    qs = check_questions(v->kind, &n);
    for (size_t i = 0; i < n; i++) {
        summary_row_start(b, qs[i].label, 0);
        answer_text(b, &qs[i], v->facts);
        summary_row_end(b, NULL, NULL);
    }
    html_lit(b, "</dl><div class=\"govuk-button-group app-no-print\">");
    if (v->may_change) {
        html_lit(b, "<a class=\"govuk-button\" data-module=\"govuk-button\" role=\"button\" "
                    "draggable=\"false\"");
        activity_href_attr(b, a->compact_id, a->id, "/edit");
        html_lit(b, ">Change the record</a><a class=\"govuk-button govuk-button--warning\" "
                    "data-module=\"govuk-button\" role=\"button\" draggable=\"false\"");
        activity_href_attr(b, a->compact_id, a->id, "/withdraw");
        html_lit(b, ">Withdraw it</a>");
    }
    html_lit(b, "<a class=\"govuk-link\" href=\"/history/activity/");
    html_num(b, a->id);
    html_lit(b, "\">Its history</a></div><p class=\"govuk-body app-no-print\">To print this "
                "page for a committee report, use your browser&#39;s Print command: the menus "
                "and buttons are left out.</p>");
    view_layout_end(b, &l);
    buf_release(&compact);
}

/* ---- withdrawing ---- */

void view_activity_withdraw_page(struct buf *b, const struct activity_withdraw_view *v,
                                 const struct viewer *viewer)
{
    const struct recorded_activity *a = v->a;
    enum activity_kind k = ACTIVITY_FUNDING_CHANGE;
    struct buf compact = BUF_INIT, page = BUF_INIT;
    const char *title;
    struct crumb crumbs[3] = {{"Home", "/"}, {a->compact_name, NULL}, {NULL, NULL}};
    const struct layout l = {.title = "Withdraw this record",
                             .nav = NAV_COMPACTS,
                             .crumbs = crumbs,
                             .ncrumbs = 3,
                             .viewer = viewer,
                             .errors = v->errors,
                             .nerrors = v->nerrors,
                             .narrow = 1};

    activity_kind_parse(a->kind, &k);
    title = title_of(a, k);
    buf_addf(&compact, "/compacts/%lld", a->compact_id);
    activity_href(&page, a->compact_id, a->id);
    crumbs[1].href = compact.data;
    crumbs[2] = (struct crumb){title, page.data};
    view_layout_start(b, &l);
    view_heading(b, title, l.title);
    html_lit(b, "<p class=\"govuk-body\">A withdrawn record stays in ");
    html_text(b, a->compact_name);
    html_lit(b, "&#39;s record, marked as withdrawn with when and why, and no longer counts in "
                "its compliance figures. Withdraw a record that was made by mistake or for an "
                "activity that did not go ahead.</p><div class=\"govuk-warning-text\"><span "
                "class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong "
                "class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">"
                "Warning</span>A withdrawal cannot be undone.</strong></div><form "
                "method=\"post\" action=\"");
    html_attr(b, page.data);
    html_lit(b, "/withdraw\" novalidate>");
    view_csrf_field(b, viewer);
    form_textarea(b, &(struct form_field){.name = "reason",
                                          .label = "Why is it withdrawn?",
                                          .hint = "Everyone who can see the record sees this",
                                          .error = form_error_for(v->errors, v->nerrors, "reason"),
                                          .value = v->reason,
                                          .rows = 4,
                                          .flags = FORM_BOLD});
    html_lit(b, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button "
                "govuk-button--warning\" data-module=\"govuk-button\">Withdraw it</button><a "
                "class=\"govuk-link\" href=\"");
    html_attr(b, page.data);
    html_lit(b, "\">Cancel</a></div></form>");
    view_layout_end(b, &l);
    buf_release(&compact);
    buf_release(&page);
}
