/*
 * libFuzzer target for codec/hexjson.h. The input is HexJSON text. hexjson_read must either
 * refuse it with a message and an empty map, or give hexes that start with the prefix, sorted
 * by code, named, within the bounds it reports, each found again by hexmap_find.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "codec/hexjson.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    struct buf err = BUF_INIT;
    struct hexmap m;
    int ret;

    arena_init(&a);
    ret = hexjson_read((const char *)data, size, "E", &a, &m, &err);
    if (ret < 0) {
        CHECK(ret == ERR_INVALID && err.len > 0 && m.n == 0 && !m.hexes);
    } else {
        CHECK(ret == 0 && (unsigned)m.layout < HEX_LAYOUT_COUNT);
        for (size_t i = 0; i < m.n; i++) {
            const struct hex *h = &m.hexes[i];
            CHECK(h->code[0] == 'E' && h->name[0]);
            CHECK(h->q >= m.qmin && h->q <= m.qmax && h->r >= m.rmin && h->r <= m.rmax);
            CHECK(!i || strcmp(m.hexes[i - 1].code, h->code) <= 0);
            CHECK(hexmap_find(&m, h->code) != NULL);
        }
    }
    buf_release(&err);
    arena_release(&a);
    return 0;
}
