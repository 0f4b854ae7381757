/*
 * Recorded activities as pages show them: where each one's own page is, its kind and result in
 * words, its organisation by name, and the table the home pages and the compliance page share.
 */
#ifndef VIEW_ACTIVITIES_H
#define VIEW_ACTIVITIES_H

#include <stddef.h>

#include "core/compliance.h"
#include "base/buf.h"

/* The path of the page of activity id of Compact compact_id, added to b: every link to an
 * activity is made here, so where it is shown changes in one place. */
void activity_href(struct buf *b, long long compact_id, long long id);

/* A link to activity a's page: its title then its kind and the day it was recorded ("End of
 * the advice grant (Funding change, 2 December 2026)"); without a title its kind and the day
 * ("Funding change, 2 December 2026"). The day shown, or, where the page shows it beside the
 * link (day_shown 0), for screen readers only. */
void view_activity_link(struct buf *b, const struct activity_summary *a, int day_shown);

/* "Funding change", "Consultation", "Funding award", "Procurement" for an activity_kind_id();
 * "Activity" for anything else. */
const char *activity_kind_name(const char *kind);

/* A verdict id ("breach") as a GOV.UK tag (view_verdict_tag: in a plan's words when planned,
 * "Would not keep"); nothing for an unknown id. */
void view_verdict_tag_id(struct buf *b, const char *verdict, int planned);

/* The organisation an activity or finding concerns: its name linked to its page when the
 * register has it (name not NULL), else the reference as recorded, else "No organisation
 * given". */
void view_activity_org(struct buf *b, const char *org_id, const char *name);

/* The day part of a stored time ("2026-12-02T10:00:00Z") as "2 December 2026". */
void view_recorded_on(struct buf *b, const char *recorded_at);

enum activity_columns {
    ACTIVITY_COL_COMPACT = 1 << 0, /* the Compact it was recorded against */
    ACTIVITY_COL_ORG = 1 << 1,     /* the organisation it concerns */
};

/* A table of the activities a[0..n) under caption: each one's kind linked to its page, with the
 * day it was recorded and its result, then the columns asked for (enum activity_columns; one
 * fits a phone's width). */
void view_activity_table(struct buf *b, const char *caption, const struct activity_summary *a,
                         size_t n, unsigned columns);

#endif
