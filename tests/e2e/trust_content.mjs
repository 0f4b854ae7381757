// Issue 11, items 8 and 9, through the real server. A local Compact cannot weaken the national
// minimum: notice_months below 3 is refused by the API (400 naming it) and the form (an error
// naming it), and nothing changes; a weaker local value of another parameter is accepted and the
// findings that use it say so. The history page does not leak: a member reads people by name and
// role, never a coordinator's sign-in email (an admin does), and the changes as fields with their
// values before and after, dates in GOV.UK style; GET /api/v1/audit follows the same rule.
import { sql } from '../lib/db.mjs';
import { run, startServer } from '../lib/server.mjs';
import { addToken, bearer, cookieHeader, expect, newPassword, request, runInput, session, show, tester } from './auth.mjs';

const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;
const WEAKER = "the local Compact sets 8 weeks, less than the national Compact's 12";

function api(port, token, method, path, obj) {
  const headers = { ...bearer(token) };
  if (obj !== undefined) headers['Content-Type'] = 'application/json';
  return request(port, { method, path, headers, body: obj === undefined ? undefined : JSON.stringify(obj) });
}

function json(r) {
  try {
    return JSON.parse(r.text);
  } catch {
    throw new Error(`not JSON (${r.status}): ${show(r.text)}`);
  }
}

async function addPerson(BIN, db, email, name, role, org) {
  const args = ['user', 'add', email, '--role', role, '--name', name, '--password-stdin', '--db', db];
  if (org) args.push('--org', org);
  const password = newPassword(role);
  const r = await runInput(BIN, args, `${password}\n`);
  expect(r.code === 0, `compact user add ${email}: exit ${r.code}; ${show(r.stderr)}`);
  return password;
}

export async function trustContentTests(BIN, report) {
  const test = tester(report);
  let s;
  const ok = await test('trust content: a server starts', async () => {
    s = await startServer(BIN, { threads: 2 });
  });
  if (!ok) return;
  try {
    await content(BIN, s, test);
  } finally {
    const code = await s.stop();
    report('trust content: the server stops on SIGTERM with exit code 0', code === 0, `exit ${code}`);
    report('trust content: no sanitizer report', !SANITIZER_REPORT.test(s.logs()), show(s.logs().slice(-600), 600));
  }
}

