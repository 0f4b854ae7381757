/* Local Compacts: the agreements the register keeps (SPEC section 3). */
#ifndef CORE_COMPACT_H
#define CORE_COMPACT_H

#include <stddef.h>

#include "base/date.h"

enum compact_status {
    COMPACT_IN_DEVELOPMENT,
    COMPACT_ACTIVE,
    COMPACT_INACTIVE,
    COMPACT_STATUS_COUNT
};

/* "in_development", "active", "inactive"; and "In development", ... for people. */
const char *compact_status_id(enum compact_status s);
const char *compact_status_label(enum compact_status s);
int compact_status_parse(const char *s, enum compact_status *out);

#define COMPACT_NAME_MAX        200
#define COMPACT_AUTHORITIES_MAX 64
#define COMPACT_REVIEW_YEARS    6 /* a review is due at most this long after adoption or refresh */

/* What creating a Compact takes; strings borrowed. */
struct compact_new {
    const char *name;
    const char *authorities[COMPACT_AUTHORITIES_MAX]; /* GSS codes, current or former */
    size_t nauthorities;
    enum compact_status status;
    const char *status_date; /* "YYYY-MM-DD" */
};

/* One entry of a status history: the status took effect on date. */
struct status_change {
    date_t date;
    enum compact_status status;
};

/*
 * The status on day d of a Compact whose history (ascending by date) is s[0..n): that of the
 * latest change on or before d. -1 when d is before the first change (not yet in the register).
 */
int compact_status_on(const struct status_change *s, size_t n, date_t d);

/*
 * When the next review is due: the date set (due, or 0 for none) or else six years after the
 * later of adopted and refreshed (0 where unknown). 0 when none of the three is known.
 */
date_t compact_review_due(date_t adopted, date_t refreshed, date_t due);
/* Whether a review set for due is the latest allowed: no later than six years after the later
 * of adopted and refreshed (any date when neither is known). */
int compact_review_due_allowed(date_t adopted, date_t refreshed, date_t due);

/* A key contact. Strings borrowed; role, email and phone may be NULL. */
struct compact_contact {
    const char *name, *role, *email, *phone;
};

/* A local code of practice. summary and url may be NULL. */
struct compact_code {
    long long id;
    const char *title, *summary, *url;
};

/* A signatory: an organisation that signed on a date, by a named role; withdrawn 0 while in. */
struct signatory {
    long long id, compact_id;
    const char *compact_name;
    const char *org_ref; /* the organisation's org-id, or its number as text */
    const char *org_name;
    const char *role;
    date_t signed_on, withdrawn_on;
};

#endif
