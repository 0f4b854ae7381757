// End-to-end tests of the real `compact` binary.
//
// Usage: node tests/e2e/run.mjs BINARY
//        COMPACT_TEST_PG=postgresql:///compact?host=DIR node tests/e2e/run.mjs BINARY
//
// On SQLite by default; on PostgreSQL when COMPACT_TEST_PG names a database of a throw-away
// server (tests/pg/start.sh): every server and private database is then a new PostgreSQL
// database, dropped when done (tests/lib/db.mjs). The first line says which backend.
// Starts `compact serve` on a free loopback port with a fresh database (tests/lib/server.mjs),
// runs the cases stored as data in tests/e2e/cases/*.json, then the tests that need code: raw
// sockets (malformed requests, limits, path traversal, keep-alive, HTTP/1.0), the request
// timeout, SIGTERM during a request, the access log, and the command line; then accounts,
// sessions, CSRF, tokens and the audit trail (auth.mjs), the limits on failed sign-ins
// (trust_auth.mjs), the route-by-role permission matrix (permissions.mjs) and an import beside
// the server (trust_stall.mjs), each on servers of their own, and `compact copy` between the
// engines (copy.mjs, with a PostgreSQL of its own unless COMPACT_TEST_PG names one). Prints one
// line per check, then "N passed, N failed"; exits 1 if any check failed.
//
// A case is {name, method?, path, headers?, body?, status (a number or a list), contentType?
// (prefix), bodyContains?, bodyNotContains?, bodyStartsWith?, bodyEmpty?, bodyCount?
// ({substring: times}), lines? (newline-terminated lines), json? ({path: want}), headersPresent?,
// headersAbsent?, headerMatch? ({name: regex}), securityHeaders? (default true)}.
// A json path is dot-separated ("items.0.gss", "items.length"); "*" checks every element. A
// wanted value is compared as JSON, except {"$re": regex}, {"$includes": value} (an array
// holding value) and {"$keys": [..]} (an object with exactly those keys).
// "{VERSION}" and "{ETAG}" in paths, header values and patterns are the asset version from the
// home page's stylesheet link and the ETag of /assets/app.css.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { close, connect, parseResponse, rawExchange, readResponse, send, until } from '../lib/raw.mjs';
import { BACKEND, freshDb, sql } from '../lib/db.mjs';
import { run, startServer } from '../lib/server.mjs';
import { authTests } from './auth.mjs';
import { cliAccounts } from './cli_accounts.mjs';
import { activityTests } from './activities.mjs';
import { opendataTests } from './opendata.mjs';
import { trustImportTests } from './trust_import.mjs';
import { permissionMatrix } from './permissions.mjs';
import { signatoryTests } from './signatories.mjs';
import { organisationTests } from './organisations.mjs';
import { coverageTests } from './coverage.mjs';
import { signupTests } from './signups.mjs';
import { compactTests } from './compacts.mjs';
import { updateTests } from './update.mjs';
import { indicatorTests } from './indicators.mjs';
import { trustPolicyTests } from './trust_policy.mjs';
import { recordTests } from './record.mjs';
import { utf8Tests } from './trust_utf8.mjs';
import { trustContentTests } from './trust_content.mjs';
import { trustAuthTests } from './trust_auth.mjs';
import { trustServerTests } from './trust_server.mjs';
import { pgClusterTests } from './pg_cluster.mjs';
import { trustStallTests } from './trust_stall.mjs';
import { copyTests } from './copy.mjs';
import { homeTests } from './homes.mjs';
import { complaintPageTests } from './complaint_pages.mjs';
import { publicTests } from './public.mjs';
import { complaintTests } from './complaints.mjs';
import { searchTests } from './search.mjs';
import { libraryTests } from './library.mjs';
import { surveyTests } from './survey.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SECURITY = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};
const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;

if (process.argv.length !== 3) {
  console.error('usage: node tests/e2e/run.mjs BINARY');
  process.exit(2);
}
const BIN = process.argv[2];
const started = Date.now();
console.log(`# backend: ${BACKEND}${BACKEND === 'sqlite' ? '' : ' (COMPACT_TEST_PG)'}`);
let passed = 0;
let failed = 0;

