/*
 * The annual survey of local Compacts (SPEC section 7): the two questionnaires, the types of
 * question and their options, the seeded question bank, the respondent's sector and body type,
 * the check of one response, the tallies results are made from, the results by group with small
 * numbers suppressed (core/suppress.h), the comparison of two rounds and the headline sentence.
 * Pure and table-driven: the caller gives the questions (the bank's, or a round's as stored).
 *
 * Where SPEC leaves a case open the domain decides:
 *  - a blank answer (an empty string, an empty list) is no answer, and is not counted in
 *    `answered`; a `text` answer is never tallied (never published);
 *  - a single-answer question (agree5, choice, yes_no_dk) is a breakdown whose counts add up to
 *    `answered`, so besides the counts from 1 to 4 the smallest other non-zero count is hidden
 *    where exactly one is (suppress_breakdown, as the complaint statistics do): otherwise
 *    `answered` minus the others would give it away. For the same reason `agree` is hidden when
 *    exactly one of strongly_agree and agree is, and a share is hidden with its count;
 *  - the benchmark questionnaire also says the respondent's sector (the contract asks it of
 *    every response).
 */
#ifndef CORE_SURVEY_H
#define CORE_SURVEY_H

#include <stddef.h>

#include "base/buf.h"

/* ---- questionnaires, types, options ---- */

enum survey_questionnaire { SURVEY_GENERAL, SURVEY_BENCHMARK, SURVEY_QUESTIONNAIRE_COUNT };

/* "general", "benchmark"; "" when out of range. */
const char *survey_questionnaire_id(enum survey_questionnaire q);
/* For people: "General survey", "Benchmarking survey". */
const char *survey_questionnaire_label(enum survey_questionnaire q);
/* 0 and *out, or ERR_INVALID (*out = SURVEY_GENERAL). */
int survey_questionnaire_parse(const char *s, enum survey_questionnaire *out);

enum survey_type {
    SQ_AGREE5,    /* one of strongly_agree ... strongly_disagree, dont_know */
    SQ_CHOICE,    /* one of its options */
    SQ_UP_TO_3,   /* one to three of its options */
    SQ_ANY,       /* any number of its options */
    SQ_YES_NO_DK, /* yes, no, dont_know */
    SQ_TEXT,      /* free text: never published; admins export it */
    SQ_TYPE_COUNT
};

/* "agree5", "choice", "choose_up_to_3", "choose_any", "yes_no_dk", "text". */
const char *survey_type_id(enum survey_type t);
int survey_type_parse(const char *s, enum survey_type *out);
/* Whether an answer of type t may hold several options (choose_up_to_3, choose_any). */
int survey_type_multi(enum survey_type t);

/* The most options a question has (choose_up_to_3's eight), and questions a questionnaire. */
#define SURVEY_OPTIONS_MAX   8
#define SURVEY_QUESTIONS_MAX 16
/* The most options of a choose_up_to_3 answer. */
#define SURVEY_UP_TO 3
/* The longest text answer, in bytes of UTF-8. */
#define SURVEY_TEXT_MAX 4000
/* The longest question key and option id. */
#define SURVEY_KEY_MAX 40

struct survey_option {
    const char *id;    /* "strongly_agree", "resources" ... */
    const char *label; /* for people: "Strongly agree", "More resources" ... */
};

/*
 * The fixed options of agree5 and yes_no_dk (a question of those types carries them too, so
 * that every question's options are in one place): out[0..n) borrowed, static.
 */
const struct survey_option *survey_type_options(enum survey_type t, size_t *n);

/* A question: the bank's or a round's. Strings borrowed (static for the bank; the arena's of
 * the caller for a round read from the store). */
struct survey_question {
    const char *key;
    int version; /* a new version when its wording changes */
    enum survey_questionnaire questionnaire;
    enum survey_type type;
    const char *text;                    /* the question for people */
    const char *hint;                    /* a line under it for people, or NULL */
    const struct survey_option *options; /* none for text */
    size_t noptions;
};

/* The seeded question bank, as SPEC section 7 lists it, general questions first, in the order
 * a form asks them: out[0..*n), static. Migration 0011 seeds the same (unit.test_store_survey
 * compares them). */
const struct survey_question *survey_bank(size_t *n);

/* The question of qs[0..n) with key, or NULL. */
const struct survey_question *survey_question_find(const struct survey_question *qs, size_t n,
                                                   const char *key);
