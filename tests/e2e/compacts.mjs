// The local Compact as a register entry: the API (list, the whole entry, PATCH, status), bad
// input answered 400 naming the field with nothing stored, 403 and 404, former GSS codes, the
// audit trail, `compact import compacts` (every bad line, nothing stored), `compact export`,
// `compact demo load` (once), a fresh database holding reference data only, and the pages.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from '../lib/db.mjs';
import { run, startServer } from '../lib/server.mjs';
import { addToken, addUser, bearer, cookieHeader, csrfOf, expect, newPassword, request, session, show, tester } from './auth.mjs';

const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;

function api(port, token, method, path, obj) {
  const headers = { ...bearer(token) };
  if (obj !== undefined) headers['Content-Type'] = 'application/json';
  return request(port, { method, path, headers, body: obj === undefined ? undefined : typeof obj === 'string' ? obj : JSON.stringify(obj) });
}

function json(r) {
  try {
    return JSON.parse(r.text);
  } catch {
    throw new Error(`not JSON (${r.status}): ${show(r.text)}`);
  }
}

const TRAFFORD = {
  name: 'Trafford Compact', authorities: ['E08000009'], status: 'active', status_date: '2010-04-01',
  adopted: '2010-04-01', document_url: 'https://example.org/trafford.pdf',
  contacts: [{ name: 'Alex Example', role: 'Coordinator', email: 'alex@example.org' }],
};

export async function compactTests(BIN, report) {
  const test = tester(report);
  let s;
  const ok = await test('compacts: a server starts', async () => {
    s = await startServer(BIN, { threads: 2 });
  });
  if (!ok) return;
  try {
    await register(BIN, s, test);
  } finally {
    const code = await s.stop();
    report('compacts: the server stops on SIGTERM with exit code 0', code === 0, `exit ${code}`);
    report('compacts: no sanitizer report', !SANITIZER_REPORT.test(s.logs()), show(s.logs().slice(-600), 600));
  }
}

