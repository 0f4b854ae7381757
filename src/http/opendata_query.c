/* The grant and contract lists' query parameters. */
#include "opendata_query.h"

#include <string.h>

#include "paging.h"
#include "base/err.h"
#include "base/num.h"
#include "base/banned.h"

/* The year: four digits, 1000 to 9998. */
static int year_of(const char *s, int *out)
{
    long long v = 0;
    int ret = strlen(s) == 4 ? num_whole(s, 1000, 9998, &v) : ERR_INVALID;

    *out = (int)v;
    return ret;
}

size_t opendata_query(const struct request *r, int grants, int paged, size_t limit_default,
                      struct opendata_filter *f, struct field_error errs[6])
{
    const struct {
        const char *name, *message;
        const char **into;
    } ids[] = {
        {grants ? "funder" : "buyer",
         grants ? "Enter a funder's org-id of 200 characters or fewer"
                : "Enter a buyer's org-id of 200 characters or fewer",
         &f->org},
        {grants ? "recipient" : "supplier",
         grants ? "Enter a recipient's org-id of 200 characters or fewer"
                : "Enter a supplier's org-id of 200 characters or fewer",
         &f->counterpart},
    };
    const char *year = query_get(&r->query, "year"), *q = query_get(&r->query, "q");
    size_t n = 0;

    memset(f, 0, sizeof(*f));
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        const char *id = query_get(&r->query, ids[i].name);
        if (id && *id && strlen(id) > OPENDATA_ID_MAX) {
            errs[n++] = (struct field_error){ids[i].name, ids[i].message};
        } else if (id && *id) {
            *ids[i].into = id;
        }
    }
    if (year && *year && year_of(year, &f->year) < 0) {
        errs[n++] = (struct field_error){"year", "Enter a year as 4 digits, like 2019"};
    }
    if (q && *q) {
        if (strlen(q) > OPENDATA_Q_MAX) {
            errs[n++] = (struct field_error){"q", "Search for 100 characters or fewer"};
        } else {
            f->q = q;
        }
    }
    if (paged) {
        page_query(&r->query, limit_default, &f->limit, &f->after, NULL, errs, &n);
    }
    return n;
}

int opendata_named(struct request *r, int grants, struct opendata_filter *f,
                   struct opendata_named named[2], size_t *n)
{
    const struct {
        enum opendata_role role;
        const char **filter;
    } filters[] = {{grants ? OPENDATA_FUNDER : OPENDATA_BUYER, &f->org},
                   {grants ? OPENDATA_RECIPIENT : OPENDATA_SUPPLIER, &f->counterpart}};
    int ret;

    *n = 0;
    for (size_t i = 0; i < 2; i++) {
        struct opendata_named *d = &named[*n];
        struct opendata_name *matches;
        const char *given = *filters[i].filter;
        if (!given) {
            continue;
        }
        memset(d, 0, sizeof(*d));
        d->role = filters[i].role;
        d->given = given;
        if ((ret = store_opendata_names(r->st, d->role, given, r->arena, &matches, &d->n,
                                        &d->more)) < 0) {
            return ret;
        }
        if (d->n && matches[0].exact) {
            d->n = 1; /* the org-id given: a name that happens to match too is not asked about */
            d->more = 0;
        }
        d->matches = matches;
        if (d->n == 1) {
            *filters[i].filter = matches[0].org_id;
        }
        (*n)++;
    }
    return 0;
}

int opendata_named_one(const struct opendata_named *named, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (named[i].n != 1) {
            return 0;
        }
    }
    return 1;
}
