/*
 * libFuzzer target for the 360Giving CSV reader of codec/opendata.h. The input is a CSV file.
 * Read at once and in chunks of a size taken from its first byte, it must give the same rows,
 * rejections and answer; a row is either a grant whose required fields hold what the standard
 * asks (an identifier, a currency code, a real award date) or a rejection with a reason; record
 * numbers count up from 1 and lines never go back.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "codec/opendata.h"
#include "core/norm.h"
#include "base/banned.h"

struct seen {
    struct buf log;
    size_t count;
    long last_line;
};

static int on_row(const struct grant_row *row, void *ctx)
{
    struct seen *s = ctx;
    date_t d;

    CHECK(row->index == ++s->count);
    /* on line 1 too when the header ends at a bare CR, which libcsv takes for a line end */
    CHECK(row->line >= 1 && row->line >= s->last_line);
    s->last_line = row->line;
    if (!row->grant) {
        CHECK(row->why && *row->why);
        buf_addf(&s->log, "%zu %ld rejected %s\n", row->index, row->line, row->why);
        return 0;
    }
    CHECK(row->why == NULL);
    CHECK(row->grant->id && *row->grant->id && strlen(row->grant->id) <= OPENDATA_ID_MAX);
    CHECK(norm_currency_valid(row->grant->currency));
    CHECK(date_parse(row->grant->award_date, DATE_STRLEN, &d) == 0);
    CHECK(row->grant->funder_id && *row->grant->funder_id);
    CHECK(row->grant->recipient_id || row->grant->recipient_individual);
    CHECK(!row->grant->title || strlen(row->grant->title) <= OPENDATA_NAME_MAX);
    buf_addf(&s->log, "%zu %ld %s %lld %s\n", row->index, row->line, row->grant->id,
             (long long)row->grant->amount, row->grant->award_date);
    return 0;
}

static int read_all(const uint8_t *data, size_t size, size_t chunk, struct seen *s)
{
    struct grant_csv *g = grant_csv_new(on_row, s);
    struct buf err = BUF_INIT;
    int ret = 0;

    for (size_t pos = 0; pos < size && !ret; pos += chunk) {
        ret = grant_csv_feed(g, (const char *)data + pos, size - pos < chunk ? size - pos : chunk,
                             &err);
    }
    if (!ret) {
        ret = grant_csv_finish(g, &err);
    }
    if (ret) {
        CHECK(ret == ERR_INVALID || ret == ERR_TOO_BIG);
        CHECK(strncmp(err.data, "line ", 5) == 0);
        buf_addf(&s->log, "error %d %s\n", ret, err.data);
    }
    grant_csv_free(g);
    buf_release(&err);
    return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct seen whole = {BUF_INIT, 0, 0}, parts = {BUF_INIT, 0, 0};
    size_t chunk = size ? (size_t)data[0] % 31 + 1 : 1;

    CHECK(read_all(data, size, size ? size : 1, &whole) == read_all(data, size, chunk, &parts));
    CHECK(whole.log.len == parts.log.len &&
          memcmp(whole.log.data, parts.log.data, whole.log.len) == 0);
    buf_release(&whole.log);
    buf_release(&parts.log);
    return 0;
}
