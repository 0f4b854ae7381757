/*
 * A request as handlers see it, and the replies they can give. Handlers are functions of a
 * request; they set status, body and content type (or call a reply_ helper) and return 0, or
 * return a negative enum err that the router turns into an error reply.
 */
#ifndef HTTP_REQUEST_H
#define HTTP_REQUEST_H

#include <stddef.h>

#include "multipart.h"
#include "query.h"
#include "view/layout.h"
#include "core/account.h"
#include "core/calendar.h"
#include "core/crypto.h"
#include "core/field_error.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "store/store.h"

enum method {
    M_GET = 1 << 0,
    M_HEAD = 1 << 1,
    M_POST = 1 << 2,
    M_PUT = 1 << 3,
    M_PATCH = 1 << 4,
    M_DELETE = 1 << 5,
    M_OPTIONS = 1 << 6
};

#define ROUTE_MAX_PARAMS 4

struct evhttp_request;
struct server_config;

struct request {
    struct evhttp_request *ev; /* opaque here: only server.c looks inside */
    enum method method;
    const char *target;   /* the request target as sent: path and query */
    const char *path;     /* decoded: "/organisations/GB-X-a/b" */
    const char *path_raw; /* as sent, %-escapes kept ("/organisations/GB-X-a%2Fb"): the router
                             splits this one, so %2F stays inside its segment */
    struct query query;
    const char *params[ROUTE_MAX_PARAMS]; /* the route's :name segments, in order, decoded */
    size_t nparams;
    int is_api;                /* under /api/: errors are problem JSON */
    struct arena *arena;       /* freed when the reply has been sent */
    struct store *st;          /* this thread's connection */
    struct reply_cache *cache; /* this thread's cache of replies, or NULL */
    const char *client;        /* the peer's address */
    const char *body_in;       /* the request body, NUL-terminated, or NULL */
    size_t body_in_len;
    /* a multipart/form-data body's file (request_form reads it), or NULL: its bytes are
     * body_in's */
    const struct multipart_file *upload;

    /* who is asking (server.c sets these before the router runs) */
    struct user user;           /* role ROLE_PUBLIC when nobody is signed in */
    int by_token;               /* signed in by an API token: no cookies, no CSRF */
    int bad_token;              /* a bearer token came and is not valid: 401 everywhere */
    int stale_session;          /* a session cookie came and no session answers to it */
    int who_err;                /* the database could not say who is asking (enum err): the
                                   request is refused with 503, the token or session kept */
    char session[SECRET_TEXT];  /* the session cookie's secret, "" without one */
    const unsigned char *key;   /* the server key for keyed hashes */
    const struct calendar *cal; /* the working days of England and Wales (core/calendar.h) */
    long long now;              /* Unix seconds when the request came */
    const struct server_config *cfg;

    /* the reply */
    int status;
    const char *content_type;
    const char *cache_control; /* NULL: "no-cache" (server.c) */
    date_t cache_day;          /* a reply that depends on today's date: that date (see cache.h) */
    struct buf *body;
    const void *static_body; /* instead of body: bytes that outlive the reply being written */
    size_t static_len;
    int static_permanent; /* static_body lives as long as the program: sent without a copy */
    struct evbuffer_file_segment *segment; /* instead of body: a cached reply's (cache.h) */
    const char *etag;
    unsigned allow;                  /* with 405: the methods the path does answer */
    const char *location;            /* a redirect's target */
    const char *content_disposition; /* a download's Content-Disposition header, or NULL */
    const char *set_cookie;          /* a Set-Cookie header's value */
    const char *set_cookie_also;     /* and a second one */
    long long retry_after;           /* when not 0: a Retry-After header, in seconds */
    int www_authenticate;            /* with 401: ask for a bearer token */
};

/* The value of the request header name, or NULL. */
const char *request_header(struct request *r, const char *name);

/* An RFC 9457 problem reply (application/problem+json); param names the offending input. */
int reply_problem(struct request *r, int status, const char *title, const char *detail,
                  const char *param);
/* The 400 problem of input field (the param) with detail "FIELD WHY." */
int reply_invalid(struct request *r, const char *title, const char *field, const char *why);
/* {"id": id} as JSON, with status (201 for something made). */
int reply_id(struct request *r, int status, long long id);
/* The 400 problem of a bad query parameter, naming it. */
int reply_bad_query(struct request *r, const struct field_error *e);
/*
 * The 400 reply to input query_parse refused, e its error (a NULL field stands for whole: the
 * "query" or the "body"): problem JSON titled title naming the parameter under /api/, else a
 * page whose GOV.UK error summary names it.
 */
int reply_bad_input(struct request *r, const char *title, const char *whole,
                    const struct field_error *e);
/* An error reply in the request's style: problem JSON under /api/, else an HTML page. */
int reply_error(struct request *r, int status, const char *detail);

/* The route's :name segment i as a number (digits only, 1 or more): 0 with *out, or
 * ERR_NOT_FOUND with *out 0 (no such thing has that address). */
int request_id(const struct request *r, size_t i, long long *out);
/*
 * The form fields of an application/x-www-form-urlencoded body (none without a body), or of a
 * multipart/form-data one (multipart.h; its file, if any, then in r->upload); ERR_INVALID,
 * with form->error set, for another type of body or one query_parse or multipart_parse
 * refuses.
 */
int request_form(struct request *r, struct query *form);
/*
 * Whether a form body, if one came, can be read: else the 400 naming the field at fault is set
 * (reply_bad_input). The router asks before any handler runs, so that no handler sees a form
 * whose text is not UTF-8 and none need say so.
 */
int request_form_readable(struct request *r);
/* The CSRF token of the request's session (a keyed hash of its secret), "" without one. */
const char *request_csrf(struct request *r);
/* Who acts, for the audit trail: actor_name of the person asking (from the arena). */
const char *request_actor(struct request *r);
/* Who is looking, for the page layout (from the arena). */
const struct viewer *request_viewer(struct request *r);
/* A 303 See Other to location (a path on this site, already safe). */
int reply_redirect(struct request *r, const char *location);

#endif
