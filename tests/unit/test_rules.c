/* The rules engine of SPEC section 5, rule by rule and verdict by verdict, and the commitments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/err.h"
#include "core/commitments.h"
#include "core/rules.h"

#define AS_OF_DEFAULT "2012-06-01"
#define MAX_FACTS     12
#define MAX_PARAMS    3

static date_t d(const char *s)
{
    date_t out;
    assert_int_equal(date_parse(s, strlen(s), &out), 0);
    return out;
}

/* ---- building activities from "name=value" strings ---- */

/* One "name=value" into a; "null" makes the fact null. A funding change ends unless told. */
static void set_fact(struct activity *a, const char *nv)
{
    const char *eq = strchr(nv, '=');
    const char *v;
    size_t len;
    assert_non_null(eq);
    len = (size_t)(eq - nv);
    v = eq + 1;
    if (len == 6 && !strncmp(nv, "change", len)) {
        assert_int_equal(funding_change_parse(v, &a->change), 0);
        return;
    }
    {
        size_t n;
        const struct fact_def *all = activity_facts(&n);
        for (size_t i = 0; i < n; i++) {
            char *p = (char *)a + all[i].offset;
            if (strlen(all[i].name) != len || strncmp(nv, all[i].name, len)) {
                continue;
            }
            switch (all[i].type) {
            case FACT_TYPE_DATE: {
                struct fact_date *f = (struct fact_date *)(void *)p;
                f->state = strcmp(v, "null") ? FACT_SET : FACT_NULL;
                f->value = f->state == FACT_SET ? d(v) : 0;
                break;
            }
            case FACT_TYPE_BOOL: {
                struct fact_bool *f = (struct fact_bool *)(void *)p;
                f->state = strcmp(v, "null") ? FACT_SET : FACT_NULL;
                f->value = !strcmp(v, "true");
                if (f->state == FACT_SET && !f->value) {
                    assert_string_equal(v, "false");
                }
                break;
            }
            case FACT_TYPE_TEXT: {
                struct fact_text *f = (struct fact_text *)(void *)p;
                f->state = strcmp(v, "null") ? FACT_SET : FACT_NULL;
                f->value = f->state == FACT_SET ? v : NULL;
                break;
            }
            }
            return;
        }
    }
    fail_msg("unknown fact '%s'", nv);
}

static void build(struct activity *a, const char *kind, const char *const *facts, size_t nfacts)
{
    memset(a, 0, sizeof(*a));
    assert_int_equal(activity_kind_parse(kind, &a->kind), 0);
    if (a->kind == ACTIVITY_FUNDING_CHANGE) {
        a->change = CHANGE_END;
    }
    for (size_t i = 0; i < nfacts && facts[i]; i++) {
        set_fact(a, facts[i]);
    }
}

/* "request.notice_months=6" or "compact.min_tender_days=30" into the two sets, then resolved. */
static void build_params(struct params *p, const char *const *specs, size_t nspecs)
{
    struct param_set request, compact;
    memset(&request, 0, sizeof(request));
    memset(&compact, 0, sizeof(compact));
    for (size_t i = 0; i < nspecs && specs[i]; i++) {
        const char *dot = strchr(specs[i], '.'), *eq = strchr(specs[i], '=');
        struct param_set *set;
        char name[40];
        enum param which;
        assert_non_null(dot);
        assert_non_null(eq);
        set = !strncmp(specs[i], "request.", 8) ? &request : &compact;
        assert_true(set == &request || !strncmp(specs[i], "compact.", 8));
        assert_true((size_t)(eq - dot - 1) < sizeof(name));
        memcpy(name, dot + 1, (size_t)(eq - dot - 1));
        name[eq - dot - 1] = '\0';
        assert_int_equal(param_parse(name, &which), 0);
        set->set[which] = 1;
        set->value[which] = (int)strtol(eq + 1, NULL, 10);
    }
    params_resolve(&request, &compact, p);
}

/* The computed fields as "name=value ...", in the order of enum finding_fields. */
static void fields_text(const struct finding *f, char *out, size_t size)
{
    char day[DATE_STRLEN + 1];
    size_t len = 0;
    int r;
    out[0] = '\0';
#define ADD(...)                                                                                   \
    do {                                                                                           \
        r = snprintf(out + len, size - len, "%s" __VA_ARGS__);                                     \
        assert_true(r > 0 && (size_t)r < size - len);                                              \
        len += (size_t)r;                                                                          \
    } while (0)
#define ADD_DATE(flag, name, value)                                                                \
    if (f->fields & (flag)) {                                                                      \
        date_format(value, day);                                                                   \
        ADD(name "=%s", len ? " " : "", day);                                                      \
    }
    ADD_DATE(FINDING_EARLIEST_END_DATE, "earliest_end_date", f->earliest_end_date);
    if (f->fields & FINDING_SHORTFALL_DAYS) {
        ADD("shortfall_days=%d", len ? " " : "", f->shortfall_days);
    }
    ADD_DATE(FINDING_LATEST_NOTICE_DATE, "latest_notice_date", f->latest_notice_date);
    ADD_DATE(FINDING_EARLIEST_CLOSE_DATE, "earliest_close_date", f->earliest_close_date);
    ADD_DATE(FINDING_FEEDBACK_DUE_DATE, "feedback_due_date", f->feedback_due_date);
    if (f->fields & FINDING_DAYS) {
        ADD("days=%d", len ? " " : "", f->days);
    }
#undef ADD_DATE
#undef ADD
}

/* What holds for every finding: one sentence naming the source of the parameter it used, a
 * remedy exactly when not met or justified, and an overall verdict that is the worst. */
static void check_invariants(const struct finding *out, size_t n, enum verdict overall,
                             const struct params *p)
{
    enum verdict worst = VERDICT_MET;
    for (size_t i = 0; i < n; i++) {
        const struct finding *f = &out[i];
        size_t len = strlen(f->explanation);
        enum rule r;
        assert_int_equal(rule_parse(f->rule, &r), 0);
        assert_true(len > 1 && len < sizeof(f->explanation) - 1);
        assert_true(f->explanation[0] >= 'A' && f->explanation[0] <= 'Z');
        assert_int_equal(f->explanation[len - 1], '.');
        assert_null(strstr(f->explanation, ". ")); /* one sentence */
        if (f->param >= 0) {
            assert_non_null(strstr(f->explanation, param_source_phrase(p->source[f->param])));
        }
        if (f->verdict == VERDICT_MET || f->verdict == VERDICT_JUSTIFIED) {
            assert_string_equal(f->remedy, "");
        } else {
            size_t rlen = strlen(f->remedy);
            assert_true(rlen > 1 && rlen < sizeof(f->remedy) - 1);
            assert_int_equal(f->remedy[rlen - 1], '.');
            assert_null(strstr(f->remedy, ". "));
        }
        if (f->fields & FINDING_SHORTFALL_DAYS) {
            assert_true(f->shortfall_days > 0);
        }
        if (f->verdict > worst) {
            worst = f->verdict;
        }
    }
    assert_int_equal(overall, worst);
}

/* ---- one rule, one case ---- */

struct rule_case {
    const char *kind;
    const char *facts[MAX_FACTS];
    const char *params[MAX_PARAMS];
    const char *as_of; /* NULL: AS_OF_DEFAULT */
    const char *rule;
    const char *verdict;  /* "none": the rule gives no finding */
    const char *fields;   /* every computed field, exactly */
    const char *says;     /* in the explanation */
    const char *fix;      /* in the remedy, or NULL */
    const char *not_says; /* not in the explanation, or NULL */
};

#define FC "funding_change"
#define CO "consultation"
#define AW "funding_award"
#define PR "procurement"

