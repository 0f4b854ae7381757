/*
 * The GOV.UK components every page shares besides forms (cgit's ui-shared.c): summary list rows,
 * tables with a caption, pagination, and the notification banner. A page writes none of these
 * itself.
 */
#ifndef VIEW_COMPONENTS_H
#define VIEW_COMPONENTS_H

#include <stddef.h>

#include "base/buf.h"

/* ---- summary list rows, inside <dl class="govuk-summary-list"> ---- */

/*
 * A row's start: the row and its key's opening; then the key's content, then
 * summary_value_start. no_actions: the list has actions and this row none (GOV.UK marks it).
 */
void summary_key_start(struct buf *b, int no_actions);
/* The key's end and the value's opening. */
void summary_value_start(struct buf *b);
/* A row's start with key as text: summary_key_start, key, summary_value_start. */
void summary_row_start(struct buf *b, const char *key, int no_actions);
/* The value's end and the row's, with a "Change" link to change_href (NULL: none) whose hidden
 * text names what is changed. */
void summary_row_end(struct buf *b, const char *change_href, const char *what);
/* A whole row of text (value NULL: an empty value), without actions. */
void summary_row(struct buf *b, const char *key, const char *value);

/* ---- summary cards: a summary list under a title, one per thing ---- */

/*
 * A GOV.UK summary card up to the opening of its summary list: its title as a heading (an h3
 * with h3, else an h2), a link to href when not NULL (already a URL of this site).
 * summary_card_end ends it.
 */
void summary_card_start(struct buf *b, const char *title, const char *href, int h3);
void summary_card_end(struct buf *b);

/* ---- tables ---- */

enum table_flags {
    TABLE_SMALL_TEXT = 1 << 0,     /* govuk-table--small-text-until-tablet */
    TABLE_CAPTION_S = 1 << 1,      /* a small caption (govuk-table__caption--s), not medium */
    TABLE_CAPTION_HIDDEN = 1 << 2, /* a caption for screen readers only */
};

enum cell_flags {
    CELL_NUMERIC = 1 << 0,   /* figures, aligned right (the column's header too) */
    CELL_HIDDEN = 1 << 1,    /* a column header only screen readers read */
    CELL_WIDE_ONLY = 1 << 2, /* a column left out on a phone (until tablet width): the table's
                                first nine columns can be */
};

struct table_column {
    const char *head;
    unsigned flags; /* enum cell_flags */
};

struct table {
    const char *id;           /* or NULL */
    const char *caption;      /* or NULL: none */
    const char *caption_note; /* a smaller second part of the caption (govuk-caption-m), or NULL */
    unsigned flags;           /* enum table_flags */
    const struct table_column *cols;
    size_t ncols;
};

/*
 * The table, its caption, its head, and the opening of its body. The table is inside a region
 * of its own (focusable, named by the caption: give every table one, hidden if need be) that
 * scrolls sideways when the table is wider than the screen, so that the page itself never is.
 */
void table_start(struct buf *b, const struct table *t);
/* The body's end and the table's. */
void table_end(struct buf *b);
void table_row_start(struct buf *b);
void table_row_end(struct buf *b);
/* A cell's opening (flags: enum cell_flags) and its end. */
void table_cell_start(struct buf *b, unsigned flags);
void table_cell_end(struct buf *b);
/* A whole cell of text, and of a number (numeric). */
void table_cell(struct buf *b, const char *text, unsigned flags);
void table_num_cell(struct buf *b, long long n);
/* A row's header cell (<th scope="row">): its opening and end, and a whole one of text. */
void table_row_head_start(struct buf *b);
void table_row_head_end(struct buf *b);
void table_row_head(struct buf *b, const char *text);

/* "N one" or "N many" into b as plain text, for a caption: "1 authority", "364 authorities". */
void count_phrase(struct buf *b, size_t n, const char *one, const char *many);
/* " (13.6%)": part's share of total, nothing when either is 0 (the coverage and signups
 * figures). */
void count_share(struct buf *b, size_t part, size_t total);
/* A numeric cell "7 (2.2%)": part and its share of total. */
void table_share_cell(struct buf *b, size_t part, size_t total);

/* ---- pagination ---- */

/*
 * GOV.UK pagination of a list shown page by page: "Showing FROM to TO of TOTAL" (1,169 with
 * commas) for the shown rows of page number page (from 1) of per_page rows, then "Previous",
 * the page numbers (the first, the last, the current one and those either side, an ellipsis
 * between) and "Next", each a link to PATH?QUERY&page=N (page 1 without page=); no links when
 * the list fits one page. Past the last page, nothing is shown and "Previous" leads to the last.
 * query: the list's filters, URL-encoded and not yet escaped for HTML ("" for none).
 */
void pagination_pages(struct buf *b, const char *path, const char *query, size_t page,
                      size_t per_page, size_t total, size_t shown);

/* "NAME=VALUE" appended to a query string b, after "&" unless b is empty, VALUE URL-encoded;
 * nothing when value is NULL or "". */
void query_add(struct buf *b, const char *name, const char *value);

/* "Download every WHAT that matches as CSV", the link to PATH?QUERY (PATH with query ""): the
 * line under a filtered list. query as for pagination_pages. */
void download_csv(struct buf *b, const char *what, const char *path, const char *query);

/* ---- notification banner ---- */

/*
 * A GOV.UK notification banner up to the opening of its content: "Success" (role alert) with
 * success, else "Important" (a region). Its content follows, then banner_end; banner is the
 * usual one whose content is a heading.
 */
void banner_start(struct buf *b, int success);
void banner_end(struct buf *b);
void banner(struct buf *b, int success, const char *heading);

#endif
