/* compact serve: the web application and API. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "http/server.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

static const char usage[] =
    "usage: compact serve [--listen HOST:PORT] [--db PATH] [--threads N]\n"
    "                     [--request-timeout SECONDS] [--no-cache]\n"
    "                     [--session-idle SECONDS] [--secure-cookies]\n\n"
    "Serve the web application and the JSON API until SIGTERM or SIGINT, then finish the\n"
    "requests in flight and exit 0.\n\n"
    "  --listen HOST:PORT        address to listen on (default 127.0.0.1:8080; port 0 picks one)\n"
    "  --db PATH                 the database, made by 'compact init'\n"
    "  --threads N               worker threads (default: one per core)\n"
    "  --request-timeout SECONDS time a client has to send a whole request (default 10)\n"
    "  --no-cache                render every page afresh (replies are otherwise kept per\n"
    "                            thread until the database changes)\n"
    "  --session-idle SECONDS    sign people out after this long unused (default 1800)\n"
    "  --secure-cookies          mark cookies Secure: the service is reached over HTTPS\n";

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi) {
        return ERR_INVALID;
    }
    *out = v;
    return 0;
}

/* "HOST:PORT", "[V6]:PORT" or ":PORT"; host points into a copy owned by the caller. */
static int parse_listen(const char *s, char **host, int *port)
{
    const char *colon = strrchr(s, ':');
    long p;
    char *h;

    if (!colon || parse_int(colon + 1, 0, 65535, &p) < 0) {
        return ERR_INVALID;
    }
    if (s[0] == '[') {
        if (colon == s || colon[-1] != ']') {
            return ERR_INVALID;
        }
        h = xmemdupz(s + 1, (size_t)(colon - s) - 2);
    } else {
        h = colon == s ? xstrdup("0.0.0.0") : xmemdupz(s, (size_t)(colon - s));
    }
    *host = h;
    *port = (int)p;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"listen", required_argument, NULL, 'l'},
        {"db", required_argument, NULL, 'd'},
        {"threads", required_argument, NULL, 't'},
        {"request-timeout", required_argument, NULL, 'r'},
        {"no-cache", no_argument, NULL, 'n'},
        {"session-idle", required_argument, NULL, 'i'},
        {"secure-cookies", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct server_config cfg;
    struct store *st;
    char *host = NULL;
    const char *db = NULL;
    long v;
    int c, ret;

    server_config_init(&cfg);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            free(host);
            host = NULL;
            if (parse_listen(optarg, &host, &cfg.port) < 0) {
                fprintf(stderr, "compact: --listen wants HOST:PORT, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'd':
            db = optarg;
            break;
        case 't':
            if (parse_int(optarg, 1, 256, &v) < 0) {
                fprintf(stderr, "compact: --threads wants a number from 1 to 256\n");
                free(host);
                return EXIT_USAGE;
            }
            cfg.threads = (int)v;
            break;
        case 'r':
            if (parse_int(optarg, 1, 3600, &v) < 0) {
                fprintf(stderr, "compact: --request-timeout wants seconds from 1 to 3600\n");
                free(host);
                return EXIT_USAGE;
            }
            cfg.request_timeout = (int)v;
            break;
        case 'n':
            cfg.cache_entries = 0;
            break;
        case 'i':
            if (parse_int(optarg, 1, 7 * 24 * 3600, &v) < 0) {
                fprintf(stderr, "compact: --session-idle wants seconds from 1 to 604800\n");
                free(host);
                return EXIT_USAGE;
            }
            cfg.session_idle = (int)v;
            break;
        case 's':
            cfg.secure_cookies = 1;
            break;
        case 'h':
            free(host);
            return cmd_usage(usage, 0);
        default:
            free(host);
            return cmd_usage(usage, 1);
        }
    }
    if (optind < argc) {
        free(host);
        return cmd_usage(usage, 1);
    }
    if (host) {
        cfg.host = host;
    }
    cfg.db_path = cmd_db_path(db);
    /* Bring the schema up to date once, before the workers open their connections. */
    if (!(st = cmd_open_db(cfg.db_path, 0))) {
        free(host);
        return EXIT_FAIL;
    }
    store_close(st);
    ret = server_run(&cfg);
    free(host);
    return ret < 0 ? EXIT_FAIL : EXIT_OK;
}
