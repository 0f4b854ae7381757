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

struct csv_stream {
    struct csv_parser p;
    struct reader r;
    int bom;           /* byte order mark bytes matched so far; 3 or -1 when past it */
    int at_line_start; /* the next byte fed starts a line */
    int ret;           /* sticky: a failure or the callback's stop */
};

struct csv_stream *csv_stream_new(csv_row_fn fn, void *ctx)
{
    struct csv_stream *s = xcalloc(1, sizeof(*s));
    buf_init(&s->r.bytes, 16u << 20);
    s->r.fn = fn;
    s->r.ctx = ctx;
    s->r.line = 1;
    s->r.row_line = 1;
    s->at_line_start = 1;
    if (csv_init(&s->p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
        die("cannot start the CSV reader");
    }
    return s;
}

void csv_stream_free(struct csv_stream *s)
{
    if (!s) {
        return;
    }
    csv_free(&s->p);
    buf_release(&s->r.bytes);
    free(s->r.offsets);
    free(s->r.lens);
    free(s->r.fields);
    free(s);
}

/* Feed data[0..len) to libcsv a line at a time, so a record's first line is known. */
static int feed_lines(struct csv_stream *s, const char *data, size_t len, struct buf *err)
{
    struct reader *r = &s->r;
    size_t pos = 0;

    while (pos < len && !r->stop) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
        /* a record that starts while the parser holds no partial record begins on this line */
        if (s->at_line_start && s->p.pstate == 0 && r->n == 0) { /* libcsv's ROW_NOT_BEGUN */
            r->row_line = r->line;
        }
        if (csv_parse(&s->p, data + pos, n, on_field, on_row, r) != n) {
            if (r->stop) {
                break; /* the callback stopped mid-line; what follows it does not count */
            }
            buf_addf(err, "line %ld: %s", r->line, csv_strerror(csv_error(&s->p)));
            return ERR_INVALID;
        }
        if (buf_failed(&r->bytes)) {
            buf_addf(err, "line %ld: record too large", r->row_line);
            return ERR_TOO_BIG;
        }
        pos += n;
        s->at_line_start = nl != NULL;
        r->line += nl != NULL;
    }
    return r->stop;
}

int csv_stream_feed(struct csv_stream *s, const char *data, size_t len, struct buf *err)
{
    static const char bom[] = "\xEF\xBB\xBF";

    if (s->ret) {
        return s->ret;
    }
    while (s->bom >= 0 && s->bom < 3 && len) {
        if (*data != bom[s->bom]) {
            /* not a byte order mark after all: what matched of it is data */
            int matched = s->bom;
            s->bom = -1;
            if (matched && (s->ret = feed_lines(s, bom, (size_t)matched, err)) != 0) {
                return s->ret;
            }
            break;
        }
        s->bom++;
        data++;
        len--;
    }
    if (s->bom >= 0 && s->bom < 3) {
        return 0;
    }
    s->ret = feed_lines(s, data, len, err);
    return s->ret;
}

int csv_stream_finish(struct csv_stream *s, struct buf *err)
{
    if (s->ret) {
        return s->ret;
    }
    if (s->bom > 0 && s->bom < 3) {
        int matched = s->bom;
        s->bom = -1;
        if ((s->ret = feed_lines(s, "\xEF\xBB\xBF", (size_t)matched, err)) != 0) {
            return s->ret;
        }
    }
    if (csv_fini(&s->p, on_field, on_row, &s->r) != 0) {
        buf_addf(err, "line %ld: %s", s->r.row_line, csv_strerror(csv_error(&s->p)));
        s->ret = ERR_INVALID;
        return s->ret;
    }
    s->ret = s->r.stop;
    return s->ret;
}

int csv_read(const char *data, size_t len, csv_row_fn fn, void *ctx, struct buf *err)
{
    struct csv_stream *s = csv_stream_new(fn, ctx);
    int ret = csv_stream_feed(s, data, len, err);
    if (!ret) {
        ret = csv_stream_finish(s, err);
    }
    csv_stream_free(s);
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

void csv_record(struct buf *b, const char *const *fields, size_t n)
{
    for (size_t f = 0; f < n; f++) {
        if (f) {
            buf_addc(b, ',');
        }
        csv_field(b, fields[f]);
    }
    buf_adds(b, "\r\n");
}
