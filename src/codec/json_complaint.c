/* Complaints in JSON and CSV: requests decoded strictly, cases and statistics encoded. */
#include "json_complaint.h"

#include "csv.h"
#include "json_util.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/banned.h"

/* ---- reading ---- */

/* Characters of the UTF-8 text s (already checked well-formed). */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return n;
}

/* "list.i" from arena. */
static const char *at(struct arena *arena, const char *list, size_t i)
{
    char out[48];
    int n = snprintf(out, sizeof(out), "%s.%zu", list, i);
    return n > 0 && (size_t)n < sizeof(out) ? arena_strdup(arena, out) : list;
}

enum kind {
    K_TEXT,     /* required text */
    K_OPT_TEXT, /* text or null */
    K_NAMES,    /* a list of text, or null */
    K_ID,       /* a whole number from 1, or null */
};

/* One field of a request: where its value goes in the out struct, and what it must be. */
struct field {
    const char *name;
    enum kind kind;
    size_t max; /* characters, 0 for no limit of its own */
    size_t offset, count_offset;
    const char *why;
};

/* A list of names into arena: *out[0..*n). */
static int names(const cJSON *item, const char *name, struct arena *arena, const char *const **out,
                 size_t *n, const char **field, const char **why)
{
    const char **list;
    const cJSON *v;
    size_t i = 0;

    *out = NULL;
    *n = 0;
    if (cJSON_IsNull(item)) {
        return 0;
    }
    if (!cJSON_IsArray(item) || cJSON_GetArraySize(item) > CASE_NAMES_MAX) {
        return json_fail(field, why, name,
                         "must be a list of at most 64 rule names, such as [\"funding.notice\"]");
    }
    list = arena_alloc(arena, ((size_t)cJSON_GetArraySize(item) + 1) * sizeof(*list));
    cJSON_ArrayForEach(v, item)
    {
        if (!cJSON_IsString(v)) {
            return json_fail(field, why, at(arena, name, i),
                             "must be a rule's name as text, such as \"funding.notice\"");
        }
        list[i++] = arena_strdup(arena, v->valuestring);
    }
    *out = list;
    *n = i;
    return 0;
}

/* The fields of root into out as the table says; an unknown field or a missing required one
 * is refused. */
static int decode(const cJSON *root, const struct field *fields, size_t nfields, void *out,
                  struct arena *arena, const char **field, const char **why)
{
    unsigned seen = 0;
    const cJSON *item;

    cJSON_ArrayForEach(item, root)
    {
        size_t i = 0;
        char *slot;
        while (i < nfields && strcmp(item->string, fields[i].name)) {
            i++;
        }
        if (i == nfields) {
            return *item->string ? json_fail(field, why, arena_strdup(arena, item->string),
                                             "is not a field of this request")
                                 : json_fail(field, why, "body", "has a field with no name");
        }
        seen |= 1u << i;
        slot = (char *)out + fields[i].offset;
        switch (fields[i].kind) {
        case K_TEXT:
        case K_OPT_TEXT:
            if (cJSON_IsNull(item) && fields[i].kind == K_OPT_TEXT) {
                *(const char **)(void *)slot = NULL;
                break;
            }
            if (!cJSON_IsString(item) ||
                (fields[i].max && chars(item->valuestring) > fields[i].max)) {
                return json_fail(field, why, fields[i].name, fields[i].why);
            }
            *(const char **)(void *)slot = *item->valuestring || fields[i].kind == K_TEXT
                                               ? arena_strdup(arena, item->valuestring)
                                               : NULL;
            break;
        case K_NAMES:
            if (names(item, fields[i].name, arena, (const char *const **)(void *)slot,
                      (size_t *)(void *)((char *)out + fields[i].count_offset), field, why) < 0) {
                return ERR_INVALID;
            }
            break;
        case K_ID:
            if (cJSON_IsNull(item)) {
                *(long long *)(void *)slot = 0;
            } else if (!cJSON_IsNumber(item) || item->valuedouble < 1 ||
                       item->valuedouble > 9007199254740992.0 ||
                       item->valuedouble != (double)(long long)item->valuedouble) {
                return json_fail(field, why, fields[i].name, fields[i].why);
            } else {
                *(long long *)(void *)slot = (long long)item->valuedouble;
            }
            break;
        }
    }
    for (size_t i = 0; i < nfields; i++) {
        if (fields[i].kind == K_TEXT && !(seen & (1u << i))) {
            return json_fail(field, why, fields[i].name, fields[i].why);
        }
    }
    return 0;
}

