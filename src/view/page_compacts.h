/* The local Compact pages: the list, one Compact, and the forms that change it. */
#ifndef VIEW_PAGE_COMPACTS_H
#define VIEW_PAGE_COMPACTS_H

#include <stddef.h>

#include "form.h"
#include "layout.h"
#include "page_coordinators.h"
#include "core/compact.h"
#include "core/complaint.h"

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

/*
 * What a save changed, for the success banner on the page it returns to (bits of a
 * compact_page_view's done). The banner says each in words with the values as stored now, so
 * that nothing of the message comes from the address.
 */
enum compact_done {
    DONE_NAME = 1u << 0,
    DONE_AUTHORITIES = 1u << 1,
    DONE_ADOPTED = 1u << 2,
    DONE_REFRESHED = 1u << 3,
    DONE_REVIEW = 1u << 4, /* the review date in force, set or six years after */
    DONE_DOCUMENT = 1u << 5,
    DONE_CONTACTS = 1u << 6,
    DONE_STATUS = 1u << 7,  /* the latest status */
    DONE_CODE = 1u << 8,    /* the latest code of practice */
    DONE_NOTHING = 1u << 9, /* a form saved as it was */
};
/* The bit of a local parameter p (enum param) whose value a save changed. */
#define DONE_PARAM(p) (1u << (10 + (unsigned)(p)))
/* A complaint response time (enum complaint_param) changed. */
#define DONE_CPARAM(p) DONE_PARAM(PARAM_COUNT + (unsigned)(p))

struct compact_page_view {
    const struct compact_entry *entry;
    date_t today;
    unsigned done; /* enum compact_done and DONE_PARAM bits: what the last save changed */
    int may_edit;  /* an admin, or a coordinator of this Compact: edit links */
    int signed_in; /* the history link (the history is for people signed in) */
    const struct signatory *signatories; /* current first, then those who withdrew */
    size_t nsignatories;
    const unsigned *partners; /* the statutory partner types that have signed today (bits of
                                 enum signup_type), or NULL: not said */
    const struct coordinators_view *coordinators; /* its Coordinators section, or NULL: none */
    const char *notice; /* the heading of a success banner after a change, or NULL */
    const struct complaint_params *complaint_params; /* its complaint response times, or NULL */
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
    size_t ncontacts;   /* contact slots to show */
    const char *focus;  /* the field a "Change" link named: it has the focus, or NULL */
    int review_follows; /* no review date is set: the one shown is six years after */
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
