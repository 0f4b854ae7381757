/* What codec's JSON readers and writers share over cJSON; codec's own, never seen outside it. */
#ifndef CODEC_JSON_UTIL_H
#define CODEC_JSON_UTIL_H

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "base/date.h"

/* item, or a fatal error when cJSON could not allocate it (NULL). */
cJSON *json_must(cJSON *item);
/* key: v as a string, or null when v is NULL. */
void json_add_str(cJSON *o, const char *key, const char *v);
/* key: d as "YYYY-MM-DD", or null when d is 0. */
void json_add_date(cJSON *o, const char *key, date_t d);
/* key: null. */
void json_add_null(cJSON *o, const char *key);
/* key: a number. */
void json_add_num(cJSON *o, const char *key, double v);
/* key: a whole number. */
void json_add_int(cJSON *o, const char *key, long long v);
/* Append root printed without spaces to b, and free root. */
void json_print(struct buf *b, cJSON *root);

/*
 * A page of a list, as the API returns them: {"total": total, "items": [...], "next": ...}.
 * json_list_new makes the object with *items its empty array for the caller to fill;
 * json_list_print adds next (null when NULL), prints the object to b and frees it.
 */
cJSON *json_list_new(size_t total, cJSON **items);
void json_list_print(struct buf *b, cJSON *root, const char *next);

/* ---- reading request bodies ---- */

/* Set *field and *why and return ERR_INVALID: the readers' one way to refuse. */
int json_fail(const char **field, const char **why, const char *f, const char *w);
/*
 * Parse text[0..len) into *root, which must be a JSON object. *field and *why are set to NULL,
 * or on failure to "body" and why, and then ERR_INVALID is returned. The caller frees *root
 * (cJSON_Delete) on every path; it may be NULL.
 */
int json_parse_object(const char *text, size_t len, cJSON **root, const char **field,
                      const char **why);

#endif
