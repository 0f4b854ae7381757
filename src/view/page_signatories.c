/* Signatory pages: the table, the list and the two forms. */
#include "page_signatories.h"

#include <string.h>

#include "html.h"
#include "base/banned.h"

/* "/compacts/{id}/signatories" and what follows it. */
static void signatories_href(struct buf *b, long long compact_id)
{
    html_lit(b, "/compacts/");
    html_num(b, compact_id);
    html_lit(b, "/signatories");
}

static void compact_href(struct buf *b, long long id)
{
    html_lit(b, "/compacts/");
    html_num(b, id);
}

void view_signatory_table(struct buf *b, const struct signatory *items, size_t n,
                          enum signatory_flavour flavour, const char *caption, int withdraw)
{
    html_lit(b, "<table class=\"govuk-table\">");
    if (caption) {
        html_lit(b, "<caption class=\"govuk-table__caption govuk-table__caption--m\">");
        html_text(b, caption);
        html_lit(b, "</caption>");
    }
    html_lit(b, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                "<th scope=\"col\" class=\"govuk-table__header\">");
    html_text(b, flavour == SIGNATORIES_OF_COMPACT ? "Organisation" : "Compact");
    html_lit(b, "</th><th scope=\"col\" class=\"govuk-table__header\">Signed by</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Signed</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Withdrawn</th>");
    if (withdraw) {
        html_lit(b, "<th scope=\"col\" class=\"govuk-table__header\"><span "
                    "class=\"govuk-visually-hidden\">Action</span></th>");
    }
    html_lit(b, "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < n; i++) {
        const struct signatory *g = &items[i];
        const char *who = flavour == SIGNATORIES_OF_COMPACT ? g->org_name : g->compact_name;
        html_lit(b,
                 "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">"
                 "<a class=\"govuk-link\" href=\"");
        if (flavour == SIGNATORIES_OF_COMPACT) {
            html_lit(b, "/organisations/");
            html_url(b, g->org_ref);
        } else {
            compact_href(b, g->compact_id);
        }
        html_lit(b, "\">");
        html_text(b, who);
        html_lit(b, "</a></th><td class=\"govuk-table__cell\">");
        html_text(b, g->role);
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        html_date(b, g->signed_on);
        html_lit(b, "</td><td class=\"govuk-table__cell\">");
        if (g->withdrawn_on) {
            html_date(b, g->withdrawn_on);
        } else {
            html_lit(b, "<strong class=\"govuk-tag govuk-tag--green\">Current</strong>");
        }
        html_lit(b, "</td>");
        if (withdraw) {
            html_lit(b, "<td class=\"govuk-table__cell\">");
            if (!g->withdrawn_on) {
                html_lit(b, "<a class=\"govuk-link\" href=\"");
                signatories_href(b, g->compact_id);
                html_lit(b, "/");
                html_num(b, g->id);
                html_lit(b, "/withdraw\">Withdraw<span class=\"govuk-visually-hidden\"> ");
                html_text(b, who);
                html_lit(b, "</span></a>");
            }
            html_lit(b, "</td>");
        }
        html_lit(b, "</tr>");
    }
    html_lit(b, "</tbody></table>");
}

