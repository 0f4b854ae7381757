/* The GOV.UK page template (docs/GOVUK-MARKUP.md), with the Generic header: not a GOV.UK service.
 */
#include "layout.h"

#include "assets.h"
#include "html.h"
#include "base/banned.h"

static const struct {
    enum nav nav;
    const char *label, *href;
} nav_items[] = {
    {NAV_HOME, "Home", "/"},
    {NAV_COMPACTS, "Local Compacts", "/compacts"},
    {NAV_COVERAGE, "Coverage", "/coverage"},
    {NAV_ORGANISATIONS, "Organisations", "/organisations"},
    {NAV_GRANTS, "Grants", "/grants"},
    {NAV_CONTRACTS, "Contracts", "/contracts"},
    {NAV_AUTHORITIES, "Local authorities", "/authorities"},
    {NAV_LIBRARY, "Library", "/library"},
    {NAV_CHECKS, "Check a decision", "/checks"},
};

void view_csrf_field(struct buf *b, const struct viewer *v)
{
    html_lit(b, "<input type=\"hidden\" name=\"csrf_token\" value=\"");
    html_attr(b, v && v->csrf ? v->csrf : "");
    html_lit(b, "\">");
}

static void nav_item(struct buf *b, int active, const char *href, const char *label)
{
    if (active) {
        html_lit(b, "<li class=\"govuk-service-navigation__item "
                    "govuk-service-navigation__item--active\">"
                    "<a class=\"govuk-service-navigation__link\" aria-current=\"true\" href=\"");
        html_attr(b, href);
        html_lit(b, "\"><strong class=\"govuk-service-navigation__active-fallback\">");
        html_text(b, label);
        html_lit(b, "</strong></a></li>");
    } else {
        html_lit(b, "<li class=\"govuk-service-navigation__item\">"
                    "<a class=\"govuk-service-navigation__link\" href=\"");
        html_attr(b, href);
        html_lit(b, "\">");
        html_text(b, label);
        html_lit(b, "</a></li>");
    }
}

