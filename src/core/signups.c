/* Who has signed the local Compacts in force on a day, and which councils have not. */
#include "signups.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static const struct {
    const char *id, *label;
} types[SIGNUP_TYPE_COUNT] = {
    [SIGNUP_COUNCIL] = {"council", "council"},
    [SIGNUP_NHS] = {"nhs", "NHS body"},
    [SIGNUP_POLICE] = {"police", "police"},
    [SIGNUP_FIRE] = {"fire", "fire and rescue service"},
    [SIGNUP_OTHER] = {"other", "other public body"},
};

static const struct {
    const char *id, *label;
} states[SIGNUP_STATE_COUNT] = {
    [SIGNUP_SIGNED] = {"signed", "Signed"},
    [SIGNUP_NOT_SIGNED] = {"not_signed", "Not signed"},
    [SIGNUP_NOT_COVERED] = {"not_covered", "Not covered"},
};

const char *signup_type_id(enum signup_type t)
{
    return (unsigned)t < SIGNUP_TYPE_COUNT ? types[t].id : "";
}

const char *signup_type_label(enum signup_type t)
{
    return (unsigned)t < SIGNUP_TYPE_COUNT ? types[t].label : "";
}

int signup_type_of(enum org_type t)
{
    switch (t) {
    case ORG_COUNCIL:
        return SIGNUP_COUNCIL;
    case ORG_NHS:
        return SIGNUP_NHS;
    case ORG_POLICE:
        return SIGNUP_POLICE;
    case ORG_FIRE:
        return SIGNUP_FIRE;
    case ORG_PUBLIC_OTHER:
        return SIGNUP_OTHER;
    default:
        return -1;
    }
}

const char *signup_state_id(enum signup_state s)
{
    return (unsigned)s < SIGNUP_STATE_COUNT ? states[s].id : "";
}

const char *signup_state_label(enum signup_state s)
{
    return (unsigned)s < SIGNUP_STATE_COUNT ? states[s].label : "";
}

int signup_counts(date_t signed_on, date_t withdrawn_on, date_t on)
{
    return signed_on <= on && (!withdrawn_on || on < withdrawn_on);
}

int signup_is_council(const char *org_ref, date_t signed_on, date_t withdrawn_on,
                      const char *council, date_t on)
{
    return org_ref && council && !strcmp(org_ref, council) &&
           signup_counts(signed_on, withdrawn_on, on);
}

unsigned signup_types(const struct signup_signatory *s, size_t n, date_t on)
{
    unsigned bits = 0;

    for (size_t i = 0; i < n; i++) {
        int t = signup_type_of(s[i].type);
        if (t >= 0 && signup_counts(s[i].signed_on, s[i].withdrawn_on, on)) {
            bits |= 1u << t;
        }
    }
    return bits;
}

/* Signatories by Compact, then type, then name: each Compact's a run, found by bsearch. */
static int cmp_signatory(const void *a, const void *b)
{
    const struct signup_signatory *x = *(const struct signup_signatory *const *)a,
                                  *y = *(const struct signup_signatory *const *)b;
    int tx = signup_type_of(x->type), ty = signup_type_of(y->type), c;

    if (x->compact_id != y->compact_id) {
        return x->compact_id < y->compact_id ? -1 : 1;
    }
    if (tx != ty) {
        return tx < ty ? -1 : 1;
    }
    c = strcmp(x->name ? x->name : "", y->name ? y->name : "");
    return c ? c : x->signed_on < y->signed_on ? -1 : x->signed_on > y->signed_on;
}

/* The first of the n sorted signatories p of Compact id (n when it has none). */
static size_t first_of(const struct signup_signatory *const *p, size_t n, long long id)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[mid]->compact_id < id) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static int cmp_compact(const void *a, const void *b)
{
    const struct signup_compact *x = a, *y = b;
    int c = strcmp(x->name ? x->name : "", y->name ? y->name : "");
    return c ? c : x->id < y->id ? -1 : x->id > y->id;
}

/* How the lists name a council: its official name, else its area's. */
static const char *council_name(const struct authority *a)
{
    return a->official_name ? a->official_name : a->name ? a->name : "";
}

/* Rows by region, then council name, then code: the order of the national lists. */
struct region_key {
    size_t region, row;
    const struct authority *a;
};

