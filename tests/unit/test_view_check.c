/* The check result page as a string: a plan worded as a plan, a decision made as what was done,
 * GOV.UK dates, parameters by their meaning, each commitment number once, rules that do not
 * apply said so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "view/page_check.h"

/* Whether what occurs in s exactly n times. */
static int occurs(const char *s, const char *what, size_t n)
{
    const char *p = s;
    for (size_t i = 0; i < n; i++, p++) {
        if (!(p = strstr(p, what))) {
            return 0;
        }
    }
    return strstr(p, what) == NULL;
}

/* A date fact "YYYY-MM-DD", or the check's day: read as the pages' forms are. */
static date_t iso(const char *s)
{
    date_t d = 0;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static void set(struct fact_date *f, const char *s)
{
    *f = (struct fact_date){FACT_SET, iso(s)};
}

/* The result page of activity a checked as of as_of with the national defaults. */
static void render(struct buf *b, const struct activity *a, const char *as_of, int local)
{
    struct finding f[RULES_MAX_FINDINGS];
    struct params p;
    struct check_result_view v = {.kind = a->kind, .answers = "", .local = local};

    params_resolve(NULL, NULL, &p);
    v.as_of = iso(as_of);
    assert_int_equal(rules_check_dated(a, &p, v.as_of, RULES_DATES_LONG, f, RULES_MAX_FINDINGS,
                                       &v.n, &v.overall),
                     0);
    v.findings = f;
    v.params = &p;
    v.activity = a;
    view_check_result_page(b, &v, NULL);
    assert_false(buf_failed(b));
}

/* The commissioner: a cut on 1 January 2027 decided on 15 December 2026, notice with
 * the decision, reasons given, checked on 2 December 2026 (then on 2 January 2027). */
static void render_cut(struct buf *b, const char *as_of)
{
    struct activity a = {.kind = ACTIVITY_FUNDING_CHANGE, .change = CHANGE_END};

    set(&a.effective_date, "2027-01-01");
    set(&a.decision_date, "2026-12-15");
    set(&a.notice_date, "2026-12-15");
    a.notice_in_writing = (struct fact_bool){FACT_SET, 1};
    a.reasons_given = (struct fact_bool){FACT_SET, 1};
    render(b, &a, as_of, 0);
}

static void test_a_plan(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    render_cut(&b, "2026-12-02");
    assert_non_null(strstr(b.data, "Overall: <strong class=\"govuk-tag govuk-tag--red\">Would not "
                                   "keep</strong>"));
    assert_non_null(strstr(b.data, "This is a plan: it is checked as of 2 December 2026, before "
                                   "the decision"));
    assert_null(strstr(b.data, "Breach"));
    assert_non_null(strstr(b.data, "<strong>To keep it:</strong> It is too late to give 3 "
                                   "months&#39; notice before 1 January 2027: give written notice "
                                   "now and move the end date to 2 March 2027 or later."));
    /* 4.4 tests notice and reasons: one card, two rows */
    assert_true(occurs(b.data, ">4.4 ", 1));
    assert_true(occurs(b.data, "class=\"govuk-summary-card__title\"", 4));
    assert_non_null(strstr(b.data, ">Notice</dt>"));
    assert_non_null(strstr(b.data, ">Reasons</dt>"));
    assert_non_null(strstr(b.data, "3 months of notice (national default)"));
    assert_null(strstr(b.data, "notice_months"));
    assert_null(strstr(b.data, "2026-12-02"));
    assert_null(strstr(b.data, "2027-01-01"));
    buf_release(&b);
}

static void test_a_decision_made(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    render_cut(&b, "2027-01-02");
    assert_non_null(strstr(b.data, "Overall: <strong class=\"govuk-tag govuk-tag--red\">"
                                   "Breach</strong>"));
    assert_non_null(strstr(b.data, "Checked as of 2 January 2027."));
    assert_null(strstr(b.data, "Would not keep"));
    assert_null(strstr(b.data, "This is a plan"));
    assert_non_null(strstr(b.data, "<strong>What can be done:</strong> Funding ended on 1 January "
                                   "2027"));
    buf_release(&b);
}

/* A tender period nobody sets: the rule said not to apply, and the number said to be unset. */
static void test_what_does_not_apply(void **state)
{
    struct activity a = {.kind = ACTIVITY_PROCUREMENT};
    struct buf b = BUF_INIT;
    (void)state;
    set(&a.published, "2027-02-01");
    a.vcs_engaged_date.state = FACT_NULL;
    render(&b, &a, "2026-12-02", 1);
    assert_non_null(strstr(b.data, "before the tender is published"));
    assert_non_null(strstr(b.data, ">Time to bid</dt>"));
    assert_non_null(strstr(b.data, "Does not apply"));
    assert_non_null(strstr(b.data, "The local Compact sets no minimum tender period, nor does the "
                                   "national Compact, so the time to bid is not checked."));
    assert_non_null(strstr(b.data, "None: the local Compact sets no minimum"));
    assert_null(strstr(b.data, "min_tender_days"));
    assert_null(strstr(b.data, "funding cut"));
    /* VCS spelt out where it is first used */
    {
        static const char spelt[] = "Voluntary and community sector (";
        const char *first = strstr(b.data, "VCS");
        assert_non_null(first);
        assert_true((size_t)(first - b.data) >= sizeof(spelt) - 1);
        assert_memory_equal(first - (sizeof(spelt) - 1), spelt, sizeof(spelt) - 1);
    }
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_plan),
        cmocka_unit_test(test_a_decision_made),
        cmocka_unit_test(test_what_does_not_apply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
