/* The organisations pages: the list with its search, one organisation, and its form. */
#ifndef VIEW_PAGE_ORGANISATIONS_H
#define VIEW_PAGE_ORGANISATIONS_H

#include <stddef.h>

#include "base/buf.h"
#include "core/compact.h"
#include "core/indicators.h"
#include "core/organisation.h"
#include "form.h"
#include "layout.h"

struct organisations_view {
    const char *q;    /* the search as given, or NULL */
    int sector, type; /* the filters as chosen; -1 for any */
    const struct organisation *items;
    size_t n;                         /* on this page */
    size_t total;                     /* all that match */
    size_t page, per_page;            /* this page's number (from 1), and rows a page holds */
    const char *limit;                /* per_page as the address asked it (?limit=), or NULL */
    int can_edit;                     /* the viewer may add organisations */
    const struct field_error *errors; /* with any, the page shows them and no table */
    size_t nerrors;
};

void view_organisations_page(struct buf *b, const struct organisations_view *v,
                             const struct viewer *viewer);

/* What an organisation's page offers besides its summary (bits of its flags). */
enum organisation_page_flags {
    ORG_PAGE_EDIT = 1 << 0,    /* the viewer may change it */
    ORG_PAGE_FUNDING = 1 << 1, /* it has grants or contracts: link to its funding page */
};

/* An organisation's page: its summary (flags: enum organisation_page_flags), the grants it
 * received (NULL: none) and the Compacts it signed (signatures[0..n)). */
void view_organisation_page(struct buf *b, const struct organisation *o, unsigned flags,
                            const struct ind_received *received, const struct signatory *signatures,
                            size_t n, const struct viewer *viewer);

struct organisation_form_view {
    const char *ref;  /* the organisation being changed, or NULL to add one */
    const char *name; /* its name as stored, for the heading (with ref) */
    const struct organisation_draft *values; /* the values to show in the fields */
    long long for_compact; /* adding one to sign Compact for_compact: back to its signatory
                            * form after (a hidden for_compact field), or 0 */
    const struct field_error *errors;
    size_t nerrors;
};

/* The form that adds an organisation (POST /organisations) or changes one (POST to its page). */
void view_organisation_form_page(struct buf *b, const struct organisation_form_view *v,
                                 const struct viewer *viewer);

#endif
