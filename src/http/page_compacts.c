/* The local Compact pages: the list, one Compact, and the forms that add and change them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compact_query.h"
#include "handlers.h"
#include "page_coordinators.h"
#include "app/check.h"
#include "app/policy.h"
#include "view/page_compacts.h"
#include "base/err.h"
#include "base/banned.h"

#define FORM_MAX_ERRORS 24

static const char *lookup(const void *ctx, const char *field)
{
    return query_get(ctx, field);
}

static void add_error(struct field_error *errs, size_t *n, const char *field, const char *msg)
{
    if (*n < FORM_MAX_ERRORS) {
        errs[(*n)++] = (struct field_error){field, msg};
    }
}

static int html(struct request *r)
{
    r->content_type = "text/html; charset=utf-8";
    return 0;
}

static const char *compact_location(struct request *r, long long id)
{
    struct buf b = BUF_INIT;
    const char *out;

    buf_addf(&b, "/compacts/%lld", id);
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}

/*
 * What a save changed travels to the page it returns to as ?done=KEY,KEY (post/redirect/get,
 * no JavaScript): each key one of this fixed table or a parameter's id, anything else ignored.
 * The page says each change in its own words with the values as stored, so the address can
 * neither put text on the page nor make it say something other than these.
 */
static const struct {
    const char *key;
    unsigned bit;
} done_keys[] = {
    {"name", DONE_NAME},           {"authorities", DONE_AUTHORITIES}, {"adopted", DONE_ADOPTED},
    {"refreshed", DONE_REFRESHED}, {"review", DONE_REVIEW},           {"document", DONE_DOCUMENT},
    {"contacts", DONE_CONTACTS},   {"status", DONE_STATUS},           {"code", DONE_CODE},
    {"nothing", DONE_NOTHING},
};

/* The bits of the keys in text ("review,adopted"); unknown keys count for nothing. */
static unsigned done_parse(const char *text)
{
    unsigned done = 0;

    while (text && *text) {
        size_t len = strcspn(text, ",");
        for (size_t i = 0; i < sizeof(done_keys) / sizeof(done_keys[0]); i++) {
            if (strlen(done_keys[i].key) == len && !strncmp(text, done_keys[i].key, len)) {
                done |= done_keys[i].bit;
            }
        }
        for (int p = 0; p < PARAM_COUNT; p++) {
            const char *id = param_id((enum param)p);
            if (strlen(id) == len && !strncmp(text, id, len)) {
                done |= DONE_PARAM(p);
            }
        }
        for (int p = 0; p < CPARAM_COUNT; p++) {
            const char *id = complaint_param_id((enum complaint_param)p);
            if (strlen(id) == len && !strncmp(text, id, len)) {
                done |= DONE_CPARAM(p);
            }
        }
        text += len + (text[len] == ',');
    }
    return done;
}

/* 303 to the Compact's page, saying what changed (done: enum compact_done and DONE_PARAM bits;
 * 0 for nothing). */
static int redirect_done(struct request *r, long long id, unsigned done)
{
    struct buf b = BUF_INIT;
    const char *sep = "?done=", *out;

    buf_addf(&b, "/compacts/%lld", id);
    for (size_t i = 0; i < sizeof(done_keys) / sizeof(done_keys[0]); i++) {
        if (done & done_keys[i].bit) {
            buf_addf(&b, "%s%s", sep, done_keys[i].key);
            sep = ",";
        }
    }
    for (int p = 0; p < PARAM_COUNT; p++) {
        if (done & DONE_PARAM(p)) {
            buf_addf(&b, "%s%s", sep, param_id((enum param)p));
            sep = ",";
        }
    }
    for (int p = 0; p < CPARAM_COUNT; p++) {
        if (done & DONE_CPARAM(p)) {
            buf_addf(&b, "%s%s", sep, complaint_param_id((enum complaint_param)p));
            sep = ",";
        }
    }
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return reply_redirect(r, out);
}

/* A form field, trimmed; NULL when blank. */
static const char *field(struct request *r, const struct query *q, const char *name)
{
    return query_trim(r->arena, query_get(q, name));
}

static const char *stem_field(struct request *r, const struct query *q, const char *stem,
                              const char *part)
{
    struct buf b = BUF_INIT;
    const char *v;

    buf_addf(&b, "%s-%s", stem, part);
    v = field(r, q, b.data);
    buf_release(&b);
    return v;
}

