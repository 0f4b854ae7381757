/* The coverage page: the form, the figures, the comparison with an earlier date, the hex map
 * with its key, the lists of authorities (those not covered filtered by type and region), the
 * chart. */
#include "page_coverage.h"

#include "chart.h"
#include "page_authorities.h"
#include "hexmap.h"
#include "components.h"
#include "html.h"
#include "base/banned.h"

static const char *error_for(const struct coverage_view *v, const char *field)
{
    return form_error_for(v->errors, v->nerrors, field);
}

/* The filters as hidden fields, so that the other form keeps them. */
static void hidden_filters(struct buf *b, const struct coverage_view *v)
{
    if (v->type >= 0) {
        form_hidden(b, "type", authority_type_id((enum authority_type)v->type));
    }
    if (v->region >= 0) {
        form_hidden(b, "region", region_id((size_t)v->region));
    }
}

static void form(struct buf *b, const struct coverage_view *v)
{
    struct form_option sets[AUTH_SET_COUNT];

    for (int i = 0; i < AUTH_SET_COUNT; i++) {
        sets[i] = (struct form_option){authority_set_id(i), authority_set_label(i), v->set == i};
    }
    html_lit(b, "<form method=\"get\" action=\"/coverage\" novalidate>");
    hidden_filters(b, v);
    form_date(b,
              &(struct form_field){.name = "as_of",
                                   .label = "Show coverage on",
                                   .hint = "For example, 31 3 2012. Leave it blank for today.",
                                   .error = error_for(v, "as_of"),
                                   .flags = FORM_BOLD},
              v->as_of_given);
    form_date(b,
              &(struct form_field){.name = "from",
                                   .label = "Compare with an earlier date (optional)",
                                   .hint = "To see which authorities gained or lost a local "
                                           "Compact in between, for example 1 4 2011.",
                                   .error = error_for(v, "from"),
                                   .flags = FORM_BOLD},
              v->from_given);
    form_select(b,
                &(struct form_field){.name = "set",
                                     .label = "Authorities as they stood",
                                     .error = error_for(v, "set"),
                                     .flags = FORM_BOLD},
                sets, AUTH_SET_COUNT);
    html_lit(b, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
                "Show coverage</button></form>");
}

/* "43 of 317 (13.6%)" */
static void part_of(struct buf *b, size_t part, size_t total)
{
    html_num(b, (long long)part);
    html_lit(b, " of ");
    html_num(b, (long long)total);
    count_share(b, part, total);
}

static void count_row(struct buf *b, const char *label, const struct coverage_count *c)
{
    table_row_start(b);
    table_row_head(b, label);
    table_cell_start(b, CELL_NUMERIC);
    part_of(b, c->covered, c->total);
    table_cell_end(b);
    table_share_cell(b, c->in_development, c->total);
    table_share_cell(b, c->total - c->covered - c->in_development, c->total);
    table_row_end(b);
}

