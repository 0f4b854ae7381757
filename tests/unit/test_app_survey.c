/*
 * app/survey: the service the API, pages and CLI share, on SQLite and PostgreSQL. Who may do
 * what by object (this Compact's coordinator, not another's), a refused answer that stores
 * nothing and leaves its code usable, used and unknown codes, the round's dates, once per person
 * signed in, a benchmark answer replaced, an import all or nothing with its lines named, the
 * results with coverage and the headline, year on year, and the anonymised export.
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
#include "base/err.h"

STORE_TEST_FIXTURE

#include "survey_fixture.h"

static unsigned char key[SECRET_BYTES];

static const struct user admin = {.id = 1, .email = "ann@example.org", .role = ROLE_ADMIN};
static const struct user coord1 = {.id = 2, .email = "cat@example.org", .role = ROLE_COORDINATOR};
static const struct user coord2 = {.id = 3, .email = "col@example.org", .role = ROLE_COORDINATOR};
static const struct user member = {.id = 4, .email = "meg@example.org", .role = ROLE_MEMBER};
static const struct user nobody = {.role = ROLE_PUBLIC};

static int setup_app(void **state)
{
    if (setup(state) || store_server_key(st, key)) {
        return -1;
    }
    return db_exec(
        st->db,
        "INSERT INTO compact (id, name, created_at) VALUES (1, 'Leeds Compact', 'x'), "
        "(2, 'Kent Compact', 'x'), (3, 'Merton Compact', 'x'); "
        "INSERT INTO compact_authority (compact_id, gss) VALUES (1, 'E08000035'); "
        "INSERT INTO compact_status (compact_id, status, date) VALUES "
        "(1, 'active', '2005-01-01'), (2, 'active', '2006-01-01'), "
        "(3, 'active', '2007-01-01'), (3, 'inactive', '2011-04-01'); "
        "INSERT INTO \"user\" (id, email, name, role, org_id, created_at) VALUES "
        "(1, 'ann@example.org', 'Ann', 'admin', NULL, 'x'), (2, 'cat@example.org', 'Cat', "
        "'coordinator', NULL, 'x'), (3, 'col@example.org', 'Col', 'coordinator', NULL, 'x'), "
        "(4, 'meg@example.org', 'Meg', 'member', 'GB-CHC-1234567', 'x'); "
        "INSERT INTO compact_coordinator (compact_id, user_id) VALUES (1, 2), (2, 3)");
}

static void make_round(int year, const char *opens, const char *closes)
{
    struct survey_refusal why;
    long long id;
    assert_int_equal(survey_round_create(st, &admin, year, opens, closes, &id, &why), 0);
    assert_true(id > 0);
}

static const char *const *codes_for(long long compact, size_t n)
{
    const char **codes;
    struct survey_refusal why;
    assert_int_equal(survey_codes_make(st, &admin, key, 2011, compact, n, &arena, &codes, &why), 0);
    return codes;
}

static long long responses(void)
{
    return test_number(st->db, "SELECT count(*) FROM survey_response");
}

static void test_making_a_round(void **state)
{
    struct survey_refusal why;
    long long id;
    static const struct {
        int year;
        const char *opens, *closes, *field;
        int ret;
    } bad[] = {
        {1999, "2011-03-01", "2011-05-31", "year", ERR_INVALID},
        {2011, "1 March", "2011-05-31", "opens_on", ERR_INVALID},
        {2011, "2011-03-01", NULL, "closes_on", ERR_INVALID},
        {2011, "2011-03-01", "2011-02-28", "closes_on", ERR_INVALID},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(
            survey_round_create(st, &admin, bad[i].year, bad[i].opens, bad[i].closes, &id, &why),
            bad[i].ret);
        assert_string_equal(why.field, bad[i].field);
    }
    assert_int_equal(survey_round_create(st, &coord1, 2011, "2011-03-01", "2011-05-31", &id, &why),
                     ERR_FORBIDDEN);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM survey_round"), 0);
    make_round(2011, "2011-03-01", "2011-05-31");
    assert_int_equal(survey_round_create(st, NULL, 2011, "2011-03-01", "2011-05-31", &id, &why),
                     ERR_CONFLICT);
    assert_string_equal(why.field, "year");
}

static void test_codes_by_object(void **state)
{
    const char **codes;
    struct survey_refusal why;
    struct buf link = BUF_INIT;

    (void)state;
    make_round(2011, "2011-03-01", "2011-05-31");
    /* this Compact's coordinator may; another's, a member and nobody may not */
    assert_int_equal(survey_codes_make(st, &coord1, key, 2011, 1, 3, &arena, &codes, &why), 0);
    assert_int_equal(strlen(codes[0]), SURVEY_CODE_TEXT - 1);
    assert_string_not_equal(codes[0], codes[1]);
    assert_int_equal(survey_codes_make(st, &coord2, key, 2011, 1, 3, &arena, &codes, &why),
                     ERR_FORBIDDEN);
    assert_null(codes);
    assert_string_equal(why.field, "compact_id");
    assert_int_equal(survey_codes_make(st, &coord2, key, 2011, 2, 1, &arena, &codes, &why), 0);
    assert_int_equal(survey_codes_make(st, &member, key, 2011, 1, 1, &arena, &codes, &why),
                     ERR_FORBIDDEN);
    assert_int_equal(survey_codes_make(st, &nobody, key, 2011, 1, 1, &arena, &codes, &why),
                     ERR_FORBIDDEN);
    assert_int_equal(survey_codes_make(st, &admin, key, 2011, 9, 1, &arena, &codes, &why),
                     ERR_NOT_FOUND);
    assert_string_equal(why.field, "compact_id");
    assert_int_equal(survey_codes_make(st, &admin, key, 2010, 1, 1, &arena, &codes, &why),
                     ERR_NOT_FOUND);
    assert_string_equal(why.field, "year");
    assert_int_equal(survey_codes_make(st, &admin, key, 2011, 1, 0, &arena, &codes, &why),
                     ERR_INVALID);
    assert_string_equal(why.field, "count");
    assert_int_equal(
        survey_codes_make(st, &admin, key, 2011, 1, SURVEY_CODES_MAX + 1, &arena, &codes, &why),
        ERR_INVALID);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM survey_code"), 4);
    /* kept as hashes of 32 bytes, never the code */
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM survey_code "
                                         "WHERE length(code_hash) = 32"),
                     4);
    survey_code_link(&link, "https://hub.example", 2011, "7KQM-W3XR-PD9T");
    assert_string_equal(link.data, "https://hub.example/surveys/2011/respond?code=7KQM-W3XR-PD9T");
    buf_release(&link);
}

