/* Authorities and problems as JSON (cJSON) and CSV. */
#include "json.h"

#include "json_util.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "base/xalloc.h"
#include "base/banned.h"

static cJSON *authority_object(const void *item)
{
    const struct authority *a = item;
    cJSON *o = json_must(cJSON_CreateObject());
    cJSON *sets;

    json_add_str(o, "gss", a->gss);
    json_add_str(o, "name", a->name);
    json_add_str(o, "official_name", a->official_name);
    json_add_str(o, "type", authority_type_id(a->type));
    json_add_str(o, "code", a->code);
    json_add_str(o, "county_gss", a->county_gss);
    json_add_str(o, "region", a->region);
    json_add_str(o, "gss_2011", a->gss_2011 ? a->gss_2011 : a->gss);
    json_add_str(o, "start_date", a->start_date);
    json_add_str(o, "end_date", a->end_date);
    sets = json_must(cJSON_AddArrayToObject(o, "sets"));
    for (int s = 0; s < AUTH_SET_COUNT; s++) {
        if (a->sets & (1u << s)) {
            cJSON_AddItemToArray(sets, json_must(cJSON_CreateString(authority_set_id(s))));
        }
    }
    return o;
}

void json_authority(struct buf *b, const struct authority *a)
{
    json_print(b, authority_object(a));
}

void json_authority_item(struct buf *b, const struct authority *a)
{
    const char *sep = "";

    buf_adds(b, "{\"gss\":");
    json_w_str(b, a->gss);
    buf_adds(b, ",\"name\":");
    json_w_str(b, a->name);
    buf_adds(b, ",\"official_name\":");
    json_w_str(b, a->official_name);
    buf_adds(b, ",\"type\":");
    json_w_id(b, authority_type_id(a->type));
    buf_adds(b, ",\"code\":");
    json_w_str(b, a->code);
    buf_adds(b, ",\"county_gss\":");
    json_w_str(b, a->county_gss);
    buf_adds(b, ",\"region\":");
    json_w_str(b, a->region);
    buf_adds(b, ",\"gss_2011\":");
    json_w_str(b, a->gss_2011 ? a->gss_2011 : a->gss);
    buf_adds(b, ",\"start_date\":");
    json_w_str(b, a->start_date);
    buf_adds(b, ",\"end_date\":");
    json_w_str(b, a->end_date);
    buf_adds(b, ",\"sets\":[");
    for (int s = 0; s < AUTH_SET_COUNT; s++) {
        if (a->sets & (1u << s)) {
            buf_adds(b, sep);
            json_w_id(b, authority_set_id(s));
            sep = ",";
        }
    }
    buf_adds(b, "]}");
}

void json_problem(struct buf *b, int status, const char *type, const char *title,
                  const char *detail, const char *param)
{
    cJSON *root = json_must(cJSON_CreateObject());
    json_add_str(root, "type", type);
    json_add_str(root, "title", title);
    json_must(cJSON_AddNumberToObject(root, "status", status));
    if (detail) {
        json_add_str(root, "detail", detail);
    }
    if (param) {
        json_add_str(root, "param", param);
    }
    json_print(b, root);
}

void json_user(struct buf *b, const struct user *u)
{
    cJSON *o = json_must(cJSON_CreateObject());
    json_must(cJSON_AddNumberToObject(o, "id", (double)u->id));
    json_add_str(o, "email", u->email);
    json_add_str(o, "name", u->name);
    json_add_str(o, "role", role_id(u->role));
    json_add_str(o, "org_id", u->org_id);
    json_print(b, o);
}

void json_audit_list(struct buf *b, const struct audit_entry *items, size_t n)
{
    cJSON *arr = json_must(cJSON_CreateArray());
    for (size_t i = 0; i < n; i++) {
        cJSON *o = json_must(cJSON_CreateObject());
        const struct audit_entry *e = &items[i];
        json_must(cJSON_AddNumberToObject(o, "id", (double)e->id));
        json_add_str(o, "at", e->at);
        json_add_str(o, "actor", e->actor);
        json_add_str(o, "action", e->action);
        json_add_str(o, "kind", e->kind);
        json_add_str(o, "entity", e->entity);
        /* the states are JSON the database made (json_object), embedded as they are */
        json_must(e->before ? cJSON_AddRawToObject(o, "before", e->before)
                            : cJSON_AddNullToObject(o, "before"));
        json_must(e->after ? cJSON_AddRawToObject(o, "after", e->after)
                           : cJSON_AddNullToObject(o, "after"));
        cJSON_AddItemToArray(arr, o);
    }
    json_print(b, arr);
}

