// The route-by-role permission matrix, generated from the route table (`compact routes`).
//
//   import { permissionMatrix } from './permissions.mjs';
//   await permissionMatrix(BIN, report);   // report(name, ok, why)
//
// Every route is called as each caller: nobody, a token of each role, a forged token, and a
// signed-in cookie of each role (with the CSRF token on posts). Path parameters get sample
// values (:gss an authority, :id a token of the caller's own, :kind/:entity the caller's user
// history, * app.css). A route a caller may use must succeed: not 401 or 403, not a 5xx, not a
// redirect to /login. One it may not must answer 401 (nobody on the API, any forged token), 303
// to /login?next= (nobody on a page) or 403 (a signed-in caller of another role). A route with
// no declared access fails, so a new route cannot be added without deciding who may use it.
//
// Then by object: every route that writes to a Compact (its activities among them, and the
// record form) or to an organisation, or shows the form for it, is called again on objects the
// coordinator may not write to (another Compact; a council and an organisation an admin added,
// signing nothing of theirs). There the coordinator must get 403, everyone else what the matrix
// says; in the matrix itself those routes get objects the coordinator may write to (the
// matrix's Compact, which they coordinate, and an organisation they added).
import { randomBytes } from 'node:crypto';
import { sql } from '../lib/db.mjs';
import { run, startServer } from '../lib/server.mjs';
import {
  addToken, addUser, bearer, cookieHeader, csrfOf, expect, Fail, newPassword, request, session,
  sessionCookie, show, tester,
} from './auth.mjs';
import { CUT_FORM } from './trust_policy.mjs';

const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;
const ROLES = ['public', 'member', 'coordinator', 'admin'];
const COMPACT = { name: 'Matrix Compact', authorities: ['E08000009'], status: 'in_development', status_date: '2025-01-31' };

// Query strings a route needs to do its work rather than answer 400 (not needed for the verdict,
// which only cares about 401, 403 and the sign-in redirect, but it makes a success a real one).
const QUERY = {
  '/api/v1/audit': (c) => `?kind=user&entity=${encodeURIComponent(c.email)}`,
  '/api/v1/authorities': () => '?limit=1',
};

// A Compact's routes get the matrix's own Compact, which the coordinator coordinates, and an
// organisation's routes one the coordinator added, so that a coordinator is let in as well as
// past the router; other :id routes get a spare token's id. The record form records a funding
// change on the Compact of the object in hand.
const COMPACT_ROUTE = /^(\/api\/v1)?\/compacts\/:id(\/|$)/;
const ORG_ROUTE = /^(\/api\/v1)?\/organisations\/:id(\/|$)/;
const RECORD_ROUTE = '/checks/:kind/record';
// The objects the coordinator may write to (the matrix's own), and those they may not.
const OWN = { compact: 0, org: 'GB-CHC-4040401' };
const NOT_THEIRS = [
  { name: 'another Compact', compact: 0, org: null },
  { name: 'a council', compact: null, org: 'GB-LAE-TRF' },
  { name: 'an organisation an admin added', compact: null, org: 'GB-CHC-4040402' },
];

// Whether route writes to (or shows the form to write to) obj's kind of object, a Compact or
// an organisation: the routes the by-object cells call.
function writesObject(route, obj) {
  const target = obj.org ? ORG_ROUTE.test(route.pattern) : COMPACT_ROUTE.test(route.pattern) || route.pattern === RECORD_ROUTE;
  return target && (route.method !== 'GET' || !route.access.includes('member'));
}

// The library's items get a number none has (404 to whoever the router lets in): who may see or
// change one depends on the item, its Compact and its author, which tests/e2e/library.mjs tests.
const LIBRARY_ROUTE = /^(\/api\/v1)?\/(case-studies|resources)\/:id(\/|$)/;

function fillPath(pattern, c, obj = OWN) {
  const id = COMPACT_ROUTE.test(pattern) ? obj.compact : ORG_ROUTE.test(pattern) ? obj.org
    : LIBRARY_ROUTE.test(pattern) ? 999999999 : c.spareId;
  const values = {
    gss: 'E08000009', id: String(id), kind: pattern === RECORD_ROUTE ? 'funding_change' : 'user',
    entity: encodeURIComponent(c.email),
  };
  return pattern
    .split('/')
    .map((seg) => {
      if (seg === '*') return 'app.css';
      if (seg.startsWith(':')) return values[seg.slice(1)] ?? '1';
      return seg;
    })
    .join('/') + (QUERY[pattern] ? QUERY[pattern](c) : '');
}

