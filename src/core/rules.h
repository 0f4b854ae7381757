/*
 * The compliance rules of SPEC section 5: pure functions that test one activity (a funding
 * change, a consultation, a funding award, a procurement) against the Compact and say, per rule,
 * breach, unknown, pending, justified or met, with one sentence a person can check.
 *
 * Facts. Every fact is absent (not known), null (did not happen) or set. The rules follow SPEC
 * word for word; where SPEC leaves a case open the engine decides as follows, on SPEC's principle
 * that what is not known gives `unknown` and what the known facts establish gives `breach`:
 *
 *  - A reason counts only when set and holding something other than spaces: absent, null, "" and
 *    "   " all mean no reason was recorded.
 *  - A null yes/no fact means no, as SPEC says of reasons_given: notice_in_writing,
 *    affects_equality_groups (no finding), formal (informal), overheads_allowed and
 *    social_value_considered.
 *  - The activity's own dates (decision_date, effective_date, opens, closes, start_date,
 *    end_date, published, submission_deadline) can only be known or not: null is read as absent.
 *    Null is meaningful only for the steps a rule asks for (notice_date, the assessments,
 *    response_invited_date, feedback_date, vcs_engaged_date).
 *  - funding.notice: a breach that the known facts establish wins over a missing fact (notice
 *    null; notice_in_writing false or null, even with notice_date absent; an effective date
 *    before the earliest end). notice_in_writing absent with adequate dates is unknown.
 *  - funding.impact_assessment and the rules like it: a null assessment is a breach even when the
 *    decision date is absent (SPEC's first clause); a known assessment with no decision date is
 *    unknown.
 *  - funding.equality_assessment with affects_equality_groups absent is one `unknown` finding,
 *    whatever the assessment date says.
 *  - consultation.length: informal needs no dates. Formal with opens or closes absent is unknown
 *    even with a reason (no departure is established to justify).
 *  - consultation.feedback with closes absent is unknown (the due date cannot be worked out),
 *    also when feedback_date is null. Feedback published before the consultation closed is met.
 *  - award.duration with either date absent is unknown. award.payment_in_advance with payment
 *    absent or null is unknown; a payment other than "advance" or "arrears" is ERR_INVALID.
 *  - procurement: one `reason` serves all three rules, as SPEC lists one. tender_period with
 *    either date absent is unknown; days may be negative (deadline before publication).
 *    early_involvement: vcs_engaged_date null is a departure whatever `published` says; a known
 *    engagement with `published` absent is unknown.
 *  - A funding change must say `end` or `reduce` (the sentences differ); CHANGE_UNSET is
 *    ERR_INVALID.
 *
 * Explanations never quote a reason or any other text from the request, so their length is
 * bounded by the sentences written here and the fixed-size arrays always hold them.
 */
#ifndef CORE_RULES_H
#define CORE_RULES_H

#include <stddef.h>

#include "base/date.h"

/* ---- facts ---- */

enum fact_state { FACT_ABSENT, FACT_NULL, FACT_SET };

/* A zeroed fact is absent. */
struct fact_date {
    enum fact_state state;
    date_t value; /* when FACT_SET; from date_parse (years 1000 to 9999) */
};

struct fact_bool {
    enum fact_state state;
    int value; /* when FACT_SET: 0 or 1 */
};

struct fact_text {
    enum fact_state state;
    const char *value; /* when FACT_SET; borrowed, NUL-terminated, never NULL */
};

/* ---- activities ---- */

enum activity_kind {
    ACTIVITY_FUNDING_CHANGE,
    ACTIVITY_CONSULTATION,
    ACTIVITY_FUNDING_AWARD,
    ACTIVITY_PROCUREMENT,
    ACTIVITY_KIND_COUNT
};

/* "funding_change", "consultation", "funding_award", "procurement"; "" when out of range. */
const char *activity_kind_id(enum activity_kind k);
/* 0 and *out, or ERR_INVALID (*out = ACTIVITY_FUNDING_CHANGE). */
int activity_kind_parse(const char *s, enum activity_kind *out);

enum funding_change { CHANGE_UNSET, CHANGE_END, CHANGE_REDUCE };

