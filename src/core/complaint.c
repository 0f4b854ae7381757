/* Complaints of non-compliance: stages, events, refusals, deadlines, states and statistics. */
#include "complaint.h"

#include <string.h>

#include "suppress.h"
#include "base/err.h"
#include "base/banned.h"

/* ---- names ---- */

/* Each stage: its name, what a person reads, the parameter of its due date (or -1), and whether
 * a case may open at it. */
static const struct {
    const char *id, *label;
    int param;
    int may_open;
} stages[STAGE_COUNT] = {
    [STAGE_INFORMAL] = {"informal", "Raised with the decision-maker", CPARAM_INFORMAL_RESPONSE_DAYS,
                        1},
    [STAGE_FORMAL] = {"formal", "The body's complaints procedure", CPARAM_FORMAL_RESPONSE_DAYS, 1},
    [STAGE_DISPUTE] = {"dispute", "The local Compact's dispute procedure",
                       CPARAM_DISPUTE_RESPONSE_DAYS, 1},
    [STAGE_ADVICE] = {"advice", "Advice from the national body", -1, 0},
    [STAGE_OMBUDSMAN] = {"ombudsman", "The ombudsman", -1, 0},
};

static const struct {
    const char *id, *label;
} ombudsmen[OMBUDSMAN_COUNT] = {
    [OMBUDSMAN_NONE] = {"", ""},
    [OMBUDSMAN_LGO] = {"lgo", "Local Government and Social Care Ombudsman"},
    [OMBUDSMAN_PHSO] = {"phso", "Parliamentary Ombudsman"},
};

static const struct {
    const char *id, *label;
} outcomes[OUTCOME_COUNT] = {
    [OUTCOME_RESOLVED] = {"resolved", "Resolved by agreement"},
    [OUTCOME_UPHELD] = {"upheld", "Upheld"},
    [OUTCOME_PARTLY_UPHELD] = {"partly_upheld", "Partly upheld"},
    [OUTCOME_NOT_UPHELD] = {"not_upheld", "Not upheld"},
    [OUTCOME_WITHDRAWN] = {"withdrawn", "Withdrawn"},
};

static const struct {
    const char *id;
    int national_default;
    const char *label;
} cparams[CPARAM_COUNT] = {
    [CPARAM_INFORMAL_RESPONSE_DAYS] = {"informal_response_days", 10,
                                       "Time to respond to a complaint raised with the "
                                       "decision-maker"},
    [CPARAM_FORMAL_RESPONSE_DAYS] = {"formal_response_days", 20,
                                     "Time to respond under the body's complaints procedure"},
    [CPARAM_DISPUTE_RESPONSE_DAYS] = {"dispute_response_days", 40,
                                      "Time to respond under the Compact's dispute procedure"},
};

static const char *const event_ids[CEVENT_COUNT] = {
    [CEVENT_OPENED] = "opened", [CEVENT_RESPONSE] = "response", [CEVENT_ESCALATED] = "escalated",
    [CEVENT_CLOSED] = "closed", [CEVENT_REOPENED] = "reopened", [CEVENT_NOTE] = "note",
};

static const struct {
    const char *id, *label;
} states[CSTATE_COUNT] = {
    [CSTATE_AWAITING_RESPONSE] = {"awaiting_response", "Awaiting a response"},
    [CSTATE_RESPONDED] = {"responded", "Responded on time"},
    [CSTATE_RESPONDED_LATE] = {"responded_late", "Responded late"},
    [CSTATE_OVERDUE] = {"overdue", "Overdue"},
    [CSTATE_LONG_OVERDUE] = {"long_overdue", "Long overdue"},
    [CSTATE_ENDED_EARLY] = {"ended_early", "Ended before its due date"},
};

static const char *const window_ids[CWINDOW_COUNT] = {
    [CWINDOW_OPEN] = "open",
    [CWINDOW_CLOSING] = "closing",
    [CWINDOW_PASSED] = "passed",
    [CWINDOW_USED] = "used",
};

