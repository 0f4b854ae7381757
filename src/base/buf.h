/*
 * struct buf: a growable byte string (after git's strbuf and curl's dynbuf).
 *
 * Invariants: data is never NULL and always NUL-terminated, so a fresh or failed buf reads as "";
 * len never exceeds max. Appends return nothing: the first failure (growing past max) sticks,
 * later appends are ignored, and the caller checks once with buf_failed(). Out of memory is fatal.
 */
#ifndef BASE_BUF_H
#define BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
    char *data;
    size_t len;
    size_t cap; /* 0 while data points at the shared empty string */
    size_t max; /* most bytes the buf may hold, not counting the NUL */
    int failed;
};

#define BUF_MAX_DEFAULT ((size_t)64 << 20)
#define BUF_INIT                                                                                   \
    {                                                                                              \
        buf_empty, 0, 0, BUF_MAX_DEFAULT, 0                                                        \
    }

extern char buf_empty[];

/* Start an empty buf that may grow to max bytes (0 means BUF_MAX_DEFAULT). */
void buf_init(struct buf *b, size_t max);
/* Free the memory; b is left as after buf_init with the same max. */
void buf_release(struct buf *b);
/* Empty b, keeping its memory and clearing a failure. */
void buf_reset(struct buf *b);
/* Hand the bytes to the caller, who frees them; b is left empty. Never NULL. */
char *buf_detach(struct buf *b, size_t *len);
/* Make room for extra more bytes; sets failed if that would pass max. */
void buf_grow(struct buf *b, size_t extra);

/* Append len bytes of p (buf_add_grow when they need room). Pages are written a few bytes at a
 * time, thousands of times a page: the usual case, room enough, is inline. */
void buf_add_grow(struct buf *b, const void *p, size_t len);
static inline void buf_add(struct buf *b, const void *p, size_t len)
{
    if (len < b->cap - b->len && len <= b->max - b->len && !b->failed) {
        memcpy(b->data + b->len, p, len);
        b->len += len;
        b->data[b->len] = '\0';
    } else {
        buf_add_grow(b, p, len);
    }
}
/* s whole (its length known when compiled, for a literal) */
static inline void buf_adds(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}
static inline void buf_addc(struct buf *b, char c)
{
    buf_add(b, &c, 1);
}
/* s as one URL component (a path segment or a query value): every byte but the unreserved
 * A-Z a-z 0-9 - . _ ~ percent-encoded, so the result is safe in an HTML attribute too. NULL
 * appends nothing. */
void buf_add_url(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Cut b to len bytes (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);
/* len bytes of p put in at offset at (at most b's length), what followed moved after them. */
void buf_insert(struct buf *b, size_t at, const void *p, size_t len);

static inline int buf_failed(const struct buf *b)
{
    return b->failed;
}

#endif
