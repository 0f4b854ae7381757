// End-to-end tests of accounts, sessions, CSRF, API tokens and the audit trail of the real
// `compact` binary (issue 3).
//
//   import { authTests } from './auth.mjs';
//   await authTests(BIN, report);   // report(name, ok, why)
//
// Starts two servers of its own: A (defaults) for almost everything, and B (--session-idle 2
// --secure-cookies) for expiry, run alongside A's checks to save its sleeps. Users are made with
// the command line on each server's database. Failed sign-ins are sent from addresses of their
// own in 127.0.0.0/8, so they hold back no other check (the limits on failed sign-ins are
// checked in trust_auth.mjs). Argon2id makes every sign-in cost ~0.2 s under ASan, so
// sessions are reused where a check does not need a fresh one.
//
// Also exports the HTTP and account helpers permissions.mjs uses.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { basename } from 'node:path';
import { settle } from '../lib/db.mjs';
import { run, startServer } from '../lib/server.mjs';

const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;
export const SECRET = /^[A-Za-z0-9_-]{43}$/;
const WRONG = 'Enter a correct email address and password';

export class Fail extends Error {}
export function expect(cond, why) {
  if (!cond) throw new Fail(why);
}

export function show(s, n = 160) {
  const t = JSON.stringify(String(s));
  return t.length > n ? `${t.slice(0, n)}...` : t;
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// A check that passes unless fn throws; a mistake in the test shows its stack.
export function tester(report) {
  return async (name, fn) => {
    try {
      await fn();
      return report(name, true);
    } catch (e) {
      const bug = e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError;
      return report(name, false, bug ? e.stack : e.message || String(e));
    }
  };
}

// The frame of a test module: fn(s, test) on a server of its own, then checks that it exits 0
// and logged no sanitizer report. The checks' names start with label.
export async function onServer(BIN, report, label, fn) {
  const test = tester(report);
  let s;
  const ok = await test(`${label}: a server starts`, async () => {
    s = await startServer(BIN, { threads: 2 });
  });
  if (!ok) return;
  try {
    await fn(s, test);
  } finally {
    const code = await s.stop();
    report(`${label}: the server exits 0`, code === 0, `exit ${code}`);
    report(`${label}: no sanitizer report`, !SANITIZER_REPORT.test(s.logs()), show(s.logs().slice(-600), 600));
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

// One request on a new connection. local: the client address to send from (127.x.y.z).
// A body given as an object is sent form-urlencoded, a Buffer as its bytes. Resolves {status,
// headers, text, buf (the body's bytes)}.
export function request(port, { method = 'GET', path, headers = {}, body, local } = {}) {
  const h = { ...headers };
  let data = body;
  if (data !== undefined && typeof data === 'object' && !Buffer.isBuffer(data)) {
    data = new URLSearchParams(data).toString();
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) {
      h['Content-Type'] = 'application/x-www-form-urlencoded';
    }
  }
  if (data !== undefined) h['Content-Length'] = Buffer.byteLength(data);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers: h, agent: false, timeout: 15000, localAddress: local },
      (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({ status: res.statusCode, reason: res.statusMessage, headers: res.headers, text: buf.toString('utf8'), buf });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no reply within 15 s`)));
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

export function cookieHeader(secret) {
  return { Cookie: `compact_session=${secret}` };
}

export function bearer(token) {
  return { Authorization: `Bearer ${token}` };
}

// The compact_session Set-Cookie of a reply: {value, attrs: {lower-case name: value|true}}.
export function sessionCookie(res) {
  return cookieOf(res, 'compact_session');
}

// The Set-Cookie of the cookie name in a reply, as sessionCookie gives it; null without one.
export function cookieOf(res, name) {
  for (const line of [].concat(res.headers['set-cookie'] || [])) {
    const [first, ...rest] = line.split(';').map((x) => x.trim());
    const eq = first.indexOf('=');
    if (first.slice(0, eq) !== name) continue;
    const attrs = {};
    for (const a of rest) {
      const i = a.indexOf('=');
      if (i < 0) attrs[a.toLowerCase()] = true;
      else attrs[a.slice(0, i).toLowerCase()] = a.slice(i + 1);
    }
    return { value: first.slice(eq + 1), attrs, line };
  }
  return null;
}

export function csrfOf(html) {
  const m = /name="csrf_token" value="([^"]*)"/.exec(html);
  return m ? m[1] : null;
}

// Signs in; resolves {res, cookie (secret or null)}.
export async function signIn(port, email, password, { next, local, headers = {} } = {}) {
  const body = { email, password };
  if (next !== undefined) body.next = next;
  const res = await request(port, { method: 'POST', path: '/login', body, local, headers });
  const c = sessionCookie(res);
  return { res, cookie: c && c.value ? c.value : null };
}

// A signed-in session {cookie, csrf}, or a Fail.
export async function session(port, email, password) {
  const { res, cookie } = await signIn(port, email, password);
  expect(res.status === 303 && cookie, `sign-in as ${email}: status ${res.status}, cookie ${show(cookie)}; ${show(/<main[\s\S]*<\/main>/.exec(res.text)?.[0] ?? res.text, 600)}`);
  const acc = await request(port, { path: '/account', headers: cookieHeader(cookie) });
  expect(acc.status === 200, `GET /account after signing in as ${email}: status ${acc.status}`);
  const csrf = csrfOf(acc.text);
  expect(csrf, `no csrf_token on /account for ${email}`);
  return { cookie, csrf, email };
}

// ---------------------------------------------------------------------------------------------
// The command line

export function runInput(binary, args, input, { timeoutMs = 30000 } = {}) {
  return new Promise((resolve) => {
    const p = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + String(e) });
    });
    p.on('close', async (code) => {
      clearTimeout(timer);
      if (code === 0 && basename(binary) === 'compact') await settle(); // what it wrote is seen
      resolve({ code: code ?? 128, stdout, stderr });
    });
    p.stdin.on('error', () => {});
    p.stdin.end(input);
  });
}

// A password nobody would choose: words (so not "common") plus random characters, which the
// log check then looks for.
export function newPassword(tag) {
  return `${tag} horse ${randomBytes(9).toString('base64url')}`;
}

export async function addUser(BIN, db, email, role, password, org) {
  const args = ['user', 'add', email, '--role', role, '--password-stdin', '--db', db];
  if (org) args.push('--org', org);
  const r = await runInput(BIN, args, `${password}\n`);
  expect(r.code === 0, `compact user add ${email}: exit ${r.code}; ${show(r.stderr)}`);
}

// A new API token of email made with the command line: {id, token}.
export async function addToken(BIN, db, email, label) {
  const args = ['token', 'add', email, '--db', db];
  if (label) args.push('--label', label);
  const r = await run(BIN, args);
  const lines = r.stdout.trim().split('\n');
  const token = lines[lines.length - 1];
  expect(r.code === 0 && SECRET.test(token), `compact token add ${email}: exit ${r.code}; ${show(r.stdout + r.stderr)}`);
  const list = await cliJson(BIN, ['token', 'list', '--email', email, '--format', 'json', '--db', db]);
  const newest = list.reduce((a, b) => (b.id > a.id ? b : a), list[0]);
  return { id: newest.id, token };
}

export async function cliJson(BIN, args) {
  const r = await run(BIN, args);
  expect(r.code === 0, `compact ${args.join(' ')}: exit ${r.code}; ${show(r.stderr)}`);
  try {
    return JSON.parse(r.stdout);
  } catch (e) {
    throw new Fail(`compact ${args.join(' ')}: not JSON: ${show(r.stdout)}`);
  }
}

function parseJson(res, what) {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new Fail(`${what}: status ${res.status}, body is not JSON: ${show(res.text)}`);
  }
}

// The API tokens listed on an /account page: [{id, label, active}].
function tokenRows(html) {
  const rows = [];
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html);
  if (!body) return rows;
  for (const tr of body[1].split('</tr>').filter((x) => x.includes('<td'))) {
    const label = /<td[^>]*>([^<]*)</.exec(tr); // the label, then the day it was made under it
    const id = /action="\/account\/tokens\/(\d+)\/revoke"/.exec(tr);
    rows.push({ label: label ? label[1] : '', id: id ? Number(id[1]) : null, active: !!id });
  }
  return rows;
}

function signInRedirect(res, next) {
  const loc = res.headers.location || '';
  const want = new RegExp(`^/login\\?(?:[^#]*&)?next=${next.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:&|$)`);
  return res.status === 303 && want.test(loc);
}

// ---------------------------------------------------------------------------------------------

export async function authTests(BIN, report) {
  const test = tester(report);
  const secrets = new Map(); // secret -> what it is, looked for in the server logs at the end
  const keep = (what, s) => {
    if (s) secrets.set(s, what);
    return s;
  };
  let A;
  let B;
  await test('auth: servers A (defaults) and B (--session-idle 2 --secure-cookies) start', async () => {
    const [a, b] = await Promise.allSettled([
      startServer(BIN, { threads: 2 }),
      startServer(BIN, { threads: 2, extraArgs: ['--session-idle', '2', '--secure-cookies'] }),
    ]);
    A = a.value;
    B = b.value;
    expect(A && B, [a.reason, b.reason].filter(Boolean).map((e) => e.message).join('; '));
  });
  if (!A || !B) {
    await A?.stop();
    await B?.stop();
    return;
  }
  try {
    const ctx = { BIN, A, B, test, keep, report };
    await Promise.all([expiry(ctx), serverA(ctx)]);
  } finally {
    for (const [name, s] of [['A', A], ['B', B]]) {
      const code = await s.stop();
      const log = s.logs();
      report(`auth: server ${name} stops on SIGTERM with exit code 0`, code === 0, `exit ${code}`);
      report(`auth: server ${name} log has no sanitizer report`, !SANITIZER_REPORT.test(log), show(log.slice(-600), 600));
      report(`auth: server ${name} never answered 500`, !/ 500 \d+ /.test(log),
        show(log.split('\n').filter((l) => / 500 \d+ /.test(l)).slice(0, 3).join(' | '), 400));
      const leaked = [...secrets].filter(([sec]) => log.includes(sec)).map(([, what]) => what);
      report(`auth: server ${name} log holds none of the ${secrets.size} passwords, session secrets, CSRF tokens and API tokens used`,
        leaked.length === 0, `found: ${leaked.slice(0, 8).join(', ')}`);
    }
  }
}

// Server B: idle expiry, the Secure attribute, and the way back to the page wanted.
async function expiry({ BIN, B, test, keep }) {
  const email = 'idle@auth.test';
  const pw = keep('password of idle@', newPassword('idle'));
  let cookie;
  await test('expiry: a member made with the CLI signs in; the cookie is Secure with --secure-cookies', async () => {
    await addUser(BIN, B.dbPath, email, 'member', pw, 'GB-CHC-123');
    const r = await signIn(B.port, email, pw);
    keep('session on B', r.cookie);
    const c = sessionCookie(r.res);
    expect(r.res.status === 303 && c, `status ${r.res.status}; ${show(r.res.headers['set-cookie'])}`);
    expect(c.attrs.secure === true && c.attrs.httponly === true && /^lax$/i.test(c.attrs.samesite),
      `Set-Cookie ${show(c.line)}`);
    cookie = r.cookie;
  });
  if (!cookie) return;
  await test('expiry: a session used every 0.4 s outlives --session-idle 2 (idle, not absolute)', async () => {
    const t0 = Date.now();
    for (let i = 0; i < 7; i++) {
      await sleep(400);
      const res = await request(B.port, { path: '/account', headers: cookieHeader(cookie) });
      expect(res.status === 200, `after ${Date.now() - t0} ms: status ${res.status}, Location ${res.headers.location}`);
    }
  });
  let expired;
  await test('expiry: unused for 3.2 s, GET /account answers 303 to /login?...next=%2Faccount and clears the cookie', async () => {
    await sleep(3200);
    expired = await request(B.port, { path: '/account', headers: cookieHeader(cookie) });
    expect(signInRedirect(expired, '%2Faccount'), `status ${expired.status}, Location ${show(expired.headers.location)}`);
    const c = sessionCookie(expired);
    expect(c && c.value === '' && (c.attrs['max-age'] === '0' || c.attrs.expires), `Set-Cookie ${show(expired.headers['set-cookie'])}`);
  });
  await test('expiry: the expired session cannot post a token (303 to /login, nothing created)', async () => {
    const acc = await request(B.port, { path: '/api/v1/me', headers: cookieHeader(cookie) });
    expect(acc.status === 401, `GET /api/v1/me with the expired cookie: status ${acc.status}`);
    const before = await cliJson(BIN, ['token', 'list', '--email', email, '--format', 'json', '--db', B.dbPath]);
    const res = await request(B.port, { method: 'POST', path: '/account/tokens', headers: cookieHeader(cookie), body: { label: 'late' } });
    expect(res.status === 303 && /^\/login\?/.test(res.headers.location || ''), `status ${res.status}, Location ${res.headers.location}`);
    const after = await cliJson(BIN, ['token', 'list', '--email', email, '--format', 'json', '--db', B.dbPath]);
    expect(after.length === before.length, `${before.length} tokens before, ${after.length} after`);
  });
  await test('expiry: signing in on the page it redirects to lands back on /account', async () => {
    expect(expired && expired.headers.location, 'no redirect to follow');
    const form = await request(B.port, { path: expired.headers.location });
    expect(form.status === 200, `GET ${expired.headers.location}: status ${form.status}`);
    const next = /<input type="hidden" name="next" value="([^"]*)"/.exec(form.text);
    expect(next && next[1] === '/account', `hidden next ${show(next && next[1])}`);
    const r = await signIn(B.port, email, pw, { next: next[1] });
    keep('session on B', r.cookie);
    expect(r.res.status === 303 && r.res.headers.location === '/account', `status ${r.res.status}, Location ${r.res.headers.location}`);
    const acc = await request(B.port, { path: '/account', headers: cookieHeader(r.cookie) });
    expect(acc.status === 200 && acc.text.includes(email), `GET /account: status ${acc.status}`);
  });
}

async function serverA(ctx) {
  const { BIN, A, test, keep } = ctx;
  const db = A.dbPath;
  const P = A.port;
  const users = {
    admin: { email: 'admin@auth.test', role: 'admin' },
    coordinator: { email: 'coord@auth.test', role: 'coordinator' },
    member: { email: 'member@auth.test', role: 'member', org: 'GB-CHC-123' },
    gone: { email: 'gone@auth.test', role: 'member', org: 'GB-CHC-123' },
  };
  for (const [k, u] of Object.entries(users)) u.password = keep(`password of ${k}`, newPassword(k));
  let ok = await test('users: admin, coordinator and members are made with `compact user add`', async () => {
    for (const u of Object.values(users)) await addUser(BIN, db, u.email, u.role, u.password, u.org);
  });
  if (!ok) return;
  const tokens = {};
  ok = await test('tokens: `compact token add` prints a 43-character token for each role', async () => {
    for (const k of ['admin', 'coordinator', 'member', 'gone']) {
      tokens[k] = await addToken(BIN, db, users[k].email);
      keep(`token of ${k}`, tokens[k].token);
    }
  });
  if (!ok) return;
  ctx.users = users;
  ctx.tokens = tokens;
  ctx.audited = []; // [kind, entity, action] of every write made, checked at the end

  let member; // a session reused by several checks
  await signInChecks(ctx);
  await test('sessions: a member signs in and /account shows who they are and the navigation', async () => {
    member = await session(P, users.member.email, users.member.password);
    keep('member session', member.cookie);
    keep('member csrf', member.csrf);
    const acc = await request(P, { path: '/account', headers: cookieHeader(member.cookie) });
    for (const s of ['member@auth.test', '>member<', 'GB-CHC-123', 'Your account', 'Sign out', 'API tokens',
      'action="/account/tokens"', 'action="/logout"']) {
      expect(acc.text.includes(s), `/account lacks ${show(s)}`);
    }
    expect(acc.headers['cache-control'] && /no-(cache|store)|private/.test(acc.headers['cache-control']),
      `Cache-Control ${show(acc.headers['cache-control'])}`);
    expect(!/>Sign in</.test(acc.text), 'the navigation of a signed-in page still offers "Sign in"');
    const home = await request(P, { path: '/' });
    expect(/href="\/login"/.test(home.text) && !home.text.includes('Sign out'), 'the anonymous home page does not offer "Sign in" only');
  });
  if (!member) return;
  ctx.member = member;
  await csrf(ctx);
  await tokenForm(ctx);
  await tampering(ctx);
  await disabled(ctx);
  await compacts(ctx);
  await signOut(ctx);
  await audit(ctx);
}

async function signInChecks({ A, test, keep, users }) {
  const P = A.port;
  const { admin, member } = users;
  await test('sign-in: GET /login is a form with email, password and no hidden next of its own', async () => {
    const res = await request(P, { path: '/login' });
    expect(res.status === 200, `status ${res.status}`);
    expect(/<form method="post" action="\/login"/.test(res.text), 'no form posting to /login');
    expect(/name="email"/.test(res.text) && /name="password"[^>]*type="password"|type="password"[^>]*name="password"/.test(res.text),
      'no email and password fields');
    expect(!/name="next"/.test(res.text), 'a hidden next without ?next=');
  });
  await test('sign-in: GET /login?next=%2Faccount carries next; unsafe nexts are dropped', async () => {
    const res = await request(P, { path: '/login?next=%2Faccount' });
    expect(/<input type="hidden" name="next" value="\/account">/.test(res.text), 'no hidden next=/account');
    for (const bad of ['%2F%2Fevil.example', 'https%3A%2F%2Fevil.example', '%2F%5Cevil.example']) {
      const r = await request(P, { path: `/login?next=${bad}` });
      expect(r.status === 200 && !/evil\.example/.test(r.text), `?next=${bad}: status ${r.status}, evil.example echoed`);
    }
  });
  await test('sign-in: success answers 303 to next with an HttpOnly, SameSite=Lax, Path=/ cookie of 32 random bytes', async () => {
    const r = await signIn(P, member.email, member.password, { next: '/authorities?set=2012' });
    keep('session', r.cookie);
    expect(r.res.status === 303, `status ${r.res.status}; ${show(r.res.text)}`);
    expect(r.res.headers.location === '/authorities?set=2012', `Location ${show(r.res.headers.location)}`);
    const c = sessionCookie(r.res);
    expect(c && SECRET.test(c.value), `Set-Cookie ${show(r.res.headers['set-cookie'])}`);
    expect(c.attrs.path === '/' && c.attrs.httponly === true && /^lax$/i.test(c.attrs.samesite),
      `attributes of ${show(c.line)}`);
    expect(Number(c.attrs['max-age']) > 0, `Max-Age ${show(c.attrs['max-age'])}`);
    expect(!c.attrs.secure, 'Secure without --secure-cookies (the browser would not send it over http)');
    expect(!c.attrs.domain, 'a Domain attribute');
  });
  const unsafe = ['//evil.example', 'https://evil.example', '/\\evil.example', '\\\\evil.example',
    'javascript:alert(1)', '/\r\nSet-Cookie: x=y', '/\t/evil.example', ''];
  await test(`sign-in: ${unsafe.length} unsafe values of next (//host, https://host, /\\host, CRLF, ...) land on the home page`, async () => {
    const bad = [];
    await Promise.all(unsafe.map(async (next) => {
      const r = await signIn(P, admin.email, admin.password, { next });
      keep('admin session', r.cookie);
      if (r.res.status !== 303 || r.res.headers.location !== '/') {
        bad.push(`next=${show(next)}: ${r.res.status} Location ${show(r.res.headers.location)}`);
      }
      if (r.res.headers['set-cookie'] && [].concat(r.res.headers['set-cookie']).some((l) => /^x=/.test(l))) {
        bad.push(`next=${show(next)}: a header was injected`);
      }
    }));
    expect(bad.length === 0, bad.join('; '));
  });
  await test('sign-in: two sign-ins get two different session secrets', async () => {
    const [a, b] = await Promise.all([signIn(P, admin.email, admin.password), signIn(P, admin.email, admin.password)]);
    keep('admin session', a.cookie);
    keep('admin session', b.cookie);
    expect(a.cookie && b.cookie && a.cookie !== b.cookie, `${show(a.cookie)} and ${show(b.cookie)}`);
  });
  await test('sign-in: wrong password and unknown email give the same 400 page but for the email echoed', async () => {
    const unknown = 'nobody-here@auth.test';
    const t0 = Date.now();
    const wrong = await request(P, { method: 'POST', path: '/login', local: '127.0.10.1', body: { email: member.email, password: 'not the password at all' } });
    const t1 = Date.now();
    const none = await request(P, { method: 'POST', path: '/login', local: '127.0.10.1', body: { email: unknown, password: 'not the password at all' } });
    const t2 = Date.now();
    expect(wrong.status === 400 && none.status === 400, `statuses ${wrong.status} and ${none.status}`);
    expect(wrong.text.includes(WRONG), `no ${show(WRONG)} in ${show(wrong.text)}`);
    expect(/class="govuk-error-summary"/.test(wrong.text) && /href="#email"/.test(wrong.text), 'no error summary linking to #email');
    const a = wrong.text.split(member.email).join('EMAIL');
    const b = none.text.split(unknown).join('EMAIL');
    if (a !== b) {
      let i = 0;
      while (a[i] === b[i]) i++;
      throw new Fail(`pages differ at ${i}: ${show(a.slice(i - 40, i + 80))} vs ${show(b.slice(i - 40, i + 80))}`);
    }
    for (const h of ['content-type', 'cache-control', 'set-cookie', 'location']) {
      expect(wrong.headers[h] === none.headers[h], `${h}: ${show(wrong.headers[h])} vs ${show(none.headers[h])}`);
    }
    // Argon2id for a known email only would tell who has an account. One pair of timings can
    // be anything on a loaded machine (a 578 ms stall met once under the whole suite): the
    // fastest of three of each, taken in turn, is what the work itself costs.
    const fast = { wrong: t1 - t0, none: t2 - t1 };
    for (let i = 0; i < 2; i++) {
      for (const [kind, email] of [['wrong', member.email], ['none', unknown]]) {
        const s = Date.now();
        const res = await request(P, { method: 'POST', path: '/login', local: `127.0.10.${20 + i}`, body: { email, password: 'not the password at all' } });
        expect(res.status === 400, `status ${res.status}`);
        fast[kind] = Math.min(fast[kind], Date.now() - s);
      }
    }
    expect(fast.none >= 0.3 * fast.wrong, `unknown email answered in ${fast.none} ms at the fastest, wrong password in ${fast.wrong} ms`);
  });
  await test('sign-in: the email is echoed escaped (no markup injection)', async () => {
    const email = '"><script>alert(1)</script>@auth.test';
    const res = await request(P, { method: 'POST', path: '/login', local: '127.0.10.2', body: { email, password: 'whatever it is here' } });
    expect(res.status === 400, `status ${res.status}`);
    expect(!res.text.includes('<script>alert(1)') && res.text.includes('&lt;script&gt;'), 'not escaped');
  });
  await test('sign-in: empty fields answer 400 with their own messages and no cookie', async () => {
    const res = await request(P, { method: 'POST', path: '/login', local: '127.0.10.3', body: { email: '', password: '' } });
    expect(res.status === 400, `status ${res.status}`);
    expect(res.text.includes('Enter your email address') && res.text.includes('Enter your password'), show(res.text));
    expect(!sessionCookie(res), 'a cookie');
  });
  await test('sign-in: an anonymous POST /login with an Origin of another site answers 403, no cookie', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const r = await signIn(P, member.email, member.password, { headers: { Origin: origin }, local: '127.0.10.4' });
      expect(r.res.status === 403 && !r.cookie, `Origin ${origin}: status ${r.res.status}, cookie ${show(r.cookie)}`);
    }
    const same = await signIn(P, member.email, member.password, { headers: { Origin: `http://127.0.0.1:${P}` } });
    keep('session', same.cookie);
    expect(same.res.status === 303 && same.cookie, `same Origin: status ${same.res.status}`);
  });
  await test('sign-in: GET /login when signed in goes to the home page, never to an unsafe next', async () => {
    const r = await signIn(P, admin.email, admin.password);
    keep('admin session', r.cookie);
    const res = await request(P, { path: '/login?next=%2F%2Fevil.example', headers: cookieHeader(r.cookie) });
    expect(res.status === 303 && res.headers.location === '/', `status ${res.status}, Location ${res.headers.location}`);
  });
  await test('sign-in: an anonymous GET of a signed-in page answers 303 to /login?next=<the page>', async () => {
    for (const [path, next] of [['/account', '%2Faccount'], ['/history/user/member%40auth.test', '%2Fhistory%2Fuser%2Fmember%2540auth.test']]) {
      const res = await request(P, { path });
      expect(signInRedirect(res, next), `${path}: status ${res.status}, Location ${show(res.headers.location)}`);
    }
  });
  await test('sign-in: signing in again ends the session sent along and rotates the secret', async () => {
    const s1 = await session(P, member.email, member.password);
    keep('session', s1.cookie);
    keep('csrf', s1.csrf);
    const r = await signIn(P, member.email, member.password, { headers: cookieHeader(s1.cookie), next: '/account' });
    // The post carries a live session, so without its CSRF token it is refused like any other.
    keep('session', r.cookie);
    expect(r.res.status === 403 && !r.cookie, `without csrf_token: status ${r.res.status}`);
    const body = { email: member.email, password: member.password, csrf_token: s1.csrf };
    const res = await request(P, { method: 'POST', path: '/login', headers: cookieHeader(s1.cookie), body });
    const c = sessionCookie(res);
    keep('session', c && c.value);
    expect(res.status === 303 && c && SECRET.test(c.value) && c.value !== s1.cookie, `status ${res.status}, Set-Cookie ${show(c && c.line)}`);
    const old = await request(P, { path: '/account', headers: cookieHeader(s1.cookie) });
    expect(old.status === 303, `the old cookie still opens /account (status ${old.status})`);
    const now = await request(P, { path: '/account', headers: cookieHeader(c.value) });
    expect(now.status === 200, `the new cookie: status ${now.status}`);
  });
}

