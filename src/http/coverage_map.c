/* The hex maps of the coverage page, read once. */
#include "coverage_map.h"

#include <pthread.h>

#include "ingest/ingest.h"
#include "base/log.h"
#include "base/banned.h"

static struct {
    pthread_once_t once;
    struct arena arena;
    struct hexmap maps[AUTH_SET_COUNT];
    int ok[AUTH_SET_COUNT];
} hexmaps = {.once = PTHREAD_ONCE_INIT};

static void load_hexmaps(void)
{
    struct buf err = BUF_INIT;

    arena_init(&hexmaps.arena);
    for (int s = 0; s < AUTH_SET_COUNT; s++) {
        buf_reset(&err);
        hexmaps.ok[s] =
            ingest_hexmap((enum authority_set)s, &hexmaps.arena, &hexmaps.maps[s], &err) == 0;
        if (!hexmaps.ok[s]) {
            log_msg(LOG_ERROR, "cannot read the hex map: %s", err.data);
        }
    }
    buf_release(&err);
}

const struct hexmap *coverage_hexmap(enum authority_set set)
{
    pthread_once(&hexmaps.once, load_hexmaps);
    return (unsigned)set < AUTH_SET_COUNT && hexmaps.ok[set] ? &hexmaps.maps[set] : NULL;
}
