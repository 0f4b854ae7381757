/* The growable string of buf.h. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

char buf_empty[1];

void buf_init(struct buf *b, size_t max)
{
    b->data = buf_empty;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : BUF_MAX_DEFAULT;
    b->failed = 0;
}

void buf_release(struct buf *b)
{
    size_t max = b->max;
    if (b->cap) {
        free(b->data);
    }
    buf_init(b, max);
}

void buf_reset(struct buf *b)
{
    b->failed = 0;
    b->len = 0;
    if (b->cap) {
        b->data[0] = '\0';
    }
}

char *buf_detach(struct buf *b, size_t *len)
{
    char *p;
    if (len) {
        *len = b->len;
    }
    p = b->cap ? b->data : xstrdup("");
    buf_init(b, b->max);
    return p;
}

void buf_grow(struct buf *b, size_t extra)
{
    size_t want, cap;
    if (b->failed) {
        return;
    }
    if (extra > b->max - b->len) {
        b->failed = 1;
        return;
    }
    want = b->len + extra + 1;
    if (want <= b->cap) {
        return;
    }
    cap = b->cap ? b->cap : 64;
    while (cap < want) {
        cap = st_mult(cap, 2);
    }
    if (b->cap) {
        b->data = xrealloc(b->data, cap);
    } else {
        b->data = xmalloc(cap);
        b->data[0] = '\0';
    }
    b->cap = cap;
}

void buf_add_grow(struct buf *b, const void *p, size_t len)
{
    buf_grow(b, len);
    if (b->failed || !len) {
        return;
    }
    memcpy(b->data + b->len, p, len);
    b->len += len;
    b->data[b->len] = '\0';
}

/* Whether c is an unreserved URL character (RFC 3986): A-Z a-z 0-9 - . _ ~ */
static int unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

void buf_add_url(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s) {
        return;
    }
    for (;;) { /* a run of unreserved bytes at once, then one encoded */
        const char *run = s;
        unsigned char c;
        while (unreserved((unsigned char)*s)) {
            s++;
        }
        buf_add(b, run, (size_t)(s - run));
        if (!(c = (unsigned char)*s++)) {
            return;
        }
        buf_add(b, (char[3]){'%', hex[c >> 4], hex[c & 15]}, 3);
    }
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n;
    if (b->failed) {
        return;
    }
    va_copy(cp, ap);
    buf_grow(b, 64);
    if (b->failed) {
        va_end(cp);
        return;
    }
    n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    if (n < 0) {
        b->failed = 1;
        b->data[b->len] = '\0';
    } else if ((size_t)n >= b->cap - b->len) {
        buf_grow(b, (size_t)n);
        if (!b->failed) {
            n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, cp);
            if (n < 0) {
                b->failed = 1;
                b->data[b->len] = '\0';
            } else {
                b->len += (size_t)n;
            }
        }
    } else {
        b->len += (size_t)n;
    }
    va_end(cp);
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(b, fmt, ap);
    va_end(ap);
}

void buf_insert(struct buf *b, size_t at, const void *p, size_t len)
{
    if (at > b->len) {
        at = b->len;
    }
    buf_grow(b, len);
    if (b->failed || !len) {
        return;
    }
    memmove(b->data + at + len, b->data + at, b->len - at + 1); /* with the NUL */
    memcpy(b->data + at, p, len);
    b->len += len;
}

void buf_truncate(struct buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}
