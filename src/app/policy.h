/*
 * Who may see or change what: every decision about a person and an object, in one place. The
 * route table (http/router.c) is the first gate, who may reach a URL at all; these functions
 * decide for the object in hand. Each takes the person acting (u; role ROLE_PUBLIC for nobody
 * signed in, NULL for the command line, which holds the database and may do everything) and
 * answers 0 when they may, ERR_FORBIDDEN when they may not, or an error from the store. None says
 * whether the object exists: look it up first, so that a missing one is ERR_NOT_FOUND. Callers
 * map the answer to a status through the one err-to-status table.
 */
#ifndef APP_POLICY_H
#define APP_POLICY_H

#include "core/account.h"
#include "store/store.h"

/* Adding a Compact: admins and coordinators. */
int policy_compact_create(const struct user *u);
/* The coordinator a Compact added by u is given: u when a coordinator, else 0 (none). */
long long policy_compact_coordinator(const struct user *u);
/* Changing Compact compact_id (details, status, codes, parameters, signatories): admins any,
 * coordinators those they coordinate. */
int policy_compact_edit(struct store *st, const struct user *u, long long compact_id);
/* Setting what only the national body sets in a Compact's entry (its coordinators): admins. */
int policy_compact_admin_fields(const struct user *u);
/* Seeing the sign-in email addresses of a Compact's coordinators (in its entry, its history
 * and the audit trail): admins and coordinators. Everyone else sees them by name. */
int policy_compact_coordinators(const struct user *u);

/* Adding an organisation to the register or changing one: admins and coordinators. */
int policy_organisation_edit(const struct user *u);

/*
 * Recording or changing an activity of Compact compact_id (0: of any Compact, to offer the
 * choice), and for whom: 0 with *org the organisation the activity must be for (a member's own)
 * or NULL when u may name any; ERR_FORBIDDEN for nobody signed in. Today every person signed in
 * may, members for their own organisation only.
 */
int policy_activity_write(struct store *st, const struct user *u, long long compact_id,
                          const char **org);

/* Reading the history (audit trail) of entity of kind: the kinds every person signed in may
 * read, a person their own account's, an admin everything. */
int policy_audit_read(const struct user *u, const char *kind, const char *entity);

#endif
