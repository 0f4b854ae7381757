/* Open data indicators: figures of one funder's grants and one buyer's contracts. */
#include "indicators.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules.h"
#include "suppress.h"
#include "base/err.h"
#include "base/banned.h"

const char ind_caveat_no_rule[] =
    "There is no national minimum tender period: the rule applies only where a local Compact "
    "sets min_tender_days.";
const char ind_caveat_year_basis[] =
    "Grants are counted in the calendar year of their award date; contracts in the calendar "
    "year their tender opened.";

const char ind_caveat_ended[] =
    "A recipient funded in one year and not the next may still be funded in another way or "
    "under another name: each is a prompt to check that notice was given, not a finding.";

static const char *say(struct arena *arena, struct buf *b)
{
    const char *s = arena_strdup(arena, b->data);
    buf_reset(b);
    return s;
}

size_t ind_grants_caveats(const struct ind_grants *s, size_t min_count, struct arena *arena,
                          const char *out[IND_CAVEATS_MAX])
{
    struct buf b = BUF_INIT;
    size_t n = 0;

    if (s->share_suppressed) {
        buf_addf(&b,
                 "%zu grants give planned dates or a duration, fewer than the minimum count of "
                 "%zu: the multi-year share is not shown.",
                 s->multi_year_known, min_count);
        out[n++] = say(arena, &b);
    }
    if (s->multi_year_known < s->count) {
        buf_addf(&b,
                 "%zu grants give neither planned dates nor a duration and are left out of the "
                 "multi-year share.",
                 s->count - s->multi_year_known);
        out[n++] = say(arena, &b);
    }
    if (s->not_gbp) {
        buf_addf(&b, "%zu grants in other currencies are left out of the value.", s->not_gbp);
        out[n++] = say(arena, &b);
    }
    buf_release(&b);
    return n;
}

size_t ind_contracts_caveats(const struct ind_contracts *s, size_t min_count, struct arena *arena,
                             const char *out[IND_CAVEATS_MAX])
{
    struct buf b = BUF_INIT;
    size_t n = 0;

    if (s->median_suppressed) {
        buf_addf(&b,
                 "%zu tenders give a tender period that can be measured, fewer than the minimum "
                 "count of %zu: the median is not shown.",
                 s->with_period, min_count);
        out[n++] = say(arena, &b);
    }
    if (!s->rule_applies) {
        out[n++] = ind_caveat_no_rule;
    }
    if (s->vcse_suppressed) {
        buf_addf(&b,
                 "%zu tenders say whether they suit VCSE organisations, fewer than the minimum "
                 "count of %zu: the share is not shown.",
                 s->vcse_known, min_count);
        out[n++] = say(arena, &b);
    }
    if (s->reversed) {
        buf_addf(&b, "%zu tenders close before they open and are left out of the tender period.",
                 s->reversed);
        out[n++] = say(arena, &b);
    }
    buf_release(&b);
    return n;
}

void ind_ended_check_path(struct buf *b, const struct ind_ended *e, const char *compact_id)
{
    buf_adds(b, "/checks/funding_change?change=end");
    if (e->has_end) {
        int y, m, d;
        date_to_ymd(e->end, &y, &m, &d);
        buf_addf(b, "&effective_date-day=%d&effective_date-month=%d&effective_date-year=%d", d, m,
                 y);
    }
    if (compact_id && *compact_id && strspn(compact_id, "0123456789") == strlen(compact_id)) {
        buf_adds(b, "&compact=");
        buf_adds(b, compact_id);
    }
}

static int year_of(date_t d)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    return y;
}

int ind_grant_multi_year(const struct ind_grant *g, int min_funding_months)
{
    if (g->has_dates) {
        return g->end + 1 >= date_add_months(g->start, min_funding_months);
    }
    if (g->duration_months >= 0) {
        return g->duration_months >= min_funding_months;
    }
    return -1;
}

int ind_contract_days(const struct ind_contract *c, long *days)
{
    date_t from;

    *days = 0;
    if (!c->has_end || (!c->has_start && !c->has_published)) {
        return -1;
    }
    from = c->has_start ? c->start : c->published;
    *days = (long)c->end - (long)from;
    return 0;
}

