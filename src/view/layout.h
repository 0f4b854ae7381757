/* The page around every view: head, skip link, header, service navigation, phase banner, footer. */
#ifndef VIEW_LAYOUT_H
#define VIEW_LAYOUT_H

#include <stddef.h>

#include "base/buf.h"

enum nav { NAV_NONE, NAV_HOME, NAV_AUTHORITIES };

struct crumb {
    const char *label;
    const char *href; /* already a safe URL of this site */
};

struct layout {
    const char *title;          /* the page's h1, also the <title> */
    enum nav nav;               /* the service navigation item to mark current */
    const struct crumb *crumbs; /* breadcrumbs above main, or NULL */
    size_t ncrumbs;
    int has_error; /* a form with errors: the title starts "Error: " */
};

/* Everything up to and including the opening of <main>. */
void view_layout_start(struct buf *b, const struct layout *l);
/* The closing of <main> and everything after it. */
void view_layout_end(struct buf *b);

#endif
