/* The open data pages: a funder's indicators and chart, and the grant and contract lists. */
#include "page_funder.h"

#include <stdio.h>
#include <string.h>

#include "html.h"
#include "base/banned.h"

static const char *error_in(const struct field_error *errors, size_t n, const char *field)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(errors[i].field, field)) {
            return errors[i].message;
        }
    }
    return NULL;
}

/* Pence as "£1,234,567.89". */
static void money(struct buf *b, int64_t pence)
{
    char digits[32];
    uint64_t a = pence < 0 ? (uint64_t)(-(pence + 1)) + 1 : (uint64_t)pence;
    int n = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)(a / 100));

    if (n < 0 || n >= (int)sizeof(digits)) {
        return; /* cannot happen: 20 digits at most */
    }
    if (pence < 0) {
        html_lit(b, "-");
    }
    html_lit(b, "£");
    for (int i = 0; i < n; i++) {
        buf_addc(b, digits[i]);
        if ((n - i - 1) % 3 == 0 && i + 1 < n) {
            buf_addc(b, ',');
        }
    }
    buf_addf(b, ".%02u", (unsigned)(a % 100));
}

/* A share as "42.5%". */
static void percent(struct buf *b, double share)
{
    buf_addf(b, "%.1f%%", share * 100);
}

static void row_start(struct buf *b, const char *key)
{
    html_lit(b, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
    html_text(b, key);
    html_lit(b, "</dt><dd class=\"govuk-summary-list__value\">");
}

static void row_end(struct buf *b)
{
    html_lit(b, "</dd></div>");
}

static void caveats(struct buf *b, const char *const *c, size_t n)
{
    if (!n) {
        return;
    }
    html_lit(b, "<div class=\"govuk-inset-text\"><ul class=\"govuk-list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(b, "<li>");
        html_text(b, c[i]);
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul></div>");
}

/* ---- the chart ---- */

#define CHART_W 800
#define CHART_H 400
#define PLOT_X0 80
#define PLOT_X1 780
#define PLOT_Y0 20
#define PLOT_Y1 330

static size_t nice_top(size_t max, size_t *step)
{
    static const size_t steps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000};
    size_t s = steps[sizeof(steps) / sizeof(steps[0]) - 1];
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        if (max / steps[i] <= 6) {
            s = steps[i];
            break;
        }
    }
    while (max / s > 6) {
        s *= 10; /* more than 30,000 grants a year */
    }
    *step = s;
    return (max / s + 1) * s;
}

static void text_at(struct buf *b, long long x, long long y, const char *anchor)
{
    html_lit(b, "<text x=\"");
    html_num(b, x);
    html_lit(b, "\" y=\"");
    html_num(b, y);
    html_lit(b, "\" text-anchor=\"");
    html_attr(b, anchor);
    html_lit(b, "\" font-size=\"16\" fill=\"#0b0c0c\">");
}

