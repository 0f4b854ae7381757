/* Who may see or change what. */
#include "policy.h"

#include <string.h>
#include <strings.h>

#include "actor.h"
#include "core/audit.h"
#include "base/date.h"
#include "base/err.h"
#include "store/store_library.h"
#include "base/banned.h"

/* Whether u has one of roles; the command line has them all. */
static int has_role(const struct user *u, unsigned roles)
{
    return !u || (u->role & roles) ? 0 : ERR_FORBIDDEN;
}

/* Whether u is a member acting for the organisation with org-id org (any case). */
static int same_org(const struct user *u, const char *org)
{
    return u && u->role == ROLE_MEMBER && u->org_id && org && !strcasecmp(u->org_id, org);
}

int policy_compact_create(const struct user *u)
{
    return has_role(u, ROLE_ADMIN | ROLE_COORDINATOR);
}

long long policy_compact_coordinator(const struct user *u)
{
    return u && u->role == ROLE_COORDINATOR ? u->id : 0;
}

int policy_compact_edit(struct store *st, const struct user *u, long long compact_id)
{
    int ret;

    if (has_role(u, ROLE_ADMIN) == 0) {
        return 0;
    }
    if (u->role != ROLE_COORDINATOR) {
        return ERR_FORBIDDEN;
    }
    ret = store_compact_is_coordinator(st, compact_id, u->id);
    return ret == ERR_NOT_FOUND ? ERR_FORBIDDEN : ret;
}

const char policy_compact_admin_fields_rule[] =
    "Only an admin may choose who coordinates a Compact.";

int policy_compact_admin_fields(const struct user *u)
{
    return has_role(u, ROLE_ADMIN);
}

int policy_compact_coordinators(const struct user *u)
{
    return has_role(u, ROLE_ADMIN | ROLE_COORDINATOR);
}

const char policy_organisation_edit_rule[] =
    "Only an admin may change a council's record. A coordinator may change an organisation they "
    "added or one that signs a Compact they coordinate.";

int policy_organisation_create(const struct user *u)
{
    return has_role(u, ROLE_ADMIN | ROLE_COORDINATOR);
}

/* A council's record: its type, or a GB-LAE- org-id (which only a council may have). */
static int is_council(const struct organisation *o)
{
    return o->type == ORG_COUNCIL || orgid_council_code(o->org_id) != NULL;
}

int policy_organisation_edit(struct store *st, const struct user *u, const struct organisation *o,
                             const struct organisation_draft *patch)
{
    struct organisation_draft d;
    struct organisation after;
    struct org_problem problems[ORG_PROBLEMS_MAX];
    char actor[ACTOR_MAX];
    int ret;

    if (has_role(u, ROLE_ADMIN) == 0) {
        return 0;
    }
    if (u->role != ROLE_COORDINATOR || is_council(o)) {
        return ERR_FORBIDDEN;
    }
    if (patch) { /* a patch the register refuses is for the store to say so */
        organisation_patch_draft(o, patch, &d);
        if (organisation_from_draft(&d, &after, problems) == 0 && is_council(&after)) {
            return ERR_FORBIDDEN;
        }
    }
    ret = store_organisation_added_by(st, o, actor_name(u, actor));
    if (ret == ERR_NOT_FOUND) {
        ret = store_organisation_signs_for(st, o->id, u->id, date_today());
    }
    return ret == ERR_NOT_FOUND ? ERR_FORBIDDEN : ret;
}

const char policy_activity_write_rule[] =
    "Only an admin or a coordinator of this Compact may record or change its activities.";
const char policy_activity_move_rule[] =
    "Only an admin may move an activity to another organisation: give the organisation it is "
    "for to keep it there.";

int policy_activity_scope(const struct user *u, const char **org, long long *coordinator)
{
    *org = NULL;
    *coordinator = 0;
    if (has_role(u, ACCESS_SIGNED_IN) < 0) {
        return ERR_FORBIDDEN;
    }
    if (u && u->role == ROLE_MEMBER) {
        *org = u->org_id;
    }
    *coordinator = policy_compact_coordinator(u);
    return 0;
}

int policy_activity_write(struct store *st, const struct user *u, long long compact_id,
                          const char **org)
{
    long long coordinator;
    int ret = policy_activity_scope(u, org, &coordinator);

    /* a coordinator writes the activities of the Compacts they may change */
    return ret < 0 || !coordinator ? ret : policy_compact_edit(st, u, compact_id);
}

