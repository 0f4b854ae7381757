/* Context-aware escaping for HTML text, attributes and URL components. */
#include "html.h"

#include <string.h>

#include "base/banned.h"

static void escape(struct buf *b, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *rep;
        switch (*s) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        buf_add(b, run, (size_t)(s - run));
        buf_adds(b, rep);
        run = s + 1;
    }
    buf_add(b, run, (size_t)(s - run));
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
    static const char hex[] = "0123456789ABCDEF";
    if (!s) {
        return;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p)) {
            buf_addc(b, (char)*p);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_add(b, e, 3);
        }
    }
}

void html_num(struct buf *b, long long n)
{
    buf_addf(b, "%lld", n);
}

void html_date(struct buf *b, date_t d)
{
    static const char *const months[12] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};
    int y, m, day;

    date_to_ymd(d, &y, &m, &day);
    html_num(b, day);
    html_lit(b, " ");
    buf_adds(b, months[m - 1]);
    html_lit(b, " ");
    html_num(b, y);
}
