/* 360Giving grants (JSON and flat CSV) and OCDS releases into core structs, with cJSON's trees
 * (read by codec/json_tree.h where it can) and libcsv.
 */
#include "opendata.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codec/csv.h"
#include "codec/json_tree.h"
#include "core/norm.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

enum opendata_syntax opendata_sniff(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        i = 3;
    }
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) {
        i++;
    }
    return i < len && (data[i] == '{' || data[i] == '[') ? OPENDATA_JSON : OPENDATA_CSV;
}

static void warn(struct opendata_warnings *w, const char *field, const char *what)
{
    if (w->n < OPENDATA_WARNINGS_MAX) {
        w->w[w->n].field = field;
        w->w[w->n].what = what;
    }
    w->n++;
}

static int reject(const char **why, const char *text)
{
    *why = text;
    return ERR_INVALID;
}

/*
 * A yes-or-no fact into *out: a JSON boolean, or text norm_yesno reads ("Yes", "N", ...); absent or
 * null leaves *out as it is. The standard writes it as a boolean (as_bool) or as Yes or No text;
 * written the other way it is read with a warning, as is text in an unusual form. ERR_INVALID for
 * anything else.
 */
static int yes_no(const cJSON *item, int as_bool, const char *field, int *out,
                  struct opendata_warnings *w)
{
    int quirk = 0;

    if (cJSON_IsBool(item)) {
        *out = cJSON_IsTrue(item);
        quirk = !as_bool;
    } else if (cJSON_IsString(item)) {
        if (norm_yesno(item->valuestring, strlen(item->valuestring), out, &quirk) < 0) {
            return ERR_INVALID;
        }
        quirk |= as_bool;
    } else if (item && !cJSON_IsNull(item)) {
        return ERR_INVALID;
    }
    if (quirk) {
        warn(w, field, as_bool ? "not written true or false" : "not written Yes or No");
    }
    return 0;
}

/* A copy of s from arena cut to max bytes at a UTF-8 character boundary, or NULL for "". */
static const char *text_dup(struct arena *arena, const char *s, size_t max)
{
    size_t n;
    if (!s || !*s) {
        return NULL;
    }
    n = strlen(s);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) {
            n--; /* s[n] continues a character: cut before it starts */
        }
    }
    return arena_memdupz(arena, s, n);
}

/* An identifier: non-empty, at most OPENDATA_ID_MAX bytes, no control characters. */
static int id_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (!n || n > OPENDATA_ID_MAX) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
            return 0;
        }
    }
    return 1;
}

static const char *json_str(const cJSON *obj, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* The first object of the array obj[name], or NULL. */
static const cJSON *first_of(const cJSON *obj, const char *name)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, name);
    const cJSON *first = cJSON_IsArray(arr) ? arr->child : NULL;
    return cJSON_IsObject(first) ? first : NULL;
}

/* A date field in text: required or not, with the quirk warned about. */
static int date_field(const char *text, const char *field, unsigned flags, int required,
                      char out[DATE_STRLEN + 1], struct opendata_warnings *w, const char **why,
                      const char *bad)
{
    int quirk;
    out[0] = '\0';
    if (!text || !*text) {
        return required ? reject(why, bad) : 0;
    }
    if (norm_date(text, strlen(text), flags, out, &quirk) < 0) {
        return reject(why, bad);
    }
    if (quirk) {
        warn(w, field, "date written dd/mm/yyyy");
    }
    return 0;
}

/* An amount that may be a JSON number or, a quirk, a string. */
static int json_amount(const cJSON *item, const char *field, int64_t *pence,
                       struct opendata_warnings *w)
{
    if (cJSON_IsNumber(item)) {
        return norm_amount_number(item->valuedouble, pence);
    }
    if (cJSON_IsString(item) &&
        norm_amount_text(item->valuestring, strlen(item->valuestring), pence) == 0) {
        warn(w, field, "amount written as text");
        return 0;
    }
    *pence = 0;
    return ERR_INVALID;
}

