/* The local Compact pages: list, summary, and the forms that change a Compact. */
#include "page_compacts.h"
#include "page_signatories.h"
#include "page_signups.h"

#include <stdio.h>
#include <string.h>

#include "components.h"
#include "html.h"
#include "base/banned.h"

/* "1 April 2012", or text when d is 0. */
static void human_date(struct buf *b, date_t d, const char *none)
{
    if (!d) {
        html_text(b, none);
        return;
    }
    html_date(b, d);
}

static void status_tag(struct buf *b, int status)
{
    switch (status) {
    case COMPACT_ACTIVE:
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--green\">Active</strong>");
        break;
    case COMPACT_IN_DEVELOPMENT:
        html_lit(b, "<strong class=\"govuk-tag\">In development</strong>");
        break;
    case COMPACT_INACTIVE:
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--grey\">Inactive</strong>");
        break;
    default:
        html_lit(b, "<strong class=\"govuk-tag govuk-tag--grey\">Not yet in force</strong>");
    }
}

static void overdue_tag(struct buf *b)
{
    html_lit(b, " <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>");
}

static const char *value_of(const struct form_values *v, const char *name)
{
    return v->value ? v->value(v->ctx, name) : NULL;
}

/* A question of a Compact's forms: a bold label, its hint, the answer given and its error. */
static struct form_field question(const struct form_values *v, const struct field_error *e,
                                  size_t ne, const char *name, const char *label, const char *hint)
{
    return (struct form_field){.name = name,
                               .label = label,
                               .hint = hint,
                               .error = form_error_for(e, ne, name),
                               .value = value_of(v, name),
                               .flags = FORM_BOLD | FORM_NO_SPELLCHECK};
}

/* A text input of type type (NULL: text), classes a width or NULL. */
static void text_input(struct buf *b, struct form_field f, const char *type, const char *classes)
{
    f.type = type;
    f.classes = classes;
    form_text_input(b, &f);
}

static void textarea(struct buf *b, struct form_field f)
{
    f.rows = 4;
    f.flags = FORM_BOLD | (f.flags & FORM_AUTOFOCUS);
    form_textarea(b, &f);
}

/* A GOV.UK date input with the answers given: NAME-day, NAME-month, NAME-year. */
static void date_input(struct buf *b, struct form_field f, const struct form_values *v)
{
    static const char *const parts[3] = {"day", "month", "year"};
    const char *given[3];

    for (int i = 0; i < 3; i++) {
        struct buf name = BUF_INIT;
        buf_addf(&name, "%s-%s", f.name, parts[i]);
        given[i] = value_of(v, name.data);
        buf_release(&name);
    }
    f.flags = FORM_BOLD | (f.flags & FORM_AUTOFOCUS);
    form_date(b, &f, given);
}

/* Radios for the three statuses, named status. */
static void status_radios(struct buf *b, const struct form_values *v, const char *error)
{
    struct form_choice c[COMPACT_STATUS_COUNT];

    for (int i = 0; i < COMPACT_STATUS_COUNT; i++) {
        c[i] = (struct form_choice){compact_status_id((enum compact_status)i),
                                    compact_status_label((enum compact_status)i)};
    }
    form_radios(b,
                &(struct form_field){.name = "status",
                                     .label = "Status",
                                     .error = error,
                                     .value = value_of(v, "status"),
                                     .flags = FORM_BOLD},
                c, COMPACT_STATUS_COUNT);
}

static const char *compact_href(char *out, size_t size, long long id, const char *tail)
{
    int n = snprintf(out, size, "/compacts/%lld%s", id, tail);
    return n > 0 && (size_t)n < size ? out : "/compacts";
}

/* ---- the list ---- */