/* Parse text as an object and decode it by the table into out (size bytes, zeroed first and
 * again on a refusal, so that nothing half decoded is left). */
static int decode_text(const char *text, size_t len, const struct field *fields, size_t nfields,
                       void *out, size_t size, struct arena *arena, const char **field,
                       const char **why)
{
    cJSON *root;
    int ret;

    memset(out, 0, size);
    if (json_text_check(text, len, arena, field, why) < 0) {
        return ERR_INVALID;
    }
    root = cJSON_ParseWithLength(text, len);
    ret = cJSON_IsObject(root) ? decode(root, fields, nfields, out, arena, field, why)
                               : json_fail(field, why, "body", "must be a JSON object");
    cJSON_Delete(root);
    if (ret < 0) {
        memset(out, 0, size);
    }
    return ret;
}

#define CASE_FIELD(name, kind, max, member, why)                                                   \
    {                                                                                              \
        name, kind, max, offsetof(struct case_new, member), 0, why                                 \
    }

int json_case_new(const char *text, size_t len, struct arena *arena, struct case_new *out,
                  const char **field, const char **why)
{
    static const struct field fields[] = {
        CASE_FIELD("complainant", K_TEXT, 0, complainant,
                   "must be the org-id or register number of the organisation complaining, such "
                   "as \"GB-CHC-1234567\""),
        CASE_FIELD("respondent", K_TEXT, 0, respondent,
                   "must be the org-id or register number of the body complained about, such as "
                   "\"GB-LAE-MRT\""),
        CASE_FIELD("title", K_TEXT, CASE_TITLE_MAX, title,
                   "must be text of 1 to 200 characters saying what the complaint is about"),
        CASE_FIELD("summary", K_TEXT, CASE_TEXT_MAX, summary,
                   "must be text of at most 10000 characters"),
        CASE_FIELD("aware_on", K_TEXT, 0, aware_on,
                   "must be the day the complainant knew of the problem, written YYYY-MM-DD"),
        CASE_FIELD("opened_on", K_TEXT, 0, opened_on,
                   "must be the day the case opened, written YYYY-MM-DD"),
        CASE_FIELD("stage", K_OPT_TEXT, 0, stage,
                   "must be informal, formal or dispute (the stage the case opens at), or null"),
        {"rules", K_NAMES, 0, offsetof(struct case_new, rules), offsetof(struct case_new, nrules),
         NULL},
        CASE_FIELD("activity_id", K_ID, 0, activity_id,
                   "must be the number of a recorded activity of the Compact, or null"),
    };

    if (decode_text(text, len, fields, sizeof(fields) / sizeof(fields[0]), out, sizeof(*out), arena,
                    field, why) < 0) {
        return ERR_INVALID;
    }
    if (!*out->title) {
        memset(out, 0, sizeof(*out));
        return json_fail(field, why, "title", fields[2].why);
    }
    return 0;
}

#define EVENT_FIELD(name, kind, max, member, why)                                                  \
    {                                                                                              \
        name, kind, max, offsetof(struct case_event_new, member), 0, why                           \
    }