int policy_activity_see(struct store *st, const struct user *u, long long compact_id,
                        const char *recorder_org)
{
    if (has_role(u, ROLE_ADMIN) == 0) {
        return 0;
    }
    if (u->role == ROLE_MEMBER) {
        return recorder_org && u->org_id && !strcmp(recorder_org, u->org_id) ? 0 : ERR_FORBIDDEN;
    }
    return u->role == ROLE_COORDINATOR ? policy_compact_edit(st, u, compact_id) : ERR_FORBIDDEN;
}

int policy_activity_move(const struct user *u, const char *from, const char *to)
{
    if (has_role(u, ROLE_ADMIN) == 0) {
        return 0;
    }
    if (!from || !to) {
        return from == to ? 0 : ERR_FORBIDDEN;
    }
    return strcmp(from, to) == 0 ? 0 : ERR_FORBIDDEN;
}

const char policy_case_create_rule[] =
    "Only an admin or a coordinator of this Compact may raise a complaint on it, or a member of "
    "the organisation that is complaining.";

int policy_case_create(struct store *st, const struct user *u, long long compact_id,
                       const char *complainant_org)
{
    if (has_role(u, ACCESS_SIGNED_IN) < 0) {
        return ERR_FORBIDDEN;
    }
    if (u && u->role == ROLE_MEMBER) {
        if (!complainant_org) {
            return u->org_id ? 0 : ERR_FORBIDDEN;
        }
        return same_org(u, complainant_org) ? 0 : ERR_FORBIDDEN;
    }
    return policy_compact_edit(st, u, compact_id); /* admins any; coordinators their own */
}

int policy_case_see(struct store *st, const struct user *u, long long compact_id,
                    const char *complainant, const char *respondent)
{
    int ret;

    if (has_role(u, ROLE_ADMIN) == 0) {
        return 0;
    }
    switch (u->role) {
    case ROLE_MEMBER:
        return same_org(u, complainant) || same_org(u, respondent) ? 0 : ERR_NOT_FOUND;
    case ROLE_COORDINATOR:
        ret = store_compact_is_coordinator(st, compact_id, u->id);
        return ret;
    default:
        return ERR_NOT_FOUND;
    }
}

const char policy_case_event_rule[] =
    "The organisation a complaint is about may record its response and add notes. The "
    "organisation that complained may add notes, escalate the complaint or withdraw it. Only an "
    "admin or a coordinator of this Compact may close it otherwise or reopen it.";

int policy_case_event(const struct user *u, const char *complainant, const char *respondent,
                      enum complaint_event_type t, enum complaint_outcome outcome)
{
    int ok = 0;

    if (has_role(u, ROLE_ADMIN | ROLE_COORDINATOR) == 0) {
        return 0;
    }
    if (u->role != ROLE_MEMBER) {
        return ERR_FORBIDDEN;
    }
    if (same_org(u, respondent)) {
        ok |= t == CEVENT_RESPONSE || t == CEVENT_NOTE;
    }
    if (same_org(u, complainant)) {
        ok |= t == CEVENT_NOTE || t == CEVENT_ESCALATED ||
              (t == CEVENT_CLOSED && outcome == OUTCOME_WITHDRAWN);
    }
    return ok ? 0 : ERR_FORBIDDEN;
}

int policy_case_scope(const struct user *u, long long *coordinator, const char **org)
{
    *coordinator = 0;
    *org = NULL;
    if (has_role(u, ACCESS_SIGNED_IN) < 0) {
        return ERR_FORBIDDEN;
    }
    if (u && u->role == ROLE_MEMBER) {
        *org = u->org_id;
        return u->org_id ? 0 : ERR_FORBIDDEN;
    }
    *coordinator = policy_compact_coordinator(u);
    return 0;
}

enum home_kind policy_home(const struct user *u)
{
    switch (u ? u->role : ROLE_PUBLIC) {
    case ROLE_ADMIN:
        return HOME_ADMIN;
    case ROLE_COORDINATOR:
        return HOME_COORDINATOR;
    case ROLE_MEMBER:
        return HOME_MEMBER;
    default:
        return HOME_PUBLIC;
    }
}

