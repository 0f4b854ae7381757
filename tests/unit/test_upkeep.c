/* What a Compact's coordinator still has to do, from its entry, as cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/upkeep.h"

static date_t d(const char *s)
{
    date_t out;
    assert_int_equal(date_parse(s, strlen(s), &out), 0);
    return out;
}

static void test_steps(void **state)
{
    static const struct compact_contact contact = {"Alex Example", NULL, NULL, NULL};
    const struct status_change active = {d("2012-04-01"), COMPACT_ACTIVE};
    const struct status_change ended = {d("2012-04-01"), COMPACT_INACTIVE};
    struct compact_entry bare = {.name = "Bare", .statuses = &active, .nstatuses = 1};
    struct compact_entry kept = bare;
    struct compact_state s;
    (void)state;

    /* nothing known, nobody signed, nothing set */
    compact_state_on(&bare, d("2026-12-02"), &s);
    assert_int_equal(compact_upkeep(&bare, &s, 0, 0),
                     UPKEEP_REVIEW_UNKNOWN | UPKEEP_NO_SIGNATORIES | UPKEEP_NO_PARAMETERS |
                         UPKEEP_NO_CONTACTS | UPKEEP_NO_DOCUMENT);
    /* everything in order */
    kept.adopted = d("2022-04-01");
    kept.document_url = "https://example.org/compact.pdf";
    kept.contacts = &contact;
    kept.ncontacts = 1;
    kept.params.set[PARAM_MIN_TENDER_DAYS] = 1;
    kept.params.value[PARAM_MIN_TENDER_DAYS] = 30;
    compact_state_on(&kept, d("2026-12-02"), &s);
    assert_int_equal(compact_upkeep(&kept, &s, 3, 0), 0);
    /* its review overdue, and an activity with a step to take */
    compact_state_on(&kept, d("2028-04-02"), &s);
    assert_int_equal(compact_upkeep(&kept, &s, 3, 2),
                     UPKEEP_REVIEW_OVERDUE | UPKEEP_FINDINGS_PENDING);
    /* an inactive Compact is not kept: only pending steps of its activities remain */
    bare.statuses = &ended;
    compact_state_on(&bare, d("2026-12-02"), &s);
    assert_int_equal(compact_upkeep(&bare, &s, 0, 0), 0);
    assert_int_equal(compact_upkeep(&bare, &s, 0, 1), UPKEEP_FINDINGS_PENDING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
