/* What the JSON readers and writers of codec/ share over cJSON. */
#include "json_util.h"

#include <string.h>

#include "base/bytes.h"
#include "base/err.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "base/banned.h"

cJSON *json_must(cJSON *item)
{
    if (!item) {
        die("out of memory building JSON");
    }
    return item;
}

void json_add_str(cJSON *o, const char *key, const char *v)
{
    json_must(v ? cJSON_AddStringToObject(o, key, v) : cJSON_AddNullToObject(o, key));
}

void json_add_date(cJSON *o, const char *key, date_t d)
{
    char s[DATE_STRLEN + 1];

    if (!d) {
        json_must(cJSON_AddNullToObject(o, key));
        return;
    }
    date_format(d, s);
    json_add_str(o, key, s);
}

void json_add_null(cJSON *o, const char *key)
{
    json_must(cJSON_AddNullToObject(o, key));
}

void json_add_num(cJSON *o, const char *key, double v)
{
    json_must(cJSON_AddNumberToObject(o, key, v));
}

void json_add_int(cJSON *o, const char *key, long long v)
{
    json_must(cJSON_AddNumberToObject(o, key, (double)v));
}

void json_print(struct buf *b, cJSON *root)
{
    char *s = cJSON_PrintUnformatted(root);

    if (!s) {
        die("out of memory printing JSON");
    }
    buf_adds(b, s);
    cJSON_free(s);
    cJSON_Delete(root);
}

cJSON *json_list_new(size_t total, cJSON **items)
{
    cJSON *root = json_must(cJSON_CreateObject());

    json_add_num(root, "total", (double)total);
    *items = json_must(cJSON_AddArrayToObject(root, "items"));
    return root;
}

void json_list_print(struct buf *b, cJSON *root, const char *next)
{
    json_add_str(root, "next", next);
    json_print(b, root);
}

void json_list(struct buf *b, size_t total, const void *items, size_t n, size_t size,
               cJSON *(*object)(const void *item), const char *next)
{
    cJSON *arr, *root = json_list_new(total, &arr);

    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(arr, object((const char *)items + i * size));
    }
    json_list_print(b, root, next);
}

/* Whether byte c is written escaped in a JSON string. */
static inline int json_special(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

void json_w_str(struct buf *b, const char *v)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)v, *run, *end;
    size_t len;

    if (!v) {
        buf_add(b, "null", 4);
        return;
    }
    len = strlen(v);
    end = p + len;
    /* most strings have nothing to escape: found so, they are written whole */
    while (end - p >= 8) {
        uint64_t w = bytes_load8(p);
        if (bytes_has_less(w, 0x20) | bytes_has(w, '"') | bytes_has(w, '\\')) {
            break;
        }
        p += 8;
    }
    while (p < end && !json_special(*p)) {
        p++;
    }
    buf_addc(b, '"');
    if (p == end) {
        buf_add(b, v, len);
        buf_addc(b, '"');
        return;
    }
    for (run = (const unsigned char *)v;; p++) {
        char esc[6];
        size_t n = 2;

        /* eight plain bytes at a time (no control character, quote or backslash among them) */
        while (end - p >= 8) {
            uint64_t w = bytes_load8(p);
            if (bytes_has_less(w, 0x20) | bytes_has(w, '"') | bytes_has(w, '\\')) {
                break;
            }
            p += 8;
        }
        if (!json_special(*p)) {
            continue;
        }
        buf_add(b, run, (size_t)(p - run));
        if (!*p) {
            break;
        }
        esc[0] = '\\';
        switch (*p) {
        case '"':
        case '\\':
            esc[1] = (char)*p;
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[*p >> 4];
            esc[5] = hex[*p & 15];
            n = 6;
        }
        buf_add(b, esc, n);
        run = p + 1;
    }
    buf_addc(b, '"');
}

void json_w_id(struct buf *b, const char *id)
{
    buf_addc(b, '"');
    buf_adds(b, id);
    buf_addc(b, '"');
}

void json_w_int(struct buf *b, long long v)
{
    char s[24], *e = s + sizeof(s);
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

    do {
        *--e = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) {
        *--e = '-';
    }
    buf_add(b, e, (size_t)(s + sizeof(s) - e));
}

void json_w_date(struct buf *b, date_t d)
{
    char s[DATE_STRLEN + 1];

    if (!d) {
        buf_add(b, "null", 4);
        return;
    }
    date_format(d, s);
    json_w_str(b, s);
}

void json_w_list_start(struct buf *b, size_t total)
{
    buf_adds(b, "{\"total\":");
    json_w_int(b, (long long)total);
    buf_adds(b, ",\"items\":[");
}

void json_w_list_end(struct buf *b, const char *next)
{
    buf_adds(b, "],\"next\":");
    json_w_str(b, next);
    buf_addc(b, '}');
}

int json_fail(const char **field, const char **why, const char *f, const char *w)
{
    *field = f;
    *why = w;
    return ERR_INVALID;
}

/* ---- the text of a body ---- */

#define PATH_DEPTH 16 /* deeper than any body's fields go: a fault below is the body's */

static const char not_utf8[] = "is not valid UTF-8 text";
static const char has_nul[] = "contains a NUL character (\\u0000), which text may not";
static const char half_pair[] = "contains half of a surrogate pair (\\ud800 to \\udfff) alone, "
                                "which is not a character";

