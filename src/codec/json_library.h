/* The library as JSON: case studies and resources out (the API, the audit trail's snapshots),
 * and what a person gives for one in (a JSON body), the field at fault named. */
#ifndef CODEC_JSON_LIBRARY_H
#define CODEC_JSON_LIBRARY_H

#include <stddef.h>

#include "core/library.h"
#include "base/arena.h"
#include "base/buf.h"

/* What to put in besides the item's own fields. */
enum json_library_flags {
    JSON_LIBRARY_AUDIT = 1 << 0, /* who wrote it (created_by): the audit trail's snapshot */
};

/*
 * {"id", "title", "summary", "outcome", "year", "themes" [ids], "areas" [GSS codes],
 * "organisations" [one each], "compact_id", "compact_name", "source_citation", "source_url",
 * "status", "created_at", "updated_at", "published_at", "url" (its page)}
 */
void json_case_study(struct buf *b, const struct case_study *cs, unsigned flags);
/* A page of a list: {"total", "items", "next"} (next null when NULL: the last page). */
void json_case_study_list(struct buf *b, size_t total, const struct case_study *items, size_t n,
                          const char *next);
/*
 * {"id", "title", "kind", "summary", "date", "url", "compact_id", "compact_name", "status",
 * "document" ({"file_name", "sha256", "size", "url"} or null), "created_at", "updated_at",
 * "published_at", "page"}
 */
void json_resource(struct buf *b, const struct resource *r, unsigned flags);
void json_resource_list(struct buf *b, size_t total, const struct resource *items, size_t n,
                        const char *next);

/*
 * Read a JSON body's fields over d (as it stands: empty for a new one, the item as it is for a
 * change): a string sets a field, null clears it, a list (themes, areas, organisations) is
 * joined, a number (year, compact_id) is written as text. Any other field, or another kind of
 * value, is ERR_INVALID with *field naming it and *why a sentence. Strings from arena.
 */
int json_case_study_draft(const char *text, size_t len, struct arena *arena,
                          struct case_study_draft *d, const char **field, const char **why);
int json_resource_draft(const char *text, size_t len, struct arena *arena, struct resource_draft *d,
                        const char **field, const char **why);

/* One case study of the shipped library (data/library/case_studies.json). */
struct library_seed {
    const char *key;
    struct case_study_draft draft;
};
/*
 * Read the shipped case studies {"source": {"citation"}, "case_studies": [{"key", "title",
 * "area" [GSS], "year" (or null), "themes" [ids], "organisations" [names], "summary",
 * "outcome"}]} into items[0..*n) from arena, each citing the source. ERR_INVALID with *why.
 */
int json_library_seed(const char *text, size_t len, struct arena *arena,
                      struct library_seed **items, size_t *n, const char **why);

#endif