static void test_answering_with_a_code(void **state)
{
    const struct survey_answer_in good[] = {ANSWER("importance", "agree"),
                                            ANSWER("improvements", "resources", "promotion")};
    const struct survey_answer_in four[] = {
        ANSWER("improvements", "resources", "promotion", "training", "other")};
    struct survey_response_in in = {"general", "vcs", NULL, 1, good, 2};
    struct survey_response_in bad = {"general", "vcs", NULL, 1, four, 1};
    struct survey_refusal why;
    const char *const *codes;
    long long id, compact;
    char lower[SURVEY_CODE_TEXT];

    (void)state;
    make_round(2011, "2011-03-01", "2011-05-31");
    codes = codes_for(1, 2);
    /* a refused answer stores nothing and leaves its code usable */
    assert_int_equal(
        survey_answer(st, &nobody, key, 2011, &bad, codes[0], d("2011-04-01"), &id, &why),
        ERR_INVALID);
    assert_string_equal(why.field, "answers.improvements");
    assert_int_equal(responses(), 0);
    assert_int_equal(survey_code_check(st, key, 2011, codes[0], &compact), 0);
    assert_int_equal(compact, 1);
    /* outside the round's dates: when it opens, that it closed */
    assert_int_equal(
        survey_answer(st, &nobody, key, 2011, &in, codes[0], d("2011-02-28"), &id, &why),
        ERR_FORBIDDEN);
    assert_string_equal(why.why, "The 2011 survey opens on 1 March 2011");
    assert_int_equal(
        survey_answer(st, &nobody, key, 2011, &in, codes[0], d("2011-06-01"), &id, &why),
        ERR_FORBIDDEN);
    assert_string_equal(why.why, "The 2011 survey closed on 31 May 2011");
    /* a code of another Compact */
    in.compact_id = 2;
    assert_int_equal(
        survey_answer(st, &nobody, key, 2011, &in, codes[0], d("2011-04-01"), &id, &why),
        ERR_INVALID);
    assert_string_equal(why.field, "compact_id");
    /* the code typed in lower case; the Compact the code's */
    in.compact_id = 0;
    for (size_t i = 0; i < sizeof(lower); i++) {
        lower[i] =
            (char)(codes[0][i] >= 'A' && codes[0][i] <= 'Z' ? codes[0][i] + 32 : codes[0][i]);
    }
    assert_int_equal(survey_answer(st, &nobody, key, 2011, &in, lower, d("2011-05-31"), &id, &why),
                     0);
    assert_true(id > 0);
    assert_int_equal(responses(), 1);
    /* used: 409, and nothing more stored */
    assert_int_equal(
        survey_answer(st, &nobody, key, 2011, &in, codes[0], d("2011-04-01"), &id, &why),
        ERR_CONFLICT);
    assert_string_equal(why.field, "code");
    assert_int_equal(survey_code_check(st, key, 2011, codes[0], NULL), ERR_CONFLICT);
    /* unknown: 404 */
    assert_int_equal(
        survey_answer(st, &nobody, key, 2011, &in, "2222-3333-4444", d("2011-04-01"), &id, &why),
        ERR_NOT_FOUND);
    assert_string_equal(why.field, "code");
    assert_int_equal(
        survey_answer(st, &nobody, key, 2011, &in, "not a code", d("2011-04-01"), &id, &why),
        ERR_NOT_FOUND);
    assert_int_equal(
        survey_answer(st, &nobody, key, 2012, &in, codes[1], d("2011-04-01"), &id, &why),
        ERR_NOT_FOUND);
    assert_string_equal(why.field, "year");
    assert_int_equal(responses(), 1);
    /* no code and nobody signed in */
    in.compact_id = 1;
    assert_int_equal(survey_answer(st, &nobody, key, 2011, &in, NULL, d("2011-04-01"), &id, &why),
                     ERR_FORBIDDEN);
    /* an unknown Compact */
    in.compact_id = 99;
    assert_int_equal(survey_answer(st, &member, key, 2011, &in, NULL, d("2011-04-01"), &id, &why),
                     ERR_INVALID);
    assert_string_equal(why.field, "compact_id");
    assert_int_equal(responses(), 1);
    tallies_equal_recount(2011);
}

