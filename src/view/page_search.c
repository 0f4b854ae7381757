/* The one search's page (page_search.h). */
#include "page_search.h"

#include <stdio.h>
#include <string.h>

#include "components.h"
#include "form.h"
#include "html.h"
#include "page_library.h"
#include "core/authority.h"
#include "core/library.h"
#include "base/banned.h"

void view_search_snippet(struct buf *b, const char *snippet)
{
    const char *p = snippet ? snippet : "";
    int open = 0;

    while (*p) {
        size_t n = strcspn(p, SEARCH_MARK_START SEARCH_MARK_END);
        char *part = NULL;
        if (n) { /* the text between the marks, escaped */
            struct buf t = BUF_INIT;
            buf_add(&t, p, n);
            part = t.data;
            html_text(b, part ? part : "");
            buf_release(&t);
            p += n;
        }
        if (*p == SEARCH_MARK_START[0] && !open) {
            html_lit(b, "<mark>");
            open = 1;
        } else if (*p == SEARCH_MARK_END[0] && open) {
            html_lit(b, "</mark>");
            open = 0;
        }
        if (*p) {
            p++;
        }
    }
    if (open) {
        html_lit(b, "</mark>");
    }
}

const char **view_search_snippets(const struct search_hit *hits, size_t n, struct arena *arena)
{
    const char **out = arena_alloc(arena, (n ? n : 1) * sizeof(*out));

    for (size_t i = 0; i < n; i++) {
        struct buf s = BUF_INIT;
        view_search_snippet(&s, hits[i].snippet);
        out[i] = arena_strdup(arena, s.data);
        buf_release(&s);
    }
    return out;
}

static void filters(struct buf *b, const struct search_view *v)
{
    const struct search_filter *f = v->f;
    struct form_option kinds[SEARCH_KIND_COUNT + 1], themes[THEME_COUNT + 1],
        regions[REGION_COUNT + 1];
    char year[8] = "";

    kinds[0] = (struct form_option){"", "Everything", f->kind < 0};
    for (int k = 0; k < SEARCH_KIND_COUNT; k++) {
        kinds[k + 1] = (struct form_option){search_kind_id(k), search_kind_label(k), f->kind == k};
    }
    view_facet_options(f->theme, f->region, f->year, themes, regions, year);
    html_lit(b, "<form method=\"get\" action=\"/search\" novalidate role=\"search\">");
    form_text_input(b, &(struct form_field){.name = "q",
                                            .label = "Search for",
                                            .hint = "Words to find in case studies, resources, "
                                                    "Compacts and organisations",
                                            .error = form_error_for(v->errors, v->nerrors, "q"),
                                            .value = v->q,
                                            .classes = "govuk-!-width-two-thirds",
                                            .type = "search"});
    html_lit(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-quarter\">");
    form_select(b,
                &(struct form_field){.name = "type",
                                     .label = "Type",
                                     .error = form_error_for(v->errors, v->nerrors, "type")},
                kinds, SEARCH_KIND_COUNT + 1);
    html_lit(b, "</div><div class=\"govuk-grid-column-one-quarter\">");
    form_select(b,
                &(struct form_field){.name = "theme",
                                     .label = "Theme",
                                     .error = form_error_for(v->errors, v->nerrors, "theme")},
                themes, THEME_COUNT + 1);
    html_lit(b, "</div><div class=\"govuk-grid-column-one-quarter\">");
    form_select(b,
                &(struct form_field){.name = "region",
                                     .label = "Region",
                                     .error = form_error_for(v->errors, v->nerrors, "region")},
                regions, REGION_COUNT + 1);
    html_lit(b, "</div><div class=\"govuk-grid-column-one-quarter\">");
    form_text_input(b, &(struct form_field){.name = "year",
                                            .label = "Year",
                                            .error = form_error_for(v->errors, v->nerrors, "year"),
                                            .value = year[0] ? year : NULL,
                                            .classes = "govuk-input--width-4",
                                            .type = "text",
                                            .autocomplete = "off"});
    html_lit(b, "</div></div><button type=\"submit\" class=\"govuk-button\" "
                "data-module=\"govuk-button\">Search</button></form>");
}

static void hit(struct buf *b, const struct search_hit *h)
{
    struct buf url = BUF_INIT;

    search_hit_url(h, &url);
    html_lit(b, "<li class=\"app-search-result\"><p class=\"govuk-body-s govuk-!-margin-bottom-1 "
                "app-search-result__kind\">");
    html_text(b, search_kind_label(h->kind));
    html_lit(b, "</p><h2 class=\"govuk-heading-s govuk-!-margin-bottom-1\">"
                "<a class=\"govuk-link\" href=\"");
    html_attr(b, url.data ? url.data : "/search");
    html_lit(b, "\">");
    html_text(b, h->title);
    html_lit(b, "</a></h2><p class=\"govuk-body\">");
    view_search_snippet(b, h->snippet);
    html_lit(b, "</p></li>");
    buf_release(&url);
}

void view_search_page(struct buf *b, const struct search_view *v, const struct viewer *viewer)
{
    const struct search_filter *f = v->f;
    struct buf query = BUF_INIT;
    char year[8] = "";

    view_top_page_start(b, "Search", "Search", NAV_NONE, v->errors, v->nerrors, viewer);
    view_heading(b, NULL, "Search");
    filters(b, v);
    if (v->q && *v->q && !v->nerrors) {
        html_lit(b, "<p class=\"govuk-body\" role=\"status\">");
        count_phrase(b, v->total, "result", "results");
        html_lit(b, " for \u2018");
        html_text(b, v->q);
        html_lit(b, "\u2019</p>");
        if (!v->total) {
            html_lit(b, "<p class=\"govuk-body\">Try fewer words, or other words for the same "
                        "thing, or fewer filters.</p>");
        }
    }
    if (v->n) {
        html_lit(b, "<ol class=\"govuk-list app-search-results\">");
        for (size_t i = 0; i < v->n; i++) {
            hit(b, &v->hits[i]);
        }
        html_lit(b, "</ol>");
        if (f->year > 0 && snprintf(year, sizeof(year), "%d", f->year) < 0) {
            year[0] = '\0';
        }
        query_add(&query, "q", v->q);
        query_add(&query, "type", f->kind >= 0 ? search_kind_id(f->kind) : NULL);
        query_add(&query, "theme", f->theme >= 0 ? library_theme_id(f->theme) : NULL);
        query_add(&query, "region", f->region >= 0 ? region_id((size_t)f->region) : NULL);
        query_add(&query, "year", year[0] ? year : NULL);
        pagination_pages(b, "/search", query.data ? query.data : "", f->page, f->limit, v->total,
                         v->n);
    }
    buf_release(&query);
    view_top_page_end(b);
}
