/*
 * libFuzzer target for the credential parsing of http/auth.h: cookie_value, bearer_token,
 * secret_text_valid and local_path_valid. The first input byte picks the size of the output
 * buffer (1 to 256 bytes, allocated exactly so ASan sees any write past it); the rest, up to a
 * NUL, is a Cookie header, an Authorization header, a secret and a next= path in turn.
 *
 * Beyond "no crash under ASan/UBSan" it checks each answer against a reference written again
 * here from the header's contract (RFC 6265 cookie pairs; "Bearer" SP token; 43 base64url
 * characters; a local path), that outputs are NUL-terminated within their size and free of
 * control characters, that a path accepted can never become "//host" or "/\host" (browsers drop
 * tab, CR and LF from URLs), and round trips: a value built from the input and put in well-formed
 * headers comes back out whole, or is refused as too long exactly when it does not fit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/err.h"
#include "http/auth.h"
#include "base/banned.h"

static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static int sp(char c)
{
    return c == ' ' || c == '\t';
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* An output buffer of exactly size bytes, filled with junk the function must not leave. */
static char *out_new(size_t size)
{
    char *out = malloc(size);
    CHECK(out != NULL);
    memset(out, 0xA5, size);
    return out;
}

/* NUL-terminated within size; on a refusal, empty. */
static void check_out(const char *out, size_t size, int rc)
{
    CHECK(memchr(out, '\0', size) != NULL);
    CHECK(rc == 0 || rc == ERR_NOT_FOUND || rc == ERR_INVALID);
    if (rc != 0) {
        CHECK(out[0] == '\0');
    }
}

/* A cookie-octet of RFC 6265: visible ASCII but DQUOTE, comma, semicolon and backslash. */
static int cookie_octet(unsigned char c)
{
    return c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\';
}

/*
 * Reference cookie_value: the pairs are separated by ';', each with optional leading spaces or
 * tabs; the first pair whose name is exactly name decides. Its value loses trailing whitespace
 * and one pair of surrounding double quotes, and must then be cookie-octets that fit in size.
 */
static int ref_cookie(const char *h, const char *name, size_t size, const char **val, size_t *vlen)
{
    size_t nlen = strlen(name);
    const char *p = h;

    while (*p) {
        const char *end = strchr(p, ';'), *eq, *v, *ve;
        if (!end) {
            end = p + strlen(p);
        }
        while (p < end && sp(*p)) {
            p++;
        }
        eq = memchr(p, '=', (size_t)(end - p));
        if (eq && (size_t)(eq - p) == nlen && memcmp(p, name, nlen) == 0) {
            v = eq + 1;
            ve = end;
            while (ve > v && sp(ve[-1])) {
                ve--;
            }
            if (ve - v >= 2 && v[0] == '"' && ve[-1] == '"') {
                v++;
                ve--;
            }
            if ((size_t)(ve - v) + 1 > size) {
                return ERR_INVALID;
            }
            for (const char *q = v; q < ve; q++) {
                if (!cookie_octet((unsigned char)*q)) {
                    return ERR_INVALID;
                }
            }
            *val = v;
            *vlen = (size_t)(ve - v);
            return 0;
        }
        p = *end ? end + 1 : end;
    }
    return ERR_NOT_FOUND;
}

/*
 * Reference bearer_token: optional whitespace, "Bearer" in any case, then the end or at least one
 * space or tab, then the token up to trailing whitespace: non-empty, visible ASCII, fitting in
 * size. Anything not starting so is another scheme.
 */
static int ref_bearer(const char *h, size_t size, const char **val, size_t *vlen)
{
    const char *p = h, *e;
    static const char scheme[] = "bearer";

    while (sp(*p)) {
        p++;
    }
    for (size_t i = 0; i < 6; i++) {
        if (lower((unsigned char)p[i]) != scheme[i]) {
            return ERR_NOT_FOUND;
        }
    }
    if (p[6] && !sp(p[6])) {
        return ERR_NOT_FOUND; /* "Bearer" alone is the scheme with no token: invalid */
    }
    p += 6;
    while (sp(*p)) {
        p++;
    }
    e = p + strlen(p);
    while (e > p && sp(e[-1])) {
        e--;
    }
    if (e == p || (size_t)(e - p) + 1 > size) {
        return ERR_INVALID;
    }
    for (const char *q = p; q < e; q++) {
        if ((unsigned char)*q <= 0x20 || (unsigned char)*q >= 0x7f) {
            return ERR_INVALID;
        }
    }
    *val = p;
    *vlen = (size_t)(e - p);
    return 0;
}

static int ref_secret(const char *s)
{
    size_t n = strlen(s);
    return n == 43 && strspn(s, B64URL) == n;
}

static int ref_local_path(const char *s)
{
    if (s[0] != '/' || s[1] == '/' || s[1] == '\\') {
        return 0;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            return 0;
        }
    }
    return strlen(s) < 2048;
}

static void check_cookie(const char *h, const char *name, size_t size)
{
    char *out = out_new(size);
    const char *want = NULL;
    size_t wlen = 0;
    int rc = cookie_value(h, name, out, size);
    int ref = ref_cookie(h, name, size, &want, &wlen);

    check_out(out, size, rc);
    CHECK(rc == ref);
    if (rc == 0) {
        CHECK(strlen(out) == wlen && memcmp(out, want, wlen) == 0);
        for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
            CHECK(cookie_octet(*p));
        }
    }
    free(out);
}

