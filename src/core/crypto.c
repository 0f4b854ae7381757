/* libsodium behind the few functions the program needs. */
#include "crypto.h"

#include <sodium.h>
#include <string.h>

#include "base/err.h"
#include "base/banned.h"

int crypto_start(void)
{
    return sodium_init() < 0 ? ERR_IO : 0;
}

void secret_random(void *out, size_t n)
{
    randombytes_buf(out, n);
}

static void to_text(const unsigned char *bin, size_t n, char out[SECRET_TEXT])
{
    sodium_bin2base64(out, SECRET_TEXT, bin, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void secret_new(char out[SECRET_TEXT])
{
    unsigned char bin[SECRET_BYTES];
    randombytes_buf(bin, sizeof(bin));
    to_text(bin, sizeof(bin), out);
    sodium_memzero(bin, sizeof(bin));
}

void secret_hash(const unsigned char key[SECRET_BYTES], const char *context, const char *text,
                 unsigned char out[SECRET_HASH_BYTES])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, key, SECRET_BYTES, SECRET_HASH_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)context, strlen(context) + 1);
    crypto_generichash_update(&st, (const unsigned char *)text, strlen(text));
    crypto_generichash_final(&st, out, SECRET_HASH_BYTES);
}

void secret_hash_text(const unsigned char key[SECRET_BYTES], const char *context, const char *text,
                      char out[SECRET_TEXT])
{
    unsigned char h[SECRET_HASH_BYTES];
    secret_hash(key, context, text, h);
    to_text(h, sizeof(h), out);
}

/* The MAC of a device token: nonce (SECRET_TEXT - 1 characters) and account under key. */
static void device_mac(const unsigned char key[SECRET_BYTES], const char *nonce,
                       const char *account, char out[SECRET_TEXT])
{
    unsigned char h[SECRET_HASH_BYTES];
    crypto_generichash_state st;
    crypto_generichash_init(&st, key, SECRET_BYTES, sizeof(h));
    crypto_generichash_update(&st, (const unsigned char *)"device", sizeof("device"));
    crypto_generichash_update(&st, (const unsigned char *)nonce, SECRET_TEXT - 1);
    crypto_generichash_update(&st, (const unsigned char *)account, strlen(account));
    crypto_generichash_final(&st, h, sizeof(h));
    to_text(h, sizeof(h), out);
}

void device_token_new(const unsigned char key[SECRET_BYTES], const char *account,
                      char out[DEVICE_TEXT])
{
    secret_new(out);
    out[SECRET_TEXT - 1] = '.';
    device_mac(key, out, account, out + SECRET_TEXT);
}

int device_token_valid(const unsigned char key[SECRET_BYTES], const char *account,
                       const char *token)
{
    char mac[SECRET_TEXT];
    if (strlen(token) != DEVICE_TEXT - 1 || token[SECRET_TEXT - 1] != '.') {
        return 0;
    }
    device_mac(key, token, account, mac);
    return sodium_memcmp(mac, token + SECRET_TEXT, SECRET_TEXT - 1) == 0;
}

int secret_equal(const void *a, const void *b, size_t n)
{
    return sodium_memcmp(a, b, n) == 0;
}

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
    char h[crypto_pwhash_STRBYTES];
    _Static_assert(crypto_pwhash_STRBYTES <= PASSWORD_HASH_MAX, "password hash fits");
    if (crypto_pwhash_str(h, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return ERR_IO;
    }
    memcpy(out, h, sizeof(h));
    return 0;
}

int password_verify(const char *hash, const char *pw)
{
    char h[crypto_pwhash_STRBYTES] = {0};
    size_t len = strlen(hash);
    if (len >= sizeof(h)) {
        return ERR_INVALID;
    }
    memcpy(h, hash, len);
    return crypto_pwhash_str_verify(h, pw, strlen(pw)) == 0 ? 0 : ERR_INVALID;
}

void password_verify_dummy(const char *pw)
{
    /* An Argon2id hash with the interactive limits, of a password nobody has. */
    static const char dummy[crypto_pwhash_STRBYTES] =
        "$argon2id$v=19$m=65536,t=2,p=1$of3SzF5ySk0QwuVc5+uZWg$"
        "kNf+uDAru+reC9XjlwmbJ25zD87L6EQd/8BC7jmxq38";
    if (crypto_pwhash_str_verify(dummy, pw, strlen(pw)) == 0) {
        return; /* nobody knows it; the time spent is the point */
    }
}

void sha256_hex(const void *data, size_t len, char out[SHA256_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, SHA256_HEX, h, sizeof(h));
}
