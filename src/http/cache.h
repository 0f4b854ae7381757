/*
 * Replies of cacheable routes, kept per worker thread and keyed by the request target. An entry
 * holds only while the database is unchanged: any commit, by this connection or another process,
 * moves the database's version (store_version) and empties the cache. Owned by one thread.
 *
 * A large body is kept in an anonymous memory file as a libevent file segment, so a reply is sent
 * with sendfile(2) straight from it, as a static file server would, without a copy per request;
 * a small one (8 KB or less) in memory, copied into the reply, which then leaves in one writev.
 */
#ifndef HTTP_CACHE_H
#define HTTP_CACHE_H

#include <stddef.h>

#include "base/date.h"
#include "store/store.h"

struct reply_cache;

/* A cache of up to entries replies, none larger than max_body bytes; entries 0 disables it. */
struct reply_cache *cache_new(size_t entries, size_t max_body);
void cache_free(struct reply_cache *c);

struct evbuffer_file_segment;

struct cached_reply {
    int status;
    const char *content_type; /* a string literal of the handler's */
    size_t len;
    /* the body: a file segment (add it to a reply with evbuffer_add_file_segment, which keeps
     * it alive as long as it needs), or, where no memory file could be made, bytes borrowed
     * until the next cache call */
    struct evbuffer_file_segment *segment;
    const char *body;
    /* a reply that depends on today's date (a default of "as of today") holds on this day
     * only; 0 for a reply that holds on any day */
    date_t day;
};

/* Whether reply r may still be served on today: made for any day, or for today. */
int cache_fresh(const struct cached_reply *r, date_t today);

/*
 * The reply stored for target while the database is at version, or NULL. A version other than
 * the cache's empties it first; a reply made for another day than today (cache_fresh) is dropped.
 */
const struct cached_reply *cache_get(struct reply_cache *c, long long version, const char *target);
/* Keep a copy of a reply for target at version; day as in struct cached_reply. */
void cache_put(struct reply_cache *c, long long version, const char *target, date_t day, int status,
               const char *content_type, const char *body, size_t len);

#endif
