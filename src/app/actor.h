/* The actor of a write: who the audit trail says made a change. */
#ifndef APP_ACTOR_H
#define APP_ACTOR_H

#include "core/account.h"

/* Room for "user:" and any long long. */
#define ACTOR_MAX 32

/*
 * The actor name of user u into out: "user:ID" for a person signed in, "cli" for the command line
 * (u NULL). Returns out.
 */
const char *actor_name(const struct user *u, char out[ACTOR_MAX]);

#endif
