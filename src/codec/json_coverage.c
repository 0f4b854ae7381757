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

/* The Compact of row (none: nothing) into o. */
static void add_compact(cJSON *o, const struct coverage_row *row)
{
    json_add_num(o, "compact_id", (double)row->compact_id);
    json_must(cJSON_AddStringToObject(o, "compact_name", row->compact_name));
    json_must(cJSON_AddBoolToObject(o, "via_county", row->via_county));
}

static void add_change(cJSON *root, const struct coverage_change *ch)
{
    cJSON *o = json_must(cJSON_AddObjectToObject(root, "compare")), *gained, *lost;
    const struct coverage *then = ch->before;
    char from[DATE_STRLEN + 1];

    date_format(then->as_of, from);
    json_must(cJSON_AddStringToObject(o, "from", from));
    json_add_num(o, "covered", (double)then->all.covered);
    json_add_num(o, "in_development", (double)then->all.in_development);
    json_add_num(o, "active_compacts", (double)then->active_compacts);
    gained = json_must(cJSON_AddArrayToObject(o, "gained"));
    for (size_t i = 0; i < ch->ngained; i++) {
        const struct coverage_row *row = &ch->after->rows[ch->gained[i]];
        cJSON *item = authority_item(row);
        add_compact(item, row);
        cJSON_AddItemToArray(gained, item);
    }
    lost = json_must(cJSON_AddArrayToObject(o, "lost"));
    for (size_t i = 0; i < ch->nlost; i++) {
        const struct coverage_row *was = &then->rows[ch->lost[i]];
        cJSON *item = authority_item(was);
        json_must(cJSON_AddStringToObject(item, "state",
                                          coverage_state_id(ch->after->rows[ch->lost[i]].state)));
        add_compact(item, was);
        cJSON_AddItemToArray(lost, item);
    }
}

void json_coverage(struct buf *b, const struct coverage *c, const struct coverage_change *change)
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
        add_compact(o, row);
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
    if (change) {
        add_change(root, change);
    }
    if (!(s = cJSON_PrintUnformatted(root))) {
        die("out of memory printing JSON");
    }
    buf_adds(b, s);
    cJSON_free(s);
    cJSON_Delete(root);
}

/* The Compact's id of row as text into id ("" for none). */
static void compact_id(const struct coverage_row *row, char id[24])
{
    id[0] = '\0';
    if (row->compact_id && snprintf(id, 24, "%lld", row->compact_id) >= 24) {
        id[0] = '\0'; /* cannot happen: 20 digits and a sign fit */
    }
}

void csv_coverage(struct buf *b, const struct coverage *c, const struct coverage_change *change)
{
    buf_adds(b, "gss,name,type,region,county_gss,state,compact_id,compact_name,via_county");
    buf_adds(b, change ? ",from_state,from_compact_id,from_compact_name,change\r\n" : "\r\n");
    for (size_t i = 0; i < c->nrows; i++) {
        const struct coverage_row *row = &c->rows[i];
        const struct coverage_row *was = change ? &change->before->rows[i] : NULL;
        const struct authority *a = row->authority;
        char id[24], was_id[24] = "";
        const char *fields[] = {a->gss,
                                a->name,
                                authority_type_id(a->type),
                                a->region,
                                a->county_gss,
                                coverage_state_id(row->state),
                                id,
                                row->compact_name,
                                row->compact_id ? (row->via_county ? "true" : "false") : "",
                                was ? coverage_state_id(was->state) : NULL,
                                was_id,
                                was ? was->compact_name : NULL,
                                was ? coverage_move_id(coverage_move(was, row)) : NULL};
        size_t n = sizeof(fields) / sizeof(fields[0]);
        compact_id(row, id);
        if (was) {
            compact_id(was, was_id);
        }
        csv_record(b, fields, was ? n : n - 4); /* without change, not its four columns */
    }
}
