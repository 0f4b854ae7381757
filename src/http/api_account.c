/* GET /api/v1/me, GET /api/v1/audit and POST /api/v1/compacts. */
#include <string.h>

#include "handlers.h"
#include "app/history.h"
#include "app/policy.h"
#include "codec/json.h"
#include "codec/json_in.h"
#include "base/err.h"
#include "base/banned.h"

int api_me(struct request *r)
{
    r->content_type = "application/json";
    json_user(r->body, &r->user);
    return 0;
}

int api_audit(struct request *r)
{
    const char *kind = query_get(&r->query, "kind"), *entity = query_get(&r->query, "entity");
    struct audit_entry *items;
    size_t n;
    int ret;

    if (!kind || !audit_kind_find(kind, strlen(kind))) {
        return reply_problem(r, 400, "Invalid query parameter", "kind must be " AUDIT_KINDS ".",
                             "kind");
    }
    if (!entity || !*entity) {
        return reply_problem(r, 400, "Invalid query parameter",
                             "entity must name the entity, e.g. a Compact's id.", "entity");
    }
    if (policy_audit_read(&r->user, kind, entity) < 0) {
        return reply_error(r, 403, "Your account does not allow this.");
    }
    if ((ret = store_audit_list(r->st, kind, entity, r->arena, &items, &n)) < 0 ||
        (ret = history_mask(r->st, &r->user, items, n, r->arena)) < 0) {
        return ret;
    }
    r->content_type = "application/json";
    json_audit_list(r->body, items, n);
    return 0;
}

int api_compacts_create(struct request *r)
{
    struct compact_new *c = arena_alloc(r->arena, sizeof(*c));
    const char *field, *why, *bad;
    long long id;
    int ret;

    if (!r->body_in || json_compact_new(r->body_in, r->body_in_len, r->arena, c, &field, &why)) {
        return reply_problem(r, 400, "Invalid Compact",
                             r->body_in ? why : "The body must be a JSON object.",
                             r->body_in ? field : "body");
    }
    /* A coordinator who creates a Compact coordinates it. */
    c->coordinator_id = policy_compact_coordinator(&r->user);
    ret = store_compact_add(r->st, c, request_actor(r), &id, &bad);
    if (ret == ERR_NOT_FOUND) {
        struct buf msg = BUF_INIT, at = BUF_INIT;
        size_t i = 0;
        while (i < c->nauthorities && c->authorities[i] != bad) {
            i++;
        }
        buf_addf(&msg, "No English principal authority has the GSS code '%s', now or in 2011.",
                 bad ? bad : "?");
        buf_addf(&at, "authorities.%zu", i);
        reply_problem(r, 400, "Invalid Compact", arena_strdup(r->arena, msg.data),
                      arena_strdup(r->arena, at.data));
        buf_release(&msg);
        buf_release(&at);
        return 0;
    }
    if (ret < 0) {
        return ret;
    }
    return reply_id(r, 201, id);
}
