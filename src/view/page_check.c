/* The check pages: GOV.UK question pages over the facts of each kind of activity. */
#include "page_check.h"

#include <string.h>

#include "components.h"
#include "html.h"
#include "page_activity.h"
#include "core/commitments.h"
#include "core/norm.h"
#include "base/banned.h"

static const struct form_choice change_choices[] = {
    {"end", "It ends"}, {"reduce", "It is reduced"}, {NULL, NULL}};
static const struct form_choice payment_choices[] = {{"advance", "In advance of spending"},
                                                     {"arrears", "In arrears, after spending"},
                                                     {"unknown", "Not known"},
                                                     {NULL, NULL}};

/*
 * The questions read for a plan as for what was done: "When will notice be given, or when was
 * it given?". A box under a date says the step has not happened and is not planned (null).
 */
static const struct check_question funding_change[] = {
    {"change", Q_CHOICE, "What is happening to the funding?", NULL, NULL, change_choices},
    {"effective_date", Q_DATE, "When will the funding end or be reduced, or when did it?",
     "For example, 1 4 2027", NULL, NULL},
    {"decision_date", Q_DATE, "When will the decision be made, or when was it made?",
     "Leave it blank if not known", NULL, NULL},
    {"notice_date", Q_DATE, "When will notice be given to the organisation, or when was it given?",
     NULL, "No notice has been given, and none is planned", NULL},
    {"notice_in_writing", Q_YES_NO, "Is the notice in writing?", NULL, NULL, NULL},
    {"reasons_given", Q_YES_NO,
     "Will the organisation be given the reasons for the decision, or was it given them?", NULL,
     NULL, NULL},
    {"impact_assessment_date", Q_DATE,
     "When will the impact on beneficiaries, service users and volunteers be assessed, or when "
     "was it assessed?",
     NULL, "No impact assessment has been made, and none is planned", NULL},
    {"response_invited_date", Q_DATE,
     "When will the organisation be invited to respond, or when was it invited?", NULL,
     "The organisation has not been invited to respond, and no invitation is planned", NULL},
    {"affects_equality_groups", Q_YES_NO, "Does the change affect equality groups?",
     "People who share a characteristic protected by the Equality Act 2010, such as disabled "
     "people or older people",
     NULL, NULL},
    {"equality_assessment_date", Q_DATE,
     "When will the equality impact be assessed, or when was it assessed?",
     "Only needed when equality groups are affected",
     "No equality impact assessment has been made, and none is planned", NULL},
};

static const struct check_question consultation[] = {
    {"formal", Q_YES_NO, "Is it a formal written consultation?", NULL, NULL, NULL},
    {"opens", Q_DATE, "When will the consultation open, or when did it open?",
     "For example, 9 1 2027", NULL, NULL},
    {"closes", Q_DATE, "When will it close, or when did it close?", NULL, NULL, NULL},
    {"reason", Q_TEXT, "If it is shorter than the Compact asks for, or informal, why?",
     "Leave it blank if there is no reason", NULL, NULL},
    {"feedback_date", Q_DATE,
     "When will feedback be published to consultees, or when was it published?", NULL,
     "Feedback has not been published yet", NULL},
};

static const struct check_question funding_award[] = {
    {"start_date", Q_DATE, "When will the funding start, or when did it start?",
     "For example, 1 4 2027", NULL, NULL},
    {"end_date", Q_DATE, "When will it end, or when did it end?", "The last day funded", NULL,
     NULL},
    {"duration_reason", Q_TEXT, "If it is shorter than multi-year funding, why?", NULL, NULL, NULL},
    {"payment", Q_CHOICE, "When is it paid?", NULL, NULL, payment_choices},
    {"payment_reason", Q_TEXT, "If it is paid in arrears, why?", NULL, NULL, NULL},
    {"overheads_allowed", Q_YES_NO, "Are appropriate overheads allowed in the costs?",
     "Full cost recovery", NULL, NULL},
    {"overheads_reason", Q_TEXT, "If overheads are not allowed, why?", NULL, NULL, NULL},
};

