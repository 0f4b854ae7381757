/* Decoding request bodies with cJSON. */
#include "json_in.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "core/authority.h"
#include "base/date.h"
#include "base/err.h"
#include "base/banned.h"

static int fail(const char **field, const char **why, const char *f, const char *w)
{
    *field = f;
    *why = w;
    return ERR_INVALID;
}

int json_compact_new(const char *text, size_t len, struct arena *arena, struct compact_new *out,
                     const char **field, const char **why)
{
    cJSON *root = cJSON_ParseWithLength(text, len), *name, *auths, *status, *date, *item;
    enum compact_status st;
    date_t d;
    int ret = ERR_INVALID;

    memset(out, 0, sizeof(*out));
    *field = NULL;
    *why = NULL;
    if (!root || !cJSON_IsObject(root)) {
        ret = fail(field, why, "body", "The body must be a JSON object.");
        goto cleanup;
    }
    name = cJSON_GetObjectItemCaseSensitive(root, "name");
    if (!cJSON_IsString(name) || !*name->valuestring ||
        strlen(name->valuestring) > COMPACT_NAME_MAX) {
        ret = fail(field, why, "name", "name must be a string of 1 to 200 characters.");
        goto cleanup;
    }
    auths = cJSON_GetObjectItemCaseSensitive(root, "authorities");
    if (!cJSON_IsArray(auths) || cJSON_GetArraySize(auths) < 1 ||
        cJSON_GetArraySize(auths) > COMPACT_AUTHORITIES_MAX) {
        ret = fail(field, why, "authorities",
                   "authorities must be a list of 1 to 64 GSS codes, such as [\"E08000009\"].");
        goto cleanup;
    }
    cJSON_ArrayForEach(item, auths)
    {
        if (!cJSON_IsString(item) || !gss_is_valid(item->valuestring)) {
            ret = fail(field, why, "authorities",
                       "each authority must be an English GSS code such as \"E08000009\".");
            goto cleanup;
        }
        out->authorities[out->nauthorities++] = arena_strdup(arena, item->valuestring);
    }
    status = cJSON_GetObjectItemCaseSensitive(root, "status");
    if (!cJSON_IsString(status) || compact_status_parse(status->valuestring, &st) < 0) {
        ret = fail(field, why, "status", "status must be in_development, active or inactive.");
        goto cleanup;
    }
    date = cJSON_GetObjectItemCaseSensitive(root, "status_date");
    if (!cJSON_IsString(date) || date_parse(date->valuestring, strlen(date->valuestring), &d) < 0) {
        ret =
            fail(field, why, "status_date", "status_date must be a real date written YYYY-MM-DD.");
        goto cleanup;
    }
    out->name = arena_strdup(arena, name->valuestring);
    out->status = st;
    out->status_date = arena_strdup(arena, date->valuestring);
    ret = 0;
cleanup:
    cJSON_Delete(root);
    return ret;
}

int json_commitment_patch(const char *text, size_t len, int section, struct arena *arena,
                          const char **number, const char **paraphrase, int *verified,
                          const char **field, const char **why)
{
    cJSON *root = cJSON_ParseWithLength(text, len), *item;
    int ret = 0;

    *number = NULL;
    *paraphrase = NULL;
    *verified = -1;
    *field = NULL;
    *why = NULL;
    if (!root || !cJSON_IsObject(root)) {
        ret = fail(field, why, "body", "The body must be a JSON object.");
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        if (!strcmp(item->string, "number")) {
            const char *s = cJSON_IsString(item) ? item->valuestring : "";
            size_t n = strlen(s), digits = n > 2 ? strspn(s + 2, "0123456789") : 0;
            if (n < 3 || n > 4 || s[0] - '0' != section || s[1] != '.' || digits != n - 2 ||
                s[2] == '0') {
                ret = fail(field, why, "number",
                           "number must be the section's number, a dot and a number, such as "
                           "\"4.4\", in the commitment's own section.");
                goto cleanup;
            }
            *number = arena_strdup(arena, s);
        } else if (!strcmp(item->string, "paraphrase")) {
            if (!cJSON_IsString(item) || !*item->valuestring || strlen(item->valuestring) > 1000) {
                ret = fail(field, why, "paraphrase",
                           "paraphrase must be text of 1 to 1000 characters.");
                goto cleanup;
            }
            *paraphrase = arena_strdup(arena, item->valuestring);
        } else if (!strcmp(item->string, "verified")) {
            if (!cJSON_IsBool(item)) {
                ret = fail(field, why, "verified", "verified must be true or false.");
                goto cleanup;
            }
            *verified = cJSON_IsTrue(item);
        } else {
            ret = fail(field, why, arena_strdup(arena, item->string),
                       "is not a field of a commitment.");
            goto cleanup;
        }
    }
cleanup:
    cJSON_Delete(root);
    return ret;
}

int json_organisation_draft(const char *text, size_t len, struct arena *arena,
                            struct organisation_draft *out, const char **field, const char **why)
{
    static const struct {
        const char *name;
        unsigned bit;
        const char *why;
    } fields[] = {
        {"org_id", ORG_FIELD_ORG_ID,
         "org_id must be an org-id such as \"GB-CHC-1234567\", or null."},
        {"name", ORG_FIELD_NAME, "name must be the organisation's name as a string."},
        {"type", ORG_FIELD_TYPE, "type must be a string such as \"charity\"."},
        {"sector", ORG_FIELD_SECTOR,
         "sector must be \"statutory\", \"vcs\" or \"private\", or null to follow the type."},
        {"website", ORG_FIELD_WEBSITE,
         "website must be an address starting https:// or http://, or null."},
    };
    const char **slots[] = {&out->org_id, &out->name, &out->type, &out->sector, &out->website};
    cJSON *root = cJSON_ParseWithLength(text, len), *item;
    int ret = 0;

    memset(out, 0, sizeof(*out));
    *field = NULL;
    *why = NULL;
    if (!root || !cJSON_IsObject(root)) {
        ret = fail(field, why, "body", "The body must be a JSON object.");
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        size_t i = 0;
        while (i < sizeof(fields) / sizeof(fields[0]) && strcmp(item->string, fields[i].name)) {
            i++;
        }
        if (i == sizeof(fields) / sizeof(fields[0]) && !*item->string) {
            ret = fail(field, why, "body", "A field of the body has no name.");
            goto cleanup;
        }
        if (i == sizeof(fields) / sizeof(fields[0])) {
            ret = fail(field, why, arena_strdup(arena, item->string),
                       "is not a field of an organisation: give org_id, name, type, sector and "
                       "website.");
            goto cleanup;
        }
        if (!cJSON_IsString(item) && !cJSON_IsNull(item)) {
            ret = fail(field, why, fields[i].name, fields[i].why);
            goto cleanup;
        }
        out->given |= fields[i].bit;
        *slots[i] = cJSON_IsString(item) ? arena_strdup(arena, item->valuestring) : NULL;
    }
cleanup:
    cJSON_Delete(root);
    return ret;
}
