/*
 * libFuzzer target for base/utf8.h. utf8_check's verdict is checked against a decoder written out
 * again here from RFC 3629's definition (decode each sequence to its code point, then refuse
 * overlong forms, surrogates, values past U+10FFFF and NUL), including where the first fault is.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "base/err.h"
#include "base/utf8.h"
#include "base/banned.h"

/* The length of the valid sequence at s[0..n) by the definition, or 0. */
static size_t ref_seq(const uint8_t *s, size_t n)
{
    size_t len;
    uint32_t cp, min;

    if (s[0] < 0x80) {
        return s[0] ? 1 : 0;
    } else if ((s[0] & 0xe0) == 0xc0) {
        len = 2, cp = s[0] & 0x1f, min = 0x80;
    } else if ((s[0] & 0xf0) == 0xe0) {
        len = 3, cp = s[0] & 0x0f, min = 0x800;
    } else if ((s[0] & 0xf8) == 0xf0) {
        len = 4, cp = s[0] & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            return 0;
        }
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return 0;
    }
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t i = 0, bad = (size_t)-1, got_bad = (size_t)-1;
    int rc = utf8_check((const char *)data, size, &got_bad);

    while (i < size) {
        size_t n = ref_seq(data + i, size - i);
        if (!n) {
            bad = i;
            break;
        }
        i += n;
    }
    if (bad == (size_t)-1) {
        CHECK(rc == 0);
    } else {
        CHECK(rc == ERR_INVALID);
        CHECK(got_bad == bad);
    }
    return 0;
}
