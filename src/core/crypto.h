/*
 * Secrets, through libsodium: random tokens, keyed hashes that stand for them in the database,
 * Argon2id password hashes, constant-time comparison. The one place that includes sodium.h.
 */
#ifndef CORE_CRYPTO_H
#define CORE_CRYPTO_H

#include <stddef.h>

#define SECRET_BYTES      32 /* a session's or token's secret, and the server's key */
#define SECRET_TEXT       44 /* its base64url text and a NUL */
#define SECRET_HASH_BYTES 32 /* what the database keeps instead */
#define PASSWORD_HASH_MAX 128

/* Start libsodium; 0, or ERR_IO when the system has no randomness to give. */
int crypto_start(void);
/* n random bytes. */
void secret_random(void *out, size_t n);
/* A new secret as text (base64url, 43 characters). */
void secret_new(char out[SECRET_TEXT]);
/*
 * The keyed hash (BLAKE2b) of context and text under key: what the database keeps for a
 * session or token, and what a CSRF token is made from. Contexts keep the uses apart.
 */
void secret_hash(const unsigned char key[SECRET_BYTES], const char *context, const char *text,
                 unsigned char out[SECRET_HASH_BYTES]);
/* The same as base64url text. */
void secret_hash_text(const unsigned char key[SECRET_BYTES], const char *context, const char *text,
                      char out[SECRET_TEXT]);
/*
 * A device token (OWASP's "device cookie"): what a browser that has signed in to an account
 * keeps, "NONCE.MAC", a random nonce and the keyed hash of it with the account's name (its
 * email in lower case), so the token names the account without showing it. DEVICE_TEXT holds
 * one and a NUL.
 */
#define DEVICE_TEXT (2 * SECRET_TEXT)
/* A new device token for account under key. */
void device_token_new(const unsigned char key[SECRET_BYTES], const char *account,
                      char out[DEVICE_TEXT]);
/* Whether token was made by device_token_new for account under key (constant time). */
int device_token_valid(const unsigned char key[SECRET_BYTES], const char *account,
                       const char *token);
/* Compare n bytes in time that does not depend on where they differ; 1 when equal. */
int secret_equal(const void *a, const void *b, size_t n);

/* Hash a password with Argon2id (interactive limits) into out; 0 or ERR_IO (out of memory). */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* 0 when pw matches hash, else ERR_INVALID. */
int password_verify(const char *hash, const char *pw);
/* Spend the time a verification takes, for an unknown account, so timing tells nothing. */
void password_verify_dummy(const char *pw);

#define SHA256_HEX 65 /* a SHA-256 as 64 lower-case hex digits and a NUL */
/* The SHA-256 of data[0..len) as hex: what a stored document is known by (crypto_hash_sha256). */
void sha256_hex(const void *data, size_t len, char out[SHA256_HEX]);

#endif
