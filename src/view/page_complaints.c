/*
 * The complaints' pages: a case's page (its parties, stages with their deadlines, the ombudsman
 * window, a timeline of events and the actions the viewer may take), the "Raise a complaint"
 * form and a Compact's list of cases. The statistics page is page_complaint_stats.c's.
 */
#include "page_complaints.h"

#include <stdio.h>
#include <string.h>

#include "components.h"
#include "html.h"
#include "page_check.h"
#include "base/banned.h"

void case_href(struct buf *b, long long id)
{
    buf_addf(b, "/complaints/%lld", id);
}

/* ---- names ---- */

void case_rule_label(struct buf *out, enum rule r, const struct rule_names *names)
{
    view_rule_commitment(out, r, names->numbers, names->paraphrases);
    buf_addf(out, " (%s)", rule_label(r));
}

static void rule_text(struct buf *b, enum rule r, const struct rule_names *names)
{
    struct buf t = BUF_INIT;

    case_rule_label(&t, r, names);
    html_text(b, t.data);
    buf_release(&t);
}

/* A box for each rule, labelled as case_rule_label: labels[] to release after. */
static void rule_choices(struct buf labels[RULE_COUNT], struct form_choice choices[RULE_COUNT],
                         const struct rule_names *names)
{
    for (int r = 0; r < RULE_COUNT; r++) {
        buf_init(&labels[r], BUF_MAX_DEFAULT);
        case_rule_label(&labels[r], (enum rule)r, names);
        choices[r] = (struct form_choice){rule_id((enum rule)r), labels[r].data};
    }
}

/* rules[0..n) as a list, or "None named". */
static void rule_list(struct buf *b, const enum rule *rules, size_t n,
                      const struct rule_names *names)
{
    if (!n) {
        html_lit(b, "None named");
        return;
    }
    html_lit(b, "<ul class=\"govuk-list govuk-list--bullet\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(b, "<li>");
        rule_text(b, rules[i], names);
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>");
}

/* A run's stage for people, with the ombudsman chosen. */
static void stage_text(struct buf *b, enum complaint_stage s, enum complaint_ombudsman o)
{
    html_text(b, complaint_stage_label(s));
    if (s == STAGE_OMBUDSMAN && o != OMBUDSMAN_NONE) {
        html_lit(b, ": ");
        html_text(b, complaint_ombudsman_label(o));
    }
}

static void state_tag(struct buf *b, enum complaint_state s)
{
    static const char *const classes[CSTATE_COUNT] = {
        [CSTATE_AWAITING_RESPONSE] = "govuk-tag--blue", [CSTATE_RESPONDED] = "govuk-tag--green",
        [CSTATE_RESPONDED_LATE] = "govuk-tag--yellow",  [CSTATE_OVERDUE] = "govuk-tag--red",
        [CSTATE_LONG_OVERDUE] = "govuk-tag--red",       [CSTATE_ENDED_EARLY] = "govuk-tag--grey",
    };

    if ((unsigned)s >= CSTATE_COUNT) {
        return;
    }
    html_lit(b, "<strong class=\"govuk-tag ");
    html_attr(b, classes[s]);
    html_lit(b, "\">");
    html_text(b, complaint_state_label(s));
    html_lit(b, "</strong>");
}

/* "3 working days", "1 working day". */
static void working_days(struct buf *b, int n)
{
    html_num(b, n);
    html_text(b, n == 1 ? " working day" : " working days");
}

static void status_tag(struct buf *b, const struct complaint_case *c)
{
    if (c->status == CSTATUS_CLOSED) {
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--grey\">Closed</strong>");
    } else {
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--blue\">Open</strong>");
    }
}

/* ---- the case's page ---- */

/* The form fields of each action, unique on the page (each action has its own form). */
static const struct {
    const char *date, *note, *heading, *button, *note_label;
} acts[CEVENT_COUNT] = {
    [CEVENT_RESPONSE] = {"response_on", "response_note", "Record the body's response",
                         "Record the response", "What did the body say?"},
    [CEVENT_ESCALATED] = {"escalated_on", "escalate_note", "Escalate the complaint",
                          "Escalate the complaint", "Why is it escalated? (optional)"},
    [CEVENT_CLOSED] = {"closed_on", "close_note", "Close the complaint", "Close the complaint",
                       "Anything else to record? (optional)"},
    [CEVENT_REOPENED] = {"reopened_on", "reopen_note", "Reopen the complaint",
                         "Reopen the complaint", "Why is it reopened?"},
    [CEVENT_NOTE] = {"note_on", "note", "Add a note", "Add the note", "Note"},
};

const char *case_action_field(enum complaint_event_type t, int note)
{
    if ((unsigned)t >= CEVENT_COUNT || !acts[t].date) {
        return NULL;
    }
    return note ? acts[t].note : acts[t].date;
}

