/*
 * The annual survey's pages (SPEC section 7): answering (the general questionnaire a section a
 * page, with its answers in hidden fields, then a check of them; the benchmark on one page),
 * the results, and running a round (make it, download codes, response counts by Compact).
 * Every decision is app/survey.h's; view/page_survey.h draws them.
 */
#include <string.h>

#include "coverage_map.h"
#include "handlers.h"
#include "router.h"
#include "app/policy.h"
#include "app/survey.h"
#include "view/page_error.h"
#include "view/page_survey.h"
#include "survey_http.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

#define HTML         "text/html; charset=utf-8"
#define COMPACTS_MAX 64 /* the most Compacts a choice lists */

static int route_year(struct request *r, int *year)
{
    long long y;
    if (request_id(r, 0, &y) < 0 || y > 9999) {
        return ERR_NOT_FOUND;
    }
    *year = (int)y;
    return 0;
}

/* A form's value, trimmed; NULL when blank. */
static const char *value_of(struct request *r, const struct query *q, const char *name)
{
    return query_trim(r->arena, query_get(q, name));
}

static int stop(struct request *r, int status, int year, const char *title, const char *why,
                int ask_code)
{
    r->status = status;
    r->content_type = HTML;
    view_survey_stop(r->body, year, title, arena_strdup(r->arena, why), ask_code,
                     request_viewer(r));
    return 0;
}

/* The page for a round that does not take answers today, or 0 when it does. */
static int dates_stop(struct request *r, const struct survey_round_info *round)
{
    date_t today = date_today();
    struct buf why = BUF_INIT;
    char day[DATE_LONG_MAX + 1];
    int ret = 0;

    if (today < round->opens_on || today > round->closes_on) {
        date_format_long(today < round->opens_on ? round->opens_on : round->closes_on, day);
        buf_addf(&why,
                 today < round->opens_on ? "The %d survey opens on %s."
                                         : "The %d survey closed on %s.",
                 round->year, day);
        ret =
            stop(r, 403, round->year,
                 today < round->opens_on ? "This survey is not open yet" : "This survey has closed",
                 why.data, 0);
        ret = ret < 0 ? ret : 1;
    }
    buf_release(&why);
    return ret;
}

static int code_stop(struct request *r, int year, int err)
{
    if (err == ERR_CONFLICT) {
        return stop(r, 409, year, "This code has been used",
                    "Each invitation code answers the survey once, and this one has. If you "
                    "have not answered, ask the person who sent it for another.",
                    0);
    }
    return stop(r, 404, year, "We do not recognise this code",
                "Check the code on your invitation: 12 letters and numbers, such as "
                "7KQM-W3XR-PD9T. Codes are for one year's survey.",
                1);
}

/* The questionnaire as the form (or query) has it so far. */
static void read_state(struct request *r, const struct query *q,
                       const struct survey_round_info *round, enum survey_questionnaire which,
                       struct survey_form *f)
{
    const char **values = arena_alloc(r->arena, sizeof(*values) * (round->nquestions + 1));

    memset(f, 0, sizeof(*f));
    f->year = round->year;
    f->questionnaire = which;
    f->qs = round->questions;
    f->nq = round->nquestions;
    f->code = value_of(r, q, "code");
    f->compact_id = value_of(r, q, "compact_id");
    f->sector = value_of(r, q, "sector");
    f->body_type = value_of(r, q, "body_type");
    for (size_t i = 0; i < round->nquestions; i++) {
        const struct survey_question *qq = &round->questions[i];
        struct buf list = BUF_INIT;
        values[i] = NULL;
        if (qq->type == SQ_TEXT) {
            values[i] = value_of(r, q, qq->key);
            continue;
        }
        for (size_t k = 0; k < q->n; k++) {
            if (!strcmp(q->params[k].name, qq->key) && *q->params[k].value &&
                !strchr(q->params[k].value, SURVEY_OPTION_SEP)) {
                if (list.len) {
                    buf_addc(&list, SURVEY_OPTION_SEP);
                }
                buf_adds(&list, q->params[k].value);
            }
        }
        if (list.len) {
            values[i] = arena_strdup(r->arena, list.data);
        }
        buf_release(&list);
    }
    f->values = values;
}

