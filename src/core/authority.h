/*
 * England's principal local authorities, identified by their current GSS code. Two sets matter
 * (SPEC section 2): the 353 of 2009-2019 that the 2011 figures refer to, and today's.
 */
#ifndef CORE_AUTHORITY_H
#define CORE_AUTHORITY_H

#include <stddef.h>

#define GSS_LEN 9 /* "E07000240" */

enum authority_type {
    AUTH_COUNTY,
    AUTH_DISTRICT,
    AUTH_METROPOLITAN_DISTRICT,
    AUTH_LONDON_BOROUGH,
    AUTH_UNITARY,
    AUTH_TYPE_COUNT
};

enum authority_set { AUTH_SET_2012, AUTH_SET_CURRENT, AUTH_SET_COUNT };

enum authority_set_flags {
    AUTH_IN_2012 = 1 << AUTH_SET_2012,
    AUTH_IN_CURRENT = 1 << AUTH_SET_CURRENT,
};

#define REGION_COUNT 9

/* Strings are borrowed from whoever filled the struct (an arena or a store row buffer). */
struct authority {
    const char *gss;
    const char *gss_2011; /* the code in use in 2011 where it was recoded later, else NULL */
    const char *code;     /* the three-letter register code, e.g. "TRF" */
    const char *name;     /* "Trafford" */
    const char *official_name;
    enum authority_type type;
    const char *county_gss; /* districts only, else NULL */
    const char *county_name;
    const char *region;     /* "North West" */
    const char *start_date; /* "YYYY-MM-DD" or NULL where unknown */
    const char *end_date;   /* NULL while in existence */
    unsigned sets;          /* enum authority_set_flags */
};

/* The type's identifier ("metropolitan_district") and its label for people. */
const char *authority_type_id(enum authority_type t);
const char *authority_type_label(enum authority_type t);
const char *authority_type_plural(enum authority_type t);
/* Parse an identifier; 0 and *out, or ERR_INVALID. */
int authority_type_parse(const char *s, enum authority_type *out);

/* "2012" or "current", and labels for people. */
const char *authority_set_id(enum authority_set s);
const char *authority_set_label(enum authority_set s);
int authority_set_parse(const char *s, enum authority_set *out);

/* England's nine regions, in the order ONS lists them; i < REGION_COUNT. */
const char *region_name(size_t i);
/* The region's URL identifier, e.g. "yorkshire-and-the-humber". */
const char *region_id(size_t i);
/* Accept either a region's name (any case) or its identifier; 0 and *out = its index. */
int region_parse(const char *s, size_t *out);

/* Whether s looks like an English GSS code: 'E', then 8 digits. */
int gss_is_valid(const char *s);

#endif