/* The heading of event e in the timeline. */
static void event_title(struct buf *b, const struct complaint_event *e)
{
    switch (e->type) {
    case CEVENT_OPENED:
        html_lit(b, "Complaint raised: ");
        html_text(b, complaint_stage_label(e->to));
        break;
    case CEVENT_RESPONSE:
        html_lit(b, "The body responded");
        break;
    case CEVENT_ESCALATED:
        html_lit(b, "Escalated: ");
        stage_text(b, e->to, e->ombudsman);
        break;
    case CEVENT_CLOSED:
        html_lit(b, "Closed: ");
        html_text(b, complaint_outcome_label(e->outcome));
        break;
    case CEVENT_REOPENED:
        html_lit(b, "Reopened");
        break;
    default:
        html_lit(b, "Note");
        break;
    }
}

/* The timeline of events, newest first (the GOV.UK and MOJ timeline pattern). */
static void timeline(struct buf *b, const struct case_page_view *v)
{
    const struct case_view *k = v->k;

    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"timeline\">What has happened</h2>"
                "<ol class=\"app-timeline\" reversed>");
    for (size_t i = k->nevents; i-- > 0;) {
        const struct case_view_event *ev = &k->events[i];
        const struct complaint_event *e = ev->e;
        char iso[DATE_STRLEN + 1];

        date_format(e->date, iso);
        html_lit(b, "<li class=\"app-timeline__item\"><h3 class=\"app-timeline__title\">");
        event_title(b, e);
        html_lit(b, "</h3><p class=\"app-timeline__byline\">by ");
        html_text(b, ev->by_name && *ev->by_name ? ev->by_name : "someone no longer here");
        html_lit(b, "</p><p class=\"app-timeline__date\"><time datetime=\"");
        html_attr(b, iso);
        html_lit(b, "\">");
        html_date(b, e->date);
        html_lit(b, "</time></p><div class=\"app-timeline__description\">");
        if (e->type == CEVENT_CLOSED) {
            html_lit(b, "<dl class=\"govuk-summary-list govuk-summary-list--no-border\">");
            summary_row_start(b, "Causes found", 0);
            rule_list(b, e->causes, e->ncauses, &v->names);
            summary_row_end(b, NULL, NULL);
            summary_row(b, "Remedy", e->remedy && *e->remedy ? e->remedy : "None recorded");
            html_lit(b, "</dl>");
        }
        if (e->note && *e->note) {
            html_lit(b, "<p class=\"govuk-body app-timeline__note\">");
            html_text(b, e->note);
            html_lit(b, "</p>");
        }
        html_lit(b, "</div></li>");
    }
    html_lit(b, "</ol>");
}

/* One stage entry's deadline in words: due date, working days left or how late. */
static void run_deadline(struct buf *b, const struct complaint_run *r,
                         const struct complaint_run_state *st)
{
    if (!r->has_due) {
        html_lit(b, "No due date at this stage");
        return;
    }
    html_lit(b, "Due by ");
    html_date(b, r->due_on);
    html_lit(b, " (");
    working_days(b, r->days);
    html_text(b, r->source == SOURCE_COMPACT ? ", set by the local Compact)"
                                             : ", the national default)");
    switch (st->state) {
    case CSTATE_AWAITING_RESPONSE:
        html_lit(b, "<br>");
        working_days(b, st->working_days_left);
        html_lit(b, " left");
        break;
    case CSTATE_OVERDUE:
    case CSTATE_LONG_OVERDUE:
    case CSTATE_RESPONDED_LATE:
        html_lit(b, "<br>");
        working_days(b, st->working_days_late);
        html_lit(b, " late");
        break;
    default:
        break;
    }
}

/* The stages the case has been at, each with its deadline and state. */
static void stages(struct buf *b, const struct case_view *k)
{
    const struct complaint_case *c = k->c;

    html_lit(b, "<h2 class=\"govuk-heading-m\">Stages and deadlines</h2>");
    for (size_t i = 0; i < c->nruns; i++) {
        const struct complaint_run *r = &c->runs[i];
        const struct complaint_run_state *st = &k->states[i];
        int current = i + 1 == c->nruns && c->status == CSTATUS_OPEN;
        struct buf title = BUF_INIT;

        if (r->stage == STAGE_OMBUDSMAN && c->ombudsman != OMBUDSMAN_NONE) {
            buf_addf(&title, "%s: %s", complaint_stage_label(r->stage),
                     complaint_ombudsman_label(c->ombudsman));
        } else {
            buf_adds(&title, complaint_stage_label(r->stage));
        }
        if (current) {
            buf_adds(&title, " (now)");
        }
        summary_card_start(b, title.data, NULL, 1);
        summary_row_start(b, "Started", 0);
        html_date(b, r->started_on);
        summary_row_end(b, NULL, NULL);
        summary_row_start(b, "Response", 0);
        state_tag(b, st->state);
        html_lit(b, "<p class=\"govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0\">");
        run_deadline(b, r, st);
        html_lit(b, "</p>");
        summary_row_end(b, NULL, NULL);
        if (r->responded) {
            summary_row_start(b, "Responded", 0);
            html_date(b, r->responded_on);
            summary_row_end(b, NULL, NULL);
        }
        if (r->ended) {
            summary_row_start(b, "Ended", 0);
            html_date(b, r->ended_on);
            summary_row_end(b, NULL, NULL);
        }
        summary_card_end(b);
        buf_release(&title);
    }
}

