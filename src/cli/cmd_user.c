/* compact user add, list and disable: the people who sign in. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define NAME_MAX_BYTES 200

/* Overwrite n bytes of a secret so they do not linger in freed memory; volatile so the writes
 * are not optimised out. */
static void wipe_n(char *s, size_t n)
{
    volatile char *p = s;
    while (s && n--) {
        *p++ = '\0';
    }
}

static void wipe(char *s)
{
    wipe_n(s, s ? strlen(s) : 0);
}

/* Read one line from in without its line ending into *line (the caller frees it). */
static int read_line(FILE *in, char **line)
{
    size_t cap = 0;
    ssize_t len;

    *line = NULL;
    if ((len = getline(line, &cap, in)) < 0) {
        free(*line);
        *line = NULL;
        return ERR_NOT_FOUND;
    }
    if (len > 0 && (*line)[len - 1] == '\n') {
        (*line)[--len] = '\0';
    }
    if (len > 0 && (*line)[len - 1] == '\r') {
        (*line)[--len] = '\0';
    }
    if (strlen(*line) != (size_t)len) {
        wipe_n(*line, (size_t)len);
        free(*line);
        *line = NULL;
        return ERR_INVALID; /* a NUL byte inside */
    }
    return 0;
}

/* Ask for a line on the terminal with echo off. */
static int ask_hidden(const char *prompt, char **line)
{
    struct termios old, quiet;
    int ret;

    *line = NULL;
    if (tcgetattr(STDIN_FILENO, &old) < 0) {
        return ERR_IO;
    }
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) < 0) {
        return ERR_IO;
    }
    fputs(prompt, stderr);
    fflush(stderr);
    ret = read_line(stdin, line);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
    return ret;
}

/*
 * The new user's password, from the first line of stdin or asked twice on the terminal;
 * prints what went wrong and returns an exit code, or -1 with *pw set (the caller wipes and
 * frees it).
 */
static int read_password(int from_stdin, char **pw)
{
    char *again = NULL;
    int ret;

    *pw = NULL;
    if (from_stdin) {
        ret = read_line(stdin, pw);
        if (ret == ERR_NOT_FOUND) {
            fprintf(stderr, "compact: no password on standard input\n");
            return EXIT_FAIL;
        }
        if (ret < 0) {
            fprintf(stderr, "compact: the password on standard input holds a NUL byte\n");
            return EXIT_FAIL;
        }
        return -1;
    }
    if (!isatty(STDIN_FILENO)) {
        fprintf(stderr, "compact: standard input is not a terminal; give the password on it "
                        "with --password-stdin\n");
        return EXIT_USAGE;
    }
    if (ask_hidden("Password: ", pw) < 0 || ask_hidden("Repeat the password: ", &again) < 0) {
        fprintf(stderr, "compact: no password given\n");
        ret = EXIT_FAIL;
    } else if (strcmp(*pw, again) != 0) {
        fprintf(stderr, "compact: the two passwords differ; try again\n");
        ret = EXIT_FAIL;
    } else {
        ret = -1;
    }
    wipe(again);
    free(again);
    if (ret >= 0) {
        wipe(*pw);
        free(*pw);
        *pw = NULL;
    }
    return ret;
}

/* Whether s looks like an org-id of a UK organisation: "GB-", then letters, digits and '-'. */
static int org_id_valid(const char *s)
{
    if (strncmp(s, "GB-", 3) != 0 || !s[3]) {
        return 0;
    }
    for (s += 3; *s; s++) {
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '-')) {
            return 0;
        }
    }
    return 1;
}

static const struct opt_cmd add_cmd = {
    "EMAIL", 1,
    "Add a person who signs in with EMAIL and a password. Without --password-stdin the\n"
    "password is asked for twice on the terminal. It must be 12 characters or more and not\n"
    "a common one.\n"};

