/* An entity's history in words, for the history page and the audit API. */
#include "history.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "policy.h"
#include "codec/json_audit.h"
#include "core/compact.h"
#include "core/rules.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "base/banned.h"

/* What reading a history needs at hand; the users are read once, when first needed. */
struct ctx {
    struct store *st;
    struct arena *arena;
    int emails; /* the viewer may see sign-in email addresses */
    struct user *users;
    size_t nusers;
    int users_read;
};

static int load_users(struct ctx *c)
{
    int ret;

    if (c->users_read) {
        return 0;
    }
    if ((ret = store_user_list(c->st, c->arena, &c->users, &c->nusers)) < 0) {
        return ret;
    }
    c->users_read = 1;
    return 0;
}

static const struct user *user_by_email(const struct ctx *c, const char *email)
{
    for (size_t i = 0; i < c->nusers; i++) {
        if (c->users[i].email && !strcasecmp(c->users[i].email, email)) {
            return &c->users[i];
        }
    }
    return NULL;
}

static const struct user *user_by_id(const struct ctx *c, long long id)
{
    for (size_t i = 0; i < c->nusers; i++) {
        if (c->users[i].id == id) {
            return &c->users[i];
        }
    }
    return NULL;
}

static const char *keep(struct ctx *c, struct buf *b)
{
    const char *s = arena_strdup(c->arena, buf_failed(b) ? "" : b->data);
    buf_release(b);
    return s;
}

/* "Jane Smith, coordinator", and " (jane@example.org)" for those who may see emails. */
static const char *person(struct ctx *c, const struct user *u)
{
    struct buf b = BUF_INIT;

    buf_addf(&b, "%s, %s", u->name && *u->name ? u->name : "Someone", role_id(u->role));
    if (c->emails && u->email) {
        buf_addf(&b, " (%s)", u->email);
    }
    return keep(c, &b);
}

/* Who an actor ("user:ID", "cli") is, in words. */
static int actor_words(struct ctx *c, const char *actor, const char **out)
{
    const struct user *u;
    char *end;
    long long id;
    int ret;

    *out = actor ? actor : "";
    if (actor && !strcmp(actor, "cli")) {
        *out = "the command line";
        return 0;
    }
    if (!actor || strncmp(actor, "user:", 5)) {
        return 0;
    }
    id = strtoll(actor + 5, &end, 10);
    if (*end || id <= 0) {
        return 0;
    }
    if ((ret = load_users(c)) < 0) {
        return ret;
    }
    u = user_by_id(c, id);
    if (u) {
        *out = person(c, u);
    } else {
        struct buf b = BUF_INIT;
        buf_addf(&b, "user %lld", id);
        *out = keep(c, &b);
    }
    return 0;
}

/* ---- values in words ---- */

/* "15 January 2027, 2:05pm" from "2027-01-15T14:05:09Z"; NULL when it is not one. */
static const char *timestamp_words(struct ctx *c, const char *s)
{
    char day[DATE_LONG_MAX + 1];
    struct buf b = BUF_INIT;
    date_t d;
    int h, m;

    if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
        date_parse(s, DATE_STRLEN, &d) < 0 || strspn(s + 11, "0123456789") != 2 ||
        strspn(s + 14, "0123456789") != 2) {
        return NULL;
    }
    h = (s[11] - '0') * 10 + (s[12] - '0');
    m = (s[14] - '0') * 10 + (s[15] - '0');
    if (h > 23 || m > 59) {
        return NULL;
    }
    date_format_long(d, day);
    if (m == 0 && (h == 0 || h == 12)) {
        buf_addf(&b, "%s, %s", day, h ? "midday" : "midnight");
    } else {
        buf_addf(&b, "%s, %d:%02d%s", day, h % 12 ? h % 12 : 12, m, h < 12 ? "am" : "pm");
    }
    return keep(c, &b);
}

/* A scalar in words: dates in GOV.UK style, yes and no; NULL for null or "". */
static const char *scalar_words(struct ctx *c, const struct audit_node *n)
{
    date_t d;

    switch (n->type) {
    case AUDIT_BOOL:
        return strcmp(n->text, "true") ? "No" : "Yes";
    case AUDIT_NUMBER:
        return n->text;
    case AUDIT_STRING: {
        const char *t;
        if (!*n->text) {
            return NULL;
        }
        if (strlen(n->text) == DATE_STRLEN && date_parse(n->text, DATE_STRLEN, &d) == 0) {
            char out[DATE_LONG_MAX + 1];
            date_format_long(d, out);
            return arena_strdup(c->arena, out);
        }
        t = timestamp_words(c, n->text);
        return t ? t : n->text;
    }
    default:
        return NULL;
    }
}

