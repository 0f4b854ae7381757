/* Signing in and out, the account page with its API tokens, and history pages. */
#include <string.h>
#include <time.h>

#include "auth.h"
#include "handlers.h"
#include "server.h"
#include "app/cases.h"
#include "app/history.h"
#include "app/policy.h"
#include "view/html.h"
#include "view/page_account.h"
#include "view/page_history.h"
#include "view/page_login.h"
#include "base/err.h"
#include "base/log.h"
#include "base/banned.h"

/* A Set-Cookie value: HttpOnly, SameSite=Lax, and Secure with --secure-cookies. */
static const char *cookie(struct request *r, const char *name, const char *path, const char *value,
                          long long max_age)
{
    struct buf b = BUF_INIT;
    char *out;
    buf_addf(&b, "%s=%s; Path=%s; HttpOnly; SameSite=Lax; Max-Age=%lld%s", name, value, path,
             max_age, r->cfg->secure_cookies ? "; Secure" : "");
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}

static const char *session_cookie(struct request *r, const char *secret, int max_age)
{
    return cookie(r, SESSION_COOKIE, "/", secret, max_age);
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
        return reply_redirect(r, local_path_valid(next) ? next : "/"); /* their role's home */
    }
    v.next = local_path_valid(next) ? next : NULL;
    v.expired = query_get(&r->query, "expired") != NULL;
    return login_form(r, 200, &v);
}

/*
 * The failure key of the browser's device cookie when it holds one for account (its email in
 * lower case): "device:" and a keyed hash of the token, so the database never holds a token.
 * NULL for a browser that has not signed in to account here before.
 */
static const char *device_key(struct request *r, const char *account)
{
    const char *header = request_header(r, "Cookie");
    char token[DEVICE_TEXT], hash[SECRET_TEXT];

    if (!header || cookie_value(header, DEVICE_COOKIE, token, sizeof(token)) < 0 ||
        !device_token_valid(r->key, account, token)) {
        return NULL;
    }
    secret_hash_text(r->key, "device_failures", token, hash);
    return key_of(r, "device", hash);
}

/* Seconds until an attempt may come under key in scope, 0 for now; ERR_DB if unknown. */
static long long wait_for(struct request *r, enum login_scope scope, const char *key)
{
    size_t count;
    long long last;
    if (store_login_failures(r->st, key, r->now - LOGIN_WINDOW, &count, &last) < 0) {
        return ERR_DB; /* cannot tell: refuse rather than allow unlimited guesses */
    }
    return login_wait(scope, (long long)count, last, r->now);
}

/* The sign-in form again, 429, saying when to try again: in so many seconds, or at a time. */
static int too_soon(struct request *r, struct login_view *v, long long wait)
{
    struct buf msg = BUF_INIT;
    struct field_error *e = arena_alloc(r->arena, sizeof(*e));
    buf_adds(&msg, "There have been too many attempts to sign in. Try again ");
    if (wait < 120) {
        buf_addf(&msg, "in %lld second%s.", wait, wait == 1 ? "" : "s");
    } else {
        /* to the next whole minute, so the time given is never before the wait is over */
        time_t t = (time_t)((r->now + wait + 59) / 60 * 60);
        struct tm tm;
        char when[16] = "";
        if (gmtime_r(&t, &tm)) {
            strftime(when, sizeof(when), "%H:%M", &tm);
        }
        buf_addf(&msg, "at %s UTC.", when);
    }
    *e = (struct field_error){"email", arena_strdup(r->arena, msg.data)};
    buf_release(&msg);
    v->errors = e;
    v->nerrors = 1;
    r->retry_after = wait;
    return login_form(r, 429, v);
}

/*
 * Signing in, with OWASP's device cookies against guessing: a browser holding a device cookie
 * for the account counts its own failures; every other attempt counts against the account and
 * against its address. Once a scope's allowance is spent, an attempt that comes before its
 * wait is over is refused without looking at the password, even the right one: so the wait
 * holds guessing back whatever is guessed. The same happens for an email nobody has.
 */
