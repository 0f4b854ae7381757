/* The open data pages: a funder's indicators and chart, and the grant and contract lists. */
#include "page_funder.h"

#include <string.h>
#include <strings.h>

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

/* name (else org_id) linked to the organisation's page when the register keeps it (known),
 * else to the funding page of its org-id; without an org-id, name alone. */
static void org_link(struct buf *b, const char *org_id, int known, const char *name)
{
    struct buf path = BUF_INIT;

    if (!org_id || !*org_id) {
        html_text(b, name && *name ? name : "Not given");
        return;
    }
    org_path(&path, "/organisations/", org_id, known ? "" : "/funding");
    html_lit(b, "<a class=\"govuk-link\" href=\"");
    html_attr(b, path.data);
    html_lit(b, "\">");
    html_text(b, name && *name ? name : org_id);
    html_lit(b, "</a>");
    buf_release(&path);
}

/* "£1,000": IND_ONE_OFF_PENCE in whole pounds. */
static void one_off_amount(struct buf *b)
{
    html_lit(b, "£");
    html_count(b, IND_ONE_OFF_PENCE / 100);
}

/* What is and is not an ended relationship, under its table. */
static void ended_rules(struct buf *b)
{
    html_lit(b, "<div class=\"govuk-inset-text\"><p class=\"govuk-body\">");
    html_text(b, ind_caveat_ended_rules);
    html_lit(b, "</p><p class=\"govuk-body\">");
    html_text(b, ind_caveat_ended);
    html_lit(b, "</p></div>");
}

/* The "Check the notice" link of e, whose funder is body, into a cell. */
static void check_link(struct buf *b, const struct ind_ended *e, const char *body,
                       const char *compact_id, const char *whose)
{
    struct buf path = BUF_INIT;

    ind_ended_check_path(&path, e, body, compact_id);
    html_lit(b, "<a class=\"govuk-link\" href=\"");
    html_attr(b, path.data);
    html_lit(b, "\">Check the notice<span class=\"govuk-visually-hidden\"> of the end of ");
    html_text(b, body);
    html_lit(b, "&#39;s funding of ");
    html_text(b, whose);
    html_lit(b, " after ");
    html_num(b, e->year);
    html_lit(b, "</span></a>");
    buf_release(&path);
}

/* Whether the funding of a received row ended, in words; with a link to check the notice. */
static void received_end(struct buf *b, const struct ind_received_row *row, const char *org_id,
                         const char *name, const char *compact_id)
{
    const char *body = row->funder_name ? row->funder_name : row->funder;
    struct ind_ended e = row->e;

    switch (row->end) {
    case IND_END_CONTINUED:
        html_lit(b, "No: funded again in ");
        html_num(b, row->e.next_year);
        break;
    case IND_END_ENDED:
        html_lit(b, "<strong>Yes</strong>: none in ");
        html_num(b, row->e.next_year);
        html_lit(b, "<br>");
        e.recipient = org_id;
        e.name = name;
        check_link(b, &e, body, compact_id, name ? name : org_id);
        break;
    case IND_END_TOO_SOON:
        if (row->e.next_year) {
            html_lit(b, "Not known yet: the funder&#39;s grants of ");
            html_num(b, row->e.next_year);
            html_lit(b, " are not all published");
        } else {
            html_lit(b, "Not known yet: the funder has published no later grants");
        }
        break;
    case IND_END_ONE_OFF:
        html_lit(b, "Not counted: a one-off grant under ");
        one_off_amount(b);
        break;
    }
}

