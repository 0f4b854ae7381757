/* Error pages, with the wording of the GOV.UK Design System's error page patterns. */
#include "page_error.h"

#include "html.h"
#include "layout.h"
#include "base/banned.h"

const char *view_error_title(int status)
{
    switch (status) {
    case 400:
        return "There is a problem with the address";
    case 401:
        return "Sign in to see this page";
    case 429:
        return "Too many attempts";
    case 403:
        return "You cannot see this page";
    case 404:
        return "Page not found";
    case 405:
        return "Method not allowed";
    case 408:
        return "The request took too long";
    case 413:
        return "What you sent is too large";
    case 414:
        return "The address is too long";
    case 431:
        return "The request headers are too large";
    case 501:
        return "This kind of request is not supported";
    case 503:
        return "Sorry, the service is unavailable";
    default:
        return "Sorry, there is a problem with the service";
    }
}

void view_error_page(struct buf *b, int status, const char *detail, const struct viewer *viewer)
{
    struct layout l = {
        .title = view_error_title(status), .nav = NAV_NONE, .viewer = viewer, .narrow = 1};

    view_layout_start(b, &l);
    view_heading(b, NULL, l.title);
    if (detail) {
        html_lit(b, "<p class=\"govuk-body\">");
        html_text(b, detail);
        html_lit(b, "</p>");
    }
    switch (status) {
    case 404:
        html_lit(b, "<p class=\"govuk-body\">If you typed the web address, check it is "
                    "correct.</p><p class=\"govuk-body\">If you pasted the web address, check "
                    "you copied the entire address.</p>");
        break;
    case 500:
    case 503:
        html_lit(b, "<p class=\"govuk-body\">Try again later.</p>");
        break;
    default:
        break;
    }
    html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the Compact Hub "
                "home page</a></p>");
    view_layout_end(b, &l);
}

void view_input_error_page(struct buf *b, const struct field_error *e, const struct viewer *viewer)
{
    struct layout l = {.title = "There is a problem with what was sent",
                       .nav = NAV_NONE,
                       .viewer = viewer,
                       .errors = e,
                       .nerrors = 1,
                       .narrow = 1};

    view_layout_start(b, &l);
    view_heading(b, NULL, l.title);
    html_lit(b, "<p class=\"govuk-body\">Go back, check what you entered and try again.</p>"
                "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                "href=\"/\">Go to the Compact Hub home page</a></p>");
    view_layout_end(b, &l);
}
