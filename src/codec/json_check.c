/* Decoding check requests and encoding their results, with cJSON. */
#include "json_check.h"

#include "json_util.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <string.h>

#include "core/commitments.h"
#include "core/norm.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

struct ctx {
    struct arena *arena;
    const char **field, **why;
};

/* Record what is wrong: field is "prefix.name" (or name alone). */
static int fail(struct ctx *c, const char *prefix, const char *name, const char *why)
{
    size_t plen = prefix ? strlen(prefix) + 1 : 0, nlen = strlen(name);
    char *f = arena_alloc(c->arena, plen + nlen + 1);
    if (prefix) {
        memcpy(f, prefix, plen - 1);
        f[plen - 1] = '.';
    }
    memcpy(f + plen, name, nlen + 1);
    *c->field = f;
    *c->why = why;
    return ERR_INVALID;
}

/* text as JSON (*root NULL if it is not), its text checked first: 0, or ERR_INVALID. */
static int parse(struct ctx *c, const char *text, size_t len, cJSON **root)
{
    *root = NULL;
    if (json_text_check(text, len, c->arena, c->field, c->why) < 0) {
        return ERR_INVALID;
    }
    *root = cJSON_ParseWithLength(text, len);
    return 0;
}

static int read_date(const cJSON *v, date_t *out)
{
    return cJSON_IsString(v) ? date_parse(v->valuestring, strlen(v->valuestring), out)
                             : ERR_INVALID;
}

static int read_fact(struct ctx *c, const struct fact_def *d, const cJSON *v, struct activity *a)
{
    char *at = (char *)a + d->offset;
    switch (d->type) {
    case FACT_TYPE_DATE: {
        struct fact_date *f = (struct fact_date *)(void *)at;
        if (cJSON_IsNull(v)) {
            f->state = FACT_NULL;
        } else if (read_date(v, &f->value) == 0) {
            f->state = FACT_SET;
        } else {
            return fail(c, "activity", d->name,
                        "must be a real date written YYYY-MM-DD, or null if it did not happen");
        }
        break;
    }
    case FACT_TYPE_BOOL: {
        struct fact_bool *f = (struct fact_bool *)(void *)at;
        if (cJSON_IsNull(v) && strcmp(d->name, "formal") != 0) {
            f->state = FACT_NULL;
        } else if (cJSON_IsBool(v)) {
            f->state = FACT_SET;
            f->value = cJSON_IsTrue(v);
        } else {
            return fail(c, "activity", d->name, "must be true or false");
        }
        break;
    }
    case FACT_TYPE_TEXT: {
        struct fact_text *f = (struct fact_text *)(void *)at;
        if (cJSON_IsNull(v)) {
            f->state = FACT_NULL;
        } else if (cJSON_IsString(v)) {
            f->state = FACT_SET;
            f->value = arena_strdup(c->arena, v->valuestring);
        } else {
            return fail(c, "activity", d->name, "must be text, or null");
        }
        if (!strcmp(d->name, "payment") && f->state == FACT_SET &&
            strcmp(f->value, "advance") != 0 && strcmp(f->value, "arrears") != 0) {
            return fail(c, "activity", d->name, "must be \"advance\" or \"arrears\"");
        }
        break;
    }
    }
    return 0;
}

static int read_activity(struct ctx *c, const cJSON *obj, struct activity *a)
{
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(obj, "kind"), *item;
    enum activity_kind k;

    if (!cJSON_IsObject(obj)) {
        return fail(c, NULL, "activity", "must be an object with a kind and its facts");
    }
    if (!cJSON_IsString(kind) || activity_kind_parse(kind->valuestring, &k) < 0) {
        return fail(c, "activity", "kind",
                    "must be funding_change, consultation, funding_award or procurement");
    }
    a->kind = k;
    cJSON_ArrayForEach(item, obj)
    {
        const struct fact_def *d = NULL;
        if (!*item->string) { /* "" (a \u0000 in a name is refused before) */
            return fail(c, NULL, "activity", "has a fact with no name");
        }
        if (!strcmp(item->string, "kind")) {
            continue;
        }
        if (!strcmp(item->string, "change") && k == ACTIVITY_FUNDING_CHANGE) {
            if (!cJSON_IsString(item) || funding_change_parse(item->valuestring, &a->change) < 0) {
                return fail(c, "activity", "change", "must be \"end\" or \"reduce\"");
            }
            continue;
        }
        d = activity_fact(k, item->string);
        if (!d) {
            return fail(c, "activity", item->string, "is not a fact of this kind of activity");
        }
        if (read_fact(c, d, item, a) < 0) {
            return ERR_INVALID;
        }
    }
    if (k == ACTIVITY_FUNDING_CHANGE && a->change == CHANGE_UNSET) {
        return fail(c, "activity", "change", "must be \"end\" or \"reduce\"");
    }
    return 0;
}

