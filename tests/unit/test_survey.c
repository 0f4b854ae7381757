/*
 * core/survey: the bank as SPEC section 7 lists it, every refusal of a response naming its
 * field, tallies, results by group with suppression (a group of 4, a base of 9, zeros shown,
 * the cell that would give a hidden one away), year on year across a changed version, the
 * headline and its half-up rounding, and invitation codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/crypto.h"
#include "core/survey.h"
#include "base/err.h"

#define SURVEY_FIXTURE_CORE_ONLY
#include "survey_fixture.h"

static const struct survey_question *bank(size_t *n)
{
    return survey_bank(n);
}

static size_t index_of(const char *key)
{
    size_t n;
    const struct survey_question *qs = bank(&n), *q = survey_question_find(qs, n, key);
    assert_non_null(q);
    return (size_t)(q - qs);
}

static void test_bank_is_specs(void **state)
{
    static const struct {
        const char *key, *questionnaire, *type, *options;
    } want[] = {
        {"importance", "general", "agree5",
         "strongly_agree agree neither disagree strongly_disagree dont_know"},
        {"relationship_change", "general", "choice", "improved same worsened dont_know"},
        {"independence_respect", "general", "choice", "improved same worsened dont_know"},
        {"actively_engaged", "general", "yes_no_dk", "yes no dont_know"},
        {"improvements", "general", "choose_up_to_3",
         "senior_leadership resources promotion commissioner_links training "
         "compliance_monitoring paid_worker other"},
        {"comments", "general", "text", ""},
        {"group_meets", "benchmark", "choice",
         "monthly quarterly twice_yearly yearly less_often no_group"},
        {"refresh_planned", "benchmark", "yes_no_dk", "yes no dont_know"},
        {"paid_worker", "benchmark", "yes_no_dk", "yes no dont_know"},
        {"dispute_procedure", "benchmark", "yes_no_dk", "yes no dont_know"},
        {"annual_review_held", "benchmark", "yes_no_dk", "yes no dont_know"},
        {"signed_partners", "benchmark", "choose_any", "council nhs police fire other"},
    };
    size_t n;
    const struct survey_question *qs = bank(&n);

    (void)state;
    assert_int_equal(n, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < n; i++) {
        char opts[200] = "";
        size_t len = 0;
        assert_string_equal(qs[i].key, want[i].key);
        assert_int_equal(qs[i].version, 1);
        assert_string_equal(survey_questionnaire_id(qs[i].questionnaire), want[i].questionnaire);
        assert_string_equal(survey_type_id(qs[i].type), want[i].type);
        assert_true(strlen(qs[i].text) > 20); /* wording for people */
        for (size_t o = 0; o < qs[i].noptions; o++) {
            len += (size_t)snprintf(opts + len, sizeof(opts) - len, "%s%s", o ? " " : "",
                                    qs[i].options[o].id);
            assert_true(qs[i].options[o].label[0] >= 'A' && qs[i].options[o].label[0] <= 'Z');
            assert_null(strchr(qs[i].options[o].label, '_'));
        }
        assert_string_equal(opts, want[i].options);
    }
    /* agree5 and yes_no_dk carry the type's own options */
    {
        size_t k;
        const struct survey_option *o = survey_type_options(SQ_AGREE5, &k);
        assert_int_equal(k, 6);
        assert_ptr_equal(qs[index_of("importance")].options, o);
        assert_string_equal(o[5].label, "Don't know");
    }
}

/* A response in against the bank: 0, or the refusal's kind and field. */
static int check(const struct survey_response_in *in, struct survey_response *r,
                 struct survey_refusal *why)
{
    size_t n;
    const struct survey_question *qs = bank(&n);
    return survey_check(qs, n, in, r, why);
}

