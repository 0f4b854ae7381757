/* codec's shared JSON pieces: the list envelope and the reading of a body as an object. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "codec/json_util.h"
#include "base/err.h"

static void test_list_envelope(void **state)
{
    struct buf b = BUF_INIT;
    cJSON *items, *root = json_list_new(3, &items);
    (void)state;
    assert_true(cJSON_AddItemToArray(items, json_must(cJSON_CreateString("a"))));
    json_list_print(&b, root, "c2");
    assert_string_equal(b.data, "{\"total\":3,\"items\":[\"a\"],\"next\":\"c2\"}");
    buf_reset(&b);
    root = json_list_new(0, &items);
    json_list_print(&b, root, NULL);
    assert_string_equal(b.data, "{\"total\":0,\"items\":[],\"next\":null}");
    buf_release(&b);
}

static void test_parse_object(void **state)
{
    static const struct {
        const char *text;
        int ret;
    } cases[] = {
        {"{\"a\":1}", 0},       {"{}", 0},          {"[1]", ERR_INVALID},
        {"\"s\"", ERR_INVALID}, {"{", ERR_INVALID}, {"", ERR_INVALID},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *field = "stale", *why = "stale";
        cJSON *root = NULL;
        int ret = json_parse_object(cases[i].text, strlen(cases[i].text), &root, &field, &why);
        assert_int_equal(ret, cases[i].ret);
        if (ret == 0) {
            assert_true(cJSON_IsObject(root));
            assert_null(field);
            assert_null(why);
        } else {
            assert_string_equal(field, "body");
            assert_string_equal(why, "The body must be a JSON object.");
        }
        cJSON_Delete(root);
    }
}

static void test_fail_sets_both(void **state)
{
    const char *field = NULL, *why = NULL;
    (void)state;
    assert_int_equal(json_fail(&field, &why, "name", "too long"), ERR_INVALID);
    assert_string_equal(field, "name");
    assert_string_equal(why, "too long");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_envelope),
        cmocka_unit_test(test_parse_object),
        cmocka_unit_test(test_fail_sets_both),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
