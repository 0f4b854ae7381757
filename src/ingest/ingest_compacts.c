/*
 * compact import compacts FILE.csv: local Compacts from a CSV file with the columns name,
 * authorities (GSS codes, current or former, separated by ';'), status, status_date, adopted,
 * refreshed and document_url. Every bad row is reported with its line number; when any row is
 * bad nothing is stored, else the whole file is stored in one transaction.
 */
#include <stdarg.h>
#include <string.h>

#include "ingest.h"
#include "codec/csv.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/banned.h"

enum { C_NAME, C_AUTHORITIES, C_STATUS, C_STATUS_DATE, C_ADOPTED, C_REFRESHED, C_URL, C_NCOLS };

static const char *const columns[C_NCOLS] = {
    "name", "authorities", "status", "status_date", "adopted", "refreshed", "document_url",
};

#define IMPORT_ROWS_MAX   100000
#define IMPORT_ERRORS_MAX 1000

struct import {
    struct store *st;
    const char *file; /* as given, for the report */
    struct arena arena;
    struct buf *err;
    int col[C_NCOLS];
    struct compact_new *items;
    size_t n, cap, nerrors;
};

static void bad_row(struct import *im, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* One line of the report; past IMPORT_ERRORS_MAX only the count goes on. */
static void bad_row(struct import *im, long line, const char *fmt, ...)
{
    va_list ap;

    if (im->nerrors++ < IMPORT_ERRORS_MAX) {
        buf_addf(im->err, "%s:%ld: ", im->file, line);
        va_start(ap, fmt);
        buf_vaddf(im->err, fmt, ap);
        va_end(ap);
        buf_addc(im->err, '\n');
    }
}

static const char *cell(const struct import *im, const struct csv_row *row, int c)
{
    int i = im->col[c];
    return i >= 0 && (size_t)i < row->n ? row->fields[i] : "";
}

/* A date cell: 0 for an empty one. */
static int date_cell(struct import *im, const struct csv_row *row, int c, date_t *out)
{
    const char *s = cell(im, row, c);

    *out = 0;
    if (!*s) {
        return 0;
    }
    if (date_parse(s, strlen(s), out) < 0) {
        bad_row(im, row->line, "%s must be a real date written YYYY-MM-DD", columns[c]);
        return ERR_INVALID;
    }
    return 0;
}

/* Split the authorities cell at ';' into c, checking each code is one the register knows. */
static void authorities(struct import *im, const struct csv_row *row, struct compact_new *c)
{
    const char *s = cell(im, row, C_AUTHORITIES);
    struct authority a;

    while (*s) {
        size_t len;
        char *code;
        while (*s == ' ' || *s == ';') {
            s++;
        }
        len = strcspn(s, ";");
        while (len && s[len - 1] == ' ') {
            len--;
        }
        if (!len) {
            break;
        }
        code = arena_memdupz(&im->arena, s, len);
        s += len;
        if (!gss_is_valid(code) || store_authority_get(im->st, code, &im->arena, &a) < 0) {
            bad_row(im, row->line, "no English principal authority has the GSS code '%s'", code);
        } else if (c->nauthorities == COMPACT_AUTHORITIES_MAX) {
            bad_row(im, row->line, "%s: a Compact names at most 64 authorities", "authorities");
            return;
        } else {
            c->authorities[c->nauthorities++] = code;
        }
        while (*s == ' ') {
            s++;
        }
    }
    if (!c->nauthorities) {
        bad_row(im, row->line, "%s: name at least one GSS code, separated by ';'", "authorities");
    }
}

static int on_row(const struct csv_row *row, void *ctx)
{
    struct import *im = ctx;
    struct compact_new *c;
    const char *field, *why, *status, *date;
    size_t before = im->nerrors;
    enum compact_status s;
    date_t d;

    if (row->line == 1 && im->col[0] == -2) { /* the header */
        for (int i = 0; i < C_NCOLS; i++) {
            im->col[i] = csv_column(row, columns[i]);
            if (im->col[i] < 0) {
                buf_addf(im->err,
                         "%s:1: no column '%s' (the columns are name, authorities, "
                         "status, status_date, adopted, refreshed, document_url)\n",
                         im->file, columns[i]);
                im->nerrors++;
            }
        }
        return im->nerrors ? ERR_INVALID : 0;
    }
    if (row->n == 1 && !*row->fields[0]) {
        return 0; /* a blank line */
    }
    if (im->n == IMPORT_ROWS_MAX) {
        bad_row(im, row->line, "%s: a file holds at most 100000 Compacts", "the file");
        return ERR_TOO_BIG;
    }
    if (im->n == im->cap) {
        struct compact_new *bigger;
        im->cap = im->cap ? im->cap * 2 : 64;
        bigger = arena_alloc(&im->arena, im->cap * sizeof(*bigger));
        if (im->n) {
            memcpy(bigger, im->items, im->n * sizeof(*bigger));
        }
        im->items = bigger;
    }
    c = &im->items[im->n];
    memset(c, 0, sizeof(*c));
    c->name = arena_strdup(&im->arena, cell(im, row, C_NAME));
    authorities(im, row, c);
    status = cell(im, row, C_STATUS);
    if (compact_status_parse(status, &s) < 0) {
        bad_row(im, row->line, "status '%s' must be in_development, active or inactive", status);
    }
    c->status = s;
    date = cell(im, row, C_STATUS_DATE);
    if (date_parse(date, strlen(date), &d) < 0) {
        bad_row(im, row->line, "%s must be a real date written YYYY-MM-DD", "status_date");
    }
    c->status_date = arena_strdup(&im->arena, date);
    date_cell(im, row, C_ADOPTED, &c->adopted);
    date_cell(im, row, C_REFRESHED, &c->refreshed);
    c->document_url = *cell(im, row, C_URL) ? arena_strdup(&im->arena, cell(im, row, C_URL)) : NULL;
    if (compact_details_check(c->name, c->adopted, c->refreshed, 0, c->document_url, NULL, 0, NULL,
                              0, &im->arena, &field, &why) < 0) {
        bad_row(im, row->line, "%s", why);
    }
    if (im->nerrors == before) {
        im->n++;
    }
    return 0;
}

int ingest_compacts(struct store *st, const char *data, size_t len, const char *file,
                    const char *actor, size_t *count, struct buf *err)
{
    struct import im = {.st = st, .file = file, .err = err};
    struct buf csv_err = BUF_INIT;
    const char *bad;
    size_t bad_item;
    int ret;

    *count = 0;
    arena_init(&im.arena);
    im.col[0] = -2; /* the header is still to come */
    ret = csv_read(data, len, on_row, &im, &csv_err);
    if (csv_err.len) { /* not well-formed: "line N: what", after the bad rows found before */
        ingest_locate(err, file, csv_err.data);
    }
    buf_release(&csv_err);
    if (ret == 0 && im.col[0] == -2) {
        buf_addf(err, "%s:1: the file is empty: it needs a header line\n", file);
        ret = ERR_INVALID;
    }
    if (ret == 0 && im.nerrors) {
        ret = ERR_INVALID;
    }
    if (ret < 0) {
        if (im.nerrors > IMPORT_ERRORS_MAX) {
            buf_addf(err, "and %zu more\n", im.nerrors - IMPORT_ERRORS_MAX);
        }
        goto cleanup;
    }
    ret = store_compact_add_many(st, im.items, im.n, actor, &bad_item, &bad);
    if (ret == ERR_NOT_FOUND) {
        buf_addf(err, "no English principal authority has the GSS code '%s'\n", bad ? bad : "?");
    } else if (ret < 0) {
        buf_addf(err, "the database refused the import: %s\n", err_str(ret));
    } else {
        *count = im.n;
    }
cleanup:
    arena_release(&im.arena);
    return ret;
}
