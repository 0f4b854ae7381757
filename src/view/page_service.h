/* What every public service has: its accessibility statement, privacy notice, cookies and
 * contact pages. */
#ifndef VIEW_PAGE_SERVICE_H
#define VIEW_PAGE_SERVICE_H

#include "layout.h"

/* What the pages say about the running service, as its code and configuration set it. */
struct service_facts {
    /* who runs it (compact serve --operator), or NULL: "the organisation that runs this
     * service"; the address to write to (--contact), or NULL */
    const char *operator_name, *contact_email;
    /* the cookies' names and how long each lasts, in seconds */
    const char *session_cookie, *device_cookie;
    long long session_max, session_idle, device_max_age;
    long long login_window; /* how long a failed sign-in is kept */
};

/* GET /accessibility: the accessibility statement, after GOV.UK's model statement. */
void view_accessibility_page(struct buf *b, const struct service_facts *f,
                             const struct viewer *viewer);
/* GET /privacy: what personal data the service holds, why, for how long, and your rights. */
void view_privacy_page(struct buf *b, const struct service_facts *f, const struct viewer *viewer);
/* GET /cookies: the cookies the service sets, all of them essential. */
void view_cookies_page(struct buf *b, const struct service_facts *f, const struct viewer *viewer);
/* GET /contact: whom to ask about what. */
void view_contact_page(struct buf *b, const struct service_facts *f, const struct viewer *viewer);

/* "12 hours", "30 minutes", "1 year": a length of time in seconds, in its largest whole unit. */
void duration_phrase(struct buf *b, long long seconds);

#endif