static int number(const char *s, long lo, long hi, long *out)
{
    char *end;

    errno = 0;
    *out = strtol(s, &end, 10);
    return *s && !*end && !errno && *out >= lo && *out <= hi ? 0 : ERR_INVALID;
}

/* Put a date's three fields into q (nothing for 0). */
static void put_date(struct request *r, struct query *q, const char *stem, date_t d)
{
    static const char *const parts[] = {"day", "month", "year"};
    int v[3];

    if (!d) {
        return;
    }
    date_to_ymd(d, &v[2], &v[1], &v[0]);
    for (size_t i = 0; i < 3 && q->n < QUERY_MAX_PARAMS; i++) {
        struct buf name = BUF_INIT, value = BUF_INIT;
        buf_addf(&name, "%s-%s", stem, parts[i]);
        buf_addf(&value, "%d", v[i]);
        q->params[q->n++] = (struct query_param){arena_strdup(r->arena, name.data),
                                                 arena_strdup(r->arena, value.data)};
        buf_release(&name);
        buf_release(&value);
    }
}

static void put(struct query *q, const char *name, const char *value)
{
    if (value && q->n < QUERY_MAX_PARAMS) {
        q->params[q->n++] = (struct query_param){name, value};
    }
}

/* ---- the list and one Compact ---- */

int page_compacts(struct request *r)
{
    struct compacts_view v = {0};
    struct compact_filter f;
    struct field_error *errs = arena_alloc(r->arena, COMPACT_QUERY_ERRORS * sizeof(*errs));
    struct compact_summary *items = NULL;
    int ret;

    v.nerrors = compact_query(r, 0, &f, errs);
    v.errors = errs;
    if (v.nerrors) {
        r->status = 400;
    } else if ((ret = store_compact_list(r->st, &f, r->arena, &items, &v.n)) < 0) {
        return ret;
    }
    v.q = f.q;
    v.status = f.status;
    v.region = f.region;
    v.overdue = f.overdue;
    v.items = items;
    v.can_create = policy_compact_create(&r->user) == 0;
    view_compacts_page(r->body, &v, request_viewer(r));
    return html(r);
}

int page_compact(struct request *r)
{
    struct compact_page_view v = {0};
    struct compact_shown p;
    unsigned signed_types;
    long long id;
    int ret;

    if (compact_param(r, &id) < 0) {
        return ERR_NOT_FOUND;
    }
    if ((ret = store_compact_shown(r->st, id, r->arena, &p)) < 0) {
        return ret;
    }
    if ((ret = policy_compact_edit(r->st, &r->user, id)) < 0 && ret != ERR_FORBIDDEN) {
        return ret;
    }
    v.may_edit = ret == 0;
    v.signed_in = policy_audit_read(&r->user, "compact", r->params[0]) == 0;
    if ((ret = page_coordinators_of(r, &p.entry, &v.coordinators)) < 0) {
        return ret;
    }
    v.notice = page_coordinators_notice(r);
    v.entry = &p.entry;
    v.signatories = p.signatories;
    v.nsignatories = p.nsignatories;
    v.done = done_parse(query_get(&r->query, "done"));
    v.today = r->cache_day = date_today(); /* its status and review are as of today */
    signed_types = signup_types(p.partners, p.npartners, v.today);
    v.partners = &signed_types;
    v.complaint_params = &p.complaint;
    view_compact_page(r->body, &v, request_viewer(r));
    return html(r);
}

/* The Compact of the route, for a form: ERR_NOT_FOUND, or ERR_FORBIDDEN for one the person may
 * not change. */
static int editable(struct request *r, struct compact_entry *e)
{
    int ret = compact_entry_param(r, e);

    if (ret < 0) {
        return ret;
    }
    ret = policy_compact_edit(r->st, &r->user, e->id);
    if (ret == ERR_FORBIDDEN) {
        return reply_error(r, 403,
                           "Only an admin or a coordinator of this Compact may change "
                           "it.") < 0
                   ? ERR_FORBIDDEN
                   : 1;
    }
    return ret;
}