int json_case_event_new(const char *text, size_t len, struct arena *arena,
                        struct case_event_new *out, const char **field, const char **why)
{
    static const struct field fields[] = {
        EVENT_FIELD("type", K_TEXT, 0, type,
                    "must be opened, response, escalated, closed, reopened or note"),
        EVENT_FIELD("date", K_TEXT, 0, date, "must be the day it happened, written YYYY-MM-DD"),
        EVENT_FIELD("note", K_OPT_TEXT, CASE_TEXT_MAX, note,
                    "must be text of at most 10000 characters, or null"),
        EVENT_FIELD("to", K_OPT_TEXT, 0, to,
                    "must be the stage escalated to: formal, dispute, advice or ombudsman"),
        EVENT_FIELD("ombudsman", K_OPT_TEXT, 0, ombudsman,
                    "must be lgo (councils and local bodies) or phso (central government)"),
        EVENT_FIELD("outcome", K_OPT_TEXT, 0, outcome,
                    "must be resolved, upheld, partly_upheld, not_upheld or withdrawn"),
        {"causes", K_NAMES, 0, offsetof(struct case_event_new, causes),
         offsetof(struct case_event_new, ncauses), NULL},
        EVENT_FIELD("remedy", K_OPT_TEXT, CASE_TEXT_MAX, remedy,
                    "must be text of at most 10000 characters, or null"),
    };

    return decode_text(text, len, fields, sizeof(fields) / sizeof(fields[0]), out, sizeof(*out),
                       arena, field, why);
}

/* ---- writing ---- */

const char *json_case_source(enum param_source s)
{
    return s == SOURCE_DEFAULT ? "national default" : s == SOURCE_COMPACT ? "compact" : NULL;
}

static cJSON *party(const struct case_party *p)
{
    cJSON *o = json_must(cJSON_CreateObject());
    json_add_str(o, "org_id", p->org_id);
    json_add_str(o, "name", p->name);
    return o;
}

static void add_rules(cJSON *o, const char *key, const enum rule *rules, size_t n)
{
    cJSON *arr = json_must(cJSON_AddArrayToObject(o, key));
    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(arr, json_must(cJSON_CreateString(rule_id(rules[i]))));
    }
}

static void add_id(cJSON *o, const char *key, long long id)
{
    if (id > 0) {
        json_add_int(o, key, id);
    } else {
        json_add_null(o, key);
    }
}

/* key: n, or null when n < 0. */
static void add_count_or_null(cJSON *o, const char *key, long long n)
{
    if (n >= 0) {
        json_add_int(o, key, n);
    } else {
        json_add_null(o, key);
    }
}

static cJSON *stage(const struct complaint_run *r, const struct complaint_run_state *s)
{
    cJSON *o = json_must(cJSON_CreateObject());

    json_add_str(o, "stage", complaint_stage_id(r->stage));
    json_add_date(o, "started_on", r->started_on);
    if (r->has_due) {
        json_add_int(o, "days", r->days);
    } else {
        json_add_null(o, "days");
    }
    json_add_str(o, "source", r->has_due ? json_case_source(r->source) : NULL);
    json_add_date(o, "due_on", r->has_due ? r->due_on : 0);
    json_add_date(o, "responded_on", r->responded ? r->responded_on : 0);
    json_add_date(o, "ended_on", r->ended ? r->ended_on : 0);
    json_add_str(o, "state", complaint_state_id(s->state));
    if (s->state == CSTATE_AWAITING_RESPONSE && r->has_due) {
        json_add_int(o, "working_days_left", s->working_days_left);
    }
    return o;
}

static cJSON *event(const struct case_event *ev)
{
    const struct complaint_event *e = &ev->e;
    cJSON *o = json_must(cJSON_CreateObject());

    json_add_int(o, "n", ev->n);
    json_add_str(o, "type", complaint_event_id(e->type));
    json_add_date(o, "date", e->date);
    json_add_str(o, "by", ev->by_name);
    json_add_str(o, "note", e->note && *e->note ? e->note : NULL);
    if (e->type == CEVENT_ESCALATED) {
        json_add_str(o, "to", complaint_stage_id(e->to));
        json_add_str(o, "ombudsman",
                     e->to == STAGE_OMBUDSMAN ? complaint_ombudsman_id(e->ombudsman) : NULL);
    } else if (e->type == CEVENT_CLOSED) {
        json_add_str(o, "outcome", complaint_outcome_id(e->outcome));
        add_rules(o, "causes", e->causes, e->ncauses);
        json_add_str(o, "remedy", e->remedy && *e->remedy ? e->remedy : NULL);
    }
    return o;
}

