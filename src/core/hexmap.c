/* Hex cartograms: layouts, lookup and the geometry of offset coordinates. */
#include "hexmap.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/banned.h"

#define SQRT3 1.7320508075688772

static const char *const layout_ids[HEX_LAYOUT_COUNT] = {
    [HEX_ODD_R] = "odd-r",
    [HEX_EVEN_R] = "even-r",
    [HEX_ODD_Q] = "odd-q",
    [HEX_EVEN_Q] = "even-q",
};

const char *hex_layout_id(enum hex_layout l)
{
    return (unsigned)l < HEX_LAYOUT_COUNT ? layout_ids[l] : "";
}

int hex_layout_parse(const char *s, enum hex_layout *out)
{
    for (int i = 0; i < HEX_LAYOUT_COUNT; i++) {
        if (s && !strcmp(s, layout_ids[i])) {
            *out = (enum hex_layout)i;
            return 0;
        }
    }
    return ERR_INVALID;
}

static int cmp_hex(const void *a, const void *b)
{
    return strcmp(((const struct hex *)a)->code, ((const struct hex *)b)->code);
}

void hexmap_finish(struct hexmap *m)
{
    qsort(m->hexes, m->n, sizeof(*m->hexes), cmp_hex);
    m->qmin = m->rmin = m->qmax = m->rmax = 0;
    for (size_t i = 0; i < m->n; i++) {
        const struct hex *h = &m->hexes[i];
        if (!i || h->q < m->qmin) {
            m->qmin = h->q;
        }
        if (!i || h->q > m->qmax) {
            m->qmax = h->q;
        }
        if (!i || h->r < m->rmin) {
            m->rmin = h->r;
        }
        if (!i || h->r > m->rmax) {
            m->rmax = h->r;
        }
    }
}

const struct hex *hexmap_find(const struct hexmap *m, const char *code)
{
    struct hex key = {.code = code};
    return code && m->n ? bsearch(&key, m->hexes, m->n, sizeof(key), cmp_hex) : NULL;
}

/* Whether offset coordinate v is one the layout pushes over: odd or even, negatives too. */
static int pushed(enum hex_layout l, int v)
{
    int odd = (v & 1) != 0;
    return l == HEX_ODD_R || l == HEX_ODD_Q ? odd : !odd;
}

void hexmap_centre(const struct hexmap *m, const struct hex *h, double size, double *x, double *y)
{
    double w = SQRT3 * size; /* a pointy-topped hex's width; a flat-topped one's height */

    if (m->layout == HEX_ODD_R || m->layout == HEX_EVEN_R) {
        *x = w / 2 + (h->q - m->qmin) * w + (pushed(m->layout, h->r) ? w / 2 : 0);
        *y = size + (m->rmax - h->r) * 1.5 * size;
    } else {
        *x = size + (h->q - m->qmin) * 1.5 * size;
        /* a pushed column sits half a hex lower on the page, that is further south */
        *y = w / 2 + (m->rmax - h->r) * w + (pushed(m->layout, h->q) ? w / 2 : 0);
    }
}

void hexmap_extent(const struct hexmap *m, double size, double *width, double *height)
{
    double w = SQRT3 * size;
    int cols = m->n ? m->qmax - m->qmin + 1 : 0, rows = m->n ? m->rmax - m->rmin + 1 : 0;

    if (m->layout == HEX_ODD_R || m->layout == HEX_EVEN_R) {
        *width = cols * w + w / 2;
        *height = rows ? size * 2 + (rows - 1) * 1.5 * size : 0;
    } else {
        *width = cols ? size * 2 + (cols - 1) * 1.5 * size : 0;
        *height = rows * w + w / 2;
    }
}
