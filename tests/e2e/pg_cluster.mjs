// Issue 12, several servers on one PostgreSQL database, end to end on a PostgreSQL of its own
// (tests/pg/start.sh in a folder of this module's, stopped at the end whatever happens):
// - `compact serve` on PostgreSQL does not migrate: on a database behind the program it refuses
//   to start with one line saying to run `compact migrate` first; two `compact migrate` (and
//   two `compact init`) run at once both succeed, one after the other;
// - two `compact serve` on one database, reply caches on: a page and a JSON list cached by B
//   show at once a write made through A (API with a token, a form with a session) and one made
//   with psql (LISTEN/NOTIFY, db_version in src/store/db_pg.c);
// - the database stopped as by a crash (pg_ctl stop -m immediate) with requests in flight
//   and arriving meanwhile: a 503 within seconds (problem JSON under /api/, the GOV.UK page
//   elsewhere) with Retry-After, a token still a token and a session still a session; started
//   again, both servers answer 200 without a restart of their own, their caches dropped (a
//   change made while they were cut off is seen), and writes work.
// Skipped, with the reason printed, only where PostgreSQL is not installed.
//
//   import { pgClusterTests } from './pg_cluster.mjs';
//   await pgClusterTests(BIN, report);   // report(name, ok, why)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, startServer } from '../lib/server.mjs';
import {
  addToken, addUser, bearer, cookieHeader, expect, newPassword, request, session, show, sleep, tester,
} from './auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PGDIR = join(HERE, '..', 'pg');
const MIGRATIONS = join(HERE, '..', '..', 'src', 'store', 'migrations', 'pg');
const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;
// How long a reply may take while the database is away: a clear answer, not a hang.
const DOWN_REPLY_MS = 3000;
// How long the servers may take to serve again once the database is back (the listening
// thread's wait between attempts grows to 5 s).
const RECOVER_MS = 10000;
// Worker threads per server: each has its own connection, and each must come back.
const THREADS = 4;

function pgInstalled() {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  if (versions.some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))) return true;
  return (process.env.PATH || '').split(':').some((d) => d && existsSync(join(d, 'initdb')));
}