/* editable, then the form posted read into q: 0, an error, or 1 when a reply has been made. */
static int editable_post(struct request *r, struct compact_entry *e, struct query *q)
{
    int ret = editable(r, e);

    if (ret == 0 && request_form(r, q) < 0) {
        ret = reply_error(r, 400, "The form could not be read.");
        return ret < 0 ? ret : 1;
    }
    return ret;
}

/* ---- the details form ---- */

/* The details form's answers, checked; errors appended. */
struct details {
    const char *name;
    const char *authorities[COMPACT_AUTHORITIES_MAX];
    size_t nauthorities;
    date_t adopted, refreshed, review_due;
    const char *document_url;
    struct compact_contact contacts[COMPACT_FORM_CONTACTS];
    size_t ncontacts;
};

static const char *unknown_authority(struct request *r, const char *text)
{
    struct buf b = BUF_INIT;
    const char *out;

    buf_addf(&b, "'%s' is not an English principal authority: enter its name or GSS code", text);
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}

static void read_authorities(struct request *r, const struct query *q, struct details *d,
                             struct field_error *errs, size_t *n)
{
    const char *text = query_get(q, "authorities");

    d->nauthorities = 0;
    while (text && *text) {
        size_t len = strcspn(text, "\r\n");
        const char *line, *gss;
        struct buf b = BUF_INIT;
        buf_add(&b, text, len);
        text += len;
        text += strspn(text, "\r\n");
        line = query_trim(r->arena, b.data);
        buf_release(&b);
        if (!line) {
            continue;
        }
        if (store_compact_find_authority(r->st, line, r->arena, &gss) < 0) {
            add_error(errs, n, "authorities", unknown_authority(r, line));
        } else if (d->nauthorities == COMPACT_AUTHORITIES_MAX) {
            add_error(errs, n, "authorities", "A Compact names at most 64 authorities");
            return;
        } else {
            d->authorities[d->nauthorities++] = gss;
        }
    }
    if (!d->nauthorities && !*n) {
        add_error(errs, n, "authorities", "Enter at least one authority the Compact covers");
    }
}

static const char *dash(struct request *r, const char *field_name)
{
    char *s = arena_strdup(r->arena, field_name);
    for (char *p = s; *p; p++) {
        *p = *p == '.' ? '-' : *p;
    }
    return s;
}

/* The six-year rule's message: what to enter, with the latest date it allows. */
static const char *review_message(struct request *r, date_t adopted, date_t refreshed)
{
    char latest[DATE_LONG_MAX + 1];
    struct buf b = BUF_INIT;
    const char *out;

    date_format_long(compact_review_due(adopted, refreshed, 0), latest);
    buf_addf(&b, "Enter a review date no later than %s, six years after the date it was %s", latest,
             refreshed > adopted ? "last refreshed" : "adopted");
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}

/* The answers of the details form into d, errors appended. follows: the review date the form
 * showed for one that follows the dates (six years after), read as none when it comes back
 * unchanged; 0 when it showed a date set. */
static void read_details(struct request *r, const struct query *q, date_t follows,
                         struct details *d, struct field_error *errs, size_t *n)
{
    static const struct {
        const char *stem;
        struct date_messages message; /* each may be blank */
    } dates[] = {
        {"adopted", {NULL, "Enter a real date the Compact was adopted, for example 1 4 2012"}},
        {"refreshed",
         {NULL, "Enter a real date the Compact was last refreshed, for example 1 4 2012"}},
        {"review_due", {NULL, "Enter a real date the next review is due, for example 1 4 2018"}},
    };
    date_t *out[] = {&d->adopted, &d->refreshed, &d->review_due};
    const char *f, *why;

