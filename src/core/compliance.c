/* Counting stored findings for the compliance page. */
#include "compliance.h"

#include <string.h>

#include "base/banned.h"

static int same_key(const char *a, const char *b, size_t len)
{
    return len ? !strncmp(a, b, len) : !strcmp(a, b);
}

/* The tally for key in t[0..*n), added if there is room; NULL when full. */
static struct tally *find(struct tally *t, size_t *n, size_t max, const char *key, size_t len)
{
    for (size_t i = 0; i < *n; i++) {
        if (same_key(t[i].key, key, len)) {
            return &t[i];
        }
    }
    if (*n == max) {
        return NULL;
    }
    memset(&t[*n], 0, sizeof(t[*n]));
    t[*n].key = key;
    return &t[(*n)++];
}

void compliance_summarise(const struct finding_record *rows, size_t n, struct compliance *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < n; i++) {
        enum verdict v;
        const char *month = rows[i].recorded_at ? rows[i].recorded_at : "";
        struct tally *t;
        if (verdict_parse(rows[i].verdict, &v) < 0) {
            continue;
        }
        out->totals[v]++;
        if ((t = find(out->by_rule, &out->nrules, RULE_COUNT, rows[i].rule, 0))) {
            t->counts[v]++;
        }
        t = find(out->by_org, &out->norgs, COMPLIANCE_MAX_KEYS,
                 rows[i].org_id ? rows[i].org_id : "", 0);
        out->truncated |= !t;
        if (t) {
            t->counts[v]++;
        }
        t = find(out->by_month, &out->nmonths, COMPLIANCE_MAX_KEYS, month,
                 strlen(month) >= 7 ? 7 : 0);
        out->truncated |= !t;
        if (t) {
            t->counts[v]++;
        }
    }
    /* months in order: a few dozen at most, so insertion sort */
    for (size_t i = 1; i < out->nmonths; i++) {
        struct tally x = out->by_month[i];
        size_t j = i;
        while (j > 0 && strncmp(out->by_month[j - 1].key, x.key, 7) > 0) {
            out->by_month[j] = out->by_month[j - 1];
            j--;
        }
        out->by_month[j] = x;
    }
}