static int read_params(struct ctx *c, const cJSON *obj, struct param_set *ps)
{
    const cJSON *item;
    if (!cJSON_IsObject(obj)) {
        return fail(c, NULL, "parameters", "must be an object of parameter names and numbers");
    }
    cJSON_ArrayForEach(item, obj)
    {
        enum param p;
        double v;
        if (!*item->string) {
            return fail(c, NULL, "parameters", "has a parameter with no name");
        }
        if (param_parse(item->string, &p) < 0) {
            return fail(c, "parameters", item->string, "is not a parameter of the Compact");
        }
        if (!cJSON_IsNumber(item)) {
            return fail(c, "parameters", item->string, "must be a whole number");
        }
        v = item->valuedouble;
        if (v < 0 || v > PARAM_VALUE_MAX || v != (double)(int)v) {
            return fail(c, "parameters", item->string, "must be a whole number from 0 to 3660");
        }
        ps->set[p] = 1;
        ps->value[p] = (int)v;
    }
    return 0;
}

int json_check_request(const char *text, size_t len, struct arena *arena, struct check_request *out,
                       const char **field, const char **why)
{
    struct ctx c = {arena, field, why};
    cJSON *root, *item;
    int ret;

    memset(out, 0, sizeof(*out));
    out->amount_pence = ACTIVITY_NO_AMOUNT;
    if ((ret = parse(&c, text, len, &root)) < 0) {
        goto cleanup;
    }
    if (!root || !cJSON_IsObject(root)) {
        ret = fail(&c, NULL, "body", "must be a JSON object");
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        if (!*item->string) {
            ret = fail(&c, NULL, "body", "has a field with no name");
            goto cleanup;
        }
        if (!strcmp(item->string, "as_of")) {
            if (read_date(item, &out->as_of) < 0) {
                ret = fail(&c, NULL, "as_of", "must be a real date written YYYY-MM-DD");
                goto cleanup;
            }
            out->has_as_of = 1;
        } else if (!strcmp(item->string, "compact_id")) {
            if (cJSON_IsString(item) && *item->valuestring) {
                out->compact_id = arena_strdup(arena, item->valuestring);
            } else if (cJSON_IsNumber(item) && item->valuedouble >= 1 &&
                       item->valuedouble <= 9007199254740991.0 && /* whole in a double */
                       item->valuedouble == (double)(long long)item->valuedouble) {
                struct buf b = BUF_INIT;
                buf_addf(&b, "%lld", (long long)item->valuedouble);
                out->compact_id = arena_strdup(arena, b.data);
                buf_release(&b);
            } else if (!cJSON_IsNull(item)) {
                ret = fail(&c, NULL, "compact_id", "must name a Compact");
                goto cleanup;
            }
        } else if (!strcmp(item->string, "parameters")) {
            if ((ret = read_params(&c, item, &out->params)) < 0) {
                goto cleanup;
            }
            out->has_params = 1;
        } else if (!strcmp(item->string, "organisation")) {
            out->has_organisation = 1;
            if (cJSON_IsNull(item)) {
                continue;
            }
            if (!cJSON_IsString(item) || strncmp(item->valuestring, "GB-", 3) != 0 ||
                strlen(item->valuestring) > 64) {
                ret = fail(&c, NULL, "organisation", "must be an org-id such as GB-CHC-1234567");
                goto cleanup;
            }
            out->organisation = arena_strdup(arena, item->valuestring);
        } else if (!strcmp(item->string, "title")) {
            if (!cJSON_IsNull(item) &&
                (!cJSON_IsString(item) ||
                 !activity_text_valid(item->valuestring, ACTIVITY_TITLE_MAX, 0))) {
                ret = fail(&c, NULL, "title", "must be text of 1 to 200 characters on one line");
                goto cleanup;
            }
            out->title = cJSON_IsString(item) ? arena_strdup(arena, item->valuestring) : NULL;
        } else if (!strcmp(item->string, "amount")) {
            int64_t pence;
            if (!cJSON_IsNull(item) && (!cJSON_IsNumber(item) || item->valuedouble < 0 ||
                                        norm_amount_number(item->valuedouble, &pence) < 0)) {
                ret = fail(&c, NULL, "amount", "must be an amount in pounds, not negative");
                goto cleanup;
            }
            out->amount_pence = cJSON_IsNull(item) ? ACTIVITY_NO_AMOUNT : (long long)pence;
        } else if (!strcmp(item->string, "decision_date")) {
            if (!cJSON_IsNull(item) && read_date(item, &out->decision_date) < 0) {
                ret = fail(&c, NULL, "decision_date", "must be a real date written YYYY-MM-DD");
                goto cleanup;
            }
        } else if (!strcmp(item->string, "activity")) {
            char *printed;
            if ((ret = read_activity(&c, item, &out->activity)) < 0) {
                goto cleanup;
            }
            if (!(printed = cJSON_PrintUnformatted(item))) {
                die("out of memory printing JSON");
            }
            out->activity_json = arena_strdup(arena, printed);
            cJSON_free(printed);
        } else {
            ret = fail(&c, NULL, item->string, "is not part of a check");
            goto cleanup;
        }
    }
    if (!cJSON_GetObjectItemCaseSensitive(root, "activity")) {
        ret = fail(&c, NULL, "activity", "is needed: the activity to check");
    }
cleanup:
    cJSON_Delete(root);
    return ret;
}

