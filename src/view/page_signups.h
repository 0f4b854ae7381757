/* The case for signing up (SPEC section 9): which councils have signed the local Compact that
 * covers their area on a date, nationally by region with a hex map; which statutory partners
 * each active Compact lacks. And the short summary a Compact's own page shows. */
#ifndef VIEW_PAGE_SIGNUPS_H
#define VIEW_PAGE_SIGNUPS_H

#include <stddef.h>

#include "base/buf.h"
#include "core/hexmap.h"
#include "core/signups.h"
#include "form.h"
#include "layout.h"

struct signups_view {
    const char *as_of_given[3]; /* the date boxes as given (any may be NULL) */
    const char *as_of;          /* the day as YYYY-MM-DD when given and real, else NULL */
    date_t today;
    int set;                  /* enum authority_set, as chosen (current when the choice was bad) */
    const struct signups *su; /* NULL when there are errors */
    const struct hexmap *map; /* NULL: the map cannot be drawn (the tables still are) */
    const struct field_error *errors; /* with any, the page shows them and the form only */
    size_t nerrors;
};

void view_signups_page(struct buf *b, const struct signups_view *v, const struct viewer *viewer);

/*
 * A paragraph (id "partners") saying which of the statutory partners (a council, an NHS body,
 * the police, a fire and rescue service) have signed a Compact on a day and which have not,
 * given the types that have (bits of enum signup_type), with a link to the national picture.
 */
void view_signup_partners(struct buf *b, unsigned signed_types);

#endif
