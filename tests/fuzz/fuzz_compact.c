/*
 * libFuzzer target for a Compact's JSON (codec/json_in.h): the body of POST /api/v1/compacts
 * and of PATCH /api/v1/compacts/{id}, and a status change. Each decoder either refuses the input,
 * naming a field and saying why (both non-empty), or decodes it: a new Compact then passes
 * compact_details_check, has 1 to 64 authorities, each a well-formed GSS code, and a status
 * date that parses; a change sets only known flags and keeps its lists within their limits.
 * The same decoder file's commitment correction (PATCH /api/v1/commitments/{id}) likewise
 * refuses with a named field or gives a number of its section. Every decoder refuses text that
 * is not UTF-8 or holds \u0000 (fuzz_json_text_bad), and what it decodes is UTF-8.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "codec/json_in.h"
#include "core/authority.h"
#include "core/compact.h"
#include "base/arena.h"
#include "base/date.h"
#include "base/err.h"
#include "base/utf8.h"
#include "base/banned.h"

#define ALL_FLAGS                                                                                  \
    (PATCH_NAME | PATCH_AUTHORITIES | PATCH_ADOPTED | PATCH_REFRESHED | PATCH_REVIEW_DUE |         \
     PATCH_DOCUMENT_URL | PATCH_CONTACTS | PATCH_CODES | PATCH_COORDINATORS)

static void refused(int ret, const char *field, const char *why)
{
    CHECK(ret == ERR_INVALID);
    CHECK(field && *field && why && *why);
}

/* A decoded string (NULL: none) is text. */
static void text(const char *s)
{
    CHECK(!s || utf8_check(s, strlen(s), NULL) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *body = (const char *)data, *field, *why;
    int bad = fuzz_json_text_bad(data, size);
    struct compact_new *c = malloc(sizeof(*c));
    struct compact_patch *p = malloc(sizeof(*p));
    struct status_change s;
    struct arena arena;
    date_t d;
    int ret;

    CHECK(c && p);
    arena_init(&arena);
    ret = json_compact_new(body, size, &arena, c, &field, &why);
    if (ret) {
        refused(ret, field, why);
    } else {
        CHECK(!bad);
        text(c->name);
        text(c->document_url);
        for (size_t i = 0; i < c->ncontacts; i++) {
            text(c->contacts[i].name);
            text(c->contacts[i].role);
        }
        CHECK(c->nauthorities >= 1 && c->nauthorities <= COMPACT_AUTHORITIES_MAX);
        for (size_t i = 0; i < c->nauthorities; i++) {
            CHECK(gss_is_valid(c->authorities[i]));
        }
        CHECK(date_parse(c->status_date, strlen(c->status_date), &d) == 0);
        CHECK(compact_details_check(c->name, c->adopted, c->refreshed, c->review_due,
                                    c->document_url, c->contacts, c->ncontacts, NULL, 0, &arena,
                                    &field, &why) == 0);
    }
    for (int admin = 0; admin < 2; admin++) {
        ret = json_compact_patch(body, size, admin, &arena, p, &field, &why);
        if (ret) {
            refused(ret, field, why);
            continue;
        }
        CHECK(!bad);
        text(p->name);
        for (size_t i = 0; i < p->ncodes_add; i++) {
            text(p->codes_add[i].title);
        }
        CHECK((p->fields & ~(unsigned)ALL_FLAGS) == 0);
        CHECK(admin || !(p->fields & PATCH_COORDINATORS));
        CHECK(p->nauthorities <= COMPACT_AUTHORITIES_MAX && p->ncontacts <= COMPACT_CONTACTS_MAX);
        CHECK(p->ncodes_add <= COMPACT_CODES_MAX && p->ncodes_replace <= COMPACT_CODES_MAX &&
              p->ncodes_remove <= COMPACT_CODES_MAX);
        CHECK(!(p->fields & PATCH_NAME) || (p->name && *p->name));
        for (size_t i = 0; i < p->ncodes_replace; i++) {
            CHECK(p->codes_replace[i].id > 0);
        }
    }
    for (int section = 1; section <= 5; section++) {
        const char *number, *paraphrase;
        int verified;
        ret = json_commitment_patch(body, size, section, &arena, &number, &paraphrase, &verified,
                                    &field, &why);
        if (ret) {
            refused(ret, field, why);
        } else {
            CHECK(!bad);
            text(paraphrase);
            CHECK(!number || number[0] - '0' == section);
            CHECK(verified >= -1 && verified <= 1);
        }
    }
    ret = json_status_change(body, size, &arena, &s, &field, &why);
    if (ret) {
        refused(ret, field, why);
    } else {
        CHECK(!bad);
        CHECK((unsigned)s.status < COMPACT_STATUS_COUNT && s.date != 0);
    }
    arena_release(&arena);
    free(c);
    free(p);
    return 0;
}
