/*
 * libFuzzer target for an organisation's body (codec/json_in.h) and its checks
 * (core/organisation.h). The input is the JSON of a create or patch body. json_organisation_draft
 * either refuses it, naming a field and saying why, or decodes it. A decoded draft, alone and as
 * a patch over a stored organisation, goes through organisation_from_draft: either problems
 * (1 to ORG_PROBLEMS_MAX, each a known field with a message) or an organisation whose org-id
 * passes orgid_check, whose sector is its type's, whose name is 1 to ORG_NAME_MAX bytes, and
 * whose ref reads back. Text that is not UTF-8 or holds \u0000 is refused (fuzz_json_text_bad).
 * orgid_check of the raw input, NUL-terminated, says why whenever it refuses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "codec/json_in.h"
#include "core/organisation.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/banned.h"

static int known_field(const char *f)
{
    static const char *const fields[] = {"org_id", "name", "type", "sector", "website"};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (!strcmp(f, fields[i])) {
            return 1;
        }
    }
    return 0;
}

static void check_result(const struct organisation_draft *d)
{
    struct org_problem p[ORG_PROBLEMS_MAX];
    struct organisation o = {.id = 12345};
    char ref[ORG_REF_MAX];
    const char *why;
    size_t n = organisation_from_draft(d, &o, p);

    CHECK(n <= ORG_PROBLEMS_MAX);
    for (size_t i = 0; i < n; i++) {
        CHECK(known_field(p[i].field) && p[i].message && *p[i].message);
    }
    if (n) {
        CHECK(o.id == 12345); /* untouched */
        return;
    }
    CHECK(o.name && *o.name && strlen(o.name) <= ORG_NAME_MAX);
    CHECK(o.sector == org_type_sector(o.type));
    if (o.org_id) {
        CHECK(orgid_check(o.org_id, &why) == 0 && !why);
        CHECK(!strcmp(organisation_ref(&o, ref), o.org_id));
        CHECK(!organisation_ref_is_number(ref));
    }
    if (o.website) {
        CHECK(!strncmp(o.website, "http", 4) && strlen(o.website) <= ORG_WEBSITE_MAX);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct organisation stored = {.id = 7,
                                               .org_id = "GB-CHC-1234567",
                                               .name = "Stored",
                                               .sector = SECTOR_VCS,
                                               .type = ORG_CHARITY};
    struct organisation_draft d, merged;
    struct arena arena;
    const char *field, *why;
    char *text = malloc(size + 1);

    if (!text) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    arena_init(&arena);
    if (json_organisation_draft(text, size, &arena, &d, &field, &why) < 0) {
        CHECK(field && *field && why && *why);
    } else {
        CHECK(!fuzz_json_text_bad(data, size));
        check_result(&d);
        organisation_patch_draft(&stored, &d, &merged);
        check_result(&merged);
    }
    if (orgid_check(text, &why) < 0) {
        CHECK(why && *why);
    } else {
        CHECK(!why && strlen(text) >= ORG_ID_MIN && strlen(text) <= ORG_ID_MAX);
    }
    arena_release(&arena);
    free(text);
    return 0;
}
