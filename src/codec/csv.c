/* CSV through libcsv: records with line numbers, and field quoting for output. */
#include "csv.h"

#include <csv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* libcsv's parser states (struct csv_parser's pstate), which it does not name in csv.h. */
enum { ROW_NOT_BEGUN, FIELD_NOT_BEGUN, FIELD_BEGUN, FIELD_MIGHT_HAVE_ENDED };

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
    int stop;            /* fn's non-zero answer, or the reader's own refusal */
    struct buf *err;     /* the caller's, while feeding */
    unsigned long nread; /* fields read so far, all records */
    size_t columns;      /* the header's fields; 0 until it is read */
    struct buf header;   /* its fields, each NUL-terminated, to name a column */
    int finishing;       /* csv_fini hands over the last record, which no line break ended */
};

/* Refuse the text: the reader stops with ERR_INVALID and err says why. */
static void refuse(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void refuse(struct reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(r->err, fmt, ap);
    va_end(ap);
    r->stop = ERR_INVALID;
}

/* Append how the field i of a record is called: its column's name in the header, or its place. */
static void name_field(struct reader *r, size_t i, struct buf *b)
{
    const char *name = r->header.data;
    for (size_t k = 0; k < i && k < r->columns; k++) {
        name += strlen(name) + 1;
    }
    if (i < r->columns && *name) {
        buf_addf(b, "column '%s'", name);
    } else {
        buf_addf(b, "field %zu", i + 1);
    }
}

/* A field must be UTF-8 text without NUL: else refuse it, naming the line of the bad byte (the
 * line being fed, less the line breaks after that byte in the field). */
static int field_is_text(struct reader *r, const char *s, size_t len)
{
    struct buf what = BUF_INIT;
    size_t bad;
    long line = r->line;

    if (utf8_check(s, len, &bad) == 0) {
        return 1;
    }
    for (size_t i = bad; i < len; i++) {
        line -= s[i] == '\n';
    }
    name_field(r, r->n, &what);
    if (s[bad]) {
        refuse(r, "line %ld: %s is not valid UTF-8 (byte 0x%02X): save the file as UTF-8", line,
               what.data, (unsigned)(unsigned char)s[bad]);
    } else {
        refuse(r, "line %ld: %s holds a NUL byte", line, what.data);
    }
    buf_release(&what);
    return 0;
}

static void on_field(void *s, size_t len, void *arg)
{
    struct reader *r = arg;
    r->nread++;
    if (r->stop || !field_is_text(r, s ? s : "", s ? len : 0)) {
        return;
    }
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
    if (!r->stop && r->columns && r->n != r->columns) {
        if (r->finishing && r->n < r->columns) {
            refuse(r,
                   "line %ld: the file ends in the middle of a record (%zu of the header's %zu "
                   "fields)",
                   r->row_line, r->n, r->columns);
        } else {
            refuse(r, "line %ld: the record has %zu fields, the header %zu", r->row_line, r->n,
                   r->columns);
        }
    }
    if (!r->stop && !r->columns) {
        r->columns = r->n;
        for (size_t i = 0; i < r->n; i++) {
            buf_adds(&r->header, r->bytes.data + r->offsets[i]);
            buf_addc(&r->header, '\0');
        }
    }
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
    /* where the quoted field being read started, when it runs over lines */
    int line_quoted;           /* the line being fed started inside a quoted field */
    unsigned long line_fields; /* fields read when it started */
    long quote_line;           /* the line the quoted field open at the last line end began on */
};

/* Inside a quoted field, after its opening quote and before its closing one. */
static int in_quoted(const struct csv_parser *p)
{
    return p->quoted && p->pstate == FIELD_BEGUN;
}

/* The line the quoted field being read starts on: an earlier line's when it has run on from
 * there with no field ended since (at_start: no byte of the current line fed yet). */
static long quote_start(const struct csv_stream *s, int at_start)
{
    if (at_start || (s->line_quoted && s->r.nread == s->line_fields)) {
        return s->quote_line;
    }
    return s->r.line;
}

/* What is wrong where libcsv stopped, in words, at the line where the fault is. */
static void parse_error(struct csv_stream *s, struct buf *err)
{
    long line = s->r.line, start = quote_start(s, 0);

    if (s->p.pstate == FIELD_MIGHT_HAVE_ENDED && start < line) {
        buf_addf(err,
                 "line %ld: the quoted field that starts here runs on to line %ld, where a quote "
                 "is followed by more text: a stray quote?",
                 start, line);
    } else if (s->p.pstate == FIELD_MIGHT_HAVE_ENDED) {
        buf_addf(err,
                 "line %ld: text after the closing quote of a field (a quote inside a quoted "
                 "field is written twice: \"\")",
                 line);
    } else if (s->p.pstate == FIELD_BEGUN && !s->p.quoted) {
        buf_addf(err,
                 "line %ld: a quote inside a field that does not start with one (quote the "
                 "field and write the quote twice: \"\")",
                 line);
    } else {
        buf_addf(err, "line %ld: %s", line, csv_strerror(csv_error(&s->p)));
    }
}

struct csv_stream *csv_stream_new(csv_row_fn fn, void *ctx)
{
    struct csv_stream *s = xcalloc(1, sizeof(*s));
    buf_init(&s->r.bytes, 16u << 20);
    s->r.fn = fn;
    s->r.ctx = ctx;
    buf_init(&s->r.header, 0);
    s->r.line = 1;
    s->r.row_line = 1;
    s->at_line_start = 1;
    if (csv_init(&s->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
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
    buf_release(&s->r.header);
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

    r->err = err;
    while (pos < len && !r->stop) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
        if (s->at_line_start) {
            /* a record that starts while the parser holds no partial record begins here */
            if (s->p.pstate == ROW_NOT_BEGUN && r->n == 0) {
                r->row_line = r->line;
            }
            s->line_quoted = in_quoted(&s->p);
            s->line_fields = r->nread;
        }
        if (csv_parse(&s->p, data + pos, n, on_field, on_row, r) != n) {
            if (r->stop) {
                break; /* stopped mid-line; what follows does not count */
            }
            parse_error(s, err);
            return ERR_INVALID;
        }
        if (buf_failed(&r->bytes)) {
            buf_addf(err, "line %ld: record too large", r->row_line);
            return ERR_TOO_BIG;
        }
        if (nl && in_quoted(&s->p)) {
            s->quote_line = quote_start(s, 0);
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
    s->r.err = err;
    s->r.finishing = 1;
    if (in_quoted(&s->p)) {
        buf_addf(err,
                 "line %ld: a quoted field starts here and the file ends before its closing quote",
                 quote_start(s, s->at_line_start));
        s->ret = ERR_INVALID;
        return s->ret;
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
