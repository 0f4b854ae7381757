/* Open data indicators and the grant and contract lists as JSON (cJSON) and CSV. */
#include "json_indicators.h"

#include "json_util.h"

#include <cjson/cJSON.h>
#include <stdio.h>

#include "csv.h"
#include "core/norm.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* A fraction to 4 places (no libm: shares are never negative). */
static double round4(double v)
{
    return (double)(long long)(v * 10000 + 0.5) / 10000;
}

static void add_caveats(cJSON *o, const char *const *c, size_t n)
{
    cJSON *arr = json_must(cJSON_AddArrayToObject(o, "caveats"));
    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(arr, json_must(cJSON_CreateString(c[i])));
    }
}

static void add_param(cJSON *parent, const char *key, const struct params *p, enum param which)
{
    cJSON *o = json_must(cJSON_AddObjectToObject(parent, key));
    if (p->source[which] == SOURCE_NONE) {
        json_add_null(o, "value");
    } else {
        json_add_num(o, "value", p->value[which]);
    }
    json_add_str(o, "source", param_source_id(p->source[which]));
}

static void add_grants(cJSON *o, const struct ind_grants *g, size_t min_count, struct arena *arena)
{
    const char *caveats[IND_CAVEATS_MAX];
    cJSON *multi;
    size_t n;

    json_add_num(o, "count", (double)g->count);
    json_add_num(o, "value", (double)g->value / 100);
    json_add_num(o, "value_pence", (double)g->value);
    multi = json_must(cJSON_AddObjectToObject(o, "multi_year"));
    json_add_num(multi, "count", (double)g->multi_year);
    json_add_num(multi, "known", (double)g->multi_year_known);
    if (g->share_suppressed) {
        json_add_null(multi, "share");
    } else {
        json_add_num(multi, "share", round4(g->share));
    }
    n = ind_grants_caveats(g, min_count, arena, caveats);
    add_caveats(o, caveats, n);
}

static void add_contracts(cJSON *o, const struct ind_contracts *c, const struct ind_params *p,
                          struct arena *arena)
{
    const char *caveats[IND_CAVEATS_MAX];
    cJSON *days, *vcse;
    size_t n;

    json_add_num(o, "count", (double)c->count);
    days = json_must(cJSON_AddObjectToObject(o, "tender_days"));
    json_add_num(days, "measured", (double)c->with_period);
    if (c->median_suppressed) {
        json_add_null(days, "median");
    } else {
        json_add_num(days, "median", c->median_days);
    }
    if (c->rule_applies) {
        json_add_num(days, "min_tender_days", p->min_tender_days);
    } else {
        json_add_null(days, "min_tender_days");
    }
    json_must(cJSON_AddBoolToObject(days, "rule_applies", c->rule_applies));
    if (c->rule_applies) {
        json_add_num(days, "under_min", (double)c->under_min);
    } else {
        json_add_null(days, "under_min");
    }
    vcse = json_must(cJSON_AddObjectToObject(o, "vcse_suitable"));
    json_add_num(vcse, "known", (double)c->vcse_known);
    json_add_num(vcse, "count", (double)c->vcse_suitable);
    if (c->vcse_suppressed) {
        json_add_null(vcse, "share");
    } else {
        json_add_num(vcse, "share", round4(c->vcse_share));
    }
    n = ind_contracts_caveats(c, p->min_count, arena, caveats);
    add_caveats(o, caveats, n);
}

static cJSON *ended_item(const struct ind_ended *e, const char *body, const char *compact_id)
{
    cJSON *o = json_must(cJSON_CreateObject());
    char last[DATE_STRLEN + 1], end[DATE_STRLEN + 1];
    struct buf path = BUF_INIT;

    json_add_str(o, "recipient_id", e->recipient);
    json_add_str(o, "recipient_name", e->name);
    json_add_num(o, "year", e->year);
    json_add_num(o, "not_funded_in", e->next_year);
    json_add_num(o, "grants", (double)e->grants);
    json_add_num(o, "value", (double)e->value / 100);
    json_add_num(o, "value_pence", (double)e->value);
    date_format(e->last_award, last);
    json_add_str(o, "last_award_date", last);
    if (e->has_end) {
        date_format(e->end, end);
        json_add_str(o, "planned_end", end);
    } else {
        json_add_null(o, "planned_end");
    }
    ind_ended_check_path(&path, e, body, compact_id);
    json_add_str(o, "check", path.data);
    buf_release(&path);
    return o;
}

