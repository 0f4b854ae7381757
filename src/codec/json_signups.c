/* The case for signing up as JSON (cJSON) and CSV. */
#include "json_signups.h"

#include "json_util.h"

#include <cjson/cJSON.h>
#include <stdio.h>

#include "csv.h"
#include "base/banned.h"

/* key: the types of bits among the first n, as their ids. */
static void add_types(cJSON *o, const char *key, unsigned bits, int n)
{
    cJSON *a = json_must(cJSON_AddArrayToObject(o, key));
    for (int t = 0; t < n; t++) {
        if (bits & (1u << t)) {
            cJSON_AddItemToArray(
                a, json_must(cJSON_CreateString(signup_type_id((enum signup_type)t))));
        }
    }
}

void json_signups(struct buf *b, const struct signups *su)
{
    cJSON *root = json_must(cJSON_CreateObject()), *compacts, *not_signed, *not_covered;
    char as_of[DATE_STRLEN + 1];

    date_format(su->cov->as_of, as_of);
    json_must(cJSON_AddStringToObject(root, "as_of", as_of));
    json_must(cJSON_AddStringToObject(root, "set", authority_set_id(su->cov->set)));
    compacts = json_must(cJSON_AddArrayToObject(root, "compacts"));
    for (size_t i = 0; i < su->ncompacts; i++) {
        const struct signup_compact *k = &su->compacts[i];
        cJSON *o = json_must(cJSON_CreateObject());
        json_add_int(o, "id", k->id);
        json_add_str(o, "name", k->name);
        add_types(o, "signed_types", k->signed_types, SIGNUP_TYPE_COUNT);
        add_types(o, "missing_types", ~k->signed_types & SIGNUP_ALL_PARTNERS, SIGNUP_PARTNERS);
        cJSON_AddItemToArray(compacts, o);
    }
    not_signed = json_must(cJSON_AddArrayToObject(root, "not_signed"));
    not_covered = json_must(cJSON_AddArrayToObject(root, "not_covered"));
    for (size_t i = 0; i < su->nrows; i++) {
        const struct signup_row *r = &su->rows[su->by_region[i]];
        cJSON *o;
        if (r->state == SIGNUP_SIGNED) {
            continue;
        }
        o = json_must(cJSON_CreateObject());
        json_add_str(o, "gss", r->cov->authority->gss);
        json_add_str(o, "council", r->council);
        if (r->state == SIGNUP_NOT_SIGNED) {
            json_add_int(o, "compact_id", r->cov->compact_id);
        }
        cJSON_AddItemToArray(r->state == SIGNUP_NOT_SIGNED ? not_signed : not_covered, o);
    }
    json_print(b, root);
}

void csv_signups(struct buf *b, const struct signups *su)
{
    buf_adds(b, "gss,authority,council,council_name,type,region,state,compact_id,compact_name,"
                "via_county,signed_on\r\n");
    for (size_t i = 0; i < su->nrows; i++) {
        const struct signup_row *r = &su->rows[su->by_region[i]];
        const struct authority *a = r->cov->authority;
        int covered = r->state != SIGNUP_NOT_COVERED;
        char id[24] = "", day[DATE_STRLEN + 1] = "";
        const char *fields[] = {a->gss,
                                a->name,
                                r->council,
                                a->official_name,
                                authority_type_id(a->type),
                                a->region,
                                signup_state_id(r->state),
                                id,
                                covered ? r->cov->compact_name : NULL,
                                covered ? (r->cov->via_county ? "true" : "false") : NULL,
                                day};
        if (covered && snprintf(id, sizeof(id), "%lld", r->cov->compact_id) >= (int)sizeof(id)) {
            id[0] = '\0'; /* cannot happen: 20 digits and a sign fit */
        }
        if (r->signature) {
            date_format(r->signature->signed_on, day);
        }
        csv_record(b, fields, sizeof(fields) / sizeof(fields[0]));
    }
}
