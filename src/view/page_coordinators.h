/* A Compact's coordinators: the summary on its page (with "Remove" for an admin) and the form
 * that adds one. */
#ifndef VIEW_PAGE_COORDINATORS_H
#define VIEW_PAGE_COORDINATORS_H

#include <stddef.h>

#include "layout.h"
#include "core/account.h"

struct coordinators_view {
    long long compact_id;
    const char *compact_name;
    const struct user *coordinators; /* by email */
    size_t n;
    int may_assign; /* an admin: "Add a coordinator" and a "Remove" button for each */
};
/* The "Coordinators" section of the Compact's page, its heading included. */
void view_coordinators_summary(struct buf *b, const struct coordinators_view *v,
                               const struct viewer *viewer);

struct coordinator_form_view {
    long long compact_id;
    const char *compact_name;
    const char *email; /* as given, to show again */
    const struct field_error *errors;
    size_t nerrors;
};
/* The page "Add a coordinator": one question, the account's email address. */
void view_coordinator_new_page(struct buf *b, const struct coordinator_form_view *v,
                               const struct viewer *viewer);

#endif
