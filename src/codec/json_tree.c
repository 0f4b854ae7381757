/* cJSON trees of strict JSON in an arena: a recursive descent reader (json_tree.h). */
#include "json_tree.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "base/banned.h"

#define NUMBER_MAX 62 /* cJSON reads at most 63 characters of a number */

struct reader {
    const unsigned char *p, *end;
    struct arena *arena;
    int depth, max_depth;    /* nesting so far, and the most allowed */
    long lines;              /* line breaks in the white space read */
    const char *const *keep; /* the root object's members to keep, or NULL for all */
    int discard;             /* reading a value left out: checked, not kept */
    cJSON dummy;             /* the node of every value left out */
};

static cJSON *value(struct reader *r);

static void skip_space(struct reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t')) {
        r->lines += *r->p == '\n';
        r->p++;
    }
}

static cJSON *new_node(struct reader *r, int type)
{
    cJSON *n = r->discard ? &r->dummy : arena_alloc(r->arena, sizeof(*n));
    memset(n, 0, sizeof(*n));
    n->type = type;
    return n;
}

/* Four hex digits at p into *v: 0, or -1 when they are not. */
static int hex4(const unsigned char *p, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = p[i];
        unsigned d;
        if (c >= '0' && c <= '9') {
            d = (unsigned)(c - '0');
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
            d = (unsigned)((c | 0x20) - 'a' + 10);
        } else {
            return -1;
        }
        *v = *v << 4 | d;
    }
    return 0;
}

/* A \u escape (or a surrogate pair of them) at *in, before end, as UTF-8 at *out: 0 or -1. */
static int unicode(const unsigned char **in, const unsigned char *end, unsigned char **out)
{
    const unsigned char *p = *in;
    unsigned cp, low;
    unsigned char *o = *out;

    if (end - p < 6 || hex4(p + 2, &cp) < 0 || cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) {
        return -1;
    }
    p += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &low) < 0 || low < 0xDC00 ||
            low > 0xDFFF) {
            return -1;
        }
        p += 6;
        cp = 0x10000 + (((cp & 0x3FF) << 10) | (low & 0x3FF));
    }
    if (cp < 0x80) {
        *o++ = (unsigned char)cp;
    } else if (cp < 0x800) {
        *o++ = (unsigned char)(0xC0 | cp >> 6);
        *o++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (unsigned char)(0xE0 | cp >> 12);
        *o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (unsigned char)(0xF0 | cp >> 18);
        *o++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (unsigned char)(0x80 | (cp & 0x3F));
    }
    *in = p;
    *out = o;
    return 0;
}

/* The string at r->p (its opening quote), decoded, from the arena; NULL when it is not one. */
static char *string(struct reader *r)
{
    const unsigned char *s = r->p + 1, *q = s, *end;
    unsigned char *out, *o;

    q += bytes_span3(q, (size_t)(r->end - q), '"', '\\', '\0');
    if (q < r->end && *q == '"') { /* the common case: nothing to decode */
        r->p = q + 1;
        return r->discard ? (char *)"" : arena_memdupz(r->arena, s, (size_t)(q - s));
    }
    /* find the end, then decode: the text is never shorter than what it stands for */
    while (q < r->end && *q != '"' && *q) {
        q += *q == '\\' ? 2 : 1;
    }
    if (q >= r->end || *q != '"') {
        return NULL;
    }
    end = q;
    o = out = arena_alloc(r->arena, (size_t)(end - s) + 1);
    for (q = s; q < end;) {
        if (*q != '\\') {
            *o++ = *q++;
            continue;
        }
        switch (q[1]) {
        case 'b':
            *o++ = '\b';
            break;
        case 'f':
            *o++ = '\f';
            break;
        case 'n':
            *o++ = '\n';
            break;
        case 'r':
            *o++ = '\r';
            break;
        case 't':
            *o++ = '\t';
            break;
        case '"':
        case '\\':
        case '/':
            *o++ = q[1];
            break;
        case 'u':
            if (unicode(&q, end, &o) < 0) {
                return NULL;
            }
            continue;
        default:
            return NULL;
        }
        q += 2;
    }
    *o = '\0';
    r->p = end + 1;
    return (char *)out;
}

/* A number in JSON's own grammar, read as cJSON reads it (strtod, valueint saturated). */
static cJSON *number(struct reader *r)
{
    const unsigned char *s = r->p, *p = s;
    char text[NUMBER_MAX + 1];
    double d;
    cJSON *n;

#define DIGITS(p) ((p) < r->end && *(p) >= '0' && *(p) <= '9')
    if (p < r->end && *p == '-') {
        p++;
    }
    if (p < r->end && *p == '0') {
        p++;
    } else if (DIGITS(p)) {
        while (DIGITS(p)) {
            p++;
        }
    } else {
        return NULL;
    }
    if (p < r->end && *p == '.') {
        if (!DIGITS(p + 1)) {
            return NULL;
        }
        for (p++; DIGITS(p); p++) {
        }
    }
    if (p < r->end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < r->end && (*p == '+' || *p == '-')) {
            p++;
        }
        if (!DIGITS(p)) {
            return NULL;
        }
        while (DIGITS(p)) {
            p++;
        }
    }
