/* The organisations pages: search and list, one organisation's summary, add and change. */
#include "page_organisations.h"

#include <string.h>

#include "components.h"
#include "page_funder.h"
#include "html.h"
#include "page_signatories.h"
#include "base/banned.h"

/* The list's filters as a query string (no leading '?'), each value URL-encoded; not yet
 * escaped for an attribute. */
static void filters_query(struct buf *b, const struct organisations_view *v)
{
    const char *names[3] = {"q", "sector", "type"};
    const char *values[3] = {v->q && *v->q ? v->q : NULL,
                             v->sector >= 0 ? org_sector_id((enum org_sector)v->sector) : NULL,
                             v->type >= 0 ? org_type_id((enum org_type)v->type) : NULL};

    for (size_t i = 0; i < 3; i++) {
        if (values[i]) {
            buf_addf(b, "%s%s=", b->len ? "&" : "", names[i]);
            html_url(b, values[i]);
        }
    }
}

static void search_form(struct buf *b, const struct organisations_view *v)
{
    const char *sector_error = form_error_for(v->errors, v->nerrors, "sector");
    const char *type_error = form_error_for(v->errors, v->nerrors, "type");
    struct form_option sectors[SECTOR_COUNT + 1], types[ORG_TYPE_COUNT + 1];

    sectors[0] = (struct form_option){"", "All sectors", v->sector < 0};
    for (int i = 0; i < SECTOR_COUNT; i++) {
        sectors[i + 1] = (struct form_option){org_sector_id((enum org_sector)i),
                                              org_sector_label((enum org_sector)i), v->sector == i};
    }
    types[0] = (struct form_option){"", "All types", v->type < 0};
    for (int i = 0; i < ORG_TYPE_COUNT; i++) {
        types[i + 1] = (struct form_option){org_type_id((enum org_type)i),
                                            org_type_label((enum org_type)i), v->type == i};
    }
    html_lit(b, "<form method=\"get\" action=\"/organisations\" novalidate>"
                "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_text_input(b, &(struct form_field){.name = "q",
                                            .label = "Search by name or org-id",
                                            .error = form_error_for(v->errors, v->nerrors, "q"),
                                            .value = v->q,
                                            .type = "search",
                                            .autocomplete = "off",
                                            .flags = FORM_NO_SPELLCHECK});
    html_lit(b, "</div></div><div class=\"govuk-grid-row\">"
                "<div class=\"govuk-grid-column-one-third\">");
    form_select(b, &(struct form_field){.name = "sector", .label = "Sector", .error = sector_error},
                sectors, SECTOR_COUNT + 1);
    html_lit(b, "</div><div class=\"govuk-grid-column-one-third\">");
    form_select(b, &(struct form_field){.name = "type", .label = "Type", .error = type_error},
                types, ORG_TYPE_COUNT + 1);
    html_lit(b, "</div></div><button type=\"submit\" class=\"govuk-button "
                "govuk-button--secondary\" data-module=\"govuk-button\">Search</button></form>");
}

static void link_to(struct buf *b, const struct organisation *o)
{
    char ref[ORG_REF_MAX];
    html_lit(b, "<a class=\"govuk-link\" href=\"/organisations/");
    html_url(b, organisation_ref(o, ref));
    html_lit(b, "\">");
    html_text(b, o->name);
    html_lit(b, "</a>");
}

static void table(struct buf *b, const struct organisations_view *v)
{
    static const struct table_column cols[] = {
        {"Name", 0}, {"Org-id", CELL_WIDE_ONLY}, {"Type", 0}, {"Sector", 0}};
    struct buf caption = BUF_INIT;

    count_phrase(&caption, v->total, "organisation", "organisations");
    table_start(b,
                &(struct table){
                    .caption = caption.data, .flags = TABLE_SMALL_TEXT, .cols = cols, .ncols = 4});
    for (size_t i = 0; i < v->n; i++) {
        const struct organisation *o = &v->items[i];
        table_row_start(b);
        table_cell_start(b, 0);
        link_to(b, o);
        table_cell_end(b);
        table_cell(b, o->org_id ? o->org_id : "None", 0);
        table_cell(b, org_type_label(o->type), 0);
        table_cell(b, org_sector_label(o->sector), 0);
        table_row_end(b);
    }
    table_end(b);
    buf_release(&caption);
}