static void test_a_good_response(void **state)
{
    const struct survey_answer_in a[] = {
        ANSWER("importance", "agree"),
        ANSWER("improvements", "resources", "promotion", "training"),
        ANSWER("relationship_change", ""), /* blank: no answer */
        ANSWER("comments", "It works."),
    };
    struct survey_response_in in = {"general", "statutory", "local_authority", 3, a, 4};
    struct survey_response r;
    struct survey_refusal why;

    (void)state;
    assert_int_equal(check(&in, &r, &why), 0);
    assert_int_equal(r.questionnaire, SURVEY_GENERAL);
    assert_int_equal(r.sector, SURVEY_STATUTORY);
    assert_int_equal(r.body_type, SURVEY_LOCAL_AUTHORITY);
    assert_int_equal(r.compact_id, 3);
    assert_int_equal(r.nanswers, 3);
    assert_int_equal(r.answers[0].question, index_of("importance"));
    assert_int_equal(r.answers[0].options, 1u << 1);
    assert_int_equal(r.answers[1].options, (1u << 1) | (1u << 2) | (1u << 4));
    assert_string_equal(r.answers[2].text, "It works.");
    assert_int_equal(survey_groups_of(r.sector, r.body_type),
                     (1u << SURVEY_ALL) | (1u << SURVEY_GROUP_STATUTORY) |
                         (1u << SURVEY_GROUP_LOCAL_AUTHORITY));
    assert_int_equal(survey_groups_of(SURVEY_STATUTORY, SURVEY_NHS),
                     (1u << SURVEY_ALL) | (1u << SURVEY_GROUP_STATUTORY));
    assert_int_equal(survey_groups_of(SURVEY_VCS, SURVEY_BODY_NONE),
                     (1u << SURVEY_ALL) | (1u << SURVEY_GROUP_VCS));
}

static void test_every_refusal_names_its_field(void **state)
{
    static char too_long[SURVEY_TEXT_MAX + 2];
    const struct {
        struct survey_response_in in;
        struct survey_answer_in a;
        enum survey_refusal_kind kind;
        const char *field;
    } cases[] = {
        {{NULL, "vcs", NULL, 1}, {0}, SREFUSE_QUESTIONNAIRE, "questionnaire"},
        {{"annual", "vcs", NULL, 1}, {0}, SREFUSE_QUESTIONNAIRE, "questionnaire"},
        {{"general", NULL, NULL, 1}, {0}, SREFUSE_SECTOR, "sector"},
        {{"general", "private", NULL, 1}, {0}, SREFUSE_SECTOR, "sector"},
        {{"general", "vcs", "local_authority", 1}, {0}, SREFUSE_BODY_NOT_STATUTORY, "body_type"},
        {{"general", "other", "nhs", 1}, {0}, SREFUSE_BODY_NOT_STATUTORY, "body_type"},
        {{"general", "statutory", NULL, 1}, {0}, SREFUSE_BODY_TYPE, "body_type"},
        {{"general", "statutory", "council", 1}, {0}, SREFUSE_BODY_TYPE, "body_type"},
        {{"general", "vcs", NULL, 0}, {0}, SREFUSE_COMPACT, "compact_id"},
        {{"general", "vcs", NULL, 1},
         ANSWER("happiness", "yes"),
         SREFUSE_UNKNOWN_QUESTION,
         "answers.happiness"},
        {{"general", "vcs", NULL, 1},
         ANSWER("paid_worker", "yes"),
         SREFUSE_OTHER_QUESTIONNAIRE,
         "answers.paid_worker"},
        {{"benchmark", "vcs", NULL, 1},
         ANSWER("importance", "agree"),
         SREFUSE_OTHER_QUESTIONNAIRE,
         "answers.importance"},
        {{"general", "vcs", NULL, 1},
         ANSWER("importance", "very"),
         SREFUSE_OPTION,
         "answers.importance"},
        {{"general", "vcs", NULL, 1},
         ANSWER("actively_engaged", "maybe"),
         SREFUSE_OPTION,
         "answers.actively_engaged"},
        {{"general", "vcs", NULL, 1},
         ANSWER("importance", "agree", "disagree"),
         SREFUSE_TOO_MANY,
         "answers.importance"},
        {{"general", "vcs", NULL, 1},
         ANSWER("improvements", "resources", "promotion", "training", "other"),
         SREFUSE_TOO_MANY,
         "answers.improvements"},
        {{"general", "vcs", NULL, 1},
         ANSWER("improvements", "resources", "resources"),
         SREFUSE_OPTION_REPEATED,
         "answers.improvements"},
        {{"general", "vcs", NULL, 1},
         ANSWER("comments", too_long),
         SREFUSE_TEXT,
         "answers.comments"},
        {{"general", "vcs", NULL, 1}, ANSWER("comments", "\xff"), SREFUSE_TEXT, "answers.comments"},
    };

    (void)state;
    memset(too_long, 'x', SURVEY_TEXT_MAX + 1);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct survey_response_in in = cases[i].in;
        struct survey_response r;
        struct survey_refusal why;

        in.answers = &cases[i].a;
        in.nanswers = cases[i].a.key ? 1 : 0;
        assert_int_equal(check(&in, &r, &why), ERR_INVALID);
        assert_int_equal(why.kind, cases[i].kind);
        assert_string_equal(why.field, cases[i].field);
        assert_true(strlen(why.why) > 10);
    }
    /* the same question twice */
    {
        const struct survey_answer_in a[] = {ANSWER("importance", "agree"),
                                             ANSWER("importance", "neither")};
        struct survey_response_in in = {"general", "vcs", NULL, 1, a, 2};
        struct survey_response r;
        struct survey_refusal why;
        assert_int_equal(check(&in, &r, &why), ERR_INVALID);
        assert_int_equal(why.kind, SREFUSE_REPEATED);
        assert_string_equal(why.field, "answers.importance");
    }
    /* choose_any takes every option */
    {
        const struct survey_answer_in a[] = {
            ANSWER("signed_partners", "council", "nhs", "police", "fire", "other")};
        struct survey_response_in in = {"benchmark", "statutory", "local_authority", 1, a, 1};
        struct survey_response r;
        struct survey_refusal why;
        assert_int_equal(check(&in, &r, &why), 0);
        assert_int_equal(r.answers[0].options, 0x1f);
    }
}