/* A whole number of months, from a JSON number or, a quirk, a string of digits. */
static int months_value(const char *s, int *out)
{
    long v = 0;
    if (!s || !*s) {
        return ERR_INVALID;
    }
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > 10000) {
            return ERR_INVALID;
        }
        v = v * 10 + (*p - '0');
    }
    *out = (int)v;
    return 0;
}

static int grant_fields(const cJSON *root, struct arena *arena, struct grant *out,
                        struct opendata_warnings *w, const char **why)
{
    const cJSON *item, *org, *planned, *programme;
    const char *s;
    int ret = ERR_INVALID;

    memset(out, 0, sizeof(*out));
    memset(w, 0, sizeof(*w));
    out->duration_months = -1;
    out->from_open_call = -1;
    *why = NULL;
    if (!cJSON_IsObject(root)) {
        ret = reject(why, root ? "the grant is not a JSON object" : "the grant is not valid JSON");
        return ret;
    }
    s = json_str(root, "id");
    if (!id_valid(s)) {
        ret = reject(why, "id must be a non-empty string of at most 200 characters");
        return ret;
    }
    out->id = arena_strdup(arena, s);
    if (!(s = json_str(root, "title")) || !*s) {
        ret = reject(why, "title must be a non-empty string");
        return ret;
    }
    out->title = text_dup(arena, s, OPENDATA_NAME_MAX);
    if (!norm_currency_valid(s = json_str(root, "currency"))) {
        ret = reject(why, "currency must be a three-letter code such as GBP");
        return ret;
    }
    out->currency = arena_strdup(arena, s);
    if (json_amount(cJSON_GetObjectItemCaseSensitive(root, "amountAwarded"), "amountAwarded",
                    &out->amount, w) < 0) {
        ret = reject(why, "amountAwarded must be a number");
        return ret;
    }
    if ((ret = date_field(json_str(root, "awardDate"), "awardDate", 0, 1, out->award_date, w, why,
                          "awardDate must be a date written YYYY-MM-DD or a date-time")) < 0) {
        return ret;
    }
    org = first_of(root, "fundingOrganization");
    if (!org || !id_valid(s = json_str(org, "id"))) {
        ret = reject(why, "fundingOrganization must list the funder with its id");
        return ret;
    }
    out->funder_id = arena_strdup(arena, s);
    out->funder_name = text_dup(arena, json_str(org, "name"), OPENDATA_NAME_MAX);
    if ((org = first_of(root, "recipientOrganization")) != NULL) {
        if (!id_valid(s = json_str(org, "id"))) {
            ret = reject(why, "recipientOrganization must give the recipient's id");
            return ret;
        }
        out->recipient_id = arena_strdup(arena, s);
        out->recipient_name = text_dup(arena, json_str(org, "name"), OPENDATA_NAME_MAX);
    } else if (cJSON_IsObject(item =
                                  cJSON_GetObjectItemCaseSensitive(root, "recipientIndividual"))) {
        out->recipient_individual = 1;
        out->recipient_name = text_dup(arena, json_str(item, "name"), OPENDATA_NAME_MAX);
    } else {
        ret = reject(why, "a grant needs a recipientOrganization or a recipientIndividual");
        return ret;
    }
    if ((planned = first_of(root, "plannedDates")) != NULL) {
        if ((ret = date_field(json_str(planned, "startDate"), "plannedDates.startDate",
                              NORM_PARTIAL, 0, out->planned_start, w, why,
                              "plannedDates.startDate must be a date")) < 0 ||
            (ret = date_field(json_str(planned, "endDate"), "plannedDates.endDate", NORM_PARTIAL, 0,
                              out->planned_end, w, why, "plannedDates.endDate must be a date")) <
                0) {
            return ret;
        }
        item = cJSON_GetObjectItemCaseSensitive(planned, "duration");
        if (cJSON_IsNumber(item)) {
            if (item->valuedouble < 0 || item->valuedouble > 10000 ||
                item->valuedouble != (double)(int)item->valuedouble) {
                ret = reject(why, "plannedDates.duration must be a whole number of months");
                return ret;
            }
            out->duration_months = (int)item->valuedouble;
        } else if (cJSON_IsString(item)) {
            if (months_value(item->valuestring, &out->duration_months) < 0) {
                ret = reject(why, "plannedDates.duration must be a whole number of months");
                return ret;
            }
            warn(w, "plannedDates.duration", "number written as text");
        } else if (item && !cJSON_IsNull(item)) {
            ret = reject(why, "plannedDates.duration must be a whole number of months");
            return ret;
        }
    }
    item = cJSON_GetObjectItemCaseSensitive(root, "fromOpenCall");
    if (yes_no(item, 0, "fromOpenCall", &out->from_open_call, w) < 0) {
        ret = reject(why, "fromOpenCall must be Yes or No");
        return ret;
    }
    if ((programme = first_of(root, "grantProgramme")) != NULL) {
        out->programme = text_dup(arena, json_str(programme, "title"), OPENDATA_NAME_MAX);
    }
    return 0;
}

