/* The coverage page: the form, the figures, the hex map with its key, the tables, the chart. */
#include "page_coverage.h"

#include "chart.h"
#include "hexmap.h"
#include "components.h"
#include "html.h"
#include "base/banned.h"

static const char *error_for(const struct coverage_view *v, const char *field)
{
    return form_error_for(v->errors, v->nerrors, field);
}

static void form(struct buf *b, const struct coverage_view *v)
{
    struct form_option sets[AUTH_SET_COUNT];
    char today[DATE_STRLEN + 1] = "";

    for (int i = 0; i < AUTH_SET_COUNT; i++) {
        sets[i] = (struct form_option){authority_set_id(i), authority_set_label(i), v->set == i};
    }
    if (!v->as_of && v->cov) {
        date_format(v->cov->as_of, today);
    }
    html_lit(b, "<form method=\"get\" action=\"/coverage\" novalidate>"
                "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-third\">");
    form_text_input(b, &(struct form_field){.name = "as_of",
                                            .label = "Date (YYYY-MM-DD)",
                                            .error = error_for(v, "as_of"),
                                            .value = v->as_of ? v->as_of : today,
                                            .autocomplete = "off",
                                            .flags = FORM_NO_SPELLCHECK});
    html_lit(b, "</div><div class=\"govuk-grid-column-two-thirds\">");
    form_select(b,
                &(struct form_field){.name = "set",
                                     .label = "Authorities as they stood",
                                     .error = error_for(v, "set")},
                sets, AUTH_SET_COUNT);
    html_lit(b, "</div></div><button type=\"submit\" class=\"govuk-button "
                "govuk-button--secondary\" data-module=\"govuk-button\">Show coverage</button>"
                "</form>");
}

static void count_row(struct buf *b, const char *label, const struct coverage_count *c)
{
    table_row_start(b);
    table_row_head(b, label);
    table_num_cell(b, (long long)c->covered);
    table_num_cell(b, (long long)c->total);
    table_row_end(b);
}

static void counts(struct buf *b, const struct coverage *c)
{
    struct table_column cols[] = {{"Type", 0}, {"Covered", CELL_NUMERIC}, {"Of", CELL_NUMERIC}};
    struct table t = {.id = "by-type",
                      .caption = "By type of authority",
                      .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                      .cols = cols,
                      .ncols = 3};

    table_start(b, &t);
    for (int i = 0; i < AUTH_TYPE_COUNT; i++) {
        if (c->by_type[i].total) {
            count_row(b, authority_type_plural((enum authority_type)i), &c->by_type[i]);
        }
    }
    count_row(b, "All authorities", &c->all);
    table_end(b);
    cols[0].head = "Region";
    t.id = "by-region";
    t.caption = "By region";
    table_start(b, &t);
    for (size_t r = 0; r < REGION_COUNT; r++) {
        count_row(b, region_name(r), &c->by_region[r]);
    }
    table_end(b);
}

static void tag(struct buf *b, enum coverage_state s)
{
    switch (s) {
    case COVER_COVERED:
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--green\">");
        break;
    case COVER_IN_DEVELOPMENT:
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--blue\">");
        break;
    default:
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--grey\">");
        break;
    }
    html_text(b, coverage_state_label(s));
    html_lit(b, "</strong>");
}

/* The Compact of a row, linked to its page. */
static void compact_link(struct buf *b, const struct coverage_row *row)
{
    html_lit(b, "<a class=\"govuk-link\" href=\"/compacts/");
    html_num(b, row->compact_id);
    html_lit(b, "\">");
    html_text(b, row->compact_name);
    html_lit(b, "</a>");
}

/* The authorities in state covered (or, with covered 0, every other), by name. */
static void authority_table(struct buf *b, const struct coverage *c, int covered)
{
    const struct table_column cols[] = {
        {"Authority", 0}, {"Type", 0}, {"Region", 0}, {covered ? "Covered by" : "State", 0}};
    size_t n = covered ? c->all.covered : c->all.total - c->all.covered;
    struct buf caption = BUF_INIT;

    count_phrase(&caption, n, "authority", "authorities");
    buf_adds(&caption, covered ? " covered" : " not covered");
    table_start(b, &(struct table){.id = covered ? "covered" : "not-covered",
                                   .caption = caption.data,
                                   .flags = TABLE_SMALL_TEXT,
                                   .cols = cols,
                                   .ncols = 4});
    for (size_t i = 0; i < c->nrows; i++) {
        const struct coverage_row *row = &c->rows[i];
        if ((row->state == COVER_COVERED) != covered) {
            continue;
        }
        table_row_start(b);
        table_cell_start(b, 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"/authorities/");
        html_url(b, row->authority->gss);
        html_lit(b, "\">");
        html_text(b, row->authority->name);
        html_lit(b, "</a>");
        table_cell_end(b);
        table_cell(b, authority_type_label(row->authority->type), 0);
        table_cell(b, row->authority->region, 0);
        table_cell_start(b, 0);
        if (covered) {
            compact_link(b, row);
            if (row->via_county) {
                html_lit(b, " (through ");
                html_text(b, row->authority->county_name);
                html_lit(b, ")");
            }
        } else {
            tag(b, row->state);
            if (row->compact_name) {
                html_lit(b, " ");
                compact_link(b, row);
            }
        }
        table_cell_end(b);
        table_row_end(b);
    }
    table_end(b);
    buf_release(&caption);
}

