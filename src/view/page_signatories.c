/* Signatory pages: the table, the list and the two forms. */
#include "page_signatories.h"

#include "components.h"
#include "html.h"
#include "base/banned.h"

/* "/compacts/{id}/signatories" and what follows it. */
static void signatories_href(struct buf *b, long long compact_id)
{
    html_lit(b, "/compacts/");
    html_num(b, compact_id);
    html_lit(b, "/signatories");
}

static void compact_href(struct buf *b, long long id)
{
    html_lit(b, "/compacts/");
    html_num(b, id);
}

/* Four columns, three on a phone (who signed it only on wider screens), the link to withdraw
 * under the status, so that the table fits a 320-pixel phone without scrolling. */
void view_signatory_table(struct buf *b, const struct signatory *items, size_t n,
                          enum signatory_flavour flavour, const char *caption, int withdraw)
{
    const struct table_column cols[] = {
        {flavour == SIGNATORIES_OF_COMPACT ? "Organisation" : "Compact", 0},
        {"Signed by", CELL_WIDE_ONLY},
        {"Signed", 0},
        {"Status", 0}};

    const char *hidden = flavour == SIGNATORIES_OF_COMPACT ? "Signatories" : "Compacts it signed";

    table_start(b, &(struct table){.caption = caption ? caption : hidden,
                                   .flags = TABLE_SMALL_TEXT | (caption ? 0 : TABLE_CAPTION_HIDDEN),
                                   .cols = cols,
                                   .ncols = 4});
    for (size_t i = 0; i < n; i++) {
        const struct signatory *g = &items[i];
        const char *who = flavour == SIGNATORIES_OF_COMPACT ? g->org_name : g->compact_name;
        table_row_start(b);
        table_row_head_start(b);
        html_lit(b, "<a class=\"govuk-link\" href=\"");
        if (flavour == SIGNATORIES_OF_COMPACT) {
            html_lit(b, "/organisations/");
            html_url(b, g->org_ref);
        } else {
            compact_href(b, g->compact_id);
        }
        html_lit(b, "\">");
        html_text(b, who);
        html_lit(b, "</a>");
        table_row_head_end(b);
        table_cell(b, g->role, 0);
        table_cell_start(b, 0);
        html_date(b, g->signed_on);
        table_cell_end(b);
        table_cell_start(b, 0);
        if (g->withdrawn_on) {
            html_lit(b, "Withdrawn on ");
            html_date(b, g->withdrawn_on);
        } else {
            html_lit(b, "<strong class=\"govuk-tag govuk-tag--green\">Still signed</strong>");
            if (withdraw) {
                html_lit(b, "<br><a class=\"govuk-link\" href=\"");
                signatories_href(b, g->compact_id);
                html_lit(b, "/");
                html_num(b, g->id);
                html_lit(b, "/withdraw\">Withdraw<span class=\"govuk-visually-hidden\"> ");
                html_text(b, who);
                html_lit(b, "</span></a>");
            }
        }
        table_cell_end(b);
        table_row_end(b);
    }
    table_end(b);
}

void view_signatories_page(struct buf *b, const struct signatories_view *v,
                           const struct viewer *viewer)
{
    struct buf href = BUF_INIT;
    struct crumb crumbs[] = {{"Home", "/"}, {v->compact_name, NULL}, {"Signatories", NULL}};
    const struct layout l = {.title = "Signatories",
                             .nav = NAV_COMPACTS,
                             .crumbs = crumbs,
                             .ncrumbs = 3,
                             .viewer = viewer};
    size_t current = 0;

    compact_href(&href, v->compact_id);
    crumbs[1].href = href.data;
    view_layout_start(b, &l);
    buf_release(&href);
    if (v->done && v->done_to) {
        banner_start(b, 1);
        html_lit(b, "<p class=\"govuk-notification-banner__heading\">");
        if (v->done == SIGNATORY_ADDED) {
            html_lit(b, "Signatory added: ");
            html_text(b, v->done_to->org_name);
            html_lit(b, ", signed on ");
            html_date(b, v->done_to->signed_on);
        } else {
            html_lit(b, "Withdrawal recorded: ");
            html_text(b, v->done_to->org_name);
            html_lit(b, " withdrew on ");
            html_date(b, v->done_to->withdrawn_on);
        }
        html_lit(b, "</p>");
        banner_end(b);
    }
    view_heading(b, v->compact_name, l.title);
    for (size_t i = 0; i < v->n; i++) {
        current += !v->items[i].withdrawn_on;
    }
    if (v->n) {
        html_lit(b, "<p class=\"govuk-body\">");
        html_num(b, (long long)current);
        html_text(b, current == 1 ? " organisation has" : " organisations have");
        html_lit(b, " signed this Compact and not withdrawn");
        if (v->n > current) {
            html_lit(b, "; ");
            html_num(b, (long long)(v->n - current));
            html_lit(b, " withdrew");
        }
        html_lit(b, ".</p>");
        view_signatory_table(b, v->items, v->n, SIGNATORIES_OF_COMPACT, NULL, v->may_edit);
    } else {
        html_lit(b, "<p class=\"govuk-body\">No organisation has signed this Compact yet.</p>");
    }
    if (v->may_edit) {
        html_lit(b, "<a href=\"");
        signatories_href(b, v->compact_id);
        html_lit(b, "/new\" role=\"button\" draggable=\"false\" class=\"govuk-button\" "
                    "data-module=\"govuk-button\">Add a signatory</a>");
    }
    html_lit(b, "<p class=\"govuk-body\">Scripts can read this list as JSON: <a "
                "class=\"govuk-link\" href=\"/api/v1");
    signatories_href(b, v->compact_id);
    html_lit(b, "\">");
    html_lit(b, "/api/v1");
    signatories_href(b, v->compact_id);
    html_lit(b, "</a>.</p>");
    view_layout_end(b, &l);
}