/*
 * The tree of a record: read into arena by json_tree_parse_some (no allocation per node,
 * nothing to free; only the root's members named in keep, or all for NULL), or, for text it
 * leaves to cJSON (malformed, or what only cJSON reads), by cJSON into *own, which the caller
 * deletes. NULL: not JSON.
 */
static const cJSON *record_tree(const char *text, size_t len, const char *const *keep,
                                struct arena *arena, cJSON **own)
{
    const cJSON *root = json_tree_parse_some(text, len, keep, arena);
    *own = root ? NULL : cJSON_ParseWithLength(text, len);
    return root ? root : *own;
}

/* The members of a grant grant_fields reads. */
static const char *const grant_members[] = {"id",
                                            "title",
                                            "currency",
                                            "amountAwarded",
                                            "awardDate",
                                            "fundingOrganization",
                                            "recipientOrganization",
                                            "recipientIndividual",
                                            "plannedDates",
                                            "fromOpenCall",
                                            "grantProgramme",
                                            NULL};

int grant_from_json(const char *text, size_t len, struct arena *arena, struct grant *out,
                    struct opendata_warnings *w, const char **why)
{
    cJSON *own;
    int ret = grant_fields(record_tree(text, len, grant_members, arena, &own), arena, out, w, why);

    cJSON_Delete(own);
    if (ret < 0) {
        memset(out, 0, sizeof(*out));
    }
    return ret;
}

size_t grant_read(const char *text, size_t len, int depth, long *lines, struct arena *arena,
                  const struct cJSON **tree)
{
    size_t used;
    len = len < JSON_TREE_MAX ? len : JSON_TREE_MAX; /* a longer record: read by the scan */
    *tree = json_tree_parse_prefix(text, len, grant_members, depth, arena, &used, lines);
    return *tree ? used : 0;
}

int grant_from_tree(const struct cJSON *tree, struct arena *arena, struct grant *out,
                    struct opendata_warnings *w, const char **why)
{
    int ret = grant_fields(tree, arena, out, w, why);
    if (ret < 0) {
        memset(out, 0, sizeof(*out));
    }
    return ret;
}

/* Add a supplier once, by identifier (or name when it has none). */
static void add_supplier(struct contract *c, const cJSON *s, const cJSON *parties,
                         struct arena *arena, struct opendata_warnings *w)
{
    const char *id = json_str(s, "id"), *name = json_str(s, "name");
    const cJSON *party;
    struct contract_supplier *cs;

