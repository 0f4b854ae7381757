/* compact export [--out FILE]: the whole register as one JSON document. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "base/err.h"
#include "base/banned.h"

#define EXPORT_MAX_BYTES (1u << 30)

static const struct opt_cmd export_cmd = {
    NULL, 0,
    "Write the whole register as JSON (to FILE, or standard output): the authorities the\n"
    "Compacts name with their former codes, the organisations, every Compact with its\n"
    "authorities, status history, dates, document, contacts, codes of practice, coordinators\n"
    "and parameters, and the signatories.\n"};

int cmd_export(int argc, char **argv)
{
    struct buf out;
    struct store *st;
    const char *db, *path = NULL;
    FILE *f;
    int ret;
    const struct opt opts[] = {
        OPT_STRING("out", "FILE", &path, "write to FILE (default: standard output)"),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&export_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    buf_init(&out, EXPORT_MAX_BYTES);
    ret = store_export(st, &out);
    store_close(st);
    if (ret < 0 || buf_failed(&out)) {
        fprintf(stderr, "compact: cannot export the register: %s\n",
                ret < 0 ? err_str(ret) : "larger than 1 GB");
        buf_release(&out);
        return EXIT_FAIL;
    }
    buf_addc(&out, '\n');
    if (!path) {
        fwrite(out.data, 1, out.len, stdout);
        buf_release(&out);
        return cmd_finish_output();
    }
    f = fopen(path, "wb");
    ret = f && fwrite(out.data, 1, out.len, f) == out.len ? 0 : ERR_IO;
    if (f && fclose(f) != 0) {
        ret = ERR_IO;
    }
    buf_release(&out);
    if (ret < 0) {
        fprintf(stderr, "compact: cannot write '%s'\n", path);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
