/* What the JSON writers of codec/ share over cJSON; codec's own, never seen outside it. */
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

#endif
