/* Credentials in requests, the password policy, emails, and the keyed hashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
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
        {"compact_session=abc; compact_device=n.m", 0, "abc"}, /* the device cookie beside it */
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

/* The schedule of waits after failed sign-ins: free within the allowance, then doubling. */
static void test_login_delay(void **state)
{
    static const struct {
        enum login_scope scope;
        long long failures, delay;
    } cases[] = {
        {LOGIN_ACCOUNT, -1, 0},
        {LOGIN_ACCOUNT, 0, 0},
        {LOGIN_ACCOUNT, 9, 0},
        {LOGIN_ACCOUNT, 10, 0}, /* the tenth failure still costs nothing */
        {LOGIN_ACCOUNT, 11, 1},
        {LOGIN_ACCOUNT, 12, 2},
        {LOGIN_ACCOUNT, 13, 4},
        {LOGIN_ACCOUNT, 14, 8},
        {LOGIN_ACCOUNT, 20, 512},
        {LOGIN_ACCOUNT, 21, LOGIN_DELAY_MAX}, /* 1024 s would pass the cap */
        {LOGIN_ACCOUNT, 22, LOGIN_DELAY_MAX},
        {LOGIN_ACCOUNT, 1000000, LOGIN_DELAY_MAX},
        {LOGIN_ACCOUNT, 0x7fffffffffffffffLL, LOGIN_DELAY_MAX},
        {LOGIN_DEVICE, 10, 0},
        {LOGIN_DEVICE, 11, 1},
        {LOGIN_DEVICE, 15, 16},
        {LOGIN_ADDRESS, 11, 0}, /* a shared address is not held back by one account's */
        {LOGIN_ADDRESS, 100, 0},
        {LOGIN_ADDRESS, 101, 1},
        {LOGIN_ADDRESS, 103, 4},
        {LOGIN_ADDRESS, 200, LOGIN_DELAY_MAX},
    };
    (void)state;
    assert_true(LOGIN_DELAY_MAX >= 60 && LOGIN_DELAY_MAX <= 60 * 60); /* minutes, not hours */
    assert_true(login_allowance(LOGIN_ADDRESS) >= 5 * login_allowance(LOGIN_ACCOUNT));
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        long long got = login_delay(cases[i].scope, cases[i].failures);
        if (got != cases[i].delay) {
            fail_msg("scope %d, %lld failures: waits %lld s, not %lld s", (int)cases[i].scope,
                     cases[i].failures, got, cases[i].delay);
        }
    }
    /* never shorter after one more failure */
    for (long long n = 0; n < 300; n++) {
        assert_true(login_delay(LOGIN_ACCOUNT, n + 1) >= login_delay(LOGIN_ACCOUNT, n));
    }
}

/* How long from now, given the last failure's time. */
static void test_login_wait(void **state)
{
    (void)state;
    assert_int_equal(login_wait(LOGIN_ACCOUNT, 10, 1000, 1000), 0);
    assert_int_equal(login_wait(LOGIN_ACCOUNT, 11, 1000, 1000), 1);
    assert_int_equal(login_wait(LOGIN_ACCOUNT, 11, 1000, 1001), 0);
    assert_int_equal(login_wait(LOGIN_ACCOUNT, 13, 1000, 1001), 3);
    assert_int_equal(login_wait(LOGIN_ACCOUNT, 13, 1000, 1004), 0);
    assert_int_equal(login_wait(LOGIN_ACCOUNT, 30, 1000, 1000 + LOGIN_DELAY_MAX - 1), 1);
    assert_int_equal(login_wait(LOGIN_ACCOUNT, 30, 1000, 1000 + LOGIN_DELAY_MAX), 0);
    assert_int_equal(login_wait(LOGIN_ADDRESS, 30, 1000, 1000), 0);
    assert_int_equal(login_wait(LOGIN_ACCOUNT, 0, 0, 1000), 0); /* no failure at all */
}

/* A device token names its account and key, and a changed character spoils it. */
static void test_device_token(void **state)
{
    unsigned char k1[SECRET_BYTES] = {1}, k2[SECRET_BYTES] = {2};
    char a[DEVICE_TEXT], b[DEVICE_TEXT], bad[DEVICE_TEXT], cookie[DEVICE_TEXT + 64];
    (void)state;
    assert_int_equal(crypto_start(), 0);
    device_token_new(k1, "owner@example.org", a);
    device_token_new(k1, "owner@example.org", b);
    assert_int_equal(strlen(a), DEVICE_TEXT - 1);
    assert_string_not_equal(a, b); /* a new nonce each time */
    assert_true(device_token_valid(k1, "owner@example.org", a));
    assert_true(device_token_valid(k1, "owner@example.org", b));
    assert_false(device_token_valid(k1, "other@example.org", a));
    assert_false(device_token_valid(k2, "owner@example.org", a));
    assert_null(strstr(a, "owner")); /* it does not show whose it is */
    for (size_t i = 0; i < DEVICE_TEXT - 1; i++) {
        memcpy(bad, a, sizeof(bad));
        bad[i] = bad[i] == 'A' ? 'B' : 'A';
        assert_false(device_token_valid(k1, "owner@example.org", bad));
    }
    memcpy(bad, a, sizeof(bad));
    bad[DEVICE_TEXT - 2] = '\0';
    assert_false(device_token_valid(k1, "owner@example.org", bad));
    assert_false(device_token_valid(k1, "owner@example.org", ""));
    /* it survives the trip through a Cookie header */
    assert_true(snprintf(cookie, sizeof(cookie), "compact_session=x; %s=%s", DEVICE_COOKIE, a) <
                (int)sizeof(cookie));
    assert_int_equal(cookie_value(cookie, DEVICE_COOKIE, b, sizeof(b)), 0);
    assert_string_equal(a, b);
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
        cmocka_unit_test(test_login_delay),
        cmocka_unit_test(test_login_wait),
        cmocka_unit_test(test_device_token),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
