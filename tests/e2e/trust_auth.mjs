// Nobody can lock another person out (issue 11, item 5): OWASP's device cookies with progressive
// delays, through the real server.
//
//   import { trustAuthTests } from './trust_auth.mjs';
//   await trustAuthTests(BIN, report);   // report(name, ok, why)
//
// One server of its own (--secure-cookies). Each client address is a loopback address the test
// binds its socket to (127.0.2x.y), so the server sees them as different clients. Each scenario
// has accounts of its own and the scenarios run side by side, since their waits are real: a
// failure beyond an allowance makes the next attempt wait 1 s, then 2 s, 4 s ... (whole
// seconds, so a wait announced as N seconds may end up to a second sooner). Long waits, and the
// same answer for an email nobody has, are set up by writing failures into the database, and so
// is the wait during which the right password is tried, so that a loaded machine does not
// outlast it.
//
// Decided and checked here: during a wait even the right password is refused, without being
// checked (429, "Try again in N seconds." and Retry-After), and succeeds once the wait is over.
import { sql } from '../lib/db.mjs';
import { run, startServer } from '../lib/server.mjs';
import { addUser, cookieOf, expect, newPassword, show, signIn, sleep, tester } from './auth.mjs';

const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;
const DEVICE = /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/;
const IN_SECONDS = /There have been too many attempts to sign in\. Try again in (\d+) seconds?\./;
const AT_TIME = /There have been too many attempts to sign in\. Try again at (\d\d):(\d\d) UTC\./;
const WRONG = 'Enter a correct email address and password';
const ALLOWANCE = 10; // failures an account, or a device, may make before any wait
const ADDRESS_ALLOWANCE = 100; // failures an address may make over all accounts

function deviceHeader(device) {
  return { Cookie: `compact_device=${device}` };
}

function mainOf(res) {
  return show(/<main[\s\S]*<\/main>/.exec(res.text)?.[0] ?? res.text, 400);
}

// The wait a 429 announces, in seconds, checked against its Retry-After; a Fail otherwise.
function waitOf(res, what) {
  expect(res.status === 429, `${what}: status ${res.status}, not 429; ${mainOf(res)}`);
  expect(res.reason === 'Too Many Requests', `${what}: reason phrase '${res.reason}'`);
  const m = IN_SECONDS.exec(res.text);
  expect(m, `${what}: no "Try again in N seconds." in ${mainOf(res)}`);
  const n = Number(m[1]);
  expect(res.headers['retry-after'] === String(n), `${what}: Retry-After ${show(res.headers['retry-after'])} for "in ${n} seconds"`);
  expect(/class="govuk-error-summary"/.test(res.text), `${what}: no error summary`);
  expect(!cookieOf(res, 'compact_session') && !cookieOf(res, 'compact_device'), `${what}: a cookie was set`);
  return n;
}

// Signs in with the right password and expects to be let in: {session, device}.
async function admitted(port, email, password, opts, what) {
  const r = await signIn(port, email, password, opts);
  const device = cookieOf(r.res, 'compact_device');
  expect(r.res.status === 303 && r.cookie, `${what}: status ${r.res.status}, not 303 with a session; ${mainOf(r.res)}`);
  expect(device && DEVICE.test(device.value), `${what}: no device cookie in ${show(r.res.headers['set-cookie'])}`);
  return { session: r.cookie, device: device.value };
}

// Wrong passwords for email until one is refused with a wait of at least min seconds (so that
// the next few requests still come within it, however loaded the machine), each attempt from
// the address local() with headers; shorter waits are waited out. {wait, failures}.
async function failUntilWait(port, email, { local, headers = {} }, min, what) {
  let failures = 0;
  for (let i = 0; i < 30; i++) {
    const r = await signIn(port, email, `wrong guess ${i} for ${email}`, { local: local(), headers });
    if (r.res.status === 400) {
      expect(r.res.text.includes(WRONG), `${what}: a 400 without ${show(WRONG)}`);
      failures++;
      continue;
    }
    const n = waitOf(r.res, what);
    if (n >= min) return { wait: n, failures };
    await sleep(n * 1000 + 20);
  }
  throw new Error(`${what}: no wait of ${min} s after 30 attempts`);
}

// Writes count failures of email at Unix second at into the server's database.
async function addFailures(s, email, count, at) {
  const rows = Array.from({ length: count }, () => `('email:${email}', ${at})`);
  const w = await sql(s.dbPath, `INSERT INTO login_failure (key, at) VALUES ${rows.join(', ')};`);
  expect(w.code === 0, `SQL: ${show(w.stderr)}`);
}