static void filter_form(struct buf *b, const struct compacts_view *v)
{
    struct form_option statuses[COMPACT_STATUS_COUNT + 1], regions[REGION_COUNT + 1];

    statuses[0] = (struct form_option){"", "Any status", v->status < 0};
    for (int i = 0; i < COMPACT_STATUS_COUNT; i++) {
        statuses[i + 1] =
            (struct form_option){compact_status_id((enum compact_status)i),
                                 compact_status_label((enum compact_status)i), v->status == i};
    }
    regions[0] = (struct form_option){"", "All regions", v->region < 0};
    for (int i = 0; i < REGION_COUNT; i++) {
        regions[i + 1] =
            (struct form_option){region_id((size_t)i), region_name((size_t)i), v->region == i};
    }
    html_lit(b, "<form method=\"get\" action=\"/compacts\" novalidate>");
    form_text_input(
        b, &(struct form_field){.name = "q",
                                .label = "Search",
                                .hint = "A Compact's name, or an authority's name or GSS code",
                                .error = form_error_for(v->errors, v->nerrors, "q"),
                                .value = v->q,
                                .classes = "govuk-!-width-two-thirds",
                                .type = "search",
                                .flags = FORM_BOLD | FORM_NO_SPELLCHECK});
    html_lit(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-third\">");
    form_select(b,
                &(struct form_field){.name = "status",
                                     .label = "Status today",
                                     .error = form_error_for(v->errors, v->nerrors, "status")},
                statuses, COMPACT_STATUS_COUNT + 1);
    html_lit(b, "</div><div class=\"govuk-grid-column-one-third\">");
    form_select(b,
                &(struct form_field){.name = "region",
                                     .label = "Region",
                                     .error = form_error_for(v->errors, v->nerrors, "region")},
                regions, REGION_COUNT + 1);
    html_lit(b, "</div><div class=\"govuk-grid-column-one-third\">");
    form_checkboxes(b,
                    &(struct form_field){.name = "overdue",
                                         .classes = "govuk-checkboxes--small govuk-!-margin-top-6"},
                    &(struct form_choice){"true", "Review overdue"}, &(int){v->overdue != 0}, 1);
    html_lit(b,
             "</div></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
             "data-module=\"govuk-button\">Search</button></form>");
}

/* The list's filters as a query string (URL-encoded), for the CSV link. */
static void filters_query(struct buf *b, const struct compacts_view *v)
{
    const char *names[] = {"q", "status", "region", "overdue"};
    const char *values[] = {
        v->q && *v->q ? v->q : NULL,
        v->status >= 0 ? compact_status_id((enum compact_status)v->status) : NULL,
        v->region >= 0 ? region_id((size_t)v->region) : NULL, v->overdue ? "true" : NULL};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        query_add(b, names[i], values[i]);
    }
}

static void list_table(struct buf *b, const struct compacts_view *v)
{
    static const struct table_column cols[] = {
        {"Name", 0}, {"Authorities", CELL_WIDE_ONLY}, {"Status", 0}, {"Review due", 0}};
    struct buf caption = BUF_INIT;

    count_phrase(&caption, v->n, "local Compact", "local Compacts");
    table_start(b,
                &(struct table){
                    .caption = caption.data, .flags = TABLE_SMALL_TEXT, .cols = cols, .ncols = 4});
    for (size_t i = 0; i < v->n; i++) {
        const struct compact_summary *s = &v->items[i];
        char href[48];
        table_row_start(b);
        table_cell_start(b, 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"");
        html_attr(b, compact_href(href, sizeof(href), s->id, ""));
        html_lit(b, "\">");
        html_text(b, s->name);
        html_lit(b, "</a>");
        table_cell_end(b);
        table_cell(b, s->authorities, 0);
        table_cell_start(b, 0);
        status_tag(b, s->status);
        table_cell_end(b);
        table_cell_start(b, 0);
        human_date(b, s->review_due, "Not known");
        if (s->review_overdue) {
            overdue_tag(b);
        }
        table_cell_end(b);
        table_row_end(b);
    }
    table_end(b);
    buf_release(&caption);
}

void view_compacts_page(struct buf *b, const struct compacts_view *v, const struct viewer *viewer)
{
    view_top_page_start(b, "Local Compacts", "Local Compacts", NAV_COMPACTS, v->errors, v->nerrors,
                        viewer);
    html_lit(b, "<h1 class=\"govuk-heading-l\">Local Compacts</h1><p class=\"govuk-body\">The "
                "register of local Compacts: the agreements between councils, other public "
                "bodies and the voluntary and community sector of an area. A review is due at "
                "most six years after a Compact was adopted or last refreshed.</p>");
    if (v->can_create) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-button\" role=\"button\" "
                    "draggable=\"false\" data-module=\"govuk-button\" href=\"/compacts/new\">"
                    "Add a local Compact</a></p>");
    }
    filter_form(b, v);
    if (!v->nerrors) {
        struct buf query = BUF_INIT;
        list_table(b, v);
        filters_query(&query, v);
        download_csv(b, "local Compact", "/api/v1/compacts.csv", query.data);
        buf_release(&query);
    }
    view_top_page_end(b);
}

/* ---- one Compact ---- */

static void areas(struct buf *b, const struct compact_area *a, size_t n)
{
    html_lit(b, "<ul class=\"govuk-list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(b, "<li><a class=\"govuk-link\" href=\"/authorities/");
        html_url(b, a[i].gss);
        html_lit(b, "\">");
        html_text(b, a[i].name);
        html_lit(b, "</a> (");
        html_text(b, authority_type_label(a[i].type));
        html_lit(b, ")</li>");
    }
    html_lit(b, "</ul>");
}

