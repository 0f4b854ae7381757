/*
 * The shipped bank holidays of England and Wales (data/, through ingest_calendar) as a cmocka
 * group fixture: cal, loaded by calendar_setup and freed by calendar_teardown, and d(), a date
 * from "YYYY-MM-DD". Include after cmocka.h.
 */
#ifndef TESTS_UNIT_CALENDAR_FIXTURE_H
#define TESTS_UNIT_CALENDAR_FIXTURE_H

#include <string.h>

#include "ingest/ingest.h"

static struct calendar cal;

static date_t d(const char *s)
{
    date_t out;
    assert_int_equal(date_parse(s, strlen(s), &out), 0);
    return out;
}

static int calendar_setup(void **state)
{
    struct buf err = BUF_INIT;
    (void)state;
    if (ingest_calendar(&cal, &err) < 0) {
        print_error("%s\n", err.data);
        buf_release(&err);
        return -1;
    }
    buf_release(&err);
    return 0;
}

static int calendar_teardown(void **state)
{
    (void)state;
    ingest_calendar_free(&cal);
    return 0;
}

#endif
