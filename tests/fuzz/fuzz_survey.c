/*
 * libFuzzer target for the survey's answer decoder (codec/json_survey.h) and the check behind
 * it (core/survey.h's survey_check against the seeded bank). The input is the JSON body of POST
 * /api/v1/surveys/{year}/responses. json_survey_response either refuses it, naming a field and
 * saying why, or decodes it; text that is not UTF-8 or holds \u0000 is refused
 * (fuzz_json_text_bad). A decoded answer goes through survey_check: either a refusal naming
 * its field ("questionnaire", "sector", "body_type", or "answers." and a key given) with a
 * sentence, or a response of at most SURVEY_QUESTIONS_MAX answers, each to a question of its
 * questionnaire with options the question has (at most three for choose_up_to_3, one for a
 * single answer), body type only for the statutory sector, which tallies without going out of
 * bounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "codec/json_survey.h"
#include "core/survey.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/banned.h"

static int popcount(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1) {
        n++;
    }
    return n;
}

static void check_response(const struct survey_question *qs, size_t nq,
                           const struct survey_response_in *in)
{
    struct survey_response out;
    struct survey_refusal refused;
    static struct survey_tally t;

    memset(&refused, 0, sizeof(refused));
    if (survey_check(qs, nq, in, &out, &refused) < 0) {
        CHECK(refused.kind != SREFUSE_NONE && *refused.field && *refused.why);
        CHECK(!strcmp(refused.field, "questionnaire") || !strcmp(refused.field, "sector") ||
              !strcmp(refused.field, "body_type") || !strcmp(refused.field, "compact_id") ||
              !strncmp(refused.field, "answers.", 8));
        return;
    }
    CHECK(out.nanswers <= SURVEY_QUESTIONS_MAX && out.nanswers <= in->nanswers);
    CHECK((out.sector == SURVEY_STATUTORY) == (out.body_type != SURVEY_BODY_NONE));
    for (size_t i = 0; i < out.nanswers; i++) {
        const struct survey_question *q = &qs[out.answers[i].question];
        CHECK(out.answers[i].question < nq && q->questionnaire == out.questionnaire);
        if (q->type == SQ_TEXT) {
            CHECK(out.answers[i].text && strlen(out.answers[i].text) <= SURVEY_TEXT_MAX);
            continue;
        }
        CHECK(out.answers[i].options && out.answers[i].options < (1u << q->noptions));
        if (q->type == SQ_UP_TO_3) {
            CHECK(popcount(out.answers[i].options) <= SURVEY_UP_TO);
        } else if (!survey_type_multi(q->type)) {
            CHECK(popcount(out.answers[i].options) == 1);
        }
    }
    survey_tally_init(&t, nq);
    survey_tally_add(&t, &out, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct survey_response_in in;
    struct arena arena;
    const char *code, *field, *why;
    const struct survey_question *qs;
    size_t nq;
    char *text = malloc(size + 1);

    if (!text) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    arena_init(&arena);
    qs = survey_bank(&nq);
    if (json_survey_response(text, size, &arena, &in, &code, &field, &why) < 0) {
        CHECK(field && *field && why && *why);
    } else {
        CHECK(!fuzz_json_text_bad(data, size));
        CHECK(in.nanswers <= SURVEY_QUESTIONS_MAX);
        for (size_t i = 0; i < in.nanswers; i++) {
            CHECK(in.answers[i].key && in.answers[i].nvalues <= SURVEY_OPTIONS_MAX);
        }
        check_response(qs, nq, &in);
    }
    arena_release(&arena);
    free(text);
    return 0;
}
