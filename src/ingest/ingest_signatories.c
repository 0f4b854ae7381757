/* Signatories from a CSV file: every row checked, all stored in one transaction or none. */
#include <stdio.h>
#include <string.h>

#include "ingest.h"
#include "codec/csv.h"
#include "core/signatory.h"
#include "base/err.h"
#include "base/banned.h"

#define SIGNATORIES_MAX_BYTES    ((size_t)64 << 20)
#define SIGNATORIES_MAX_REPORTED 1000 /* bad rows told; the rest are counted */

enum { C_COMPACT, C_ORGANISATION, C_SIGNED_ON, C_ROLE, C_WITHDRAWN_ON, C_NCOLS };

static const char *const column_names[C_NCOLS] = {"compact", "organisation", "signed_on", "role",
                                                  "withdrawn_on"};

struct import {
    struct store *st;
    const char *path, *actor;
    struct buf *err;
    int col[C_NCOLS];
    size_t stored, bad, told;
};

static const char *field(const struct import *im, const struct csv_row *row, int c)
{
    int i = im->col[c];
    return i >= 0 && (size_t)i < row->n ? row->fields[i] : "";
}

/* One "PATH:LINE: what" line; a quoted value has its control characters shown as '?'. */
static void tell(struct import *im, long line, const char *what, const char *value,
                 const char *after)
{
    if (im->told++ >= SIGNATORIES_MAX_REPORTED) {
        return;
    }
    buf_addf(im->err, "%s:%ld: %s", im->path, line, what);
    if (value) {
        size_t n = 0;
        buf_addc(im->err, '\'');
        for (const unsigned char *p = (const unsigned char *)value; *p && n < 100; p++, n++) {
            buf_addc(im->err, *p < 0x20 || *p == 0x7f ? '?' : (char)*p);
        }
        buf_adds(im->err, *value && n == 100 ? "...'" : "'");
        buf_adds(im->err, after ? after : "");
    }
    buf_addc(im->err, '\n');
}

static int header(struct import *im, const struct csv_row *row)
{
    int ret = 0;

    for (int c = 0; c < C_NCOLS; c++) {
        im->col[c] = csv_column(row, column_names[c]);
        if (im->col[c] < 0 && c != C_WITHDRAWN_ON) {
            tell(im, row->line, "the header has no column ", column_names[c], NULL);
            ret = ERR_INVALID;
        }
    }
    return ret;
}

/* A date field: 0 and *out (0 for an empty optional one), or ERR_INVALID after telling. */
static int date_field(struct import *im, const struct csv_row *row, int c, int optional,
                      date_t *out)
{
    const char *s = field(im, row, c);

    *out = 0;
    if (!*s) {
        if (!optional) {
            tell(im, row->line, "signed_on is empty: give the date it signed, YYYY-MM-DD", NULL,
                 NULL);
        }
        return optional ? 0 : ERR_INVALID;
    }
    if (date_parse(s, strlen(s), out) < 0) {
        struct buf what = BUF_INIT;
        buf_addf(&what, "%s is not a real date written YYYY-MM-DD: ", column_names[c]);
        tell(im, row->line, what.data, s, NULL);
        buf_release(&what);
        return ERR_INVALID;
    }
    return 0;
}

static int on_row(const struct csv_row *row, void *ctx)
{
    struct import *im = ctx;
    struct signatory_new s = {0};
    const char *bad, *why;
    long long id;
    int ret, wrong = 0;

    if (row->line == 1) {
        return header(im, row); /* without its columns no row can be read: stop */
    }
    for (size_t i = 0; i < row->n; i++) {
        if (row->fields[i][0]) {
            break;
        }
        if (i + 1 == row->n) {
            return 0; /* a blank line */
        }
    }
    s.compact = field(im, row, C_COMPACT);
    s.organisation = field(im, row, C_ORGANISATION);
    s.role = field(im, row, C_ROLE);
    if (!*s.compact) {
        tell(im, row->line, "compact is empty: give the Compact's number or name", NULL, NULL);
        wrong = 1;
    }
    if (!*s.organisation) {
        tell(im, row->line, "organisation is empty: give its org-id, number or name", NULL, NULL);
        wrong = 1;
    }
    wrong |= date_field(im, row, C_SIGNED_ON, 0, &s.signed_on) < 0;
    wrong |= date_field(im, row, C_WITHDRAWN_ON, 1, &s.withdrawn_on) < 0;
    if (!signatory_role_valid(s.role)) {
        tell(im, row->line,
             "role must name who signed, in 1 to 200 characters on one line: ", s.role, NULL);
        wrong = 1;
    } else if (!wrong && signatory_check(s.role, s.signed_on, s.withdrawn_on, &why) < 0) {
        tell(im, row->line, "withdrawn_on is not after signed_on: ", field(im, row, C_WITHDRAWN_ON),
             NULL);
        wrong = 1;
    }
    if (wrong) {
        im->bad++;
        return 0;
    }
    ret = store_signatory_insert(im->st, &s, im->actor, &id, &bad);
    if (ret == ERR_NOT_FOUND || ret == ERR_CONFLICT) {
        int compact = bad && !strcmp(bad, "compact"), org = bad && !strcmp(bad, "organisation");
        if (compact || org) {
            tell(
                im, row->line,
                ret == ERR_NOT_FOUND ? (compact ? "no Compact has the number or name "
                                                : "no organisation has the org-id, number or name ")
                                     : (compact ? "more than one Compact is named "
                                                : "more than one organisation is named "),
                compact ? s.compact : s.organisation,
                ret == ERR_CONFLICT ? (compact ? ": give its number" : ": give its org-id") : NULL);
        } else {
            tell(im, row->line, "the organisation signed this Compact on that date already: ",
                 field(im, row, C_SIGNED_ON), NULL);
        }
        im->bad++;
        return 0;
    }
    if (ret < 0) {
        return ret;
    }
    im->stored++;
    return 0;
}

int ingest_signatories(struct store *st, const char *path, const char *actor, size_t *count,
                       struct buf *err)
{
    struct import im = {.st = st, .path = path, .actor = actor, .err = err};
    struct buf data;
    struct buf csv_err = BUF_INIT;
    int ret;

    *count = 0;
    buf_init(&data, SIGNATORIES_MAX_BYTES);
    if ((ret = ingest_read_file(path, &data)) < 0) {
        buf_addf(err, "%s: %s\n", path,
                 ret == ERR_TOO_BIG ? "larger than 64 MB" : "cannot be read");
        goto done;
    }
    if (!data.len) {
        buf_addf(err, "%s:1: the file is empty: it needs a header\n", path);
        ret = ERR_INVALID;
        goto done;
    }
    if ((ret = store_begin(st)) < 0) {
        buf_addf(err, "%s: the database is busy or cannot be written\n", path);
        goto done;
    }
    ret = csv_read(data.data, data.len, on_row, &im, &csv_err);
    if (csv_err.len) {
        ingest_locate(err, path, csv_err.data);
    }
    if (ret == 0 && im.bad) {
        ret = ERR_INVALID;
    }
    if (ret == ERR_INVALID && im.told > SIGNATORIES_MAX_REPORTED) {
        buf_addf(err, "%s: and %zu more bad rows\n", path, im.told - SIGNATORIES_MAX_REPORTED);
    }
    if (ret == 0) {
        ret = store_commit(st);
    }
    if (ret < 0) {
        store_rollback(st);
    } else {
        *count = im.stored;
    }
done:
    buf_release(&csv_err);
    buf_release(&data);
    return ret;
}
