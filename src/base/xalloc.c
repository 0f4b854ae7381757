/* Checked allocation: out of memory and size overflow are fatal. */
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

_Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fatal: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        die("out of memory allocating %zu bytes", n);
    }
    return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (!p) {
        die("out of memory allocating %zu * %zu bytes", nmemb, size);
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        die("out of memory allocating %zu bytes", n);
    }
    return q;
}

char *xmemdupz(const void *s, size_t len)
{
    char *p = xmalloc(st_add(len, 1));
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xmemdupz(s, strlen(s));
}

size_t st_mult(size_t a, size_t b)
{
    if (b && a > (size_t)-1 / b) {
        die("size overflow: %zu * %zu", a, b);
    }
    return a * b;
}

size_t st_add(size_t a, size_t b)
{
    if (a > (size_t)-1 - b) {
        die("size overflow: %zu + %zu", a, b);
    }
    return a + b;
}
