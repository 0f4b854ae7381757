/* Paging: limit and cursor, one row more, and next. */
#include "paging.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

const struct field_error page_bad_cursor = {"cursor", "cursor must be the value of 'next' from "
                                                      "the previous page"};

/* Whether s is a whole number from 1 to max, digits only; its value into *out. */
static int whole(const char *s, long long max, long long *out)
{
    size_t len = strspn(s, "0123456789");

    if (!len || len > 18 || s[len]) {
        return 0;
    }
    *out = strtoll(s, NULL, 10);
    return *out >= 1 && *out <= max;
}

void page_query(const struct query *q, size_t limit_default, size_t *limit, long long *after,
                const char **cursor, struct field_error *errs, size_t *n)
{
    const char *l = query_get(q, "limit"), *c = query_get(q, "cursor");
    long long v;

    *limit = limit_default;
    if (l) {
        if (!whole(l, PAGE_LIMIT_MAX, &v)) {
            errs[(*n)++] = (struct field_error){"limit", "limit must be a whole number from 1 "
                                                         "to 1000"};
        } else {
            *limit = (size_t)v;
        }
    }
    if (cursor) {
        *cursor = c && *c ? c : NULL;
    }
    if (after) {
        *after = 0;
        if (c && *c && !whole(c, 999999999999999999LL, after)) {
            *after = 0;
            errs[(*n)++] = page_bad_cursor;
        }
    }
}

void page_begin(struct page *p, size_t *limit)
{
    p->want = *limit;
    p->total = 0;
    p->n = 0;
    *limit = p->want + 1;
}

int page_more(struct page *p)
{
    if (p->n <= p->want) {
        return 0;
    }
    p->n = p->want;
    return p->want > 0;
}

const char *page_cursor(struct arena *arena, long long id)
{
    char *out = arena_alloc(arena, 24);
    int len = snprintf(out, 24, "%lld", id);
    return len > 0 && len < 24 ? out : NULL;
}
