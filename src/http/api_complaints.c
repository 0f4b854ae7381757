/* Complaints (SPEC section 6) in the JSON API: open a case, add an event, read a case as of a day,
 * the lists of cases the person asking may see, and the statistics everyone sees. Who may see or
 * change a case is app/cases.c's (app/policy.h): a case they may not see is 404. */
#include <stdio.h>
#include <string.h>

#include "compact_query.h"
#include "handlers.h"
#include "paging.h"
#include "app/cases.h"
#include "app/policy.h"
#include "codec/json_complaint.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

#define NO_CASE "There is no complaint with that number."

/* The 400 or 409 problem of a refused write, naming the field; or the reply to another error
 * (0 when a reply is set, else ret for the router). */
static int refused_reply(struct request *r, int ret, const char *title,
                         const struct case_refusal *why)
{
    if (ret == ERR_INVALID || ret == ERR_CONFLICT) {
        return reply_problem(r, ret == ERR_CONFLICT ? 409 : 400, title,
                             why->why ? why->why : "The request was refused.", why->field);
    }
    if (ret == ERR_FORBIDDEN) {
        return reply_problem(r, 403, "Forbidden",
                             why->why ? why->why : "You may not do this on this complaint.",
                             why->field);
    }
    return ret;
}

/* Case id as of as_of, answered with status. */
static int reply_case(struct request *r, long long id, date_t as_of, int status)
{
    struct case_record c;
    int ret = cases_read(r->st, &r->user, r->cal, id, as_of, r->arena, &c);

    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Not Found", NO_CASE, "id");
    }
    if (ret < 0) {
        return ret;
    }
    r->status = status;
    r->content_type = "application/json";
    json_case(r->body, &c);
    return 0;
}

int api_complaint_create(struct request *r)
{
    struct case_refusal why = {CREFUSE_NONE, NULL, NULL};
    const char *field = NULL, *text = NULL, *name;
    struct case_new in;
    long long cid, id = 0;
    char location[64];
    int ret, n;

    if (compact_param(r, &cid) < 0) {
        return reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
    }
    /* Whether u may raise a case on this Compact at all, asked before the body is read
     * (cases_create asks again, and for a member whether they complain as their own). */
    if ((ret = store_compact_name(r->st, cid, r->arena, &name)) == 0) {
        ret = policy_case_create(r->st, &r->user, cid, NULL);
    }
    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
    }
    if (ret == ERR_FORBIDDEN) {
        return reply_problem(r, 403, "Forbidden", policy_case_create_rule, "id");
    }
    if (ret < 0) {
        return ret;
    }
    if (!r->body_in ||
        json_case_new(r->body_in, r->body_in_len, r->arena, &in, &field, &text) < 0) {
        return reply_invalid(r, "Invalid complaint", r->body_in ? field : "body",
                             r->body_in ? text : "must be a JSON object");
    }
    in.compact_id = cid;
    ret = cases_create(r->st, &r->user, r->cal, &in, date_today(), r->arena, &id, &why);
    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
    }
    if (ret < 0) {
        return refused_reply(r, ret, "Complaint refused", &why);
    }
    n = snprintf(location, sizeof(location), "/api/v1/complaints/%lld", id);
    if (n > 0 && (size_t)n < sizeof(location)) {
        r->location = arena_strdup(r->arena, location);
    }
    return reply_case(r, id, date_today(), 201);
}

int api_complaint_event(struct request *r)
{
    struct case_refusal why = {CREFUSE_NONE, NULL, NULL};
    const char *field = NULL, *text = NULL;
    struct case_event_new in;
    long long id;
    int ret;

    if (request_id(r, 0, &id) < 0) {
        return reply_problem(r, 404, "Not Found", NO_CASE, "id");
    }
    if (!r->body_in ||
        json_case_event_new(r->body_in, r->body_in_len, r->arena, &in, &field, &text) < 0) {
        return reply_invalid(r, "Invalid event", r->body_in ? field : "body",
                             r->body_in ? text : "must be a JSON object");
    }
    ret = cases_add_event(r->st, &r->user, r->cal, id, &in, date_today(), r->arena, &why);
    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Not Found", NO_CASE, "id");
    }
    if (ret < 0) {
        return refused_reply(r, ret, "Event refused", &why);
    }
    return reply_case(r, id, date_today(), 201);
}

/* ---- the query string ---- */

/* What the lists and the statistics read from the query. */
struct cases_query {
    date_t as_of;
    int year;
    long long compact_id;
    int open, overdue;
};

/* The query's parameters named in which (a string of "a" as_of, "y" year, "c" compact_id, "o"
 * open, "d" overdue) into q: 0, or a 400 problem naming the first that is wrong (1). */
