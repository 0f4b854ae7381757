/* The check contract of SPEC section 5 in JSON: the request decoded, the result encoded. */
#ifndef CODEC_JSON_CHECK_H
#define CODEC_JSON_CHECK_H

#include <stddef.h>

#include "core/activity.h"
#include "core/complaint.h"
#include "core/rules.h"
#include "base/arena.h"
#include "base/buf.h"

struct check_request {
    int has_as_of; /* else the caller uses today */
    date_t as_of;
    const char *compact_id; /* NULL when not given */
    int has_params;         /* "parameters" was given */
    /* a recorded activity's own values (app/check.c), absent from a check */
    const char *organisation;  /* an org-id the activity concerns, or NULL */
    int has_organisation;      /* "organisation" was given: an org-id, or null for none */
    const char *title;         /* or NULL */
    long long amount_pence;    /* ACTIVITY_NO_AMOUNT when absent or null */
    date_t decision_date;      /* 0 when absent or null */
    const char *activity_json; /* the activity object as compact JSON text, from the arena */
    struct param_set params;
    struct activity activity;
};

/*
 * Decode {"as_of", "compact_id", "parameters", "activity": {"kind", ...facts}} into out
 * (strings from arena), and a recorded activity's "organisation" (an org-id or null), "title"
 * (1 to ACTIVITY_TITLE_MAX characters), "amount" (pounds, not negative, to the penny) and
 * "decision_date" (YYYY-MM-DD or null). A fact absent from the object is FACT_ABSENT, null is
 * FACT_NULL. ERR_INVALID with *field naming what is wrong ("activity.notice_date",
 * "parameters.notice_months", "body") and *why a sentence: not JSON, text that is not UTF-8 or
 * holds a NUL (json_text_check), an unknown kind, change, fact or parameter, a malformed or
 * impossible date, a negative parameter, a fact of the wrong type.
 */
int json_check_request(const char *text, size_t len, struct arena *arena, struct check_request *out,
                       const char **field, const char **why);

/* {"kind", "overall", "parameters": {...}, "findings": [...]} with each finding's commitment
 * number from numbers (indexed by enum rule: the stored catalogue), or where that is NULL (no
 * database) from the catalogue's defaults. */
void json_check_result(struct buf *b, const struct activity *a, const struct params *p,
                       const struct finding *findings, size_t n, enum verdict overall,
                       const char *const *numbers);

/* A Compact's own parameters: {"notice_months": 6, ...}, whole numbers 0 to 3660, into ps, and
 * its working days for complaints ({"formal_response_days": 30, ...}, 1 to CPARAM_VALUE_MAX)
 * into cp; ERR_INVALID with *field and *why as above. */
int json_param_set(const char *text, size_t len, struct arena *arena, struct param_set *ps,
                   struct complaint_params *cp, const char **field, const char **why);

/* {"organisation"?, "title"?, "amount"?, "decision_date"?, "activity": {"kind", "change"?,
 * facts...}}: a request json_check_request reads back as a (absent facts left out, null ones
 * null) with d's values (d may be NULL: none; d->org NULL: "organisation": null). */
void json_activity_request(struct buf *b, const struct activity *a,
                           const struct activity_details *d);

#endif
