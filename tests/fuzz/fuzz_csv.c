/*
 * libFuzzer target for codec/csv.h. The input is CSV text. csv_read must hand over well-formed
 * rows on strictly increasing lines that exist in the input, stop when the callback says so,
 * and name a line when it refuses the text. Records that csv_field can write faithfully must
 * read back the same after csv_field has written them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/buf.h"
#include "base/err.h"
#include "codec/csv.h"
#include "base/banned.h"

#define STOP 42

struct count {
    long rows, last_line, max_line;
    int strict;         /* lines strictly increase: no record ends at a bare CR */
    long stop_at;       /* answer STOP on this row (1-based); 0: never */
    struct buf *copy;   /* if set, rows csv_field can write faithfully are written here */
    struct buf *fields; /* and their fields, each followed by a NUL, a '\n' after a record */
    long copied;
};

/* Would csv_field write this field so that csv_read gives it back unchanged? Not when it adds
 * the formula guard, holds a NUL, or has the spaces libcsv trims from unquoted fields. */
static int plain(const char *s, size_t len)
{
    if (strlen(s) != len) {
        return 0;
    }
    if (len && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) {
        return 0;
    }
    if (len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')) {
        return 0;
    }
    return 1;
}

static int on_row(const struct csv_row *row, void *ctx)
{
    struct count *c = ctx;
    /* A record of one empty field is written as a blank line, which CSV readers skip. */
    int copy = c->copy != NULL && !(row->n == 1 && row->lens[0] == 0);

    c->rows++;
    CHECK(row->line >= 1 && row->line <= c->max_line);
    CHECK(c->strict ? row->line > c->last_line : row->line >= c->last_line);
    c->last_line = row->line;
    CHECK(row->n >= 1);
    for (size_t i = 0; i < row->n; i++) {
        CHECK(row->fields[i] != NULL);
        CHECK(row->fields[i][row->lens[i]] == '\0');
        copy = copy && plain(row->fields[i], row->lens[i]);
    }
    if (copy) {
        for (size_t i = 0; i < row->n; i++) {
            if (i) {
                buf_addc(c->copy, ',');
            }
            csv_field(c->copy, row->fields[i]);
            buf_add(c->fields, row->fields[i], row->lens[i] + 1);
        }
        buf_addc(c->copy, '\n');
        buf_addc(c->fields, '\n');
        c->copied++;
    }
    return c->stop_at && c->rows == c->stop_at ? STOP : 0;
}

struct expect {
    const char *p, *end; /* the fields still to come, laid out as in struct count */
    long rows;
};

static int on_copy_row(const struct csv_row *row, void *ctx)
{
    struct expect *e = ctx;
    e->rows++;
    for (size_t i = 0; i < row->n; i++) {
        size_t n;
        CHECK(e->p < e->end);
        n = strlen(e->p);
        CHECK(n == row->lens[i]);
        CHECK(memcmp(e->p, row->fields[i], n) == 0);
        e->p += n + 1;
    }
    CHECK(e->p < e->end && *e->p == '\n');
    e->p++;
    return 0;
}

static void check_round_trip(const struct buf *copy, const struct buf *fields, long rows)
{
    struct buf err = BUF_INIT;
    struct expect e = {fields->data, fields->data + fields->len, 0};

    CHECK(csv_read(copy->data, copy->len, on_copy_row, &e, &err) == 0);
    CHECK(e.rows == rows);
    CHECK(e.p == e.end);
    buf_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf err = BUF_INIT, copy = BUF_INIT, fields = BUF_INIT;
    struct count all = {0}, some = {0};
    long lines = 1;
    int rc, strict = 1;

    /* Lines are counted by LF. libcsv also ends a record at a CR not followed by LF, so two
     * records may then start on one line. */
    for (size_t i = 0; i < size; i++) {
        lines += data[i] == '\n';
        strict = strict && !(data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
    }
    all.max_line = some.max_line = lines;
    all.strict = some.strict = strict;
    all.copy = &copy;
    all.fields = &fields;
    buf_adds(&copy, "\xEF\xBB\xBF"); /* so a first field that starts with a BOM keeps it */

    rc = csv_read((const char *)data, size, on_row, &all, &err);
    if (rc != 0) {
        CHECK(rc == ERR_INVALID);
        CHECK(strncmp(err.data, "line ", 5) == 0);
    } else {
        CHECK(err.len == 0);
        check_round_trip(&copy, &fields, all.copied);
    }

    /* Stopping at a row the first read reached: csv_read returns the callback's answer. */
    if (all.rows > 0) {
        buf_reset(&err);
        some.stop_at = all.rows / 2 + 1;
        CHECK(csv_read((const char *)data, size, on_row, &some, &err) == STOP);
        CHECK(some.rows == some.stop_at);
    }
    buf_release(&err);
    buf_release(&copy);
    buf_release(&fields);
    return 0;
}
