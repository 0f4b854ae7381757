/* The library as JSON. */
#include "json_library.h"

#include <stdio.h>
#include <string.h>

#include "json_util.h"
#include "base/err.h"
#include "base/banned.h"

/* key: id as a number, or null for 0. */
static void add_id(cJSON *o, const char *key, long long id)
{
    if (id) {
        json_add_int(o, key, id);
    } else {
        json_add_null(o, key);
    }
}

static void add_times(cJSON *o, const char *created_by, const char *created_at,
                      const char *updated_at, const char *published_at, enum library_status s,
                      unsigned flags)
{
    json_add_str(o, "status", library_status_id(s));
    if (flags & JSON_LIBRARY_AUDIT) {
        json_add_str(o, "created_by", created_by);
    }
    json_add_str(o, "created_at", created_at);
    json_add_str(o, "updated_at", updated_at);
    json_add_str(o, "published_at", published_at);
}

static cJSON *case_study_object(const struct case_study *cs, unsigned flags)
{
    cJSON *o = json_must(cJSON_CreateObject()), *arr;
    char url[48];
    int n;

    json_add_int(o, "id", cs->id);
    json_add_str(o, "title", cs->title);
    json_add_str(o, "summary", cs->summary);
    json_add_str(o, "outcome", cs->outcome);
    if (cs->year) {
        json_add_int(o, "year", cs->year);
    } else {
        json_add_null(o, "year");
    }
    arr = json_must(cJSON_AddArrayToObject(o, "themes"));
    for (int t = 0; t < THEME_COUNT; t++) {
        if (cs->themes & (1u << t)) {
            cJSON_AddItemToArray(arr, json_must(cJSON_CreateString(library_theme_id(t))));
        }
    }
    arr = json_must(cJSON_AddArrayToObject(o, "areas"));
    for (size_t i = 0; i < cs->nareas; i++) {
        cJSON_AddItemToArray(arr, json_must(cJSON_CreateString(cs->areas[i])));
    }
    arr = json_must(cJSON_AddArrayToObject(o, "organisations"));
    for (const char *p = cs->organisations; p && *p;) {
        size_t len = strcspn(p, "\r\n");
        char *line = cJSON_malloc(len + 1);
        if (!line) {
            json_must(NULL);
        }
        memcpy(line, p, len);
        line[len] = '\0';
        if (line[strspn(line, " \t")]) {
            cJSON_AddItemToArray(arr, json_must(cJSON_CreateString(line)));
        }
        cJSON_free(line);
        p += len;
        p += strspn(p, "\r\n");
    }
    add_id(o, "compact_id", cs->compact_id);
    json_add_str(o, "compact_name", cs->compact_name);
    json_add_str(o, "source_citation", cs->source_citation);
    json_add_str(o, "source_url", cs->source_url);
    add_times(o, cs->created_by, cs->created_at, cs->updated_at, cs->published_at, cs->status,
              flags);
    n = snprintf(url, sizeof(url), "/case-studies/%lld", cs->id);
    json_add_str(o, "url", n > 0 && (size_t)n < sizeof(url) ? url : NULL);
    return o;
}

static cJSON *resource_object(const struct resource *r, unsigned flags)
{
    cJSON *o = json_must(cJSON_CreateObject()), *d;
    char url[64];
    int n;

    json_add_int(o, "id", r->id);
    json_add_str(o, "title", r->title);
    json_add_str(o, "kind", resource_kind_id(r->kind));
    json_add_str(o, "summary", r->summary);
    json_add_date(o, "date", r->date);
    json_add_str(o, "url", r->url);
    add_id(o, "compact_id", r->compact_id);
    json_add_str(o, "compact_name", r->compact_name);
    if (r->file_name) {
        d = json_must(cJSON_AddObjectToObject(o, "document"));
        json_add_str(d, "file_name", r->file_name);
        json_add_str(d, "sha256", r->file_sha256);
        json_add_int(d, "size", r->file_size);
        n = snprintf(url, sizeof(url), "/resources/%lld/document", r->id);
        json_add_str(d, "url", n > 0 && (size_t)n < sizeof(url) ? url : NULL);
    } else {
        json_add_null(o, "document");
    }
    add_times(o, r->created_by, r->created_at, r->updated_at, r->published_at, r->status, flags);
    n = snprintf(url, sizeof(url), "/resources/%lld", r->id);
    json_add_str(o, "page", n > 0 && (size_t)n < sizeof(url) ? url : NULL);
    return o;
}

void json_case_study(struct buf *b, const struct case_study *cs, unsigned flags)
{
    json_print(b, case_study_object(cs, flags));
}

