/* Chunked bump allocator of arena.h. */
#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

#define ARENA_CHUNK 8192

struct arena_chunk {
    struct arena_chunk *next;
    size_t size;
    alignas(max_align_t) unsigned char mem[];
};

void arena_init(struct arena *a)
{
    a->head = NULL;
    a->used = 0;
}

void arena_release(struct arena *a)
{
    struct arena_chunk *c = a->head, *next;
    while (c) {
        next = c->next;
        free(c);
        c = next;
    }
    arena_init(a);
}

void arena_reset(struct arena *a)
{
    struct arena_chunk *c, *next;
    if (!a->head) {
        return;
    }
    /* Keep the oldest chunk, which is the last in the list. */
    c = a->head;
    while (c->next) {
        next = c->next;
        free(c);
        c = next;
    }
    a->head = c;
    a->used = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    size_t need = (st_add(n, align - 1) / align) * align;
    struct arena_chunk *c;
    void *p;

    if (!need) {
        need = align;
    }
    if (!a->head || a->head->size - a->used < need) {
        size_t size = need > ARENA_CHUNK ? need : ARENA_CHUNK;
        c = xmalloc(st_add(sizeof(*c), size));
        c->size = size;
        c->next = a->head;
        a->head = c;
        a->used = 0;
    }
    p = a->head->mem + a->used;
    a->used += need;
    return p;
}

char *arena_memdupz(struct arena *a, const void *p, size_t len)
{
    char *s = arena_alloc(a, st_add(len, 1));
    memcpy(s, p, len);
    s[len] = '\0';
    return s;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_memdupz(a, s, strlen(s));
}
