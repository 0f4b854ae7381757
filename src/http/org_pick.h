/* Finding an organisation of the register by name on a form, without JavaScript: the record
 * form's (page_activities.c) and the complaint form's (page_complaints.c). */
#ifndef HTTP_ORG_PICK_H
#define HTTP_ORG_PICK_H

#include "request.h"
#include "view/page_activity.h"

#define ORG_MATCHES_MAX 10

/* What a form's organisation question gave. */
struct org_pick {
    const char *org_id, *org_name; /* the organisation chosen, or NULL */
    int searched;
    struct org_choice matches[ORG_MATCHES_MAX];
    size_t nmatches;
    /* what is wrong, or NULL: on the search box (q_error) or on the choice (choose_error) */
    const char *q_error, *choose_error;
};

/*
 * The register's organisations whose name or org-id matches q, those with an org-id, into p;
 * for a number alone, a charity's or a company's too (GB-CHC-, GB-COH- and the number).
 */
int org_pick_search(struct request *r, const char *q, struct org_pick *p);

/*
 * The organisation of a form: the one chosen from a search's list (chosen, an org-id); else,
 * typed without choosing (q), the one whose org-id, number or whole name it is; else the list
 * of those that match it to choose from, with an error unless the person asked for the search
 * (searching). Nothing typed nor chosen: the error missing when not NULL. 0 with p filled
 * (memset by the caller), or an error from the store.
 */
int org_pick_read(struct request *r, const char *q, const char *chosen, int searching,
                  const char *missing, struct org_pick *p);

#endif
