/* compact token add, list and revoke: bearer tokens for scripts, stored only as keyed hashes. */
#include <errno.h>
#include <getopt.h>
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

static int token_add(int argc, char **argv)
{
    static const char usage[] =
        "usage: compact token add EMAIL [--label LABEL] [--db PATH]\n\n"
        "Make an API token that acts as the user with EMAIL, with their role, until it is\n"
        "revoked. It is printed once, as the last line, and kept only as a keyed hash: copy it\n"
        "now. Scripts send it as 'Authorization: Bearer TOKEN'.\n\n"
        "  --label LABEL  what the token is for, to tell it apart in 'compact token list'\n"
        "                 (default: \"" DEFAULT_LABEL "\")\n"
        "  --db PATH      the database, made by 'compact init'\n";
    static const struct option opts[] = {
        {"label", required_argument, NULL, 'l'},
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL, *label = DEFAULT_LABEL, *email;
    unsigned char key[SECRET_BYTES], hash[SECRET_HASH_BYTES];
    char secret[SECRET_TEXT];
    struct store *st = NULL;
    struct arena arena;
    struct user u;
    long long id;
    int c, err, ret;

    optind = 1;
    opterr = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            label = optarg;
            break;
        case 'd':
            db = optarg;
            break;
        case 'h':
            return cmd_usage(usage, 0);
        default:
            return cmd_usage(usage, 1);
        }
    }
    if (optind != argc - 1) {
        return cmd_usage(usage, 1);
    }
    email = argv[optind];
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
    if (!(st = cmd_open_db(cmd_db_path(db), 0))) {
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

static void token_json(FILE *out, const struct api_token *t)
{
    fprintf(out, "{\"id\": %lld, \"email\": ", t->id);
    cmd_json_string(out, t->email);
    fputs(", \"label\": ", out);
    cmd_json_string(out, t->label);
    fputs(", \"created_at\": ", out);
    cmd_json_string(out, t->created_at);
    fputs(", \"revoked_at\": ", out);
    if (t->revoked_at) {
        cmd_json_string(out, t->revoked_at);
    } else {
        fputs("null", out);
    }
    putc('}', out);
}

static int token_list(int argc, char **argv)
{
    static const char usage[] =
        "usage: compact token list [--email EMAIL] [--format text|json] [--db PATH]\n\n"
        "List the API tokens, newest first: number, whose, label, when made and when revoked.\n"
        "Never the tokens themselves, which are not kept.\n\n"
        "  --email EMAIL  only this user's tokens\n";
    static const struct option opts[] = {
        {"email", required_argument, NULL, 'e'},
        {"format", required_argument, NULL, 'f'},
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    enum cmd_format format = FORMAT_TEXT;
    const char *db = NULL, *email = NULL;
    const char **cells;
    struct store *st;
    struct arena arena;
    struct api_token *tokens;
    struct user u;
    size_t n = 0;
    int c, err, ret = EXIT_FAIL;

    optind = 1;
    opterr = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'e':
            email = optarg;
            break;
        case 'f':
            if (cmd_format_parse(optarg, 0, &format) < 0) {
                return EXIT_USAGE;
            }
            break;
        case 'd':
            db = optarg;
            break;
        case 'h':
            return cmd_usage(usage, 0);
        default:
            return cmd_usage(usage, 1);
        }
    }
    if (optind != argc) {
        return cmd_usage(usage, 1);
    }
    if (!(st = cmd_open_db(cmd_db_path(db), 0))) {
        return EXIT_FAIL;
    }
    arena_init(&arena);
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
        fputs(n ? "[\n" : "[", stdout);
        for (size_t i = 0; i < n; i++) {
            fputs("  ", stdout);
            token_json(stdout, &tokens[i]);
            fputs(i + 1 < n ? ",\n" : "\n", stdout);
        }
        puts("]");
    } else if (!n) {
        fprintf(stderr, "no API tokens; make one with 'compact token add EMAIL'\n");
    } else {
        cells = arena_alloc(&arena, (n + 1) * 5 * sizeof(*cells));
        cells[0] = "ID";
        cells[1] = "EMAIL";
        cells[2] = "LABEL";
        cells[3] = "CREATED";
        cells[4] = "REVOKED";
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

static int token_revoke(int argc, char **argv)
{
    static const char usage[] = "usage: compact token revoke ID [--db PATH]\n\n"
                                "Revoke the API token numbered ID (see 'compact token list'): "
                                "scripts using it get 401 from then on.\n";
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    struct store *st;
    struct arena arena;
    struct api_token *tokens;
    long long id;
    size_t n;
    int c, err, ret = EXIT_FAIL;

    optind = 1;
    opterr = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'h':
            return cmd_usage(usage, 0);
        default:
            return cmd_usage(usage, 1);
        }
    }
    if (optind != argc - 1) {
        return cmd_usage(usage, 1);
    }
    if (parse_id(argv[optind], &id) < 0) {
        fputs("compact: '", stderr);
        cmd_text(stderr, argv[optind]);
        fputs("' is not a token number; see 'compact token list'\n", stderr);
        return EXIT_USAGE;
    }
    if (!(st = cmd_open_db(cmd_db_path(db), 0))) {
        return EXIT_FAIL;
    }
    arena_init(&arena);
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
    static const char usage[] = "usage: compact token add EMAIL [--label LABEL]\n"
                                "       compact token list [--email EMAIL] [--format text|json]\n"
                                "       compact token revoke ID\n\n"
                                "Manage the API tokens scripts use. Each takes --db PATH; "
                                "'compact token COMMAND --help'\ntells more.\n";
    static const struct subcommand subs[] = {
        {"add", token_add},
        {"list", token_list},
        {"revoke", token_revoke},
    };
    return cmd_subcommand(argc, argv, subs, sizeof(subs) / sizeof(subs[0]), usage);
}