/*
 * The details form opened at field: "/compacts/ID/edit?change=FIELD" gives FIELD the focus
 * (autofocus, no JavaScript), which scrolls it to the middle of the window with its question
 * above it. No "#FIELD": a fragment naming an element turns autofocus off (HTML's "flush
 * autofocus candidates"), and scrolls the question's legend out of sight. NULL for someone who
 * may not change the Compact.
 */
static const char *change_href(char *out, size_t size, const struct compact_page_view *v,
                               const char *field)
{
    int n;

    if (!v->may_edit) {
        return NULL;
    }
    n = snprintf(out, size, "/compacts/%lld/edit?change=%s", v->entry->id, field);
    return n > 0 && (size_t)n < size ? out : NULL;
}

static void details(struct buf *b, const struct compact_page_view *v, const struct compact_state *s)
{
    const struct compact_entry *e = v->entry;
    char status[48], href[96];
    const char *st = v->may_edit ? compact_href(status, sizeof(status), e->id, "/status") : NULL;

    html_lit(b, "<dl class=\"govuk-summary-list\">");
    summary_row_start(b, "Status", 0);
    status_tag(b, s->status);
    if (s->since) {
        html_lit(b, " since ");
        human_date(b, s->since, "");
    }
    summary_row_end(b, st, "status");
    summary_row_start(b, "Authorities it names", 0);
    areas(b, e->authorities, e->nauthorities);
    summary_row_end(b, change_href(href, sizeof(href), v, "authorities"), "authorities");
    if (e->ndistricts) {
        /* the one row without a Change link, marked so when the others have one */
        summary_row_start(b, "Districts it covers through their county", v->may_edit);
        areas(b, e->districts, e->ndistricts);
        summary_row_end(b, NULL, NULL);
    }
    summary_row_start(b, "Adopted", 0);
    human_date(b, e->adopted, "Not known");
    summary_row_end(b, change_href(href, sizeof(href), v, "adopted"), "date adopted");
    summary_row_start(b, "Last refreshed", 0);
    human_date(b, e->refreshed, "Not refreshed");
    summary_row_end(b, change_href(href, sizeof(href), v, "refreshed"), "date last refreshed");
    summary_row_start(b, "Review due", 0);
    human_date(b, s->review_due, "Not known");
    if (s->review_overdue) {
        overdue_tag(b);
    }
    if (s->review_due && !e->review_set) {
        html_lit(b, "<div class=\"govuk-hint govuk-!-margin-bottom-0\">Six years after it was "
                    "adopted or last refreshed</div>");
    }
    summary_row_end(b, change_href(href, sizeof(href), v, "review_due"), "review date");
    summary_row_start(b, "Document", 0);
    if (e->document_url) {
        html_lit(b, "<a class=\"govuk-link\" href=\"");
        html_attr(b, e->document_url);
        html_lit(b, "\">The Compact&#39;s document<span class=\"govuk-visually-hidden\"> (");
        html_text(b, e->name);
        html_lit(b, ")</span></a>");
    } else {
        html_lit(b, "Not linked");
    }
    summary_row_end(b, change_href(href, sizeof(href), v, "document_url"), "document link");
    html_lit(b, "</dl>");
}

static void contacts(struct buf *b, const struct compact_page_view *v)
{
    const struct compact_entry *e = v->entry;
    char href[96];
    const char *change = change_href(href, sizeof(href), v, "contacts");

    html_lit(b, "<h2 class=\"govuk-heading-m\">Key contacts</h2>");
    if (!e->ncontacts) {
        html_lit(b, "<p class=\"govuk-body\">No key contacts are recorded.</p>");
    } else {
        html_lit(b, "<dl class=\"govuk-summary-list\">");
    }
    for (size_t i = 0; i < e->ncontacts; i++) {
        const struct compact_contact *k = &e->contacts[i];
        summary_row_start(b, k->name, 0);
        if (k->role) {
            html_text(b, k->role);
            html_lit(b, "<br>");
        }
        if (k->email) {
            html_lit(b, "<a class=\"govuk-link\" href=\"mailto:");
            html_attr(b, k->email);
            html_lit(b, "\">");
            html_text(b, k->email);
            html_lit(b, "</a><br>");
        }
        html_text(b, k->phone);
        summary_row_end(b, NULL, NULL);
    }
    if (e->ncontacts) {
        html_lit(b, "</dl>");
    }
    if (change) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
        html_attr(b, change);
        if (e->ncontacts) {
            html_lit(b, "\">Change the key contacts</a></p>");
        } else {
            html_lit(b, "\">Add a key contact</a></p>");
        }
    }
}