int ind_contract_year(const struct ind_contract *c)
{
    return year_of(c->has_start ? c->start : c->has_published ? c->published : c->release);
}

static void grants_add(struct ind_grants *s, const struct ind_grant *g, int min_months)
{
    int multi = ind_grant_multi_year(g, min_months);
    s->count++;
    if (g->gbp) {
        s->value += g->amount;
    } else {
        s->not_gbp++;
    }
    if (multi >= 0) {
        s->multi_year_known++;
        s->multi_year += (size_t)multi;
    }
}

static void grants_finish(struct ind_grants *s, size_t min_count)
{
    s->share_suppressed = suppress_share(s->multi_year_known, min_count);
    s->share = s->share_suppressed ? 0 : (double)s->multi_year / (double)s->multi_year_known;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The figures of the contracts c[i] for the indexes idx[0..n) (days: scratch of n). */
static void contracts_of(const struct ind_contract *c, const size_t *idx, size_t n,
                         const struct ind_params *p, long *days, struct ind_contracts *out)
{
    size_t nd = 0;

    memset(out, 0, sizeof(*out));
    out->rule_applies = p->min_tender_days >= 0;
    for (size_t i = 0; i < n; i++) {
        const struct ind_contract *k = &c[idx[i]];
        long d;
        out->count++;
        if (ind_contract_days(k, &d) == 0) {
            if (d < 0) {
                out->reversed++;
            } else {
                days[nd++] = d;
                if (out->rule_applies && d < p->min_tender_days) {
                    out->under_min++;
                }
            }
        }
        if (k->vcse_suitable >= 0) {
            out->vcse_known++;
            out->vcse_suitable += (size_t)(k->vcse_suitable == 1);
        }
    }
    out->with_period = nd;
    out->median_suppressed = suppress_share(nd, p->min_count);
    if (!out->median_suppressed) {
        qsort(days, nd, sizeof(*days), cmp_long);
        out->median_days =
            nd % 2 ? (double)days[nd / 2] : ((double)days[nd / 2 - 1] + (double)days[nd / 2]) / 2;
    }
    out->vcse_suppressed = suppress_share(out->vcse_known, p->min_count);
    if (!out->vcse_suppressed) {
        out->vcse_share = (double)out->vcse_suitable / (double)out->vcse_known;
    }
}

/* A recipient's key: its org-id, else its name; NULL for none (or a person). */
static const char *recipient_key(const struct ind_grant *g)
{
    if (g->individual) {
        return NULL;
    }
    if (g->recipient && *g->recipient) {
        return g->recipient;
    }
    return g->name && *g->name ? g->name : NULL;
}

struct keyed {
    const char *key;
    int year;
    size_t i; /* index of the grant */
};

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    int c = strcasecmp(x->key, y->key);
    if (c) {
        return c;
    }
    if (x->year != y->year) {
        return (x->year > y->year) - (x->year < y->year);
    }
    return (x->i > y->i) - (x->i < y->i);
}

static int cmp_ended(const void *a, const void *b)
{
    const struct ind_ended *x = a, *y = b;
    const char *nx = x->name ? x->name : x->recipient, *ny = y->name ? y->name : y->recipient;
    int c;
    if (x->year != y->year) {
        return (x->year > y->year) - (x->year < y->year);
    }
    c = strcasecmp(nx, ny);
    return c ? c : strcmp(nx, ny);
}

/* The ended relationships of g[0..ng), whose grants end in last_year. */
static void ended_of(const struct ind_grant *g, size_t ng, int last_year, struct arena *arena,
                     struct indicators *out)
{
    struct keyed *k = arena_alloc(arena, (ng + 1) * sizeof(*k));
    size_t n = 0, ne = 0;

