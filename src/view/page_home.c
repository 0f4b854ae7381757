/* The home page: the public one, and each role's. */
#include "page_home.h"

#include <stdio.h>

#include "activities.h"
#include "components.h"
#include "html.h"
#include "layout.h"
#include "core/upkeep.h"
#include "base/banned.h"

/* What everybody can do, in a list of links. */
static void what_you_can_do(struct buf *b, const struct home_view *v)
{
    html_lit(b, "<ul class=\"govuk-list govuk-list--bullet\">"
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
}

static void public_home(struct buf *b, const struct home_view *v)
{
    html_lit(b, "<h1 class=\"govuk-heading-xl\">Compact Hub</h1>"
                "<p class=\"govuk-body-l\">The register of local Compacts in England: the "
                "agreements between councils, the NHS, police, fire and rescue services and the "
                "local voluntary and community sector on how they work together.</p>"
                "<p class=\"govuk-body\">The Compact asks public bodies to involve the sector "
                "early, consult properly, fund fairly, give at least three months&#39; written "
                "notice before cutting funding, and advance equality. Compact Hub keeps the "
                "record of where local Compacts are in force and who signed them.</p>"
                "<h2 class=\"govuk-heading-m\">What you can do</h2>");
    what_you_can_do(b, v);
}

/* "/compacts/ID" and tail, into out (returned). */
static const char *compact_href(char *out, size_t size, long long id, const char *tail)
{
    int n = snprintf(out, size, "/compacts/%lld%s", id, tail);
    return n > 0 && (size_t)n < size ? out : "/compacts";
}

/* A link to a page of Compact e, its text then the Compact's name for screen readers. */
static void compact_link(struct buf *b, const struct compact_entry *e, const char *tail,
                         const char *text)
{
    char href[64];

    html_lit(b, "<a class=\"govuk-link\" href=\"");
    html_attr(b, compact_href(href, sizeof(href), e->id, tail));
    html_lit(b, "\">");
    html_text(b, text);
    html_lit(b, "<span class=\"govuk-visually-hidden\"> (");
    html_text(b, e->name);
    html_lit(b, ")</span></a>");
}

/* Each step a coordinator may have to take, with where it is done. */
static const struct {
    unsigned step;
    const char *tail, *text;
} upkeep_links[UPKEEP_STEPS] = {
    {UPKEEP_REVIEW_OVERDUE, "/edit", "Review it, then enter the date it was refreshed"},
    {UPKEEP_REVIEW_UNKNOWN, "/edit", "Enter the date it was adopted"},
    {UPKEEP_NO_SIGNATORIES, "/signatories/new", "Add the organisations that signed it"},
    {UPKEEP_FINDINGS_PENDING, "/compliance", "Follow up its recorded activities"},
    {UPKEEP_NO_PARAMETERS, "/parameters", "Set its local parameters"},
    {UPKEEP_NO_CONTACTS, "/edit", "Add a key contact"},
    {UPKEEP_NO_DOCUMENT, "/edit", "Link the Compact's document"},
};

static void upkeep(struct buf *b, const struct home_compact *c)
{
    if (!c->steps) {
        html_lit(b, "Nothing: its record is up to date");
        return;
    }
    html_lit(b, "<ul class=\"govuk-list govuk-list--bullet\">");
    for (size_t i = 0; i < UPKEEP_STEPS; i++) {
        if (!(c->steps & upkeep_links[i].step)) {
            continue;
        }
        html_lit(b, "<li>");
        compact_link(b, c->entry, upkeep_links[i].tail, upkeep_links[i].text);
        switch (upkeep_links[i].step) {
        case UPKEEP_REVIEW_OVERDUE:
            html_lit(b, ": its review was due on ");
            html_date(b, c->state.review_due);
            break;
        case UPKEEP_REVIEW_UNKNOWN:
            html_lit(b, ", so that its review date is known");
            break;
        case UPKEEP_FINDINGS_PENDING:
            html_lit(b, ": ");
            html_num(b, (long long)c->pending);
            html_text(b, c->pending == 1 ? " step is still to take" : " steps are still to take");
            break;
        case UPKEEP_NO_PARAMETERS:
            html_lit(b, ": its checks use the national defaults and check no minimum tender "
                        "period");
            break;
        default:
            break;
        }
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>");
}

static void recent(struct buf *b, const struct home_compact *c)
{
    if (!c->nrecent) {
        html_lit(b, "<p class=\"govuk-body\">None recorded yet.</p>");
    } else {
        html_lit(b, "<ul class=\"govuk-list govuk-list--spaced\">");
        for (size_t i = 0; i < c->nrecent; i++) {
            const struct activity_summary *a = &c->recent[i];
            html_lit(b, "<li>");
            view_activity_link(b, a, 1);
            if (a->org_name || a->org_id) {
                html_lit(b, " for ");
                html_text(b, a->org_name ? a->org_name : a->org_id);
            }
            html_lit(b, " ");
            view_verdict_tag_id(b, a->overall, a->planned);
            html_lit(b, "</li>");
        }
        html_lit(b, "</ul>");
    }
    html_lit(b, "<p class=\"govuk-body\">");
    compact_link(b, c->entry, "/compliance", "All its activities and how they keep the Compact");
    html_lit(b, "</p>");
}

static void compact_card(struct buf *b, const struct home_compact *c)
{
    const struct compact_entry *e = c->entry;
    char href[64];

    summary_card_start(b, e->name, compact_href(href, sizeof(href), e->id, ""), 0);
    summary_row_start(b, "Status", 0);
    html_text(b, c->state.status >= 0 ? compact_status_label((enum compact_status)c->state.status)
                                      : "Not yet in force");
    if (c->state.since) {
        html_lit(b, " since ");
        html_date(b, c->state.since);
    }
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Review due", 0);
    if (c->state.review_due) {
        html_date(b, c->state.review_due);
    } else {
        html_lit(b, "Not known");
    }
    if (c->state.review_overdue) {
        html_lit(b, " <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>");
    }
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Still to do", 0);
    upkeep(b, c);
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Signatories", 0);
    html_lit(b, "<p class=\"govuk-body\">");
    html_num(b, (long long)c->signatories);
    html_text(b, c->signatories == 1 ? " organisation signs it" : " organisations sign it");
    if (c->withdrawn) {
        html_lit(b, "; ");
        html_num(b, (long long)c->withdrawn);
        html_lit(b, " withdrew");
    }
    html_lit(b, "</p><p class=\"govuk-body\">");
    compact_link(b, e, "/signatories", "See the signatories");
    html_lit(b, "</p>");
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Recent activities", 0);
    recent(b, c);
    summary_row_end(b, NULL, NULL);
    summary_card_end(b);
}

static void coordinator_home(struct buf *b, const struct coordinator_home *c)
{
    html_lit(b, "<h1 class=\"govuk-heading-l\">Your local Compacts</h1>");
    if (!c->n) {
        html_lit(b, "<p class=\"govuk-body\">You do not coordinate a local Compact yet. The "
                    "national body&#39;s admins choose each Compact&#39;s coordinators on its "
                    "page; a Compact you add is yours.</p>");
    } else {
        html_lit(b, "<p class=\"govuk-body\">You coordinate ");
        html_num(b, (long long)c->n);
        html_text(b, c->n == 1 ? " local Compact" : " local Compacts");
        html_lit(b, ". Each shows when its review is due and what it still needs.</p>");
    }
    for (size_t i = 0; i < c->n; i++) {
        compact_card(b, &c->compacts[i]);
    }
    if (c->can_create) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
                    "role=\"button\" draggable=\"false\" data-module=\"govuk-button\" "
                    "href=\"/compacts/new\">Add a local Compact</a></p>");
    }
}

