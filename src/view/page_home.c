/* The home page. */
#include "page_home.h"

#include "html.h"
#include "layout.h"
#include "base/banned.h"

void view_home_page(struct buf *b, const struct home_view *v, const struct viewer *viewer)
{
    const struct layout l = {.title = "Compact Hub", .nav = NAV_HOME, .viewer = viewer};

    view_layout_start(b, &l);
    html_lit(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
                "<h1 class=\"govuk-heading-xl\">Compact Hub</h1>"
                "<p class=\"govuk-body-l\">The register of local Compacts in England: the "
                "agreements between councils, the NHS, police, fire and rescue services and the "
                "local voluntary and community sector on how they work together.</p>"
                "<p class=\"govuk-body\">The Compact asks public bodies to involve the sector "
                "early, consult properly, fund fairly, give at least three months&#39; written "
                "notice before cutting funding, and advance equality. Compact Hub keeps the "
                "record of where local Compacts are in force and who signed them.</p>"
                "<h2 class=\"govuk-heading-m\">What you can do now</h2>"
                "<ul class=\"govuk-list govuk-list--bullet\">"
                "<li><a class=\"govuk-link\" href=\"/authorities?set=2012\">Browse the ");
    html_num(b, (long long)v->authorities_2012);
    html_lit(b,
             " local authorities of 2009 to 2019</a>, the areas the 2011 survey of local "
             "Compacts refers to</li>"
             "<li><a class=\"govuk-link\" href=\"/authorities?set=current\">Browse today&#39;s ");
    html_num(b, (long long)v->authorities_current);
    html_lit(b, " local authorities</a></li>"
                "<li><a class=\"govuk-link\" href=\"/coverage\">See where local Compacts "
                "cover England</a>: a map, the figures by type and region, and coverage over "
                "time</li>"
                "<li>Download the list as <a class=\"govuk-link\" "
                "href=\"/api/v1/authorities.csv?set=2012\">CSV</a> or use the "
                "<a class=\"govuk-link\" href=\"/api/v1/authorities?set=2012\">JSON API</a></li>"
                "</ul>"
                "<h2 class=\"govuk-heading-m\">Coming next</h2>"
                "<p class=\"govuk-body\">The register of local Compacts and their signatories, "
                "and checks of funding changes, consultations, "
                "grants and procurements against the Compact before they happen.</p>"
                "</div></div>");
    view_layout_end(b);
}
