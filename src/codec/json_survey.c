/* The annual survey as JSON and CSV (codec/json_survey.h). */
#include "json_survey.h"

#include "json_util.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "base/err.h"
#include "base/banned.h"

/* ---- in ---- */

/* Whether item is a whole number from lo to hi. */
static int whole(const cJSON *item, double lo, double hi)
{
    return cJSON_IsNumber(item) && item->valuedouble >= lo && item->valuedouble <= hi &&
           item->valuedouble == (double)(long long)item->valuedouble;
}

int json_survey_round(const char *text, size_t len, struct arena *arena, int *year,
                      const char **opens_on, const char **closes_on, const char **field,
                      const char **why)
{
    cJSON *root = NULL, *item;
    int ret;

    *year = 0;
    *opens_on = *closes_on = NULL;
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        if (!strcmp(item->string, "year")) {
            if (!whole(item, 1, 9999)) {
                ret = json_fail(field, why, "year", "year must be a year such as 2011.");
                goto cleanup;
            }
            *year = (int)item->valuedouble;
        } else if (!strcmp(item->string, "opens_on") || !strcmp(item->string, "closes_on")) {
            int opens = item->string[0] == 'o';
            if (!cJSON_IsString(item)) {
                ret = json_fail(field, why, opens ? "opens_on" : "closes_on",
                                opens ? "opens_on must be a date written YYYY-MM-DD."
                                      : "closes_on must be a date written YYYY-MM-DD.");
                goto cleanup;
            }
            *(opens ? opens_on : closes_on) = arena_strdup(arena, item->valuestring);
        } else {
            ret = json_fail(field, why, *item->string ? arena_strdup(arena, item->string) : "body",
                            "A round takes only year, opens_on and closes_on.");
            goto cleanup;
        }
    }
    if (!*year) {
        ret =
            json_fail(field, why, "year", "year is missing: the year of the round, such as 2011.");
    } else if (!*opens_on) {
        ret = json_fail(field, why, "opens_on", "opens_on is missing: the day the round opens.");
    } else if (!*closes_on) {
        ret = json_fail(field, why, "closes_on", "closes_on is missing: the day the round closes.");
    }
cleanup:
    cJSON_Delete(root);
    return ret;
}

/* "answers.KEY" from arena. */
static const char *answer_field(struct arena *arena, const char *key)
{
    size_t n = strlen(key);
    char *f = arena_alloc(arena, 8 + n + 1);
    memcpy(f, "answers.", 8);
    memcpy(f + 8, key, n + 1);
    return f;
}

static int read_answers(cJSON *obj, struct arena *arena, struct survey_response_in *out,
                        const char **field, const char **why)
{
    struct survey_answer_in *answers;
    cJSON *item;
    size_t n = 0;

    if (!cJSON_IsObject(obj)) {
        return json_fail(field, why, "answers",
                         "answers must be an object of question keys and their answers.");
    }
    answers = arena_alloc(arena, sizeof(*answers) * SURVEY_QUESTIONS_MAX);
    cJSON_ArrayForEach(item, obj)
    {
        const char **values;
        size_t nv = 0;

        if (!*item->string) {
            return json_fail(field, why, "answers", "An answer has no question key.");
        }
        if (n == SURVEY_QUESTIONS_MAX) {
            return json_fail(field, why, "answers", "answers has more answers than questions.");
        }
        values = arena_alloc(arena, sizeof(*values) * SURVEY_OPTIONS_MAX);
        if (cJSON_IsString(item)) {
            values[nv++] = arena_strdup(arena, item->valuestring);
        } else if (cJSON_IsArray(item)) {
            cJSON *v;
            cJSON_ArrayForEach(v, item)
            {
                if (!cJSON_IsString(v)) {
                    *field = answer_field(arena, item->string);
                    *why = "Each option chosen must be given as a string.";
                    return ERR_INVALID;
                }
                if (nv == SURVEY_OPTIONS_MAX) {
                    *field = answer_field(arena, item->string);
                    *why = "More options are chosen than the question has.";
                    return ERR_INVALID;
                }
                values[nv++] = arena_strdup(arena, v->valuestring);
            }
        } else if (!cJSON_IsNull(item)) {
            *field = answer_field(arena, item->string);
            *why = "An answer must be an option as a string, a list of options, or null.";
            return ERR_INVALID;
        }
        answers[n].key = arena_strdup(arena, item->string);
        answers[n].values = values;
        answers[n].nvalues = nv;
        n++;
    }
    out->answers = answers;
    out->nanswers = n;
    return 0;
}

