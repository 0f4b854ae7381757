/* The compliance rules of SPEC section 5, one function per rule, dispatched from tables. */
#include "rules.h"

#include <stddef.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/banned.h"

/* ---- names ---- */

static const char *const kind_ids[ACTIVITY_KIND_COUNT] = {
    [ACTIVITY_FUNDING_CHANGE] = "funding_change",
    [ACTIVITY_CONSULTATION] = "consultation",
    [ACTIVITY_FUNDING_AWARD] = "funding_award",
    [ACTIVITY_PROCUREMENT] = "procurement",
};

static const char *const change_ids[] = {
    [CHANGE_UNSET] = "",
    [CHANGE_END] = "end",
    [CHANGE_REDUCE] = "reduce",
};

/* Each parameter: its name, national default, what a person reads, and which way is weaker. */
static const struct {
    const char *id;
    int has_default;
    int national_default;
    const char *label, *unit, *measure;
    int more_is_weaker; /* a larger value asks less of public bodies (time to feedback) */
    int floor;          /* the national default is a minimum no Compact may go below */
} param_info[PARAM_COUNT] = {
    [PARAM_CONSULTATION_WEEKS] = {"consultation_weeks", 1, 12,
                                  "Length of a formal written consultation", "weeks",
                                  "of consultation", 0, 0},
    [PARAM_FEEDBACK_WEEKS] = {"feedback_weeks", 1, 12, "Time from closing to published feedback",
                              "weeks", "to publish feedback", 1, 0},
    [PARAM_NOTICE_MONTHS] = {"notice_months", 1, 3, "Notice before funding ends or is reduced",
                             "months", "of notice", 0, 1},
    [PARAM_MIN_FUNDING_MONTHS] = {"min_funding_months", 1, 36,
                                  "Length of funding that counts as multi-year", "months",
                                  "of funding to count as multi-year", 0, 0},
    [PARAM_MIN_TENDER_DAYS] = {"min_tender_days", 0, 0,
                               "Minimum days from tender to submission deadline", "days", "to bid",
                               0, 0},
};

static const struct {
    const char *id, *phrase;
} sources[SOURCE_COUNT] = {
    [SOURCE_NONE] = {"none", "no value"},
    [SOURCE_DEFAULT] = {"default", "national default"},
    [SOURCE_COMPACT] = {"compact", "the Compact's local parameter"},
    [SOURCE_REQUEST] = {"request", "set for this check"},
};

static const char *const verdict_ids[VERDICT_COUNT] = {
    [VERDICT_MET] = "met",         [VERDICT_JUSTIFIED] = "justified", [VERDICT_PENDING] = "pending",
    [VERDICT_UNKNOWN] = "unknown", [VERDICT_BREACH] = "breach",
};

const char *activity_kind_id(enum activity_kind k)
{
    return (unsigned)k < ACTIVITY_KIND_COUNT ? kind_ids[k] : "";
}

int activity_kind_parse(const char *s, enum activity_kind *out)
{
    for (int i = 0; i < ACTIVITY_KIND_COUNT; i++) {
        if (!strcmp(s, kind_ids[i])) {
            *out = (enum activity_kind)i;
            return 0;
        }
    }
    *out = ACTIVITY_FUNDING_CHANGE;
    return ERR_INVALID;
}

const char *funding_change_id(enum funding_change c)
{
    return (unsigned)c <= CHANGE_REDUCE ? change_ids[c] : "";
}

int funding_change_parse(const char *s, enum funding_change *out)
{
    for (int i = CHANGE_END; i <= CHANGE_REDUCE; i++) {
        if (!strcmp(s, change_ids[i])) {
            *out = (enum funding_change)i;
            return 0;
        }
    }
    *out = CHANGE_UNSET;
    return ERR_INVALID;
}

const char *param_id(enum param p)
{
    return (unsigned)p < PARAM_COUNT ? param_info[p].id : "";
}

int param_parse(const char *s, enum param *out)
{
    for (int i = 0; i < PARAM_COUNT; i++) {
        if (!strcmp(s, param_info[i].id)) {
            *out = (enum param)i;
            return 0;
        }
    }
    *out = PARAM_CONSULTATION_WEEKS;
    return ERR_INVALID;
}

int param_default(enum param p, int *out)
{
    if ((unsigned)p >= PARAM_COUNT || !param_info[p].has_default) {
        *out = 0;
        return 0;
    }
    *out = param_info[p].national_default;
    return 1;
}

const char *param_label(enum param p)
{
    return (unsigned)p < PARAM_COUNT ? param_info[p].label : "";
}

const char *param_unit(enum param p)
{
    return (unsigned)p < PARAM_COUNT ? param_info[p].unit : "";
}

const char *param_measure(enum param p)
{
    return (unsigned)p < PARAM_COUNT ? param_info[p].measure : "";
}

int param_floor(enum param p, int *out)
{
    if ((unsigned)p >= PARAM_COUNT || !param_info[p].floor) {
        *out = 0;
        return 0;
    }
    *out = param_info[p].national_default;
    return 1;
}

int param_weaker(enum param p, int value)
{
    int national;

    if (!param_default(p, &national) || value == national) {
        return 0;
    }
    return (value > national) == (param_info[p].more_is_weaker != 0);
}

const char *param_source_id(enum param_source s)
{
    return (unsigned)s < SOURCE_COUNT ? sources[s].id : "";
}

const char *param_source_phrase(enum param_source s)
{
    return (unsigned)s < SOURCE_COUNT ? sources[s].phrase : "";
}

/* Whether a Compact's value lies below the national minimum (stored before it was refused). */
static int below_floor(enum param p, int value)
{
    int floor;
    return param_floor(p, &floor) && value < floor;
}

void params_resolve(const struct param_set *request, const struct param_set *compact,
                    struct params *out)
{
    for (int i = 0; i < PARAM_COUNT; i++) {
        if (request && request->set[i]) {
            out->value[i] = request->value[i];
            out->source[i] = SOURCE_REQUEST;
        } else if (compact && compact->set[i] && !below_floor((enum param)i, compact->value[i])) {
            out->value[i] = compact->value[i];
            out->source[i] = SOURCE_COMPACT;
        } else if (param_default((enum param)i, &out->value[i])) {
            out->source[i] = SOURCE_DEFAULT;
        } else {
            out->source[i] = SOURCE_NONE;
        }
    }
}

const char *verdict_id(enum verdict v)
{
    return (unsigned)v < VERDICT_COUNT ? verdict_ids[v] : "";
}

int verdict_parse(const char *s, enum verdict *out)
{
    for (int i = 0; i < VERDICT_COUNT; i++) {
        if (!strcmp(s, verdict_ids[i])) {
            *out = (enum verdict)i;
            return 0;
        }
    }
    *out = VERDICT_UNKNOWN;
    return ERR_INVALID;
}

/* ---- writing sentences ---- */

/* A fixed array being written; the first overflow sticks (like struct buf, without growing). */
struct text {
    char *p;
    size_t size;
    size_t len;
    int over;
};