static void counts(struct buf *b, const struct coverage *c)
{
    struct table_column cols[] = {{"Type", 0},
                                  {"Covered", CELL_NUMERIC},
                                  {"In development", CELL_NUMERIC},
                                  {"Not covered", CELL_NUMERIC}};
    struct table t = {.id = "by-type",
                      .caption = "By type of authority",
                      .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                      .cols = cols,
                      .ncols = 4};

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

/* The Compact of a row, linked to its page, and the county it covers the row through. */
static void compact_link(struct buf *b, const struct coverage_row *row)
{
    html_lit(b, "<a class=\"govuk-link\" href=\"/compacts/");
    html_num(b, row->compact_id);
    html_lit(b, "\">");
    html_text(b, row->compact_name);
    html_lit(b, "</a>");
    if (row->via_county) {
        html_lit(b, " (through ");
        html_text(b, row->authority->county_name);
        html_lit(b, ")");
    }
}

/* A row's start and its first cell: the authority's name linked to its page and, with under
 * set, its type and region under it (fewer columns: the table fits a phone), else in a cell of
 * their own (a line a row: a long list stays short). */
static void authority_cells(struct buf *b, const struct authority *a, int under)
{
    table_row_start(b);
    table_cell_start(b, 0);
    view_authority_link(b, a);
    if (under) {
        html_lit(b, "<span class=\"govuk-!-display-block\">");
    } else {
        table_cell_end(b);
        table_cell_start(b, 0);
    }
    html_text(b, authority_type_label(a->type));
    html_lit(b, ", ");
    html_text(b, a->region);
    if (under) {
        html_lit(b, "</span>");
    }
    table_cell_end(b);
}

/* What the lists of authorities not covered show: all, or those of the filters' type and
 * region. */
static int shown(const struct coverage_view *v, const struct authority *a)
{
    size_t r;
    return (v->type < 0 || (int)a->type == v->type) &&
           (v->region < 0 ||
            (a->region && region_parse(a->region, &r) == 0 && (int)r == v->region));
}

/* The authorities in state s (with filtered, those shown), by name, under a caption "N
 * authorities WHAT", with the Compact of each in a column last_col (NULL: none, and the type and
 * region in a column of their own); with none, a sentence saying so (none_text, or
 * none_filtered when filters leave none). */
static void state_table(struct buf *b, const struct coverage_view *v, enum coverage_state s,
                        int filtered, const char *id, const char *what, const char *last_col,
                        const char *none_text, const char *none_filtered)
{
    const struct coverage *c = v->cov;
    const struct table_column cols[] = {{"Authority", 0},
                                        {last_col ? last_col : "Type and region", 0}};
    struct buf caption = BUF_INIT, note = BUF_INIT;
    size_t n = 0;

    for (size_t i = 0; i < c->nrows; i++) {
        n += c->rows[i].state == s && (!filtered || shown(v, c->rows[i].authority));
    }
    if (!n) {
        html_lit(b, "<p class=\"govuk-body\" id=\"");
        html_attr(b, id);
        html_lit(b, "\">");
        html_text(b, filtered && (v->type >= 0 || v->region >= 0) ? none_filtered : none_text);
        html_lit(b, "</p>");
        return;
    }
    count_phrase(&caption, n, "authority", "authorities");
    buf_adds(&caption, what);
    if (filtered && v->type >= 0) { /* the filters */
        buf_addf(&note, "Type: %s. ", authority_type_plural((enum authority_type)v->type));
    }
    if (filtered && v->region >= 0) {
        buf_addf(&note, "Region: %s.", region_name((size_t)v->region));
    }
    table_start(b, &(struct table){.id = id,
                                   .caption = caption.data,
                                   .caption_note = note.len ? note.data : NULL,
                                   .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = 2});
    for (size_t i = 0; i < c->nrows; i++) {
        const struct coverage_row *row = &c->rows[i];
        if (row->state != s || (filtered && !shown(v, row->authority))) {
            continue;
        }
        authority_cells(b, row->authority, last_col != NULL);
        if (last_col) {
            table_cell_start(b, 0);
            compact_link(b, row);
            table_cell_end(b);
        }
        table_row_end(b);
    }
    table_end(b);
    buf_release(&caption);
    buf_release(&note);
}

/* The filters of the authorities not covered: a GET form that keeps the dates and the set. */
static void filter_form(struct buf *b, const struct coverage_view *v)
{
    html_lit(b, "<form method=\"get\" action=\"/coverage#not-covered\" novalidate>");
    if (v->as_of) {
        form_hidden(b, "as_of", v->as_of);
    }
    if (v->from) {
        form_hidden(b, "from", v->from);
    }
    form_hidden(b, "set", authority_set_id((enum authority_set)v->set));
    html_lit(b, "<div class=\"govuk-grid-row\">");
    view_authority_filters(b, v->type, v->region, v->errors, v->nerrors);
    html_lit(b, "</div><button type=\"submit\" class=\"govuk-button "
                "govuk-button--secondary\" data-module=\"govuk-button\">Filter the authorities "
                "not covered</button></form>");
}

/* The query of a download link: as_of, set and, with compared, from (escaped). */
static void download_query(struct buf *b, const struct coverage_view *v, int compared)
{
    char day[DATE_STRLEN + 1];

    date_format(v->cov->as_of, day);
    html_lit(b, "?as_of=");
    html_url(b, day);
    if (compared) {
        date_format(v->change->before->as_of, day);
        html_lit(b, "&amp;from=");
        html_url(b, day);
    }
    html_lit(b, "&amp;set=");
    html_url(b, authority_set_id(v->cov->set));
}

/* The links to the CSV and the JSON of the figures or, with compared, of the comparison. */
static void downloads(struct buf *b, const struct coverage_view *v, int compared)
{
    if (compared) {
        html_lit(b, "<p class=\"govuk-body\">Download the comparison as <a class=\"govuk-link\" "
                    "href=\"/api/v1/coverage.csv");
    } else {
        html_lit(b, "<p class=\"govuk-body\">Download these figures as <a class=\"govuk-link\" "
                    "href=\"/api/v1/coverage.csv");
    }
    download_query(b, v, compared);
    html_lit(b, "\">CSV</a>");
    if (compared) {
        html_lit(b, " (a line for each authority, with its state on both dates and whether it "
                    "gained or lost coverage)");
    }
    html_lit(b, " or <a class=\"govuk-link\" href=\"/api/v1/coverage");
    download_query(b, v, compared);
    html_lit(b, "\">JSON</a>.</p>");
}

/* One of three words as day is before, on or after today. */
static void tense(struct buf *b, const struct coverage_view *v, date_t day, const char *past,
                  const char *present, const char *future)
{
    html_text(b, day < v->today ? past : day == v->today ? present : future);
}

static void summary(struct buf *b, const struct coverage_view *v)
{
    const struct coverage *c = v->cov;
    size_t none = c->all.total - c->all.covered - c->all.in_development;

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
    count_share(b, c->all.covered, c->all.total);
    html_lit(b, " ");
    tense(b, v, c->as_of, "were", "are", "will be");
    html_lit(b, " covered by ");
    html_num(b, (long long)c->active_compacts);
    if (c->active_compacts == 1) {
        html_lit(b, " active local Compact.</p>");
    } else {
        html_lit(b, " active local Compacts.</p>");
    }
    html_lit(b, "<p class=\"govuk-body\" id=\"summary-rest\">");
    if (c->all.in_development) {
        html_lit(b, "A local Compact ");
        tense(b, v, c->as_of, "was", "is", "will be");
        html_lit(b, " in development for ");
        html_num(b, (long long)c->all.in_development);
        html_text(b, c->all.in_development == 1 ? " more authority" : " more authorities");
        count_share(b, c->all.in_development, c->all.total);
        html_lit(b, ". ");
    }
    html_num(b, (long long)none);
    html_text(b, none == 1 ? " authority" : " authorities");
    count_share(b, none, c->all.total);
    html_lit(b, " ");
    tense(b, v, c->as_of, "had", "have", "will have");
    html_lit(b, " no local Compact, in force or in development.</p>");
}

/* The comparison's figures on both dates, side by side. */
static void change_figures(struct buf *b, const struct coverage_change *ch)
{
    const struct coverage *dates[2] = {ch->before, ch->after};
    struct table_column cols[3] = {{"", CELL_HIDDEN}, {NULL, CELL_NUMERIC}, {NULL, CELL_NUMERIC}};
    struct buf head[2] = {BUF_INIT, BUF_INIT};

    for (int i = 0; i < 2; i++) {
        html_date(&head[i], dates[i]->as_of);
        cols[i + 1].head = head[i].data;
    }
    cols[0].head = "Figure";
    table_start(b, &(struct table){.id = "change-figures",
                                   .caption = "Coverage on the two dates",
                                   .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = 3});
    table_row_start(b);
    table_row_head(b, "Covered");
    for (int i = 0; i < 2; i++) {
        table_cell_start(b, CELL_NUMERIC);
        part_of(b, dates[i]->all.covered, dates[i]->all.total);
        table_cell_end(b);
    }
    table_row_end(b);
    table_row_start(b);
    table_row_head(b, "In development");
    for (int i = 0; i < 2; i++) {
        table_share_cell(b, dates[i]->all.in_development, dates[i]->all.total);
    }
    table_row_end(b);
    table_row_start(b);
    table_row_head(b, "Not covered");
    for (int i = 0; i < 2; i++) {
        const struct coverage_count *n = &dates[i]->all;
        table_share_cell(b, n->total - n->covered - n->in_development, n->total);
    }
    table_row_end(b);
    table_row_start(b);
    table_row_head(b, "Active Compacts");
    for (int i = 0; i < 2; i++) {
        table_num_cell(b, (long long)dates[i]->active_compacts);
    }
    table_row_end(b);
    table_end(b);
    buf_release(&head[0]);
    buf_release(&head[1]);
}

/* The authorities gained (lost 0) or lost, with the Compact that covers them on the later date
 * (gained) or covered them on the earlier one, and under it their state on the later (lost). */
static void change_table(struct buf *b, const struct coverage_change *ch, int lost)
{
    const struct coverage *c = lost ? ch->before : ch->after;
    const size_t *idx = lost ? ch->lost : ch->gained;
    size_t n = lost ? ch->nlost : ch->ngained;
    struct buf caption = BUF_INIT, head = BUF_INIT;
    struct table_column cols[2] = {{"Authority", 0}, {"Covered by", 0}};

    if (!n) {
        html_lit(b, "<p class=\"govuk-body\" id=\"");
        html_text(b, lost ? "lost" : "gained");
        html_lit(b, "\">");
        html_text(b, lost ? "No authority lost coverage." : "No authority gained coverage.");
        html_lit(b, "</p>");
        return;
    }
    count_phrase(&caption, n, "authority", "authorities");
    buf_adds(&caption, lost ? " lost coverage" : " gained coverage");
    if (lost) {
        buf_adds(&head, "Was covered by, and its state on ");
        html_date(&head, ch->after->as_of);
        cols[1].head = head.data;
    }
    table_start(b, &(struct table){.id = lost ? "lost" : "gained",
                                   .caption = caption.data,
                                   .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = 2});
    for (size_t i = 0; i < n; i++) {
        const struct coverage_row *row = &c->rows[idx[i]];
        authority_cells(b, row->authority, 1);
        table_cell_start(b, 0);
        compact_link(b, row);
        if (lost) {
            html_lit(b, "<span class=\"govuk-!-display-block govuk-!-margin-top-1\">");
            tag(b, ch->after->rows[idx[i]].state);
            html_lit(b, "</span>");
        }
        table_cell_end(b);
        table_row_end(b);
    }
    table_end(b);
    buf_release(&caption);
    buf_release(&head);
}

static void comparison(struct buf *b, const struct coverage_view *v)
{
    const struct coverage_change *ch = v->change;

    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"changes\">Changes from ");
    html_date(b, ch->before->as_of);
    html_lit(b, " to ");
    html_date(b, ch->after->as_of);
    html_lit(b, "</h2><p class=\"govuk-body\" id=\"changes-summary\">");
    if (ch->ngained) {
        html_num(b, (long long)ch->ngained);
        html_text(b, ch->ngained == 1 ? " authority" : " authorities");
    } else {
        html_lit(b, "No authority");
    }
    html_lit(b, " gained coverage and ");
    if (ch->nlost) {
        html_num(b, (long long)ch->nlost);
    } else {
        html_lit(b, "none");
    }
    html_lit(b, " lost it.</p>");
    change_figures(b, ch);
    change_table(b, ch, 0);
    change_table(b, ch, 1);
    downloads(b, v, 1);
}