// Unix seconds of "HH:MM" the day of date, or the next day when that is well before it.
function timeAfter(date, hh, mm) {
  const now = Date.parse(date);
  const d = new Date(now);
  let at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Number(hh), Number(mm));
  if (at < now - 12 * 3600e3) at += 24 * 3600e3;
  return (at - now) / 1000;
}

// ---------------------------------------------------------------------------------------------

export async function trustAuthTests(BIN, report) {
  const test = tester(report);
  let s;
  const ok = await test('trust: a server starts (--secure-cookies)', async () => {
    s = await startServer(BIN, { threads: 2, extraArgs: ['--secure-cookies'] });
  });
  if (!ok) return;
  try {
    const users = {};
    for (const k of ['owner', 'devices', 'victim', 'held', 'a3', 'b3', 'c4', 'known5']) {
      users[k] = { email: `${k}@trust.test`, password: newPassword(k) };
    }
    const made = await test('trust: accounts made with `compact user add`', async () => {
      for (const u of Object.values(users)) await addUser(BIN, s.dbPath, u.email, 'member', u.password, 'GB-CHC-123');
    });
    if (!made) return;
    const ctx = { BIN, s, P: s.port, test, users };
    await owner(ctx); // first: its device cookie is tried on another account
    await Promise.all([devices(ctx), victim(ctx), held(ctx), addressScope(ctx), addressCeiling(ctx), longWaits(ctx)]);
  } finally {
    const code = await s.stop();
    const log = s.logs();
    report('trust: the server exits 0 with no sanitizer report and never answered 500',
      code === 0 && !SANITIZER_REPORT.test(log) && !/ 500 \d+ /.test(log), `exit ${code}; ${show(log.slice(-600), 600)}`);
  }
}

// The owner's browser, holding a device cookie, is not held back by others' failures.
async function owner({ P, test, users }) {
  const { email, password } = users.owner;
  let mine;
  await test('trust: signing in sets a device cookie: 43.43 characters, HttpOnly, SameSite=Lax, Secure, Path=/login, a year', async () => {
    const r = await signIn(P, email, password, { local: '127.0.20.1' });
    const c = cookieOf(r.res, 'compact_device');
    expect(r.res.status === 303 && r.cookie, `status ${r.res.status}`);
    expect(c && DEVICE.test(c.value), `Set-Cookie ${show(r.res.headers['set-cookie'])}`);
    expect(!c.value.toLowerCase().includes('owner'), 'the cookie shows whose it is');
    expect(c.attrs.httponly === true && /^lax$/i.test(c.attrs.samesite) && c.attrs.secure === true && c.attrs.path === '/login',
      `attributes of ${show(c.line)}`);
    expect(Number(c.attrs['max-age']) >= 300 * 86400, `Max-Age ${show(c.attrs['max-age'])}`);
    mine = c.value;
  });
  await test(`trust: ${ALLOWANCE + 1} wrong passwords for one account from ${ALLOWANCE + 1} addresses are each checked (400)`, async () => {
    const statuses = [];
    for (let i = 1; i <= ALLOWANCE + 1; i++) {
      const r = await signIn(P, email, `wrong password number ${i}`, { local: `127.0.21.${i}` });
      statuses.push(r.res.status);
    }
    expect(statuses.every((x) => x === 400), `statuses ${statuses.join(' ')}`);
  });
  if (!mine) return;
  await test('trust: the owner\'s browser with its device cookie then signs in with the right password at once', async () => {
    const again = await admitted(P, email, password, { local: '127.0.20.1', headers: deviceHeader(mine) }, 'owner');
    expect(again.device !== mine, 'the device cookie was not renewed');
    mine = again.device;
  });
  await test('trust: ... from another address too (the cookie counts, not the address)', async () => {
    const again = await admitted(P, email, password, { local: '127.0.20.2', headers: deviceHeader(mine) }, 'owner elsewhere');
    mine = again.device;
  });
  users.owner.device = mine;
}

