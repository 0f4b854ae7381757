/* A Compact's signatories: the table (per Compact or per organisation), the list page, and the
 * forms that add a signatory and record a withdrawal. */
#ifndef VIEW_PAGE_SIGNATORIES_H
#define VIEW_PAGE_SIGNATORIES_H

#include "form.h"
#include "layout.h"
#include "core/compact.h"
#include "core/organisation.h"

enum signatory_flavour {
    SIGNATORIES_OF_COMPACT,      /* one Compact's: each row names the organisation */
    SIGNATORIES_OF_ORGANISATION, /* one organisation's: each row names the Compact */
};

/*
 * A table of signatories with caption (NULL for none), in the order given. Per Compact each row
 * links the organisation to /organisations/{ref}; per organisation, the Compact to
 * /compacts/{id}. Then the role, the date signed, and "Still signed" (a tag) or "Withdrawn on
 * 3 March 2026".
 * withdraw: a "Withdraw" link under the status of each current row, for people who may change
 * the Compact.
 */
void view_signatory_table(struct buf *b, const struct signatory *items, size_t n,
                          enum signatory_flavour flavour, const char *caption, int withdraw);

struct signatories_view {
    long long compact_id;
    const char *compact_name;
    const struct signatory *items;
    size_t n;
    int may_edit; /* offer "Add a signatory" and "Withdraw" */
    /* what the last save did, for a success banner: SIGNATORY_ADDED or SIGNATORY_WITHDRAWN,
     * said of the signatory done_to (one of items[]) as stored; 0 or NULL for no banner */
    int done;
    const struct signatory *done_to;
};
enum signatory_done { SIGNATORY_ADDED = 1, SIGNATORY_WITHDRAWN };

void view_signatories_page(struct buf *b, const struct signatories_view *v,
                           const struct viewer *viewer);

#define SIGNATORY_FIND_MAX 20 /* matches the first step shows */

/* The first step of adding a signatory: "Find the organisation" (a GET form), and the
 * organisations of the register that match q to choose from (radios, a GET form too), with a
 * link to add a missing one to the register and come back. */
struct signatory_find_view {
    long long compact_id;
    const char *compact_name;
    const char *q;                      /* the search as given, or NULL before one */
    const struct organisation *matches; /* the first of those that match q */
    size_t n, total;                    /* how many shown, and how many match */
    const struct field_error *errors;   /* "q" (no search) or "organisation" (none chosen) */
    size_t nerrors;
};
void view_signatory_find_page(struct buf *b, const struct signatory_find_view *v,
                              const struct viewer *viewer);

/* The answers of a form, shown again; any may be NULL. */
struct signatory_form_view {
    long long compact_id;
    const char *compact_name;
    const struct signatory *signatory; /* the withdrawal form's signatory */
    /* the organisation chosen in the first step (a summary row, sent as its ref), or NULL: a
     * text field for its org-id or name, holding organisation */
    const struct organisation *org;
    const char *organisation, *role;
    const char *date[3]; /* day, month, year of the date signed (or withdrawn) */
    const struct field_error *errors;
    size_t nerrors;
};

/* "Add a signatory", the second step: the organisation, date signed, role; posts to
 * /compacts/{id}/signatories. */
void view_signatory_new_page(struct buf *b, const struct signatory_form_view *v,
                             const struct viewer *viewer);
/* "Record a withdrawal": the date; posts to /compacts/{id}/signatories/{sid}/withdraw. */
void view_signatory_withdraw_page(struct buf *b, const struct signatory_form_view *v,
                                  const struct viewer *viewer);

#endif
