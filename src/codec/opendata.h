/*
 * Open data records in: 360Giving grants (a JSON grant object, or the rows of a 360Giving flat
 * CSV file) and OCDS contracting processes (a release, or a record's compiledRelease), decoded
 * into the structs of core/opendata.h and checked: identifiers, amounts, currencies and dates.
 * Known quirks are accepted and normalised with a warning (core/norm.h); anything else rejects
 * the record with a reason.
 */
#ifndef CODEC_OPENDATA_H
#define CODEC_OPENDATA_H

#include <stddef.h>

#include "core/opendata.h"
#include "base/arena.h"
#include "base/buf.h"

#define OPENDATA_WARNINGS_MAX 8

/* The quirks met in one record: each a field and what was odd about it (static strings). */
struct opendata_warnings {
    size_t n; /* how many were met, counting any past OPENDATA_WARNINGS_MAX */
    struct {
        const char *field, *what;
    } w[OPENDATA_WARNINGS_MAX];
};

/* What a file is, from its first bytes. */
enum opendata_syntax { OPENDATA_JSON, OPENDATA_CSV };
/* JSON when the first byte after a byte order mark and white space is '{' or '['. */
enum opendata_syntax opendata_sniff(const char *data, size_t len);

/*
 * Decode the JSON text of one 360Giving grant into out, strings from arena. Returns 0 (with
 * the quirks met in *w) or ERR_INVALID with *why a sentence naming the field.
 */
int grant_from_json(const char *text, size_t len, struct arena *arena, struct grant *out,
                    struct opendata_warnings *w, const char **why);

/*
 * A grant's JSON read in place, where the splitter finds it (json_split_reader's reader; the
 * text from the grant's first byte to the end of what the splitter has): *tree the tree
 * grant_from_json would read (json_tree_parse_prefix, from arena, only the members it reads),
 * the answer its length, *lines the line breaks in its white space; 0, *tree NULL: the splitter
 * is to scan the record, and grant_from_json to read it.
 */
struct cJSON;
size_t grant_read(const char *text, size_t len, int depth, long *lines, struct arena *arena,
                  const struct cJSON **tree);
/* Decode a tree grant_read read, as grant_from_json decodes the same text. */
int grant_from_tree(const struct cJSON *tree, struct arena *arena, struct grant *out,
                    struct opendata_warnings *w, const char **why);

/*
 * Decode the JSON text of one OCDS release into out; record: the text is a record, whose
 * compiledRelease is decoded. Strings from arena. Returns 0 or ERR_INVALID with *why.
 */
int contract_from_json(const char *text, size_t len, int record, struct arena *arena,
                       struct contract *out, struct opendata_warnings *w, const char **why);

/* One row of a 360Giving CSV file: grant NULL and why set when it was rejected. */
struct grant_row {
    size_t index; /* 1-based record number, the header not counted */
    long line;    /* the line it starts on */
    const struct grant *grant;
    const struct opendata_warnings *warnings;
    const char *why;
};
/* Return 0 to go on, anything else to stop the reader, which then returns that value. */
typedef int (*grant_row_fn)(const struct grant_row *row, void *ctx);

/*
 * A streaming reader of 360Giving CSV ("flat") files: fed in chunks of any size, it reads the
 * header (the columns it uses are found by name, in any order, in any case), then hands over
 * each row decoded, or rejected with a reason. Rows with every field empty are skipped. Each
 * row's strings live until the callback returns.
 */
struct grant_csv;
struct grant_csv *grant_csv_new(grant_row_fn fn, void *ctx);
void grant_csv_free(struct grant_csv *g);
/*
 * 0, fn's non-zero answer, or ERR_INVALID / ERR_TOO_BIG for a file that is not CSV or lacks a
 * column it needs, with err naming the line (and the column).
 */
int grant_csv_feed(struct grant_csv *g, const char *data, size_t len, struct buf *err);
int grant_csv_finish(struct grant_csv *g, struct buf *err);

#endif
