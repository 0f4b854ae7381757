/*
 * The annual survey's pages (SPEC section 7): the general questionnaire a short page per
 * section and a check-your-answers page (its answers carried in hidden fields: no JavaScript),
 * the benchmark questionnaire with the register's signatories beside "which partners have
 * signed", the pages for a used code, an unknown code and a round that is closed or not open,
 * the results with the headline, a chart and a table per question and year on year, and the
 * admins' page of rounds (make one, make codes, response counts by Compact).
 */
#ifndef VIEW_PAGE_SURVEY_H
#define VIEW_PAGE_SURVEY_H

#include <stddef.h>

#include "core/compact.h"
#include "core/coverage.h"
#include "core/hexmap.h"
#include "core/survey.h"
#include "base/buf.h"
#include "form.h"
#include "layout.h"

/* The sections of the general questionnaire, then the check of the answers. */
enum survey_step { SSTEP_ABOUT, SSTEP_VIEWS, SSTEP_MORE, SSTEP_CHECK, SSTEP_COUNT };

/* "about", "views", "more", "check"; and back (-1 for none). */
const char *survey_step_id(enum survey_step s);
int survey_step_parse(const char *s);
/* The step a question of the general questionnaire is asked on (views: one answer; more: the
 * ones with several and free text). */
enum survey_step survey_step_of(const struct survey_question *q);

/* A questionnaire as answered so far. */
struct survey_form {
    int year;
    enum survey_questionnaire questionnaire;
    const char *code;         /* the invitation code, or NULL (signed in) */
    const char *compact_id;   /* as text, or NULL */
    const char *compact_name; /* the Compact answered about (a code's, a benchmark's), or NULL */
    const char *sector, *body_type;
    const struct survey_question *qs; /* the round's */
    size_t nq;
    const char *const *values; /* values[i] for qs[i]: options joined by ';' or the text; NULL */
    /* the Compacts to choose from when there is no code (general, signed in) */
    const char *const *compact_ids, *const *compact_names;
    size_t ncompacts;
    /* the benchmark: the Compact's signatories as the register has them */
    const struct signatory *signatories;
    size_t nsignatories;
    const struct field_error *errors;
    size_t nerrors;
};

/* A step of the general questionnaire (form posting to /surveys/YEAR/respond). */
void view_survey_step(struct buf *b, const struct survey_form *f, enum survey_step step,
                      const struct viewer *viewer);
/* The benchmark questionnaire on one page (posting to /surveys/YEAR/benchmark). */
void view_survey_benchmark(struct buf *b, const struct survey_form *f, const struct viewer *viewer);
/* Choosing which Compact's benchmark to answer: ids[0..n) and names. */
void view_survey_benchmark_choose(struct buf *b, int year, const char *const *ids,
                                  const char *const *names, size_t n, const struct viewer *viewer);
/* The answers were sent. */
void view_survey_done(struct buf *b, int year, enum survey_questionnaire q,
                      const struct viewer *viewer);
/* A page that says why the questionnaire cannot be answered: title, then a sentence, and for
 * ask_code a form to type a code. */
void view_survey_stop(struct buf *b, int year, const char *title, const char *why, int ask_code,
                      const struct viewer *viewer);

/* One question's results, and how they changed since the round before (NULL: none). */
struct survey_results_view {
    int year;
    date_t opens_on, closes_on;
    struct survey_count responses[SURVEY_QUESTIONNAIRE_COUNT];
    size_t active_compacts, with_general, with_benchmark;
    const char *headline; /* or NULL */
    const struct survey_question_result *questions;
    size_t nquestions;
    const struct survey_change *changes; /* [nquestions] or NULL */
    int before_year;
    /* coverage of the round on a hex map: each area by the answers about the active Compact
     * that covers it on closes_on (map NULL: not drawn; the table is) */
    const struct hexmap *map;
    const struct coverage *coverage;
    const struct survey_cover *compacts; /* the active_compacts Compacts, by name */
    int export_answers;                  /* an admin: the link to the anonymised answers */
};
void view_survey_results(struct buf *b, const struct survey_results_view *v,
                         const struct viewer *viewer);

/* The rounds page: every round (years[0..n) with their dates) linked to its results; for an
 * admin (manage) a form to make one. */
struct survey_admin_view {
    const int *years;
    const date_t *opens_on, *closes_on;
    size_t nrounds;
    int manage;                     /* an admin: the form to make a round */
    const char *const *count_names; /* the Compacts with responses, by name */
    const long long *count_general; /* their general answers */
    const int *count_benchmark;     /* 1: their benchmark is in */
    size_t ncounts;
    const char *const *compact_ids, *const *compact_names; /* for the codes form */
    size_t ncompacts;
    int done_year;        /* a round was just made */
    const char *given[3]; /* the new round's year, opens, closes as typed */
    const struct field_error *errors;
    size_t nerrors;
};
void view_survey_rounds(struct buf *b, const struct survey_admin_view *v,
                        const struct viewer *viewer);
/* Running the round of year: for admins (counts) the response counts by Compact while it is
 * open (no answers shown), and for them and coordinators the form that downloads codes of one
 * of compact_ids as CSV with their links. */
void view_survey_manage(struct buf *b, int year, const struct survey_admin_view *v, int counts,
                        const struct viewer *viewer);

#endif
