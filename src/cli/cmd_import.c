/* compact import KIND FILE.csv: records of the register from a file, all or nothing. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "ingest/ingest.h"
#include "base/err.h"
#include "base/banned.h"

#define IMPORT_MAX_BYTES ((size_t)256 << 20)

static int import_organisations(struct store *st, const char *file, const struct buf *data,
                                struct buf *err, size_t *count)
{
    return ingest_organisations(st, data->data, data->len, file, "cli", count, err);
}

/* The kinds of record a file may hold: each reads all of data or stores nothing. */
static const struct import_kind {
    const char *name;
    int (*fn)(struct store *st, const char *file, const struct buf *data, struct buf *err,
              size_t *count);
    const char *columns;
} kinds[] = {
    {"organisations", import_organisations,
     "org_id, name, type (council, nhs, police, fire, public_other, vcs_infrastructure,\n"
     "      charity, community_group, social_enterprise, business), sector (optional:\n"
     "      statutory, vcs, private; it must be the type's), website (optional)"},
};

static void usage_text(struct buf *b)
{
    buf_adds(b, "usage: compact import [--db PATH] KIND FILE.csv\n\n"
                "Add the records of FILE.csv (a header row naming the columns, then one record a\n"
                "row) to the register in one transaction. Every bad row is reported on standard\n"
                "error as FILE:LINE: what is wrong, and then nothing is stored (exit 1).\n\n"
                "kinds and their columns:\n");
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        buf_addf(b, "  %s\n      %s\n", kinds[i].name, kinds[i].columns);
    }
}

static int read_file(const char *path, struct buf *b)
{
    char chunk[8192];
    size_t n;
    FILE *f = fopen(path, "rb");

    if (!f) {
        return ERR_IO;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        buf_add(b, chunk, n);
    }
    n = (size_t)ferror(f);
    fclose(f);
    return n ? ERR_IO : buf_failed(b) ? ERR_TOO_BIG : 0;
}

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct buf usage = BUF_INIT, data, err = BUF_INIT;
    const struct import_kind *kind = NULL;
    const char *db = NULL, *file;
    struct store *st;
    size_t count = 0;
    int c, ret, code;

    usage_text(&usage);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'h':
            code = cmd_usage(usage.data, 0);
            buf_release(&usage);
            return code;
        default:
            code = cmd_usage(usage.data, 1);
            buf_release(&usage);
            return code;
        }
    }
    for (size_t i = 0; optind < argc && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (!strcmp(argv[optind], kinds[i].name)) {
            kind = &kinds[i];
        }
    }
    if (optind != argc - 2 || !kind) {
        if (optind < argc && !kind) {
            fprintf(stderr, "compact: unknown kind '%s'\n", argv[optind]);
        }
        code = cmd_usage(usage.data, 1);
        buf_release(&usage);
        return code;
    }
    buf_release(&usage);
    file = argv[optind + 1];
    buf_init(&data, IMPORT_MAX_BYTES);
    if ((ret = read_file(file, &data)) < 0) {
        fprintf(stderr, "compact: cannot read '%s'%s\n", file,
                ret == ERR_TOO_BIG ? ": larger than 256 MB" : "");
        buf_release(&data);
        return EXIT_FAIL;
    }
    if (!(st = cmd_open_db(cmd_db_path(db), 0))) {
        buf_release(&data);
        return EXIT_FAIL;
    }
    ret = kind->fn(st, file, &data, &err, &count);
    store_close(st);
    buf_release(&data);
    if (ret < 0) {
        /* each line through cmd_text: a file's name or cells cannot drive the terminal */
        for (char *line = err.data, *nl; *line; line = nl + 1) {
            if (!(nl = strchr(line, '\n'))) {
                nl = line + strlen(line) - 1;
                cmd_text(stderr, line);
            } else {
                *nl = '\0';
                cmd_text(stderr, line);
            }
            fputc('\n', stderr);
        }
        fprintf(stderr, "compact: nothing was imported from '%s'\n", file);
        buf_release(&err);
        return EXIT_FAIL;
    }
    buf_release(&err);
    printf("imported %zu %s from %s\n", count, kind->name, file);
    return cmd_finish_output();
}