/* The response f is, for survey_check and survey_answer (from the arena). */
static void response_of(struct request *r, const struct survey_form *f,
                        struct survey_response_in *in)
{
    struct survey_answer_in *a = arena_alloc(r->arena, sizeof(*a) * (f->nq + 1));
    size_t n = 0;

    memset(in, 0, sizeof(*in));
    in->questionnaire = survey_questionnaire_id(f->questionnaire);
    in->sector = f->sector;
    in->body_type = f->body_type;
    if (f->compact_id) {
        long long id;
        in->compact_id = num_whole(f->compact_id, 1, 9007199254740991LL, &id) < 0 ? -1 : id;
    }
    for (size_t i = 0; i < f->nq; i++) {
        const char **vals;
        size_t nv = 0;
        if (f->qs[i].questionnaire != f->questionnaire || !f->values[i]) {
            continue;
        }
        vals = arena_alloc(r->arena, sizeof(*vals) * (SURVEY_OPTIONS_MAX + 1));
        if (f->qs[i].type == SQ_TEXT) {
            vals[nv++] = f->values[i];
        } else {
            for (const char *p = f->values[i]; *p && nv <= SURVEY_OPTIONS_MAX;) {
                size_t len = strcspn(p, ";");
                char *one = arena_alloc(r->arena, len + 1);
                memcpy(one, p, len);
                one[len] = '\0';
                vals[nv++] = one;
                p += len + (p[len] == ';');
            }
        }
        a[n++] = (struct survey_answer_in){f->qs[i].key, vals, nv};
    }
    in->answers = a;
    in->nanswers = n;
}

/* The one error of a refusal, as the form names its field; *step the step it is asked on. */
static struct field_error *error_of(struct request *r, const struct survey_form *f,
                                    const struct survey_refusal *refused, int *step)
{
    struct field_error *e = arena_alloc(r->arena, sizeof(*e));
    const char *field = refused->field;

    *step = SSTEP_ABOUT;
    if (!strncmp(field, "answers.", 8)) {
        const struct survey_question *q = survey_question_find(f->qs, f->nq, field + 8);
        field += 8;
        *step = q ? (int)survey_step_of(q) : SSTEP_ABOUT;
    }
    e->field = arena_strdup(r->arena, *field ? field : "sector");
    e->message = arena_strdup(r->arena, refused->why);
    return e;
}

static int show_step(struct request *r, struct survey_form *f, int step, int status)
{
    r->status = status;
    r->content_type = HTML;
    view_survey_step(r->body, f, (enum survey_step)step, request_viewer(r));
    return 0;
}

/* Fill what a step shows besides the answers: the code's Compact, or the Compacts to choose. */
static int context(struct request *r, struct survey_form *f, long long code_compact)
{
    int ret;

    if (f->code) {
        struct buf id = BUF_INIT;
        buf_addf(&id, "%lld", code_compact);
        f->compact_id = arena_strdup(r->arena, id.data);
        buf_release(&id);
        return store_compact_name(r->st, code_compact, r->arena, &f->compact_name) == ERR_NOT_FOUND
                   ? 0
                   : 0;
    }
    if ((ret = store_compact_names(r->st, COMPACTS_MAX, r->arena, (const char ***)&f->compact_ids,
                                   (const char ***)&f->compact_names, &f->ncompacts)) < 0) {
        return ret;
    }
    for (size_t i = 0; f->compact_id && i < f->ncompacts; i++) {
        if (!strcmp(f->compact_ids[i], f->compact_id)) {
            f->compact_name = f->compact_names[i];
        }
    }
    return 0;
}

/* Whether r may start the general questionnaire of round with code: 0, or 1 with the page set
 * (or an error). */