void json_indicators(struct buf *b, const struct indicators_subject *s,
                     const struct indicators *ind, struct arena *arena)
{
    cJSON *root = json_must(cJSON_CreateObject()), *params, *grants, *years, *ended, *contracts;

    json_add_str(root, "org", s->org);
    json_add_str(root, "name", s->name);
    json_add_str(root, "compact_id", s->compact_id);
    params = json_must(cJSON_AddObjectToObject(root, "parameters"));
    json_add_num(params, "min_count", (double)ind->params.min_count);
    add_param(params, "min_funding_months", s->params, PARAM_MIN_FUNDING_MONTHS);
    add_param(params, "min_tender_days", s->params, PARAM_MIN_TENDER_DAYS);
    json_add_str(root, "year_basis", ind_caveat_year_basis);

    grants = json_must(cJSON_AddObjectToObject(root, "grants"));
    add_grants(grants, &ind->grants, ind->params.min_count, arena);
    if (ind->ngrant_years) {
        json_add_num(grants, "first_year", ind->grant_years[0].year);
        json_add_num(grants, "last_year", ind->grant_years[ind->ngrant_years - 1].year);
    } else {
        json_add_null(grants, "first_year");
        json_add_null(grants, "last_year");
    }
    years = json_must(cJSON_AddArrayToObject(grants, "by_year"));
    for (size_t i = 0; i < ind->ngrant_years; i++) {
        cJSON *y = json_must(cJSON_CreateObject());
        json_add_num(y, "year", ind->grant_years[i].year);
        add_grants(y, &ind->grant_years[i].g, ind->params.min_count, arena);
        cJSON_AddItemToArray(years, y);
    }

    ended = json_must(cJSON_AddArrayToObject(root, "ended_relationships"));
    for (size_t i = 0; i < ind->nended; i++) {
        cJSON_AddItemToArray(ended,
                             ended_item(&ind->ended[i], s->name ? s->name : s->org, s->compact_id));
    }
    json_add_str(root, "ended_caveat", ind_caveat_ended);
    json_add_str(root, "ended_rules", ind_caveat_ended_rules);
    json_add_num(root, "ended_one_offs", (double)ind->one_offs);

    contracts = json_must(cJSON_AddObjectToObject(root, "contracts"));
    add_contracts(contracts, &ind->contracts, &ind->params, arena);
    years = json_must(cJSON_AddArrayToObject(contracts, "by_year"));
    for (size_t i = 0; i < ind->ncontract_years; i++) {
        cJSON *y = json_must(cJSON_CreateObject());
        json_add_num(y, "year", ind->contract_years[i].year);
        add_contracts(y, &ind->contract_years[i].c, &ind->params, arena);
        cJSON_AddItemToArray(years, y);
    }
    json_print(b, root);
}

/* Text of a whole number, or "" (into a buffer of 32). */
static const char *num(char out[32], long long v, int show)
{
    if (!show || snprintf(out, 32, "%lld", v) >= 32) {
        out[0] = '\0';
    }
    return out;
}

static const char *frac(char out[32], double v, int show)
{
    if (!show || snprintf(out, 32, "%.4f", v) >= 32) {
        out[0] = '\0';
    }
    return out;
}

static const char *money(char out[32], int64_t pence, int show)
{
    if (show) {
        norm_amount_format(pence, out);
    } else {
        out[0] = '\0';
    }
    return out;
}

void csv_indicators(struct buf *b, const struct indicators *ind)
{
    char t[13][32];

    buf_adds(b, "kind,year,count,value,multi_year,multi_year_known,multi_year_share,"
                "tenders_measured,median_tender_days,under_min_tender_days,vcse_known,"
                "vcse_suitable,vcse_share\r\n");
    for (size_t i = 0; i < ind->ngrant_years; i++) {
        const struct ind_grants *g = &ind->grant_years[i].g;
        const char *fields[] = {"grants",
                                num(t[0], ind->grant_years[i].year, 1),
                                num(t[1], (long long)g->count, 1),
                                money(t[2], g->value, 1),
                                num(t[3], (long long)g->multi_year, 1),
                                num(t[4], (long long)g->multi_year_known, 1),
                                frac(t[5], g->share, !g->share_suppressed),
                                "",
                                "",
                                "",
                                "",
                                "",
                                ""};
        csv_record(b, fields, sizeof(fields) / sizeof(fields[0]));
    }
    for (size_t i = 0; i < ind->ncontract_years; i++) {
        const struct ind_contracts *c = &ind->contract_years[i].c;
        char median[32];
        const char *fields[] = {"contracts",
                                num(t[0], ind->contract_years[i].year, 1),
                                num(t[1], (long long)c->count, 1),
                                "",
                                "",
                                "",
                                "",
                                num(t[2], (long long)c->with_period, 1),
                                median,
                                num(t[3], (long long)c->under_min, c->rule_applies),
                                num(t[4], (long long)c->vcse_known, 1),
                                num(t[5], (long long)c->vcse_suitable, 1),
                                frac(t[6], c->vcse_share, !c->vcse_suppressed)};
        if (c->median_suppressed ||
            snprintf(median, sizeof(median), "%.1f", c->median_days) >= (int)sizeof(median)) {
            median[0] = '\0';
        }
        csv_record(b, fields, sizeof(fields) / sizeof(fields[0]));
    }
}

