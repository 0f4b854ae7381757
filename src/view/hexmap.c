/*
 * The coverage hex map as SVG: presentation attributes only (the CSP allows no inline style).
 * The drawing is role="group", not "img": an image's content is presentational, so the links
 * of its hexes would be controls nested in an image (axe: nested-interactive) and lost to
 * screen readers; as a group each link keeps its name from its <title>.
 */
#include "hexmap.h"

#include "html.h"
#include "base/banned.h"

#define HEX_SIZE 100 /* a hex's circumradius in drawing units */
#define HEX_DRAW 92  /* the radius drawn, leaving a gap between neighbours */

/* A hex of style st, with the stripes of pattern hatch when it is striped. The styles'
 * colours have at least 3:1 contrast with white, and solid, striped and pale tell the states
 * apart without colour. */
static void paint(struct buf *b, const struct hex_style *st, const char *prefix, const char *hatch)
{
    if (st->striped) {
        html_lit(b, " fill=\"url(#");
        html_attr(b, prefix);
        html_attr(b, hatch);
        html_lit(b, ")\" stroke=\"");
        html_attr(b, st->outline ? st->outline : st->colour);
        html_lit(b, "\" stroke-width=\"8\"");
        return;
    }
    html_lit(b, " fill=\"");
    html_attr(b, st->colour);
    html_lit(b, "\" stroke=\"");
    html_attr(b, st->outline ? st->outline : st->colour);
    html_lit(b, "\" stroke-width=\"4\"");
}

/* The stripes of the striped style among styles[0..n), as pattern PREFIX+hatch (each SVG has
 * its own: ids are unique in a page); nothing when none is striped. */
static void pattern(struct buf *b, const char *prefix, const char *hatch,
                    const struct hex_style *styles, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!styles[i].striped) {
            continue;
        }
        html_lit(b, "<defs><pattern id=\"");
        html_attr(b, prefix);
        html_attr(b, hatch);
        html_lit(b, "\" width=\"32\" height=\"32\" patternUnits=\"userSpaceOnUse\" "
                    "patternTransform=\"rotate(45)\">"
                    "<rect width=\"32\" height=\"32\" fill=\"#ffffff\"/><rect width=\"14\" "
                    "height=\"32\" fill=\"");
        html_attr(b, styles[i].colour);
        html_lit(b, "\"/></pattern></defs>");
        return;
    }
}

static long long rnd(double v)
{
    return (long long)(v < 0 ? v - 0.5 : v + 0.5);
}

/* The six corners of a pointy-topped (rows) or flat-topped (columns) hex around (x, y). */
static void hex_path(struct buf *b, double x, double y, int pointy)
{
    static const double pointy_corners[6][2] = {{0, -1}, {0.866, -0.5}, {0.866, 0.5},
                                                {0, 1},  {-0.866, 0.5}, {-0.866, -0.5}};
    static const double flat_corners[6][2] = {{-1, 0}, {-0.5, -0.866}, {0.5, -0.866},
                                              {1, 0},  {0.5, 0.866},   {-0.5, 0.866}};
    const double(*c)[2] = pointy ? pointy_corners : flat_corners;

    html_lit(b, " d=\"M");
    for (int i = 0; i < 6; i++) {
        if (i) {
            html_lit(b, "L");
        }
        html_num(b, rnd(x + c[i][0] * HEX_DRAW));
        html_lit(b, " ");
        html_num(b, rnd(y + c[i][1] * HEX_DRAW));
    }
    html_lit(b, "Z\"");
}