/* Each refusal: its name, the field it names, 409 or 400, and what a person reads. */
static const struct {
    const char *id, *field;
    int err;
    const char *message;
} refusals[CREFUSE_COUNT] = {
    [CREFUSE_NONE] = {"", "", 0, ""},
    [CREFUSE_NOT_LATER] = {"not_later", "to", ERR_CONFLICT,
                           "Choose a stage after the one the complaint is at now"},
    [CREFUSE_OMBUDSMAN_NO_FORMAL] =
        {"ombudsman_no_formal", "to", ERR_CONFLICT,
         "The ombudsman expects the body's own complaints procedure to have been used first: "
         "escalate to the formal stage before the ombudsman"},
    [CREFUSE_SECOND_RESPONSE] = {"second_response", "type", ERR_CONFLICT,
                                 "The body has already responded at this stage"},
    [CREFUSE_CLOSED] = {"closed", "type", ERR_CONFLICT,
                        "The complaint is closed: reopen it first, or add a note"},
    [CREFUSE_NOT_CLOSED] = {"not_closed", "type", ERR_CONFLICT,
                            "The complaint is open: only a closed complaint can be reopened"},
    [CREFUSE_TOO_MANY_STAGES] = {"too_many_stages", "type", ERR_CONFLICT,
                                 "The complaint has been reopened too many times"},
    [CREFUSE_TYPE] = {"type", "type", ERR_INVALID,
                      "Choose what happened: a response, an escalation, a closing, a reopening "
                      "or a note"},
    [CREFUSE_STAGE] = {"stage", "stage", ERR_INVALID,
                       "Choose the stage the complaint starts at: informal, formal or dispute"},
    [CREFUSE_TO] = {"to", "to", ERR_INVALID, "Choose the stage to escalate the complaint to"},
    [CREFUSE_OMBUDSMAN] = {"ombudsman", "ombudsman", ERR_INVALID,
                           "Choose the ombudsman: the Local Government and Social Care Ombudsman "
                           "(lgo) or the Parliamentary Ombudsman (phso)"},
    [CREFUSE_OUTCOME] = {"outcome", "outcome", ERR_INVALID,
                         "Choose the outcome: resolved, upheld, partly upheld, not upheld or "
                         "withdrawn"},
    [CREFUSE_RULES] = {"rules", "rules", ERR_INVALID,
                       "Choose the rules the complaint cites from the list of rules"},
    [CREFUSE_CAUSES] = {"causes", "causes", ERR_INVALID,
                        "Choose the causes found from the list of rules"},
    [CREFUSE_DATE] = {"date", "date", ERR_INVALID, "Enter the date as a real date"},
    [CREFUSE_DATE_ORDER] = {"date_order", "date", ERR_INVALID,
                            "The date must be the same as or after the date of the last event"},
    [CREFUSE_DATE_FUTURE] = {"date_future", "date", ERR_INVALID,
                             "The date must be today or in the past"},
    [CREFUSE_DATE_CALENDAR] = {"date_calendar", "date", ERR_INVALID,
                               "The due date falls in a year whose bank holidays are not known"},
    [CREFUSE_DAYS] = {"days", "days", ERR_INVALID,
                      "The working days for a response must be a whole number from 1 to 260"},
    [CREFUSE_OPENED_ON] = {"opened_on", "opened_on", ERR_INVALID,
                           "The date the complaint was raised must be a real date, today or in "
                           "the past"},
    [CREFUSE_AWARE_ON] = {"aware_on", "aware_on", ERR_INVALID,
                          "The date you knew of the problem must be a real date, the same as or "
                          "before the date the complaint was raised"},
    [CREFUSE_COMPLAINANT] = {"complainant", "complainant", ERR_INVALID,
                             "Choose the complainant from the register of organisations"},
    [CREFUSE_RESPONDENT] = {"respondent", "respondent", ERR_INVALID,
                            "Choose the body complained about from the register of "
                            "organisations"},
};

