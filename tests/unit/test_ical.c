/* iCalendar writing: CRLF line ends, folding at 75 octets, TEXT escaping, all-day dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "codec/ical.h"
#include "base/date.h"

static void test_text_escaping(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    ical_text(&b, "a\\b;c,d\ne\r\nf");
    assert_string_equal(b.data, "a\\\\b\\;c\\,d\\ne\\nf");
    buf_release(&b);
}

/* Every line ends in CRLF, holds at most 75 octets, and no bare LF or CR is left. */
static void assert_lines_well_formed(const char *s)
{
    const char *p = s;
    while (*p) {
        const char *eol = strstr(p, "\r\n");
        assert_non_null(eol);
        assert_true(eol - p <= 75);
        for (const char *q = p; q < eol; q++) {
            assert_true(*q != '\n' && *q != '\r');
        }
        p = eol + 2;
    }
}

/* The content lines of s unfolded (CRLF then a space removed). */
static void unfold(const char *s, struct buf *out)
{
    for (const char *p = s; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 2;
            continue;
        }
        buf_addc(out, *p);
    }
}

static void test_calendar(void **state)
{
    /* 75 characters of two-octet letters: folded, never inside one */
    char longtext[400] = "Respond: ";
    struct buf b = BUF_INIT, flat = BUF_INIT;
    struct ical_event e[2];
    (void)state;

    for (int i = 0; i < 75; i++) {
        strcat(longtext, "\xC3\xA9");
    }
    e[0] = (struct ical_event){"case-7-stage-1@compact-hub", date_from_ymd(2013, 1, 9),
                               "Response due, Lee; Co, \\ok", "line one\nline two",
                               "https://example.org/complaints/7"};
    e[1] = (struct ical_event){"case-7-stage-2@compact-hub", date_from_ymd(2012, 12, 31), longtext,
                               NULL, NULL};
    /* 2013-01-10T09:05:03Z */
    ical_write(&b, "Complaints: due dates", 1357808703LL, e, 2);
    assert_lines_well_formed(b.data);
    assert_true(strncmp(b.data, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
    assert_non_null(strstr(b.data, "\r\nEND:VCALENDAR\r\n"));
    assert_non_null(strstr(b.data, "PRODID:"));
    unfold(b.data, &flat);
    assert_non_null(strstr(flat.data, "\r\nUID:case-7-stage-1@compact-hub\r\n"));
    assert_non_null(strstr(flat.data, "\r\nDTSTAMP:20130110T090503Z\r\n"));
    assert_non_null(strstr(flat.data, "\r\nDTSTART;VALUE=DATE:20130109\r\n"));
    assert_non_null(strstr(flat.data, "\r\nDTEND;VALUE=DATE:20130110\r\n"));
    assert_non_null(strstr(flat.data, "\r\nDTEND;VALUE=DATE:20130101\r\n")); /* over a year */
    assert_non_null(strstr(flat.data, "\r\nSUMMARY:Response due\\, Lee\\; Co\\, \\\\ok\r\n"));
    assert_non_null(strstr(flat.data, "\r\nDESCRIPTION:line one\\nline two\r\n"));
    assert_non_null(strstr(flat.data, "\r\nURL:https://example.org/complaints/7\r\n"));
    assert_non_null(strstr(flat.data, "X-WR-CALNAME:Complaints: due dates\r\n"));
    { /* the long summary was folded, and unfolds to itself */
        struct buf want = BUF_INIT;
        buf_addf(&want, "\r\nSUMMARY:%s\r\n", longtext);
        assert_null(strstr(b.data, want.data));
        assert_non_null(strstr(flat.data, want.data));
        buf_release(&want);
    }
    /* a continuation never starts inside a UTF-8 character */
    for (const char *p = strstr(b.data, "\r\n "); p; p = strstr(p + 1, "\r\n ")) {
        assert_true(((unsigned char)p[3] & 0xC0) != 0x80);
    }
    assert_int_equal(strstr(b.data, "BEGIN:VEVENT") != NULL, 1);
    buf_release(&b);
    buf_release(&flat);
}

static void test_empty_calendar(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    ical_write(&b, "None", 0, NULL, 0);
    assert_null(strstr(b.data, "VEVENT"));
    assert_non_null(strstr(b.data, "END:VCALENDAR\r\n"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_escaping),
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_empty_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
