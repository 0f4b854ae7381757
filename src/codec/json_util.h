/* What codec's JSON readers and writers share over cJSON; codec's own, never seen outside it. */
#ifndef CODEC_JSON_UTIL_H
#define CODEC_JSON_UTIL_H

#include <cjson/cJSON.h>

#include "base/arena.h"
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
/* The whole page at once: items[0..n), each size bytes, made objects by object. */
void json_list(struct buf *b, size_t total, const void *items, size_t n, size_t size,
               cJSON *(*object)(const void *item), const char *next);

/*
 * ---- writing straight into a buf ----
 * For the long lists, whose cJSON trees (an allocation per key and value, freed again) cost more
 * than reading the rows: the same bytes cJSON_PrintUnformatted gives, written once.
 */

/* v as a JSON string, escaped as cJSON escapes it, or null when v is NULL. */
void json_w_str(struct buf *b, const char *v);
/* An identifier of core's (authority_type_id, authority_set_id...), plain ASCII written as it
 * is, without looking for what to escape: never text that came from outside. */
void json_w_id(struct buf *b, const char *id);
/* v as a JSON number, as cJSON prints a whole number of up to 15 digits (ids, counts). */
void json_w_int(struct buf *b, long long v);
/* d as "YYYY-MM-DD", or null when d is 0. */
void json_w_date(struct buf *b, date_t d);
/* The start of a page of a list, {"total":total,"items":[ ; json_w_list_end closes it. */
void json_w_list_start(struct buf *b, size_t total);
void json_w_list_end(struct buf *b, const char *next);

/* ---- reading request bodies ---- */

/* Set *field and *why and return ERR_INVALID: the readers' one way to refuse. */
int json_fail(const char **field, const char **why, const char *f, const char *w);
/*
 * The one check of a body's text, before cJSON reads it: every string (names and values) is
 * well-formed UTF-8 (base/utf8.h) as sent and as its escapes decode, with no NUL (raw, or the
 * \u0000 that cJSON would read as the end of the string) and no half of a surrogate pair alone
 * (\ud800); nothing outside the strings is NUL or malformed UTF-8 either. 0, or ERR_INVALID with
 * *field the JSON path of the string at fault ("contacts.0.name", "activity.kind"; "body" for a
 * name at the top, or for bytes outside strings, or deeper than 16 levels) and *why what is
 * wrong, without its subject ("is not valid UTF-8 text"). *field comes from arena.
 */
int json_text_check(const char *text, size_t len, struct arena *arena, const char **field,
                    const char **why);
/*
 * Parse text[0..len) into *root, which must be a JSON object, its text checked first by
 * json_text_check. *field and *why are set to NULL, or on failure to the field at fault ("body"
 * when the text is not a JSON object) and a sentence naming it (from arena), and then
 * ERR_INVALID is returned. The caller frees *root (cJSON_Delete) on every path; it may be NULL.
 */
int json_parse_object(const char *text, size_t len, struct arena *arena, cJSON **root,
                      const char **field, const char **why);

#endif
