/* Reading a whole data file for the importers that take one in one piece. */
#include <stdio.h>

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
