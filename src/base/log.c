/* Timestamped log lines on stderr; a server thread's written a batch at a time. */
#include "log.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "banned.h"

static enum log_level max_level = LOG_INFO;

void log_set_level(enum log_level level)
{
    max_level = level;
}

/*
 * A thread's lines kept to be written together (log_batch): at most PIPE_BUF bytes, so that each
 * write stays whole on a pipe whatever other threads write meanwhile.
 */
struct batch {
    int on;
    void (*pending)(void *); /* told when the first line is kept */
    void *arg;
    size_t len;
    char data[PIPE_BUF];
};
static _Thread_local struct batch batch;

/* The timestamp of the second now, made once per second and thread. */
static _Thread_local time_t stamp_at = (time_t)-1;
static _Thread_local char stamp[32];

static void write_all(const char *p, size_t len)
{
    while (len) {
        ssize_t n = write(STDERR_FILENO, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return; /* nowhere to say so */
        }
        p += n;
        len -= (size_t)n;
    }
}

void log_batch(void (*pending)(void *), void *arg)
{
    batch.on = 1;
    batch.pending = pending;
    batch.arg = arg;
}

void log_flush(void)
{
    if (batch.len) {
        write_all(batch.data, batch.len);
        batch.len = 0;
    }
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warn", "info"};
    char line[2048];
    struct tm tm;
    time_t now;
    va_list ap;
    int n, m;
    size_t len;

    if (level > max_level) {
        return;
    }
    now = time(NULL);
    if (now != stamp_at) {
        gmtime_r(&now, &tm);
        if (!strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
            stamp[0] = '\0';
        }
        stamp_at = now;
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
    /* One write of whole lines, so lines from threads never interleave. */
    if ((size_t)(n + m) >= sizeof(line) - 1) {
        len = sizeof(line) - 1;
    } else {
        len = (size_t)(n + m) + 1;
    }
    line[len - 1] = '\n';
    if (!batch.on) {
        write_all(line, len);
        return;
    }
    if (batch.len + len > sizeof(batch.data)) {
        log_flush();
    }
    if (len > sizeof(batch.data)) {
        write_all(line, len);
        return;
    }
    memcpy(batch.data + batch.len, line, len);
    batch.len += len;
    if (level < LOG_INFO) {
        log_flush(); /* a warning or an error at once */
    } else if (batch.len == len && batch.pending) {
        batch.pending(batch.arg);
    }
}