/* The events of c that its state was built from: those up to as_of, in order. */
static size_t events_shown(const struct case_record *c)
{
    return c->c.nevents < c->nevents ? c->c.nevents : c->nevents;
}

static cJSON *outcome(const struct case_record *c)
{
    const struct case_event *closing = NULL;
    cJSON *o;

    if (c->c.status != CSTATUS_CLOSED) {
        return json_must(cJSON_CreateNull());
    }
    for (size_t i = events_shown(c); i-- > 0;) {
        if (c->events[i].e.type == CEVENT_CLOSED) {
            closing = &c->events[i];
            break;
        }
    }
    o = json_must(cJSON_CreateObject());
    json_add_str(o, "outcome", complaint_outcome_id(c->c.outcome));
    add_rules(o, "causes", c->c.causes, c->c.ncauses);
    json_add_str(o, "remedy",
                 closing && closing->e.remedy && *closing->e.remedy ? closing->e.remedy : NULL);
    json_add_date(o, "date", c->c.closed_on);
    return o;
}

static const char *status_id(const struct case_record *c)
{
    return c->c.status == CSTATUS_CLOSED ? "closed" : "open";
}

static cJSON *case_object(const struct case_record *c)
{
    cJSON *o = json_must(cJSON_CreateObject()), *arr;

    json_add_int(o, "id", c->id);
    json_add_int(o, "compact_id", c->compact_id);
    json_add_str(o, "compact_name", c->compact_name);
    json_add_str(o, "title", c->title);
    json_add_str(o, "summary", c->summary);
    json_add_str(o, "status", status_id(c));
    json_add_str(o, "stage", c->c.nruns ? complaint_stage_id(complaint_current(&c->c)) : NULL);
    json_add_date(o, "as_of", c->as_of);
    cJSON_AddItemToObject(o, "complainant", party(&c->complainant));
    cJSON_AddItemToObject(o, "respondent", party(&c->respondent));
    json_add_date(o, "aware_on", c->aware_on);
    json_add_date(o, "opened_on", c->opened_on);
    add_rules(o, "rules", c->rules, c->nrules);
    add_id(o, "activity_id", c->activity_id);
    json_add_date(o, "ombudsman_deadline", c->ombudsman_deadline);
    json_must(cJSON_AddBoolToObject(o, "ombudsman_late", c->c.ombudsman_late));
    json_add_str(o, "ombudsman",
                 c->c.ombudsman != OMBUDSMAN_NONE ? complaint_ombudsman_id(c->c.ombudsman) : NULL);
    json_add_str(o, "ombudsman_window", complaint_window_id(c->window));
    arr = json_must(cJSON_AddArrayToObject(o, "stages"));
    for (size_t i = 0; i < c->c.nruns; i++) {
        cJSON_AddItemToArray(arr, stage(&c->c.runs[i], &c->states[i]));
    }
    arr = json_must(cJSON_AddArrayToObject(o, "events"));
    for (size_t i = 0; i < events_shown(c); i++) {
        cJSON_AddItemToArray(arr, event(&c->events[i]));
    }
    cJSON_AddItemToObject(o, "outcome", outcome(c));
    return o;
}

void json_case(struct buf *b, const struct case_record *c)
{
    json_print(b, case_object(c));
}

/* What a list says of a case's current stage. */
struct current {
    const char *state;
    date_t due;     /* what is due next, 0 for nothing */
    int left, late; /* -1 where they do not apply */
};

