/*
 * The annual survey's API (SPEC section 7, "The contract"): make a round, answer it, its
 * results as JSON and CSV, and invitation codes for a Compact as CSV with their links. Every
 * decision is app/survey.h's (and app/policy.c's through it).
 */
#include <string.h>

#include "handlers.h"
#include "router.h"
#include "survey_http.h"
#include "app/survey.h"
#include "codec/json.h"
#include "codec/json_survey.h"
#include "base/err.h"
#include "base/banned.h"

/* The problem for ret (an enum err) with the service's refusal, or ret itself for an error
 * that is not a refusal (the router replies). */
static int refusal(struct request *r, int ret, const char *title,
                   const struct survey_refusal *refused)
{
    int status = http_status_of(ret);

    if (status >= 500) {
        return ret;
    }
    return reply_problem(r, status, status == 400 ? title : http_reason(status),
                         *refused->why ? arena_strdup(r->arena, refused->why) : NULL,
                         *refused->field ? arena_strdup(r->arena, refused->field) : NULL);
}

/* The route's year, or ERR_NOT_FOUND. */
static int route_year(struct request *r, int *year)
{
    long long y;

    if (request_id(r, 0, &y) < 0 || y > 9999) {
        return ERR_NOT_FOUND;
    }
    *year = (int)y;
    return 0;
}

int api_survey_create(struct request *r)
{
    struct survey_refusal refused = {0};
    const char *opens, *closes, *field, *why;
    long long id;
    int year, ret;

    if (json_survey_round(r->body_in, r->body_in_len, r->arena, &year, &opens, &closes, &field,
                          &why) < 0) {
        return reply_problem(r, 400, "Invalid survey round", why, field);
    }
    ret = survey_round_create(r->st, &r->user, year, opens, closes, &id, &refused);
    if (ret < 0) {
        return refusal(r, ret, "Invalid survey round", &refused);
    }
    return reply_id(r, 201, id);
}

int api_survey_answer(struct request *r)
{
    struct survey_response_in in;
    struct survey_refusal refused = {0};
    const char *code, *field, *why;
    long long id;
    int year, ret;

    if ((ret = route_year(r, &year)) < 0) {
        return ret;
    }
    if (json_survey_response(r->body_in, r->body_in_len, r->arena, &in, &code, &field, &why) < 0) {
        return reply_problem(r, 400, "Invalid answer", why, field);
    }
    ret = survey_answer(r->st, &r->user, r->key, year, &in, code, date_today(), &id, &refused);
    if (ret < 0) {
        return refusal(r, ret, "Invalid answer", &refused);
    }
    return reply_id(r, 201, id);
}

/* The results of the route's round as the codec takes them, or an error. */
static int read_results(struct request *r, struct survey_results *res,
                        struct json_survey_round_results *out)
{
    int year, ret;

    if ((ret = route_year(r, &year)) < 0 ||
        (ret = survey_results_read(r->st, year, r->arena, res)) < 0) {
        return ret;
    }
    *out = (struct json_survey_round_results){
        .year = res->round.year,
        .responses = res->responses,
        .active_compacts = res->active_compacts,
        .with_general = res->with_general,
        .with_benchmark = res->with_benchmark,
        .questions = res->questions,
        .nquestions = res->nquestions,
    };
    return 0;
}

int api_survey_results(struct request *r)
{
    struct survey_results res;
    struct json_survey_round_results out;
    int ret;

    if ((ret = read_results(r, &res, &out)) < 0) {
        return ret;
    }
    json_survey_results(r->body, &out);
    r->content_type = "application/json";
    return 0;
}

int api_survey_results_csv(struct request *r)
{
    struct survey_results res;
    struct json_survey_round_results out;
    int ret;

    if ((ret = read_results(r, &res, &out)) < 0) {
        return ret;
    }
    csv_survey_results(r->body, &out);
    r->content_type = "text/csv; charset=utf-8";
    return 0;
}

/* "http://HOST" from the request's Host header when it is a plain host name (and port), else
 * "": the links of the codes then start at the path. */
static const char *base_url(struct request *r)
{
    const char *host = request_header(r, "Host");
    struct buf b = BUF_INIT;
    const char *out;

    if (!host || !*host || strlen(host) > 255 ||
        strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
            strlen(host)) {
        return "";
    }
    buf_addf(&b, "http://%s", host);
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}

void survey_codes_reply(struct request *r, int year, const char **codes, size_t n)
{
    struct buf link = BUF_INIT, *out = r->body;
    const char *base = base_url(r);

    buf_adds(out, "code,link\r\n");
    for (size_t i = 0; i < n; i++) {
        buf_reset(&link);
        survey_code_link(&link, base, year, codes[i]);
        buf_addf(out, "%s,%s\r\n", codes[i], link.data);
    }
    buf_release(&link);
    r->status = 201;
    r->content_type = "text/csv; charset=utf-8";
}

int api_survey_codes(struct request *r)
{
    struct survey_refusal refused = {0};
    const char *field, *why;
    const char **codes;
    long long compact_id, count;
    int year, ret;

    if ((ret = route_year(r, &year)) < 0 || (ret = request_id(r, 1, &compact_id)) < 0) {
        return ret;
    }
    if (json_survey_count(r->body_in, r->body_in_len, r->arena, &count, &field, &why) < 0) {
        return reply_problem(r, 400, "Invalid codes", why, field);
    }
    if (count > SURVEY_CODES_MAX) {
        count = SURVEY_CODES_MAX + 1; /* refused by the service, naming count */
    }
    ret = survey_codes_make(r->st, &r->user, r->key, year, compact_id, (size_t)count, r->arena,
                            &codes, &refused);
    if (ret < 0) {
        return refusal(r, ret, "Invalid codes", &refused);
    }
    survey_codes_reply(r, year, codes, (size_t)count);
    return 0;
}

int api_survey_answers_csv(struct request *r)
{
    struct buf name = BUF_INIT;
    int year, ret;

    if ((ret = route_year(r, &year)) < 0 ||
        (ret = survey_export_csv(r->st, &r->user, year, r->body)) < 0) {
        return ret;
    }
    buf_addf(&name, "attachment; filename=\"survey-%d-answers.csv\"", year);
    r->content_disposition = arena_strdup(r->arena, name.data);
    buf_release(&name);
    r->content_type = "text/csv; charset=utf-8";
    return 0;
}
