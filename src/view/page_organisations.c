/* The organisations pages: search and list, one organisation's summary, add and change. */
#include "page_organisations.h"

#include <string.h>

#include "html.h"
#include "page_signatories.h"
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

/* The list's filters as a query string (no leading '?'), each value URL-encoded. */
static void filters_query(struct buf *b, const struct organisations_view *v)
{
    int more = 0;
    if (v->q && *v->q) {
        html_lit(b, "q=");
        html_url(b, v->q);
        more = 1;
    }
    if (v->sector >= 0) {
        if (more) {
            html_lit(b, "&amp;");
        }
        html_lit(b, "sector=");
        html_url(b, org_sector_id((enum org_sector)v->sector));
        more = 1;
    }
    if (v->type >= 0) {
        if (more) {
            html_lit(b, "&amp;");
        }
        html_lit(b, "type=");
        html_url(b, org_type_id((enum org_type)v->type));
    }
}

static void search_form(struct buf *b, const struct organisations_view *v)
{
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
    form_input(b, "q", "Search by name or org-id", "search", "off", v->q,
               error_in(v->errors, v->nerrors, "q"));
    html_lit(b, "</div></div><div class=\"govuk-grid-row\">"
                "<div class=\"govuk-grid-column-one-third\">");
    form_select(b, "sector", "Sector", sectors, SECTOR_COUNT + 1,
                error_in(v->errors, v->nerrors, "sector"));
    html_lit(b, "</div><div class=\"govuk-grid-column-one-third\">");
    form_select(b, "type", "Type", types, ORG_TYPE_COUNT + 1,
                error_in(v->errors, v->nerrors, "type"));
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
    html_lit(b, "<table class=\"govuk-table govuk-table--small-text-until-tablet\">"
                "<caption class=\"govuk-table__caption govuk-table__caption--m\">");
    html_num(b, (long long)v->total);
    if (v->total == 1) {
        html_lit(b, " organisation");
    } else {
        html_lit(b, " organisations");
    }
    if (v->total > v->n) {
        html_lit(b, " <span class=\"govuk-caption-m\">This page shows ");
        html_num(b, (long long)v->n);
        html_lit(b, ".</span>");
    }
    html_lit(b, "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Org-id</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Type</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Sector</th>"
                "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < v->n; i++) {
        const struct organisation *o = &v->items[i];
        html_lit(b, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        link_to(b, o);
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        html_text(b, o->org_id ? o->org_id : "None");
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        html_text(b, org_type_label(o->type));
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        html_text(b, org_sector_label(o->sector));
        html_lit(b, "</td></tr>");
    }
    html_lit(b, "</tbody></table>");
}

/* GOV.UK pagination, block style: back to the first page, on to the next. */
static void pagination(struct buf *b, const struct organisations_view *v)
{
    if (v->first_page && !v->next) {
        return;
    }
    html_lit(b, "<nav class=\"govuk-pagination govuk-pagination--block\" "
                "aria-label=\"Pagination\">");
    if (!v->first_page) {
        html_lit(b, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link "
                    "govuk-pagination__link\" href=\"/organisations?");
        filters_query(b, v);
        html_lit(b, "\" rel=\"prev\"><svg class=\"govuk-pagination__icon "
                    "govuk-pagination__icon--prev\" xmlns=\"http://www.w3.org/2000/svg\" "
                    "height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" "
                    "viewBox=\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 "
                    "6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"
                    "\"></path></svg><span class=\"govuk-pagination__link-title\">First"
                    "<span class=\"govuk-visually-hidden\"> page</span></span></a></div>");
    }
    if (v->next) {
        html_lit(b, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link "
                    "govuk-pagination__link\" href=\"/organisations?");
        filters_query(b, v);
        if ((v->q && *v->q) || v->sector >= 0 || v->type >= 0) {
            html_lit(b, "&amp;");
        }
        html_lit(b, "cursor=");
        html_url(b, v->next);
        html_lit(b, "\" rel=\"next\"><svg class=\"govuk-pagination__icon "
                    "govuk-pagination__icon--next\" xmlns=\"http://www.w3.org/2000/svg\" "
                    "height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" "
                    "viewBox=\"0 0 15 13\"><path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 "
                    "4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-"
                    "6.7266z\"></path></svg><span class=\"govuk-pagination__link-title\">Next"
                    "<span class=\"govuk-visually-hidden\"> page</span></span></a></div>");
    }
    html_lit(b, "</nav>");
}

void view_organisations_page(struct buf *b, const struct organisations_view *v,
                             const struct viewer *viewer)
{
    static const struct crumb crumbs[] = {{"Home", "/"}, {"Organisations", NULL}};
    const struct layout l = {.title = "Organisations",
                             .nav = NAV_ORGANISATIONS,
                             .crumbs = crumbs,
                             .ncrumbs = 2,
                             .has_error = v->nerrors > 0,
                             .viewer = viewer};

    view_layout_start(b, &l);
    if (v->nerrors) {
        form_error_summary(b, v->errors, v->nerrors);
    }
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
        table(b, v);
        pagination(b, v);
        html_lit(b, "<p class=\"govuk-body\">Download every organisation that matches as <a "
                    "class=\"govuk-link\" href=\"/api/v1/organisations.csv");
        if ((v->q && *v->q) || v->sector >= 0 || v->type >= 0) {
            html_lit(b, "?");
            filters_query(b, v);
        }
        html_lit(b, "\">CSV</a>.</p>");
    }
    view_layout_end(b);
}