void view_signatories_page(struct buf *b, const struct signatories_view *v,
                           const struct viewer *viewer)
{
    struct buf href = BUF_INIT;
    struct crumb crumbs[] = {{"Home", "/"}, {v->compact_name, NULL}, {"Signatories", NULL}};
    const struct layout l = {.title = "Signatories",
                             .nav = NAV_COMPACTS,
                             .crumbs = crumbs,
                             .ncrumbs = 3,
                             .viewer = viewer};
    size_t current = 0;

    compact_href(&href, v->compact_id);
    crumbs[1].href = href.data;
    view_layout_start(b, &l);
    buf_release(&href);
    if (v->notice) {
        html_lit(b, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
                    "role=\"alert\" aria-labelledby=\"govuk-notification-banner-title\" "
                    "data-module=\"govuk-notification-banner\">"
                    "<div class=\"govuk-notification-banner__header\">"
                    "<h2 class=\"govuk-notification-banner__title\" "
                    "id=\"govuk-notification-banner-title\">Success</h2></div>"
                    "<div class=\"govuk-notification-banner__content\">"
                    "<p class=\"govuk-notification-banner__heading\">");
        html_text(b, v->notice);
        html_lit(b, "</p></div></div>");
    }
    html_lit(b, "<span class=\"govuk-caption-l\">");
    html_text(b, v->compact_name);
    html_lit(b, "</span><h1 class=\"govuk-heading-l\">Signatories</h1>");
    for (size_t i = 0; i < v->n; i++) {
        current += !v->items[i].withdrawn_on;
    }
    if (v->n) {
        html_lit(b, "<p class=\"govuk-body\">");
        html_num(b, (long long)current);
        html_text(b, current == 1 ? " organisation has" : " organisations have");
        html_lit(b, " signed this Compact and not withdrawn");
        if (v->n > current) {
            html_lit(b, "; ");
            html_num(b, (long long)(v->n - current));
            html_lit(b, " withdrew");
        }
        html_lit(b, ".</p>");
        view_signatory_table(b, v->items, v->n, SIGNATORIES_OF_COMPACT, NULL, v->may_edit);
    } else {
        html_lit(b, "<p class=\"govuk-body\">No organisation has signed this Compact yet.</p>");
    }
    if (v->may_edit) {
        html_lit(b, "<a href=\"");
        signatories_href(b, v->compact_id);
        html_lit(b, "/new\" role=\"button\" draggable=\"false\" class=\"govuk-button\" "
                    "data-module=\"govuk-button\">Add a signatory</a>");
    }
    html_lit(b, "<p class=\"govuk-body\">Scripts can read this list as JSON: <a "
                "class=\"govuk-link\" href=\"/api/v1");
    signatories_href(b, v->compact_id);
    html_lit(b, "\">");
    html_lit(b, "/api/v1");
    signatories_href(b, v->compact_id);
    html_lit(b, "</a>.</p>");
    view_layout_end(b);
}

static const char *error_for(const struct signatory_form_view *v, const char *field)
{
    for (size_t i = 0; i < v->nerrors; i++) {
        if (!strcmp(v->errors[i].field, field)) {
            return v->errors[i].message;
        }
    }
    return NULL;
}

