/* The signups page: the form, the summary, the hex map with its key, the figures by region, the
 * councils not signed and not covered by region, the active Compacts' missing partners, the
 * councils signed; and the partners summary of a Compact's page. */
#include "page_signups.h"

#include "components.h"
#include "hexmap.h"
#include "html.h"
#include "base/banned.h"

/* The partner types for people: with an article, and bare (after "no"). */
static const char *const with_article[SIGNUP_PARTNERS] = {"a council", "an NHS body", "the police",
                                                          "a fire and rescue service"};
static const char *const bare[SIGNUP_PARTNERS] = {"council", "NHS body", "police force",
                                                  "fire and rescue service"};
/* And at the start of a line. */
static const char *const line[SIGNUP_PARTNERS] = {"Council", "NHS body", "Police",
                                                  "Fire and rescue service"};

/* The words of the types of bits among the partners, joined by commas and last_join. */
static void partner_list(struct buf *b, unsigned bits, const char *const words[],
                         const char *last_join)
{
    size_t n = 0, k = 0;

    for (int t = 0; t < SIGNUP_PARTNERS; t++) {
        n += (bits >> t) & 1u;
    }
    for (int t = 0; t < SIGNUP_PARTNERS; t++) {
        if (!(bits & (1u << t))) {
            continue;
        }
        if (k) {
            html_text(b, k == n - 1 ? last_join : ", ");
        }
        html_text(b, words[t]);
        k++;
    }
}

void view_signup_partners(struct buf *b, unsigned signed_types)
{
    unsigned have = signed_types & SIGNUP_ALL_PARTNERS,
             missing = ~signed_types & SIGNUP_ALL_PARTNERS;

    html_lit(b, "<div class=\"govuk-inset-text\" id=\"partners\"><p class=\"govuk-body\">");
    if (!missing) {
        html_lit(b, "All four statutory partners have signed this Compact: a council, an NHS "
                    "body, the police and a fire and rescue service.");
    } else if (!have) {
        html_lit(b, "No statutory partner has signed this Compact: no council, NHS body, police "
                    "force or fire and rescue service.");
    } else {
        html_lit(b, "Statutory partners: ");
        partner_list(b, have, with_article, " and ");
        html_text(b, have & (have - 1) ? " have signed this Compact; no "
                                       : " has signed this "
                                         "Compact; no ");
        partner_list(b, missing, bare, " or ");
        html_lit(b, " has.");
    }
    html_lit(b, "</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/signups\">See which "
                "councils have signed across England</a></p></div>");
}

/* ---- the page ---- */

static const char *error_for(const struct signups_view *v, const char *field)
{
    return form_error_for(v->errors, v->nerrors, field);
}

static void form(struct buf *b, const struct signups_view *v)
{
    struct form_option sets[AUTH_SET_COUNT];

    for (int i = 0; i < AUTH_SET_COUNT; i++) {
        sets[i] = (struct form_option){authority_set_id(i), authority_set_label(i), v->set == i};
    }
    html_lit(b, "<form method=\"get\" action=\"/signups\" novalidate>");
    form_date(b,
              &(struct form_field){.name = "as_of",
                                   .label = "Show who had signed on",
                                   .hint = "For example, 31 3 2012. Leave it blank for today.",
                                   .error = error_for(v, "as_of"),
                                   .flags = FORM_BOLD},
              v->as_of_given);
    form_select(b,
                &(struct form_field){.name = "set",
                                     .label = "Councils as they stood",
                                     .error = error_for(v, "set"),
                                     .flags = FORM_BOLD},
                sets, AUTH_SET_COUNT);
    html_lit(b, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
                "Show who has signed</button></form>");
}

/* The map's states, in the order of enum signup_state: signed solid green, not signed red
 * stripes, not covered pale grey (as on the coverage map). */