static const struct check_question procurement[] = {
    {"published", Q_DATE, "When will the tender be published, or when was it published?",
     "For example, 9 1 2027", NULL, NULL},
    {"submission_deadline", Q_DATE, "What is the deadline for bids?", NULL, NULL, NULL},
    {"vcs_engaged_date", Q_DATE,
     "When will voluntary and community organisations first be involved in designing the "
     "service, or when were they?",
     NULL, "They have not been involved, and it is not planned", NULL},
    {"social_value_considered", Q_YES_NO,
     "Is social, economic and environmental value weighed, not lowest price alone?", NULL, NULL,
     NULL},
    {"reason", Q_TEXT, "If the process departs from the Compact, why?",
     "For example, why the time to bid is shorter", NULL, NULL},
};

static const struct {
    const struct check_question *q;
    size_t n;
    const char *title, *summary;
    const char *before; /* when a plan is checked: "before the decision" and the like */
} kinds[ACTIVITY_KIND_COUNT] = {
    [ACTIVITY_FUNDING_CHANGE] = {funding_change, sizeof(funding_change) / sizeof(funding_change[0]),
                                 "Check a funding change",
                                 "Ending or reducing funding: notice, reasons, assessments and "
                                 "the chance to respond.",
                                 "before the decision"},
    [ACTIVITY_CONSULTATION] = {consultation, sizeof(consultation) / sizeof(consultation[0]),
                               "Check a consultation",
                               "Its length, and feedback on how views shaped the outcome.",
                               "before it opens"},
    [ACTIVITY_FUNDING_AWARD] = {funding_award, sizeof(funding_award) / sizeof(funding_award[0]),
                                "Check a funding award",
                                "Multi-year funding, payment in advance and full cost recovery.",
                                "before it starts"},
    [ACTIVITY_PROCUREMENT] = {procurement, sizeof(procurement) / sizeof(procurement[0]),
                              "Check a procurement",
                              "Time to bid, early involvement of the sector and social value.",
                              "before the tender is published"},
};

const struct check_question *check_questions(enum activity_kind k, size_t *n)
{
    *n = (unsigned)k < ACTIVITY_KIND_COUNT ? kinds[k].n : 0;
    return *n ? kinds[k].q : NULL;
}

const char *check_title(enum activity_kind k)
{
    return (unsigned)k < ACTIVITY_KIND_COUNT ? kinds[k].title : "";
}

void view_check_start_page(struct buf *b, const struct viewer *viewer)
{
    static const struct crumb crumbs[] = {{"Home", "/"}, {"Check a decision", NULL}};
    const struct layout l = {.title = "Check a decision against the Compact",
                             .nav = NAV_CHECKS,
                             .crumbs = crumbs,
                             .ncrumbs = 2,
                             .viewer = viewer,
                             .narrow = 1};

    view_layout_start(b, &l);
    html_lit(b, "<h1 class=\"govuk-heading-l\">Check a decision against the Compact</h1>"
                "<p class=\"govuk-body\">Answer a few questions about what you plan, or what "
                "happened, and see which commitments of the Compact it keeps, which it breaks, "
                "and what would make it keep them. Nothing you enter is stored.</p>"
                "<ul class=\"govuk-list govuk-list--spaced\">");
    for (int k = 0; k < ACTIVITY_KIND_COUNT; k++) {
        html_lit(b, "<li><a class=\"govuk-link govuk-!-font-weight-bold\" href=\"/checks/");
        html_url(b, activity_kind_id((enum activity_kind)k));
        html_lit(b, "\">");
        html_text(b, kinds[k].title);
        html_lit(b, "</a><br>");
        html_text(b, kinds[k].summary);
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul><p class=\"govuk-body\">Scripts can use the same checks through "
                "<code>POST /api/v1/checks</code>.</p>");
    view_layout_end(b, &l);
}

static const char *value_of(const struct check_form_view *v, const char *field)
{
    return v->value ? v->value(v->ctx, field) : NULL;
}

static const char *error_for(const struct check_form_view *v, const char *field)
{
    return form_error_for(v->errors, v->nerrors, field);
}

/* A question's label (bold), hint and error, and the answer given. */
static struct form_field question(const struct check_form_view *v, const struct check_question *q)
{
    return (struct form_field){.name = q->fact,
                               .label = q->label,
                               .hint = q->hint,
                               .error = error_for(v, q->fact),
                               .value = value_of(v, q->fact),
                               .flags = FORM_BOLD};
}

