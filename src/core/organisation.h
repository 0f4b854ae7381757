/*
 * Organisations (SPEC section 2): public bodies, voluntary and community organisations and
 * businesses, identified by org-id style identifiers where one exists, each of a type within
 * a sector.
 */
#ifndef CORE_ORGANISATION_H
#define CORE_ORGANISATION_H

#include <stddef.h>

#define ORG_NAME_MAX    200 /* bytes */
#define ORG_ID_MIN      5
#define ORG_ID_MAX      100
#define ORG_WEBSITE_MAX 500
#define ORG_REF_MAX     (ORG_ID_MAX + 1) /* an org-id, or a number as text, with its NUL */

enum org_sector { SECTOR_STATUTORY, SECTOR_VCS, SECTOR_PRIVATE, SECTOR_COUNT };

enum org_type {
    ORG_COUNCIL,
    ORG_NHS,
    ORG_POLICE,
    ORG_FIRE,
    ORG_PUBLIC_OTHER,
    ORG_VCS_INFRASTRUCTURE,
    ORG_CHARITY,
    ORG_COMMUNITY_GROUP,
    ORG_SOCIAL_ENTERPRISE,
    ORG_BUSINESS,
    ORG_TYPE_COUNT
};

/* "statutory", "vcs", "private"; and "Statutory", "Voluntary and community", "Private". */
const char *org_sector_id(enum org_sector s);
const char *org_sector_label(enum org_sector s);
/* Parse an identifier; 0 and *out, or ERR_INVALID. */
int org_sector_parse(const char *s, enum org_sector *out);

/* The identifiers of the table's CHECK ("council", ..., "business") and labels for people. */
const char *org_type_id(enum org_type t);
const char *org_type_label(enum org_type t);
int org_type_parse(const char *s, enum org_type *out);
/* The sector every organisation of type t is in. */
enum org_sector org_type_sector(enum org_type t);

/* Strings are borrowed from whoever filled the struct (an arena, a request, a draft). */
struct organisation {
    long long id;       /* its number in the register; 0 before it is stored */
    const char *org_id; /* "GB-CHC-1234567", or NULL where it has none */
    const char *name;
    enum org_sector sector;
    enum org_type type;
    const char *gss;     /* a council's own area (its authority's GSS code), else NULL */
    const char *website; /* "https://...", or NULL */
    int verified;        /* 0: made from a funder's data and not yet checked by a person */
    const char *created_at, *updated_at; /* UTC, "YYYY-MM-DDTHH:MM:SSZ"; NULL before stored */
};

/*
 * How URLs and the API name o: its org-id, else its number, written into buf. Returns buf.
 * An org-id is never all digits, so the two cannot be confused.
 */
const char *organisation_ref(const struct organisation *o, char buf[ORG_REF_MAX]);
/* Whether ref names an organisation by its number (all digits, no sign), not by its org-id. */
int organisation_ref_is_number(const char *ref);

/*
 * Whether s is a well-formed org-id: GB-LAE- and a council's three capital letters (whether
 * they are a *known* council's code is for the store to say), GB-CHC- and a charity number of
 * 5 to 8 digits, GB-COH- and a company number (8 digits, or 2 capital letters and 6 digits, or
 * for a registered society 2 capital letters, 5 digits and a capital letter, as IP28755R);
 * any other list as PREFIX-LIST-identifier: capitals and digits in the two prefix parts, the
 * identifier of letters, digits, '-', '.' and '_', ORG_ID_MIN to ORG_ID_MAX bytes in all.
 * 0, or ERR_INVALID with *why a sentence saying what is wrong.
 */
int orgid_check(const char *s, const char **why);
/* The council code in a GB-LAE- org-id (a pointer into s), or NULL for any other. */
const char *orgid_council_code(const char *s);
/*
 * The org-id of the council whose register code is code (an authority's, struct authority's
 * code): "GB-LAE-" and the code, written into buf. Returns buf, or NULL (buf "") when code is
 * NULL, empty or too long: the one way an authority leads to its council's organisation.
 */
const char *orgid_of_council(const char *code, char buf[ORG_ID_MAX + 1]);
/* What to say when a GB-LAE- org-id's code is no council's. */
extern const char orgid_unknown_council[];
/* What to say when another organisation has the org-id already. */
extern const char orgid_taken[];

/* Which fields of a draft were given: bits of enum org_field. */
enum org_field {
    ORG_FIELD_ORG_ID = 1 << 0,
    ORG_FIELD_NAME = 1 << 1,
    ORG_FIELD_TYPE = 1 << 2,
    ORG_FIELD_SECTOR = 1 << 3,
    ORG_FIELD_WEBSITE = 1 << 4,
};

/*
 * An organisation as a person or a file gives it: text as given (borrowed), before it is
 * checked. A field not in given is absent; "" (or NULL) for org_id or website means none, for
 * sector that it follows the type.
 */
struct organisation_draft {
    const char *org_id, *name, *type, *sector, *website;
    unsigned given; /* enum org_field */
};

/* A field at fault (named as in the API, the forms and the CSV header) and what to do. */
struct org_problem {
    const char *field;
    const char *message;
};

#define ORG_PROBLEMS_MAX 5 /* one per field at most */

/*
 * Check d as a whole organisation and fill out (strings borrowed from d; id, gss, verified and
 * the times left 0/NULL, verified 1). The type is needed; the sector may be left to follow it,
 * and if given must be the type's. Returns how many problems were put in problems, in the
 * order of the fields; out is filled only when there are none.
 */
size_t organisation_from_draft(const struct organisation_draft *d, struct organisation *out,
                               struct org_problem problems[ORG_PROBLEMS_MAX]);

/*
 * The draft that patch makes of before: a field patch gives replaces before's, the others
 * keep theirs. A new type without a sector brings its own sector; a sector alone must agree
 * with the type kept. Every field of out is given. Strings are borrowed from both.
 */
void organisation_patch_draft(const struct organisation *before,
                              const struct organisation_draft *patch,
                              struct organisation_draft *out);

#endif
