/* An entity's history in words, as app/history.c writes it and view/page_history.c shows it. */
#ifndef CORE_HISTORY_H
#define CORE_HISTORY_H

#include <stddef.h>

/* A value as lines of text (a list has several); none when it was empty or not set. */
struct history_value {
    const char *const *lines;
    size_t n;
};

/* One field that changed: its label ("Review due") and its values before and after. */
struct history_change {
    const char *label;
    struct history_value before, after;
};

struct history_entry {
    const char *when; /* "15 January 2027, 2:05pm" (UTC), or the stored time if unreadable */
    const char *who;  /* "Jane Smith, coordinator", "the command line" */
    const char *what; /* "Created", "Changed", "Status changed", ... */
    const struct history_change *changes; /* in the order of the snapshot's fields */
    size_t nchanges;
};

#endif
