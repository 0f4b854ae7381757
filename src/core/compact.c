/* Compact statuses. */
#include "compact.h"

#include <string.h>

#include "base/err.h"
#include "base/banned.h"

static const char *const statuses[COMPACT_STATUS_COUNT] = {
    [COMPACT_IN_DEVELOPMENT] = "in_development",
    [COMPACT_ACTIVE] = "active",
    [COMPACT_INACTIVE] = "inactive",
};

const char *compact_status_id(enum compact_status s)
{
    return (unsigned)s < COMPACT_STATUS_COUNT ? statuses[s] : "";
}

int compact_status_parse(const char *s, enum compact_status *out)
{
    for (int i = 0; i < COMPACT_STATUS_COUNT; i++) {
        if (!strcmp(s, statuses[i])) {
            *out = (enum compact_status)i;
            return 0;
        }
    }
    *out = COMPACT_IN_DEVELOPMENT;
    return ERR_INVALID;
}

static const char *const status_labels[COMPACT_STATUS_COUNT] = {
    [COMPACT_IN_DEVELOPMENT] = "In development",
    [COMPACT_ACTIVE] = "Active",
    [COMPACT_INACTIVE] = "Inactive",
};

const char *compact_status_label(enum compact_status s)
{
    return (unsigned)s < COMPACT_STATUS_COUNT ? status_labels[s] : "";
}

int compact_status_on(const struct status_change *s, size_t n, date_t d)
{
    int status = -1;

    for (size_t i = 0; i < n && s[i].date <= d; i++) {
        status = (int)s[i].status;
    }
    return status;
}

static date_t later(date_t a, date_t b)
{
    return a > b ? a : b;
}

date_t compact_review_due(date_t adopted, date_t refreshed, date_t due)
{
    date_t from = later(adopted, refreshed);

    if (due) {
        return due;
    }
    return from ? date_add_months(from, 12 * COMPACT_REVIEW_YEARS) : 0;
}

int compact_review_due_allowed(date_t adopted, date_t refreshed, date_t due)
{
    date_t from = later(adopted, refreshed);

    return !from || due <= date_add_months(from, 12 * COMPACT_REVIEW_YEARS);
}
