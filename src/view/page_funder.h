/*
 * The open data pages: a funder's (and buyer's) indicators with a chart by year, and the lists
 * of grants and contracts with their filters.
 */
#ifndef VIEW_PAGE_FUNDER_H
#define VIEW_PAGE_FUNDER_H

#include <stddef.h>

#include "chart.h"
#include "form.h"
#include "layout.h"
#include "core/indicators.h"
#include "core/opendata.h"
#include "core/organisation.h"
#include "core/rules.h"
#include "base/arena.h"
#include "base/buf.h"

struct funder_view {
    const char *org;  /* the org-id the figures are for */
    const char *name; /* its name, or NULL (then the org-id is the heading) */
    const char *ref;  /* its reference in the register (org-id or number), or NULL when the
                         register does not keep it */
    const struct indicators *ind;        /* NULL with errors */
    const struct ind_received *received; /* the grants it received (NULL: none) */
    const struct params *params;         /* the parameters used, with their sources */
    const char *compact_id;              /* the Compact whose parameters apply, or NULL */
    const char *min_count;               /* as given, for the form and the links; or NULL */
    const char *const *compact_ids;      /* Compacts to choose from: ids and names */
    const char *const *compact_names;
    size_t ncompacts;
    const struct field_error *errors; /* with any, the form shows them and no figures */
    size_t nerrors;
};

/* The funder page; arena for the caveats' sentences. */
void view_funder_page(struct buf *b, const struct funder_view *v, struct arena *arena,
                      const struct viewer *viewer);

/*
 * The section "Grants received" of the organisation org_id (its name: name, or NULL) for its
 * page and its funding page: by funder and year, with whether each funding relationship ended
 * and, where it did, a link to check the notice (with the parameters of Compact compact_id, or
 * NULL). Nothing when r has no grants and none_text is NULL; else none_text in a paragraph.
 */
void view_grants_received(struct buf *b, const struct ind_received *r, const char *org_id,
                          const char *name, const char *compact_id, const char *none_text);

/* A filter given by name (or by an org-id the data may not use): the organisations it names. */
struct opendata_named {
    enum opendata_role role;
    const char *given;                   /* as typed */
    const struct opendata_name *matches; /* one: the list is of its grants or contracts */
    size_t n;
    int more; /* more match than are listed */
};

struct opendata_list_view {
    int grants;                     /* grants (funder, recipient) or contracts (buyer, supplier) */
    const char *org, *counterpart;  /* the filters as given, or NULL */
    struct opendata_named named[2]; /* what the filters given named (org, counterpart) */
    size_t nnamed;
    const char *year, *q;
    const struct grant_item *grant_items;
    const struct contract_item *contract_items;
    size_t n, total;
    size_t page, per_page; /* this page's number (from 1), and rows a page holds */
    const char *limit;     /* per_page as the address asked it (?limit=), or NULL */
    const struct field_error *errors;
    size_t nerrors;
};

/* GET /grants or /contracts. */
void view_opendata_list_page(struct buf *b, const struct opendata_list_view *v,
                             const struct viewer *viewer);

#endif
