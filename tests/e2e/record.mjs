// A recorded activity through the real server (issue 13, item 1): its own values through the API
// (title, organisation affected, amount, decision date) with problem JSON naming what is wrong;
// reading one (GET) and withdrawing it (POST .../withdraw), kept in the audit trail and left out
// of the compliance figures; and who may see, change and withdraw it, by object: the member
// whose organisation recorded it, the coordinators of its Compact and admins. A coordinator of
// another Compact and a member of another organisation get 404 on reads (as if it did not
// exist), and on writes the 403 of a Compact they may not write to, or 404. Each refusal is
// checked to have changed nothing.
//
//   import { recordTests } from './record.mjs';
//   await recordTests(BIN, report);   // report(name, ok, why)
import {
  addToken, addUser, bearer, cookieHeader, expect, newPassword, onServer, request, session, show,
} from './auth.mjs';

const CUT = { kind: 'funding_change', change: 'end', notice_date: '2026-11-01', notice_in_writing: true, effective_date: '2027-01-31' };

function json(res) {
  try {
    return JSON.parse(res.text);
  } catch {
    return null;
  }
}

// A problem reply (RFC 9457) of status, naming param (undefined: any).
function problem(res, status, param) {
  const p = json(res);
  return res.status === status && /^application\/problem\+json/.test(res.headers['content-type'] || '') &&
    p?.status === status && (param === undefined || p.param === param);
}

export async function recordTests(BIN, report) {
  await onServer(BIN, report, 'record', (s, test) => tests(BIN, s, test));
}

