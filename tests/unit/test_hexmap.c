/* Hex maps: HexJSON read (England only), the geometry of offset layouts, the maps compiled into
 * the program, and the SVG of the map (the chart of coverage over time: test_chart.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "codec/hexjson.h"
#include "core/coverage.h"
#include "ingest/ingest.h"
#include "view/hexmap.h"
#include "base/err.h"

static const char small[] = "{\"layout\":\"odd-r\",\"hexes\":{"
                            "\"E07000002\":{\"n\":\"Two <&>\",\"q\":1,\"r\":1},"
                            "\"W06000001\":{\"n\":\"Anglesey\",\"q\":0,\"r\":9},"
                            "\"E07000001\":{\"n\":\"One\",\"q\":0,\"r\":0},"
                            "\"E07000003\":{\"n\":\"Three\",\"q\":-1,\"r\":2}}}";

static void test_read_keeps_england_sorted(void **state)
{
    struct arena a;
    struct hexmap m;
    struct buf err = BUF_INIT;
    (void)state;
    arena_init(&a);
    assert_int_equal(hexjson_read(small, strlen(small), "E", &a, &m, &err), 0);
    assert_int_equal(m.layout, HEX_ODD_R);
    assert_int_equal(m.n, 3);
    assert_string_equal(m.hexes[0].code, "E07000001");
    assert_string_equal(m.hexes[1].name, "Two <&>");
    assert_int_equal(m.hexes[2].q, -1);
    assert_int_equal(m.qmin, -1);
    assert_int_equal(m.qmax, 1);
    assert_int_equal(m.rmin, 0);
    assert_int_equal(m.rmax, 2);
    assert_non_null(hexmap_find(&m, "E07000003"));
    assert_null(hexmap_find(&m, "W06000001"));
    assert_int_equal(hexjson_read(small, strlen(small), "", &a, &m, &err), 0);
    assert_int_equal(m.n, 4);
    buf_release(&err);
    arena_release(&a);
}

static void test_read_refuses_bad_files(void **state)
{
    static const char *const bad[] = {
        "{\"layout\":\"odd-r\",\"hexes\":",
        "{\"layout\":\"hex\",\"hexes\":{}}",
        "{\"layout\":\"odd-r\",\"hexes\":[]}",
        "{\"layout\":\"odd-r\",\"hexes\":{\"E1\":{\"q\":1,\"r\":1}}}",
        "{\"layout\":\"odd-r\",\"hexes\":{\"E1\":{\"n\":\"x\",\"q\":1.5,\"r\":1}}}",
        "{\"layout\":\"odd-r\",\"hexes\":{\"E1\":{\"n\":\"x\",\"q\":\"1\",\"r\":1}}}",
    };
    struct arena a;
    struct hexmap m;
    (void)state;
    arena_init(&a);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct buf err = BUF_INIT;
        assert_int_equal(hexjson_read(bad[i], strlen(bad[i]), "E", &a, &m, &err), ERR_INVALID);
        assert_int_equal(m.n, 0);
        assert_true(err.len > 0);
        buf_release(&err);
    }
    arena_release(&a);
}

static void test_odd_r_geometry(void **state)
{
    struct hex h[] = {{"E1", "a", 0, 0}, {"E2", "b", 0, 1}, {"E3", "c", 1, 1}};
    struct hexmap m = {.layout = HEX_ODD_R, .hexes = h, .n = 3};
    double x0, y0, x1, y1, x2, y2, w, hh;
    (void)state;
    hexmap_finish(&m);
    hexmap_centre(&m, &m.hexes[0], 10, &x0, &y0);
    hexmap_centre(&m, &m.hexes[1], 10, &x1, &y1);
    hexmap_centre(&m, &m.hexes[2], 10, &x2, &y2);
    /* north is up: r 1 is above r 0, one and a half radii apart */
    assert_true(y1 < y0);
    assert_true(y0 - y1 > 14.99 && y0 - y1 < 15.01);
    /* odd rows are pushed right by half a hex's width */
    assert_true(x1 - x0 > 8.65 && x1 - x0 < 8.67);
    assert_true(x2 - x1 > 17.31 && x2 - x1 < 17.33);
    hexmap_extent(&m, 10, &w, &hh);
    assert_true(w > 43.29 && w < 43.31); /* two widths and a half */
    assert_true(hh > 34.99 && hh < 35.01);
}

