/* compact recheck: check every recorded activity again, as time makes pending steps overdue. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "app/check.h"
#include "base/err.h"
#include "base/banned.h"

static const struct opt_cmd recheck_cmd = {
    NULL, 0,
    "Check every recorded activity again against its Compact, as of today (or --as-of), and\n"
    "store the new findings, all in one transaction: a feedback that was pending becomes a\n"
    "breach once its due date has passed.\n"};

int cmd_recheck(int argc, char **argv)
{
    struct store *st;
    const char *db;
    date_t as_of = date_today();
    size_t count, changed;
    int ret;
    const struct opt opts[] = {OPT_AS_OF(&as_of), OPT_DB(&db), OPT_END()};

    if ((ret = cmd_parse_open(&recheck_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    ret = check_recheck_all(st, as_of, &count, &changed);
    store_close(st);
    if (ret < 0) {
        fprintf(stderr, "compact: the re-check failed, and nothing was changed: %s\n",
                err_str(ret));
        return EXIT_FAIL;
    }
    printf("re-checked %zu activities; the findings of %zu changed\n", count, changed);
    return EXIT_OK;
}