/* "end", "reduce"; "" for CHANGE_UNSET. */
const char *funding_change_id(enum funding_change c);
/* 0 and *out, or ERR_INVALID (*out = CHANGE_UNSET). */
int funding_change_parse(const char *s, enum funding_change *out);

/*
 * One activity: its kind and every fact of SPEC section 5, named as in the JSON contract. Only
 * the facts of its kind are read. Zeroed, every fact is absent. Strings are borrowed from whoever
 * filled the struct.
 */
struct activity {
    enum activity_kind kind;

    /* funding_change */
    enum funding_change change;
    struct fact_date decision_date;
    struct fact_date notice_date;
    struct fact_bool notice_in_writing;
    struct fact_date effective_date;
    struct fact_bool reasons_given;
    struct fact_date impact_assessment_date;
    struct fact_date response_invited_date;
    struct fact_bool affects_equality_groups;
    struct fact_date equality_assessment_date;

    /* consultation */
    struct fact_bool formal; /* absent means formal */
    struct fact_date opens;
    struct fact_date closes;
    struct fact_text reason; /* consultation and procurement */
    struct fact_date feedback_date;

    /* funding_award */
    struct fact_date start_date;
    struct fact_date end_date;
    struct fact_text duration_reason;
    struct fact_text payment; /* "advance" or "arrears" */
    struct fact_text payment_reason;
    struct fact_bool overheads_allowed;
    struct fact_text overheads_reason;

    /* procurement (and reason above) */
    struct fact_date published;
    struct fact_date submission_deadline;
    struct fact_date vcs_engaged_date;
    struct fact_bool social_value_considered;
};

/* ---- parameters ---- */

enum param {
    PARAM_CONSULTATION_WEEKS,
    PARAM_FEEDBACK_WEEKS,
    PARAM_NOTICE_MONTHS,
    PARAM_MIN_FUNDING_MONTHS,
    PARAM_MIN_TENDER_DAYS,
    PARAM_COUNT
};

/* Largest value a parameter may take (ten years of days); larger or negative is ERR_INVALID. */
#define PARAM_VALUE_MAX 3660

/* "consultation_weeks", "feedback_weeks", "notice_months", "min_funding_months",
 * "min_tender_days"; "" when out of range. */
const char *param_id(enum param p);
/* 0 and *out, or ERR_INVALID (*out = PARAM_CONSULTATION_WEEKS). */
int param_parse(const char *s, enum param *out);
/* The national default in *out and 1, or 0 where there is none (min_tender_days). */
int param_default(enum param p, int *out);

/* For people: "Length of a formal written consultation", ...; "" when out of range. */
const char *param_label(enum param p);
/* Its unit, plural: "weeks", "months" or "days"; "" when out of range. */
const char *param_unit(enum param p);
/* What a count of its unit measures, for "3 months of notice", "12 weeks of consultation":
 * "of notice", "of consultation", "to publish feedback", "of funding to count as multi-year",
 * "to bid"; "" when out of range. */
const char *param_measure(enum param p);
/*
 * The least value a local Compact may set, in *out and 1, or 0 where any value is allowed. Only
 * notice_months has one: the national 3 months is a minimum that no reason excuses (SPEC
 * sections 4 and 5). A check request's own parameters are not bound by it.
 */
int param_floor(enum param p, int *out);
/* Whether value asks less of public bodies than the national default: fewer weeks of
 * consultation, more weeks to feedback, fewer months of notice or of multi-year funding. 0 for
 * the default itself, a stronger value, or a parameter without a default (min_tender_days). */
int param_weaker(enum param p, int value);

/* Where a parameter's effective value came from, weakest first. */
enum param_source { SOURCE_NONE, SOURCE_DEFAULT, SOURCE_COMPACT, SOURCE_REQUEST, SOURCE_COUNT };

/* "none", "default", "compact", "request" (the JSON contract); "" when out of range. */
const char *param_source_id(enum param_source s);
/* For sentences: "no value", "national default", "the Compact's local parameter",
 * "set for this check". */
const char *param_source_phrase(enum param_source s);

/* Parameters as one place sets them (a check request, a Compact): value[p] counts when set[p]. */
struct param_set {
    int set[PARAM_COUNT];
    int value[PARAM_COUNT];
};

