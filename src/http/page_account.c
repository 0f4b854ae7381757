/* Signing in and out, the account page with its API tokens, and history pages. */
#include <string.h>
#include <time.h>

#include "auth.h"
#include "handlers.h"
#include "server.h"
#include "app/policy.h"
#include "view/html.h"
#include "view/page_account.h"
#include "view/page_history.h"
#include "view/page_login.h"
#include "base/err.h"
#include "base/log.h"
#include "base/banned.h"

static const char *cookie(struct request *r, const char *secret, int max_age)
{
    struct buf b = BUF_INIT;
    char *out;
    buf_addf(&b, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s", SESSION_COOKIE, secret,
             max_age, r->cfg->secure_cookies ? "; Secure" : "");
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}

static const char *lower(struct request *r, const char *s)
{
    char *out = arena_strdup(r->arena, s);
    for (char *p = out; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            *p = (char)(*p - 'A' + 'a');
        }
    }
    return out;
}

static const char *key_of(struct request *r, const char *kind, const char *value)
{
    struct buf b = BUF_INIT;
    char *out;
    buf_addf(&b, "%s:%s", kind, value);
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}

static int login_form(struct request *r, int status, const struct login_view *v)
{
    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    view_login_page(r->body, v, request_viewer(r));
    return 0;
}

int page_login(struct request *r)
{
    const char *next = query_get(&r->query, "next");
    struct login_view v = {0};

    if (r->session[0]) {
        return reply_redirect(r, local_path_valid(next) ? next : "/account");
    }
    v.next = local_path_valid(next) ? next : NULL;
    v.expired = query_get(&r->query, "expired") != NULL;
    return login_form(r, 200, &v);
}

/* Whether key has had too many failures; sets *retry_at when it has. */
static int too_many(struct request *r, const char *key, long long *retry_at)
{
    size_t count;
    long long oldest;
    if (store_login_failures(r->st, key, r->now - LOGIN_WINDOW, &count, &oldest) < 0) {
        return 1; /* cannot tell: refuse rather than allow unlimited guesses */
    }
    if (count >= LOGIN_MAX_FAILURES) {
        *retry_at = oldest + LOGIN_WINDOW + 1;
        return 1;
    }
    return 0;
}

int page_login_post(struct request *r)
{
    static struct field_error wrong[] = {{"email", "Enter a correct email address and password"}};
    struct field_error errs[2];
    struct login_view v = {0};
    struct query form;
    struct user u;
    const char *email, *password, *next, *hash = NULL, *kemail, *kaddr;
    char secret[SECRET_TEXT];
    unsigned char sid[SECRET_HASH_BYTES];
    long long retry_at = 0;
    int ok;

    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    email = query_get(&form, "email");
    password = query_get(&form, "password");
    next = query_get(&form, "next");
    v.email = email;
    v.next = local_path_valid(next) ? next : NULL;
    v.errors = errs;
    if (!email || !*email) {
        errs[v.nerrors++] = (struct field_error){"email", "Enter your email address"};
    }
    if (!password || !*password) {
        errs[v.nerrors++] = (struct field_error){"password", "Enter your password"};
    }
    if (v.nerrors) {
        return login_form(r, 400, &v);
    }
    kemail = key_of(r, "email", lower(r, email));
    kaddr = key_of(r, "addr", r->client);
    if (too_many(r, kemail, &retry_at) || too_many(r, kaddr, &retry_at)) {
        struct buf msg = BUF_INIT;
        char when[32] = "in 15 minutes";
        time_t t = (time_t)retry_at;
        struct tm tm;
        /* to the next whole minute, so the time given is never before the lock lifts */
        t = (time_t)((retry_at + 59) / 60 * 60);
        if (retry_at && gmtime_r(&t, &tm)) {
            strftime(when, sizeof(when), "after %H:%M UTC", &tm);
        }
        buf_addf(&msg, "There have been too many attempts to sign in. Try again %s.", when);
        reply_error(r, 429, arena_strdup(r->arena, msg.data));
        buf_release(&msg);
        return 0;
    }
    ok = store_user_by_email(r->st, email, r->arena, &u, &hash) == 0 && hash && !u.disabled;
    if (ok) {
        ok = password_verify(hash, password) == 0;
    } else {
        password_verify_dummy(password); /* the same time for an unknown account */
    }
    if (!ok) {
        store_login_failure_add(r->st, kemail, r->now);
        store_login_failure_add(r->st, kaddr, r->now);
        v.errors = wrong;
        v.nerrors = 1;
        return login_form(r, 400, &v);
    }
    store_login_failure_clear(r->st, kemail);
    if (r->session[0]) { /* a new session at every sign-in: never keep one a page set */
        secret_hash(r->key, "session", r->session, sid);
        store_session_delete(r->st, sid);
    }
    store_session_purge(r->st, r->now - r->cfg->session_max, r->now - r->cfg->session_idle);
    secret_new(secret);
    secret_hash(r->key, "session", secret, sid);
    /* Its clock starts now, not when the request came: checking the password takes a while,
     * and a busy machine must not eat into the idle time before the session is even used. */
    if (store_session_add(r->st, sid, u.id, (long long)time(NULL)) < 0) {
        return ERR_DB;
    }
    r->set_cookie = cookie(r, secret, r->cfg->session_max);
    log_info("user %lld signed in", u.id);
    return reply_redirect(r, v.next ? v.next : "/account");
}

