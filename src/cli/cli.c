/*
 * What the commands of cli/ share: the formats, opening the database, text for the terminal and
 * JSON written by hand (only src/codec/ may use cJSON).
 */
#include "cmd.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/utf8.h"
#include "base/banned.h"

const char *const cmd_formats[] = {"text", "json", NULL};
const char *const cmd_formats_csv[] = {"text", "json", "csv", NULL};

struct store *cmd_open_db(const char *path, int create)
{
    struct buf why = BUF_INIT;
    struct store *st;

    if (db_open(path, create, &st, &why) < 0) {
        fprintf(stderr, "compact: %s\n", why.data);
    }
    buf_release(&why);
    return st;
}

int cmd_parse_open(const struct opt_cmd *c, const struct opt *opts, int argc, char **argv,
                   const char **db, struct store **st)
{
    int ret = opt_parse(c, opts, argc, argv);

    *st = NULL;
    if (ret == OPT_RUN && !(*st = cmd_open_db(*db, 0))) {
        ret = EXIT_FAIL;
    }
    return ret;
}

/* The length of the well-formed UTF-8 sequence at s, NUL-terminated (a NUL fails any sequence
 * before a byte past it is read), or 0 if there is none. */
static size_t utf8_len(const unsigned char *s)
{
    return utf8_seq(s, 4);
}

int cmd_text_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = utf8_len(p);
        if (!n || utf8_is_control(p, n)) {
            return 0;
        }
        p += n;
    }
    return 1;
}

void cmd_json_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    putc('"', out);
    while (*p) {
        size_t n = utf8_len(p);
        if (*p == '"' || *p == '\\') {
            putc('\\', out);
            putc(*p, out);
        } else if (*p < 0x20) {
            fprintf(out, "\\u%04x", *p);
        } else if (!n) {
            fputs("\\ufffd", out); /* JSON text is UTF-8; a stray byte becomes U+FFFD */
            n = 1;
        } else {
            fwrite(p, 1, n, out);
        }
        p += n ? n : 1;
    }
    putc('"', out);
}

void cmd_json_member(FILE *out, const char *key, const char *value)
{
    fprintf(out, ", \"%s\": ", key);
    if (value) {
        cmd_json_string(out, value);
    } else {
        fputs("null", out);
    }
}

void cmd_json_list(FILE *out, const void *items, size_t n, size_t size,
                   void (*json)(FILE *out, const void *item))
{
    fputs(n ? "[\n" : "[", out);
    for (size_t i = 0; i < n; i++) {
        fputs("  ", out);
        json(out, (const char *)items + i * size);
        fputs(i + 1 < n ? ",\n" : "\n", out);
    }
    fputs("]\n", out);
}

/*
 * Write s, or (out NULL) only count it, with each control character and each byte that is not
 * well-formed UTF-8 as '?'. Returns the characters written, as a terminal shows most text.
 */
static size_t text_out(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t chars = 0;

    while (*p) {
        size_t n = utf8_len(p);
        if (out && (!n || utf8_is_control(p, n))) {
            putc('?', out);
        } else if (out) {
            fwrite(p, 1, n, out);
        }
        p += n ? n : 1;
        chars++;
    }
    return chars;
}

void cmd_text(FILE *out, const char *s)
{
    text_out(out, s);
}

void cmd_table(FILE *out, const char *const *cells, size_t cols, size_t rows)
{
    size_t width[16] = {0};

    if (cols > sizeof(width) / sizeof(width[0])) {
        cols = sizeof(width) / sizeof(width[0]);
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            size_t w = text_out(NULL, cells[r * cols + c]);
            width[c] = w > width[c] ? w : width[c];
        }
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            const char *cell = cells[r * cols + c];
            size_t w = text_out(out, cell);
            if (c + 1 < cols) {
                for (size_t pad = w; pad < width[c] + 2; pad++) {
                    putc(' ', out);
                }
            }
        }
        putc('\n', out);
    }
}

const char **cmd_table_cells(struct arena *arena, const char *const *header, size_t cols,
                             size_t rows)
{
    const char **cells = arena_alloc(arena, (rows + 1) * cols * sizeof(*cells));
    memcpy(cells, header, cols * sizeof(*cells));
    return cells;
}

void cmd_bar_init(struct cmd_bar *bar)
{
    bar->tty = isatty(fileno(stderr));
    bar->last = -1;
}

void cmd_bar_draw(struct cmd_bar *bar, unsigned long long done, unsigned long long total,
                  const char *label)
{
    int pct = total ? (int)(done * 100 / total) : 0, width = 30, fill;

    if (!bar->tty || !total || pct == bar->last) {
        return;
    }
    bar->last = pct;
    fill = pct * width / 100;
    fprintf(stderr, "\r[%.*s%*s] %3d%% ", fill, "##############################", width - fill, "",
            pct);
    cmd_text(stderr, label);
    fputs("\033[K", stderr); /* what a longer label left on the line */
    fflush(stderr);
}

void cmd_bar_end(struct cmd_bar *bar)
{
    if (bar->tty && bar->last >= 0) {
        fputc('\n', stderr);
        bar->last = -1;
    }
}

int cmd_finish_output(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "compact: cannot write the output\n");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int cmd_finish_report(const struct buf *report)
{
    if (buf_failed(report)) {
        fputs("compact: the report is too big\n", stderr);
        return EXIT_FAIL;
    }
    fwrite(report->data, 1, report->len, stdout);
    return cmd_finish_output();
}
