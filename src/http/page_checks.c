/* GET /checks, /checks/{kind} and /checks/{kind}/result: the check pages for people; and
 * /checks/{kind}/record, the record form of a result. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "activity_form.h"
#include "handlers.h"
#include "app/check.h"
#include "view/page_activity.h"
#include "view/page_check.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

#define CHECK_MAX_ERRORS 16
#define CHECK_COMPACTS   16 /* offered on a check's form (the view shows as many) */

int page_checks(struct request *r)
{
    r->content_type = "text/html; charset=utf-8";
    view_check_start_page(r->body, request_viewer(r));
    return 0;
}

static const char *answer(const void *ctx, const char *field)
{
    return query_get(ctx, field);
}

static int kind_of(struct request *r, enum activity_kind *k)
{
    return activity_kind_parse(r->params[0], k);
}

/*
 * The Compact a link chose (?compact=ID, from a Compact's page) offered first when it is not
 * among the first by name that choices[0..*n) hold (at most CHECK_COMPACTS, room for one more):
 * else a Compact late in the alphabet could not be chosen. An unknown one is left out.
 */
static int chosen_first(struct request *r, struct compact_choice *choices, size_t *n)
{
    const char *chosen = query_get(&r->query, "compact");
    const char *name;
    char ref[24];
    long long id;
    int ret, k;

    if (!chosen || num_whole(chosen, 1, LLONG_MAX, &id) < 0 ||
        (k = snprintf(ref, sizeof(ref), "%lld", id)) < 0 || (size_t)k >= sizeof(ref)) {
        return 0;
    }
    for (size_t i = 0; i < *n; i++) {
        if (!strcmp(choices[i].id, ref)) {
            return 0;
        }
    }
    if ((ret = store_compact_name(r->st, id, r->arena, &name)) < 0) {
        return ret == ERR_NOT_FOUND ? 0 : ret;
    }
    if (*n == CHECK_COMPACTS) {
        (*n)--;
    }
    memmove(choices + 1, choices, *n * sizeof(*choices));
    choices[0] = (struct compact_choice){arena_strdup(r->arena, ref), name};
    (*n)++;
    return 0;
}

static int form(struct request *r, enum activity_kind k, const struct field_error *errs,
                size_t nerrs)
{
    struct check_form_view v = {.kind = k, .value = answer, .ctx = &r->query};
    const char **ids, **names;
    struct compact_choice *choices;
    size_t n;
    int ret;

    if ((ret = store_compact_names(r->st, CHECK_COMPACTS, r->arena, &ids, &names, &n)) < 0) {
        return ret;
    }
    choices = arena_alloc(r->arena, (n + 1) * sizeof(*choices));
    for (size_t i = 0; i < n; i++) {
        choices[i] = (struct compact_choice){ids[i], names[i]};
    }
    if ((ret = chosen_first(r, choices, &n)) < 0) {
        return ret;
    }
    v.compacts = choices;
    v.ncompacts = n;
    v.errors = errs;
    v.nerrors = nerrs;
    r->status = nerrs ? 400 : 200;
    r->content_type = "text/html; charset=utf-8";
    view_check_form_page(r->body, &v, request_viewer(r));
    return 0;
}

int page_check_form(struct request *r)
{
    enum activity_kind k;
    if (kind_of(r, &k) < 0) {
        return ERR_NOT_FOUND;
    }
    return form(r, k, NULL, 0);
}

static const char *field(const struct query *q, const char *stem, const char *suffix)
{
    struct buf b = BUF_INIT;
    const char *v;
    buf_addf(&b, "%s%s", stem, suffix);
    v = query_get(q, b.data);
    buf_release(&b);
    return v && *v ? v : NULL;
}

/* A date from its day, month and year fields: FACT_ABSENT when all are blank. */
static int read_fact_date(const struct query *q, const char *stem, struct fact_date *out)
{
    int ret = read_date(q, stem, NULL, NULL, &out->value, NULL);

    out->state = ret == 0 ? FACT_SET : FACT_ABSENT;
    return ret < 0 ? ret : 0;
}

static void add_error(struct field_error *errs, size_t *n, const char *f, const char *msg)
{
    if (*n < CHECK_MAX_ERRORS) {
        errs[(*n)++] = (struct field_error){f, msg};
    }
}

/* The answers to question q into a; errors appended. */
static void read_answer(struct request *r, const struct query *answers, enum activity_kind k,
                        const struct check_question *q, struct activity *a,
                        struct field_error *errs, size_t *nerrs)
{
    const struct fact_def *d = activity_fact(k, q->fact);
    const char *v = query_get(answers, q->fact);
    char *at;

