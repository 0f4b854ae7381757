/* compact serve: the web application and API. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "app/db.h"
#include "core/account.h"
#include "base/opt.h"
#include "base/utf8.h"
#include "base/banned.h"

#define SERVE_OPERATOR_MAX 200

/* --listen: "HOST:PORT", "[V6]:PORT" or ":PORT" (any address). */
struct listen {
    char host[256];
    int port; /* -1 until given */
};

static int read_listen(void *value, const char *s)
{
    struct listen *l = value;
    const char *colon = strrchr(s, ':'), *host = s;
    size_t len;
    char *end;
    long port;

    if (!colon || colon[1] < '0' || colon[1] > '9') {
        return -1;
    }
    port = strtol(colon + 1, &end, 10);
    if (*end || port > 65535) {
        return -1;
    }
    len = (size_t)(colon - s);
    if (s[0] == '[') {
        if (len < 3 || colon[-1] != ']') {
            return -1;
        }
        host++;
        len -= 2;
    } else if (!len) {
        host = "0.0.0.0";
        len = strlen(host);
    }
    if (len >= sizeof(l->host)) {
        return -1;
    }
    memcpy(l->host, host, len);
    l->host[len] = '\0';
    l->port = (int)port;
    return 0;
}

static const struct opt_cmd serve_cmd = {
    NULL, 0,
    "Serve the web application and the JSON API until SIGTERM or SIGINT, then finish the\n"
    "requests in flight and exit 0.\n"};

int cmd_serve(int argc, char **argv)
{
    struct server_config cfg;
    struct listen listen = {"", -1};
    struct buf why = BUF_INIT;
    struct store *st;
    int no_cache = 0, ret;
    const struct opt opts[] = {
        OPT_CALLBACK("listen", "HOST:PORT", &listen, read_listen,
                     "address to listen on (default 127.0.0.1:8080; port 0 picks one)"),
        OPT_DB(&cfg.db_path),
        OPT_INT("threads", "N", &cfg.threads, 1, 256, "worker threads (default: one per core)"),
        OPT_INT("request-timeout", "SECONDS", &cfg.request_timeout, 1, 3600,
                "time a client has to send a whole request (default 10)"),
        OPT_BOOL("no-cache", &no_cache,
                 "render every page afresh (replies are otherwise kept per thread until the "
                 "database changes)"),
        OPT_INT("session-idle", "SECONDS", &cfg.session_idle, 1, 7 * 24 * 3600,
                "sign people out after this long unused (default 1800)"),
        OPT_BOOL("secure-cookies", &cfg.secure_cookies,
                 "mark cookies Secure: the service is reached over HTTPS"),
        OPT_STRING("operator", "NAME", &cfg.operator_name,
                   "who runs the service, as its contact, privacy and accessibility pages name "
                   "it (default: \"the organisation that runs this service\")"),
        OPT_STRING("contact", "EMAIL", &cfg.contact_email,
                   "the email address those pages give for questions and problems"),
        OPT_END(),
    };

    server_config_init(&cfg);
    if ((ret = opt_parse(&serve_cmd, opts, argc, argv)) != OPT_RUN) {
        return ret;
    }
    if (cfg.operator_name &&
        (!*cfg.operator_name || strlen(cfg.operator_name) > SERVE_OPERATOR_MAX ||
         utf8_check(cfg.operator_name, strlen(cfg.operator_name), NULL) < 0)) {
        fprintf(stderr, "compact: --operator must be a name in UTF-8 of 1 to %d bytes\n",
                SERVE_OPERATOR_MAX);
        return EXIT_USAGE;
    }
    if (cfg.contact_email && !email_is_valid(cfg.contact_email)) {
        fprintf(stderr, "compact: --contact must be an email address\n");
        return EXIT_USAGE;
    }
    if (listen.port >= 0) {
        cfg.host = listen.host;
        cfg.port = listen.port;
    }
    if (no_cache) {
        cfg.cache_entries = 0;
    }
    /* SQLite: bring the schema up to date once, before the workers open their connections;
     * PostgreSQL: check that `compact migrate` did (servers sharing it must not race to). */
    if (db_open_serve(cfg.db_path, &st, &why) < 0) {
        fprintf(stderr, "compact: %s\n", why.data);
        buf_release(&why);
        return EXIT_FAIL;
    }
    store_close(st);
    /* Each request's arena and reply are freed when it ends, and by default glibc hands the top
     * of each thread's heap back to the system (madvise) and takes fresh pages again (faults)
     * on the next request, and maps a reply over 128 KB afresh each time: 7% of the server's
     * time on the authorities page (docs/PERFORMANCE.md). Keep what the workers have used. */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    return server_run(&cfg) < 0 ? EXIT_FAIL : EXIT_OK;
}
