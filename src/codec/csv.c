/* CSV through libcsv: records with line numbers, and field quoting for output. */
#include "csv.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

struct reader {
    struct buf bytes; /* the current record's fields, each NUL-terminated */
    size_t *offsets;  /* where each field starts in bytes */
    size_t *lens;
    const char **fields;
    size_t n, cap;
    long line;     /* line being fed */
    long row_line; /* line the current record started on */
    csv_row_fn fn;
    void *ctx;
    int stop; /* fn's non-zero answer */
};

static void on_field(void *s, size_t len, void *arg)
{
    struct reader *r = arg;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 32;
        r->offsets = xrealloc(r->offsets, st_mult(r->cap, sizeof(*r->offsets)));
        r->lens = xrealloc(r->lens, st_mult(r->cap, sizeof(*r->lens)));
        r->fields = xrealloc(r->fields, st_mult(r->cap, sizeof(*r->fields)));
    }
    r->offsets[r->n] = r->bytes.len;
    r->lens[r->n] = len;
    buf_add(&r->bytes, s ? s : "", s ? len : 0);
    buf_addc(&r->bytes, '\0');
    r->n++;
}

static void on_row(int c, void *arg)
{
    struct reader *r = arg;
    struct csv_row row;
    (void)c;
    if (!r->stop && !buf_failed(&r->bytes)) {
        for (size_t i = 0; i < r->n; i++) {
            r->fields[i] = r->bytes.data + r->offsets[i];
        }
        row.n = r->n;
        row.fields = r->fields;
        row.lens = r->lens;
        row.line = r->row_line;
        r->stop = r->fn(&row, r->ctx);
    }
    buf_reset(&r->bytes);
    r->n = 0;
}

int csv_read(const char *data, size_t len, csv_row_fn fn, void *ctx, struct buf *err)
{
    struct csv_parser p;
    struct reader r;
    size_t pos = 0;
    int ret = ERR_INVALID;

    memset(&r, 0, sizeof(r));
    buf_init(&r.bytes, 16u << 20);
    r.fn = fn;
    r.ctx = ctx;
    r.line = 1;
    r.row_line = 1;
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
        buf_addf(err, "cannot start the CSV reader");
        goto cleanup_noparser;
    }
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        pos = 3;
    }
    /* Feed a line at a time so a record's first line is known: a record that starts while the
     * parser holds no partial record begins on the line being fed. */
    while (pos < len && !r.stop) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
        if (p.pstate == 0 && r.n == 0) { /* libcsv's ROW_NOT_BEGUN */
            r.row_line = r.line;
        }
        if (csv_parse(&p, data + pos, n, on_field, on_row, &r) != n) {
            if (r.stop) {
                break; /* the callback stopped mid-line; what follows it does not count */
            }
            buf_addf(err, "line %ld: %s", r.line, csv_strerror(csv_error(&p)));
            goto cleanup;
        }
        if (buf_failed(&r.bytes)) {
            buf_addf(err, "line %ld: record too large", r.row_line);
            ret = ERR_TOO_BIG;
            goto cleanup;
        }
        pos += n;
        r.line++;
    }
    if (!r.stop && csv_fini(&p, on_field, on_row, &r) != 0) {
        buf_addf(err, "line %ld: %s", r.row_line, csv_strerror(csv_error(&p)));
        goto cleanup;
    }
    ret = r.stop;
cleanup:
    csv_free(&p);
cleanup_noparser:
    buf_release(&r.bytes);
    free(r.offsets);
    free(r.lens);
    free(r.fields);
    return ret;
}

int csv_column(const struct csv_row *header, const char *name)
{
    for (size_t i = 0; i < header->n; i++) {
        if (!strcmp(header->fields[i], name)) {
            return (int)i;
        }
    }
    return -1;
}

void csv_field(struct buf *b, const char *s)
{
    if (!s) {
        return;
    }
    /* A cell that a spreadsheet would run as a formula is written as text. */
    int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        buf_adds(b, s);
        return;
    }
    buf_addc(b, '"');
    if (formula) {
        buf_addc(b, '\'');
    }
    for (const char *p = s; *p; p++) {
        if (*p == '"') {
            buf_addc(b, '"');
        }
        buf_addc(b, *p);
    }
    buf_addc(b, '"');
}