    for (size_t i = 0; i < ng; i++) {
        const char *key = recipient_key(&g[i]);
        if (key) {
            k[n++] = (struct keyed){key, year_of(g[i].award), i};
        }
    }
    qsort(k, n, sizeof(*k), cmp_keyed);
    out->ended = arena_alloc(arena, (n + 1) * sizeof(*out->ended));
    for (size_t i = 0; i < n;) {
        /* the grants of one recipient in one year: k[i..j) */
        size_t j = i + 1;
        struct ind_ended e = {0};
        while (j < n && !strcasecmp(k[j].key, k[i].key) && k[j].year == k[i].year) {
            j++;
        }
        if (k[i].year < last_year &&
            (j == n || strcasecmp(k[j].key, k[i].key) || k[j].year != k[i].year + 1)) {
            e.year = k[i].year;
            for (size_t m = i; m < j; m++) {
                const struct ind_grant *x = &g[k[m].i];
                e.grants++;
                e.value += x->gbp ? x->amount : 0;
                if (!e.recipient && x->recipient && *x->recipient) {
                    e.recipient = x->recipient;
                }
                if (x->name && *x->name) {
                    e.name = x->name; /* the latest name given */
                }
                if (m == i || x->award > e.last_award) {
                    e.last_award = x->award;
                }
                if (x->has_dates && (!e.has_end || x->end > e.end)) {
                    e.has_end = 1;
                    e.end = x->end;
                }
            }
            out->ended[ne++] = e;
        }
        i = j;
    }
    qsort(out->ended, ne, sizeof(*out->ended), cmp_ended);
    out->nended = ne;
}

int indicators_compute(const struct ind_grant *g, size_t ng, const struct ind_contract *c,
                       size_t nc, const struct ind_params *p, struct arena *arena,
                       struct indicators *out)
{
    int first = 0, last = 0;
    size_t *idx;
    long *days;

    memset(out, 0, sizeof(*out));
    if (p->min_count < 1 || p->min_count > INDICATORS_MIN_COUNT_MAX || p->min_funding_months < 1 ||
        p->min_funding_months > PARAM_VALUE_MAX || p->min_tender_days < -1 ||
        p->min_tender_days > PARAM_VALUE_MAX) {
        return ERR_INVALID;
    }
    out->params = *p;

    /* grants, overall and by year */
    for (size_t i = 0; i < ng; i++) {
        int y = year_of(g[i].award);
        if (!i || y < first) {
            first = y;
        }
        if (!i || y > last) {
            last = y;
        }
        grants_add(&out->grants, &g[i], p->min_funding_months);
    }
    grants_finish(&out->grants, p->min_count);
    if (ng) {
        out->ngrant_years = (size_t)(last - first + 1);
        out->grant_years = arena_alloc(arena, out->ngrant_years * sizeof(*out->grant_years));
        memset(out->grant_years, 0, out->ngrant_years * sizeof(*out->grant_years));
        for (size_t y = 0; y < out->ngrant_years; y++) {
            out->grant_years[y].year = first + (int)y;
        }
        for (size_t i = 0; i < ng; i++) {
            grants_add(&out->grant_years[year_of(g[i].award) - first].g, &g[i],
                       p->min_funding_months);
        }
        for (size_t y = 0; y < out->ngrant_years; y++) {
            grants_finish(&out->grant_years[y].g, p->min_count);
        }
        ended_of(g, ng, last, arena, out);
    }

    /* contracts, overall and by year */
    idx = arena_alloc(arena, (nc + 1) * sizeof(*idx));
    days = arena_alloc(arena, (nc + 1) * sizeof(*days));
    for (size_t i = 0; i < nc; i++) {
        int y = ind_contract_year(&c[i]);
        idx[i] = i;
        if (!i || y < first) {
            first = y;
        }
        if (!i || y > last) {
            last = y;
        }
    }
    contracts_of(c, idx, nc, p, days, &out->contracts);
    if (nc) {
        size_t ny = (size_t)(last - first + 1), k = 0;
        out->contract_years = arena_alloc(arena, ny * sizeof(*out->contract_years));
        for (size_t y = 0; y < ny; y++) {
            size_t n = 0;
            for (size_t i = 0; i < nc; i++) {
                if (ind_contract_year(&c[i]) == first + (int)y) {
                    idx[n++] = i;
                }
            }
            if (!n) {
                continue; /* years without contracts are left out */
            }
            out->contract_years[k].year = first + (int)y;
            contracts_of(c, idx, n, p, days, &out->contract_years[k].c);
            k++;
        }
        out->ncontract_years = k;
    }
    return 0;
}
