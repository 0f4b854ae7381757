/*
 * The compliance page and the activity lists, as strings: commitments by their wording, each
 * once; organisations by name; months in words; each activity linked to where it is shown; the
 * empty page saying what to do.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "view/activities.h"
#include "view/page_compliance.h"

static const struct finding_record rows[] = {
    {7, NULL, "consultation", "2026-11-20T10:00:00Z", "consultation.feedback", "pending",
     "Feedback is due by 15 January 2027.", "2027-01-15", NULL},
    {5, "GB-CHC-5552222", "funding_change", "2026-12-02T10:00:00Z", "funding.notice", "breach",
     "Notice was short.", NULL, "Friends of <Homes> Park"},
    {5, "GB-CHC-5552222", "funding_change", "2026-12-02T10:00:00Z", "funding.reasons", "met",
     "Reasons given.", NULL, "Friends of <Homes> Park"},
};

static const struct activity_summary activities[] = {
    {5, 3, "Homes Compact", "funding_change", "GB-CHC-5552222", "Friends of <Homes> Park",
     "2026-12-02T10:00:00Z", "breach"},
    {7, 3, "Homes Compact", "consultation", NULL, NULL, "2026-11-20T10:00:00Z", "pending"},
};

/* The page of rows and activities into b, with the catalogue's numbers and wording (NULL: the
 * defaults). */
static void render(struct buf *b, const char *const *numbers, const char *const *paraphrases)
{
    struct compliance summary;
    struct compliance_view v = {.compact_id = 3,
                                .compact_name = "Homes Compact",
                                .rows = rows,
                                .n = 3,
                                .summary = &summary,
                                .activities = activities,
                                .nactivities = 2,
                                .numbers = numbers,
                                .paraphrases = paraphrases};

    compliance_summarise(rows, 3, &summary);
    view_compliance_page(b, &v, NULL);
}

static void test_page_in_words(void **state)
{
    struct buf b = BUF_INIT;
    struct buf href = BUF_INIT;
    (void)state;

    render(&b, NULL, NULL);
    /* 4.4 is tested by two rules and is one row, in the catalogue's words */
    assert_non_null(strstr(b.data, "4.4 Give at least three months&#39; written notice"));
    assert_null(strstr(strstr(b.data, "4.4 Give") + 1, "4.4 Give"));
    assert_null(strstr(b.data, "funding.notice"));
    assert_null(strstr(b.data, "consultation.feedback"));
    /* the organisation by name, linked; none given said so */
    assert_non_null(strstr(b.data, "<a class=\"govuk-link\" href=\"/organisations/GB-CHC-5552222\">"
                                   "Friends of &lt;Homes&gt; Park</a>"));
    assert_non_null(strstr(b.data, "No organisation given"));
    /* months and days in words */
    assert_non_null(strstr(b.data, "December 2026"));
    assert_non_null(strstr(b.data, "November 2026"));
    assert_null(strstr(b.data, "2026-12"));
    assert_non_null(strstr(b.data, "15 January 2027"));
    /* each activity linked to where it is shown, the one place that says where */
    activity_href(&href, 3, 5);
    assert_non_null(strstr(b.data, "href=\"/compacts/3/activities/5\""));
    assert_non_null(strstr(b.data, href.data));
    buf_reset(&href);
    activity_href(&href, 3, 7);
    assert_non_null(strstr(b.data, href.data));
    buf_release(&href);
    assert_non_null(strstr(b.data, "Breach:&nbsp;1"));
    assert_non_null(strstr(b.data, "href=\"/compacts/3\">Homes Compact</a>")); /* breadcrumbs */
    assert_null(strstr(b.data, "No activities have been recorded"));
    buf_release(&b);
}

static void test_commitment_as_corrected(void **state)
{
    const char *numbers[RULE_COUNT] = {
        [RULE_FUNDING_NOTICE] = "4.6", [RULE_FUNDING_REASONS] = "4.6"};
    const char *paraphrases[RULE_COUNT] = {[RULE_FUNDING_NOTICE] = "Notice, as corrected.",
                                           [RULE_FUNDING_REASONS] = "Notice, as corrected."};
    struct buf b = BUF_INIT;
    (void)state;

    render(&b, numbers, paraphrases);
    assert_non_null(strstr(b.data, "4.6 Notice, as corrected."));
    assert_null(strstr(b.data, "4.4 Give"));
    assert_non_null(strstr(b.data, "2.5 Tell the people consulted")); /* not corrected */
    buf_release(&b);
}

static void test_empty_page_says_what_to_do(void **state)
{
    struct buf b = BUF_INIT;
    struct compliance summary;
    struct compliance_view v = {.compact_id = 9, .compact_name = "Quiet", .summary = &summary};
    (void)state;

    compliance_summarise(NULL, 0, &summary);
    view_compliance_page(&b, &v, NULL);
    assert_non_null(strstr(b.data, "No activities have been recorded for this Compact yet."));
    assert_non_null(strstr(b.data, "Run a check and record it"));
    assert_non_null(strstr(b.data, "href=\"/checks/funding_change?compact=9\">Check a funding "
                                   "change</a>"));
    assert_non_null(strstr(b.data, "href=\"/checks/procurement?compact=9\""));
    assert_null(strstr(b.data, "Findings by"));
    buf_release(&b);
}

static void test_activity_table(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;

    view_activity_table(&b, "Activities", activities, 2, ACTIVITY_COL_COMPACT);
    assert_non_null(strstr(b.data, ">Funding change<span class=\"govuk-visually-hidden\"> "
                                   "recorded 2 December 2026</span></a><br>Recorded 2 December "
                                   "2026<br><strong class=\"govuk-tag govuk-tag--red\">Breach"));
    assert_non_null(strstr(b.data, "href=\"/compacts/3\">Homes Compact</a>"));
    assert_null(strstr(b.data, ">Organisation<"));
    assert_string_equal(activity_kind_name("procurement"), "Procurement");
    assert_string_equal(activity_kind_name("grant"), "Activity");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_in_words),
        cmocka_unit_test(test_commitment_as_corrected),
        cmocka_unit_test(test_empty_page_says_what_to_do),
        cmocka_unit_test(test_activity_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