static int user_add(int argc, char **argv)
{
    const char *db, *role = NULL, *why;
    char hash[PASSWORD_HASH_MAX], *name = NULL, *pw = NULL;
    struct user u = {0}, old;
    struct store *st = NULL;
    struct arena arena;
    int c, from_stdin = 0, ret;
    long long id;
    const struct opt opts[] = {
        OPT_STRING_REQUIRED("role", "admin|coordinator|member", &role,
                            "admin (the national body: everything), coordinator (manages the "
                            "Compacts they are assigned to) or member (acts for one organisation)"),
        OPT_STRING("name", "NAME", &u.name,
                   "the name shown for them (default: EMAIL's part before '@')"),
        OPT_STRING("org", "ORG-ID", &u.org_id,
                   "the organisation a member acts for, an org-id starting 'GB-' (e.g. "
                   "GB-CHC-1234567); members must have one, others may not"),
        OPT_BOOL("password-stdin", &from_stdin,
                 "read the password from the first line of standard input"),
        OPT_DB(&db),
        OPT_END(),
    };

    if ((ret = opt_parse(&add_cmd, opts, argc, argv)) != OPT_RUN) {
        return ret;
    }
    u.email = argv[1];
    if (!email_is_valid(u.email) || !cmd_text_valid(u.email)) {
        fprintf(stderr, "compact: '%s' is not an email address; give one like name@example.org\n",
                u.email);
        return EXIT_USAGE;
    }
    if (role_parse(role, &u.role) < 0) {
        fprintf(stderr, "compact: unknown role '%s'; use admin, coordinator or member\n", role);
        return EXIT_USAGE;
    }
    if (u.role == ROLE_MEMBER && !u.org_id) {
        fprintf(stderr, "compact: a member acts for an organisation; name it with --org ORG-ID "
                        "(e.g. GB-CHC-1234567)\n");
        return EXIT_USAGE;
    }
    if (u.role != ROLE_MEMBER && u.org_id) {
        fprintf(stderr,
                "compact: only members have an organisation; leave out --org for role '%s'\n",
                role);
        return EXIT_USAGE;
    }
    if (u.org_id && !org_id_valid(u.org_id)) {
        fprintf(stderr,
                "compact: organisation '%s' is not a UK org-id; for now it must start 'GB-' and "
                "hold only letters, digits and '-' (e.g. GB-CHC-1234567)\n",
                u.org_id);
        return EXIT_USAGE;
    }
    if (!u.name) {
        u.name = name = xmemdupz(u.email, (size_t)(strchr(u.email, '@') - u.email));
    } else if (!*u.name || strlen(u.name) > NAME_MAX_BYTES || !cmd_text_valid(u.name)) {
        fprintf(stderr,
                "compact: --name must be 1 to %d bytes of UTF-8 text without control "
                "characters\n",
                NAME_MAX_BYTES);
        return EXIT_USAGE;
    }
    if (crypto_start() < 0) {
        fprintf(stderr, "compact: cannot start the cryptography library: the system gives no "
                        "randomness\n");
        free(name);
        return EXIT_FAIL;
    }

    arena_init(&arena);
    ret = EXIT_FAIL;
    if (!(st = cmd_open_db(db, 0))) {
        goto cleanup;
    }
    /* Before asking for a password that would be thrown away. */
    if ((c = store_user_by_email(st, u.email, &arena, &old, NULL)) != ERR_NOT_FOUND) {
        if (c == 0) {
            fprintf(stderr, "compact: a user with email '%s' exists already\n", old.email);
        } else {
            fprintf(stderr, "compact: cannot read the users: %s\n", err_str(c));
        }
        goto cleanup;
    }
    if ((ret = read_password(from_stdin, &pw)) >= 0) {
        goto cleanup;
    }
    ret = EXIT_FAIL;
    if (password_acceptable(pw, &why) < 0) {
        /* why is a sentence for a web page; here it follows "compact: " in lower case. */
        fprintf(stderr, "compact: %c%s\n", tolower((unsigned char)why[0]), why + 1);
        goto cleanup;
    }
    if (password_hash(pw, hash) < 0) {
        fprintf(stderr, "compact: cannot hash the password: out of memory\n");
        goto cleanup;
    }
    c = store_user_add(st, &u, hash, "cli", &id);
    if (c == ERR_CONFLICT) {
        fprintf(stderr, "compact: a user with email '%s' exists already\n", u.email);
        goto cleanup;
    }
    if (c < 0) {
        fprintf(stderr, "compact: cannot add the user: %s\n", err_str(c));
        goto cleanup;
    }
    printf("added user %s (%s)\n", u.email, role_id(u.role));
    ret = cmd_finish_output();
cleanup:
    wipe(pw);
    free(pw);
    free(name);
    if (st) {
        store_close(st);
    }
    arena_release(&arena);
    return ret;
}