static const struct rule_case cases[] = {
    /* funding.notice: SPEC's sentence, word for word */
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-04-01"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2012-05-01 shortfall_days=30 latest_notice_date=2012-01-01",
     "Notice given 2012-02-01; 3 months' notice (national default) allows funding to end no "
     "earlier than 2012-05-01; it ends 2012-04-01, 30 days short.",
     "Funding ended on 2012-04-01, so it is too late to give 3 months' notice for this change: "
     "give at least 3 months' written notice before any further change."},
    /* SPEC's worked example: 6 months from the request */
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-04-01"},
     {"request.notice_months=6"},
     "2012-06-01",
     "funding.notice",
     "breach",
     "earliest_end_date=2012-08-01 shortfall_days=122 latest_notice_date=2011-10-01",
     "Notice given 2012-02-01; 6 months' notice (set for this check) allows funding to end no "
     "earlier than 2012-08-01; it ends 2012-04-01, 122 days short.",
     "Funding ended on 2012-04-01, so it is too late to give 6 months' notice for this change: "
     "give at least 6 months' written notice before any further change."},
    /* the request beats the Compact */
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-04-01"},
     {"compact.notice_months=4", "request.notice_months=6"},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2012-08-01 shortfall_days=122 latest_notice_date=2011-10-01",
     "6 months' notice (set for this check)",
     NULL},
    /* the Compact beats the default; a reduction */
    {FC,
     {"change=reduce", "notice_date=2012-02-01", "notice_in_writing=true",
      "effective_date=2012-04-01"},
     {"compact.notice_months=4"},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2012-06-01 shortfall_days=61 latest_notice_date=2011-12-01",
     "Notice given 2012-02-01; 4 months' notice (the Compact's local parameter) allows funding to "
     "be reduced no earlier than 2012-06-01; it is reduced from 2012-04-01, 61 days short.",
     "Funding was reduced on 2012-04-01, so it is too late to give 4 months' notice for this "
     "change: give at least 4 months' written notice before any further change."},
    /* the boundary day itself */
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-05-01"},
     {NULL},
     NULL,
     "funding.notice",
     "met",
     "earliest_end_date=2012-05-01 latest_notice_date=2012-02-01",
     "allows funding to end no earlier than 2012-05-01; it ends 2012-05-01.",
     NULL},
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-04-30"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2012-05-01 shortfall_days=1 latest_notice_date=2012-01-31",
     "it ends 2012-04-30, 1 day short.",
     "Funding ended on 2012-04-30, so it is too late"},
    /* month ends: 2012-11-30 + 3 months = 2013-02-28 */
    {FC,
     {"notice_date=2012-11-30", "notice_in_writing=true", "effective_date=2013-02-28"},
     {NULL},
     NULL,
     "funding.notice",
     "met",
     "earliest_end_date=2013-02-28 latest_notice_date=2012-11-30",
     "Notice to be given 2012-11-30; 3 months' notice (national default) allows funding to end no "
     "earlier than 2013-02-28; it ends 2013-02-28.",
     NULL},
    {FC,
     {"notice_date=2012-11-30", "notice_in_writing=true", "effective_date=2013-02-27"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2013-02-28 shortfall_days=1 latest_notice_date=2012-11-27",
     "it ends 2013-02-27, 1 day short.",
     "Give written notice by 2012-11-27, or move the end date to 2013-02-28 or later."},
    /* 2011-11-30 + 3 months = 2012-02-29 */
    {FC,
     {"notice_date=2011-11-30", "notice_in_writing=true", "effective_date=2012-02-29"},
     {NULL},
     NULL,
     "funding.notice",
     "met",
     "earliest_end_date=2012-02-29 latest_notice_date=2011-11-30",
     "no earlier than 2012-02-29; it ends 2012-02-29.",
     NULL},
    {FC,
     {"notice_date=2011-11-30", "notice_in_writing=true", "effective_date=2012-02-28"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2012-02-29 shortfall_days=1 latest_notice_date=2011-11-28",
     "it ends 2012-02-28, 1 day short.",
     NULL},
    /* 29 February + 12 months = 28 February; the latest notice for 2013-02-28 is 29 February */
    {FC,
     {"notice_date=2012-02-29", "notice_in_writing=true", "effective_date=2013-02-28"},
     {"request.notice_months=12"},
     NULL,
     "funding.notice",
     "met",
     "earliest_end_date=2013-02-28 latest_notice_date=2012-02-29",
     "12 months' notice (set for this check) allows funding to end no earlier than 2013-02-28; it "
     "ends 2013-02-28.",
     NULL},
    /* one month, in the singular */
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-03-01"},
     {"request.notice_months=1"},
     NULL,
     "funding.notice",
     "met",
     "earliest_end_date=2012-03-01 latest_notice_date=2012-02-01",
     "1 month's notice (set for this check)",
     NULL},
    /* null notice: a breach whatever else is known */
    {FC,
     {"notice_date=null", "effective_date=2012-04-01"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "latest_notice_date=2012-01-01",
     "No notice has been given; 3 months' notice (national default) means written notice by "
     "2012-01-01 for funding that ends 2012-04-01.",
     "Funding ended on 2012-04-01, so it is too late to give 3 months' notice for this change: "
     "give at least 3 months' written notice before any further change."},
    {FC,
     {"notice_date=null", "notice_in_writing=true"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "",
     "No notice has been given; 3 months' notice (national default) is needed before funding ends, "
     "and the end date is not recorded.",
     "Give written notice at least 3 months before funding ends."},
    /* not in writing: a breach even when the dates are fine */
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=false", "effective_date=2012-06-01"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2012-05-01 latest_notice_date=2012-03-01",
     "Notice given 2012-02-01, not in writing; 3 months' notice (national default) allows "
     "funding to end no earlier than 2012-05-01; it ends 2012-06-01.",
     "It is too late to give 3 months' notice before 2012-06-01: give written notice now and move "
     "the end date to 2012-09-01 or later."},
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=null", "effective_date=2012-06-01"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2012-05-01 latest_notice_date=2012-03-01",
     "Notice given 2012-02-01, not in writing;",
     NULL},
    {FC,
     {"notice_in_writing=false", "effective_date=2012-04-01"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "latest_notice_date=2012-01-01",
     "Notice was not given in writing, and its date is not recorded; 3 months' notice (national "
     "default) means written notice by 2012-01-01 for funding that ends 2012-04-01.",
     NULL},
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=false"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2012-05-01",
     "the end date is not recorded.",
     "Give written notice at least 3 months before funding ends."},
    /* short notice is a breach even when writing is not known */
    {FC,
     {"notice_date=2012-02-01", "effective_date=2012-04-01"},
     {NULL},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2012-05-01 shortfall_days=30 latest_notice_date=2012-01-01",
     "it ends 2012-04-01, 30 days short.",
     NULL},
    /* unknown: each missing fact in turn */
    {FC,
     {"notice_date=2012-02-01", "effective_date=2012-05-01"},
     {NULL},
     NULL,
     "funding.notice",
     "unknown",
     "earliest_end_date=2012-05-01 latest_notice_date=2012-02-01",
     "it ends 2012-05-01, but whether the notice was in writing is not recorded.",
     "Confirm that the notice was given in writing."},
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true"},
     {NULL},
     NULL,
     "funding.notice",
     "unknown",
     "earliest_end_date=2012-05-01",
     "allows funding to end no earlier than 2012-05-01; the end date is not recorded.",
     "Set the end date to 2012-05-01 or later."},
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=null"},
     {NULL},
     NULL,
     "funding.notice",
     "unknown",
     "earliest_end_date=2012-05-01",
     "the end date is not recorded.",
     NULL},
    {FC,
     {"notice_date=2012-02-01"},
     {NULL},
     NULL,
     "funding.notice",
     "unknown",
     "earliest_end_date=2012-05-01",
     "the end date is not recorded.",
     "Set the end date to 2012-05-01 or later, and make sure the notice is in writing."},
    {FC,
     {"notice_in_writing=true", "effective_date=2012-04-01"},
     {NULL},
     NULL,
     "funding.notice",
     "unknown",
     "latest_notice_date=2012-01-01",
     "The notice date is not recorded; 3 months' notice (national default) means written notice "
     "by 2012-01-01 for funding that ends 2012-04-01.",
     "If written notice was given by 2012-01-01, record when; if not, it came too late for "
     "funding that ended on 2012-04-01: give at least 3 months' written notice before any further "
     "change."},
    {FC,
     {NULL},
     {NULL},
     NULL,
     "funding.notice",
     "unknown",
     "",
     "The notice date is not recorded; 3 months' notice (national default) is needed before "
     "funding ends, and the end date is not recorded.",
     "Give written notice at least 3 months before funding ends."},

    /* funding.reasons */
    {FC,
     {"reasons_given=true"},
     {NULL},
     NULL,
     "funding.reasons",
     "met",
     "",
     "Reasons for the decision were given.",
     NULL},
    {FC,
     {"reasons_given=false"},
     {NULL},
     NULL,
     "funding.reasons",
     "breach",
     "",
     "No reasons for the decision were given.",
     "Give the organisation a clear rationale for the decision."},
    {FC,
     {"reasons_given=null"},
     {NULL},
     NULL,
     "funding.reasons",
     "breach",
     "",
     "No reasons for the decision were given.",
     NULL},
    {FC,
     {NULL},
     {NULL},
     NULL,
     "funding.reasons",
     "unknown",
     "",
     "Whether reasons for the decision were given is not recorded.",
     NULL},

    /* funding.impact_assessment */
    {FC,
     {"decision_date=2012-01-10", "impact_assessment_date=2012-01-10"},
     {NULL},
     NULL,
     "funding.impact_assessment",
     "met",
     "",
     "The impact assessment was made on 2012-01-10, on or before the decision of 2012-01-10.",
     NULL},
    {FC,
     {"decision_date=2012-01-10", "impact_assessment_date=2011-12-05"},
     {NULL},
     NULL,
     "funding.impact_assessment",
     "met",
     "",
     "made on 2011-12-05, on or before the decision of 2012-01-10.",
     NULL},
    {FC,
     {"decision_date=2012-01-10", "impact_assessment_date=2012-01-11"},
     {NULL},
     NULL,
     "funding.impact_assessment",
     "breach",
     "",
     "The impact assessment was made on 2012-01-11, 1 day after the decision of 2012-01-10.",
     "Review the decision of 2012-01-10 in the light of the impact assessment."},
    /* across 29 February */
    {FC,
     {"decision_date=2012-02-28", "impact_assessment_date=2012-03-01"},
     {NULL},
     NULL,
     "funding.impact_assessment",
     "breach",
     "",
     "2 days after the decision of 2012-02-28.",
     NULL},
    {FC,
     {"decision_date=2012-01-10", "impact_assessment_date=null"},
     {NULL},
     NULL,
     "funding.impact_assessment",
     "breach",
     "",
     "No impact assessment was made before the decision of 2012-01-10.",
     NULL},
    /* null is a breach even with the decision date absent */
    {FC,
     {"impact_assessment_date=null"},
     {NULL},
     NULL,
     "funding.impact_assessment",
     "breach",
     "",
     "No impact assessment was made.",
     "Assess the impact on beneficiaries, service users and volunteers on or before the "
     "decision."},
    {FC,
     {"decision_date=2012-01-10"},
     {NULL},
     NULL,
     "funding.impact_assessment",
     "unknown",
     "",
     "The date of the impact assessment is not recorded, so it cannot be compared with the "
     "decision of 2012-01-10.",
     NULL},
    {FC,
     {"impact_assessment_date=2012-01-05"},
     {NULL},
     NULL,
     "funding.impact_assessment",
     "unknown",
     "",
     "The impact assessment was made on 2012-01-05, but the date of the decision is not "
     "recorded.",
     "Make the decision no earlier than 2012-01-05."},
    {FC,
     {"decision_date=null", "impact_assessment_date=2012-01-05"},
     {NULL},
     NULL,
     "funding.impact_assessment",
     "unknown",
     "",
     "but the date of the decision is not recorded.",
     NULL},
    {FC,
     {NULL},
     {NULL},
     NULL,
     "funding.impact_assessment",
     "unknown",
     "",
     "The date of the impact assessment is not recorded, nor is the date of the decision.",
     NULL},

    /* funding.response_opportunity */
    {FC,
     {"decision_date=2012-01-10", "response_invited_date=2012-01-10"},
     {NULL},
     NULL,
     "funding.response_opportunity",
     "met",
     "",
     "The organisation was invited to respond on 2012-01-10, on or before the decision of "
     "2012-01-10.",
     NULL},
    {FC,
     {"decision_date=2012-01-10", "response_invited_date=2012-01-13"},
     {NULL},
     NULL,
     "funding.response_opportunity",
     "breach",
     "",
     "The organisation was invited to respond on 2012-01-13, 3 days after the decision of "
     "2012-01-10.",
     "Review the decision of 2012-01-10 in the light of the organisation's response."},
    {FC,
     {"decision_date=2012-01-10", "response_invited_date=null"},
     {NULL},
     NULL,
     "funding.response_opportunity",
     "breach",
     "",
     "The organisation was not invited to respond before the decision of 2012-01-10.",
     NULL},
    {FC,
     {"decision_date=2012-01-10"},
     {NULL},
     NULL,
     "funding.response_opportunity",
     "unknown",
     "",
     "The date of the invitation to respond is not recorded",
     NULL},

    /* funding.equality_assessment: no finding when groups are not affected */
    {FC,
     {"affects_equality_groups=false", "equality_assessment_date=null"},
     {NULL},
     NULL,
     "funding.equality_assessment",
     "none",
     "",
     "",
     NULL},
    {FC,
     {"affects_equality_groups=null"},
     {NULL},
     NULL,
     "funding.equality_assessment",
     "none",
     "",
     "",
     NULL},
    /* unknown when it is not known whether they are, whatever the assessment */
    {FC,
     {"decision_date=2012-01-10", "equality_assessment_date=null"},
     {NULL},
     NULL,
     "funding.equality_assessment",
     "unknown",
     "",
     "Whether the change affects equality groups is not recorded.",
     "If equality groups are affected, assess the equality impact now, and review the decision of "
     "2012-01-10 in its light."},
    {FC,
     {"affects_equality_groups=true", "decision_date=2012-01-10",
      "equality_assessment_date=2012-01-09"},
     {NULL},
     NULL,
     "funding.equality_assessment",
     "met",
     "",
     "The equality impact assessment was made on 2012-01-09, on or before the decision of "
     "2012-01-10.",
     NULL},
    {FC,
     {"affects_equality_groups=true", "equality_assessment_date=null"},
     {NULL},
     NULL,
     "funding.equality_assessment",
     "breach",
     "",
     "No equality impact assessment was made.",
     "Assess the equality impact on or before the decision."},
    {FC,
     {"affects_equality_groups=true", "decision_date=2012-01-10",
      "equality_assessment_date=2012-02-10"},
     {NULL},
     NULL,
     "funding.equality_assessment",
     "breach",
     "",
     "31 days after the decision of 2012-01-10.",
     NULL},
    {FC,
     {"affects_equality_groups=true", "decision_date=2012-01-10"},
     {NULL},
     NULL,
     "funding.equality_assessment",
     "unknown",
     "",
     "The date of the equality impact assessment is not recorded",
     NULL},

    /* consultation.length: 2012-01-01 + 12 weeks = 2012-03-25, across 29 February */
    {CO,
     {"formal=true", "opens=2012-01-01", "closes=2012-03-25"},
     {NULL},
     NULL,
     "consultation.length",
     "met",
     "earliest_close_date=2012-03-25",
     "The formal consultation ran from 2012-01-01 to 2012-03-25; 12 weeks (national default) "
     "means closing no earlier than 2012-03-25.",
     NULL},
    {CO,
     {"formal=true", "opens=2012-01-01", "closes=2012-03-24"},
     {NULL},
     NULL,
     "consultation.length",
     "breach",
     "earliest_close_date=2012-03-25",
     "The formal consultation ran from 2012-01-01 to 2012-03-24; 12 weeks (national default) "
     "means closing no earlier than 2012-03-25; it is 1 day short, and no reason for the shorter "
     "period is recorded.",
     "The consultation closed on 2012-03-24, so it is too late to lengthen it: record why a "
     "shorter period was appropriate, or consult again for 12 weeks."},
    {CO,
     {"formal=true", "opens=2012-01-01", "closes=2012-02-01", "reason=a statutory deadline"},
     {NULL},
     NULL,
     "consultation.length",
     "justified",
     "earliest_close_date=2012-03-25",
     "it is 53 days short, and a reason for the shorter period is recorded.",
     NULL},
    /* empty, blank and null reasons are no reason */
    {CO,
     {"opens=2012-01-01", "closes=2012-02-01", "reason="},
     {NULL},
     NULL,
     "consultation.length",
     "breach",
     "earliest_close_date=2012-03-25",
     "and no reason for the shorter period is recorded.",
     NULL},
    {CO,
     {"opens=2012-01-01", "closes=2012-02-01", "reason=  \t"},
     {NULL},
     NULL,
     "consultation.length",
     "breach",
     "earliest_close_date=2012-03-25",
     "and no reason for the shorter period is recorded.",
     NULL},
    {CO,
     {"opens=2012-01-01", "closes=2012-02-01", "reason=null"},
     {NULL},
     NULL,
     "consultation.length",
     "breach",
     "earliest_close_date=2012-03-25",
     "and no reason for the shorter period is recorded.",
     NULL},
    /* formal by default */
    {CO,
     {"opens=2011-01-01", "closes=2011-03-26"},
     {NULL},
     NULL,
     "consultation.length",
     "met",
     "earliest_close_date=2011-03-26",
     "The consultation (taken as formal) ran from 2011-01-01 to 2011-03-26; 12 weeks (national "
     "default) means closing no earlier than 2011-03-26.",
     NULL},
    /* a local parameter */
    {CO,
     {"opens=2012-01-01", "closes=2012-02-26"},
     {"compact.consultation_weeks=8"},
     NULL,
     "consultation.length",
     "met",
     "earliest_close_date=2012-02-26",
     "The consultation (taken as formal) ran from 2012-01-01 to 2012-02-26; 8 weeks (the "
     "Compact's local parameter) means closing no earlier than 2012-02-26; the local Compact sets "
     "8 weeks, less than the national Compact's 12.",
     NULL},
    {CO,
     {"opens=2012-01-01", "closes=2012-02-25"},
     {"compact.consultation_weeks=8"},
     NULL,
     "consultation.length",
     "breach",
     "earliest_close_date=2012-02-26",
     "it is 1 day short",
     NULL},
    /* informal */
    {CO,
     {"formal=false", "reason=a quick check with three groups", "opens=2012-01-01",
      "closes=2012-01-08"},
     {NULL},
     NULL,
     "consultation.length",
     "justified",
     "",
     "The consultation was informal, and a reason for that is recorded.",
     NULL},
    {CO,
     {"formal=false"},
     {NULL},
     NULL,
     "consultation.length",
     "breach",
     "",
     "The consultation was informal, and no reason for that is recorded.",
     "Run a formal written consultation of 12 weeks, or record why an informal approach is "
     "appropriate."},
    {CO,
     {"formal=null", "reason="},
     {NULL},
     NULL,
     "consultation.length",
     "breach",
     "",
     "The consultation was informal, and no reason for that is recorded.",
     NULL},
    /* unknown: a date missing, even with a reason */
    {CO,
     {"closes=2012-03-25", "reason=urgent"},
     {NULL},
     NULL,
     "consultation.length",
     "unknown",
     "",
     "The opening date of the consultation is not recorded, so the earliest closing date under "
     "12 weeks (national default) cannot be worked out.",
     "Keep the consultation open for at least 12 weeks."},
    {CO,
     {"opens=null", "closes=2012-03-25"},
     {NULL},
     NULL,
     "consultation.length",
     "unknown",
     "",
     "The opening date of the consultation is not recorded",
     NULL},
    {CO,
     {"formal=true", "opens=2012-01-01", "reason=urgent"},
     {NULL},
     NULL,
     "consultation.length",
     "unknown",
     "earliest_close_date=2012-03-25",
     "The formal consultation opens 2012-01-01; 12 weeks (national default) means closing no "
     "earlier than 2012-03-25, but the closing date is not recorded.",
     "Close the consultation no earlier than 2012-03-25."},

    /* consultation.feedback: 2012-03-25 + 12 weeks = 2012-06-17 */
    {CO,
     {"opens=2012-01-01", "closes=2012-03-25", "feedback_date=2012-06-17"},
     {NULL},
     NULL,
     "consultation.feedback",
     "met",
     "feedback_due_date=2012-06-17",
     "The consultation closed 2012-03-25; 12 weeks (national default) means feedback is due by "
     "2012-06-17; it is to be published 2012-06-17.",
     NULL},
    {CO,
     {"closes=2012-03-25", "feedback_date=2012-06-18"},
     {NULL},
     NULL,
     "consultation.feedback",
     "breach",
     "feedback_due_date=2012-06-17",
     "it is to be published 2012-06-18, 1 day late.",
     "Publish feedback on how consultees' views shaped the outcome by 2012-06-17."},
    /* not yet published: pending up to and on the due day, a breach after it */
    {CO,
     {"closes=2012-03-25", "feedback_date=null"},
     {NULL},
     "2012-06-17",
     "consultation.feedback",
     "pending",
     "feedback_due_date=2012-06-17",
     "means feedback is due by 2012-06-17; none is published as of 2012-06-17.",
     "Publish feedback on how consultees' views shaped the outcome by 2012-06-17."},
    {CO,
     {"closes=2012-03-25", "feedback_date=null"},
     {NULL},
     "2012-04-01",
     "consultation.feedback",
     "pending",
     "feedback_due_date=2012-06-17",
     "none is published as of 2012-04-01.",
     NULL},
    {CO,
     {"closes=2012-03-25", "feedback_date=null"},
     {NULL},
     "2012-06-18",
     "consultation.feedback",
     "breach",
     "feedback_due_date=2012-06-17",
     "none is published as of 2012-06-18, 1 day overdue.",
     NULL},
    {CO,
     {"closes=2012-03-25"},
     {NULL},
     NULL,
     "consultation.feedback",
     "unknown",
     "feedback_due_date=2012-06-17",
     "whether and when it was published is not recorded.",
     NULL},
    {CO,
     {"feedback_date=null"},
     {NULL},
     "2020-01-01",
     "consultation.feedback",
     "unknown",
     "",
     "The closing date of the consultation is not recorded, so the date feedback is due under 12 "
     "weeks (national default) cannot be worked out.",
     "Publish feedback on how consultees' views shaped the outcome within 12 weeks of the "
     "consultation closing."},
    {CO,
     {"closes=2012-03-25", "feedback_date=2012-04-22"},
     {"request.feedback_weeks=4", "compact.feedback_weeks=2"},
     NULL,
     "consultation.feedback",
     "met",
     "feedback_due_date=2012-04-22",
     "4 weeks (set for this check) means feedback is due by 2012-04-22",
     NULL},
    {CO,
     {"closes=2012-03-25", "feedback_date=2012-04-22"},
     {"compact.feedback_weeks=2"},
     NULL,
     "consultation.feedback",
     "breach",
     "feedback_due_date=2012-04-08",
     "2 weeks (the Compact's local parameter) means feedback is due by 2012-04-08; it was "
     "published 2012-04-22, 14 days late.",
     NULL},

    /* award.duration: multi-year when end_date + 1 day >= add_months(start_date, 36) */
    {AW,
     {"start_date=2012-04-01", "end_date=2015-03-31"},
     {NULL},
     NULL,
     "award.duration",
     "met",
     "",
     "The award runs from 2012-04-01 to 2015-03-31; multi-year funding of 36 months (national "
     "default) needs an end date of 2015-03-31 or later, which it has.",
     NULL},
    {AW,
     {"start_date=2012-04-01", "end_date=2015-03-30"},
     {NULL},
     NULL,
     "award.duration",
     "breach",
     "",
     "it is 1 day short, and no reason for the shorter award is recorded.",
     "Set the end date to 2015-03-31 or later, or record why a shorter award is appropriate."},
    {AW,
     {"start_date=2012-04-01", "end_date=2013-03-31", "duration_reason=a pilot year"},
     {NULL},
     NULL,
     "award.duration",
     "justified",
     "",
     "it is 730 days short, and a reason for the shorter award is recorded.",
     NULL},
    {AW,
     {"start_date=2012-04-01", "end_date=2013-03-31", "duration_reason="},
     {NULL},
     NULL,
     "award.duration",
     "breach",
     "",
     "and no reason for the shorter award is recorded.",
     NULL},
    /* 29 February + 36 months = 2015-02-28, so multi-year from an end of 2015-02-27 */
    {AW,
     {"start_date=2012-02-29", "end_date=2015-02-27"},
     {NULL},
     NULL,
     "award.duration",
     "met",
     "",
     "needs an end date of 2015-02-27 or later, which it has.",
     NULL},
    {AW,
     {"start_date=2012-02-29", "end_date=2015-02-26"},
     {NULL},
     NULL,
     "award.duration",
     "breach",
     "",
     "it is 1 day short",
     NULL},
    /* a month end: 2011-11-30 + 3 months = 2012-02-29 */
    {AW,
     {"start_date=2011-11-30", "end_date=2012-02-28"},
     {"request.min_funding_months=3"},
     NULL,
     "award.duration",
     "met",
     "",
     "multi-year funding of 3 months (set for this check) needs an end date of 2012-02-28 or "
     "later, which it has.",
     NULL},
    {AW,
     {"start_date=2012-04-01", "end_date=2013-03-31"},
     {"compact.min_funding_months=12"},
     NULL,
     "award.duration",
     "met",
     "",
     "12 months (the Compact's local parameter) needs an end date of 2013-03-31 or later",
     NULL},
    {AW,
     {"end_date=2015-03-31"},
     {NULL},
     NULL,
     "award.duration",
     "unknown",
     "",
     "The start date of the award is not recorded, so its length cannot be compared with "
     "multi-year funding of 36 months (national default).",
     "Fund for at least 36 months, or record why a shorter award is appropriate."},
    {AW,
     {"start_date=2012-04-01", "duration_reason=a pilot"},
     {NULL},
     NULL,
     "award.duration",
     "unknown",
     "",
     "The award starts 2012-04-01; multi-year funding of 36 months (national default) needs an "
     "end date of 2015-03-31 or later, but the end date is not recorded.",
     NULL},
    {AW,
     {"start_date=2012-04-01", "end_date=null"},
     {NULL},
     NULL,
     "award.duration",
     "unknown",
     "",
     "but the end date is not recorded.",
     NULL},

    /* award.payment_in_advance */
    {AW,
     {"payment=advance"},
     {NULL},
     NULL,
     "award.payment_in_advance",
     "met",
     "",
     "Payment is in advance of expenditure.",
     NULL},
    {AW,
     {"payment=arrears", "payment_reason=payment by results"},
     {NULL},
     NULL,
     "award.payment_in_advance",
     "justified",
     "",
     "Payment is in arrears, and a reason for that is recorded.",
     NULL},
    {AW,
     {"payment=arrears"},
     {NULL},
     NULL,
     "award.payment_in_advance",
     "breach",
     "",
     "Payment is in arrears, and no reason for that is recorded.",
     "Pay in advance of expenditure, or record why payment in arrears is appropriate."},
    {AW,
     {"payment=arrears", "payment_reason="},
     {NULL},
     NULL,
     "award.payment_in_advance",
     "breach",
     "",
     "and no reason for that is recorded.",
     NULL},
    {AW,
     {NULL},
     {NULL},
     NULL,
     "award.payment_in_advance",
     "unknown",
     "",
     "Whether payment is in advance or in arrears is not recorded.",
     NULL},
    {AW,
     {"payment=null", "payment_reason=anything"},
     {NULL},
     NULL,
     "award.payment_in_advance",
     "unknown",
     "",
     "Whether payment is in advance or in arrears is not recorded.",
     NULL},

    /* award.full_cost_recovery */
    {AW,
     {"overheads_allowed=true"},
     {NULL},
     NULL,
     "award.full_cost_recovery",
     "met",
     "",
     "The award allows overheads in its costs (full cost recovery).",
     NULL},
    {AW,
     {"overheads_allowed=false", "overheads_reason=overheads are funded by a separate grant"},
     {NULL},
     NULL,
     "award.full_cost_recovery",
     "justified",
     "",
     "The award does not allow overheads in its costs, and a reason for that is recorded.",
     NULL},
    {AW,
     {"overheads_allowed=false", "overheads_reason=null"},
     {NULL},
     NULL,
     "award.full_cost_recovery",
     "breach",
     "",
     "and no reason for that is recorded.",
     "Allow appropriate overheads in the costs, or record why they are not allowed."},
    {AW,
     {"overheads_allowed=null"},
     {NULL},
     NULL,
     "award.full_cost_recovery",
     "breach",
     "",
     "The award does not allow overheads in its costs, and no reason for that is recorded.",
     NULL},
    {AW,
     {"overheads_reason=something"},
     {NULL},
     NULL,
     "award.full_cost_recovery",
     "unknown",
     "",
     "Whether the award allows overheads in its costs is not recorded.",
     NULL},

    /* procurement.tender_period: only with min_tender_days */
    {PR,
     {"published=2012-01-02", "submission_deadline=2012-01-03"},
     {NULL},
     NULL,
     "procurement.tender_period",
     "none",
     "",
     "",
     NULL},
    {PR,
     {"published=2012-01-02", "submission_deadline=2012-02-01"},
     {"compact.min_tender_days=30"},
     NULL,
     "procurement.tender_period",
     "met",
     "days=30",
     "The tender, published 2012-01-02 with a submission deadline of 2012-02-01, allows 30 days "
     "to bid; the minimum is 30 days (the Compact's local parameter).",
     NULL},
    {PR,
     {"published=2012-01-02", "submission_deadline=2012-01-31"},
     {"compact.min_tender_days=30"},
     NULL,
     "procurement.tender_period",
     "breach",
     "days=29",
     "allows 29 days to bid; the minimum is 30 days (the Compact's local parameter); it is 1 day "
     "short, and no reason for the shorter period is recorded.",
     "The deadline for bids was 2012-01-31, so it is too late to give more time to bid: record "
     "why a shorter period was appropriate."},
    {PR,
     {"published=2012-01-02", "submission_deadline=2012-01-12", "reason=an emergency"},
     {"compact.min_tender_days=30"},
     NULL,
     "procurement.tender_period",
     "justified",
     "days=10",
     "it is 20 days short, and a reason for the shorter period is recorded.",
     NULL},
    {PR,
     {"published=2012-01-02", "submission_deadline=2012-01-31"},
     {"compact.min_tender_days=30", "request.min_tender_days=20"},
     NULL,
     "procurement.tender_period",
     "met",
     "days=29",
     "the minimum is 20 days (set for this check).",
     NULL},
    /* across 29 February */
    {PR,
     {"published=2012-02-01", "submission_deadline=2012-03-01"},
     {"request.min_tender_days=30"},
     NULL,
     "procurement.tender_period",
     "breach",
     "days=29",
     "allows 29 days to bid",
     NULL},
    {PR,
     {"submission_deadline=2012-01-31", "reason=an emergency"},
     {"compact.min_tender_days=30"},
     NULL,
     "procurement.tender_period",
     "unknown",
     "",
     "The publication date of the tender is not recorded, so the time to bid cannot be compared "
     "with the minimum of 30 days (the Compact's local parameter).",
     "Allow at least 30 days from publication to the submission deadline."},
    {PR,
     {"published=2012-01-02"},
     {"compact.min_tender_days=30"},
     NULL,
     "procurement.tender_period",
     "unknown",
     "",
     "The tender is published 2012-01-02, and the minimum of 30 days (the Compact's local "
     "parameter) means a submission deadline of 2012-02-01 or later, but the deadline is not "
     "recorded.",
     "Set the submission deadline to 2012-02-01 or later"},

    /* procurement.early_involvement */
    {PR,
     {"published=2012-01-02", "vcs_engaged_date=2012-01-02"},
     {NULL},
     NULL,
     "procurement.early_involvement",
     "met",
     "",
     "Voluntary and community sector (VCS) organisations were first involved on 2012-01-02, on or "
     "before the tender was published on 2012-01-02.",
     NULL},
    {PR,
     {"published=2012-01-02", "vcs_engaged_date=2011-06-01"},
     {NULL},
     NULL,
     "procurement.early_involvement",
     "met",
     "",
     "first involved on 2011-06-01",
     NULL},
    {PR,
     {"published=2012-01-02", "vcs_engaged_date=2012-01-03"},
     {NULL},
     NULL,
     "procurement.early_involvement",
     "breach",
     "",
     "Voluntary and community sector (VCS) organisations were first involved on 2012-01-03, 1 day "
     "after the tender was published on 2012-01-02, and no reason for that is recorded.",
     "The tender was published on 2012-01-02, so it is too late to involve VCS organisations "
     "before it: if they were not involved by then, record why not."},
    {PR,
     {"published=2012-01-02", "vcs_engaged_date=2012-02-01", "reason=a new service"},
     {NULL},
     NULL,
     "procurement.early_involvement",
     "justified",
     "",
     "30 days after the tender was published on 2012-01-02, and a reason for that is recorded.",
     NULL},
    {PR,
     {"published=2012-01-02", "vcs_engaged_date=null"},
     {NULL},
     NULL,
     "procurement.early_involvement",
     "breach",
     "",
     "Voluntary and community sector (VCS) organisations were not involved in designing the "
     "service, and no reason for that is recorded.",
     NULL},
    /* null engagement is a departure even with the publication date absent */
    {PR,
     {"vcs_engaged_date=null", "reason=no local providers"},
     {NULL},
     NULL,
     "procurement.early_involvement",
     "justified",
     "",
     "Voluntary and community sector (VCS) organisations were not involved in designing the "
     "service, and a reason for that is recorded.",
     NULL},
    {PR,
     {"vcs_engaged_date=null"},
     {NULL},
     NULL,
     "procurement.early_involvement",
     "breach",
     "",
     "and no reason for that is recorded.",
     "Involve VCS organisations in designing the service before the tender is published, or "
     "record why not."},
    {PR,
     {"published=2012-01-02"},
     {NULL},
     NULL,
     "procurement.early_involvement",
     "unknown",
     "",
     "Whether and when voluntary and community sector (VCS) organisations were involved is not "
     "recorded.",
     NULL},
    {PR,
     {"vcs_engaged_date=2012-01-03", "reason=late"},
     {NULL},
     NULL,
     "procurement.early_involvement",
     "unknown",
     "",
     "Voluntary and community sector (VCS) organisations were first involved on 2012-01-03, but "
     "the publication date of the tender is not recorded.",
     NULL},

    /* procurement.social_value */
    {PR,
     {"social_value_considered=true"},
     {NULL},
     NULL,
     "procurement.social_value",
     "met",
     "",
     "Social, economic and environmental value were weighed, not lowest price alone.",
     NULL},
    {PR,
     {"social_value_considered=false", "reason=a commodity purchase"},
     {NULL},
     NULL,
     "procurement.social_value",
     "justified",
     "",
     "Social value was not weighed, and a reason for that is recorded.",
     NULL},
    {PR,
     {"social_value_considered=false"},
     {NULL},
     NULL,
     "procurement.social_value",
     "breach",
     "",
     "Social value was not weighed, and no reason for that is recorded.",
     "Weigh social, economic and environmental value, not lowest price alone, or record why "
     "not."},
    {PR,
     {"social_value_considered=false", "reason=\t "},
     {NULL},
     NULL,
     "procurement.social_value",
     "breach",
     "",
     "and no reason for that is recorded.",
     NULL},
    {PR,
     {"social_value_considered=null"},
     {NULL},
     NULL,
     "procurement.social_value",
     "breach",
     "",
     "Social value was not weighed",
     NULL},
    {PR,
     {"reason=anything"},
     {NULL},
     NULL,
     "procurement.social_value",
     "unknown",
     "",
     "Whether social value was weighed is not recorded.",
     NULL},

    /* A local value weaker than the national default is used, and every finding that uses it
     * says so; the default itself, a stronger value or a value set for the check alone do not.
     * Each parameter: weaker, equal, stronger. */
    {CO,
     {"opens=2012-01-01"},
     {"compact.consultation_weeks=8"},
     NULL,
     "consultation.length",
     "unknown",
     "earliest_close_date=2012-02-26",
     "but the closing date is not recorded; the local Compact sets 8 weeks, less than the "
     "national Compact's 12.",
     "Close the consultation no earlier than 2012-02-26.",
     NULL},
    {CO,
     {"opens=2012-01-01", "closes=2012-01-08"},
     {"compact.consultation_weeks=1"},
     NULL,
     "consultation.length",
     "met",
     "earliest_close_date=2012-01-08",
     "1 week (the Compact's local parameter) means closing no earlier than 2012-01-08; the local "
     "Compact sets 1 week, less than the national Compact's 12.",
     NULL,
     NULL},
    {CO,
     {"opens=2012-01-01", "closes=2012-03-25"},
     {"compact.consultation_weeks=12"},
     NULL,
     "consultation.length",
     "met",
     "earliest_close_date=2012-03-25",
     "12 weeks (the Compact's local parameter) means closing no earlier than 2012-03-25.",
     NULL,
     "national Compact"},
    {CO,
     {"opens=2012-01-01", "closes=2012-03-25"},
     {"compact.consultation_weeks=16"},
     NULL,
     "consultation.length",
     "breach",
     "earliest_close_date=2012-04-22",
     "16 weeks (the Compact's local parameter) means closing no earlier than 2012-04-22; it is 28 "
     "days short",
     NULL,
     "national Compact"},
    {CO,
     {"opens=2012-01-01", "closes=2012-02-26"},
     {"request.consultation_weeks=8"},
     NULL,
     "consultation.length",
     "met",
     "earliest_close_date=2012-02-26",
     "8 weeks (set for this check) means closing no earlier than 2012-02-26.",
     NULL,
     "national Compact"},
    {CO,
     {"formal=false", "reason=a workshop"},
     {"compact.consultation_weeks=8"},
     NULL,
     "consultation.length",
     "justified",
     "",
     "The consultation was informal, and a reason for that is recorded.",
     NULL,
     "national Compact"},
    {CO,
     {"closes=2012-03-25", "feedback_date=2012-07-01"},
     {"compact.feedback_weeks=16"},
     NULL,
     "consultation.feedback",
     "met",
     "feedback_due_date=2012-07-15",
     "16 weeks (the Compact's local parameter) means feedback is due by 2012-07-15; it is to be "
     "published 2012-07-01; the local Compact sets 16 weeks, more than the national Compact's "
     "12.",
     NULL,
     NULL},
    {CO,
     {"closes=2012-03-25"},
     {"compact.feedback_weeks=16"},
     NULL,
     "consultation.feedback",
     "unknown",
     "feedback_due_date=2012-07-15",
     "whether and when it was published is not recorded; the local Compact sets 16 weeks, more "
     "than the national Compact's 12.",
     NULL,
     NULL},
    {CO,
     {"closes=2012-03-25", "feedback_date=2012-06-01"},
     {"compact.feedback_weeks=12"},
     NULL,
     "consultation.feedback",
     "met",
     "feedback_due_date=2012-06-17",
     "12 weeks (the Compact's local parameter) means feedback is due by 2012-06-17",
     NULL,
     "national Compact"},
    {CO,
     {"closes=2012-03-25", "feedback_date=2012-04-22"},
     {"compact.feedback_weeks=4"},
     NULL,
     "consultation.feedback",
     "met",
     "feedback_due_date=2012-04-22",
     "4 weeks (the Compact's local parameter) means feedback is due by 2012-04-22",
     NULL,
     "national Compact"},
    {AW,
     {"start_date=2012-04-01", "end_date=2014-03-31"},
     {"compact.min_funding_months=24"},
     NULL,
     "award.duration",
     "met",
     "",
     "multi-year funding of 24 months (the Compact's local parameter) needs an end date of "
     "2014-03-31 or later, which it has; the local Compact sets 24 months, less than the national "
     "Compact's 36.",
     NULL,
     NULL},
    {AW,
     {"end_date=2014-03-31"},
     {"compact.min_funding_months=24"},
     NULL,
     "award.duration",
     "unknown",
     "",
     "with multi-year funding of 24 months (the Compact's local parameter); the local Compact "
     "sets 24 months, less than the national Compact's 36.",
     NULL,
     NULL},
    {AW,
     {"start_date=2012-04-01", "end_date=2015-03-31"},
     {"compact.min_funding_months=36"},
     NULL,
     "award.duration",
     "met",
     "",
     "multi-year funding of 36 months (the Compact's local parameter) needs an end date of "
     "2015-03-31 or later, which it has.",
     NULL,
     "national Compact"},
    {AW,
     {"start_date=2012-04-01", "end_date=2015-03-31"},
     {"compact.min_funding_months=48"},
     NULL,
     "award.duration",
     "breach",
     "",
     "multi-year funding of 48 months (the Compact's local parameter) needs an end date of "
     "2016-03-31 or later; it is 366 days short",
     NULL,
     "national Compact"},
    /* notice_months below the national 3 cannot be set; one stored before that was refused does
     * not count: the national minimum applies */
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-04-01"},
     {"compact.notice_months=2"},
     NULL,
     "funding.notice",
     "breach",
     "earliest_end_date=2012-05-01 shortfall_days=30 latest_notice_date=2012-01-01",
     "3 months' notice (national default) allows funding to end no earlier than 2012-05-01; it "
     "ends 2012-04-01, 30 days short.",
     NULL,
     "local"},
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-05-01"},
     {"compact.notice_months=3"},
     NULL,
     "funding.notice",
     "met",
     "earliest_end_date=2012-05-01 latest_notice_date=2012-02-01",
     "3 months' notice (the Compact's local parameter) allows funding to end no earlier than "
     "2012-05-01; it ends 2012-05-01.",
     NULL,
     "national Compact"},
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-06-01"},
     {"compact.notice_months=4"},
     NULL,
     "funding.notice",
     "met",
     "earliest_end_date=2012-06-01 latest_notice_date=2012-02-01",
     "4 months' notice (the Compact's local parameter) allows funding to end no earlier than "
     "2012-06-01; it ends 2012-06-01.",
     NULL,
     "national Compact"},
    /* a check's own value may be anything, and is a trial: nothing more is said */
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-04-01"},
     {"compact.notice_months=2", "request.notice_months=2"},
     NULL,
     "funding.notice",
     "met",
     "earliest_end_date=2012-04-01 latest_notice_date=2012-02-01",
     "2 months' notice (set for this check) allows funding to end no earlier than 2012-04-01; it "
     "ends 2012-04-01.",
     NULL,
     "national Compact"},
    /* min_tender_days has no national default: no value is weaker than it */
    {PR,
     {"published=2012-01-02", "submission_deadline=2012-01-03"},
     {"compact.min_tender_days=1"},
     NULL,
     "procurement.tender_period",
     "met",
     "days=1",
     "the minimum is 1 day (the Compact's local parameter).",
     NULL,
     "national Compact"},

    /* Remedies never ask for a step on a day before today (as_of). A cut to take effect on
     * 2027-01-01 with no notice: on 2026-09-15 notice can still be given in time ... */
    {FC,
     {"notice_date=null", "effective_date=2027-01-01"},
     {NULL},
     "2026-09-15",
     "funding.notice",
     "breach",
     "latest_notice_date=2026-10-01",
     "No notice has been given; 3 months' notice (national default) means written notice by "
     "2026-10-01 for funding that ends 2027-01-01.",
     "Give written notice by 2026-10-01, or move the end date to at least 3 months after written "
     "notice is given."},
    /* ... and on that last day itself ... */
    {FC,
     {"notice_date=null", "effective_date=2027-01-01"},
     {NULL},
     "2026-10-01",
     "funding.notice",
     "breach",
     "latest_notice_date=2026-10-01",
     "means written notice by 2026-10-01",
     "Give written notice by 2026-10-01, or move"},
    /* ... but on 2026-12-02 it is too late: notice now, and an end date 3 months from today */
    {FC,
     {"notice_date=null", "effective_date=2027-01-01"},
     {NULL},
     "2026-12-02",
     "funding.notice",
     "breach",
     "latest_notice_date=2026-10-01",
     "means written notice by 2026-10-01 for funding that ends 2027-01-01.",
     "It is too late to give 3 months' notice before 2027-01-01: give written notice now and move "
     "the end date to 2027-03-02 or later."},
    /* notice already given, too late for the day: move the day to 3 months after it */
    {FC,
     {"notice_date=2026-11-15", "notice_in_writing=true", "effective_date=2027-01-01"},
     {NULL},
     "2026-12-02",
     "funding.notice",
     "breach",
     "earliest_end_date=2027-02-15 shortfall_days=45 latest_notice_date=2026-10-01",
     "Notice given 2026-11-15; 3 months' notice (national default) allows funding to end no "
     "earlier than 2027-02-15; it ends 2027-01-01, 45 days short.",
     "It is too late to give 3 months' notice before 2027-01-01: move the end date to 2027-02-15 "
     "or later."},
    /* notice planned for a later day, too late: notice now is sooner */
    {FC,
     {"notice_date=2026-12-15", "notice_in_writing=true", "effective_date=2027-01-01"},
     {NULL},
     "2026-12-02",
     "funding.notice",
     "breach",
     "earliest_end_date=2027-03-15 shortfall_days=73 latest_notice_date=2026-10-01",
     "Notice to be given 2026-12-15; 3 months' notice (national default) allows funding to end no "
     "earlier than 2027-03-15;",
     "It is too late to give 3 months' notice before 2027-01-01: give written notice now and move "
     "the end date to 2027-03-02 or later."},
    /* notice planned too late, while there is still time to give it earlier */
    {FC,
     {"notice_date=2026-10-15", "notice_in_writing=true", "effective_date=2027-01-01"},
     {NULL},
     "2026-09-15",
     "funding.notice",
     "breach",
     "earliest_end_date=2027-01-15 shortfall_days=14 latest_notice_date=2026-10-01",
     "Notice to be given 2026-10-15;",
     "Give written notice by 2026-10-01, or move the end date to 2027-01-15 or later."},
    /* the notice date not known: if it was given in time, say when; if not, too late */
    {FC,
     {"notice_in_writing=true", "effective_date=2027-01-01"},
     {NULL},
     "2026-12-02",
     "funding.notice",
     "unknown",
     "latest_notice_date=2026-10-01",
     "The notice date is not recorded;",
     "If written notice was given by 2026-10-01, record when; if not, it is too late to give 3 "
     "months' notice before 2027-01-01: give written notice now and move the end date to "
     "2027-03-02 or later."},
    /* notice in time, whether in writing not known, too late to give it again in time */
    {FC,
     {"notice_date=2026-09-01", "effective_date=2027-01-01"},
     {NULL},
     "2026-12-02",
     "funding.notice",
     "unknown",
     "earliest_end_date=2026-12-01 latest_notice_date=2026-10-01",
     "but whether the notice was in writing is not recorded.",
     "Confirm that the notice was given in writing; if it was not, it is too late to give 3 "
     "months' notice before 2027-01-01: give written notice now and move the end date to "
     "2027-03-02 or later."},
    /* a reduction, with a Compact's 4 months */
    {FC,
     {"change=reduce", "notice_date=null", "effective_date=2027-01-01"},
     {"compact.notice_months=4"},
     "2026-12-02",
     "funding.notice",
     "breach",
     "latest_notice_date=2026-09-01",
     "No notice has been given; 4 months' notice (the Compact's local parameter)",
     "It is too late to give 4 months' notice before 2027-01-01: give written notice now and move "
     "the date of the reduction to 2027-04-02 or later."},
    /* the steps before a decision still to be made, and after it */
    {FC,
     {"decision_date=2027-01-10", "impact_assessment_date=null"},
     {NULL},
     "2026-12-02",
     "funding.impact_assessment",
     "breach",
     "",
     "No impact assessment is planned before the decision of 2027-01-10.",
     "Assess the impact on beneficiaries, service users and volunteers on or before the decision "
     "of 2027-01-10."},
    {FC,
     {"decision_date=2026-11-20", "impact_assessment_date=null"},
     {NULL},
     "2026-12-02",
     "funding.impact_assessment",
     "breach",
     "",
     "No impact assessment was made before the decision of 2026-11-20.",
     "It is too late to assess the impact before the decision of 2026-11-20: assess the impact on "
     "beneficiaries, service users and volunteers now, and review the decision in its light."},
    {FC,
     {"decision_date=2026-11-20"},
     {NULL},
     "2026-12-02",
     "funding.response_opportunity",
     "unknown",
     "",
     "The date of the invitation to respond is not recorded",
     "It is too late to invite a response before the decision of 2026-11-20: invite the "
     "organisation to respond now, and review the decision in the light of its response."},
    {FC,
     {"decision_date=2027-01-10", "response_invited_date=2026-12-20"},
     {NULL},
     "2026-12-02",
     "funding.response_opportunity",
     "met",
     "",
     "The organisation is to be invited to respond on 2026-12-20, on or before the decision of "
     "2027-01-10.",
     NULL},
    {FC,
     {"affects_equality_groups=true", "decision_date=2026-11-20", "equality_assessment_date=null"},
     {NULL},
     "2026-12-02",
     "funding.equality_assessment",
     "breach",
     "",
     "No equality impact assessment was made before the decision of 2026-11-20.",
     "It is too late to assess the equality impact before the decision of 2026-11-20: assess it "
     "now, and review the decision in its light."},
    {FC,
     {"decision_date=2027-01-10", "reasons_given=false"},
     {NULL},
     "2026-12-02",
     "funding.reasons",
     "breach",
     "",
     "No reasons for the decision are to be given.",
     "Give the organisation a clear rationale for the decision."},
    /* a consultation still open can be lengthened; one closed cannot */
    {CO,
     {"opens=2026-11-01", "closes=2027-01-10"},
     {NULL},
     "2026-12-02",
     "consultation.length",
     "breach",
     "earliest_close_date=2027-01-24",
     "The consultation (taken as formal) runs from 2026-11-01 to 2027-01-10; 12 weeks (national "
     "default) means closing no earlier than 2027-01-24; it is 14 days short",
     "Move the closing date to 2027-01-24 or later, or record why a shorter period is "
     "appropriate."},
    {CO,
     {"formal=false", "closes=2026-11-01"},
     {NULL},
     "2026-12-02",
     "consultation.length",
     "breach",
     "",
     "The consultation was informal, and no reason for that is recorded.",
     "The consultation closed on 2026-11-01: record why an informal approach was appropriate, or "
     "consult formally in writing for 12 weeks."},
    /* feedback overdue: publish it now */
    {CO,
     {"closes=2012-03-25", "feedback_date=null"},
     {NULL},
     "2012-07-01",
     "consultation.feedback",
     "breach",
     "feedback_due_date=2012-06-17",
     "none is published as of 2012-07-01, 14 days overdue.",
     "Feedback was due by 2012-06-17: publish it now, saying how consultees' views shaped the "
     "outcome."},
    {CO,
     {"closes=2012-03-25"},
     {NULL},
     "2012-07-01",
     "consultation.feedback",
     "unknown",
     "feedback_due_date=2012-06-17",
     "whether and when it was published is not recorded.",
     "Feedback was due by 2012-06-17: if it was not published, publish it now,"},
    {CO,
     {"closes=2012-03-25", "feedback_date=2012-06-20"},
     {NULL},
     "2012-07-01",
     "consultation.feedback",
     "breach",
     "feedback_due_date=2012-06-17",
     "it was published 2012-06-20, 3 days late.",
     "Feedback was due by 2012-06-17, so it is too late to publish it on time: make sure it says "
     "how consultees' views shaped the outcome."},
    /* an award that has ended cannot be lengthened */
    {AW,
     {"start_date=2009-04-01", "end_date=2010-03-31"},
     {NULL},
     NULL,
     "award.duration",
     "breach",
     "",
     "it is 731 days short",
     "The award ended on 2010-03-31, so it is too late to lengthen it: record why a shorter award "
     "was appropriate."},
    {AW,
     {"start_date=2027-04-01", "end_date=2028-03-31"},
     {NULL},
     "2026-12-02",
     "award.duration",
     "breach",
     "",
     "needs an end date of 2030-03-31 or later",
     "Set the end date to 2030-03-31 or later, or record why a shorter award is appropriate."},
    /* a tender still to be published */
    {PR,
     {"published=2027-02-01", "vcs_engaged_date=2027-01-15"},
     {NULL},
     "2026-12-02",
     "procurement.early_involvement",
     "met",
     "",
     "Voluntary and community sector (VCS) organisations are to be first involved on 2027-01-15, "
     "on or before the tender is published on 2027-02-01.",
     NULL},
    {PR,
     {"published=2027-02-01", "vcs_engaged_date=null"},
     {NULL},
     "2026-12-02",
     "procurement.early_involvement",
     "breach",
     "",
     "Voluntary and community sector (VCS) organisations have not been involved in designing the "
     "service, and no reason for that is recorded.",
     "Involve VCS organisations in designing the service by the time the tender is published "
     "(2027-02-01), or record why not."},
    {PR,
     {"published=2027-02-01", "submission_deadline=2027-02-15"},
     {"compact.min_tender_days=30"},
     "2026-12-02",
     "procurement.tender_period",
     "breach",
     "days=14",
     "allows 14 days to bid",
     "Set the submission deadline to 2027-03-03 or later, or record why a shorter period is "
     "appropriate."},
    {PR,
     {"published=2027-02-01", "social_value_considered=false"},
     {NULL},
     "2026-12-02",
     "procurement.social_value",
     "breach",
     "",
     "Social value is not to be weighed, and no reason for that is recorded.",
     "Weigh social, economic and environmental value, not lowest price alone, or record why not."},
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