int json_survey_response(const char *text, size_t len, struct arena *arena,
                         struct survey_response_in *out, const char **code, const char **field,
                         const char **why)
{
    static const char *const strings[] = {"code", "questionnaire", "sector", "body_type"};
    cJSON *root = NULL, *item;
    int ret, answered = 0;

    memset(out, 0, sizeof(*out));
    *code = NULL;
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        size_t i = 0;
        while (i < sizeof(strings) / sizeof(strings[0]) && strcmp(item->string, strings[i])) {
            i++;
        }
        if (i < sizeof(strings) / sizeof(strings[0])) {
            const char *v;
            if (cJSON_IsNull(item) && (i == 0 || i == 3)) {
                continue;
            }
            if (!cJSON_IsString(item)) {
                ret = json_fail(field, why, strings[i],
                                i == 0   ? "code must be the invitation code as a string."
                                : i == 1 ? "questionnaire must be \"general\" or \"benchmark\"."
                                : i == 2 ? "sector must be \"statutory\", \"vcs\" or \"other\"."
                                         : "body_type must be a string such as "
                                           "\"local_authority\", or null.");
                goto cleanup;
            }
            v = arena_strdup(arena, item->valuestring);
            if (i == 0) {
                *code = v;
            } else if (i == 1) {
                out->questionnaire = v;
            } else if (i == 2) {
                out->sector = v;
            } else {
                out->body_type = v;
            }
        } else if (!strcmp(item->string, "compact_id")) {
            if (cJSON_IsNull(item)) {
                continue;
            }
            if (!whole(item, 1, 9007199254740991.0)) {
                ret = json_fail(field, why, "compact_id",
                                "compact_id must be the number of a local Compact.");
                goto cleanup;
            }
            out->compact_id = (long long)item->valuedouble;
        } else if (!strcmp(item->string, "answers")) {
            if ((ret = read_answers(item, arena, out, field, why)) < 0) {
                goto cleanup;
            }
            answered = 1;
        } else {
            ret = json_fail(field, why, *item->string ? arena_strdup(arena, item->string) : "body",
                            "An answer takes only code, questionnaire, sector, body_type, "
                            "compact_id and answers.");
            goto cleanup;
        }
    }
    if (!answered) {
        ret = json_fail(field, why, "answers", "answers is missing: the answers to the questions.");
    }
cleanup:
    cJSON_Delete(root);
    return ret;
}

int json_survey_count(const char *text, size_t len, struct arena *arena, long long *count,
                      const char **field, const char **why)
{
    cJSON *root = NULL, *item;
    int ret;

    *count = -1;
    if ((ret = json_parse_object(text, len, arena, &root, field, why)) < 0) {
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root)
    {
        if (strcmp(item->string, "count")) {
            ret = json_fail(field, why, *item->string ? arena_strdup(arena, item->string) : "body",
                            "Making codes takes only count.");
            goto cleanup;
        }
        if (!whole(item, 0, 1e9)) {
            ret = json_fail(field, why, "count", "count must be a whole number of codes.");
            goto cleanup;
        }
        *count = (long long)item->valuedouble;
    }
    if (*count < 0) {
        ret = json_fail(field, why, "count", "count is missing: how many codes to make.");
    }
cleanup:
    cJSON_Delete(root);
    return ret;
}

/* ---- out ---- */

static void add_count(cJSON *o, const char *key, const struct survey_count *c)
{
    if (c->hidden) {
        json_add_null(o, key);
    } else {
        json_add_int(o, key, c->n);
    }
}

static void add_share(cJSON *o, const char *key, const struct survey_share *s)
{
    if (s->hidden) {
        json_add_null(o, key);
    } else {
        json_add_num(o, key, s->value);
    }
}

