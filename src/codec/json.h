/* JSON out: authorities and RFC 9457 problem details, written through cJSON. */
#ifndef CODEC_JSON_H
#define CODEC_JSON_H

#include <stddef.h>

#include "base/buf.h"
#include "core/authority.h"

/* {"gss", "name", "official_name", "type", "code", "county_gss", "region", ...} */
void json_authority(struct buf *b, const struct authority *a);
/* {"total": total, "items": [...], "next": next or null} */
void json_authority_list(struct buf *b, size_t total, const struct authority *items, size_t n,
                         const char *next);
/*
 * An RFC 9457 problem: {"type", "title", "status", "detail"[, "param"]}. type is a URI
 * reference (e.g. "about:blank"); detail and param may be NULL.
 */
void json_problem(struct buf *b, int status, const char *type, const char *title,
                  const char *detail, const char *param);

/* A CSV table of authorities with a header line. */
void csv_authority_list(struct buf *b, const struct authority *items, size_t n);

#endif