static void parameters(struct buf *b, const struct compact_page_view *v)
{
    static const struct table_column cols[] = {{"Parameter", 0}, {"Value", 0}, {"From", 0}};
    const struct compact_entry *e = v->entry;
    char href[48];
    struct params p;

    params_resolve(NULL, &e->params, &p);
    html_lit(b, "<h2 class=\"govuk-heading-m\">Local parameters</h2>");
    table_start(b, &(struct table){.caption = "The numbers its checks and complaints use: the "
                                              "Compact's own, else the national default",
                                   .flags = TABLE_CAPTION_S,
                                   .cols = cols,
                                   .ncols = 3});
    for (int i = 0; i < PARAM_COUNT; i++) {
        enum param pp = (enum param)i;
        table_row_start(b);
        table_row_head(b, param_label(pp));
        table_cell_start(b, 0);
        if (p.source[pp] == SOURCE_NONE) {
            html_lit(b, "Not set");
        } else {
            html_num(b, p.value[pp]);
            html_lit(b, " ");
            html_text(b, param_unit(pp));
        }
        table_cell_end(b);
        table_cell(b,
                   p.source[pp] == SOURCE_COMPACT ? "Local"
                   : p.source[pp] == SOURCE_NONE  ? "No national default"
                                                  : "National default",
                   0);
        table_row_end(b);
    }
    for (int i = 0; v->complaint_params && i < CPARAM_COUNT; i++) {
        enum complaint_param cp = (enum complaint_param)i;
        int own = v->complaint_params->set[cp];
        table_row_start(b);
        table_row_head(b, complaint_param_label(cp));
        table_cell_start(b, 0);
        html_num(b, own ? v->complaint_params->value[cp] : complaint_param_default(cp));
        html_lit(b, " working days");
        table_cell_end(b);
        table_cell(b, own ? "Local" : "National default", 0);
        table_row_end(b);
    }
    table_end(b);
    if (v->may_edit) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
        html_attr(b, compact_href(href, sizeof(href), e->id, "/parameters"));
        html_lit(b, "\">Change the local parameters</a></p>");
    }
}

static void codes(struct buf *b, const struct compact_page_view *v)
{
    const struct compact_entry *e = v->entry;
    char href[48];

    html_lit(b, "<h2 class=\"govuk-heading-m\">Local codes of practice</h2>");
    if (!e->ncodes) {
        html_lit(b, "<p class=\"govuk-body\">No local codes of practice are recorded.</p>");
    }
    for (size_t i = 0; i < e->ncodes; i++) {
        const struct compact_code *c = &e->codes[i];
        html_lit(b, "<h3 class=\"govuk-heading-s\">");
        if (c->url) {
            html_lit(b, "<a class=\"govuk-link\" href=\"");
            html_attr(b, c->url);
            html_lit(b, "\">");
            html_text(b, c->title);
            html_lit(b, "</a>");
        } else {
            html_text(b, c->title);
        }
        html_lit(b, "</h3>");
        if (c->summary) {
            html_lit(b, "<p class=\"govuk-body\">");
            html_text(b, c->summary);
            html_lit(b, "</p>");
        }
    }
    if (v->may_edit) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
        html_attr(b, compact_href(href, sizeof(href), e->id, "/codes"));
        html_lit(b, "\">Add a code of practice</a></p>");
    }
}

static void signatories(struct buf *b, const struct compact_page_view *v)
{
    char href[48];

    if (v->nsignatories) {
        view_signatory_table(b, v->signatories, v->nsignatories, SIGNATORIES_OF_COMPACT,
                             "Signatories", v->may_edit);
    } else {
        html_lit(b, "<h2 class=\"govuk-heading-m\">Signatories</h2>"
                    "<p class=\"govuk-body\">No organisation has signed this Compact yet.</p>");
    }
    if (v->partners) {
        view_signup_partners(b, *v->partners);
    }
    if (v->may_edit) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
        html_attr(b, compact_href(href, sizeof(href), v->entry->id, "/signatories/new"));
        html_lit(b, "\">Add a signatory</a></p>");
    }
}

