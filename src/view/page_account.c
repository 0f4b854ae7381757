/* The account page. */
#include "page_account.h"

#include "html.h"
#include "base/banned.h"

static void row(struct buf *b, const char *key, const char *value)
{
    html_lit(b, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
    html_text(b, key);
    html_lit(b, "</dt><dd class=\"govuk-summary-list__value\">");
    html_text(b, value);
    html_lit(b, "</dd></div>");
}

static void tokens(struct buf *b, const struct account_view *v, const struct viewer *viewer)
{
    html_lit(b, "<h2 class=\"govuk-heading-m\">API tokens</h2><p class=\"govuk-body\">A token "
                "lets a script use the API as you, with your role: send it as "
                "<code>Authorization: Bearer TOKEN</code>. Keep it as secret as a password.</p>");
    if (v->ntokens) {
        html_lit(b, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
                    "govuk-table__caption--s\">Your tokens</caption>"
                    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                    "<th scope=\"col\" class=\"govuk-table__header\">Label</th>"
                    "<th scope=\"col\" class=\"govuk-table__header\">Created</th>"
                    "<th scope=\"col\" class=\"govuk-table__header\">Status</th>"
                    "<th scope=\"col\" class=\"govuk-table__header\"><span "
                    "class=\"govuk-visually-hidden\">Action</span></th>"
                    "</tr></thead><tbody class=\"govuk-table__body\">");
        for (size_t i = 0; i < v->ntokens; i++) {
            const struct api_token *t = &v->tokens[i];
            html_lit(b, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
            html_text(b, t->label);
            html_lit(b, "</td><td class=\"govuk-table__cell\">");
            html_text(b, t->created_at);
            html_lit(b, "</td><td class=\"govuk-table__cell\">");
            if (t->revoked_at) {
                html_lit(b, "<strong class=\"govuk-tag govuk-tag--grey\">Revoked</strong>");
                html_lit(b, "</td><td class=\"govuk-table__cell\"></td></tr>");
                continue;
            }
            html_lit(b,
                     "<strong class=\"govuk-tag govuk-tag--green\">Active</strong>"
                     "</td><td class=\"govuk-table__cell\">"
                     "<form method=\"post\" class=\"app-inline-form\" action=\"/account/tokens/");
            html_num(b, t->id);
            html_lit(b, "/revoke\">");
            view_csrf_field(b, viewer);
            html_lit(b, "<button type=\"submit\" class=\"govuk-button govuk-button--warning "
                        "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Revoke<span "
                        "class=\"govuk-visually-hidden\"> ");
            html_text(b, t->label);
            html_lit(b, "</span></button></form></td></tr>");
        }
        html_lit(b, "</tbody></table>");
    }
    html_lit(b, "<form method=\"post\" action=\"/account/tokens\" novalidate>");
    view_csrf_field(b, viewer);
    html_lit(b, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"label\">"
                "What the token is for</label><div id=\"label-hint\" class=\"govuk-hint\">For "
                "example, the name of the script that will use it</div>"
                "<input class=\"govuk-input govuk-!-width-two-thirds\" id=\"label\" name=\"label\" "
                "type=\"text\" aria-describedby=\"label-hint\"></div>"
                "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Create a token</button></form>");
}

void view_account_page(struct buf *b, const struct account_view *v, const struct viewer *viewer)
{
    const struct layout l = {.title = "Your account", .nav = NAV_ACCOUNT, .viewer = viewer};

    view_layout_start(b, &l);
    if (v->new_token || v->notice) {
        html_lit(b, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
                    "role=\"alert\" aria-labelledby=\"govuk-notification-banner-title\" "
                    "data-module=\"govuk-notification-banner\">"
                    "<div class=\"govuk-notification-banner__header\">"
                    "<h2 class=\"govuk-notification-banner__title\" "
                    "id=\"govuk-notification-banner-title\">Success</h2></div>"
                    "<div class=\"govuk-notification-banner__content\">");
        if (v->new_token) {
            html_lit(b, "<p class=\"govuk-notification-banner__heading\">Your new token</p>"
                        "<p class=\"govuk-body\">Copy it now: it will not be shown again.</p>"
                        "<p class=\"govuk-body\"><code class=\"app-token\">");
            html_text(b, v->new_token);
            html_lit(b, "</code></p>");
        } else {
            html_lit(b, "<p class=\"govuk-notification-banner__heading\">");
            html_text(b, v->notice);
            html_lit(b, "</p>");
        }
        html_lit(b, "</div></div>");
    }
    html_lit(b, "<h1 class=\"govuk-heading-l\">Your account</h1><dl class=\"govuk-summary-list\">");
    row(b, "Name", v->user->name);
    row(b, "Email address", v->user->email);
    row(b, "Role", role_id(v->user->role));
    if (v->user->org_id) {
        row(b, "Organisation", v->user->org_id);
    }
    html_lit(b, "</dl><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/history/user/");
    html_url(b, v->user->email);
    html_lit(b, "\">History of your account</a></p>");
    tokens(b, v, viewer);
    view_layout_end(b);
}
