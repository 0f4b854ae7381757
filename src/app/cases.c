/* Complaints for the person asking: checked, decided by core, allowed by policy, stored. */
#include "cases.h"

#include <stdio.h>
#include <string.h>

#include "actor.h"
#include "core/activity.h"
#include "policy.h"
#include "base/err.h"
#include "base/banned.h"

#define CASE_TITLE_MAX 200   /* the store's limit */
#define CASE_TEXT_MAX  10000 /* a summary, a note or a remedy */

/* Fill *r and answer its error: core's refusal rf, or (CREFUSE_NONE) err with field and why. */
static int refuse(struct case_refusal *r, enum complaint_refusal rf, int err, const char *field,
                  const char *why)
{
    r->refusal = rf;
    if (rf != CREFUSE_NONE) {
        r->field = complaint_refusal_field(rf);
        r->why = complaint_refusal_message(rf);
        return complaint_refusal_err(rf);
    }
    r->field = field;
    r->why = why;
    return err;
}

/* A date as given into *out: 0, or ERR_INVALID for a missing or malformed one. */
static int parse_date(const char *s, date_t *out)
{
    *out = 0;
    return s && date_parse(s, strlen(s), out) == 0 ? 0 : ERR_INVALID;
}

/* Whether text s (NULL: none) is longer than max bytes. */
static int too_long(const char *s, size_t max)
{
    return s && strlen(s) > max;
}

/* A party as given: an organisation of the register, by org-id or number. */
static int find_party(struct store *st, const char *ref, struct arena *arena,
                      struct store_complaint_party *out)
{
    struct organisation o;
    int ret;

    memset(out, 0, sizeof(*out));
    if (!ref || !*ref) {
        return ERR_NOT_FOUND;
    }
    if ((ret = store_organisation_get(st, ref, arena, &o)) < 0) {
        return ret == ERR_INVALID ? ERR_NOT_FOUND : ret;
    }
    out->id = o.id;
    out->org_id = o.org_id;
    out->name = o.name;
    if (o.org_id) {
        out->ref = o.org_id;
    } else {
        char num[32];
        if (snprintf(num, sizeof(num), "%lld", o.id) >= (int)sizeof(num)) {
            return ERR_INVALID;
        }
        out->ref = arena_strdup(arena, num);
    }
    return 0;
}

int cases_create(struct store *st, const struct user *u, const struct calendar *cal,
                 const struct case_new *in, date_t today, struct arena *arena, long long *id,
                 struct case_refusal *refused)
{
    struct store_complaint c;
    struct complaint_event e;
    struct complaint_case cc;
    struct complaint_params params;
    enum complaint_refusal why;
    const char *compact_name, *org;
    char actor[ACTOR_MAX];
    int ret;