/* The effective parameters: value[p] is meaningful unless source[p] is SOURCE_NONE (then 0). */
struct params {
    int value[PARAM_COUNT];
    enum param_source source[PARAM_COUNT];
};

/*
 * Each parameter from the request, else the Compact, else the national default, else none.
 * request and compact may be NULL (nothing set there). Values are copied, not checked:
 * rules_check refuses those out of range. A Compact's value below param_floor (one stored before
 * such values were refused) does not count: the national minimum applies, as the default.
 */
void params_resolve(const struct param_set *request, const struct param_set *compact,
                    struct params *out);

/* The parameters a kind's rules use, as bits 1u << enum param; 0 when out of range. */
unsigned activity_kind_params(enum activity_kind k);

/* ---- verdicts and findings ---- */

/* Best first, so the worst of several is the largest. */
enum verdict {
    VERDICT_MET,
    VERDICT_JUSTIFIED,
    VERDICT_PENDING,
    VERDICT_UNKNOWN,
    VERDICT_BREACH,
    VERDICT_COUNT
};

/* "met", "justified", "pending", "unknown", "breach"; "" when out of range. */
const char *verdict_id(enum verdict v);
/* 0 and *out, or ERR_INVALID (*out = VERDICT_UNKNOWN). */
int verdict_parse(const char *s, enum verdict *out);

/*
 * Every rule, in SPEC order within each kind. The rules of one kind must stay one unbroken run,
 * kinds in the order of enum activity_kind: rules.c's kinds[] names each kind's rules by its
 * first and last, and checks every rule from first to last. A rule added to a kind goes inside
 * that kind's run.
 */
enum rule {
    RULE_FUNDING_NOTICE,
    RULE_FUNDING_REASONS,
    RULE_FUNDING_IMPACT_ASSESSMENT,
    RULE_FUNDING_RESPONSE_OPPORTUNITY,
    RULE_FUNDING_EQUALITY_ASSESSMENT,
    RULE_CONSULTATION_LENGTH,
    RULE_CONSULTATION_FEEDBACK,
    RULE_AWARD_DURATION,
    RULE_AWARD_PAYMENT_IN_ADVANCE,
    RULE_AWARD_FULL_COST_RECOVERY,
    RULE_PROCUREMENT_TENDER_PERIOD,
    RULE_PROCUREMENT_EARLY_INVOLVEMENT,
    RULE_PROCUREMENT_SOCIAL_VALUE,
    RULE_COUNT
};

/* "funding.notice" and so on; static strings. "" when out of range. */
const char *rule_id(enum rule r);
/* What the rule looks at, for people, short: "Notice", "Reasons", "Time to bid"; "" when out of
 * range. Two rules may test one commitment (4.4: notice and reasons): this tells them apart. */
const char *rule_label(enum rule r);
/* 0 and *out, or ERR_INVALID (*out = RULE_FUNDING_NOTICE). */
int rule_parse(const char *s, enum rule *out);

/* Which computed fields of a finding hold a value. */
enum finding_fields {
    FINDING_EARLIEST_END_DATE = 1 << 0,   /* funding.notice, notice_date known */
    FINDING_SHORTFALL_DAYS = 1 << 1,      /* funding.notice, effective date before earliest end */
    FINDING_LATEST_NOTICE_DATE = 1 << 2,  /* funding.notice, effective_date known (not in SPEC's
                                             contract: for the "give notice by" remedy) */
    FINDING_EARLIEST_CLOSE_DATE = 1 << 3, /* consultation.length, formal, opens known */
    FINDING_FEEDBACK_DUE_DATE = 1 << 4,   /* consultation.feedback, closes known */
    FINDING_DAYS = 1 << 5,                /* procurement.tender_period, both dates known */
};

#define FINDING_EXPLANATION_MAX 400
#define FINDING_REMEDY_MAX      400