static void run(const char *kind, const char *const *facts, const char *const *params,
                const char *as_of, struct finding *out, size_t *n, enum verdict *overall,
                struct params *p)
{
    struct activity a;
    build(&a, kind, facts, MAX_FACTS);
    build_params(p, params, MAX_PARAMS);
    assert_int_equal(
        rules_check(&a, p, d(as_of ? as_of : AS_OF_DEFAULT), out, RULES_MAX_FINDINGS, n, overall),
        0);
    check_invariants(out, *n, *overall, p);
}

static void test_every_rule_every_verdict(void **state)
{
    (void)state;
    for (size_t i = 0; i < NCASES; i++) {
        const struct rule_case *c = &cases[i];
        struct finding out[RULES_MAX_FINDINGS];
        struct params p;
        const struct finding *f = NULL;
        size_t n;
        enum verdict overall, want;
        char fields[200];

        run(c->kind, c->facts, c->params, c->as_of, out, &n, &overall, &p);
        for (size_t j = 0; j < n; j++) {
            if (!strcmp(out[j].rule, c->rule)) {
                assert_null(f); /* a rule gives one finding at most */
                f = &out[j];
            }
        }
        if (!strcmp(c->verdict, "none")) {
            if (f) {
                fail_msg("case %zu: %s gave a finding: %s", i, c->rule, f->explanation);
            }
            continue;
        }
        if (!f) {
            fail_msg("case %zu: no finding for %s", i, c->rule);
        }
        assert_int_equal(verdict_parse(c->verdict, &want), 0);
        if (f->verdict != want) {
            fail_msg("case %zu: %s gave %s, not %s: %s", i, c->rule, verdict_id(f->verdict),
                     c->verdict, f->explanation);
        }
        fields_text(f, fields, sizeof(fields));
        if (strcmp(fields, c->fields)) {
            fail_msg("case %zu: %s computed \"%s\", not \"%s\"", i, c->rule, fields, c->fields);
        }
        if (!strstr(f->explanation, c->says)) {
            fail_msg("case %zu: explanation \"%s\" lacks \"%s\"", i, f->explanation, c->says);
        }
        if (c->fix && !strstr(f->remedy, c->fix)) {
            fail_msg("case %zu: remedy \"%s\" lacks \"%s\"", i, f->remedy, c->fix);
        }
        if (c->not_says && strstr(f->explanation, c->not_says)) {
            fail_msg("case %zu: explanation \"%s\" says \"%s\"", i, f->explanation, c->not_says);
        }
    }
}

