/* Open data indicators: figures of one funder's grants and one buyer's contracts. */
#include "indicators.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "opendata.h"
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

/* Its amount is IND_ONE_OFF_PENCE (test_indicators checks the two agree). */
const char ind_caveat_ended_rules[] =
    "A year in which the funder published no grants is skipped: its next year of grants is "
    "compared instead. The funder's latest year is compared only once it is complete, that is "
    "when its latest grant was awarded in December: until then, more of that year's grants may "
    "yet be published. Grants under £1,000 that were not repeated are not counted (a single "
    "grant, with none from the same funder that year or its year of grants before); a grant "
    "under £1,000 repeated year after year that then stops is counted.";

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

int ind_ended_end(const struct ind_ended *e, date_t *end)
{
    *end = 0;
    if (e->has_end) {
        *end = e->end;
        return 1;
    }
    if (e->last_duration > 0) {
        *end = date_add_months(e->last_award, e->last_duration) - 1;
        return 2;
    }
    return 0;
}

/* "&name=" and s percent-encoded, when s is not NULL or "". */
static void add_param(struct buf *b, const char *name, const char *s)
{
    if (s && *s) {
        buf_addf(b, "&%s=", name);
        buf_add_url(b, s);
    }
}

void ind_ended_check_path(struct buf *b, const struct ind_ended *e, const char *body,
                          const char *compact_id)
{
    char org[ORG_ID_MAX + 1], day[DATE_STRLEN + 1];
    date_t end;

    buf_adds(b, "/checks/funding_change?change=end");
    if (ind_ended_end(e, &end)) {
        int y, m, d;
        date_to_ymd(end, &y, &m, &d);
        buf_addf(b, "&effective_date-day=%d&effective_date-month=%d&effective_date-year=%d", d, m,
                 y);
    }
    add_param(b, "body", body);
    if (orgid_linked(e->recipient, org) != ORGID_NONE) {
        add_param(b, "organisation", org);
    }
    add_param(b, "org_q", e->name ? e->name : e->recipient);
    if (e->value > 0) {
        buf_addf(b, "&amount=%lld.%02lld", (long long)(e->value / 100),
                 (long long)(e->value % 100));
    }
    if (e->last_award) {
        date_format(e->last_award, day);
        add_param(b, "last_award", day);
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

int ind_year_complete(const struct ind_funder_years *f, int year)
{
    int y, m, d;
    if (f->n && f->years[f->n - 1] > year) {
        return 1;
    }
    date_to_ymd(f->latest, &y, &m, &d);
    return y == year && m == 12;
}

enum ind_end ind_end_after(const struct ind_funder_years *f, const struct ind_funded_year *y,
                           size_t n, size_t i, int *next)
{
    int after = 0, before = 0;

    for (size_t k = 0; k < f->n; k++) {
        if (f->years[k] < y[i].year) {
            before = f->years[k];
        } else if (f->years[k] > y[i].year) {
            after = f->years[k];
            break;
        }
    }
    *next = after;
    if (after && i + 1 < n && y[i + 1].year == after) {
        return IND_END_CONTINUED;
    }
    if (!after || !ind_year_complete(f, after)) {
        return IND_END_TOO_SOON;
    }
    if (y[i].small && !(i > 0 && before && y[i - 1].year == before)) {
        return IND_END_ONE_OFF;
    }
    return IND_END_ENDED;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* years[0..*n) sorted, each once. */
static void years_unique(int *years, size_t *n)
{
    size_t m = 0;
    qsort(years, *n, sizeof(*years), cmp_int);
    for (size_t i = 0; i < *n; i++) {
        if (!m || years[m - 1] != years[i]) {
            years[m++] = years[i];
        }
    }
    *n = m;
}

/* The figures of one year's grants gs[0..n) of one recipient into e (year and next_year
 * aside). */
static void ended_fill(struct ind_ended *e, const struct ind_grant *const *gs, size_t n)
{
    for (size_t m = 0; m < n; m++) {
        const struct ind_grant *x = gs[m];
        e->grants++;
        e->value += x->gbp ? x->amount : 0;
        if (!e->recipient && x->recipient && *x->recipient) {
            e->recipient = x->recipient;
        }
        if (x->name && *x->name) {
            e->name = x->name; /* the latest name given */
        }
        if (m == 0 || x->award >= e->last_award) {
            e->last_award = x->award;
            e->last_duration = x->duration_months;
        }
        if (x->has_dates && (!e->has_end || x->end > e->end)) {
            e->has_end = 1;
            e->end = x->end;
        }
    }
}

/*
 * The years of one recipient's grants from one funder, k[0..n) sorted by year (g[k[m].i] each
 * grant), into runs (room for n) and their first grants' places in k into starts (room for
 * n + 1): returns how many years.
 */
static size_t runs_of(const struct keyed *k, size_t n, const struct ind_grant *const *g,
                      struct ind_funded_year *runs, size_t *starts)
{
    size_t ny = 0;

    for (size_t m = 0; m < n; m++) {
        if (m == 0 || k[m].year != k[m - 1].year) {
            starts[ny] = m;
            runs[ny++] = (struct ind_funded_year){k[m].year, 0, 0};
        }
        runs[ny - 1].grants++;
    }
    starts[ny] = n;
    for (size_t y = 0; y < ny; y++) {
        const struct ind_grant *x = g[k[starts[y]].i];
        runs[y].small = runs[y].grants == 1 && x->gbp && x->amount < IND_ONE_OFF_PENCE;
    }
    return ny;
}

/* The ended relationships of one funder's grants g[0..ng). */
static void ended_of(const struct ind_grant *g, size_t ng, struct arena *arena,
                     struct indicators *out)
{
    struct keyed *k = arena_alloc(arena, (ng + 1) * sizeof(*k));
    const struct ind_grant **all = arena_alloc(arena, (ng + 1) * sizeof(*all));
    const struct ind_grant **gs = arena_alloc(arena, (ng + 1) * sizeof(*gs));
    struct ind_funded_year *runs = arena_alloc(arena, (ng + 1) * sizeof(*runs));
    size_t *starts = arena_alloc(arena, (ng + 2) * sizeof(*starts));
    int *years = arena_alloc(arena, (ng + 1) * sizeof(*years));
    struct ind_funder_years f = {years, ng, 0};
    size_t n = 0, ne = 0;

    for (size_t i = 0; i < ng; i++) {
        const char *key = recipient_key(&g[i]);
        all[i] = &g[i];
        years[i] = year_of(g[i].award);
        if (!i || g[i].award > f.latest) {
            f.latest = g[i].award;
        }
        if (key) {
            k[n++] = (struct keyed){key, years[i], i};
        }
    }
    years_unique(years, &f.n);
    qsort(k, n, sizeof(*k), cmp_keyed);
    out->ended = arena_alloc(arena, (n + 1) * sizeof(*out->ended));
    for (size_t i = 0; i < n;) {
        /* the grants of one recipient: k[i..j) */
        size_t j = i + 1, ny;
        while (j < n && !strcasecmp(k[j].key, k[i].key)) {
            j++;
        }
        ny = runs_of(k + i, j - i, all, runs, starts);
        for (size_t y = 0; y < ny; y++) {
            int next;
            enum ind_end end = ind_end_after(&f, runs, ny, y, &next);
            if (end == IND_END_ONE_OFF) {
                out->one_offs++;
            } else if (end == IND_END_ENDED) {
                struct ind_ended e = {.year = runs[y].year, .next_year = next};
                for (size_t m = starts[y]; m < starts[y + 1]; m++) {
                    gs[m - starts[y]] = &g[k[i + m].i];
                }
                ended_fill(&e, gs, starts[y + 1] - starts[y]);
                out->ended[ne++] = e;
            }
        }
        i = j;
    }
    qsort(out->ended, ne, sizeof(*out->ended), cmp_ended);
    out->nended = ne;
}

static int cmp_funder_year(const void *a, const void *b)
{
    const struct ind_funder_year *x = a, *y = b;
    int c = strcasecmp(x->funder, y->funder);
    return c ? c : (x->year > y->year) - (x->year < y->year);
}

static int cmp_received(const void *a, const void *b)
{
    const struct ind_received_row *x = a, *y = b;
    const char *nx = x->funder_name ? x->funder_name : x->funder;
    const char *ny = y->funder_name ? y->funder_name : y->funder;
    int c = strcasecmp(nx, ny);
    if (!c) {
        c = strcasecmp(x->funder, y->funder);
    }
    return c ? c : (x->e.year > y->e.year) - (x->e.year < y->e.year);
}

void ind_received_compute(const struct ind_received_grant *g, size_t ng,
                          const struct ind_funder_year *fy, size_t nfy, struct arena *arena,
                          struct ind_received *out)
{
    struct keyed *k = arena_alloc(arena, (ng + 1) * sizeof(*k));
    const struct ind_grant **all = arena_alloc(arena, (ng + 1) * sizeof(*all));
    const struct ind_grant **gs = arena_alloc(arena, (ng + 1) * sizeof(*gs));
    struct ind_funded_year *runs = arena_alloc(arena, (ng + 1) * sizeof(*runs));
    size_t *starts = arena_alloc(arena, (ng + 2) * sizeof(*starts));
    struct ind_funder_year *sorted = arena_alloc(arena, (nfy + 1) * sizeof(*sorted));
    int *years = arena_alloc(arena, (nfy + ng + 1) * sizeof(*years));
    size_t p = 0;

    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < ng; i++) {
        all[i] = &g[i].g;
        k[i] = (struct keyed){g[i].funder, year_of(g[i].g.award), i};
    }
    qsort(k, ng, sizeof(*k), cmp_keyed);
    if (nfy) {
        memcpy(sorted, fy, nfy * sizeof(*fy));
    }
    qsort(sorted, nfy, sizeof(*sorted), cmp_funder_year);
    out->rows = arena_alloc(arena, (ng + 1) * sizeof(*out->rows));
    for (size_t i = 0; i < ng;) {
        /* the grants from one funder: k[i..j); its years of grants: those of fy, and of these
         * grants should fy leave one out */
        struct ind_funder_years f = {years, 0, 0};
        size_t j = i + 1, ny;
        while (j < ng && !strcasecmp(k[j].key, k[i].key)) {
            j++;
        }
        while (p < nfy && strcasecmp(sorted[p].funder, k[i].key) < 0) {
            p++;
        }
        for (; p < nfy && !strcasecmp(sorted[p].funder, k[i].key); p++) {
            years[f.n++] = sorted[p].year;
            f.latest = sorted[p].latest > f.latest ? sorted[p].latest : f.latest;
        }
        for (size_t m = i; m < j; m++) {
            years[f.n++] = k[m].year;
            f.latest = all[k[m].i]->award > f.latest ? all[k[m].i]->award : f.latest;
        }
        years_unique(years, &f.n);
        ny = runs_of(k + i, j - i, all, runs, starts);
        for (size_t y = 0; y < ny; y++) {
            struct ind_received_row *row = &out->rows[out->n++];
            const struct ind_received_grant *first = &g[k[i + starts[y]].i];
            int next;
            memset(row, 0, sizeof(*row));
            row->funder = first->funder;
            row->funder_known = first->funder_known;
            row->end = ind_end_after(&f, runs, ny, y, &next);
            row->e.year = runs[y].year;
            row->e.next_year = next;
            for (size_t m = starts[y]; m < starts[y + 1]; m++) {
                const struct ind_received_grant *x = &g[k[i + m].i];
                gs[m - starts[y]] = &x->g;
                row->not_gbp += !x->g.gbp;
                if (x->funder_name && *x->funder_name) {
                    row->funder_name = x->funder_name;
                }
                row->funder_known |= x->funder_known;
            }
            ended_fill(&row->e, gs, starts[y + 1] - starts[y]);
            row->e.recipient = row->e.name = NULL;
            out->grants += row->e.grants;
            out->value += row->e.value;
            out->ended += row->end == IND_END_ENDED;
            out->one_offs += row->end == IND_END_ONE_OFF;
        }
        out->funders++;
        i = j;
    }
    /* one name for each funder: its latest, on every row */
    for (size_t i = 0, j; i < out->n; i = j) {
        const char *name = NULL;
        for (j = i; j < out->n && !strcasecmp(out->rows[j].funder, out->rows[i].funder); j++) {
            name = out->rows[j].funder_name ? out->rows[j].funder_name : name;
        }
        for (size_t m = i; m < j; m++) {
            out->rows[m].funder_name = name;
        }
    }
    qsort(out->rows, out->n, sizeof(*out->rows), cmp_received);
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
        ended_of(g, ng, arena, out);
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
