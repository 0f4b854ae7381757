/* Local Compacts: statuses over time, the review date, the checks of an entry's parts. */
#include "compact.h"

#include <stdio.h>
#include <string.h>

#include "core/account.h"
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

int compact_review_overdue(date_t due, date_t today, int status)
{
    return due && due < today && status != COMPACT_INACTIVE;
}

void compact_state_on(const struct compact_entry *c, date_t today, struct compact_state *out)
{
    out->status = compact_status_on(c->statuses, c->nstatuses, today);
    out->since = 0;
    for (size_t i = 0; i < c->nstatuses && c->statuses[i].date <= today; i++) {
        out->since = c->statuses[i].date;
    }
    out->review_due = compact_review_due(c->adopted, c->refreshed, c->review_set);
    out->review_overdue = compact_review_overdue(out->review_due, today, out->status);
}

int compact_url_is_valid(const char *s)
{
    size_t len = strlen(s), scheme;

    if (!strncmp(s, "https://", 8)) {
        scheme = 8;
    } else if (!strncmp(s, "http://", 7)) {
        scheme = 7;
    } else {
        return 0;
    }
    if (len > COMPACT_URL_MAX || len == scheme || s[scheme] == '/' || s[scheme] == '.') {
        return 0;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>' || *p == '"') {
            return 0;
        }
    }
    return 1;
}

/* "AT.NAME" (such as "contacts.2.email"), from arena. */
static const char *item_field(struct arena *arena, const char *at, const char *name)
{
    char out[64];
    int n = snprintf(out, sizeof(out), "%s.%s", at, name);
    return n > 0 && (size_t)n < sizeof(out) ? arena_strdup(arena, out) : at;
}

static int fail(const char **field, const char **why, const char *f, const char *w)
{
    *field = f;
    *why = w;
    return ERR_INVALID;
}

static int text_ok(const char *s, size_t min, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    return n >= min && n <= max;
}

int compact_contact_check(const struct compact_contact *k, const char *at, struct arena *arena,
                          const char **field, const char **why)
{
    if (!text_ok(k->name, 1, 200)) {
        return fail(field, why, item_field(arena, at, "name"),
                    "each contact needs a name of 1 to 200 characters.");
    }
    if (k->role && !text_ok(k->role, 0, 200)) {
        return fail(field, why, item_field(arena, at, "role"),
                    "a contact's role must be at most 200 characters.");
    }
    if (k->email && !email_is_valid(k->email)) {
        return fail(field, why, item_field(arena, at, "email"),
                    "a contact's email must be an email address such as name@example.org.");
    }
    if (k->phone && !text_ok(k->phone, 0, 40)) {
        return fail(field, why, item_field(arena, at, "phone"),
                    "a contact's phone must be at most 40 characters.");
    }
    return 0;
}

int compact_code_check(const struct compact_code *c, const char *at, struct arena *arena,
                       const char **field, const char **why)
{
    if (!text_ok(c->title, 1, 200)) {
        return fail(field, why, item_field(arena, at, "title"),
                    "each code of practice needs a title of 1 to 200 characters.");
    }
    if (c->summary && !text_ok(c->summary, 0, 2000)) {
        return fail(field, why, item_field(arena, at, "summary"),
                    "a code's summary must be at most 2000 characters.");
    }
    if (c->url && !compact_url_is_valid(c->url)) {
        return fail(field, why, item_field(arena, at, "url"),
                    "a code's url must be an http or https address of at most 500 characters.");
    }
    return 0;
}

/* "list.i", from arena. */
static const char *item_at(struct arena *arena, const char *list, size_t i)
{
    char out[32];
    int n = snprintf(out, sizeof(out), "%s.%zu", list, i);
    return n > 0 && (size_t)n < sizeof(out) ? arena_strdup(arena, out) : list;
}

int compact_details_check(const char *name, date_t adopted, date_t refreshed, date_t review_due,
                          const char *document_url, const struct compact_contact *contacts,
                          size_t ncontacts, const struct compact_code *codes, size_t ncodes,
                          struct arena *arena, const char **field, const char **why)
{
    *field = NULL;
    *why = NULL;
    if (!text_ok(name, 1, COMPACT_NAME_MAX)) {
        return fail(field, why, "name", "name must be text of 1 to 200 characters.");
    }
    if (adopted && refreshed && refreshed < adopted) {
        return fail(field, why, "refreshed", "refreshed must not be before adopted.");
    }
    if (review_due && !compact_review_due_allowed(adopted, refreshed, review_due)) {
        return fail(field, why, "review_due",
                    "review_due must be no later than six years after the later of adopted and "
                    "refreshed.");
    }
    if (document_url && !compact_url_is_valid(document_url)) {
        return fail(field, why, "document_url",
                    "document_url must be an http or https address of at most 500 characters.");
    }
    if (ncontacts > COMPACT_CONTACTS_MAX) {
        return fail(field, why, "contacts", "a Compact has at most 16 key contacts.");
    }
    for (size_t i = 0; i < ncontacts; i++) {
        if (compact_contact_check(&contacts[i], item_at(arena, "contacts", i), arena, field, why)) {
            return ERR_INVALID;
        }
    }
    if (ncodes > COMPACT_CODES_MAX) {
        return fail(field, why, "codes", "a Compact has at most 32 codes of practice.");
    }
    for (size_t i = 0; i < ncodes; i++) {
        if (compact_code_check(&codes[i], item_at(arena, "codes", i), arena, field, why)) {
            return ERR_INVALID;
        }
    }
    return 0;
}

int compact_params_check(const struct param_set *ps, const char **field, const char **why)
{
    *field = NULL;
    *why = NULL;
    for (int i = 0; i < PARAM_COUNT; i++) {
        enum param p = (enum param)i;
        int floor;
        if (!ps->set[i]) {
            continue;
        }
        if (ps->value[i] < 0 || ps->value[i] > PARAM_VALUE_MAX) {
            return fail(field, why, param_id(p), "must be a whole number from 0 to 3660");
        }
        if (param_floor(p, &floor) && ps->value[i] < floor) {
            return fail(field, why, param_id(p),
                        p == PARAM_NOTICE_MONTHS
                            ? "must be 3 or more: the national Compact's three months' notice is "
                              "a minimum that no local Compact may shorten"
                            : "must not be below the national default, a minimum that no local "
                              "Compact may lower");
        }
    }
    return 0;
}

int compact_status_check(const struct status_change *s, size_t n, date_t date)
{
    return n && date <= s[n - 1].date ? ERR_INVALID : 0;
}
