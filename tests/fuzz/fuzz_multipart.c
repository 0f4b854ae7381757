/*
 * libFuzzer target for the multipart/form-data reader (http/multipart.h). The input is a body
 * sent with the boundary "XyZ". Beyond "no crash under ASan/UBSan" it checks the contract: on
 * success every field is named text and the file's bytes lie inside the body; on failure
 * nothing is given back and a message says why.
 */
#include "fuzz.h"
#include "base/arena.h"
#include "base/err.h"
#include "http/multipart.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena arena;
    struct query q;
    struct multipart_file f;
    const char *body = (const char *)data;
    int rc;

    arena_init(&arena);
    rc = multipart_parse("XyZ", body, size, &arena, &q, &f);
    if (rc == 0) {
        CHECK(q.n <= QUERY_MAX_PARAMS);
        for (size_t i = 0; i < q.n; i++) {
            CHECK(q.params[i].name && *q.params[i].name && q.params[i].value);
            CHECK(utf8_check(q.params[i].value, strlen(q.params[i].value), NULL) == 0);
        }
        if (f.field) {
            CHECK(f.filename && f.data >= body && f.data + f.len <= body + size);
        }
    } else {
        CHECK(rc == ERR_INVALID);
        CHECK(q.n == 0);
        CHECK(q.error.message && *q.error.message);
    }
    arena_release(&arena);
    return 0;
}
