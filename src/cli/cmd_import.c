/* compact import KIND FILE: the register's CSV files and funders' open data, each file in one
 * transaction. */
#include <malloc.h>
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

/* The register's CSV files, with a header row; each importer stores all of a file or nothing. */
static const struct register_kind {
    const char *name;
    int (*fn)(struct store *st, const char *path, const char *actor, size_t *count,
              struct buf *err);
    const char *columns; /* for the usage */
} register_kinds[] = {
    {"organisations", import_organisations,
     "Columns: org_id, name, type[, sector, website]; type is one of council, nhs, police,\n"
     "fire, public_other, vcs_infrastructure, charity, community_group, social_enterprise,\n"
     "business; sector (statutory, vcs, private), where given, must be the type's.\n"},
    {"compacts", import_compacts,
     "Columns: name, authorities (GSS codes, current or former, separated by ';'), status\n"
     "(in_development, active, inactive), status_date, adopted, refreshed (YYYY-MM-DD, may be\n"
     "empty), document_url (may be empty).\n"},
    {"signatories", ingest_signatories,
     "Columns: compact, organisation, signed_on, role[, withdrawn_on].\n"},
};

/* The name a command was called by: the last word of its path (argv[0]). */
static const char *called_as(const char *path)
{
    const char *space = strrchr(path, ' ');
    return space ? space + 1 : path;
}

/* compact import organisations|compacts|signatories FILE.csv */
static int import_register(int argc, char **argv)
{
    const struct register_kind *kind = &register_kinds[0];
    struct buf err = BUF_INIT, about = BUF_INIT;
    struct store *st;
    const char *db;
    size_t count;
    int ret;
    const struct opt opts[] = {OPT_DB(&db), OPT_END()};
    struct opt_cmd cmd = {"FILE", 1, NULL};

    for (size_t i = 0; i < sizeof(register_kinds) / sizeof(register_kinds[0]); i++) {
        if (!strcmp(called_as(argv[0]), register_kinds[i].name)) {
            kind = &register_kinds[i];
        }
    }
    buf_addf(&about,
             "Import the %s of a CSV file with a header row, all of it in one transaction: if any\n"
             "row is bad, nothing is imported and every bad row is named with its line.\n%s",
             kind->name, kind->columns);
    cmd.about = about.data;
    ret = cmd_parse_open(&cmd, opts, argc, argv, &db, &st);
    buf_release(&about);
    if (ret != OPT_RUN) {
        return ret;
    }
    ret = kind->fn(st, argv[1], "cli", &count, &err);
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
                ret == ERR_DB     ? ": the database refused it"
                : ret == ERR_BUSY ? ": the database stayed busy with other writes; try again"
                                  : "");
        return EXIT_FAIL;
    }
    printf("imported %zu %s\n", count, kind->name);
    return cmd_finish_output();
}

struct report {
    const char *file;
    struct cmd_bar bar;
};

static void on_progress_report(unsigned long long done, unsigned long long total, void *ctx)
{
    struct report *r = ctx;
    cmd_bar_draw(&r->bar, done, total, r->file);
}

static void on_rejected(const struct ingest_rejection *rej, void *ctx)
{
    struct report *r = ctx;
    cmd_bar_end(&r->bar);
    fputs("compact: ", stderr);
    cmd_text(stderr, r->file);
    fprintf(stderr, ":%ld: record %zu: ", rej->line, rej->record);
    cmd_text(stderr, rej->why);
    fputc('\n', stderr);
}

/* Why an import failed, FILE:LINE where the file is at fault, and that nothing was stored. */
static void report_failure(const char *file, const struct ingest_summary *s, int ret,
                           const struct buf *err)
{
    struct buf where = BUF_INIT;
    if (err->len || !s->rejected) {
        ingest_locate(&where, file, err->len ? err->data : err_str(ret));
        buf_truncate(&where, where.len - 1); /* its line break: cmd_text would show it as '?' */
        fputs("compact: ", stderr);
        cmd_text(stderr, where.data);
        fputc('\n', stderr);
    }
    fputs("compact: ", stderr);
    cmd_text(stderr, file);
    if (s->rejected) {
        fprintf(stderr, ": %zu of %zu records rejected; nothing was imported\n", s->rejected,
                s->read);
    } else {
        fputs(": nothing was imported\n", stderr);
    }
    buf_release(&where);
}

