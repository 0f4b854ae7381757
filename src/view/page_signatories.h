/* A Compact's signatories: the table (per Compact or per organisation), the list page, and the
 * forms that add a signatory and record a withdrawal. */
#ifndef VIEW_PAGE_SIGNATORIES_H
#define VIEW_PAGE_SIGNATORIES_H

#include "form.h"
#include "layout.h"
#include "core/compact.h"

enum signatory_flavour {
    SIGNATORIES_OF_COMPACT,      /* one Compact's: each row names the organisation */
    SIGNATORIES_OF_ORGANISATION, /* one organisation's: each row names the Compact */
};

/*
 * A table of signatories with caption (NULL for none), in the order given. Per Compact each row
 * links the organisation to /organisations/{ref}; per organisation, the Compact to
 * /compacts/{id}. Then the role, the date signed, and the date withdrawn or a "Current" tag.
 * withdraw: a "Withdraw" link on each current row, for people who may change the Compact.
 */
void view_signatory_table(struct buf *b, const struct signatory *items, size_t n,
                          enum signatory_flavour flavour, const char *caption, int withdraw);

struct signatories_view {
    long long compact_id;
    const char *compact_name;
    const struct signatory *items;
    size_t n;
    int may_edit;       /* offer "Add a signatory" and "Withdraw" */
    const char *notice; /* news for a success banner (e.g. "Signatory added"), or NULL */
};

void view_signatories_page(struct buf *b, const struct signatories_view *v,
                           const struct viewer *viewer);

/* The answers of a form, shown again; any may be NULL. */
struct signatory_form_view {
    long long compact_id;
    const char *compact_name;
    const struct signatory *signatory; /* the withdrawal form's signatory */
    const char *organisation, *role;
    const char *date[3]; /* day, month, year of the date signed (or withdrawn) */
    const struct field_error *errors;
    size_t nerrors;
};

/* "Add a signatory": organisation, date signed, role; posts to /compacts/{id}/signatories. */
void view_signatory_new_page(struct buf *b, const struct signatory_form_view *v,
                             const struct viewer *viewer);
/* "Record a withdrawal": the date; posts to /compacts/{id}/signatories/{sid}/withdraw. */
void view_signatory_withdraw_page(struct buf *b, const struct signatory_form_view *v,
                                  const struct viewer *viewer);

#endif
