/*
 * The survey in the store, on SQLite and PostgreSQL: the seeded bank is core's, a round copies
 * it, codes are kept as hashes and used once, a response leaves no trace of who gave it, a
 * benchmark answer replaces the Compact's earlier one, and the kept tallies always equal a
 * recount of the stored answers (after an answer, a replacement, a batch, a rollback).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store_backend.h"

#include "app/survey.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "store/store_int.h"
#include "core/survey.h"
#include "base/err.h"

STORE_TEST_FIXTURE

#include "survey_fixture.h"

static int setup_survey(void **state)
{
    if (setup(state)) {
        return -1;
    }
    return db_exec(st->db, "INSERT INTO compact (id, name, created_at) VALUES "
                           "(1, 'Leeds Compact', 'x'), (2, 'Kent Compact', 'x'); "
                           "INSERT INTO \"user\" (id, email, name, role, created_at) VALUES "
                           "(5, 'sam@example.org', 'Sam', 'admin', 'x')");
}

/* The round of 2011, made, with its questions. */
static long long round_2011(struct survey_question **qs, size_t *nq)
{
    struct survey_round_row r;
    long long id;

    assert_int_equal(store_survey_round_add(st, 2011, d("2011-03-01"), d("2011-05-31"), "cli", &id),
                     0);
    assert_int_equal(store_survey_round_get(st, 2011, &arena, &r, qs, nq), 0);
    assert_int_equal(r.id, id);
    return id;
}

static void response(const struct survey_question *qs, size_t nq, const char *questionnaire,
                     const char *sector, const char *body, long long compact,
                     const struct survey_answer_in *a, size_t na, struct survey_response *r)
{
    struct survey_response_in in = {questionnaire, sector, body, compact, a, na};
    struct survey_refusal why;
    assert_int_equal(survey_check(qs, nq, &in, r, &why), 0);
}

static void test_bank_seeded_as_core_has_it(void **state)
{
    struct survey_question *stored;
    size_t n, nb;
    const struct survey_question *core = survey_bank(&nb);

    (void)state;
    assert_int_equal(store_survey_bank(st, &arena, &stored, &n), 0);
    assert_int_equal(n, nb);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(stored[i].key, core[i].key);
        assert_int_equal(stored[i].version, core[i].version);
        assert_int_equal(stored[i].questionnaire, core[i].questionnaire);
        assert_int_equal(stored[i].type, core[i].type);
        assert_string_equal(stored[i].text, core[i].text);
        if (core[i].hint) {
            assert_string_equal(stored[i].hint, core[i].hint);
        } else {
            assert_null(stored[i].hint);
        }
        assert_int_equal(stored[i].noptions, core[i].noptions);
        for (size_t o = 0; o < core[i].noptions; o++) {
            assert_string_equal(stored[i].options[o].id, core[i].options[o].id);
            assert_string_equal(stored[i].options[o].label, core[i].options[o].label);
        }
    }
}

static void test_round_copies_the_bank(void **state)
{
    struct survey_question *qs;
    struct survey_round_row *list;
    size_t nq, n, nb;
    int before;
    long long id;

    (void)state;
    survey_bank(&nb);
    round_2011(&qs, &nq);
    assert_int_equal(nq, nb);
    assert_string_equal(qs[0].key, "importance");
    /* a later change of the bank leaves the round as it was asked */
    assert_int_equal(db_exec(st->db, "UPDATE survey_bank_question SET version = 2, "
                                     "text = 'Reworded' WHERE key = 'importance'"),
                     DB_OK);
    assert_int_equal(store_survey_round_add(st, 2012, d("2012-03-01"), d("2012-05-31"), "cli", &id),
                     0);
    assert_int_equal(store_survey_round_add(st, 2012, d("2012-03-01"), d("2012-05-31"), "cli", &id),
                     ERR_CONFLICT);
    assert_int_equal(id, 0);
    assert_int_equal(
        store_survey_round_get(st, 2011, &arena, &(struct survey_round_row){0}, &qs, &nq), 0);
    assert_int_equal(qs[0].version, 1);
    assert_int_equal(
        store_survey_round_get(st, 2012, &arena, &(struct survey_round_row){0}, &qs, &nq), 0);
    assert_int_equal(qs[0].version, 2);
    assert_string_equal(qs[0].text, "Reworded");
    assert_int_equal(store_survey_round_list(st, &arena, &list, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].year, 2012);
    assert_int_equal(list[1].opens_on, d("2011-03-01"));
    assert_int_equal(store_survey_round_before(st, 2012, &before), 0);
    assert_int_equal(before, 2011);
    assert_int_equal(store_survey_round_before(st, 2011, &before), ERR_NOT_FOUND);
    assert_int_equal(
        store_survey_round_get(st, 2010, &arena, &(struct survey_round_row){0}, NULL, NULL),
        ERR_NOT_FOUND);
    /* both audited: the register changed */
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM audit WHERE kind = 'survey_round' "
                                         "AND action = 'create'"),
                     2);
}

