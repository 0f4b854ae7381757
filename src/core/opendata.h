/*
 * Open data (SPEC section 8): grants published in the 360Giving Data Standard and contracts in
 * the Open Contracting Data Standard (OCDS), as the importers read them, and the org-id
 * identifiers that link their funders, recipients, buyers and suppliers to the organisation
 * register. Money is whole pence (see core/norm.h); dates are "YYYY-MM-DD" text.
 */
#ifndef CORE_OPENDATA_H
#define CORE_OPENDATA_H

#include <stddef.h>
#include <stdint.h>

#include "core/organisation.h"
#include "base/arena.h"
#include "base/date.h"

#define OPENDATA_ID_MAX   200 /* longest identifier kept (grant id, ocid, org-id) */
#define OPENDATA_NAME_MAX 200 /* names are cut to this many bytes, at a character boundary */

/* A grant (360Giving). Strings are borrowed from the decoder's arena; NULL when absent. */
struct grant {
    const char *id;       /* required: the grant's identifier, e.g. "360G-traffordmbc-VSG1342" */
    const char *title;    /* required */
    const char *currency; /* required: ISO 4217, e.g. "GBP" */
    int64_t amount;       /* required: amountAwarded, pence */
    char award_date[DATE_STRLEN + 1]; /* required */
    const char *funder_id;            /* required: fundingOrganization[0].id */
    const char *funder_name;
    const char *recipient_id; /* recipientOrganization[0].id, NULL for an individual */
    const char *recipient_name;
    int recipient_individual;            /* recipientIndividual rather than an organisation */
    char planned_start[DATE_STRLEN + 1]; /* "" when absent; may be "YYYY" or "YYYY-MM" */
    char planned_end[DATE_STRLEN + 1];
    int duration_months;   /* -1 when absent */
    int from_open_call;    /* 1 yes, 0 no, -1 absent */
    const char *programme; /* grantProgramme[0].title */
};

/* A supplier of an awarded contract. */
struct contract_supplier {
    const char *id; /* its identifier in the release (an org-id where the publisher gives one) */
    const char *name;
    int vcse; /* parties[].details.vcse: 1, 0, or -1 unknown */
};

#define CONTRACT_SUPPLIERS_MAX 32

/*
 * A contracting process as one OCDS release (or a record's compiledRelease) describes it.
 * Strings borrowed from the decoder's arena; NULL or "" when absent.
 */
struct contract {
    const char *ocid;           /* required */
    const char *release_id;     /* required */
    char date[DATE_STRLEN + 1]; /* required: the release's date */
    const char *title;          /* tender.title, else the release's title */
    const char *buyer_id, *buyer_name;
    char tender_published[DATE_STRLEN + 1]; /* tender.datePublished */
    char tender_start[DATE_STRLEN + 1];     /* tender.tenderPeriod.startDate */
    char tender_end[DATE_STRLEN + 1];       /* tender.tenderPeriod.endDate */
    int vcse_suitable;                      /* tender.suitability.vcse: 1, 0, -1 unknown */
    const char *value_currency;             /* tender.value */
    int64_t value_amount;
    int has_value;
    const char *award_currency; /* the sum of the awards' values in the first award's currency */
    int64_t award_amount;
    int has_award;
    struct contract_supplier suppliers[CONTRACT_SUPPLIERS_MAX]; /* of every award, each once */
    size_t nsuppliers;
    int suppliers_cut; /* there were more than CONTRACT_SUPPLIERS_MAX */
};

/* The kinds of org-id the register links (SPEC section 2). */
enum orgid_scheme {
    ORGID_NONE, /* not one the register links, e.g. "360G-..." or "GB-CFS-..." */
    ORGID_LAE,  /* GB-LAE-<3 letters>: an English council */
    ORGID_CHC,  /* GB-CHC-<number>: a registered charity */
    ORGID_COH,  /* GB-COH-<company number>: a company */
};

/*
 * Which linked scheme the identifier s is of, in any case: in capitals it must be an org-id the
 * register accepts (orgid_check, core/organisation.h), so a company number is 8 characters
 * everywhere (one published without its leading zeros is not linked). With orgid_linked, that
 * form in capitals into out ("" for ORGID_NONE), as the register keeps it.
 */
enum orgid_scheme orgid_scheme(const char *s);
enum orgid_scheme orgid_linked(const char *s, char out[ORG_ID_MAX + 1]);

/*
 * Finding an organisation by name among the funders, recipients, buyers and suppliers of the
 * open data: a name matches when each word typed begins a word of it, in any case (ASCII
 * letters folded) and any order: "leeds community" finds "Community Foundation for Leeds"
 * but "eds" does not find "Leeds". A word is a run of letters, digits and any byte of a
 * character beyond ASCII; everything else separates words.
 */
#define NAME_WORDS_MAX 8

/*
 * The words of q (at most NAME_WORDS_MAX), in lower case, each from arena, into words; returns
 * how many. *more: q has more words than that (they are not used).
 */
size_t name_words(const char *q, struct arena *arena, const char *words[NAME_WORDS_MAX], int *more);
/* Whether name (NULL: no) holds each of words[0..n) (n > 0) at the start of one of its words. */
int name_has_words(const char *name, const char *const *words, size_t n);

/* The part an organisation plays in the open data. */
enum opendata_role { OPENDATA_FUNDER, OPENDATA_RECIPIENT, OPENDATA_BUYER, OPENDATA_SUPPLIER };

#define OPENDATA_NAMES_MAX 20

/* An organisation found by name or org-id in the open data (store_opendata_names). */
struct opendata_name {
    const char *org_id; /* as the data gives it */
    const char *name;   /* its name in the register, else as the data gives it; or NULL */
    size_t records;     /* the grants, contracts or awards that name it in that part */
    int exact;          /* its org-id is what was asked for (any case) */
};

#endif
