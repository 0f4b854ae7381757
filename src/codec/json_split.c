/* Splitting a stream of JSON into records: a byte-at-a-time state machine over chunks. */
#include "json_split.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/bytes.h"
#include "base/err.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define KEY_MAX 64

enum state {
    S_BOM,    /* the first bytes: a byte order mark or not */
    S_TOP,    /* between top-level values */
    S_CAND,   /* in a top-level object that may hold a named array or be the record itself */
    S_ARR,    /* in the array of records, between records */
    S_ELEM,   /* in a record that is an object, an array or a string */
    S_SCALAR, /* in a record that is a number or a literal */
    S_REST,   /* in the rest of the document after the array of records */
};

/* What S_ARR expects next. */
enum expect { EXPECT_FIRST, EXPECT_COMMA, EXPECT_VALUE };

struct json_split {
    const char *const *keys;
    json_split_fn fn;
    json_split_read_fn read; /* or NULL */
    void *ctx;
    enum state state;
    enum json_split_shape shape;
    const char *key; /* the matched key */
    int ret;         /* sticky failure or stop */
    struct buf elem; /* the record being collected */
    struct buf err;
    size_t count;
    long line;
    unsigned long long offset; /* of the chunk being fed */
    int bom;                   /* byte order mark bytes seen */
    /* nesting */
    int depth;
    unsigned char stack[JSON_SPLIT_MAX_DEPTH / 8]; /* bit set: '{' */
    int in_str, esc;
    int uhex, uzero; /* digits of a \uXXXX escape still to come; all '0' so far */
    /* the record being collected */
    int elem_base; /* depth at which it started */
    long elem_line;
    unsigned long long elem_offset;
    /* the top-level object, while it may be a container (S_CAND) */
    int at_key, in_key, await_value;
    const char *key_match;
    char keybuf[KEY_MAX];
    size_t keylen;
    /* the array of records */
    int arr_depth;
    enum expect expect;
    /* top-level values */
    size_t values;
    int newline; /* a line break since the last top-level value */
    /* the bytes at the end of the last chunk that may begin a UTF-8 sequence the next ends */
    unsigned char tail[4];
    size_t ntail;
};

struct json_split *json_split_new(const char *const *keys, size_t max, json_split_fn fn, void *ctx)
{
    struct json_split *s = xcalloc(1, sizeof(*s));
    s->keys = keys;
    s->fn = fn;
    s->ctx = ctx;
    s->state = S_BOM;
    s->line = 1;
    buf_init(&s->elem, max ? max : (size_t)64 << 20);
    buf_init(&s->err, 512);
    return s;
}

void json_split_reader(struct json_split *s, json_split_read_fn read)
{
    s->read = read;
}

void json_split_free(struct json_split *s)
{
    if (!s) {
        return;
    }
    buf_release(&s->elem);
    buf_release(&s->err);
    free(s);
}

enum json_split_shape json_split_shape(const struct json_split *s)
{
    return s->shape;
}

const char *json_split_key(const struct json_split *s)
{
    return s->shape == JSON_SPLIT_KEY ? s->key : NULL;
}

const char *json_split_error(const struct json_split *s)
{
    return s->err.data;
}

unsigned long long json_split_offset(const struct json_split *s)
{
    return s->offset;
}

