/* Counting stored findings by rule, organisation and month. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/compliance.h"

static void test_tallies(void **state)
{
    const struct finding_record rows[] = {
        {1, "GB-CHC-1", "consultation", "2012-05-03T10:00:00Z", "consultation.feedback", "pending",
         "x", "2012-08-01"},
        {1, "GB-CHC-1", "consultation", "2012-05-03T10:00:00Z", "consultation.length", "met", "x",
         NULL},
        {2, NULL, "funding_change", "2012-03-09T10:00:00Z", "funding.notice", "breach", "x", NULL},
        {3, "GB-CHC-2", "funding_change", "2012-05-20T10:00:00Z", "funding.notice", "breach", "x",
         NULL},
        {4, "GB-CHC-2", "funding_change", "2012-05-21T10:00:00Z", "funding.notice", "nonsense", "x",
         NULL},
    };
    struct compliance c;
    (void)state;
    compliance_summarise(rows, 5, &c);
    assert_int_equal(c.totals[VERDICT_BREACH], 2);
    assert_int_equal(c.totals[VERDICT_PENDING], 1);
    assert_int_equal(c.totals[VERDICT_MET], 1); /* the unknown verdict word is left out */
    assert_int_equal(c.nrules, 3);
    assert_string_equal(c.by_rule[2].key, "funding.notice");
    assert_int_equal(c.by_rule[2].counts[VERDICT_BREACH], 2);
    assert_int_equal(c.norgs, 3);
    assert_string_equal(c.by_org[1].key, ""); /* no organisation given */
    assert_int_equal(c.nmonths, 2);
    assert_memory_equal(c.by_month[0].key, "2012-03", 7); /* sorted */
    assert_memory_equal(c.by_month[1].key, "2012-05", 7);
    assert_int_equal(c.by_month[1].counts[VERDICT_BREACH], 1);
    assert_int_equal(c.by_month[1].counts[VERDICT_PENDING], 1);
    assert_false(c.truncated);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tallies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
