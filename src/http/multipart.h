/*
 * multipart/form-data (RFC 7578) as a form with one file sends it: a strict reader, pure (no
 * libevent) so that its fuzz target drives it alone. What it does not understand it refuses,
 * naming what is wrong, rather than guess.
 */
#ifndef HTTP_MULTIPART_H
#define HTTP_MULTIPART_H

#include <stddef.h>

#include "query.h"
#include "base/arena.h"

/* The one file part of a form; data points into the body read (not copied). */
struct multipart_file {
    const char *field;        /* its form field's name; NULL when no file part came */
    const char *filename;     /* as the sender named it (may be ""), from the arena */
    const char *content_type; /* as sent, or NULL */
    const char *data;
    size_t len;
};

/*
 * Whether content_type (a Content-Type header's value) is multipart/form-data: the boundary it
 * names into *boundary (from the arena, 1 to 70 characters), or NULL when it is not multipart.
 */
int multipart_is(const char *content_type, struct arena *arena, const char **boundary);

/*
 * Read body[0..len), sent with boundary: its text fields into q (decoded values, UTF-8 without
 * NUL or control characters but tab and line breaks, at most QUERY_MAX_PARAMS), its one file
 * part into *file (file->field NULL when there is none; an empty file input sends a part with
 * filename "" and no bytes, which counts as none). Every part needs a Content-Disposition of
 * form-data with a name; a second file part, a missing closing boundary, bytes after a part
 * that are not a boundary, or headers over 8 KiB are ERR_INVALID with q->error set.
 */
int multipart_parse(const char *boundary, const char *body, size_t len, struct arena *arena,
                    struct query *q, struct multipart_file *file);

#endif
