/*
 * What each route of the service does, for people and for the OpenAPI description: data that
 * sits beside each route in the route table (http/router.c), read by codec/json_openapi.c
 * (GET /api/openapi.json) and view/page_api.c (GET /api). Pure: no I/O.
 */
#ifndef CORE_API_DOC_H
#define CORE_API_DOC_H

#include <stddef.h>

#include "base/buf.h"

/* How a parameter's value is written. */
enum api_type { API_TEXT, API_INTEGER, API_DATE, API_BOOLEAN };

/* A query parameter, or a field of a page's form. */
struct api_param {
    const char *name;
    const char *about;   /* what it is and the values it takes, for people */
    enum api_type type;  /* API_TEXT when left out */
    const char *example; /* a value, or NULL */
};

/* A route's documentation, beside it in the route table. */
struct api_doc {
    const char *summary; /* what it does, one line for people; every route has one */
    /* its query parameters (or, for a page's POST, its form's fields), ended by {NULL}; or
     * NULL for none */
    const struct api_param *params;
    /* an example: for a GET, a path with its query ("/api/v1/compacts?status=active"); for a
     * write, its body (JSON under /api/, a form's fields otherwise) */
    const char *example;
    int status; /* what success answers when not 200 (201, 303, 204), else 0 */
};

/* One method of one route, as the documentation lists it. */
struct api_op {
    const char *method;  /* "GET", "POST", ... */
    const char *pattern; /* "/compacts/:id": ":name" a path parameter, "*" the rest */
    unsigned access;     /* the enum role bits that may use it */
    int tokens;          /* whether an API token may use it (else people signed in only) */
    const struct api_doc *doc;
};

/* Whether the operation is the JSON API's (its pattern starts "/api/v1/"), not a page's. */
int api_op_is_api(const struct api_op *op);
/* What a request body it takes, by method: 1 for POST, PUT and PATCH. */
int api_op_has_body(const struct api_op *op);
/* What success answers: doc->status, else 200. */
int api_op_status(const struct api_op *op);
/*
 * The resource the operation belongs to, for grouping ("Local Compacts", "Signatories", "Open
 * data: grants and contracts", ..., "The service"); a static string.
 */
const char *api_op_group(const struct api_op *op);
/* The groups in the order the documentation shows them; n set to how many. */
const char *const *api_groups(size_t *n);
/*
 * What the path parameter name (without its ':'; "*" for the rest of the path) of pattern is,
 * for people; a static string.
 */
const char *api_path_param_about(const char *pattern, const char *name);
/*
 * The path parameters of a pattern one at a time: from p (the pattern at first), the next
 * ":name" (or the final "*", named "path") into *name and *len; returns where to go on from, or
 * NULL when there is none left.
 */
const char *api_path_param_next(const char *p, const char **name, size_t *len);
/* The pattern as OpenAPI writes a path: "/compacts/{id}", "/assets/{path}". */
void api_path_template(struct buf *b, const char *pattern);
/* The media type of what success answers: "application/json", "text/csv", "text/html", or
 * any type (the range of every type) for the assets; NULL for a redirect (303). */
const char *api_op_media(const struct api_op *op);
/* Whether p names one parameter ("limit"), not several or a kind of them ("as_of-day,
 * as_of-month, as_of-year", "(each question)"), which only the text describes. */
int api_param_is_named(const struct api_param *p);
/* Who may use it, for people: "Anyone", "People signed in", "Admins and coordinators", ...;
 * a static string. */
const char *api_access_phrase(unsigned access);

#endif