// The body of a post to pattern by caller c on object obj: JSON for the API, a form otherwise.
function bodyFor(pattern, c, obj = OWN) {
  if (pattern.startsWith('/api/')) return { json: true, body: JSON.stringify(pattern === '/api/v1/compacts' ? COMPACT : {}) };
  const form = pattern === RECORD_ROUTE ? { ...CUT_FORM, compact: String(obj.compact) } : {};
  if (pattern === '/login') Object.assign(form, { email: c.email, password: c.password });
  if (pattern === '/account/tokens') form.label = `matrix ${c.name}`;
  if (c.session) form.csrf_token = c.session.csrf;
  return { json: false, body: form };
}

// The verdict of caller c's reply res on route; notTheirs: on an object the coordinator may not
// write to.
function verdict(route, c, res, notTheirs = false) {
  const isApi = route.pattern.startsWith('/api/');
  const loc = res.headers.location || '';
  const toLogin = res.status >= 300 && res.status < 400 && /^\/login(\?|$)/.test(loc);
  const got = `${res.status}${loc ? ` -> ${loc}` : ''}`;
  if (c.forged) return { ok: res.status === 401, want: '401', got };
  // Routes for people only (managing tokens) refuse every token, whatever its role.
  if (c.byToken && route.tokens === false) return { ok: res.status === 403, want: '403 (people only)', got };
  if (route.access.includes(c.role) && !(notTheirs && c.role === 'coordinator')) {
    // Access is decided before the handler runs, so a 400 or 404 of the handler (sample values
    // it does not like) still means the caller was let in; a 5xx never passes.
    return { ok: res.status !== 401 && res.status !== 403 && res.status < 500 && !toLogin, want: 'allowed', got };
  }
  if (c.role !== 'public') return { ok: res.status === 403, want: '403', got };
  if (isApi) return { ok: res.status === 401 && /^Bearer\b/.test(res.headers['www-authenticate'] || ''), want: '401 + WWW-Authenticate', got };
  return { ok: res.status === 303 && /^\/login\?(.*&)?next=/.test(loc), want: '303 to /login?next=', got };
}

export async function permissionMatrix(BIN, report) {
  const test = tester(report);
  let routes;
  await test('matrix: `compact routes` lists the route table as JSON', async () => {
    const r = await run(BIN, ['routes']);
    expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
    try {
      routes = JSON.parse(r.stdout);
    } catch {
      throw new Fail(`not JSON: ${show(r.stdout)}`);
    }
    expect(Array.isArray(routes) && routes.length > 0, 'no routes');
  });
  if (!routes) return;
  await test(`matrix: each of the ${routes.length} routes declares who may use it (known roles, none empty)`, async () => {
    const bad = routes.filter((rt) => typeof rt.method !== 'string' || typeof rt.pattern !== 'string' ||
      !Array.isArray(rt.access) || rt.access.length === 0 || rt.access.some((a) => !ROLES.includes(a)));
    expect(bad.length === 0, `undeclared or unknown access: ${bad.map((b) => JSON.stringify(b)).join('; ')}`);
    const seen = new Set();
    for (const rt of routes) {
      const k = `${rt.method} ${rt.pattern}`;
      expect(!seen.has(k), `${k} is listed twice`);
      seen.add(k);
    }
  });
  await test('matrix: an admin may use every route a signed-in person may', async () => {
    const bad = routes.filter((rt) => (rt.access.includes('member') || rt.access.includes('coordinator')) && !rt.access.includes('admin'));
    expect(bad.length === 0, bad.map((b) => `${b.method} ${b.pattern}`).join(', '));
  });

  let s;
  await test('matrix: a server starts', async () => {
    s = await startServer(BIN, { threads: 2 });
  });
  if (!s) return;
  const secrets = new Set();
  try {
    await matrix(BIN, s, routes, test, report, secrets);
  } finally {
    const code = await s.stop();
    const log = s.logs();
    report('matrix: the server stops on SIGTERM with exit code 0', code === 0, `exit ${code}`);
    report('matrix: the server log has no sanitizer report', !SANITIZER_REPORT.test(log), show(log.slice(-600), 600));
    const leaked = [...secrets].filter((x) => x && log.includes(x));
    report(`matrix: the server log holds none of the ${secrets.size} passwords, tokens and session secrets used`,
      leaked.length === 0, `${leaked.length} found`);
  }
}