/* Refuse the input at byte at of the current line: what is wrong, as printf would write it. */
static int fail(struct json_split *s, unsigned long long at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(struct json_split *s, unsigned long long at, const char *fmt, ...)
{
    va_list ap;
    buf_addf(&s->err, "line %ld, byte %llu: ", s->line, at);
    va_start(ap, fmt);
    buf_vaddf(&s->err, fmt, ap);
    va_end(ap);
    s->ret = ERR_INVALID;
    return s->ret;
}

static int push(struct json_split *s, int brace, unsigned long long at)
{
    if (s->depth >= JSON_SPLIT_MAX_DEPTH) {
        return fail(s, at, "nested too deeply");
    }
    if (brace) {
        s->stack[s->depth / 8] |= (unsigned char)(1u << (s->depth % 8));
    } else {
        s->stack[s->depth / 8] &= (unsigned char)~(1u << (s->depth % 8));
    }
    s->depth++;
    return 0;
}

static int pop(struct json_split *s, int brace, unsigned long long at)
{
    int top;
    if (s->depth == 0) {
        return fail(s, at, brace ? "'}' without '{'" : "']' without '['");
    }
    top = (s->stack[(s->depth - 1) / 8] >> ((s->depth - 1) % 8)) & 1;
    if (top != brace) {
        return fail(s, at, brace ? "'}' closes a '['" : "']' closes a '{'");
    }
    s->depth--;
    return 0;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Append the record's bytes p[0..n) and say whether it still fits. */
static int collect(struct json_split *s, const char *p, size_t n, unsigned long long at)
{
    buf_add(&s->elem, p, n);
    if (buf_failed(&s->elem)) {
        buf_addf(&s->err, "line %ld, byte %llu: record %zu is larger than %zu bytes", s->elem_line,
                 at, s->count + 1, s->elem.max);
        s->ret = ERR_TOO_BIG;
        return s->ret;
    }
    return 0;
}

/* Hand over a record: the one collected, or one read in place (data not NULL). */
static void after_value(struct json_split *s);

static int emit_item(struct json_split *s, const char *data, size_t len)
{
    struct json_split_item item;
    s->count++;
    item.data = data ? data : s->elem.data;
    item.len = data ? len : s->elem.len;
    item.index = s->count;
    item.line = s->elem_line;
    item.offset = s->elem_offset;
    item.key = s->shape == JSON_SPLIT_KEY ? s->key : NULL;
    item.read = data != NULL;
    s->ret = s->fn(&item, s->ctx);
    buf_reset(&s->elem);
    return s->ret;
}

static int emit(struct json_split *s)
{
    return emit_item(s, NULL, 0);
}

/*
 * A record that starts at p[*i], an object or an array, read whole and in place by s->read
 * (json_split_reader) rather than scanned here, when it ends within p[0..len) and is what the
 * scan would hand over unchanged: no deeper than the splitter follows, no longer than max, no
 * line break in a string (every line break in its bytes one the reader read as white space), on
 * one line for JSON lines. Then it is handed over, *i left at its last byte: 1. Else 0, and the
 * record is scanned as before (the reader's answer thrown away), the same bytes and refusals.
 */
static int read_whole(struct json_split *s, const unsigned char *p, size_t len, size_t *i)
{
    const unsigned char *q = p + *i, *end;
    size_t n = len - *i, used;
    long lines = 0, breaks = 0;

    if (!s->read || (*q != '{' && *q != '[') || s->depth >= JSON_SPLIT_MAX_DEPTH) {
        return 0;
    }
    n = n < s->elem.max ? n : s->elem.max;
    used = s->read((const char *)q, n, JSON_SPLIT_MAX_DEPTH - s->depth, &lines, s->ctx);
    if (!used || used > n) {
        return 0;
    }
    for (end = q + used; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++) {
        breaks++;
    }
    if (breaks != lines || (breaks && s->shape == JSON_SPLIT_LINES)) {
        return 0;
    }
    s->elem_base = s->depth;
    s->elem_line = s->line;
    s->elem_offset = s->offset + *i;
    s->line += breaks;
    after_value(s);
    emit_item(s, (const char *)p + *i, used);
    *i += used - 1;
    return 1;
}

/* A record starts with byte c at absolute offset at: the state to go on in. */
static int start_elem(struct json_split *s, unsigned char c, unsigned long long at)
{
    s->elem_base = s->depth;
    s->elem_line = s->line;
    s->elem_offset = at;
    buf_reset(&s->elem);
    switch (c) {
    case '{':
    case '[':
        s->state = S_ELEM;
        return push(s, c == '{', at);
    case '"':
        s->state = S_ELEM;
        s->in_str = 1;
        return 0;
    case '}':
    case ']':
    case ',':
    case ':':
        return fail(s, at, "expected a value");
    default:
        s->state = S_SCALAR;
        return 0;
    }
}

/* After a record or the top-level value: where to go on. */
static void after_value(struct json_split *s)
{
    if (s->arr_depth && s->depth >= s->arr_depth) {
        s->state = S_ARR;
        s->expect = EXPECT_COMMA;
    } else {
        s->state = S_TOP;
        s->values++;
        s->newline = 0;
    }
}

static const char *match_key(const struct json_split *s)
{
    for (size_t i = 0; s->keys && s->keys[i]; i++) {
        if (strlen(s->keys[i]) == s->keylen && !memcmp(s->keys[i], s->keybuf, s->keylen)) {
            return s->keys[i];
        }
    }
    return NULL;
}

/*
 * A byte c of a string: its end, an escape. A line break must be escaped, and no escape may
 * stand for NUL (cJSON would end the string there, cutting the text short). Returns ERR or 0.
 */
static int string_byte(struct json_split *s, unsigned char c, unsigned long long at)
{
    if (c == '\n') {
        return fail(s, at, "a line break inside a string (JSON writes it \\n)");
    }
    if (s->uhex) { /* a digit of \uXXXX */
        int digit = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
        if (digit) {
            s->uzero = s->uzero && c == '0';
            if (--s->uhex == 0 && s->uzero) {
                return fail(s, at - 5, "\\u0000 in a string: text may not hold NUL");
            }
            return 0;
        }
        s->uhex = 0; /* not an escape after all (cJSON refuses it): read c as it is */
    }
    if (s->esc) {
        s->esc = 0;
        if (c == 'u') {
            s->uhex = 4;
            s->uzero = 1;
        }
    } else if (c == '\\') {
        s->esc = 1;
    } else if (c == '"') {
        s->in_str = 0;
    }
    return 0;
}

/* A byte of a string or of nesting in S_ELEM, S_CAND or S_REST; returns ERR or 0. */
static int scan(struct json_split *s, unsigned char c, unsigned long long at)
{
    if (s->in_str) {
        return string_byte(s, c, at);
    }
    switch (c) {
    case '"':
        s->in_str = 1;
        return 0;
    case '{':
    case '[':
        return push(s, c == '{', at);
    case '}':
    case ']':
        return pop(s, c == '}', at);
    default:
        return 0;
    }
}

/* Key detection at the top level of S_CAND: before scan() sees byte c. 1: c is consumed. */
static int cand_key(struct json_split *s, unsigned char c, unsigned long long at, int *done)
{
    *done = 0;
    if (s->in_key) {
        int plain = !s->esc && !s->uhex && c != '\\';
        if (string_byte(s, c, at) < 0) {
            return 1;
        }
        if (!s->in_str) {
            s->in_key = 0;
            s->key_match = s->keylen < KEY_MAX ? match_key(s) : NULL;
        } else if (!plain) {
            s->keylen = KEY_MAX; /* an escaped key never matches */
        } else if (s->keylen < KEY_MAX) {
            s->keybuf[s->keylen++] = (char)c;
        }
        return 1;
    }
    if (s->in_str || s->depth != 1 || is_space(c)) {
        return 0;
    }
    if (s->await_value) {
        s->await_value = 0;
        if (s->key_match) {
            if (c != '[') {
                fail(s, at, "'%s' is not a list", s->key_match);
                return 1;
            }
            /* the container: forget the object so far, split the array */
            s->shape = JSON_SPLIT_KEY;
            s->key = s->key_match;
            buf_reset(&s->elem);
            if (push(s, 0, at) < 0) {
                return 1;
            }
            s->arr_depth = s->depth;
            s->expect = EXPECT_FIRST;
            s->state = S_ARR;
            *done = 1;
            return 1;
        }
        return 0;
    }
    if (c == ',') {
        s->at_key = 1;
        s->key_match = NULL;
        return 0;
    }
    if (c == '"' && s->at_key) {
        s->at_key = 0;
        s->in_key = 1;
        s->in_str = 1;
        s->keylen = 0;
        return 1;
    }
    if (c == ':') {
        s->await_value = 1;
        return 1;
    }
    return 0;
}

static int feed_byte(struct json_split *s, const unsigned char *p, size_t len, size_t *i,
                     size_t *span)
{
    static const unsigned char bom[] = {0xEF, 0xBB, 0xBF};
    unsigned char c = p[*i];
    unsigned long long at = s->offset + *i;
    int done, ret;

    switch (s->state) {
    case S_BOM:
        if (s->bom < 3 && c == bom[s->bom]) {
            s->bom++;
            if (s->bom == 3) {
                s->state = S_TOP;
            }
            return 0;
        }
        if (s->bom) {
            return fail(s, at, "a broken byte order mark");
        }
        s->state = S_TOP;
        return feed_byte(s, p, len, i, span);
    case S_TOP:
        if (is_space(c)) {
            s->newline |= c == '\n';
            return 0;
        }
        if (s->values) {
            if (s->shape != JSON_SPLIT_VALUE && s->shape != JSON_SPLIT_LINES) {
                return fail(s, at, "more after the end of the JSON document");
            }
            if (!s->newline) {
                return fail(s, at, "a second JSON value on the same line");
            }
            s->shape = JSON_SPLIT_LINES;
            if (read_whole(s, p, len, i)) {
                return s->ret;
            }
            *span = *i;
            return start_elem(s, c, at);
        }
        if (c == '[') {
            s->shape = JSON_SPLIT_ARRAY;
            if ((ret = push(s, 0, at)) < 0) {
                return ret;
            }
            s->arr_depth = 1;
            s->expect = EXPECT_FIRST;
            s->state = S_ARR;
            return 0;
        }
        if (c == '{') {
            s->state = S_CAND;
            s->elem_base = 0;
            s->elem_line = s->line;
            s->elem_offset = at;
            s->at_key = 1;
            buf_reset(&s->elem);
            *span = *i;
            return push(s, 1, at);
        }
        s->shape = JSON_SPLIT_VALUE;
        *span = *i;
        return start_elem(s, c, at);
    case S_CAND:
        if (cand_key(s, c, at, &done)) {
            if (done) {
                *span = (size_t)-1;
            }
            return s->ret;
        }
        if ((ret = scan(s, c, at)) < 0) {
            return ret;
        }
        if (s->depth == 0) {
            /* no named array: the object is the record */
            s->shape = JSON_SPLIT_VALUE;
            if ((ret = collect(s, (const char *)p + *span, *i + 1 - *span, at)) < 0) {
                return ret;
            }
            *span = (size_t)-1;
            after_value(s);
            return emit(s);
        }
        return 0;
    case S_ARR:
        if (is_space(c)) {
            return 0;
        }
        if (c == ']') {
            if (s->expect == EXPECT_VALUE) {
                return fail(s, at, "a ',' before ']'");
            }
            if ((ret = pop(s, 0, at)) < 0) {
                return ret;
            }
            s->arr_depth = 0;
            if (s->depth == 0) {
                after_value(s);
            } else {
                s->state = S_REST;
            }
            return 0;
        }
        if (c == ',') {
            if (s->expect != EXPECT_COMMA) {
                return fail(s, at, "a ',' where a record should be");
            }
            s->expect = EXPECT_VALUE;
            return 0;
        }
        if (s->expect == EXPECT_COMMA) {
            return fail(s, at, "expected ',' or ']' after a record");
        }
        if (read_whole(s, p, len, i)) {
            return s->ret;
        }
        *span = *i;
        return start_elem(s, c, at);
    case S_ELEM:
        if (s->in_str && !s->esc && !s->uhex) {
            /* the common case: run to the end of the string's plain bytes */
            size_t j = *i + bytes_span3(p + *i, len - *i, '"', '\\', '\n');
            if (j > *i) {
                *i = j - 1;
                return 0;
            }
        }
        if ((ret = scan(s, c, at)) < 0) {
            return ret;
        }
        if (c == '\n' && s->shape == JSON_SPLIT_LINES) {
            return fail(s, at, "record %zu does not end on its line (JSON lines hold one a line)",
                        s->count + 1);
        }
        if (s->depth == s->elem_base && !s->in_str) {
            if ((ret = collect(s, (const char *)p + *span, *i + 1 - *span, at)) < 0) {
                return ret;
            }
            *span = (size_t)-1;
            after_value(s);
            return emit(s);
        }
        return 0;
    case S_SCALAR:
        if (is_space(c) || c == ',' || c == ']' || c == '}') {
            if ((ret = collect(s, (const char *)p + *span, *i - *span, at)) < 0) {
                return ret;
            }
            *span = (size_t)-1;
            after_value(s);
            if ((ret = emit(s)) != 0) {
                return ret;
            }
            return feed_byte(s, p, len, i, span);
        }
        if (c == '{' || c == '[' || c == '"' || c == ':') {
            return fail(s, at, "a malformed value");
        }
        return 0;
    case S_REST:
        if ((ret = scan(s, c, at)) < 0) {
            return ret;
        }
        if (s->depth == 0) {
            after_value(s);
        }
        return 0;
    }
    return 0;
}

/* The bytes outside strings that matter to a record's end: quotes, brackets, line breaks. */
static const unsigned char elem_special[256] = {
    ['"'] = 1, ['{'] = 1, ['}'] = 1, ['['] = 1, [']'] = 1, ['\n'] = 1,
};

/* Split p[0..len), bytes already checked as text. */
static int feed_bytes(struct json_split *s, const unsigned char *p, size_t len)
{
    size_t span =
        (s->state == S_CAND || s->state == S_ELEM || s->state == S_SCALAR) ? 0 : (size_t)-1;
    size_t i;

    if (s->ret) {
        return s->ret;
    }
    for (i = 0; i < len; i++) {
        if (s->state == S_ELEM && !s->esc && !s->uhex) {
            /* inside a record most bytes change nothing: run past them; and inside its
             * brackets (depth above the record's own) a quote that opens or closes a string
             * and a bracket that opens change only what feed_byte would, so they are taken
             * here too: what ends the record, escapes and line breaks go to feed_byte */
            for (;;) {
                if (s->in_str) {
                    i += bytes_span3(p + i, len - i, '"', '\\', '\n');
                    if (i < len && p[i] == '"' && s->depth > s->elem_base) {
                        s->in_str = 0;
                        i++;
                        continue;
                    }
                    break;
                }
                while (i < len && !elem_special[p[i]]) {
                    i++;
                }
                if (i < len && p[i] == '"') {
                    s->in_str = 1;
                    i++;
                    continue;
                }
                if (i < len && (p[i] == '{' || p[i] == '[')) {
                    if (push(s, p[i] == '{', s->offset + i) < 0) {
                        return s->ret;
                    }
                    i++;
                    continue;
                }
                break;
            }
            if (i == len) {
                break;
            }
        }
        if (p[i] == '\n') {
            /* counted first, so a message about a line break names the line it ends */
            if (feed_byte(s, p, len, &i, &span) != 0) {
                return s->ret;
            }
            s->line++;
            continue;
        }
        if (feed_byte(s, p, len, &i, &span) != 0) {
            return s->ret;
        }
    }
    if (span != (size_t)-1 && span < len) {
        if (collect(s, (const char *)p + span, len - span, s->offset + len) < 0) {
            return s->ret;
        }
    }
    s->offset += len;
    return 0;
}

/* The text is refused at byte at of the file, c, the start of what is wrong with it. */
static int not_text(struct json_split *s, unsigned long long at, unsigned char c)
{
    if (!c) {
        return fail(s, at, "a NUL byte");
    }
    if (s->state == S_BOM && c == 0xEF) {
        return fail(s, at, "a broken byte order mark");
    }
    return fail(s, at, "bytes that are not UTF-8 (0x%02X): save the file as UTF-8", c);
}

/*
 * The sequence the last chunk's tail began, with the first bytes of p[0..len): split once it is
 * whole. Returns how many bytes of p it took (then the rest are to be checked), len when it is
 * still short of a whole sequence (kept for the next chunk), or -1 when it is not UTF-8.
 */
static long long finish_tail(struct json_split *s, const unsigned char *p, size_t len)
{
    unsigned char seq[8];
    size_t take = len < 4 ? len : 4, n, have = s->ntail;
    int high = 1;

    if (!have) {
        return 0;
    }
    memcpy(seq, s->tail, have);
    memcpy(seq + have, p, take);
    if ((n = utf8_seq(seq, have + take)) > 0) {
        s->ntail = 0;
        return feed_bytes(s, s->tail, have) != 0 ? -1 : (long long)(n - have);
    }
    for (size_t i = 0; i < have + take; i++) {
        high = high && seq[i] >= 0x80;
    }
    if (high && have + take < 4) {
        memcpy(s->tail, seq, have + take);
        s->ntail = have + take;
        return (long long)len;
    }
    not_text(s, s->offset, seq[0]);
    return -1;
}

int json_split_feed(struct json_split *s, const void *data, size_t len)
{
    const unsigned char *p = data;
    long long from;
    size_t bad, good = len;

    if (s->ret) {
        return s->ret;
    }
    /* Only text is split: UTF-8 without NUL (base/utf8.h). A sequence the end of the chunk cuts
     * waits for the next, unsplit, so that the answer is the same however the file is cut. */
    if ((from = finish_tail(s, p, len)) < 0) {
        return s->ret;
    }
    if (s->ntail) {
        return 0; /* all of p went to a sequence still short */
    }
    if (utf8_check((const char *)p + from, len - (size_t)from, &bad) < 0) {
        int cut;
        good = (size_t)from + bad;
        cut = len - good < 4;
        for (size_t i = good; i < len && cut; i++) {
            cut = p[i] >= 0x80;
        }
        if (cut) {
            s->ntail = len - good;
            memcpy(s->tail, p + good, s->ntail);
        }
        if (feed_bytes(s, p, good) != 0) {
            return s->ret;
        }
        return cut ? 0 : not_text(s, s->offset, p[good]);
    }
    return feed_bytes(s, p, len);
}

int json_split_finish(struct json_split *s)
{
    if (s->ret) {
        return s->ret;
    }
    if (s->ntail) {
        return fail(s, s->offset, "the file ends in the middle of a UTF-8 character");
    }
    switch (s->state) {
    case S_BOM:
    case S_TOP:
        if (!s->values) {
            return fail(s, s->offset, "no JSON value");
        }
        return 0;
    case S_SCALAR:
        after_value(s);
        if (s->state != S_TOP) {
            return fail(s, s->offset, "the file ends inside the document");
        }
        return emit(s);
    case S_ELEM:
    case S_CAND:
        /* say which record the end cuts short: the fault may be where it starts */
        if (s->state == S_ELEM) {
            return fail(s, s->offset,
                        "the file ends inside %s: record %zu, from line %ld, is cut short",
                        s->in_str ? "a string" : "the document", s->count + 1, s->elem_line);
        }
        return fail(s, s->offset, "the file ends inside %s: the object from line %ld is not closed",
                    s->in_str ? "a string" : "the document", s->elem_line);
    default:
        return fail(s, s->offset,
                    s->in_str ? "the file ends inside a string"
                              : "the file ends inside the document");
    }
}
