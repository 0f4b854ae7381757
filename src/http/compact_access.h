/* Who may change a Compact: admins any, coordinators those they coordinate. */
#ifndef HTTP_COMPACT_ACCESS_H
#define HTTP_COMPACT_ACCESS_H

#include "request.h"

/* The Compact id in the route's first parameter: 0 and *id, or ERR_NOT_FOUND when it is not a
 * positive whole number. */
int compact_param(struct request *r, long long *id);

/*
 * Whether the person asking may change Compact id: 0 if so, ERR_FORBIDDEN if not (a coordinator
 * who does not coordinate it, a member), or an error from the store. Says nothing about whether
 * the Compact exists; check that first so that a missing one is a 404.
 */
int compact_may_edit(struct request *r, long long id);

#endif
