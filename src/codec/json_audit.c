/* The audit trail's snapshots and the register's export, as JSON (cJSON). */
#include "json_audit.h"

#include <string.h>

#include "json_util.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

static void add_bool(cJSON *o, const char *key, int v)
{
    json_must(cJSON_AddBoolToObject(o, key, v != 0));
}

static void add_strings(cJSON *o, const char *key, const char *const *v, size_t n)
{
    cJSON *arr = json_must(cJSON_AddArrayToObject(o, key));

    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(arr, json_must(cJSON_CreateString(v[i])));
    }
}

/* {name: value} of the parameters set, by name (as the table's key orders them). */
static void add_params(cJSON *o, const char *key, const struct param_set *ps)
{
    cJSON *obj = json_must(cJSON_AddObjectToObject(o, key));
    enum param order[PARAM_COUNT];
    size_t n = 0;

    for (int p = 0; p < PARAM_COUNT; p++) {
        size_t j = n++;
        while (j > 0 && strcmp(param_id(order[j - 1]), param_id((enum param)p)) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = (enum param)p;
    }
    for (size_t i = 0; i < n; i++) {
        if (ps->set[order[i]]) {
            json_add_int(obj, param_id(order[i]), ps->value[order[i]]);
        }
    }
}

static cJSON *compact_object(const struct compact_entry *e)
{
    cJSON *o = json_must(cJSON_CreateObject()), *arr;
    const char *gss[COMPACT_AUTHORITIES_MAX];
    size_t ngss = 0;

    json_add_int(o, "id", e->id);
    json_add_str(o, "name", e->name);
    for (size_t i = 0; i < e->nauthorities && ngss < COMPACT_AUTHORITIES_MAX; i++) {
        size_t j = ngss++;
        while (j > 0 && strcmp(gss[j - 1], e->authorities[i].gss) > 0) {
            gss[j] = gss[j - 1];
            j--;
        }
        gss[j] = e->authorities[i].gss;
    }
    add_strings(o, "authorities", gss, ngss);
    arr = json_must(cJSON_AddArrayToObject(o, "statuses"));
    for (size_t i = 0; i < e->nstatuses; i++) {
        cJSON *s = json_must(cJSON_CreateObject());
        json_add_str(s, "status", compact_status_id(e->statuses[i].status));
        json_add_date(s, "date", e->statuses[i].date);
        cJSON_AddItemToArray(arr, s);
    }
    json_add_date(o, "adopted", e->adopted);
    json_add_date(o, "refreshed", e->refreshed);
    json_add_date(o, "review_due", e->review_set);
    json_add_str(o, "document_url", e->document_url);
    arr = json_must(cJSON_AddArrayToObject(o, "contacts"));
    for (size_t i = 0; i < e->ncontacts; i++) {
        const struct compact_contact *k = &e->contacts[i];
        cJSON *c = json_must(cJSON_CreateObject());
        json_add_str(c, "name", k->name);
        json_add_str(c, "role", k->role);
        json_add_str(c, "email", k->email);
        json_add_str(c, "phone", k->phone);
        cJSON_AddItemToArray(arr, c);
    }
    arr = json_must(cJSON_AddArrayToObject(o, "codes"));
    for (size_t i = 0; i < e->ncodes; i++) {
        const struct compact_code *k = &e->codes[i];
        cJSON *c = json_must(cJSON_CreateObject());
        json_add_int(c, "id", k->id);
        json_add_str(c, "title", k->title);
        json_add_str(c, "summary", k->summary);
        json_add_str(c, "url", k->url);
        cJSON_AddItemToArray(arr, c);
    }
    add_strings(o, "coordinators", e->coordinators, e->ncoordinators);
    add_params(o, "parameters", &e->params);
    json_add_int(o, "demo", e->demo);
    return o;
}

void json_audit_compact(struct buf *b, const struct compact_entry *e)
{
    json_print(b, compact_object(e));
}

void json_audit_parameters(struct buf *b, const struct param_set *ps)
{
    cJSON *o = json_must(cJSON_CreateObject());

    add_params(o, "parameters", ps);
    json_print(b, o);
}

/* An organisation's fields; verified a boolean (the audit trail) or 0 and 1 (the export). */
static cJSON *org_object(const struct organisation *org, int verified_bool)
{
    cJSON *o = json_must(cJSON_CreateObject());

    json_add_int(o, "id", org->id);
    json_add_str(o, "org_id", org->org_id);
    json_add_str(o, "name", org->name);
    json_add_str(o, "sector", org_sector_id(org->sector));
    json_add_str(o, "type", org_type_id(org->type));
    json_add_str(o, "gss", org->gss);
    json_add_str(o, "website", org->website);
    if (verified_bool) {
        add_bool(o, "verified", org->verified);
    } else {
        json_add_int(o, "verified", org->verified != 0);
    }
    return o;
}

void json_audit_organisation(struct buf *b, const struct organisation *org)
{
    json_print(b, org_object(org, 1));
}

void json_audit_signatory(struct buf *b, const struct signatory *s)
{
    cJSON *root = json_must(cJSON_CreateObject());
    cJSON *o = json_must(cJSON_AddObjectToObject(root, "signatory"));

    json_add_int(o, "id", s->id);
    json_add_str(o, "organisation", s->org_ref);
    json_add_str(o, "organisation_name", s->org_name);
    json_add_str(o, "role", s->role);
    json_add_date(o, "signed_on", s->signed_on);
    json_add_date(o, "withdrawn_on", s->withdrawn_on);
    json_print(b, root);
}

void json_audit_activity(struct buf *b, const struct audit_activity *a)
{
    cJSON *o = json_must(cJSON_CreateObject());

    json_add_int(o, "id", a->id);
    json_add_int(o, "compact_id", a->compact_id);
    json_add_str(o, "org_id", a->org_id);
    json_add_str(o, "kind", a->kind);
    json_must(a->facts ? cJSON_AddRawToObject(o, "facts", a->facts)
                       : cJSON_AddNullToObject(o, "facts"));
    json_add_str(o, "overall", a->overall);
    json_add_str(o, "title", a->title);
    json_add_str(o, "recorder_org", a->recorder_org);
    if (a->amount_pence == ACTIVITY_NO_AMOUNT) {
        json_add_null(o, "amount");
    } else {
        json_add_num(o, "amount", (double)a->amount_pence / 100);
    }
    json_add_str(o, "decision_date", a->decision_date);
    json_add_str(o, "withdrawn_at", a->withdrawn_at);
    json_add_str(o, "withdrawn_by", a->withdrawn_by);
    json_add_str(o, "withdrawn_reason", a->withdrawn_reason);
    json_print(b, o);
}

/* The names of rules r[0..n) as an array under key. */
static void add_rules(cJSON *o, const char *key, const enum rule *r, size_t n)
{
    cJSON *arr = json_must(cJSON_AddArrayToObject(o, key));

    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(arr, json_must(cJSON_CreateString(rule_id(r[i]))));
    }
}

