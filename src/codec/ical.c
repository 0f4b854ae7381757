/* iCalendar (RFC 5545) writing: content lines built whole, then folded at 75 octets. */
#include "ical.h"

#include <string.h>

#include "base/banned.h"

#define ICAL_FOLD 75 /* octets a line holds, CRLF not counted */

void ical_text(struct buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '\\':
            buf_adds(b, "\\\\");
            break;
        case ';':
            buf_adds(b, "\\;");
            break;
        case ',':
            buf_adds(b, "\\,");
            break;
        case '\r':
            if (s[1] == '\n') {
                s++;
            }
            buf_adds(b, "\\n");
            break;
        case '\n':
            buf_adds(b, "\\n");
            break;
        default:
            buf_addc(b, *s);
        }
    }
}

/* The content line line[0..len) onto b, folded: no line longer than 75 octets, a continuation
 * starting with a space, a UTF-8 character never split. */
static void fold(struct buf *b, const char *line, size_t len)
{
    size_t room = ICAL_FOLD, at = 0;

    while (len - at > room) {
        size_t cut = at + room;
        while (cut > at && ((unsigned char)line[cut] & 0xC0) == 0x80) {
            cut--; /* back to the start of a character */
        }
        buf_add(b, line + at, cut - at);
        buf_adds(b, "\r\n ");
        at = cut;
        room = ICAL_FOLD - 1; /* the space counts */
    }
    buf_add(b, line + at, len - at);
    buf_adds(b, "\r\n");
}

/* A property NAME:VALUE, value TEXT-escaped when text. */
static void prop(struct buf *b, struct buf *line, const char *name, const char *value, int text)
{
    buf_reset(line);
    buf_adds(line, name);
    buf_addc(line, ':');
    if (text) {
        ical_text(line, value);
    } else {
        buf_adds(line, value);
    }
    fold(b, line->data, line->len);
}

/* YYYYMMDD, a DATE value. */
static void date_value(char out[9], date_t d)
{
    char iso[DATE_STRLEN + 1];

    date_format(d, iso);
    memcpy(out, iso, 4);
    memcpy(out + 4, iso + 5, 2);
    memcpy(out + 6, iso + 8, 2);
    out[8] = '\0';
}

void ical_write(struct buf *b, const char *name, long long stamp, const struct ical_event *e,
                size_t n)
{
    struct buf line = BUF_INIT, dtstamp = BUF_INIT;
    long long days = stamp >= 0 ? stamp / 86400 : 0, secs = stamp >= 0 ? stamp % 86400 : 0;
    char day[9];

    date_value(day, (date_t)days);
    buf_addf(&dtstamp, "%sT%02lld%02lld%02lldZ", day, secs / 3600, secs / 60 % 60, secs % 60);
    buf_adds(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Compact Hub//Complaints//EN\r\n"
                "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    prop(b, &line, "X-WR-CALNAME", name, 1);
    for (size_t i = 0; i < n; i++) {
        buf_adds(b, "BEGIN:VEVENT\r\n");
        prop(b, &line, "UID", e[i].uid, 1);
        prop(b, &line, "DTSTAMP", dtstamp.data, 0);
        date_value(day, e[i].date);
        prop(b, &line, "DTSTART;VALUE=DATE", day, 0);
        date_value(day, e[i].date + 1);
        prop(b, &line, "DTEND;VALUE=DATE", day, 0);
        prop(b, &line, "SUMMARY", e[i].summary, 1);
        if (e[i].description) {
            prop(b, &line, "DESCRIPTION", e[i].description, 1);
        }
        if (e[i].url) {
            prop(b, &line, "URL", e[i].url, 0);
        }
        buf_adds(b, "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
    }
    buf_adds(b, "END:VCALENDAR\r\n");
    buf_release(&line);
    buf_release(&dtstamp);
}
