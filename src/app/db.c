/* The database a command works on. */
#include "db.h"

#include "base/err.h"
#include "base/banned.h"

int db_open(const char *path, int create, struct store **out, struct buf *why)
{
    struct store *st;
    int ret = store_open(path, create ? STORE_CREATE : 0, &st), from, to, seeded;

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
