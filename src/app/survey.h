/*
 * The annual survey (SPEC section 7) for the person asking: the one piece of code behind the
 * API, the pages and `compact survey`. The rules of a response, the results and their
 * suppression are core/survey.h's; this file stores and reads rounds, codes and responses
 * through the store, decides who may do what (app/policy.h's policy_survey_*), and audits the
 * changes of the register (a round made, codes made; never an answer nor who answered).
 *
 * Every function takes the person acting where it matters (u; ROLE_PUBLIC for nobody signed
 * in, NULL for the command line, which may do everything). Errors map to statuses through the
 * one err-to-status table: ERR_INVALID 400, ERR_FORBIDDEN 403, ERR_NOT_FOUND 404, ERR_CONFLICT
 * 409. A write refused stores nothing. Strings and arrays of what is read come from arena.
 *
 * The server key (store_server_key) hashes invitation codes as it hashes API tokens: the
 * database keeps the keyed hash only, so a copy of it gives no usable code.
 */
#ifndef APP_SURVEY_H
#define APP_SURVEY_H

#include <stddef.h>

#include "core/account.h"
#include "core/coverage.h"
#include "core/crypto.h"
#include "core/survey.h"
#include "store/store.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"

/* A round as read, with its questions (copied from the bank when it was made). */
struct survey_round_info {
    long long id;
    int year;
    date_t opens_on, closes_on;
    const struct survey_question *questions; /* general first, as a form asks them */
    size_t nquestions;
};

/*
 * Make the round of year (opens_on and closes_on as given, "YYYY-MM-DD") as u, copying the
 * bank's questions into it, audited. ERR_FORBIDDEN unless u may (policy_survey_manage: admins);
 * ERR_INVALID with *refused naming "year" (not 2000 to 2100), "opens_on" or "closes_on"
 * (malformed; closes_on before opens_on); ERR_CONFLICT (field "year") when the round exists.
 * *id is the new round's (0 on failure).
 */
int survey_round_create(struct store *st, const struct user *u, int year, const char *opens_on,
                        const char *closes_on, long long *id, struct survey_refusal *refused);

/* The round of year into *out. ERR_NOT_FOUND when there is none. */
int survey_round_read(struct store *st, int year, struct arena *arena,
                      struct survey_round_info *out);

/* Every round, newest first, without their questions: *out[0..*n). */
int survey_round_list(struct store *st, struct arena *arena, struct survey_round_info **out,
                      size_t *n);

/* The most codes one call makes. */
#define SURVEY_CODES_MAX 5000

/*
 * Make count new invitation codes of the round of year for Compact compact_id as u, stored
 * hashed under key, audited (how many, for which Compact; never the codes): *codes[0..count)
 * the codes themselves as shown ("7KQM-W3XR-PD9T", core/survey.h; from arena), which are
 * shown this once.
 * ERR_NOT_FOUND for no such round (field "year") or Compact ("compact_id"); ERR_FORBIDDEN
 * unless u may (policy_survey_codes: admins, and the coordinators of that Compact);
 * ERR_INVALID ("count") unless 1 <= count <= SURVEY_CODES_MAX. A closed round still takes
 * codes (to print before it opens; after it closed they are of no use, and the page says so).
 */
int survey_codes_make(struct store *st, const struct user *u, const unsigned char key[SECRET_BYTES],
                      int year, long long compact_id, size_t count, struct arena *arena,
                      const char ***codes, struct survey_refusal *refused);

/* The link a code is printed with: base_url (no trailing slash, may be "") then
 * "/surveys/YEAR/respond?code=CODE", appended to out. */
void survey_code_link(struct buf *out, const char *base_url, int year, const char *code);

/*
 * Answer the round of year on today as u, with code (NULL or "": none) under key. In this
 * order, each refusal storing nothing and leaving the code unused:
 *  - ERR_NOT_FOUND ("year"): no such round;
 *  - ERR_FORBIDDEN ("year"): today is before opens_on or after closes_on, why saying "The 2011
 *    survey opens on 1 March 2011" or "The 2011 survey closed on 31 May 2011";
 *  - with a code: ERR_NOT_FOUND ("code") when no code of this round has it (any case, hyphens
 *    or not), ERR_CONFLICT ("code") when it was used; in->compact_id 0 is the code's Compact;
 *  - ERR_INVALID: survey_check's refusals, and "compact_id" for no such Compact;
 *  - with a code: ERR_FORBIDDEN ("code") for the benchmark questionnaire (codes are for the
 *    general one), ERR_INVALID ("compact_id") for a Compact that is not the code's;
 *  - without one, general: ERR_FORBIDDEN ("code") for nobody signed in; ERR_CONFLICT when u has
 *    answered this round already (the command line may answer any number of times);
 *  - benchmark: ERR_FORBIDDEN ("compact_id") unless u may (policy_survey_benchmark: admins and
 *    the Compact's coordinators); a later benchmark answer of the Compact replaces the earlier.
 * Stores in one transaction the response (apart from who gave it), the code's use or the mark
 * that u has answered (which says nothing of what), and the tallies. *response_id may be NULL.
 */
