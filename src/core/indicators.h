/*
 * Open data indicators (SPEC section 8): one funder's grants and one buyer's contracts read
 * through the Compact's lens, overall and by calendar year. Counts and sums of published records
 * are facts and always shown (each record is public anyway); a share or a median is shown with
 * the count it rests on, and only when that count reaches a minimum (else it is suppressed: left
 * out, with a caveat saying what it would rest on). The *_suppressed flags below are that rule
 * (suppress_share in core/suppress.h, shared with the complaint statistics), decided here once;
 * JSON, CSV, the command line and the pages only follow them.
 *
 * - grants: how many and their value (the sum of amountAwarded, in pence);
 * - multi-year: a grant counts when its planned dates give a start and an end and
 *   end + 1 day >= add_months(start, min_funding_months), or, without both dates, when its
 *   duration is at least min_funding_months; a grant with neither is left out of the share;
 * - ended relationships: a recipient funded in year Y and not in the funder's next year of grants
 *   N (a year in which the funder published no grant at all is skipped, not an end), when N is
 *   complete (ind_year_complete) and the grants of Y are not a one-off small grant
 *   (IND_ONE_OFF_PENCE): prompts to check that notice was given;
 * - contracts: the tender period in days (from the tender period's start, else the date the
 *   tender was published, to the tender period's end) against min_tender_days where a local
 *   Compact sets it, and the share of tenders marked suitable for VCSE organisations among
 *   those that say either way.
 *
 * A grant's year is the calendar year of its award date; a contract's the calendar year of its
 * tender's start (the tender period's start, else its publication, else the release's date).
 * Pure: no I/O. Everything the results point to is from the caller's arena or borrowed from the
 * inputs, which must outlive them.
 */
#ifndef CORE_INDICATORS_H
#define CORE_INDICATORS_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"

#define INDICATORS_MIN_COUNT_DEFAULT 10
#define INDICATORS_MIN_COUNT_MAX     1000000

/* A grant as the indicators need it. */
struct ind_grant {
    int64_t amount;        /* amountAwarded in pence */
    int gbp;               /* its currency is GBP (only those are added into the value) */
    date_t award;          /* its award date */
    int has_dates;         /* planned start and end are both full dates */
    date_t start, end;     /* the first plannedDates entry's, when has_dates */
    int duration_months;   /* plannedDates duration, or -1 */
    const char *recipient; /* its recipient's org-id, else NULL */
    const char *name;      /* its recipient's name, else NULL */
    int individual;        /* a grant to a person: never named as an ended relationship */
};

/* A contracting process as the indicators need it; a date 0 with its has_ flag 0 is unknown. */
struct ind_contract {
    date_t release; /* the release's date */
    int has_published, has_start, has_end;
    date_t published, start, end; /* tender.datePublished, tender.tenderPeriod start and end */
    int vcse_suitable;            /* 1, 0, or -1 where the data does not say */
};

struct ind_params {
    int min_funding_months; /* length of funding that counts as multi-year */
    int min_tender_days;    /* the local minimum tender period, or -1 where none is set */
    size_t min_count;       /* shares and medians resting on fewer are suppressed */
};

/* The grant figures of a period (all years, or one). Counts and the value are always shown. */
struct ind_grants {
    size_t count;
    int64_t value;           /* pence, of the GBP grants */
    size_t not_gbp;          /* grants in another currency, left out of value */
    size_t multi_year;       /* grants that are multi-year */
    size_t multi_year_known; /* grants with dates or a duration: the share's base */
    int share_suppressed;    /* multi_year_known < min_count (the share is not shown) */
    double share;            /* multi_year / multi_year_known, when not suppressed */
};

struct ind_grant_year {
    int year;
    struct ind_grants g;
};

/*
 * A single grant under this amount (in pence, in GBP) is a one-off small grant when the recipient
 * had no other grant from the same funder that year nor in the funder's year of grants before:
 * its end is not counted. A small grant repeated year after year that then stops is counted.
 */
#define IND_ONE_OFF_PENCE 100000 /* £1,000 */

/* What follows a year in which a funder funded a recipient. */
enum ind_end {
    IND_END_CONTINUED, /* funded again in the funder's next year of grants */
    IND_END_ENDED,     /* not funded in the funder's next year of grants, a complete year */
    IND_END_TOO_SOON,  /* the funder has no later year of grants, or only an incomplete one */
    IND_END_ONE_OFF,   /* not funded again, but a one-off small grant: not counted */
};