static const struct hex_style styles[SIGNUP_STATE_COUNT] = {
    [SIGNUP_SIGNED] = {"signed", "Signed",
                       ": the council has signed the active local Compact that covers its area",
                       "#00703c", NULL, 0},
    [SIGNUP_NOT_SIGNED] = {"not_signed", "Not signed",
                           ": an active local Compact covers the area, but the council has not "
                           "signed it",
                           "#d4351c", NULL, 1},
    [SIGNUP_NOT_COVERED] = {"not_covered", "Not covered",
                            ": no active local Compact covers the area", "#f3f2f1", "#505a5f", 0},
};

/* A hex's state: its council's row in the report (ctx), or not covered. */
static size_t hex_state(const void *ctx, const struct hex *h, struct buf *title, const char **name)
{
    const struct signup_row *r = signups_find(ctx, h->code);
    enum signup_state s = r ? r->state : SIGNUP_NOT_COVERED;

    *name = r ? r->cov->authority->name : NULL;
    buf_adds(title, signup_state_label(s));
    if (r && s != SIGNUP_NOT_COVERED) {
        buf_addf(title, " (%s%s)", r->cov->compact_name,
                 r->cov->via_county ? ", through its county" : "");
    }
    return (size_t)s;
}

/* One of three words as day is before, on or after today. */
static const char *tense(const struct signups_view *v, date_t day, const char *past,
                         const char *present, const char *future)
{
    return day < v->today ? past : day == v->today ? present : future;
}

static void summary(struct buf *b, const struct signups_view *v)
{
    const struct signups *su = v->su;
    const date_t day = su->cov->as_of;
    size_t total = su->nrows, covered = total - su->all[SIGNUP_NOT_COVERED];

    html_lit(b, "<p class=\"govuk-body-l\" id=\"summary\">On ");
    html_date(b, day);
    html_lit(b, ", ");
    html_num(b, (long long)su->all[SIGNUP_SIGNED]);
    html_lit(b, " of the ");
    html_num(b, (long long)covered);
    html_text(b, covered == 1 ? " council" : " councils");
    html_text(b, su->cov->set == AUTH_SET_2012 ? " of 2009 to 2019" : " of today");
    html_text(b, covered == 1 ? " whose area an active local Compact covers "
                              : " whose areas an active local Compact covers ");
    html_text(b, tense(v, day, "had", "have", "will have"));
    html_lit(b, " signed it");
    count_share(b, su->all[SIGNUP_SIGNED], covered);
    html_lit(b, ".</p><p class=\"govuk-body\" id=\"summary-rest\">");
    html_num(b, (long long)su->all[SIGNUP_NOT_SIGNED]);
    html_text(b, su->all[SIGNUP_NOT_SIGNED] == 1 ? " council " : " councils ");
    html_text(b, tense(v, day, "had", "have", "will have"));
    html_lit(b, " not signed the Compact that covers their area, and ");
    html_num(b, (long long)su->all[SIGNUP_NOT_COVERED]);
    html_lit(b, " of ");
    html_num(b, (long long)total);
    html_text(b, su->all[SIGNUP_NOT_COVERED] == 1 ? " council " : " councils ");
    html_text(b, tense(v, day, "had", "have", "will have"));
    html_lit(b, " no active local Compact to sign.</p>");
}

static void region_row(struct buf *b, const char *label, const size_t n[SIGNUP_STATE_COUNT])
{
    size_t total = n[SIGNUP_SIGNED] + n[SIGNUP_NOT_SIGNED] + n[SIGNUP_NOT_COVERED];

    table_row_start(b);
    table_row_head(b, label);
    for (int s = 0; s < SIGNUP_STATE_COUNT; s++) {
        table_share_cell(b, n[s], total);
    }
    table_row_end(b);
}

static void by_region(struct buf *b, const struct signups *su)
{
    const struct table_column cols[] = {{"Region", 0},
                                        {"Signed", CELL_NUMERIC},
                                        {"Not signed", CELL_NUMERIC},
                                        {"Not covered", CELL_NUMERIC}};

    table_start(b, &(struct table){.id = "by-region",
                                   .caption = "Councils by region",
                                   .caption_note = "Percentages are of the region's councils.",
                                   .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = 4});
    for (size_t r = 0; r < REGION_COUNT; r++) {
        region_row(b, region_name(r), su->region[r]);
    }
    region_row(b, "England", su->all);
    table_end(b);
}