static void current_of(const struct case_record *c, struct current *out)
{
    const struct complaint_run_state *s;

    out->state = NULL;
    out->left = out->late = -1;
    if (!complaint_due_next(&c->c, &out->due)) {
        out->due = 0;
    }
    if (!c->c.nruns) {
        return;
    }
    s = &c->states[c->c.nruns - 1];
    out->state = complaint_state_id(s->state);
    if (c->c.status == CSTATUS_CLOSED) {
        return;
    }
    if (s->state == CSTATE_AWAITING_RESPONSE && c->c.runs[c->c.nruns - 1].has_due) {
        out->left = s->working_days_left;
    } else if (s->state == CSTATE_OVERDUE || s->state == CSTATE_LONG_OVERDUE) {
        out->late = s->working_days_late;
    }
}

static cJSON *case_item(const void *item)
{
    const struct case_record *c = item;
    cJSON *o = json_must(cJSON_CreateObject());
    struct current cur;

    current_of(c, &cur);
    json_add_int(o, "id", c->id);
    json_add_int(o, "compact_id", c->compact_id);
    json_add_str(o, "compact_name", c->compact_name);
    json_add_str(o, "title", c->title);
    json_add_str(o, "status", status_id(c));
    json_add_str(o, "stage", c->c.nruns ? complaint_stage_id(complaint_current(&c->c)) : NULL);
    cJSON_AddItemToObject(o, "complainant", party(&c->complainant));
    cJSON_AddItemToObject(o, "respondent", party(&c->respondent));
    json_add_date(o, "opened_on", c->opened_on);
    json_add_date(o, "due_on", cur.due);
    json_add_str(o, "state", cur.state);
    add_count_or_null(o, "working_days_left", cur.left);
    add_count_or_null(o, "working_days_late", cur.late);
    return o;
}

void json_case_list(struct buf *b, size_t total, const struct case_record *cases, size_t n,
                    const char *next)
{
    json_list(b, total, cases, n, sizeof(*cases), case_item, next);
}

/* d as YYYY-MM-DD, "" for 0. */
static void iso(date_t d, char out[DATE_STRLEN + 1])
{
    if (d) {
        date_format(d, out);
    } else {
        out[0] = '\0';
    }
}

/* n as text, "" for -1. */
static void num(long long n, char out[24])
{
    int w = n >= 0 ? snprintf(out, 24, "%lld", n) : 0;
    if (w < 0 || w >= 24) {
        w = 0;
    }
    out[w] = '\0';
}

void csv_case_list(struct buf *b, const struct case_record *cases, size_t n)
{
    static const char *const header[] = {"id",
                                         "compact_id",
                                         "compact",
                                         "title",
                                         "status",
                                         "stage",
                                         "complainant",
                                         "complainant_name",
                                         "respondent",
                                         "respondent_name",
                                         "opened_on",
                                         "due_on",
                                         "state",
                                         "working_days_left",
                                         "working_days_late"};

    csv_record(b, header, sizeof(header) / sizeof(header[0]));
    for (size_t i = 0; i < n; i++) {
        const struct case_record *c = &cases[i];
        char id[24], cid[24], left[24], late[24], opened[DATE_STRLEN + 1], due[DATE_STRLEN + 1];
        struct current cur;
        current_of(c, &cur);
        num(c->id, id);
        num(c->compact_id, cid);
        num(cur.left, left);
        num(cur.late, late);
        iso(c->opened_on, opened);
        iso(cur.due, due);
        const char *row[] = {id,
                             cid,
                             c->compact_name ? c->compact_name : "",
                             c->title ? c->title : "",
                             status_id(c),
                             c->c.nruns ? complaint_stage_id(complaint_current(&c->c)) : "",
                             c->complainant.org_id ? c->complainant.org_id : "",
                             c->complainant.name ? c->complainant.name : "",
                             c->respondent.org_id ? c->respondent.org_id : "",
                             c->respondent.name ? c->respondent.name : "",
                             opened,
                             due,
                             cur.state ? cur.state : "",
                             left,
                             late};
        csv_record(b, row, sizeof(row) / sizeof(row[0]));
    }
}