static void check_bearer(const char *h, size_t size)
{
    char *out = out_new(size);
    const char *want = NULL;
    size_t wlen = 0;
    int rc = bearer_token(h, out, size);
    int ref = ref_bearer(h, size, &want, &wlen);

    check_out(out, size, rc);
    CHECK(rc == ref);
    if (rc == 0) {
        CHECK(out[0] != '\0');
        CHECK(strlen(out) == wlen && memcmp(out, want, wlen) == 0);
        for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
            CHECK(*p > 0x20 && *p < 0x7f);
        }
    }
    free(out);
}

static void check_local_path(const char *s)
{
    int ok = local_path_valid(s);

    CHECK(ok == 0 || ok == 1);
    CHECK(ok == ref_local_path(s));
    if (ok) {
        /* What a browser makes of it: tab, CR and LF removed, backslash read as slash. */
        char first = 0, second = 0;
        size_t n = 0;
        for (const char *p = s; *p && n < 2; p++) {
            if (*p == '\t' || *p == '\r' || *p == '\n') {
                continue;
            }
            if (n++ == 0) {
                first = *p;
            } else {
                second = *p == '\\' ? '/' : *p;
            }
        }
        CHECK(first == '/' && second != '/');
    }
}

/* A growing string. */
struct str {
    char *s;
    size_t len, cap;
};

static void add(struct str *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        CHECK(b->s != NULL);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void adds(struct str *b, const char *s)
{
    add(b, s, strlen(s));
}

/* A well-formed header pre + v + post must give v back, or ERR_INVALID when v does not fit. */
static void roundtrip(const char *pre, const char *v, const char *post, size_t size, int bearer,
                      int want_found)
{
    struct str h = {0};
    char *out = out_new(size);
    int rc;

    adds(&h, pre);
    adds(&h, v);
    adds(&h, post);
    rc = bearer ? bearer_token(h.s, out, size) : cookie_value(h.s, SESSION_COOKIE, out, size);
    check_out(out, size, rc);
    if (!want_found) {
        CHECK(rc == ERR_NOT_FOUND);
    } else if (strlen(v) + 1 > size || (bearer && !*v)) {
        CHECK(rc == ERR_INVALID);
    } else {
        CHECK(rc == 0);
        CHECK(strcmp(out, v) == 0);
    }
    free(out);
    free(h.s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t out_size, n;
    char *s, *v;

    if (size == 0) {
        CHECK(local_path_valid(NULL) == 0);
        return 0;
    }
    out_size = 1 + (size_t)data[0];
    data++;
    size--;
    s = malloc(size + 1);
    CHECK(s != NULL);
    memcpy(s, data, size);
    s[size] = '\0'; /* headers stop at the first NUL, as a C string would */

    check_cookie(s, SESSION_COOKIE, out_size);
    check_cookie(s, CSRF_FIELD, out_size);
    check_cookie(s, "a", out_size);
    check_bearer(s, out_size);
    CHECK(secret_text_valid(s) == ref_secret(s));
    check_local_path(s);

    /* The same bytes made into a valid value: it must come through every well-formed header. */
    n = strlen(s);
    v = malloc(n + 1);
    CHECK(v != NULL);
    for (size_t i = 0; i < n; i++) {
        v[i] = B64URL[(unsigned char)s[i] & 63];
    }
    v[n] = '\0';
    CHECK(secret_text_valid(v) == (n == 43));
    roundtrip(SESSION_COOKIE "=", v, "", out_size, 0, 1);
    roundtrip("a=b; " SESSION_COOKIE "=\"", v, "\"; c=d", out_size, 0, 1);
    roundtrip(" \t;; other=2 ;" SESSION_COOKIE "=", v, " \t", out_size, 0, 1);
    roundtrip(SESSION_COOKIE "_x=1; x" SESSION_COOKIE "=2;" SESSION_COOKIE "=", v, ";", out_size, 0,
              1);
    roundtrip("x" SESSION_COOKIE "=", v, "", out_size, 0, 0);
    roundtrip("Bearer ", v, "", out_size, 1, 1);
    roundtrip(" \tbEaReR\t\t", v, "  ", out_size, 1, 1);
    roundtrip("Basic ", v, "", out_size, 1, 0);
    if (*v) {
        roundtrip("Bearer", v, "", out_size, 1, 0); /* "BearerTOKEN" is another scheme */
    }
    /* A path made of the value is local; put behind "//" or "/\" it never is. */
    {
        struct str p = {0};
        adds(&p, "/");
        adds(&p, v);
        CHECK(local_path_valid(p.s) == (n + 1 < 2048));
        p.len = 0;
        adds(&p, "//");
        adds(&p, v);
        CHECK(!local_path_valid(p.s));
        p.len = 0;
        adds(&p, "/\\");
        adds(&p, v);
        CHECK(!local_path_valid(p.s));
        free(p.s);
    }
    free(v);
    free(s);
    return 0;
}
