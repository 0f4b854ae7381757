/* compact routes: the route table with who may use each route, for tests and reviewers; and the
 * table as the documentation lists it. */
#include <stdio.h>

#include "router.h"
#include "base/opt.h"
#include "base/banned.h"

static const char *const method_names[] = {"GET",   "HEAD",   "POST",   "PUT",
                                           "PATCH", "DELETE", "OPTIONS"};

size_t routes_ops(struct api_op *out, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < routes_count; i++) {
        const struct route *r = &routes[i];
        for (unsigned m = 0; m < sizeof(method_names) / sizeof(method_names[0]); m++) {
            if (!(r->methods & (1u << m))) {
                continue;
            }
            if (n < max) {
                out[n] = (struct api_op){method_names[m], r->pattern, r->access,
                                         !(r->flags & ROUTE_PEOPLE), &r->doc};
            }
            n++;
        }
    }
    return n;
}

static const struct opt_cmd routes_cmd = {
    NULL, 0,
    "Print the route table as JSON: each route's method, path pattern and the roles that may\n"
    "use it (public, member, coordinator, admin), and whether an API token may (tokens).\n"
    "Tests of permissions are made from it.\n"};

int cmd_routes(int argc, char **argv)
{
    static const struct opt none[] = {OPT_END()};
    static const enum role roles[] = {ROLE_PUBLIC, ROLE_MEMBER, ROLE_COORDINATOR, ROLE_ADMIN};
    struct api_op ops[ROUTES_OPS_MAX];
    size_t n;
    int ret;

    if ((ret = opt_parse(&routes_cmd, none, argc, argv)) != OPT_RUN) {
        return ret;
    }
    n = routes_ops(ops, ROUTES_OPS_MAX);
    if (n > ROUTES_OPS_MAX) {
        fputs("compact: more routes than ROUTES_OPS_MAX\n", stderr);
        return EXIT_FAIL;
    }
    fputs("[", stdout);
    for (size_t i = 0; i < n; i++) {
        int first = 1;
        /* patterns and names are literals of the program: nothing to escape */
        printf("%s\n{\"method\": \"%s\", \"pattern\": \"%s\", \"access\": [", i ? "," : "",
               ops[i].method, ops[i].pattern);
        for (size_t k = 0; k < sizeof(roles) / sizeof(roles[0]); k++) {
            if (ops[i].access & roles[k]) {
                printf("%s\"%s\"", first ? "" : ", ", role_id(roles[k]));
                first = 0;
            }
        }
        printf("], \"tokens\": %s}", ops[i].tokens ? "true" : "false");
    }
    fputs("\n]\n", stdout);
    return EXIT_OK;
}
