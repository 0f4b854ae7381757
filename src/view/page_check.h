/* The check pages for people: choose a kind, answer its questions, see the findings. */
#ifndef VIEW_PAGE_CHECK_H
#define VIEW_PAGE_CHECK_H

#include "form.h"
#include "layout.h"
#include "core/rules.h"

/* A question of a check form: one fact, or the two fields every form has ("as_of", "compact"). */
enum question_type { Q_DATE, Q_YES_NO, Q_TEXT, Q_CHOICE };

struct check_question {
    const char *fact; /* the fact's name (rules.h), and the stem of its fields' names */
    enum question_type type;
    const char *label; /* the question */
    const char *hint;  /* or NULL */
    const char *none;  /* for a date: the box to tick when it has not happened, or NULL */
    const struct form_choice *choices; /* for Q_CHOICE, ending with {NULL, NULL} */
};

/* The questions for kind k, in the order the form asks them. */
const struct check_question *check_questions(enum activity_kind k, size_t *n);
/* "Check a funding change" and the like. */
const char *check_title(enum activity_kind k);

struct record_offer;

struct compact_choice {
    const char *id, *name;
};

struct check_form_view {
    enum activity_kind kind;
    /* the answers given, to show again: a lookup of a field by name, or NULL */
    const char *(*value)(const void *ctx, const char *field);
    const void *ctx;
    const struct field_error *errors;
    size_t nerrors;
    const struct compact_choice *compacts;
    size_t ncompacts;
};

struct check_result_view {
    enum activity_kind kind;
    const struct params *params;
    const struct finding *findings;
    size_t n;
    enum verdict overall;
    date_t as_of; /* the check's today */
    /* the answers, to tell a plan from a decision made (rules_planned) and to say which rules
     * do not apply and why (rules_skipped); local: a local Compact was chosen */
    const struct activity *activity;
    int local;
    const char *answers; /* the query string of the answers, to change them */
    /* the stored catalogue's number and paraphrase for each enum rule (NULL: the default) */
    const char *const *numbers;
    const char *const *paraphrases;
    /* what to say about recording it (page_activity.h), or NULL */
    const struct record_offer *record;
    /* a breach found, against a local Compact: where to raise a complaint about it, or NULL */
    const char *complain_href;
};

void view_check_start_page(struct buf *b, const struct viewer *viewer);
void view_check_form_page(struct buf *b, const struct check_form_view *v,
                          const struct viewer *viewer);
void view_check_result_page(struct buf *b, const struct check_result_view *v,
                            const struct viewer *viewer);
/* The commitment rule r tests, as "4.4 Give at least three months' notice ...", from the stored
 * catalogue's numbers[r] and paraphrases[r] when given (either may be NULL), else the default:
 * how pages name a rule. */
void view_rule_commitment(struct buf *out, enum rule r, const char *const *numbers,
                          const char *const *paraphrases);
/*
 * The findings of v (kind, params, findings, n, activity, local, numbers and paraphrases), one
 * summary card per commitment: two rules of one commitment (4.4: notice and reasons) share its
 * card, so each number shows once; each with its verdict (planned: a plan's words), why, and
 * what can still be done. Then the rules that do not apply, saying why. The result page's and a
 * recorded activity's.
 */
void view_check_findings(struct buf *b, const struct check_result_view *v, int planned);
/* A verdict in words on pages, for a plan (planned: "Would not keep") or for what was done
 * ("Breach"); "" when out of range. The API's codes never change (SPEC section 5). */
const char *verdict_label(enum verdict v, int planned);
/* A verdict's GOV.UK tag, in verdict_label's words: the result page's, a recorded activity's,
 * a home page's and the compliance page's. Nothing when out of range. */
void view_verdict_tag(struct buf *b, enum verdict v, int planned);

#endif