async function matrix(BIN, s, routes, test, report, secrets) {
  const P = s.port;
  const people = {};
  const callers = [];
  const ready = await test('matrix: a user of each role with a token, two spare tokens and a session', async () => {
    // Nobody signs in on POST /login as a user of their own.
    const email = 'nobody@matrix.test';
    const password = newPassword('nobody');
    await Promise.all([
      addUser(BIN, s.dbPath, email, 'member', password, 'GB-CHC-789'),
      ...['member', 'coordinator', 'admin'].map(async (role) => {
        const p = { email: `${role}@matrix.test`, password: newPassword(role) };
        await addUser(BIN, s.dbPath, p.email, role, p.password, role === 'member' ? 'GB-CHC-456' : undefined);
        p.main = await addToken(BIN, s.dbPath, p.email, 'matrix');
        p.spare1 = await addToken(BIN, s.dbPath, p.email, 'spare for the token');
        p.spare2 = await addToken(BIN, s.dbPath, p.email, 'spare for the cookie');
        people[role] = p;
      }),
    ]);
    const nobody = { name: 'nobody', role: 'public', email, password, spareId: people.member.spare1.id, headers: () => ({}) };
    callers.push(nobody);
    for (const role of ['member', 'coordinator', 'admin']) {
      const p = people[role];
      callers.push({ name: `${role} token`, role, byToken: true, email: p.email, password: p.password, spareId: p.spare1.id, headers: () => bearer(p.main.token) });
    }
    const forged = randomBytes(32).toString('base64url');
    callers.push({ name: 'forged token', role: 'public', forged: true, email, password, spareId: people.member.spare1.id, headers: () => bearer(forged) });
    for (const role of ['member', 'coordinator', 'admin']) {
      const p = people[role];
      const c = { name: `${role} signed in`, role, email: p.email, password: p.password, spareId: p.spare2.id, secrets };
      c.headers = () => cookieHeader(c.session.cookie);
      callers.push(c);
    }
    await Promise.all(callers.filter((c) => c.name.endsWith('signed in')).map(async (c) => {
      c.session = await session(P, c.email, c.password);
    }));
    const post = (who, path, body) => request(P, { method: 'POST', path, body: JSON.stringify(body),
      headers: { ...bearer(people[who].main.token), 'Content-Type': 'application/json' } });
    const made = await post('admin', '/api/v1/compacts', COMPACT);
    const other = await post('admin', '/api/v1/compacts', { ...COMPACT, name: 'Another Compact' });
    expect(made.status === 201 && other.status === 201, `creating the matrix's Compacts: ${made.status} ${show(made.text)}`);
    OWN.compact = JSON.parse(made.text).id;
    NOT_THEIRS[0].compact = JSON.parse(other.text).id;
    const assign = await sql(s.dbPath, `INSERT INTO compact_coordinator (compact_id, user_id)
      SELECT ${Number(OWN.compact)}, id FROM "user" WHERE email = 'coordinator@matrix.test'`);
    expect(assign.code === 0, `assigning the coordinator: ${show(assign.stderr)}`);
    const mine = await post('coordinator', '/api/v1/organisations', { org_id: OWN.org, name: 'Added by the coordinator', type: 'charity' });
    const admins = await post('admin', '/api/v1/organisations', { org_id: NOT_THEIRS[2].org, name: 'Added by an admin', type: 'charity' });
    expect(mine.status === 201 && admins.status === 201, `adding the matrix's organisations: ${mine.status} ${admins.status}`);
  });
  if (!ready) return;
  for (const p of Object.values(people)) [p.password, p.main.token, p.spare1.token, p.spare2.token].forEach((x) => secrets.add(x));
  for (const c of callers) {
    secrets.add(c.password);
    if (c.session) secrets.add(c.session.cookie);
  }
  secrets.add(callers.find((c) => c.forged).headers().Authorization.slice(7));

  // Each caller's column runs in order (a cell may change its session), the columns side by
  // side; the verdicts are then reported row by row.
  const verdicts = await Promise.all(callers.map(async (c) => {
    const col = [];
    for (const route of routes) col.push(await cell(P, route, c));
    return col;
  }));
  let cells = 0;
  routes.forEach((route, i) => {
    callers.forEach((c, j) => {
      const v = verdicts[j][i];
      cells++;
      report(`matrix: ${route.method} ${route.pattern} as ${c.name}: ${v.want === 'allowed' ? 'allowed' : `refused (${v.want})`}`,
        v.ok, v.why);
    });
  });
  report(`matrix: ${cells} cells = ${routes.length} routes x ${callers.length} callers`, cells === routes.length * callers.length, `${cells} cells`);

  // By object: the same callers on the objects the coordinator may not write to.
  const [compactWrites, orgWrites] = [NOT_THEIRS[0], NOT_THEIRS[1]].map((obj) => routes.filter((r) => writesObject(r, obj)));
  const has = (list, method, pattern) => list.some((r) => r.method === method && r.pattern === pattern);
  report(`matrix: by object, ${compactWrites.length} routes write to a Compact (its activities among them), ${orgWrites.length} to an organisation`,
    has(compactWrites, 'POST', '/api/v1/compacts/:id/activities') && has(compactWrites, 'PUT', '/api/v1/compacts/:id/activities/:activity') &&
    has(compactWrites, 'POST', RECORD_ROUTE) && has(orgWrites, 'PATCH', '/api/v1/organisations/:id') &&
    has(orgWrites, 'POST', '/organisations/:id') && has(orgWrites, 'GET', '/organisations/:id/edit'),
    [...compactWrites, ...orgWrites].map((r) => `${r.method} ${r.pattern}`).join(', '));
  for (const obj of NOT_THEIRS) {
    const writes = obj.org ? orgWrites : compactWrites;
    const byObject = await Promise.all(callers.map(async (c) => {
      const col = [];
      for (const route of writes) col.push(await cell(P, route, c, obj));
      return col;
    }));
    writes.forEach((route, i) => {
      callers.forEach((c, j) => {
        const v = byObject[j][i];
        report(`matrix by object (${obj.name}): ${route.method} ${route.pattern} as ${c.name}: ${v.want === 'allowed' ? 'allowed' : `refused (${v.want})`}`,
          v.ok, v.why);
      });
    });
  }
}

