/*
 * Looking at bytes eight at a time (in a 64-bit word, in portable C): for the scanners that run
 * over large files (base/utf8.c, codec/json_split.c, codec/json_tree.c), where most bytes are
 * plain text that changes nothing.
 */
#ifndef BASE_BYTES_H
#define BASE_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BYTES_ONES  0x0101010101010101ULL
#define BYTES_HIGHS 0x8080808080808080ULL

static inline uint64_t bytes_load8(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof(v));
    return v;
}

/* Non-zero when some byte of v is zero (exactly: no false answer either way). */
static inline uint64_t bytes_has_zero(uint64_t v)
{
    return (v - BYTES_ONES) & ~v & BYTES_HIGHS;
}

/* Non-zero when some byte of v is less than c, c at most 128 (exactly, as bytes_has_zero). */
static inline uint64_t bytes_has_less(uint64_t v, unsigned char c)
{
    return (v - BYTES_ONES * c) & ~v & BYTES_HIGHS;
}

/* Non-zero when some byte of v is c. */
static inline uint64_t bytes_has(uint64_t v, unsigned char c)
{
    return bytes_has_zero(v ^ (BYTES_ONES * c));
}

/* How many bytes of p[0..n) come before the first that is a, b or c (n when none is). */
static inline size_t bytes_span3(const unsigned char *p, size_t n, unsigned char a, unsigned char b,
                                 unsigned char c)
{
    size_t i = 0;
    while (n - i >= 8) {
        uint64_t v = bytes_load8(p + i);
        if (bytes_has(v, a) | bytes_has(v, b) | bytes_has(v, c)) {
            break;
        }
        i += 8;
    }
    while (i < n && p[i] != a && p[i] != b && p[i] != c) {
        i++;
    }
    return i;
}

#endif
