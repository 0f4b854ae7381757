/*
 * A streaming splitter for large JSON files of records. It is fed the file in chunks of any size
 * and hands over each record's bytes, one at a time, so memory is bounded by the largest record
 * rather than by the file. It does not decode: each record is whole JSON text for a decoder.
 *
 * What it accepts (after an optional UTF-8 byte order mark):
 *   - a top-level array: each element is a record (JSON_SPLIT_ARRAY);
 *   - a top-level object with one of the named keys (e.g. "grants", "releases", "records")
 *     whose value is an array: each element of that array is a record, the rest of the object
 *     is skipped (JSON_SPLIT_KEY; only the first such key counts);
 *   - a top-level object without such a key: the object is the one record (JSON_SPLIT_VALUE);
 *   - JSON lines: values one to a line, each a record (JSON_SPLIT_LINES; a bare value followed
 *     by another on a later line). Once the file is known to be JSON lines a record that does not
 *     end on its line is refused there, not at the end of the file.
 * It tracks strings, escapes and nesting (brackets must match) and refuses anything else with
 * the line and byte offset. Elements themselves are checked only for strings and brackets. Only
 * text is split: bytes that are not UTF-8 or NUL (base/utf8.h), a line break inside a string
 * and a \u0000 escape (which a decoder would read as the end of the string) are refused where
 * they are, whatever the chunks; a file that ends inside a record names the line it starts on.
 */
#ifndef CODEC_JSON_SPLIT_H
#define CODEC_JSON_SPLIT_H

#include <stddef.h>

struct json_split;

struct json_split_item {
    const char *data;          /* the record's bytes, NUL-terminated; borrowed for the call */
    size_t len;                /* without the NUL */
    size_t index;              /* 1-based record number */
    long line;                 /* 1-based line the record starts on */
    unsigned long long offset; /* 0-based byte offset of its first byte in the file */
    const char *key;           /* the key of the array it came from, or NULL */
    int read;                  /* read whole by the splitter's reader (json_split_reader): data
                                  is then in the fed chunk, not NUL-terminated */
};

/* Return 0 to go on, anything else to stop: feed and finish then return that value. */
typedef int (*json_split_fn)(const struct json_split_item *item, void *ctx);

enum json_split_shape {
    JSON_SPLIT_NONE,  /* nothing seen yet */
    JSON_SPLIT_ARRAY, /* [record, ...] */
    JSON_SPLIT_KEY,   /* {"key": [record, ...], ...} */
    JSON_SPLIT_VALUE, /* a single record */
    JSON_SPLIT_LINES, /* record \n record \n ... */
};

/* Most nesting the splitter follows; deeper input is refused. */
#define JSON_SPLIT_MAX_DEPTH 512

/*
 * A splitter that looks for the arrays under keys (a NULL-terminated list, borrowed for the
 * splitter's life; NULL for none) and hands records of at most max bytes (0: 64 MB) to fn.
 * Free it with json_split_free.
 */
struct json_split *json_split_new(const char *const *keys, size_t max, json_split_fn fn, void *ctx);
void json_split_free(struct json_split *s);

/*
 * Optional: a reader of whole records, so that a record's bytes are read once, not scanned here
 * then read again by the decoder. Where a record (an object or an array) starts, the splitter
 * may hand it text[0..len), from the record's first byte to the end of the bytes it has (already
 * checked as UTF-8 without NUL); the reader reads one value there (json_tree_parse_prefix) and
 * keeps what it read in ctx, and answers the value's length, with *lines the line breaks it read
 * as white space, no deeper than depth; or 0 for anything it does not read (not strict JSON,
 * cut short). The splitter then hands that record to fn with item->read set, or, when it would
 * not hand over those very bytes, scans it as before (item->read 0: what the reader kept is
 * stale). Nothing else changes: the same records, refusals, lines and offsets.
 */
typedef size_t (*json_split_read_fn)(const char *text, size_t len, int depth, long *lines,
                                     void *ctx);
void json_split_reader(struct json_split *s, json_split_read_fn read);

/*
 * Feed the next len bytes. Returns 0, fn's non-zero answer, ERR_INVALID (malformed) or
 * ERR_TOO_BIG (a record over max); after a failure every later call returns it again and
 * json_split_error says what and where ("line 3, byte 41: ...").
 */
int json_split_feed(struct json_split *s, const void *data, size_t len);
/* The end of the input: a document cut short or no value at all is ERR_INVALID. */
int json_split_finish(struct json_split *s);

enum json_split_shape json_split_shape(const struct json_split *s);
/* The key whose array is being split (JSON_SPLIT_KEY), else NULL. */
const char *json_split_key(const struct json_split *s);
/* The message of the failure, or "". */
const char *json_split_error(const struct json_split *s);
/* Bytes fed so far. */
unsigned long long json_split_offset(const struct json_split *s);

#endif
