/*
 * The complaints' pages (SPEC section 6): raising a complaint, a case's page with its timeline,
 * deadlines and the actions the viewer may take, a Compact's list of cases, and the public
 * statistics. Pure functions of the structs below, which the handlers fill from app/cases.h.
 */
#ifndef VIEW_PAGE_COMPLAINTS_H
#define VIEW_PAGE_COMPLAINTS_H

#include <stddef.h>

#include "layout.h"
#include "page_activity.h"
#include "core/complaint.h"

/* The stored catalogue's commitment number and paraphrase of each enum rule (NULL where none:
 * the default), for naming a rule by its commitment's wording. */
struct rule_names {
    const char *const *numbers;
    const char *const *paraphrases;
};

/* One event of a case's timeline. */
struct case_view_event {
    int n;
    const struct complaint_event *e;
    const char *by_name; /* the author, for people */
};

/* A case as its pages show it, as of as_of. */
struct case_view {
    long long id, compact_id;
    const char *compact_name;
    const char *complainant, *respondent; /* the parties' names */
    const char *title, *summary;
    date_t aware_on, opened_on, as_of;
    const enum rule *rules; /* the rules it cites */
    size_t nrules;
    long long activity_id; /* 0: none */
    const struct case_view_event *events;
    size_t nevents;
    const struct complaint_case *c;           /* built as of as_of */
    const struct complaint_run_state *states; /* of c->runs */
    date_t ombudsman_deadline;
    enum complaint_window window;
};

/* What the action forms show again after a refusal: the type tried and its fields. */
struct case_action_form {
    enum complaint_event_type type; /* the form with errors (when nerrors) */
    const char *date[3];
    const char *note, *to, *outcome, *remedy;
    const char *const *causes; /* rule names ticked */
    size_t ncauses;
};

struct case_page_view {
    const struct case_view *k;
    struct rule_names names;
    unsigned actions;   /* bits 1 << enum complaint_event_type the viewer may add now */
    int withdraw_only;  /* closing offered only as withdrawing it (the complainant's member) */
    date_t today;       /* the date fields' default */
    const char *notice; /* a banner after a change: the event type added, or "opened" */
    const struct case_action_form *form; /* given again after a refusal, or NULL */
    const struct field_error *errors;
    size_t nerrors;
};

/* The name of action t's date field (note 0) or note field (note 1) on the case page, each
 * action's own ("response_on", "response_note", ...); NULL for a type with no form. */
const char *case_action_field(enum complaint_event_type t, int note);

/* GET /complaints/{id}: the case, its stages and deadlines, the ombudsman window, the timeline
 * of events, and a form for each action the viewer may take. Printable. */
void view_case_page(struct buf *b, const struct case_page_view *v, const struct viewer *viewer);

/* The "Raise a complaint" form. */
struct case_form_view {
    long long compact_id;
    const char *compact_name;
    struct rule_names names;
    /* the complainant: fixed (a member's own organisation) or picked like the respondent */
    int complainant_fixed;
    struct org_pick_view complainant, respondent;
    const char *title, *summary, *stage;
    const char *aware_on[3], *opened_on[3];
    int rules[RULE_COUNT]; /* ticked */
    long long activity_id; /* 0: none */
    const char *activity_title;
    const char *from; /* where the person came from (a check result, an activity), or NULL */
    const char *from_label;
    const struct field_error *errors;
    size_t nerrors;
};

void view_case_form_page(struct buf *b, const struct case_form_view *v,
                         const struct viewer *viewer);

/* A list of cases: a Compact's page of them, a home page's part. */
struct case_list_view {
    long long compact_id; /* 0: cases of several Compacts (a home page): their Compact shown */
    const char *compact_name;
    const struct case_view *cases; /* open first, then what is due next */
    size_t n, total;               /* shown, and in all (more than n: the first n shown) */
    int signed_in;                 /* else: say that signing in shows the cases one may see */
    int may_raise;                 /* a link to raise one */
};

void view_case_list_page(struct buf *b, const struct case_list_view *v,
                         const struct viewer *viewer);
/* The table of cases[0..n) captioned caption (a home page's "Your open complaints"), or a
 * sentence saying there are none. */
void view_case_table(struct buf *b, const char *caption, const struct case_view *cases, size_t n,
                     int with_compact);

/* The statistics pages. */
struct case_stats_year {
    int year;
    struct complaint_count opened;
};

struct case_stats_view {
    long long compact_id; /* 0: nationally */
    const char *compact_name;
    int year;         /* 0: every year */
    const int *years; /* the years with cases, newest first */
    size_t nyears;
    const struct case_stats_year *by_year; /* cases opened each year, oldest first: the chart */
    size_t nby_year;
    const struct complaint_stats *s; /* of year (or every year) */
    struct rule_names names;
};

void view_case_stats_page(struct buf *b, const struct case_stats_view *v,
                          const struct viewer *viewer);

/* Rule r as the check result pages name it, "4.4 Give at least ... (Notice)", into out as
 * text. */
void case_rule_label(struct buf *out, enum rule r, const struct rule_names *names);

/* Where a case's page is: "/complaints/ID". */
void case_href(struct buf *b, long long id);

#endif