static int read_query(struct request *r, const char *which, struct cases_query *q)
{
    static const struct {
        char key;
        const char *name, *message;
    } params[] = {
        {'a', "as_of", "as_of must be a real date written YYYY-MM-DD."},
        {'y', "year", "year must be a year written with 4 digits, such as 2013."},
        {'c', "compact_id", "compact_id must be the number of a local Compact."},
        {'o', "open", "open must be true or false."},
        {'d', "overdue", "overdue must be true or false."},
    };

    memset(q, 0, sizeof(*q));
    q->as_of = date_today();
    for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
        const char *v = query_get(&r->query, params[i].name);
        struct field_error e = {params[i].name, params[i].message};
        long long n = 0;
        int bad = 0;

        if (!v || !*v) {
            continue;
        }
        if (!strchr(which, params[i].key)) {
            e.message = "is not a parameter of this list.";
            reply_bad_query(r, &e);
            return 1;
        }
        switch (params[i].key) {
        case 'a':
            bad = date_parse(v, strlen(v), &q->as_of) < 0;
            break;
        case 'y':
            bad = strlen(v) != 4 || num_whole(v, 1000, 9999, &n) < 0;
            q->year = (int)n;
            break;
        case 'c':
            bad = num_whole(v, 1, 999999999999LL, &n) < 0;
            q->compact_id = n;
            break;
        default:
            bad = strcmp(v, "true") && strcmp(v, "false");
            *(params[i].key == 'o' ? &q->open : &q->overdue) = !strcmp(v, "true");
            break;
        }
        if (bad) {
            reply_bad_query(r, &e);
            return 1;
        }
    }
    return 0;
}

int api_complaint(struct request *r)
{
    struct cases_query q;
    long long id;

    if (request_id(r, 0, &id) < 0) {
        return reply_problem(r, 404, "Not Found", NO_CASE, "id");
    }
    if (read_query(r, "a", &q)) {
        return 0;
    }
    return reply_case(r, id, q.as_of, 200);
}

/* A page (limit, cursor) of the cases of filter f the person asking may see, as of as_of: the
 * store reads that page alone, and counts the rest. */
static int reply_list(struct request *r, const struct case_filter *filter, date_t as_of)
{
    struct case_filter f = *filter;
    struct field_error errs[2];
    struct case_record *cases;
    const char *next = NULL;
    size_t nerr = 0;
    long long after;
    struct page pg;
    int ret;

    page_query(&r->query, CASES_PAGE, &f.limit, &after, NULL, errs, &nerr);
    if (nerr) {
        return reply_bad_query(r, &errs[0]);
    }
    /* the cursor is the number of the last row sent */
    page_begin(&pg, &f.limit);
    f.offset = after;
    if ((ret = cases_count(r->st, &r->user, &f, as_of, &pg.total)) < 0 ||
        (ret = cases_list(r->st, &r->user, r->cal, &f, as_of, r->arena, &cases, &pg.n)) < 0) {
        return ret;
    }
    if (page_more(&pg)) {
        next = page_cursor(r->arena, after + (long long)pg.n);
    }
    r->content_type = "application/json";
    json_case_list(r->body, pg.total, cases, pg.n, next);
    return 0;
}

int api_compact_complaints(struct request *r)
{
    struct case_filter f = {0};
    struct cases_query q;
    const char *name;
    int ret;

    if (compact_param(r, &f.compact_id) < 0) {
        return reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
    }
    if (read_query(r, "aod", &q)) {
        return 0;
    }
    ret = store_compact_name(r->st, f.compact_id, r->arena, &name);
    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
    }
    if (ret < 0) {
        return ret;
    }
    f.open_only = q.open;
    f.overdue_only = q.overdue;
    return reply_list(r, &f, q.as_of);
}

int api_complaints_list(struct request *r)
{
    struct case_filter f = {0};
    struct cases_query q;

    if (read_query(r, "acod", &q)) {
        return 0;
    }
    f.compact_id = q.compact_id;
    f.open_only = q.open;
    f.overdue_only = q.overdue;
    return reply_list(r, &f, q.as_of);
}

int api_complaints_stats(struct request *r)
{
    struct complaint_stats s;
    struct cases_query q;
    int *years;
    size_t nyears;
    int ret;

    if (read_query(r, "ayc", &q)) {
        return 0;
    }
    ret = cases_stats(r->st, r->cal, q.compact_id, q.year, q.as_of, r->arena, &s, &years, &nyears);
    if (ret == ERR_NOT_FOUND) {
        return reply_problem(r, 404, "Not Found", "There is no Compact with that id.",
                             "compact_id");
    }
    if (ret < 0) {
        return ret;
    }
    if (!query_get(&r->query, "as_of") || !*query_get(&r->query, "as_of")) {
        r->cache_day = q.as_of; /* as of today: stale after midnight */
    }
    r->content_type = "application/json";
    json_case_stats(r->body, &s, q.compact_id, q.year, q.as_of, years, nyears);
    return 0;
}