static void test_codes_hashed_and_used_once(void **state)
{
    struct survey_question *qs;
    size_t nq;
    unsigned char h[2][SECRET_HASH_BYTES];
    struct store_survey_batch *b;
    long long round, code_id, compact;
    int used;

    (void)state;
    round = round_2011(&qs, &nq);
    memset(h[0], 1, sizeof(h[0]));
    memset(h[1], 2, sizeof(h[1]));
    assert_int_equal(store_survey_codes_add(st, round, 2011, 1, (const void *)h, 2, "cli"), 0);
    assert_int_equal(store_survey_codes_add(st, round, 2011, 99, (const void *)h, 2, "cli"),
                     ERR_NOT_FOUND);
    assert_int_equal(store_survey_codes_add(st, round, 2011, 2, (const void *)h, 1, "cli"),
                     ERR_CONFLICT);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM survey_code"), 2);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM audit WHERE action = 'codes'"), 1);
    assert_int_equal(store_survey_code_find(st, round, h[1], &code_id, &compact, &used), 0);
    assert_int_equal(compact, 1);
    assert_false(used);
    assert_int_equal(store_survey_batch_begin(st, round, qs, nq, &b), 0);
    assert_int_equal(store_survey_batch_use_code(b, code_id), 0);
    assert_int_equal(store_survey_batch_end(b, 0, NULL), 0);
    assert_int_equal(store_survey_code_find(st, round, h[1], &code_id, &compact, &used), 0);
    assert_true(used);
    assert_int_equal(store_survey_batch_begin(st, round, qs, nq, &b), 0);
    assert_int_equal(store_survey_batch_use_code(b, code_id), ERR_CONFLICT);
    assert_int_equal(store_survey_batch_end(b, ERR_CONFLICT, NULL), ERR_CONFLICT);
    memset(h[0], 3, sizeof(h[0]));
    assert_int_equal(store_survey_code_find(st, round, h[0], &code_id, &compact, &used),
                     ERR_NOT_FOUND);
    assert_int_equal(code_id, 0);
}

