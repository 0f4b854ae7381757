/* The local authorities page: filter form, summary and table. */
#include "page_authorities.h"

#include "components.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "base/banned.h"

void view_authority_link(struct buf *b, const struct authority *a)
{
    html_lit(b, "<a class=\"govuk-link\" href=\"/authorities/");
    html_url(b, a->gss);
    html_lit(b, "\">");
    html_text(b, a->name);
    html_lit(b, "</a>");
}

/* A filter: a select in a third of the row. */
static void filter(struct buf *b, const struct field_error *errors, size_t nerrors,
                   const char *name, const char *label, const struct form_option *options, size_t n)
{
    html_lit(b, "<div class=\"govuk-grid-column-one-third\">");
    form_select(b,
                &(struct form_field){
                    .name = name, .label = label, .error = form_error_for(errors, nerrors, name)},
                options, n);
    html_lit(b, "</div>");
}

void view_authority_filters(struct buf *b, int type, int region, const struct field_error *errors,
                            size_t n)
{
    struct form_option types[AUTH_TYPE_COUNT + 1], regions[REGION_COUNT + 1];

    types[0] = (struct form_option){"", "All types", type < 0};
    for (int i = 0; i < AUTH_TYPE_COUNT; i++) {
        types[i + 1] =
            (struct form_option){authority_type_id(i), authority_type_label(i), type == i};
    }
    regions[0] = (struct form_option){"", "All regions", region < 0};
    for (int i = 0; i < REGION_COUNT; i++) {
        regions[i + 1] =
            (struct form_option){region_id((size_t)i), region_name((size_t)i), region == i};
    }
    filter(b, errors, n, "type", "Type", types, AUTH_TYPE_COUNT + 1);
    filter(b, errors, n, "region", "Region", regions, REGION_COUNT + 1);
}

static void filter_form(struct buf *b, const struct authorities_view *v)
{
    struct form_option sets[AUTH_SET_COUNT];

    for (int i = 0; i < AUTH_SET_COUNT; i++) {
        sets[i] = (struct form_option){authority_set_id(i), authority_set_label(i), v->set == i};
    }
    html_lit(b, "<form method=\"get\" action=\"/authorities\" novalidate>"
                "<div class=\"govuk-grid-row\">");
    filter(b, v->errors, v->nerrors, "set", "Authorities as they stood", sets, AUTH_SET_COUNT);
    view_authority_filters(b, v->type, v->region, v->errors, v->nerrors);
    html_lit(b, "</div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Apply filters</button></form>");
}

/*
 * The page is written as its list is read, each authority as it comes (nothing copied: a
 * fifth of the page's time went to copying 1,400 strings to write each once). The table's
 * head, whose caption counts them, is put in where the table starts once the count is known.
 */
size_t view_authorities_start(struct buf *b, const struct authorities_view *v,
                              const struct viewer *viewer)
{
    view_top_page_start(b, "Local authorities", "Local authorities", NAV_AUTHORITIES, v->errors,
                        v->nerrors, viewer);
    html_lit(b, "<h1 class=\"govuk-heading-l\">Local authorities</h1>"
                "<p class=\"govuk-body\">England&#39;s principal local authorities: counties, "
                "districts, metropolitan districts, London boroughs (with the City of London) "
                "and unitary authorities. A local Compact covers one or more of their areas.</p>");
    filter_form(b, v);
    return b->len;
}

void view_authorities_row(struct buf *b, const struct authority *a)
{
    table_row_start(b);
    table_cell_start(b, 0);
    view_authority_link(b, a);
    table_cell_end(b);
    table_cell(b, a->gss, 0);
    table_cell(b, authority_type_label(a->type), 0);
    table_cell(b, a->county_name, 0);
    table_cell(b, a->region, 0);
    table_row_end(b);
}

void view_authorities_end(struct buf *b, const struct authorities_view *v, size_t table_at)
{
    static const struct table_column cols[] = {{"Name", 0},
                                               {"GSS code", CELL_WIDE_ONLY},
                                               {"Type", 0},
                                               {"County", CELL_WIDE_ONLY},
                                               {"Region", 0}};
    struct buf caption = BUF_INIT, head = BUF_INIT;

    if (!v->nerrors) {
        count_phrase(&caption, v->n, "authority", "authorities");
        table_start(&head, &(struct table){.caption = caption.data,
                                           .flags = TABLE_SMALL_TEXT,
                                           .cols = cols,
                                           .ncols = 5});
        buf_insert(b, table_at, head.data, head.len);
        table_end(b);
        html_lit(b, "<p class=\"govuk-body\">Download this list as <a class=\"govuk-link\" "
                    "href=\"/api/v1/authorities.csv?set=");
        html_url(b, authority_set_id(v->set));
        if (v->type >= 0) {
            html_lit(b, "&amp;type=");
            html_url(b, authority_type_id(v->type));
        }
        if (v->region >= 0) {
            html_lit(b, "&amp;region=");
            html_url(b, region_id((size_t)v->region));
        }
        html_lit(b, "\">CSV</a>.</p>");
        buf_release(&head);
        buf_release(&caption);
    }
    view_top_page_end(b);
}