/* Every rule reaches every verdict it can give, and no other (pending only for feedback). */
static void test_cases_cover_every_verdict(void **state)
{
    unsigned seen[RULE_COUNT] = {0};
    (void)state;
    for (size_t i = 0; i < NCASES; i++) {
        enum rule r;
        enum verdict v;
        assert_int_equal(rule_parse(cases[i].rule, &r), 0);
        if (!strcmp(cases[i].verdict, "none")) {
            continue;
        }
        assert_int_equal(verdict_parse(cases[i].verdict, &v), 0);
        seen[r] |= 1u << v;
    }
    for (int r = 0; r < RULE_COUNT; r++) {
        unsigned want = 1u << VERDICT_MET | 1u << VERDICT_UNKNOWN | 1u << VERDICT_BREACH;
        if (r == RULE_CONSULTATION_FEEDBACK) {
            want |= 1u << VERDICT_PENDING;
        } else if (r >= RULE_CONSULTATION_LENGTH) {
            want |= 1u << VERDICT_JUSTIFIED;
        }
        if (seen[r] != want) {
            fail_msg("%s: verdicts seen %#x, wanted %#x", rule_id((enum rule)r), seen[r], want);
        }
    }
}

/* ---- whole checks: the findings in SPEC order, and the overall verdict ---- */

