/* Reading a whole data file for the importers that take one in one piece; naming a line of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "base/err.h"
#include "base/banned.h"

int ingest_read_file(const char *path, struct buf *b)
{
    char chunk[8192];
    FILE *f = fopen(path, "rb");
    size_t n;
    int failed;

    if (!f) {
        return ERR_IO;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        buf_add(b, chunk, n);
    }
    failed = ferror(f);
    fclose(f);
    return failed ? ERR_IO : buf_failed(b) ? ERR_TOO_BIG : 0;
}

void ingest_locate(struct buf *err, const char *file, const char *msg)
{
    char *end = NULL;
    long line = 0;

    if (!strncmp(msg, "line ", 5) && msg[5] >= '1' && msg[5] <= '9') {
        line = strtol(msg + 5, &end, 10);
    }
    if (end && (*end == ':' || *end == ',') && end[1] == ' ') {
        buf_addf(err, "%s:%ld: %s\n", file, line, end + 2);
    } else {
        buf_addf(err, "%s: %s\n", file, msg);
    }
}
