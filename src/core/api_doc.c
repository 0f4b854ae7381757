/* The route documentation's shared answers: groups, path parameters, who may use a route. */
#include "api_doc.h"

#include <string.h>

#include "account.h"
#include "base/banned.h"

int api_op_is_api(const struct api_op *op)
{
    return strncmp(op->pattern, "/api/v1/", 8) == 0;
}

int api_op_has_body(const struct api_op *op)
{
    return !strcmp(op->method, "POST") || !strcmp(op->method, "PUT") ||
           !strcmp(op->method, "PATCH");
}

int api_op_status(const struct api_op *op)
{
    return op->doc && op->doc->status ? op->doc->status : 200;
}

#define G_COMPACTS "Local Compacts"
#define G_SIGN     "Signatories"
#define G_ORGS     "Organisations"
#define G_AUTH     "Local authorities"
#define G_COVERAGE "Coverage"
#define G_CHECKS   "Checks and recorded activities"
#define G_COMMIT   "Commitments"
#define G_OPENDATA "Open data: grants and contracts"
#define G_ACCOUNTS "Accounts and the audit trail"
#define G_LIBRARY  "The library"
#define G_SERVICE  "The service"
#define G_SURVEY   "The annual survey"

static const char *const groups[] = {G_COMPACTS, G_SIGN,     G_ORGS,    G_AUTH,
                                     G_COVERAGE, G_CHECKS,   G_COMMIT,  G_OPENDATA,
                                     G_SURVEY,   G_ACCOUNTS, G_LIBRARY, G_SERVICE};

const char *const *api_groups(size_t *n)
{
    *n = sizeof(groups) / sizeof(groups[0]);
    return groups;
}

/* A segment anywhere in the path that settles the group, then the first segment's. */
static const struct {
    const char *segment, *group;
} anywhere[] = {{"signatories", G_SIGN},  {"activities", G_CHECKS}, {"findings", G_CHECKS},
                {"compliance", G_CHECKS}, {"funding", G_OPENDATA},  {"indicators", G_OPENDATA}},
  first[] = {{"compacts", G_COMPACTS}, {"organisations", G_ORGS},   {"authorities", G_AUTH},
             {"coverage", G_COVERAGE}, {"checks", G_CHECKS},        {"commitments", G_COMMIT},
             {"grants", G_OPENDATA},   {"contracts", G_OPENDATA},   {"surveys", G_SURVEY},
             {"login", G_ACCOUNTS},    {"logout", G_ACCOUNTS},      {"account", G_ACCOUNTS},
             {"me", G_ACCOUNTS},       {"audit", G_ACCOUNTS},       {"history", G_ACCOUNTS},
             {"library", G_LIBRARY},   {"case-studies", G_LIBRARY}, {"resources", G_LIBRARY}};

/* Whether the segment s[0..len) is name, or name with ".csv". */
static int segment_is(const char *s, size_t len, const char *name)
{
    size_t n = strlen(name);
    return (len == n || (len == n + 4 && !memcmp(s + n, ".csv", 4))) && !memcmp(s, name, n);
}

const char *api_op_group(const struct api_op *op)
{
    const char *path = op->pattern + (api_op_is_api(op) ? 7 : 0);

    for (size_t k = 0; k < sizeof(anywhere) / sizeof(anywhere[0]); k++) {
        for (const char *p = path; *p == '/';) {
            const char *seg = p + 1;
            size_t len = strcspn(seg, "/");
            if (segment_is(seg, len, anywhere[k].segment)) {
                return anywhere[k].group;
            }
            p = seg + len;
        }
    }
    for (size_t k = 0; k < sizeof(first) / sizeof(first[0]); k++) {
        if (*path == '/' && segment_is(path + 1, strcspn(path + 1, "/"), first[k].segment)) {
            return first[k].group;
        }
    }
    return G_SERVICE;
}