function report(name, ok, why = '') {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}: ${String(why).split('\n').join(' | ')}`);
  }
  return ok;
}

class Fail extends Error {}
function expect(cond, why) {
  if (!cond) throw new Fail(why);
}

// Runs fn as one check: it passes unless fn throws.
async function test(name, fn) {
  try {
    await fn();
    return report(name, true);
  } catch (e) {
    // A mistake in the test itself shows its stack; a failure of the server, its message.
    const bug = e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError;
    return report(name, false, bug ? e.stack : e.message || String(e));
  }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function show(s, n = 160) {
  const t = JSON.stringify(String(s));
  return t.length > n ? `${t.slice(0, n)}...` : t;
}

// ---------------------------------------------------------------------------------------------
// HTTP through node:http (paths are sent as written, without normalising)

function request(port, { method = 'GET', path, headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers, agent: false, timeout: 15000 },
      (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({ status: res.statusCode, headers: res.headers, buf, text: buf.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no reply within 15 s')));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Data-driven cases

function lookup(value, path) {
  const parts = path === '' ? [] : path.split('.');
  const walk = (v, i) => {
    if (i === parts.length) return [v];
    const p = parts[i];
    if (p === '*') {
      if (!Array.isArray(v)) return [undefined];
      return v.length ? v.flatMap((x) => walk(x, i + 1)) : [];
    }
    if (p === 'length' && Array.isArray(v)) return walk(v.length, i + 1);
    if (v === null || typeof v !== 'object' || !(p in v)) return [undefined];
    return walk(v[p], i + 1);
  };
  return walk(value, 0);
}

function matches(got, want) {
  if (want && typeof want === 'object' && !Array.isArray(want)) {
    if ('$re' in want) return typeof got === 'string' && new RegExp(want.$re).test(got);
    if ('$includes' in want) return Array.isArray(got) && got.some((x) => JSON.stringify(x) === JSON.stringify(want.$includes));
    if ('$keys' in want) {
      return got !== null && typeof got === 'object' &&
        JSON.stringify(Object.keys(got).sort()) === JSON.stringify([...want.$keys].sort());
    }
  }
  return JSON.stringify(got) === JSON.stringify(want);
}

function countOf(text, sub) {
  let n = 0;
  for (let i = text.indexOf(sub); i >= 0; i = text.indexOf(sub, i + sub.length)) n++;
  return n;
}

function expand(s, vars) {
  return typeof s === 'string' ? s.replace(/\{(VERSION|ETAG)\}/g, (_, k) => vars[k]) : s;
}

function reEscape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function runCase(port, tc, vars) {
  const headers = {};
  for (const [k, v] of Object.entries(tc.headers || {})) headers[k] = expand(v, vars);
  if (tc.body !== undefined) headers['Content-Length'] = Buffer.byteLength(tc.body);
  const res = await request(port, { method: tc.method || 'GET', path: expand(tc.path, vars), headers, body: tc.body });
  const statuses = Array.isArray(tc.status) ? tc.status : [tc.status];
  expect(statuses.includes(res.status), `status ${res.status}, want ${statuses.join(' or ')}; body ${show(res.text)}`);
  const ct = res.headers['content-type'] || '';
  if (tc.contentType) expect(ct.startsWith(tc.contentType), `Content-Type ${show(ct)}, want ${tc.contentType}...`);
  if (tc.securityHeaders !== false) {
    for (const [k, v] of Object.entries(SECURITY)) {
      expect(res.headers[k] === v, `${k}: ${show(res.headers[k])}, want ${show(v)}`);
    }
  }
  for (const h of tc.headersPresent || []) expect(res.headers[h.toLowerCase()], `no ${h} header`);
  for (const h of tc.headersAbsent || []) expect(res.headers[h.toLowerCase()] === undefined, `unexpected ${h}: ${res.headers[h.toLowerCase()]}`);
  for (const [k, pattern] of Object.entries(tc.headerMatch || {})) {
    const re = new RegExp(pattern.replace(/\{(VERSION|ETAG)\}/g, (_, n) => reEscape(vars[n])));
    const v = res.headers[k.toLowerCase()];
    expect(v !== undefined && re.test(v), `${k}: ${show(v)} does not match /${re.source}/`);
  }
  if (tc.bodyEmpty) expect(res.buf.length === 0, `body of ${res.buf.length} bytes, want none`);
  if (tc.bodyStartsWith) expect(res.text.startsWith(tc.bodyStartsWith), `body starts ${show(res.text.slice(0, 120))}`);
  for (const s of tc.bodyContains || []) expect(res.text.includes(s), `body lacks ${show(s)}`);
  for (const s of tc.bodyNotContains || []) {
    const i = res.text.indexOf(s);
    expect(i < 0, `body contains ${show(s)}: ...${show(res.text.slice(Math.max(0, i - 60), i + 60))}`);
  }
  for (const [s, n] of Object.entries(tc.bodyCount || {})) {
    const got = countOf(res.text, s);
    expect(got === n, `${show(s)} appears ${got} times, want ${n}`);
  }
  if (tc.lines !== undefined) {
    const got = countOf(res.text, '\n');
    expect(got === tc.lines && res.text.endsWith('\n'), `${got} lines, want ${tc.lines}`);
  }
  if (tc.json) {
    let doc;
    try {
      doc = JSON.parse(res.text);
    } catch (e) {
      throw new Fail(`body is not JSON: ${show(res.text)}`);
    }
    for (const [p, want] of Object.entries(tc.json)) {
      const got = lookup(doc, p);
      expect(got.length > 0 || !p.includes('*'), `${p}: no elements`);
      const bad = got.find((g) => !matches(g, want));
      expect(bad === undefined && got.every((g) => matches(g, want)),
        `${p} is ${show(JSON.stringify(bad))}, want ${JSON.stringify(want)}`);
    }
  }
}

function loadCases() {
  const dir = join(HERE, 'cases');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const cases = [];
  for (const f of files) {
    for (const tc of JSON.parse(readFileSync(join(dir, f), 'utf8'))) cases.push({ ...tc, file: f });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// The main server: data cases and raw sockets

async function assetVars(s) {
  const home = await request(s.port, { path: '/' });
  const m = /<link rel="stylesheet" href="\/assets\/app\.css\?v=([A-Za-z0-9._-]+)"/.exec(home.text);
  const vars = { VERSION: m ? m[1] : 'no-version-found', ETAG: '"no-etag-found"' };
  report('home page links the stylesheet with ?v=VERSION', !!m, show(home.text.slice(0, 400)));
  const css = await request(s.port, { path: '/assets/app.css' });
  if (css.headers.etag) vars.ETAG = css.headers.etag;
  report('app.css has an ETag', !!css.headers.etag);
  return vars;
}

async function dataCases(s, vars) {
  const cases = loadCases();
  const names = new Set();
  for (const tc of cases) {
    if (names.has(tc.name)) report(`case names are unique: ${tc.name}`, false, `repeated in ${tc.file}`);
    names.add(tc.name);
    await test(tc.name, () => runCase(s.port, tc, vars));
  }
}

async function sliceCode(s) {
  await test('API: walking set=2012 with limit=100 gives 353 unique codes in 4 pages', async () => {
    const seen = new Set();
    let cursor = '';
    let pages = 0;
    let last = '';
    for (;;) {
      const q = `/api/v1/authorities?set=2012&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await request(s.port, { path: q });
      expect(res.status === 200, `${q}: status ${res.status}`);
      const doc = JSON.parse(res.text);
      pages++;
      expect(doc.total === 353, `${q}: total ${doc.total}`);
      expect(doc.items.length === (pages < 4 ? 100 : 53), `page ${pages} has ${doc.items.length} items`);
      for (const it of doc.items) {
        expect(!seen.has(it.gss), `${it.gss} on two pages`);
        expect(it.gss > last, `${it.gss} after ${last}: pages are not in code order`);
        seen.add(it.gss);
        last = it.gss;
      }
      if (doc.next === null) break;
      expect(doc.next === doc.items[doc.items.length - 1].gss, `next ${doc.next} is not the last code of the page`);
      expect(pages < 10, 'more than 10 pages');
      cursor = doc.next;
    }
    expect(pages === 4, `${pages} pages`);
    expect(seen.size === 353, `${seen.size} unique codes`);
  });

  await test('CSV: set=2012 has the same 353 codes as the API', async () => {
    const csv = await request(s.port, { path: '/api/v1/authorities.csv?set=2012' });
    const api = await request(s.port, { path: '/api/v1/authorities?set=2012&limit=1000' });
    const fromCsv = csv.text.trim().split('\n').slice(1).map((l) => l.split(',')[0]).sort();
    const fromApi = JSON.parse(api.text).items.map((i) => i.gss).sort();
    expect(new Set(fromCsv).size === 353, `${new Set(fromCsv).size} unique codes in the CSV`);
    expect(JSON.stringify(fromCsv) === JSON.stringify(fromApi), 'CSV and API codes differ');
  });

  await test('API: type totals in set 2012 add up to 353', async () => {
    let sum = 0;
    for (const t of ['county', 'district', 'metropolitan_district', 'london_borough', 'unitary']) {
      sum += JSON.parse((await request(s.port, { path: `/api/v1/authorities?set=2012&type=${t}&limit=1` })).text).total;
    }
    expect(sum === 353, `sum ${sum}`);
  });

  await test('HEAD /api/v1/authorities?set=2012 has the Content-Length of the GET', async () => {
    const get = await request(s.port, { path: '/api/v1/authorities?set=2012' });
    const head = await request(s.port, { method: 'HEAD', path: '/api/v1/authorities?set=2012' });
    expect(Number(head.headers['content-length']) === get.buf.length,
      `HEAD says ${head.headers['content-length']}, GET sent ${get.buf.length}`);
  });

  await test('after the injection payloads the database still answers (353, alias, healthz)', async () => {
    const a = JSON.parse((await request(s.port, { path: '/api/v1/authorities?set=2012&limit=1' })).text);
    expect(a.total === 353, `total ${a.total}`);
    const b = JSON.parse((await request(s.port, { path: '/api/v1/authorities/E07000100' })).text);
    expect(b.gss === 'E07000240', `alias gives ${b.gss}`);
    expect((await request(s.port, { path: '/healthz' })).status === 200, 'healthz not 200');
  });
}

