/*
 * libFuzzer target for the signatory API's bodies (codec/json_signatory.h). The input is a
 * request body, decoded both as a new signatory and as a withdrawal. Each decoder either refuses
 * it, naming a field and saying why (both non-empty, every out-parameter cleared), or decodes a
 * signatory core's rules accept: an organisation named, a real date signed, a role of 1 to 200
 * characters, and no withdrawal or one after the signing. Text that is not UTF-8 or holds
 * \u0000 is refused (fuzz_json_text_bad).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "codec/json_signatory.h"
#include "core/signatory.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena arena;
    const char *org, *role, *field, *why, *bad;
    date_t signed_on, withdrawn_on;
    int ret;

    arena_init(&arena);
    ret = json_signatory_new((const char *)data, size, &arena, &org, &role, &signed_on,
                             &withdrawn_on, &field, &why);
    if (ret < 0) {
        CHECK(ret == ERR_INVALID);
        CHECK(field && *field && why && *why);
        CHECK(!org && !role && !signed_on && !withdrawn_on);
    } else {
        CHECK(ret == 0 && !field && !why && !fuzz_json_text_bad(data, size));
        CHECK(org && *org && role);
        CHECK(signed_on != 0);
        CHECK(signatory_check(role, signed_on, withdrawn_on, &bad) == 0);
    }
    ret = json_signatory_withdrawal((const char *)data, size, &arena, &withdrawn_on, &field, &why);
    if (ret < 0) {
        CHECK(ret == ERR_INVALID && field && *field && why && *why && !withdrawn_on);
    } else {
        CHECK(ret == 0 && withdrawn_on != 0 && !fuzz_json_text_bad(data, size));
    }
    arena_release(&arena);
    return 0;
}
