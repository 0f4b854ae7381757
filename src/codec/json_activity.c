/* A recorded activity in JSON, with cJSON. */
#include "json_activity.h"

#include "json_util.h"

#include <string.h>

#include "core/commitments.h"
#include "base/err.h"
#include "base/banned.h"

/* {"org_id", "name"}, or null without an org-id. */
static void add_org(cJSON *o, const char *key, const char *org_id, const char *name)
{
    cJSON *org;

    if (!org_id) {
        json_add_null(o, key);
        return;
    }
    org = json_must(cJSON_AddObjectToObject(o, key));
    json_add_str(org, "org_id", org_id);
    json_add_str(org, "name", name);
}

void json_activity(struct buf *b, const struct recorded_activity *a, const char *const *numbers)
{
    cJSON *o = json_must(cJSON_CreateObject()), *compact, *list;

    json_add_int(o, "id", a->id);
    compact = json_must(cJSON_AddObjectToObject(o, "compact"));
    json_add_int(compact, "id", a->compact_id);
    json_add_str(compact, "name", a->compact_name);
    json_add_str(o, "title", a->details.title);
    json_add_str(o, "kind", a->kind);
    json_add_str(o, "status", a->withdrawn_at ? "withdrawn" : "recorded");
    add_org(o, "organisation", a->details.org, a->org_name);
    add_org(o, "recorded_for", a->recorder_org, a->recorder_org_name);
    if (a->details.amount_pence == ACTIVITY_NO_AMOUNT) {
        json_add_null(o, "amount");
    } else {
        json_add_num(o, "amount", (double)a->details.amount_pence / 100);
    }
    json_add_date(o, "decision_date", a->details.decision_date);
    json_add_str(o, "recorded_by", a->recorded_by);
    json_add_str(o, "recorded_at", a->recorded_at);
    json_add_date(o, "checked_on", a->checked_on);
    json_add_str(o, "overall", a->overall);
    json_must(a->facts ? cJSON_AddRawToObject(o, "activity", a->facts)
                       : cJSON_AddNullToObject(o, "activity"));
    list = json_must(cJSON_AddArrayToObject(o, "findings"));
    for (size_t i = 0; i < a->nfindings; i++) {
        const struct finding_record *f = &a->findings[i];
        cJSON *item = json_must(cJSON_CreateObject());
        enum rule r;
        json_add_str(item, "rule", f->rule);
        json_add_str(item, "commitment",
                     numbers && rule_parse(f->rule, &r) == 0 ? numbers[r]
                                                             : commitment_for_rule(f->rule));
        json_add_str(item, "verdict", f->verdict);
        json_add_str(item, "explanation", f->explanation);
        json_add_str(item, "due_date", f->due_date);
        cJSON_AddItemToArray(list, item);
    }
    if (a->withdrawn_at) {
        cJSON *w = json_must(cJSON_AddObjectToObject(o, "withdrawn"));
        json_add_str(w, "at", a->withdrawn_at);
        json_add_str(w, "by", a->withdrawn_by);
        json_add_str(w, "reason", a->withdrawn_reason);
    } else {
        json_add_null(o, "withdrawn");
    }
    json_print(b, o);
}

int json_activity_withdrawal(const char *text, size_t len, struct arena *arena, const char **reason,
                             const char **field, const char **why)
{
    cJSON *root, *item;
    int ret;

    *reason = NULL;
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        if (strcmp(item->string, "reason")) {
            ret = json_fail(field, why, arena_strdup(arena, item->string),
                            "Only the reason is part of a withdrawal: {\"reason\": \"...\"}.");
            goto cleanup;
        }
    }
    item = cJSON_GetObjectItemCaseSensitive(root, "reason");
    if (!cJSON_IsString(item)) {
        ret = json_fail(field, why, "reason", "The reason is needed: say why it is withdrawn.");
        goto cleanup;
    }
    *reason = arena_strdup(arena, item->valuestring);
cleanup:
    cJSON_Delete(root);
    return ret;
}