/* For people signed in: the activities recorded against it and how they keep the Compact. */
static void compliance(struct buf *b, const struct compact_page_view *v)
{
    char href[48];

    if (!v->signed_in) {
        return;
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">Activities and compliance</h2><p "
                "class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
    html_attr(b, compact_href(href, sizeof(href), v->entry->id, "/compliance"));
    html_lit(b, "\">The activities recorded against this Compact and how they keep it</a>: "
                "funding changes, consultations, funding awards and procurements, with the "
                "steps still to take.</p>");
}

/* Complaints that a body did not keep it: the list for those signed in, the statistics for
 * everyone. */
static void complaints(struct buf *b, const struct compact_page_view *v)
{
    char href[64];

    html_lit(b, "<h2 class=\"govuk-heading-m\">Complaints</h2><p class=\"govuk-body\">When a "
                "body does not keep this Compact, an organisation it affected can complain, "
                "and follow the complaint through each stage and its deadlines.</p>"
                "<ul class=\"govuk-list\">");
    if (v->signed_in) {
        html_lit(b, "<li><a class=\"govuk-link\" href=\"");
        html_attr(b, compact_href(href, sizeof(href), v->entry->id, "/complaints"));
        html_lit(b, "\">The complaints you may see</a></li><li><a class=\"govuk-link\" "
                    "href=\"");
        html_attr(b, compact_href(href, sizeof(href), v->entry->id, "/complaints/new"));
        html_lit(b, "\">Raise a complaint</a></li>");
    }
    html_lit(b, "<li><a class=\"govuk-link\" href=\"");
    html_attr(b, compact_href(href, sizeof(href), v->entry->id, "/complaints/statistics"));
    html_lit(b, "\">Statistics of its complaints</a></li></ul>");
}

static void history(struct buf *b, const struct compact_page_view *v)
{
    static const struct table_column cols[] = {{"From", 0}, {"Status", 0}};
    const struct compact_entry *e = v->entry;

    html_lit(b, "<h2 class=\"govuk-heading-m\">Status history</h2>");
    table_start(b, &(struct table){.caption = "Each status and when it took effect",
                                   .flags = TABLE_CAPTION_HIDDEN,
                                   .cols = cols,
                                   .ncols = 2});
    for (size_t i = 0; i < e->nstatuses; i++) {
        table_row_start(b);
        table_cell_start(b, 0);
        human_date(b, e->statuses[i].date, "");
        table_cell_end(b);
        table_cell(b, compact_status_label(e->statuses[i].status), 0);
        table_row_end(b);
    }
    table_end(b);
    if (v->signed_in) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/history/compact/");
        html_num(b, e->id);
        html_lit(b, "\">Every change to this Compact</a></p>");
    }
}

/* ---- what the last save changed ---- */

/* "A, B and C": the names of areas. */
static void area_names(struct buf *b, const struct compact_area *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i) {
            if (i + 1 == n) {
                html_lit(b, " and ");
            } else {
                html_lit(b, ", ");
            }
        }
        html_text(b, a[i].name);
    }
}

/* "WHAT changed to D", or "WHAT removed" for no date. */
static void date_change(struct buf *b, const char *what, date_t d)
{
    html_text(b, what);
    if (d) {
        html_lit(b, " changed to ");
        html_date(b, d);
    } else {
        html_lit(b, " removed");
    }
}

/* The latest status: "Status changed to Active from 1 April 2012" ("will change ... on" for a
 * date after today). */
static void status_change(struct buf *b, const struct compact_entry *e, date_t today)
{
    const struct status_change *last = &e->statuses[e->nstatuses - 1];

    html_lit(b, "Status ");
    if (last->date > today) {
        html_lit(b, "will change to ");
        html_text(b, compact_status_label(last->status));
        html_lit(b, " on ");
    } else {
        html_lit(b, "changed to ");
        html_text(b, compact_status_label(last->status));
        html_lit(b, " from ");
    }
    html_date(b, last->date);
}

/* A parameter's new value: its own, the national default, or none. */
static void param_change(struct buf *b, const struct compact_entry *e, enum param p)
{
    int dflt;

    html_text(b, param_label(p));
    if (e->params.set[p]) {
        html_lit(b, " changed to ");
        html_num(b, e->params.value[p]);
    } else if (param_default(p, &dflt)) {
        html_lit(b, " changed to the national default, ");
        html_num(b, dflt);
    } else {
        html_lit(b, " no longer set: the rule applies only where a Compact sets it");
        return;
    }
    html_lit(b, " ");
    html_text(b, param_unit(p));
}

/* A complaint response time's new value (cp as they are now): its own or the national
 * default. */
static void cparam_change(struct buf *b, const struct complaint_params *cp, enum complaint_param p)
{
    html_text(b, complaint_param_label(p));
    if (cp && cp->set[p]) {
        html_lit(b, " changed to ");
        html_num(b, cp->value[p]);
    } else {
        html_lit(b, " changed to the national default, ");
        html_num(b, complaint_param_default(p));
    }
    html_lit(b, " working days");
}

