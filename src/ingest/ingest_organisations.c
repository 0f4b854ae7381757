/*
 * Organisations from a CSV file (compact import organisations): a header row naming org_id,
 * name and type, and optionally sector and website, in any order; one organisation a row.
 */
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "codec/csv.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

enum { C_ORG_ID, C_NAME, C_TYPE, C_SECTOR, C_WEBSITE, C_NCOLS };

static const struct {
    const char *name;
    int required;
} columns[C_NCOLS] = {
    [C_ORG_ID] = {"org_id", 1}, [C_NAME] = {"name", 1},       [C_TYPE] = {"type", 1},
    [C_SECTOR] = {"sector", 0}, [C_WEBSITE] = {"website", 0},
};

struct message {
    long line;
    size_t seq; /* the order it was found in, within its line */
    const char *text;
};

struct rows {
    struct arena arena;
    const char *file; /* as the messages name it */
    int col[C_NCOLS];
    struct organisation *items;
    long *lines; /* parallel to items */
    size_t n, cap;
    struct message *bad; /* what is wrong, to report by line */
    size_t nbad, badcap;
    int header_seen;
};

static void bad(struct rows *r, long line, const char *what)
{
    if (r->nbad == r->badcap) {
        r->badcap = r->badcap ? r->badcap * 2 : 32;
        r->bad = xrealloc(r->bad, st_mult(r->badcap, sizeof(*r->bad)));
    }
    r->bad[r->nbad] = (struct message){line, r->nbad, arena_strdup(&r->arena, what)};
    r->nbad++;
}

static int by_line(const void *a, const void *b)
{
    const struct message *x = a, *y = b;
    if (x->line != y->line) {
        return x->line < y->line ? -1 : 1;
    }
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Field c of row, copied, or NULL where the column is absent or the cell empty. */
static const char *cell(struct rows *r, const struct csv_row *row, int c)
{
    int i = r->col[c];
    if (i < 0 || (size_t)i >= row->n || !row->fields[i][0]) {
        return NULL;
    }
    return arena_memdupz(&r->arena, row->fields[i], row->lens[i]);
}

static int on_row(const struct csv_row *row, void *ctx)
{
    struct rows *r = ctx;
    struct organisation_draft d = {0};
    struct org_problem problems[ORG_PROBLEMS_MAX];
    struct organisation o;
    size_t np;

    if (!r->header_seen) {
        r->header_seen = 1;
        for (int c = 0; c < C_NCOLS; c++) {
            r->col[c] = csv_column(row, columns[c].name);
            if (r->col[c] < 0 && columns[c].required) {
                struct buf msg = BUF_INIT;
                buf_addf(&msg,
                         "no column '%s' in the header row (org_id, name and type are "
                         "needed; sector and website may follow)",
                         columns[c].name);
                bad(r, row->line, msg.data);
                buf_release(&msg);
            }
        }
        return r->nbad ? ERR_INVALID : 0;
    }
    d.org_id = cell(r, row, C_ORG_ID);
    d.name = cell(r, row, C_NAME);
    d.type = cell(r, row, C_TYPE);
    d.sector = cell(r, row, C_SECTOR);
    d.website = cell(r, row, C_WEBSITE);
    d.given =
        ORG_FIELD_ORG_ID | ORG_FIELD_NAME | ORG_FIELD_TYPE | ORG_FIELD_SECTOR | ORG_FIELD_WEBSITE;
    if ((np = organisation_from_draft(&d, &o, problems)) > 0) {
        for (size_t i = 0; i < np; i++) {
            struct buf msg = BUF_INIT;
            buf_addf(&msg, "%s: %s", problems[i].field, problems[i].message);
            bad(r, row->line, msg.data);
            buf_release(&msg);
        }
        return 0;
    }
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->items = xrealloc(r->items, st_mult(r->cap, sizeof(*r->items)));
        r->lines = xrealloc(r->lines, st_mult(r->cap, sizeof(*r->lines)));
    }
    r->items[r->n] = o;
    r->lines[r->n++] = row->line;
    return 0;
}

int ingest_organisations(struct store *st, const char *data, size_t len, const char *file,
                         const char *actor, size_t *count, struct buf *err)
{
    struct rows r;
    struct buf csv_err = BUF_INIT;
    long long id;
    int ret, began = 0;

    *count = 0;
    memset(&r, 0, sizeof(r));
    arena_init(&r.arena);
    r.file = file;
    ret = csv_read(data, len, on_row, &r, &csv_err);
    if (csv_err.len) { /* not well-formed: told after the bad rows found before it */
        goto cleanup;
    }
    if (!r.nbad && !r.header_seen) {
        bad(&r, 1, "the file is empty: it needs a header row naming org_id, name and type");
    }
    if ((ret = store_begin(st)) < 0) {
        buf_addf(err, "%s: cannot start a transaction\n", file);
        goto cleanup;
    }
    began = 1;
    /* Even with bad rows already found, try the good ones: a taken org-id or an unknown council
     * is a bad row too, and every bad row is reported. Nothing is kept unless all are good. */
    for (size_t i = 0; i < r.n; i++) {
        ret = store_organisation_insert(st, &r.items[i], actor, &id);
        if (ret == ERR_INVALID || ret == ERR_CONFLICT) {
            struct buf msg = BUF_INIT;
            buf_addf(&msg, "org_id: %s",
                     ret == ERR_INVALID ? orgid_unknown_council
                                        : "another organisation in the register, or an earlier "
                                          "row, has this org-id");
            bad(&r, r.lines[i], msg.data);
            buf_release(&msg);
        } else if (ret < 0) {
            buf_addf(err, "%s:%ld: cannot store it: %s\n", file, r.lines[i], err_str(ret));
            goto cleanup;
        }
    }
    if (r.nbad) {
        ret = ERR_INVALID;
        goto cleanup;
    }
    if ((ret = store_commit(st)) < 0) {
        buf_addf(err, "%s: cannot commit the import\n", file);
        goto cleanup;
    }
    began = 0;
    *count = r.n;
    ret = 0;
cleanup:
    if (began) {
        store_rollback(st);
    }
    if (r.nbad) {
        qsort(r.bad, r.nbad, sizeof(*r.bad), by_line);
        for (size_t i = 0; i < r.nbad; i++) {
            buf_addf(err, "%s:%ld: %s\n", file, r.bad[i].line, r.bad[i].text);
        }
    }
    if (csv_err.len) {
        ingest_locate(err, file, csv_err.data);
    }
    buf_release(&csv_err);
    arena_release(&r.arena);
    free(r.items);
    free(r.lines);
    free(r.bad);
    return ret;
}
