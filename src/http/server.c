/*
 * The server: N worker threads, each with its own event_base, evhttp and database connection,
 * all accepting on one listening socket. We make each connection's bufferevent and watch its
 * buffers, so a request that takes too long to arrive is answered 408 (evhttp would close it
 * without a word), a stop can wait for requests in flight, and the replies evhttp makes by
 * itself (a malformed request 400, a body too large 413, an unknown method 501) are replaced by
 * ours, with the security headers and problem JSON under /api/, before they leave.
 */
#include "server.h"

#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <sys/queue.h>
#include <event2/keyvalq_struct.h>
#include <event2/thread.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "cache.h"
#include "request.h"
#include "router.h"
#include "app/db.h"
#include "ingest/ingest.h"
#include "base/err.h"
#include "base/log.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* The headers on every reply, evhttp's own ones included. */
static const struct {
    const char *name, *value;
} security_headers[] = {
    {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
};

/* How much of the start of a connection's input is looked at: a request line's method and
 * the start of its target, a chunk-size line, a Transfer-Encoding header. */
#define PEEK_BYTES 128

struct conn;
struct worker;

/*
 * A reply body's memory, lent to libevent with the reply instead of copied into its buffer, and
 * given back to its worker's spares once sent: the next reply is written into memory already
 * touched, at the size the worker's replies need (no page faults, no copy, no growing).
 */
struct spare {
    struct worker *w;
    char *data;
    size_t cap;
    struct spare *next;
};

struct worker {
    int id;
    pthread_t thread;
    const struct server_config *cfg;
    struct event_base *base;
    struct evhttp *http;
    struct evhttp_bound_socket *bound;
    struct store *st;
    unsigned char key[SECRET_BYTES];
    struct reply_cache *cache;
    struct arena arena;
    struct buf body;
    struct spare *spares; /* bodies' memory sent and given back, ready for the next */
    struct spare *shells; /* struct spare without memory, for the next lending */
    struct event *stop_ev, *drain_ev, *sweep_ev;
    struct event *log_ev;       /* writes the access log's kept lines (log_batch) */
    const struct calendar *cal; /* the working days, the server's one copy */
    struct buf headers;         /* the security headers as one entry's value (add_security) */
    struct conn *conns;         /* every open connection, for the drain at stop */
    int stopping;
    int drain_ticks;
    int replying; /* in send_reply or replace_reply: what is written to a connection is ours */
};

/*
 * One client connection. evhttp owns the bufferevent and frees it when the connection ends; we
 * hold a reference so it stays valid, and the sweep finds it released (its callbacks cleared)
 * and lets it go, which closes the socket.
 */
struct conn {
    struct worker *w;
    struct bufferevent *bev;
    struct event *timer; /* the request timeout */
    int receiving;       /* bytes of a request have come and no reply has started */
    int nodelay;         /* TCP_NODELAY is set on the socket */
    struct conn *prev, *next;

    /*
     * The request evhttp is reading, as far as its replies of its own need it. evhttp takes
     * each line from the start of the input (and calls on_input after each take), so the
     * start of the input is always where it reads next: its first line is peeked after every
     * change, and when evhttp removes exactly that many bytes it has taken that line.
     */
    char head[PEEK_BYTES];  /* the first bytes of the input, where they matter */
    size_t head_avail;      /* how many are in head (0: they do not matter) */
    long head_len;          /* the length of the first line in head (no end of line), or -1 */
    char taken[PEEK_BYTES]; /* the last line evhttp took, if short and kept in head */
    int line_known;         /* the request line was seen: is_api and is_head tell */
    int is_api, is_head;
    int chunked;       /* a header line "Transfer-Encoding: chunked" was taken */
    size_t body_max;   /* the largest body the request may send (route_body_max) */
    int replied;       /* a reply has begun since the last change to the input */
    int own_status;    /* evhttp is writing a reply of its own, of this status */
    size_t own_start;  /* where in the output it begins */
    struct event *own; /* replaces it (see replace_reply) */
};

void server_config_init(struct server_config *c)
{
    memset(c, 0, sizeof(*c));
    c->host = "127.0.0.1";
    c->port = 8080;
    c->threads = 0;
    c->max_body = 1u << 20;
    c->max_headers = 16u << 10;
    c->max_uri = 8u << 10;
    c->request_timeout = 10;
    c->idle_timeout = 60;
    c->cache_entries = 64;
    c->session_idle = 30 * 60;
    c->session_max = 12 * 60 * 60;
}

/* Connections */

static const char timeout_text[] = "The request took too long to send";

/*
 * A whole reply that closes the connection, as bytes for the socket: for the replies that do
 * not go through evhttp_send_reply (the 408, evhttp's own). version is "HTTP/1.1" or the like.
 */
static void raw_reply(struct buf *out, const char *version, int status, const char *type,
                      const char *body, size_t len, int head)
{
    const char *reason = http_reason(status);
    char date[64];
    time_t now = time(NULL);
    struct tm tm;

    buf_addf(out, "%s %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n", version, status,
             reason ? reason : "Error", type, len);
    if (gmtime_r(&now, &tm) && evutil_date_rfc1123(date, sizeof(date), &tm) > 0) {
        buf_addf(out, "Date: %s\r\n", date);
    }
    buf_adds(out, "Connection: close\r\nCache-Control: no-cache\r\n");
    for (size_t i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++) {
        buf_addf(out, "%s: %s\r\n", security_headers[i].name, security_headers[i].value);
    }
    buf_adds(out, "\r\n");
    if (!head) {
        buf_add(out, body, len);
    }
}

/*
 * Whether evhttp has let the connection go. bufferevent_free clears every callback; evhttp
 * itself clears only the read callback while it writes a reply, so only the event callback,
 * which evhttp keeps for the connection's whole life, tells.
 */
static int conn_released(struct conn *c)
{
    bufferevent_event_cb eventcb;
    bufferevent_getcb(c->bev, NULL, NULL, &eventcb, NULL);
    return eventcb == NULL;
}

static void on_request_timeout(evutil_socket_t fd, short what, void *arg)
{
    struct conn *c = arg;
    evutil_socket_t sock = bufferevent_getfd(c->bev);
    struct buf reply = BUF_INIT;
    (void)fd;
    (void)what;

    if (!c->receiving || sock < 0 || conn_released(c)) {
        return;
    }
    c->receiving = 0;
    log_info("- - 408 %zu %d000.00ms", sizeof(timeout_text) - 1, c->w->cfg->request_timeout);
    raw_reply(&reply, "HTTP/1.1", 408, "text/plain; charset=utf-8", timeout_text,
              sizeof(timeout_text) - 1, 0);
    /* Straight to the socket: evhttp shuts the socket when it drops the connection, before its
     * own buffers would be written. */
    if (buf_failed(&reply) || send(sock, reply.data, reply.len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
        log_warn("cannot send 408: %s", strerror(errno));
    }
    buf_release(&reply);
    /* evhttp takes this as the client going away and drops the connection. */
    bufferevent_trigger_event(c->bev, BEV_EVENT_EOF | BEV_EVENT_READING, 0);
}

/*
 * Find the first line of the input as evhttp reads one (up to LF, without the CR before it),
 * within its first PEEK_BYTES: its length into c->head_len (-1: no line end there). Its bytes
 * are kept in c->head only where they may matter (a request line still to read, a
 * Transfer-Encoding header, the lines of a chunked body): this runs for every change to the
 * input, and most lines are other headers.
 */
static void peek_head(struct conn *c, struct evbuffer *in)
{
    struct evbuffer_iovec v;
    const char *p, *lf;
    size_t n;

    c->head_len = -1;
    c->head_avail = 0;
    if (evbuffer_peek(in, PEEK_BYTES, NULL, &v, 1) < 1 || !v.iov_len) {
        return;
    }
    p = v.iov_base;
    n = v.iov_len < PEEK_BYTES ? v.iov_len : PEEK_BYTES;
    if (n < PEEK_BYTES && evbuffer_get_length(in) > n) {
        ev_ssize_t got = evbuffer_copyout(in, c->head, PEEK_BYTES); /* spans two chains */
        p = c->head;
        n = got > 0 ? (size_t)got : 0;
    }
    if ((lf = memchr(p, '\n', n))) {
        c->head_len = lf - p;
        if (c->head_len && p[c->head_len - 1] == '\r') {
            c->head_len--;
        }
    }
    if (!c->line_known || c->chunked || *p == 'T' || *p == 't') {
        if (p != c->head) {
            memcpy(c->head, p, n);
        }
        c->head_avail = n;
    }
}

/* Whether target, the start of a request target, is under /api/ (origin or absolute form). */
static int target_is_api(const char *t, size_t len)
{
    const char *scheme = len > 8 ? memchr(t, ':', 8) : NULL, *path;

    if (scheme && scheme + 3 <= t + len && !memcmp(scheme, "://", 3)) {
        path = memchr(scheme + 3, '/', len - (size_t)(scheme + 3 - t));
        if (!path) {
            return 0;
        }
        len -= (size_t)(path - t);
        t = path;
    }
    return len >= 5 && !memcmp(t, "/api/", 5);
}

/*
 * The largest body this connection's request may send: evhttp reads it only after the request
 * line and headers, and refuses a larger one with 413 (replaced by own_reply). evhttp keeps the
 * limit on its connection, which is the argument of the callbacks it sets on our bufferevent
 * (http.c, evhttp_connection_base_bufferevent_new): the one way to reach it from here.
 */
static void set_body_max(struct conn *c, size_t max)
{
    void *evcon = NULL;

    c->body_max = max;
    bufferevent_getcb(c->bev, NULL, NULL, NULL, &evcon);
    if (evcon && !conn_released(c)) {
        evhttp_connection_set_max_body_size(evcon, (ev_ssize_t)max);
    }
}

/* From the request line at the start of the input, whether the request is under /api/ and is
 * a HEAD, and the largest body it may send; unknown until its method and the start of its
 * target have come. */
static void read_request_line(struct conn *c)
{
    size_t avail = c->head_len >= 0 ? (size_t)c->head_len : c->head_avail;
    const char *sp = memchr(c->head, ' ', avail);
    int whole = c->head_len >= 0 || c->head_avail == sizeof(c->head);

    if (!sp && !whole) {
        return;
    }
    if (sp && !whole && avail - (size_t)(sp + 1 - c->head) < 5) {
        return; /* "GET /ap": wait for more */
    }
    c->line_known = 1;
    c->is_head = sp && sp - c->head == 4 && !memcmp(c->head, "HEAD", 4);
    c->is_api = sp && target_is_api(sp + 1, avail - (size_t)(sp + 1 - c->head));
    set_body_max(c, sp ? route_body_max(c->head, (size_t)(sp - c->head), sp + 1,
                                        avail - (size_t)(sp + 1 - c->head), c->w->cfg->max_body)
                       : c->w->cfg->max_body);
}

/* Whether line is the header "Transfer-Encoding: chunked", as evhttp reads one. */
static int is_chunked_header(const char *line)
{
    static const char name[] = "Transfer-Encoding:";
    const char *v;
    size_t n;

    if (evutil_ascii_strncasecmp(line, name, sizeof(name) - 1)) {
        return 0;
    }
    v = line + sizeof(name) - 1;
    v += strspn(v, " ");
    n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t')) {
        n--;
    }
    return n == 7 && !evutil_ascii_strncasecmp(v, "chunked", 7);
}

static void on_input(struct evbuffer *buf, const struct evbuffer_cb_info *info, void *arg)
{
    struct conn *c = arg;

    if (info->n_deleted) {
        /* evhttp took bytes from the start: the line peeked there, or something else */
        if (c->head_len >= 0 && info->n_deleted == (size_t)c->head_len) {
            size_t kept = c->head_avail >= (size_t)c->head_len ? (size_t)c->head_len : 0;
            memcpy(c->taken, c->head, kept);
            c->taken[kept] = '\0';
            c->chunked |= kept && is_chunked_header(c->taken);
        } else if (c->head_len < 0) {
            c->taken[0] = '\0'; /* a long line, or a chunk's data */
        }
    }
    c->replied = 0;
    peek_head(c, buf);
    if (!c->line_known) {
        read_request_line(c);
    }
    if (info->n_added && !c->receiving) {
        struct timeval tv = {c->w->cfg->request_timeout, 0};
        c->receiving = 1;
        evtimer_add(c->timer, &tv);
    }
    if (!c->nodelay) {
        /* Replies go out whole: Nagle's algorithm would hold a reply's last segment back until
         * the client's delayed acknowledgement, 40 ms later. */
        int one = 1;
        evutil_socket_t fd = bufferevent_getfd(c->bev);
        c->nodelay = 1;
        if (fd >= 0) {
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        }
    }
}

/* Whether evhttp would take line as a chunk size (its own test, in http.c's
 * evhttp_handle_chunked_read): it refuses a chunk it can read for being too large, and one it
 * cannot read as "too large" too, which is what replace_reply puts right. */
static int chunk_size_ok(const char *line)
{
    char *end;

    return *line && strtoll(line, &end, 16) >= 0 && (*end == '\0' || *end == ' ');
}

/* Our reply to a request evhttp refused with status by itself, as bytes for the socket. */
static void own_reply(struct conn *c, int status, const char *version, struct buf *out)
{
    struct worker *w = c->w;
    struct buf body = BUF_INIT;
    struct request r;
    char too_large[96];
    const char *detail = "The request is not valid HTTP.", *type;

    if (status == 413 && c->chunked && !chunk_size_ok(c->taken)) {
        status = 400;
        detail = "The chunked body is not valid: a chunk size must be a hexadecimal number.";
    } else if (status == 413) {
        int n = snprintf(too_large, sizeof(too_large), "The request body is larger than %zu bytes.",
                         c->body_max ? c->body_max : w->cfg->max_body);
        detail = n > 0 && (size_t)n < sizeof(too_large) ? too_large : NULL;
    } else if (status == 501) {
        detail = "This service does not answer that method.";
    } else if (status == 417) {
        detail = "The only expectation understood is 100-continue.";
    }
    memset(&r, 0, sizeof(r));
    r.arena = &w->arena;
    r.body = &body;
    r.is_api = c->is_api;
    reply_error(&r, status, detail);
    type = r.content_type;
    if (buf_failed(&body)) {
        buf_reset(&body);
        type = "text/plain; charset=utf-8";
    }
    raw_reply(out, version, status, type, body.data, body.len, c->is_head);
    log_info("- - %d %zu 0.00ms", status, body.len);
    buf_release(&body);
    arena_reset(&w->arena);
}

/* Copy len bytes from offset at of a connection's output. The bufferevent keeps the start of
 * its output frozen between writes, and a frozen start refuses even a copy. */
static ev_ssize_t output_copy(struct evbuffer *out, size_t at, void *data, size_t len)
{
    struct evbuffer_ptr p;
    ev_ssize_t n = -1;

    evbuffer_unfreeze(out, 1);
    if (evbuffer_ptr_set(out, &p, at, EVBUFFER_PTR_SET) == 0) {
        n = evbuffer_copyout_from(out, &p, data, len);
    }
    evbuffer_freeze(out, 1);
    return n;
}

/*
 * Put our reply in place of the one evhttp has just written by itself, before it leaves: this
 * runs from the event loop's queue of active events right after evhttp's callback returns,
 * before the loop next asks which sockets are writable.
 */
static void replace_reply(evutil_socket_t fd, short what, void *arg)
{
    struct conn *c = arg;
    struct evbuffer *out = bufferevent_get_output(c->bev), *before;
    size_t len = evbuffer_get_length(out);
    char version[16];
    struct buf reply = BUF_INIT;
    int status = c->own_status;
    (void)fd;
    (void)what;

    c->own_status = 0;
    if (conn_released(c) || len <= c->own_start ||
        output_copy(out, c->own_start, version, 8) != 8) {
        return;
    }
    version[8] = '\0'; /* "HTTP/1.1" */
    own_reply(c, status, version, &reply);
    if (buf_failed(&reply) || !(before = evbuffer_new())) {
        buf_release(&reply);
        return; /* evhttp's own goes out */
    }
    c->w->replying = 1;
    /* The bufferevent keeps the start of its output frozen between writes. */
    evbuffer_unfreeze(out, 1);
    if (evbuffer_remove_buffer(out, before, c->own_start) < 0 ||
        evbuffer_drain(out, len - c->own_start) < 0 || evbuffer_add_buffer(out, before) < 0 ||
        evbuffer_add(out, reply.data, reply.len) < 0) {
        die("out of memory replacing a reply");
    }
    evbuffer_freeze(out, 1);
    c->w->replying = 0;
    evbuffer_free(before);
    buf_release(&reply);
}

/* The status of the reply that starts at offset at of out ("HTTP/1.1 400 ..."), or 0. */
static int reply_status(struct evbuffer *out, size_t at)
{
    char line[16];

    if (output_copy(out, at, line, 13) != 13 || memcmp(line, "HTTP/", 5) || line[8] != ' ' ||
        line[12] != ' ' || line[9] < '1' || line[9] > '5' || line[10] < '0' || line[10] > '9' ||
        line[11] < '0' || line[11] > '9') {
        return 0;
    }
    return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
}

static void on_output(struct evbuffer *buf, const struct evbuffer_cb_info *info, void *arg)
{
    struct conn *c = arg;
    struct worker *w = c->w;

    if (!info->n_added || w->replying) {
        if (info->n_added && !c->replied) {
            /* a reply of ours begins: the next request is read from here on */
            c->replied = 1;
            c->line_known = 0;
            c->chunked = 0;
            c->taken[0] = '\0';
            peek_head(c, bufferevent_get_input(c->bev)); /* already here if pipelined */
            read_request_line(c);
        }
    } else if (!c->own_status) {
        int status = reply_status(buf, info->orig_size);
        if (status >= 200) {
            /* evhttp writes a reply by itself (evhttp_send_error): ours takes its place */
            c->own_status = status;
            c->own_start = info->orig_size;
            if (!c->own && !(c->own = event_new(w->base, -1, 0, replace_reply, c))) {
                die("out of memory for a connection");
            }
            event_active(c->own, EV_TIMEOUT, 1);
            c->replied = 1;
        }
    }
    if (info->n_added && c->receiving) {
        c->receiving = 0;
        evtimer_del(c->timer);
    }
}

static void conn_free(struct conn *c)
{
    if (c->prev) {
        c->prev->next = c->next;
    } else {
        c->w->conns = c->next;
    }
    if (c->next) {
        c->next->prev = c->prev;
    }
    event_free(c->timer);
    if (c->own) {
        event_free(c->own);
    }
    evbuffer_remove_cb(bufferevent_get_input(c->bev), on_input, c);
    evbuffer_remove_cb(bufferevent_get_output(c->bev), on_output, c);
    bufferevent_decref(c->bev); /* the last reference: closes the socket */
    free(c);
}

/* Let go of the connections evhttp has finished with. */
static void sweep(struct worker *w)
{
    struct conn *c = w->conns, *next;
    for (; c; c = next) {
        next = c->next;
        if (conn_released(c)) {
            conn_free(c);
        }
    }
}

static void on_sweep(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    sweep(arg);
}

static struct bufferevent *conn_new(struct event_base *base, void *arg)
{
    struct worker *w = arg;
    struct conn *c = xcalloc(1, sizeof(*c));

    c->w = w;
    c->bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
    c->timer = evtimer_new(base, on_request_timeout, c);
    if (!c->bev || !c->timer || !evbuffer_add_cb(bufferevent_get_input(c->bev), on_input, c) ||
        !evbuffer_add_cb(bufferevent_get_output(c->bev), on_output, c)) {
        die("out of memory for a connection");
    }
    bufferevent_incref(c->bev);
    /* libevent writes 16 KB per turn of the loop by default: a page would take several turns. */
    bufferevent_set_max_single_write(c->bev, 1u << 20);
    c->next = w->conns;
    if (c->next) {
        c->next->prev = c;
    }
    w->conns = c;
    return c->bev;
}

/* Requests */

const char *request_header(struct request *r, const char *name)
{
    return evhttp_find_header(evhttp_request_get_input_headers(r->ev), name);
}

static enum method method_of(enum evhttp_cmd_type t)
{
    switch (t) {
    case EVHTTP_REQ_GET:
        return M_GET;
    case EVHTTP_REQ_HEAD:
        return M_HEAD;
    case EVHTTP_REQ_POST:
        return M_POST;
    case EVHTTP_REQ_PUT:
        return M_PUT;
    case EVHTTP_REQ_PATCH:
        return M_PATCH;
    case EVHTTP_REQ_DELETE:
        return M_DELETE;
    default:
        return M_OPTIONS;
    }
}

static const char *method_name(enum method m)
{
    switch (m) {
    case M_GET:
        return "GET";
    case M_HEAD:
        return "HEAD";
    case M_POST:
        return "POST";
    case M_PUT:
        return "PUT";
    case M_PATCH:
        return "PATCH";
    case M_DELETE:
        return "DELETE";
    default:
        return "OPTIONS";
    }
}

static size_t headers_size(struct evhttp_request *ev)
{
    struct evkeyvalq *h = evhttp_request_get_input_headers(ev);
    struct evkeyval *kv;
    size_t n = 0;
    TAILQ_FOREACH(kv, h, next)
    {
        n += strlen(kv->key) + strlen(kv->value) + 4;
    }
    return n;
}

/* A decoded path is accepted only when it is absolute and has no "." or ".." segment. */
static int path_is_clean(const char *p)
{
    if (p[0] != '/') {
        return 0;
    }
    for (const char *s = p; s; s = strchr(s + 1, '/')) {
        const char *seg = s + 1;
        if ((seg[0] == '.' && (seg[1] == '/' || !seg[1])) ||
            (seg[0] == '.' && seg[1] == '.' && (seg[2] == '/' || !seg[2])) || strchr(seg, '\\')) {
            return 0;
        }
    }
    return 1;
}

/* Parse the request line into r, or set an error reply; 0 when the router should run. */
static int read_request(struct worker *w, struct evhttp_request *ev, struct request *r)
{
    const char *uri = evhttp_request_get_uri(ev);
    const struct evhttp_uri *u = evhttp_request_get_evhttp_uri(ev);
    const char *path = u ? evhttp_uri_get_path(u) : NULL,
               *query = u ? evhttp_uri_get_query(u) : NULL;
    char *decoded;

    if (strlen(uri) > w->cfg->max_uri) {
        return reply_error(r, 414, NULL), -1;
    }
    if (headers_size(ev) > w->cfg->max_headers) {
        return reply_error(r, 431, NULL), -1;
    }
    if (!path || !*path) {
        path = "/";
    }
    r->is_api = !strncmp(path, "/api/", 5);
    if (url_decode(path, strlen(path), 0, r->arena, &decoded) < 0 || !path_is_clean(decoded)) {
        return reply_error(r, 400, "The address is not valid."), -1;
    }
    r->path = decoded;
    r->path_raw = path;
    if (query && query_parse(query, strlen(query), r->arena, &r->query) < 0) {
        return reply_bad_input(r, "Invalid query string", "query", &r->query.error), -1;
    }
    return 0;
}

/* libevent has sent a lent body (or dropped its connection): its memory is the worker's again. */
static void body_returned(const void *data, size_t len, void *arg)
{
    struct spare *sp = arg;
    (void)data;
    (void)len;

    if (sp->cap > (1u << 20)) { /* do not keep a rare large reply's memory */
        free(sp->data);
        sp->data = NULL;
        sp->next = sp->w->shells;
        sp->w->shells = sp;
        return;
    }
    sp->next = sp->w->spares;
    sp->w->spares = sp;
}

/* Lend w->body's len bytes to out, and give w->body a spare's memory (if any) for the next
 * reply; where libevent cannot take them, they are copied as before. */
static int lend_body(struct worker *w, struct evbuffer *out, size_t len)
{
    struct spare *sp = w->shells, *mem = w->spares;

    if (sp) {
        w->shells = sp->next;
    } else {
        sp = xcalloc(1, sizeof(*sp));
        sp->w = w;
    }
    sp->cap = w->body.cap;
    sp->data = buf_detach(&w->body, NULL);
    if (mem) { /* struct buf's memory by hand: what buf_detach handed out, handed back */
        w->spares = mem->next;
        w->body.data = mem->data;
        w->body.cap = mem->cap;
        w->body.data[0] = '\0';
        mem->data = NULL;
        mem->next = w->shells;
        w->shells = mem;
    }
    if (evbuffer_add_reference(out, sp->data, len, body_returned, sp) < 0) {
        int rc = evbuffer_add(out, sp->data, len);
        body_returned(sp->data, len, sp);
        return rc;
    }
    return 0;
}

static void spares_free(struct spare *sp)
{
    while (sp) {
        struct spare *next = sp->next;
        free(sp->data);
        free(sp);
        sp = next;
    }
}

static void add_header(struct evkeyvalq *h, const char *k, const char *v)
{
    if (evhttp_add_header(h, k, v) < 0) {
        die("out of memory adding a header");
    }
}

/* The security headers' lines, as add_security sends them: the first's value, each other
 * line, and the name of Cache-Control, whose value each reply adds. */
static void security_lines(struct buf *out)
{
    buf_adds(out, security_headers[0].value);
    for (size_t i = 1; i < sizeof(security_headers) / sizeof(security_headers[0]); i++) {
        buf_addf(out, "\r\n%s: %s", security_headers[i].name, security_headers[i].value);
    }
    buf_adds(out, "\r\nCache-Control: ");
}

/*
 * The security headers and Cache-Control, written by evhttp as one header entry whose value
 * holds the lines after the first: the same bytes as an entry each, for one allocation and one
 * formatted write instead of five each (evhttp_add_header copies each name and value, and
 * evhttp writes each through evbuffer_add_printf: together 9% of a cached reply's time). An
 * entry of struct evkeyval (libevent's public keyvalq_struct.h) is made here because
 * evhttp_add_header refuses a line break in a value; what is in it is ours and constant but
 * for cache_control, a route's literal. evhttp finds no header it looks for in it (Content-Type,
 * Content-Length, Connection, Date) and frees it with the request, as one of its own.
 */
static void add_security(struct worker *w, struct evkeyvalq *h, const char *cache_control)
{
    struct evkeyval *kv;
    size_t len = strlen(cache_control);

    if (strpbrk(cache_control, "\r\n")) {
        die("a line break in Cache-Control");
    }
    kv = xcalloc(1, sizeof(*kv));
    kv->key = xstrdup(security_headers[0].name);
    kv->value = xmalloc(w->headers.len + len + 1);
    memcpy(kv->value, w->headers.data, w->headers.len);
    memcpy(kv->value + w->headers.len, cache_control, len + 1);
    TAILQ_INSERT_TAIL(h, kv, next);
}

static void send_reply(struct worker *w, struct evhttp_request *ev, struct request *r, size_t *sent)
{
    struct evkeyvalq *h = evhttp_request_get_output_headers(ev);
    struct evbuffer *out = evhttp_request_get_output_buffer(ev);
    int borrowed = r->segment || r->static_body;
    const void *body = r->static_body ? r->static_body : r->body->data;
    size_t len = borrowed ? r->static_len : r->body->len;
    char allow[64] = "", clen[32];

    if (!borrowed && buf_failed(r->body)) {
        log_error("reply to %s too large", r->path ? r->path : "?");
        buf_reset(r->body);
        reply_error(r, 500, NULL);
        body = r->body->data;
        len = r->body->len;
    }
    add_header(h, "Content-Type", r->content_type ? r->content_type : "text/plain; charset=utf-8");
    add_security(w, h, r->cache_control ? r->cache_control : "no-cache");
    if (r->etag) {
        add_header(h, "ETag", r->etag);
    }
    if (r->location) {
        add_header(h, "Location", r->location);
    }
    if (r->content_disposition) {
        add_header(h, "Content-Disposition", r->content_disposition);
    }
    if (r->set_cookie) {
        add_header(h, "Set-Cookie", r->set_cookie);
    }
    if (r->set_cookie_also) {
        add_header(h, "Set-Cookie", r->set_cookie_also);
    }
    if (r->retry_after > 0) {
        char secs[32];
        if (snprintf(secs, sizeof(secs), "%lld", r->retry_after) < (int)sizeof(secs)) {
            add_header(h, "Retry-After", secs);
        }
    }
    if (r->status == 401 && r->www_authenticate) {
        add_header(h, "WWW-Authenticate", "Bearer realm=\"compact\"");
    }
    if (r->status == 405) {
        for (unsigned m = M_GET; m <= M_OPTIONS; m <<= 1) {
            if (r->allow & m) {
                size_t at = strlen(allow);
                snprintf(allow + at, sizeof(allow) - at, "%s%s", at ? ", " : "",
                         method_name((enum method)m));
            }
        }
        add_header(h, "Allow", allow);
    }
    if (w->stopping) {
        add_header(h, "Connection", "close");
    }
    if (r->status != 304) {
        /* evhttp adds it only for HTTP/1.1; HTTP/1.0 clients and HEAD want it too */
        snprintf(clen, sizeof(clen), "%zu", len);
        add_header(h, "Content-Length", clen);
    }
    if (r->method != M_HEAD && r->status != 304) {
        int rc = 0;
        if (r->segment) {
            /* out only ever drains to the socket: saying so lets libevent send the segment
             * with sendfile(2) instead of mapping it and copying it with writev (coverage:
             * half of nginx's rate for a 230 KB page without it) */
            evbuffer_set_flags(out, EVBUFFER_FLAG_DRAINS_TO_FD);
            rc = evbuffer_add_file_segment(out, r->segment, 0, (ev_off_t)len);
        } else if (r->static_body && r->static_permanent) {
            rc = evbuffer_add_reference(out, body, len, NULL, NULL);
        } else if (len && body == w->body.data && w->body.cap) {
            rc = lend_body(w, out, len);
        } else {
            rc = evbuffer_add(out, body, len);
        }
        if (rc < 0) {
            die("out of memory for a reply");
        }
    }
    *sent = len;
    w->replying = 1; /* on_output: these bytes are ours */
    evhttp_send_reply(ev, r->status, http_reason(r->status), NULL);
    w->replying = 0;
}

static void read_peer_and_body(struct evhttp_request *ev, struct request *r)
{
    struct evhttp_connection *evcon = evhttp_request_get_connection(ev);
    struct evbuffer *in = evhttp_request_get_input_buffer(ev);
    size_t len = in ? evbuffer_get_length(in) : 0;
    char *addr = NULL;
    ev_uint16_t port = 0;

    if (evcon) {
        evhttp_connection_get_peer(evcon, &addr, &port);
    }
    r->client = addr ? arena_strdup(r->arena, addr) : "unknown";
    if (len) {
        char *body = arena_alloc(r->arena, len + 1);
        evbuffer_copyout(in, body, len);
        body[len] = '\0';
        r->body_in = body;
        r->body_in_len = len;
    }
}

/*
 * Who is asking: a bearer token (scripts) or the session cookie (people). A bad token is an
 * error wherever it is sent; a stale cookie only makes the person nobody.
 */
static void identify(struct request *r)
{
    const char *authz = request_header(r, "Authorization"), *cookie = request_header(r, "Cookie");
    char secret[SECRET_TEXT + 16];
    unsigned char hash[SECRET_HASH_BYTES];
    int ret;

    r->user.role = ROLE_PUBLIC;
    if (authz && bearer_token(authz, secret, sizeof(secret)) != ERR_NOT_FOUND) {
        if (!secret_text_valid(secret)) {
            r->bad_token = 1;
            return;
        }
        secret_hash(r->key, "api_token", secret, hash);
        if ((ret = store_token_user(r->st, hash, r->arena, &r->user)) < 0) {
            r->user.role = ROLE_PUBLIC;
            /* the database away is not a bad token: 503, and the token still good after */
            r->bad_token = ret == ERR_NOT_FOUND;
            r->who_err = ret == ERR_NOT_FOUND ? 0 : ret;
            return;
        }
        r->by_token = 1;
        return;
    }
    if (!cookie || cookie_value(cookie, SESSION_COOKIE, secret, sizeof(secret)) == ERR_NOT_FOUND) {
        return;
    }
    if (!secret_text_valid(secret)) {
        r->stale_session = 1;
        return;
    }
    secret_hash(r->key, "session", secret, hash);
    if ((ret = store_session_user(r->st, hash, r->now - r->cfg->session_max,
                                  r->now - r->cfg->session_idle, r->now, r->arena, &r->user)) < 0) {
        r->user.role = ROLE_PUBLIC;
        /* the database away does not end the session: 503, the cookie kept */
        r->stale_session = ret == ERR_NOT_FOUND;
        r->who_err = ret == ERR_NOT_FOUND ? 0 : ret;
        return;
    }
    memcpy(r->session, secret, SECRET_TEXT);
}

/* The path for the access log: no query (it may hold secrets later), no control characters. */
static void log_path(char *out, size_t size, const char *uri)
{
    size_t i = 0;
    for (; uri && *uri && *uri != '?' && i + 1 < size; uri++) {
        out[i++] = (*uri < 0x21 || *uri == 0x7f) ? '?' : *uri;
    }
    out[i] = '\0';
}

static void on_request(struct evhttp_request *ev, void *arg)
{
    struct worker *w = arg;
    struct request r;
    struct timespec t0, t1;
    char path[256];
    size_t sent = 0;
    long long took;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(&r, 0, sizeof(r));
    r.ev = ev;
    r.method = method_of(evhttp_request_get_command(ev));
    r.arena = &w->arena;
    r.st = w->st;
    r.cache = w->cache;
    r.target = evhttp_request_get_uri(ev);
    r.body = &w->body;
    r.status = 200;
    buf_reset(&w->body);

    log_path(path, sizeof(path), evhttp_request_get_uri(ev));
    r.key = w->key;
    r.cal = w->cal;
    r.cfg = w->cfg;
    r.now = (long long)time(NULL);
    if (read_request(w, ev, &r) == 0) {
        read_peer_and_body(ev, &r);
        identify(&r);
        router_dispatch(&r);
    }
    send_reply(w, ev, &r, &sent);

    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* the time in hundredths of a millisecond, rounded, with no floating point to format */
    took = ((long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec) + 5000) /
           10000;
    log_info("%s %s %d %zu %lld.%02lldms", method_name(r.method), path, r.status, sent, took / 100,
             took % 100);
    arena_reset(&w->arena);
    if (w->body.cap > (1u << 20)) {
        buf_release(&w->body); /* do not keep a rare large reply's memory */
    }
}

/* Stopping */

static int all_idle(struct worker *w)
{
    sweep(w);
    for (const struct conn *c = w->conns; c; c = c->next) {
        if (c->receiving || evbuffer_get_length(bufferevent_get_output(c->bev))) {
            return 0;
        }
    }
    return 1;
}

static void on_drain_tick(evutil_socket_t fd, short what, void *arg)
{
    struct worker *w = arg;
    (void)fd;
    (void)what;
    /* Give requests in flight up to the request timeout, plus a second to write replies. */
    if (all_idle(w) || ++w->drain_ticks > (w->cfg->request_timeout + 1) * 20) {
        event_base_loopbreak(w->base);
    }
}

static void on_stop(evutil_socket_t fd, short what, void *arg)
{
    struct worker *w = arg;
    struct timeval tick = {0, 50000};
    (void)fd;
    (void)what;
    if (w->stopping) {
        return;
    }
    w->stopping = 1;
    if (w->bound) {
        evhttp_del_accept_socket(w->http, w->bound);
        w->bound = NULL;
    }
    event_add(w->drain_ev, &tick);
    on_drain_tick(-1, 0, w);
}

/*
 * The access log a batch at a time: the lines of LOG_WRITE_MS's requests in one write(2) (a
 * write per request was 4% of a cached reply's time), the first of them at most that late.
 */
#define LOG_WRITE_MS 2

static void on_log_write(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    log_flush();
}

/* log_batch's pending: a line is kept, write it soon. */
static void log_kept(void *arg)
{
    struct worker *w = arg;
    struct timeval soon = {0, LOG_WRITE_MS * 1000};

    if (event_add(w->log_ev, &soon) < 0) {
        log_flush();
    }
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;

    log_batch(log_kept, w);
    event_base_dispatch(w->base);
    log_flush();
    return NULL;
}

static void worker_release(struct worker *w)
{
    if (w->http) {
        evhttp_free(w->http); /* drops the connections still open */
    }
    while (w->conns) {
        conn_free(w->conns);
    }
    if (w->stop_ev) {
        event_free(w->stop_ev);
    }
    if (w->drain_ev) {
        event_free(w->drain_ev);
    }
    if (w->sweep_ev) {
        event_free(w->sweep_ev);
    }
    if (w->log_ev) {
        event_free(w->log_ev);
    }
    if (w->base) {
        event_base_free(w->base);
    }
    spares_free(w->spares); /* every lent body is back: the connections are gone */
    spares_free(w->shells);
    store_close(w->st);
    cache_free(w->cache);
    arena_release(&w->arena);
    buf_release(&w->body);
    buf_release(&w->headers);
}

/*
 * A worker's event loop. With epoll's change list, the events libevent turns off and on again
 * within one turn of the loop (a connection's reading, stopped while its reply is written and
 * started after) cost no epoll_ctl(2) each: only the net change is made (epoll_ctl was 8% of the
 * samples of a cached reply). Safe here: no descriptor is ever dup()ed.
 */
static struct event_base *base_new(void)
{
    struct event_config *cfg = event_config_new();
    struct event_base *base;

    if (!cfg) {
        return NULL;
    }
    event_config_set_flag(cfg, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
    base = event_base_new_with_config(cfg);
    event_config_free(cfg);
    return base;
}

static int worker_init(struct worker *w, const struct server_config *cfg, evutil_socket_t fd)
{
    /* evhttp's own cap, past which it answers a bare 400: far above ours, so that ours (431,
     * 414) are what a client meets, yet bounded. */
    size_t libevent_headers = 64 * (cfg->max_headers + cfg->max_uri);
    struct timeval sweep_every = {1, 0};
    int ret;

    w->cfg = cfg;
    arena_init(&w->arena);
    buf_init(&w->body, 64u << 20);
    buf_init(&w->headers, 4096);
    security_lines(&w->headers);
    if (buf_failed(&w->headers)) {
        log_error("out of memory");
        return ERR_IO;
    }
    w->cache = cache_new(cfg->cache_entries, 1u << 20);
    if ((ret = store_open(cfg->db_path, STORE_SERVER, &w->st)) < 0) {
        char where[DB_SHOWN_MAX]; /* a URI's password is never logged */
        const char *shown = db_shown(cfg->db_path, where);
        if (ret == ERR_NOT_FOUND) {
            log_error("cannot open database '%s'; create it with 'compact init --db %s'", shown,
                      shown);
        } else {
            log_error("cannot open database '%s': %s", shown, err_str(ret));
        }
        return ret;
    }
    if ((ret = store_server_key(w->st, w->key)) < 0) {
        log_error("cannot read the server key from the database");
        return ret;
    }
    w->base = base_new();
    w->http = w->base ? evhttp_new(w->base) : NULL;
    if (!w->http) {
        log_error("cannot start an event loop");
        return ERR_IO;
    }
    w->stop_ev = event_new(w->base, -1, 0, on_stop, w);
    w->drain_ev = event_new(w->base, -1, EV_PERSIST, on_drain_tick, w);
    w->sweep_ev = event_new(w->base, -1, EV_PERSIST, on_sweep, w);
    w->log_ev = evtimer_new(w->base, on_log_write, w);
    if (!w->stop_ev || !w->drain_ev || !w->sweep_ev || !w->log_ev ||
        event_add(w->sweep_ev, &sweep_every) < 0) {
        return ERR_IO;
    }
    evhttp_set_max_body_size(w->http, (ev_ssize_t)cfg->max_body);
    evhttp_set_max_headers_size(w->http, (ev_ssize_t)libevent_headers);
    evhttp_set_timeout(w->http, cfg->idle_timeout > cfg->request_timeout
                                    ? cfg->idle_timeout
                                    : cfg->request_timeout + 1);
    evhttp_set_allowed_methods(w->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST |
                                            EVHTTP_REQ_PUT | EVHTTP_REQ_PATCH | EVHTTP_REQ_DELETE |
                                            EVHTTP_REQ_OPTIONS);
    evhttp_set_bevcb(w->http, conn_new, w);
    evhttp_set_gencb(w->http, on_request, w);
    w->bound = evhttp_accept_socket_with_handle(w->http, fd);
    if (!w->bound) {
        log_error("cannot accept on the listening socket");
        return ERR_IO;
    }
    return 0;
}

static evutil_socket_t listen_on(const char *host, int port, int *bound_port)
{
    struct addrinfo hints, *res = NULL;
    struct sockaddr_storage ss;
    socklen_t sslen = sizeof(ss);
    char portstr[16];
    evutil_socket_t fd = -1;
    int one = 1, rc;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    snprintf(portstr, sizeof(portstr), "%d", port);
    if ((rc = getaddrinfo(host, portstr, &hints, &res)) != 0) {
        log_error("cannot listen on '%s': %s", host, gai_strerror(rc));
        return -1;
    }
    fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        bind(fd, res->ai_addr, res->ai_addrlen) < 0 || listen(fd, 1024) < 0 ||
        evutil_make_socket_nonblocking(fd) < 0 ||
        getsockname(fd, (struct sockaddr *)&ss, &sslen) < 0) {
        log_error("cannot listen on %s:%d: %s", host, port, strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        freeaddrinfo(res);
        return -1;
    }
    freeaddrinfo(res);
    *bound_port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                                 : ((struct sockaddr_in *)&ss)->sin_port);
    return fd;
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
    (void)what;
    log_info("received %s; finishing requests in flight", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    event_base_loopbreak(arg);
}

int server_run(const struct server_config *cfg)
{
    struct event_base *main_base = NULL;
    struct event *sigterm = NULL, *sigint = NULL;
    struct worker *workers = NULL;
    struct calendar cal;
    struct buf why = BUF_INIT;
    evutil_socket_t fd = -1;
    int nthreads = cfg->threads, started = 0, port = 0, ret = ERR_IO;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);

    if (nthreads <= 0) {
        nthreads = cores > 0 ? (int)cores : 1;
    }
    signal(SIGPIPE, SIG_IGN);
    if (crypto_start() < 0) {
        log_error("libsodium cannot start: no randomness");
        return ERR_IO;
    }
    if (evthread_use_pthreads() < 0) {
        log_error("libevent has no thread support");
        return ERR_IO;
    }
    if ((ret = ingest_calendar(&cal, &why)) < 0) {
        log_error("%s", why.len ? why.data : "the bank holidays cannot be read");
        buf_release(&why);
        return ret;
    }
    buf_release(&why);
    ret = ERR_IO;
    if ((fd = listen_on(cfg->host, cfg->port, &port)) < 0) {
        ingest_calendar_free(&cal);
        return ERR_IO;
    }
    main_base = event_base_new();
    if (!main_base) {
        goto cleanup;
    }
    sigterm = evsignal_new(main_base, SIGTERM, on_signal, main_base);
    sigint = evsignal_new(main_base, SIGINT, on_signal, main_base);
    if (!sigterm || !sigint || evsignal_add(sigterm, NULL) < 0 || evsignal_add(sigint, NULL) < 0) {
        goto cleanup;
    }
    workers = xcalloc((size_t)nthreads, sizeof(*workers));
    for (int i = 0; i < nthreads; i++) {
        workers[i].id = i;
        workers[i].cal = &cal;
        if ((ret = worker_init(&workers[i], cfg, fd)) < 0) {
            goto cleanup;
        }
    }
    for (; started < nthreads; started++) {
        if (pthread_create(&workers[started].thread, NULL, worker_main, &workers[started]) != 0) {
            log_error("cannot start a worker thread");
            ret = ERR_IO;
            break;
        }
    }
    if (started == nthreads) {
        log_info("listening on http://%s%s%s:%d/ with %d threads",
                 strchr(cfg->host, ':') ? "[" : "", cfg->host, strchr(cfg->host, ':') ? "]" : "",
                 port, nthreads);
        event_base_dispatch(main_base);
        ret = 0;
    }
    for (int i = 0; i < started; i++) {
        event_active(workers[i].stop_ev, 0, 0);
    }
    for (int i = 0; i < started; i++) {
        pthread_join(workers[i].thread, NULL);
    }
    if (ret == 0) {
        log_info("stopped");
    }
cleanup:
    if (workers) {
        for (int i = 0; i < nthreads; i++) {
            worker_release(&workers[i]);
        }
        free(workers);
    }
    if (sigterm) {
        event_free(sigterm);
    }
    if (sigint) {
        event_free(sigint);
    }
    if (main_base) {
        event_base_free(main_base);
    }
    if (fd >= 0) {
        close(fd);
    }
    ingest_calendar_free(&cal);
    return ret;
}
