/* The authority list's query parameters. */
#include "authority_query.h"

#include "paging.h"
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
        page_query(&r->query, AUTHORITY_LIMIT_DEFAULT, &f->limit, NULL, &f->after, errs, &n);
        if (f->after && !gss_is_valid(f->after)) {
            f->after = NULL;
            errs[n++] = page_bad_cursor;
        }
    }
    return n;
}