static void test_responses_replacement_and_tallies(void **state)
{
    struct survey_question *qs;
    struct survey_response r;
    struct store_survey_batch *b;
    struct survey_tally t;
    struct survey_compact_count *counts;
    size_t nq, n;
    long long round, id;
    const struct survey_answer_in general[] = {ANSWER("importance", "agree"),
                                               ANSWER("improvements", "resources", "training"),
                                               ANSWER("comments", "Kept; exported")};
    const struct survey_answer_in bench1[] = {ANSWER("paid_worker", "yes"),
                                              ANSWER("signed_partners", "council", "nhs")};
    const struct survey_answer_in bench2[] = {ANSWER("paid_worker", "no"),
                                              ANSWER("group_meets", "quarterly")};

    (void)state;
    round = round_2011(&qs, &nq);
    assert_int_equal(store_survey_batch_begin(st, round, qs, nq, &b), 0);
    response(qs, nq, "general", "statutory", "local_authority", 1, general, 3, &r);
    assert_int_equal(store_survey_batch_add(b, &r, &id), 0);
    assert_true(id > 0);
    assert_int_equal(store_survey_batch_respondent(b, 5), 0);
    response(qs, nq, "benchmark", "vcs", NULL, 1, bench1, 2, &r);
    assert_int_equal(store_survey_batch_add(b, &r, NULL), 0);
    assert_int_equal(store_survey_batch_end(b, 0, NULL), 0);
    tallies_equal_recount(2011);

    /* the person is marked as having answered, with nothing that links them to an answer */
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM survey_respondent"), 1);
    assert_int_equal(store_survey_batch_begin(st, round, qs, nq, &b), 0);
    assert_int_equal(store_survey_batch_respondent(b, 5), ERR_CONFLICT);
    assert_int_equal(store_survey_batch_end(b, ERR_CONFLICT, NULL), ERR_CONFLICT);

    /* a later benchmark answer replaces the earlier, in the tallies too */
    assert_int_equal(store_survey_batch_begin(st, round, qs, nq, &b), 0);
    response(qs, nq, "benchmark", "statutory", "local_authority", 1, bench2, 2, &r);
    assert_int_equal(store_survey_batch_add(b, &r, NULL), 0);
    assert_int_equal(store_survey_batch_end(b, 0, NULL), 0);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM survey_response "
                                         "WHERE questionnaire = 'benchmark'"),
                     1);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM survey_answer a JOIN "
                                         "survey_response r ON r.id = a.response_id "
                                         "WHERE r.questionnaire = 'benchmark'"),
                     2);
    assert_int_equal(store_survey_tally(st, round, qs, nq, &t), 0);
    {
        size_t pw = (size_t)(survey_question_find(qs, nq, "paid_worker") - qs),
               sp = (size_t)(survey_question_find(qs, nq, "signed_partners") - qs);
        assert_int_equal(t.responses[SURVEY_BENCHMARK][SURVEY_ALL], 1);
        assert_int_equal(t.responses[SURVEY_BENCHMARK][SURVEY_GROUP_VCS], 0);
        assert_int_equal(t.responses[SURVEY_BENCHMARK][SURVEY_GROUP_LOCAL_AUTHORITY], 1);
        assert_int_equal(t.count[pw][SURVEY_ALL][0], 0); /* yes, taken out */
        assert_int_equal(t.count[pw][SURVEY_ALL][1], 1); /* no */
        assert_int_equal(t.answered[sp][SURVEY_ALL], 0);
    }
    tallies_equal_recount(2011);

    /* a batch rolled back leaves the tallies as they were */
    assert_int_equal(store_survey_batch_begin(st, round, qs, nq, &b), 0);
    response(qs, nq, "general", "vcs", NULL, 2, general, 3, &r);
    assert_int_equal(store_survey_batch_add(b, &r, NULL), 0);
    assert_int_equal(store_survey_batch_end(b, ERR_INVALID, NULL), ERR_INVALID);
    tallies_equal_recount(2011);
    assert_int_equal(store_survey_compact_counts(st, round, &arena, &counts, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(counts[0].compact_name, "Leeds Compact");
    assert_int_equal(counts[0].general, 1);
    assert_int_equal(counts[0].benchmark, 1);
    /* the answers are never in the audit trail */
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM audit WHERE after LIKE '%agree%' "
                                         "OR after LIKE '%exported%'"),
                     0);
}

/* A batch of many in one transaction, replacing as it goes. */
static void test_batch_of_many(void **state)
{
    struct survey_question *qs;
    struct survey_response r;
    struct store_survey_batch *b;
    struct survey_tally t;
    size_t nq;
    long long round;
    static const char *const opts[] = {"strongly_agree", "agree", "neither", "disagree"};

    (void)state;
    round = round_2011(&qs, &nq);
    assert_int_equal(store_survey_batch_begin(st, round, qs, nq, &b), 0);
    for (int i = 0; i < 500; i++) {
        const struct survey_answer_in a[] = {{"importance", &opts[i % 4], 1}};
        const struct survey_answer_in bench[] = {{"paid_worker", (const char *[]){"yes"}, 1}};
        response(qs, nq, "general", i % 3 ? "vcs" : "other", NULL, 1 + i % 2, a, 1, &r);
        assert_int_equal(store_survey_batch_add(b, &r, NULL), 0);
        if (i % 100 == 0) {
            response(qs, nq, "benchmark", "vcs", NULL, 2, bench, 1, &r);
            assert_int_equal(store_survey_batch_add(b, &r, NULL), 0);
        }
    }
    assert_int_equal(store_survey_batch_end(b, 0, "cli"), 0);
    assert_int_equal(store_survey_tally(st, round, qs, nq, &t), 0);
    assert_int_equal(t.responses[SURVEY_GENERAL][SURVEY_ALL], 500);
    assert_int_equal(t.responses[SURVEY_BENCHMARK][SURVEY_ALL], 1);
    assert_int_equal(t.count[0][SURVEY_ALL][1], 125);
    tallies_equal_recount(2011);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM audit WHERE action = 'import' "
                                         "AND after = '{\"imported\":505}'"),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bank_seeded_as_core_has_it, setup_survey, teardown),
        cmocka_unit_test_setup_teardown(test_round_copies_the_bank, setup_survey, teardown),
        cmocka_unit_test_setup_teardown(test_codes_hashed_and_used_once, setup_survey, teardown),
        cmocka_unit_test_setup_teardown(test_responses_replacement_and_tallies, setup_survey,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_batch_of_many, setup_survey, teardown),
    };
    RUN_ON_BOTH(tests, NULL, NULL);
}