/* The layout of a form page titled title, under the Compact's signatories. */
static void form_start(struct buf *b, const struct signatory_form_view *v, const char *title,
                       const struct viewer *viewer)
{
    struct buf compact = BUF_INIT, list = BUF_INIT;
    struct crumb c[3] = {{"Home", "/"}, {v->compact_name, NULL}, {"Signatories", NULL}};
    const struct layout l = {.title = title,
                             .nav = NAV_COMPACTS,
                             .crumbs = c,
                             .ncrumbs = 3,
                             .has_error = v->nerrors > 0,
                             .viewer = viewer};

    compact_href(&compact, v->compact_id);
    signatories_href(&list, v->compact_id);
    c[1].href = compact.data;
    c[2].href = list.data;
    view_layout_start(b, &l);
    buf_release(&compact);
    buf_release(&list);
    html_lit(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    if (v->nerrors) {
        form_error_summary(b, v->errors, v->nerrors);
    }
    html_lit(b, "<span class=\"govuk-caption-l\">");
    html_text(b, v->compact_name);
    html_lit(b, "</span><h1 class=\"govuk-heading-l\">");
    html_text(b, title);
    html_lit(b, "</h1>");
}

static void form_end(struct buf *b, const char *button)
{
    html_lit(b, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">");
    html_text(b, button);
    html_lit(b, "</button></form></div></div>");
    view_layout_end(b);
}

void view_signatory_new_page(struct buf *b, const struct signatory_form_view *v,
                             const struct viewer *viewer)
{
    const char *org_error = error_for(v, "organisation"), *role_error = error_for(v, "role");

    form_start(b, v, "Add a signatory", viewer);
    html_lit(b, "<form method=\"post\" action=\"");
    signatories_href(b, v->compact_id);
    html_lit(b, "\" novalidate>");
    view_csrf_field(b, viewer);
    html_lit(b, "<div class=\"govuk-form-group");
    if (org_error) {
        html_lit(b, " govuk-form-group--error");
    }
    html_lit(b, "\"><label class=\"govuk-label govuk-label--s\" for=\"organisation\">"
                "Which organisation signed?</label><div id=\"organisation-hint\" "
                "class=\"govuk-hint\">Its org-id, such as GB-CHC-1234567, or its exact name as "
                "the register has it</div>");
    if (org_error) {
        form_error_message(b, "organisation", org_error);
    }
    html_lit(b, "<input class=\"govuk-input");
    if (org_error) {
        html_lit(b, " govuk-input--error");
    }
    html_lit(b, "\" id=\"organisation\" name=\"organisation\" type=\"text\" spellcheck=\"false\" "
                "autocomplete=\"organization\" aria-describedby=\"organisation-hint");
    if (org_error) {
        html_lit(b, " organisation-error");
    }
    html_lit(b, "\"");
    if (v->organisation) {
        html_lit(b, " value=\"");
        html_attr(b, v->organisation);
        html_lit(b, "\"");
    }
    html_lit(b, "></div>");
    form_date(b, "signed_on", "When did it sign?", "For example, 27 3 2012", v->date,
              error_for(v, "signed_on"));
    html_lit(b, "<div class=\"govuk-form-group");
    if (role_error) {
        html_lit(b, " govuk-form-group--error");
    }
    html_lit(b, "\"><label class=\"govuk-label govuk-label--s\" for=\"role\">Who signed for "
                "it?</label><div id=\"role-hint\" class=\"govuk-hint\">Their role, such as "
                "Chief Executive or Chair of Trustees</div>");
    if (role_error) {
        form_error_message(b, "role", role_error);
    }
    html_lit(b, "<input class=\"govuk-input");
    if (role_error) {
        html_lit(b, " govuk-input--error");
    }
    html_lit(b, "\" id=\"role\" name=\"role\" type=\"text\" autocomplete=\"organization-title\" "
                "aria-describedby=\"role-hint");
    if (role_error) {
        html_lit(b, " role-error");
    }
    html_lit(b, "\"");
    if (v->role) {
        html_lit(b, " value=\"");
        html_attr(b, v->role);
        html_lit(b, "\"");
    }
    html_lit(b, "></div>");
    form_end(b, "Add the signatory");
}

void view_signatory_withdraw_page(struct buf *b, const struct signatory_form_view *v,
                                  const struct viewer *viewer)
{
    const struct signatory *g = v->signatory;

    form_start(b, v, "Record a withdrawal", viewer);
    html_lit(b, "<dl class=\"govuk-summary-list\"><div class=\"govuk-summary-list__row\">"
                "<dt class=\"govuk-summary-list__key\">Organisation</dt>"
                "<dd class=\"govuk-summary-list__value\">");
    html_text(b, g->org_name);
    html_lit(b, "</dd></div><div class=\"govuk-summary-list__row\">"
                "<dt class=\"govuk-summary-list__key\">Signed by</dt>"
                "<dd class=\"govuk-summary-list__value\">");
    html_text(b, g->role);
    html_lit(b, "</dd></div><div class=\"govuk-summary-list__row\">"
                "<dt class=\"govuk-summary-list__key\">Signed</dt>"
                "<dd class=\"govuk-summary-list__value\">");
    html_date(b, g->signed_on);
    html_lit(b, "</dd></div></dl><form method=\"post\" action=\"");
    signatories_href(b, v->compact_id);
    html_lit(b, "/");
    html_num(b, g->id);
    html_lit(b, "/withdraw\" novalidate>");
    view_csrf_field(b, viewer);
    form_date(b, "withdrawn_on", "When did it withdraw?", "A date after it signed", v->date,
              error_for(v, "withdrawn_on"));
    form_end(b, "Record the withdrawal");
}
