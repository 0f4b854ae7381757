/* A Compact's compliance page: pending steps first, then findings by rule, organisation, month. */
#ifndef VIEW_PAGE_COMPLIANCE_H
#define VIEW_PAGE_COMPLIANCE_H

#include "layout.h"
#include "core/compliance.h"

struct compliance_view {
    long long compact_id;
    const char *compact_name;
    const struct finding_record *rows; /* pending first, as the store gives them */
    size_t n;
    const struct compliance *summary;
};

void view_compliance_page(struct buf *b, const struct compliance_view *v,
                          const struct viewer *viewer);

#endif