int page_logout(struct request *r)
{
    unsigned char sid[SECRET_HASH_BYTES];
    secret_hash(r->key, "session", r->session, sid);
    store_session_delete(r->st, sid);
    r->set_cookie = cookie(r, "", 0);
    return reply_redirect(r, "/");
}

static int account(struct request *r, const char *new_token, const char *notice)
{
    struct account_view v = {.user = &r->user, .new_token = new_token, .notice = notice};
    struct api_token *tokens;
    int ret = store_token_list(r->st, r->user.email, r->arena, &tokens, &v.ntokens);
    if (ret < 0) {
        return ret;
    }
    v.tokens = tokens;
    r->content_type = "text/html; charset=utf-8";
    view_account_page(r->body, &v, request_viewer(r));
    return 0;
}

int page_account(struct request *r)
{
    return account(r, NULL, query_get(&r->query, "revoked") ? "The token has been revoked" : NULL);
}

int page_token_create(struct request *r)
{
    struct query form;
    const char *label;
    char secret[SECRET_TEXT];
    unsigned char hash[SECRET_HASH_BYTES];
    long long id;
    int ret;

    if (request_form(r, &form) < 0) {
        return reply_error(r, 400, "The form could not be read.");
    }
    label = query_get(&form, "label");
    if (!label || !*label) {
        label = "made on the account page";
    }
    if (strlen(label) > 100) {
        return reply_error(r, 400, "What the token is for must be 100 characters or fewer.");
    }
    secret_new(secret);
    secret_hash(r->key, "api_token", secret, hash);
    if ((ret = store_token_add(r->st, r->user.id, hash, label, request_actor(r), &id)) < 0) {
        return ret;
    }
    r->status = 201;
    return account(r, arena_strdup(r->arena, secret), NULL);
}

int page_token_revoke(struct request *r)
{
    long long id;
    int ret;

    if (request_id(r, 0, &id) < 0) {
        return ERR_NOT_FOUND;
    }
    /* Only your own tokens, whatever your role: an admin revokes others' with the CLI. */
    if ((ret = store_token_revoke(r->st, id, r->user.id, request_actor(r))) < 0) {
        return ret;
    }
    return reply_redirect(r, "/account?revoked=1");
}

int page_history(struct request *r)
{
    struct audit_entry *items;
    size_t n;
    int ret;

    if (!audit_kind_find(r->params[0], strlen(r->params[0]))) {
        return ERR_NOT_FOUND;
    }
    if (policy_audit_read(&r->user, r->params[0], r->params[1]) < 0) {
        return reply_error(r, 403, "Your account does not allow this.");
    }
    if ((ret = store_audit_list(r->st, r->params[0], r->params[1], r->arena, &items, &n)) < 0) {
        return ret;
    }
    r->content_type = "text/html; charset=utf-8";
    view_history_page(r->body, r->params[0], r->params[1], items, n, request_viewer(r));
    return 0;
}
