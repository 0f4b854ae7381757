/* Parsing of cookies and Authorization headers. */
#include "auth.h"

#include <string.h>
#include <strings.h>

#include "base/err.h"
#include "base/banned.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

int cookie_value(const char *header, const char *name, char *out, size_t size)
{
    size_t nlen = strlen(name);
    const char *p = header;

    out[0] = '\0';
    while (p && *p) {
        const char *end, *eq;
        while (is_space(*p) || *p == ';') {
            p++;
        }
        end = strchr(p, ';');
        if (!end) {
            end = p + strlen(p);
        }
        eq = memchr(p, '=', (size_t)(end - p));
        if (eq && (size_t)(eq - p) == nlen && !memcmp(p, name, nlen)) {
            const char *v = eq + 1, *vend = end;
            size_t len;
            while (vend > v && is_space(vend[-1])) {
                vend--;
            }
            if (vend - v >= 2 && *v == '"' && vend[-1] == '"') {
                v++;
                vend--;
            }
            len = (size_t)(vend - v);
            if (len + 1 > size) {
                return ERR_INVALID;
            }
            for (size_t i = 0; i < len; i++) {
                unsigned char c = (unsigned char)v[i];
                if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == '\\') {
                    return ERR_INVALID;
                }
            }
            memcpy(out, v, len);
            out[len] = '\0';
            return 0;
        }
        p = *end ? end + 1 : end;
    }
    return ERR_NOT_FOUND;
}

int bearer_token(const char *header, char *out, size_t size)
{
    const char *p = header;
    size_t len;

    out[0] = '\0';
    while (is_space(*p)) {
        p++;
    }
    if (strncasecmp(p, "Bearer", 6) != 0 || (p[6] && !is_space(p[6]))) {
        return ERR_NOT_FOUND; /* another scheme, such as "Basic" or "BearerX" */
    }
    p += 6;
    while (is_space(*p)) {
        p++;
    }
    len = strlen(p);
    while (len && is_space(p[len - 1])) {
        len--;
    }
    if (!len || len + 1 > size) {
        return ERR_INVALID;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c <= 0x20 || c >= 0x7f) {
            return ERR_INVALID;
        }
    }
    memcpy(out, p, len);
    out[len] = '\0';
    return 0;
}

int secret_text_valid(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_')) {
            return 0;
        }
    }
    return n == 43;
}

int local_path_valid(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\') {
        return 0;
    }
    for (const unsigned char *p = (const unsigned char *)next; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            return 0;
        }
    }
    return strlen(next) < 2048;
}
