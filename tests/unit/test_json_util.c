/* codec's shared JSON pieces: the list envelope and the reading of a body as an object. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "codec/json.h"
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

/* Whether value, written into w, is as cJSON prints o ({"k": value}), which it frees; w emptied. */
static void expect_as_cjson(struct buf *w, cJSON *o)
{
    struct buf b = BUF_INIT, whole = BUF_INIT;

    json_print(&b, o);
    buf_adds(&whole, "{\"k\":");
    buf_add(&whole, w->data, w->len);
    buf_addc(&whole, '}');
    assert_string_equal(whole.data, b.data);
    buf_release(&b);
    buf_release(&whole);
    buf_reset(w);
}

/* The writers straight into a buf give cJSON_PrintUnformatted's very bytes: every byte value in
 * a string, NULL, whole numbers, the list's envelope. */
static void test_writers_match_cjson(void **state)
{
    char every[256];
    const char *strings[] = {every,
                             "",
                             "plain",
                             "quote \" back \\ slash",
                             "\b\f\n\r\t\x01\x1f\x7f",
                             "caf\xc3\xa9 \xe2\x80\x94",
                             NULL};
    const long long ints[] = {
        0, 1, -1, 42, 2147483647, -2147483648LL, 3000000000LL, 999999999999999LL};
    struct buf b = BUF_INIT, w = BUF_INIT;
    (void)state;

    for (int i = 1; i < 256; i++) {
        every[i - 1] = (char)i;
    }
    every[255] = '\0';
    for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        cJSON *o = json_must(cJSON_CreateObject());
        json_add_str(o, "k", strings[i]);
        json_w_str(&w, strings[i]);
        expect_as_cjson(&w, o);
    }
    /* one byte that is or is not escaped at every place of a run read eight bytes at a time */
    for (size_t k = 0; k < 20; k++) {
        static const char special[] = "\"\\\n\x1f\x7f\x80\xff ~";
        for (size_t j = 0; j < sizeof(special) - 1; j++) {
            char text[24];
            cJSON *o = json_must(cJSON_CreateObject());
            memset(text, 'a', sizeof(text));
            text[k] = special[j];
            text[21] = '\0';
            json_add_str(o, "k", text);
            json_w_str(&w, text);
            expect_as_cjson(&w, o);
        }
    }
    for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
        cJSON *o = json_must(cJSON_CreateObject());
        json_add_int(o, "k", ints[i]);
        json_w_int(&w, ints[i]);
        expect_as_cjson(&w, o);
    }
    json_w_list_start(&b, 3);
    json_w_str(&b, "a");
    json_w_list_end(&b, "c2");
    assert_string_equal(b.data, "{\"total\":3,\"items\":[\"a\"],\"next\":\"c2\"}");
    buf_reset(&b);
    json_w_list_start(&b, 0);
    json_w_list_end(&b, NULL);
    assert_string_equal(b.data, "{\"total\":0,\"items\":[],\"next\":null}");
    buf_release(&b);
    buf_release(&w);
}

/* The API's list writes each authority straight into the reply, with room made once: the very
 * bytes of the one authority's object (cJSON's), whatever its strings hold and sets say. */
