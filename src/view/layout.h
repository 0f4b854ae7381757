/* The page around every view: head, skip link, header, service navigation, phase banner, footer. */
#ifndef VIEW_LAYOUT_H
#define VIEW_LAYOUT_H

#include <stddef.h>

#include "form.h"
#include "base/buf.h"

enum nav {
    NAV_NONE,
    NAV_HOME,
    NAV_COMPACTS,
    NAV_COVERAGE,
    NAV_ORGANISATIONS,
    NAV_AUTHORITIES,
    NAV_CHECKS,
    NAV_ACCOUNT,
    NAV_LOGIN,
    NAV_GRANTS,
    NAV_CONTRACTS,
    NAV_LIBRARY
};

/* Who is looking at a page. */
struct viewer {
    const char *name; /* the signed-in person's name; NULL when nobody is signed in */
    const char *csrf; /* their session's CSRF token, for forms */
};

struct crumb {
    const char *label;
    const char *href; /* already a safe URL of this site */
};

struct layout {
    const char *title;          /* the page's h1, also the <title> */
    enum nav nav;               /* the service navigation item to mark current */
    const struct crumb *crumbs; /* breadcrumbs above main, or NULL */
    size_t ncrumbs;
    const struct viewer *viewer; /* NULL: nobody signed in */
    /* a form's errors: the title starts "Error: " and the error summary opens the content */
    const struct field_error *errors;
    size_t nerrors;
    int narrow; /* the content in two-thirds of the width, as question pages have it */
};

/* Everything up to and including the opening of <main> (and of the narrow column), then the
 * error summary of a page with errors. */
void view_layout_start(struct buf *b, const struct layout *l);
/* The page's heading, with a caption above it (NULL: none). */
void view_heading(struct buf *b, const char *caption, const char *title);
/* The hidden CSRF field every state-changing form carries. */
void view_csrf_field(struct buf *b, const struct viewer *v);

/* The closing of <main> (and of the narrow column) and everything after it. */
void view_layout_end(struct buf *b, const struct layout *l);

/*
 * The start of a page one step below Home, as the registers' lists are: full width, titled
 * title, with the breadcrumbs Home and crumb, under the navigation item nav, and the error
 * summary of errors[0..nerrors) (0: none) opening it. view_top_page_end ends it.
 */
void view_top_page_start(struct buf *b, const char *title, const char *crumb, enum nav nav,
                         const struct field_error *errors, size_t nerrors,
                         const struct viewer *viewer);
void view_top_page_end(struct buf *b);

#endif
