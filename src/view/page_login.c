/* The sign-in page: email and password, with the GOV.UK error summary. */
#include "page_login.h"

#include <string.h>

#include "html.h"
#include "base/banned.h"

static const char *error_for(const struct login_view *v, const char *field)
{
    for (size_t i = 0; i < v->nerrors; i++) {
        if (!strcmp(v->errors[i].field, field)) {
            return v->errors[i].message;
        }
    }
    return NULL;
}

void view_login_page(struct buf *b, const struct login_view *v, const struct viewer *viewer)
{
    const struct layout l = {
        .title = "Sign in", .nav = NAV_LOGIN, .has_error = v->nerrors > 0, .viewer = viewer};

    view_layout_start(b, &l);
    html_lit(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    if (v->nerrors) {
        form_error_summary(b, v->errors, v->nerrors);
    } else if (v->expired) {
        html_lit(b, "<div class=\"govuk-notification-banner\" role=\"region\" "
                    "aria-labelledby=\"govuk-notification-banner-title\" "
                    "data-module=\"govuk-notification-banner\">"
                    "<div class=\"govuk-notification-banner__header\">"
                    "<h2 class=\"govuk-notification-banner__title\" "
                    "id=\"govuk-notification-banner-title\">Important</h2></div>"
                    "<div class=\"govuk-notification-banner__content\">"
                    "<p class=\"govuk-notification-banner__heading\">You have been signed out "
                    "because you were inactive for a while. Sign in again to carry on.</p>"
                    "</div></div>");
    }
    html_lit(b, "<h1 class=\"govuk-heading-l\">Sign in</h1>"
                "<p class=\"govuk-body\">Sign in to keep your local Compact&#39;s record. You "
                "do not need to sign in to read the register or to check a decision.</p>"
                "<form method=\"post\" action=\"/login\" novalidate>");
    if (v->next) {
        html_lit(b, "<input type=\"hidden\" name=\"next\" value=\"");
        html_attr(b, v->next);
        html_lit(b, "\">");
    }
    form_input(b, "email", "Email address", "email", "email", v->email, error_for(v, "email"));
    form_input(b, "password", "Password", "password", "current-password", NULL,
               error_for(v, "password"));
    html_lit(b, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
                "Sign in</button></form>"
                "<p class=\"govuk-body\">If you need an account, or have forgotten your "
                "password, ask your local Compact&#39;s coordinator or the national body.</p>"
                "</div></div>");
    view_layout_end(b);
}
