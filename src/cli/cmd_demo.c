/* compact demo load: a clearly labelled fictional demo set, for trying the service out. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "ingest/ingest.h"
#include "base/err.h"
#include "base/banned.h"

static const char usage[] =
    "usage: compact demo load [--db PATH]\n\n"
    "Load a fictional demo set: local Compacts across England's regions in all three statuses,\n"
    "with status histories, contacts at example.org, codes of practice, and a few fictional\n"
    "organisations that signed them. Every name ends '(demo)' and every demo Compact's page\n"
    "says it is demonstration data. It loads once: a second time is refused. A database made\n"
    "by 'compact init' holds reference data only.\n";

static int demo_load(int argc, char **argv)
{
    struct buf err = BUF_INIT;
    struct store *st;
    const char *db = NULL;
    size_t n;
    int ret;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            return cmd_usage(usage, 0);
        }
        if (!strcmp(argv[i], "--db") && i + 1 < argc) {
            db = argv[++i];
        } else if (!strncmp(argv[i], "--db=", 5)) {
            db = argv[i] + 5;
        } else {
            return cmd_usage(usage, 1);
        }
    }
    if (!(st = cmd_open_db(cmd_db_path(db), 0))) {
        return EXIT_FAIL;
    }
    ret = ingest_demo(st, "cli", &n, &err);
    store_close(st);
    if (ret < 0) {
        fputs("compact: ", stderr);
        cmd_text(stderr, err.data);
        fputc('\n', stderr);
        buf_release(&err);
        return EXIT_FAIL;
    }
    buf_release(&err);
    printf("loaded the demo set: %zu fictional local Compacts, marked (demo)\n", n);
    return cmd_finish_output();
}

int cmd_demo(int argc, char **argv)
{
    static const struct subcommand subs[] = {{"load", demo_load}};
    return cmd_subcommand(argc, argv, subs, sizeof(subs) / sizeof(subs[0]), usage);
}