static const char *error_for(const struct signatory_form_view *v, const char *field)
{
    return form_error_for(v->errors, v->nerrors, field);
}

/* The layout of a form page titled title, under the signatories of Compact id called name. */
static void page_start(struct buf *b, long long id, const char *name, const char *title,
                       const struct field_error *errors, size_t nerrors,
                       const struct viewer *viewer)
{
    struct buf compact = BUF_INIT, list = BUF_INIT;
    struct crumb c[3] = {{"Home", "/"}, {name, NULL}, {"Signatories", NULL}};
    const struct layout l = {.title = title,
                             .nav = NAV_COMPACTS,
                             .crumbs = c,
                             .ncrumbs = 3,
                             .errors = errors,
                             .nerrors = nerrors,
                             .viewer = viewer,
                             .narrow = 1};

    compact_href(&compact, id);
    signatories_href(&list, id);
    c[1].href = compact.data;
    c[2].href = list.data;
    view_layout_start(b, &l);
    buf_release(&compact);
    buf_release(&list);
    view_heading(b, name, title);
}

static void form_start(struct buf *b, const struct signatory_form_view *v, const char *title,
                       const struct viewer *viewer)
{
    page_start(b, v->compact_id, v->compact_name, title, v->errors, v->nerrors, viewer);
}

/* The button, the end of the form and of its page (narrow, as form_start made it). */
static void form_end(struct buf *b, const char *button)
{
    static const struct layout narrow = {.narrow = 1};

    html_lit(b, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">");
    html_text(b, button);
    html_lit(b, "</button></form>");
    view_layout_end(b, &narrow);
}

/* "/organisations/new?name=NAME&for_compact=ID": add a missing organisation, then come back to
 * the signatory form with it chosen. */
static void add_org_href(struct buf *b, long long compact_id, const char *name)
{
    struct buf u = BUF_INIT;

    buf_adds(&u, "/organisations/new?for_compact=");
    buf_addf(&u, "%lld", compact_id);
    if (name && *name) {
        buf_adds(&u, "&name=");
        html_url(&u, name);
    }
    html_attr(b, u.data);
    buf_release(&u);
}

/* "Registered charity, GB-CHC-1234567": what tells apart organisations of one name (a council's
 * org-id says nothing its name does not). */
static const char *org_hint(struct buf *tmp, const struct organisation *o)
{
    buf_reset(tmp);
    buf_adds(tmp, org_type_label(o->type));
    if (o->org_id && o->type != ORG_COUNCIL) {
        buf_addf(tmp, ", %s", o->org_id);
    }
    return tmp->data;
}

/* The matches to choose from, as radios of a GET form that carries the search along. */
static void matches(struct buf *b, const struct signatory_find_view *v)
{
    size_t n = v->n < SIGNATORY_FIND_MAX ? v->n : SIGNATORY_FIND_MAX;
    char refs[SIGNATORY_FIND_MAX][ORG_REF_MAX];
    struct buf hints[SIGNATORY_FIND_MAX];
    const char *hint_text[SIGNATORY_FIND_MAX];
    struct form_choice c[SIGNATORY_FIND_MAX];
    struct buf more = BUF_INIT;

    if (v->total > n) {
        buf_addf(&more,
                 "The first %zu of %zu that match. If it is not here, search with more of "
                 "its name.",
                 n, v->total);
    }
    for (size_t i = 0; i < n; i++) {
        hints[i] = (struct buf)BUF_INIT;
        c[i] = (struct form_choice){organisation_ref(&v->matches[i], refs[i]), v->matches[i].name};
        hint_text[i] = org_hint(&hints[i], &v->matches[i]);
    }
    html_lit(b, "<form method=\"get\" action=\"");
    signatories_href(b, v->compact_id);
    html_lit(b, "/new\" novalidate>");
    form_hidden(b, "q", v->q);
    form_hidden(b, "step", "choose");
    form_radios_hinted(
        b,
        &(struct form_field){.name = "organisation",
                             .label = "Which organisation signed?",
                             .hint = more.len ? more.data : NULL,
                             .error = form_error_for(v->errors, v->nerrors, "organisation"),
                             .flags = FORM_BOLD},
        c, hint_text, n);
    html_lit(b, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
                "Continue</button></form>");
    for (size_t i = 0; i < n; i++) {
        buf_release(&hints[i]);
    }
    buf_release(&more);
}

