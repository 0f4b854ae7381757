/* The Compact of a route, and the Compact list's query parameters. */
#include "compact_query.h"

#include <string.h>

#include "paging.h"
#include "app/policy.h"
#include "base/err.h"
#include "base/banned.h"

int compact_param(struct request *r, long long *id)
{
    return request_id(r, 0, id);
}

int compact_entry_param(struct request *r, struct compact_entry *e)
{
    long long id;

    return compact_param(r, &id) < 0 ? ERR_NOT_FOUND : store_compact_get(r->st, id, r->arena, e);
}

int api_compact_editable(struct request *r, long long *id)
{
    const char *name;
    int ret;

    if (compact_param(r, id) < 0 ||
        (ret = store_compact_name(r->st, *id, r->arena, &name)) == ERR_NOT_FOUND) {
        reply_problem(r, 404, "Not Found", "There is no Compact with that id.", "id");
        return 1;
    }
    if (ret < 0) {
        return ret;
    }
    if ((ret = policy_compact_edit(r->st, &r->user, *id)) == ERR_FORBIDDEN) {
        reply_problem(r, 403, "Forbidden",
                      "Only an admin or a coordinator of this Compact may change it.", NULL);
        return 1;
    }
    return ret;
}

size_t compact_query(struct request *r, int paged, struct compact_filter *f,
                     struct field_error errs[COMPACT_QUERY_ERRORS])
{
    const char *status = query_get(&r->query, "status"), *region = query_get(&r->query, "region"),
               *authority = query_get(&r->query, "authority"),
               *overdue = query_get(&r->query, "overdue");
    enum compact_status s;
    struct authority a;
    size_t n = 0, reg;

    memset(f, 0, sizeof(*f));
    f->today = date_today();
    r->cache_day = f->today; /* statuses and reviews are as of today */
    f->status = -1;
    f->region = -1;
    f->by_name = !paged;
    f->q = query_get(&r->query, "q");
    if (status && *status) {
        if (compact_status_parse(status, &s) < 0) {
            errs[n++] = (struct field_error){"status", "Choose a status: in_development, active "
                                                       "or inactive"};
        } else {
            f->status = (int)s;
        }
    }
    if (region && *region) {
        if (region_parse(region, &reg) < 0) {
            errs[n++] = (struct field_error){"region", "Choose one of England's nine regions"};
        } else {
            f->region = (int)reg;
        }
    }
    if (authority && *authority) {
        if (!gss_is_valid(authority) || store_authority_get(r->st, authority, r->arena, &a) < 0) {
            errs[n++] = (struct field_error){"authority", "authority must be the GSS code of an "
                                                          "English principal authority"};
        } else {
            f->authority = a.gss;
        }
    }
    if (overdue && *overdue) {
        if (strcmp(overdue, "true") && strcmp(overdue, "false")) {
            errs[n++] = (struct field_error){"overdue", "overdue must be true or false"};
        } else {
            f->overdue = !strcmp(overdue, "true");
        }
    }
    if (paged) {
        page_query(&r->query, COMPACT_LIMIT_DEFAULT, &f->limit, &f->after, NULL, errs, &n);
    }
    return n;
}
