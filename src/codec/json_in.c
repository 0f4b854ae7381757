/* Decoding request bodies with cJSON. */
#include "json_in.h"

#include "json_util.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/authority.h"
#include "base/date.h"
#include "base/err.h"
#include "base/banned.h"

/* "list.i" from arena. */
static const char *at(struct arena *arena, const char *list, size_t i)
{
    char out[48];
    int n = snprintf(out, sizeof(out), "%s.%zu", list, i);
    return n > 0 && (size_t)n < sizeof(out) ? arena_strdup(arena, out) : list;
}

/* An optional date: absent leaves *out alone, null clears it (0). */
static int opt_date(const cJSON *item, const char *name, date_t *out, const char **field,
                    const char **why)
{
    if (cJSON_IsNull(item)) {
        *out = 0;
        return 0;
    }
    if (!cJSON_IsString(item) ||
        date_parse(item->valuestring, strlen(item->valuestring), out) < 0) {
        return json_fail(field, why, name, "must be a real date written YYYY-MM-DD, or null.");
    }
    return 0;
}

/* An optional string, null for none; copied to arena. */
static int opt_text(const cJSON *item, const char *name, struct arena *arena, const char **out,
                    const char **field, const char **why)
{
    if (!item || cJSON_IsNull(item)) {
        *out = NULL;
        return 0;
    }
    if (!cJSON_IsString(item)) {
        return json_fail(field, why, name, "must be text or null.");
    }
    *out = *item->valuestring ? arena_strdup(arena, item->valuestring) : NULL;
    return 0;
}

static int document_url(const cJSON *item, struct arena *arena, const char **out,
                        const char **field, const char **why)
{
    if (opt_text(item, "document_url", arena, out, field, why) < 0) {
        return ERR_INVALID;
    }
    if (*out && !compact_url_is_valid(*out)) {
        return json_fail(field, why, "document_url",
                         "must be an http or https address of at most 500 characters.");
    }
    return 0;
}

static int contacts(const cJSON *list, struct arena *arena, struct compact_contact *out, size_t *n,
                    const char **field, const char **why)
{
    const cJSON *item;

    *n = 0;
    if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) > COMPACT_CONTACTS_MAX) {
        return json_fail(field, why, "contacts",
                         "must be a list of at most 16 contacts, each {\"name\", \"role\", "
                         "\"email\", \"phone\"}.");
    }
    cJSON_ArrayForEach(item, list)
    {
        struct compact_contact *k = &out[*n];
        const char *where = at(arena, "contacts", *n);
        if (!cJSON_IsObject(item)) {
            return json_fail(field, why, where, "must be an object {\"name\", \"role\", ...}.");
        }
        memset(k, 0, sizeof(*k));
        if (opt_text(cJSON_GetObjectItemCaseSensitive(item, "name"), where, arena, &k->name, field,
                     why) < 0 ||
            opt_text(cJSON_GetObjectItemCaseSensitive(item, "role"), where, arena, &k->role, field,
                     why) < 0 ||
            opt_text(cJSON_GetObjectItemCaseSensitive(item, "email"), where, arena, &k->email,
                     field, why) < 0 ||
            opt_text(cJSON_GetObjectItemCaseSensitive(item, "phone"), where, arena, &k->phone,
                     field, why) < 0 ||
            compact_contact_check(k, where, arena, field, why) < 0) {
            return ERR_INVALID;
        }
        (*n)++;
    }
    return 0;
}

static int authorities(const cJSON *auths, struct arena *arena, const char **out, size_t *n,
                       const char **field, const char **why)
{
    const cJSON *item;

    *n = 0;
    if (!cJSON_IsArray(auths) || cJSON_GetArraySize(auths) < 1 ||
        cJSON_GetArraySize(auths) > COMPACT_AUTHORITIES_MAX) {
        return json_fail(
            field, why, "authorities",
            "authorities must be a list of 1 to 64 GSS codes, such as [\"E08000009\"].");
    }
    cJSON_ArrayForEach(item, auths)
    {
        if (!cJSON_IsString(item) || !gss_is_valid(item->valuestring)) {
            return json_fail(field, why, at(arena, "authorities", *n),
                             "each authority must be an English GSS code such as \"E08000009\".");
        }
        out[(*n)++] = arena_strdup(arena, item->valuestring);
    }
    return 0;
}

/* A Compact's name: a string of 1 to COMPACT_NAME_MAX bytes. */
static int check_name(const cJSON *name, const char **field, const char **why)
{
    if (!cJSON_IsString(name) || !*name->valuestring ||
        strlen(name->valuestring) > COMPACT_NAME_MAX) {
        return json_fail(field, why, "name", "name must be a string of 1 to 200 characters.");
    }
    return 0;
}

