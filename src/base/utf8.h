/*
 * UTF-8: the one validator every input path uses (JSON bodies, forms, imports, the command
 * line). Well-formed means RFC 3629: no stray continuation bytes, no overlong forms, no
 * surrogates (U+D800 to U+DFFF), nothing past U+10FFFF, no sequence cut short.
 */
#ifndef BASE_UTF8_H
#define BASE_UTF8_H

#include <stddef.h>

/*
 * The length (1 to 4) of the well-formed sequence at s[0..avail), or 0 when there is none
 * there (a bad byte, or a sequence cut short by avail).
 */
size_t utf8_seq(const unsigned char *s, size_t avail);

/*
 * 0 when s[0..len) is well-formed UTF-8 with no NUL byte (text for a person: a NUL would cut
 * it short in C and in the database); else ERR_INVALID and, when bad is not NULL, the offset of
 * the first byte at fault in *bad.
 */
int utf8_check(const char *s, size_t len, size_t *bad);

/* Whether the sequence of n bytes at p is a control character (C0, DEL or C1). */
int utf8_is_control(const unsigned char *p, size_t n);

#endif
