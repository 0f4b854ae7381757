/* Decode, resolve parameters, apply the rules, encode. */
#include "check.h"

#include <string.h>

#include "actor.h"
#include "policy.h"
#include "codec/json_check.h"
#include "core/rules.h"
#include "base/err.h"
#include "base/banned.h"

int check_evaluate(struct store *st, const char *text, size_t len, date_t today,
                   struct arena *arena, struct buf *out, const char **field, const char **why)
{
    struct check_request req;
    struct param_set compact = {{0}, {0}};
    struct params p;
    struct finding findings[RULES_MAX_FINDINGS];
    const char *numbers[RULE_COUNT], *paraphrases[RULE_COUNT];
    enum verdict overall;
    size_t n;
    int ret;

    if ((ret = json_check_request(text, len, arena, &req, field, why)) < 0) {
        return ret;
    }
    /* the Compact's parameters and the commitments' numbers: one statement */
    ret = st ? store_check_reads(st, req.compact_id, &compact, arena, numbers, paraphrases)
          : req.compact_id ? ERR_NOT_FOUND
                           : 0;
    if (ret == ERR_NOT_FOUND) {
        *field = "compact_id";
        *why = "names no Compact in the register";
        return ERR_INVALID;
    }
    if (ret < 0) {
        return ret;
    }
    params_resolve(&req.params, &compact, &p);
    ret = rules_check(&req.activity, &p, req.has_as_of ? req.as_of : today, findings,
                      RULES_MAX_FINDINGS, &n, &overall);
    if (ret < 0) {
        *field = "activity";
        *why = "cannot be checked: a date it gives or leads to falls outside the years 1000 to "
               "9999";
        return ERR_INVALID;
    }
    json_check_result(out, &req.activity, &p, findings, n, overall, st ? numbers : NULL);
    return 0;
}

int check_against_compact(struct store *st, const char *compact, const struct activity *a,
                          date_t as_of, enum rules_dates dates, struct params *p,
                          struct finding *out, size_t *n, enum verdict *overall)
{
    struct param_set local = {{0}, {0}};
    int ret = store_compact_params(st, compact, &local);
    if (ret < 0) {
        return ret;
    }
    params_resolve(NULL, &local, p);
    return rules_check_dated(a, p, as_of, dates, out, RULES_MAX_FINDINGS, n, overall);
}

/* Resolve a Compact's parameters and check a; findings into out[RULES_MAX_FINDINGS]. */
static int check_for_compact(struct store *st, const char *compact, const struct activity *a,
                             date_t as_of, struct finding *out, size_t *n, enum verdict *overall)
{
    struct params p;
    return check_against_compact(st, compact, a, as_of, RULES_DATES_ISO, &p, out, n, overall);
}

/* A recorded activity's request, decoded and checked, and for whom. */
struct recorded {
    struct check_request req;
    struct finding findings[RULES_MAX_FINDINGS];
    size_t n;
    enum verdict overall;
    const char *own_org;             /* the organisation u records as (a member's), or NULL */
    struct activity_details details; /* its title, organisation affected, amount, decision */
    char actor[ACTOR_MAX];
};

/* A recorded activity's own values from req into d: the organisation it names (null: none),
 * or without one a member's own; the decision date it gives, or its facts' (a funding change
 * may give one), which must agree. */
static int record_details(const struct check_request *req, const char *own_org,
                          struct activity_details *d, const char **field, const char **why)
{
    const struct activity *a = &req->activity;
    int fact = a->kind == ACTIVITY_FUNDING_CHANGE && a->decision_date.state == FACT_SET;

    d->title = req->title;
    d->org = req->has_organisation ? req->organisation : own_org;
    d->amount_pence = req->amount_pence;
    d->decision_date = req->decision_date;
    if (fact && !d->decision_date) {
        d->decision_date = a->decision_date.value;
    } else if (fact && d->decision_date != a->decision_date.value) {
        *field = "decision_date";
        *why = "must be the activity's own decision_date, which it gives";
        return ERR_INVALID;
    }
    if (d->amount_pence != ACTIVITY_NO_AMOUNT && !activity_kind_has_amount(a->kind)) {
        *field = "amount";
        *why = "is not part of a consultation";
        return ERR_INVALID;
    }
    return 0;
}

/* May u write it (policy_activity_write: ERR_FORBIDDEN with *why), then decode and check the
 * request for Compact compact_id into out; for recorded activity id (0: a new one), may u keep
 * it for, or move it to, the organisation the request gives (policy_activity_move). The shared
 * part of check_record and check_update. */
