/* Local Compacts: the agreements the register keeps (SPEC section 3). */
#ifndef CORE_COMPACT_H
#define CORE_COMPACT_H

#include <stddef.h>

#include "core/authority.h"
#include "core/rules.h"
#include "base/arena.h"
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

#define COMPACT_CONTACTS_MAX     16
#define COMPACT_CODES_MAX        32
#define COMPACT_COORDINATORS_MAX 16
#define COMPACT_URL_MAX          500

/* A key contact. Strings borrowed; role, email and phone may be NULL. */
struct compact_contact {
    const char *name, *role, *email, *phone;
};

/* A local code of practice. summary and url may be NULL. */
struct compact_code {
    long long id;
    const char *title, *summary, *url;
};

/* What creating a Compact takes; strings borrowed. The fields after status_date are optional
 * (0 or NULL: not given). */
struct compact_new {
    const char *name;
    const char *authorities[COMPACT_AUTHORITIES_MAX]; /* GSS codes, current or former */
    size_t nauthorities;
    enum compact_status status;
    const char *status_date; /* "YYYY-MM-DD" */
    date_t adopted, refreshed, review_due;
    const char *document_url;
    struct compact_contact contacts[COMPACT_CONTACTS_MAX];
    size_t ncontacts;
    int demo;                 /* fictional demo data */
    long long coordinator_id; /* a coordinator who creates it coordinates it; 0 for none */
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

/* A signatory: an organisation that signed on a date, by a named role; withdrawn 0 while in. */
struct signatory {
    long long id, compact_id;
    const char *compact_name;
    const char *org_ref; /* the organisation's org-id, or its number as text */
    const char *org_name;
    const char *role;
    date_t signed_on, withdrawn_on;
};

/* An authority a Compact names, or a district it covers through its county. */
struct compact_area {
    const char *gss, *name;
    enum authority_type type;
    const char *region;
};

/*
 * The whole register entry of a local Compact. Strings and arrays borrowed from whoever filled
 * it (the store fills it from an arena). Dates are 0 where unknown.
 */
struct compact_entry {
    long long id;
    const char *name;
    const struct compact_area *authorities; /* those it names, by name */
    size_t nauthorities;
    const struct compact_area *districts; /* the districts of the counties it names */
    size_t ndistricts;
    const struct status_change *statuses; /* ascending by date */
    size_t nstatuses;
    date_t adopted, refreshed;
    date_t review_set; /* the review date set, or 0: six years after adoption or refresh */
    const char *document_url;
    const struct compact_contact *contacts;
    size_t ncontacts;
    const struct compact_code *codes;
    size_t ncodes;
    const char *const *coordinators; /* their email addresses */
    size_t ncoordinators;
    struct param_set params; /* local parameters (SPEC section 5) */
    int demo;
    const char *created_at;
};

/* What the entry is on day today: its status (-1 before the first) and since when, the review
 * due (0 unknown) and whether it is overdue. */
struct compact_state {
    int status;
    date_t since;
    date_t review_due;
    int review_overdue;
};
void compact_state_on(const struct compact_entry *c, date_t today, struct compact_state *out);

/* Whether a review due on due is overdue on today for a Compact whose status is status (-1 for
 * none): it is past, and the Compact is not inactive (an inactive one is no longer reviewed). */
int compact_review_overdue(date_t due, date_t today, int status);

/* Whether s is an http or https URL of at most COMPACT_URL_MAX bytes with a host and no spaces
 * or control characters. */
int compact_url_is_valid(const char *s);

/*
 * Check one contact or code of practice; at names it for *field ("contacts.2" gives
 * "contacts.2.email"). 0, or ERR_INVALID with *field (from arena) and *why.
 */
int compact_contact_check(const struct compact_contact *k, const char *at, struct arena *arena,
                          const char **field, const char **why);
int compact_code_check(const struct compact_code *c, const char *at, struct arena *arena,
                       const char **field, const char **why);

/*
 * Check what a Compact's details would be: its name (1 to COMPACT_NAME_MAX bytes), its dates
 * (the review no later than allowed), its document URL, its contacts (a name each, an email
 * that is valid where given) and its codes of practice (a title, a valid URL where given).
 * 0, or ERR_INVALID with *field naming the field ("review_due", "contacts.2.email", ...) and
 * *why a sentence. Fields are named as the API names them, contacts and codes from 0.
 */
int compact_details_check(const char *name, date_t adopted, date_t refreshed, date_t review_due,
                          const char *document_url, const struct compact_contact *contacts,
                          size_t ncontacts, const struct compact_code *codes, size_t ncodes,
                          struct arena *arena, const char **field, const char **why);

/*
 * Check a Compact's own parameters (SPEC section 5): each from 0 to PARAM_VALUE_MAX, and none
 * below its national floor (param_floor: notice_months at least 3). A value weaker than the
 * national default is allowed; the findings that use it say so. 0, or ERR_INVALID with *field
 * the parameter's name ("notice_months") and *why a clause to follow it ("must be 3 or more:
 * ..."), both static.
 */
int compact_params_check(const struct param_set *ps, const char **field, const char **why);

/* A Compact as a list shows it: its state on a day and the authorities it names. */
struct compact_summary {
    long long id;
    const char *name;
    int status; /* enum compact_status on the day, -1 before its first */
    date_t since, review_due;
    int review_overdue;
    int demo;
    const char *authorities; /* their names, "; " between */
};

enum compact_patch_flags {
    PATCH_NAME = 1 << 0,
    PATCH_AUTHORITIES = 1 << 1,
    PATCH_ADOPTED = 1 << 2,
    PATCH_REFRESHED = 1 << 3,
    PATCH_REVIEW_DUE = 1 << 4,
    PATCH_DOCUMENT_URL = 1 << 5,
    PATCH_CONTACTS = 1 << 6,
    PATCH_CODES = 1 << 7,
    PATCH_COORDINATORS = 1 << 8,
};

/*
 * A change to a Compact: only the fields whose flag is set change. A date 0 or a NULL URL
 * clears it; contacts replace all of them; codes are added (codes_add), replaced (codes_replace,
 * by id) and removed (codes_remove, ids); coordinators (emails) replace all of them.
 */
struct compact_patch {
    unsigned fields; /* enum compact_patch_flags */
    const char *name;
    const char *authorities[COMPACT_AUTHORITIES_MAX];
    size_t nauthorities;
    date_t adopted, refreshed, review_due;
    const char *document_url;
    struct compact_contact contacts[COMPACT_CONTACTS_MAX];
    size_t ncontacts;
    struct compact_code codes_add[COMPACT_CODES_MAX], codes_replace[COMPACT_CODES_MAX];
    size_t ncodes_add, ncodes_replace;
    long long codes_remove[COMPACT_CODES_MAX];
    size_t ncodes_remove;
    const char *coordinators[COMPACT_COORDINATORS_MAX];
    size_t ncoordinators;
};

/* Whether a new status may take effect on date after the history s[0..n): only after the last
 * change. 0, or ERR_INVALID. */
int compact_status_check(const struct status_change *s, size_t n, date_t date);

#endif
