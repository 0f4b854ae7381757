/*
 * A recorded activity's pages: recording a check (the offer on its result page and the record
 * form), the activity's own page (printable for a committee report), changing it and
 * withdrawing it.
 */
#ifndef VIEW_PAGE_ACTIVITY_H
#define VIEW_PAGE_ACTIVITY_H

#include "form.h"
#include "layout.h"
#include "core/activity.h"
#include "core/rules.h"

/* What a check's result page says about recording it. */
enum record_offer_state {
    RECORD_SIGN_IN,     /* nobody is signed in: signing in lets you record it */
    RECORD_NO_COMPACT,  /* checked against no local Compact: choose one to record it */
    RECORD_NOT_ALLOWED, /* the person may not record on the Compact checked: why */
    RECORD_OFFERED,     /* a button to the record form */
};

struct record_offer {
    enum record_offer_state state;
    enum activity_kind kind;
    const char *answers;      /* the result's query string as sent, to come back to it */
    const char *compact_name; /* the Compact checked, or NULL */
    const char *why;          /* RECORD_NOT_ALLOWED: the rule, in a sentence */
};

/* The "Record it" part of a check's result page. */
void view_record_offer(struct buf *b, const struct record_offer *o);

/* An organisation of the register a search found, to choose. */
struct org_choice {
    const char *org_id, *name;
};

/* The question that finds an organisation of the register by name without JavaScript: a search
 * box (q_name) and its Search button (name "action", value action), then the organisations
 * found as radios (choose_name), the one chosen before first. */
struct org_pick_view {
    const char *q_name, *choose_name, *action;
    const char *label, *hint; /* the search box's */
    const char *q;            /* what was searched for */
    const char *org_id;       /* the organisation chosen (an org-id), or NULL */
    const char *org_name;     /* its name, or NULL */
    int searched;             /* a search was made: say what it found */
    const struct org_choice *matches;
    size_t nmatches;
    const char *q_error, *choose_error;
};

void view_org_pick(struct buf *b, const struct org_pick_view *p);

/* A field a form carries as it came: a check's answer. */
struct hidden_field {
    const char *name, *value;
};

/* The form of a recorded activity's own values: recording a check, or changing an activity. */
struct activity_form_view {
    enum activity_kind kind;
    long long compact_id;
    const char *compact_name;
    long long activity_id; /* 0: recording a new one; else the one being changed */
    /* recording: the check's answers, carried in the form (the Compact among them), and the
     * result's query string they make, for the way back */
    const struct hidden_field *carry;
    size_t ncarry;
    const char *answers;
    const char *title;    /* the values as given, or as stored, to show */
    const char *org_q;    /* what was searched for */
    const char *org_id;   /* the organisation chosen (an org-id), or NULL */
    const char *org_name; /* its name, or NULL */
    const char *amount;
    const char *decision[3]; /* the date's day, month and year as given (a funding change's is
                                one of its answers too) */
    int org_fixed;           /* the organisation is shown, not asked: only an admin moves it */
    int org_needed;          /* a funding change or award: an organisation is affected */
    int searched;            /* a search was made: say what it found */
    const struct org_choice *matches;
    size_t nmatches;
    const struct field_error *errors;
    size_t nerrors;
};

void view_activity_form_page(struct buf *b, const struct activity_form_view *v,
                             const struct viewer *viewer);

struct activity_page_view {
    const struct recorded_activity *a;
    enum activity_kind kind;
    const struct activity *facts; /* its answers, decoded */
    /* the stored catalogue's number and paraphrase for each enum rule (NULL where none) */
    const char *const *numbers;
    const char *const *paraphrases;
    int may_change;            /* it stands and the person may change and withdraw it */
    int may_move;              /* and give it another organisation affected (admins) */
    const char *notice;        /* "recorded", "changed" or "withdrawn": the banner saying so */
    const char *complain_href; /* a breach found: where to raise a complaint about it, or NULL */
    /* it checked again as of as_of (today) with its Compact's parameters *params, as the page
     * shows it: dates as people read them, a plan's verdicts as a plan's (planned), and what
     * can still be done from that day on */
    const struct finding *findings;
    size_t nfindings;
    enum verdict overall;
    const struct params *params;
    date_t as_of;
    int planned;
};

/* The activity's page: what it is, its findings and the answers checked, printable. */
void view_activity_page(struct buf *b, const struct activity_page_view *v,
                        const struct viewer *viewer);

struct activity_withdraw_view {
    const struct recorded_activity *a;
    const char *reason; /* as given, to show again */
    const struct field_error *errors;
    size_t nerrors;
};

/* The page that asks for a withdrawal's reason and confirms it. */
void view_activity_withdraw_page(struct buf *b, const struct activity_withdraw_view *v,
                                 const struct viewer *viewer);

#endif
