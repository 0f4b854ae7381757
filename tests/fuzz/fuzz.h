/* What every fuzz target shares: libFuzzer's entry point and a check that aborts with its place. */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/*
 * Whether a reader of JSON bodies must refuse data for its text alone, by a reference simpler
 * than json_text_check (codec/json_util.h): bytes that are not UTF-8 or a NUL anywhere, or the
 * escape \u0000 inside a string (which cJSON would read as the string's end).
 */
static inline int fuzz_json_text_bad(const uint8_t *data, size_t size)
{
    int in_string = 0;

    if (utf8_check((const char *)data, size, NULL) < 0) {
        return 1;
    }
    for (size_t i = 0; i < size; i++) {
        if (data[i] == '"') {
            in_string = !in_string;
        } else if (in_string && data[i] == '\\') {
            if (size - i >= 6 && !memcmp(data + i + 1, "u0000", 5)) {
                return 1;
            }
            i++; /* the escaped character */
        }
    }
    return 0;
}

#endif