/* A tally of nq questions of the bank where question key has counts n[] in group g (answered
 * their sum, unless answered is not 0). */
static void set(struct survey_tally *t, const char *key, enum survey_group g, long long answered,
                const long long *n, size_t nn)
{
    size_t q = index_of(key);
    long long sum = 0;
    for (size_t o = 0; o < nn; o++) {
        t->count[q][g][o] = n[o];
        sum += n[o];
    }
    t->answered[q][g] = answered ? answered : sum;
}

static const struct survey_group_result *result(struct survey_question_result *out, const char *key,
                                                enum survey_group g)
{
    return &out[index_of(key)].groups[g];
}

static void test_results_suppressed(void **state)
{
    size_t n;
    const struct survey_question *qs = bank(&n);
    struct survey_tally t;
    struct survey_question_result out[SURVEY_QUESTIONS_MAX];
    const struct survey_group_result *g;

    (void)state;
    survey_tally_init(&t, n);
    /* the SPEC's example: 120 answered; disagree and dont_know hidden, zeros shown */
    set(&t, "importance", SURVEY_ALL, 0, (const long long[]){60, 46, 8, 3, 0, 3}, 6);
    /* a group of 4: everything hidden but zeros */
    set(&t, "importance", SURVEY_GROUP_LOCAL_AUTHORITY, 0, (const long long[]){4, 0, 0, 0, 0, 0},
        6);
    /* a base of 9: counts of 5 or more shown, no share */
    set(&t, "importance", SURVEY_GROUP_VCS, 0, (const long long[]){9, 0, 0, 0, 0, 0}, 6);
    /* one small cell: the smallest other non-zero one hidden too */
    set(&t, "importance", SURVEY_GROUP_STATUTORY, 0, (const long long[]){20, 6, 2, 0, 0, 0}, 6);
    /* choose_up_to_3: shares of the answered, adding up to more than 1 */
    set(&t, "improvements", SURVEY_ALL, 10, (const long long[]){6, 8, 5, 0, 0, 0, 1, 0}, 8);
    survey_results(qs, n, &t, out);

    g = result(out, "importance", SURVEY_ALL);
    assert_int_equal(g->answered.n, 120);
    assert_false(g->answered.hidden);
    assert_false(g->counts[0].hidden);
    assert_int_equal(g->counts[0].n, 60);
    assert_true(g->counts[3].hidden);
    assert_false(g->counts[4].hidden); /* zero */
    assert_int_equal(g->counts[4].n, 0);
    assert_false(g->shares[4].hidden);
    assert_true(g->counts[5].hidden);
    assert_true(g->shares[3].hidden); /* a hidden count's share too */
    assert_false(g->shares[0].hidden);
    assert_true(g->shares[0].value == 0.5);
    assert_int_equal(g->agree.n, 106);
    assert_false(g->agree.hidden);
    assert_false(g->agree_share.hidden);
    assert_true(g->agree_share.value > 0.8833 && g->agree_share.value < 0.8834);

    g = result(out, "importance", SURVEY_GROUP_LOCAL_AUTHORITY);
    assert_true(g->answered.hidden);
    assert_true(g->counts[0].hidden);
    assert_false(g->counts[1].hidden);
    assert_int_equal(g->counts[1].n, 0);
    assert_true(g->agree.hidden);
    for (size_t o = 0; o < 6; o++) {
        assert_true(g->shares[o].hidden);
    }
    assert_true(g->agree_share.hidden);

    g = result(out, "importance", SURVEY_GROUP_VCS);
    assert_false(g->answered.hidden);
    assert_int_equal(g->answered.n, 9);
    assert_false(g->counts[0].hidden);
    assert_true(g->shares[0].hidden);
    assert_true(g->shares[1].hidden); /* even a zero's share on a base of 9 */
    assert_false(g->agree.hidden);
    assert_true(g->agree_share.hidden);

    g = result(out, "importance", SURVEY_GROUP_STATUTORY);
    assert_true(g->counts[2].hidden); /* 2 */
    assert_true(g->counts[1].hidden); /* 6: the smallest other non-zero, else 28 - 20 - 6 */
    assert_false(g->counts[0].hidden);
    assert_true(g->agree.hidden); /* 20 + 6 would give the 6 away */

    g = result(out, "improvements", SURVEY_ALL);
    assert_int_equal(g->answered.n, 10);
    assert_true(g->shares[1].value == 0.8);
    assert_true(g->shares[0].value == 0.6);
    assert_true(g->counts[6].hidden);  /* 1 */
    assert_false(g->counts[2].hidden); /* no breakdown rule: they do not add up to answered */
    assert_false(g->shares[3].hidden);
    assert_true(g->shares[3].value == 0);

    /* the empty groups: zeros everywhere, shares hidden (no base) */
    g = result(out, "importance", SURVEY_GROUP_OTHER);
    assert_false(g->answered.hidden);
    assert_int_equal(g->answered.n, 0);
    assert_true(g->shares[0].hidden);
}

