/* Credentials in requests, the password policy, emails, and the keyed hashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "http/auth.h"
#include "core/account.h"
#include "core/crypto.h"
#include "base/err.h"

static void test_cookie_value(void **state)
{
    static const struct {
        const char *header;
        int ret;
        const char *value;
    } cases[] = {
        {"compact_session=abc", 0, "abc"},
        {"a=1; compact_session=abc; b=2", 0, "abc"},
        {"  compact_session = x", ERR_NOT_FOUND, ""}, /* the name is exact */
        {"compact_session=\"abc\"", 0, "abc"},
        {"xcompact_session=abc", ERR_NOT_FOUND, ""},
        {"compact_sessionx=abc", ERR_NOT_FOUND, ""},
        {"a=1;b=2", ERR_NOT_FOUND, ""},
        {"", ERR_NOT_FOUND, ""},
        {"compact_session=a b", ERR_INVALID, ""},
        {"compact_session=a\\b", ERR_INVALID, ""},
        {"compact_session=", 0, ""},
        {"compact_session=0123456789012345678901234567890123456789012345678901234567890123456789",
         ERR_INVALID, ""},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[64];
        int ret = cookie_value(cases[i].header, SESSION_COOKIE, out, sizeof(out));
        assert_int_equal(ret, cases[i].ret);
        if (ret == 0) {
            assert_string_equal(out, cases[i].value);
        }
    }
}

static void test_bearer_token(void **state)
{
    char out[64];
    (void)state;
    assert_int_equal(bearer_token("Bearer abc", out, sizeof(out)), 0);
    assert_string_equal(out, "abc");
    assert_int_equal(bearer_token("bearer   abc  ", out, sizeof(out)), 0);
    assert_string_equal(out, "abc");
    assert_int_equal(bearer_token("Basic dXNlcjpwYXNz", out, sizeof(out)), ERR_NOT_FOUND);
    assert_int_equal(bearer_token("Bearer", out, sizeof(out)), ERR_INVALID); /* no token */
    assert_int_equal(bearer_token("Bearer ", out, sizeof(out)), ERR_INVALID);
    assert_int_equal(bearer_token("Bearer a\x01", out, sizeof(out)), ERR_INVALID);
    assert_int_equal(bearer_token("BearerX abc", out, sizeof(out)), ERR_NOT_FOUND);
}

static void test_secret_text_and_paths(void **state)
{
    char s[SECRET_TEXT], t[SECRET_TEXT];
    (void)state;
    assert_int_equal(crypto_start(), 0);
    secret_new(s);
    secret_new(t);
    assert_int_equal(strlen(s), 43);
    assert_true(secret_text_valid(s));
    assert_string_not_equal(s, t);
    assert_false(secret_text_valid("short"));
    assert_false(secret_text_valid("0123456789012345678901234567890123456789+/="));
    assert_true(local_path_valid("/account"));
    assert_true(local_path_valid("/authorities?set=2012"));
    assert_false(local_path_valid("//evil.example/"));
    assert_false(local_path_valid("/\\evil.example/"));
    assert_false(local_path_valid("https://evil.example/"));
    assert_false(local_path_valid("/a\r\nSet-Cookie: x=1"));
    assert_false(local_path_valid(NULL));
}

static void test_keyed_hash_depends_on_key_and_context(void **state)
{
    unsigned char k1[SECRET_BYTES] = {1}, k2[SECRET_BYTES] = {2};
    unsigned char a[SECRET_HASH_BYTES], b[SECRET_HASH_BYTES], c[SECRET_HASH_BYTES],
        d[SECRET_HASH_BYTES];
    (void)state;
    secret_hash(k1, "session", "x", a);
    secret_hash(k1, "session", "x", b);
    secret_hash(k2, "session", "x", c);
    secret_hash(k1, "api_token", "x", d);
    assert_true(secret_equal(a, b, sizeof(a)));
    assert_false(secret_equal(a, c, sizeof(a)));
    assert_false(secret_equal(a, d, sizeof(a)));
}

static void test_password_policy_and_hash(void **state)
{
    const char *why;
    char hash[PASSWORD_HASH_MAX];
    (void)state;
    assert_int_equal(password_acceptable("short", &why), ERR_INVALID);
    assert_non_null(strstr(why, "12 characters"));
    assert_int_equal(password_acceptable("password1234", &why), ERR_INVALID);
    assert_non_null(strstr(why, "common"));
    assert_int_equal(password_acceptable("PASSWORD1234", &why), ERR_INVALID);
    /* 12 characters of which some take two bytes: characters count, not bytes */
    assert_int_equal(password_acceptable("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9xx", &why),
                     ERR_INVALID);
    assert_int_equal(password_acceptable("correct horse battery", &why), 0);
    assert_int_equal(password_hash("correct horse battery", hash), 0);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_int_equal(password_verify(hash, "correct horse battery"), 0);
    assert_int_equal(password_verify(hash, "correct horse batterY"), ERR_INVALID);
    assert_int_equal(password_verify("not a hash", "x"), ERR_INVALID);
}

static void test_email_and_roles(void **state)
{
    enum role r;
    (void)state;
    assert_true(email_is_valid("coordinator@trafford.gov.uk"));
    assert_false(email_is_valid("no-at-sign"));
    assert_false(email_is_valid("a@b"));
    assert_false(email_is_valid("@b.org"));
    assert_false(email_is_valid("a@@b.org"));
    assert_false(email_is_valid("a b@c.org"));
    assert_false(email_is_valid("a@b.org."));
    assert_int_equal(role_parse("coordinator", &r), 0);
    assert_int_equal(r, ROLE_COORDINATOR);
    assert_int_equal(role_parse("public", &r), ERR_INVALID);
    assert_int_equal(role_parse("Admin", &r), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cookie_value),
        cmocka_unit_test(test_bearer_token),
        cmocka_unit_test(test_secret_text_and_paths),
        cmocka_unit_test(test_keyed_hash_depends_on_key_and_context),
        cmocka_unit_test(test_password_policy_and_hash),
        cmocka_unit_test(test_email_and_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
