/* JSON in: request bodies decoded into core structs, with the offending field named. */
#ifndef CODEC_JSON_IN_H
#define CODEC_JSON_IN_H

#include <stddef.h>

#include "core/compact.h"
#include "base/arena.h"

/*
 * Decode {"name", "authorities": [gss...], "status", "status_date", "adopted"?, "refreshed"?,
 * "review_due"?, "document_url"?, "contacts"?: [{"name", "role", "email", "phone"}]} into out
 * (strings from arena), checked by compact_details_check. ERR_INVALID with *field the JSON
 * field at fault ("body", "authorities.2", "contacts.0.email", ...) and *why a sentence.
 */
int json_compact_new(const char *text, size_t len, struct arena *arena, struct compact_new *out,
                     const char **field, const char **why);

/*
 * Decode a correction of a commitment: {"number"?, "paraphrase"?, "verified"?}. Absent fields
 * keep their values (*number and *paraphrase NULL, *verified -1). A number must be of the form
 * SECTION.N with SECTION the commitment's own section.
 */
int json_commitment_patch(const char *text, size_t len, int section, struct arena *arena,
                          const char **number, const char **paraphrase, int *verified,
                          const char **field, const char **why);

/*
 * Decode a change to a Compact (PATCH): any of name, authorities, adopted, refreshed,
 * review_due, document_url (dates and URL null to clear), contacts (all of them), codes
 * ({"add": [{"title", "summary", "url"}], "replace": [{"id", ...}], "remove": [id]}) and, for
 * an admin only, coordinators (emails). Any other field is ERR_INVALID naming it.
 */
int json_compact_patch(const char *text, size_t len, int admin, struct arena *arena,
                       struct compact_patch *out, const char **field, const char **why);

/* Decode {"status", "date"}: a new entry of a status history. */
int json_status_change(const char *text, size_t len, struct arena *arena, struct status_change *out,
                       const char **field, const char **why);

#include "core/organisation.h"
/*
 * Decode an organisation's fields {"org_id", "name", "type", "sector", "website"} into out
 * (strings from arena, given bits set for those present): each a string, or null (none, or
 * for sector: follow the type). Any other field, or another kind of value, is ERR_INVALID
 * naming it in *field, with *why a sentence. Whether the values make an organisation is for
 * organisation_from_draft to say.
 */
int json_organisation_draft(const char *text, size_t len, struct arena *arena,
                            struct organisation_draft *out, const char **field, const char **why);

#endif