// Tokens of email as the command line lists them.
async function tokenList(BIN, db, email) {
  return cliJson(BIN, ['token', 'list', '--email', email, '--format', 'json', '--db', db]);
}

async function csrf({ BIN, A, test, keep, users, member }) {
  const P = A.port;
  const db = A.dbPath;
  let other;
  let adminS;
  await test('csrf: each session has its own CSRF token', async () => {
    other = await session(P, users.member.email, users.member.password);
    adminS = await session(P, users.admin.email, users.admin.password);
    for (const s of [other, adminS]) {
      keep('session', s.cookie);
      keep('csrf', s.csrf);
    }
    expect(SECRET.test(member.csrf) || member.csrf.length >= 32, `csrf ${show(member.csrf)} is short`);
    expect(other.csrf !== member.csrf, 'two sessions of one person share a CSRF token');
  });
  if (!other) return;
  const before = await tokenList(BIN, db, member.email);
  const page0 = tokenRows((await request(P, { path: '/account', headers: cookieHeader(member.cookie) })).text);
  const flip = member.csrf.slice(0, -1) + (member.csrf.endsWith('A') ? 'B' : 'A');
  const cases = [
    ['no csrf_token', { label: 'csrf probe' }, {}],
    ['an empty csrf_token', { label: 'csrf probe', csrf_token: '' }, {}],
    ['a wrong csrf_token', { label: 'csrf probe', csrf_token: randomBytes(32).toString('base64url') }, {}],
    ['the token with one character changed', { label: 'csrf probe', csrf_token: flip }, {}],
    ['the token and one more character', { label: 'csrf probe', csrf_token: `${member.csrf}A` }, {}],
    ['the token less its last character', { label: 'csrf probe', csrf_token: member.csrf.slice(0, -1) }, {}],
    ["another session's token (same person)", { label: 'csrf probe', csrf_token: other.csrf }, {}],
    ["another person's token", { label: 'csrf probe', csrf_token: adminS.csrf }, {}],
    ['a wrong X-CSRF-Token header', { label: 'csrf probe' }, { 'X-CSRF-Token': other.csrf }],
    ['the token in the query string only', { label: 'csrf probe' }, {}, `?csrf_token=${member.csrf}`],
  ];
  for (const [what, body, headers, query = ''] of cases) {
    await test(`csrf: POST /account/tokens with ${what} answers 403`, async () => {
      const res = await request(P, { method: 'POST', path: `/account/tokens${query}`, headers: { ...cookieHeader(member.cookie), ...headers }, body });
      expect(res.status === 403, `status ${res.status}`);
      expect(!res.text.includes('app-token'), 'a token was shown');
    });
  }
  await test('csrf: POST /account/tokens/ID/revoke and POST /logout without the token answer 403', async () => {
    const id = before.find((t) => !t.revoked_at)?.id ?? 1;
    const r1 = await request(P, { method: 'POST', path: `/account/tokens/${id}/revoke`, headers: cookieHeader(member.cookie), body: {} });
    const r2 = await request(P, { method: 'POST', path: '/logout', headers: cookieHeader(member.cookie), body: { csrf_token: other.csrf } });
    expect(r1.status === 403 && r2.status === 403, `revoke ${r1.status}, logout ${r2.status}`);
    const still = await request(P, { path: '/account', headers: cookieHeader(member.cookie) });
    expect(still.status === 200, `the session ended anyway (status ${still.status})`);
  });
  await test('csrf: after the refused posts the tokens are unchanged (CLI list and /account table)', async () => {
    const after = await tokenList(BIN, db, member.email);
    expect(JSON.stringify(after) === JSON.stringify(before), `before ${show(JSON.stringify(before), 300)}, after ${show(JSON.stringify(after), 300)}`);
    const page1 = tokenRows((await request(P, { path: '/account', headers: cookieHeader(member.cookie) })).text);
    expect(JSON.stringify(page1) === JSON.stringify(page0), `table before ${JSON.stringify(page0)}, after ${JSON.stringify(page1)}`);
  });
  await test('csrf: the right token in the X-CSRF-Token header is accepted (201)', async () => {
    const res = await request(P, { method: 'POST', path: '/account/tokens', headers: { ...cookieHeader(member.cookie), 'X-CSRF-Token': member.csrf }, body: { label: 'by header' } });
    const m = /<code class="app-token">([^<]*)<\/code>/.exec(res.text);
    keep('token by header', m && m[1]);
    expect(res.status === 201 && m, `status ${res.status}`);
  });
}

