// An import does not stall the server (issue 11, item 4), end to end on the real binary:
// - `compact import grants` killed (kill -9) while it stages, and again while it publishes,
//   leaves the register as it was and no scratch file behind; a new import then lands whole;
// - while an import runs, every write through the server answers within 2 s: 2xx, or 503 with
//   Retry-After saying to try again while the import publishes; reads stay 200;
// - while another process holds the write lock (sqlite3's BEGIN IMMEDIATE), a write through
//   the API or a form answers 503 with Retry-After within 2 s, and reads answer 200 at once.
//   PostgreSQL has no such lock (skipped there, saying so): while another connection keeps a
//   write transaction open, writes and reads through the server answer at once.
// On both backends the import stages in an SQLite scratch file (SQLITE_TMPDIR); it publishes
// under SQLite's bulk lock (the "-bulk" file beside the database) or in a PostgreSQL
// transaction that holds grant_award's write lock (pg_locks).
// The file imported is made here from the real grants of data/opendata, as bench/import.sh and
// bench/import_concurrency.sh make theirs. The rates and the 50 ms read p99 of the goal are the
// benchmark's to measure (release build); here the sanitizer build shows the behaviour.
//
//   import { trustStallTests } from './trust_stall.mjs';
//   await trustStallTests(BIN, report);   // report(name, ok, why)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKEND, sql as runSql } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import { addToken, addUser, bearer, cookieHeader, expect, newPassword, request, session, show, sleep, tester } from './auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SAMPLES = join(HERE, '..', '..', 'data', 'opendata', '360giving');
const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;
const FILE_MB = 16; // about 10,000 grants: seconds of staging and of publishing under the sanitizers
const WRITE_WITHIN_MS = 2000; // the goal: a write completes or answers 503 within 2 s
const READ_WITHIN_MS = 1000; // a read is never held up by a writer (sanitizer build, shared machine)
const FIRST_WRITE_MS = 500; // a write while the import stages waits for nothing

// A 360Giving package of about mb MB at path: the real grants again and again, each copy with
// fresh identifiers. Returns how many grants it holds.
function makeGrants(path, mb) {
  const grants = ['trafford_council/trafford_council_voluntary_sector_grants.json',
    'grantnav_test_data/a002400000nO46WAAS.json', 'grantnav_test_data/awefw001p00000zgyHZAAY.json']
    .flatMap((f) => JSON.parse(readFileSync(join(SAMPLES, f), 'utf8')).grants);
  const parts = [];
  let bytes = 0;
  for (let copy = 0; bytes < mb * 1048576; copy++) {
    for (const g of grants) {
      const text = JSON.stringify({ ...g, id: `${g.id}-stall${copy}` });
      parts.push(text);
      bytes += text.length + 2;
    }
  }
  writeFileSync(path, `{"grants": [\n${parts.join(',\n')}\n]}\n`);
  return parts.length;
}

// `compact import grants file` started, not awaited: {proc, done (resolves {code, signal, stdout,
// stderr})}. scratch: the folder SQLite is to put its scratch file in.
function startImport(BIN, db, file, scratch) {
  const proc = spawn(BIN, ['import', 'grants', file, '--db', db, '--format', 'json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SQLITE_TMPDIR: scratch },
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d) => (stdout += d));
  proc.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => proc.kill('SIGKILL'), 300000);
  const done = new Promise((resolve) => proc.on('close', (code, signal) => {
    clearTimeout(timer);
    resolve({ code, signal, stdout, stderr });
  }));
  return { proc, done };
}

// Polls cond (which may be async) every few milliseconds until it holds (true) or the import
// ends or 60 s pass.
async function until(imp, cond) {
  const deadline = Date.now() + 60000;
  while (imp.proc.exitCode === null && imp.proc.signalCode === null && Date.now() < deadline) {
    if (await cond()) return true;
    await sleep(3);
  }
  return false;
}

// The scratch files the process pid has open in folder: SQLite's unnamed temporary files show
// as "folder/etilqs_... (deleted)".
function openScratch(pid, folder) {
  try {
    return readdirSync(`/proc/${pid}/fd`).map((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return '';
      }
    }).filter((l) => l.startsWith(`${folder}/`));
  } catch {
    return [];
  }
}

async function timed(fn) {
  const t0 = performance.now();
  const res = await fn();
  return { res, ms: performance.now() - t0 };
}

function json(res) {
  try {
    return JSON.parse(res.text);
  } catch {
    return null;
  }
}

export async function trustStallTests(BIN, report) {
  const test = tester(report);
  let s;
  const ok = await test('stall: a server starts', async () => {
    s = await startServer(BIN, { threads: 2 });
  });
  if (!ok) return;
  const dir = mkdtempSync(join(tmpdir(), 'compact-stall-'));
  try {
    await tests(BIN, s, dir, test);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    const code = await s.stop();
    report('stall: the server exits 0', code === 0, `exit ${code}`);
    report('stall: no sanitizer report', !SANITIZER_REPORT.test(s.logs()), show(s.logs().slice(-600), 600));
  }
}