/* The status named by the object's "status". */
static int read_status(const cJSON *object, enum compact_status *st, const char **field,
                       const char **why)
{
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(object, "status");

    if (!cJSON_IsString(status) || compact_status_parse(status->valuestring, st) < 0) {
        return json_fail(field, why, "status",
                         "status must be in_development, active or inactive.");
    }
    return 0;
}

int json_compact_new(const char *text, size_t len, struct arena *arena, struct compact_new *out,
                     const char **field, const char **why)
{
    cJSON *root, *name, *auths, *date, *item;
    enum compact_status st;
    date_t d;
    int ret = ERR_INVALID;

    memset(out, 0, sizeof(*out));
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    name = cJSON_GetObjectItemCaseSensitive(root, "name");
    if ((ret = check_name(name, field, why)) < 0) {
        goto cleanup;
    }
    auths = cJSON_GetObjectItemCaseSensitive(root, "authorities");
    if ((ret = authorities(auths, arena, out->authorities, &out->nauthorities, field, why)) < 0) {
        goto cleanup;
    }
    if ((ret = read_status(root, &st, field, why)) < 0) {
        goto cleanup;
    }
    date = cJSON_GetObjectItemCaseSensitive(root, "status_date");
    if (!cJSON_IsString(date) || date_parse(date->valuestring, strlen(date->valuestring), &d) < 0) {
        ret = json_fail(field, why, "status_date",
                        "status_date must be a real date written YYYY-MM-DD.");
        goto cleanup;
    }
    if ((item = cJSON_GetObjectItemCaseSensitive(root, "adopted")) &&
        (ret = opt_date(item, "adopted", &out->adopted, field, why)) < 0) {
        goto cleanup;
    }
    if ((item = cJSON_GetObjectItemCaseSensitive(root, "refreshed")) &&
        (ret = opt_date(item, "refreshed", &out->refreshed, field, why)) < 0) {
        goto cleanup;
    }
    if ((item = cJSON_GetObjectItemCaseSensitive(root, "review_due")) &&
        (ret = opt_date(item, "review_due", &out->review_due, field, why)) < 0) {
        goto cleanup;
    }
    if ((ret = document_url(cJSON_GetObjectItemCaseSensitive(root, "document_url"), arena,
                            &out->document_url, field, why)) < 0) {
        goto cleanup;
    }
    if ((item = cJSON_GetObjectItemCaseSensitive(root, "contacts")) &&
        (ret = contacts(item, arena, out->contacts, &out->ncontacts, field, why)) < 0) {
        goto cleanup;
    }
    out->name = arena_strdup(arena, name->valuestring);
    out->status = st;
    out->status_date = arena_strdup(arena, date->valuestring);
    ret = compact_details_check(out->name, out->adopted, out->refreshed, out->review_due,
                                out->document_url, out->contacts, out->ncontacts, NULL, 0, arena,
                                field, why);
cleanup:
    cJSON_Delete(root);
    return ret;
}

int json_commitment_patch(const char *text, size_t len, int section, struct arena *arena,
                          const char **number, const char **paraphrase, int *verified,
                          const char **field, const char **why)
{
    cJSON *root, *item;
    int ret = 0;

    *number = NULL;
    *paraphrase = NULL;
    *verified = -1;
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        if (!strcmp(item->string, "number")) {
            const char *s = cJSON_IsString(item) ? item->valuestring : "";
            size_t n = strlen(s), digits = n > 2 ? strspn(s + 2, "0123456789") : 0;
            if (n < 3 || n > 4 || s[0] - '0' != section || s[1] != '.' || digits != n - 2 ||
                s[2] == '0') {
                ret = json_fail(field, why, "number",
                                "number must be the section's number, a dot and a number, such as "
                                "\"4.4\", in the commitment's own section.");
                goto cleanup;
            }
            *number = arena_strdup(arena, s);
        } else if (!strcmp(item->string, "paraphrase")) {
            if (!cJSON_IsString(item) || !*item->valuestring || strlen(item->valuestring) > 1000) {
                ret = json_fail(field, why, "paraphrase",
                                "paraphrase must be text of 1 to 1000 characters.");
                goto cleanup;
            }
            *paraphrase = arena_strdup(arena, item->valuestring);
        } else if (!strcmp(item->string, "verified")) {
            if (!cJSON_IsBool(item)) {
                ret = json_fail(field, why, "verified", "verified must be true or false.");
                goto cleanup;
            }
            *verified = cJSON_IsTrue(item);
        } else if (!*item->string) { /* "" (a \u0000 in a name is refused before) */
            ret = json_fail(field, why, "body", "has a field with no name.");
            goto cleanup;
        } else {
            ret = json_fail(field, why, arena_strdup(arena, item->string),
                            "is not a field of a commitment.");
            goto cleanup;
        }
    }