async function tokenForm({ BIN, A, test, keep, users, tokens, member, audited }) {
  const P = A.port;
  let token;
  let id;
  await test('tokens: "Create a token" answers 201 and shows the new token once in <code class="app-token">', async () => {
    const res = await request(P, { method: 'POST', path: '/account/tokens', headers: cookieHeader(member.cookie), body: { label: 'e2e script', csrf_token: member.csrf } });
    const m = /<code class="app-token">([^<]*)<\/code>/.exec(res.text);
    expect(res.status === 201 && m, `status ${res.status}; ${show(res.text.slice(0, 300))}`);
    token = keep('token made on the account page', m[1]);
    expect(SECRET.test(token), `token ${show(token)}`);
    expect(res.text.includes('govuk-notification-banner--success'), 'no success banner');
    const again = await request(P, { path: '/account', headers: cookieHeader(member.cookie) });
    expect(!again.text.includes(token) && !again.text.includes('app-token'), 'the token is shown again on /account');
    const row = tokenRows(again.text).find((r) => r.label === 'e2e script');
    expect(row && row.active && row.id, `no active row "e2e script" in ${JSON.stringify(tokenRows(again.text))}`);
    id = row.id;
    audited.push(['api_token', String(id), 'create']);
  });
  if (!token) return;
  await test('tokens: the new token answers /api/v1/me as its member', async () => {
    const res = await request(P, { path: '/api/v1/me', headers: bearer(token) });
    const me = parseJson(res, 'GET /api/v1/me');
    expect(res.status === 200, `status ${res.status}`);
    expect(JSON.stringify(Object.keys(me).sort()) === JSON.stringify(['email', 'id', 'name', 'org_id', 'role']), `keys ${Object.keys(me)}`);
    expect(me.email === users.member.email && me.role === 'member' && me.org_id === 'GB-CHC-123' && Number.isInteger(me.id), show(res.text));
  });
  await test('tokens: `compact token list` shows it, labelled and not revoked', async () => {
    const list = await tokenList(BIN, A.dbPath, users.member.email);
    const t = list.find((x) => x.id === id);
    expect(t && t.label === 'e2e script' && t.revoked_at === null, show(JSON.stringify(list), 400));
    expect(!JSON.stringify(list).includes(token), 'the list shows the token itself');
  });
  await test('tokens: a label with markup is shown escaped', async () => {
    const label = '<script>alert(1)</script>';
    const res = await request(P, { method: 'POST', path: '/account/tokens', headers: cookieHeader(member.cookie), body: { label, csrf_token: member.csrf } });
    const m = /<code class="app-token">([^<]*)<\/code>/.exec(res.text);
    keep('token with a markup label', m && m[1]);
    expect(res.status === 201, `status ${res.status}`);
    expect(!res.text.includes(label) && res.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the label is not escaped');
    const long = await request(P, { method: 'POST', path: '/account/tokens', headers: cookieHeader(member.cookie), body: { label: 'x'.repeat(101), csrf_token: member.csrf } });
    expect(long.status === 400 && !long.text.includes('app-token'), `a 101-character label: status ${long.status}`);
  });
  await test("tokens: a member cannot revoke the admin's token (404) and it keeps working", async () => {
    const res = await request(P, { method: 'POST', path: `/account/tokens/${tokens.admin.id}/revoke`, headers: cookieHeader(member.cookie), body: { csrf_token: member.csrf } });
    expect(res.status === 404 || res.status === 403, `status ${res.status}`);
    const me = await request(P, { path: '/api/v1/me', headers: bearer(tokens.admin.token) });
    expect(me.status === 200, `the admin token: status ${me.status}`);
  });
  await test('tokens: revoking it with the form answers 303 to /account and the token then gets 401 everywhere', async () => {
    const res = await request(P, { method: 'POST', path: `/account/tokens/${id}/revoke`, headers: cookieHeader(member.cookie), body: { csrf_token: member.csrf } });
    expect(res.status === 303 && /^\/account(\?|$)/.test(res.headers.location || ''), `status ${res.status}, Location ${res.headers.location}`);
    audited.push(['api_token', String(id), 'revoke']);
    for (const path of ['/api/v1/me', '/healthz', '/', '/api/v1/authorities?limit=1']) {
      const r = await request(P, { path, headers: bearer(token) });
      expect(r.status === 401, `${path}: status ${r.status}`);
      expect(/^Bearer\b/.test(r.headers['www-authenticate'] || ''), `${path}: WWW-Authenticate ${show(r.headers['www-authenticate'])}`);
    }
    const acc = await request(P, { path: '/account', headers: cookieHeader(member.cookie) });
    const row = tokenRows(acc.text).find((r) => r.label === 'e2e script');
    expect(row && !row.active, `row ${JSON.stringify(row)}`);
  });
}

async function tampering({ A, test, tokens, member }) {
  const P = A.port;
  const v = member.cookie;
  const swap = (s, i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  const cookies = [
    ['one character changed', `compact_session=${swap(v, 10)}`],
    ['the last character changed', `compact_session=${swap(v, v.length - 1)}`],
    ['one character short', `compact_session=${v.slice(0, -1)}`],
    ['one character long', `compact_session=${v}A`],
    ['empty', 'compact_session='],
    ['garbage', 'compact_session=%00%ff<script>'],
    ['43 valid but unknown characters', `compact_session=${randomBytes(32).toString('base64url')}`],
    ['a 64-byte hex value', `compact_session=${randomBytes(32).toString('hex')}`],
    ['huge (6000 characters)', `compact_session=${'A'.repeat(6000)}`],
    ['quoted, one character changed', `compact_session="${swap(v, 5)}"`],
    ['a bad one before the good one', `compact_session=${swap(v, 0)}; compact_session=${v}`],
    ['no value at all', 'compact_session'],
    ['semicolons only', ';;;;'],
  ];
  await test(`tampering: ${cookies.length} tampered cookies are signed out on /account, /api/v1/me and / (never 500)`, async () => {
    const bad = [];
    for (const [what, cookie] of cookies) {
      const acc = await request(P, { path: '/account', headers: { Cookie: cookie } });
      const me = await request(P, { path: '/api/v1/me', headers: { Cookie: cookie } });
      const home = await request(P, { path: '/', headers: { Cookie: cookie } });
      const accOk = (acc.status === 303 && /^\/login\?/.test(acc.headers.location || '')) || acc.status === 400 || acc.status === 431;
      const meOk = me.status === 401 || me.status === 400 || me.status === 431;
      const homeOk = (home.status === 200 && !home.text.includes('Sign out')) || home.status === 400 || home.status === 431;
      if (!accOk || !meOk || !homeOk) bad.push(`${what}: /account ${acc.status} ${acc.headers.location || ''}, /api/v1/me ${me.status}, / ${home.status}`);
    }
    expect(bad.length === 0, bad.join('; '));
  });
  await test('tampering: the real session still works after all that', async () => {
    const res = await request(P, { path: '/account', headers: cookieHeader(v) });
    expect(res.status === 200, `status ${res.status}`);
  });
  const t = tokens.admin.token;
  const auths = [
    ['one character changed', `Bearer ${swap(t, 7)}`],
    ['one character short', `Bearer ${t.slice(0, -1)}`],
    ['one character long', `Bearer ${t}A`],
    ['43 valid but unknown characters', `Bearer ${randomBytes(32).toString('base64url')}`],
    ['base64 with padding', `Bearer ${randomBytes(32).toString('base64')}`],
    ['the session cookie as a token', `Bearer ${v}`],
    ['two tokens', `Bearer ${t} ${t}`],
    ['a token and a comma', `Bearer ${t},`],
    ['huge (5000 characters)', `Bearer ${'A'.repeat(5000)}`],
    ['non-ASCII', 'Bearer t\u00e9st'],
  ];
  await test(`tampering: ${auths.length} tampered bearer tokens answer 401 with WWW-Authenticate: Bearer on public and signed-in routes`, async () => {
    const bad = [];
    for (const [what, authz] of auths) {
      for (const path of ['/api/v1/me', '/healthz', '/authorities', '/account']) {
        const r = await request(P, { path, headers: { Authorization: authz } });
        const ok = (r.status === 401 && /^Bearer\b/.test(r.headers['www-authenticate'] || '')) || r.status === 400 || r.status === 431;
        if (!ok) bad.push(`${what} on ${path}: ${r.status}`);
      }
    }
    expect(bad.length === 0, bad.join('; '));
  });
  await test('tampering: the scheme is case-insensitive and other schemes are no token', async () => {
    const low = await request(P, { path: '/api/v1/me', headers: { Authorization: `bearer ${t}` } });
    expect(low.status === 200, `"bearer TOKEN": status ${low.status}`);
    const basic = await request(P, { path: '/healthz', headers: { Authorization: 'Basic dXNlcjpwYXNzd29yZA==' } });
    expect(basic.status === 200, `Basic on /healthz: status ${basic.status}`);
    const basicMe = await request(P, { path: '/api/v1/me', headers: { Authorization: 'Basic dXNlcjpwYXNzd29yZA==' } });
    expect(basicMe.status === 401, `Basic on /api/v1/me: status ${basicMe.status}`);
  });
  await test('tampering: a valid token beats a tampered cookie; a tampered token beats a valid cookie', async () => {
    const a = await request(P, { path: '/api/v1/me', headers: { ...bearer(t), Cookie: `compact_session=${swap(v, 3)}` } });
    expect(a.status === 200 && JSON.parse(a.text).role === 'admin', `valid token + bad cookie: ${a.status}`);
    const b = await request(P, { path: '/account', headers: { ...bearer(swap(t, 3)), ...cookieHeader(v) } });
    expect(b.status === 401, `bad token + valid cookie: ${b.status}`);
  });
}

async function disabled({ BIN, A, test, keep, users, tokens, audited }) {
  const P = A.port;
  const u = users.gone;
  let s;
  await test('disabled: `compact user disable` ends the sessions and tokens of that user; sign-in then fails alike', async () => {
    s = await session(P, u.email, u.password);
    keep('session', s.cookie);
    keep('csrf', s.csrf);
    const before = await request(P, { path: '/api/v1/me', headers: bearer(tokens.gone.token) });
    expect(before.status === 200, `the token before: status ${before.status}`);
    const r = await run(BIN, ['user', 'disable', u.email, '--db', A.dbPath]);
    expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
    audited.push(['user', u.email, 'disable']);
    const tok = await request(P, { path: '/api/v1/me', headers: bearer(tokens.gone.token) });
    expect(tok.status === 401, `the token after: status ${tok.status}`);
    const acc = await request(P, { path: '/account', headers: cookieHeader(s.cookie) });
    expect(acc.status === 303, `the session after: status ${acc.status}`);
    const again = await signIn(P, u.email, u.password, { local: '127.0.13.1' });
    expect(again.res.status === 400 && again.res.text.includes(WRONG) && !again.cookie, `sign-in: status ${again.res.status}`);
  });
}

const COMPACT = { name: 'Liverpool Compact', authorities: ['E08000012'], status: 'active', status_date: '2024-04-01' };

async function compacts({ BIN, A, test, keep, users, tokens, member, audited }) {
  const P = A.port;
  const post = (headers, body) => request(P, {
    method: 'POST', path: '/api/v1/compacts', headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const countBefore = async () => (await cliJson(BIN, ['audit', '--entity', 'compact/1', '--format', 'json', '--db', A.dbPath])).length;
  let n0 = 0;
  await test('compacts: an anonymous script cannot create a Compact (401, WWW-Authenticate: Bearer)', async () => {
    n0 = await countBefore();
    const res = await post({}, COMPACT);
    expect(res.status === 401 && /^Bearer\b/.test(res.headers['www-authenticate'] || ''), `status ${res.status}, ${show(res.headers['www-authenticate'])}`);
    expect(/^application\/problem\+json/.test(res.headers['content-type'] || ''), `Content-Type ${res.headers['content-type']}`);
  });
  await test('compacts: a member cannot (403), nor a forged token (401)', async () => {
    const m = await post(bearer(tokens.member.token), COMPACT);
    const f = await post(bearer(randomBytes(32).toString('base64url')), COMPACT);
    const mc = await post({ ...cookieHeader(member.cookie), 'X-CSRF-Token': member.csrf }, COMPACT);
    expect(m.status === 403 && f.status === 401 && mc.status === 403,
      `member ${m.status}, forged ${f.status}, member signed in ${mc.status}`);
  });
  await test('compacts: none of the refused attempts wrote anything', async () => {
    const n = await countBefore();
    expect(n === n0 && n === 0, `${n} audit entries for compact/1`);
  });
  let id;
  await test('compacts: an admin token creates one (201 {"id": N})', async () => {
    const res = await post(bearer(tokens.admin.token), COMPACT);
    const doc = parseJson(res, 'POST /api/v1/compacts');
    expect(res.status === 201 && Number.isInteger(doc.id) && doc.id > 0, `status ${res.status}: ${show(res.text)}`);
    id = doc.id;
    audited.push(['compact', String(id), 'create']);
  });
  await test('compacts: a coordinator token creates one too (201)', async () => {
    const res = await post(bearer(tokens.coordinator.token), { ...COMPACT, name: 'Coordinated Compact' });
    const doc = parseJson(res, 'POST /api/v1/compacts');
    expect(res.status === 201 && Number.isInteger(doc.id), `status ${res.status}: ${show(res.text)}`);
    audited.push(['compact', String(doc.id), 'create']);
  });
  await test('compacts: a former GSS code (E07000100, St Albans before 2020) is accepted', async () => {
    const res = await post(bearer(tokens.admin.token), { ...COMPACT, name: 'St Albans Compact', authorities: ['E07000100'] });
    const doc = parseJson(res, 'POST /api/v1/compacts');
    expect(res.status === 201 && Number.isInteger(doc.id), `status ${res.status}: ${show(res.text)}`);
    audited.push(['compact', String(doc.id), 'create']);
  });
  const bad = [
    ['no body', '', 'body'],
    ['a body that is not JSON', '{"name": ', null],
    ['a JSON array', '[]', null],
    ['no name', { ...COMPACT, name: undefined }, 'name'],
    ['an empty name', { ...COMPACT, name: '' }, 'name'],
    ['a name of 201 characters', { ...COMPACT, name: 'x'.repeat(201) }, 'name'],
    ['no authorities', { ...COMPACT, authorities: [] }, 'authorities'],
    ['authorities not a list', { ...COMPACT, authorities: 'E08000012' }, 'authorities'],
    ['an unknown GSS code', { ...COMPACT, authorities: ['E08000012', 'E99999999'] }, 'authorities.1'],
    ['a Welsh code', { ...COMPACT, authorities: ['W06000015'] }, 'authorities.0'],
    ['an unknown status', { ...COMPACT, status: 'pending' }, 'status'],
    ['an impossible date', { ...COMPACT, status_date: '2024-02-30' }, 'status_date'],
    ['a date in another format', { ...COMPACT, status_date: '01/04/2024' }, 'status_date'],
  ];
  await test(`compacts: ${bad.length} kinds of bad input answer 400 problem JSON naming the field`, async () => {
    const wrong = [];
    for (const [what, body, param] of bad) {
      const res = await post(bearer(tokens.admin.token), body);
      let doc = {};
      try {
        doc = JSON.parse(res.text);
      } catch {
        // reported below
      }
      const paramOk = param ? doc.param === param : typeof doc.param === 'string' && doc.param !== '';
      if (res.status !== 400 || !paramOk || doc.status !== 400) wrong.push(`${what}: ${res.status} param ${show(doc.param)}`);
    }
    expect(wrong.length === 0, wrong.join('; '));
  });
  await test('compacts: an admin signed in creates one with X-CSRF-Token, and not without it', async () => {
    const s = await session(P, users.admin.email, users.admin.password);
    keep('admin session', s.cookie);
    keep('admin csrf', s.csrf);
    const no = await post(cookieHeader(s.cookie), { ...COMPACT, name: 'No CSRF Compact' });
    expect(no.status === 403, `without X-CSRF-Token: status ${no.status}`);
    const yes = await post({ ...cookieHeader(s.cookie), 'X-CSRF-Token': s.csrf }, { ...COMPACT, name: 'Signed-in Compact' });
    const doc = parseJson(yes, 'POST /api/v1/compacts');
    expect(yes.status === 201 && Number.isInteger(doc.id), `with it: status ${yes.status}: ${show(yes.text)}`);
    audited.push(['compact', String(doc.id), 'create']);
  });
  await test('compacts: exactly the 4 created are in the audit trail (no entry for refusals)', async () => {
    const made = audited.filter(([k]) => k === 'compact').map(([, e]) => Number(e));
    const all = [];
    for (let i = 1; i <= Math.max(...made) + 2; i++) {
      const list = await cliJson(BIN, ['audit', '--entity', `compact/${i}`, '--format', 'json', '--db', A.dbPath]);
      if (list.length) all.push(i);
    }
    expect(JSON.stringify(all) === JSON.stringify(made), `audited compacts ${JSON.stringify(all)}, made ${JSON.stringify(made)}`);
  });
  if (id) {
    await test('compacts: the audit entry says who, what and the state after', async () => {
      const res = await request(P, { path: `/api/v1/audit?kind=compact&entity=${id}`, headers: bearer(tokens.admin.token) });
      const list = parseJson(res, 'GET /api/v1/audit');
      expect(res.status === 200 && Array.isArray(list) && list.length === 1, `status ${res.status}: ${show(res.text)}`);
      const me = JSON.parse((await request(P, { path: '/api/v1/me', headers: bearer(tokens.admin.token) })).text);
      const e = list[0];
      expect(e.action === 'create' && e.actor === `user:${me.id}` && e.before === null, show(JSON.stringify(e), 300));
      expect(e.after && e.after.name === COMPACT.name && JSON.stringify(e.after.authorities) === '["E08000012"]', show(JSON.stringify(e.after), 300));
      expect(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(e.at), `at ${show(e.at)}`);
    });
    await test('compacts: the history page shows it to a member signed in', async () => {
      const res = await request(P, { path: `/history/compact/${id}`, headers: cookieHeader(member.cookie) });
      expect(res.status === 200 && res.text.includes(COMPACT.name), `status ${res.status}`);
    });
  }
}

async function signOut({ A, test, keep, users }) {
  const P = A.port;
  await test('sign-out: POST /logout with the CSRF token answers 303 to / and clears the cookie; the old cookie then fails', async () => {
    const s = await session(P, users.coordinator.email, users.coordinator.password);
    keep('coordinator session', s.cookie);
    keep('coordinator csrf', s.csrf);
    const res = await request(P, { method: 'POST', path: '/logout', headers: cookieHeader(s.cookie), body: { csrf_token: s.csrf } });
    expect(res.status === 303 && res.headers.location === '/', `status ${res.status}, Location ${res.headers.location}`);
    const c = sessionCookie(res);
    expect(c && c.value === '' && (c.attrs['max-age'] === '0' || c.attrs.expires) && c.attrs.path === '/', `Set-Cookie ${show(res.headers['set-cookie'])}`);
    const acc = await request(P, { path: '/account', headers: cookieHeader(s.cookie) });
    expect(signInRedirect(acc, '%2Faccount'), `GET /account with the old cookie: ${acc.status} ${show(acc.headers.location)}`);
    const me = await request(P, { path: '/api/v1/me', headers: cookieHeader(s.cookie) });
    expect(me.status === 401, `GET /api/v1/me with the old cookie: ${me.status}`);
    const post = await request(P, { method: 'POST', path: '/account/tokens', headers: cookieHeader(s.cookie), body: { label: 'after sign-out', csrf_token: s.csrf } });
    expect(post.status === 303 && !post.text.includes('app-token'), `POST /account/tokens with the old cookie: ${post.status}`);
  });
}

// Every write made by the checks above shows up in GET /api/v1/audit and in `compact audit`.
async function audit({ BIN, A, test, keep, users, tokens, member, audited }) {
  const P = A.port;
  for (const u of Object.values(users)) audited.push(['user', u.email, 'create']);
  for (const t of Object.values(tokens)) audited.push(['api_token', String(t.id), 'create']);
  const entities = new Map();
  for (const [kind, entity, action] of audited) {
    const k = `${kind}/${entity}`;
    if (!entities.has(k)) entities.set(k, []);
    entities.get(k).push(action);
  }
  await test(`audit: the ${audited.length} writes made show up in /api/v1/audit and in \`compact audit --entity\``, async () => {
    const bad = [];
    for (const [k, actions] of entities) {
      const [kind, ...rest] = k.split('/');
      const entity = rest.join('/');
      const res = await request(P, { path: `/api/v1/audit?kind=${kind}&entity=${encodeURIComponent(entity)}`, headers: bearer(tokens.admin.token) });
      let api = [];
      try {
        api = JSON.parse(res.text);
      } catch {
        bad.push(`${k}: API status ${res.status}, not JSON`);
        continue;
      }
      const cli = await cliJson(BIN, ['audit', '--entity', k, '--format', 'json', '--db', A.dbPath]);
      const got = api.map((e) => e.action);
      for (const a of actions) {
        if (got.filter((x) => x === a).length < actions.filter((x) => x === a).length) bad.push(`${k}: no "${a}" in the API's ${JSON.stringify(got)}`);
      }
      if (JSON.stringify(api.map((e) => e.id)) !== JSON.stringify(cli.map((e) => e.id))) {
        bad.push(`${k}: API ids ${JSON.stringify(api.map((e) => e.id))}, CLI ids ${JSON.stringify(cli.map((e) => e.id))}`);
      }
      for (const e of api) {
        if (!e.actor || !e.at) bad.push(`${k}: entry ${e.id} lacks who or when: ${show(JSON.stringify(e), 200)}`);
        if (e.action === 'create' ? e.before !== null || !e.after : e.before === null || !e.after) {
          bad.push(`${k}: the "${e.action}" entry ${e.id} has before ${show(JSON.stringify(e.before), 60)}, after ${show(JSON.stringify(e.after), 60)}`);
        }
      }
    }
    expect(bad.length === 0, bad.join('; '));
  });
  await test('audit: nothing in the trail holds a password, a hash of one or a token', async () => {
    const list = await cliJson(BIN, ['audit', '--entity', `user/${users.member.email}`, '--format', 'json', '--db', A.dbPath]);
    const text = JSON.stringify(list);
    expect(!text.includes(users.member.password) && !/\$argon2id\$/.test(text), show(text, 300));
    const tok = await cliJson(BIN, ['audit', '--entity', `api_token/${tokens.member.id}`, '--format', 'json', '--db', A.dbPath]);
    expect(!JSON.stringify(tok).includes(tokens.member.token), 'the token is in its audit entry');
  });
  await test('history: a member sees their own history page and a Compact\'s, not the admin\'s (403); the admin sees all', async () => {
    const m = member;
    const a = await session(P, users.admin.email, users.admin.password);
    keep('admin session', a.cookie);
    keep('admin csrf', a.csrf);
    const get = (path, s) => request(P, { path, headers: cookieHeader(s.cookie) });
    const own = await get(`/history/user/${encodeURIComponent(users.member.email)}`, m);
    const other = await get(`/history/user/${encodeURIComponent(users.admin.email)}`, m);
    const token = await get(`/history/api_token/${tokens.admin.id}`, m);
    const adminOther = await get(`/history/user/${encodeURIComponent(users.member.email)}`, a);
    const adminToken = await get(`/history/api_token/${tokens.member.id}`, a);
    const kind = await get('/history/password/1', a);
    expect(own.status === 200 && own.text.includes(users.member.email), `own: ${own.status}`);
    expect(other.status === 403 && token.status === 403, `the admin's user history: ${other.status}, the admin's token history: ${token.status}`);
    expect(adminOther.status === 200 && adminToken.status === 200, `admin: ${adminOther.status}, ${adminToken.status}`);
    expect(kind.status === 404, `an unknown kind: ${kind.status}`);
  });
  await test('audit: a member reads their own user history but not the admin\'s (403); the admin reads both', async () => {
    const own = await request(P, { path: `/api/v1/audit?kind=user&entity=${encodeURIComponent(users.member.email)}`, headers: bearer(tokens.member.token) });
    const other = await request(P, { path: `/api/v1/audit?kind=user&entity=${encodeURIComponent(users.admin.email)}`, headers: bearer(tokens.member.token) });
    const admin = await request(P, { path: `/api/v1/audit?kind=user&entity=${encodeURIComponent(users.member.email)}`, headers: bearer(tokens.admin.token) });
    expect(own.status === 200 && other.status === 403 && admin.status === 200, `own ${own.status}, admin's ${other.status}, admin reading ${admin.status}`);
    const missing = await request(P, { path: '/api/v1/audit?kind=user', headers: bearer(tokens.member.token) });
    const badKind = await request(P, { path: '/api/v1/audit?kind=password&entity=1', headers: bearer(tokens.member.token) });
    expect(missing.status === 400 && badKind.status === 400, `no entity ${missing.status}, bad kind ${badKind.status}`);
  });
}
