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

/* Fill and outline of each state: GOV.UK green solid, GOV.UK blue stripes, light grey with a
 * dark grey outline; each has at least 3:1 contrast with white, and the pattern tells the
 * states apart without colour. */
static void state_paint(struct buf *b, enum coverage_state s, const char *hatch)
{
    switch (s) {
    case COVER_COVERED:
        html_lit(b, " fill=\"#00703c\" stroke=\"#00703c\" stroke-width=\"4\"");
        break;
    case COVER_IN_DEVELOPMENT:
        html_lit(b, " fill=\"url(#");
        html_attr(b, hatch);
        html_lit(b, ")\" stroke=\"#1d70b8\" stroke-width=\"8\"");
        break;
    default:
        html_lit(b, " fill=\"#f3f2f1\" stroke=\"#505a5f\" stroke-width=\"4\"");
        break;
    }
}

/* The stripes of a Compact in development, as pattern id (each SVG has its own: ids are
 * unique in a page). */
static void pattern(struct buf *b, const char *id)
{
    html_lit(b, "<defs><pattern id=\"");
    html_attr(b, id);
    html_lit(b, "\" width=\"32\" height=\"32\" patternUnits=\"userSpaceOnUse\" "
                "patternTransform=\"rotate(45)\">"
                "<rect width=\"32\" height=\"32\" fill=\"#ffffff\"/>"
                "<rect width=\"14\" height=\"32\" fill=\"#1d70b8\"/></pattern></defs>");
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

void view_hexmap(struct buf *b, const struct hexmap *m, const struct coverage *cov,
                 const char *title)
{
    int pointy = m->layout == HEX_ODD_R || m->layout == HEX_EVEN_R;
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
    pattern(b, "cov-hatch");
    /* one hex of each state, drawn once and placed by <use>: a third of the bytes of a path
     * per hex */
    html_lit(b, "<defs>");
    for (int st = 0; st < COVER_STATE_COUNT; st++) {
        html_lit(b, "<path id=\"cov-");
        html_attr(b, coverage_state_id((enum coverage_state)st));
        html_lit(b, "\"");
        hex_path(b, 0, 0, pointy);
        state_paint(b, (enum coverage_state)st, "cov-hatch");
        html_lit(b, "/>");
    }
    html_lit(b, "</defs>");
    for (size_t i = 0; i < m->n; i++) {
        const struct hex *h = &m->hexes[i];
        const struct coverage_row *row = coverage_find(cov, h->code);
        enum coverage_state s = row ? row->state : COVER_NONE;
        double x, y;

        hexmap_centre(m, h, HEX_SIZE, &x, &y);
        html_lit(b, "<a href=\"/authorities/");
        html_url(b, h->code);
        html_lit(b, "\"><title>");
        html_text(b, row ? row->authority->name : h->name);
        html_lit(b, ": ");
        html_text(b, coverage_state_label(s));
        if (row && row->compact_name) {
            html_lit(b, " (");
            html_text(b, row->compact_name);
            if (row->via_county) {
                html_lit(b, ", through its county");
            }
            html_lit(b, ")");
        }
        html_lit(b, "</title><use href=\"#cov-");
        html_attr(b, coverage_state_id(s));
        html_lit(b, "\" x=\"");
        html_num(b, rnd(x));
        html_lit(b, "\" y=\"");
        html_num(b, rnd(y));
        html_lit(b, "\"/></a>");
    }
    html_lit(b, "</svg>");
}

void view_coverage_legend(struct buf *b)
{
    static const enum coverage_state order[] = {COVER_COVERED, COVER_IN_DEVELOPMENT, COVER_NONE};

    html_lit(b, "<h3 class=\"govuk-heading-s\">Key</h3><ul class=\"govuk-list app-map-key\">");
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        html_lit(b, "<li><svg class=\"app-map-key__swatch\" viewBox=\"0 0 200 200\" "
                    "aria-hidden=\"true\" focusable=\"false\" "
                    "xmlns=\"http://www.w3.org/2000/svg\">");
        if (order[i] == COVER_IN_DEVELOPMENT) {
            pattern(b, "cov-hatch-key");
        }
        html_lit(b, "<path");
        hex_path(b, 100, 100, 1);
        state_paint(b, order[i], "cov-hatch-key");
        html_lit(b, "/></svg> ");
        html_text(b, coverage_state_label(order[i]));
        switch (order[i]) {
        case COVER_COVERED:
            html_lit(b, ": an active local Compact covers the area, directly or through "
                        "its county");
            break;
        case COVER_IN_DEVELOPMENT:
            html_lit(b, ": a local Compact for the area is being developed");
            break;
        default:
            html_lit(b, ": no local Compact in force or in development");
            break;
        }
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>");
}
