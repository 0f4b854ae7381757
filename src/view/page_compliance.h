/* A Compact's compliance page: the activities recorded against it with links, the steps still to
 * take, then findings by commitment, organisation and month; or what to do when there are none. */
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
    const struct activity_summary *activities; /* the latest first */
    size_t nactivities;
    /* the number and wording of the commitment each rule tests, as the catalogue keeps them
     * (store_rule_numbers), by enum rule; NULL (or a NULL entry): the default catalogue's */
    const char *const *numbers;
    const char *const *paraphrases;
};

void view_compliance_page(struct buf *b, const struct compliance_view *v,
                          const struct viewer *viewer);

#endif
