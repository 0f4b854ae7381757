/* Form-urlencoded parsing. */
#include "query.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "base/banned.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* url_decode, saying what is wrong (NULL when nothing is). */
static const char *decode(const char *s, size_t len, int plus, struct arena *arena, char **out)
{
    char *d = arena_alloc(arena, len + 1), *p = d;

    *out = NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int hi, lo;
            if (i + 2 >= len) {
                return "has a % not followed by two hexadecimal digits";
            }
            hi = hexval(s[i + 1]);
            lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0) {
                return "has a % not followed by two hexadecimal digits";
            }
            c = (unsigned char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == 0 || (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f) {
            return "contains a control character (such as %00), which text may not";
        }
        *p++ = (char)c;
    }
    *p = '\0';
    if (utf8_check(d, (size_t)(p - d), NULL) < 0) {
        return "is not valid UTF-8 text";
    }
    *out = d;
    return NULL;
}

int url_decode(const char *s, size_t len, int plus, struct arena *arena, char **out)
{
    return decode(s, len, plus, arena, out) ? ERR_INVALID : 0;
}

/* Refuse q: the value of parameter name is at fault, or with name NULL its name, as what says. */
static int refuse(struct query *q, struct arena *arena, const char *name, const char *what)
{
    struct buf msg = BUF_INIT;

    buf_addf(&msg, "%s %s",
             !name   ? "A parameter's name"
             : *name ? name
                     : "A parameter with no name",
             what);
    q->n = 0;
    q->error.field = name && *name ? name : NULL;
    q->error.message = arena_strdup(arena, msg.data);
    buf_release(&msg);
    return ERR_INVALID;
}

int query_parse(const char *s, size_t len, struct arena *arena, struct query *q)
{
    size_t i = 0;

    q->n = 0;
    q->error = (struct field_error){NULL, NULL};
    while (i < len) {
        const char *pair = s + i, *amp = memchr(pair, '&', len - i), *eq, *what;
        size_t plen = amp ? (size_t)(amp - pair) : len - i;
        char *name, *value;

        i += plen + 1;
        if (!plen) {
            continue;
        }
        if (q->n == QUERY_MAX_PARAMS) {
            q->n = 0;
            q->error.message = "More than 64 parameters were sent";
            return ERR_INVALID;
        }
        eq = memchr(pair, '=', plen);
        if ((what = decode(pair, eq ? (size_t)(eq - pair) : plen, 1, arena, &name))) {
            return refuse(q, arena, NULL, what);
        }
        if ((what = decode(eq ? eq + 1 : "", eq ? plen - (size_t)(eq - pair) - 1 : 0, 1, arena,
                           &value))) {
            return refuse(q, arena, name, what);
        }
        q->params[q->n].name = name;
        q->params[q->n].value = value;
        q->n++;
    }
    return 0;
}

const char *query_get(const struct query *q, const char *name)
{
    for (size_t i = 0; i < q->n; i++) {
        if (!strcmp(q->params[i].name, name)) {
            return q->params[i].value;
        }
    }
    return NULL;
}

const char *query_trim(struct arena *arena, const char *v)
{
    size_t len;

    if (!v) {
        return NULL;
    }
    v += strspn(v, " \t\r\n");
    len = strlen(v);
    while (len && strchr(" \t\r\n", v[len - 1])) {
        len--;
    }
    return len ? arena_memdupz(arena, v, len) : NULL;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_blank(const char *s)
{
    while (s && is_space(*s)) {
        s++;
    }
    return !s || !*s;
}

/* One field of a date: digits, spaces around them ignored, from lo to hi. */
static int date_part(const char *s, int lo, int hi, int *out)
{
    long v = 0;
    int digits = 0;

    if (!s) {
        return ERR_INVALID;
    }
    while (is_space(*s)) {
        s++;
    }
    for (; *s >= '0' && *s <= '9'; s++) {
        if (++digits > 9) {
            return ERR_INVALID;
        }
        v = v * 10 + (*s - '0');
    }
    while (is_space(*s)) {
        s++;
    }
    if (!digits || *s || v < lo || v > hi) {
        return ERR_INVALID;
    }
    *out = (int)v;
    return 0;
}

int read_date(const struct query *q, const char *stem, const struct date_messages *m,
              const char *given[3], date_t *out, const char **error)
{
    static const char *const parts[3] = {"day", "month", "year"};
    const char *v[3];
    int n[3], blanks = 0, ret;

    *out = 0;
    for (int i = 0; i < 3; i++) {
        char name[96];
        int len = snprintf(name, sizeof(name), "%s-%s", stem, parts[i]);
        v[i] = len > 0 && (size_t)len < sizeof(name) ? query_get(q, name) : NULL;
        blanks += is_blank(v[i]);
        if (given) {
            given[i] = v[i];
        }
    }
    if (blanks == 3) {
        ret = 1;
    } else if (date_part(v[0], 1, 31, &n[0]) || date_part(v[1], 1, 12, &n[1]) ||
               date_part(v[2], DATE_MIN_YEAR, DATE_MAX_YEAR, &n[2]) ||
               n[0] > date_days_in_month(n[2], n[1])) {
        ret = ERR_INVALID;
    } else {
        *out = date_from_ymd(n[2], n[1], n[0]);
        ret = 0;
    }
    if (error) {
        *error = !m ? NULL : ret == 1 ? m->blank : ret < 0 ? m->invalid : NULL;
    }
    return ret;
}
