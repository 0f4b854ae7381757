/*
 * The library for the person asking (HTTP and the command line share it): lists with the drafts
 * they may see, one case study or resource as policy_library_see allows (else not found), and
 * writing, changing and publishing as app/policy.c says.
 */
#ifndef APP_LIBRARY_H
#define APP_LIBRARY_H

#include <stddef.h>

#include "core/account.h"
#include "core/library.h"
#include "store/store_library.h"
#include "base/arena.h"

/* A list's filters as given (each NULL or "" for any): kind (case_study or a resource's kind),
 * theme, region (its id or name) and year, into f. Each bad one adds a field_error naming it to
 * errs (room for 4); returns how many. */
size_t library_filter_read(const char *kind, const char *theme, const char *region,
                           const char *year, struct library_filter *f, struct field_error errs[4]);
/* The page f asks for (its limit and offset: limit 0 for all) of item's list as u may see it
 * (f's scope set here for u), into items (a struct case_study ** or a struct resource **, as
 * item says) and *n, and how many there are in all into *total (total NULL: not counted).
 * Strings from arena. */
int library_list(struct store *st, const struct user *u, enum library_item item,
                 struct library_filter *f, struct arena *arena, void *items, size_t *n,
                 size_t *total);

/* Case study or resource id, if u may see it: else ERR_NOT_FOUND. */
int library_case_study_read(struct store *st, const struct user *u, long long id,
                            struct arena *arena, struct case_study *out);
int library_resource_read(struct store *st, const struct user *u, long long id, struct arena *arena,
                          struct resource *out);

/*
 * Write d as a new draft (id 0; *made its number) or over id, as u (actor). Returns 0;
 * ERR_INVALID with problems[0..*n) naming the fields (at most LIBRARY_PROBLEMS_MAX);
 * ERR_FORBIDDEN (*why the rule); ERR_NOT_FOUND (id is not there or u may not see it); or a
 * store error. Nothing is written unless it returns 0.
 */
int library_case_study_put(struct store *st, const struct user *u, const char *actor, long long id,
                           const struct case_study_draft *d, struct arena *arena, long long *made,
                           struct field_error *problems, size_t *n, const char **why);
/* The same for a resource, with its PDF when file is not NULL (checked here: a PDF by its first
 * bytes, at most LIBRARY_FILE_MAX; else ERR_INVALID naming "document"). */
int library_resource_put(struct store *st, const struct user *u, const char *actor, long long id,
                         const struct resource_draft *d, const struct library_file *file,
                         struct arena *arena, long long *made, struct field_error *problems,
                         size_t *n, const char **why);
/* Publish item id: ERR_FORBIDDEN for all but admins, ERR_NOT_FOUND, ERR_CONFLICT (published). */
int library_publish(struct store *st, const struct user *u, const char *actor,
                    enum library_item item, long long id);

/* What is wrong with an uploaded file, in a sentence, or NULL when it may be kept. */
const char *library_file_problem(const struct library_file *file);

#endif