    if (!strcmp(q->fact, "change")) {
        if (!v || funding_change_parse(v, &a->change) < 0) {
            add_error(errs, nerrs, q->fact, "Say whether the funding ends or is reduced");
        }
        return;
    }
    if (!d) {
        return;
    }
    at = (char *)a + d->offset;
    switch (q->type) {
    case Q_DATE: {
        struct fact_date *f = (struct fact_date *)(void *)at;
        int none = field(answers, q->fact, "-none") != NULL;
        if (read_fact_date(answers, q->fact, f) < 0) {
            struct buf msg = BUF_INIT;
            buf_addf(&msg, "%s Enter a real date, for example 27 3 2012", q->label);
            add_error(errs, nerrs, q->fact, arena_strdup(r->arena, msg.data));
            buf_release(&msg);
        } else if (none && f->state == FACT_SET) {
            add_error(errs, nerrs, q->fact, "Enter a date or tick the box below it, not both");
        } else if (none) {
            f->state = FACT_NULL;
        }
        break;
    }
    case Q_YES_NO: {
        struct fact_bool *f = (struct fact_bool *)(void *)at;
        f->state = v && (!strcmp(v, "yes") || !strcmp(v, "no")) ? FACT_SET : FACT_ABSENT;
        f->value = v && !strcmp(v, "yes");
        break;
    }
    case Q_TEXT:
    case Q_CHOICE: {
        struct fact_text *f = (struct fact_text *)(void *)at;
        f->state = v && *v && strcmp(v, "unknown") != 0 ? FACT_SET : FACT_ABSENT;
        f->value = f->state == FACT_SET ? v : NULL;
        if (q->type == Q_CHOICE && f->state == FACT_SET && strcmp(v, "advance") != 0 &&
            strcmp(v, "arrears") != 0) {
            add_error(errs, nerrs, q->fact, "Choose one of the answers");
        }
        break;
    }
    }
}

/* Whether the answers are of a plan not yet decided (no breach to complain of yet). */
static int planned_check(const struct activity *a, date_t as_of)
{
    return rules_planned(a, as_of) == 1;
}

int page_check_result(struct request *r)
{
    struct field_error errs[CHECK_MAX_ERRORS];
    struct finding findings[RULES_MAX_FINDINGS];
    struct check_result_view v = {0};
    struct param_set compact = {{0}, {0}};
    struct activity a;
    struct params p;
    struct fact_date as_of;
    const struct check_question *qs;
    struct record_offer offer;
    const char *chosen = query_get(&r->query, "compact"), *q = strchr(r->target, '?');
    enum activity_kind k;
    size_t n, nerrs = 0;
    int ret;

    if (kind_of(r, &k) < 0) {
        return ERR_NOT_FOUND;
    }
    memset(&a, 0, sizeof(a));
    a.kind = k;
    qs = check_questions(k, &n);
    for (size_t i = 0; i < n; i++) {
        read_answer(r, &r->query, k, &qs[i], &a, errs, &nerrs);
    }
    if (read_fact_date(&r->query, "as_of", &as_of) < 0) {
        add_error(errs, &nerrs, "as_of", "Enter a real date to check as of, or leave it blank");
    }
    if (chosen && *chosen) {
        ret = store_compact_params(r->st, chosen, &compact);
        if (ret == ERR_NOT_FOUND) {
            add_error(errs, &nerrs, "compact", "Choose a local Compact from the list");
        } else if (ret < 0) {
            return ret;
        }
    }
    if (nerrs) {
        return form(r, k, errs, nerrs);
    }
    params_resolve(NULL, &compact, &p);
    v.as_of = as_of.state == FACT_SET ? as_of.value : date_today();
    if (rules_check_dated(&a, &p, v.as_of, RULES_DATES_LONG, findings, RULES_MAX_FINDINGS, &v.n,
                          &v.overall) < 0) {
        add_error(errs, &nerrs, qs[0].fact, "These answers cannot be checked: check them");
        return form(r, k, errs, nerrs);
    }
    {
        const char **numbers = arena_alloc(r->arena, RULE_COUNT * sizeof(*numbers));
        const char **paraphrases = arena_alloc(r->arena, RULE_COUNT * sizeof(*paraphrases));
        if ((ret = store_rule_numbers(r->st, r->arena, numbers, paraphrases)) < 0) {
            return ret;
        }
        v.numbers = numbers;
        v.paraphrases = paraphrases;
    }
    /* Recording it: in the Compact checked, for whoever the policy lets, else say why. */
    if ((ret = activity_record_offer(r, k, chosen, q ? q + 1 : "", &offer)) < 0) {
        return ret;
    }
    v.record = &offer;
    if (offer.compact_name && chosen) {
        for (size_t i = 0; i < v.n; i++) {
            if (findings[i].verdict == VERDICT_BREACH && !planned_check(&a, v.as_of)) {
                struct buf href = BUF_INIT;
                buf_adds(&href, "/compacts/");
                buf_add_url(&href, chosen);
                buf_addf(&href, "/complaints/new?kind=%s&%s", activity_kind_id(k), q ? q + 1 : "");
                v.complain_href = arena_strdup(r->arena, href.data);
                buf_release(&href);
                break;
            }
        }
    }
    v.kind = k;
    v.activity = &a;
    v.local = chosen && *chosen;
    v.params = &p;
    v.findings = findings;
    v.answers = q ? q + 1 : "";
    r->content_type = "text/html; charset=utf-8";
    view_check_result_page(r->body, &v, request_viewer(r));
    return 0;
}

int check_answers_read(struct request *r, const struct query *answers, enum activity_kind k,
                       struct activity *a)
{
    struct field_error errs[CHECK_MAX_ERRORS];
    const struct check_question *qs;
    size_t n, nerrs = 0;

    memset(a, 0, sizeof(*a));
    a->kind = k;
    qs = check_questions(k, &n);
    for (size_t i = 0; i < n; i++) {
        read_answer(r, answers, k, &qs[i], a, errs, &nerrs);
    }
    return nerrs ? ERR_INVALID : 0;
}

/* GET /checks/{kind}/record: the record form of the answers in the query, for the Compact
 * they were checked against. */
int page_check_record_form(struct request *r)
{
    enum activity_kind k;

    if (kind_of(r, &k) < 0) {
        return ERR_NOT_FOUND;
    }
    return activity_record_form(r, k, &r->query);
}
