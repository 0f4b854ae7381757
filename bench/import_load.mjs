// Reads and writes against a running `compact serve`, for bench/import_concurrency.sh: READERS
// loops of GET requests over several pages and API lists, each sending READ_RATE a second, and
// WRITERS loops of POST /api/v1/organisations (each a new charity), a writer pausing
// WRITE_PAUSE_MS between writes; each loop on a keep-alive connection of its own. A read's
// latency counts from when it was due, not from when it could be sent: a stalled connection
// holds back the reads queued behind it, and they count (no "coordinated omission", as wrk2
// measures). Runs until SIGTERM or --max-seconds, then prints what happened between the times
// (Unix milliseconds) in MARKS/import.start and MARKS/import.end: the read latencies (p50, p99,
// max), each write's status and the slowest, and every reply that was neither 2xx nor 503.
//
//   node bench/import_load.mjs --url http://127.0.0.1:PORT --token TOKEN --marks DIR
//        [--readers 4] [--read-rate 100] [--writers 2] [--write-pause-ms 100] [--max-seconds 300]
//        [--samples FILE]   (every request as "at kind status ms path", at in ms from the import's start)
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';

const opts = { readers: 4, 'read-rate': 100, writers: 2, 'write-pause-ms': 100, 'max-seconds': 300 };
for (let i = 2; i + 1 < process.argv.length; i += 2) opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!opts.url || !opts.token || !opts.marks) {
  console.error('usage: node bench/import_load.mjs --url URL --token TOKEN --marks DIR [--readers N] ' +
    '[--read-rate PER_SECOND] [--writers N] [--write-pause-ms MS] [--max-seconds S]');
  process.exit(2);
}
const url = new URL(opts.url);
const READS = ['/api/v1/organisations?limit=20', '/organisations', '/api/v1/grants?limit=20', '/grants',
  '/authorities?set=2012', '/api/v1/coverage'];
const WRITE_WITHIN_MS = 2000;
const READ_P99_MS = 50;

const samples = []; // {kind, at (ms since the epoch, when sent), ms, status, retryAfter}
let stopping = false;
let written = 0;

function send(agent, method, path, body) {
  const headers = {};
  if (body) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = Buffer.byteLength(body);
    headers.Authorization = `Bearer ${opts.token}`;
  }
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent, timeout: 30000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'] }));
      res.on('error', () => resolve({ status: 0 }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0 }));
    if (body) req.write(body);
    req.end();
  });
}

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

// Reads at a fixed rate, each timed from when it was due.
async function reader(n) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const every = 1000 / Number(opts['read-rate']);
  let due = performance.now() + Math.random() * every;
  for (let i = 0; !stopping; i++) {
    const late = performance.now() - due;
    for (let wait = -late; wait > 0; wait = due - performance.now()) await sleep(Math.ceil(wait));
    const path = READS[(i + n) % READS.length];
    const r = await send(agent, 'GET', path);
    samples.push({ kind: 'read', at: Date.now() - Math.max(0, late), ms: performance.now() - due, status: r.status, path });
    due += every;
  }
  agent.destroy();
}

// Writes one after another, each timed from when it was sent.
async function writer() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  while (!stopping) {
    const k = ++written;
    const at = Date.now();
    const t0 = performance.now();
    const r = await send(agent, 'POST', '/api/v1/organisations', JSON.stringify({
      name: `Benchmark Charity ${k}`, org_id: `GB-CHC-${4000000 + k}`, type: 'charity' }));
    samples.push({ kind: 'write', at, ms: performance.now() - t0, status: r.status, retryAfter: r.retryAfter });
    await sleep(Number(opts['write-pause-ms']));
  }
  agent.destroy();
}