static void text_start(struct text *t, char *p, size_t size)
{
    t->p = p;
    t->size = size;
    t->len = 0;
    t->over = 0;
    p[0] = '\0';
}

__attribute__((format(__printf__, 2, 3))) static void text_addf(struct text *t, const char *fmt,
                                                                ...)
{
    va_list ap;
    int r;
    if (t->over) {
        return;
    }
    va_start(ap, fmt);
    r = vsnprintf(t->p + t->len, t->size - t->len, fmt, ap);
    va_end(ap);
    if (r < 0 || (size_t)r >= t->size - t->len) {
        t->over = 1;
        t->p[t->len] = '\0';
        return;
    }
    t->len += (size_t)r;
}

/* Drop the full stop that ends what t holds, so that a clause can follow it. */
static void text_unend(struct text *t)
{
    if (!t->over && t->len && t->p[t->len - 1] == '.') {
        t->p[--t->len] = '\0';
    }
}

/* "s" after a count other than one. */
static const char *plural(long n)
{
    return n == 1 ? "" : "s";
}

/* "3 months' notice", "1 month's notice". */
static const char *possessive(long n)
{
    return n == 1 ? "'s" : "s'";
}

/* ---- facts ---- */

static int known(const struct fact_date *f)
{
    return f->state == FACT_SET;
}

/* 1 yes, 0 no (null means no), -1 not known. */
static int truth(const struct fact_bool *f)
{
    switch (f->state) {
    case FACT_SET:
        return f->value != 0;
    case FACT_NULL:
        return 0;
    default:
        return -1;
    }
}

/* Whether a reason was recorded: set, and more than spaces. */
static int has_reason(const struct fact_text *t)
{
    if (t->state != FACT_SET || !t->value) {
        return 0;
    }
    for (const char *s = t->value; *s; s++) {
        if (!isspace((unsigned char)*s)) {
            return 1;
        }
    }
    return 0;
}

/* "a" or "no", for "... and a reason for that is recorded". */
static const char *a_or_no(int reason)
{
    return reason ? "a" : "no";
}

/* The verdict for a departure: justified with a reason, else breach. */
static enum verdict departure(int reason)
{
    return reason ? VERDICT_JUSTIFIED : VERDICT_BREACH;
}

/* ---- the rules ---- */

struct check {
    const struct activity *a;
    const struct params *p;
    date_t as_of; /* today, for the check: nothing is asked of a day before it */
    enum rules_dates dates;
    int planned; /* rules_planned is 1: the explanations speak of what is to be done */
};

/* A date as text, by value so that several fit in one call (C11 temporary lifetime). */
struct day {
    char s[DATE_LONG_MAX + 1];
};

/* d as the check writes dates: "2012-02-01" or "1 February 2012". */
static struct day day(const struct check *c, date_t d)
{
    struct day out;
    if (c->dates == RULES_DATES_LONG) {
        date_format_long(d, out.s);
    } else {
        date_format(d, out.s);
    }
    return out;
}

/* Fill f->verdict, its computed fields, and write the explanation and the remedy (the remedy is
 * dropped afterwards for met and justified, so a rule may always write it). */
typedef void rule_fn(const struct check *c, struct finding *f, struct text *why, struct text *fix);

static int value(const struct check *c, enum param p)
{
    return c->p->value[p];
}

static const char *source(const struct check *c, enum param p)
{
    return param_source_phrase(c->p->source[p]);
}

/*
 * The latest day written notice may be given for funding to end on end_day: the largest N with
 * add_months(N, months) <= end_day. Going back months from end_day can land early at a month's end
 * (2013-02-28 - 3 months = 2012-11-28, yet 2012-11-30 + 3 months is also 2013-02-28), so step
 * forward while the next day still fits; add_months never decreases, and this takes at most three
 * steps.
 */
static date_t latest_notice(date_t end_day, int months)
{
    date_t n = date_add_months(end_day, -months);
    while (date_add_months(n + 1, months) <= end_day) {
        n++;
    }
    return n;
}

/*
 * What would keep funding.notice, never asking for notice on a day before today (c->as_of):
 * by the latest day while it is still ahead; after it, written notice now and an end date
 * notice_months from today; once the change has taken effect, notice before the next one.
 * SPEC: the notice is a minimum no reason excuses, so no remedy offers a reason instead.
 */
static void notice_remedy(const struct check *c, const struct finding *f, struct text *fix)
{
    const struct activity *a = c->a;
    int m = value(c, PARAM_NOTICE_MONTHS);
    int ends = a->change == CHANGE_END;
    const char *noun = ends ? "end date" : "date of the reduction";
    int writing = truth(&a->notice_in_writing);
    int have_notice = known(&a->notice_date);
    int have_end = known(&a->effective_date);
    date_t today = c->as_of, notice = a->notice_date.value, end_day = a->effective_date.value;
    const char *confirm = have_notice && notice > today
                              ? "Make sure the notice is given in writing"
                              : "Confirm that the notice was given in writing";
    int given = have_notice && writing != 0; /* notice of a known day, perhaps in writing */

    if (!have_end) {
        if (given) {
            text_addf(fix, "Set the %s to %s or later%s", noun, day(c, f->earliest_end_date).s,
                      writing < 0 ? ", and make sure the notice is in writing." : ".");
        } else {
            text_addf(fix, "Give written notice at least %d month%s before funding %s.", m,
                      plural(m), ends ? "ends" : "is reduced");
        }
        return;
    }
    if (end_day < today) { /* it has taken effect */
        if (given && !f->shortfall_days) {
            text_addf(fix, "%s.", confirm);
        } else if (a->notice_date.state == FACT_ABSENT && writing != 0) {
            text_addf(fix,
                      "If written notice was given by %s, record when; if not, it came too late "
                      "for funding that %s on %s: give at least %d month%s written notice before "
                      "any further change.",
                      day(c, f->latest_notice_date).s, ends ? "ended" : "was reduced",
                      day(c, end_day).s, m, possessive(m));
        } else {
            text_addf(fix,
                      "Funding %s on %s, so it is too late to give %d month%s notice for this "
                      "change: give at least %d month%s written notice before any further change.",
                      ends ? "ended" : "was reduced", day(c, end_day).s, m, possessive(m), m,
                      possessive(m));
        }
        return;
    }
    if (f->latest_notice_date >= today) { /* written notice can still be given in time */
        if (given && f->shortfall_days) {
            text_addf(fix, "Give written notice by %s, or move the %s to %s or later.",
                      day(c, f->latest_notice_date).s, noun, day(c, f->earliest_end_date).s);
        } else if (given) {
            text_addf(fix, "%s, or give written notice by %s.", confirm,
                      day(c, f->latest_notice_date).s);
        } else {
            text_addf(fix,
                      "Give written notice by %s, or move the %s to at least %d month%s after "
                      "written notice is given.",
                      day(c, f->latest_notice_date).s, noun, m, plural(m));
        }
        return;
    }
    if (given && f->shortfall_days && notice <= today) { /* notice given, too late for the day */
        text_addf(fix,
                  "It is too late to give %d month%s notice before %s: move the %s to %s or later.",
                  m, possessive(m), day(c, end_day).s, noun, day(c, f->earliest_end_date).s);
        return;
    }
    if (given && !f->shortfall_days) {
        text_addf(fix, "%s; if it was not, it is too late to give ", confirm);
    } else if (a->notice_date.state == FACT_ABSENT && writing != 0) {
        text_addf(fix,
                  "If written notice was given by %s, record when; if not, it is too late to "
                  "give ",
                  day(c, f->latest_notice_date).s);
    } else {
        text_addf(fix, "It is too late to give ");
    }
    text_addf(
        fix, "%d month%s notice before %s: give written notice now and move the %s to %s or later.",
        m, possessive(m), day(c, end_day).s, noun, day(c, date_add_months(today, m)).s);
}

