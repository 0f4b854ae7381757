/* The database a command works on. */
#include "db.h"

#include <string.h>

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

int db_open(const char *uri, int create, struct store **out, struct buf *why)
{
    struct store *st;
    char where[DB_SHOWN_MAX];
    const char *path = db_shown(uri, where);
    int ret = store_open(uri, create ? STORE_CREATE : 0, &st), from, to, seeded;

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
    } else if ((ret = store_commitments_seed(st, &seeded)) < 0) {
        buf_addf(why, "cannot put the commitments catalogue into '%s': %s", path, err_str(ret));
    }
    if (ret < 0) {
        store_close(st);
        return ret;
    }
    *out = st;
    return 0;
}