cleanup:
    cJSON_Delete(root);
    return ret;
}

static int code(const cJSON *item, const char *where, int with_id, struct arena *arena,
                struct compact_code *c, const char **field, const char **why)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");

    memset(c, 0, sizeof(*c));
    if (!cJSON_IsObject(item)) {
        return json_fail(field, why, where, "must be an object {\"title\", \"summary\", \"url\"}.");
    }
    if (with_id) {
        if (!cJSON_IsNumber(id) || id->valuedouble < 1 || id->valuedouble > 9e15 ||
            id->valuedouble != (double)(long long)id->valuedouble) {
            char f[64];
            int n = snprintf(f, sizeof(f), "%s.id", where);
            return json_fail(field, why,
                             n > 0 && (size_t)n < sizeof(f) ? arena_strdup(arena, f) : where,
                             "must be the id of one of the Compact's codes of practice.");
        }
        c->id = (long long)id->valuedouble;
    }
    if (opt_text(cJSON_GetObjectItemCaseSensitive(item, "title"), where, arena, &c->title, field,
                 why) < 0 ||
        opt_text(cJSON_GetObjectItemCaseSensitive(item, "summary"), where, arena, &c->summary,
                 field, why) < 0 ||
        opt_text(cJSON_GetObjectItemCaseSensitive(item, "url"), where, arena, &c->url, field, why) <
            0) {
        return ERR_INVALID;
    }
    return compact_code_check(c, where, arena, field, why);
}

static int codes(const cJSON *obj, struct arena *arena, struct compact_patch *p, const char **field,
                 const char **why)
{
    const cJSON *add = cJSON_GetObjectItemCaseSensitive(obj, "add");
    const cJSON *replace = cJSON_GetObjectItemCaseSensitive(obj, "replace");
    const cJSON *remove = cJSON_GetObjectItemCaseSensitive(obj, "remove");
    const cJSON *item;

    if (!cJSON_IsObject(obj)) {
        return json_fail(field, why, "codes",
                         "must be an object {\"add\": [...], \"replace\": [...], \"remove\": "
                         "[ids]}.");
    }
    cJSON_ArrayForEach(item, obj)
    {
        if (strcmp(item->string, "add") && strcmp(item->string, "replace") &&
            strcmp(item->string, "remove")) {
            return json_fail(field, why, "codes", "takes only add, replace and remove.");
        }
        if (!cJSON_IsArray(item) || cJSON_GetArraySize(item) > COMPACT_CODES_MAX) {
            return json_fail(field, why, "codes",
                             "add, replace and remove are lists of at most 32.");
        }
    }
    cJSON_ArrayForEach(item, add)
    {
        if (code(item, at(arena, "codes.add", p->ncodes_add), 0, arena,
                 &p->codes_add[p->ncodes_add], field, why) < 0) {
            return ERR_INVALID;
        }
        p->ncodes_add++;
    }
    cJSON_ArrayForEach(item, replace)
    {
        if (code(item, at(arena, "codes.replace", p->ncodes_replace), 1, arena,
                 &p->codes_replace[p->ncodes_replace], field, why) < 0) {
            return ERR_INVALID;
        }
        p->ncodes_replace++;
    }
    cJSON_ArrayForEach(item, remove)
    {
        if (!cJSON_IsNumber(item) || item->valuedouble < 1 || item->valuedouble > 9e15) {
            return json_fail(field, why, at(arena, "codes.remove", p->ncodes_remove),
                             "must be the id of one of the Compact's codes of practice.");
        }
        p->codes_remove[p->ncodes_remove++] = (long long)item->valuedouble;
    }
    return 0;
}

static int coordinators(const cJSON *list, struct arena *arena, struct compact_patch *p,
                        const char **field, const char **why)
{
    const cJSON *item;

    if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) > COMPACT_COORDINATORS_MAX) {
        return json_fail(field, why, "coordinators",
                         "must be a list of at most 16 coordinators' email addresses.");
    }
    cJSON_ArrayForEach(item, list)
    {
        if (!cJSON_IsString(item) || !email_is_valid(item->valuestring)) {
            return json_fail(field, why, at(arena, "coordinators", p->ncoordinators),
                             "must be the email address of a coordinator's account.");
        }
        p->coordinators[p->ncoordinators++] = arena_strdup(arena, item->valuestring);
    }
    return 0;
}

