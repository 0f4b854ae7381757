// End-to-end tests of the account commands of the real `compact` binary: `user add|list|disable`,
// `token add|list|revoke` and `audit --entity`, on a fresh database, with bad input.
//
//   import { cliAccounts } from './cli_accounts.mjs';
//   await cliAccounts(BIN, dir, report);   // dir: a scratch folder; report(name, ok, why)
//
// The checks run in order and build on each other (the users added early are disabled and
// audited later), so they are not run in parallel.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKEND, freshDb } from '../lib/db.mjs';
import { run } from '../lib/server.mjs';

const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const PASSWORD = 'a perfectly fine passphrase';

class Fail extends Error {}
function expect(cond, why) {
  if (!cond) throw new Fail(why);
}

function show(s, n = 200) {
  const t = JSON.stringify(String(s));
  return t.length > n ? `${t.slice(0, n)}...` : t;
}

// Like run() of tests/lib/server.mjs, but with input written to stdin (run() gives /dev/null).
function runWithInput(binary, args, input, { timeoutMs = 30000 } = {}) {
  return new Promise((resolve) => {
    const p = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + String(e) });
    });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 128, stdout, stderr, timedOut: signal === 'SIGKILL', signal });
    });
    p.stdin.on('error', () => {}); // the program may exit before reading all of it
    p.stdin.end(input);
  });
}

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Fail(`${what} is not JSON (${e.message}): ${show(text, 400)}`);
  }
}

function sameKeys(obj, keys) {
  return obj !== null && typeof obj === 'object' &&
    JSON.stringify(Object.keys(obj).sort()) === JSON.stringify([...keys].sort());
}

export async function cliAccounts(BIN, dir, report) {
  const fresh = await freshDb(dir, 'accounts.db');
  try {
    await accounts(BIN, dir, fresh.uri, report);
  } finally {
    await fresh.drop();
  }
}