static void add_date(cJSON *o, const char *key, date_t d)
{
    char s[DATE_STRLEN + 1];
    date_format(d, s);
    json_must(cJSON_AddStringToObject(o, key, s));
}

void json_check_result(struct buf *b, const struct activity *a, const struct params *p,
                       const struct finding *findings, size_t n, enum verdict overall,
                       const char *const *numbers)
{
    cJSON *root = json_must(cJSON_CreateObject()), *params, *list;
    unsigned used = activity_kind_params(a->kind);
    char *s;

    json_must(cJSON_AddStringToObject(root, "kind", activity_kind_id(a->kind)));
    json_must(cJSON_AddStringToObject(root, "overall", verdict_id(overall)));
    params = json_must(cJSON_AddObjectToObject(root, "parameters"));
    for (int i = 0; i < PARAM_COUNT; i++) {
        cJSON *o;
        if (!(used & (1u << i))) {
            continue;
        }
        o = json_must(cJSON_AddObjectToObject(params, param_id((enum param)i)));
        if (p->source[i] == SOURCE_NONE) {
            json_must(cJSON_AddNullToObject(o, "value"));
        } else {
            json_must(cJSON_AddNumberToObject(o, "value", p->value[i]));
        }
        json_must(cJSON_AddStringToObject(o, "source", param_source_id(p->source[i])));
    }
    list = json_must(cJSON_AddArrayToObject(root, "findings"));
    for (size_t i = 0; i < n; i++) {
        const struct finding *f = &findings[i];
        enum rule r;
        const char *number =
            numbers && rule_parse(f->rule, &r) == 0 ? numbers[r] : commitment_for_rule(f->rule);
        cJSON *o = json_must(cJSON_CreateObject());
        json_must(cJSON_AddStringToObject(o, "rule", f->rule));
        json_must(number ? cJSON_AddStringToObject(o, "commitment", number)
                         : cJSON_AddNullToObject(o, "commitment"));
        json_must(cJSON_AddStringToObject(o, "verdict", verdict_id(f->verdict)));
        json_must(cJSON_AddStringToObject(o, "explanation", f->explanation));
        if (f->remedy[0]) {
            json_must(cJSON_AddStringToObject(o, "remedy", f->remedy));
        }
        if (f->fields & FINDING_EARLIEST_END_DATE) {
            add_date(o, "earliest_end_date", f->earliest_end_date);
        }
        if (f->fields & FINDING_SHORTFALL_DAYS) {
            json_must(cJSON_AddNumberToObject(o, "shortfall_days", f->shortfall_days));
        }
        if (f->fields & FINDING_EARLIEST_CLOSE_DATE) {
            add_date(o, "earliest_close_date", f->earliest_close_date);
        }
        if (f->fields & FINDING_FEEDBACK_DUE_DATE) {
            add_date(o, "feedback_due_date", f->feedback_due_date);
        }
        if (f->fields & FINDING_DAYS) {
            json_must(cJSON_AddNumberToObject(o, "days", f->days));
        }
        cJSON_AddItemToArray(list, o);
    }
    s = cJSON_PrintUnformatted(root);
    if (!s) {
        die("out of memory printing JSON");
    }
    buf_adds(b, s);
    cJSON_free(s);
    cJSON_Delete(root);
}