#define IN_RANGE(v, n) ((int)(v) >= 0 && (int)(v) < (int)(n))

/* The index of s among the n ids ids(i), or -1. */
static int find_id(const char *s, int n, const char *(*ids)(int))
{
    for (int i = 0; s && i < n; i++) {
        if (*ids(i) && strcmp(s, ids(i)) == 0) {
            return i;
        }
    }
    return -1;
}

const char *complaint_stage_id(enum complaint_stage s)
{
    return IN_RANGE(s, STAGE_COUNT) ? stages[s].id : "";
}

const char *complaint_stage_label(enum complaint_stage s)
{
    return IN_RANGE(s, STAGE_COUNT) ? stages[s].label : "";
}

static const char *stage_at(int i)
{
    return complaint_stage_id((enum complaint_stage)i);
}

int complaint_stage_parse(const char *s, enum complaint_stage *out)
{
    int i = find_id(s, STAGE_COUNT, stage_at);
    *out = i < 0 ? STAGE_INFORMAL : (enum complaint_stage)i;
    return i < 0 ? ERR_INVALID : 0;
}

int complaint_stage_may_open(enum complaint_stage s)
{
    return IN_RANGE(s, STAGE_COUNT) && stages[s].may_open;
}

int complaint_stage_has_due(enum complaint_stage s)
{
    return IN_RANGE(s, STAGE_COUNT) && stages[s].param >= 0;
}

const char *complaint_ombudsman_id(enum complaint_ombudsman o)
{
    return IN_RANGE(o, OMBUDSMAN_COUNT) ? ombudsmen[o].id : "";
}

const char *complaint_ombudsman_label(enum complaint_ombudsman o)
{
    return IN_RANGE(o, OMBUDSMAN_COUNT) ? ombudsmen[o].label : "";
}

static const char *ombudsman_at(int i)
{
    return complaint_ombudsman_id((enum complaint_ombudsman)i);
}

int complaint_ombudsman_parse(const char *s, enum complaint_ombudsman *out)
{
    int i = find_id(s, OMBUDSMAN_COUNT, ombudsman_at);
    *out = i < 0 ? OMBUDSMAN_NONE : (enum complaint_ombudsman)i;
    return i < 0 ? ERR_INVALID : 0;
}

const char *complaint_outcome_id(enum complaint_outcome o)
{
    return IN_RANGE(o, OUTCOME_COUNT) ? outcomes[o].id : "";
}

const char *complaint_outcome_label(enum complaint_outcome o)
{
    return IN_RANGE(o, OUTCOME_COUNT) ? outcomes[o].label : "";
}

static const char *outcome_at(int i)
{
    return complaint_outcome_id((enum complaint_outcome)i);
}

int complaint_outcome_parse(const char *s, enum complaint_outcome *out)
{
    int i = find_id(s, OUTCOME_COUNT, outcome_at);
    *out = i < 0 ? OUTCOME_RESOLVED : (enum complaint_outcome)i;
    return i < 0 ? ERR_INVALID : 0;
}

const char *complaint_param_id(enum complaint_param p)
{
    return IN_RANGE(p, CPARAM_COUNT) ? cparams[p].id : "";
}

static const char *param_at(int i)
{
    return complaint_param_id((enum complaint_param)i);
}

int complaint_param_parse(const char *s, enum complaint_param *out)
{
    int i = find_id(s, CPARAM_COUNT, param_at);
    *out = i < 0 ? CPARAM_INFORMAL_RESPONSE_DAYS : (enum complaint_param)i;
    return i < 0 ? ERR_INVALID : 0;
}

int complaint_param_default(enum complaint_param p)
{
    return IN_RANGE(p, CPARAM_COUNT) ? cparams[p].national_default : 0;
}

const char *complaint_param_label(enum complaint_param p)
{
    return IN_RANGE(p, CPARAM_COUNT) ? cparams[p].label : "";
}

const char *complaint_event_id(enum complaint_event_type t)
{
    return IN_RANGE(t, CEVENT_COUNT) ? event_ids[t] : "";
}