async function accounts(BIN, dir, db, report) {
  const withDb = (args) => [...args, '--db', db];
  const sanitizer = [];

  // One check: passes unless fn throws; a mistake in the test itself shows its stack.
  async function check(name, fn) {
    try {
      await fn();
      return report(`cli accounts: ${name}`, true);
    } catch (e) {
      const bug = e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError;
      return report(`cli accounts: ${name}`, false, bug ? e.stack : e.message || String(e));
    }
  }

  // Runs compact with args (and --db), stdin from input if given; notes sanitizer reports.
  async function compact(args, input, { db: useDb = true } = {}) {
    const full = useDb ? withDb(args) : args;
    const r = input === undefined
      ? await run(BIN, full, { timeoutMs: 30000 })
      : await runWithInput(BIN, full, input);
    expect(!r.timedOut, `'compact ${args.join(' ')}' still running after 30 s`);
    if (SANITIZER_REPORT.test(r.stderr)) sanitizer.push(`${args.join(' ')}: ${r.stderr.slice(0, 400)}`);
    return r;
  }

  // Runs compact and expects the exit code and a stream matching re.
  async function expectRun(args, input, code, re, stream, opts) {
    const r = await compact(args, input, opts);
    expect(r.code === code, `exit ${r.code}, want ${code}; stdout ${show(r.stdout)}; stderr ${show(r.stderr)}`);
    if (re) expect(re.test(r[stream]), `${stream} ${show(r[stream])} does not match ${re}`);
    return r;
  }

  async function users() {
    const r = await compact(['user', 'list', '--format', 'json']);
    expect(r.code === 0, `user list exits ${r.code}: ${show(r.stderr)}`);
    return parseJson(r.stdout, 'user list --format json');
  }

  const ok = await check('init makes a fresh database', async () => {
    const r = await compact(['init', '--db', db], undefined, { db: false });
    expect(r.code === 0, `init exits ${r.code}: ${show(r.stderr)}`);
  });
  if (!ok) return;

  // --- help and usage ----------------------------------------------------------------------

  const usageCases = [
    ['user --help', ['user', '--help'], 0, /usage: compact user <command>[^]*\n {2}add /, 'stdout'],
    ['user add --help', ['user', 'add', '--help'], 0, /--password-stdin/, 'stdout'],
    ['user list --help', ['user', 'list', '--help'], 0, /usage: compact user list/, 'stdout'],
    ['user disable --help', ['user', 'disable', '--help'], 0, /usage: compact user disable/, 'stdout'],
    ['token --help', ['token', '--help'], 0, /usage: compact token <command>[^]*\n {2}add /, 'stdout'],
    ['token add --help', ['token', 'add', '--help'], 0, /--label/, 'stdout'],
    ['token list --help', ['token', 'list', '--help'], 0, /usage: compact token list/, 'stdout'],
    ['token revoke --help', ['token', 'revoke', '--help'], 0, /usage: compact token revoke/, 'stdout'],
    ['audit --help', ['audit', '--help'], 0, /--entity KIND\/ID/, 'stdout'],
    ['user alone', ['user'], 2, /usage: compact user/, 'stderr', { db: false }],
    ['token alone', ['token'], 2, /usage: compact token/, 'stderr', { db: false }],
    ['user --db PATH without a command', ['user'], 2, /usage: compact user/, 'stderr'],
    ['an unknown user command', ['user', 'frob'], 2, /unknown user command 'frob'/, 'stderr'],
    ['an unknown token command', ['token', 'frob'], 2, /unknown token command 'frob'/, 'stderr'],
    ['user add --bogus', ['user', 'add', 'a@example.org', '--role', 'admin', '--bogus'], 2, /^compact user add: unknown option '--bogus'\n$/, 'stderr'],
    ['user add without EMAIL', ['user', 'add', '--role', 'admin'], 2, /usage/, 'stderr'],
    ['user list with an argument', ['user', 'list', 'extra'], 2, /usage/, 'stderr'],
    ['user list --format xml', ['user', 'list', '--format', 'xml'], 2, /unknown format 'xml'/, 'stderr'],
    ['token list --format csv', ['token', 'list', '--format', 'csv'], 2, /unknown format 'csv'/, 'stderr'],
    ['token revoke without ID', ['token', 'revoke'], 2, /usage/, 'stderr'],
    ['token revoke abc', ['token', 'revoke', 'abc'], 2, /'abc' is not a token number/, 'stderr'],
    ['token revoke 0', ['token', 'revoke', '0'], 2, /not a token number/, 'stderr'],
    ['audit without --entity', ['audit'], 2, /--entity KIND\/ID/, 'stderr'],
    ['audit --entity without a slash', ['audit', '--entity', 'user'], 2, /not KIND\/ID/, 'stderr'],
    ['audit --entity of an unknown kind', ['audit', '--entity', 'grant/3'], 2, /unknown kind 'grant'/, 'stderr'],
    ['audit --entity api_token/x', ['audit', '--entity', 'api_token/x'], 2, /not a number/, 'stderr'],
    ['audit --format yaml', ['audit', '--entity', 'compact/1', '--format', 'yaml'], 2, /unknown format 'yaml'/, 'stderr'],
    ['coverage --format xml', ['coverage', '--format', 'xml'], 2, /unknown format 'xml'; use text, json or csv/, 'stderr'],
    ['indicators --format xml', ['indicators', '--org', 'GB-LAE-TRF', '--format', 'xml'], 2, /unknown format 'xml'; use text, json or csv/, 'stderr'],
  ];
  for (const [name, args, code, re, stream, opts] of usageCases) {
    await check(`${name} exits ${code}`, () => expectRun(args, undefined, code, re, stream, opts));
  }
  await check('the top-level help lists user, token and audit', async () => {
    const r = await compact(['--help'], undefined, { db: false });
    expect(r.code === 0, `exit ${r.code}`);
    for (const c of ['user', 'token', 'audit']) {
      expect(new RegExp(`^  ${c} `, 'm').test(r.stdout), `no '${c}' in ${show(r.stdout, 800)}`);
    }
  });
  await check('a command on a missing database exits 1 and creates nothing', async () => {
    const missing = join(dir, 'missing-accounts.db');
    const r = await compact(['user', 'list', '--db', missing], undefined, { db: false });
    expect(r.code === 1 && /no database/.test(r.stderr), `exit ${r.code}; ${show(r.stderr)}`);
    expect(!existsSync(missing), 'the database was created');
  });

  // --- user add ----------------------------------------------------------------------------

  const add = (email, extra, input = `${PASSWORD}\n`) =>
    compact(['user', 'add', email, ...extra, '--password-stdin'], input);

  await check('user add of an admin with --password-stdin exits 0 and says so', async () => {
    const r = await add('admin@example.org', ['--role', 'admin']);
    expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
    expect(r.stdout === 'added user admin@example.org (admin)\n', `stdout ${show(r.stdout)}`);
    expect(!r.stdout.includes(PASSWORD) && !r.stderr.includes(PASSWORD), 'the password is echoed');
  });
  await check('user add of a member with --name and --org exits 0', async () => {
    const r = await add('member@example.org', ['--role', 'member', '--org', 'GB-CHC-1234567',
      '--name', 'Mary Member']);
    expect(r.code === 0 && r.stdout === 'added user member@example.org (member)\n',
      `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
  });
  await check('user add of a coordinator takes a password without a trailing newline', async () => {
    const r = await add('coord@example.org', ['--role', 'coordinator'], PASSWORD);
    expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
  });
  await check('user add keeps a name with quotes, a backslash, non-ASCII and an emoji', async () => {
    const r = await add('odd@example.org', ['--role', 'admin', '--name', 'Zoë "Z" O\'Brien \\ ✓ 😀']);
    expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
  });

  const badAdds = [
    ['a bad email', 'not-an-email', ['--role', 'admin'], 2, /'not-an-email' is not an email address/],
    ['an email with two @', 'a@b@example.org', ['--role', 'admin'], 2, /not an email address/],
    ['an email without a dot in the domain', 'a@localhost', ['--role', 'admin'], 2, /not an email address/],
    ['no --role', 'new@example.org', [], 2, /--role admin, coordinator or member/],
    ['an unknown role', 'new@example.org', ['--role', 'boss'], 2, /unknown role 'boss'/],
    ['a member without --org', 'new@example.org', ['--role', 'member'], 2, /member acts for an organisation.*--org/],
    ['a member with an org-id not starting GB-', 'new@example.org', ['--role', 'member', '--org', 'US-EIN-1'], 2, /'US-EIN-1'.*start 'GB-'/],
    ['a member with "GB-" alone', 'new@example.org', ['--role', 'member', '--org', 'GB-'], 2, /start 'GB-'/],
    ['an admin with --org', 'new@example.org', ['--role', 'admin', '--org', 'GB-CHC-1'], 2, /leave out --org/],
    ['a coordinator with --org', 'new@example.org', ['--role', 'coordinator', '--org', 'GB-CHC-1'], 2, /leave out --org/],
    ['an empty --name', 'new@example.org', ['--role', 'admin', '--name', ''], 2, /--name/],
    ['a --name with a newline', 'new@example.org', ['--role', 'admin', '--name', 'two\nlines'], 2, /--name/],
  ];
  for (const [name, email, extra, code, re] of badAdds) {
    await check(`user add with ${name} exits ${code}`, () =>
      expectRun(['user', 'add', email, ...extra, '--password-stdin'], `${PASSWORD}\n`, code, re, 'stderr'));
  }
  await check('user add with an 11-character password exits 1 saying 12 characters', () =>
    expectRun(['user', 'add', 'new@example.org', '--role', 'admin', '--password-stdin'],
      'abcdefghijk\n', 1, /^compact: password must be 12 characters or more\n$/, 'stderr'));
  await check('user add with the common password "password1234" exits 1 saying too common', () =>
    expectRun(['user', 'add', 'new@example.org', '--role', 'admin', '--password-stdin'],
      'password1234\n', 1, /^compact: password is too common/, 'stderr'));
  await check('user add with "PASSWORD1234" (case aside, common) exits 1', () =>
    expectRun(['user', 'add', 'new@example.org', '--role', 'admin', '--password-stdin'],
      'PASSWORD1234\n', 1, /too common/, 'stderr'));
  await check('user add with nothing on stdin exits 1', () =>
    expectRun(['user', 'add', 'new@example.org', '--role', 'admin', '--password-stdin'],
      '', 1, /no password on standard input/, 'stderr'));
  await check('user add without --password-stdin when stdin is not a terminal exits 2', () =>
    expectRun(['user', 'add', 'new@example.org', '--role', 'admin'], undefined, 2,
      /not a terminal.*--password-stdin/, 'stderr'));
  await check('user add of an existing email (other case) exits 1 saying it exists', () =>
    expectRun(['user', 'add', 'ADMIN@Example.org', '--role', 'coordinator', '--password-stdin'],
      `${PASSWORD}\n`, 1, /a user with email 'admin@example\.org' exists already/, 'stderr'));

  // --- user list ---------------------------------------------------------------------------

  await check('user list --format json parses and holds exactly the users added', async () => {
    const list = await users();
    expect(Array.isArray(list), 'not an array');
    const emails = list.map((u) => u.email);
    const want = ['admin@example.org', 'coord@example.org', 'member@example.org', 'odd@example.org'];
    expect(JSON.stringify(emails) === JSON.stringify(want), `emails ${JSON.stringify(emails)}`);
    for (const u of list) {
      expect(sameKeys(u, ['id', 'email', 'name', 'role', 'org_id', 'disabled', 'created_at']),
        `keys ${Object.keys(u)}`);
      expect(Number.isInteger(u.id) && u.id > 0, `id ${u.id}`);
      expect(u.disabled === false, `${u.email} disabled ${u.disabled}`);
      expect(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(u.created_at), `created_at ${u.created_at}`);
    }
    const by = Object.fromEntries(list.map((u) => [u.email, u]));
    expect(by['admin@example.org'].name === 'admin', `default name ${show(by['admin@example.org'].name)}`);
    expect(by['admin@example.org'].role === 'admin' && by['admin@example.org'].org_id === null, 'admin role/org');
    expect(by['member@example.org'].name === 'Mary Member', 'member name');
    expect(by['member@example.org'].role === 'member' && by['member@example.org'].org_id === 'GB-CHC-1234567', 'member role/org');
    expect(by['coord@example.org'].role === 'coordinator', 'coordinator role');
    expect(by['odd@example.org'].name === 'Zoë "Z" O\'Brien \\ ✓ 😀', `escaped name came back as ${show(by['odd@example.org'].name)}`);
  });
  await check('user list --format json shows no password hash', async () => {
    const r = await compact(['user', 'list', '--format', 'json']);
    expect(!/argon2|password/i.test(r.stdout), show(r.stdout, 400));
  });
  await check('user list (text) is a table of email, name, role, org and status', async () => {
    const r = await compact(['user', 'list']);
    expect(r.code === 0, `exit ${r.code}`);
    const lines = r.stdout.trimEnd().split('\n');
    expect(/^EMAIL +NAME +ROLE +ORG +STATUS$/.test(lines[0]), `header ${show(lines[0])}`);
    expect(lines.length === 5, `${lines.length} lines`);
    expect(/^member@example\.org +Mary Member +member +GB-CHC-1234567 +active$/m.test(r.stdout), show(r.stdout, 600));
    expect(/^admin@example\.org +admin +admin +- +active$/m.test(r.stdout), show(r.stdout, 600));
    // The columns line up: ROLE starts at the same character in every row.
    const col = lines[0].indexOf('ROLE');
    for (const l of lines.slice(1)) {
      expect(/^(admin|coordinator|member) /.test([...l].slice(col).join('')), `misaligned ${show(l)}`);
    }
  });

  // --- token add and list ------------------------------------------------------------------

  const tokens = {};
  // A token made by an earlier check; a clean failure if that check failed.
  const tok = (k) => {
    expect(tokens[k], `the ${k} token was not made by the earlier check`);
    return tokens[k];
  };
  await check('token add prints the token alone as the last line: 43 characters of base64url', async () => {
    const r = await expectRun(['token', 'add', 'admin@example.org'], undefined, 0, null, 'stdout');
    expect(r.stdout.endsWith('\n'), 'no newline at the end');
    const lines = r.stdout.slice(0, -1).split('\n');
    expect(lines.length === 2, `${lines.length} lines: ${show(r.stdout)}`);
    expect(/^token (\d+) for admin@example\.org \(command line\); it is shown only this once:$/.test(lines[0]),
      `first line ${show(lines[0])}`);
    expect(TOKEN.test(lines[1]), `last line ${show(lines[1])}`);
    tokens.admin = { id: Number(/^token (\d+)/.exec(lines[0])[1]), secret: lines[1] };
  });
  await check('token add --label for the member exits 0 with a different token', async () => {
    const r = await expectRun(['token', 'add', 'member@example.org', '--label', 'nightly import'],
      undefined, 0, /^token \d+ for member@example\.org \(nightly import\); it is shown only this once:\n/, 'stdout');
    const last = r.stdout.trimEnd().split('\n').pop();
    expect(TOKEN.test(last), `last line ${show(last)}`);
    expect(!tokens.admin || last !== tokens.admin.secret, 'the same token twice');
    tokens.member = { id: Number(/^token (\d+)/.exec(r.stdout)[1]), secret: last };
  });
  await check('token add for a second member token (to be revoked by disable)', async () => {
    const r = await expectRun(['token', 'add', 'member@example.org', '--label', 'spare'], undefined, 0, null, 'stdout');
    tokens.spare = { id: Number(/^token (\d+)/.exec(r.stdout)[1]), secret: r.stdout.trimEnd().split('\n').pop() };
  });
  await check('token add for an unknown user exits 1', () =>
    expectRun(['token', 'add', 'nobody@example.org'], undefined, 1,
      /no user with email 'nobody@example\.org'/, 'stderr'));
  await check('token add with a control character in --label exits 2', () =>
    expectRun(['token', 'add', 'admin@example.org', '--label', 'a\tb'], undefined, 2, /--label/, 'stderr'));
  await check('token add without EMAIL exits 2', () =>
    expectRun(['token', 'add'], undefined, 2, /usage/, 'stderr'));
  await check('the database keeps no token in the clear', async () => {
    expect(tokens.admin && tokens.member, 'no tokens were made');
    if (BACKEND === 'postgresql') {
      // all it holds, as pg_dump writes it
      const r = await run('pg_dump', ['--no-owner', '-d', db], { timeoutMs: 30000 });
      expect(r.code === 0 && r.stdout.includes('api_token'), `pg_dump: exit ${r.code}; ${show(r.stderr)}`);
      for (const t of Object.values(tokens)) expect(!r.stdout.includes(t.secret), 'the database holds a token');
      return;
    }
    for (const f of [db, `${db}-wal`]) {
      if (!existsSync(f)) continue;
      const bytes = readFileSync(f).toString('latin1');
      for (const t of Object.values(tokens)) expect(!bytes.includes(t.secret), `${f} holds a token`);
    }
  });
  await check('token list --format json lists the tokens, newest first, without secrets', async () => {
    const r = await expectRun(['token', 'list', '--format', 'json'], undefined, 0, null, 'stdout');
    const list = parseJson(r.stdout, 'token list --format json');
    expect(Array.isArray(list) && list.length === 3, `${list.length} tokens`);
    for (const t of list) {
      expect(sameKeys(t, ['id', 'email', 'label', 'created_at', 'revoked_at']), `keys ${Object.keys(t)}`);
      expect(t.revoked_at === null, `token ${t.id} revoked`);
    }
    expect(list[0].id > list[1].id && list[1].id > list[2].id, 'not newest first');
    const admin = list.find((t) => t.id === tok('admin').id);
    expect(admin && admin.email === 'admin@example.org' && admin.label === 'command line', JSON.stringify(admin));
    for (const t of Object.values(tokens)) expect(!r.stdout.includes(t.secret), 'a token is listed');
  });
  await check('token list --email (any case) lists only that user\'s tokens', async () => {
    const r = await expectRun(['token', 'list', '--email', 'Member@Example.org', '--format', 'json'], undefined, 0, null, 'stdout');
    const list = parseJson(r.stdout, 'token list --email');
    expect(list.length === 2 && list.every((t) => t.email === 'member@example.org'), show(r.stdout, 400));
  });
  await check('token list (text) is a table without secrets', async () => {
    const r = await expectRun(['token', 'list'], undefined, 0, /^ID +EMAIL +LABEL +CREATED +REVOKED\n/, 'stdout');
    expect(new RegExp(`^${tok('member').id} +member@example\\.org +nightly import +\\S+Z +-$`, 'm').test(r.stdout), show(r.stdout, 600));
    for (const t of Object.values(tokens)) expect(!r.stdout.includes(t.secret), 'a token is listed');
  });
  await check('token list --email of an unknown user exits 1', () =>
    expectRun(['token', 'list', '--email', 'nobody@example.org'], undefined, 1, /no user with email 'nobody@example\.org'/, 'stderr'));
  await check('token list --email of a user without tokens prints [] for json', () =>
    expectRun(['token', 'list', '--email', 'coord@example.org', '--format', 'json'], undefined, 0, /^\[\]\n$/, 'stdout'));

  // --- token revoke ------------------------------------------------------------------------

  await check('token revoke of the admin token exits 0', () =>
    expectRun(['token', 'revoke', String(tok('admin').id)], undefined, 0,
      new RegExp(`^revoked token ${tok('admin').id}\\n$`), 'stdout'));
  await check('token revoke of the same token again exits 1 saying revoked already', () =>
    expectRun(['token', 'revoke', String(tok('admin').id)], undefined, 1, /revoked already/, 'stderr'));
  await check('token revoke of an unknown token exits 1', () =>
    expectRun(['token', 'revoke', '999'], undefined, 1, /no token 999/, 'stderr'));
  await check('token list shows the revoked token with its time', async () => {
    const r = await compact(['token', 'list', '--format', 'json']);
    const t = parseJson(r.stdout, 'token list').find((x) => x.id === tok('admin').id);
    expect(t && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(t.revoked_at), JSON.stringify(t));
  });

  // --- user disable ------------------------------------------------------------------------

  await check('user disable (any case) exits 0', () =>
    expectRun(['user', 'disable', 'MEMBER@example.org'], undefined, 0, /^disabled user member@example\.org/, 'stdout'));
  await check('user disable again exits 1', () =>
    expectRun(['user', 'disable', 'member@example.org'], undefined, 1, /disabled already/, 'stderr'));
  await check('user disable of an unknown user exits 1', () =>
    expectRun(['user', 'disable', 'nobody@example.org'], undefined, 1, /no user with email 'nobody@example\.org'/, 'stderr'));
  await check('user disable without EMAIL exits 2', () =>
    expectRun(['user', 'disable'], undefined, 2, /usage/, 'stderr'));
  await check('user list shows the member disabled, the others active', async () => {
    const list = await users();
    for (const u of list) expect(u.disabled === (u.email === 'member@example.org'), `${u.email} disabled ${u.disabled}`);
    const r = await compact(['user', 'list']);
    expect(/^member@example\.org .* disabled$/m.test(r.stdout), show(r.stdout, 600));
  });
  await check('disabling the member revoked their tokens', async () => {
    const r = await compact(['token', 'list', '--email', 'member@example.org', '--format', 'json']);
    const list = parseJson(r.stdout, 'token list');
    expect(list.length === 2 && list.every((t) => t.revoked_at !== null), show(r.stdout, 400));
  });
  await check('token add for a disabled user exits 1', () =>
    expectRun(['token', 'add', 'member@example.org'], undefined, 1, /disabled/, 'stderr'));

  // --- audit -------------------------------------------------------------------------------

  await check('audit of user/member (json): create then disable, by cli, with before and after', async () => {
    const r = await expectRun(['audit', '--entity', 'user/member@example.org', '--format', 'json'], undefined, 0, null, 'stdout');
    const list = parseJson(r.stdout, 'audit --format json');
    expect(Array.isArray(list) && list.length === 2, `${list.length} entries: ${show(r.stdout, 600)}`);
    for (const e of list) {
      expect(sameKeys(e, ['id', 'at', 'actor', 'action', 'kind', 'entity', 'before', 'after']), `keys ${Object.keys(e)}`);
      expect(e.actor === 'cli' && e.kind === 'user' && e.entity === 'member@example.org', JSON.stringify(e));
      expect(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(e.at), `at ${e.at}`);
    }
    const [create, disable] = list;
    expect(create.action === 'create' && create.before === null, JSON.stringify(create));
    expect(create.after && create.after.email === 'member@example.org' && create.after.role === 'member' &&
      create.after.org_id === 'GB-CHC-1234567' && create.after.disabled === false, JSON.stringify(create.after));
    expect(disable.action === 'disable', JSON.stringify(disable));
    expect(disable.before && disable.before.disabled === false, `before ${JSON.stringify(disable.before)}`);
    expect(disable.after && disable.after.disabled === true, `after ${JSON.stringify(disable.after)}`);
    expect(create.id < disable.id, 'not oldest first');
    expect(!/argon2/.test(r.stdout), 'the password hash is in the trail');
  });
  await check('audit of user/ with the email in another case finds the same history', async () => {
    const r = await expectRun(['audit', '--entity', 'user/Member@Example.ORG', '--format', 'json'], undefined, 0, null, 'stdout');
    expect(parseJson(r.stdout, 'audit').length === 2, show(r.stdout, 400));
  });
  await check('audit of user/member (text): one block per entry with before and after lines', async () => {
    const r = await expectRun(['audit', '--entity', 'user/member@example.org'], undefined, 0, null, 'stdout');
    const blocks = r.stdout.trimEnd().split('\n\n');
    expect(blocks.length === 2, `${blocks.length} blocks: ${show(r.stdout, 600)}`);
    expect(/^\S+Z +cli +create\n +after: +\{.*"member@example\.org".*\}$/.test(blocks[0]), `block 1 ${show(blocks[0], 400)}`);
    expect(!/before:/.test(blocks[0]), 'a create has a before line');
    expect(/^\S+Z +cli +disable\n +before: +\{.*"disabled":false.*\}\n +after: +\{.*"disabled":true.*\}$/.test(blocks[1]),
      `block 2 ${show(blocks[1], 400)}`);
  });
  await check('audit of api_token/N (json): create then revoke, with the revocation time after', async () => {
    const r = await expectRun(['audit', '--entity', `api_token/${tok('admin').id}`, '--format', 'json'], undefined, 0, null, 'stdout');
    const list = parseJson(r.stdout, 'audit --format json');
    expect(list.length === 2, `${list.length} entries: ${show(r.stdout, 600)}`);
    const [create, revoke] = list;
    expect(create.action === 'create' && create.kind === 'api_token' && create.entity === String(tok('admin').id) &&
      create.actor === 'cli', JSON.stringify(create));
    expect(create.after && create.after.label === 'command line' && create.after.revoked_at === null, JSON.stringify(create.after));
    expect(revoke.action === 'revoke' && revoke.after && typeof revoke.after.revoked_at === 'string', JSON.stringify(revoke));
    for (const t of Object.values(tokens)) expect(!r.stdout.includes(t.secret), 'a token is in the trail');
  });
  await check('audit of api_token/0N reads the number as N', async () => {
    const r = await expectRun(['audit', '--entity', `api_token/0${tok('admin').id}`, '--format', 'json'], undefined, 0, null, 'stdout');
    expect(parseJson(r.stdout, 'audit').length === 2, show(r.stdout, 400));
  });
  await check('audit of api_token/N (text): a create block and a revoke block', async () => {
    const r = await expectRun(['audit', '--entity', `api_token/${tok('admin').id}`], undefined, 0, null, 'stdout');
    expect(/ cli +create\n +after: +\{/.test(r.stdout) && / cli +revoke\n/.test(r.stdout), show(r.stdout, 600));
  });
  await check('audit with no history: json prints [] and exits 0', () =>
    expectRun(['audit', '--entity', 'compact/999', '--format', 'json'], undefined, 0, /^\[\]\n$/, 'stdout'));
  await check('audit with no history: text prints nothing on stdout, says so on stderr, exits 0', async () => {
    const r = await expectRun(['audit', '--entity', 'user/nobody@example.org'], undefined, 0,
      /^no history for user\/nobody@example\.org\n$/, 'stderr');
    expect(r.stdout === '', `stdout ${show(r.stdout)}`);
  });

  await check('no sanitizer report from any command', async () => {
    expect(sanitizer.length === 0, sanitizer.join(' || '));
  });
}
