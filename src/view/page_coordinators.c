/* A Compact's coordinators: the summary on its page and the form that adds one. */
#include "page_coordinators.h"

#include <stdio.h>

#include "components.h"
#include "html.h"
#include "base/banned.h"

/* "/compacts/ID" and tail into out (returned); "/compacts" if it does not fit. */
static const char *href_of(char *out, size_t size, long long id, const char *tail)
{
    int n = snprintf(out, size, "/compacts/%lld%s", id, tail);
    return n > 0 && (size_t)n < size ? out : "/compacts";
}

void view_coordinators_summary(struct buf *b, const struct coordinators_view *v,
                               const struct viewer *viewer)
{
    char href[64];

    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"coordinators\">Coordinators</h2>"
                "<p class=\"govuk-body\">The people who keep this Compact&#39;s record: they "
                "change its details, its signatories and its activities.</p>");
    if (!v->n) {
        html_lit(b, "<p class=\"govuk-body\">Nobody coordinates this Compact yet.</p>");
    } else {
        html_lit(b, "<dl class=\"govuk-summary-list\">");
        for (size_t i = 0; i < v->n; i++) {
            const struct user *u = &v->coordinators[i];
            summary_row_start(b, u->name, 0);
            html_lit(b, "<span class=\"govuk-!-text-break-word\">");
            html_text(b, u->email);
            html_lit(b, "</span>");
            if (u->disabled) {
                html_lit(b, " <strong class=\"govuk-tag govuk-tag--grey\">Account disabled"
                            "</strong>");
            }
            html_lit(b, "</dd>");
            if (v->may_assign) {
                html_lit(b, "<dd class=\"govuk-summary-list__actions\"><form method=\"post\" "
                            "action=\"");
                html_attr(b, href_of(href, sizeof(href), v->compact_id, "/coordinators/remove"));
                html_lit(b, "\" novalidate>");
                view_csrf_field(b, viewer);
                html_lit(b, "<input type=\"hidden\" name=\"email\" value=\"");
                html_attr(b, u->email);
                html_lit(b, "\"><button type=\"submit\" class=\"govuk-button "
                            "govuk-button--secondary govuk-!-margin-bottom-0\" "
                            "data-module=\"govuk-button\">Remove<span "
                            "class=\"govuk-visually-hidden\"> ");
                html_text(b, u->name);
                html_lit(b, " as a coordinator</span></button></form></dd>");
            }
            html_lit(b, "</div>");
        }
        html_lit(b, "</dl>");
    }
    if (v->may_assign) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
        html_attr(b, href_of(href, sizeof(href), v->compact_id, "/coordinators/new"));
        html_lit(b, "\">Add a coordinator</a></p>");
    }
}

void view_coordinator_new_page(struct buf *b, const struct coordinator_form_view *v,
                               const struct viewer *viewer)
{
    static const char title[] = "Add a coordinator";
    char back[48], action[64];
    const struct crumb crumbs[] = {
        {"Home", "/"},
        {"Local Compacts", "/compacts"},
        {v->compact_name, href_of(back, sizeof(back), v->compact_id, "")},
        {title, NULL}};
    const struct layout l = {.title = title,
                             .nav = NAV_COMPACTS,
                             .crumbs = crumbs,
                             .ncrumbs = 4,
                             .viewer = viewer,
                             .errors = v->errors,
                             .nerrors = v->nerrors,
                             .narrow = 1};

    view_layout_start(b, &l);
    view_heading(b, v->compact_name, title);
    html_lit(b, "<p class=\"govuk-body\">A coordinator keeps this Compact&#39;s record. Choose "
                "someone who already has a coordinator&#39;s account.</p><form method=\"post\" "
                "action=\"");
    html_attr(b, href_of(action, sizeof(action), v->compact_id, "/coordinators"));
    html_lit(b, "\" novalidate>");
    view_csrf_field(b, viewer);
    form_text_input(b, &(struct form_field){.name = "email",
                                            .label = "Email address of their account",
                                            .hint = "The address they sign in with",
                                            .error = form_error_for(v->errors, v->nerrors, "email"),
                                            .value = v->email,
                                            .type = "email",
                                            .autocomplete = "off",
                                            .flags = FORM_BOLD | FORM_NO_SPELLCHECK});
    form_buttons(b, "Add the coordinator", back);
    html_lit(b, "</form>");
    view_layout_end(b, &l);
}
