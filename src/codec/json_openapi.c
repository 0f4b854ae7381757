/* OpenAPI 3.1 out: the route table's documentation written as an OpenAPI document. */
#include "json_openapi.h"

#include "json_util.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "base/banned.h"

#define DESCRIPTION                                                                                \
    "Compact Hub's register of local Compacts, their signatories and organisations, coverage "     \
    "of England, the checks of decisions against the Compact, and open data on grants and "        \
    "contracts.\n\n"                                                                               \
    "Scripts use an API token (`Authorization: Bearer TOKEN`), made on the account page or with "  \
    "`compact token add`; a token that is not valid is answered 401 on every route. A browser "    \
    "signed in sends the session cookie, and each POST, PUT or PATCH it makes carries the "        \
    "session's CSRF token (`csrf_token` in a form, or the `X-CSRF-Token` header).\n\n"             \
    "Lists page by cursor: `limit` (1 to 1000) and `cursor`, the value of `next` in the page "     \
    "before; each page is `{\"total\", \"items\", \"next\"}`, with `next` null on the last. A "    \
    ".csv variant lists everything that matches. Dates are `YYYY-MM-DD`. Errors under /api/ are "  \
    "`application/problem+json` (RFC 9457) naming the parameter or field at fault in `param`.\n\n" \
    "The pages of the service are listed too: they answer HTML, and their forms post "             \
    "`application/x-www-form-urlencoded`."

static cJSON *object(void)
{
    return json_must(cJSON_CreateObject());
}

static cJSON *add_object(cJSON *o, const char *key)
{
    return json_must(cJSON_AddObjectToObject(o, key));
}

static cJSON *add_array(cJSON *o, const char *key)
{
    return json_must(cJSON_AddArrayToObject(o, key));
}

static void add_ref(cJSON *o, const char *key, const char *ref)
{
    json_add_str(add_object(o, key), "$ref", ref);
}

static cJSON *schema_of(enum api_type t)
{
    cJSON *s = object();

    switch (t) {
    case API_INTEGER:
        json_add_str(s, "type", "integer");
        break;
    case API_DATE:
        json_add_str(s, "type", "string");
        json_add_str(s, "format", "date");
        break;
    case API_BOOLEAN:
        json_add_str(s, "type", "string");
        cJSON_AddItemToObject(
            s, "enum",
            json_must(cJSON_CreateStringArray((const char *const[]){"true", "false"}, 2)));
        break;
    default:
        json_add_str(s, "type", "string");
    }
    return s;
}

static void components(cJSON *root, const char *session_cookie)
{
    cJSON *c = add_object(root, "components"), *schemes = add_object(c, "securitySchemes");
    cJSON *bearer = add_object(schemes, "bearerToken"),
          *cookie = add_object(schemes, "sessionCookie");
    cJSON *problem = add_object(add_object(c, "schemas"), "Problem"), *props, *required, *resp;

    json_add_str(bearer, "type", "http");
    json_add_str(bearer, "scheme", "bearer");
    json_add_str(bearer, "description",
                 "An API token, made on the account page or with "
                 "`compact token add`.");
    json_add_str(cookie, "type", "apiKey");
    json_add_str(cookie, "in", "cookie");
    json_add_str(cookie, "name", session_cookie);
    json_add_str(cookie, "description",
                 "The session of a person signed in (POST /login); its "
                 "writes carry the session's CSRF token.");

    json_add_str(problem, "type", "object");
    json_add_str(problem, "description", "RFC 9457 problem details.");
    required = add_array(problem, "required");
    cJSON_AddItemToArray(required, json_must(cJSON_CreateString("title")));
    cJSON_AddItemToArray(required, json_must(cJSON_CreateString("status")));
    props = add_object(problem, "properties");
    cJSON_AddItemToObject(props, "type", schema_of(API_TEXT));
    cJSON_AddItemToObject(props, "title", schema_of(API_TEXT));
    cJSON_AddItemToObject(props, "status", schema_of(API_INTEGER));
    cJSON_AddItemToObject(props, "detail", schema_of(API_TEXT));
    cJSON_AddItemToObject(props, "param", schema_of(API_TEXT));
    json_add_str(cJSON_GetObjectItem(props, "param"), "description",
                 "The parameter or field at fault.");

    resp = add_object(add_object(c, "responses"), "Problem");
    json_add_str(resp, "description", "What is wrong, as problem details.");
    add_ref(add_object(add_object(resp, "content"), "application/problem+json"), "schema",
            "#/components/schemas/Problem");
}

