// Signatories of a Compact: every API route (sign, list, withdraw, an organisation's), each bad
// input answered 400 naming its field with nothing stored (checked through the list and the
// audit trail), withdrawing before signing and twice, 403 and 404, the pages with their forms,
// and `compact import signatories` reporting every bad row by line and storing nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from '../lib/db.mjs';
import { run } from '../lib/server.mjs';
import { addToken, addUser, bearer, cookieHeader, csrfOf, expect, newPassword, request, session, show, onServer } from './auth.mjs';

function send(port, method, token, path, body) {
  return request(port, { method, path, headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body) });
}

function json(res) {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${show(res.text)}`);
  }
}

const ORGS = `INSERT INTO organisation (org_id, name, sector, type, created_at, updated_at) VALUES
  ('GB-CHC-1111111', 'Trafford Housing Trust', 'vcs', 'charity', 'x', 'x'),
  (NULL, 'Trafford Council', 'statutory', 'council', 'x', 'x'),
  ('GB-COH-0000002', 'Twin Ltd', 'private', 'business', 'x', 'x'),
  ('GB-COH-0000003', 'Twin Ltd', 'private', 'business', 'x', 'x'),
  ('GB-CHC-4444444', 'Age <UK> Trafford', 'vcs', 'charity', 'x', 'x')`;

export async function signatoryTests(BIN, report) {
  await onServer(BIN, report, 'signatories', (s, test) => run1(BIN, s, test));
}

async function run1(BIN, s, test) {
  const P = s.port;
  let admin, coord, member, A, B, councilRef;
  const pw = { admin: newPassword('a'), coord: newPassword('c') };
  const ready = await test('signatories: people, two Compacts, organisations, a coordinator of the first', async () => {
    await addUser(BIN, s.dbPath, 'admin@sig.test', 'admin', pw.admin);
    await addUser(BIN, s.dbPath, 'coord@sig.test', 'coordinator', pw.coord);
    await addUser(BIN, s.dbPath, 'member@sig.test', 'member', newPassword('m'), 'GB-CHC-1111111');
    admin = (await addToken(BIN, s.dbPath, 'admin@sig.test')).token;
    coord = (await addToken(BIN, s.dbPath, 'coord@sig.test')).token;
    member = (await addToken(BIN, s.dbPath, 'member@sig.test')).token;
    for (const name of ['Trafford Compact', 'Bury Compact']) {
      const r = await send(P, 'POST', admin, '/api/v1/compacts',
        { name, authorities: ['E08000009'], status: 'active', status_date: '2012-04-01' });
      expect(r.status === 201, `create ${name}: ${r.status} ${show(r.text)}`);
      if (!A) A = json(r).id;
      else B = json(r).id;
    }
    const made = await sql(s.dbPath, `${ORGS}; INSERT INTO compact_coordinator (compact_id, user_id)
      SELECT ${Number(A)}, id FROM "user" WHERE email = 'coord@sig.test'; SELECT id FROM organisation WHERE name = 'Trafford Council'`);
    expect(made.code === 0, `SQL: ${show(made.stderr)}`);
    councilRef = made.stdout.trim();
  });
  if (!ready) return;
  const list = async (cid) => json(await request(P, { path: `/api/v1/compacts/${cid}/signatories` }));
  const audit = async (cid, action) => json(await request(P, { path: `/api/v1/audit?kind=compact&entity=${cid}`, headers: bearer(admin) }))
    .filter((e) => e.action === action);
  const base = () => `/api/v1/compacts/${A}/signatories`;

  await test('signatories: an admin signs up an organisation by its org-id in any case (201)', async () => {
    const r = await send(P, 'POST', admin, base(), { organisation: 'gb-chc-1111111', signed_on: '2012-04-01', role: 'Chief Executive' });
    expect(r.status === 201 && json(r).id === 1, `${r.status} ${show(r.text)}`);
  });
  await test('signatories: the Compact\'s coordinator signs one up by its number, already withdrawn (201)', async () => {
    const r = await send(P, 'POST', coord, base(),
      { organisation: councilRef, signed_on: '2012-05-01', role: 'Leader of the Council', withdrawn_on: '2015-03-31' });
    expect(r.status === 201 && json(r).id === 2, `${r.status} ${show(r.text)}`);
  });
  await test('signatories: and one by its exact name, with withdrawn_on null', async () => {
    const r = await send(P, 'POST', admin, base(), { organisation: 'Age <UK> Trafford', signed_on: '2013-06-01', role: 'Chair', withdrawn_on: null });
    expect(r.status === 201 && json(r).id === 3, `${r.status} ${show(r.text)}`);
  });

  const bad = [
    ['an unknown organisation', { organisation: 'GB-CHC-9999999', signed_on: '2012-04-01', role: 'Chair' }, 'organisation', /No organisation .* 'GB-CHC-9999999'/],
    ['a name two organisations share', { organisation: 'Twin Ltd', signed_on: '2012-04-01', role: 'Chair' }, 'organisation', /More than one/],
    ['no organisation', { signed_on: '2012-04-01', role: 'Chair' }, 'organisation', /org-id/],
    ['signed_on not a date', { organisation: 'GB-COH-0000002', signed_on: '2012-02-30', role: 'Chair' }, 'signed_on', /real date/],
    ['signed_on missing', { organisation: 'GB-COH-0000002', role: 'Chair' }, 'signed_on', /real date/],
    ['signed_on a number', { organisation: 'GB-COH-0000002', signed_on: 20120401, role: 'Chair' }, 'signed_on', /YYYY-MM-DD/],
    ['role missing', { organisation: 'GB-COH-0000002', signed_on: '2012-04-01' }, 'role', /1 to 200/],
    ['role empty', { organisation: 'GB-COH-0000002', signed_on: '2012-04-01', role: '  ' }, 'role', /1 to 200/],
    ['role too long (201 characters)', { organisation: 'GB-COH-0000002', signed_on: '2012-04-01', role: 'é'.repeat(201) }, 'role', /1 to 200/],
    ['withdrawing before signing', { organisation: 'GB-COH-0000002', signed_on: '2012-04-01', role: 'Chair', withdrawn_on: '2011-04-01' }, 'withdrawn_on', /after signed_on/],
    ['withdrawing the day it signed', { organisation: 'GB-COH-0000002', signed_on: '2012-04-01', role: 'Chair', withdrawn_on: '2012-04-01' }, 'withdrawn_on', /after signed_on/],
    ['withdrawn_on not a date', { organisation: 'GB-COH-0000002', signed_on: '2012-04-01', role: 'Chair', withdrawn_on: 'soon' }, 'withdrawn_on', /real date/],
    ['a field signatories do not have', { organisation: 'GB-COH-0000002', signed_on: '2012-04-01', role: 'Chair', colour: 'red' }, 'colour', /not a field/],
    ['a body that is not JSON', '{"organisation": ', 'body', /JSON object/],
    ['a JSON array', '[]', 'body', /JSON object/],
  ];
  for (const [name, body, field, detail] of bad) {
    await test(`signatories: POST with ${name}: 400 naming ${field}`, async () => {
      const r = await send(P, 'POST', admin, base(), body);
      const p = json(r);
      expect(r.status === 400 && p.param === field && detail.test(p.detail) &&
        (r.headers['content-type'] || '').startsWith('application/problem+json'), `${r.status} ${show(r.text, 300)}`);
    });
  }
  await test('signatories: signing again on the same day is 409 naming signed_on', async () => {
    const r = await send(P, 'POST', admin, base(), { organisation: 'GB-CHC-1111111', signed_on: '2012-04-01', role: 'Chair' });
    expect(r.status === 409 && json(r).param === 'signed_on', `${r.status} ${show(r.text)}`);
  });
  await test('signatories: the bad requests stored nothing (3 signatories, 3 sign entries in the audit)', async () => {
    const l = await list(A);
    expect(l.total === 3 && l.items.length === 3, show(JSON.stringify(l), 400));
    const signs = await audit(A, 'sign');
    expect(signs.length === 3, `${signs.length} sign entries`);
    expect(signs[0].actor.startsWith('user:') && signs[0].after.signatory.organisation === 'GB-CHC-1111111' &&
      signs[0].after.signatory.role === 'Chief Executive' && signs[0].after.signatory.withdrawn_on === null,
    show(JSON.stringify(signs[0]), 300));
  });
  await test('signatories: the list is public, current first, then withdrawn', async () => {
    const l = await list(A);
    const order = l.items.map((i) => i.organisation_name);
    expect(JSON.stringify(order) === JSON.stringify(['Trafford Housing Trust', 'Age <UK> Trafford', 'Trafford Council']), show(order.join(', ')));
    const council = l.items[2];
    expect(council.organisation === councilRef && council.role === 'Leader of the Council' && council.signed_on === '2012-05-01' &&
      council.withdrawn_on === '2015-03-31' && council.current === false && council.compact_id === A && council.compact_name === 'Trafford Compact',
    show(JSON.stringify(council), 300));
    expect(l.items[0].current === true && l.items[0].withdrawn_on === null && l.items[0].organisation === 'GB-CHC-1111111', show(JSON.stringify(l.items[0])));
  });

  const patch = (token, sid, body, cid = A) => send(P, 'PATCH', token, `/api/v1/compacts/${cid}/signatories/${sid}`, body);
  await test('signatories: withdrawing before signing is 400 naming withdrawn_on, and changes nothing', async () => {
    const r = await patch(admin, 1, { withdrawn_on: '2012-03-31' });
    expect(r.status === 400 && json(r).param === 'withdrawn_on' && /2012-04-01/.test(json(r).detail), `${r.status} ${show(r.text)}`);
    const same = await patch(admin, 1, { withdrawn_on: '2012-04-01' });
    expect(same.status === 400 && json(same).param === 'withdrawn_on', `on the day it signed: ${same.status}`);
    const notDate = await patch(admin, 1, { withdrawn_on: '2013-13-01' });
    expect(notDate.status === 400 && json(notDate).param === 'withdrawn_on', `not a date: ${notDate.status}`);
    const other = await patch(admin, 1, { role: 'Chair' });
    expect(other.status === 400 && json(other).param === 'body', `another field: ${other.status} ${show(other.text)}`);
    expect((await list(A)).items[0].withdrawn_on === null, 'withdrawn all the same');
    expect((await audit(A, 'withdraw')).length === 0, 'audited all the same');
  });
  await test('signatories: withdrawing later is 200 and audited before and after', async () => {
    const r = await patch(coord, 1, { withdrawn_on: '2016-01-31' });
    expect(r.status === 200 && json(r).id === 1, `${r.status} ${show(r.text)}`);
    const w = await audit(A, 'withdraw');
    expect(w.length === 1 && w[0].before.signatory.withdrawn_on === null && w[0].after.signatory.withdrawn_on === '2016-01-31',
      show(JSON.stringify(w), 300));
    const l = await list(A);
    expect(l.items.map((i) => i.current).join() === 'true,false,false' && l.items[1].organisation === councilRef &&
      l.items[2].organisation === 'GB-CHC-1111111',
      `withdrawn first by date withdrawn: ${show(JSON.stringify(l.items.map((i) => i.organisation)))}`);
  });
  await test('signatories: withdrawing twice is 409 naming withdrawn_on, and changes nothing', async () => {
    const r = await patch(admin, 1, { withdrawn_on: '2017-01-31' });
    expect(r.status === 409 && json(r).param === 'withdrawn_on' && /2016-01-31/.test(json(r).detail), `${r.status} ${show(r.text)}`);
    expect((await audit(A, 'withdraw')).length === 1, 'a second withdrawal audited');
  });

  await test('signatories: a coordinator of another Compact is refused 403 (sign and withdraw)', async () => {
    const r = await send(P, 'POST', coord, `/api/v1/compacts/${B}/signatories`, { organisation: 'GB-CHC-1111111', signed_on: '2012-04-01', role: 'Chair' });
    expect(r.status === 403 && /coordinator of this Compact/.test(r.text), `${r.status} ${show(r.text)}`);
    const w = await patch(coord, 1, { withdrawn_on: '2020-01-01' }, B);
    expect(w.status === 403, `withdraw: ${w.status}`);
    expect((await list(B)).total === 0, 'stored all the same');
  });
  await test('signatories: a member is refused 403 and nobody 401', async () => {
    const m = await send(P, 'POST', member, base(), { organisation: 'GB-COH-0000002', signed_on: '2012-04-01', role: 'Chair' });
    expect(m.status === 403, `member: ${m.status}`);
    const n = await request(P, { method: 'POST', path: base(), headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organisation: 'GB-COH-0000002', signed_on: '2012-04-01', role: 'Chair' }) });
    expect(n.status === 401, `nobody: ${n.status}`);
  });
  await test('signatories: 404 for a Compact or signatory that is not there', async () => {
    const r = await send(P, 'POST', admin, '/api/v1/compacts/9999/signatories', { organisation: 'GB-COH-0000002', signed_on: '2012-04-01', role: 'Chair' });
    expect(r.status === 404 && json(r).param === 'id', `POST: ${r.status} ${show(r.text)}`);
    const g = await request(P, { path: '/api/v1/compacts/9999/signatories' });
    expect(g.status === 404, `GET: ${g.status}`);
    const p1 = await patch(admin, 99, { withdrawn_on: '2020-01-01' });
    expect(p1.status === 404 && json(p1).param === 'sid', `PATCH 99: ${p1.status}`);
    const p2 = await patch(admin, 1, { withdrawn_on: '2020-01-01' }, B);
    expect(p2.status === 404, `PATCH of another Compact's signatory: ${p2.status}`);
    const p3 = await patch(admin, 'x', { withdrawn_on: '2020-01-01' });
    expect(p3.status === 404, `PATCH x: ${p3.status}`);
  });
  await test('signatories: an organisation\'s list names the Compacts it signed, by org-id or number', async () => {
    const add = await send(P, 'POST', admin, `/api/v1/compacts/${B}/signatories`, { organisation: 'GB-CHC-1111111', signed_on: '2014-01-01', role: 'Chair' });
    expect(add.status === 201, `sign B: ${add.status}`);
    const r = await request(P, { path: '/api/v1/organisations/gb-chc-1111111/signatories' });
    const l = json(r);
    expect(r.status === 200 && l.total === 2 && l.items[0].compact_name === 'Bury Compact' && l.items[0].current === true &&
      l.items[1].compact_name === 'Trafford Compact' && l.items[1].withdrawn_on === '2016-01-31', show(r.text, 400));
    const byNumber = json(await request(P, { path: `/api/v1/organisations/${councilRef}/signatories` }));
    expect(byNumber.total === 1 && byNumber.items[0].role === 'Leader of the Council', show(JSON.stringify(byNumber)));
    const none = json(await request(P, { path: '/api/v1/organisations/GB-COH-0000002/signatories' }));
    expect(none.total === 0 && none.items.length === 0, show(JSON.stringify(none)));
    const missing = await request(P, { path: '/api/v1/organisations/GB-CHC-0000000/signatories' });
    expect(missing.status === 404 && json(missing).param === 'id', `unknown: ${missing.status}`);
  });

  // Pages
  const page = (path, cookie) => request(P, { path, headers: cookie ? cookieHeader(cookie) : {} });
  let adm, crd;
  await test('signatories: the list page is public, escapes names, and offers no changes to nobody', async () => {
    const r = await page(`/compacts/${A}/signatories`);
    expect(r.status === 200 && r.text.includes('<h1 class="govuk-heading-l">Signatories</h1>') &&
      r.text.includes('Age &lt;UK&gt; Trafford') && !r.text.includes('Age <UK>') &&
      r.text.includes('href="/organisations/GB-CHC-1111111"') && r.text.includes('>Still signed</strong>'), `${r.status} ${show(r.text, 200)}`);
    expect(!r.text.includes('Add a signatory') && !r.text.includes('/withdraw'), 'offers changes to nobody');
    expect((await page('/compacts/9999/signatories')).status === 404, 'no 404 for a missing Compact');
  });
  await test('signatories: signed in, its coordinator sees "Add a signatory"; another is refused the form', async () => {
    adm = await session(P, 'admin@sig.test', pw.admin);
    crd = await session(P, 'coord@sig.test', pw.coord);
    const r = await page(`/compacts/${A}/signatories`, crd.cookie);
    expect(r.status === 200 && r.text.includes(`href="/compacts/${A}/signatories/new"`) &&
      r.text.includes(`/compacts/${A}/signatories/3/withdraw`), `${r.status}`);
    const other = await page(`/compacts/${B}/signatories`, crd.cookie);
    expect(other.status === 200 && !other.text.includes('Add a signatory'), 'offered on another Compact');
    const form = await page(`/compacts/${B}/signatories/new`, crd.cookie);
    expect(form.status === 403, `the form of another Compact: ${form.status}`);
    const post = await request(P, { method: 'POST', path: `/compacts/${B}/signatories`, headers: cookieHeader(crd.cookie),
      body: { csrf_token: crd.csrf, organisation: 'GB-COH-0000002', 'signed_on-day': '1', 'signed_on-month': '4', 'signed_on-year': '2012', role: 'Chair' } });
    expect(post.status === 403, `posting to another Compact: ${post.status}`);
  });
  await test('signatories: the form answers bad input with the error summary, keeping the answers', async () => {
    const form = await page(`/compacts/${A}/signatories/new`, adm.cookie);
    expect(form.status === 200 && form.text.includes('Add a signatory') && csrfOf(form.text) === adm.csrf, `${form.status}`);
    const body = { csrf_token: adm.csrf, organisation: 'Nobody <Ltd>', 'signed_on-day': '31', 'signed_on-month': '2', 'signed_on-year': '2012', role: '' };
    const r = await request(P, { method: 'POST', path: `/compacts/${A}/signatories`, headers: cookieHeader(adm.cookie), body });
    expect(r.status === 400 && r.text.includes('govuk-error-summary') && r.text.includes('<title>Error: Add a signatory') &&
      r.text.includes('<a href="#signed_on">') && r.text.includes('<a href="#role">') && r.text.includes('value="31"') &&
      r.text.includes('value="Nobody &lt;Ltd&gt;"'), `${r.status} ${show(r.text, 300)}`);
    const r2 = await request(P, { method: 'POST', path: `/compacts/${A}/signatories`, headers: cookieHeader(adm.cookie),
      body: { ...body, 'signed_on-day': '28', role: 'Director' } });
    expect(r2.status === 400 && r2.text.includes('<a href="#organisation">No organisation in the register'), `${r2.status}`);
    const noCsrf = await request(P, { method: 'POST', path: `/compacts/${A}/signatories`, headers: cookieHeader(adm.cookie),
      body: { ...body, csrf_token: 'x', organisation: 'GB-COH-0000002', 'signed_on-day': '28', role: 'Director' } });
    expect(noCsrf.status === 403, `without the CSRF token: ${noCsrf.status}`);
    expect((await list(A)).total === 3, 'stored all the same');
  });
  await test('signatories: the form adds a signatory and says so', async () => {
    const r = await request(P, { method: 'POST', path: `/compacts/${A}/signatories`, headers: cookieHeader(adm.cookie),
      body: { csrf_token: adm.csrf, organisation: 'GB-COH-0000002', 'signed_on-day': '28', 'signed_on-month': '2', 'signed_on-year': '2012', role: 'Director' } });
    expect(r.status === 303 && /^\/compacts\/\d+\/signatories\?done=added&signatory=\d+$/.test(r.headers.location) &&
      r.headers.location.startsWith(`/compacts/${A}/signatories?done=added&signatory=`), `${r.status} ${r.headers.location}`);
    const after = await page(r.headers.location, adm.cookie);
    expect(after.text.includes('Signatory added: Twin Ltd, signed on 28 February 2012') && after.text.includes('28 February 2012'), 'no banner or row');
    expect((await list(A)).total === 4, 'not stored');
  });
  await test('signatories: the withdrawal form refuses a date before signing, then records one', async () => {
    const l = await list(A);
    const twin = l.items.find((i) => i.organisation === 'GB-COH-0000002');
    const path = `/compacts/${A}/signatories/${twin.id}/withdraw`;
    const form = await page(path, crd.cookie);
    expect(form.status === 200 && form.text.includes('Record a withdrawal') && form.text.includes('Twin Ltd'), `${form.status}`);
    const early = await request(P, { method: 'POST', path, headers: cookieHeader(crd.cookie),
      body: { csrf_token: crd.csrf, 'withdrawn_on-day': '1', 'withdrawn_on-month': '1', 'withdrawn_on-year': '2012' } });
    expect(early.status === 400 && early.text.includes('<a href="#withdrawn_on">The date it withdrew must be after the date it signed, 2012-02-28'),
      `${early.status} ${show(early.text, 200)}`);
    const done = await request(P, { method: 'POST', path, headers: cookieHeader(crd.cookie),
      body: { csrf_token: crd.csrf, 'withdrawn_on-day': '1', 'withdrawn_on-month': '3', 'withdrawn_on-year': '2012' } });
    expect(done.status === 303 && done.headers.location === `/compacts/${A}/signatories?done=withdrawn&signatory=${twin.id}`, `${done.status}`);
    const again = await page(path, crd.cookie);
    expect(again.status === 409, `the form again: ${again.status}`);
    const w = (await list(A)).items.find((i) => i.id === twin.id);
    expect(w.withdrawn_on === '2012-03-01', show(JSON.stringify(w)));
  });

  // The command line
  await test('signatories: `compact import signatories` reports every bad row by line and stores nothing', async () => {
    const before = (await list(B)).total;
    const file = join(s.dir, 'bad.csv');
    writeFileSync(file, [
      'compact,organisation,signed_on,role,withdrawn_on',
      'Bury Compact,Trafford Council,2012-04-01,Leader,',
      'Bury Compact,Nobody,2012-04-01,Leader,',
      'No Such Compact,Trafford Council,2012-04-01,Leader,',
      'Bury Compact,Age <UK> Trafford,2012-04-31,Chair,',
      'Bury Compact,Age <UK> Trafford,2012-04-01,,',
      'Bury Compact,Age <UK> Trafford,2012-04-01,Chair,2012-01-01',
      `${B},Twin Ltd,2012-04-01,Chair,`,
      'Bury Compact,GB-CHC-1111111,2014-01-01,Chair,',
      '',
    ].join('\n'));
    const r = await run(BIN, ['import', 'signatories', '--db', s.dbPath, file]);
    expect(r.code === 1, `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
    const want = [3, 4, 5, 6, 7, 8, 9];
    for (const line of want) expect(r.stderr.includes(`${file}:${line}: `), `line ${line} not reported: ${show(r.stderr, 800)}`);
    expect(!r.stderr.includes(`${file}:2: `), `the good line 2 reported: ${show(r.stderr, 800)}`);
    expect(r.stderr.includes(`${file}:9: the organisation signed this Compact on that date already`), show(r.stderr, 800));
    expect((await list(B)).total === before, 'something was stored');
  });
  await test('signatories: `compact import signatories` stores a good file in one go, audited as the cli', async () => {
    const file = join(s.dir, 'good.csv');
    writeFileSync(file, 'compact,organisation,signed_on,role\r\nBury Compact,Trafford Council,2012-04-01,Leader\r\n' +
      `${B},"Age <UK> Trafford",2012-04-02,"Chair, Board of Trustees"\r\n`);
    const r = await run(BIN, ['import', 'signatories', '--db', s.dbPath, file]);
    expect(r.code === 0 && /imported 2 signatories/.test(r.stdout), `exit ${r.code}; ${show(r.stdout + r.stderr)}`);
    const l = await list(B);
    expect(l.total === 3 && l.items.some((i) => i.role === 'Chair, Board of Trustees'), show(JSON.stringify(l), 400));
    const signs = await audit(B, 'sign');
    expect(signs.filter((e) => e.actor === 'cli').length === 2, show(JSON.stringify(signs), 300));
    const usage = await run(BIN, ['import', 'nonsense', file, '--db', s.dbPath]);
    expect(usage.code === 2, `an unknown kind: exit ${usage.code}`);
  });
}
