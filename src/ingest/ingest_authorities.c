/*
 * England's principal authorities from the reference data (data/SOURCES.md): every English
 * county, district, metropolitan district, London borough and unitary authority of mySociety's
 * register that is in the 2009-2019 set or exists today, and their former codes.
 */
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "codec/csv.h"
#include "codec/json.h"
#include "base/arena.h"
#include "base/embed.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

extern const struct embed_file refdata_files[];
extern const size_t refdata_files_count;

#define SET_2012_FILE "authorities_2009-2019.csv"
#define REGISTER_FILE "uk_local_authorities.csv"

struct code_2011 {
    char code[8];
    char gss_2011[GSS_LEN + 1];
};

struct load {
    struct arena arena;
    struct buf *err;
    /* the 2009-2019 set: register codes and their 2011 GSS codes */
    struct code_2011 *set2012;
    size_t n2012;
    /* the authorities to write */
    struct authority *items;
    char **former;      /* comma-separated former GSS codes, parallel to items */
    char **replaced_by; /* comma-separated register codes of successors, parallel to items */
    size_t n, cap;
    int col[16];
};

enum {
    C_CODE,
    C_GSS,
    C_GSS_2011,
    C_FORMER,
    C_OFFICIAL,
    C_NICE,
    C_TYPE,
    C_COUNTY,
    C_REGION,
    C_START,
    C_END,
    C_NATION,
    C_REPLACED,
    C_NCOLS
};

static const char *field(const struct load *l, const struct csv_row *row, int c)
{
    int i = l->col[c];
    return i >= 0 && (size_t)i < row->n ? row->fields[i] : "";
}

static int find_columns(struct load *l, const struct csv_row *hdr, const char *file,
                        const int *wanted, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        l->col[wanted[i]] = csv_column(hdr, names[i]);
        if (l->col[wanted[i]] < 0) {
            buf_addf(l->err, "%s: line 1: no column '%s'", file, names[i]);
            return ERR_INVALID;
        }
    }
    return 0;
}

static int on_2012_row(const struct csv_row *row, void *ctx)
{
    static const int wanted[] = {C_CODE, C_GSS, C_GSS_2011};
    static const char *const names[] = {"local-authority-code", "gss-code", "gss-code-2011"};
    struct load *l = ctx;
    struct code_2011 *c;

    if (row->line == 1) {
        return find_columns(l, row, SET_2012_FILE, wanted, names, 3);
    }
    if (strlen(field(l, row, C_CODE)) >= sizeof(c->code) ||
        !gss_is_valid(field(l, row, C_GSS_2011))) {
        buf_addf(l->err, "%s: line %ld: bad code or GSS code", SET_2012_FILE, row->line);
        return ERR_INVALID;
    }
    l->set2012 = xrealloc(l->set2012, st_mult(l->n2012 + 1, sizeof(*l->set2012)));
    c = &l->set2012[l->n2012++];
    memcpy(c->code, field(l, row, C_CODE), strlen(field(l, row, C_CODE)) + 1);
    memcpy(c->gss_2011, field(l, row, C_GSS_2011), GSS_LEN + 1);
    return 0;
}

static const struct code_2011 *in_2012(const struct load *l, const char *code)
{
    for (size_t i = 0; i < l->n2012; i++) {
        if (!strcmp(l->set2012[i].code, code)) {
            return &l->set2012[i];
        }
    }
    return NULL;
}

static int map_type(const char *t, enum authority_type *out)
{
    static const struct {
        const char *code;
        enum authority_type type;
    } types[] = {
        {"CTY", AUTH_COUNTY},
        {"NMD", AUTH_DISTRICT},
        {"MD", AUTH_METROPOLITAN_DISTRICT},
        {"LBO", AUTH_LONDON_BOROUGH},
        {"CC", AUTH_LONDON_BOROUGH},
        {"UA", AUTH_UNITARY},
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (!strcmp(t, types[i].code)) {
            *out = types[i].type;
            return 0;
        }
    }
    return ERR_NOT_FOUND;
}

static const char *dup_or_null(struct load *l, const char *s)
{
    return *s ? arena_strdup(&l->arena, s) : NULL;
}

