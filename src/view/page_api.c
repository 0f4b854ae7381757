/* The page /api: the route table's documentation, for people. */
#include "page_api.h"

#include <string.h>

#include "components.h"
#include "html.h"
#include "base/banned.h"

/* The group's anchor: "group-" and its name's letters, lower case, words joined by "-". */
static void group_anchor(struct buf *b, const char *group)
{
    int sep = 1;

    buf_adds(b, "group");
    for (const char *p = group; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
            if (sep) {
                buf_addc(b, '-');
            }
            buf_addc(b, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
            sep = 0;
        } else {
            sep = 1;
        }
    }
}

/* A group's heading (with its anchor) or, in the contents, the link to it. */
static void group_heading(struct buf *b, struct buf *anchor, const char *group, int heading)
{
    buf_reset(anchor);
    group_anchor(anchor, group);
    if (heading) {
        html_lit(b, "<h2 class=\"govuk-heading-l govuk-!-margin-top-8\" id=\"");
    } else {
        html_lit(b, "<a class=\"govuk-link\" href=\"#");
    }
    html_attr(b, anchor->data);
    html_lit(b, "\">");
    html_text(b, group);
    if (heading) {
        html_lit(b, "</h2>");
    } else {
        html_lit(b, "</a>");
    }
}

/* A list of parameters: name in code, then what it is, and an example. */
static void param_list(struct buf *b, const struct api_param *params)
{
    html_lit(b, "<ul class=\"govuk-list\">");
    for (const struct api_param *p = params; p->name; p++) {
        html_lit(b, "<li><code class=\"app-code\">");
        html_text(b, p->name);
        html_lit(b, "</code>: ");
        html_text(b, p->about);
        if (p->example) {
            html_lit(b, " For example <code class=\"app-code\">");
            html_text(b, p->example);
            html_lit(b, "</code>.");
        }
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>");
}

static void path_params(struct buf *b, const struct api_op *op)
{
    const char *name, *p = op->pattern;
    size_t len;

    if (!api_path_param_next(p, &name, &len)) {
        return;
    }
    summary_row_start(b, "In the path", 0);
    html_lit(b, "<ul class=\"govuk-list\">");
    while ((p = api_path_param_next(p, &name, &len))) {
        char key[32];
        if (len >= sizeof(key)) {
            len = sizeof(key) - 1;
        }
        memcpy(key, name, len);
        key[len] = '\0';
        html_lit(b, "<li><code class=\"app-code\">");
        html_text(b, key);
        html_lit(b, "</code>: ");
        html_text(b, api_path_param_about(op->pattern, key));
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>");
    summary_row_end(b, NULL, NULL);
}

static void answers(struct buf *b, const struct api_op *op)
{
    const char *media = api_op_media(op);
    int status = api_op_status(op);

    summary_row_start(b, "Answers", 0);
    if (!media) {
        html_lit(b, "303, on to the next page");
    } else {
        html_num(b, status);
        html_text(b, !strcmp(media, "application/json") ? " with JSON"
                     : !strcmp(media, "text/csv")       ? " with CSV"
                     : !strcmp(media, "text/html")      ? " with a page"
                                                        : " with the file");
    }
    if (!strncmp(op->pattern, "/api/", 5)) {
        html_lit(b, " (errors: problem JSON)");
    }
    summary_row_end(b, NULL, NULL);
}

static void operation(struct buf *b, const struct api_op *op)
{
    html_lit(b, "<h3 class=\"govuk-heading-s\"><code class=\"app-code\">");
    html_text(b, op->method);
    html_lit(b, " ");
    html_text(b, op->pattern);
    html_lit(b, "</code></h3><p class=\"govuk-body\">");
    html_text(b, op->doc->summary);
    html_lit(b, "</p><dl class=\"govuk-summary-list\">");
    summary_row_start(b, "Who may use it", 0);
    html_text(b, api_access_phrase(op->access));
    if (!op->tokens) {
        html_lit(b, ", signed in: not with an API token");
    }
    summary_row_end(b, NULL, NULL);
    path_params(b, op);
    if (op->doc->params) {
        summary_row_start(b, api_op_has_body(op) ? "Form fields" : "Query parameters", 0);
        param_list(b, op->doc->params);
        summary_row_end(b, NULL, NULL);
    }
    if (op->doc->example) {
        summary_row_start(b, "Example", 0);
        html_lit(b, "<code class=\"app-code\">");
        html_text(b, op->method);
        html_lit(b, " ");
        html_text(b, api_op_has_body(op) ? op->pattern : op->doc->example);
        html_lit(b, "</code>");
        if (api_op_has_body(op)) {
            html_lit(b, "<pre class=\"app-code govuk-!-margin-top-2 govuk-!-margin-bottom-0\">");
            html_text(b, op->doc->example);
            html_lit(b, "</pre>");
        }
        summary_row_end(b, NULL, NULL);
    }
    answers(b, op);
    html_lit(b, "</dl>");
}

#define INTRO                                                                                      \
    "<p class=\"govuk-body\">Everything the register holds can be read by scripts as JSON or "     \
    "CSV, and changed by those with the right to. This page lists every address of the service: "  \
    "the JSON API under <code class=\"app-code\">/api/v1/</code> first, then the pages and "       \
    "their forms. The same is published as an <a class=\"govuk-link\" "                            \
    "href=\"/api/openapi.json\">OpenAPI 3.1 description</a> for tools.</p>"                        \
    "<h2 class=\"govuk-heading-m\">How to use it</h2><ul class=\"govuk-list govuk-list--bullet\">" \
    "<li>Reading what is public needs no account. To change the register, make an API token on "   \
    "<a class=\"govuk-link\" href=\"/account\">your account</a> page and send it as "              \
    "<code class=\"app-code\">Authorization: Bearer TOKEN</code>.</li>"                            \
    "<li>Lists come a page at a time: <code class=\"app-code\">limit</code> (1 to 1000) and "      \
    "<code class=\"app-code\">cursor</code>, the value of <code class=\"app-code\">next</code> "   \
    "in the page before; <code class=\"app-code\">next</code> is null on the last page. The "      \
    ".csv variants list everything that matches.</li>"                                             \
    "<li>Dates are written YYYY-MM-DD. Bodies are JSON.</li>"                                      \
    "<li>Errors are <code class=\"app-code\">application/problem+json</code> (RFC 9457), with "    \
    "<code class=\"app-code\">param</code> naming what is wrong.</li></ul>"

void view_api_page(struct buf *b, const struct api_op *ops, size_t n, const struct viewer *viewer)
{
    const struct crumb crumbs[] = {{"Home", "/"}, {"API documentation", NULL}};
    const struct layout l = {
        .title = "API documentation",
        .crumbs = crumbs,
        .ncrumbs = 2,
        .viewer = viewer,
    };
    const char *const *groups;
    size_t ngroups;
    struct buf anchor = BUF_INIT;

    view_layout_start(b, &l);
    view_heading(b, NULL, l.title);
    html_lit(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" INTRO);
    groups = api_groups(&ngroups);
    html_lit(b, "<h2 class=\"govuk-heading-m\">Contents</h2><ul class=\"govuk-list\">");
    for (size_t g = 0; g < ngroups; g++) {
        html_lit(b, "<li>");
        group_heading(b, &anchor, groups[g], 0);
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul></div></div>");
    for (size_t g = 0; g < ngroups; g++) {
        group_heading(b, &anchor, groups[g], 1);
        /* the API's routes, then the pages' */
        for (int api = 1; api >= 0; api--) {
            for (size_t i = 0; i < n; i++) {
                if (api_op_is_api(&ops[i]) == api && !strcmp(api_op_group(&ops[i]), groups[g])) {
                    operation(b, &ops[i]);
                }
            }
        }
    }
    buf_release(&anchor);
    view_layout_end(b, &l);
}