struct finding {
    const char *rule; /* rule_id(): static; the caller looks up the commitment it tests */
    enum verdict verdict;
    int param;       /* the enum param the explanation uses (and names the source of), or -1 */
    unsigned fields; /* enum finding_fields */
    date_t earliest_end_date;
    int shortfall_days; /* > 0 */
    date_t latest_notice_date;
    date_t earliest_close_date;
    date_t feedback_due_date;
    int days;
    /* One sentence with the dates and the parameter's source; when that source is a Compact
     * whose value is weaker than the national default (param_weaker), it ends by saying so:
     * "; the local Compact sets 8 weeks, less than the national Compact's 12." */
    char explanation[FINDING_EXPLANATION_MAX];
    /* What would make the activity keep the rule; "" when met or justified. It never asks for
     * a step before as_of (the check's today): when the day for it has passed, it says so and
     * what can still be done ("It is too late to give 3 months' notice before 1 January 2027:
     * give written notice now and move the end date to 2 March 2027 or later."). */
    char remedy[FINDING_REMEDY_MAX];
};

/* The most findings one check gives (a funding change). */
#define RULES_MAX_FINDINGS 5

/*
 * Test activity a against the rules of its kind with parameters p (from params_resolve) on date
 * as_of, writing the findings into out[0..max) in SPEC order and the worst verdict into *overall.
 * funding.equality_assessment is left out when affects_equality_groups is false or null, and
 * procurement.tender_period when min_tender_days has no source.
 *
 * Returns 0, or ERR_INVALID (an unknown kind or change, a payment other than advance or arrears,
 * a parameter outside 0..PARAM_VALUE_MAX or with an unknown source, a date outside years 1000 to
 * 9999, given or computed), or ERR_TOO_BIG (more findings than max). On failure *n = 0 and *overall
 * = VERDICT_UNKNOWN.
 */
int rules_check(const struct activity *a, const struct params *p, date_t as_of, struct finding *out,
                size_t max, size_t *n, enum verdict *overall);

/* How findings write dates: "2012-02-01" (the JSON contract, stored findings) or, for pages,
 * "1 February 2012". */
enum rules_dates { RULES_DATES_ISO, RULES_DATES_LONG };

/* rules_check, writing the dates of explanations and remedies as dates says. */
int rules_check_dated(const struct activity *a, const struct params *p, date_t as_of,
                      enum rules_dates dates, struct finding *out, size_t max, size_t *n,
                      enum verdict *overall);

/*
 * Whether the activity is still a plan on as_of: 1 when the day it is decided falls after as_of,
 * 0 when it does not, -1 when that day is not known. The day: a funding change's decision_date
 * (else its effective_date), a consultation's opening, an award's start, a tender's
 * publication. Pages word the verdicts of a plan as what it would do ("would not keep").
 */
int rules_planned(const struct activity *a, date_t as_of);

/* A rule of the activity's kind that gives no finding, and why, in one sentence (static). */
struct rule_skipped {
    enum rule rule;
    const char *why;
};

/*
 * The rules of a's kind that rules_check leaves out with parameters p, into out[0..max), in
 * SPEC order; returns how many. local: whether a local Compact was chosen (the sentence about a
 * tender period says whose minimum is missing).
 */
size_t rules_skipped(const struct activity *a, const struct params *p, int local,
                     struct rule_skipped *out, size_t max);

/* The facts of the activities, as data, for decoders of JSON and of forms. */
enum fact_type { FACT_TYPE_DATE, FACT_TYPE_BOOL, FACT_TYPE_TEXT };

struct fact_def {
    const char *name; /* as in the check contract, e.g. "notice_date" */
    enum fact_type type;
    unsigned kinds; /* bits 1u << enum activity_kind it belongs to */
    size_t offset;  /* of its struct fact_date, fact_bool or fact_text in struct activity */
};

/* Every fact, in the order of SPEC section 5. */
const struct fact_def *activity_facts(size_t *n);
/* The fact named name of kind k, or NULL. */
const struct fact_def *activity_fact(enum activity_kind k, const char *name);

/* A finding as stored with a recorded activity (strings borrowed from whoever filled it). */
struct finding_record {
    long long activity_id;
    const char *org_id; /* or NULL */
    const char *kind;
    const char *recorded_at;
    const char *rule;
    const char *verdict;
    const char *explanation;
    const char *due_date; /* when a pending step falls due, or NULL */
    const char *org_name; /* the register's name of org_id, or NULL when it has none */
};

#endif