    *id = 0;
    memset(refused, 0, sizeof(*refused));
    memset(&c, 0, sizeof(c));
    if ((ret = store_compact_name(st, in->compact_id, arena, &compact_name)) < 0) {
        return ret;
    }
    if ((ret = policy_case_create(st, u, in->compact_id, NULL)) < 0) {
        /* before anything else; a member's organisation is checked below */
        return ret == ERR_FORBIDDEN ? refuse(refused, CREFUSE_NONE, ERR_FORBIDDEN, "compact_id",
                                             policy_case_create_rule)
                                    : ret;
    }
    c.compact_id = in->compact_id;
    c.title = in->title;
    c.summary = in->summary ? in->summary : "";
    if (!activity_text_valid(in->title, CASE_TITLE_MAX, 0)) {
        return refuse(refused, CREFUSE_NONE, ERR_INVALID, "title",
                      "Enter a title of 1 to 200 characters on one line");
    }
    if (in->summary && *in->summary && !activity_text_valid(in->summary, CASE_TEXT_MAX, 1)) {
        return refuse(refused, CREFUSE_NONE, ERR_INVALID, "summary",
                      "Enter a summary of 10,000 characters or fewer");
    }
    if (parse_date(in->opened_on, &c.opened_on) < 0 || c.opened_on > today) {
        return refuse(refused, CREFUSE_OPENED_ON, 0, NULL, NULL);
    }
    if (parse_date(in->aware_on, &c.aware_on) < 0 || c.aware_on > c.opened_on) {
        return refuse(refused, CREFUSE_AWARE_ON, 0, NULL, NULL);
    }
    memset(&e, 0, sizeof(e));
    e.type = CEVENT_OPENED;
    e.date = c.opened_on;
    e.to = STAGE_INFORMAL;
    if (in->stage && complaint_stage_parse(in->stage, &e.to) < 0) {
        return refuse(refused, CREFUSE_STAGE, 0, NULL, NULL);
    }
    if (complaint_rules_parse(in->rules, in->nrules, CREFUSE_RULES, c.rules, &c.nrules, &why) < 0) {
        return refuse(refused, why, 0, NULL, NULL);
    }
    if ((ret = find_party(st, in->complainant, arena, &c.complainant)) < 0) {
        return ret == ERR_NOT_FOUND ? refuse(refused, CREFUSE_COMPLAINANT, 0, NULL, NULL) : ret;
    }
    if ((ret = find_party(st, in->respondent, arena, &c.respondent)) < 0) {
        return ret == ERR_NOT_FOUND ? refuse(refused, CREFUSE_RESPONDENT, 0, NULL, NULL) : ret;
    }
    if (c.complainant.id == c.respondent.id) {
        return refuse(refused, CREFUSE_NONE, ERR_INVALID, "respondent",
                      "The organisation complained about must not be the one complaining");
    }
    if (in->activity_id) {
        ret = store_activity_org(st, in->activity_id, in->compact_id, NULL, arena, &org);
        if (ret == ERR_NOT_FOUND) {
            return refuse(refused, CREFUSE_NONE, ERR_INVALID, "activity_id",
                          "Choose an activity recorded on this Compact, or none");
        }
        if (ret < 0) {
            return ret;
        }
        c.activity_id = in->activity_id;
    }
    if ((ret = policy_case_create(st, u, in->compact_id,
                                  c.complainant.org_id ? c.complainant.org_id : "")) < 0) {
        return ret == ERR_FORBIDDEN ? refuse(refused, CREFUSE_NONE, ERR_FORBIDDEN, "complainant",
                                             policy_case_create_rule)
                                    : ret;
    }
    if ((ret = store_complaint_params(st, in->compact_id, &params)) < 0) {
        return ret;
    }
    complaint_init(&cc, c.aware_on);
    e.by = actor_name(u, actor);
    if ((ret = complaint_apply(&cc, &e, &params, cal, today, &why)) < 0) {
        return refuse(refused, why, ret, NULL, NULL);
    }
    return store_complaint_add(st, &c, &e, &cc, actor, id);
}

/* The latest day there is: a case's stored events rebuilt whatever their dates. */
static date_t all_days(void)
{
    return date_from_ymd(9999, 12, 31);
}

/* Case id as stored into *c, if u may see it (else ERR_NOT_FOUND). */
static int get_seen(struct store *st, const struct user *u, long long id, struct arena *arena,
                    struct store_complaint *c)
{
    int ret = store_complaint_get(st, id, arena, c);

    if (ret == 0 && (ret = policy_case_see(st, u, c->compact_id, c->complainant.org_id,
                                           c->respondent.org_id)) == ERR_FORBIDDEN) {
        ret = ERR_NOT_FOUND;
    }
    return ret;
}

/* The core events of c's stored ones, into an array from arena. */
static struct complaint_event *core_events(const struct store_complaint *c, struct arena *arena)
{
    struct complaint_event *e = arena_alloc(arena, (c->nevents + 1) * sizeof(*e));

    for (size_t i = 0; i < c->nevents; i++) {
        e[i] = c->events[i].e;
    }
    return e;
}

/* The event in as given into *e; 0 or a refusal's error with *refused filled. */
static int parse_event(const struct case_event_new *in, date_t today, struct complaint_event *e,
                       struct case_refusal *refused)
{
    enum complaint_refusal why;