void view_signatory_find_page(struct buf *b, const struct signatory_find_view *v,
                              const struct viewer *viewer)
{
    static const struct layout narrow = {.narrow = 1};

    page_start(b, v->compact_id, v->compact_name, "Add a signatory", v->errors, v->nerrors, viewer);
    html_lit(b, "<form method=\"get\" action=\"");
    signatories_href(b, v->compact_id);
    html_lit(b, "/new\" novalidate>");
    form_text_input(b, &(struct form_field){.name = "q",
                                            .label = "Find the organisation",
                                            .hint = "Part of its name, or its org-id",
                                            .error = form_error_for(v->errors, v->nerrors, "q"),
                                            .value = v->q,
                                            .type = "search",
                                            .autocomplete = "off",
                                            .flags = FORM_BOLD | FORM_NO_SPELLCHECK});
    html_lit(b, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Search</button></form>");
    if (v->q && v->n) {
        matches(b, v);
    } else if (v->q && *v->q && !form_error_for(v->errors, v->nerrors, "q")) {
        html_lit(b, "<p class=\"govuk-body\">No organisation in the register matches &#8216;");
        html_text(b, v->q);
        html_lit(b, "&#8217;.</p>");
    }
    if (v->q) {
        html_lit(b, "<p class=\"govuk-body\">Not in the register? <a class=\"govuk-link\" "
                    "href=\"");
        add_org_href(b, v->compact_id, v->q);
        html_lit(b, "\">Add the organisation to the register</a>; you will come back here "
                    "with it chosen.</p>");
    }
    view_layout_end(b, &narrow);
}

void view_signatory_new_page(struct buf *b, const struct signatory_form_view *v,
                             const struct viewer *viewer)
{
    struct buf href = BUF_INIT;
    char ref[ORG_REF_MAX];

    form_start(b, v, "Add a signatory", viewer);
    if (v->org) {
        html_lit(b, "<dl class=\"govuk-summary-list\">");
        summary_row_start(b, "Organisation", 0);
        html_text(b, v->org->name);
        signatories_href(&href, v->compact_id);
        buf_adds(&href, "/new?q=");
        html_url(&href, v->org->name);
        summary_row_end(b, href.data, "organisation");
        html_lit(b, "</dl>");
    }
    html_lit(b, "<form method=\"post\" action=\"");
    signatories_href(b, v->compact_id);
    html_lit(b, "\" novalidate>");
    view_csrf_field(b, viewer);
    if (v->org) {
        form_hidden(b, "organisation", organisation_ref(v->org, ref));
    } else {
        form_text_input(b, &(struct form_field){.name = "organisation",
                                                .label = "Which organisation signed?",
                                                .hint = "Its org-id, such as GB-CHC-1234567, or "
                                                        "its exact name as the register has it",
                                                .error = error_for(v, "organisation"),
                                                .value = v->organisation,
                                                .autocomplete = "organization",
                                                .flags = FORM_BOLD | FORM_NO_SPELLCHECK});
    }
    buf_release(&href);
    form_date(b,
              &(struct form_field){.name = "signed_on",
                                   .label = "When did it sign?",
                                   .hint = "For example, 27 3 2012",
                                   .error = error_for(v, "signed_on"),
                                   .flags = FORM_BOLD},
              v->date);
    form_text_input(b, &(struct form_field){.name = "role",
                                            .label = "Who signed for it?",
                                            .hint = "Their role, such as Chief Executive or Chair "
                                                    "of Trustees",
                                            .error = error_for(v, "role"),
                                            .value = v->role,
                                            .autocomplete = "organization-title",
                                            .flags = FORM_BOLD});
    form_end(b, "Add the signatory");
}

void view_signatory_withdraw_page(struct buf *b, const struct signatory_form_view *v,
                                  const struct viewer *viewer)
{
    const struct signatory *g = v->signatory;

    form_start(b, v, "Record a withdrawal", viewer);
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    summary_row(b, "Organisation", g->org_name);
    summary_row(b, "Signed by", g->role);
    summary_row_start(b, "Signed", 0);
    html_date(b, g->signed_on);
    summary_row_end(b, NULL, NULL);
    html_lit(b, "</dl><form method=\"post\" action=\"");
    signatories_href(b, v->compact_id);
    html_lit(b, "/");
    html_num(b, g->id);
    html_lit(b, "/withdraw\" novalidate>");
    view_csrf_field(b, viewer);
    form_date(b,
              &(struct form_field){.name = "withdrawn_on",
                                   .label = "When did it withdraw?",
                                   .hint = "A date after it signed",
                                   .error = error_for(v, "withdrawn_on"),
                                   .flags = FORM_BOLD},
              v->date);
    form_end(b, "Record the withdrawal");
}
