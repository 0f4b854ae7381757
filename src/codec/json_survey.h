/*
 * The annual survey (SPEC section 7) in and out as JSON and CSV: the bodies of POST
 * /api/v1/surveys and POST /api/v1/surveys/{year}/responses, and the results of GET
 * /api/v1/surveys/{year}/results (and .csv, and `compact survey results`). Suppressed figures
 * (core/survey.h's hidden ones) are null in JSON and empty in CSV.
 */
#ifndef CODEC_JSON_SURVEY_H
#define CODEC_JSON_SURVEY_H

#include <stddef.h>

#include "core/survey.h"
#include "base/arena.h"
#include "base/buf.h"

/*
 * Decode {"year": whole number, "opens_on": "YYYY-MM-DD", "closes_on": "YYYY-MM-DD"}: *year
 * and the two strings as given (whether they are dates is the service's to say). ERR_INVALID
 * with *field naming the member at fault (any other member too) and *why a sentence.
 */
int json_survey_round(const char *text, size_t len, struct arena *arena, int *year,
                      const char **opens_on, const char **closes_on, const char **field,
                      const char **why);

/*
 * Decode an answer {"code"?, "questionnaire", "sector", "body_type"?, "compact_id"?,
 * "answers": {KEY: "option" | ["option", ...] | "text" | null}} into *out (strings from arena;
 * compact_id 0 when absent, as with a code) and *code (NULL when absent or null). Only the
 * shape is checked here (each member's kind; no other member; at most SURVEY_QUESTIONS_MAX
 * answers and SURVEY_OPTIONS_MAX values an answer): what the values mean is survey_check's.
 * ERR_INVALID with *field ("body", "sector", "answers.improvements") and *why a sentence.
 */
int json_survey_response(const char *text, size_t len, struct arena *arena,
                         struct survey_response_in *out, const char **code, const char **field,
                         const char **why);

/* Decode {"count": whole number}: how many invitation codes to make (whether 1 to
 * SURVEY_CODES_MAX is the service's to say). ERR_INVALID naming "count" or another member. */
int json_survey_count(const char *text, size_t len, struct arena *arena, long long *count,
                      const char **field, const char **why);

/* What a round's results are made of, as app/survey.h's survey_results gives them. */
struct json_survey_round_results {
    int year;
    const struct survey_count *responses; /* [SURVEY_QUESTIONNAIRE_COUNT], hidden: null */
    size_t active_compacts, with_general, with_benchmark;
    const struct survey_question_result *questions;
    size_t nquestions;
};

/*
 * SPEC's JSON: {"year", "responses": {"general", "benchmark"}, "coverage": {"active_compacts",
 * "with_general", "with_benchmark"}, "questions": [{"key", "version", "type", "text", "groups":
 * {GROUP: {"answered", "counts": {OPTION: n}, "shares": {OPTION: fraction}, and for agree5
 * "agree", "agree_share"}}}]}, hidden figures null.
 */
void json_survey_results(struct buf *b, const struct json_survey_round_results *r);

/*
 * The same as CSV with a header line, one line a question, group and option:
 * key,version,type,group,answered,option,count,share; for agree5 one more line a group whose
 * option is "agree_total" (strongly_agree + agree). Hidden figures empty.
 */
void csv_survey_results(struct buf *b, const struct json_survey_round_results *r);

#endif
