// The access policy by object, through the real server (issue 11, item 1): a coordinator writes
// only to the Compacts they coordinate (the API's POST and PUT of an activity, the record form
// and its choice of Compacts), only an admin moves an activity to another organisation, and a
// coordinator changes only the organisations they added or that sign a Compact they
// coordinate, never a council's record. Each refusal is checked to have stored nothing.
//
//   import { trustPolicyTests } from './trust_policy.mjs';
//   await trustPolicyTests(BIN, report);   // report(name, ok, why)
import {
  addToken, addUser, bearer, cookieHeader, csrfOf, expect, newPassword, onServer, request, session, show,
} from './auth.mjs';
import { json, sql } from './organisations.mjs';

const MEMBER_ORG = 'GB-CHC-1111111';
const CUT = { kind: 'funding_change', change: 'end', notice_date: '2012-02-01', notice_in_writing: true, effective_date: '2012-04-01' };
// The record form's answers for CUT (the check pages' fields; permissions.mjs records them too).
export const CUT_FORM = {
  change: 'end', 'notice_date-day': '1', 'notice_date-month': '2', 'notice_date-year': '2012', notice_in_writing: 'yes',
  'effective_date-day': '1', 'effective_date-month': '4', 'effective_date-year': '2012',
};

// A 403 problem reply (RFC 9457), optionally naming param and saying says.
function forbidden(res, param, says) {
  const p = json(res);
  return res.status === 403 && /^application\/problem\+json/.test(res.headers['content-type'] || '') && p?.status === 403 &&
    (param === undefined || p.param === param) && (!says || says.test(p.detail || ''));
}

export async function trustPolicyTests(BIN, report) {
  await onServer(BIN, report, 'trust policy', (s, test) => tests(BIN, s, test));
}