static void test_tally_add_and_take_out(void **state)
{
    const struct survey_answer_in a[] = {
        ANSWER("importance", "strongly_agree"),
        ANSWER("improvements", "resources", "training"),
        ANSWER("comments", "never counted"),
    };
    struct survey_response_in in = {"general", "statutory", "local_authority", 3, a, 3};
    struct survey_response r;
    struct survey_refusal why;
    struct survey_tally t;
    size_t n, imp = index_of("importance"), ups = index_of("improvements");

    (void)state;
    bank(&n);
    assert_int_equal(check(&in, &r, &why), 0);
    survey_tally_init(&t, n);
    survey_tally_add(&t, &r, 1);
    survey_tally_add(&t, &r, 1);
    assert_int_equal(t.responses[SURVEY_GENERAL][SURVEY_ALL], 2);
    assert_int_equal(t.responses[SURVEY_GENERAL][SURVEY_GROUP_LOCAL_AUTHORITY], 2);
    assert_int_equal(t.responses[SURVEY_GENERAL][SURVEY_GROUP_VCS], 0);
    assert_int_equal(t.answered[imp][SURVEY_GROUP_STATUTORY], 2);
    assert_int_equal(t.count[imp][SURVEY_ALL][0], 2);
    assert_int_equal(t.answered[ups][SURVEY_ALL], 2);
    assert_int_equal(t.count[ups][SURVEY_ALL][1], 2);
    assert_int_equal(t.count[ups][SURVEY_ALL][4], 2);
    assert_int_equal(t.answered[index_of("comments")][SURVEY_ALL], 0);
    survey_tally_add(&t, &r, -1);
    assert_int_equal(t.count[imp][SURVEY_ALL][0], 1);
    assert_int_equal(t.responses[SURVEY_GENERAL][SURVEY_ALL], 1);
}

static void test_percent_half_up(void **state)
{
    static const struct {
        long long n, base;
        int want;
    } cases[] = {
        {177, 200, 89},   /* 88.5: half up */
        {1769, 2000, 88}, /* 88.45 */
        {1771, 2000, 89}, /* 88.55 */
        {106, 120, 88},   /* 88.33 */
        {1, 8, 13},       /* 12.5 */
        {1, 200, 1},      /* 0.5 */
        {0, 10, 0},       {10, 10, 100}, {1, 3, 33}, {2, 3, 67}, {5, 0, 0},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(survey_percent(cases[i].n, cases[i].base), cases[i].want);
    }
}