void json_audit_complaint(struct buf *b, const struct audit_complaint *c)
{
    cJSON *o = json_must(cJSON_CreateObject());

    json_add_int(o, "id", c->id);
    json_add_int(o, "compact_id", c->compact_id);
    json_add_str(o, "complainant", c->complainant);
    json_add_str(o, "respondent", c->respondent);
    json_add_str(o, "title", c->title);
    json_add_str(o, "summary", c->summary);
    json_add_date(o, "aware_on", c->aware_on);
    json_add_date(o, "opened_on", c->opened_on);
    add_rules(o, "rules", c->rules, c->nrules);
    if (c->activity_id) {
        json_add_int(o, "activity_id", c->activity_id);
    } else {
        json_add_null(o, "activity_id");
    }
    json_print(b, o);
}

void json_audit_complaint_event(struct buf *b, int n, const struct complaint_event *e,
                                const struct complaint_case *after)
{
    cJSON *o = json_must(cJSON_CreateObject());
    int starts = e->type == CEVENT_OPENED || e->type == CEVENT_ESCALATED;

    json_add_int(o, "n", n);
    json_add_str(o, "type", complaint_event_id(e->type));
    json_add_date(o, "date", e->date);
    json_add_str(o, "to", starts ? complaint_stage_id(e->to) : NULL);
    json_add_str(o, "ombudsman",
                 starts && e->to == STAGE_OMBUDSMAN ? complaint_ombudsman_id(e->ombudsman) : NULL);
    json_add_str(o, "outcome", e->type == CEVENT_CLOSED ? complaint_outcome_id(e->outcome) : NULL);
    if (e->type == CEVENT_CLOSED) {
        add_rules(o, "causes", e->causes, e->ncauses);
    } else {
        json_add_null(o, "causes");
    }
    json_add_str(o, "remedy", e->remedy);
    json_add_str(o, "note", e->note);
    json_add_int(o, "days", e->days);
    json_add_str(o, "source", e->source != SOURCE_NONE ? param_source_id(e->source) : NULL);
    json_add_str(o, "status", after->status == CSTATUS_CLOSED ? "closed" : "open");
    json_add_str(o, "stage", complaint_stage_id(complaint_current(after)));
    json_print(b, o);
}