// A reply kept in the server's cache must not outlive a change to the database made by another
// process: sqlite3 or psql renames an authority behind the server's back. SQLite's data version
// shows it to the next request; PostgreSQL tells the server by NOTIFY, which arrives a few
// milliseconds after the commit, so there the change must show within NOTIFY_MS.
const NOTIFY_MS = 1000;
async function cacheInvalidation(s) {
  // The page at path once it holds want (or no longer holds it, with gone): the first reply on
  // SQLite, the first within NOTIFY_MS on PostgreSQL.
  const fresh = async (path, want, gone = false) => {
    const deadline = Date.now() + (BACKEND === 'sqlite' ? 0 : NOTIFY_MS);
    for (;;) {
      const res = await request(s.port, { path });
      if (res.text.includes(want) !== gone || Date.now() >= deadline) return res;
      await sleep(5);
    }
  };
  await test('cache: a change made by another process shows on the next request', async () => {
    const path = '/authorities/E06000001';
    const before = await request(s.port, { path });
    expect(before.status === 200 && before.text.includes('Hartlepool'), `before: ${before.status}`);
    await request(s.port, { path }); // now certainly cached
    const r = await sql(s.dbPath, "UPDATE authority SET name = 'Hartlepool (renamed)' WHERE gss = 'E06000001'");
    expect(r.code === 0, `SQL exit ${r.code}: ${show(r.stderr)}`);
    const page = await fresh(path, 'Hartlepool (renamed)');
    expect(page.text.includes('Hartlepool (renamed)'), 'page still shows the old name');
    const api = JSON.parse((await request(s.port, { path: '/api/v1/authorities/E06000001' })).text);
    expect(api.name === 'Hartlepool (renamed)', `API says ${api.name}`);
    const back = await sql(s.dbPath, "UPDATE authority SET name = 'Hartlepool' WHERE gss = 'E06000001'");
    expect(back.code === 0, `SQL exit ${back.code}`);
    const again = await fresh(path, '(renamed)', true);
    expect(!again.text.includes('(renamed)'), 'the old name did not come back');
  });
}

async function alive(s) {
  const res = await request(s.port, { path: '/healthz' });
  expect(res.status === 200, `healthz then answers ${res.status}`);
}