static void test_authority_item_as_object(void **state)
{
    static const char every_byte[] = "\x01\x08\t\n\x0c\r\x1f \"\\/caf\xc3\xa9\x7f";
    const struct authority cases[] = {
        {.gss = "E07000240",
         .code = "SAL",
         .name = "St Albans",
         .official_name = "St Albans City and District Council",
         .type = AUTH_DISTRICT,
         .county_gss = "E10000015",
         .region = "East of England",
         .start_date = "1974-04-01",
         .gss_2011 = "E07000100",
         .sets = AUTH_IN_2012 | AUTH_IN_CURRENT},
        {.gss = "E06000028",
         .code = "BMH",
         .name = "Bournemouth",
         .official_name = "",
         .type = AUTH_UNITARY,
         .region = "South West",
         .end_date = "2019-03-31",
         .sets = AUTH_IN_2012},
        {.gss = "E0\"\\\n",
         .code = every_byte,
         .name = every_byte,
         .official_name = every_byte,
         .type = AUTH_LONDON_BOROUGH,
         .region = every_byte,
         .start_date = every_byte,
         .sets = AUTH_IN_CURRENT},
        {.gss = "E09000001",
         .code = "LND",
         .name = "City of London",
         .official_name = "x",
         .type = AUTH_LONDON_BOROUGH,
         .region = "London",
         .sets = 0},
    };
    struct buf one = BUF_INIT, item = BUF_INIT;
    (void)state;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        buf_reset(&one);
        buf_reset(&item);
        json_authority(&one, &cases[i]);
        buf_adds(&item, "x"); /* after what the buf holds already */
        json_authority_item(&item, &cases[i]);
        assert_string_equal(item.data + 1, one.data);
    }
    buf_release(&one);
    buf_release(&item);
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
    struct arena a;
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *field = "stale", *why = "stale";
        cJSON *root = NULL;
        int ret = json_parse_object(cases[i].text, strlen(cases[i].text), &a, &root, &field, &why);
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
    arena_release(&a);
}

#define NOT_UTF8 "is not valid UTF-8 text"
#define HAS_NUL  "contains a NUL character (\\u0000), which text may not"
#define HALF_PAIR                                                                                  \
    "contains half of a surrogate pair (\\ud800 to \\udfff) alone, which is not a character"
#define NAME_THAT "has a field name that "
#define TEXT(s)   s, sizeof(s) - 1

static int same(const char *a, const char *b)
{
    return a && b ? !strcmp(a, b) : a == b;
}

/*
 * The one check of a body's text: each case a body (its length given, for NULs), and the field
 * and reason of the refusal, or NULL when the text is fine.
 */
