// The database a test runs on: SQLite by default, PostgreSQL when COMPACT_TEST_PG holds the URL
// of a throw-away server's database (tests/pg/start.sh, CTest's fixture "pg"). Every server and
// CLI test asks here for a fresh database, so the same tests run on both backends.
//
//   const db = await freshDb(dir);    // {uri, drop()}: a file in dir, or a new PostgreSQL database
//   const r = await sql(db.uri, 'SELECT count(*) FROM compact');   // {code, stdout, stderr}
//
// sql() answers rows as sqlite3 prints them by default: one line per row, columns joined by "|".
import { spawn } from 'node:child_process';
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

// Runs one or more statements on the database at uri (an SQLite path or a PostgreSQL URL).
export function sql(uri, query) {
  if (isPg(uri)) return exec('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', uri, '-c', query]);
  return exec('sqlite3', [uri, query]);
}

// A new, empty database: the file name in dir (default "c.db") on SQLite; on PostgreSQL a new
// database on the test server, dropped by drop(). Nothing is created in the SQLite file: the
// command under test makes it.
export async function freshDb(dir, name = 'c.db') {
  if (!PG) return { uri: join(dir, name), drop: async () => {} };
  const db = `t_${randomBytes(6).toString('hex')}`;
  const r = await sql(PG, `CREATE DATABASE ${db}`);
  if (r.code !== 0) throw new Error(`CREATE DATABASE ${db}: ${r.stderr.trim()}`);
  return {
    uri: pgUri(db),
    drop: async () => {
      await sql(PG, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    },
  };
}
