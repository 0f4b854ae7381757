/* The signed-in person's account: who they are, and their API tokens. */
#ifndef VIEW_PAGE_ACCOUNT_H
#define VIEW_PAGE_ACCOUNT_H

#include "layout.h"
#include "core/account.h"

struct account_view {
    const struct user *user;
    const struct api_token *tokens;
    size_t ntokens;
    const char *new_token; /* a token just made, shown this once; else NULL */
    const char *notice;    /* a line of news for the banner, e.g. "Token 3 revoked"; or NULL */
    int feed_exists;       /* the person has a calendar feed of complaints' due dates */
    const char *feed_url;  /* its address just made, shown this once; else NULL */
    /* the person's organisation as the register has it, its name and page's reference; NULL
     * when it has none (its org-id is shown as it is) */
    const char *org_name, *org_ref;
};

void view_account_page(struct buf *b, const struct account_view *v, const struct viewer *viewer);

#endif
