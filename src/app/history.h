/*
 * An entity's history for a person to read: each entry of the audit trail as when, who (by name
 * and role) and what, with the fields that changed and their values before and after in words:
 * dates as GOV.UK writes them ("15 January 2027"), authorities by name, statuses as "Active from
 * 1 April 2010", parameters one by one. Shared by the history page and the audit API.
 *
 * Sign-in email addresses (a Compact's coordinators, the person who made a change) are shown only
 * to those policy_compact_coordinators allows; everyone else sees the person's name and role.
 * Whether the viewer may read the history at all is policy_audit_read's to say, first.
 */
#ifndef APP_HISTORY_H
#define APP_HISTORY_H

#include <stddef.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/history.h"
#include "store/store.h"
#include "base/arena.h"

/*
 * The history of entity of kind as viewer may see it, oldest first, into *items (n of them),
 * everything from arena. viewer NULL is the command line (sees everything). 0, or an error from
 * the store (*items NULL, *n 0).
 */
int history_read(struct store *st, const struct user *viewer, const char *kind, const char *entity,
                 struct arena *arena, struct history_entry **items, size_t *n);

/*
 * The trail's entries items[0..n) as viewer may see them, for the audit API: when viewer may not
 * see sign-in emails, a Compact's "coordinators" in before and after name the people instead
 * ("Jane Smith") and the entry's actor stays "user:ID". Rewrites before and after in place (new
 * text from arena). 0, or an error from the store.
 */
int history_mask(struct store *st, const struct user *viewer, struct audit_entry *items, size_t n,
                 struct arena *arena);

#endif