static void test_text_check(void **state)
{
    static const struct {
        const char *text;
        size_t len;
        const char *field, *why;
    } cases[] = {
        /* well-formed text, however it is written */
        {TEXT("{\"name\":\"Trafford\"}"), NULL, NULL},
        {TEXT("{\"name\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}"), NULL, NULL},
        {TEXT("{\"name\":\"\\ud83d\\ude00 \\u00e9 \\uFFFF \\udbff\\udfff\"}"), NULL, NULL},
        {TEXT("{\"name\":\"\\\\u0000 is a backslash and u0000\"}"), NULL, NULL},
        {TEXT("{\"name\":\"\\\"\\u0041\\n\\t\"}"), NULL, NULL},
        {TEXT("{\"a\":[1,true,null,{\"b\":\"\"}]}\n"), NULL, NULL},
        {TEXT(""), NULL, NULL},
        /* bad bytes as sent: stray, overlong, a surrogate, past U+10FFFF, cut short */
        {TEXT("{\"name\":\"a\xff"
              "b\"}"),
         "name", NOT_UTF8},
        {TEXT("{\"name\":\"\x80\"}"), "name", NOT_UTF8},
        {TEXT("{\"name\":\"\xc0\xaf\"}"), "name", NOT_UTF8},
        {TEXT("{\"name\":\"\xe0\x80\xaf\"}"), "name", NOT_UTF8},
        {TEXT("{\"name\":\"\xed\xa0\x80\"}"), "name", NOT_UTF8},
        {TEXT("{\"name\":\"\xf4\x90\x80\x80\"}"), "name", NOT_UTF8},
        {TEXT("{\"name\":\"\xe2\x82\"}"), "name", NOT_UTF8},
        {TEXT("{\"name\":\"\xe2\x82"), "name", NOT_UTF8},
        /* NUL, as sent or escaped, in the middle or at the end */
        {TEXT("{\"name\":\"a\0b\"}"), "name", HAS_NUL},
        {TEXT("{\"status_date\":\"2023-01-01\\u0000\"}"), "status_date", HAS_NUL},
        {TEXT("{\"status_date\":\"2023\\u0000-01-01\"}"), "status_date", HAS_NUL},
        {TEXT("{\"name\":\"\\u0000\"}"), "name", HAS_NUL},
        /* half a surrogate pair: alone, at the end, before something else, the wrong way round */
        {TEXT("{\"name\":\"\\ud800\"}"), "name", HALF_PAIR},
        {TEXT("{\"name\":\"a\\uD800b\"}"), "name", HALF_PAIR},
        {TEXT("{\"name\":\"\\ud800\\u0041\"}"), "name", HALF_PAIR},
        {TEXT("{\"name\":\"\\ud800\\ud800\"}"), "name", HALF_PAIR},
        {TEXT("{\"name\":\"\\udc00\"}"), "name", HALF_PAIR},
        {TEXT("{\"name\":\"\\ude00\\ud83d\"}"), "name", HALF_PAIR},
        /* named by its path */
        {TEXT("{\"name\":\"ok\",\"contacts\":[{\"name\":\"ok\"},{\"role\":\"x\",\"name\":"
              "\"\\u0000\"}]}"),
         "contacts.1.name", HAS_NUL},
        {TEXT("{\"activity\":{\"kind\":\"consultation\",\"formal\":true,\"x\":\"\\ud800\"}}"),
         "activity.x", HALF_PAIR},
        {TEXT("{\"authorities\":[\"E08000009\",\"E0\xff\"]}"), "authorities.1", NOT_UTF8},
        {TEXT("{\"a\\\"b\":\"\xff\"}"), "a\\\"b", NOT_UTF8},
        {TEXT("[\"ok\",\"\xff\"]"), "1", NOT_UTF8},
        {TEXT("\"\xff\""), "body", NOT_UTF8},
        /* a field's name: its object is named */
        {TEXT("{\"na\\u0000me\":\"x\"}"), "body", NAME_THAT HAS_NUL},
        {TEXT("{\"activity\":{\"kind\":\"x\",\"\xff\":1}}"), "activity", NAME_THAT NOT_UTF8},
        /* outside the strings, and deeper than paths are followed */
        {TEXT("{\"a\":1}\xff"), "body", NOT_UTF8},
        {TEXT("{\"a\":1}\0"), "body", HAS_NUL},
        {TEXT("{\"a\":\0 1}"), "body", HAS_NUL},
        {TEXT("{\"a\":[[[[[[[[[[[[[[[[[[\"\xff\"]]]]]]]]]]]]]]]]]]}"), "body", NOT_UTF8},
    };
    struct arena a;
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *field = "stale", *why = "stale";
        int ret = json_text_check(cases[i].text, cases[i].len, &a, &field, &why);
        if (ret != (cases[i].field ? ERR_INVALID : 0) || !same(field, cases[i].field) ||
            !same(why, cases[i].why)) {
            fail_msg("case %zu: %d, field %s, why %s", i, ret, field ? field : "NULL",
                     why ? why : "NULL");
        }
    }
    arena_release(&a);
}

/* A refusal of the text reads as a sentence naming the field, and nothing is parsed. */
static void test_parse_object_checks_text(void **state)
{
    static const char text[] = "{\"status\":\"active\",\"status_date\":\"2023-01-01\\u0000\"}";
    const char *field, *why;
    cJSON *root = (cJSON *)text;
    struct arena a;
    (void)state;
    arena_init(&a);
    assert_int_equal(json_parse_object(text, sizeof(text) - 1, &a, &root, &field, &why),
                     ERR_INVALID);
    assert_null(root);
    assert_string_equal(field, "status_date");
    assert_string_equal(why, "status_date " HAS_NUL ".");
    arena_release(&a);
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
        cmocka_unit_test(test_writers_match_cjson),
        cmocka_unit_test(test_authority_item_as_object),
        cmocka_unit_test(test_parse_object),
        cmocka_unit_test(test_fail_sets_both),
        cmocka_unit_test(test_text_check),
        cmocka_unit_test(test_parse_object_checks_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