static void test_signed_in_once_and_apart(void **state)
{
    const struct survey_answer_in a[] = {ANSWER("importance", "strongly_agree")};
    struct survey_response_in in = {"general", "vcs", NULL, 2, a, 1};
    struct survey_refusal why;
    long long id;

    (void)state;
    make_round(2011, "2011-03-01", "2011-05-31");
    assert_int_equal(survey_answer(st, &member, key, 2011, &in, NULL, d("2011-04-01"), &id, &why),
                     0);
    assert_int_equal(survey_answer(st, &member, key, 2011, &in, NULL, d("2011-04-02"), &id, &why),
                     ERR_CONFLICT);
    assert_int_equal(responses(), 1);
    /* the person is recorded as having answered, and nothing joins them to the answer */
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM survey_respondent WHERE "
                                         "user_id = 4"),
                     1);
    assert_int_equal(test_number(st->db, "SELECT count(*) FROM audit WHERE kind = "
                                         "'survey_response' OR actor = 'user:4'"),
                     0);
}

static void test_benchmark_by_object_and_replaced(void **state)
{
    const struct survey_answer_in first[] = {ANSWER("paid_worker", "yes"),
                                             ANSWER("signed_partners", "council", "police")};
    const struct survey_answer_in later[] = {ANSWER("paid_worker", "no")};
    struct survey_response_in in = {"benchmark", "statutory", "local_authority", 1, first, 2};
    struct survey_results r;
    struct survey_refusal why;
    long long id;

    (void)state;
    make_round(2011, "2011-03-01", "2011-05-31");
    assert_int_equal(survey_answer(st, &coord2, key, 2011, &in, NULL, d("2011-04-01"), &id, &why),
                     ERR_FORBIDDEN);
    assert_string_equal(why.field, "compact_id");
    assert_int_equal(survey_answer(st, &member, key, 2011, &in, NULL, d("2011-04-01"), &id, &why),
                     ERR_FORBIDDEN);
    assert_int_equal(survey_answer(st, &nobody, key, 2011, &in, NULL, d("2011-04-01"), &id, &why),
                     ERR_FORBIDDEN);
    assert_int_equal(responses(), 0);
    assert_int_equal(survey_answer(st, &coord1, key, 2011, &in, NULL, d("2011-04-01"), &id, &why),
                     0);
    in.answers = later;
    in.nanswers = 1;
    assert_int_equal(survey_answer(st, &admin, key, 2011, &in, NULL, d("2011-04-02"), &id, &why),
                     0);
    assert_int_equal(responses(), 1);
    assert_int_equal(survey_results_read(st, 2011, &arena, &r), 0);
    assert_int_equal(r.responses[SURVEY_BENCHMARK].n, 1);
    assert_true(r.responses[SURVEY_BENCHMARK].hidden); /* 1: fewer than 5 */
    tallies_equal_recount(2011);
    /* a code is for the general questionnaire */
    {
        const char *const *codes = codes_for(1, 1);
        assert_int_equal(
            survey_answer(st, &nobody, key, 2011, &in, codes[0], d("2011-04-01"), &id, &why),
            ERR_FORBIDDEN);
        assert_string_equal(why.field, "code");
        assert_int_equal(survey_code_check(st, key, 2011, codes[0], NULL), 0);
    }
}