    memset(d, 0, sizeof(*d));
    d->name = field(r, q, "name");
    if (!d->name) {
        add_error(errs, n, "name", "Enter the name of the Compact");
    } else if (strlen(d->name) > COMPACT_NAME_MAX) {
        add_error(errs, n, "name", "The name must be 200 characters or fewer");
    }
    read_authorities(r, q, d, errs, n);
    for (size_t i = 0; i < 3; i++) {
        read_date(q, dates[i].stem, &dates[i].message, NULL, out[i], &why);
        if (why) {
            add_error(errs, n, dates[i].stem, why);
        }
    }
    if (follows && d->review_due == follows) {
        d->review_due = 0; /* it goes on following the dates */
    }
    if (d->review_due && !compact_review_due_allowed(d->adopted, d->refreshed, d->review_due)) {
        add_error(errs, n, "review_due", review_message(r, d->adopted, d->refreshed));
    }
    d->document_url = field(r, q, "document_url");
    if (d->document_url && !compact_url_is_valid(d->document_url)) {
        add_error(errs, n, "document_url",
                  "Enter the document's address starting https:// or http://");
    }
    for (size_t i = 0; i < COMPACT_FORM_CONTACTS; i++) {
        struct buf at = BUF_INIT;
        struct compact_contact k;
        buf_addf(&at, "contact-%zu", i);
        k.name = stem_field(r, q, at.data, "name");
        k.role = stem_field(r, q, at.data, "role");
        k.email = stem_field(r, q, at.data, "email");
        k.phone = stem_field(r, q, at.data, "phone");
        if (k.name || k.role || k.email || k.phone) {
            if (compact_contact_check(&k, at.data, r->arena, &f, &why) < 0) {
                add_error(errs, n, dash(r, f),
                          !k.name ? "Enter the contact's name, or leave the contact blank"
                          : strstr(f, "email")
                              ? "Enter an email address in the correct format, like "
                                "name@example.org"
                              : "The contact's details are too long");
            } else {
                d->contacts[d->ncontacts++] = k;
            }
        }
        buf_release(&at);
    }
}

/* The message for a field the core refused in d. */
static const char *core_message(struct request *r, const struct details *d, const char *f,
                                const char *why)
{
    if (!strcmp(f, "review_due")) {
        return review_message(r, d->adopted, d->refreshed);
    }
    if (!strcmp(f, "refreshed")) {
        return "The date it was last refreshed must not be before the date it was adopted";
    }
    return why;
}

/* The field of the details form a "Change" link names (?change=), from a fixed list; or NULL. */
static const char *change_field(const char *given)
{
    static const char *const fields[] = {"name",       "authorities",  "adopted", "refreshed",
                                         "review_due", "document_url", "contacts"};

    for (size_t i = 0; given && i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (!strcmp(given, fields[i])) {
            return fields[i];
        }
    }
    return NULL;
}

/* The details form: to add a Compact (e NULL) or change e, with the answers q and errors; the
 * field ?change= names has the focus when there are none. */
static int details_form(struct request *r, const struct compact_entry *e, const struct query *q,
                        size_t ncontacts, const struct field_error *errs, size_t n)
{
    struct compact_form_view v = {.values = {lookup, q}};

    if (e) {
        v.id = e->id;
        v.name = e->name;
        v.review_follows = !e->review_set;
        v.focus = n ? NULL : change_field(query_get(&r->query, "change"));
    }

    v.ncontacts = ncontacts;
    v.errors = errs;
    v.nerrors = n;
    r->status = n ? 400 : 200;
    view_compact_form_page(r->body, &v, request_viewer(r));
    return html(r);
}

static size_t contact_slots(size_t have)
{
    return have + 1 > COMPACT_FORM_CONTACTS ? COMPACT_FORM_CONTACTS : have + 1;
}

int page_compact_new(struct request *r)
{
    struct query *q = arena_alloc(r->arena, sizeof(*q));

    q->n = 0;
    return details_form(r, NULL, q, 2, NULL, 0);
}