static void rule_notice(const struct check *c, struct finding *f, struct text *why,
                        struct text *fix)
{
    const struct activity *a = c->a;
    int m = value(c, PARAM_NOTICE_MONTHS);
    const char *src = source(c, PARAM_NOTICE_MONTHS);
    int ends = a->change == CHANGE_END;
    const char *noun = ends ? "end date" : "date of the reduction";
    int writing = truth(&a->notice_in_writing);
    int have_notice = known(&a->notice_date);
    int have_end = known(&a->effective_date);
    date_t notice = a->notice_date.value, end_day = a->effective_date.value;
    date_t earliest = 0, latest = 0;
    int shortfall = 0;

    if (have_notice) {
        earliest = date_add_months(notice, m);
        f->earliest_end_date = earliest;
        f->fields |= FINDING_EARLIEST_END_DATE;
    }
    if (have_end) {
        latest = latest_notice(end_day, m);
        f->latest_notice_date = latest;
        f->fields |= FINDING_LATEST_NOTICE_DATE;
    }
    if (have_notice && have_end && end_day < earliest) {
        shortfall = earliest - end_day;
        f->shortfall_days = shortfall;
        f->fields |= FINDING_SHORTFALL_DAYS;
    }

    if (a->notice_date.state == FACT_NULL || writing == 0 || shortfall > 0) {
        f->verdict = VERDICT_BREACH;
    } else if (have_notice && have_end && writing == 1) {
        f->verdict = VERDICT_MET;
    } else {
        f->verdict = VERDICT_UNKNOWN;
    }

    if (have_notice) {
        text_addf(why,
                  "Notice %s %s%s; %d month%s notice (%s) allows funding %s no earlier than %s; ",
                  notice > c->as_of ? "to be given" : "given", day(c, notice).s,
                  writing == 0 ? ", not in writing" : "", m, possessive(m), src,
                  ends ? "to end" : "to be reduced", day(c, earliest).s);
        if (!have_end) {
            text_addf(why, "the %s is not recorded.", noun);
        } else {
            text_addf(why, ends ? "it ends %s" : "it is reduced from %s", day(c, end_day).s);
            if (shortfall > 0) {
                text_addf(why, ", %d day%s short.", shortfall, plural(shortfall));
            } else if (writing < 0) {
                text_addf(why, ", but whether the notice was in writing is not recorded.");
            } else {
                text_addf(why, ".");
            }
        }
    } else {
        if (a->notice_date.state == FACT_NULL) {
            text_addf(why, "No notice has been given; ");
        } else if (writing == 0) {
            text_addf(why, "Notice was not given in writing, and its date is not recorded; ");
        } else {
            text_addf(why, "The notice date is not recorded; ");
        }
        text_addf(why, "%d month%s notice (%s) ", m, possessive(m), src);
        if (have_end) {
            text_addf(why, "means written notice by %s for funding that %s %s.", day(c, latest).s,
                      ends ? "ends" : "is reduced from", day(c, end_day).s);
        } else {
            text_addf(why, "is needed before funding %s, and the %s is not recorded.",
                      ends ? "ends" : "is reduced", noun);
        }
    }

    notice_remedy(c, f, fix);
}

static void rule_reasons(const struct check *c, struct finding *f, struct text *why,
                         struct text *fix)
{
    int planned = c->planned;

    switch (truth(&c->a->reasons_given)) {
    case 1:
        f->verdict = VERDICT_MET;
        text_addf(why, "Reasons for the decision %s given.", planned ? "are to be" : "were");
        break;
    case 0:
        f->verdict = VERDICT_BREACH;
        text_addf(why, "No reasons for the decision %s given.", planned ? "are to be" : "were");
        break;
    default:
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why, "Whether reasons for the decision %s given is not recorded.",
                  planned ? "are to be" : "were");
        break;
    }
    text_addf(fix, "Give the organisation a clear rationale for the decision.");
}

/* A step the body must take on or before the decision: assessments, inviting a response. */
struct step {
    const char *done;        /* followed by " on <date>" */
    const char *to_be_done;  /* the same for a day after today */
    const char *not_done;    /* a clause */
    const char *not_planned; /* the same before a decision still to be made */
    const char *what;        /* after "The date of " */
    const char *todo;        /* the remedy, followed by " on or before the decision" */
    const char *late_what;   /* after the decision: "It is too late to <late_what> before it: */
    const char *late_now;    /* <late_now>." */
    const char *review;      /* "Review the decision of <date> in the light of " */
};

static const struct step impact_step = {
    "The impact assessment was made",
    "The impact assessment is planned for",
    "No impact assessment was made",
    "No impact assessment is planned",
    "the impact assessment",
    "Assess the impact on beneficiaries, service users and volunteers",
    "assess the impact",
    "assess the impact on beneficiaries, service users and volunteers now, and review the "
    "decision in its light",
    "the impact assessment",
};

static const struct step response_step = {
    "The organisation was invited to respond",
    "The organisation is to be invited to respond",
    "The organisation was not invited to respond",
    "No invitation to respond is planned",
    "the invitation to respond",
    "Invite the organisation to respond, and consider its response,",
    "invite a response",
    "invite the organisation to respond now, and review the decision in the light of its "
    "response",
    "the organisation's response",
};

static const struct step equality_step = {
    "The equality impact assessment was made",
    "The equality impact assessment is planned for",
    "No equality impact assessment was made",
    "No equality impact assessment is planned",
    "the equality impact assessment",
    "Assess the equality impact",
    "assess the equality impact",
    "assess it now, and review the decision in its light",
    "the equality impact assessment",
};

static void rule_step(const struct check *c, const struct step *s, const struct fact_date *taken,
                      struct finding *f, struct text *why, struct text *fix)
{
    const struct fact_date *decision = &c->a->decision_date;
    struct day dd = day(c, known(decision) ? decision->value : 0); /* read only when known */
    int decided = known(decision) && decision->value <= c->as_of;
    const char *done = known(taken) && taken->value > c->as_of ? s->to_be_done : s->done;

