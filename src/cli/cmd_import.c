/* compact import KIND FILE.csv: data files into the register, by a table of kinds. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "ingest/ingest.h"
#include "base/err.h"
#include "base/banned.h"

#define IMPORT_MAX_BYTES (256u << 20)

/* What each kind of file is read by; each stores the whole file in one transaction or
 * nothing, and reports every bad row in err. */
static const struct import_kind {
    const char *kind;
    int (*fn)(struct store *st, const char *data, size_t len, const char *actor, size_t *count,
              struct buf *err);
    const char *what; /* the plural of what it imports */
} kinds[] = {
    {"compacts", ingest_compacts, "local Compacts"},
};

static const char usage[] =
    "usage: compact import [--db PATH] KIND FILE.csv\n\n"
    "Import a CSV file into the register, all of it in one transaction: when any row is bad,\n"
    "nothing is stored and every bad row is reported with its line number. Kinds:\n\n"
    "  compacts   local Compacts: name, authorities (GSS codes, current or former, separated\n"
    "             by ';'), status (in_development, active, inactive), status_date, adopted,\n"
    "             refreshed (YYYY-MM-DD, may be empty), document_url (may be empty)\n";

static int read_file(const char *path, struct buf *b)
{
    char chunk[65536];
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    size_t n;
    int ret;

    if (!f) {
        return ERR_IO;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        buf_add(b, chunk, n);
    }
    ret = ferror(f) ? ERR_IO : buf_failed(b) ? ERR_TOO_BIG : 0;
    if (f != stdin) {
        fclose(f);
    }
    return ret;
}

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const struct import_kind *k = NULL;
    struct buf data, err = BUF_INIT;
    struct store *st;
    const char *db = NULL;
    size_t count;
    int c, ret;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'h':
            return cmd_usage(usage, 0);
        default:
            return cmd_usage(usage, 1);
        }
    }
    if (optind != argc - 2) {
        return cmd_usage(usage, 1);
    }
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (!strcmp(argv[optind], kinds[i].kind)) {
            k = &kinds[i];
        }
    }
    if (!k) {
        fprintf(stderr, "compact: unknown kind '%s'; see 'compact import --help'\n", argv[optind]);
        return EXIT_USAGE;
    }
    buf_init(&data, IMPORT_MAX_BYTES);
    if ((ret = read_file(argv[optind + 1], &data)) < 0) {
        fprintf(stderr, "compact: cannot read '%s'%s\n", argv[optind + 1],
                ret == ERR_TOO_BIG ? ": larger than 256 MB" : "");
        buf_release(&data);
        return EXIT_FAIL;
    }
    if (!(st = cmd_open_db(cmd_db_path(db), 0))) {
        buf_release(&data);
        return EXIT_FAIL;
    }
    ret = k->fn(st, data.data, data.len, "cli", &count, &err);
    if (ret < 0) {
        fprintf(stderr, "compact: %s: nothing imported\n", argv[optind + 1]);
        for (char *line = err.data; *line;) {
            size_t len = strcspn(line, "\n");
            int more = line[len] == '\n';
            line[len] = '\0';
            cmd_text(stderr, line);
            fputc('\n', stderr);
            line += len + more;
        }
    } else {
        printf("imported %zu %s\n", count, k->what);
    }
    buf_release(&err);
    buf_release(&data);
    store_close(st);
    return ret < 0 ? EXIT_FAIL : cmd_finish_output();
}
