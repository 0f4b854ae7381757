/*
 * Allocation that never returns NULL: running out of memory ends the program with a message
 * (after git's xmalloc). st_mult/st_add die on size_t overflow instead of wrapping.
 */
#ifndef BASE_XALLOC_H
#define BASE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* A copy of the NUL-terminated s; the caller frees it. */
char *xstrdup(const char *s);
/* A NUL-terminated copy of the len bytes at s; the caller frees it. */
char *xmemdupz(const void *s, size_t len);
size_t st_mult(size_t a, size_t b);
size_t st_add(size_t a, size_t b);
/* Print "fatal: ..." to stderr and exit(1). */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
