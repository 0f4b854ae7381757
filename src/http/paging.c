/* Paging: limit and cursor, one row more, and next. */
#include "paging.h"

#include <stdio.h>

#include "base/num.h"
#include "base/banned.h"

const struct field_error page_bad_cursor = {"cursor", "cursor must be the value of 'next' from "
                                                      "the previous page"};

void page_query(const struct query *q, size_t limit_default, size_t *limit, long long *after,
                const char **cursor, struct field_error *errs, size_t *n)
{
    const char *l = query_get(q, "limit"), *c = query_get(q, "cursor");
    long long v;

    *limit = limit_default;
    if (l) {
        if (num_whole(l, 1, PAGE_LIMIT_MAX, &v) < 0) {
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
        if (c && *c && num_whole(c, 1, 999999999999999999LL, after) < 0) {
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

void page_number(const struct query *q, size_t *page, struct field_error *errs, size_t *n)
{
    const char *p = query_get(q, "page");
    long long v;

    *page = 1;
    if (p && *p) {
        if (num_whole(p, 1, PAGE_NUMBER_MAX, &v) < 0) {
            errs[(*n)++] = (struct field_error){"page", "page must be a whole number from 1 to "
                                                        "1000000"};
        } else {
            *page = (size_t)v;
        }
    }
}

size_t page_offset(size_t page, size_t per_page)
{
    return page > 1 ? (page - 1) * per_page : 0; /* at most 10^6 * 1000: no overflow */
}
