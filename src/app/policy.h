/*
 * Who may see or change what: every decision about a person and an object, in one place. The
 * route table (http/router.c) is the first gate, who may reach a URL at all; these functions
 * decide for the object in hand. Each takes the person acting (u; role ROLE_PUBLIC for nobody
 * signed in, NULL for the command line, which holds the database and may do everything) and
 * answers 0 when they may, ERR_FORBIDDEN when they may not, or an error from the store. None says
 * whether the object exists: look it up first, so that a missing one is ERR_NOT_FOUND. Callers
 * map the answer to a status through the one err-to-status table.
 */
#ifndef APP_POLICY_H
#define APP_POLICY_H

#include "core/account.h"
#include "actor.h"
#include "core/library.h"
#include "store/store.h"

/* Adding a Compact: admins and coordinators. */
int policy_compact_create(const struct user *u);
/* The coordinator a Compact added by u is given: u when a coordinator, else 0 (none). */
long long policy_compact_coordinator(const struct user *u);
/* Changing Compact compact_id (details, status, codes, parameters, signatories): admins any,
 * coordinators those they coordinate. */
int policy_compact_edit(struct store *st, const struct user *u, long long compact_id);
/* Setting what only the national body sets in a Compact's entry (its coordinators): admins,
 * on any Compact; a coordinator on none, not even one they coordinate. */
int policy_compact_admin_fields(const struct user *u);
/* policy_compact_admin_fields's rule in a sentence, to say why a change was refused. */
extern const char policy_compact_admin_fields_rule[];
/* Seeing the sign-in email addresses of a Compact's coordinators (in its entry, its history
 * and the audit trail): admins and coordinators. Everyone else sees them by name. */
int policy_compact_coordinators(const struct user *u);

/* Adding an organisation to the register: admins and coordinators. */
int policy_organisation_create(const struct user *u);
/*
 * Changing organisation o (as stored) by patch (NULL: whether u may change it at all, to offer
 * the form): admins any; coordinators one they added (the audit trail's 'create' entry of it is
 * theirs) or one that signs a Compact they coordinate, but never a council's record (type
 * council or a GB-LAE- org-id) nor a patch that would make it one.
 */
int policy_organisation_edit(struct store *st, const struct user *u, const struct organisation *o,
                             const struct organisation_draft *patch);
/* policy_organisation_edit's rule in a sentence, to say why a change was refused. */
extern const char policy_organisation_edit_rule[];

/*
 * Which activities u may record or change, to offer the choice: ERR_FORBIDDEN for nobody
 * signed in; else 0 with *org the organisation they record as (a member's own, which then
 * owns the activity) or NULL, and *coordinator the person whose Compacts they must be of (a
 * coordinator, themselves) or 0 for any Compact.
 */
int policy_activity_scope(const struct user *u, const char **org, long long *coordinator);
/*
 * Recording, changing or withdrawing an activity of Compact compact_id (look it up first), and
 * as whom: admins any Compact; coordinators the Compacts they coordinate; members any Compact,
 * as their organisation (which records it and alone may change it). 0 with *org as
 * policy_activity_scope says, or ERR_FORBIDDEN.
 */
int policy_activity_write(struct store *st, const struct user *u, long long compact_id,
                          const char **org);
/*
 * Seeing, changing and withdrawing recorded activity of Compact compact_id that a member of
 * recorder_org recorded (NULL: an admin, a coordinator or the command line did): admins;
 * coordinators of that Compact; members of recorder_org. A read refused is answered as not
 * found, as if it did not exist. The writes ask policy_activity_write for the Compact first
 * (a refusal is a 403 saying who may) and then, for a member, find only the activities their
 * organisation recorded (the store's only_org): the same people, and this is the rule pages
 * follow to offer them.
 */
int policy_activity_see(struct store *st, const struct user *u, long long compact_id,
                        const char *recorder_org);
/* Moving a recorded activity from organisation from to organisation to (NULL: none): admins.
 * Keeping it where it is (the same org-id, byte for byte) is no move. */
int policy_activity_move(const struct user *u, const char *from, const char *to);
/* The rules of policy_activity_write and policy_activity_move in a sentence each. */
extern const char policy_activity_write_rule[];
extern const char policy_activity_move_rule[];

/*
 * Complaints (SPEC section 6, "Who sees what"). A case is between two organisations of the
 * register, the complainant and the respondent (their org-ids; NULL for one without: no member
 * acts for it), on one Compact.
 *
 * Raising a case on Compact compact_id (look it up first): admins any Compact; coordinators the
 * Compacts they coordinate (a case raised elsewhere they could not see); members any Compact,
 * but only as their own organisation, which must be the complainant; nobody signed in none.
 * complainant_org: the complainant's org-id ("" for an organisation without one, which no
 * member acts for), or NULL before the complainant is known (a form, a request not yet read):
 * then whether u may raise some case on it. The command line may raise any. 0 or ERR_FORBIDDEN.
 */
