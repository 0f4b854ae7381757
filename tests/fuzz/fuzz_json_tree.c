/*
 * libFuzzer target for codec/json_tree.h, against cJSON itself: where json_tree_parse answers a
 * tree, cJSON_ParseWithLength must read the same text, and both trees must print the same (types,
 * keys in order, strings, numbers); where it answers NULL, cJSON decides and nothing is checked.
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
    arena_release(&arena);
    return 0;
}