int page_compact_create(struct request *r)
{
    static const struct date_messages since_date = {
        "Enter a real date the status took effect, for example 1 4 2012",
        "Enter a real date the status took effect, for example 1 4 2012"};
    struct field_error *errs = arena_alloc(r->arena, FORM_MAX_ERRORS * sizeof(*errs));
    struct compact_new *c = arena_alloc(r->arena, sizeof(*c));
    struct query *q = arena_alloc(r->arena, sizeof(*q));
    struct details d;
    enum compact_status status;
    const char *f, *why, *bad, *st;
    date_t since;
    char since_text[DATE_STRLEN + 1];
    size_t n = 0;
    long long id;
    int ret;

    if (request_form(r, q) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    read_details(r, q, 0, &d, errs, &n);
    st = query_get(q, "status");
    if (!st || compact_status_parse(st, &status) < 0) {
        add_error(errs, &n, "status", "Choose the Compact's status");
    }
    read_date(q, "status_date", &since_date, NULL, &since, &why);
    if (why) {
        add_error(errs, &n, "status_date", why);
    }
    if (!n && compact_details_check(d.name, d.adopted, d.refreshed, d.review_due, d.document_url,
                                    d.contacts, d.ncontacts, NULL, 0, r->arena, &f, &why) < 0) {
        add_error(errs, &n, f, core_message(r, &d, f, why));
    }
    if (n) {
        return details_form(r, NULL, q, contact_slots(d.ncontacts), errs, n);
    }
    memset(c, 0, sizeof(*c));
    c->name = d.name;
    memcpy(c->authorities, d.authorities, d.nauthorities * sizeof(d.authorities[0]));
    c->nauthorities = d.nauthorities;
    c->status = status;
    date_format(since, since_text);
    c->status_date = since_text;
    c->adopted = d.adopted;
    c->refreshed = d.refreshed;
    c->review_due = d.review_due;
    c->document_url = d.document_url;
    memcpy(c->contacts, d.contacts, d.ncontacts * sizeof(d.contacts[0]));
    c->ncontacts = d.ncontacts;
    c->coordinator_id = policy_compact_coordinator(&r->user);
    ret = store_compact_add(r->st, c, request_actor(r), &id, &bad);
    if (ret == ERR_NOT_FOUND) {
        add_error(errs, &n, "authorities", unknown_authority(r, bad ? bad : "?"));
        return details_form(r, NULL, q, contact_slots(d.ncontacts), errs, n);
    }
    if (ret < 0) {
        return ret;
    }
    return reply_redirect(r, compact_location(r, id));
}

int page_compact_edit(struct request *r)
{
    struct query *q = arena_alloc(r->arena, sizeof(*q));
    struct compact_entry e;
    struct buf auths = BUF_INIT;
    int ret;

    if ((ret = editable(r, &e)) != 0) {
        return ret < 0 ? ret : 0;
    }
    q->n = 0;
    put(q, "name", e.name);
    for (size_t i = 0; i < e.nauthorities; i++) {
        buf_addf(&auths, "%s%s", i ? "\n" : "", e.authorities[i].name);
    }
    put(q, "authorities", arena_strdup(r->arena, auths.data));
    buf_release(&auths);
    put_date(r, q, "adopted", e.adopted);
    put_date(r, q, "refreshed", e.refreshed);
    /* the review date in force, set or six years after (page_compact_update keeps the latter
     * following the dates when it comes back as it was) */
    put_date(r, q, "review_due", compact_review_due(e.adopted, e.refreshed, e.review_set));
    put(q, "document_url", e.document_url);
    for (size_t i = 0; i < e.ncontacts && i < COMPACT_FORM_CONTACTS; i++) {
        static const char *const parts[] = {"name", "role", "email", "phone"};
        const char *values[] = {e.contacts[i].name, e.contacts[i].role, e.contacts[i].email,
                                e.contacts[i].phone};
        for (size_t j = 0; j < 4; j++) {
            struct buf name = BUF_INIT;
            buf_addf(&name, "contact-%zu-%s", i, parts[j]);
            put(q, arena_strdup(r->arena, name.data), values[j]);
            buf_release(&name);
        }
    }
    return details_form(r, &e, q, contact_slots(e.ncontacts), NULL, 0);
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Whether a and b name the same authorities, in any order. */
static int same_areas(const struct compact_entry *a, const struct compact_entry *b)
{
    if (a->nauthorities != b->nauthorities) {
        return 0;
    }
    for (size_t i = 0; i < a->nauthorities; i++) {
        size_t j = 0;
        while (j < b->nauthorities && strcmp(a->authorities[i].gss, b->authorities[j].gss)) {
            j++;
        }
        if (j == b->nauthorities) {
            return 0;
        }
    }
    return 1;
}

static int same_contacts(const struct compact_entry *a, const struct compact_entry *b)
{
    if (a->ncontacts != b->ncontacts) {
        return 0;
    }
    for (size_t i = 0; i < a->ncontacts; i++) {
        const struct compact_contact *x = &a->contacts[i], *y = &b->contacts[i];
        if (!same_text(x->name, y->name) || !same_text(x->role, y->role) ||
            !same_text(x->email, y->email) || !same_text(x->phone, y->phone)) {
            return 0;
        }
    }
    return 1;
}

/* What changed from entry a to b, as the details form changes it (enum compact_done bits). */
static unsigned details_changes(const struct compact_entry *a, const struct compact_entry *b)
{
    unsigned done = 0;

    done |= same_text(a->name, b->name) ? 0 : DONE_NAME;
    done |= same_areas(a, b) ? 0 : DONE_AUTHORITIES;
    done |= a->adopted == b->adopted ? 0 : DONE_ADOPTED;
    done |= a->refreshed == b->refreshed ? 0 : DONE_REFRESHED;
    done |= compact_review_due(a->adopted, a->refreshed, a->review_set) ==
                    compact_review_due(b->adopted, b->refreshed, b->review_set)
                ? 0
                : DONE_REVIEW;
    done |= same_text(a->document_url, b->document_url) ? 0 : DONE_DOCUMENT;
    done |= same_contacts(a, b) ? 0 : DONE_CONTACTS;
    return done;
}

int page_compact_update(struct request *r)
{
    struct field_error *errs = arena_alloc(r->arena, FORM_MAX_ERRORS * sizeof(*errs));
    struct compact_patch *p = arena_alloc(r->arena, sizeof(*p));
    struct query *q = arena_alloc(r->arena, sizeof(*q));
    struct compact_entry e, after;
    struct details d;
    const char *f, *why;
    unsigned done;
    size_t n = 0;
    int ret;

    if ((ret = editable_post(r, &e, q)) != 0) {
        return ret < 0 ? ret : 0;
    }
    read_details(r, q, e.review_set ? 0 : compact_review_due(e.adopted, e.refreshed, 0), &d, errs,
                 &n);
    if (n) {
        return details_form(r, &e, q, contact_slots(d.ncontacts), errs, n);
    }
    memset(p, 0, sizeof(*p));
    p->fields = PATCH_NAME | PATCH_AUTHORITIES | PATCH_ADOPTED | PATCH_REFRESHED |
                PATCH_REVIEW_DUE | PATCH_DOCUMENT_URL;
    p->name = d.name;
    memcpy(p->authorities, d.authorities, d.nauthorities * sizeof(d.authorities[0]));
    p->nauthorities = d.nauthorities;
    p->adopted = d.adopted;
    p->refreshed = d.refreshed;
    p->review_due = d.review_due;
    p->document_url = d.document_url;
    if (e.ncontacts < COMPACT_FORM_CONTACTS) { /* more than the form shows: the API's to change */
        p->fields |= PATCH_CONTACTS;
        memcpy(p->contacts, d.contacts, d.ncontacts * sizeof(d.contacts[0]));
        p->ncontacts = d.ncontacts;
    }
    ret = store_compact_patch(r->st, e.id, p, request_actor(r), r->arena, &f, &why);
    if (ret == ERR_INVALID || (ret == ERR_NOT_FOUND && f)) {
        add_error(errs, &n, strncmp(f, "authorities", 11) ? f : "authorities",
                  ret == ERR_INVALID ? core_message(r, &d, f, why)
                                     : "Enter authorities the register has");
        return details_form(r, &e, q, contact_slots(d.ncontacts), errs, n);
    }
    if (ret < 0 || (ret = store_compact_get(r->st, e.id, r->arena, &after)) < 0) {
        return ret;
    }
    done = details_changes(&e, &after);
    return redirect_done(r, e.id, done ? done : DONE_NOTHING);
}

/* ---- status, codes, parameters ---- */

static int subpage(struct request *r,
                   void (*view)(struct buf *, const struct compact_subpage_view *,
                                const struct viewer *),
                   const struct compact_entry *e, const struct query *q,
                   const struct field_error *errs, size_t n)
{
    struct compact_subpage_view v = {
        .entry = e, .values = {lookup, q}, .errors = errs, .nerrors = n};

    r->status = n ? 400 : 200;
    view(r->body, &v, request_viewer(r));
    return html(r);
}

static int empty_subpage(struct request *r,
                         void (*view)(struct buf *, const struct compact_subpage_view *,
                                      const struct viewer *),
                         struct query *q)
{
    struct compact_entry *e = arena_alloc(r->arena, sizeof(*e));
    int ret;

    if ((ret = editable(r, e)) != 0) {
        return ret < 0 ? ret : 0;
    }
    return subpage(r, view, e, q, NULL, 0);
}

int page_compact_status_form(struct request *r)
{
    struct query *q = arena_alloc(r->arena, sizeof(*q));

    q->n = 0;
    return empty_subpage(r, view_compact_status_page, q);
}

int page_compact_status_post(struct request *r)
{
    static const struct date_messages date_messages = {
        "Enter a real date it takes effect, for example 1 4 2012",
        "Enter a real date it takes effect, for example 1 4 2012"};
    struct field_error *errs = arena_alloc(r->arena, FORM_MAX_ERRORS * sizeof(*errs));
    struct query *q = arena_alloc(r->arena, sizeof(*q));
    struct compact_entry e;
    enum compact_status status;
    const char *st, *why;
    date_t date;
    size_t n = 0;
    int ret;

    if ((ret = editable_post(r, &e, q)) != 0) {
        return ret < 0 ? ret : 0;
    }
    st = query_get(q, "status");
    if (!st || compact_status_parse(st, &status) < 0) {
        add_error(errs, &n, "status", "Choose the new status");
    }
    read_date(q, "date", &date_messages, NULL, &date, &why);
    if (why) {
        add_error(errs, &n, "date", why);
    } else if (compact_status_check(e.statuses, e.nstatuses, date) < 0) {
        add_error(errs, &n, "date", "The date must be later than the date of the last change");
    }
    if (n) {
        return subpage(r, view_compact_status_page, &e, q, errs, n);
    }
    ret = store_compact_status_add(r->st, e.id, status, date, request_actor(r));
    if (ret == ERR_INVALID) {
        add_error(errs, &n, "date", "The date must be later than the date of the last change");
        return subpage(r, view_compact_status_page, &e, q, errs, n);
    }
    if (ret < 0) {
        return ret;
    }
    return redirect_done(r, e.id, DONE_STATUS);
}

int page_compact_codes(struct request *r)
{
    struct query *q = arena_alloc(r->arena, sizeof(*q));

    q->n = 0;
    return empty_subpage(r, view_compact_codes_page, q);
}

int page_compact_codes_post(struct request *r)
{
    struct field_error *errs = arena_alloc(r->arena, FORM_MAX_ERRORS * sizeof(*errs));
    struct compact_patch *p = arena_alloc(r->arena, sizeof(*p));
    struct query *q = arena_alloc(r->arena, sizeof(*q));
    struct compact_entry e;
    struct compact_code c = {0};
    const char *f, *why;
    size_t n = 0;
    int ret;

    if ((ret = editable_post(r, &e, q)) != 0) {
        return ret < 0 ? ret : 0;
    }
    c.title = field(r, q, "title");
    c.summary = field(r, q, "summary");
    c.url = field(r, q, "url");
    if (compact_code_check(&c, "code", r->arena, &f, &why) < 0) {
        const char *which = f + strlen("code.");
        add_error(errs, &n, which,
                  !strcmp(which, "title") ? (c.title ? "The title must be 200 characters or fewer"
                                                     : "Enter the code's title")
                  : !strcmp(which, "url") ? "Enter the code's address starting https:// or http://"
                                          : "The summary must be 2000 characters or fewer");
    } else if (e.ncodes >= COMPACT_CODES_MAX) {
        add_error(errs, &n, "title", "A Compact has at most 32 codes of practice");
    }
    if (n) {
        return subpage(r, view_compact_codes_page, &e, q, errs, n);
    }
    memset(p, 0, sizeof(*p));
    p->fields = PATCH_CODES;
    p->codes_add[0] = c;
    p->ncodes_add = 1;
    ret = store_compact_patch(r->st, e.id, p, request_actor(r), r->arena, &f, &why);
    if (ret == ERR_INVALID) {
        add_error(errs, &n, "title", why);
        return subpage(r, view_compact_codes_page, &e, q, errs, n);
    }
    if (ret < 0) {
        return ret;
    }
    return redirect_done(r, e.id, DONE_CODE);
}

int page_compact_parameters(struct request *r)
{
    struct compact_entry *e = arena_alloc(r->arena, sizeof(*e));
    struct query *q = arena_alloc(r->arena, sizeof(*q));
    struct complaint_params cp;
    int ret;

    if ((ret = editable(r, e)) != 0) {
        return ret < 0 ? ret : 0;
    }
    q->n = 0;
    for (int i = 0; i < PARAM_COUNT; i++) {
        if (e->params.set[i]) {
            struct buf v = BUF_INIT;
            buf_addf(&v, "%d", e->params.value[i]);
            put(q, param_id((enum param)i), arena_strdup(r->arena, v.data));
            buf_release(&v);
        }
    }
    if ((ret = store_complaint_params(r->st, e->id, &cp)) < 0) {
        return ret;
    }
    for (int i = 0; i < CPARAM_COUNT; i++) {
        if (cp.set[i]) {
            struct buf v = BUF_INIT;
            buf_addf(&v, "%d", cp.value[i]);
            put(q, complaint_param_id((enum complaint_param)i), arena_strdup(r->arena, v.data));
            buf_release(&v);
        }
    }
    return subpage(r, view_compact_parameters_page, e, q, NULL, 0);
}

/* The parameters that differ between a and b, and the complaint response times between ca and
 * cb (DONE_PARAM and DONE_CPARAM bits), or DONE_NOTHING. */
static unsigned params_changes(const struct param_set *a, const struct param_set *b,
                               const struct complaint_params *ca, const struct complaint_params *cb)
{
    unsigned done = 0;

    for (int i = 0; i < PARAM_COUNT; i++) {
        if (a->set[i] != b->set[i] || (a->set[i] && a->value[i] != b->value[i])) {
            done |= DONE_PARAM(i);
        }
    }
    for (int i = 0; i < CPARAM_COUNT; i++) {
        if (ca->set[i] != cb->set[i] || (ca->set[i] && ca->value[i] != cb->value[i])) {
            done |= DONE_CPARAM(i);
        }
    }
    return done ? done : DONE_NOTHING;
}

int page_compact_parameters_post(struct request *r)
{
    struct field_error *errs = arena_alloc(r->arena, FORM_MAX_ERRORS * sizeof(*errs));
    struct query *q = arena_alloc(r->arena, sizeof(*q));
    struct compact_entry e;
    struct param_set ps;
    struct complaint_params cp, was;
    const char *f, *why;
    size_t n = 0, count, changed;
    int ret;

    if ((ret = editable_post(r, &e, q)) != 0) {
        return ret < 0 ? ret : 0;
    }
    memset(&ps, 0, sizeof(ps));
    memset(&cp, 0, sizeof(cp));
    for (int i = 0; i < PARAM_COUNT; i++) {
        const char *id = param_id((enum param)i), *v = field(r, q, id);
        long value;
        if (!v) {
            continue;
        }
        if (number(v, 0, PARAM_VALUE_MAX, &value) < 0) {
            add_error(errs, &n, id, "Enter a whole number from 0 to 3660, or leave it blank");
        } else {
            ps.set[i] = 1;
            ps.value[i] = (int)value;
        }
    }
    for (int i = 0; i < CPARAM_COUNT; i++) {
        const char *id = complaint_param_id((enum complaint_param)i), *v = field(r, q, id);
        long value;
        if (!v) {
            continue;
        }
        if (number(v, 1, CPARAM_VALUE_MAX, &value) < 0) {
            add_error(errs, &n, id,
                      "Enter a whole number of working days from 1 to 260, or leave it blank");
        } else {
            cp.set[i] = 1;
            cp.value[i] = (int)value;
        }
    }
    if (!n && compact_params_check(&ps, &f, &why) < 0) {
        enum param p;
        struct buf msg = BUF_INIT;
        param_parse(f, &p);
        buf_addf(&msg, "%s %s", param_label(p), why);
        add_error(errs, &n, f, arena_strdup(r->arena, msg.data));
        buf_release(&msg);
    }
    if (n) {
        return subpage(r, view_compact_parameters_page, &e, q, errs, n);
    }
    if ((ret = store_complaint_params(r->st, e.id, &was)) < 0 ||
        (ret = store_compact_set_params(r->st, e.id, &ps, &cp, request_actor(r))) < 0 ||
        (ret = check_recheck_compact(r->st, e.id, date_today(), &count, &changed)) < 0) {
        return ret;
    }
    return redirect_done(r, e.id, params_changes(&e.params, &ps, &was, &cp));
}
