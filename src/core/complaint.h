/*
 * Complaints of non-compliance (SPEC section 6): a case's stages, its events and what each
 * refuses, the working-day deadlines fixed when a stage starts, the state of every stage as of a
 * date, the ombudsman window, and the statistics across cases. Pure: the caller gives the
 * calendar (ingest_calendar), today, the Compact's parameters and the stored events.
 *
 * A case is rebuilt by applying its events in order (complaint_apply). A new event is applied
 * with the Compact's parameters now: the due date of a stage it starts is fixed then, and written
 * into the event (days, source) for the store to keep, so a later change of parameters does not
 * move it; stored events are applied again with params NULL, which reads those fixed days back.
 *
 * Where SPEC leaves a case open the domain decides:
 *  - "as of D" is the case as it stood at the end of day D: events dated after D are left out
 *    (complaint_build), so a response made after D does not show as D's state.
 *  - a "second response at the same stage" is a second response to the same stage entry: a
 *    reopened stage is a new entry and takes a response again.
 *  - the ombudsman window is closing from one month before ombudsman_deadline (on it inclusive:
 *    escalating on the deadline itself is in time), and has passed the day after.
 *  - statistics by outcome count open cases as a cell ("open") beside the five outcomes, so the
 *    breakdown covers every case opened; a case's outcome is that of its last closing.
 */
#ifndef CORE_COMPLAINT_H
#define CORE_COMPLAINT_H

#include <stddef.h>

#include "calendar.h"
#include "rules.h"
#include "base/date.h"

/* ---- stages ---- */

/* In SPEC order: a case only moves forward through them. */
enum complaint_stage {
    STAGE_INFORMAL,
    STAGE_FORMAL,
    STAGE_DISPUTE,
    STAGE_ADVICE,
    STAGE_OMBUDSMAN,
    STAGE_COUNT
};

/* "informal", "formal", "dispute", "advice", "ombudsman"; "" when out of range. */
const char *complaint_stage_id(enum complaint_stage s);
/* For people: "Raised with the decision-maker", "The body's complaints procedure", ... */
const char *complaint_stage_label(enum complaint_stage s);
/* 0 and *out, or ERR_INVALID (*out = STAGE_INFORMAL). */
int complaint_stage_parse(const char *s, enum complaint_stage *out);
/* Whether a case may open at s: informal, formal and dispute. */
int complaint_stage_may_open(enum complaint_stage s);
/* Whether s has a due date (informal, formal, dispute). */
int complaint_stage_has_due(enum complaint_stage s);

enum complaint_ombudsman { OMBUDSMAN_NONE, OMBUDSMAN_LGO, OMBUDSMAN_PHSO, OMBUDSMAN_COUNT };

/* "", "lgo", "phso". */
const char *complaint_ombudsman_id(enum complaint_ombudsman o);
/* For people: "Local Government and Social Care Ombudsman", "Parliamentary Ombudsman". */
const char *complaint_ombudsman_label(enum complaint_ombudsman o);
/* "lgo" or "phso": 0 and *out, or ERR_INVALID (*out = OMBUDSMAN_NONE). */
int complaint_ombudsman_parse(const char *s, enum complaint_ombudsman *out);

enum complaint_outcome {
    OUTCOME_RESOLVED,
    OUTCOME_UPHELD,
    OUTCOME_PARTLY_UPHELD,
    OUTCOME_NOT_UPHELD,
    OUTCOME_WITHDRAWN,
    OUTCOME_COUNT
};

/* "resolved", "upheld", "partly_upheld", "not_upheld", "withdrawn"; "" when out of range. */
const char *complaint_outcome_id(enum complaint_outcome o);
/* For people: "Resolved by agreement", "Upheld", ... */
const char *complaint_outcome_label(enum complaint_outcome o);
int complaint_outcome_parse(const char *s, enum complaint_outcome *out);

/* ---- parameters: working days for a response ---- */

enum complaint_param {
    CPARAM_INFORMAL_RESPONSE_DAYS,
    CPARAM_FORMAL_RESPONSE_DAYS,
    CPARAM_DISPUTE_RESPONSE_DAYS,
    CPARAM_COUNT
};