/* The organisation's page, linked by its name (tail after its address, text the link's). */
static void org_link(struct buf *b, const struct member_home *m, const char *tail, const char *text)
{
    html_lit(b, "<a class=\"govuk-link\" href=\"/organisations/");
    html_url(b, m->org_ref);
    html_attr(b, tail);
    html_lit(b, "\">");
    html_text(b, text);
    html_lit(b, "</a>");
}

static void member_funding(struct buf *b, const struct member_home *m, const char *name)
{
    static const struct table_column cols[] = {
        {"Grant", 0}, {"Amount", CELL_NUMERIC}, {"Awarded", 0}};

    html_lit(b, "<h2 class=\"govuk-heading-m\">Funding</h2><p class=\"govuk-body\">In the grants "
                "funders publish as open data, ");
    html_text(b, name);
    html_lit(b, " received ");
    html_num(b, (long long)m->grants_received);
    html_text(b, m->grants_received == 1 ? " grant" : " grants");
    html_lit(b, " and made ");
    html_num(b, (long long)m->grants_made);
    html_lit(b, ".</p>");
    if (m->nreceived) {
        table_start(b, &(struct table){.caption = "The latest grants it received",
                                       .flags = TABLE_SMALL_TEXT | TABLE_CAPTION_S,
                                       .cols = cols,
                                       .ncols = 3});
        for (size_t i = 0; i < m->nreceived; i++) {
            const struct grant_item *g = &m->received[i];
            date_t d;
            table_row_start(b);
            table_cell_start(b, 0);
            html_text(b, g->title ? g->title : "A grant without a title");
            html_lit(b, "<br>from ");
            html_text(b, g->funder_name ? g->funder_name : g->funder_id);
            table_cell_end(b);
            table_cell_start(b, CELL_NUMERIC);
            html_money(b, (long long)g->amount);
            table_cell_end(b);
            table_cell_start(b, 0);
            if (g->award_date && date_parse(g->award_date, DATE_STRLEN, &d) == 0) {
                html_date(b, d);
            } else {
                html_lit(b, "Not known");
            }
            table_cell_end(b);
            table_row_end(b);
        }
        table_end(b);
    }
    html_lit(b, "<ul class=\"govuk-list\">");
    if (m->grants_received) {
        html_lit(b, "<li><a class=\"govuk-link\" href=\"/grants?recipient=");
        html_url(b, m->org_id);
        html_lit(b, "\">Every grant it received</a></li>");
    }
    if (m->grants_made) {
        html_lit(b, "<li><a class=\"govuk-link\" href=\"/grants?funder=");
        html_url(b, m->org_id);
        html_lit(b, "\">Every grant it made</a></li>");
    }
    if (m->org) {
        html_lit(b, "<li>");
        org_link(b, m, "/funding",
                 "Its funding as a funder: multi-year funding, ended "
                 "relationships and tenders");
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>");
}

static void member_home(struct buf *b, const struct member_home *m)
{
    const char *name = m->org ? m->org->name : m->org_id;

    view_heading(b, "Your organisation", name);
    if (m->org) {
        html_lit(b, "<p class=\"govuk-body\">");
        org_link(b, m, "", "Its record in the register");
        html_lit(b, ": its details and the local Compacts it signed.</p>");
    } else {
        html_lit(b, "<p class=\"govuk-body\">The register has no organisation with the "
                    "identifier your account names yet.</p>");
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">Its activities</h2>");
    if (m->nactivities) {
        html_lit(b, "<p class=\"govuk-body\">Funding changes, consultations, grants and "
                    "procurements recorded against a local Compact that concern it, or that its "
                    "members recorded, the latest first.</p>");
        view_activity_table(b, "Activities", m->activities, m->nactivities, ACTIVITY_COL_COMPACT);
    } else {
        html_lit(b, "<p class=\"govuk-body\">No activity concerning it has been recorded yet. "
                    "When a public body plans to end or reduce its funding, <a "
                    "class=\"govuk-link\" href=\"/checks/funding_change\">check the decision "
                    "against the Compact</a> and record it.</p>");
    }
    member_funding(b, m, name);
}

static void admin_home(struct buf *b, const struct admin_home *a)
{
    static const struct table_column cols[] = {{"Status today", 0},
                                               {"Local Compacts", CELL_NUMERIC}};
    const struct coverage *c = a->coverage;
    size_t known = 0;

    html_lit(b, "<h1 class=\"govuk-heading-l\">The national picture</h1>"
                "<p class=\"govuk-body-l\">Today ");
    html_count(b, (long long)c->all.covered);
    html_lit(b, " of the ");
    html_count(b, (long long)c->all.total);
    html_lit(b, " local authorities (");
    html_percent(b, c->all.total ? (double)c->all.covered / (double)c->all.total : 0.0);
    html_lit(b, ") are covered by ");
    html_count(b, (long long)c->active_compacts);
    html_text(b, c->active_compacts == 1 ? " active local Compact." : " active local Compacts.");
    html_lit(b, "</p>");
    if (c->all.in_development) {
        html_lit(b, "<p class=\"govuk-body\">A Compact is in development for ");
        html_count(b, (long long)c->all.in_development);
        html_text(b, c->all.in_development == 1 ? " more authority." : " more authorities.");
        html_lit(b, "</p>");
    }
    html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/coverage\">Coverage in "
                "full</a>: the map, the figures by type and region, and coverage over time.</p>"
                "<h2 class=\"govuk-heading-m\">Local Compacts</h2>");
    table_start(b, &(struct table){.caption = "The register's local Compacts by their status today",
                                   .flags = TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = 2});
    for (int s = 0; s < COMPACT_STATUS_COUNT; s++) {
        table_row_start(b);
        table_row_head_start(b);
        html_lit(b, "<a class=\"govuk-link\" href=\"/compacts?status=");
        html_url(b, compact_status_id((enum compact_status)s));
        html_lit(b, "\">");
        html_text(b, compact_status_label((enum compact_status)s));
        html_lit(b, "</a>");
        table_row_head_end(b);
        table_num_cell(b, (long long)a->by_status[s]);
        table_row_end(b);
        known += a->by_status[s];
    }
    if (a->compacts > known) {
        table_row_start(b);
        table_row_head(b, "Not yet in force");
        table_num_cell(b, (long long)(a->compacts - known));
        table_row_end(b);
    }
    table_row_start(b);
    table_row_head(b, "All");
    table_num_cell(b, (long long)a->compacts);
    table_row_end(b);
    table_end(b);
    html_lit(b, "<p class=\"govuk-body\">");
    if (a->overdue) {
        html_lit(b, "<a class=\"govuk-link\" href=\"/compacts?overdue=true\">");
        html_count(b, (long long)a->overdue);
        html_text(b, a->overdue == 1 ? " local Compact is" : " local Compacts are");
        html_lit(b, " overdue for review</a>.");
    } else {
        html_lit(b, "No local Compact is overdue for review.");
    }
    html_lit(b, "</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/compacts\">Find a "
                "local Compact</a>, to change it or choose its coordinators, or <a "
                "class=\"govuk-link\" href=\"/compacts/new\">add one</a>.</p>"
                "<h2 class=\"govuk-heading-m\">Organisations</h2><p class=\"govuk-body\">The "
                "register holds ");
    html_count(b, (long long)a->organisations);
    html_text(b, a->organisations == 1 ? " organisation" : " organisations");
    html_lit(b, ": councils, other public bodies and voluntary organisations. <a "
                "class=\"govuk-link\" href=\"/organisations\">Look one up</a>.</p>");
}