// A device that fails too often waits alone: the account's other devices and the untrusted
// clients are not held back by it.
async function devices({ P, test, users }) {
  const { email, password } = users.devices;
  let d1;
  let d2;
  await test('trust: two browsers sign in to one account and get different device cookies', async () => {
    d1 = (await admitted(P, email, password, { local: '127.0.22.1' }, 'browser 1')).device;
    d2 = (await admitted(P, email, password, { local: '127.0.22.2' }, 'browser 2')).device;
    expect(d1 !== d2, 'the same device cookie twice');
  });
  if (!d1 || !d2) return;
  await test('trust: a device cookie failing too often is made to wait, even with the right password', async () => {
    const { failures } = await failUntilWait(P, email, { local: () => '127.0.22.1', headers: deviceHeader(d1) }, 3, 'browser 1');
    expect(failures > ALLOWANCE, `browser 1 waited after ${failures} failures, within its allowance of ${ALLOWANCE}`);
    const waiting = await signIn(P, email, password, { local: '127.0.22.1', headers: deviceHeader(d1) });
    waitOf(waiting.res, 'browser 1 with the right password');
  });
  await test('trust: ... alone: the account\'s other browser signs in at once', async () => {
    await admitted(P, email, password, { local: '127.0.22.2', headers: deviceHeader(d2) }, 'browser 2');
  });
  await test('trust: ... alone: a browser without a device cookie signs in at once', async () => {
    await admitted(P, email, password, { local: '127.0.22.3' }, 'a new browser');
  });
}

// Clients without the device cookie wait progressively longer, and are told when to come back.
async function victim({ P, test, users }) {
  const { email, password } = users.victim;
  let k = 0;
  const next = () => `127.0.25.${1 + (k++ % 250)}`;
  await test(`trust: ${ALLOWANCE} wrong passwords for an account from ${ALLOWANCE} addresses cost no wait`, async () => {
    const statuses = [];
    for (let i = 0; i < ALLOWANCE; i++) statuses.push((await signIn(P, email, `wrong ${i}`, { local: next() })).res.status);
    expect(statuses.every((x) => x === 400), `statuses ${statuses.join(' ')}`);
  });
  await test('trust: beyond them each attempt waits twice as long as the one before: 1, 2, 4 s', async () => {
    let failures = ALLOWANCE;
    let at = Date.now(); // when the last failure was answered
    const waits = [];
    const attempt = async (what) => {
      const r = await signIn(P, email, `wrong: ${what}`, { local: next() });
      if (r.res.status !== 400) return waitOf(r.res, what);
      failures++;
      at = Date.now();
      return 0;
    };
    for (let i = 0; waits.length < 3 && i < 16; i++) {
      const n = await attempt(`attempt ${i}`);
      if (!n) continue;
      // whole seconds: a wait of d is announced as d, or less by the second begun and by any
      // time the request spent in the server's queue
      const d = Math.min(2 ** (failures - ALLOWANCE - 1), 900);
      const late = Math.floor((Date.now() - at) / 1000);
      waits.push(`${n} s after ${failures} failures`);
      expect(failures > ALLOWANCE && n <= d && n >= d - 1 - late, `waits ${waits.join(', ')}: not about ${d} s`);
      if (waits.length === 2) {
        // refused attempts are not failures: three more now do not lengthen the next wait
        // (checked by the next wait, as one that comes after this one is a failure like any)
        for (let j = 0; j < 3; j++) await attempt(`refused ${j}`);
      }
      if (waits.length < 3) await sleep(n * 1000 + 20);
    }
    expect(waits.length === 3, `waits ${waits.join(', ')}`);
  });
}

// During a wait even the right password is refused, and it signs in once the wait is over. The
// wait is set up in the database: 15 failures 6 s ago, so 16 s after them, 10 s from now.
async function held({ s, P, test, users }) {
  const { email, password } = users.held;
  let k = 0;
  const next = () => `127.0.27.${1 + k++}`;
  let n = 0;
  let t0 = 0;
  await test('trust: during the wait the right password is refused, in any case, without a cookie', async () => {
    await addFailures(s, email, ALLOWANCE + 5, Math.floor(Date.now() / 1000) - 6);
    const [a, b] = await Promise.all([signIn(P, email, password, { local: next() }),
      signIn(P, email.toUpperCase(), password, { local: next() })]);
    t0 = Date.now();
    n = waitOf(a.res, 'right password');
    waitOf(b.res, 'in capitals');
    expect(n <= 10, `a wait of ${n} s`);
  });
  if (!n) return;
  await test('trust: ... as are a tampered device cookie and the device cookie of another account', async () => {
    const other = users.owner.device || '';
    expect(DEVICE.test(other), 'no device cookie of the owner to try');
    const tampered = other.slice(0, 5) + (other[5] === 'A' ? 'B' : 'A') + other.slice(6);
    const [a, b] = await Promise.all([signIn(P, email, password, { local: next(), headers: deviceHeader(tampered) }),
      signIn(P, email, password, { local: next(), headers: deviceHeader(other) })]);
    waitOf(a.res, 'tampered cookie');
    waitOf(b.res, "another account's cookie");
  });
  await test('trust: once the wait is over the right password signs in', async () => {
    await sleep(Math.max(0, n * 1000 + 20 - (Date.now() - t0)));
    await admitted(P, email, password, { local: next() }, 'after the wait');
  });
}

