/*
 * Credentials in requests: the session cookie and the Authorization header. Pure parsing (no
 * libevent, no database) so the fuzz target can drive it alone.
 */
#ifndef HTTP_AUTH_H
#define HTTP_AUTH_H

#include <stddef.h>

#define SESSION_COOKIE "compact_session"
#define CSRF_FIELD     "csrf_token"
/* A browser that has signed in to an account keeps its device token (core/crypto.h) here,
 * sent to /login only, for a year: it keeps that browser's own allowance of failures. */
#define DEVICE_COOKIE         "compact_device"
#define DEVICE_COOKIE_MAX_AGE (365LL * 24 * 60 * 60)

/*
 * Copy the value of cookie name from a Cookie header into out (size bytes with the NUL).
 * 0, ERR_NOT_FOUND when absent, ERR_INVALID when present but malformed or too long.
 */
int cookie_value(const char *header, const char *name, char *out, size_t size);
/*
 * Copy the token of an "Authorization: Bearer TOKEN" header into out. 0, ERR_NOT_FOUND when
 * the header is of another scheme, ERR_INVALID when malformed, too long or empty ("Bearer").
 */
int bearer_token(const char *header, char *out, size_t size);
/* Whether s is a secret as secret_new makes them: 43 base64url characters. */
int secret_text_valid(const char *s);
/*
 * Whether next is safe to send a person to after signing in: a path on this site ("/..."), not
 * "//host" nor "/\host", with no control characters.
 */
int local_path_valid(const char *next);

#endif