    memset(e, 0, sizeof(*e));
    if (!in->type || complaint_event_parse(in->type, &e->type) < 0 || e->type == CEVENT_OPENED) {
        return refuse(refused, CREFUSE_TYPE, 0, NULL, NULL);
    }
    if (!in->date) {
        e->date = today;
    } else if (parse_date(in->date, &e->date) < 0) {
        return refuse(refused, CREFUSE_DATE, 0, NULL, NULL);
    }
    e->to = STAGE_COUNT;
    if (e->type == CEVENT_ESCALATED && (!in->to || complaint_stage_parse(in->to, &e->to) < 0)) {
        return refuse(refused, CREFUSE_TO, 0, NULL, NULL);
    }
    if (e->type == CEVENT_ESCALATED && e->to == STAGE_OMBUDSMAN &&
        (!in->ombudsman || complaint_ombudsman_parse(in->ombudsman, &e->ombudsman) < 0)) {
        return refuse(refused, CREFUSE_OMBUDSMAN, 0, NULL, NULL);
    }
    e->outcome = OUTCOME_COUNT;
    if (e->type == CEVENT_CLOSED) {
        if (!in->outcome || complaint_outcome_parse(in->outcome, &e->outcome) < 0) {
            return refuse(refused, CREFUSE_OUTCOME, 0, NULL, NULL);
        }
        if (complaint_rules_parse(in->causes, in->ncauses, CREFUSE_CAUSES, e->causes, &e->ncauses,
                                  &why) < 0) {
            return refuse(refused, why, 0, NULL, NULL);
        }
        e->remedy = in->remedy && *in->remedy ? in->remedy : NULL;
    }
    if (too_long(in->note, CASE_TEXT_MAX) || too_long(in->remedy, CASE_TEXT_MAX)) {
        return refuse(refused, CREFUSE_NONE, ERR_INVALID,
                      too_long(in->note, CASE_TEXT_MAX) ? "note" : "remedy",
                      "Write 10,000 characters or fewer");
    }
    e->note = in->note && *in->note ? in->note : NULL;
    return 0;
}

int cases_add_event(struct store *st, const struct user *u, const struct calendar *cal,
                    long long id, const struct case_event_new *in, date_t today,
                    struct arena *arena, struct case_refusal *refused)
{
    struct store_complaint c;
    struct complaint_event e;
    struct complaint_case cc;
    struct complaint_params params;
    enum complaint_refusal why;
    char actor[ACTOR_MAX];
    int ret;

    memset(refused, 0, sizeof(*refused));
    if ((ret = get_seen(st, u, id, arena, &c)) < 0) {
        return ret;
    }
    if ((ret = parse_event(in, today, &e, refused)) < 0) {
        return ret;
    }
    if (policy_case_event(u, c.complainant.org_id, c.respondent.org_id, e.type, e.outcome) < 0) {
        return refuse(refused, CREFUSE_NONE, ERR_FORBIDDEN, "type", policy_case_event_rule);
    }
    if (complaint_build(&cc, c.aware_on, core_events(&c, arena), c.nevents, cal, all_days(), &why) <
        0) {
        return ERR_DB; /* stored events that no longer hold: not the asker's doing */
    }
    if ((ret = store_complaint_params(st, c.compact_id, &params)) < 0) {
        return ret;
    }
    e.by = actor_name(u, actor);
    if ((ret = complaint_apply(&cc, &e, &params, cal, today, &why)) < 0) {
        return refuse(refused, why, ret, NULL, NULL);
    }
    return store_complaint_add_event(st, id, (int)c.nevents + 1, &e, &cc, actor);
}

/* The parts of *out every read fills from c's own values. */
static void record_from(const struct store_complaint *c, date_t as_of, struct case_record *out)
{
    memset(out, 0, sizeof(*out));
    out->id = c->id;
    out->compact_id = c->compact_id;
    out->compact_name = c->compact_name;
    out->complainant = (struct case_party){c->complainant.ref, c->complainant.name};
    out->respondent = (struct case_party){c->respondent.ref, c->respondent.name};
    out->title = c->title;
    out->summary = c->summary;
    out->aware_on = c->aware_on;
    out->opened_on = c->opened_on;
    memcpy(out->rules, c->rules, c->nrules * sizeof(c->rules[0]));
    out->nrules = c->nrules;
    out->activity_id = c->activity_id;
    out->as_of = as_of;
    out->ombudsman_deadline = complaint_ombudsman_deadline(c->aware_on);
}