static int check_activity_request(struct store *st, const struct user *u, long long compact_id,
                                  long long id, const char *text, size_t len, date_t today,
                                  struct arena *arena, struct recorded *out, const char **field,
                                  const char **why)
{
    struct check_request *req = &out->req;
    struct buf compact = BUF_INIT;
    const char *name, *was;
    int ret;

    memset(&out->details, 0, sizeof(out->details));
    actor_name(u, out->actor);
    if ((ret = store_compact_name(st, compact_id, arena, &name)) < 0) {
        return ret;
    }
    if ((ret = policy_activity_write(st, u, compact_id, &out->own_org)) == ERR_FORBIDDEN) {
        *field = NULL;
        *why = policy_activity_write_rule;
    }
    if (ret < 0 || (ret = json_check_request(text, len, arena, req, field, why)) < 0) {
        return ret;
    }
    if (req->has_params || req->compact_id || req->has_as_of) {
        *field = req->has_params ? "parameters" : req->compact_id ? "compact_id" : "as_of";
        *why = "is not for a recorded activity: it is checked today with its Compact's parameters";
        return ERR_INVALID;
    }
    if ((ret = record_details(req, out->own_org, &out->details, field, why)) < 0) {
        return ret;
    }
    if (id && ((ret = store_activity_org(st, id, compact_id, out->own_org, arena, &was)) < 0 ||
               (ret = policy_activity_move(u, was, out->details.org)) < 0)) {
        if (ret == ERR_FORBIDDEN) {
            *field = "organisation";
            *why = policy_activity_move_rule;
        }
        return ret;
    }
    buf_addf(&compact, "%lld", compact_id);
    ret = check_for_compact(st, compact.data, &req->activity, today, out->findings, &out->n,
                            &out->overall);
    buf_release(&compact);
    if (ret == ERR_INVALID) {
        *field = "activity";
        *why = "cannot be checked: a date it gives or leads to falls outside the years 1000 to "
               "9999";
    }
    return ret;
}

/* Record a new activity (id 0; *new_id its id) or change activity id, as check_record and
 * check_update say. */
static int write_activity(struct store *st, const struct user *u, long long compact_id,
                          long long id, const char *text, size_t len, date_t today,
                          struct arena *arena, long long *new_id, const char **org_out,
                          const char **field, const char **why)
{
    struct recorded a;
    int ret =
        check_activity_request(st, u, compact_id, id, text, len, today, arena, &a, field, why);

    if (org_out) {
        *org_out = a.details.org;
    }
    if (ret < 0) {
        return ret;
    }
    if (!id) {
        return store_activity_add(st, compact_id, &a.details, a.own_org, a.req.activity.kind,
                                  a.req.activity_json, a.actor, today, a.findings, a.n, a.overall,
                                  new_id);
    }
    ret = store_activity_update(st, id, compact_id, a.own_org, &a.details, a.req.activity.kind,
                                a.req.activity_json, a.actor, today, a.findings, a.n, a.overall);
    if (ret == ERR_CONFLICT) {
        *field = NULL;
        *why = "It has been withdrawn: a withdrawn activity is kept as it was.";
    }
    return ret;
}

int check_record(struct store *st, const struct user *u, long long compact_id, const char *text,
                 size_t len, date_t today, struct arena *arena, long long *id, const char **org_out,
                 const char **field, const char **why)
{
    *id = 0;
    return write_activity(st, u, compact_id, 0, text, len, today, arena, id, org_out, field, why);
}

int check_update(struct store *st, const struct user *u, long long compact_id, long long id,
                 const char *text, size_t len, date_t today, struct arena *arena,
                 const char **field, const char **why)
{
    return write_activity(st, u, compact_id, id, text, len, today, arena, NULL, NULL, field, why);
}

int check_recheck_all(struct store *st, date_t as_of, size_t *count, size_t *changed)
{
    return check_recheck_compact(st, 0, as_of, count, changed);
}

int check_recheck_compact(struct store *st, long long compact_id, date_t as_of, size_t *count,
                          size_t *changed)
{
    struct buf sig = BUF_INIT;
    size_t rewritten = 0;
    struct arena arena;
    struct stored_activity *items;
    size_t n;
    int ret;

    *count = 0;
    if (changed) {
        *changed = 0;
    }
    arena_init(&arena);
    if ((ret = store_activity_list(st, compact_id, &arena, &items, &n)) < 0 ||
        (ret = store_begin(st)) < 0) {
        arena_release(&arena);
        return ret;
    }
    for (size_t i = 0; i < n; i++) {
        struct buf req = BUF_INIT, compact = BUF_INIT;
        struct check_request cr;
        struct finding findings[RULES_MAX_FINDINGS];
        enum verdict overall;
        const char *field, *why;
        size_t nf;

        buf_addf(&req, "{\"activity\":%s}", items[i].facts);
        buf_addf(&compact, "%lld", items[i].compact_id);
        ret = json_check_request(req.data, req.len, &arena, &cr, &field, &why);
        if (ret == 0) {
            ret = check_for_compact(st, compact.data, &cr.activity, as_of, findings, &nf, &overall);
        }
        if (ret == 0) {
            buf_reset(&sig);
            store_findings_signature(&sig, findings, nf);
            if (!items[i].signature || strcmp(sig.data, items[i].signature) != 0) {
                ret = store_activity_set_findings(st, items[i].id, as_of, findings, nf, overall);
                rewritten++;
            }
        }
        buf_release(&req);
        buf_release(&compact);
        if (ret < 0) {
            store_rollback(st);
            arena_release(&arena);
            buf_release(&sig);
            return ret;
        }
    }
    ret = store_commit(st);
    if (ret == 0) {
        *count = n;
        if (changed) {
            *changed = rewritten;
        }
    }
    arena_release(&arena);
    buf_release(&sig);
    return ret;
}
