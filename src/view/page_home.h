/* The home page: what the service is for and where to go; for a person signed in, what their
 * role needs first (app/policy.h, policy_home). */
#ifndef VIEW_PAGE_HOME_H
#define VIEW_PAGE_HOME_H

#include <stddef.h>

#include "layout.h"
#include "page_complaints.h"
#include "core/compliance.h"
#include "core/coverage.h"
#include "core/indicators.h"
#include "core/organisation.h"
#include "base/buf.h"

/* One Compact a coordinator keeps, and what it still needs. */
struct home_compact {
    const struct compact_entry *entry;
    struct compact_state state;            /* today */
    unsigned steps;                        /* enum upkeep_step (core/upkeep.h) */
    size_t signatories, withdrawn;         /* organisations signing it now; that withdrew */
    size_t pending;                        /* findings of its activities with a step to take */
    const struct activity_summary *recent; /* its latest activities */
    size_t nrecent;
};

/* A coordinator's home: the Compacts they coordinate, by name. */
struct coordinator_home {
    const struct home_compact *compacts;
    size_t n;
    int can_create; /* they may add a Compact */
};

/* A member's home: their organisation, its activities and its funding. */
struct member_home {
    const char *org_id;             /* their organisation's, as their account has it */
    const struct organisation *org; /* as the register has it, or NULL when it does not */
    const char *org_ref;            /* how addresses name it (organisation_ref), with org */
    const struct activity_summary *activities; /* concerning it or recorded by its members */
    size_t nactivities;
    size_t grants_received, grants_made; /* in the published open data */
    const struct grant_item *received;   /* the latest grants it received */
    size_t nreceived;
};

/* An admin's home: the national picture. */
struct admin_home {
    const struct coverage *coverage; /* today, of today's authorities */
    size_t compacts;                 /* in the register */
    size_t by_status[COMPACT_STATUS_COUNT];
    size_t overdue; /* Compacts whose review is overdue */
    size_t organisations;
};

struct home_view {
    size_t authorities_2012; /* how many authorities each set holds */
    size_t authorities_current;
    /* for a person signed in, their role's part (at most one); all NULL: the public page */
    const struct coordinator_home *coordinator;
    const struct member_home *member;
    const struct admin_home *admin;
    /* for a person signed in: the open complaints they may see, what is due first first */
    const struct case_view *cases;
    size_t ncases, ncases_total; /* shown, and open in all */
};

void view_home_page(struct buf *b, const struct home_view *v, const struct viewer *viewer);

#endif