static const char bad_csv[] =
    "questionnaire,sector,body_type,compact_id,importance,improvements,comments\n"
    "general,vcs,,1,agree,resources;promotion,Good\n"
    "general,vcs,,1,agree,resources;promotion;training;other,\n"
    "general,vcs,local_authority,2,agree,,\n"
    "general,statutory,local_authority,77,agree,,\n"
    "general,other,,two,agree,,\n";

static void test_import_all_or_nothing(void **state)
{
    struct survey_import_error *errors;
    size_t n, nerrors;
    struct buf csv = BUF_INIT;

    (void)state;
    make_round(2011, "2011-03-01", "2011-05-31");
    assert_int_equal(survey_import_csv(st, &coord1, 2011, bad_csv, strlen(bad_csv), &arena, &n,
                                       &errors, &nerrors),
                     ERR_FORBIDDEN);
    assert_int_equal(survey_import_csv(st, &admin, 2011, bad_csv, strlen(bad_csv), &arena, &n,
                                       &errors, &nerrors),
                     ERR_INVALID);
    assert_int_equal(n, 0);
    assert_int_equal(nerrors, 4);
    assert_int_equal(errors[0].line, 3);
    assert_string_equal(errors[0].refusal.field, "answers.improvements");
    assert_int_equal(errors[1].line, 4);
    assert_string_equal(errors[1].refusal.field, "body_type");
    assert_int_equal(errors[2].line, 5);
    assert_string_equal(errors[2].refusal.field, "compact_id");
    assert_int_equal(errors[3].line, 6);
    assert_string_equal(errors[3].refusal.field, "compact_id");
    assert_int_equal(responses(), 0);
    /* a bad header, an unknown column */
    {
        static const char header[] = "questionnaire,sector,body_type,compact_id,happiness\n"
                                     "general,vcs,,1,yes\n";
        assert_int_equal(survey_import_csv(st, &admin, 2011, header, strlen(header), &arena, &n,
                                           &errors, &nerrors),
                         ERR_INVALID);
        assert_int_equal(nerrors, 1);
        assert_int_equal(errors[0].line, 1);
    }
    /* good lines, outside the round's dates, with a benchmark replaced within the file */
    buf_adds(&csv, "questionnaire,sector,body_type,compact_id,importance,improvements,comments,"
                   "paid_worker\n");
    for (int i = 0; i < 40; i++) {
        buf_addf(&csv, "general,%s,%s,%d,%s,%s,%s,\n", i % 4 ? "vcs" : "statutory",
                 i % 4 ? "" : "local_authority", 1 + i % 2, i % 5 ? "agree" : "disagree",
                 i % 3 ? "resources;training" : "", i % 7 ? "" : "\"A comment, with a comma\"");
    }
    buf_adds(&csv, "benchmark,statutory,local_authority,1,,,,yes\n"
                   "benchmark,statutory,local_authority,1,,,,no\n");
    assert_int_equal(
        survey_import_csv(st, &admin, 2011, csv.data, csv.len, &arena, &n, &errors, &nerrors), 0);
    assert_int_equal(n, 42);
    assert_int_equal(responses(), 41);
    tallies_equal_recount(2011);
    buf_release(&csv);
}

