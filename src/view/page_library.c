/* The library's pages. */
#include "page_library.h"

#include <stdio.h>
#include <string.h>

#include "components.h"
#include "html.h"
#include "core/authority.h"
#include "base/banned.h"

static void tag(struct buf *b, const char *text, const char *colour)
{
    html_lit(b, "<strong class=\"govuk-tag");
    if (colour) {
        html_lit(b, " govuk-tag--");
        html_attr(b, colour);
    }
    html_lit(b, "\">");
    html_text(b, text);
    html_lit(b, "</strong>");
}

static void draft_tag(struct buf *b, enum library_status s)
{
    if (s == LIBRARY_DRAFT) {
        html_lit(b, " ");
        tag(b, "Draft", "grey");
    }
}

static void themes_text(struct buf *b, unsigned themes)
{
    int first = 1;

    for (int t = 0; t < THEME_COUNT; t++) {
        if (themes & (1u << t)) {
            html_text(b, first ? "" : ", ");
            html_text(b, library_theme_label(t));
            first = 0;
        }
    }
}

static void areas_text(struct buf *b, const struct case_study *cs)
{
    for (size_t i = 0; i < cs->nareas; i++) {
        html_text(b, i ? ", " : "");
        html_text(b, cs->area_names ? cs->area_names[i] : cs->areas[i]);
    }
}

/* The summary row linking to the Compact id (none for 0) by its name. */
static void compact_row(struct buf *b, long long id, const char *name)
{
    char href[40];
    int m = snprintf(href, sizeof(href), "/compacts/%lld", id);

    if (!id) {
        return;
    }
    summary_row_start(b, "Local Compact", 0);
    html_lit(b, "<a class=\"govuk-link\" href=\"");
    html_attr(b, m > 0 && (size_t)m < sizeof(href) ? href : "/compacts");
    html_lit(b, "\">");
    html_text(b, name ? name : "Its Compact");
    html_lit(b, "</a>");
    summary_row_end(b, NULL, NULL);
}

/* The list page of scope: its path, title and what it lists. */
static const struct {
    const char *path, *title;
} scopes[] = {
    [LIBRARY_SCOPE_ALL] = {"/library", "Library"},
    [LIBRARY_SCOPE_CASE_STUDIES] = {"/case-studies", "Case studies"},
    [LIBRARY_SCOPE_RESOURCES] = {"/resources", "Resources"},
};

/* A filter's column: a quarter of the row for /library's four, a third for a list's three. */
static void column(struct buf *b, const struct library_view *v)
{
    if (v->scope == LIBRARY_SCOPE_ALL) {
        html_lit(b, "<div class=\"govuk-grid-column-one-quarter\">");
    } else {
        html_lit(b, "<div class=\"govuk-grid-column-one-third\">");
    }
}

void view_facet_options(int theme, int region, int year, struct form_option themes[THEME_COUNT + 1],
                        struct form_option regions[REGION_COUNT + 1], char year_text[8])
{
    themes[0] = (struct form_option){"", "All themes", theme < 0};
    for (int t = 0; t < THEME_COUNT; t++) {
        themes[t + 1] =
            (struct form_option){library_theme_id(t), library_theme_label(t), theme == t};
    }
    regions[0] = (struct form_option){"", "All regions", region < 0};
    for (int i = 0; i < REGION_COUNT; i++) {
        regions[i + 1] =
            (struct form_option){region_id((size_t)i), region_name((size_t)i), region == i};
    }
    year_text[0] = '\0';
    if (year > 0 && snprintf(year_text, 8, "%d", year) < 0) {
        year_text[0] = '\0';
    }
}

/* The filters' form: kind (case studies or a resource's kind; on /resources the kinds of
 * resource), theme (not on /resources: resources have none), region and year. */
