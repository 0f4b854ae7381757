/*
 * libFuzzer target for core/norm.h. The input is a candidate date, yes/no or amount. An accepted
 * date is a real "YYYY-MM-DD" (or, partial, "YYYY"/"YYYY-MM") that is the input's own first ten
 * bytes when the input is ISO, and the same day, month and year when it is the dd/mm/yyyy quirk;
 * a refusal leaves "" and no quirk. An accepted amount formats to text that reads back to the
 * same pence; yes/no answers are exactly "Yes" and "No" without a quirk.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/date.h"
#include "base/err.h"
#include "core/norm.h"
#include "base/banned.h"

static long number(const char *s, size_t n)
{
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static void check_date(const char *s, size_t size, unsigned flags)
{
    char out[DATE_STRLEN + 1];
    int quirk = -1;
    date_t d;
    int ret = norm_date(s, size, flags, out, &quirk);

    if (ret != 0) {
        CHECK(ret == ERR_INVALID);
        CHECK(out[0] == '\0' && quirk == 0);
        return;
    }
    if (strlen(out) != DATE_STRLEN) {
        CHECK(flags & NORM_PARTIAL);
        CHECK(!quirk);
        CHECK(strlen(out) == size && memcmp(out, s, size) == 0);
        return;
    }
    CHECK(date_parse(out, DATE_STRLEN, &d) == 0);
    if (!quirk) {
        CHECK(size >= DATE_STRLEN && memcmp(out, s, DATE_STRLEN) == 0);
        CHECK(size == DATE_STRLEN || s[DATE_STRLEN] == 'T');
    } else {
        const char *a = memchr(s, '/', size), *b = memchr(a + 1, '/', size - (size_t)(a + 1 - s));
        int y, m, day;
        date_to_ymd(d, &y, &m, &day);
        CHECK(number(s, (size_t)(a - s)) == day);
        CHECK(number(a + 1, (size_t)(b - a - 1)) == m);
        CHECK(number(b + 1, 4) == y && s + size == b + 5);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    int64_t pence, again;
    int value = -1, quirk = -1;

    check_date(s, size, 0);
    check_date(s, size, NORM_PARTIAL);

    if (norm_amount_text(s, size, &pence) == 0) {
        char text[32];
        norm_amount_format(pence, text);
        CHECK(norm_amount_text(text, strlen(text), &again) == 0 && again == pence);
        CHECK(pence <= NORM_AMOUNT_MAX && pence >= -NORM_AMOUNT_MAX);
    } else {
        CHECK(pence == 0);
    }
    if (size >= sizeof(double)) {
        double v;
        memcpy(&v, data, sizeof(v));
        if (norm_amount_number(v, &pence) == 0) {
            CHECK(pence <= NORM_AMOUNT_MAX && pence >= -NORM_AMOUNT_MAX);
        }
    }

    if (norm_yesno(s, size, &value, &quirk) == 0) {
        CHECK(value == 0 || value == 1);
        CHECK(quirk ==
              !((size == 3 && !memcmp(s, "Yes", 3)) || (size == 2 && !memcmp(s, "No", 2))));
    } else {
        CHECK(value == 0 && quirk == 0);
    }
    return 0;
}