/* The ombudsman's 12 months, and whether the window is closing. */
static void ombudsman_window(struct buf *b, const struct case_view *k)
{
    html_lit(b, "<h2 class=\"govuk-heading-m\">The ombudsman&#39;s 12 months</h2>");
    switch (k->window) {
    case CWINDOW_CLOSING:
        html_lit(b, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
                    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
                    "<span class=\"govuk-visually-hidden\">Warning</span>The time to go to the "
                    "ombudsman is closing: the ombudsman expects a complaint by ");
        html_date(b, k->ombudsman_deadline);
        html_lit(b, ".</strong></div>");
        break;
    case CWINDOW_PASSED:
        html_lit(b, "<p class=\"govuk-body\"><strong class=\"govuk-tag govuk-tag--red\">Passed"
                    "</strong> The ombudsman expected a complaint by ");
        html_date(b, k->ombudsman_deadline);
        html_lit(b, ", 12 months after the complainant knew of the problem. The ombudsman may "
                    "still look at it, but need not.</p>");
        break;
    case CWINDOW_USED:
        html_lit(b, "<p class=\"govuk-body\">The complaint went to the ombudsman");
        if (k->c->ombudsman_late) {
            html_lit(b, " after the 12 months, which ended on ");
            html_date(b, k->ombudsman_deadline);
        }
        html_lit(b, ".</p>");
        break;
    default:
        html_lit(b, "<p class=\"govuk-body\">The ombudsman expects a complaint within 12 months "
                    "of knowing of the problem: by ");
        html_date(b, k->ombudsman_deadline);
        html_lit(b, ".</p>");
        break;
    }
}

/* The date fields' values: as given again, else today. */
static void date_given(const struct case_page_view *v, enum complaint_event_type t,
                       const char *given[3], char store[3][12])
{
    int ymd[3];

    if (v->form && v->form->type == t && v->nerrors) {
        for (int i = 0; i < 3; i++) {
            given[i] = v->form->date[i];
        }
        return;
    }
    date_to_ymd(v->today, &ymd[2], &ymd[1], &ymd[0]);
    for (int i = 0; i < 3; i++) {
        int n = snprintf(store[i], sizeof(store[i]), "%d", ymd[i]);
        given[i] = n > 0 && (size_t)n < sizeof(store[i]) ? store[i] : NULL;
    }
}

/* What the form of type t gave again, or NULL. */
static const struct case_action_form *again(const struct case_page_view *v,
                                            enum complaint_event_type t)
{
    return v->form && v->form->type == t && v->nerrors ? v->form : NULL;
}

static const char *error_of(const struct case_page_view *v, enum complaint_event_type t,
                            const char *field)
{
    return again(v, t) ? form_error_for(v->errors, v->nerrors, field) : NULL;
}

/* The start of action t's form: a details element (open when its form has errors), its
 * form, the CSRF field and the event's type. */
static void action_start(struct buf *b, const struct case_page_view *v, const struct viewer *vw,
                         enum complaint_event_type t, const char *summary)
{
    html_lit(b, "<details class=\"govuk-details app-no-print\" id=\"action-");
    html_attr(b, complaint_event_id(t));
    html_lit(b, "\"");
    if (again(v, t)) {
        html_lit(b, " open");
    }
    html_lit(b, "><summary class=\"govuk-details__summary\"><span "
                "class=\"govuk-details__summary-text\">");
    html_text(b, summary);
    html_lit(b, "</span></summary><div class=\"govuk-details__text\"><form method=\"post\" "
                "action=\"/complaints/");
    html_num(b, v->k->id);
    html_lit(b, "/events\" novalidate>");
    view_csrf_field(b, vw);
    form_hidden(b, "type", complaint_event_id(t));
}