/* ---- statistics ---- */

static void add_count(cJSON *o, const char *key, const struct complaint_count *c)
{
    if (c->hidden) {
        json_add_null(o, key);
    } else {
        json_add_int(o, key, (long long)c->n);
    }
}

/* The cells of a breakdown: key i of n, and its count. */
struct breakdown {
    const char *name; /* "stage", "outcome", "cause" */
    const char *json; /* "by_stage", ... */
    size_t n;
};

static const char *cell_key(size_t which, size_t i)
{
    switch (which) {
    case 0:
        return complaint_stage_id((enum complaint_stage)i);
    case 1:
        return i == COMPLAINT_OUTCOME_OPEN ? "open"
                                           : complaint_outcome_id((enum complaint_outcome)i);
    default:
        return rule_id((enum rule)i);
    }
}

static const struct complaint_count *cell(const struct complaint_stats *s, size_t which, size_t i)
{
    return which == 0 ? &s->by_stage[i] : which == 1 ? &s->by_outcome[i] : &s->by_cause[i];
}

static const struct breakdown breakdowns[] = {
    {"stage", "by_stage", STAGE_COUNT},
    {"outcome", "by_outcome", OUTCOME_COUNT + 1},
    {"cause", "by_cause", RULE_COUNT},
};

void json_case_stats(struct buf *b, const struct complaint_stats *s, long long compact_id, int year,
                     date_t as_of, const int *years, size_t nyears)
{
    cJSON *o = json_must(cJSON_CreateObject()), *t, *arr;

    add_id(o, "compact_id", compact_id);
    add_id(o, "year", year);
    json_add_date(o, "as_of", as_of);
    add_count(o, "opened", &s->opened);
    for (size_t w = 0; w < sizeof(breakdowns) / sizeof(breakdowns[0]); w++) {
        t = json_must(cJSON_AddObjectToObject(o, breakdowns[w].json));
        for (size_t i = 0; i < breakdowns[w].n; i++) {
            add_count(t, cell_key(w, i), cell(s, w, i));
        }
    }
    t = json_must(cJSON_AddObjectToObject(o, "on_time"));
    if (s->share_shown) {
        json_add_int(t, "responded", (long long)s->on_time);
        json_add_int(t, "base", (long long)s->on_time_base);
        json_add_num(t, "share", s->on_time_share);
    } else {
        json_add_null(t, "responded");
        json_add_null(t, "base");
        json_add_null(t, "share");
    }
    arr = json_must(cJSON_AddArrayToObject(o, "years"));
    for (size_t i = 0; i < nyears; i++) {
        cJSON_AddItemToArray(arr, json_must(cJSON_CreateNumber(years[i])));
    }
    json_print(b, o);
}

static void stats_row(struct buf *b, const char *breakdown, const char *key,
                      const struct complaint_count *c)
{
    char n[24];
    num(c->hidden ? -1 : (long long)c->n, n);
    const char *row[] = {breakdown, key, n};
    csv_record(b, row, 3);
}

void csv_case_stats(struct buf *b, const struct complaint_stats *s)
{
    static const char *const header[] = {"breakdown", "key", "count"};
    char share[32] = "";

    csv_record(b, header, 3);
    stats_row(b, "opened", "", &s->opened);
    for (size_t w = 0; w < sizeof(breakdowns) / sizeof(breakdowns[0]); w++) {
        for (size_t i = 0; i < breakdowns[w].n; i++) {
            stats_row(b, breakdowns[w].name, cell_key(w, i), cell(s, w, i));
        }
    }
    if (s->share_shown) {
        int w = snprintf(share, sizeof(share), "%.4f", s->on_time_share);
        if (w < 0 || (size_t)w >= sizeof(share)) {
            share[0] = '\0';
        }
    }
    const char *row[] = {"on_time", "share", share};
    csv_record(b, row, 3);
}