const char *api_path_param_about(const char *pattern, const char *name)
{
    static const struct {
        const char *after, *name, *about; /* after: the segment before it, or NULL for any */
    } params[] = {
        {"compacts", "id", "The local Compact's number in the register, as in /compacts/12."},
        {"organisations", "id",
         "The organisation's org-id, such as GB-CHC-1234567 (any case; a / in it written "
         "%2F), or its number in the register when it has none."},
        {"commitments", "id", "The commitment's number in the catalogue (its id, not 4.4)."},
        {"tokens", "id", "The API token's number, as your account page lists it."},
        {"complaints", "id",
         "The complaint's number, its id in the case's JSON, as in /complaints/7."},
        {"calendar", "secret",
         "Your calendar's secret, as the address your account page showed when it was made, "
         "then .ics."},
        {"case-studies", "id", "The case study's number, as in /case-studies/2."},
        {"resources", "id", "The resource's number, as in /resources/1."},
        {NULL, "gss",
         "An authority's GSS code, such as E08000035; a former code finds the "
         "authority too."},
        {"checks", "kind",
         "The kind of decision: funding_change, consultation, funding_award or procurement."},
        {"history", "kind",
         "What the history is of: compact, organisation, user, api_token, commitment, "
         "activity, grants or contracts."},
        {NULL, "entity",
         "Which one: a Compact's or activity's number, an organisation's "
         "org-id, an account's email, an imported file's name."},
        {NULL, "n", "The section's number, from 1 to 5."},
        {NULL, "sid", "The signature's number, as the Compact's signatories list gives it."},
        {NULL, "activity", "The recorded activity's number."},
        {"surveys", "year", "The year of the survey's round, such as 2011."},
        {NULL, "path", "The file's name, as the pages link to it (app.css, init.mjs, ...)."},
    };
    const char *before = NULL;
    size_t before_len = 0;

    /* the literal segment before :name */
    for (const char *p = pattern; *p == '/';) {
        const char *seg = p + 1;
        size_t len = strcspn(seg, "/");
        if ((*seg == ':' && len == strlen(name) + 1 && !memcmp(seg + 1, name, len - 1)) ||
            (len == 1 && *seg == '*' && !strcmp(name, "path"))) {
            break;
        }
        if (*seg != ':') {
            before = seg;
            before_len = len;
        }
        p = seg + len;
    }
    for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
        if (strcmp(params[i].name, name) != 0) {
            continue;
        }
        if (!params[i].after || (before && strlen(params[i].after) == before_len &&
                                 !memcmp(params[i].after, before, before_len))) {
            return params[i].about;
        }
    }
    return "Its identifier.";
}

const char *api_access_phrase(unsigned access)
{
    static const struct {
        unsigned access;
        const char *phrase;
    } phrases[] = {
        {ACCESS_ANYONE, "Anyone"},
        {ACCESS_SIGNED_IN, "Anyone signed in (members, coordinators and admins)"},
        {ROLE_ADMIN | ROLE_COORDINATOR, "Coordinators and admins"},
        {ROLE_ADMIN, "Admins"},
    };
    for (size_t i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++) {
        if (phrases[i].access == access) {
            return phrases[i].phrase;
        }
    }
    return "Some roles";
}

const char *api_path_param_next(const char *p, const char **name, size_t *len)
{
    while (*p == '/') {
        const char *seg = p + 1;
        size_t n = strcspn(seg, "/");
        p = seg + n;
        if (*seg == ':') {
            *name = seg + 1;
            *len = n - 1;
            return p;
        }
        if (n == 1 && *seg == '*') {
            *name = "path";
            *len = 4;
            return p;
        }
    }
    return NULL;
}

void api_path_template(struct buf *b, const char *pattern)
{
    for (const char *p = pattern; *p == '/';) {
        const char *seg = p + 1;
        size_t n = strcspn(seg, "/");
        buf_addc(b, '/');
        if (*seg == ':') {
            buf_addf(b, "{%.*s}", (int)(n - 1), seg + 1);
        } else if (n == 1 && *seg == '*') {
            buf_adds(b, "{path}");
        } else {
            buf_add(b, seg, n);
        }
        p = seg + n;
    }
}

const char *api_op_media(const struct api_op *op)
{
    size_t len = strlen(op->pattern);

    if (api_op_status(op) == 303) {
        return NULL;
    }
    if (len > 4 && !strcmp(op->pattern + len - 4, ".csv")) {
        return "text/csv";
    }
    if (!strncmp(op->pattern, "/api/", 5) || !strcmp(op->pattern, "/healthz")) {
        return "application/json";
    }
    if (!strncmp(op->pattern, "/assets/", 8)) {
        return "*/*";
    }
    return "text/html";
}

int api_param_is_named(const struct api_param *p)
{
    return p->name && *p->name && strcspn(p->name, " ,()") == strlen(p->name);
}
