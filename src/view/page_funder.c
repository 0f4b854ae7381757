/* The open data pages: a funder's indicators and chart, and the grant and contract lists. */
#include "page_funder.h"

#include <string.h>

#include "components.h"
#include "html.h"
#include "base/banned.h"

/*
 * A share with the counts it rests on, "42.5% (17 of the 40 tenders that say)", or, held back
 * below the minimum count, the counts alone: "17 of the 40 tenders that say (too few for a
 * share)".
 */
static void share_of(struct buf *b, int shown, double share, size_t part, size_t whole,
                     const char *what)
{
    if (shown) {
        html_percent(b, share);
        html_lit(b, " (");
    }
    html_num(b, (long long)part);
    html_lit(b, " of the ");
    html_num(b, (long long)whole);
    html_lit(b, " ");
    html_text(b, what);
    if (shown) {
        html_lit(b, ")");
    } else {
        html_lit(b, " (too few for a share)");
    }
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
    form_select(b,
                &(struct form_field){.name = "compact_id",
                                     .label = "Use the parameters of a local Compact",
                                     .error = form_error_for(v->errors, v->nerrors, "compact_id")},
                opts, n + 1);
    html_lit(b, "</div><div class=\"govuk-grid-column-one-half\">");
    form_text_input(
        b, &(struct form_field){.name = "min_count",
                                .label = "Minimum count for a figure to be shown",
                                .error = form_error_for(v->errors, v->nerrors, "min_count"),
                                .value = v->min_count,
                                .autocomplete = "off",
                                .flags = FORM_NO_SPELLCHECK});
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
    summary_row_start(b, "Grants", 0);
    html_num(b, (long long)g->count);
    html_lit(b, " from ");
    html_num(b, ind->grant_years[0].year);
    html_lit(b, " to ");
    html_num(b, ind->grant_years[ind->ngrant_years - 1].year);
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Value", 0);
    html_money(b, g->value);
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Multi-year", 0);
    share_of(b, !g->share_suppressed, g->share, g->multi_year, g->multi_year_known,
             "grants whose length is known");
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Multi-year means", 0);
    html_num(b, ind->params.min_funding_months);
    html_lit(b, " months or more (");
    html_text(b, param_source_phrase(v->params->source[PARAM_MIN_FUNDING_MONTHS]));
    html_lit(b, ")");
    summary_row_end(b, NULL, NULL);
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
    static const struct table_column cols[] = {
        {"Recipient", 0}, {"Last funded", 0}, {"Grants that year", CELL_NUMERIC}, {"Check", 0}};
    const struct indicators *ind = v->ind;
    struct buf path = BUF_INIT, caption = BUF_INIT;

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
                "<div class=\"govuk-details__text\">");
    buf_addf(&caption, "%zu recipients funded one year and not the next", ind->nended);
    table_start(b, &(struct table){.caption = caption.data,
                                   .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = 4});
    for (size_t i = 0; i < ind->nended; i++) {
        const struct ind_ended *e = &ind->ended[i];
        table_row_start(b);
        table_cell_start(b, 0);
        html_text(b, e->name ? e->name : e->recipient);
        if (e->recipient && e->name) {
            html_lit(b, "<br><span class=\"govuk-body-s\">");
            html_text(b, e->recipient);
            html_lit(b, "</span>");
        }
        table_cell_end(b);
        table_cell_start(b, 0);
        html_num(b, e->year);
        html_lit(b, " (none in ");
        html_num(b, e->year + 1);
        html_lit(b, ")");
        table_cell_end(b);
        table_num_cell(b, (long long)e->grants);
        table_cell_start(b, 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"");
        buf_reset(&path);
        ind_ended_check_path(&path, e, v->compact_id);
        html_attr(b, path.data);
        html_lit(b, "\">Check the notice<span class=\"govuk-visually-hidden\"> given to ");
        html_text(b, e->name ? e->name : e->recipient);
        html_lit(b, "</span></a>");
        table_cell_end(b);
        table_row_end(b);
    }
    table_end(b);
    html_lit(b, "</div></details>");
    buf_release(&path);
    buf_release(&caption);
}