/* Action t's date and note, its button (NULL: the action's own), and its end. */
static void action_end(struct buf *b, const struct case_page_view *v, enum complaint_event_type t,
                       const char *date_label, const char *button)
{
    const struct case_action_form *f = again(v, t);
    const char *given[3];
    char store[3][12];

    date_given(v, t, given, store);
    form_date(b,
              &(struct form_field){.name = acts[t].date,
                                   .label = date_label,
                                   .hint = "For example, 27 3 2026",
                                   .error = error_of(v, t, acts[t].date),
                                   .flags = FORM_BOLD},
              given);
    form_textarea(b, &(struct form_field){.name = acts[t].note,
                                          .label = acts[t].note_label,
                                          .error = error_of(v, t, acts[t].note),
                                          .value = f ? f->note : NULL,
                                          .rows = 3,
                                          .flags = FORM_BOLD});
    form_buttons(b, button ? button : acts[t].button, NULL);
    html_lit(b, "</form></div></details>");
}

/* The stages after the current one, each explained: the ombudsman twice (LGO, PHSO), and only
 * once the case has been at the body's complaints procedure. */
static void escalate_choices(struct buf *b, const struct case_page_view *v)
{
    static const char *const hints[STAGE_COUNT] = {
        [STAGE_FORMAL] = "A formal complaint under the body's own complaints procedure. It has "
                         "a set number of working days to respond.",
        [STAGE_DISPUTE] = "The local Compact's dispute procedure: a panel of its steering group, "
                          "or mediation. The body has a set number of working days to respond.",
        [STAGE_ADVICE] = "Ask the national body for advice. There is no due date.",
    };
    const struct complaint_case *c = v->k->c;
    enum complaint_stage now = complaint_current(c);
    const struct case_action_form *f = again(v, CEVENT_ESCALATED);
    struct form_choice choices[STAGE_COUNT + 1];
    const char *hint_of[STAGE_COUNT + 1];
    size_t n = 0;

    for (int s = (int)now + 1; s < STAGE_OMBUDSMAN; s++) {
        hint_of[n] = hints[s];
        choices[n++] = (struct form_choice){complaint_stage_id((enum complaint_stage)s),
                                            complaint_stage_label((enum complaint_stage)s)};
    }
    if (c->was_formal && now < STAGE_OMBUDSMAN) {
        hint_of[n] = "For councils and other local bodies. It expects the body's complaints "
                     "procedure to have been used first.";
        choices[n++] =
            (struct form_choice){"ombudsman-lgo", "The Local Government and Social Care Ombudsman"};
        hint_of[n] = "For central government departments and their agencies. A complaint goes "
                     "to it through a Member of Parliament.";
        choices[n++] = (struct form_choice){"ombudsman-phso", "The Parliamentary Ombudsman"};
    }
    if (!n) {
        html_lit(b, "<p class=\"govuk-body\">There is no later stage to escalate to.</p>");
        return;
    }
    form_radios_hinted(b,
                       &(struct form_field){.name = "to",
                                            .label = "Where does the complaint go next?",
                                            .error = error_of(v, CEVENT_ESCALATED, "to"),
                                            .value = f ? f->to : NULL,
                                            .flags = FORM_BOLD},
                       choices, hint_of, n);
    if (!c->was_formal && now < STAGE_OMBUDSMAN) {
        html_lit(b, "<p class=\"govuk-body\">The ombudsman is offered once the complaint has "
                    "been through the body&#39;s own complaints procedure: the ombudsman expects "
                    "that first.</p>");
    }
}

/* The rules to tick as causes: as given again, else those the case cites. */
static void causes(struct buf *b, const struct case_page_view *v)
{
    const struct case_action_form *f = again(v, CEVENT_CLOSED);
    struct form_choice choices[RULE_COUNT];
    struct buf labels[RULE_COUNT];
    int ticked[RULE_COUNT] = {0};

    rule_choices(labels, choices, &v->names);
    if (f) {
        for (size_t i = 0; i < f->ncauses; i++) {
            enum rule r;
            if (rule_parse(f->causes[i], &r) == 0) {
                ticked[r] = 1;
            }
        }
    } else {
        for (size_t i = 0; i < v->k->nrules; i++) {
            ticked[v->k->rules[i]] = 1;
        }
    }
    form_checkboxes(
        b,
        &(struct form_field){.name = "causes",
                             .label = "Which commitments were not kept? (the causes found)",
                             .hint = "Those the complaint cited are ticked. Tick none if none was "
                                     "found.",
                             .error = error_of(v, CEVENT_CLOSED, "causes"),
                             .classes = "govuk-checkboxes--small",
                             .flags = FORM_BOLD},
        choices, ticked, RULE_COUNT);
    for (int r = 0; r < RULE_COUNT; r++) {
        buf_release(&labels[r]);
    }
}