/* The query of a download link: as_of and set (escaped). */
static void download_query(struct buf *b, const struct signups *su)
{
    char day[DATE_STRLEN + 1];

    date_format(su->cov->as_of, day);
    html_lit(b, "?as_of=");
    html_url(b, day);
    html_lit(b, "&amp;set=");
    html_url(b, authority_set_id(su->cov->set));
}

static void downloads(struct buf *b, const struct signups *su)
{
    html_lit(b, "<p class=\"govuk-body\">Download the councils as <a class=\"govuk-link\" "
                "href=\"/api/v1/signups.csv");
    download_query(b, su);
    html_lit(b, "\">CSV</a> (a line for each council, with whether it has signed) or the whole "
                "report as <a class=\"govuk-link\" href=\"/api/v1/signups");
    download_query(b, su);
    html_lit(b, "\">JSON</a>.</p>");
}

/* The council of row r (its official name, else the authority's), linked to its authority's
 * page, with its type under it (under set) or in a cell of its own. */
static void council_cells(struct buf *b, const struct signup_row *r, int under)
{
    const struct authority *a = r->cov->authority;

    table_cell_start(b, 0);
    html_lit(b, "<a class=\"govuk-link\" href=\"/authorities/");
    html_url(b, a->gss);
    html_lit(b, "\">");
    html_text(b, a->official_name ? a->official_name : a->name);
    html_lit(b, "</a>");
    if (under) {
        html_lit(b, "<span class=\"govuk-!-display-block\">");
        html_text(b, authority_type_label(a->type));
        html_lit(b, "</span>");
        table_cell_end(b);
        return;
    }
    table_cell_end(b);
    table_cell(b, authority_type_label(a->type), 0);
}

/* The Compact that covers row r's area, linked, and the county it covers it through. */
static void compact_cell(struct buf *b, const struct signup_row *r)
{
    table_cell_start(b, 0);
    html_lit(b, "<a class=\"govuk-link\" href=\"/compacts/");
    html_num(b, r->cov->compact_id);
    html_lit(b, "\">");
    html_text(b, r->cov->compact_name);
    html_lit(b, "</a>");
    if (r->cov->via_county) {
        html_lit(b, " (through ");
        html_text(b,
                  r->cov->authority->county_name ? r->cov->authority->county_name : "its county");
        html_lit(b, ")");
    }
    table_cell_end(b);
}

/* The councils in state s, a table per region (ids ID-REGION), folded in a details element
 * (folded set: a long list the map sums up), or none_text. */
static void region_tables(struct buf *b, const struct signups *su, enum signup_state s,
                          const char *id, int folded, const char *none_text)
{
    const struct table_column not_signed[] = {{"Council", 0}, {"Local Compact that covers it", 0}};
    const struct table_column signed_cols[] = {
        {"Council", 0}, {"Local Compact", 0}, {"Signed on", 0}};
    const struct table_column not_covered[] = {{"Council", 0}, {"Type", 0}};
    const struct table_column *cols = s == SIGNUP_SIGNED       ? signed_cols
                                      : s == SIGNUP_NOT_SIGNED ? not_signed
                                                               : not_covered;
    size_t ncols = s == SIGNUP_SIGNED ? 3 : 2, i = 0;

    if (!su->all[s]) {
        html_lit(b, "<p class=\"govuk-body\" id=\"");
        html_attr(b, id);
        html_lit(b, "-none\">");
        html_text(b, none_text);
        html_lit(b, "</p>");
        return;
    }
    if (folded) {
        html_lit(b, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
                    "<span class=\"govuk-details__summary-text\">Show the ");
        html_num(b, (long long)su->all[s]);
        html_text(b, su->all[s] == 1 ? " council" : " councils, by region");
        html_lit(b, "</span></summary><div class=\"govuk-details__text\">");
    }
    for (size_t region = 0; region < REGION_COUNT; region++) {
        struct buf caption = BUF_INIT, tid = BUF_INIT;
        if (!su->region[region][s]) {
            continue;
        }
        buf_addf(&caption, "%s: ", region_name(region));
        count_phrase(&caption, su->region[region][s], "council", "councils");
        buf_addf(&tid, "%s-%s", id, region_id(region));
        table_start(b, &(struct table){.id = tid.data,
                                       .caption = caption.data,
                                       .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                       .cols = cols,
                                       .ncols = ncols});
        /* the rows by region: this region's are a run */
        for (; i < su->nrows; i++) {
            const struct signup_row *r = &su->rows[su->by_region[i]];
            size_t at;
            if (region_parse(r->cov->authority->region ? r->cov->authority->region : "", &at) < 0 ||
                at < region) {
                continue;
            }
            if (at > region) {
                break;
            }
            if (r->state != s) {
                continue;
            }
            table_row_start(b);
            council_cells(b, r, s != SIGNUP_NOT_COVERED);
            if (s != SIGNUP_NOT_COVERED) {
                compact_cell(b, r);
            }
            if (s == SIGNUP_SIGNED) {
                table_cell_start(b, 0);
                html_date(b, r->signature->signed_on);
                table_cell_end(b);
            }
            table_row_end(b);
        }
        table_end(b);
        buf_release(&caption);
        buf_release(&tid);
    }
    if (folded) {
        html_lit(b, "</div></details>");
    }
}