async function tests(BIN, s, test) {
  const P = s.port;
  const who = {};
  const send = (method, path, token, body) => request(P, {
    method, path, headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const get = (path, token) => request(P, { path, headers: bearer(token) });
  let A, B, id;
  const one = (cid = A, n = id) => `/api/v1/compacts/${cid}/activities/${n}`;
  const trail = async () => json(await get(`/api/v1/audit?kind=activity&entity=${id}`, who.admin.token)) || [];

  const ready = await test('record: an admin, coordinators of Compacts A and B, members of two organisations, a charity', async () => {
    for (const [role, name, org] of [['admin', 'admin'], ['coordinator', 'coordA'], ['coordinator', 'coordB'],
      ['member', 'memberX', 'GB-LAE-LDS'], ['member', 'memberY', 'GB-CHC-3000002']]) {
      const email = `${name}@record.test`;
      const password = newPassword(name);
      await addUser(BIN, s.dbPath, email, role, password, org);
      who[name] = { email, password, token: (await addToken(BIN, s.dbPath, email)).token };
    }
    const make = async (name, token) => {
      const r = await send('POST', '/api/v1/compacts', token, { name, authorities: ['E08000035'], status: 'active', status_date: '2012-04-01' });
      expect(r.status === 201, `${name}: ${r.status} ${show(r.text)}`);
      return json(r).id;
    };
    A = await make('Compact A', who.coordA.token);
    B = await make('Compact B', who.coordB.token);
    const c = await send('POST', '/api/v1/organisations', who.admin.token, { org_id: 'GB-CHC-3000001', name: 'Leeds Carers', type: 'charity' });
    expect(c.status === 201, `the charity: ${c.status} ${show(c.text)}`);
  });
  if (!ready) return;

  await test('record: a member records a funding cut on A with a title, the charity affected, the amount and the decision date (201)', async () => {
    const r = await send('POST', `/api/v1/compacts/${A}/activities`, who.memberX.token,
      { title: 'Carers grant ends', organisation: 'GB-CHC-3000001', amount: 12500.5, decision_date: '2027-01-15', activity: CUT });
    expect(r.status === 201 && json(r)?.id > 0, `${r.status} ${show(r.text)}`);
    id = json(r).id;
  });
  await test('record: GET of the activity gives its values, its Compact, its organisations by name and its findings', async () => {
    const r = await get(one(), who.memberX.token);
    const a = json(r);
    expect(r.status === 200 && a.id === id && a.compact.id === A && a.compact.name === 'Compact A' && a.title === 'Carers grant ends' &&
      a.kind === 'funding_change' && a.status === 'recorded' && a.amount === 12500.5 && a.decision_date === '2027-01-15' &&
      a.organisation.org_id === 'GB-CHC-3000001' && a.organisation.name === 'Leeds Carers' &&
      a.recorded_for.org_id === 'GB-LAE-LDS' && a.recorded_for.name && a.withdrawn === null && a.activity.notice_date === '2026-11-01' &&
      a.findings.some((f) => f.rule === 'funding.notice' && f.verdict === 'breach' && f.commitment === '4.4'),
    `${r.status} ${show(r.text, 600)}`);
  });

  const bad = [
    ['an empty title', { title: '', activity: CUT }, 'title'],
    ['a title of 201 characters', { title: 'x'.repeat(201), activity: CUT }, 'title'],
    ['a negative amount', { amount: -1, activity: CUT }, 'amount'],
    ['an amount as text', { amount: '12,500', activity: CUT }, 'amount'],
    ['an amount for a consultation', { amount: 10, activity: { kind: 'consultation' } }, 'amount'],
    ['an impossible decision date', { decision_date: '2027-02-30', activity: CUT }, 'decision_date'],
    ['a decision date other than the funding change\'s own', { decision_date: '2027-01-16', activity: { ...CUT, decision_date: '2027-01-15' } }, 'decision_date'],
    ['an organisation that is not an org-id', { organisation: 5, activity: CUT }, 'organisation'],
  ];
  for (const [name, body, param] of bad) {
    await test(`record: bad input, ${name}: 400 naming ${param}, nothing stored`, async () => {
      const before = (await get(`/api/v1/compacts/${A}/findings.csv`, who.admin.token)).text;
      const r = await send('POST', `/api/v1/compacts/${A}/activities`, who.admin.token, body);
      expect(problem(r, 400, param), `${r.status} ${show(r.text)}`);
      const after = (await get(`/api/v1/compacts/${A}/findings.csv`, who.admin.token)).text;
      expect(before.split('\r\n').length > 1 && before === after, 'something was stored');
    });
  }
  await test('record: a funding change\'s own decision date is the record\'s when none is given', async () => {
    const r = await send('POST', `/api/v1/compacts/${A}/activities`, who.coordA.token,
      { title: 'With its own date', activity: { ...CUT, decision_date: '2027-01-10' } });
    const a = json(await get(one(A, json(r)?.id), who.coordA.token));
    expect(r.status === 201 && a?.decision_date === '2027-01-10' && a.organisation === null && a.recorded_for === null,
      `${r.status} ${show(JSON.stringify(a), 300)}`);
  });

  await test('record: the record form finds the organisation by part of its name or its charity number, without a script', async () => {
    const c = await session(P, who.coordA.email, who.coordA.password);
    const answers = { change: 'end', 'notice_date-day': '1', 'notice_date-month': '11', 'notice_date-year': '2026',
      notice_in_writing: 'yes', 'effective_date-day': '31', 'effective_date-month': '1', 'effective_date-year': '2027', compact: String(A) };
    const post = (extra) => request(P, { method: 'POST', path: '/checks/funding_change/record', headers: cookieHeader(c.cookie),
      body: { csrf_token: c.csrf, ...answers, title: 'Found by name', ...extra } });
    for (const q of ['carers', 'LEEDS car', '3000001']) {
      const r = await post({ org_q: q, action: 'search' });
      expect(r.status === 200 && /<input class="govuk-radios__input" id="organisation" name="organisation" type="radio" value="GB-CHC-3000001" checked>/.test(r.text) &&
        r.text.includes('Leeds Carers') && !r.text.includes('govuk-error-summary') && r.text.includes('value="Found by name"'),
      `searching ${q}: ${r.status} ${show(r.text.slice(r.text.indexOf('<main'), r.text.indexOf('<main') + 400))}`);
    }
    const none = await post({ org_q: 'no such charity anywhere', action: 'search' });
    expect(none.status === 200 && none.text.includes('No organisation in the register matches'), `no match: ${none.status}`);
    const typed = await post({ org_q: 'Leeds Carers', 'decision_date-day': '15', 'decision_date-month': '1', 'decision_date-year': '2027' });
    expect(typed.status === 303, `the whole name typed and not chosen is taken: ${typed.status} ${show(typed.text.slice(0, 300))}`);
    const got = json(await get(`/api/v1${typed.headers.location.split('?')[0]}`, who.coordA.token));
    expect(got?.organisation?.org_id === 'GB-CHC-3000001' && got.compact.id === A, show(JSON.stringify(got), 200));
    const unknown = await post({ organisation: 'GB-CHC-7777777', 'decision_date-day': '15', 'decision_date-month': '1', 'decision_date-year': '2027' });
    expect(unknown.status === 400 && unknown.text.includes('Choose the organisation from the list'), `an org-id not in the register: ${unknown.status}`);
  });

  // ---- who may see it
  const sees = [
    ['an admin', () => who.admin.token, 200],
    ['a coordinator of its Compact', () => who.coordA.token, 200],
    ['the member whose organisation recorded it', () => who.memberX.token, 200],
    ['a coordinator of another Compact', () => who.coordB.token, 404],
    ['a member of another organisation', () => who.memberY.token, 404],
  ];
  for (const [name, token, status] of sees) {
    await test(`record: GET of an activity of A by ${name}: ${status}`, async () => {
      const r = await get(one(), token());
      expect(status === 200 ? r.status === 200 : problem(r, 404, 'id'), `${r.status} ${show(r.text)}`);
    });
  }
  await test('record: GET by nobody is 401; through another Compact\'s path, or of no activity, 404', async () => {
    const nobody = await request(P, { path: one() });
    expect(nobody.status === 401, `nobody: ${nobody.status}`);
    const viaB = await get(one(B), who.admin.token);
    expect(problem(viaB, 404, 'id'), `A's activity under B: ${viaB.status}`);
    const none = await get(one(A, 999999), who.admin.token);
    expect(problem(none, 404, 'id'), `no activity: ${none.status}`);
  });
  await test('record: its page, by object: seen by its member and its coordinator, 404 for another Compact\'s coordinator and another organisation\'s member', async () => {
    const page = `/compacts/${A}/activities/${id}`;
    for (const [name, ok] of [['memberX', 200], ['coordA', 200], ['coordB', 404], ['memberY', 404]]) {
      const c = await session(P, who[name].email, who[name].password);
      const r = await request(P, { path: page, headers: cookieHeader(c.cookie) });
      expect(r.status === ok && (ok !== 200 || r.text.includes('Carers grant ends')), `${name}: ${r.status}`);
    }
    const nobody = await request(P, { path: page });
    expect(nobody.status === 303 && nobody.headers.location === `/login?next=${encodeURIComponent(page)}`,
      `nobody: ${nobody.status} ${nobody.headers.location}`);
  });

  // ---- changing it
  await test('record: PUT keeps working: the member changes the title, checked again, audited before and after', async () => {
    const r = await send('PUT', one(), who.memberX.token,
      { title: 'Carers grant ends in January', organisation: 'GB-CHC-3000001', amount: 12500.5, decision_date: '2027-01-15', activity: CUT });
    expect(r.status === 200 && json(r)?.id === id, `${r.status} ${show(r.text)}`);
    const a = json(await get(one(), who.admin.token));
    expect(a.title === 'Carers grant ends in January', show(JSON.stringify(a), 200));
    const last = (await trail()).pop();
    expect(last?.action === 'update' && last.before.title === 'Carers grant ends' && last.after.title === 'Carers grant ends in January' &&
      last.after.recorder_org === 'GB-LAE-LDS', show(JSON.stringify(last), 300));
  });
  await test('record: the coordinator of B changing A\'s activity is 403 (a Compact they may not write to); the member of another organisation 404', async () => {
    const before = JSON.stringify(json(await get(one(), who.admin.token)));
    const b = await send('PUT', one(), who.coordB.token, { title: 'Mine now', organisation: 'GB-CHC-3000001', activity: CUT });
    expect(problem(b, 403), `coordinator of B: ${b.status} ${show(b.text)}`);
    const y = await send('PUT', one(), who.memberY.token, { title: 'Mine now', organisation: 'GB-CHC-3000001', activity: CUT });
    expect(problem(y, 404, 'id'), `member of another organisation: ${y.status} ${show(y.text)}`);
    expect(JSON.stringify(json(await get(one(), who.admin.token))) === before, 'it changed');
  });

  // ---- withdrawing it
  const withdraw = (token, body, path = `${one()}/withdraw`) => send('POST', path, token, body);
  const recheck = async (months) => json(await send('PUT', `/api/v1/compacts/${A}/parameters`, who.admin.token, { notice_months: months }));
  let standing = 0;
  await test('record: refused withdrawals change nothing: another Compact\'s coordinator 403, another organisation\'s member 404, nobody 401', async () => {
    standing = (await recheck(3))?.rechecked;
    const n = (await trail()).length;
    const b = await withdraw(who.coordB.token, { reason: 'Not ours' });
    expect(problem(b, 403), `coordinator of B: ${b.status} ${show(b.text)}`);
    const bBad = await withdraw(who.coordB.token, 'not json');
    expect(problem(bBad, 403), `coordinator of B, a bad body: ${bBad.status}: the refusal comes first`);
    const y = await withdraw(who.memberY.token, { reason: 'Not ours' });
    expect(problem(y, 404, 'id'), `member of another organisation: ${y.status} ${show(y.text)}`);
    const nobody = await request(P, { method: 'POST', path: `${one()}/withdraw`, headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(nobody.status === 401, `nobody: ${nobody.status}`);
    const viaB = await withdraw(who.admin.token, { reason: 'x' }, `${one(B)}/withdraw`);
    expect(problem(viaB, 404, 'id'), `through B's path: ${viaB.status}`);
    expect((await trail()).length === n && json(await get(one(), who.admin.token)).status === 'recorded', 'something changed');
  });
  const badBodies = [
    ['no reason', {}, 'reason'],
    ['an empty reason', { reason: '' }, 'reason'],
    ['a reason of spaces', { reason: '   ' }, 'reason'],
    ['a reason that is not text', { reason: 5 }, 'reason'],
    ['another field', { reason: 'x', why: 'y' }, 'why'],
    ['a body that is not JSON', 'reason', 'body'],
  ];
  for (const [name, body, param] of badBodies) {
    await test(`record: withdrawing with ${name}: 400 naming ${param}`, async () => {
      const r = await withdraw(who.memberX.token, body);
      expect(problem(r, 400, param), `${r.status} ${show(r.text)}`);
    });
  }
  await test('record: its member withdraws it with a reason: 200, withdrawn with when, who and why, in the audit trail', async () => {
    const r = await withdraw(who.memberX.token, { reason: 'The grant continues after all.' });
    const a = json(r);
    expect(r.status === 200 && a.status === 'withdrawn' && a.withdrawn.reason === 'The grant continues after all.' &&
      /^user:\d+$/.test(a.withdrawn.by) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(a.withdrawn.at), `${r.status} ${show(r.text, 400)}`);
    const last = (await trail()).pop();
    expect(last?.action === 'withdraw' && last.before.withdrawn_at === null && last.after.withdrawn_reason === 'The grant continues after all.',
      show(JSON.stringify(last), 300));
  });
  await test('record: a withdrawn activity leaves the findings of its Compact, and is not checked again', async () => {
    const csv = (await get(`/api/v1/compacts/${A}/findings.csv`, who.admin.token)).text;
    expect(!csv.split('\r\n').some((l) => l.startsWith(`${id},`)), show(csv, 300));
    const after = await recheck(4);
    expect(standing >= 2 && after?.rechecked === standing - 1, `re-checked ${after?.rechecked}, ${standing} before`);
  });
  await test('record: withdrawing again, or changing it, is 409 and changes nothing', async () => {
    const n = (await trail()).length;
    const again = await withdraw(who.memberX.token, { reason: 'Again' });
    expect(problem(again, 409, 'id'), `${again.status} ${show(again.text)}`);
    const put = await send('PUT', one(), who.memberX.token, { title: 'After', organisation: 'GB-CHC-3000001', activity: CUT });
    expect(problem(put, 409, 'id'), `${put.status} ${show(put.text)}`);
    expect((await trail()).length === n, 'the trail grew');
  });
  await test('record: its withdrawn page says so, with why, and offers no change', async () => {
    const c = await session(P, who.coordA.email, who.coordA.password);
    const r = await request(P, { path: `/compacts/${A}/activities/${id}`, headers: cookieHeader(c.cookie) });
    expect(r.status === 200 && r.text.includes('Withdrawn on') && r.text.includes('The grant continues after all.') &&
      !r.text.includes('/edit"') && !r.text.includes('Withdraw it'), show(r.text.slice(0, 300)));
    const edit = await request(P, { path: `/compacts/${A}/activities/${id}/edit`, headers: cookieHeader(c.cookie) });
    expect(edit.status === 409, `its change form: ${edit.status}`);
  });
  await test('record: the page forms, by object: another Compact\'s coordinator 403, another organisation\'s member 404', async () => {
    const r = await send('POST', `/api/v1/compacts/${A}/activities`, who.memberX.token, { title: 'Second', organisation: 'GB-CHC-3000001', activity: CUT });
    const second = json(r).id;
    const page = `/compacts/${A}/activities/${second}`;
    for (const [name, status] of [['coordB', 403], ['memberY', 404]]) {
      const c = await session(P, who[name].email, who[name].password);
      for (const path of [`${page}/edit`, `${page}/withdraw`]) {
        const g = await request(P, { path, headers: cookieHeader(c.cookie) });
        expect(g.status === status, `${name} GET ${path}: ${g.status}`);
      }
      const w = await request(P, { method: 'POST', path: `${page}/withdraw`, headers: cookieHeader(c.cookie), body: { csrf_token: c.csrf, reason: 'Not ours' } });
      const u = await request(P, { method: 'POST', path: page, headers: cookieHeader(c.cookie), body: { csrf_token: c.csrf, title: 'Not ours' } });
      expect(w.status === status && u.status === status, `${name} POST: withdraw ${w.status}, change ${u.status}`);
    }
    const a = json(await get(one(A, second), who.admin.token));
    expect(a.status === 'recorded' && a.title === 'Second', 'it changed');
  });
}
