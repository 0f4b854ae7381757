/* compact token add, list and revoke: bearer tokens for scripts, stored only as keyed hashes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/banned.h"

#define LABEL_MAX_BYTES 100
#define DEFAULT_LABEL   "command line"

/* Overwrite a secret so it does not linger; volatile so it is not optimised out. */
static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--) {
        *v++ = 0;
    }
}

static const struct opt_cmd add_cmd = {
    "EMAIL", 1,
    "Make an API token that acts as the user with EMAIL, with their role, until it is\n"
    "revoked. It is printed once, as the last line, and kept only as a keyed hash: copy it\n"
    "now. Scripts send it as 'Authorization: Bearer TOKEN'.\n"};

static int token_add(int argc, char **argv)
{
    const char *db, *label = DEFAULT_LABEL, *email;
    unsigned char key[SECRET_BYTES], hash[SECRET_HASH_BYTES];
    char secret[SECRET_TEXT];
    struct store *st = NULL;
    struct arena arena;
    struct user u;
    long long id;
    int err, ret;
    const struct opt opts[] = {
        OPT_STRING("label", "LABEL", &label,
                   "what the token is for, to tell it apart in 'compact token list' (default: "
                   "\"" DEFAULT_LABEL "\")"),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = opt_parse(&add_cmd, opts, argc, argv)) != OPT_RUN) {
        return ret;
    }
    email = argv[1];
    if (!*label || strlen(label) > LABEL_MAX_BYTES || !cmd_text_valid(label)) {
        fprintf(stderr,
                "compact: --label must be 1 to %d bytes of UTF-8 text without control "
                "characters\n",
                LABEL_MAX_BYTES);
        return EXIT_USAGE;
    }
    if (crypto_start() < 0) {
        fprintf(stderr, "compact: cannot start the cryptography library: the system gives no "
                        "randomness\n");
        return EXIT_FAIL;
    }

    arena_init(&arena);
    ret = EXIT_FAIL;
    if (!(st = cmd_open_db(db, 0))) {
        goto cleanup;
    }
    err = store_user_by_email(st, email, &arena, &u, NULL);
    if (err == ERR_NOT_FOUND) {
        fputs("compact: no user with email '", stderr);
        cmd_text(stderr, email);
        fputs("'; add them with 'compact user add' first\n", stderr);
        goto cleanup;
    }
    if (err < 0) {
        fprintf(stderr, "compact: cannot read the users: %s\n", err_str(err));
        goto cleanup;
    }
    if (u.disabled) {
        fprintf(stderr, "compact: user %s is disabled; a token of theirs would not work\n",
                u.email);
        goto cleanup;
    }
    if ((err = store_server_key(st, key)) < 0) {
        fprintf(stderr, "compact: cannot read the server key: %s\n", err_str(err));
        goto cleanup;
    }
    secret_new(secret);
    secret_hash(key, "api_token", secret, hash);
    if ((err = store_token_add(st, u.id, hash, label, "cli", &id)) < 0) {
        fprintf(stderr, "compact: cannot add the token: %s\n", err_str(err));
        goto cleanup;
    }
    printf("token %lld for %s (%s); it is shown only this once:\n%s\n", id, u.email, label, secret);
    ret = cmd_finish_output();
cleanup:
    wipe(key, sizeof(key));
    wipe(secret, sizeof(secret));
    if (st) {
        store_close(st);
    }
    arena_release(&arena);
    return ret;
}

static void token_json(FILE *out, const void *item)
{
    const struct api_token *t = item;
    fprintf(out, "{\"id\": %lld", t->id);
    cmd_json_member(out, "email", t->email);
    cmd_json_member(out, "label", t->label);
    cmd_json_member(out, "created_at", t->created_at);
    cmd_json_member(out, "revoked_at", t->revoked_at);
    putc('}', out);
}

static const struct opt_cmd list_cmd = {
    NULL, 0,
    "List the API tokens, newest first: number, whose, label, when made and when revoked.\n"
    "Never the tokens themselves, which are not kept.\n"};