/*
 * The years in which a funder awarded any grant (to anyone), ascending and each once, and its
 * latest award date. Its last year is complete when that latest award is in December (the data
 * reaches the year's last month); before then more of that year's grants may yet be published.
 * Every earlier year is complete: the funder published grants after it.
 */
struct ind_funder_years {
    const int *years;
    size_t n;
    date_t latest;
};

/* One year in which one recipient was funded by one funder. */
struct ind_funded_year {
    int year;
    size_t grants;
    int small; /* a single grant, in GBP, under IND_ONE_OFF_PENCE */
};

/* Whether year of f's grants is complete (see struct ind_funder_years). */
int ind_year_complete(const struct ind_funder_years *f, int year);

/*
 * What follows y[i], of y[0..n) (one recipient's years from funder f, ascending): funded again
 * in f's next year of grants, not (an end), too soon to tell, or a one-off small grant. *next
 * is f's next year of grants after y[i].year, or 0 when there is none.
 */
enum ind_end ind_end_after(const struct ind_funder_years *f, const struct ind_funded_year *y,
                           size_t n, size_t i, int *next);

/* A recipient funded in year, not in the funder's next year of grants (next_year). */
struct ind_ended {
    const char *recipient; /* its org-id, or NULL */
    const char *name;      /* its name (or NULL when only an org-id is known) */
    int year;              /* the last year of the run of years it was funded */
    int next_year;         /* the funder's next year of grants, in which it was not funded */
    size_t grants;         /* its grants in that year */
    int64_t value;         /* their value in pence (GBP only) */
    date_t last_award;     /* its latest award date in that year */
    int last_duration;     /* the planned duration in months of that latest grant, or -1 */
    int has_end;           /* the latest planned end of those grants, when any gives one */
    date_t end;
};

/*
 * When the funding of e ends, as far as the data says, into *end: 1 the latest planned end of
 * its grants; 2 an estimate, the latest grant's award date plus its duration in months (less a
 * day); 0 not known (*end 0).
 */
int ind_ended_end(const struct ind_ended *e, date_t *end);

/* The contract figures of a period. The counts are always shown (under_min where the rule
 * applies); the median and the share only when not suppressed. */
struct ind_contracts {
    size_t count;
    size_t with_period;    /* tenders whose period can be measured: the median's base */
    size_t reversed;       /* tenders whose end is before their start: left out */
    int median_suppressed; /* with_period < min_count */
    double median_days;    /* when not suppressed */
    int rule_applies;      /* min_tender_days is set */
    size_t under_min;      /* tenders shorter than min_tender_days, when the rule applies */
    size_t vcse_known;     /* tenders that say whether they suit VCSE organisations */
    size_t vcse_suitable;  /* those that say they do */
    int vcse_suppressed;   /* vcse_known < min_count: the share is not shown */
    double vcse_share;
};

struct ind_contract_year {
    int year;
    struct ind_contracts c;
};

struct indicators {
    struct ind_params params;
    struct ind_grants grants;
    struct ind_grant_year *grant_years; /* every year from the first to the last, ascending */
    size_t ngrant_years;
    struct ind_ended *ended; /* by year, then name */
    size_t nended;
    size_t one_offs; /* one-off small grants that were not repeated: not counted as ended */
    struct ind_contracts contracts;
    struct ind_contract_year *contract_years;
    size_t ncontract_years;
};

/*
 * Compute the indicators of g[0..ng) and c[0..nc) with p into out (arrays from arena).
 * Returns 0, or ERR_INVALID for parameters out of range (min_count 0 or above
 * INDICATORS_MIN_COUNT_MAX, min_funding_months outside 1..PARAM_VALUE_MAX, min_tender_days
 * below -1); out is then zeroed.
 */
int indicators_compute(const struct ind_grant *g, size_t ng, const struct ind_contract *c,
                       size_t nc, const struct ind_params *p, struct arena *arena,
                       struct indicators *out);

/* Whether grant g counts as multi-year under min_funding_months: 1 yes, 0 no, -1 unknown. */
int ind_grant_multi_year(const struct ind_grant *g, int min_funding_months);

/* The days of c's tender period, and 0; or -1 when it cannot be measured. */
int ind_contract_days(const struct ind_contract *c, long *days);

