/* Signatories of a local Compact (SPEC section 3): what makes one well formed. */
#ifndef CORE_SIGNATORY_H
#define CORE_SIGNATORY_H

#include "compact.h"

#define SIGNATORY_ROLE_MAX 200 /* characters, as the schema counts them */

/* Whether role names who signed: 1 to 200 characters, not all spaces, no control characters. */
int signatory_role_valid(const char *role);

/*
 * Whether a signatory may be recorded: role valid and withdrawn_on (0 while still in) after
 * signed_on. 0, or ERR_INVALID with *field "role" or "withdrawn_on".
 */
int signatory_check(const char *role, date_t signed_on, date_t withdrawn_on, const char **field);

#endif