    if (taken->state == FACT_NULL) {
        f->verdict = VERDICT_BREACH;
        if (known(decision)) {
            text_addf(why, "%s before the decision of %s.", decided ? s->not_done : s->not_planned,
                      dd.s);
        } else {
            text_addf(why, "%s.", s->not_done);
        }
    } else if (known(taken) && known(decision)) {
        int late = taken->value - decision->value;
        if (late <= 0) {
            f->verdict = VERDICT_MET;
            text_addf(why, "%s on %s, on or before the decision of %s.", done,
                      day(c, taken->value).s, dd.s);
        } else {
            f->verdict = VERDICT_BREACH;
            text_addf(why, "%s on %s, %d day%s after the decision of %s.", done,
                      day(c, taken->value).s, late, plural(late), dd.s);
        }
    } else if (known(taken)) {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why, "%s on %s, but the date of the decision is not recorded.", done,
                  day(c, taken->value).s);
    } else {
        f->verdict = VERDICT_UNKNOWN;
        if (known(decision)) {
            text_addf(why,
                      "The date of %s is not recorded, so it cannot be compared with the "
                      "decision of %s.",
                      s->what, dd.s);
        } else {
            text_addf(why, "The date of %s is not recorded, nor is the date of the decision.",
                      s->what);
        }
    }

    /* Nothing is asked of a day before today: after the decision, what can still be done. */
    if (known(taken) && !known(decision)) {
        text_addf(fix, "Make the decision no earlier than %s.", day(c, taken->value).s);
    } else if (decision->value < c->as_of && known(decision)) {
        if (known(taken) && taken->value <= c->as_of) {
            text_addf(fix, "Review the decision of %s in the light of %s.", dd.s, s->review);
        } else {
            text_addf(fix, "It is too late to %s before the decision of %s: %s.", s->late_what,
                      dd.s, s->late_now);
        }
    } else if (known(decision)) {
        text_addf(fix, "%s on or before the decision of %s.", s->todo, dd.s);
    } else {
        text_addf(fix, "%s on or before the decision.", s->todo);
    }
}

static void rule_impact(const struct check *c, struct finding *f, struct text *why,
                        struct text *fix)
{
    rule_step(c, &impact_step, &c->a->impact_assessment_date, f, why, fix);
}

static void rule_response(const struct check *c, struct finding *f, struct text *why,
                          struct text *fix)
{
    rule_step(c, &response_step, &c->a->response_invited_date, f, why, fix);
}

/* Runs only when affects_equality_groups is true or absent (see rule_applies). */
static void rule_equality(const struct check *c, struct finding *f, struct text *why,
                          struct text *fix)
{
    const struct fact_date *decision = &c->a->decision_date;
    if (truth(&c->a->affects_equality_groups) == 1) {
        rule_step(c, &equality_step, &c->a->equality_assessment_date, f, why, fix);
        return;
    }
    f->verdict = VERDICT_UNKNOWN;
    text_addf(why, "Whether the change affects equality groups is not recorded.");
    if (known(decision) && decision->value < c->as_of) {
        text_addf(fix,
                  "If equality groups are affected, assess the equality impact now, and review "
                  "the decision of %s in its light.",
                  day(c, decision->value).s);
    } else if (known(decision)) {
        text_addf(fix,
                  "If equality groups are affected, assess the equality impact on or before the "
                  "decision of %s.",
                  day(c, decision->value).s);
    } else {
        text_addf(fix, "If equality groups are affected, assess the equality impact on or before "
                       "the decision.");
    }
}

/* A period that may be too short (a consultation, an award, the time to bid), for its remedy. */
struct period {
    const char *ended;   /* followed by its last day: "The award ended on" */
    const char *longer;  /* "lengthen it" */
    const char *move;    /* followed by " to <day> or later": "Set the end date" */
    const char *shorter; /* "a shorter award" */
};

static const struct period consultation_period = {"The consultation closed on", "lengthen it",
                                                  "Move the closing date", "a shorter period"};
static const struct period award_period = {"The award ended on", "lengthen it", "Set the end date",
                                           "a shorter award"};
static const struct period tender_period = {"The deadline for bids was", "give more time to bid",
                                            "Set the submission deadline", "a shorter period"};

/*
 * The remedy for a period shorter than the Compact asks, without its full stop: while its last
 * day is not past, move that day to `to` or later; once it is past, too late, so record why.
 * Returns 1 when it is too late.
 */
static int period_remedy(const struct check *c, struct text *fix, const struct period *p,
                         const struct fact_date *last, date_t to)
{
    if (known(last) && last->value < c->as_of) {
        text_addf(fix, "%s %s, so it is too late to %s: record why %s was appropriate", p->ended,
                  day(c, last->value).s, p->longer, p->shorter);
        return 1;
    }
    text_addf(fix, "%s to %s or later, or record why %s is appropriate", p->move, day(c, to).s,
              p->shorter);
    return 0;
}

static void rule_consultation_length(const struct check *c, struct finding *f, struct text *why,
                                     struct text *fix)
{
    const struct activity *a = c->a;
    int formal = truth(&a->formal);
    int reason = has_reason(&a->reason);
    int w = value(c, PARAM_CONSULTATION_WEEKS);
    const char *src = source(c, PARAM_CONSULTATION_WEEKS);
    const char *subject = formal < 0 ? "The consultation (taken as formal)"
                                     : "The formal "
                                       "consultation";
    date_t earliest = 0;

    if (formal == 0) {
        f->param = -1; /* the length does not matter */
        f->verdict = departure(reason);
        text_addf(why, "The consultation was informal, and %s reason for that is recorded.",
                  a_or_no(reason));
        if (known(&a->closes) && a->closes.value < c->as_of) {
            text_addf(fix,
                      "The consultation closed on %s: record why an informal approach was "
                      "appropriate, or consult formally in writing for %d week%s.",
                      day(c, a->closes.value).s, w, plural(w));
        } else {
            text_addf(fix,
                      "Run a formal written consultation of %d week%s, or record why an informal "
                      "approach is appropriate.",
                      w, plural(w));
        }
        return;
    }
    if (!known(&a->opens)) {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why,
                  "The opening date of the consultation is not recorded, so the earliest closing "
                  "date under %d week%s (%s) cannot be worked out.",
                  w, plural(w), src);
        text_addf(fix, "Keep the consultation open for at least %d week%s.", w, plural(w));
        return;
    }
    earliest = date_add_weeks(a->opens.value, w);
    f->earliest_close_date = earliest;
    f->fields |= FINDING_EARLIEST_CLOSE_DATE;
    if (!known(&a->closes)) {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why,
                  "%s opens %s; %d week%s (%s) means closing no earlier than %s, but the closing "
                  "date is not recorded.",
                  subject, day(c, a->opens.value).s, w, plural(w), src, day(c, earliest).s);
        text_addf(fix, "Close the consultation no earlier than %s.", day(c, earliest).s);
        return;
    }
    text_addf(why, "%s %s from %s to %s; %d week%s (%s) means closing no earlier than %s", subject,
              a->closes.value < c->as_of ? "ran" : "runs", day(c, a->opens.value).s,
              day(c, a->closes.value).s, w, plural(w), src, day(c, earliest).s);
    if (a->closes.value >= earliest) {
        f->verdict = VERDICT_MET;
        text_addf(why, ".");
    } else {
        int shortfall = earliest - a->closes.value;
        f->verdict = departure(reason);
        text_addf(why, "; it is %d day%s short, and %s reason for the shorter period is recorded.",
                  shortfall, plural(shortfall), a_or_no(reason));
    }
    if (period_remedy(c, fix, &consultation_period, &a->closes, earliest)) {
        text_addf(fix, ", or consult again for %d week%s", w, plural(w));
    }
    text_addf(fix, ".");
}

