/* compact audit: the history of one entity from the append-only audit trail. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/banned.h"

/*
 * Split "KIND/ID" into a known kind and the identifier as the trail stores it: a number in its
 * plain decimal form, a user's email as it was first written. Prints what is wrong; returns 0
 * or an exit code.
 */
static int parse_entity(struct store *st, const char *s, struct arena *arena, const char **kind,
                        const char **id)
{
    const char *slash = strchr(s, '/');
    const struct audit_kind *k;
    size_t klen;

    if (!slash || slash == s || !slash[1]) {
        fputs("compact: '", stderr);
        cmd_text(stderr, s);
        fputs("' is not KIND/ID; give e.g. user/name@example.org, api_token/2 or compact/3\n",
              stderr);
        return EXIT_USAGE;
    }
    klen = (size_t)(slash - s);
    if (!(k = audit_kind_find(s, klen))) {
        fputs("compact: unknown kind '", stderr);
        cmd_text(stderr, arena_memdupz(arena, s, klen));
        fputs("'; use " AUDIT_KINDS "\n", stderr);
        return EXIT_USAGE;
    }
    *kind = k->name;
    *id = slash + 1;
    if (k->numeric) {
        const char *digits = *id;
        char *end = NULL, num[24];
        long long v = 0;
        errno = 0;
        if (digits[0] >= '0' && digits[0] <= '9') {
            v = strtoll(digits, &end, 10);
        }
        if (v < 1 || *end || errno) {
            fprintf(stderr, "compact: %s '", k->name);
            cmd_text(stderr, *id);
            fprintf(stderr, "' is not a number; give e.g. %s/2\n", k->name);
            return EXIT_USAGE;
        }
        if (snprintf(num, sizeof(num), "%lld", v) >= (int)sizeof(num)) {
            return EXIT_FAIL; /* cannot happen: 20 digits and a sign fit */
        }
        *id = arena_strdup(arena, num);
    } else if (!strcmp(k->name, "user")) {
        struct user u;
        /* Emails match in any case, but the trail keeps the one first written. */
        if (store_user_by_email(st, *id, arena, &u, NULL) == 0) {
            *id = u.email;
        }
    }
    return 0;
}

static void entry_json(FILE *out, const void *item)
{
    const struct audit_entry *e = item;
    fprintf(out, "{\"id\": %lld", e->id);
    cmd_json_member(out, "at", e->at);
    cmd_json_member(out, "actor", e->actor);
    cmd_json_member(out, "action", e->action);
    cmd_json_member(out, "kind", e->kind);
    cmd_json_member(out, "entity", e->entity);
    /* The trail holds JSON that SQLite's json_object() wrote: embedded as it is. */
    fprintf(out, ", \"before\": %s, \"after\": %s}", e->before ? e->before : "null",
            e->after ? e->after : "null");
}

static void entry_text(FILE *out, const struct audit_entry *e)
{
    cmd_text(out, e->at);
    fputs("  ", out);
    cmd_text(out, e->actor);
    fputs("  ", out);
    cmd_text(out, e->action);
    putc('\n', out);
    if (e->before) {
        fputs("  before: ", out);
        cmd_text(out, e->before);
        putc('\n', out);
    }
    if (e->after) {
        fputs("  after:  ", out);
        cmd_text(out, e->after);
        putc('\n', out);
    }
}

static const struct opt_cmd audit_cmd = {
    NULL, 0,
    "Show who changed an entity, when, and its state before and after (JSON), oldest\n"
    "first.\n"};

int cmd_audit(int argc, char **argv)
{
    int format = FORMAT_TEXT, err, ret;
    const char *db, *entity = NULL, *kind, *id;
    struct audit_entry *entries;
    struct store *st;
    struct arena arena;
    size_t n;
    const struct opt opts[] = {
        OPT_STRING_REQUIRED("entity", "KIND/ID", &entity,
                            "the kind, one of " AUDIT_KINDS ", and the identifier: e.g. "
                            "user/name@example.org, api_token/2 or compact/3"),
        OPT_FORMAT(&format),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&audit_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    arena_init(&arena);
    if ((ret = parse_entity(st, entity, &arena, &kind, &id)) != 0) {
        goto cleanup;
    }
    ret = EXIT_FAIL;
    if ((err = store_audit_list(st, kind, id, &arena, &entries, &n)) < 0) {
        fprintf(stderr, "compact: cannot read the audit trail: %s\n", err_str(err));
        goto cleanup;
    }
    if (format == FORMAT_JSON) {
        cmd_json_list(stdout, entries, n, sizeof(*entries), entry_json);
    } else if (!n) {
        fprintf(stderr, "no history for %s/", kind);
        cmd_text(stderr, id);
        putc('\n', stderr);
    } else {
        for (size_t i = 0; i < n; i++) {
            if (i) {
                putchar('\n');
            }
            entry_text(stdout, &entries[i]);
        }
    }
    ret = cmd_finish_output();
cleanup:
    store_close(st);
    arena_release(&arena);
    return ret;
}
