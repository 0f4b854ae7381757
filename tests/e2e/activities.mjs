// Activities recorded against a Compact: POST /api/v1/compacts/{id}/activities, the findings
// CSV (pending first), `compact recheck` turning a pending feedback into a breach, and bad input.
import { run, startServer } from '../lib/server.mjs';
import { addToken, addUser, bearer, cookieHeader, csrfOf, expect, newPassword, request, session, show, tester } from './auth.mjs';

function post(port, token, path, obj) {
  return request(port, { method: 'POST', path, headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(obj) });
}

// Dates around today, so the test means the same whenever it runs.
function day(offset) {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}
const CLOSES = day(-1), OPENS = day(-1 - 84), DUE = day(-1 + 84), AFTER_DUE = day(-1 + 85);

export async function activityTests(BIN, report) {
  const test = tester(report);
  let s;
  const ok = await test('activities: a server starts', async () => {
    s = await startServer(BIN, { threads: 2 });
  });
  if (!ok) return;
  try {
    let admin, member, compact;
    const memberPassword = newPassword('m');
    await test('activities: an admin, a member and a Compact', async () => {
      await addUser(BIN, s.dbPath, 'admin@act.test', 'admin', newPassword('a'));
      await addUser(BIN, s.dbPath, 'member@act.test', 'member', memberPassword, 'GB-CHC-1111111');
      admin = (await addToken(BIN, s.dbPath, 'admin@act.test')).token;
      member = (await addToken(BIN, s.dbPath, 'member@act.test')).token;
      const r = await post(s.port, admin, '/api/v1/compacts',
        { name: 'Trafford Compact', authorities: ['E08000009'], status: 'active', status_date: '2012-04-01' });
      expect(r.status === 201, `create compact: ${r.status} ${show(r.text)}`);
      compact = JSON.parse(r.text).id;
    });
    const path = () => `/api/v1/compacts/${compact}/activities`;
    await test('activities: a member records a consultation for their organisation (201)', async () => {
      const r = await post(s.port, member, path(),
        { activity: { kind: 'consultation', opens: OPENS, closes: CLOSES, feedback_date: null } });
      expect(r.status === 201 && JSON.parse(r.text).id > 0, `${r.status} ${show(r.text)}`);
    });
    await test('activities: an admin records a funding cut for a named organisation', async () => {
      const r = await post(s.port, admin, path(),
        { organisation: 'GB-CHC-2222222', activity: { kind: 'funding_change', change: 'end', notice_date: null } });
      expect(r.status === 201, `${r.status} ${show(r.text)}`);
    });
    const bad = [
      ['parameters of its own', () => admin, { parameters: { notice_months: 6 }, activity: { kind: 'consultation' } }, 400, 'parameters'],
      ['an as_of of its own', () => admin, { as_of: '2012-01-01', activity: { kind: 'consultation' } }, 400, 'as_of'],
      ['an impossible date', () => admin, { activity: { kind: 'consultation', opens: '2012-02-30' } }, 400, 'activity.opens'],
      ['no activity', () => admin, {}, 400, 'activity'],
    ];
    for (const [name, who, body, status, param] of bad) {
      await test(`activities: bad input, ${name}: ${status} naming ${param}`, async () => {
        const r = await post(s.port, who(), path(), body);
        const p = JSON.parse(r.text);
        expect(r.status === status && p.param === param, `${r.status} ${show(r.text)}`);
      });
    }
    await test('activities: an unknown Compact is 404', async () => {
      const r = await post(s.port, admin, '/api/v1/compacts/9999/activities', { activity: { kind: 'consultation' } });
      expect(r.status === 404, `${r.status} ${show(r.text)}`);
    });
    await test('activities: nothing was stored by the bad requests (7 findings in all, pending first)', async () => {
      const r = await request(s.port, { path: `/api/v1/compacts/${compact}/findings.csv`, headers: bearer(admin) });
      const lines = r.text.trim().split('\r\n');
      expect(r.status === 200 && lines[0].startsWith('activity_id,organisation,kind'), `${r.status} ${show(r.text)}`);
      expect(lines.length === 1 + 2 + 5, `${lines.length - 1} findings: ${show(r.text, 400)}`);
      expect(new RegExp(`^1,GB-CHC-1111111,consultation,.*,consultation\\.feedback,pending,${DUE},`).test(lines[1]),
        `first row ${show(lines[1])}, want due ${DUE}`);
      expect(lines.some((l) => /,funding\.notice,breach,/.test(l) && l.includes('GB-CHC-2222222')), 'no notice breach');
    });
    await test('activities: the compliance page lists the pending step first, then the tallies', async () => {
      // Dates and months as people read them (issue 13): "15 January 2027", "December 2026".
      const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
        'October', 'November', 'December'];
      const [y, m, d] = DUE.split('-').map(Number);
      const [ty, tm] = day(0).split('-').map(Number);
      const r = await request(s.port, { path: `/compacts/${compact}/compliance`, headers: bearer(admin) });
      expect(r.status === 200 && r.text.includes('Compliance with the Compact'), `${r.status}`);
      const pendingAt = r.text.indexOf('Steps still to take'), byRule = r.text.indexOf('Findings by commitment');
      expect(pendingAt > 0 && byRule > pendingAt && r.text.includes(`${d} ${months[m - 1]} ${y}`), 'pending table missing or not first');
      expect(r.text.includes('Findings by organisation') && r.text.includes('GB-CHC-2222222') &&
        r.text.includes('Findings by month recorded') && r.text.includes(`>${months[tm - 1]} ${ty}</th>`), 'tallies missing');
      expect(r.text.includes(`href="/api/v1/compacts/${compact}/findings.csv"`), 'no CSV link');
    });
    await test('activities: a member signed in records a check from its result page, in the Compact checked', async () => {
      const org = await post(s.port, admin, '/api/v1/organisations', { org_id: 'GB-CHC-1111111', name: 'Trafford Carers', type: 'charity' });
      expect(org.status === 201, `the member's charity in the register: ${org.status} ${show(org.text)}`);
      const m = await session(s.port, 'member@act.test', memberPassword);
      const q = `change=end&effective_date-day=1&effective_date-month=4&effective_date-year=2012` +
        `&notice_date-day=1&notice_date-month=2&notice_date-year=2012&notice_in_writing=yes&as_of-day=1&as_of-month=6&as_of-year=2012` +
        `&compact=${compact}`;
      const page = await request(s.port, { path: `/checks/funding_change/result?${q}`, headers: cookieHeader(m.cookie) });
      expect(page.status === 200 && page.text.includes('Record it in Trafford Compact') &&
        page.text.includes(`href="/checks/funding_change/record?${q.replaceAll('&', '&amp;')}"`),
        `result page: ${page.status}, no offer to record it in Trafford Compact`);
      const form = await request(s.port, { path: `/checks/funding_change/record?${q}`, headers: cookieHeader(m.cookie) });
      expect(form.status === 200 && form.text.includes('<input type="hidden" name="notice_date-month" value="2">') &&
        form.text.includes(`<input type="hidden" name="compact" value="${compact}">`), `record form: ${form.status}`);
      const csrf = csrfOf(form.text);
      const body = { csrf_token: csrf, compact: String(compact), change: 'end', 'effective_date-day': '1', 'effective_date-month': '4',
        'effective_date-year': '2012', 'notice_date-day': '1', 'notice_date-month': '2', 'notice_date-year': '2012', notice_in_writing: 'yes',
        title: 'Carers grant ends', organisation: 'GB-CHC-1111111', amount: '£4,000',
        'decision_date-day': '15', 'decision_date-month': '1', 'decision_date-year': '2012' };
      const r = await request(s.port, { method: 'POST', path: '/checks/funding_change/record', headers: cookieHeader(m.cookie), body });
      expect(r.status === 303 && /^\/compacts\/\d+\/activities\/\d+\?saved=recorded$/.test(r.headers.location) &&
        r.headers.location.startsWith(`/compacts/${compact}/`), `${r.status} ${r.headers.location} ${show(r.text)}`);
      const csv = await request(s.port, { path: `/api/v1/compacts/${compact}/findings.csv`, headers: bearer(admin) });
      expect(/GB-CHC-1111111,funding_change,.*,funding\.notice,breach,,"?Notice given 2012-02-01/.test(csv.text), show(csv.text, 600));
      const shown = await request(s.port, { path: r.headers.location, headers: cookieHeader(m.cookie) });
      expect(shown.status === 200 && shown.text.includes('Recorded in Trafford Compact') && shown.text.includes('Carers grant ends') &&
        shown.text.includes('Trafford Carers') && shown.text.includes('£4,000.00') && shown.text.includes('15 January 2012'),
        `the activity's page: ${shown.status} ${show(shown.text.slice(0, 300))}`);
      const noCsrf = await request(s.port, { method: 'POST', path: '/checks/funding_change/record', headers: cookieHeader(m.cookie),
        body: { ...body, csrf_token: 'x' } });
      expect(noCsrf.status === 403, `without the CSRF token: ${noCsrf.status}`);
    });
    await test('activities: signed out, the result page asks to sign in to record it, and comes back to it', async () => {
      const q = `formal=yes&compact=${compact}`;
      const page = await request(s.port, { path: `/checks/consultation/result?${q}` });
      const next = encodeURIComponent(`/checks/consultation/result?${q}`);
      expect(page.status === 200 && page.text.includes('Signing in lets you record this check') &&
        page.text.includes(`href="/login?next=${next}"`) && !page.text.includes('/record?'), `${page.status}`);
      const login = await request(s.port, { path: `/login?next=${next}` });
      expect(login.text.includes(`name="next" value="/checks/consultation/result?formal=yes&amp;compact=${compact}"`), 'no next on the form');
      const r = await request(s.port, { method: 'POST', path: '/login',
        body: { email: 'member@act.test', password: memberPassword, next: `/checks/consultation/result?${q}` } });
      expect(r.status === 303 && r.headers.location === `/checks/consultation/result?${q}`, `${r.status} ${r.headers.location}`);
      for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/\t/evil.example', 'evil.example']) {
        const b = await request(s.port, { method: 'POST', path: '/login', body: { email: 'member@act.test', password: memberPassword, next: bad } });
        expect(b.status === 303 && b.headers.location === '/', `next=${JSON.stringify(bad)}: ${b.status} ${b.headers.location}`);
      }
    });
    await test('activities: a Compact\'s own parameters apply to checks and re-check its activities', async () => {
      const put = (token, body) => request(s.port, { method: 'PUT', path: `/api/v1/compacts/${compact}/parameters`,
        headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const r = await put(admin, { feedback_weeks: 4, notice_months: 6 });
      const j = JSON.parse(r.text);
      expect(r.status === 200 && j.rechecked === 3 && j.changed >= 1, `${r.status} ${show(r.text)}`);
      const csv = await request(s.port, { path: `/api/v1/compacts/${compact}/findings.csv`, headers: bearer(admin) });
      expect(/consultation\.feedback,[a-z]+,[^,]*,"?The consultation closed .*4 weeks \(the Compact's local parameter\)/.test(csv.text),
        show(csv.text, 500));
      const chk = await post(s.port, admin, '/api/v1/checks', { compact_id: compact, as_of: '2012-06-01',
        activity: { kind: 'funding_change', change: 'end', notice_date: '2012-02-01', notice_in_writing: true, effective_date: '2012-06-01' } });
      const c = JSON.parse(chk.text);
      expect(chk.status === 200 && c.parameters.notice_months.value === 6 && c.parameters.notice_months.source === 'compact' &&
        c.findings[0].earliest_end_date === '2012-08-01', show(chk.text, 300));
      const bad = await put(admin, { notice_weeks: 3 });
      expect(bad.status === 400 && JSON.parse(bad.text).param === 'parameters.notice_weeks', `${bad.status} ${show(bad.text)}`);
      const neg = await put(admin, { notice_months: -1 });
      expect(neg.status === 400 && JSON.parse(neg.text).param === 'parameters.notice_months', `${neg.status}`);
      const byMember = await put(member, { notice_months: 1 });
      expect(byMember.status === 403, `a member: ${byMember.status}`);
      await addUser(BIN, s.dbPath, 'coord@act.test', 'coordinator', newPassword('c'));
      const coord = (await addToken(BIN, s.dbPath, 'coord@act.test')).token;
      const notTheirs = await put(coord, { notice_months: 1 });
      expect(notTheirs.status === 403 && /coordinator of this Compact/.test(notTheirs.text),
        `a coordinator of another Compact: ${notTheirs.status} ${show(notTheirs.text)}`);
      const missing = await request(s.port, { method: 'PUT', path: '/api/v1/compacts/999999/parameters',
        headers: { ...bearer(coord), 'Content-Type': 'application/json' }, body: '{}' });
      expect(missing.status === 404, `a Compact that does not exist: ${missing.status}`);
      const audit = JSON.parse((await request(s.port, { path: `/api/v1/audit?kind=compact&entity=${compact}`, headers: bearer(admin) })).text);
      const last = audit[audit.length - 1];
      expect(last.action === 'parameters' && last.after.parameters.notice_months === 6 && last.before.parameters !== undefined,
        show(JSON.stringify(last), 300));
    });
    await test('activities: the compliance page sends nobody to sign in', async () => {
      const r = await request(s.port, { path: `/compacts/${compact}/compliance` });
      expect(r.status === 303 && /^\/login\?next=/.test(r.headers.location || ''), `${r.status} ${r.headers.location}`);
    });
    await test('activities: the findings need a sign-in (401 for nobody)', async () => {
      const r = await request(s.port, { path: `/api/v1/compacts/${compact}/findings.csv` });
      expect(r.status === 401, `${r.status}`);
    });
    await test('activities: every record is in the audit trail', async () => {
      const r = await request(s.port, { path: '/api/v1/audit?kind=activity&entity=2', headers: bearer(admin) });
      const a = JSON.parse(r.text);
      expect(r.status === 200 && a.length === 1 && a[0].after.org_id === 'GB-CHC-2222222' &&
        a[0].after.facts.change === 'end', `${r.status} ${show(r.text)}`);
    });
    await test('activities: `compact recheck --as-of` after the due date turns pending into breach', async () => {
      const rc = await run(BIN, ['recheck', '--db', s.dbPath, '--as-of', AFTER_DUE]);
      expect(rc.code === 0 && /re-checked 3 activities/.test(rc.stdout), `exit ${rc.code}: ${show(rc.stdout + rc.stderr)}`);
      const r = await request(s.port, { path: `/api/v1/compacts/${compact}/findings.csv`, headers: bearer(admin) });
      expect(/consultation\.feedback,breach,/.test(r.text) && !/,pending,/.test(r.text), show(r.text, 300));
    });
    await test('activities: changing an activity checks it again; a member changes only their own', async () => {
      const put = (token, id, body) => request(s.port, { method: 'PUT', path: `/api/v1/compacts/${compact}/activities/${id}`,
        headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const r = await put(member, 1, { activity: { kind: 'consultation', opens: OPENS, closes: CLOSES, feedback_date: CLOSES } });
      expect(r.status === 200 && JSON.parse(r.text).id === 1, `${r.status} ${show(r.text)}`);
      const csv = await request(s.port, { path: `/api/v1/compacts/${compact}/findings.csv`, headers: bearer(admin) });
      expect(/^1,GB-CHC-1111111,consultation,.*,consultation\.feedback,met,/m.test(csv.text), show(csv.text, 500));
      const other = await put(member, 2, { activity: { kind: 'funding_change', change: 'end', notice_date: null } });
      expect(other.status === 404, `another organisation's activity: ${other.status}`);
      const badDate = await put(member, 1, { activity: { kind: 'consultation', opens: '2012-02-30' } });
      expect(badDate.status === 400 && JSON.parse(badDate.text).param === 'activity.opens', `${badDate.status}`);
      const audit = JSON.parse((await request(s.port, { path: '/api/v1/audit?kind=activity&entity=1', headers: bearer(admin) })).text);
      const last = audit[audit.length - 1];
      expect(last.action === 'update' && last.before.facts.feedback_date === null && last.after.facts.feedback_date === CLOSES,
        show(JSON.stringify(last), 300));
    });
    await test('activities: a member names the organisation affected, any in the register or none; the record is their organisation\'s', async () => {
      const r = await post(s.port, member, path(), { organisation: 'GB-CHC-2222222', title: 'Cut to another charity',
        activity: { kind: 'funding_change', change: 'end', notice_date: null } });
      expect(r.status === 201, `${r.status} ${show(r.text)}`);
      const got = JSON.parse((await request(s.port, { path: `${path()}/${JSON.parse(r.text).id}`, headers: bearer(member) })).text);
      expect(got.organisation?.org_id === 'GB-CHC-2222222' && got.recorded_for?.org_id === 'GB-CHC-1111111' &&
        got.recorded_for?.name === 'Trafford Carers' && got.title === 'Cut to another charity', show(JSON.stringify(got), 300));
      const none = await post(s.port, member, path(), { organisation: null, activity: { kind: 'consultation' } });
      const gotNone = JSON.parse((await request(s.port, { path: `${path()}/${JSON.parse(none.text).id}`, headers: bearer(member) })).text);
      expect(none.status === 201 && gotNone.organisation === null && gotNone.recorded_for?.org_id === 'GB-CHC-1111111', show(none.text));
    });
    await test('activities: `compact recheck` refuses a bad date (exit 2)', async () => {
      const rc = await run(BIN, ['recheck', '--db', s.dbPath, '--as-of', '2027-02-30']);
      expect(rc.code === 2, `exit ${rc.code}`);
    });
  } finally {
    const code = await s.stop();
    report('activities: the server exits 0', code === 0, `exit ${code}`);
  }
}
