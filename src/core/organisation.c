/* Organisations: sectors, types, org-ids, and turning what a person gives into a record. */
#include "organisation.h"

#include <stdio.h>
#include <string.h>

#include "compact.h"
#include "base/err.h"
#include "base/banned.h"

static const struct {
    const char *id, *label;
} sectors[SECTOR_COUNT] = {
    [SECTOR_STATUTORY] = {"statutory", "Statutory"},
    [SECTOR_VCS] = {"vcs", "Voluntary and community"},
    [SECTOR_PRIVATE] = {"private", "Private"},
};

static const struct {
    const char *id, *label;
    enum org_sector sector;
} types[ORG_TYPE_COUNT] = {
    [ORG_COUNCIL] = {"council", "Council", SECTOR_STATUTORY},
    [ORG_NHS] = {"nhs", "NHS body", SECTOR_STATUTORY},
    [ORG_POLICE] = {"police", "Police", SECTOR_STATUTORY},
    [ORG_FIRE] = {"fire", "Fire and rescue", SECTOR_STATUTORY},
    [ORG_PUBLIC_OTHER] = {"public_other", "Other public body", SECTOR_STATUTORY},
    [ORG_VCS_INFRASTRUCTURE] = {"vcs_infrastructure", "VCS infrastructure body (such as a CVS)",
                                SECTOR_VCS},
    [ORG_CHARITY] = {"charity", "Registered charity", SECTOR_VCS},
    [ORG_COMMUNITY_GROUP] = {"community_group", "Community group", SECTOR_VCS},
    [ORG_SOCIAL_ENTERPRISE] = {"social_enterprise", "Social enterprise", SECTOR_VCS},
    [ORG_BUSINESS] = {"business", "Business", SECTOR_PRIVATE},
};

const char orgid_unknown_council[] =
    "GB-LAE- must be followed by the code of a council in the register, such as GB-LAE-TRF "
    "for Trafford";
const char orgid_taken[] = "Another organisation in the register has this org-id";

const char *org_sector_id(enum org_sector s)
{
    return (unsigned)s < SECTOR_COUNT ? sectors[s].id : "";
}

const char *org_sector_label(enum org_sector s)
{
    return (unsigned)s < SECTOR_COUNT ? sectors[s].label : "";
}

int org_sector_parse(const char *s, enum org_sector *out)
{
    for (int i = 0; i < SECTOR_COUNT; i++) {
        if (!strcmp(s, sectors[i].id)) {
            *out = (enum org_sector)i;
            return 0;
        }
    }
    *out = SECTOR_STATUTORY;
    return ERR_INVALID;
}

const char *org_type_id(enum org_type t)
{
    return (unsigned)t < ORG_TYPE_COUNT ? types[t].id : "";
}

const char *org_type_label(enum org_type t)
{
    return (unsigned)t < ORG_TYPE_COUNT ? types[t].label : "";
}

int org_type_parse(const char *s, enum org_type *out)
{
    for (int i = 0; i < ORG_TYPE_COUNT; i++) {
        if (!strcmp(s, types[i].id)) {
            *out = (enum org_type)i;
            return 0;
        }
    }
    *out = ORG_COUNCIL;
    return ERR_INVALID;
}

enum org_sector org_type_sector(enum org_type t)
{
    return (unsigned)t < ORG_TYPE_COUNT ? types[t].sector : SECTOR_STATUTORY;
}

const char *organisation_ref(const struct organisation *o, char buf[ORG_REF_MAX])
{
    size_t len;

    if (o->org_id && (len = strlen(o->org_id)) < ORG_REF_MAX) {
        memcpy(buf, o->org_id, len + 1);
    } else if (snprintf(buf, ORG_REF_MAX, "%lld", o->id) >= ORG_REF_MAX) {
        buf[0] = '\0'; /* a long long has at most 20 digits: unreachable */
    }
    return buf;
}

