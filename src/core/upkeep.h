/*
 * What a Compact's coordinator still has to do, as its entry and records show: the steps a
 * coordinator's home page lists for each Compact they keep. Pure: the caller counts the
 * signatories and the pending findings.
 */
#ifndef CORE_UPKEEP_H
#define CORE_UPKEEP_H

#include <stddef.h>

#include "core/compact.h"

/* Each step, in the order a page lists them (the most pressing first). */
enum upkeep_step {
    UPKEEP_REVIEW_OVERDUE = 1 << 0,   /* its review date has passed */
    UPKEEP_REVIEW_UNKNOWN = 1 << 1,   /* no date adopted, refreshed or set: no review date */
    UPKEEP_NO_SIGNATORIES = 1 << 2,   /* no organisation signs it now */
    UPKEEP_FINDINGS_PENDING = 1 << 3, /* recorded activities have steps still to take */
    UPKEEP_NO_PARAMETERS = 1 << 4,    /* no local parameter set: national defaults, no tender
                                         period checked */
    UPKEEP_NO_CONTACTS = 1 << 5,      /* no key contact */
    UPKEEP_NO_DOCUMENT = 1 << 6,      /* no link to its document */
};
#define UPKEEP_STEPS 7

/*
 * The steps (enum upkeep_step bits) Compact e still needs on the day s was worked out for
 * (compact_state_on), given how many organisations sign it now and how many findings of its
 * recorded activities are pending. An inactive Compact is no longer kept: only its pending
 * findings remain.
 */
unsigned compact_upkeep(const struct compact_entry *e, const struct compact_state *s,
                        size_t signatories, size_t pending);

#endif
