/* Lookup in a table of embedded files. */
#include "embed.h"

#include <string.h>

#include "banned.h"

const struct embed_file *embed_find(const struct embed_file *files, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++) {
        if (!strcmp(files[i].name, name)) {
            return &files[i];
        }
    }
    return NULL;
}