void view_organisations_page(struct buf *b, const struct organisations_view *v,
                             const struct viewer *viewer)
{
    struct buf query = BUF_INIT, paged = BUF_INIT;

    view_top_page_start(b, "Organisations", "Organisations", NAV_ORGANISATIONS, v->errors,
                        v->nerrors, viewer);
    html_lit(b, "<h1 class=\"govuk-heading-l\">Organisations</h1>"
                "<p class=\"govuk-body\">Public bodies, voluntary and community organisations "
                "and businesses that take part in local Compacts, with their org-id where they "
                "have one. Every council in England is here.</p>");
    if (v->can_edit) {
        html_lit(b, "<a href=\"/organisations/new\" role=\"button\" draggable=\"false\" "
                    "class=\"govuk-button\" data-module=\"govuk-button\">Add an organisation</a>");
    }
    search_form(b, v);
    if (!v->nerrors) {
        filters_query(&query, v);
        table(b, v);
        buf_adds(&paged, query.data);
        query_add(&paged, "limit", v->limit);
        pagination_pages(b, "/organisations", paged.data, v->page, v->per_page, v->total, v->n);
        download_csv(b, "organisation", "/api/v1/organisations.csv", query.data);
    }
    view_top_page_end(b);
    buf_release(&query);
    buf_release(&paged);
}

/* "/organisations/REF" and a suffix, for breadcrumbs and actions. */
static const char *org_path(struct buf *tmp, const char *ref, const char *suffix)
{
    buf_reset(tmp);
    buf_adds(tmp, "/organisations/");
    html_url(tmp, ref);
    buf_adds(tmp, suffix);
    return tmp->data;
}

void view_organisation_page(struct buf *b, const struct organisation *o, unsigned flags,
                            const struct ind_received *received, const struct signatory *signatures,
                            size_t n, const struct viewer *viewer)
{
    const struct crumb crumbs[] = {
        {"Home", "/"}, {"Organisations", "/organisations"}, {o->name, NULL}};
    const struct layout l = {.title = o->name,
                             .nav = NAV_ORGANISATIONS,
                             .crumbs = crumbs,
                             .ncrumbs = 3,
                             .viewer = viewer};
    struct buf path = BUF_INIT;
    char ref[ORG_REF_MAX];

    organisation_ref(o, ref);
    view_layout_start(b, &l);
    view_heading(b, org_type_label(o->type), o->name);
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    summary_row(b, "Org-id", o->org_id ? o->org_id : "None recorded");
    summary_row(b, "Type", org_type_label(o->type));
    summary_row(b, "Sector", org_sector_label(o->sector));
    if (o->gss) {
        summary_row_start(b, "Its area (GSS code)", 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"/authorities/");
        html_url(b, o->gss);
        html_lit(b, "\">");
        html_text(b, o->gss);
        html_lit(b, "</a>");
        summary_row_end(b, NULL, NULL);
    }
    summary_row_start(b, "Website", 0);
    if (o->website) {
        html_lit(b, "<a class=\"govuk-link\" rel=\"nofollow\" href=\"");
        html_attr(b, o->website);
        html_lit(b, "\">");
        html_text(b, o->website);
        html_lit(b, "</a>");
    } else {
        html_lit(b, "None recorded");
    }
    summary_row_end(b, NULL, NULL);
    summary_row(b, "Checked by a person",
                o->verified ? "Yes" : "Not yet: it came from a funder's data");
    summary_row_start(b, "Number in the register", 0);
    html_num(b, o->id);
    summary_row_end(b, NULL, NULL);
    html_lit(b, "</dl>");
    view_grants_received(b, received, o->org_id, o->name, NULL, NULL);
    if (flags & ORG_PAGE_FUNDING) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
        html_attr(b, org_path(&path, ref, "/funding"));
        html_lit(b, "\">Funding and contracts</a>: grants received and made, funding that "
                    "ended, and contracts, with the figures by year</p>");
    }
    if (flags & ORG_PAGE_EDIT) {
        html_lit(b, "<a href=\"");
        html_attr(b, org_path(&path, ref, "/edit"));
        html_lit(b, "\" role=\"button\" draggable=\"false\" class=\"govuk-button "
                    "govuk-button--secondary\" data-module=\"govuk-button\">Change these "
                    "details</a>");
    }
    if (n) {
        view_signatory_table(b, signatures, n, SIGNATORIES_OF_ORGANISATION, "Compacts it signed",
                             0);
    } else {
        html_lit(b, "<h2 class=\"govuk-heading-m\">Compacts it signed</h2><p class=\"govuk-body\">"
                    "It has not signed a local Compact in the register.</p>");
    }
    view_layout_end(b, &l);
    buf_release(&path);
}