/* How many active Compacts lack each partner: a list of those some lack. */
static void missing_summary(struct buf *b, const struct signups *su)
{
    size_t lacking = 0;

    for (int t = 0; t < SIGNUP_PARTNERS; t++) {
        lacking += su->missing[t] > 0;
    }
    html_lit(b, "<div id=\"missing-summary\"><p class=\"govuk-body\">");
    if (!lacking) {
        html_lit(b, "Every active local Compact has a council, an NHS body, the police and a fire "
                    "and rescue service among its signatories.</p></div>");
        return;
    }
    html_lit(b, "Of the ");
    html_num(b, (long long)su->ncompacts);
    html_text(b, su->ncompacts == 1 ? " active local Compact:" : " active local Compacts:");
    html_lit(b, "</p><ul class=\"govuk-list govuk-list--bullet\">");
    for (int t = 0; t < SIGNUP_PARTNERS; t++) {
        if (!su->missing[t]) {
            continue;
        }
        html_lit(b, "<li>");
        html_num(b, (long long)su->missing[t]);
        html_text(b, su->missing[t] == 1 ? " has no " : " have no ");
        html_text(b, bare[t]);
        html_text(b, su->missing[t] == 1 ? " among its signatories" : " among their signatories");
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul></div>");
}

static void compacts_table(struct buf *b, const struct signups *su)
{
    const struct table_column cols[] = {
        {"Local Compact", 0}, {"Statutory signatories", 0}, {"Not signed by", 0}};

    if (!su->ncompacts) {
        html_lit(b, "<p class=\"govuk-body\" id=\"compacts-none\">No local Compact was active on "
                    "that day.</p>");
        return;
    }
    missing_summary(b, su);
    table_start(b, &(struct table){.id = "compacts",
                                   .caption = "Statutory partners of each active local Compact",
                                   .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = 3});
    for (size_t i = 0; i < su->ncompacts; i++) {
        const struct signup_compact *k = &su->compacts[i];
        unsigned missing = ~k->signed_types & SIGNUP_ALL_PARTNERS;
        table_row_start(b);
        table_cell_start(b, 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"/compacts/");
        html_num(b, k->id);
        html_lit(b, "\">");
        html_text(b, k->name);
        html_lit(b, "</a>");
        table_cell_end(b);
        table_cell_start(b, 0);
        if (!k->nsignatories) {
            html_lit(b, "None");
        } else {
            html_lit(b, "<ul class=\"govuk-list\">");
            for (size_t j = 0; j < k->nsignatories; j++) {
                const struct signup_signatory *s = k->signatories[j];
                int t = signup_type_of(s->type);
                html_lit(b, "<li>");
                html_text(b, s->name);
                html_lit(b, " <span class=\"govuk-caption-m govuk-!-font-size-16 "
                            "govuk-!-display-inline\">(");
                html_text(b, signup_type_label((enum signup_type)t));
                html_lit(b, ")</span></li>");
            }
            html_lit(b, "</ul>");
        }
        table_cell_end(b);
        table_cell_start(b, 0);
        if (!missing) {
            html_lit(b, "All four statutory partners have signed");
        } else {
            html_lit(b, "<ul class=\"govuk-list\">");
            for (int t = 0; t < SIGNUP_PARTNERS; t++) {
                if (missing & (1u << t)) {
                    html_lit(b, "<li>");
                    html_text(b, line[t]);
                    html_lit(b, "</li>");
                }
            }
            html_lit(b, "</ul>");
        }
        table_cell_end(b);
        table_row_end(b);
    }
    table_end(b);
}

static void report(struct buf *b, const struct signups_view *v)
{
    const struct signups *su = v->su;
    static const size_t order[] = {SIGNUP_SIGNED, SIGNUP_NOT_SIGNED, SIGNUP_NOT_COVERED};

    summary(b, v);
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"map\">Map</h2>");
    if (v->map) {
        html_lit(b, "<p class=\"govuk-body\">Each hexagon is a district, metropolitan district, "
                    "London borough or unitary authority, shaded by whether its council has "
                    "signed the local Compact that covers its area. A district covered through "
                    "its county&#39;s Compact has signed only if the district council itself "
                    "signed it. County councils have no hexagon: they are in the tables below. "
                    "Select a hexagon to see the authority.</p><div class=\"govuk-grid-row\">"
                    "<div class=\"govuk-grid-column-two-thirds\"><div class=\"app-hex-map\">");
        view_hexmap_of(b, v->map, "sig", styles, SIGNUP_STATE_COUNT, hex_state, su,
                       su->cov->set == AUTH_SET_2012
                           ? "Hex map of England's districts as they stood 2009 to 2019, each "
                             "shaded by whether its council has signed its local Compact"
                           : "Hex map of England's districts today, each shaded by whether its "
                             "council has signed its local Compact");
        html_lit(b, "</div></div><div class=\"govuk-grid-column-one-third\">");
        view_hexmap_key(b, "sig", styles, order, SIGNUP_STATE_COUNT);
        html_lit(b, "</div></div>");
    } else {
        html_lit(b, "<p class=\"govuk-body\">The map cannot be drawn; the tables below give "
                    "the same information.</p>");
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"figures\">Figures</h2>");
    by_region(b, su);
    downloads(b, su);
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"not-signed\">Councils that have not signed "
                "the Compact that covers their area</h2>");
    region_tables(b, su, SIGNUP_NOT_SIGNED, "not-signed", 0,
                  "Every council whose area an active local Compact covers has signed it.");
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"partners\">Statutory partners of active "
                "local Compacts</h2>");
    compacts_table(b, su);
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"not-covered\">Councils with no active local "
                "Compact</h2>");
    region_tables(b, su, SIGNUP_NOT_COVERED, "not-covered", 1,
                  "An active local Compact covers every council's area.");
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"signed\">Councils that have signed</h2>");
    region_tables(b, su, SIGNUP_SIGNED, "signed", 1,
                  "No council has signed the local Compact that covers its area.");
}

void view_signups_page(struct buf *b, const struct signups_view *v, const struct viewer *viewer)
{
    view_top_page_start(b, "Who has signed local Compacts", "Who has signed", NAV_COVERAGE,
                        v->errors, v->nerrors, viewer);
    html_lit(b, "<h1 class=\"govuk-heading-l\">Who has signed local Compacts</h1>"
                "<p class=\"govuk-body\">A council has signed when it is a signatory of the "
                "local Compact that covers its area on the day. A signature counts from the day "
                "it was made until the day it was withdrawn. See also <a class=\"govuk-link\" "
                "href=\"/coverage\">where local Compacts cover England</a>.</p>");
    form(b, v);
    if (!v->nerrors && v->su) {
        report(b, v);
    }
    view_top_page_end(b);
}
