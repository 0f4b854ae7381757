/* Signatories in JSON, with cJSON. */
#include "json_signatory.h"

#include "json_util.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "core/signatory.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

static int read_date(const cJSON *v, date_t *out)
{
    *out = 0;
    return cJSON_IsString(v) ? date_parse(v->valuestring, strlen(v->valuestring), out)
                             : ERR_INVALID;
}

int json_signatory_new(const char *text, size_t len, struct arena *arena, const char **organisation,
                       const char **role, date_t *signed_on, date_t *withdrawn_on,
                       const char **field, const char **why)
{
    cJSON *root, *item;
    const char *bad;
    int ret = ERR_INVALID;

    *organisation = NULL;
    *role = NULL;
    *signed_on = 0;
    *withdrawn_on = 0;
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        if (strcmp(item->string, "organisation") && strcmp(item->string, "signed_on") &&
            strcmp(item->string, "role") && strcmp(item->string, "withdrawn_on")) {
            /* a key "" is named as the body (json_parse_object refused any NUL) */
            ret = json_fail(field, why, *item->string ? arena_strdup(arena, item->string) : "body",
                            "is not a field of a signatory: give organisation, signed_on, role and "
                            "withdrawn_on.");
            goto cleanup;
        }
    }
    item = cJSON_GetObjectItemCaseSensitive(root, "organisation");
    if (!cJSON_IsString(item) || !*item->valuestring) {
        ret = json_fail(
            field, why, "organisation",
            "organisation must be the organisation's org-id (such as \"GB-CHC-1234567\"), "
            "its number, or its exact name.");
        goto cleanup;
    }
    *organisation = arena_strdup(arena, item->valuestring);
    if (read_date(cJSON_GetObjectItemCaseSensitive(root, "signed_on"), signed_on) < 0) {
        ret =
            json_fail(field, why, "signed_on", "signed_on must be a real date written YYYY-MM-DD.");
        goto cleanup;
    }
    item = cJSON_GetObjectItemCaseSensitive(root, "role");
    if (!cJSON_IsString(item)) {
        ret = json_fail(field, why, "role",
                        "role must name who signed, such as \"Chief Executive\": 1 to 200 "
                        "characters.");
        goto cleanup;
    }
    *role = arena_strdup(arena, item->valuestring);
    item = cJSON_GetObjectItemCaseSensitive(root, "withdrawn_on");
    if (item && !cJSON_IsNull(item) && read_date(item, withdrawn_on) < 0) {
        ret = json_fail(field, why, "withdrawn_on",
                        "withdrawn_on must be a real date written YYYY-MM-DD, or null.");
        goto cleanup;
    }
    if (signatory_check(*role, *signed_on, *withdrawn_on, &bad) < 0) {
        ret =
            json_fail(field, why, bad,
                      !strcmp(bad, "role")
                          ? "role must name who signed, such as \"Chief Executive\": 1 to 200 "
                            "characters."
                          : "withdrawn_on must be after signed_on: an organisation withdraws after "
                            "it signs.");
        goto cleanup;
    }
    ret = 0;
cleanup:
    if (ret < 0) {
        *organisation = NULL;
        *role = NULL;
        *signed_on = 0;
        *withdrawn_on = 0;
    }
    cJSON_Delete(root);
    return ret;
}

int json_signatory_withdrawal(const char *text, size_t len, struct arena *arena,
                              date_t *withdrawn_on, const char **field, const char **why)
{
    cJSON *root, *item;
    int ret = ERR_INVALID;

    *withdrawn_on = 0;
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        if (strcmp(item->string, "withdrawn_on")) {
            ret = json_fail(field, why, "body", "Only withdrawn_on may be changed.");
            goto cleanup;
        }
    }
    if (read_date(cJSON_GetObjectItemCaseSensitive(root, "withdrawn_on"), withdrawn_on) < 0) {
        ret = json_fail(field, why, "withdrawn_on",
                        "withdrawn_on must be a real date written YYYY-MM-DD.");
        goto cleanup;
    }
    ret = 0;
cleanup:
    cJSON_Delete(root);
    return ret;
}

void json_signatory_list(struct buf *b, const struct signatory *items, size_t n)
{
    cJSON *arr, *root = json_list_new(n, &arr);

    for (size_t i = 0; i < n; i++) {
        const struct signatory *g = &items[i];
        cJSON *o = json_must(cJSON_CreateObject());
        json_must(cJSON_AddNumberToObject(o, "id", (double)g->id));
        json_must(cJSON_AddNumberToObject(o, "compact_id", (double)g->compact_id));
        json_add_str(o, "compact_name", g->compact_name);
        json_add_str(o, "organisation", g->org_ref);
        json_add_str(o, "organisation_name", g->org_name);
        json_add_str(o, "role", g->role);
        json_add_date(o, "signed_on", g->signed_on);
        json_add_date(o, "withdrawn_on", g->withdrawn_on);
        json_must(cJSON_AddBoolToObject(o, "current", !g->withdrawn_on));
        cJSON_AddItemToArray(arr, o);
    }
    json_print(b, root);
}