static void print_summary(const char *file, const struct ingest_summary *s, enum ingest_kind kind,
                          enum cmd_format format)
{
    if (format == FORMAT_JSON) {
        fputs("{\"file\": ", stdout);
        cmd_json_string(stdout, file);
        fputs(", \"format\": ", stdout);
        cmd_json_string(stdout, s->format);
        printf(", \"read\": %zu, \"imported\": %zu, \"rejected\": %zu, \"warnings\": %zu}\n",
               s->read, s->imported, s->rejected, s->warnings);
        return;
    }
    cmd_text(stdout, file);
    printf(" (%s): %zu %s read, %zu imported, %zu rejected, %zu warnings; %zu organisations "
           "added, unverified\n",
           s->format, s->read, kind == INGEST_GRANTS ? "grants" : "releases", s->imported,
           s->rejected, s->warnings, s->organisations_created);
}

/* compact import grants|contracts FILE */
static const struct opt_cmd opendata_cmd = {
    "FILE", 1,
    "Import funders' open data, all of it in one transaction: if any record is bad, nothing\n"
    "is imported and every bad record is named with its number and line. The format is told\n"
    "from the content; importing a file again updates its records by their identifiers.\n"
    "The records are set aside in a temporary file (in SQLITE_TMPDIR or TMPDIR, else\n"
    "/var/tmp) while the file is read, and stored together at the end, so that a server on\n"
    "the same database goes on reading and writing meanwhile.\n"
    "  grants     360Giving grants: JSON ({\"grants\": [...]}, an array, JSON lines) or CSV\n"
    "  contracts  OCDS: release or record packages, JSON lines of releases, single releases\n"
    "Funders, recipients, buyers and suppliers with org-ids of the register's schemes\n"
    "(GB-LAE-, GB-CHC-, GB-COH-) are linked to it; those it does not know are added,\n"
    "unverified. With --format json, one summary object on standard output: {\"file\",\n"
    "\"format\", \"read\", \"imported\", \"rejected\", \"warnings\"}. A progress bar goes to\n"
    "standard error when it is a terminal.\n"};

static int import_opendata(int argc, char **argv)
{
    struct ingest_opendata_opts io;
    struct ingest_summary sum;
    struct buf err = BUF_INIT;
    struct report r;
    enum ingest_kind kind;
    int format = FORMAT_TEXT, c, ret;
    const char *db;
    struct store *st;
    const struct opt opts[] = {OPT_FORMAT(&format), OPT_DB(&db), OPT_END()};

    if ((ret = cmd_parse_open(&opendata_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    kind = !strcmp(called_as(argv[0]), "grants") ? INGEST_GRANTS : INGEST_CONTRACTS;
    memset(&r, 0, sizeof(r));
    r.file = argv[1];
    cmd_bar_init(&r.bar);
    /* Each record is decoded into a tree of small allocations and freed again: by default glibc
     * hands the top of the heap back to the system and asks for it again, record after record,
     * which doubled the import's system time. Keep what it has (the importer's memory is
     * bounded anyway: see ingest_opendata). */
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    memset(&io, 0, sizeof(io));
    io.actor = "cli";
    io.progress = r.bar.tty ? on_progress_report : NULL;
    io.rejected = on_rejected;
    io.ctx = &r;
    ret = ingest_opendata(st, kind, r.file, &io, &sum, &err);
    store_close(st);
    cmd_bar_end(&r.bar);
    for (size_t i = 0; i < sum.nquirks; i++) {
        const struct ingest_quirk *q = &sum.quirks[i];
        fputs("compact: ", stderr);
        cmd_text(stderr, r.file);
        fprintf(stderr, ": warning: %zu %s: %s %s (first: record %zu, line %ld)\n", q->count,
                q->count == 1 ? "time" : "times", q->field, q->what, q->first_record,
                q->first_line);
    }
    if (ret < 0) {
        report_failure(r.file, &sum, ret, &err);
    }
    /* the figures of an import that landed; in JSON, of one that did not too (imported 0) */
    if (ret == 0 || format == FORMAT_JSON) {
        print_summary(r.file, &sum, kind, format);
    }
    buf_release(&err);
    c = cmd_finish_output();
    return ret < 0 ? EXIT_FAIL : c;
}

/* What can be imported. */
static const struct opt_command kinds[] = {
    {"organisations", import_register, "organisations of the register, from CSV"},
    {"compacts", import_register, "local Compacts, from CSV"},
    {"signatories", import_register, "the organisations that signed a Compact, from CSV"},
    {"grants", import_opendata, "360Giving grants, from JSON or CSV"},
    {"contracts", import_opendata, "OCDS contracts, from JSON"},
};

int cmd_import(int argc, char **argv)
{
    return opt_dispatch(kinds, sizeof(kinds) / sizeof(kinds[0]),
                        "Import a data file of the register or of funders' open data, all of it "
                        "in one\ntransaction: if any record is bad, nothing is imported.\n",
                        argc, argv);
}
