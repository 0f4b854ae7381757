/*
 * A complaint's case as the layers above core share it (SPEC section 6): what a new case and a
 * new event say, and a case as read with its events and the state of each stage. Plain structs
 * of core types, so that codec/ can decode and encode them (as core/compact.h's compact_new) and
 * app/cases.h can store and read them. The rules of a case are core/complaint.h's.
 */
#ifndef CORE_CASE_H
#define CORE_CASE_H

#include <stddef.h>

#include "complaint.h"
#include "rules.h"
#include "base/date.h"

/* An organisation as a case names it: the register's org-id and name. */
struct case_party {
    const char *org_id;
    const char *name;
};

/* One stored event, with its author for people. */
struct case_event {
    int n;                    /* from 1 */
    struct complaint_event e; /* type, date, to, ombudsman, outcome, causes, remedy, note, by,
                                 days, source; by is the actor ("user:ID" or "cli") */
    const char *by_name;      /* the author's name (or "Command line"), for people */
    const char *recorded_at;  /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
};

/* A case as read, built as of as_of. */
struct case_record {
    long long id, compact_id;
    const char *compact_name;
    struct case_party complainant, respondent;
    const char *title, *summary;
    date_t aware_on, opened_on;
    enum rule rules[COMPLAINT_RULES_MAX]; /* the rules it cites */
    size_t nrules;
    long long activity_id;     /* the recorded activity it is about, 0 for none */
    struct case_event *events; /* every stored event, in order (also those after as_of) */
    size_t nevents;
    date_t as_of;
    struct complaint_case c;                                 /* built from the events up to as_of */
    struct complaint_run_state states[COMPLAINT_STAGES_MAX]; /* of c.runs[i] as of as_of */
    date_t ombudsman_deadline;
    enum complaint_window window;
};

/* What a new case says (POST /api/v1/compacts/{id}/complaints). Strings are borrowed. */
struct case_new {
    long long compact_id;
    const char *complainant, *respondent; /* org-id or register number, as given */
    const char *title, *summary;
    const char *aware_on, *opened_on; /* as given: checked here (400 naming the field) */
    const char *stage;                /* NULL: informal */
    const char *const *rules;         /* rule names as given */
    size_t nrules;
    long long activity_id; /* 0: none; else a recorded activity of the same Compact */
};

/* What a new event says (POST /api/v1/complaints/{id}/events). Strings are borrowed; date
 * NULL is today. */
struct case_event_new {
    const char *type, *date, *note, *to, *ombudsman, *outcome, *remedy;
    const char *const *causes;
    size_t ncauses;
};

#endif