static const struct {
    const char *kind;
    const char *facts[MAX_FACTS];
    const char *params[MAX_PARAMS];
    const char *as_of;
    const char *findings; /* "rule=verdict ..." in order */
    const char *overall;
} checks[] = {
    {FC,
     {"notice_date=2012-02-01", "notice_in_writing=true", "effective_date=2012-04-01"},
     {"request.notice_months=6"},
     "2012-06-01",
     "funding.notice=breach funding.reasons=unknown funding.impact_assessment=unknown "
     "funding.response_opportunity=unknown funding.equality_assessment=unknown",
     "breach"},
    {FC,
     {"notice_date=2012-01-01", "notice_in_writing=true", "effective_date=2012-04-01",
      "decision_date=2011-12-20", "reasons_given=true", "impact_assessment_date=2011-12-01",
      "response_invited_date=2011-12-10", "affects_equality_groups=false"},
     {NULL},
     NULL,
     "funding.notice=met funding.reasons=met funding.impact_assessment=met "
     "funding.response_opportunity=met",
     "met"},
    {FC,
     {"notice_date=2012-01-01", "notice_in_writing=true", "effective_date=2012-04-01",
      "decision_date=2011-12-20", "reasons_given=true", "impact_assessment_date=2011-12-01",
      "response_invited_date=2011-12-10"},
     {NULL},
     NULL,
     "funding.notice=met funding.reasons=met funding.impact_assessment=met "
     "funding.response_opportunity=met funding.equality_assessment=unknown",
     "unknown"},
    {FC,
     {"change=reduce"},
     {NULL},
     NULL,
     "funding.notice=unknown funding.reasons=unknown funding.impact_assessment=unknown "
     "funding.response_opportunity=unknown funding.equality_assessment=unknown",
     "unknown"},
    {CO,
     {"opens=2012-01-01", "closes=2012-03-25", "feedback_date=null"},
     {NULL},
     "2012-05-01",
     "consultation.length=met consultation.feedback=pending",
     "pending"},
    {CO,
     {"formal=false", "reason=a workshop", "closes=2012-03-25", "feedback_date=2012-04-01"},
     {NULL},
     NULL,
     "consultation.length=justified consultation.feedback=met",
     "justified"},
    {AW,
     {"start_date=2012-04-01", "end_date=2015-03-31", "payment=arrears", "payment_reason=results",
      "overheads_allowed=true"},
     {NULL},
     NULL,
     "award.duration=met award.payment_in_advance=justified award.full_cost_recovery=met",
     "justified"},
    {AW,
     {"start_date=2012-04-01", "end_date=2015-03-31", "payment=advance"},
     {NULL},
     NULL,
     "award.duration=met award.payment_in_advance=met award.full_cost_recovery=unknown",
     "unknown"},
    {PR,
     {"published=2012-01-02", "submission_deadline=2012-01-05", "vcs_engaged_date=2011-10-01",
      "social_value_considered=true"},
     {NULL},
     NULL,
     "procurement.early_involvement=met procurement.social_value=met",
     "met"},
    {PR,
     {"published=2012-01-02", "submission_deadline=2012-01-05", "vcs_engaged_date=2011-10-01",
      "social_value_considered=true"},
     {"compact.min_tender_days=30"},
     NULL,
     "procurement.tender_period=breach procurement.early_involvement=met "
     "procurement.social_value=met",
     "breach"},
};

