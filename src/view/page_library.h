/* The library's pages: the list with its filters, a case study, a resource, and their forms. */
#ifndef VIEW_PAGE_LIBRARY_H
#define VIEW_PAGE_LIBRARY_H

#include <stddef.h>

#include "form.h"
#include "layout.h"
#include "core/authority.h"
#include "core/library.h"
#include "base/buf.h"

/* Which list a library list page is: /library (both), /case-studies or /resources. */
enum library_scope { LIBRARY_SCOPE_ALL, LIBRARY_SCOPE_CASE_STUDIES, LIBRARY_SCOPE_RESOURCES };

struct library_view {
    enum library_scope scope;
    int kind, theme, region, year;  /* the filters as chosen (store_library.h), -1 / 0: any */
    const struct case_study *cases; /* the page shown of each list, and how many in all */
    size_t ncases, cases_total;
    const struct resource *resources;
    size_t nresources, resources_total;
    size_t page, per_page; /* the page's number (from 1; /library shows the first) and size */
    int can_write;         /* the viewer may write a case study or add a resource */
    const struct field_error *errors;
    size_t nerrors;
};
/* A list page as v's scope says: its filters, each list's cards, and the GOV.UK pagination of
 * each (on /library, leading to /case-studies or /resources, the filters kept). */
/*
 * The theme and region choices of a filter form, each led by "All themes" or "All regions" and
 * the chosen one selected (theme and region below 0 for none), and the year as text ("" for
 * none): the library's lists and search filter by the same facets.
 */
void view_facet_options(int theme, int region, int year, struct form_option themes[THEME_COUNT + 1],
                        struct form_option regions[REGION_COUNT + 1], char year_text[8]);

void view_library_page(struct buf *b, const struct library_view *v, const struct viewer *viewer);

/* What a case study's or resource's page offers (bits). */
enum library_page_flags {
    LIBRARY_PAGE_EDIT = 1 << 0,    /* the viewer may change it */
    LIBRARY_PAGE_PUBLISH = 1 << 1, /* the viewer may publish it (a draft, an admin) */
    LIBRARY_PAGE_DONE = 1 << 2,    /* it was just saved: say so */
};
void view_case_study_page(struct buf *b, const struct case_study *cs, unsigned flags,
                          const struct viewer *viewer);
void view_resource_page(struct buf *b, const struct resource *r, unsigned flags,
                        const struct viewer *viewer);

/* The forms: to write one (id 0) or change one, with the values to show and any errors. */
struct case_study_form_view {
    long long id;
    const char *title; /* its title as stored, for the heading, when changing */
    const struct case_study_draft *values;
    const struct field_error *errors;
    size_t nerrors;
};
void view_case_study_form_page(struct buf *b, const struct case_study_form_view *v,
                               const struct viewer *viewer);
struct resource_form_view {
    long long id;
    const char *title;
    const struct resource_draft *values;
    const char *file_name; /* the PDF it has, when changing */
    const struct field_error *errors;
    size_t nerrors;
};
void view_resource_form_page(struct buf *b, const struct resource_form_view *v,
                             const struct viewer *viewer);

#endif
