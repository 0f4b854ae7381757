/* The commitments catalogue: pages, GET /api/v1/commitments and PATCH for admins. */
#include <string.h>

#include "handlers.h"
#include "codec/json.h"
#include "codec/json_in.h"
#include "view/page_commitments.h"
#include "base/err.h"
#include "base/banned.h"

static int load(struct request *r, struct commitment_row **rows, size_t *n)
{
    return store_commitment_list(r->st, r->arena, rows, n);
}

int page_commitments(struct request *r)
{
    struct commitment_row *rows;
    size_t n;
    int ret = load(r, &rows, &n);
    if (ret < 0) {
        return ret;
    }
    r->content_type = "text/html; charset=utf-8";
    view_commitments_page(r->body, rows, n, request_viewer(r));
    return 0;
}

int page_commitment_section(struct request *r)
{
    struct commitment_row *rows;
    const struct commitment_section *secs;
    size_t n, nsec, first = 0, count = 0;
    long long section;
    int ret;

    secs = commitment_sections(&nsec);
    if (request_id(r, 0, &section) < 0 || section > (long long)nsec) {
        return ERR_NOT_FOUND;
    }
    if ((ret = load(r, &rows, &n)) < 0) {
        return ret;
    }
    for (size_t i = 0; i < n; i++) {
        if (rows[i].section == section) {
            if (!count) {
                first = i;
            }
            count++;
        }
    }
    r->content_type = "text/html; charset=utf-8";
    view_commitment_section_page(r->body, (int)section, secs[section - 1].title, rows + first,
                                 count, request_viewer(r));
    return 0;
}

int page_commitment(struct request *r)
{
    struct commitment_row *rows;
    size_t n;
    long long id;
    int ret;

    if (request_id(r, 0, &id) < 0) {
        return ERR_NOT_FOUND;
    }
    if ((ret = load(r, &rows, &n)) < 0) {
        return ret;
    }
    for (size_t i = 0; i < n; i++) {
        if (rows[i].id == id) {
            r->content_type = "text/html; charset=utf-8";
            view_commitment_page(r->body, &rows[i], request_viewer(r));
            return 0;
        }
    }
    return ERR_NOT_FOUND;
}

int api_commitments(struct request *r)
{
    struct commitment_row *rows;
    size_t n;
    int ret = load(r, &rows, &n);
    if (ret < 0) {
        return ret;
    }
    r->content_type = "application/json";
    json_commitments(r->body, rows, n);
    return 0;
}

int api_commitment_patch(struct request *r)
{
    struct commitment_row *rows, *c = NULL;
    const char *number, *paraphrase, *field, *why;
    size_t n;
    long long id;
    int verified, ret;

    if (request_id(r, 0, &id) < 0 || (ret = load(r, &rows, &n)) < 0) {
        return ERR_NOT_FOUND;
    }
    for (size_t i = 0; i < n; i++) {
        if (rows[i].id == id) {
            c = &rows[i];
        }
    }
    if (!c) {
        return reply_problem(r, 404, "Not Found", "There is no commitment with that id.", "id");
    }
    if (!r->body_in || json_commitment_patch(r->body_in, r->body_in_len, c->section, r->arena,
                                             &number, &paraphrase, &verified, &field, &why) < 0) {
        return reply_problem(r, 400, "Invalid commitment",
                             r->body_in ? why : "The body must be a JSON object.",
                             r->body_in ? field : "body");
    }
    ret = store_commitment_update(r->st, id, number, paraphrase, verified, request_actor(r));
    if (ret == ERR_CONFLICT) {
        return reply_problem(r, 409, "Conflict", "Another commitment has that number.", "number");
    }
    if (ret < 0) {
        return ret;
    }
    return api_commitments(r);
}
