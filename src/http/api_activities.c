/* Recorded activities: POST /api/v1/compacts/{id}/activities, one activity (GET, PUT, its
 * withdrawal), the findings CSV and the compliance page. */

#include "compact_query.h"
#include "handlers.h"
#include "app/activity.h"
#include "app/check.h"
#include "codec/json.h"
#include "codec/json_activity.h"
#include "codec/json_check.h"
#include "view/page_compliance.h"
#include "base/err.h"
#include "base/banned.h"

int api_activity_record(struct request *r)
{
    const char *field = NULL, *why = NULL, *org;
    long long cid, id;
    int ret;

    if (compact_param(r, &cid) < 0) {
        return reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
    }
    if (!r->body_in) {
        return reply_problem(r, 400, "Invalid activity", "The body must be a JSON object.", "body");
    }
    /* Who may record on this Compact, and for whom, is the policy's (app/policy.h). */
    ret = check_record(r->st, &r->user, cid, r->body_in, r->body_in_len, date_today(), r->arena,
                       &id, &org, &field, &why);
    if (ret == ERR_INVALID) {
        return reply_invalid(r, "Invalid activity", field, why);
    }
    if (ret == ERR_FORBIDDEN) {
        return reply_problem(r, 403, "Forbidden", why, field);
    }
    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
    }
    if (ret < 0) {
        return ret;
    }
    return reply_id(r, 201, id);
}

int api_findings_csv(struct request *r)
{
    struct finding_record *rows;
    size_t n;
    long long cid;
    int ret;

    if (compact_param(r, &cid) < 0) {
        return ERR_NOT_FOUND;
    }
    if ((ret = store_compact_findings(r->st, cid, r->arena, &rows, &n)) < 0) {
        return ret;
    }
    r->content_type = "text/csv; charset=utf-8";
    csv_findings(r->body, rows, n);
    return 0;
}

int page_compliance(struct request *r)
{
    struct compliance_view v = {0};
    struct compliance *summary = arena_alloc(r->arena, sizeof(*summary));
    const char **numbers = arena_alloc(r->arena, RULE_COUNT * sizeof(*numbers));
    const char **paraphrases = arena_alloc(r->arena, RULE_COUNT * sizeof(*paraphrases));
    struct activity_filter f = {0};
    struct activity_summary *activities;
    struct finding_record *rows;
    int ret;

    if (compact_param(r, &v.compact_id) < 0) {
        return ERR_NOT_FOUND;
    }
    f.compact_id = v.compact_id;
    f.today = date_today(); /* a plan's verdicts in a plan's words */
    if ((ret = store_compact_name(r->st, v.compact_id, r->arena, &v.compact_name)) < 0 ||
        (ret = store_compact_findings(r->st, v.compact_id, r->arena, &rows, &v.n)) < 0 ||
        (ret = store_activity_summaries(r->st, &f, r->arena, &activities, &v.nactivities)) < 0 ||
        (ret = store_rule_numbers(r->st, r->arena, numbers, paraphrases)) < 0) {
        return ret;
    }
    compliance_summarise(rows, v.n, summary);
    v.rows = rows;
    v.summary = summary;
    v.activities = activities;
    v.numbers = numbers;
    v.paraphrases = paraphrases;
    r->content_type = "text/html; charset=utf-8";
    view_compliance_page(r->body, &v, request_viewer(r));
    return 0;
}

int api_compact_parameters(struct request *r)
{
    struct param_set ps;
    struct complaint_params cp;
    const char *field, *why;
    long long cid;
    size_t count, changed;
    int ret;

    if ((ret = api_compact_editable(r, &cid)) != 0) {
        return ret < 0 ? ret : 0;
    }
    if (!r->body_in ||
        json_param_set(r->body_in, r->body_in_len, r->arena, &ps, &cp, &field, &why)) {
        return reply_invalid(r, "Invalid parameters", r->body_in ? field : "body",
                             r->body_in ? why : "must be a JSON object");
    }
    if (compact_params_check(&ps, &field, &why) < 0) { /* a check's own may hold any value */
        struct buf at = BUF_INIT;
        buf_addf(&at, "parameters.%s", field);
        reply_invalid(r, "Invalid parameters", arena_strdup(r->arena, at.data), why);
        buf_release(&at);
        return 0;
    }
    ret = store_compact_set_params(r->st, cid, &ps, &cp, request_actor(r));
    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
    }
    /* The Compact's recorded activities are checked again with its new parameters. */
    if (ret < 0 || (ret = check_recheck_compact(r->st, cid, date_today(), &count, &changed)) < 0) {
        return ret;
    }
    r->content_type = "application/json";
    json_recheck(r->body, cid, count, changed);
    return 0;
}

