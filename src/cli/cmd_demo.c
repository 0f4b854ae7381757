/* compact demo load: a clearly labelled fictional demo set, for trying the service out. */
#include <stdio.h>

#include "cmd.h"
#include "ingest/ingest.h"
#include "base/err.h"
#include "base/banned.h"

static const struct opt_cmd load_cmd = {
    NULL, 0,
    "Load a fictional demo set: local Compacts across England's regions in all three statuses,\n"
    "with status histories, contacts at example.org, codes of practice, and a few fictional\n"
    "organisations that signed them. Every name ends '(demo)' and every demo Compact's page\n"
    "says it is demonstration data. It loads once: a second time is refused. A database made\n"
    "by 'compact init' holds reference data only.\n"};

static int demo_load(int argc, char **argv)
{
    struct buf err = BUF_INIT;
    struct store *st;
    const char *db;
    size_t n;
    int ret;
    const struct opt opts[] = {OPT_DB(&db), OPT_END()};

    if ((ret = cmd_parse_open(&load_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
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
    static const struct opt_command subs[] = {
        {"load", demo_load, "load a fictional demo set, marked (demo)"},
    };
    return opt_dispatch(subs, sizeof(subs) / sizeof(subs[0]),
                        "A fictional demo set, for trying the service out.\n", argc, argv);
}