/* One sentence of what changed (bit, one of v->done's), as the entry is now. */
static void change_sentence(struct buf *b, const struct compact_page_view *v,
                            const struct compact_state *s, unsigned bit)
{
    const struct compact_entry *e = v->entry;

    switch (bit) {
    case DONE_NAME:
        html_lit(b, "Name changed to ");
        html_text(b, e->name);
        break;
    case DONE_AUTHORITIES:
        html_lit(b, "Authorities changed to ");
        area_names(b, e->authorities, e->nauthorities);
        break;
    case DONE_ADOPTED:
        date_change(b, "Date adopted", e->adopted);
        break;
    case DONE_REFRESHED:
        date_change(b, "Date last refreshed", e->refreshed);
        break;
    case DONE_REVIEW:
        date_change(b, "Review date", s->review_due);
        break;
    case DONE_DOCUMENT:
        if (e->document_url) {
            html_lit(b, "Link to the document changed");
        } else {
            html_lit(b, "Link to the document removed");
        }
        break;
    case DONE_CONTACTS:
        html_lit(b, "Key contacts changed");
        break;
    case DONE_STATUS:
        status_change(b, e, v->today);
        break;
    case DONE_CODE:
        html_lit(b, "Code of practice added: ");
        html_text(b, e->codes[e->ncodes - 1].title);
        break;
    default:
        for (int p = 0; p < PARAM_COUNT; p++) {
            if (bit == DONE_PARAM(p)) {
                param_change(b, e, (enum param)p);
            }
        }
        for (int p = 0; p < CPARAM_COUNT; p++) {
            if (bit == DONE_CPARAM(p)) {
                cparam_change(b, v->complaint_params, (enum complaint_param)p);
            }
        }
    }
}

/* The success banner saying what the last save changed: one change as its heading, more as a
 * list under "Changes saved". Nothing for someone who may not change the Compact. */
static void done_banner(struct buf *b, const struct compact_page_view *v,
                        const struct compact_state *s)
{
    const struct compact_entry *e = v->entry;
    unsigned done = v->done & ~DONE_NOTHING & (DONE_CPARAM(CPARAM_COUNT) - 1);
    size_t n = 0;

    if (!v->may_edit) {
        return;
    }
    if (!e->nstatuses) {
        done &= ~DONE_STATUS;
    }
    if (!e->ncodes) {
        done &= ~DONE_CODE;
    }
    if (!done) {
        if (v->done & DONE_NOTHING) {
            banner(b, 0, "Nothing was changed: the answers were the same as before");
        }
        return;
    }
    for (unsigned bit = 1; bit && bit <= done; bit <<= 1) {
        n += (done & bit) != 0;
    }
    banner_start(b, 1);
    if (n == 1) {
        html_lit(b, "<p class=\"govuk-notification-banner__heading\">");
        change_sentence(b, v, s, done);
        html_lit(b, "</p>");
        banner_end(b);
        return;
    }
    html_lit(b, "<p class=\"govuk-notification-banner__heading\">Changes saved</p>"
                "<ul class=\"govuk-list govuk-list--bullet\">");
    for (unsigned bit = 1; bit && bit <= done; bit <<= 1) {
        if (done & bit) {
            html_lit(b, "<li>");
            change_sentence(b, v, s, bit);
            html_lit(b, "</li>");
        }
    }
    html_lit(b, "</ul>");
    banner_end(b);
}

void view_compact_page(struct buf *b, const struct compact_page_view *v,
                       const struct viewer *viewer)
{
    const struct compact_entry *e = v->entry;
    const struct crumb crumbs[] = {{"Home", "/"}, {"Local Compacts", "/compacts"}, {e->name, NULL}};
    const struct layout l = {
        .title = e->name, .nav = NAV_COMPACTS, .crumbs = crumbs, .ncrumbs = 3, .viewer = viewer};
    struct compact_state s;

    compact_state_on(e, v->today, &s);
    view_layout_start(b, &l);
    done_banner(b, v, &s);
    if (e->demo) {
        html_lit(b, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
                    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
                    "<span class=\"govuk-visually-hidden\">Warning</span>This is demonstration "
                    "data: a fictional Compact, not part of the register.</strong></div>");
    }
    if (v->notice) {
        banner(b, 1, v->notice);
    }
    view_heading(b, "Local Compact", e->name);
    details(b, v, &s);
    contacts(b, v);
    parameters(b, v);
    codes(b, v);
    signatories(b, v);
    compliance(b, v);
    complaints(b, v);
    if (v->coordinators) {
        view_coordinators_summary(b, v->coordinators, viewer);
    }
    history(b, v);
    view_layout_end(b, &l);
}

/* ---- forms ---- */

static void form_page_start(struct buf *b, const char *title, long long id, const char *name,
                            const struct field_error *errors, size_t nerrors,
                            const struct viewer *viewer)
{
    char href[48];
    const char *back = id ? compact_href(href, sizeof(href), id, "") : "/compacts";
    const struct crumb crumbs[] = {{"Home", "/"},
                                   {"Local Compacts", "/compacts"},
                                   {name ? name : "New", id ? back : NULL},
                                   {title, NULL}};
    const struct layout l = {.title = title,
                             .nav = NAV_COMPACTS,
                             .crumbs = crumbs,
                             .ncrumbs = id ? 4 : 2,
                             .viewer = viewer,
                             .errors = errors,
                             .nerrors = nerrors};

    view_layout_start(b, &l);
    view_heading(b, name, title);
}

