/*
 * Log lines (base/log.h): whole lines with their timestamp and level, and a thread's lines kept
 * and written together (log_batch, a server thread's access log): none lost, none reordered,
 * a warning written at once with what was kept before it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/log.h"

static int log_fd = -1; /* what stderr now writes to: a file of the test's */

/* Everything written to stderr since the test began. */
static char *written(void)
{
    static char text[1 << 17];
    ssize_t n = pread(log_fd, text, sizeof(text) - 1, 0);

    assert_true(n >= 0);
    text[n] = '\0';
    return text;
}

static int lines(const char *text)
{
    int n = 0;
    for (; *text; text++) {
        n += *text == '\n';
    }
    return n;
}

static int setup(void **state)
{
    char path[] = "/tmp/compact-test-log-XXXXXX";
    (void)state;
    log_fd = mkstemp(path);
    assert_true(log_fd >= 0);
    unlink(path);
    /* appended to: the tests empty it (ftruncate) and write from its start again */
    assert_int_equal(fcntl(log_fd, F_SETFL, O_APPEND), 0);
    assert_int_equal(dup2(log_fd, STDERR_FILENO), STDERR_FILENO);
    return 0;
}

static void test_a_line_at_once(void **state)
{
    const char *text;
    (void)state;
    assert_int_equal(ftruncate(log_fd, 0), 0);
    log_info("GET /%s %d", "healthz", 200);
    text = written();
    /* "2027-01-15T09:30:00Z info GET /healthz 200\n" */
    assert_int_equal(strlen(text), 20 + strlen(" info GET /healthz 200\n"));
    assert_true(text[4] == '-' && text[10] == 'T' && text[19] == 'Z');
    assert_string_equal(text + 20, " info GET /healthz 200\n");
}

struct kept {
    int pending; /* how many times log_batch's pending was called */
};

static void pending(void *arg)
{
    ((struct kept *)arg)->pending++;
}

/* A server thread's part: the checks run on a thread of its own, whose lines are kept. */
static void *batched(void *arg)
{
    struct kept *k = arg;
    char want[64];
    const char *text;
    int n;

    log_batch(pending, k);
    log_info("GET /a 200");
    log_info("GET /b 200");
    text = written();
    if (*text || k->pending != 1) {
        return "kept lines written before log_flush, or pending not called once";
    }
    log_flush();
    text = written();
    if (lines(text) != 2 || !strstr(text, "info GET /a 200\n") ||
        strstr(text, "GET /b") < strstr(text, "GET /a")) {
        return "log_flush did not write the two lines in order";
    }
    /* a warning goes at once, after the line kept before it */
    log_info("GET /c 200");
    log_warn("database busy");
    text = written();
    if (lines(text) != 4 || !strstr(text, "GET /c 200\n") ||
        strstr(text, "warn database busy") < strstr(text, "GET /c")) {
        return "a warning was not written at once, after the line kept before it";
    }
    if (k->pending != 2) {
        return "pending not called for the next first line kept";
    }
    /* many more than a batch holds: all of them, in order, each whole */
    for (int i = 0; i < 500; i++) {
        log_info("GET /page/%d 200 2154 0.01ms", i);
    }
    log_flush();
    text = written();
    if (lines(text) != 504) {
        return "lines lost";
    }
    n = 0;
    for (const char *p = strstr(text, "GET /page/"); p; p = strstr(p + 1, "GET /page/"), n++) {
        snprintf(want, sizeof(want), "GET /page/%d 200 2154 0.01ms\n", n);
        if (strncmp(p, want, strlen(want)) != 0) {
            return "a line out of order or cut";
        }
    }
    return n == 500 ? NULL : "lines missing";
}

static void test_a_thread_s_lines_kept_and_written_together(void **state)
{
    struct kept k = {0};
    pthread_t t;
    void *why = NULL;
    (void)state;
    assert_int_equal(ftruncate(log_fd, 0), 0);
    assert_int_equal(pthread_create(&t, NULL, batched, &k), 0);
    assert_int_equal(pthread_join(t, &why), 0);
    if (why) {
        printf("# %s\n", (const char *)why); /* stderr is the log under test */
        fail_msg("%s", (const char *)why);
    }
    /* this thread's lines are still written at once */
    log_info("stopped");
    assert_non_null(strstr(written(), "info stopped\n"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_line_at_once),
        cmocka_unit_test(test_a_thread_s_lines_kept_and_written_together),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