static void test_headline(void **state)
{
    size_t n;
    const struct survey_question *qs = bank(&n);
    struct survey_tally t;
    struct survey_question_result out[SURVEY_QUESTIONS_MAX];
    struct buf b = BUF_INIT;

    (void)state;
    survey_tally_init(&t, n);
    /* 177 of 200 agree: 88.5% is 89%; 41 of 50 local authorities: 82% */
    set(&t, "importance", SURVEY_ALL, 0, (const long long[]){100, 77, 10, 7, 6, 0}, 6);
    set(&t, "importance", SURVEY_GROUP_LOCAL_AUTHORITY, 0, (const long long[]){20, 21, 9, 0, 0, 0},
        6);
    survey_results(qs, n, &t, out);
    assert_int_equal(survey_headline(2011, &out[index_of("importance")], &b), 0);
    assert_string_equal(b.data, "In the 2011 survey, 89% of respondents (82% of local authority "
                                "respondents) agreed that the Compact is important and that "
                                "effort should go into implementing it in full.");
    /* the local authorities' part left out when their share is hidden (a base of 9) */
    buf_reset(&b);
    set(&t, "importance", SURVEY_GROUP_LOCAL_AUTHORITY, 0, (const long long[]){9, 0, 0, 0, 0, 0},
        6);
    survey_results(qs, n, &t, out);
    assert_int_equal(survey_headline(2012, &out[index_of("importance")], &b), 0);
    assert_string_equal(b.data, "In the 2012 survey, 89% of respondents agreed that the Compact "
                                "is important and that effort should go into implementing it "
                                "in full.");
    /* none when the share of all is hidden */
    buf_reset(&b);
    survey_tally_init(&t, n);
    set(&t, "importance", SURVEY_ALL, 0, (const long long[]){9, 0, 0, 0, 0, 0}, 6);
    survey_results(qs, n, &t, out);
    assert_int_equal(survey_headline(2013, &out[index_of("importance")], &b), ERR_NOT_FOUND);
    assert_int_equal(b.len, 0);
    assert_int_equal(survey_headline(2013, NULL, &b), ERR_NOT_FOUND);
    buf_release(&b);
}

static void test_year_on_year(void **state)
{
    size_t n;
    const struct survey_question *qs = bank(&n);
    struct survey_question then_q[SURVEY_QUESTIONS_MAX];
    struct survey_tally t_now, t_then;
    struct survey_question_result now[SURVEY_QUESTIONS_MAX], then[SURVEY_QUESTIONS_MAX];
    struct survey_change c;
    size_t imp = index_of("importance"), rel = index_of("relationship_change");

    (void)state;
    memcpy(then_q, qs, n * sizeof(*qs));
    then_q[rel].version = 2; /* its wording changed between the rounds */
    survey_tally_init(&t_now, n);
    survey_tally_init(&t_then, n);
    set(&t_now, "importance", SURVEY_ALL, 0, (const long long[]){50, 30, 10, 10, 0, 0}, 6);
    set(&t_then, "importance", SURVEY_ALL, 0, (const long long[]){40, 30, 20, 10, 0, 0}, 6);
    set(&t_now, "relationship_change", SURVEY_ALL, 0, (const long long[]){50, 50, 0, 0}, 4);
    set(&t_then, "relationship_change", SURVEY_ALL, 0, (const long long[]){20, 80, 0, 0}, 4);
    survey_results(qs, n, &t_now, now);
    survey_results(then_q, n, &t_then, then);

    survey_compare(&now[imp], then, n, &c);
    assert_true(c.comparable);
    assert_int_equal(c.version_then, 1);
    assert_false(c.agree[SURVEY_ALL].hidden);
    assert_true(c.agree[SURVEY_ALL].points > 9.999 && c.agree[SURVEY_ALL].points < 10.001);
    assert_true(c.options[SURVEY_ALL][2].points < -9.999 &&
                c.options[SURVEY_ALL][2].points > -10.001);
    assert_true(c.options[SURVEY_GROUP_VCS][0].hidden); /* no base in either round */

    survey_compare(&now[rel], then, n, &c);
    assert_false(c.comparable); /* a changed version is not comparable */
    assert_int_equal(c.version_then, 2);
    assert_true(c.options[SURVEY_ALL][0].hidden);

    /* a question the earlier round did not have */
    survey_compare(&now[imp], then, 0, &c);
    assert_false(c.comparable);
    assert_int_equal(c.version_then, 0);
}

