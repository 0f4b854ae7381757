/* The organisation list's query parameters. */
#include "organisation_query.h"

#include <string.h>

#include "paging.h"
#include "base/banned.h"

size_t organisation_query(const struct request *r, int paged, size_t limit_default,
                          struct organisation_filter *f, struct field_error errs[5])
{
    const char *q = query_get(&r->query, "q"), *sector = query_get(&r->query, "sector"),
               *type = query_get(&r->query, "type");
    enum org_sector s;
    enum org_type t;
    size_t n = 0;

    f->q = NULL;
    f->sector = -1;
    f->type = -1;
    f->after = 0;
    f->limit = 0;
    f->offset = 0;
    if (q && *q) {
        if (strlen(q) > ORGANISATION_Q_MAX) {
            errs[n++] = (struct field_error){"q", "Search for 100 characters or fewer"};
        } else {
            f->q = q;
        }
    }
    if (sector && *sector) {
        if (org_sector_parse(sector, &s) < 0) {
            errs[n++] = (struct field_error){"sector", "Choose a sector: statutory, vcs "
                                                       "(voluntary and community) or private"};
        } else {
            f->sector = (int)s;
        }
    }
    if (type && *type) {
        if (org_type_parse(type, &t) < 0) {
            errs[n++] = (struct field_error){
                "type", "Choose a type: council, nhs, police, fire, public_other, "
                        "vcs_infrastructure, charity, community_group, social_enterprise or "
                        "business"};
        } else {
            f->type = (int)t;
        }
    }
    if (paged) {
        page_query(&r->query, limit_default, &f->limit, &f->after, NULL, errs, &n);
    }
    return n;
}
