/* The HTTP server: libevent evhttp worker threads on one listening socket. */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

#include <stddef.h>

struct server_config {
    const char *host; /* "127.0.0.1" */
    int port;         /* 0: any free port (the log says which) */
    const char *db_path;
    int threads;          /* worker threads; 0: one per core */
    size_t max_body;      /* bytes; larger bodies are answered 413 */
    size_t max_headers;   /* bytes of request headers; more is answered 431 */
    size_t max_uri;       /* bytes of request target; more is answered 414 */
    int request_timeout;  /* seconds to receive a whole request, else 408 */
    int idle_timeout;     /* seconds a kept-alive connection may sit idle */
    int session_idle;     /* seconds a session lasts unused */
    int session_max;      /* seconds a session lasts at most */
    int secure_cookies;   /* mark cookies Secure (the site is served over HTTPS) */
    size_t cache_entries; /* replies each thread keeps until the database changes; 0: none */
    /* who runs the service and the address to write to, for the contact, privacy and
     * accessibility pages; NULL: not said */
    const char *operator_name, *contact_email;
};

/* Defaults for every field but db_path. */
void server_config_init(struct server_config *c);

/*
 * Serve until SIGTERM or SIGINT, then stop accepting, finish the requests in flight, close the
 * database and return 0. Returns a negative enum err if it cannot start (the log says why).
 */
int server_run(const struct server_config *c);
/* compact serve (cmd_serve.c): argv[0] is its path; returns the exit code. */
int cmd_serve(int argc, char **argv);

#endif