    if (!id_valid(id) && !(name && *name)) {
        return;
    }
    for (size_t i = 0; i < c->nsuppliers; i++) {
        const struct contract_supplier *o = &c->suppliers[i];
        if ((id && o->id && !strcmp(id, o->id)) ||
            (!id && !o->id && name && o->name && !strncmp(name, o->name, OPENDATA_NAME_MAX))) {
            return;
        }
    }
    if (c->nsuppliers == CONTRACT_SUPPLIERS_MAX) {
        if (!c->suppliers_cut) {
            c->suppliers_cut = 1;
            warn(w, "awards.suppliers", "more than 32 suppliers: the rest are not kept");
        }
        return;
    }
    cs = &c->suppliers[c->nsuppliers++];
    cs->id = id_valid(id) ? arena_strdup(arena, id) : NULL;
    cs->name = text_dup(arena, name, OPENDATA_NAME_MAX);
    cs->vcse = -1;
    cJSON_ArrayForEach(party, parties)
    {
        const char *pid = json_str(party, "id");
        const cJSON *details = cJSON_GetObjectItemCaseSensitive(party, "details"), *vcse;
        if (!id || !pid || strcmp(pid, id) != 0) {
            continue;
        }
        vcse = cJSON_GetObjectItemCaseSensitive(details, "vcse");
        if (cJSON_IsBool(vcse)) {
            cs->vcse = cJSON_IsTrue(vcse);
        }
        if (!cs->name) {
            cs->name = text_dup(arena, json_str(party, "name"), OPENDATA_NAME_MAX);
        }
        break;
    }
}

/* The value object {amount, currency} at obj[name]: 0 absent, 1 read, ERR_INVALID. */
static int value_of(const cJSON *obj, const char *name, const char *field, struct arena *arena,
                    const char **currency, int64_t *amount, struct opendata_warnings *w)
{
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(obj, name);
    const cJSON *amt = cJSON_GetObjectItemCaseSensitive(value, "amount");
    const char *cur = json_str(value, "currency");

    *currency = NULL;
    *amount = 0;
    if (!value || cJSON_IsNull(value) || !amt || cJSON_IsNull(amt)) {
        return 0;
    }
    if (!cJSON_IsObject(value) || json_amount(amt, field, amount, w) < 0 ||
        !norm_currency_valid(cur)) {
        return ERR_INVALID;
    }
    *currency = arena_strdup(arena, cur);
    return 1;
}

static int contract_fields(const cJSON *root, int record, struct arena *arena, struct contract *out,
                           struct opendata_warnings *w, const char **why)
{
    const cJSON *rel = root, *tender, *period, *suit, *buyer, *award, *parties, *item;
    const char *s;
    int ret = ERR_INVALID;