async function register(BIN, s, test) {
  const P = s.port;
  const T = {};
  const pw = {};
  let trafford, herts, coordOwn;

  await test('compacts: a fresh database holds reference data only (no Compacts, no organisations but the councils)', async () => {
    const r = await sql(s.dbPath, 'SELECT (SELECT count(*) FROM compact), (SELECT count(*) FROM organisation WHERE type <> \'council\'), ' +
      'CASE WHEN (SELECT count(*) FROM organisation) = (SELECT count(*) FROM authority) THEN 1 ELSE 0 END, (SELECT count(*) FROM signatory), ' +
      'CASE WHEN (SELECT count(*) FROM authority) > 300 THEN 1 ELSE 0 END');
    expect(r.code === 0 && r.stdout.trim() === '0|0|1|0|1', `${show(r.stdout + r.stderr)}`);
    const list = json(await request(P, { path: '/api/v1/compacts' }));
    expect(list.total === 0 && list.items.length === 0 && list.next === null, show(JSON.stringify(list)));
  });

  await test('compacts: users of each role with tokens', async () => {
    for (const role of ['admin', 'coordinator', 'member']) {
      pw[role] = newPassword(role);
      await addUser(BIN, s.dbPath, `${role}@reg.test`, role, pw[role], role === 'member' ? 'GB-CHC-1' : undefined);
      T[role] = (await addToken(BIN, s.dbPath, `${role}@reg.test`)).token;
    }
    pw.other = newPassword('other');
    await addUser(BIN, s.dbPath, 'other@reg.test', 'coordinator', pw.other);
    T.other = (await addToken(BIN, s.dbPath, 'other@reg.test')).token;
  });

  await test('compacts: POST with the optional fields (201) and GET the whole entry', async () => {
    const r = await api(P, T.admin, 'POST', '/api/v1/compacts', TRAFFORD);
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    trafford = json(r).id;
    const g = await request(P, { path: `/api/v1/compacts/${trafford}` });
    const e = json(g);
    expect(g.status === 200 && e.name === 'Trafford Compact' && e.status === 'active' && e.status_since === '2010-04-01',
      show(g.text, 300));
    expect(e.adopted === '2010-04-01' && e.review_due === '2016-04-01' && e.review_due_set === false && e.review_overdue === true,
      `review: ${show(JSON.stringify([e.adopted, e.review_due, e.review_due_set, e.review_overdue]))}`);
    expect(e.document_url === TRAFFORD.document_url && e.contacts.length === 1 && e.contacts[0].email === 'alex@example.org',
      show(JSON.stringify(e.contacts)));
    expect(e.authorities.length === 1 && e.authorities[0].gss === 'E08000009' && e.authorities[0].name === 'Trafford',
      show(JSON.stringify(e.authorities)));
    expect(e.parameters.notice_months.value === 3 && e.parameters.notice_months.source === 'default' &&
      e.parameters.min_tender_days.value === null, show(JSON.stringify(e.parameters)));
    expect(Array.isArray(e.codes) && e.codes.length === 0 && e.demo === false, show(g.text, 300));
    expect(!('coordinators' in e) || e.coordinators.length === 0, 'coordinators shown to nobody');
  });

  await test('compacts: a former GSS code is an alias (E07000100 is St Albans, now E07000240)', async () => {
    const r = await api(P, T.admin, 'POST', '/api/v1/compacts',
      { name: 'Hertfordshire Compact', authorities: ['E10000015', 'E07000100'], status: 'in_development', status_date: '2011-01-01' });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    herts = json(r).id;
    const e = json(await request(P, { path: `/api/v1/compacts/${herts}` }));
    expect(e.authorities.map((a) => a.gss).sort().join() === 'E07000240,E10000015', show(JSON.stringify(e.authorities)));
    expect(e.districts_through_county.length >= 9, `${e.districts_through_county.length} districts through Hertfordshire`);
    const byOld = json(await request(P, { path: '/api/v1/compacts?authority=E07000100' }));
    expect(byOld.total === 1 && byOld.items[0].id === herts, show(JSON.stringify(byOld)));
    const byQ = json(await request(P, { path: '/api/v1/compacts?q=E07000100' }));
    expect(byQ.total === 1 && byQ.items[0].id === herts, show(JSON.stringify(byQ)));
    // a district covered through its county: Dacorum (E07000096) is in Hertfordshire
    const byDistrict = json(await request(P, { path: '/api/v1/compacts?authority=E07000096' }));
    expect(byDistrict.total === 1 && byDistrict.items[0].id === herts, show(JSON.stringify(byDistrict)));
  });

  const countAudit = async () => {
    const r = await sql(s.dbPath, "SELECT count(*) FROM audit WHERE kind = 'compact'");
    return Number(r.stdout.trim());
  };
  const countCompacts = async () => {
    const r = await sql(s.dbPath, 'SELECT count(*) FROM compact');
    return Number(r.stdout.trim());
  };

  const badCreate = [
    ['an unknown GSS code', { ...TRAFFORD, authorities: ['E08000009', 'E08999999'] }, 'authorities.1'],
    ['a review due later than allowed', { ...TRAFFORD, review_due: '2016-04-02' }, 'review_due'],
    ['a document link that is not http(s)', { ...TRAFFORD, document_url: 'ftp://example.org/x' }, 'document_url'],
    ['a contact with a bad email', { ...TRAFFORD, contacts: [{ name: 'A', email: 'nope' }] }, 'contacts.0.email'],
    ['a contact with no name', { ...TRAFFORD, contacts: [{ email: 'a@example.org' }] }, 'contacts.0.name'],
    ['refreshed before adopted', { ...TRAFFORD, refreshed: '2009-01-01' }, 'refreshed'],
    ['an impossible adopted date', { ...TRAFFORD, adopted: '2010-02-30' }, 'adopted'],
  ];
  for (const [what, body, param] of badCreate) {
    await test(`compacts: POST with ${what}: 400 naming ${param}, nothing stored`, async () => {
      const [a0, c0] = [await countAudit(), await countCompacts()];
      const r = await api(P, T.admin, 'POST', '/api/v1/compacts', body);
      const p = json(r);
      expect(r.status === 400 && p.param === param && /problem\+json/.test(r.headers['content-type']), `${r.status} ${show(r.text)}`);
      expect(await countAudit() === a0 && await countCompacts() === c0, 'something was stored');
    });
  }

  await test('compacts: a coordinator creates a Compact and so coordinates it', async () => {
    const r = await api(P, T.coordinator, 'POST', '/api/v1/compacts',
      { name: 'Coordinated Compact', authorities: ['E08000003'], status: 'active', status_date: '2015-01-01' });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    coordOwn = json(r).id;
    const e = json(await api(P, T.admin, 'GET', `/api/v1/compacts/${coordOwn}`));
    expect(JSON.stringify(e.coordinators) === '["coordinator@reg.test"]', show(JSON.stringify(e.coordinators)));
    const p = await api(P, T.coordinator, 'PATCH', `/api/v1/compacts/${coordOwn}`, { refreshed: '2018-01-01' });
    expect(p.status === 200 && json(p).refreshed === '2018-01-01' && json(p).review_due === '2024-01-01', `${p.status} ${show(p.text)}`);
  });

  await test('compacts: PATCH changes the entry and the audit says before and after', async () => {
    const body = {
      name: 'Trafford Compact (2014)', refreshed: '2014-04-01', review_due: '2019-04-01',
      contacts: [{ name: 'Sam Sample', email: 'sam@example.org', phone: '0161 000 0000' }],
      codes: { add: [{ title: 'Funding code', summary: 'Notice first.', url: 'https://example.org/f' }, { title: 'Consultation code' }] },
      coordinators: ['other@reg.test'],
    };
    const r = await api(P, T.admin, 'PATCH', `/api/v1/compacts/${trafford}`, body);
    const e = json(r);
    expect(r.status === 200 && e.name === body.name && e.refreshed === '2014-04-01' && e.review_due === '2019-04-01' &&
      e.review_due_set === true, `${r.status} ${show(r.text, 400)}`);
    expect(e.contacts.length === 1 && e.contacts[0].name === 'Sam Sample' && e.codes.length === 2 &&
      e.codes[0].title === 'Funding code' && JSON.stringify(e.coordinators) === '["other@reg.test"]', show(r.text, 600));
    const audit = json(await api(P, T.admin, 'GET', `/api/v1/audit?kind=compact&entity=${trafford}`));
    const last = audit[audit.length - 1];
    expect(audit.length === 2 && last.action === 'update' && last.before.name === 'Trafford Compact' &&
      last.after.name === body.name && last.before.contacts[0].name === 'Alex Example' && last.after.codes.length === 2,
      show(JSON.stringify(last), 500));
  });

  await test('compacts: PATCH replaces and removes codes of practice by id', async () => {
    const e0 = json(await request(P, { path: `/api/v1/compacts/${trafford}` }));
    const [a, b] = e0.codes;
    const r = await api(P, T.admin, 'PATCH', `/api/v1/compacts/${trafford}`,
      { codes: { replace: [{ id: a.id, title: 'Funding code (2015)' }], remove: [b.id] } });
    const e = json(r);
    expect(r.status === 200 && e.codes.length === 1 && e.codes[0].id === a.id && e.codes[0].title === 'Funding code (2015)' &&
      e.codes[0].url === null, `${r.status} ${show(r.text, 400)}`);
  });

  await test('compacts: an empty PATCH answers the entry and writes no audit entry', async () => {
    const a0 = await countAudit();
    const r = await api(P, T.admin, 'PATCH', `/api/v1/compacts/${trafford}`, {});
    expect(r.status === 200 && json(r).id === trafford && await countAudit() === a0, `${r.status} ${show(r.text)}`);
  });

  const badPatch = [
    ['an unknown GSS code', { authorities: ['E08999999'] }, 'authorities.0'],
    ['a Welsh code', { authorities: ['E08000009', 'W06000015'] }, 'authorities.1'],
    ['no authorities', { authorities: [] }, 'authorities'],
    ['a review due later than allowed', { review_due: '2020-04-02' }, 'review_due'],
    ['a document link without http(s)', { document_url: 'example.org/compact.pdf' }, 'document_url'],
    ['a contact with a bad email', { contacts: [{ name: 'A', email: 'a@' }] }, 'contacts.0.email'],
    ['a code with a bad link', { codes: { add: [{ title: 'X', url: 'javascript:alert(1)' }] } }, 'codes.add.0.url'],
    ['a code of another Compact', { codes: { remove: [999999] } }, 'codes.remove.0'],
    ['a code replaced that is not there', { codes: { replace: [{ id: 999999, title: 'X' }] } }, 'codes.replace.0.id'],
    ['an unknown coordinator', { coordinators: ['nobody@reg.test'] }, 'coordinators.0'],
    ['a member as coordinator', { coordinators: ['member@reg.test'] }, 'coordinators.0'],
    ['a field that is not there', { colour: 'blue' }, 'colour'],
    ['a body that is not JSON', '{"name": ', 'body'],
  ];
  for (const [what, body, param] of badPatch) {
    await test(`compacts: PATCH with ${what}: 400 naming ${param}, nothing stored`, async () => {
      const before = (await request(P, { path: `/api/v1/compacts/${trafford}` })).text;
      const a0 = await countAudit();
      const r = await api(P, T.admin, 'PATCH', `/api/v1/compacts/${trafford}`, body);
      const p = json(r);
      expect(r.status === 400 && p.param === param, `${r.status} ${show(r.text)}`);
      const after = (await request(P, { path: `/api/v1/compacts/${trafford}` })).text;
      expect(after === before && await countAudit() === a0, 'the entry or the audit changed');
    });
  }

  await test('compacts: a coordinator may not change coordinators (400 naming coordinators)', async () => {
    const r = await api(P, T.coordinator, 'PATCH', `/api/v1/compacts/${coordOwn}`, { coordinators: ['other@reg.test'] });
    expect(r.status === 400 && json(r).param === 'coordinators', `${r.status} ${show(r.text)}`);
  });

  await test('compacts: a coordinator of another Compact gets 403 (PATCH and status); a member 403', async () => {
    const p = await api(P, T.coordinator, 'PATCH', `/api/v1/compacts/${trafford}`, { name: 'Mine now' });
    const st = await api(P, T.coordinator, 'POST', `/api/v1/compacts/${trafford}/status`, { status: 'inactive', date: '2030-01-01' });
    const m = await api(P, T.member, 'PATCH', `/api/v1/compacts/${trafford}`, { name: 'Mine now' });
    expect(p.status === 403 && st.status === 403 && m.status === 403 && /problem\+json/.test(p.headers['content-type']),
      `coordinator ${p.status}/${st.status}, member ${m.status}`);
    const o = await api(P, T.other, 'PATCH', `/api/v1/compacts/${trafford}`, { document_url: null });
    expect(o.status === 200 && json(o).document_url === null, `its own coordinator: ${o.status} ${show(o.text)}`);
  });

  await test('compacts: 404 for a Compact that is not there (GET, PATCH, status), before 403', async () => {
    const g = await request(P, { path: '/api/v1/compacts/999999' });
    const p = await api(P, T.coordinator, 'PATCH', '/api/v1/compacts/999999', { name: 'x' });
    const st = await api(P, T.admin, 'POST', '/api/v1/compacts/999999/status', { status: 'active', date: '2020-01-01' });
    const bad = await request(P, { path: '/api/v1/compacts/abc' });
    expect(g.status === 404 && p.status === 404 && st.status === 404 && bad.status === 404 && json(g).param === 'id',
      `${g.status} ${p.status} ${st.status} ${bad.status}`);
  });

  await test('compacts: POST status adds to the history (201) and is audited', async () => {
    const r = await api(P, T.admin, 'POST', `/api/v1/compacts/${herts}/status`, { status: 'active', date: '2012-05-01' });
    const e = json(r);
    expect(r.status === 201 && e.status === 'active' && e.status_since === '2012-05-01' && e.statuses.length === 2, `${r.status} ${show(r.text, 300)}`);
    const audit = json(await api(P, T.admin, 'GET', `/api/v1/audit?kind=compact&entity=${herts}`));
    const last = audit[audit.length - 1];
    expect(last.action === 'status' && last.before.statuses.length === 1 && last.after.statuses[1].date === '2012-05-01', show(JSON.stringify(last), 400));
  });

  for (const [what, body, param] of [
    ['a date out of order (before the last)', { status: 'inactive', date: '2012-04-30' }, 'date'],
    ['a date equal to the last', { status: 'inactive', date: '2012-05-01' }, 'date'],
    ['an unknown status', { status: 'paused', date: '2013-01-01' }, 'status'],
    ['an impossible date', { status: 'inactive', date: '2013-02-29' }, 'date'],
    ['no body', undefined, 'body'],
  ]) {
    await test(`compacts: POST status with ${what}: 400 naming ${param}, nothing stored`, async () => {
      const before = (await request(P, { path: `/api/v1/compacts/${herts}` })).text;
      const a0 = await countAudit();
      const r = await api(P, T.admin, 'POST', `/api/v1/compacts/${herts}/status`, body);
      expect(r.status === 400 && json(r).param === param, `${r.status} ${show(r.text)}`);
      expect((await request(P, { path: `/api/v1/compacts/${herts}` })).text === before && await countAudit() === a0, 'something changed');
    });
  }

  await test('compacts: the list filters by status, region and overdue, and pages by cursor', async () => {
    const all = json(await request(P, { path: '/api/v1/compacts' }));
    expect(all.total === 3 && all.items.length === 3, show(JSON.stringify(all), 400));
    const active = json(await request(P, { path: '/api/v1/compacts?status=active' }));
    expect(active.total === 3, `active ${active.total}`);
    const nw = json(await request(P, { path: '/api/v1/compacts?region=north-west' }));
    expect(nw.total === 2 && nw.items.every((i) => i.id !== herts), show(JSON.stringify(nw)));
    const overdue = json(await request(P, { path: '/api/v1/compacts?overdue=true' }));
    // Trafford's review was due 2019-04-01; the coordinator's Compact, refreshed 2018-01-01, was
    // due 2024-01-01; Hertfordshire has no adoption date, so no review date.
    expect(overdue.items.map((i) => i.id).sort().join() === [trafford, coordOwn].sort().join() &&
      overdue.items.every((i) => i.review_overdue === true), show(JSON.stringify(overdue)));
    const q = json(await request(P, { path: '/api/v1/compacts?q=traff' }));
    expect(q.total === 1 && q.items[0].id === trafford, show(JSON.stringify(q)));
    const p1 = json(await request(P, { path: '/api/v1/compacts?limit=2' }));
    expect(p1.total === 3 && p1.items.length === 2 && p1.next === String(p1.items[1].id), show(JSON.stringify(p1)));
    const p2 = json(await request(P, { path: `/api/v1/compacts?limit=2&cursor=${p1.next}` }));
    expect(p2.items.length === 1 && p2.next === null && p2.items[0].id > p1.items[1].id, show(JSON.stringify(p2)));
  });

  for (const [q, param] of [['status=paused', 'status'], ['region=mars', 'region'], ['authority=E99999999', 'authority'],
    ['overdue=yes', 'overdue'], ['limit=0', 'limit'], ['cursor=x', 'cursor']]) {
    await test(`compacts: the list refuses ${q} (400 naming ${param})`, async () => {
      const r = await request(P, { path: `/api/v1/compacts?${q}` });
      expect(r.status === 400 && json(r).param === param, `${r.status} ${show(r.text)}`);
    });
  }

  await test('compacts: `compact import compacts` reports every bad line and stores nothing', async () => {
    const file = join(s.dir, 'bad.csv');
    writeFileSync(file, 'name,authorities,status,status_date,adopted,refreshed,document_url\n' +
      'Wigan Compact,E08000010,active,2011-01-01,2011-01-01,,https://example.org/w.pdf\n' +
      'Nowhere Compact,E08999999,active,2011-01-01,,,\n' +
      'Bad status,E08000010,paused,2011-13-01,,,\n' +
      '"Two, areas",E08000010;E07000100,in_development,2011-01-01,2012-01-01,2011-01-01,ftp://x\n');
    const c0 = await countCompacts();
    const r = await run(BIN, ['import', 'compacts', file, '--db', s.dbPath]);
    expect(r.code === 1 && /nothing was imported/.test(r.stderr), `exit ${r.code}; ${show(r.stderr)}`);
    for (const want of [/:3: no English principal authority has the GSS code 'E08999999'/, /:4: status 'paused'/,
      /:4: status_date/, /:5: refreshed must not be before adopted/]) {
      expect(want.test(r.stderr), `${want} not in ${show(r.stderr, 600)}`);
    }
    expect(!/:2: /.test(r.stderr) && await countCompacts() === c0, 'a good line reported, or something stored');
  });

  await test('compacts: `compact import compacts` stores a good file in one go, audited', async () => {
    const file = join(s.dir, 'good.csv');
    writeFileSync(file, 'name,authorities,status,status_date,adopted,refreshed,document_url\n' +
      'Wigan Compact,E08000010,active,2011-01-01,2011-01-01,,https://example.org/w.pdf\n' +
      'St Albans Compact,E07000100,inactive,2009-01-01,,,\n');
    const r = await run(BIN, ['import', 'compacts', file, '--db', s.dbPath]);
    expect(r.code === 0 && /imported 2 compacts/.test(r.stdout), `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
    const list = json(await request(P, { path: '/api/v1/compacts?q=St%20Albans' }));
    expect(list.items.some((i) => i.name === 'St Albans Compact' && i.status === 'inactive'), show(JSON.stringify(list)));
    const a = await sql(s.dbPath, "SELECT count(*) FROM audit WHERE kind = 'compact' AND actor = 'cli' AND action = 'create'");
    expect(a.stdout.trim() === '2', `cli audit entries ${a.stdout}`);
  });

  await test('compacts: `compact demo load` loads a labelled fictional set once', async () => {
    const r = await run(BIN, ['demo', 'load', '--db', s.dbPath]);
    expect(r.code === 0 && /loaded the demo set: 12/.test(r.stdout), `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
    const again = await run(BIN, ['demo', 'load', '--db', s.dbPath]);
    expect(again.code === 1 && /loaded already/.test(again.stderr), `second time: exit ${again.code}; ${show(again.stderr)}`);
    const one = (cond) => `sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
    const q = await sql(s.dbPath, `SELECT count(*), sum(demo), ${one("name LIKE '%(demo)'")}, count(DISTINCT (SELECT status FROM compact_status WHERE compact_id = compact.id ORDER BY date DESC LIMIT 1)) FROM compact WHERE demo = 1; ` +
      `SELECT count(*), ${one("name LIKE '%(demo)'")}, ${one('org_id IS NULL')} FROM organisation WHERE type <> 'council'; SELECT count(*) FROM signatory; ` +
      "SELECT count(*) FROM compact_contact WHERE email NOT LIKE '%@example.org'");
    const lines = q.stdout.trim().split('\n');
    expect(lines[0] === '12|12|12|3', `Compacts ${lines[0]}`);
    expect(/^([1-9]\d*)\|\1\|\1$/.test(lines[1]) && Number(lines[2]) >= 5 && lines[3] === '0', show(q.stdout));
    const overdue = json(await request(P, { path: '/api/v1/compacts?overdue=true&q=(demo)' }));
    expect(overdue.total >= 2 && overdue.items.every((i) => i.demo), `demo overdue ${overdue.total}`);
  });

  await test('compacts: `compact export` writes the whole register as JSON', async () => {
    const out = join(s.dir, 'register.json');
    const r = await run(BIN, ['export', '--out', out, '--db', s.dbPath]);
    expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
    const stdout = await run(BIN, ['export', '--db', s.dbPath]);
    const doc = JSON.parse(stdout.stdout);
    expect(['authorities', 'organisations', 'compacts', 'signatories'].every((k) => Array.isArray(doc[k])), Object.keys(doc).join());
    const t = doc.compacts.find((c) => c.id === trafford);
    expect(t && t.name === 'Trafford Compact (2014)' && t.codes.length === 1 && t.contacts[0].email === 'sam@example.org' &&
      t.statuses[0].status === 'active' && t.refreshed === '2014-04-01' && JSON.stringify(t.coordinators) === '["other@reg.test"]',
      show(JSON.stringify(t), 400));
    const stA = doc.authorities.find((a) => a.gss === 'E07000240');
    expect(stA && stA.former_codes.includes('E07000100'), show(JSON.stringify(stA)));
    expect(doc.signatories.length >= 5 && doc.signatories.every((x) => x.compact_id && x.signed_on && x.role), 'signatories');
    expect(doc.organisations.length >= 5 && doc.compacts.length === await countCompacts(), 'counts');
  });

  await test('compacts: the pages list, show and mark demo and overdue Compacts', async () => {
    const list = await request(P, { path: '/compacts?overdue=true' });
    expect(list.status === 200 && list.text.includes('Trafford Compact (2014)') && list.text.includes('>Overdue</strong>'), `${list.status}`);
    const page = await request(P, { path: `/compacts/${trafford}` });
    expect(page.status === 200 && page.text.includes('Funding code (2015)') && page.text.includes('Sam Sample') &&
      page.text.includes('Local parameters') && !page.text.includes('This is demonstration data') && !page.text.includes('>Change<'),
      `${page.status} ${show(page.text.slice(page.text.indexOf('<main'), page.text.indexOf('<main') + 600), 600)}`);
    const demo = json(await request(P, { path: '/api/v1/compacts?q=Kent' })).items[0];
    const dp = await request(P, { path: `/compacts/${demo.id}` });
    expect(dp.status === 200 && dp.text.includes('This is demonstration data'), `${dp.status}`);
    const authority = await request(P, { path: '/authorities/E07000096' });
    expect(authority.status === 200 && authority.text.includes('Local Compact</h2>') && authority.text.includes(`/compacts/${herts}`) &&
      authority.text.includes('through its county'), show(authority.text.slice(authority.text.indexOf('Local Compact</h2>'), authority.text.indexOf('Local Compact</h2>') + 400), 400));
    const none = await request(P, { path: '/compacts/999999' });
    expect(none.status === 404, `missing: ${none.status}`);
  });

  await test('compacts: forms: an unknown authority is named in the error summary; fixed, it is created', async () => {
    const a = await session(P, 'admin@reg.test', pw.admin);
    const form = await request(P, { path: '/compacts/new', headers: cookieHeader(a.cookie) });
    expect(form.status === 200 && form.text.includes('Add a local Compact'), `${form.status}`);
    const csrf = csrfOf(form.text);
    const body = { csrf_token: csrf, name: 'Bolton Compact', authorities: 'Bolton\nNowhereshire\nE08999999', status: 'active',
      'status_date-day': '1', 'status_date-month': '4', 'status_date-year': '2012' };
    const bad = await request(P, { method: 'POST', path: '/compacts', headers: cookieHeader(a.cookie), body });
    expect(bad.status === 400 && bad.text.includes('govuk-error-summary') && bad.text.includes('&#39;Nowhereshire&#39; is not') &&
      bad.text.includes('&#39;E08999999&#39; is not') && bad.text.includes('<title>Error: '), `${bad.status}`);
    const good = await request(P, { method: 'POST', path: '/compacts', headers: cookieHeader(a.cookie),
      body: { ...body, authorities: 'Bolton\nE08000002' } });
    expect(good.status === 303 && /^\/compacts\/\d+$/.test(good.headers.location), `${good.status} ${good.headers.location}`);
    const page = await request(P, { path: good.headers.location, headers: cookieHeader(a.cookie) });
    expect(page.text.includes('Bolton Compact') && page.text.includes('>Change<'), 'no edit links for the admin');
    const status = await request(P, { method: 'POST', path: `${good.headers.location}/status`, headers: cookieHeader(a.cookie),
      body: { csrf_token: csrf, status: 'inactive', 'date-day': '1', 'date-month': '1', 'date-year': '2011' } });
    expect(status.status === 400 && status.text.includes('later than the date of the last change'), `status out of order: ${status.status}`);
    const ok2 = await request(P, { method: 'POST', path: `${good.headers.location}/status`, headers: cookieHeader(a.cookie),
      body: { csrf_token: csrf, status: 'inactive', 'date-day': '1', 'date-month': '1', 'date-year': '2020' } });
    expect(ok2.status === 303, `status: ${ok2.status}`);
    const code = await request(P, { method: 'POST', path: `${good.headers.location}/codes`, headers: cookieHeader(a.cookie),
      body: { csrf_token: csrf, title: 'Volunteering code', url: 'https://example.org/v' } });
    const params = await request(P, { method: 'POST', path: `${good.headers.location}/parameters`, headers: cookieHeader(a.cookie),
      body: { csrf_token: csrf, notice_months: '6', consultation_weeks: '' } });
    const e = json(await request(P, { path: `/api/v1${good.headers.location}` }));
    expect(code.status === 303 && params.status === 303 && e.status === 'inactive' && e.codes[0].title === 'Volunteering code' &&
      e.parameters.notice_months.value === 6 && e.parameters.notice_months.source === 'compact' &&
      e.parameters.consultation_weeks.source === 'default', show(JSON.stringify(e), 600));
    const noCsrf = await request(P, { method: 'POST', path: '/compacts', headers: cookieHeader(a.cookie), body: { ...body, csrf_token: 'x' } });
    expect(noCsrf.status === 403, `without the CSRF token: ${noCsrf.status}`);
  });

  await test('compacts: forms: a coordinator of another Compact gets 403; the edit form saves', async () => {
    const c = await session(P, 'coordinator@reg.test', pw.coordinator);
    const other = await request(P, { path: `/compacts/${trafford}/edit`, headers: cookieHeader(c.cookie) });
    expect(other.status === 403, `edit form of another's: ${other.status}`);
    const mine = await request(P, { path: `/compacts/${coordOwn}/edit`, headers: cookieHeader(c.cookie) });
    expect(mine.status === 200 && mine.text.includes('value="Coordinated Compact"') && mine.text.includes('Manchester</textarea>'), `${mine.status}`);
    const save = await request(P, { method: 'POST', path: `/compacts/${coordOwn}`, headers: cookieHeader(c.cookie),
      body: { csrf_token: csrfOf(mine.text), name: 'Manchester Compact', authorities: 'Manchester\nSalford', 'refreshed-day': '1',
        'refreshed-month': '1', 'refreshed-year': '2018', 'review_due-day': '1', 'review_due-month': '1', 'review_due-year': '2027',
        'contact-0-name': 'Jo', 'contact-0-email': 'jo@example.org' } });
    expect(save.status === 400 && save.text.includes('Enter a review date no later than 1 January 2024, six years after the date it was last refreshed'),
      `review too late: ${save.status}`);
    const save2 = await request(P, { method: 'POST', path: `/compacts/${coordOwn}`, headers: cookieHeader(c.cookie),
      body: { csrf_token: csrfOf(mine.text), name: 'Manchester Compact', authorities: 'Manchester\nSalford', 'refreshed-day': '1',
        'refreshed-month': '1', 'refreshed-year': '2018', 'contact-0-name': 'Jo', 'contact-0-email': 'jo@example.org' } });
    const e = json(await request(P, { path: `/api/v1/compacts/${coordOwn}` }));
    expect(save2.status === 303 && e.name === 'Manchester Compact' && e.authorities.length === 2 && e.contacts[0].name === 'Jo' &&
      e.review_due === '2024-01-01', `${save2.status} ${show(JSON.stringify(e), 300)}`);
  });
}