int policy_case_create(struct store *st, const struct user *u, long long compact_id,
                       const char *complainant_org);
/* The rule of policy_case_create in a sentence, to say why a case was refused. */
extern const char policy_case_create_rule[];
/*
 * Seeing case of Compact compact_id (and so its history, its due dates in a calendar feed):
 * admins; the coordinators of that Compact (not of another); members of the complainant or of
 * the respondent. Anyone else is answered as if it did not exist: ERR_NOT_FOUND, not
 * ERR_FORBIDDEN.
 */
int policy_case_see(struct store *st, const struct user *u, long long compact_id,
                    const char *complainant, const char *respondent);
/*
 * Adding an event of type t (closed: with outcome) to a case u may see (ask policy_case_see
 * first): admins and coordinators, every type (closing with any outcome, reopening); a member
 * of the respondent: `response` and `note`; of the complainant: `note`, `escalated`, and
 * `closed` with outcome `withdrawn` only (withdrawing their own complaint; SPEC: "the
 * complainant's members escalate or withdraw"). Reopening and the other outcomes are the
 * coordinators' and admins'. A member of both sides has both. ERR_FORBIDDEN otherwise.
 */
int policy_case_event(const struct user *u, const char *complainant, const char *respondent,
                      enum complaint_event_type t, enum complaint_outcome outcome);
/* The rule of policy_case_event in a sentence, to say why a change was refused. */
extern const char policy_case_event_rule[];
/*
 * Which cases a list shows u: ERR_FORBIDDEN for nobody signed in (they see none); else 0 with
 * *coordinator the person whose Compacts they must be of (a coordinator, themselves; 0 any) and
 * *org the organisation that must be a party (a member's; NULL any).
 */
int policy_case_scope(const struct user *u, long long *coordinator, const char **org);
/* Running the annual survey: making a round, importing answers, the response counts by Compact
 * and the anonymised export with comments: admins. */
int policy_survey_manage(const struct user *u);
/* Making invitation codes of Compact compact_id (look it up first): admins any; coordinators
 * those they coordinate. */
int policy_survey_codes(struct store *st, const struct user *u, long long compact_id);
/* Answering the benchmark questionnaire for Compact compact_id: the same people. */
int policy_survey_benchmark(struct store *st, const struct user *u, long long compact_id);
/* Answering the general questionnaire without an invitation code: anyone signed in (once a
 * round, which app/survey.c keeps). */
int policy_survey_general(const struct user *u);
/* The rules of policy_survey_codes and policy_survey_benchmark in a sentence each. */
extern const char policy_survey_codes_rule[];
extern const char policy_survey_benchmark_rule[];
/*
 * The library (SPEC section 9: "Coordinators and members write drafts for their own Compact;
 * admins publish"). Writing a new case study or resource of Compact compact_id (0: none):
 * admins, of any Compact or none; a coordinator, of a Compact they coordinate; a member, of a
 * Compact their organisation has signed and not withdrawn from today (their "own Compact").
 */
int policy_library_write(struct store *st, const struct user *u, long long compact_id);
extern const char policy_library_write_rule[];
/*
 * Seeing one (look it up first) of Compact compact_id, with status and its author (an actor):
 * a published one, everyone; a draft, its author, the coordinators of its Compact and admins.
 * A draft refused is answered as not found.
 */
int policy_library_see(struct store *st, const struct user *u, long long compact_id,
                       enum library_status status, const char *author);
/*
 * Changing one: admins; coordinators of its Compact; its author while it is a draft and they
 * may still write for its Compact. Moving it to Compact to (another than compact_id) also
 * needs policy_library_write for to.
 */
int policy_library_edit(struct store *st, const struct user *u, long long compact_id,
                        enum library_status status, const char *author, long long to);
extern const char policy_library_edit_rule[];
/* Publishing: admins. */
int policy_library_publish(const struct user *u);
extern const char policy_library_publish_rule[];
/* Which drafts a list shows u besides what is published: *all every one (admins), else those
 * whose author is *author (u's actor, in author_buf; NULL for nobody signed in) and those of
 * the Compacts *coordinator coordinates (0: none). */
void policy_library_scope(const struct user *u, char author_buf[ACTOR_MAX], int *all,
                          const char **author, long long *coordinator);

/* The home page each person lands on. */
enum home_kind {
    HOME_PUBLIC,      /* what the service is for, and where to go */
    HOME_MEMBER,      /* their organisation, its activities and its funding */
    HOME_COORDINATOR, /* the Compacts they coordinate and what each still needs */
    HOME_ADMIN,       /* the national picture */
};
/* The home page u lands on (the command line has none: HOME_PUBLIC). */
enum home_kind policy_home(const struct user *u);

/* Reading the history (audit trail) of entity of kind: the kinds every person signed in may
 * read, a person their own account's, an admin everything. */
int policy_audit_read(const struct user *u, const char *kind, const char *entity);

#endif