async function tests(BIN, s, dir, test) {
  const P = s.port;
  const db = s.dbPath;
  const file = join(dir, 'grants.json');
  let grants = 0;
  let admin;
  let made = 0;
  const sql = async (q) => {
    const r = await runSql(db, q);
    expect(r.code === 0, `SQL ${q}: ${show(r.stderr)}`);
    return r.stdout.trim();
  };
  // Whether an import is publishing: SQLite's bulk file is made when the first one begins; on
  // PostgreSQL another connection holds grant_award's write lock (no server writes it).
  const publishing = BACKEND === 'sqlite' ? () => existsSync(`${db}-bulk`)
    : async () => await sql("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation " +
      "WHERE c.relname = 'grant_award' AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid() " +
      'AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())') !== '0';
  // What an import changes: grants, organisations (unverified ones it adds) and the audit trail.
  const register = () => sql('SELECT (SELECT count(*) FROM grant_award) || \' grants, \' || ' +
    '(SELECT count(*) FROM organisation) || \' organisations, \' || (SELECT count(*) FROM audit) || \' audit entries\'');
  const apiWrite = () => {
    made++;
    return request(P, {
      method: 'POST', path: '/api/v1/organisations', headers: { ...bearer(admin.token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `Stall Test Charity ${made}`, org_id: `GB-CHC-${3000000 + made}`, type: 'charity' }),
    });
  };
  const apiRead = () => request(P, { path: "/api/v1/organisations?limit=5&q=stall" });
  const scratchDir = (name) => mkdtempSync(join(dir, `${name}-`));

  const ready = await test('stall: an admin with a token and a session; a 16 MB 360Giving file', async () => {
    const password = newPassword('admin');
    await addUser(BIN, db, 'admin@stall.test', 'admin', password);
    admin = { token: (await addToken(BIN, db, 'admin@stall.test')).token, ...(await session(P, 'admin@stall.test', password)) };
    grants = makeGrants(file, FILE_MB);
    expect(grants > 5000, `${grants} grants`);
  });
  if (!ready) return;

  // Starts an import, waits until moment(imp) holds, kills it with SIGKILL, and checks that the
  // register is as it was, the scratch folder empty and the server still reading. moment
  // answers whether it came in time (else why not).
  const killedWhen = async (name, moment) => {
    const before = await register();
    const scratch = scratchDir(name);
    const imp = startImport(BIN, db, file, scratch);
    const why = await moment(imp, scratch);
    imp.proc.kill('SIGKILL');
    const end = await imp.done;
    expect(!why, `${why}: ${show(end.stdout + end.stderr, 300)}`);
    expect(end.signal === 'SIGKILL', `exit ${end.code} ${end.signal}`);
    expect(await register() === before, `before: ${before}; after: ${await register()}`);
    expect(readdirSync(scratch).length === 0, `left in the scratch folder: ${readdirSync(scratch).join(' ')}`);
    const r = await apiRead();
    expect(r.status === 200, `a read after: ${r.status}`);
  };

  await test('stall: kill -9 while the import stages leaves the register as it was, and no scratch file', () =>
    killedWhen('staging', async (imp, scratch) => {
      // staged past SQLite's page cache: the scratch file is on disk, already unlinked
      const spilled = await until(imp, () => openScratch(imp.proc.pid, scratch).some((l) => / \(deleted\)$/.test(l)));
      return !spilled ? 'the import ended before its scratch file was seen'
        : await publishing() ? 'the import was publishing already' : null;
    }));

  await test('stall: kill -9 while the import publishes leaves the register as it was', () =>
    killedWhen('publishing', async (imp) =>
      (await until(imp, publishing) ? null : 'the import ended before it published')));

  await test('stall: while an import runs, writes answer within 2 s (2xx, or 503 with Retry-After while it publishes) and reads stay 200', async () => {
    const imp = startImport(BIN, db, file, scratchDir('import'));
    const writes = [];
    const reads = [];
    let running = true;
    imp.done.then(() => (running = false));
    while (running) {
      const w = await timed(apiWrite);
      writes.push({ status: w.res.status, ms: w.ms, retry: w.res.headers['retry-after'], body: json(w.res), running });
      const r = await timed(apiRead);
      reads.push({ status: r.res.status, ms: r.ms });
      await sleep(20);
    }
    const end = await imp.done;
    const summary = (() => {
      try {
        return JSON.parse(end.stdout);
      } catch {
        return null;
      }
    })();
    expect(end.code === 0 && summary?.imported === grants, `import: exit ${end.code}; ${show(end.stdout + end.stderr, 300)}`);
    expect(Number(await sql('SELECT count(*) FROM grant_award')) === grants, 'not every grant stored');
    const busy = writes.filter((w) => w.status === 503);
    const slowest = Math.max(...writes.map((w) => w.ms));
    const slowestRead = Math.max(...reads.map((r) => r.ms));
    console.log(`# stall: ${writes.length} writes during the import, ${busy.length} answered 503, slowest ${slowest.toFixed(0)} ms; ` +
      `${reads.length} reads, slowest ${slowestRead.toFixed(0)} ms`);
    expect(writes.length >= 3 && writes[0].running, `${writes.length} writes`);
    expect(writes[0].status === 201 && writes[0].ms < FIRST_WRITE_MS,
      `the first write, while the import staged: ${writes[0].status} after ${writes[0].ms.toFixed(0)} ms`);
    const odd = writes.find((w) => w.status !== 201 && w.status !== 503);
    expect(!odd, `a write answered ${odd?.status}: ${show(JSON.stringify(odd?.body))}`);
    expect(slowest < WRITE_WITHIN_MS, `a write took ${slowest.toFixed(0)} ms`);
    const bare = busy.find((w) => w.retry !== '2' || !/try again/i.test(w.body?.detail ?? ''));
    expect(!bare, `a 503 without Retry-After or the advice to try again: ${show(JSON.stringify(bare))}`);
    expect(reads.every((r) => r.status === 200), `reads: ${reads.map((r) => r.status).join(' ')}`);
    expect(slowestRead < READ_WITHIN_MS, `a read took ${slowestRead.toFixed(0)} ms`);
  });

  // Runs fn while another process holds a write open: on SQLite, sqlite3's BEGIN IMMEDIATE takes
  // the one writer lock; PostgreSQL has none, so there psql keeps a write transaction open.
  const holding = async (fn) => {
    const holder = BACKEND === 'sqlite'
      ? spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => holder.on('close', resolve));
    let out = '';
    holder.stdout.on('data', (d) => (out += d));
    holder.stdin.write(BACKEND === 'sqlite' ? "BEGIN IMMEDIATE;\nSELECT 'held';\n"
      : "BEGIN;\nINSERT INTO organisation (org_id, name, sector, type, created_at, updated_at) " +
        "VALUES ('GB-CHC-3999998', 'Held Charity', 'vcs', 'charity', 'x', 'x');\nSELECT 'held';\n");
    try {
      const deadline = Date.now() + 10000;
      while (!out.includes('held') && Date.now() < deadline) await sleep(5);
      expect(out.includes('held'), `${BACKEND === 'sqlite' ? 'sqlite3' : 'psql'} did not take the lock`);
      await fn();
    } finally {
      holder.stdin.end('ROLLBACK;\n');
      await exited;
    }
  };
  const formWrite = () => timed(() => request(P, {
    method: 'POST', path: '/organisations', headers: cookieHeader(admin.cookie),
    body: { csrf_token: admin.csrf, name: 'Stall Form Charity', org_id: 'GB-CHC-3999999', type: 'charity' },
  }));
  const readsAtOnce = async () => {
    for (const path of ['/api/v1/organisations?limit=3', '/organisations', '/api/v1/grants?limit=3', '/healthz']) {
      const r = await timed(() => request(P, { path }));
      expect(r.res.status === 200 && r.ms < READ_WITHIN_MS, `GET ${path}: ${r.res.status} after ${r.ms.toFixed(0)} ms`);
    }
  };

  if (BACKEND !== 'sqlite') {
    console.log('# skip on postgresql: stall: while another process holds the write lock, writes answer 503 ' +
      "(PostgreSQL has no single writer lock: SQLite's BEGIN IMMEDIATE has no counterpart there)");
    await test('stall: while another connection keeps a write transaction open, writes answer 201 within 2 s; reads answer 200 at once', () =>
      holding(async () => {
        const api = await timed(apiWrite);
        expect(api.res.status === 201 && api.ms < WRITE_WITHIN_MS, `API write: ${api.res.status} after ${api.ms.toFixed(0)} ms`);
        const page = await formWrite();
        expect(page.res.status === 303 && page.ms < WRITE_WITHIN_MS, `form: ${page.res.status} after ${page.ms.toFixed(0)} ms`);
        await readsAtOnce();
      }));
    return;
  }

  await test('stall: while another process holds the write lock, writes answer 503 with Retry-After within 2 s; reads answer 200 at once', async () => {
    await holding(async () => {
      const api = await timed(apiWrite);
      expect(api.res.status === 503 && api.ms < WRITE_WITHIN_MS, `API write: ${api.res.status} after ${api.ms.toFixed(0)} ms`);
      expect(api.res.headers['retry-after'] === '2', `Retry-After ${show(api.res.headers['retry-after'])}`);
      expect(/problem\+json/.test(api.res.headers['content-type']) && /try again in a few seconds/i.test(json(api.res)?.detail ?? ''),
        `${api.res.headers['content-type']} ${show(api.res.text, 300)}`);

      const page = await formWrite();
      expect(page.res.status === 503 && page.ms < WRITE_WITHIN_MS, `form: ${page.res.status} after ${page.ms.toFixed(0)} ms`);
      expect(page.res.headers['retry-after'] === '2' && /text\/html/.test(page.res.headers['content-type']) &&
        page.res.text.includes('Try again in a few seconds'), `${page.res.headers['retry-after']} ${show(page.res.text.slice(0, 300))}`);

      await readsAtOnce();
    });
    const again = await apiWrite();
    expect(again.status === 201, `the lock released, a write: ${again.status} ${show(again.text)}`);
  });
}