static const char *event_at(int i)
{
    return complaint_event_id((enum complaint_event_type)i);
}

int complaint_event_parse(const char *s, enum complaint_event_type *out)
{
    int i = find_id(s, CEVENT_COUNT, event_at);
    *out = i < 0 ? CEVENT_NOTE : (enum complaint_event_type)i;
    return i < 0 ? ERR_INVALID : 0;
}

const char *complaint_refusal_id(enum complaint_refusal r)
{
    return IN_RANGE(r, CREFUSE_COUNT) ? refusals[r].id : "";
}

const char *complaint_refusal_field(enum complaint_refusal r)
{
    return IN_RANGE(r, CREFUSE_COUNT) ? refusals[r].field : "";
}

const char *complaint_refusal_message(enum complaint_refusal r)
{
    return IN_RANGE(r, CREFUSE_COUNT) ? refusals[r].message : "";
}

int complaint_refusal_err(enum complaint_refusal r)
{
    return IN_RANGE(r, CREFUSE_COUNT) ? refusals[r].err : ERR_INVALID;
}

const char *complaint_state_id(enum complaint_state s)
{
    return IN_RANGE(s, CSTATE_COUNT) ? states[s].id : "";
}

const char *complaint_state_label(enum complaint_state s)
{
    return IN_RANGE(s, CSTATE_COUNT) ? states[s].label : "";
}

const char *complaint_window_id(enum complaint_window w)
{
    return IN_RANGE(w, CWINDOW_COUNT) ? window_ids[w] : "";
}

int complaint_rules_parse(const char *const *names, size_t n, enum complaint_refusal which,
                          enum rule out[COMPLAINT_RULES_MAX], size_t *nout,
                          enum complaint_refusal *why)
{
    int seen[RULE_COUNT] = {0};

    *nout = 0;
    *why = CREFUSE_NONE;
    for (size_t i = 0; i < n; i++) {
        enum rule r;
        if (rule_parse(names[i], &r) < 0) {
            *nout = 0;
            *why = which;
            return ERR_INVALID;
        }
        if (!seen[r]) {
            seen[r] = 1;
            out[(*nout)++] = r;
        }
    }
    return 0;
}

/* ---- the case ---- */

int complaint_days(const struct complaint_params *params, enum complaint_stage s,
                   enum param_source *source)
{
    int p;

    *source = SOURCE_NONE;
    if (!complaint_stage_has_due(s)) {
        return 0;
    }
    p = stages[s].param;
    if (params && params->set[p] && params->value[p] >= 1 && params->value[p] <= CPARAM_VALUE_MAX) {
        *source = SOURCE_COMPACT;
        return params->value[p];
    }
    *source = SOURCE_DEFAULT;
    return cparams[p].national_default;
}

void complaint_init(struct complaint_case *c, date_t aware_on)
{
    memset(c, 0, sizeof(*c));
    c->aware_on = aware_on;
}

enum complaint_stage complaint_current(const struct complaint_case *c)
{
    return c->nruns ? c->runs[c->nruns - 1].stage : STAGE_INFORMAL;
}

enum complaint_stage complaint_highest(const struct complaint_case *c)
{
    enum complaint_stage s = STAGE_INFORMAL;
    for (size_t i = 0; i < c->nruns; i++) {
        if (c->runs[i].stage > s) {
            s = c->runs[i].stage;
        }
    }
    return s;
}

date_t complaint_ombudsman_deadline(date_t aware_on)
{
    return date_add_months(aware_on, 12);
}