static void test_results_coverage_headline_and_year_on_year(void **state)
{
    struct survey_results r;
    struct survey_change *changes;
    struct survey_compact_count *counts;
    struct survey_import_error *errors;
    struct buf b = BUF_INIT;
    size_t n, nerrors;
    int before;

    (void)state;
    make_round(2010, "2010-03-01", "2010-05-31");
    make_round(2011, "2011-03-01", "2011-05-31");
    buf_adds(&b, "questionnaire,sector,body_type,compact_id,importance\n");
    for (int i = 0; i < 20; i++) { /* 2010: 14 of 20 agree, 70% */
        buf_addf(&b, "general,vcs,,1,%s\n", i < 14 ? "agree" : "neither");
    }
    assert_int_equal(
        survey_import_csv(st, &admin, 2010, b.data, b.len, &arena, &n, &errors, &nerrors), 0);
    buf_reset(&b);
    buf_adds(&b, "questionnaire,sector,body_type,compact_id,importance,paid_worker\n");
    for (int i = 0; i < 200; i++) { /* 2011: 177 of 200 agree; 41 of 50 local authorities */
        int la = i < 50;
        buf_addf(&b, "general,%s,%s,%d,%s,\n", la ? "statutory" : "vcs",
                 la ? "local_authority" : "", 1 + (i % 3 == 0), /* Compacts 1 and 2 */
                 (la ? i < 41 : i < 186) ? "agree" : "disagree");
    }
    buf_adds(&b, "benchmark,vcs,,3,,yes\n"); /* Merton: inactive on closes_on */
    assert_int_equal(
        survey_import_csv(st, &admin, 2011, b.data, b.len, &arena, &n, &errors, &nerrors), 0);
    assert_int_equal(survey_results_read(st, 2011, &arena, &r), 0);
    assert_int_equal(r.responses[SURVEY_GENERAL].n, 200);
    assert_false(r.responses[SURVEY_GENERAL].hidden);
    assert_int_equal(r.responses[SURVEY_BENCHMARK].n, 1);
    assert_int_equal(r.active_compacts, 2); /* Leeds and Kent; Merton inactive since April */
    assert_int_equal(r.with_general, 2);
    assert_int_equal(r.with_benchmark, 0);
    /* for the map: the active Compacts by name, each with its answers, and the areas' coverage
     * on closes_on (Leeds covered by its Compact) */
    assert_string_equal(r.compacts[0].name, "Kent Compact");
    assert_string_equal(r.compacts[1].name, "Leeds Compact");
    assert_true(r.compacts[0].general && r.compacts[1].general);
    assert_false(r.compacts[0].benchmark || r.compacts[1].benchmark);
    assert_int_equal(r.coverage.as_of, r.round.closes_on);
    {
        const struct coverage_row *leeds = coverage_find(&r.coverage, "E08000035");
        assert_non_null(leeds);
        assert_int_equal(leeds->state, COVER_COVERED);
        assert_ptr_equal(survey_cover_find(r.compacts, r.active_compacts, leeds->compact_id),
                         &r.compacts[1]);
    }
    for (size_t i = 0; i < r.nquestions; i++) {
        assert_true(r.questions[i].q->type != SQ_TEXT);
    }
    assert_string_equal(r.questions[0].q->key, "importance");
    assert_int_equal(r.questions[0].groups[SURVEY_ALL].agree.n, 177);
    buf_reset(&b);
    assert_int_equal(survey_headline_of(&r, &b), 0);
    assert_string_equal(b.data, "In the 2011 survey, 89% of respondents (82% of local authority "
                                "respondents) agreed that the Compact is important and that "
                                "effort should go into implementing it in full.");
    assert_int_equal(survey_year_on_year(st, &r, &arena, &changes, &before), 0);
    assert_int_equal(before, 2010);
    assert_true(changes[0].comparable);
    assert_true(changes[0].agree[SURVEY_ALL].points > 18.49 &&
                changes[0].agree[SURVEY_ALL].points < 18.51); /* 88.5 - 70 */
    assert_int_equal(survey_results_read(st, 2010, &arena, &r), 0);
    assert_int_equal(survey_year_on_year(st, &r, &arena, &changes, &before), ERR_NOT_FOUND);
    assert_int_equal(survey_results_read(st, 2009, &arena, &r), ERR_NOT_FOUND);
    /* counts by Compact, for admins */
    assert_int_equal(survey_counts(st, &coord1, 2011, &arena, &counts, &n), ERR_FORBIDDEN);
    assert_int_equal(survey_counts(st, &admin, 2011, &arena, &counts, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(counts[0].compact_name, "Kent Compact");
    assert_int_equal(counts[0].general, 67);
    assert_int_equal(counts[2].benchmark, 1);
    buf_release(&b);
}

static void test_export_anonymised_and_reimported(void **state)
{
    static const char csv[] = "questionnaire,sector,body_type,compact_id,importance,comments\n"
                              "general,vcs,,2,agree,\"Second, with a comma\"\n"
                              "general,statutory,nhs,1,neither,First\n";
    struct survey_import_error *errors;
    struct buf out = BUF_INIT, again = BUF_INIT;
    size_t n, nerrors;

    (void)state;
    make_round(2011, "2011-03-01", "2011-05-31");
    make_round(2012, "2012-03-01", "2012-05-31");
    assert_int_equal(
        survey_import_csv(st, &admin, 2011, csv, strlen(csv), &arena, &n, &errors, &nerrors), 0);
    assert_int_equal(survey_export_csv(st, &coord1, 2011, &out), ERR_FORBIDDEN);
    assert_int_equal(survey_export_csv(st, &admin, 2011, &out), 0);
    assert_string_equal(
        out.data,
        "questionnaire,sector,body_type,compact_id,importance,relationship_change,"
        "independence_respect,actively_engaged,improvements,comments,group_meets,"
        "refresh_planned,paid_worker,dispute_procedure,annual_review_held,signed_partners\r\n"
        "general,statutory,nhs,1,neither,,,,,First,,,,,,\r\n"
        "general,vcs,,2,agree,,,,,\"Second, with a comma\",,,,,,\r\n");
    /* an export imports again as it is */
    assert_int_equal(
        survey_import_csv(st, &admin, 2012, out.data, out.len, &arena, &n, &errors, &nerrors), 0);
    assert_int_equal(n, 2);
    assert_int_equal(survey_export_csv(st, NULL, 2012, &again), 0);
    assert_string_equal(again.data, out.data);
    buf_release(&out);
    buf_release(&again);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup_app, teardown)
    const struct CMUnitTest tests[] = {
        T(test_making_a_round),
        T(test_codes_by_object),
        T(test_answering_with_a_code),
        T(test_signed_in_once_and_apart),
        T(test_benchmark_by_object_and_replaced),
        T(test_import_all_or_nothing),
        T(test_results_coverage_headline_and_year_on_year),
        T(test_export_anonymised_and_reimported),
    };
    RUN_ON_BOTH(tests, NULL, NULL);
}
