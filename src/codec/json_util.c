/* What the JSON writers of codec/ share over cJSON. */
#include "json_util.h"

#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

cJSON *json_must(cJSON *item)
{
    if (!item) {
        die("out of memory building JSON");
    }
    return item;
}

void json_add_str(cJSON *o, const char *key, const char *v)
{
    json_must(v ? cJSON_AddStringToObject(o, key, v) : cJSON_AddNullToObject(o, key));
}

void json_add_date(cJSON *o, const char *key, date_t d)
{
    char s[DATE_STRLEN + 1];

    if (!d) {
        json_must(cJSON_AddNullToObject(o, key));
        return;
    }
    date_format(d, s);
    json_add_str(o, key, s);
}

void json_add_null(cJSON *o, const char *key)
{
    json_must(cJSON_AddNullToObject(o, key));
}

void json_add_num(cJSON *o, const char *key, double v)
{
    json_must(cJSON_AddNumberToObject(o, key, v));
}

void json_add_int(cJSON *o, const char *key, long long v)
{
    json_must(cJSON_AddNumberToObject(o, key, (double)v));
}

void json_print(struct buf *b, cJSON *root)
{
    char *s = cJSON_PrintUnformatted(root);

    if (!s) {
        die("out of memory printing JSON");
    }
    buf_adds(b, s);
    cJSON_free(s);
    cJSON_Delete(root);
}

cJSON *json_list_new(size_t total, cJSON **items)
{
    cJSON *root = json_must(cJSON_CreateObject());

    json_add_num(root, "total", (double)total);
    *items = json_must(cJSON_AddArrayToObject(root, "items"));
    return root;
}

void json_list_print(struct buf *b, cJSON *root, const char *next)
{
    json_add_str(root, "next", next);
    json_print(b, root);
}

int json_fail(const char **field, const char **why, const char *f, const char *w)
{
    *field = f;
    *why = w;
    return ERR_INVALID;
}

int json_parse_object(const char *text, size_t len, cJSON **root, const char **field,
                      const char **why)
{
    *field = NULL;
    *why = NULL;
    *root = cJSON_ParseWithLength(text, len);
    if (!*root || !cJSON_IsObject(*root)) {
        return json_fail(field, why, "body", "The body must be a JSON object.");
    }
    return 0;
}
