/* The shared GOV.UK components: summary list rows, tables, pagination, notification banner. */
#include "components.h"

#include "html.h"
#include "base/banned.h"

/* ---- summary list rows ---- */

void summary_key_start(struct buf *b, int no_actions)
{
    html_lit(b, "<div class=\"govuk-summary-list__row");
    if (no_actions) {
        html_lit(b, " govuk-summary-list__row--no-actions");
    }
    html_lit(b, "\"><dt class=\"govuk-summary-list__key\">");
}

void summary_value_start(struct buf *b)
{
    html_lit(b, "</dt><dd class=\"govuk-summary-list__value\">");
}

void summary_row_start(struct buf *b, const char *key, int no_actions)
{
    summary_key_start(b, no_actions);
    html_text(b, key);
    summary_value_start(b);
}

void summary_row_end(struct buf *b, const char *change_href, const char *what)
{
    html_lit(b, "</dd>");
    if (change_href) {
        html_lit(b, "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"");
        html_attr(b, change_href);
        html_lit(b, "\">Change<span class=\"govuk-visually-hidden\"> ");
        html_text(b, what);
        html_lit(b, "</span></a></dd>");
    }
    html_lit(b, "</div>");
}

void summary_row(struct buf *b, const char *key, const char *value)
{
    summary_row_start(b, key, 0);
    html_text(b, value);
    summary_row_end(b, NULL, NULL);
}

/* ---- summary cards ---- */

void summary_card_start(struct buf *b, const char *title, const char *href, int h3)
{
    html_lit(b,
             "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\">");
    if (h3) {
        html_lit(b, "<h3 class=\"govuk-summary-card__title\">");
    } else {
        html_lit(b, "<h2 class=\"govuk-summary-card__title\">");
    }
    if (href) {
        html_lit(b, "<a class=\"govuk-link\" href=\"");
        html_attr(b, href);
        html_lit(b, "\">");
    }
    html_text(b, title);
    if (href) {
        html_lit(b, "</a>");
    }
    if (h3) {
        html_lit(b, "</h3>");
    } else {
        html_lit(b, "</h2>");
    }
    html_lit(b,
             "</div><div class=\"govuk-summary-card__content\"><dl class=\"govuk-summary-list\">");
}

void summary_card_end(struct buf *b)
{
    html_lit(b, "</dl></div></div>");
}

/* ---- tables ---- */

void table_start(struct buf *b, const struct table *t)
{
    html_lit(b, "<div class=\"app-table-region\" tabindex=\"0\"");
    if (t->caption) {
        html_lit(b, " role=\"region\" aria-label=\"");
        html_attr(b, t->caption);
        html_lit(b, "\"");
    }
    html_lit(b, "><table class=\"govuk-table");
    if (t->flags & TABLE_SMALL_TEXT) {
        html_lit(b, " govuk-table--small-text-until-tablet");
    }
    for (size_t i = 0; i < t->ncols && i < 9; i++) {
        if (t->cols[i].flags & CELL_WIDE_ONLY) {
            buf_addf(b, " app-table--wide-only-%zu", i + 1);
        }
    }
    html_lit(b, "\"");
    if (t->id) {
        html_lit(b, " id=\"");
        html_attr(b, t->id);
        html_lit(b, "\"");
    }
    html_lit(b, ">");
    if (t->caption) {
        if (t->flags & TABLE_CAPTION_HIDDEN) {
            html_lit(b, "<caption class=\"govuk-visually-hidden\">");
        } else if (t->flags & TABLE_CAPTION_S) {
            html_lit(b, "<caption class=\"govuk-table__caption govuk-table__caption--s\">");
        } else {
            html_lit(b, "<caption class=\"govuk-table__caption govuk-table__caption--m\">");
        }
        html_text(b, t->caption);
        if (t->caption_note) {
            html_lit(b, " <span class=\"govuk-caption-m\">");
            html_text(b, t->caption_note);
            html_lit(b, "</span>");
        }
        html_lit(b, "</caption>");
    }
    html_lit(b, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
    for (size_t i = 0; i < t->ncols; i++) {
        html_lit(b, "<th scope=\"col\" class=\"govuk-table__header");
        if (t->cols[i].flags & CELL_NUMERIC) {
            html_lit(b, " govuk-table__header--numeric");
        }
        html_lit(b, "\">");
        if (t->cols[i].flags & CELL_HIDDEN) {
            html_lit(b, "<span class=\"govuk-visually-hidden\">");
            html_text(b, t->cols[i].head);
            html_lit(b, "</span>");
        } else {
            html_text(b, t->cols[i].head);
        }
        html_lit(b, "</th>");
    }
    html_lit(b, "</tr></thead><tbody class=\"govuk-table__body\">");
}

void table_end(struct buf *b)
{
    html_lit(b, "</tbody></table></div>");
}

void table_row_start(struct buf *b)
{
    html_lit(b, "<tr class=\"govuk-table__row\">");
}

void table_row_end(struct buf *b)
{
    html_lit(b, "</tr>");
}

void table_cell_start(struct buf *b, unsigned flags)
{
    if (flags & CELL_NUMERIC) {
        html_lit(b, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
    } else {
        html_lit(b, "<td class=\"govuk-table__cell\">");
    }
}

void table_cell_end(struct buf *b)
{
    html_lit(b, "</td>");
}

void table_cell(struct buf *b, const char *text, unsigned flags)
{
    table_cell_start(b, flags);
    html_text(b, text);
    table_cell_end(b);
}

void table_num_cell(struct buf *b, long long n)
{
    table_cell_start(b, CELL_NUMERIC);
    html_num(b, n);
    table_cell_end(b);
}

void table_row_head_start(struct buf *b)
{
    html_lit(b, "<th scope=\"row\" class=\"govuk-table__header\">");
}

void table_row_head_end(struct buf *b)
{
    html_lit(b, "</th>");
}

void table_row_head(struct buf *b, const char *text)
{
    table_row_head_start(b);
    html_text(b, text);
    table_row_head_end(b);
}

void count_phrase(struct buf *b, size_t n, const char *one, const char *many)
{
    buf_addf(b, "%zu %s", n, n == 1 ? one : many);
}

void count_share(struct buf *b, size_t part, size_t total)
{
    if (part && total) {
        html_lit(b, " (");
        html_percent(b, (double)part / (double)total);
        html_lit(b, ")");
    }
}

void table_share_cell(struct buf *b, size_t part, size_t total)
{
    table_cell_start(b, CELL_NUMERIC);
    html_num(b, (long long)part);
    count_share(b, part, total);
    table_cell_end(b);
}

/* ---- pagination ---- */

/* The previous page's link (prev) or the next's, of pagination with page numbers. */
static void pagination_link(struct buf *b, int prev, const char *href)
{
    if (prev) {
        html_lit(b, "<div class=\"govuk-pagination__prev\">");
    } else {
        html_lit(b, "<div class=\"govuk-pagination__next\">");
    }
    html_lit(b, "<a class=\"govuk-link govuk-pagination__link\" href=\"");
    html_attr(b, href);
    if (prev) {
        html_lit(b, "\" rel=\"prev\"><svg class=\"govuk-pagination__icon "
                    "govuk-pagination__icon--prev\" xmlns=\"http://www.w3.org/2000/svg\" "
                    "height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" "
                    "viewBox=\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 "
                    "6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"
                    "\"></path></svg><span class=\"govuk-pagination__link-title\">Previous"
                    "<span class=\"govuk-visually-hidden\"> page</span></span></a></div>");
    } else {
        html_lit(b, "\" rel=\"next\"><span class=\"govuk-pagination__link-title\">Next"
                    "<span class=\"govuk-visually-hidden\"> page</span></span><svg "
                    "class=\"govuk-pagination__icon govuk-pagination__icon--next\" "
                    "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" "
                    "aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path "
                    "d=\"m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 "
                    "3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path></svg></a></div>");
    }
}

/* PATH?QUERY&page=N into b (page 1: no page=, and no "?" without a query). */
static void page_href(struct buf *b, const char *path, const char *query, size_t page)
{
    buf_reset(b);
    buf_adds(b, path);
    if (*query || page > 1) {
        buf_addf(b, "?%s", query);
    }
    if (page > 1) {
        buf_addf(b, "%spage=%zu", *query ? "&" : "", page);
    }
}

/* A page number's item, the current one marked. */
static void pagination_item(struct buf *b, struct buf *href, const char *path, const char *query,
                            size_t page, int current)
{
    page_href(href, path, query, page);
    if (current) {
        html_lit(b, "<li class=\"govuk-pagination__item govuk-pagination__item--current\">");
    } else {
        html_lit(b, "<li class=\"govuk-pagination__item\">");
    }
    html_lit(b, "<a class=\"govuk-link govuk-pagination__link\" href=\"");
    html_attr(b, href->data);
    html_lit(b, "\" aria-label=\"Page ");
    html_count(b, (long long)page);
    if (current) {
        html_lit(b, "\" aria-current=\"page\">");
    } else {
        html_lit(b, "\">");
    }
    html_count(b, (long long)page);
    html_lit(b, "</a></li>");
}

void pagination_pages(struct buf *b, const char *path, const char *query, size_t page,
                      size_t per_page, size_t total, size_t shown)
{
    struct buf href = BUF_INIT;
    size_t from = page > 1 ? (page - 1) * per_page + 1 : 1;
    size_t last = per_page && total ? (total + per_page - 1) / per_page : 1;
    int gap = 0;

    if (shown) {
        html_lit(b, "<p class=\"govuk-body\">Showing ");
        html_count(b, (long long)from);
        html_lit(b, " to ");
        html_count(b, (long long)(from - 1 + shown));
        html_lit(b, " of ");
        html_count(b, (long long)total);
        html_lit(b, "</p>");
    }
    if (last == 1 && page == 1) {
        return;
    }
    html_lit(b, "<nav class=\"govuk-pagination\" aria-label=\"Pagination\">");
    if (page > 1) {
        page_href(&href, path, query, page - 1 < last ? page - 1 : last);
        pagination_link(b, 1, href.data);
    }
    /* GOV.UK's: the first and last pages, the current one and those either side, "⋯" between */
    html_lit(b, "<ul class=\"govuk-pagination__list\">");
    for (size_t p = 1; p <= last; p++) {
        if (p == 1 || p == last || (p + 1 >= page && p <= page + 1)) {
            pagination_item(b, &href, path, query, p, p == page);
            gap = 0;
        } else if (!gap) {
            html_lit(b, "<li class=\"govuk-pagination__item govuk-pagination__item--ellipsis\">"
                        "&ctdot;</li>");
            gap = 1;
        }
    }
    html_lit(b, "</ul>");
    if (page < last) {
        page_href(&href, path, query, page + 1);
        pagination_link(b, 0, href.data);
    }
    html_lit(b, "</nav>");
    buf_release(&href);
}

void query_add(struct buf *b, const char *name, const char *value)
{
    if (value && *value) {
        buf_addf(b, "%s%s=", b->len ? "&" : "", name);
        html_url(b, value);
    }
}

void download_csv(struct buf *b, const char *what, const char *path, const char *query)
{
    html_lit(b, "<p class=\"govuk-body\">Download every ");
    html_text(b, what);
    html_lit(b, " that matches as <a class=\"govuk-link\" href=\"");
    html_attr(b, path);
    if (*query) {
        html_lit(b, "?");
        html_attr(b, query);
    }
    html_lit(b, "\">CSV</a>.</p>");
}

/* ---- notification banner ---- */

void banner_start(struct buf *b, int success)
{
    if (success) {
        html_lit(b, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
                    "role=\"alert\" aria-labelledby=\"govuk-notification-banner-title\" "
                    "data-module=\"govuk-notification-banner\">"
                    "<div class=\"govuk-notification-banner__header\">"
                    "<h2 class=\"govuk-notification-banner__title\" "
                    "id=\"govuk-notification-banner-title\">Success</h2></div>");
    } else {
        html_lit(b, "<div class=\"govuk-notification-banner\" role=\"region\" "
                    "aria-labelledby=\"govuk-notification-banner-title\" "
                    "data-module=\"govuk-notification-banner\">"
                    "<div class=\"govuk-notification-banner__header\">"
                    "<h2 class=\"govuk-notification-banner__title\" "
                    "id=\"govuk-notification-banner-title\">Important</h2></div>");
    }
    html_lit(b, "<div class=\"govuk-notification-banner__content\">");
}

void banner_end(struct buf *b)
{
    html_lit(b, "</div></div>");
}

void banner(struct buf *b, int success, const char *heading)
{
    banner_start(b, success);
    html_lit(b, "<p class=\"govuk-notification-banner__heading\">");
    html_text(b, heading);
    html_lit(b, "</p>");
    banner_end(b);
}