static int on_register_row(const struct csv_row *row, void *ctx)
{
    static const int wanted[] = {C_CODE,   C_GSS,    C_FORMER, C_OFFICIAL, C_NICE,   C_TYPE,
                                 C_COUNTY, C_REGION, C_START,  C_END,      C_NATION, C_REPLACED};
    static const char *const names[] = {"local-authority-code",
                                        "gss-code",
                                        "former-gss-codes",
                                        "official-name",
                                        "nice-name",
                                        "local-authority-type",
                                        "county-la",
                                        "region",
                                        "start-date",
                                        "end-date",
                                        "nation",
                                        "replaced-by"};
    struct load *l = ctx;
    const struct code_2011 *c2012;
    struct authority *a;
    enum authority_type type;
    size_t region;

    if (row->line == 1) {
        return find_columns(l, row, REGISTER_FILE, wanted, names, 12);
    }
    if (strcmp(field(l, row, C_NATION), "England") != 0 ||
        map_type(field(l, row, C_TYPE), &type) < 0) {
        return 0;
    }
    c2012 = in_2012(l, field(l, row, C_CODE));
    if (!c2012 && *field(l, row, C_END)) {
        return 0; /* neither in the 2009-2019 set nor in existence today */
    }
    if (!*field(l, row, C_REGION)) {
        region = REGION_COUNT; /* blank for some abolished authorities: see resolve_regions */
    } else if (region_parse(field(l, row, C_REGION), &region) < 0) {
        buf_addf(l->err, "%s: line %ld: unknown region '%s'", REGISTER_FILE, row->line,
                 field(l, row, C_REGION));
        return ERR_INVALID;
    }
    if (!gss_is_valid(field(l, row, C_GSS))) {
        buf_addf(l->err, "%s: line %ld: bad GSS code or region", REGISTER_FILE, row->line);
        return ERR_INVALID;
    }
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 512;
        l->items = xrealloc(l->items, st_mult(l->cap, sizeof(*l->items)));
        l->former = xrealloc(l->former, st_mult(l->cap, sizeof(*l->former)));
        l->replaced_by = xrealloc(l->replaced_by, st_mult(l->cap, sizeof(*l->replaced_by)));
    }
    a = &l->items[l->n];
    memset(a, 0, sizeof(*a));
    a->gss = arena_strdup(&l->arena, field(l, row, C_GSS));
    a->code = arena_strdup(&l->arena, field(l, row, C_CODE));
    a->name = arena_strdup(&l->arena, field(l, row, C_NICE));
    a->official_name = arena_strdup(&l->arena, field(l, row, C_OFFICIAL));
    a->type = type;
    a->county_gss = dup_or_null(l, field(l, row, C_COUNTY)); /* a code for now; see below */
    a->region = region < REGION_COUNT ? region_name(region) : NULL;
    a->start_date = dup_or_null(l, field(l, row, C_START));
    a->end_date = dup_or_null(l, field(l, row, C_END));
    a->sets = (c2012 ? AUTH_IN_2012 : 0) | (*field(l, row, C_END) ? 0 : AUTH_IN_CURRENT);
    if (c2012 && strcmp(c2012->gss_2011, a->gss) != 0) {
        a->gss_2011 = arena_strdup(&l->arena, c2012->gss_2011);
    }
    l->former[l->n] = arena_strdup(&l->arena, field(l, row, C_FORMER));
    l->replaced_by[l->n] = arena_strdup(&l->arena, field(l, row, C_REPLACED));
    l->n++;
    return 0;
}

/* The authority with register code code[0..len), or NULL. */
static const struct authority *by_code(const struct load *l, const char *code, size_t len)
{
    for (size_t j = 0; len && j < l->n; j++) {
        if (strlen(l->items[j].code) == len && !strncmp(l->items[j].code, code, len)) {
            return &l->items[j];
        }
    }
    return NULL;
}

/*
 * A county lies in the region of its districts. The register puts two counties elsewhere
 * (Derbyshire and Lincolnshire in the East Midlands' neighbours); their districts agree.
 */
static void correct_county_regions(struct load *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct authority *county = &l->items[i];
        const char *region = NULL;
        int agree = 1;
        if (county->type != AUTH_COUNTY) {
            continue;
        }
        for (size_t j = 0; j < l->n; j++) {
            const struct authority *d = &l->items[j];
            if (d->type != AUTH_DISTRICT || !d->region || !d->county_gss ||
                strcmp(d->county_gss, county->code) != 0) {
                continue;
            }
            agree &= !region || region == d->region;
            region = d->region;
        }
        if (region && agree && county->region != region) {
            county->region = region;
        }
    }
}

/*
 * The register leaves the region of some abolished authorities blank: a district's is its
 * county's (every county lies in one region), anyone else's its successor's.
 */
static int resolve_regions(struct load *l)
{
    correct_county_regions(l);
    for (size_t i = 0; i < l->n; i++) {
        struct authority *a = &l->items[i];
        const struct authority *from;
        if (a->region) {
            continue;
        }
        from = a->county_gss ? by_code(l, a->county_gss, strlen(a->county_gss))
                             : by_code(l, l->replaced_by[i], strcspn(l->replaced_by[i], ","));
        a->region = from ? from->region : NULL;
        if (!a->region) {
            buf_addf(l->err, "%s: '%s' has no region and no successor with one", REGISTER_FILE,
                     a->name);
            return ERR_INVALID;
        }
    }
    return 0;
}

/* Turn each district's county register code into the county's GSS code. */
static int resolve_counties(struct load *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct authority *a = &l->items[i];
        const struct authority *county;
        if (a->type != AUTH_DISTRICT) {
            a->county_gss = NULL;
            continue;
        }
        county = a->county_gss ? by_code(l, a->county_gss, strlen(a->county_gss)) : NULL;
        if (!county || county->type != AUTH_COUNTY) {
            buf_addf(l->err, "%s: district '%s' has no known county", REGISTER_FILE, a->name);
            return ERR_INVALID;
        }
        a->county_gss = county->gss;
    }
    return 0;
}

