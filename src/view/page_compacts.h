/* The local Compact pages: the list, one Compact, and the forms that change it. */
#ifndef VIEW_PAGE_COMPACTS_H
#define VIEW_PAGE_COMPACTS_H

#include <stddef.h>

#include "form.h"
#include "layout.h"
#include "page_coordinators.h"
#include "core/compact.h"

/* The answers of a form, to show again: a lookup of a field by name (NULL: none given). */
struct form_values {
    const char *(*value)(const void *ctx, const char *field);
    const void *ctx;
};

struct compacts_view {
    const char *q;
    int status, region, overdue; /* the filters as chosen; -1 (0 for overdue) for any */
    const struct compact_summary *items;
    size_t n;
    int can_create;                   /* an admin or a coordinator: offer "Add a local Compact" */
    const struct field_error *errors; /* with any, the page shows them and no table */
    size_t nerrors;
};
void view_compacts_page(struct buf *b, const struct compacts_view *v, const struct viewer *viewer);

struct compact_page_view {
    const struct compact_entry *entry;
    date_t today;
    int may_edit;  /* an admin, or a coordinator of this Compact: edit links */
    int signed_in; /* the history link (the history is for people signed in) */
    const struct signatory *signatories; /* current first, then those who withdrew */
    size_t nsignatories;
    const struct coordinators_view *coordinators; /* its Coordinators section, or NULL: none */
    const char *notice; /* the heading of a success banner after a change, or NULL */
};
void view_compact_page(struct buf *b, const struct compact_page_view *v,
                       const struct viewer *viewer);

/* How many contacts the details form shows: those there and one more, at most this many. */
#define COMPACT_FORM_CONTACTS 6

/* The details form: new (id 0: name, authorities, first status, dates, document, contacts)
 * or the change of an existing one (name, authorities, dates, document, contacts). */
struct compact_form_view {
    long long id;
    const char *name; /* the Compact's name, for an existing one's caption */
    struct form_values values;
    size_t ncontacts; /* contact slots to show */
    const struct field_error *errors;
    size_t nerrors;
};
void view_compact_form_page(struct buf *b, const struct compact_form_view *v,
                            const struct viewer *viewer);

/* The status form (radios and a date), the codes of practice (with a form to add one) and
 * the parameters (blank: the national default). */
struct compact_subpage_view {
    const struct compact_entry *entry;
    struct form_values values;
    const struct field_error *errors;
    size_t nerrors;
};
void view_compact_status_page(struct buf *b, const struct compact_subpage_view *v,
                              const struct viewer *viewer);
void view_compact_codes_page(struct buf *b, const struct compact_subpage_view *v,
                             const struct viewer *viewer);
void view_compact_parameters_page(struct buf *b, const struct compact_subpage_view *v,
                                  const struct viewer *viewer);

#endif