static void row_start(struct buf *b, const char *key)
{
    html_lit(b, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
    html_text(b, key);
    html_lit(b, "</dt><dd class=\"govuk-summary-list__value\">");
}

static void row(struct buf *b, const char *key, const char *value)
{
    row_start(b, key);
    html_text(b, value);
    html_lit(b, "</dd></div>");
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
                            const struct signatory *signatures, size_t n,
                            const struct viewer *viewer)
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
    html_lit(b, "<span class=\"govuk-caption-l\">");
    html_text(b, org_type_label(o->type));
    html_lit(b, "</span><h1 class=\"govuk-heading-l\">");
    html_text(b, o->name);
    html_lit(b, "</h1><dl class=\"govuk-summary-list\">");
    row(b, "Org-id", o->org_id ? o->org_id : "None recorded");
    row(b, "Type", org_type_label(o->type));
    row(b, "Sector", org_sector_label(o->sector));
    if (o->gss) {
        row_start(b, "Its area (GSS code)");
        html_lit(b, "<a class=\"govuk-link\" href=\"/authorities/");
        html_url(b, o->gss);
        html_lit(b, "\">");
        html_text(b, o->gss);
        html_lit(b, "</a></dd></div>");
    }
    row_start(b, "Website");
    if (o->website) {
        html_lit(b, "<a class=\"govuk-link\" rel=\"nofollow\" href=\"");
        html_attr(b, o->website);
        html_lit(b, "\">");
        html_text(b, o->website);
        html_lit(b, "</a>");
    } else {
        html_lit(b, "None recorded");
    }
    html_lit(b, "</dd></div>");
    row(b, "Checked by a person", o->verified ? "Yes" : "Not yet: it came from a funder's data");
    row_start(b, "Number in the register");
    html_num(b, o->id);
    html_lit(b, "</dd></div>");
    html_lit(b, "</dl>");
    if (flags & ORG_PAGE_FUNDING) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
        html_attr(b, org_path(&path, ref, "/funding"));
        html_lit(b, "\">Funding and contracts</a></p>");
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
    view_layout_end(b);
    buf_release(&path);
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
                       .has_error = v->nerrors > 0,
                       .viewer = viewer};
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
    html_lit(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    if (v->nerrors) {
        form_error_summary(b, v->errors, v->nerrors);
    }
    if (v->ref) {
        html_lit(b, "<span class=\"govuk-caption-l\">");
        html_text(b, v->name);
        html_lit(b, "</span>");
    }
    html_lit(b, "<h1 class=\"govuk-heading-l\">");
    html_text(b, title);
    html_lit(b, "</h1><p class=\"govuk-body\">An org-id names the list an organisation is "
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
    form_input(b, "name", "Name", "text", "organization", d->name,
               error_in(v->errors, v->nerrors, "name"));
    form_input(b, "org_id", "Org-id (optional)", "text", "off", d->org_id,
               error_in(v->errors, v->nerrors, "org_id"));
    form_select(b, "type", "Type", types, ORG_TYPE_COUNT + 1,
                error_in(v->errors, v->nerrors, "type"));
    form_select(b, "sector", "Sector", sectors, SECTOR_COUNT + 1,
                error_in(v->errors, v->nerrors, "sector"));
    form_input(b, "website", "Website (optional)", "url", "url", d->website,
               error_in(v->errors, v->nerrors, "website"));
    html_lit(b, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
                "data-module=\"govuk-button\">");
    if (v->ref) {
        html_lit(b, "Save changes");
    } else {
        html_lit(b, "Add the organisation");
    }
    html_lit(b, "</button><a class=\"govuk-link\" href=\"");
    html_attr(b, v->ref ? org_path(&path, v->ref, "") : "/organisations");
    html_lit(b, "\">Cancel</a></div></form></div></div>");
    view_layout_end(b);
    buf_release(&path);
    buf_release(&back);
}