function json(res) {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${show(res.text)}`);
  }
}

// psql on uri: rows as "a|b" lines, trimmed; a failure throws.
async function psql(uri, query) {
  const r = await run('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', uri, '-c', query]);
  expect(r.code === 0, `psql ${show(query, 80)}: ${show(r.stderr)}`);
  return r.stdout.trim();
}

// A URL of database name on the cluster whose URL is base.
function dbUri(base, name) {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

// A 503 that says to come back: problem JSON under /api/, else a GOV.UK error page.
function unavailable(res, api, what) {
  expect(res.status === 503, `${what}: status ${res.status}, want 503; ${show(res.text, 300)}`);
  expect(/^\d+$/.test(res.headers['retry-after'] || ''), `${what}: Retry-After ${show(res.headers['retry-after'])}`);
  const ct = res.headers['content-type'] || '';
  if (api) {
    expect(ct.startsWith('application/problem+json'), `${what}: Content-Type ${show(ct)}`);
    const doc = json(res);
    expect(doc.status === 503 && typeof doc.title === 'string' && doc.title.length > 0, `${what}: ${show(res.text, 300)}`);
  } else {
    expect(ct.startsWith('text/html') && res.text.includes('govuk-template') && res.text.includes('<h1'),
      `${what}: not a GOV.UK page: ${ct} ${show(res.text, 200)}`);
  }
}

// Resolves {res, ms, end (the time it ended)}, or {error, ms, end} when the request failed.
async function timed(port, opts) {
  const t0 = Date.now();
  try {
    const res = await request(port, opts);
    return { res, ms: Date.now() - t0, end: Date.now() };
  } catch (e) {
    return { error: e, ms: Date.now() - t0, end: Date.now() };
  }
}

// A psql session that has taken the organisation table whole, until its stdin says COMMIT
// (or it is killed): reads of it wait in the database meanwhile.
async function lockOrganisations(uri) {
  const p = spawn('psql', ['-X', '-q', '-d', uri], { stdio: ['pipe', 'ignore', 'ignore'] });
  p.on('error', () => {});
  p.stdin.on('error', () => {});
  p.stdin.write('BEGIN; LOCK TABLE organisation IN ACCESS EXCLUSIVE MODE;\n');
  const t = await within(5000, async () => Number(await psql(uri, 'SELECT count(*) FROM pg_locks l JOIN pg_class c ' +
    "ON c.oid = l.relation WHERE c.relname = 'organisation' AND l.mode = 'AccessExclusiveLock' AND l.granted")) === 1);
  if (t < 0) {
    p.kill('SIGKILL');
    throw new Error('psql did not take the lock on organisation within 5 s');
  }
  return p;
}

// Sends path through every worker thread of each server [name, s] in servers: one request at
// a time while the organisation table is locked, each once the one before waits in the
// database, so that each goes to a thread not yet held. A request answered without waiting
// (from a cache, or a 503 from a dead connection) is in bad. Then the lock goes; resolves
// {done: every request's timed() result with .what, bad}.
async function throughEveryThread(uri, servers, path) {
  const locker = await lockOrganisations(uri);
  const replies = [];
  const bad = [];
  let held = 0;
  try {
    for (const [n, s] of servers) {
      for (let i = 1; i <= THREADS; i++) {
        let finished = false;
        const what = `${n}'s ${path} ${i}`;
        const reply = timed(s.port, { path }).then((x) => {
          finished = true;
          return { ...x, what };
        });
        replies.push(reply);
        const t = await within(RECOVER_MS, async () => finished || await countWaiting(uri) === held + 1);
        if (finished) {
          const x = await reply;
          bad.push(`${what} was answered without reading the database: ${x.error ? x.error.message : x.res.status}`);
        } else if (t < 0) {
          bad.push(`${what} was not reading the database within ${RECOVER_MS} ms`);
        } else {
          held++;
        }
      }
    }
  } finally {
    locker.stdin.end('COMMIT;\n');
  }
  return { done: await Promise.all(replies), bad };
}

