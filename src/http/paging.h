/*
 * The one paging path of every list (redis decides the shape of a reply once; so does this):
 * limit and cursor read the one way, the rows counted, one row more fetched than the page holds
 * (it tells whether another page follows) and "next", the cursor after the page's last row. The
 * list's JSON, {"total", "items", "next"}, is codec's.
 *
 *     page_begin(&pg, &f.limit);
 *     if ((ret = store_x_count(st, &f, &pg.total)) < 0 ||
 *         (ret = store_x_list(st, &f, arena, &items, &pg.n)) < 0) {
 *         return ret;
 *     }
 *     next = page_more(&pg) ? page_cursor(arena, items[pg.n - 1].id) : NULL;
 */
#ifndef HTTP_PAGING_H
#define HTTP_PAGING_H

#include <stddef.h>

#include "query.h"
#include "core/field_error.h"
#include "base/arena.h"

#define PAGE_LIMIT_MAX 1000

/* What a cursor that is not one of ours is told. */
extern const struct field_error page_bad_cursor;

/*
 * Read limit (a whole number from 1 to PAGE_LIMIT_MAX; absent: limit_default) and cursor from
 * q. With after set, the list's cursor is a row's number (from 1) and goes into *after (0
 * without one); with after NULL, *cursor is the cursor as given (NULL when absent or empty) for
 * the caller to judge. Each bad one appends a field_error naming it to errs[*n] (room for 2).
 */
void page_query(const struct query *q, size_t limit_default, size_t *limit, long long *after,
                const char **cursor, struct field_error *errs, size_t *n);

struct page {
    size_t want;  /* rows a page holds */
    size_t total; /* rows in the whole list: the caller counts them */
    size_t n;     /* rows fetched: the caller fetches; page_more cuts it to the page */
};

/* Before the fetch: a page of *limit rows; *limit becomes one more, the row that tells. */
void page_begin(struct page *p, size_t *limit);
/* After the fetch: whether another page follows. If so n is cut to the page, and the next
 * page's cursor is that of row n - 1. */
int page_more(struct page *p);
/* The cursor naming row number id, from the arena (NULL only if it cannot be written). */
const char *page_cursor(struct arena *arena, long long id);

/*
 * Pages for people page by number, as GOV.UK's pagination does ("Showing 51 to 100 of 1,169",
 * previous and next), where the API pages by cursor: ?page=N, from 1 to PAGE_NUMBER_MAX
 * (absent: 1). A bad one appends a field_error naming page to errs[*n].
 */
#define PAGE_NUMBER_MAX 1000000
void page_number(const struct query *q, size_t *page, struct field_error *errs, size_t *n);
/* The rows before page number page of per_page rows: what the list skips. */
size_t page_offset(size_t page, size_t per_page);

#endif