/* "get_api_v1_compacts_id": unique for each method and pattern. */
static void operation_id(struct buf *b, const struct api_op *op)
{
    int sep = 0;

    for (const char *m = op->method; *m; m++) {
        buf_addc(b, (char)tolower((unsigned char)*m));
    }
    if (!strcmp(op->pattern, "/")) {
        buf_adds(b, "_root");
    }
    for (const char *p = op->pattern; *p; p++) {
        if (isalnum((unsigned char)*p)) {
            if (sep) {
                buf_addc(b, '_');
            }
            buf_addc(b, *p);
            sep = 0;
        } else {
            sep = 1;
        }
    }
    if (op->pattern[strlen(op->pattern) - 1] == '*') {
        buf_adds(b, "_path");
    }
}

static void parameters(cJSON *o, const struct api_op *op, struct buf *more)
{
    cJSON *list = add_array(o, "parameters");
    const char *name, *p = op->pattern;
    size_t len;

    while ((p = api_path_param_next(p, &name, &len))) {
        cJSON *param = object();
        char key[32];
        if (len >= sizeof(key)) {
            len = sizeof(key) - 1;
        }
        memcpy(key, name, len);
        key[len] = '\0';
        json_add_str(param, "name", key);
        json_add_str(param, "in", "path");
        json_must(cJSON_AddTrueToObject(param, "required"));
        json_add_str(param, "description", api_path_param_about(op->pattern, key));
        cJSON_AddItemToObject(param, "schema", schema_of(API_TEXT));
        cJSON_AddItemToArray(list, param);
    }
    if (api_op_has_body(op) || !op->doc->params) {
        return;
    }
    for (const struct api_param *q = op->doc->params; q->name; q++) {
        cJSON *param;
        if (!api_param_is_named(q)) {
            buf_addf(more, "\n\n`%s`: %s", q->name, q->about);
            continue;
        }
        param = object();
        json_add_str(param, "name", q->name);
        json_add_str(param, "in", "query");
        json_add_str(param, "description", q->about);
        cJSON_AddItemToObject(param, "schema", schema_of(q->type));
        if (q->example && q->type == API_INTEGER) {
            json_add_num(param, "example", strtod(q->example, NULL));
        } else if (q->example) {
            json_add_str(param, "example", q->example);
        }
        cJSON_AddItemToArray(list, param);
    }
}

static void request_body(cJSON *o, const struct api_op *op, struct buf *more)
{
    cJSON *body = add_object(o, "requestBody"), *content = add_object(body, "content"), *media;

    json_must(cJSON_AddTrueToObject(body, "required"));
    if (api_op_is_api(op)) {
        cJSON *example = op->doc->example ? cJSON_Parse(op->doc->example) : NULL;
        media = add_object(content, "application/json");
        json_add_str(add_object(media, "schema"), "type", "object");
        if (example) {
            cJSON_AddItemToObject(media, "example", example);
        }
        return;
    }
    media = add_object(content, "application/x-www-form-urlencoded");
    {
        cJSON *schema = add_object(media, "schema"), *props;
        json_add_str(schema, "type", "object");
        props = add_object(schema, "properties");
        for (const struct api_param *q = op->doc->params; q && q->name; q++) {
            cJSON *s;
            if (!api_param_is_named(q)) {
                buf_addf(more, "\n\n`%s`: %s", q->name, q->about);
                continue;
            }
            s = schema_of(q->type);
            json_add_str(s, "description", q->about);
            cJSON_AddItemToObject(props, q->name, s);
        }
    }
    if (op->doc->example) {
        json_add_str(media, "example", op->doc->example);
    }
}

static void responses(cJSON *o, const struct api_op *op)
{
    cJSON *r = add_object(o, "responses"), *ok;
    const char *media = api_op_media(op), *p;
    const char *name;
    size_t len;
    char status[8];
    int json = !strncmp(op->pattern, "/api/", 5), input = op->doc->params || api_op_has_body(op);

    if (snprintf(status, sizeof(status), "%d", api_op_status(op)) >= (int)sizeof(status)) {
        status[0] = '\0'; /* a status has 3 digits */
    }
    ok = add_object(r, status);
    if (!media) {
        json_add_str(ok, "description", "Done: on to the next page (Location).");
    } else {
        json_add_str(ok, "description",
                     !strcmp(media, "text/html")  ? "The page."
                     : !strcmp(media, "text/csv") ? "The table, as CSV."
                                                  : "The answer.");
        add_object(add_object(ok, "content"), media);
    }
    if (!json) {
        json_add_str(add_object(r, "default"), "description",
                     "What went wrong, as a page (signed out: a sign-in page first).");
        return;
    }
    p = op->pattern;
    if (input || api_path_param_next(p, &name, &len)) {
        add_ref(r, "400", "#/components/responses/Problem");
    }
    if (op->access != ACCESS_ANYONE) {
        add_ref(r, "401", "#/components/responses/Problem");
    }
    if (op->access != ACCESS_ANYONE || !op->tokens) {
        add_ref(r, "403", "#/components/responses/Problem");
    }
    if (api_path_param_next(p, &name, &len)) {
        add_ref(r, "404", "#/components/responses/Problem");
    }
    add_ref(r, "503", "#/components/responses/Problem");
}

