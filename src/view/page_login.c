/* The sign-in page: email and password, with the GOV.UK error summary. */
#include "page_login.h"

#include "components.h"
#include "html.h"
#include "base/banned.h"

void view_login_page(struct buf *b, const struct login_view *v, const struct viewer *viewer)
{
    const struct layout l = {.title = "Sign in",
                             .nav = NAV_LOGIN,
                             .viewer = viewer,
                             .errors = v->errors,
                             .nerrors = v->nerrors,
                             .narrow = 1};

    view_layout_start(b, &l);
    if (!v->nerrors && v->expired) {
        banner(b, 0,
               "You have been signed out because you were inactive for a while. Sign in again to "
               "carry on.");
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
    form_text_input(b, &(struct form_field){.name = "email",
                                            .label = "Email address",
                                            .error = form_error_for(v->errors, v->nerrors, "email"),
                                            .value = v->email,
                                            .type = "email",
                                            .autocomplete = "email",
                                            .flags = FORM_NO_SPELLCHECK});
    form_text_input(b,
                    &(struct form_field){.name = "password",
                                         .label = "Password",
                                         .error = form_error_for(v->errors, v->nerrors, "password"),
                                         .type = "password",
                                         .autocomplete = "current-password",
                                         .flags = FORM_NO_SPELLCHECK});
    html_lit(b, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
                "Sign in</button></form>"
                "<p class=\"govuk-body\">If you need an account, or have forgotten your "
                "password, ask your local Compact&#39;s coordinator or the national body.</p>"
                "<p class=\"govuk-body\">Signing in stores two cookies in your browser. One "
                "keeps you signed in until you sign out. The other, kept for a year, shows that "
                "this browser has signed in to your account before, so that other people trying "
                "wrong passwords for it do not hold you back.</p>");
    view_layout_end(b, &l);
}