    memset(out, 0, sizeof(*out));
    memset(w, 0, sizeof(*w));
    out->vcse_suitable = -1;
    *why = NULL;
    if (!cJSON_IsObject(root)) {
        ret = reject(why,
                     root ? "the release is not a JSON object" : "the release is not valid JSON");
        return ret;
    }
    if (record) {
        rel = cJSON_GetObjectItemCaseSensitive(root, "compiledRelease");
        if (!cJSON_IsObject(rel)) {
            ret = reject(why, "the record has no compiledRelease");
            return ret;
        }
    }
    if (!id_valid(s = json_str(rel, "ocid"))) {
        ret = reject(why, "ocid must be a non-empty string of at most 200 characters");
        return ret;
    }
    out->ocid = arena_strdup(arena, s);
    if (!id_valid(s = json_str(rel, "id"))) {
        ret = reject(why, "id must be a non-empty string of at most 200 characters");
        return ret;
    }
    out->release_id = arena_strdup(arena, s);
    if ((ret = date_field(json_str(rel, "date"), "date", 0, 1, out->date, w, why,
                          "date must be a date-time such as 2025-01-23T22:10:19Z")) < 0) {
        return ret;
    }
    out->title = text_dup(arena, json_str(rel, "title"), OPENDATA_NAME_MAX);
    tender = cJSON_GetObjectItemCaseSensitive(rel, "tender");
    if (cJSON_IsObject(tender)) {
        if ((s = json_str(tender, "title")) != NULL && *s) {
            out->title = text_dup(arena, s, OPENDATA_NAME_MAX);
        }
        if ((ret = date_field(json_str(tender, "datePublished"), "tender.datePublished", 0, 0,
                              out->tender_published, w, why,
                              "tender.datePublished must be a date-time")) < 0) {
            return ret;
        }
        period = cJSON_GetObjectItemCaseSensitive(tender, "tenderPeriod");
        if ((ret = date_field(json_str(period, "startDate"), "tender.tenderPeriod.startDate", 0, 0,
                              out->tender_start, w, why,
                              "tender.tenderPeriod.startDate must be a date-time")) < 0 ||
            (ret = date_field(json_str(period, "endDate"), "tender.tenderPeriod.endDate", 0, 0,
                              out->tender_end, w, why,
                              "tender.tenderPeriod.endDate must be a date-time")) < 0) {
            return ret;
        }
        suit = cJSON_GetObjectItemCaseSensitive(tender, "suitability");
        item = cJSON_GetObjectItemCaseSensitive(suit, "vcse");
        if (yes_no(item, 1, "tender.suitability.vcse", &out->vcse_suitable, w) < 0) {
            ret = reject(why, "tender.suitability.vcse must be true or false");
            return ret;
        }
        ret = value_of(tender, "value", "tender.value.amount", arena, &out->value_currency,
                       &out->value_amount, w);
        if (ret < 0) {
            ret = reject(why, "tender.value must have a numeric amount and a currency code");
            return ret;
        }
        out->has_value = ret;
    }
    buyer = cJSON_GetObjectItemCaseSensitive(rel, "buyer");
    parties = cJSON_GetObjectItemCaseSensitive(rel, "parties");
    if (cJSON_IsObject(buyer)) {
        out->buyer_id = id_valid(s = json_str(buyer, "id")) ? arena_strdup(arena, s) : NULL;
        out->buyer_name = text_dup(arena, json_str(buyer, "name"), OPENDATA_NAME_MAX);
    }
    cJSON_ArrayForEach(award, cJSON_GetObjectItemCaseSensitive(rel, "awards"))
    {
        const char *cur;
        int64_t amount;
        const cJSON *supplier;
        ret = value_of(award, "value", "awards.value.amount", arena, &cur, &amount, w);
        if (ret < 0) {
            ret = reject(why, "awards.value must have a numeric amount and a currency code");
            return ret;
        }
        if (ret == 1 && !out->has_award) {
            out->has_award = 1;
            out->award_currency = cur;
            out->award_amount = amount;
        } else if (ret == 1 && !strcmp(cur, out->award_currency)) {
            if ((amount > 0 && out->award_amount > NORM_AMOUNT_MAX - amount) ||
                (amount < 0 && out->award_amount < -NORM_AMOUNT_MAX - amount)) {
                ret = reject(why, "awards.value amounts add up to more than can be kept");
                return ret;
            }
            out->award_amount += amount;
        } else if (ret == 1) {
            warn(w, "awards.value.currency", "awards in more than one currency");
        }
        cJSON_ArrayForEach(supplier, cJSON_GetObjectItemCaseSensitive(award, "suppliers"))
        {
            if (cJSON_IsObject(supplier)) {
                add_supplier(out, supplier, parties, arena, w);
            }
        }
    }
    return 0;
}

int contract_from_json(const char *text, size_t len, int record, struct arena *arena,
                       struct contract *out, struct opendata_warnings *w, const char **why)
{
    cJSON *own;
    int ret =
        contract_fields(record_tree(text, len, NULL, arena, &own), record, arena, out, w, why);

    cJSON_Delete(own);
    if (ret < 0) {
        memset(out, 0, sizeof(*out));
    }
    return ret;
}