static void filters(struct buf *b, const struct library_view *v)
{
    struct form_option kinds[RESOURCE_KIND_COUNT + 2], themes[THEME_COUNT + 1],
        regions[REGION_COUNT + 1];
    const struct form_option *shown_kinds = kinds;
    size_t nkinds = RESOURCE_KIND_COUNT + 2;
    char year[8] = "";

    kinds[0] = (struct form_option){"", "Everything", v->kind < 0};
    kinds[1] = (struct form_option){"case_study", "Case studies", v->kind == LIBRARY_CASE_STUDIES};
    for (int k = 0; k < RESOURCE_KIND_COUNT; k++) {
        kinds[k + 2] =
            (struct form_option){resource_kind_id(k), resource_kind_label(k), v->kind == k};
    }
    if (v->scope == LIBRARY_SCOPE_RESOURCES) {
        kinds[1] =
            (struct form_option){"", "All kinds", v->kind < 0 || v->kind >= RESOURCE_KIND_COUNT};
        shown_kinds = kinds + 1;
        nkinds = RESOURCE_KIND_COUNT + 1;
    }
    view_facet_options(v->theme, v->region, v->year, themes, regions, year);
    html_lit(b, "<form method=\"get\" action=\"");
    html_attr(b, scopes[v->scope].path);
    html_lit(b, "\" novalidate class=\"app-filters\"><div class=\"govuk-grid-row\">");
    if (v->scope != LIBRARY_SCOPE_CASE_STUDIES) {
        column(b, v);
        form_select(b,
                    &(struct form_field){.name = "kind",
                                         .label = "Kind",
                                         .error = form_error_for(v->errors, v->nerrors, "kind")},
                    shown_kinds, nkinds);
        html_lit(b, "</div>");
    }
    if (v->scope != LIBRARY_SCOPE_RESOURCES) {
        column(b, v);
        form_select(b,
                    &(struct form_field){.name = "theme",
                                         .label = "Theme",
                                         .error = form_error_for(v->errors, v->nerrors, "theme")},
                    themes, THEME_COUNT + 1);
        html_lit(b, "</div>");
    }
    column(b, v);
    form_select(b,
                &(struct form_field){.name = "region",
                                     .label = "Region",
                                     .error = form_error_for(v->errors, v->nerrors, "region")},
                regions, REGION_COUNT + 1);
    html_lit(b, "</div>");
    column(b, v);
    form_text_input(b, &(struct form_field){.name = "year",
                                            .label = "Year",
                                            .error = form_error_for(v->errors, v->nerrors, "year"),
                                            .value = year[0] ? year : NULL,
                                            .classes = "govuk-input--width-4",
                                            .type = "text",
                                            .autocomplete = "off"});
    html_lit(b,
             "</div></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
             "data-module=\"govuk-button\">Filter</button></form>");
}

/* The filters of v that the list of item takes, as a query string into q. */
static void filters_query(struct buf *q, const struct library_view *v, enum library_scope list)
{
    char year[8];

    if (list == LIBRARY_SCOPE_RESOURCES && v->kind >= 0 && v->kind < RESOURCE_KIND_COUNT) {
        query_add(q, "kind", resource_kind_id(v->kind));
    }
    if (list == LIBRARY_SCOPE_CASE_STUDIES && v->theme >= 0) {
        query_add(q, "theme", library_theme_id(v->theme));
    }
    if (v->region >= 0) {
        query_add(q, "region", region_id((size_t)v->region));
    }
    if (v->year > 0 && snprintf(year, sizeof(year), "%d", v->year) > 0) {
        query_add(q, "year", year);
    }
}

/* A card up to the opening of its summary list: the title linking to path/id, a draft's tag,
 * the summary when there is one. */
static void card_start(struct buf *b, const char *path, long long id, const char *title,
                       enum library_status status, const char *summary)
{
    char href[48];
    int n = snprintf(href, sizeof(href), "%s/%lld", path, id);

