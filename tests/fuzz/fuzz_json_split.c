/*
 * libFuzzer target for codec/json_split.h. The input is a JSON file of records. Split at once and
 * split in chunks of a size taken from the input's first byte, the splitter must hand over the
 * same records and stop with the same answer; every record must be the very bytes of the input
 * at its offset, start on the line the input says, be followed by a NUL, and come in order; a
 * refusal must name a line and a byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/buf.h"
#include "base/err.h"
#include "codec/json_split.h"
#include "base/banned.h"

static const char *const keys[] = {"grants", "releases", "records", NULL};

struct seen {
    const uint8_t *in;
    size_t size;
    struct buf log;
    size_t count;
    unsigned long long last_offset;
};

static int on_item(const struct json_split_item *item, void *ctx)
{
    struct seen *s = ctx;
    long line = 1;

    CHECK(item->index == s->count + 1);
    s->count++;
    CHECK(item->data[item->len] == '\0');
    CHECK(item->len > 0);
    CHECK(item->offset + item->len <= s->size);
    CHECK(s->count == 1 || item->offset > s->last_offset);
    s->last_offset = item->offset;
    CHECK(memcmp(s->in + item->offset, item->data, item->len) == 0);
    for (unsigned long long i = 0; i < item->offset; i++) {
        line += s->in[i] == '\n';
    }
    CHECK(item->line == line);
    buf_addf(&s->log, "%zu %ld %llu %s %zu\n", item->index, item->line, item->offset,
             item->key ? item->key : "-", item->len);
    return 0;
}

static int split(const uint8_t *data, size_t size, size_t chunk, struct seen *s)
{
    struct json_split *js = json_split_new(keys, 1 << 16, on_item, s);
    int ret = 0;

    s->in = data;
    s->size = size;
    for (size_t pos = 0; pos < size && !ret; pos += chunk) {
        ret = json_split_feed(js, data + pos, size - pos < chunk ? size - pos : chunk);
    }
    if (!ret) {
        ret = json_split_finish(js);
    }
    if (ret) {
        CHECK(ret == ERR_INVALID || ret == ERR_TOO_BIG);
        CHECK(strncmp(json_split_error(js), "line ", 5) == 0);
        CHECK(strstr(json_split_error(js), ", byte ") != NULL);
        /* a failure sticks */
        CHECK(json_split_feed(js, "[", 1) == ret);
        CHECK(json_split_finish(js) == ret);
    }
    json_split_free(js);
    return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct seen whole = {0}, parts = {0};
    size_t chunk = size ? (size_t)data[0] % 17 + 1 : 1;
    int a, b;

    buf_init(&whole.log, 0);
    buf_init(&parts.log, 0);
    a = split(data, size, size ? size : 1, &whole);
    b = split(data, size, chunk, &parts);
    CHECK(a == b);
    CHECK(whole.count == parts.count);
    CHECK(whole.log.len == parts.log.len &&
          memcmp(whole.log.data, parts.log.data, whole.log.len) == 0);
    buf_release(&whole.log);
    buf_release(&parts.log);
    return 0;
}