// Calls route as caller c on object obj (the coordinator's own unless said); its verdict {ok,
// want, why}.
async function cell(P, route, c, obj = OWN) {
  const path = fillPath(route.pattern, c, obj);
  const headers = { ...c.headers() };
  let body;
  if (route.method !== 'GET' && route.method !== 'HEAD') {
    const b = bodyFor(route.pattern, c, obj);
    body = b.body;
    if (b.json) headers['Content-Type'] = 'application/json';
    if (c.session) headers['X-CSRF-Token'] = c.session.csrf;
  }
  try {
    const res = await request(P, { method: route.method, path, headers, body });
    const v = verdict(route, c, res, obj !== OWN);
    if (c.session) await keepSignedIn(P, c, res);
    return { ...v, why: `${route.method} ${path}: want ${v.want}, got ${v.got}; ${show(res.text, 200)}` };
  } catch (e) {
    return { ok: false, want: 'a reply', why: `${route.method} ${path}: ${e.message}` };
  }
}

// A cell may have changed the caller's session (POST /login rotates it, POST /logout ends it):
// take the new one, or sign in again, so the next cells run signed in.
async function keepSignedIn(P, c, res) {
  const set = sessionCookie(res);
  if (set && set.value) {
    const acc = await request(P, { path: '/account', headers: cookieHeader(set.value) });
    c.session = { cookie: set.value, csrf: csrfOf(acc.text), email: c.email };
  } else {
    const me = await request(P, { path: '/api/v1/me', headers: cookieHeader(c.session.cookie) });
    if (me.status !== 200) c.session = await session(P, c.email, c.password);
  }
  c.secrets.add(c.session.cookie);
}