#undef DIGITS
    if (p - s > NUMBER_MAX) {
        return NULL;
    }
    n = new_node(r, cJSON_Number);
    r->p = p;
    if (r->discard) {
        return n;
    }
    memcpy(text, s, (size_t)(p - s));
    text[p - s] = '\0';
    d = strtod(text, NULL);
    n->valuedouble = d;
    n->valueint = d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
    return n;
}

/* A literal word at r->p: the node, or NULL. */
static cJSON *literal(struct reader *r, const char *word, int type)
{
    size_t n = strlen(word);
    cJSON *node;
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0) {
        return NULL;
    }
    r->p += n;
    node = new_node(r, type);
    node->valueint = type == cJSON_True;
    return node;
}

static int kept(const char *const *keep, const char *key)
{
    for (; *keep; keep++) {
        if (**keep == *key && !strcmp(*keep, key)) { /* the first byte first: few share it */
            return 1;
        }
    }
    return 0;
}

/* The members of an object or the elements of an array, r->p at its opening bracket. */
static cJSON *container(struct reader *r, int object)
{
    cJSON *node = new_node(r, object ? cJSON_Object : cJSON_Array), *last = NULL;
    unsigned char close = object ? '}' : ']';

    if (++r->depth > r->max_depth) {
        return NULL;
    }
    r->p++;
    skip_space(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        r->depth--;
        return node;
    }
    for (;;) {
        char *key = NULL;
        cJSON *item;
        skip_space(r);
        if (object) {
            if (r->p >= r->end || *r->p != '"' || !(key = string(r))) {
                return NULL;
            }
            skip_space(r);
            if (r->p >= r->end || *r->p != ':') {
                return NULL;
            }
            r->p++;
            skip_space(r);
        }
        if (key && r->keep && r->depth == 1 && !kept(r->keep, key)) {
            r->discard++; /* a member of the root left out: read, checked, not linked */
            item = value(r);
            r->discard--;
            if (!item) {
                return NULL;
            }
        } else if (!(item = value(r))) {
            return NULL;
        } else {
            item->string = key;
            if (last) {
                last->next = item;
                item->prev = last;
            } else {
                node->child = item;
            }
            last = item;
        }
        skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == close) {
            r->p++;
            break;
        }
        return NULL;
    }
    if (node->child) {
        node->child->prev = last; /* as cJSON links them: the first's prev is the last */
    }
    r->depth--;
    return node;
}

static cJSON *value(struct reader *r)
{
    cJSON *n;
    if (r->p >= r->end) {
        return NULL;
    }
    switch (*r->p) {
    case '"': {
        char *s = string(r);
        if (!s) {
            return NULL;
        }
        n = new_node(r, cJSON_String);
        n->valuestring = s;
        return n;
    }
    case '{':
    case '[':
        return container(r, *r->p == '{');
    case 't':
        return literal(r, "true", cJSON_True);
    case 'f':
        return literal(r, "false", cJSON_False);
    case 'n':
        return literal(r, "null", cJSON_NULL);
    default:
        return number(r);
    }
}

/* A reader of text[0..len), or 0 when there is nothing it may read. */
static int reader_start(struct reader *r, const char *text, size_t len, const char *const *keep,
                        int depth, struct arena *arena)
{
    if (!text || !len || len > JSON_TREE_MAX) {
        return 0;
    }
    memset(r, 0, sizeof(*r));
    r->p = (const unsigned char *)text;
    r->end = r->p + len;
    r->arena = arena;
    r->keep = keep;
    r->max_depth = depth < JSON_TREE_DEPTH ? depth : JSON_TREE_DEPTH;
    return 1;
}

cJSON *json_tree_parse_some(const char *text, size_t len, const char *const *keep,
                            struct arena *arena)
{
    struct reader r;
    cJSON *root;

    if (!reader_start(&r, text, len, keep, JSON_TREE_DEPTH, arena)) {
        return NULL;
    }
    skip_space(&r);
    if (!(root = value(&r))) {
        return NULL;
    }
    skip_space(&r);
    return r.p == r.end ? root : NULL;
}

cJSON *json_tree_parse_prefix(const char *text, size_t len, const char *const *keep, int depth,
                              struct arena *arena, size_t *used, long *lines)
{
    struct reader r;
    cJSON *root;

    *used = 0;
    *lines = 0;
    if (!reader_start(&r, text, len, keep, depth, arena) || (*text != '{' && *text != '[') ||
        !(root = value(&r))) {
        return NULL;
    }
    *used = (size_t)(r.p - (const unsigned char *)text);
    *lines = r.lines;
    return root;
}

cJSON *json_tree_parse(const char *text, size_t len, struct arena *arena)
{
    return json_tree_parse_some(text, len, NULL, arena);
}