int page_login_post(struct request *r)
{
    static struct field_error wrong[] = {{"email", "Enter a correct email address and password"}};
    struct field_error errs[2];
    struct login_view v = {0};
    struct query form;
    struct user u;
    const char *email, *password, *next, *hash = NULL, *account, *kdevice, *kemail = NULL,
                                         *kaddr = NULL;
    char secret[SECRET_TEXT], device[DEVICE_TEXT];
    unsigned char sid[SECRET_HASH_BYTES];
    long long wait, waddr;
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
    account = lower(r, email);
    if ((kdevice = device_key(r, account))) {
        wait = wait_for(r, LOGIN_DEVICE, kdevice);
    } else {
        kemail = key_of(r, "email", account);
        kaddr = key_of(r, "addr", r->client);
        wait = wait_for(r, LOGIN_ACCOUNT, kemail);
        waddr = wait_for(r, LOGIN_ADDRESS, kaddr);
        wait = wait < 0 || waddr < 0 ? ERR_DB : wait > waddr ? wait : waddr;
    }
    if (wait < 0) {
        return (int)wait;
    }
    if (wait > 0) {
        return too_soon(r, &v, wait);
    }
    ok = store_user_by_email(r->st, email, r->arena, &u, &hash) == 0 && hash && !u.disabled;
    if (ok) {
        ok = password_verify(hash, password) == 0;
    } else {
        password_verify_dummy(password); /* the same time for an unknown account */
    }
    if (!ok) {
        /* the wait runs from the answer: checking the password took a while */
        long long now = (long long)time(NULL);
        if (kdevice) {
            store_login_failure_add(r->st, kdevice, now);
        } else {
            store_login_failure_add(r->st, kemail, now);
            store_login_failure_add(r->st, kaddr, now);
        }
        v.errors = wrong;
        v.nerrors = 1;
        return login_form(r, 400, &v);
    }
    if (kdevice) {
        store_login_failure_clear(r->st, kdevice); /* its token is replaced below */
    }
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
    r->set_cookie = session_cookie(r, secret, r->cfg->session_max);
    /* A new device token at every sign-in, sent only to the sign-in form. */
    device_token_new(r->key, account, device);
    r->set_cookie_also = cookie(r, DEVICE_COOKIE, "/login", device, DEVICE_COOKIE_MAX_AGE);
    log_info("user %lld signed in%s", u.id, kdevice ? " on a known device" : "");
    return reply_redirect(r, v.next ? v.next : "/"); /* the home page of their role */
}

int page_logout(struct request *r)
{
    unsigned char sid[SECRET_HASH_BYTES];
    secret_hash(r->key, "session", r->session, sid);
    store_session_delete(r->st, sid);
    r->set_cookie = session_cookie(r, "", 0);
    return reply_redirect(r, "/");
}

static int account_feed(struct request *r, const char *new_token, const char *notice,
                        const char *feed_url)
{
    struct account_view v = {
        .user = &r->user, .new_token = new_token, .notice = notice, .feed_url = feed_url};
    struct api_token *tokens;
    int ret = store_token_list(r->st, r->user.email, r->arena, &tokens, &v.ntokens);
    if (ret < 0 || (ret = cases_feed_exists(r->st, &r->user, &v.feed_exists)) < 0) {
        return ret;
    }
    v.tokens = tokens;
    if (r->user.org_id) { /* its name, where the register has it */
        struct organisation *org = arena_alloc(r->arena, sizeof(*org));
        char ref[ORG_REF_MAX];
        ret = store_organisation_get(r->st, r->user.org_id, r->arena, org);
        if (ret == 0) {
            v.org_name = org->name;
            v.org_ref = arena_strdup(r->arena, organisation_ref(org, ref));
        } else if (ret != ERR_NOT_FOUND) {
            return ret;
        }
    }
    r->content_type = "text/html; charset=utf-8";
    view_account_page(r->body, &v, request_viewer(r));
    return 0;
}

static int account(struct request *r, const char *new_token, const char *notice)
{
    return account_feed(r, new_token, notice, NULL);
}

/* POST /account/calendar: a new secret address of the complaints' calendar, shown once. */
int page_feed_create(struct request *r)
{
    char secret[SECRET_TEXT];
    int ret;

    if ((ret = cases_feed_create(r->st, &r->user, r->key, secret)) < 0) {
        return ret;
    }
    r->status = 201;
    return account_feed(r, NULL, NULL, complaint_feed_url(r, secret));
}

/* POST /account/calendar/revoke: the calendar's address stops working. */
int page_feed_revoke(struct request *r)
{
    int ret = cases_feed_revoke(r->st, &r->user);

    if (ret < 0 && ret != ERR_NOT_FOUND) {
        return ret;
    }
    return reply_redirect(r, "/account?calendar=revoked");
}

int page_account(struct request *r)
{
    return account(r, NULL,
                   query_get(&r->query, "revoked")    ? "The token has been revoked"
                   : query_get(&r->query, "calendar") ? "The calendar address has been revoked"
                                                      : NULL);
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
    struct history_entry *items;
    size_t n;
    int ret;

    if (!audit_kind_find(r->params[0], strlen(r->params[0]))) {
        return ERR_NOT_FOUND;
    }
    if (policy_audit_read(&r->user, r->params[0], r->params[1]) < 0) {
        return reply_error(r, 403, "Your account does not allow this.");
    }
    /* in words, people by name: sign-in emails only for those the policy lets see them */
    if ((ret = history_read(r->st, &r->user, r->params[0], r->params[1], r->arena, &items, &n)) <
        0) {
        return ret;
    }
    r->content_type = "text/html; charset=utf-8";
    view_history_page(r->body, r->params[0], r->params[1], items, n, request_viewer(r));
    return 0;
}
