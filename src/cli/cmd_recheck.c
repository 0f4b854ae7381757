/* compact recheck: check every recorded activity again, as time makes pending steps overdue. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "app/check.h"
#include "base/err.h"
#include "base/banned.h"

int cmd_recheck(int argc, char **argv)
{
    static const char usage[] =
        "usage: compact recheck [--db PATH] [--as-of YYYY-MM-DD]\n\n"
        "Check every recorded activity again against its Compact, as of today (or --as-of), and\n"
        "store the new findings, all in one transaction: a feedback that was pending becomes a\n"
        "breach once its due date has passed.\n";
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"as-of", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct store *st;
    const char *db = NULL;
    date_t as_of = date_today();
    size_t count, changed;
    int c, ret;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'a':
            if (date_parse(optarg, strlen(optarg), &as_of) < 0) {
                fprintf(stderr, "compact: --as-of wants a date written YYYY-MM-DD\n");
                return EXIT_USAGE;
            }
            break;
        case 'h':
            return cmd_usage(usage, 0);
        default:
            return cmd_usage(usage, 1);
        }
    }
    if (optind != argc) {
        return cmd_usage(usage, 1);
    }
    if (!(st = cmd_open_db(cmd_db_path(db), 0))) {
        return EXIT_FAIL;
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