int survey_answer(struct store *st, const struct user *u, const unsigned char key[SECRET_BYTES],
                  int year, const struct survey_response_in *in, const char *code, date_t today,
                  long long *response_id, struct survey_refusal *refused);

/*
 * Whether code may answer the round of year now, for a page to say so before the form: 0,
 * ERR_NOT_FOUND (no such round or code), ERR_CONFLICT (used). *compact_id (may be NULL) is
 * the code's Compact.
 */
int survey_code_check(struct store *st, const unsigned char key[SECRET_BYTES], int year,
                      const char *code, long long *compact_id);

/* One bad line of an import: its number in the file (the header is 1) and why. */
struct survey_import_error {
    long line;
    struct survey_refusal refusal;
};

/* The most bad lines an import reports (it stops reading after them). */
#define SURVEY_IMPORT_ERRORS_MAX 100

/*
 * Import the CSV text data[0..len) into the round of year as u (policy_survey_manage: admins),
 * not bound by the round's dates: the header `questionnaire,sector,body_type,compact_id` then
 * one column per question key of the round (in any order, each at most once, not all needed);
 * choose_up_to_3 and choose_any as `;`-separated options; blank for no answer. All or nothing
 * in one transaction: 0 and *imported, or ERR_INVALID with every bad line (up to
 * SURVEY_IMPORT_ERRORS_MAX; a bad header is line 1) in *errors[0..*nerrors) from arena and
 * nothing stored. A benchmark line replaces the earlier answer of its Compact, as any later
 * answer does (a later line of the same file too). Audited as one entry (how many lines).
 */
int survey_import_csv(struct store *st, const struct user *u, int year, const char *data,
                      size_t len, struct arena *arena, size_t *imported,
                      struct survey_import_error **errors, size_t *nerrors);

/*
 * The response counts of the round of year by Compact, by name, for those who run it while it
 * is open (policy_survey_manage: admins; ERR_FORBIDDEN otherwise): every Compact with at least
 * one response into *out[0..*n). ERR_NOT_FOUND for no such round.
 */
int survey_counts(struct store *st, const struct user *u, int year, struct arena *arena,
                  struct survey_compact_count **out, size_t *n);

/* The results of a round, as the contract gives them to everyone. */
struct survey_results {
    struct survey_round_info round;
    struct survey_count responses[SURVEY_QUESTIONNAIRE_COUNT]; /* how many of each, hidden
                                                                   from 1 to 4 like any count */
    /* coverage: counts of Compacts, facts of the register, never hidden */
    size_t active_compacts;                   /* Compacts active on closes_on (compact_status_on) */
    size_t with_general;                      /* of them, those with at least one general answer */
    size_t with_benchmark;                    /* of them, those with a benchmark answer */
    struct survey_question_result *questions; /* round.questions but the text ones, in order */
    size_t nquestions;
    /* for the map of coverage: the authorities' coverage on closes_on (core/coverage.h), and
     * the active_compacts Compacts it counts, by name, each with whether it has answers */
    struct coverage coverage;
    struct survey_cover *compacts;
};

/*
 * The results of the round of year, suppressed (survey_results), from the tallies kept as
 * answers came: a few small reads however many answers. ERR_NOT_FOUND for no such round.
 * Anyone may read them, while the round is open too.
 */
int survey_results_read(struct store *st, int year, struct arena *arena,
                        struct survey_results *out);

/*
 * Year on year: the results r of a round against the round before it (the newest with an
 * earlier year): *changes[i] for r->questions[i] from arena, *before_year that round's year.
 * ERR_NOT_FOUND (and *changes NULL, *before_year 0) when there is no earlier round.
 */
int survey_year_on_year(struct store *st, const struct survey_results *r, struct arena *arena,
                        struct survey_change **changes, int *before_year);

/*
 * The tallies of the round of year counted again from its stored answers into *out, as
 * store_survey_tally reads the kept ones (they must be equal: a check for tests and for
 * `compact survey` to run after a repair). ERR_NOT_FOUND for no such round.
 */
int survey_recount(struct store *st, int year, struct survey_tally *out);

/* The headline sentence of r (core's survey_headline) appended to out; ERR_NOT_FOUND (nothing
 * appended) when the round has no importance question or its share is hidden. */
int survey_headline_of(const struct survey_results *r, struct buf *out);

/*
 * The anonymised answers of the round of year for admins (policy_survey_manage;
 * ERR_FORBIDDEN otherwise), as CSV appended to out: the import's columns (questionnaire,
 * sector, body_type, compact_id, then every question of the round by key, text ones
 * included), one line a response in an order that tells nothing of when it came, never who
 * answered nor which code. An export imports again as it is. ERR_NOT_FOUND for no such round.
 */
int survey_export_csv(struct store *st, const struct user *u, int year, struct buf *out);

#endif