static void rule_consultation_feedback(const struct check *c, struct finding *f, struct text *why,
                                       struct text *fix)
{
    const struct activity *a = c->a;
    const struct fact_date *fb = &a->feedback_date;
    int w = value(c, PARAM_FEEDBACK_WEEKS);
    const char *src = source(c, PARAM_FEEDBACK_WEEKS);
    date_t due;

    if (!known(&a->closes)) {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why,
                  "The closing date of the consultation is not recorded, so the date feedback is "
                  "due under %d week%s (%s) cannot be worked out.",
                  w, plural(w), src);
        text_addf(fix,
                  "Publish feedback on how consultees' views shaped the outcome within %d week%s "
                  "of the consultation closing.",
                  w, plural(w));
        return;
    }
    due = date_add_weeks(a->closes.value, w);
    f->feedback_due_date = due;
    f->fields |= FINDING_FEEDBACK_DUE_DATE;
    text_addf(why, "The consultation %s %s; %d week%s (%s) means feedback is due by %s; ",
              a->closes.value < c->as_of ? "closed" : "closes", day(c, a->closes.value).s, w,
              plural(w), src, day(c, due).s);
    if (known(fb)) {
        int late = fb->value - due;
        if (late <= 0) {
            f->verdict = VERDICT_MET;
            text_addf(why, "it %s published %s.", fb->value > c->as_of ? "is to be" : "was",
                      day(c, fb->value).s);
        } else {
            f->verdict = VERDICT_BREACH;
            text_addf(why, "it %s published %s, %d day%s late.",
                      fb->value > c->as_of ? "is to be" : "was", day(c, fb->value).s, late,
                      plural(late));
        }
    } else if (fb->state == FACT_NULL) {
        int late = c->as_of - due;
        if (late <= 0) {
            f->verdict = VERDICT_PENDING;
            text_addf(why, "none is published as of %s.", day(c, c->as_of).s);
        } else {
            f->verdict = VERDICT_BREACH;
            text_addf(why, "none is published as of %s, %d day%s overdue.", day(c, c->as_of).s,
                      late, plural(late));
        }
    } else {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why, "whether and when it was published is not recorded.");
    }
    if (due >= c->as_of) {
        text_addf(fix, "Publish feedback on how consultees' views shaped the outcome by %s.",
                  day(c, due).s);
    } else if (known(fb)) {
        text_addf(fix,
                  "Feedback was due by %s, so it is too late to publish it on time: make sure it "
                  "says how consultees' views shaped the outcome.",
                  day(c, due).s);
    } else {
        text_addf(fix,
                  "Feedback was due by %s:%s publish it now, saying how consultees' views shaped "
                  "the outcome.",
                  day(c, due).s, fb->state == FACT_NULL ? "" : " if it was not published,");
    }
}

static void rule_award_duration(const struct check *c, struct finding *f, struct text *why,
                                struct text *fix)
{
    const struct activity *a = c->a;
    int reason = has_reason(&a->duration_reason);
    int m = value(c, PARAM_MIN_FUNDING_MONTHS);
    const char *src = source(c, PARAM_MIN_FUNDING_MONTHS);
    date_t last; /* the earliest end date that makes it multi-year */

    if (!known(&a->start_date)) {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why,
                  "The start date of the award is not recorded, so its length cannot be compared "
                  "with multi-year funding of %d month%s (%s).",
                  m, plural(m), src);
        text_addf(fix,
                  "Fund for at least %d month%s, or record why a shorter award is appropriate.", m,
                  plural(m));
        return;
    }
    /* SPEC: multi-year when end_date + 1 day >= add_months(start_date, months). */
    last = date_add_months(a->start_date.value, m) - 1;
    if (!known(&a->end_date)) {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why,
                  "The award starts %s; multi-year funding of %d month%s (%s) needs an end date "
                  "of %s or later, but the end date is not recorded.",
                  day(c, a->start_date.value).s, m, plural(m), src, day(c, last).s);
    } else {
        text_addf(why,
                  "The award %s from %s to %s; multi-year funding of %d month%s (%s) needs an "
                  "end date of %s or later",
                  a->end_date.value < c->as_of ? "ran" : "runs", day(c, a->start_date.value).s,
                  day(c, a->end_date.value).s, m, plural(m), src, day(c, last).s);
        if (a->end_date.value >= last) {
            f->verdict = VERDICT_MET;
            text_addf(why, ", which it has.");
        } else {
            int shortfall = last - a->end_date.value;
            f->verdict = departure(reason);
            text_addf(why,
                      "; it is %d day%s short, and %s reason for the shorter award is recorded.",
                      shortfall, plural(shortfall), a_or_no(reason));
        }
    }
    period_remedy(c, fix, &award_period, &a->end_date, last);
    text_addf(fix, ".");
}

static void rule_award_payment(const struct check *c, struct finding *f, struct text *why,
                               struct text *fix)
{
    const struct activity *a = c->a;
    int reason = has_reason(&a->payment_reason);

    if (a->payment.state != FACT_SET) {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why, "Whether payment is in advance or in arrears is not recorded.");
    } else if (!strcmp(a->payment.value, "advance")) {
        f->verdict = VERDICT_MET;
        text_addf(why, "Payment is in advance of expenditure.");
    } else {
        f->verdict = departure(reason); /* "arrears": inputs_ok refused anything else */
        text_addf(why, "Payment is in arrears, and %s reason for that is recorded.",
                  a_or_no(reason));
    }
    text_addf(fix, "Pay in advance of expenditure, or record why payment in arrears is "
                   "appropriate.");
}

static void rule_award_overheads(const struct check *c, struct finding *f, struct text *why,
                                 struct text *fix)
{
    const struct activity *a = c->a;
    int reason = has_reason(&a->overheads_reason);

    switch (truth(&a->overheads_allowed)) {
    case 1:
        f->verdict = VERDICT_MET;
        text_addf(why, "The award allows overheads in its costs (full cost recovery).");
        break;
    case 0:
        f->verdict = departure(reason);
        text_addf(why,
                  "The award does not allow overheads in its costs, and %s reason for that is "
                  "recorded.",
                  a_or_no(reason));
        break;
    default:
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why, "Whether the award allows overheads in its costs is not recorded.");
        break;
    }
    text_addf(fix, "Allow appropriate overheads in the costs, or record why they are not "
                   "allowed.");
}

/* Runs only when min_tender_days has a source (see rule_applies). */
static void rule_tender_period(const struct check *c, struct finding *f, struct text *why,
                               struct text *fix)
{
    const struct activity *a = c->a;
    int reason = has_reason(&a->reason);
    int m = value(c, PARAM_MIN_TENDER_DAYS);
    const char *src = source(c, PARAM_MIN_TENDER_DAYS);
    date_t deadline;