/* The end of the form and of its page (full width, as form_page_start made it). */
static void form_page_end(struct buf *b)
{
    static const struct layout full_width = {.narrow = 0};

    html_lit(b, "</form>");
    view_layout_end(b, &full_width);
}

static void form_start(struct buf *b, long long id, const char *tail, const struct viewer *viewer)
{
    char href[48];

    html_lit(b, "<form method=\"post\" action=\"");
    html_attr(b, id ? compact_href(href, sizeof(href), id, tail) : "/compacts");
    html_lit(b, "\" novalidate>");
    view_csrf_field(b, viewer);
}

/* q with the focus when it is the field a "Change" link named. */
static struct form_field focused(struct form_field q, const char *focus)
{
    if (focus && !strcmp(focus, q.name)) {
        q.flags |= FORM_AUTOFOCUS;
    }
    return q;
}

void view_compact_form_page(struct buf *b, const struct compact_form_view *v,
                            const struct viewer *viewer)
{
    const struct form_values *given = &v->values;
    const struct field_error *e = v->errors;
    size_t ne = v->nerrors;
    const char *focus = v->focus;
    char href[48];

    form_page_start(b, v->id ? "Change the details" : "Add a local Compact", v->id, v->name, e, ne,
                    viewer);
    form_start(b, v->id, "", viewer);
    text_input(b, focused(question(given, e, ne, "name", "Name", NULL), focus), NULL, NULL);
    textarea(b, focused(question(given, e, ne, "authorities", "Authorities it covers",
                                 "One per line: a name or a GSS code, such as Trafford or "
                                 "E08000009. A county-wide Compact names the county."),
                        focus));
    if (!v->id) {
        status_radios(b, given, form_error_for(e, ne, "status"));
        date_input(b,
                   question(given, e, ne, "status_date", "Since when has it had that status?",
                            "For example, 1 4 2012"),
                   given);
    }
    date_input(b,
               focused(question(given, e, ne, "adopted", "When was it adopted? (optional)",
                                "For example, 1 4 2012"),
                       focus),
               given);
    date_input(
        b,
        focused(question(given, e, ne, "refreshed", "When was it last refreshed? (optional)", NULL),
                focus),
        given);
    date_input(
        b,
        focused(question(given, e, ne, "review_due", "When is its next review due? (optional)",
                         v->review_follows
                             ? "This is six years after it was adopted or last "
                               "refreshed, the latest a review may be. Leave it as it "
                               "is, or blank, and it will move with those dates."
                             : "No later than six years after it was adopted or last "
                               "refreshed. Leave it blank for six years after."),
                focus),
        given);
    text_input(
        b,
        focused(question(given, e, ne, "document_url", "Link to the Compact's document (optional)",
                         "An address starting https:// or http://"),
                focus),
        "url", NULL);
    html_lit(b, "<h2 class=\"govuk-heading-m\" id=\"contacts\">Key contacts</h2><p "
                "class=\"govuk-body\">Leave a contact&#39;s name blank to remove them.</p>");
    for (size_t i = 0; i < v->ncontacts; i++) {
        static const char *const parts[] = {"name", "role", "email", "phone"};
        static const char *const labels[] = {"Name", "Role (optional)", "Email (optional)",
                                             "Phone (optional)"};
        static const char *const types[] = {"text", "text", "email", "tel"};
        char legend[32], name[48];
        int n = snprintf(legend, sizeof(legend), "Contact %zu", i + 1);
        html_lit(b, "<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend "
                    "govuk-fieldset__legend--s\">");
        html_text(b, n > 0 ? legend : "Contact");
        html_lit(b, "</legend>");
        for (size_t j = 0; j < 4; j++) {
            n = snprintf(name, sizeof(name), "contact-%zu-%s", i, parts[j]);
            if (n > 0 && (size_t)n < sizeof(name)) {
                struct form_field q = question(given, e, ne, name, labels[j], NULL);
                if (i == 0 && j == 0 && focus && !strcmp(focus, "contacts")) {
                    q.flags |= FORM_AUTOFOCUS;
                }
                text_input(b, q, types[j], "govuk-!-width-one-half");
            }
        }
        html_lit(b, "</fieldset>");
    }
    form_buttons(b, v->id ? "Save the details" : "Add the Compact",
                 v->id ? compact_href(href, sizeof(href), v->id, "") : "/compacts");
    form_page_end(b);
}