    html_lit(b,
             "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\">"
             "<h3 class=\"govuk-summary-card__title\"><a class=\"govuk-link\" href=\"");
    html_attr(b, n > 0 && (size_t)n < sizeof(href) ? href : "/library");
    html_lit(b, "\">");
    html_text(b, title);
    html_lit(b, "</a>");
    draft_tag(b, status);
    html_lit(b, "</h3></div><div class=\"govuk-summary-card__content\">");
    if (summary) {
        html_lit(b, "<p class=\"govuk-body\">");
        html_text(b, summary);
        html_lit(b, "</p>");
    }
    html_lit(b, "<dl class=\"govuk-summary-list\">");
}

static void case_study_card(struct buf *b, const struct case_study *cs)
{
    card_start(b, "/case-studies", cs->id, cs->title, cs->status, cs->summary);
    summary_row_start(b, "Themes", 0);
    themes_text(b, cs->themes);
    summary_row_end(b, NULL, NULL);
    if (cs->nareas) {
        summary_row_start(b, "Area", 0);
        areas_text(b, cs);
        summary_row_end(b, NULL, NULL);
    }
    if (cs->year) {
        summary_row_start(b, "Year", 0);
        html_num(b, cs->year);
        summary_row_end(b, NULL, NULL);
    }
    html_lit(b, "</dl></div></div>");
}

static void resource_card(struct buf *b, const struct resource *r)
{
    card_start(b, "/resources", r->id, r->title, r->status, r->summary);
    summary_row_start(b, "Kind", 0);
    html_text(b, resource_kind_label(r->kind));
    summary_row_end(b, NULL, NULL);
    if (r->date) {
        summary_row_start(b, "Date", 0);
        html_date(b, r->date);
        summary_row_end(b, NULL, NULL);
    }
    html_lit(b, "</dl></div></div>");
}

/* One list's count, cards and pagination: list is LIBRARY_SCOPE_CASE_STUDIES or _RESOURCES. */
static void one_list(struct buf *b, const struct library_view *v, enum library_scope list)
{
    struct buf count = BUF_INIT, query = BUF_INIT;
    int cases = list == LIBRARY_SCOPE_CASE_STUDIES;
    size_t n = cases ? v->ncases : v->nresources,
           total = cases ? v->cases_total : v->resources_total;

    if (cases) {
        count_phrase(&count, total, "case study", "case studies");
    } else {
        count_phrase(&count, total, "resource", "resources");
    }
    html_lit(b, "<h2 class=\"govuk-heading-m\">");
    html_text(b, count.data);
    html_lit(b, "</h2>");
    for (size_t i = 0; i < n; i++) {
        if (cases) {
            case_study_card(b, &v->cases[i]);
        } else {
            resource_card(b, &v->resources[i]);
        }
    }
    /* on /library, only when the list is longer than its first page, leading to the list's own */
    if (v->scope != LIBRARY_SCOPE_ALL || total > v->per_page) {
        filters_query(&query, v, list);
        pagination_pages(b, scopes[list].path, query.data ? query.data : "",
                         v->scope == LIBRARY_SCOPE_ALL ? 1 : v->page, v->per_page, total, n);
    }
    buf_release(&count);
    buf_release(&query);
}

void view_library_page(struct buf *b, const struct library_view *v, const struct viewer *viewer)
{
    const struct crumb crumbs[] = {{"Home", "/"}, {"Library", "/library"}};
    const char *title = scopes[v->scope].title;
    struct layout l = {.title = title,
                       .nav = NAV_LIBRARY,
                       .crumbs = crumbs,
                       .ncrumbs = 2,
                       .viewer = viewer,
                       .errors = v->errors,
                       .nerrors = v->nerrors};

    if (v->scope == LIBRARY_SCOPE_ALL) {
        view_top_page_start(b, "Library", "Library", NAV_LIBRARY, v->errors, v->nerrors, viewer);
    } else {
        view_layout_start(b, &l);
    }
    view_heading(b, NULL, title);
    if (v->scope == LIBRARY_SCOPE_ALL) {
        html_lit(b, "<p class=\"govuk-body-l\">What local Compacts achieved, and the documents "
                    "that explain the Compact: evidence for statutory bodies deciding whether to "
                    "sign theirs.</p>");
    }
    if (v->can_write) {
        html_lit(b,
                 "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/case-studies/new\">"
                 "Write a case study</a> or <a class=\"govuk-link\" href=\"/resources/new\">add a "
                 "resource</a>. An admin publishes it.</p>");
    }
    filters(b, v);
    if (!v->nerrors) {
        if (v->scope != LIBRARY_SCOPE_RESOURCES) {
            one_list(b, v, LIBRARY_SCOPE_CASE_STUDIES);
        }
        if (v->scope != LIBRARY_SCOPE_CASE_STUDIES) {
            one_list(b, v, LIBRARY_SCOPE_RESOURCES);
        }
    }
    if (v->scope == LIBRARY_SCOPE_ALL) {
        view_top_page_end(b);
    } else {
        view_layout_end(b, &l);
    }
}