async function tests(BIN, s, test) {
  const P = s.port;
  const who = {};
  const send = (method, path, token, body) => request(P, {
    method, path, headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const activities = async () => Number(await sql(s.dbPath, 'SELECT count(*) FROM activity'));
  const activity = async (id) => sql(s.dbPath, `SELECT coalesce(org_id, '-') || '|' || facts FROM activity WHERE id = ${Number(id)}`);
  const organisation = async (ref) => (await request(P, { path: `/api/v1/organisations/${ref}` })).text;
  let A, B;

  const ready = await test('trust policy: an admin, a member, coordinators of Compacts A and B (each adding theirs)', async () => {
    for (const [role, name, org] of [['admin', 'admin'], ['coordinator', 'coordA'], ['coordinator', 'coordB'], ['member', 'member', MEMBER_ORG]]) {
      const email = `${name}@trust.test`;
      const password = newPassword(name);
      await addUser(BIN, s.dbPath, email, role, password, org);
      who[name] = { email, password, token: (await addToken(BIN, s.dbPath, email)).token };
    }
    const make = async (name, token) => {
      const r = await send('POST', '/api/v1/compacts', token, { name, authorities: ['E08000009'], status: 'active', status_date: '2012-04-01' });
      expect(r.status === 201, `${name}: ${r.status} ${show(r.text)}`);
      return json(r).id;
    };
    A = await make('Compact A', who.coordA.token);
    B = await make('Compact B', who.coordB.token);
    const coords = (await sql(s.dbPath, `SELECT c.compact_id || ':' || u.email FROM compact_coordinator c ` +
      `JOIN "user" u ON u.id = c.user_id ORDER BY c.compact_id`)).split('\n').join(',');
    expect(coords === `${A}:coordA@trust.test,${B}:coordB@trust.test`, `coordinators: ${coords}`);
  });
  if (!ready) return;

  // ---- activities through the API
  const record = (token, cid, body) => send('POST', `/api/v1/compacts/${cid}/activities`, token, body);
  const change = (token, cid, id, body) => send('PUT', `/api/v1/compacts/${cid}/activities/${id}`, token, body);
  let actA, actB;
  await test('trust policy: a coordinator records an activity on their own Compact (201)', async () => {
    const r = await record(who.coordA.token, A, { organisation: 'GB-CHC-2000001', activity: CUT });
    actA = json(r)?.id;
    expect(r.status === 201 && actA > 0, `${r.status} ${show(r.text)}`);
    const rb = await record(who.coordB.token, B, { organisation: 'GB-CHC-2000002', activity: CUT });
    actB = json(rb)?.id;
    expect(rb.status === 201 && actB > 0, `coordinator B on B: ${rb.status} ${show(rb.text)}`);
  });

  await test('trust policy: the coordinator of A posting an activity to B is 403 (problem JSON) and stores nothing', async () => {
    const n = await activities();
    const audits = await sql(s.dbPath, "SELECT count(*) FROM audit WHERE kind = 'activity'");
    const r = await record(who.coordA.token, B, { organisation: 'GB-CHC-2000001', activity: CUT });
    expect(forbidden(r, undefined, /coordinator of this Compact/), `${r.status} ${r.headers['content-type']} ${show(r.text)}`);
    const bad = await record(who.coordA.token, B, { activity: { kind: 'nonsense' } });
    expect(forbidden(bad), `a bad body to B: ${bad.status} ${show(bad.text)} (the refusal comes first)`);
    expect(await activities() === n, 'an activity was stored');
    expect(await sql(s.dbPath, "SELECT count(*) FROM audit WHERE kind = 'activity'") === audits, 'an audit entry was written');
  });

  await test('trust policy: a Compact that does not exist is still 404 for a coordinator', async () => {
    const r = await record(who.coordA.token, 999999, { activity: CUT });
    expect(r.status === 404 && json(r)?.param === 'id', `${r.status} ${show(r.text)}`);
  });

  await test('trust policy: the coordinator of A rewriting B\'s activity (PUT) is 403 and changes nothing', async () => {
    const was = await activity(actB);
    const r = await change(who.coordA.token, B, actB, { organisation: 'GB-CHC-2000002', activity: { ...CUT, notice_in_writing: false } });
    expect(forbidden(r, undefined, /coordinator of this Compact/), `${r.status} ${show(r.text)}`);
    const viaA = await change(who.coordA.token, A, actB, { organisation: 'GB-CHC-2000002', activity: CUT });
    expect(viaA.status === 404, `B's activity through A's path: ${viaA.status} ${show(viaA.text)}`);
    expect(await activity(actB) === was, `changed: ${await activity(actB)}`);
  });

  await test('trust policy: a member still records on any Compact, for their own organisation only', async () => {
    const r = await record(who.member.token, B, { activity: CUT });
    expect(r.status === 201 && (await activity(json(r).id)).startsWith(`${MEMBER_ORG}|`), `${r.status} ${show(r.text)}`);
  });

  // ---- moving an activity to another organisation
  await test('trust policy: a coordinator moving their activity to another organisation is 403 naming organisation', async () => {
    const was = await activity(actA);
    const r = await change(who.coordA.token, A, actA, { organisation: 'GB-CHC-2000009', activity: CUT });
    expect(forbidden(r, 'organisation', /Only an admin may move/), `${r.status} ${show(r.text)}`);
    const none = await change(who.coordA.token, A, actA, { activity: CUT });
    expect(forbidden(none, 'organisation'), `taking its organisation away: ${none.status} ${show(none.text)}`);
    expect(await activity(actA) === was, `changed: ${await activity(actA)}`);
  });

  await test('trust policy: a coordinator changes their activity keeping its organisation (200)', async () => {
    const r = await change(who.coordA.token, A, actA, { organisation: 'GB-CHC-2000001', activity: { ...CUT, notice_in_writing: false } });
    expect(r.status === 200, `${r.status} ${show(r.text)}`);
    expect(/^GB-CHC-2000001\|.*"notice_in_writing":false/.test(await activity(actA)), await activity(actA));
  });

  await test('trust policy: an admin moves an activity to another organisation (200)', async () => {
    const r = await change(who.admin.token, A, actA, { organisation: 'GB-CHC-2000009', activity: CUT });
    expect(r.status === 200, `${r.status} ${show(r.text)}`);
    expect((await activity(actA)).startsWith('GB-CHC-2000009|'), await activity(actA));
  });

  // ---- the record form
  let cs;
  await test('trust policy: a result is offered for recording only in the Compact checked, and only where the person may record', async () => {
    cs = await session(P, who.coordA.email, who.coordA.password);
    const q = (cid) => `/checks/funding_change/result?${new URLSearchParams({ ...CUT_FORM, compact: String(cid) })}`;
    const onA = await request(P, { path: q(A), headers: cookieHeader(cs.cookie) });
    expect(onA.status === 200 && onA.text.includes('Record it in Compact A') && !/<select[^>]*name="compact"/.test(onA.text),
      `A: ${onA.status} ${show(onA.text.slice(-1500), 600)}`);
    const onB = await request(P, { path: q(B), headers: cookieHeader(cs.cookie) });
    expect(onB.status === 200 && onB.text.includes('You cannot record it in Compact B') && /coordinator of this Compact/.test(onB.text) &&
      !onB.text.includes('Record it in Compact') && !onB.text.includes('/record?'), `B: ${show(onB.text.slice(-1500), 600)}`);
    const admin = await session(P, who.admin.email, who.admin.password);
    const all = await request(P, { path: q(B), headers: cookieHeader(admin.cookie) });
    expect(all.text.includes('Record it in Compact B'), 'an admin is not offered B');
    const form = await request(P, { path: q(B).replace('/result?', '/record?'), headers: cookieHeader(cs.cookie) });
    expect(form.status === 403 && /coordinator of this Compact/.test(form.text), `the record form of B for the coordinator of A: ${form.status}`);
  });

  await test('trust policy: the record form posted for B by the coordinator of A is refused (403) and stores nothing', async () => {
    const n = await activities();
    const r = await request(P, { method: 'POST', path: '/checks/funding_change/record', headers: cookieHeader(cs.cookie),
      body: { csrf_token: cs.csrf, compact: String(B), organisation: 'GB-LAE-TRF', ...CUT_FORM } });
    expect(r.status === 403 && /coordinator of this Compact/.test(r.text) && /text\/html/.test(r.headers['content-type']),
      `${r.status} ${show(r.text.slice(0, 300))}`);
    expect(await activities() === n, 'an activity was stored');
    const mine = await request(P, { method: 'POST', path: '/checks/funding_change/record', headers: cookieHeader(cs.cookie),
      body: { csrf_token: cs.csrf, compact: String(A), title: 'Trafford cut', organisation: 'GB-LAE-TRF', ...CUT_FORM,
        'decision_date-day': '1', 'decision_date-month': '1', 'decision_date-year': '2012' } });
    expect(mine.status === 303 && new RegExp(`^/compacts/${A}/activities/\\d+\\?saved=recorded$`).test(mine.headers.location) &&
      await activities() === n + 1, `for A: ${mine.status} ${mine.headers.location} ${show(mine.text.slice(0, 300))}`);
  });

  // ---- organisations
  const patch = (token, ref, body) => send('PATCH', `/api/v1/organisations/${ref}`, token, body);
  const addOrg = async (token, org_id, name) => {
    const r = await send('POST', '/api/v1/organisations', token, { org_id, name, type: 'charity' });
    expect(r.status === 201, `adding ${org_id}: ${r.status} ${show(r.text)}`);
  };
  const sign = async (token, cid, organisation) => {
    const r = await send('POST', `/api/v1/compacts/${cid}/signatories`, token, { organisation, signed_on: '2012-04-01', role: 'Chair' });
    expect(r.status === 201, `signing ${organisation} to ${cid}: ${r.status} ${show(r.text)}`);
  };
  await test('trust policy: organisations added by each coordinator; a council and one of B\'s sign Compact A', async () => {
    await addOrg(who.coordA.token, 'GB-CHC-3000001', 'Added by A');
    await addOrg(who.coordB.token, 'GB-CHC-3000002', 'Added by B, signing nothing of A');
    await addOrg(who.coordB.token, 'GB-CHC-3000003', 'Added by B, signing A');
    await sign(who.coordA.token, A, 'GB-CHC-3000003');
    await sign(who.coordA.token, A, 'GB-LAE-TRF');
    await sign(who.coordB.token, B, 'GB-CHC-3000002');
  });

  await test('trust policy: a coordinator PATCHing a council\'s record is 403 (though it signs their Compact) and changes nothing', async () => {
    const was = await organisation('GB-LAE-TRF');
    const r = await patch(who.coordA.token, 'GB-LAE-TRF', { website: 'https://trafford.example' });
    expect(forbidden(r, undefined, /council's record/), `${r.status} ${show(r.text)}`);
    expect(await organisation('GB-LAE-TRF') === was, 'it changed');
    const admin = await patch(who.admin.token, 'GB-LAE-TRF', { website: 'https://trafford.example' });
    expect(admin.status === 200 && json(admin).website === 'https://trafford.example', `an admin: ${admin.status} ${show(admin.text)}`);
  });

  await test('trust policy: an organisation another coordinator added, signing nothing of theirs, is 403', async () => {
    const was = await organisation('GB-CHC-3000002');
    const r = await patch(who.coordA.token, 'GB-CHC-3000002', { name: 'Taken over' });
    expect(forbidden(r), `${r.status} ${show(r.text)}`);
    const empty = await patch(who.coordA.token, 'GB-CHC-3000002', {});
    expect(forbidden(empty), `an empty patch: ${empty.status}`);
    expect(await organisation('GB-CHC-3000002') === was, 'it changed');
    const theirs = await patch(who.coordB.token, 'GB-CHC-3000002', { name: 'Renamed by B' });
    expect(theirs.status === 200 && json(theirs).name === 'Renamed by B', `by the coordinator who added it: ${theirs.status}`);
  });

  await test('trust policy: one that signs their Compact is 200, as is one they added', async () => {
    const r = await patch(who.coordA.token, 'GB-CHC-3000003', { name: 'Signs A, renamed by A' });
    expect(r.status === 200 && json(r).name === 'Signs A, renamed by A', `${r.status} ${show(r.text)}`);
    const own = await patch(who.coordA.token, 'GB-CHC-3000001', { website: 'https://a.example' });
    expect(own.status === 200 && json(own).website === 'https://a.example', `their own: ${own.status} ${show(own.text)}`);
  });

  await test('trust policy: a coordinator may not make an organisation a council (403)', async () => {
    const was = await organisation('GB-CHC-3000001');
    const r = await patch(who.coordA.token, 'GB-CHC-3000001', { type: 'council' });
    expect(forbidden(r), `${r.status} ${show(r.text)}`);
    expect(await organisation('GB-CHC-3000001') === was, 'it changed');
  });

  await test('trust policy: the pages offer and take changes by the same rule', async () => {
    const council = await request(P, { path: '/organisations/GB-LAE-TRF', headers: cookieHeader(cs.cookie) });
    const signs = await request(P, { path: '/organisations/GB-CHC-3000003', headers: cookieHeader(cs.cookie) });
    const other = await request(P, { path: '/organisations/GB-CHC-3000002', headers: cookieHeader(cs.cookie) });
    expect(council.status === 200 && !council.text.includes('Change these details'), 'a change button on a council');
    expect(!other.text.includes('Change these details'), 'a change button on another coordinator\'s');
    expect(signs.text.includes('href="/organisations/GB-CHC-3000003/edit"'), 'no change button on one signing their Compact');
    const form = await request(P, { path: '/organisations/GB-LAE-TRF/edit', headers: cookieHeader(cs.cookie) });
    expect(form.status === 403 && form.text.includes('council'), `the council's form: ${form.status}`);
    const was = await organisation('GB-LAE-TRF');
    const post = await request(P, { method: 'POST', path: '/organisations/GB-LAE-TRF', headers: cookieHeader(cs.cookie),
      body: { csrf_token: cs.csrf, name: 'Trafford', org_id: 'GB-LAE-TRF', type: 'council', sector: '', website: '' } });
    expect(post.status === 403 && await organisation('GB-LAE-TRF') === was, `posting the council's form: ${post.status}`);
    const ok = await request(P, { method: 'POST', path: '/organisations/GB-CHC-3000003', headers: cookieHeader(cs.cookie),
      body: { csrf_token: cs.csrf, name: 'Signs A', org_id: 'GB-CHC-3000003', type: 'charity', sector: '', website: '' } });
    expect(ok.status === 303, `one signing their Compact: ${ok.status}`);
  });
}