void json_audit_complaint_params(struct buf *b, const struct complaint_params *cp)
{
    cJSON *o = json_must(cJSON_CreateObject());
    cJSON *obj = json_must(cJSON_AddObjectToObject(o, "complaint_parameters"));
    /* by name: dispute_, formal_, informal_ */
    static const enum complaint_param order[] = {
        CPARAM_DISPUTE_RESPONSE_DAYS, CPARAM_FORMAL_RESPONSE_DAYS, CPARAM_INFORMAL_RESPONSE_DAYS};

    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        if (cp->set[order[i]]) {
            json_add_int(obj, complaint_param_id(order[i]), cp->value[order[i]]);
        }
    }
    json_print(b, o);
}

void json_audit_complaint_feed(struct buf *b, long long user_id, int active)
{
    cJSON *o = json_must(cJSON_CreateObject());

    json_add_int(o, "user_id", user_id);
    add_bool(o, "active", active);
    json_print(b, o);
}

void json_audit_commitment(struct buf *b, const struct commitment_row *c)
{
    cJSON *o = json_must(cJSON_CreateObject());

    json_add_int(o, "id", c->id);
    json_add_str(o, "number", c->number);
    json_add_int(o, "section", c->section);
    json_add_str(o, "party", party_id(c->party));
    json_add_str(o, "paraphrase", c->paraphrase);
    add_bool(o, "verified", c->verified);
    json_print(b, o);
}

void json_audit_user(struct buf *b, const struct user *u)
{
    cJSON *o = json_must(cJSON_CreateObject());

    json_add_int(o, "id", u->id);
    json_add_str(o, "email", u->email);
    json_add_str(o, "name", u->name);
    json_add_str(o, "role", role_id(u->role));
    json_add_str(o, "org_id", u->org_id);
    add_bool(o, "disabled", u->disabled);
    json_add_str(o, "created_at", u->created_at);
    json_print(b, o);
}

void json_audit_token(struct buf *b, const struct api_token *t)
{
    cJSON *o = json_must(cJSON_CreateObject());

    json_add_int(o, "id", t->id);
    json_add_str(o, "email", t->email);
    json_add_str(o, "label", t->label);
    json_add_str(o, "created_at", t->created_at);
    json_add_str(o, "revoked_at", t->revoked_at);
    json_print(b, o);
}

void json_audit_import(struct buf *b, const struct audit_import *s)
{
    cJSON *o = json_must(cJSON_CreateObject());

    json_add_str(o, "file", s->file);
    json_add_str(o, "format", s->format);
    json_add_int(o, "read", (long long)s->read);
    json_add_int(o, "imported", (long long)s->imported);
    json_add_int(o, "rejected", 0);
    json_add_int(o, "warnings", (long long)s->warnings);
    json_add_int(o, "organisations_created", (long long)s->organisations_created);
    json_print(b, o);
}

