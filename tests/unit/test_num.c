/* base/num: the one strict reader of whole numbers, over a table. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "base/err.h"
#include "base/num.h"

static void test_num_whole(void **state)
{
    static const struct {
        const char *s;
        long long lo, hi;
        int ok;
        long long want;
    } cases[] = {
        {"5", 1, 1000, 1, 5},
        {"007", 1, 1000, 1, 7},
        {"1000", 1, 1000, 1, 1000},
        {"0", 0, 10, 1, 0},
        {"9223372036854775807", 0, LLONG_MAX, 1, LLONG_MAX},
        {"9223372036854775808", 0, LLONG_MAX, 0, 0},
        {"99999999999999999999", 0, LLONG_MAX, 0, 0},
        {"0", 1, 1000, 0, 0},
        {"1001", 1, 1000, 0, 0},
        {"", 1, 1000, 0, 0},
        {" 5", 1, 1000, 0, 0},
        {"5 ", 1, 1000, 0, 0},
        {"\t5", 1, 1000, 0, 0},
        {"\n5", 1, 1000, 0, 0},
        {"+5", 1, 1000, 0, 0},
        {"-5", 0, 1000, 0, 0},
        {"-0", 0, 1000, 0, 0},
        {"0x5", 0, 1000, 0, 0},
        {"5e2", 0, 1000, 0, 0},
        {"5.0", 0, 1000, 0, 0},
        {"\xd9\xa5", 0, 1000, 0, 0}, /* ARABIC-INDIC DIGIT FIVE */
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        long long v = -1;
        int ret = num_whole(cases[i].s, cases[i].lo, cases[i].hi, &v);
        if (ret != (cases[i].ok ? 0 : ERR_INVALID) || v != cases[i].want) {
            fail_msg("'%s': returned %d, value %lld", cases[i].s, ret, v);
        }
    }
    {
        long long v = -1;
        assert_int_equal(num_whole(NULL, 0, 10, &v), ERR_INVALID);
        assert_int_equal(v, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_num_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
