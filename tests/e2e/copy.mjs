// `compact copy --from DB --to DB` end to end. A database with real content (the demo set, users,
// a session, tokens, open data, an activity, sign-in failures, audit entries) is copied SQLite ->
// PostgreSQL -> a new SQLite file, and every table's rows compared on all three; a server on each
// copy serves the same /api/v1/compacts and takes the session and token made before; on
// PostgreSQL new rows get ids past those copied. Refusals (a target with tables on either
// engine, a source behind the program, bad URIs) change nothing; a copy that fails half-way (a
// row the target refuses) leaves the target as it was; the progress bar shows on a terminal
// (script(1)) and not otherwise.
//
//   import { copyTests } from './copy.mjs';
//   await copyTests(BIN, report);
//
// PostgreSQL: the server COMPACT_TEST_PG names when it is set, else a cluster of its own
// (tests/pg/start.sh in /tmp/compact-copy-<random>, stopped at the end); where PostgreSQL is
// not installed, the SQLite -> SQLite half runs alone and the rest is skipped, saying why.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PG, pgUri, sql } from '../lib/db.mjs';
import { run, startServer } from '../lib/server.mjs';
import { addToken, addUser, bearer, cookieHeader, expect, newPassword, request, session, show, signIn, tester } from './auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;
const BAR = /\r\[#* *\] +\d+% /;

function hasInitdb() {
  const dirs = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  if (dirs.some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))) return true;
  try {
    execFileSync('sh', ['-c', 'command -v initdb'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// The export without the moment it was made.
function exported(text) {
  return text.replace(/"exported_at":\s*"[^"]*"/, '');
}

function post(port, token, path, obj) {
  return request(port, { method: 'POST', path, headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(obj) });
}

// Every table of the SQLite database at file with its columns (generated ones too) and which
// are blobs: [{table, cols: [{name, blob}]}], schema_version left out (each database's own), and
// the full-text index of SQLite (search_fts and its shadow tables), which a copy rebuilds from
// search_doc.
async function tablesOf(file) {
  const r = await sql(file, "SELECT m.name, p.name, upper(p.type) FROM sqlite_master m, pragma_table_xinfo(m.name) p " +
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name NOT LIKE 'search_fts%' AND m.name <> 'schema_version' ORDER BY m.name, p.cid");
  expect(r.code === 0, `the tables of ${file}: ${show(r.stderr)}`);
  const tables = new Map();
  for (const line of r.stdout.trim().split('\n')) {
    const [table, name, type] = line.split('|');
    if (!tables.has(table)) tables.set(table, []);
    tables.get(table).push({ name, blob: type === 'BLOB' });
  }
  return [...tables].map(([table, cols]) => ({ table, cols }));
}

// Every row of table t on the database at uri, as text: columns by name, blobs in hex, ordered
// by every column.
async function rowsOf(uri, t) {
  const pg = /^postgres/.test(uri);
  const cols = t.cols.map((c) => (c.blob ? (pg ? `encode("${c.name}", 'hex')` : `lower(hex("${c.name}"))`) : `"${c.name}"`));
  const r = await sql(uri, `SELECT ${cols.join(', ')} FROM "${t.table}" ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`);
  expect(r.code === 0, `rows of ${t.table} on ${uri}: ${show(r.stderr)}`);
  return r.stdout;
}

async function count(uri, table) {
  const r = await sql(uri, `SELECT count(*) FROM "${table}"`);
  expect(r.code === 0, `count of ${table}: ${show(r.stderr)}`);
  return Number(r.stdout.trim());
}

// The tables of the database at uri (PostgreSQL: of its public schema).
async function tableCount(uri) {
  const r = await sql(uri, /^postgres/.test(uri)
    ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
    : "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
  expect(r.code === 0, `tables of ${uri}: ${show(r.stderr)}`);
  return Number(r.stdout.trim());
}

async function exportOf(BIN, uri) {
  const r = await run(BIN, ['export', '--db', uri]);
  expect(r.code === 0, `compact export --db ${uri}: exit ${r.code}; ${show(r.stderr)}`);
  return exported(r.stdout);
}

// The lines of stderr that are the program's messages, not its log lines.
function messages(stderr) {
  return stderr.split('\n').filter((l) => l && !/^\d{4}-\d\d-\d\dT[\d:]+Z (info|warn|error) /.test(l));
}

export async function copyTests(BIN, report) {
  const test = tester(report);
  const dir = mkdtempSync(join(tmpdir(), 'compact-copy-'));
  const src = join(dir, 'src.db');
  const copy = (from, to) => run(BIN, ['copy', '--from', from, '--to', to], { timeoutMs: 120000 });
  let pgDir = null;
  let base = PG;
  const made = [];

  // PostgreSQL: the suite's, or a cluster of its own.
  if (!base) {
    if (!hasInitdb()) {
      console.log('# copy: PostgreSQL is not installed (no initdb): only SQLite -> SQLite is tested');
    } else {
      pgDir = `/tmp/compact-copy-${randomBytes(4).toString('hex')}`;
      const ok = await test('copy: a PostgreSQL of its own starts (tests/pg/start.sh)', async () => {
        const r = await run('sh', [join(ROOT, 'tests/pg/start.sh'), pgDir], { timeoutMs: 120000 });
        expect(r.code === 0, `start.sh exited ${r.code}: ${show(r.stderr, 600)}`);
        base = readFileSync(join(pgDir, 'url'), 'utf8').trim();
      });
      if (!ok) base = '';
    }
  }
  async function newPg() {
    const name = `copy_${randomBytes(6).toString('hex')}`;
    const r = await sql(base, `CREATE DATABASE ${name}`);
    expect(r.code === 0, `CREATE DATABASE ${name}: ${show(r.stderr)}`);
    made.push(name);
    return pgUri(name, base);
  }

  try {
    // ---- the source: real content, written through the program ----
    let admin, compactsBefore, cookie;
    const password = newPassword('copy');
    const ready = await test('copy: a source database with the demo set, accounts, a session, tokens, open data, an activity and audit entries', async () => {
      for (const args of [['init'], ['demo', 'load'], ['import', 'grants', join(ROOT, 'tests/data/opendata/quirks.json')]]) {
        const r = await run(BIN, [...args, '--db', src], { timeoutMs: 60000 });
        expect(r.code === 0, `compact ${args.join(' ')}: exit ${r.code}; ${show(r.stderr)}`);
      }
      await addUser(BIN, src, 'admin@copy.test', 'admin', password);
      await addUser(BIN, src, 'member@copy.test', 'member', newPassword('m'), 'GB-CHC-1111111');
      admin = (await addToken(BIN, src, 'admin@copy.test', 'before the copy')).token;
      const revoked = await addToken(BIN, src, 'member@copy.test');
      const rv = await run(BIN, ['token', 'revoke', String(revoked.id), '--db', src]);
      expect(rv.code === 0, `token revoke: ${show(rv.stderr)}`);
      const s = await startServer(BIN, { db: src });
      try {
        const a = await post(s.port, admin, '/api/v1/compacts/1/activities',
          { organisation: 'GB-CHC-2222222', activity: { kind: 'funding_change', change: 'end', notice_date: null } });
        expect(a.status === 201, `record an activity: ${a.status} ${show(a.text)}`);
        const c = await post(s.port, admin, '/api/v1/compacts',
          { name: 'Copied Compact', authorities: ['E08000009'], status: 'active', status_date: '2012-04-01' });
        expect(c.status === 201, `create a Compact: ${c.status} ${show(c.text)}`);
        const bad = await signIn(s.port, 'admin@copy.test', 'not the password');
        expect(bad.res.status !== 303, `a wrong password signed in: ${bad.res.status}`);
        cookie = (await session(s.port, 'admin@copy.test', password)).cookie;
        const list = await request(s.port, { path: '/api/v1/compacts?limit=100' });
        expect(list.status === 200, `GET /api/v1/compacts: ${list.status}`);
        compactsBefore = list.text;
      } finally {
        await s.stop();
      }
      for (const table of ['session', 'api_token', 'login_failure', 'activity', 'activity_finding', 'grant_award', 'audit', 'signatory', 'organisation']) {
        expect(await count(src, table) > 0, `the source has no rows in ${table}`);
      }
    });
    if (!ready) return;
    const tables = await tablesOf(src);
    const exportBefore = await exportOf(BIN, src);

    // Whether the database at uri holds the source's rows, table by table.
    async function sameRows(uri, what) {
      await test(`copy: every table's rows on ${what} are the source's (${tables.length} tables)`, async () => {
        const differ = [];
        for (const t of tables) {
          // the search index is rebuilt by the copy, not copied: its rows are counted below
          if (t.table === 'search_doc') continue;
          const [a, b] = [await rowsOf(src, t), await rowsOf(uri, t)];
          if (a !== b) differ.push(`${t.table} (${a.split('\n').length - 1} rows, ${b.split('\n').length - 1} there)`);
        }
        expect(differ.length === 0, `differ: ${differ.join(', ')}`);
        for (const t of tables) {
          const [a, b] = [await count(src, t.table), await count(uri, t.table)];
          expect(a === b, `${t.table}: ${a} rows, ${b} copied`);
        }
      });
      await test(`copy: compact export of ${what} is the source's`, async () => {
        expect(await exportOf(BIN, uri) === exportBefore, 'the exports differ');
      });
    }

    // A server on the copy at uri: the same Compacts, the session and token made before.
    async function serveCopy(uri, what, more) {
      let s;
      const up = await test(`copy: a server starts on ${what}`, async () => {
        s = await startServer(BIN, { db: uri });
      });
      if (!up) return;
      try {
        await test(`copy: ${what} serves the same /api/v1/compacts`, async () => {
          const r = await request(s.port, { path: '/api/v1/compacts?limit=100' });
          expect(r.status === 200 && r.text === compactsBefore, `${r.status} ${show(r.text, 300)}`);
        });
        await test(`copy: a token and a session made before still sign in on ${what}`, async () => {
          const t = await request(s.port, { path: '/api/v1/me', headers: bearer(admin) });
          expect(t.status === 200 && t.text.includes('admin@copy.test'), `token: ${t.status} ${show(t.text)}`);
          const c = await request(s.port, { path: '/api/v1/me', headers: cookieHeader(cookie) });
          expect(c.status === 200 && c.text.includes('admin@copy.test'), `session: ${c.status} ${show(c.text)}`);
        });
        if (more) await more(s);
      } finally {
        const code = await s.stop();
        report(`copy: the server on ${what} stops cleanly`, code === 0 && !SANITIZER_REPORT.test(s.logs()),
          `exit ${code}; ${show(s.logs().slice(-600), 600)}`);
      }
    }

    // ---- SQLite -> SQLite, whatever is installed ----
    const lite = join(dir, 'lite.db');
    await test('copy: SQLite -> a new SQLite file, without a terminal: a summary line and no bar', async () => {
      const r = await copy(src, lite);
      expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
      expect(/^copied \d+ rows of 50 tables from .*src\.db to .*lite\.db \(schema version \d+\)\n$/.test(r.stdout), show(r.stdout));
      expect(!BAR.test(r.stderr) && !r.stderr.includes('%'), `a bar without a terminal: ${show(r.stderr)}`);
      expect(!SANITIZER_REPORT.test(r.stderr), show(r.stderr, 600));
    });
    await sameRows(lite, 'the SQLite copy');

    // ---- SQLite -> PostgreSQL -> SQLite ----
    let pgA = null;
    const back = join(dir, 'back.db');
    if (base) {
      await test('copy: SQLite -> a new PostgreSQL database', async () => {
        pgA = await newPg();
        const r = await copy(src, pgA);
        expect(r.code === 0 && /^copied \d+ rows of 50 tables/.test(r.stdout), `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
        expect(!SANITIZER_REPORT.test(r.stderr), show(r.stderr, 600));
      });
      if (pgA) {
        await sameRows(pgA, 'PostgreSQL');
        await test('copy: PostgreSQL\'s schema_version is its own migrations\', at the source\'s version', async () => {
          const v = await sql(pgA, 'SELECT max(version), count(*) FROM schema_version');
          const u = await sql(src, 'PRAGMA user_version');
          expect(v.stdout.trim() === `${u.stdout.trim()}|${u.stdout.trim()}`, `${show(v.stdout)} for ${show(u.stdout)}`);
        });
        await test('copy: PostgreSQL -> a new SQLite file', async () => {
          const r = await copy(pgA, back);
          expect(r.code === 0 && /^copied \d+ rows of 50 tables/.test(r.stdout), `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
        });
        await sameRows(back, 'the SQLite copy of the PostgreSQL copy');
        await test('copy: the SQLite copy of the copy has the source\'s user_version', async () => {
          const [a, b] = [await sql(src, 'PRAGMA user_version'), await sql(back, 'PRAGMA user_version')];
          expect(a.stdout === b.stdout && b.stdout.trim() !== '0', `${show(a.stdout)} ${show(b.stdout)}`);
        });
        await serveCopy(back, 'the SQLite copy of the copy');
      }
    } else {
      await serveCopy(lite, 'the SQLite copy');
    }

    // ---- refusals: one line, exit 1, the target as it was ----
    async function refused(name, from, to, pattern, unchanged) {
      await test(`copy: refused, ${name}: exit 1, one line, nothing changed`, async () => {
        const before = unchanged ? await unchanged() : null;
        const r = await copy(from, to);
        const lines = messages(r.stderr);
        expect(r.code === 1 && r.stdout === '', `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
        expect(lines.length === 1 && pattern.test(lines[0]), `stderr ${show(r.stderr, 400)}`);
        if (unchanged) expect(await unchanged() === before, 'the target changed');
      });
    }
    const sqliteState = async () => `${await exportOf(BIN, lite)}|${await count(lite, 'audit')}|${await tableCount(lite)}`;
    await refused('an SQLite target with tables', src, lite, /^compact copy: '.*lite\.db' is not empty \(it has the table '\w+'\)/, sqliteState);
    const old = join(dir, 'old.db');
    copyFileSync(src, old);
    await sql(old, 'PRAGMA user_version = 7');
    const absentTarget = join(dir, 'never.db');
    await refused('a source behind the program', old, absentTarget,
      /^compact copy: '.*old\.db' is at schema version 7 and this program's is \d+: .*'compact migrate --db .*old\.db' first$/,
      async () => String(existsSync(absentTarget)));
    await refused('another scheme\'s URI', src, 'mysql://localhost/compact',
      /^compact copy: --to 'mysql:\/\/localhost\/compact' is neither an SQLite path nor a postgresql:\/\/ URI$/);
    await refused('no source', join(dir, 'missing.db'), absentTarget, /^compact copy: no database at '.*missing\.db'$/,
      async () => String(existsSync(absentTarget)));
    await refused('a target in a folder that is not there', src, join(dir, 'no', 'such.db'), /^compact copy: cannot open '.*such\.db': no such folder$/);
    if (pgA) {
      const pgState = async () => `${await exportOf(BIN, pgA)}|${await count(pgA, 'audit')}|${await tableCount(pgA)}`;
      await refused('a PostgreSQL target with tables', src, pgA, /^compact copy: 'postgresql:\/\/\/copy_\w+' is not empty \(it has the table '\w+'\)/, pgState);
      await refused('a PostgreSQL database that is not there', src, pgUri('no_such_database', base), /^compact copy: cannot open 'postgresql:\/\/\/no_such_database': /);
      const empty = await newPg();
      await refused('a source behind the program, into an empty PostgreSQL database', old, empty, /is at schema version 7/,
        async () => String(await tableCount(empty)));
    }

    // ---- a copy that fails half-way leaves the target as it was ----
    const dirty = join(dir, 'dirty.db');
    copyFileSync(src, dirty);
    // a coordinator who is nobody: sqlite3 checks no foreign keys, the copy's target does
    await sql(dirty, 'INSERT INTO compact_coordinator (compact_id, user_id) VALUES (1, 99999)');
    await test('copy: a row the SQLite target refuses half-way: exit 1, naming the table, and no file left', async () => {
      const half = join(dir, 'half.db');
      const r = await copy(dirty, half);
      expect(r.code === 1 && /failed at the table 'compact_coordinator' \(a row broke a constraint of the target\); nothing was copied/.test(r.stderr),
        `exit ${r.code}; ${show(r.stderr, 400)}`);
      const left = readdirSync(dir).filter((f) => f.startsWith('half.db'));
      expect(left.length === 0, `left behind: ${left.join(', ')}`);
    });
    if (base) {
      await test('copy: a row the PostgreSQL target refuses half-way: exit 1, and the database has no tables; a copy into it then works', async () => {
        const pg = await newPg();
        const r = await copy(dirty, pg);
        expect(r.code === 1 && /failed at the table 'compact_coordinator'/.test(r.stderr), `exit ${r.code}; ${show(r.stderr, 400)}`);
        expect(await tableCount(pg) === 0, 'tables were left');
        const again = await copy(src, pg);
        expect(again.code === 0, `the copy after it: exit ${again.code}; ${show(again.stderr)}`);
        expect(await count(pg, 'audit') === await count(src, 'audit'), 'audit rows differ');
      });
      await test('copy: a trigger of the PostgreSQL target that refuses an audit row: exit 1, and no tables left', async () => {
        const pg = await newPg();
        // an event trigger (not a table: the database is still empty) that arms a row trigger on
        // the audit table as the copy's migrations make it
        const trap = await sql(pg, `
          CREATE FUNCTION copy_trap_row() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'trapped' USING ERRCODE = 'check_violation'; END $$;
          CREATE FUNCTION copy_trap() RETURNS event_trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity = 'public.audit') THEN
              CREATE TRIGGER copy_trap BEFORE INSERT ON public.audit FOR EACH ROW
                WHEN (NEW.id > 3) EXECUTE FUNCTION copy_trap_row();
            END IF;
          END $$;
          CREATE EVENT TRIGGER copy_trap ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
            EXECUTE FUNCTION copy_trap();`);
        expect(trap.code === 0, `the trap: ${show(trap.stderr)}`);
        const r = await copy(src, pg);
        expect(r.code === 1 && /failed at the table 'audit' \(a row broke a constraint of the target\)/.test(r.stderr),
          `exit ${r.code}; ${show(r.stderr, 400)}`);
        expect(await tableCount(pg) === 0, 'tables were left');
      });
    }

    // ---- on PostgreSQL, new rows after the copy (the sequences moved past the ids) ----
    if (pgA) {
      await serveCopy(pgA, 'the PostgreSQL copy', async (s) => {
        await test('copy: new rows on the PostgreSQL copy get ids past the copied ones', async () => {
          const maxId = Number((await sql(pgA, 'SELECT max(id) FROM compact')).stdout.trim());
          const c = await post(s.port, admin, '/api/v1/compacts',
            { name: 'After the copy', authorities: ['E08000003'], status: 'active', status_date: '2013-04-01' });
          expect(c.status === 201 && JSON.parse(c.text).id === maxId + 1, `${c.status} ${show(c.text)}; max id was ${maxId}`);
          await addUser(BIN, pgA, 'after@copy.test', 'coordinator', newPassword('n'));
          const t = await addToken(BIN, pgA, 'after@copy.test');
          const maxToken = Number((await sql(src, 'SELECT max(id) FROM api_token')).stdout.trim());
          expect(t.id === maxToken + 1, `token id ${t.id}, copied up to ${maxToken}`);
          // each of those writes added its audit entry, numbered past the copied ones
          const maxAudit = Number((await sql(src, 'SELECT max(id) FROM audit')).stdout.trim());
          const audit = await sql(pgA, `SELECT count(*), min(id) FROM audit WHERE id > ${maxAudit}`);
          const [n, first] = audit.stdout.trim().split('|').map(Number);
          expect(audit.code === 0 && n >= 3 && first === maxAudit + 1, `audit after ${maxAudit}: ${show(audit.stdout + audit.stderr)}`);
        });
      });
    }

    // ---- the progress bar, on a terminal only ----
    const haveScript = (() => {
      try {
        execFileSync('sh', ['-c', 'command -v script'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();
    if (!haveScript) {
      console.log('# copy: no script(1) (util-linux): the progress bar on a terminal is not tested');
    } else {
      await test('copy: on a terminal (script -qec) a progress bar is drawn to 100%', async () => {
        const tty = join(dir, 'tty.db');
        const quote = (s) => `'${s.replace(/'/g, "'\\''")}'`;
        const r = await run('script', ['-qec', `${quote(BIN)} copy --from ${quote(src)} --to ${quote(tty)}`, '/dev/null'],
          { timeoutMs: 120000 });
        expect(r.code === 0, `exit ${r.code}; ${show(r.stdout + r.stderr, 400)}`);
        expect(BAR.test(r.stdout) && /\] 100% /.test(r.stdout), `no bar: ${show(r.stdout, 400)}`);
        expect(/\ncopied \d+ rows of 50 tables/.test(r.stdout.replace(/\r\n/g, '\n')), `no summary: ${show(r.stdout, 400)}`);
      });
    }
  } finally {
    for (const name of made) await sql(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    if (pgDir) {
      const r = await run('sh', [join(ROOT, 'tests/pg/stop.sh'), pgDir], { timeoutMs: 60000 });
      report('copy: its PostgreSQL stops (tests/pg/stop.sh)', r.code === 0, show(r.stderr));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