void json_register_export(struct buf *b, const struct register_export *x)
{
    cJSON *root = json_must(cJSON_CreateObject()), *arr;

    json_add_str(root, "format", "compact-hub-register/1");
    json_add_str(root, "exported_at", x->exported_at);
    arr = json_must(cJSON_AddArrayToObject(root, "authorities"));
    for (size_t i = 0; i < x->nauthorities; i++) {
        const struct export_authority *a = &x->authorities[i];
        cJSON *o = json_must(cJSON_CreateObject());
        json_add_str(o, "gss", a->gss);
        json_add_str(o, "name", a->name);
        json_add_str(o, "type", authority_type_id(a->type));
        json_add_str(o, "county_gss", a->county_gss);
        json_add_str(o, "region", a->region);
        add_strings(o, "former_codes", a->former_codes, a->nformer_codes);
        cJSON_AddItemToArray(arr, o);
    }
    arr = json_must(cJSON_AddArrayToObject(root, "organisations"));
    for (size_t i = 0; i < x->norganisations; i++) {
        cJSON_AddItemToArray(arr, org_object(&x->organisations[i], 0));
    }
    arr = json_must(cJSON_AddArrayToObject(root, "compacts"));
    for (size_t i = 0; i < x->ncompacts; i++) {
        cJSON_AddItemToArray(arr, compact_object(&x->compacts[i]));
    }
    arr = json_must(cJSON_AddArrayToObject(root, "signatories"));
    for (size_t i = 0; i < x->nsignatories; i++) {
        const struct export_signatory *s = &x->signatories[i];
        cJSON *o = json_must(cJSON_CreateObject());
        json_add_int(o, "id", s->id);
        json_add_int(o, "compact_id", s->compact_id);
        json_add_int(o, "organisation_id", s->organisation_id);
        json_add_str(o, "org_id", s->org_id);
        json_add_str(o, "organisation", s->organisation);
        json_add_date(o, "signed_on", s->signed_on);
        json_add_str(o, "role", s->role);
        json_add_date(o, "withdrawn_on", s->withdrawn_on);
        cJSON_AddItemToArray(arr, o);
    }
    json_print(b, root);
}

/* ---- reading snapshots back ---- */

static int read_node(const cJSON *j, int depth, struct arena *arena, struct audit_node *out)
{
    const cJSON *item;
    size_t i = 0;

    memset(out, 0, sizeof(*out));
    out->key = j->string ? arena_strdup(arena, j->string) : NULL;
    if (depth > AUDIT_NODE_DEPTH_MAX) {
        return ERR_INVALID;
    }
    if (cJSON_IsBool(j)) {
        out->type = AUDIT_BOOL;
        out->text = cJSON_IsTrue(j) ? "true" : "false";
    } else if (cJSON_IsNumber(j)) {
        char *s = cJSON_PrintUnformatted(j);
        if (!s) {
            die("out of memory printing JSON");
        }
        out->type = AUDIT_NUMBER;
        out->text = arena_strdup(arena, s);
        cJSON_free(s);
    } else if (cJSON_IsString(j)) {
        out->type = AUDIT_STRING;
        out->text = arena_strdup(arena, j->valuestring);
    } else if (cJSON_IsArray(j) || cJSON_IsObject(j)) {
        out->type = cJSON_IsArray(j) ? AUDIT_ARRAY : AUDIT_OBJECT;
        out->nitems = (size_t)cJSON_GetArraySize(j);
        out->items = arena_alloc(arena, (out->nitems + 1) * sizeof(*out->items));
        cJSON_ArrayForEach(item, j)
        {
            if (read_node(item, depth + 1, arena, &out->items[i++]) < 0) {
                return ERR_INVALID;
            }
        }
    } else {
        out->type = AUDIT_NULL;
    }
    return 0;
}

int json_audit_read(const char *json, struct arena *arena, struct audit_node *out)
{
    cJSON *root = cJSON_Parse(json);
    int ret = root ? read_node(root, 0, arena, out) : ERR_INVALID;

    cJSON_Delete(root);
    if (ret < 0) {
        memset(out, 0, sizeof(*out));
    }
    return ret;
}

static cJSON *write_node(const struct audit_node *n)
{
    cJSON *o;

    switch (n->type) {
    case AUDIT_BOOL:
        return json_must(cJSON_CreateBool(n->text && !strcmp(n->text, "true")));
    case AUDIT_NUMBER:
        return json_must(cJSON_CreateRaw(n->text && *n->text ? n->text : "0"));
    case AUDIT_STRING:
        return json_must(cJSON_CreateString(n->text ? n->text : ""));
    case AUDIT_ARRAY:
    case AUDIT_OBJECT:
        o = json_must(n->type == AUDIT_ARRAY ? cJSON_CreateArray() : cJSON_CreateObject());
        for (size_t i = 0; i < n->nitems; i++) {
            cJSON *item = write_node(&n->items[i]);
            if (n->type == AUDIT_ARRAY) {
                cJSON_AddItemToArray(o, item);
            } else {
                cJSON_AddItemToObject(o, n->items[i].key ? n->items[i].key : "", item);
            }
        }
        return o;
    default:
        return json_must(cJSON_CreateNull());
    }
}

void json_audit_write(struct buf *b, const struct audit_node *n)
{
    json_print(b, write_node(n));
}