async function content(BIN, s, test) {
  const P = s.port;
  const T = {};
  const pw = {};
  let id;
  const audit = async () => json(await api(P, T.admin, 'GET', `/api/v1/audit?kind=compact&entity=${id}`)).length;
  const entry = async () => json(await api(P, T.admin, 'GET', `/api/v1/compacts/${id}`));

  await test('trust content: an admin, a coordinator and a member with names; a Compact the coordinator coordinates', async () => {
    pw.admin = await addPerson(BIN, s.dbPath, 'ada@trust.test', 'Ada Admin', 'admin');
    pw.coordinator = await addPerson(BIN, s.dbPath, 'cora@trust.test', 'Cora Coordinator', 'coordinator');
    pw.member = await addPerson(BIN, s.dbPath, 'mo@trust.test', 'Mo Member', 'member', 'GB-CHC-1111111');
    for (const [who, email] of [['admin', 'ada@trust.test'], ['coordinator', 'cora@trust.test'], ['member', 'mo@trust.test']]) {
      T[who] = (await addToken(BIN, s.dbPath, email)).token;
    }
    const r = await api(P, T.admin, 'POST', '/api/v1/compacts',
      { name: 'Trafford Compact', authorities: ['E08000009'], status: 'active', status_date: '2010-04-01' });
    expect(r.status === 201, `create: ${r.status} ${show(r.text)}`);
    id = json(r).id;
    const p = await api(P, T.admin, 'PATCH', `/api/v1/compacts/${id}`,
      { coordinators: ['cora@trust.test'], adopted: '2010-04-01', review_due: '2015-01-15' });
    expect(p.status === 200, `patch: ${p.status} ${show(p.text)}`);
  });

  // ---- item 8: the national minimum ----

  await test('trust content: PUT parameters notice_months 2 is 400 naming it, and nothing changes', async () => {
    const before = await audit();
    const r = await api(P, T.coordinator, 'PUT', `/api/v1/compacts/${id}/parameters`, { notice_months: 2, consultation_weeks: 8 });
    const p = json(r);
    expect(r.status === 400 && p.param === 'parameters.notice_months' && /must be 3 or more/.test(p.detail) &&
      /problem\+json/.test(r.headers['content-type']), `${r.status} ${show(r.text, 300)}`);
    const e = await entry();
    expect(e.parameters.notice_months.source === 'default' && e.parameters.notice_months.value === 3 &&
      e.parameters.consultation_weeks.source === 'default', show(JSON.stringify(e.parameters), 300));
    expect(await audit() === before, 'an audit entry was written');
  });

  await test('trust content: the parameters form refuses notice_months 2 with an error naming it, and nothing changes', async () => {
    const c = await session(P, 'cora@trust.test', pw.coordinator);
    const before = await audit();
    const r = await request(P, { method: 'POST', path: `/compacts/${id}/parameters`, headers: cookieHeader(c.cookie),
      body: { csrf_token: c.csrf, notice_months: '2', consultation_weeks: '8' } });
    expect(r.status === 400 && r.text.includes('govuk-error-summary') && r.text.includes('href="#notice_months"') &&
      r.text.includes('Notice before funding ends or is reduced must be 3 or more'), `${r.status} ${show(r.text.slice(r.text.indexOf('<main')), 400)}`);
    expect((await entry()).parameters.notice_months.source === 'default' && await audit() === before, 'something was stored');
  });

  await test('trust content: notice_months 3 and a weaker consultation_weeks 8 are accepted (200)', async () => {
    const r = await api(P, T.coordinator, 'PUT', `/api/v1/compacts/${id}/parameters`, { notice_months: 3, consultation_weeks: 8 });
    expect(r.status === 200, `${r.status} ${show(r.text)}`);
    const e = await entry();
    expect(JSON.stringify(e.parameters.notice_months) === '{"value":3,"source":"compact"}' &&
      JSON.stringify(e.parameters.consultation_weeks) === '{"value":8,"source":"compact"}', show(JSON.stringify(e.parameters), 300));
  });

  await test('trust content: a check request\'s own parameters may hold any value (notice_months 1)', async () => {
    const r = await api(P, T.member, 'POST', '/api/v1/checks', { compact_id: id, parameters: { notice_months: 1 }, as_of: '2012-06-01',
      activity: { kind: 'funding_change', change: 'end', notice_date: '2012-02-01', notice_in_writing: true, effective_date: '2012-03-01' } });
    const c = json(r);
    expect(r.status === 200 && c.parameters.notice_months.value === 1 && c.parameters.notice_months.source === 'request' &&
      c.findings[0].verdict === 'met' && !c.findings[0].explanation.includes('national Compact'), show(r.text, 400));
  });

  await test('trust content: a recorded consultation on that Compact says its 8 weeks are less than the national 12', async () => {
    const r = await api(P, T.admin, 'POST', `/api/v1/compacts/${id}/activities`,
      { organisation: 'GB-CHC-2222222', activity: { kind: 'consultation', opens: '2012-01-01', closes: '2012-02-26', feedback_date: '2012-03-20' } });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    const f = await api(P, T.admin, 'POST', `/api/v1/compacts/${id}/activities`,
      { organisation: 'GB-CHC-2222222', activity: { kind: 'funding_change', change: 'end', notice_date: '2012-02-01', notice_in_writing: true, effective_date: '2012-05-01' } });
    expect(f.status === 201, `${f.status} ${show(f.text)}`);
    const csv = await request(P, { path: `/api/v1/compacts/${id}/findings.csv`, headers: bearer(T.admin) });
    const lines = csv.text.split('\r\n');
    const length = lines.find((l) => l.includes(',consultation.length,'));
    const feedback = lines.find((l) => l.includes(',consultation.feedback,'));
    const notice = lines.find((l) => l.includes(',funding.notice,'));
    expect(length && length.includes(',met,') && length.includes(`8 weeks (the Compact's local parameter) means closing no earlier than 2012-02-26; ${WEAKER}.`),
      `consultation.length: ${show(length, 400)}`);
    expect(feedback && !feedback.includes('national Compact'), `consultation.feedback uses the national 12 weeks: ${show(feedback, 300)}`);
    expect(notice && notice.includes('(the Compact\'s local parameter)') && !notice.includes('national Compact'),
      `funding.notice with the local 3 months, not weaker: ${show(notice, 300)}`);
  });

  // ---- item 9: the history page does not leak ----

  await test('trust content: a member reads /history/compact/{id} with no sign-in email, people by name and role', async () => {
    const m = await session(P, 'mo@trust.test', pw.member);
    const r = await request(P, { path: `/history/compact/${id}`, headers: cookieHeader(m.cookie) });
    expect(r.status === 200, `${r.status}`);
    expect(!r.text.includes('cora@trust.test') && !r.text.includes('ada@trust.test') && !r.text.includes('@trust.test'),
      `an email on the page: ${show(r.text.slice(Math.max(0, r.text.indexOf('@trust.test') - 200)), 300)}`);
    expect(r.text.includes('Cora Coordinator, coordinator') && r.text.includes('Created by Ada Admin, admin') &&
      r.text.includes('Local parameters changed by Cora Coordinator, coordinator'), show(r.text.slice(r.text.indexOf('<main')), 600));
  });

  await test('trust content: the history lists changed fields with GOV.UK dates, not raw JSON', async () => {
    const m = await session(P, 'mo@trust.test', pw.member);
    const t = (await request(P, { path: `/history/compact/${id}`, headers: cookieHeader(m.cookie) })).text;
    const main = t.slice(t.indexOf('<main'));
    expect(!main.includes('{&quot;') && !main.includes('{"') && !main.includes('2010-04-01') && !main.includes('E08000009'), show(main, 600));
    expect(main.includes('<th scope="row" class="govuk-table__header">Adopted</th>') && main.includes('1 April 2010') &&
      main.includes('<th scope="row" class="govuk-table__header">Review due</th>') && main.includes('15 January 2015') &&
      main.includes('Active from 1 April 2010') && main.includes('>Trafford<'), show(main, 800));
    expect(main.includes('Length of a formal written consultation') && main.includes('National default (12 weeks)') &&
      main.includes('8 weeks') && main.includes('>Before<') && main.includes('>After<'), 'the parameters are not listed one by one');
  });

  await test('trust content: an admin reads the coordinator\'s email on the history page', async () => {
    const a = await session(P, 'ada@trust.test', pw.admin);
    const r = await request(P, { path: `/history/compact/${id}`, headers: cookieHeader(a.cookie) });
    expect(r.status === 200 && r.text.includes('Cora Coordinator, coordinator (cora@trust.test)'), show(r.text.slice(r.text.indexOf('<main')), 600));
  });

  await test('trust content: GET /api/v1/audit gives a member names, not emails; an admin the emails', async () => {
    const mine = await api(P, T.member, 'GET', `/api/v1/audit?kind=compact&entity=${id}`);
    const admins = await api(P, T.admin, 'GET', `/api/v1/audit?kind=compact&entity=${id}`);
    const m = json(mine);
    const patch = m.find((e) => e.action === 'update');
    expect(mine.status === 200 && !mine.text.includes('@trust.test') && patch && JSON.stringify(patch.after.coordinators) === '["Cora Coordinator"]',
      show(mine.text, 400));
    expect(admins.status === 200 && admins.text.includes('"coordinators":["cora@trust.test"]'), show(admins.text, 400));
    const e = json(await api(P, T.member, 'GET', `/api/v1/compacts/${id}`));
    expect(!e.coordinators || e.coordinators.length === 0, `the entry shows a member ${JSON.stringify(e.coordinators)}`);
  });

  await test('trust content: the database still holds the emails (only what is shown changed)', async () => {
    const r = await sql(s.dbPath, `SELECT count(*) FROM audit WHERE kind = 'compact' AND after LIKE '%cora@trust.test%'`);
    expect(r.code === 0 && Number(r.stdout.trim()) >= 1, show(r.stdout + r.stderr));
  });
}
