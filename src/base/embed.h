/* Files compiled into the program at build time (migrations, reference data, web assets). */
#ifndef BASE_EMBED_H
#define BASE_EMBED_H

#include <stddef.h>

struct embed_file {
    const char *name; /* path relative to the folder it was embedded from */
    const unsigned char *data;
    size_t len;
};

/* The file named name in files[0..count), or NULL. */
const struct embed_file *embed_find(const struct embed_file *files, size_t count, const char *name);

#endif
