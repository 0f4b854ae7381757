/* The route table and the dispatch of a request to its handler. */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H

#include "request.h"
#include "core/account.h"
#include "core/api_doc.h"

typedef int (*handler_fn)(struct request *r);

enum route_flags {
    /* The reply depends only on the target and the database: kept until the database changes. */
    ROUTE_CACHE = 1 << 0,
    /* For a person signed in, never for an API token (managing tokens: a leaked token must not
     * make others that outlive its revocation). */
    ROUTE_PEOPLE = 1 << 1,
    /* It takes an uploaded file (multipart/form-data): a body up to ROUTE_UPLOAD_BODY_MAX. */
    ROUTE_UPLOAD = 1 << 2,
};

/* The largest body of a ROUTE_UPLOAD route: a 20 MiB file and 1 MiB for the form around it. */
#define ROUTE_UPLOAD_BODY_MAX ((size_t)21 << 20)

struct route {
    unsigned methods;    /* enum method bits; GET routes answer HEAD too */
    const char *pattern; /* "/authorities/:gss"; a final "*" matches the rest */
    handler_fn fn;
    unsigned access; /* the enum role bits that may use it: ACCESS_ANYONE, ACCESS_ADMIN, ... */
    unsigned flags;  /* enum route_flags */
    /* what it does, what it takes, an example: GET /api and /api/openapi.json are made of
     * these, and unit.test_api_doc fails for a route without a summary */
    struct api_doc doc;
};

/*
 * The route table as the documentation lists it, one entry per method (HEAD left out: every
 * GET answers it), in the table's order, into out[0..max); returns how many there are (more
 * than max: only max written).
 */
size_t routes_ops(struct api_op *out, size_t max);
/* Room for every operation of the table, with some to spare. */
#define ROUTES_OPS_MAX 256

extern const struct route routes[];
extern const size_t routes_count;

/*
 * Find r->path's route and run its handler, or reply 404 or 405. On return the reply is set
 * in r (status, content type, body).
 */
void router_dispatch(struct request *r);
/*
 * The largest body a request may send, from the start of its request line (method[0..mlen) and
 * target[0..tlen), which may be cut short): ROUTE_UPLOAD_BODY_MAX for a route flagged
 * ROUTE_UPLOAD whose pattern the path matches and whose methods include it, else dflt.
 */
size_t route_body_max(const char *method, size_t mlen, const char *target, size_t tlen,
                      size_t dflt);
/* The HTTP status for an enum err, from one table. */
int http_status_of(int err);
/* The standard reason phrase (RFC 9110) of an error status the service sends, also the title of
 * its problem JSON; NULL for any other (evhttp then chooses, for 200 and the like). */
const char *http_reason(int status);
/* compact routes (cmd_routes.c): argv[0] is its path; returns the exit code. */
int cmd_routes(int argc, char **argv);

#endif
