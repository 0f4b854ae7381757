/* The authority list's query parameters. */
#include "authority_query.h"

#include <errno.h>
#include <stdlib.h>

#include "base/banned.h"

size_t authority_query(const struct request *r, int paged, struct authority_filter *f,
                       struct field_error errs[5])
{
    const char *set = query_get(&r->query, "set"), *type = query_get(&r->query, "type"),
               *region = query_get(&r->query, "region");
    enum authority_set s;
    enum authority_type t;
    size_t n = 0, reg;

    f->set = AUTH_SET_CURRENT;
    f->type = -1;
    f->region = -1;
    f->after = NULL;
    f->limit = 0;
    f->by_name = !paged;
    if (set && *set) {
        if (authority_set_parse(set, &s) < 0) {
            errs[n++] = (struct field_error){"set", "Choose a set of authorities: 2012 (the "
                                                    "2009 to 2019 set) or current"};
        } else {
            f->set = (int)s;
        }
    }
    if (type && *type) {
        if (authority_type_parse(type, &t) < 0) {
            errs[n++] = (struct field_error){
                "type", "Choose a type: county, district, metropolitan_district, "
                        "london_borough or unitary"};
        } else {
            f->type = (int)t;
        }
    }
    if (region && *region) {
        if (region_parse(region, &reg) < 0) {
            errs[n++] = (struct field_error){"region", "Choose one of England's nine regions"};
        } else {
            f->region = (int)reg;
        }
    }
    if (paged) {
        const char *limit = query_get(&r->query, "limit"), *cursor = query_get(&r->query, "cursor");
        f->limit = AUTHORITY_LIMIT_DEFAULT;
        if (limit) {
            char *end;
            long v;
            errno = 0;
            v = strtol(limit, &end, 10);
            if (!*limit || *end || errno || v < 1 || v > AUTHORITY_LIMIT_MAX) {
                errs[n++] = (struct field_error){"limit", "limit must be a whole number from 1 "
                                                          "to 1000"};
            } else {
                f->limit = (size_t)v;
            }
        }
        if (cursor && *cursor) {
            if (!gss_is_valid(cursor)) {
                errs[n++] = (struct field_error){"cursor", "cursor must be the value of 'next' "
                                                           "from the previous page"};
            } else {
                f->after = cursor;
            }
        }
    }
    return n;
}
