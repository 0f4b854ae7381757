/* The library for the person asking. */
#include "library.h"

#include <string.h>

#include "core/search.h"

#include "actor.h"
#include "policy.h"
#include "base/err.h"
#include "base/banned.h"

size_t library_filter_read(const char *kind, const char *theme, const char *region,
                           const char *year, struct library_filter *f, struct field_error errs[4])
{
    size_t n = 0;

    memset(f, 0, sizeof(*f));
    f->kind = LIBRARY_ANY;
    if (kind && *kind) {
        enum resource_kind k;
        if (!strcmp(kind, "case_study")) {
            f->kind = LIBRARY_CASE_STUDIES;
        } else if (resource_kind_parse(kind, &k) == 0) {
            f->kind = (int)k;
        } else {
            errs[n++] =
                (struct field_error){"kind", "Kind must be case_study or a resource's kind"};
        }
    }
    n += search_facets_parse(theme, region, year, &f->theme, &f->region, &f->year, errs + n);
    return n;
}

int library_list(struct store *st, const struct user *u, enum library_item item,
                 struct library_filter *f, struct arena *arena, void *items, size_t *n,
                 size_t *total)
{
    char *author = arena_alloc(arena, ACTOR_MAX);
    int ret;

    policy_library_scope(u, author, &f->all_drafts, &f->author, &f->coordinator);
    if (total && (ret = store_library_count(st, item, f, total)) < 0) {
        return ret;
    }
    return store_library_list(st, item, f, arena, items, n);
}

/* A refusal to see is a not found; the rest as they are. */
static int as_seen(int ret)
{
    return ret == ERR_FORBIDDEN ? ERR_NOT_FOUND : ret;
}

int library_case_study_read(struct store *st, const struct user *u, long long id,
                            struct arena *arena, struct case_study *out)
{
    int ret = store_case_study_get(st, id, arena, out);

    return ret < 0
               ? ret
               : as_seen(policy_library_see(st, u, out->compact_id, out->status, out->created_by));
}

int library_resource_read(struct store *st, const struct user *u, long long id, struct arena *arena,
                          struct resource *out)
{
    int ret = store_resource_get(st, id, arena, out);

    return ret < 0
               ? ret
               : as_seen(policy_library_see(st, u, out->compact_id, out->status, out->created_by));
}

/* The store's refusal of a field as the one problem. */
static int store_problem(int ret, const char *field, const char *why, struct field_error *problems,
                         size_t *n)
{
    if (ret == ERR_INVALID && field) {
        problems[0] = (struct field_error){field, why};
        *n = 1;
    }
    return ret;
}

/* May u write what they give for Compact to, over the one as it was (id 0: a new one)? */
static int may_put(struct store *st, const struct user *u, long long id, long long compact_id,
                   enum library_status status, const char *author, long long to, const char **why)
{
    int ret = id ? policy_library_edit(st, u, compact_id, status, author, to)
                 : policy_library_write(st, u, to);

    if (ret == ERR_FORBIDDEN) {
        *why = id && to == compact_id ? policy_library_edit_rule : policy_library_write_rule;
    }
    return ret;
}

int library_case_study_put(struct store *st, const struct user *u, const char *actor, long long id,
                           const struct case_study_draft *d, struct arena *arena, long long *made,
                           struct field_error *problems, size_t *n, const char **why)
{
    struct case_study was, cs;
    const char *field = NULL, *swhy = NULL;
    int ret;

    *made = 0;
    *why = NULL;
    *n = 0;
    if (id && (ret = library_case_study_read(st, u, id, arena, &was)) < 0) {
        return ret;
    }
    if ((*n = case_study_from_draft(d, arena, &cs, problems)) > 0) {
        return ERR_INVALID;
    }
    if ((ret = may_put(st, u, id, id ? was.compact_id : 0, id ? was.status : LIBRARY_DRAFT,
                       id ? was.created_by : NULL, cs.compact_id, why)) < 0) {
        return ret;
    }
    cs.id = id;
    ret = store_library_save(st, LIBRARY_ITEM_CASE_STUDY, &cs, NULL, actor, made, &field, &swhy);
    return store_problem(ret, field, swhy, problems, n);
}

const char *library_file_problem(const struct library_file *file)
{
    if (!file->len) {
        return "The selected file is empty";
    }
    if (file->len > LIBRARY_FILE_MAX) {
        return "The selected file must be smaller than 20 MB";
    }
    if (!library_is_pdf(file->data, file->len)) {
        return "The selected file must be a PDF";
    }
    return NULL;
}

int library_resource_put(struct store *st, const struct user *u, const char *actor, long long id,
                         const struct resource_draft *d, const struct library_file *file,
                         struct arena *arena, long long *made, struct field_error *problems,
                         size_t *n, const char **why)
{
    struct resource was, r;
    const char *field = NULL, *swhy = NULL, *bad = file ? library_file_problem(file) : NULL;
    int ret;

    *made = 0;
    *why = NULL;
    *n = 0;
    if (id && (ret = library_resource_read(st, u, id, arena, &was)) < 0) {
        return ret;
    }
    *n = resource_from_draft(d, file || (id && was.file_name), &r, problems);
    if (bad && *n < LIBRARY_PROBLEMS_MAX) {
        problems[(*n)++] = (struct field_error){"document", bad};
    }
    if (*n) {
        return ERR_INVALID;
    }
    if ((ret = may_put(st, u, id, id ? was.compact_id : 0, id ? was.status : LIBRARY_DRAFT,
                       id ? was.created_by : NULL, r.compact_id, why)) < 0) {
        return ret;
    }
    r.id = id;
    ret = store_library_save(st, LIBRARY_ITEM_RESOURCE, &r, file, actor, made, &field, &swhy);
    return store_problem(ret, field, swhy, problems, n);
}

int library_publish(struct store *st, const struct user *u, const char *actor,
                    enum library_item item, long long id)
{
    struct arena arena;
    struct case_study cs;
    struct resource r;
    int ret;

    arena_init(&arena);
    ret = item == LIBRARY_ITEM_CASE_STUDY ? library_case_study_read(st, u, id, &arena, &cs)
                                          : library_resource_read(st, u, id, &arena, &r);
    if (ret == 0 && (ret = policy_library_publish(u)) == 0) {
        ret = store_library_publish(st, item, id, actor);
    }
    arena_release(&arena);
    return ret;
}