/* A date, and with q->none a box to tick when it has not happened (FACT-none) below it. */
static void date_question(struct buf *b, const struct check_form_view *v,
                          const struct check_question *q)
{
    static const char *const parts[3] = {"-day", "-month", "-year"};
    const struct form_field f = question(v, q);
    const char *given[3];
    struct buf name = BUF_INIT;

    for (int i = 0; i < 3; i++) {
        buf_reset(&name);
        buf_addf(&name, "%s%s", q->fact, parts[i]);
        given[i] = value_of(v, name.data);
    }
    form_date_start(b, &f, given);
    if (q->none) {
        const struct form_choice box = {"yes", q->none};
        buf_reset(&name);
        buf_addf(&name, "%s-none", q->fact);
        form_checkboxes(b,
                        &(struct form_field){.name = name.data,
                                             .classes = "govuk-checkboxes--small "
                                                        "govuk-!-margin-top-3",
                                             .flags = FORM_WITHOUT_GROUP},
                        &box, &(int){value_of(v, name.data) != NULL}, 1);
    }
    form_fieldset_end(b);
    buf_release(&name);
}

/* Radios of choices[0..) (ending with a NULL value), preset chosen when none is given. */
static void radios(struct buf *b, const struct check_form_view *v, const struct check_question *q,
                   const struct form_choice *choices, const char *preset)
{
    struct form_field f = question(v, q);
    size_t n = 0;

    while (choices[n].value) {
        n++;
    }
    if (!f.value) {
        f.value = preset;
    }
    f.classes = "govuk-radios--small";
    form_radios(b, &f, choices, n);
}

static void text_question(struct buf *b, const struct check_form_view *v,
                          const struct check_question *q)
{
    struct form_field f = question(v, q);

    f.rows = 2;
    form_textarea(b, &f);
}

/*
 * What a "Check the notice" link from a funder's published grants (ind_ended_check_path) knows
 * of the funding that ended: shown above the questions, and carried in hidden fields to the
 * result, and from there to recording it.
 */
static void from_published_grants(struct buf *b, const struct check_form_view *v)
{
    static const char *const carried[] = {"body", "organisation", "org_q", "amount", "last_award"};
    const char *body = value_of(v, "body"), *org = value_of(v, "org_q");
    const char *amount = value_of(v, "amount"), *last = value_of(v, "last_award");
    int64_t pence;
    date_t award;

    if (v->kind != ACTIVITY_FUNDING_CHANGE || ((!body || !*body) && (!org || !*org))) {
        return;
    }
    for (size_t i = 0; i < sizeof(carried) / sizeof(carried[0]); i++) {
        const char *value = value_of(v, carried[i]);
        if (value && *value) {
            html_lit(b, "<input type=\"hidden\" name=\"");
            html_attr(b, carried[i]);
            html_lit(b, "\" value=\"");
            html_attr(b, value);
            html_lit(b, "\">");
        }
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">From the funder&#39;s published grants</h2>"
                "<dl class=\"govuk-summary-list\">");
    if (body && *body) {
        summary_row(b, "Funder", body);
    }
    if (org && *org) {
        summary_row(b, "Organisation funded", org);
    }
    if (amount && norm_amount_text(amount, strlen(amount), &pence) == 0) {
        summary_row_start(b, "Its grants in the last year funded", 0);
        html_money(b, pence);
        summary_row_end(b, NULL, NULL);
    }
    if (last && date_parse(last, strlen(last), &award) == 0) {
        summary_row_start(b, "Its last grant was awarded on", 0);
        html_date(b, award);
        summary_row_end(b, NULL, NULL);
    }
    html_lit(b, "</dl><p class=\"govuk-body\">When the funding ends is filled in from the last "
                "grant&#39;s planned end, or from its award date and its length in months, where "
                "the funder published them. Check it, and answer what you know of the "
                "notice.</p>");
}