static cJSON *group_object(const struct survey_question *q, const struct survey_group_result *g)
{
    cJSON *o = json_must(cJSON_CreateObject()), *counts, *shares;

    add_count(o, "answered", &g->answered);
    counts = json_must(cJSON_AddObjectToObject(o, "counts"));
    for (size_t i = 0; i < q->noptions; i++) {
        add_count(counts, q->options[i].id, &g->counts[i]);
    }
    if (q->type == SQ_AGREE5) {
        add_count(o, "agree", &g->agree);
        add_share(o, "agree_share", &g->agree_share);
    }
    shares = json_must(cJSON_AddObjectToObject(o, "shares"));
    for (size_t i = 0; i < q->noptions; i++) {
        add_share(shares, q->options[i].id, &g->shares[i]);
    }
    return o;
}

void json_survey_results(struct buf *b, const struct json_survey_round_results *r)
{
    cJSON *root = json_must(cJSON_CreateObject()), *o, *qs;

    json_add_int(root, "year", r->year);
    o = json_must(cJSON_AddObjectToObject(root, "responses"));
    for (int i = 0; i < SURVEY_QUESTIONNAIRE_COUNT; i++) {
        add_count(o, survey_questionnaire_id((enum survey_questionnaire)i), &r->responses[i]);
    }
    o = json_must(cJSON_AddObjectToObject(root, "coverage"));
    json_add_int(o, "active_compacts", (long long)r->active_compacts);
    json_add_int(o, "with_general", (long long)r->with_general);
    json_add_int(o, "with_benchmark", (long long)r->with_benchmark);
    qs = json_must(cJSON_AddArrayToObject(root, "questions"));
    for (size_t i = 0; i < r->nquestions; i++) {
        const struct survey_question_result *qr = &r->questions[i];
        cJSON *item = json_must(cJSON_CreateObject()), *groups;
        json_add_str(item, "key", qr->q->key);
        json_add_int(item, "version", qr->q->version);
        json_add_str(item, "type", survey_type_id(qr->q->type));
        json_add_str(item, "text", qr->q->text);
        groups = json_must(cJSON_AddObjectToObject(item, "groups"));
        for (int g = 0; g < SURVEY_GROUP_COUNT; g++) {
            cJSON_AddItemToObject(groups, survey_group_id((enum survey_group)g),
                                  group_object(qr->q, &qr->groups[g]));
        }
        cJSON_AddItemToArray(qs, item);
    }
    json_print(b, root);
}

/* n as text into out ("" when hidden). */
static const char *count_text(const struct survey_count *c, char out[24])
{
    if (c->hidden || snprintf(out, 24, "%lld", c->n) >= 24) {
        out[0] = '\0';
    }
    return out;
}

static const char *share_text(const struct survey_share *s, char out[32])
{
    if (s->hidden || snprintf(out, 32, "%.6g", s->value) >= 32) {
        out[0] = '\0';
    }
    return out;
}

void csv_survey_results(struct buf *b, const struct json_survey_round_results *r)
{
    static const char *const header[] = {"key",      "version", "type",  "group",
                                         "answered", "option",  "count", "share"};
    csv_record(b, header, 8);
    for (size_t i = 0; i < r->nquestions; i++) {
        const struct survey_question_result *qr = &r->questions[i];
        char version[24];
        if (snprintf(version, sizeof(version), "%d", qr->q->version) >= (int)sizeof(version)) {
            version[0] = '\0';
        }
        for (int g = 0; g < SURVEY_GROUP_COUNT; g++) {
            const struct survey_group_result *gr = &qr->groups[g];
            char answered[24], count[24], share[32];
            const char *f[8] = {qr->q->key, version, survey_type_id(qr->q->type),
                                survey_group_id((enum survey_group)g),
                                count_text(&gr->answered, answered)};
            for (size_t k = 0; k < qr->q->noptions; k++) {
                f[5] = qr->q->options[k].id;
                f[6] = count_text(&gr->counts[k], count);
                f[7] = share_text(&gr->shares[k], share);
                csv_record(b, f, 8);
            }
            if (qr->q->type == SQ_AGREE5) {
                f[5] = "agree_total";
                f[6] = count_text(&gr->agree, count);
                f[7] = share_text(&gr->agree_share, share);
                csv_record(b, f, 8);
            }
        }
    }
}
