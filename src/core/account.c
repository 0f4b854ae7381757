/* Roles, email addresses and the password policy. */
#include "account.h"

#include <string.h>
#include <strings.h>

#include "base/err.h"
#include "base/banned.h"

/*
 * Common passwords of 12 or more characters, as they appear at the top of published lists of
 * breached passwords, with the obvious variants. Compared without regard to case.
 */
static const char *const common[] = {
    "123456789012",   "1234567890123",    "12345678901234", "123456789123",     "1234567891011",
    "111111111111",   "000000000000",     "123123123123",   "121212121212",     "987654321098",
    "qwertyuiop12",   "qwertyuiopas",     "qwertyuiop123",  "qwerty123456",     "1q2w3e4r5t6y",
    "1qaz2wsx3edc",   "zaq12wsxcde3",     "asdfghjkl123",   "zxcvbnm12345",     "qazwsxedcrfv",
    "password1234",   "password12345",    "password123456", "passwordpassword", "password1!23",
    "Password1234",   "Password123!",     "p@ssw0rd1234",   "passw0rd1234",     "mypassword123",
    "iloveyou1234",   "iloveyou12345",    "letmein12345",   "welcome12345",     "welcome123456",
    "changeme1234",   "changeme12345",    "administrator",  "administrator1",   "admin1234567",
    "adminadmin12",   "abc123456789",     "abcdefghijkl",   "abcdefgh1234",     "abcd12345678",
    "aaaaaaaaaaaa",   "trustno1trustno1", "football1234",   "baseball1234",     "liverpool123",
    "arsenal12345",   "chelsea12345",     "manchester123",  "sunshine1234",     "princess1234",
    "superman1234",   "starwars1234",     "dragon123456",   "monkey123456",     "shadow123456",
    "master123456",   "football12345",    "computer1234",   "internet1234",     "whatever1234",
    "qwerty12345678", "1234qwerasdf",     "1234567890qwe",  "q1w2e3r4t5y6",     "a1b2c3d4e5f6",
    "compacthub123",  "compact12345",     "voluntary123",   "community123",     "council12345",
    "summer2024!!",   "winter2024!!",     "spring2025!!",   "autumn2025!!",     "january2025!",
    "london123456",   "england12345",     "unitedkingdom",  "greatbritain1",    "onetwothreefour",
};

const char *role_id(enum role r)
{
    switch (r) {
    case ROLE_ADMIN:
        return "admin";
    case ROLE_COORDINATOR:
        return "coordinator";
    case ROLE_MEMBER:
        return "member";
    default:
        return "public";
    }
}

const char *role_label(enum role r)
{
    switch (r) {
    case ROLE_ADMIN:
        return "Administrator";
    case ROLE_COORDINATOR:
        return "Compact coordinator";
    case ROLE_MEMBER:
        return "Member of an organisation";
    default:
        return "Member of the public";
    }
}

int role_parse(const char *s, enum role *out)
{
    static const enum role roles[] = {ROLE_ADMIN, ROLE_COORDINATOR, ROLE_MEMBER};
    for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
        if (!strcmp(s, role_id(roles[i]))) {
            *out = roles[i];
            return 0;
        }
    }
    *out = ROLE_PUBLIC;
    return ERR_INVALID;
}

int email_is_valid(const char *s)
{
    const char *at = strchr(s, '@');
    size_t len = strlen(s);
    if (!at || at == s || strchr(at + 1, '@') || len > 254 || !strchr(at + 1, '.') ||
        at[1] == '.' || s[len - 1] == '.') {
        return 0;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>' || *p == '"' || *p == ',') {
            return 0;
        }
    }
    return 1;
}

/* Characters, not bytes: UTF-8 continuation bytes do not count. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += ((unsigned char)*s & 0xc0) != 0x80;
    }
    return n;
}

int password_acceptable(const char *pw, const char **why)
{
    *why = NULL;
    if (utf8_chars(pw) < PASSWORD_MIN_CHARS) {
        *why = "Password must be 12 characters or more";
        return ERR_INVALID;
    }
    for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++) {
        if (!strcasecmp(pw, common[i])) {
            *why = "Password is too common: choose one that is harder to guess";
            return ERR_INVALID;
        }
    }
    return 0;
}

long long login_allowance(enum login_scope scope)
{
    switch (scope) {
    case LOGIN_DEVICE:
    case LOGIN_ACCOUNT:
        return 10;
    case LOGIN_ADDRESS:
        /* high: a council's whole office may share one address */
        return 100;
    }
    return 0;
}

long long login_delay(enum login_scope scope, long long failures)
{
    long long beyond = failures - login_allowance(scope), delay = 1;
    if (beyond <= 0) {
        return 0;
    }
    for (long long i = 1; i < beyond && delay < LOGIN_DELAY_MAX; i++) {
        delay *= 2;
    }
    return delay < LOGIN_DELAY_MAX ? delay : LOGIN_DELAY_MAX;
}

long long login_wait(enum login_scope scope, long long failures, long long last, long long now)
{
    long long until = last + login_delay(scope, failures);
    return until > now ? until - now : 0;
}
