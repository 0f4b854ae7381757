/* app/db: naming the database in a message never shows a password. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "app/db.h"

static void test_shown(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"var/compact.db", "var/compact.db"},
        {"postgresql://compact:s3cret@db.example:5432/compact?sslmode=require",
         "postgresql://db.example:5432/compact"},
        {"postgres://u@host/db", "postgres://host/db"},
        {"postgresql://host/db?password=s3cret", "postgresql://host/db"},
        {"postgresql:///db?host=/run/pg&password=s3cret", "postgresql:///db"},
        {"postgresql://a:b@", "postgresql://"},
    };
    char out[DB_SHOWN_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = db_shown(cases[i].in, out);
        if (strcmp(got, cases[i].want)) {
            fail_msg("'%s' shown as '%s', not '%s'", cases[i].in, got, cases[i].want);
        }
        assert_null(strstr(got, "s3cret"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