/* The states of out's stage entries and its window, as of its as_of. */
static void record_states(const struct calendar *cal, struct case_record *out)
{
    for (size_t i = 0; i < out->c.nruns; i++) {
        complaint_run_state(cal, &out->c.runs[i], out->as_of, &out->states[i]);
    }
    out->window = complaint_window(&out->c, out->as_of);
}

int cases_read(struct store *st, const struct user *u, const struct calendar *cal, long long id,
               date_t as_of, struct arena *arena, struct case_record *out)
{
    struct store_complaint c;
    enum complaint_refusal why;
    int ret;

    memset(out, 0, sizeof(*out));
    if ((ret = get_seen(st, u, id, arena, &c)) < 0) {
        return ret;
    }
    record_from(&c, as_of, out);
    out->events = arena_alloc(arena, (c.nevents + 1) * sizeof(*out->events));
    for (size_t i = 0; i < c.nevents; i++) {
        out->events[i] = (struct case_event){c.events[i].n, c.events[i].e, c.events[i].by_name,
                                             c.events[i].recorded_at};
        if (!out->events[i].by_name) {
            out->events[i].by_name =
                c.events[i].e.by && !strcmp(c.events[i].e.by, "cli") ? "Command line" : "";
        }
    }
    out->nevents = c.nevents;
    if (complaint_build(&out->c, c.aware_on, core_events(&c, arena), c.nevents, cal, as_of, &why) <
        0) {
        memset(out, 0, sizeof(*out));
        return ERR_DB;
    }
    record_states(cal, out);
    return 0;
}

unsigned cases_actions(const struct user *u, const struct case_record *c)
{
    const char *complainant = c->complainant.org_id, *respondent = c->respondent.org_id;
    const struct complaint_run *cur = c->c.nruns ? &c->c.runs[c->c.nruns - 1] : NULL;
    enum complaint_stage now = complaint_current(&c->c);
    unsigned state = 1u << CEVENT_NOTE, out = 0;

    if (!cur) {
        return 0;
    }
    if (c->c.status == CSTATUS_CLOSED) {
        if (c->c.nruns < COMPLAINT_STAGES_MAX) {
            state |= 1u << CEVENT_REOPENED;
        }
    } else {
        state |= 1u << CEVENT_CLOSED;
        if (!cur->responded) {
            state |= 1u << CEVENT_RESPONSE;
        }
        /* a later stage there is: advice and before always lead on; ombudsman needs formal */
        if (now < STAGE_ADVICE || (now == STAGE_ADVICE && c->c.was_formal)) {
            state |= 1u << CEVENT_ESCALATED;
        }
    }
    for (int t = CEVENT_RESPONSE; t < CEVENT_COUNT; t++) {
        /* closing is offered to whoever may close with some outcome: withdrawn is the least */
        enum complaint_outcome o = OUTCOME_WITHDRAWN;
        if ((state & (1u << t)) &&
            policy_case_event(u, complainant, respondent, (enum complaint_event_type)t, o) == 0) {
            out |= 1u << t;
        }
    }
    return out;
}

/* A list's case: what is kept with its last event, and its current stage entry alone. */
static void record_listed(const struct calendar *cal, const struct store_complaint *c, date_t as_of,
                          struct case_record *out)
{
    record_from(c, as_of, out);
    out->c.aware_on = c->aware_on;
    out->c.opened_on = c->opened_on;
    out->c.status = c->status;
    out->c.runs[0] = c->current;
    out->c.nruns = 1;
    out->c.last_date = c->last_date;
    out->c.was_formal = c->highest >= STAGE_FORMAL; /* a guess: see cases.h */
    out->c.ombudsman = c->ombudsman;
    out->c.ombudsman_late = c->ombudsman_late;
    out->c.has_outcome = c->has_outcome;
    out->c.outcome = c->outcome;
    record_states(cal, out);
    if (c->highest == STAGE_OMBUDSMAN) {
        out->window = CWINDOW_USED;
    }
}

