/*
 * The library's store: case studies and resources (migration 0012). Listing, counting, saving,
 * publishing and the first load are ONE function each, taking which of the two (enum
 * library_item); each writes through ONE function per kind, case_study_write and resource_write
 * in store_library.c, inside the transaction of the public function that calls it: an index
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
    /* a page: at most limit items (0: all of them) after the first offset */
    size_t limit, offset;
};

/* Which of the library's two an item is. A function taking one takes, for items, a struct
 * case_study or a struct resource as it says (for a list, the address of a pointer to one). */
enum library_item { LIBRARY_ITEM_CASE_STUDY, LIBRARY_ITEM_RESOURCE };

/* How many items of item f asks for (its limit and offset aside). */
int store_library_count(struct store *st, enum library_item item, const struct library_filter *f,
                        size_t *total);
/* The page f asks for of them, case studies newest year first then by title, resources newest
 * first; a case study's themes and areas filled. items: a struct case_study ** or a struct
 * resource **, as item says. Strings from arena. */
int store_library_list(struct store *st, enum library_item item, const struct library_filter *f,
                       struct arena *arena, void *items, size_t *n);

/* One by its number, whatever its status (the caller asks policy_library_see): ERR_NOT_FOUND. */
int store_case_study_get(struct store *st, long long id, struct arena *arena,
                         struct case_study *out);
int store_resource_get(struct store *st, long long id, struct arena *arena, struct resource *out);

/* A document to keep with a resource: the bytes are borrowed. */
struct library_file {
    const char *name; /* made safe by library_file_name */
    const void *data;
    size_t len;
};
/*
 * Write it (a case study checked by case_study_from_draft, or a resource by resource_from_draft)
 * as a new draft (its id 0: *id set to its number) or over the one of its id (its status,
 * author and times kept), a case study's themes and areas with it, a resource's uploaded PDF
 * when file is not NULL (replacing any; NULL for a case study), and an audit entry by actor, in
 * one transaction. ERR_INVALID with *field "compact" or "areas" and *why a sentence when its
 * Compact or an area is not in the register; ERR_NOT_FOUND.
 */
int store_library_save(struct store *st, enum library_item item, const void *it,
                       const struct library_file *file, const char *actor, long long *id,
                       const char **field, const char **why);
/* Publish item id (its status, published_at), audited: ERR_NOT_FOUND, or ERR_CONFLICT when it
 * is published already. */
int store_library_publish(struct store *st, enum library_item item, long long id,
                          const char *actor);

/* Resource id's PDF: its bytes (len) and name, from arena. ERR_NOT_FOUND when it has none. */
int store_resource_document(struct store *st, long long id, struct arena *arena, const void **data,
                            size_t *len, const char **name);

/* Whether organisation org_id (an org-id) signed Compact compact_id and had not withdrawn on
 * day: 0, or ERR_NOT_FOUND. */
int store_library_org_signs(struct store *st, long long compact_id, const char *org_id, date_t day);

/*
 * The first load of the shipped library: it as a published item by actor, once for key. 0
 * with *loaded 1 when written now, 0 when key was loaded before (whatever became of it since);
 * else as store_library_save.
 */
int store_library_load(struct store *st, enum library_item item, const char *key, const void *it,
                       const char *actor, int *loaded, const char **field, const char **why);

#endif
