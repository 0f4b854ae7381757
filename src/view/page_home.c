/* The home page. */
#include "page_home.h"

#include "html.h"
#include "layout.h"
#include "base/banned.h"

void view_home_page(struct buf *b, const struct home_view *v, const struct viewer *viewer)
{
    const struct layout l = {
        .title = "Compact Hub", .nav = NAV_HOME, .viewer = viewer, .narrow = 1};

    view_layout_start(b, &l);
    html_lit(b, "<h1 class=\"govuk-heading-xl\">Compact Hub</h1>"
                "<p class=\"govuk-body-l\">The register of local Compacts in England: the "
                "agreements between councils, the NHS, police, fire and rescue services and the "
                "local voluntary and community sector on how they work together.</p>"
                "<p class=\"govuk-body\">The Compact asks public bodies to involve the sector "
                "early, consult properly, fund fairly, give at least three months&#39; written "
                "notice before cutting funding, and advance equality. Compact Hub keeps the "
                "record of where local Compacts are in force and who signed them.</p>"
                "<h2 class=\"govuk-heading-m\">What you can do</h2>"
                "<ul class=\"govuk-list govuk-list--bullet\">"
                "<li><a class=\"govuk-link\" href=\"/compacts\">Find a local Compact</a>: "
                "who signed it, its status, when its review is due and its local codes</li>"
                "<li><a class=\"govuk-link\" href=\"/coverage\">See where local Compacts "
                "cover England</a>: a map, the figures by type and region, and coverage over "
                "time</li>"
                "<li><a class=\"govuk-link\" href=\"/checks\">Check a decision against the "
                "Compact</a> before it is made: a funding change, a consultation, a grant or a "
                "procurement</li>"
                "<li><a class=\"govuk-link\" href=\"/organisations\">Look up an "
                "organisation</a>: councils, NHS bodies, police, fire services and voluntary "
                "organisations, and the Compacts they signed</li>"
                "<li><a class=\"govuk-link\" href=\"/authorities?set=2012\">Browse the ");
    html_num(b, (long long)v->authorities_2012);
    html_lit(b, " local authorities of 2009 to 2019</a>, the areas the 2011 survey of local "
                "Compacts refers to, or <a class=\"govuk-link\" href=\"/authorities?set=current\">"
                "today&#39;s ");
    html_num(b, (long long)v->authorities_current);
    html_lit(b, "</a></li>"
                "<li>Use the register in your own tools: the <a class=\"govuk-link\" "
                "href=\"/api/v1/compacts\">JSON API</a> and CSV downloads</li>"
                "</ul>");
    view_layout_end(b, &l);
}
