// Organisations end to end: every council of the reference data present, the API (list with
// search, filters and cursor; CSV; one; create; patch) with each kind of bad input, 409 and 404,
// who may do what, the pages (search, one, add and change with the error summary, CSRF), the
// audit trail, and `compact import organisations` (a bad row named by its line, nothing stored).
// Also exports json (a reply's JSON, or null) and sql (a query of the server's database).
//
//   import { organisationTests } from './organisations.mjs';
//   await organisationTests(BIN, report);   // report(name, ok, why)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql as runSql } from '../lib/db.mjs';
import { run } from '../lib/server.mjs';
import {
  addToken, addUser, bearer, cookieHeader, csrfOf, expect, newPassword, onServer, request, session, show,
} from './auth.mjs';

export function json(res) {
  try {
    return JSON.parse(res.text);
  } catch {
    return null;
  }
}

// The rows of query on db (an SQLite path or a PostgreSQL URL) as "a|b" lines, trimmed.
export async function sql(db, query) {
  const r = await runSql(db, query);
  expect(r.code === 0, `SQL: ${show(r.stderr)}`);
  return r.stdout.trim();
}

export async function organisationTests(BIN, report) {
  await onServer(BIN, report, 'organisations', (s, test) => tests(BIN, s, test));
}

async function tests(BIN, s, test) {
  const P = s.port;
  const who = {};
  const send = (method, path, token, body) => request(P, {
    method, path, headers: { ...(token ? bearer(token) : {}), 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const post = (token, body) => send('POST', '/api/v1/organisations', token, body);
  const patch = (token, ref, body) => send('PATCH', `/api/v1/organisations/${ref}`, token, body);
  const get = (path, headers = {}) => request(P, { path, headers });
  const total = async () => json(await get('/api/v1/organisations?limit=1')).total;

  const ready = await test('organisations: an admin, a coordinator and a member, with tokens', async () => {
    for (const [role, org] of [['admin'], ['coordinator'], ['member', 'GB-CHC-1111111']]) {
      const email = `${role}@org.test`;
      const password = newPassword(role);
      await addUser(BIN, s.dbPath, email, role, password, org);
      who[role] = { email, password, token: (await addToken(BIN, s.dbPath, email)).token };
    }
  });
  if (!ready) return;

  await test('organisations: every council of the reference data is an organisation (count equals authorities)', async () => {
    const authorities = Number(await sql(s.dbPath, 'SELECT count(*) FROM authority'));
    const r = json(await get('/api/v1/organisations?type=council&limit=1'));
    expect(authorities === 364 && r.total === authorities, `${r.total} councils, ${authorities} authorities`);
    const t = json(await get('/api/v1/organisations/GB-LAE-TRF'));
    expect(t.name === 'Trafford Metropolitan Borough Council' && t.gss === 'E08000009' && t.type === 'council' &&
      t.sector === 'statutory' && t.verified === true && t.ref === 'GB-LAE-TRF', show(JSON.stringify(t), 300));
  });

  await test('organisations: `compact init` again makes no second council', async () => {
    const r = await run(BIN, ['init', '--db', s.dbPath]);
    expect(r.code === 0, `exit ${r.code} ${show(r.stderr)}`);
    expect(json(await get('/api/v1/organisations?type=council&limit=1')).total === 364, 'not 364');
  });

  await test('organisations: the list pages with a cursor, by name, each organisation once', async () => {
    const a = json(await get('/api/v1/organisations?limit=3'));
    expect(a.items.length === 3 && typeof a.next === 'string', show(JSON.stringify(a), 300));
    const b = json(await get(`/api/v1/organisations?limit=3&cursor=${a.next}`));
    expect(b.items.length === 3 && b.total === a.total, show(JSON.stringify(b), 300));
    const names = [...a.items, ...b.items].map((o) => o.name.toLowerCase());
    expect(names.every((n, i) => i === 0 || names[i - 1] <= n), `not by name: ${names.join(' | ')}`);
    expect(new Set([...a.items, ...b.items].map((o) => o.id)).size === 6, 'an organisation twice');
    const last = json(await get('/api/v1/organisations?limit=1000'));
    expect(last.items.length === last.total && last.next === null, `${last.items.length} of ${last.total}, next ${last.next}`);
  });

  await test('organisations: q finds a part of the name in any case, or the start of an org-id', async () => {
    const byName = json(await get('/api/v1/organisations?q=tRaFfOrD'));
    expect(byName.total === 1 && byName.items[0].org_id === 'GB-LAE-TRF', show(JSON.stringify(byName), 200));
    const byId = json(await get('/api/v1/organisations?q=gb-lae-tr'));
    expect(byId.total >= 1 && byId.items.every((o) => o.org_id.startsWith('GB-LAE-TR')), show(JSON.stringify(byId), 200));
    const none = json(await get('/api/v1/organisations?q=%25'));
    expect(none.total === 0, `q=% matched ${none.total}`);
  });

  for (const [q, param] of [['limit=0', 'limit'], ['cursor=abc', 'cursor'], ['sector=third', 'sector'],
    ['type=club', 'type'], [`q=${'x'.repeat(101)}`, 'q']]) {
    await test(`organisations: a bad query (${q.slice(0, 20)}) is 400 naming ${param}`, async () => {
      const r = await get(`/api/v1/organisations?${q}`);
      expect(r.status === 400 && json(r)?.param === param && /problem\+json/.test(r.headers['content-type']),
        `${r.status} ${show(r.text)}`);
    });
  }

  let before;
  await test('organisations: an admin adds a charity by org-id (201 {"id": org-id})', async () => {
    before = await total();
    const r = await post(who.admin.token, { name: 'Trafford Community Voluntary Service', org_id: 'GB-CHC-1234567',
      type: 'vcs_infrastructure', website: 'https://cvs.example' });
    expect(r.status === 201 && json(r)?.id === 'GB-CHC-1234567', `${r.status} ${show(r.text)}`);
    const o = json(await get('/api/v1/organisations/gb-chc-1234567'));
    expect(o.sector === 'vcs' && o.website === 'https://cvs.example' && o.gss === null, show(JSON.stringify(o), 300));
  });

  let groupRef;
  await test('organisations: a coordinator adds a group without an org-id, named then by its number', async () => {
    const r = await post(who.coordinator.token, { name: 'Friends of Longford Park', type: 'community_group', sector: 'vcs' });
    groupRef = json(r)?.id;
    expect(r.status === 201 && /^\d+$/.test(groupRef), `${r.status} ${show(r.text)}`);
    const o = json(await get(`/api/v1/organisations/${groupRef}`));
    expect(o.name === 'Friends of Longford Park' && o.org_id === null && o.ref === groupRef, show(JSON.stringify(o), 300));
  });

  const bad = [
    ['an unknown GB-LAE code', { name: 'Nowhere Council', org_id: 'GB-LAE-QQQ', type: 'council' }, 400, 'org_id', /code of a council/],
    ['a malformed GB-CHC number', { name: 'X', org_id: 'GB-CHC-12', type: 'charity' }, 400, 'org_id', /5 to 8 digits/],
    ['a malformed GB-COH number', { name: 'X', org_id: 'GB-COH-1234', type: 'business' }, 400, 'org_id', /company number/],
    ['a type and sector that clash', { name: 'X', type: 'council', sector: 'vcs' }, 400, 'sector', /statutory/],
    ['a missing name', { type: 'charity' }, 400, 'name', /name/],
    ['an unknown type', { name: 'X', type: 'club' }, 400, 'type', /type/],
    ['a website that is not http(s)', { name: 'X', type: 'charity', website: 'javascript:alert(1)' }, 400, 'website', /https/],
    ['a field an organisation does not have', { name: 'X', type: 'charity', colour: 'red' }, 400, 'colour', /not a field/],
    ['a number for a name', { name: 5, type: 'charity' }, 400, 'name', /string/],
    ['a body that is not JSON', '{"name": ', 400, 'body', /JSON object/],
    ['an org-id already taken, in another case', { name: 'Again', org_id: 'gb-chc-1234567', type: 'charity' }, 400, 'org_id', /capital/],
    ['an org-id already taken', { name: 'Again', org_id: 'GB-CHC-1234567', type: 'charity' }, 409, 'org_id', /Another organisation/],
  ];
  for (const [name, body, status, param, says] of bad) {
    await test(`organisations: POST with ${name} is ${status} naming ${param}`, async () => {
      const r = await post(who.admin.token, body);
      const p = json(r);
      expect(r.status === status && p?.param === param && says.test(p.detail || ''), `${r.status} ${show(r.text, 300)}`);
    });
  }
  await test('organisations: none of the bad requests stored anything', async () => {
    const now = await total();
    expect(now === before + 2, `${now}, want ${before + 2}`);
    const audits = await sql(s.dbPath, "SELECT count(*) FROM audit WHERE kind = 'organisation' AND actor LIKE 'user:%'");
    expect(audits === '2', `${audits} audit entries by people`);
  });

  await test('organisations: GET and PATCH of an unknown organisation are 404', async () => {
    const a = await get('/api/v1/organisations/GB-CHC-999999');
    const b = await patch(who.admin.token, '999999', { name: 'X' });
    expect(a.status === 404 && b.status === 404 && json(a)?.param === 'id', `${a.status} ${b.status} ${show(a.text)}`);
  });

  await test('organisations: PATCH changes what it gives; a new type brings its sector', async () => {
    // a coordinator changes only what they added (or what signs their Compact: trust_policy.mjs)
    const refused = await patch(who.coordinator.token, 'GB-CHC-1234567', { type: 'social_enterprise', website: null });
    expect(refused.status === 403, `a coordinator, on what an admin added: ${refused.status} ${show(refused.text)}`);
    const r = await patch(who.admin.token, 'GB-CHC-1234567', { type: 'social_enterprise', website: null });
    const o = json(r);
    expect(r.status === 200 && o.type === 'social_enterprise' && o.sector === 'vcs' && o.website === null &&
      o.name === 'Trafford Community Voluntary Service', `${r.status} ${show(r.text, 300)}`);
    const e = await patch(who.admin.token, groupRef, {});
    expect(e.status === 200 && json(e).name === 'Friends of Longford Park', `empty patch: ${e.status}`);
    const own = await patch(who.coordinator.token, groupRef, { website: null });
    expect(own.status === 200 && json(own).name === 'Friends of Longford Park', `a coordinator, on theirs: ${own.status}`);
  });

  const badPatch = [
    ['a sector the type is not in', { sector: 'private' }, 400, 'sector'],
    ['a malformed GB-CHC number', { org_id: 'GB-CHC-1' }, 400, 'org_id'],
    ['an unknown council', { org_id: 'GB-LAE-QQQ', type: 'council' }, 400, 'org_id'],
    ['a null name', { name: null }, 400, 'name'],
    ['another\'s org-id', { org_id: 'GB-LAE-TRF', type: 'council' }, 409, 'org_id'],
  ];
  for (const [name, body, status, param] of badPatch) {
    await test(`organisations: PATCH with ${name} is ${status} naming ${param}, and changes nothing`, async () => {
      const was = (await get('/api/v1/organisations/GB-CHC-1234567')).text;
      const r = await patch(who.admin.token, 'GB-CHC-1234567', body);
      expect(r.status === status && json(r)?.param === param, `${r.status} ${show(r.text)}`);
      expect((await get('/api/v1/organisations/GB-CHC-1234567')).text === was, 'it changed');
    });
  }

  await test('organisations: the audit trail has the create and the change, with the state before and after', async () => {
    const rows = (await sql(s.dbPath, "SELECT action || '|' || actor || '|' || coalesce(before, '') || '|' || after FROM audit " +
      "WHERE kind = 'organisation' AND entity = 'GB-CHC-1234567' ORDER BY id")).split('\n');
    expect(rows.length === 2, `${rows.length} entries: ${show(rows.join(' / '), 400)}`);
    expect(/^create\|user:\d+\|\|\{.*"type":"vcs_infrastructure"/.test(rows[0]), show(rows[0], 300));
    expect(/^update\|user:\d+\|\{.*"website":"https:\/\/cvs\.example".*\}\|\{.*"type":"social_enterprise".*"website":null/.test(rows[1]),
      show(rows[1], 400));
  });

  await test('organisations: the same trail through the API, to anyone signed in, and the CLI', async () => {
    const r = await get('/api/v1/audit?kind=organisation&entity=GB-CHC-1234567', bearer(who.member.token));
    const entries = json(r);
    expect(r.status === 200 && Array.isArray(entries) && entries.length === 2 && entries[0].action === 'create' &&
      entries[1].action === 'update', `${r.status} ${show(r.text, 300)}`);
    const cli = await run(BIN, ['audit', '--entity', 'organisation/GB-CHC-1234567', '--format', 'json', '--db', s.dbPath]);
    expect(cli.code === 0 && JSON.parse(cli.stdout).length === 2, `exit ${cli.code} ${show(cli.stdout + cli.stderr, 300)}`);
    const page = await get('/history/organisation/GB-CHC-1234567');
    expect(page.status === 303, `the history page asks nobody to sign in: ${page.status}`);
  });

  await test('organisations: a member may not add or change (403); nobody is asked for a token (401)', async () => {
    const m1 = await post(who.member.token, { name: 'X', type: 'charity' });
    const m2 = await patch(who.member.token, 'GB-CHC-1234567', { name: 'X' });
    const p1 = await post(null, { name: 'X', type: 'charity' });
    const p2 = await patch(null, 'GB-CHC-1234567', { name: 'X' });
    expect(m1.status === 403 && m2.status === 403, `member: ${m1.status} ${m2.status}`);
    expect(p1.status === 401 && p2.status === 401 && /^Bearer/.test(p1.headers['www-authenticate']), `nobody: ${p1.status} ${p2.status}`);
    const r = await get('/api/v1/organisations/GB-CHC-1234567');
    expect(r.status === 200 && json(r).name === 'Trafford Community Voluntary Service', 'changed by a refused request');
  });

  await test('organisations: the CSV has a header and the matching rows', async () => {
    const r = await get('/api/v1/organisations.csv?sector=vcs');
    const lines = r.text.trim().split('\r\n');
    expect(r.status === 200 && /^text\/csv/.test(r.headers['content-type']), `${r.status} ${r.headers['content-type']}`);
    expect(lines[0] === 'id,org_id,name,sector,type,gss,website,verified' && lines.length === 3, show(r.text, 300));
    expect(lines.some((l) => /^\d+,,Friends of Longford Park,vcs,community_group,,,true$/.test(l)), show(r.text, 300));
    const bad = await get('/api/v1/organisations.csv?type=club');
    expect(bad.status === 400 && json(bad)?.param === 'type', `${bad.status}`);
  });

  await test('organisations: the list page searches, and escapes what it shows', async () => {
    const r = await get('/organisations?q=trafford');
    expect(r.status === 200 && r.text.includes('href="/organisations/GB-LAE-TRF"') &&
      r.text.includes('Trafford Community Voluntary Service') && r.text.includes('2 organisations'), `${r.status}`);
    const x = await get('/organisations?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(x.status === 200 && !x.text.includes('<script>alert') && x.text.includes('&lt;script&gt;'), 'not escaped');
    const p = await get('/organisations?type=council');
    expect(p.status === 200 && p.text.includes('href="/organisations?type=council&amp;page=2" rel="next"') &&
      p.text.includes('364 organisations'), 'no next page link');
    const e = await get('/organisations?sector=third');
    expect(e.status === 400 && e.text.includes('govuk-error-summary') && e.text.includes('href="#sector"'), `${e.status}`);
  });

  await test('organisations: an organisation\'s page shows it; an unknown one is 404', async () => {
    const r = await get('/organisations/gb-chc-1234567');
    expect(r.status === 200 && r.text.includes('govuk-summary-list') && r.text.includes('GB-CHC-1234567') &&
      r.text.includes('Social enterprise') && !r.text.includes('Change these details'), `${r.status}`);
    const n = await get(`/organisations/${groupRef}`);
    expect(n.status === 200 && n.text.includes('Friends of Longford Park'), `${n.status}`);
    const missing = await get('/organisations/GB-CHC-999999');
    expect(missing.status === 404, `${missing.status}`);
  });

  let coord;
  await test('organisations: the add and change forms are for admins and coordinators', async () => {
    coord = await session(P, who.coordinator.email, who.coordinator.password);
    const mem = await session(P, who.member.email, who.member.password);
    const nobody = await get('/organisations/new');
    const member = await get('/organisations/new', cookieHeader(mem.cookie));
    const mine = await get('/organisations/new', cookieHeader(coord.cookie));
    expect(nobody.status === 303 && /^\/login\?next=/.test(nobody.headers.location), `nobody: ${nobody.status}`);
    expect(member.status === 403, `member: ${member.status}`);
    expect(mine.status === 200 && mine.text.includes('name="org_id"') && csrfOf(mine.text), `coordinator: ${mine.status}`);
    const page = await get(`/organisations/${groupRef}`, cookieHeader(coord.cookie));
    expect(page.text.includes(`href="/organisations/${groupRef}/edit"`), 'no change button for a coordinator on theirs');
    const admins = await get('/organisations/GB-CHC-1234567', cookieHeader(coord.cookie));
    expect(admins.status === 200 && !admins.text.includes('Change these details'), 'a change button on what an admin added');
  });

  await test('organisations: adding with mistakes shows the error summary and keeps the values', async () => {
    const count = await total();
    const r = await request(P, { method: 'POST', path: '/organisations', headers: cookieHeader(coord.cookie),
      body: { csrf_token: coord.csrf, name: 'Sale <Food> Bank', org_id: 'GB-CHC-12', type: 'charity', sector: 'private', website: '' } });
    expect(r.status === 400 && r.text.includes('govuk-error-summary') && r.text.includes('href="#org_id"') &&
      r.text.includes('href="#sector"') && r.text.includes('value="Sale &lt;Food&gt; Bank"') &&
      r.text.includes('value="GB-CHC-12"') && /<title>Error: /.test(r.text), `${r.status} ${show(r.text.slice(0, 300))}`);
    expect(await total() === count, 'stored');
    const taken = await request(P, { method: 'POST', path: '/organisations', headers: cookieHeader(coord.cookie),
      body: { csrf_token: coord.csrf, name: 'Sale Food Bank', org_id: 'GB-CHC-1234567', type: 'charity' } });
    expect(taken.status === 400 && taken.text.includes('Another organisation in the register has this org-id'), `${taken.status}`);
    const good = await request(P, { method: 'POST', path: '/organisations', headers: cookieHeader(coord.cookie),
      body: { csrf_token: coord.csrf, name: 'Sale Food Bank', org_id: 'GB-CHC-7654321', type: 'charity', sector: '', website: 'https://food.example' } });
    expect(good.status === 303 && good.headers.location === '/organisations/GB-CHC-7654321', `${good.status} ${good.headers.location}`);
    const noCsrf = await request(P, { method: 'POST', path: '/organisations', headers: cookieHeader(coord.cookie),
      body: { name: 'Sneaky', type: 'charity' } });
    expect(noCsrf.status === 403 && await total() === count + 1, `without the CSRF token: ${noCsrf.status}`);
  });

  await test('organisations: changing through the form, with a mistake first', async () => {
    const form = await get('/organisations/GB-CHC-7654321/edit', cookieHeader(coord.cookie));
    expect(form.status === 200 && form.text.includes('value="Sale Food Bank"') && form.text.includes('value="https://food.example"'),
      `${form.status}`);
    const body = { csrf_token: coord.csrf, name: '', org_id: 'GB-CHC-7654321', type: 'charity', sector: '', website: '' };
    const bad = await request(P, { method: 'POST', path: '/organisations/GB-CHC-7654321', headers: cookieHeader(coord.cookie), body });
    expect(bad.status === 400 && bad.text.includes('href="#name"'), `${bad.status}`);
    body.name = 'Sale and Altrincham Food Bank';
    const good = await request(P, { method: 'POST', path: '/organisations/GB-CHC-7654321', headers: cookieHeader(coord.cookie), body });
    expect(good.status === 303 && good.headers.location === '/organisations/GB-CHC-7654321', `${good.status}`);
    const o = json(await get('/api/v1/organisations/GB-CHC-7654321'));
    expect(o.name === 'Sale and Altrincham Food Bank' && o.website === null, show(JSON.stringify(o), 300));
    const missing = await request(P, { method: 'POST', path: '/organisations/GB-CHC-999999', headers: cookieHeader(coord.cookie), body });
    expect(missing.status === 404, `an unknown one: ${missing.status}`);
  });

  await test('organisations: `compact import organisations` reports a bad row by its line and stores nothing', async () => {
    const file = join(s.dir, 'bad.csv');
    writeFileSync(file, 'org_id,name,type,sector,website\n' +
      'GB-CHC-2222222,Altrincham Youth Trust,charity,,\n' +
      'GB-CHC-33,Short Number Trust,charity,,\n' +
      'GB-COH-SC123456,"Acme, Ltd",business,private,https://acme.example\n');
    const count = await total();
    const r = await run(BIN, ['import', 'organisations', file, '--db', s.dbPath]);
    expect(r.code === 1 && r.stderr.includes(`${file}:3: org_id: GB-CHC- must be followed`), `exit ${r.code}: ${show(r.stderr, 300)}`);
    expect(!r.stderr.includes(`${file}:2:`) && !r.stderr.includes(`${file}:4:`), `good rows reported: ${show(r.stderr, 300)}`);
    expect(await total() === count, 'something was stored');
  });

  await test('organisations: `compact import organisations` stores a good file whole', async () => {
    const file = join(s.dir, 'good.csv');
    writeFileSync(file, 'name,type,org_id\n' +
      'Altrincham Youth Trust,charity,GB-CHC-2222222\n' +
      '"Acme, Ltd",business,GB-COH-SC123456\n');
    const count = await total();
    const r = await run(BIN, ['import', 'organisations', file, '--db', s.dbPath]);
    expect(r.code === 0 && /imported 2 organisations/.test(r.stdout), `exit ${r.code}: ${show(r.stdout + r.stderr)}`);
    expect(await total() === count + 2, 'not stored');
    const o = json(await get('/api/v1/organisations/GB-COH-SC123456'));
    expect(o.name === 'Acme, Ltd' && o.sector === 'private', show(JSON.stringify(o)));
    const again = await run(BIN, ['import', 'organisations', file, '--db', s.dbPath]);
    expect(again.code === 1 && again.stderr.includes(`${file}:2: org_id: another organisation`) &&
      again.stderr.includes(`${file}:3: org_id: another organisation`), `again: exit ${again.code} ${show(again.stderr, 300)}`);
    const usage = await run(BIN, ['import', 'widgets', file, '--db', s.dbPath]);
    expect(usage.code === 2 && /unknown import command 'widgets'/.test(usage.stderr), `an unknown kind: exit ${usage.code}`);
  });
}
