/*
 * Complaints of non-compliance (SPEC section 6) for the person asking: the one piece of code
 * behind the API, the pages, the calendar feed and `compact complaints`. The rules of a case
 * (stages, refusals, deadlines, states) are core/complaint.h's; this file stores and reads cases
 * through the store, decides who may see and change each (app/policy.h), and audits every
 * change. Named cases_ because complaint_ is the core's.
 *
 * Every function takes the person acting (u; ROLE_PUBLIC for nobody signed in, NULL for the
 * command line, which may do everything) and the calendar of working days (loaded once by the
 * caller with ingest_calendar). A case u may not see is ERR_NOT_FOUND, as if it did not exist.
 * Strings and arrays of what is read come from arena.
 */
#ifndef APP_CASES_H
#define APP_CASES_H

#include <stddef.h>

#include "core/account.h"
#include "core/calendar.h"
#include "core/complaint.h"
#include "core/crypto.h"
#include "store/store.h"
#include "base/arena.h"
#include "base/date.h"

/* An organisation as a case names it: the register's org-id and name. */
struct case_party {
    const char *org_id;
    const char *name;
};

/* One stored event, with its author for people. */
struct case_event {
    int n;                      /* from 1 */
    struct complaint_event e;   /* type, date, to, ombudsman, outcome, causes, remedy, note, by,
                                   days, source; by is the actor ("user:ID" or "cli") */
    const char *by_name;        /* the author's name (or "Command line"), for people */
    const char *recorded_at;    /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
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
    long long activity_id; /* the recorded activity it is about, 0 for none */
    struct case_event *events; /* every stored event, in order (also those after as_of) */
    size_t nevents;
    date_t as_of;
    struct complaint_case c;                          /* built from the events up to as_of */
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

/* What a new event says (POST /api/v1/complaints/{id}/events). Strings are borrowed. */
struct case_event_new {
    const char *type, *date, *note, *to, *ombudsman, *outcome, *remedy;
    const char *const *causes;
    size_t ncauses;
};

/* Why a write was refused: the status's error, the field named and a sentence for people. */
struct case_refusal {
    enum complaint_refusal refusal; /* CREFUSE_NONE when the refusal is not the core's */
    const char *field;              /* "to", "date", "complainant", ... */
    const char *why;
};

/*
 * Open a case as u on today. ERR_NOT_FOUND when there is no such Compact; ERR_FORBIDDEN when u
 * may not raise a case on it (policy_case_create: nobody signed in); ERR_INVALID (400) or
 * ERR_CONFLICT (409) with *refused filled. Stores the case and its `opened` event, audited, or
 * nothing. *id is the new case's.
 */
int cases_create(struct store *st, const struct user *u, const struct calendar *cal,
                 const struct case_new *in, date_t today, struct arena *arena, long long *id,
                 struct case_refusal *refused);

/*
 * Add an event to case id as u on today: applied by complaint_apply with the Compact's
 * parameters now, stored with the days it fixed, audited, or nothing stored. ERR_NOT_FOUND when
 * u may not see the case; ERR_FORBIDDEN when u may see it but not add this type of event
 * (policy_case_event); ERR_INVALID or ERR_CONFLICT with *refused filled.
 */
int cases_add_event(struct store *st, const struct user *u, const struct calendar *cal,
                    long long id, const struct case_event_new *in, date_t today,
                    struct arena *arena, struct case_refusal *refused);

/* Case id as of as_of into *out. ERR_NOT_FOUND when there is none or u may not see it. */
int cases_read(struct store *st, const struct user *u, const struct calendar *cal, long long id,
               date_t as_of, struct arena *arena, struct case_record *out);

/* Which event types u may add to c now (bits 1 << enum complaint_event_type), as
 * policy_case_event decides and the case's state allows (no response twice at one stage entry,
 * nothing but note and reopened once closed, ...). For pages to offer the right actions. */
unsigned cases_actions(const struct user *u, const struct case_record *c);

/* Which cases a list holds. */
struct case_filter {
    long long compact_id; /* 0: every Compact */
    const char *org_id;   /* NULL: any; else the cases where this organisation is a party */
    int open_only;
    int overdue_only;     /* open, current stage overdue or long overdue as of as_of */
};

/*
 * The cases u may see that match f, as of as_of, open first, then by the due date of what is
 * due next (overdue first), then newest: *out[0..*n) from arena.
 */
int cases_list(struct store *st, const struct user *u, const struct calendar *cal,
               const struct case_filter *f, date_t as_of, struct arena *arena,
               struct case_record **out, size_t *n);

/*
 * The statistics of SPEC section 6 for everyone: cases opened in year (0: every year) on
 * compact_id (0: nationally), as of as_of, suppressed (core/suppress.h). ERR_NOT_FOUND for a
 * Compact that does not exist. *years_out[0..*nyears) (may be NULL) are the years with cases,
 * newest first, for a page to offer.
 */
int cases_stats(struct store *st, const struct calendar *cal, long long compact_id, int year,
                date_t as_of, struct arena *arena, struct complaint_stats *out, int **years_out,
                size_t *nyears);

/*
 * The calendar feed's secret: a person's feed of the due dates of the cases they may see lives
 * at /complaints/calendar/{secret}.ics (calendar programs cannot send cookies). The secret is
 * stored hashed like an API token. cases_feed_create makes a new one for u (revoking any
 * before) into secret (SECRET_TEXT bytes); cases_feed_revoke revokes it; cases_feed_exists says
 * whether u has one; cases_feed_user finds whose secret it is (ERR_NOT_FOUND for a revoked or
 * unknown one) into *u_out from arena. Each change audited.
 */
int cases_feed_create(struct store *st, const struct user *u, const unsigned char *key,
                      char *secret);
int cases_feed_revoke(struct store *st, const struct user *u);
int cases_feed_exists(struct store *st, const struct user *u, int *exists);
int cases_feed_user(struct store *st, const unsigned char *key, const char *secret,
                    struct arena *arena, struct user *u_out);

#endif