static void report(struct buf *b, const struct coverage_view *v)
{
    const struct coverage *c = v->cov;

    summary(b, v);
    if (v->change) {
        comparison(b, v);
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"map\">Map</h2>");
    if (v->map) {
        html_lit(b, "<p class=\"govuk-body\">Each hexagon is a district, metropolitan district, "
                    "London borough or unitary authority; a district is covered when its "
                    "county&#39;s Compact is active. Select a hexagon to see the authority. The "
                    "<a class=\"govuk-link\" href=\"#not-covered\">lists below</a> give the "
                    "same information.</p><div class=\"govuk-grid-row\">"
                    "<div class=\"govuk-grid-column-two-thirds\"><div class=\"app-hex-map\">");
        view_hexmap(b, v->map, c,
                    c->set == AUTH_SET_2012
                        ? "Hex map of England's districts as they stood 2009 to 2019, each "
                          "shaded by whether a local Compact covers it"
                        : "Hex map of England's districts today, each shaded by whether a "
                          "local Compact covers it");
        html_lit(b, "</div></div><div class=\"govuk-grid-column-one-third\">");
        view_coverage_legend(b);
        html_lit(b, "</div></div>");
    } else {
        html_lit(b, "<p class=\"govuk-body\">The map cannot be drawn; the lists below give "
                    "the same information.</p>");
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"figures\">Figures</h2>");
    counts(b, c);
    downloads(b, v, 0);
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"not-covered\">Authorities not covered</h2>");
    filter_form(b, v);
    state_table(b, v, COVER_NONE, 1, "not-covered-list", " not covered", NULL,
                "Every authority has a local Compact, in force or in development.",
                "No authority of this type and region is without a local Compact.");
    state_table(b, v, COVER_IN_DEVELOPMENT, 1, "in-development",
                " where a local Compact is in development", "Compact in development",
                "No local Compact is in development.",
                "No local Compact is in development for an authority of this type and region.");
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"covered\">Authorities covered</h2>");
    state_table(b, v, COVER_COVERED, 0, "covered-list", " covered", "Covered by",
                "No authority is covered by an active local Compact.", NULL);
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"over-time\">Coverage over time</h2>");
    view_coverage_chart(b, v->points, v->npoints, c->as_of);
}

void view_coverage_page(struct buf *b, const struct coverage_view *v, const struct viewer *viewer)
{
    view_top_page_start(b, "Coverage of England by local Compacts", "Coverage", NAV_COVERAGE,
                        v->errors, v->nerrors, viewer);
    html_lit(b, "<h1 class=\"govuk-heading-l\">Coverage of England by local Compacts</h1>"
                "<p class=\"govuk-body\">An authority is covered on a date when a local Compact "
                "that is active on that date covers its area, or, for a district, its "
                "county&#39;s area. A county is covered only by a Compact of its own.</p>"
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/signups\">See which "
                "councils have signed the local Compact that covers their area</a></p>");
    form(b, v);
    if (!v->nerrors && v->cov) {
        report(b, v);
    } else if (error_for(v, "type") || error_for(v, "region")) {
        html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"not-covered\">Authorities not "
                    "covered</h2>");
        filter_form(b, v);
    }
    view_top_page_end(b);
}