    if (!known(&a->published)) {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why,
                  "The publication date of the tender is not recorded, so the time to bid cannot "
                  "be compared with the minimum of %d day%s (%s).",
                  m, plural(m), src);
        text_addf(fix, "Allow at least %d day%s from publication to the submission deadline.", m,
                  plural(m));
        return;
    }
    deadline = a->published.value + m;
    if (!known(&a->submission_deadline)) {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why,
                  "The tender is published %s, and the minimum of %d day%s (%s) means a "
                  "submission deadline of %s or later, but the deadline is not recorded.",
                  day(c, a->published.value).s, m, plural(m), src, day(c, deadline).s);
    } else {
        int days = a->submission_deadline.value - a->published.value;
        f->days = days;
        f->fields |= FINDING_DAYS;
        text_addf(why,
                  "The tender, published %s with a submission deadline of %s, allows %d day%s to "
                  "bid; the minimum is %d day%s (%s)",
                  day(c, a->published.value).s, day(c, a->submission_deadline.value).s, days,
                  plural(days), m, plural(m), src);
        if (days >= m) {
            f->verdict = VERDICT_MET;
            text_addf(why, ".");
        } else {
            f->verdict = departure(reason);
            text_addf(why,
                      "; it is %d day%s short, and %s reason for the shorter period is recorded.",
                      m - days, plural(m - days), a_or_no(reason));
        }
    }
    period_remedy(c, fix, &tender_period, &a->submission_deadline, deadline);
    text_addf(fix, ".");
}

static void rule_early_involvement(const struct check *c, struct finding *f, struct text *why,
                                   struct text *fix)
{
    const struct activity *a = c->a;
    const struct fact_date *engaged = &a->vcs_engaged_date;
    int reason = has_reason(&a->reason);
    int future = known(engaged) && engaged->value > c->as_of;

    if (engaged->state == FACT_NULL) {
        f->verdict = departure(reason);
        text_addf(why,
                  "Voluntary and community sector (VCS) organisations %s involved in "
                  "designing the service, and %s reason for that is recorded.",
                  c->planned ? "have not been" : "were not", a_or_no(reason));
    } else if (known(engaged) && known(&a->published)) {
        int late = engaged->value - a->published.value;
        if (late <= 0) {
            f->verdict = VERDICT_MET;
            text_addf(why,
                      "Voluntary and community sector (VCS) organisations %s first involved on "
                      "%s, on or before the tender %s published on %s.",
                      future ? "are to be" : "were", day(c, engaged->value).s,
                      a->published.value > c->as_of ? "is" : "was", day(c, a->published.value).s);
        } else {
            f->verdict = departure(reason);
            text_addf(why,
                      "Voluntary and community sector (VCS) organisations %s first involved on "
                      "%s, %d day%s after the tender %s published on %s, and %s reason for that is "
                      "recorded.",
                      future ? "are to be" : "were", day(c, engaged->value).s, late, plural(late),
                      a->published.value > c->as_of ? "is" : "was", day(c, a->published.value).s,
                      a_or_no(reason));
        }
    } else if (known(engaged)) {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why,
                  "Voluntary and community sector (VCS) organisations %s first involved on %s, "
                  "but the publication date of the tender is not recorded.",
                  future ? "are to be" : "were", day(c, engaged->value).s);
    } else {
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why, "Whether and when voluntary and community sector (VCS) organisations "
                       "were involved is not recorded.");
    }
    if (known(&a->published) && a->published.value < c->as_of) {
        text_addf(fix,
                  "The tender was published on %s, so it is too late to involve VCS "
                  "organisations before it: if they were not involved by then, record why not.",
                  day(c, a->published.value).s);
    } else if (known(&a->published)) {
        text_addf(fix,
                  "Involve VCS organisations in designing the service by the time the tender is "
                  "published (%s), or record why not.",
                  day(c, a->published.value).s);
    } else {
        text_addf(fix, "Involve VCS organisations in designing the service before the tender is "
                       "published, or record why not.");
    }
}

static void rule_social_value(const struct check *c, struct finding *f, struct text *why,
                              struct text *fix)
{
    const struct activity *a = c->a;
    int reason = has_reason(&a->reason);

    switch (truth(&a->social_value_considered)) {
    case 1:
        f->verdict = VERDICT_MET;
        text_addf(why,
                  "Social, economic and environmental value %s weighed, not lowest price alone.",
                  c->planned ? "are to be" : "were");
        break;
    case 0:
        f->verdict = departure(reason);
        text_addf(why, "Social value %s weighed, and %s reason for that is recorded.",
                  c->planned ? "is not to be" : "was not", a_or_no(reason));
        break;
    default:
        f->verdict = VERDICT_UNKNOWN;
        text_addf(why, "Whether social value %s weighed is not recorded.",
                  c->planned ? "is to be" : "was");
        break;
    }
    text_addf(fix, "Weigh social, economic and environmental value, not lowest price alone, or "
                   "record why not.");
}

static const struct {
    const char *id, *label;
    int param; /* enum param, or -1 */
    rule_fn *fn;
} rules[RULE_COUNT] = {
    [RULE_FUNDING_NOTICE] = {"funding.notice", "Notice", PARAM_NOTICE_MONTHS, rule_notice},
    [RULE_FUNDING_REASONS] = {"funding.reasons", "Reasons", -1, rule_reasons},
    [RULE_FUNDING_IMPACT_ASSESSMENT] = {"funding.impact_assessment", "Impact assessment", -1,
                                        rule_impact},
    [RULE_FUNDING_RESPONSE_OPPORTUNITY] = {"funding.response_opportunity", "Chance to respond", -1,
                                           rule_response},
    [RULE_FUNDING_EQUALITY_ASSESSMENT] = {"funding.equality_assessment",
                                          "Equality impact assessment", -1, rule_equality},
    [RULE_CONSULTATION_LENGTH] = {"consultation.length", "Length", PARAM_CONSULTATION_WEEKS,
                                  rule_consultation_length},
    [RULE_CONSULTATION_FEEDBACK] = {"consultation.feedback", "Feedback", PARAM_FEEDBACK_WEEKS,
                                    rule_consultation_feedback},
    [RULE_AWARD_DURATION] = {"award.duration", "Multi-year funding", PARAM_MIN_FUNDING_MONTHS,
                             rule_award_duration},
    [RULE_AWARD_PAYMENT_IN_ADVANCE] = {"award.payment_in_advance", "Payment in advance", -1,
                                       rule_award_payment},
    [RULE_AWARD_FULL_COST_RECOVERY] = {"award.full_cost_recovery", "Full cost recovery", -1,
                                       rule_award_overheads},
    [RULE_PROCUREMENT_TENDER_PERIOD] = {"procurement.tender_period", "Time to bid",
                                        PARAM_MIN_TENDER_DAYS, rule_tender_period},
    [RULE_PROCUREMENT_EARLY_INVOLVEMENT] = {"procurement.early_involvement", "Early involvement",
                                            -1, rule_early_involvement},
    [RULE_PROCUREMENT_SOCIAL_VALUE] = {"procurement.social_value", "Social value", -1,
                                       rule_social_value},
};