int organisation_ref_is_number(const char *ref)
{
    size_t n = strspn(ref, "0123456789");
    return n > 0 && n <= 18 && ref[n] == '\0';
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether s[0..n) are all capitals (letters) or all digits (digits). */
static int all(const char *s, size_t n, int (*pred)(char))
{
    for (size_t i = 0; i < n; i++) {
        if (!pred(s[i])) {
            return 0;
        }
    }
    return 1;
}

/*
 * An identifier: pieces of letters, digits, '-', '.' and '_', with a '/' between two (Contracts
 * Finder's GB-SRS- identifiers hold one). No piece is empty, "." or "..": a '/' in an org-id
 * reaches a URL as %2F, and a path holding "." or ".." is refused.
 */
static int identifier_ok(const char *id)
{
    for (const char *p = id;; p++) {
        size_t n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._");
        if (!n || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) {
            return 0;
        }
        p += n;
        if (*p != '/') {
            return *p == '\0';
        }
    }
}

static int invalid(const char **why, const char *message)
{
    *why = message;
    return ERR_INVALID;
}

int orgid_check(const char *s, const char **why)
{
    size_t len = strlen(s), a, b;
    const char *id;

    *why = NULL;
    if (len > ORG_ID_MAX) {
        return invalid(why, "An org-id must be 100 characters or fewer");
    }
    if (!strncmp(s, "GB-LAE-", 7)) {
        id = s + 7;
        if (strlen(id) != 3 || !all(id, 3, is_upper)) {
            return invalid(why, "GB-LAE- must be followed by a council's three-letter code in "
                                "capitals, such as GB-LAE-TRF");
        }
        return 0;
    }
    if (!strncmp(s, "GB-CHC-", 7)) {
        id = s + 7;
        if (strlen(id) < 5 || strlen(id) > 8 || !all(id, strlen(id), is_digit)) {
            return invalid(why, "GB-CHC- must be followed by a charity number of 5 to 8 digits, "
                                "such as GB-CHC-1234567");
        }
        return 0;
    }
    if (!strncmp(s, "GB-COH-", 7)) {
        /* Companies House numbers: 8 digits (England and Wales), 2 capitals and 6 digits
         * (SC, NI, OC, ...), or 2 capitals, 5 digits and a capital (a registered society,
         * IP12345R) */
        id = s + 7;
        if (strlen(id) != 8 ||
            !(all(id, 8, is_digit) || (all(id, 2, is_upper) && all(id + 2, 5, is_digit) &&
                                       (is_digit(id[7]) || is_upper(id[7]))))) {
            return invalid(why, "GB-COH- must be followed by an 8-character company number: 8 "
                                "digits, or 2 capital letters and 6 digits, such as "
                                "GB-COH-01234567 or GB-COH-SC123456 (a registered society's "
                                "ends in a capital letter, such as GB-COH-IP28755R)");
        }
        return 0;
    }
    /* PREFIX-LIST-identifier */
    a = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    b = s[a] == '-' ? strspn(s + a + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") : 0;
    if (!a || s[a] != '-' || !b || s[a + 1 + b] != '-' || s[a + 2 + b] == '\0') {
        return invalid(why, "An org-id is a list prefix and an identifier, such as "
                            "GB-CHC-1234567: the two parts of the prefix in capital letters or "
                            "digits, each followed by a hyphen");
    }
    if (len < ORG_ID_MIN) {
        return invalid(why, "An org-id must be at least 5 characters");
    }
    if (!identifier_ok(s + a + 2 + b)) {
        return invalid(why, "The identifier after the org-id's prefix may have only letters, "
                            "digits, hyphens, full stops, underscores and slashes between them "
                            "(as in GB-SRS-sid4gov.cabinetoffice.gov.uk/8s944V4W): no spaces");
    }
    return 0;
}

const char *orgid_council_code(const char *s)
{
    return s && !strncmp(s, "GB-LAE-", 7) ? s + 7 : NULL;
}

const char *orgid_of_council(const char *code, char buf[ORG_ID_MAX + 1])
{
    int len = code && *code ? snprintf(buf, ORG_ID_MAX + 1, "GB-LAE-%s", code) : -1;

    if (len < 0 || len > ORG_ID_MAX) {
        buf[0] = '\0';
        return NULL;
    }
    return buf;
}

static int blank(const char *s)
{
    return !s || s[strspn(s, " \t")] == '\0';
}

/* Whether s has a byte below space (a control character) or DEL. */
static int has_control(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f) {
            return 1;
        }
    }
    return 0;
}