int policy_audit_read(const struct user *u, const char *kind, const char *entity)
{
    const struct audit_kind *k = audit_kind_find(kind, strlen(kind));

    if (has_role(u, ROLE_ADMIN) == 0) {
        return 0;
    }
    if (u->role == ROLE_PUBLIC) {
        return ERR_FORBIDDEN;
    }
    if (k && k->signed_in) {
        return 0;
    }
    return !strcmp(kind, "user") && entity && u->email && !strcasecmp(entity, u->email)
               ? 0
               : ERR_FORBIDDEN;
}

int policy_survey_manage(const struct user *u)
{
    return has_role(u, ROLE_ADMIN);
}

const char policy_survey_codes_rule[] =
    "Only an admin or a coordinator of this Compact may make its invitation codes.";
const char policy_survey_benchmark_rule[] =
    "Only an admin or a coordinator of this Compact may answer its benchmarking survey.";

/* Admins, and the coordinators of Compact compact_id. */
static int survey_compact_people(struct store *st, const struct user *u, long long compact_id)
{
    return policy_compact_edit(st, u, compact_id);
}

int policy_survey_codes(struct store *st, const struct user *u, long long compact_id)
{
    return survey_compact_people(st, u, compact_id);
}

int policy_survey_benchmark(struct store *st, const struct user *u, long long compact_id)
{
    return survey_compact_people(st, u, compact_id);
}

int policy_survey_general(const struct user *u)
{
    return has_role(u, ACCESS_SIGNED_IN);
}

const char policy_library_write_rule[] =
    "A coordinator may write for a local Compact they coordinate, a member for a local Compact "
    "their organisation has signed; only an admin may write for none.";
const char policy_library_edit_rule[] =
    "Only an admin, a coordinator of its Compact or its author, while it is a draft, may change "
    "it.";
const char policy_library_publish_rule[] = "Only an admin may publish to the library.";

int policy_library_write(struct store *st, const struct user *u, long long compact_id)
{
    int ret;

    if (has_role(u, ROLE_ADMIN) == 0) {
        return 0;
    }
    if (!compact_id || !(u->role & (ROLE_COORDINATOR | ROLE_MEMBER))) {
        return ERR_FORBIDDEN;
    }
    if (u->role == ROLE_COORDINATOR) {
        return policy_compact_edit(st, u, compact_id);
    }
    ret = store_library_org_signs(st, compact_id, u->org_id, date_today());
    return ret == ERR_NOT_FOUND ? ERR_FORBIDDEN : ret;
}

/* Whether u wrote what author names. */
static int is_author(const struct user *u, const char *author)
{
    char actor[ACTOR_MAX];

    return u && u->role != ROLE_PUBLIC && author && !strcmp(actor_name(u, actor), author);
}

/* Whether u coordinates Compact compact_id: 0, ERR_FORBIDDEN or a store error. */
static int coordinates(struct store *st, const struct user *u, long long compact_id)
{
    return u && u->role == ROLE_COORDINATOR && compact_id ? policy_compact_edit(st, u, compact_id)
                                                          : ERR_FORBIDDEN;
}

int policy_library_see(struct store *st, const struct user *u, long long compact_id,
                       enum library_status status, const char *author)
{
    if (status == LIBRARY_PUBLISHED || has_role(u, ROLE_ADMIN) == 0 || is_author(u, author)) {
        return 0;
    }
    return coordinates(st, u, compact_id);
}

int policy_library_edit(struct store *st, const struct user *u, long long compact_id,
                        enum library_status status, const char *author, long long to)
{
    int ret;

    if (has_role(u, ROLE_ADMIN) == 0) {
        return 0;
    }
    ret = coordinates(st, u, compact_id);
    if (ret == ERR_FORBIDDEN && status == LIBRARY_DRAFT && is_author(u, author)) {
        ret = policy_library_write(st, u, compact_id);
    }
    if (ret == 0 && to != compact_id) {
        ret = policy_library_write(st, u, to);
    }
    return ret;
}

int policy_library_publish(const struct user *u)
{
    return has_role(u, ROLE_ADMIN);
}

void policy_library_scope(const struct user *u, char author_buf[ACTOR_MAX], int *all,
                          const char **author, long long *coordinator)
{
    *all = has_role(u, ROLE_ADMIN) == 0;
    *author = u && u->role != ROLE_PUBLIC ? actor_name(u, author_buf) : NULL;
    *coordinator = policy_compact_coordinator(u);
}