/* The member named key of object n, or NULL. */
static const struct audit_node *member(const struct audit_node *n, const char *key)
{
    if (!n || n->type != AUDIT_OBJECT) {
        return NULL;
    }
    for (size_t i = 0; i < n->nitems; i++) {
        if (n->items[i].key && !strcmp(n->items[i].key, key)) {
            return &n->items[i];
        }
    }
    return NULL;
}

/* Lines being gathered for one value. */
struct lines {
    const char **p;
    size_t n, cap;
};

static void add_line(struct ctx *c, struct lines *l, const char *s)
{
    if (!s || !*s) {
        return;
    }
    if (l->n == l->cap) {
        const char **bigger;
        l->cap = l->cap ? l->cap * 2 : 4;
        bigger = arena_alloc(c->arena, l->cap * sizeof(*bigger));
        if (l->n) {
            memcpy(bigger, l->p, l->n * sizeof(*bigger));
        }
        l->p = bigger;
    }
    l->p[l->n++] = s;
}

/* The members of object n in words, ", " between: a contact, a code, anything else. */
static const char *object_words(struct ctx *c, const struct audit_node *n, const char *const *keys)
{
    struct buf b = BUF_INIT;

    for (size_t i = 0; i < n->nitems; i++) {
        const struct audit_node *m = &n->items[i];
        const char *w;
        int wanted = !keys;
        for (size_t k = 0; keys && keys[k]; k++) {
            wanted |= m->key && !strcmp(m->key, keys[k]);
        }
        if (!wanted || !(w = scalar_words(c, m))) {
            continue;
        }
        buf_addf(&b, "%s%s", b.len ? ", " : "", w);
    }
    return keep(c, &b);
}

/* How a field's value reads. */
enum shape {
    SHAPE_PLAIN,       /* a scalar, or a list of them, in words */
    SHAPE_YES_NO,      /* 0 or 1 */
    SHAPE_AUTHORITIES, /* GSS codes, by name */
    SHAPE_STATUSES,    /* [{status, date}]: "Active from 1 April 2010" */
    SHAPE_CONTACTS,    /* [{name, role, email, phone}] */
    SHAPE_CODES,       /* [{id, title, summary, url}]: their titles */
    SHAPE_PEOPLE,      /* sign-in emails, by name for those who may not see them */
    SHAPE_PARAMETERS,  /* {name: value}: a change for each parameter */
    SHAPE_MEMBERS,     /* an object whose members are fields of their own */
    SHAPE_HIDDEN,      /* not shown: ids the page already names, or no one needs */
};

static const struct field {
    const char *key, *label;
    enum shape shape;
} fields[] = {
    {"id", NULL, SHAPE_HIDDEN},
    {"name", "Name", SHAPE_PLAIN},
    {"authorities", "Areas", SHAPE_AUTHORITIES},
    {"statuses", "Status", SHAPE_STATUSES},
    {"adopted", "Adopted", SHAPE_PLAIN},
    {"refreshed", "Last refreshed", SHAPE_PLAIN},
    {"review_due", "Review due", SHAPE_PLAIN},
    {"document_url", "Document", SHAPE_PLAIN},
    {"contacts", "Key contacts", SHAPE_CONTACTS},
    {"codes", "Codes of practice", SHAPE_CODES},
    {"coordinators", "Coordinators", SHAPE_PEOPLE},
    {"parameters", NULL, SHAPE_PARAMETERS},
    {"demo", "Demonstration data", SHAPE_YES_NO},
    {"signatory", NULL, SHAPE_MEMBERS},
    {"facts", NULL, SHAPE_MEMBERS},
    {"organisation", "Organisation", SHAPE_PLAIN},
    {"organisation_name", "Organisation's name", SHAPE_PLAIN},
    {"role", "Role", SHAPE_PLAIN},
    {"signed_on", "Signed", SHAPE_PLAIN},
    {"withdrawn_on", "Withdrawn", SHAPE_PLAIN},
    {"org_id", "Org-id", SHAPE_PLAIN},
    {"gss", "Area (GSS code)", SHAPE_PLAIN},
    {"verified", "Verified", SHAPE_YES_NO},
    {"compact_id", "Compact", SHAPE_PLAIN},
    {"overall", "Overall verdict", SHAPE_PLAIN},
    {"title", "Title", SHAPE_PLAIN},
    {"recorder_org", "Recorded for (org-id)", SHAPE_PLAIN},
    {"amount", "Amount in pounds", SHAPE_PLAIN},
    {"decision_date", "Date of the decision", SHAPE_PLAIN},
    {"withdrawn_at", "Withdrawn", SHAPE_PLAIN},
    {"withdrawn_by", NULL, SHAPE_HIDDEN}, /* the entry says who */
    {"withdrawn_reason", "Why it was withdrawn", SHAPE_PLAIN},
    {"disabled", "Disabled", SHAPE_YES_NO},
    {"created_at", "Created", SHAPE_PLAIN},
    {"revoked_at", "Revoked", SHAPE_PLAIN},
    {"label", "What it is for", SHAPE_PLAIN},
    {"organisations_created", "Organisations added", SHAPE_PLAIN},
};