static void chart_table(struct buf *b, const struct indicators *ind)
{
    html_lit(b, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
                "govuk-table__caption--m\">Grants by calendar year of award</caption>"
                "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                "<th scope=\"col\" class=\"govuk-table__header\">Year</th>"
                "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
                "Grants</th>"
                "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
                "Value</th>"
                "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
                "Multi-year</th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < ind->ngrant_years; i++) {
        const struct ind_grants *g = &ind->grant_years[i].g;
        html_lit(b,
                 "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">");
        html_num(b, ind->grant_years[i].year);
        html_lit(b, "</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
        html_num(b, (long long)g->count);
        html_lit(b, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
        if (g->value_suppressed) {
            html_lit(b, "Not shown (fewer than ");
            html_num(b, (long long)ind->params.min_count);
            html_lit(b, " grants)");
        } else {
            money(b, g->value);
        }
        html_lit(b, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
        if (g->share_suppressed) {
            html_lit(b, "Not shown (");
            html_num(b, (long long)g->multi_year_known);
            html_lit(b, " with a known length)");
        } else {
            percent(b, g->share);
            html_lit(b, " (");
            html_num(b, (long long)g->multi_year);
            html_lit(b, " of ");
            html_num(b, (long long)g->multi_year_known);
            html_lit(b, ")");
        }
        html_lit(b, "</td></tr>");
    }
    html_lit(b, "</tbody></table>");
}

void view_grants_chart(struct buf *b, const struct indicators *ind)
{
    size_t max = 0, step, top, n = ind->ngrant_years, every;
    long long slot;

    if (!n) {
        html_lit(b, "<p class=\"govuk-body\">There are no grants to draw.</p>");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (ind->grant_years[i].g.count > max) {
            max = ind->grant_years[i].g.count;
        }
    }
    top = nice_top(max, &step);
    slot = (PLOT_X1 - PLOT_X0) / (long long)n;
    every = n <= 15 ? 1 : (n + 14) / 15;
    html_lit(b, "<div class=\"app-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
                "viewBox=\"0 0 800 400\" font-family=\"Arial, sans-serif\" role=\"img\" "
                "aria-labelledby=\"grants-chart-title\">"
                "<title id=\"grants-chart-title\">Bar chart of the number of grants in each "
                "calendar year from ");
    html_num(b, ind->grant_years[0].year);
    html_lit(b, " to ");
    html_num(b, ind->grant_years[n - 1].year);
    html_lit(b, "; the table below gives the figures</title>");
    for (size_t v = 0; v <= top; v += step) {
        long long y = PLOT_Y1 - (long long)v * (PLOT_Y1 - PLOT_Y0) / (long long)top;
        html_lit(b, "<path stroke=\"#b1b4b6\" stroke-width=\"1\" d=\"M80 ");
        html_num(b, y);
        html_lit(b, "H780\"/>");
        text_at(b, PLOT_X0 - 8, y + 5, "end");
        html_num(b, (long long)v);
        html_lit(b, "</text>");
    }
    for (size_t i = 0; i < n; i++) {
        size_t count = ind->grant_years[i].g.count;
        long long h = (long long)count * (PLOT_Y1 - PLOT_Y0) / (long long)top;
        long long x = PLOT_X0 + (long long)i * slot + slot / 8;
        html_lit(b, "<rect fill=\"#1d70b8\" x=\"");
        html_num(b, x);
        html_lit(b, "\" y=\"");
        html_num(b, PLOT_Y1 - h);
        html_lit(b, "\" width=\"");
        html_num(b, slot - slot / 4);
        html_lit(b, "\" height=\"");
        html_num(b, h);
        html_lit(b, "\"/>");
        if (i % every == 0) {
            text_at(b, x + (slot - slot / 4) / 2, PLOT_Y1 + 22, "middle");
            html_num(b, ind->grant_years[i].year);
            html_lit(b, "</text>");
        }
    }
    html_lit(b, "<path stroke=\"#0b0c0c\" stroke-width=\"2\" fill=\"none\" "
                "d=\"M80 20V330H780\"/>");
    text_at(b, (PLOT_X0 + PLOT_X1) / 2, 390, "middle");
    html_lit(b, "Calendar year of the award date</text>"
                "<text x=\"18\" y=\"175\" text-anchor=\"middle\" font-size=\"16\" "
                "fill=\"#0b0c0c\" transform=\"rotate(-90 18 175)\">Number of grants</text>"
                "</svg></div>");
    chart_table(b, ind);
}

/* ---- the funder page ---- */

static void org_path(struct buf *b, const char *prefix, const char *org, const char *suffix)
{
    buf_adds(b, prefix);
    html_url(b, org);
    buf_adds(b, suffix);
}

static void options_form(struct buf *b, const struct funder_view *v, const char *action)
{
    struct form_option *opts;
    struct form_option stack[17];
    size_t n = v->ncompacts < 16 ? v->ncompacts : 16;

    opts = stack;
    opts[0] = (struct form_option){"", "National defaults", !v->compact_id};
    for (size_t i = 0; i < n; i++) {
        opts[i + 1] =
            (struct form_option){v->compact_ids[i], v->compact_names[i],
                                 v->compact_id && !strcmp(v->compact_id, v->compact_ids[i])};
    }
    html_lit(b, "<form method=\"get\" action=\"");
    html_attr(b, action);
    html_lit(b, "\" novalidate><div class=\"govuk-grid-row\">"
                "<div class=\"govuk-grid-column-one-half\">");
    form_select(b, "compact_id", "Use the parameters of a local Compact", opts, n + 1,
                error_in(v->errors, v->nerrors, "compact_id"));
    html_lit(b, "</div><div class=\"govuk-grid-column-one-half\">");
    form_input(b, "min_count", "Minimum count for a figure to be shown", "text", "off",
               v->min_count, error_in(v->errors, v->nerrors, "min_count"));
    html_lit(b, "</div></div><button type=\"submit\" class=\"govuk-button "
                "govuk-button--secondary\" data-module=\"govuk-button\">Show the figures</button>"
                "</form>");
}

/* "?min_count=..&compact_id=.." as given (may be empty), escaped for an attribute. */
static void options_query(struct buf *b, const struct funder_view *v, int first)
{
    if (v->min_count && *v->min_count) {
        buf_adds(b, first ? "?" : "&");
        buf_adds(b, "min_count=");
        html_url(b, v->min_count);
        first = 0;
    }
    if (v->compact_id) {
        buf_adds(b, first ? "?" : "&");
        buf_adds(b, "compact_id=");
        html_url(b, v->compact_id);
    }
}

static void grants_section(struct buf *b, const struct funder_view *v, struct arena *arena)
{
    const struct indicators *ind = v->ind;
    const struct ind_grants *g = &ind->grants;
    const char *c[IND_CAVEATS_MAX];
    struct buf path = BUF_INIT;

    html_lit(b, "<h2 class=\"govuk-heading-m\">Grants</h2>");
    if (!g->count) {
        html_lit(b, "<p class=\"govuk-body\">No grants from this organisation have been "
                    "imported.</p>");
        return;
    }
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    row_start(b, "Grants");
    html_num(b, (long long)g->count);
    html_lit(b, " from ");
    html_num(b, ind->grant_years[0].year);
    html_lit(b, " to ");
    html_num(b, ind->grant_years[ind->ngrant_years - 1].year);
    row_end(b);
    row_start(b, "Value");
    if (g->value_suppressed) {
        html_lit(b, "Not shown");
    } else {
        money(b, g->value);
    }
    row_end(b);
    row_start(b, "Multi-year");
    if (g->share_suppressed) {
        html_lit(b, "Not shown");
    } else {
        percent(b, g->share);
        html_lit(b, " (");
        html_num(b, (long long)g->multi_year);
        html_lit(b, " of the ");
        html_num(b, (long long)g->multi_year_known);
        html_lit(b, " grants whose length is known)");
    }
    row_end(b);
    row_start(b, "Multi-year means");
    html_num(b, ind->params.min_funding_months);
    html_lit(b, " months or more (");
    html_text(b, param_source_phrase(v->params->source[PARAM_MIN_FUNDING_MONTHS]));
    html_lit(b, ")");
    row_end(b);
    html_lit(b, "</dl>");
    caveats(b, c, ind_grants_caveats(g, ind->params.min_count, arena, c));
    view_grants_chart(b, ind);
    html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
    org_path(&path, "/grants?funder=", v->org, "");
    html_attr(b, path.data);
    html_lit(b, "\">Every grant from this funder</a></p>");
    buf_release(&path);
}

static void ended_section(struct buf *b, const struct funder_view *v)
{
    const struct indicators *ind = v->ind;
    struct buf path = BUF_INIT;

    if (!ind->grants.count) {
        return;
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">Funding relationships that ended</h2>"
                "<p class=\"govuk-body\">Recipients funded in one year and not in the next. Where "
                "funding ended, the Compact asks for at least three months&#39; notice in writing: "
                "check that it was given.</p><div class=\"govuk-inset-text\">");
    html_text(b, ind_caveat_ended);
    html_lit(b, "</div>");
    if (!ind->nended) {
        html_lit(b, "<p class=\"govuk-body\">Every recipient was funded again the next "
                    "year.</p>");
        return;
    }
    html_lit(b, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
                "<span class=\"govuk-details__summary-text\">Show the ");
    html_num(b, (long long)ind->nended);
    html_lit(b, " recipients, each with a link to check the notice</span></summary>"
                "<div class=\"govuk-details__text\">"
                "<table class=\"govuk-table govuk-table--small-text-until-tablet\">"
                "<caption class=\"govuk-table__caption govuk-table__caption--s\">");
    html_num(b, (long long)ind->nended);
    html_lit(b, " recipients funded one year and not the next</caption>"
                "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                "<th scope=\"col\" class=\"govuk-table__header\">Recipient</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Last funded</th>"
                "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
                "Grants that year</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Check</th>"
                "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < ind->nended; i++) {
        const struct ind_ended *e = &ind->ended[i];
        html_lit(b, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        html_text(b, e->name ? e->name : e->recipient);
        if (e->recipient && e->name) {
            html_lit(b, "<br><span class=\"govuk-body-s\">");
            html_text(b, e->recipient);
            html_lit(b, "</span>");
        }
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        html_num(b, e->year);
        html_lit(b, " (none in ");
        html_num(b, e->year + 1);
        html_lit(b, ")</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
        html_num(b, (long long)e->grants);
        html_lit(b, "</td><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"");
        buf_reset(&path);
        ind_ended_check_path(&path, e, v->compact_id);
        html_attr(b, path.data);
        html_lit(b, "\">Check the notice<span class=\"govuk-visually-hidden\"> given to ");
        html_text(b, e->name ? e->name : e->recipient);
        html_lit(b, "</span></a></td></tr>");
    }
    html_lit(b, "</tbody></table></div></details>");
    buf_release(&path);
}

static void contracts_figures(struct buf *b, const struct ind_contracts *c,
                              const struct ind_params *p)
{
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    row_start(b, "Contracts");
    html_num(b, (long long)c->count);
    row_end(b);
    row_start(b, "Median tender period");
    if (c->median_suppressed) {
        html_lit(b, "Not shown (");
        html_num(b, (long long)c->with_period);
        html_lit(b, " tenders can be measured)");
    } else {
        buf_addf(b, "%.1f days (", c->median_days);
        html_num(b, (long long)c->with_period);
        html_lit(b, " tenders measured)");
    }
    row_end(b);
    row_start(b, "Shorter than the local minimum");
    if (!c->rule_applies) {
        html_lit(b, "The rule does not apply: no local Compact sets a minimum tender period "
                    "here");
    } else if (c->median_suppressed) {
        html_lit(b, "Not shown");
    } else {
        html_num(b, (long long)c->under_min);
        html_lit(b, " shorter than ");
        html_num(b, p->min_tender_days);
        html_lit(b, " days");
    }
    row_end(b);
    row_start(b, "Suitable for VCSE organisations");
    if (c->vcse_suppressed) {
        html_lit(b, "Not shown (");
        html_num(b, (long long)c->vcse_known);
        html_lit(b, " tenders say)");
    } else {
        percent(b, c->vcse_share);
        html_lit(b, " (");
        html_num(b, (long long)c->vcse_suitable);
        html_lit(b, " of the ");
        html_num(b, (long long)c->vcse_known);
        html_lit(b, " tenders that say)");
    }
    row_end(b);
    html_lit(b, "</dl>");
}

static void contracts_section(struct buf *b, const struct funder_view *v, struct arena *arena)
{
    const struct indicators *ind = v->ind;
    const char *c[IND_CAVEATS_MAX];
    struct buf path = BUF_INIT;

    html_lit(b, "<h2 class=\"govuk-heading-m\">Contracts</h2>");
    if (!ind->contracts.count) {
        html_lit(b, "<p class=\"govuk-body\">No contracts with this organisation as the buyer "
                    "have been imported.</p>");
        return;
    }
    contracts_figures(b, &ind->contracts, &ind->params);
    caveats(b, c, ind_contracts_caveats(&ind->contracts, ind->params.min_count, arena, c));
    html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
    org_path(&path, "/contracts?buyer=", v->org, "");
    html_attr(b, path.data);
    html_lit(b, "\">Every contract of this buyer</a></p>");
    buf_release(&path);
}

void view_funder_page(struct buf *b, const struct funder_view *v, struct arena *arena,
                      const struct viewer *viewer)
{
    const char *name = v->name ? v->name : v->org;
    struct buf org = BUF_INIT, path = BUF_INIT;
    struct crumb crumbs[4] = {{"Home", "/"}, {"Organisations", "/organisations"}};
    struct layout l = {.title = "Funding and contracts",
                       .nav = NAV_NONE,
                       .crumbs = crumbs,
                       .ncrumbs = 3,
                       .has_error = v->nerrors > 0,
                       .viewer = viewer};

    if (v->ref) {
        org_path(&org, "/organisations/", v->ref, "");
        crumbs[2] = (struct crumb){name, org.data};
        crumbs[3] = (struct crumb){"Funding and contracts", NULL};
        l.ncrumbs = 4;
    } else {
        crumbs[2] = (struct crumb){"Funding and contracts", NULL};
    }
    view_layout_start(b, &l);
    if (v->nerrors) {
        form_error_summary(b, v->errors, v->nerrors);
    }
    html_lit(b, "<span class=\"govuk-caption-l\">");
    html_text(b, name);
    html_lit(b, "</span><h1 class=\"govuk-heading-l\">Funding and contracts</h1>"
                "<p class=\"govuk-body\">What this organisation&#39;s published grants "
                "(360Giving) and contracts (Open Contracting) show, read through the Compact: "
                "multi-year funding, funding that ended, and time to bid. A figure resting on "
                "fewer than ");
    html_num(b, v->ind ? (long long)v->ind->params.min_count : INDICATORS_MIN_COUNT_DEFAULT);
    html_lit(b, " records is not shown.</p><p class=\"govuk-body\">");
    html_text(b, ind_caveat_year_basis);
    html_lit(b, "</p>");
    org_path(&path, "/organisations/", v->ref ? v->ref : v->org, "/funding");
    options_form(b, v, path.data);
    if (v->ind) {
        grants_section(b, v, arena);
        ended_section(b, v);
        contracts_section(b, v, arena);
        buf_reset(&path);
        org_path(&path, "/api/v1/organisations/", v->org, "/indicators");
        html_lit(b, "<h2 class=\"govuk-heading-m\">Download</h2><p class=\"govuk-body\">"
                    "These figures as <a class=\"govuk-link\" href=\"");
        html_attr(b, path.data);
        buf_reset(&path);
        org_path(&path, "", "", "");
        options_query(&path, v, 1);
        html_attr(b, path.data);
        html_lit(b, "\">JSON</a> or, by year, as <a class=\"govuk-link\" href=\"");
        buf_reset(&path);
        org_path(&path, "/api/v1/organisations/", v->org, "/indicators.csv");
        options_query(&path, v, 1);
        html_attr(b, path.data);
        html_lit(b, "\">CSV</a>.</p>");
    }
    view_layout_end(b);
    buf_release(&org);
    buf_release(&path);
}

/* ---- the lists ---- */

static void list_query(struct buf *b, const struct opendata_list_view *v)
{
    const char *names[4] = {v->grants ? "funder" : "buyer", v->grants ? "recipient" : "supplier",
                            "year", "q"};
    const char *values[4] = {v->org, v->counterpart, v->year, v->q};
    int more = 0;
    for (size_t i = 0; i < 4; i++) {
        if (values[i] && *values[i]) {
            buf_adds(b, more ? "&" : "");
            buf_adds(b, names[i]);
            buf_addc(b, '=');
            html_url(b, values[i]);
            more = 1;
        }
    }
}

static void list_form(struct buf *b, const struct opendata_list_view *v)
{
    html_lit(b, "<form method=\"get\" action=\"");
    if (v->grants) {
        html_lit(b, "/grants");
    } else {
        html_lit(b, "/contracts");
    }
    html_lit(b, "\" novalidate><div class=\"govuk-grid-row\">"
                "<div class=\"govuk-grid-column-one-half\">");
    form_input(b, v->grants ? "funder" : "buyer", v->grants ? "Funder's org-id" : "Buyer's org-id",
               "text", "off", v->org,
               error_in(v->errors, v->nerrors, v->grants ? "funder" : "buyer"));
    html_lit(b, "</div><div class=\"govuk-grid-column-one-half\">");
    form_input(b, v->grants ? "recipient" : "supplier",
               v->grants ? "Recipient's org-id" : "Supplier's org-id", "text", "off",
               v->counterpart,
               error_in(v->errors, v->nerrors, v->grants ? "recipient" : "supplier"));
    html_lit(b, "</div></div><div class=\"govuk-grid-row\">"
                "<div class=\"govuk-grid-column-one-half\">");
    form_input(b, "year", v->grants ? "Year of award" : "Year the tender opened", "text", "off",
               v->year, error_in(v->errors, v->nerrors, "year"));
    html_lit(b, "</div><div class=\"govuk-grid-column-one-half\">");
    form_input(b, "q", v->grants ? "Search titles and recipients" : "Search titles", "search",
               "off", v->q, error_in(v->errors, v->nerrors, "q"));
    html_lit(b, "</div></div><button type=\"submit\" class=\"govuk-button "
                "govuk-button--secondary\" data-module=\"govuk-button\">Apply filters</button>"
                "</form>");
}

static void cell(struct buf *b, const char *s)
{
    html_lit(b, "<td class=\"govuk-table__cell\">");
    html_text(b, s && *s ? s : "Not given");
    html_lit(b, "</td>");
}

static void grant_table(struct buf *b, const struct opendata_list_view *v)
{
    html_lit(b, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                "<th scope=\"col\" class=\"govuk-table__header\">Awarded</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Grant</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Funder</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Recipient</th>"
                "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
                "Amount</th>"
                "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
                "Months</th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < v->n; i++) {
        const struct grant_item *g = &v->grant_items[i];
        html_lit(b, "<tr class=\"govuk-table__row\">");
        cell(b, g->award_date);
        cell(b, g->title);
        cell(b, g->funder_name ? g->funder_name : g->funder_id);
        cell(b, g->recipient_name ? g->recipient_name : g->recipient_id);
        html_lit(b, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
        if (g->currency && strcmp(g->currency, "GBP")) {
            html_text(b, g->currency);
            html_lit(b, " ");
            buf_addf(b, "%lld.%02lld", (long long)(g->amount / 100),
                     (long long)(g->amount % 100 < 0 ? -(g->amount % 100) : g->amount % 100));
        } else {
            money(b, g->amount);
        }
        html_lit(b, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
        if (g->duration_months >= 0) {
            html_num(b, g->duration_months);
        } else {
            html_lit(b, "Not given");
        }
        html_lit(b, "</td></tr>");
    }
}

static void contract_table(struct buf *b, const struct opendata_list_view *v)
{
    html_lit(b, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                "<th scope=\"col\" class=\"govuk-table__header\">Released</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Contract</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Buyer</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Tender period</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Suitable for VCSE</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Suppliers</th>"
                "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < v->n; i++) {
        const struct contract_item *c = &v->contract_items[i];
        const char *from = c->tender_start ? c->tender_start : c->tender_published;
        html_lit(b, "<tr class=\"govuk-table__row\">");
        cell(b, c->release_date);
        cell(b, c->title ? c->title : c->ocid);
        cell(b, c->buyer_name ? c->buyer_name : c->buyer_id);
        html_lit(b, "<td class=\"govuk-table__cell\">");
        if (from || c->tender_end) {
            html_text(b, from ? from : "?");
            html_lit(b, " to ");
            html_text(b, c->tender_end ? c->tender_end : "?");
        } else {
            html_lit(b, "Not given");
        }
        html_lit(b, "</td>");
        cell(b, c->vcse_suitable < 0 ? NULL : c->vcse_suitable ? "Yes" : "No");
        cell(b, c->suppliers);
        html_lit(b, "</tr>");
    }
}

static void list_pagination(struct buf *b, const struct opendata_list_view *v)
{
    struct buf q = BUF_INIT;
    if (v->first_page && !v->next) {
        return;
    }
    list_query(&q, v);
    html_lit(b, "<nav class=\"govuk-pagination govuk-pagination--block\" "
                "aria-label=\"Pagination\">");
    if (!v->first_page) {
        html_lit(b, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link "
                    "govuk-pagination__link\" href=\"");
        html_attr(b, v->grants ? "/grants?" : "/contracts?");
        html_attr(b, q.data);
        html_lit(b, "\" rel=\"prev\"><span class=\"govuk-pagination__link-title\">First"
                    "<span class=\"govuk-visually-hidden\"> page</span></span></a></div>");
    }
    if (v->next) {
        html_lit(b, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link "
                    "govuk-pagination__link\" href=\"");
        html_attr(b, v->grants ? "/grants?" : "/contracts?");
        html_attr(b, q.data);
        html_attr(b, q.len ? "&cursor=" : "cursor=");
        html_url(b, v->next);
        html_lit(b, "\" rel=\"next\"><span class=\"govuk-pagination__link-title\">Next"
                    "<span class=\"govuk-visually-hidden\"> page</span></span></a></div>");
    }
    html_lit(b, "</nav>");
    buf_release(&q);
}

void view_opendata_list_page(struct buf *b, const struct opendata_list_view *v,
                             const struct viewer *viewer)
{
    const char *title = v->grants ? "Grants" : "Contracts";
    const struct crumb crumbs[] = {{"Home", "/"}, {title, NULL}};
    const struct layout l = {.title = title,
                             .nav = NAV_NONE,
                             .crumbs = crumbs,
                             .ncrumbs = 2,
                             .has_error = v->nerrors > 0,
                             .viewer = viewer};
    struct buf q = BUF_INIT;

    view_layout_start(b, &l);
    if (v->nerrors) {
        form_error_summary(b, v->errors, v->nerrors);
    }
    html_lit(b, "<h1 class=\"govuk-heading-l\">");
    html_text(b, title);
    html_lit(b, "</h1>");
    if (v->grants) {
        html_lit(b, "<p class=\"govuk-body\">Grants published by funders in the 360Giving Data "
                    "Standard, newest first.</p>");
    } else {
        html_lit(b, "<p class=\"govuk-body\">Contracting processes published in the Open "
                    "Contracting Data Standard, newest first.</p>");
    }
    list_form(b, v);
    if (!v->nerrors) {
        html_lit(b, "<table class=\"govuk-table govuk-table--small-text-until-tablet\">"
                    "<caption class=\"govuk-table__caption govuk-table__caption--m\">");
        html_num(b, (long long)v->total);
        html_text(b, v->grants ? (v->total == 1 ? " grant" : " grants")
                               : (v->total == 1 ? " contract" : " contracts"));
        if (v->total > v->n) {
            html_lit(b, " <span class=\"govuk-caption-m\">This page shows ");
            html_num(b, (long long)v->n);
            html_lit(b, ".</span>");
        }
        html_lit(b, "</caption>");
        if (v->grants) {
            grant_table(b, v);
        } else {
            contract_table(b, v);
        }
        html_lit(b, "</tbody></table>");
        list_pagination(b, v);
        list_query(&q, v);
        html_lit(b, "<p class=\"govuk-body\">Download every one that matches as <a "
                    "class=\"govuk-link\" href=\"");
        html_attr(b, v->grants ? "/api/v1/grants.csv" : "/api/v1/contracts.csv");
        if (q.len) {
            html_lit(b, "?");
            html_attr(b, q.data);
        }
        html_lit(b, "\">CSV</a>.</p>");
    }
    view_layout_end(b);
    buf_release(&q);
}