/* The index of option id among q's options, or -1. */
int survey_option_find(const struct survey_question *q, const char *id);

/* ---- respondents ---- */

enum survey_sector { SURVEY_STATUTORY, SURVEY_VCS, SURVEY_OTHER, SURVEY_SECTOR_COUNT };

/* "statutory", "vcs", "other"; labels "Statutory sector", "Voluntary and community sector",
 * "Other". */
const char *survey_sector_id(enum survey_sector s);
const char *survey_sector_label(enum survey_sector s);
int survey_sector_parse(const char *s, enum survey_sector *out);

enum survey_body_type {
    SURVEY_BODY_NONE, /* not statutory, or not said */
    SURVEY_LOCAL_AUTHORITY,
    SURVEY_NHS,
    SURVEY_POLICE,
    SURVEY_FIRE,
    SURVEY_CENTRAL_GOVERNMENT,
    SURVEY_OTHER_STATUTORY,
    SURVEY_BODY_COUNT
};

/* "" (none), "local_authority", "nhs", "police", "fire", "central_government",
 * "other_statutory"; labels for people ("Local authority", "NHS", ...). */
const char *survey_body_id(enum survey_body_type b);
const char *survey_body_label(enum survey_body_type b);
/* One of the six (not ""): 0 and *out, or ERR_INVALID (*out = SURVEY_BODY_NONE). */
int survey_body_parse(const char *s, enum survey_body_type *out);

/* The groups results are given by. */
enum survey_group {
    SURVEY_ALL,
    SURVEY_GROUP_STATUTORY,
    SURVEY_GROUP_LOCAL_AUTHORITY, /* statutory respondents whose body type is local_authority */
    SURVEY_GROUP_VCS,
    SURVEY_GROUP_OTHER,
    SURVEY_GROUP_COUNT
};

/* "all", "statutory", "local_authority", "vcs", "other"; labels for people ("All
 * respondents", "Statutory sector", "Local authorities", ...). */
const char *survey_group_id(enum survey_group g);
const char *survey_group_label(enum survey_group g);
int survey_group_parse(const char *s, enum survey_group *out);
/* The groups a respondent of sector s and body type b counts in (bits 1 << enum survey_group):
 * all, their sector's, and local_authority for a statutory local authority. */
unsigned survey_groups_of(enum survey_sector s, enum survey_body_type b);

/* ---- one response ---- */

/* One answer as given: values[0..nvalues) borrowed (one for every type but the two multi
 * ones; a list may be given for a single answer, and is then refused unless it has one). */
struct survey_answer_in {
    const char *key;
    const char *const *values;
    size_t nvalues;
};

/* A response as given (the API's body, a form's fields, an import's line). Strings borrowed. */
struct survey_response_in {
    const char *questionnaire;
    const char *sector;
    const char *body_type; /* NULL or "": none */
    long long compact_id;  /* whether it exists is the caller's to check */
    const struct survey_answer_in *answers;
    size_t nanswers;
};

/* One answer as checked: the question's index in the questions given, the options chosen
 * (bit i: the question's option i), or the text (borrowed from the input). */
struct survey_answer {
    size_t question;
    unsigned options;
    const char *text;
};

/* A response as checked, ready to store: answers in the order given, blank ones left out. */
struct survey_response {
    enum survey_questionnaire questionnaire;
    enum survey_sector sector;
    enum survey_body_type body_type;
    long long compact_id;
    struct survey_answer answers[SURVEY_QUESTIONS_MAX];
    size_t nanswers;
};

/* Why a response was refused (each a 400 naming the field). */
enum survey_refusal_kind {
    SREFUSE_NONE,
    SREFUSE_QUESTIONNAIRE,       /* "questionnaire": missing or not general/benchmark */
    SREFUSE_SECTOR,              /* "sector": missing or not one of the three */
    SREFUSE_BODY_TYPE,           /* "body_type": not one of the six, or missing for statutory */
    SREFUSE_BODY_NOT_STATUTORY,  /* "body_type": given with a sector other than statutory */
    SREFUSE_COMPACT,             /* "compact_id": missing (the caller: unknown) */
    SREFUSE_UNKNOWN_QUESTION,    /* "answers.KEY": no question with that key */
    SREFUSE_OTHER_QUESTIONNAIRE, /* "answers.KEY": a question of the other questionnaire */
    SREFUSE_REPEATED,            /* "answers.KEY": the same question twice */
    SREFUSE_OPTION,              /* "answers.KEY": an option not in its list */
    SREFUSE_OPTION_REPEATED,     /* "answers.KEY": the same option twice */
    SREFUSE_TOO_MANY,            /* "answers.KEY": more than three choices, or several for one */
    SREFUSE_TEXT,                /* "answers.KEY": text too long or not UTF-8 */
    SREFUSE_KIND_COUNT
};