static int gate(struct request *r, const struct survey_round_info *round, const char *code,
                long long *code_compact)
{
    int ret;

    if ((ret = dates_stop(r, round)) != 0) {
        return ret;
    }
    if (code) {
        ret = survey_code_check(r->st, r->key, round->year, code, code_compact);
        if (ret == ERR_NOT_FOUND || ret == ERR_CONFLICT) {
            ret = code_stop(r, round->year, ret);
            return ret < 0 ? ret : 1;
        }
        return ret;
    }
    if (policy_survey_general(&r->user) < 0) {
        ret = stop(r, 200, round->year, "Answer the survey",
                   "Type the invitation code you were sent, or sign in to answer.", 1);
        return ret < 0 ? ret : 1;
    }
    return 0;
}

int page_survey_respond(struct request *r)
{
    struct survey_round_info round;
    struct survey_form f;
    long long code_compact = 0;
    int year, ret;

    if ((ret = route_year(r, &year)) < 0 ||
        (ret = survey_round_read(r->st, year, r->arena, &round)) < 0) {
        return ret;
    }
    read_state(r, &r->query, &round, SURVEY_GENERAL, &f);
    if ((ret = gate(r, &round, f.code, &code_compact)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if ((ret = context(r, &f, code_compact)) < 0) {
        return ret;
    }
    return show_step(r, &f, SSTEP_ABOUT, 200);
}

int page_survey_respond_post(struct request *r)
{
    struct survey_round_info round;
    struct survey_form f;
    struct survey_response_in in;
    struct survey_response checked;
    struct survey_refusal refused = {0};
    struct query form;
    long long code_compact = 0;
    int year, ret, step, go, at;

    if ((ret = route_year(r, &year)) < 0 ||
        (ret = survey_round_read(r->st, year, r->arena, &round)) < 0) {
        return ret;
    }
    if ((ret = request_form(r, &form)) < 0) {
        return ret;
    }
    read_state(r, &form, &round, SURVEY_GENERAL, &f);
    if ((ret = gate(r, &round, f.code, &code_compact)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if ((ret = context(r, &f, code_compact)) < 0) {
        return ret;
    }
    step = survey_step_parse(query_get(&form, "step"));
    go = survey_step_parse(query_get(&form, "goto"));
    if (go >= 0 && go < SSTEP_CHECK) {
        return show_step(r, &f, go, 200);
    }
    if (step < 0) {
        step = SSTEP_ABOUT;
        return show_step(r, &f, step, 200);
    }
    response_of(r, &f, &in);
    if (!f.code && !f.compact_id && step >= SSTEP_ABOUT) {
        static const struct field_error none = {"compact_id",
                                                "Choose the local Compact you are answering about"};
        f.errors = &none;
        f.nerrors = 1;
        return show_step(r, &f, SSTEP_ABOUT, 400);
    }
    if (step < SSTEP_CHECK) {
        if (survey_check(round.questions, round.nquestions, &in, &checked, &refused) < 0) {
            f.errors = error_of(r, &f, &refused, &at);
            f.nerrors = 1;
            if (at <= step) {
                return show_step(r, &f, at, 400);
            }
            f.errors = NULL;
            f.nerrors = 0;
        }
        return show_step(r, &f, step + 1, 200);
    }
    if (f.code) {
        in.compact_id = 0;
    }
    ret = survey_answer(r->st, &r->user, r->key, year, &in, f.code, date_today(), NULL, &refused);
    if (ret == 0) {
        r->content_type = HTML;
        view_survey_done(r->body, year, SURVEY_GENERAL, request_viewer(r));
        return 0;
    }
    if (ret == ERR_INVALID) {
        f.errors = error_of(r, &f, &refused, &at);
        f.nerrors = 1;
        return show_step(r, &f, at, 400);
    }
    if (!strcmp(refused.field, "code") && (ret == ERR_NOT_FOUND || ret == ERR_CONFLICT)) {
        return code_stop(r, year, ret);
    }
    if (ret == ERR_CONFLICT) {
        return stop(r, 409, year, "You have answered this survey",
                    "Each person answers the survey once a year, and you have this year.", 0);
    }
    if (ret == ERR_FORBIDDEN) {
        return stop(r, 403, year, "You cannot answer this survey", refused.why, 0);
    }
    return ret;
}

/* ---- the benchmark ---- */

static int benchmark_page(struct request *r, struct survey_round_info *round, struct survey_form *f,
                          int status)
{
    long long id = 0;
    struct signatory *sig;
    size_t nsig;
    int ret;

    if (f->compact_id) {
        if (num_whole(f->compact_id, 1, 9007199254740991LL, &id) < 0) {
            id = 0;
        }
    }
    if (id < 1 || store_compact_name(r->st, id, r->arena, &f->compact_name) < 0) {
        return ERR_NOT_FOUND;
    }
    if (policy_survey_benchmark(r->st, &r->user, id) < 0) {
        return reply_error(r, 403, policy_survey_benchmark_rule) < 0 ? ERR_FORBIDDEN : 0;
    }
    if ((ret = store_signatory_list(r->st, id, r->arena, &sig, &nsig)) < 0) {
        return ret;
    }
    f->signatories = sig;
    f->nsignatories = nsig;
    r->status = status;
    r->content_type = HTML;
    view_survey_benchmark(r->body, f, request_viewer(r));
    (void)round;
    return 0;
}

/* The Compacts r's user may answer for or make codes of: all for an admin, else theirs. */
static int my_compacts(struct request *r, const char ***ids, const char ***names, size_t *n)
{
    return store_compact_names_of(r->st, r->user.role == ROLE_ADMIN ? 0 : r->user.id, COMPACTS_MAX,
                                  r->arena, ids, names, n);
}

int page_survey_benchmark(struct request *r)
{
    struct survey_round_info round;
    struct survey_form f;
    const char **ids, **names;
    size_t n;
    int year, ret;

    if ((ret = route_year(r, &year)) < 0 ||
        (ret = survey_round_read(r->st, year, r->arena, &round)) < 0) {
        return ret;
    }
    if ((ret = dates_stop(r, &round)) != 0) {
        return ret < 0 ? ret : 0;
    }
    read_state(r, &r->query, &round, SURVEY_BENCHMARK, &f);
    f.compact_id = value_of(r, &r->query, "compact");
    if (!f.compact_id) {
        if ((ret = my_compacts(r, &ids, &names, &n)) < 0) {
            return ret;
        }
        r->content_type = HTML;
        view_survey_benchmark_choose(r->body, year, ids, names, n, request_viewer(r));
        return 0;
    }
    return benchmark_page(r, &round, &f, 200);
}

int page_survey_benchmark_post(struct request *r)
{
    struct survey_round_info round;
    struct survey_form f;
    struct survey_response_in in;
    struct survey_refusal refused = {0};
    struct query form;
    int year, ret, at;

    if ((ret = route_year(r, &year)) < 0 ||
        (ret = survey_round_read(r->st, year, r->arena, &round)) < 0) {
        return ret;
    }
    if ((ret = request_form(r, &form)) < 0) {
        return ret;
    }
    read_state(r, &form, &round, SURVEY_BENCHMARK, &f);
    f.code = NULL;
    response_of(r, &f, &in);
    ret = survey_answer(r->st, &r->user, r->key, year, &in, NULL, date_today(), NULL, &refused);
    if (ret == 0) {
        r->content_type = HTML;
        view_survey_done(r->body, year, SURVEY_BENCHMARK, request_viewer(r));
        return 0;
    }
    if (ret == ERR_INVALID) {
        f.errors = error_of(r, &f, &refused, &at);
        f.nerrors = 1;
        return benchmark_page(r, &round, &f, 400);
    }
    if (ret == ERR_FORBIDDEN && !strcmp(refused.field, "year")) {
        return stop(r, 403, year, "This survey is not open", refused.why, 0);
    }
    if (ret == ERR_FORBIDDEN) {
        return reply_error(r, 403, policy_survey_benchmark_rule);
    }
    return ret;
}

/* ---- results ---- */

int page_survey_results(struct request *r)
{
    struct survey_results res;
    struct survey_results_view v = {0};
    struct survey_change *changes = NULL;
    struct buf head = BUF_INIT;
    int year, ret, before = 0;

    if ((ret = route_year(r, &year)) < 0 ||
        (ret = survey_results_read(r->st, year, r->arena, &res)) < 0) {
        return ret;
    }
    if ((ret = survey_year_on_year(r->st, &res, r->arena, &changes, &before)) < 0 &&
        ret != ERR_NOT_FOUND) {
        return ret;
    }
    if (survey_headline_of(&res, &head) == 0) {
        v.headline = arena_strdup(r->arena, head.data);
    }
    buf_release(&head);
    v.year = year;
    v.opens_on = res.round.opens_on;
    v.closes_on = res.round.closes_on;
    memcpy(v.responses, res.responses, sizeof(v.responses));
    v.active_compacts = res.active_compacts;
    v.with_general = res.with_general;
    v.with_benchmark = res.with_benchmark;
    v.questions = res.questions;
    v.nquestions = res.nquestions;
    v.changes = changes;
    v.before_year = before;
    v.map = coverage_hexmap(AUTH_SET_CURRENT);
    v.coverage = &res.coverage;
    v.compacts = res.compacts;
    v.export_answers = policy_survey_manage(&r->user) == 0;
    r->content_type = HTML;
    view_survey_results(r->body, &v, request_viewer(r));
    return 0;
}

/* ---- running rounds ---- */

static int rounds_page(struct request *r, struct survey_admin_view *v, int status)
{
    struct survey_round_info *rounds;
    size_t n;
    int ret;
    int *years;
    date_t *opens, *closes;

    if ((ret = survey_round_list(r->st, r->arena, &rounds, &n)) < 0) {
        return ret;
    }
    years = arena_alloc(r->arena, sizeof(*years) * (n + 1));
    opens = arena_alloc(r->arena, sizeof(*opens) * (n + 1));
    closes = arena_alloc(r->arena, sizeof(*closes) * (n + 1));
    for (size_t i = 0; i < n; i++) {
        years[i] = rounds[i].year;
        opens[i] = rounds[i].opens_on;
        closes[i] = rounds[i].closes_on;
    }
    v->years = years;
    v->opens_on = opens;
    v->closes_on = closes;
    v->nrounds = n;
    v->manage = policy_survey_manage(&r->user) == 0;
    r->status = status;
    r->content_type = HTML;
    view_survey_rounds(r->body, v, request_viewer(r));
    return 0;
}

int page_surveys(struct request *r)
{
    struct survey_admin_view v = {0};
    const char *done = query_get(&r->query, "done");

    long long y = 0;

    v.done_year = done && num_whole(done, 2000, 2100, &y) == 0 ? (int)y : 0;
    return rounds_page(r, &v, 200);
}

int page_survey_create(struct request *r)
{
    static const struct date_messages opens_m = {"Enter the day the round opens",
                                                 "The day it opens must be a real date"},
                                      closes_m = {"Enter the day the round closes",
                                                  "The day it closes must be a real date"};
    struct survey_admin_view v = {0};
    struct field_error *errors = arena_alloc(r->arena, sizeof(*errors) * 3);
    struct survey_refusal refused = {0};
    struct query form;
    const char *given[3], *err;
    char o[DATE_STRLEN + 1], c[DATE_STRLEN + 1];
    date_t opens = 0, closes = 0;
    long long id, y = 0;
    int year, ret;
    size_t n = 0;

    if ((ret = request_form(r, &form)) < 0) {
        return ret;
    }
    v.given[0] = value_of(r, &form, "year");
    if (!v.given[0] || num_whole(v.given[0], 2000, 2100, &y) < 0) {
        errors[n++] = (struct field_error){"year", "Enter the year of the round, such as 2027"};
    }
    if (read_date(&form, "opens_on", &opens_m, given, &opens, &err) != 0) {
        errors[n++] = (struct field_error){"opens_on", err ? err : opens_m.invalid};
    }
    if (read_date(&form, "closes_on", &closes_m, given, &closes, &err) != 0) {
        errors[n++] = (struct field_error){"closes_on", err ? err : closes_m.invalid};
    }
    year = (int)y;
    if (!n) {
        date_format(opens, o);
        date_format(closes, c);
        ret = survey_round_create(r->st, &r->user, year, o, c, &id, &refused);
        if (ret == 0) {
            struct buf loc = BUF_INIT;
            buf_addf(&loc, "/surveys?done=%d", year);
            ret = reply_redirect(r, arena_strdup(r->arena, loc.data));
            buf_release(&loc);
            return ret;
        }
        if (ret != ERR_INVALID && ret != ERR_CONFLICT) {
            return ret;
        }
        errors[n++] = (struct field_error){arena_strdup(r->arena, refused.field),
                                           arena_strdup(r->arena, refused.why)};
    }
    v.errors = errors;
    v.nerrors = n;
    return rounds_page(r, &v, 400);
}

static int manage_page(struct request *r, int year, struct survey_admin_view *v, int status)
{
    struct survey_compact_count *counts = NULL;
    size_t ncounts = 0;
    const char **ids, **names;
    int ret, all = policy_survey_manage(&r->user) == 0;

    if ((ret = my_compacts(r, &ids, &names, &v->ncompacts)) < 0) {
        return ret;
    }
    v->compact_ids = ids;
    v->compact_names = names;
    if (all) {
        const char **cn;
        long long *cg;
        int *cb;
        if ((ret = survey_counts(r->st, &r->user, year, r->arena, &counts, &ncounts)) < 0) {
            return ret;
        }
        cn = arena_alloc(r->arena, sizeof(*cn) * (ncounts + 1));
        cg = arena_alloc(r->arena, sizeof(*cg) * (ncounts + 1));
        cb = arena_alloc(r->arena, sizeof(*cb) * (ncounts + 1));
        for (size_t i = 0; i < ncounts; i++) {
            cn[i] = counts[i].compact_name;
            cg[i] = counts[i].general;
            cb[i] = counts[i].benchmark;
        }
        v->count_names = cn;
        v->count_general = cg;
        v->count_benchmark = cb;
        v->ncounts = ncounts;
    }
    r->status = status;
    r->content_type = HTML;
    view_survey_manage(r->body, year, v, all, request_viewer(r));
    return 0;
}

int page_survey_manage(struct request *r)
{
    struct survey_round_info round;
    struct survey_admin_view v = {0};
    int year, ret;

    if ((ret = route_year(r, &year)) < 0 ||
        (ret = survey_round_read(r->st, year, r->arena, &round)) < 0) {
        return ret;
    }
    return manage_page(r, year, &v, 200);
}

int page_survey_codes(struct request *r)
{
    struct survey_admin_view v = {0};
    struct survey_refusal refused = {0};
    struct query form;
    struct field_error *e = arena_alloc(r->arena, sizeof(*e));
    const char *cid, *count, **codes;
    long long compact = 0, n = 0;
    int year, ret;

    if ((ret = route_year(r, &year)) < 0 || (ret = request_form(r, &form)) < 0) {
        return ret;
    }
    cid = value_of(r, &form, "compact_id");
    count = value_of(r, &form, "count");
    if (!cid || num_whole(cid, 1, 9007199254740991LL, &compact) < 0) {
        compact = 0;
    }
    if (!count || num_whole(count, 1, SURVEY_CODES_MAX, &n) < 0) {
        n = -1;
    }
    if (!compact) {
        *e = (struct field_error){"compact_id", "Choose the local Compact the codes are for"};
    } else if (n < 1 || n > SURVEY_CODES_MAX) {
        *e = (struct field_error){"count", "Enter how many codes, a whole number from 1 to 5,000"};
    } else if ((ret = survey_codes_make(r->st, &r->user, r->key, year, compact, (size_t)n, r->arena,
                                        &codes, &refused)) < 0) {
        if (ret == ERR_FORBIDDEN) {
            return reply_error(r, 403, policy_survey_codes_rule);
        }
        if (ret != ERR_INVALID && !(ret == ERR_NOT_FOUND && !strcmp(refused.field, "compact_id"))) {
            return ret;
        }
        *e = (struct field_error){arena_strdup(r->arena, refused.field),
                                  arena_strdup(r->arena, refused.why)};
    } else {
        survey_codes_reply(r, year, codes, (size_t)n);
        return 0;
    }
    v.errors = e;
    v.nerrors = 1;
    return manage_page(r, year, &v, 400);
}