/* "informal_response_days", "formal_response_days", "dispute_response_days". */
const char *complaint_param_id(enum complaint_param p);
int complaint_param_parse(const char *s, enum complaint_param *out);
/* The national default: 10, 20, 40. */
int complaint_param_default(enum complaint_param p);
/* For people, the time in working days that it sets: "Time to respond to a complaint raised
 * with the decision-maker", ...; "" when out of range. */
const char *complaint_param_label(enum complaint_param p);
/* The largest value a Compact may set (a year of working days); more is ERR_INVALID. */
#define CPARAM_VALUE_MAX 260

/* A Compact's own values: value[p] counts when set[p]. */
struct complaint_params {
    int set[CPARAM_COUNT];
    int value[CPARAM_COUNT];
};

/* ---- events ---- */

enum complaint_event_type {
    CEVENT_OPENED,
    CEVENT_RESPONSE,
    CEVENT_ESCALATED,
    CEVENT_CLOSED,
    CEVENT_REOPENED,
    CEVENT_NOTE,
    CEVENT_COUNT
};

/* "opened", "response", "escalated", "closed", "reopened", "note". */
const char *complaint_event_id(enum complaint_event_type t);
int complaint_event_parse(const char *s, enum complaint_event_type *out);

/* Most rule names an event's causes or a case's rules may give (every rule once). */
#define COMPLAINT_RULES_MAX RULE_COUNT

/* One event as given or stored. Strings are borrowed. */
struct complaint_event {
    enum complaint_event_type type;
    date_t date;
    enum complaint_stage to;               /* opened: the first stage; escalated: the new stage */
    enum complaint_ombudsman ombudsman;    /* escalated to ombudsman: lgo or phso */
    enum complaint_outcome outcome;        /* closed */
    enum rule causes[COMPLAINT_RULES_MAX]; /* closed */
    size_t ncauses;
    const char *remedy, *note, *by;
    /* A stage it starts (opened, escalated, reopened): its working days and where they came
     * from (SOURCE_DEFAULT or SOURCE_COMPACT), fixed by complaint_apply with params, read by it
     * without; 0 and SOURCE_NONE for stages with no due date. */
    int days;
    enum param_source source;
};

/* ---- refusals ---- */

enum complaint_refusal {
    CREFUSE_NONE,
    /* 409: the event conflicts with the case */
    CREFUSE_NOT_LATER,           /* escalated to a stage not later than the current one */
    CREFUSE_OMBUDSMAN_NO_FORMAL, /* escalated to ombudsman, never at formal */
    CREFUSE_SECOND_RESPONSE,     /* a second response at the same stage */
    CREFUSE_CLOSED,              /* anything but note or reopened on a closed case */
    CREFUSE_NOT_CLOSED,          /* reopened on an open case */
    CREFUSE_TOO_MANY_STAGES,     /* more reopenings than a case holds */
    /* 400: a bad value */
    CREFUSE_TYPE,          /* unknown event type, or opened after the first event */
    CREFUSE_STAGE,         /* unknown stage, or one a case may not open at */
    CREFUSE_TO,            /* escalated without a known stage */
    CREFUSE_OMBUDSMAN,     /* escalated to ombudsman without lgo or phso */
    CREFUSE_OUTCOME,       /* closed without a known outcome */
    CREFUSE_RULES,         /* an unknown rule among the case's rules */
    CREFUSE_CAUSES,        /* an unknown rule among the causes */
    CREFUSE_DATE,          /* malformed */
    CREFUSE_DATE_ORDER,    /* before the previous event's date */
    CREFUSE_DATE_FUTURE,   /* after today */
    CREFUSE_DATE_CALENDAR, /* a due date outside the years the bank holidays are known */
    CREFUSE_DAYS,          /* a stored event's working days out of range */
    CREFUSE_OPENED_ON,     /* malformed or after today */
    CREFUSE_AWARE_ON,      /* malformed or after opened_on */
    CREFUSE_COMPLAINANT,   /* not an organisation of the register */
    CREFUSE_RESPONDENT,    /* not an organisation of the register */
    CREFUSE_COUNT
};