static void close_fields(struct buf *b, const struct case_page_view *v)
{
    static const struct form_choice outcomes[OUTCOME_COUNT] = {
        {"resolved", "Resolved by agreement"},
        {"upheld", "Upheld"},
        {"partly_upheld", "Partly upheld"},
        {"not_upheld", "Not upheld"},
        {"withdrawn", "Withdrawn"},
    };
    static const char *const hints[OUTCOME_COUNT] = {
        "The two sides settled it between them.",
        "The complaint was found to be right.",
        "Some of the complaint was found to be right.",
        "The complaint was found not to be right.",
        "The complainant withdrew it.",
    };
    const struct case_action_form *f = again(v, CEVENT_CLOSED);

    form_radios_hinted(b,
                       &(struct form_field){.name = "outcome",
                                            .label = "What was the outcome?",
                                            .error = error_of(v, CEVENT_CLOSED, "outcome"),
                                            .value = f ? f->outcome : NULL,
                                            .flags = FORM_BOLD},
                       outcomes, hints, OUTCOME_COUNT);
    causes(b, v);
    form_textarea(b, &(struct form_field){.name = "remedy",
                                          .label = "What remedy was agreed? (optional)",
                                          .hint = "For example, the notice period restored and "
                                                  "the grant paid to the end of the year",
                                          .error = error_of(v, CEVENT_CLOSED, "remedy"),
                                          .value = f ? f->remedy : NULL,
                                          .rows = 3,
                                          .flags = FORM_BOLD});
}

/* The actions the viewer may take now. */
static void actions(struct buf *b, const struct case_page_view *v, const struct viewer *vw)
{
    unsigned a = v->actions;

    if (!(a & ((1u << CEVENT_RESPONSE) | (1u << CEVENT_ESCALATED) | (1u << CEVENT_CLOSED) |
               (1u << CEVENT_REOPENED) | (1u << CEVENT_NOTE)))) {
        return;
    }
    html_lit(b, "<h2 class=\"govuk-heading-m app-no-print\" id=\"actions\">What you can do</h2>");
    if (a & (1u << CEVENT_RESPONSE)) {
        action_start(b, v, vw, CEVENT_RESPONSE, "Record the body's response");
        html_lit(b, "<p class=\"govuk-body\">The response at this stage: "
                    "the complaint then waits for the complainant to escalate or close it.</p>");
        action_end(b, v, CEVENT_RESPONSE, "When did the body respond?", NULL);
    }
    if (a & (1u << CEVENT_ESCALATED)) {
        action_start(b, v, vw, CEVENT_ESCALATED, "Escalate the complaint to the next stage");
        escalate_choices(b, v);
        action_end(b, v, CEVENT_ESCALATED, "When was it escalated?", NULL);
    }
    if ((a & (1u << CEVENT_CLOSED)) && v->withdraw_only) {
        action_start(b, v, vw, CEVENT_CLOSED, "Withdraw the complaint");
        html_lit(b, "<p class=\"govuk-body\">Withdraw it if your organisation no longer wants "
                    "to pursue it. Only the local Compact&#39;s coordinator can close it with "
                    "another outcome, or reopen it.</p>");
        form_hidden(b, "outcome", "withdrawn");
        action_end(b, v, CEVENT_CLOSED, "When was it withdrawn?", "Withdraw the complaint");
    } else if (a & (1u << CEVENT_CLOSED)) {
        action_start(b, v, vw, CEVENT_CLOSED, "Close the complaint");
        close_fields(b, v);
        action_end(b, v, CEVENT_CLOSED, "When was it closed?", NULL);
    }
    if (a & (1u << CEVENT_REOPENED)) {
        action_start(b, v, vw, CEVENT_REOPENED, "Reopen the complaint");
        html_lit(b, "<p class=\"govuk-body\">It starts the stage it was closed at again, with a "
                    "new due date.</p>");
        action_end(b, v, CEVENT_REOPENED, "When was it reopened?", NULL);
    }
    if (a & (1u << CEVENT_NOTE)) {
        action_start(b, v, vw, CEVENT_NOTE, "Add a note");
        action_end(b, v, CEVENT_NOTE, "What date is the note for?", NULL);
    }
}

static const char *notice_text(const char *notice)
{
    static const struct {
        const char *id, *text;
    } notices[] = {
        {"opened", "The complaint has been raised"},
        {"response", "The response has been recorded"},
        {"escalated", "The complaint has been escalated"},
        {"closed", "The complaint has been closed"},
        {"reopened", "The complaint has been reopened"},
        {"note", "The note has been added"},
    };
    for (size_t i = 0; notice && i < sizeof(notices) / sizeof(notices[0]); i++) {
        if (!strcmp(notice, notices[i].id)) {
            return notices[i].text;
        }
    }
    return NULL;
}

