/*
 * libFuzzer target for codec/json_split.h. The input is a JSON file of records. Split at once and
 * split in chunks of a size taken from the input's first byte, the splitter must hand over the
 * same records and stop with the same answer; every record must be the very bytes of the input
 * at its offset, start on the line the input says, be followed by a NUL, and come in order; a
 * refusal must name a line and a byte. Split again with a reader of whole records
 * (json_split_reader, json_tree_parse_prefix as the import reads grants), at once and in the same
 * chunks, it must hand over the very same records and refuse with the very same message; a record
 * it says was read is the one the reader read last.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "codec/json_split.h"
#include "codec/json_tree.h"
#include "base/banned.h"

static const char *const keys[] = {"grants", "releases", "records", NULL};

struct seen {
    const uint8_t *in;
    size_t size;
    struct buf log;
    size_t count;
    unsigned long long last_offset;
    struct arena arena;  /* the reader's */
    const char *read_at; /* the text the reader read last, and its length */
    size_t read_len;
    size_t reads; /* records handed over as read */
};

static size_t reader(const char *text, size_t len, int depth, long *lines, void *ctx)
{
    struct seen *s = ctx;
    size_t used;
    arena_reset(&s->arena);
    s->read_at = NULL;
    if (json_tree_parse_prefix(text, len < JSON_TREE_MAX ? len : JSON_TREE_MAX, NULL, depth,
                               &s->arena, &used, lines)) {
        CHECK(used > 0 && used <= len);
        s->read_at = text;
        s->read_len = used;
    }
    return s->read_at ? used : 0;
}

static int on_item(const struct json_split_item *item, void *ctx)
{
    struct seen *s = ctx;
    long line = 1;

    CHECK(item->index == s->count + 1);
    s->count++;
    if (item->read) {
        s->reads++;
        CHECK(item->data == s->read_at && item->len == s->read_len);
    } else {
        CHECK(item->data[item->len] == '\0');
    }
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

static int split(const uint8_t *data, size_t size, size_t chunk, int read, struct seen *s)
{
    struct json_split *js = json_split_new(keys, 1 << 16, on_item, s);
    int ret = 0;

    if (read) {
        json_split_reader(js, reader);
    }
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
    buf_addf(&s->log, "%d %s\n", ret, json_split_error(js));
    json_split_free(js);
    return ret;
}

static void same(const struct seen *a, const struct seen *b)
{
    CHECK(a->count == b->count);
    CHECK(a->log.len == b->log.len && memcmp(a->log.data, b->log.data, a->log.len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct seen runs[4] = {{0}}; /* whole, in chunks, and each again with the reader */
    size_t chunk = size ? (size_t)data[0] % 17 + 1 : 1;
    int ret[4];

    for (int i = 0; i < 4; i++) {
        buf_init(&runs[i].log, 0);
        arena_init(&runs[i].arena);
        ret[i] = split(data, size, i % 2 ? chunk : size ? size : 1, i >= 2, &runs[i]);
    }
    for (int i = 1; i < 4; i++) {
        CHECK(ret[i] == ret[0]);
        same(&runs[0], &runs[i]);
    }
    CHECK(runs[0].reads == 0 && runs[1].reads == 0);
    for (int i = 0; i < 4; i++) {
        buf_release(&runs[i].log);
        arena_release(&runs[i].arena);
    }
    return 0;
}