static void test_compiled_maps_hold_englands_districts(void **state)
{
    struct arena a;
    struct hexmap m;
    struct buf err = BUF_INIT;
    (void)state;
    arena_init(&a);
    assert_int_equal(ingest_hexmap(AUTH_SET_2012, &a, &m, &err), 0);
    assert_int_equal(m.n, 326); /* 201 + 36 + 33 + 56: every authority of 2012 but counties */
    assert_int_equal(m.layout, HEX_ODD_R);
    assert_non_null(hexmap_find(&m, "E07000108")); /* Dover */
    assert_null(hexmap_find(&m, "E10000016"));     /* Kent, a county: no hex */
    assert_int_equal(ingest_hexmap(AUTH_SET_CURRENT, &a, &m, &err), 0);
    assert_int_equal(m.n, 296);
    assert_non_null(hexmap_find(&m, "E06000064")); /* Westmorland and Furness, 2023 */
    assert_int_equal(ingest_hexmap(AUTH_SET_COUNT, &a, &m, &err), ERR_INVALID);
    buf_release(&err);
    arena_release(&a);
}

static void test_map_svg_links_each_hex(void **state)
{
    static const struct authority auth[] = {
        {.gss = "E07000001", .name = "One", .type = AUTH_DISTRICT, .county_gss = "E10000001"},
        {.gss = "E07000002", .name = "Two <&>", .type = AUTH_UNITARY},
        {.gss = "E10000001", .name = "County", .type = AUTH_COUNTY},
    };
    struct status_change s = {date_from_ymd(2010, 1, 1), COMPACT_ACTIVE};
    const char *codes[] = {"E10000001"};
    struct coverage_compact c = {.id = 4,
                                 .name = "County \"Compact\"",
                                 .statuses = &s,
                                 .nstatuses = 1,
                                 .gss = codes,
                                 .ngss = 1};
    struct arena a;
    struct hexmap m;
    struct coverage cov;
    struct buf b = BUF_INIT, err = BUF_INIT;
    (void)state;
    arena_init(&a);
    assert_int_equal(hexjson_read(small, strlen(small), "E", &a, &m, &err), 0);
    coverage_compute(auth, 3, AUTH_SET_2012, &c, 1, date_from_ymd(2012, 1, 1), &a, &cov);
    view_hexmap(&b, &m, &cov, "Map <of> England");
    assert_non_null(strstr(b.data, "role=\"group\" aria-labelledby=\"hexmap-title\">"
                                   "<title id=\"hexmap-title\">Map &lt;of&gt; England</title>"));
    assert_non_null(strstr(b.data, "<a href=\"/authorities/E07000001\"><title>One: Covered "
                                   "(County &quot;Compact&quot;, through its county)</title>"));
    assert_non_null(
        strstr(b.data, "<a href=\"/authorities/E07000002\"><title>Two &lt;&amp;&gt;: Not covered"
                       "</title>"));
    assert_non_null(strstr(b.data, "through its county)</title><use href=\"#cov-covered\" x=\""));
    assert_non_null(strstr(b.data, "<path id=\"cov-in_development\" d=\"M0 -92L80 -46L80 46L0 92"));
    /* a hex with no authority in the set: its own name, not covered */
    assert_non_null(strstr(b.data, "<title>Three: Not covered</title>"));
    {
        size_t links = 0;
        for (const char *p = strstr(b.data, "<a href="); p; p = strstr(p + 1, "<a href=")) {
            links++;
        }
        assert_int_equal(links, 3); /* one per English hex */
    }
    assert_null(strstr(b.data, "style="));
    buf_reset(&b);
    view_coverage_legend(&b);
    assert_non_null(strstr(b.data, "Covered: an active local Compact"));
    assert_non_null(strstr(b.data, "url(#cov-hatch-key)"));
    buf_release(&b);
    buf_release(&err);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_keeps_england_sorted),
        cmocka_unit_test(test_read_refuses_bad_files),
        cmocka_unit_test(test_odd_r_geometry),
        cmocka_unit_test(test_compiled_maps_hold_englands_districts),
        cmocka_unit_test(test_map_svg_links_each_hex),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
