/* compact import KIND FILE: a data file into the register, in one transaction. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "ingest/ingest.h"
#include "base/err.h"
#include "base/banned.h"

#define IMPORT_MAX_BYTES ((size_t)256 << 20)

/* A register CSV (organisations, Compacts) is read whole (at most 256 MB), checked, then
 * stored by ingest. */
static int import_csv(struct store *st, const char *path, const char *actor, size_t *count,
                      struct buf *err,
                      int (*ingest)(struct store *, const char *, size_t, const char *,
                                    const char *, size_t *, struct buf *))
{
    struct buf data;
    int ret;

    *count = 0;
    buf_init(&data, IMPORT_MAX_BYTES);
    if ((ret = ingest_read_file(path, &data)) < 0) {
        buf_addf(err, "%s: %s\n", path,
                 ret == ERR_TOO_BIG ? "larger than 256 MB" : "cannot be read");
    } else {
        ret = ingest(st, data.data, data.len, path, actor, count, err);
    }
    buf_release(&data);
    return ret;
}

static int import_organisations(struct store *st, const char *path, const char *actor,
                                size_t *count, struct buf *err)
{
    return import_csv(st, path, actor, count, err, ingest_organisations);
}

static int import_compacts(struct store *st, const char *path, const char *actor, size_t *count,
                           struct buf *err)
{
    return import_csv(st, path, actor, count, err, ingest_compacts);
}

/* What each kind of file goes through; every importer stores all of a file or nothing. */
static const struct import_kind {
    const char *name;
    int (*fn)(struct store *st, const char *path, const char *actor, size_t *count,
              struct buf *err);
    const char *summary;
} kinds[] = {
    {"organisations", import_organisations,
     "CSV: org_id, name, type[, sector, website]; type is one of council, nhs,\n"
     "                 police, fire, public_other, vcs_infrastructure, charity,\n"
     "                 community_group, social_enterprise, business; sector (statutory,\n"
     "                 vcs, private), where given, must be the type's"},
    {"compacts", import_compacts,
     "CSV: name, authorities (GSS codes, current or former, separated by ';'),\n"
     "                 status (in_development, active, inactive), status_date, adopted,\n"
     "                 refreshed (YYYY-MM-DD, may be empty), document_url (may be empty)"},
    {"signatories", ingest_signatories,
     "CSV: compact, organisation, signed_on, role[, withdrawn_on]"},
};

static int usage(int mistake)
{
    FILE *out = mistake ? stderr : stdout;

    fputs("usage: compact import KIND [--db PATH] FILE\n\n"
          "Import FILE into the register in one transaction: every bad row is reported as\n"
          "FILE:LINE: what, and if any row is bad nothing is stored (exit 1).\n\nkinds:\n",
          out);
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        fprintf(out, "  %-14s %s\n", kinds[i].name, kinds[i].summary);
    }
    return mistake ? EXIT_USAGE : EXIT_OK;
}

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const struct import_kind *kind = NULL;
    struct buf err = BUF_INIT;
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
            return usage(0);
        default:
            return usage(1);
        }
    }
    if (optind != argc - 2) {
        return usage(1);
    }
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (!strcmp(argv[optind], kinds[i].name)) {
            kind = &kinds[i];
        }
    }
    if (!kind) {
        fputs("compact: unknown kind '", stderr);
        cmd_text(stderr, argv[optind]);
        fputs("'; see 'compact import --help'\n", stderr);
        return EXIT_USAGE;
    }
    if (!(st = cmd_open_db(cmd_db_path(db), 0))) {
        return EXIT_FAIL;
    }
    ret = kind->fn(st, argv[optind + 1], "cli", &count, &err);
    store_close(st);
    /* one line at a time, so that text from the file cannot drive the terminal */
    for (char *line = err.data; *line;) {
        char *nl = strchr(line, '\n');
        if (nl) {
            *nl = '\0';
        }
        cmd_text(stderr, line);
        fputc('\n', stderr);
        line = nl ? nl + 1 : line + strlen(line);
    }
    buf_release(&err);
    if (ret < 0) {
        fprintf(stderr, "compact: nothing was imported%s\n",
                ret == ERR_DB ? ": the database refused it" : "");
        return EXIT_FAIL;
    }
    printf("imported %zu %s\n", count, kind->name);
    return cmd_finish_output();
}