static const struct field *field_of(const char *key)
{
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (!strcmp(fields[i].key, key)) {
            return &fields[i];
        }
    }
    return NULL;
}

/* "notice_in_writing" as "Notice in writing": the label of a field not in the table. */
static const char *humane(struct ctx *c, const char *key)
{
    char *s = arena_strdup(c->arena, key);

    for (char *p = s; *p; p++) {
        if (*p == '_') {
            *p = ' ';
        }
    }
    if (*s >= 'a' && *s <= 'z') {
        *s = (char)(*s - 'a' + 'A');
    }
    return s;
}

/* The lines of value n (NULL: absent) read as shape. */
static int value_words(struct ctx *c, const struct audit_node *n, enum shape shape,
                       struct history_value *out)
{
    struct lines l = {0};
    int ret;

    out->lines = NULL;
    out->n = 0;
    if (!n || n->type == AUDIT_NULL) {
        return 0;
    }
    if (n->type != AUDIT_ARRAY) {
        if (shape == SHAPE_YES_NO && n->type == AUDIT_NUMBER) {
            add_line(c, &l, strcmp(n->text, "0") ? "Yes" : "No");
        } else if (n->type == AUDIT_OBJECT) {
            add_line(c, &l, object_words(c, n, NULL));
        } else {
            add_line(c, &l, scalar_words(c, n));
        }
    }
    for (size_t i = 0; n->type == AUDIT_ARRAY && i < n->nitems; i++) {
        const struct audit_node *item = &n->items[i];
        if (shape == SHAPE_AUTHORITIES && item->type == AUDIT_STRING) {
            struct authority a;
            ret = store_authority_get(c->st, item->text, c->arena, &a);
            if (ret < 0 && ret != ERR_NOT_FOUND) {
                return ret;
            }
            add_line(c, &l, ret == 0 && a.name ? a.name : item->text);
        } else if (shape == SHAPE_STATUSES) {
            const struct audit_node *st = member(item, "status"), *on = member(item, "date");
            enum compact_status s;
            struct buf b = BUF_INIT;
            if (!st || st->type != AUDIT_STRING || compact_status_parse(st->text, &s) < 0) {
                add_line(c, &l, object_words(c, item, NULL));
                continue;
            }
            buf_adds(&b, compact_status_label(s));
            if (on && scalar_words(c, on)) {
                buf_addf(&b, " from %s", scalar_words(c, on));
            }
            add_line(c, &l, keep(c, &b));
        } else if (shape == SHAPE_CODES) {
            static const char *const title[] = {"title", NULL};
            add_line(c, &l, object_words(c, item, title));
        } else if (shape == SHAPE_CONTACTS) {
            static const char *const parts[] = {"name", "role", "email", "phone", NULL};
            add_line(c, &l, object_words(c, item, parts));
        } else if (shape == SHAPE_PEOPLE && item->type == AUDIT_STRING) {
            const struct user *u;
            if ((ret = load_users(c)) < 0) {
                return ret;
            }
            u = user_by_email(c, item->text);
            add_line(c, &l, u ? person(c, u) : c->emails ? item->text : "a former user");
        } else if (item->type == AUDIT_OBJECT) {
            add_line(c, &l, object_words(c, item, NULL));
        } else {
            add_line(c, &l, scalar_words(c, item));
        }
    }
    out->lines = l.p;
    out->n = l.n;
    return 0;
}