/* The year a contract is counted in. */
int ind_contract_year(const struct ind_contract *c);

/* A grant as the lists show it; strings borrowed (from an arena), NULL when absent. */
struct grant_item {
    long long rowid; /* its number in the store: the lists' cursor */
    const char *identifier, *title, *currency;
    int64_t amount; /* pence */
    const char *award_date;
    const char *funder_id, *funder_name, *recipient_id, *recipient_name;
    int funder_known, recipient_known; /* in the register */
    const char *planned_start, *planned_end;
    int duration_months; /* -1 when absent */
    const char *programme;
};

/* A contracting process as the lists show it. */
struct contract_item {
    long long rowid;
    const char *ocid, *title, *buyer_id, *buyer_name;
    const char *release_date, *tender_published, *tender_start, *tender_end;
    int vcse_suitable; /* 1, 0, -1 */
    const char *value_currency;
    int64_t value; /* pence, when has_value */
    int has_value;
    const char *award_currency;
    int64_t award;
    int has_award;
    const char *suppliers; /* their names, "; " between, or NULL */
};

/* What the figures rest on and what they leave out, as sentences. */
extern const char ind_caveat_no_rule[];     /* min_tender_days not set */
extern const char ind_caveat_year_basis[];  /* how years are counted */
extern const char ind_caveat_ended[];       /* what an ended relationship is, and is not */
extern const char ind_caveat_ended_rules[]; /* which years and grants are compared, which not */

#define IND_CAVEATS_MAX 4
/*
 * The caveats of grant figures s (at most IND_CAVEATS_MAX, strings from arena) into out: a
 * suppressed share with the count it would rest on and the minimum, grants left out of the share
 * or the value. Returns how many.
 */
size_t ind_grants_caveats(const struct ind_grants *s, size_t min_count, struct arena *arena,
                          const char *out[IND_CAVEATS_MAX]);
/* The same for contract figures: a suppressed median or share, the rule that does not apply,
 * tenders left out. */
size_t ind_contracts_caveats(const struct ind_contracts *s, size_t min_count, struct arena *arena,
                             const char *out[IND_CAVEATS_MAX]);

/*
 * The path of the funding-change check form pre-filled for e, into b:
 * "/checks/funding_change?change=end", the effective date from ind_ended_end when known, what
 * the form shows as known from the data (body: the funder's name, body (NULL: left out);
 * organisation: the recipient's org-id where the register links its scheme; org_q: its name;
 * amount: the value of its grants that year in pounds; last_award: the latest award date),
 * and compact=compact_id when compact_id is a number (else it is left out), last.
 */
void ind_ended_check_path(struct buf *b, const struct ind_ended *e, const char *body,
                          const char *compact_id);

/* ---- grants received: one organisation's grants, by funder and year ---- */

/* A grant the organisation received, as the figures need it. */
struct ind_received_grant {
    const char *funder;      /* the funder's org-id */
    const char *funder_name; /* its name in the register, else as the grant gives it, or NULL */
    int funder_known;        /* the funder is in the register */
    struct ind_grant g;      /* the grant (its recipient and name are not used) */
};

/* A year in which a funder awarded grants (to anyone), with its latest award that year. */
struct ind_funder_year {
    const char *funder; /* its org-id */
    int year;
    date_t latest;
};

/* The grants from one funder in one year, and what followed. */
struct ind_received_row {
    const char *funder, *funder_name; /* its org-id, and its name (or NULL) */
    int funder_known;                 /* in the register */
    struct ind_ended e;               /* recipient and name NULL */
    size_t not_gbp;                   /* grants in other currencies, left out of e.value */
    enum ind_end end;
};

struct ind_received {
    struct ind_received_row *rows; /* by funder name (then org-id), then year */
    size_t n;
    size_t grants, funders, ended, one_offs;
    int64_t value; /* pence, GBP only */
};

/*
 * The grants g[0..ng) an organisation received, by funder and year, each year with what
 * followed it, judged against every year its funder published grants in (fy[0..nfy): each
 * funder of g with each of its years; any order, org-ids in any case). Arrays from arena.
 */
void ind_received_compute(const struct ind_received_grant *g, size_t ng,
                          const struct ind_funder_year *fy, size_t nfy, struct arena *arena,
                          struct ind_received *out);

#endif