static void service_navigation(struct buf *b, enum nav current, const struct viewer *viewer)
{
    html_lit(b, "<div class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\">"
                "<div class=\"govuk-width-container\">"
                "<div class=\"govuk-service-navigation__container\">"
                "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">"
                "<button type=\"button\" class=\"govuk-service-navigation__toggle "
                "govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden "
                "aria-hidden=\"true\">Menu</button>"
                "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">");
    for (size_t i = 0; i < sizeof(nav_items) / sizeof(nav_items[0]); i++) {
        nav_item(b, nav_items[i].nav == current, nav_items[i].href, nav_items[i].label);
    }
    if (viewer && viewer->name) {
        nav_item(b, current == NAV_ACCOUNT, "/account", "Your account");
        html_lit(b, "<li class=\"govuk-service-navigation__item\">"
                    "<form method=\"post\" action=\"/logout\" class=\"app-inline-form\">");
        view_csrf_field(b, viewer);
        html_lit(b, "<button type=\"submit\" class=\"govuk-service-navigation__link "
                    "app-link-button\">Sign out</button></form></li>");
    } else {
        nav_item(b, current == NAV_LOGIN, "/login", "Sign in");
    }
    html_lit(b, "</ul></nav></div></div></div>");
}

static void breadcrumbs(struct buf *b, const struct crumb *crumbs, size_t n)
{
    html_lit(b, "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\">"
                "<ol class=\"govuk-breadcrumbs__list\">");
    for (size_t i = 0; i < n; i++) {
        if (crumbs[i].href) {
            html_lit(b, "<li class=\"govuk-breadcrumbs__list-item\">"
                        "<a class=\"govuk-breadcrumbs__link\" href=\"");
            html_attr(b, crumbs[i].href);
            html_lit(b, "\">");
            html_text(b, crumbs[i].label);
            html_lit(b, "</a></li>");
        } else {
            html_lit(b, "<li class=\"govuk-breadcrumbs__list-item\" aria-current=\"page\">");
            html_text(b, crumbs[i].label);
            html_lit(b, "</li>");
        }
    }
    html_lit(b, "</ol></nav>");
}

void view_layout_start(struct buf *b, const struct layout *l)
{
    html_lit(b, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\"><head>"
                "<meta charset=\"utf-8\"><title>");
    if (l->nerrors) {
        html_lit(b, "Error: ");
    }
    html_text(b, l->title);
    html_lit(b, " - Compact Hub</title>"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, "
                "viewport-fit=cover\">"
                "<meta name=\"theme-color\" content=\"#0b0c0c\">"
                "<link rel=\"stylesheet\" href=\"/assets/app.css?v=");
    html_attr(b, web_assets_version);
    html_lit(b, "\"><link rel=\"icon\" href=\"/assets/favicon.svg?v=");
    html_attr(b, web_assets_version);
    html_lit(b, "\" type=\"image/svg+xml\"></head><body class=\"govuk-template__body\">"
                "<script src=\"/assets/js-enabled.js?v=");
    html_attr(b, web_assets_version);
    html_lit(b, "\"></script>"
                "<a href=\"#main-content\" class=\"govuk-skip-link\" "
                "data-module=\"govuk-skip-link\">Skip to main content</a>"
                "<header class=\"govuk-template__header\">"
                "<div class=\"govuk-generic-header\">"
                "<div class=\"govuk-generic-header__container govuk-width-container\">"
                "<div class=\"govuk-generic-header__logo\">"
                "<a href=\"/\" class=\"govuk-generic-header__homepage-link\">Compact Hub</a>"
                "</div>"
                /* the one search, on every page (SPEC section 9) */
                "<form class=\"app-header-search\" action=\"/search\" method=\"get\" "
                "role=\"search\"><label class=\"govuk-visually-hidden\" for=\"header-search\">"
                "Search Compact Hub</label><input class=\"govuk-input app-header-search__input\" "
                "id=\"header-search\" name=\"q\" type=\"search\" autocomplete=\"off\">"
                "<button type=\"submit\" class=\"govuk-button app-header-search__button\" "
                "data-module=\"govuk-button\">Find</button></form>"
                "</div></div>");
    service_navigation(b, l->nav, l->viewer);
    html_lit(b, "<div class=\"govuk-phase-banner govuk-width-container\">"
                "<p class=\"govuk-phase-banner__content\">"
                "<strong class=\"govuk-tag govuk-phase-banner__content__tag\">Alpha</strong>"
                "<span class=\"govuk-phase-banner__text\">This is a new service. Its records "
                "are being built up and may be incomplete.</span></p></div>"
                "</header><div class=\"govuk-width-container\">");
    if (l->ncrumbs) {
        breadcrumbs(b, l->crumbs, l->ncrumbs);
    }
    html_lit(b, "<main class=\"govuk-main-wrapper\" id=\"main-content\">");
    if (l->narrow) {
        html_lit(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    }
    if (l->nerrors) {
        form_error_summary(b, l->errors, l->nerrors);
    }
}

void view_heading(struct buf *b, const char *caption, const char *title)
{
    if (caption) {
        html_lit(b, "<span class=\"govuk-caption-l\">");
        html_text(b, caption);
        html_lit(b, "</span>");
    }
    html_lit(b, "<h1 class=\"govuk-heading-l\">");
    html_text(b, title);
    html_lit(b, "</h1>");
}

void view_layout_end(struct buf *b, const struct layout *l)
{
    if (l->narrow) {
        html_lit(b, "</div></div>");
    }
    html_lit(
        b, "</main></div><footer class=\"govuk-template__footer\">"
           "<div class=\"govuk-footer\"><div class=\"govuk-width-container\">"
           "<div class=\"govuk-footer__meta\">"
           "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">"
           "<h2 class=\"govuk-visually-hidden\">Support links</h2>"
           "<ul class=\"govuk-footer__inline-list\">"
           "<li class=\"govuk-footer__inline-list-item\">"
           "<a class=\"govuk-footer__link\" href=\"/accessibility\">Accessibility</a></li>"
           "<li class=\"govuk-footer__inline-list-item\">"
           "<a class=\"govuk-footer__link\" href=\"/cookies\">Cookies</a></li>"
           "<li class=\"govuk-footer__inline-list-item\">"
           "<a class=\"govuk-footer__link\" href=\"/privacy\">Privacy</a></li>"
           "<li class=\"govuk-footer__inline-list-item\">"
           "<a class=\"govuk-footer__link\" href=\"/contact\">Contact</a></li>"
           "<li class=\"govuk-footer__inline-list-item\">"
           "<a class=\"govuk-footer__link\" href=\"/api\">API documentation</a></li>"
           "<li class=\"govuk-footer__inline-list-item\">"
           "<a class=\"govuk-footer__link\" href=\"/healthz\">Service status</a></li></ul>"
           "<div class=\"govuk-footer__meta-custom\">Local authority data from mySociety "
           "and the Office for National Statistics.</div>"
           "<svg aria-hidden=\"true\" focusable=\"false\" class=\"govuk-footer__licence-logo\" "
           "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 483.2 195.7\" height=\"17\" "
           "width=\"41\"><path fill=\"currentColor\" d=\"M421.5 142.8V.1l-50.7 "
           "32.3v161.1h112.4v-50.7zm-122.3-9.6A47.12 47.12 0 0 1 221 97.8c0-26 21.1-47.1 47.1-47.1 "
           "16.7 0 31.4 8.7 39.7 21.8l42.7-27.2A97.63 97.63 0 0 0 268.1 0c-36.5 0-68.3 20.1-85.1 "
           "49.7A98 98 0 0 0 97.8 0C43.9 0 0 43.9 0 97.8s43.9 97.8 97.8 97.8c36.5 0 68.3-20.1 "
           "85.1-49.7a97.76 97.76 0 0 0 149.6 25.4l19.4 22.2h3v-87.8h-80l24.3 27.5zM97.8 145c-26 "
           "0-47.1-21.1-47.1-47.1s21.1-47.1 47.1-47.1 47.2 21 47.2 47S123.8 145 97.8 145\"/></svg>"
           "<span class=\"govuk-footer__licence-description\">All content is available "
           "under the <a class=\"govuk-footer__link\" "
           "href=\"https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\" "
           "rel=\"license\">Open Government Licence v3.0</a>, except where otherwise "
           "stated</span></div></div></div></div></footer>"
           "<script type=\"module\" src=\"/assets/init.mjs?v=");
    html_attr(b, web_assets_version);
    html_lit(b, "\"></script></body></html>\n");
}

void view_top_page_start(struct buf *b, const char *title, const char *crumb, enum nav nav,
                         const struct field_error *errors, size_t nerrors,
                         const struct viewer *viewer)
{
    const struct crumb crumbs[] = {{"Home", "/"}, {crumb, NULL}};
    const struct layout l = {.title = title,
                             .nav = nav,
                             .crumbs = crumbs,
                             .ncrumbs = 2,
                             .errors = errors,
                             .nerrors = nerrors,
                             .viewer = viewer};

    view_layout_start(b, &l);
}

void view_top_page_end(struct buf *b)
{
    static const struct layout full_width = {0};

    view_layout_end(b, &full_width);
}
