/*
 * iCalendar (RFC 5545) writing: a calendar of all-day events, as a calendar program subscribes
 * to it (the complaints' due dates). Lines end in CRLF and are folded at 75 octets, never
 * inside a UTF-8 character; TEXT values escape backslash, semicolon, comma and line breaks.
 */
#ifndef CODEC_ICAL_H
#define CODEC_ICAL_H

#include <stddef.h>

#include "base/buf.h"
#include "base/date.h"

/* One all-day event. Strings are borrowed; description and url may be NULL. */
struct ical_event {
    const char *uid; /* stable across fetches: the same event keeps it */
    date_t date;     /* DTSTART;VALUE=DATE, and DTEND the day after */
    const char *summary, *description, *url;
};

/*
 * The calendar named name (X-WR-CALNAME) holding events e[0..n) into b: VCALENDAR with
 * VERSION, PRODID and METHOD:PUBLISH, each a VEVENT with UID, DTSTAMP (stamp, Unix seconds, in
 * UTC), DTSTART and DTEND as dates, SUMMARY, DESCRIPTION and URL.
 */
void ical_write(struct buf *b, const char *name, long long stamp, const struct ical_event *e,
                size_t n);

/* The TEXT value s escaped (RFC 5545 3.3.11) onto b: \\ \; \, and \n for a line break. */
void ical_text(struct buf *b, const char *s);

#endif
