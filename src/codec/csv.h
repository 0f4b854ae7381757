/*
 * CSV (RFC 4180) reading through libcsv, and writing. A reader hands each record to a callback
 * with the line it started on, so importers can name the line of a bad row.
 */
#ifndef CODEC_CSV_H
#define CODEC_CSV_H

#include <stddef.h>

#include "base/buf.h"

struct csv_row {
    size_t n;            /* fields in this record */
    const char **fields; /* NUL-terminated, borrowed until the callback returns */
    const size_t *lens;
    long line; /* 1-based line the record starts on */
};

/* Return 0 to go on, anything else to stop the reader, which then returns that value. */
typedef int (*csv_row_fn)(const struct csv_row *row, void *ctx);

/*
 * Read the CSV text data[0..len), skipping a leading UTF-8 byte order mark. Calls fn for every
 * record, the header (the first record) included. Returns 0, fn's non-zero value, or
 * ERR_INVALID for text that is not well-formed, with "line N: what" in err, N the line of the
 * fault: a quote out of place (a quoted field running on over lines from a stray quote is named
 * at the line it starts on), a quoted field the end of the file leaves open, a record with more
 * or fewer fields than the header (one cut short by the end of the file too), a field that is not
 * UTF-8 or holds a NUL byte (base/utf8.h). Blank lines are skipped.
 */
int csv_read(const char *data, size_t len, csv_row_fn fn, void *ctx, struct buf *err);

/*
 * The same, streaming: a reader fed the text in chunks of any size (a large file a block at a
 * time), holding no more than the record being read. feed and finish return what csv_read
 * would (0, fn's non-zero value, ERR_INVALID or ERR_TOO_BIG with err naming the line); after
 * a failure or a stop they return it again.
 */
struct csv_stream;
struct csv_stream *csv_stream_new(csv_row_fn fn, void *ctx);
int csv_stream_feed(struct csv_stream *s, const char *data, size_t len, struct buf *err);
int csv_stream_finish(struct csv_stream *s, struct buf *err);
void csv_stream_free(struct csv_stream *s);

/* The index of the field named name in a header row, or -1. */
int csv_column(const struct csv_row *header, const char *name);

/* Append s as one CSV field: quoted when it holds a comma, quote or line break. */
void csv_field(struct buf *b, const char *s);
/* Append fields[0..n) as one record, each a csv_field, ended by CRLF. */
void csv_record(struct buf *b, const char *const *fields, size_t n);

#endif
