/* A day of a GET form, in boxes or as YYYY-MM-DD. */
#include "day_query.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/banned.h"

/* The numbers of day as the date boxes show them ("15", "1", "2012"), from the arena. */
static void boxes_of(struct arena *arena, date_t day, const char *given[3])
{
    int ymd[3];

    date_to_ymd(day, &ymd[2], &ymd[1], &ymd[0]);
    for (int i = 0; i < 3; i++) {
        char s[16];
        given[i] = snprintf(s, sizeof(s), "%d", ymd[i]) < (int)sizeof(s)
                       ? arena_strdup(arena, s)
                       : NULL; /* cannot happen: a year has four digits */
    }
}

/* The rule of the form: day_query.h. */
int day_query(struct request *r, const char *stem, const char *invalid, const char *given[3],
              const char **iso, date_t *out, struct field_error *errs, size_t *n)
{
    const struct date_messages m = {NULL, invalid};
    const char *text = query_get(&r->query, stem), *error = NULL;
    char day[DATE_STRLEN + 1];
    int ret = read_date(&r->query, stem, &m, given, out, &error);

    *iso = NULL;
    if (ret == 1 && text && *text) {
        if (date_parse(text, strlen(text), out) < 0) {
            ret = ERR_INVALID;
            error = invalid;
        } else {
            boxes_of(r->arena, *out, given);
            ret = 0;
        }
    }
    if (ret < 0) {
        errs[(*n)++] = (struct field_error){stem, error};
    } else if (ret == 0) {
        date_format(*out, day);
        *iso = arena_strdup(r->arena, day);
    }
    return ret;
}
