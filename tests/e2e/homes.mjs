// Coordinators chosen on a Compact's page (issue 13, item 2), by object: only an admin may add
// or remove one, on any Compact; a coordinator may not, not even on the Compact they
// coordinate, nor a member, nor nobody. Every refusal and every bad answer (an unknown email,
// a member's or an admin's account, a disabled one, one already there, a malformed or blank
// address, a missing CSRF token) changes nothing: the coordinators and the Compact's audit trail
// are read before and after. What is stored is what PATCH /api/v1/compacts/{id} stores, with
// the same audit entry; the home pages follow (a coordinator's lists the Compacts they keep).
import { run } from '../lib/server.mjs';
import {
  addToken, addUser, bearer, cookieHeader, expect, newPassword, onServer, request, session, show,
} from './auth.mjs';

export async function homeTests(BIN, report) {
  await onServer(BIN, report, 'homes', (s, test) => tests(BIN, s, test));
}

function json(res) {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${show(res.text)}`);
  }
}

// The text of a page's <main>, tags and spaces folded, for asserting what a person reads.
function mainText(html) {
  const m = /<main[\s\S]*<\/main>/.exec(html);
  return (m ? m[0] : html).replace(/<[^>]*>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
}

async function tests(BIN, s, test) {
  const P = s.port;
  const who = {};
  let A, B;

  const ready = await test('homes: an admin, a member, coordinators A and B, Compacts A (of A) and B (of B)', async () => {
    for (const [role, name, org] of [['admin', 'admin'], ['coordinator', 'coorda'], ['coordinator', 'coordb'],
      ['coordinator', 'gone'], ['member', 'member', 'GB-CHC-7770001']]) {
      const email = `${name}@homes.test`;
      const password = newPassword(name);
      await addUser(BIN, s.dbPath, email, role, password, org);
      who[name] = { email, password, token: (await addToken(BIN, s.dbPath, email)).token };
    }
    const make = async (name, token) => {
      const r = await request(P, { method: 'POST', path: '/api/v1/compacts', headers: { ...bearer(token), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, authorities: ['E08000009'], status: 'active', status_date: '2012-04-01' }) });
      expect(r.status === 201, `${name}: ${r.status} ${show(r.text)}`);
      return json(r).id;
    };
    A = await make('Homes Compact A', who.coorda.token);
    B = await make('Homes Compact B', who.coordb.token);
    const off = await run(BIN, ['user', 'disable', who.gone.email, '--db', s.dbPath]);
    expect(off.code === 0, `compact user disable: ${show(off.stderr)}`);
    for (const name of ['admin', 'coorda', 'coordb', 'member']) Object.assign(who[name], await session(P, who[name].email, who[name].password));
  });
  if (!ready) return;

  // What a refusal must leave as it was: the coordinators and the audit trail of both Compacts.
  const state = async () => {
    const out = [];
    for (const id of [A, B]) {
      const e = json(await request(P, { path: `/api/v1/compacts/${id}`, headers: bearer(who.admin.token) }));
      const audit = json(await request(P, { path: `/api/v1/audit?kind=compact&entity=${id}`, headers: bearer(who.admin.token) }));
      out.push(`${id}: ${JSON.stringify(e.coordinators)} ${audit.length} entries`);
    }
    return out.join('; ');
  };
  const post = (person, path, form, { csrf = true } = {}) => request(P, {
    method: 'POST', path, headers: person ? cookieHeader(person.cookie) : {},
    body: { ...(person && csrf ? { csrf_token: person.csrf } : {}), ...form },
  });
  const add = (person, cid, email, opts) => post(person, `/compacts/${cid}/coordinators`, { email }, opts);
  const remove = (person, cid, email, opts) => post(person, `/compacts/${cid}/coordinators/remove`, { email }, opts);

  const before = await state();
  await test('homes: before, each Compact has the coordinator who added it', async () => {
    expect(before === `${A}: ["coorda@homes.test"] 1 entries; ${B}: ["coordb@homes.test"] 1 entries`, before);
  });

  // ---- refusals by object: nothing changes
  const refusals = [
    ['coordinator A adding coordinator B to Compact A, which A coordinates', () => add(who.coorda, A, who.coordb.email)],
    ['coordinator A adding themselves to Compact B', () => add(who.coorda, B, who.coorda.email)],
    ['coordinator B adding coordinator A to Compact B, which B coordinates', () => add(who.coordb, B, who.coorda.email)],
    ['coordinator A removing themselves from Compact A', () => remove(who.coorda, A, who.coorda.email)],
    ['coordinator A removing coordinator B from Compact B', () => remove(who.coorda, B, who.coordb.email)],
    ['a member adding coordinator A to Compact A', () => add(who.member, A, who.coorda.email)],
  ];
  for (const [name, call] of refusals) {
    await test(`homes: ${name} is refused (403) and changes nothing`, async () => {
      const r = await call();
      expect(r.status === 403, `${r.status} ${show(mainText(r.text), 300)}`);
      expect((await state()) === before, `changed: ${await state()}`);
    });
  }
  await test('homes: nobody signed in is sent to sign in (303) and nothing changes', async () => {
    const r = await add(null, A, who.coordb.email);
    expect(r.status === 303 && /^\/login\?/.test(r.headers.location || ''), `${r.status} ${r.headers.location}`);
    expect((await state()) === before, `changed: ${await state()}`);
  });
  await test('homes: an admin\'s post without its CSRF token is refused (403) and changes nothing', async () => {
    const r = await add(who.admin, A, who.coordb.email, { csrf: false });
    expect(r.status === 403, `${r.status}`);
    expect((await state()) === before, `changed: ${await state()}`);
  });
  await test('homes: the form to add a coordinator is the admin\'s: 200 for them, 403 for either coordinator', async () => {
    const path = `/compacts/${A}/coordinators/new`;
    const mine = await request(P, { path, headers: cookieHeader(who.admin.cookie) });
    const own = await request(P, { path, headers: cookieHeader(who.coorda.cookie) });
    const other = await request(P, { path: `/compacts/${B}/coordinators/new`, headers: cookieHeader(who.coorda.cookie) });
    expect(mine.status === 200 && mainText(mine.text).includes('Email address of their account'), `admin: ${mine.status}`);
    expect(own.status === 403 && other.status === 403, `coordinator: ${own.status}, ${other.status}`);
  });

  // ---- the admin's mistakes: the form again with its error summary, nothing changed
  const mistakes = [
    ['an unknown email', 'nobody@homes.test', 'No account has that email address'],
    ['a member\'s account', 'member@homes.test', 'That account is a member\'s, not a coordinator\'s'],
    ['an admin\'s account', 'admin@homes.test', 'That account is an admin\'s, not a coordinator\'s'],
    ['a disabled coordinator\'s account', 'gone@homes.test', 'That account is disabled'],
    ['a coordinator of it already (in capitals)', 'COORDA@homes.test', 'They coordinate this Compact already'],
    ['a malformed address', 'coordb at homes.test', 'Enter an email address in the correct format'],
    ['nothing', '', 'Enter the email address of a coordinator\'s account'],
  ];
  for (const [name, email, says] of mistakes) {
    await test(`homes: an admin adding ${name}: 400, the error summary says so, the answer is kept, nothing changes`, async () => {
      const r = await add(who.admin, A, email);
      const t = mainText(r.text);
      expect(r.status === 400 && r.text.includes('govuk-error-summary') && t.includes(says), `${r.status} ${show(t, 400)}`);
      expect(!email || r.text.includes(`value="${email}"`), 'the answer given is not shown again');
      expect(/<title>Error: /.test(r.text), 'the title does not start "Error: "');
      expect((await state()) === before, `changed: ${await state()}`);
    });
  }
  await test('homes: removing someone who does not coordinate the Compact: 400, nothing changes', async () => {
    const r = await remove(who.admin, A, who.coordb.email);
    expect(r.status === 400 && mainText(r.text).includes('does not coordinate this Compact'), `${r.status} ${show(mainText(r.text), 300)}`);
    expect((await state()) === before, `changed: ${await state()}`);
  });

  // ---- the admin adds and removes: stored as the API stores it, audited
  await test('homes: an admin adds coordinator B to Compact A: 303 back to its page, both coordinate it', async () => {
    const r = await add(who.admin, A, 'CoordB@Homes.test');
    expect(r.status === 303 && r.headers.location === `/compacts/${A}?done=coordinator-added#coordinators`, `${r.status} ${r.headers.location} ${show(mainText(r.text))}`);
    const e = json(await request(P, { path: `/api/v1/compacts/${A}`, headers: bearer(who.admin.token) }));
    expect(JSON.stringify(e.coordinators) === '["coorda@homes.test","coordb@homes.test"]', JSON.stringify(e.coordinators));
  });
  await test('homes: the change is one audit entry by the admin, before and after, as the API writes it', async () => {
    const audit = json(await request(P, { path: `/api/v1/audit?kind=compact&entity=${A}`, headers: bearer(who.admin.token) }));
    const last = audit.filter((x) => x.action === 'update');
    expect(audit.length === 2 && last.length === 1, `${audit.length} entries: ${show(JSON.stringify(audit), 400)}`);
    const me = json(await request(P, { path: '/api/v1/me', headers: bearer(who.admin.token) }));
    expect(last[0].actor === `user:${me.id}` && JSON.stringify(last[0].before.coordinators) === '["coorda@homes.test"]' &&
      JSON.stringify(last[0].after.coordinators) === '["coorda@homes.test","coordb@homes.test"]', show(JSON.stringify(last[0]), 400));
  });
  await test('homes: the Compact\'s page confirms it, and lists both with "Remove" for the admin', async () => {
    const r = await request(P, { path: `/compacts/${A}?done=coordinator-added`, headers: cookieHeader(who.admin.cookie) });
    const t = mainText(r.text);
    expect(r.status === 200 && r.text.includes('govuk-notification-banner--success') && t.includes('Coordinator added') &&
      t.includes('coorda@homes.test') && t.includes('coordb@homes.test') && (r.text.match(/>Remove</g) || []).length === 2 &&
      t.includes('Add a coordinator'), show(t, 600));
  });
  await test('homes: coordinator B now changes Compact A, and finds it on their home', async () => {
    const edit = await request(P, { path: `/compacts/${A}/edit`, headers: cookieHeader(who.coordb.cookie) });
    const home = mainText((await request(P, { path: '/', headers: cookieHeader(who.coordb.cookie) })).text);
    expect(edit.status === 200, `edit: ${edit.status}`);
    expect(home.includes('Your local Compacts') && home.includes('Homes Compact A') && home.includes('Homes Compact B') &&
      home.includes('You coordinate 2 local Compacts'), show(home, 600));
  });
  await test('homes: a coordinator sees who coordinates, without "Add a coordinator" or "Remove"', async () => {
    const r = await request(P, { path: `/compacts/${A}`, headers: cookieHeader(who.coordb.cookie) });
    const t = mainText(r.text);
    expect(t.includes('Coordinators') && t.includes('coorda@homes.test') && !t.includes('Add a coordinator') && !/>Remove</.test(r.text), show(t, 600));
  });
  await test('homes: a member and nobody do not see who coordinates', async () => {
    const m = await request(P, { path: `/compacts/${A}`, headers: cookieHeader(who.member.cookie) });
    const n = await request(P, { path: `/compacts/${A}` });
    expect(!m.text.includes('@homes.test') && !m.text.includes('id="coordinators"'), 'a member sees them');
    expect(!n.text.includes('@homes.test') && !n.text.includes('id="coordinators"'), 'nobody sees them');
  });
  await test('homes: an admin removes coordinator A from Compact A: they may no longer change it', async () => {
    const r = await remove(who.admin, A, who.coorda.email);
    expect(r.status === 303 && r.headers.location === `/compacts/${A}?done=coordinator-removed#coordinators`, `${r.status} ${r.headers.location}`);
    const e = json(await request(P, { path: `/api/v1/compacts/${A}`, headers: bearer(who.admin.token) }));
    expect(JSON.stringify(e.coordinators) === '["coordb@homes.test"]', JSON.stringify(e.coordinators));
    const edit = await request(P, { path: `/compacts/${A}/edit`, headers: cookieHeader(who.coorda.cookie) });
    expect(edit.status === 403, `coordinator A edits A: ${edit.status}`);
    const home = mainText((await request(P, { path: '/', headers: cookieHeader(who.coorda.cookie) })).text);
    expect(home.includes('You do not coordinate a local Compact yet') && !home.includes('Homes Compact A'), show(home, 400));
  });

  // ---- each role's home
  await test('homes: signing in lands on the home page, which is each role\'s own', async () => {
    const admin = mainText((await request(P, { path: '/', headers: cookieHeader(who.admin.cookie) })).text);
    const member = mainText((await request(P, { path: '/', headers: cookieHeader(who.member.cookie) })).text);
    const nobody = mainText((await request(P, { path: '/' })).text);
    expect(admin.includes('The national picture') && /Active 2\b/.test(admin), show(admin, 600));
    expect(member.includes('Your organisation') && member.includes('GB-CHC-7770001') && member.includes('Its activities') &&
      member.includes('Funding'), show(member, 600));
    expect(nobody.includes('Compact Hub') && nobody.includes('What you can do') && !nobody.includes('The national picture'), show(nobody, 300));
  });
}
