/*
 * libFuzzer target for codec/json_tree.h, against cJSON itself: where json_tree_parse answers a
 * tree, cJSON_ParseWithLength must read the same text, and both trees must print the same (types,
 * keys in order, strings, numbers); where it answers NULL, cJSON decides and nothing is checked.
 * json_tree_parse_some answers NULL for the same texts, and its members are the whole tree's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/arena.h"
#include "codec/json_tree.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena arena;
    cJSON *mine, *theirs;

    arena_init(&arena);
    mine = json_tree_parse((const char *)data, size, &arena);
    if (mine) {
        char *a, *b;
        theirs = cJSON_ParseWithLength((const char *)data, size);
        CHECK(theirs != NULL);
        a = cJSON_PrintUnformatted(mine);
        b = cJSON_PrintUnformatted(theirs);
        CHECK(a && b && strcmp(a, b) == 0);
        cJSON_free(a);
        cJSON_free(b);
        cJSON_Delete(theirs);
    }
    {
        static const char *const keep[] = {"id", "a", "", NULL};
        cJSON *some = json_tree_parse_some((const char *)data, size, keep, &arena);
        CHECK(!some == !mine);
        if (some && cJSON_IsObject(mine)) {
            for (size_t i = 0; keep[i]; i++) {
                const cJSON *x = cJSON_GetObjectItemCaseSensitive(some, keep[i]);
                const cJSON *y = cJSON_GetObjectItemCaseSensitive(mine, keep[i]);
                char *a = x ? cJSON_PrintUnformatted(x) : NULL,
                     *b = y ? cJSON_PrintUnformatted(y) : NULL;
                CHECK(!a == !b);
                CHECK(!a || strcmp(a, b) == 0);
                cJSON_free(a);
                cJSON_free(b);
            }
        }
    }
    arena_release(&arena);
    return 0;
}
