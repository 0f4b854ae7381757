// Starts the real `compact serve` on a free loopback port with a fresh database, for the
// end-to-end and browser tests.
//
//   const s = await startServer('build/compact', { threads: 2, requestTimeout: 1 });
//   ... s.url, s.port, s.logs() ...
//   const code = await s.stop();   // SIGTERM, wait, return the exit code
//
// Each server gets its own temporary folder (removed by stop()); servers still running when
// the test process exits are killed, so a crashed test run leaves nothing behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { freshDb, settle } from './db.mjs';

const LISTEN_TIMEOUT_MS = 20000; // sanitizer builds start slowly
const HEALTH_TIMEOUT_MS = 10000;
const STOP_KILL_MS = 15000;
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 };

const running = new Set();
process.on('exit', () => {
  for (const p of running) {
    try {
      p.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

function exitStatus(code, signal) {
  if (code !== null) return code;
  return 128 + (SIGNALS[signal] || 0);
}

// Runs binary with args to completion; resolves {code, stdout, stderr}. A `compact` command that
// succeeded has settled (db.mjs): what it wrote is in the servers' caches' view.
export function run(binary, args, { timeoutMs = 20000, env } = {}) {
  return new Promise((resolve) => {
    const p = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env || process.env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + String(e) });
    });
    p.on('close', async (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && basename(binary) === 'compact') await settle();
      resolve({ code: exitStatus(code, signal), stdout, stderr, timedOut: signal === 'SIGKILL' });
    });
  });
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function getStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

// With {db: uri}, the server runs on that database as it is (no init), which stop() leaves.
export async function startServer(binary, { threads = 2, requestTimeout, extraArgs = [], db: given } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'compact-test-'));
  const db = given ? { uri: given, drop: async () => {} } : await freshDb(dir);
  const dbPath = db.uri;
  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
    return db.drop();
  };

  const init = given ? { code: 0 } : await run(binary, ['init', '--db', dbPath]);
  if (init.code !== 0) {
    await cleanup();
    throw new Error(`'compact init' exited ${init.code}: ${init.stderr.trim()}`);
  }

  const args = ['serve', '--db', dbPath, '--listen', '127.0.0.1:0', '--threads', String(threads)];
  if (requestTimeout !== undefined) args.push('--request-timeout', String(requestTimeout));
  args.push(...extraArgs);
  const proc = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(proc);

  let stderr = '';
  let exitCode = null;
  const exited = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      running.delete(proc);
      exitCode = exitStatus(code, signal);
      resolve(exitCode);
    });
  });
  proc.on('error', (e) => (stderr += `spawn failed: ${e.message}\n`));

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no "listening on" line within 20 s')),
      LISTEN_TIMEOUT_MS);
    proc.stderr.on('data', (d) => {
      stderr += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`'compact serve' exited ${code} before listening`));
    });
  }).catch(async (e) => {
    proc.kill('SIGKILL');
    await exited;
    await cleanup();
    throw new Error(`${e.message}\n${stderr}`);
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let status = 0;
  while (exitCode === null && Date.now() < deadline) {
    status = await getStatus(`${url}/healthz`);
    if (status === 200) break;
    await sleep(100);
  }
  if (status !== 200) {
    proc.kill('SIGKILL');
    await exited;
    await cleanup();
    throw new Error(`GET /healthz did not answer 200 (last status ${status})\n${stderr}`);
  }

  let stopping = null;
  async function stop() {
    if (!stopping) {
      stopping = (async () => {
        if (exitCode === null) {
          proc.kill('SIGTERM');
          const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_KILL_MS);
          await exited;
          clearTimeout(timer);
        }
        await cleanup();
        return exitCode;
      })();
    }
    return stopping;
  }

  return {
    url,
    port,
    proc,
    dir,
    dbPath,
    exited,
    logs: () => stderr,
    stop,
  };
}