async function rawSockets(s) {
  const malformed = [
    ['GARBAGE', 'GARBAGE\r\n\r\n'],
    ['an unknown HTTP version', 'GET / HTTP/9.9\r\n\r\n'],
    ['a request line without a version', 'GET /\r\n\r\n'],
    ['a method alone', 'GET\r\n\r\n'],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n'],
    ['a negative Content-Length', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n'],
    ['binary bytes', '\x00\xff\xfe\x01\r\n\r\n'],
    ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n'],
  ];
  for (const [what, data] of malformed) {
    await test(`malformed: ${what} gets a 4xx or a close, and the server still serves`, async () => {
      const { res, c } = await rawExchange(s.port, Buffer.from(data, 'latin1'), 5000);
      close(c);
      expect(res || c.closed, 'neither a reply nor a close within 5 s');
      if (res) expect(res.status >= 400 && res.status < 500, `status ${res.status}`);
      await alive(s);
    });
  }

  await test('body: POST with Content-Length 2000000 and a 2 MB body gets 413', async () => {
    const data = Buffer.concat([
      Buffer.from('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: 2000000\r\n\r\n'),
      Buffer.alloc(2000000, 0x61),
    ]);
    const { res, c } = await rawExchange(s.port, data);
    close(c);
    expect(res, `no reply (closed ${c.closed}, error ${c.error && c.error.code})`);
    expect(res.status === 413, `status ${res.status}`);
    await alive(s);
  });

  await test('body: a 2 MB chunked body gets 413', async () => {
    const chunk = `10000\r\n${'a'.repeat(0x10000)}\r\n`;
    const data = `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.repeat(32)}0\r\n\r\n`;
    const { res, c } = await rawExchange(s.port, data);
    close(c);
    expect(res && res.status === 413, res ? `status ${res.status}` : 'no reply');
    await alive(s);
  });

  await test('body: a 512 KB body is under the limit (POST /healthz gets our 405)', async () => {
    const res = await request(s.port, { method: 'POST', path: '/healthz', headers: { 'Content-Length': 524288 }, body: Buffer.alloc(524288, 0x62) });
    expect(res.status === 405 && res.headers.allow === 'GET, HEAD', `status ${res.status}, Allow ${res.headers.allow}`);
  });

  await test('headers: a 20 KB header gets 431', async () => {
    const { res, c } = await rawExchange(s.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20480)}\r\n\r\n`);
    close(c);
    expect(res && res.status === 431, res ? `status ${res.status}` : 'no reply');
    expect(res.headers['x-content-type-options'] === 'nosniff', 'no security headers');
  });

  await test('headers: 20 KB over many small headers gets 431', async () => {
    let h = '';
    for (let i = 0; i < 400; i++) h += `X-H${i}: ${'b'.repeat(50)}\r\n`;
    const { res, c } = await rawExchange(s.port, `GET /healthz HTTP/1.1\r\nHost: x\r\n${h}\r\n`);
    close(c);
    expect(res && res.status === 431, res ? `status ${res.status}` : 'no reply');
  });

  await test('headers: a 200 KB header gets 431', async () => {
    const { res, c } = await rawExchange(s.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(204800)}\r\n\r\n`);
    close(c);
    expect(res && res.status === 431, res ? `status ${res.status} ${show(res.text, 80)}` : 'no reply');
    await alive(s);
  });

  await test('URI: a 10 KB URI gets 414', async () => {
    const { res, c } = await rawExchange(s.port, `GET /authorities?x=${'a'.repeat(10240)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    close(c);
    expect(res && res.status === 414, res ? `status ${res.status}` : 'no reply');
    expect(res.headers['x-content-type-options'] === 'nosniff', 'no security headers');
  });

  await test('URI: a 200 KB URI gets 414', async () => {
    const { res, c } = await rawExchange(s.port, `GET /authorities?x=${'a'.repeat(204800)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    close(c);
    expect(res && res.status === 414, res ? `status ${res.status} ${show(res.text, 80)}` : 'no reply');
    await alive(s);
  });

  await test('URI: a URI just under 8 KB is served', async () => {
    const res = await request(s.port, { path: `/api/v1/authorities?set=2012&limit=1&pad=${'a'.repeat(8000)}` });
    expect(res.status === 200, `status ${res.status}`);
  });

  const traversal = [
    '/assets/../../etc/passwd',
    '/assets/../../../../../../etc/passwd',
    '/%2e%2e/',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2fetc%2fpasswd',
    '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/assets/..\\..\\etc\\passwd',
    '/assets/%5c..%5c..%5cetc%5cpasswd',
    '/assets/./app.css',
    '/./healthz',
    '/api/v1/authorities/..',
    '/authorities/%2e%2e',
  ];
  for (const p of traversal) {
    await test(`path: GET ${p} is 400 or 404, never file contents`, async () => {
      const { res, c } = await rawExchange(s.port, `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      close(c);
      expect(res, 'no reply');
      expect(res.status === 400 || res.status === 404, `status ${res.status}`);
      expect(!/root:.*:0:0:/.test(res.text), 'body holds /etc/passwd');
      expect(!res.text.includes('.govuk-'), 'body holds the stylesheet');
    });
  }

  await test('HTTP/1.0 with Connection: close gets a full body, then a close', async () => {
    const path = '/api/v1/authorities?set=2012&limit=5';
    const ref = await request(s.port, { path });
    const { res, c } = await rawExchange(s.port, `GET ${path} HTTP/1.0\r\nConnection: close\r\n\r\n`);
    await until(c, () => c.closed, 3000);
    close(c);
    expect(res && res.status === 200, res ? `status ${res.status}` : 'no reply');
    expect(c.closed, 'the server kept the connection open');
    if (res.headers['content-length'] !== undefined) {
      expect(Number(res.headers['content-length']) === res.body.length, `Content-Length ${res.headers['content-length']}, body ${res.body.length}`);
    }
    expect(res.body.length === ref.buf.length, `body of ${res.body.length} bytes, HTTP/1.1 gives ${ref.buf.length}`);
    expect(JSON.parse(res.text).items.length === 5, 'body is not the full JSON');
    expect(res.headers['x-content-type-options'] === 'nosniff', 'no security headers');
  });

  await test('keep-alive: two requests one after the other on one connection', async () => {
    const c = await connect(s.port);
    await send(c, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const a = await readResponse(c);
    await send(c, 'GET /api/v1/authorities/E07000100 HTTP/1.1\r\nHost: x\r\n\r\n');
    const b = await readResponse(c);
    close(c);
    expect(a.status === 200 && JSON.parse(a.text).status === 'ok', `first: ${a.status} ${show(a.text)}`);
    expect(b.status === 200 && JSON.parse(b.text).gss === 'E07000240', `second: ${b.status} ${show(b.text)}`);
  });

  await test('keep-alive: two pipelined requests are answered in order', async () => {
    const c = await connect(s.port);
    await send(c, 'GET /api/v1/authorities?set=2012&limit=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/authorities/E99999999 HTTP/1.1\r\nHost: x\r\n\r\n');
    const a = await readResponse(c);
    const b = await readResponse(c);
    close(c);
    expect(a.status === 200 && JSON.parse(a.text).total === 353, `first: ${a.status}`);
    expect(b.status === 404 && JSON.parse(b.text).param === 'gss', `second: ${b.status}`);
  });

  await test('keep-alive: a 404 and a 400 leave the connection usable', async () => {
    const c = await connect(s.port);
    await send(c, 'GET /nope HTTP/1.1\r\nHost: x\r\n\r\n');
    const a = await readResponse(c);
    await send(c, 'GET /api/v1/authorities?set=bad HTTP/1.1\r\nHost: x\r\n\r\n');
    const b = await readResponse(c);
    await send(c, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const d = await readResponse(c);
    close(c);
    expect(a.status === 404 && b.status === 400 && d.status === 200, `${a.status} ${b.status} ${d.status}`);
  });

  await test('HTTP/1.1 Connection: close is honoured', async () => {
    const { res, c } = await rawExchange(s.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await until(c, () => c.closed, 3000);
    close(c);
    expect(res && res.status === 200, 'no 200');
    expect(c.closed, 'connection left open');
  });
}

// Waits up to 2 s for a log line matching re (stderr arrives asynchronously).
async function logLines(s, re, n) {
  const deadline = Date.now() + 2000;
  let lines = [];
  do {
    lines = s.logs().split('\n').filter((l) => re.test(l));
    if (lines.length >= n) break;
    await sleep(50);
  } while (Date.now() < deadline);
  return lines;
}

async function accessLog(s) {
  await test('access log: one line per request with method, path, status, bytes and ms', async () => {
    const tag = `/no-such-page-${process.pid}`;
    const sizes = [];
    for (let i = 0; i < 3; i++) sizes.push((await request(s.port, { path: tag })).buf.length);
    await sleep(200);
    const re = new RegExp(`\\bGET ${reEscape(tag)} 404 (\\d+) (\\d+\\.\\d+)ms$`);
    const lines = await logLines(s, new RegExp(reEscape(tag)), 3);
    expect(lines.length === 3, `${lines.length} lines mention ${tag}: ${show(lines.join(' / '), 400)}`);
    for (const l of lines) {
      const m = re.exec(l);
      expect(m, `line ${show(l)} is not "GET path status bytes N.NNms"`);
      expect(Number(m[1]) === sizes[0], `logged ${m[1]} bytes, sent ${sizes[0]}`);
    }
  });

  await test('access log: HEAD and POST are logged with their method and status', async () => {
    await request(s.port, { method: 'HEAD', path: '/healthz?probe=head' });
    await request(s.port, { method: 'POST', path: '/authorities?probe=post', headers: { 'Content-Length': 1 }, body: 'x' });
    expect((await logLines(s, /\bHEAD \/healthz 200 \d+ \d+\.\d+ms$/, 1)).length >= 1, 'no HEAD line');
    expect((await logLines(s, /\bPOST \/authorities 405 \d+ \d+\.\d+ms$/, 1)).length === 1, 'no POST 405 line');
  });

  await test('access log: the query string (?token=secret123) is not logged', async () => {
    const res = await request(s.port, { path: '/healthz?token=secret123' });
    expect(res.status === 200, `status ${res.status}`);
    const lines = await logLines(s, /\bGET \/healthz 200 15 \d+\.\d+ms$/, 1);
    expect(lines.length >= 1, 'no log line for GET /healthz');
    expect(!s.logs().includes('secret123'), 'secret123 is in the log');
  });

  await test('access log: control characters in the path are not written raw', async () => {
    const { c } = await rawExchange(s.port, 'GET /esc\x1b[31mred HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 3000);
    close(c);
    await sleep(100);
    expect(!s.logs().includes('\x1b['), 'an escape sequence reached the log');
  });
}

// ---------------------------------------------------------------------------------------------
// The request timeout (slowloris)

async function expect408(port, parts, opts) {
  return expect408On(await connect(port), parts, opts);
}

async function expect408On(c, parts, { gapMs = 0, within = 6000, atLeast = 800 } = {}) {
  const t0 = Date.now();
  for (const p of parts) {
    await send(c, p);
    if (gapMs) await sleep(gapMs);
    if (c.closed) break;
  }
  await until(c, () => c.closed, within - (Date.now() - t0));
  const elapsed = (c.closedAt || Date.now()) - t0;
  const res = parseResponse(c.buf, true);
  close(c);
  expect(c.closed, `connection still open after ${within} ms`);
  expect(res, `closed after ${elapsed} ms without a reply`);
  expect(res.status === 408, `status ${res.status}`);
  expect(res.text === 'The request took too long to send', `body ${show(res.text)}`);
  expect(Number(res.headers['content-length']) === res.body.length, 'Content-Length does not match the body');
  expect(elapsed >= atLeast, `408 after ${elapsed} ms, before the 1 s timeout`);
  expect(elapsed <= within, `408 after ${elapsed} ms`);
}

async function slowloris() {
  let s;
  await test('slowloris: a server with --request-timeout 1 starts', async () => {
    s = await startServer(BIN, { threads: 2, requestTimeout: 1 });
  });
  if (!s) return;
  try {
    await Promise.all([
      test('slowloris: half a request line gets 408 and a close within ~3 s', () => expect408(s.port, ['GET /heal'])),
      test('slowloris: headers without their blank line get 408', () => expect408(s.port, ['GET /healthz HTTP/1.1\r\nHost: x\r\n'])),
      test('slowloris: a body shorter than its Content-Length gets 408', () =>
        expect408(s.port, ['POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789'])),
      test('slowloris: a header trickled a byte every 200 ms gets 408 (the timeout is for the whole request)', () =>
        expect408(s.port, ['GET /healthz HTTP/1.1\r\nX-Slow: ', ...'abcdefghijklmnopqrst'.split('')], { gapMs: 200, within: 6000 })),
      test('slowloris: a keep-alive connection still gets 408 after a long reply to a slow reader', async () => {
        // 60 pipelined 88 KB replies to a reader that pauses 2.5 s: the server is still
        // writing when its once-a-second sweep of connections runs.
        const n = 60;
        const c = await connect(s.port);
        c.sock.pause();
        await send(c, 'GET /api/v1/authorities?set=2012&limit=1000 HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(n));
        await sleep(2500);
        c.sock.resume();
        for (let i = 0; i < n; i++) {
          const res = await readResponse(c, 10000);
          expect(res.status === 200, `reply ${i + 1}: status ${res.status}`);
        }
        expect(c.buf.length === 0 && !c.closed, 'more than the 60 replies, or a close');
        await expect408On(c, ['GET /heal']);
      }),
      test('slowloris: the server answers others meanwhile', async () => {
        await sleep(300);
        await alive(s);
      }),
      test('slowloris: an idle keep-alive connection outlives the request timeout', async () => {
        const c = await connect(s.port);
        await send(c, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
        const a = await readResponse(c);
        await sleep(1600);
        expect(!c.closed, 'closed while idle');
        expect(c.buf.length === 0, `unexpected bytes ${show(c.buf.toString('latin1'))}`);
        await send(c, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
        const b = await readResponse(c);
        close(c);
        expect(a.status === 200 && b.status === 200, `${a.status} then ${b.status}`);
      }),
    ]);
    await test('slowloris: the 408s are in the access log', async () => {
      const lines = await logLines(s, / 408 /, 4);
      expect(lines.length >= 4, `${lines.length} lines with 408`);
    });
  } finally {
    s.proc.kill('SIGINT');
    const timer = setTimeout(() => s.proc.kill('SIGKILL'), 15000);
    const code = await s.exited;
    clearTimeout(timer);
    await s.stop();
    report('slowloris: SIGINT stops the server with exit code 0', code === 0, `exit ${code}; ${show(s.logs().slice(-400), 400)}`);
    report('slowloris: no sanitizer report', !SANITIZER_REPORT.test(s.logs()), show(s.logs().slice(-600), 600));
  }
}

// ---------------------------------------------------------------------------------------------
// SIGTERM during a request

async function sigterm() {
  let s;
  await test('SIGTERM: a fresh server starts', async () => {
    s = await startServer(BIN, { threads: 2 });
  });
  if (!s) return;
  let exitCode = null;
  let exitAt = 0;
  s.exited.then((code) => {
    exitCode = code;
    exitAt = Date.now();
  });
  try {
    // Several requests in flight, each half sent when the signal comes: a reply cut short is
    // a matter of timing, so one request alone would catch it only some of the time.
    const idle = await connect(s.port); // never sends: must not hold the stop up
    const conns = [];
    for (let i = 0; i < 4; i++) conns.push(await connect(s.port));
    for (const c of conns) await send(c, 'GET /api/v1/authorities?set=2012&limit=1000 HTTP/1.1\r\nHost: x\r\n');
    // And a reader too slow for the replies it asked for: the server is mid-reply at the signal.
    const slow = await connect(s.port);
    slow.sock.pause();
    await send(slow, 'GET /api/v1/authorities.csv?set=2012 HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(300));
    await sleep(1200);
    const t0 = Date.now();
    s.proc.kill('SIGTERM');
    await sleep(300);
    const stillRunning = exitCode === null;
    for (const c of conns) await send(c, 'Accept: */*\r\n\r\n');
    await test('SIGTERM: 4 requests half sent at the signal each get a complete 200', async () => {
      expect(stillRunning, `the server exited ${exitCode} before the requests were complete`);
      const results = await Promise.all(conns.map(async (c) => {
        try {
          const res = await readResponse(c, 8000);
          const doc = JSON.parse(res.text);
          return res.status === 200 && doc.total === 353 && doc.items.length === 353
            ? 'ok' : `status ${res.status}, ${res.body.length} bytes`;
        } catch (e) {
          return c.buf.length ? `${c.buf.length} bytes then a close` : 'closed without a byte';
        }
      }));
      const bad = results.filter((r) => r !== 'ok');
      expect(bad.length === 0, `${bad.length} of 4 replies incomplete: ${bad.join('; ')}`);
    });
    for (const c of conns) close(c);
    await test('SIGTERM: a reply being written to a slow reader is finished, not cut', async () => {
      slow.sock.resume();
      await until(slow, () => slow.closed, 8000);
      const closed = slow.closed;
      let n = 0;
      let res;
      while ((res = parseResponse(slow.buf, true))) {
        expect(res.status === 200, `reply ${n + 1}: status ${res.status}`);
        expect(res.body.length === Number(res.headers['content-length']), `reply ${n + 1} cut short`);
        slow.buf = slow.buf.subarray(res.size);
        n++;
      }
      close(slow);
      expect(closed, 'the connection was not closed within 8 s of the signal');
      expect(n >= 1, 'no complete reply');
      expect(slow.buf.length === 0, `after ${n} complete replies, ${slow.buf.length} bytes of a cut one`);
    });
    await test('SIGTERM: the process then exits with code 0 within 5 s', async () => {
      const deadline = t0 + 5000;
      while (exitCode === null && Date.now() < deadline) await sleep(50);
      expect(exitCode !== null, 'still running 5 s after SIGTERM');
      expect(exitCode === 0, `exit code ${exitCode}`);
    });
    await test('SIGTERM: an idle open connection does not hold up the stop (exit within 3 s of the reply)', async () => {
      expect(exitCode !== null && exitAt - t0 < 3000 + 300, `exited after ${exitAt - t0} ms`);
    });
    close(idle);
    await test('SIGTERM: after exit a new connection is refused', async () => {
      const err = await connect(s.port).then((c2) => {
        close(c2);
        return null;
      }, (e) => e);
      expect(err && err.code === 'ECONNREFUSED', err ? err.code : 'connected');
    });
    await test('SIGTERM: the log says it finished requests and stopped', async () => {
      const log = s.logs();
      expect(/received SIGTERM/.test(log), 'no "received SIGTERM"');
      expect((log.match(/\bGET \/api\/v1\/authorities 200 \d+ \d+\.\d+ms/g) || []).length === 4, 'the 4 requests are not logged');
      expect(/\bstopped\b/.test(log), 'no "stopped"');
      expect(!SANITIZER_REPORT.test(log), 'sanitizer report');
    });
  } finally {
    await s.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The command line

async function cli(dbPath, dir) {
  const cases = [
    ['--help', ['--help'], 0, /usage: compact/, 'stdout'],
    ['-h', ['-h'], 0, /usage: compact/, 'stdout'],
    ['no command', [], 2, /usage: compact/, 'stderr'],
    ['version', ['version'], 0, /^compact \S+/, 'stdout'],
    ['--version', ['--version'], 0, /^compact \S+/, 'stdout'],
    ['version --help', ['version', '--help'], 0, /usage: compact version/, 'stdout'],
    ['serve --help', ['serve', '--help'], 0, /usage: compact serve/, 'stdout'],
    ['init --help', ['init', '--help'], 0, /usage: compact init/, 'stdout'],
    ['migrate --help', ['migrate', '--help'], 0, /usage: compact migrate/, 'stdout'],
    ['backup --help', ['backup', '--help'], 0, /usage: compact backup/, 'stdout'],
    ['an unknown command', ['frobnicate'], 2, /unknown command 'frobnicate'/, 'stderr'],
    ['serve --bogus', ['serve', '--bogus'], 2, /./, 'stderr'],
    ['init --bogus', ['init', '--bogus'], 2, /./, 'stderr'],
    ['backup without FILE', ['backup', '--db', dbPath], 2, /usage/, 'stderr'],
    ['serve --threads 0', ['serve', '--threads', '0', '--db', dbPath], 2, /threads/, 'stderr'],
    ['serve --listen nonsense', ['serve', '--listen', 'nonsense', '--db', dbPath], 2, /listen/, 'stderr'],
    ['serve --request-timeout 0', ['serve', '--request-timeout', '0', '--db', dbPath], 2, /timeout/, 'stderr'],
    ['serve with a missing db', ['serve', '--db', join(dir, 'missing.db'), '--listen', '127.0.0.1:0'], 1, /no database/, 'stderr'],
    ['backup with a missing db', ['backup', '--db', join(dir, 'missing.db'), join(dir, 'never.db')], 1, /no database/, 'stderr'],
    ['migrate with a missing db', ['migrate', '--db', join(dir, 'missing.db')], 1, /./, 'stderr'],
    ['migrate on a fresh init', ['migrate', '--db', dbPath], 0, /up to date/, 'stdout'],
  ];
  await Promise.all(cases.map(([name, args, code, re, stream]) =>
    test(`cli: ${name} exits ${code}`, async () => {
      const r = await run(BIN, args, { timeoutMs: 15000 });
      expect(!r.timedOut, 'still running after 15 s');
      expect(r.code === code, `exit ${r.code}; stderr ${show(r.stderr)}`);
      expect(re.test(r[stream]), `${stream} ${show(r[stream])} does not match ${re}`);
    })));

  await test('cli: the missing db was not created by serve, backup or migrate', async () => {
    let exists = true;
    try {
      statSync(join(dir, 'missing.db'));
    } catch {
      exists = false;
    }
    expect(!exists, 'missing.db now exists');
  });

  await test('cli: COMPACT_DB names the database', async () => {
    const r = await run(BIN, ['migrate'], { env: { ...process.env, COMPACT_DB: dbPath } });
    // a URI is shown without its user information and query, which may hold a password
    const shown = BACKEND === 'sqlite' ? dbPath : dbPath.split('?')[0];
    expect(r.code === 0 && /up to date/.test(r.stdout) && r.stdout.includes(shown) && !r.stdout.includes('user='),
      `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
  });

  const file = join(dir, 'backup.db');
  if (BACKEND === 'sqlite') {
    await test('cli: backup of the live database exits 0 and writes an SQLite file', async () => {
      const r = await run(BIN, ['backup', '--db', dbPath, file]);
      expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
      const st = statSync(file);
      expect(st.size > 0, 'empty file');
      const head = readFileSync(file).subarray(0, 16).toString('latin1');
      expect(head === 'SQLite format 3\0', `header ${show(head)}`);
    });

    await test('cli: the backup is a database migrate finds up to date', async () => {
      const r = await run(BIN, ['migrate', '--db', file]);
      expect(r.code === 0 && /up to date/.test(r.stdout), `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
    });
  } else {
    await test('cli: backup of a PostgreSQL database exits 1, says how pg_dump does it, and writes nothing', async () => {
      const r = await run(BIN, ['backup', '--db', dbPath, file]);
      expect(r.code === 1, `exit ${r.code}; ${show(r.stderr)}`);
      expect(/pg_dump --format=custom --file=FILE/.test(r.stderr) && /DEPLOYMENT\.md/.test(r.stderr), `stderr ${show(r.stderr, 400)}`);
      expect(!existsSync(file), `${file} was made`);
    });
  }

  if (BACKEND !== 'sqlite') {
    await test('cli: init on a PostgreSQL URL makes no folder or file named after it', async () => {
      const fresh = await freshDb(dir, 'url.db');
      const here = mkdtempSync(join(dir, 'cwd-'));
      try {
        const r = spawnSync(resolve(BIN), ['init', '--db', fresh.uri], { cwd: here, encoding: 'utf8', timeout: 60000 });
        expect(r.status === 0, `exit ${r.status} ${r.signal || ''} ${r.error || ''}; ${show(r.stderr)}`);
        const made = readdirSync(here);
        expect(made.length === 0, `made ${made.join(', ')} in the working folder`);
      } finally {
        await fresh.drop();
      }
    });
  }

  // A database at schema version 5 (before organisations), made from the engine's own
  // migrations with one council in it, brought up to date by `compact migrate`.
  await test('cli: a database made before organisations gets its councils when migrated', async () => {
    const old = await freshDb(dir, 'schema5.db');
    try {
      const migrations = join(HERE, '..', '..', 'src', 'store', 'migrations', BACKEND === 'sqlite' ? 'sqlite' : 'pg');
      const script = '\n' + readdirSync(migrations).filter((f) => f < '0006').sort()
        .map((f) => readFileSync(join(migrations, f), 'utf8')).join('\n') +
        "\nINSERT INTO authority (gss, code, name, official_name, type, region, sets) " +
        "VALUES ('E08000009', 'TRF', 'Trafford', 'Trafford Metropolitan Borough Council', 'metropolitan_district', 'North West', 3);";
      const made = await sql(old.uri, script);
      expect(made.code === 0, show(made.stderr));
      const r = await run(BIN, ['migrate', '--db', old.uri]);
      expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
      const q = await sql(old.uri, "SELECT org_id || '|' || name || '|' || type FROM organisation; " +
        "SELECT count(*) FROM audit WHERE kind = 'organisation'");
      expect(q.stdout.trim().split('\n').join(' ') === 'GB-LAE-TRF|Trafford Metropolitan Borough Council|council 1',
        show(q.stdout + q.stderr));
      /* its versions recorded: on SQLite 1 to 5 from before the table, without a time, and the
       * rest with one; PostgreSQL's migrations write their own rows, each with its time */
      const latest = readdirSync(migrations).filter((f) => f.endsWith('.sql')).length;
      const timed = BACKEND === 'sqlite' ? latest - 5 : latest;
      const v = await sql(old.uri, 'SELECT count(*), count(applied_at), max(version) FROM schema_version');
      expect(v.stdout.trim() === `${latest}|${timed}|${latest}`, show(v.stdout + v.stderr));
      if (BACKEND === 'sqlite') {
        const uv = await sql(old.uri, 'PRAGMA user_version');
        expect(uv.stdout.trim() === String(latest), `user_version ${show(uv.stdout + uv.stderr)}`);
      }
    } finally {
      await old.drop();
    }
  });

  await test('cli: backup onto an existing file exits 1 and leaves it alone', async () => {
    const other = join(dir, 'existing.txt');
    writeFileSync(other, 'keep me');
    const r = await run(BIN, ['backup', '--db', dbPath, other]);
    expect(r.code === 1, `exit ${r.code}`);
    expect(readFileSync(other, 'utf8') === 'keep me', 'the file was changed');
    expect(/exists/.test(r.stderr), `stderr ${show(r.stderr)}`);
  });

  await test('cli: init on an existing database is safe and reports 364 authorities', async () => {
    const r = await run(BIN, ['init', '--db', BACKEND === 'sqlite' ? file : dbPath]);
    expect(r.code === 0 && /364 local authorities/.test(r.stdout), `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
  });
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let s;
  await test('server starts with a fresh database and answers /healthz', async () => {
    s = await startServer(BIN, { threads: 2 });
  });
  if (s) {
    try {
      const vars = await assetVars(s);
      await dataCases(s, vars);
      await sliceCode(s);
      await cacheInvalidation(s);
      await rawSockets(s);
      await accessLog(s);
      await cli(s.dbPath, s.dir);
      await cliAccounts(BIN, s.dir, report);
      await activityTests(BIN, report);
      await signatoryTests(BIN, report);
    } finally {
      const code = await s.stop();
      report('main server: SIGTERM stops it with exit code 0', code === 0, `exit ${code}; ${show(s.logs().slice(-600), 600)}`);
      report('main server: no sanitizer report', !SANITIZER_REPORT.test(s.logs()), show(s.logs().slice(-600), 600));
    }
  }
  await slowloris();
  await sigterm();
  await authTests(BIN, report);
  await trustAuthTests(BIN, report);
  await permissionMatrix(BIN, report);
  await trustPolicyTests(BIN, report);
  await recordTests(BIN, report);
  await organisationTests(BIN, report);
  await coverageTests(BIN, report);
  await signupTests(BIN, report);
  await compactTests(BIN, report);
  await updateTests(BIN, report);
  await opendataTests(BIN, report);
  await trustImportTests(BIN, report);
  await indicatorTests(BIN, report);
  await surveyTests(BIN, report);
  await utf8Tests(BIN, report);
  await trustContentTests(BIN, report);
  await trustServerTests(BIN, report);
  await pgClusterTests(BIN, report); // two servers on one PostgreSQL of its own, stopped under them
  await trustStallTests(BIN, report);
  await publicTests(BIN, report);
  await searchTests(BIN, report);
  await copyTests(BIN, report);
  await homeTests(BIN, report);
  await complaintTests(BIN, report);
  await complaintPageTests(BIN, report);
  await libraryTests(BIN, report);
}

try {
  await main();
} catch (e) {
  report('e2e tests ran', false, e.stack || String(e));
}
console.log(`# ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
