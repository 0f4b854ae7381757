/* One local authority. */
#ifndef VIEW_PAGE_AUTHORITY_H
#define VIEW_PAGE_AUTHORITY_H

#include "base/buf.h"
#include "core/authority.h"
#include "core/compact.h"
#include "core/coverage.h"
#include "layout.h"

/* The local Compact that covers an authority today, by the rule of core/coverage.c. */
struct authority_local {
    int state;            /* enum coverage_state */
    long long compact_id; /* 0: none covers it or would */
    const char *compact_name;
    int via_county; /* through its county's Compact */
    int status;     /* that Compact's status today (enum compact_status, -1 none) */
    date_t review_due;
    int review_overdue;
    const struct signatory *signatories; /* that Compact's, current first */
    size_t nsignatories;
    /* covered: whether its council (its GB-LAE- organisation) is a signatory of that Compact
     * today, and since when (core/signups.h) */
    int council_signed;
    date_t council_signed_on;
};

/* local may be NULL (not known). */
void view_authority_page(struct buf *b, const struct authority *a,
                         const struct authority_local *local, const struct viewer *viewer);

#endif