/* A new entry for stage s started on start into *r, its days from params or from e. */
static enum complaint_refusal start_run(const struct calendar *cal, enum complaint_stage s,
                                        date_t start, const struct complaint_params *params,
                                        const struct complaint_event *e, struct complaint_run *r)
{
    memset(r, 0, sizeof(*r));
    r->stage = s;
    r->started_on = start;
    if (params) {
        r->days = complaint_days(params, s, &r->source);
    } else {
        r->days = e->days;
        r->source = e->source;
    }
    if (!complaint_stage_has_due(s)) {
        r->days = 0;
        r->source = SOURCE_NONE;
        return CREFUSE_NONE;
    }
    if (r->days < 1 || r->days > CPARAM_VALUE_MAX ||
        (r->source != SOURCE_DEFAULT && r->source != SOURCE_COMPACT)) {
        return CREFUSE_DAYS;
    }
    r->has_due = 1;
    if (calendar_add_working_days(cal, start, r->days, &r->due_on) < 0 ||
        calendar_add_working_days(cal, start, 2 * r->days, &r->long_due_on) < 0) {
        return CREFUSE_DATE_CALENDAR;
    }
    return CREFUSE_NONE;
}

/* The bad values of e (400), whatever the case. */
static enum complaint_refusal bad_value(const struct complaint_case *c,
                                        const struct complaint_event *e, date_t today)
{
    if (!IN_RANGE(e->type, CEVENT_COUNT)) {
        return CREFUSE_TYPE;
    }
    if ((c->nevents == 0) != (e->type == CEVENT_OPENED)) {
        return CREFUSE_TYPE;
    }
    if (e->type == CEVENT_OPENED) {
        if (!complaint_stage_may_open(e->to)) {
            return CREFUSE_STAGE;
        }
        if (e->date > today) {
            return CREFUSE_OPENED_ON;
        }
        if (c->aware_on > e->date) {
            return CREFUSE_AWARE_ON;
        }
        return CREFUSE_NONE;
    }
    if (e->date < c->last_date) {
        return CREFUSE_DATE_ORDER;
    }
    if (e->date > today) {
        return CREFUSE_DATE_FUTURE;
    }
    if (e->type == CEVENT_ESCALATED) {
        if (!IN_RANGE(e->to, STAGE_COUNT)) {
            return CREFUSE_TO;
        }
        if (e->to == STAGE_OMBUDSMAN &&
            (e->ombudsman != OMBUDSMAN_LGO && e->ombudsman != OMBUDSMAN_PHSO)) {
            return CREFUSE_OMBUDSMAN;
        }
    }
    if (e->type == CEVENT_CLOSED) {
        if (!IN_RANGE(e->outcome, OUTCOME_COUNT)) {
            return CREFUSE_OUTCOME;
        }
        if (e->ncauses > COMPLAINT_RULES_MAX) {
            return CREFUSE_CAUSES;
        }
        for (size_t i = 0; i < e->ncauses; i++) {
            if (!IN_RANGE(e->causes[i], RULE_COUNT)) {
                return CREFUSE_CAUSES;
            }
        }
    }
    return CREFUSE_NONE;
}

/* What the case refuses of e (409). */
static enum complaint_refusal conflict(const struct complaint_case *c,
                                       const struct complaint_event *e)
{
    if (e->type == CEVENT_OPENED || e->type == CEVENT_NOTE) {
        return CREFUSE_NONE;
    }
    if (c->status == CSTATUS_CLOSED) {
        return e->type == CEVENT_REOPENED ? CREFUSE_NONE : CREFUSE_CLOSED;
    }
    switch (e->type) {
    case CEVENT_REOPENED:
        return CREFUSE_NOT_CLOSED;
    case CEVENT_RESPONSE:
        return c->runs[c->nruns - 1].responded ? CREFUSE_SECOND_RESPONSE : CREFUSE_NONE;
    case CEVENT_ESCALATED:
        if (e->to <= complaint_current(c)) {
            return CREFUSE_NOT_LATER;
        }
        if (e->to == STAGE_OMBUDSMAN && !c->was_formal) {
            return CREFUSE_OMBUDSMAN_NO_FORMAL;
        }
        return CREFUSE_NONE;
    default:
        return CREFUSE_NONE;
    }
}

