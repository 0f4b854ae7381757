/*
 * The library's store: case studies and resources (migration 0012), each written through ONE
 * function per kind, case_study_write and resource_write in store_library.c, inside the
 * transaction of the public function that calls it (save, publish, the first load): an index
 * kept beside them (the search) is updated there, in the same transaction.
 */
#ifndef STORE_STORE_LIBRARY_H
#define STORE_STORE_LIBRARY_H

#include <stddef.h>

#include "store.h"
#include "core/library.h"
#include "base/arena.h"

/* What a library list asks for. -1 (0 for year) is "any". */
struct library_filter {
    int kind;   /* enum library_kind_filter, or an enum resource_kind */
    int theme;  /* enum library_theme: case studies of it (resources have none) */
    int region; /* index of region_name: case studies of an area in it, resources of a Compact
                 * covering an authority in it */
    int year;   /* a case study's year, a resource's date's */
    /* which drafts the reader sees besides the published (policy_library_scope): every one, or
     * those written by author (an actor, or NULL) or of a Compact coordinator coordinates (0) */
    int all_drafts;
    const char *author;
    long long coordinator;
};

/* Every case study and resource f asks for, case studies newest year first then by title,
 * resources newest first; a case study's themes and areas filled. Strings from arena. */
int store_case_study_list(struct store *st, const struct library_filter *f, struct arena *arena,
                          struct case_study **items, size_t *n);
int store_resource_list(struct store *st, const struct library_filter *f, struct arena *arena,
                        struct resource **items, size_t *n);

/* One by its number, whatever its status (the caller asks policy_library_see): ERR_NOT_FOUND. */
int store_case_study_get(struct store *st, long long id, struct arena *arena,
                         struct case_study *out);
int store_resource_get(struct store *st, long long id, struct arena *arena, struct resource *out);

/*
 * Write cs (checked by case_study_from_draft) as a new draft (cs->id 0: *id set to its number)
 * or over case study cs->id (its status, author and times kept), its themes and areas with it,
 * and an audit entry by actor, in one transaction. ERR_INVALID with *field "compact" or "areas"
 * and *why a sentence when its Compact or an area is not in the register; ERR_NOT_FOUND.
 */
int store_case_study_save(struct store *st, const struct case_study *cs, const char *actor,
                          long long *id, const char **field, const char **why);
/* A document to keep with a resource: the bytes are borrowed. */
struct library_file {
    const char *name; /* made safe by library_file_name */
    const void *data;
    size_t len;
};
/* The same for a resource, with its uploaded PDF when file is not NULL (replacing any). */
int store_resource_save(struct store *st, const struct resource *r, const struct library_file *file,
                        const char *actor, long long *id, const char **field, const char **why);
/* Publish case study or resource id (its status, published_at), audited: ERR_NOT_FOUND, or
 * ERR_CONFLICT when it is published already. */
int store_case_study_publish(struct store *st, long long id, const char *actor);
int store_resource_publish(struct store *st, long long id, const char *actor);

/* Resource id's PDF: its bytes (len) and name, from arena. ERR_NOT_FOUND when it has none. */
int store_resource_document(struct store *st, long long id, struct arena *arena, const void **data,
                            size_t *len, const char **name);

/* Whether organisation org_id (an org-id) signed Compact compact_id and had not withdrawn on
 * day: 0, or ERR_NOT_FOUND. */
int store_library_org_signs(struct store *st, long long compact_id, const char *org_id, date_t day);

/*
 * The first load of the shipped library: cs (or r) as a published item by actor, once for
 * key. 0 with *loaded 1 when written now, 0 when key was loaded before (whatever became of
 * it since); else as store_case_study_save.
 */
int store_case_study_load(struct store *st, const char *key, const struct case_study *cs,
                          const char *actor, int *loaded, const char **field, const char **why);
int store_resource_load(struct store *st, const char *key, const struct resource *r,
                        const char *actor, int *loaded, const char **field, const char **why);

#endif
