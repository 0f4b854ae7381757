/*
 * libFuzzer target for a Compact's JSON (codec/json_in.h): the body of POST /api/v1/compacts
 * and of PATCH /api/v1/compacts/{id}, and a status change. Each decoder either refuses the input,
 * naming a field and saying why (both non-empty), or decodes it: a new Compact then passes
 * compact_details_check, has 1 to 64 authorities, each a well-formed GSS code, and a status
 * date that parses; a change sets only known flags and keeps its lists within their limits.
 * The same decoder file's commitment correction (PATCH /api/v1/commitments/{id}) likewise
 * refuses with a named field or gives a number of its section.
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
#include "base/banned.h"

#define ALL_FLAGS                                                                                  \
    (PATCH_NAME | PATCH_AUTHORITIES | PATCH_ADOPTED | PATCH_REFRESHED | PATCH_REVIEW_DUE |         \
     PATCH_DOCUMENT_URL | PATCH_CONTACTS | PATCH_CODES | PATCH_COORDINATORS)

static void refused(int ret, const char *field, const char *why)
{
    CHECK(ret == ERR_INVALID);
    CHECK(field && *field && why && *why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data, *field, *why;
    struct compact_new *c = malloc(sizeof(*c));
    struct compact_patch *p = malloc(sizeof(*p));
    struct status_change s;
    struct arena arena;
    date_t d;
    int ret;

    CHECK(c && p);
    arena_init(&arena);
    ret = json_compact_new(text, size, &arena, c, &field, &why);
    if (ret) {
        refused(ret, field, why);
    } else {
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
        ret = json_compact_patch(text, size, admin, &arena, p, &field, &why);
        if (ret) {
            refused(ret, field, why);
            continue;
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
        ret = json_commitment_patch(text, size, section, &arena, &number, &paraphrase, &verified,
                                    &field, &why);
        if (ret) {
            refused(ret, field, why);
        } else {
            CHECK(!number || number[0] - '0' == section);
            CHECK(verified >= -1 && verified <= 1);
        }
    }
    ret = json_status_change(text, size, &arena, &s, &field, &why);
    if (ret) {
        refused(ret, field, why);
    } else {
        CHECK((unsigned)s.status < COMPACT_STATUS_COUNT && s.date != 0);
    }
    arena_release(&arena);
    free(c);
    free(p);
    return 0;
}
