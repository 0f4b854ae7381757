/* One local authority: a summary list of what the register knows of it. */
#include "page_authority.h"

#include <string.h>

#include "components.h"
#include "html.h"
#include "page_signatories.h"
#include "layout.h"
#include "base/banned.h"

/* Whether its council has signed the Compact that covers its area, today. */
static void council_row(struct buf *b, const struct authority *a, const struct authority_local *l)
{
    const char *council = a->official_name ? a->official_name : a->name;

    summary_row_start(b, "Signed by the council", 0);
    html_lit(b, "<span id=\"council-signed\">");
    if (l->council_signed) {
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--green\">Signed</strong>"
                    "<span class=\"govuk-!-display-block govuk-!-margin-top-1\">");
        html_text(b, council);
        html_lit(b, " signed it on ");
        html_date(b, l->council_signed_on);
    } else {
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--red\">Not signed</strong>"
                    "<span class=\"govuk-!-display-block govuk-!-margin-top-1\">");
        html_text(b, council);
        html_lit(b, " has not signed it");
        if (l->via_county) {
            html_lit(b, ": the county&#39;s Compact covers the area, but only the district "
                        "council&#39;s own signature counts");
        }
    }
    html_lit(b, ". <a class=\"govuk-link\" href=\"/signups\">See who has signed across "
                "England</a></span>");
    html_lit(b, "</span>");
    summary_row_end(b, NULL, NULL);
}

static void local_compact(struct buf *b, const struct authority *a, const struct authority_local *l)
{
    html_lit(b, "<h2 class=\"govuk-heading-m\">Local Compact</h2>");
    if (!l->compact_id) {
        html_lit(b, "<p class=\"govuk-body\">No local Compact in force covers this area today."
                    "</p>");
        return;
    }
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    summary_row_start(b, l->state == COVER_COVERED ? "Covered by" : "Being developed", 0);
    html_lit(b, "<a class=\"govuk-link\" href=\"/compacts/");
    html_num(b, l->compact_id);
    html_lit(b, "\">");
    html_text(b, l->compact_name);
    html_lit(b, "</a>");
    if (l->via_county) {
        html_lit(b, " (through its county)");
    }
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Status", 0);
    html_text(b, l->status >= 0 ? compact_status_label((enum compact_status)l->status)
                                : "Not yet in force");
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Review due", 0);
    if (l->review_due) {
        html_date(b, l->review_due);
    } else {
        html_lit(b, "Not known");
    }
    if (l->review_overdue) {
        html_lit(b, " <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>");
    }
    summary_row_end(b, NULL, NULL);
    if (l->state == COVER_COVERED) {
        council_row(b, a, l);
    }
    html_lit(b, "</dl>");
    if (l->nsignatories) {
        view_signatory_table(b, l->signatories, l->nsignatories, SIGNATORIES_OF_COMPACT,
                             "Signatories of that Compact", 0);
    } else {
        html_lit(b, "<p class=\"govuk-body\">No organisation has signed that Compact yet.</p>");
    }
}

void view_authority_page(struct buf *b, const struct authority *a,
                         const struct authority_local *local, const struct viewer *viewer)
{
    const struct crumb crumbs[] = {
        {"Home", "/"}, {"Local authorities", "/authorities"}, {a->name, NULL}};
    struct layout l = {
        .title = a->name, .nav = NAV_AUTHORITIES, .crumbs = crumbs, .ncrumbs = 3, .viewer = viewer};

    view_layout_start(b, &l);
    view_heading(b, authority_type_label(a->type), a->name);
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    summary_row(b, "Official name", a->official_name);
    summary_row(b, "GSS code", a->gss);
    if (a->gss_2011) {
        summary_row(b, "GSS code in 2011", a->gss_2011);
    }
    summary_row(b, "Register code", a->code);
    summary_row(b, "Type", authority_type_label(a->type));
    if (a->county_gss) {
        summary_row_start(b, "County", 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"/authorities/");
        html_url(b, a->county_gss);
        html_lit(b, "\">");
        html_text(b, a->county_name ? a->county_name : a->county_gss);
        html_lit(b, "</a>");
        summary_row_end(b, NULL, NULL);
    }
    summary_row(b, "Region", a->region);
    if (a->start_date && strcmp(a->start_date, "2009") > 0) { /* earlier dates are unreliable */
        summary_row(b, "Came into existence", a->start_date);
    }
    summary_row(b, "Abolished", a->end_date ? a->end_date : "Still in existence");
    summary_row(b, "In the 2009 to 2019 set", a->sets & AUTH_IN_2012 ? "Yes" : "No");
    html_lit(b, "</dl>");
    if (local) {
        local_compact(b, a, local);
    }
    view_layout_end(b, &l);
}
