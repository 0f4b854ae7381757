/* What the Compact's page (page_compacts.c) takes from its coordinators' handlers. */
#ifndef HTTP_PAGE_COORDINATORS_H
#define HTTP_PAGE_COORDINATORS_H

#include "request.h"
#include "view/page_coordinators.h"

/* The Coordinators section of Compact e's page for the person asking, into *out from the
 * arena; NULL for those who may not see who coordinates (app/policy.h). */
int page_coordinators_of(struct request *r, const struct compact_entry *e,
                         const struct coordinators_view **out);
/* The success banner's heading after a change of coordinators (?done=), for those who may
 * make one; else NULL. */
const char *page_coordinators_notice(struct request *r);

#endif
