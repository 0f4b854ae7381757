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
#include "core/case.h"
#include "core/calendar.h"
#include "core/complaint.h"
#include "core/crypto.h"
#include "store/store.h"
#include "base/arena.h"
#include "base/date.h"

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
 * nothing but note and reopened once closed, ...). For pages to offer the right actions; c as
 * cases_read gives it. `closed` is offered to a complainant's member, who may close only with
 * the outcome `withdrawn` (policy_case_event). */
unsigned cases_actions(const struct user *u, const struct case_record *c);

/* Which cases a list holds. */
struct case_filter {
    long long compact_id; /* 0: every Compact */
    const char *org_id;   /* NULL: any; else the cases where this organisation is a party */
    int open_only;
    int overdue_only; /* open, current stage overdue or long overdue as of as_of */
    size_t limit;     /* a page of at most this many (0: every case; CASES_PAGE a page's) */
    long long offset; /* the page starts after this many (an API cursor) */
};
/* The cases a page holds unless asked otherwise: the API's lists, the command line's pages. */
#define CASES_PAGE 100

/*
 * The cases u may see that match f, as of as_of, open first, then by the due date of what is
 * due next (overdue first), then newest: *out[0..*n) from arena, the page of f's limit and
 * offset (the store reads that page alone). Nobody signed in sees none.
 * A list reads what is kept with each case's last event, not its events (100,000 cases in
 * well under 100 ms): each record has no events (nevents 0) and c holds the current stage
 * entry alone (c.nruns 1, its state in states[0]), with c.status, c.outcome, c.ombudsman and
 * window; for the whole case (its stages, cases_actions) read it with cases_read.
 */
int cases_list(struct store *st, const struct user *u, const struct calendar *cal,
               const struct case_filter *f, date_t as_of, struct arena *arena,
               struct case_record **out, size_t *n);
/* How many cases cases_list gives u for f, as of as_of, whatever f's limit and offset. */
int cases_count(struct store *st, const struct user *u, const struct case_filter *f, date_t as_of,
                size_t *n);

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
