/*
 * Importing open data files: read a block at a time, split into records (codec/json_split.h)
 * or read as CSV rows, decode and check each (codec/opendata.h) and stage it; when every record
 * is good, publish them all in one short transaction (store_opendata_publish), so the register
 * is locked for the publishing only, not for the reading of the file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest.h"
#include "codec/json_split.h"
#include "codec/opendata.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define BLOCK_DEFAULT ((size_t)1 << 20)
/* The largest record read: with SQLite's page cache during an import (96 MB, see
 * store_opendata.c) this bounds the importer's memory whatever the file's size. */
#define RECORD_MAX ((size_t)16 << 20)

struct import {
    struct store *st;
    enum ingest_kind kind;
    const struct ingest_opendata_opts *opts;
    struct ingest_summary *sum;
    struct opendata_writer *w;
    struct arena arena;
    const struct cJSON *tree; /* the grant read in place by read_grant */
    struct buf *err;
    int failed; /* a record was rejected: go on checking, store no more */
};

static void count_quirks(struct import *im, size_t record, long line,
                         const struct opendata_warnings *w)
{
    struct ingest_summary *s = im->sum;
    s->warnings += w->n;
    for (size_t i = 0; i < w->n && i < OPENDATA_WARNINGS_MAX; i++) {
        struct ingest_quirk *q = NULL;
        for (size_t j = 0; j < s->nquirks && !q; j++) {
            if (!strcmp(s->quirks[j].field, w->w[i].field) &&
                !strcmp(s->quirks[j].what, w->w[i].what)) {
                q = &s->quirks[j];
            }
        }
        if (!q && s->nquirks < INGEST_QUIRKS_MAX) {
            q = &s->quirks[s->nquirks++];
            q->field = w->w[i].field;
            q->what = w->w[i].what;
            q->first_record = record;
            q->first_line = line;
        }
        if (q) {
            q->count++;
        }
    }
}

static void reject(struct import *im, size_t record, long line, const char *why)
{
    struct ingest_rejection r = {record, line, why};
    im->sum->rejected++;
    im->failed = 1;
    if (im->opts->rejected) {
        im->opts->rejected(&r, im->opts->ctx);
    }
}

static int store_grant(struct import *im, const struct grant *g)
{
    int ret = store_grant_stage(im->w, g);
    if (ret < 0) {
        buf_addf(im->err, "cannot write grant '%s' to the import's temporary file (TMPDIR): %s",
                 g->id, err_str(ret));
    }
    return ret;
}

static int on_grant_row(const struct grant_row *row, void *ctx)
{
    struct import *im = ctx;
    im->sum->read++;
    if (!row->grant) {
        reject(im, row->index, row->line, row->why);
        return 0;
    }
    count_quirks(im, row->index, row->line, row->warnings);
    return im->failed ? 0 : store_grant(im, row->grant);
}

/* A grant read where the splitter finds it (json_split_reader): its bytes read once. */
static size_t read_grant(const char *text, size_t len, int depth, long *lines, void *ctx)
{
    struct import *im = ctx;
    arena_reset(&im->arena);
    return grant_read(text, len, depth, lines, &im->arena, &im->tree);
}

static int on_item(const struct json_split_item *item, void *ctx)
{
    struct import *im = ctx;
    struct opendata_warnings w;
    const char *why = NULL;
    int ret;

    if (item->key && (im->kind == INGEST_GRANTS) != !strcmp(item->key, "grants")) {
        buf_addf(im->err, "the file holds %s, not %s",
                 !strcmp(item->key, "grants") ? "360Giving grants" : "OCDS contracting processes",
                 im->kind == INGEST_GRANTS ? "grants" : "contracts");
        return ERR_INVALID;
    }
    im->sum->read++;
    if (!item->read) {
        arena_reset(&im->arena); /* else it holds the tree read_grant read */
    }
    if (im->kind == INGEST_GRANTS) {
        struct grant g;
        if ((item->read ? grant_from_tree(im->tree, &im->arena, &g, &w, &why)
                        : grant_from_json(item->data, item->len, &im->arena, &g, &w, &why)) < 0) {
            reject(im, item->index, item->line, why);
            return 0;
        }
        count_quirks(im, item->index, item->line, &w);
        return im->failed ? 0 : store_grant(im, &g);
    }
    {
        struct contract c;
        int record = item->key && !strcmp(item->key, "records");
        if (contract_from_json(item->data, item->len, record, &im->arena, &c, &w, &why) < 0) {
            reject(im, item->index, item->line, why);
            return 0;
        }
        count_quirks(im, item->index, item->line, &w);
        if (im->failed) {
            return 0;
        }
        if ((ret = store_contract_stage(im->w, &c)) < 0) {
            buf_addf(im->err,
                     "cannot write contracting process '%s' to the import's temporary file "
                     "(TMPDIR): %s",
                     c.ocid, err_str(ret));
        }
        return ret;
    }
}

