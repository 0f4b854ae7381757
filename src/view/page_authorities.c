/* The local authorities page: filter form, summary and table. */
#include "page_authorities.h"

#include <string.h>

#include "form.h"
#include "html.h"
#include "layout.h"
#include "base/banned.h"

static const char *error_for(const struct authorities_view *v, const char *field)
{
    for (size_t i = 0; i < v->nerrors; i++) {
        if (!strcmp(v->errors[i].field, field)) {
            return v->errors[i].message;
        }
    }
    return NULL;
}

static void filter_form(struct buf *b, const struct authorities_view *v)
{
    struct form_option sets[AUTH_SET_COUNT], types[AUTH_TYPE_COUNT + 1], regions[REGION_COUNT + 1];

    for (int i = 0; i < AUTH_SET_COUNT; i++) {
        sets[i] = (struct form_option){authority_set_id(i), authority_set_label(i), v->set == i};
    }
    types[0] = (struct form_option){"", "All types", v->type < 0};
    for (int i = 0; i < AUTH_TYPE_COUNT; i++) {
        types[i + 1] =
            (struct form_option){authority_type_id(i), authority_type_label(i), v->type == i};
    }
    regions[0] = (struct form_option){"", "All regions", v->region < 0};
    for (int i = 0; i < REGION_COUNT; i++) {
        regions[i + 1] =
            (struct form_option){region_id((size_t)i), region_name((size_t)i), v->region == i};
    }
    html_lit(b, "<form method=\"get\" action=\"/authorities\" novalidate>"
                "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-third\">");
    form_select(b, "set", "Authorities as they stood", sets, AUTH_SET_COUNT, error_for(v, "set"));
    html_lit(b, "</div><div class=\"govuk-grid-column-one-third\">");
    form_select(b, "type", "Type", types, AUTH_TYPE_COUNT + 1, error_for(v, "type"));
    html_lit(b, "</div><div class=\"govuk-grid-column-one-third\">");
    form_select(b, "region", "Region", regions, REGION_COUNT + 1, error_for(v, "region"));
    html_lit(b,
             "</div></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
             "data-module=\"govuk-button\">Apply filters</button></form>");
}

static void table(struct buf *b, const struct authorities_view *v)
{
    html_lit(b, "<table class=\"govuk-table govuk-table--small-text-until-tablet\">"
                "<caption class=\"govuk-table__caption govuk-table__caption--m\">");
    html_num(b, (long long)v->n);
    if (v->n == 1) {
        html_lit(b, " authority");
    } else {
        html_lit(b, " authorities");
    }
    html_lit(b, "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">GSS code</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Type</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">County</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Region</th>"
                "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < v->n; i++) {
        const struct authority *a = &v->items[i];
        html_lit(b, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
                    "<a class=\"govuk-link\" href=\"/authorities/");
        html_url(b, a->gss);
        html_lit(b, "\">");
        html_text(b, a->name);
        html_lit(b, "</a></td><td class=\"govuk-table__cell\">");
        html_text(b, a->gss);
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        html_text(b, authority_type_label(a->type));
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        html_text(b, a->county_name);
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        html_text(b, a->region);
        html_lit(b, "</td></tr>");
    }
    html_lit(b, "</tbody></table>");
}

void view_authorities_page(struct buf *b, const struct authorities_view *v,
                           const struct viewer *viewer)
{
    static const struct crumb crumbs[] = {{"Home", "/"}, {"Local authorities", NULL}};
    struct layout l = {.title = "Local authorities",
                       .nav = NAV_AUTHORITIES,
                       .crumbs = crumbs,
                       .ncrumbs = 2,
                       .has_error = v->nerrors > 0,
                       .viewer = viewer};

    view_layout_start(b, &l);
    if (v->nerrors) {
        form_error_summary(b, v->errors, v->nerrors);
    }
    html_lit(b, "<h1 class=\"govuk-heading-l\">Local authorities</h1>"
                "<p class=\"govuk-body\">England&#39;s principal local authorities: counties, "
                "districts, metropolitan districts, London boroughs (with the City of London) "
                "and unitary authorities. A local Compact covers one or more of their areas.</p>");
    filter_form(b, v);
    if (!v->nerrors) {
        table(b, v);
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
    }
    view_layout_end(b);
}
