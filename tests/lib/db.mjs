// The database a test runs on: SQLite by default, PostgreSQL when COMPACT_TEST_PG holds the URL
// of a throw-away server's database (tests/pg/start.sh, CTest's fixture "pg"). Every server and
// CLI test asks here for a fresh database, so the same tests run on both backends.
//
//   const db = await freshDb(dir);    // {uri, drop()}: a file in dir, or a new PostgreSQL database
//   const r = await sql(db.uri, 'SELECT count(*) FROM compact');   // {code, stdout, stderr}
//   const copy = await copyDb(db.uri, dir, 'copy.db');   // {uri, drop()}: the same data, apart
//
// sql() answers rows as sqlite3 prints them by default: one line per row, columns joined by "|".
// Like psql, it waits for a lock another connection holds (on SQLite up to 10 s).
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export const PG = process.env.COMPACT_TEST_PG || '';
export const BACKEND = PG ? 'postgresql' : 'sqlite';

function exec(cmd, args, input) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    if (input !== undefined) p.stdin.end(input);
    p.on('error', (e) => resolve({ code: -1, stdout, stderr: stderr + String(e) }));
    p.on('close', (code) => resolve({ code: code === null ? -1 : code, stdout, stderr }));
  });
}

// The URL of database name on the test server (or on the server of URL base): its path's name
// replaced.
export function pgUri(name, base = PG) {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

function isPg(uri) {
  return /^postgres(ql)?:\/\//.test(uri);
}

// A server's reply cache hears of a commit made by another process (a command, psql) through
// PostgreSQL's NOTIFY, a few milliseconds later: more on a loaded machine (SQLite's data version
// shows it to the very next request). A test about to read pages after such a write waits this
// long first, as a person's next page would come later anyway.
export const NOTIFY_SETTLE_MS = 50;
export function settle() {
  return PG ? new Promise((resolve) => setTimeout(resolve, NOTIFY_SETTLE_MS)) : Promise.resolve();
}

// Runs one or more statements on the database at uri (an SQLite path or a PostgreSQL URL); on
// PostgreSQL one that writes settles before it answers.
export async function sql(uri, query) {
  if (!isPg(uri)) return exec('sqlite3', ['-cmd', '.timeout 10000', uri, query]);
  const r = await exec('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', uri, '-c', query]);
  if (r.code === 0 && /(^|;)\s*(INSERT|UPDATE|DELETE)\b/i.test(query)) await settle();
  return r;
}

// A new, empty database: the file name in dir (default "c.db") on SQLite; on PostgreSQL a new
// database on the test server, dropped by drop(). Nothing is created in the SQLite file: the
// command under test makes it.
export async function freshDb(dir, name = 'c.db') {
  if (!PG) return { uri: join(dir, name), drop: async () => {} };
  return createPg('');
}

// A new PostgreSQL database on the test server (a copy of template when one is named).
async function createPg(template) {
  const db = `t_${randomBytes(6).toString('hex')}`;
  const r = await sql(PG, `CREATE DATABASE ${db}${template ? ` TEMPLATE ${template}` : ''}`);
  if (r.code !== 0) throw new Error(`CREATE DATABASE ${db}: ${r.stderr.trim()}`);
  return {
    uri: pgUri(db),
    drop: async () => {
      await sql(PG, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    },
  };
}

// A copy of the database at uri, which nothing may be using: the file copied to name in dir on
// SQLite, a new database made from it on PostgreSQL. drop() removes it.
export async function copyDb(uri, dir, name) {
  if (isPg(uri)) return createPg(decodeURIComponent(new URL(uri).pathname.slice(1)));
  const to = join(dir, name);
  copyFileSync(uri, to);
  return { uri: to, drop: async () => rmSync(to, { force: true }) };
}