static int cmp_region(const void *a, const void *b)
{
    const struct region_key *x = a, *y = b;
    int c;

    if (x->region != y->region) {
        return x->region < y->region ? -1 : 1;
    }
    c = strcmp(council_name(x->a), council_name(y->a));
    return c ? c : strcmp(x->a->gss, y->a->gss);
}

void signups_compute(const struct coverage *cov, const struct coverage_compact *c, size_t nc,
                     const struct signup_signatory *s, size_t ns, struct arena *arena,
                     struct signups *out)
{
    const struct signup_signatory **p = arena_alloc(arena, (ns ? ns : 1) * sizeof(*p));
    struct region_key *keys = arena_alloc(arena, (cov->nrows ? cov->nrows : 1) * sizeof(*keys));
    size_t *order = arena_alloc(arena, (cov->nrows ? cov->nrows : 1) * sizeof(*order));
    size_t np = 0;

    memset(out, 0, sizeof(*out));
    out->cov = cov;
    /* the statutory signatories that count on the day, each Compact's a run */
    for (size_t i = 0; i < ns; i++) {
        if (signup_type_of(s[i].type) >= 0 &&
            signup_counts(s[i].signed_on, s[i].withdrawn_on, cov->as_of)) {
            p[np++] = &s[i];
        }
    }
    qsort(p, np, sizeof(*p), cmp_signatory);

    out->compacts = arena_alloc(arena, (nc ? nc : 1) * sizeof(*out->compacts));
    for (size_t i = 0; i < nc; i++) {
        struct signup_compact *k = &out->compacts[out->ncompacts];
        size_t from = first_of(p, np, c[i].id), to = from;

        if (compact_status_on(c[i].statuses, c[i].nstatuses, cov->as_of) != COMPACT_ACTIVE) {
            continue;
        }
        *k = (struct signup_compact){.id = c[i].id, .name = c[i].name, .signatories = p + from};
        while (to < np && p[to]->compact_id == c[i].id) {
            k->signed_types |= 1u << signup_type_of(p[to++]->type);
        }
        k->nsignatories = to - from;
        for (int t = 0; t < SIGNUP_PARTNERS; t++) {
            out->missing[t] += !(k->signed_types & (1u << t));
        }
        out->ncompacts++;
    }
    qsort(out->compacts, out->ncompacts, sizeof(*out->compacts), cmp_compact);

    out->rows = arena_alloc(arena, (cov->nrows ? cov->nrows : 1) * sizeof(*out->rows));
    out->nrows = cov->nrows;
    for (size_t i = 0; i < cov->nrows; i++) {
        const struct coverage_row *cr = &cov->rows[i];
        struct signup_row *r = &out->rows[i];
        char buf[ORG_ID_MAX + 1];
        size_t region = REGION_COUNT;

        *r = (struct signup_row){.cov = cr, .state = SIGNUP_NOT_COVERED};
        if (orgid_of_council(cr->authority->code, buf)) {
            r->council = arena_strdup(arena, buf);
        }
        if (cr->state == COVER_COVERED) {
            r->state = SIGNUP_NOT_SIGNED;
            for (size_t j = first_of(p, np, cr->compact_id);
                 j < np && p[j]->compact_id == cr->compact_id; j++) {
                if (signup_is_council(p[j]->org_ref, p[j]->signed_on, p[j]->withdrawn_on,
                                      r->council, cov->as_of)) {
                    r->state = SIGNUP_SIGNED;
                    r->signature = p[j];
                    break;
                }
            }
        }
        out->all[r->state]++;
        if (cr->authority->region && region_parse(cr->authority->region, &region) == 0) {
            out->region[region][r->state]++;
        }
        keys[i] = (struct region_key){.region = region, .row = i, .a = cr->authority};
    }
    qsort(keys, cov->nrows, sizeof(*keys), cmp_region);
    for (size_t i = 0; i < cov->nrows; i++) {
        order[i] = keys[i].row;
    }
    out->by_region = order;
}

const struct signup_row *signups_find(const struct signups *su, const char *gss)
{
    const struct coverage_row *cr = coverage_find(su->cov, gss);
    return cr ? &su->rows[cr - su->cov->rows] : NULL;
}
