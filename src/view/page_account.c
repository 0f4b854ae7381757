/* The account page. */
#include "page_account.h"

#include "activities.h"
#include "components.h"
#include "form.h"
#include "html.h"
#include "base/banned.h"

/* Two columns, the day a token was made under its label and the button to revoke it under its
 * status, so that the table fits a 320-pixel phone without scrolling. */
static void tokens(struct buf *b, const struct account_view *v, const struct viewer *viewer)
{
    static const struct table_column cols[] = {{"Token", 0}, {"Status", 0}};

    html_lit(b, "<h2 class=\"govuk-heading-m\">API tokens</h2><p class=\"govuk-body\">A token "
                "lets a script use the API as you, with your role: send it as "
                "<code>Authorization: Bearer TOKEN</code>. Keep it as secret as a password.</p>");
    if (v->ntokens) {
        table_start(b, &(struct table){.caption = "Your tokens",
                                       .flags = TABLE_CAPTION_S | TABLE_SMALL_TEXT,
                                       .cols = cols,
                                       .ncols = 2});
        for (size_t i = 0; i < v->ntokens; i++) {
            const struct api_token *t = &v->tokens[i];
            table_row_start(b);
            table_cell_start(b, 0);
            html_text(b, t->label);
            html_lit(b, "<br><span class=\"govuk-hint govuk-!-font-size-16 govuk-!-margin-0\">"
                        "Created ");
            view_recorded_on(b, t->created_at);
            html_lit(b, "</span>");
            table_cell_end(b);
            table_cell_start(b, 0);
            if (t->revoked_at) {
                html_lit(b, "<strong class=\"govuk-tag govuk-tag--grey\">Revoked</strong>");
                table_cell_end(b);
                table_row_end(b);
                continue;
            }
            html_lit(b, "<strong class=\"govuk-tag govuk-tag--green\">Active</strong>"
                        "<form method=\"post\" class=\"govuk-!-margin-top-2\" "
                        "action=\"/account/tokens/");
            html_num(b, t->id);
            html_lit(b, "/revoke\">");
            view_csrf_field(b, viewer);
            html_lit(b, "<button type=\"submit\" class=\"govuk-button govuk-button--warning "
                        "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Revoke<span "
                        "class=\"govuk-visually-hidden\"> ");
            html_text(b, t->label);
            html_lit(b, "</span></button></form>");
            table_cell_end(b);
            table_row_end(b);
        }
        table_end(b);
    }
    html_lit(b, "<form method=\"post\" action=\"/account/tokens\" novalidate>");
    view_csrf_field(b, viewer);
    form_text_input(b, &(struct form_field){.name = "label",
                                            .label = "What the token is for",
                                            .hint = "For example, the name of the script that "
                                                    "will use it",
                                            .classes = "govuk-!-width-two-thirds"});
    html_lit(b, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Create a token</button></form>");
}

/* The calendar of complaints' due dates: its secret address, made and revoked here. */
static void calendar(struct buf *b, const struct account_view *v, const struct viewer *viewer)
{
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"calendar\">Complaints in your calendar</h2>"
                "<p class=\"govuk-body\">A calendar program (Outlook, Google Calendar, Apple "
                "Calendar) can show the due dates of the open complaints you may see. Give it a "
                "secret address: anyone who has the address can read those dates, so keep it "
                "to yourself, and revoke it if it is shared.</p>");
    if (v->feed_url) {
        html_lit(b, "<div class=\"govuk-inset-text\"><p class=\"govuk-body\"><strong>Your "
                    "calendar address</strong> (copy it now: it will not be shown again)</p>"
                    "<p class=\"govuk-body\"><code class=\"app-token\" id=\"calendar-url\">");
        html_text(b, v->feed_url);
        html_lit(b, "</code></p><p class=\"govuk-body\">In your calendar program, choose to "
                    "add a calendar from the internet (subscribe by URL) and paste it.</p>"
                    "</div>");
    } else if (v->feed_exists) {
        html_lit(b, "<p class=\"govuk-body\">You have a calendar address. It was shown once, "
                    "when it was made: to see one again, make a new one (the old one then stops "
                    "working).</p>");
    }
    html_lit(b, "<div class=\"govuk-button-group\"><form method=\"post\" "
                "class=\"app-inline-form\" action=\"/account/calendar\">");
    view_csrf_field(b, viewer);
    html_lit(b, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">");
    html_text(b, v->feed_exists || v->feed_url ? "Make a new calendar address"
                                               : "Make a calendar address");
    html_lit(b, "</button></form>");
    if (v->feed_exists || v->feed_url) {
        html_lit(b, "<form method=\"post\" class=\"app-inline-form\" "
                    "action=\"/account/calendar/revoke\">");
        view_csrf_field(b, viewer);
        html_lit(b, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
                    "data-module=\"govuk-button\">Revoke the calendar address</button></form>");
    }
    html_lit(b, "</div>");
}

void view_account_page(struct buf *b, const struct account_view *v, const struct viewer *viewer)
{
    const struct layout l = {.title = "Your account", .nav = NAV_ACCOUNT, .viewer = viewer};

    view_layout_start(b, &l);
    if (v->new_token) {
        banner_start(b, 1);
        html_lit(b, "<p class=\"govuk-notification-banner__heading\">Your new token</p>"
                    "<p class=\"govuk-body\">Copy it now: it will not be shown again.</p>"
                    "<p class=\"govuk-body\"><code class=\"app-token\">");
        html_text(b, v->new_token);
        html_lit(b, "</code></p>");
        banner_end(b);
    } else if (v->notice) {
        banner(b, 1, v->notice);
    }
    html_lit(b, "<h1 class=\"govuk-heading-l\">Your account</h1><dl class=\"govuk-summary-list\">");
    summary_row(b, "Name", v->user->name);
    summary_row(b, "Email address", v->user->email);
    summary_row(b, "Role", role_label(v->user->role));
    if (v->user->org_id && v->org_name && v->org_ref) { /* by name, linked to its page */
        summary_row_start(b, "Organisation", 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"/organisations/");
        html_url(b, v->org_ref);
        html_lit(b, "\">");
        html_text(b, v->org_name);
        html_lit(b, "</a>");
        summary_row_end(b, NULL, NULL);
    } else if (v->user->org_id) {
        summary_row(b, "Organisation", v->user->org_id);
    }
    html_lit(b, "</dl><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/history/user/");
    html_url(b, v->user->email);
    html_lit(b, "\">History of your account</a></p>");
    calendar(b, v, viewer);
    tokens(b, v, viewer);
    view_layout_end(b, &l);
}