void view_check_form_page(struct buf *b, const struct check_form_view *v,
                          const struct viewer *viewer)
{
    static const struct form_choice yes_no[] = {
        {"yes", "Yes"}, {"no", "No"}, {"unknown", "Not known"}, {NULL, NULL}};
    static const struct form_choice formal_choices[] = {
        {"yes", "Yes"}, {"no", "No, it is informal"}, {NULL, NULL}};
    static const struct check_question as_of = {
        "as_of", Q_DATE, "Check it as of which date?", "Leave it blank for today", NULL, NULL};
    const struct crumb crumbs[] = {
        {"Home", "/"}, {"Check a decision", "/checks"}, {check_title(v->kind), NULL}};
    const struct layout l = {.title = check_title(v->kind),
                             .nav = NAV_CHECKS,
                             .crumbs = crumbs,
                             .ncrumbs = 3,
                             .viewer = viewer,
                             .errors = v->errors,
                             .nerrors = v->nerrors,
                             .narrow = 1};
    struct form_option *options;
    struct form_option stack[17];
    size_t n;
    const struct check_question *qs = check_questions(v->kind, &n);

    view_layout_start(b, &l);
    view_heading(b, NULL, l.title);
    html_lit(b, "<p class=\"govuk-body\">Answer what you know. Leave blank what you do not "
                "know: the check will say what it cannot tell without it.</p>"
                "<form method=\"get\" action=\"/checks/");
    html_url(b, activity_kind_id(v->kind));
    html_lit(b, "/result\" novalidate>");
    from_published_grants(b, v);
    for (size_t i = 0; i < n; i++) {
        switch (qs[i].type) {
        case Q_DATE:
            date_question(b, v, &qs[i]);
            break;
        case Q_YES_NO:
            if (!strcmp(qs[i].fact, "formal")) {
                radios(b, v, &qs[i], formal_choices, "yes");
            } else {
                radios(b, v, &qs[i], yes_no, "unknown");
            }
            break;
        case Q_TEXT:
            text_question(b, v, &qs[i]);
            break;
        case Q_CHOICE:
            radios(b, v, &qs[i], qs[i].choices, qs[i].choices[0].value);
            break;
        }
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">The Compact</h2>");
    /* at most 16 Compacts offered here; the rest by the API */
    options = stack;
    options[0] = (struct form_option){"", "None: use the national Compact's defaults",
                                      !value_of(v, "compact") || !*value_of(v, "compact")};
    for (size_t i = 0; i < v->ncompacts && i < 16; i++) {
        const char *chosen = value_of(v, "compact");
        options[i + 1] = (struct form_option){v->compacts[i].id, v->compacts[i].name,
                                              chosen && !strcmp(chosen, v->compacts[i].id)};
    }
    form_select(b,
                &(struct form_field){.name = "compact",
                                     .label = "Which local Compact applies?",
                                     .error = error_for(v, "compact")},
                options, 1 + (v->ncompacts < 16 ? v->ncompacts : 16));
    date_question(b, v, &as_of);
    html_lit(b, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
                "Check</button></form>");
    view_layout_end(b, &l);
}

const char *verdict_label(enum verdict v, int planned)
{
    static const char *const labels[2][VERDICT_COUNT] = {
        {
            [VERDICT_MET] = "Met",
            [VERDICT_JUSTIFIED] = "Justified",
            [VERDICT_PENDING] = "Pending",
            [VERDICT_UNKNOWN] = "Not known",
            [VERDICT_BREACH] = "Breach",
        },
        {
            [VERDICT_MET] = "Would keep",
            [VERDICT_JUSTIFIED] = "Would be justified",
            [VERDICT_PENDING] = "Not due yet",
            [VERDICT_UNKNOWN] = "Not known",
            [VERDICT_BREACH] = "Would not keep",
        },
    };
    return (unsigned)v < VERDICT_COUNT ? labels[planned != 0][v] : "";
}

void view_verdict_tag(struct buf *b, enum verdict v, int planned)
{
    static const char *const classes[VERDICT_COUNT] = {
        [VERDICT_MET] = "govuk-tag--green",    [VERDICT_JUSTIFIED] = "govuk-tag--blue",
        [VERDICT_PENDING] = "govuk-tag--grey", [VERDICT_UNKNOWN] = "govuk-tag--yellow",
        [VERDICT_BREACH] = "govuk-tag--red",
    };

    if ((unsigned)v >= VERDICT_COUNT) {
        return;
    }
    html_lit(b, "<strong class=\"govuk-tag ");
    html_attr(b, classes[v]);
    html_lit(b, "\">");
    html_text(b, verdict_label(v, planned));
    html_lit(b, "</strong>");
}