void json_resource(struct buf *b, const struct resource *r, unsigned flags)
{
    json_print(b, resource_object(r, flags));
}

void json_case_study_list(struct buf *b, size_t total, const struct case_study *items, size_t n,
                          const char *next)
{
    cJSON *arr, *root = json_list_new(total, &arr);

    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(arr, case_study_object(&items[i], 0));
    }
    json_list_print(b, root, next);
}

void json_resource_list(struct buf *b, size_t total, const struct resource *items, size_t n,
                        const char *next)
{
    cJSON *arr, *root = json_list_new(total, &arr);

    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(arr, resource_object(&items[i], 0));
    }
    json_list_print(b, root, next);
}

/* ---- in ---- */

enum field_type { F_TEXT, F_LIST, F_NUMBER };
struct field {
    const char *name;
    enum field_type type;
    size_t slot; /* index into the draft's strings */
    const char *why;
};

/* The value of item as the draft's text, from arena: "" for null (cleared), or NULL with
 * ERR_INVALID when it is not of type. */
static int value_text(const cJSON *item, enum field_type type, struct arena *arena,
                      const char **out)
{
    struct buf b = BUF_INIT;
    const cJSON *e;
    char num[32];
    int n;

    *out = NULL;
    if (cJSON_IsNull(item)) {
        *out = "";
        return 0;
    }
    switch (type) {
    case F_TEXT:
        if (!cJSON_IsString(item)) {
            return ERR_INVALID;
        }
        *out = arena_strdup(arena, item->valuestring);
        return 0;
    case F_NUMBER:
        if (!cJSON_IsNumber(item) || item->valuedouble != (double)(long long)item->valuedouble ||
            item->valuedouble < 1 || item->valuedouble > 9007199254740992.0) {
            return ERR_INVALID;
        }
        n = snprintf(num, sizeof(num), "%lld", (long long)item->valuedouble);
        if (n <= 0 || (size_t)n >= sizeof(num)) {
            return ERR_INVALID;
        }
        *out = arena_strdup(arena, num);
        return 0;
    case F_LIST:
        if (!cJSON_IsArray(item)) {
            return ERR_INVALID;
        }
        cJSON_ArrayForEach(e, item)
        {
            if (!cJSON_IsString(e) || strpbrk(e->valuestring, "\r\n")) {
                buf_release(&b);
                return ERR_INVALID;
            }
            buf_adds(&b, b.len ? "\n" : "");
            buf_adds(&b, e->valuestring);
        }
        *out = buf_failed(&b) ? NULL : arena_strdup(arena, b.data);
        buf_release(&b);
        return *out ? 0 : ERR_INVALID;
    }
    return ERR_INVALID;
}

static int read_fields(const char *text, size_t len, struct arena *arena, const struct field *f,
                       size_t nf, const char **slots, const char *what, const char **field,
                       const char **why)
{
    cJSON *root, *item;
    int ret;

    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        size_t i = 0;
        while (i < nf && strcmp(item->string, f[i].name)) {
            i++;
        }
        if (i == nf) {
            ret = json_fail(field, why, *item->string ? arena_strdup(arena, item->string) : "body",
                            what);
            goto cleanup;
        }
        if (value_text(item, f[i].type, arena, &slots[f[i].slot]) < 0) {
            ret = json_fail(field, why, f[i].name, f[i].why);
            goto cleanup;
        }
    }
cleanup:
    cJSON_Delete(root);
    return ret;
}

int json_case_study_draft(const char *text, size_t len, struct arena *arena,
                          struct case_study_draft *d, const char **field, const char **why)
{
    static const struct field fields[] = {
        {"title", F_TEXT, 0, "title must be a string."},
        {"summary", F_TEXT, 1, "summary must be a string."},
        {"outcome", F_TEXT, 2, "outcome must be a string, or null."},
        {"year", F_NUMBER, 3, "year must be a year as a number, such as 2010, or null."},
        {"themes", F_LIST, 4, "themes must be a list of themes, such as [\"managing_cuts\"]."},
        {"areas", F_LIST, 5, "areas must be a list of GSS codes, such as [\"E09000024\"]."},
        {"organisations", F_LIST, 6, "organisations must be a list of names, or null."},
        {"compact_id", F_NUMBER, 7, "compact_id must be a local Compact's number, or null."},
        {"source_citation", F_TEXT, 8, "source_citation must be a string, or null."},
        {"source_url", F_TEXT, 9, "source_url must be a link as a string, or null."},
    };
    const char *slots[] = {d->title,           d->summary,   d->outcome,       d->year,
                           d->themes,          d->areas,     d->organisations, d->compact,
                           d->source_citation, d->source_url};
    int ret = read_fields(text, len, arena, fields, sizeof(fields) / sizeof(fields[0]), slots,
                          "is not a field of a case study: give title, summary, outcome, year, "
                          "themes, areas, organisations, compact_id, source_citation and "
                          "source_url.",
                          field, why);