static void user_json(FILE *out, const void *item)
{
    const struct user *u = item;
    fprintf(out, "{\"id\": %lld", u->id);
    cmd_json_member(out, "email", u->email);
    cmd_json_member(out, "name", u->name);
    cmd_json_member(out, "role", role_id(u->role));
    cmd_json_member(out, "org_id", u->org_id);
    fprintf(out, ", \"disabled\": %s", u->disabled ? "true" : "false");
    cmd_json_member(out, "created_at", u->created_at ? u->created_at : "");
    putc('}', out);
}

static const struct opt_cmd list_cmd = {
    NULL, 0, "List the users by email: name, role, organisation and whether they are active.\n"};

static int user_list(int argc, char **argv)
{
    int format = FORMAT_TEXT, ret;
    const char *db, **cells;
    struct store *st;
    struct arena arena;
    struct user *users;
    size_t n;
    const struct opt opts[] = {OPT_FORMAT(&format), OPT_DB(&db), OPT_END()};

    if ((ret = cmd_parse_open(&list_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    arena_init(&arena);
    ret = store_user_list(st, &arena, &users, &n);
    store_close(st);
    if (ret < 0) {
        fprintf(stderr, "compact: cannot read the users: %s\n", err_str(ret));
        arena_release(&arena);
        return EXIT_FAIL;
    }
    if (format == FORMAT_JSON) {
        cmd_json_list(stdout, users, n, sizeof(*users), user_json);
    } else if (!n) {
        fprintf(stderr, "no users yet; add one with 'compact user add'\n");
    } else {
        static const char *const header[] = {"EMAIL", "NAME", "ROLE", "ORG", "STATUS"};
        cells = cmd_table_cells(&arena, header, 5, n);
        for (size_t i = 0; i < n; i++) {
            const char **row = cells + (i + 1) * 5;
            row[0] = users[i].email;
            row[1] = users[i].name;
            row[2] = role_id(users[i].role);
            row[3] = users[i].org_id ? users[i].org_id : "-";
            row[4] = users[i].disabled ? "disabled" : "active";
        }
        cmd_table(stdout, cells, 5, n + 1);
    }
    arena_release(&arena);
    return cmd_finish_output();
}

static const struct opt_cmd disable_cmd = {
    "EMAIL", 1,
    "Stop the user with EMAIL from signing in: their sessions end and their API tokens are\n"
    "revoked. What they did stays, with their name on it.\n"};

static int user_disable(int argc, char **argv)
{
    const char *db, *email;
    struct store *st;
    struct arena arena;
    struct user u;
    int c, ret;
    const struct opt opts[] = {OPT_DB(&db), OPT_END()};

    if ((ret = cmd_parse_open(&disable_cmd, opts, argc, argv, &db, &st)) != OPT_RUN) {
        return ret;
    }
    email = argv[1];
    arena_init(&arena);
    ret = EXIT_FAIL;
    c = store_user_by_email(st, email, &arena, &u, NULL);
    if (c == ERR_NOT_FOUND) {
        fprintf(stderr, "compact: no user with email '");
        cmd_text(stderr, email);
        fprintf(stderr, "'; see 'compact user list'\n");
        goto cleanup;
    }
    if (c < 0) {
        fprintf(stderr, "compact: cannot read the users: %s\n", err_str(c));
        goto cleanup;
    }
    if (u.disabled) {
        fprintf(stderr, "compact: user %s is disabled already\n", u.email);
        goto cleanup;
    }
    if ((c = store_user_disable(st, u.email, "cli")) < 0) {
        fprintf(stderr, "compact: cannot disable user %s: %s\n", u.email, err_str(c));
        goto cleanup;
    }
    printf("disabled user %s; their sessions and API tokens no longer work\n", u.email);
    ret = cmd_finish_output();
cleanup:
    store_close(st);
    arena_release(&arena);
    return ret;
}

int cmd_user(int argc, char **argv)
{
    static const struct opt_command subs[] = {
        {"add", user_add, "add a person who signs in with an email and a password"},
        {"list", user_list, "list the people who sign in"},
        {"disable", user_disable, "stop a person signing in; their sessions and tokens end"},
    };
    return opt_dispatch(subs, sizeof(subs) / sizeof(subs[0]), "Manage the people who sign in.\n",
                        argc, argv);
}