static void downloads(struct buf *b, const struct coverage *c)
{
    char day[DATE_STRLEN + 1];

    date_format(c->as_of, day);
    html_lit(b, "<p class=\"govuk-body\">Download these figures as <a class=\"govuk-link\" "
                "href=\"/api/v1/coverage.csv?as_of=");
    html_url(b, day);
    html_lit(b, "&amp;set=");
    html_url(b, authority_set_id(c->set));
    html_lit(b, "\">CSV</a> or <a class=\"govuk-link\" href=\"/api/v1/coverage?as_of=");
    html_url(b, day);
    html_lit(b, "&amp;set=");
    html_url(b, authority_set_id(c->set));
    html_lit(b, "\">JSON</a>.</p>");
}

static void report(struct buf *b, const struct coverage_view *v)
{
    const struct coverage *c = v->cov;

    html_lit(b, "<p class=\"govuk-body-l\" id=\"summary\">On ");
    html_date(b, c->as_of);
    html_lit(b, ", ");
    html_num(b, (long long)c->all.covered);
    html_lit(b, " of the ");
    html_num(b, (long long)c->all.total);
    if (c->set == AUTH_SET_2012) {
        html_lit(b, " local authorities of 2009 to 2019");
    } else {
        html_lit(b, " local authorities of today");
    }
    if (v->as_of) {
        html_lit(b, " were covered by ");
    } else {
        html_lit(b, " are covered by "); /* today's coverage */
    }
    html_num(b, (long long)c->active_compacts);
    if (c->active_compacts == 1) {
        html_lit(b, " active local Compact.</p>");
    } else {
        html_lit(b, " active local Compacts.</p>");
    }
    if (c->all.in_development) {
        html_lit(b, "<p class=\"govuk-body\">A Compact is in development for ");
        html_num(b, (long long)c->all.in_development);
        if (c->all.in_development == 1) {
            html_lit(b, " more authority.</p>");
        } else {
            html_lit(b, " more authorities.</p>");
        }
    }
    html_lit(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
                "<h2 class=\"govuk-heading-m\">Map</h2>");
    if (v->map) {
        html_lit(b, "<p class=\"govuk-body\">Each hexagon is a district, metropolitan district, "
                    "London borough or unitary authority; a district is covered when its "
                    "county&#39;s Compact is active. Select a hexagon to see the authority. The "
                    "<a class=\"govuk-link\" href=\"#not-covered\">tables below</a> give the "
                    "same information.</p><div class=\"app-hex-map\">");
        view_hexmap(b, v->map, c,
                    c->set == AUTH_SET_2012
                        ? "Hex map of England's districts as they stood 2009 to 2019, each "
                          "shaded by whether a local Compact covers it"
                        : "Hex map of England's districts today, each shaded by whether a "
                          "local Compact covers it");
        html_lit(b, "</div>");
        view_coverage_legend(b);
    } else {
        html_lit(b, "<p class=\"govuk-body\">The map cannot be drawn; the tables below give "
                    "the figures.</p>");
    }
    html_lit(b, "</div><div class=\"govuk-grid-column-one-third\">"
                "<h2 class=\"govuk-heading-m\">Figures</h2>");
    counts(b, c);
    html_lit(b, "</div></div>");
    downloads(b, c);
    authority_table(b, c, 0);
    authority_table(b, c, 1);
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"over-time\">Coverage over time</h2>");
    view_coverage_chart(b, v->points, v->npoints, c->all.total, c->as_of);
}

void view_coverage_page(struct buf *b, const struct coverage_view *v, const struct viewer *viewer)
{
    view_top_page_start(b, "Coverage of England by local Compacts", "Coverage", NAV_COVERAGE,
                        v->errors, v->nerrors, viewer);
    html_lit(b, "<h1 class=\"govuk-heading-l\">Coverage of England by local Compacts</h1>"
                "<p class=\"govuk-body\">An authority is covered on a date when a local Compact "
                "that is active on that date covers its area, or, for a district, its "
                "county&#39;s area. A county is covered only by a Compact of its own.</p>");
    form(b, v);
    if (!v->nerrors && v->cov) {
        report(b, v);
    }
    view_top_page_end(b);
}