static int same(const struct history_value *a, const struct history_value *b)
{
    if (a->n != b->n) {
        return 0;
    }
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->lines[i], b->lines[i])) {
            return 0;
        }
    }
    return 1;
}

/* The changes being gathered for one entry. */
struct changes {
    struct history_change *p;
    size_t n, cap;
};

static void add_change(struct ctx *c, struct changes *ch, const char *label,
                       const struct history_value *before, const struct history_value *after)
{
    if (same(before, after)) {
        return;
    }
    if (ch->n == ch->cap) {
        struct history_change *bigger;
        ch->cap = ch->cap ? ch->cap * 2 : 8;
        bigger = arena_alloc(c->arena, ch->cap * sizeof(*bigger));
        if (ch->n) {
            memcpy(bigger, ch->p, ch->n * sizeof(*bigger));
        }
        ch->p = bigger;
    }
    ch->p[ch->n++] = (struct history_change){label, *before, *after};
}

/* A Compact's parameters, one change each: "8 weeks" against "National default". */
static void parameter_changes(struct ctx *c, const struct audit_node *before,
                              const struct audit_node *after, struct changes *ch)
{
    for (int i = 0; i < PARAM_COUNT; i++) {
        enum param p = (enum param)i;
        const struct audit_node *sides[2] = {member(before, param_id(p)),
                                             member(after, param_id(p))};
        struct history_value v[2];
        struct buf label = BUF_INIT;
        int dflt;
        for (int s = 0; s < 2; s++) {
            struct buf b = BUF_INIT;
            const char **line = arena_alloc(c->arena, sizeof(*line));
            if (sides[s] && sides[s]->type == AUDIT_NUMBER) {
                buf_addf(&b, "%s %s", sides[s]->text, param_unit(p));
            } else if (param_default(p, &dflt)) {
                buf_addf(&b, "National default (%d %s)", dflt, param_unit(p));
            } else {
                buf_adds(&b, "Not set");
            }
            *line = keep(c, &b);
            v[s] = (struct history_value){line, 1};
        }
        buf_adds(&label, param_label(p));
        add_change(c, ch, keep(c, &label), &v[0], &v[1]);
    }
}

/*
 * The changes between objects before and after (either may be NULL), their fields in after's
 * order, then those only before had. top: the snapshot itself, whose members a nested object's
 * field repeats when it has the same key and value (an activity's kind, in its facts).
 */
static int object_changes(struct ctx *c, const struct audit_node *before,
                          const struct audit_node *after, const struct audit_node *top,
                          struct changes *ch)
{
    const struct audit_node *sides[2] = {after, before};

    for (int s = 0; s < 2; s++) {
        const struct audit_node *o = sides[s];
        for (size_t i = 0; o && o->type == AUDIT_OBJECT && i < o->nitems; i++) {
            const char *key = o->items[i].key;
            const struct field *f = key ? field_of(key) : NULL;
            const struct audit_node *b, *a, *outer;
            struct history_value vb, va;
            int ret;
            if (!key || (s == 1 && member(after, key))) {
                continue; /* no name, or already seen in after */
            }
            b = member(before, key);
            a = member(after, key);
            if (f && f->shape == SHAPE_HIDDEN) {
                continue;
            }
            if (f && f->shape == SHAPE_PARAMETERS) {
                parameter_changes(c, b, a, ch);
                continue;
            }
            if (f && f->shape == SHAPE_MEMBERS) {
                if ((ret = object_changes(c, b, a, top ? top : after ? after : before, ch)) < 0) {
                    return ret;
                }
                continue;
            }
            outer = top ? member(top, key) : NULL;
            if ((ret = value_words(c, b, f ? f->shape : SHAPE_PLAIN, &vb)) < 0 ||
                (ret = value_words(c, a, f ? f->shape : SHAPE_PLAIN, &va)) < 0) {
                return ret;
            }
            if (outer) { /* a nested field that repeats the snapshot's own */
                struct history_value vo;
                if ((ret = value_words(c, outer, SHAPE_PLAIN, &vo)) < 0) {
                    return ret;
                }
                if (same(&vo, &va) || same(&vo, &vb)) {
                    continue;
                }
            }
            add_change(c, ch, f && f->label ? f->label : humane(c, key), &vb, &va);
        }
    }
    return 0;
}

