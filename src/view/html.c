/* Context-aware escaping for HTML text, attributes and URL components. */
#include "html.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static void escape(struct buf *b, const char *s)
{
    for (;;) { /* a run of plain text at once, then one character's entity */
        size_t n = strcspn(s, "&<>\"'");
        buf_add(b, s, n);
        s += n;
        switch (*s++) {
        case '&':
            html_lit(b, "&amp;");
            break;
        case '<':
            html_lit(b, "&lt;");
            break;
        case '>':
            html_lit(b, "&gt;");
            break;
        case '"':
            html_lit(b, "&quot;");
            break;
        case '\'':
            html_lit(b, "&#39;");
            break;
        default: /* the end */
            return;
        }
    }
}

void html_text(struct buf *b, const char *s)
{
    if (s) {
        escape(b, s);
    }
}

void html_attr(struct buf *b, const char *s)
{
    if (s) {
        escape(b, s);
    }
}

void html_url(struct buf *b, const char *s)
{
    buf_add_url(b, s);
}

void html_num(struct buf *b, long long n)
{
    buf_addf(b, "%lld", n);
}

/* The digits of n, grouped in threes. */
static void grouped(struct buf *b, unsigned long long n)
{
    char digits[24];
    int len = snprintf(digits, sizeof(digits), "%llu", n);

    if (len < 0 || len >= (int)sizeof(digits)) {
        return; /* cannot happen: 20 digits at most */
    }
    for (int i = 0; i < len; i++) {
        buf_addc(b, digits[i]);
        if ((len - i - 1) % 3 == 0 && i + 1 < len) {
            buf_addc(b, ',');
        }
    }
}

/* |n|, without overflow at LLONG_MIN. */
static unsigned long long magnitude(long long n)
{
    return n < 0 ? (unsigned long long)(-(n + 1)) + 1 : (unsigned long long)n;
}

void html_count(struct buf *b, long long n)
{
    if (n < 0) {
        html_lit(b, "-");
    }
    grouped(b, magnitude(n));
}

void html_money(struct buf *b, long long pence)
{
    unsigned long long a = magnitude(pence);

    if (pence < 0) {
        html_lit(b, "-");
    }
    html_lit(b, "£");
    grouped(b, a / 100);
    buf_addf(b, ".%02u", (unsigned)(a % 100));
}

void html_percent(struct buf *b, double share)
{
    buf_addf(b, "%.1f%%", share * 100);
}

void html_date(struct buf *b, date_t d)
{
    char s[DATE_LONG_MAX + 1];

    date_format_long(d, s);
    buf_adds(b, s); /* digits, letters and spaces: nothing to escape */
}