// How many of the servers' connections wait for a lock.
async function countWaiting(uri) {
  return Number(await psql(uri,
    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'compact'"));
}

// Waits up to ms until n of the servers' connections wait for a lock: the time it took, or -1.
function waiting(uri, n, ms) {
  return within(ms, async () => await countWaiting(uri) === n);
}

// Polls fn (an async predicate) every 20 ms until it holds or ms pass; returns the time taken,
// or -1.
async function within(ms, fn) {
  const t0 = Date.now();
  while (Date.now() - t0 <= ms) {
    if (await fn()) return Date.now() - t0;
    await sleep(20);
  }
  return -1;
}

export async function pgClusterTests(BIN, report) {
  if (!pgInstalled()) {
    console.log('# pg_cluster: skipped: PostgreSQL is not installed (no initdb; `make deps` installs it)');
    return;
  }
  const test = tester(report);
  const dir = `/tmp/compact-cluster-${randomBytes(4).toString('hex')}`;
  const started = await run('sh', [join(PGDIR, 'start.sh'), dir], { timeoutMs: 120000 });
  if (!report('pg_cluster: a PostgreSQL of its own starts', started.code === 0, show(started.stderr, 600))) {
    await run('sh', [join(PGDIR, 'stop.sh'), dir], { timeoutMs: 120000 });
    return;
  }
  const base = readFileSync(join(dir, 'url'), 'utf8').trim();
  try {
    await schemaTests(BIN, test, base);
    await clusterTests(BIN, test, report, dir, base);
  } finally {
    const stopped = await run('sh', [join(PGDIR, 'stop.sh'), dir], { timeoutMs: 120000 });
    report('pg_cluster: its PostgreSQL stops', stopped.code === 0, show(stopped.stderr, 600));
  }
}

// ---------------------------------------------------------------------------------------------
// serve does not migrate; migrate and init are safe side by side

async function schemaTests(BIN, test, base) {
  const latest = readdirSync(MIGRATIONS).filter((f) => /^\d{4}_.*\.sql$/.test(f)).length;
  const empty = dbUri(base, 'cluster_empty');
  const serveOn = (uri) => run(BIN, ['serve', '--db', uri, '--listen', '127.0.0.1:0', '--threads', '1'], { timeoutMs: 20000 });

  await test('pg_cluster: serve on an empty PostgreSQL database refuses to start, saying to migrate first', async () => {
    await psql(base, 'CREATE DATABASE cluster_empty');
    const r = await serveOn(empty);
    expect(!r.timedOut && r.code === 1, `exit ${r.code}${r.timedOut ? ' (still running after 20 s)' : ''}; ${show(r.stderr, 400)}`);
    const line = r.stderr.trim().split('\n').filter((l) => l.startsWith('compact:'));
    expect(line.length === 1 && new RegExp(`is at schema 0, this compact needs ${latest}: run \`compact migrate --db .*\` once first`).test(line[0]),
      `stderr ${show(r.stderr, 400)}`);
    expect(!r.stderr.includes('host=') && !r.stderr.includes('user=postgres'), `the URI's query shown: ${show(r.stderr, 300)}`);
  });

  await test('pg_cluster: ... and made nothing in it (no migration ran)', async () => {
    const tables = await psql(empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
    expect(tables === '0', `${tables} tables`);
  });

  await test('pg_cluster: two `compact migrate` at once both succeed, each migration applied once', async () => {
    const [a, b] = await Promise.all([run(BIN, ['migrate', '--db', empty]), run(BIN, ['migrate', '--db', empty])]);
    expect(a.code === 0 && b.code === 0, `exits ${a.code} and ${b.code}; ${show(a.stderr + b.stderr, 600)}`);
    const says = [a.stdout, b.stdout].join(' ');
    expect(says.includes(`schema version 0 -> ${latest}`), show(says, 300));
    const v = await psql(empty, 'SELECT count(*), min(version), max(version) FROM schema_version');
    expect(v === `${latest}|1|${latest}`, `schema_version ${v}`);
  });

  await test('pg_cluster: serve on the migrated database starts', async () => {
    const s = await startServer(BIN, { db: empty, threads: 1 });
    const code = await s.stop();
    expect(code === 0 && !SANITIZER_REPORT.test(s.logs()), `exit ${code}; ${show(s.logs().slice(-400), 400)}`);
  });

  await test('pg_cluster: serve on a database newer than the program refuses to start', async () => {
    await psql(empty, `INSERT INTO schema_version (version) VALUES (${latest + 1})`);
    const r = await serveOn(empty);
    expect(r.code === 1 && /newer than this program/.test(r.stderr), `exit ${r.code}; ${show(r.stderr, 400)}`);
    await psql(base, 'DROP DATABASE cluster_empty WITH (FORCE)');
  });

  await test('pg_cluster: two `compact init` at once on a new database both succeed, the reference data once', async () => {
    await psql(base, 'CREATE DATABASE cluster_init');
    const uri = dbUri(base, 'cluster_init');
    const [a, b] = await Promise.all([run(BIN, ['init', '--db', uri]), run(BIN, ['init', '--db', uri])]);
    expect(a.code === 0 && b.code === 0, `exits ${a.code} and ${b.code}; ${show(a.stderr + b.stderr, 600)}`);
    const n = await psql(uri, 'SELECT (SELECT count(*) FROM authority), (SELECT count(*) FROM schema_version)');
    expect(n === `364|${latest}`, `authorities|versions ${n}`);
    await psql(base, 'DROP DATABASE cluster_init WITH (FORCE)');
  });
}

// ---------------------------------------------------------------------------------------------
// Two servers on one database

async function clusterTests(BIN, test, report, dir, uri) {
  const who = {};
  const ready = await test('pg_cluster: `compact init` once, an admin with a token', async () => {
    const r = await run(BIN, ['init', '--db', uri]);
    expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
    who.email = 'admin@cluster.test';
    who.password = newPassword('cluster');
    await addUser(BIN, uri, who.email, 'admin', who.password);
    who.token = (await addToken(BIN, uri, who.email)).token;
  });
  if (!ready) return;

  let A;
  let B;
  await test('pg_cluster: two `compact serve` start on the one database, reply caches on', async () => {
    A = await startServer(BIN, { db: uri, threads: THREADS });
    B = await startServer(BIN, { db: uri, threads: THREADS });
  });
  if (!A || !B) {
    await A?.stop();
    return;
  }
  try {
    await twoServers(BIN, test, dir, uri, A, B, who);
  } finally {
    for (const [name, s] of [['A', A], ['B', B]]) {
      const code = await s.stop();
      report(`pg_cluster: server ${name} exits 0`, code === 0, `exit ${code}; ${show(s.logs().slice(-600), 600)}`);
      report(`pg_cluster: server ${name}: no sanitizer report`, !SANITIZER_REPORT.test(s.logs()), show(s.logs().slice(-900), 900));
    }
  }
}

async function twoServers(BIN, test, dir, uri, A, B, who) {
  const LIST = '/api/v1/organisations?q=Cluster';
  const PAGE = '/organisations?q=Cluster';
  const names = async (s) => json(await request(s.port, { path: LIST })).items.map((o) => o.name).sort();
  const page = async (s) => (await request(s.port, { path: PAGE })).text;
  const apiPost = (s, body) => request(s.port, {
    method: 'POST', path: '/api/v1/organisations', headers: { ...bearer(who.token), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  // Polls server s until what holds, for at most ms: the time it took, or a Fail.
  const seen = async (s, ms, what, fn) => {
    const t = await within(ms, fn);
    expect(t >= 0, `${what}: not within ${ms} ms`);
    return t;
  };

  await test('pg_cluster: B answers the list and the page twice (the second time from its cache)', async () => {
    for (let i = 0; i < 2; i++) {
      expect((await names(B)).length === 0, 'a Cluster organisation already');
      const p = await page(B);
      expect(p.includes('govuk-template') && !p.includes('Cluster Alpha'), show(p, 200));
    }
    expect((await names(A)).length === 0, 'A');
  });

  await test('pg_cluster: a write through A\'s API (a token) is seen through B\'s cached list and page at once', async () => {
    const r = await apiPost(A, { name: 'Cluster Alpha Trust', org_id: 'GB-CHC-5550001', type: 'charity' });
    expect(r.status === 201, `POST through A: ${r.status} ${show(r.text)}`);
    const t = await seen(B, 500, 'B\'s list', async () => (await names(B)).includes('Cluster Alpha Trust'));
    expect((await page(B)).includes('Cluster Alpha Trust'), 'B\'s page');
    console.log(`# pg_cluster: B's cached list showed A's API write after ${t} ms`);
  });

  let sess;
  await test('pg_cluster: a form posted to A with a session is seen through B at once', async () => {
    sess = await session(A.port, who.email, who.password);
    const r = await request(A.port, {
      method: 'POST', path: '/organisations', headers: cookieHeader(sess.cookie),
      body: { csrf_token: sess.csrf, name: 'Cluster Beta Group', org_id: 'GB-CHC-5550002', type: 'charity', sector: '', website: '' },
    });
    expect(r.status === 303, `form POST through A: ${r.status} ${show(r.text, 300)}`);
    const t = await seen(B, 500, 'B\'s page', async () => (await page(B)).includes('Cluster Beta Group'));
    expect((await names(B)).includes('Cluster Beta Group'), 'B\'s list');
    console.log(`# pg_cluster: B's cached page showed A's form write after ${t} ms`);
  });

  // Two writers at once on one row: a psql session changes the organisation and holds its
  // lock; A's API change of it waits, and loses when psql commits (SERIALIZABLE: 40001). A
  // write that lost and kept nothing is run again (router.c, store_retry): 200, not 503.
  await test('pg_cluster: a write that loses to another at once is run again, not refused', async () => {
    const holder = spawn('psql', ['-X', '-q', '-d', uri], { stdio: ['pipe', 'ignore', 'ignore'] });
    holder.on('error', () => {});
    holder.stdin.on('error', () => {});
    holder.stdin.write("BEGIN; UPDATE organisation SET website = 'https://held.example.org' " +
      "WHERE org_id = 'GB-CHC-5550001';\n");
    try {
      expect(await within(5000, async () => Number(await psql(uri, 'SELECT count(*) FROM pg_locks l ' +
        "JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'organisation' AND l.mode = " +
        "'RowExclusiveLock' AND l.granted")) >= 1) >= 0, 'psql did not take its lock');
      const patched = request(A.port, {
        method: 'PATCH', path: '/api/v1/organisations/GB-CHC-5550001',
        headers: { ...bearer(who.token), 'Content-Type': 'application/json' },
        body: JSON.stringify({ website: 'https://through-a.example.org' }),
      });
      expect(await waiting(uri, 1, 5000) >= 0, 'A\'s write is not waiting for the lock');
      holder.stdin.end('COMMIT;\n');
      const r = await patched;
      expect(r.status === 200, `PATCH through A: ${r.status} ${show(r.text)}`);
    } finally {
      holder.stdin.end();
    }
    const o = json(await request(B.port, { path: '/api/v1/organisations/GB-CHC-5550001' }));
    expect(o.website === 'https://through-a.example.org', `the website: ${o.website}`);
  });

  await test('pg_cluster: a session made through A works through B', async () => {
    const r = await request(B.port, { path: '/account', headers: cookieHeader(sess.cookie) });
    expect(r.status === 200 && r.text.includes(who.email), `${r.status}`);
  });

  await test('pg_cluster: a write with psql straight into the database is seen by both at once', async () => {
    await names(A);
    await page(A);
    await psql(uri, "UPDATE organisation SET name = 'Cluster Alpha Renamed' WHERE org_id = 'GB-CHC-5550001'");
    for (const [n, s] of [['A', A], ['B', B]]) {
      await seen(s, 500, `${n}'s list`, async () => (await names(s)).includes('Cluster Alpha Renamed'));
      await seen(s, 500, `${n}'s page`, async () => (await page(s)).includes('Cluster Alpha Renamed'));
    }
  });

  // ---- the database stops as by a crash, with requests in flight ----

  // Every worker thread of both servers keeps the list and the page in its cache: a change
  // first, so that none holds them, then each sent through every thread.
  await test(`pg_cluster: all ${THREADS} threads of each server cache the list and the page`, async () => {
    await psql(uri, "UPDATE organisation SET name = 'Cluster Alpha Cached' WHERE org_id = 'GB-CHC-5550001'");
    for (const [n, s] of [['A', A], ['B', B]]) { // another address: the list itself stays uncached
      await seen(s, 500, `${n}'s list`, async () =>
        json(await request(s.port, { path: `${LIST}&limit=50` })).items.some((o) => o.name === 'Cluster Alpha Cached'));
    }
    for (const path of [LIST, PAGE]) {
      const r = await throughEveryThread(uri, [['A', A], ['B', B]], path);
      expect(r.bad.length === 0, r.bad.join('; '));
      expect(r.done.every((x) => x.res?.status === 200 && x.res.text.includes('Cluster Alpha Cached')), `${path}: not 200`);
    }
  });
  // Two requests held in the database: a psql session takes the organisation table whole, so
  // their reads wait for its lock when the database goes.
  let locker;
  let inFlight = [];
  await test('pg_cluster: two requests (one each) wait in the database for a lock', async () => {
    locker = await lockOrganisations(uri);
    inFlight = [
      timed(A.port, { path: `${LIST}+Alpha` }).then((x) => ({ ...x, api: true, what: 'A\'s API list in flight' })),
      timed(B.port, { path: `${PAGE}+Beta` }).then((x) => ({ ...x, api: false, what: 'B\'s page in flight' })),
    ];
    expect(await waiting(uri, 2, 5000) >= 0, 'the two requests are not waiting for the lock');
  });

  // The test cluster commits without waiting for its log to reach the disk (start.sh), so a
  // crash would lose the last moments' commits: a checkpoint first, as a real server's
  // synchronous commits give.
  await psql(uri, 'CHECKPOINT');
  const t0 = Date.now();
  const crashed = await run('sh', [join(PGDIR, 'stop.sh'), '--crash', dir], { timeoutMs: 60000 });
  const stopMs = Date.now() - t0;
  locker?.kill('SIGKILL');
  const down = crashed.code === 0;
  await test('pg_cluster: the database stops at once (pg_ctl stop -m immediate) while they wait', async () => {
    expect(down, `stop.sh --crash: exit ${crashed.code}; ${show(crashed.stderr, 300)}`);
  });
  if (!down) return;

  await test(`pg_cluster: each request in flight gets a clear 503 within ${DOWN_REPLY_MS / 1000} s, with Retry-After`, async () => {
    const done = await Promise.all(inFlight);
    for (const x of done) {
      expect(!x.error, `${x.what}: ${x.error?.message}`);
      unavailable(x.res, x.api, x.what);
    }
    const after = done.map((x) => x.end - t0);
    expect(Math.max(...after) <= stopMs + DOWN_REPLY_MS, `answered ${after.join(' and ')} ms after the stop began`);
    console.log(`# pg_cluster: database stopped in ${stopMs} ms; the requests in flight answered 503 ` +
      `${after.join(' and ')} ms after the stop began`);
  });

  const whileDown = [
    ['B\'s cached list', B, { path: LIST }, true],
    ['B\'s cached page', B, { path: PAGE }, false],
    ['A\'s cached list', A, { path: LIST }, true],
    ['/healthz on A', A, { path: '/healthz' }, null],
    ['a POST through A\'s API with a token', A, {
      method: 'POST', path: '/api/v1/organisations', headers: { ...bearer(who.token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Cluster Gamma', type: 'charity' }),
    }, true],
    ['a signed-in page through B', B, { path: '/organisations/new', headers: cookieHeader(sess.cookie) }, false],
    ['a form posted to A with a session', A, {
      method: 'POST', path: '/organisations', headers: cookieHeader(sess.cookie),
      body: { csrf_token: sess.csrf, name: 'Cluster Delta', org_id: '', type: 'charity', sector: '', website: '' },
    }, false],
  ];
  for (const [what, s, opts, api] of whileDown) {
    await test(`pg_cluster: while the database is down, ${what} is 503 within ${DOWN_REPLY_MS / 1000} s`, async () => {
      const x = await timed(s.port, opts);
      expect(!x.error, `${x.error?.message} after ${x.ms} ms`);
      expect(x.ms <= DOWN_REPLY_MS, `${x.ms} ms`);
      if (api === null) {
        expect(x.res.status === 503, `status ${x.res.status}`);
      } else {
        unavailable(x.res, api, what);
      }
      const cookie = [].concat(x.res.headers['set-cookie'] || []).join('; ');
      expect(!/Max-Age=0/i.test(cookie), `the session was ended: Set-Cookie ${show(cookie)}`);
    });
  }

  await test('pg_cluster: both servers still run', async () => {
    const exited = [];
    for (const [n, s] of [['A', A], ['B', B]]) {
      const code = await Promise.race([s.exited, sleep(50).then(() => null)]);
      if (code !== null) exited.push(`${n} exited ${code}`);
    }
    expect(exited.length === 0, exited.join('; '));
  });

  // ---- the database comes back ----

  const t1 = Date.now();
  const again = await run('sh', [join(PGDIR, 'start.sh'), '--again', dir], { timeoutMs: 60000 });
  const startMs = Date.now() - t1;
  const up = await test('pg_cluster: the database starts again (same data folder and options)', async () => {
    expect(again.code === 0, `start.sh --again: exit ${again.code}; ${show(again.stderr, 300)}`);
  });
  if (!up) return;
  // A change whose notice the servers miss, as they miss every notice while cut off: made
  // with the tables' triggers off (session_replication_role), so that no NOTIFY goes out
  // whenever the listening connections come back. Only dropping the caches on reconnecting
  // shows it.
  await test('pg_cluster: a change made with psql at once, its notice lost', async () => {
    await psql(uri, "SET session_replication_role = replica; UPDATE organisation SET name = 'Cluster Alpha While Away' " +
      "WHERE org_id = 'GB-CHC-5550001'");
  });

  await test(`pg_cluster: both servers listen for changes again within ${RECOVER_MS / 1000} s`, async () => {
    const t = await within(RECOVER_MS, async () => Number(await psql(uri,
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'compact-listen'")) === 2);
    expect(t >= 0, 'not two listening connections');
  });
  const listening = Date.now() - t1;

  // Every worker thread of both servers, not only those that noticed the database go, reads
  // it again (a thread whose connection still pointed at the old server would answer 503 at
  // once), and none answers from what it cached before (the change would not show).
  let readAt = 0;
  for (const [path, what] of [[LIST, 'list'], [PAGE, 'page']]) {
    await test(`pg_cluster: without a restart, every thread of both servers reads the database again for the cached ${what} and shows the change made while cut off`, async () => {
      const r = await throughEveryThread(uri, [['A', A], ['B', B]], path);
      readAt = readAt || Date.now() - t1;
      expect(r.bad.length === 0, r.bad.join('; '));
      for (const x of r.done) {
        expect(!x.error && x.res.status === 200, `${x.what}: ${x.error ? x.error.message : `${x.res.status} after ${x.ms} ms`}`);
        expect(x.res.text.includes('Cluster Alpha While Away') && !x.res.text.includes('Cluster Alpha Cached'),
          `${x.what}: the old ${what}: ${show(x.res.text, 200)}`);
      }
    });
  }
  console.log(`# pg_cluster: database started again in ${startMs} ms; both servers listening for changes ` +
    `${listening} ms and all ${THREADS} threads of each reading it ${readAt} ms after the start`);

  await test('pg_cluster: after recovery, a write through B\'s API is seen through A at once', async () => {
    const r = await apiPost(B, { name: 'Cluster Epsilon Trust', org_id: 'GB-CHC-5550005', type: 'charity' });
    expect(r.status === 201, `POST through B: ${r.status} ${show(r.text)}`);
    await seen(A, 500, 'A\'s list', async () => (await names(A)).includes('Cluster Epsilon Trust'));
  });

  await test('pg_cluster: after recovery, the session from before still posts forms, seen through B at once', async () => {
    const r = await request(A.port, {
      method: 'POST', path: '/organisations', headers: cookieHeader(sess.cookie),
      body: { csrf_token: sess.csrf, name: 'Cluster Zeta Group', org_id: 'GB-CHC-5550006', type: 'charity', sector: '', website: '' },
    });
    expect(r.status === 303, `form POST through A: ${r.status} ${show(r.text, 300)}`);
    await seen(B, 500, 'B\'s page', async () => (await page(B)).includes('Cluster Zeta Group'));
  });

  await test('pg_cluster: the servers logged losing the database and having it again', async () => {
    for (const [n, s] of [['A', A], ['B', B]]) {
      const log = s.logs();
      expect(/listening connection was lost/.test(log) && /listening for changes again/.test(log) && /connected again/.test(log),
        `${n}: ${show(log.slice(-900), 900)}`);
    }
  });
}
