/* The sign-in page. */
#ifndef VIEW_PAGE_LOGIN_H
#define VIEW_PAGE_LOGIN_H

#include "form.h"
#include "layout.h"

struct login_view {
    const char *email; /* as typed, to show again; NULL on a fresh form */
    const char *next;  /* where to go after signing in (a path on this site), or NULL */
    int expired;       /* the person's session ended: say so */
    const struct field_error *errors;
    size_t nerrors;
};

void view_login_page(struct buf *b, const struct login_view *v, const struct viewer *viewer);

#endif