void view_case_page(struct buf *b, const struct case_page_view *v, const struct viewer *viewer)
{
    const struct case_view *k = v->k;
    const struct complaint_case *c = k->c;
    struct buf compact = BUF_INIT, list = BUF_INIT, activity = BUF_INIT;
    struct crumb crumbs[4] = {
        {"Home", "/"}, {k->compact_name, NULL}, {"Complaints", NULL}, {k->title, NULL}};
    struct layout l = {.title = k->title,
                       .nav = NAV_COMPACTS,
                       .crumbs = crumbs,
                       .ncrumbs = 3,
                       .viewer = viewer,
                       .errors = v->errors,
                       .nerrors = v->nerrors};
    const char *notice = notice_text(v->notice);

    buf_addf(&compact, "/compacts/%lld", k->compact_id);
    buf_addf(&list, "/compacts/%lld/complaints", k->compact_id);
    crumbs[1].href = compact.data;
    crumbs[2].href = list.data;
    view_layout_start(b, &l);
    if (notice && !v->nerrors) {
        banner(b, 1, notice);
    }
    view_heading(b, "Complaint", k->title);
    html_lit(b, "<p class=\"govuk-body-l\">");
    status_tag(b, c);
    html_lit(b, " ");
    stage_text(b, complaint_current(c), c->ombudsman);
    html_lit(b, "</p><dl class=\"govuk-summary-list\">");
    summary_row(b, "Complainant", k->complainant);
    summary_row(b, "Body complained about", k->respondent);
    summary_row_start(b, "Local Compact", 0);
    html_lit(b, "<a class=\"govuk-link\" href=\"");
    html_attr(b, compact.data);
    html_lit(b, "\">");
    html_text(b, k->compact_name);
    html_lit(b, "</a>");
    summary_row_end(b, NULL, NULL);
    summary_row(b, "What it is about", k->summary);
    summary_row_start(b, "Commitments it says were not kept", 0);
    rule_list(b, k->rules, k->nrules, &v->names);
    summary_row_end(b, NULL, NULL);
    if (k->activity_id) {
        buf_addf(&activity, "/compacts/%lld/activities/%lld", k->compact_id, k->activity_id);
        summary_row_start(b, "The decision recorded", 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"");
        html_attr(b, activity.data);
        html_lit(b, "\">See the recorded activity and its findings</a>");
        summary_row_end(b, NULL, NULL);
    }
    summary_row_start(b, "Knew of the problem on", 0);
    html_date(b, k->aware_on);
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Raised on", 0);
    html_date(b, k->opened_on);
    summary_row_end(b, NULL, NULL);
    if (c->has_outcome && c->status == CSTATUS_CLOSED) {
        summary_row_start(b, "Outcome", 0);
        html_text(b, complaint_outcome_label(c->outcome));
        html_lit(b, ", on ");
        html_date(b, c->closed_on);
        summary_row_end(b, NULL, NULL);
    }
    html_lit(b, "</dl><p class=\"govuk-body\">As of ");
    html_date(b, k->as_of);
    html_lit(b, ". Deadlines count working days: Monday to Friday, not bank holidays in England "
                "and Wales.</p>");
    actions(b, v, viewer);
    stages(b, k);
    ombudsman_window(b, k);
    timeline(b, v);
    view_layout_end(b, &l);
    buf_release(&compact);
    buf_release(&list);
    buf_release(&activity);
}

/* ---- raising a complaint ---- */

