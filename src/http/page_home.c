/* GET /: the home page, and for a person signed in their role's (policy_home). */
#include <string.h>

#include "handlers.h"
#include "app/cases.h"
#include "app/coverage_report.h"
#include "app/policy.h"
#include "core/upkeep.h"
#include "view/page_home.h"
#include "base/err.h"
#include "base/banned.h"

#define HOME_COMPACTS_MAX 50 /* a coordinator's Compacts shown */
#define HOME_RECENT       3  /* activities shown for each of them */
#define HOME_ACTIVITIES   20 /* a member's organisation's activities shown */
#define HOME_GRANTS       5  /* the latest grants it received shown */
#define HOME_CASES        10 /* open complaints shown */

/* One of a coordinator's Compacts with what it still needs, as of today. */
static int load_compact(struct request *r, long long id, date_t today, struct home_compact *out)
{
    struct compact_shown *c = arena_alloc(r->arena, sizeof(*c));
    struct compact_entry *e = &c->entry;
    struct activity_filter f = {.compact_id = id, .limit = HOME_RECENT, .today = today};
    struct activity_summary *recent;
    struct finding_record *findings;
    size_t nfindings;
    int ret;

    memset(out, 0, sizeof(*out));
    /* its entry and signatories in one statement */
    if ((ret = store_compact_shown(r->st, id, r->arena, c)) < 0 ||
        (ret = store_compact_findings(r->st, id, r->arena, &findings, &nfindings)) < 0 ||
        (ret = store_activity_summaries(r->st, &f, r->arena, &recent, &out->nrecent)) < 0) {
        return ret;
    }
    for (size_t i = 0; i < c->nsignatories; i++) {
        if (c->signatories[i].withdrawn_on) {
            out->withdrawn++;
        } else {
            out->signatories++;
        }
    }
    for (size_t i = 0; i < nfindings && !strcmp(findings[i].verdict, "pending"); i++) {
        out->pending++; /* pending ones come first */
    }
    out->entry = e;
    out->recent = recent;
    compact_state_on(e, today, &out->state);
    out->steps = compact_upkeep(e, &out->state, out->signatories, out->pending);
    return 0;
}

static int coordinator_home(struct request *r, struct coordinator_home *out)
{
    struct compact_filter f = {.today = date_today(),
                               .status = -1,
                               .region = -1,
                               .coordinator = policy_compact_coordinator(&r->user),
                               .limit = HOME_COMPACTS_MAX,
                               .by_name = 1};
    struct compact_summary *items;
    struct home_compact *compacts;
    int ret;

    if ((ret = store_compact_list(r->st, &f, r->arena, &items, &out->n)) < 0) {
        return ret;
    }
    compacts = arena_alloc(r->arena, (out->n + 1) * sizeof(*compacts));
    for (size_t i = 0; i < out->n; i++) {
        if ((ret = load_compact(r, items[i].id, f.today, &compacts[i])) < 0) {
            return ret;
        }
    }
    out->compacts = compacts;
    out->can_create = policy_compact_create(&r->user) == 0;
    return 0;
}

static int member_home(struct request *r, struct member_home *out)
{
    struct activity_filter af = {.limit = HOME_ACTIVITIES, .today = date_today()};
    struct opendata_filter made = {0}, received = {0};
    struct organisation *org = arena_alloc(r->arena, sizeof(*org));
    struct activity_summary *activities;
    struct grant_item *grants;
    char ref[ORG_REF_MAX];
    long long coordinator;
    int ret;

    if ((ret = policy_activity_scope(&r->user, &out->org_id, &coordinator)) < 0 || !out->org_id) {
        return ret < 0 ? ret : ERR_FORBIDDEN;
    }
    ret = store_organisation_get(r->st, out->org_id, r->arena, org);
    if (ret == 0) {
        out->org = org;
        out->org_ref = arena_strdup(r->arena, organisation_ref(org, ref));
    } else if (ret != ERR_NOT_FOUND) {
        return ret;
    }
    af.org = out->org_id;
    made.org = out->org_id;
    received.counterpart = out->org_id;
    if ((ret = store_activity_summaries(r->st, &af, r->arena, &activities, &out->nactivities)) <
            0 ||
        (ret = store_grant_list_count(r->st, &received, &out->grants_received)) < 0 ||
        (ret = store_grant_list_count(r->st, &made, &out->grants_made)) < 0) {
        return ret;
    }
    received.limit = HOME_GRANTS;
    if ((ret = store_grant_list(r->st, &received, r->arena, &grants, &out->nreceived)) < 0) {
        return ret;
    }
    out->activities = activities;
    out->received = grants;
    return 0;
}

static int admin_home(struct request *r, struct admin_home *out)
{
    struct compact_filter f = {.today = date_today(), .status = -1, .region = -1};
    struct organisation_filter of = {.sector = -1, .type = -1};
    const struct coverage_query q = {.as_of = f.today, .set = AUTH_SET_CURRENT};
    struct coverage_report *rep = arena_alloc(r->arena, sizeof(*rep));
    int ret;

    if ((ret = coverage_report(r->st, &q, 0, r->arena, rep)) < 0 ||
        (ret = store_compact_count(r->st, &f, &out->compacts)) < 0 ||
        (ret = store_organisation_count(r->st, &of, &out->organisations)) < 0) {
        return ret;
    }
    for (int s = 0; s < COMPACT_STATUS_COUNT; s++) {
        f.status = s;
        if ((ret = store_compact_count(r->st, &f, &out->by_status[s])) < 0) {
            return ret;
        }
    }
    f.status = -1;
    f.overdue = 1;
    if ((ret = store_compact_count(r->st, &f, &out->overdue)) < 0) {
        return ret;
    }
    out->coverage = &rep->now;
    return 0;
}

int page_home(struct request *r)
{
    struct home_view v = {0};
    struct coordinator_home coordinator = {0};
    struct member_home member = {0};
    struct admin_home admin = {0};
    int ret;

    if ((ret = store_authority_count_sets(r->st, AUTH_SET_2012, AUTH_SET_CURRENT,
                                          &v.authorities_2012, &v.authorities_current)) < 0) {
        return ret;
    }
    switch (policy_home(&r->user)) {
    case HOME_COORDINATOR:
        ret = coordinator_home(r, &coordinator);
        v.coordinator = &coordinator;
        break;
    case HOME_MEMBER:
        ret = member_home(r, &member);
        v.member = &member;
        break;
    case HOME_ADMIN:
        ret = admin_home(r, &admin);
        v.admin = &admin;
        break;
    case HOME_PUBLIC:
        break;
    }
    if (ret < 0) {
        return ret;
    }
    if (r->user.role != ROLE_PUBLIC) { /* their open cases: a member's, their organisation's */
        struct case_filter cf = {.open_only = 1,
                                 .org_id = r->user.role == ROLE_MEMBER ? r->user.org_id : NULL};
        struct case_view *cases;
        if ((ret = complaint_views(r, &cf, HOME_CASES, &cases, &v.ncases, &v.ncases_total)) < 0) {
            return ret;
        }
        v.cases = cases;
    }
    r->content_type = "text/html; charset=utf-8";
    view_home_page(r->body, &v, request_viewer(r));
    return 0;
}
