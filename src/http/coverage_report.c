/* Coverage from the store, its query parameters, and the hex maps read once. */
#include "coverage_report.h"

#include <pthread.h>
#include <string.h>

#include "ingest/ingest.h"
#include "base/log.h"
#include "base/banned.h"

size_t coverage_query(const char *as_of, const char *set, date_t today, date_t *day,
                      enum authority_set *s, struct field_error errs[2])
{
    size_t n = 0;

    *day = today;
    *s = AUTH_SET_CURRENT;
    if (as_of && *as_of && date_parse(as_of, strlen(as_of), day) < 0) {
        *day = today;
        errs[n++] = (struct field_error){"as_of", "Enter the date as YYYY-MM-DD, for example "
                                                  "2012-03-31"};
    }
    if (set && *set && authority_set_parse(set, s) < 0) {
        *s = AUTH_SET_CURRENT;
        errs[n++] = (struct field_error){"set", "Choose a set of authorities: 2012 (the 2009 to "
                                                "2019 set) or current"};
    }
    return n;
}

int coverage_report(struct store *st, enum authority_set set, date_t as_of, struct arena *arena,
                    struct coverage *out, struct coverage_point **timeline, size_t *npoints)
{
    struct authority *auth;
    struct coverage_compact *compacts;
    size_t nauth, ncompacts;
    int ret;

    memset(out, 0, sizeof(*out));
    if (timeline) {
        *timeline = NULL;
        *npoints = 0;
    }
    if ((ret = store_coverage_load(st, set, arena, &auth, &nauth, &compacts, &ncompacts)) < 0) {
        return ret;
    }
    coverage_compute(auth, nauth, set, compacts, ncompacts, as_of, arena, out);
    if (timeline) {
        coverage_timeline(auth, nauth, set, compacts, ncompacts, arena, timeline, npoints);
    }
    return 0;
}

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