void view_home_page(struct buf *b, const struct home_view *v, const struct viewer *viewer)
{
    const char *title = v->coordinator ? "Your local Compacts"
                        : v->member    ? (v->member->org ? v->member->org->name : v->member->org_id)
                        : v->admin     ? "The national picture"
                                       : "Compact Hub";
    const struct layout l = {.title = title, .nav = NAV_HOME, .viewer = viewer, .narrow = 1};

    view_layout_start(b, &l);
    if (v->coordinator) {
        coordinator_home(b, v->coordinator);
    } else if (v->member) {
        member_home(b, v->member);
    } else if (v->admin) {
        admin_home(b, v->admin);
    } else {
        public_home(b, v);
        view_layout_end(b, &l);
        return;
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"complaints\">Complaints</h2>");
    view_case_table(b, "Open complaints you may see, what is due first at the top", v->cases,
                    v->ncases, 1);
    if (v->ncases_total > v->ncases) {
        html_lit(b, "<p class=\"govuk-body\">These are the ");
        html_count(b, (long long)v->ncases);
        html_lit(b, " due first of ");
        html_count(b, (long long)v->ncases_total);
        html_lit(b, " open complaints you may see. Each local Compact&#39;s page lists all of "
                    "its own.</p>");
    }
    html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/complaints/statistics\">"
                "Complaint statistics of every local Compact</a></p>");
    html_lit(b, "<h2 class=\"govuk-heading-m\">What else you can do</h2>");
    what_you_can_do(b, v);
    view_layout_end(b, &l);
}
