/*
 * A recorded activity as people keep it (SPEC section 5, issue 13): besides the facts its check
 * reads, a title, the organisation affected, the amount where there is one and the date of the
 * decision; and, once withdrawn, who withdrew it, when and why. Pure: the rules for these
 * values, and the structs the store fills.
 */
#ifndef CORE_ACTIVITY_H
#define CORE_ACTIVITY_H

#include <stddef.h>

#include "rules.h"
#include "base/date.h"

#define ACTIVITY_NO_AMOUNT  (-1LL)
#define ACTIVITY_TITLE_MAX  200  /* characters */
#define ACTIVITY_REASON_MAX 2000 /* characters, of a withdrawal's reason */

/* What a recorded activity carries besides its facts; strings borrowed. */
struct activity_details {
    const char *title;      /* NULL: none (one recorded by a script before titles) */
    const char *org;        /* the organisation affected: an org-id, or NULL */
    long long amount_pence; /* ACTIVITY_NO_AMOUNT: none */
    date_t decision_date;   /* 0: none */
};

/* Whether activities of kind k have an amount: funding (changed or awarded) and contracts. */
int activity_kind_has_amount(enum activity_kind k);
/* "Funding change", "Consultation", "Funding award", "Procurement". */
const char *activity_kind_label(enum activity_kind k);

/* Whether s is text a person wrote of 1 to max characters, not only spaces, and with no
 * control character but a line break (in a reason). */
int activity_text_valid(const char *s, size_t max, int multiline);

/*
 * An amount in pounds as a person types it: "12500", "12,500.50", "£12,500", spaces around;
 * at most two decimal places, not negative. 0 with *pence, or ERR_INVALID.
 */
int activity_amount_parse(const char *s, long long *pence);

/* A recorded activity as the store gives it back; strings from the reader's arena. */
struct recorded_activity {
    long long id, compact_id;
    const char *compact_name;
    struct activity_details details;
    const char *org_name;          /* the organisation affected's name in the register, or NULL */
    const char *recorder_org;      /* the organisation whose member recorded it, or NULL */
    const char *recorder_org_name; /* its name in the register, or NULL */
    const char *kind;              /* activity_kind_id */
    const char *facts;             /* the check contract's activity object, as JSON */
    const char *overall;           /* verdict_id of its latest check */
    const char *recorded_by;       /* the actor: "user:ID" or "cli" */
    const char *recorded_by_name;  /* that person's name, or NULL */
    const char *recorded_at;       /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
    date_t checked_on;             /* the day its findings were worked out for */
    const char *withdrawn_at;      /* NULL while it stands */
    const char *withdrawn_by, *withdrawn_by_name, *withdrawn_reason;
    const struct finding_record *findings; /* by rule */
    size_t nfindings;
};

#endif
