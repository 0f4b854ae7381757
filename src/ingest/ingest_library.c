/* The library shipped with the program (data/library/), loaded by `compact init` once. */
#include <string.h>

#include "ingest.h"
#include "codec/csv.h"
#include "codec/json_library.h"
#include "store/store_library.h"
#include "base/embed.h"
#include "base/err.h"
#include "base/banned.h"

extern const struct embed_file refdata_files[];
extern const size_t refdata_files_count;

#define CASE_STUDIES_FILE "library/case_studies.json"
#define RESOURCES_FILE    "library/resources.csv"
#define ACTOR             "init"

struct load {
    struct store *st;
    struct arena arena;
    struct buf *err;
    size_t loaded;
    int col[5]; /* title, kind, date, link, summary: their columns */
};

static int put_problem(struct buf *err, const char *what, const char *key,
                       const struct field_error *p, const char *field, const char *why)
{
    buf_addf(err, "%s '%s': %s: %s", what, key, p ? p->field : field, p ? p->message : why);
    return ERR_INVALID;
}

static int on_resource(const struct csv_row *row, void *ctx)
{
    static const char *const names[5] = {"title", "kind", "date", "link", "summary"};
    struct load *l = ctx;
    struct field_error problems[LIBRARY_PROBLEMS_MAX];
    struct resource_draft d = {0};
    struct resource r;
    const char *field, *why, *v[5];
    struct buf key = BUF_INIT;
    int loaded, ret;

    if (row->line == 1) {
        for (int i = 0; i < 5; i++) {
            l->col[i] = -1;
            for (size_t c = 0; c < row->n; c++) {
                if (!strcmp(row->fields[c], names[i])) {
                    l->col[i] = (int)c;
                }
            }
            if (l->col[i] < 0) {
                buf_addf(l->err, "%s: no column %s", RESOURCES_FILE, names[i]);
                return ERR_INVALID;
            }
        }
        return 0;
    }
    for (int i = 0; i < 5; i++) {
        v[i] = (size_t)l->col[i] < row->n ? arena_strdup(&l->arena, row->fields[l->col[i]]) : NULL;
    }
    d = (struct resource_draft){v[0], v[1], v[4], v[2], v[3], NULL};
    if (resource_from_draft(&d, 0, &r, problems) > 0) {
        return put_problem(l->err, "resource", v[0] ? v[0] : "?", &problems[0], NULL, NULL);
    }
    buf_adds(&key, "resource:");
    buf_adds(&key, r.title);
    ret = store_library_load(l->st, LIBRARY_ITEM_RESOURCE, key.data, &r, ACTOR, &loaded, &field,
                             &why);
    if (ret == ERR_INVALID && field) {
        ret = put_problem(l->err, "resource", r.title, NULL, field, why);
    }
    buf_release(&key);
    l->loaded += loaded;
    return ret;
}

int ingest_library(struct store *st, size_t *loaded, struct buf *err)
{
    const struct embed_file *fc = embed_find(refdata_files, refdata_files_count, CASE_STUDIES_FILE),
                            *fr = embed_find(refdata_files, refdata_files_count, RESOURCES_FILE);
    struct field_error problems[LIBRARY_PROBLEMS_MAX];
    struct library_seed *seeds;
    struct load l = {.st = st, .err = err};
    const char *field, *why;
    size_t n;
    int ret;

    *loaded = 0;
    if (!fc || !fr) {
        buf_addf(err, "the library is missing from the program");
        return ERR_INVALID;
    }
    arena_init(&l.arena);
    if ((ret = json_library_seed((const char *)fc->data, fc->len, &l.arena, &seeds, &n, &why)) <
        0) {
        buf_addf(err, "%s: %s", CASE_STUDIES_FILE, why);
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        struct case_study cs;
        int one;
        if (case_study_from_draft(&seeds[i].draft, &l.arena, &cs, problems) > 0) {
            ret = put_problem(err, "case study", seeds[i].key, &problems[0], NULL, NULL);
            goto cleanup;
        }
        ret = store_library_load(st, LIBRARY_ITEM_CASE_STUDY, seeds[i].key, &cs, ACTOR, &one,
                                 &field, &why);
        if (ret == ERR_INVALID && field) {
            ret = put_problem(err, "case study", seeds[i].key, NULL, field, why);
        }
        if (ret < 0) {
            goto cleanup;
        }
        l.loaded += one;
    }
    ret = csv_read((const char *)fr->data, fr->len, on_resource, &l, err);
cleanup:
    *loaded = l.loaded;
    arena_release(&l.arena);
    return ret < 0 ? ret : 0;
}