static void test_whole_checks(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
        struct finding out[RULES_MAX_FINDINGS];
        struct params p;
        size_t n, len = 0;
        enum verdict overall;
        char got[400];
        got[0] = '\0';
        run(checks[i].kind, checks[i].facts, checks[i].params, checks[i].as_of, out, &n, &overall,
            &p);
        for (size_t j = 0; j < n; j++) {
            int r = snprintf(got + len, sizeof(got) - len, "%s%s=%s", j ? " " : "", out[j].rule,
                             verdict_id(out[j].verdict));
            assert_true(r > 0 && (size_t)r < sizeof(got) - len);
            len += (size_t)r;
        }
        assert_string_equal(got, checks[i].findings);
        assert_string_equal(verdict_id(overall), checks[i].overall);
    }
}

/* SPEC's example request, as the contract's finding would carry it. */
static void test_spec_worked_example(void **state)
{
    const char *facts[MAX_FACTS] = {"change=end", "notice_date=2012-02-01",
                                    "notice_in_writing=true", "effective_date=2012-04-01"};
    const char *params[MAX_PARAMS] = {"request.notice_months=6"};
    struct finding out[RULES_MAX_FINDINGS];
    struct params p;
    size_t n;
    enum verdict overall;
    char day[DATE_STRLEN + 1];
    (void)state;
    run("funding_change", facts, params, "2012-06-01", out, &n, &overall, &p);
    assert_int_equal(overall, VERDICT_BREACH);
    assert_string_equal(out[0].rule, "funding.notice");
    assert_int_equal(out[0].verdict, VERDICT_BREACH);
    assert_int_equal(out[0].param, PARAM_NOTICE_MONTHS);
    assert_int_equal(p.value[PARAM_NOTICE_MONTHS], 6);
    assert_string_equal(param_source_id(p.source[PARAM_NOTICE_MONTHS]), "request");
    date_format(out[0].earliest_end_date, day);
    assert_string_equal(day, "2012-08-01");
    assert_int_equal(out[0].shortfall_days, 122);
    assert_string_equal(commitment_for_rule(out[0].rule), "4.4");
}

/* The commissioner on 2 December 2026: a cut on 1 January 2027 decided on 15 December,
 * no notice yet. Pages get the dates as GOV.UK writes them; the JSON's stay ISO. */
static void test_long_dates_for_pages(void **state)
{
    const char *facts[MAX_FACTS] = {"change=end", "decision_date=2026-12-15", "notice_date=null",
                                    "effective_date=2027-01-01"};
    struct finding out[RULES_MAX_FINDINGS], iso[RULES_MAX_FINDINGS];
    struct activity a;
    struct params p;
    size_t n, niso;
    enum verdict overall;
    (void)state;
    build(&a, "funding_change", facts, MAX_FACTS);
    build_params(&p, (const char *[MAX_PARAMS]){NULL}, MAX_PARAMS);
    assert_int_equal(rules_check_dated(&a, &p, d("2026-12-02"), RULES_DATES_LONG, out,
                                       RULES_MAX_FINDINGS, &n, &overall),
                     0);
    check_invariants(out, n, overall, &p);
    assert_string_equal(out[0].explanation,
                        "No notice has been given; 3 months' notice (national default) means "
                        "written notice by 1 October 2026 for funding that ends 1 January 2027.");
    assert_string_equal(out[0].remedy,
                        "It is too late to give 3 months' notice before 1 January 2027: give "
                        "written notice now and move the end date to 2 March 2027 or later.");
    assert_non_null(strstr(out[2].remedy, "on or before the decision of 15 December 2026."));
    /* the same check for the JSON: the same findings, ISO dates */
    assert_int_equal(rules_check(&a, &p, d("2026-12-02"), iso, RULES_MAX_FINDINGS, &niso, &overall),
                     0);
    assert_int_equal(niso, n);
    assert_non_null(strstr(iso[0].remedy, "before 2027-01-01: give written notice now"));
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(iso[i].verdict, out[i].verdict);
        assert_int_equal(iso[i].fields, out[i].fields);
    }
}

/* A plan until the day it is decided: the decision date, else (funding) the day it takes
 * effect; a consultation's opening, an award's start, a tender's publication. */
static void test_planned(void **state)
{
    static const struct {
        const char *kind, *facts[3], *as_of;
        int planned;
    } plans[] = {
        {"funding_change",
         {"decision_date=2026-12-15", "effective_date=2027-01-01"},
         "2026-12-02",
         1},
        {"funding_change", {"decision_date=2026-12-15"}, "2026-12-15", 0},
        {"funding_change",
         {"decision_date=2026-11-15", "effective_date=2027-01-01"},
         "2026-12-02",
         0},
        {"funding_change", {"effective_date=2027-01-01"}, "2026-12-02", 1},
        {"funding_change", {"effective_date=2026-01-01"}, "2026-12-02", 0},
        {"funding_change", {"notice_date=2027-01-01"}, "2026-12-02", -1},
        {"consultation", {"opens=2027-01-01", "closes=2027-03-26"}, "2026-12-02", 1},
        {"consultation", {"opens=2026-11-01", "closes=2027-03-26"}, "2026-12-02", 0},
        {"consultation", {"closes=2027-03-26"}, "2026-12-02", -1},
        {"funding_award", {"start_date=2027-04-01"}, "2026-12-02", 1},
        {"funding_award", {"start_date=2026-04-01"}, "2026-12-02", 0},
        {"procurement", {"published=2027-02-01"}, "2026-12-02", 1},
        {"procurement", {"submission_deadline=2027-02-01"}, "2026-12-02", -1},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(plans) / sizeof(plans[0]); i++) {
        struct activity a;
        const char *facts[MAX_FACTS] = {plans[i].facts[0], plans[i].facts[1], plans[i].facts[2]};
        build(&a, plans[i].kind, facts, MAX_FACTS);
        if (rules_planned(&a, d(plans[i].as_of)) != plans[i].planned) {
            fail_msg("case %zu: planned %d, not %d", i, rules_planned(&a, d(plans[i].as_of)),
                     plans[i].planned);
        }
    }
}