static const char *paraphrase_for(const char *rule)
{
    size_t n;
    const struct commitment *all = commitments_default(&n);
    for (size_t i = 0; i < n; i++) {
        for (size_t r = 0; r < COMMITMENT_RULES_MAX && all[i].rules[r]; r++) {
            if (!strcmp(all[i].rules[r], rule)) {
                return all[i].paraphrase;
            }
        }
    }
    return rule;
}

void view_rule_commitment(struct buf *out, enum rule r, const char *const *numbers,
                          const char *const *paraphrases)
{
    const char *rule = rule_id(r);
    const char *number = numbers && numbers[r] ? numbers[r] : commitment_for_rule(rule);
    const char *paraphrase = paraphrases && paraphrases[r] ? paraphrases[r] : paraphrase_for(rule);

    buf_reset(out);
    if (number) {
        buf_addf(out, "%s %s", number, paraphrase);
    } else {
        buf_adds(out, paraphrase);
    }
}

/* The commitment rule tests (view_rule_commitment), or the rule's name when it is not one. */
static void commitment_title(struct buf *out, const struct check_result_view *v, const char *rule)
{
    enum rule r;

    if (rule_parse(rule, &r) == 0) {
        view_rule_commitment(out, r, v->numbers, v->paraphrases);
    } else if (commitment_for_rule(rule)) {
        buf_reset(out);
        buf_addf(out, "%s %s", commitment_for_rule(rule), paraphrase_for(rule));
    } else {
        buf_reset(out);
        buf_adds(out, paraphrase_for(rule));
    }
}

static const char *label_of(const char *rule)
{
    enum rule r;
    return rule_parse(rule, &r) == 0 ? rule_label(r) : rule;
}

/* One rule's row of a commitment's card: what it looks at, the verdict, why, what to do. */
static void finding_row(struct buf *b, const struct finding *f, int planned)
{
    summary_row_start(b, label_of(f->rule), 0);
    view_verdict_tag(b, f->verdict, planned);
    html_lit(b, "<p class=\"govuk-body govuk-!-margin-top-2\">");
    html_text(b, f->explanation);
    html_lit(b, "</p>");
    if (f->remedy[0]) {
        if (planned) {
            html_lit(b, "<p class=\"govuk-body\"><strong>To keep it:</strong> ");
        } else {
            html_lit(b, "<p class=\"govuk-body\"><strong>What can be done:</strong> ");
        }
        html_text(b, f->remedy);
        html_lit(b, "</p>");
    }
    summary_row_end(b, NULL, NULL);
}

void view_check_findings(struct buf *b, const struct check_result_view *v, int planned)
{
    struct rule_skipped skipped[RULE_COUNT];
    size_t nskipped =
        v->activity ? rules_skipped(v->activity, v->params, v->local, skipped, RULE_COUNT) : 0;
    struct buf title = BUF_INIT, other = BUF_INIT;
    unsigned char shown[RULES_MAX_FINDINGS] = {0};

    for (size_t i = 0; i < v->n && i < RULES_MAX_FINDINGS; i++) {
        if (shown[i]) {
            continue;
        }
        commitment_title(&title, v, v->findings[i].rule);
        summary_card_start(b, title.data, NULL, 1);
        for (size_t j = i; j < v->n && j < RULES_MAX_FINDINGS; j++) {
            commitment_title(&other, v, v->findings[j].rule);
            if (!shown[j] && !strcmp(other.data, title.data)) {
                finding_row(b, &v->findings[j], planned);
                shown[j] = 1;
            }
        }
        summary_card_end(b);
    }
    for (size_t i = 0; i < nskipped; i++) {
        commitment_title(&title, v, rule_id(skipped[i].rule));
        summary_card_start(b, title.data, NULL, 1);
        summary_row_start(b, rule_label(skipped[i].rule), 0);
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--grey\">Does not apply</strong>"
                    "<p class=\"govuk-body govuk-!-margin-top-2\">");
        html_text(b, skipped[i].why);
        html_lit(b, "</p>");
        summary_row_end(b, NULL, NULL);
        summary_card_end(b);
    }
    buf_release(&title);
    buf_release(&other);
}

