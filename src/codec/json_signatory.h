/* Signatories in JSON: the API's request bodies decoded and its lists encoded. */
#ifndef CODEC_JSON_SIGNATORY_H
#define CODEC_JSON_SIGNATORY_H

#include <stddef.h>

#include "core/compact.h"
#include "base/arena.h"
#include "base/buf.h"

/*
 * Decode {"organisation", "signed_on", "role", "withdrawn_on"?} (withdrawn_on may be null) into
 * *organisation, *role (from arena) and the dates (withdrawn_on 0 when absent), checked with
 * signatory_check. ERR_INVALID with *field the field at fault (or "body") and *why a sentence.
 */
int json_signatory_new(const char *text, size_t len, struct arena *arena, const char **organisation,
                       const char **role, date_t *signed_on, date_t *withdrawn_on,
                       const char **field, const char **why);

/* Decode {"withdrawn_on"}; ERR_INVALID with *field (from arena) and *why as above. */
int json_signatory_withdrawal(const char *text, size_t len, struct arena *arena,
                              date_t *withdrawn_on, const char **field, const char **why);

/* {"total": n, "items": [{"id", "compact_id", "compact_name", "organisation",
 * "organisation_name", "role", "signed_on", "withdrawn_on" (or null), "current"}]} */
void json_signatory_list(struct buf *b, const struct signatory *items, size_t n);

#endif
