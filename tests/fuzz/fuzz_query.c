/*
 * libFuzzer target for the form-urlencoded parser of http/query.h. The input is one query string.
 * Beyond "no crash under ASan/UBSan" it checks query_parse and url_decode against a small
 * reference decoder written from the header's contract, so a wrong decode or a wrong accept or
 * reject fails too: text that is not UTF-8 once decoded (%C0%AF, a raw 0xFF, a cut sequence) is
 * refused, and a refusal names the parameter at fault (or none) with a message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/utf8.h"
#include "http/query.h"
#include "base/banned.h"

static int hex(uint8_t c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20; /* ASCII letters to lower case */
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decode s[0..len) into out (room for len bytes); the decoded length, or -1 where url_decode
 * must fail. */
static long ref_decode(const uint8_t *s, size_t len, int plus, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = s[i];
        if (c == '%') {
            if (len - i < 3 || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) {
                return -1;
            }
            c = (uint8_t)(hex(s[i + 1]) << 4 | hex(s[i + 2]));
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == 0x7f || (c < 0x20 && c != '\t' && c != '\r' && c != '\n')) {
            return -1; /* NUL and the other control characters */
        }
        out[n++] = (char)c;
    }
    return utf8_check(out, n, NULL) < 0 ? -1 : (long)n; /* text, as base/utf8.h defines it */
}

/* A decoded string: NUL-terminated UTF-8, no NUL or control character except tab, CR and LF. */
static void check_clean(const char *s)
{
    CHECK(s != NULL);
    CHECK(utf8_check(s, strlen(s), NULL) == 0);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        CHECK(*p >= 0x20 || *p == '\t' || *p == '\r' || *p == '\n');
        CHECK(*p != 0x7f);
    }
}

static void check_url_decode(const uint8_t *data, size_t size, int plus, struct arena *arena,
                             char *want)
{
    char *out = (char *)data; /* must become NULL on failure */
    long n = ref_decode(data, size, plus, want);
    int rc = url_decode((const char *)data, size, plus, arena, &out);

    if (n < 0) {
        CHECK(rc == ERR_INVALID);
        CHECK(out == NULL);
        return;
    }
    CHECK(rc == 0);
    check_clean(out);
    CHECK(strlen(out) == (size_t)n);
    CHECK(memcmp(out, want, (size_t)n) == 0);
}

/* Compare query_parse with the pairs the reference finds; returns 0 when the reference says the
 * whole string must be refused. */
static int check_pairs(const uint8_t *data, size_t size, const struct query *q, char *want)
{
    size_t i = 0, k = 0;

    while (i < size) {
        const uint8_t *pair = data + i, *amp = memchr(pair, '&', size - i), *eq;
        size_t plen = amp ? (size_t)(amp - pair) : size - i, nlen;
        long n;

        i += plen + 1;
        if (plen == 0) {
            continue;
        }
        if (k == QUERY_MAX_PARAMS) {
            return 0;
        }
        eq = memchr(pair, '=', plen);
        nlen = eq ? (size_t)(eq - pair) : plen;
        n = ref_decode(pair, nlen, 1, want);
        if (n < 0) {
            return 0;
        }
        if (q) {
            CHECK(strlen(q->params[k].name) == (size_t)n);
            CHECK(memcmp(q->params[k].name, want, (size_t)n) == 0);
        }
        n = eq ? ref_decode(eq + 1, plen - nlen - 1, 1, want) : 0;
        if (n < 0) {
            return 0;
        }
        if (q) {
            CHECK(strlen(q->params[k].value) == (size_t)n);
            CHECK(memcmp(q->params[k].value, want, (size_t)n) == 0);
        }
        k++;
    }
    if (q) {
        CHECK(q->n == k);
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena arena;
    struct query q;
    char *want = malloc(size + 1);
    int rc, ok;

    CHECK(want != NULL);
    arena_init(&arena);

    memset(&q, 0xA5, sizeof(q)); /* the parser must set n whatever it held */
    rc = query_parse((const char *)data, size, &arena, &q);
    ok = check_pairs(data, size, NULL, want);
    if (rc == 0) {
        CHECK(ok);
        CHECK(!q.error.field && !q.error.message);
        CHECK(q.n <= QUERY_MAX_PARAMS);
        for (size_t i = 0; i < q.n; i++) {
            check_clean(q.params[i].name);
            check_clean(q.params[i].value);
        }
        check_pairs(data, size, &q, want);
        if (q.n > 0) { /* query_get answers the first of equal names */
            const char *v = query_get(&q, q.params[q.n - 1].name);
            size_t first = 0;
            while (strcmp(q.params[first].name, q.params[q.n - 1].name) != 0) {
                first++;
            }
            CHECK(v == q.params[first].value);
        }
        { /* a date input "d": a date in range, blank, or refused, and nothing else */
            date_t day = 1;
            int y, m, dd, r = read_date(&q, "d", NULL, NULL, &day, NULL);
            CHECK(r == 0 || r == 1 || r == ERR_INVALID);
            if (r == 0) {
                date_to_ymd(day, &y, &m, &dd);
                CHECK(y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR);
            } else {
                CHECK(day == 0);
            }
        }
    } else {
        CHECK(rc == ERR_INVALID);
        CHECK(!ok);
        CHECK(q.n == 0);
        CHECK(q.error.message && *q.error.message);
        if (q.error.field) { /* a decoded name, to show in a problem or an error summary */
            CHECK(*q.error.field);
            check_clean(q.error.field);
            CHECK(!strncmp(q.error.message, q.error.field, strlen(q.error.field)));
        }
    }
    CHECK(query_get(&q, "\x01") == NULL); /* no decoded name can hold a control character */

    check_url_decode(data, size, 0, &arena, want);
    check_url_decode(data, size, 1, &arena, want);

    arena_release(&arena);
    free(want);
    return 0;
}