int complaint_apply(struct complaint_case *c, struct complaint_event *e,
                    const struct complaint_params *params, const struct calendar *cal, date_t today,
                    enum complaint_refusal *why)
{
    struct complaint_run run;
    int starts = 0;
    enum complaint_refusal r = bad_value(c, e, today);

    if (r == CREFUSE_NONE) {
        r = conflict(c, e);
    }
    if (r == CREFUSE_NONE &&
        (e->type == CEVENT_OPENED || e->type == CEVENT_ESCALATED || e->type == CEVENT_REOPENED)) {
        enum complaint_stage s = e->type == CEVENT_REOPENED ? complaint_current(c) : e->to;
        starts = 1;
        r = c->nruns == COMPLAINT_STAGES_MAX ? CREFUSE_TOO_MANY_STAGES
                                             : start_run(cal, s, e->date, params, e, &run);
    }
    *why = r;
    if (r != CREFUSE_NONE) {
        return refusals[r].err;
    }

    switch (e->type) {
    case CEVENT_OPENED:
        c->opened_on = e->date;
        break;
    case CEVENT_RESPONSE:
        c->runs[c->nruns - 1].responded = 1;
        c->runs[c->nruns - 1].responded_on = e->date;
        break;
    case CEVENT_ESCALATED:
        c->runs[c->nruns - 1].ended = 1;
        c->runs[c->nruns - 1].ended_on = e->date;
        if (e->to == STAGE_OMBUDSMAN) {
            c->ombudsman = e->ombudsman;
            c->ombudsman_late = e->date > complaint_ombudsman_deadline(c->aware_on);
        }
        break;
    case CEVENT_CLOSED:
        c->runs[c->nruns - 1].ended = 1;
        c->runs[c->nruns - 1].ended_on = e->date;
        c->status = CSTATUS_CLOSED;
        c->outcome = e->outcome;
        c->has_outcome = 1;
        c->closed_on = e->date;
        memcpy(c->causes, e->causes, e->ncauses * sizeof(e->causes[0]));
        c->ncauses = e->ncauses;
        break;
    case CEVENT_REOPENED:
        c->status = CSTATUS_OPEN;
        break;
    default:
        break;
    }
    if (starts) {
        c->runs[c->nruns++] = run;
        c->was_formal |= run.stage == STAGE_FORMAL;
        if (params) {
            e->days = run.days;
            e->source = run.source;
        }
    }
    c->nevents++;
    c->last_date = e->date;
    return 0;
}