// One address's failures on one account do not hold back another account from that address.
async function addressScope({ P, test, users }) {
  await test(`trust: ${ALLOWANCE + 2} failures from one address on account A do not delay account B from it`, async () => {
    const statuses = [];
    for (let i = 0; i < ALLOWANCE + 2; i++) {
      statuses.push((await signIn(P, users.a3.email, `wrong ${i}`, { local: '127.0.23.1' })).res.status);
    }
    expect(statuses.slice(0, ALLOWANCE + 1).every((x) => x === 400), `statuses ${statuses.join(' ')}`);
    await admitted(P, users.b3.email, users.b3.password, { local: '127.0.23.1' }, 'account B');
  });
}

// An address trying many accounts (password spraying) meets a much higher ceiling, and then
// waits for clients without a device cookie only.
async function addressCeiling({ P, test, users }) {
  const { email, password } = users.c4;
  const Y = '127.0.24.1';
  let device;
  await test('trust: account C signs in from elsewhere first and holds a device cookie', async () => {
    device = (await admitted(P, email, password, { local: '127.0.24.2' }, 'account C')).device;
  });
  let i = 0;
  await test(`trust: ${ADDRESS_ALLOWANCE} failures from one address over ${ADDRESS_ALLOWANCE} emails are each checked`, async () => {
    const bad = [];
    const one = async () => {
      const n = i++;
      const r = await signIn(P, `spray${n}@trust.test`, 'Summer2026!!', { local: Y });
      if (r.res.status !== 400) bad.push(`${n}: ${r.res.status}`);
    };
    while (i < ADDRESS_ALLOWANCE) await Promise.all(i + 1 < ADDRESS_ALLOWANCE ? [one(), one()] : [one()]);
    expect(bad.length === 0, `answers other than 400: ${bad.slice(0, 5).join(', ')}`);
  });
  await test('trust: beyond the ceiling that address waits, even for an account it never tried', async () => {
    await failUntilWait(P, 'spray-more@trust.test', { local: () => Y }, 3, 'spraying on');
    waitOf((await signIn(P, email, password, { local: Y })).res, 'account C from the address');
  });
  await test('trust: ... but not another address, nor a browser with its device cookie on that address', async () => {
    await admitted(P, email, password, { local: '127.0.24.3' }, 'account C from another address');
    expect(device, 'no device cookie');
    await admitted(P, email, password, { local: Y, headers: deviceHeader(device) }, 'account C with its device cookie');
  });
}

// Waits of minutes say the time to come back; an email nobody has waits the same as one that
// somebody has, and the answers are the same but for the email.
async function longWaits({ s, P, test, users }) {
  const known = users.known5.email;
  const unknown = 'nobody5@trust.test';
  const now = Math.floor(Date.now() / 1000);
  await test('trust: 30 failures for a known and an unknown email both wait the longest wait, to a time', async () => {
    for (const e of [known, unknown]) await addFailures(s, e, 30, now);
    const a = await signIn(P, known, users.known5.password, { local: '127.0.26.1' });
    const b = await signIn(P, unknown, users.known5.password, { local: '127.0.26.2' });
    for (const [what, r] of [['known', a], ['unknown', b]]) {
      expect(r.res.status === 429 && !r.cookie, `${what}: status ${r.res.status}; ${mainOf(r.res)}`);
      const m = AT_TIME.exec(r.res.text);
      expect(m, `${what}: no "Try again at HH:MM UTC." in ${mainOf(r.res)}`);
      const secs = timeAfter(r.res.headers.date, m[1], m[2]);
      expect(secs >= 14 * 60 && secs <= 16 * 60 + 1, `${what}: ${m[1]}:${m[2]} is ${secs} s after ${r.res.headers.date}`);
      const ra = Number(r.res.headers['retry-after']);
      expect(ra >= 14 * 60 && ra <= 15 * 60, `${what}: Retry-After ${show(r.res.headers['retry-after'])}`);
    }
    const pa = a.res.text.split(known).join('EMAIL');
    const pb = b.res.text.split(unknown).join('EMAIL');
    expect(pa === pb, 'the pages for a known and an unknown email differ');
  });
}