/* A text input of the form: the value given shown again, with its error. */
static void input(struct buf *b, const struct organisation_form_view *v, const char *name,
                  const char *label, const char *type, const char *autocomplete, const char *value)
{
    form_text_input(b, &(struct form_field){.name = name,
                                            .label = label,
                                            .error = form_error_for(v->errors, v->nerrors, name),
                                            .value = value,
                                            .type = type,
                                            .autocomplete = autocomplete,
                                            .flags = FORM_NO_SPELLCHECK});
}

void view_organisation_form_page(struct buf *b, const struct organisation_form_view *v,
                                 const struct viewer *viewer)
{
    const struct organisation_draft *d = v->values;
    const char *title = v->ref ? "Change an organisation's details" : "Add an organisation";
    struct buf path = BUF_INIT, back = BUF_INIT;
    struct crumb crumbs[4] = {{"Home", "/"}, {"Organisations", "/organisations"}};
    struct layout l = {.title = title,
                       .nav = NAV_ORGANISATIONS,
                       .crumbs = crumbs,
                       .ncrumbs = 3,
                       .errors = v->errors,
                       .nerrors = v->nerrors,
                       .viewer = viewer,
                       .narrow = 1};
    struct form_option sectors[SECTOR_COUNT + 1], types[ORG_TYPE_COUNT + 1];
    const char *sector = d->sector ? d->sector : "", *type = d->type ? d->type : "";

    if (v->ref) {
        crumbs[2] = (struct crumb){v->name, org_path(&back, v->ref, "")};
        crumbs[3] = (struct crumb){"Change", NULL};
        l.ncrumbs = 4;
    } else {
        crumbs[2] = (struct crumb){"Add an organisation", NULL};
    }
    sectors[0] = (struct form_option){"", "The type's own sector", !*sector};
    for (int i = 0; i < SECTOR_COUNT; i++) {
        const char *id = org_sector_id((enum org_sector)i);
        sectors[i + 1] =
            (struct form_option){id, org_sector_label((enum org_sector)i), !strcmp(sector, id)};
    }
    types[0] = (struct form_option){"", "Choose a type", !*type};
    for (int i = 0; i < ORG_TYPE_COUNT; i++) {
        const char *id = org_type_id((enum org_type)i);
        types[i + 1] =
            (struct form_option){id, org_type_label((enum org_type)i), !strcmp(type, id)};
    }
    view_layout_start(b, &l);
    view_heading(b, v->ref ? v->name : NULL, title);
    html_lit(b, "<p class=\"govuk-body\">An org-id names the list an organisation is "
                "registered in and its number there: GB-CHC- and the charity number for a "
                "registered charity, GB-COH- and the company number for a company, GB-LAE- and "
                "the three-letter code for a council (GB-LAE-TRF is Trafford). Leave it blank if "
                "it has none.</p><form method=\"post\" action=\"");
    if (v->ref) {
        html_attr(b, org_path(&path, v->ref, ""));
    } else {
        html_lit(b, "/organisations");
    }
    html_lit(b, "\" novalidate>");
    view_csrf_field(b, viewer);
    if (v->for_compact && !v->ref) {
        buf_reset(&back);
        buf_addf(&back, "%lld", v->for_compact);
        form_hidden(b, "for_compact", back.data);
        buf_reset(&back);
        buf_addf(&back, "/compacts/%lld/signatories/new", v->for_compact);
    }
    input(b, v, "name", "Name", NULL, "organization", d->name);
    input(b, v, "org_id", "Org-id (optional)", NULL, "off", d->org_id);
    form_select(b,
                &(struct form_field){.name = "type",
                                     .label = "Type",
                                     .error = form_error_for(v->errors, v->nerrors, "type")},
                types, ORG_TYPE_COUNT + 1);
    form_select(b,
                &(struct form_field){.name = "sector",
                                     .label = "Sector",
                                     .error = form_error_for(v->errors, v->nerrors, "sector")},
                sectors, SECTOR_COUNT + 1);
    input(b, v, "website", "Website (optional)", "url", "url", d->website);
    form_buttons(b, v->ref ? "Save changes" : "Add the organisation",
                 v->ref           ? org_path(&path, v->ref, "")
                 : v->for_compact ? back.data /* the signatory form it was for */
                                  : "/organisations");
    html_lit(b, "</form>");
    view_layout_end(b, &l);
    buf_release(&path);
    buf_release(&back);
}