int complaint_build(struct complaint_case *c, date_t aware_on, const struct complaint_event *e,
                    size_t n, const struct calendar *cal, date_t as_of, enum complaint_refusal *why)
{
    complaint_init(c, aware_on);
    *why = CREFUSE_NONE;
    for (size_t i = 0; i < n && e[i].date <= as_of; i++) {
        struct complaint_event copy = e[i];
        int rc = complaint_apply(c, &copy, NULL, cal, as_of, why);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

/* ---- states ---- */

void complaint_run_state(const struct calendar *cal, const struct complaint_run *r, date_t as_of,
                         struct complaint_run_state *out)
{
    date_t e = r->ended ? r->ended_on : as_of;

    memset(out, 0, sizeof(*out));
    out->evaluated_on = e;
    if (!r->has_due) {
        out->state = r->responded ? CSTATE_RESPONDED
                     : r->ended   ? CSTATE_ENDED_EARLY
                                  : CSTATE_AWAITING_RESPONSE;
        return;
    }
    if (r->responded) {
        out->state = r->responded_on <= r->due_on ? CSTATE_RESPONDED : CSTATE_RESPONDED_LATE;
        out->working_days_late = calendar_working_days_between(cal, r->due_on, r->responded_on);
    } else if (e > r->due_on) {
        out->state = e > r->long_due_on ? CSTATE_LONG_OVERDUE : CSTATE_OVERDUE;
        out->working_days_late = calendar_working_days_between(cal, r->due_on, e);
    } else if (!r->ended) {
        out->state = CSTATE_AWAITING_RESPONSE;
        out->working_days_left = calendar_working_days_between(cal, e, r->due_on);
    } else {
        out->state = CSTATE_ENDED_EARLY;
    }
}

int complaint_due_next(const struct complaint_case *c, date_t *due)
{
    const struct complaint_run *r = c->nruns ? &c->runs[c->nruns - 1] : NULL;

    *due = 0;
    if (!r || c->status != CSTATUS_OPEN || !r->has_due || r->responded) {
        return 0;
    }
    *due = r->due_on;
    return 1;
}

enum complaint_window complaint_window(const struct complaint_case *c, date_t as_of)
{
    date_t deadline = complaint_ombudsman_deadline(c->aware_on);

    if (complaint_highest(c) == STAGE_OMBUDSMAN) {
        return CWINDOW_USED;
    }
    if (as_of > deadline) {
        return CWINDOW_PASSED;
    }
    return as_of >= date_add_months(deadline, -1) ? CWINDOW_CLOSING : CWINDOW_OPEN;
}

/* ---- statistics ---- */

void complaint_summarise(const struct calendar *cal, const struct complaint_case *c, date_t as_of,
                         struct complaint_summary *out)
{
    int y, m, d;

    memset(out, 0, sizeof(*out));
    date_to_ymd(c->opened_on, &y, &m, &d);
    out->year = y;
    out->highest = complaint_highest(c);
    out->closed = c->status == CSTATUS_CLOSED;
    out->outcome = c->outcome;
    out->causes = c->causes;
    out->ncauses = c->ncauses;
    for (size_t i = 0; i < c->nruns; i++) {
        struct complaint_run_state st;
        if (!c->runs[i].has_due) {
            continue;
        }
        complaint_run_state(cal, &c->runs[i], as_of, &st);
        if (st.state == CSTATE_RESPONDED) {
            out->on_time++;
        }
        if (st.state == CSTATE_RESPONDED || st.state == CSTATE_RESPONDED_LATE ||
            st.state == CSTATE_OVERDUE || st.state == CSTATE_LONG_OVERDUE) {
            out->due_counted++;
        }
    }
}

/* Suppress one breakdown of counts in place. */
static void hide_breakdown(struct complaint_count *cells, size_t count)
{
    size_t n[RULE_COUNT + STAGE_COUNT + OUTCOME_COUNT + 1];
    int hidden[RULE_COUNT + STAGE_COUNT + OUTCOME_COUNT + 1];

    for (size_t i = 0; i < count; i++) {
        n[i] = cells[i].n;
    }
    suppress_breakdown(n, count, hidden);
    for (size_t i = 0; i < count; i++) {
        cells[i].hidden = hidden[i];
    }
}

void complaint_stats(const struct complaint_summary *s, size_t n, struct complaint_stats *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < n; i++) {
        out->opened.n++;
        out->by_stage[s[i].highest].n++;
        out->by_outcome[s[i].closed ? s[i].outcome : COMPLAINT_OUTCOME_OPEN].n++;
        int seen[RULE_COUNT] = {0}; /* a cause named twice counts its case once */
        for (size_t j = 0; j < s[i].ncauses; j++) {
            if (!seen[s[i].causes[j]]) {
                seen[s[i].causes[j]] = 1;
                out->by_cause[s[i].causes[j]].n++;
            }
        }
        out->on_time += s[i].on_time;
        out->on_time_base += s[i].due_counted;
    }
    complaint_stats_suppress(out);
}

void complaint_stats_suppress(struct complaint_stats *out)
{
    out->opened.hidden = suppress_count(out->opened.n);
    hide_breakdown(out->by_stage, STAGE_COUNT);
    hide_breakdown(out->by_outcome, OUTCOME_COUNT + 1);
    hide_breakdown(out->by_cause, RULE_COUNT);
    out->share_shown = !suppress_share(out->on_time_base, SUPPRESS_SHARE_MIN_BASE);
    if (out->share_shown) {
        out->on_time_share = (double)out->on_time / (double)out->on_time_base;
    }
}