/* f and what u may see as the store's filter: -1 when u sees no case. */
static int list_filter(const struct user *u, const struct case_filter *f, date_t as_of,
                       struct store_complaint_filter *sf)
{
    *sf = (struct store_complaint_filter){
        .compact_id = f->compact_id,
        .party = f->org_id,
        .open_only = f->open_only,
        .overdue_only = f->overdue_only,
        .as_of = as_of,
        .limit = f->limit,
        .offset = f->offset > 0 ? f->offset : 0,
    };
    return policy_case_scope(u, &sf->coordinator, &sf->member_org) < 0 ? -1 : 0;
}

int cases_list(struct store *st, const struct user *u, const struct calendar *cal,
               const struct case_filter *f, date_t as_of, struct arena *arena,
               struct case_record **out, size_t *n)
{
    struct store_complaint_filter sf;
    struct store_complaint *items;
    size_t count;
    int ret;

    *out = NULL;
    *n = 0;
    if (list_filter(u, f, as_of, &sf) < 0) {
        return 0; /* nobody signed in sees no case */
    }
    if ((ret = store_complaint_list(st, &sf, arena, &items, &count)) < 0) {
        return ret;
    }
    *out = arena_alloc(arena, (count + 1) * sizeof(**out));
    for (size_t i = 0; i < count; i++) {
        record_listed(cal, &items[i], as_of, &(*out)[i]);
    }
    *n = count;
    return 0;
}

int cases_count(struct store *st, const struct user *u, const struct case_filter *f, date_t as_of,
                size_t *n)
{
    struct store_complaint_filter sf;

    *n = 0;
    return list_filter(u, f, as_of, &sf) < 0 ? 0 : store_complaint_count(st, &sf, n);
}

int cases_stats(struct store *st, const struct calendar *cal, long long compact_id, int year,
                date_t as_of, struct arena *arena, struct complaint_stats *out, int **years_out,
                size_t *nyears)
{
    const char *name;
    int ret;

    (void)cal; /* the stage entries keep their due dates: no working days to count again */
    memset(out, 0, sizeof(*out));
    if (years_out) {
        *years_out = NULL;
        *nyears = 0;
    }
    if (compact_id && (ret = store_compact_name(st, compact_id, arena, &name)) < 0) {
        return ret;
    }
    if ((ret = store_complaint_counts(st, compact_id, year, as_of, out, arena, years_out, nyears)) <
        0) {
        memset(out, 0, sizeof(*out));
        return ret;
    }
    complaint_stats_suppress(out);
    return 0;
}

/* ---- calendar feeds ---- */

#define FEED_CONTEXT "complaint_feed"

int cases_feed_create(struct store *st, const struct user *u, const unsigned char *key,
                      char *secret)
{
    unsigned char hash[SECRET_HASH_BYTES];
    char actor[ACTOR_MAX];
    int ret;

    secret[0] = '\0';
    if (!u || u->role == ROLE_PUBLIC) {
        return ERR_FORBIDDEN; /* a feed is a person's */
    }
    secret_new(secret);
    secret_hash(key, FEED_CONTEXT, secret, hash);
    if ((ret = store_complaint_feed_add(st, u->id, hash, actor_name(u, actor))) < 0) {
        secret[0] = '\0';
    }
    return ret;
}

int cases_feed_revoke(struct store *st, const struct user *u)
{
    char actor[ACTOR_MAX];

    if (!u || u->role == ROLE_PUBLIC) {
        return ERR_FORBIDDEN;
    }
    return store_complaint_feed_revoke(st, u->id, actor_name(u, actor));
}

int cases_feed_exists(struct store *st, const struct user *u, int *exists)
{
    *exists = 0;
    if (!u || u->role == ROLE_PUBLIC) {
        return 0;
    }
    return store_complaint_feed_exists(st, u->id, exists);
}

int cases_feed_user(struct store *st, const unsigned char *key, const char *secret,
                    struct arena *arena, struct user *u_out)
{
    unsigned char hash[SECRET_HASH_BYTES];

    memset(u_out, 0, sizeof(*u_out));
    if (!secret || strlen(secret) != SECRET_TEXT - 1) {
        return ERR_NOT_FOUND;
    }
    secret_hash(key, FEED_CONTEXT, secret, hash);
    return store_complaint_feed_user(st, hash, arena, u_out);
}