/* An action in words; one of a kind (not NULL) is that kind's own, before the others. */
static const struct {
    const char *kind, *action, *words;
} actions[] = {
    {"activity", "withdraw", "Withdrawn"},
    {NULL, "create", "Created"},
    {NULL, "update", "Changed"},
    {NULL, "status", "Status changed"},
    {NULL, "parameters", "Local parameters changed"},
    {NULL, "sign", "Signatory added"},
    {NULL, "withdraw", "Signatory withdrawn"},
    {NULL, "revoke", "Revoked"},
    {NULL, "disable", "Disabled"},
    {NULL, "import", "Imported"},
};

static const char *action_words(const char *kind, const char *action)
{
    for (size_t i = 0; action && i < sizeof(actions) / sizeof(actions[0]); i++) {
        if ((!actions[i].kind || (kind && !strcmp(actions[i].kind, kind))) &&
            !strcmp(actions[i].action, action)) {
            return actions[i].words;
        }
    }
    return action ? action : "";
}

/* A snapshot as a tree; a null node for none, or for text that is not JSON. */
static void snapshot(struct ctx *c, const char *json, struct audit_node *out)
{
    memset(out, 0, sizeof(*out));
    if (json) {
        json_audit_read(json, c->arena, out);
    }
}

static int entry_words(struct ctx *c, const struct audit_entry *e, struct history_entry *out)
{
    struct audit_node before, after;
    struct changes ch = {0};
    const char *when;
    int ret;

    snapshot(c, e->before, &before);
    snapshot(c, e->after, &after);
    when = e->at ? timestamp_words(c, e->at) : NULL;
    out->when = when ? when : e->at ? e->at : "";
    out->what = action_words(e->kind, e->action);
    if ((ret = actor_words(c, e->actor, &out->who)) < 0 ||
        (ret = object_changes(c, before.type == AUDIT_OBJECT ? &before : NULL,
                              after.type == AUDIT_OBJECT ? &after : NULL, NULL, &ch)) < 0) {
        return ret;
    }
    out->changes = ch.p;
    out->nchanges = ch.n;
    return 0;
}

int history_read(struct store *st, const struct user *viewer, const char *kind, const char *entity,
                 struct arena *arena, struct history_entry **items, size_t *n)
{
    struct ctx c = {st, arena, policy_compact_coordinators(viewer) == 0, NULL, 0, 0};
    struct audit_entry *trail;
    size_t count;
    int ret;

    *items = NULL;
    *n = 0;
    if ((ret = store_audit_list(st, kind, entity, arena, &trail, &count)) < 0) {
        return ret;
    }
    *items = arena_alloc(arena, (count + 1) * sizeof(**items));
    for (size_t i = 0; i < count; i++) {
        if ((ret = entry_words(&c, &trail[i], &(*items)[i])) < 0) {
            *items = NULL;
            return ret;
        }
    }
    *n = count;
    return 0;
}

/* json with its "coordinators" named, not addressed; json itself when it has none. */
static int mask_snapshot(struct ctx *c, const char *json, const char **out)
{
    struct audit_node root, *people = NULL;
    struct buf b = BUF_INIT;
    int ret;

    *out = json;
    if (!json || json_audit_read(json, c->arena, &root) < 0 || root.type != AUDIT_OBJECT) {
        return 0;
    }
    for (size_t i = 0; i < root.nitems; i++) {
        if (root.items[i].key && !strcmp(root.items[i].key, "coordinators")) {
            people = &root.items[i];
        }
    }
    if (!people || people->type != AUDIT_ARRAY) {
        return 0;
    }
    if ((ret = load_users(c)) < 0) {
        return ret;
    }
    for (size_t i = 0; i < people->nitems; i++) {
        struct audit_node *p = &people->items[i];
        const struct user *u = p->type == AUDIT_STRING ? user_by_email(c, p->text) : NULL;
        p->type = AUDIT_STRING;
        p->text = u && u->name && *u->name ? u->name : "a former user";
    }
    json_audit_write(&b, &root);
    *out = keep(c, &b);
    return 0;
}

int history_mask(struct store *st, const struct user *viewer, struct audit_entry *items, size_t n,
                 struct arena *arena)
{
    struct ctx c = {st, arena, policy_compact_coordinators(viewer) == 0, NULL, 0, 0};
    int ret;

    if (c.emails) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if ((ret = mask_snapshot(&c, items[i].before, &items[i].before)) < 0 ||
            (ret = mask_snapshot(&c, items[i].after, &items[i].after)) < 0) {
            return ret;
        }
    }
    return 0;
}