/* The name of what the file turned out to be. */
static const char *format_name(enum ingest_kind kind, int csv, const struct json_split *js)
{
    const char *key = js ? json_split_key(js) : NULL;
    if (csv) {
        return "360giving-csv";
    }
    switch (js ? json_split_shape(js) : JSON_SPLIT_NONE) {
    case JSON_SPLIT_KEY:
        return !strcmp(key, "grants")    ? "360giving-json"
               : !strcmp(key, "records") ? "ocds-record-package"
                                         : "ocds-release-package";
    case JSON_SPLIT_ARRAY:
        return kind == INGEST_GRANTS ? "360giving-json-array" : "ocds-release-array";
    case JSON_SPLIT_LINES:
        return kind == INGEST_GRANTS ? "360giving-json-lines" : "ocds-json-lines";
    case JSON_SPLIT_VALUE:
        return kind == INGEST_GRANTS ? "360giving-grant" : "ocds-release";
    default:
        return "unknown";
    }
}

/* The file name without its folders, for the audit trail. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

int ingest_opendata(struct store *st, enum ingest_kind kind, const char *path,
                    const struct ingest_opendata_opts *opts, struct ingest_summary *out,
                    struct buf *err)
{
    static const char *const keys[] = {"grants", "releases", "records", NULL};
    struct import im;
    struct opendata_import pub;
    struct json_split *js = NULL;
    struct grant_csv *gc = NULL;
    unsigned long long done = 0, total = 0;
    size_t block = opts->block ? opts->block : BLOCK_DEFAULT, n;
    char *chunk = NULL;
    struct stat sb;
    FILE *f;
    int ret = ERR_IO, first = 1, csv = 0;

    memset(out, 0, sizeof(*out));
    out->format = "unknown";
    memset(&im, 0, sizeof(im));
    im.st = st;
    im.kind = kind;
    im.opts = opts;
    im.sum = out;
    im.err = err;
    arena_init(&im.arena);
    if (!(f = fopen(path, "rb"))) {
        buf_addf(err, "cannot open '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode)) {
        total = (unsigned long long)sb.st_size;
    }
    chunk = xmalloc(block);
    if ((ret = store_opendata_writer_new(st, opts->actor, &im.w)) < 0) {
        buf_addf(err, "cannot start staging the import: %s", err_str(ret));
        goto cleanup;
    }
    while (!ret && (n = fread(chunk, 1, block, f)) > 0) {
        if (first) {
            first = 0;
            csv = opendata_sniff(chunk, n) == OPENDATA_CSV;
            if (csv && kind == INGEST_CONTRACTS) {
                buf_addf(err, "'%s' is not JSON: contracts are read from OCDS JSON", path);
                ret = ERR_INVALID;
                break;
            }
            if (csv) {
                gc = grant_csv_new(on_grant_row, &im);
            } else {
                js = json_split_new(keys, RECORD_MAX, on_item, &im);
                if (kind == INGEST_GRANTS) {
                    json_split_reader(js, read_grant);
                }
            }
        }
        ret = csv ? grant_csv_feed(gc, chunk, n, err) : json_split_feed(js, chunk, n);
        done += n;
        if (opts->progress) {
            opts->progress(done, total, opts->ctx);
        }
    }
    if (!ret && ferror(f)) {
        buf_addf(err, "cannot read '%s'", path);
        ret = ERR_IO;
    }
    if (!ret && first) {
        buf_addf(err, "'%s' is empty", path);
        ret = ERR_INVALID;
    }
    if (!ret) {
        ret = csv ? grant_csv_finish(gc, err) : json_split_finish(js);
    }
    out->format = format_name(kind, csv, js);
    if (ret && js && !err->len) {
        buf_adds(err, json_split_error(js));
    }
    if (ret) {
        goto cleanup;
    }
    if (im.failed) { /* each rejection is told through opts->rejected, the count in out */
        ret = ERR_INVALID;
        goto cleanup;
    }
    pub.kind = kind == INGEST_GRANTS ? "grants" : "contracts";
    pub.file = base_name(path);
    pub.format = out->format;
    pub.read = out->read;
    pub.warnings = out->warnings;
    if ((ret = store_opendata_publish(im.w, &pub)) < 0) {
        buf_addf(err, "%s; nothing was imported",
                 ret == ERR_BUSY ? "the database stayed busy with other writes: try again"
                                 : "cannot store the import");
        goto cleanup;
    }
    out->organisations_created = store_opendata_orgs_created(im.w);
    out->imported = out->read;
    ret = 0;
cleanup:
    store_opendata_writer_free(im.w);
    json_split_free(js);
    grant_csv_free(gc);
    arena_release(&im.arena);
    free(chunk);
    if (f) {
        fclose(f);
    }
    return ret;
}
