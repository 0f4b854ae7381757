/* Coverage as JSON (cJSON) and CSV. */
#include "json_coverage.h"

#include "json_util.h"

#include <cjson/cJSON.h>
#include <stdio.h>

#include "csv.h"
#include "base/xalloc.h"
#include "base/banned.h"

static void add_count(cJSON *parent, const char *key, const struct coverage_count *n)
{
    cJSON *o = json_must(cJSON_AddObjectToObject(parent, key));
    json_add_num(o, "total", (double)n->total);
    json_add_num(o, "covered", (double)n->covered);
    json_add_num(o, "in_development", (double)n->in_development);
}

static cJSON *authority_item(const struct coverage_row *row)
{
    cJSON *o = json_must(cJSON_CreateObject());
    json_must(cJSON_AddStringToObject(o, "gss", row->authority->gss));
    json_must(cJSON_AddStringToObject(o, "name", row->authority->name));
    json_must(cJSON_AddStringToObject(o, "type", authority_type_id(row->authority->type)));
    return o;
}

void json_coverage(struct buf *b, const struct coverage *c)
{
    cJSON *root = json_must(cJSON_CreateObject()), *uncovered, *covered_by, *by_type, *by_region;
    char as_of[DATE_STRLEN + 1];
    char *s;

    date_format(c->as_of, as_of);
    json_must(cJSON_AddStringToObject(root, "as_of", as_of));
    json_must(cJSON_AddStringToObject(root, "set", authority_set_id(c->set)));
    json_add_num(root, "authorities_total", (double)c->all.total);
    json_add_num(root, "covered", (double)c->all.covered);
    json_add_num(root, "in_development", (double)c->all.in_development);
    json_add_num(root, "active_compacts", (double)c->active_compacts);
    uncovered = json_must(cJSON_AddArrayToObject(root, "uncovered"));
    covered_by = json_must(cJSON_AddArrayToObject(root, "covered_by"));
    for (size_t i = 0; i < c->nrows; i++) {
        const struct coverage_row *row = &c->rows[i];
        cJSON *o = authority_item(row);
        if (row->state != COVER_COVERED) {
            cJSON_AddItemToArray(uncovered, o);
            continue;
        }
        json_add_num(o, "compact_id", (double)row->compact_id);
        json_must(cJSON_AddStringToObject(o, "compact_name", row->compact_name));
        json_must(cJSON_AddBoolToObject(o, "via_county", row->via_county));
        cJSON_AddItemToArray(covered_by, o);
    }
    by_type = json_must(cJSON_AddObjectToObject(root, "by_type"));
    for (int t = 0; t < AUTH_TYPE_COUNT; t++) {
        add_count(by_type, authority_type_id((enum authority_type)t), &c->by_type[t]);
    }
    by_region = json_must(cJSON_AddObjectToObject(root, "by_region"));
    for (size_t r = 0; r < REGION_COUNT; r++) {
        add_count(by_region, region_name(r), &c->by_region[r]);
    }
    if (!(s = cJSON_PrintUnformatted(root))) {
        die("out of memory printing JSON");
    }
    buf_adds(b, s);
    cJSON_free(s);
    cJSON_Delete(root);
}

void csv_coverage(struct buf *b, const struct coverage *c)
{
    buf_adds(b, "gss,name,type,region,county_gss,state,compact_id,compact_name,via_county\r\n");
    for (size_t i = 0; i < c->nrows; i++) {
        const struct coverage_row *row = &c->rows[i];
        const struct authority *a = row->authority;
        char id[24] = "";
        const char *fields[] = {a->gss,
                                a->name,
                                authority_type_id(a->type),
                                a->region,
                                a->county_gss,
                                coverage_state_id(row->state),
                                id,
                                row->compact_name,
                                row->compact_id ? (row->via_county ? "true" : "false") : ""};
        if (row->compact_id &&
            snprintf(id, sizeof(id), "%lld", row->compact_id) >= (int)sizeof(id)) {
            id[0] = '\0'; /* cannot happen: 20 digits and a sign fit */
        }
        csv_record(b, fields, sizeof(fields) / sizeof(fields[0]));
    }
}