#define MAX_KIND_DATES 6

/* Each kind: its rules (a run of enum rule), the parameters they use, the date facts it reads. */
static const struct {
    enum rule first, last;
    unsigned params;
    size_t ndates;
    size_t dates[MAX_KIND_DATES]; /* offsets of struct fact_date in struct activity */
} kinds[ACTIVITY_KIND_COUNT] = {
    [ACTIVITY_FUNDING_CHANGE] = {RULE_FUNDING_NOTICE,
                                 RULE_FUNDING_EQUALITY_ASSESSMENT,
                                 1u << PARAM_NOTICE_MONTHS,
                                 6,
                                 {offsetof(struct activity, decision_date),
                                  offsetof(struct activity, notice_date),
                                  offsetof(struct activity, effective_date),
                                  offsetof(struct activity, impact_assessment_date),
                                  offsetof(struct activity, response_invited_date),
                                  offsetof(struct activity, equality_assessment_date)}},
    [ACTIVITY_CONSULTATION] = {RULE_CONSULTATION_LENGTH,
                               RULE_CONSULTATION_FEEDBACK,
                               1u << PARAM_CONSULTATION_WEEKS | 1u << PARAM_FEEDBACK_WEEKS,
                               3,
                               {offsetof(struct activity, opens), offsetof(struct activity, closes),
                                offsetof(struct activity, feedback_date)}},
    [ACTIVITY_FUNDING_AWARD] = {RULE_AWARD_DURATION,
                                RULE_AWARD_FULL_COST_RECOVERY,
                                1u << PARAM_MIN_FUNDING_MONTHS,
                                2,
                                {offsetof(struct activity, start_date),
                                 offsetof(struct activity, end_date)}},
    [ACTIVITY_PROCUREMENT] = {RULE_PROCUREMENT_TENDER_PERIOD,
                              RULE_PROCUREMENT_SOCIAL_VALUE,
                              1u << PARAM_MIN_TENDER_DAYS,
                              3,
                              {offsetof(struct activity, published),
                               offsetof(struct activity, submission_deadline),
                               offsetof(struct activity, vcs_engaged_date)}},
};

const char *rule_id(enum rule r)
{
    return (unsigned)r < RULE_COUNT ? rules[r].id : "";
}

const char *rule_label(enum rule r)
{
    return (unsigned)r < RULE_COUNT ? rules[r].label : "";
}

int rule_parse(const char *s, enum rule *out)
{
    for (int i = 0; i < RULE_COUNT; i++) {
        if (!strcmp(s, rules[i].id)) {
            *out = (enum rule)i;
            return 0;
        }
    }
    *out = RULE_FUNDING_NOTICE;
    return ERR_INVALID;
}

unsigned activity_kind_params(enum activity_kind k)
{
    return (unsigned)k < ACTIVITY_KIND_COUNT ? kinds[k].params : 0;
}

/* ---- the check ---- */

static int date_in_range(date_t d)
{
    return d >= date_from_ymd(DATE_MIN_YEAR, 1, 1) && d <= date_from_ymd(DATE_MAX_YEAR, 12, 31);
}

/* Refuse what the rules cannot read, before any finding is written. */
static int inputs_ok(const struct activity *a, const struct params *p, date_t as_of)
{
    if ((unsigned)a->kind >= ACTIVITY_KIND_COUNT || !date_in_range(as_of)) {
        return ERR_INVALID;
    }
    if (a->kind == ACTIVITY_FUNDING_CHANGE && a->change != CHANGE_END &&
        a->change != CHANGE_REDUCE) {
        return ERR_INVALID;
    }
    if (a->kind == ACTIVITY_FUNDING_AWARD && a->payment.state == FACT_SET &&
        (!a->payment.value ||
         (strcmp(a->payment.value, "advance") && strcmp(a->payment.value, "arrears")))) {
        return ERR_INVALID;
    }
    for (int i = 0; i < PARAM_COUNT; i++) {
        if ((unsigned)p->source[i] >= SOURCE_COUNT) {
            return ERR_INVALID;
        }
        if (p->source[i] != SOURCE_NONE && (p->value[i] < 0 || p->value[i] > PARAM_VALUE_MAX)) {
            return ERR_INVALID;
        }
    }
    for (size_t i = 0; i < kinds[a->kind].ndates; i++) {
        const struct fact_date *f =
            (const struct fact_date *)(const void *)((const char *)a + kinds[a->kind].dates[i]);
        if ((unsigned)f->state > FACT_SET || (f->state == FACT_SET && !date_in_range(f->value))) {
            return ERR_INVALID;
        }
    }
    return 0;
}

static int rule_applies(const struct check *c, enum rule r)
{
    switch (r) {
    case RULE_FUNDING_EQUALITY_ASSESSMENT:
        return truth(&c->a->affects_equality_groups) != 0;
    case RULE_PROCUREMENT_TENDER_PERIOD:
        return c->p->source[PARAM_MIN_TENDER_DAYS] != SOURCE_NONE;
    default:
        return 1;
    }
}

/*
 * Whatever the rule, a finding that uses a Compact's value weaker than the national default says
 * so at the end of its sentence: "...; the local Compact sets 8 weeks, less than the national
 * Compact's 12." A value set for the check alone is a trial and says nothing more.
 */
static void say_if_weaker(const struct check *c, enum param p, struct text *why)
{
    int v = c->p->value[p], national;
    const char *unit = param_unit(p);

    if (c->p->source[p] != SOURCE_COMPACT || !param_weaker(p, v) || !param_default(p, &national)) {
        return;
    }
    text_unend(why);
    text_addf(why, "; the local Compact sets %d %.*s, %s than the national Compact's %d.", v,
              (int)strlen(unit) - (v == 1), unit, v < national ? "less" : "more", national);
}

static int run_rule(const struct check *c, enum rule r, struct finding *f)
{
    struct text why, fix;
    memset(f, 0, sizeof(*f));
    f->rule = rules[r].id;
    f->param = rules[r].param;
    text_start(&why, f->explanation, sizeof(f->explanation));
    text_start(&fix, f->remedy, sizeof(f->remedy));
    rules[r].fn(c, f, &why, &fix);
    if (f->param >= 0 && f->param < PARAM_COUNT) {
        say_if_weaker(c, (enum param)f->param, &why);
    }
    if (why.over || fix.over) {
        return ERR_TOO_BIG;
    }
    if (f->verdict == VERDICT_MET || f->verdict == VERDICT_JUSTIFIED) {
        f->remedy[0] = '\0';
    }
    return 0;
}