int json_compact_patch(const char *text, size_t len, int admin, struct arena *arena,
                       struct compact_patch *out, const char **field, const char **why)
{
    cJSON *root, *item;
    int ret = 0;

    memset(out, 0, sizeof(*out));
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        const char *k = item->string;
        if (!strcmp(k, "name")) {
            if ((ret = check_name(item, field, why)) < 0) {
                goto cleanup;
            }
            out->name = arena_strdup(arena, item->valuestring);
            out->fields |= PATCH_NAME;
        } else if (!strcmp(k, "authorities")) {
            ret = authorities(item, arena, out->authorities, &out->nauthorities, field, why);
            out->fields |= PATCH_AUTHORITIES;
        } else if (!strcmp(k, "adopted")) {
            ret = opt_date(item, "adopted", &out->adopted, field, why);
            out->fields |= PATCH_ADOPTED;
        } else if (!strcmp(k, "refreshed")) {
            ret = opt_date(item, "refreshed", &out->refreshed, field, why);
            out->fields |= PATCH_REFRESHED;
        } else if (!strcmp(k, "review_due")) {
            ret = opt_date(item, "review_due", &out->review_due, field, why);
            out->fields |= PATCH_REVIEW_DUE;
        } else if (!strcmp(k, "document_url")) {
            ret = document_url(item, arena, &out->document_url, field, why);
            out->fields |= PATCH_DOCUMENT_URL;
        } else if (!strcmp(k, "contacts")) {
            ret = contacts(item, arena, out->contacts, &out->ncontacts, field, why);
            out->fields |= PATCH_CONTACTS;
        } else if (!strcmp(k, "codes")) {
            ret = codes(item, arena, out, field, why);
            out->fields |= PATCH_CODES;
        } else if (!strcmp(k, "coordinators")) {
            if (!admin) {
                ret =
                    json_fail(field, why, "coordinators", "only an admin may change coordinators.");
                goto cleanup;
            }
            ret = coordinators(item, arena, out, field, why);
            out->fields |= PATCH_COORDINATORS;
        } else if (!*k) { /* "" (a \u0000 in a name is refused before) */
            ret = json_fail(field, why, "body", "has a field with no name.");
        } else {
            ret = json_fail(field, why, arena_strdup(arena, k), "is not a field of a Compact.");
        }
        if (ret < 0) {
            goto cleanup;
        }
    }
cleanup:
    cJSON_Delete(root);
    return ret;
}

int json_status_change(const char *text, size_t len, struct arena *arena, struct status_change *out,
                       const char **field, const char **why)
{
    cJSON *root, *date;
    enum compact_status st;
    int ret = ERR_INVALID;

    memset(out, 0, sizeof(*out));
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    if ((ret = read_status(root, &st, field, why)) < 0) {
        goto cleanup;
    }
    date = cJSON_GetObjectItemCaseSensitive(root, "date");
    if (!cJSON_IsString(date) ||
        date_parse(date->valuestring, strlen(date->valuestring), &out->date) < 0) {
        ret = json_fail(field, why, "date", "date must be a real date written YYYY-MM-DD.");
        goto cleanup;
    }
    out->status = st;
    ret = 0;
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
    cJSON *root, *item;
    int ret = 0;

    memset(out, 0, sizeof(*out));
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        size_t i = 0;
        while (i < sizeof(fields) / sizeof(fields[0]) && strcmp(item->string, fields[i].name)) {
            i++;
        }
        if (i == sizeof(fields) / sizeof(fields[0]) && !*item->string) {
            ret = json_fail(field, why, "body", "A field of the body has no name.");
            goto cleanup;
        }
        if (i == sizeof(fields) / sizeof(fields[0])) {
            ret =
                json_fail(field, why, arena_strdup(arena, item->string),
                          "is not a field of an organisation: give org_id, name, type, sector and "
                          "website.");
            goto cleanup;
        }
        if (!cJSON_IsString(item) && !cJSON_IsNull(item)) {
            ret = json_fail(field, why, fields[i].name, fields[i].why);
            goto cleanup;
        }
        out->given |= fields[i].bit;
        *slots[i] = cJSON_IsString(item) ? arena_strdup(arena, item->valuestring) : NULL;
    }
cleanup:
    cJSON_Delete(root);
    return ret;
}