void view_grants_received(struct buf *b, const struct ind_received *r, const char *org_id,
                          const char *name, const char *compact_id, const char *none_text)
{
    static const struct table_column cols[] = {
        {"Year", 0}, {"Grants", CELL_NUMERIC}, {"Did the funding end?", 0}};
    struct buf caption = BUF_INIT;

    if (!r || !r->n) {
        if (none_text) {
            html_lit(b,
                     "<h2 class=\"govuk-heading-m\">Grants received</h2><p class=\"govuk-body\">");
            html_text(b, none_text);
            html_lit(b, "</p>");
        }
        return;
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">Grants received</h2><p class=\"govuk-body\">");
    html_count(b, (long long)r->grants);
    html_text(b, r->grants == 1 ? " grant from " : " grants from ");
    html_count(b, (long long)r->funders);
    html_text(b, r->funders == 1 ? " funder, " : " funders, ");
    html_money(b, r->value);
    html_lit(b, " in all, as the funders published them (360Giving), by funder and the year each "
                "grant was awarded.</p>");
    if (r->ended) {
        html_lit(b, "<p class=\"govuk-body\">Where a funder&#39;s funding ended, the Compact asks "
                    "for at least three months&#39; notice in writing: follow &#8220;Check the "
                    "notice&#8221; to check that it was given.</p>");
    }
    /* a table for each funder (its rows are together), three columns to fit a phone */
    for (size_t i = 0; i < r->n; i++) {
        const struct ind_received_row *row = &r->rows[i];
        const char *funder = row->funder_name ? row->funder_name : row->funder;
        if (!i || strcasecmp(row->funder, r->rows[i - 1].funder)) {
            if (i) {
                table_end(b);
            }
            html_lit(b, "<h3 class=\"govuk-heading-s\">");
            org_link(b, row->funder, row->funder_known, row->funder_name);
            html_lit(b, "</h3>");
            buf_reset(&caption);
            buf_addf(&caption, "Grants from %s, by year", funder);
            table_start(b, &(struct table){.caption = caption.data,
                                           .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_HIDDEN,
                                           .cols = cols,
                                           .ncols = 3});
        }
        table_row_start(b);
        table_row_head_start(b);
        html_num(b, row->e.year);
        table_row_head_end(b);
        table_cell_start(b, CELL_NUMERIC);
        html_count(b, (long long)row->e.grants);
        html_text(b, row->e.grants == 1 ? " grant" : " grants");
        html_lit(b, "<br>");
        html_money(b, row->e.value);
        if (row->not_gbp) {
            html_lit(b, " and ");
            html_count(b, (long long)row->not_gbp);
            html_lit(b, " in another currency");
        }
        table_cell_end(b);
        table_cell_start(b, 0);
        received_end(b, row, org_id, name, compact_id);
        table_cell_end(b);
        table_row_end(b);
    }
    table_end(b);
    ended_rules(b);
    buf_release(&caption);
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

    html_lit(b, "<h2 class=\"govuk-heading-m\">Grants made</h2>");
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
    const char *body = v->name ? v->name : v->org;
    struct buf caption = BUF_INIT;

    if (!ind->grants.count) {
        return;
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">Funding relationships that ended</h2>"
                "<p class=\"govuk-body\">Recipients funded in one year and not in the funder&#39;s "
                "next year of grants. Where funding ended, the Compact asks for at least three "
                "months&#39; notice in writing: check that it was given.</p>");
    if (ind->one_offs) {
        html_lit(b, "<p class=\"govuk-body\">");
        html_count(b, (long long)ind->one_offs);
        html_text(b, ind->one_offs == 1 ? " one-off grant under " : " one-off grants under ");
        one_off_amount(b);
        html_lit(b, " not repeated the next year: not counted.</p>");
    }
    ended_rules(b);
    if (!ind->nended) {
        html_lit(b, "<p class=\"govuk-body\">No funding relationship ended: every recipient was "
                    "funded again, or it is too soon to tell.</p>");
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
        const char *whose = e->name ? e->name : e->recipient;
        table_row_start(b);
        table_cell_start(b, 0);
        if (e->recipient) {
            org_link(b, e->recipient, orgid_scheme(e->recipient) != ORGID_NONE, whose);
        } else {
            html_text(b, whose);
        }
        table_cell_end(b);
        table_cell_start(b, 0);
        html_num(b, e->year);
        html_lit(b, " (none in ");
        html_num(b, e->next_year);
        html_lit(b, ")");
        table_cell_end(b);
        table_num_cell(b, (long long)e->grants);
        table_cell_start(b, 0);
        check_link(b, e, body, v->compact_id, whose);
        table_cell_end(b);
        table_row_end(b);
    }
    table_end(b);
    html_lit(b, "</div></details>");
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
                       .nav = NAV_ORGANISATIONS,
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
    if (!v->ref) {
        html_lit(b, "<p class=\"govuk-body\">This organisation is not in the register");
        if (v->name) {
            html_lit(b, ": its name is the one the published data gives it");
        }
        html_lit(b, ". Its org-id is ");
        html_text(b, v->org);
        html_lit(b, ".</p>");
    }
    html_lit(b, "<p class=\"govuk-body\">What the published grants (360Giving) and contracts "
                "(Open Contracting) show of this organisation, read through the Compact: the "
                "grants it received and made, multi-year funding, funding that ended, and time to "
                "bid. Counts and sums of published records are always shown; a share or median "
                "resting on fewer than ");
    html_num(b, v->ind ? (long long)v->ind->params.min_count : INDICATORS_MIN_COUNT_DEFAULT);
    html_lit(b, " records is not.</p><p class=\"govuk-body\">");
    html_text(b, ind_caveat_year_basis);
    html_lit(b, "</p>");
    org_path(&path, "/organisations/", v->ref ? v->ref : v->org, "/funding");
    options_form(b, v, path.data);
    if (v->ind) {
        view_grants_received(b, v->received, v->org, v->name, v->compact_id, NULL);
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

/* The filters as a query string, the filter which (0 org, 1 counterpart, else none) set to
 * value instead. */
static void list_query_with(struct buf *b, const struct opendata_list_view *v, size_t which,
                            const char *value)
{
    const char *names[4] = {v->grants ? "funder" : "buyer", v->grants ? "recipient" : "supplier",
                            "year", "q"};
    const char *values[4] = {v->org, v->counterpart, v->year, v->q};
    int more = 0;
    if (which < 2) {
        values[which] = value;
    }
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

static void list_query(struct buf *b, const struct opendata_list_view *v)
{
    list_query_with(b, v, 2, NULL);
}

/* One of the list's filters: a text input in half the row. */
static void list_filter(struct buf *b, const struct opendata_list_view *v, const char *name,
                        const char *label, const char *hint, const char *type, const char *value)
{
    html_lit(b, "<div class=\"govuk-grid-column-one-half\">");
    form_text_input(b, &(struct form_field){.name = name,
                                            .label = label,
                                            .hint = hint,
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
    list_filter(b, v, v->grants ? "funder" : "buyer", v->grants ? "Funder" : "Buyer",
                "Its name, or part of it, or its org-id", NULL, v->org);
    list_filter(b, v, v->grants ? "recipient" : "supplier", v->grants ? "Recipient" : "Supplier",
                "Its name, or part of it, or its org-id", NULL, v->counterpart);
    html_lit(b, "</div><div class=\"govuk-grid-row\">");
    list_filter(b, v, "year", v->grants ? "Year of award" : "Year the tender opened", NULL, NULL,
                v->year);
    list_filter(b, v, "q", v->grants ? "Search titles and recipients" : "Search titles", NULL,
                "search", v->q);
    html_lit(b, "</div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Apply filters</button></form>");
}

/* s as text that may break after each '/', '.', '-' and '_' (<wbr>): a long org-id or title fits a
 * phone. */
static void breakable(struct buf *b, const char *s)
{
    struct buf part = BUF_INIT;
    while (*s) {
        size_t n = strcspn(s, "/.-_");
        buf_reset(&part);
        buf_add(&part, s, n + (s[n] != '\0'));
        html_text(b, part.data);
        s += n + (s[n] != '\0');
        if (*s) {
            html_lit(b, "<wbr>");
        }
    }
    buf_release(&part);
}

/* A "YYYY-MM-DD" date as people read it, "17 June 2017"; anything else as it is. */
static void date_text(struct buf *b, const char *s)
{
    date_t d;
    if (s && date_parse(s, strlen(s), &d) == 0) {
        html_date(b, d);
    } else {
        html_text(b, s && *s ? s : "Not given");
    }
}

static void date_cell(struct buf *b, const char *s)
{
    table_cell_start(b, 0);
    date_text(b, s);
    table_cell_end(b);
}

/* Each grant in three columns, to fit a phone: when; what, from whom to whom (each linked);
 * how much, for how long. */
static void grant_rows(struct buf *b, const struct opendata_list_view *v)
{
    for (size_t i = 0; i < v->n; i++) {
        const struct grant_item *g = &v->grant_items[i];
        table_row_start(b);
        date_cell(b, g->award_date);
        table_cell_start(b, 0);
        breakable(b, g->title && *g->title ? g->title : "Not given");
        html_lit(b, "<br><span class=\"govuk-body-s\">From ");
        org_link(b, g->funder_id, g->funder_known, g->funder_name);
        html_lit(b, " to ");
        org_link(b, g->recipient_id, g->recipient_known, g->recipient_name);
        html_lit(b, "</span>");
        table_cell_end(b);
        table_cell_start(b, CELL_NUMERIC);
        if (g->currency && strcmp(g->currency, "GBP")) {
            html_text(b, g->currency);
            html_lit(b, " ");
            buf_addf(b, "%lld.%02lld", (long long)(g->amount / 100),
                     (long long)(g->amount % 100 < 0 ? -(g->amount % 100) : g->amount % 100));
        } else {
            html_money(b, g->amount);
        }
        html_lit(b, "<br><span class=\"govuk-body-s\">");
        if (g->duration_months >= 0) {
            html_num(b, g->duration_months);
            html_text(b, g->duration_months == 1 ? " month" : " months");
        } else {
            html_lit(b, "Length not given");
        }
        html_lit(b, "</span>");
        table_cell_end(b);
        table_row_end(b);
    }
}

/* Each contracting process in three columns, to fit a phone: when; what, bought by whom from
 * whom (the buyer linked); its tender period and whether it suits VCSE organisations. */
static void contract_rows(struct buf *b, const struct opendata_list_view *v)
{
    for (size_t i = 0; i < v->n; i++) {
        const struct contract_item *c = &v->contract_items[i];
        const char *from = c->tender_start ? c->tender_start : c->tender_published;
        table_row_start(b);
        date_cell(b, c->release_date);
        table_cell_start(b, 0);
        breakable(b, c->title ? c->title : c->ocid);
        html_lit(b, "<br><span class=\"govuk-body-s\">Bought by ");
        org_link(b, c->buyer_id, 0, c->buyer_name); /* a buyer's funding page has its contracts */
        if (c->suppliers) {
            html_lit(b, " from ");
            html_text(b, c->suppliers);
        }
        html_lit(b, "</span>");
        table_cell_end(b);
        table_cell_start(b, 0);
        if (from || c->tender_end) {
            date_text(b, from ? from : "?");
            html_lit(b, " to ");
            date_text(b, c->tender_end ? c->tender_end : "?");
        } else {
            html_lit(b, "Not given");
        }
        html_lit(b, "<br><span class=\"govuk-body-s\">Suitable for VCSE organisations: ");
        html_text(b, c->vcse_suitable < 0 ? "not given" : c->vcse_suitable ? "yes" : "no");
        html_lit(b, "</span>");
        table_cell_end(b);
        table_row_end(b);
    }
}

/* The table of this page's grants or contracts, then the pagination. */
static void list_table(struct buf *b, const struct opendata_list_view *v, const char *query)
{
    struct buf paged = BUF_INIT;
    static const struct table_column grant_cols[] = {
        {"Awarded", 0}, {"Grant", 0}, {"Amount", CELL_NUMERIC}};
    static const struct table_column contract_cols[] = {
        {"Released", 0}, {"Contract", 0}, {"Tender period", 0}};
    struct buf caption = BUF_INIT;

    if (v->grants) {
        count_phrase(&caption, v->total, "grant", "grants");
    } else {
        count_phrase(&caption, v->total, "contract", "contracts");
    }
    table_start(b, &(struct table){.caption = caption.data,
                                   .flags = TABLE_SMALL_TEXT,
                                   .cols = v->grants ? grant_cols : contract_cols,
                                   .ncols = 3});
    if (v->grants) {
        grant_rows(b, v);
    } else {
        contract_rows(b, v);
    }
    table_end(b);
    buf_adds(&paged, query);
    query_add(&paged, "limit", v->limit);
    pagination_pages(b, v->grants ? "/grants" : "/contracts", paged.data, v->page, v->per_page,
                     v->total, v->n);
    buf_release(&paged);
    buf_release(&caption);
}

static const char *const role_words[][2] = {[OPENDATA_FUNDER] = {"funder", "funders"},
                                            [OPENDATA_RECIPIENT] = {"recipient", "recipients"},
                                            [OPENDATA_BUYER] = {"buyer", "buyers"},
                                            [OPENDATA_SUPPLIER] = {"supplier", "suppliers"}};

/*
 * What each filter given by name found: the organisation it names, or those to choose from
 * (links: the same filters with its org-id), or none. Returns whether every filter names one
 * organisation, so that the list can be shown.
 */
static int named_section(struct buf *b, const struct opendata_list_view *v)
{
    struct buf q = BUF_INIT;
    int one = 1;

    for (size_t i = 0; i < v->nnamed; i++) {
        const struct opendata_named *f = &v->named[i];
        const char *const *words = role_words[f->role];
        if (f->n == 1) {
            continue;
        }
        one = 0;
        if (!f->n) {
            html_lit(b, "<h2 class=\"govuk-heading-m\">No ");
            html_text(b, words[0]);
            html_lit(b, " found</h2><p class=\"govuk-body\">No ");
            html_text(b, words[0]);
            html_lit(b, " in the published data has a name with the words &#8220;");
            html_text(b, f->given);
            html_lit(b, "&#8221;, or that org-id. Check the spelling, or enter fewer words or the "
                        "start of a word.</p>");
            continue;
        }
        html_lit(b, "<h2 class=\"govuk-heading-m\">Choose the ");
        html_text(b, words[0]);
        html_lit(b, "</h2><p class=\"govuk-body\">");
        if (f->more) {
            html_lit(b, "More than ");
        }
        html_count(b, (long long)f->n);
        html_lit(b, " ");
        html_text(b, words[1]);
        html_lit(b, " have a name with the words &#8220;");
        html_text(b, f->given);
        html_lit(b, "&#8221;");
        if (f->more) {
            html_lit(b, ": these are the first. Enter more of the name to find the others");
        }
        html_lit(b, ".</p><ul class=\"govuk-list govuk-list--spaced\">");
        for (size_t k = 0; k < f->n; k++) {
            const struct opendata_name *m = &f->matches[k];
            buf_reset(&q);
            buf_adds(&q, v->grants ? "/grants?" : "/contracts?");
            list_query_with(&q, v, f->role == OPENDATA_RECIPIENT || f->role == OPENDATA_SUPPLIER,
                            m->org_id);
            html_lit(b, "<li><a class=\"govuk-link\" href=\"");
            html_attr(b, q.data);
            html_lit(b, "\">");
            html_text(b, m->name ? m->name : m->org_id);
            html_lit(b, "</a><br><span class=\"govuk-body-s\">");
            html_count(b, (long long)m->records);
            if (v->grants) {
                html_text(b, m->records == 1 ? " grant in all" : " grants in all");
            } else {
                html_text(b, m->records == 1 ? " contract in all" : " contracts in all");
            }
            if (m->name) {
                html_lit(b, ", org-id ");
                breakable(b, m->org_id);
            }
            html_lit(b, "</span></li>");
        }
        html_lit(b, "</ul>");
    }
    if (one && v->nnamed) {
        html_lit(b, "<dl class=\"govuk-summary-list\">");
        for (size_t i = 0; i < v->nnamed; i++) {
            const struct opendata_name *m = &v->named[i].matches[0];
            const char *key = role_words[v->named[i].role][0];
            summary_key_start(b, 0);
            buf_addc(b, (char)(key[0] - 'a' + 'A'));
            html_text(b, key + 1);
            summary_value_start(b);
            org_link(b, m->org_id, 0, m->name);
            summary_row_end(b, NULL, NULL);
        }
        html_lit(b, "</dl>");
    }
    buf_release(&q);
    return one;
}

void view_opendata_list_page(struct buf *b, const struct opendata_list_view *v,
                             const struct viewer *viewer)
{
    const char *title = v->grants ? "Grants" : "Contracts";
    struct buf q = BUF_INIT;

    view_top_page_start(b, title, title, v->grants ? NAV_GRANTS : NAV_CONTRACTS, v->errors,
                        v->nerrors, viewer);
    view_heading(b, NULL, title);
    if (v->grants) {
        html_lit(b, "<p class=\"govuk-body\">Grants published by funders in the 360Giving Data "
                    "Standard, newest first.</p>");
    } else {
        html_lit(b, "<p class=\"govuk-body\">Contracting processes published in the Open "
                    "Contracting Data Standard, newest first.</p>");
    }
    list_form(b, v);
    if (!v->nerrors && named_section(b, v)) {
        list_query(&q, v);
        list_table(b, v, q.data);
        download_csv(b, "one", v->grants ? "/api/v1/grants.csv" : "/api/v1/contracts.csv", q.data);
    }
    view_top_page_end(b);
    buf_release(&q);
}