/* Its name for problem JSON ("not_later", ...); "" for CREFUSE_NONE. */
const char *complaint_refusal_id(enum complaint_refusal r);
/* The field it names ("to", "type", "date", ...); "" for CREFUSE_NONE. */
const char *complaint_refusal_field(enum complaint_refusal r);
/* What is wrong and what to do, for people (a GOV.UK error message). */
const char *complaint_refusal_message(enum complaint_refusal r);
/* ERR_CONFLICT (409: the case refuses it) or ERR_INVALID (400: a bad value); 0 for NONE. */
int complaint_refusal_err(enum complaint_refusal r);

/*
 * The rule names names[0..n) (a case's `rules` or a closing's `causes`) into out[0..*nout), each
 * once, in the order first given. Returns 0, or ERR_INVALID with *why = which (CREFUSE_RULES or
 * CREFUSE_CAUSES) for an unknown name (*nout = 0).
 */
int complaint_rules_parse(const char *const *names, size_t n, enum complaint_refusal which,
                          enum rule out[COMPLAINT_RULES_MAX], size_t *nout,
                          enum complaint_refusal *why);

/* ---- the case ---- */

/* Most stage entries a case holds (the five stages and reopenings). */
#define COMPLAINT_STAGES_MAX 32

/* One entry of `stages`: a stage from the day it started to the day it ended. */
struct complaint_run {
    enum complaint_stage stage;
    date_t started_on;
    int days;                 /* working days for a response, 0 without a due date */
    enum param_source source; /* of days */
    int has_due;
    date_t due_on;      /* days working days after started_on */
    date_t long_due_on; /* 2 * days working days after started_on: later is long overdue */
    int responded;
    date_t responded_on;
    int ended;
    date_t ended_on; /* escalated or closed */
};

enum complaint_status { CSTATUS_OPEN, CSTATUS_CLOSED };

struct complaint_case {
    date_t aware_on, opened_on;
    enum complaint_status status;
    struct complaint_run runs[COMPLAINT_STAGES_MAX];
    size_t nruns; /* the last is the current stage */
    size_t nevents;
    date_t last_date; /* of the last event */
    int was_formal;   /* it has been at formal */
    enum complaint_ombudsman ombudsman;
    int ombudsman_late;             /* escalated to ombudsman after ombudsman_deadline */
    enum complaint_outcome outcome; /* of the last closing, when closed or reopened */
    int has_outcome;
    date_t closed_on;
    enum rule causes[COMPLAINT_RULES_MAX]; /* of the last closing */
    size_t ncauses;
};

/* A new case that knew of the problem on aware_on: no events yet. */
void complaint_init(struct complaint_case *c, date_t aware_on);

/*
 * Apply event e to c on today. With params (the Compact's, or a zeroed struct for the national
 * defaults) the days of a stage e starts are fixed from them into e; with params NULL they are
 * read from e (a stored event). The first event must be `opened`, dated opened_on, with `to` the
 * stage the case opens at.
 *
 * Returns 0, or ERR_CONFLICT or ERR_INVALID with *why the refusal (CREFUSE_NONE on success); c is
 * then unchanged. cal gives the working days.
 */
int complaint_apply(struct complaint_case *c, struct complaint_event *e,
                    const struct complaint_params *params, const struct calendar *cal, date_t today,
                    enum complaint_refusal *why);

/*
 * Rebuild c from its stored events e[0..n) (in order) as of as_of: those dated after as_of are
 * left out. Returns 0, or the first refusal as complaint_apply does (stored data that no longer
 * holds).
 */
int complaint_build(struct complaint_case *c, date_t aware_on, const struct complaint_event *e,
                    size_t n, const struct calendar *cal, date_t as_of,
                    enum complaint_refusal *why);

/* The stage the case is at now (its last entry's). */
enum complaint_stage complaint_current(const struct complaint_case *c);
/* The latest stage it reached. */
enum complaint_stage complaint_highest(const struct complaint_case *c);

/* The working days of s from params (else the national default) and where from; 0 and
 * SOURCE_NONE for a stage without a due date. */
int complaint_days(const struct complaint_params *params, enum complaint_stage s,
                   enum param_source *source);

/* ---- states as of a date ---- */

