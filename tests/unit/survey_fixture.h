/*
 * What the survey's units share: an answer written as a literal, a date, and the check that the
 * kept tallies of a round equal a recount of its stored answers. Include after store_backend.h
 * and STORE_TEST_FIXTURE (it uses st and arena); test_survey.c takes ANSWER only
 * (SURVEY_FIXTURE_CORE_ONLY).
 */
#ifndef TESTS_UNIT_SURVEY_FIXTURE_H
#define TESTS_UNIT_SURVEY_FIXTURE_H

#include "core/survey.h"

/* A struct survey_answer_in of key k and the values given. */
#define ANSWER(k, ...)                                                                             \
    {                                                                                              \
        k, (const char *const[]){__VA_ARGS__},                                                     \
            sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)                      \
    }

#ifndef SURVEY_FIXTURE_CORE_ONLY
#include "app/survey.h"

static date_t d(const char *s)
{
    date_t out = 0;
    assert_int_equal(date_parse(s, strlen(s), &out), 0);
    return out;
}

/* The kept tallies of the round of year equal a recount from its stored answers. */
static void tallies_equal_recount(int year)
{
    struct survey_round_info round;
    struct survey_tally kept, counted;

    assert_int_equal(survey_round_read(st, year, &arena, &round), 0);
    assert_int_equal(store_survey_tally(st, round.id, round.questions, round.nquestions, &kept), 0);
    assert_int_equal(survey_recount(st, year, &counted), 0);
    assert_int_equal(kept.nq, counted.nq);
    assert_memory_equal(kept.answered, counted.answered, sizeof(kept.answered));
    assert_memory_equal(kept.count, counted.count, sizeof(kept.count));
    assert_memory_equal(kept.responses, counted.responses, sizeof(kept.responses));
}
#endif

#endif