void json_activity_request(struct buf *b, const struct activity *a,
                           const struct activity_details *d)
{
    cJSON *root = json_must(cJSON_CreateObject()), *act;
    size_t n;
    const struct fact_def *facts = activity_facts(&n);
    char *s;

    if (d) {
        json_add_str(root, "organisation", d->org);
        if (d->title) {
            json_add_str(root, "title", d->title);
        }
        if (d->amount_pence != ACTIVITY_NO_AMOUNT) {
            json_add_num(root, "amount", (double)d->amount_pence / 100);
        }
        if (d->decision_date) {
            add_date(root, "decision_date", d->decision_date);
        }
    }
    act = json_must(cJSON_AddObjectToObject(root, "activity"));
    json_must(cJSON_AddStringToObject(act, "kind", activity_kind_id(a->kind)));
    if (a->kind == ACTIVITY_FUNDING_CHANGE && a->change != CHANGE_UNSET) {
        json_must(cJSON_AddStringToObject(act, "change", funding_change_id(a->change)));
    }
    for (size_t i = 0; i < n; i++) {
        const char *at = (const char *)a + facts[i].offset;
        enum fact_state state;
        if (!(facts[i].kinds & (1u << a->kind))) {
            continue;
        }
        state = *(const enum fact_state *)(const void *)at; /* every fact struct starts so */
        if (state == FACT_ABSENT) {
            continue;
        }
        if (state == FACT_NULL) {
            json_must(cJSON_AddNullToObject(act, facts[i].name));
            continue;
        }
        switch (facts[i].type) {
        case FACT_TYPE_DATE:
            add_date(act, facts[i].name, ((const struct fact_date *)(const void *)at)->value);
            break;
        case FACT_TYPE_BOOL:
            json_must(cJSON_AddBoolToObject(act, facts[i].name,
                                            ((const struct fact_bool *)(const void *)at)->value));
            break;
        case FACT_TYPE_TEXT:
            json_must(cJSON_AddStringToObject(act, facts[i].name,
                                              ((const struct fact_text *)(const void *)at)->value));
            break;
        }
    }
    if (!(s = cJSON_PrintUnformatted(root))) {
        die("out of memory printing JSON");
    }
    buf_adds(b, s);
    cJSON_free(s);
    cJSON_Delete(root);
}

int json_param_set(const char *text, size_t len, struct arena *arena, struct param_set *ps,
                   struct complaint_params *cp, const char **field, const char **why)
{
    struct ctx c = {arena, field, why};
    cJSON *root, *item, *rest;
    int ret;

    memset(ps, 0, sizeof(*ps));
    memset(cp, 0, sizeof(*cp));
    if ((ret = parse(&c, text, len, &root)) < 0) {
        return ret;
    }
    if (!root) {
        return fail(&c, NULL, "body", "must be a JSON object");
    }
    if (!cJSON_IsObject(root)) {
        ret = read_params(&c, root, ps); /* which says what it must be */
        cJSON_Delete(root);
        return ret;
    }
    /* the working days for complaints taken out; the rest are the rules' */
    rest = json_must(cJSON_CreateObject());
    while (ret == 0 && (item = root->child)) {
        enum complaint_param p;
        cJSON_DetachItemViaPointer(root, item);
        if (!item->string || complaint_param_parse(item->string, &p) < 0) {
            cJSON_AddItemToObject(rest, item->string ? item->string : "", item);
            continue;
        }
        if (!cJSON_IsNumber(item) || item->valuedouble < 1 ||
            item->valuedouble > CPARAM_VALUE_MAX ||
            item->valuedouble != (double)(int)item->valuedouble) {
            ret = fail(&c, "parameters", item->string,
                       "must be a whole number of working days from 1 to 260");
        } else {
            cp->set[p] = 1;
            cp->value[p] = (int)item->valuedouble;
        }
        cJSON_Delete(item);
    }
    if (ret == 0) {
        ret = read_params(&c, rest, ps);
    }
    cJSON_Delete(rest);
    cJSON_Delete(root);
    return ret;
}
