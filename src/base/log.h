/*
 * Log lines to stderr, whole lines in one write each, safe from any thread. Never pass a secret.
 * A thread that logs a line per request (a server's) may keep its lines and write them together
 * (log_batch): a write per request was 4% of a cached reply's time.
 */
#ifndef BASE_LOG_H
#define BASE_LOG_H

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO };

/* Lines above this level are dropped (default LOG_INFO). */
void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * From now on this thread's lines are kept and written together: by log_flush, when they fill
 * a pipe's atomic write (PIPE_BUF), and with any warning or error (at once, in order). pending,
 * when not NULL, is called with arg as the first line is kept: the thread then calls log_flush
 * soon (a server's thread: a timer of its event loop), and before it ends.
 */
void log_batch(void (*pending)(void *), void *arg);
/* Write this thread's kept lines now. */
void log_flush(void);

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)

#endif
