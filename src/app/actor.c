/* The actor of a write. */
#include "actor.h"

#include <stdio.h>

#include "base/banned.h"

const char *actor_name(const struct user *u, char out[ACTOR_MAX])
{
    int n;

    if (!u) {
        n = snprintf(out, ACTOR_MAX, "cli");
    } else {
        n = snprintf(out, ACTOR_MAX, "user:%lld", u->id);
    }
    if (n < 0 || n >= ACTOR_MAX) {
        out[0] = '\0';
    }
    return out;
}