void view_hexmap_of(struct buf *b, const struct hexmap *m, const char *prefix,
                    const struct hex_style *styles, size_t nstyles, hex_state_fn *state,
                    const void *ctx, const char *title)
{
    int pointy = m->layout == HEX_ODD_R || m->layout == HEX_EVEN_R;
    struct buf words = BUF_INIT;
    double width, height;

    hexmap_extent(m, HEX_SIZE, &width, &height);
    html_lit(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    html_num(b, rnd(width));
    html_lit(b, " ");
    html_num(b, rnd(height));
    html_lit(b, "\" role=\"group\" aria-labelledby=\"hexmap-title\">"
                "<title id=\"hexmap-title\">");
    html_text(b, title);
    html_lit(b, "</title>");
    pattern(b, prefix, "-hatch", styles, nstyles);
    /* one hex of each state, drawn once and placed by <use>: a third of the bytes of a path
     * per hex */
    html_lit(b, "<defs>");
    for (size_t st = 0; st < nstyles; st++) {
        html_lit(b, "<path id=\"");
        html_attr(b, prefix);
        html_lit(b, "-");
        html_attr(b, styles[st].id);
        html_lit(b, "\"");
        hex_path(b, 0, 0, pointy);
        paint(b, &styles[st], prefix, "-hatch");
        html_lit(b, "/>");
    }
    html_lit(b, "</defs>");
    for (size_t i = 0; i < m->n; i++) {
        const struct hex *h = &m->hexes[i];
        const char *name = NULL;
        size_t st;
        double x, y;

        buf_reset(&words);
        st = state(ctx, h, &words, &name);
        st = st < nstyles ? st : 0;
        hexmap_centre(m, h, HEX_SIZE, &x, &y);
        html_lit(b, "<a href=\"/authorities/");
        html_url(b, h->code);
        html_lit(b, "\"><title>");
        html_text(b, name ? name : h->name);
        html_lit(b, ": ");
        html_text(b, words.data);
        html_lit(b, "</title><use href=\"#");
        html_attr(b, prefix);
        html_lit(b, "-");
        html_attr(b, styles[st].id);
        html_lit(b, "\" x=\"");
        html_num(b, rnd(x));
        html_lit(b, "\" y=\"");
        html_num(b, rnd(y));
        html_lit(b, "\"/></a>");
    }
    html_lit(b, "</svg>");
    buf_release(&words);
}

void view_hexmap_key(struct buf *b, const char *prefix, const struct hex_style *styles,
                     const size_t *order, size_t n)
{
    html_lit(b, "<h3 class=\"govuk-heading-s\">Key</h3><ul class=\"govuk-list app-map-key\">");
    for (size_t i = 0; i < n; i++) {
        const struct hex_style *st = &styles[order[i]];
        html_lit(b, "<li><svg class=\"app-map-key__swatch\" viewBox=\"0 0 200 200\" "
                    "aria-hidden=\"true\" focusable=\"false\" "
                    "xmlns=\"http://www.w3.org/2000/svg\">");
        if (st->striped) {
            pattern(b, prefix, "-hatch-key", st, 1);
        }
        html_lit(b, "<path");
        hex_path(b, 100, 100, 1);
        paint(b, st, prefix, "-hatch-key");
        html_lit(b, "/></svg> ");
        html_text(b, st->label);
        html_text(b, st->meaning);
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>");
}

/* The coverage map's states, in the order of enum coverage_state. */
static const struct hex_style coverage_styles[COVER_STATE_COUNT] = {
    [COVER_NONE] = {"not_covered", "Not covered", ": no local Compact in force or in development",
                    "#f3f2f1", "#505a5f", 0},
    [COVER_IN_DEVELOPMENT] = {"in_development", "In development",
                              ": a local Compact for the area is being developed", "#1d70b8", NULL,
                              1},
    [COVER_COVERED] = {"covered", "Covered",
                       ": an active local Compact covers the area, directly or through its "
                       "county",
                       "#00703c", NULL, 0},
};

/* A hex's coverage: its row in cov (ctx), or not covered. */
static size_t coverage_state(const void *ctx, const struct hex *h, struct buf *title,
                             const char **name)
{
    const struct coverage_row *row = coverage_find(ctx, h->code);
    enum coverage_state s = row ? row->state : COVER_NONE;

    *name = row ? row->authority->name : NULL;
    buf_adds(title, coverage_state_label(s));
    if (row && row->compact_name) {
        buf_addf(title, " (%s%s)", row->compact_name,
                 row->via_county ? ", through its county" : "");
    }
    return (size_t)s;
}

void view_hexmap(struct buf *b, const struct hexmap *m, const struct coverage *cov,
                 const char *title)
{
    view_hexmap_of(b, m, "cov", coverage_styles, COVER_STATE_COUNT, coverage_state, cov, title);
}

void view_coverage_legend(struct buf *b)
{
    static const size_t order[] = {COVER_COVERED, COVER_IN_DEVELOPMENT, COVER_NONE};
    view_hexmap_key(b, "cov", coverage_styles, order, sizeof(order) / sizeof(order[0]));
}