/* The columns of a 360Giving flat CSV file the importer reads. */
enum {
    G_ID,
    G_TITLE,
    G_CURRENCY,
    G_AMOUNT,
    G_AWARD_DATE,
    G_RECIPIENT_ID,
    G_RECIPIENT_NAME,
    G_INDIVIDUAL_ID,
    G_INDIVIDUAL_NAME,
    G_FUNDER_ID,
    G_FUNDER_NAME,
    G_START,
    G_END,
    G_DURATION,
    G_OPEN_CALL,
    G_PROGRAMME,
    G_NCOLS
};

static const char *const grant_columns[G_NCOLS] = {
    "Identifier",
    "Title",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Ind:Identifier",
    "Recipient Ind:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Planned Dates:Duration (months)",
    "From an open call?",
    "Grant Programme:Title",
};

struct grant_csv {
    struct csv_stream *cs;
    grant_row_fn fn;
    void *ctx;
    struct arena arena;
    int col[G_NCOLS];
    int header_done;
    size_t index;
    struct buf *err; /* the caller's, during a feed */
};

static const char *cell(const struct grant_csv *g, const struct csv_row *row, int c)
{
    int i = g->col[c];
    return i >= 0 && (size_t)i < row->n ? row->fields[i] : "";
}

static int csv_header(struct grant_csv *g, const struct csv_row *row)
{
    for (int c = 0; c < G_NCOLS; c++) {
        g->col[c] = -1;
        for (size_t i = 0; i < row->n; i++) {
            if (!strcasecmp(row->fields[i], grant_columns[c])) {
                g->col[c] = (int)i;
                break;
            }
        }
    }
    static const int required[] = {G_ID, G_TITLE, G_CURRENCY, G_AMOUNT, G_AWARD_DATE, G_FUNDER_ID};
    for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
        if (g->col[required[i]] < 0) {
            buf_addf(g->err, "line %ld: no column '%s'", row->line, grant_columns[required[i]]);
            return ERR_INVALID;
        }
    }
    if (g->col[G_RECIPIENT_ID] < 0 && g->col[G_INDIVIDUAL_ID] < 0) {
        buf_addf(g->err, "line %ld: no column '%s' or '%s'", row->line,
                 grant_columns[G_RECIPIENT_ID], grant_columns[G_INDIVIDUAL_ID]);
        return ERR_INVALID;
    }
    g->header_done = 1;
    return 0;
}

/* Decode one data row; 0, or ERR_INVALID with *why. */
static int csv_grant(struct grant_csv *g, const struct csv_row *row, struct grant *out,
                     struct opendata_warnings *w, const char **why)
{
    struct arena *a = &g->arena;
    const char *s;
    int quirk;