static cJSON *grant_object(const void *item)
{
    const struct grant_item *g = item;
    cJSON *o = json_must(cJSON_CreateObject());
    json_add_str(o, "id", g->identifier);
    json_add_str(o, "title", g->title);
    json_add_str(o, "currency", g->currency);
    json_add_num(o, "amount", (double)g->amount / 100);
    json_add_str(o, "award_date", g->award_date);
    json_add_str(o, "funder_id", g->funder_id);
    json_add_str(o, "funder_name", g->funder_name);
    json_add_str(o, "recipient_id", g->recipient_id);
    json_add_str(o, "recipient_name", g->recipient_name);
    json_add_str(o, "planned_start", g->planned_start);
    json_add_str(o, "planned_end", g->planned_end);
    if (g->duration_months >= 0) {
        json_add_num(o, "duration_months", g->duration_months);
    } else {
        json_add_null(o, "duration_months");
    }
    json_add_str(o, "programme", g->programme);
    return o;
}

static cJSON *contract_object(const void *item)
{
    const struct contract_item *c = item;
    cJSON *o = json_must(cJSON_CreateObject());
    json_add_str(o, "ocid", c->ocid);
    json_add_str(o, "title", c->title);
    json_add_str(o, "buyer_id", c->buyer_id);
    json_add_str(o, "buyer_name", c->buyer_name);
    json_add_str(o, "release_date", c->release_date);
    json_add_str(o, "tender_published", c->tender_published);
    json_add_str(o, "tender_start", c->tender_start);
    json_add_str(o, "tender_end", c->tender_end);
    if (c->vcse_suitable >= 0) {
        json_must(cJSON_AddBoolToObject(o, "vcse_suitable", c->vcse_suitable));
    } else {
        json_add_null(o, "vcse_suitable");
    }
    json_add_str(o, "value_currency", c->has_value ? c->value_currency : NULL);
    if (c->has_value) {
        json_add_num(o, "value", (double)c->value / 100);
    } else {
        json_add_null(o, "value");
    }
    json_add_str(o, "award_currency", c->has_award ? c->award_currency : NULL);
    if (c->has_award) {
        json_add_num(o, "award_value", (double)c->award / 100);
    } else {
        json_add_null(o, "award_value");
    }
    json_add_str(o, "suppliers", c->suppliers);
    return o;
}

void json_grant_list(struct buf *b, size_t total, const struct grant_item *items, size_t n,
                     const char *next)
{
    json_list(b, total, items, n, sizeof(*items), grant_object, next);
}

void json_contract_list(struct buf *b, size_t total, const struct contract_item *items, size_t n,
                        const char *next)
{
    json_list(b, total, items, n, sizeof(*items), contract_object, next);
}

void csv_grant_list(struct buf *b, const struct grant_item *items, size_t n)
{
    buf_adds(b, "id,title,currency,amount,award_date,funder_id,funder_name,recipient_id,"
                "recipient_name,planned_start,planned_end,duration_months,programme\r\n");
    for (size_t i = 0; i < n; i++) {
        const struct grant_item *g = &items[i];
        char amount[32], duration[32];
        const char *fields[] = {
            g->identifier,     g->title,
            g->currency,       money(amount, g->amount, 1),
            g->award_date,     g->funder_id,
            g->funder_name,    g->recipient_id,
            g->recipient_name, g->planned_start,
            g->planned_end,    num(duration, g->duration_months, g->duration_months >= 0),
            g->programme};
        csv_record(b, fields, sizeof(fields) / sizeof(fields[0]));
    }
}

void csv_contract_list(struct buf *b, const struct contract_item *items, size_t n)
{
    buf_adds(b, "ocid,title,buyer_id,buyer_name,release_date,tender_published,tender_start,"
                "tender_end,vcse_suitable,value_currency,value,award_currency,award_value,"
                "suppliers\r\n");
    for (size_t i = 0; i < n; i++) {
        const struct contract_item *c = &items[i];
        char value[32], award[32];
        const char *fields[] = {c->ocid,
                                c->title,
                                c->buyer_id,
                                c->buyer_name,
                                c->release_date,
                                c->tender_published,
                                c->tender_start,
                                c->tender_end,
                                c->vcse_suitable < 0 ? ""
                                : c->vcse_suitable   ? "true"
                                                     : "false",
                                c->has_value ? c->value_currency : NULL,
                                money(value, c->value, c->has_value),
                                c->has_award ? c->award_currency : NULL,
                                money(award, c->award, c->has_award),
                                c->suppliers};
        csv_record(b, fields, sizeof(fields) / sizeof(fields[0]));
    }
}
