/* The Compact list's query parameters. */
#include "compact_query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static int whole(const char *s, long long lo, long long hi, long long *out)
{
    char *end;

    errno = 0;
    *out = strtoll(s, &end, 10);
    return *s && !*end && !errno && *out >= lo && *out <= hi;
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
    long long v;

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
        const char *limit = query_get(&r->query, "limit"), *cursor = query_get(&r->query, "cursor");
        f->limit = COMPACT_LIMIT_DEFAULT;
        if (limit) {
            if (!whole(limit, 1, COMPACT_LIMIT_MAX, &v)) {
                errs[n++] = (struct field_error){"limit", "limit must be a whole number from 1 "
                                                          "to 1000"};
            } else {
                f->limit = (size_t)v;
            }
        }
        if (cursor && *cursor) {
            if (!whole(cursor, 1, 1LL << 53, &v)) {
                errs[n++] = (struct field_error){"cursor", "cursor must be the value of 'next' "
                                                           "from the previous page"};
            } else {
                f->after = v;
            }
        }
    }
    return n;
}
