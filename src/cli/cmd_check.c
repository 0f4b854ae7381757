/* compact check FILE.json: the check contract of POST /api/v1/checks on the command line. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "codec/json.h"
#include "app/check.h"
#include "base/err.h"
#include "base/banned.h"

#define CHECK_MAX_BYTES (1u << 20)

static int read_all(FILE *f, struct buf *b)
{
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        buf_add(b, chunk, n);
    }
    return ferror(f) ? ERR_IO : buf_failed(b) ? ERR_TOO_BIG : 0;
}

static const struct opt_cmd check_cmd = {
    "FILE.json", 1,
    "Check an activity against the Compact, as POST /api/v1/checks does, without storing it:\n"
    "the same JSON in (FILE, or - for standard input) and out (on standard output). A request\n"
    "that names a Compact (compact_id) uses its local parameters from the database.\n"
    "Exit 0 with the result; 1 with an RFC 9457 problem (what is wrong, by field) on bad input.\n"};

int cmd_check(int argc, char **argv)
{
    struct buf in, out = BUF_INIT;
    struct store *st = NULL;
    struct arena arena;
    const char *db, *field = NULL, *why = NULL, *path;
    FILE *f;
    int ret;
    const struct opt opts[] = {OPT_DB(&db), OPT_END()};

    if ((ret = opt_parse(&check_cmd, opts, argc, argv)) != OPT_RUN) {
        return ret;
    }
    path = argv[1];
    f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        fprintf(stderr, "compact: cannot read '%s'\n", path);
        return EXIT_FAIL;
    }
    buf_init(&in, CHECK_MAX_BYTES);
    ret = read_all(f, &in);
    if (f != stdin) {
        fclose(f);
    }
    if (ret < 0) {
        fprintf(stderr, "compact: cannot read '%s'%s\n", path,
                ret == ERR_TOO_BIG ? ": larger than 1 MB" : "");
        buf_release(&in);
        return EXIT_FAIL;
    }
    /* The database only matters for a named Compact; without one a check needs none. */
    if (store_open(db, STORE_READONLY, &st) < 0) {
        st = NULL;
    }
    arena_init(&arena);
    ret = check_evaluate(st, in.data, in.len, date_today(), &arena, &out, &field, &why);
    if (ret == ERR_INVALID) {
        struct buf detail = BUF_INIT;
        buf_addf(&detail, "%s %s.", field, why);
        json_problem(&out, 400, "about:blank", "Invalid check", detail.data, field);
        fprintf(stderr, "compact: %s\n", detail.data);
        buf_release(&detail);
    } else if (ret < 0) {
        fprintf(stderr, "compact: the check failed: %s\n", err_str(ret));
    }
    if (out.len) {
        fputs(out.data, stdout);
        fputc('\n', stdout);
    }
    arena_release(&arena);
    buf_release(&in);
    buf_release(&out);
    store_close(st);
    return ret < 0 ? EXIT_FAIL : EXIT_OK;
}