/* "3 months of notice (national default)", by what the number means, never its name. */
static void numbers_used(struct buf *b, const struct check_result_view *v)
{
    html_lit(b, "<h2 class=\"govuk-heading-m\">The numbers used</h2>"
                "<dl class=\"govuk-summary-list\">");
    for (int i = 0; i < PARAM_COUNT; i++) {
        enum param p = (enum param)i;
        const char *unit = param_unit(p);
        int value = v->params->value[i];

        if (!(activity_kind_params(v->kind) & (1u << i))) {
            continue;
        }
        summary_row_start(b, param_label(p), 0);
        if (v->params->source[i] == SOURCE_NONE) {
            html_lit(b, "None: ");
            html_text(b, v->local ? "the local Compact sets no minimum, nor does the national "
                                    "Compact"
                                  : "the national Compact sets no minimum");
        } else {
            struct buf text = BUF_INIT;
            buf_addf(&text, "%d %.*s %s (%s)", value, (int)strlen(unit) - (value == 1), unit,
                     param_measure(p), param_source_phrase(v->params->source[i]));
            html_text(b, text.data);
            buf_release(&text);
        }
        summary_row_end(b, NULL, NULL);
    }
    html_lit(b, "</dl>");
}

void view_check_result_page(struct buf *b, const struct check_result_view *v,
                            const struct viewer *viewer)
{
    const struct crumb crumbs[] = {
        {"Home", "/"}, {"Check a decision", "/checks"}, {check_title(v->kind), NULL}};
    const struct layout l = {.title = "The result of the check",
                             .nav = NAV_CHECKS,
                             .crumbs = crumbs,
                             .ncrumbs = 3,
                             .viewer = viewer};
    char as_of[DATE_LONG_MAX + 1];
    int planned = v->activity && rules_planned(v->activity, v->as_of) == 1;

    date_format_long(v->as_of, as_of);
    view_layout_start(b, &l);
    view_heading(b, check_title(v->kind), l.title);
    html_lit(b, "<p class=\"govuk-body-l\">Overall: ");
    view_verdict_tag(b, v->overall, planned);
    html_lit(b, "</p><p class=\"govuk-body\">");
    if (planned) {
        /* a funding change is a plan before its decision or, with no decision date, before
         * it takes effect (rules_planned) */
        int decision =
            v->kind != ACTIVITY_FUNDING_CHANGE || v->activity->decision_date.state == FACT_SET;
        html_lit(b, "This is a plan: it is checked as of ");
        html_text(b, as_of);
        html_lit(b, ", ");
        html_text(b, decision ? kinds[v->kind].before : "before the funding changes");
        html_lit(b, ", so the results say what it would do as planned, and what can still be "
                    "done to keep the Compact.");
    } else {
        html_lit(b, "Checked as of ");
        html_text(b, as_of);
        html_lit(b, ".");
    }
    html_lit(b, " A commitment is met, or a good reason for departing from it is recorded");
    if (v->kind == ACTIVITY_FUNDING_CHANGE) {
        html_lit(b, "; notice of a funding cut is a minimum no reason excuses");
    }
    html_lit(b, ".</p><h2 class=\"govuk-heading-m\">What the Compact asks, and what the answers "
                "show</h2>");
    view_check_findings(b, v, planned);
    numbers_used(b, v);
    if (v->record) {
        view_record_offer(b, v->record);
    }
    if (v->complain_href) {
        html_lit(b, "<h2 class=\"govuk-heading-m\">Complain about it</h2><p "
                    "class=\"govuk-body\">A breach of the Compact can be taken up with the body "
                    "that made the decision: raise a complaint, with the commitments it breaches "
                    "filled in, and follow it through each stage and its deadlines.</p><p "
                    "class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
        html_attr(b, v->complain_href);
        html_lit(b, "\">Raise a complaint about this decision</a></p>");
    }
    html_lit(b, "<div class=\"govuk-button-group\"><a class=\"govuk-button "
                "govuk-button--secondary\" data-module=\"govuk-button\" href=\"/checks/");
    html_url(b, activity_kind_id(v->kind));
    html_lit(b, "?");
    html_attr(b, v->answers);
    html_lit(b, "\">Change your answers</a><a class=\"govuk-link\" href=\"/checks\">Check "
                "something else</a></div>");
    html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/checks/verdicts\">What "
                "each result means, and what the Compact asks</a></p>");
    view_layout_end(b, &l);
}