/* Whether every date a finding computed can be written YYYY-MM-DD (years 1000 to 9999). */
static int dates_writable(const struct finding *f)
{
    static const date_t lo = -354285, hi = 2932896; /* 1000-01-01 and 9999-12-31 */
    const date_t dates[] = {f->earliest_end_date, f->latest_notice_date, f->earliest_close_date,
                            f->feedback_due_date};
    const unsigned flags[] = {FINDING_EARLIEST_END_DATE, FINDING_LATEST_NOTICE_DATE,
                              FINDING_EARLIEST_CLOSE_DATE, FINDING_FEEDBACK_DUE_DATE};
    for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
        if ((f->fields & flags[i]) && (dates[i] < lo || dates[i] > hi)) {
            return 0;
        }
    }
    return 1;
}

int rules_check(const struct activity *a, const struct params *p, date_t as_of, struct finding *out,
                size_t max, size_t *n, enum verdict *overall)
{
    return rules_check_dated(a, p, as_of, RULES_DATES_ISO, out, max, n, overall);
}

int rules_check_dated(const struct activity *a, const struct params *p, date_t as_of,
                      enum rules_dates dates, struct finding *out, size_t max, size_t *n,
                      enum verdict *overall)
{
    struct check c = {a, p, as_of, dates, rules_planned(a, as_of) == 1};
    enum verdict worst = VERDICT_MET;
    size_t count = 0;
    int ret;

    *n = 0;
    *overall = VERDICT_UNKNOWN;
    ret = inputs_ok(a, p, as_of);
    if (ret) {
        goto cleanup;
    }
    for (enum rule r = kinds[a->kind].first; r <= kinds[a->kind].last; r++) {
        if (!rule_applies(&c, r)) {
            continue;
        }
        if (count == max) {
            ret = ERR_TOO_BIG;
            goto cleanup;
        }
        ret = run_rule(&c, r, &out[count]);
        if (ret) {
            goto cleanup;
        }
        if (!dates_writable(&out[count])) {
            ret = ERR_INVALID; /* e.g. 3660 months after 9999-12-31 */
            goto cleanup;
        }
        if (out[count].verdict > worst) {
            worst = out[count].verdict;
        }
        count++;
    }
    *n = count;
    *overall = worst;
    ret = 0;
cleanup:
    return ret;
}

int rules_planned(const struct activity *a, date_t as_of)
{
    const struct fact_date *day = NULL;

    switch (a->kind) {
    case ACTIVITY_FUNDING_CHANGE:
        day = known(&a->decision_date) ? &a->decision_date : &a->effective_date;
        break;
    case ACTIVITY_CONSULTATION:
        day = &a->opens;
        break;
    case ACTIVITY_FUNDING_AWARD:
        day = &a->start_date;
        break;
    case ACTIVITY_PROCUREMENT:
        day = &a->published;
        break;
    default:
        return -1;
    }
    return known(day) ? day->value > as_of : -1;
}

size_t rules_skipped(const struct activity *a, const struct params *p, int local,
                     struct rule_skipped *out, size_t max)
{
    struct check c = {a, p, 0, RULES_DATES_ISO, 0};
    size_t n = 0;

    if ((unsigned)a->kind >= ACTIVITY_KIND_COUNT) {
        return 0;
    }
    for (enum rule r = kinds[a->kind].first; r <= kinds[a->kind].last && n < max; r++) {
        if (rule_applies(&c, r)) {
            continue;
        }
        out[n].rule = r;
        if (r == RULE_PROCUREMENT_TENDER_PERIOD) {
            out[n].why = local ? "The local Compact sets no minimum tender period, nor does the "
                                 "national Compact, so the time to bid is not checked."
                               : "No local Compact was chosen, and the national Compact sets no "
                                 "minimum tender period, so the time to bid is not checked.";
        } else {
            out[n].why = "The change does not affect equality groups, so no equality impact "
                         "assessment is needed.";
        }
        n++;
    }
    return n;
}

#define K(kind) (1u << (kind))
#define FC      K(ACTIVITY_FUNDING_CHANGE)
#define CO      K(ACTIVITY_CONSULTATION)
#define FA      K(ACTIVITY_FUNDING_AWARD)
#define PR      K(ACTIVITY_PROCUREMENT)

/* Every fact of every kind: its name, type, the kinds it belongs to, where it goes. */
static const struct fact_def facts[] = {
    {"decision_date", FACT_TYPE_DATE, FC, offsetof(struct activity, decision_date)},
    {"notice_date", FACT_TYPE_DATE, FC, offsetof(struct activity, notice_date)},
    {"notice_in_writing", FACT_TYPE_BOOL, FC, offsetof(struct activity, notice_in_writing)},
    {"effective_date", FACT_TYPE_DATE, FC, offsetof(struct activity, effective_date)},
    {"reasons_given", FACT_TYPE_BOOL, FC, offsetof(struct activity, reasons_given)},
    {"impact_assessment_date", FACT_TYPE_DATE, FC,
     offsetof(struct activity, impact_assessment_date)},
    {"response_invited_date", FACT_TYPE_DATE, FC, offsetof(struct activity, response_invited_date)},
    {"affects_equality_groups", FACT_TYPE_BOOL, FC,
     offsetof(struct activity, affects_equality_groups)},
    {"equality_assessment_date", FACT_TYPE_DATE, FC,
     offsetof(struct activity, equality_assessment_date)},
    {"formal", FACT_TYPE_BOOL, CO, offsetof(struct activity, formal)},
    {"opens", FACT_TYPE_DATE, CO, offsetof(struct activity, opens)},
    {"closes", FACT_TYPE_DATE, CO, offsetof(struct activity, closes)},
    {"reason", FACT_TYPE_TEXT, CO | PR, offsetof(struct activity, reason)},
    {"feedback_date", FACT_TYPE_DATE, CO, offsetof(struct activity, feedback_date)},
    {"start_date", FACT_TYPE_DATE, FA, offsetof(struct activity, start_date)},
    {"end_date", FACT_TYPE_DATE, FA, offsetof(struct activity, end_date)},
    {"duration_reason", FACT_TYPE_TEXT, FA, offsetof(struct activity, duration_reason)},
    {"payment", FACT_TYPE_TEXT, FA, offsetof(struct activity, payment)},
    {"payment_reason", FACT_TYPE_TEXT, FA, offsetof(struct activity, payment_reason)},
    {"overheads_allowed", FACT_TYPE_BOOL, FA, offsetof(struct activity, overheads_allowed)},
    {"overheads_reason", FACT_TYPE_TEXT, FA, offsetof(struct activity, overheads_reason)},
    {"published", FACT_TYPE_DATE, PR, offsetof(struct activity, published)},
    {"submission_deadline", FACT_TYPE_DATE, PR, offsetof(struct activity, submission_deadline)},
    {"vcs_engaged_date", FACT_TYPE_DATE, PR, offsetof(struct activity, vcs_engaged_date)},
    {"social_value_considered", FACT_TYPE_BOOL, PR,
     offsetof(struct activity, social_value_considered)},
};

const struct fact_def *activity_facts(size_t *n)
{
    *n = sizeof(facts) / sizeof(facts[0]);
    return facts;
}

const struct fact_def *activity_fact(enum activity_kind k, const char *name)
{
    for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]); i++) {
        if (!strcmp(name, facts[i].name) && (facts[i].kinds & (1u << k))) {
            return &facts[i];
        }
    }
    return NULL;
}
