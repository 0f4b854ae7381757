/* JSON out: authorities and RFC 9457 problem details, written through cJSON. */
#ifndef CODEC_JSON_H
#define CODEC_JSON_H

#include <stddef.h>

#include "base/buf.h"
#include "core/account.h"
#include "core/audit.h"
#include "core/commitments.h"
#include "core/rules.h"
#include "core/authority.h"
#include "core/compact.h"

/* {"gss", "name", "official_name", "type", "code", "county_gss", "region", ...} */
void json_authority(struct buf *b, const struct authority *a);
/* json_authority's bytes, written straight into b: an item of the API's list (between
 * json_w_list_start and json_w_list_end, no tree per row). */
void json_authority_item(struct buf *b, const struct authority *a);
/*
 * An RFC 9457 problem: {"type", "title", "status", "detail"[, "param"]}. type is a URI
 * reference (e.g. "about:blank"); detail and param may be NULL.
 */
void json_problem(struct buf *b, int status, const char *type, const char *title,
                  const char *detail, const char *param);

/* {"id", "email", "name", "role", "org_id"} */
void json_user(struct buf *b, const struct user *u);
/* [{"id", "at", "actor", "action", "kind", "entity", "before", "after"}], states as JSON. */
void json_audit_list(struct buf *b, const struct audit_entry *items, size_t n);
/* {"id": id} */
void json_id(struct buf *b, long long id);
/* {"id": id, "rechecked": count, "changed": changed} */
void json_recheck(struct buf *b, long long id, size_t count, size_t changed);

/* {"sections": [{"number", "title", "commitments": [{"id", "number", "party", "paraphrase",
 * "verified", "rules"}]}]} from rows sorted by section. */
void json_commitments(struct buf *b, const struct commitment_row *rows, size_t n);

/* A CSV table of stored findings with a header line. */
void csv_findings(struct buf *b, const struct finding_record *rows, size_t n);

/*
 * The whole entry of a Compact as judged on today: {"id", "name", "status" (today's, or null),
 * "status_since", "statuses", "authorities", "districts_through_county", "adopted",
 * "refreshed", "review_due", "review_due_set", "review_overdue", "document_url", "contacts",
 * "codes", "coordinators", "parameters" ({name: {"value", "source"}}), "demo", "created_at"}.
 */
void json_compact(struct buf *b, const struct compact_entry *e, date_t today);
/* {"total", "items": [{"id", "name", "status", "status_since", "review_due", "review_overdue",
 * "authorities", "demo"}], "next": cursor or null} */
void json_compact_list(struct buf *b, size_t total, const struct compact_summary *items, size_t n,
                       const char *next);

/* The same Compacts as a CSV table with a header line: id, name, status, status_since,
 * review_due, review_overdue, authorities, demo (dates ISO, none empty; true or false). */
void csv_compact_list(struct buf *b, const struct compact_summary *items, size_t n);

/* A CSV table of authorities with a header line. */
void csv_authority_list(struct buf *b, const struct authority *items, size_t n);

/* Organisations. */
#include "core/organisation.h"
/* {"id", "ref", "org_id", "name", "sector", "type", "gss", "website", "verified", "created_at",
 * "updated_at"}: ref is how URLs name it (its org-id, else its number as text). */
void json_organisation(struct buf *b, const struct organisation *o);
/* {"total": total, "items": [...], "next": next or null} */
void json_organisation_list(struct buf *b, size_t total, const struct organisation *items, size_t n,
                            const char *next);
/* {"id": ref}: a new organisation's reference, as text. */
void json_ref(struct buf *b, const char *ref);
/* A CSV table of organisations with a header line. */
void csv_organisation_list(struct buf *b, const struct organisation *items, size_t n);

#endif