/* The rules a check leaves out say why: a tender period nobody sets, equality not affected. */
static void test_skipped_rules_say_why(void **state)
{
    const char *none[MAX_PARAMS] = {NULL}, *local[MAX_PARAMS] = {"compact.min_tender_days=30"};
    const char *tender[MAX_FACTS] = {"published=2027-02-01"};
    const char *equal[MAX_FACTS] = {"change=end", "affects_equality_groups=false"};
    const char *unknown[MAX_FACTS] = {"change=end"};
    struct rule_skipped out[RULE_COUNT];
    struct activity a;
    struct params p;
    (void)state;
    build(&a, "procurement", tender, MAX_FACTS);
    build_params(&p, none, MAX_PARAMS);
    assert_int_equal(rules_skipped(&a, &p, 1, out, RULE_COUNT), 1);
    assert_int_equal(out[0].rule, RULE_PROCUREMENT_TENDER_PERIOD);
    assert_non_null(strstr(out[0].why, "The local Compact sets no minimum tender period"));
    assert_int_equal(rules_skipped(&a, &p, 0, out, RULE_COUNT), 1);
    assert_non_null(strstr(out[0].why, "No local Compact was chosen, and the national Compact "
                                       "sets no minimum tender period"));
    assert_int_equal(rules_skipped(&a, &p, 0, out, 0), 0);
    build_params(&p, local, MAX_PARAMS);
    assert_int_equal(rules_skipped(&a, &p, 1, out, RULE_COUNT), 0);
    build(&a, "funding_change", equal, MAX_FACTS);
    assert_int_equal(rules_skipped(&a, &p, 1, out, RULE_COUNT), 1);
    assert_int_equal(out[0].rule, RULE_FUNDING_EQUALITY_ASSESSMENT);
    assert_non_null(strstr(out[0].why, "does not affect equality groups"));
    build(&a, "funding_change", unknown, MAX_FACTS);
    assert_int_equal(rules_skipped(&a, &p, 1, out, RULE_COUNT), 0);
}

/* Every rule and parameter has words for people; two rules of one commitment differ. */
static void test_words_for_people(void **state)
{
    (void)state;
    for (int r = 0; r < RULE_COUNT; r++) {
        assert_true(strlen(rule_label((enum rule)r)) > 0);
        for (int q = 0; q < r; q++) {
            assert_string_not_equal(rule_label((enum rule)r), rule_label((enum rule)q));
        }
    }
    assert_string_equal(rule_label(RULE_COUNT), "");
    for (int i = 0; i < PARAM_COUNT; i++) {
        assert_true(strlen(param_measure((enum param)i)) > 0);
    }
    assert_string_equal(param_measure(PARAM_NOTICE_MONTHS), "of notice");
    assert_string_equal(param_measure(PARAM_CONSULTATION_WEEKS), "of consultation");
    assert_string_equal(param_measure(PARAM_COUNT), "");
}

/* The latest notice date, over three years of end dates: notice on it is met, a day later is
 * short, whatever the month ends do. */
static void test_latest_notice_is_exact(void **state)
{
    static const int months[] = {0, 1, 3, 6, 12, 36};
    (void)state;
    for (size_t m = 0; m < sizeof(months) / sizeof(months[0]); m++) {
        struct params p;
        struct param_set request = {{0}, {0}};
        request.set[PARAM_NOTICE_MONTHS] = 1;
        request.value[PARAM_NOTICE_MONTHS] = months[m];
        params_resolve(&request, NULL, &p);
        for (date_t end = d("2011-01-01"); end <= d("2013-12-31"); end++) {
            struct activity a;
            struct finding out[RULES_MAX_FINDINGS];
            size_t n;
            enum verdict overall;
            date_t latest;
            memset(&a, 0, sizeof(a));
            a.change = CHANGE_END;
            a.effective_date = (struct fact_date){FACT_SET, end};
            a.notice_in_writing = (struct fact_bool){FACT_SET, 1};
            assert_int_equal(rules_check(&a, &p, end, out, 5, &n, &overall), 0);
            assert_true(out[0].fields & FINDING_LATEST_NOTICE_DATE);
            latest = out[0].latest_notice_date;
            assert_true(date_add_months(latest, months[m]) <= end);
            assert_true(date_add_months(latest + 1, months[m]) > end);

            a.notice_date = (struct fact_date){FACT_SET, latest};
            assert_int_equal(rules_check(&a, &p, end, out, 5, &n, &overall), 0);
            assert_int_equal(out[0].verdict, VERDICT_MET);
            a.notice_date.value = latest + 1;
            assert_int_equal(rules_check(&a, &p, end, out, 5, &n, &overall), 0);
            assert_int_equal(out[0].verdict, VERDICT_BREACH);
            assert_true(out[0].shortfall_days >= 1);
        }
    }
}

/* ---- parameters ---- */

static void test_params_resolve_reports_sources(void **state)
{
    struct param_set request, compact;
    struct params p;
    (void)state;
    memset(&request, 0, sizeof(request));
    memset(&compact, 0, sizeof(compact));

    params_resolve(NULL, NULL, &p);
    assert_int_equal(p.value[PARAM_CONSULTATION_WEEKS], 12);
    assert_int_equal(p.value[PARAM_FEEDBACK_WEEKS], 12);
    assert_int_equal(p.value[PARAM_NOTICE_MONTHS], 3);
    assert_int_equal(p.value[PARAM_MIN_FUNDING_MONTHS], 36);
    for (int i = 0; i < PARAM_MIN_TENDER_DAYS; i++) {
        assert_int_equal(p.source[i], SOURCE_DEFAULT);
    }
    assert_int_equal(p.source[PARAM_MIN_TENDER_DAYS], SOURCE_NONE);
    assert_int_equal(p.value[PARAM_MIN_TENDER_DAYS], 0);

    compact.set[PARAM_NOTICE_MONTHS] = 1;
    compact.value[PARAM_NOTICE_MONTHS] = 4;
    compact.set[PARAM_MIN_TENDER_DAYS] = 1;
    compact.value[PARAM_MIN_TENDER_DAYS] = 30;
    compact.set[PARAM_FEEDBACK_WEEKS] = 1;
    compact.value[PARAM_FEEDBACK_WEEKS] = 0; /* zero is a value, not "unset" */
    request.set[PARAM_NOTICE_MONTHS] = 1;
    request.value[PARAM_NOTICE_MONTHS] = 6;
    request.value[PARAM_MIN_TENDER_DAYS] = 99; /* not set: ignored */
    params_resolve(&request, &compact, &p);
    assert_int_equal(p.value[PARAM_NOTICE_MONTHS], 6);
    assert_int_equal(p.source[PARAM_NOTICE_MONTHS], SOURCE_REQUEST);
    assert_int_equal(p.value[PARAM_MIN_TENDER_DAYS], 30);
    assert_int_equal(p.source[PARAM_MIN_TENDER_DAYS], SOURCE_COMPACT);
    assert_int_equal(p.value[PARAM_FEEDBACK_WEEKS], 0);
    assert_int_equal(p.source[PARAM_FEEDBACK_WEEKS], SOURCE_COMPACT);
    assert_int_equal(p.value[PARAM_CONSULTATION_WEEKS], 12);
    assert_int_equal(p.source[PARAM_CONSULTATION_WEEKS], SOURCE_DEFAULT);

    params_resolve(NULL, &compact, &p);
    assert_int_equal(p.value[PARAM_NOTICE_MONTHS], 4);
    assert_int_equal(p.source[PARAM_NOTICE_MONTHS], SOURCE_COMPACT);

    assert_string_equal(param_source_id(SOURCE_NONE), "none");
    assert_string_equal(param_source_id(SOURCE_DEFAULT), "default");
    assert_string_equal(param_source_id(SOURCE_COMPACT), "compact");
    assert_string_equal(param_source_id(SOURCE_REQUEST), "request");
    assert_string_equal(param_source_phrase(SOURCE_DEFAULT), "national default");
    assert_string_equal(param_source_phrase(SOURCE_COMPACT), "the Compact's local parameter");
    assert_string_equal(param_source_phrase(SOURCE_REQUEST), "set for this check");
}

/* Which local values are weaker than the national default, and the one minimum. */
static void test_param_weaker_and_floor(void **state)
{
    static const struct {
        enum param p;
        int value, weaker;
    } values[] = {
        {PARAM_CONSULTATION_WEEKS, 8, 1},  {PARAM_CONSULTATION_WEEKS, 12, 0},
        {PARAM_CONSULTATION_WEEKS, 13, 0}, {PARAM_CONSULTATION_WEEKS, 0, 1},
        {PARAM_FEEDBACK_WEEKS, 13, 1},     {PARAM_FEEDBACK_WEEKS, 12, 0},
        {PARAM_FEEDBACK_WEEKS, 4, 0},      {PARAM_NOTICE_MONTHS, 2, 1},
        {PARAM_NOTICE_MONTHS, 3, 0},       {PARAM_NOTICE_MONTHS, 6, 0},
        {PARAM_MIN_FUNDING_MONTHS, 35, 1}, {PARAM_MIN_FUNDING_MONTHS, 36, 0},
        {PARAM_MIN_FUNDING_MONTHS, 60, 0}, {PARAM_MIN_TENDER_DAYS, 0, 0},
        {PARAM_MIN_TENDER_DAYS, 30, 0},
    };
    struct param_set request, compact;
    struct params p;
    int floor = -1;
    (void)state;

    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        if (param_weaker(values[i].p, values[i].value) != values[i].weaker) {
            fail_msg("%s = %d: weaker %d, want %d", param_id(values[i].p), values[i].value,
                     !values[i].weaker, values[i].weaker);
        }
    }
    assert_int_equal(param_floor(PARAM_NOTICE_MONTHS, &floor), 1);
    assert_int_equal(floor, 3);
    for (int i = 0; i < PARAM_COUNT; i++) {
        if (i != PARAM_NOTICE_MONTHS) {
            assert_int_equal(param_floor((enum param)i, &floor), 0);
            assert_int_equal(floor, 0);
        }
        assert_true(*param_label((enum param)i) && *param_unit((enum param)i));
    }
    assert_string_equal(param_unit(PARAM_NOTICE_MONTHS), "months");

    /* a Compact's notice below 3 months does not count; the request's does */
    memset(&request, 0, sizeof(request));
    memset(&compact, 0, sizeof(compact));
    compact.set[PARAM_NOTICE_MONTHS] = 1;
    compact.value[PARAM_NOTICE_MONTHS] = 2;
    compact.set[PARAM_CONSULTATION_WEEKS] = 1;
    compact.value[PARAM_CONSULTATION_WEEKS] = 2; /* weaker, but allowed */
    params_resolve(NULL, &compact, &p);
    assert_int_equal(p.value[PARAM_NOTICE_MONTHS], 3);
    assert_int_equal(p.source[PARAM_NOTICE_MONTHS], SOURCE_DEFAULT);
    assert_int_equal(p.value[PARAM_CONSULTATION_WEEKS], 2);
    assert_int_equal(p.source[PARAM_CONSULTATION_WEEKS], SOURCE_COMPACT);
    compact.value[PARAM_NOTICE_MONTHS] = 3;
    params_resolve(NULL, &compact, &p);
    assert_int_equal(p.source[PARAM_NOTICE_MONTHS], SOURCE_COMPACT);
    request.set[PARAM_NOTICE_MONTHS] = 1;
    request.value[PARAM_NOTICE_MONTHS] = 1;
    params_resolve(&request, &compact, &p);
    assert_int_equal(p.value[PARAM_NOTICE_MONTHS], 1);
    assert_int_equal(p.source[PARAM_NOTICE_MONTHS], SOURCE_REQUEST);
}

/* The kinds use the parameters their rules need, and nothing else. */
static void test_kind_params(void **state)
{
    (void)state;
    assert_int_equal(activity_kind_params(ACTIVITY_FUNDING_CHANGE), 1u << PARAM_NOTICE_MONTHS);
    assert_int_equal(activity_kind_params(ACTIVITY_CONSULTATION),
                     1u << PARAM_CONSULTATION_WEEKS | 1u << PARAM_FEEDBACK_WEEKS);
    assert_int_equal(activity_kind_params(ACTIVITY_FUNDING_AWARD), 1u << PARAM_MIN_FUNDING_MONTHS);
    assert_int_equal(activity_kind_params(ACTIVITY_PROCUREMENT), 1u << PARAM_MIN_TENDER_DAYS);
    assert_int_equal(activity_kind_params(ACTIVITY_KIND_COUNT), 0);
}

/* ---- names ---- */

