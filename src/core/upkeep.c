/* What a Compact's coordinator still has to do. */
#include "upkeep.h"

#include "base/banned.h"

unsigned compact_upkeep(const struct compact_entry *e, const struct compact_state *s,
                        size_t signatories, size_t pending)
{
    unsigned steps = pending ? UPKEEP_FINDINGS_PENDING : 0;
    int any_param = 0;

    if (s->status == COMPACT_INACTIVE) {
        return steps;
    }
    for (int p = 0; p < PARAM_COUNT; p++) {
        any_param |= e->params.set[p];
    }
    steps |= s->review_overdue ? UPKEEP_REVIEW_OVERDUE : 0;
    steps |= s->review_due ? 0 : UPKEEP_REVIEW_UNKNOWN;
    steps |= signatories ? 0 : UPKEEP_NO_SIGNATORIES;
    steps |= any_param ? 0 : UPKEEP_NO_PARAMETERS;
    steps |= e->ncontacts ? 0 : UPKEEP_NO_CONTACTS;
    steps |= e->document_url ? 0 : UPKEEP_NO_DOCUMENT;
    return steps;
}