static void contracts_figures(struct buf *b, const struct ind_contracts *c,
                              const struct ind_params *p)
{
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    summary_row_start(b, "Contracts", 0);
    html_num(b, (long long)c->count);
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Median tender period", 0);
    if (c->median_suppressed) {
        html_lit(b, "Not shown (");
        html_num(b, (long long)c->with_period);
        html_lit(b, " tenders measured, too few for a median)");
    } else {
        buf_addf(b, "%.1f days (", c->median_days);
        html_num(b, (long long)c->with_period);
        html_lit(b, " tenders measured)");
    }
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Shorter than the local minimum", 0);
    if (!c->rule_applies) {
        html_lit(b, "The rule does not apply: no local Compact sets a minimum tender period "
                    "here");
    } else {
        html_num(b, (long long)c->under_min);
        html_lit(b, " shorter than ");
        html_num(b, p->min_tender_days);
        html_lit(b, " days");
    }
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Suitable for VCSE organisations", 0);
    share_of(b, !c->vcse_suppressed, c->vcse_share, c->vcse_suitable, c->vcse_known,
             "tenders that say");
    summary_row_end(b, NULL, NULL);
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
                       .errors = v->errors,
                       .nerrors = v->nerrors,
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
    view_heading(b, name, l.title);
    html_lit(b, "<p class=\"govuk-body\">What this organisation&#39;s published grants "
                "(360Giving) and contracts (Open Contracting) show, read through the Compact: "
                "multi-year funding, funding that ended, and time to bid. Counts and sums of "
                "published records are always shown; a share or median resting on fewer than ");
    html_num(b, v->ind ? (long long)v->ind->params.min_count : INDICATORS_MIN_COUNT_DEFAULT);
    html_lit(b, " records is not.</p><p class=\"govuk-body\">");
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
    view_layout_end(b, &l);
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

/* One of the list's filters: a text input in half the row. */
static void list_filter(struct buf *b, const struct opendata_list_view *v, const char *name,
                        const char *label, const char *type, const char *value)
{
    html_lit(b, "<div class=\"govuk-grid-column-one-half\">");
    form_text_input(b, &(struct form_field){.name = name,
                                            .label = label,
                                            .error = form_error_for(v->errors, v->nerrors, name),
                                            .value = value,
                                            .type = type,
                                            .autocomplete = "off",
                                            .flags = FORM_NO_SPELLCHECK});
    html_lit(b, "</div>");
}

static void list_form(struct buf *b, const struct opendata_list_view *v)
{
    html_lit(b, "<form method=\"get\" action=\"");
    if (v->grants) {
        html_lit(b, "/grants");
    } else {
        html_lit(b, "/contracts");
    }
    html_lit(b, "\" novalidate><div class=\"govuk-grid-row\">");
    list_filter(b, v, v->grants ? "funder" : "buyer",
                v->grants ? "Funder's org-id" : "Buyer's org-id", NULL, v->org);
    list_filter(b, v, v->grants ? "recipient" : "supplier",
                v->grants ? "Recipient's org-id" : "Supplier's org-id", NULL, v->counterpart);
    html_lit(b, "</div><div class=\"govuk-grid-row\">");
    list_filter(b, v, "year", v->grants ? "Year of award" : "Year the tender opened", NULL,
                v->year);
    list_filter(b, v, "q", v->grants ? "Search titles and recipients" : "Search titles", "search",
                v->q);
    html_lit(b, "</div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Apply filters</button></form>");
}

static void cell(struct buf *b, const char *s)
{
    table_cell(b, s && *s ? s : "Not given", 0);
}

static void grant_rows(struct buf *b, const struct opendata_list_view *v)
{
    for (size_t i = 0; i < v->n; i++) {
        const struct grant_item *g = &v->grant_items[i];
        table_row_start(b);
        cell(b, g->award_date);
        cell(b, g->title);
        cell(b, g->funder_name ? g->funder_name : g->funder_id);
        cell(b, g->recipient_name ? g->recipient_name : g->recipient_id);
        table_cell_start(b, CELL_NUMERIC);
        if (g->currency && strcmp(g->currency, "GBP")) {
            html_text(b, g->currency);
            html_lit(b, " ");
            buf_addf(b, "%lld.%02lld", (long long)(g->amount / 100),
                     (long long)(g->amount % 100 < 0 ? -(g->amount % 100) : g->amount % 100));
        } else {
            html_money(b, g->amount);
        }
        table_cell_end(b);
        if (g->duration_months >= 0) {
            table_num_cell(b, g->duration_months);
        } else {
            table_cell(b, "Not given", CELL_NUMERIC);
        }
        table_row_end(b);
    }
}

static void contract_rows(struct buf *b, const struct opendata_list_view *v)
{
    for (size_t i = 0; i < v->n; i++) {
        const struct contract_item *c = &v->contract_items[i];
        const char *from = c->tender_start ? c->tender_start : c->tender_published;
        table_row_start(b);
        cell(b, c->release_date);
        cell(b, c->title ? c->title : c->ocid);
        cell(b, c->buyer_name ? c->buyer_name : c->buyer_id);
        table_cell_start(b, 0);
        if (from || c->tender_end) {
            html_text(b, from ? from : "?");
            html_lit(b, " to ");
            html_text(b, c->tender_end ? c->tender_end : "?");
        } else {
            html_lit(b, "Not given");
        }
        table_cell_end(b);
        cell(b, c->vcse_suitable < 0 ? NULL : c->vcse_suitable ? "Yes" : "No");
        cell(b, c->suppliers);
        table_row_end(b);
    }
}

/* The table of this page's grants or contracts, then the links to the first and next pages. */
static void list_table(struct buf *b, const struct opendata_list_view *v, const char *query)
{
    static const struct table_column grant_cols[] = {{"Awarded", 0},
                                                     {"Grant", 0},
                                                     {"Funder", CELL_WIDE_ONLY},
                                                     {"Recipient", 0},
                                                     {"Amount", CELL_NUMERIC},
                                                     {"Months", CELL_NUMERIC | CELL_WIDE_ONLY}};
    static const struct table_column contract_cols[] = {
        {"Released", 0},          {"Contract", 0}, {"Buyer", 0}, {"Tender period", CELL_WIDE_ONLY},
        {"Suitable for VCSE", 0}, {"Suppliers", 0}};
    struct buf caption = BUF_INIT, note = BUF_INIT;

    if (v->grants) {
        count_phrase(&caption, v->total, "grant", "grants");
    } else {
        count_phrase(&caption, v->total, "contract", "contracts");
    }
    if (v->total > v->n) {
        buf_addf(&note, "This page shows %zu.", v->n);
    }
    table_start(b, &(struct table){.caption = caption.data,
                                   .caption_note = v->total > v->n ? note.data : NULL,
                                   .flags = TABLE_SMALL_TEXT,
                                   .cols = v->grants ? grant_cols : contract_cols,
                                   .ncols = 6});
    if (v->grants) {
        grant_rows(b, v);
    } else {
        contract_rows(b, v);
    }
    table_end(b);
    pagination_cursor(b, v->grants ? "/grants" : "/contracts", query, v->first_page, v->next);
    buf_release(&caption);
    buf_release(&note);
}

void view_opendata_list_page(struct buf *b, const struct opendata_list_view *v,
                             const struct viewer *viewer)
{
    const char *title = v->grants ? "Grants" : "Contracts";
    struct buf q = BUF_INIT;

    view_top_page_start(b, title, title, NAV_NONE, v->errors, v->nerrors, viewer);
    view_heading(b, NULL, title);
    if (v->grants) {
        html_lit(b, "<p class=\"govuk-body\">Grants published by funders in the 360Giving Data "
                    "Standard, newest first.</p>");
    } else {
        html_lit(b, "<p class=\"govuk-body\">Contracting processes published in the Open "
                    "Contracting Data Standard, newest first.</p>");
    }
    list_form(b, v);
    if (!v->nerrors) {
        list_query(&q, v);
        list_table(b, v, q.data);
        download_csv(b, "one", v->grants ? "/api/v1/grants.csv" : "/api/v1/contracts.csv", q.data);
    }
    view_top_page_end(b);
    buf_release(&q);
}