function pct(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

function mark(name) {
  try {
    return Number(readFileSync(`${opts.marks}/import.${name}`, 'utf8').trim());
  } catch {
    return NaN;
  }
}

// Every sample as a line "at kind status ms path" (at: ms since the import started), for a look
// at when the slow ones came.
function dump(start) {
  if (opts.samples) {
    writeFileSync(opts.samples, samples.map((x) => `${x.at - start} ${x.kind} ${x.status} ${x.ms.toFixed(2)} ${x.path ?? '-'}`).join('\n') + '\n');
  }
}

function summary() {
  const start = mark('start');
  const end = Number.isNaN(mark('end')) ? Date.now() : mark('end');
  dump(start);
  const during = samples.filter((s) => s.at >= start && s.at <= end);
  const outside = samples.length - during.length;
  const reads = during.filter((s) => s.kind === 'read');
  const writes = during.filter((s) => s.kind === 'write');
  const ms = reads.map((s) => s.ms).sort((a, b) => a - b);
  const p99 = pct(ms, 99);
  const ok = (s) => s.status >= 200 && s.status < 300;
  const busy = writes.filter((s) => s.status === 503);
  const slowest = writes.reduce((a, s) => (s.ms > a.ms ? s : a), { ms: 0 });
  const late = writes.filter((s) => s.ms >= WRITE_WITHIN_MS);
  const odd = during.filter((s) => !ok(s) && s.status !== 503);
  const bare = busy.filter((s) => !s.retryAfter);
  const fmt = (x) => x.toFixed(1);
  const lines = [];
  lines.push(`during the import (${fmt((end - start) / 1000)} s; ${outside} requests before and after not counted):`);
  if (Number.isNaN(start)) lines.push('  no import.start mark: counted everything');
  lines.push(`  reads  ${reads.length}: p50 ${fmt(pct(ms, 50))} ms, p99 ${fmt(p99)} ms, max ${fmt(ms[ms.length - 1] ?? NaN)} ms, ` +
    `non-200 ${reads.filter((s) => s.status !== 200).length}`);
  lines.push(`  writes ${writes.length}: 2xx ${writes.filter(ok).length}, 503 ${busy.length} (${busy.length - bare.length} with Retry-After), ` +
    `slowest ${fmt(slowest.ms)} ms (${slowest.status ?? '-'}), ${late.length} took 2 s or more`);
  const paths = [...new Set(reads.map((x) => x.path))];
  lines.push(`  read p99 by path: ${paths.map((p) => `${p} ${fmt(pct(reads.filter((x) => x.path === p).map((x) => x.ms).sort((a, b) => a - b), 99))} ms`).join(', ')}`);
  if (busy.length) {
    const from = busy[0].at;
    const to = busy[busy.length - 1].at;
    lines.push(`  the 503s came from ${fmt((from - start) / 1000)} s to ${fmt((to - start) / 1000)} s after the import ` +
      'started (its publishing)');
    const phase = (lo, hi) => {
      const p = reads.filter((x) => x.at >= lo && x.at < hi).map((x) => x.ms).sort((a, b) => a - b);
      return `${p.length} reads, p99 ${fmt(pct(p, 99))} ms`;
    };
    lines.push(`  read p99 by phase: before the first 503 (staging) ${phase(start, from)}; up to the last ` +
      `(publishing) ${phase(from, to + 1)}; after it (landed) ${phase(to + 1, end + 1)}`);
  }
  const around = (lo, hi) => {
    const p = samples.filter((x) => x.kind === 'read' && x.at >= lo && x.at < hi).map((x) => x.ms).sort((a, b) => a - b);
    return `${p.length} reads, p99 ${fmt(pct(p, 99))} ms`;
  };
  lines.push(`  for comparison, not counted: before the import ${around(-Infinity, start)}; after it ${around(end + 1, Infinity)}`);
  const counts = {};
  for (const s of odd) counts[`${s.kind} ${s.status || 'no reply'}`] = (counts[`${s.kind} ${s.status || 'no reply'}`] || 0) + 1;
  lines.push(`  neither 2xx nor 503: ${odd.length ? Object.entries(counts).map(([k, v]) => `${k} x${v}`).join(', ') : 'none'}`);
  lines.push(`goal: reads p99 < ${READ_P99_MS} ms: ${p99 < READ_P99_MS ? 'met' : 'not met'}; ` +
    `every write 2xx or 503 with Retry-After within 2 s: ${!late.length && !bare.length && !odd.some((s) => s.kind === 'write') ? 'met' : 'not met'}`);
  console.log(lines.join('\n'));
}

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  stopping = true;
  summary();
  process.exit(0);
}
process.on('SIGTERM', finish);
process.on('SIGINT', finish);
setTimeout(finish, Number(opts['max-seconds']) * 1000);
for (let i = 0; i < Number(opts.readers); i++) reader(i);
for (let i = 0; i < Number(opts.writers); i++) writer();