void view_case_form_page(struct buf *b, const struct case_form_view *v, const struct viewer *viewer)
{
    static const struct form_choice stage_choices[3] = {
        {"informal", "Raised with the decision-maker"},
        {"formal", "The body's complaints procedure"},
        {"dispute", "The local Compact's dispute procedure"},
    };
    static const char *const stage_hints[3] = {
        "You have told the people who made the decision, and are waiting for their answer.",
        "You have made a formal complaint under the body's own complaints procedure.",
        "You have taken it to the local Compact's dispute procedure: a panel of its steering "
        "group, or mediation.",
    };
    struct buf compact = BUF_INIT, action = BUF_INIT;
    struct crumb crumbs[3] = {{"Home", "/"}, {v->compact_name, NULL}, {NULL, NULL}};
    struct layout l = {.title = "Raise a complaint",
                       .nav = NAV_COMPACTS,
                       .crumbs = crumbs,
                       .ncrumbs = 2,
                       .viewer = viewer,
                       .errors = v->errors,
                       .nerrors = v->nerrors,
                       .narrow = 1};
    struct form_choice rules[RULE_COUNT];
    struct buf labels[RULE_COUNT];

    buf_addf(&compact, "/compacts/%lld", v->compact_id);
    buf_addf(&action, "/compacts/%lld/complaints/new", v->compact_id);
    crumbs[1].href = compact.data;
    if (v->from) {
        crumbs[2] = (struct crumb){v->from_label, v->from};
        l.ncrumbs = 3;
    }
    view_layout_start(b, &l);
    view_heading(b, v->compact_name, l.title);
    html_lit(b, "<p class=\"govuk-body\">Say that a body did not keep ");
    html_text(b, v->compact_name);
    html_lit(b, ". The complaint is seen by the two organisations, the Compact&#39;s "
                "coordinators and the national body; its deadlines count in working days.</p>");
    html_lit(b, "<form method=\"post\" action=\"");
    html_attr(b, action.data);
    html_lit(b, "\" novalidate>");
    view_csrf_field(b, viewer);
    if (v->activity_id) {
        char id[24];
        int n = snprintf(id, sizeof(id), "%lld", v->activity_id);
        form_hidden(b, "activity", n > 0 && (size_t)n < sizeof(id) ? id : "");
        html_lit(b, "<h2 class=\"govuk-heading-s\">The decision it is about</h2><p "
                    "class=\"govuk-body\">");
        html_text(b, v->activity_title ? v->activity_title : "A recorded activity");
        html_lit(b, "</p>");
    }
    if (v->from) {
        form_hidden(b, "from", v->from);
    }
    if (v->complainant_fixed) {
        html_lit(b, "<h2 class=\"govuk-heading-s\">Who is complaining</h2><p "
                    "class=\"govuk-body\">");
        html_text(b, v->complainant.org_name ? v->complainant.org_name : v->complainant.org_id);
        html_lit(b, "</p><p class=\"govuk-hint\">Your organisation, as your account has it.</p>");
    } else {
        view_org_pick(b, &v->complainant);
    }
    view_org_pick(b, &v->respondent);
    form_text_input(b, &(struct form_field){.name = "title",
                                            .label = "Title",
                                            .hint = "A few words a committee will recognise, such "
                                                    "as: Advice centre grant cut without notice",
                                            .error = form_error_for(v->errors, v->nerrors, "title"),
                                            .value = v->title,
                                            .flags = FORM_BOLD});
    form_textarea(b, &(struct form_field){.name = "summary",
                                          .label = "What happened?",
                                          .hint = "What the body did or did not do, and how it "
                                                  "affected your organisation",
                                          .error = form_error_for(v->errors, v->nerrors, "summary"),
                                          .value = v->summary,
                                          .flags = FORM_BOLD});
    form_date(b,
              &(struct form_field){.name = "aware_on",
                                   .label = "When did you first know of the problem?",
                                   .hint = "The ombudsman expects a complaint within 12 months of "
                                           "this day. For example, 27 3 2026",
                                   .error = form_error_for(v->errors, v->nerrors, "aware_on"),
                                   .flags = FORM_BOLD},
              v->aware_on);
    form_date(b,
              &(struct form_field){.name = "opened_on",
                                   .label = "When did you raise it with the body?",
                                   .hint = "The body's time to respond counts from this day. For "
                                           "example, 27 3 2026",
                                   .error = form_error_for(v->errors, v->nerrors, "opened_on"),
                                   .flags = FORM_BOLD},
              v->opened_on);
    form_radios_hinted(b,
                       &(struct form_field){.name = "stage",
                                            .label = "Where is the complaint now?",
                                            .error = form_error_for(v->errors, v->nerrors, "stage"),
                                            .value = v->stage ? v->stage : "informal",
                                            .flags = FORM_BOLD},
                       stage_choices, stage_hints, 3);
    rule_choices(labels, rules, &v->names);
    form_checkboxes(b,
                    &(struct form_field){.name = "rules",
                                         .label = "Which commitments were not kept? (optional)",
                                         .hint = v->from
                                                     ? "Those the check found breached are ticked."
                                                     : "Tick those you know of.",
                                         .error = form_error_for(v->errors, v->nerrors, "rules"),
                                         .classes = "govuk-checkboxes--small",
                                         .flags = FORM_BOLD},
                    rules, v->rules, RULE_COUNT);
    for (int r = 0; r < RULE_COUNT; r++) {
        buf_release(&labels[r]);
    }
    html_lit(b, "<div class=\"govuk-button-group\"><button type=\"submit\" name=\"action\" "
                "value=\"raise\" class=\"govuk-button\" data-module=\"govuk-button\">Raise the "
                "complaint</button><a class=\"govuk-link\" href=\"");
    html_attr(b, v->from ? v->from : compact.data);
    html_lit(b, "\">Cancel</a></div></form>");
    view_layout_end(b, &l);
    buf_release(&compact);
    buf_release(&action);
}

/* ---- lists ---- */

