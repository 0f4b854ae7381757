/* The commitments of the Compact: all sections, one section, one commitment. */
#ifndef VIEW_PAGE_COMMITMENTS_H
#define VIEW_PAGE_COMMITMENTS_H

#include "layout.h"
#include "core/commitments.h"

/* Every section with its commitments (rows sorted by section). */
void view_commitments_page(struct buf *b, const struct commitment_row *rows, size_t n,
                           const struct viewer *viewer);
/* One section: rows are that section's commitments (n may be 0). */
void view_commitment_section_page(struct buf *b, int section, const char *title,
                                  const struct commitment_row *rows, size_t n,
                                  const struct viewer *viewer);
/* One commitment. */
void view_commitment_page(struct buf *b, const struct commitment_row *c,
                          const struct viewer *viewer);

#endif