int api_activity_update(struct request *r)
{
    const char *field = NULL, *why = NULL;
    long long cid, id;
    int ret;

    if (compact_param(r, &cid) < 0 || request_id(r, 1, &id) < 0) {
        return reply_problem(r, 404, "Not Found", "There is no such activity.", "id");
    }
    if (!r->body_in) {
        return reply_problem(r, 400, "Invalid activity", "The body must be a JSON object.", "body");
    }
    ret = check_update(r->st, &r->user, cid, id, r->body_in, r->body_in_len, date_today(), r->arena,
                       &field, &why);
    if (ret == ERR_INVALID) {
        return reply_invalid(r, "Invalid activity", field, why);
    }
    if (ret == ERR_FORBIDDEN) {
        return reply_problem(r, 403, "Forbidden", why, field);
    }
    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Not Found", "There is no such activity (of yours).", "id");
    }
    if (ret == ERR_CONFLICT) {
        return reply_problem(r, 409, "Withdrawn", why, "id");
    }
    if (ret < 0) {
        return ret;
    }
    return reply_id(r, 200, id);
}

/* The activity of the route (the Compact's id, then the activity's) as JSON, status 200. */
static int activity_reply(struct request *r, long long cid, long long id)
{
    struct recorded_activity a;
    const char **numbers = arena_alloc(r->arena, RULE_COUNT * sizeof(*numbers));
    const char **paraphrases = arena_alloc(r->arena, RULE_COUNT * sizeof(*paraphrases));
    int ret = activity_read(r->st, &r->user, cid, id, r->arena, &a, NULL);

    if (ret == ERR_NOT_FOUND) { /* or one they may not see: as if it did not exist */
        return reply_problem(r, 404, "Not Found", "There is no such activity.", "id");
    }
    if (ret < 0 || (ret = store_rule_numbers(r->st, r->arena, numbers, paraphrases)) < 0) {
        return ret;
    }
    r->content_type = "application/json";
    json_activity(r->body, &a, numbers);
    return 0;
}

int api_activity(struct request *r)
{
    long long cid, id;

    if (compact_param(r, &cid) < 0 || request_id(r, 1, &id) < 0) {
        return reply_problem(r, 404, "Not Found", "There is no such activity.", "id");
    }
    return activity_reply(r, cid, id);
}

int api_activity_withdraw(struct request *r)
{
    const char *reason = NULL, *field = NULL, *why = NULL, *bad_field = NULL, *bad_why = NULL;
    long long cid, id;
    int ret;

    if (compact_param(r, &cid) < 0 || request_id(r, 1, &id) < 0) {
        return reply_problem(r, 404, "Not Found", "There is no such activity.", "id");
    }
    /* A body that cannot be read gives no reason: who may withdraw it, and whether it exists,
     * come first, then what is wrong with the body. */
    if (!r->body_in) {
        bad_field = "body";
        bad_why = "The body must be a JSON object.";
    } else if (json_activity_withdrawal(r->body_in, r->body_in_len, r->arena, &reason, &bad_field,
                                        &bad_why) == 0) {
        bad_field = NULL;
    }
    ret = activity_withdraw(r->st, &r->user, cid, id, reason, &field, &why);
    switch (ret) {
    case 0:
        return activity_reply(r, cid, id);
    case ERR_INVALID:
        return bad_field ? reply_problem(r, 400, "Invalid withdrawal", bad_why, bad_field)
                         : reply_invalid(r, "Invalid withdrawal", field, why);
    case ERR_FORBIDDEN:
        return reply_problem(r, 403, "Forbidden", why, NULL);
    case ERR_NOT_FOUND:
        return reply_problem(r, 404, "Not Found", why, "id");
    case ERR_CONFLICT:
        return reply_problem(r, 409, "Withdrawn", why, "id");
    default:
        return ret;
    }
}
