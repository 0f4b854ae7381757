/*
 * struct arena: many small allocations freed in one go (after h2o's request pool). A request's
 * temporaries come from its arena, released when the reply has been sent. Out of memory is fatal.
 */
#ifndef BASE_ARENA_H
#define BASE_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
    struct arena_chunk *head;
    size_t used; /* bytes handed out from head */
};

void arena_init(struct arena *a);
/* Free everything the arena handed out, keeping the first chunk for reuse. */
void arena_reset(struct arena *a);
/* Free everything. */
void arena_release(struct arena *a);
/* n bytes aligned for any type, valid until reset or release. */
void *arena_alloc(struct arena *a, size_t n);
/* A NUL-terminated copy of len bytes at p. */
char *arena_memdupz(struct arena *a, const void *p, size_t len);
char *arena_strdup(struct arena *a, const char *s);

#endif