    memset(out, 0, sizeof(*out));
    out->duration_months = -1;
    out->from_open_call = -1;
    if (!id_valid(s = cell(g, row, G_ID))) {
        return reject(why, "Identifier must be given, in at most 200 characters");
    }
    out->id = arena_strdup(a, s);
    if (!*(s = cell(g, row, G_TITLE))) {
        return reject(why, "Title must be given");
    }
    out->title = text_dup(a, s, OPENDATA_NAME_MAX);
    if (!norm_currency_valid(s = cell(g, row, G_CURRENCY))) {
        return reject(why, "Currency must be a three-letter code such as GBP");
    }
    out->currency = arena_strdup(a, s);
    s = cell(g, row, G_AMOUNT);
    if (norm_amount_text(s, strlen(s), &out->amount) < 0) {
        return reject(why, "Amount Awarded must be a number");
    }
    if (date_field(cell(g, row, G_AWARD_DATE), "Award Date", 0, 1, out->award_date, w, why,
                   "Award Date must be a date written YYYY-MM-DD or a date-time") < 0) {
        return ERR_INVALID;
    }
    if (!id_valid(s = cell(g, row, G_FUNDER_ID))) {
        return reject(why, "Funding Org:Identifier must be given");
    }
    out->funder_id = arena_strdup(a, s);
    out->funder_name = text_dup(a, cell(g, row, G_FUNDER_NAME), OPENDATA_NAME_MAX);
    if (*(s = cell(g, row, G_RECIPIENT_ID))) {
        if (!id_valid(s)) {
            return reject(why, "Recipient Org:Identifier must be at most 200 characters");
        }
        out->recipient_id = arena_strdup(a, s);
        out->recipient_name = text_dup(a, cell(g, row, G_RECIPIENT_NAME), OPENDATA_NAME_MAX);
    } else if (*cell(g, row, G_INDIVIDUAL_ID)) {
        out->recipient_individual = 1;
        out->recipient_name = text_dup(a, cell(g, row, G_INDIVIDUAL_NAME), OPENDATA_NAME_MAX);
    } else {
        return reject(why, "a grant needs a Recipient Org:Identifier or Recipient Ind:Identifier");
    }
    if (date_field(cell(g, row, G_START), "Planned Dates:Start Date", NORM_PARTIAL, 0,
                   out->planned_start, w, why, "Planned Dates:Start Date must be a date") < 0 ||
        date_field(cell(g, row, G_END), "Planned Dates:End Date", NORM_PARTIAL, 0, out->planned_end,
                   w, why, "Planned Dates:End Date must be a date") < 0) {
        return ERR_INVALID;
    }
    if (*(s = cell(g, row, G_DURATION)) && months_value(s, &out->duration_months) < 0) {
        return reject(why, "Planned Dates:Duration (months) must be a whole number");
    }
    if (*(s = cell(g, row, G_OPEN_CALL))) {
        if (norm_yesno(s, strlen(s), &out->from_open_call, &quirk) < 0) {
            return reject(why, "From an open call? must be Yes or No");
        }
        if (quirk) {
            warn(w, "From an open call?", "not written Yes or No");
        }
    }
    out->programme = text_dup(a, cell(g, row, G_PROGRAMME), OPENDATA_NAME_MAX);
    return 0;
}

static int on_csv_row(const struct csv_row *row, void *ctx)
{
    struct grant_csv *g = ctx;
    struct opendata_warnings w;
    struct grant grant;
    struct grant_row gr;
    int blank = 1, ret;

    if (!g->header_done) {
        return csv_header(g, row);
    }
    for (size_t i = 0; i < row->n && blank; i++) {
        blank = row->lens[i] == 0;
    }
    if (blank) {
        return 0;
    }
    memset(&w, 0, sizeof(w));
    arena_reset(&g->arena);
    gr.index = ++g->index;
    gr.line = row->line;
    gr.why = NULL;
    gr.warnings = &w;
    gr.grant = csv_grant(g, row, &grant, &w, &gr.why) == 0 ? &grant : NULL;
    ret = g->fn(&gr, g->ctx);
    return ret;
}

struct grant_csv *grant_csv_new(grant_row_fn fn, void *ctx)
{
    struct grant_csv *g = xcalloc(1, sizeof(*g));
    g->fn = fn;
    g->ctx = ctx;
    arena_init(&g->arena);
    g->cs = csv_stream_new(on_csv_row, g);
    return g;
}

void grant_csv_free(struct grant_csv *g)
{
    if (!g) {
        return;
    }
    csv_stream_free(g->cs);
    arena_release(&g->arena);
    free(g);
}

int grant_csv_feed(struct grant_csv *g, const char *data, size_t len, struct buf *err)
{
    g->err = err;
    return csv_stream_feed(g->cs, data, len, err);
}

int grant_csv_finish(struct grant_csv *g, struct buf *err)
{
    int ret;
    g->err = err;
    ret = csv_stream_finish(g->cs, err);
    if (!ret && !g->header_done) {
        buf_addf(err, "line 1: no header row");
        ret = ERR_INVALID;
    }
    return ret;
}
