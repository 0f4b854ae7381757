/* Timestamped log lines on stderr. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "banned.h"

static enum log_level max_level = LOG_INFO;

void log_set_level(enum log_level level)
{
    max_level = level;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warn", "info"};
    char line[2048], stamp[32];
    struct tm tm;
    time_t now;
    va_list ap;
    int n, m;

    if (level > max_level) {
        return;
    }
    now = time(NULL);
    gmtime_r(&now, &tm);
    if (!strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
        stamp[0] = '\0';
    }
    n = snprintf(line, sizeof(line), "%s %s ", stamp, names[level]);
    if (n < 0 || (size_t)n >= sizeof(line)) {
        return;
    }
    va_start(ap, fmt);
    m = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    va_end(ap);
    if (m < 0) {
        return;
    }
    /* One fputs of a whole line, so lines from threads never interleave. */
    if ((size_t)(n + m) >= sizeof(line) - 1) {
        line[sizeof(line) - 2] = '\n';
        line[sizeof(line) - 1] = '\0';
    } else {
        line[n + m] = '\n';
        line[n + m + 1] = '\0';
    }
    fputs(line, stderr);
}