/* The register's authority i, with json, and its former codes. */
static int write_one(struct store *st, struct load *l, size_t i, const char *json)
{
    const struct authority *a = &l->items[i];
    int seen_2011 = 0, ret;

    if ((ret = store_authority_put(st, a, json)) < 0) {
        buf_addf(l->err, "cannot store authority '%s'", a->gss);
        return ret;
    }
    /* the list is read, not cut up: a transaction run again reads it again */
    for (const char *at = l->former[i], *next; at && *at; at = next) {
        size_t len = strcspn(at, ",");
        char p[16];
        next = at + len + (at[len] == ',');
        if (len >= sizeof(p)) {
            len = sizeof(p) - 1; /* too long for a code: shown cut, refused below */
        }
        memcpy(p, at, len);
        p[len] = '\0';
        if (len >= sizeof(p) - 1 || !gss_is_valid(p)) {
            buf_addf(l->err, "%s: '%s' has a bad former code '%s'", REGISTER_FILE, a->gss, p);
            return ERR_INVALID;
        }
        seen_2011 |= a->gss_2011 && !strcmp(p, a->gss_2011);
        ret = store_authority_alias_put(st, p, a->gss);
        if (ret < 0) {
            buf_addf(l->err, "cannot store former code '%s' of '%s'", p, a->gss);
            return ret;
        }
    }
    if (a->gss_2011 && !seen_2011) {
        /* the 2011 code is an alias even where the register does not list it */
        if ((ret = store_authority_alias_put(st, a->gss_2011, a->gss)) < 0) {
            buf_addf(l->err, "cannot store 2011 code of '%s'", a->gss);
            return ret;
        }
    }
    return 0;
}

/* Every authority of l, each with its JSON for the API's lists. */
static int write_all(struct store *st, struct load *l)
{
    struct buf json = BUF_INIT;
    int ret = 0;
    for (size_t i = 0; i < l->n && ret == 0; i++) {
        /* each with what the API's lists write of it, in the same write (docs/STORE.md) */
        buf_reset(&json);
        json_authority_item(&json, &l->items[i]);
        ret = write_one(st, l, i, json.data);
    }
    buf_release(&json);
    return ret;
}

/* Write what l holds and make the councils' organisations, in one transaction. */
static int publish(struct store *st, struct load *l, size_t *councils, struct buf *err)
{
    int ret;

    if ((ret = store_begin(st)) < 0) {
        buf_addf(err, "cannot start a transaction");
        return ret;
    }
    if ((ret = write_all(st, l)) < 0) {
        goto cleanup;
    }
    /* every council is an organisation too (made once: a person's edits since stand) */
    if ((ret = store_organisation_councils(st, "cli", councils)) < 0) {
        buf_addf(err, "cannot make the councils' organisations");
        goto cleanup;
    }
    if ((ret = store_commit(st)) < 0) {
        buf_addf(err, "cannot commit the reference data");
        return ret;
    }
    return 0;
cleanup:
    store_rollback(st);
    return ret;
}

int ingest_reference_data(struct store *st, size_t *count, struct buf *err)
{
    const struct embed_file *f2012, *freg;
    struct load l;
    size_t n2012 = 0, councils = 0;
    int ret = ERR_INVALID;

    *count = 0;
    memset(&l, 0, sizeof(l));
    arena_init(&l.arena);
    l.err = err;
    f2012 = embed_find(refdata_files, refdata_files_count, SET_2012_FILE);
    freg = embed_find(refdata_files, refdata_files_count, REGISTER_FILE);
    if (!f2012 || !freg) {
        buf_addf(err, "reference data missing from the program");
        goto cleanup;
    }
    if ((ret = csv_read((const char *)f2012->data, f2012->len, on_2012_row, &l, err)) < 0) {
        goto cleanup;
    }
    if ((ret = csv_read((const char *)freg->data, freg->len, on_register_row, &l, err)) < 0) {
        goto cleanup;
    }
    for (size_t i = 0; i < l.n; i++) {
        n2012 += (l.items[i].sets & AUTH_IN_2012) != 0;
    }
    if (n2012 != l.n2012) {
        buf_addf(err, "%zu authorities of the 2009-2019 set are not in the register",
                 l.n2012 - n2012);
        ret = ERR_INVALID;
        goto cleanup;
    }
    if ((ret = resolve_regions(&l)) < 0 || (ret = resolve_counties(&l)) < 0) {
        goto cleanup;
    }
    /* Two `compact init` at once on PostgreSQL: the later writer's transaction fails to
     * serialize (ERR_BUSY) and is run again, now seeing the other's rows. */
    for (int attempt = 1; (ret = publish(st, &l, &councils, err)) == ERR_BUSY && attempt < 3;
         attempt++) {
        buf_reset(err);
    }
    if (ret < 0) {
        goto cleanup;
    }
    *count = l.n;
    ret = 0;
cleanup:
    arena_release(&l.arena);
    free(l.set2012);
    free(l.items);
    free(l.former);
    free(l.replaced_by);
    return ret;
}
