/*
 * A JSON reader that builds cJSON's tree (cJSON's own struct, read with cJSON's functions) in an
 * arena: no allocation per node and nothing to free but the arena, for decoders that read
 * record after record of a large file (codec/opendata.c).
 *
 * It reads strict JSON (RFC 8259) only, and answers NULL for anything else: malformed text,
 * and also what cJSON reads leniently (white space other than space, tab, line feed and
 * carriage return; a byte order mark; text after the value; a number longer than 63
 * characters; a \u escape of NUL or of half a surrogate pair; nesting deeper than 512; a NUL
 * byte). The caller then hands the text to cJSON_ParseWithLength, which decides: so what is
 * accepted, and the tree read, are cJSON's in every case. Where it answers a tree, that tree is
 * the one cJSON_ParseWithLength would build (same types, strings, numbers, keys in order).
 */
#ifndef CODEC_JSON_TREE_H
#define CODEC_JSON_TREE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "base/arena.h"

/* Longest text read here; longer is left to cJSON (the arena would keep the memory). */
#define JSON_TREE_MAX ((size_t)1 << 20)
/* Deepest nesting read here. */
#define JSON_TREE_DEPTH 512

/* The tree of text[0..len), nodes and strings from arena; NULL: not strict JSON, ask cJSON. */
cJSON *json_tree_parse(const char *text, size_t len, struct arena *arena);
/*
 * The same, but when the root is an object its members not named in keep (a NULL-terminated
 * list) are left out of the tree: read and checked as the rest (the answer is NULL for the same
 * texts), with no node made or string copied. For a decoder that reads a few members of large
 * records: what it finds (cJSON_GetObjectItemCaseSensitive's first member of a name) is what
 * it would find in the whole tree.
 */
cJSON *json_tree_parse_some(const char *text, size_t len, const char *const *keep,
                            struct arena *arena);
/*
 * The object or array at the very start of text[0..len) (its first byte a bracket), read as
 * json_tree_parse_some reads one, with what follows it left unread: for a splitter that reads a
 * record where it finds it, in place. *used is the value's length and *lines the line breaks
 * in its white space (a line break in a string is not counted: a caller that refuses those
 * compares this with all the line breaks in the value's bytes). NULL, *used 0: not strict
 * JSON, nested deeper than depth (or JSON_TREE_DEPTH), or not ended within len (cut short).
 */
cJSON *json_tree_parse_prefix(const char *text, size_t len, const char *const *keep, int depth,
                              struct arena *arena, size_t *used, long *lines);

#endif