size_t organisation_from_draft(const struct organisation_draft *d, struct organisation *out,
                               struct org_problem problems[ORG_PROBLEMS_MAX])
{
    struct organisation o = {.verified = 1};
    enum org_sector sector;
    enum org_type type;
    const char *why;
    int have_type = 0;
    size_t n = 0;

#define PROBLEM(f, m) (problems[n++] = (struct org_problem){(f), (m)})
    if (!blank(d->org_id)) {
        if (orgid_check(d->org_id, &why) < 0) {
            PROBLEM("org_id", why);
        } else {
            o.org_id = d->org_id;
        }
    }
    if (blank(d->name)) {
        PROBLEM("name", "Enter the organisation's name");
    } else if (strlen(d->name) > ORG_NAME_MAX || has_control(d->name)) {
        PROBLEM("name", "Enter a name of 200 characters or fewer, on one line");
    } else {
        o.name = d->name;
    }
    if (blank(d->type)) {
        PROBLEM("type", "Choose the type of organisation");
    } else if (org_type_parse(d->type, &type) < 0) {
        PROBLEM("type", "Choose the type of organisation from the list: council, nhs, police, "
                        "fire, public_other, vcs_infrastructure, charity, community_group, "
                        "social_enterprise or business");
    } else if (o.org_id && orgid_council_code(o.org_id) && type != ORG_COUNCIL) {
        PROBLEM("type", "An organisation with a GB-LAE- org-id is a council: choose council, or "
                        "give another org-id");
    } else {
        o.type = type;
        o.sector = org_type_sector(type);
        have_type = 1;
    }
    if (!blank(d->sector)) {
        if (org_sector_parse(d->sector, &sector) < 0) {
            PROBLEM("sector", "Choose the sector: statutory, vcs (voluntary and community) or "
                              "private, or leave it to follow the type");
        } else if (have_type && sector != o.sector) {
            PROBLEM("sector", "The sector must be the type's: a council, NHS body, police, fire "
                              "and rescue or other public body is statutory; a VCS "
                              "infrastructure body, registered charity, community group or "
                              "social enterprise is voluntary and community (vcs); a business "
                              "is private");
        }
    }
    if (!blank(d->website)) {
        /* the one rule for a link the register keeps: a Compact's document's too */
        if (strlen(d->website) > ORG_WEBSITE_MAX || !compact_url_is_valid(d->website)) {
            PROBLEM("website", "Enter the website's address starting with https:// or http://, "
                               "500 characters or fewer, with no spaces, quotes or angle brackets");
        } else {
            o.website = d->website;
        }
    }
#undef PROBLEM
    if (!n) {
        *out = o;
    }
    return n;
}

void organisation_patch_draft(const struct organisation *before,
                              const struct organisation_draft *patch,
                              struct organisation_draft *out)
{
    unsigned g = patch->given;

    out->org_id = g & ORG_FIELD_ORG_ID ? patch->org_id : before->org_id;
    out->name = g & ORG_FIELD_NAME ? patch->name : before->name;
    out->type = g & ORG_FIELD_TYPE ? patch->type : org_type_id(before->type);
    if (g & ORG_FIELD_SECTOR) {
        out->sector = patch->sector;
    } else {
        out->sector = g & ORG_FIELD_TYPE ? NULL : org_sector_id(before->sector);
    }
    out->website = g & ORG_FIELD_WEBSITE ? patch->website : before->website;
    out->given =
        ORG_FIELD_ORG_ID | ORG_FIELD_NAME | ORG_FIELD_TYPE | ORG_FIELD_SECTOR | ORG_FIELD_WEBSITE;
}