static void test_ids_round_trip(void **state)
{
    static const char *const kinds[] = {"funding_change", "consultation", "funding_award",
                                        "procurement"};
    static const char *const params[] = {"consultation_weeks", "feedback_weeks", "notice_months",
                                         "min_funding_months", "min_tender_days"};
    static const char *const verdicts[] = {"met", "justified", "pending", "unknown", "breach"};
    enum activity_kind k;
    enum funding_change c;
    enum param p;
    enum verdict v;
    enum rule r;
    (void)state;
    for (int i = 0; i < ACTIVITY_KIND_COUNT; i++) {
        assert_int_equal(activity_kind_parse(kinds[i], &k), 0);
        assert_int_equal(k, i);
        assert_string_equal(activity_kind_id(k), kinds[i]);
    }
    for (int i = 0; i < PARAM_COUNT; i++) {
        assert_int_equal(param_parse(params[i], &p), 0);
        assert_int_equal(p, i);
        assert_string_equal(param_id(p), params[i]);
    }
    for (int i = 0; i < VERDICT_COUNT; i++) {
        assert_int_equal(verdict_parse(verdicts[i], &v), 0);
        assert_int_equal(v, i);
        assert_string_equal(verdict_id(v), verdicts[i]);
    }
    for (int i = 0; i < RULE_COUNT; i++) {
        assert_int_equal(rule_parse(rule_id((enum rule)i), &r), 0);
        assert_int_equal(r, i);
    }
    assert_int_equal(funding_change_parse("end", &c), 0);
    assert_int_equal(c, CHANGE_END);
    assert_int_equal(funding_change_parse("reduce", &c), 0);
    assert_int_equal(c, CHANGE_REDUCE);
    assert_string_equal(funding_change_id(CHANGE_REDUCE), "reduce");

    assert_int_equal(activity_kind_parse("grant", &k), ERR_INVALID);
    assert_int_equal(activity_kind_parse("", &k), ERR_INVALID);
    assert_int_equal(funding_change_parse("", &c), ERR_INVALID);
    assert_int_equal(c, CHANGE_UNSET);
    assert_int_equal(funding_change_parse("cut", &c), ERR_INVALID);
    assert_int_equal(param_parse("notice_weeks", &p), ERR_INVALID);
    assert_int_equal(verdict_parse("ok", &v), ERR_INVALID);
    assert_int_equal(rule_parse("funding", &r), ERR_INVALID);
    assert_string_equal(activity_kind_id(ACTIVITY_KIND_COUNT), "");
    assert_string_equal(verdict_id(VERDICT_COUNT), "");
    assert_string_equal(rule_id(RULE_COUNT), "");
    assert_string_equal(param_id(PARAM_COUNT), "");
}

/* ---- refusals ---- */

static void expect_refused(const struct activity *a, const struct params *p, date_t as_of,
                           size_t max, int err)
{
    struct finding out[RULES_MAX_FINDINGS];
    size_t n = 99;
    enum verdict overall = VERDICT_MET;
    assert_int_equal(rules_check(a, p, as_of, out, max, &n, &overall), err);
    assert_int_equal(n, 0);
    assert_int_equal(overall, VERDICT_UNKNOWN);
}

static void test_refuses_what_it_cannot_read(void **state)
{
    struct activity a;
    struct params p, bad;
    date_t as_of = d(AS_OF_DEFAULT);
    struct finding out[RULES_MAX_FINDINGS];
    size_t n;
    enum verdict overall;
    (void)state;
    params_resolve(NULL, NULL, &p);

    build(&a, "funding_change", NULL, 0);
    a.kind = ACTIVITY_KIND_COUNT;
    expect_refused(&a, &p, as_of, RULES_MAX_FINDINGS, ERR_INVALID);

    build(&a, "funding_change", NULL, 0);
    a.change = CHANGE_UNSET;
    expect_refused(&a, &p, as_of, RULES_MAX_FINDINGS, ERR_INVALID);
    a.change = (enum funding_change)7;
    expect_refused(&a, &p, as_of, RULES_MAX_FINDINGS, ERR_INVALID);

    build(&a, "funding_award", (const char *const[]){"payment=weekly"}, 1);
    expect_refused(&a, &p, as_of, RULES_MAX_FINDINGS, ERR_INVALID);
    build(&a, "funding_award", (const char *const[]){"payment="}, 1);
    expect_refused(&a, &p, as_of, RULES_MAX_FINDINGS, ERR_INVALID);
    /* a payment means nothing to a consultation: not read, not refused */
    build(&a, "consultation", (const char *const[]){"payment=weekly"}, 1);
    assert_int_equal(rules_check(&a, &p, as_of, out, RULES_MAX_FINDINGS, &n, &overall), 0);

    /* parameters out of range, or from nowhere */
    build(&a, "funding_change", NULL, 0);
    bad = p;
    bad.value[PARAM_NOTICE_MONTHS] = -1;
    expect_refused(&a, &bad, as_of, RULES_MAX_FINDINGS, ERR_INVALID);
    bad.value[PARAM_NOTICE_MONTHS] = PARAM_VALUE_MAX + 1;
    expect_refused(&a, &bad, as_of, RULES_MAX_FINDINGS, ERR_INVALID);
    bad.value[PARAM_NOTICE_MONTHS] = PARAM_VALUE_MAX;
    assert_int_equal(rules_check(&a, &bad, as_of, out, RULES_MAX_FINDINGS, &n, &overall), 0);
    bad = p;
    bad.source[PARAM_FEEDBACK_WEEKS] = SOURCE_COUNT;
    expect_refused(&a, &bad, as_of, RULES_MAX_FINDINGS, ERR_INVALID);

    /* dates outside the years date_parse accepts */
    a.notice_date = (struct fact_date){FACT_SET, date_from_ymd(10000, 1, 1)};
    expect_refused(&a, &p, as_of, RULES_MAX_FINDINGS, ERR_INVALID);
    a.notice_date = (struct fact_date){FACT_SET, date_from_ymd(999, 12, 31)};
    expect_refused(&a, &p, as_of, RULES_MAX_FINDINGS, ERR_INVALID);
    a.notice_date = (struct fact_date){FACT_NULL, 2147483647}; /* the value of a null is not read */
    assert_int_equal(rules_check(&a, &p, as_of, out, RULES_MAX_FINDINGS, &n, &overall), 0);
    build(&a, "funding_change", NULL, 0);
    a.decision_date = (struct fact_date){FACT_ABSENT, -2147483647 - 1};
    assert_int_equal(rules_check(&a, &p, as_of, out, RULES_MAX_FINDINGS, &n, &overall), 0);
    expect_refused(&a, &p, date_from_ymd(10000, 1, 1), RULES_MAX_FINDINGS, ERR_INVALID);

    /* too little room */
    build(&a, "funding_change", NULL, 0);
    expect_refused(&a, &p, as_of, 4, ERR_TOO_BIG);
    expect_refused(&a, &p, as_of, 0, ERR_TOO_BIG);
    assert_int_equal(rules_check(&a, &p, as_of, out, 5, &n, &overall), 0);
    assert_int_equal(n, 5);
    a.affects_equality_groups = (struct fact_bool){FACT_SET, 0};
    assert_int_equal(rules_check(&a, &p, as_of, out, 4, &n, &overall), 0);
    assert_int_equal(n, 4);
}

/* ---- the commitments catalogue ---- */

static void test_commitments_catalogue(void **state)
{
    static const struct {
        const char *rule, *number;
    } spec[] = {
        {"consultation.length", "2.4"},
        {"consultation.feedback", "2.5"},
        {"funding.impact_assessment", "4.3"},
        {"funding.notice", "4.4"},
        {"funding.reasons", "4.4"},
        {"funding.response_opportunity", "4.5"},
        {"funding.equality_assessment", "5.3"},
        {"award.duration", "3.4"},
        {"award.payment_in_advance", "3.8"},
        {"award.full_cost_recovery", "3.7"},
        {"procurement.tender_period", "3.5"},
        {"procurement.early_involvement", "2.2"},
        {"procurement.social_value", "3.2"},
    };
    const struct commitment_section *sections;
    const struct commitment *list;
    size_t nsections, n, nrules = 0;
    enum party party;
    (void)state;

    assert_int_equal(sizeof(spec) / sizeof(spec[0]), RULE_COUNT);
    for (size_t i = 0; i < sizeof(spec) / sizeof(spec[0]); i++) {
        enum rule r;
        assert_int_equal(rule_parse(spec[i].rule, &r), 0);
        assert_string_equal(commitment_for_rule(spec[i].rule), spec[i].number);
    }
    assert_null(commitment_for_rule("funding.cut"));
    assert_null(commitment_for_rule(""));

    sections = commitment_sections(&nsections);
    assert_int_equal(nsections, 5);
    for (size_t i = 0; i < nsections; i++) {
        assert_int_equal(sections[i].number, (int)i + 1);
        assert_true(strlen(sections[i].title) > 10);
    }
    assert_string_equal(sections[3].title,
                        "Clear arrangements for managing changes to programmes and services");

    list = commitments_default(&n);
    assert_true(n >= 11);
    for (size_t i = 0; i < n; i++) {
        const struct commitment *c = &list[i];
        char prefix[8];
        int r = snprintf(prefix, sizeof(prefix), "%d.", c->section);
        assert_true(r > 0 && (size_t)r < sizeof(prefix));
        assert_true(!strncmp(c->number, prefix, strlen(prefix)));
        assert_true(c->section >= 1 && c->section <= 5);
        if (c->section >= 2) {
            assert_int_equal(c->verified, 0);
        }
        assert_true(strlen(c->paraphrase) > 20);
        assert_true(c->party == PARTY_PUBLIC_BODIES || c->party == PARTY_CSOS);
        if (i > 0) {
            assert_true(strcmp(list[i - 1].number, c->number) < 0); /* in order, no repeats */
        }
        for (size_t j = 0; j < COMMITMENT_RULES_MAX && c->rules[j]; j++) {
            enum rule rule;
            assert_int_equal(rule_parse(c->rules[j], &rule), 0);
            nrules++;
        }
    }
    assert_int_equal(nrules, RULE_COUNT); /* each rule tests exactly one commitment */

    assert_string_equal(party_id(PARTY_PUBLIC_BODIES), "public_bodies");
    assert_string_equal(party_label(PARTY_PUBLIC_BODIES), "public bodies");
    assert_string_equal(party_label(PARTY_CSOS), "CSOs");
    assert_int_equal(party_parse("csos", &party), 0);
    assert_int_equal(party, PARTY_CSOS);
    assert_int_equal(party_parse("CSOs", &party), ERR_INVALID);
}

static void test_computed_dates_stay_writable(void **state)
{
    struct activity a;
    struct param_set req = {{0}, {0}};
    struct params p;
    struct finding f[RULES_MAX_FINDINGS];
    enum verdict overall;
    size_t n = 9;
    (void)state;
    memset(&a, 0, sizeof(a));
    a.kind = ACTIVITY_FUNDING_CHANGE;
    a.change = CHANGE_END;
    a.notice_date = (struct fact_date){FACT_SET, d("9999-12-31")};
    a.notice_in_writing = (struct fact_bool){FACT_SET, 1};
    a.effective_date = (struct fact_date){FACT_SET, d("9999-12-31")};
    req.set[PARAM_NOTICE_MONTHS] = 1;
    req.value[PARAM_NOTICE_MONTHS] = 3660; /* past the year 9999: no date to write */
    params_resolve(&req, NULL, &p);
    assert_int_equal(rules_check(&a, &p, d("2012-01-01"), f, RULES_MAX_FINDINGS, &n, &overall),
                     ERR_INVALID);
    assert_int_equal(n, 0);
}

/* enum rule keeps each kind's rules in one run, kinds in order (rules.h): a rule's name starts
 * with its kind's prefix, and the prefixes come in the order of enum activity_kind. */
static void test_rules_grouped_by_kind(void **state)
{
    static const char *const prefix[ACTIVITY_KIND_COUNT] = {
        [ACTIVITY_FUNDING_CHANGE] = "funding.",
        [ACTIVITY_CONSULTATION] = "consultation.",
        [ACTIVITY_FUNDING_AWARD] = "award.",
        [ACTIVITY_PROCUREMENT] = "procurement.",
    };
    int kind = 0;

    (void)state;
    for (int r = 0; r < RULE_COUNT; r++) {
        const char *id = rule_id((enum rule)r);
        while (kind < ACTIVITY_KIND_COUNT && strncmp(id, prefix[kind], strlen(prefix[kind]))) {
            kind++;
        }
        assert_true(kind < ACTIVITY_KIND_COUNT);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_computed_dates_stay_writable),
        cmocka_unit_test(test_every_rule_every_verdict),
        cmocka_unit_test(test_cases_cover_every_verdict),
        cmocka_unit_test(test_whole_checks),
        cmocka_unit_test(test_spec_worked_example),
        cmocka_unit_test(test_long_dates_for_pages),
        cmocka_unit_test(test_planned),
        cmocka_unit_test(test_skipped_rules_say_why),
        cmocka_unit_test(test_words_for_people),
        cmocka_unit_test(test_latest_notice_is_exact),
        cmocka_unit_test(test_params_resolve_reports_sources),
        cmocka_unit_test(test_param_weaker_and_floor),
        cmocka_unit_test(test_kind_params),
        cmocka_unit_test(test_rules_grouped_by_kind),
        cmocka_unit_test(test_ids_round_trip),
        cmocka_unit_test(test_refuses_what_it_cannot_read),
        cmocka_unit_test(test_commitments_catalogue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
