/* multipart/form-data, strictly. */
#include "multipart.h"

#include <string.h>
#include <strings.h>

#include "base/err.h"
#include "base/utf8.h"
#include "base/banned.h"

#define BOUNDARY_MAX 70        /* RFC 2046 */
#define HEADERS_MAX  (8 << 10) /* a part's headers */

static int fail(struct query *q, const char *field, const char *message)
{
    q->n = 0;
    q->error = (struct field_error){field, message};
    return ERR_INVALID;
}

/* The value of parameter name in a header's parameters p[0..len) (after its first ';'),
 * unquoted (backslash escapes undone), from the arena; NULL when absent, and *bad set when it
 * cannot be read. */
static const char *param(const char *p, size_t len, const char *name, struct arena *arena, int *bad)
{
    size_t nlen = strlen(name), i = 0;

    while (i < len) {
        size_t start, vlen;
        char *v;
        while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == ';')) {
            i++;
        }
        start = i;
        while (i < len && p[i] != '=' && p[i] != ';') {
            i++;
        }
        if (i == len || p[i] != '=') {
            continue; /* a parameter without a value: skipped */
        }
        {
            int match = i - start == nlen && !strncasecmp(p + start, name, nlen);
            i++;
            if (i < len && p[i] == '"') {
                v = arena_alloc(arena, len - i + 1);
                vlen = 0;
                for (i++; i < len && p[i] != '"'; i++) {
                    if (p[i] == '\\' && i + 1 < len) {
                        i++;
                    }
                    v[vlen++] = p[i];
                }
                if (i == len) {
                    *bad = 1;
                    return NULL;
                }
                i++;
                v[vlen] = '\0';
            } else {
                start = i;
                while (i < len && p[i] != ';' && p[i] != ' ' && p[i] != '\t') {
                    i++;
                }
                v = arena_memdupz(arena, p + start, i - start);
            }
            if (match) {
                return v;
            }
        }
    }
    return NULL;
}

int multipart_is(const char *content_type, struct arena *arena, const char **boundary)
{
    static const char type[] = "multipart/form-data";
    const char *semi;
    int bad = 0;
    size_t n;

    *boundary = NULL;
    if (!content_type || strncasecmp(content_type, type, sizeof(type) - 1) ||
        (content_type[sizeof(type) - 1] && content_type[sizeof(type) - 1] != ';' &&
         content_type[sizeof(type) - 1] != ' ')) {
        return 0;
    }
    semi = strchr(content_type, ';');
    *boundary = semi ? param(semi, strlen(semi), "boundary", arena, &bad) : NULL;
    n = *boundary ? strlen(*boundary) : 0;
    if (bad || n < 1 || n > BOUNDARY_MAX || strpbrk(*boundary, "\r\n")) {
        *boundary = "";
    }
    return 1;
}

/* Where needle[0..nlen) first occurs in s[0..len), or NULL. */
static const char *find(const char *s, size_t len, const char *needle, size_t nlen)
{
    const char *end = s + len;

    while (len >= nlen) {
        const char *p = memchr(s, needle[0], len - nlen + 1);
        if (!p) {
            return NULL;
        }
        if (!memcmp(p, needle, nlen)) {
            return p;
        }
        s = p + 1;
        len = (size_t)(end - s);
    }
    return NULL;
}

/* Whether text[0..len) is a form field's value: UTF-8, no NUL, no control but tab, CR, LF. */
static int text_ok(const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;

    if (utf8_check(text, len, NULL) < 0) {
        return 0;
    }
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq(p + i, len - i);
        if (!n || (utf8_is_control(p + i, n) && !(n == 1 && strchr("\t\r\n", p[i]) && p[i]))) {
            return 0;
        }
        i += n;
    }
    return 1;
}

int multipart_parse(const char *boundary, const char *body, size_t len, struct arena *arena,
                    struct query *q, struct multipart_file *file)
{
    char delim[BOUNDARY_MAX + 5];
    size_t dlen, blen = boundary ? strlen(boundary) : 0;
    const char *p = body, *end = body + len;