/* What is due next on k, with a tag when overdue. */
static void due_cell(struct buf *b, const struct case_view *k)
{
    const struct complaint_case *c = k->c;
    date_t due;

    table_cell_start(b, 0);
    if (c->status == CSTATUS_CLOSED) {
        html_lit(b, "Closed");
        if (c->has_outcome) {
            html_lit(b, ": ");
            html_text(b, complaint_outcome_label(c->outcome));
        }
    } else if (complaint_due_next(c, &due)) {
        const struct complaint_run_state *st = &k->states[c->nruns - 1];
        html_lit(b, "Response due ");
        html_date(b, due);
        if (st->state == CSTATE_OVERDUE || st->state == CSTATE_LONG_OVERDUE) {
            html_lit(b, " ");
            state_tag(b, st->state);
        }
    } else if (c->nruns && c->runs[c->nruns - 1].responded) {
        html_lit(b, "Responded: waiting for the complainant");
    } else {
        html_lit(b, "No due date");
    }
    table_cell_end(b);
}

void view_case_table(struct buf *b, const char *caption, const struct case_view *cases, size_t n,
                     int with_compact)
{
    static const struct table_column cols[] = {{"Complaint", 0},
                                               {"Local Compact", CELL_WIDE_ONLY},
                                               {"Stage", CELL_WIDE_ONLY},
                                               {"What is due", 0}};
    struct table t = {.caption = caption,
                      .flags = TABLE_CAPTION_S | TABLE_SMALL_TEXT,
                      .cols = with_compact ? cols : cols + 1,
                      .ncols = with_compact ? 4 : 3};
    struct table_column own[4];

    if (!n) {
        html_lit(b, "<p class=\"govuk-body\">");
        html_text(b, caption);
        html_lit(b, ": none.</p>");
        return;
    }
    if (!with_compact) {
        own[0] = cols[0];
        own[1] = cols[2];
        own[2] = cols[3];
        t.cols = own;
    }
    table_start(b, &t);
    for (size_t i = 0; i < n; i++) {
        const struct case_view *k = &cases[i];
        struct buf href = BUF_INIT;

        case_href(&href, k->id);
        table_row_start(b);
        table_cell_start(b, 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"");
        html_attr(b, href.data);
        html_lit(b, "\">");
        html_text(b, k->title);
        html_lit(b, "</a><br><span class=\"govuk-body-s\">");
        html_text(b, k->complainant);
        html_lit(b, " about ");
        html_text(b, k->respondent);
        html_lit(b, "</span>");
        table_cell_end(b);
        if (with_compact) {
            table_cell(b, k->compact_name, 0);
        }
        table_cell_start(b, 0);
        stage_text(b, complaint_current(k->c), k->c->ombudsman);
        table_cell_end(b);
        due_cell(b, k);
        table_row_end(b);
        buf_release(&href);
    }
    table_end(b);
}

void view_case_list_page(struct buf *b, const struct case_list_view *v, const struct viewer *viewer)
{
    struct buf compact = BUF_INIT, caption = BUF_INIT;
    struct crumb crumbs[3] = {{"Home", "/"}, {v->compact_name, NULL}, {"Complaints", NULL}};
    struct layout l = {.title = "Complaints",
                       .nav = NAV_COMPACTS,
                       .crumbs = crumbs,
                       .ncrumbs = 2,
                       .viewer = viewer};
    size_t open = 0;

    buf_addf(&compact, "/compacts/%lld", v->compact_id);
    crumbs[1].href = compact.data;
    view_layout_start(b, &l);
    view_heading(b, v->compact_name, "Complaints");
    if (v->may_raise) {
        html_lit(b, "<a class=\"govuk-button\" data-module=\"govuk-button\" role=\"button\" "
                    "draggable=\"false\" href=\"");
        html_attr(b, compact.data);
        html_lit(b, "/complaints/new\">Raise a complaint</a>");
    }
    if (!v->signed_in) {
        html_lit(b, "<p class=\"govuk-body\">Complaints are seen by the organisations they are "
                    "between and the Compact&#39;s coordinators. <a class=\"govuk-link\" "
                    "href=\"/login?next=");
        html_url(b, compact.data);
        html_lit(b, "%2Fcomplaints\">Sign in</a> to see those you may see.</p>");
    } else {
        for (size_t i = 0; i < v->n; i++) {
            open += v->cases[i].c->status == CSTATUS_OPEN;
        }
        if (v->total > v->n) {
            buf_addf(&caption, "%zu complaints you may see: the first %zu, open first", v->total,
                     v->n);
        } else {
            buf_addf(&caption, "%zu open, %zu closed, that you may see", open, v->n - open);
        }
        if (!v->n) {
            html_lit(b, "<p class=\"govuk-body\">There are no complaints you may see.</p>");
        } else {
            view_case_table(b, caption.data, v->cases, v->n, 0);
        }
    }
    html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
    html_attr(b, compact.data);
    html_lit(b, "/complaints/statistics\">Statistics of this Compact&#39;s complaints</a>, "
                "which everyone may see.</p>");
    view_layout_end(b, &l);
    buf_release(&compact);
    buf_release(&caption);
}
