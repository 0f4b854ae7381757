/* The route table's documentation: every route has a summary, its parameters are described, its
 * example is an address the route answers; and the shared answers of core/api_doc.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "http/router.h"
#include "core/api_doc.h"

/* Whether path (up to '?') is one the pattern matches: literal segments equal, ":x" any. */
static int matches(const char *pattern, const char *path)
{
    const char *p = pattern, *q = path;

    while (*p == '/' && *q == '/') {
        size_t pl = strcspn(p + 1, "/"), ql = strcspn(q + 1, "/?");
        if (pl == 1 && p[1] == '*') {
            return ql > 0;
        }
        if (p[1] != ':' && (pl != ql || memcmp(p + 1, q + 1, pl) != 0)) {
            return 0;
        }
        if (p[1] == ':' && ql == 0) {
            return 0;
        }
        p += 1 + pl;
        q += 1 + ql;
    }
    return *p == '\0' && (*q == '\0' || *q == '?');
}

static void test_every_route_is_documented(void **state)
{
    (void)state;
    for (size_t i = 0; i < routes_count; i++) {
        const struct route *r = &routes[i];
        const struct api_doc *d = &r->doc;
        const char *name;
        size_t len;
        if (!d->summary || strlen(d->summary) < 10 || d->summary[strlen(d->summary) - 1] != '.') {
            fail_msg("route %s has no summary (a sentence beside it in the route table)",
                     r->pattern);
        }
        if (!d->example) {
            fail_msg("route %s has no example", r->pattern);
        }
        if ((r->methods & M_GET) && !matches(r->pattern, d->example)) {
            fail_msg("the example of %s, '%s', is not an address it answers", r->pattern,
                     d->example);
        }
        if ((r->methods & (M_POST | M_PUT | M_PATCH)) && !strncmp(r->pattern, "/api/", 5) &&
            d->example[0] != '{') {
            fail_msg("the example of %s %s is not a JSON body", r->pattern, d->example);
        }
        for (const struct api_param *p = d->params; p && p->name; p++) {
            if (!p->about || !*p->about) {
                fail_msg("parameter %s of %s is not described", p->name, r->pattern);
            }
        }
        for (const char *p = r->pattern; (p = api_path_param_next(p, &name, &len));) {
            char key[32];
            snprintf(key, sizeof(key), "%.*s", (int)len, name);
            if (!strcmp(api_path_param_about(r->pattern, key), "Its identifier.")) {
                fail_msg("the path parameter %s of %s is not described", key, r->pattern);
            }
        }
        if (!strcmp(api_access_phrase(r->access), "Some roles")) {
            fail_msg("who may use %s has no words", r->pattern);
        }
    }
}

static void test_ops_one_per_method_in_groups(void **state)
{
    struct api_op ops[ROUTES_OPS_MAX];
    size_t n = routes_ops(ops, ROUTES_OPS_MAX), ngroups, methods = 0;
    const char *const *groups = api_groups(&ngroups);
    (void)state;
    for (size_t i = 0; i < routes_count; i++) {
        methods += (size_t)__builtin_popcount(routes[i].methods);
    }
    assert_int_equal(n, methods);
    assert_true(n < ROUTES_OPS_MAX);
    for (size_t i = 0; i < n; i++) {
        const char *g = api_op_group(&ops[i]);
        size_t k = 0;
        while (k < ngroups && strcmp(groups[k], g)) {
            k++;
        }
        assert_true(k < ngroups);
    }
}

static void test_groups_templates_and_media(void **state)
{
    static const struct api_doc none = {"x.", NULL, "/", 0}, redirect = {"x.", NULL, "/", 303};
    static const struct {
        const char *method, *pattern, *group, *path, *media;
        const struct api_doc *doc;
    } cases[] = {
        {"GET", "/api/v1/compacts/:id/signatories", "Signatories",
         "/api/v1/compacts/{id}/signatories", "application/json", &none},
        {"GET", "/api/v1/compacts.csv", "Local Compacts", "/api/v1/compacts.csv", "text/csv",
         &none},
        {"GET", "/compacts/:id/compliance", "Checks and recorded activities",
         "/compacts/{id}/compliance", "text/html", &none},
        {"GET", "/organisations/:id/funding", "Open data: grants and contracts",
         "/organisations/{id}/funding", "text/html", &none},
        {"GET", "/api/v1/grants.csv", "Open data: grants and contracts", "/api/v1/grants.csv",
         "text/csv", &none},
        {"GET", "/history/:kind/:entity", "Accounts and the audit trail",
         "/history/{kind}/{entity}", "text/html", &none},
        {"GET", "/assets/*", "The service", "/assets/{path}", "*/*", &none},
        {"GET", "/", "The service", "/", "text/html", &none},
        {"GET", "/api/openapi.json", "The service", "/api/openapi.json", "application/json", &none},
        {"POST", "/login", "Accounts and the audit trail", "/login", NULL, &redirect},
    };
    struct buf b = BUF_INIT;
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct api_op op = {cases[i].method, cases[i].pattern, 0, 1, cases[i].doc};
        assert_string_equal(api_op_group(&op), cases[i].group);
        buf_reset(&b);
        api_path_template(&b, cases[i].pattern);
        assert_string_equal(b.data, cases[i].path);
        if (cases[i].media) {
            assert_string_equal(api_op_media(&op), cases[i].media);
        } else {
            assert_null(api_op_media(&op));
        }
    }
    buf_release(&b);
    /* the id of a Compact and of an organisation are told apart */
    assert_non_null(strstr(api_path_param_about("/api/v1/organisations/:id", "id"), "org-id"));
    assert_non_null(
        strstr(api_path_param_about("/compacts/:id/signatories/:sid", "id"), "Compact"));
    assert_non_null(strstr(api_path_param_about("/checks/:kind", "kind"), "funding_change"));
    assert_non_null(strstr(api_path_param_about("/history/:kind/:entity", "kind"), "api_token"));
    assert_true(api_param_is_named(&(struct api_param){"min_count", "x", API_TEXT, NULL}));
    assert_false(api_param_is_named(&(struct api_param){"a-day, a-month", "x", API_TEXT, NULL}));
    assert_false(api_param_is_named(&(struct api_param){"(each question)", "x", API_TEXT, NULL}));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_is_documented),
        cmocka_unit_test(test_ops_one_per_method_in_groups),
        cmocka_unit_test(test_groups_templates_and_media),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
