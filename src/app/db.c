/* The database a command works on. */
#include "db.h"

#include <string.h>

#include "codec/json.h"
#include "base/err.h"
#include "base/banned.h"

const char *db_shown(const char *path, char out[DB_SHOWN_MAX])
{
    const char *scheme = strstr(path, "://"), *host, *end;
    size_t n;

    if (!scheme) {
        return path;
    }
    host = scheme + 3;
    end = host + strcspn(host, "/?#");
    if (memchr(host, '@', (size_t)(end - host))) {
        host = (const char *)memchr(host, '@', (size_t)(end - host)) + 1;
    }
    end = host + strcspn(host, "?#");
    n = (size_t)(scheme + 3 - path);
    if (n + (size_t)(end - host) >= DB_SHOWN_MAX) {
        return "the database named by --db";
    }
    memcpy(out, path, n);
    memcpy(out + n, host, (size_t)(end - host));
    out[n + (size_t)(end - host)] = '\0';
    return out;
}

/* Seed the commitments catalogue when it is empty. Two `compact init` at once on PostgreSQL:
 * the later seed fails to serialize (ERR_BUSY) or meets the other's rows (ERR_CONFLICT); run
 * again, it finds the catalogue there. */
static int seed(struct store *st)
{
    int seeded, ret = store_commitments_seed(st, &seeded);
    return ret == ERR_BUSY || ret == ERR_CONFLICT ? store_commitments_seed(st, &seeded) : ret;
}

int db_authority_json(struct store *st, size_t *written)
{
    int ret;

    /* two at once on PostgreSQL (two migrates): the later writer of a row may fail to
     * serialize; run again, it finds the rows written */
    for (int tries = 0;; tries++) {
        *written = 0;
        if ((ret = store_begin(st)) < 0) {
            return ret;
        }
        if ((ret = store_authority_json_write(st, json_authority_item, written)) == 0) {
            ret = store_commit(st);
        }
        if (ret < 0) {
            store_rollback(st); /* a COMMIT that failed may leave the transaction open */
        }
        if (ret != ERR_BUSY || tries == 4) {
            break;
        }
    }
    if (ret < 0) {
        *written = 0;
    }
    return ret;
}

int db_open(const char *uri, int create, struct store **out, struct buf *why)
{
    struct store *st;
    char where[DB_SHOWN_MAX];
    const char *path = db_shown(uri, where);
    int ret = store_open(uri, create ? STORE_CREATE : 0, &st), from, to;
    size_t written;

    *out = NULL;
    if (ret == ERR_NOT_FOUND) {
        buf_addf(why, "no database at '%s'; create one with 'compact init --db %s'", path, path);
        return ret;
    }
    if (ret < 0) {
        buf_addf(why, "cannot open database '%s': %s", path, err_str(ret));
        return ret;
    }
    if ((ret = store_migrate(st, &from, &to)) < 0) {
        buf_addf(why, "cannot bring the schema of '%s' up to date: %s", path,
                 ret == ERR_CONFLICT ? "it is newer than this program" : err_str(ret));
    } else if ((ret = seed(st)) < 0) {
        buf_addf(why, "cannot put the commitments catalogue into '%s': %s", path, err_str(ret));
    } else if (from != to && (ret = db_authority_json(st, &written)) < 0) {
        buf_addf(why, "cannot write the authorities' JSON into '%s': %s", path, err_str(ret));
    }
    if (ret < 0) {
        store_close(st);
        return ret;
    }
    *out = st;
    return 0;
}

int db_open_serve(const char *uri, struct store **out, struct buf *why)
{
    struct store *st;
    char where[DB_SHOWN_MAX];
    const char *path = db_shown(uri, where);
    int ret, version = 0, latest = store_schema_latest();

    if (!store_uri_is_pg(uri)) {
        return db_open(uri, 0, out, why);
    }
    *out = NULL;
    if ((ret = store_open(uri, 0, &st)) < 0) {
        buf_addf(why, "cannot open database '%s': %s", path, err_str(ret));
        return ret;
    }
    if ((ret = store_schema_version(st, &version)) < 0) {
        buf_addf(why, "cannot read the schema version of '%s': %s", path, err_str(ret));
    } else if (version < latest) {
        buf_addf(why,
                 "the database '%s' is at schema %d, this compact needs %d: run `compact migrate "
                 "--db ...` once first, on the same database, then start the servers",
                 path, version, latest);
        ret = ERR_CONFLICT;
    } else if (version > latest) {
        buf_addf(why,
                 "the database '%s' is at schema %d, newer than this program (%d): run the "
                 "compact that migrated it",
                 path, version, latest);
        ret = ERR_CONFLICT;
    }
    if (ret < 0) {
        store_close(st);
        return ret;
    }
    *out = st;
    return 0;
}