/* Where a string stands: one level of the containers around it. */
struct level {
    int object;      /* else an array */
    size_t index;    /* an array's element being read */
    const char *key; /* an object's member being read: its name as sent, NULL before the first */
    size_t key_len;
};

/* The number written by the 4 hex digits at s, or -1. */
static long hex4(const char *s)
{
    long v = 0;

    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) {
            return -1;
        }
        v = v * 16 + d;
    }
    return v;
}

/*
 * What is wrong with a string whose contents as sent (between the quotes) are s[0..len), or
 * NULL. Escapes cJSON refuses anyway (\x, \u12) are left to it.
 */
static const char *string_fault(const char *s, size_t len)
{
    size_t bad;

    if (utf8_check(s, len, &bad) < 0) {
        return s[bad] ? not_utf8 : has_nul;
    }
    for (size_t i = 0; i + 1 < len; i++) {
        long u, low;
        if (s[i] != '\\') {
            continue;
        }
        if (s[i + 1] != 'u' || len - i < 6 || (u = hex4(s + i + 2)) < 0) {
            i++; /* the escaped character */
            continue;
        }
        if (u == 0) {
            return has_nul;
        }
        if (u >= 0xdc00 && u <= 0xdfff) {
            return half_pair;
        }
        if (u >= 0xd800 && u <= 0xdbff) {
            if (len - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u' ||
                (low = hex4(s + i + 8)) < 0xdc00 || low > 0xdfff) {
                return half_pair;
            }
            i += 6; /* the low half */
        }
        i += 5;
    }
    return NULL;
}

/* Where the string opening at text[i] ends: the offset of its closing quote, or len. */
static size_t string_end(const char *text, size_t len, size_t i)
{
    for (i++; i < len && text[i] != '"'; i++) {
        i += text[i] == '\\'; /* the escaped character, a quote perhaps */
    }
    return i < len ? i : len;
}

/* Refuse the string at up[0..depth): its member's name when key, else its value. */
static int text_fault(struct arena *arena, const struct level *up, size_t depth, int key,
                      const char *fault, const char **field, const char **why)
{
    struct buf path = BUF_INIT, w = BUF_INIT;
    size_t n = depth > PATH_DEPTH ? 0 : depth - (key && depth);

    for (size_t k = 0; k < n; k++) {
        if (up[k].object && !up[k].key) {
            buf_reset(&path); /* not JSON: cJSON would refuse it, so the body is at fault */
            break;
        }
        if (k) {
            buf_addc(&path, '.');
        }
        if (up[k].object) {
            buf_add(&path, up[k].key, up[k].key_len);
        } else {
            buf_addf(&path, "%zu", up[k].index);
        }
    }
    if (key) {
        buf_addf(&w, "has a field name that %s", fault);
    }
    *field = path.len && !buf_failed(&path) ? arena_strdup(arena, path.data) : "body";
    *why = key ? arena_strdup(arena, w.data) : fault;
    buf_release(&path);
    buf_release(&w);
    return ERR_INVALID;
}

int json_text_check(const char *text, size_t len, struct arena *arena, const char **field,
                    const char **why)
{
    struct level up[PATH_DEPTH];
    size_t depth = 0, end, n;
    int key = 0; /* the next string names a member */

    *field = NULL;
    *why = NULL;
    for (size_t i = 0; i < len; i++) {
        struct level *top = depth && depth <= PATH_DEPTH ? &up[depth - 1] : NULL;
        const char *fault;
        switch (text[i]) {
        case '{':
        case '[':
            if (depth < PATH_DEPTH) {
                up[depth] = (struct level){text[i] == '{', 0, NULL, 0};
            }
            depth++;
            key = text[i] == '{';
            break;
        case '}':
        case ']':
            depth -= depth > 0;
            key = 0;
            break;
        case ',':
            key = top && top->object;
            if (top && !top->object) {
                top->index++;
            }
            break;
        case '"':
            end = string_end(text, len, i);
            if ((fault = string_fault(text + i + 1, end - i - 1))) {
                return text_fault(arena, up, depth, key, fault, field, why);
            }
            if (key && top) {
                top->key = text + i + 1;
                top->key_len = end - i - 1;
            }
            key = 0;
            i = end;
            break;
        case '\0':
            return json_fail(field, why, "body", has_nul);
        default:
            /* outside strings only JSON's ASCII is right; cJSON refuses the rest, but not after
             * the value, so malformed UTF-8 is refused here */
            if ((unsigned char)text[i] >= 0x80) {
                if (!(n = utf8_seq((const unsigned char *)text + i, len - i))) {
                    return json_fail(field, why, "body", not_utf8);
                }
                i += n - 1;
            }
            break;
        }
    }
    return 0;
}

int json_parse_object(const char *text, size_t len, struct arena *arena, cJSON **root,
                      const char **field, const char **why)
{
    struct buf sentence = BUF_INIT;

    *root = NULL;
    if (json_text_check(text, len, arena, field, why) < 0) {
        buf_addf(&sentence, "%s %s.", *field, *why);
        *why = arena_strdup(arena, sentence.data);
        buf_release(&sentence);
        return ERR_INVALID;
    }
    *root = cJSON_ParseWithLength(text, len);
    if (!*root || !cJSON_IsObject(*root)) {
        return json_fail(field, why, "body", "The body must be a JSON object.");
    }
    return 0;
}