void json_id(struct buf *b, long long id)
{
    cJSON *o = json_must(cJSON_CreateObject());
    json_must(cJSON_AddNumberToObject(o, "id", (double)id));
    json_print(b, o);
}

void json_recheck(struct buf *b, long long id, size_t count, size_t changed)
{
    cJSON *o = json_must(cJSON_CreateObject());
    json_must(cJSON_AddNumberToObject(o, "id", (double)id));
    json_must(cJSON_AddNumberToObject(o, "rechecked", (double)count));
    json_must(cJSON_AddNumberToObject(o, "changed", (double)changed));
    json_print(b, o);
}

void csv_authority_list(struct buf *b, const struct authority *items, size_t n)
{
    buf_adds(b, "gss,name,official_name,type,code,county_gss,region,gss_2011,start_date,"
                "end_date\r\n");
    for (size_t i = 0; i < n; i++) {
        const struct authority *a = &items[i];
        const char *fields[] = {
            a->gss,        a->name,       a->official_name, authority_type_id(a->type),
            a->code,       a->county_gss, a->region,        a->gss_2011 ? a->gss_2011 : a->gss,
            a->start_date, a->end_date};
        csv_record(b, fields, sizeof(fields) / sizeof(fields[0]));
    }
}

void json_commitments(struct buf *b, const struct commitment_row *rows, size_t n)
{
    cJSON *root = json_must(cJSON_CreateObject());
    cJSON *sections = json_must(cJSON_AddArrayToObject(root, "sections")), *list = NULL;
    int current = 0;

    for (size_t i = 0; i < n; i++) {
        const struct commitment_row *c = &rows[i];
        cJSON *o, *rules;
        if (c->section != current || !list) {
            cJSON *s = json_must(cJSON_CreateObject());
            json_must(cJSON_AddNumberToObject(s, "number", c->section));
            json_add_str(s, "title", c->section_title);
            list = json_must(cJSON_AddArrayToObject(s, "commitments"));
            cJSON_AddItemToArray(sections, s);
            current = c->section;
        }
        o = json_must(cJSON_CreateObject());
        json_must(cJSON_AddNumberToObject(o, "id", (double)c->id));
        json_add_str(o, "number", c->number);
        json_add_str(o, "party", party_id(c->party));
        json_add_str(o, "paraphrase", c->paraphrase);
        json_must(cJSON_AddBoolToObject(o, "verified", c->verified));
        rules = json_must(cJSON_AddArrayToObject(o, "rules"));
        for (const char *p = c->rules; p && *p;) {
            size_t len = strcspn(p, " ");
            char rule[64];
            if (len && len < sizeof(rule)) {
                memcpy(rule, p, len);
                rule[len] = '\0';
                cJSON_AddItemToArray(rules, json_must(cJSON_CreateString(rule)));
            }
            p += len;
            p += *p == ' ';
        }
        cJSON_AddItemToArray(list, o);
    }
    json_print(b, root);
}

void csv_findings(struct buf *b, const struct finding_record *rows, size_t n)
{
    buf_adds(b, "activity_id,organisation,kind,recorded_at,rule,verdict,due_date,explanation\r\n");
    for (size_t i = 0; i < n; i++) {
        const struct finding_record *r = &rows[i];
        char id[32];
        const char *fields[] = {id,      r->org_id,  r->kind,     r->recorded_at,
                                r->rule, r->verdict, r->due_date, r->explanation};
        snprintf(id, sizeof(id), "%lld", r->activity_id);
        csv_record(b, fields, sizeof(fields) / sizeof(fields[0]));
    }
}

