/* Dates, yes/no answers and amounts as open data files write them. */
#include "norm.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/banned.h"

static int digits(const char *s, size_t n, int *out)
{
    *out = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        *out = *out * 10 + (s[i] - '0');
    }
    return 1;
}

/* "HH:MM[:SS[.f+]][Z|(+|-)HH:MM]" */
static int time_valid(const char *s, size_t len)
{
    int h, m, sec;
    size_t i = 5;
    if (len < 5 || !digits(s, 2, &h) || s[2] != ':' || !digits(s + 3, 2, &m) || h > 24 || m > 59) {
        return 0;
    }
    if (i < len && s[i] == ':') {
        if (len < i + 3 || !digits(s + i + 1, 2, &sec) || sec > 60) {
            return 0;
        }
        i += 3;
        if (i < len && s[i] == '.') {
            size_t start = ++i;
            while (i < len && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
            if (i == start) {
                return 0;
            }
        }
    }
    if (i == len) {
        return 1;
    }
    if (s[i] == 'Z') {
        return i + 1 == len;
    }
    if (s[i] == '+' || s[i] == '-') {
        return len == i + 6 && digits(s + i + 1, 2, &h) && s[i + 3] == ':' &&
               digits(s + i + 4, 2, &m) && h <= 23 && m <= 59;
    }
    return 0;
}

static int ymd_ok(int y, int m, int d)
{
    return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 && m <= 12 && d >= 1 &&
           d <= date_days_in_month(y, m);
}

int norm_date(const char *s, size_t len, unsigned flags, char out[DATE_STRLEN + 1], int *quirk)
{
    int y, m, d;
    date_t day;

    out[0] = '\0';
    *quirk = 0;
    if (len >= DATE_STRLEN && s[4] == '-' && date_parse(s, DATE_STRLEN, &day) == 0) {
        if (len == DATE_STRLEN || (len > DATE_STRLEN + 1 && s[DATE_STRLEN] == 'T' &&
                                   time_valid(s + DATE_STRLEN + 1, len - DATE_STRLEN - 1))) {
            date_format(day, out);
            return 0;
        }
        return ERR_INVALID;
    }
    if ((flags & NORM_PARTIAL) && (len == 4 || (len == 7 && s[4] == '-'))) {
        if (digits(s, 4, &y) && y >= DATE_MIN_YEAR &&
            (len == 4 || (digits(s + 5, 2, &m) && m >= 1 && m <= 12))) {
            memcpy(out, s, len);
            out[len] = '\0';
            return 0;
        }
        return ERR_INVALID;
    }
    /* dd/mm/yyyy, day and month of one or two digits */
    {
        const char *a = memchr(s, '/', len), *b;
        size_t dl, ml;
        if (!a) {
            return ERR_INVALID;
        }
        b = memchr(a + 1, '/', len - (size_t)(a + 1 - s));
        if (!b) {
            return ERR_INVALID;
        }
        dl = (size_t)(a - s);
        ml = (size_t)(b - a - 1);
        if (dl < 1 || dl > 2 || ml < 1 || ml > 2 || len - (size_t)(b + 1 - s) != 4 ||
            !digits(s, dl, &d) || !digits(a + 1, ml, &m) || !digits(b + 1, 4, &y) ||
            !ymd_ok(y, m, d)) {
            return ERR_INVALID;
        }
        date_format(date_from_ymd(y, m, d), out);
        *quirk = 1;
        return 0;
    }
}

static int same_fold(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (len != n) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (c != word[i]) {
            return 0;
        }
    }
    return 1;
}

int norm_yesno(const char *s, size_t len, int *value, int *quirk)
{
    static const struct {
        const char *word;
        int value;
    } words[] = {{"yes", 1}, {"no", 0}, {"y", 1}, {"n", 0}, {"true", 1}, {"false", 0}};

    *value = 0;
    *quirk = 0;
    if ((len == 3 && !memcmp(s, "Yes", 3)) || (len == 2 && !memcmp(s, "No", 2))) {
        *value = len == 3;
        return 0;
    }
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (same_fold(s, len, words[i].word)) {
            *value = words[i].value;
            *quirk = 1;
            return 0;
        }
    }
    return ERR_INVALID;
}

int norm_amount_text(const char *s, size_t len, int64_t *pence)
{
    size_t i = 0, ndigits = 0, group = 0;
    int neg = 0, commas = 0;
    int64_t whole = 0, frac = 0;

    *pence = 0;
    if (i < len && s[i] == '-') {
        neg = 1;
        i++;
    }
    for (; i < len && s[i] != '.'; i++) {
        if (s[i] == ',') {
            /* a comma separates groups of three, after at least one digit */
            if (!ndigits || (commas && group != 3) || (!commas && group > 3)) {
                return ERR_INVALID;
            }
            commas = 1;
            group = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9') {
            return ERR_INVALID;
        }
        if (whole > NORM_AMOUNT_MAX / 1000) {
            return ERR_INVALID;
        }
        whole = whole * 10 + (s[i] - '0');
        ndigits++;
        group++;
    }
    if (!ndigits || (commas && group != 3)) {
        return ERR_INVALID;
    }
    if (i < len) { /* the decimals */
        size_t places = 0;
        for (i++; i < len; i++, places++) {
            if (s[i] < '0' || s[i] > '9') {
                return ERR_INVALID;
            }
            if (places < 2) {
                frac = frac * 10 + (s[i] - '0');
            } else if (s[i] != '0') {
                return ERR_INVALID;
            }
        }
        if (!places) {
            return ERR_INVALID;
        }
        if (places == 1) {
            frac *= 10;
        }
    }
    if (whole > (NORM_AMOUNT_MAX - frac) / 100) {
        return ERR_INVALID;
    }
    *pence = (whole * 100 + frac) * (neg ? -1 : 1);
    return 0;
}

int norm_amount_number(double v, int64_t *pence)
{
    double p = v * 100.0;
    *pence = 0;
    if (!(p >= -(double)NORM_AMOUNT_MAX && p <= (double)NORM_AMOUNT_MAX)) { /* NaN too */
        return ERR_INVALID;
    }
    *pence = (int64_t)(p < 0 ? p - 0.5 : p + 0.5);
    return 0;
}

void norm_amount_format(int64_t pence, char out[32])
{
    uint64_t a = pence < 0 ? (uint64_t)(-(pence + 1)) + 1 : (uint64_t)pence;
    int n = snprintf(out, 32, "%s%llu.%02llu", pence < 0 ? "-" : "", (unsigned long long)(a / 100),
                     (unsigned long long)(a % 100));
    if (n < 0 || n >= 32) {
        out[0] = '\0'; /* cannot happen: 20 digits at most */
    }
}

int norm_currency_valid(const char *s)
{
    return s && strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
           s[2] >= 'A' && s[2] <= 'Z';
}