#define SURVEY_FIELD_MAX (8 + SURVEY_KEY_MAX + 1) /* "answers." and a key */
#define SURVEY_WHY_MAX   200

/* A refusal: what, the field it names ("sector", "answers.improvements") and a sentence for
 * people ("Choose up to 3 options for ‘What would most improve…’"). */
struct survey_refusal {
    enum survey_refusal_kind kind;
    char field[SURVEY_FIELD_MAX];
    char why[SURVEY_WHY_MAX];
};

/* Fill r (kind SREFUSE_NONE for a refusal that is not the core's: an unknown Compact, a used
 * code...) with field and a sentence; returns ERR_INVALID, for `return survey_refuse(...)`. */
int survey_refuse(struct survey_refusal *r, enum survey_refusal_kind kind, const char *field,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Check in against the questions qs[0..nq) (a round's): 0 and *out, or ERR_INVALID with
 * *refused naming the first fault found (the questionnaire, the sector, the body type, then
 * each answer in the order given). out's texts point into in.
 */
int survey_check(const struct survey_question *qs, size_t nq, const struct survey_response_in *in,
                 struct survey_response *out, struct survey_refusal *refused);

/* ---- answers as stored and imported ---- */

/* The separator of the options of one answer in the store and in an import's column. */
#define SURVEY_OPTION_SEP ';'

/* Append answer a to q as stored and exported: its options' ids in q's order joined by ';', or
 * its text. */
void survey_value_format(const struct survey_question *q, const struct survey_answer *a,
                         struct buf *out);
/*
 * A stored response back into *out: values[i] the answer to qs[i] as survey_value_format wrote
 * it (NULL: none), borrowed by out's texts. ERR_INVALID when it does not read (an option the
 * question lacks, a sector or body type unknown): not written by this program.
 */
int survey_response_from_stored(const struct survey_question *qs, size_t nq,
                                enum survey_questionnaire questionnaire, const char *sector,
                                const char *body_type, long long compact_id,
                                const char *const *values, struct survey_response *out);

/* ---- invitation codes ---- */

/* A code is 12 characters of an alphabet without look-alikes (no 0, O, 1, I, L), about 59 bits,
 * shown in groups of four ("7KQM-W3XR-PD9T") to be read from paper and typed. */
#define SURVEY_CODE_LEN  12
#define SURVEY_CODE_TEXT (SURVEY_CODE_LEN + 3) /* with its two hyphens and a NUL */
/* The context of the keyed hash (core/crypto.h's secret_hash) the database keeps of a code. */
#define SURVEY_CODE_CONTEXT "survey-code"

/* A new random code, as shown (with hyphens). */
void survey_code_new(char out[SURVEY_CODE_TEXT]);
/* The code as typed (any case, hyphens and spaces anywhere) as hashed: its 12 characters in
 * upper case into out; ERR_INVALID (out "") when it is not a code. */
int survey_code_normalise(const char *in, char out[SURVEY_CODE_LEN + 1]);

/* ---- tallies ---- */

/*
 * What results are made from, for the questions of one round (indexes as qs): per question and
 * group how many answered and how many chose each option; per questionnaire and group how many
 * responded. As a change (a response added: +1, replaced: -1 then +1) the same struct holds
 * differences, which the store adds to its kept tallies in the response's transaction.
 */
struct survey_tally {
    size_t nq;
    long long answered[SURVEY_QUESTIONS_MAX][SURVEY_GROUP_COUNT];
    long long count[SURVEY_QUESTIONS_MAX][SURVEY_GROUP_COUNT][SURVEY_OPTIONS_MAX];
    long long responses[SURVEY_QUESTIONNAIRE_COUNT][SURVEY_GROUP_COUNT];
};

/* An empty tally of nq questions. */
void survey_tally_init(struct survey_tally *t, size_t nq);
/* Add response r (checked against the same questions) to t sign times (1, or -1 to take a
 * replaced response out). Text answers count in nothing but the response. */
void survey_tally_add(struct survey_tally *t, const struct survey_response *r, int sign);

/* ---- results ---- */

/* A published figure: its value, and whether it is hidden (null in JSON, "fewer than 5" for a
 * count on a page). A share is a fraction (count / base), unrounded. */
struct survey_count {
    long long n;
    int hidden;
};
struct survey_share {
    double value;
    int hidden;
};

struct survey_group_result {
    struct survey_count answered;
    struct survey_count counts[SURVEY_OPTIONS_MAX];
    struct survey_share shares[SURVEY_OPTIONS_MAX]; /* over answered: for choose_up_to_3 and
                                                       choose_any, of the respondents who
                                                       answered (they add up to more than 1) */
    struct survey_count agree;                      /* agree5: strongly_agree + agree */
    struct survey_share agree_share;
};

struct survey_question_result {
    const struct survey_question *q;
    struct survey_group_result groups[SURVEY_GROUP_COUNT];
};

/*
 * The results of the questions qs[0..nq) from tally t (t->nq == nq), suppressed: out[i] for
 * qs[i] (text questions get nothing but their q). Counts 1 to 4 hidden, zeros shown, shares
 * hidden below a base of SUPPRESS_SHARE_MIN_BASE or with their count, and the cells this
 * header's top says.
 */
void survey_results(const struct survey_question *qs, size_t nq, const struct survey_tally *t,
                    struct survey_question_result *out);

/* n out of base as a whole percentage rounded half up, computed in integers (0.885 is 89);
 * 0 for base 0. */
int survey_percent(long long n, long long base);

/* ---- year on year ---- */

/* One figure's change between two rounds, in percentage points (now - before) * 100, unrounded;
 * hidden when either share is. */
struct survey_points {
    double points;
    int hidden;
};

struct survey_change {
    const char *key;
    int comparable;   /* 1: the same key and version in both rounds */
    int version_then; /* the earlier round's version, 0 when it had no such question */
    struct survey_points options[SURVEY_GROUP_COUNT][SURVEY_OPTIONS_MAX]; /* by now's options */
    struct survey_points agree[SURVEY_GROUP_COUNT];                       /* agree5 */
};

/*
 * Compare now (a question's results in the later round) with before[0..nbefore) (the earlier
 * round's, found by key): into *out. Options are matched by id; an option the earlier round did
 * not have is hidden.
 */
void survey_compare(const struct survey_question_result *now,
                    const struct survey_question_result *before, size_t nbefore,
                    struct survey_change *out);

/* ---- coverage of a round ---- */

/* A local Compact active on a round's closes_on, and whether the round has answers about it. */
struct survey_cover {
    long long compact_id;
    const char *name;
    int general;   /* at least one general answer */
    int benchmark; /* a benchmark answer */
};

/* How an area stands in a round, for the map of its coverage. */
enum survey_cover_state {
    SCOVER_BOTH,        /* its Compact has general answers and a benchmark */
    SCOVER_SOME,        /* one of the two */
    SCOVER_NONE,        /* an active Compact covers it, with no answer about it */
    SCOVER_NOT_COVERED, /* no active Compact covers it */
    SCOVER_STATE_COUNT
};

/* The state of an area covered by c (NULL: not covered by an active Compact). */
enum survey_cover_state survey_cover_state_of(const struct survey_cover *c);
/* For people: "General answers and a benchmark", "Some answers", "No answers", "Not covered". */
const char *survey_cover_state_label(enum survey_cover_state s);
/* The Compact compact_id among c[0..n), or NULL. */
const struct survey_cover *survey_cover_find(const struct survey_cover *c, size_t n,
                                             long long compact_id);

/* ---- the headline ---- */

/* The question the headline rests on. */
#define SURVEY_HEADLINE_KEY "importance"

/*
 * The headline sentence of the round of year from the results of SURVEY_HEADLINE_KEY: "In the
 * 2011 survey, 88% of respondents (82% of local authority respondents) agreed that the Compact
 * is important and that effort should go into implementing it in full." Percentages whole,
 * half up (survey_percent); the local authorities' part left out when their share is hidden.
 * Appended to out; ERR_NOT_FOUND (nothing appended) when the share of all is hidden or r is
 * NULL.
 */
int survey_headline(int year, const struct survey_question_result *r, struct buf *out);

#endif
