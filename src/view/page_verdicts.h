/* What each result of a check means, and what the Compact asks. */
#ifndef VIEW_PAGE_VERDICTS_H
#define VIEW_PAGE_VERDICTS_H

#include "layout.h"

/* GET /checks/verdicts: each verdict, worst first, with its name on pages, its code in the
 * API, what it means and what to do. */
void view_verdicts_page(struct buf *b, const struct viewer *viewer);

#endif