static cJSON *organisation_object(const void *item)
{
    const struct organisation *o = item;
    cJSON *obj = json_must(cJSON_CreateObject());
    char ref[ORG_REF_MAX];

    json_must(cJSON_AddNumberToObject(obj, "id", (double)o->id));
    json_add_str(obj, "ref", organisation_ref(o, ref));
    json_add_str(obj, "org_id", o->org_id);
    json_add_str(obj, "name", o->name);
    json_add_str(obj, "sector", org_sector_id(o->sector));
    json_add_str(obj, "type", org_type_id(o->type));
    json_add_str(obj, "gss", o->gss);
    json_add_str(obj, "website", o->website);
    json_must(cJSON_AddBoolToObject(obj, "verified", o->verified));
    json_add_str(obj, "created_at", o->created_at);
    json_add_str(obj, "updated_at", o->updated_at);
    return obj;
}

void json_organisation(struct buf *b, const struct organisation *o)
{
    json_print(b, organisation_object(o));
}

void json_organisation_list(struct buf *b, size_t total, const struct organisation *items, size_t n,
                            const char *next)
{
    json_list(b, total, items, n, sizeof(*items), organisation_object, next);
}

void json_ref(struct buf *b, const char *ref)
{
    cJSON *o = json_must(cJSON_CreateObject());
    json_add_str(o, "id", ref);
    json_print(b, o);
}

void csv_organisation_list(struct buf *b, const struct organisation *items, size_t n)
{
    buf_adds(b, "id,org_id,name,sector,type,gss,website,verified\r\n");
    for (size_t i = 0; i < n; i++) {
        const struct organisation *o = &items[i];
        char id[32];
        const char *fields[] = {id,
                                o->org_id,
                                o->name,
                                org_sector_id(o->sector),
                                org_type_id(o->type),
                                o->gss,
                                o->website,
                                o->verified ? "true" : "false"};
        snprintf(id, sizeof(id), "%lld", o->id);
        csv_record(b, fields, sizeof(fields) / sizeof(fields[0]));
    }
}

static void add_status(cJSON *o, const char *key, int status)
{
    json_add_str(o, key, status >= 0 ? compact_status_id((enum compact_status)status) : NULL);
}