/* The publish button and the change link, as flags allow; path is the item's page. */
static void actions(struct buf *b, const char *path, const char *what, unsigned flags,
                    const struct viewer *viewer)
{
    if (flags & LIBRARY_PAGE_EDIT) {
        html_lit(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
        html_attr(b, path);
        html_lit(b, "/edit\">Change this ");
        html_text(b, what);
        html_lit(b, "</a></p>");
    }
    if (flags & LIBRARY_PAGE_PUBLISH) {
        html_lit(b, "<form method=\"post\" action=\"");
        html_attr(b, path);
        html_lit(b, "/publish\" novalidate>");
        view_csrf_field(b, viewer);
        html_lit(b, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
                    "Publish</button></form>");
    }
}

static void page_start(struct buf *b, const char *title, enum library_status status, unsigned flags,
                       const struct viewer *viewer, const struct layout *l)
{
    view_layout_start(b, l);
    if (flags & LIBRARY_PAGE_DONE) {
        banner(b, 1, status == LIBRARY_PUBLISHED ? "Published" : "Saved as a draft");
    }
    if (status == LIBRARY_DRAFT) {
        banner_start(b, 0);
        html_lit(b, "<p class=\"govuk-notification-banner__heading\">This is a draft. Only its "
                    "author, its Compact's coordinators and admins can see it until an admin "
                    "publishes it.</p>");
        banner_end(b);
    }
    (void)viewer;
    view_heading(b, NULL, title);
}

void view_case_study_page(struct buf *b, const struct case_study *cs, unsigned flags,
                          const struct viewer *viewer)
{
    const struct crumb crumbs[] = {{"Home", "/"}, {"Library", "/library"}};
    struct layout l = {
        .title = cs->title, .nav = NAV_LIBRARY, .crumbs = crumbs, .ncrumbs = 2, .viewer = viewer};
    char path[48];
    int n = snprintf(path, sizeof(path), "/case-studies/%lld", cs->id);

    page_start(b, cs->title, cs->status, flags, viewer, &l);
    html_lit(b, "<p class=\"govuk-body-l\">");
    html_text(b, cs->summary);
    html_lit(b, "</p>");
    if (cs->outcome) {
        html_lit(b, "<h2 class=\"govuk-heading-m\">Outcome</h2><p class=\"govuk-body\">");
        html_text(b, cs->outcome);
        html_lit(b, "</p>");
    }
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    summary_row_start(b, "Themes", 0);
    themes_text(b, cs->themes);
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Area", 0);
    if (cs->nareas) {
        areas_text(b, cs);
    } else {
        html_lit(b, "Not given");
    }
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Year", 0);
    if (cs->year) {
        html_num(b, cs->year);
    } else {
        html_lit(b, "Not known");
    }
    summary_row_end(b, NULL, NULL);
    compact_row(b, cs->compact_id, cs->compact_name);
    if (cs->organisations) {
        summary_row_start(b, "Organisations involved", 0);
        for (const char *p = cs->organisations; *p;) {
            size_t len = strcspn(p, "\r\n");
            html_lit(b, "<p class=\"govuk-body\">");
            {
                struct buf one = BUF_INIT;
                buf_add(&one, p, len);
                html_text(b, one.data);
                buf_release(&one);
            }
            html_lit(b, "</p>");
            p += len;
            p += strspn(p, "\r\n");
        }
        summary_row_end(b, NULL, NULL);
    }
    if (cs->source_citation || cs->source_url) {
        summary_row_start(b, "Source", 0);
        if (cs->source_url) {
            html_lit(b, "<a class=\"govuk-link\" href=\"");
            html_attr(b, cs->source_url);
            html_lit(b, "\">");
            html_text(b, cs->source_citation ? cs->source_citation : cs->source_url);
            html_lit(b, "</a>");
        } else {
            html_text(b, cs->source_citation);
        }
        summary_row_end(b, NULL, NULL);
    }
    html_lit(b, "</dl>");
    actions(b, n > 0 && (size_t)n < sizeof(path) ? path : "/library", "case study", flags, viewer);
    /* the evidence leads to the case for signing up (SPEC section 9) */
    html_lit(b, "<h2 class=\"govuk-heading-m\">Who has signed</h2><p class=\"govuk-body\">"
                "<a class=\"govuk-link\" href=\"/signups\">See which councils have signed the "
                "local Compact that covers their area</a></p>");
    view_layout_end(b, &l);
}

void view_resource_page(struct buf *b, const struct resource *r, unsigned flags,
                        const struct viewer *viewer)
{
    const struct crumb crumbs[] = {{"Home", "/"}, {"Library", "/library"}};
    struct layout l = {
        .title = r->title, .nav = NAV_LIBRARY, .crumbs = crumbs, .ncrumbs = 2, .viewer = viewer};
    char path[48];
    int n = snprintf(path, sizeof(path), "/resources/%lld", r->id);

    page_start(b, r->title, r->status, flags, viewer, &l);
    if (r->summary) {
        html_lit(b, "<p class=\"govuk-body-l\">");
        html_text(b, r->summary);
        html_lit(b, "</p>");
    }
    html_lit(b, "<dl class=\"govuk-summary-list\">");
    summary_row_start(b, "Kind", 0);
    html_text(b, resource_kind_label(r->kind));
    summary_row_end(b, NULL, NULL);
    summary_row_start(b, "Date", 0);
    if (r->date) {
        html_date(b, r->date);
    } else {
        html_lit(b, "Not known");
    }
    summary_row_end(b, NULL, NULL);
    compact_row(b, r->compact_id, r->compact_name);
    if (r->url) {
        summary_row_start(b, "Link", 0);
        html_lit(b, "<a class=\"govuk-link\" href=\"");
        html_attr(b, r->url);
        html_lit(b, "\">");
        html_text(b, r->url);
        html_lit(b, "</a>");
        summary_row_end(b, NULL, NULL);
    }
    if (r->file_name) {
        summary_row_start(b, "Document", 0);
        html_lit(b, "<a class=\"govuk-link\" download href=\"");
        html_attr(b, n > 0 && (size_t)n < sizeof(path) ? path : "/library");
        html_lit(b, "/document\">Download ");
        html_text(b, r->file_name);
        html_lit(b, " (PDF, ");
        html_count(b, (r->file_size + 1023) / 1024);
        html_lit(b, " KB)</a>");
        summary_row_end(b, NULL, NULL);
    }
    html_lit(b, "</dl>");
    actions(b, n > 0 && (size_t)n < sizeof(path) ? path : "/library", "resource", flags, viewer);
    view_layout_end(b, &l);
}

static void form_start(struct buf *b, const char *heading, const char *caption,
                       const struct field_error *errors, size_t nerrors,
                       const struct viewer *viewer, struct layout *l, const char *action,
                       int multipart)
{
    static const struct crumb crumbs[] = {{"Home", "/"}, {"Library", "/library"}};

    *l = (struct layout){.title = heading,
                         .nav = NAV_LIBRARY,
                         .crumbs = crumbs,
                         .ncrumbs = 2,
                         .viewer = viewer,
                         .errors = errors,
                         .nerrors = nerrors,
                         .narrow = 1};
    view_layout_start(b, l);
    view_heading(b, caption, heading);
    html_lit(b, "<form method=\"post\" action=\"");
    html_attr(b, action);
    html_lit(b, "\" novalidate");
    if (multipart) {
        html_lit(b, " enctype=\"multipart/form-data\"");
    }
    html_lit(b, ">");
    view_csrf_field(b, viewer);
}

#define ERR(name) form_error_for(v->errors, v->nerrors, name)

void view_case_study_form_page(struct buf *b, const struct case_study_form_view *v,
                               const struct viewer *viewer)
{
    const struct case_study_draft *d = v->values;
    struct form_choice themes[THEME_COUNT];
    int ticked[THEME_COUNT] = {0};
    char action[48];
    struct layout l;
    int n = v->id ? snprintf(action, sizeof(action), "/case-studies/%lld", v->id) : 0;

    for (int t = 0; t < THEME_COUNT; t++) {
        themes[t] = (struct form_choice){library_theme_id(t), library_theme_label(t)};
    }
    /* ticked: those of the space-separated themes given */
    for (const char *p = d->themes; p && *p;) {
        size_t len = strcspn(p, " ");
        for (int t = 0; t < THEME_COUNT; t++) {
            ticked[t] |= len == strlen(themes[t].value) && !strncmp(p, themes[t].value, len);
        }
        p += len + (p[len] == ' ');
    }
    form_start(b, v->id ? "Change a case study" : "Write a case study", v->id ? v->title : NULL,
               v->errors, v->nerrors, viewer, &l,
               v->id && n > 0 && (size_t)n < sizeof(action) ? action : "/case-studies", 0);
    form_text_input(
        b, &(struct form_field){
               .name = "title", .label = "Title", .error = ERR("title"), .value = d->title});
    form_textarea(b, &(struct form_field){.name = "summary",
                                          .label = "What happened",
                                          .error = ERR("summary"),
                                          .value = d->summary});
    form_textarea(b, &(struct form_field){.name = "outcome",
                                          .label = "What came of it",
                                          .hint = "Optional",
                                          .error = ERR("outcome"),
                                          .value = d->outcome});
    form_checkboxes(b,
                    &(struct form_field){.name = "themes",
                                         .label = "Themes",
                                         .hint = "Select all that apply.",
                                         .error = ERR("themes"),
                                         .classes = "govuk-checkboxes--small"},
                    themes, ticked, THEME_COUNT);
    form_text_input(b, &(struct form_field){.name = "compact",
                                            .label = "Local Compact number",
                                            .hint = "The number in its address, such as 3 in "
                                                    "/compacts/3. Required unless you are an "
                                                    "admin.",
                                            .error = ERR("compact"),
                                            .value = d->compact,
                                            .classes = "govuk-input--width-5",
                                            .type = "text"});
    form_text_input(b, &(struct form_field){.name = "year",
                                            .label = "Year it happened",
                                            .hint = "Optional. For example, 2010",
                                            .error = ERR("year"),
                                            .value = d->year,
                                            .classes = "govuk-input--width-4"});
    form_textarea(b, &(struct form_field){.name = "areas",
                                          .label = "Areas",
                                          .hint = "Optional. The GSS codes of the local "
                                                  "authorities, such as E09000024, separated by "
                                                  "spaces.",
                                          .error = ERR("areas"),
                                          .value = d->areas,
                                          .rows = 2,
                                          .flags = FORM_NO_SPELLCHECK});
    form_textarea(b, &(struct form_field){.name = "organisations",
                                          .label = "Organisations involved",
                                          .hint = "Optional. One a line.",
                                          .error = ERR("organisations"),
                                          .value = d->organisations,
                                          .rows = 3});
    form_text_input(b, &(struct form_field){.name = "source_citation",
                                            .label = "Source",
                                            .hint = "Optional. Where it is told, such as a "
                                                    "report's author, title and date.",
                                            .error = ERR("source_citation"),
                                            .value = d->source_citation});
    form_text_input(b, &(struct form_field){.name = "source_url",
                                            .label = "Link to the source",
                                            .hint = "Optional. Starting https://",
                                            .error = ERR("source_url"),
                                            .value = d->source_url,
                                            .type = "url",
                                            .flags = FORM_NO_SPELLCHECK});
    form_buttons(b, v->id ? "Save changes" : "Save as a draft", "/library");
    html_lit(b, "</form>");
    view_layout_end(b, &l);
}

void view_resource_form_page(struct buf *b, const struct resource_form_view *v,
                             const struct viewer *viewer)
{
    const struct resource_draft *d = v->values;
    struct form_choice kinds[RESOURCE_KIND_COUNT];
    const char *given[3] = {NULL, NULL, NULL};
    int y = 0, m = 0, day = 0;
    char sy[8], sm[4], sd[4], action[48];
    struct layout l;
    date_t date = 0;
    int n = v->id ? snprintf(action, sizeof(action), "/resources/%lld", v->id) : 0;

    for (int k = 0; k < RESOURCE_KIND_COUNT; k++) {
        kinds[k] = (struct form_choice){resource_kind_id(k), resource_kind_label(k)};
    }
    if (d->date && date_parse(d->date, strlen(d->date), &date) == 0) {
        date_to_ymd(date, &y, &m, &day);
        if (snprintf(sy, sizeof(sy), "%d", y) > 0 && snprintf(sm, sizeof(sm), "%d", m) > 0 &&
            snprintf(sd, sizeof(sd), "%d", day) > 0) {
            given[0] = sd;
            given[1] = sm;
            given[2] = sy;
        }
    }
    form_start(b, v->id ? "Change a resource" : "Add a resource", v->id ? v->title : NULL,
               v->errors, v->nerrors, viewer, &l,
               v->id && n > 0 && (size_t)n < sizeof(action) ? action : "/resources", 1);
    form_text_input(
        b, &(struct form_field){
               .name = "title", .label = "Title", .error = ERR("title"), .value = d->title});
    form_radios(b,
                &(struct form_field){.name = "kind",
                                     .label = "What kind of resource is it?",
                                     .error = ERR("kind"),
                                     .value = d->kind},
                kinds, RESOURCE_KIND_COUNT);
    form_text_input(b, &(struct form_field){.name = "compact",
                                            .label = "Local Compact number",
                                            .hint = "For a local Compact's document, and unless "
                                                    "you are an admin: the number in its "
                                                    "address, such as 3 in /compacts/3.",
                                            .error = ERR("compact"),
                                            .value = d->compact,
                                            .classes = "govuk-input--width-5"});
    form_textarea(b, &(struct form_field){.name = "summary",
                                          .label = "Summary",
                                          .hint = "Optional. What it is, in a sentence or two.",
                                          .error = ERR("summary"),
                                          .value = d->summary,
                                          .rows = 3});
    form_date(b,
              &(struct form_field){.name = "date",
                                   .label = "Date published",
                                   .hint = "Optional. For example, 1 12 2010",
                                   .error = ERR("date")},
              given);
    form_text_input(b, &(struct form_field){.name = "url",
                                            .label = "Link",
                                            .hint = "Starting https://. A link, a PDF or both.",
                                            .error = ERR("url"),
                                            .value = d->url,
                                            .type = "url",
                                            .flags = FORM_NO_SPELLCHECK});
    form_file_upload(b, &(struct form_field){.name = "document",
                                             .label = "Upload the document as a PDF",
                                             .hint = v->file_name
                                                         ? "Optional: it replaces the PDF it has."
                                                         : "At most 20 MB.",
                                             .error = ERR("document"),
                                             .type = ".pdf,application/pdf"});
    form_buttons(b, v->id ? "Save changes" : "Save as a draft", "/library");
    html_lit(b, "</form>");
    view_layout_end(b, &l);
}