    *d = (struct case_study_draft){slots[0], slots[1], slots[2], slots[3], slots[4],
                                   slots[5], slots[6], slots[7], slots[8], slots[9]};
    return ret;
}

int json_resource_draft(const char *text, size_t len, struct arena *arena, struct resource_draft *d,
                        const char **field, const char **why)
{
    static const struct field fields[] = {
        {"title", F_TEXT, 0, "title must be a string."},
        {"kind", F_TEXT, 1, "kind must be a string, such as \"guidance\"."},
        {"summary", F_TEXT, 2, "summary must be a string, or null."},
        {"date", F_TEXT, 3, "date must be a date as \"YYYY-MM-DD\", or null."},
        {"url", F_TEXT, 4, "url must be a link as a string, or null."},
        {"compact_id", F_NUMBER, 5, "compact_id must be a local Compact's number, or null."},
    };
    const char *slots[] = {d->title, d->kind, d->summary, d->date, d->url, d->compact};
    int ret = read_fields(text, len, arena, fields, sizeof(fields) / sizeof(fields[0]), slots,
                          "is not a field of a resource: give title, kind, summary, date, url "
                          "and compact_id.",
                          field, why);

    *d = (struct resource_draft){slots[0], slots[1], slots[2], slots[3], slots[4], slots[5]};
    return ret;
}

/* The strings of array a joined by sep, from arena ("" for none); NULL when a is not one. */
static const char *joined(const cJSON *a, const char *sep, struct arena *arena)
{
    struct buf b = BUF_INIT;
    const cJSON *e;
    const char *out;

    if (!cJSON_IsArray(a)) {
        return NULL;
    }
    cJSON_ArrayForEach(e, a)
    {
        if (!cJSON_IsString(e)) {
            buf_release(&b);
            return NULL;
        }
        buf_adds(&b, b.len ? sep : "");
        buf_adds(&b, e->valuestring);
    }
    out = buf_failed(&b) ? NULL : arena_strdup(arena, b.data);
    buf_release(&b);
    return out;
}

static const char *str(const cJSON *o, const char *key, struct arena *arena)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? arena_strdup(arena, v->valuestring) : NULL;
}

int json_library_seed(const char *text, size_t len, struct arena *arena,
                      struct library_seed **items, size_t *n, const char **why)
{
    const char *field;
    cJSON *root = NULL;
    const cJSON *list, *e;
    const char *citation;
    size_t i = 0;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = json_parse_object(text, len, arena, &root, &field, why)) < 0) {
        goto cleanup;
    }
    citation = str(cJSON_GetObjectItemCaseSensitive(root, "source"), "citation", arena);
    list = cJSON_GetObjectItemCaseSensitive(root, "case_studies");
    if (!cJSON_IsArray(list)) {
        ret = ERR_INVALID;
        *why = "case_studies is not a list";
        goto cleanup;
    }
    *items = arena_alloc(arena, ((size_t)cJSON_GetArraySize(list) + 1) * sizeof(**items));
    cJSON_ArrayForEach(e, list)
    {
        struct library_seed *s = &(*items)[i];
        const cJSON *year = cJSON_GetObjectItemCaseSensitive(e, "year");
        char y[16];

        memset(s, 0, sizeof(*s));
        s->key = str(e, "key", arena);
        s->draft.title = str(e, "title", arena);
        s->draft.summary = str(e, "summary", arena);
        s->draft.outcome = str(e, "outcome", arena);
        s->draft.areas = joined(cJSON_GetObjectItemCaseSensitive(e, "area"), " ", arena);
        s->draft.themes = joined(cJSON_GetObjectItemCaseSensitive(e, "themes"), " ", arena);
        s->draft.organisations =
            joined(cJSON_GetObjectItemCaseSensitive(e, "organisations"), "\n", arena);
        s->draft.source_citation = citation;
        if (cJSON_IsNumber(year) && snprintf(y, sizeof(y), "%d", year->valueint) > 0) {
            s->draft.year = arena_strdup(arena, y);
        }
        if (!s->key) {
            ret = ERR_INVALID;
            *why = "a case study has no key";
            goto cleanup;
        }
        i++;
    }
    *n = i;
cleanup:
    cJSON_Delete(root);
    return ret;
}
