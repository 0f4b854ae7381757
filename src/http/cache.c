/* The per-thread reply cache: a small table with least-recently-used replacement. */
#define _GNU_SOURCE /* memfd_create */
#include "cache.h"

#include <event2/buffer.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/xalloc.h"

/* bodies larger than this are sent with sendfile(2): the 25 KB JSON of authorities went from
 * 0.65-0.70 of nginx to 0.81-0.88 when sent so rather than copied (docs/PERFORMANCE.md); where
 * between 2 KB (better copied) and 25 KB the two cross was not measured */
#define CACHE_SENDFILE_MIN (8u << 10)
#include "base/banned.h"

struct entry {
    char *target;
    struct cached_reply reply;
    unsigned long used; /* tick of the last hit */
};

struct reply_cache {
    struct entry *entries;
    size_t n, max_body;
    long long version;
    unsigned long tick;
};

struct reply_cache *cache_new(size_t entries, size_t max_body)
{
    struct reply_cache *c;
    if (!entries) {
        return NULL;
    }
    c = xcalloc(1, sizeof(*c));
    c->entries = xcalloc(entries, sizeof(*c->entries));
    c->n = entries;
    c->max_body = max_body;
    c->version = -1;
    return c;
}

static void entry_clear(struct entry *e)
{
    free(e->target);
    free((char *)e->reply.body);
    if (e->reply.segment) {
        evbuffer_file_segment_free(e->reply.segment); /* replies being sent keep it alive */
    }
    memset(e, 0, sizeof(*e));
}

static void check_version(struct reply_cache *c, long long version)
{
    if (c->version == version) {
        return;
    }
    for (size_t i = 0; i < c->n; i++) {
        entry_clear(&c->entries[i]);
    }
    c->version = version;
}

void cache_free(struct reply_cache *c)
{
    if (!c) {
        return;
    }
    for (size_t i = 0; i < c->n; i++) {
        entry_clear(&c->entries[i]);
    }
    free(c->entries);
    free(c);
}

int cache_fresh(const struct cached_reply *r, date_t today)
{
    return !r->day || r->day == today;
}

const struct cached_reply *cache_get(struct reply_cache *c, long long version, const char *target)
{
    if (!c) {
        return NULL;
    }
    check_version(c, version);
    for (size_t i = 0; i < c->n; i++) {
        struct entry *e = &c->entries[i];
        if (e->target && !strcmp(e->target, target)) {
            /* the clock is read only for the few replies that depend on it */
            if (e->reply.day && !cache_fresh(&e->reply, date_today())) {
                entry_clear(e);
                return NULL;
            }
            e->used = ++c->tick;
            return &e->reply;
        }
    }
    return NULL;
}

/* A file segment holding body in an anonymous memory file, or NULL. */
static struct evbuffer_file_segment *segment_new(const char *body, size_t len)
{
    struct evbuffer_file_segment *seg;
    size_t done = 0;
    int fd = memfd_create("compact-reply", MFD_CLOEXEC);

    if (fd < 0) {
        return NULL;
    }
    while (done < len) {
        ssize_t n = write(fd, body + done, len - done);
        if (n <= 0) {
            close(fd);
            return NULL;
        }
        done += (size_t)n;
    }
    seg = evbuffer_file_segment_new(fd, 0, (ev_off_t)len, EVBUF_FS_CLOSE_ON_FREE);
    if (!seg) {
        close(fd);
    }
    return seg;
}

void cache_put(struct reply_cache *c, long long version, const char *target, date_t day, int status,
               const char *content_type, const char *body, size_t len)
{
    struct entry *victim;
    if (!c || len > c->max_body) {
        return;
    }
    check_version(c, version);
    victim = &c->entries[0];
    for (size_t i = 0; i < c->n; i++) {
        if (!c->entries[i].target) {
            victim = &c->entries[i];
            break;
        }
        if (c->entries[i].used < victim->used) {
            victim = &c->entries[i];
        }
    }
    entry_clear(victim);
    victim->target = xstrdup(target);
    victim->reply.status = status;
    victim->reply.content_type = content_type;
    victim->reply.len = len;
    victim->reply.day = day;
    /* a small body goes out in the one writev with its headers: sendfile(2) would cost a second
     * system call and a TCP segment of its own (GET /api/v1/compacts, 2 KB: writev and
     * sendfile 17% and 16% of the samples); a larger one is sent from the file, as nginx does,
     * which spares copying it twice (into the reply, then into the socket) */
    victim->reply.segment = len > CACHE_SENDFILE_MIN ? segment_new(body, len) : NULL;
    if (!victim->reply.segment) {
        victim->reply.body = xmemdupz(body, len);
    }
    victim->used = ++c->tick;
}