static void test_stored_values_round_trip(void **state)
{
    const struct survey_answer_in a[] = {
        ANSWER("importance", "neither"),
        ANSWER("improvements", "training", "resources"),
        ANSWER("comments", "Fine; really"),
    };
    struct survey_response_in in = {"general", "vcs", "", 7, a, 3};
    struct survey_response r, back;
    struct survey_refusal why;
    const char *values[SURVEY_QUESTIONS_MAX] = {0};
    struct buf v[3] = {BUF_INIT, BUF_INIT, BUF_INIT};
    size_t n;
    const struct survey_question *qs = bank(&n);

    (void)state;
    assert_int_equal(check(&in, &r, &why), 0);
    for (size_t i = 0; i < r.nanswers; i++) {
        survey_value_format(&qs[r.answers[i].question], &r.answers[i], &v[i]);
        values[r.answers[i].question] = v[i].data;
    }
    assert_string_equal(v[0].data, "neither");
    assert_string_equal(v[1].data, "resources;training"); /* in the question's order */
    assert_string_equal(v[2].data, "Fine; really");
    assert_int_equal(
        survey_response_from_stored(qs, n, SURVEY_GENERAL, "vcs", NULL, 7, values, &back), 0);
    assert_int_equal(back.nanswers, 3);
    assert_int_equal(back.answers[1].options, r.answers[1].options);
    assert_string_equal(back.answers[2].text, "Fine; really");
    values[index_of("importance")] = "very";
    assert_int_equal(
        survey_response_from_stored(qs, n, SURVEY_GENERAL, "vcs", NULL, 7, values, &back),
        ERR_INVALID);
    for (size_t i = 0; i < 3; i++) {
        buf_release(&v[i]);
    }
}

static void test_codes(void **state)
{
    char code[SURVEY_CODE_TEXT], typed[SURVEY_CODE_LEN + 1], other[SURVEY_CODE_TEXT];

    (void)state;
    assert_int_equal(crypto_start(), 0);
    survey_code_new(code);
    survey_code_new(other);
    assert_int_equal(strlen(code), 14);
    assert_true(code[4] == '-' && code[9] == '-');
    assert_string_not_equal(code, other);
    assert_int_equal(survey_code_normalise(code, typed), 0);
    assert_int_equal(strlen(typed), 12);
    assert_int_equal(survey_code_normalise("7kqm w3xr-pd9t", typed), 0);
    assert_string_equal(typed, "7KQMW3XRPD9T");
    assert_int_equal(survey_code_normalise("7KQM-W3XR-PD9", typed), ERR_INVALID);
    assert_string_equal(typed, "");
    assert_int_equal(survey_code_normalise("7KQM-W3XR-PD9TT", typed), ERR_INVALID);
    assert_int_equal(survey_code_normalise("OKQM-W3XR-PD9T", typed), ERR_INVALID); /* an O */
    assert_int_equal(survey_code_normalise(NULL, typed), ERR_INVALID);
}

/* Coverage of a round on the map: an area's state from the answers about its Compact. */
static void test_cover_states(void **state)
{
    const struct survey_cover c[] = {{3, "Devon Compact", 1, 1},
                                     {5, "Bristol Compact", 1, 0},
                                     {7, "Cornwall Compact", 0, 1},
                                     {9, "Norfolk Compact", 0, 0}};
    (void)state;
    assert_int_equal(survey_cover_state_of(&c[0]), SCOVER_BOTH);
    assert_int_equal(survey_cover_state_of(&c[1]), SCOVER_SOME);
    assert_int_equal(survey_cover_state_of(&c[2]), SCOVER_SOME);
    assert_int_equal(survey_cover_state_of(&c[3]), SCOVER_NONE);
    assert_int_equal(survey_cover_state_of(NULL), SCOVER_NOT_COVERED);
    assert_ptr_equal(survey_cover_find(c, 4, 7), &c[2]);
    assert_null(survey_cover_find(c, 4, 4));
    assert_string_equal(survey_cover_state_label(SCOVER_BOTH), "General answers and a benchmark");
    assert_string_equal(survey_cover_state_label(SCOVER_NOT_COVERED), "Not covered");
    assert_string_equal(survey_cover_state_label(SCOVER_STATE_COUNT), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bank_is_specs),
        cmocka_unit_test(test_a_good_response),
        cmocka_unit_test(test_every_refusal_names_its_field),
        cmocka_unit_test(test_results_suppressed),
        cmocka_unit_test(test_tally_add_and_take_out),
        cmocka_unit_test(test_percent_half_up),
        cmocka_unit_test(test_headline),
        cmocka_unit_test(test_year_on_year),
        cmocka_unit_test(test_stored_values_round_trip),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_cover_states),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