static cJSON *areas(const struct compact_area *a, size_t n)
{
    cJSON *arr = json_must(cJSON_CreateArray());

    for (size_t i = 0; i < n; i++) {
        cJSON *o = json_must(cJSON_CreateObject());
        json_add_str(o, "gss", a[i].gss);
        json_add_str(o, "name", a[i].name);
        json_add_str(o, "type", authority_type_id(a[i].type));
        json_add_str(o, "region", a[i].region);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

void json_compact(struct buf *b, const struct compact_entry *e, date_t today)
{
    cJSON *root = json_must(cJSON_CreateObject()), *arr, *params;
    struct compact_state state;
    struct params p;

    compact_state_on(e, today, &state);
    json_must(cJSON_AddNumberToObject(root, "id", (double)e->id));
    json_add_str(root, "name", e->name);
    add_status(root, "status", state.status);
    json_add_date(root, "status_since", state.since);
    arr = json_must(cJSON_AddArrayToObject(root, "statuses"));
    for (size_t i = 0; i < e->nstatuses; i++) {
        cJSON *o = json_must(cJSON_CreateObject());
        add_status(o, "status", (int)e->statuses[i].status);
        json_add_date(o, "date", e->statuses[i].date);
        cJSON_AddItemToArray(arr, o);
    }
    cJSON_AddItemToObject(root, "authorities", areas(e->authorities, e->nauthorities));
    cJSON_AddItemToObject(root, "districts_through_county", areas(e->districts, e->ndistricts));
    json_add_date(root, "adopted", e->adopted);
    json_add_date(root, "refreshed", e->refreshed);
    json_add_date(root, "review_due", state.review_due);
    json_must(cJSON_AddBoolToObject(root, "review_due_set", e->review_set != 0));
    json_must(cJSON_AddBoolToObject(root, "review_overdue", state.review_overdue));
    json_add_str(root, "document_url", e->document_url);
    arr = json_must(cJSON_AddArrayToObject(root, "contacts"));
    for (size_t i = 0; i < e->ncontacts; i++) {
        cJSON *o = json_must(cJSON_CreateObject());
        json_add_str(o, "name", e->contacts[i].name);
        json_add_str(o, "role", e->contacts[i].role);
        json_add_str(o, "email", e->contacts[i].email);
        json_add_str(o, "phone", e->contacts[i].phone);
        cJSON_AddItemToArray(arr, o);
    }
    arr = json_must(cJSON_AddArrayToObject(root, "codes"));
    for (size_t i = 0; i < e->ncodes; i++) {
        cJSON *o = json_must(cJSON_CreateObject());
        json_must(cJSON_AddNumberToObject(o, "id", (double)e->codes[i].id));
        json_add_str(o, "title", e->codes[i].title);
        json_add_str(o, "summary", e->codes[i].summary);
        json_add_str(o, "url", e->codes[i].url);
        cJSON_AddItemToArray(arr, o);
    }
    arr = json_must(cJSON_AddArrayToObject(root, "coordinators"));
    for (size_t i = 0; i < e->ncoordinators; i++) {
        cJSON_AddItemToArray(arr, json_must(cJSON_CreateString(e->coordinators[i])));
    }
    params_resolve(NULL, &e->params, &p);
    params = json_must(cJSON_AddObjectToObject(root, "parameters"));
    for (int i = 0; i < PARAM_COUNT; i++) {
        cJSON *o = json_must(cJSON_AddObjectToObject(params, param_id((enum param)i)));
        if (p.source[i] == SOURCE_NONE) {
            json_must(cJSON_AddNullToObject(o, "value"));
        } else {
            json_must(cJSON_AddNumberToObject(o, "value", p.value[i]));
        }
        json_must(cJSON_AddStringToObject(o, "source", param_source_id(p.source[i])));
    }
    json_must(cJSON_AddBoolToObject(root, "demo", e->demo));
    json_add_str(root, "created_at", e->created_at);
    json_print(b, root);
}

void json_compact_list(struct buf *b, size_t total, const struct compact_summary *items, size_t n,
                       const char *next)
{
    json_w_list_start(b, total);
    for (size_t i = 0; i < n; i++) {
        const struct compact_summary *s = &items[i];
        buf_adds(b, i ? ",{\"id\":" : "{\"id\":");
        json_w_int(b, s->id);
        buf_adds(b, ",\"name\":");
        json_w_str(b, s->name);
        buf_adds(b, ",\"status\":");
        json_w_str(b, s->status >= 0 ? compact_status_id((enum compact_status)s->status) : NULL);
        buf_adds(b, ",\"status_since\":");
        json_w_date(b, s->since);
        buf_adds(b, ",\"review_due\":");
        json_w_date(b, s->review_due);
        buf_adds(b, s->review_overdue ? ",\"review_overdue\":true" : ",\"review_overdue\":false");
        buf_adds(b, ",\"authorities\":");
        json_w_str(b, s->authorities);
        buf_adds(b, s->demo ? ",\"demo\":true}" : ",\"demo\":false}");
    }
    json_w_list_end(b, next);
}

void csv_compact_list(struct buf *b, const struct compact_summary *items, size_t n)
{
    buf_adds(b, "id,name,status,status_since,review_due,review_overdue,authorities,demo\r\n");
    for (size_t i = 0; i < n; i++) {
        const struct compact_summary *s = &items[i];
        char id[32], since[DATE_STRLEN + 1] = "", due[DATE_STRLEN + 1] = "";
        const char *fields[] = {id,
                                s->name,
                                s->status >= 0 ? compact_status_id((enum compact_status)s->status)
                                               : NULL,
                                since,
                                due,
                                s->review_overdue ? "true" : "false",
                                s->authorities,
                                s->demo ? "true" : "false"};
        snprintf(id, sizeof(id), "%lld", s->id);
        if (s->since) {
            date_format(s->since, since);
        }
        if (s->review_due) {
            date_format(s->review_due, due);
        }
        csv_record(b, fields, sizeof(fields) / sizeof(fields[0]));
    }
}
