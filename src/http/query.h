/*
 * application/x-www-form-urlencoded: query strings and form bodies. Pure functions, no libevent,
 * so the fuzz target can drive them alone.
 */
#ifndef HTTP_QUERY_H
#define HTTP_QUERY_H

#include <stddef.h>

#include "core/field_error.h"
#include "base/arena.h"
#include "base/date.h"

#define QUERY_MAX_PARAMS 64

struct query_param {
    const char *name, *value; /* decoded, NUL-terminated, from the arena */
};

struct query {
    struct query_param params[QUERY_MAX_PARAMS];
    size_t n;
    /* after query_parse refused: the parameter at fault (field NULL when no one parameter is:
     * a name that is not text or is empty, too many) and a message saying what is wrong, from
     * the arena */
    struct field_error error;
};

/*
 * Split s[0..len) on '&' into name=value pairs, decoding %XX and '+'. Empty pairs are skipped;
 * a pair without '=' has the value "". Returns ERR_INVALID, q then empty and q->error set, for
 * a name or value url_decode refuses, or more than QUERY_MAX_PARAMS pairs.
 */
int query_parse(const char *s, size_t len, struct arena *arena, struct query *q);
/* The first value of name, or NULL. */
const char *query_get(const struct query *q, const char *name);
/* v without the spaces, tabs and line breaks around it, from the arena; NULL when v is NULL or
 * nothing else. A form's answers are read through it. */
const char *query_trim(struct arena *arena, const char *v);
/*
 * Decode %XX escapes of s[0..len) into the arena (plus: '+' means space too). ERR_INVALID for
 * a bad escape, a NUL, a control character other than tab, CR and LF, or a decoded text that
 * is not well-formed UTF-8 (utf8_check: %C0%AF, %ED%A0%80, a raw byte 0xFF, a cut sequence).
 */
int url_decode(const char *s, size_t len, int plus, struct arena *arena, char **out);

/* What to say, GOV.UK style, when a date input is left blank (NULL: it may be) and when its
 * fields make no real date. */
struct date_messages {
    const char *blank, *invalid;
};

/*
 * The GOV.UK date input STEM of q: its fields STEM-day, STEM-month and STEM-year, digits with
 * any spaces around them. Returns 0 with *out the date; 1 when all three are blank; or
 * ERR_INVALID when one is blank or they make no real date (years 1000 to 9999). *out is 0
 * unless it returns 0. given (may be NULL) receives the three values as sent (NULL when absent),
 * to show again. *error (may be NULL) receives m's message for a blank or a wrong date, else
 * NULL (always NULL with m NULL).
 */
int read_date(const struct query *q, const char *stem, const struct date_messages *m,
              const char *given[3], date_t *out, const char **error);

#endif
