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

/*
 * A GOV.UK summary card: a titled box around one summary list (its rows follow
 * summary_card_start, then summary_card_end). The title is an h2 or, with h3, an h3.
 */
void summary_card_start(struct buf *b, const char *title, int h3);
void summary_card_end(struct buf *b);

/* ---- tables ---- */

enum table_flags {
    TABLE_SMALL_TEXT = 1 << 0,     /* govuk-table--small-text-until-tablet */
    TABLE_CAPTION_S = 1 << 1,      /* a small caption (govuk-table__caption--s), not medium */
    TABLE_CAPTION_HIDDEN = 1 << 2, /* a caption for screen readers only */
};

enum cell_flags {
    CELL_NUMERIC = 1 << 0, /* figures, aligned right (the column's header too) */
    CELL_HIDDEN = 1 << 1,  /* a column header only screen readers read */
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

/* The table, its caption, its head, and the opening of its body. */
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

/* A region that scrolls sideways around a table too wide for a phone (GOV.UK's last resort for a
 * wide table): focusable, so that a keyboard scrolls it, and named label. Then the table, then
 * table_scroll_end. */
void table_scroll_start(struct buf *b, const char *label);
void table_scroll_end(struct buf *b);

/* "N one" or "N many" into b as plain text, for a caption: "1 authority", "364 authorities". */
void count_phrase(struct buf *b, size_t n, const char *one, const char *many);

/* ---- pagination ---- */

struct pagination {
    const char *prev_href;  /* the previous page, already a URL of this site; NULL: none */
    const char *prev_label; /* its text: NULL for "Previous" ("First" back to the first page) */
    const char *next_href;  /* the next page, or NULL */
    size_t from, to, total; /* with from > 0: "Showing FROM to TO of TOTAL" (1,169 with commas) */
};

/* GOV.UK pagination, block style (previous and next only), after the "Showing" line; nothing
 * without links and without from. */
void pagination_nav(struct buf *b, const struct pagination *p);

/*
 * The pagination of a list paged by cursor: "First" back to PATH?QUERY unless on the first page,
 * "Next" on to PATH?QUERY&cursor=NEXT unless next is NULL. query: the list's filters,
 * URL-encoded and not yet escaped for HTML ("" for none).
 */
void pagination_cursor(struct buf *b, const char *path, const char *query, int first_page,
                       const char *next);

/* "Download every WHAT that matches as CSV", the link to PATH?QUERY (PATH with query ""): the
 * line under a filtered list. query as for pagination_cursor. */
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
