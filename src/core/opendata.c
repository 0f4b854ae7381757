/* org-id identifiers of the organisation register's schemes. */
#include "opendata.h"

#include <string.h>

#include "core/organisation.h"
#include "base/banned.h"

enum orgid_scheme orgid_linked(const char *s, char out[ORG_ID_MAX + 1])
{
    static const struct {
        const char *prefix;
        enum orgid_scheme scheme;
    } linked[] = {{"GB-LAE-", ORGID_LAE}, {"GB-CHC-", ORGID_CHC}, {"GB-COH-", ORGID_COH}};
    const char *why;
    size_t n = s ? strlen(s) : 0;

    out[0] = '\0';
    if (!s || n > ORG_ID_MAX) {
        return ORGID_NONE;
    }
    for (size_t i = 0; i <= n; i++) {
        out[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
    }
    for (size_t i = 0; i < sizeof(linked) / sizeof(linked[0]); i++) {
        if (!strncmp(out, linked[i].prefix, 7) && orgid_check(out, &why) == 0) {
            return linked[i].scheme;
        }
    }
    out[0] = '\0';
    return ORGID_NONE;
}

enum orgid_scheme orgid_scheme(const char *s)
{
    char form[ORG_ID_MAX + 1];
    return orgid_linked(s, form);
}

/* Whether byte c is part of a word: an ASCII letter or digit, or a byte of a character beyond
 * ASCII. */
static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

size_t name_words(const char *q, struct arena *arena, const char *words[NAME_WORDS_MAX], int *more)
{
    size_t n = 0;

    *more = 0;
    while (q && *q) {
        size_t len = 0;
        char *w;
        while (*q && !word_byte((unsigned char)*q)) {
            q++;
        }
        while (word_byte((unsigned char)q[len])) {
            len++;
        }
        if (!len) {
            break;
        }
        if (n == NAME_WORDS_MAX) {
            *more = 1;
            break;
        }
        w = arena_alloc(arena, len + 1);
        for (size_t i = 0; i < len; i++) {
            w[i] = fold(q[i]);
        }
        w[len] = '\0';
        words[n++] = w;
        q += len;
    }
    return n;
}

/* Whether word (lower case) begins a word of name. */
static int begins_a_word(const char *name, const char *word)
{
    size_t len = strlen(word);
    for (size_t i = 0; name[i]; i++) {
        size_t k = 0;
        if (i && word_byte((unsigned char)name[i - 1])) {
            continue;
        }
        while (k < len && name[i + k] && fold(name[i + k]) == word[k]) {
            k++;
        }
        if (k == len) {
            return 1;
        }
    }
    return 0;
}

int name_has_words(const char *name, const char *const *words, size_t n)
{
    if (!name || !n) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (!begins_a_word(name, words[i])) {
            return 0;
        }
    }
    return 1;
}