static int token_list(int argc, char **argv)
{
    int format = FORMAT_TEXT, err, ret;
    const char *db, *email = NULL, **cells;
    struct store *st;
    struct arena arena;
    struct api_token *tokens;
    struct user u;
    size_t n = 0;
    const struct opt opts[] = {
        OPT_STRING("email", "EMAIL", &email, "only this user's tokens"),
        OPT_FORMAT(&format),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = cmd_parse_open(&list_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    arena_init(&arena);
    ret = EXIT_FAIL;
    /* An unknown email is a mistake to point out, not an empty list. */
    if (email && (err = store_user_by_email(st, email, &arena, &u, NULL)) < 0) {
        if (err == ERR_NOT_FOUND) {
            fputs("compact: no user with email '", stderr);
            cmd_text(stderr, email);
            fputs("'; see 'compact user list'\n", stderr);
        } else {
            fprintf(stderr, "compact: cannot read the users: %s\n", err_str(err));
        }
        goto cleanup;
    }
    if ((err = store_token_list(st, email, &arena, &tokens, &n)) < 0) {
        fprintf(stderr, "compact: cannot read the tokens: %s\n", err_str(err));
        goto cleanup;
    }
    if (format == FORMAT_JSON) {
        cmd_json_list(stdout, tokens, n, sizeof(*tokens), token_json);
    } else if (!n) {
        fprintf(stderr, "no API tokens; make one with 'compact token add EMAIL'\n");
    } else {
        static const char *const header[] = {"ID", "EMAIL", "LABEL", "CREATED", "REVOKED"};
        cells = cmd_table_cells(&arena, header, 5, n);
        for (size_t i = 0; i < n; i++) {
            const char **row = cells + (i + 1) * 5;
            char num[24];
            if (snprintf(num, sizeof(num), "%lld", tokens[i].id) >= (int)sizeof(num)) {
                goto cleanup; /* cannot happen: 20 digits and a sign fit */
            }
            row[0] = arena_strdup(&arena, num);
            row[1] = tokens[i].email;
            row[2] = tokens[i].label;
            row[3] = tokens[i].created_at;
            row[4] = tokens[i].revoked_at ? tokens[i].revoked_at : "-";
        }
        cmd_table(stdout, cells, 5, n + 1);
    }
    ret = cmd_finish_output();
cleanup:
    store_close(st);
    arena_release(&arena);
    return ret;
}

/* A token or other row number: digits only, 1 or more. */
static int parse_id(const char *s, long long *out)
{
    char *end;
    long long v;

    *out = 0;
    if (*s < '0' || *s > '9') {
        return ERR_INVALID;
    }
    errno = 0;
    v = strtoll(s, &end, 10);
    if (*end || errno || v < 1) {
        return ERR_INVALID;
    }
    *out = v;
    return 0;
}

static const struct opt_cmd revoke_cmd = {
    "ID", 1,
    "Revoke the API token numbered ID (see 'compact token list'): scripts using it get 401 from\n"
    "then on.\n"};

static int token_revoke(int argc, char **argv)
{
    const char *db;
    struct store *st;
    struct arena arena;
    struct api_token *tokens;
    long long id;
    size_t n;
    int err, ret;
    const struct opt opts[] = {OPT_DB(&db), OPT_END()};

    if ((ret = opt_parse(&revoke_cmd, opts, argc, argv)) != OPT_RUN) {
        return ret;
    }
    if (parse_id(argv[1], &id) < 0) {
        fputs("compact: '", stderr);
        cmd_text(stderr, argv[1]);
        fputs("' is not a token number; see 'compact token list'\n", stderr);
        return EXIT_USAGE;
    }
    if (!(st = cmd_open_db(db, 0))) {
        return EXIT_FAIL;
    }
    arena_init(&arena);
    ret = EXIT_FAIL;
    err = store_token_revoke(st, id, 0, "cli");
    if (err == ERR_NOT_FOUND) {
        /* Say which: the store answers the same for a token that is not there and one that is
         * revoked already. */
        const struct api_token *t = NULL;
        if (store_token_list(st, NULL, &arena, &tokens, &n) == 0) {
            for (size_t i = 0; i < n && !t; i++) {
                t = tokens[i].id == id ? &tokens[i] : NULL;
            }
        }
        if (t && t->revoked_at) {
            fprintf(stderr, "compact: token %lld was revoked already, at %s\n", id, t->revoked_at);
        } else {
            fprintf(stderr, "compact: no token %lld; see 'compact token list'\n", id);
        }
        goto cleanup;
    }
    if (err < 0) {
        fprintf(stderr, "compact: cannot revoke token %lld: %s\n", id, err_str(err));
        goto cleanup;
    }
    printf("revoked token %lld\n", id);
    ret = cmd_finish_output();
cleanup:
    store_close(st);
    arena_release(&arena);
    return ret;
}

int cmd_token(int argc, char **argv)
{
    static const struct opt_command subs[] = {
        {"add", token_add, "make an API token that acts as a user"},
        {"list", token_list, "list the API tokens, never the tokens themselves"},
        {"revoke", token_revoke, "revoke an API token"},
    };
    return opt_dispatch(subs, sizeof(subs) / sizeof(subs[0]),
                        "Manage the API tokens scripts use.\n", argc, argv);
}