enum complaint_state {
    CSTATE_AWAITING_RESPONSE,
    CSTATE_RESPONDED,
    CSTATE_RESPONDED_LATE,
    CSTATE_OVERDUE,
    CSTATE_LONG_OVERDUE,
    CSTATE_ENDED_EARLY,
    CSTATE_COUNT
};

/* "awaiting_response", "responded", "responded_late", "overdue", "long_overdue",
 * "ended_early". */
const char *complaint_state_id(enum complaint_state s);
/* For people: "Awaiting a response", "Responded on time", ... */
const char *complaint_state_label(enum complaint_state s);

struct complaint_run_state {
    enum complaint_state state;
    date_t evaluated_on;   /* E: as_of while current, else the day the stage ended */
    int working_days_left; /* awaiting_response with a due date: working days d, E < d <= due */
    int working_days_late; /* overdue, long_overdue: working days d, due < d <= E; responded_late:
                              due < d <= responded_on */
};

/* The state of run r as of as_of; r an entry of a case built as of as_of (complaint_build), or as
 * of a later day with no event between as_of and it. */
void complaint_run_state(const struct calendar *cal, const struct complaint_run *r, date_t as_of,
                         struct complaint_run_state *out);

/*
 * What is due next on c: the due date of its current stage in *due and 1 while the case is open
 * and that stage has a due date and no response yet (overdue or not); else 0 and *due = 0. For
 * lists of open cases, the overdue job and calendar feeds.
 */
int complaint_due_next(const struct complaint_case *c, date_t *due);

/* ---- the ombudsman window ---- */

enum complaint_window {
    CWINDOW_OPEN,    /* more than a month before the deadline */
    CWINDOW_CLOSING, /* from a month before the deadline to the deadline itself */
    CWINDOW_PASSED,  /* after the deadline */
    CWINDOW_USED,    /* the case has been escalated to the ombudsman */
    CWINDOW_COUNT
};

/* "open", "closing", "passed", "used". */
const char *complaint_window_id(enum complaint_window w);

/* add_months(aware_on, 12): the ombudsman expects a complaint by then. */
date_t complaint_ombudsman_deadline(date_t aware_on);
/* The window of c as of as_of. */
enum complaint_window complaint_window(const struct complaint_case *c, date_t as_of);

/* ---- statistics ---- */

/* One case as the statistics count it (complaint_summarise). */
struct complaint_summary {
    int year; /* opened */
    enum complaint_stage highest;
    int closed;
    enum complaint_outcome outcome; /* when closed */
    const enum rule *causes;        /* borrowed from the case: it must outlive the summary */
    size_t ncauses;
    size_t on_time, due_counted; /* stage entries responded, and those the share counts */
};

/* c (built as of as_of) summarised as of as_of. */
void complaint_summarise(const struct calendar *cal, const struct complaint_case *c, date_t as_of,
                         struct complaint_summary *out);

/* A count as published: n, or hidden ("fewer than 5", null in JSON). */
struct complaint_count {
    size_t n;
    int hidden;
};

#define COMPLAINT_OUTCOME_OPEN OUTCOME_COUNT /* the cell of cases still open */

struct complaint_stats {
    struct complaint_count opened;
    struct complaint_count by_stage[STAGE_COUNT];         /* highest stage reached */
    struct complaint_count by_outcome[OUTCOME_COUNT + 1]; /* and [COMPLAINT_OUTCOME_OPEN] */
    struct complaint_count by_cause[RULE_COUNT];
    size_t on_time, on_time_base; /* always the true numbers; shown only when share_shown */
    int share_shown;              /* on_time_base >= SUPPRESS_SHARE_MIN_BASE */
    double on_time_share;         /* when share_shown */
};

/* The statistics of s[0..n) (already chosen: one Compact or all, one year or all), suppressed
 * as SPEC section 6 says (core/suppress.h). */
void complaint_stats(const struct complaint_summary *s, size_t n, struct complaint_stats *out);
/* The suppression of complaint_stats on counts already made (out's n fields, on_time and
 * on_time_base, e.g. counted by the database): sets every hidden, share_shown and the share. */
void complaint_stats_suppress(struct complaint_stats *out);

#endif