    q->n = 0;
    q->error = (struct field_error){NULL, NULL};
    memset(file, 0, sizeof(*file));
    if (blen < 1 || blen > BOUNDARY_MAX) {
        return fail(q, NULL, "The form's boundary is missing or longer than 70 characters");
    }
    /* "--boundary" opens the body; "\r\n--boundary" ends each part */
    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, boundary, blen);
    dlen = blen + 4;
    if (len < dlen - 2 || memcmp(p, delim + 2, dlen - 2)) {
        return fail(q, NULL, "The form does not start with its boundary");
    }
    p += dlen - 2;
    for (;;) {
        const char *headers, *hend, *data, *next, *name = NULL, *filename = NULL, *ctype = NULL;
        int bad = 0;

        if (end - p >= 2 && !memcmp(p, "--", 2)) {
            return 0; /* the closing boundary: what follows is an epilogue */
        }
        if (end - p < 2 || memcmp(p, "\r\n", 2)) {
            return fail(q, NULL, "A boundary of the form is followed by something else");
        }
        headers = p + 2;
        hend = find(headers, (size_t)(end - headers), "\r\n\r\n", 4);
        if (!hend && end - headers >= 2 && !memcmp(headers, "\r\n", 2)) {
            hend = headers - 2; /* a part without headers */
        }
        if (!hend || hend - headers > HEADERS_MAX) {
            return fail(q, NULL, "A part of the form has no end to its headers");
        }
        for (const char *h = headers; h < hend;) {
            const char *eol = find(h, (size_t)(hend - h), "\r\n", 2);
            size_t hl = eol ? (size_t)(eol - h) : (size_t)(hend - h);
            const char *colon = memchr(h, ':', hl);
            if (!colon) {
                return fail(q, NULL, "A header of a part of the form is not valid");
            }
            if ((size_t)(colon - h) == 19 && !strncasecmp(h, "Content-Disposition", 19)) {
                const char *v = colon + 1, *semi;
                size_t vl = hl - (size_t)(v - h);
                while (vl && (*v == ' ' || *v == '\t')) {
                    v++, vl--;
                }
                if (vl < 9 || strncasecmp(v, "form-data", 9) ||
                    (vl > 9 && v[9] != ';' && v[9] != ' ')) {
                    return fail(q, NULL, "A part of the form is not form-data");
                }
                semi = v + 9;
                name = param(semi, vl - 9, "name", arena, &bad);
                filename = param(semi, vl - 9, "filename", arena, &bad);
            } else if ((size_t)(colon - h) == 12 && !strncasecmp(h, "Content-Type", 12)) {
                const char *v = colon + 1;
                while (v < h + hl && (*v == ' ' || *v == '\t')) {
                    v++;
                }
                ctype = arena_memdupz(arena, v, (size_t)(h + hl - v));
            }
            h += hl + 2;
        }
        if (bad || !name || !*name || !text_ok(name, strlen(name)) ||
            (filename && !text_ok(filename, strlen(filename)))) {
            return fail(q, NULL, "A part of the form has no name that can be read");
        }
        data = hend + 4;
        next = data <= end ? find(data, (size_t)(end - data), delim, dlen) : NULL;
        if (!next) {
            return fail(q, name, "The form ends before its closing boundary");
        }
        if (filename) {
            if (next > data || *filename) {
                if (file->field) {
                    return fail(q, name, "The form may send one file");
                }
                file->field = name;
                file->filename = filename;
                file->content_type = ctype;
                file->data = data;
                file->len = (size_t)(next - data);
            }
        } else {
            if (q->n == QUERY_MAX_PARAMS) {
                return fail(q, NULL, "The form has too many fields");
            }
            if (!text_ok(data, (size_t)(next - data))) {
                return fail(q, name, "is not text (it must be UTF-8, without control characters)");
            }
            q->params[q->n].name = name;
            q->params[q->n].value = arena_memdupz(arena, data, (size_t)(next - data));
            q->n++;
        }
        p = next + dlen;
    }
}
