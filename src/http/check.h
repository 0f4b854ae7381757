/*
 * A compliance check from its JSON request to its JSON result (SPEC section 5): the one piece of
 * code behind POST /api/v1/checks and `compact check`. Stores nothing.
 */
#ifndef HTTP_CHECK_H
#define HTTP_CHECK_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "store/store.h"

/*
 * Evaluate the check request text[0..len) and append the result JSON to out. st (may be NULL
 * when the request names no Compact) gives a named Compact's parameters; today is the as_of when
 * the request has none. ERR_INVALID with *field and *why when the request is wrong; the caller
 * makes the problem reply.
 */
int check_evaluate(struct store *st, const char *text, size_t len, date_t today,
                   struct arena *arena, struct buf *out, const char **field, const char **why);

#endif