void view_compact_status_page(struct buf *b, const struct compact_subpage_view *v,
                              const struct viewer *viewer)
{
    const struct compact_entry *c = v->entry;
    char href[48];

    form_page_start(b, "Change the status", c->id, c->name, v->errors, v->nerrors, viewer);
    html_lit(b, "<p class=\"govuk-body\">A new status takes effect on its date; the history keeps "
                "the earlier ones. The date must be later than ");
    human_date(b, c->nstatuses ? c->statuses[c->nstatuses - 1].date : 0, "the last change");
    html_lit(b, ", the last change.</p>");
    form_start(b, c->id, "/status", viewer);
    status_radios(b, &v->values, form_error_for(v->errors, v->nerrors, "status"));
    date_input(b,
               question(&v->values, v->errors, v->nerrors, "date", "When does it take effect?",
                        "For example, 1 4 2012"),
               &v->values);
    form_buttons(b, "Change the status", compact_href(href, sizeof(href), c->id, ""));
    form_page_end(b);
}

void view_compact_codes_page(struct buf *b, const struct compact_subpage_view *v,
                             const struct viewer *viewer)
{
    const struct compact_entry *c = v->entry;
    const struct field_error *e = v->errors;
    size_t ne = v->nerrors;
    char href[48];

    form_page_start(b, "Add a code of practice", c->id, c->name, e, ne, viewer);
    if (c->ncodes) {
        html_lit(b, "<p class=\"govuk-body\">It has these already:</p><ul class=\"govuk-list "
                    "govuk-list--bullet\">");
        for (size_t i = 0; i < c->ncodes; i++) {
            html_lit(b, "<li>");
            html_text(b, c->codes[i].title);
            html_lit(b, "</li>");
        }
        html_lit(b, "</ul>");
    }
    form_start(b, c->id, "/codes", viewer);
    text_input(
        b, question(&v->values, e, ne, "title", "Title", "For example, Funding code of practice"),
        NULL, NULL);
    textarea(b, question(&v->values, e, ne, "summary", "Summary (optional)",
                         "What it asks of each side, in a sentence or two"));
    text_input(b,
               question(&v->values, e, ne, "url", "Link to it (optional)",
                        "An address starting https:// or http://"),
               "url", NULL);
    form_buttons(b, "Add the code", compact_href(href, sizeof(href), c->id, ""));
    form_page_end(b);
}

void view_compact_parameters_page(struct buf *b, const struct compact_subpage_view *v,
                                  const struct viewer *viewer)
{
    const struct compact_entry *c = v->entry;
    char href[48];

    form_page_start(b, "Change the local parameters", c->id, c->name, v->errors, v->nerrors,
                    viewer);
    html_lit(b, "<p class=\"govuk-body\">The numbers the checks use for this Compact. Leave one "
                "blank to use the national default. Recorded activities are checked again with "
                "the new numbers.</p>");
    form_start(b, c->id, "/parameters", viewer);
    for (int i = 0; i < PARAM_COUNT; i++) {
        enum param p = (enum param)i;
        const char *id = param_id(p);
        char text[96], hint_text[96];
        int dflt, floor, n;
        n = snprintf(text, sizeof(text), "%s (%s)", param_label(p), param_unit(p));
        if (!param_default(p, &dflt) ||
            snprintf(hint_text, sizeof(hint_text),
                     param_floor(p, &floor) ? "National minimum: %d %s (no local Compact may set "
                                              "less)"
                                            : "National default: %d %s",
                     dflt, param_unit(p)) < 0) {
            hint_text[0] = '\0';
        }
        text_input(b,
                   question(&v->values, v->errors, v->nerrors, id, n > 0 ? text : id,
                            hint_text[0] ? hint_text
                                         : "No national default: the rule applies only where a "
                                           "Compact sets it"),
                   NULL, "govuk-input--width-4");
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">Complaints</h2><p class=\"govuk-body\">How long a "
                "body has to respond to a complaint at each stage, in working days (Monday to "
                "Friday, not bank holidays).</p>");
    for (int i = 0; i < CPARAM_COUNT; i++) {
        enum complaint_param p = (enum complaint_param)i;
        const char *id = complaint_param_id(p);
        char text[128], hint_text[128];
        int n = snprintf(text, sizeof(text), "%s (working days)", complaint_param_label(p));
        if (snprintf(hint_text, sizeof(hint_text),
                     "National default: %d working days. A change applies to stages that start "
                     "after it.",
                     complaint_param_default(p)) < 0) {
            hint_text[0] = '\0';
        }
        text_input(b,
                   question(&v->values, v->errors, v->nerrors, id,
                            n > 0 && (size_t)n < sizeof(text) ? text : id, hint_text),
                   NULL, "govuk-input--width-4");
    }
    form_buttons(b, "Save the parameters", compact_href(href, sizeof(href), c->id, ""));
    form_page_end(b);
}