static void security(cJSON *o, const struct api_op *op)
{
    cJSON *list = add_array(o, "security");

    if (op->access & ROLE_PUBLIC) {
        cJSON_AddItemToArray(list, object()); /* nobody signed in will do */
    }
    if (op->tokens) {
        cJSON *bearer = object();
        add_array(bearer, "bearerToken");
        cJSON_AddItemToArray(list, bearer);
    }
    {
        cJSON *cookie = object();
        add_array(cookie, "sessionCookie");
        cJSON_AddItemToArray(list, cookie);
    }
}

static cJSON *operation(const struct api_op *op, const char *group)
{
    static const enum role roles[] = {ROLE_PUBLIC, ROLE_MEMBER, ROLE_COORDINATOR, ROLE_ADMIN};
    cJSON *o = object(), *tags, *access;
    struct buf id = BUF_INIT, more = BUF_INIT;

    operation_id(&id, op);
    json_add_str(o, "operationId", id.data);
    json_add_str(o, "summary", op->doc->summary);
    tags = add_array(o, "tags");
    cJSON_AddItemToArray(tags, json_must(cJSON_CreateString(group)));
    buf_addf(&more, "Who may use it: %s%s.", api_access_phrase(op->access),
             op->tokens ? "" : " (people signed in, not API tokens)");
    parameters(o, op, &more);
    if (api_op_has_body(op)) {
        request_body(o, op, &more);
    } else if (op->doc->example) {
        buf_addf(&more, "\n\nExample: `%s %s`", op->method, op->doc->example);
        json_add_str(o, "x-example", op->doc->example);
    }
    json_add_str(o, "description", more.data);
    responses(o, op);
    security(o, op);
    access = add_array(o, "x-access");
    for (size_t k = 0; k < sizeof(roles) / sizeof(roles[0]); k++) {
        if (op->access & roles[k]) {
            cJSON_AddItemToArray(access, json_must(cJSON_CreateString(role_id(roles[k]))));
        }
    }
    buf_release(&id);
    buf_release(&more);
    return o;
}

void json_openapi(struct buf *b, const struct api_op *ops, size_t n, const char *session_cookie)
{
    cJSON *root = object(), *info, *servers, *tags, *paths;
    const char *const *groups;
    size_t ngroups;

    json_add_str(root, "openapi", "3.1.0");
    info = add_object(root, "info");
    json_add_str(info, "title", "Compact Hub");
    json_add_str(info, "version", "v1");
    json_add_str(info, "summary", "The register of local Compacts in England, and its checks.");
    json_add_str(info, "description", DESCRIPTION);
    servers = add_array(root, "servers");
    cJSON_AddItemToArray(servers, object());
    json_add_str(cJSON_GetArrayItem(servers, 0), "url", "/");
    tags = add_array(root, "tags");
    groups = api_groups(&ngroups);
    for (size_t i = 0; i < ngroups; i++) {
        cJSON *t = object();
        json_add_str(t, "name", groups[i]);
        cJSON_AddItemToArray(tags, t);
    }
    paths = add_object(root, "paths");
    for (size_t i = 0; i < n; i++) {
        struct buf path = BUF_INIT, method = BUF_INIT;
        cJSON *item;
        api_path_template(&path, ops[i].pattern);
        item = cJSON_GetObjectItemCaseSensitive(paths, path.data);
        if (!item) {
            item = add_object(paths, path.data);
        }
        for (const char *m = ops[i].method; *m; m++) {
            buf_addc(&method, (char)tolower((unsigned char)*m));
        }
        cJSON_AddItemToObject(item, method.data, operation(&ops[i], api_op_group(&ops[i])));
        buf_release(&path);
        buf_release(&method);
    }
    components(root, session_cookie);
    json_print(b, root);
}
