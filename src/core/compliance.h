/* A Compact's compliance at a glance: its stored findings counted by rule, organisation and month.
 */
#ifndef CORE_COMPLIANCE_H
#define CORE_COMPLIANCE_H

#include <stddef.h>

#include "rules.h"

struct tally {
    const char *key; /* a rule, an org-id ("" for none given) or a month "YYYY-MM"; borrowed */
    size_t counts[VERDICT_COUNT];
};

#define COMPLIANCE_MAX_KEYS 64

struct compliance {
    struct tally by_rule[RULE_COUNT];
    size_t nrules;
    struct tally by_org[COMPLIANCE_MAX_KEYS];
    size_t norgs;
    struct tally by_month[COMPLIANCE_MAX_KEYS];
    size_t nmonths;
    size_t totals[VERDICT_COUNT];
    int truncated; /* more organisations or months than fit: the rest are left out */
};

/*
 * Count rows into out, keys in order of first appearance (months sorted). Strings are borrowed
 * from rows; month keys point into recorded_at, which must outlive out (only the first 7
 * characters count: the key is compared by that prefix).
 */
void compliance_summarise(const struct finding_record *rows, size_t n, struct compliance *out);

#endif
